package openai

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestGenerateSendsLimitsAndSampling: the request carries max_tokens,
// stop and the sampling parameters given (temperature 0 and seed 0 when
// none are), and the answer's finish reason comes back.
func TestGenerateSendsLimitsAndSampling(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = nil
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		json.NewEncoder(w).Encode(ChatResponse{Choices: []Choice{{Message: Message{Role: "assistant", Content: "hi"}, FinishReason: "length"}}})
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, Options{})
	if err != nil {
		t.Fatal(err)
	}
	temp, topP, seed := 0.5, 0.25, int64(7)
	for _, tc := range []struct {
		name string
		p    Params
		want map[string]any
		none []string
	}{
		{"defaults", Params{MaxTokens: 5}, map[string]any{"max_tokens": 5.0, "temperature": 0.0, "seed": 0.0}, []string{"stop", "top_p"}},
		{"all", Params{MaxTokens: 9, Stop: []string{"\n", "END"}, Temperature: &temp, TopP: &topP, Seed: &seed},
			map[string]any{"max_tokens": 9.0, "temperature": 0.5, "top_p": 0.25, "seed": 7.0, "stop": []any{"\n", "END"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, finish, err := c.Generate(t.Context(), "served", "prompt", tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if out != "hi" || finish != "length" {
				t.Fatalf("got %q %q", out, finish)
			}
			for k, v := range tc.want {
				if b, _ := json.Marshal(got[k]); string(b) != mustJSON(v) {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
			for _, k := range tc.none {
				if _, ok := got[k]; ok {
					t.Errorf("%s sent: %v", k, got[k])
				}
			}
			if got["model"] != "served" || got["stream"] != false {
				t.Errorf("model %v stream %v", got["model"], got["stream"])
			}
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
