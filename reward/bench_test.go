package reward

import (
	"testing"

	"github.com/holiman/uint256"
	"github.com/stretchr/testify/require"
)

func BenchmarkReward(b *testing.B) {
	base := u("1000000000000000000")
	adj := u("1234567890123456789")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Reward(base, 1_000_000, adj, TrustSoftwareBps); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNextAdjustment(b *testing.B) {
	current, observed, target := One(), u("1234567"), u("1000000")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NextAdjustment(current, observed, target, 1000); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdvanceWorstCase measures the most expensive Advance: the closing
// epoch's step plus all MaxSkippedEpochSteps skipped-epoch steps, none of
// which reaches MaxAdjustment (1 bps steps from MinAdjustment), across 1e9
// skipped epochs.
func BenchmarkAdvanceWorstCase(b *testing.B) {
	p := EpochParams{Length: 600, TargetComputeUnits: u("1000000"), MaxStepBps: 1}
	s := EpochState{Index: 0, Start: 1_700_000_000, ComputeUnits: new(uint256.Int), Adjustment: MinAdjustment()}
	bt := s.Start + (1e9+1)*p.Length
	_, roll, err := Advance(s, p, bt)
	require.NoError(b, err)
	require.Equal(b, uint64(1e9), roll.SkippedEpochs)
	require.True(b, roll.NewAdjustment.Lt(MaxAdjustment()), "worst case must not stop early")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Advance(s, p, bt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdvanceSameEpoch measures the common case: a block inside the
// current epoch.
func BenchmarkAdvanceSameEpoch(b *testing.B) {
	p := EpochParams{Length: 600, TargetComputeUnits: u("1000000"), MaxStepBps: 1000}
	s := EpochState{Index: 3, Start: 1_700_001_800, ComputeUnits: u("4242"), Adjustment: One()}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Advance(s, p, s.Start+17); err != nil {
			b.Fatal(err)
		}
	}
}
