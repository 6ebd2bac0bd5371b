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

	// Audits (audit.go). AuditDelay is how many blocks after a submission
	// block make its audit seed (1..MaxAuditDelay); AuditProbabilityBps
	// the probability, in basis points, that the seed selects a piece of
	// work for audit.
	AuditDelay          uint64 `json:"auditDelay"`
	AuditProbabilityBps uint16 `json:"auditProbabilityBps"`
	// RevealWindow is how many blocks after an audit's seed is known the
	// miner has to reveal the audited job: the reveal deadline is
	// anchor + AuditDelay + RevealWindow, the anchor being the submission
	// block for sampled work and the opening block for a challenge.
	RevealWindow uint64 `json:"revealWindow"`
	// ChallengeBond is what a challenge must carry (wei of the native
	// coin, below 2^96); ChallengerRewardBps is the challenger's bounty
	// out of a slashed bond (at most MaxChallengerRewardBps).
	ChallengeBond       *uint256.Int `json:"challengeBond"`
	ChallengerRewardBps uint16       `json:"challengerRewardBps"`
	// Committees (committee.go): CommitteeSize verifiers are drawn per
	// revealed job of a committee model (1..MaxCommitteeSize); they commit
	// their votes for VoteCommitWindow blocks after the reveal, then reveal
	// them for VoteRevealWindow blocks. A verifier stakes at least
	// MinVerifierStake and loses MissedVotePenaltyBps of its stake for
	// every drawn vote it does not reveal.
	CommitteeSize        uint16       `json:"committeeSize"`
	VoteCommitWindow     uint64       `json:"voteCommitWindow"`
	VoteRevealWindow     uint64       `json:"voteRevealWindow"`
	MinVerifierStake     *uint256.Int `json:"minVerifierStake"`
	MissedVotePenaltyBps uint16       `json:"missedVotePenaltyBps"`

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
	// set, in blocks: BlockHashWindow - MinFinalizeSpan, so that work
	// finalized when its window ends still has its audit seed within
	// BLOCKHASH reach, with MinFinalizeSpan blocks to spare.
	MaxChallengeWindow = BlockHashWindow - MinFinalizeSpan
	// MinFinalizeSpan is the fewest blocks between the end of a challenge
	// window and the end of the seed's BLOCKHASH reach, in which
	// finalizeWork can still check that the work was not selected.
	MinFinalizeSpan = 32
	// MaxVoteWindow bounds each committee vote window, in blocks.
	MaxVoteWindow = 100_000
	// MaxCommitteeSize is the largest committee governance may set.
	MaxCommitteeSize = 15
	// MaxChallengerRewardBps bounds the challenger's share of a slashed
	// bond: at most half, so a miner that challenges its own work to
	// recover its bond loses at least the other half.
	MaxChallengerRewardBps = 5000
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
	// DefaultChallengeBond is 1 coin (1e18 wei): paid to the audited
	// work's beneficiary when the work turns out honest.
	DefaultChallengeBond = uint256.NewInt(1_000_000_000_000_000_000)
	// DefaultMinVerifierStake is 100 coins (1e20 wei).
	DefaultMinVerifierStake = new(uint256.Int).Mul(uint256.NewInt(100), uint256.NewInt(1_000_000_000_000_000_000))
)

// maxChallengeBond is the largest challenge bond (exclusive): 2^96 wei. An
// audit keeps the challenger and its bond in one slot.
var maxChallengeBond = new(uint256.Int).Lsh(uint256.NewInt(1), 96)

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
	// DefaultAuditDelay: the seed is made of the 2 blocks after the
	// submission block.
	DefaultAuditDelay = 2
	// DefaultAuditProbabilityBps: 5% of the work is sampled for audit.
	DefaultAuditProbabilityBps = 500
	// DefaultRevealWindow: 64 blocks to reveal audited work.
	DefaultRevealWindow = 64
	// DefaultChallengerRewardBps: a challenger that exposes fraud earns
	// 10% of the slashed bond (and its challenge bond back); 90% is burned.
	DefaultChallengerRewardBps = 1000
	// DefaultCommitteeSize: 5 verifiers per committee vote.
	DefaultCommitteeSize = 5
	// DefaultVoteCommitWindow and DefaultVoteRevealWindow: 32 blocks each.
	DefaultVoteCommitWindow = 32
	DefaultVoteRevealWindow = 32
	// DefaultMissedVotePenaltyBps: a drawn verifier that does not reveal
	// its vote loses 10% of its stake.
	DefaultMissedVotePenaltyBps = 1000
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
// epoch; audits sampling DefaultAuditProbabilityBps of the work by a seed
// of DefaultAuditDelay blocks, DefaultRevealWindow blocks to reveal,
// challenges bonded with DefaultChallengeBond, committees of
// DefaultCommitteeSize; and the built-in model registered (BuiltinModel).
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
		AuditDelay:              DefaultAuditDelay,
		AuditProbabilityBps:     DefaultAuditProbabilityBps,
		RevealWindow:            DefaultRevealWindow,
		ChallengeBond:           DefaultChallengeBond.Clone(),
		ChallengerRewardBps:     DefaultChallengerRewardBps,
		CommitteeSize:           DefaultCommitteeSize,
		VoteCommitWindow:        DefaultVoteCommitWindow,
		VoteRevealWindow:        DefaultVoteRevealWindow,
		MinVerifierStake:        DefaultMinVerifierStake.Clone(),
		MissedVotePenaltyBps:    DefaultMissedVotePenaltyBps,
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
	case p.UnbondingDelay > MaxUnbondingDelay:
		return bad("unbondingDelay above %d blocks", MaxUnbondingDelay)
	case p.AuditDelay == 0 || p.AuditDelay > MaxAuditDelay:
		return bad("auditDelay must be 1..%d blocks", MaxAuditDelay)
	case p.AuditProbabilityBps > reward.BpsDenominator:
		return bad("auditProbabilityBps above %d", reward.BpsDenominator)
	case p.RevealWindow == 0 || p.ChallengeWindow < p.AuditDelay || p.RevealWindow > p.ChallengeWindow-p.AuditDelay:
		return bad("revealWindow must be 1..challengeWindow - auditDelay (%d) blocks", p.ChallengeWindow-min(p.ChallengeWindow, p.AuditDelay))
	case p.ChallengeBond == nil || p.ChallengeBond.IsZero() || !p.ChallengeBond.Lt(maxChallengeBond):
		return bad("challengeBond must be 1..2^96-1 wei")
	case p.ChallengerRewardBps > MaxChallengerRewardBps:
		return bad("challengerRewardBps above %d", MaxChallengerRewardBps)
	case p.CommitteeSize == 0 || p.CommitteeSize > MaxCommitteeSize:
		return bad("committeeSize must be 1..%d", MaxCommitteeSize)
	case p.VoteCommitWindow == 0 || p.VoteCommitWindow > MaxVoteWindow || p.VoteRevealWindow == 0 || p.VoteRevealWindow > MaxVoteWindow:
		return bad("vote windows must be 1..%d blocks", MaxVoteWindow)
	case p.MinVerifierStake == nil || p.MinVerifierStake.IsZero():
		return bad("minVerifierStake must be positive")
	case p.MissedVotePenaltyBps > reward.BpsDenominator:
		return bad("missedVotePenaltyBps above %d", reward.BpsDenominator)
	case p.UnbondingDelay <= p.LongestAudit():
		return bad("unbondingDelay %d must exceed challengeWindow + auditDelay + revealWindow + voteCommitWindow + voteRevealWindow = %d",
			p.UnbondingDelay, p.LongestAudit())
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

// LongestAudit is the most blocks after a submission that its audit can
// take to settle: a challenge in the last block of the challenge window,
// the seed delay and the reveal window after it, then both vote windows.
// A bond unbonding for longer (UnbondingDelay) is still there when any
// audit of work it backed settles. Validate keeps every term bounded, so
// the sum does not overflow.
func (p *Params) LongestAudit() uint64 {
	return p.ChallengeWindow + p.AuditDelay + p.RevealWindow + p.VoteCommitWindow + p.VoteRevealWindow
}

// ShortWindows sets the shortest windows Validate accepts, for test chains
// whose miners finalize within a few blocks: a seed of one block, one block
// to reveal, a challenge window of two blocks, one block per vote window
// and an unbonding delay of seven blocks. Sampling is left as it is.
func (p *Params) ShortWindows() {
	p.AuditDelay, p.RevealWindow, p.ChallengeWindow = 1, 1, 2
	p.VoteCommitWindow, p.VoteRevealWindow = 1, 1
	p.UnbondingDelay = p.LongestAudit() + 1
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
