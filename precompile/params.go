package precompile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
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
	// MaxBatchSize is the most proofs one submitWorkProofs call takes (and
	// the most work ids one finalizeWork call takes).
	MaxBatchSize uint32 `json:"maxBatchSize"`

	// MinBond is the smallest active bond, in wei of the chain's native
	// coin, a miner id needs for its work to earn (NotBonded otherwise).
	MinBond *uint256.Int `json:"minBond"`
	// BondRewardCapBps caps the reward one miner id earns per epoch
	// (pending and credited) at this fraction of its active bond, in basis
	// points (1..10000; BondTooSmall beyond it).
	BondRewardCapBps uint16 `json:"bondRewardCapBps"`
	// ChallengeWindow is how many blocks accepted work stays pending
	// before finalizeWork may credit it (1..MaxChallengeWindow).
	ChallengeWindow uint64 `json:"challengeWindow"`
	// UnbondingDelay is how many blocks after requestUnbond the amount may
	// be withdrawn. It must exceed ChallengeWindow, so a bond outlives every
	// window in which the work it backs can still be challenged.
	UnbondingDelay uint64 `json:"unbondingDelay"`
	// DeviceEpochCap is the most attested proofs one device may have
	// accepted per epoch (DeviceEpochCapReached beyond it).
	DeviceEpochCap uint32 `json:"deviceEpochCap"`

	// Models are registered by GenesisAccount. Afterwards the registry lives
	// in state and changes only through registerModel and removeModel:
	// parameters read from state leave Models empty.
	Models []ModelSpec `json:"models,omitempty"`
	// Bonds are bonded by GenesisAccount, for a chain that starts with
	// bonded miners (a devnet, a test chain): each at least MinBond, the
	// precompile account holding their sum. Parameters read from state
	// leave Bonds empty.
	Bonds []GenesisBond `json:"bonds,omitempty"`
}

// GenesisBond is a bond made at genesis.
type GenesisBond struct {
	MinerID proof.Hash     `json:"minerId"`
	Bonder  common.Address `json:"bonder"`
	Amount  *uint256.Int   `json:"amount"`
}

// genesisBondJSON is GenesisBond's JSON form: the miner id as 0x-hex.
type genesisBondJSON struct {
	MinerID common.Hash    `json:"minerId"`
	Bonder  common.Address `json:"bonder"`
	Amount  *uint256.Int   `json:"amount"`
}

// MarshalJSON writes the miner id as 0x-hex.
func (b GenesisBond) MarshalJSON() ([]byte, error) {
	return json.Marshal(genesisBondJSON{common.Hash(b.MinerID), b.Bonder, b.Amount})
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (b *GenesisBond) UnmarshalJSON(data []byte) error {
	var v genesisBondJSON
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*b = GenesisBond{proof.Hash(v.MinerID), v.Bonder, v.Amount}
	return nil
}

// Limits on parameters that keep the worst case of every function bounded
// (and so priced correctly).
const (
	// MaxBatchSizeLimit is the largest MaxBatchSize governance may set.
	MaxBatchSizeLimit = 256
	// MaxTimeWindow is the widest time window governance may set (7 days).
	MaxTimeWindow = 7 * 24 * 3600
	// MaxChallengeWindow is the longest challenge window governance may
	// set, in blocks.
	MaxChallengeWindow = 1_000_000
	// MaxUnbondingDelay is the longest unbonding delay governance may set,
	// in blocks.
	MaxUnbondingDelay = 10_000_000
	// MaxGenesisModels bounds the models a genesis registers.
	MaxGenesisModels = 64
)

// maxEpochBudget is the largest epoch budget (exclusive): 2^192. Epoch and
// per-miner epoch rewards are kept in 24 bytes beside their epoch index.
var maxEpochBudget = new(uint256.Int).Lsh(uint256.NewInt(1), 192)

// Default economic parameters (README "Economics" explains the choice).
var (
	// DefaultBaseReward is 1e15 wei (0.001 token) per compute unit: an
	// honest built-in proof (1 compute unit, trust 0.6) earns 6e14 wei,
	// twice its gas (submission and its share of finalizeWork, about
	// 300,000 gas) at 1 gwei.
	DefaultBaseReward = uint256.NewInt(1_000_000_000_000_000)
	// DefaultMinBond is 100 coins (1e20 wei).
	DefaultMinBond = new(uint256.Int).Mul(uint256.NewInt(100), uint256.NewInt(1_000_000_000_000_000_000))
)

// Default security parameters.
const (
	// DefaultBondRewardCapBps: one miner id earns at most 4% of its active
	// bond per epoch, below -ln(1 - p·d) = 4.6% for the intended audit
	// sampling p = 5% and detection d = 90%.
	DefaultBondRewardCapBps = 400
	// DefaultChallengeWindow: work stays pending 150 blocks.
	DefaultChallengeWindow = 150
	// DefaultUnbondingDelay: 50,400 blocks (a week of 12-second blocks).
	DefaultUnbondingDelay = 50_400
	// DefaultDeviceEpochCap: 600 attested proofs per device per epoch (one
	// every 6 seconds of a one-hour epoch).
	DefaultDeviceEpochCap = 600
)

// DefaultParams returns sensible starting parameters with the given
// governance address: DefaultBaseReward wei per compute unit, one-hour
// epochs aiming at 1e9 compute units each with a 12.5% step (EIP-1559's),
// so an epoch budget of 1e24 wei; at most 1e9 compute units per proof,
// proofs at most 10 minutes old or 2 minutes ahead, trust 1.0 for attested
// GPUs and 0.6 for software-only work, batches of 32; bonds of at least
// DefaultMinBond earning at most DefaultBondRewardCapBps of the bond per
// epoch, DefaultChallengeWindow blocks pending, DefaultUnbondingDelay
// blocks unbonding, DefaultDeviceEpochCap attested proofs per device and
// epoch; and the built-in model registered (BuiltinModel).
func DefaultParams(governance common.Address) Params {
	return Params{
		Governance:              governance,
		BaseReward:              DefaultBaseReward.Clone(),
		EpochLength:             3600,
		TargetComputePerEpoch:   uint256.NewInt(1_000_000_000),
		MaxAdjustmentStepBps:    1250,
		MaxComputeUnitsPerProof: 1_000_000_000,
		TimeWindowPast:          600,
		TimeWindowFuture:        120,
		TrustAttestedBps:        reward.TrustAttestedBps,
		TrustSoftwareBps:        reward.TrustSoftwareBps,
		MaxBatchSize:            32,
		MinBond:                 DefaultMinBond.Clone(),
		BondRewardCapBps:        DefaultBondRewardCapBps,
		ChallengeWindow:         DefaultChallengeWindow,
		UnbondingDelay:          DefaultUnbondingDelay,
		DeviceEpochCap:          DefaultDeviceEpochCap,
		Models:                  []ModelSpec{BuiltinModel()},
	}
}

// EpochBudget is the most reward all accepted work of one epoch may earn:
// targetComputePerEpoch × baseReward, the emission of an epoch that meets
// the target at adjustment 1.0 and trust 1.0. It is derived, not stored,
// so it follows every change of either factor. Validate keeps it below
// 2^192.
func (p *Params) EpochBudget() (*uint256.Int, error) {
	if p.BaseReward == nil || p.TargetComputePerEpoch == nil {
		return nil, fmt.Errorf("%w: baseReward or targetComputePerEpoch is missing", ErrInvalidParams)
	}
	b, overflow := new(uint256.Int).MulOverflow(p.TargetComputePerEpoch, p.BaseReward)
	if overflow || !b.Lt(maxEpochBudget) {
		return nil, fmt.Errorf("%w: epoch budget targetComputePerEpoch %v × baseReward %v is not below 2^192",
			ErrInvalidParams, p.TargetComputePerEpoch, p.BaseReward)
	}
	return b, nil
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
	case p.MinBond == nil || p.MinBond.IsZero():
		return bad("minBond must be positive")
	case p.BondRewardCapBps == 0 || p.BondRewardCapBps > reward.BpsDenominator:
		return bad("bondRewardCapBps must be 1..%d", reward.BpsDenominator)
	case p.ChallengeWindow == 0 || p.ChallengeWindow > MaxChallengeWindow:
		return bad("challengeWindow must be 1..%d blocks", MaxChallengeWindow)
	case p.UnbondingDelay <= p.ChallengeWindow:
		return bad("unbondingDelay %d must exceed challengeWindow %d", p.UnbondingDelay, p.ChallengeWindow)
	case p.UnbondingDelay > MaxUnbondingDelay:
		return bad("unbondingDelay above %d blocks", MaxUnbondingDelay)
	case p.DeviceEpochCap == 0:
		return bad("deviceEpochCap must be positive")
	case len(p.Models) > MaxGenesisModels:
		return bad("%d genesis models, at most %d", len(p.Models), MaxGenesisModels)
	case len(p.Bonds) > MaxGenesisModels:
		return bad("%d genesis bonds, at most %d", len(p.Bonds), MaxGenesisModels)
	}
	if _, err := p.EpochBudget(); err != nil {
		return bad("%s", strings.TrimPrefix(err.Error(), ErrInvalidParams.Error()+": "))
	}
	bonded := make(map[[32]byte]bool, len(p.Bonds))
	total := new(uint256.Int)
	for i, b := range p.Bonds {
		switch {
		case b.MinerID == (proof.Hash{}) || b.Bonder == (common.Address{}):
			return bad("genesis bond %d: zero miner id or bonder", i)
		case b.Amount == nil || b.Amount.Lt(p.MinBond):
			return bad("genesis bond %d: below minBond", i)
		case bonded[b.MinerID]:
			return bad("genesis bond %d: miner id %x bonded twice", i, b.MinerID)
		}
		bonded[b.MinerID] = true
		if _, overflow := total.AddOverflow(total, b.Amount); overflow {
			return bad("genesis bonds overflow")
		}
	}
	seen := make(map[[32]byte]bool, len(p.Models))
	for i := range p.Models {
		if err := p.Models[i].Validate(); err != nil {
			return bad("model %d: %v", i, err)
		}
		if seen[p.Models[i].Hash] {
			return bad("model %x registered twice", p.Models[i].Hash)
		}
		seen[p.Models[i].Hash] = true
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
