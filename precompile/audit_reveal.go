package precompile

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Audits: challenges, reveals, re-execution and slashing.
//
//   - challenge(workId), payable with exactly challengeBond, opens the
//     audit of pending work inside its challenge window (anchored at the
//     challenge's block; reveal by anchor + auditDelay + revealWindow).
//   - reveal(workId, proof, input, output): anyone may send the audited
//     job's proof and its input and output. The proof must be the one the
//     work was accepted with (its digest), and input and output must hash
//     to what it signed; otherwise the reveal is refused and changes
//     nothing, so nobody can get an honest miner slashed by revealing
//     garbage for it. Then the token counts are recounted by the model's
//     rule: a mismatch slashes. A re-execution model (the built-in one) is
//     run again (ReexecBuiltin, gas ReexecGas charged first): a different
//     output slashes, the same clears. A committee model's reveal draws a
//     committee that votes (committee.go).
//   - settleAudit(workId), anyone, after the deadlines: no reveal by the
//     reveal deadline slashes; a committee vote is counted.
//
// A slash takes the miner id's whole bond (active and unbonding) and all
// its pending rewards: the audited work's at once, the rest as soon as
// anyone touches it (finalizeWork, markSelected, settleAudit forfeit work
// submitted up to the slash block). Of the bond, a challenger (if the audit
// was a challenge) receives challengerRewardBps as a bounty besides its
// challenge bond; everything else is burned. A bounty below half the bond
// keeps a self-challenge (a cheater exposing its own work to recover part
// of its bond) a loss of at least half the bond. Forfeited rewards were
// never minted: they leave total pending and are counted in auditTotals.
// A challenge of honest work costs the challenger its bond, paid to the
// work's beneficiary (who paid for the reveal); an inconclusive committee
// (a tied vote, or no vote, or no verifier to draw) clears the work and
// returns the challenge bond.

// Audit outcomes, returned by reveal and settleAudit and logged by
// AuditDecided.
const (
	// outcomeOpened: the call opened the audit; nothing is decided yet.
	outcomeOpened uint8 = 1
	// outcomeCleared: the audit passed; finalizeWork pays the work.
	outcomeCleared uint8 = 2
	// outcomeSlashed: the miner id was slashed.
	outcomeSlashed uint8 = 3
	// outcomeForfeited: the miner id had been slashed; the work is forfeited.
	outcomeForfeited uint8 = 4
	// outcomeInconclusive: the committee could not decide; the work is
	// cleared and the challenge bond returned.
	outcomeInconclusive uint8 = 5
	// outcomeVoting: a committee was drawn and votes.
	outcomeVoting uint8 = 6
)

// Slash reasons, logged by Slashed.
const (
	// slashNoReveal: no matching reveal by the reveal deadline.
	slashNoReveal uint8 = 1
	// slashTokenCount: the revealed input or output does not have the
	// signed token count under the model's rule.
	slashTokenCount uint8 = 2
	// slashReexec: re-executing the model does not give the signed output.
	slashReexec uint8 = 3
	// slashCommittee: the committee's majority voted fraud.
	slashCommittee uint8 = 4
)

// auditItem is what a miner signed about one piece of work that a reveal
// is checked against: for a single proof its fields (reveal takes them from
// the proof whose digest the work record holds); a batched item's come from
// its own signed leaf.
type auditItem struct {
	ModelHash    proof.Hash
	InputHash    proof.Hash
	OutputHash   proof.Hash
	InputTokens  uint32
	OutputTokens uint32
}

// itemOfProof is the audit item of a single proof.
func itemOfProof(wp *proof.AIWorkProof) auditItem {
	return auditItem{
		ModelHash: wp.Context.ModelHash, InputHash: wp.Context.InputHash, OutputHash: wp.OutputHash,
		InputTokens: wp.InputTokens, OutputTokens: wp.OutputTokens,
	}
}

// Gas of the audit flow, worst case. Storage and value transfers mirror the
// EVM's costs; compute (decoding and hashing the revealed proof, input and
// output, re-execution, committee draws) is priced from
// BenchmarkGasAuditFlow (gas_auditflow_bench_test.go) next to ecrecover.
var (
	// gasValueTransfer: native coin sent to an account that may be cold
	// and new, as a CALL with value.
	gasValueTransfer = GasColdAccount + GasCallValue + GasNewAccount
	// gasWorkRead: the work header, amount and miner id, and the miner
	// id's slash marker.
	gasWorkRead = 3*GasDerivedSlot + 3*GasColdSload + GasDerivedSlot + GasColdSload
	// gasAuditRead: the three audit slots.
	gasAuditRead = 3*GasDerivedSlot + 3*GasColdSload
	// gasSlash: the bond record read (three slots) and rewritten, the
	// slash marker set, the burned and forfeited totals and total pending
	// read and written, the work header rewritten, the challenger paid,
	// Slashed (4 topics, 4 words) and AuditDecided (3 topics, 2 words).
	gasSlash = GasBondSlots + 3*GasColdSload + 3*GasSstoreReset + GasSstoreSet +
		3*GasColdSload + 2*GasSstoreSet + GasSstoreReset + GasSstoreReset + gasValueTransfer +
		logGas(4, 128) + logGas(3, 64)
	// gasClear: the work header rewritten, the challenge bond paid,
	// AuditDecided. Below gasSlash; a call that may do either pays gasSlash.
	gasClear = GasSstoreReset + gasValueTransfer + logGas(3, 64)
	// gasChallenge: parameters, the work and its draw's storage, the audit
	// opened (header and challenger slots set, work header rewritten),
	// AuditOpened (4 topics, 3 words).
	gasChallenge = gasViewAllParams + gasWorkRead + 2*GasDerivedSlot + 2*GasSstoreSet + GasSstoreReset + logGas(4, 96)
	// gasSettleBase: parameters, the work, the audit, the audit opened if
	// the call finds it undrawn.
	gasSettleBase = gasViewAllParams + gasWorkRead + gasAuditRead + 2*GasSstoreSet + GasSstoreReset + logGas(4, 96)
)

// GasRevealPerWord is the compute cost per 32-byte word of decoding and
// hashing a revealed proof (its digest) and of hashing the revealed input
// and output; GasReveal the fixed part of checking a reveal.
const (
	GasReveal        uint64 = 3000
	GasRevealPerWord uint64 = 6
)

// revealGas prices reveal(workId, proof, input, output) before the model is
// known: parameters, work and audit storage, decoding and hashing, the
// model entry, and the worst outcome's storage. Re-execution or the
// committee draw is charged in the call once the model is read.
func revealGas(args []any) uint64 {
	n := len(args[1].([]byte)) + len(args[2].([]byte)) + len(args[3].([]byte))
	return gasSettleBase + GasReveal + GasRevealPerWord*words(n) + GasDerivedSlot + GasColdSload + gasSlash
}

// revealMethods are the challenge, reveal and settlement functions.
func revealMethods() map[string]*method {
	return map[string]*method{
		"challenge": {writes: true, payable: true, gas: fixedGas(gasChallenge), run: (*call).challenge},
		"reveal":    {writes: true, gas: revealGas, run: (*call).reveal},
		// Batches (audit_batch.go).
		"revealBatchItem":  {writes: true, gas: revealBatchItemGas, run: (*call).revealBatchItem},
		"auditedBatchItem": {gas: fixedGas(gasAuditedBatchItem), run: (*call).auditedBatchItemView},
		"settleAudit":      {writes: true, gas: fixedGas(gasSettleBase + gasSlash), run: (*call).settleAudit},
	}
}

// workWithMiner reads work id's record with its miner id.
func (c *call) workWithMiner(id [32]byte) workRecord {
	r := c.st.work(id)
	r.minerID = c.st.get(WorkSlot(id, 1))
	return r
}

// challenge(bytes32 workId) payable returns (uint64 revealDeadline): a
// watcher posts exactly challengeBond to open the audit of pending work
// that no audit holds yet, inside its challenge window.
func (c *call) challenge(args []any) ([]any, error) {
	id := args[0].([32]byte)
	p := c.st.allParams()
	v := c.env.Value()
	if v == nil || !v.Eq(p.ChallengeBond) {
		sent := new(uint256.Int)
		if v != nil {
			sent = v
		}
		return nil, revert("WrongChallengeBond", sent.ToBig(), p.ChallengeBond.ToBig())
	}
	r := c.workWithMiner(id)
	switch r.status {
	case workPending, workUnsampled:
	case workAwaitingReveal, workVoting, workCleared:
		return nil, revert("WorkUnderAudit", id)
	default:
		return nil, revert("WorkNotPending", id)
	}
	if c.st.forfeited(r.minerID, r.submittedAt) {
		return nil, revert("MinerSlashed", [32]byte(r.minerID))
	}
	now := c.env.BlockNumber()
	if closes := r.submittedAt + p.ChallengeWindow; now >= closes {
		return nil, revert("ChallengeWindowClosed", id, closes, now)
	}
	if r.status == workPending {
		if err := c.useGas(auditDrawGas(p.AuditDelay)); err != nil {
			return nil, err
		}
		// Inside the challenge window the seed is not expired.
		if d, err := c.auditDraw(&p, id, r.submittedAt); err != nil {
			return nil, err
		} else if d == drawSelected {
			return nil, revert("WorkUnderAudit", id) // audited anyway: markSelected opens it
		}
	}
	a := auditRecord{kind: auditChallenged, anchor: now, deadline: revealDeadline(&p, now), challenger: c.env.Caller(), bond: v.Clone()}
	c.openAudit(id, &r, &a)
	return []any{a.deadline}, nil
}

// openIfDrawn draws undrawn pending work r for audit and opens its audit
// when the draw selects it (or the seed window has closed). It reports
// whether an audit is open afterwards.
func (c *call) openIfDrawn(p *Params, id [32]byte, r *workRecord) (bool, error) {
	if r.status == workAwaitingReveal || r.status == workVoting {
		return true, nil
	}
	if r.status != workPending {
		return false, nil
	}
	if err := c.useGas(auditDrawGas(p.AuditDelay)); err != nil {
		return false, err
	}
	d, err := c.auditDraw(p, id, r.submittedAt)
	if err != nil {
		return false, err
	}
	now := c.env.BlockNumber()
	switch d {
	case drawSelected:
		c.openAudit(id, r, &auditRecord{kind: auditSampled, anchor: r.submittedAt, deadline: revealDeadline(p, r.submittedAt)})
		return true, nil
	case drawExpired:
		c.openAudit(id, r, &auditRecord{kind: auditExpired, anchor: now, deadline: revealDeadline(p, now)})
		return true, nil
	}
	return false, nil
}

// reveal(bytes32 workId, bytes proof, bytes input, bytes output) returns
// (uint8 outcome): reveals audited work (see the comment at the top).
func (c *call) reveal(args []any) ([]any, error) {
	id := args[0].([32]byte)
	encoded, input, output := args[1].([]byte), args[2].([]byte), args[3].([]byte)
	p := c.st.allParams()
	r, a, err := c.revealable(&p, id)
	if err != nil {
		return nil, err
	}
	wp, err := decodeWorkProof(encoded)
	if err != nil {
		return nil, err
	}
	if wp.Digest() != proof.Hash(c.st.get(WorkSlot(id, 3))) {
		return nil, revert("RevealMismatch", "proof")
	}
	item := itemOfProof(wp)
	outcome, err := c.judgeReveal(&p, id, &r, &a, &item, input, output)
	if err != nil {
		return nil, err
	}
	return []any{outcome}, nil
}

// revealable returns the record and open audit of work id that a reveal
// may be judged against now, opening the audit first when its draw selects
// it: the checks reveal and revealBatchItem share.
func (c *call) revealable(p *Params, id [32]byte) (workRecord, auditRecord, error) {
	r := c.workWithMiner(id)
	if c.st.forfeited(r.minerID, r.submittedAt) && r.status != 0 && r.status != workFinal && r.status != workSlashed {
		return r, auditRecord{}, revert("MinerSlashed", [32]byte(r.minerID))
	}
	open, err := c.openIfDrawn(p, id, &r)
	if err != nil {
		return r, auditRecord{}, err
	}
	switch {
	case r.status == 0 || r.status == workFinal || r.status == workSlashed:
		return r, auditRecord{}, revert("WorkNotPending", id)
	case r.status == workVoting || r.status == workCleared:
		return r, auditRecord{}, revert("AlreadyRevealed", id)
	case !open:
		return r, auditRecord{}, revert("NotUnderAudit", id)
	}
	a := c.st.audit(id)
	if now := c.env.BlockNumber(); now > a.deadline {
		return r, auditRecord{}, revert("RevealWindowClosed", id, a.deadline, now)
	}
	return r, a, nil
}

// judgeReveal decides the reveal of audited work id against what its miner
// signed (item): the input and output must hash to the signed hashes (else
// the reveal is refused), the token counts must be the model's count of
// them (else the miner id is slashed), and then the model's verifier
// decides: re-execution at once, a committee later. r and a are the work's
// record and open audit. Batched work items reveal through it too.
func (c *call) judgeReveal(p *Params, id [32]byte, r *workRecord, a *auditRecord, item *auditItem, input, output []byte) (uint8, error) {
	switch {
	case proof.HashInput(input) != item.InputHash:
		return 0, revert("RevealMismatch", "input hash")
	case proof.HashOutput(output) != item.OutputHash:
		return 0, revert("RevealMismatch", "output hash")
	}
	m, ok := c.st.model(item.ModelHash)
	if !ok {
		// Removed since: nothing left to judge it by.
		return outcomeInconclusive, c.clearAudit(id, r, a, outcomeInconclusive)
	}
	if m.Tokens(len(input)) != uint64(item.InputTokens) || m.Tokens(len(output)) != uint64(item.OutputTokens) {
		return outcomeSlashed, c.slash(p, id, r, a, slashTokenCount)
	}
	switch m.Verifier {
	case VerifierReexec:
		g, err := ReexecGas(len(input), len(output))
		if err != nil {
			// Validate keeps re-execution models within the caps and the
			// counts matched: unreachable.
			return 0, revert("RevealMismatch", "longer than the re-execution caps")
		}
		if err := c.useGas(g); err != nil {
			return 0, err
		}
		v, err := ReexecBuiltin(ReexecClaim{ModelHash: item.ModelHash, InputHash: item.InputHash, OutputHash: item.OutputHash,
			InputTokens: uint64(item.InputTokens), OutputTokens: uint64(item.OutputTokens)}, input, output)
		if err != nil {
			return 0, revert("RevealMismatch", "not re-executable")
		}
		if v != ReexecMatch {
			return outcomeSlashed, c.slash(p, id, r, a, slashReexec)
		}
		return outcomeCleared, c.clearAudit(id, r, a, outcomeCleared)
	default:
		return c.drawCommittee(p, id, r, a)
	}
}

// clearAudit ends work id's audit in its favour: status cleared (paid by
// finalizeWork after its window). A challenger's bond goes to the work's
// beneficiary when the audit cleared the work, back to the challenger when
// it was inconclusive.
func (c *call) clearAudit(id [32]byte, r *workRecord, a *auditRecord, outcome uint8) error {
	r.status = workCleared
	c.st.set(WorkSlot(id, 0), workHeader(r))
	if a.challenger != (common.Address{}) && !a.bond.IsZero() {
		to := r.beneficiary
		if outcome == outcomeInconclusive {
			to = a.challenger
		}
		if err := c.pay(to, a.bond); err != nil {
			return err
		}
	}
	c.env.AddLog([]common.Hash{eventTopic("AuditDecided"), id, r.minerID}, packEventData("AuditDecided", outcome, uint8(0)))
	return nil
}

// pay sends amount of the native coin held by 0x0300 to to.
func (c *call) pay(to common.Address, amount *uint256.Int) error {
	db := c.env.State()
	if db.GetBalance(Address).Lt(amount) {
		return revert("ArithmeticOverflow") // everything paid out here is held here
	}
	db.SubBalance(Address, amount, tracing.BalanceChangeTransfer)
	db.AddBalance(to, amount, tracing.BalanceChangeTransfer)
	return nil
}

// burn destroys amount of the native coin held by 0x0300 and counts it.
func (c *call) burn(amount *uint256.Int) error {
	if amount.IsZero() {
		return nil
	}
	db := c.env.State()
	if db.GetBalance(Address).Lt(amount) {
		return revert("ArithmeticOverflow")
	}
	total := c.st.getInt(numSlot(slotBurnedCoin))
	if _, overflow := total.AddOverflow(total, amount); overflow {
		return revert("ArithmeticOverflow")
	}
	db.SubBalance(Address, amount, tracing.BalanceChangeUnspecified)
	c.st.setInt(numSlot(slotBurnedCoin), total)
	return nil
}

// slash takes work r's miner id's whole bond and forfeits r: see the
// comment at the top for the split. The miner id's other pending work
// submitted up to this block is forfeited when next touched.
func (c *call) slash(p *Params, id [32]byte, r *workRecord, a *auditRecord, reason uint8) error {
	m := r.minerID
	b := c.st.bond(m)
	seized, overflow := new(uint256.Int).AddOverflow(b.bonded, b.unbonding)
	if overflow {
		return revert("ArithmeticOverflow")
	}
	bounty := new(uint256.Int)
	if a.challenger != (common.Address{}) {
		// seized is coin held here, far below 2^240.
		bounty.Mul(seized, uint256.NewInt(uint64(p.ChallengerRewardBps)))
		bounty.Div(bounty, uint256.NewInt(reward.BpsDenominator))
		paid, overflow := new(uint256.Int).AddOverflow(bounty, a.bond)
		if overflow {
			return revert("ArithmeticOverflow")
		}
		if err := c.pay(a.challenger, paid); err != nil {
			return err
		}
	}
	burned := new(uint256.Int).Sub(seized, bounty)
	if err := c.burn(burned); err != nil {
		return err
	}
	c.st.setBond(m, &bondRecord{bonded: new(uint256.Int), unbonding: new(uint256.Int)})
	var marker common.Hash
	binary.BigEndian.PutUint64(marker[24:32], c.env.BlockNumber()+1)
	c.st.set(BondSlot(m, bondSlashed), marker)
	if err := c.moveToForfeited(r.amount); err != nil {
		return err
	}
	r.status = workSlashed
	c.st.set(WorkSlot(id, 0), workHeader(r))
	c.env.AddLog([]common.Hash{eventTopic("Slashed"), m, id, common.BytesToHash(a.challenger[:])},
		packEventData("Slashed", reason, seized.ToBig(), bounty.ToBig(), r.amount.ToBig()))
	c.env.AddLog([]common.Hash{eventTopic("AuditDecided"), id, m}, packEventData("AuditDecided", outcomeSlashed, reason))
	return nil
}

// forfeitAudited forfeits audited work of a miner id slashed since: the
// reward is never credited and a challenger gets its bond back.
func (c *call) forfeitAudited(id [32]byte, r *workRecord, a *auditRecord) error {
	if a.challenger != (common.Address{}) && !a.bond.IsZero() {
		if err := c.pay(a.challenger, a.bond); err != nil {
			return err
		}
	}
	if err := c.moveToForfeited(r.amount); err != nil {
		return err
	}
	r.status = workSlashed
	c.st.set(WorkSlot(id, 0), workHeader(r))
	c.env.AddLog([]common.Hash{eventTopic("WorkForfeited"), id, r.minerID}, packEventData("WorkForfeited", r.amount.ToBig()))
	return nil
}

// settleAudit(bytes32 workId) returns (uint8 outcome): anyone settles
// audited work once its deadline has passed: no reveal by the reveal
// deadline slashes the miner id; a committee vote is counted after the vote
// deadline. Undrawn work is drawn first: selected work past its reveal
// deadline is slashed at once, otherwise its audit is opened (outcome 1).
// Work of a miner id slashed since it was accepted is forfeited.
func (c *call) settleAudit(args []any) ([]any, error) {
	id := args[0].([32]byte)
	p := c.st.allParams()
	r := c.workWithMiner(id)
	switch r.status {
	case workPending, workAwaitingReveal, workVoting:
	case workUnsampled, workCleared:
		return nil, revert("NotUnderAudit", id)
	default:
		return nil, revert("WorkNotPending", id)
	}
	if c.st.forfeited(r.minerID, r.submittedAt) {
		a := c.st.audit(id)
		if r.status == workPending {
			a = auditRecord{bond: new(uint256.Int)}
		}
		return []any{outcomeForfeited}, c.forfeitAudited(id, &r, &a)
	}
	undrawn := r.status == workPending
	open, err := c.openIfDrawn(&p, id, &r)
	if err != nil {
		return nil, err
	}
	if !open {
		return nil, revert("NotUnderAudit", id)
	}
	a := c.st.audit(id)
	now := c.env.BlockNumber()
	switch r.status {
	case workAwaitingReveal:
		if now <= a.deadline {
			if undrawn {
				return []any{outcomeOpened}, nil
			}
			return nil, revert("RevealWindowOpen", id, a.deadline, now)
		}
		return []any{outcomeSlashed}, c.slash(&p, id, &r, &a, slashNoReveal)
	default: // workVoting
		outcome, err := c.countVotes(&p, id, &r, &a)
		if err != nil {
			return nil, err
		}
		return []any{outcome}, nil
	}
}
