package audit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Acting on chain. With a Sender, the daemon does what the chain leaves to
// anyone:
//
//   - markSelected for the work the seed selects, so its audit opens with
//     its deadline on record;
//   - challenge(workId), with the chain's challenge bond, for pending work
//     the seed did not select but whose reveal (from Reveals: a gateway's
//     job log, a reveal directory) does not stand (Judge: built-in work
//     re-executed as the precompile does);
//   - settleAudit for every audit on chain (AuditOpened logs) once its
//     reveal or vote deadline has passed: a miner that did not reveal is
//     slashed, a committee vote is counted;
//   - as a committee member (Verifier set to the Sender's account, a
//     staked verifier): for every CommitteeDrawn log that names it, the
//     revealed job (ChainReveals) is judged with Checker, the verdict
//     committed (commitVote) and revealed after the commit window
//     (revealVote). Salts are kept in memory: a verifier restarted between
//     its commit and its reveal misses that vote.

// Sender sends one transaction to 0x0300 and waits for its receipt;
// *miner.Submitter is one.
type Sender interface {
	TransactValue(ctx context.Context, data []byte, value *big.Int, what string) (*types.Receipt, error)
}

// Reads beyond Chain the acting daemon needs to find reveals on chain.
type fullChain interface {
	Chain
	TxSource
}

// actState is what the acting daemon remembers between steps.
type actState struct {
	params  *ChainParams
	scanned uint64                  // AuditOpened / CommitteeDrawn logs scanned up to here
	audits  map[proof.Hash]struct{} // audits on chain not settled yet
	votes   map[proof.Hash]*vote    // committees this verifier sits on
}

// vote is one committee seat of the daemon's verifier.
type vote struct {
	verdict   uint8
	salt      proof.Hash
	committed bool
	revealed  bool
	commitBy  uint64
	voteBy    uint64
}

var auditOpened = precompile.ABI().Events[bindings.IAIMiningAuditOpenedEventName]

// send sends data (a call packed by iaimining) with value, logging the
// outcome. A refusal (someone else was first, a window closed) is logged,
// not fatal.
func (d *Daemon) send(ctx context.Context, value *big.Int, what string, data []byte) (*types.Receipt, error) {
	rcpt, err := d.Sender.TransactValue(ctx, data, value, what)
	if err != nil {
		d.logger().Warn("transaction refused or failed", "what", what, "err", err)
		return nil, err
	}
	return rcpt, nil
}

// act does the daemon's on-chain part of one step.
func (d *Daemon) act(ctx context.Context, sampled []Sampled) ([]Finding, error) {
	if d.state.params == nil {
		p, err := ReadChainParams(ctx, d.Watcher.chain)
		if err != nil {
			return nil, err
		}
		d.state.params = &p
		d.state.audits = map[proof.Hash]struct{}{}
		d.state.votes = map[proof.Hash]*vote{}
		d.state.scanned = d.Watcher.next
	}
	log := d.logger()
	var selected [][32]byte
	for _, s := range sampled {
		if s.Selected {
			selected = append(selected, [32]byte(s.WorkID))
			continue
		}
		if d.Reveals == nil {
			continue
		}
		r, err := d.Reveals.Reveal(ctx, s.WorkID)
		if err != nil {
			continue // no reveal to judge by: nothing to challenge
		}
		j, err := Judge(ctx, r, d.Checker)
		if err != nil || !j.Fault {
			continue
		}
		if _, err := d.send(ctx, d.state.params.ChallengeBond, "challenge", iaimining.PackChallenge(s.WorkID)); err == nil {
			log.Warn("work challenged", "work", hex.EncodeToString(s.WorkID[:]), "reason", j.Reason, "bond_wei", d.state.params.ChallengeBond.String())
		}
	}
	for i := 0; i < len(selected); i += 32 {
		batch := selected[i:min(i+32, len(selected))]
		if _, err := d.send(ctx, nil, "audit draws", iaimining.PackMarkSelected(batch)); err == nil {
			log.Info("audits opened", "work_ids", len(batch))
		}
	}
	if err := d.scanAudits(ctx); err != nil {
		return nil, err
	}
	return d.settle(ctx)
}

// scanAudits follows AuditOpened and CommitteeDrawn logs up to the head.
func (d *Daemon) scanAudits(ctx context.Context) error {
	head, err := d.Watcher.chain.BlockNumber(ctx)
	if err != nil {
		return fmt.Errorf("audit: block number: %w", err)
	}
	if head < d.state.scanned {
		return nil
	}
	logs, err := d.Watcher.chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(d.state.scanned), ToBlock: new(big.Int).SetUint64(head),
		Addresses: []common.Address{precompile.Address},
		Topics:    [][]common.Hash{{auditOpened.ID, committeeDrawn.ID}},
	})
	if err != nil {
		return fmt.Errorf("audit: audit logs %d..%d: %w", d.state.scanned, head, err)
	}
	for i := range logs {
		l := &logs[i]
		if l.Removed || len(l.Topics) < 2 {
			continue
		}
		id := proof.Hash(l.Topics[1])
		d.state.audits[id] = struct{}{}
		if l.Topics[0] != committeeDrawn.ID || d.Verifier == (common.Address{}) {
			continue
		}
		vals, err := committeeDrawn.Inputs.NonIndexed().Unpack(l.Data)
		if err != nil || len(vals) != 3 {
			continue
		}
		members, _ := vals[0].([]common.Address)
		commitBy, _ := vals[1].(uint64)
		voteBy, _ := vals[2].(uint64)
		for _, m := range members {
			if m == d.Verifier && d.state.votes[id] == nil {
				d.state.votes[id] = &vote{commitBy: commitBy, voteBy: voteBy}
			}
		}
	}
	d.state.scanned = head + 1
	return nil
}

// settle votes in the daemon's committees and settles every audit past
// its deadline; it returns a finding for each audit that ended.
func (d *Daemon) settle(ctx context.Context) ([]Finding, error) {
	head, err := d.Watcher.chain.BlockNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: block number: %w", err)
	}
	log := d.logger()
	var out []Finding
	for id := range d.state.audits {
		st, err := ReadAuditState(ctx, d.Watcher.chain, id)
		if err != nil {
			return out, err
		}
		if v := d.state.votes[id]; v != nil && st.Status == StatusVoting {
			d.vote(ctx, id, v, head)
		}
		switch {
		case st.Status == StatusAudited && head > st.RevealDeadline, st.Status == StatusVoting && head > st.VoteDeadline:
			if _, err := d.send(ctx, nil, "audit settlement", iaimining.PackSettleAudit(id)); err != nil {
				continue
			}
			if st, err = ReadAuditState(ctx, d.Watcher.chain, id); err != nil {
				return out, err
			}
		case st.Status == StatusAudited || st.Status == StatusVoting || st.Status == StatusPending:
			continue
		}
		if st.Status == StatusAudited || st.Status == StatusVoting {
			continue
		}
		delete(d.state.audits, id)
		delete(d.state.votes, id)
		f := Finding{WorkID: hex.EncodeToString(id[:]), Status: settledStatus(st.Status), Block: head}
		switch f.Status {
		case "slashed":
			log.Warn("audit settled: miner slashed", "work", f.WorkID)
		default:
			log.Info("audit settled", "work", f.WorkID, "status", f.Status)
		}
		if err := d.record(f); err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

// settledStatus names a work status an audit ends in.
func settledStatus(s uint8) string {
	switch s {
	case StatusSlashed:
		return "slashed"
	case StatusCleared, StatusFinalized:
		return "cleared"
	default:
		return fmt.Sprintf("status %d", s)
	}
}

// vote commits, then reveals, the daemon's verdict on work id.
func (d *Daemon) vote(ctx context.Context, id proof.Hash, v *vote, head uint64) {
	log := d.logger()
	if !v.committed && head <= v.commitBy {
		verdict, err := d.verdict(ctx, id)
		if err != nil {
			log.Warn("cannot judge a committee job; not voting", "work", hex.EncodeToString(id[:]), "err", err)
			return
		}
		if _, err := rand.Read(v.salt[:]); err != nil {
			return
		}
		v.verdict = verdict
		c := proof.VoteCommitment(id, d.Verifier, verdict, v.salt)
		if _, err := d.send(ctx, nil, "vote commitment", iaimining.PackCommitVote(id, c)); err == nil {
			v.committed = true
			log.Info("vote committed", "work", hex.EncodeToString(id[:]), "verdict", verdict)
		}
		return
	}
	if v.committed && !v.revealed && head > v.commitBy && head <= v.voteBy {
		if _, err := d.send(ctx, nil, "vote reveal", iaimining.PackRevealVote(id, v.verdict, v.salt)); err == nil {
			v.revealed = true
			log.Info("vote revealed", "work", hex.EncodeToString(id[:]), "verdict", v.verdict)
		}
	}
}

// verdict judges the revealed job of work id for the committee.
func (d *Daemon) verdict(ctx context.Context, id proof.Hash) (uint8, error) {
	fc, ok := d.Watcher.chain.(fullChain)
	if !ok {
		return 0, errors.New("audit: the chain client cannot read transactions")
	}
	r, err := ChainReveals{Chain: fc, Txs: fc}.Reveal(ctx, id)
	if err != nil {
		return 0, err
	}
	j, err := Judge(ctx, r, d.Checker)
	if err != nil {
		return 0, err
	}
	if j.Fault {
		return proof.VerdictFraud, nil
	}
	return proof.VerdictValid, nil
}
