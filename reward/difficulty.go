package reward

import (
	"fmt"

	"github.com/holiman/uint256"
)

// MaxStepBpsLimit is the largest allowed MaxStepBps: the adjustment may move
// by at most 50% per epoch.
const MaxStepBpsLimit uint16 = 5000

// NextAdjustment returns the difficulty adjustment for the next epoch, given
// the adjustment current in force during the epoch that closed, the compute
// units observed (accepted) in it, the target compute units per epoch, and
// the largest relative change allowed per epoch in basis points.
//
// The value that would have hit the target is the one at which the observed
// work would have earned exactly the emission budget of target units at
// adjustment 1.0:
//
//	ideal = One × target / observed        (observed == 0: ideal = +∞)
//
// The result moves from current toward ideal by at most maxStepBps:
//
//	lower = current × (10000 − maxStepBps) / 10000
//	upper = current × (10000 + maxStepBps) / 10000
//	next  = clamp(ideal, lower, upper), then clamped into [MinAdjustment, MaxAdjustment]
//
// All divisions round down. So if miners did more work than the target the
// per-unit reward falls, if they did less it rises, and for a constant amount
// of work the adjustment converges monotonically to
// clamp(One × target / observed, MinAdjustment, MaxAdjustment), where the
// emission per epoch equals the budget up to rounding.
//
// target must be non-zero and maxStepBps within [1, MaxStepBpsLimit]
// (ErrInvalidParams). current may be any value; one so large that the upper
// bound does not fit in 256 bits yields ErrOverflow. Nil pointers yield
// ErrNilValue. The inputs are not modified and the result is a new value.
func NextAdjustment(current, observed, target *uint256.Int, maxStepBps uint16) (*uint256.Int, error) {
	switch {
	case current == nil:
		return nil, fmt.Errorf("%w: current adjustment", ErrNilValue)
	case observed == nil:
		return nil, fmt.Errorf("%w: observed compute units", ErrNilValue)
	case target == nil:
		return nil, fmt.Errorf("%w: target compute units", ErrNilValue)
	}
	if target.IsZero() {
		return nil, fmt.Errorf("%w: target compute units must be > 0", ErrInvalidParams)
	}
	if err := checkStep(maxStepBps); err != nil {
		return nil, err
	}

	denom := uint256.NewInt(BpsDenominator)
	upper, overflow := new(uint256.Int).MulOverflow(current, uint256.NewInt(BpsDenominator+uint64(maxStepBps)))
	if overflow {
		return nil, fmt.Errorf("%w: adjustment %s × %d bps", ErrOverflow, current.Dec(), BpsDenominator+uint64(maxStepBps))
	}
	upper.Div(upper, denom)
	// current × (10000 − step) ≤ current × (10000 + step), which fitted.
	lower := new(uint256.Int).Mul(current, uint256.NewInt(BpsDenominator-uint64(maxStepBps)))
	lower.Div(lower, denom)

	var next *uint256.Int
	if observed.IsZero() {
		next = upper
	} else {
		scale := one
		ideal, overflow := new(uint256.Int).MulDivOverflow(&scale, target, observed)
		switch {
		case overflow:
			// The exact quotient exceeds 2^256−1 and hence upper: +∞ for
			// the purpose of the clamp.
			next = upper
		case ideal.Gt(upper):
			next = upper
		case ideal.Lt(lower):
			next = lower
		default:
			next = ideal
		}
	}
	return clampAdjustment(next), nil
}

// clampAdjustment clamps v into [MinAdjustment, MaxAdjustment] in place and
// returns it.
func clampAdjustment(v *uint256.Int) *uint256.Int {
	if lo := minAdjustment; v.Lt(&lo) {
		return v.Set(&lo)
	}
	if hi := maxAdjustment; v.Gt(&hi) {
		return v.Set(&hi)
	}
	return v
}

// checkStep validates a per-epoch step size in basis points.
func checkStep(maxStepBps uint16) error {
	if maxStepBps == 0 || maxStepBps > MaxStepBpsLimit {
		return fmt.Errorf("%w: max step %d bps not in [1, %d]", ErrInvalidParams, maxStepBps, MaxStepBpsLimit)
	}
	return nil
}
