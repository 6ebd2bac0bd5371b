package miner_test

import (
	"math"
	"testing"

	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/stretchr/testify/require"
)

func TestComputeUnits(t *testing.T) {
	tests := []struct {
		name               string
		parameters, tokens uint64
		want               uint64
	}{
		{"builtin model, one short job", builtin.Default().Parameters(), 80, 1}, // 1.97e7 FLOPs
		{"exactly one unit", 500_000_000, 1, 1},                                 // 1e9 FLOPs
		{"just above one unit rounds up", 1, 500_000_001, 2},                    // 1e9+2 FLOPs
		{"8B model, 1000 tokens", 8_000_000_000, 1000, 16_000},                  // 1.6e13 FLOPs
		{"7B model, one token", 7_000_000_000, 1, 14},
		{"70B model, 4096 tokens", 70_000_000_000, 4096, 573_440},
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
			require.Equal(t, tt.want, miner.ComputeUnits(tt.parameters, tt.tokens))
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in, out int
		bpt     uint64
		want    uint64
	}{
		{10, 5, 1, 15},
		{10, 5, 4, 4}, // ceil(15/4)
		{8, 8, 4, 4},
		{0, 0, 4, 0},
		{3, 0, 0, 3}, // 0 counts as 1
		{-5, 2, 1, 2},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, miner.Tokens(tt.in, tt.out, tt.bpt), "%+v", tt)
	}
}
