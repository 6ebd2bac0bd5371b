package reward

import (
	"errors"
	"math/big"

	"github.com/holiman/uint256"
)

// Reference implementations in math/big, written directly from the formulas
// in the documentation, used to cross-check the uint256 code.

var (
	bigOne      = big.NewInt(1_000_000_000_000_000_000)
	bigBps      = big.NewInt(BpsDenominator)
	bigMinAdj   = new(big.Int).Exp(big.NewInt(10), big.NewInt(12), nil)
	bigMaxAdj   = new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)
	bigMaxU256  = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	allSentinel = []error{ErrOverflow, ErrNilValue, ErrTrustOutOfRange, ErrInvalidParams, ErrInvalidState, ErrTimeWentBackwards}
)

// u parses a decimal or 0x-prefixed hexadecimal constant.
func u(s string) *uint256.Int {
	if len(s) > 2 && s[:2] == "0x" {
		return uint256.MustFromHex(s)
	}
	return uint256.MustFromDecimal(s)
}

// maxU256 returns 2^256 − 1.
func maxU256() *uint256.Int { return new(uint256.Int).SetAllOne() }

// refReward returns floor(base·cu·adj·trust / 1e22) and whether the product
// exceeds 2^256 − 1.
func refReward(base *uint256.Int, cu uint64, adj *uint256.Int, trust uint16) (*big.Int, bool) {
	p := new(big.Int).Mul(base.ToBig(), new(big.Int).SetUint64(cu))
	p.Mul(p, adj.ToBig())
	p.Mul(p, big.NewInt(int64(trust)))
	if p.Cmp(bigMaxU256) > 0 {
		return nil, true
	}
	return p.Quo(p, new(big.Int).Mul(bigOne, bigBps)), false
}

// refNext is NextAdjustment for valid inputs, without any overflow concerns.
func refNext(current, observed, target *big.Int, step uint16) *big.Int {
	lower := new(big.Int).Mul(current, big.NewInt(int64(BpsDenominator-int(step))))
	lower.Quo(lower, bigBps)
	upper := new(big.Int).Mul(current, big.NewInt(int64(BpsDenominator+int(step))))
	upper.Quo(upper, bigBps)
	next := upper
	if observed.Sign() != 0 {
		ideal := new(big.Int).Mul(bigOne, target)
		ideal.Quo(ideal, observed)
		switch {
		case ideal.Cmp(upper) > 0:
			next = upper
		case ideal.Cmp(lower) < 0:
			next = lower
		default:
			next = ideal
		}
	}
	return refClamp(next)
}

func refClamp(v *big.Int) *big.Int {
	switch {
	case v.Cmp(bigMinAdj) < 0:
		return new(big.Int).Set(bigMinAdj)
	case v.Cmp(bigMaxAdj) > 0:
		return new(big.Int).Set(bigMaxAdj)
	}
	return new(big.Int).Set(v)
}

// refAdvanceAdjustment returns the adjustment after closing an epoch with
// observed work and then skipping `skipped` empty epochs, capped as Advance
// documents.
func refAdvanceAdjustment(current, observed, target *big.Int, step uint16, skipped uint64) *big.Int {
	adj := refNext(current, observed, target, step)
	for i := uint64(0); i < skipped && i < MaxSkippedEpochSteps; i++ {
		adj = refNext(adj, new(big.Int), target, step)
	}
	return adj
}

// isSentinel reports whether err wraps one of the package's sentinel errors.
func isSentinel(err error) bool {
	for _, s := range allSentinel {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// cloneState deep-copies s, keeping nil pointers nil.
func cloneState(s EpochState) EpochState {
	c := s
	if s.ComputeUnits != nil {
		c.ComputeUnits = s.ComputeUnits.Clone()
	}
	if s.Adjustment != nil {
		c.Adjustment = s.Adjustment.Clone()
	}
	return c
}

// cloneParams deep-copies p, keeping a nil target nil.
func cloneParams(p EpochParams) EpochParams {
	c := p
	if p.TargetComputeUnits != nil {
		c.TargetComputeUnits = p.TargetComputeUnits.Clone()
	}
	return c
}
