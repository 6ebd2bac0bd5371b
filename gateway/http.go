package gateway

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/pars-network/aimining/gateway/zap"
)

// MaxRequestBytes bounds an HTTP request body.
const MaxRequestBytes = 1 << 20

// Handler returns the OpenAI-compatible front door:
//
//	POST /v1/chat/completions   chat completion (llm-inference)
//	POST /v1/embeddings         embeddings (embedding)
//	GET  /v1/models             the models the gateway serves
//	GET  /healthz               200 while open
func (g *Gateway) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", g.chat)
	mux.HandleFunc("POST /v1/embeddings", g.embeddings)
	mux.HandleFunc("GET /v1/models", g.listModels)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	return mux
}

// apiError is OpenAI's error body.
type apiError struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    string  `json:"code"`
	} `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, typ, code, msg string) {
	var e apiError
	e.Error.Message, e.Error.Type, e.Error.Code = msg, typ, code
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, e)
}

// fail maps a gateway error to an HTTP answer.
func fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, ErrBusy):
		writeError(w, http.StatusTooManyRequests, "rate_limit_error", "server_busy", err.Error())
	case errors.Is(err, ErrNoMiner):
		writeError(w, http.StatusServiceUnavailable, "service_unavailable", "no_miner", err.Error())
	case errors.Is(err, ErrUnknownModel):
		writeError(w, http.StatusNotFound, "invalid_request_error", "model_not_found", err.Error())
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusGatewayTimeout, "timeout", "timeout", err.Error())
	case errors.Is(err, ErrJobFailed):
		writeError(w, http.StatusBadGateway, "server_error", "job_failed", err.Error())
	case errors.Is(err, ErrClosed):
		writeError(w, http.StatusServiceUnavailable, "service_unavailable", "closed", err.Error())
	default:
		writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_request", err.Error())
	}
}

func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_json", "cannot parse the request body: "+err.Error())
		return false
	}
	return true
}

type chatMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type chatRequest struct {
	Model     string        `json:"model"`
	Messages  []chatMessage `json:"messages"`
	MaxTokens *uint32       `json:"max_tokens"`
	// MaxCompletionTokens is the newer name of max_tokens.
	MaxCompletionTokens *uint32 `json:"max_completion_tokens"`
	Stream              bool    `json:"stream"`
}

// text returns a message's content: a string, or the text parts of a list.
func (m chatMessage) text() (string, error) {
	var s string
	if err := json.Unmarshal(m.Content, &s); err == nil {
		return s, nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(m.Content, &parts); err != nil {
		return "", errors.New("message content must be a string or a list of parts")
	}
	var b strings.Builder
	for _, p := range parts {
		if p.Type != "text" {
			return "", fmt.Errorf("content part type %q is not supported", p.Type)
		}
		b.WriteString(p.Text)
	}
	return b.String(), nil
}

// ChatInput is the inference input of a conversation: a lone user message
// is sent as is, a longer conversation as "role: content" lines.
func ChatInput(msgs []chatMessage) ([]byte, error) {
	if len(msgs) == 0 {
		return nil, errors.New("messages is empty")
	}
	if len(msgs) == 1 && msgs[0].Role == "user" {
		s, err := msgs[0].text()
		return []byte(s), err
	}
	var b strings.Builder
	for _, m := range msgs {
		s, err := m.text()
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%s: %s\n", m.Role, s)
	}
	return []byte(b.String()), nil
}

// parsExt is the gateway's extension of OpenAI responses: what a client
// needs to find the reward of its job on chain.
type parsExt struct {
	JobID        string `json:"job_id"`
	TicketID     string `json:"ticket_id"`
	WorkID       string `json:"work_id,omitempty"`
	MinerID      string `json:"miner_id"`
	ComputeUnits uint64 `json:"compute_units"`
	Attempts     int    `json:"attempts"`
}

func ext(a *Answer) parsExt {
	e := parsExt{JobID: "0x" + hex.EncodeToString(a.JobID[:]), TicketID: "0x" + hex.EncodeToString(a.TicketID[:]),
		MinerID: "0x" + hex.EncodeToString(a.MinerID[:]), ComputeUnits: a.ComputeUnits, Attempts: a.Attempts}
	if a.WorkID != ([32]byte{}) {
		e.WorkID = "0x" + hex.EncodeToString(a.WorkID[:])
	}
	return e
}

func (g *Gateway) chat(w http.ResponseWriter, r *http.Request) {
	var req chatRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.Stream {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "stream_unsupported", "streaming is not supported; send stream=false")
		return
	}
	input, err := ChatInput(req.Messages)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_messages", err.Error())
		return
	}
	var maxTokens uint32
	if req.MaxCompletionTokens != nil {
		maxTokens = *req.MaxCompletionTokens
	} else if req.MaxTokens != nil {
		maxTokens = *req.MaxTokens
	}
	a, err := g.Do(r.Context(), Request{Kind: LLMInference, Model: req.Model, Input: input, MaxTokens: maxTokens})
	if err != nil {
		fail(w, err)
		return
	}
	type choice struct {
		Index   int `json:"index"`
		Message struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	}
	var c choice
	c.Message.Role, c.Message.Content, c.FinishReason = "assistant", string(a.Output), "stop"
	writeJSON(w, http.StatusOK, map[string]any{
		"id":      "chatcmpl-" + hex.EncodeToString(a.JobID[:12]),
		"object":  "chat.completion",
		"created": g.cfg.Clock().Unix(),
		"model":   req.Model,
		"choices": []choice{c},
		"usage": map[string]uint32{"prompt_tokens": a.PromptTokens, "completion_tokens": a.CompletionTokens,
			"total_tokens": a.PromptTokens + a.CompletionTokens},
		"pars": ext(a),
	})
}

type embeddingRequest struct {
	Model string          `json:"model"`
	Input json.RawMessage `json:"input"`
}

// maxEmbeddingInputs bounds the inputs of one embeddings request.
const maxEmbeddingInputs = 64

func (g *Gateway) embeddings(w http.ResponseWriter, r *http.Request) {
	var req embeddingRequest
	if !decodeBody(w, r, &req) {
		return
	}
	var inputs []string
	var one string
	if err := json.Unmarshal(req.Input, &one); err == nil {
		inputs = []string{one}
	} else if err := json.Unmarshal(req.Input, &inputs); err != nil || len(inputs) == 0 || len(inputs) > maxEmbeddingInputs {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_input",
			fmt.Sprintf("input must be a string or a list of 1 to %d strings", maxEmbeddingInputs))
		return
	}
	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	out := make([]item, len(inputs))
	answers := make([]*Answer, len(inputs))
	errs := make([]error, len(inputs))
	done := make(chan int, len(inputs))
	for i := range inputs {
		go func(i int) {
			answers[i], errs[i] = g.Do(r.Context(), Request{Kind: Embedding, Model: req.Model, Input: []byte(inputs[i]), MaxTokens: 1})
			done <- i
		}(i)
	}
	var prompt uint32
	for range inputs {
		<-done
	}
	for i := range inputs {
		if errs[i] != nil {
			fail(w, errs[i])
			return
		}
		vec, err := float32Vector(answers[i].Tensors[0])
		if err != nil {
			writeError(w, http.StatusBadGateway, "server_error", "bad_tensor", err.Error())
			return
		}
		out[i] = item{Object: "embedding", Index: i, Embedding: vec}
		prompt += answers[i].PromptTokens
	}
	exts := make([]parsExt, len(answers))
	for i, a := range answers {
		exts[i] = ext(a)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list", "data": out, "model": req.Model,
		"usage": map[string]uint32{"prompt_tokens": prompt, "total_tokens": prompt},
		"pars":  exts,
	})
}

// float32Vector reads a float32 tensor of rank 1 (or [1, n]).
func float32Vector(t Tensor) ([]float32, error) {
	if t.DType != zap.DType_float32 {
		return nil, fmt.Errorf("embedding tensor has dtype %v, want float32", t.DType)
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if len(t.Shape) == 0 || len(t.Shape) > 2 || (len(t.Shape) == 2 && t.Shape[0] != 1) {
		return nil, fmt.Errorf("embedding tensor has shape %v, want [n] or [1, n]", t.Shape)
	}
	n := len(t.Data) / 4
	v := make([]float32, n)
	for i := range v {
		f := math.Float32frombits(binary.LittleEndian.Uint32(t.Data[4*i:]))
		if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
			return nil, errors.New("embedding has a NaN or infinite element")
		}
		v[i] = f
	}
	return v, nil
}

func (g *Gateway) listModels(w http.ResponseWriter, r *http.Request) {
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
		Hash    string `json:"model_hash"`
	}
	var data []model
	for _, m := range g.cfg.Models {
		data = append(data, model{ID: m.Name, Object: "model", Created: 0, OwnedBy: "pars-gateway", Hash: "0x" + hex.EncodeToString(m.Hash[:])})
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": data})
}
