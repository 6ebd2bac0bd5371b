package gateway_test

import (
	"strings"
	"testing"

	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

// TestApplyChainLimits: a model's output cap never exceeds the chain's
// maxOutputTokens, nor the re-execution cap for a re-executed model; its
// input limit is the chain's (re-execution: at most MaxReexecInput bytes);
// pricing comes from the chain; an unregistered model is an error.
func TestApplyChainLimits(t *testing.T) {
	committee := precompile.ModelSpec{Parameters: 7e9, Tokenizer: precompile.TokenizerBytes, BytesPerToken: 4,
		MaxInputTokens: 8192, MaxOutputTokens: 1000, Verifier: precompile.VerifierCommittee}
	for _, tc := range []struct {
		name            string
		configured      uint32
		spec            precompile.ModelSpec
		wantOut, wantIn uint32
	}{
		{"builtin, configured 64", 64, precompile.BuiltinModel(), 64, precompile.MaxReexecInput},
		{"builtin, configured 4096: the re-execution cap", 4096, precompile.BuiltinModel(), precompile.MaxReexecOutput, precompile.MaxReexecInput},
		{"builtin, none configured: the re-execution cap", 0, precompile.BuiltinModel(), precompile.MaxReexecOutput, precompile.MaxReexecInput},
		{"committee, configured above the registry", 4096, committee, 1000, 8192},
		{"committee, configured below the registry", 256, committee, 256, 8192},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := gateway.ApplyChainLimits(gateway.Model{Name: "m", Parameters: 1, BytesPerToken: 1, MaxTokens: tc.configured}, tc.spec, true)
			require.NoError(t, err)
			require.Equal(t, tc.wantOut, m.MaxTokens)
			require.Equal(t, tc.wantIn, m.MaxInputTokens)
			require.Equal(t, tc.spec.Parameters, m.Parameters)
			require.Equal(t, uint64(tc.spec.BytesPerToken), m.BytesPerToken)
		})
	}
	_, err := gateway.ApplyChainLimits(gateway.Model{Name: "m", MaxTokens: 5}, committee, false)
	require.ErrorContains(t, err, "not registered on chain")
}

// TestLimitsOverHTTP: max_tokens beyond the model's cap is clamped (the
// answer has exactly the cap's tokens and finish_reason "length"); an
// input beyond the model's input limit is refused with 400
// context_length_exceeded naming the request's field, on every endpoint,
// before any job is queued.
func TestLimitsOverHTTP(t *testing.T) {
	b := builtin.Default()
	sys := newSystem(t, sysOpts{configure: func(c *gateway.Config) {
		m, err := gateway.ApplyChainLimits(gateway.Model{Name: builtin.Name, Hash: b.Hash(), MaxTokens: 32}, precompile.BuiltinModel(), true)
		require.NoError(t, err)
		c.Models = []gateway.Model{m}
	}})
	const prompt = "Why is the sky blue?"
	status, _, out := do(t, "POST", sys.srv.URL+"/v1/chat/completions", "", chatBody(prompt, map[string]any{"max_tokens": 4096}))
	require.Equal(t, 200, status, "%v", out)
	choice := out["choices"].([]any)[0].(map[string]any)
	require.Len(t, choice["message"].(map[string]any)["content"], 32)
	require.Equal(t, "length", choice["finish_reason"])
	require.Equal(t, float64(32), out["usage"].(map[string]any)["completion_tokens"])

	long := strings.Repeat("a", precompile.MaxReexecInput+1)
	before := sys.g.Stats().Accepted
	for _, tc := range []struct {
		path  string
		body  map[string]any
		param string
	}{
		{"/v1/chat/completions", chatBody(long, nil), "messages"},
		{"/v1/chat/completions", chatBody(long, map[string]any{"stream": true}), "messages"},
		{"/v1/completions", map[string]any{"model": builtin.Name, "prompt": long}, "prompt"},
		{"/v1/embeddings", map[string]any{"model": builtin.Name, "input": []string{"short", long}}, "input"},
	} {
		status, _, out := do(t, "POST", sys.srv.URL+tc.path, "", tc.body)
		require.Equal(t, 400, status, "%s %v", tc.path, out)
		requireAPIError(t, out, "context_length_exceeded", tc.param)
		require.Contains(t, out["error"].(map[string]any)["message"], "at most 512 input tokens")
	}
	// The embeddings request's short input was queued beside the long one;
	// nothing else was.
	require.LessOrEqual(t, sys.g.Stats().Accepted-before, uint64(1))
	// Exactly at the limit is served.
	status, _, out = do(t, "POST", sys.srv.URL+"/v1/completions", "", map[string]any{"model": builtin.Name, "prompt": long[:precompile.MaxReexecInput], "max_tokens": 2})
	require.Equal(t, 200, status, "%v", out)
}
