package audit

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/audit/logprob"
	"github.com/pars-network/aimining/proof"
)

// RevealSource supplies the revealed jobs of selected work.
type RevealSource interface {
	// Reveal returns the reveal of workID, or an error wrapping
	// ErrNoReveal when there is none (yet).
	Reveal(ctx context.Context, workID proof.Hash) (*Reveal, error)
}

// ErrNoReveal: the source has no reveal for the work (yet).
var ErrNoReveal = errors.New("audit: no reveal")

// RevealDir is a directory of reveal files, one per piece of work, named
// by the work id in lowercase hex without 0x: <work id>.json.
type RevealDir string

// Reveal reads the reveal of workID from the directory. A reveal whose
// work_id names another piece of work is refused.
func (d RevealDir) Reveal(_ context.Context, workID proof.Hash) (*Reveal, error) {
	f, err := os.Open(filepath.Join(string(d), hex.EncodeToString(workID[:])+".json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w for %x", ErrNoReveal, workID)
	}
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer f.Close()
	r, err := ReadReveal(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(), err)
	}
	if r.WorkID != (proof.Hash{}) && r.WorkID != workID {
		return nil, fmt.Errorf("audit: %s holds the reveal of work %x", f.Name(), r.WorkID)
	}
	return r, nil
}

// Finding is the daemon's record of one selected piece of work.
type Finding struct {
	WorkID      string `json:"work_id"`
	MinerID     string `json:"miner_id"`
	Beneficiary string `json:"beneficiary"`
	Block       uint64 `json:"block"`
	Seed        string `json:"seed"`
	Draw        uint16 `json:"draw"`
	// Status is "judged", "no-reveal" (none within the reveal window) or
	// "error" (it could not be judged; Error says why); for an audit the
	// acting daemon saw end on chain, "slashed" or "cleared".
	Status    string     `json:"status"`
	Judgement *Judgement `json:"judgement,omitempty"`
	Error     string     `json:"error,omitempty"`
}

// Daemon is the watch loop of pars-verifier.
//
// It follows the chain's WorkAccepted events with Watcher, draws every
// accepted piece of work with the configured parameters, and for each
// selected one waits up to RevealWindow blocks for its reveal from Reveals
// (a directory an operator fills, ChainReveals, or any other RevealSource),
// judges it with Judge (built-in work re-executed as the precompile does,
// other models checked by Checker) and writes one Finding per selected
// piece of work to Findings. With a Sender it also acts on chain (act.go):
// it opens the audits of selected work, challenges work whose reveal does
// not stand, settles every audit past its deadline and, as Verifier, votes
// in the committees it is drawn into.
type Daemon struct {
	Watcher *Watcher
	// Reveals supplies reveals; nil records every selected piece of work
	// as no-reveal once its window has passed.
	Reveals RevealSource
	// Checker judges work of models other than the built-in one (nil: such
	// reveals are findings with status "error").
	Checker *logprob.Checker
	// RevealWindow is how many blocks after its submission block a
	// selected piece of work's reveal is waited for.
	RevealWindow uint64
	// Interval is the pause between polls (default 4 s).
	Interval time.Duration
	// Findings receives one JSON line per finding (nil: findings are only
	// logged).
	Findings io.Writer
	// Log receives progress (nil: discarded).
	Log *slog.Logger
	// Sender, when set, sends the daemon's transactions (markSelected,
	// challenge, settleAudit, votes); nil: the daemon only reads.
	Sender Sender
	// Verifier is the Sender's account when it is a staked verifier that
	// votes in committees (zero: it does not vote).
	Verifier common.Address

	pending []Sampled
	state   actState
}

// Run polls until ctx is cancelled and returns nil then; it returns an
// error only when a finding cannot be written. Chain errors are logged and
// retried at the next poll.
func (d *Daemon) Run(ctx context.Context) error {
	interval := d.Interval
	if interval <= 0 {
		interval = 4 * time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := d.Step(ctx); err != nil {
			var fe *findingError
			if errors.As(err, &fe) {
				return err
			}
			d.logger().Warn("poll failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// findingError is a failure to record a finding.
type findingError struct{ err error }

func (e *findingError) Error() string { return "audit: write finding: " + e.err.Error() }
func (e *findingError) Unwrap() error { return e.err }

// Step polls once, judges what it can and returns the findings it made.
func (d *Daemon) Step(ctx context.Context) ([]Finding, error) {
	log := d.logger()
	sampled, err := d.Watcher.Poll(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range sampled {
		log.Debug("work drawn", "work", hex.EncodeToString(s.WorkID[:]), "block", s.Block, "draw", s.Draw, "selected", s.Selected)
		if s.Selected {
			log.Info("work selected for audit", "work", hex.EncodeToString(s.WorkID[:]), "block", s.Block, "draw", s.Draw)
			d.pending = append(d.pending, s)
		}
	}
	var out []Finding
	kept := make([]Sampled, 0, len(d.pending))
	for i, s := range d.pending {
		f, done := d.judge(ctx, s)
		if !done {
			kept = append(kept, s)
			continue
		}
		if err := d.record(f); err != nil {
			d.pending = append(kept, d.pending[i:]...)
			return out, err
		}
		out = append(out, f)
	}
	d.pending = kept
	if d.Sender != nil {
		settled, err := d.act(ctx, sampled)
		out = append(out, settled...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// judge tries to judge s; done is false while its reveal may still come.
func (d *Daemon) judge(ctx context.Context, s Sampled) (Finding, bool) {
	f := Finding{
		WorkID: hex.EncodeToString(s.WorkID[:]), MinerID: hex.EncodeToString(s.MinerID[:]),
		Beneficiary: s.Beneficiary.Hex(), Block: s.Block, Seed: hex.EncodeToString(s.Seed[:]), Draw: s.Draw,
	}
	expired := d.Watcher.Next() > s.Block+d.RevealWindow
	if d.Reveals == nil {
		f.Status = "no-reveal"
		return f, expired
	}
	r, err := d.Reveals.Reveal(ctx, s.WorkID)
	switch {
	case errors.Is(err, ErrNoReveal):
		f.Status = "no-reveal"
		return f, expired
	case err != nil:
		f.Status, f.Error = "error", err.Error()
		return f, true
	}
	j, err := Judge(ctx, r, d.Checker)
	if err != nil {
		f.Status, f.Error = "error", err.Error()
		return f, true
	}
	f.Status, f.Judgement = "judged", &j
	return f, true
}

func (d *Daemon) record(f Finding) error {
	log := d.logger()
	switch {
	case f.Judgement != nil && f.Judgement.Fault:
		log.Warn("audit fault", "work", f.WorkID, "block", f.Block, "method", f.Judgement.Method, "reason", f.Judgement.Reason)
	case f.Judgement != nil:
		log.Info("audit passed", "work", f.WorkID, "block", f.Block, "method", f.Judgement.Method)
	case f.Status == "slashed" || f.Status == "cleared":
		// An audit settled on chain (act.go logged it).
	default:
		log.Warn("audit not judged", "work", f.WorkID, "block", f.Block, "status", f.Status, "err", f.Error)
	}
	if d.Findings == nil {
		return nil
	}
	b, err := json.Marshal(f)
	if err != nil {
		return &findingError{err}
	}
	if _, err := d.Findings.Write(append(b, '\n')); err != nil {
		return &findingError{err}
	}
	return nil
}

func (d *Daemon) logger() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.New(slog.DiscardHandler)
}
