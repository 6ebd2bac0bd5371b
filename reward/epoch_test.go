package reward

import (
	"math"
	"math/big"
	"testing"

	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

const (
	testGenesis = 1_700_000_000
	testLength  = 600
)

func testParams(step uint16) EpochParams {
	return EpochParams{Length: testLength, TargetComputeUnits: u("1000"), MaxStepBps: step}
}

// testState is epoch 5 of a chain whose epoch 0 began at testGenesis.
func testState(cu string, adj *uint256.Int) EpochState {
	return EpochState{Index: 5, Start: testGenesis + 5*testLength, ComputeUnits: u(cu), Adjustment: adj}
}

func TestAdvance(t *testing.T) {
	start := uint64(testGenesis + 5*testLength)
	// Adjustment after closing an epoch with `cu` units at 1.0 and skipping
	// `skipped` empty epochs, from the reference implementation.
	ref := func(cu int64, step uint16, skipped uint64) string {
		return refAdvanceAdjustment(bigOne, big.NewInt(cu), big.NewInt(1000), step, skipped).String()
	}
	tests := []struct {
		name      string
		state     EpochState
		params    EpochParams
		blockTime uint64
		rolled    bool
		wantIndex uint64
		wantStart uint64
		wantAdj   string
		skipped   uint64
	}{
		{name: "first second of the epoch", state: testState("123", One()), params: testParams(1000), blockTime: start,
			wantIndex: 5, wantStart: start, wantAdj: "1000000000000000000"},
		{name: "last second of the epoch", state: testState("123", One()), params: testParams(1000), blockTime: start + testLength - 1,
			wantIndex: 5, wantStart: start, wantAdj: "1000000000000000000"},
		{name: "0 skipped: next epoch, first second", state: testState("1000", u("1050000000000000000")), params: testParams(1000), blockTime: start + testLength,
			rolled: true, wantIndex: 6, wantStart: start + testLength, wantAdj: "1000000000000000000"},
		{name: "0 skipped: next epoch, last second", state: testState("2000", One()), params: testParams(1000), blockTime: start + 2*testLength - 1,
			rolled: true, wantIndex: 6, wantStart: start + testLength, wantAdj: "900000000000000000"},
		{name: "0 skipped: under target", state: testState("123", One()), params: testParams(1000), blockTime: start + testLength,
			rolled: true, wantIndex: 6, wantStart: start + testLength, wantAdj: "1100000000000000000"},
		{name: "1 skipped", state: testState("123", One()), params: testParams(1000), blockTime: start + 2*testLength,
			rolled: true, wantIndex: 7, wantStart: start + 2*testLength, wantAdj: "1210000000000000000", skipped: 1},
		{name: "2 skipped", state: testState("123", One()), params: testParams(1000), blockTime: start + 3*testLength + 17,
			rolled: true, wantIndex: 8, wantStart: start + 3*testLength, wantAdj: "1331000000000000000", skipped: 2},
		{name: "2 skipped after overload: down, then up twice", state: testState("2000", One()), params: testParams(1000), blockTime: start + 3*testLength,
			rolled: true, wantIndex: 8, wantStart: start + 3*testLength, wantAdj: "1089000000000000000", skipped: 2},
		{name: "64 skipped: every step applied", state: testState("123", One()), params: testParams(1000), blockTime: start + 65*testLength,
			rolled: true, wantIndex: 70, wantStart: start + 65*testLength, wantAdj: ref(123, 1000, 64), skipped: 64},
		{name: "100 skipped: bounded to 64 steps", state: testState("123", One()), params: testParams(1000), blockTime: start + 101*testLength,
			rolled: true, wantIndex: 106, wantStart: start + 101*testLength, wantAdj: ref(123, 1000, 64), skipped: 100},
		{name: "100 skipped: stops at max", state: testState("0", One()), params: testParams(5000), blockTime: start + 101*testLength + 1,
			rolled: true, wantIndex: 106, wantStart: start + 101*testLength, wantAdj: "1000000000000000000000000", skipped: 100},
		{name: "1e9 skipped: bounded to 64 steps", state: testState("123", One()), params: testParams(1000), blockTime: start + (1e9+1)*testLength + 599,
			rolled: true, wantIndex: 5 + 1e9 + 1, wantStart: start + (1e9+1)*testLength, wantAdj: ref(123, 1000, 64), skipped: 1e9},
		{name: "1e9 skipped from min with 1 bps steps", state: testState("1", MinAdjustment()), params: testParams(1), blockTime: start + (1e9+1)*testLength,
			rolled: true, wantIndex: 5 + 1e9 + 1, wantStart: start + (1e9+1)*testLength,
			wantAdj: refAdvanceAdjustment(bigMinAdj, big.NewInt(1), big.NewInt(1000), 1, 1e9).String(), skipped: 1e9},
		{name: "to the end of time", state: EpochState{Index: 0, Start: 0, ComputeUnits: u("0"), Adjustment: One()},
			params: EpochParams{Length: 1, TargetComputeUnits: u("1"), MaxStepBps: 5000}, blockTime: math.MaxUint64,
			rolled: true, wantIndex: math.MaxUint64, wantStart: math.MaxUint64, wantAdj: "1000000000000000000000000", skipped: math.MaxUint64 - 1},
		{name: "epoch end beyond max uint64", state: EpochState{Index: 1, Start: math.MaxUint64 - 10, ComputeUnits: u("0"), Adjustment: One()},
			params: EpochParams{Length: math.MaxUint64 - 10, TargetComputeUnits: u("1"), MaxStepBps: 5000}, blockTime: math.MaxUint64,
			wantIndex: 1, wantStart: math.MaxUint64 - 10, wantAdj: "1000000000000000000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s0, p0 := cloneState(tc.state), cloneParams(tc.params)
			got, roll, err := Advance(tc.state, tc.params, tc.blockTime)
			require.NoError(t, err)
			require.Equal(t, s0, tc.state, "state mutated")
			require.Equal(t, p0, tc.params, "params mutated")

			require.Equal(t, tc.wantIndex, got.Index)
			require.Equal(t, tc.wantStart, got.Start)
			require.Equal(t, tc.wantAdj, got.Adjustment.Dec())
			require.NotSame(t, tc.state.Adjustment, got.Adjustment)
			require.NotSame(t, tc.state.ComputeUnits, got.ComputeUnits)
			require.Equal(t, tc.rolled, roll.Occurred())
			if !tc.rolled {
				require.Equal(t, tc.state, got)
				require.Equal(t, Rollover{}, roll)
				return
			}
			require.True(t, got.ComputeUnits.IsZero())
			require.Equal(t, Rollover{
				Index:         tc.state.Index,
				ComputeUnits:  tc.state.ComputeUnits,
				OldAdjustment: tc.state.Adjustment,
				NewAdjustment: got.Adjustment,
				SkippedEpochs: tc.skipped,
			}, roll)
			require.NotSame(t, tc.state.ComputeUnits, roll.ComputeUnits)
			require.NotSame(t, tc.state.Adjustment, roll.OldAdjustment)
			require.NotSame(t, got.Adjustment, roll.NewAdjustment)
		})
	}
}

func TestAdvanceSkippedStepsAreBounded(t *testing.T) {
	// With 1 bps steps from the minimum the adjustment never reaches the
	// maximum, so the cap alone decides how many steps are taken.
	p := testParams(1)
	s := testState("0", MinAdjustment())
	at := func(skipped uint64) *uint256.Int {
		got, roll, err := Advance(s, p, s.Start+(skipped+1)*testLength)
		require.NoError(t, err)
		require.Equal(t, skipped, roll.SkippedEpochs)
		return got.Adjustment
	}
	require.True(t, at(MaxSkippedEpochSteps-1).Lt(at(MaxSkippedEpochSteps)))
	for _, skipped := range []uint64{MaxSkippedEpochSteps + 1, 100, 1e9, (math.MaxUint64-s.Start)/testLength - 1} {
		require.Equal(t, at(MaxSkippedEpochSteps), at(skipped), "skipped %d", skipped)
	}
}

func TestAdvanceErrors(t *testing.T) {
	valid := testState("10", One())
	tests := []struct {
		name      string
		state     EpochState
		params    EpochParams
		blockTime uint64
		wantErr   error
	}{
		{name: "time went backwards", state: valid, params: testParams(1000), blockTime: valid.Start - 1, wantErr: ErrTimeWentBackwards},
		{name: "time far in the past", state: valid, params: testParams(1000), blockTime: 0, wantErr: ErrTimeWentBackwards},
		{name: "zero length", state: valid, params: EpochParams{TargetComputeUnits: u("1"), MaxStepBps: 1}, blockTime: valid.Start, wantErr: ErrInvalidParams},
		{name: "nil target", state: valid, params: EpochParams{Length: 1, MaxStepBps: 1}, blockTime: valid.Start, wantErr: ErrNilValue},
		{name: "zero target", state: valid, params: EpochParams{Length: 1, TargetComputeUnits: u("0"), MaxStepBps: 1}, blockTime: valid.Start, wantErr: ErrInvalidParams},
		{name: "step out of range", state: valid, params: EpochParams{Length: 1, TargetComputeUnits: u("1"), MaxStepBps: 5001}, blockTime: valid.Start, wantErr: ErrInvalidParams},
		{name: "nil compute units", state: EpochState{Index: 0, Start: 0, Adjustment: One()}, params: testParams(1000), blockTime: 0, wantErr: ErrNilValue},
		{name: "nil adjustment", state: EpochState{Index: 0, Start: 0, ComputeUnits: u("0")}, params: testParams(1000), blockTime: 0, wantErr: ErrNilValue},
		{name: "adjustment below min", state: testState("0", u("999999999999")), params: testParams(1000), blockTime: valid.Start, wantErr: ErrInvalidState},
		{name: "adjustment above max", state: testState("0", u("1000000000000000000000001")), params: testParams(1000), blockTime: valid.Start, wantErr: ErrInvalidState},
		{name: "genesis before time 0", state: EpochState{Index: 2, Start: 2*testLength - 1, ComputeUnits: u("0"), Adjustment: One()},
			params: testParams(1000), blockTime: 1e10, wantErr: ErrInvalidState},
		{name: "index × length overflows", state: EpochState{Index: math.MaxUint64, Start: math.MaxUint64, ComputeUnits: u("0"), Adjustment: One()},
			params: testParams(1000), blockTime: math.MaxUint64, wantErr: ErrInvalidState},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s0 := cloneState(tc.state)
			got, roll, err := Advance(tc.state, tc.params, tc.blockTime)
			require.ErrorIs(t, err, tc.wantErr)
			require.Equal(t, EpochState{}, got)
			require.Equal(t, Rollover{}, roll)
			require.Equal(t, s0, tc.state, "state mutated")
		})
	}
}

func TestAdvanceGenesisAlignment(t *testing.T) {
	// Epoch boundaries are genesis + k×Length, also when the chain's first
	// block comes late or blocks are sparse.
	p := testParams(1000)
	s := EpochState{Index: 0, Start: testGenesis, ComputeUnits: u("0"), Adjustment: One()}
	for _, bt := range []uint64{testGenesis + 1, testGenesis + 650, testGenesis + 1799, testGenesis + 1800, testGenesis + 123_456} {
		next, _, err := Advance(s, p, bt)
		require.NoError(t, err)
		require.Zero(t, (next.Start-testGenesis)%testLength)
		require.Equal(t, (bt-testGenesis)/testLength, next.Index)
		require.Equal(t, testGenesis+next.Index*testLength, next.Start)
		s = next
	}
}
