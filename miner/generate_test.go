package miner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner/builtin"
)

// TestBuiltinGenerate: the built-in back-end generates exactly MaxTokens
// tokens (finish "length"), or stops before the first stop sequence
// (finish "stop", the sequence not included); the emitted chunks add up
// to the output and never include a byte of the stop sequence.
func TestBuiltinGenerate(t *testing.T) {
	b := NewBuiltinBackend(16)
	ctx := context.Background()
	const input = "Why is the sky blue?"
	greedy, err := builtin.Default().Generate(ctx, []byte(input), 64)
	if err != nil {
		t.Fatal(err)
	}
	g := string(greedy)
	stop := g[12:15]
	cut := strings.Index(g, stop)
	if strings.Index(g, stop[2:]) > cut+2 {
		t.Fatalf("test premise: %q occurs in %q before %q ends", stop[2:], g, stop)
	}
	for _, tc := range []struct {
		name      string
		maxTokens int
		stop      []string
		want      string
		finish    string
	}{
		{"configured default", 0, nil, g[:16], gateway.FinishLength},
		{"job limit below the default", 3, nil, g[:3], gateway.FinishLength},
		{"job limit above the default", 64, nil, g, gateway.FinishLength},
		{"one token", 1, nil, g[:1], gateway.FinishLength},
		{"stop", 64, []string{stop}, g[:cut], gateway.FinishStop},
		{"stop among others", 64, []string{"\x00", stop, "~~~~~~~~"}, g[:cut], gateway.FinishStop},
		{"stop after the limit", cut, []string{stop}, g[:cut], gateway.FinishLength},
		{"a shorter stop ending first wins", 64, []string{stop, stop[2:]}, g[:strings.Index(g, stop[2:])], gateway.FinishStop},
		{"stop never produced", 20, []string{"\n\n\n\n"}, g[:20], gateway.FinishLength},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var emitted strings.Builder
			gen, err := b.Generate(ctx, builtin.Name, []byte(input), GenerateOptions{MaxTokens: tc.maxTokens, Stop: tc.stop,
				Emit: func(p []byte) error { emitted.Write(p); return nil }})
			if err != nil {
				t.Fatal(err)
			}
			if string(gen.Output) != tc.want || gen.FinishReason != tc.finish {
				t.Fatalf("got %q (%s), want %q (%s)", gen.Output, gen.FinishReason, tc.want, tc.finish)
			}
			if emitted.String() != tc.want {
				t.Fatalf("emitted %q, want %q", emitted.String(), tc.want)
			}
		})
	}
}

// TestBuiltinGenerateErrors: an emit error, a cancelled context and an
// unknown model end the generation with an error.
func TestBuiltinGenerateErrors(t *testing.T) {
	b := NewBuiltinBackend(16)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	boom := errors.New("connection lost")
	for _, tc := range []struct {
		name  string
		ctx   context.Context
		model string
		emit  func([]byte) error
	}{
		{"emit fails", context.Background(), builtin.Name, func([]byte) error { return boom }},
		{"cancelled", cancelled, builtin.Name, nil},
		{"unknown model", context.Background(), "other", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := b.Generate(tc.ctx, tc.model, []byte("x"), GenerateOptions{MaxTokens: 8, Emit: tc.emit}); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

// TestStopSinkHoldsBack: text that may begin a stop sequence is emitted
// only once it is known not to.
func TestStopSinkHoldsBack(t *testing.T) {
	var got []string
	s := &stopSink{stop: []string{"END"}, emit: func(p []byte) error { got = append(got, string(p)); return nil }}
	for i, c := range []byte("abENxEND") {
		stopped, err := s.push(c)
		if err != nil {
			t.Fatal(err)
		}
		if stopped != (i == 7) {
			t.Fatalf("push %d (%q): stopped = %v", i, c, stopped)
		}
	}
	if err := s.flush(); err != nil {
		t.Fatal(err)
	}
	if string(s.out) != "abENx" || strings.Join(got, "|") != "a|b|ENx" {
		t.Fatalf("output %q, emitted %q", s.out, got)
	}
}
