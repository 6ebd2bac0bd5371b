package proof

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// sampleFederatedEnrolment is the enrolment of the golden vector: round 42
// on Pars, paying 0x…cc, signed deterministically with the fixed test key.
func sampleFederatedEnrolment(t testing.TB, s Scheme) *FederatedEnrolment {
	e := &FederatedEnrolment{ChainID: 6133, RoundID: 42, Recipient: common.HexToAddress("0x00000000000000000000000000000000000000cc")}
	require.NoError(t, e.Sign(testKey(t, s), true))
	return e
}

// The golden enrolment pins the signing message byte for byte (apart from
// the participant id, which TestGoldenVectors pins through MinerID) and, by
// their BLAKE3 digests under DomainFederatedUpdate, the encoding and the
// deterministic ML-DSA-44 signature.
const (
	goldenEnrolmentSigningPrefix = "01" + "000017f5" + "000000000000002a" + "00000000000000000000000000000000000000cc"
	goldenEnrolmentSigningHash   = "b875a82670c210bf38284a4cb74e3af0eb53f1ea9dc3a33f066e3b68bd2fb365"
	goldenEnrolmentEncoding      = "8081cc1f9f1d467c92ae4fbb6c745e7a81716c0882aa9871b19f66b28c0ccc93"
	goldenEnrolmentSigSum        = "348730cb919ac8385c394596155ccc7e12657c0f712ddb6703358ec35864a8a3"
)

func TestFederatedEnrolmentGoldenVector(t *testing.T) {
	e := sampleFederatedEnrolment(t, MLDSA44)
	hexOf := func(h Hash) string { return hex.EncodeToString(h[:]) }
	msg := e.SigningMessage()
	require.Len(t, msg, FederatedEnrolmentSigningSize)
	id := e.ParticipantID()
	require.Equal(t, goldenEnrolmentSigningPrefix+hex.EncodeToString(id[:]), hex.EncodeToString(msg))
	got := map[string]string{
		"signing":  hexOf(DomainFederatedUpdate.Sum(msg)),
		"encoding": hexOf(DomainFederatedUpdate.Sum(e.Encode())),
		"sig":      hexOf(DomainFederatedUpdate.Sum(e.Signature)),
	}
	want := map[string]string{"signing": goldenEnrolmentSigningHash, "encoding": goldenEnrolmentEncoding, "sig": goldenEnrolmentSigSum}
	require.Equal(t, want, got)
	require.Len(t, e.Encode(), federatedEnrolmentFixedSize+PublicKeySize44+SignatureSize44)

	back, err := DecodeFederatedEnrolment(e.Encode())
	require.NoError(t, err)
	require.Equal(t, e, back)
	require.NoError(t, back.Verify(6133, 42))
}

func TestFederatedEnrolmentRoundTripAllSchemes(t *testing.T) {
	for _, s := range []Scheme{MLDSA44, MLDSA65, MLDSA87} {
		e := sampleFederatedEnrolment(t, s)
		enc := e.Encode()
		require.LessOrEqual(t, len(enc), MaxFederatedEnrolmentSize, s)
		back, err := DecodeFederatedEnrolment(enc)
		require.NoError(t, err, s)
		require.Equal(t, e, back, s)
		require.NoError(t, back.Verify(6133, 42), s)
	}
}

// Every signed field is bound, and the enrolment answers only for its own
// chain and round.
func TestFederatedEnrolmentBindsEveryField(t *testing.T) {
	edits := map[string]func(e *FederatedEnrolment){
		"chain":     func(e *FederatedEnrolment) { e.ChainID++ },
		"round":     func(e *FederatedEnrolment) { e.RoundID++ },
		"recipient": func(e *FederatedEnrolment) { e.Recipient[19] ^= 1 },
		"key": func(e *FederatedEnrolment) {
			e.ParticipantKey = testKey(t, MLDSA44).Public().Bytes()
			e.ParticipantKey[0] ^= 1
		},
		"signature": func(e *FederatedEnrolment) { e.Signature[7] ^= 1 },
	}
	for name, edit := range edits {
		e := sampleFederatedEnrolment(t, MLDSA44)
		edit(e)
		require.ErrorIs(t, e.Verify(uint64(e.ChainID), e.RoundID), ErrBadSignature, name)
	}
	e := sampleFederatedEnrolment(t, MLDSA44)
	var wc *WrongChainError
	require.ErrorAs(t, e.Verify(6134, 42), &wc)
	require.ErrorIs(t, e.Verify(6133, 43), ErrWrongRound)

	zero := &FederatedEnrolment{ChainID: 6133, RoundID: 42}
	require.NoError(t, zero.Sign(testKey(t, MLDSA44), true))
	require.ErrorIs(t, zero.Verify(6133, 42), ErrZeroBeneficiary)

	// An update signature (another context) over the same bytes is not an
	// enrolment.
	sig, err := testKey(t, MLDSA44).Sign(e.SigningMessage(), ContextFederatedUpdate, true)
	require.NoError(t, err)
	e.Signature = sig
	require.ErrorIs(t, e.Verify(6133, 42), ErrBadSignature)
}

func TestFederatedEnrolmentDecodeRefusals(t *testing.T) {
	enc := sampleFederatedEnrolment(t, MLDSA44).Encode()
	mut := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(enc)) }
	cases := map[string][]byte{
		"empty":      {},
		"short":      enc[:len(enc)-1],
		"header":     enc[:federatedEnrolmentFixedSize-1],
		"trailing":   append(bytes.Clone(enc), 0),
		"version":    mut(func(b []byte) []byte { b[0] = 2; return b }),
		"key length": mut(func(b []byte) []byte { b[federatedEnrolmentFixedSize-1]++; return b }),
		"too long":   make([]byte, MaxFederatedEnrolmentSize+1),
		"update":     sampleFederatedUpdate(t, MLDSA44).Encode(),
	}
	for name, b := range cases {
		got, err := DecodeFederatedEnrolment(b)
		var de *DecodeError
		require.ErrorAs(t, err, &de, name)
		require.Nil(t, got, name)
		require.True(t, de.Offset >= 0 && de.Offset <= len(b), "%s: offset %d", name, de.Offset)
	}
}
