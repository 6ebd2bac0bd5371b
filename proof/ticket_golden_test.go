package proof

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// Regenerate the job-ticket golden vectors with
//
//	go test ./proof -run TestTicketGoldenVectors -update
//
// and review the diff: every changed byte is a change of the ticket format.
const ticketVectorsPath = "../testdata/proof/tickets.json"

// The JSON layout of testdata/proof/tickets.json, documented in
// testdata/proof/README.md beside vectors.json.
type ticketVectorFile struct {
	Comment []string           `json:"comment"`
	Version int                `json:"version"`
	Miner   ticketMinerVec     `json:"miner"`
	Tickets []ticketVec        `json:"tickets"`
	Refused []refusedTicketVec `json:"refused"`
}

// ticketMinerVec is the miner every vector ticket is leased to.
type ticketMinerVec struct {
	Scheme    string `json:"scheme"`
	KeySeed   string `json:"key_seed"`
	PublicKey string `json:"public_key"`
	MinerID   string `json:"miner_id"`
}

type ticketVec struct {
	Scheme           string `json:"scheme"`
	GatewayKeySeed   string `json:"gateway_key_seed"`
	GatewayPublicKey string `json:"gateway_public_key"`
	GatewayID        string `json:"gateway_id"`
	ChainID          uint32 `json:"chain_id"`
	JobID            string `json:"job_id"`
	MinerID          string `json:"miner_id"`
	ModelHash        string `json:"model_hash"`
	InputHash        string `json:"input_hash"`
	Budget           string `json:"budget"`
	Expiry           string `json:"expiry"`
	SigningMessage   string `json:"signing_message"`
	Signature        string `json:"signature"`
	Encoding         string `json:"encoding"`
	TicketID         string `json:"ticket_id"`
}

// refusedTicketVec is an encoding every decoder must refuse, with the
// field it must name.
type refusedTicketVec struct {
	Name     string `json:"name"`
	Encoding string `json:"encoding"`
	Field    string `json:"field"`
	Error    string `json:"error"` // the Go decoder's message
}

// ticketInput is everything a ticket vector is built from; the miner is
// testKey(MLDSA44), the key of the first proof in vectors.json.
type ticketInput struct {
	scheme  Scheme // of the gateway key, otherTestKey(scheme)
	chainID uint32
	fill    byte // first byte of the job id; model and input hashes follow
	budget  uint64
	expiry  uint64
}

var ticketInputs = []ticketInput{
	{scheme: MLDSA44, chainID: 6133, fill: 0x10, budget: 5000, expiry: 1_767_226_200},
	{scheme: MLDSA65, chainID: 96369, fill: 0x40, budget: 1<<40 + 5, expiry: 1_767_226_201},
	{scheme: MLDSA87, chainID: 200200, fill: 0x80, budget: ^uint64(0), expiry: 0xfffffffffffffff0},
}

// ticketVectorMiner is the miner key the vector tickets name.
func ticketVectorMiner(t testing.TB) *PrivateKey { return testKey(t, MLDSA44) }

// buildTicket signs the ticket of one input deterministically.
func buildTicket(t testing.TB, in ticketInput) *JobTicket {
	t.Helper()
	tk := &JobTicket{
		ChainID:   in.chainID,
		JobID:     fillHash(in.fill),
		MinerID:   ticketVectorMiner(t).Public().ID(),
		ModelHash: fillHash(in.fill + 0x20),
		InputHash: fillHash(in.fill + 0x40),
		Budget:    in.budget,
		Expiry:    in.expiry,
	}
	require.NoError(t, tk.Sign(otherTestKey(t, in.scheme), true))
	return tk
}

// legacyTicketV1 encodes tk in the retired version-1 layout (no miner id),
// validly signed by gw: what an old gateway would send.
//
//	version(1)=1 chain_id(4) job_id(32) model_hash(32) input_hash(32)
//	budget(8) expiry(8) public_key_length(2) public_key signature
func legacyTicketV1(t testing.TB, tk *JobTicket, gw *PrivateKey) []byte {
	t.Helper()
	pub := gw.Public().Bytes()
	b := []byte{1}
	b = binary.BigEndian.AppendUint32(b, tk.ChainID)
	b = append(b, tk.JobID[:]...)
	b = append(b, tk.ModelHash[:]...)
	b = append(b, tk.InputHash[:]...)
	b = binary.BigEndian.AppendUint64(b, tk.Budget)
	b = binary.BigEndian.AppendUint64(b, tk.Expiry)
	b = binary.BigEndian.AppendUint16(b, uint16(len(pub)))
	b = append(b, pub...)
	sig, err := gw.Sign(b, ContextJobTicket, true)
	require.NoError(t, err)
	return append(b, sig...)
}

// refusedTicketVectors are encodings that must be refused: retired
// version-1 tickets (an ML-DSA-65 one has a length a version-2 ticket can
// have, so only the version byte tells them apart), a future version, and a
// version-2 ticket that names no miner.
func refusedTicketVectors(t testing.TB) []refusedTicketVec {
	t.Helper()
	zeroMiner := buildTicket(t, ticketInputs[0]).Encode()
	clear(zeroMiner[1+4+32 : 1+4+32+32])
	v3 := buildTicket(t, ticketInputs[0]).Encode()
	v3[0] = 3
	cases := []struct {
		name string
		enc  []byte
	}{
		{"version 1, ML-DSA-44 gateway", legacyTicketV1(t, buildTicket(t, ticketInputs[0]), otherTestKey(t, MLDSA44))},
		{"version 1, ML-DSA-65 gateway", legacyTicketV1(t, buildTicket(t, ticketInputs[1]), otherTestKey(t, MLDSA65))},
		{"version 3", v3},
		{"zero miner id", zeroMiner},
	}
	var out []refusedTicketVec
	for _, c := range cases {
		_, err := DecodeJobTicket(c.enc)
		var de *DecodeError
		require.True(t, errors.As(err, &de), "%s: %v", c.name, err)
		out = append(out, refusedTicketVec{Name: c.name, Encoding: hex.EncodeToString(c.enc), Field: de.Field, Error: de.Error()})
	}
	return out
}

func buildTicketVectors(t testing.TB) ticketVectorFile {
	t.Helper()
	miner := ticketVectorMiner(t)
	seed := miner.Seed()
	mid := miner.Public().ID()
	f := ticketVectorFile{
		Comment: []string{
			"Golden vectors of the Pars AI mining job ticket (Go package proof, ticket.go).",
			"Format: testdata/proof/README.md. Byte strings are lowercase hex; 64-bit integers are decimal strings.",
			"Regenerate: go test ./proof -run TestTicketGoldenVectors -update",
		},
		Version: int(TicketVersion),
		Miner: ticketMinerVec{
			Scheme:    MLDSA44.String(),
			KeySeed:   hex.EncodeToString(seed[:]),
			PublicKey: hex.EncodeToString(miner.Public().Bytes()),
			MinerID:   hex.EncodeToString(mid[:]),
		},
		Refused: refusedTicketVectors(t),
	}
	h := func(x Hash) string { return hex.EncodeToString(x[:]) }
	for _, in := range ticketInputs {
		tk := buildTicket(t, in)
		gwSeed := otherTestKey(t, in.scheme).Seed()
		f.Tickets = append(f.Tickets, ticketVec{
			Scheme:           in.scheme.String(),
			GatewayKeySeed:   hex.EncodeToString(gwSeed[:]),
			GatewayPublicKey: hex.EncodeToString(tk.GatewayKey),
			GatewayID:        h(tk.GatewayID()),
			ChainID:          tk.ChainID,
			JobID:            h(tk.JobID),
			MinerID:          h(tk.MinerID),
			ModelHash:        h(tk.ModelHash),
			InputHash:        h(tk.InputHash),
			Budget:           strconv.FormatUint(tk.Budget, 10),
			Expiry:           strconv.FormatUint(tk.Expiry, 10),
			SigningMessage:   hex.EncodeToString(tk.SigningMessage()),
			Signature:        hex.EncodeToString(tk.Signature),
			Encoding:         hex.EncodeToString(tk.Encode()),
			TicketID:         h(tk.ID()),
		})
	}
	return f
}

func marshalTicketVectors(t testing.TB, f ticketVectorFile) []byte {
	t.Helper()
	b, err := json.MarshalIndent(f, "", "  ")
	require.NoError(t, err)
	return append(b, '\n')
}

func TestTicketGoldenVectors(t *testing.T) {
	if *update {
		require.NoError(t, os.WriteFile(ticketVectorsPath, marshalTicketVectors(t, buildTicketVectors(t)), 0o644))
		t.Logf("wrote %s", ticketVectorsPath)
	}
	raw, err := os.ReadFile(ticketVectorsPath)
	require.NoError(t, err, "run: go test ./proof -run TestTicketGoldenVectors -update")
	var f ticketVectorFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&f))
	require.Equal(t, int(TicketVersion), f.Version)

	// The miner: key from seed, id from key.
	mseed := unhex(t, f.Miner.KeySeed)
	require.Len(t, mseed, SeedSize)
	msk, err := NewKeyFromSeed(MLDSA44, [SeedSize]byte(mseed))
	require.NoError(t, err)
	require.Equal(t, MLDSA44.String(), f.Miner.Scheme)
	require.Equal(t, unhex(t, f.Miner.PublicKey), msk.Public().Bytes())
	minerID := unhex32(t, f.Miner.MinerID)
	require.Equal(t, MinerID(msk.Public().Bytes()), minerID)

	require.Len(t, f.Tickets, len(ticketInputs))
	for i, v := range f.Tickets {
		t.Run(v.Scheme, func(t *testing.T) {
			require.Equal(t, ticketInputs[i].scheme.String(), v.Scheme)
			gseed := unhex(t, v.GatewayKeySeed)
			require.Len(t, gseed, SeedSize)
			gw, err := NewKeyFromSeed(ticketInputs[i].scheme, [SeedSize]byte(gseed))
			require.NoError(t, err)
			budget, err := strconv.ParseUint(v.Budget, 10, 64)
			require.NoError(t, err)
			expiry, err := strconv.ParseUint(v.Expiry, 10, 64)
			require.NoError(t, err)
			tk := &JobTicket{
				ChainID:    v.ChainID,
				JobID:      unhex32(t, v.JobID),
				MinerID:    unhex32(t, v.MinerID),
				ModelHash:  unhex32(t, v.ModelHash),
				InputHash:  unhex32(t, v.InputHash),
				Budget:     budget,
				Expiry:     expiry,
				GatewayKey: unhex(t, v.GatewayPublicKey),
				Signature:  unhex(t, v.Signature),
			}
			require.Equal(t, minerID, tk.MinerID, "every ticket names the vector miner")
			require.Equal(t, gw.Public().Bytes(), tk.GatewayKey, "gateway key from seed")
			require.Equal(t, unhex32(t, v.GatewayID), tk.GatewayID())
			msg := unhex(t, v.SigningMessage)
			require.Equal(t, msg, tk.SigningMessage())
			require.Equal(t, TicketVersion, msg[0])
			enc := unhex(t, v.Encoding)
			require.Equal(t, enc, tk.Encode())
			require.Equal(t, append(bytes.Clone(msg), tk.Signature...), enc)
			require.Equal(t, DomainJobTicket.Sum(msg), unhex32(t, v.TicketID))
			require.Equal(t, tk.ID(), unhex32(t, v.TicketID))

			// The stored signature verifies and deterministic signing
			// reproduces it.
			sig, err := gw.Sign(msg, ContextJobTicket, true)
			require.NoError(t, err)
			require.Equal(t, tk.Signature, sig, "deterministic signature")
			back, err := DecodeJobTicket(enc)
			require.NoError(t, err)
			require.Equal(t, tk, back)
			require.NoError(t, back.VerifySignature(gw.Public()))
			require.NoError(t, back.CheckMiner(msk.Public().Bytes()))
		})
	}

	require.NotEmpty(t, f.Refused)
	for _, v := range f.Refused {
		t.Run("refused "+v.Name, func(t *testing.T) {
			tk, err := DecodeJobTicket(unhex(t, v.Encoding))
			require.Nil(t, tk)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, v.Field, de.Field)
			require.Equal(t, v.Error, de.Error())
		})
	}

	t.Run("file is exactly what the generator writes", func(t *testing.T) {
		require.Equal(t, string(marshalTicketVectors(t, buildTicketVectors(t))), string(raw),
			"tickets.json is stale or edited by hand; regenerate with -update and review the diff")
	})
}
