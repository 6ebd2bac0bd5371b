package precompile

import (
	"encoding/binary"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Batched work: submitWorkBatch(bytes header, bytes items). A miner signs
// one header (proof.BatchHeader) over the Merkle root of up to
// proof.MaxBatchItems items; one key and one signature are checked per
// batch, and each item is priced, capped and counted exactly as a single
// software-only proof (holdReward, the function submitWorkProof uses).
//
// The spent set of batch items is a bitmap per miner id: sequence number s
// of miner id m is bit s mod 256 of the slot
//
//	DomainStorage("batch/seq" ‖ chain id(8) ‖ m ‖ s div 256 (8))
//
// so a batch of 64 consecutive items writes one or two slots where 64
// single proofs write 64 spent markers. Why no item is paid twice:
//
//   - Within a batch, sequence numbers strictly increase (SeqNotIncreasing),
//     so no sequence number appears twice.
//   - Across batches, every item's bit is checked and set in the same state
//     transition that holds its reward pending; a set bit refuses the whole
//     batch (ItemAlreadySpent). Sequence numbers are signed (each is in its
//     item's leaf, under the signed root), so nobody can renumber an item.
//   - Across chains, the chain id is signed in the header (a batch for one
//     chain never verifies on another), every chain keeps its own state, and
//     the slot is derived from the chain id and the miner id (the hash of
//     the key that signed).
//   - Across reorganisations, the bit and the payment are one state change:
//     a block that is rolled back rolls both back, and the batch can then be
//     included once in the new branch, where the same rules apply.
//   - Nothing outside the state takes part: the decoded-key cache only
//     saves time and never changes a result.
//
// A batch with one bad item is refused whole (BatchItemFailed(index,
// innerError) names the first), never accepted without it: the signature
// covers all items at once, so the batch's pending record (its root,
// count, amount) always describes exactly the items paid and an audit of
// any leaf under a stored root concerns paid work; the item's sequence
// number and the others stay unspent, and the miner, who alone can sign,
// re-signs the batch without the bad item at the cost of one signature.
// Nobody else can make a miner's batch fail: every byte of it is signed.
//
// The batch's reward is held pending under its id (proof.BatchID), in the
// record finalizeWork reads, so finalizeWork and pendingWork take a batch
// id like a work id; the record's digest is proof.BatchDigest, against
// which an audit checks a revealed (count, root) before proving an item
// with a Merkle path (proof.VerifyBatchPath) and drawing on its item id
// (proof.BatchItemID).

// Gas of batched work, justified by BenchmarkGasBatch
// (gas_batch_bench_test.go) next to ecrecover in the same run.
const (
	// GasBatchHeader covers decoding a batch header, hashing the key into
	// the miner id and deriving the batch id and digest.
	GasBatchHeader uint64 = 2000
	// GasBatchItem covers one item: decoding it, its checks, its leaf and
	// its share of the tree (one node), the reward math, and the two bond
	// slots holdReward derives.
	GasBatchItem uint64 = 1000
	// GasWarmAccess mirrors a warm SLOAD, and an SSTORE to a slot already
	// written in the transaction (EIP-2929, EIP-2200).
	GasWarmAccess uint64 = 100
)

var (
	// gasBatchItemState: per item, holdReward's four warm reads (active
	// bond, epoch reward, the miner id's epoch reward, total pending) and
	// three warm writes.
	gasBatchItemState = 7 * GasWarmAccess
	// gasBatchModel: the registry entry of each run of items with one
	// model, derived and read cold.
	gasBatchModel = GasDerivedSlot + GasColdSload
	// gasBatchSeqWord: each bitmap slot a batch touches, derived, read
	// cold and created.
	gasBatchSeqWord = GasDerivedSlot + GasColdSload + GasSstoreSet
	// gasBatchFixed: eighteen cold reads (six parameter slots, the ticket
	// requirement, three epoch slots, the active bond, epoch reward, the
	// miner id's epoch reward, total pending, the four record slots), eight
	// writes that may create a slot (epoch work, epoch reward, the miner
	// id's epoch reward, total pending, the four record slots), two resets
	// (epoch index/start, adjustment), the epoch roll, the slot
	// derivations (two bond slots, four record slots), the
	// WorkBatchAccepted log (4 topics, 6 words) and an EpochAdvanced log.
	gasBatchFixed = 18*GasColdSload + 8*GasSstoreSet + 2*GasSstoreReset + GasEpochAdvance +
		2*GasDerivedSlot + GasWorkSlots + logGas(4, 192) + logGas(2, 96)
)

// batchMethods are the batched-work functions.
func batchMethods() map[string]*method {
	return map[string]*method{
		"submitWorkBatch": {writes: true, gas: submitWorkBatchGas, run: (*call).submitWorkBatch},
		"seqWord":         {gas: fixedGas(GasDerivedSlot + GasColdSload), run: (*call).seqWord},
	}
}

// SeqSlot returns the bitmap slot holding sequence numbers 256·word …
// 256·word+255 of miner id m on chain chainID.
func SeqSlot(chainID uint64, m [32]byte, word uint64) common.Hash {
	var c, w [8]byte
	binary.BigEndian.PutUint64(c[:], chainID)
	binary.BigEndian.PutUint64(w[:], word)
	return derivedSlot("batch/seq", c[:], m[:], w[:])
}

// batchRuns counts, over the whole items of packed (proof.BatchItemSize
// bytes each), the runs of consecutive items with one model hash and the
// runs with one bitmap word (sequence number div 256): the registry reads
// and bitmap slots submitWorkBatch touches. It reads the bytes without
// decoding them.
func batchRuns(packed []byte) (models, words uint64) {
	const size = proof.BatchItemSize
	for off := 0; off+size <= len(packed); off += size {
		seq := binary.BigEndian.Uint64(packed[off : off+8])
		model := packed[off+40 : off+72]
		if off == 0 {
			models, words = 1, 1
			continue
		}
		prev := off - size
		if string(model) != string(packed[prev+40:prev+72]) {
			models++
		}
		if seq>>8 != binary.BigEndian.Uint64(packed[prev:prev+8])>>8 {
			words++
		}
	}
	return models, words
}

// submitWorkBatchGas prices submitWorkBatch(bytes header, bytes items)
// before any work, for the worst case of what the call may touch: the
// signature under the scheme the header's length implies (ML-DSA-87 for a
// length that fits none), every item offered (a partial one counted), one
// cold registry read per run of one model and one created bitmap slot per
// run of one word.
func submitWorkBatchGas(args []any) uint64 {
	header, items := args[0].([]byte), args[1].([]byte)
	s := proof.MLDSA87
	for _, c := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65} {
		if len(header) == proof.BatchHeaderSize(c) {
			s = c
		}
	}
	n := (uint64(len(items)) + proof.BatchItemSize - 1) / proof.BatchItemSize
	models, words := batchRuns(items)
	return gasBatchFixed + GasBatchHeader + verifyGas(s, len(header)) +
		n*(GasBatchItem+gasBatchItemState) + models*gasBatchModel + words*gasBatchSeqWord
}

// itemFailed wraps a refusal of item i in BatchItemFailed(i, innerError).
func itemFailed(i int, err error) error {
	var inner *Revert
	if errors.As(err, &inner) {
		return revert("BatchItemFailed", bigOf(uint64(i)), inner.Data)
	}
	return err
}

// submitWorkBatch(bytes header, bytes items) returns (bytes32 batchId,
// uint256 totalReward)
func (c *call) submitWorkBatch(args []any) ([]any, error) {
	header, packed := args[0].([]byte), args[1].([]byte)
	if err := c.requireNoTicket(); err != nil {
		return nil, err
	}
	h, err := proof.DecodeBatchHeader(header)
	if err != nil {
		return nil, revert("MalformedInput", decodeReason(err, "batch header does not decode"))
	}
	if chain := c.env.ChainID(); uint64(h.ChainID) != chain {
		return nil, revert("WrongChain", bigOf(chain), bigOf(uint64(h.ChainID)))
	}
	if h.Beneficiary == (common.Address{}) {
		return nil, revert("ZeroBeneficiary")
	}
	items, err := proof.DecodeBatchItems(packed, int(h.Count))
	if err != nil {
		return nil, revert("MalformedInput", decodeReason(err, "batch items do not decode"))
	}
	p := c.st.params()
	now := c.env.BlockTime()
	window := proof.TimeWindow{Past: p.TimeWindowPast, Future: p.TimeWindowFuture}

	// Each item on its own: order, time, model registry, token counts.
	units := make([]uint64, len(items))
	var (
		model    ModelSpec
		modelOK  bool
		modelFor *proof.Hash
	)
	for i := range items {
		it := &items[i]
		if i > 0 && it.Seq <= items[i-1].Seq {
			return nil, itemFailed(i, revert("SeqNotIncreasing", items[i-1].Seq, it.Seq))
		}
		if err := window.Check(it.Timestamp, now); err != nil {
			var te *proof.TimestampError
			if errors.As(err, &te) && te.Future {
				return nil, itemFailed(i, revert("FutureTimestamp", it.Timestamp, now))
			}
			return nil, itemFailed(i, revert("StaleTimestamp", it.Timestamp, now))
		}
		if modelFor == nil || *modelFor != it.ModelHash {
			model, modelOK = c.st.model(it.ModelHash)
			modelFor = &it.ModelHash
		}
		cu, err := modelComputeUnits(&p, it.ModelHash, model, modelOK, it.InputTokens, it.OutputTokens)
		if err != nil {
			return nil, itemFailed(i, err)
		}
		units[i] = cu
	}

	// The items are the ones signed: their root, then the signature.
	if proof.BatchRoot(proof.BatchLeaves(packed)) != h.Root {
		return nil, revert("BadSignature")
	}
	minerID := h.MinerID()
	pk, err := c.keys.parseID(minerID, h.MinerKey)
	if err != nil || h.VerifySignature(pk) != nil {
		return nil, revert("BadSignature")
	}

	// Spend, price and hold each item, in order.
	epoch, err := c.advanceEpoch(&p, now)
	if err != nil {
		return nil, err
	}
	bits := seqBitmap{st: c.st, chain: c.env.ChainID(), miner: minerID}
	total := new(uint256.Int)
	var totalCU uint64
	for i := range items {
		seq := items[i].Seq
		if !bits.spend(seq) {
			return nil, itemFailed(i, revert("ItemAlreadySpent", [32]byte(minerID), seq))
		}
		amount, err := reward.Reward(p.BaseReward, units[i], epoch.Adjustment, p.TrustSoftwareBps)
		if err != nil {
			return nil, itemFailed(i, revert("ArithmeticOverflow"))
		}
		if _, overflow := epoch.ComputeUnits.AddOverflow(epoch.ComputeUnits, uint256.NewInt(units[i])); overflow {
			return nil, itemFailed(i, revert("ArithmeticOverflow"))
		}
		if err := c.holdReward(&p, minerID, epoch.Index, amount, nil); err != nil {
			return nil, itemFailed(i, err)
		}
		if _, overflow := total.AddOverflow(total, amount); overflow {
			return nil, itemFailed(i, revert("ArithmeticOverflow"))
		}
		if totalCU+units[i] < totalCU {
			return nil, itemFailed(i, revert("ArithmeticOverflow"))
		}
		totalCU += units[i]
	}
	bits.flush()
	c.st.setEpoch(&epoch)

	id := h.ID()
	c.st.setWork(id, &workRecord{
		status: workPending, submittedAt: c.env.BlockNumber(), beneficiary: h.Beneficiary,
		minerID: minerID, amount: total, digest: h.Digest(),
	})
	c.env.AddLog(
		[]common.Hash{eventTopic("WorkBatchAccepted"), common.Hash(id), common.BytesToHash(h.Beneficiary[:]), common.Hash(minerID)},
		packEventData("WorkBatchAccepted", items[0].Seq, items[len(items)-1].Seq, h.Count, totalCU, total.ToBig(), epoch.Index),
	)
	return []any{[32]byte(id), total.ToBig()}, nil
}

// seqBitmap spends sequence numbers of one miner id in increasing order,
// reading each bitmap slot once and writing it once.
type seqBitmap struct {
	st     store
	chain  uint64
	miner  proof.Hash
	loaded bool
	dirty  bool
	word   uint64
	slot   common.Hash
	bits   common.Hash
}

// spend sets the bit of seq and reports whether it was clear.
func (b *seqBitmap) spend(seq uint64) bool {
	if w := seq >> 8; !b.loaded || w != b.word {
		b.flush()
		b.word, b.slot = w, SeqSlot(b.chain, b.miner, w)
		b.bits, b.loaded = b.st.get(b.slot), true
	}
	bit := seq & 0xff // bit i counted from the least significant end
	at, mask := 31-bit/8, byte(1)<<(bit%8)
	if b.bits[at]&mask != 0 {
		return false
	}
	b.bits[at] |= mask
	b.dirty = true
	return true
}

// flush writes the current slot if a bit was set in it.
func (b *seqBitmap) flush() {
	if b.loaded && b.dirty {
		b.st.set(b.slot, b.bits)
		b.dirty = false
	}
}

// seqWord(bytes32 minerId, uint64 word) view returns (uint256 bits)
func (c *call) seqWord(args []any) ([]any, error) {
	v := c.st.get(SeqSlot(c.env.ChainID(), args[0].([32]byte), args[1].(uint64)))
	return []any{new(big.Int).SetBytes(v[:])}, nil
}

// batchItemUnder is the helper audits of batch items build on: it checks
// that item (its BatchItemSize-byte encoding) is item index of the
// accepted batch batchID, given the batch's count and root as the miner
// revealed them, and path, the siblings from its leaf up
// (proof.BatchPath). It reads the batch's pending record (any status but
// unknown), recomputes proof.BatchDigest from it, this chain and (count,
// root), and proves the leaf under root. It returns the decoded item and
// the record; an audit draws on proof.BatchItemID(chain, record miner id,
// item.Seq). Gas: a caller charges GasWorkSlots + 3 × GasColdSload, two
// hashes of the commitment and one hash per path entry and for the leaf
// before calling it.
func (c *call) batchItemUnder(batchID proof.Hash, count uint16, root proof.Hash, index int, item []byte, path []proof.Hash) (proof.BatchItem, workRecord, error) {
	r := c.st.work(batchID)
	if r.status == 0 {
		return proof.BatchItem{}, r, revert("WorkNotPending", [32]byte(batchID))
	}
	r.minerID = c.st.get(WorkSlot(batchID, 1))
	r.digest = c.st.get(WorkSlot(batchID, 3))
	chain := c.env.ChainID()
	if chain > uint64(^uint32(0)) {
		return proof.BatchItem{}, r, revert("InvalidParameter", "chain id does not fit a work context")
	}
	want := proof.BatchDigest(uint32(chain), r.beneficiary, count, root, r.minerID)
	if [32]byte(want) != r.digest || proof.BatchID(uint32(chain), r.beneficiary, count, root, r.minerID) != batchID {
		return proof.BatchItem{}, r, revert("MalformedInput", "batch count and root do not match the batch's record")
	}
	it, err := proof.DecodeBatchItem(item)
	if err != nil {
		return proof.BatchItem{}, r, revert("MalformedInput", decodeReason(err, "batch item does not decode"))
	}
	if !proof.VerifyBatchPath(root, int(count), index, proof.BatchItemLeaf(item), path) {
		return proof.BatchItem{}, r, revert("MalformedInput", "the item is not at this index of the batch")
	}
	return it, r, nil
}
