package builtin_test

import (
	"context"
	"math"
	"testing"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/stretchr/testify/require"
)

func TestLogprobsAgreeWithGenerate(t *testing.T) {
	m := builtin.Default()
	for _, input := range []string{"Hello, world", "What is the capital of France?", "a", ""} {
		out, err := m.Generate(context.Background(), []byte(input), 32)
		require.NoError(t, err)
		text := append([]byte(input), out...)
		lps, err := m.Logprobs(context.Background(), text)
		require.NoError(t, err)
		require.Len(t, lps, len(text))
		for i, lp := range lps {
			require.Equal(t, text[i], lp.Token)
			require.LessOrEqual(t, lp.Logprob, lp.TopLogprob, "byte %d", i)
			require.LessOrEqual(t, lp.TopLogprob, 0.0)
			require.Greater(t, lp.TopLogprob, -math.Log(builtin.OutputVocab)-1e-9, "the top byte has at least the uniform share")
			if i >= len(input) {
				// Generate's output is the top byte at every position.
				require.Equal(t, lp.Top, lp.Token, "%q output byte %d", input, i-len(input))
				require.Equal(t, lp.TopLogprob, lp.Logprob)
			}
		}
	}
}

func TestLogprobsScoreContext(t *testing.T) {
	m := builtin.Default()
	lps, err := m.Logprobs(context.Background(), []byte("ab\x00\xffc"))
	require.NoError(t, err)
	require.Equal(t, builtin.ImpossibleLogprob, lps[2].Logprob, "NUL is never produced")
	require.Equal(t, builtin.ImpossibleLogprob, lps[3].Logprob, "0xff is never produced")
	require.Greater(t, lps[4].Logprob, builtin.ImpossibleLogprob)

	// A byte's score depends on the bytes before it, not after it.
	a, err := m.Logprobs(context.Background(), []byte("xyz"))
	require.NoError(t, err)
	b, err := m.Logprobs(context.Background(), []byte("xyQ"))
	require.NoError(t, err)
	require.Equal(t, a[:2], b[:2])
	c, err := m.Logprobs(context.Background(), []byte("Qyz"))
	require.NoError(t, err)
	require.NotEqual(t, a[1].Logprob, c[1].Logprob)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = m.Logprobs(ctx, []byte("abc"))
	require.ErrorIs(t, err, context.Canceled)
}
