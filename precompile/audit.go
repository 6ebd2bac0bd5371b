package precompile

import (
	"encoding/binary"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
)

// Audits: sampling of pending work by a seed from later block hashes.
//
// Work accepted in block B is selected for audit when
// proof.AuditSelected(seed, workId, auditProbabilityBps) holds for the seed
// AuditSeed(env, B, auditDelay), made of the hashes of blocks B+1 ..
// B+auditDelay, none of which exists when the proof is signed or sent.
// Selection is a pure function of the chain, so nothing has to be written
// when work is accepted; the chain evaluates it when it needs it. It can
// only do so while the seed's blocks are within BLOCKHASH reach: from block
// B+auditDelay+1 to block B+BlockHashWindow+1 (the seed window).
//
// The rule, and why:
//
//   - Selected work must be revealed by B + auditDelay + revealWindow (the
//     miner learns it is selected at B+auditDelay+1). Governance keeps
//     auditDelay + revealWindow <= challengeWindow <= BlockHashWindow -
//     MinFinalizeSpan, so the deadline passes inside the seed window.
//   - finalizeWork pays unchallenged work only after its challenge window
//     and only after checking, inside the seed window, that the seed did
//     not select it (or after markSelected recorded that). Selected work is
//     refused (WorkUnderAudit) until an audit clears it.
//   - Anyone may call markSelected(workIds) inside the seed window: it
//     records the draw of each listed piece of work (selected: an audit
//     opens; not selected: finalizeWork no longer needs the seed).
//   - Work whose seed window closed with its draw never checked is
//     audited as if selected: markSelected opens its audit (anchored at
//     the current block, with a fresh reveal window) and finalizeWork
//     refuses it (AuditSeedExpired). Waiting out the seed window therefore
//     never turns selected work into paid work; an honest miner, who
//     finalizes within MinFinalizeSpan blocks of its challenge window's
//     end, never meets the rule, and one that is late reveals and is paid.
//
// Storage (fixed slots 48..55 belong to audits):
//
//	slot 48  auditDelay(8) ‖ revealWindow(8) ‖ voteCommitWindow(8) ‖ voteRevealWindow(8)
//	slot 49  auditProbabilityBps(2) ‖ committeeSize(2) ‖ challengerRewardBps(2) ‖
//	         missedVotePenaltyBps(2), left-aligned
//	slot 50  challengeBond (uint256)
//	slot 51  minVerifierStake (uint256)
//	slot 52  number of verifiers in the set (committee.go)
//	slot 53  native coin burned by slashing: bonds and verifier stakes (uint256)
//	slot 54  reward forfeited by slashing: pending rewards never credited (uint256)
//	audit of work w, record i, at DomainStorage("work/audit" ‖ w ‖ i):
//	  0  kind(1) ‖ anchor block(8) ‖ reveal deadline(8), left-aligned
//	  1  challenger(20) ‖ challenge bond(12), left-aligned
//	  2  committee size(1) ‖ commit deadline(8) ‖ vote deadline(8), left-aligned
//
// A work record's status (verified.go) moves 1 pending → 3 unsampled → 2
// finalized, or 1/3 → 4 awaiting reveal → 6 cleared → 2 finalized, or via
// 5 committee voting, or → 7 slashed.
const (
	slotAuditWindows     = 48
	slotAuditRates       = 49
	slotChallengeBond    = 50
	slotMinVerifierStake = 51
	slotVerifierCount    = 52
	slotBurnedCoin       = 53
	slotForfeited        = 54
)

// Work statuses beyond workPending and workFinal (verified.go).
const (
	// workUnsampled: the seed did not select the work.
	workUnsampled byte = 3
	// workAwaitingReveal: an audit is open; the miner must reveal.
	workAwaitingReveal byte = 4
	// workVoting: revealed; a verifier committee votes.
	workVoting byte = 5
	// workCleared: the audit passed; finalizeWork pays it after the window.
	workCleared byte = 6
	// workSlashed: forfeited (its miner id was slashed).
	workSlashed byte = 7
)

// Audit kinds.
const (
	// auditSampled: the seed selected the work; anchored at its
	// submission block.
	auditSampled byte = 1
	// auditChallenged: a watcher posted a challenge bond; anchored at the
	// challenge's block.
	auditChallenged byte = 2
	// auditExpired: the seed window closed before anyone checked the draw;
	// audited as if selected, anchored where that was found.
	auditExpired byte = 3
)

// AuditSlot returns the storage slot of record i of work w's audit.
func AuditSlot(w [32]byte, i byte) common.Hash {
	return derivedSlot("work/audit", w[:], []byte{i})
}

// auditParams fills p's audit fields from state.
func (s store) auditParams(p *Params) {
	w, r := s.get(numSlot(slotAuditWindows)), s.get(numSlot(slotAuditRates))
	p.AuditDelay = binary.BigEndian.Uint64(w[0:8])
	p.RevealWindow = binary.BigEndian.Uint64(w[8:16])
	p.VoteCommitWindow = binary.BigEndian.Uint64(w[16:24])
	p.VoteRevealWindow = binary.BigEndian.Uint64(w[24:32])
	p.AuditProbabilityBps = binary.BigEndian.Uint16(r[0:2])
	p.CommitteeSize = binary.BigEndian.Uint16(r[2:4])
	p.ChallengerRewardBps = binary.BigEndian.Uint16(r[4:6])
	p.MissedVotePenaltyBps = binary.BigEndian.Uint16(r[6:8])
	p.ChallengeBond = s.getInt(numSlot(slotChallengeBond))
	p.MinVerifierStake = s.getInt(numSlot(slotMinVerifierStake))
}

// auditParamSlots adds the audit parameters' slots to slots.
func auditParamSlots(p *Params, slots map[common.Hash]common.Hash) {
	var w, r common.Hash
	binary.BigEndian.PutUint64(w[0:8], p.AuditDelay)
	binary.BigEndian.PutUint64(w[8:16], p.RevealWindow)
	binary.BigEndian.PutUint64(w[16:24], p.VoteCommitWindow)
	binary.BigEndian.PutUint64(w[24:32], p.VoteRevealWindow)
	binary.BigEndian.PutUint16(r[0:2], p.AuditProbabilityBps)
	binary.BigEndian.PutUint16(r[2:4], p.CommitteeSize)
	binary.BigEndian.PutUint16(r[4:6], p.ChallengerRewardBps)
	binary.BigEndian.PutUint16(r[6:8], p.MissedVotePenaltyBps)
	slots[numSlot(slotAuditWindows)] = w
	slots[numSlot(slotAuditRates)] = r
	slots[numSlot(slotChallengeBond)] = intSlot(p.ChallengeBond)
	slots[numSlot(slotMinVerifierStake)] = intSlot(p.MinVerifierStake)
}

// intSlot encodes an optional integer (nil as zero).
func intSlot(v *uint256.Int) common.Hash {
	if v == nil {
		return common.Hash{}
	}
	return v.Bytes32()
}

// auditRecord is an open (or decided) audit of one piece of work.
type auditRecord struct {
	kind       byte
	anchor     uint64 // the block whose audit seed draws the committee
	deadline   uint64 // last block in which the miner may reveal
	challenger common.Address
	bond       *uint256.Int // the challenge bond held for the challenger
}

func (s store) audit(w [32]byte) auditRecord {
	h, c := s.get(AuditSlot(w, 0)), s.get(AuditSlot(w, 1))
	a := auditRecord{
		kind:     h[0],
		anchor:   binary.BigEndian.Uint64(h[1:9]),
		deadline: binary.BigEndian.Uint64(h[9:17]),
		bond:     new(uint256.Int).SetBytes(c[20:32]),
	}
	copy(a.challenger[:], c[0:20])
	return a
}

func (s store) setAudit(w [32]byte, a *auditRecord) {
	var h, c common.Hash
	h[0] = a.kind
	binary.BigEndian.PutUint64(h[1:9], a.anchor)
	binary.BigEndian.PutUint64(h[9:17], a.deadline)
	s.set(AuditSlot(w, 0), h)
	if a.challenger != (common.Address{}) {
		copy(c[0:20], a.challenger[:])
		b := a.bond.Bytes32() // below 2^96: Params.Validate bounds the challenge bond
		copy(c[20:32], b[20:32])
		s.set(AuditSlot(w, 1), c)
	}
}

// minerSlashedAt returns the block in which miner id m was last slashed.
func (s store) minerSlashedAt(m [32]byte) (uint64, bool) {
	v := s.get(BondSlot(m, bondSlashed))
	n := binary.BigEndian.Uint64(v[24:32])
	if n == 0 {
		return 0, false
	}
	return n - 1, true
}

// forfeited reports whether work submitted in block submitted by miner id m
// lost its reward to a slash of m (in that block or later).
func (s store) forfeited(m [32]byte, submitted uint64) bool {
	at, ok := s.minerSlashedAt(m)
	return ok && at >= submitted
}

// draw is what the audit seed says of a piece of pending work.
type draw uint8

// Draw outcomes; their numbers are what auditDraw returns.
const (
	// drawNotReady: the seed's last block is not mined yet.
	drawNotReady draw = 0
	// drawUnselected: the seed did not select the work.
	drawUnselected draw = 1
	// drawSelected: the seed selected the work.
	drawSelected draw = 2
	// drawExpired: the seed's first block is out of BLOCKHASH reach.
	drawExpired draw = 3
)

// auditDrawGas is the compute gas of one draw with a seed of delay blocks,
// charged before auditDraw runs (no seed is shared with another draw in
// the worst case).
func auditDrawGas(delay uint64) uint64 { return AuditSeedGas(delay) + GasAuditDraw }

// auditDraw evaluates the audit draw of work id submitted in block
// submitted. Seeds are cached per submission block within one call. The
// caller charges auditDrawGas first.
func (c *call) auditDraw(p *Params, id [32]byte, submitted uint64) (draw, error) {
	now := c.env.BlockNumber()
	switch {
	case now <= submitted || now-submitted <= p.AuditDelay:
		return drawNotReady, nil
	case now-submitted-1 > BlockHashWindow:
		return drawExpired, nil
	}
	seed, ok := c.seeds[submitted]
	if !ok {
		s, err := AuditSeed(c.env, submitted, p.AuditDelay)
		if err != nil {
			// Inside the seed window only a host that cannot serve
			// block hashes fails here.
			return 0, revert("AuditSeedUnavailable", submitted)
		}
		if c.seeds == nil {
			c.seeds = map[uint64]proof.Hash{}
		}
		c.seeds[submitted], seed = s, s
	}
	if proof.AuditSelected(seed, proof.Hash(id), p.AuditProbabilityBps) {
		return drawSelected, nil
	}
	return drawUnselected, nil
}

// useGas charges amount, or fails the call with out of gas.
func (c *call) useGas(amount uint64) error {
	if !c.env.UseGas(amount) {
		return errOutOfGas
	}
	return nil
}

// openAudit opens work id's audit: status awaiting reveal, the audit record
// written, AuditOpened emitted.
func (c *call) openAudit(id [32]byte, r *workRecord, a *auditRecord) {
	r.status = workAwaitingReveal
	c.st.set(WorkSlot(id, 0), workHeader(r))
	c.st.setAudit(id, a)
	c.env.AddLog([]common.Hash{eventTopic("AuditOpened"), id, r.minerID, common.BytesToHash(a.challenger[:])},
		packEventData("AuditOpened", a.kind, a.anchor, a.deadline))
}

// revealDeadline is the last block to reveal an audit anchored at anchor:
// anchor + auditDelay + revealWindow (Validate bounds both terms).
func revealDeadline(p *Params, anchor uint64) uint64 {
	return anchor + p.AuditDelay + p.RevealWindow
}

// auditMethods are the audit functions.
func auditMethods() map[string]*method {
	return map[string]*method{
		"markSelected":           {writes: true, gas: markSelectedGas, run: (*call).markSelected},
		"auditDraw":              {gas: fixedGas(gasViewAllParams + GasDerivedSlot + GasColdSload), run: (*call).auditDrawView},
		"auditInfo":              {gas: fixedGas(4*GasDerivedSlot + 4*GasColdSload), run: (*call).auditInfo},
		"auditParameters":        {gas: fixedGas(gasViewAllParams), run: (*call).auditParameters, packFlat: true},
		"auditTotals":            {gas: fixedGas(2 * GasColdSload), run: (*call).auditTotals},
		"setAuditParameters":     {writes: true, gas: fixedGas(gasSetterStorage + GasSstoreReset + 5*logGas(2, 64)), run: (*call).setAuditParameters},
		"setCommitteeParameters": {writes: true, gas: fixedGas(gasSetterStorage + GasSstoreReset + 5*logGas(2, 64)), run: (*call).setCommitteeParameters},
	}
}

// Gas of the audit functions, worst case: storage mirrors the EVM's costs,
// compute (the draws) is AuditSeedGas and GasAuditDraw, measured by
// BenchmarkGasAudit, charged once the delay is read.
var (
	// gasViewAllParams: the ten parameter slots.
	gasViewAllParams = 10 * GasColdSload
	// gasMarkItem: the work header and miner id read, the slash marker
	// derived and read; the header rewritten, the audit header created;
	// AuditOpened (4 topics, 3 words).
	gasMarkItem = 2*GasDerivedSlot + GasDerivedSlot + 3*GasColdSload + GasSstoreReset + GasSstoreSet + GasDerivedSlot + logGas(4, 96)
)

// markSelectedGas prices markSelected(bytes32[]): parameters once, each
// item's storage; the draws are charged in the call once the delay is known.
func markSelectedGas(args []any) uint64 {
	return gasViewAllParams + uint64(len(args[0].([][32]byte)))*gasMarkItem
}

// markSelected(bytes32[] workIds) returns (uint256 opened): records the
// audit draw of every listed piece of pending work whose draw was not yet
// recorded. Selected work (and work whose seed window has closed) has its
// audit opened; work the seed did not select is marked unsampled; work
// whose seed is not ready yet, or that is not pending, is left as it is,
// and so is the pending work of a slashed miner id, which is forfeited.
// Anyone may call it; it returns how many audits it opened.
func (c *call) markSelected(args []any) ([]any, error) {
	ids := args[0].([][32]byte)
	p := c.st.allParams()
	if len(ids) == 0 {
		return nil, revert("MalformedInput", "markSelected: no work ids")
	}
	if len(ids) > int(p.MaxBatchSize) {
		return nil, revert("BatchTooLarge", bigOf(uint64(len(ids))), bigOf(uint64(p.MaxBatchSize)))
	}
	if err := c.useGas(uint64(len(ids)) * auditDrawGas(p.AuditDelay)); err != nil {
		return nil, err
	}
	var opened uint64
	forfeits := newForfeits(c)
	for _, id := range ids {
		r := c.st.work(id)
		if r.status != workPending {
			continue
		}
		r.minerID = c.st.get(WorkSlot(id, 1))
		if c.st.forfeited(r.minerID, r.submittedAt) {
			if err := forfeits.add(id, &r); err != nil {
				return nil, err
			}
			continue
		}
		d, err := c.auditDraw(&p, id, r.submittedAt)
		if err != nil {
			return nil, err
		}
		now := c.env.BlockNumber()
		switch d {
		case drawUnselected:
			r.status = workUnsampled
			c.st.set(WorkSlot(id, 0), workHeader(&r))
		case drawSelected:
			c.openAudit(id, &r, &auditRecord{kind: auditSampled, anchor: r.submittedAt, deadline: revealDeadline(&p, r.submittedAt)})
			opened++
		case drawExpired:
			c.openAudit(id, &r, &auditRecord{kind: auditExpired, anchor: now, deadline: revealDeadline(&p, now)})
			opened++
		}
	}
	if err := forfeits.commit(); err != nil {
		return nil, err
	}
	return []any{bigOf(opened)}, nil
}

// forfeitBatch collects pending work of slashed miner ids that one call
// removes, and writes the totals once.
type forfeitBatch struct {
	c      *call
	total  *uint256.Int
	events int
}

func newForfeits(c *call) *forfeitBatch { return &forfeitBatch{c: c, total: new(uint256.Int)} }

// add forfeits pending work r (status pending, unsampled or cleared): its
// reward is never credited.
func (f *forfeitBatch) add(id [32]byte, r *workRecord) error {
	if _, overflow := f.total.AddOverflow(f.total, r.amount); overflow {
		return revert("ArithmeticOverflow")
	}
	r.status = workSlashed
	f.c.st.set(WorkSlot(id, 0), workHeader(r))
	f.c.env.AddLog([]common.Hash{eventTopic("WorkForfeited"), id, r.minerID}, packEventData("WorkForfeited", r.amount.ToBig()))
	f.events++
	return nil
}

// commit moves the forfeited total out of total pending into the
// forfeited counter.
func (f *forfeitBatch) commit() error {
	if f.events == 0 {
		return nil
	}
	return f.c.moveToForfeited(f.total)
}

// moveToForfeited removes amount from total pending and adds it to the
// reward forfeited by slashing.
func (c *call) moveToForfeited(amount *uint256.Int) error {
	pending := c.st.getInt(numSlot(slotTotalPending))
	if pending.Lt(amount) {
		return revert("ArithmeticOverflow") // every pending amount is in the total
	}
	lost := c.st.getInt(numSlot(slotForfeited))
	if _, overflow := lost.AddOverflow(lost, amount); overflow {
		return revert("ArithmeticOverflow")
	}
	c.st.setInt(numSlot(slotTotalPending), pending.Sub(pending, amount))
	c.st.setInt(numSlot(slotForfeited), lost)
	return nil
}

// auditDraw(bytes32 workId) view returns (uint8 state): what the audit
// seed says of the work now: 0 not ready yet, 1 not selected, 2 selected,
// 3 the seed window has closed (the work is audited if its draw was never
// recorded), 4 not pending or its draw already recorded (see auditInfo).
func (c *call) auditDrawView(args []any) ([]any, error) {
	id := args[0].([32]byte)
	r := c.st.work(id)
	if r.status != workPending {
		return []any{uint8(4)}, nil
	}
	p := c.st.allParams()
	if err := c.useGas(auditDrawGas(p.AuditDelay)); err != nil {
		return nil, err
	}
	d, err := c.auditDraw(&p, id, r.submittedAt)
	if err != nil {
		return nil, err
	}
	return []any{uint8(d)}, nil
}

// auditInfo(bytes32 workId) view returns (uint8 status, uint8 kind,
// uint64 anchor, uint64 revealDeadline, address challenger,
// uint256 challengeBond, uint8 committeeSize, uint64 commitDeadline,
// uint64 voteDeadline): the work's status (as pendingWork) and its audit
// (kind 0: none).
func (c *call) auditInfo(args []any) ([]any, error) {
	id := args[0].([32]byte)
	r := c.st.work(id)
	a := c.st.audit(id)
	cm := c.st.get(AuditSlot(id, 2))
	return []any{r.status, a.kind, a.anchor, a.deadline, a.challenger, a.bond.ToBig(),
		cm[0], binary.BigEndian.Uint64(cm[1:9]), binary.BigEndian.Uint64(cm[9:17])}, nil
}

// auditParameters() view returns (AuditParameters)
func (c *call) auditParameters([]any) ([]any, error) {
	p := c.st.allParams()
	return []any{p.AuditDelay, p.AuditProbabilityBps, p.RevealWindow, p.ChallengeBond.ToBig(), p.ChallengerRewardBps,
		p.CommitteeSize, p.VoteCommitWindow, p.VoteRevealWindow, p.MinVerifierStake.ToBig(), p.MissedVotePenaltyBps}, nil
}

// auditTotals() view returns (uint256 burnedCoin, uint256 forfeitedReward):
// the native coin burned by slashing (bonds and verifier stakes) and the
// pending reward forfeited by slashing, never credited.
func (c *call) auditTotals([]any) ([]any, error) {
	return []any{c.st.getInt(numSlot(slotBurnedCoin)).ToBig(), c.st.getInt(numSlot(slotForfeited)).ToBig()}, nil
}

// setAuditParameters(uint64 auditDelay, uint16 auditProbabilityBps,
// uint64 revealWindow, uint256 challengeBond, uint16 challengerRewardBps):
// governance only.
func (c *call) setAuditParameters(args []any) ([]any, error) {
	delay, prob, window := args[0].(uint64), args[1].(uint16), args[2].(uint64)
	bond, overflow := uint256.FromBig(args[3].(*big.Int))
	if overflow {
		return nil, revert("InvalidParameter", "challengeBond does not fit 256 bits")
	}
	share := args[4].(uint16)
	return c.govern(func(p *Params) []change {
		ch := []change{
			u64change("auditDelay", p.AuditDelay, delay),
			u64change("auditProbabilityBps", uint64(p.AuditProbabilityBps), uint64(prob)),
			u64change("revealWindow", p.RevealWindow, window),
			{"challengeBond", p.ChallengeBond.ToBig(), bond.ToBig()},
			u64change("challengerRewardBps", uint64(p.ChallengerRewardBps), uint64(share)),
		}
		p.AuditDelay, p.AuditProbabilityBps, p.RevealWindow, p.ChallengeBond, p.ChallengerRewardBps = delay, prob, window, bond, share
		return ch
	})
}

// setCommitteeParameters(uint16 committeeSize, uint64 voteCommitWindow,
// uint64 voteRevealWindow, uint256 minVerifierStake,
// uint16 missedVotePenaltyBps): governance only.
func (c *call) setCommitteeParameters(args []any) ([]any, error) {
	size, commit, reveal := args[0].(uint16), args[1].(uint64), args[2].(uint64)
	stake, overflow := uint256.FromBig(args[3].(*big.Int))
	if overflow {
		return nil, revert("InvalidParameter", "minVerifierStake does not fit 256 bits")
	}
	penalty := args[4].(uint16)
	return c.govern(func(p *Params) []change {
		ch := []change{
			u64change("committeeSize", uint64(p.CommitteeSize), uint64(size)),
			u64change("voteCommitWindow", p.VoteCommitWindow, commit),
			u64change("voteRevealWindow", p.VoteRevealWindow, reveal),
			{"minVerifierStake", p.MinVerifierStake.ToBig(), stake.ToBig()},
			u64change("missedVotePenaltyBps", uint64(p.MissedVotePenaltyBps), uint64(penalty)),
		}
		p.CommitteeSize, p.VoteCommitWindow, p.VoteRevealWindow, p.MinVerifierStake, p.MissedVotePenaltyBps = size, commit, reveal, stake, penalty
		return ch
	})
}
