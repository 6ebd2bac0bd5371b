package proof

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// Regenerate the batch golden vectors with
//
//	go test ./proof -run TestBatchGoldenVectors -update
//
// and review the diff: every changed byte is a change of the batch format.
const batchVectorsPath = "../testdata/proof/batches.json"

// The JSON layout of testdata/proof/batches.json, documented in
// testdata/proof/README.md.
type batchVectorFile struct {
	Comment        []string            `json:"comment"`
	Version        int                 `json:"version"`
	ItemSize       int                 `json:"item_size"`
	MaxItems       int                 `json:"max_items"`
	SigningContext string              `json:"signing_context"`
	Batches        []batchVec          `json:"batches"`
	Refused        []refusedBatchVec   `json:"refused"`
	RefusedItems   []refusedBatchItems `json:"refused_items"`
}

type batchVec struct {
	Scheme         string         `json:"scheme"`
	KeySeed        string         `json:"key_seed"`
	PublicKey      string         `json:"public_key"`
	MinerID        string         `json:"miner_id"`
	ChainID        uint32         `json:"chain_id"`
	Beneficiary    string         `json:"beneficiary"`
	Count          int            `json:"count"`
	Items          []batchItemVec `json:"items"`
	ItemsEncoding  string         `json:"items_encoding"`
	Root           string         `json:"root"`
	SigningMessage string         `json:"signing_message"`
	Signature      string         `json:"signature"`
	Encoding       string         `json:"encoding"`
	BatchID        string         `json:"batch_id"`
	Digest         string         `json:"digest"`
}

type batchItemVec struct {
	Seq          string   `json:"seq"`
	JobID        string   `json:"job_id"`
	ModelHash    string   `json:"model_hash"`
	InputHash    string   `json:"input_hash"`
	DeviceID     string   `json:"device_id"`
	Nonce        string   `json:"nonce"`
	Timestamp    string   `json:"timestamp"`
	OutputHash   string   `json:"output_hash"`
	InputTokens  uint32   `json:"input_tokens"`
	OutputTokens uint32   `json:"output_tokens"`
	Encoding     string   `json:"encoding"`
	Leaf         string   `json:"leaf"`
	ItemID       string   `json:"item_id"`
	Path         []string `json:"path"`
}

// refusedBatchVec is a header encoding every decoder must refuse.
type refusedBatchVec struct {
	Name     string `json:"name"`
	Encoding string `json:"encoding"`
	Field    string `json:"field"`
	Error    string `json:"error"`
}

// refusedBatchItems is a packed-items encoding refused for the count.
type refusedBatchItems struct {
	Name     string `json:"name"`
	Count    int    `json:"count"`
	Encoding string `json:"encoding"`
	Field    string `json:"field"`
	Error    string `json:"error"`
}

// batchInput is everything a batch vector is built from.
type batchInput struct {
	scheme      Scheme
	chainID     uint32
	beneficiary common.Address
	seqs        []uint64
	fill        byte
	timestamp   uint64
}

var batchInputs = []batchInput{
	{scheme: MLDSA44, chainID: 6133, beneficiary: common.HexToAddress("0x1111111111111111111111111111111111111111"),
		seqs: []uint64{0, 1, 2}, fill: 0x00, timestamp: 1_767_225_600},
	{scheme: MLDSA65, chainID: 96369, beneficiary: common.HexToAddress("0x00000000000000000000000000000000deadbeef"),
		seqs: []uint64{255, 256}, fill: 0x40, timestamp: 1_767_225_601},
	{scheme: MLDSA87, chainID: 200200, beneficiary: common.HexToAddress("0xfedcba9876543210fedcba9876543210fedcba98"),
		seqs: []uint64{7, 9, 1 << 40, 0xfffffffffffffffe, 0xffffffffffffffff}, fill: 0x80, timestamp: 0xfffffffffffffff0},
}

// buildBatchItems makes the items of one input.
func buildBatchItems(in batchInput) []BatchItem {
	items := make([]BatchItem, len(in.seqs))
	for i, seq := range in.seqs {
		f := in.fill + byte(i)
		items[i] = BatchItem{
			Seq: seq, JobID: fillHash(f), ModelHash: fillHash(f + 0x10), InputHash: fillHash(f + 0x20),
			DeviceID: fillHash(f + 0x30), Nonce: fillHash(f + 0x40), Timestamp: in.timestamp + uint64(i)%2,
			OutputHash: fillHash(f + 0x50), InputTokens: uint32(i) * 1000, OutputTokens: 1 + uint32(i)<<24,
		}
	}
	return items
}

func refusedBatchVectors(t testing.TB) []refusedBatchVec {
	t.Helper()
	h, err := SignBatch(testKey(t, MLDSA44), batchInputs[0].chainID, batchInputs[0].beneficiary, buildBatchItems(batchInputs[0]), true)
	require.NoError(t, err)
	good := h.Encode()
	v2 := bytes.Clone(good)
	v2[0] = 2
	count0 := bytes.Clone(good)
	count0[25], count0[26] = 0, 0
	cases := []struct {
		name string
		enc  []byte
	}{
		{"version 2", v2},
		{"count 0", count0},
		{"trailing byte", append(bytes.Clone(good), 0)},
		{"a work proof", sampleProof(t, MLDSA44).Encode()},
	}
	var out []refusedBatchVec
	for _, c := range cases {
		_, err := DecodeBatchHeader(c.enc)
		var de *DecodeError
		require.True(t, errors.As(err, &de), "%s: %v", c.name, err)
		out = append(out, refusedBatchVec{Name: c.name, Encoding: hex.EncodeToString(c.enc), Field: de.Field, Error: de.Error()})
	}
	return out
}

func refusedItemVectors(t testing.TB) []refusedBatchItems {
	t.Helper()
	packed := EncodeBatchItems(buildBatchItems(batchInputs[0]))
	cases := []struct {
		name  string
		count int
		enc   []byte
	}{
		{"one byte short", 3, packed[:len(packed)-1]},
		{"one item more than the count", 2, packed},
	}
	var out []refusedBatchItems
	for _, c := range cases {
		_, err := DecodeBatchItems(c.enc, c.count)
		var de *DecodeError
		require.True(t, errors.As(err, &de), "%s: %v", c.name, err)
		out = append(out, refusedBatchItems{Name: c.name, Count: c.count, Encoding: hex.EncodeToString(c.enc), Field: de.Field, Error: de.Error()})
	}
	return out
}

func buildBatchVectors(t testing.TB) batchVectorFile {
	t.Helper()
	f := batchVectorFile{
		Comment: []string{
			"Golden vectors of the Pars AI mining work batch (Go package proof, batch.go).",
			"Format: testdata/proof/README.md. Byte strings are lowercase hex; 64-bit integers are decimal strings.",
			"Regenerate: go test ./proof -run TestBatchGoldenVectors -update",
		},
		Version:        int(WorkBatchVersion),
		ItemSize:       BatchItemSize,
		MaxItems:       MaxBatchItems,
		SigningContext: string(ContextWorkBatch),
		Refused:        refusedBatchVectors(t),
		RefusedItems:   refusedItemVectors(t),
	}
	h := func(x Hash) string { return hex.EncodeToString(x[:]) }
	for _, in := range batchInputs {
		sk := testKey(t, in.scheme)
		items := buildBatchItems(in)
		hdr, err := SignBatch(sk, in.chainID, in.beneficiary, items, true)
		require.NoError(t, err)
		seed := sk.Seed()
		mid := hdr.MinerID()
		leaves := make([]Hash, len(items))
		for i := range items {
			leaves[i] = items[i].Leaf()
		}
		v := batchVec{
			Scheme: in.scheme.String(), KeySeed: hex.EncodeToString(seed[:]), PublicKey: hex.EncodeToString(hdr.MinerKey),
			MinerID: h(mid), ChainID: in.chainID, Beneficiary: hex.EncodeToString(in.beneficiary[:]), Count: len(items),
			ItemsEncoding: hex.EncodeToString(EncodeBatchItems(items)), Root: h(hdr.Root),
			SigningMessage: hex.EncodeToString(hdr.SigningMessage()), Signature: hex.EncodeToString(hdr.Signature),
			Encoding: hex.EncodeToString(hdr.Encode()), BatchID: h(hdr.ID()), Digest: h(hdr.Digest()),
		}
		for i, it := range items {
			path, err := BatchPath(leaves, i)
			require.NoError(t, err)
			ps := make([]string, len(path))
			for k := range path {
				ps[k] = h(path[k])
			}
			v.Items = append(v.Items, batchItemVec{
				Seq: strconv.FormatUint(it.Seq, 10), JobID: h(it.JobID), ModelHash: h(it.ModelHash), InputHash: h(it.InputHash),
				DeviceID: h(it.DeviceID), Nonce: h(it.Nonce), Timestamp: strconv.FormatUint(it.Timestamp, 10),
				OutputHash: h(it.OutputHash), InputTokens: it.InputTokens, OutputTokens: it.OutputTokens,
				Encoding: hex.EncodeToString(it.Encode()), Leaf: h(leaves[i]), ItemID: h(BatchItemID(in.chainID, mid, it.Seq)), Path: ps,
			})
		}
		f.Batches = append(f.Batches, v)
	}
	return f
}

func marshalBatchVectors(t testing.TB, f batchVectorFile) []byte {
	t.Helper()
	b, err := json.MarshalIndent(f, "", "  ")
	require.NoError(t, err)
	return append(b, '\n')
}

func parseU64(t *testing.T, s string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(s, 10, 64)
	require.NoError(t, err)
	return v
}

func TestBatchGoldenVectors(t *testing.T) {
	if *update {
		require.NoError(t, os.WriteFile(batchVectorsPath, marshalBatchVectors(t, buildBatchVectors(t)), 0o644))
		t.Logf("wrote %s", batchVectorsPath)
	}
	raw, err := os.ReadFile(batchVectorsPath)
	require.NoError(t, err, "run: go test ./proof -run TestBatchGoldenVectors -update")
	var f batchVectorFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&f))
	require.Equal(t, int(WorkBatchVersion), f.Version)
	require.Equal(t, BatchItemSize, f.ItemSize)
	require.Equal(t, MaxBatchItems, f.MaxItems)
	require.Equal(t, string(ContextWorkBatch), f.SigningContext)

	require.Len(t, f.Batches, len(batchInputs))
	for bi, v := range f.Batches {
		t.Run(v.Scheme, func(t *testing.T) {
			scheme := batchInputs[bi].scheme
			require.Equal(t, scheme.String(), v.Scheme)
			seed := unhex(t, v.KeySeed)
			require.Len(t, seed, SeedSize)
			sk, err := NewKeyFromSeed(scheme, [SeedSize]byte(seed))
			require.NoError(t, err)
			pub := unhex(t, v.PublicKey)
			require.Equal(t, sk.Public().Bytes(), pub)
			mid := unhex32(t, v.MinerID)
			require.Equal(t, MinerID(pub), mid)

			// Items: fields, encodings, leaves, ids, paths.
			require.Len(t, v.Items, v.Count)
			items := make([]BatchItem, len(v.Items))
			leaves := make([]Hash, len(v.Items))
			var packed []byte
			for i, iv := range v.Items {
				it := BatchItem{
					Seq: parseU64(t, iv.Seq), JobID: unhex32(t, iv.JobID), ModelHash: unhex32(t, iv.ModelHash),
					InputHash: unhex32(t, iv.InputHash), DeviceID: unhex32(t, iv.DeviceID), Nonce: unhex32(t, iv.Nonce),
					Timestamp: parseU64(t, iv.Timestamp), OutputHash: unhex32(t, iv.OutputHash),
					InputTokens: iv.InputTokens, OutputTokens: iv.OutputTokens,
				}
				enc := unhex(t, iv.Encoding)
				require.Equal(t, enc, it.Encode())
				back, err := DecodeBatchItem(enc)
				require.NoError(t, err)
				require.Equal(t, it, back)
				leaves[i] = unhex32(t, iv.Leaf)
				require.Equal(t, DomainBatchLeaf.Sum(enc), leaves[i])
				require.Equal(t, BatchItemID(v.ChainID, mid, it.Seq), unhex32(t, iv.ItemID))
				items[i] = it
				packed = append(packed, enc...)
			}
			require.Equal(t, unhex(t, v.ItemsEncoding), packed)
			root := unhex32(t, v.Root)
			require.Equal(t, root, BatchItemsRoot(items))
			for i, iv := range v.Items {
				path := make([]Hash, len(iv.Path))
				for k, p := range iv.Path {
					path[k] = unhex32(t, p)
				}
				require.True(t, VerifyBatchPath(root, v.Count, i, leaves[i], path), "path of item %d", i)
			}

			// Header.
			ben := unhex(t, v.Beneficiary)
			require.Len(t, ben, common.AddressLength)
			hdr := &BatchHeader{ChainID: v.ChainID, Beneficiary: common.Address(ben), Count: uint16(v.Count), Root: root,
				MinerKey: pub, Signature: unhex(t, v.Signature)}
			msg := unhex(t, v.SigningMessage)
			require.Equal(t, msg, hdr.SigningMessage())
			require.Equal(t, WorkBatchVersion, msg[0])
			enc := unhex(t, v.Encoding)
			require.Equal(t, append(bytes.Clone(msg), hdr.Signature...), enc)
			require.Equal(t, enc, hdr.Encode())
			sig, err := sk.Sign(msg, ContextWorkBatch, true)
			require.NoError(t, err)
			require.Equal(t, hdr.Signature, sig, "deterministic signature")
			back, err := DecodeBatchHeader(enc)
			require.NoError(t, err)
			require.Equal(t, hdr, back)
			gotItems, err := DecodeBatchItems(packed, int(back.Count))
			require.NoError(t, err)
			require.NoError(t, VerifyBatch(back, gotItems, uint64(v.ChainID), items[0].Timestamp, TimeWindow{Future: 1}))
			require.Equal(t, unhex32(t, v.BatchID), back.ID())
			require.Equal(t, unhex32(t, v.Digest), back.Digest())
		})
	}

	require.NotEmpty(t, f.Refused)
	for _, v := range f.Refused {
		t.Run("refused "+v.Name, func(t *testing.T) {
			h, err := DecodeBatchHeader(unhex(t, v.Encoding))
			require.Nil(t, h)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, v.Field, de.Field)
			require.Equal(t, v.Error, de.Error())
		})
	}
	require.NotEmpty(t, f.RefusedItems)
	for _, v := range f.RefusedItems {
		t.Run("refused items "+v.Name, func(t *testing.T) {
			_, err := DecodeBatchItems(unhex(t, v.Encoding), v.Count)
			var de *DecodeError
			require.True(t, errors.As(err, &de), "%v", err)
			require.Equal(t, v.Field, de.Field)
			require.Equal(t, v.Error, de.Error())
		})
	}

	t.Run("file is exactly what the generator writes", func(t *testing.T) {
		require.Equal(t, string(marshalBatchVectors(t, buildBatchVectors(t))), string(raw),
			"batches.json is stale or edited by hand; regenerate with -update and review the diff")
	})
}
