package precompile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/reward"
)

// Params are the governance-set parameters of the precompile. They live in
// the precompile's storage (see the state layout in state.go), are seeded at
// genesis or activation, and change only through the governance setters.
type Params struct {
	// Governance is the only address allowed to change parameters.
	Governance common.Address `json:"governance"`
	// BaseReward is wei of the AI token per compute unit at adjustment 1.0
	// and trust 1.0.
	BaseReward *uint256.Int `json:"baseReward"`
	// EpochLength is the epoch length in seconds of block time.
	EpochLength uint64 `json:"epochLength"`
	// TargetComputePerEpoch is the compute units per epoch that the
	// difficulty adjustment steers toward.
	TargetComputePerEpoch *uint256.Int `json:"targetComputePerEpoch"`
	// MaxAdjustmentStepBps bounds the relative change of the adjustment per
	// epoch, in basis points (1..5000).
	MaxAdjustmentStepBps uint16 `json:"maxAdjustmentStepBps"`
	// MaxComputeUnitsPerProof caps one proof's compute units.
	MaxComputeUnitsPerProof uint64 `json:"maxComputeUnitsPerProof"`
	// TimeWindowPast is how many seconds before the block time a proof's
	// WorkContext timestamp may lie.
	TimeWindowPast uint64 `json:"timeWindowPast"`
	// TimeWindowFuture is how many seconds after the block time it may lie.
	TimeWindowFuture uint64 `json:"timeWindowFuture"`
	// TrustAttestedBps is the trust multiplier of attested GPUs.
	TrustAttestedBps uint16 `json:"trustAttestedBps"`
	// TrustSoftwareBps is the trust multiplier of software-only proofs.
	TrustSoftwareBps uint16 `json:"trustSoftwareBps"`
	// MaxBatchSize is the most proofs one submitWorkProofs call takes.
	MaxBatchSize uint32 `json:"maxBatchSize"`
}

// Limits on parameters that keep the worst case of every function bounded
// (and so priced correctly).
const (
	// MaxBatchSizeLimit is the largest MaxBatchSize governance may set.
	MaxBatchSizeLimit = 256
	// MaxTimeWindow is the widest time window governance may set (7 days).
	MaxTimeWindow = 7 * 24 * 3600
)

// DefaultParams returns sensible starting parameters with the given
// governance address: 1e12 wei per compute unit, one-hour epochs aiming at
// 1e9 compute units each with a 12.5% step (EIP-1559's), at most 1e9 compute
// units per proof, proofs at most 10 minutes old or 2 minutes ahead, trust
// 1.0 for attested GPUs and 0.6 for software-only work, batches of 32.
func DefaultParams(governance common.Address) Params {
	return Params{
		Governance:              governance,
		BaseReward:              uint256.NewInt(1_000_000_000_000),
		EpochLength:             3600,
		TargetComputePerEpoch:   uint256.NewInt(1_000_000_000),
		MaxAdjustmentStepBps:    1250,
		MaxComputeUnitsPerProof: 1_000_000_000,
		TimeWindowPast:          600,
		TimeWindowFuture:        120,
		TrustAttestedBps:        reward.TrustAttestedBps,
		TrustSoftwareBps:        reward.TrustSoftwareBps,
		MaxBatchSize:            32,
	}
}

// ErrInvalidParams reports parameters that may not be stored.
var ErrInvalidParams = errors.New("invalid parameters")

// Validate checks every parameter against its allowed range.
func (p *Params) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidParams, fmt.Sprintf(format, args...))
	}
	switch {
	case p.Governance == (common.Address{}):
		return bad("governance is the zero address")
	case p.BaseReward == nil:
		return bad("baseReward is missing")
	case p.TargetComputePerEpoch == nil || p.TargetComputePerEpoch.IsZero():
		return bad("targetComputePerEpoch must be positive")
	case p.MaxComputeUnitsPerProof == 0:
		return bad("maxComputeUnitsPerProof must be positive")
	case p.TimeWindowPast > MaxTimeWindow || p.TimeWindowFuture > MaxTimeWindow:
		return bad("time window above %d seconds", MaxTimeWindow)
	case p.TrustAttestedBps > reward.BpsDenominator || p.TrustSoftwareBps > reward.BpsDenominator:
		return bad("trust scores above %d basis points", reward.BpsDenominator)
	case p.TrustSoftwareBps > p.TrustAttestedBps:
		return bad("software-only trust %d above attested trust %d", p.TrustSoftwareBps, p.TrustAttestedBps)
	case p.MaxBatchSize == 0 || p.MaxBatchSize > MaxBatchSizeLimit:
		return bad("maxBatchSize must be 1..%d", MaxBatchSizeLimit)
	}
	if err := p.epochParams().Validate(); err != nil {
		return bad("epoch parameters out of range: epochLength and targetComputePerEpoch must be positive, maxAdjustmentStepBps 1..%d", reward.MaxStepBpsLimit)
	}
	// The largest single reward must fit: base * cap * max adjustment.
	if _, err := reward.Reward(p.BaseReward, p.MaxComputeUnitsPerProof, reward.MaxAdjustment(), reward.BpsDenominator); err != nil {
		return bad("baseReward %s times maxComputeUnitsPerProof %d can overflow", p.BaseReward.Dec(), p.MaxComputeUnitsPerProof)
	}
	return nil
}

// epochParams returns the reward package's view of the epoch parameters.
func (p *Params) epochParams() reward.EpochParams {
	return reward.EpochParams{Length: p.EpochLength, TargetComputeUnits: p.TargetComputePerEpoch, MaxStepBps: p.MaxAdjustmentStepBps}
}

// LoadParamsFile reads parameters from a JSON file (the field names of
// Params; big numbers as decimal or 0x-hex strings) and validates them.
func LoadParamsFile(path string) (Params, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Params{}, fmt.Errorf("read parameters: %w", err)
	}
	var p Params
	if err := json.Unmarshal(b, &p); err != nil {
		return Params{}, fmt.Errorf("parse parameters %s: %w", path, err)
	}
	if err := p.Validate(); err != nil {
		return Params{}, fmt.Errorf("parameters %s: %w", path, err)
	}
	return p, nil
}
