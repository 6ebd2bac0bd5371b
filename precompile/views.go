package precompile

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/spentset"
)

// miningBalance(address) view returns (uint256)
func (c *call) miningBalance(args []any) ([]any, error) {
	return []any{c.st.balance(args[0].(common.Address)).ToBig()}, nil
}

// verifyMLDSAGas prices verifyMLDSA from the public-key length and message
// size; an unknown key length is charged as ML-DSA-87, the worst case.
func verifyMLDSAGas(args []any) uint64 {
	return verifyGas(keyScheme(len(args[0].([]byte))), len(args[1].([]byte)))
}

// verifyMLDSA(bytes publicKey, bytes message, bytes signature) view returns (bool)
func (c *call) verifyMLDSA(args []any) ([]any, error) {
	pk, err := c.keys.Parse(args[0].([]byte))
	if err != nil {
		return nil, revert("MalformedInput", "verifyMLDSA: "+keyReason(err))
	}
	return []any{pk.Verify(args[1].([]byte), nil, args[2].([]byte))}, nil
}

// isSpent(bytes32) view returns (bool)
func (c *call) isSpent(args []any) ([]any, error) {
	w := proof.Hash(args[0].([32]byte))
	return []any{spentset.New(c.env.State(), Address).IsSpent(w)}, nil
}

// workIdOf(bytes proof) view returns (bytes32)
func (c *call) workIdOf(args []any) ([]any, error) {
	p, err := decodeWorkProof(args[0].([]byte))
	if err != nil {
		return nil, err
	}
	return []any{[32]byte(p.WorkID())}, nil
}

// parameters() view returns (Parameters)
func (c *call) parameters([]any) ([]any, error) {
	p := c.st.params()
	return []any{
		p.Governance, p.BaseReward.ToBig(), p.EpochLength, p.TargetComputePerEpoch.ToBig(),
		p.MaxAdjustmentStepBps, p.MaxComputeUnitsPerProof, p.TimeWindowPast, p.TimeWindowFuture,
		p.TrustAttestedBps, p.TrustSoftwareBps, p.MaxBatchSize,
		p.MinBond.ToBig(), p.BondRewardCapBps, p.ChallengeWindow, p.UnbondingDelay, p.DeviceEpochCap,
	}, nil
}

// epochState() view returns (EpochState)
func (c *call) epochState([]any) ([]any, error) {
	e := c.st.epoch()
	return []any{e.Index, e.Start, e.ComputeUnits.ToBig(), e.Adjustment.ToBig()}, nil
}

// totalMinted() view returns (uint256)
func (c *call) totalMinted([]any) ([]any, error) {
	return []any{c.st.totalMinted().ToBig()}, nil
}

// bigOf returns v as a *big.Int for ABI packing.
func bigOf(v uint64) *big.Int { return new(big.Int).SetUint64(v) }
