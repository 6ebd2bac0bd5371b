//go:build unix

package e2e

import (
	"os/exec"
	"syscall"
)

// killGroupOnCancel starts cmd in a process group of its own and, when its
// context ends, kills that group (node --test runs each test file in a
// child process), identified by cmd's own PID.
func killGroupOnCancel(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
