package builtin

import "math/bits"

// Cost of a forward pass in multiply-accumulates (MACs), the unit the
// precompile prices re-execution in. Every MAC is one int8 × int8/int32
// product added to an int32 accumulator.
const (
	// MACsPerStep is one hidden-state update: Wx·e (HiddenDim × EmbedDim)
	// plus Wh·h (HiddenDim × HiddenDim).
	MACsPerStep = HiddenDim*EmbedDim + HiddenDim*HiddenDim
	// MACsPerPrediction is one output projection Wo·h (OutputVocab ×
	// HiddenDim).
	MACsPerPrediction = OutputVocab * HiddenDim
)

// GenerateMACs returns the MACs Generate performs for inputTokens input
// bytes and outputTokens output tokens: one step per input byte, one
// prediction per output token, and one step per output token but the last
// (the last token is never fed back). ok is false if the count overflows a
// uint64.
func GenerateMACs(inputTokens, outputTokens uint64) (macs uint64, ok bool) {
	steps := inputTokens
	if outputTokens > 0 {
		var carry uint64
		steps, carry = bits.Add64(steps, outputTokens-1, 0)
		if carry != 0 {
			return 0, false
		}
	}
	hi, stepMACs := bits.Mul64(steps, MACsPerStep)
	if hi != 0 {
		return 0, false
	}
	hi, predMACs := bits.Mul64(outputTokens, MACsPerPrediction)
	if hi != 0 {
		return 0, false
	}
	macs, carry := bits.Add64(stepMACs, predMACs, 0)
	return macs, carry == 0
}
