package miner

import (
	"math"
	"math/bits"
)

// FLOPsPerComputeUnit is the size of one compute unit: 10^9 floating-point
// (or integer multiply-add) operations.
const FLOPsPerComputeUnit = 1_000_000_000

// Tokens returns the number of tokens of a job for the compute-unit metric:
// ceil((inputBytes + outputBytes) / bytesPerToken). The built-in model's
// tokens are bytes (bytesPerToken = 1); for a model behind an HTTP back-end
// the miner cannot run the model's tokenizer and uses the configured
// bytes_per_token (default 4, the usual ratio for English text under BPE
// tokenizers). A bytesPerToken of 0 counts as 1.
func Tokens(inputBytes, outputBytes int, bytesPerToken uint64) uint64 {
	if bytesPerToken == 0 {
		bytesPerToken = 1
	}
	n := uint64(max(inputBytes, 0)) + uint64(max(outputBytes, 0))
	return (n + bytesPerToken - 1) / bytesPerToken
}

// ComputeUnits is the standardized work metric signed into every proof:
//
//	FLOPs         = 2 × parameters × tokens
//	compute_units = max(1, ceil(FLOPs / 10^9))
//
// "2 × parameters" is the usual count of operations of one forward pass per
// token (one multiply and one add per weight); tokens are input plus output
// tokens (see Tokens). The miner computes it from the model's parameter
// count and the work it did, never from what a back-end reports. The
// arithmetic is exact in 128 bits; a result above 2^64-1 saturates.
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
