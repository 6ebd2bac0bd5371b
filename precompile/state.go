package precompile

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/reward"
)

// Storage layout of the precompile account (all slots under Address).
//
//	slot 0  governance(20) ‖ maxAdjustmentStepBps(2) ‖ trustAttestedBps(2) ‖
//	        trustSoftwareBps(2) ‖ maxBatchSize(4), left-aligned in 30 bytes
//	slot 1  baseReward (uint256)
//	slot 2  epochLength(8) ‖ maxComputeUnitsPerProof(8) ‖ timeWindowPast(8) ‖
//	        timeWindowFuture(8)
//	slot 3  targetComputePerEpoch (uint256)
//	slot 4  epoch index(8) ‖ epoch start(8), right-aligned
//	slot 5  compute units accepted in the current epoch (uint256)
//	slot 6  difficulty adjustment, 1e18 fixed point (uint256)
//	slot 7  total reward minted (uint256)
//	slots 40..47  verified work (verified.go): 40 minBond, 41 challengeWindow ‖
//	        unbondingDelay ‖ bondRewardCapBps ‖ deviceEpochCap, 42 epoch reward,
//	        43 total pending
//	slots 48..55  audits (audit.go): 48..51 audit and committee parameters,
//	        52 verifier count, 53 coin burned by slashing, 54 reward forfeited
//	balance of a  at  BLAKE3-keyed(DomainStorage, "balance" ‖ a)
//	spent work w  at  proof.SpentKey(w), holding 1 + the number of the block that spent it
//	              (so work spent in block 0 still reads non-zero)
//
// Packed slots keep a proof's state reads to seven slots.
const (
	slotParamsA     = 0
	slotBaseReward  = 1
	slotParamsB     = 2
	slotTarget      = 3
	slotEpoch       = 4
	slotEpochWork   = 5
	slotAdjustment  = 6
	slotTotalMinted = 7
)

// numSlot returns the storage key of a fixed slot.
func numSlot(n byte) common.Hash { return common.Hash{31: n} }

// BalanceSlot returns the storage slot holding the mining balance of a.
func BalanceSlot(a common.Address) common.Hash {
	return derivedSlot("balance", a[:])
}

// store reads and writes the precompile's state through the host StateDB.
type store struct{ db StateDB }

func (s store) get(key common.Hash) common.Hash { return s.db.GetState(Address, key) }
func (s store) set(key, v common.Hash)          { s.db.SetState(Address, key, v) }

func (s store) getInt(key common.Hash) *uint256.Int {
	v := s.get(key)
	return new(uint256.Int).SetBytes32(v[:])
}

func (s store) setInt(key common.Hash, v *uint256.Int) { s.set(key, v.Bytes32()) }

// params reads the stored parameters (all but Models, which live in the
// registry).
func (s store) params() Params {
	a, b := s.get(numSlot(slotParamsA)), s.get(numSlot(slotParamsB))
	v := s.get(numSlot(slotVerifyParams))
	var p Params
	copy(p.Governance[:], a[0:20])
	p.MaxAdjustmentStepBps = binary.BigEndian.Uint16(a[20:22])
	p.TrustAttestedBps = binary.BigEndian.Uint16(a[22:24])
	p.TrustSoftwareBps = binary.BigEndian.Uint16(a[24:26])
	p.MaxBatchSize = binary.BigEndian.Uint32(a[26:30])
	p.EpochLength = binary.BigEndian.Uint64(b[0:8])
	p.MaxComputeUnitsPerProof = binary.BigEndian.Uint64(b[8:16])
	p.TimeWindowPast = binary.BigEndian.Uint64(b[16:24])
	p.TimeWindowFuture = binary.BigEndian.Uint64(b[24:32])
	p.BaseReward = s.getInt(numSlot(slotBaseReward))
	p.TargetComputePerEpoch = s.getInt(numSlot(slotTarget))
	p.MinBond = s.getInt(numSlot(slotMinBond))
	p.ChallengeWindow = binary.BigEndian.Uint64(v[0:8])
	p.UnbondingDelay = binary.BigEndian.Uint64(v[8:16])
	p.BondRewardCapBps = binary.BigEndian.Uint16(v[16:18])
	p.DeviceEpochCap = binary.BigEndian.Uint32(v[18:22])
	return p
}

// allParams reads every stored parameter: params and the audit parameters
// (auditParams), for governance, which validates them as a whole.
func (s store) allParams() Params {
	p := s.params()
	s.auditParams(&p)
	return p
}

// paramSlots encodes parameters into their storage slots.
func paramSlots(p *Params) map[common.Hash]common.Hash {
	var a, b common.Hash
	copy(a[0:20], p.Governance[:])
	binary.BigEndian.PutUint16(a[20:22], p.MaxAdjustmentStepBps)
	binary.BigEndian.PutUint16(a[22:24], p.TrustAttestedBps)
	binary.BigEndian.PutUint16(a[24:26], p.TrustSoftwareBps)
	binary.BigEndian.PutUint32(a[26:30], p.MaxBatchSize)
	binary.BigEndian.PutUint64(b[0:8], p.EpochLength)
	binary.BigEndian.PutUint64(b[8:16], p.MaxComputeUnitsPerProof)
	binary.BigEndian.PutUint64(b[16:24], p.TimeWindowPast)
	binary.BigEndian.PutUint64(b[24:32], p.TimeWindowFuture)
	var v common.Hash
	binary.BigEndian.PutUint64(v[0:8], p.ChallengeWindow)
	binary.BigEndian.PutUint64(v[8:16], p.UnbondingDelay)
	binary.BigEndian.PutUint16(v[16:18], p.BondRewardCapBps)
	binary.BigEndian.PutUint32(v[18:22], p.DeviceEpochCap)
	slots := map[common.Hash]common.Hash{
		numSlot(slotParamsA):      a,
		numSlot(slotParamsB):      b,
		numSlot(slotBaseReward):   p.BaseReward.Bytes32(),
		numSlot(slotTarget):       p.TargetComputePerEpoch.Bytes32(),
		numSlot(slotMinBond):      p.MinBond.Bytes32(),
		numSlot(slotVerifyParams): v,
	}
	auditParamSlots(p, slots)
	return slots
}

// paramSlotOrder is the order setParams writes the parameter slots in.
var paramSlotOrder = [...]byte{slotParamsA, slotBaseReward, slotParamsB, slotTarget, slotMinBond, slotVerifyParams,
	slotAuditWindows, slotAuditRates, slotChallengeBond, slotMinVerifierStake}

// setParams writes parameters, in a fixed slot order.
func (s store) setParams(p *Params) {
	slots := paramSlots(p)
	for _, n := range paramSlotOrder {
		k := numSlot(n)
		if s.get(k) != slots[k] {
			s.set(k, slots[k])
		}
	}
}

// epoch reads the epoch state.
func (s store) epoch() reward.EpochState {
	e := s.get(numSlot(slotEpoch))
	return reward.EpochState{
		Index:        binary.BigEndian.Uint64(e[16:24]),
		Start:        binary.BigEndian.Uint64(e[24:32]),
		ComputeUnits: s.getInt(numSlot(slotEpochWork)),
		Adjustment:   s.getInt(numSlot(slotAdjustment)),
	}
}

// epochSlots encodes an epoch state into its slots.
func epochSlots(st *reward.EpochState) (e, work, adj common.Hash) {
	binary.BigEndian.PutUint64(e[16:24], st.Index)
	binary.BigEndian.PutUint64(e[24:32], st.Start)
	return e, st.ComputeUnits.Bytes32(), st.Adjustment.Bytes32()
}

// setEpoch writes the epoch state, skipping unchanged slots.
func (s store) setEpoch(st *reward.EpochState) {
	e, work, adj := epochSlots(st)
	for _, kv := range [...]struct {
		n byte
		v common.Hash
	}{{slotEpoch, e}, {slotEpochWork, work}, {slotAdjustment, adj}} {
		if s.get(numSlot(kv.n)) != kv.v {
			s.set(numSlot(kv.n), kv.v)
		}
	}
}

func (s store) balance(a common.Address) *uint256.Int { return s.getInt(BalanceSlot(a)) }
func (s store) setBalance(a common.Address, v *uint256.Int) {
	s.setInt(BalanceSlot(a), v)
}
func (s store) totalMinted() *uint256.Int     { return s.getInt(numSlot(slotTotalMinted)) }
func (s store) setTotalMinted(v *uint256.Int) { s.setInt(numSlot(slotTotalMinted), v) }
