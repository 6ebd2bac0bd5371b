package reward

import (
	"fmt"
	"math/bits"

	"github.com/holiman/uint256"
)

// MaxSkippedEpochSteps bounds the work Advance does for epochs in which no
// work was accepted at all: at most this many extra NextAdjustment steps are
// applied, however many epochs were skipped. The bound keeps the cost of
// Advance constant in the worst case, so a fixed gas price covers it.
const MaxSkippedEpochSteps = 64

// EpochParams are the chain's epoch and difficulty parameters.
type EpochParams struct {
	// Length is the epoch length in seconds of block time; it must be > 0.
	Length uint64
	// TargetComputeUnits is the compute units per epoch that earn exactly
	// the emission budget at adjustment 1.0; it must be > 0.
	TargetComputeUnits *uint256.Int
	// MaxStepBps is the largest relative change of the adjustment per
	// epoch, in basis points, within [1, MaxStepBpsLimit].
	MaxStepBps uint16
}

// Validate reports whether p is usable, wrapping ErrInvalidParams (or
// ErrNilValue for a nil target) if it is not.
func (p EpochParams) Validate() error {
	if p.Length == 0 {
		return fmt.Errorf("%w: epoch length must be > 0", ErrInvalidParams)
	}
	if p.TargetComputeUnits == nil {
		return fmt.Errorf("%w: target compute units", ErrNilValue)
	}
	if p.TargetComputeUnits.IsZero() {
		return fmt.Errorf("%w: target compute units must be > 0", ErrInvalidParams)
	}
	return checkStep(p.MaxStepBps)
}

// EpochState is the difficulty state the chain keeps between blocks.
//
// Epoch k covers the block times [G + k×Length, G + (k+1)×Length), where the
// genesis start G is Start − Index×Length.
type EpochState struct {
	// Index is the number of the current epoch.
	Index uint64
	// Start is the block time at which the current epoch began.
	Start uint64
	// ComputeUnits is the work accepted so far in the current epoch.
	ComputeUnits *uint256.Int
	// Adjustment is the difficulty adjustment in force during the current
	// epoch, in fixed point (One() == 1.0), within
	// [MinAdjustment, MaxAdjustment].
	Adjustment *uint256.Int
}

// validate checks the invariants every state produced by Advance satisfies.
func (s EpochState) validate(p EpochParams) error {
	if s.ComputeUnits == nil {
		return fmt.Errorf("%w: state compute units", ErrNilValue)
	}
	if s.Adjustment == nil {
		return fmt.Errorf("%w: state adjustment", ErrNilValue)
	}
	if lo, hi := minAdjustment, maxAdjustment; s.Adjustment.Lt(&lo) || s.Adjustment.Gt(&hi) {
		return fmt.Errorf("%w: adjustment %s outside [%s, %s]", ErrInvalidState, s.Adjustment.Dec(), lo.Dec(), hi.Dec())
	}
	hi, elapsed := bits.Mul64(s.Index, p.Length)
	if hi != 0 || elapsed > s.Start {
		return fmt.Errorf("%w: epoch %d of length %d cannot start at %d (genesis before time 0)",
			ErrInvalidState, s.Index, p.Length, s.Start)
	}
	return nil
}

// clone returns a deep copy of s.
func (s EpochState) clone() EpochState {
	return EpochState{
		Index:        s.Index,
		Start:        s.Start,
		ComputeUnits: new(uint256.Int).Set(s.ComputeUnits),
		Adjustment:   new(uint256.Int).Set(s.Adjustment),
	}
}

// Rollover summarises the epoch that Advance closed, for the caller to emit
// as an event. It is the zero value when Advance did not leave the current
// epoch; Occurred tells the two apart.
type Rollover struct {
	// Index is the number of the epoch that closed.
	Index uint64
	// ComputeUnits is the work accepted in the epoch that closed.
	ComputeUnits *uint256.Int
	// OldAdjustment is the adjustment that was in force in the closed
	// epoch.
	OldAdjustment *uint256.Int
	// NewAdjustment is the adjustment in force in the new current epoch,
	// after the step for the closed epoch and any skipped-epoch steps.
	NewAdjustment *uint256.Int
	// SkippedEpochs is the number of whole epochs between the closed epoch
	// and the new current one in which no work was accepted.
	SkippedEpochs uint64
}

// Occurred reports whether r describes an epoch rollover (false for the zero
// value).
func (r Rollover) Occurred() bool {
	return r.NewAdjustment != nil
}

// Advance rolls s forward to the epoch containing blockTime.
//
// If blockTime still falls in the current epoch, Advance returns a copy of s
// and a zero Rollover. Otherwise the current epoch closes: its ComputeUnits
// drive one NextAdjustment step, and every further epoch that was skipped
// entirely (no block, hence no work, fell into it) counts as observed work 0,
// i.e. one more maximum-step increase each. The skipped-epoch steps stop early
// once MaxAdjustment is reached and are never more than MaxSkippedEpochSteps,
// so Advance does at most 1 + MaxSkippedEpochSteps adjustment steps whatever
// the gap; epochs beyond that bound leave the adjustment unchanged. The new
// state starts the epoch containing blockTime with zero compute units.
//
// p must be valid (see EpochParams.Validate) and s consistent with it: both
// pointers set, Adjustment within [MinAdjustment, MaxAdjustment], and
// Start ≥ Index×Length (ErrInvalidState). blockTime before s.Start is refused
// with ErrTimeWentBackwards, since block timestamps never decrease within a
// chain. An epoch index that would exceed 2^64−1 yields ErrOverflow. s is not
// modified; all returned pointers are new values.
func Advance(s EpochState, p EpochParams, blockTime uint64) (EpochState, Rollover, error) {
	if err := p.Validate(); err != nil {
		return EpochState{}, Rollover{}, err
	}
	if err := s.validate(p); err != nil {
		return EpochState{}, Rollover{}, err
	}
	if blockTime < s.Start {
		return EpochState{}, Rollover{}, fmt.Errorf("%w: block time %d < epoch %d start %d",
			ErrTimeWentBackwards, blockTime, s.Index, s.Start)
	}
	// Whole epochs from the current one to the one containing blockTime.
	// advanced×Length ≤ blockTime−Start, so the new start cannot overflow.
	advanced := (blockTime - s.Start) / p.Length
	if advanced == 0 {
		return s.clone(), Rollover{}, nil
	}
	// A validated state has Index ≤ Start/Length, so this cannot overflow;
	// it is checked anyway rather than relied upon.
	newIndex, carry := bits.Add64(s.Index, advanced, 0)
	if carry != 0 {
		return EpochState{}, Rollover{}, fmt.Errorf("%w: epoch index %d + %d", ErrOverflow, s.Index, advanced)
	}

	// With valid params and an adjustment within bounds NextAdjustment cannot
	// fail; its errors are still propagated.
	adj, err := NextAdjustment(s.Adjustment, s.ComputeUnits, p.TargetComputeUnits, p.MaxStepBps)
	if err != nil {
		return EpochState{}, Rollover{}, fmt.Errorf("closing epoch %d: %w", s.Index, err)
	}
	skipped := advanced - 1
	steps := min(skipped, MaxSkippedEpochSteps)
	zero := new(uint256.Int)
	for i := uint64(0); i < steps; i++ {
		if top := maxAdjustment; adj.Eq(&top) {
			break
		}
		if adj, err = NextAdjustment(adj, zero, p.TargetComputeUnits, p.MaxStepBps); err != nil {
			return EpochState{}, Rollover{}, fmt.Errorf("skipped epoch %d: %w", s.Index+1+i, err)
		}
	}

	next := EpochState{
		Index:        newIndex,
		Start:        s.Start + advanced*p.Length,
		ComputeUnits: new(uint256.Int),
		Adjustment:   adj,
	}
	summary := Rollover{
		Index:         s.Index,
		ComputeUnits:  new(uint256.Int).Set(s.ComputeUnits),
		OldAdjustment: new(uint256.Int).Set(s.Adjustment),
		NewAdjustment: new(uint256.Int).Set(adj),
		SkippedEpochs: skipped,
	}
	return next, summary, nil
}
