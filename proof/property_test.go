package proof

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// Property tests draw from generators with fixed seeds, so a failure
// reproduces on every run; the counts keep the package's tests fast.

func TestPropertyEncodeDecodeIdentity(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			r := newRand(uint64(s))
			// Random field values with a well-formed but random key and
			// signature: the codec alone.
			for range 300 {
				p := randUnsignedProof(r, s)
				b := p.Encode()
				got, err := DecodeAIWorkProof(b)
				require.NoError(t, err)
				require.Equal(t, p, got)
				require.Equal(t, b, got.Encode())
			}
			// Signed proofs under random keys: decoding gives back a proof
			// that verifies.
			for range 15 {
				sk, err := NewKeyFromSeed(s, [SeedSize]byte(randBytes(r, SeedSize)))
				require.NoError(t, err)
				p := randUnsignedProof(r, s)
				require.NoError(t, p.Sign(sk, true))
				got, err := DecodeAIWorkProof(p.Encode())
				require.NoError(t, err)
				require.Equal(t, p, got)
				require.NoError(t, got.Verify(uint64(p.Context.ChainID), p.Context.Timestamp, TimeWindow{}))
			}
		})
	}
}

// proofField is a byte range of an encoded proof.
type proofField struct {
	name       string
	start, end int
}

// signedFields lists the fields of the signed part of an encoded proof of
// scheme s.
func signedFields(s Scheme) []proofField {
	return []proofField{
		{"version", offVersion, offContextVersion},
		{"work context version", offContextVersion, offChainID},
		{"chain id", offChainID, offJobID},
		{"job id", offJobID, offModelHash},
		{"model hash", offModelHash, offInputHash},
		{"input hash", offInputHash, offDeviceID},
		{"device id", offDeviceID, offNonce},
		{"nonce", offNonce, offTimestamp},
		{"timestamp", offTimestamp, offBeneficiary},
		{"beneficiary", offBeneficiary, offOutputHash},
		{"output hash", offOutputHash, offInputTokens},
		{"input tokens", offInputTokens, offOutputTokens},
		{"output tokens", offOutputTokens, offAttestationHash},
		{"attestation hash", offAttestationHash, offPublicKeyLength},
		{"public key length", offPublicKeyLength, offPublicKey},
		{"public key", offPublicKey, offPublicKey + s.PublicKeySize()},
	}
}

// fieldAt names the field that holds byte i.
func fieldAt(fields []proofField, i int) string {
	for _, f := range fields {
		if i >= f.start && i < f.end {
			return f.name
		}
	}
	return "signature"
}

// sampleBits picks bit positions of an encoded proof: every bit of the
// short fields, 12 of every other signed field, then uniform positions over
// the whole signed part up to total. sigBits more come from the signature.
func sampleBits(r *rand.Rand, s Scheme, total, sigBits int) []int {
	var bits []int
	for _, f := range signedFields(s) {
		n := 8 * (f.end - f.start)
		if n <= 32 {
			for b := range n {
				bits = append(bits, 8*f.start+b)
			}
			continue
		}
		for range 12 {
			bits = append(bits, 8*f.start+r.IntN(n))
		}
	}
	signedBits := 8 * (offPublicKey + s.PublicKeySize())
	for len(bits) < total {
		bits = append(bits, r.IntN(signedBits))
	}
	sigStart := offPublicKey + s.PublicKeySize()
	for range sigBits {
		bits = append(bits, 8*sigStart+r.IntN(8*s.SignatureSize()))
	}
	return bits
}

func TestPropertyBitFlipBreaksProof(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			p := sampleProof(t, s)
			chain, now := uint64(p.Context.ChainID), p.Context.Timestamp
			enc := p.Encode()
			fields := signedFields(s)
			r := newRand(100 + uint64(s))
			hits := map[string]int{}
			for _, bit := range sampleBits(r, s, 300, 60) {
				b := bytes.Clone(enc)
				b[bit/8] ^= 1 << (bit % 8)
				field := fieldAt(fields, bit/8)
				hits[field]++

				q, err := DecodeAIWorkProof(b)
				if err != nil {
					var de *DecodeError
					require.True(t, errors.As(err, &de))
					continue
				}
				// The timestamp window accepts everything: a flip must be
				// caught by the binding or by the signature.
				require.Error(t, q.Verify(chain, now, allTimes), "flip of bit %d (%s) still verifies", bit, field)
				// And the signature alone catches it, whatever field it is.
				pk, err := ParsePublicKey(q.MinerKey)
				require.NoError(t, err, "decoded proofs carry a well-formed key")
				require.ErrorIs(t, q.VerifySignature(pk), ErrBadSignature, "flip of bit %d (%s) keeps a valid signature", bit, field)
			}
			for _, f := range fields {
				require.NotZero(t, hits[f.name], "no bit of %s was flipped", f.name)
			}
			require.NotZero(t, hits["signature"])
		})
	}
}

func TestPropertyChainBinding(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			r := newRand(200 + uint64(s))
			sk := testKey(t, s)
			for i := range 8 {
				p := randUnsignedProof(r, s)
				require.NoError(t, p.Sign(sk, true))
				a := p.Context.ChainID
				ts := p.Context.Timestamp
				require.NoError(t, p.Verify(uint64(a), ts, TimeWindow{}))

				others := []uint64{
					uint64(a) + 1<<32, // same low 32 bits
					uint64(a) ^ 1,
					uint64(r.Uint32()),
					r.Uint64(),
				}
				if i == 0 {
					others = append(others, 0, math.MaxUint32, math.MaxUint64)
				}
				for _, b := range others {
					if b == uint64(a) {
						continue
					}
					// Checked on chain B as it is.
					var wc *WrongChainError
					require.True(t, errors.As(p.Verify(b, ts, allTimes), &wc), "chain %d proof verifies on chain %d", a, b)

					// Re-bound to chain B with the old signature.
					if b > math.MaxUint32 {
						continue
					}
					q := *p
					q.Context.ChainID = uint32(b)
					dec, err := DecodeAIWorkProof(q.Encode())
					require.NoError(t, err)
					require.ErrorIs(t, dec.Verify(b, ts, allTimes), ErrBadSignature,
						"chain %d signature verifies for chain %d", a, b)
					require.NotEqual(t, p.WorkID(), dec.WorkID())
				}
			}
		})
	}
}
