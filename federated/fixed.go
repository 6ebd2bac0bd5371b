package federated

import (
	"math"

	"github.com/pars-network/aimining/proof"
)

// q32 is 2^32 as a float64: Q32.32 fixed point v means v / q32.
const q32 = float64(proof.Q32One)

// ToQ32 converts x to Q32.32 with round-half-to-even. |x| must be below
// 2^31; callers bound it first.
func ToQ32(x float64) int64 { return int64(math.RoundToEven(float64(x * q32))) }

// FromQ32 converts a Q32.32 value to float64 (exact for |v| < 2^53).
func FromQ32(v int64) float64 { return float64(v) / q32 }

// Floats returns a Q32 tensor's values as float64, for training.
func Floats(t *proof.Tensor) []float64 {
	out := make([]float64, len(t.Q32))
	for i, v := range t.Q32 {
		out[i] = FromQ32(v)
	}
	return out
}

// QuantizeModel builds a Q32 model tensor of the given shape from float64
// weights. It is how a round's first base model is made.
func QuantizeModel(shape []uint32, w []float64) *proof.Tensor {
	t := &proof.Tensor{DType: proof.DTypeQ32, Shape: append([]uint32(nil), shape...), Q32: make([]int64, len(w))}
	for i, x := range w {
		t.Q32[i] = ToQ32(x)
	}
	return t
}

// l2Norm is the Euclidean norm of float32 values, computed in float64 in
// element order. Each square of a float32 is exact in float64, each sum is
// rounded explicitly and math.Sqrt is correctly rounded, so every IEEE-754
// machine gets the same bits.
func l2Norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		f := float64(x)
		s = float64(s + float64(f*f))
	}
	return math.Sqrt(s)
}

// divFloor divides rounding toward negative infinity.
func divFloor(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
