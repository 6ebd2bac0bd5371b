package openai

import (
	"context"
	"errors"
	"net/http"
	"unicode/utf8"
)

// ContentPart is one part of a multimodal chat message, in OpenAI's form:
// {"type":"text","text":…} or {"type":"image_url","image_url":{"url":…}}.
type ContentPart struct {
	Type     string    `json:"type"`
	Text     string    `json:"text,omitempty"`
	ImageURL *ImageURL `json:"image_url,omitempty"`
}

// ImageURL is the image of an image_url part: a data URL here.
type ImageURL struct {
	URL string `json:"url"`
}

// PartsMessage is a chat message whose content is a list of parts.
type PartsMessage struct {
	Role    string        `json:"role"`
	Content []ContentPart `json:"content"`
}

// partsRequest is a chat request with multimodal messages.
type partsRequest struct {
	Model       string         `json:"model"`
	Messages    []PartsMessage `json:"messages"`
	MaxTokens   int            `json:"max_tokens,omitempty"`
	Temperature *float64       `json:"temperature,omitempty"`
	Seed        *int64         `json:"seed,omitempty"`
	Stop        []string       `json:"stop,omitempty"`
	TopP        *float64       `json:"top_p,omitempty"`
	Stream      bool           `json:"stream"`
}

// GenerateParts sends a multimodal conversation (text and image parts, as
// llama.cpp's llama-server and vLLM take them for vision models) to model
// with p and returns the first choice's content and finish reason. Sampling
// defaults are Generate's: temperature 0 and seed 0 unless p sets them.
func (c *Client) GenerateParts(ctx context.Context, model string, msgs []PartsMessage, p Params) (string, string, error) {
	if len(msgs) == 0 {
		return "", "", errors.New("openai: no messages")
	}
	for _, m := range msgs {
		for _, part := range m.Content {
			if !utf8.ValidString(part.Text) {
				return "", "", errors.New("openai: a text part is not valid UTF-8")
			}
		}
	}
	zero, seed := 0.0, int64(0)
	req := partsRequest{Model: model, Messages: msgs, MaxTokens: p.MaxTokens, Temperature: &zero, Seed: &seed, Stop: p.Stop, TopP: p.TopP}
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
