// Package visionecho is an OpenAI-compatible back-end that answers images,
// for exercising the vision path (gateway → miner → back-end → proof)
// without a multimodal model. It takes chat completions as llama.cpp's
// llama-server and vLLM take them for vision models: message content as a
// string or a list of parts, {"type":"text"} and {"type":"image_url",
// "image_url":{"url":"data:<media type>;base64,…"}}. Its answer describes
// what it received, deterministically: the text's length and each image's
// media type, size and SHA-256 prefix (Describe). It also serves
// GET /v1/models and keeps the images it was sent (Images).
package visionecho

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// maxRequestBytes bounds a request body.
const maxRequestBytes = 32 << 20

// Server answers one model's chat completions with a description of the
// images in them.
type Server struct {
	model  string
	mux    *http.ServeMux
	mu     sync.Mutex
	images [][]byte
}

// New returns a server for the model named model.
func New(model string) *Server {
	s := &Server{model: model, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /v1/models", s.models)
	s.mux.HandleFunc("POST /v1/chat/completions", s.chat)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Images returns copies of the images received so far, in order.
func (s *Server) Images() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([][]byte, len(s.images))
	for i, b := range s.images {
		out[i] = append([]byte(nil), b...)
	}
	return out
}

// Image is an image as the server received it.
type Image struct {
	MediaType string
	Data      []byte
}

// Describe is the server's answer to a conversation of textBytes bytes of
// text and the images: "text N bytes; image 1: image/png, 68 bytes, sha256
// 0123456789abcdef; …".
func Describe(textBytes int, images []Image) string {
	parts := []string{fmt.Sprintf("text %d bytes", textBytes)}
	for i, img := range images {
		sum := sha256.Sum256(img.Data)
		parts = append(parts, fmt.Sprintf("image %d: %s, %d bytes, sha256 %s", i+1, img.MediaType, len(img.Data), hex.EncodeToString(sum[:8])))
	}
	return strings.Join(parts, "; ")
}

func (s *Server) models(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": []map[string]any{{"id": s.model, "object": "model", "owned_by": "visionecho"}}})
}

// fail answers with OpenAI's error body.
func fail(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error"}})
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string          `json:"role"`
			Content json.RawMessage `json:"content"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequestBytes)).Decode(&req); err != nil {
		fail(w, http.StatusBadRequest, "cannot parse the request: "+err.Error())
		return
	}
	if req.Model != s.model {
		fail(w, http.StatusNotFound, fmt.Sprintf("model %q is not served here", req.Model))
		return
	}
	textBytes := 0
	var images []Image
	for _, m := range req.Messages {
		var str string
		if json.Unmarshal(m.Content, &str) == nil {
			textBytes += len(str)
			continue
		}
		var parts []struct {
			Type     string `json:"type"`
			Text     string `json:"text"`
			ImageURL struct {
				URL string `json:"url"`
			} `json:"image_url"`
		}
		if err := json.Unmarshal(m.Content, &parts); err != nil {
			fail(w, http.StatusBadRequest, "content must be a string or a list of parts")
			return
		}
		for _, p := range parts {
			switch p.Type {
			case "text":
				textBytes += len(p.Text)
			case "image_url":
				mt, data, ok := strings.Cut(strings.TrimPrefix(p.ImageURL.URL, "data:"), ";base64,")
				img, err := base64.StdEncoding.DecodeString(data)
				if !ok || err != nil || !strings.HasPrefix(p.ImageURL.URL, "data:") {
					fail(w, http.StatusBadRequest, "image_url must be a base64 data URL")
					return
				}
				images = append(images, Image{MediaType: mt, Data: img})
			default:
				fail(w, http.StatusBadRequest, fmt.Sprintf("part type %q is not supported", p.Type))
				return
			}
		}
	}
	s.mu.Lock()
	for _, img := range images {
		s.images = append(s.images, img.Data)
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"id": "chatcmpl-visionecho", "object": "chat.completion", "model": s.model,
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": Describe(textBytes, images)}}}})
}
