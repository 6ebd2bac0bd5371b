package builtin

import (
	"context"
	"math"
)

// The model's next-token distribution. Generate decodes greedily from the
// integer logits and never needs probabilities; scoring a text (how likely
// the model finds each byte of it, as an OpenAI-compatible server reports
// with echo and logprobs) needs a distribution, and this is it:
//
//	P(y | h) = softmax(logits(h) / LogitScale)[y]
//
// over the OutputVocab printable bytes. The logits of this network spread
// over about ±1.5·10⁵, so the scale puts the typical gap between the best
// and the fifth-best byte at a few nats. Bytes outside the output
// vocabulary are never produced and score ImpossibleLogprob. Scoring uses
// floating point; it is for off-chain judging only, never for consensus.
const (
	LogitScale        = 1 << 13
	ImpossibleLogprob = -1e4
)

// TokenLogprob scores one byte of a text: its log-probability (natural
// log) given every byte before it, and the model's most likely byte in
// that position with its log-probability. On a tie the lowest byte is
// the most likely, exactly as Generate picks it.
type TokenLogprob struct {
	Token      byte
	Logprob    float64
	Top        byte
	TopLogprob float64
}

// Logprobs scores every byte of text: entry i is text[i] given text[:i]
// (the first byte is scored from the zero hidden state). For a text that
// is input followed by Generate's output for it, every output byte is the
// Top of its entry. It checks ctx between bytes.
func (m *Model) Logprobs(ctx context.Context, text []byte) ([]TokenLogprob, error) {
	h := make([]int32, HiddenDim)
	scratch := make([]int32, HiddenDim)
	logits := make([]int32, OutputVocab)
	out := make([]TokenLogprob, len(text))
	for i, x := range text {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.logits(h, logits)
		best := 0
		for o := 1; o < OutputVocab; o++ {
			if logits[o] > logits[best] {
				best = o
			}
		}
		// log-sum-exp, shifted by the largest logit for stability.
		top := float64(logits[best]) / LogitScale
		var sum float64
		for _, l := range logits {
			sum += math.Exp(float64(l)/LogitScale - top)
		}
		lse := top + math.Log(sum)
		tl := TokenLogprob{Token: x, Logprob: ImpossibleLogprob, Top: byte(OutputBase + best), TopLogprob: top - lse}
		if o := int(x) - OutputBase; o >= 0 && o < OutputVocab {
			tl.Logprob = float64(logits[o])/LogitScale - lse
		}
		out[i] = tl
		if i+1 < len(text) {
			m.step(h, scratch, x)
		}
	}
	return out, nil
}

// logits writes the output logits for hidden state h into out.
func (m *Model) logits(h, out []int32) {
	for o := range out {
		acc := m.bo[o]
		row := m.wo[o*HiddenDim : o*HiddenDim+HiddenDim]
		for k, w := range row {
			acc += int32(w) * h[k]
		}
		out[o] = acc
	}
}
