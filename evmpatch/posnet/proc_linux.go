package posnet

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal makes the kernel kill cmd when the process that
// started it dies, so that a crashed test or devnet leaves nothing behind.
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
