package proof

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// sampleTicket is the ticket of the first golden vector: an ML-DSA-44
// gateway key (otherTestKey), leased to the miner testKey(MLDSA44).
func sampleTicket(t testing.TB) *JobTicket {
	t.Helper()
	return buildTicket(t, ticketInputs[0])
}

// sampleGateway is the key that signs sampleTicket.
func sampleGateway(t testing.TB) *PrivateKey { return otherTestKey(t, MLDSA44) }

func TestTicketSignatureIsBoundToEveryField(t *testing.T) {
	tk := sampleTicket(t)
	pk := sampleGateway(t).Public()
	edits := map[string]func(t *JobTicket){
		"chain":  func(t *JobTicket) { t.ChainID++ },
		"job":    func(t *JobTicket) { t.JobID[0] ^= 1 },
		"miner":  func(t *JobTicket) { t.MinerID[5] ^= 1 },
		"model":  func(t *JobTicket) { t.ModelHash[31] ^= 1 },
		"input":  func(t *JobTicket) { t.InputHash[3] ^= 1 },
		"budget": func(t *JobTicket) { t.Budget++ },
		"expiry": func(t *JobTicket) { t.Expiry++ },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			c := *tk
			edit(&c)
			require.NotEqual(t, tk.ID(), c.ID())
			require.ErrorIs(t, c.VerifySignature(pk), ErrBadSignature)
		})
	}
	// Another key's public key, or the same bytes signed for another purpose.
	require.ErrorIs(t, tk.VerifySignature(testKey(t, MLDSA44).Public()), ErrBadSignature)
	other, err := sampleGateway(t).Sign(tk.SigningMessage(), ContextWorkProof, true)
	require.NoError(t, err)
	c := *tk
	c.Signature = other
	require.ErrorIs(t, c.VerifySignature(pk), ErrBadSignature)
}

func TestDecodeJobTicketIsStrict(t *testing.T) {
	good := sampleTicket(t).Encode()
	mutate := func(f func(b []byte)) []byte { b := bytes.Clone(good); f(b); return b }
	// Offsets: version 0, chain id 1, job id 5, miner id 37, model hash 69,
	// input hash 101, budget 133, expiry 141, key length 149.
	cases := map[string]struct {
		in     []byte
		field  string
		offset int
	}{
		"empty":              {nil, "length", 0},
		"short":              {good[:len(good)-1], "length", 0},
		"trailing":           {append(bytes.Clone(good), 0), "end", len(good)},
		"version 0":          {mutate(func(b []byte) { b[0] = 0 }), "version", 0},
		"version 1":          {mutate(func(b []byte) { b[0] = 1 }), "version", 0},
		"version 3":          {mutate(func(b []byte) { b[0] = 3 }), "version", 0},
		"old version, short": {[]byte{1}, "version", 0},
		"zero chain":         {mutate(func(b []byte) { copy(b[1:5], []byte{0, 0, 0, 0}) }), "chain id", 1},
		"zero miner id":      {mutate(func(b []byte) { clear(b[37:69]) }), "miner id", 37},
		"zero budget":        {mutate(func(b []byte) { clear(b[133:141]) }), "budget", 133},
		"key length":         {mutate(func(b []byte) { binary.BigEndian.PutUint16(b[149:151], 1313) }), "public key length", 149},
		"65 key with 44 sig": {mutate(func(b []byte) { binary.BigEndian.PutUint16(b[149:151], PublicKeySize65) }), "signature", 151 + PublicKeySize65},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			tk, err := DecodeJobTicket(c.in)
			require.Nil(t, tk)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, c.field, de.Field, "%v", err)
			require.Equal(t, c.offset, de.Offset, "%v", err)
		})
	}
	for _, s := range []Scheme{MLDSA65, MLDSA87} {
		tk := sampleTicket(t)
		require.NoError(t, tk.Sign(testKey(t, s), true))
		back, err := DecodeJobTicket(tk.Encode())
		require.NoError(t, err)
		require.Equal(t, tk, back)
	}
	for name, tk := range map[string]*JobTicket{
		"zero chain id": {MinerID: Hash{1}, Budget: 1},
		"zero miner id": {ChainID: 1, Budget: 1},
		"zero budget":   {ChainID: 1, MinerID: Hash{1}},
	} {
		require.Error(t, tk.Sign(testKey(t, MLDSA44), true), "%s is not signed", name)
		require.Nil(t, tk.Signature, name)
	}
}

// TestOldTicketVersionRefused: a version-1 ticket (no miner id), validly
// signed by its gateway, is refused for its version with an error that
// says so, whatever its length.
func TestOldTicketVersionRefused(t *testing.T) {
	for _, in := range ticketInputs {
		t.Run(in.scheme.String(), func(t *testing.T) {
			old := legacyTicketV1(t, buildTicket(t, in), otherTestKey(t, in.scheme))
			tk, err := DecodeJobTicket(old)
			require.Nil(t, tk)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, "version", de.Field)
			require.Equal(t, 0, de.Offset)
			require.Equal(t, "proof: malformed JobTicket: version at byte 0: ticket version 1 is no longer accepted (it names no miner); want 2", err.Error())
		})
	}
}
func TestTicketCheckWork(t *testing.T) {
	tk := sampleTicket(t)
	wc := sampleContext()
	wc.JobID = tk.ID()
	require.NoError(t, tk.CheckWork(&wc))
	for field, edit := range map[string]func(wc *WorkContext){
		"chain id":   func(wc *WorkContext) { wc.ChainID = 96369 },
		"job id":     func(wc *WorkContext) { wc.JobID = tk.JobID },
		"model hash": func(wc *WorkContext) { wc.ModelHash[0] ^= 1 },
		"input hash": func(wc *WorkContext) { wc.InputHash[0] ^= 1 },
	} {
		c := wc
		edit(&c)
		var me *TicketMismatchError
		require.True(t, errors.As(tk.CheckWork(&c), &me), field)
		require.Equal(t, field, me.Field)
	}
}

// TestTicketCheckMiner: only a proof signed by the key the ticket names is
// bound to it; any other key, of any parameter set, is a "miner id"
// mismatch, also when the work context is bound correctly.
func TestTicketCheckMiner(t *testing.T) {
	tk := sampleTicket(t)
	named := ticketVectorMiner(t)
	bound := func(sk *PrivateKey) *AIWorkProof {
		p := sampleProof(t, MLDSA44)
		p.Context.JobID = tk.ID()
		require.NoError(t, p.Sign(sk, true))
		return p
	}
	require.NoError(t, tk.CheckMiner(named.Public().Bytes()))
	require.NoError(t, tk.CheckProof(bound(named)))
	cases := []struct {
		name string
		key  []byte
	}{
		{"other ML-DSA-44 key", otherTestKey(t, MLDSA44).Public().Bytes()},
		{"ML-DSA-65 key", testKey(t, MLDSA65).Public().Bytes()},
		{"ML-DSA-87 key", otherTestKey(t, MLDSA87).Public().Bytes()},
		{"the gateway's own key", sampleGateway(t).Public().Bytes()},
		{"no key", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var me *TicketMismatchError
			require.True(t, errors.As(tk.CheckMiner(c.key), &me))
			require.Equal(t, "miner id", me.Field)
		})
	}
	var me *TicketMismatchError
	require.True(t, errors.As(tk.CheckProof(bound(otherTestKey(t, MLDSA44))), &me))
	require.Equal(t, "miner id", me.Field)
	// A work-context mismatch is reported before the miner.
	p := bound(otherTestKey(t, MLDSA44))
	p.Context.InputHash[0] ^= 1
	require.True(t, errors.As(tk.CheckProof(p), &me))
	require.Equal(t, "input hash", me.Field)
}

func TestMinerRegistration(t *testing.T) {
	sk := testKey(t, MLDSA65)
	r := &MinerRegistration{ChainID: 6133, GatewayID: fillHash(0x20), Challenge: fillHash(0x40)}
	sig, err := SignMinerRegistration(r, sk)
	require.NoError(t, err)
	require.Equal(t, sk.Public().ID(), r.MinerID)
	require.Len(t, r.Encode(), MinerRegistrationSize)
	back, err := DecodeMinerRegistration(r.Encode())
	require.NoError(t, err)
	require.Equal(t, r, back)
	require.NoError(t, VerifyMinerRegistration(r, sk.Public().Bytes(), sig))
	// Another challenge, another key, or a work-proof signature: refused.
	c := *r
	c.Challenge[0] ^= 1
	require.ErrorIs(t, VerifyMinerRegistration(&c, sk.Public().Bytes(), sig), ErrBadSignature)
	require.ErrorIs(t, VerifyMinerRegistration(r, otherTestKey(t, MLDSA65).Public().Bytes(), sig), ErrBadSignature)
	wp, err := sk.Sign(r.Encode(), ContextWorkProof, false)
	require.NoError(t, err)
	require.ErrorIs(t, VerifyMinerRegistration(r, sk.Public().Bytes(), wp), ErrBadSignature)
	_, err = DecodeMinerRegistration(append(r.Encode(), 0))
	require.Error(t, err)
}

func FuzzDecodeJobTicket(f *testing.F) {
	f.Add(sampleTicket(f).Encode())
	f.Add(legacyTicketV1(f, sampleTicket(f), sampleGateway(f)))
	f.Add(append([]byte{TicketVersion}, make([]byte, MinTicketSize-1)...))
	f.Add(make([]byte, MinTicketSize))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		tk, err := DecodeJobTicket(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error is %T, not *DecodeError: %v", err, err)
			}
			if tk != nil {
				t.Fatal("ticket returned with an error")
			}
			return
		}
		if !bytes.Equal(tk.Encode(), b) {
			t.Fatalf("re-encoding differs:\n%x\n%x", tk.Encode(), b)
		}
		if tk.ChainID == 0 || tk.Budget == 0 || tk.MinerID == (Hash{}) {
			t.Fatal("decoded ticket has a zero chain id, budget or miner id")
		}
	})
}
