package reward

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

// randAdjustment returns a log-uniform value in [MinAdjustment, MaxAdjustment].
func randAdjustment(r *rand.Rand) *uint256.Int {
	exp := 12 + r.IntN(13) // 1e12 .. 1e24
	v := new(uint256.Int).Exp(uint256.NewInt(10), uint256.NewInt(uint64(exp)))
	v.Mul(v, uint256.NewInt(1+r.Uint64N(9_999)))
	v.Div(v, uint256.NewInt(1+r.Uint64N(9_999)))
	return clampAdjustment(v)
}

// randUnits returns a value in [1, 1e18], log-uniform over the order of
// magnitude.
func randUnits(r *rand.Rand) *uint256.Int {
	return uint256.NewInt(1 + r.Uint64N(uint64Pow10(r.IntN(19))))
}

func uint64Pow10(n int) uint64 {
	v := uint64(1)
	for range n {
		v *= 10
	}
	return v
}

// TestNextAdjustmentConverges checks that for a constant amount of observed
// work the adjustment moves monotonically, without overshooting, to the
// fixed point clamp(One × target / observed), at which the emission equals
// the budget up to rounding.
func TestNextAdjustmentConverges(t *testing.T) {
	r := rand.New(rand.NewPCG(20240601, 7))
	for i := range 3000 {
		current := randAdjustment(r)
		target, observed := randUnits(r), randUnits(r)
		step := uint16(1 + r.IntN(int(MaxStepBpsLimit)))
		if i%2 == 0 {
			step = uint16(1000 + r.IntN(int(MaxStepBpsLimit)-999))
		}

		ideal := new(big.Int).Mul(bigOne, target.ToBig())
		ideal.Quo(ideal, observed.ToBig())
		fixed := uint256.MustFromBig(refClamp(ideal))
		if fixed.Eq(ideal256(ideal)) {
			// Unclamped: observed × fixed ≤ target × One < observed × (fixed + 1).
			budget := new(big.Int).Mul(target.ToBig(), bigOne)
			require.True(t, new(big.Int).Mul(observed.ToBig(), fixed.ToBig()).Cmp(budget) <= 0)
			require.True(t, new(big.Int).Mul(observed.ToBig(), new(big.Int).Add(fixed.ToBig(), big.NewInt(1))).Cmp(budget) > 0)
		}

		// Steps of at least 10% cover the whole range [1e-6, 1e6] in fewer
		// than 300 epochs; smaller steps are only checked for monotonicity.
		limit, mustReach := 60, false
		if step >= 1000 {
			limit, mustReach = 400, true
		}
		adj := current
		for n := 0; n < limit && !adj.Eq(fixed); n++ {
			next, err := NextAdjustment(adj, observed, target, step)
			require.NoError(t, err)
			if adj.Lt(fixed) {
				require.True(t, next.Gt(adj), "case %d: no progress upward", i)
				require.False(t, next.Gt(fixed), "case %d: overshoot upward", i)
			} else {
				require.True(t, next.Lt(adj), "case %d: no progress downward", i)
				require.False(t, next.Lt(fixed), "case %d: overshoot downward", i)
			}
			adj = next
		}
		if mustReach {
			require.Equal(t, fixed, adj, "case %d: not converged (step %d bps)", i, step)
		}
		if adj.Eq(fixed) {
			again, err := NextAdjustment(adj, observed, target, step)
			require.NoError(t, err)
			require.Equal(t, fixed, again, "case %d: fixed point moved", i)
		}
	}
}

// ideal256 converts an unclamped ideal for comparison with the clamped fixed
// point; values beyond 256 bits compare unequal.
func ideal256(v *big.Int) *uint256.Int {
	x, overflow := uint256.FromBig(v)
	if overflow {
		return maxU256()
	}
	return x
}

func randState(r *rand.Rand, length uint64) EpochState {
	index := r.Uint64N(1_000_000)
	return EpochState{
		Index:        index,
		Start:        index*length + r.Uint64N(2_000_000_000),
		ComputeUnits: randUnits(r).Sub(randUnits(r), uint256.NewInt(1)),
		Adjustment:   randAdjustment(r),
	}
}

func randParams(r *rand.Rand) EpochParams {
	return EpochParams{
		Length:             1 + r.Uint64N(86_400),
		TargetComputeUnits: randUnits(r),
		MaxStepBps:         uint16(1 + r.IntN(int(MaxStepBpsLimit))),
	}
}

// TestAdvanceProperties checks on random inputs that Advance is
// deterministic, does not modify its inputs, agrees with the reference
// implementation, and composes: advancing in two hops with no work in between
// equals advancing in one while the skipped-epoch cap is not hit.
func TestAdvanceProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 4242))
	for i := range 3000 {
		p := randParams(r)
		s := randState(r, p.Length)
		gap := r.Uint64N(70 * p.Length)
		if i%10 == 0 {
			gap = r.Uint64N(1 << 40)
		}
		bt := s.Start + gap

		s0, p0 := cloneState(s), cloneParams(p)
		a, ra, errA := Advance(s, p, bt)
		b, rb, errB := Advance(s, p, bt)
		require.NoError(t, errA)
		require.NoError(t, errB)
		require.Equal(t, a, b, "case %d: nondeterministic state", i)
		require.Equal(t, ra, rb, "case %d: nondeterministic rollover", i)
		require.Equal(t, s0, s, "case %d: state mutated", i)
		require.Equal(t, p0, p, "case %d: params mutated", i)

		advanced := gap / p.Length
		require.Equal(t, s.Index+advanced, a.Index)
		require.Equal(t, s.Start+advanced*p.Length, a.Start)
		require.Equal(t, advanced > 0, ra.Occurred())
		want := s.Adjustment.ToBig()
		if advanced > 0 {
			want = refAdvanceAdjustment(want, s.ComputeUnits.ToBig(), p.TargetComputeUnits.ToBig(), p.MaxStepBps, advanced-1)
		}
		require.Equal(t, want.String(), a.Adjustment.Dec(), "case %d", i)

		if advanced == 0 || advanced > MaxSkippedEpochSteps+1 {
			continue
		}
		mid := s.Start + r.Uint64N(gap+1)
		m, _, err := Advance(s, p, mid)
		require.NoError(t, err)
		c, _, err := Advance(m, p, bt)
		require.NoError(t, err)
		require.Equal(t, a, c, "case %d: two hops differ from one", i)
	}
}
