package federated

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/pars-network/aimining/proof"
)

// Linear is a multinomial logistic-regression model (softmax regression)
// over Features inputs and Classes outputs. Its parameters are one tensor
// of shape [Classes, Features+1], row-major, the last column the bias. It
// is the model phones train: small, pure Go, no GPU.
type Linear struct {
	Classes  int
	Features int
}

// Shape is the parameter tensor's shape.
func (m Linear) Shape() []uint32 { return []uint32{uint32(m.Classes), uint32(m.Features + 1)} }

// Size is the number of parameters.
func (m Linear) Size() int { return m.Classes * (m.Features + 1) }

// Check reports whether t is a model of this shape.
func (m Linear) Check(t *proof.Tensor) error {
	want := proof.Tensor{Shape: m.Shape()}
	if !t.SameShape(&want) {
		return fmt.Errorf("federated: model shape %v, want %v", t.Shape, want.Shape)
	}
	return nil
}

// Example is one labelled input.
type Example struct {
	X     []float64
	Label int
}

// logits computes the class scores of x under w, rounding every product and
// sum explicitly in a fixed order, so the result is the same on every
// IEEE-754 machine.
func (m Linear) logits(w, x []float64, out []float64) {
	stride := m.Features + 1
	for c := 0; c < m.Classes; c++ {
		row := w[c*stride : (c+1)*stride]
		s := row[m.Features]
		for j := 0; j < m.Features; j++ {
			s = float64(s + float64(row[j]*x[j]))
		}
		out[c] = s
	}
}

// Predict returns the class with the highest score (the lowest index on a tie).
func (m Linear) Predict(w, x []float64) int {
	z := make([]float64, m.Classes)
	m.logits(w, x, z)
	best := 0
	for c := 1; c < m.Classes; c++ {
		if z[c] > z[best] {
			best = c
		}
	}
	return best
}

// Accuracy is the fraction of examples predicted right.
func (m Linear) Accuracy(w []float64, data []Example) float64 {
	if len(data) == 0 {
		return 0
	}
	right := 0
	for _, e := range data {
		if m.Predict(w, e.X) == e.Label {
			right++
		}
	}
	return float64(right) / float64(len(data))
}

// HingeLoss is the mean multiclass hinge loss
//
//	(1/N) Σ_n Σ_{c≠y_n} max(0, 1 + z_c − z_{y_n})
//
// computed with additions, multiplications and comparisons only, in a fixed
// order, and returned in integer nano-units (round-half-to-even of loss ×
// 1e9). It is the scoring loss: deterministic on every IEEE-754 machine.
func (m Linear) HingeLoss(w []float64, data []Example) int64 {
	if len(data) == 0 {
		return 0
	}
	z := make([]float64, m.Classes)
	var total float64
	for _, e := range data {
		m.logits(w, e.X, z)
		for c := 0; c < m.Classes; c++ {
			if c == e.Label {
				continue
			}
			if v := float64(1 + float64(z[c]-z[e.Label])); v > 0 {
				total = float64(total + v)
			}
		}
	}
	return int64(math.RoundToEven(float64(float64(total/float64(len(data))) * 1e9)))
}

// TrainConfig is local training: Epochs passes of mini-batch SGD on the
// cross-entropy loss with learning rate LR and L2 weight decay.
type TrainConfig struct {
	Epochs      int
	BatchSize   int
	LR          float64
	WeightDecay float64
	Seed        uint64 // shuffling
}

// Train runs local training from w (which it does not modify) on data and
// returns the trained weights. It runs off-chain, on the participant's
// device, so it may use exp.
func (m Linear) Train(w []float64, data []Example, cfg TrainConfig) []float64 {
	out := append([]float64(nil), w...)
	if len(data) == 0 {
		return out
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 16
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	stride := m.Features + 1
	grad := make([]float64, len(out))
	z := make([]float64, m.Classes)
	for ep := 0; ep < cfg.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for start := 0; start < len(order); start += cfg.BatchSize {
			end := min(start+cfg.BatchSize, len(order))
			clear(grad)
			for _, idx := range order[start:end] {
				e := data[idx]
				m.logits(out, e.X, z)
				softmax(z)
				for c := 0; c < m.Classes; c++ {
					g := z[c]
					if c == e.Label {
						g--
					}
					row := grad[c*stride : (c+1)*stride]
					for j := 0; j < m.Features; j++ {
						row[j] += g * e.X[j]
					}
					row[m.Features] += g
				}
			}
			scale := cfg.LR / float64(end-start)
			for i := range out {
				out[i] -= scale*grad[i] + cfg.LR*cfg.WeightDecay*out[i]
			}
		}
	}
	return out
}

func softmax(z []float64) {
	hi := z[0]
	for _, v := range z[1:] {
		hi = max(hi, v)
	}
	var s float64
	for i, v := range z {
		z[i] = math.Exp(v - hi)
		s += z[i]
	}
	for i := range z {
		z[i] /= s
	}
}
