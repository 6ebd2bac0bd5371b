package reward

import (
	"math"
	"testing"
)

func TestComputeUnits(t *testing.T) {
	tests := []struct {
		name               string
		parameters, tokens uint64
		want               uint64
	}{
		{"builtin model, one short job", 122_975, 80, 1},       // 1.97e7 FLOPs
		{"exactly one unit", 500_000_000, 1, 1},                // 1e9 FLOPs
		{"just above one unit rounds up", 1, 500_000_001, 2},   // 1e9+2 FLOPs
		{"8B model, 1000 tokens", 8_000_000_000, 1000, 16_000}, // 1.6e13 FLOPs
		{"7B model, one token", 7_000_000_000, 1, 14},
		{"70B model, 4096 tokens", 70_000_000_000, 4096, 573_440},
		{"405B model, 26 tokens", 405_000_000_000, 26, 21_060},
		{"no work is still at least one unit", 0, 0, 1},
		{"no tokens", 8_000_000_000, 0, 1},
		{"product above 2^64 is exact", 1 << 40, 1 << 40, 2_417_851_639_229_259}, // 2^81 / 1e9 rounded up
		{"saturates", math.MaxUint64, math.MaxUint64, math.MaxUint64},
		{"largest exact result", 9_223_372_036_854_775_807, 1_000_000_000, 18_446_744_073_709_551_614},
		{"quotient above 2^64 saturates", 1 << 62, 1 << 40, math.MaxUint64},
		{"doubling above 2^128 saturates", math.MaxUint64, 1<<63 + 1, math.MaxUint64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ComputeUnits(tt.parameters, tt.tokens); got != tt.want {
				t.Fatalf("ComputeUnits(%d, %d) = %d, want %d", tt.parameters, tt.tokens, got, tt.want)
			}
		})
	}
}

func TestJobComputeUnits(t *testing.T) {
	tests := []struct {
		parameters    uint64
		input, output uint32
		want          uint64
	}{
		{122_975, 60, 20, 1},
		{8_000_000_000, 600, 400, 16_000},
		// The sum of two 32-bit counts does not wrap.
		{500_000_000, math.MaxUint32, math.MaxUint32, 2 * math.MaxUint32},
	}
	for _, tt := range tests {
		if got := JobComputeUnits(tt.parameters, tt.input, tt.output); got != tt.want {
			t.Errorf("JobComputeUnits(%d, %d, %d) = %d, want %d", tt.parameters, tt.input, tt.output, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		n    int
		bpt  uint64
		want uint64
	}{
		{15, 1, 15},
		{15, 4, 4}, // ceil(15/4)
		{16, 4, 4},
		{0, 4, 0},
		{3, 0, 3}, // 0 counts as 1
		{-5, 1, 0},
		{math.MaxInt, math.MaxUint64, 1},
		{math.MaxInt, 1, math.MaxInt},
	}
	for _, tt := range tests {
		if got := Tokens(tt.n, tt.bpt); got != tt.want {
			t.Errorf("Tokens(%d, %d) = %d, want %d", tt.n, tt.bpt, got, tt.want)
		}
	}
}
