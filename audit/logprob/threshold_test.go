package logprob_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/pars-network/aimining/audit/logprob"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/stretchr/testify/require"
)

// serve starts the built-in model's OpenAI server on 127.0.0.1 at a port
// chosen at run time and returns a checker against it.
func serve(t *testing.T, th logprob.Thresholds, opts ...openaiserver.Option) *logprob.Checker {
	t.Helper()
	srv := httptest.NewServer(openaiserver.New(nil, opts...))
	t.Cleanup(srv.Close)
	client, err := openai.NewClient(srv.URL, openai.Options{})
	require.NoError(t, err)
	c, err := logprob.NewChecker(client, builtin.Name, th)
	require.NoError(t, err)
	return c
}

const printable = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

func randomText(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = printable[r.IntN(len(printable))]
	}
	return string(b)
}

// measurementPrompts are the prompts of the threshold measurement:
// questions and instructions as a gateway sends them, and random printable
// text of many lengths.
func measurementPrompts(r *rand.Rand) []string {
	prompts := []string{
		"What is the capital of France?",
		"Why is the sky blue?",
		"Write a haiku about the sea.",
		"Explain proof of work in one sentence.",
		"Translate 'good morning' into Persian.",
		"List three prime numbers.",
		"Hello, world",
		"Summarise the plot of Hamlet.",
		"a",
		"The quick brown fox jumps over the lazy dog.",
	}
	for len(prompts) < 40 {
		prompts = append(prompts, randomText(r, 4+r.IntN(120)))
	}
	return prompts
}

// fabrications of an honest output: random printable text of the same
// length, a shuffle of it, and the output with 10% of its characters
// changed. A fabrication equal to the honest output is dropped.
func fabrications(r *rand.Rand, honest string) map[string]string {
	out := map[string]string{"random": randomText(r, len(honest))}
	b := []byte(honest)
	r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
	out["shuffled"] = string(b)
	b = []byte(honest)
	k := int(math.Ceil(0.1 * float64(len(b))))
	for _, i := range r.Perm(len(b))[:k] {
		c := b[i]
		for c == b[i] {
			c = printable[r.IntN(len(printable))]
		}
		b[i] = c
	}
	out["10% changed"] = string(b)
	for name, f := range out {
		if f == honest {
			delete(out, name)
		}
	}
	return out
}

type summary struct {
	n                   int
	meanLo, meanHi      float64
	minLo, minHi        float64
	rejectedBy          map[string]int
	worstMeanOfAccepted float64
}

func (s *summary) add(v logprob.Verdict, th logprob.Thresholds) {
	if s.n == 0 {
		s.meanLo, s.meanHi, s.minLo, s.minHi = v.MeanLogprob, v.MeanLogprob, v.MinLogprob, v.MinLogprob
		s.rejectedBy = map[string]int{}
	}
	s.n++
	s.meanLo, s.meanHi = min(s.meanLo, v.MeanLogprob), max(s.meanHi, v.MeanLogprob)
	s.minLo, s.minHi = min(s.minLo, v.MinLogprob), max(s.minHi, v.MinLogprob)
	if v.MeanLogprob < th.MinMeanLogprob {
		s.rejectedBy["mean"]++
	}
	if v.BelowFloor > th.MaxBelowFloor {
		s.rejectedBy["floor"]++
	}
}

// TestLogprobThresholdSeparates measures DefaultThresholds on the built-in
// model's server: 40 prompts, each with its honest 64-token output and
// three fabrications of it. Every honest output must be accepted and every
// fabrication rejected, each with a stated margin from the thresholds.
func TestLogprobThresholdSeparates(t *testing.T) {
	th := logprob.DefaultThresholds
	c := serve(t, th)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(2026, 13))
	m := builtin.Default()

	const outputTokens = 64
	honest := &summary{}
	fab := map[string]*summary{}
	// Margins: honest outputs stay this far inside both thresholds;
	// fabrications this far outside at least one of them.
	const meanMargin, floorMargin = 0.5, 1.0
	for _, prompt := range measurementPrompts(r) {
		out, err := m.Generate(ctx, []byte(prompt), outputTokens)
		require.NoError(t, err)
		v, err := c.Check(ctx, prompt, string(out), outputTokens)
		require.NoError(t, err)
		require.Equal(t, logprob.MethodLogprobs, v.Method)
		require.Equal(t, outputTokens, v.Tokens)
		require.True(t, v.Accept, "honest output of %q rejected: %s", prompt, v.Reason)
		require.GreaterOrEqual(t, v.MeanLogprob, th.MinMeanLogprob+meanMargin, "honest mean of %q too close to the threshold", prompt)
		require.GreaterOrEqual(t, v.MinLogprob, th.Floor+floorMargin, "honest token of %q too close to the floor", prompt)
		honest.add(v, th)

		fs := fabrications(r, string(out))
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range fs {
				if !yield(k) {
					return
				}
			}
		})
		for _, name := range names {
			v, err := c.Check(ctx, prompt, fs[name], outputTokens)
			require.NoError(t, err)
			require.False(t, v.Accept, "%s output of %q accepted: mean %.3f, min %.3f", name, prompt, v.MeanLogprob, v.MinLogprob)
			farOut := v.MeanLogprob <= th.MinMeanLogprob-meanMargin || v.MinLogprob <= th.Floor-floorMargin
			require.True(t, farOut, "%s output of %q rejected too narrowly: mean %.3f, min %.3f", name, prompt, v.MeanLogprob, v.MinLogprob)
			if fab[name] == nil {
				fab[name] = &summary{}
			}
			fab[name].add(v, th)
		}
	}
	t.Logf("thresholds: mean ≥ %.2f, no token below %.2f", th.MinMeanLogprob, th.Floor)
	t.Logf("%-12s n=%2d  mean %7.3f .. %7.3f  min %8.3f .. %8.3f", "honest", honest.n, honest.meanLo, honest.meanHi, honest.minLo, honest.minHi)
	for _, name := range []string{"random", "shuffled", "10% changed"} {
		s := fab[name]
		require.NotNil(t, s, name)
		t.Logf("%-12s n=%2d  mean %7.3f .. %7.3f  min %8.3f .. %8.3f  rejected by %v", name, s.n, s.meanLo, s.meanHi, s.minLo, s.minHi, fmt.Sprint(s.rejectedBy))
	}
}
