package proof

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// Byte offsets of the fields of an encoded AIWorkProof.
const (
	offVersion         = 0 // WorkProofVersion
	offContextVersion  = 1 // the WorkContext's own version byte
	offChainID         = 2
	offJobID           = 6
	offModelHash       = 38
	offInputHash       = 70
	offDeviceID        = 102
	offNonce           = 134
	offTimestamp       = 166
	offBeneficiary     = 174
	offOutputHash      = 194
	offInputTokens     = 226
	offOutputTokens    = 230
	offAttestationHash = 234
	offPublicKeyLength = 266
	offPublicKey       = 268
)

func TestProofSizes(t *testing.T) {
	require.Equal(t, offPublicKey, proofFixedSize)
	require.Equal(t, 268+1312+2420, MinProofSize)
	require.Equal(t, 268+2592+4627, MaxProofSize)
	for _, s := range allSchemes {
		p := sampleProof(t, s)
		require.Len(t, p.Encode(), proofFixedSize+s.PublicKeySize()+s.SignatureSize(), "%v", s)
		require.Len(t, p.SigningMessage(), proofFixedSize+s.PublicKeySize(), "%v", s)
	}
}

func TestProofEncodeLayout(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			p := sampleProof(t, s)
			p.InputTokens, p.OutputTokens = 0x01020304, 0x05060708
			b := p.Encode()
			msg := p.SigningMessage()

			require.Equal(t, msg, b[:len(msg)], "the signing message is a prefix of the encoding")
			require.Equal(t, p.Signature, b[len(msg):])
			require.Equal(t, WorkProofVersion, b[offVersion])
			require.Equal(t, p.Context.Encode(), b[offContextVersion:offContextVersion+WorkContextSize])
			require.Equal(t, p.Beneficiary[:], b[offBeneficiary:offOutputHash])
			require.Equal(t, p.OutputHash[:], b[offOutputHash:offInputTokens])
			require.Equal(t, []byte{1, 2, 3, 4}, b[offInputTokens:offOutputTokens])
			require.Equal(t, []byte{5, 6, 7, 8}, b[offOutputTokens:offAttestationHash])
			require.Equal(t, p.AttestationHash[:], b[offAttestationHash:offPublicKeyLength])
			require.Equal(t, uint16(s.PublicKeySize()), binary.BigEndian.Uint16(b[offPublicKeyLength:]))
			require.Equal(t, p.MinerKey, b[offPublicKey:offPublicKey+s.PublicKeySize()])
		})
	}
}

func TestProofRoundTrip(t *testing.T) {
	for _, s := range allSchemes {
		p := sampleProof(t, s)
		got, err := DecodeAIWorkProof(p.Encode())
		require.NoError(t, err)
		require.Equal(t, p, got)
		scheme, err := got.Scheme()
		require.NoError(t, err)
		require.Equal(t, s, scheme)
		require.NoError(t, got.Verify(6133, p.Context.Timestamp, TimeWindow{}))
	}
}

func TestDecodeAIWorkProofDoesNotAlias(t *testing.T) {
	b := sampleProof(t, MLDSA44).Encode()
	p, err := DecodeAIWorkProof(b)
	require.NoError(t, err)
	key, sig := bytes.Clone(p.MinerKey), bytes.Clone(p.Signature)
	for i := range b {
		b[i] = 0
	}
	require.Equal(t, key, p.MinerKey)
	require.Equal(t, sig, p.Signature)
}

func TestDecodeAIWorkProofErrors(t *testing.T) {
	enc := make(map[Scheme][]byte)
	for _, s := range allSchemes {
		enc[s] = sampleProof(t, s).Encode()
	}
	sigOff := func(s Scheme) int { return offPublicKey + s.PublicKeySize() }
	// mod returns a copy of the encoding of s changed by f.
	mod := func(s Scheme, f func(b []byte) []byte) []byte { return f(bytes.Clone(enc[s])) }
	setKeyLen := func(s Scheme, n uint16) []byte {
		return mod(s, func(b []byte) []byte { binary.BigEndian.PutUint16(b[offPublicKeyLength:], n); return b })
	}
	trailing := func(s Scheme, n int) []byte { return append(bytes.Clone(enc[s]), make([]byte, n)...) }
	cut := func(s Scheme, n int) []byte { return bytes.Clone(enc[s][:n]) }
	// zeros is n zero bytes after the work proof version.
	zeros := func(n int) []byte { b := make([]byte, n); b[0] = WorkProofVersion; return b }

	tests := []struct {
		name   string
		in     []byte
		field  string
		offset int
	}{
		{"nil", nil, "length", 0},
		{"empty", []byte{}, "length", 0},
		{"work context only", cut(MLDSA44, 1+WorkContextSize), "length", 0},
		{"one byte below the minimum", zeros(MinProofSize - 1), "length", 0},
		{"one byte above the maximum", zeros(MaxProofSize + 1), "length", 0},

		{"version 0", mod(MLDSA65, func(b []byte) []byte { b[0] = 0; return b }), "version", 0},
		{"version 1", mod(MLDSA44, func(b []byte) []byte { b[0] = 1; return b }), "version", 0},
		{"version 3", mod(MLDSA44, func(b []byte) []byte { b[0] = 3; return b }), "version", 0},
		{"version 255", mod(MLDSA87, func(b []byte) []byte { b[0] = 0xff; return b }), "version", 0},
		{"version 1 of any length", []byte{1}, "version", 0},
		{"work context version 0", mod(MLDSA65, func(b []byte) []byte { b[offContextVersion] = 0; return b }), "version", offContextVersion},
		{"work context version 2", mod(MLDSA44, func(b []byte) []byte { b[offContextVersion] = 2; return b }), "version", offContextVersion},

		// Each truncation of an ML-DSA-44 proof is shorter than any proof.
		{"44 truncated in chain id", cut(MLDSA44, offChainID+2), "length", 0},
		{"44 truncated before beneficiary", cut(MLDSA44, offBeneficiary), "length", 0},
		{"44 truncated before output hash", cut(MLDSA44, offOutputHash), "length", 0},
		{"44 truncated before input tokens", cut(MLDSA44, offInputTokens), "length", 0},
		{"44 truncated before output tokens", cut(MLDSA44, offOutputTokens), "length", 0},
		{"44 truncated before attestation hash", cut(MLDSA44, offAttestationHash), "length", 0},
		{"44 truncated in public key length", cut(MLDSA44, offPublicKeyLength+1), "length", 0},
		{"44 truncated before public key", cut(MLDSA44, offPublicKey), "length", 0},
		{"44 truncated in public key", cut(MLDSA44, offPublicKey+100), "length", 0},
		{"44 truncated before signature", cut(MLDSA44, sigOff(MLDSA44)), "length", 0},
		{"44 signature one byte short", cut(MLDSA44, len(enc[MLDSA44])-1), "length", 0},
		// Larger sets: truncations that leave at least MinProofSize bytes
		// are reported at the signature.
		{"65 truncated in public key", cut(MLDSA65, offPublicKey+100), "length", 0},
		{"65 truncated before signature", cut(MLDSA65, sigOff(MLDSA65)), "length", 0},
		{"65 truncated to the minimum size", cut(MLDSA65, MinProofSize), "signature", sigOff(MLDSA65)},
		{"65 signature one byte short", cut(MLDSA65, len(enc[MLDSA65])-1), "signature", sigOff(MLDSA65)},
		{"87 truncated in public key", cut(MLDSA87, offPublicKey+2000), "length", 0},
		{"87 truncated to the minimum size", cut(MLDSA87, MinProofSize), "signature", sigOff(MLDSA87)},
		{"87 signature one byte short", cut(MLDSA87, len(enc[MLDSA87])-1), "signature", sigOff(MLDSA87)},
		{"87 signature of ML-DSA-65 size", cut(MLDSA87, sigOff(MLDSA87)+SignatureSize65), "signature", sigOff(MLDSA87)},

		// Trailing bytes, i.e. a signature that is too long.
		{"44 one trailing byte", trailing(MLDSA44, 1), "end", len(enc[MLDSA44])},
		{"65 one trailing byte", trailing(MLDSA65, 1), "end", len(enc[MLDSA65])},
		{"87 one trailing byte", trailing(MLDSA87, 1), "length", 0},
		{"44 trailing up to the maximum size", trailing(MLDSA44, MaxProofSize-len(enc[MLDSA44])), "end", len(enc[MLDSA44])},
		{"44 key with an ML-DSA-65 sized signature",
			append(cut(MLDSA44, sigOff(MLDSA44)), make([]byte, SignatureSize65)...), "end", len(enc[MLDSA44])},
		{"65 key with an ML-DSA-87 sized signature",
			append(cut(MLDSA65, sigOff(MLDSA65)), make([]byte, SignatureSize87)...), "end", len(enc[MLDSA65])},

		// Public key lengths of no parameter set.
		{"key length 0", setKeyLen(MLDSA44, 0), "public key length", offPublicKeyLength},
		{"key length 1", setKeyLen(MLDSA44, 1), "public key length", offPublicKeyLength},
		{"key length 1311", setKeyLen(MLDSA44, 1311), "public key length", offPublicKeyLength},
		{"key length 1313", setKeyLen(MLDSA44, 1313), "public key length", offPublicKeyLength},
		{"key length 1951", setKeyLen(MLDSA65, 1951), "public key length", offPublicKeyLength},
		{"key length 1953", setKeyLen(MLDSA65, 1953), "public key length", offPublicKeyLength},
		{"key length 2591", setKeyLen(MLDSA87, 2591), "public key length", offPublicKeyLength},
		{"key length 2593", setKeyLen(MLDSA87, 2593), "public key length", offPublicKeyLength},
		{"key length 65535", setKeyLen(MLDSA87, math.MaxUint16), "public key length", offPublicKeyLength},
		{"key length byte-swapped", setKeyLen(MLDSA44, 0x2005), "public key length", offPublicKeyLength},
		// Key lengths of another parameter set: the rest no longer fits.
		{"44 proof claiming a 65 key", setKeyLen(MLDSA44, PublicKeySize65), "signature", offPublicKey + PublicKeySize65},
		{"44 proof claiming an 87 key", setKeyLen(MLDSA44, PublicKeySize87), "signature", offPublicKey + PublicKeySize87},
		{"65 proof claiming a 44 key", setKeyLen(MLDSA65, PublicKeySize44), "end", offPublicKey + PublicKeySize44 + SignatureSize44},
		{"87 proof claiming a 65 key", setKeyLen(MLDSA87, PublicKeySize65), "end", offPublicKey + PublicKeySize65 + SignatureSize65},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := DecodeAIWorkProof(tc.in)
			require.Nil(t, p)
			requireDecodeError(t, err, "AIWorkProof", tc.field, tc.offset)
		})
	}
}

func TestDecodeAIWorkProofEveryTruncation(t *testing.T) {
	for _, s := range allSchemes {
		b := sampleProof(t, s).Encode()
		for n := range len(b) {
			p, err := DecodeAIWorkProof(b[:n])
			require.Nil(t, p)
			field, offset := "length", 0
			if n >= MinProofSize {
				field, offset = "signature", offPublicKey+s.PublicKeySize()
			}
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v cut to %d: %v", s, n, err)
			require.Equal(t, "AIWorkProof", de.What)
			require.Equal(t, field, de.Field, "%v cut to %d", s, n)
			require.Equal(t, offset, de.Offset, "%v cut to %d", s, n)
		}
	}
}

func TestProofSign(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			sk := testKey(t, s)
			p := sampleProof(t, s)
			p.MinerKey = []byte("replaced by Sign")
			require.NoError(t, p.Sign(sk, true))
			require.Equal(t, sk.Public().Bytes(), p.MinerKey)
			require.Equal(t, sk.Public().ID(), p.MinerID())
			require.Len(t, p.Signature, s.SignatureSize())
			require.NoError(t, p.VerifySignature(sk.Public()))

			det := bytes.Clone(p.Signature)
			require.NoError(t, p.Sign(sk, true))
			require.Equal(t, det, p.Signature, "deterministic signing repeats")

			require.NoError(t, p.Sign(sk, false))
			require.NotEqual(t, det, p.Signature, "hedged signing is randomized")
			require.NoError(t, p.VerifySignature(sk.Public()))
		})
	}
}

func TestSignWork(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			sk := testKey(t, s)
			w := Work{
				Context:      sampleContext(),
				Beneficiary:  common.HexToAddress("0x1234"),
				Output:       []byte("the answer is 42"),
				InputTokens:  7,
				OutputTokens: 9,
			}
			p, err := SignWork(w, sk)
			require.NoError(t, err)
			require.Equal(t, w.Context, p.Context)
			require.Equal(t, w.Beneficiary, p.Beneficiary)
			require.Equal(t, HashOutput(w.Output), p.OutputHash)
			require.Equal(t, uint32(7), p.InputTokens)
			require.Equal(t, uint32(9), p.OutputTokens)
			require.Equal(t, Hash{}, p.AttestationHash, "no evidence, zero hash")
			require.Equal(t, sk.Public().Bytes(), p.MinerKey)
			require.NoError(t, p.Verify(6133, w.Context.Timestamp, TimeWindow{}))

			w.Attestation = []byte("spdm report")
			p2, err := SignWork(w, sk)
			require.NoError(t, err)
			require.Equal(t, HashAttestation(w.Attestation), p2.AttestationHash)
			require.NoError(t, p2.Verify(6133, w.Context.Timestamp, TimeWindow{}))
			require.Equal(t, p.WorkID(), p2.WorkID())
		})
	}
}

func TestCheckBinding(t *testing.T) {
	base := sampleProof(t, MLDSA44)
	ts := base.Context.Timestamp
	window := TimeWindow{Past: 600, Future: 60}
	with := func(f func(p *AIWorkProof)) *AIWorkProof {
		p := *base
		f(&p)
		return &p
	}

	tests := []struct {
		name    string
		p       *AIWorkProof
		chainID uint64
		now     uint64
		check   func(t *testing.T, err error)
	}{
		{"valid", base, 6133, ts, nil},
		{"valid at the oldest edge", base, 6133, ts + 600, nil},
		{"valid at the newest edge", base, 6133, ts - 60, nil},
		{"other chain", base, 96369, ts, wrongChain(96369, 6133)},
		{"chain id above 2^32 with the same low bits", base, 1<<32 + 6133, ts, wrongChain(1<<32+6133, 6133)},
		{"max chain id", base, math.MaxUint64, ts, wrongChain(math.MaxUint64, 6133)},
		{"chain 0 proof checked on chain 2^32", with(func(p *AIWorkProof) { p.Context.ChainID = 0 }), 1 << 32, ts,
			wrongChain(1<<32, 0)},
		{"too old", base, 6133, ts + 601, timestampErr(ts, ts+601, false)},
		{"too new", base, 6133, ts - 61, timestampErr(ts, ts-61, true)},
		{"zero beneficiary", with(func(p *AIWorkProof) { p.Beneficiary = common.Address{} }), 6133, ts, is(ErrZeroBeneficiary)},
		{"zero output tokens", with(func(p *AIWorkProof) { p.OutputTokens = 0 }), 6133, ts, is(ErrZeroOutputTokens)},
		{"chain is checked first", with(func(p *AIWorkProof) { p.OutputTokens = 0; p.Beneficiary = common.Address{} }), 1, ts + 10_000,
			wrongChain(1, 6133)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.CheckBinding(tc.chainID, tc.now, window)
			if tc.check == nil {
				require.NoError(t, err)
				require.NoError(t, tc.p.Verify(tc.chainID, tc.now, window))
				return
			}
			tc.check(t, err)
			// Verify runs the same checks first.
			tc.check(t, tc.p.Verify(tc.chainID, tc.now, window))
		})
	}
}

func wrongChain(want uint64, got uint32) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var wc *WrongChainError
		require.True(t, errors.As(err, &wc), "want *WrongChainError, got %v", err)
		require.Equal(t, WrongChainError{Want: want, Got: got}, *wc)
		require.Contains(t, wc.Error(), fmt.Sprint(want))
	}
}

func timestampErr(ts, now uint64, future bool) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var te *TimestampError
		require.True(t, errors.As(err, &te), "want *TimestampError, got %v", err)
		require.Equal(t, TimestampError{Timestamp: ts, Now: now, Future: future}, *te)
	}
}

func is(target error) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		require.ErrorIs(t, err, target)
	}
}

func TestVerifySignature(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			p := sampleProof(t, s)
			own := testKey(t, s).Public()
			require.NoError(t, p.VerifySignature(own))

			// Keys other than the proof's own are refused.
			require.ErrorIs(t, p.VerifySignature(nil), ErrBadSignature)
			require.ErrorIs(t, p.VerifySignature(otherTestKey(t, s).Public()), ErrBadSignature)
			for _, o := range allSchemes {
				if o != s {
					require.ErrorIs(t, p.VerifySignature(testKey(t, o).Public()), ErrBadSignature)
				}
			}

			// Claiming another key of the same size: the signature no
			// longer verifies under the key the proof names.
			q := *p
			q.MinerKey = otherTestKey(t, s).Public().Bytes()
			require.ErrorIs(t, q.VerifySignature(otherTestKey(t, s).Public()), ErrBadSignature)
			require.ErrorIs(t, q.Verify(6133, p.Context.Timestamp, TimeWindow{}), ErrBadSignature)

			// A signature over the same message under another context.
			sig, err := testKey(t, s).Sign(p.SigningMessage(), ContextTeleport, true)
			require.NoError(t, err)
			q = *p
			q.Signature = sig
			require.ErrorIs(t, q.VerifySignature(own), ErrBadSignature)

			// Wrong signature lengths are invalid, not errors of another kind.
			for _, n := range []int{0, s.SignatureSize() - 1, s.SignatureSize() + 1} {
				q = *p
				q.Signature = make([]byte, n)
				copy(q.Signature, p.Signature)
				require.ErrorIs(t, q.VerifySignature(own), ErrBadSignature)
			}
		})
	}
}

func TestVerifyMalformedKey(t *testing.T) {
	p := sampleProof(t, MLDSA44)
	for _, n := range []int{0, 5, PublicKeySize44 - 1, PublicKeySize44 + 1} {
		q := *p
		q.MinerKey = make([]byte, n)
		err := q.Verify(6133, p.Context.Timestamp, TimeWindow{})
		require.ErrorIs(t, err, ErrBadSignature)
		require.ErrorContains(t, err, "public key")
		_, err = q.Scheme()
		require.ErrorIs(t, err, ErrUnknownScheme)
	}
}

func TestWorkID(t *testing.T) {
	p := sampleProof(t, MLDSA65)
	id := p.WorkID()
	require.Equal(t, WorkID(&p.Context, p.MinerKey), id)
	mid := MinerID(p.MinerKey)
	require.Equal(t, DomainWorkID.Sum(p.Context.Encode(), mid[:]), id)
	require.NotEqual(t, Hash{}, id)

	t.Run("changes with each WorkContext field", func(t *testing.T) {
		for _, m := range contextMutations {
			q := *p
			m.mutate(&q.Context)
			require.NotEqual(t, id, q.WorkID(), m.name)
		}
	})
	t.Run("changes with the chain id", func(t *testing.T) {
		for _, chain := range []uint32{0, 1, 96369, 36963, 200200, math.MaxUint32} {
			q := *p
			q.Context.ChainID = chain
			require.NotEqual(t, id, q.WorkID(), "chain %d", chain)
		}
	})
	t.Run("changes with the miner key", func(t *testing.T) {
		seen := map[Hash]bool{id: true}
		for _, s := range allSchemes {
			for _, k := range []*PrivateKey{testKey(t, s), otherTestKey(t, s)} {
				q := *p
				q.MinerKey = k.Public().Bytes()
				if bytes.Equal(q.MinerKey, p.MinerKey) {
					continue
				}
				wid := q.WorkID()
				require.False(t, seen[wid], "%v", s)
				seen[wid] = true
			}
		}
		require.Len(t, seen, 6)
	})
	t.Run("independent of unsigned data and of the claim", func(t *testing.T) {
		q := *p
		require.NoError(t, q.Sign(testKey(t, MLDSA65), false))
		require.NotEqual(t, p.Signature, q.Signature)
		require.Equal(t, id, q.WorkID(), "another signature of the same work")
		q.Signature = nil
		require.Equal(t, id, q.WorkID())

		// The same work is spent once per key, whoever it pays and
		// whatever it claims.
		q = *p
		q.Beneficiary[0] ^= 1
		q.OutputHash[0] ^= 1
		q.InputTokens++
		q.OutputTokens++
		q.AttestationHash[0] ^= 1
		require.Equal(t, id, q.WorkID())
	})
	t.Run("spent key", func(t *testing.T) {
		require.Equal(t, DomainSpentKey.Sum(id[:]), SpentKey(id))
		require.NotEqual(t, id, SpentKey(id))
	})
}

// TestDecodeVersion1Refused: a version 1 proof (miner-chosen compute units,
// first byte the WorkContext's version 1) is refused with the fixed reason
// the precompile reverts with, whatever follows.
func TestDecodeVersion1Refused(t *testing.T) {
	v2 := sampleProof(t, MLDSA65).Encode()
	// A version 1 encoding: WorkContext, beneficiary, output hash,
	// compute units (8 bytes), attestation hash, key length, key, signature.
	v1 := append([]byte(nil), v2[offContextVersion:offInputTokens]...)
	v1 = binary.BigEndian.AppendUint64(v1, 1_000_000_000)
	v1 = append(v1, v2[offAttestationHash:]...)
	for _, b := range [][]byte{v1, v1[:1], v1[:100], append(bytes.Clone(v1), 0)} {
		p, err := DecodeAIWorkProof(b)
		require.Nil(t, p)
		require.ErrorIs(t, err, ErrWorkProofVersion1)
		requireDecodeError(t, err, "AIWorkProof", "version", 0)
		var de *DecodeError
		require.True(t, errors.As(err, &de))
		require.Equal(t, "work proof version 1 is no longer accepted: compute units are computed on chain; want version 2", de.Reason)
	}
}
