package proof

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

// sampleTeleport is the message of the golden vector: 1.5e18 wei from Pars
// to Zoo, sequence 7.
func sampleTeleport() *TeleportMessage {
	m := &TeleportMessage{
		SourceChain:      6133,
		DestinationChain: 200200,
		Sequence:         7,
		Sender:           common.HexToAddress("0x71562b71999873DB5b286dF957af199Ec94617F7"),
		Recipient:        common.HexToAddress("0x00000000000000000000000000000000000000cc"),
	}
	m.Amount.SetUint64(1_500_000_000_000_000_000)
	return m
}

// The golden vector pins the wire format: encoding, id and the
// deterministic ML-DSA-65 signature (by its BLAKE3 digest under the teleport
// domain, to keep this file short) with the fixed ML-DSA-65 test key.
const (
	goldenTeleportEncoding = "01" + "000017f5" + "00030e08" + "0000000000000007" +
		"71562b71999873db5b286df957af199ec94617f7" + "00000000000000000000000000000000000000cc" +
		"00000000000000000000000000000000000000000000000014d1120d7b160000"
	goldenTeleportID     = "28ffa01da2327da3a94829627c4b19ef2d79305bdcba99d6439421d6e5addb4d"
	goldenTeleportSigSum = "2e436267d63fb6e25cd5a37d0a603bdabe93233e0e64a0ba1d5ebfeff111dae0"
)

func TestTeleportGoldenVector(t *testing.T) {
	m := sampleTeleport()
	enc := m.Encode()
	require.Equal(t, goldenTeleportEncoding, hex.EncodeToString(enc))
	require.Len(t, enc, TeleportMessageSize)
	id := m.ID()
	require.Equal(t, goldenTeleportID, hex.EncodeToString(id[:]))
	require.Equal(t, DomainTeleport.Sum(enc), id)

	sk := testKey(t, MLDSA65)
	sig, err := SignTeleport(m, sk, true)
	require.NoError(t, err)
	sum := DomainTeleport.Sum(sig)
	require.Equal(t, goldenTeleportSigSum, hex.EncodeToString(sum[:]))
	require.True(t, VerifyTeleport(sk.Public(), enc, sig))

	back, err := DecodeTeleportMessage(enc)
	require.NoError(t, err)
	require.Equal(t, m, back)
}

func TestTeleportSignatureIsBoundToEveryField(t *testing.T) {
	sk := testKey(t, MLDSA44)
	m := sampleTeleport()
	sig, err := SignTeleport(m, sk, true)
	require.NoError(t, err)
	edits := map[string]func(m *TeleportMessage){
		"source":      func(m *TeleportMessage) { m.SourceChain = 96369 },
		"destination": func(m *TeleportMessage) { m.DestinationChain = 36963 },
		"sequence":    func(m *TeleportMessage) { m.Sequence++ },
		"sender":      func(m *TeleportMessage) { m.Sender[0] ^= 1 },
		"recipient":   func(m *TeleportMessage) { m.Recipient[19] ^= 1 },
		"amount":      func(m *TeleportMessage) { m.Amount.AddUint64(&m.Amount, 1) },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			c := *m
			edit(&c)
			require.NotEqual(t, m.ID(), c.ID())
			require.False(t, VerifyTeleport(sk.Public(), c.Encode(), sig))
		})
	}
	// The same bytes signed for another purpose do not verify as a teleport.
	other, err := sk.Sign(m.Encode(), ContextWorkProof, true)
	require.NoError(t, err)
	require.False(t, VerifyTeleport(sk.Public(), m.Encode(), other))
	// Nor does another key's signature.
	require.False(t, VerifyTeleport(otherTestKey(t, MLDSA44).Public(), m.Encode(), sig))
}

func TestDecodeTeleportMessageIsStrict(t *testing.T) {
	good := sampleTeleport().Encode()
	mutate := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	cases := map[string]struct {
		in    []byte
		field string
	}{
		"empty":           {nil, "length"},
		"short":           {good[:len(good)-1], "length"},
		"trailing":        {append(bytes.Clone(good), 0), "length"},
		"version":         {mutate(func(b []byte) []byte { b[0] = 2; return b }), "version"},
		"zero source":     {mutate(func(b []byte) []byte { copy(b[1:5], []byte{0, 0, 0, 0}); return b }), "chain id"},
		"same chains":     {mutate(func(b []byte) []byte { copy(b[5:9], b[1:5]); return b }), "destination chain"},
		"zero recipient":  {mutate(func(b []byte) []byte { copy(b[37:57], make([]byte, 20)); return b }), "recipient"},
		"zero amount":     {mutate(func(b []byte) []byte { copy(b[57:89], make([]byte, 32)); return b }), "amount"},
		"zero dest chain": {mutate(func(b []byte) []byte { copy(b[5:9], []byte{0, 0, 0, 0}); return b }), "chain id"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m, err := DecodeTeleportMessage(c.in)
			require.Nil(t, m)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, c.field, de.Field)
		})
	}
	// The largest amount round-trips.
	m := sampleTeleport()
	m.Amount.SetAllOne()
	back, err := DecodeTeleportMessage(m.Encode())
	require.NoError(t, err)
	require.Equal(t, m.Amount, back.Amount)
	// An invalid message is not signed.
	m.Amount.Clear()
	_, err = SignTeleport(m, testKey(t, MLDSA44), true)
	require.Error(t, err)
}

func FuzzDecodeTeleportMessage(f *testing.F) {
	f.Add(sampleTeleport().Encode())
	f.Add(make([]byte, TeleportMessageSize))
	f.Add([]byte{})
	m := sampleTeleport()
	m.Amount = *uint256.NewInt(0).SetAllOne()
	f.Add(m.Encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeTeleportMessage(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error is %T, not *DecodeError: %v", err, err)
			}
			if m != nil {
				t.Fatal("message returned with an error")
			}
			return
		}
		// One encoding per value: a decoded message re-encodes to the input.
		if !bytes.Equal(m.Encode(), b) {
			t.Fatalf("re-encoding differs:\n%x\n%x", m.Encode(), b)
		}
		if m.Validate() != nil {
			t.Fatal("decoded message does not validate")
		}
	})
}
