package proof

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

// sampleFederatedUpdate is the update of the golden vector: a 2×3 float32
// delta for round 42 on Pars, signed deterministically with the fixed
// ML-DSA-44 test key.
func sampleFederatedUpdate(t testing.TB, s Scheme) *FederatedUpdate {
	base := Tensor{DType: DTypeQ32, Shape: []uint32{2, 3}, Q32: []int64{0, Q32One, -Q32One, 1, -1, Q32One / 2}}
	u := &FederatedUpdate{
		ChainID:       6133,
		RoundID:       42,
		BaseModelHash: base.Hash(),
		Recipient:     common.HexToAddress("0x00000000000000000000000000000000000000cc"),
		Update:        Tensor{DType: DTypeFloat32, Shape: []uint32{2, 3}, F32: []float32{0.5, -0.25, 0, 1e-3, -7, 3.5}},
	}
	require.NoError(t, u.Sign(testKey(t, s), true))
	return u
}

// The golden vector pins the tensor encoding byte for byte and, by their
// BLAKE3 digests under DomainFederatedUpdate (to keep this file short), the
// signing message, the envelope and the deterministic ML-DSA-44 signature;
// and a reward leaf and the root of a five-leaf tree.
const (
	goldenBaseModelHash     = "f853d6e085ac4646c139feb2134eeb88de0ad8cc84f08e4992bfa8b7a1362201"
	goldenUpdateTensor      = "01" + "01" + "02" + "00000002" + "00000003" + "3f000000" + "be800000" + "00000000" + "3a83126f" + "c0e00000" + "40600000"
	goldenUpdateHash        = "e589ba81ea1577d82861f0165f05bf9f245f8fb76a436d5a54d8ba19673c1649"
	goldenUpdateSigningHash = "8534cfc3b16e3a6eb702825ea4ef8549c37521795ce98aea27954bec11a0a2c1"
	goldenUpdateEnvelope    = "fa5ff0640b6faffa31a788e152d50b9f34653a6d42a86f8ce07d9ab4fdad84ce"
	goldenUpdateSigSum      = "10eada26a8f72a6eeae34f30ec432345ac4c3483237e123642abc3a324ba7fec"
	goldenRewardLeaf        = "080289a1d5ed27da3a13690bb209ce1e278d261c09529a0fc826386f68b162fa"
	goldenRewardRoot        = "03a8b457b77c179def95edfe288e3db503cfac5c8bcaf9715b9e00125336328e"
)

func TestFederatedGoldenVector(t *testing.T) {
	u := sampleFederatedUpdate(t, MLDSA44)
	hexOf := func(h Hash) string { return hex.EncodeToString(h[:]) }
	got := map[string]string{
		"base":     hexOf(u.BaseModelHash),
		"tensor":   hex.EncodeToString(u.Update.Encode()),
		"update":   hexOf(u.UpdateHash()),
		"signing":  hexOf(DomainFederatedUpdate.Sum(u.SigningMessage())),
		"envelope": hexOf(DomainFederatedUpdate.Sum(u.Encode())),
		"sig":      hexOf(DomainFederatedUpdate.Sum(u.Signature)),
	}
	leaves := goldenLeaves()
	got["leaf"] = hexOf(leaves[0])
	got["root"] = hexOf(RewardRoot(leaves))
	want := map[string]string{
		"base": goldenBaseModelHash, "tensor": goldenUpdateTensor, "update": goldenUpdateHash,
		"signing": goldenUpdateSigningHash, "envelope": goldenUpdateEnvelope, "sig": goldenUpdateSigSum,
		"leaf": goldenRewardLeaf, "root": goldenRewardRoot,
	}
	require.Equal(t, want, got)
	require.Len(t, u.SigningMessage(), FederatedUpdateSigningSize)

	back, err := DecodeFederatedUpdate(u.Encode())
	require.NoError(t, err)
	require.Equal(t, u, back)
	require.NoError(t, back.Verify(6133))
}

// goldenLeaves are five reward leaves of round 42 on Pars.
func goldenLeaves() []Hash {
	out := make([]Hash, 5)
	for i := range out {
		out[i] = RewardLeaf(6133, 42, common.BytesToAddress([]byte{0xc0 + byte(i)}), uint256.NewInt(uint64(1000*(i+1))))
	}
	return out
}

func TestFederatedUpdateRoundTripAllSchemes(t *testing.T) {
	for _, s := range allSchemes {
		u := sampleFederatedUpdate(t, s)
		enc := u.Encode()
		back, err := DecodeFederatedUpdate(enc)
		require.NoError(t, err, s)
		require.Equal(t, u, back)
		require.Equal(t, enc, back.Encode())
		require.NoError(t, back.Verify(6133))
		var wc *WrongChainError
		require.ErrorAs(t, back.Verify(96369), &wc)
	}
}

// Every signed field is bound: changing any one makes the signature fail.
func TestFederatedSignatureBindsEveryField(t *testing.T) {
	edits := map[string]func(u *FederatedUpdate){
		"chain":     func(u *FederatedUpdate) { u.ChainID++ },
		"round":     func(u *FederatedUpdate) { u.RoundID++ },
		"base":      func(u *FederatedUpdate) { u.BaseModelHash[0] ^= 1 },
		"recipient": func(u *FederatedUpdate) { u.Recipient[19] ^= 1 },
		"value":     func(u *FederatedUpdate) { u.Update.F32[3] *= 2 },
		"shape":     func(u *FederatedUpdate) { u.Update.Shape = []uint32{3, 2} },
		"key":       func(u *FederatedUpdate) { u.ParticipantKey = testKey(t, MLDSA65).Public().Bytes() },
	}
	for name, edit := range edits {
		u := sampleFederatedUpdate(t, MLDSA44)
		sig := u.Signature
		edit(u)
		u.Signature = sig
		if name == "key" {
			u.Signature = make([]byte, SignatureSize65)
			copy(u.Signature, sig)
		}
		pk, err := ParsePublicKey(u.ParticipantKey)
		require.NoError(t, err)
		require.ErrorIs(t, u.VerifySignature(pk), ErrBadSignature, name)
	}
	// A work-proof signature over the same bytes does not verify as an update.
	u := sampleFederatedUpdate(t, MLDSA44)
	sig, err := testKey(t, MLDSA44).Sign(u.SigningMessage(), ContextWorkProof, true)
	require.NoError(t, err)
	u.Signature = sig
	require.ErrorIs(t, u.Verify(6133), ErrBadSignature)
}

func TestFederatedDecodeRefusals(t *testing.T) {
	u := sampleFederatedUpdate(t, MLDSA44)
	enc := u.Encode()
	tensorAt := federatedFixedSize + PublicKeySize44 + 4
	mut := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(enc)) }
	cases := map[string][]byte{
		"empty":          {},
		"short":          enc[:len(enc)-1],
		"trailing":       append(bytes.Clone(enc), 0),
		"version":        mut(func(b []byte) []byte { b[0] = 2; return b }),
		"key length":     mut(func(b []byte) []byte { b[federatedFixedSize-1]++; return b }),
		"update length":  mut(func(b []byte) []byte { b[tensorAt-1]--; return b }),
		"tensor version": mut(func(b []byte) []byte { b[tensorAt] = 0; return b }),
		"dtype q32":      mut(func(b []byte) []byte { b[tensorAt+1] = byte(DTypeQ32); return b }),
		"dtype unknown":  mut(func(b []byte) []byte { b[tensorAt+1] = 9; return b }),
		"rank 0":         mut(func(b []byte) []byte { b[tensorAt+2] = 0; return b }),
		"rank 5":         mut(func(b []byte) []byte { b[tensorAt+2] = 5; return b }),
		"zero dim":       mut(func(b []byte) []byte { copy(b[tensorAt+3:], []byte{0, 0, 0, 0}); return b }),
		"NaN":            mut(func(b []byte) []byte { copy(b[tensorAt+11:], []byte{0x7f, 0xc0, 0, 0}); return b }),
		"+Inf":           mut(func(b []byte) []byte { copy(b[tensorAt+15:], []byte{0x7f, 0x80, 0, 0}); return b }),
		"huge shape":     mut(func(b []byte) []byte { copy(b[tensorAt+3:], []byte{0xff, 0xff, 0xff, 0xff}); return b }),
	}
	for name, b := range cases {
		got, err := DecodeFederatedUpdate(b)
		var de *DecodeError
		require.ErrorAs(t, err, &de, name)
		require.Nil(t, got, name)
		require.True(t, de.Offset >= 0 && de.Offset <= len(b), "%s: offset %d", name, de.Offset)
	}
}

func TestTensorCodec(t *testing.T) {
	for _, tn := range []Tensor{
		{DType: DTypeQ32, Shape: []uint32{1}, Q32: []int64{math.MinInt64}},
		{DType: DTypeQ32, Shape: []uint32{2, 1, 2, 1}, Q32: []int64{1, 2, 3, -4}},
		{DType: DTypeFloat32, Shape: []uint32{3}, F32: []float32{float32(math.Copysign(0, -1)), math.MaxFloat32, math.SmallestNonzeroFloat32}},
	} {
		require.NoError(t, tn.Validate())
		enc := tn.Encode()
		require.Len(t, enc, tn.Size())
		back, err := DecodeTensor(enc)
		require.NoError(t, err)
		require.Equal(t, enc, back.Encode())
	}
	bad := []Tensor{
		{DType: DTypeFloat32, Shape: []uint32{2}, F32: []float32{1}},
		{DType: DTypeFloat32, Shape: []uint32{1}, F32: []float32{float32(math.Inf(-1))}},
		{DType: DTypeQ32, Shape: []uint32{}, Q32: nil},
		{DType: 7, Shape: []uint32{1}},
	}
	for i, tn := range bad {
		require.Error(t, tn.Validate(), i)
	}
}

func TestRewardTree(t *testing.T) {
	for n := 1; n <= 33; n++ {
		leaves := make([]Hash, n)
		for i := range leaves {
			leaves[i] = RewardLeaf(6133, 1, common.BytesToAddress([]byte{byte(i + 1)}), uint256.NewInt(uint64(i+1)))
		}
		root := RewardRoot(leaves)
		for i := range leaves {
			p, err := RewardProof(leaves, i)
			require.NoError(t, err)
			require.True(t, VerifyRewardProof(root, leaves[i], p), "n=%d i=%d", n, i)
			// Another leaf with this proof, or this leaf in another round, fails.
			other := RewardLeaf(6133, 2, common.BytesToAddress([]byte{byte(i + 1)}), uint256.NewInt(uint64(i+1)))
			require.False(t, VerifyRewardProof(root, other, p))
			if len(p) > 0 {
				p[0][0] ^= 1
				require.False(t, VerifyRewardProof(root, leaves[i], p))
			}
		}
		if n == 1 {
			require.Equal(t, leaves[0], root)
		}
	}
	// An inner node is never a valid leaf: nodes and leaves differ in domain.
	l := goldenLeaves()
	inner := RewardNode(l[0], l[1])
	root := RewardRoot(l)
	p, err := RewardProof(l, 0)
	require.NoError(t, err)
	require.False(t, VerifyRewardProof(root, inner, p[1:]) && inner != RewardNode(l[1], l[0]))
	require.Equal(t, RewardNode(l[0], l[1]), RewardNode(l[1], l[0]))
	require.False(t, VerifyRewardProof(root, l[0], make([]Hash, MaxRewardProofDepth+1)))
}

func TestSelectionRankBindsEverything(t *testing.T) {
	seed, id := Hash{1}, Hash{2}
	r := SelectionRank(seed, 6133, 7, id)
	require.NotEqual(t, r, SelectionRank(Hash{3}, 6133, 7, id))
	require.NotEqual(t, r, SelectionRank(seed, 6134, 7, id))
	require.NotEqual(t, r, SelectionRank(seed, 6133, 8, id))
	require.NotEqual(t, r, SelectionRank(seed, 6133, 7, Hash{4}))
}

func FuzzDecodeFederatedUpdate(f *testing.F) {
	for _, s := range allSchemes {
		enc := sampleFederatedUpdate(f, s).Encode()
		f.Add(enc)
		f.Add(enc[:len(enc)-1])
		f.Add(append(bytes.Clone(enc), 0))
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		u, err := DecodeFederatedUpdate(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error is %T, not *DecodeError: %v", err, err)
			}
			if u != nil {
				t.Fatal("update returned with an error")
			}
			if de.Offset < 0 || de.Offset > len(b) {
				t.Fatalf("offset %d outside the %d-byte input", de.Offset, len(b))
			}
			return
		}
		if !bytes.Equal(u.Encode(), b) {
			t.Fatal("decoded update re-encodes to other bytes")
		}
		if err := u.Update.Validate(); err != nil {
			t.Fatalf("decoded update does not validate: %v", err)
		}
		_ = u.Verify(6133) // never panics
	})
}

func FuzzDecodeTensor(f *testing.F) {
	f.Add(Tensor{DType: DTypeQ32, Shape: []uint32{2}, Q32: []int64{1, -1}}.encodeForFuzz())
	f.Add(Tensor{DType: DTypeFloat32, Shape: []uint32{1, 2}, F32: []float32{1, -1}}.encodeForFuzz())
	f.Fuzz(func(t *testing.T, b []byte) {
		tn, err := DecodeTensor(b)
		if err != nil {
			if tn != nil {
				t.Fatal("tensor returned with an error")
			}
			return
		}
		if !bytes.Equal(tn.Encode(), b) {
			t.Fatal(fmt.Sprintf("tensor re-encodes to other bytes: %x", b))
		}
		if err := tn.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func (t Tensor) encodeForFuzz() []byte { return t.Encode() }
