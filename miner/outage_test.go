package miner_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pars-network/aimining/miner"
	"github.com/stretchr/testify/require"
)

// outageProxy serves the setup's node through a switch: while down, every
// request answers 503; armed, the first eth_estimateGas (a finished proof
// being submitted) takes the node down.
type outageProxy struct {
	down, armed atomic.Bool
}

func (o *outageProxy) start(t *testing.T, s *setup) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if o.armed.Load() && bytes.Contains(body, []byte(`"eth_estimateGas"`)) {
			o.armed.Store(false)
			o.down.Store(true)
		}
		if o.down.Load() {
			http.Error(w, "node down", http.StatusServiceUnavailable)
			return
		}
		s.node.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.url = srv.URL
	require.NoError(t, os.WriteFile(s.cfgPath, []byte(s.config("")), 0o600))
}

// waitFor polls cond every 10 ms for at most limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestOutageQueuesFinishedProof(t *testing.T) {
	s := newSetupWith(t, shortWindow(), 0, "")
	var proxy outageProxy
	proxy.start(t, s)
	var logs syncBuffer
	m := s.open(t, miner.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})

	proxy.armed.Store(true)
	type result struct {
		res *miner.Result
		err error
	}
	done := make(chan result, 1)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	go func() {
		res, err := m.MineOnce(ctx)
		done <- result{res, err}
	}()

	// The proof waits in the queue while the node is away.
	waitFor(t, 10*time.Second, "a queued proof", func() bool { return metricValue(t, m.Metrics().ProofsQueued) == 1 })
	require.Equal(t, 0.0, metricValue(t, m.Metrics().NodeReachable))
	time.Sleep(1500 * time.Millisecond) // a few probes fail meanwhile
	proxy.down.Store(false)

	r := <-done
	require.NoError(t, r.err)
	require.NotNil(t, r.res.Accepted)
	require.Equal(t, 0.0, metricValue(t, m.Metrics().ProofsQueued))
	require.Equal(t, 1.0, metricValue(t, m.Metrics().NodeReachable))
	require.Equal(t, 1.0, metricValue(t, m.Metrics().NodeOutages))
	require.Equal(t, 0.0, metricValue(t, m.Metrics().JobsFailed.WithLabelValues("submit")))
	out := logs.String()
	require.Equal(t, 1, strings.Count(out, `"msg":"node unreachable`), out)
	require.Equal(t, 1, strings.Count(out, `"msg":"node reachable again"`), out)
	require.Contains(t, out, `"queued_proofs":1`)
	require.NotContains(t, out, `"msg":"job failed"`)
}

func TestOutageOutlastingTheTimeWindow(t *testing.T) {
	p := shortWindow()
	p.TimeWindowPast = 2
	s := newSetupWith(t, p, 0, "")
	var proxy outageProxy
	proxy.start(t, s)
	m := s.open(t, miner.Options{})

	proxy.armed.Store(true)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	start := time.Now()
	_, err := m.MineOnce(ctx)
	require.Error(t, err)
	require.ErrorContains(t, err, "stayed unreachable until the proof's time window closed")
	require.Less(t, time.Since(start), 10*time.Second, "the chain's 2 s window, not the default 600 s")
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsExpired))
	require.Equal(t, 1.0, metricValue(t, m.Metrics().JobsFailed.WithLabelValues("submit")))
	require.Equal(t, 0.0, metricValue(t, m.Metrics().ProofsQueued))
	var ref *miner.RefusedError
	require.False(t, errors.As(err, &ref))
}

func TestOutageStopsNewJobs(t *testing.T) {
	s := newSetup(t, 0, "")
	var proxy outageProxy
	proxy.start(t, s)
	// One proof per transaction: the test counts jobs that fail alone.
	require.NoError(t, os.WriteFile(s.cfgPath, []byte(s.config("batch_max_items = 1")), 0o600))
	var logs syncBuffer
	m := s.open(t, miner.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), MaxJobs: 2})

	// The node goes away before the first job and comes back 2 s later:
	// one job fails at its first call (the outage is not known yet), no
	// other job starts until the node answers, then both run.
	proxy.down.Store(true)
	go func() {
		time.Sleep(2 * time.Second)
		proxy.down.Store(false)
	}()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	err := m.Run(ctx)
	out := logs.String()
	require.ErrorContains(t, err, "1 of 2 jobs failed", out)
	require.Equal(t, 1, strings.Count(out, `"msg":"job failed"`), out)
	require.Equal(t, 1, strings.Count(out, `"msg":"node unreachable`), out)
	require.Equal(t, 1, strings.Count(out, `"msg":"node reachable again"`), out)
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues("pars-tiny-rnn-v1")))
}
