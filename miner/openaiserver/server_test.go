package openaiserver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/stretchr/testify/require"
)

// startServer serves the built-in model on 127.0.0.1 at a port chosen at
// run time.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(openaiserver.New(nil))
	t.Cleanup(srv.Close)
	return srv
}

func TestClientAgainstServer(t *testing.T) {
	srv := startServer(t)
	ctx := context.Background()
	for _, base := range []string{srv.URL, srv.URL + "/", srv.URL + "/v1", srv.URL + "/v1/"} {
		t.Run(base, func(t *testing.T) {
			c, err := openai.NewClient(base, openai.Options{})
			require.NoError(t, err)
			require.Equal(t, srv.URL+"/v1/chat/completions", c.Endpoint("chat/completions"))

			models, err := c.Models(ctx)
			require.NoError(t, err)
			require.Equal(t, []string{builtin.Name}, models)

			for _, prompt := range []string{"Why is the sky blue?", "What is the capital of France?"} {
				got, err := c.Complete(ctx, builtin.Name, prompt, 32)
				require.NoError(t, err)
				want, err := builtin.Default().Generate(ctx, []byte(prompt), 32)
				require.NoError(t, err)
				require.Equal(t, string(want), got, "the HTTP path returns exactly the in-process output")
			}
		})
	}
}

func TestClientErrors(t *testing.T) {
	srv := startServer(t)
	ctx := context.Background()
	c, err := openai.NewClient(srv.URL, openai.Options{})
	require.NoError(t, err)

	tests := []struct {
		name       string
		model      string
		prompt     string
		maxTokens  int
		wantStatus int
		wantType   string
		wantErr    string
	}{
		{name: "unknown model", model: "gpt-9", prompt: "hi", maxTokens: 4, wantStatus: 404, wantType: "model_not_found"},
		{name: "too many tokens", model: builtin.Name, prompt: "hi", maxTokens: openaiserver.MaxTokensLimit + 1, wantStatus: 400, wantType: "invalid_request_error"},
		{name: "invalid utf-8", model: builtin.Name, prompt: "\xff", maxTokens: 4, wantErr: "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Complete(ctx, tt.model, tt.prompt, tt.maxTokens)
			require.Error(t, err)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			var apiErr *openai.APIError
			require.ErrorAs(t, err, &apiErr)
			require.Equal(t, tt.wantStatus, apiErr.StatusCode)
			require.Equal(t, tt.wantType, apiErr.Type)
			require.False(t, apiErr.Temporary())
		})
	}

	// A server that is gone is a transport error, not an API error.
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	c2, err := openai.NewClient(gone.URL, openai.Options{})
	require.NoError(t, err)
	_, err = c2.Complete(ctx, builtin.Name, "hi", 4)
	var apiErr *openai.APIError
	require.Error(t, err)
	require.NotErrorAs(t, err, &apiErr)
}

func TestNewClientValidation(t *testing.T) {
	for _, u := range []string{"ftp://host", "127.0.0.1:8000", "http://", "://bad"} {
		_, err := openai.NewClient(u, openai.Options{})
		require.Error(t, err, u)
	}
}

func TestClientSendsRequest(t *testing.T) {
	var got openai.ChatRequest
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		require.NoError(t, json.NewDecoder(r.Body).Decode(&got))
		_ = json.NewEncoder(w).Encode(openai.ChatResponse{Choices: []openai.Choice{{Message: openai.Message{Role: "assistant", Content: "ok"}}}})
	}))
	defer srv.Close()
	c, err := openai.NewClient(srv.URL, openai.Options{APIKey: "secret"})
	require.NoError(t, err)
	out, err := c.Complete(context.Background(), "served-name", "prompt", 7)
	require.NoError(t, err)
	require.Equal(t, "ok", out)
	require.Equal(t, "Bearer secret", auth)
	require.Equal(t, "served-name", got.Model)
	require.Equal(t, []openai.Message{{Role: "user", Content: "prompt"}}, got.Messages)
	require.Equal(t, 7, got.MaxTokens)
	require.NotNil(t, got.Temperature)
	require.Zero(t, *got.Temperature)
	require.False(t, got.Stream)
}

func TestServerRejects(t *testing.T) {
	srv := startServer(t)
	tests := []struct {
		name, body string
		status     int
	}{
		{"malformed", "{", 400},
		{"streaming", `{"model":"` + builtin.Name + `","messages":[{"role":"user","content":"x"}],"stream":true}`, 400},
		{"no messages", `{"model":"` + builtin.Name + `","messages":[]}`, 400},
		{"negative max_tokens", `{"model":"` + builtin.Name + `","messages":[{"role":"user","content":"x"}],"max_tokens":-1}`, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/v1/chat/completions", "application/json", strings.NewReader(tt.body))
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, tt.status, resp.StatusCode)
			var eb openai.ErrorBody
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&eb))
			require.NotEmpty(t, eb.Error.Message)
		})
	}
	resp, err := http.Get(srv.URL + "/v1/chat/completions")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestPrompt(t *testing.T) {
	require.Equal(t, "a", openaiserver.Prompt([]openai.Message{{Role: "user", Content: "a"}}))
	require.Equal(t, "sys\nq", openaiserver.Prompt([]openai.Message{{Role: "system", Content: "sys"}, {Role: "user", Content: "q"}}))
}
