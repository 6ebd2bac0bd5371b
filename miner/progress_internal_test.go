package miner

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// lineLog keeps log messages with their attributes.
type lineLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *lineLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *lineLog) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool { b.WriteString(" " + a.String()); return true })
	l.mu.Lock()
	l.lines = append(l.lines, b.String())
	l.mu.Unlock()
	return nil
}
func (l *lineLog) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *lineLog) WithGroup(string) slog.Handler      { return l }
func (l *lineLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

// TestProgressPlainLines: off a terminal, progress is log lines (none on
// the writer), at most one per interval, with the bytes done.
func TestProgressPlainLines(t *testing.T) {
	var out bytes.Buffer
	ll := &lineLog{}
	p := newProgress(&out, false, slog.New(ll), "hashing weights w.bin", 1000, 20*time.Millisecond)
	_, err := io.Copy(p, strings.NewReader(strings.Repeat("x", 400)))
	require.NoError(t, err)
	require.Empty(t, ll.all(), "nothing before the first interval")
	time.Sleep(30 * time.Millisecond)
	p.Add(100)
	p.Add(100)
	p.Finish()
	require.Equal(t, []string{"hashing weights w.bin done_bytes=500 total_bytes=1000 percent=50 elapsed=0s"}, ll.all())
	require.Zero(t, out.Len(), "no bar off a terminal")
	require.False(t, isTerminal(&out))

	// A wait of unknown length says it is still waiting.
	ll = &lineLog{}
	w := newProgress(&out, false, slog.New(ll), "waiting for the transaction", -1, 20*time.Millisecond).Spin()
	require.Eventually(t, func() bool { return len(ll.all()) >= 2 }, 5*time.Second, 5*time.Millisecond)
	w.Finish()
	require.Equal(t, "waiting for the transaction (still waiting) elapsed=0s", ll.all()[0])
	require.Zero(t, out.Len())

	var nilP *Progress
	nilP.Add(1)
	nilP.Spin().Finish()
}

// TestProgressBar: on a terminal the bar is drawn on the writer and no
// line is logged.
func TestProgressBar(t *testing.T) {
	var out bytes.Buffer
	ll := &lineLog{}
	p := newProgress(&out, true, slog.New(ll), "hashing weights w.bin", 1<<20, time.Nanosecond)
	p.Add(1 << 19)
	p.Finish()
	require.Contains(t, out.String(), "hashing weights w.bin")
	require.Empty(t, ll.all())

	out.Reset()
	s := newProgress(&out, true, slog.New(ll), "waiting", -1, time.Nanosecond).Spin()
	time.Sleep(250 * time.Millisecond)
	s.Finish()
	require.Contains(t, out.String(), "waiting")
	require.Empty(t, ll.all())
}

// TestHashWeightsFileWithProgress: a large weights file hashes to the same
// hash with its progress followed, as without.
func TestHashWeightsFileWithProgress(t *testing.T) {
	path := t.TempDir() + "/w.bin"
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(progressMinBytes)) // sparse: reads as zeros
	require.NoError(t, f.Close())
	got, err := hashWeightsFile(path, slog.New(&lineLog{}))
	require.NoError(t, err)
	want, err := proof.HashModel(io.LimitReader(zeros{}, progressMinBytes))
	require.NoError(t, err)
	require.Equal(t, want, got)
}

type zeros struct{}

func (zeros) Read(b []byte) (int, error) { clear(b); return len(b), nil }
