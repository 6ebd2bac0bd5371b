// Package builtin is the miner's built-in inference back-end: a small
// character-level recurrent neural network that runs on the CPU in pure Go
// and needs nothing installed.
//
// The network is an Elman RNN over bytes:
//
//	e_t = E[x_t]                                   embedding, 256 × 64
//	h_t = clamp((max(0, Wx·e_t + Wh·h_{t-1} + bh)) >> 10, 0, 127)
//	y_t = Wo·h_t + bo                              95 logits (printable ASCII)
//
// Weights are int8, biases int32, accumulators int32 and the hidden state is
// requantized to 0..127 by an arithmetic shift, so a forward pass is pure
// integer arithmetic: the same input gives the same output bytes on every
// platform and Go version. Decoding is greedy (the lowest index wins a tie)
// and always emits exactly the requested number of tokens, each a printable
// ASCII byte, so outputs are valid UTF-8 and travel unchanged through JSON.
//
// The model also embeds text (Embed): the mean of the hidden states
// h_1..h_n over the input, scaled to unit length. Pooling and the squared
// norm are exact integer sums; the only floating-point steps are one
// square root and one division per element at the end, both correctly
// rounded in IEEE 754, so embeddings are bit-identical everywhere too.
//
// The weights are generated once from a fixed seed with ChaCha8 and have a
// canonical byte encoding (Weights); the model is identified on chain by
// proof.HashModel of those bytes.
package builtin

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/pars-network/aimining/proof"
)

// Name is the model's name in the miner's configuration and on the
// OpenAI-compatible API.
const Name = "pars-tiny-rnn-v1"

// Dimensions of the network.
const (
	InputVocab  = 256 // every byte is an input token
	EmbedDim    = 64
	HiddenDim   = 256
	OutputVocab = 95   // printable ASCII, 0x20..0x7e
	OutputBase  = 0x20 // the byte of output token 0
	Shift       = 10   // requantization shift of the hidden state
	HiddenMax   = 127  // hidden activations lie in 0..HiddenMax
)

// weightsMagic starts the canonical weight encoding.
const weightsMagic = "PARSRNN1"

// seedText is hashed into the ChaCha8 seed the weights are drawn from.
const seedText = "pars-miner builtin model pars-tiny-rnn-v1 weights"

// Model is the built-in network with its weights. It is immutable and safe
// for concurrent use; each call to Generate runs on the calling goroutine.
type Model struct {
	emb     []int8  // InputVocab × EmbedDim
	wx      []int8  // HiddenDim × EmbedDim
	wh      []int8  // HiddenDim × HiddenDim
	bh      []int32 // HiddenDim
	wo      []int8  // OutputVocab × HiddenDim
	bo      []int32 // OutputVocab
	weights []byte  // canonical encoding
	hash    proof.Hash
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the built-in model. The weights are generated on first
// use and shared afterwards.
func Default() *Model {
	defaultOnce.Do(func() { defaultModel = generate() })
	return defaultModel
}

// generate draws the weights from the fixed seed.
func generate() *Model {
	seed := sha256.Sum256([]byte(seedText))
	src := rand.NewChaCha8(seed)
	int8s := func(n int) []int8 {
		raw := make([]byte, n)
		_, _ = src.Read(raw) // ChaCha8.Read never fails
		out := make([]int8, n)
		for i, b := range raw {
			out[i] = int8(b)
		}
		return out
	}
	biases := func(n int) []int32 {
		out := make([]int32, n)
		for i, w := range int8s(n) {
			out[i] = int32(w) << 6
		}
		return out
	}
	m := &Model{
		emb: int8s(InputVocab * EmbedDim),
		wx:  int8s(HiddenDim * EmbedDim),
		wh:  int8s(HiddenDim * HiddenDim),
		bh:  biases(HiddenDim),
		wo:  int8s(OutputVocab * HiddenDim),
		bo:  biases(OutputVocab),
	}
	m.weights = m.encode()
	h, err := proof.HashModel(bytes.NewReader(m.weights))
	if err != nil {
		panic(fmt.Sprintf("builtin: hash weights: %v", err)) // a bytes.Reader never fails
	}
	m.hash = h
	return m
}

// encode returns the canonical weight encoding:
//
//	"PARSRNN1" input_vocab(u32) embed_dim(u32) hidden_dim(u32)
//	output_vocab(u32) output_base(u32) shift(u32)
//	emb wx wh (int8, row-major) bh (int32 BE) wo (int8) bo (int32 BE)
func (m *Model) encode() []byte {
	b := make([]byte, 0, len(weightsMagic)+6*4+len(m.emb)+len(m.wx)+len(m.wh)+4*len(m.bh)+len(m.wo)+4*len(m.bo))
	b = append(b, weightsMagic...)
	for _, v := range []uint32{InputVocab, EmbedDim, HiddenDim, OutputVocab, OutputBase, Shift} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	i8 := func(ws []int8) {
		for _, w := range ws {
			b = append(b, byte(w))
		}
	}
	i32 := func(ws []int32) {
		for _, w := range ws {
			b = binary.BigEndian.AppendUint32(b, uint32(w))
		}
	}
	i8(m.emb)
	i8(m.wx)
	i8(m.wh)
	i32(m.bh)
	i8(m.wo)
	i32(m.bo)
	return b
}

// Weights returns a copy of the canonical weight encoding.
func (m *Model) Weights() []byte { return bytes.Clone(m.weights) }

// Hash returns proof.HashModel of the canonical weights: the model hash
// placed in every WorkContext computed with this model.
func (m *Model) Hash() proof.Hash { return m.hash }

// Parameters returns the number of weights and biases.
func (m *Model) Parameters() uint64 {
	return uint64(len(m.emb) + len(m.wx) + len(m.wh) + len(m.bh) + len(m.wo) + len(m.bo))
}

// step advances the hidden state h by one input token x, in place.
func (m *Model) step(h, next []int32, x byte) {
	e := m.emb[int(x)*EmbedDim : int(x)*EmbedDim+EmbedDim]
	for i := 0; i < HiddenDim; i++ {
		acc := m.bh[i]
		row := m.wx[i*EmbedDim : i*EmbedDim+EmbedDim]
		for j, w := range row {
			acc += int32(w) * int32(e[j])
		}
		row = m.wh[i*HiddenDim : i*HiddenDim+HiddenDim]
		for k, w := range row {
			acc += int32(w) * h[k]
		}
		if acc < 0 {
			acc = 0
		}
		acc >>= Shift
		if acc > HiddenMax {
			acc = HiddenMax
		}
		next[i] = acc
	}
	copy(h, next)
}

// predict returns the output token with the largest logit for hidden
// state h (the lowest index on a tie).
func (m *Model) predict(h []int32) byte {
	best, bestLogit := 0, int32(0)
	for o := 0; o < OutputVocab; o++ {
		acc := m.bo[o]
		row := m.wo[o*HiddenDim : o*HiddenDim+HiddenDim]
		for k, w := range row {
			acc += int32(w) * h[k]
		}
		if o == 0 || acc > bestLogit {
			best, bestLogit = o, acc
		}
	}
	return byte(OutputBase + best)
}

// Generate runs the network over input and then decodes maxTokens output
// bytes greedily. It checks ctx between tokens and returns ctx.Err() if it
// is cancelled. The output depends only on input and maxTokens.
func (m *Model) Generate(ctx context.Context, input []byte, maxTokens int) ([]byte, error) {
	if maxTokens < 0 {
		return nil, fmt.Errorf("builtin: negative token count %d", maxTokens)
	}
	h := make([]int32, HiddenDim)
	scratch := make([]int32, HiddenDim)
	for _, x := range input {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.step(h, scratch, x)
	}
	out := make([]byte, 0, maxTokens)
	for t := 0; t < maxTokens; t++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		y := m.predict(h)
		out = append(out, y)
		if t+1 < maxTokens {
			m.step(h, scratch, y)
		}
	}
	return out, nil
}

// EmbeddingDim is the length of an embedding (one element per hidden unit).
const EmbeddingDim = HiddenDim

// MaxEmbedInput bounds the input of Embed: below it the pooled sums and
// their squared norm fit a uint64 exactly.
const MaxEmbedInput = 1 << 21

// Embed returns the embedding of input: the hidden states of the network
// over every input byte, mean-pooled and scaled to unit Euclidean length
// (all zeros if every hidden state is zero). The result depends only on
// input and is bit-identical on every platform.
func (m *Model) Embed(ctx context.Context, input []byte) ([]float32, error) {
	if len(input) == 0 {
		return nil, errors.New("builtin: empty embedding input")
	}
	if len(input) > MaxEmbedInput {
		return nil, fmt.Errorf("builtin: embedding input of %d bytes exceeds %d", len(input), MaxEmbedInput)
	}
	h := make([]int32, HiddenDim)
	scratch := make([]int32, HiddenDim)
	sums := make([]uint64, HiddenDim)
	for _, x := range input {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.step(h, scratch, x)
		for i, v := range h {
			sums[i] += uint64(v) // 0..HiddenMax
		}
	}
	// Scaling to unit length makes the division by n of the mean moot.
	var sq uint64
	for _, s := range sums {
		sq += s * s // ≤ 256 × (127 × 2²¹)² < 2⁶⁴
	}
	out := make([]float32, HiddenDim)
	if sq == 0 {
		return out, nil
	}
	norm := math.Sqrt(float64(sq))
	for i, s := range sums {
		out[i] = float32(float64(s) / norm)
	}
	return out, nil
}

// EncodeEmbedding returns the canonical bytes of an embedding: its
// elements as little-endian IEEE 754 float32, in order. Proofs of
// embedding work hash these bytes as the output, and they are the data of
// the float32 tensor a miner returns to the gateway.
func EncodeEmbedding(v []float32) []byte {
	b := make([]byte, 0, 4*len(v))
	for _, f := range v {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
	}
	return b
}
