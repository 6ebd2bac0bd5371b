package miner

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/pars-network/aimining/proof"
)

// Finality of submitted work. A proof (or batch) counts as accepted when
// its transaction is in a block, and as final only once that block is
// final: mining.confirmations blocks deep, or at or below the node's
// finalized block (the default). Until then the miner follows the
// transaction. When a reorganisation takes it out of the chain (no
// receipt, or a receipt in another block), the miner
//   - waits while the node's pool still holds it (it comes back by itself);
//   - sends the same signed transaction again when the pool lost it;
//   - sends the work in a new transaction when its nonce was taken by
//     another transaction of the gas account, as long as the work's time
//     window (WorkContext timestamp + the chain's timeWindowPast, and a
//     ticket's expiry) is still open at the head's time.
// The chain's spent set makes a copy that arrives twice revert: a work id
// found accepted by another transaction of the miner is adopted as
// included, never counted twice. Work whose window closed first is
// dropped, logged and counted (pars_miner_proofs_lost_total).

// finalityPollMin is the shortest interval between two finality checks
// while mining (the receipt poll interval, when longer).
const finalityPollMin = 250 * time.Millisecond

// finalityCheckTimeout bounds one JSON-RPC call of a finality check.
const finalityCheckTimeout = 10 * time.Second

// tracked is one accepted submission waiting to be final.
type tracked struct {
	kind    string     // "proof", "ticketed proof", "batch"
	id      proof.Hash // work id, or batch id
	items   int        // proofs it carries
	tx      *types.Transaction
	txHash  common.Hash // tx's hash, or of the transaction found accepting id
	block   uint64
	hash    common.Hash // block hash
	data    []byte      // calldata, to send the work again
	workTim uint64      // latest WorkContext timestamp it carries
	expires uint64      // last block time the chain takes it at (0: none known)
	// check verifies that a receipt holds this acceptance; find looks for
	// an acceptance of id by any transaction; moved tells the miner the
	// acceptance now lies in another block.
	check func(*types.Receipt) error
	find  func(ctx context.Context) (*types.Receipt, error)
	moved func(block uint64)

	gone      bool // the receipt vanished and has not come back
	resending bool // a new transaction of the work is in flight
}

// finality holds the miner's submissions that are not final yet.
type finality struct {
	mu                           sync.Mutex
	items                        map[proof.Hash]*tracked
	confirmed, resubmitted, lost uint64 // proofs
	checking                     bool   // a CheckFinality pass runs
	// The head and final block of the last complete pass: a pass that
	// finds both unchanged and nothing out of the chain has nothing to do.
	lastHead  common.Hash
	lastFinal uint64
	changes   uint64 // counts changes to the items that need a pass (see changed)
}

// changed makes the next pass look at every item even if no block came:
// one was added, moved or sent again. f.mu is held.
func (f *finality) changed() {
	f.changes++
	f.lastHead = common.Hash{}
}

// FinalityStats counts proofs by finality.
type FinalityStats struct {
	Unconfirmed int    // accepted, in a block that is not final yet
	Confirmed   uint64 // in a final block
	Resubmitted uint64 // sent again after a reorganisation took them out
	Lost        uint64 // taken out by a reorganisation after their time window closed
}

// Finality returns the proofs counted by finality.
func (m *Miner) Finality() FinalityStats {
	f := &m.final
	f.mu.Lock()
	defer f.mu.Unlock()
	st := FinalityStats{Confirmed: f.confirmed, Resubmitted: f.resubmitted, Lost: f.lost}
	for _, it := range f.items {
		st.Unconfirmed += it.items
	}
	return st
}

// track follows an accepted submission until it is final.
func (m *Miner) track(it *tracked) {
	if it.tx != nil {
		it.txHash = it.tx.Hash()
	}
	f := &m.final
	f.mu.Lock()
	if f.items == nil {
		f.items = map[proof.Hash]*tracked{}
	}
	f.items[it.id] = it
	f.changed()
	f.mu.Unlock()
	m.metrics.ProofsUnconfirmed.Add(float64(it.items))
}

// trackWork follows an accepted single or ticketed proof; ticketExpiry is
// the ticket's expiry (0: none).
func (m *Miner) trackWork(ctx context.Context, kind string, w *Work, acc *Accepted, ticketExpiry uint64) {
	id := w.WorkID
	expires := w.Proof.Context.Timestamp + uint64(m.watch.timeWindowPast(ctx, m.chain)/time.Second)
	if ticketExpiry != 0 {
		expires = min(expires, ticketExpiry)
	}
	it := &tracked{
		kind: kind, id: id, items: 1, tx: acc.Tx, txHash: acc.TxHash,
		block: acc.BlockNumber, hash: acc.Receipt.BlockHash,
		workTim: w.Proof.Context.Timestamp, expires: expires,
		check: func(r *types.Receipt) error { _, err := accepted(r, id); return err },
		find: func(ctx context.Context) (*types.Receipt, error) {
			a, err := m.sub.findAccepted(ctx, id)
			if err != nil {
				return nil, err
			}
			return a.Receipt, nil
		},
		moved: func(block uint64) { m.moveAccepted(id, block) },
	}
	if acc.Tx != nil {
		it.data = acc.Tx.Data()
	}
	m.track(it)
}

// trackBatch follows an accepted batch; workTime is its latest item
// timestamp.
func (m *Miner) trackBatch(ctx context.Context, acc *AcceptedBatch, items int, workTime uint64) {
	id := acc.BatchID
	it := &tracked{
		kind: "batch", id: id, items: items, tx: acc.Tx, txHash: acc.TxHash,
		block: acc.BlockNumber, hash: acc.Receipt.BlockHash, workTim: workTime,
		expires: workTime + uint64(m.watch.timeWindowPast(ctx, m.chain)/time.Second),
		check:   func(r *types.Receipt) error { _, err := batchAccepted(r, id); return err },
		find: func(ctx context.Context) (*types.Receipt, error) {
			a, err := m.sub.findBatch(ctx, id)
			if err != nil {
				return nil, err
			}
			return a.Receipt, nil
		},
		moved: func(block uint64) { m.moveAccepted(id, block) },
	}
	if acc.Tx != nil {
		it.data = acc.Tx.Data()
	}
	m.track(it)
}

// moveAccepted records that id's acceptance now lies in block: its
// pending reward and what is kept for its audit follow it.
func (m *Miner) moveAccepted(id proof.Hash, block uint64) {
	m.pending.mu.Lock()
	for i := range m.pending.items {
		if m.pending.items[i].workID == id {
			m.pending.items[i].submittedAt = block
		}
	}
	m.pending.mu.Unlock()
	m.markKept(id, func(k *keptJob) { k.Block = block })
}

// finalBlock returns the highest final block number: the node's finalized
// block, or the head less confirmations-1. A chain with no finalized
// block yet gives 0 (the genesis block).
func (m *Miner) finalBlock(ctx context.Context) (uint64, error) {
	ctx, cancel := context.WithTimeout(ctx, finalityCheckTimeout)
	defer cancel()
	conf := m.cfg.Mining.Confirmations
	if conf.Finalized() {
		h, err := m.chain.HeaderByNumber(ctx, big.NewInt(int64(rpc.FinalizedBlockNumber)))
		if errors.Is(err, ethereum.NotFound) || (err != nil && strings.Contains(err.Error(), "not found")) {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		return h.Number.Uint64(), nil
	}
	head, err := m.chain.BlockNumber(ctx)
	if err != nil {
		return 0, err
	}
	if head+1 < conf.Blocks {
		return 0, nil
	}
	return head + 1 - conf.Blocks, nil
}

// CheckFinality makes one pass over the submissions that are not final:
// it counts those that became final and acts on those a reorganisation
// took out of the chain. It returns how many proofs are still not final.
// Run does this every poll interval; MineOnce's callers may use
// AwaitFinal.
func (m *Miner) CheckFinality(ctx context.Context) (int, error) {
	f := &m.final
	f.mu.Lock()
	if f.checking || len(f.items) == 0 {
		f.mu.Unlock()
		return m.Finality().Unconfirmed, nil
	}
	f.checking = true
	var items []*tracked
	gone := false
	for _, it := range f.items {
		if !it.resending {
			items = append(items, it)
			gone = gone || it.gone
		}
	}
	lastHead, lastFinal, changes := f.lastHead, f.lastFinal, f.changes
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.checking = false
		f.mu.Unlock()
	}()

	hctx, cancel := context.WithTimeout(ctx, finalityCheckTimeout)
	head, err := m.chain.HeaderByNumber(hctx, nil)
	cancel()
	if err != nil {
		return m.Finality().Unconfirmed, fmt.Errorf("read the head: %w", err)
	}
	final, err := m.finalBlock(ctx)
	if err != nil {
		return m.Finality().Unconfirmed, fmt.Errorf("read the final block: %w", err)
	}
	if head.Hash() == lastHead && final == lastFinal && !gone {
		return m.Finality().Unconfirmed, nil
	}
	// The canonical hash at each block number the pass asks about, asked
	// once per pass.
	hashes := map[uint64]common.Hash{}
	canon := func(n uint64) (common.Hash, error) {
		if h, ok := hashes[n]; ok {
			return h, nil
		}
		cctx, cancel := context.WithTimeout(ctx, finalityCheckTimeout)
		defer cancel()
		hd, err := m.chain.HeaderByNumber(cctx, new(big.Int).SetUint64(n))
		if err != nil {
			return common.Hash{}, err
		}
		hashes[n] = hd.Hash()
		return hashes[n], nil
	}
	for _, it := range items {
		if ctx.Err() != nil {
			return m.Finality().Unconfirmed, ctx.Err()
		}
		m.checkOne(ctx, it, final, canon)
	}
	f.mu.Lock()
	if f.changes == changes { // nothing changed during the pass
		f.lastHead, f.lastFinal = head.Hash(), final
	}
	f.mu.Unlock()
	return m.Finality().Unconfirmed, nil
}

// AwaitFinal runs CheckFinality every poll interval until every
// submission is final or ctx ends.
func (m *Miner) AwaitFinal(ctx context.Context) error {
	for {
		n, err := m.CheckFinality(ctx)
		if err == nil && n == 0 {
			return nil
		}
		if err := sleepCtx(ctx, m.sub.cfg.PollInterval); err != nil {
			return fmt.Errorf("%d proofs not final: %w", n, err)
		}
	}
}

// watchFinality runs CheckFinality every poll interval until ctx ends;
// stop ends it and logs what is still not final.
func (m *Miner) watchFinality(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for sleepCtx(ctx, max(m.sub.cfg.PollInterval, finalityPollMin)) == nil {
			if _, err := m.CheckFinality(ctx); err != nil && ctx.Err() == nil {
				m.log.Debug("finality check failed; trying again", "err", err)
			}
		}
	}()
	return func() {
		cancel()
		<-done
		if n := m.Finality().Unconfirmed; n > 0 {
			m.log.Warn("stopping before some accepted proofs are final: a reorganisation could still drop them, and nobody would send them again",
				"not_final", n, "confirmations", m.cfg.Mining.Confirmations.String())
		}
	}
}

// receiptOnce asks for a receipt once, bounded.
func (m *Miner) receiptOnce(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, finalityCheckTimeout)
	defer cancel()
	return m.chain.TransactionReceipt(ctx, h)
}

// checkOne checks one submission against the final block number; canon
// gives the canonical block hash at a number.
func (m *Miner) checkOne(ctx context.Context, it *tracked, final uint64, canon func(uint64) (common.Hash, error)) {
	if !it.gone && it.block > final {
		if h, err := canon(it.block); err == nil && h == it.hash {
			return // still in its block, not final yet
		}
	}
	rcpt, err := m.receiptOnce(ctx, it.txHash)
	switch {
	case errors.Is(err, ethereum.NotFound):
		m.outOfChain(ctx, it)
		return
	case err != nil:
		return // asked again next time
	case rcpt.Status != types.ReceiptStatusSuccessful || it.check(rcpt) != nil:
		// Included again, but refused now (a copy made it first, or the
		// window closed): look for the acceptance elsewhere.
		if r, ferr := it.find(ctx); ferr == nil {
			m.adopt(it, r)
			return
		}
		m.drop(it, fmt.Sprintf("transaction %s was included again after a reorganisation and reverted", rcpt.TxHash.Hex()))
		return
	}
	if rcpt.BlockHash != it.hash {
		m.adopt(it, rcpt)
	}
	if rcpt.BlockNumber == nil || rcpt.BlockNumber.Uint64() > final {
		return
	}
	// Final: make sure the receipt's block is the canonical one there.
	if h, err := canon(rcpt.BlockNumber.Uint64()); err != nil || h != rcpt.BlockHash {
		return
	}
	f := &m.final
	f.mu.Lock()
	if f.items[it.id] != it {
		f.mu.Unlock()
		return
	}
	delete(f.items, it.id)
	f.confirmed += uint64(it.items)
	f.mu.Unlock()
	m.metrics.ProofsUnconfirmed.Sub(float64(it.items))
	m.metrics.ProofsConfirmed.Add(float64(it.items))
	m.log.Info(it.kind+" final", "id", hexutil.Encode(it.id[:]), "block", it.block, "tx", it.txHash.Hex(),
		"confirmations", m.cfg.Mining.Confirmations.String(), "final_block", final)
}

// adopt records that it's acceptance is rcpt (another block, or another
// transaction of the miner).
func (m *Miner) adopt(it *tracked, rcpt *types.Receipt) {
	f := &m.final
	f.mu.Lock()
	oldBlock := it.block
	if it.tx != nil && it.tx.Hash() != rcpt.TxHash {
		it.tx = nil
	}
	it.txHash, it.hash, it.gone = rcpt.TxHash, rcpt.BlockHash, false
	f.changed()
	if rcpt.BlockNumber != nil {
		it.block = rcpt.BlockNumber.Uint64()
	}
	block := it.block
	f.mu.Unlock()
	m.log.Info(it.kind+" included again after a reorganisation", "id", hexutil.Encode(it.id[:]), "block", block,
		"was_block", oldBlock, "tx", rcpt.TxHash.Hex())
	it.moved(block)
}

// drop gives up a submission a reorganisation took out of the chain.
func (m *Miner) drop(it *tracked, why string) {
	f := &m.final
	f.mu.Lock()
	if f.items[it.id] != it {
		f.mu.Unlock()
		return
	}
	delete(f.items, it.id)
	f.lost += uint64(it.items)
	f.mu.Unlock()
	m.metrics.ProofsUnconfirmed.Sub(float64(it.items))
	m.metrics.ProofsLost.Add(float64(it.items))
	m.log.Error(it.kind+" lost to a reorganisation", "id", hexutil.Encode(it.id[:]), "items", it.items, "reason", why)
}

// outOfChain acts on a submission whose transaction has no receipt.
func (m *Miner) outOfChain(ctx context.Context, it *tracked) {
	if !it.gone {
		it.gone = true
		m.metrics.Reorgs.Inc()
		m.log.Warn(it.kind+" transaction left the chain (reorganisation)", "id", hexutil.Encode(it.id[:]), "block", it.block, "tx", it.txHash.Hex())
	}
	// Accepted by another transaction of the miner?
	if r, err := it.find(ctx); err == nil {
		m.adopt(it, r)
		return
	}
	hctx, cancel := context.WithTimeout(ctx, finalityCheckTimeout)
	head, err := m.chain.HeaderByNumber(hctx, nil)
	cancel()
	if err != nil {
		return
	}
	if it.expires != 0 && head.Time+1 > it.expires {
		m.drop(it, fmt.Sprintf("its time window closed at %d, before it was included again (head time %d)", it.expires, head.Time))
		return
	}
	if it.tx != nil {
		sctx, cancel := context.WithTimeout(ctx, finalityCheckTimeout)
		err := m.chain.SendTransaction(sctx, it.tx)
		cancel()
		switch {
		case err == nil:
			m.resubmitted(it, "the node had lost its transaction; the same transaction was sent again")
			return
		case isAlreadyKnown(err):
			return // in the pool: it comes back by itself
		case !isNonceError(err):
			m.log.Debug("cannot send the transaction again yet", "id", hexutil.Encode(it.id[:]), "err", err)
			return
		}
		// The nonce was taken by another transaction: a new one is needed.
	}
	if len(it.data) == 0 {
		m.drop(it, "its transaction left the chain and the miner holds no copy of the work")
		return
	}
	f := &m.final
	f.mu.Lock()
	it.resending = true
	f.mu.Unlock()
	go m.resend(ctx, it)
}

// resubmitted counts a submission sent again.
func (m *Miner) resubmitted(it *tracked, how string) {
	f := &m.final
	f.mu.Lock()
	f.resubmitted += uint64(it.items)
	f.mu.Unlock()
	m.metrics.ProofsResubmitted.Add(float64(it.items))
	m.log.Warn(it.kind+" sent again after a reorganisation", "id", hexutil.Encode(it.id[:]), "how", how)
}

// resend sends the work of it in a new transaction and follows that.
func (m *Miner) resend(ctx context.Context, it *tracked) {
	defer func() {
		m.final.mu.Lock()
		it.resending = false
		m.final.changed()
		m.final.mu.Unlock()
	}()
	m.resubmitted(it, "its nonce was taken by another transaction; the work goes in a new transaction")
	m.sub.resetNonce()
	var got *types.Receipt
	var gotTx *types.Transaction
	err := m.sub.transact(ctx, it.data, nil, it.workTim, it.kind, []any{"id", hexutil.Encode(it.id[:])}, 1, 1,
		func(tx *types.Transaction, rcpt *types.Receipt, _ int) error {
			if err := it.check(rcpt); err != nil {
				return err
			}
			got, gotTx = rcpt, tx
			return nil
		}, func(int) bool {
			r, err := it.find(ctx)
			if err == nil {
				got = r
			}
			return err == nil
		})
	if err != nil {
		if r, ferr := it.find(ctx); ferr == nil {
			got, err = r, nil
		}
	}
	switch {
	case err == nil:
		m.adopt(it, got)
		if gotTx != nil {
			m.final.mu.Lock()
			it.tx = gotTx
			m.final.mu.Unlock()
		}
	case ctx.Err() != nil:
	default:
		if _, refused := IsRefusal(err); refused {
			m.drop(it, "sent again and refused: "+err.Error())
			return
		}
		m.log.Warn("cannot send the work again yet", "id", hexutil.Encode(it.id[:]), "err", err)
	}
}
