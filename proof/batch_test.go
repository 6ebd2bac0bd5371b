package proof

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// sampleBatchItems returns n items with increasing sequence numbers from
// first, every field distinct per item.
func sampleBatchItems(n int, first uint64) []BatchItem {
	items := make([]BatchItem, n)
	wc := sampleContext()
	for i := range items {
		wc.Nonce = DomainInput.Sum([]byte(fmt.Sprint("batch nonce", i)))
		items[i] = NewBatchItem(first+uint64(i), &wc, DomainOutput.Sum([]byte(fmt.Sprint("out", i))), uint32(10+i), uint32(1+i))
	}
	return items
}

var sampleBeneficiary = common.HexToAddress("0x00112233445566778899aabbccddeeff00112233")

func sampleBatch(t testing.TB, s Scheme, n int) (*BatchHeader, []BatchItem) {
	t.Helper()
	items := sampleBatchItems(n, 1000)
	h, err := SignBatch(testKey(t, s), 6133, sampleBeneficiary, items, true)
	require.NoError(t, err)
	return h, items
}

func TestBatchItemEncoding(t *testing.T) {
	items := sampleBatchItems(3, 7)
	for i := range items {
		enc := items[i].Encode()
		require.Len(t, enc, BatchItemSize)
		require.Equal(t, items[i].Seq, binary.BigEndian.Uint64(enc[:8]), "the sequence number leads")
		back, err := DecodeBatchItem(enc)
		require.NoError(t, err)
		require.Equal(t, items[i], back)
		require.Equal(t, items[i].Leaf(), BatchItemLeaf(enc))
		wc := back.Context(96369)
		require.Equal(t, uint32(96369), wc.ChainID)
		require.Equal(t, items[i], NewBatchItem(back.Seq, &wc, back.OutputHash, back.InputTokens, back.OutputTokens))
	}
	packed := EncodeBatchItems(items)
	require.Len(t, packed, 3*BatchItemSize)
	back, err := DecodeBatchItems(packed, 3)
	require.NoError(t, err)
	require.Equal(t, items, back)

	for _, tc := range []struct {
		name  string
		b     []byte
		count int
		field string
	}{
		{"short", packed[:len(packed)-1], 3, "length"},
		{"long", append(bytes.Clone(packed), 0), 3, "length"},
		{"count mismatch", packed, 2, "length"},
		{"zero items", nil, 0, "count"},
		{"too many items", make([]byte, (MaxBatchItems+1)*BatchItemSize), MaxBatchItems + 1, "count"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeBatchItems(tc.b, tc.count)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, tc.field, de.Field)
			require.ErrorIs(t, err, ErrBatchCount)
		})
	}
	_, err = DecodeBatchItem(packed[:BatchItemSize-1])
	require.Error(t, err)
}

// TestBatchTree checks every path of every tree shape up to 70 leaves, and
// that no path proves a leaf at another position, another leaf, or with a
// sibling changed, dropped or added.
func TestBatchTree(t *testing.T) {
	for n := 1; n <= 70; n++ {
		leaves := make([]Hash, n)
		for i := range leaves {
			leaves[i] = DomainBatchLeaf.Sum([]byte{byte(i), byte(n)})
		}
		root := BatchRoot(append([]Hash(nil), leaves...))
		require.Equal(t, root, referenceRoot(leaves), "n=%d", n)
		for i := range leaves {
			path, err := BatchPath(leaves, i)
			require.NoError(t, err)
			require.Len(t, path, BatchPathLength(n, i))
			require.True(t, VerifyBatchPath(root, n, i, leaves[i], path), "n=%d i=%d", n, i)
			if n > 1 {
				require.False(t, VerifyBatchPath(root, n, (i+1)%n, leaves[i], path), "wrong position n=%d i=%d", n, i)
				require.False(t, VerifyBatchPath(root, n, i, leaves[(i+1)%n], path), "wrong leaf n=%d i=%d", n, i)
			}
			for k := range path {
				bad := append([]Hash(nil), path...)
				bad[k][0] ^= 1
				require.False(t, VerifyBatchPath(root, n, i, leaves[i], bad), "n=%d i=%d sibling %d", n, i, k)
			}
			require.False(t, VerifyBatchPath(root, n, i, leaves[i], append(append([]Hash(nil), path...), Hash{})), "extra sibling")
			if len(path) > 0 {
				require.False(t, VerifyBatchPath(root, n, i, leaves[i], path[:len(path)-1]), "missing sibling")
			}
		}
		_, err := BatchPath(leaves, n)
		require.Error(t, err)
	}
	require.Equal(t, Hash{}, BatchRoot(nil))
	// A node is never a leaf: the two domains differ, so the root of two
	// leaves is not the leaf of their concatenation.
	a, b := Hash{1}, Hash{2}
	require.NotEqual(t, BatchNode(a, b), DomainBatchLeaf.Sum(a[:], b[:]))
	require.NotEqual(t, BatchNode(a, b), BatchNode(b, a), "positions matter")
	require.False(t, VerifyBatchPath(a, 0, 0, a, nil))
	require.False(t, VerifyBatchPath(a, MaxBatchItems+1, 0, a, make([]Hash, 10)))
}

// referenceRoot is the tree of the format description, built level by
// level into new slices.
func referenceRoot(leaves []Hash) Hash {
	level := append([]Hash(nil), leaves...)
	for len(level) > 1 {
		var next []Hash
		for i := 0; i < len(level); i += 2 {
			if i+1 < len(level) {
				next = append(next, DomainBatchNode.Sum(level[i][:], level[i+1][:]))
			} else {
				next = append(next, level[i])
			}
		}
		level = next
	}
	return level[0]
}

func TestBatchHeaderRoundTrip(t *testing.T) {
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			h, items := sampleBatch(t, s, 5)
			enc := h.Encode()
			require.Len(t, enc, BatchHeaderSize(s))
			back, err := DecodeBatchHeader(enc)
			require.NoError(t, err)
			require.Equal(t, h, back)
			require.NoError(t, VerifyBatch(back, items, 6133, sampleContext().Timestamp, TimeWindow{}))
			require.Equal(t, h.MinerID(), testKey(t, s).Public().ID())
		})
	}
	require.Zero(t, BatchHeaderSize(0))
}

func TestDecodeBatchHeaderRefusals(t *testing.T) {
	h, _ := sampleBatch(t, MLDSA44, 3)
	good := h.Encode()
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	keyLenAt := 1 + 4 + 20 + 2 + 32
	cases := []struct {
		name  string
		b     []byte
		field string
	}{
		{"empty", nil, "length"},
		{"version 0", edit(func(b []byte) []byte { b[0] = 0; return b }), "version"},
		{"version 2", edit(func(b []byte) []byte { b[0] = 2; return b }), "version"},
		{"a work proof", sampleProof(t, MLDSA44).Encode(), "version"},
		{"truncated", good[:len(good)-1], "length"},
		{"trailing byte", append(bytes.Clone(good), 0), "end"},
		{"count 0", edit(func(b []byte) []byte { b[25], b[26] = 0, 0; return b }), "count"},
		{"count over the maximum", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[25:27], MaxBatchItems+1)
			return b
		}), "count"},
		{"key length of no scheme", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[keyLenAt:], PublicKeySize44+1)
			return b
		}), "public key length"},
		{"key length of another scheme", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[keyLenAt:], PublicKeySize65)
			return b
		}), "signature"},
		{"too long", make([]byte, MaxBatchHeaderSize+1), "length"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "too long" {
				tc.b[0] = WorkBatchVersion
			}
			got, err := DecodeBatchHeader(tc.b)
			require.Nil(t, got)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, tc.field, de.Field, "%v", err)
		})
	}
}

// TestVerifyBatchEveryCheck: every signed field, every item byte and every
// rule of VerifyBatch is load-bearing.
func TestVerifyBatchEveryCheck(t *testing.T) {
	now := sampleContext().Timestamp
	cases := []struct {
		name string
		edit func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64)
		want error
	}{
		{"valid", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) { return items, 6133 }, nil},
		{"other chain", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) { return items, 6134 }, &WrongChainError{}},
		{"chain id changed", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			h.ChainID = 6134
			return items, 6134
		}, ErrBadSignature},
		{"beneficiary changed", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			h.Beneficiary[0] ^= 1
			return items, 6133
		}, ErrBadSignature},
		{"zero beneficiary", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			h.Beneficiary = common.Address{}
			return items, 6133
		}, ErrZeroBeneficiary},
		{"root changed", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			h.Root[3] ^= 1
			return items, 6133
		}, ErrBatchRoot},
		{"item output changed", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			items[2].OutputHash[0] ^= 1
			return items, 6133
		}, ErrBatchRoot},
		{"item tokens changed", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			items[0].OutputTokens++
			return items, 6133
		}, ErrBatchRoot},
		{"items swapped", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			items[1].Seq, items[2].Seq = items[2].Seq, items[1].Seq
			items[1], items[2] = items[2], items[1]
			return items, 6133
		}, ErrBatchRoot},
		{"item dropped", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) { return items[:3], 6133 }, ErrBatchCount},
		{"same seq twice", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			items[2].Seq = items[1].Seq
			return items, 6133
		}, ErrBatchSeqOrder},
		{"zero output", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			items[1].OutputTokens = 0
			return items, 6133
		}, ErrZeroOutputTokens},
		{"stale item", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			items[3].Timestamp = now - 1
			return items, 6133
		}, &TimestampError{}},
		{"signature changed", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			h.Signature[10] ^= 1
			return items, 6133
		}, ErrBadSignature},
		{"another key", func(h *BatchHeader, items []BatchItem) ([]BatchItem, uint64) {
			h.MinerKey = otherTestKey(t, MLDSA44).Public().Bytes()
			return items, 6133
		}, ErrBadSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, items := sampleBatch(t, MLDSA44, 4)
			items, chain := tc.edit(h, items)
			err := VerifyBatch(h, items, chain, now, TimeWindow{})
			switch want := tc.want.(type) {
			case nil:
				require.NoError(t, err)
			case *WrongChainError:
				require.ErrorAs(t, err, &want)
			case *TimestampError:
				require.ErrorAs(t, err, &want)
			default:
				require.ErrorIs(t, err, want)
			}
		})
	}
	// A work-proof signature over the same bytes never verifies as a batch:
	// the FIPS 204 contexts differ.
	h, _ := sampleBatch(t, MLDSA65, 2)
	sig, err := testKey(t, MLDSA65).Sign(h.SigningMessage(), ContextWorkProof, true)
	require.NoError(t, err)
	h.Signature = sig
	require.ErrorIs(t, h.VerifySignature(testKey(t, MLDSA65).Public()), ErrBadSignature)
}

func TestBatchIDs(t *testing.T) {
	h, _ := sampleBatch(t, MLDSA44, 3)
	mid := h.MinerID()
	base := h.ID()
	require.Equal(t, BatchID(h.ChainID, h.Beneficiary, h.Count, h.Root, mid), base)
	require.NotEqual(t, base, h.Digest(), "id and digest hash under different domains")
	// Every committed field changes the id.
	for _, tc := range []struct {
		name string
		id   Hash
	}{
		{"chain", BatchID(h.ChainID+1, h.Beneficiary, h.Count, h.Root, mid)},
		{"beneficiary", BatchID(h.ChainID, common.Address{1}, h.Count, h.Root, mid)},
		{"count", BatchID(h.ChainID, h.Beneficiary, h.Count+1, h.Root, mid)},
		{"root", BatchID(h.ChainID, h.Beneficiary, h.Count, Hash{1}, mid)},
		{"miner", BatchID(h.ChainID, h.Beneficiary, h.Count, h.Root, Hash{1})},
	} {
		require.NotEqual(t, base, tc.id, tc.name)
	}
	a := BatchItemID(6133, mid, 5)
	require.NotEqual(t, a, BatchItemID(6134, mid, 5))
	require.NotEqual(t, a, BatchItemID(6133, Hash{1}, 5))
	require.NotEqual(t, a, BatchItemID(6133, mid, 6))
}

func TestSignBatchCount(t *testing.T) {
	_, err := SignBatch(testKey(t, MLDSA44), 1, sampleBeneficiary, nil, true)
	require.ErrorIs(t, err, ErrBatchCount)
	_, err = SignBatch(testKey(t, MLDSA44), 1, sampleBeneficiary, make([]BatchItem, MaxBatchItems+1), true)
	require.ErrorIs(t, err, ErrBatchCount)
}

// FuzzDecodeBatchHeader: decoding never panics, and whatever decodes
// re-encodes to exactly the input (one encoding per header).
func FuzzDecodeBatchHeader(f *testing.F) {
	for _, s := range allSchemes {
		h, _ := sampleBatch(f, s, 2)
		f.Add(h.Encode())
	}
	f.Add([]byte{WorkBatchVersion})
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := DecodeBatchHeader(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("not a DecodeError: %v", err)
			}
			return
		}
		if !bytes.Equal(h.Encode(), b) {
			t.Fatal("decoded header re-encodes differently")
		}
	})
}

// FuzzDecodeBatchItems: packed items decode exactly when the length is a
// whole number of items, and re-encode to the input.
func FuzzDecodeBatchItems(f *testing.F) {
	f.Add(EncodeBatchItems(sampleBatchItems(3, 0)), 3)
	f.Add([]byte{1, 2, 3}, 1)
	f.Fuzz(func(t *testing.T, b []byte, count int) {
		items, err := DecodeBatchItems(b, count)
		if err != nil {
			return
		}
		if !bytes.Equal(EncodeBatchItems(items), b) {
			t.Fatal("decoded items re-encode differently")
		}
	})
}

// BenchmarkBatchRoot is the tree over 64 items, the chain's per-item
// hashing.
func BenchmarkBatchRoot(b *testing.B) {
	packed := EncodeBatchItems(sampleBatchItems(64, 0))
	leaves := make([]Hash, 64)
	for b.Loop() {
		for i := range leaves {
			leaves[i] = BatchItemLeaf(packed[i*BatchItemSize : (i+1)*BatchItemSize])
		}
		_ = BatchRoot(leaves)
	}
}

func TestBatchLeaves(t *testing.T) {
	items := sampleBatchItems(5, 3)
	packed := EncodeBatchItems(items)
	leaves := BatchLeaves(append(bytes.Clone(packed), 1, 2, 3))
	require.Len(t, leaves, 5)
	for i := range items {
		require.Equal(t, items[i].Leaf(), leaves[i])
	}
	require.Equal(t, BatchItemsRoot(items), BatchRoot(leaves))
	require.Empty(t, BatchLeaves(packed[:BatchItemSize-1]))
}
