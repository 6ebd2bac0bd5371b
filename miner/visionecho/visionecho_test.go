package visionecho_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/pars-network/aimining/miner/visionecho"
	"github.com/stretchr/testify/require"
)

// TestServer: the miner's openai client sends a vision conversation as
// content parts; the server describes exactly the images and text it got,
// and refuses other models and remote image URLs.
func TestServer(t *testing.T) {
	s := visionecho.New("m")
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, err := openai.NewClient(srv.URL, openai.Options{})
	require.NoError(t, err)
	ids, err := c.Models(context.Background())
	require.NoError(t, err)
	require.Equal(t, []string{"m"}, ids)

	img1, img2 := []byte("\x89PNG one"), []byte("GIF89a two")
	msgs := []gateway.VisionMessage{
		{Role: "system", Parts: []gateway.ContentPart{{Text: "be brief"}}},
		{Role: "user", Parts: []gateway.ContentPart{{Text: "compare"}, {MediaType: "image/png", Image: img1}, {MediaType: "image/gif", Image: img2}}},
	}
	out, finish, err := c.GenerateParts(context.Background(), "m", miner.PartsMessages(msgs), openai.Params{MaxTokens: 16})
	require.NoError(t, err)
	require.Equal(t, "stop", finish)
	require.Equal(t, visionecho.Describe(len("be brief")+len("compare"),
		[]visionecho.Image{{MediaType: "image/png", Data: img1}, {MediaType: "image/gif", Data: img2}}), out)
	require.Equal(t, [][]byte{img1, img2}, s.Images())

	_, _, err = c.GenerateParts(context.Background(), "other", miner.PartsMessages(msgs), openai.Params{})
	require.ErrorContains(t, err, "404")
	remote := []openai.PartsMessage{{Role: "user", Content: []openai.ContentPart{{Type: "image_url", ImageURL: &openai.ImageURL{URL: "https://example.com/a.png"}}}}}
	_, _, err = c.GenerateParts(context.Background(), "m", remote, openai.Params{})
	require.ErrorContains(t, err, "data URL")
}
