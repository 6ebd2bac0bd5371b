package gateway

import (
	"context"
	"encoding/base64"
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

// MaxRequestBytes bounds an HTTP request body (8 MiB: room for one image
// of MaxImageBytes as a base64 data URL, or several smaller ones).
const MaxRequestBytes = 8 << 20

// DefaultCompletionTokens is the output limit of POST /v1/completions when
// the request names none (OpenAI's documented default); chat completions
// default to the model's maximum.
const DefaultCompletionTokens = 16

// Usage is what one answered request consumed, for Config.OnUsage.
type Usage struct {
	Endpoint         string // "/v1/chat/completions", ...
	Model            string
	PromptTokens     uint32
	CompletionTokens uint32
	Jobs             int // jobs (and tickets) the request used
	Stream           bool
}

// route is one endpoint of the HTTP API.
type route struct {
	method, pattern string
	h               http.HandlerFunc
}

// Handler returns the OpenAI-compatible front door:
//
//	POST /v1/chat/completions   chat completion (llm-inference; vision with image parts), optionally streamed
//	POST /v1/completions        text completion (llm-inference), optionally streamed
//	POST /v1/embeddings         embeddings (embedding)
//	POST /v1/responses          a response (basic, not streamed: see responses.go)
//	GET  /v1/models             the models the gateway serves
//	GET  /v1/models/{id}        one of them
//	GET  /healthz               200 with the gateway's state while open
//
// Every other path answers 404, and a known path with another method 405,
// both with OpenAI's error body.
func (g *Gateway) Handler() http.Handler {
	routes := []route{
		{http.MethodPost, "/v1/chat/completions", g.chat},
		{http.MethodPost, "/v1/completions", g.completions},
		{http.MethodPost, "/v1/embeddings", g.embeddings},
		{http.MethodPost, "/v1/responses", g.responses},
		{http.MethodGet, "/v1/models", g.listModels},
		{http.MethodGet, "/v1/models/{id}", g.getModel},
		{http.MethodGet, "/healthz", g.health},
	}
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) {
			if r.Method != rt.method {
				w.Header().Set("Allow", rt.method)
				writeError(w, http.StatusMethodNotAllowed, "invalid_request_error", "method_not_allowed", "",
					fmt.Sprintf("%s %s is not supported; use %s", r.Method, r.URL.Path, rt.method))
				return
			}
			rt.h(w, r)
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", "",
			fmt.Sprintf("Invalid URL (%s %s): this gateway serves POST /v1/chat/completions, POST /v1/completions, "+
				"POST /v1/embeddings, POST /v1/responses, GET /v1/models and GET /v1/models/{id}", r.Method, r.URL.Path))
	})
	return mux
}

// APIError is OpenAI's error body, {"error":{"message","type","param","code"}}.
type APIError struct {
	Error APIErrorDetail `json:"error"`
}

// APIErrorDetail is the inside of an APIError.
type APIErrorDetail struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// NewAPIError builds an error body; empty param or code become null.
func NewAPIError(typ, code, param, msg string) APIError {
	e := APIError{Error: APIErrorDetail{Message: msg, Type: typ}}
	if param != "" {
		e.Error.Param = &param
	}
	if code != "" {
		e.Error.Code = &code
	}
	return e
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// WriteError answers an HTTP request with OpenAI's error body.
func WriteError(w http.ResponseWriter, status int, typ, code, param, msg string) {
	writeError(w, status, typ, code, param, msg)
}

func writeError(w http.ResponseWriter, status int, typ, code, param, msg string) {
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, NewAPIError(typ, code, param, msg))
}

// paramError is a request that names a bad parameter: 400 with param set.
type paramError struct{ param, msg string }

func (e *paramError) Error() string { return e.msg }

func badParam(param, format string, args ...any) error {
	return &paramError{param: param, msg: fmt.Sprintf(format, args...)}
}

// errorBody maps an error to its HTTP status and OpenAI body.
func errorBody(err error) (int, APIError) {
	var pe *paramError
	var long *inputTooLong
	var big *imageTooLarge
	var nm *noMinerError
	switch {
	case errors.As(err, &pe):
		return http.StatusBadRequest, NewAPIError("invalid_request_error", "invalid_value", pe.param, pe.msg)
	case errors.As(err, &long):
		return http.StatusBadRequest, NewAPIError("invalid_request_error", "context_length_exceeded", long.param, long.Error())
	case errors.As(err, &big):
		return http.StatusRequestEntityTooLarge, NewAPIError("invalid_request_error", "image_too_large", big.param, big.Error())
	case errors.As(err, &nm):
		return http.StatusServiceUnavailable, NewAPIError("service_unavailable", "no_miner", "model", err.Error())
	case errors.Is(err, ErrBusy):
		return http.StatusTooManyRequests, NewAPIError("rate_limit_error", "server_busy", "", err.Error())
	case errors.Is(err, ErrNoMiner):
		return http.StatusServiceUnavailable, NewAPIError("service_unavailable", "no_miner", "model", err.Error())
	case errors.Is(err, ErrUnknownModel):
		return http.StatusNotFound, NewAPIError("invalid_request_error", "model_not_found", "model", err.Error())
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout, NewAPIError("timeout", "timeout", "", err.Error())
	case errors.Is(err, ErrJobFailed), errors.Is(err, ErrStreamDiverged):
		return http.StatusBadGateway, NewAPIError("server_error", "job_failed", "", err.Error())
	case errors.Is(err, ErrClosed):
		return http.StatusServiceUnavailable, NewAPIError("service_unavailable", "closed", "", err.Error())
	}
	return http.StatusBadRequest, NewAPIError("invalid_request_error", "invalid_request", "", err.Error())
}

// fail maps a gateway error to an HTTP answer.
func fail(w http.ResponseWriter, err error) {
	status, body := errorBody(err)
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, body)
}

func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "invalid_request_error", "request_too_large", "",
				fmt.Sprintf("the request body exceeds %d bytes", MaxRequestBytes))
			return false
		}
		writeError(w, http.StatusBadRequest, "invalid_request_error", "invalid_json", "", "cannot parse the request body as JSON: "+err.Error())
		return false
	}
	return true
}

type chatMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

// parts returns a message's content: a string (one text part), or a list
// of text and image_url parts (images from base64 data URLs only). i is
// the message's index, for the param of errors.
func (m chatMessage) parts(i int) ([]ContentPart, error) {
	param := fmt.Sprintf("messages[%d].content", i)
	var s string
	if err := json.Unmarshal(m.Content, &s); err == nil {
		return []ContentPart{{Text: s}}, nil
	}
	var raw []struct {
		Type     string `json:"type"`
		Text     string `json:"text"`
		ImageURL *struct {
			URL    string `json:"url"`
			Detail string `json:"detail"`
		} `json:"image_url"`
	}
	if err := json.Unmarshal(m.Content, &raw); err != nil {
		return nil, badParam(param, "message content must be a string or a list of content parts")
	}
	out := make([]ContentPart, 0, len(raw))
	for k, p := range raw {
		pp := fmt.Sprintf("%s[%d]", param, k)
		switch p.Type {
		case "text":
			out = append(out, ContentPart{Text: p.Text})
		case "image_url":
			if p.ImageURL == nil {
				return nil, badParam(pp+".image_url", "an image_url part needs image_url.url")
			}
			mt, img, err := ParseImageDataURL(p.ImageURL.URL, pp+".image_url.url")
			if err != nil {
				return nil, err
			}
			out = append(out, ContentPart{MediaType: mt, Image: img})
		default:
			return nil, badParam(pp+".type", "content part type %q is not supported by this gateway (text and image_url only)", p.Type)
		}
	}
	return out, nil
}

// ChatInput is the inference input of a conversation, and the capability
// it needs. Without images it is text (LLMInference): a lone user message
// is sent as is, a longer conversation as "role: content" lines, text
// parts joined. With an image it is the canonical vision input of every
// message and part (Vision; see EncodeVisionInput).
func ChatInput(msgs []chatMessage) ([]byte, Capability, error) {
	if len(msgs) == 0 {
		return nil, LLMInference, badParam("messages", "messages must not be empty")
	}
	all := make([][]ContentPart, len(msgs))
	images := 0
	for i, m := range msgs {
		ps, err := m.parts(i)
		if err != nil {
			return nil, LLMInference, err
		}
		for _, p := range ps {
			if p.IsImage() {
				images++
			}
		}
		all[i] = ps
	}
	if images > 0 {
		if images > MaxImagesPerRequest {
			return nil, Vision, badParam("messages", "the request has %d images; at most %d per request", images, MaxImagesPerRequest)
		}
		vm := make([]VisionMessage, len(msgs))
		for i, m := range msgs {
			if !validRole(m.Role) {
				return nil, Vision, badParam(fmt.Sprintf("messages[%d].role", i), "role %q is not a valid role", m.Role)
			}
			vm[i] = VisionMessage{Role: m.Role, Parts: all[i]}
		}
		in, err := EncodeVisionInput(vm)
		if err != nil {
			return nil, Vision, badParam("messages", "%v", err)
		}
		return in, Vision, nil
	}
	text := func(ps []ContentPart) string {
		var b strings.Builder
		for _, p := range ps {
			b.WriteString(p.Text)
		}
		return b.String()
	}
	if len(msgs) == 1 && msgs[0].Role == "user" {
		return []byte(text(all[0])), LLMInference, nil
	}
	var b strings.Builder
	for i, m := range msgs {
		fmt.Fprintf(&b, "%s: %s\n", m.Role, text(all[i]))
	}
	return []byte(b.String()), LLMInference, nil
}

// genRequest holds the generation parameters shared by chat and text
// completions.
type genRequest struct {
	Model               string          `json:"model"`
	MaxTokens           *int64          `json:"max_tokens"`
	MaxCompletionTokens *int64          `json:"max_completion_tokens"`
	Stop                json.RawMessage `json:"stop"`
	Temperature         *float64        `json:"temperature"`
	TopP                *float64        `json:"top_p"`
	Seed                *int64          `json:"seed"`
	N                   *int64          `json:"n"`
	Stream              bool            `json:"stream"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
}

// request checks the shared parameters and fills a gateway request.
// defaultMax applies when the client names no limit (0: the model's).
func (p *genRequest) request(input []byte, defaultMax uint32) (Request, error) {
	req := Request{Kind: LLMInference, Model: p.Model, Input: input, Stream: p.Stream, MaxTokens: defaultMax}
	if p.Model == "" {
		return req, badParam("model", "model is required")
	}
	if p.N != nil && *p.N != 1 {
		return req, badParam("n", "n must be 1: this gateway returns one choice per request (got %d)", *p.N)
	}
	limit, param := p.MaxTokens, "max_tokens"
	if p.MaxCompletionTokens != nil {
		limit, param = p.MaxCompletionTokens, "max_completion_tokens"
	}
	if limit != nil {
		if *limit < 1 {
			return req, badParam(param, "%s must be at least 1 (got %d)", param, *limit)
		}
		req.MaxTokens = uint32(min(*limit, math.MaxUint32))
	}
	stop, err := parseStop(p.Stop)
	if err != nil {
		return req, err
	}
	req.Stop = stop
	if p.Temperature != nil && (*p.Temperature < 0 || *p.Temperature > 2) {
		return req, badParam("temperature", "temperature must be between 0 and 2 (got %v)", *p.Temperature)
	}
	if p.TopP != nil && (*p.TopP < 0 || *p.TopP > 1) {
		return req, badParam("top_p", "top_p must be between 0 and 1 (got %v)", *p.TopP)
	}
	if p.Temperature != nil || p.TopP != nil || p.Seed != nil {
		sp := &Sampling{Seed: p.Seed}
		if p.Temperature != nil {
			sp.Temperature = ptrTo(float32(*p.Temperature))
		}
		if p.TopP != nil {
			sp.TopP = ptrTo(float32(*p.TopP))
		}
		req.Sampling = sp
	}
	if p.StreamOptions != nil && !p.Stream {
		return req, badParam("stream_options", "stream_options needs stream: true")
	}
	return req, nil
}

// parseStop reads stop: null, a string or a list of at most MaxStop strings.
func parseStop(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []string
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		list = []string{one}
	} else if err := json.Unmarshal(raw, &list); err != nil {
		return nil, badParam("stop", "stop must be a string or a list of strings")
	}
	if len(list) > MaxStop {
		return nil, badParam("stop", "stop has %d sequences, at most %d", len(list), MaxStop)
	}
	for _, s := range list {
		if s == "" || len(s) > MaxStopBytes {
			return nil, badParam("stop", "each stop sequence must have 1 to %d bytes", MaxStopBytes)
		}
	}
	return list, nil
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

// usageBody is OpenAI's usage object.
type usageBody struct {
	PromptTokens     uint32 `json:"prompt_tokens"`
	CompletionTokens uint32 `json:"completion_tokens"`
	TotalTokens      uint32 `json:"total_tokens"`
}

func usageOf(a *Answer) usageBody {
	return usageBody{PromptTokens: a.PromptTokens, CompletionTokens: a.CompletionTokens, TotalTokens: a.PromptTokens + a.CompletionTokens}
}

// usage reports an answered request to Config.OnUsage.
func (g *Gateway) usage(r *http.Request, u Usage) {
	if g.cfg.OnUsage != nil {
		g.cfg.OnUsage(r, u)
	}
}

func (g *Gateway) chat(w http.ResponseWriter, r *http.Request) {
	var body struct {
		genRequest
		Messages []chatMessage `json:"messages"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	input, kind, err := ChatInput(body.Messages)
	if err != nil {
		fail(w, err)
		return
	}
	req, err := body.request(input, 0)
	if err != nil {
		fail(w, err)
		return
	}
	req.Kind = kind
	g.generate(w, r, req, &body.genRequest, chatFormat{})
}

func (g *Gateway) completions(w http.ResponseWriter, r *http.Request) {
	var body struct {
		genRequest
		Prompt   json.RawMessage `json:"prompt"`
		Echo     bool            `json:"echo"`
		Logprobs *int            `json:"logprobs"`
		BestOf   *int64          `json:"best_of"`
		Suffix   *string         `json:"suffix"`
	}
	if !decodeBody(w, r, &body) {
		return
	}
	var prompt string
	if err := json.Unmarshal(body.Prompt, &prompt); err != nil {
		var list []string
		if json.Unmarshal(body.Prompt, &list) != nil || len(list) != 1 {
			fail(w, badParam("prompt", "prompt must be a string (or a list of exactly one string)"))
			return
		}
		prompt = list[0]
	}
	switch {
	case prompt == "":
		fail(w, badParam("prompt", "prompt must not be empty"))
		return
	case body.Echo:
		fail(w, badParam("echo", "echo is not supported by this gateway"))
		return
	case body.Logprobs != nil:
		fail(w, badParam("logprobs", "logprobs are not supported by this gateway"))
		return
	case body.BestOf != nil && *body.BestOf != 1:
		fail(w, badParam("best_of", "best_of must be 1"))
		return
	case body.Suffix != nil && *body.Suffix != "":
		fail(w, badParam("suffix", "suffix is not supported by this gateway"))
		return
	}
	req, err := body.request([]byte(prompt), DefaultCompletionTokens)
	if err != nil {
		fail(w, err)
		return
	}
	g.generate(w, r, req, &body.genRequest, textFormat{})
}

// format shapes the objects of one endpoint's answers.
type format interface {
	endpoint() string
	idPrefix() string
	// answer is the complete, not streamed, response.
	answer(id string, created int64, model string, a *Answer) map[string]any
	// chunk is one streamed object: text (first: the opening chunk), or the
	// closing chunk when finish is set.
	chunk(id string, created int64, model, text string, first bool, finish string) map[string]any
	chunkObject() string
	// inputParam names the request field that holds the input.
	inputParam() string
}

type chatFormat struct{}

func (chatFormat) endpoint() string    { return "/v1/chat/completions" }
func (chatFormat) idPrefix() string    { return "chatcmpl-" }
func (chatFormat) chunkObject() string { return "chat.completion.chunk" }
func (chatFormat) inputParam() string  { return "messages" }

func (chatFormat) answer(id string, created int64, model string, a *Answer) map[string]any {
	return map[string]any{
		"id": id, "object": "chat.completion", "created": created, "model": model,
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": string(a.Output), "refusal": nil},
			"logprobs":      nil,
			"finish_reason": a.FinishReason,
		}},
		"usage": usageOf(a),
		"pars":  ext(a),
	}
}

func (chatFormat) chunk(id string, created int64, model, text string, first bool, finish string) map[string]any {
	delta := map[string]any{}
	if first {
		delta["role"] = "assistant"
	}
	if finish == "" {
		delta["content"] = text
	}
	var fr any
	if finish != "" {
		fr = finish
	}
	return map[string]any{
		"id": id, "object": "chat.completion.chunk", "created": created, "model": model,
		"choices": []map[string]any{{"index": 0, "delta": delta, "logprobs": nil, "finish_reason": fr}},
	}
}

type textFormat struct{}

func (textFormat) endpoint() string    { return "/v1/completions" }
func (textFormat) idPrefix() string    { return "cmpl-" }
func (textFormat) chunkObject() string { return "text_completion" }
func (textFormat) inputParam() string  { return "prompt" }

func (textFormat) answer(id string, created int64, model string, a *Answer) map[string]any {
	return map[string]any{
		"id": id, "object": "text_completion", "created": created, "model": model,
		"choices": []map[string]any{{"index": 0, "text": string(a.Output), "logprobs": nil, "finish_reason": a.FinishReason}},
		"usage":   usageOf(a),
		"pars":    ext(a),
	}
}

func (textFormat) chunk(id string, created int64, model, text string, _ bool, finish string) map[string]any {
	var fr any
	if finish != "" {
		fr = finish
	}
	return map[string]any{
		"id": id, "object": "text_completion", "created": created, "model": model,
		"choices": []map[string]any{{"index": 0, "text": text, "logprobs": nil, "finish_reason": fr}},
	}
}

// generate runs a text generation and answers it whole or as a stream.
func (g *Gateway) generate(w http.ResponseWriter, r *http.Request, req Request, p *genRequest, f format) {
	call, err := g.Submit(req)
	if err != nil {
		fail(w, withInputParam(err, f.inputParam()))
		return
	}
	jobID := call.JobID()
	id := f.idPrefix() + hex.EncodeToString(jobID[:12])
	created := g.cfg.Clock().Unix()
	if !req.Stream {
		var a *Answer
		for a == nil && err == nil {
			_, a, err = call.Next(r.Context())
		}
		if err != nil {
			fail(w, err)
			return
		}
		g.usage(r, Usage{Endpoint: f.endpoint(), Model: req.Model, PromptTokens: a.PromptTokens, CompletionTokens: a.CompletionTokens, Jobs: 1})
		writeJSON(w, http.StatusOK, f.answer(id, created, req.Model, a))
		return
	}
	includeUsage := p.StreamOptions != nil && p.StreamOptions.IncludeUsage
	sse := newSSE(w)
	send := func(obj map[string]any) bool {
		if includeUsage {
			if _, ok := obj["usage"]; !ok {
				obj["usage"] = nil
			}
		}
		return sse.event(obj) == nil
	}
	// The opening chunk goes at once: the job is queued, nothing waits
	// for the miner (nor, ever, for the chain).
	if _, ok := f.(chatFormat); ok {
		if !send(f.chunk(id, created, req.Model, "", true, "")) {
			call.Cancel()
			return
		}
	}
	for {
		delta, a, err := call.Next(r.Context())
		if err != nil {
			_, body := errorBody(err)
			sse.event(body)
			return
		}
		if len(delta) > 0 && !send(f.chunk(id, created, req.Model, string(delta), false, "")) {
			if a == nil {
				call.Cancel()
			}
			return
		}
		if a == nil {
			continue
		}
		last := f.chunk(id, created, req.Model, "", false, a.FinishReason)
		last["pars"] = ext(a)
		if !send(last) {
			return
		}
		if includeUsage {
			u := usageOf(a)
			send(map[string]any{"id": id, "object": f.chunkObject(), "created": created, "model": req.Model,
				"choices": []any{}, "usage": u})
		}
		sse.done()
		g.usage(r, Usage{Endpoint: f.endpoint(), Model: req.Model, PromptTokens: a.PromptTokens, CompletionTokens: a.CompletionTokens, Jobs: 1, Stream: true})
		return
	}
}

// sse writes server-sent events, flushing each.
type sse struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

func newSSE(w http.ResponseWriter) *sse {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	return &sse{w: w, rc: http.NewResponseController(w)}
}

// event writes one `data: JSON` event.
func (s *sse) event(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(s.w, "data: %s\n\n", b); err != nil {
		return err
	}
	return s.rc.Flush()
}

// done writes the closing `data: [DONE]` event.
func (s *sse) done() {
	fmt.Fprint(s.w, "data: [DONE]\n\n")
	s.rc.Flush()
}

// maxEmbeddingInputs bounds the inputs of one embeddings request.
const maxEmbeddingInputs = 64

func (g *Gateway) embeddings(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Model          string          `json:"model"`
		Input          json.RawMessage `json:"input"`
		EncodingFormat *string         `json:"encoding_format"`
		Dimensions     *int64          `json:"dimensions"`
	}
	if !decodeBody(w, r, &req) {
		return
	}
	if req.Model == "" {
		fail(w, badParam("model", "model is required"))
		return
	}
	base64Format := false
	if req.EncodingFormat != nil {
		switch *req.EncodingFormat {
		case "float":
		case "base64":
			base64Format = true
		default:
			fail(w, badParam("encoding_format", "encoding_format must be \"float\" or \"base64\" (got %q)", *req.EncodingFormat))
			return
		}
	}
	var inputs []string
	var one string
	if err := json.Unmarshal(req.Input, &one); err == nil {
		inputs = []string{one}
	} else if err := json.Unmarshal(req.Input, &inputs); err != nil || len(inputs) == 0 || len(inputs) > maxEmbeddingInputs {
		fail(w, badParam("input", "input must be a string or a list of 1 to %d strings (token arrays are not supported)", maxEmbeddingInputs))
		return
	}
	for _, in := range inputs {
		if in == "" {
			fail(w, badParam("input", "input must not contain empty strings"))
			return
		}
	}
	if _, ok := g.models[req.Model]; !ok {
		fail(w, fmt.Errorf("%w %q", ErrUnknownModel, req.Model))
		return
	}
	type item struct {
		Object    string `json:"object"`
		Index     int    `json:"index"`
		Embedding any    `json:"embedding"`
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
	for range inputs {
		<-done
	}
	var prompt uint32
	for i := range inputs {
		if errs[i] != nil {
			fail(w, withInputParam(errs[i], "input"))
			return
		}
		vec, err := float32Vector(answers[i].Tensors[0])
		if err != nil {
			writeError(w, http.StatusBadGateway, "server_error", "bad_tensor", "", err.Error())
			return
		}
		// Shortened embeddings (truncated and scaled to unit length) are
		// meaningful only for models trained for them (Matryoshka
		// representation learning); no model here is, and a proof covers
		// the whole vector, so only the model's own length is served.
		if req.Dimensions != nil && *req.Dimensions != int64(len(vec)) {
			fail(w, badParam("dimensions", "model %s produces %d-dimensional embeddings and does not support other dimensions (got %d)",
				req.Model, len(vec), *req.Dimensions))
			return
		}
		out[i] = item{Object: "embedding", Index: i, Embedding: vec}
		if base64Format {
			out[i].Embedding = base64.StdEncoding.EncodeToString(answers[i].Tensors[0].Data)
		}
		prompt += answers[i].PromptTokens
	}
	exts := make([]parsExt, len(answers))
	for i, a := range answers {
		exts[i] = ext(a)
	}
	g.usage(r, Usage{Endpoint: "/v1/embeddings", Model: req.Model, PromptTokens: prompt, Jobs: len(inputs)})
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

// modelObject is OpenAI's model object, with the gateway's fields.
type modelObject struct {
	ID        string `json:"id"`
	Object    string `json:"object"`
	Created   int64  `json:"created"`
	OwnedBy   string `json:"owned_by"`
	Hash      string `json:"model_hash"`
	MaxTokens uint32 `json:"max_tokens"`
	// MaxInputTokens is the input limit (absent: none known).
	MaxInputTokens uint32 `json:"max_input_tokens,omitempty"`
}

func modelObj(m Model) modelObject {
	return modelObject{ID: m.Name, Object: "model", OwnedBy: "pars-gateway", Hash: "0x" + hex.EncodeToString(m.Hash[:]),
		MaxTokens: m.MaxTokens, MaxInputTokens: m.MaxInputTokens}
}

func (g *Gateway) listModels(w http.ResponseWriter, r *http.Request) {
	data := []modelObject{}
	for _, m := range g.cfg.Models {
		data = append(data, modelObj(g.models[m.Name]))
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": data})
}

func (g *Gateway) getModel(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	m, ok := g.models[id]
	if !ok {
		writeError(w, http.StatusNotFound, "invalid_request_error", "model_not_found", "model",
			fmt.Sprintf("The model %q does not exist on this gateway", id))
		return
	}
	writeJSON(w, http.StatusOK, modelObj(m))
}

func (g *Gateway) health(w http.ResponseWriter, r *http.Request) {
	id := g.ID()
	reg := g.Registration()
	body := map[string]any{
		"status":       "ok",
		"gateway_id":   "0x" + hex.EncodeToString(id[:]),
		"chain_id":     g.cfg.ChainID,
		"miners":       len(g.Miners()),
		"registration": reg,
	}
	if reg.State != RegistrationRegistered {
		body["warnings"] = []string{reg.Detail}
	}
	writeJSON(w, http.StatusOK, body)
}
