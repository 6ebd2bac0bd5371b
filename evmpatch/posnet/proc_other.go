//go:build !linux

package posnet

import "os/exec"

// setParentDeathSignal does nothing where the kernel has no parent-death
// signal; the network's Close stops every process by its PID.
func setParentDeathSignal(cmd *exec.Cmd) {}
