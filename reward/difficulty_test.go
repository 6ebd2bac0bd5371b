package reward

import (
	"testing"

	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

func TestNextAdjustment(t *testing.T) {
	tests := []struct {
		name     string
		current  *uint256.Int
		observed *uint256.Int
		target   *uint256.Int
		step     uint16
		want     string
		wantErr  error
	}{
		{name: "on target: unchanged", current: One(), observed: u("1000"), target: u("1000"), step: 1000, want: "1000000000000000000"},
		{name: "on target from elsewhere: moves to 1.0", current: u("1050000000000000000"), observed: u("1000"), target: u("1000"), step: 1000, want: "1000000000000000000"},
		{name: "more work: down within band", current: One(), observed: u("1050"), target: u("1000"), step: 1000, want: "952380952380952380"},
		{name: "less work: up within band", current: One(), observed: u("950"), target: u("1000"), step: 1000, want: "1052631578947368421"},
		{name: "double work: down to exactly the lower bound", current: One(), observed: u("2000"), target: u("1000"), step: 5000, want: "500000000000000000"},
		{name: "quadruple work: clamped to lower bound", current: One(), observed: u("4000"), target: u("1000"), step: 5000, want: "500000000000000000"},
		{name: "half work: clamped to upper bound", current: One(), observed: u("50"), target: u("100"), step: 2500, want: "1250000000000000000"},
		{name: "one bps step up", current: One(), observed: u("1"), target: u("1000"), step: 1, want: "1000100000000000000"},
		{name: "one bps step down", current: One(), observed: u("1000"), target: u("1"), step: 1, want: "999900000000000000"},
		{name: "no work: max step up", current: One(), observed: u("0"), target: u("1000"), step: 1000, want: "1100000000000000000"},
		{name: "no work at max: stays at max", current: MaxAdjustment(), observed: u("0"), target: u("1000"), step: 5000, want: "1000000000000000000000000"},
		{name: "no work near max: clamped to max", current: u("900000000000000000000000"), observed: u("0"), target: u("1"), step: 5000, want: "1000000000000000000000000"},
		{name: "flood at min: stays at min", current: MinAdjustment(), observed: maxU256(), target: u("1"), step: 5000, want: "1000000000000"},
		{name: "flood near min: clamped to min", current: u("1200000000000"), observed: maxU256(), target: u("1"), step: 5000, want: "1000000000000"},
		{name: "ideal beyond max: clamped to max", current: u("999999000000000000000000"), observed: u("1"), target: u("1000000000000"), step: 10, want: "1000000000000000000000000"},
		{name: "ideal overflows 256 bits: upper bound", current: One(), observed: u("1"), target: maxU256(), step: 5000, want: "1500000000000000000"},
		{name: "bounds round down", current: u("1000000000001"), observed: u("0"), target: u("1"), step: 1, want: "1000100000001"},
		{name: "ideal rounds down", current: One(), observed: u("3"), target: u("2"), step: 5000, want: "666666666666666666"},
		{name: "zero current: clamped to min", current: u("0"), observed: u("1"), target: u("1"), step: 5000, want: "1000000000000"},
		{name: "huge current: clamped to max", current: u("0x1000000000000000000000000000000000000000000000000000"), observed: u("1"), target: u("1"), step: 1, want: "1000000000000000000000000"},
		{name: "current too large for the bound", current: maxU256(), observed: u("1"), target: u("1"), step: 1, wantErr: ErrOverflow},
		{name: "zero target", current: One(), observed: u("1"), target: u("0"), step: 1000, wantErr: ErrInvalidParams},
		{name: "zero step", current: One(), observed: u("1"), target: u("1"), step: 0, wantErr: ErrInvalidParams},
		{name: "step above limit", current: One(), observed: u("1"), target: u("1"), step: MaxStepBpsLimit + 1, wantErr: ErrInvalidParams},
		{name: "step of 100%", current: One(), observed: u("1"), target: u("1"), step: 10000, wantErr: ErrInvalidParams},
		{name: "nil current", current: nil, observed: u("1"), target: u("1"), step: 1000, wantErr: ErrNilValue},
		{name: "nil observed", current: One(), observed: nil, target: u("1"), step: 1000, wantErr: ErrNilValue},
		{name: "nil target", current: One(), observed: u("1"), target: nil, step: 1000, wantErr: ErrNilValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clone := func(v *uint256.Int) *uint256.Int {
				if v == nil {
					return nil
				}
				return v.Clone()
			}
			cur, obs, tgt := clone(tc.current), clone(tc.observed), clone(tc.target)
			got, err := NextAdjustment(tc.current, tc.observed, tc.target, tc.step)
			require.Equal(t, cur, tc.current, "current mutated")
			require.Equal(t, obs, tc.observed, "observed mutated")
			require.Equal(t, tgt, tc.target, "target mutated")
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				require.Nil(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got.Dec())
			require.NotSame(t, tc.current, got)
			require.False(t, got.Lt(MinAdjustment()))
			require.False(t, got.Gt(MaxAdjustment()))
			if tc.current.Cmp(MaxAdjustment()) <= 0 {
				ref := refNext(tc.current.ToBig(), tc.observed.ToBig(), tc.target.ToBig(), tc.step)
				require.Equal(t, ref.String(), got.Dec())
			}
		})
	}
}

func TestNextAdjustmentResultIsFresh(t *testing.T) {
	// Results that come from the bound constants must not alias them.
	a, err := NextAdjustment(MaxAdjustment(), u("0"), u("1"), 5000)
	require.NoError(t, err)
	a.Clear()
	b, err := NextAdjustment(MinAdjustment(), maxU256(), u("1"), 5000)
	require.NoError(t, err)
	b.Clear()
	require.Equal(t, "1000000000000000000000000", MaxAdjustment().Dec())
	require.Equal(t, "1000000000000", MinAdjustment().Dec())
	c, err := NextAdjustment(MaxAdjustment(), u("0"), u("1"), 5000)
	require.NoError(t, err)
	require.Equal(t, MaxAdjustment(), c)
}

func TestEpochParamsValidate(t *testing.T) {
	tests := []struct {
		name    string
		p       EpochParams
		wantErr error
	}{
		{name: "valid", p: EpochParams{Length: 3600, TargetComputeUnits: u("1000"), MaxStepBps: 1000}},
		{name: "smallest valid", p: EpochParams{Length: 1, TargetComputeUnits: u("1"), MaxStepBps: 1}},
		{name: "largest step", p: EpochParams{Length: 1, TargetComputeUnits: maxU256(), MaxStepBps: MaxStepBpsLimit}},
		{name: "zero length", p: EpochParams{Length: 0, TargetComputeUnits: u("1000"), MaxStepBps: 1000}, wantErr: ErrInvalidParams},
		{name: "nil target", p: EpochParams{Length: 1, MaxStepBps: 1000}, wantErr: ErrNilValue},
		{name: "zero target", p: EpochParams{Length: 1, TargetComputeUnits: u("0"), MaxStepBps: 1000}, wantErr: ErrInvalidParams},
		{name: "zero step", p: EpochParams{Length: 1, TargetComputeUnits: u("1"), MaxStepBps: 0}, wantErr: ErrInvalidParams},
		{name: "step too large", p: EpochParams{Length: 1, TargetComputeUnits: u("1"), MaxStepBps: 5001}, wantErr: ErrInvalidParams},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
		})
	}
}
