package reward

import (
	"math"
	"math/big"
	"testing"

	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

// FuzzReward checks that Reward never panics, agrees exactly with the
// math/big reference (including when it reports overflow), never mutates
// its inputs and returns a fresh value.
func FuzzReward(f *testing.F) {
	f.Add(uint64(1e18), uint64(0), uint64(0), uint64(0), uint64(100), uint64(1e18), uint64(0), uint64(0), uint64(0), uint16(10000))
	f.Add(uint64(1e18), uint64(0), uint64(0), uint64(0), uint64(math.MaxUint64), uint64(0x1bcecceda1000000), uint64(0xd3c2), uint64(0), uint64(0), uint16(6000))
	f.Add(uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(1), uint64(1), uint64(0), uint64(0), uint64(0), uint16(1))
	f.Add(uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(2), uint64(1e18), uint64(0), uint64(0), uint64(0), uint16(10000))
	f.Add(uint64(7), uint64(0), uint64(0), uint64(0), uint64(3), uint64(1e18), uint64(0), uint64(0), uint64(0), uint16(10001))
	f.Fuzz(func(t *testing.T, b0, b1, b2, b3, cu, a0, a1, a2, a3 uint64, trust uint16) {
		base := &uint256.Int{b0, b1, b2, b3}
		adj := &uint256.Int{a0, a1, a2, a3}
		base0, adj0 := *base, *adj

		got, err := Reward(base, cu, adj, trust)
		require.Equal(t, base0, *base, "base reward mutated")
		require.Equal(t, adj0, *adj, "adjustment mutated")
		if trust > BpsDenominator {
			require.ErrorIs(t, err, ErrTrustOutOfRange)
			require.Nil(t, got)
			return
		}
		want, overflow := refReward(base, cu, adj, trust)
		if overflow {
			require.ErrorIs(t, err, ErrOverflow)
			require.Nil(t, got)
			return
		}
		require.NoError(t, err)
		require.Equal(t, want.String(), got.Dec())
		require.NotSame(t, base, got)
		require.NotSame(t, adj, got)
		// Trust only ever reduces the reward: it is at most the fully trusted
		// amount base × cu × adjustment / 1e18.
		full := new(big.Int).Mul(base.ToBig(), new(big.Int).SetUint64(cu))
		full.Mul(full, adj.ToBig()).Quo(full, bigOne)
		require.LessOrEqual(t, got.ToBig().Cmp(full), 0)
		if trust == BpsDenominator {
			require.Equal(t, full.String(), got.Dec())
		}
	})
}

// FuzzAdvance checks that Advance never panics, returns only wrapped
// sentinel errors, and on success keeps every invariant: the adjustment
// stays within bounds and matches the reference, the new epoch contains
// blockTime and is aligned to the genesis start, the call is deterministic
// and the inputs are not mutated.
func FuzzAdvance(f *testing.F) {
	f.Add(uint64(5), uint64(1_700_003_000), uint64(123), uint64(0), uint64(1e18), uint64(0), uint64(600), uint64(1000), uint64(0), uint16(1000), uint64(1_700_003_600))
	f.Add(uint64(0), uint64(0), uint64(0), uint64(0), uint64(1e12), uint64(0), uint64(1), uint64(1), uint64(0), uint16(1), uint64(math.MaxUint64))
	f.Add(uint64(1), uint64(math.MaxUint64-10), uint64(0), uint64(0), uint64(0x1bcecceda1000000), uint64(0xd3c2), uint64(math.MaxUint64-10), uint64(1), uint64(0), uint16(5000), uint64(math.MaxUint64))
	f.Add(uint64(3), uint64(100), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(1e18), uint64(0), uint64(10), uint64(math.MaxUint64), uint64(math.MaxUint64), uint16(5000), uint64(99))
	f.Add(uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(1), uint64(0), uint64(0), uint64(0), uint64(0), uint64(0), uint64(0), uint16(0), uint64(0))
	// An inconsistent state is refused before the time is looked at.
	f.Add(uint64(67), uint64(100), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(999999999999999923), uint64(0), uint64(10), uint64(math.MaxUint64), uint64(math.MaxUint64), uint16(5000), uint64(99))
	f.Fuzz(func(t *testing.T, index, start, cu0, cu1, adj0, adj1, length, tgt0, tgt1 uint64, step uint16, blockTime uint64) {
		s := EpochState{
			Index:        index,
			Start:        start,
			ComputeUnits: &uint256.Int{cu0, cu1, 0, 0},
			Adjustment:   &uint256.Int{adj0, adj1, 0, 0},
		}
		p := EpochParams{Length: length, TargetComputeUnits: &uint256.Int{tgt0, tgt1, 0, 0}, MaxStepBps: step}
		s0, p0 := cloneState(s), cloneParams(p)

		got, roll, err := Advance(s, p, blockTime)
		require.Equal(t, s0, s, "state mutated")
		require.Equal(t, p0, p, "params mutated")
		again, rollAgain, errAgain := Advance(s, p, blockTime)
		require.Equal(t, err, errAgain)
		require.Equal(t, got, again)
		require.Equal(t, roll, rollAgain)
		if err != nil {
			require.True(t, isSentinel(err), "unexpected error %v", err)
			require.Equal(t, EpochState{}, got)
			require.Equal(t, Rollover{}, roll)
			if blockTime < start && p.Validate() == nil && s.validate(p) == nil {
				require.ErrorIs(t, err, ErrTimeWentBackwards)
			}
			return
		}

		require.NoError(t, p.Validate())
		require.False(t, got.Adjustment.Lt(MinAdjustment()))
		require.False(t, got.Adjustment.Gt(MaxAdjustment()))
		require.LessOrEqual(t, got.Start, blockTime)
		require.Less(t, blockTime-got.Start, length)
		require.GreaterOrEqual(t, got.Start, start)
		require.Zero(t, (got.Start-start)%length)
		advanced := (got.Start - start) / length
		require.Equal(t, index+advanced, got.Index)
		require.Equal(t, start-index*length, got.Start-got.Index*length, "genesis moved")
		require.Equal(t, advanced > 0, roll.Occurred())
		if advanced == 0 {
			require.Equal(t, s, got)
			require.Equal(t, Rollover{}, roll)
			return
		}
		require.True(t, got.ComputeUnits.IsZero())
		require.Equal(t, got.Adjustment, roll.NewAdjustment)
		require.Equal(t, s.Adjustment, roll.OldAdjustment)
		require.Equal(t, s.ComputeUnits, roll.ComputeUnits)
		require.Equal(t, index, roll.Index)
		require.Equal(t, advanced-1, roll.SkippedEpochs)
		want := refAdvanceAdjustment(s.Adjustment.ToBig(), s.ComputeUnits.ToBig(), p.TargetComputeUnits.ToBig(), step, advanced-1)
		require.Equal(t, want.String(), got.Adjustment.Dec())
	})
}
