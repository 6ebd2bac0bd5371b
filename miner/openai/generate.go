package openai

import (
	"context"
	"errors"
	"net/http"
	"unicode/utf8"
)

// Params are a generation's limits and sampling parameters. Nil sampling
// fields are sent as temperature 0 and seed 0 (deterministic decoding, as
// Complete asks); top_p is sent only when set.
type Params struct {
	MaxTokens   int
	Stop        []string
	Temperature *float64
	TopP        *float64
	Seed        *int64
}

// generateRequest is a chat request with the fields Complete leaves out.
type generateRequest struct {
	ChatRequest
	Stop []string `json:"stop,omitempty"`
	TopP *float64 `json:"top_p,omitempty"`
}

// Generate sends prompt as a single user message to model with p and
// returns the first choice's content and finish reason ("stop", "length",
// or what the server says).
func (c *Client) Generate(ctx context.Context, model, prompt string, p Params) (string, string, error) {
	if !utf8.ValidString(prompt) {
		return "", "", errors.New("openai: prompt is not valid UTF-8")
	}
	zero, seed := 0.0, int64(0)
	req := generateRequest{ChatRequest: ChatRequest{
		Model:       model,
		Messages:    []Message{{Role: "user", Content: prompt}},
		MaxTokens:   p.MaxTokens,
		Temperature: &zero,
		Seed:        &seed,
	}, Stop: p.Stop, TopP: p.TopP}
	if p.Temperature != nil {
		req.Temperature = p.Temperature
	}
	if p.Seed != nil {
		req.Seed = p.Seed
	}
	var resp ChatResponse
	if err := c.do(ctx, http.MethodPost, "chat/completions", req, &resp); err != nil {
		return "", "", err
	}
	if len(resp.Choices) == 0 {
		return "", "", errors.New("openai: response has no choices")
	}
	return resp.Choices[0].Message.Content, resp.Choices[0].FinishReason, nil
}
