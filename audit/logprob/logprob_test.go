package logprob_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pars-network/aimining/audit/logprob"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/stretchr/testify/require"
)

func f(v float64) *float64 { return &v }

func TestScore(t *testing.T) {
	th := logprob.Thresholds{MinMeanLogprob: -1, Floor: -3, MaxBelowFloor: 0, MinGreedyMatch: 1}
	// Prompt "ab" (2 characters), output "cdef" (4): tokens as a BPE server
	// returns them, one of them straddling the boundary.
	straddle := &openai.CompletionLogprobs{
		Tokens:        []string{"a", "bc", "de", "f", "!"},
		TokenLogprobs: []*float64{nil, f(-0.5), f(-1), f(-0.3), f(-9)},
		TextOffset:    []int{0, 1, 3, 5, 6},
	}
	for _, tc := range []struct {
		name          string
		lp            *openai.CompletionLogprobs
		th            logprob.Thresholds
		accept        bool
		tokens        int
		mean, minimum float64
		below         int
		err           error
	}{
		{"straddling token counts, generated token after the output does not", straddle, th, true, 3, -0.6, -1, 0, nil},
		{"floor", straddle, logprob.Thresholds{MinMeanLogprob: -1, Floor: -0.9, MinGreedyMatch: 1}, false, 3, -0.6, -1, 1, nil},
		{"floor with allowance", straddle, logprob.Thresholds{MinMeanLogprob: -1, Floor: -0.9, MaxBelowFloor: 1, MinGreedyMatch: 1}, true, 3, -0.6, -1, 1, nil},
		{"mean", straddle, logprob.Thresholds{MinMeanLogprob: -0.5, Floor: -3, MinGreedyMatch: 1}, false, 3, -0.6, -1, 0, nil},
		{"nil logprobs", nil, th, false, 0, 0, 0, 0, logprob.ErrNoScores},
		{"lengths differ", &openai.CompletionLogprobs{TokenLogprobs: []*float64{f(0)}, TextOffset: []int{0, 1}}, th, false, 0, 0, 0, 0, logprob.ErrNoScores},
		{"output token unscored", &openai.CompletionLogprobs{TokenLogprobs: []*float64{nil, nil}, TextOffset: []int{0, 2}}, th, false, 0, 0, 0, 0, logprob.ErrNoScores},
		{"NaN score", &openai.CompletionLogprobs{TokenLogprobs: []*float64{nil, f(math.NaN())}, TextOffset: []int{0, 2}}, th, false, 0, 0, 0, 0, logprob.ErrNoScores},
		{"only tokens after the output", &openai.CompletionLogprobs{TokenLogprobs: []*float64{f(-1)}, TextOffset: []int{6}}, th, false, 0, 0, 0, 0, logprob.ErrNoScores},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := logprob.Score(tc.lp, 2, 4, tc.th)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.accept, v.Accept, v.Reason)
			require.Equal(t, tc.accept, v.Reason == "")
			require.Equal(t, logprob.MethodLogprobs, v.Method)
			require.Equal(t, tc.tokens, v.Tokens)
			require.InDelta(t, tc.mean, v.MeanLogprob, 1e-12)
			require.Equal(t, tc.minimum, v.MinLogprob)
			require.Equal(t, tc.below, v.BelowFloor)
		})
	}
}

func TestThresholdsValidate(t *testing.T) {
	require.NoError(t, logprob.DefaultThresholds.Validate())
	for _, bad := range []logprob.Thresholds{
		{MinMeanLogprob: 0.1, Floor: -1, MinGreedyMatch: 1},
		{MinMeanLogprob: math.NaN(), Floor: -1, MinGreedyMatch: 1},
		{MinMeanLogprob: -1, Floor: 1, MinGreedyMatch: 1},
		{MinMeanLogprob: -1, Floor: -1, MaxBelowFloor: -1, MinGreedyMatch: 1},
		{MinMeanLogprob: -1, Floor: -1, MinGreedyMatch: 0},
		{MinMeanLogprob: -1, Floor: -1, MinGreedyMatch: 1.01},
	} {
		require.Error(t, bad.Validate(), "%+v", bad)
		_, err := logprob.NewChecker(&openai.Client{}, builtin.Name, bad)
		require.Error(t, err)
	}
	_, err := logprob.NewChecker(nil, builtin.Name, logprob.DefaultThresholds)
	require.Error(t, err)
	_, err = logprob.NewChecker(&openai.Client{}, "", logprob.DefaultThresholds)
	require.Error(t, err)
}

// refuseZeroMaxTokens serves next but answers 400 to a completion request
// with max_tokens 0, as some servers do.
func refuseZeroMaxTokens(next http.Handler, refused *int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req struct {
			MaxTokens *int `json:"max_tokens"`
		}
		if json.Unmarshal(body, &req) == nil && req.MaxTokens != nil && *req.MaxTokens == 0 {
			*refused++
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":{"message":"max_tokens must be at least 1","type":"invalid_request_error"}}`))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

func TestCheckMethods(t *testing.T) {
	ctx := context.Background()
	prompt := "What is the capital of France?"
	out, err := builtin.Default().Generate(ctx, []byte(prompt), 48)
	require.NoError(t, err)
	honest := string(out)
	tampered := []byte(honest)
	tampered[40] = '#'
	if string(tampered) == honest {
		tampered[40] = '%'
	}

	var refused int
	srv := httptest.NewServer(refuseZeroMaxTokens(openaiserver.New(nil), &refused))
	t.Cleanup(srv.Close)
	client, err := openai.NewClient(srv.URL, openai.Options{})
	require.NoError(t, err)
	retrying, err := logprob.NewChecker(client, builtin.Name, logprob.DefaultThresholds)
	require.NoError(t, err)

	for _, tc := range []struct {
		name    string
		c       *logprob.Checker
		output  string
		accept  bool
		method  logprob.Method
		refused int
	}{
		{"logprobs, honest", serve(t, logprob.DefaultThresholds), honest, true, logprob.MethodLogprobs, 0},
		{"logprobs, one character changed late", serve(t, logprob.DefaultThresholds), string(tampered), false, logprob.MethodLogprobs, 0},
		{"greedy fallback, honest", serve(t, logprob.DefaultThresholds, openaiserver.WithoutEcho()), honest, true, logprob.MethodGreedy, 0},
		{"greedy fallback, one character changed late", serve(t, logprob.DefaultThresholds, openaiserver.WithoutEcho()), string(tampered), false, logprob.MethodGreedy, 0},
		{"max_tokens 0 refused, retried with 1", retrying, honest, true, logprob.MethodLogprobs, 1},
		{"empty output", serve(t, logprob.DefaultThresholds), "", true, logprob.MethodLogprobs, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refused = 0
			v, err := tc.c.Check(ctx, prompt, tc.output, 48)
			require.NoError(t, err)
			require.Equal(t, tc.accept, v.Accept, "%+v", v)
			require.Equal(t, tc.method, v.Method)
			require.Equal(t, tc.refused, refused)
			if tc.method == logprob.MethodGreedy {
				if tc.accept {
					require.Equal(t, 1.0, v.GreedyMatch)
				} else {
					require.InDelta(t, 40.0/48, v.GreedyMatch, 1e-12)
				}
			}
		})
	}
}

func TestCheckErrorsAreNotVerdicts(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(openaiserver.New(nil))
	client, err := openai.NewClient(srv.URL, openai.Options{})
	require.NoError(t, err)
	c, err := logprob.NewChecker(client, builtin.Name, logprob.DefaultThresholds)
	require.NoError(t, err)
	wrongModel, err := logprob.NewChecker(client, "no-such-model", logprob.DefaultThresholds)
	require.NoError(t, err)

	_, err = wrongModel.Check(ctx, "Hello", "abc", 3)
	var apiErr *openai.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	require.Equal(t, http.StatusNotFound, apiErr.StatusCode)

	_, err = c.Check(ctx, "Hello", "\xff", 1)
	require.Error(t, err, "invalid UTF-8")

	noEcho := serve(t, logprob.DefaultThresholds, openaiserver.WithoutEcho())
	_, err = noEcho.Check(ctx, "Hello", "abc", 0)
	require.Error(t, err, "the greedy fallback needs the token count")

	srv.Close()
	_, err = c.Check(ctx, "Hello", "abc", 3)
	require.Error(t, err, "server gone")
}
