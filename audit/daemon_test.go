package audit_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func writeReveal(t *testing.T, dir string, workID proof.Hash, r *audit.Reveal) {
	t.Helper()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, hex.EncodeToString(workID[:])+".json"), b, 0o600))
}

func TestDaemonJudgesSelectedWork(t *testing.T) {
	ctx := context.Background()
	c := newChain(t)
	const delay, window = 2, 6
	w, err := audit.NewWatcher(ctx, c.client, audit.Params{Delay: delay, ProbabilityBps: proof.BasisPoints}, 1)
	require.NoError(t, err)
	dir := t.TempDir()
	var findings bytes.Buffer
	d := &audit.Daemon{Watcher: w, Reveals: audit.RevealDir(dir), RevealWindow: window, Findings: &findings}

	honest, _ := c.mine(t, "What is the capital of France?")
	cheat, _ := c.mineWith(t, cheater{miner.NewBuiltinBackend(16)}, "Why is the sky blue?")
	silent, silentBlock := c.mine(t, "Write a haiku about the sea.")
	broken, _ := c.mine(t, "List three prime numbers.")
	misfiled, _ := c.mine(t, "Hello, world")
	writeReveal(t, dir, honest.WorkID, revealOf(honest))
	writeReveal(t, dir, cheat.WorkID, revealOf(cheat))
	require.NoError(t, os.WriteFile(filepath.Join(dir, hex.EncodeToString(broken.WorkID[:])+".json"), []byte("{"), 0o600))
	writeReveal(t, dir, misfiled.WorkID, revealOf(honest)) // the reveal of other work

	c.mineEmpty(delay)
	got, err := d.Step(ctx)
	require.NoError(t, err)
	status := map[proof.Hash]audit.Finding{}
	for _, f := range got {
		id, err := hex.DecodeString(f.WorkID)
		require.NoError(t, err)
		status[proof.Hash(id)] = f
	}
	require.Len(t, got, 4, "all but the silent work are settled: %+v", got)
	require.Equal(t, "judged", status[honest.WorkID].Status)
	require.False(t, status[honest.WorkID].Judgement.Fault)
	require.Equal(t, "judged", status[cheat.WorkID].Status)
	require.True(t, status[cheat.WorkID].Judgement.Fault)
	require.Equal(t, "output differs from re-execution", status[cheat.WorkID].Judgement.Reason)
	require.Equal(t, "error", status[broken.WorkID].Status)
	require.Equal(t, "error", status[misfiled.WorkID].Status)
	require.Contains(t, status[misfiled.WorkID].Error, "holds the reveal of work")

	// The silent miner's reveal is waited for until the watcher has
	// settled block silentBlock+window, which needs head silentBlock+window+delay.
	for c.head()+1 < silentBlock+window+delay {
		c.mineEmpty(1)
		got, err := d.Step(ctx)
		require.NoError(t, err)
		require.Empty(t, got)
	}
	c.mineEmpty(1)
	got, err = d.Step(ctx)
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, hex.EncodeToString(silent.WorkID[:]), got[0].WorkID)
	require.Equal(t, "no-reveal", got[0].Status)

	// One JSON line per finding.
	sc := bufio.NewScanner(&findings)
	lines := 0
	for sc.Scan() {
		var f audit.Finding
		require.NoError(t, json.Unmarshal(sc.Bytes(), &f))
		lines++
	}
	require.Equal(t, 5, lines)
}

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestDaemonStopsWhenFindingsCannotBeWritten(t *testing.T) {
	ctx := context.Background()
	c := newChain(t)
	w, err := audit.NewWatcher(ctx, c.client, audit.Params{Delay: 1, ProbabilityBps: proof.BasisPoints}, 1)
	require.NoError(t, err)
	d := &audit.Daemon{Watcher: w, RevealWindow: 0, Findings: failingWriter{}, Interval: time.Millisecond}
	c.mine(t, "Hello")
	c.mineEmpty(2)
	err = d.Run(ctx)
	require.ErrorContains(t, err, "disk full")

	// Run returns nil when cancelled.
	ctx2, cancel := context.WithCancel(ctx)
	cancel()
	d2 := &audit.Daemon{Watcher: w, Interval: time.Millisecond}
	require.NoError(t, d2.Run(ctx2))
}
