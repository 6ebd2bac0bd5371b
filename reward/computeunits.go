package reward

import (
	"math"
	"math/bits"
)

// FLOPsPerComputeUnit is the size of one compute unit: 10^9 floating-point
// (or integer multiply-add) operations.
const FLOPsPerComputeUnit = 1_000_000_000

// ComputeUnits is the standardized work metric, computed on chain from the
// parameter count the model registry holds and the token counts the miner
// signs, and by the miner the same way for its own accounting:
//
//	FLOPs         = 2 × parameters × tokens
//	compute_units = max(1, ceil(FLOPs / 10^9))
//
// "2 × parameters" is the usual count of operations of one forward pass per
// token (one multiply and one add per weight); tokens are input plus output
// tokens. Rounding is up, so every accepted job is worth at least one unit
// (the chain refuses a proof without output and a model without
// parameters, so the max only matters for those). The arithmetic is exact
// in 128 bits; a result above 2^64-1 saturates to 2^64-1, which is above
// every allowed per-proof cap.
//
// This is the one implementation: the precompile, the miner and every tool
// call it.
func ComputeUnits(parameters, tokens uint64) uint64 {
	hi, lo := bits.Mul64(parameters, tokens)
	// × 2
	if hi>>63 != 0 {
		return math.MaxUint64
	}
	hi, lo = hi<<1|lo>>63, lo<<1
	if hi >= FLOPsPerComputeUnit {
		return math.MaxUint64 // the quotient would not fit in 64 bits
	}
	q, r := bits.Div64(hi, lo, FLOPsPerComputeUnit)
	if r != 0 {
		if q == math.MaxUint64 {
			return q
		}
		q++
	}
	return max(q, 1)
}

// JobComputeUnits is ComputeUnits of a job of inputTokens + outputTokens
// tokens (the sum is exact: both are 32-bit).
func JobComputeUnits(parameters uint64, inputTokens, outputTokens uint32) uint64 {
	return ComputeUnits(parameters, uint64(inputTokens)+uint64(outputTokens))
}

// Tokens returns the token count of n bytes under a bytes-per-token rule:
// ceil(n / bytesPerToken). The built-in model's tokens are bytes
// (bytesPerToken 1); a model behind an HTTP back-end is counted with the
// ratio its registry entry holds (usually 4, the usual ratio for English
// text under BPE tokenizers), never with what a back-end reports. A
// bytesPerToken of 0 counts as 1, a negative n as 0.
func Tokens(n int, bytesPerToken uint64) uint64 {
	if bytesPerToken == 0 {
		bytesPerToken = 1
	}
	m := uint64(max(n, 0))
	return m/bytesPerToken + min(m%bytesPerToken, 1)
}
