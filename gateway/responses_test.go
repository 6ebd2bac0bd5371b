package gateway_test

import (
	"testing"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/stretchr/testify/require"
)

// TestResponses: POST /v1/responses answers the basic form (string or
// message input, instructions, max_output_tokens) with one output_text of
// the built-in model's output for the same conversation as chat, status
// "incomplete" when the limit cut it, usage and the pars extension; what
// the basic form does not serve is refused with 400 naming the parameter.
func TestResponses(t *testing.T) {
	sys := newSystem(t, sysOpts{modelMax: 16})
	url := sys.srv.URL + "/v1/responses"
	const prompt = "Why is the sky blue?"
	for _, tc := range []struct {
		name  string
		body  map[string]any
		input string // the job's input
		out   int    // output tokens
	}{
		{"string input", map[string]any{"input": prompt, "max_output_tokens": 5}, prompt, 5},
		{"default limit: the model's cap", map[string]any{"input": prompt}, prompt, 16},
		{"messages with instructions", map[string]any{"instructions": "be brief", "max_output_tokens": 7,
			"input": []map[string]any{{"role": "user", "content": "hi"}, {"role": "assistant", "content": []map[string]any{{"type": "output_text", "text": "hello"}}},
				{"type": "message", "role": "developer", "content": []map[string]any{{"type": "input_text", "text": "again"}}}}},
			"system: be brief\nuser: hi\nassistant: hello\nsystem: again\n", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.body["model"] = builtin.Name
			status, _, out := do(t, "POST", url, "", tc.body)
			require.Equal(t, 200, status, "%v", out)
			want, err := sys.b.Generate(t.Context(), []byte(tc.input), tc.out)
			require.NoError(t, err)
			require.Equal(t, "response", out["object"])
			require.Regexp(t, `^resp_[0-9a-f]{24}$`, out["id"])
			// The built-in model has no end token: the limit always ends it.
			require.Equal(t, "incomplete", out["status"])
			require.Equal(t, map[string]any{"reason": "max_output_tokens"}, out["incomplete_details"])
			output := out["output"].([]any)
			require.Len(t, output, 1)
			msg := output[0].(map[string]any)
			require.Equal(t, "message", msg["type"])
			require.Equal(t, "assistant", msg["role"])
			content := msg["content"].([]any)[0].(map[string]any)
			require.Equal(t, "output_text", content["type"])
			require.Equal(t, string(want), content["text"])
			usage := out["usage"].(map[string]any)
			require.Equal(t, float64(len(tc.input)), usage["input_tokens"])
			require.Equal(t, float64(tc.out), usage["output_tokens"])
			require.Equal(t, float64(len(tc.input)+tc.out), usage["total_tokens"])
			require.NotEmpty(t, out["pars"].(map[string]any)["work_id"])
		})
	}

	png := dataURL("image/png", testPNG(t, 2, 2, 3))
	for _, tc := range []struct {
		name        string
		body        map[string]any
		status      int
		code, param string
	}{
		{"stream", map[string]any{"input": "hi", "stream": true}, 400, "invalid_value", "stream"},
		{"tools", map[string]any{"input": "hi", "tools": []map[string]any{{"type": "web_search"}}}, 400, "invalid_value", "tools"},
		{"previous response", map[string]any{"input": "hi", "previous_response_id": "resp_1"}, 400, "invalid_value", "previous_response_id"},
		{"json output", map[string]any{"input": "hi", "text": map[string]any{"format": map[string]any{"type": "json_object"}}}, 400, "invalid_value", "text.format"},
		{"empty input", map[string]any{"input": ""}, 400, "invalid_value", "input"},
		{"no model", map[string]any{"model": "", "input": "hi"}, 400, "invalid_value", "model"},
		{"max_output_tokens 0", map[string]any{"input": "hi", "max_output_tokens": 0}, 400, "invalid_value", "max_output_tokens"},
		{"item type", map[string]any{"input": []map[string]any{{"type": "function_call_output", "output": "x"}}}, 400, "invalid_value", "input[0].type"},
		{"role", map[string]any{"input": []map[string]any{{"role": "tool", "content": "x"}}}, 400, "invalid_value", "input[0].role"},
		{"part type", map[string]any{"input": []map[string]any{{"role": "user", "content": []map[string]any{{"type": "input_file"}}}}}, 400, "invalid_value", "input[0].content[0].type"},
		{"remote image, after instructions", map[string]any{"instructions": "x", "input": []map[string]any{{"role": "user", "content": []map[string]any{
			{"type": "input_text", "text": "what?"}, {"type": "input_image", "image_url": "https://example.com/a.png"}}}}}, 400, "invalid_value", "input[0].content[1].image_url"},
		{"image without a vision miner", map[string]any{"input": []map[string]any{{"role": "user", "content": []map[string]any{
			{"type": "input_text", "text": "what?"}, {"type": "input_image", "image_url": png}}}}}, 503, "no_miner", "model"},
		{"unknown model", map[string]any{"model": "gpt-4o", "input": "hi"}, 404, "model_not_found", "model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, ok := tc.body["model"]; !ok {
				tc.body["model"] = builtin.Name
			}
			status, _, out := do(t, "POST", url, "", tc.body)
			require.Equal(t, tc.status, status, "%v", out)
			requireAPIError(t, out, tc.code, tc.param)
		})
	}
}
