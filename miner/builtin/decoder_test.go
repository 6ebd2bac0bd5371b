package builtin

import (
	"bytes"
	"context"
	"testing"
)

// TestDecoderMatchesGenerate: the decoder's first n tokens are Generate's
// output for n, for several inputs and lengths.
func TestDecoderMatchesGenerate(t *testing.T) {
	m := Default()
	ctx := context.Background()
	for _, tc := range []struct {
		input string
		n     int
	}{
		{"Why is the sky blue?", 1},
		{"Why is the sky blue?", 40},
		{"a", 7},
		{"\x00\xff multi\nline", 64},
	} {
		want, err := m.Generate(ctx, []byte(tc.input), tc.n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := m.NewDecoder(ctx, []byte(tc.input))
		if err != nil {
			t.Fatal(err)
		}
		got := make([]byte, tc.n)
		for i := range got {
			got[i] = d.Next()
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q, %d tokens: decoder %q, Generate %q", tc.input, tc.n, got, want)
		}
	}
}

// TestDecoderCancelled: a cancelled context stops the input pass.
func TestDecoderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Default().NewDecoder(ctx, []byte("input")); err == nil {
		t.Fatal("NewDecoder with a cancelled context succeeded")
	}
}
