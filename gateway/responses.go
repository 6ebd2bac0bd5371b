package gateway

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// POST /v1/responses: the Responses API's basic form, as the openai SDK's
// responses.create sends it: input a string or a list of messages (role,
// content as a string or input_text / input_image parts), optional
// instructions (a system message before the input), max_output_tokens,
// temperature, top_p. The answer is one response object with one
// assistant message of one output_text part; status "incomplete" with
// incomplete_details.reason "max_output_tokens" when the limit cut it. It
// is one job, one ticket and one proof, like a chat completion of the same
// messages (images make it a vision job). Streaming, tools, stored
// conversations (previous_response_id) and structured output are refused
// with 400 naming the parameter.

// responsesRequest is the body of POST /v1/responses.
type responsesRequest struct {
	Model              string          `json:"model"`
	Input              json.RawMessage `json:"input"`
	Instructions       *string         `json:"instructions"`
	MaxOutputTokens    *int64          `json:"max_output_tokens"`
	Temperature        *float64        `json:"temperature"`
	TopP               *float64        `json:"top_p"`
	Stream             bool            `json:"stream"`
	Tools              json.RawMessage `json:"tools"`
	PreviousResponseID *string         `json:"previous_response_id"`
	Text               *struct {
		Format *struct {
			Type string `json:"type"`
		} `json:"format"`
	} `json:"text"`
	Background bool `json:"background"`
}

// responsesItem is one input item: a message.
type responsesItem struct {
	Type    string          `json:"type"`
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

// responsesPart is one content part of an input message.
type responsesPart struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	ImageURL string `json:"image_url"`
}

// responsesMessages turns the request's instructions and input into chat
// messages (content parts in the chat form).
func (q *responsesRequest) messages() ([]chatMessage, error) {
	var msgs []chatMessage
	str := func(s string) json.RawMessage { b, _ := json.Marshal(s); return b }
	if q.Instructions != nil && *q.Instructions != "" {
		msgs = append(msgs, chatMessage{Role: "system", Content: str(*q.Instructions)})
	}
	var s string
	if err := json.Unmarshal(q.Input, &s); err == nil {
		if s == "" {
			return nil, badParam("input", "input must not be empty")
		}
		return append(msgs, chatMessage{Role: "user", Content: str(s)}), nil
	}
	var items []responsesItem
	if err := json.Unmarshal(q.Input, &items); err != nil || len(items) == 0 {
		return nil, badParam("input", "input must be a string or a non-empty list of messages")
	}
	for i, it := range items {
		if it.Type != "" && it.Type != "message" {
			return nil, badParam(fmt.Sprintf("input[%d].type", i), "input item type %q is not supported by this gateway (messages only)", it.Type)
		}
		switch it.Role {
		case "user", "assistant", "system", "developer":
		default:
			return nil, badParam(fmt.Sprintf("input[%d].role", i), "role %q is not one of user, assistant, system, developer", it.Role)
		}
		if err := json.Unmarshal(it.Content, &s); err == nil {
			msgs = append(msgs, chatMessage{Role: it.Role, Content: str(s)})
			continue
		}
		var parts []responsesPart
		if err := json.Unmarshal(it.Content, &parts); err != nil {
			return nil, badParam(fmt.Sprintf("input[%d].content", i), "content must be a string or a list of parts")
		}
		chat := make([]map[string]any, len(parts))
		for k, p := range parts {
			switch p.Type {
			case "input_text", "output_text":
				chat[k] = map[string]any{"type": "text", "text": p.Text}
			case "input_image":
				chat[k] = map[string]any{"type": "image_url", "image_url": map[string]any{"url": p.ImageURL}}
			default:
				return nil, badParam(fmt.Sprintf("input[%d].content[%d].type", i, k), "content part type %q is not supported by this gateway (input_text and input_image only)", p.Type)
			}
		}
		b, _ := json.Marshal(chat)
		msgs = append(msgs, chatMessage{Role: it.Role, Content: b})
	}
	return msgs, nil
}

// check refuses what the basic form does not serve.
func (q *responsesRequest) check() error {
	switch {
	case q.Model == "":
		return badParam("model", "model is required")
	case q.Stream:
		return badParam("stream", "streamed responses are not supported by this gateway; use stream: false, or chat completions with stream: true")
	case len(q.Tools) > 0 && string(q.Tools) != "null" && string(q.Tools) != "[]":
		return badParam("tools", "tools are not supported by this gateway")
	case q.PreviousResponseID != nil:
		return badParam("previous_response_id", "this gateway stores no responses; send the whole conversation as input")
	case q.Background:
		return badParam("background", "background responses are not supported by this gateway")
	case q.Text != nil && q.Text.Format != nil && q.Text.Format.Type != "text":
		return badParam("text.format", "only text output is supported by this gateway (got %q)", q.Text.Format.Type)
	}
	return nil
}

func (g *Gateway) responses(w http.ResponseWriter, r *http.Request) {
	var q responsesRequest
	if !decodeBody(w, r, &q) {
		return
	}
	if err := q.check(); err != nil {
		fail(w, err)
		return
	}
	msgs, err := q.messages()
	if err != nil {
		fail(w, err)
		return
	}
	skip, list := 0, len(q.Input) > 0 && q.Input[0] == '['
	if q.Instructions != nil && *q.Instructions != "" {
		skip = 1
	}
	for i := range msgs {
		if msgs[i].Role == "developer" {
			msgs[i].Role = "system"
		}
	}
	input, kind, err := ChatInput(msgs)
	if err != nil {
		fail(w, asInputParam(err, skip, list))
		return
	}
	gen := genRequest{Model: q.Model, MaxTokens: q.MaxOutputTokens, Temperature: q.Temperature, TopP: q.TopP}
	req, err := gen.request(input, 0)
	if err != nil {
		fail(w, asInputParam(err, skip, list))
		return
	}
	req.Kind = kind
	call, err := g.Submit(req)
	if err != nil {
		fail(w, withInputParam(err, "input"))
		return
	}
	created := g.cfg.Clock().Unix()
	var a *Answer
	for a == nil && err == nil {
		_, a, err = call.Next(r.Context())
	}
	if err != nil {
		fail(w, err)
		return
	}
	g.usage(r, Usage{Endpoint: "/v1/responses", Model: req.Model, PromptTokens: a.PromptTokens, CompletionTokens: a.CompletionTokens, Jobs: 1})
	id := hex.EncodeToString(a.JobID[:12])
	status, incomplete := "completed", any(nil)
	if a.FinishReason == FinishLength {
		status, incomplete = "incomplete", map[string]any{"reason": "max_output_tokens"}
	}
	var maxOut any
	if q.MaxOutputTokens != nil {
		maxOut = *q.MaxOutputTokens
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id": "resp_" + id, "object": "response", "created_at": created, "status": status,
		"model": req.Model, "error": nil, "incomplete_details": incomplete,
		"instructions": q.Instructions, "max_output_tokens": maxOut,
		"temperature": q.Temperature, "top_p": q.TopP,
		"output": []map[string]any{{
			"type": "message", "id": "msg_" + id, "status": status, "role": "assistant",
			"content": []map[string]any{{"type": "output_text", "text": string(a.Output), "annotations": []any{}}},
		}},
		"parallel_tool_calls": false, "tool_choice": "none", "tools": []any{},
		"text": map[string]any{"format": map[string]any{"type": "text"}}, "truncation": "disabled", "metadata": map[string]any{},
		"usage": map[string]any{
			"input_tokens": a.PromptTokens, "output_tokens": a.CompletionTokens, "total_tokens": a.PromptTokens + a.CompletionTokens,
			"input_tokens_details": map[string]any{"cached_tokens": 0}, "output_tokens_details": map[string]any{"reasoning_tokens": 0},
		},
		"pars": ext(a),
	})
}

// chatIndex matches a chat parameter that names a message.
var chatIndex = regexp.MustCompile(`^messages\[(\d+)\](.*)$`)

// asInputParam renames a chat parameter of an error ("messages[i]…",
// "max_tokens") to the Responses API's ("input[i-skip]…", with an
// image_url part's url its image_url; "max_output_tokens"). skip is the
// number of messages made from instructions; a string input is "input".
func asInputParam(err error, skip int, list bool) error {
	pe, ok := err.(*paramError)
	if !ok {
		return err
	}
	c := *pe
	if c.param == "max_tokens" {
		c.param, c.msg = "max_output_tokens", strings.ReplaceAll(c.msg, "max_tokens", "max_output_tokens")
		return &c
	}
	if !strings.HasPrefix(c.param, "messages") {
		return &c
	}
	c.param = "input"
	if m := chatIndex.FindStringSubmatch(pe.param); m != nil && list {
		if i, err := strconv.Atoi(m[1]); err == nil && i >= skip {
			c.param = fmt.Sprintf("input[%d]%s", i-skip, strings.TrimSuffix(m[2], ".url"))
		}
	}
	return &c
}
