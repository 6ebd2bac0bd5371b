// Package logprob judges a claimed model output the way a verifier
// committee member does for models too large to re-execute on chain: it
// asks an OpenAI-compatible server running the same model how likely the
// model finds the claimed output after the prompt, token by token, and
// accepts or rejects by stated thresholds.
//
// The check is POST /v1/completions with prompt = input + output, echo,
// logprobs 1 and max_tokens 0 (retried with max_tokens 1 for servers that
// refuse 0), which vLLM serves and the miner's openaiserver serves for the
// built-in model. A server that cannot echo (it answers 400, 422 or 501,
// or returns no scores) is checked by greedy regeneration instead: the
// claimed output must be what the model produces at temperature 0. That
// fallback is only sound for work decoded greedily.
//
// The prompt is the exact text the model saw before the output; for work
// done through a chat template the caller renders the template first.
package logprob

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"unicode/utf8"

	"github.com/pars-network/aimining/miner/openai"
)

// Thresholds decide a logprob check. A claimed output is accepted when the
// mean log-probability (natural log) of its tokens is at least
// MinMeanLogprob and at most MaxBelowFloor of its tokens score below
// Floor. The greedy fallback accepts when the regeneration reproduces at
// least MinGreedyMatch of the claimed output's characters from the start.
type Thresholds struct {
	MinMeanLogprob float64
	Floor          float64
	MaxBelowFloor  int
	MinGreedyMatch float64
}

// DefaultThresholds are the thresholds measured on the built-in model's
// server (TestLogprobThresholdSeparates: 40 prompts, their honest 64-token
// outputs and 119 fabrications). Honest outputs score a mean of -0.77 to
// -0.19 and no token below -2.06. Every fabrication has a token at or
// below -5.24 (a shuffle of the honest output), -15.8 (the honest output
// with 10% of its characters changed) or -25.3 (random printable text);
// the mean alone does not separate a shuffle of a repetitive output (up
// to -0.43), the floor does. The floor sits between the two with 1.4 and
// 1.7 nats to spare.
//
// They suit work decoded greedily, as the built-in model's is. Work
// sampled at a temperature from a large model has honest tokens far below
// these (a sampled token with probability 1% scores -4.6): its committee
// needs thresholds measured on that model and its sampling settings.
var DefaultThresholds = Thresholds{
	MinMeanLogprob: -1.5,
	Floor:          -3.5,
	MaxBelowFloor:  0,
	MinGreedyMatch: 1.0,
}

// Validate refuses thresholds that cannot be meant.
func (t Thresholds) Validate() error {
	switch {
	case math.IsNaN(t.MinMeanLogprob) || t.MinMeanLogprob > 0:
		return fmt.Errorf("logprob: min mean logprob %v must be ≤ 0", t.MinMeanLogprob)
	case math.IsNaN(t.Floor) || t.Floor > 0:
		return fmt.Errorf("logprob: floor %v must be ≤ 0", t.Floor)
	case t.MaxBelowFloor < 0:
		return fmt.Errorf("logprob: max below floor %d must be ≥ 0", t.MaxBelowFloor)
	case math.IsNaN(t.MinGreedyMatch) || t.MinGreedyMatch <= 0 || t.MinGreedyMatch > 1:
		return fmt.Errorf("logprob: min greedy match %v must be in (0, 1]", t.MinGreedyMatch)
	}
	return nil
}

// Method is how a verdict was reached.
type Method string

// The methods.
const (
	MethodLogprobs Method = "logprobs" // echo + logprobs scores
	MethodGreedy   Method = "greedy"   // greedy regeneration compared
)

// Verdict is the outcome of one check, with the numbers behind it.
type Verdict struct {
	Accept bool   `json:"accept"`
	Method Method `json:"method"`
	// Tokens is the number of output tokens scored (logprobs).
	Tokens int `json:"tokens,omitempty"`
	// MeanLogprob and MinLogprob summarise their scores (logprobs).
	MeanLogprob float64 `json:"mean_logprob,omitempty"`
	MinLogprob  float64 `json:"min_logprob,omitempty"`
	// BelowFloor counts tokens under Thresholds.Floor (logprobs).
	BelowFloor int `json:"below_floor,omitempty"`
	// GreedyMatch is the fraction of the claimed output's characters the
	// regeneration reproduced from the start (greedy).
	GreedyMatch float64 `json:"greedy_match,omitempty"`
	// Reason says why the output was rejected; empty when accepted.
	Reason string `json:"reason,omitempty"`
}

// Checker checks claimed outputs of one model on one server.
type Checker struct {
	client *openai.Client
	model  string
	th     Thresholds
}

// NewChecker returns a checker of model on the server client talks to.
func NewChecker(client *openai.Client, model string, th Thresholds) (*Checker, error) {
	if client == nil {
		return nil, errors.New("logprob: nil client")
	}
	if model == "" {
		return nil, errors.New("logprob: empty model name")
	}
	if err := th.Validate(); err != nil {
		return nil, err
	}
	return &Checker{client: client, model: model, th: th}, nil
}

// ErrNoScores means the server answered the echo request without usable
// scores for the text; Check then falls back to greedy regeneration.
var ErrNoScores = errors.New("logprob: server returned no scores for the text")

// Check judges output as the model's continuation of prompt. outputTokens
// is the number of output tokens the miner signed; only the greedy
// fallback uses it (as max_tokens). An error means no verdict was reached
// (the server failed or is unreachable), never that the output is bad.
func (c *Checker) Check(ctx context.Context, prompt, output string, outputTokens int) (Verdict, error) {
	if !utf8.ValidString(prompt) || !utf8.ValidString(output) {
		return Verdict{}, errors.New("logprob: prompt and output must be valid UTF-8")
	}
	if output == "" {
		return Verdict{Accept: true, Method: MethodLogprobs}, nil
	}
	lp, err := c.scores(ctx, prompt+output)
	switch {
	case err == nil:
		v, err := Score(lp, utf8.RuneCountInString(prompt), utf8.RuneCountInString(output), c.th)
		if err == nil {
			return v, nil
		}
		if !errors.Is(err, ErrNoScores) {
			return Verdict{}, err
		}
	case !unsupported(err) && !errors.Is(err, ErrNoScores):
		return Verdict{}, err
	}
	return c.greedy(ctx, prompt, output, outputTokens)
}

// scores asks for the echoed text's log-probabilities, with max_tokens 0
// and then 1.
func (c *Checker) scores(ctx context.Context, text string) (*openai.CompletionLogprobs, error) {
	zero, one := 0.0, 1
	var lastErr error
	for _, maxTokens := range []int{0, 1} {
		resp, err := c.client.Completion(ctx, openai.CompletionRequest{
			Model: c.model, Prompt: text, MaxTokens: &maxTokens, Temperature: &zero, Echo: true, Logprobs: &one,
		})
		if err != nil {
			if unsupported(err) {
				lastErr = err
				continue
			}
			return nil, err
		}
		ch := resp.Choices[0]
		if ch.Logprobs == nil || len(ch.Text) < len(text) || ch.Text[:len(text)] != text {
			return nil, ErrNoScores
		}
		return ch.Logprobs, nil
	}
	return nil, lastErr
}

// unsupported reports whether err is a server's refusal of the request
// shape (echo, max_tokens 0), as opposed to a failure.
func unsupported(err error) bool {
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusNotImplemented:
		return true
	}
	return false
}

// Score judges the scored tokens of an echoed text whose first promptRunes
// characters are the prompt and next outputRunes the claimed output. The
// output's tokens are those that end after the prompt and start before
// the output ends (a token that straddles the boundary counts for the
// output). It returns ErrNoScores if the scores do not cover the output.
func Score(lp *openai.CompletionLogprobs, promptRunes, outputRunes int, th Thresholds) (Verdict, error) {
	if lp == nil || len(lp.TokenLogprobs) != len(lp.TextOffset) || len(lp.TextOffset) == 0 {
		return Verdict{}, ErrNoScores
	}
	end := promptRunes + outputRunes
	v := Verdict{Method: MethodLogprobs, MinLogprob: math.Inf(1)}
	var sum float64
	for i, start := range lp.TextOffset {
		tokenEnd := end
		if i+1 < len(lp.TextOffset) {
			tokenEnd = lp.TextOffset[i+1]
		}
		if tokenEnd <= promptRunes || start >= end {
			continue
		}
		s := lp.TokenLogprobs[i]
		if s == nil || math.IsNaN(*s) {
			return Verdict{}, fmt.Errorf("%w: token %d", ErrNoScores, i)
		}
		v.Tokens++
		sum += *s
		v.MinLogprob = min(v.MinLogprob, *s)
		if *s < th.Floor {
			v.BelowFloor++
		}
	}
	if v.Tokens == 0 {
		return Verdict{}, ErrNoScores
	}
	v.MeanLogprob = sum / float64(v.Tokens)
	switch {
	case v.MeanLogprob < th.MinMeanLogprob:
		v.Reason = fmt.Sprintf("mean logprob %.3f below %.3f", v.MeanLogprob, th.MinMeanLogprob)
	case v.BelowFloor > th.MaxBelowFloor:
		v.Reason = fmt.Sprintf("%d tokens below logprob %.3f (at most %d allowed; lowest %.3f)", v.BelowFloor, th.Floor, th.MaxBelowFloor, v.MinLogprob)
	default:
		v.Accept = true
	}
	return v, nil
}

// greedy regenerates the output at temperature 0 and compares.
func (c *Checker) greedy(ctx context.Context, prompt, output string, outputTokens int) (Verdict, error) {
	if outputTokens < 1 {
		return Verdict{}, fmt.Errorf("logprob: greedy fallback needs the output token count, got %d", outputTokens)
	}
	zero, seed := 0.0, int64(0)
	resp, err := c.client.Completion(ctx, openai.CompletionRequest{
		Model: c.model, Prompt: prompt, MaxTokens: &outputTokens, Temperature: &zero, Seed: &seed,
	})
	if err != nil {
		return Verdict{}, fmt.Errorf("logprob: greedy regeneration: %w", err)
	}
	v := Verdict{Method: MethodGreedy, GreedyMatch: prefixMatch(output, resp.Choices[0].Text)}
	if v.GreedyMatch >= c.th.MinGreedyMatch {
		v.Accept = true
	} else {
		v.Reason = fmt.Sprintf("greedy regeneration reproduces %.1f%% of the output (need %.1f%%)", 100*v.GreedyMatch, 100*c.th.MinGreedyMatch)
	}
	return v, nil
}

// prefixMatch is the fraction of claimed's characters that got repeats
// from the start.
func prefixMatch(claimed, got string) float64 {
	total := utf8.RuneCountInString(claimed)
	if total == 0 {
		return 1
	}
	n := 0
	for claimed != "" && got != "" {
		a, sa := utf8.DecodeRuneInString(claimed)
		b, sb := utf8.DecodeRuneInString(got)
		if a != b {
			break
		}
		n++
		claimed, got = claimed[sa:], got[sb:]
	}
	return float64(n) / float64(total)
}
