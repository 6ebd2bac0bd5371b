package miner

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/proof"
)

// Reveals of batched work. The chain audits a batch as one piece of work
// and asks for one of its items, picked by the audit seed
// (auditedBatchItem); the miner keeps every item with its input and output
// until the batch is finalized, and reveals the picked one with its Merkle
// path (revealBatchItem).

// keptBatch is what the miner keeps of an accepted batch to reveal any of
// its items.
type keptBatch struct {
	Count   uint16          `json:"count"`
	Root    proof.Hash      `json:"root"`
	Items   []hexutil.Bytes `json:"items"` // the encoded items, in order
	Inputs  []hexutil.Bytes `json:"inputs"`
	Outputs []hexutil.Bytes `json:"outputs"`
}

// keepBatchForAudit keeps an accepted batch's items with the input and
// output of each (entries, in item order).
func (m *Miner) keepBatchForAudit(id proof.Hash, block uint64, h *proof.BatchHeader, items []proof.BatchItem, entries []batchEntry) {
	kb := &keptBatch{Count: h.Count, Root: h.Root}
	for i := range items {
		kb.Items = append(kb.Items, items[i].Encode())
		kb.Inputs = append(kb.Inputs, entries[i].work.Job.Input)
		kb.Outputs = append(kb.Outputs, entries[i].work.Output)
	}
	m.keep(&keptJob{WorkID: id, Block: block, Batch: kb})
}

// batchRevealData packs revealBatchItem for the item of kept batch k that
// its audit picked. ok is false, with no error, when the chain cannot pick
// the item yet (its seed's blocks are not mined, or no audit is open).
func (m *Miner) batchRevealData(ctx context.Context, k *keptJob) (data []byte, index int, ok bool, err error) {
	kb := k.Batch
	if n := len(kb.Items); n == 0 || n != int(kb.Count) || len(kb.Inputs) != n || len(kb.Outputs) != n {
		return nil, 0, false, fmt.Errorf("kept batch %x is incomplete", k.WorkID)
	}
	pick, err := view(ctx, m.chain, "auditedBatchItem", iaimining.PackAuditedBatchItem(k.WorkID, kb.Count), iaimining.UnpackAuditedBatchItem)
	if err != nil {
		ref, isRef := IsRefusal(err)
		switch {
		case isRef && ref.Reason == "RevealTooEarly":
			return nil, 0, false, nil
		case isRef && ref.Reason == "NotUnderAudit":
			// A batch whose seed window closed before anyone drew it is
			// audited from the block that opens its audit: the miner opens
			// it itself rather than wait for a watcher (a single proof's
			// reveal opens its own; a batch's pick needs the seed first).
			return nil, 0, false, m.openExpiredBatch(ctx, k)
		}
		return nil, 0, false, err
	}
	if int(pick) >= len(kb.Items) {
		return nil, 0, false, fmt.Errorf("the chain picked item %d of a batch of %d", pick, len(kb.Items))
	}
	leaves := make([]proof.Hash, len(kb.Items))
	for i, it := range kb.Items {
		leaves[i] = proof.BatchItemLeaf(it)
	}
	path, err := proof.BatchPath(leaves, int(pick))
	if err != nil {
		return nil, 0, false, err
	}
	siblings := make([][32]byte, len(path))
	for i := range path {
		siblings[i] = [32]byte(path[i])
	}
	data, err = iaimining.TryPackRevealBatchItem(k.WorkID, kb.Count, kb.Root, pick, kb.Items[pick], siblings, kb.Inputs[pick], kb.Outputs[pick])
	return data, int(pick), err == nil, err
}

// chainRevealsBatchItems reports whether the chain's 0x0300 serves
// auditedBatchItem (and so revealBatchItem): an unknown batch answers
// WorkNotPending there, and UnknownSelector where batch items cannot be
// revealed.
func (m *Miner) chainRevealsBatchItems(ctx context.Context) bool {
	_, err := view(ctx, m.chain, "auditedBatchItem", iaimining.PackAuditedBatchItem([32]byte{}, 1), iaimining.UnpackAuditedBatchItem)
	ref, ok := IsRefusal(err)
	return ok && ref.Reason == "WorkNotPending"
}

// openExpiredBatch opens the audit of kept batch k with markSelected when
// its seed window has closed undrawn (auditDraw 3); anything else waits.
func (m *Miner) openExpiredBatch(ctx context.Context, k *keptJob) error {
	state, err := view(ctx, m.chain, "auditDraw", iaimining.PackAuditDraw(k.WorkID), iaimining.UnpackAuditDraw)
	if err != nil || state != 3 {
		return err
	}
	rcpt, err := m.sub.Transact(ctx, iaimining.PackMarkSelected([][32]byte{k.WorkID}), "audit opening of an undrawn batch")
	if err != nil {
		return fmt.Errorf("open the audit of batch %x: %w", k.WorkID, err)
	}
	m.log.Info("opened the audit of a batch whose seed window closed undrawn; its item is revealed once the new seed is known",
		"batch_id", hexutil.Encode(k.WorkID[:]), "block", rcpt.BlockNumber, "tx", rcpt.TxHash.Hex())
	return nil
}
