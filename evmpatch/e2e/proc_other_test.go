//go:build !unix

package e2e

import "os/exec"

// killGroupOnCancel keeps exec's default: cancelling the context kills cmd.
func killGroupOnCancel(*exec.Cmd) {}
