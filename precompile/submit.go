package precompile

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
	"github.com/pars-network/aimining/spentset"
)

// proofGas is the compute cost of checking one encoded proof: decoding,
// hashing and the signature under the scheme its length implies. A length
// that fits no scheme is charged as ML-DSA-87, the worst case.
func proofGas(encoded []byte) uint64 {
	s := proof.MLDSA87
	for _, c := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65} {
		if len(encoded) == proof.ProofSize(c) {
			s = c
		}
	}
	return GasProofChecks + verifyGas(s, len(encoded)) + GasPerInputWord*words(len(encoded))
}

// submitGas prices submitWorkProof(bytes proof, bytes attestation).
func submitGas(args []any) uint64 {
	return proofGas(args[0].([]byte)) + attestedGas(args[1].([]byte)) + GasEpochAdvance + gasSubmitStorage + gasViewParams + GasColdSload
}

// attestedGas is the extra cost of a proof's attestation (none when empty).
func attestedGas(attestation []byte) uint64 {
	if len(attestation) == 0 {
		return 0
	}
	return attestationReportGas(len(attestation)) + gasAttestedStorage + gasDeviceEpochCount
}

// submitBatchGas prices submitWorkProofs(bytes[] proofs, bytes[] attestations):
// every item as a single submission, parameters read once.
func submitBatchGas(args []any) uint64 {
	var total uint64 = gasViewParams + GasColdSload // parameters and the ticket requirement, read once
	atts := args[1].([][]byte)
	for i, p := range args[0].([][]byte) {
		total += proofGas(p) + GasEpochAdvance + gasSubmitStorage
		if i < len(atts) {
			total += attestedGas(atts[i])
		}
	}
	return total
}

// submitWorkProof(bytes proof, bytes attestation) returns (uint256 reward)
func (c *call) submitWorkProof(args []any) ([]any, error) {
	if err := c.requireNoTicket(); err != nil {
		return nil, err
	}
	p := c.st.params()
	acc, err := c.submitOne(&p, args[0].([]byte), args[1].([]byte))
	if err != nil {
		return nil, err
	}
	return []any{acc.amount.ToBig()}, nil
}

// submitWorkProofs(bytes[] proofs, bytes[] attestations) returns (uint256 totalReward)
func (c *call) submitWorkProofs(args []any) ([]any, error) {
	proofs, atts := args[0].([][]byte), args[1].([][]byte)
	if err := c.requireNoTicket(); err != nil {
		return nil, err
	}
	if len(proofs) != len(atts) {
		return nil, revert("MalformedInput", fmt.Sprintf("submitWorkProofs: %d proofs but %d attestations", len(proofs), len(atts)))
	}
	if len(proofs) == 0 {
		return nil, revert("MalformedInput", "submitWorkProofs: empty batch")
	}
	p := c.st.params()
	if len(proofs) > int(p.MaxBatchSize) {
		return nil, revert("BatchTooLarge", bigOf(uint64(len(proofs))), bigOf(uint64(p.MaxBatchSize)))
	}
	total := new(uint256.Int)
	for i := range proofs {
		acc, err := c.submitOne(&p, proofs[i], atts[i])
		if err != nil {
			var inner *Revert
			if errors.As(err, &inner) {
				return nil, revert("BatchItemFailed", bigOf(uint64(i)), inner.Data)
			}
			return nil, err
		}
		if _, overflow := total.AddOverflow(total, acc.amount); overflow {
			return nil, revert("ArithmeticOverflow")
		}
	}
	return []any{total.ToBig()}, nil
}

// decodeWorkProof decodes a proof for the chain. A version 1 proof (whose
// compute units its miner chose) is refused with the fixed reason of
// proof.ErrWorkProofVersion1.
func decodeWorkProof(encoded []byte) (*proof.AIWorkProof, error) {
	wp, err := proof.DecodeAIWorkProof(encoded)
	if errors.Is(err, proof.ErrWorkProofVersion1) {
		return nil, revert("MalformedInput", proof.ErrWorkProofVersion1.Error())
	}
	if err != nil {
		return nil, revert("MalformedInput", decodeReason(err, "proof does not decode"))
	}
	return wp, nil
}

// submitOne checks one proof, marks it spent and holds its reward pending.
// The caller reverts all state on error.
//
// Compute units come from the chain's model registry and the signed token
// counts, never from the miner; the reward is then held pending under the
// miner id's bond, its per-epoch cap, the epoch budget and (attested work)
// the device's per-epoch cap (holdPending).
func (c *call) submitOne(p *Params, encoded, attestation []byte) (*accepted, error) {
	wp, err := decodeWorkProof(encoded)
	if err != nil {
		return nil, err
	}
	now := c.env.BlockTime()
	if chain := c.env.ChainID(); uint64(wp.Context.ChainID) != chain {
		return nil, revert("WrongChain", bigOf(chain), bigOf(uint64(wp.Context.ChainID)))
	}
	window := proof.TimeWindow{Past: p.TimeWindowPast, Future: p.TimeWindowFuture}
	if err := window.Check(wp.Context.Timestamp, now); err != nil {
		var te *proof.TimestampError
		if errors.As(err, &te) && te.Future {
			return nil, revert("FutureTimestamp", wp.Context.Timestamp, now)
		}
		return nil, revert("StaleTimestamp", wp.Context.Timestamp, now)
	}
	if wp.Beneficiary == (common.Address{}) {
		return nil, revert("ZeroBeneficiary")
	}
	cu, err := c.jobComputeUnits(p, wp)
	if err != nil {
		return nil, err
	}
	if supplied := proof.HashAttestation(attestation); supplied != wp.AttestationHash {
		return nil, revert("AttestationMismatch", [32]byte(wp.AttestationHash), [32]byte(supplied))
	}
	pk, err := c.keys.Parse(wp.MinerKey)
	if err != nil {
		return nil, revert("BadSignature")
	}
	if err := wp.VerifySignature(pk); err != nil {
		return nil, revert("BadSignature")
	}
	// Without attestation the work earns the software-only trust; with it,
	// the trust of the registered device's tier (attest.go), and it counts
	// against the device's per-epoch cap.
	trust := p.TrustSoftwareBps
	var device *[32]byte
	if len(attestation) != 0 {
		if trust, err = c.attestedTrust(p, wp, attestation); err != nil {
			return nil, err
		}
		device = (*[32]byte)(attestation[1:33]) // attestedTrust checked the layout
	}
	workID := wp.WorkID()
	if err := spentset.New(c.env.State(), Address).MarkSpent(workID, c.env.BlockNumber()); err != nil {
		if errors.Is(err, spentset.ErrAlreadySpent) {
			return nil, revert("AlreadySpent", [32]byte(workID))
		}
		return nil, revert("MalformedInput", "spent set refused the work id")
	}
	epoch, err := c.advanceEpoch(p, now)
	if err != nil {
		return nil, err
	}
	amount, err := reward.Reward(p.BaseReward, cu, epoch.Adjustment, trust)
	if err != nil {
		return nil, revert("ArithmeticOverflow")
	}
	if _, overflow := epoch.ComputeUnits.AddOverflow(epoch.ComputeUnits, uint256.NewInt(cu)); overflow {
		return nil, revert("ArithmeticOverflow")
	}
	if err := c.holdPending(p, wp, workID, epoch.Index, amount, device); err != nil {
		return nil, err
	}
	c.st.setEpoch(&epoch)
	minerID := wp.MinerID()
	c.env.AddLog(
		[]common.Hash{eventTopic("WorkAccepted"), common.Hash(workID), common.BytesToHash(wp.Beneficiary[:]), common.Hash(minerID)},
		packEventData("WorkAccepted", cu, amount.ToBig(), epoch.Index),
	)
	return &accepted{workID: workID, minerID: minerID, computeUnits: cu, amount: amount, epoch: epoch.Index}, nil
}

// advanceEpoch returns the epoch state at block time now, rolling it
// forward (and emitting EpochAdvanced) when an epoch has ended. The first
// accepted proof starts epoch 0. Epoch boundaries are counted from the
// current epoch's start, so a governance change of the epoch length takes
// effect from the current epoch on.
func (c *call) advanceEpoch(p *Params, now uint64) (reward.EpochState, error) {
	cur := c.st.epoch()
	if cur.Start == 0 && cur.Index == 0 {
		cur.Start = now
		if cur.Adjustment.IsZero() {
			cur.Adjustment = reward.One()
		}
		return cur, nil
	}
	rel := cur
	rel.Index = 0
	next, roll, err := reward.Advance(rel, p.epochParams(), now)
	if err != nil {
		return reward.EpochState{}, epochRevert(err)
	}
	if !roll.Occurred() {
		return cur, nil
	}
	index, carry := next.Index+cur.Index, next.Index > ^uint64(0)-cur.Index
	if carry {
		return reward.EpochState{}, revert("ArithmeticOverflow")
	}
	next.Index = index
	c.env.AddLog(
		[]common.Hash{eventTopic("EpochAdvanced"), common.BigToHash(bigOf(cur.Index))},
		packEventData("EpochAdvanced", roll.ComputeUnits.ToBig(), roll.OldAdjustment.ToBig(), roll.NewAdjustment.ToBig()),
	)
	return next, nil
}

// epochRevert turns an error of reward.Advance into a revert with a fixed
// reason for each of reward's sentinel errors, never the error's text.
//
// A block time before the current epoch's start cannot occur in a block:
// block times never decrease and the epoch start is a past block's time.
// It does occur in an eth_call or eth_estimateGas whose block override is
// older than the state it runs on, and that caller must be able to tell it
// from bad parameters.
func epochRevert(err error) error {
	switch {
	case errors.Is(err, reward.ErrOverflow):
		return revert("ArithmeticOverflow")
	case errors.Is(err, reward.ErrTimeWentBackwards):
		return revert("InvalidParameter", "block time is before the current epoch's start")
	default: // reward.ErrInvalidParams, ErrInvalidState, ErrNilValue
		return revert("InvalidParameter", "epoch state or epoch parameters out of range")
	}
}
