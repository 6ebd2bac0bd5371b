package openai

import (
	"context"
	"errors"
	"net/http"
	"unicode/utf8"
)

// CompletionRequest is the body of POST /v1/completions, the
// prompt-in/text-out API that vLLM, llama.cpp's llama-server and the
// miner's openaiserver serve beside chat. With Echo and Logprobs the server
// scores the prompt itself, token by token, which is how a verifier checks
// a claimed output against a model.
type CompletionRequest struct {
	Model  string `json:"model"`
	Prompt string `json:"prompt"`
	// MaxTokens is sent even when zero if set (echo with max_tokens 0
	// scores the prompt without generating).
	MaxTokens   *int     `json:"max_tokens,omitempty"`
	Temperature *float64 `json:"temperature,omitempty"`
	Seed        *int64   `json:"seed,omitempty"`
	// Echo asks for the prompt in front of the completion, in the text and
	// in the log-probabilities.
	Echo bool `json:"echo,omitempty"`
	// Logprobs asks for each token's log-probability and the top N
	// alternatives.
	Logprobs *int `json:"logprobs,omitempty"`
	Stream   bool `json:"stream"`
}

// CompletionLogprobs are the per-token log-probabilities of a completion
// choice, in the legacy completions format. TokenLogprobs[i] is nil where
// the server has no score (the first prompt token under echo).
// TextOffset[i] is where token i starts in the choice's text, counted in
// Unicode code points as vLLM counts it.
type CompletionLogprobs struct {
	Tokens        []string             `json:"tokens"`
	TokenLogprobs []*float64           `json:"token_logprobs"`
	TopLogprobs   []map[string]float64 `json:"top_logprobs"`
	TextOffset    []int                `json:"text_offset"`
}

// CompletionChoice is one choice of a completion.
type CompletionChoice struct {
	Index        int                 `json:"index"`
	Text         string              `json:"text"`
	Logprobs     *CompletionLogprobs `json:"logprobs"`
	FinishReason string              `json:"finish_reason"`
}

// CompletionResponse is the body of a successful POST /v1/completions.
type CompletionResponse struct {
	ID      string             `json:"id"`
	Object  string             `json:"object"`
	Created int64              `json:"created"`
	Model   string             `json:"model"`
	Choices []CompletionChoice `json:"choices"`
	Usage   *Usage             `json:"usage,omitempty"`
}

// Completion sends req to POST /v1/completions and returns the answer,
// which has at least one choice.
func (c *Client) Completion(ctx context.Context, req CompletionRequest) (*CompletionResponse, error) {
	if !utf8.ValidString(req.Prompt) {
		return nil, errors.New("openai: prompt is not valid UTF-8")
	}
	var resp CompletionResponse
	if err := c.do(ctx, http.MethodPost, "completions", req, &resp); err != nil {
		return nil, err
	}
	if len(resp.Choices) == 0 {
		return nil, errors.New("openai: response has no choices")
	}
	return &resp, nil
}
