package operatortest

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// commandLimit bounds one short command.
const commandLimit = 30 * time.Second

// result is what one command did.
type result struct {
	code           int
	stdout, stderr string
}

// runIn runs bin with args in dir (the test's working folder when "") and
// returns its exit code and output. The process is killed by its PID after
// commandLimit, which fails the test.
func runIn(t *testing.T, dir, bin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), commandLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return result{0, stdout.String(), stderr.String()}
	case ctx.Err() != nil:
		t.Fatalf("%s %s: no exit within %v\nstdout:\n%s\nstderr:\n%s", bin, strings.Join(args, " "), commandLimit, &stdout, &stderr)
	case errors.As(err, &exitErr):
		return result{exitErr.ExitCode(), stdout.String(), stderr.String()}
	}
	t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
	return result{}
}
