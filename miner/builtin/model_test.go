package builtin_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// Golden values: changing the weights, their encoding or the forward pass
// changes the model hash every proof carries, so these must only change
// together with a new model name.
const (
	goldenModelHash  = "f3e38629b4a72bf8a35d8d9868b48eccb8ef73becfe3c67b63cf570e6a29553a"
	goldenParameters = 122975
)

func TestModelHashGolden(t *testing.T) {
	m := builtin.Default()
	h := m.Hash()
	require.Equal(t, goldenModelHash, hex.EncodeToString(h[:]))
	require.Equal(t, uint64(goldenParameters), m.Parameters())

	// The hash is proof.HashModel of the canonical weight bytes.
	w := m.Weights()
	again, err := proof.HashModel(bytes.NewReader(w))
	require.NoError(t, err)
	require.Equal(t, h, again)
	require.Equal(t, "PARSRNN1", string(w[:8]))
	// 8-byte magic, six u32 dimensions, int8 tensors, int32 biases.
	int8s := builtin.InputVocab*builtin.EmbedDim + builtin.HiddenDim*builtin.EmbedDim + builtin.HiddenDim*builtin.HiddenDim + builtin.OutputVocab*builtin.HiddenDim
	require.Len(t, w, 8+6*4+int8s+4*(builtin.HiddenDim+builtin.OutputVocab))
}

func TestGenerateGolden(t *testing.T) {
	tests := []struct {
		input     string
		maxTokens int
		want      string
	}{
		{"Hello, world", 16, "+rvmA-grvrvrvrIK"},
		{"What is the capital of France?", 16, "0x-xP0-|vmAogrvr"},
		{"a", 8, "++++++++"},
		{"Hello, world", 0, ""},
	}
	m := builtin.Default()
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			out, err := m.Generate(context.Background(), []byte(tt.input), tt.maxTokens)
			require.NoError(t, err)
			require.Equal(t, tt.want, string(out))
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	m := builtin.Default()
	inputs := []string{"Explain proof of work in one sentence.", "Why is the sky blue?", "\x00\xff binary input"}
	seen := map[string]bool{}
	for _, in := range inputs {
		a, err := m.Generate(context.Background(), []byte(in), 48)
		require.NoError(t, err)
		b, err := m.Generate(context.Background(), []byte(in), 48)
		require.NoError(t, err)
		require.Equal(t, a, b, "same input, same output")
		require.Len(t, a, 48)
		for _, c := range a {
			require.True(t, c >= 0x20 && c <= 0x7e, "output byte %#x is not printable ASCII", c)
		}
		seen[string(a)] = true
	}
	require.Len(t, seen, len(inputs), "different inputs give different outputs")
	// Generation is a prefix-stable process: fewer tokens give a prefix.
	long, err := m.Generate(context.Background(), []byte(inputs[0]), 48)
	require.NoError(t, err)
	short, err := m.Generate(context.Background(), []byte(inputs[0]), 10)
	require.NoError(t, err)
	require.Equal(t, long[:10], short)
}

func TestGenerateErrors(t *testing.T) {
	m := builtin.Default()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := m.Generate(ctx, []byte("hi"), 4)
	require.ErrorIs(t, err, context.Canceled)
	_, err = m.Generate(context.Background(), []byte("hi"), -1)
	require.Error(t, err)
}

func TestEmbed(t *testing.T) {
	m := builtin.Default()
	ctx := context.Background()
	a, err := m.Embed(ctx, []byte("Why is the sky blue?"))
	require.NoError(t, err)
	require.Len(t, a, builtin.EmbeddingDim)
	again, err := m.Embed(ctx, []byte("Why is the sky blue?"))
	require.NoError(t, err)
	require.Equal(t, builtin.EncodeEmbedding(a), builtin.EncodeEmbedding(again), "same input, same bytes")
	var sq float64
	for _, f := range a {
		require.GreaterOrEqual(t, f, float32(0))
		sq += float64(f) * float64(f)
	}
	require.InDelta(t, 1.0, sq, 1e-5, "unit length")
	b, err := m.Embed(ctx, []byte("What is the capital of France?"))
	require.NoError(t, err)
	require.NotEqual(t, a, b)

	// Golden: the canonical bytes (little-endian float32) of two inputs.
	for in, want := range map[string]string{
		"Hello, world": goldenEmbedHello,
		"a":            goldenEmbedA,
	} {
		v, err := m.Embed(ctx, []byte(in))
		require.NoError(t, err)
		enc := builtin.EncodeEmbedding(v)
		require.Len(t, enc, 4*builtin.EmbeddingDim)
		sum := sha256.Sum256(enc)
		require.Equal(t, want, hex.EncodeToString(sum[:]), "input %q", in)
	}

	_, err = m.Embed(ctx, nil)
	require.Error(t, err)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = m.Embed(cctx, []byte("hi"))
	require.ErrorIs(t, err, context.Canceled)
}

// SHA-256 of the canonical embedding bytes; they change only with the
// model.
const (
	goldenEmbedHello = "5d71ceca7c37e1c96733cf394a900e7429693a6e16ae51b4cc64c3ea1ad81674"
	goldenEmbedA     = "d2270f7f91327afb0065adeb07c6758e14c2025aa74a724aebce92728d35937b"
)
