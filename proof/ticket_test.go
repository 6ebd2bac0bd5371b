package proof

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// sampleTicket is the ticket of the golden vector, signed deterministically
// with the fixed ML-DSA-44 test key.
func sampleTicket(t testing.TB) *JobTicket {
	t.Helper()
	tk := &JobTicket{
		ChainID:   6133,
		JobID:     fillHash(0x11),
		ModelHash: fillHash(0x30),
		InputHash: fillHash(0x50),
		Budget:    5000,
		Expiry:    1_767_226_200,
	}
	require.NoError(t, tk.Sign(testKey(t, MLDSA44), true))
	return tk
}

// The golden vector pins the fixed part of the encoding, the ticket id and
// the deterministic signature (by its BLAKE3 digest under DomainJobTicket).
const (
	goldenTicketHead = "01" + "000017f5" +
		"1112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30" +
		"303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f" +
		"505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f" +
		"0000000000001388" + "000000006955bb58" + "0520"
)

const (
	goldenTicketID     = "23848808d99ce6e5f63ec18006e1d5fc4c62dbb502ed94f9fd4e7c9219819a97"
	goldenTicketSigSum = "447a34df93c22345e0dfa4bf5509d4dda551b667ad861f4e25682a26e693b8f1"
)

func TestTicketGoldenVector(t *testing.T) {
	tk := sampleTicket(t)
	enc := tk.Encode()
	require.Equal(t, goldenTicketHead, hex.EncodeToString(enc[:ticketFixedSize]))
	require.Equal(t, testKey(t, MLDSA44).Public().Bytes(), enc[ticketFixedSize:ticketFixedSize+PublicKeySize44])
	require.Len(t, enc, MinTicketSize)
	id := tk.ID()
	sum := DomainJobTicket.Sum(tk.Signature)
	require.Equal(t, goldenTicketID, hex.EncodeToString(id[:]))
	require.Equal(t, goldenTicketSigSum, hex.EncodeToString(sum[:]))
	require.Equal(t, DomainJobTicket.Sum(tk.SigningMessage()), id)

	back, err := DecodeJobTicket(enc)
	require.NoError(t, err)
	require.Equal(t, tk, back)
	pk, err := ParsePublicKey(back.GatewayKey)
	require.NoError(t, err)
	require.NoError(t, back.VerifySignature(pk))
	require.Equal(t, testKey(t, MLDSA44).Public().ID(), back.GatewayID())
}

func TestTicketSignatureIsBoundToEveryField(t *testing.T) {
	tk := sampleTicket(t)
	pk := testKey(t, MLDSA44).Public()
	edits := map[string]func(t *JobTicket){
		"chain":  func(t *JobTicket) { t.ChainID++ },
		"job":    func(t *JobTicket) { t.JobID[0] ^= 1 },
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
	require.ErrorIs(t, tk.VerifySignature(otherTestKey(t, MLDSA44).Public()), ErrBadSignature)
	other, err := testKey(t, MLDSA44).Sign(tk.SigningMessage(), ContextWorkProof, true)
	require.NoError(t, err)
	c := *tk
	c.Signature = other
	require.ErrorIs(t, c.VerifySignature(pk), ErrBadSignature)
}

func TestDecodeJobTicketIsStrict(t *testing.T) {
	good := sampleTicket(t).Encode()
	mutate := func(f func(b []byte)) []byte { b := bytes.Clone(good); f(b); return b }
	cases := map[string]struct {
		in    []byte
		field string
	}{
		"empty":              {nil, "length"},
		"short":              {good[:len(good)-1], "length"},
		"trailing":           {append(bytes.Clone(good), 0), "end"},
		"version":            {mutate(func(b []byte) { b[0] = 2 }), "version"},
		"zero chain":         {mutate(func(b []byte) { copy(b[1:5], []byte{0, 0, 0, 0}) }), "chain id"},
		"zero budget":        {mutate(func(b []byte) { copy(b[101:109], make([]byte, 8)) }), "budget"},
		"key length":         {mutate(func(b []byte) { binary.BigEndian.PutUint16(b[117:119], 1313) }), "public key length"},
		"65 key with 44 sig": {mutate(func(b []byte) { binary.BigEndian.PutUint16(b[117:119], PublicKeySize65) }), "signature"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			tk, err := DecodeJobTicket(c.in)
			require.Nil(t, tk)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, c.field, de.Field, "%v", err)
		})
	}
	for _, s := range []Scheme{MLDSA65, MLDSA87} {
		tk := sampleTicket(t)
		require.NoError(t, tk.Sign(testKey(t, s), true))
		back, err := DecodeJobTicket(tk.Encode())
		require.NoError(t, err)
		require.Equal(t, tk, back)
	}
	require.Error(t, (&JobTicket{ChainID: 1}).Sign(testKey(t, MLDSA44), true), "a zero budget is not signed")
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
		if tk.ChainID == 0 || tk.Budget == 0 {
			t.Fatal("decoded ticket has a zero chain id or budget")
		}
	})
}
