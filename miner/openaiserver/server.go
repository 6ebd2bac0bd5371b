// Package openaiserver serves the miner's built-in model over an
// OpenAI-compatible HTTP API (POST /v1/chat/completions, POST
// /v1/completions with echo and logprobs, GET /v1/models).
// It lets the HTTP back-end be exercised without a GPU inference server, and
// lets the built-in model be used by any OpenAI-compatible client.
package openaiserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openai"
)

// Limits of one request.
const (
	DefaultMaxTokens = 64
	MaxTokensLimit   = 4096
	maxRequestBytes  = 1 << 20
)

// Server serves one built-in model.
type Server struct {
	model  *builtin.Model
	mux    *http.ServeMux
	now    func() time.Time
	noEcho bool // refuse echo on /v1/completions (WithoutEcho)
}

// New returns a server for model (builtin.Default() when nil).
func New(model *builtin.Model, opts ...Option) *Server {
	if model == nil {
		model = builtin.Default()
	}
	s := &Server{model: model, mux: http.NewServeMux(), now: time.Now}
	for _, o := range opts {
		o(s)
	}
	s.mux.HandleFunc("POST /v1/chat/completions", s.chat)
	s.mux.HandleFunc("POST /v1/completions", s.completions)
	s.mux.HandleFunc("GET /v1/models", s.models)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Prompt renders chat messages into the model's input: their contents in
// order, separated by newlines. A single message is its content.
func Prompt(msgs []openai.Message) string {
	parts := make([]string, len(msgs))
	for i, m := range msgs {
		parts[i] = m.Content
	}
	return strings.Join(parts, "\n")
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "cannot read request body")
		return
	}
	if len(body) > maxRequestBytes {
		writeError(w, http.StatusRequestEntityTooLarge, "invalid_request_error", fmt.Sprintf("request body larger than %d bytes", maxRequestBytes))
		return
	}
	var req openai.ChatRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "malformed JSON: "+err.Error())
		return
	}
	switch {
	case req.Model != builtin.Name:
		writeError(w, http.StatusNotFound, "model_not_found", fmt.Sprintf("model %q does not exist; this server has %q", req.Model, builtin.Name))
		return
	case req.Stream:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "streaming is not supported")
		return
	case len(req.Messages) == 0:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "messages must not be empty")
		return
	case req.MaxTokens < 0 || req.MaxTokens > MaxTokensLimit:
		writeError(w, http.StatusBadRequest, "invalid_request_error", fmt.Sprintf("max_tokens must be 0..%d", MaxTokensLimit))
		return
	}
	maxTokens := req.MaxTokens
	if maxTokens == 0 {
		maxTokens = DefaultMaxTokens
	}
	prompt := Prompt(req.Messages)
	out, err := s.model.Generate(r.Context(), []byte(prompt), maxTokens)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "server_error", err.Error())
		return
	}
	now := s.now()
	writeJSON(w, http.StatusOK, openai.ChatResponse{
		ID:      fmt.Sprintf("chatcmpl-%d", now.UnixNano()),
		Object:  "chat.completion",
		Created: now.Unix(),
		Model:   builtin.Name,
		Choices: []openai.Choice{{Index: 0, Message: openai.Message{Role: "assistant", Content: string(out)}, FinishReason: "length"}},
		Usage:   &openai.Usage{PromptTokens: len(prompt), CompletionTokens: len(out), TotalTokens: len(prompt) + len(out)},
	})
}

func (s *Server) models(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, openai.ModelList{
		Object: "list",
		Data:   []openai.ModelEntry{{ID: builtin.Name, Object: "model", OwnedBy: "pars-network"}},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, typ, msg string) {
	writeJSON(w, status, openai.ErrorBody{Error: openai.ErrorDetail{Message: msg, Type: typ}})
}
