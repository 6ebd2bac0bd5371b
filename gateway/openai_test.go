package gateway_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/gateway/apikey"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

// do sends a request and returns the status and the decoded JSON body.
func do(t *testing.T, method, url, key string, body any) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(raw, &out), "body %q", raw)
	return resp.StatusCode, resp.Header, out
}

// requireAPIError checks OpenAI's error body.
func requireAPIError(t *testing.T, out map[string]any, code, param string) {
	t.Helper()
	e, ok := out["error"].(map[string]any)
	require.True(t, ok, "no error object in %v", out)
	require.NotEmpty(t, e["message"])
	require.NotEmpty(t, e["type"])
	require.Contains(t, e, "param")
	require.Contains(t, e, "code")
	require.Equal(t, code, e["code"], "%v", e)
	if param == "" {
		require.Nil(t, e["param"], "%v", e)
	} else {
		require.Equal(t, param, e["param"], "%v", e)
	}
}

func chatBody(content string, extra map[string]any) map[string]any {
	b := map[string]any{"model": builtin.Name, "messages": []map[string]any{{"role": "user", "content": content}}}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// TestOpenAIErrors: every unknown path, wrong method and bad request gets
// OpenAI's error body with the right status, code and param.
func TestOpenAIErrors(t *testing.T) {
	sys := newSystem(t, sysOpts{modelMax: 64})
	u := sys.srv.URL
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
		code, param        string
	}{
		{"unknown path", "GET", "/v1/nope", nil, 404, "unknown_url", ""},
		{"an unknown API", "POST", "/v1/audio/speech", map[string]any{"model": builtin.Name, "input": "hi"}, 404, "unknown_url", ""},
		{"responses with GET", "GET", "/v1/responses", nil, 405, "method_not_allowed", ""},
		{"root", "GET", "/", nil, 404, "unknown_url", ""},
		{"chat with GET", "GET", "/v1/chat/completions", nil, 405, "method_not_allowed", ""},
		{"models with DELETE", "DELETE", "/v1/models", nil, 405, "method_not_allowed", ""},
		{"malformed JSON", "POST", "/v1/chat/completions", "{", 400, "invalid_json", ""},
		{"unknown model", "POST", "/v1/chat/completions", map[string]any{"model": "gpt-4o", "messages": []map[string]any{{"role": "user", "content": "hi"}}}, 404, "model_not_found", "model"},
		{"no model", "POST", "/v1/chat/completions", map[string]any{"messages": []map[string]any{{"role": "user", "content": "hi"}}}, 400, "invalid_value", "model"},
		{"empty messages", "POST", "/v1/chat/completions", map[string]any{"model": builtin.Name, "messages": []any{}}, 400, "invalid_value", "messages"},
		{"n=2", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"n": 2}), 400, "invalid_value", "n"},
		{"max_tokens 0", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"max_tokens": 0}), 400, "invalid_value", "max_tokens"},
		{"max_completion_tokens -1", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"max_completion_tokens": -1}), 400, "invalid_value", "max_completion_tokens"},
		{"temperature 3", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"temperature": 3}), 400, "invalid_value", "temperature"},
		{"top_p 2", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"top_p": 2}), 400, "invalid_value", "top_p"},
		{"five stops", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"stop": []string{"a", "b", "c", "d", "e"}}), 400, "invalid_value", "stop"},
		{"empty stop", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"stop": ""}), 400, "invalid_value", "stop"},
		{"stream_options without stream", "POST", "/v1/chat/completions", chatBody("hi", map[string]any{"stream_options": map[string]any{"include_usage": true}}), 400, "invalid_value", "stream_options"},
		{"image part without a vision miner", "POST", "/v1/chat/completions", map[string]any{"model": builtin.Name, "messages": []map[string]any{{"role": "user",
			"content": []map[string]any{{"type": "image_url", "image_url": map[string]any{"url": "data:image/png;base64,AAAA"}}}}}}, 503, "no_miner", "model"},
		{"remote image", "POST", "/v1/chat/completions", map[string]any{"model": builtin.Name, "messages": []map[string]any{{"role": "user",
			"content": []map[string]any{{"type": "image_url", "image_url": map[string]any{"url": "https://example.com/a.png"}}}}}}, 400, "invalid_value", "messages[0].content[0].image_url.url"},
		{"completion echo", "POST", "/v1/completions", map[string]any{"model": builtin.Name, "prompt": "hi", "echo": true}, 400, "invalid_value", "echo"},
		{"completion logprobs", "POST", "/v1/completions", map[string]any{"model": builtin.Name, "prompt": "hi", "logprobs": 2}, 400, "invalid_value", "logprobs"},
		{"completion two prompts", "POST", "/v1/completions", map[string]any{"model": builtin.Name, "prompt": []string{"a", "b"}}, 400, "invalid_value", "prompt"},
		{"embedding format", "POST", "/v1/embeddings", map[string]any{"model": builtin.Name, "input": "hi", "encoding_format": "int8"}, 400, "invalid_value", "encoding_format"},
		{"embedding dimensions", "POST", "/v1/embeddings", map[string]any{"model": builtin.Name, "input": "hi", "dimensions": 64}, 400, "invalid_value", "dimensions"},
		{"embedding tokens", "POST", "/v1/embeddings", map[string]any{"model": builtin.Name, "input": []int{1, 2, 3}}, 400, "invalid_value", "input"},
		{"embedding unknown model", "POST", "/v1/embeddings", map[string]any{"model": "text-embedding-3-small", "input": "hi"}, 404, "model_not_found", "model"},
		{"model not found", "GET", "/v1/models/gpt-4o", nil, 404, "model_not_found", "model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, out := do(t, tc.method, u+tc.path, "", tc.body)
			require.Equal(t, tc.status, status, "%v", out)
			requireAPIError(t, out, tc.code, tc.param)
		})
	}
}

// TestModels: the list and one model.
func TestModels(t *testing.T) {
	sys := newSystem(t, sysOpts{modelMax: 64})
	status, _, out := do(t, "GET", sys.srv.URL+"/v1/models", "", nil)
	require.Equal(t, 200, status)
	require.Equal(t, "list", out["object"])
	data := out["data"].([]any)
	require.Len(t, data, 1)
	require.Equal(t, builtin.Name, data[0].(map[string]any)["id"])
	status, _, out = do(t, "GET", sys.srv.URL+"/v1/models/"+builtin.Name, "", nil)
	require.Equal(t, 200, status)
	require.Equal(t, "model", out["object"])
	require.Equal(t, builtin.Name, out["id"])
	require.Equal(t, float64(64), out["max_tokens"])
}

// TestGenerationLimits: max_tokens / max_completion_tokens are enforced by
// the miner's builtin back-end (exactly that many tokens, capped by the
// gateway's maximum), stop cuts the output, finish_reason says which, and
// usage counts the tokens; sampling parameters are accepted.
func TestGenerationLimits(t *testing.T) {
	sys := newSystem(t, sysOpts{modelMax: 64})
	const prompt = "Why is the sky blue?"
	greedy, err := sys.b.Generate(t.Context(), []byte(prompt), 64)
	require.NoError(t, err)
	// A stop sequence taken from the greedy output after its 10th byte.
	stop := string(greedy[10:13])
	cut := strings.Index(string(greedy), stop)
	for _, tc := range []struct {
		name, path string
		extra      map[string]any
		want       string
		finish     string
	}{
		{"chat max_tokens 4", "/v1/chat/completions", map[string]any{"max_tokens": 4}, string(greedy[:4]), "length"},
		{"chat max_completion_tokens 7", "/v1/chat/completions", map[string]any{"max_completion_tokens": 7, "max_tokens": 3}, string(greedy[:7]), "length"},
		{"chat default is the model maximum", "/v1/chat/completions", nil, string(greedy), "length"},
		{"chat capped at the model maximum", "/v1/chat/completions", map[string]any{"max_tokens": 100000}, string(greedy), "length"},
		{"chat stop", "/v1/chat/completions", map[string]any{"stop": []string{"\x01never", stop}}, string(greedy[:cut]), "stop"},
		{"chat stop beyond the limit", "/v1/chat/completions", map[string]any{"stop": stop, "max_tokens": cut}, string(greedy[:cut]), "length"},
		{"chat sampling accepted", "/v1/chat/completions", map[string]any{"max_tokens": 5, "temperature": 0.7, "top_p": 0.9, "seed": 42, "n": 1}, string(greedy[:5]), "length"},
		{"completion max_tokens 5", "/v1/completions", map[string]any{"max_tokens": 5}, string(greedy[:5]), "length"},
		{"completion default 16", "/v1/completions", nil, string(greedy[:16]), "length"},
		{"completion stop", "/v1/completions", map[string]any{"stop": stop}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body map[string]any
			if tc.path == "/v1/completions" {
				body = map[string]any{"model": builtin.Name, "prompt": prompt}
				for k, v := range tc.extra {
					body[k] = v
				}
			} else {
				body = chatBody(prompt, tc.extra)
			}
			status, _, out := do(t, "POST", sys.srv.URL+tc.path, "", body)
			require.Equal(t, 200, status, "%v", out)
			choice := out["choices"].([]any)[0].(map[string]any)
			var text string
			if tc.path == "/v1/completions" {
				require.Equal(t, "text_completion", out["object"])
				text = choice["text"].(string)
			} else {
				require.Equal(t, "chat.completion", out["object"])
				msg := choice["message"].(map[string]any)
				require.Equal(t, "assistant", msg["role"])
				text = msg["content"].(string)
			}
			if tc.want == "" && tc.finish == "" {
				// completion with stop, default 16 tokens: cut if the stop lies within them.
				want, finish := string(greedy[:16]), "length"
				if cut+len(stop) <= 16 {
					want, finish = string(greedy[:cut]), "stop"
				}
				tc.want, tc.finish = want, finish
			}
			require.Equal(t, tc.want, text)
			require.Equal(t, tc.finish, choice["finish_reason"])
			usage := out["usage"].(map[string]any)
			require.Equal(t, float64(len(prompt)), usage["prompt_tokens"])
			require.Equal(t, float64(len(tc.want)), usage["completion_tokens"])
			require.Equal(t, float64(len(prompt)+len(tc.want)), usage["total_tokens"])
			require.NotEmpty(t, out["pars"].(map[string]any)["work_id"])
		})
	}
}

// sseEvents reads a server-sent event stream: the JSON of every data
// event, and whether it ended with [DONE] as its last event.
func sseEvents(t *testing.T, r io.Reader, onFirst func()) ([]map[string]any, bool) {
	t.Helper()
	sc := bufio.NewScanner(r)
	var events []map[string]any
	done := false
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		require.True(t, strings.HasPrefix(line, "data: "), "line %q", line)
		require.False(t, done, "an event after [DONE]")
		data := strings.TrimPrefix(line, "data: ")
		if data == "[DONE]" {
			done = true
			continue
		}
		var ev map[string]any
		require.NoError(t, json.Unmarshal([]byte(data), &ev), "event %q", data)
		if len(events) == 0 && onFirst != nil {
			onFirst()
		}
		events = append(events, ev)
	}
	require.NoError(t, sc.Err())
	return events, done
}

// stream posts a streamed request and returns its events.
func stream(t *testing.T, url string, body map[string]any, onFirst func()) ([]map[string]any, bool) {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(raw))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	require.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream"))
	return sseEvents(t, resp.Body, onFirst)
}

// TestStreaming: stream: true answers OpenAI's chunk objects ending with
// [DONE]; the chunks add up to the non-streamed answer (one job, one
// proof), the last chunk has the finish reason and the pars extension,
// and include_usage adds a usage chunk.
func TestStreaming(t *testing.T) {
	sys := newSystem(t, sysOpts{modelMax: 64})
	const prompt = "Write a haiku about graphics cards."
	greedy, err := sys.b.Generate(t.Context(), []byte(prompt), 64)
	require.NoError(t, err)
	stop := string(greedy[20:22])
	cut := strings.Index(string(greedy), stop)
	for _, tc := range []struct {
		name, path   string
		extra        map[string]any
		want, finish string
		usage        bool
	}{
		{"chat", "/v1/chat/completions", map[string]any{"max_tokens": 40}, string(greedy[:40]), "length", false},
		{"chat with usage", "/v1/chat/completions", map[string]any{"stream_options": map[string]any{"include_usage": true}}, string(greedy), "length", true},
		{"chat with stop", "/v1/chat/completions", map[string]any{"stop": stop}, string(greedy[:cut]), "stop", false},
		{"completion", "/v1/completions", map[string]any{"max_tokens": 30, "stream_options": map[string]any{"include_usage": true}}, string(greedy[:30]), "length", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := chatBody(prompt, tc.extra)
			if tc.path == "/v1/completions" {
				body = map[string]any{"model": builtin.Name, "prompt": prompt}
				for k, v := range tc.extra {
					body[k] = v
				}
			}
			body["stream"] = true
			events, done := stream(t, sys.srv.URL+tc.path, body, nil)
			require.True(t, done, "no [DONE]")
			chat := tc.path == "/v1/chat/completions"
			var text strings.Builder
			var finish any
			var usage map[string]any
			for i, ev := range events {
				require.NotContains(t, ev, "error")
				if chat {
					require.Equal(t, "chat.completion.chunk", ev["object"])
				} else {
					require.Equal(t, "text_completion", ev["object"])
				}
				require.Equal(t, events[0]["id"], ev["id"])
				if tc.usage {
					require.Contains(t, ev, "usage")
				}
				choices := ev["choices"].([]any)
				if len(choices) == 0 {
					require.Equal(t, len(events)-1, i, "the usage chunk is last")
					usage = ev["usage"].(map[string]any)
					continue
				}
				c := choices[0].(map[string]any)
				require.Nil(t, finish, "a chunk after the finishing one")
				finish = c["finish_reason"]
				if chat {
					delta := c["delta"].(map[string]any)
					if i == 0 {
						require.Equal(t, "assistant", delta["role"])
					}
					if s, ok := delta["content"].(string); ok {
						text.WriteString(s)
					}
				} else {
					text.WriteString(c["text"].(string))
				}
				if finish != nil {
					require.NotEmpty(t, ev["pars"].(map[string]any)["work_id"])
				}
			}
			require.Equal(t, tc.want, text.String())
			require.Equal(t, tc.finish, finish)
			if tc.usage {
				require.NotNil(t, usage, "no usage chunk")
				require.Equal(t, float64(len(tc.want)), usage["completion_tokens"])
				require.Equal(t, float64(len(prompt)), usage["prompt_tokens"])
			} else {
				require.Nil(t, usage)
			}
		})
	}
}

// TestStreamFirstChunkBeforeProof: the first content of a long streamed
// answer (the longest built-in generation the chain pays, MaxReexecOutput
// tokens) reaches the client while the miner is still generating, so
// before its proof can even be signed, let alone mined; the proof follows.
func TestStreamFirstChunkBeforeProof(t *testing.T) {
	sys := newSystem(t, sysOpts{modelMax: precompile.MaxReexecOutput})
	before := sys.node.SentTransactions()
	var sentAtFirst int
	first := time.Time{}
	start := time.Now()
	events, done := stream(t, sys.srv.URL+"/v1/completions", map[string]any{"model": builtin.Name, "prompt": "Why is the sky blue?",
		"max_tokens": precompile.MaxReexecOutput, "stream": true}, func() { first = time.Now(); sentAtFirst = sys.node.SentTransactions() })
	end := time.Now()
	require.True(t, done)
	require.Greater(t, len(events), 2)
	require.Equal(t, before, sentAtFirst, "a transaction was sent before the first chunk arrived")
	t.Logf("first chunk after %v, whole answer after %v, %d events", first.Sub(start), end.Sub(start), len(events))
	require.Less(t, first.Sub(start), end.Sub(start)/2, "the first chunk waited for most of the answer")
	require.Eventually(t, func() bool { return sys.node.SentTransactions() == before+1 }, 15*time.Second, 10*time.Millisecond,
		"the streamed answer's one proof was not submitted")
}

// TestEmbeddingFormats: float (default) and base64 (little-endian float32,
// what the official SDKs ask for) carry the same vector; dimensions equal
// to the model's own length is accepted.
func TestEmbeddingFormats(t *testing.T) {
	sys := newSystem(t, sysOpts{})
	want, err := sys.b.Embed(t.Context(), []byte("Hello, world"))
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		extra map[string]any
		b64   bool
	}{
		{"default float", nil, false},
		{"float", map[string]any{"encoding_format": "float"}, false},
		{"base64", map[string]any{"encoding_format": "base64"}, true},
		{"base64 with native dimensions", map[string]any{"encoding_format": "base64", "dimensions": builtin.EmbeddingDim}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := map[string]any{"model": builtin.Name, "input": "Hello, world"}
			for k, v := range tc.extra {
				body[k] = v
			}
			status, _, out := do(t, "POST", sys.srv.URL+"/v1/embeddings", "", body)
			require.Equal(t, 200, status, "%v", out)
			emb := out["data"].([]any)[0].(map[string]any)["embedding"]
			got := make([]float32, 0, builtin.EmbeddingDim)
			if tc.b64 {
				raw, err := base64.StdEncoding.DecodeString(emb.(string))
				require.NoError(t, err)
				require.Len(t, raw, 4*builtin.EmbeddingDim)
				for i := 0; i < len(raw); i += 4 {
					got = append(got, math.Float32frombits(binary.LittleEndian.Uint32(raw[i:])))
				}
			} else {
				for _, f := range emb.([]any) {
					got = append(got, float32(f.(float64)))
				}
			}
			require.Equal(t, want, got)
		})
	}
}

// TestAPIKeysAndUsage: with the key guard in front, a request without a
// key or with a wrong or revoked one gets 401 in OpenAI's body, a key over
// its rate 429, /healthz stays open, and every answered request of a key
// lands in its usage record.
func TestAPIKeysAndUsage(t *testing.T) {
	dir := t.TempDir()
	keysPath := filepath.Join(dir, "keys.json")
	f, err := apikey.Load(keysPath)
	require.NoError(t, err)
	good, gk, err := f.Add("client", 0, time.Now(), nil)
	require.NoError(t, err)
	slow, _, err := f.Add("slow", 2, time.Now(), nil)
	require.NoError(t, err)
	gone, goneKey, err := f.Add("gone", 0, time.Now(), nil)
	require.NoError(t, err)
	_, err = f.Revoke(goneKey.ID, time.Now())
	require.NoError(t, err)
	require.NoError(t, f.Save(keysPath))
	guard, err := apikey.NewGuard(keysPath, nil, nil)
	require.NoError(t, err)
	ul, err := apikey.OpenUsageLog(filepath.Join(dir, "usage.jsonl"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { ul.Close() })
	sys := newSystem(t, sysOpts{wrap: guard.Wrap, configure: func(c *gateway.Config) {
		c.OnUsage = func(r *http.Request, u gateway.Usage) { require.NoError(t, ul.Record(r, u)) }
	}})
	u := sys.srv.URL
	for _, tc := range []struct {
		name, key string
		status    int
		code      string
	}{
		{"no key", "", 401, "missing_api_key"},
		{"wrong key", "sk-pars-not-a-key", 401, "invalid_api_key"},
		{"revoked key", gone, 401, "invalid_api_key"},
		{"good key", good, 200, ""},
		{"slow key 1", slow, 200, ""},
		{"slow key 2", slow, 200, ""},
		{"slow key over its rate", slow, 429, "rate_limit_exceeded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, hdr, out := do(t, "GET", u+"/v1/models", tc.key, nil)
			require.Equal(t, tc.status, status, "%v", out)
			if tc.code != "" {
				requireAPIError(t, out, tc.code, "")
			}
			if status == 429 {
				require.NotEmpty(t, hdr.Get("Retry-After"))
			}
		})
	}
	resp, err := http.Get(u + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode, "/healthz needs no key")

	status, _, out := do(t, "POST", u+"/v1/chat/completions", good, chatBody("hi", map[string]any{"max_tokens": 3}))
	require.Equal(t, 200, status, "%v", out)
	status, _, out = do(t, "POST", u+"/v1/embeddings", good, map[string]any{"model": builtin.Name, "input": []string{"a", "bc"}})
	require.Equal(t, 200, status, "%v", out)
	totals, err := apikey.ReadTotals(filepath.Join(dir, "usage.jsonl"))
	require.NoError(t, err)
	require.Len(t, totals, 1, "only answered inference requests are recorded")
	tot := totals[gk.ID]
	require.NotNil(t, tot)
	require.Equal(t, 2, tot.Requests)
	require.Equal(t, uint64(2+3), tot.PromptTokens)
	require.Equal(t, uint64(3), tot.CompletionTokens)
	_, err = os.Stat(keysPath)
	require.NoError(t, err)
}
