package proof

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// Batched work. A miner signs one header over many work items: the Merkle
// root of the items, bound to the chain, the beneficiary and its own key.
// One public key and one signature travel per batch; per item only its own
// fields do. On chain an item is spent by its sequence number, a bit in a
// per-miner bitmap (precompile/batch.go), and an audit later selects one
// item and proves it under the stored batch with a Merkle path.
//
// Header (BatchHeader), all integers big-endian:
//
//	version(1)=1 chain_id(4) beneficiary(20) count(2) root(32)
//	public_key_length(2) public_key signature
//
// The signature is ML-DSA under ContextWorkBatch over everything before
// it. Item (BatchItem), BatchItemSize bytes:
//
//	seq(8) job_id(32) model_hash(32) input_hash(32) device_id(32)
//	nonce(32) timestamp(8) output_hash(32) input_tokens(4) output_tokens(4)
//
// Tree: leaf_i = Sum_DomainBatchLeaf(item_i encoding); a node is
// Sum_DomainBatchNode(left ‖ right), in position order; each level pairs
// neighbours left to right and carries a last, unpaired node up unchanged.
// The count is signed, so the shape of the tree is fixed by the header.

// WorkBatchVersion is the first byte of an encoded BatchHeader: the batch
// format's own version, separate from WorkProofVersion and Version.
const WorkBatchVersion byte = 1

// Sizes of the batch encodings.
const (
	// BatchItemSize is the size of one encoded BatchItem.
	BatchItemSize = 8 + 5*32 + 8 + 32 + 4 + 4
	// MaxBatchItems is the most items one batch may hold. 512 items and an
	// ML-DSA-87 header are about 118 KB of calldata, below go-ethereum's
	// 128 KB transaction size limit of its pool.
	MaxBatchItems = 512
	// batchHeaderFixedSize is everything before the public key.
	batchHeaderFixedSize = 1 + 4 + common.AddressLength + 2 + 32 + 2
	// MinBatchHeaderSize is the size of the smallest header (ML-DSA-44).
	MinBatchHeaderSize = batchHeaderFixedSize + PublicKeySize44 + SignatureSize44
	// MaxBatchHeaderSize is the size of the largest header (ML-DSA-87).
	MaxBatchHeaderSize = batchHeaderFixedSize + PublicKeySize87 + SignatureSize87
	// batchCommitmentSize is the size of BatchHeader.commitment.
	batchCommitmentSize = 1 + 4 + common.AddressLength + 2 + 32 + 32
)

// The hashing domains and the signing context of batches. Part of the wire
// format.
var (
	// DomainBatchLeaf hashes one encoded item into a leaf of the batch tree.
	DomainBatchLeaf = newDomain("Pars AI mining v1 work batch leaf")
	// DomainBatchNode hashes two children of the batch tree.
	DomainBatchNode = newDomain("Pars AI mining v1 work batch node")
	// DomainBatchID derives a batch's id: the key of its pending record.
	DomainBatchID = newDomain("Pars AI mining v1 work batch id")
	// DomainBatchDigest derives the digest the chain keeps of an accepted
	// batch, which an audit checks a revealed (count, root) against.
	DomainBatchDigest = newDomain("Pars AI mining v1 work batch digest")
	// DomainBatchItem derives the id of one item, (chain, miner id,
	// sequence number): what audits draw on.
	DomainBatchItem = newDomain("Pars AI mining v1 work batch item")

	// ContextWorkBatch signs a BatchHeader.
	ContextWorkBatch = []byte("pars-aimining/v1/work-batch")
)

// Errors of batch encoding and verification.
var (
	// ErrBatchRoot: the items do not hash to the signed root.
	ErrBatchRoot = errors.New("proof: batch items do not match the signed root")
	// ErrBatchSeqOrder: sequence numbers do not strictly increase.
	ErrBatchSeqOrder = errors.New("proof: batch sequence numbers must strictly increase")
	// ErrBatchCount: the number of items is not the signed count, or out
	// of 1..MaxBatchItems.
	ErrBatchCount = errors.New("proof: batch item count out of range or not the signed count")
)

// BatchItem is one piece of work in a batch: the fields of its WorkContext
// but the chain id (the header's), what it computed, and its sequence
// number, which names the item in the miner's spent bitmap.
type BatchItem struct {
	Seq          uint64
	JobID        Hash
	ModelHash    Hash
	InputHash    Hash
	DeviceID     Hash
	Nonce        Hash
	Timestamp    uint64
	OutputHash   Hash
	InputTokens  uint32
	OutputTokens uint32
}

// NewBatchItem makes the item of a WorkContext fixed before compute and
// what the compute produced. The context's chain id goes to the header.
func NewBatchItem(seq uint64, wc *WorkContext, outputHash Hash, inputTokens, outputTokens uint32) BatchItem {
	return BatchItem{
		Seq: seq, JobID: wc.JobID, ModelHash: wc.ModelHash, InputHash: wc.InputHash, DeviceID: wc.DeviceID,
		Nonce: wc.Nonce, Timestamp: wc.Timestamp, OutputHash: outputHash,
		InputTokens: inputTokens, OutputTokens: outputTokens,
	}
}

// Context returns the item's WorkContext on chain chainID (the batch's).
func (it *BatchItem) Context(chainID uint32) WorkContext {
	return WorkContext{
		ChainID: chainID, JobID: it.JobID, ModelHash: it.ModelHash, InputHash: it.InputHash,
		DeviceID: it.DeviceID, Nonce: it.Nonce, Timestamp: it.Timestamp,
	}
}

// AppendEncoding appends the item's BatchItemSize-byte encoding to b.
func (it *BatchItem) AppendEncoding(b []byte) []byte {
	b = binary.BigEndian.AppendUint64(b, it.Seq)
	b = append(b, it.JobID[:]...)
	b = append(b, it.ModelHash[:]...)
	b = append(b, it.InputHash[:]...)
	b = append(b, it.DeviceID[:]...)
	b = append(b, it.Nonce[:]...)
	b = binary.BigEndian.AppendUint64(b, it.Timestamp)
	b = append(b, it.OutputHash[:]...)
	b = binary.BigEndian.AppendUint32(b, it.InputTokens)
	return binary.BigEndian.AppendUint32(b, it.OutputTokens)
}

// Encode returns the item's encoding.
func (it *BatchItem) Encode() []byte { return it.AppendEncoding(make([]byte, 0, BatchItemSize)) }

// Leaf returns the item's leaf in the batch tree.
func (it *BatchItem) Leaf() Hash { return DomainBatchLeaf.Sum(it.Encode()) }

// DecodeBatchItem decodes one item; b must be exactly BatchItemSize bytes.
func DecodeBatchItem(b []byte) (BatchItem, error) {
	if len(b) != BatchItemSize {
		return BatchItem{}, &DecodeError{What: "BatchItem", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, want exactly %d", len(b), BatchItemSize)}
	}
	return decodeBatchItem(b), nil
}

// decodeBatchItem reads an item from exactly BatchItemSize bytes.
func decodeBatchItem(b []byte) BatchItem {
	var it BatchItem
	it.Seq = binary.BigEndian.Uint64(b[0:8])
	copy(it.JobID[:], b[8:40])
	copy(it.ModelHash[:], b[40:72])
	copy(it.InputHash[:], b[72:104])
	copy(it.DeviceID[:], b[104:136])
	copy(it.Nonce[:], b[136:168])
	it.Timestamp = binary.BigEndian.Uint64(b[168:176])
	copy(it.OutputHash[:], b[176:208])
	it.InputTokens = binary.BigEndian.Uint32(b[208:212])
	it.OutputTokens = binary.BigEndian.Uint32(b[212:216])
	return it
}

// EncodeBatchItems returns the packed items: each item's encoding, in
// order, with nothing between them. This is the items argument of
// submitWorkBatch.
func EncodeBatchItems(items []BatchItem) []byte {
	b := make([]byte, 0, len(items)*BatchItemSize)
	for i := range items {
		b = items[i].AppendEncoding(b)
	}
	return b
}

// DecodeBatchItems decodes packed items strictly: exactly count items of
// BatchItemSize bytes, count in 1..MaxBatchItems. It does not check their
// order (VerifyBatch and the chain do).
func DecodeBatchItems(b []byte, count int) ([]BatchItem, error) {
	if count < 1 || count > MaxBatchItems {
		return nil, &DecodeError{What: "batch items", Field: "count", Offset: 0,
			Reason: fmt.Sprintf("%d items, a batch has 1 to %d", count, MaxBatchItems), Err: ErrBatchCount}
	}
	if len(b) != count*BatchItemSize {
		return nil, &DecodeError{What: "batch items", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, want %d items of %d bytes", len(b), count, BatchItemSize), Err: ErrBatchCount}
	}
	items := make([]BatchItem, count)
	for i := range items {
		items[i] = decodeBatchItem(b[i*BatchItemSize : (i+1)*BatchItemSize])
	}
	return items, nil
}

// BatchItemLeaf returns the leaf of the encoded item b (BatchItemSize
// bytes), without decoding it.
func BatchItemLeaf(b []byte) Hash { return DomainBatchLeaf.Sum(b) }

// BatchLeaves returns the leaves of packed items (whole BatchItemSize
// pieces of packed; a trailing partial piece is ignored), hashing with one
// reused hasher.
func BatchLeaves(packed []byte) []Hash {
	leaves := make([]Hash, len(packed)/BatchItemSize)
	h := DomainBatchLeaf.NewHasher()
	for i := range leaves {
		h.Reset()
		_, _ = h.Write(packed[i*BatchItemSize : (i+1)*BatchItemSize])
		h.Sum(leaves[i][:0])
	}
	return leaves
}

// BatchNode hashes two children of the batch tree, left first.
func BatchNode(left, right Hash) Hash { return DomainBatchNode.Sum(left[:], right[:]) }

// BatchRoot returns the root of the batch tree over leaves (the zero Hash
// for none). It reuses leaves as scratch space: pass a copy to keep them.
func BatchRoot(leaves []Hash) Hash {
	if len(leaves) == 0 {
		return Hash{}
	}
	h := DomainBatchNode.NewHasher()
	n := len(leaves)
	for n > 1 {
		w := 0
		for i := 0; i < n; i += 2 {
			if i+1 == n {
				leaves[w] = leaves[i]
			} else {
				h.Reset()
				_, _ = h.Write(leaves[i][:])
				_, _ = h.Write(leaves[i+1][:])
				var node Hash
				h.Sum(node[:0])
				leaves[w] = node
			}
			w++
		}
		n = w
	}
	return leaves[0]
}

// BatchItemsRoot returns the root of the batch tree over the items.
func BatchItemsRoot(items []BatchItem) Hash {
	leaves := make([]Hash, len(items))
	for i := range items {
		leaves[i] = items[i].Leaf()
	}
	return BatchRoot(leaves)
}

// BatchPathLength is the number of siblings on the path of item index in
// a batch of count items (0 for an index out of range).
func BatchPathLength(count, index int) int {
	if index < 0 || index >= count {
		return 0
	}
	n := 0
	for width := count; width > 1; width = (width + 1) / 2 {
		if index^1 < width {
			n++
		}
		index /= 2
	}
	return n
}

// BatchPath returns the siblings proving leaves[index] under
// BatchRoot(leaves), from the leaf up. It does not change leaves.
func BatchPath(leaves []Hash, index int) ([]Hash, error) {
	if index < 0 || index >= len(leaves) {
		return nil, fmt.Errorf("proof: batch leaf %d of %d", index, len(leaves))
	}
	level := append([]Hash(nil), leaves...)
	var path []Hash
	for len(level) > 1 {
		if sib := index ^ 1; sib < len(level) {
			path = append(path, level[sib])
		}
		next := make([]Hash, 0, (len(level)+1)/2)
		for i := 0; i < len(level); i += 2 {
			if i+1 == len(level) {
				next = append(next, level[i])
			} else {
				next = append(next, BatchNode(level[i], level[i+1]))
			}
		}
		level, index = next, index/2
	}
	return path, nil
}

// VerifyBatchPath reports whether path proves leaf at position index of a
// batch of count items with root root. The path must have exactly the
// length the tree's shape gives (BatchPathLength).
func VerifyBatchPath(root Hash, count, index int, leaf Hash, path []Hash) bool {
	if count < 1 || count > MaxBatchItems || index < 0 || index >= count || len(path) != BatchPathLength(count, index) {
		return false
	}
	h, used := leaf, 0
	for width := count; width > 1; width = (width + 1) / 2 {
		switch sib := index ^ 1; {
		case sib >= width: // the last, unpaired node: carried up
		case index%2 == 0:
			h = BatchNode(h, path[used])
			used++
		default:
			h = BatchNode(path[used], h)
			used++
		}
		index /= 2
	}
	return h == root
}

// BatchHeader is what a miner signs over a batch.
type BatchHeader struct {
	ChainID     uint32         // the chain every item may be rewarded on
	Beneficiary common.Address // credited with the reward of every item
	Count       uint16         // number of items, 1..MaxBatchItems
	Root        Hash           // BatchRoot of the items' leaves
	MinerKey    []byte         // encoded ML-DSA public key; its length selects the parameter set
	Signature   []byte         // ML-DSA signature under ContextWorkBatch
}

// SigningMessage returns the bytes the signature covers: the encoding
// without the signature.
func (h *BatchHeader) SigningMessage() []byte {
	return h.appendSigned(make([]byte, 0, batchHeaderFixedSize+len(h.MinerKey)))
}

func (h *BatchHeader) appendSigned(b []byte) []byte {
	b = append(b, WorkBatchVersion)
	b = binary.BigEndian.AppendUint32(b, h.ChainID)
	b = append(b, h.Beneficiary[:]...)
	b = binary.BigEndian.AppendUint16(b, h.Count)
	b = append(b, h.Root[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(h.MinerKey)))
	return append(b, h.MinerKey...)
}

// Encode returns the canonical encoding: SigningMessage followed by the
// signature. It does not check the header; DecodeBatchHeader does.
func (h *BatchHeader) Encode() []byte {
	b := make([]byte, 0, batchHeaderFixedSize+len(h.MinerKey)+len(h.Signature))
	return append(h.appendSigned(b), h.Signature...)
}

// DecodeBatchHeader decodes a header strictly: version, a count in
// 1..MaxBatchItems, a public-key length of one ML-DSA parameter set, a
// signature of exactly that set's size and no trailing bytes. It does not
// verify the signature.
func DecodeBatchHeader(b []byte) (*BatchHeader, error) {
	if len(b) > 0 && b[0] != WorkBatchVersion {
		return nil, &DecodeError{What: "BatchHeader", Field: "version", Offset: 0,
			Reason: fmt.Sprintf("version %d, want %d", b[0], WorkBatchVersion)}
	}
	if len(b) < MinBatchHeaderSize || len(b) > MaxBatchHeaderSize {
		return nil, &DecodeError{What: "BatchHeader", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, a batch header has %d to %d", len(b), MinBatchHeaderSize, MaxBatchHeaderSize)}
	}
	d := decoder{what: "BatchHeader", b: b}
	h := new(BatchHeader)
	d.take("batch version", 1) // checked above
	h.ChainID = d.u32("chain id")
	if v := d.take("beneficiary", common.AddressLength); v != nil {
		copy(h.Beneficiary[:], v)
	}
	h.Count = d.u16("count")
	if d.err == nil && (h.Count == 0 || int(h.Count) > MaxBatchItems) {
		d.off -= 2
		d.fail("count", fmt.Sprintf("%d items, a batch has 1 to %d", h.Count, MaxBatchItems))
	}
	d.hash("root", &h.Root)
	var scheme Scheme
	h.MinerKey, scheme = d.publicKey()
	if d.err != nil {
		return nil, d.err
	}
	h.Signature = append([]byte(nil), d.take("signature", scheme.SignatureSize())...)
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	return h, nil
}

// BatchHeaderSize returns the encoded size of a header signed with scheme
// s (0 if s is invalid).
func BatchHeaderSize(s Scheme) int {
	if !s.Valid() {
		return 0
	}
	return batchHeaderFixedSize + s.PublicKeySize() + s.SignatureSize()
}

// MinerID returns the id of the header's miner key.
func (h *BatchHeader) MinerID() Hash { return MinerID(h.MinerKey) }

// commitment is what identifies an accepted batch, with the miner id in
// place of its key:
//
//	version(1) chain_id(4) beneficiary(20) count(2) root(32) miner_id(32)
func commitment(chainID uint32, beneficiary common.Address, count uint16, root, minerID Hash) []byte {
	b := make([]byte, 0, batchCommitmentSize)
	b = append(b, WorkBatchVersion)
	b = binary.BigEndian.AppendUint32(b, chainID)
	b = append(b, beneficiary[:]...)
	b = binary.BigEndian.AppendUint16(b, count)
	b = append(b, root[:]...)
	return append(b, minerID[:]...)
}

// BatchID returns the id of a batch: the key of its pending record, which
// finalizeWork takes like a work id. It is derived only from signed fields.
func BatchID(chainID uint32, beneficiary common.Address, count uint16, root, minerID Hash) Hash {
	return DomainBatchID.Sum(commitment(chainID, beneficiary, count, root, minerID))
}

// BatchDigest returns the digest the chain keeps with an accepted batch's
// pending record. An audit that reveals (count, root) of a batch checks
// them against it with the record's beneficiary and miner id, then proves
// an item under root with VerifyBatchPath.
func BatchDigest(chainID uint32, beneficiary common.Address, count uint16, root, minerID Hash) Hash {
	return DomainBatchDigest.Sum(commitment(chainID, beneficiary, count, root, minerID))
}

// ID returns the batch's id (BatchID).
func (h *BatchHeader) ID() Hash {
	return BatchID(h.ChainID, h.Beneficiary, h.Count, h.Root, h.MinerID())
}

// Digest returns the batch's digest (BatchDigest).
func (h *BatchHeader) Digest() Hash {
	return BatchDigest(h.ChainID, h.Beneficiary, h.Count, h.Root, h.MinerID())
}

// BatchItemID returns the id of the item with sequence number seq of miner
// id minerID on chain chainID. Sequence numbers are spent once per miner
// id and chain, so the id names exactly one paid item: audits draw on it.
func BatchItemID(chainID uint32, minerID Hash, seq uint64) Hash {
	var b [4 + 32 + 8]byte
	binary.BigEndian.PutUint32(b[0:4], chainID)
	copy(b[4:36], minerID[:])
	binary.BigEndian.PutUint64(b[36:44], seq)
	return DomainBatchItem.Sum(b[:])
}

// SignBatch builds and signs the header of items for chainID and
// beneficiary with sk. Deterministic signing is for golden vectors and
// tests; miners sign hedged.
func SignBatch(sk *PrivateKey, chainID uint32, beneficiary common.Address, items []BatchItem, deterministic bool) (*BatchHeader, error) {
	if len(items) < 1 || len(items) > MaxBatchItems {
		return nil, fmt.Errorf("%w: %d items", ErrBatchCount, len(items))
	}
	h := &BatchHeader{
		ChainID: chainID, Beneficiary: beneficiary, Count: uint16(len(items)),
		Root: BatchItemsRoot(items), MinerKey: sk.Public().Bytes(),
	}
	sig, err := sk.Sign(h.SigningMessage(), ContextWorkBatch, deterministic)
	if err != nil {
		return nil, err
	}
	h.Signature = sig
	return h, nil
}

// VerifySignature checks the header's ML-DSA signature with an already
// decoded public key (for callers that cache decoded keys). The key must
// be the header's MinerKey.
func (h *BatchHeader) VerifySignature(pk *PublicKey) error {
	return verifyWith(pk, h.MinerKey, h.SigningMessage(), ContextWorkBatch, h.Signature, "the batch's miner key")
}

// VerifyBatch is the full check a verifier outside consensus runs on a
// batch: the chain, a non-zero beneficiary, the item count, strictly
// increasing sequence numbers, every item's timestamp against now and a
// non-zero output, the root of the items and the signature. It does not
// know what only the chain knows: the model registry and the spent
// bitmap.
func VerifyBatch(h *BatchHeader, items []BatchItem, chainID uint64, now uint64, window TimeWindow) error {
	if uint64(h.ChainID) != chainID {
		return &WrongChainError{Want: chainID, Got: h.ChainID}
	}
	if h.Beneficiary == (common.Address{}) {
		return ErrZeroBeneficiary
	}
	if len(items) != int(h.Count) || len(items) < 1 || len(items) > MaxBatchItems {
		return fmt.Errorf("%w: %d items, header signs %d", ErrBatchCount, len(items), h.Count)
	}
	for i := range items {
		if i > 0 && items[i].Seq <= items[i-1].Seq {
			return fmt.Errorf("item %d: %w", i, ErrBatchSeqOrder)
		}
		if err := window.Check(items[i].Timestamp, now); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		if items[i].OutputTokens == 0 {
			return fmt.Errorf("item %d: %w", i, ErrZeroOutputTokens)
		}
	}
	if BatchItemsRoot(items) != h.Root {
		return ErrBatchRoot
	}
	pk, err := ParsePublicKey(h.MinerKey)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return h.VerifySignature(pk)
}
