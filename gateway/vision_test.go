package gateway_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner/visionecho"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// visionModel is the vision model of the tests: served by visionServer,
// registered on the test chain with a committee verifier.
const visionModel = "pars-vision-test"

var visionHash = proof.Hash(sha256.Sum256([]byte("pars vision test weights")))

// testPNG encodes a small w×h PNG whose pixels depend on seed.
func testPNG(t testing.TB, w, h int, seed byte) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: byte(x) + seed, G: byte(y) * seed, B: seed, A: 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

func dataURL(mediaType string, b []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(b)
}

// visionChat is a chat body with a text part and image parts.
func visionChat(model, text string, urls ...string) map[string]any {
	parts := []map[string]any{{"type": "text", "text": text}}
	for _, u := range urls {
		parts = append(parts, map[string]any{"type": "image_url", "image_url": map[string]any{"url": u, "detail": "auto"}})
	}
	return map[string]any{"model": model, "max_tokens": 64, "messages": []map[string]any{{"role": "user", "content": parts}}}
}

// newVisionSystem is a gateway and a real in-process miner whose openai
// back-end is visionecho (an OpenAI-compatible server that answers
// images), the vision model registered on chain.
func newVisionSystem(t testing.TB) (*system, *visionecho.Server) {
	vs := visionecho.New(visionModel)
	srv := httptest.NewServer(vs)
	t.Cleanup(srv.Close)
	sys := newSystem(t, sysOpts{
		backend: fmt.Sprintf("kind = \"openai\"\nurl = %q\nmax_tokens = 64\n\n[[backend.models]]\nname = %q\nhash = %q\nparameters = 1000000\nbytes_per_token = 4\nvision = true\n",
			srv.URL, visionModel, hexutil.Encode(visionHash[:])),
		models: []string{visionModel},
		configure: func(c *gateway.Config) {
			c.Models = []gateway.Model{{Name: visionModel, Hash: visionHash, Parameters: 1_000_000, BytesPerToken: 4, MaxTokens: 256}}
		},
		chain: func(transact func(string, ...any)) {
			transact("registerModel", [32]byte(visionHash), uint64(1_000_000), uint8(precompile.TokenizerBytes), uint16(4),
				uint32(1<<21), uint32(4096), uint8(precompile.VerifierCommittee))
		},
	})
	return sys, vs
}

// isSpentOn reads isSpent(id) at 0x0300 of the system's chain.
func isSpentOn(t *testing.T, sys *system, id string) bool {
	rc := sys.node.Client()
	defer rc.Close()
	wid, err := hexutil.Decode(id)
	require.NoError(t, err)
	data, err := precompile.ABI().Pack("isSpent", [32]byte(wid))
	require.NoError(t, err)
	var out hexutil.Bytes
	if err := rc.CallContext(t.Context(), &out, "eth_call", map[string]any{"to": precompile.Address, "input": hexutil.Bytes(data)}, "latest"); err != nil {
		return false
	}
	return len(out) == 32 && out[31] == 1
}

// TestVisionEndToEnd: a chat with an image (a data URL) goes to the miner
// that offers vision; its back-end gets exactly the client's image bytes
// as an OpenAI image_url part and answers; the proof of that answer is
// accepted on chain, whole and streamed.
func TestVisionEndToEnd(t *testing.T) {
	sys, vs := newVisionSystem(t)
	img1, img2 := testPNG(t, 4, 3, 7), testPNG(t, 9, 5, 11)
	const prompt = "What is in these images?"
	status, _, out := do(t, "POST", sys.srv.URL+"/v1/chat/completions", "", visionChat(visionModel, prompt, dataURL("image/png", img1), dataURL("image/png", img2)))
	require.Equal(t, 200, status, "%v", out)
	want := visionecho.Describe(len(prompt), []visionecho.Image{{MediaType: "image/png", Data: img1}, {MediaType: "image/png", Data: img2}})
	choice := out["choices"].([]any)[0].(map[string]any)
	require.Equal(t, want, choice["message"].(map[string]any)["content"])
	require.Equal(t, "stop", choice["finish_reason"])
	require.Equal(t, [][]byte{img1, img2}, vs.Images(), "the back-end got other bytes than the client sent")
	// The input the miner proved is the canonical encoding, images included.
	in, err := gateway.EncodeVisionInput([]gateway.VisionMessage{{Role: "user", Parts: []gateway.ContentPart{
		{Text: prompt}, {MediaType: "image/png", Image: img1}, {MediaType: "image/png", Image: img2}}}})
	require.NoError(t, err)
	require.Equal(t, float64((len(in)+3)/4), out["usage"].(map[string]any)["prompt_tokens"], "prompt tokens are the canonical input's at 4 bytes a token")
	workID := out["pars"].(map[string]any)["work_id"].(string)

	// Streamed: one chunk with the whole answer (the back-end does not
	// stream), the finish reason, [DONE].
	body := visionChat(visionModel, prompt, dataURL("image/png", img1))
	body["stream"] = true
	events, done := stream(t, sys.srv.URL+"/v1/chat/completions", body, nil)
	require.True(t, done)
	var text string
	var pars map[string]any
	for _, ev := range events {
		for _, c := range ev["choices"].([]any) {
			text += fmt.Sprint(c.(map[string]any)["delta"].(map[string]any)["content"])
		}
		if p, ok := ev["pars"].(map[string]any); ok {
			pars = p
		}
	}
	require.Equal(t, visionecho.Describe(len(prompt), []visionecho.Image{{MediaType: "image/png", Data: img1}}), strings.ReplaceAll(text, "<nil>", ""))
	require.NotNil(t, pars)

	for _, id := range []string{workID, pars["work_id"].(string)} {
		require.Eventually(t, func() bool { return isSpentOn(t, sys, id) }, 15*time.Second, 20*time.Millisecond, "work %s not accepted on chain", id)
	}
}

// TestVisionRefusals: images need a miner that offers vision (503
// no_miner naming the capability), come as base64 data URLs only (400
// naming the part), of the listed media types, at most MaxImageBytes each
// (413) and MaxImagesPerRequest in all.
func TestVisionRefusals(t *testing.T) {
	sys := newSystem(t, sysOpts{}) // the builtin model: llm-inference and embedding, no vision
	url := sys.srv.URL + "/v1/chat/completions"
	png1 := dataURL("image/png", testPNG(t, 2, 2, 1))
	model := "pars-tiny-rnn-v1"

	status, _, out := do(t, "POST", url, "", visionChat(model, "what is this?", png1))
	require.Equal(t, http.StatusServiceUnavailable, status, "%v", out)
	requireAPIError(t, out, "no_miner", "model")
	require.Contains(t, out["error"].(map[string]any)["message"], `capability "vision"`)

	big := make([]byte, gateway.MaxImageBytes+1)
	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
		code   string
		param  string
		says   string
	}{
		{"remote https URL", visionChat(model, "x", "https://example.com/cat.png"), 400, "invalid_value", "messages[0].content[1].image_url.url", "remote URLs"},
		{"remote http URL, second image", visionChat(model, "x", png1, "http://127.0.0.1/a.png"), 400, "invalid_value", "messages[0].content[2].image_url.url", `scheme "http"`},
		{"not base64", visionChat(model, "x", "data:image/png,abc"), 400, "invalid_value", "messages[0].content[1].image_url.url", "base64 data URL"},
		{"bad base64", visionChat(model, "x", "data:image/png;base64,@@@@"), 400, "invalid_value", "messages[0].content[1].image_url.url", "does not decode"},
		{"media type", visionChat(model, "x", dataURL("image/svg+xml", []byte("<svg/>"))), 400, "invalid_value", "messages[0].content[1].image_url.url", "image/svg+xml"},
		{"empty image", visionChat(model, "x", "data:image/png;base64,"), 400, "invalid_value", "messages[0].content[1].image_url.url", "no data"},
		{"too large", visionChat(model, "x", dataURL("image/png", big)), 413, "image_too_large", "messages[0].content[1].image_url.url", "at most 4194304 bytes"},
		{"too many images", visionChat(model, "x", png1, png1, png1, png1, png1), 400, "invalid_value", "messages", "at most 4 per request"},
		{"part without image_url", map[string]any{"model": model, "messages": []map[string]any{{"role": "user", "content": []map[string]any{{"type": "image_url"}}}}},
			400, "invalid_value", "messages[0].content[0].image_url", "needs image_url.url"},
		{"unknown part type", map[string]any{"model": model, "messages": []map[string]any{{"role": "user", "content": []map[string]any{{"type": "input_audio"}}}}},
			400, "invalid_value", "messages[0].content[0].type", "input_audio"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, out := do(t, "POST", url, "", tc.body)
			require.Equal(t, tc.status, status, "%v", out)
			requireAPIError(t, out, tc.code, tc.param)
			require.Contains(t, out["error"].(map[string]any)["message"], tc.says)
		})
	}
}

// TestVisionInputEncoding: the canonical encoding is deterministic, binds
// every image byte, role and text, and decodes strictly.
func TestVisionInputEncoding(t *testing.T) {
	img := []byte("\x89PNG fake image bytes")
	msgs := []gateway.VisionMessage{
		{Role: "system", Parts: []gateway.ContentPart{{Text: "be brief"}}},
		{Role: "user", Parts: []gateway.ContentPart{{Text: "what is it?"}, {MediaType: "image/png", Image: img}}},
	}
	a, err := gateway.EncodeVisionInput(msgs)
	require.NoError(t, err)
	b, err := gateway.EncodeVisionInput(msgs)
	require.NoError(t, err)
	require.Equal(t, a, b)
	require.True(t, gateway.IsVisionInput(a))
	got, err := gateway.DecodeVisionInput(a)
	require.NoError(t, err)
	require.Equal(t, msgs, got)
	// Golden: the layout of the documentation.
	want := "pars.vision.v1\n" + "\x00\x02" +
		"\x06system" + "\x00\x01" + "\x01\x00\x00\x00\x08be brief" +
		"\x04user" + "\x00\x02" + "\x01\x00\x00\x00\x0bwhat is it?" + "\x02\x09image/png\x00\x00\x00\x15" + string(img)
	require.Equal(t, want, string(a))

	h := proof.HashInput(a)
	for name, change := range map[string]func(m []gateway.VisionMessage){
		"image byte": func(m []gateway.VisionMessage) { m[1].Parts[1].Image = append([]byte{'\x88'}, img[1:]...) },
		"media type": func(m []gateway.VisionMessage) { m[1].Parts[1].MediaType = "image/jpeg" },
		"role":       func(m []gateway.VisionMessage) { m[0].Role = "user" },
		"text":       func(m []gateway.VisionMessage) { m[1].Parts[0].Text = "what is it!" },
		"part order": func(m []gateway.VisionMessage) { m[1].Parts[0], m[1].Parts[1] = m[1].Parts[1], m[1].Parts[0] },
	} {
		c := []gateway.VisionMessage{{Role: msgs[0].Role, Parts: append([]gateway.ContentPart(nil), msgs[0].Parts...)},
			{Role: msgs[1].Role, Parts: append([]gateway.ContentPart(nil), msgs[1].Parts...)}}
		change(c)
		enc, err := gateway.EncodeVisionInput(c)
		require.NoError(t, err, name)
		require.NotEqual(t, h, proof.HashInput(enc), "changing the %s keeps the input hash", name)
	}

	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"trailing byte", append(append([]byte(nil), a...), 0)},
		{"truncated", a[:len(a)-1]},
		{"no magic", a[1:]},
		{"zero messages", []byte("pars.vision.v1\n\x00\x00")},
		{"unknown part kind", []byte("pars.vision.v1\n\x00\x01\x04user\x00\x01\x03")},
		{"bad role", []byte("pars.vision.v1\n\x00\x01\x04Us3r\x00\x01\x01\x00\x00\x00\x00")},
		{"no image", []byte("pars.vision.v1\n\x00\x01\x04user\x00\x01\x01\x00\x00\x00\x00")},
		{"unknown media type", []byte("pars.vision.v1\n\x00\x01\x04user\x00\x01\x02\x09image/bmp\x00\x00\x00\x01x")},
		{"empty image", []byte("pars.vision.v1\n\x00\x01\x04user\x00\x01\x02\x09image/png\x00\x00\x00\x00")},
		{"bad UTF-8", []byte("pars.vision.v1\n\x00\x01\x04user\x00\x02\x01\x00\x00\x00\x01\xff\x02\x09image/png\x00\x00\x00\x01x")},
		{"huge length", []byte("pars.vision.v1\n\x00\x01\x04user\x00\x01\x02\x09image/png\xff\xff\xff\xffx")},
	} {
		_, err := gateway.DecodeVisionInput(tc.in)
		require.Error(t, err, tc.name)
	}
	_, err = gateway.EncodeVisionInput([]gateway.VisionMessage{{Role: "user", Parts: []gateway.ContentPart{{Text: "no image"}}}})
	require.Error(t, err)
}

// FuzzDecodeVisionInput: decoding never panics, and whatever decodes
// encodes back to the same bytes (one encoding per conversation).
func FuzzDecodeVisionInput(f *testing.F) {
	enc, _ := gateway.EncodeVisionInput([]gateway.VisionMessage{{Role: "user", Parts: []gateway.ContentPart{{Text: "hi"}, {MediaType: "image/gif", Image: []byte("GIF89a")}}}})
	f.Add(enc)
	f.Add([]byte("pars.vision.v1\n\x00\x01\x04user\x00\x01\x02\x09image/png\x00\x00\x00\x01x"))
	f.Fuzz(func(t *testing.T, b []byte) {
		msgs, err := gateway.DecodeVisionInput(b)
		if err != nil {
			return
		}
		again, err := gateway.EncodeVisionInput(msgs)
		if err != nil {
			t.Fatalf("decoded %x but cannot encode it again: %v", b, err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("decoded %x, encodes to %x", b, again)
		}
	})
}
