package precompile

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Verifier committees: the audit of a model that the chain cannot run.
//
// Governance admits verifiers (setVerifierAdmitted); an admitted verifier
// stakes native coin with registerVerifier and joins the verifier set once
// its stake reaches minVerifierStake (at most MaxVerifiers verifiers). When
// a committee model's work is revealed, CommitteeSize verifiers are drawn
// by proof.DrawCommittee with the audit's seed (the seed of the audit's
// anchor block: unknown to the miner and the challenger when the audit
// opened) from the verifiers that were already in the set at the anchor
// block, so nobody can join after seeing the seed. Each member runs the
// revealed prompt on its own back-end (pars-verifier, audit/logprob) and
// commits to its verdict within voteCommitWindow blocks
// (commitVote(workId, proof.VoteCommitment(...))), then reveals it within
// the next voteRevealWindow blocks (revealVote). After that anyone calls
// settleAudit: more fraud votes than valid ones slash the miner id, more
// valid ones clear the work (a challenger loses its bond), a tie or no
// vote is inconclusive (the work is cleared, a challenge bond returned). A
// drawn member that did not reveal a vote loses missedVotePenaltyBps of its
// stake (burned) and leaves the set when it falls below the minimum.
// Stake leaves requestVerifierExit + unbondingDelay blocks later, and only
// once every committee the verifier sits on has been settled.
//
// Storage:
//
//	verifier v, record i, at DomainStorage("verifier" ‖ v ‖ i):
//	  0  admitted(1) ‖ active(1) ‖ index(8) ‖ activeSince(8) ‖ exitReadyAt(8) ‖ open committees(4)
//	  1  stake (uint256)
//	set entry n at DomainStorage("verifier/list" ‖ n(8)): verifier(20) ‖ activeSince(8)
//	slot 52 (audit.go): the number of verifiers in the set
//	member j of work w's committee, record i, at DomainStorage("work/vote" ‖ w ‖ j ‖ i):
//	  0  verifier(20) ‖ state(1: drawn 0, committed 1, revealed 2) ‖ verdict(1)
//	  1  commitment

// MaxVerifiers bounds the verifier set, which bounds the cost of drawing a
// committee (every set entry is read).
const MaxVerifiers = 64

// Vote states of a committee member.
const (
	voteDrawn     byte = 0
	voteCommitted byte = 1
	voteRevealed  byte = 2
)

// VerifierSlot returns the storage slot of record i of verifier v.
func VerifierSlot(v common.Address, i byte) common.Hash {
	return derivedSlot("verifier", v[:], []byte{i})
}

// VerifierListSlot returns the storage slot of entry n of the verifier set.
func VerifierListSlot(n uint64) common.Hash {
	return derivedSlot("verifier/list", binary.BigEndian.AppendUint64(nil, n))
}

// VoteSlot returns the storage slot of record i of member j of work w's
// committee.
func VoteSlot(w [32]byte, j, i byte) common.Hash {
	return derivedSlot("work/vote", w[:], []byte{j}, []byte{i})
}

// verifierRecord is one verifier.
type verifierRecord struct {
	admitted    bool
	active      bool
	index       uint64 // its entry in the set, when active
	activeSince uint64 // the block it (last) joined the set
	exitReadyAt uint64 // from when its stake may be withdrawn (0: no exit requested)
	duties      uint32 // committees it sits on that are not settled yet
	stake       *uint256.Int
}

func (s store) verifier(v common.Address) verifierRecord {
	h := s.get(VerifierSlot(v, 0))
	return verifierRecord{
		admitted: h[0] == 1, active: h[1] == 1,
		index:       binary.BigEndian.Uint64(h[2:10]),
		activeSince: binary.BigEndian.Uint64(h[10:18]),
		exitReadyAt: binary.BigEndian.Uint64(h[18:26]),
		duties:      binary.BigEndian.Uint32(h[26:30]),
		stake:       s.getInt(VerifierSlot(v, 1)),
	}
}

func (s store) setVerifier(v common.Address, r *verifierRecord) {
	var h common.Hash
	if r.admitted {
		h[0] = 1
	}
	if r.active {
		h[1] = 1
	}
	binary.BigEndian.PutUint64(h[2:10], r.index)
	binary.BigEndian.PutUint64(h[10:18], r.activeSince)
	binary.BigEndian.PutUint64(h[18:26], r.exitReadyAt)
	binary.BigEndian.PutUint32(h[26:30], r.duties)
	for i, val := range [...]common.Hash{h, r.stake.Bytes32()} {
		k := VerifierSlot(v, byte(i))
		if s.get(k) != val {
			s.set(k, val)
		}
	}
}

func (s store) verifierCount() uint64 {
	v := s.get(numSlot(slotVerifierCount))
	return binary.BigEndian.Uint64(v[24:32])
}

func (s store) setVerifierCount(n uint64) {
	var v common.Hash
	binary.BigEndian.PutUint64(v[24:32], n)
	s.set(numSlot(slotVerifierCount), v)
}

// listEntry reads entry n of the set.
func (s store) listEntry(n uint64) (common.Address, uint64) {
	e := s.get(VerifierListSlot(n))
	return common.BytesToAddress(e[0:20]), binary.BigEndian.Uint64(e[20:28])
}

func listValue(v common.Address, since uint64) common.Hash {
	var e common.Hash
	copy(e[0:20], v[:])
	binary.BigEndian.PutUint64(e[20:28], since)
	return e
}

// joinSet adds verifier v (record r, not active) to the set at this block.
func (c *call) joinSet(v common.Address, r *verifierRecord) error {
	n := c.st.verifierCount()
	if n >= MaxVerifiers {
		return revert("VerifierSetFull", uint64(MaxVerifiers))
	}
	now := c.env.BlockNumber()
	c.st.set(VerifierListSlot(n), listValue(v, now))
	c.st.setVerifierCount(n + 1)
	r.active, r.index, r.activeSince, r.exitReadyAt = true, n, now, 0
	return nil
}

// leaveSet removes verifier v (record r, active) from the set, moving the
// last entry into its place.
func (c *call) leaveSet(v common.Address, r *verifierRecord) {
	last := c.st.verifierCount() - 1 // r is active: the set holds it
	if r.index != last {
		moved, since := c.st.listEntry(last)
		c.st.set(VerifierListSlot(r.index), listValue(moved, since))
		m := c.st.verifier(moved)
		m.index = r.index
		c.st.setVerifier(moved, &m)
	}
	c.st.set(VerifierListSlot(last), common.Hash{})
	c.st.setVerifierCount(last)
	r.active = false
}

// committeeMethods are the verifier-set and vote functions.
func committeeMethods() map[string]*method {
	return map[string]*method{
		"setVerifierAdmitted":   {writes: true, gas: fixedGas(gasViewAllParams + gasVerifierRecord + gasLeaveSet + logGas(2, 32)), run: (*call).setVerifierAdmitted},
		"registerVerifier":      {writes: true, payable: true, gas: fixedGas(gasViewAllParams + gasVerifierRecord + gasJoinSet + logGas(2, 96)), run: (*call).registerVerifier},
		"requestVerifierExit":   {writes: true, gas: fixedGas(gasViewAllParams + gasVerifierRecord + gasLeaveSet + logGas(2, 32)), run: (*call).requestVerifierExit},
		"withdrawVerifierStake": {writes: true, gas: fixedGas(gasVerifierRecord + gasValueTransfer + logGas(2, 32)), run: (*call).withdrawVerifierStake},
		"verifierInfo":          {gas: fixedGas(2*GasDerivedSlot + 2*GasColdSload), run: (*call).verifierInfo},
		"verifierSet":           {gas: fixedGas(GasColdSload + MaxVerifiers*(GasDerivedSlot+GasColdSload)), run: (*call).verifierSet},
		"committeeOf":           {gas: fixedGas(GasDerivedSlot + GasColdSload + MaxCommitteeSize*(GasDerivedSlot+GasColdSload)), run: (*call).committeeOf},
		"commitVote":            {writes: true, gas: fixedGas(gasVoteBase + GasSstoreSet + GasSstoreReset + logGas(3, 0)), run: (*call).commitVote},
		"revealVote":            {writes: true, gas: fixedGas(gasVoteBase + GasDerivedSlot + GasColdSload + GasSstoreReset + GasVoteCommitment + logGas(3, 32)), run: (*call).revealVote},
	}
}

// Gas of the committee functions, worst case (storage mirrors the EVM's
// costs; the draw and the vote commitment are measured by
// BenchmarkGasAuditFlow).
var (
	// gasVerifierRecord: a verifier record's two slots read and written.
	gasVerifierRecord = 2*GasDerivedSlot + 2*GasColdSload + GasSstoreSet + GasSstoreSet
	// gasJoinSet: the count read and written, a set entry created.
	gasJoinSet = GasColdSload + GasSstoreReset + GasDerivedSlot + GasSstoreSet
	// gasLeaveSet: the count, the last entry and the moved verifier's
	// record read and rewritten, the last entry cleared.
	gasLeaveSet = GasColdSload + GasSstoreReset + 2*GasDerivedSlot + GasColdSload + 2*GasSstoreReset +
		2*GasDerivedSlot + 2*GasColdSload + GasSstoreReset
	// gasVoteBase: the work header and the committee slot read, and every
	// member's slot searched for the caller.
	gasVoteBase = 2*GasDerivedSlot + 2*GasColdSload + MaxCommitteeSize*(GasDerivedSlot+GasColdSload)
	// gasSettleMember: one member's vote slot and verifier record read and
	// rewritten (open committees, stake), its removal from the set, and
	// VerifierPenalized; gasSettleVotes adds the burned total, once.
	gasSettleMember = GasDerivedSlot + GasColdSload + gasVerifierRecord + gasLeaveSet + logGas(3, 32)
	gasSettleVotes  = GasColdSload + GasSstoreSet
)

// GasVoteCommitment is the compute cost of one proof.VoteCommitment, and
// GasCommitteeMember that of recording one drawn member (BenchmarkGasAuditFlow).
const (
	GasVoteCommitment  uint64 = 400
	GasCommitteeMember uint64 = 100
)

// committeeDrawGas is the gas of drawing a committee of up to k members
// from n set entries: every entry read, the draw, each member's vote slot
// created and its verifier record updated, the committee slot and the
// CommitteeDrawn log (k addresses).
func committeeDrawGas(n uint64, k uint64) uint64 {
	return n*(GasDerivedSlot+GasColdSload) + CommitteeGas(int(n)) +
		k*(GasCommitteeMember+GasDerivedSlot+GasSstoreSet+2*GasDerivedSlot+GasColdSload+GasSstoreReset) +
		GasDerivedSlot + GasSstoreSet + logGas(2, 128+32*int(k))
}

// drawCommittee draws the committee of revealed work id (audit a): see
// the comment at the top. It needs the audit's seed, so the reveal must
// come after block anchor + auditDelay.
func (c *call) drawCommittee(p *Params, id [32]byte, r *workRecord, a *auditRecord) (uint8, error) {
	now := c.env.BlockNumber()
	if now <= a.anchor+p.AuditDelay {
		return 0, revert("RevealTooEarly", id, a.anchor+p.AuditDelay+1)
	}
	n := c.st.verifierCount()
	if err := c.useGas(committeeDrawGas(n, uint64(p.CommitteeSize))); err != nil {
		return 0, err
	}
	seed, err := AuditSeed(c.env, a.anchor, p.AuditDelay)
	if err != nil {
		return 0, revert("AuditSeedUnavailable", a.anchor)
	}
	var ids []proof.Hash
	var addrs []common.Address
	for i := uint64(0); i < n; i++ {
		v, since := c.st.listEntry(i)
		if since <= a.anchor {
			ids = append(ids, proof.VerifierID(v))
			addrs = append(addrs, v)
		}
	}
	k := min(int(p.CommitteeSize), len(ids))
	if k == 0 {
		return outcomeInconclusive, c.clearAudit(id, r, a, outcomeInconclusive)
	}
	picks, err := proof.DrawCommittee(seed, proof.Hash(id), ids, k)
	if err != nil {
		return 0, revert("MalformedInput", "committee draw failed") // the set holds each verifier once
	}
	members := make([]common.Address, k)
	for j, idx := range picks {
		v := addrs[idx]
		members[j] = v
		var e common.Hash
		copy(e[0:20], v[:])
		c.st.set(VoteSlot(id, byte(j), 0), e)
		vr := c.st.verifier(v)
		vr.duties++
		c.st.setVerifier(v, &vr)
	}
	commitBy := now + p.VoteCommitWindow
	voteBy := commitBy + p.VoteRevealWindow
	var cm common.Hash
	cm[0] = byte(k)
	binary.BigEndian.PutUint64(cm[1:9], commitBy)
	binary.BigEndian.PutUint64(cm[9:17], voteBy)
	c.st.set(AuditSlot(id, 2), cm)
	r.status = workVoting
	c.st.set(WorkSlot(id, 0), workHeader(r))
	c.env.AddLog([]common.Hash{eventTopic("CommitteeDrawn"), id}, packEventData("CommitteeDrawn", members, commitBy, voteBy))
	return outcomeVoting, nil
}

// committee reads work id's committee: its size and deadlines.
func (s store) committee(id [32]byte) (k int, commitBy, voteBy uint64) {
	cm := s.get(AuditSlot(id, 2))
	return int(cm[0]), binary.BigEndian.Uint64(cm[1:9]), binary.BigEndian.Uint64(cm[9:17])
}

// member finds the caller in work id's committee of k members.
func (c *call) member(id [32]byte, k int) (int, common.Hash, bool) {
	caller := c.env.Caller()
	for j := 0; j < k; j++ {
		e := c.st.get(VoteSlot(id, byte(j), 0))
		if common.BytesToAddress(e[0:20]) == caller {
			return j, e, true
		}
	}
	return 0, common.Hash{}, false
}

// commitVote(bytes32 workId, bytes32 commitment): a drawn member commits
// to its verdict (proof.VoteCommitment) within the commit window, once.
func (c *call) commitVote(args []any) ([]any, error) {
	id, commitment := args[0].([32]byte), args[1].([32]byte)
	if c.st.work(id).status != workVoting {
		return nil, revert("NotVoting", id)
	}
	k, commitBy, _ := c.st.committee(id)
	now := c.env.BlockNumber()
	if now > commitBy {
		return nil, revert("VoteCommitClosed", id, commitBy, now)
	}
	j, e, ok := c.member(id, k)
	if !ok {
		return nil, revert("NotCommitteeMember", id, c.env.Caller())
	}
	if e[20] != voteDrawn {
		return nil, revert("VoteAlreadyCommitted", id, c.env.Caller())
	}
	e[20] = voteCommitted
	c.st.set(VoteSlot(id, byte(j), 1), commitment)
	c.st.set(VoteSlot(id, byte(j), 0), e)
	caller := c.env.Caller()
	c.env.AddLog([]common.Hash{eventTopic("VoteCommitted"), id, common.BytesToHash(caller[:])}, nil)
	return nil, nil
}

// revealVote(bytes32 workId, uint8 verdict, bytes32 salt): a member that
// committed reveals its verdict (1 valid, 2 fraud) after the commit window
// and within the reveal window; it must open its commitment.
func (c *call) revealVote(args []any) ([]any, error) {
	id, verdict, salt := args[0].([32]byte), args[1].(uint8), args[2].([32]byte)
	if verdict != proof.VerdictValid && verdict != proof.VerdictFraud {
		return nil, revert("MalformedInput", "revealVote: verdict must be 1 (valid) or 2 (fraud)")
	}
	if c.st.work(id).status != workVoting {
		return nil, revert("NotVoting", id)
	}
	k, commitBy, voteBy := c.st.committee(id)
	now := c.env.BlockNumber()
	if now <= commitBy || now > voteBy {
		return nil, revert("VoteRevealNotOpen", id, commitBy+1, voteBy, now)
	}
	caller := c.env.Caller()
	j, e, ok := c.member(id, k)
	if !ok {
		return nil, revert("NotCommitteeMember", id, caller)
	}
	if e[20] != voteCommitted {
		return nil, revert("VoteNotCommitted", id, caller)
	}
	if proof.VoteCommitment(proof.Hash(id), caller, verdict, proof.Hash(salt)) != proof.Hash(c.st.get(VoteSlot(id, byte(j), 1))) {
		return nil, revert("VoteMismatch", id, caller)
	}
	e[20], e[21] = voteRevealed, verdict
	c.st.set(VoteSlot(id, byte(j), 0), e)
	c.env.AddLog([]common.Hash{eventTopic("VoteRevealed"), id, common.BytesToHash(caller[:])}, packEventData("VoteRevealed", verdict))
	return nil, nil
}

// countVotes settles work id's committee vote after its vote deadline:
// members that did not reveal are penalized, then the majority decides.
func (c *call) countVotes(p *Params, id [32]byte, r *workRecord, a *auditRecord) (uint8, error) {
	k, _, voteBy := c.st.committee(id)
	now := c.env.BlockNumber()
	if now <= voteBy {
		return 0, revert("VotingOpen", id, voteBy, now)
	}
	if err := c.useGas(gasSettleVotes + uint64(k)*gasSettleMember); err != nil {
		return 0, err
	}
	var valid, fraud int
	penalties := new(uint256.Int)
	for j := 0; j < k; j++ {
		e := c.st.get(VoteSlot(id, byte(j), 0))
		v := common.BytesToAddress(e[0:20])
		vr := c.st.verifier(v)
		if vr.duties > 0 {
			vr.duties--
		}
		if e[20] == voteRevealed {
			if e[21] == proof.VerdictFraud {
				fraud++
			} else {
				valid++
			}
		} else {
			// stake is coin held here, far below 2^240.
			cut := new(uint256.Int).Mul(vr.stake, uint256.NewInt(uint64(p.MissedVotePenaltyBps)))
			cut.Div(cut, uint256.NewInt(reward.BpsDenominator))
			vr.stake.Sub(vr.stake, cut)
			penalties.Add(penalties, cut)
			if vr.active && vr.stake.Lt(p.MinVerifierStake) {
				c.leaveSet(v, &vr)
				vr.exitReadyAt = now + p.UnbondingDelay
			}
			c.env.AddLog([]common.Hash{eventTopic("VerifierPenalized"), common.BytesToHash(v[:]), id}, packEventData("VerifierPenalized", cut.ToBig()))
		}
		c.st.setVerifier(v, &vr)
	}
	if err := c.burn(penalties); err != nil {
		return 0, err
	}
	switch {
	case fraud > valid:
		return outcomeSlashed, c.slash(p, id, r, a, slashCommittee)
	case valid > fraud:
		return outcomeCleared, c.clearAudit(id, r, a, outcomeCleared)
	default:
		return outcomeInconclusive, c.clearAudit(id, r, a, outcomeInconclusive)
	}
}

// setVerifierAdmitted(address verifier, bool admitted): governance admits
// a verifier to stake, or withdraws the admission (an active verifier then
// leaves the set; its stake follows the exit delay).
func (c *call) setVerifierAdmitted(args []any) ([]any, error) {
	v, admitted := args[0].(common.Address), args[1].(bool)
	p := c.st.allParams()
	if caller := c.env.Caller(); caller != p.Governance {
		return nil, revert("NotGovernance", caller)
	}
	if v == (common.Address{}) {
		return nil, revert("InvalidParameter", "verifier is the zero address")
	}
	r := c.st.verifier(v)
	if r.admitted == admitted {
		return nil, nil
	}
	r.admitted = admitted
	if !admitted && r.active {
		c.leaveSet(v, &r)
		r.exitReadyAt = c.env.BlockNumber() + p.UnbondingDelay
	}
	c.st.setVerifier(v, &r)
	c.env.AddLog([]common.Hash{eventTopic("VerifierAdmitted"), common.BytesToHash(v[:])}, packEventData("VerifierAdmitted", admitted))
	return nil, nil
}

// registerVerifier() payable returns (uint256 stake): an admitted verifier
// adds the call's value to its stake and joins the set once the stake
// reaches minVerifierStake. It cancels an exit request.
func (c *call) registerVerifier([]any) ([]any, error) {
	v := c.env.Caller()
	value := c.env.Value()
	if value == nil || value.IsZero() {
		return nil, revert("MalformedInput", "registerVerifier: no value sent")
	}
	p := c.st.allParams()
	r := c.st.verifier(v)
	if !r.admitted {
		return nil, revert("NotAdmittedVerifier", v)
	}
	if _, overflow := r.stake.AddOverflow(r.stake, value); overflow {
		return nil, revert("ArithmeticOverflow")
	}
	r.exitReadyAt = 0
	if !r.active && !r.stake.Lt(p.MinVerifierStake) {
		if err := c.joinSet(v, &r); err != nil {
			return nil, err
		}
	}
	c.st.setVerifier(v, &r)
	c.env.AddLog([]common.Hash{eventTopic("VerifierStaked"), common.BytesToHash(v[:])},
		packEventData("VerifierStaked", value.ToBig(), r.stake.ToBig(), r.active))
	return []any{r.stake.ToBig()}, nil
}

// requestVerifierExit() returns (uint64 readyAt): the caller leaves the
// set; its stake may be withdrawn unbondingDelay blocks later.
func (c *call) requestVerifierExit([]any) ([]any, error) {
	v := c.env.Caller()
	p := c.st.allParams()
	r := c.st.verifier(v)
	if r.stake.IsZero() {
		return nil, revert("NotVerifier", v)
	}
	if r.active {
		c.leaveSet(v, &r)
	}
	r.exitReadyAt = c.env.BlockNumber() + p.UnbondingDelay
	c.st.setVerifier(v, &r)
	c.env.AddLog([]common.Hash{eventTopic("VerifierExitRequested"), common.BytesToHash(v[:])}, packEventData("VerifierExitRequested", r.exitReadyAt))
	return []any{r.exitReadyAt}, nil
}

// withdrawVerifierStake() returns (uint256 amount): pays the caller's
// stake once its exit delay has passed and every committee it sat on has
// been settled.
func (c *call) withdrawVerifierStake([]any) ([]any, error) {
	v := c.env.Caller()
	r := c.st.verifier(v)
	now := c.env.BlockNumber()
	switch {
	case r.stake.IsZero():
		return nil, revert("NotVerifier", v)
	case r.active || r.exitReadyAt == 0 || now < r.exitReadyAt:
		return nil, revert("VerifierStakeLocked", v, r.exitReadyAt, r.duties)
	case r.duties > 0:
		return nil, revert("VerifierStakeLocked", v, r.exitReadyAt, r.duties)
	}
	amount := r.stake
	r.stake = new(uint256.Int)
	r.exitReadyAt = 0
	c.st.setVerifier(v, &r)
	if err := c.pay(v, amount); err != nil {
		return nil, err
	}
	c.env.AddLog([]common.Hash{eventTopic("VerifierWithdrawn"), common.BytesToHash(v[:])}, packEventData("VerifierWithdrawn", amount.ToBig()))
	return []any{amount.ToBig()}, nil
}

// verifierInfo(address) view returns (bool admitted, bool active,
// uint256 stake, uint64 activeSince, uint64 exitReadyAt, uint32 openCommittees)
func (c *call) verifierInfo(args []any) ([]any, error) {
	r := c.st.verifier(args[0].(common.Address))
	return []any{r.admitted, r.active, r.stake.ToBig(), r.activeSince, r.exitReadyAt, r.duties}, nil
}

// verifierSet() view returns (address[] verifiers, uint64[] activeSince)
func (c *call) verifierSet([]any) ([]any, error) {
	n := c.st.verifierCount()
	vs, since := make([]common.Address, n), make([]uint64, n)
	for i := range n {
		vs[i], since[i] = c.st.listEntry(i)
	}
	return []any{vs, since}, nil
}

// committeeOf(bytes32 workId) view returns (address[] members,
// uint8[] states, uint8[] verdicts, uint64 commitDeadline,
// uint64 voteDeadline): states 0 drawn, 1 committed, 2 revealed.
func (c *call) committeeOf(args []any) ([]any, error) {
	id := args[0].([32]byte)
	k, commitBy, voteBy := c.st.committee(id)
	members, states, verdicts := make([]common.Address, k), make([]uint8, k), make([]uint8, k)
	for j := 0; j < k; j++ {
		e := c.st.get(VoteSlot(id, byte(j), 0))
		members[j], states[j], verdicts[j] = common.BytesToAddress(e[0:20]), e[20], e[21]
	}
	return []any{members, states, verdicts, commitBy, voteBy}, nil
}
