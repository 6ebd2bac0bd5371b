package federated

import (
	"encoding/binary"
	"math"
	"math/rand/v2"

	"github.com/pars-network/aimining/proof"
)

// Synthetic is a labelled Gaussian-mixture task for tests, demos and the
// reference participant: class c draws x = Means[c] + N(0, Noise² I).
type Synthetic struct {
	Classes  int
	Features int
	Means    [][]float64
	Noise    float64
}

// NewSynthetic draws class means uniformly in [-Spread, Spread]^features
// from seed.
func NewSynthetic(seed uint64, classes, features int, spread, noise float64) *Synthetic {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := &Synthetic{Classes: classes, Features: features, Noise: noise, Means: make([][]float64, classes)}
	for c := range s.Means {
		s.Means[c] = make([]float64, features)
		for j := range s.Means[c] {
			s.Means[c][j] = (2*rng.Float64() - 1) * spread
		}
	}
	return s
}

// Model is the linear model for this task.
func (s *Synthetic) Model() Linear { return Linear{Classes: s.Classes, Features: s.Features} }

func (s *Synthetic) sample(rng *rand.Rand, label int) Example {
	x := make([]float64, s.Features)
	for j := range x {
		x[j] = s.Means[label][j] + rng.NormFloat64()*s.Noise
	}
	return Example{X: x, Label: label}
}

// Balanced draws n examples with labels cycling over all classes.
func (s *Synthetic) Balanced(seed uint64, n int) []Example {
	rng := rand.New(rand.NewPCG(seed, 2))
	out := make([]Example, n)
	for i := range out {
		out[i] = s.sample(rng, i%s.Classes)
	}
	return out
}

// NonIID draws n examples of which a fraction major come from the classes
// in favoured (uniformly) and the rest from any class: the skewed local
// data of one phone.
func (s *Synthetic) NonIID(seed uint64, n int, favoured []int, major float64) []Example {
	rng := rand.New(rand.NewPCG(seed, 3))
	out := make([]Example, n)
	for i := range out {
		label := rng.IntN(s.Classes)
		if len(favoured) > 0 && rng.Float64() < major {
			label = favoured[rng.IntN(len(favoured))]
		}
		out[i] = s.sample(rng, label)
	}
	return out
}

// ValidationHash commits to a validation set: HashInput of every example as
// label(4) ‖ features (float64 bits, 8 each), big-endian, in order. A
// round's transcript names the set its scores were computed on.
func ValidationHash(data []Example) proof.Hash {
	h := proof.DomainInput.NewHasher()
	var b [8]byte
	for _, e := range data {
		binary.BigEndian.PutUint32(b[:4], uint32(e.Label))
		_, _ = h.Write(b[:4])
		for _, x := range e.X {
			binary.BigEndian.PutUint64(b[:], math.Float64bits(x))
			_, _ = h.Write(b[:])
		}
	}
	var out proof.Hash
	h.Sum(out[:0])
	return out
}
