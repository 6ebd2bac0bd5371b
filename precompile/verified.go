package precompile

import (
	"encoding/binary"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Verified work: bonds, the epoch emission cap, pending rewards and the
// per-device cap of attested proofs.
//
// Nothing a miner states is paid on trust. A miner id earns only while its
// active bond (native coin held by 0x0300) is at least minBond, and at most
// bondRewardCapBps of that bond per epoch. All accepted work of an epoch
// earns at most the epoch budget (Params.EpochBudget); a proof whose reward
// would exceed what is left is refused with EpochBudgetExhausted and its
// work id stays unspent, so the miner resubmits it in the next epoch within
// its time window. Accepted work waits pending for challengeWindow blocks
// (the audits of a later step sample it there), then finalizeWork, which
// anyone may call, credits it.
//
// Storage (fixed slots 40..47 belong to verified work):
//
//	slot 40  minBond (uint256)
//	slot 41  challengeWindow(8) ‖ unbondingDelay(8) ‖ bondRewardCapBps(2) ‖
//	         deviceEpochCap(4), left-aligned
//	slot 42  epoch(8) ‖ reward of accepted work in that epoch(24)
//	slot 43  total reward pending (uint256)
//	bond of miner id m, record i, at DomainStorage("bond" ‖ m ‖ i):
//	  0  bonder(20) ‖ unbondReadyAt(8), left-aligned
//	  1  active bond (uint256)
//	  2  unbonding amount (uint256)
//	  3  epoch(8) ‖ reward of the miner id in that epoch(24)
//	  4  1 + the block in which the miner id was last slashed (audit.go)
//	pending work w, record i, at DomainStorage("work/pending" ‖ w ‖ i):
//	  0  status(1: pending, 2: finalized, 3..7: audit states, audit.go) ‖
//	     submitted block(8) ‖ beneficiary(20), left-aligned
//	  1  miner id
//	  2  amount (uint256)
//	  3  proof digest (proof.AIWorkProof.Digest: every signed field)
//	attested proofs of device d at DomainStorage("device/epoch-count" ‖ d):
//	  epoch(8) ‖ count(4), left-aligned
//
// The epoch counters carry their epoch index, so a new epoch starts them at
// zero without a write at the rollover.
const (
	slotMinBond           = 40
	slotVerifyParams      = 41
	slotEpochReward       = 42
	slotTotalPending      = 43
	bondRecordSlots       = 4
	bondSlashed      byte = 4 // bond record 4: 1 + the block of the miner id's last slash (audit.go)
	workRecordSlots       = 4
	workPending      byte = 1
	workFinal        byte = 2
)

// BondSlot returns the storage slot of record i of miner id m's bond.
func BondSlot(m [32]byte, i byte) common.Hash {
	return derivedSlot("bond", m[:], []byte{i})
}

// WorkSlot returns the storage slot of record i of pending work w.
func WorkSlot(w [32]byte, i byte) common.Hash {
	return derivedSlot("work/pending", w[:], []byte{i})
}

// DeviceEpochSlot returns the slot counting a device's attested proofs in
// the current epoch.
func DeviceEpochSlot(d [32]byte) common.Hash {
	return derivedSlot("device/epoch-count", d[:])
}

// epochAmount is a per-epoch amount kept beside its epoch index: index(8)
// ‖ amount(24). Amounts stay below the epoch budget, below 2^192.
type epochAmount struct {
	epoch  uint64
	amount *uint256.Int
}

func decodeEpochAmount(v common.Hash) epochAmount {
	return epochAmount{epoch: binary.BigEndian.Uint64(v[0:8]), amount: new(uint256.Int).SetBytes(v[8:32])}
}

// in returns the amount in epoch e: zero when the record is of another epoch.
func (a epochAmount) in(e uint64) *uint256.Int {
	if a.epoch != e {
		return new(uint256.Int)
	}
	return a.amount
}

// encodeEpochAmount packs an amount below 2^192 beside its epoch.
func encodeEpochAmount(e uint64, amount *uint256.Int) (common.Hash, bool) {
	if amount.BitLen() > 192 {
		return common.Hash{}, false
	}
	var v common.Hash
	binary.BigEndian.PutUint64(v[0:8], e)
	b := amount.Bytes32()
	copy(v[8:], b[8:])
	return v, true
}

// bondRecord is a miner id's bond.
type bondRecord struct {
	bonder    common.Address
	readyAt   uint64 // block from which the unbonding amount may be withdrawn
	bonded    *uint256.Int
	unbonding *uint256.Int
}

func (s store) bond(m [32]byte) bondRecord {
	h := s.get(BondSlot(m, 0))
	r := bondRecord{bonded: s.getInt(BondSlot(m, 1)), unbonding: s.getInt(BondSlot(m, 2))}
	copy(r.bonder[:], h[0:20])
	r.readyAt = binary.BigEndian.Uint64(h[20:28])
	return r
}

// setBond writes a bond record, skipping unchanged slots.
func (s store) setBond(m [32]byte, r *bondRecord) {
	var h common.Hash
	copy(h[0:20], r.bonder[:])
	binary.BigEndian.PutUint64(h[20:28], r.readyAt)
	for i, v := range [...]common.Hash{h, r.bonded.Bytes32(), r.unbonding.Bytes32()} {
		k := BondSlot(m, byte(i))
		if s.get(k) != v {
			s.set(k, v)
		}
	}
}

// workRecord is the pending (or finalized) reward of one accepted proof,
// with what an audit needs to find and check it.
type workRecord struct {
	status      byte
	submittedAt uint64 // block number
	beneficiary common.Address
	minerID     [32]byte
	amount      *uint256.Int
	digest      [32]byte
}

func (s store) work(w [32]byte) workRecord {
	h := s.get(WorkSlot(w, 0))
	r := workRecord{status: h[0], submittedAt: binary.BigEndian.Uint64(h[1:9]), amount: s.getInt(WorkSlot(w, 2))}
	copy(r.beneficiary[:], h[9:29])
	return r
}

func workHeader(r *workRecord) common.Hash {
	var h common.Hash
	h[0] = r.status
	binary.BigEndian.PutUint64(h[1:9], r.submittedAt)
	copy(h[9:29], r.beneficiary[:])
	return h
}

func (s store) setWork(w [32]byte, r *workRecord) {
	s.set(WorkSlot(w, 0), workHeader(r))
	s.set(WorkSlot(w, 1), r.minerID)
	s.set(WorkSlot(w, 2), r.amount.Bytes32())
	s.set(WorkSlot(w, 3), r.digest)
}

// verifiedMethods are the bond, pending-work and cap functions.
func verifiedMethods() map[string]*method {
	return map[string]*method{
		"bond":              {writes: true, payable: true, gas: fixedGas(gasBond), run: (*call).bond},
		"requestUnbond":     {writes: true, gas: fixedGas(gasRequestUnbond), run: (*call).requestUnbond},
		"withdrawBond":      {writes: true, gas: fixedGas(gasWithdrawBond), run: (*call).withdrawBond},
		"bondInfo":          {gas: fixedGas(gasViewBond), run: (*call).bondInfo},
		"finalizeWork":      {writes: true, gas: finalizeGas, run: (*call).finalizeWork},
		"pendingWork":       {gas: fixedGas(gasViewParams + workRecordSlots*GasColdSload), run: (*call).pendingWork},
		"totalPending":      {gas: fixedGas(GasColdSload), run: (*call).totalPending},
		"epochRewards":      {gas: fixedGas(gasViewParams + GasColdSload), run: (*call).epochRewards},
		"setBondParameters": {writes: true, gas: fixedGas(gasSetterStorage + 3*logGas(2, 64)), run: (*call).setBondParameters},
		"setDeviceEpochCap": {writes: true, gas: fixedGas(gasSetterStorage), run: (*call).setDeviceEpochCap},
	}
}

// Gas of the verified-work functions, worst case: storage mirrors the EVM's
// costs, compute is measured by BenchmarkGasVerified
// (gas_verified_bench_test.go).
var (
	// gasBond: parameters, the bond header and amount read; header and
	// amount set; Bonded (3 topics, 2 words).
	gasBond = gasViewParams + GasBondSlots + 3*GasColdSload + 2*GasSstoreSet + logGas(3, 64)
	// gasRequestUnbond: parameters and three bond slots read, three
	// written (the unbonding amount set from zero); UnbondRequested.
	gasRequestUnbond = gasViewParams + GasBondSlots + 3*GasColdSload + GasSstoreSet + 2*GasSstoreReset + logGas(3, 64)
	// gasWithdrawBond: three bond slots read and rewritten, and a value
	// transfer to the bonder priced as a CALL with value to a cold, new
	// account; BondWithdrawn.
	gasWithdrawBond = GasBondSlots + 3*GasColdSload + 3*GasSstoreReset + GasColdAccount + GasCallValue + GasNewAccount + logGas(3, 32)
	// gasViewBond: four bond slots.
	gasViewBond = GasBondSlots + 4*GasColdSload
	// gasFinalizeItem: the record header, amount and miner id read, the
	// miner id's slash marker derived and read, header rewritten; the
	// beneficiary's balance read and created; WorkFinalized (3 topics,
	// 1 word). The audit draw is charged in the call (auditDrawGas).
	gasFinalizeItem = GasWorkSlots + 4*GasColdSload + GasDerivedSlot + GasColdSload + GasSstoreReset + GasSstoreSet + logGas(3, 32)
	// gasDeviceEpochCount: an attested proof's device counter derived,
	// read and created.
	gasDeviceEpochCount = GasDerivedSlot + GasColdSload + GasSstoreSet
	// gasFinalizeTotals: parameters (audit ones included), total minted
	// and total pending read and rewritten once per call, the forfeited
	// total read and created.
	gasFinalizeTotals = gasViewAllParams + 2*GasColdSload + 2*GasSstoreReset + GasColdSload + GasSstoreSet
)

// finalizeGas prices finalizeWork(bytes32[]): the totals once, each item.
func finalizeGas(args []any) uint64 {
	return gasFinalizeTotals + uint64(len(args[0].([][32]byte)))*gasFinalizeItem
}

// accepted is what submitOne did with an accepted proof.
type accepted struct {
	workID       proof.Hash
	minerID      proof.Hash
	computeUnits uint64
	amount       *uint256.Int
	epoch        uint64
}

// holdPending applies the caps to an accepted proof's reward and records it
// pending: the miner id's bond, its per-epoch reward cap, the epoch budget
// and, for attested work, the device's per-epoch count. It writes nothing
// unless every cap holds; the caller reverts everything on error anyway.
func (c *call) holdPending(p *Params, wp *proof.AIWorkProof, workID proof.Hash, epoch uint64, amount *uint256.Int, device *[32]byte) error {
	minerID := wp.MinerID()
	if err := c.holdReward(p, minerID, epoch, amount, device); err != nil {
		return err
	}
	c.st.setWork(workID, &workRecord{
		status: workPending, submittedAt: c.env.BlockNumber(), beneficiary: wp.Beneficiary,
		minerID: minerID, amount: amount, digest: wp.Digest(),
	})
	return nil
}

// holdReward applies the caps to one piece of accepted work's reward and
// counts it: the miner id's bond, its per-epoch reward cap, the epoch
// budget and, for attested work, the device's per-epoch count. It writes
// the counters (epoch reward, the miner id's epoch reward, total pending,
// the device count) only if every cap holds, and no pending record: the
// caller writes that (holdPending one per proof, a batch one per batch).
func (c *call) holdReward(p *Params, minerID proof.Hash, epoch uint64, amount *uint256.Int, device *[32]byte) error {
	bonded := c.st.getInt(BondSlot(minerID, 1))
	if bonded.Lt(p.MinBond) {
		return revert("NotBonded", [32]byte(minerID))
	}
	budget, err := p.EpochBudget()
	if err != nil {
		return revert("InvalidParameter", "epoch budget does not fit") // Validate keeps it below 2^192
	}
	spent := decodeEpochAmount(c.st.get(numSlot(slotEpochReward))).in(epoch)
	remaining := new(uint256.Int)
	if spent.Lt(budget) {
		remaining.Sub(budget, spent)
	}
	if amount.Gt(remaining) {
		return revert("EpochBudgetExhausted", epoch, remaining.ToBig())
	}
	// cap = bonded × bps / 10000; bonded is coin held here, far below 2^242.
	limit, overflow := new(uint256.Int).MulOverflow(bonded, uint256.NewInt(uint64(p.BondRewardCapBps)))
	if overflow {
		return revert("ArithmeticOverflow")
	}
	limit.Div(limit, uint256.NewInt(reward.BpsDenominator))
	minerSlot := BondSlot(minerID, 3)
	earned := new(uint256.Int).Add(decodeEpochAmount(c.st.get(minerSlot)).in(epoch), amount) // both below 2^192
	if earned.Gt(limit) {
		return revert("BondTooSmall", [32]byte(minerID), bonded.ToBig(), earned.ToBig(), limit.ToBig())
	}
	var deviceSlot common.Hash
	var count uint32
	if device != nil {
		deviceSlot = DeviceEpochSlot(*device)
		v := c.st.get(deviceSlot)
		if binary.BigEndian.Uint64(v[0:8]) == epoch {
			count = binary.BigEndian.Uint32(v[8:12])
		}
		if count >= p.DeviceEpochCap {
			return revert("DeviceEpochCapReached", *device, epoch, p.DeviceEpochCap)
		}
		count++
	}
	pending := c.st.getInt(numSlot(slotTotalPending))
	if _, overflow := pending.AddOverflow(pending, amount); overflow {
		return revert("ArithmeticOverflow")
	}
	total := new(uint256.Int).Add(spent, amount) // ≤ budget < 2^192
	epochV, ok1 := encodeEpochAmount(epoch, total)
	minerV, ok2 := encodeEpochAmount(epoch, earned)
	if !ok1 || !ok2 {
		return revert("ArithmeticOverflow")
	}

	c.st.set(numSlot(slotEpochReward), epochV)
	c.st.set(minerSlot, minerV)
	c.st.setInt(numSlot(slotTotalPending), pending)
	if device != nil {
		var v common.Hash
		binary.BigEndian.PutUint64(v[0:8], epoch)
		binary.BigEndian.PutUint32(v[8:12], count)
		c.st.set(deviceSlot, v)
	}
	return nil
}

// bond(bytes32 minerId) payable returns (uint256 bonded): the call's value,
// already moved to 0x0300 by the EVM, is added to minerId's active bond.
// The first bond of an empty record must reach minBond and makes the
// caller the bonder; only the bonder adds to it afterwards.
func (c *call) bond(args []any) ([]any, error) {
	m := args[0].([32]byte)
	if m == ([32]byte{}) {
		return nil, revert("MalformedInput", "bond: minerId is zero")
	}
	v := c.env.Value()
	if v == nil || v.IsZero() {
		return nil, revert("MalformedInput", "bond: no value sent")
	}
	p := c.st.params()
	r := c.st.bond(m)
	caller := c.env.Caller()
	switch {
	case r.bonder == (common.Address{}):
		if v.Lt(p.MinBond) {
			return nil, revert("BondBelowMinimum", v.ToBig(), p.MinBond.ToBig())
		}
		r.bonder = caller
	case r.bonder != caller:
		return nil, revert("NotBonder", m, r.bonder)
	}
	if _, overflow := r.bonded.AddOverflow(r.bonded, v); overflow {
		return nil, revert("ArithmeticOverflow")
	}
	c.st.setBond(m, &r)
	c.env.AddLog([]common.Hash{eventTopic("Bonded"), m, common.BytesToHash(r.bonder[:])},
		packEventData("Bonded", v.ToBig(), r.bonded.ToBig()))
	return []any{r.bonded.ToBig()}, nil
}

// requestUnbond(bytes32 minerId, uint256 amount) returns (uint64 readyAt):
// the bonder moves amount of the active bond to unbonding, withdrawable
// unbondingDelay blocks later. Unbonding again adds to the amount and
// restarts the delay.
func (c *call) requestUnbond(args []any) ([]any, error) {
	m := args[0].([32]byte)
	amount, overflow := uint256.FromBig(args[1].(*big.Int))
	if overflow || amount.IsZero() {
		return nil, revert("MalformedInput", "requestUnbond: amount must be 1..2^256-1")
	}
	p := c.st.params()
	r := c.st.bond(m)
	if r.bonder == (common.Address{}) || r.bonder != c.env.Caller() {
		return nil, revert("NotBonder", m, r.bonder)
	}
	if amount.Gt(r.bonded) {
		return nil, revert("InsufficientBond", m, r.bonded.ToBig(), amount.ToBig())
	}
	readyAt, carry := c.env.BlockNumber()+p.UnbondingDelay, c.env.BlockNumber() > ^uint64(0)-p.UnbondingDelay
	if carry {
		return nil, revert("ArithmeticOverflow")
	}
	r.bonded.Sub(r.bonded, amount)
	r.unbonding.Add(r.unbonding, amount) // both parts of the coin held here
	r.readyAt = readyAt
	c.st.setBond(m, &r)
	c.env.AddLog([]common.Hash{eventTopic("UnbondRequested"), m, common.BytesToHash(r.bonder[:])},
		packEventData("UnbondRequested", amount.ToBig(), readyAt))
	return []any{readyAt}, nil
}

// withdrawBond(bytes32 minerId) returns (uint256 amount): pays the
// unbonding amount to the bonder once its delay has passed. A record left
// with nothing bonded is cleared, so another bonder may start it again.
func (c *call) withdrawBond(args []any) ([]any, error) {
	m := args[0].([32]byte)
	r := c.st.bond(m)
	if r.bonder == (common.Address{}) || r.bonder != c.env.Caller() {
		return nil, revert("NotBonder", m, r.bonder)
	}
	if r.unbonding.IsZero() {
		return nil, revert("NothingToWithdraw", m)
	}
	if now := c.env.BlockNumber(); now < r.readyAt {
		return nil, revert("UnbondingNotReady", m, r.readyAt, now)
	}
	db := c.env.State()
	if db.GetBalance(Address).Lt(r.unbonding) {
		return nil, revert("ArithmeticOverflow") // bonds are coin held here; never short
	}
	amount := r.unbonding
	bonder := r.bonder
	r.unbonding = new(uint256.Int)
	r.readyAt = 0
	if r.bonded.IsZero() {
		r.bonder = common.Address{}
	}
	c.st.setBond(m, &r)
	db.SubBalance(Address, amount, tracing.BalanceChangeTransfer)
	db.AddBalance(bonder, amount, tracing.BalanceChangeTransfer)
	c.env.AddLog([]common.Hash{eventTopic("BondWithdrawn"), m, common.BytesToHash(bonder[:])},
		packEventData("BondWithdrawn", amount.ToBig()))
	return []any{amount.ToBig()}, nil
}

// bondInfo(bytes32 minerId) view returns (address bonder, uint256 bonded,
// uint256 unbonding, uint64 unbondReadyAt, uint64 epoch, uint256 epochReward)
func (c *call) bondInfo(args []any) ([]any, error) {
	m := args[0].([32]byte)
	r := c.st.bond(m)
	e := decodeEpochAmount(c.st.get(BondSlot(m, 3)))
	return []any{r.bonder, r.bonded.ToBig(), r.unbonding.ToBig(), r.readyAt, e.epoch, e.amount.ToBig()}, nil
}

// finalizeWork(bytes32[] workIds) returns (uint256 credited): credits every
// listed piece of pending work whose challenge window has passed to its
// beneficiary. Work not yet drawn for audit is drawn first (audit.go):
// selected work is refused (WorkUnderAudit) until an audit clears it, and
// work whose seed window has closed undrawn is refused (AuditSeedExpired)
// until markSelected opens its audit. Pending work of a slashed miner id is
// forfeited instead of credited. Anyone may call; the batch is atomic.
func (c *call) finalizeWork(args []any) ([]any, error) {
	ids := args[0].([][32]byte)
	p := c.st.allParams()
	if len(ids) == 0 {
		return nil, revert("MalformedInput", "finalizeWork: no work ids")
	}
	if len(ids) > int(p.MaxBatchSize) {
		return nil, revert("BatchTooLarge", bigOf(uint64(len(ids))), bigOf(uint64(p.MaxBatchSize)))
	}
	if err := c.useGas(uint64(len(ids)) * auditDrawGas(p.AuditDelay)); err != nil {
		return nil, err
	}
	now := c.env.BlockNumber()
	pending := c.st.getInt(numSlot(slotTotalPending))
	minted := c.st.totalMinted()
	total := new(uint256.Int)
	lost := new(uint256.Int)
	for _, id := range ids {
		r := c.st.work(id)
		switch r.status {
		case workPending, workUnsampled, workCleared:
		case workAwaitingReveal, workVoting:
			return nil, revert("WorkUnderAudit", id)
		default:
			return nil, revert("WorkNotPending", id)
		}
		if pending.Lt(r.amount) {
			return nil, revert("ArithmeticOverflow") // every pending amount is in the total
		}
		r.minerID = c.st.get(WorkSlot(id, 1))
		if c.st.forfeited(r.minerID, r.submittedAt) {
			pending.Sub(pending, r.amount)
			if _, overflow := lost.AddOverflow(lost, r.amount); overflow {
				return nil, revert("ArithmeticOverflow")
			}
			r.status = workSlashed
			c.st.set(WorkSlot(id, 0), workHeader(&r))
			c.env.AddLog([]common.Hash{eventTopic("WorkForfeited"), id, r.minerID}, packEventData("WorkForfeited", r.amount.ToBig()))
			continue
		}
		ready := r.submittedAt + p.ChallengeWindow // both far below 2^63
		if now < ready {
			return nil, revert("ChallengeWindowOpen", id, ready, now)
		}
		if r.status == workPending {
			// ready > submittedAt + auditDelay: the seed is known.
			d, err := c.auditDraw(&p, id, r.submittedAt)
			if err != nil {
				return nil, err
			}
			switch d {
			case drawSelected:
				return nil, revert("WorkUnderAudit", id)
			case drawExpired:
				return nil, revert("AuditSeedExpired", id, r.submittedAt+BlockHashWindow+1)
			}
		}
		pending.Sub(pending, r.amount)
		balance := c.st.balance(r.beneficiary)
		if _, overflow := balance.AddOverflow(balance, r.amount); overflow {
			return nil, revert("ArithmeticOverflow")
		}
		if _, overflow := minted.AddOverflow(minted, r.amount); overflow {
			return nil, revert("ArithmeticOverflow")
		}
		if _, overflow := total.AddOverflow(total, r.amount); overflow {
			return nil, revert("ArithmeticOverflow")
		}
		r.status = workFinal
		c.st.set(WorkSlot(id, 0), workHeader(&r))
		c.st.setBalance(r.beneficiary, balance)
		c.env.AddLog([]common.Hash{eventTopic("WorkFinalized"), id, common.BytesToHash(r.beneficiary[:])},
			packEventData("WorkFinalized", r.amount.ToBig()))
	}
	c.st.setInt(numSlot(slotTotalPending), pending)
	c.st.setTotalMinted(minted)
	if !lost.IsZero() {
		forfeited := c.st.getInt(numSlot(slotForfeited))
		if _, overflow := forfeited.AddOverflow(forfeited, lost); overflow {
			return nil, revert("ArithmeticOverflow")
		}
		c.st.setInt(numSlot(slotForfeited), forfeited)
	}
	return []any{total.ToBig()}, nil
}

// pendingWork(bytes32 workId) view returns (uint8 status, address
// beneficiary, bytes32 minerId, uint256 amount, uint64 submittedAt,
// uint64 finalizableAt, bytes32 proofDigest); status 0 unknown, 1 pending
// (not yet drawn for audit), 2 finalized, 3 not selected for audit,
// 4 audited and awaiting the reveal, 5 revealed and under a committee
// vote, 6 cleared by its audit, 7 forfeited by a slash.
func (c *call) pendingWork(args []any) ([]any, error) {
	id := args[0].([32]byte)
	r := c.st.work(id)
	var ready uint64
	if r.status != 0 {
		ready = r.submittedAt + c.st.params().ChallengeWindow
	}
	return []any{r.status, r.beneficiary, [32]byte(c.st.get(WorkSlot(id, 1))), r.amount.ToBig(),
		r.submittedAt, ready, [32]byte(c.st.get(WorkSlot(id, 3)))}, nil
}

// totalPending() view returns (uint256): reward accepted but not yet
// finalized.
func (c *call) totalPending([]any) ([]any, error) {
	return []any{c.st.getInt(numSlot(slotTotalPending)).ToBig()}, nil
}

// epochRewards() view returns (uint64 epoch, uint256 budget, uint256
// rewarded): the epoch the stored counter belongs to, the budget per epoch
// and what accepted work earned in that epoch.
func (c *call) epochRewards([]any) ([]any, error) {
	p := c.st.params()
	budget, err := p.EpochBudget()
	if err != nil {
		return nil, revert("InvalidParameter", "epoch budget does not fit")
	}
	e := decodeEpochAmount(c.st.get(numSlot(slotEpochReward)))
	return []any{e.epoch, budget.ToBig(), e.amount.ToBig()}, nil
}

// setBondParameters(uint256 minBond, uint16 bondRewardCapBps,
// uint64 challengeWindow, uint64 unbondingDelay): governance only;
// unbondingDelay must exceed challengeWindow.
func (c *call) setBondParameters(args []any) ([]any, error) {
	minBond, overflow := uint256.FromBig(args[0].(*big.Int))
	if overflow {
		return nil, revert("InvalidParameter", "minBond does not fit 256 bits")
	}
	capBps, window, delay := args[1].(uint16), args[2].(uint64), args[3].(uint64)
	return c.govern(func(p *Params) []change {
		ch := []change{
			{"minBond", p.MinBond.ToBig(), minBond.ToBig()},
			u64change("bondRewardCapBps", uint64(p.BondRewardCapBps), uint64(capBps)),
			u64change("challengeWindow", p.ChallengeWindow, window),
			u64change("unbondingDelay", p.UnbondingDelay, delay),
		}
		p.MinBond, p.BondRewardCapBps, p.ChallengeWindow, p.UnbondingDelay = minBond, capBps, window, delay
		return ch
	})
}

// setDeviceEpochCap(uint32 cap): governance only.
func (c *call) setDeviceEpochCap(args []any) ([]any, error) {
	v := args[0].(uint32)
	return c.govern(func(p *Params) []change {
		ch := []change{u64change("deviceEpochCap", uint64(p.DeviceEpochCap), uint64(v))}
		p.DeviceEpochCap = v
		return ch
	})
}
