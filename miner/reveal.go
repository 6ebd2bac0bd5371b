package miner

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Reveals. The chain samples pending work for audit by a seed of the block
// hashes after its submission, and anyone may challenge it; audited work
// must be revealed (its proof, input and output) within the reveal window
// or the miner id loses its bond. So the miner keeps the proof, input and
// output of each accepted job until the work is finalized, in memory and,
// when the wallet lives in a folder, in <wallet folder>/reveals/<work id>.json
// (a restarted miner reloads them), and after every accepted proof, and
// every AuditPollInterval, it:
//
//   - reveals the work an AuditOpened log names (a watcher's markSelected,
//     a challenge);
//   - asks the chain for the draw of each kept job once its seed is known
//     (auditDraw) and reveals selected work at once, without waiting for
//     anyone to open its audit;
//   - holds audited work out of finalizeWork until its audit has cleared it.

// AuditPollInterval is how often a mining miner checks its pending work
// for audits, besides after every accepted proof.
const AuditPollInterval = 10 * time.Second

// keptJob is what the miner keeps of an accepted job until it is finalized.
type keptJob struct {
	WorkID proof.Hash    `json:"work_id"`
	Block  uint64        `json:"block"` // the block that accepted it
	Proof  hexutil.Bytes `json:"proof"`
	Input  hexutil.Bytes `json:"input"`
	Output hexutil.Bytes `json:"output"`
	// Batch is set for a batch (WorkID is its batch id; Proof, Input and
	// Output are empty): every item, to reveal the one its audit picks.
	Batch *keptBatch `json:"batch,omitempty"`

	drawn bool // the seed did not select it, or its audit cleared it
	held  bool // an audit holds it: finalizeWork refuses it
}

// revealKeeper holds the kept jobs.
type revealKeeper struct {
	mu      sync.Mutex
	dir     string // "" keeps them in memory only
	jobs    map[proof.Hash]*keptJob
	scanned uint64 // AuditOpened logs scanned up to this block
	delay   uint64 // the chain's audit delay, once read
	running bool   // a RevealDue is in progress
	loaded  bool
}

// keptDir is where kept jobs are written: beside the wallet.
func (m *Miner) keptDir() string {
	if m.cfg == nil || m.cfg.Mining.WalletPath == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(m.cfg.ResolvePath(m.cfg.Mining.WalletPath)), "reveals")
}

// keepForAudit keeps an accepted job's proof, input and output.
func (m *Miner) keepForAudit(w *Work, block uint64) {
	m.keep(&keptJob{WorkID: w.WorkID, Block: block, Proof: w.Encoded, Input: w.Job.Input, Output: w.Output})
}

// keep keeps k in memory and, beside the wallet, on disk.
func (m *Miner) keep(k *keptJob) {
	r := &m.reveals
	r.mu.Lock()
	if r.jobs == nil {
		r.jobs = map[proof.Hash]*keptJob{}
		r.dir = m.keptDir()
	}
	r.jobs[k.WorkID] = k
	dir := r.dir
	r.mu.Unlock()
	if dir == "" {
		return
	}
	if err := writeKept(dir, k); err != nil {
		m.log.Warn("cannot keep a job for its audit on disk (it stays in memory)", "work_id", hexutil.Encode(k.WorkID[:]), "err", err)
	}
}

func writeKept(dir string, k *keptJob) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	b, err := json.Marshal(k)
	if err != nil {
		return err
	}
	name := filepath.Join(dir, strings.TrimPrefix(hexutil.Encode(k.WorkID[:]), "0x")+".json")
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// loadKept reads the jobs an earlier run kept.
func (m *Miner) loadKept() {
	r := &m.reveals
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.loaded {
		return
	}
	r.loaded = true
	if r.jobs == nil {
		r.jobs = map[proof.Hash]*keptJob{}
		r.dir = m.keptDir()
	}
	if r.dir == "" {
		return
	}
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return // none yet
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(r.dir, e.Name()))
		if err != nil {
			continue
		}
		var k keptJob
		if err := json.Unmarshal(b, &k); err != nil || k.WorkID == (proof.Hash{}) {
			m.log.Warn("ignoring an unreadable kept job", "file", e.Name())
			continue
		}
		if r.jobs[k.WorkID] == nil {
			r.jobs[k.WorkID] = &k
		}
	}
}

// forgetKept drops the kept jobs of work that needs no reveal any more.
func (m *Miner) forgetKept(ids ...proof.Hash) {
	r := &m.reveals
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range ids {
		if r.jobs[id] == nil {
			continue
		}
		delete(r.jobs, id)
		if r.dir != "" {
			_ = os.Remove(filepath.Join(r.dir, strings.TrimPrefix(hexutil.Encode(id[:]), "0x")+".json"))
		}
	}
}

// heldForAudit reports whether an audit holds work id out of finalizeWork.
func (m *Miner) heldForAudit(id proof.Hash) bool {
	r := &m.reveals
	r.mu.Lock()
	defer r.mu.Unlock()
	k := r.jobs[id]
	return k != nil && k.held
}

// holdForAudit marks work id as held by an audit (finalizeWork refused it).
func (m *Miner) holdForAudit(id proof.Hash) {
	r := &m.reveals
	r.mu.Lock()
	defer r.mu.Unlock()
	if k := r.jobs[id]; k != nil {
		k.held, k.drawn = true, false
	}
}

// auditDelay reads the chain's audit delay once (1 on a chain without
// audits: draws are then simply not ready or not pending).
func (m *Miner) auditDelay(ctx context.Context) uint64 {
	r := &m.reveals
	r.mu.Lock()
	d := r.delay
	r.mu.Unlock()
	if d != 0 {
		return d
	}
	d = 1
	if p, err := view(ctx, m.chain, "auditParameters", iaimining.PackAuditParameters(), iaimining.UnpackAuditParameters); err == nil && p.AuditDelay > 0 {
		d = p.AuditDelay
	}
	r.mu.Lock()
	r.delay = d
	r.mu.Unlock()
	return d
}

var (
	auditOpenedEvent  = precompile.ABI().Events["AuditOpened"]
	auditDecidedEvent = precompile.ABI().Events["AuditDecided"]
)

// RevealDue reveals the miner's kept work that is audited or selected at
// block head (see the comment at the top) and returns how many reveals it
// sent. Only one runs at a time; a call while another runs returns at once.
func (m *Miner) RevealDue(ctx context.Context, head uint64) (int, error) {
	m.loadKept()
	r := &m.reveals
	r.mu.Lock()
	if r.running || len(r.jobs) == 0 {
		r.mu.Unlock()
		return 0, nil
	}
	r.running = true
	from := r.scanned
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		r.running = false
		r.mu.Unlock()
	}()
	delay := m.auditDelay(ctx)

	// Audits opened on chain for this miner id since the last look.
	due := map[proof.Hash]bool{}
	id := m.MinerID()
	var logs []types.Log
	if from <= head {
		var err error
		logs, err = m.chain.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(head),
			Addresses: []common.Address{precompile.Address},
			Topics:    [][]common.Hash{{auditOpenedEvent.ID}, nil, {common.Hash(id)}},
		})
		if err != nil {
			return 0, fmt.Errorf("audit logs %d..%d: %w", from, head, err)
		}
	}
	for i := range logs {
		if !logs[i].Removed && len(logs[i].Topics) > 1 {
			due[proof.Hash(logs[i].Topics[1])] = true
		}
	}
	// The draws of kept work whose seed is known.
	r.mu.Lock()
	var check []*keptJob
	for wid, k := range r.jobs {
		if due[wid] {
			k.held = true
		}
		if k.held && k.Batch != nil {
			// An audited batch's item can be picked only once the seed of
			// its audit's anchor is known (a challenge's, or an opening's,
			// comes after the AuditOpened log): ask again each time.
			due[wid] = true
		}
		if !k.drawn && !k.held && head > k.Block+delay {
			check = append(check, k)
		}
	}
	r.mu.Unlock()
	for _, k := range check {
		state, err := view(ctx, m.chain, "auditDraw", iaimining.PackAuditDraw(k.WorkID), iaimining.UnpackAuditDraw)
		if err != nil {
			return 0, err
		}
		switch state {
		case 1: // not selected
			m.markKept(k.WorkID, func(k *keptJob) { k.drawn = true })
		case 2, 3: // selected, or undrawn past its seed window
			due[k.WorkID] = true
		case 4: // drawn already: audited, voting, cleared or over
			due[k.WorkID] = true
		}
	}
	r.mu.Lock()
	r.scanned = max(r.scanned, head+1)
	var reveal []*keptJob
	for wid := range due {
		if k := r.jobs[wid]; k != nil {
			reveal = append(reveal, k)
		}
	}
	r.mu.Unlock()
	sent := 0
	for _, k := range reveal {
		if m.revealKept(ctx, k) {
			sent++
		}
	}
	return sent, nil
}

// markKept changes a kept job under the lock.
func (m *Miner) markKept(id proof.Hash, f func(k *keptJob)) {
	r := &m.reveals
	r.mu.Lock()
	defer r.mu.Unlock()
	if k := r.jobs[id]; k != nil {
		f(k)
	}
}

// revealKept reveals one kept job when its audit waits for it, and
// follows its audit otherwise. It reports whether it sent a reveal.
func (m *Miner) revealKept(ctx context.Context, k *keptJob) bool {
	idHex := hexutil.Encode(k.WorkID[:])
	status, err := m.workStatus(ctx, k.WorkID)
	if err != nil {
		m.log.Warn("cannot read an audited job's status", "work_id", idHex, "err", err)
		return false
	}
	switch status {
	case 1, 4: // undrawn (selected, or past its seed window) or audited: reveal
	case 5: // a committee votes
		m.markKept(k.WorkID, func(k *keptJob) { k.held = true })
		return false
	case 3, 6: // not selected, or cleared
		m.markKept(k.WorkID, func(k *keptJob) { k.held, k.drawn = false, true })
		return false
	default: // finalized, forfeited, unknown
		m.forgetKept(k.WorkID)
		return false
	}
	what := "reveal"
	var data []byte
	if k.Batch != nil {
		var ready bool
		var item int
		data, item, ready, err = m.batchRevealData(ctx, k)
		if err != nil {
			m.log.Error("cannot reveal an audited batch", "batch_id", idHex, "err", err)
			return false
		}
		if !ready {
			return false // again once the chain can pick the item
		}
		what = fmt.Sprintf("reveal of batch item %d", item)
	} else if data, err = iaimining.TryPackReveal(k.WorkID, k.Proof, k.Input, k.Output); err != nil {
		return false
	}
	rcpt, err := m.sub.Transact(ctx, data, what)
	if err != nil {
		if ref, ok := IsRefusal(err); ok && ref.Reason == "RevealTooEarly" {
			return false // a committee model: again once the seed is known
		}
		m.log.Error("cannot reveal audited work", "work_id", idHex, "err", err)
		return false
	}
	outcome := uint8(6) // a committee was drawn unless a decision was logged
	for _, l := range rcpt.Logs {
		if l.Address == precompile.Address && len(l.Topics) == 3 && l.Topics[0] == auditDecidedEvent.ID {
			if vals, err := auditDecidedEvent.Inputs.NonIndexed().Unpack(l.Data); err == nil && len(vals) == 2 {
				outcome, _ = vals[0].(uint8)
			}
		}
	}
	switch outcome {
	case 2, 5:
		m.markKept(k.WorkID, func(k *keptJob) { k.held, k.drawn = false, true })
		m.log.Info("audited work revealed and cleared", "work_id", idHex, "block", rcpt.BlockNumber, "tx", rcpt.TxHash.Hex(), "gas_used", rcpt.GasUsed)
	case 3:
		m.forgetKept(k.WorkID)
		m.dropPending(func(id proof.Hash) bool { return id == k.WorkID })
		m.log.Error("audited work revealed and the miner id slashed", "work_id", idHex, "tx", rcpt.TxHash.Hex())
	default:
		m.markKept(k.WorkID, func(k *keptJob) { k.held = true })
		m.log.Info("audited work revealed; a verifier committee votes", "work_id", idHex, "tx", rcpt.TxHash.Hex())
	}
	return true
}

// workStatus reads a piece of work's status (pendingWork).
func (m *Miner) workStatus(ctx context.Context, id proof.Hash) (uint8, error) {
	v, err := view(ctx, m.chain, "pendingWork", iaimining.PackPendingWork(id), iaimining.UnpackPendingWork)
	if err != nil {
		return 0, err
	}
	return v.Status, nil
}

// revealAfter runs RevealDue at block head, logging instead of failing.
func (m *Miner) revealAfter(ctx context.Context, head uint64) {
	if _, err := m.RevealDue(ctx, head); err != nil && ctx.Err() == nil {
		m.log.Warn("cannot check pending work for audits yet", "err", err)
	}
}

// watchAudits checks the miner's pending work for audits (and finalizes
// what is due) every AuditPollInterval until ctx ends; stop waits for it.
func (m *Miner) watchAudits(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(AuditPollInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			head, err := m.chain.BlockNumber(ctx)
			if err != nil {
				continue
			}
			m.finalizeAfter(ctx, head) // reveals first
		}
	}()
	return func() { cancel(); <-done }
}
