// Package openai is a client for OpenAI-compatible chat-completion servers
// (vLLM, llama.cpp's llama-server, Ollama, and the miner's own
// openaiserver). It speaks the non-streaming subset the miner needs:
// POST /v1/chat/completions and GET /v1/models.
package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Message is one chat message.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// ChatRequest is the body of POST /v1/chat/completions.
type ChatRequest struct {
	Model       string    `json:"model"`
	Messages    []Message `json:"messages"`
	MaxTokens   int       `json:"max_tokens,omitempty"`
	Temperature *float64  `json:"temperature,omitempty"`
	Seed        *int64    `json:"seed,omitempty"`
	Stream      bool      `json:"stream"`
}

// Choice is one completion choice.
type Choice struct {
	Index        int     `json:"index"`
	Message      Message `json:"message"`
	FinishReason string  `json:"finish_reason"`
}

// Usage is the token usage a server reports. The miner never uses it for
// compute units (see the miner package documentation).
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// ChatResponse is the body of a successful chat completion.
type ChatResponse struct {
	ID      string   `json:"id"`
	Object  string   `json:"object"`
	Created int64    `json:"created"`
	Model   string   `json:"model"`
	Choices []Choice `json:"choices"`
	Usage   *Usage   `json:"usage,omitempty"`
}

// ModelEntry is one entry of GET /v1/models.
type ModelEntry struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

// ModelList is the body of GET /v1/models.
type ModelList struct {
	Object string       `json:"object"`
	Data   []ModelEntry `json:"data"`
}

// ErrorBody is the error envelope OpenAI-compatible servers return.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail describes a server-side error.
type ErrorDetail struct {
	Message string `json:"message"`
	Type    string `json:"type"`
	Code    any    `json:"code,omitempty"`
}

// APIError is a non-2xx answer from the server.
type APIError struct {
	StatusCode int
	Message    string
	Type       string
}

// Error implements error.
func (e *APIError) Error() string {
	if e.Type != "" {
		return fmt.Sprintf("openai: HTTP %d (%s): %s", e.StatusCode, e.Type, e.Message)
	}
	return fmt.Sprintf("openai: HTTP %d: %s", e.StatusCode, e.Message)
}

// Temporary reports whether retrying the same request may succeed.
func (e *APIError) Temporary() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// maxResponseBytes bounds how much of a response body is read.
const maxResponseBytes = 16 << 20

// Client talks to one OpenAI-compatible server.
type Client struct {
	base   *url.URL // ends in /v1
	apiKey string
	http   *http.Client
}

// Options configure a Client.
type Options struct {
	// APIKey is sent as a bearer token when not empty.
	APIKey string
	// Timeout bounds each request (default 120 s). Ignored when HTTPClient
	// is set.
	Timeout time.Duration
	// HTTPClient replaces the default HTTP client.
	HTTPClient *http.Client
}

// NewClient returns a client for the server at baseURL, which may name the
// server root ("http://127.0.0.1:8000") or its /v1 prefix.
func NewClient(baseURL string, opts Options) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("openai: parse url %q: %w", baseURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("openai: url %q: scheme must be http or https", baseURL)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("openai: url %q has no host", baseURL)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	if !strings.HasSuffix(u.Path, "/v1") {
		u.Path += "/v1"
	}
	u.RawQuery, u.Fragment = "", ""
	hc := opts.HTTPClient
	if hc == nil {
		t := opts.Timeout
		if t <= 0 {
			t = 120 * time.Second
		}
		hc = &http.Client{Timeout: t}
	}
	return &Client{base: u, apiKey: opts.APIKey, http: hc}, nil
}

// Endpoint returns the URL of an API path such as "chat/completions".
func (c *Client) Endpoint(path string) string {
	u := *c.base
	u.Path += "/" + path
	return u.String()
}

// Complete sends prompt as a single user message to model and returns the
// content of the first choice. It asks for deterministic decoding
// (temperature 0, seed 0); whether the server honours that is up to it.
func (c *Client) Complete(ctx context.Context, model, prompt string, maxTokens int) (string, error) {
	if !utf8.ValidString(prompt) {
		return "", errors.New("openai: prompt is not valid UTF-8")
	}
	zero, seed := 0.0, int64(0)
	req := ChatRequest{
		Model:       model,
		Messages:    []Message{{Role: "user", Content: prompt}},
		MaxTokens:   maxTokens,
		Temperature: &zero,
		Seed:        &seed,
	}
	var resp ChatResponse
	if err := c.do(ctx, http.MethodPost, "chat/completions", req, &resp); err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", errors.New("openai: response has no choices")
	}
	return resp.Choices[0].Message.Content, nil
}

// Models lists the models the server offers.
func (c *Client) Models(ctx context.Context) ([]string, error) {
	var list ModelList
	if err := c.do(ctx, http.MethodGet, "models", nil, &list); err != nil {
		return nil, err
	}
	ids := make([]string, len(list.Data))
	for i, m := range list.Data {
		ids[i] = m.ID
	}
	return ids, nil
}

// do sends one request and decodes a JSON answer into out.
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("openai: encode request: %w", err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Endpoint(path), rd)
	if err != nil {
		return fmt.Errorf("openai: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.apiKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("openai: %s %s: %w", method, req.URL.Redacted(), err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return fmt.Errorf("openai: read response: %w", err)
	}
	if len(data) > maxResponseBytes {
		return fmt.Errorf("openai: response larger than %d bytes", maxResponseBytes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := &APIError{StatusCode: resp.StatusCode, Message: strings.TrimSpace(string(data))}
		var eb ErrorBody
		if json.Unmarshal(data, &eb) == nil && eb.Error.Message != "" {
			apiErr.Message, apiErr.Type = eb.Error.Message, eb.Error.Type
		}
		if len(apiErr.Message) > 512 {
			apiErr.Message = apiErr.Message[:512] + "…"
		}
		return apiErr
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("openai: decode %s response: %w", path, err)
	}
	return nil
}
