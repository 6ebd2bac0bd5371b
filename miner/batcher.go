package miner

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Batching. In devnet mode (the miner's own jobs) Run collects the
// software-only work of its workers and submits it with submitWorkBatch:
// one ML-DSA signature and one transaction for up to batch_max_items
// items, sent when that many are waiting or when the oldest has waited
// batch_max_age. An item costs about 10,000 gas in a batch of 64 where a
// single proof costs about 375,000 (README, Gas). Attested work, ticketed
// work (gateway mode) and MineOnce go one proof per transaction, as before.
//
// Sequence numbers name items in the chain's per-miner spent bitmap. The
// miner takes them from the clock, 4096 per millisecond, always above the
// last one it used: a restart continues above everything it sent before,
// without state on disk, and consecutive items share bitmap slots. Should
// another process with the same key have taken one (ItemAlreadySpent for a
// batch the chain has no record of), the batch is numbered and signed again
// once.

// BatchConfig is the batching part of [mining].
type BatchConfig struct {
	// BatchMaxItems is the most items per batch (1..512; 1 turns batching
	// off: one proof per transaction).
	BatchMaxItems int `toml:"batch_max_items"`
	// BatchMaxAge is how long the first item of a batch waits for more
	// before the batch is sent anyway.
	BatchMaxAge time.Duration `toml:"batch_max_age"`
}

// Batching defaults and bounds.
const (
	// DefaultBatchMaxItems: 64 items pay about 10,000 gas each.
	DefaultBatchMaxItems = 64
	// DefaultBatchMaxAge keeps the time from a job's end to its acceptance
	// under a minute: at most 20 s of waiting, then a block or two.
	DefaultBatchMaxAge = 20 * time.Second
	// MaxBatchAge bounds batch_max_age well inside the chain's time window
	// (600 s by default), leaving room for inclusion and resubmits.
	MaxBatchAge = 2 * time.Minute
	// batchFlushTimeout bounds sending the last batch when Run stops.
	batchFlushTimeout = 30 * time.Second
)

// applyDefaults fills in and checks the batching settings.
func (b *BatchConfig) applyDefaults(bad func(format string, args ...any)) {
	if b.BatchMaxItems == 0 {
		b.BatchMaxItems = DefaultBatchMaxItems
	}
	if b.BatchMaxItems < 1 || b.BatchMaxItems > proof.MaxBatchItems {
		bad("mining.batch_max_items must be 1..%d, not %d", proof.MaxBatchItems, b.BatchMaxItems)
	}
	if b.BatchMaxAge == 0 {
		b.BatchMaxAge = DefaultBatchMaxAge
	}
	if b.BatchMaxAge < 10*time.Millisecond || b.BatchMaxAge > MaxBatchAge {
		bad("mining.batch_max_age must be 10ms..%v, not %v", MaxBatchAge, b.BatchMaxAge)
	}
}

// Batching reports whether work is batched (batch_max_items above 1).
func (b BatchConfig) Batching() bool { return b.BatchMaxItems > 1 }

// SeqSource hands out sequence numbers for batch items: increasing,
// derived from the clock (4096 per millisecond) so that a restarted miner
// continues above the numbers it used before. It is safe for concurrent
// use.
type SeqSource struct {
	mu    sync.Mutex
	clock func() time.Time
	last  uint64
	used  bool
}

// NewSeqSource returns a source reading clock (time.Now when nil).
func NewSeqSource(clock func() time.Time) *SeqSource {
	if clock == nil {
		clock = time.Now
	}
	return &SeqSource{clock: clock}
}

// Next returns the first of n consecutive unused sequence numbers.
func (s *SeqSource) Next(n int) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	first := uint64(max(s.clock().UnixMilli(), 0)) << 12
	if s.used && first <= s.last {
		first = s.last + 1
	}
	s.last, s.used = first+uint64(n)-1, true
	return first
}

// ReadAuditProbability returns the chain's auditProbabilityBps: the share
// of accepted work, in basis points, its audits sample. A chain whose
// precompile predates audits (auditParameters is unknown there) samples
// nothing: 0.
func ReadAuditProbability(ctx context.Context, chain Chain) (uint16, error) {
	p, err := view(ctx, chain, "auditParameters", iaimining.PackAuditParameters(), iaimining.UnpackAuditParameters)
	if err != nil {
		var ref *RefusedError
		if errors.As(err, &ref) && ref.Reason == "UnknownSelector" {
			return 0, nil
		}
		return 0, err
	}
	return p.AuditProbabilityBps, nil
}

// BatchAccepted is a decoded IAIMining WorkBatchAccepted event.
type BatchAccepted struct {
	BatchID           proof.Hash
	Beneficiary       common.Address
	MinerID           proof.Hash
	FirstSeq, LastSeq uint64
	Count             uint16
	ComputeUnits      uint64
	Reward            *big.Int // wei, of all items
	Epoch             uint64
	BlockNumber       uint64
	TxHash            common.Hash
}

var workBatchAcceptedEvent = precompile.ABI().Events["WorkBatchAccepted"]

// ParseWorkBatchAccepted decodes a WorkBatchAccepted log of the precompile.
func ParseWorkBatchAccepted(l *types.Log) (*BatchAccepted, error) {
	if l.Address != precompile.Address {
		return nil, fmt.Errorf("log from %s, not the IAIMining precompile", l.Address.Hex())
	}
	if len(l.Topics) != 4 || l.Topics[0] != workBatchAcceptedEvent.ID {
		return nil, errors.New("log is not a WorkBatchAccepted event")
	}
	vals, err := workBatchAcceptedEvent.Inputs.NonIndexed().Unpack(l.Data)
	if err != nil {
		return nil, fmt.Errorf("decode WorkBatchAccepted data: %w", err)
	}
	if len(vals) != 6 {
		return nil, fmt.Errorf("WorkBatchAccepted data has %d fields, want 6", len(vals))
	}
	first, ok1 := vals[0].(uint64)
	last, ok2 := vals[1].(uint64)
	count, ok3 := vals[2].(uint16)
	cu, ok4 := vals[3].(uint64)
	reward, ok5 := vals[4].(*big.Int)
	epoch, ok6 := vals[5].(uint64)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 {
		return nil, errors.New("WorkBatchAccepted data has unexpected types")
	}
	return &BatchAccepted{
		BatchID: proof.Hash(l.Topics[1]), Beneficiary: common.BytesToAddress(l.Topics[2][12:]), MinerID: proof.Hash(l.Topics[3]),
		FirstSeq: first, LastSeq: last, Count: count, ComputeUnits: cu, Reward: reward, Epoch: epoch,
		BlockNumber: l.BlockNumber, TxHash: l.TxHash,
	}, nil
}

// AsWorkAccepted returns the batch as one accepted-work entry: the batch
// id as its work id, its totals and its item count.
func (b *BatchAccepted) AsWorkAccepted() *WorkAccepted {
	return &WorkAccepted{
		WorkID: b.BatchID, Beneficiary: b.Beneficiary, MinerID: b.MinerID, ComputeUnits: b.ComputeUnits,
		Reward: b.Reward, Epoch: b.Epoch, BlockNumber: b.BlockNumber, TxHash: b.TxHash, Items: b.Count,
	}
}

// AcceptedBatch is a batch the chain accepted.
type AcceptedBatch struct {
	BatchAccepted
	Receipt   *types.Receipt
	Resubmits int
	Tx        *types.Transaction // as Accepted.Tx
}

// SubmitBatch sends a signed batch with submitWorkBatch and waits until it
// is accepted with the configured confirmations, with Submit's gas
// estimation, retries and refusal decoding. When the chain refuses it with
// ItemAlreadySpent and holds a record of this very batch (an earlier
// transaction of it made it), that acceptance is returned.
func (s *Submitter) SubmitBatch(ctx context.Context, h *proof.BatchHeader, items []proof.BatchItem) (*AcceptedBatch, error) {
	data, err := iaimining.TryPackSubmitWorkBatch(h.Encode(), proof.EncodeBatchItems(items))
	if err != nil {
		return nil, fmt.Errorf("pack submitWorkBatch: %w", err)
	}
	id := h.ID()
	var latest uint64
	for i := range items {
		latest = max(latest, items[i].Timestamp)
	}
	var acc *AcceptedBatch
	err = s.transact(ctx, data, nil, latest, "batch", []any{"batch_id", hexutil.Encode(id[:]), "items", len(items)}, 1, 0,
		func(tx *types.Transaction, rcpt *types.Receipt, resubmits int) error {
			a, err := batchAccepted(rcpt, id)
			if err == nil {
				a.Resubmits, a.Tx = resubmits, tx
				acc = a
			}
			return err
		}, nil)
	if err != nil {
		if inner := batchRefusal(err); inner == "ItemAlreadySpent" {
			if a, ferr := s.findBatch(ctx, id); ferr == nil {
				return a, nil
			}
		}
		return nil, err
	}
	return acc, nil
}

// batchRefusal returns the inner error's name of a BatchItemFailed refusal
// ("" for anything else).
func batchRefusal(err error) string {
	ref, ok := IsRefusal(err)
	if !ok || ref.Revert == nil || ref.Reason != "BatchItemFailed" || len(ref.Revert.Args) != 2 {
		return ""
	}
	data, _ := ref.Revert.Args[1].([]byte)
	inner, derr := precompile.DecodeRevert(data)
	if derr != nil {
		return ""
	}
	return inner.Name
}

// batchAccepted finds the WorkBatchAccepted event of id in a receipt.
func batchAccepted(rcpt *types.Receipt, id proof.Hash) (*AcceptedBatch, error) {
	for _, l := range rcpt.Logs {
		ev, err := ParseWorkBatchAccepted(l)
		if err != nil || ev.BatchID != id {
			continue
		}
		if rcpt.BlockNumber != nil {
			ev.BlockNumber = rcpt.BlockNumber.Uint64()
		}
		ev.TxHash = rcpt.TxHash
		return &AcceptedBatch{BatchAccepted: *ev, Receipt: rcpt}, nil
	}
	return nil, fmt.Errorf("transaction %s succeeded but emitted no WorkBatchAccepted event for batch %s",
		rcpt.TxHash.Hex(), hexutil.Encode(id[:]))
}

// findBatch looks for the WorkBatchAccepted event of id in recent blocks.
func (s *Submitter) findBatch(ctx context.Context, id proof.Hash) (*AcceptedBatch, error) {
	var head uint64
	if err := s.call(ctx, func(ctx context.Context) (err error) {
		head, err = s.chain.BlockNumber(ctx)
		return err
	}); err != nil {
		return nil, err
	}
	from := uint64(0)
	if head > findAcceptedLookback {
		from = head - findAcceptedLookback
	}
	var logs []types.Log
	if err := s.call(ctx, func(ctx context.Context) (err error) {
		logs, err = s.chain.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(from),
			Addresses: []common.Address{precompile.Address},
			Topics:    [][]common.Hash{{workBatchAcceptedEvent.ID}, {common.Hash(id)}},
		})
		return err
	}); err != nil {
		return nil, err
	}
	for i := range logs {
		if logs[i].Removed {
			continue
		}
		var rcpt *types.Receipt
		if err := s.call(ctx, func(ctx context.Context) (err error) {
			rcpt, err = s.chain.TransactionReceipt(ctx, logs[i].TxHash)
			return err
		}); err != nil {
			return nil, err
		}
		return batchAccepted(rcpt, id)
	}
	return nil, errors.New("no WorkBatchAccepted event found")
}

// batchEntry is one piece of work waiting for its batch.
type batchEntry struct {
	work *Work
	dev  Device
}

// batcher collects a Run's work into batches.
type batcher struct {
	m      *Miner
	cfg    BatchConfig
	seqs   *SeqSource
	in     chan batchEntry
	loop   sync.WaitGroup // the collecting goroutine
	sends  sync.WaitGroup // batches being submitted
	mu     sync.Mutex
	failed int // items of batches that were refused or failed
}

// startBatcher starts collecting work into batches when batching is on,
// and returns the function that sends what is left and waits for every
// batch (it reports how many items were refused or failed). Mine hands
// its software-only work to the batcher while it runs.
func (m *Miner) startBatcher(ctx context.Context) (stop func() int) {
	cfg := m.cfg.Mining.BatchConfig
	if !cfg.Batching() {
		return func() int { return 0 }
	}
	// The chain audits a batch as one piece of work and asks for the item
	// its audit seed picks (revealBatchItem): a chain whose 0x0300 has no
	// such reveal could not have a sampled or challenged batch revealed, so
	// batches go only where the chain offers it.
	if !m.chainRevealsBatchItems(ctx) {
		m.log.Warn("not batching: this chain's 0x0300 cannot have a single batch item revealed (no revealBatchItem); proofs go one per transaction")
		return func() int { return 0 }
	}
	b := &batcher{m: m, cfg: cfg, seqs: NewSeqSource(m.clock), in: make(chan batchEntry)}
	if m.cfg.Mining.FinalizeEnabled() {
		if n, err := m.RecoverPendingBatches(ctx, RecoverLookback); err != nil {
			m.log.Warn("cannot look for pending batches of earlier runs", "err", err)
		} else if n > 0 {
			m.log.Info("pending batches of earlier runs found", "batches", n)
		}
	}
	m.batchMu.Lock()
	m.batch = b
	m.batchMu.Unlock()
	b.loop.Add(1)
	go b.collect(ctx)
	return func() int {
		m.batchMu.Lock()
		m.batch = nil
		m.batchMu.Unlock()
		close(b.in)
		b.loop.Wait()
		b.sends.Wait()
		b.mu.Lock()
		defer b.mu.Unlock()
		return b.failed
	}
}

// batchFor returns the running batcher, if any, for work that may be
// batched: software-only work (an attested proof's evidence is checked
// per proof).
func (m *Miner) batchFor(w *Work) *batcher {
	if w.Attestation != nil {
		return nil
	}
	m.batchMu.Lock()
	defer m.batchMu.Unlock()
	return m.batch
}

// add queues work for the next batch; the result has no acceptance yet
// (the batch logs it when the chain accepts it).
func (b *batcher) add(w *Work, dev Device) (*Result, error) {
	b.in <- batchEntry{work: w, dev: dev}
	return &Result{Work: w, Device: dev}, nil
}

// collect gathers entries and sends a batch when it is full, when its
// first entry has waited BatchMaxAge, and when the input closes.
func (b *batcher) collect(ctx context.Context) {
	defer b.loop.Done()
	var (
		queue []batchEntry
		timer *time.Timer
		fire  <-chan time.Time
	)
	send := func(final bool) {
		if timer != nil {
			timer.Stop()
			timer, fire = nil, nil
		}
		if len(queue) == 0 {
			return
		}
		entries := queue
		queue = nil
		sctx := ctx
		if final {
			// Work already done and signed is sent even when Run stops.
			var cancel context.CancelFunc
			sctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), batchFlushTimeout)
			b.sends.Add(1)
			go func() {
				defer b.sends.Done()
				defer cancel()
				b.submit(sctx, entries)
			}()
			return
		}
		b.sends.Add(1)
		go func() {
			defer b.sends.Done()
			b.submit(sctx, entries)
		}()
	}
	for {
		select {
		case e, ok := <-b.in:
			if !ok {
				send(true)
				return
			}
			queue = append(queue, e)
			if len(queue) == 1 {
				timer = time.NewTimer(b.cfg.BatchMaxAge)
				fire = timer.C
			}
			if len(queue) >= b.cfg.BatchMaxItems {
				send(false)
			}
		case <-fire:
			send(ctx.Err() != nil)
		}
	}
}

// submit numbers, signs and sends one batch, then accounts for it. A
// batch of one goes alone with submitWorkProof (its gas is the same), so a
// miner with little work logs, and lists in `status`, single proofs.
func (b *batcher) submit(ctx context.Context, entries []batchEntry) {
	m := b.m
	if len(entries) == 1 {
		if _, err := m.submitWork(ctx, entries[0].work, entries[0].dev); err != nil {
			b.mu.Lock()
			b.failed++
			b.mu.Unlock()
		}
		return
	}
	for _, e := range entries {
		m.metrics.ProofsSubmitted.WithLabelValues(e.work.Job.Model).Inc()
	}
	start := time.Now()
	acc, id, err := b.send(ctx, entries)
	if err != nil && batchRefusal(err) == "ItemAlreadySpent" && b.unknownBatch(ctx, id) {
		// A sequence number taken by another process with this key (the
		// chain has no record of this batch): number the batch again, once.
		m.log.Warn("a sequence number of the batch was spent already; numbering the batch again", "items", len(entries))
		acc, _, err = b.send(ctx, entries)
	}
	if err != nil {
		b.mu.Lock()
		b.failed += len(entries)
		b.mu.Unlock()
		m.tally.mu.Lock()
		if ref, ok := IsRefusal(err); ok {
			reason := ref.Reason
			if inner := batchRefusal(err); inner != "" {
				reason = inner
			}
			m.metrics.ProofsRefused.WithLabelValues(reason).Add(float64(len(entries)))
			m.tally.refused += uint64(len(entries))
			m.tally.mu.Unlock()
			m.log.Warn("batch refused", "reason", reason, "items", len(entries), "err", err)
			return
		}
		m.tally.failed += uint64(len(entries))
		m.tally.mu.Unlock()
		if ctx.Err() == nil {
			m.metrics.JobsFailed.WithLabelValues("submit").Add(float64(len(entries)))
			m.log.Error("batch failed", "items", len(entries), "err", err)
		}
		return
	}
	m.metrics.SubmitSeconds.Observe(time.Since(start).Seconds())
	for _, e := range entries {
		m.metrics.ProofsAccepted.WithLabelValues(e.work.Job.Model).Inc()
	}
	m.metrics.ComputeUnits.Add(float64(acc.ComputeUnits))
	m.metrics.addReward(acc.Reward)
	m.addPending(acc.BatchID, acc.BlockNumber)
	var latest uint64
	for _, e := range entries {
		latest = max(latest, e.work.Proof.Context.Timestamp)
	}
	m.trackBatch(ctx, acc, len(entries), latest)

	t := &m.tally
	t.mu.Lock()
	before := t.accepted
	t.accepted += uint64(len(entries))
	t.computeUnits += acc.ComputeUnits
	t.reward.Add(&t.reward, acc.Reward)
	every := uint64(max(m.opts.SummaryEvery, 0))
	summary := every > 0 && t.accepted/every > before/every
	t.mu.Unlock()

	attrs := []any{
		"batch_id", hexutil.Encode(acc.BatchID[:]),
		"items", len(entries),
		"first_seq", acc.FirstSeq,
		"compute_units", acc.ComputeUnits,
		"reward_wei", acc.Reward.String(),
		"epoch", acc.Epoch,
		"beneficiary", acc.Beneficiary.Hex(),
		"block", acc.BlockNumber,
		"tx", acc.TxHash.Hex(),
		"gas_used", acc.Receipt.GasUsed,
		"gas_per_item", acc.Receipt.GasUsed / uint64(len(entries)),
		"resubmits", acc.Resubmits,
	}
	if rules := m.knownRules(); rules != nil {
		attrs = append(attrs, "pending_until_block", acc.BlockNumber+rules.ChallengeWindow)
	}
	m.log.Info("batch accepted", attrs...)
	if summary {
		m.logStats("mining summary")
	}
	m.finalizeAfter(ctx, acc.BlockNumber)
}

// send numbers and signs entries as one batch and submits it through
// node outages; it returns the batch id with the outcome.
func (b *batcher) send(ctx context.Context, entries []batchEntry) (*AcceptedBatch, proof.Hash, error) {
	m := b.m
	first := b.seqs.Next(len(entries))
	items := make([]proof.BatchItem, len(entries))
	for i, e := range entries {
		p := e.work.Proof
		items[i] = proof.NewBatchItem(first+uint64(i), &p.Context, p.OutputHash, p.InputTokens, p.OutputTokens)
	}
	h, err := proof.SignBatch(m.key, m.chainID, m.beneficiary, items, false)
	if err != nil {
		return nil, proof.Hash{}, err
	}
	acc, err := m.submitBatchThroughOutages(ctx, h, items)
	if err == nil {
		m.keepBatchForAudit(acc.BatchID, acc.BlockNumber, h, items, entries)
	}
	return acc, h.ID(), err
}

// unknownBatch reports whether the chain certainly holds no record of
// batch id: only then may its work be numbered again, since a batch that
// was accepted (by a transaction whose answer was lost) must not be paid
// a second time under other numbers.
func (b *batcher) unknownBatch(ctx context.Context, id proof.Hash) bool {
	rec, err := ReadPendingWork(ctx, b.m.chain, id)
	return err == nil && rec.Status == 0
}

// submitBatchThroughOutages submits a signed batch like
// Submitter.SubmitBatch, but while the node cannot be reached it keeps the
// batch (queued, as submitThroughOutages keeps a proof) and sends the same
// signed batch again once the node answers, as long as its earliest item
// is within the chain's time window. A batch sent before an outage and
// found spent afterwards was accepted by that earlier transaction, and
// SubmitBatch returns that acceptance.
func (m *Miner) submitBatchThroughOutages(ctx context.Context, h *proof.BatchHeader, items []proof.BatchItem) (*AcceptedBatch, error) {
	earliest := items[0].Timestamp
	for i := range items {
		earliest = min(earliest, items[i].Timestamp)
	}
	expires := time.Unix(int64(earliest), 0).Add(m.watch.timeWindowPast(ctx, m.chain))
	for {
		acc, err := m.sub.SubmitBatch(ctx, h, items)
		if err == nil || !IsTransient(err) || ctx.Err() != nil {
			return acc, err
		}
		id := h.ID()
		m.log.Debug("batch queued until the node answers", "batch_id", hexutil.Encode(id[:]), "items", len(items),
			"expires", expires.UTC().Format(time.RFC3339), "err", err)
		if werr := m.watch.waitForNode(ctx, m.chain, expires); werr != nil {
			if errors.Is(werr, errQueueExpired) {
				m.metrics.ProofsExpired.Add(float64(len(items)))
			}
			return nil, fmt.Errorf("%w (last error: %v)", werr, err)
		}
	}
}

// RecoverPendingBatches queues for finalization the miner id's batches
// accepted in the last lookback blocks whose reward is still pending (what
// RecoverPending does for single proofs). It returns how many it queued.
func (m *Miner) RecoverPendingBatches(ctx context.Context, lookback uint64) (int, error) {
	head, err := m.chain.BlockNumber(ctx)
	if err != nil {
		return 0, fmt.Errorf("read block number: %w", err)
	}
	from := uint64(0)
	if head > lookback {
		from = head - lookback
	}
	id := m.MinerID()
	logs, err := m.chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from),
		ToBlock:   new(big.Int).SetUint64(head),
		Addresses: []common.Address{precompile.Address},
		Topics:    [][]common.Hash{{workBatchAcceptedEvent.ID}, nil, nil, {common.Hash(id)}},
	})
	if err != nil {
		return 0, fmt.Errorf("eth_getLogs %d..%d: %w", from, head, err)
	}
	m.pending.mu.Lock()
	known := map[proof.Hash]bool{}
	for _, it := range m.pending.items {
		known[it.workID] = true
	}
	m.pending.mu.Unlock()
	n := 0
	for i := range logs {
		ev, err := ParseWorkBatchAccepted(&logs[i])
		if err != nil || logs[i].Removed || known[ev.BatchID] {
			continue
		}
		rec, err := ReadPendingWork(ctx, m.chain, ev.BatchID)
		if err != nil {
			return n, err
		}
		if !rec.Pending() { // pending, under audit or cleared: not paid yet
			continue
		}
		known[ev.BatchID] = true
		m.pending.mu.Lock()
		m.pending.items = append(m.pending.items, pendingItem{workID: ev.BatchID, submittedAt: rec.SubmittedAt})
		m.pending.mu.Unlock()
		n++
	}
	m.pending.mu.Lock()
	slices.SortStableFunc(m.pending.items, func(a, b pendingItem) int { return cmpU64(a.submittedAt, b.submittedAt) })
	m.pending.mu.Unlock()
	return n, nil
}
