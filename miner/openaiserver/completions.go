package openaiserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openai"
)

// Limits of POST /v1/completions. Scoring or generating costs one forward
// step per prompt byte, so the prompt is bounded more tightly than the
// request body.
const (
	// MaxPromptBytes is the longest prompt, in bytes (= tokens).
	MaxPromptBytes = 1 << 16
	// MaxLogprobs is the most alternatives per token the server reports:
	// it knows the top one.
	MaxLogprobs = 1
)

// Option configures a Server.
type Option func(*Server)

// WithoutEcho makes POST /v1/completions refuse echo, like servers that
// cannot score a prompt, so clients can exercise their fallbacks against
// the real server.
func WithoutEcho() Option { return func(s *Server) { s.noEcho = true } }

// completionRequest is openai.CompletionRequest with the prompt left raw:
// a string, or an array holding one string.
type completionRequest struct {
	Model       string          `json:"model"`
	Prompt      json.RawMessage `json:"prompt"`
	MaxTokens   *int            `json:"max_tokens"`
	Temperature *float64        `json:"temperature"`
	Seed        *int64          `json:"seed"`
	Echo        bool            `json:"echo"`
	Logprobs    *int            `json:"logprobs"`
	Stream      bool            `json:"stream"`
}

// prompt decodes the prompt field.
func (r *completionRequest) prompt() (string, bool) {
	var s string
	if json.Unmarshal(r.Prompt, &s) == nil {
		return s, true
	}
	var ss []string
	if json.Unmarshal(r.Prompt, &ss) == nil && len(ss) == 1 {
		return ss[0], true
	}
	return "", false
}

// completions serves POST /v1/completions: greedy decoding of the prompt's
// bytes (temperature and seed are accepted and make no difference), with
// echo and log-probabilities from builtin.Model.Logprobs. Under echo the
// first prompt token has no score (null), as vLLM reports it.
func (s *Server) completions(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "cannot read request body")
		return
	}
	if len(body) > maxRequestBytes {
		writeError(w, http.StatusRequestEntityTooLarge, "invalid_request_error", fmt.Sprintf("request body larger than %d bytes", maxRequestBytes))
		return
	}
	var req completionRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "malformed JSON: "+err.Error())
		return
	}
	prompt, ok := req.prompt()
	maxTokens := DefaultMaxTokens
	if req.MaxTokens != nil {
		maxTokens = *req.MaxTokens
	}
	switch {
	case req.Model != builtin.Name:
		writeError(w, http.StatusNotFound, "model_not_found", fmt.Sprintf("model %q does not exist; this server has %q", req.Model, builtin.Name))
		return
	case req.Stream:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "streaming is not supported")
		return
	case !ok:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "prompt must be a string or an array of one string")
		return
	case len(prompt) > MaxPromptBytes:
		writeError(w, http.StatusBadRequest, "invalid_request_error", fmt.Sprintf("prompt longer than %d bytes", MaxPromptBytes))
		return
	case maxTokens < 0 || maxTokens > MaxTokensLimit:
		writeError(w, http.StatusBadRequest, "invalid_request_error", fmt.Sprintf("max_tokens must be 0..%d", MaxTokensLimit))
		return
	case req.Echo && s.noEcho:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "echo is not supported by this server")
		return
	case req.Logprobs != nil && (*req.Logprobs < 0 || *req.Logprobs > MaxLogprobs):
		writeError(w, http.StatusBadRequest, "invalid_request_error", fmt.Sprintf("logprobs must be 0..%d", MaxLogprobs))
		return
	}
	out, err := s.model.Generate(r.Context(), []byte(prompt), maxTokens)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "server_error", err.Error())
		return
	}
	text, scoreFrom := string(out), len(prompt)
	if req.Echo {
		text, scoreFrom = prompt+string(out), 0
	}
	choice := openai.CompletionChoice{Index: 0, Text: text, FinishReason: "length"}
	if req.Logprobs != nil {
		lps, err := s.model.Logprobs(r.Context(), []byte(prompt+string(out)))
		if err != nil {
			writeError(w, http.StatusServiceUnavailable, "server_error", err.Error())
			return
		}
		choice.Logprobs = completionLogprobs(lps[scoreFrom:], []byte(text), *req.Logprobs, req.Echo)
	}
	now := s.now()
	writeJSON(w, http.StatusOK, openai.CompletionResponse{
		ID:      fmt.Sprintf("cmpl-%d", now.UnixNano()),
		Object:  "text_completion",
		Created: now.Unix(),
		Model:   builtin.Name,
		Choices: []openai.CompletionChoice{choice},
		Usage:   &openai.Usage{PromptTokens: len(prompt), CompletionTokens: len(out), TotalTokens: len(prompt) + len(out)},
	})
}

// completionLogprobs renders the scores of text's bytes (lps[i] scores
// text[i]) in the legacy format; echoed marks a text that starts with the
// prompt, whose first byte has no context and so no score.
func completionLogprobs(lps []builtin.TokenLogprob, text []byte, top int, echoed bool) *openai.CompletionLogprobs {
	offsets := runeOffsets(text)
	res := &openai.CompletionLogprobs{
		Tokens:        make([]string, len(lps)),
		TokenLogprobs: make([]*float64, len(lps)),
		TopLogprobs:   make([]map[string]float64, len(lps)),
		TextOffset:    offsets,
	}
	for i, lp := range lps {
		res.Tokens[i] = tokenString(lp.Token)
		if i == 0 && echoed {
			continue
		}
		v := lp.Logprob
		res.TokenLogprobs[i] = &v
		if top > 0 {
			res.TopLogprobs[i] = map[string]float64{tokenString(lp.Top): lp.TopLogprob, res.Tokens[i]: lp.Logprob}
		}
	}
	return res
}

// tokenString is how a byte token is named: itself for ASCII, and
// "bytes:\xNN" (vLLM's convention) for a byte that is not a character on
// its own.
func tokenString(b byte) string {
	if b < utf8.RuneSelf {
		return string(rune(b))
	}
	return fmt.Sprintf("bytes:\\x%02x", b)
}

// runeOffsets returns, for each byte of text, the code-point offset of the
// character it belongs to.
func runeOffsets(text []byte) []int {
	offsets := make([]int, len(text))
	n := 0
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRune(text[i:])
		for j := i; j < i+size; j++ {
			offsets[j] = n
		}
		i += size
		n++
	}
	return offsets
}
