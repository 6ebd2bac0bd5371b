package precompile

import (
	"github.com/pars-network/aimining/proof"
)

// Audits of batched work.
//
// A batch (submitWorkBatch) is one pending record under one signature, and
// it is drawn for audit, challenged, settled and slashed as one piece of
// work. Its miner cannot reveal a single proof for it; it reveals one item
// instead (revealBatchItem): the item at index
// proof.AuditedBatchItem(seed, batchId, count), where seed is the audit
// seed of the audit's anchor block, made of block hashes that did not exist
// when the batch was sent (nor, for a challenge, when it was challenged).
// The item is proved under the batch's signed root and judged as a single
// proof's reveal is (judgeReveal). The batch's whole pending reward and the
// miner id's bond stand behind that one item: a batch with f fabricated
// items out of n is slashed with probability f/n per audit, so the
// expected loss of fabricating grows with the batch that carries it.

// gasAuditedBatchItem prices auditedBatchItem before the seed: parameters,
// the work and its audit, the draw of undrawn work; the seed and the pick
// are charged in the call.
var gasAuditedBatchItem = gasViewAllParams + gasWorkRead + gasAuditRead + GasRewardHash

// revealBatchItemGas prices revealBatchItem(batchId, count, root, index,
// item, path, input, output) before anything is read: what reveal costs for
// the same bytes, the batch record's commitment and the Merkle path (one
// hash per path entry, the leaf and two for the commitment), and the pick
// of the audited item. The audit seed, the draw of undrawn work and
// re-execution or the committee draw are charged in the call.
func revealBatchItemGas(args []any) uint64 {
	path := args[5].([][32]byte)
	n := len(args[4].([]byte)) + len(args[6].([]byte)) + len(args[7].([]byte)) + 32*len(path)
	hashes := uint64(len(path)) + 4
	return gasSettleBase + GasReveal + GasRevealPerWord*words(n) + GasWorkSlots + 3*GasColdSload +
		hashes*GasRewardHash + GasDerivedSlot + GasColdSload + gasSlash
}

// auditedItem returns the index of the item that audit a of batch id with
// count items must reveal; the seed's blocks must be mined.
func (c *call) auditedItem(p *Params, id [32]byte, anchor uint64, count uint16) (uint16, error) {
	if count == 0 {
		return 0, revert("MalformedInput", "batch count is zero")
	}
	if now := c.env.BlockNumber(); now <= anchor+p.AuditDelay {
		return 0, revert("RevealTooEarly", id, anchor+p.AuditDelay+1)
	}
	if err := c.useGas(AuditSeedGas(p.AuditDelay)); err != nil {
		return 0, err
	}
	seed, err := AuditSeed(c.env, anchor, p.AuditDelay)
	if err != nil {
		return 0, revert("AuditSeedUnavailable", anchor)
	}
	return proof.AuditedBatchItem(seed, proof.Hash(id), count), nil
}

// revealBatchItem(bytes32 batchId, uint16 count, bytes32 root, uint16
// index, bytes item, bytes32[] path, bytes input, bytes output) returns
// (uint8 outcome): reveals the audited item of an audited batch.
func (c *call) revealBatchItem(args []any) ([]any, error) {
	id, count, root, index := args[0].([32]byte), args[1].(uint16), args[2].([32]byte), args[3].(uint16)
	item, path, input, output := args[4].([]byte), args[5].([][32]byte), args[6].([]byte), args[7].([]byte)
	p := c.st.allParams()
	r, a, err := c.revealable(&p, id)
	if err != nil {
		return nil, err
	}
	siblings := make([]proof.Hash, len(path))
	for i := range path {
		siblings[i] = proof.Hash(path[i])
	}
	// Count and root are checked against the record's digest, the item
	// against the root, before the count picks the audited index.
	it, _, err := c.batchItemUnder(proof.Hash(id), count, proof.Hash(root), int(index), item, siblings)
	if err != nil {
		return nil, err
	}
	audited, err := c.auditedItem(&p, id, a.anchor, count)
	if err != nil {
		return nil, err
	}
	if index != audited {
		return nil, revert("WrongBatchItem", id, audited, index)
	}
	claim := auditItem{
		ModelHash: it.ModelHash, InputHash: it.InputHash, OutputHash: it.OutputHash,
		InputTokens: it.InputTokens, OutputTokens: it.OutputTokens,
	}
	outcome, err := c.judgeReveal(&p, id, &r, &a, &claim, input, output)
	if err != nil {
		return nil, err
	}
	return []any{outcome}, nil
}

// auditedBatchItem(bytes32 batchId, uint16 count) view returns (uint16
// index): the item of audited batch batchId (of count items) its miner
// must reveal. Work whose draw selects it counts as audited before anyone
// records the draw; a batch whose seed window closed undrawn is audited
// from the block markSelected opens it in.
func (c *call) auditedBatchItemView(args []any) ([]any, error) {
	id, count := args[0].([32]byte), args[1].(uint16)
	p := c.st.allParams()
	r := c.st.work(id)
	var anchor uint64
	switch r.status {
	case workAwaitingReveal, workVoting, workCleared:
		anchor = c.st.audit(id).anchor
	case workPending:
		if err := c.useGas(auditDrawGas(p.AuditDelay)); err != nil {
			return nil, err
		}
		d, err := c.auditDraw(&p, id, r.submittedAt)
		if err != nil {
			return nil, err
		}
		if d != drawSelected {
			return nil, revert("NotUnderAudit", id)
		}
		anchor = r.submittedAt
	case 0, workFinal, workSlashed:
		return nil, revert("WorkNotPending", id)
	default:
		return nil, revert("NotUnderAudit", id)
	}
	index, err := c.auditedItem(&p, id, anchor, count)
	if err != nil {
		return nil, err
	}
	return []any{index}, nil
}
