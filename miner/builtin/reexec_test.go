package builtin_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/stretchr/testify/require"
)

func TestGenerateMACs(t *testing.T) {
	const step, pred = 64*256 + 256*256, 95 * 256
	require.Equal(t, step, builtin.MACsPerStep)
	require.Equal(t, pred, builtin.MACsPerPrediction)
	for _, tc := range []struct {
		in, out uint64
		want    uint64
		ok      bool
	}{
		{0, 0, 0, true},
		{1, 0, step, true},
		{0, 1, pred, true},
		{1, 1, step + pred, true},
		{0, 2, step + 2*pred, true},
		{64, 64, 127*step + 64*pred, true}, // the miner's default job: 11.96 M MACs
		{1 << 40, 1 << 40, (1<<41-1)*step + (1<<40)*pred, true},
		{math.MaxUint64 / step, 0, (math.MaxUint64 / step) * step, true},
		{math.MaxUint64/step + 1, 0, 0, false},
		{math.MaxUint64, 2, 0, false},
		{0, math.MaxUint64, 0, false},
		{math.MaxUint64/step - 5, 10, 0, false}, // steps fit, MACs overflow
	} {
		got, ok := builtin.GenerateMACs(tc.in, tc.out)
		require.Equal(t, tc.ok, ok, "%d in, %d out", tc.in, tc.out)
		require.Equal(t, tc.want, got, "%d in, %d out", tc.in, tc.out)
	}
}

// BenchmarkGenerateMACs reports the built-in model's speed in ns per
// multiply-accumulate, the unit the precompile prices re-execution in:
//
//	go test ./miner/builtin -run '^$' -bench GenerateMACs
func BenchmarkGenerateMACs(b *testing.B) {
	m := builtin.Default()
	for _, size := range []struct{ in, out int }{{64, 64}, {256, 128}, {1024, 256}} {
		b.Run(fmt.Sprintf("in-%d/out-%d", size.in, size.out), func(b *testing.B) {
			input := bytes.Repeat([]byte("The quick brown fox. "), size.in/21+1)[:size.in]
			macs, ok := builtin.GenerateMACs(uint64(size.in), uint64(size.out))
			if !ok {
				b.Fatal("overflow")
			}
			b.ResetTimer()
			for range b.N {
				if _, err := m.Generate(context.Background(), input, size.out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(macs), "ns/MAC")
			b.ReportMetric(float64(macs), "MACs/op")
		})
	}
}
