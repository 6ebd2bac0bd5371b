package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
)

// logTailLines is how many lines of the node's log pars-devnet prints when
// the node exits or fails to start.
const logTailLines = 20

// checkListenFree returns an error naming the flag to change when the TCP
// address addr cannot be listened on now (another devnet or node holds it).
// The node binds its other ports to free ones chosen at run time.
func checkListenFree(flag, addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%s is already in use (another pars-devnet or node?): stop it, or choose another address with --%s 127.0.0.1:PORT", addr, flag)
		}
		return fmt.Errorf("--%s %s: cannot listen there: %w", flag, addr, err)
	}
	return l.Close()
}

// lastLines returns the last n lines of the file at path, or a sentence
// saying why it cannot be read. It reads at most the last 64 KiB.
func lastLines(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	defer f.Close()
	const window = 64 << 10
	if st, err := f.Stat(); err == nil && st.Size() > window {
		if _, err := f.Seek(st.Size()-window, io.SeekStart); err != nil {
			return fmt.Sprintf("(log %s: %v)", path, err)
		}
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Sprintf("(log %s: %v)", path, err)
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// nodeExited is the error of a node that stopped (or never came up), with
// the last lines of its log at path, which usually say why (none when the
// node never got as far as writing one).
func nodeExited(what error, path string) error {
	if _, err := os.Stat(path); err != nil {
		return what
	}
	return fmt.Errorf("%w\nlast %d lines of %s:\n%s", what, logTailLines, path, lastLines(path, logTailLines))
}
