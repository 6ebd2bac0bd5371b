package reward

import (
	"errors"
	"fmt"

	"github.com/holiman/uint256"
)

// BpsDenominator is the basis-point scale: a value of BpsDenominator basis
// points means 1.0.
const BpsDenominator = 10000

// Default trust multipliers, in basis points.
const (
	// TrustAttestedBps is the trust multiplier (1.0) for work done on a GPU
	// whose execution environment was attested.
	TrustAttestedBps uint16 = 10000
	// TrustSoftwareBps is the trust multiplier (0.6) for work that was only
	// verified in software.
	TrustSoftwareBps uint16 = 6000
)

// Sentinel errors. Functions in this package wrap them with context; test for
// them with errors.Is.
var (
	// ErrOverflow reports that an intermediate or final value did not fit in
	// 256 bits (or a counter did not fit in 64 bits).
	ErrOverflow = errors.New("reward: arithmetic overflow")
	// ErrNilValue reports that a required *uint256.Int argument or field was
	// nil.
	ErrNilValue = errors.New("reward: nil value")
	// ErrTrustOutOfRange reports a trust multiplier above BpsDenominator.
	ErrTrustOutOfRange = errors.New("reward: trust multiplier out of range")
	// ErrInvalidParams reports epoch parameters (or a step size) outside
	// their allowed ranges.
	ErrInvalidParams = errors.New("reward: invalid epoch parameters")
	// ErrInvalidState reports an epoch state that cannot have been produced
	// by Advance from a valid genesis state.
	ErrInvalidState = errors.New("reward: invalid epoch state")
	// ErrTimeWentBackwards reports a block time before the start of the
	// current epoch.
	ErrTimeWentBackwards = errors.New("reward: block time before current epoch start")
)

// Fixed-point constants, stored as values (not pointers) and only ever handed
// out as copies, so nothing outside this file can change them.
var (
	// one is 1e18.
	one = uint256.Int{1_000_000_000_000_000_000, 0, 0, 0}
	// minAdjustment is 1e12, i.e. 1e-6 in fixed point.
	minAdjustment = uint256.Int{1_000_000_000_000, 0, 0, 0}
	// maxAdjustment is 1e24, i.e. 1e6 in fixed point.
	maxAdjustment = uint256.Int{0x1bcecceda1000000, 0xd3c2, 0, 0}
	// rewardDivisor is 1e18 * BpsDenominator = 1e22.
	rewardDivisor = uint256.Int{0x19e0c9bab2400000, 0x21e, 0, 0}
)

// One returns the fixed-point scale of the difficulty adjustment, 1e18, which
// represents 1.0. Each call returns a new value.
func One() *uint256.Int {
	v := one
	return &v
}

// MinAdjustment returns the smallest difficulty adjustment, 1e12 (1e-6 in
// fixed point). Each call returns a new value.
func MinAdjustment() *uint256.Int {
	v := minAdjustment
	return &v
}

// MaxAdjustment returns the largest difficulty adjustment, 1e24 (1e6 in fixed
// point). Each call returns a new value.
func MaxAdjustment() *uint256.Int {
	v := maxAdjustment
	return &v
}

// Reward returns the amount credited for computeUnits units of accepted work:
//
//	baseReward × computeUnits × adjustment × trustBps / (1e18 × 10000)
//
// rounded down. The full four-factor product is formed first and divided
// once, so no precision is lost to intermediate rounding; if that product
// does not fit in 256 bits the result is ErrOverflow (even where the quotient
// would fit). If any factor is zero the reward is zero.
//
// adjustment is a fixed-point number (One() == 1.0) and trustBps is in basis
// points; trustBps above BpsDenominator is refused with ErrTrustOutOfRange.
// Nil pointers are refused with ErrNilValue. The inputs are not modified and
// the result is a new value.
func Reward(baseReward *uint256.Int, computeUnits uint64, adjustment *uint256.Int, trustBps uint16) (*uint256.Int, error) {
	if baseReward == nil {
		return nil, fmt.Errorf("%w: base reward", ErrNilValue)
	}
	if adjustment == nil {
		return nil, fmt.Errorf("%w: adjustment", ErrNilValue)
	}
	if trustBps > BpsDenominator {
		return nil, fmt.Errorf("%w: %d bps > %d", ErrTrustOutOfRange, trustBps, BpsDenominator)
	}
	// A zero factor makes the product zero. Handling it first also makes the
	// overflow check below exact: with every factor >= 1 the running product
	// never decreases, so an intermediate overflow implies a final one.
	if computeUnits == 0 || trustBps == 0 || baseReward.IsZero() || adjustment.IsZero() {
		return new(uint256.Int), nil
	}
	p, overflow := new(uint256.Int).MulOverflow(baseReward, uint256.NewInt(computeUnits))
	if overflow {
		return nil, fmt.Errorf("%w: base reward %s × compute units %d", ErrOverflow, baseReward.Dec(), computeUnits)
	}
	if _, overflow = p.MulOverflow(p, adjustment); overflow {
		return nil, fmt.Errorf("%w: base reward %s × compute units %d × adjustment %s",
			ErrOverflow, baseReward.Dec(), computeUnits, adjustment.Dec())
	}
	if _, overflow = p.MulOverflow(p, uint256.NewInt(uint64(trustBps))); overflow {
		return nil, fmt.Errorf("%w: base reward %s × compute units %d × adjustment %s × trust %d bps",
			ErrOverflow, baseReward.Dec(), computeUnits, adjustment.Dec(), trustBps)
	}
	divisor := rewardDivisor
	return p.Div(p, &divisor), nil
}
