package operatortest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
)

func parsDevnet(t *testing.T) string {
	t.Helper()
	return nodeharness.Binary(t, "pars-devnet", "PARS_DEVNET", "make pars-devnet")
}

// TestDevnetBusyPort: a second devnet on a port in use stops before it
// prints its banner or touches its folder, and says which flag to change.
func TestDevnetBusyPort(t *testing.T) {
	bin := parsDevnet(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dir := t.TempDir()
	start := time.Now()
	r := runIn(t, "", bin, "--dir", dir, "--bin", "/nonexistent", "--http", l.Addr().String(), "--no-mining")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if want := l.Addr().String() + " is already in use"; !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "--http 127.0.0.1:PORT") {
		t.Errorf("stderr %q does not say %q and which flag to change", r.stderr, want)
	}
	if strings.Contains(r.stdout, "Pars devnet") || strings.Contains(r.stdout, "Running") {
		t.Errorf("banner printed before failing:\n%s", r.stdout)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v to refuse", d)
	}
}

// lineWatcher copies a stream into a buffer, safe for concurrent use, and
// reports the first line matching a pattern.
type lineWatcher struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lineWatcher) watch(r io.Reader, re *regexp.Regexp, found chan<- []string) {
	sc := bufio.NewScanner(r)
	sent := false
	for sc.Scan() {
		w.mu.Lock()
		w.buf.WriteString(sc.Text() + "\n")
		w.mu.Unlock()
		if m := re.FindStringSubmatch(sc.Text()); m != nil && !sent {
			found <- m
			sent = true
		}
	}
}

// Write appends p (the watcher is an io.Writer for a process's stderr).
func (w *lineWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *lineWatcher) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestDevnetNodeExitPrintsLog: when the node dies under a running devnet,
// pars-devnet exits 1 and prints the last lines of the node's log.
func TestDevnetNodeExitPrintsLog(t *testing.T) {
	nodeharness.ParsGeth(t) // skips with -short or without bin/pars-geth
	bin := parsDevnet(t)
	port, err := devnode.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--dir", t.TempDir(), "--http", "127.0.0.1:"+strconv.Itoa(port), "--no-mining", "--period", "1")
	cmd.Dir = "../.." // --bin defaults to bin, the repository's
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 30 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr lineWatcher
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// done is closed once pars-devnet has exited and its output is read.
	done := make(chan struct{})
	var out lineWatcher
	pids := make(chan []string, 1)
	go func() {
		out.watch(stdout, regexp.MustCompile(`^node pid (\d+), log (\S+)`), pids)
		_ = cmd.Wait()
		close(done)
	}()
	defer func() {
		select {
		case <-done:
		default:
			_ = cmd.Process.Signal(syscall.SIGINT)
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				<-done
			}
		}
	}()

	var m []string
	select {
	case m = <-pids:
	case <-done:
		t.Fatalf("pars-devnet exited before starting its node: %v\nstdout:\n%s\nstderr:\n%s", cmd.ProcessState, out.String(), &stderr)
	case <-time.After(90 * time.Second):
		t.Fatalf("no node pid within 90 s\nstdout:\n%s\nstderr:\n%s", out.String(), &stderr)
	}
	pid, _ := strconv.Atoi(m[1])
	// The node is pars-devnet's child: kill exactly that process.
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill node pid %d: %v", pid, err)
	}
	select {
	case <-done:
		if code := cmd.ProcessState.ExitCode(); code != 1 {
			t.Fatalf("pars-devnet: exit %d, want 1\nstderr:\n%s", code, &stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("pars-devnet still running 30 s after its node was killed\nstderr:\n%s", &stderr)
	}
	want := fmt.Sprintf("last 20 lines of %s:", m[2])
	if s := stderr.String(); !strings.Contains(s, "pars-geth exited") || !strings.Contains(s, want) {
		t.Fatalf("stderr does not say the node exited and show %q:\n%s", want, s)
	}
	tail := stderr.String()[strings.Index(stderr.String(), want)+len(want):]
	if n := strings.Count(strings.TrimSpace(tail), "\n") + 1; n < 5 || n > 20 || !strings.Contains(tail, "INFO") {
		t.Fatalf("log tail of %d lines:\n%s", n, tail)
	}
}
