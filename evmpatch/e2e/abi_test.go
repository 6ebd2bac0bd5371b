package e2e

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCommittedABIs runs `make abi`'s script with --check: the committed
// ABI files (contracts/IAIMining.abi.json, precompile/iaimining.abi.json,
// contracts/examples/MiningClient.abi.json with IAIMining's errors) are
// what the pinned solc makes of the Solidity sources today.
func TestCommittedABIs(t *testing.T) {
	root := repoRoot(t)
	nodeExe := checkJSToolchain(t, filepath.Join(root, "e2e"))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nodeExe, filepath.Join("e2e", "scripts", "abi.mjs"), "--check")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node e2e/scripts/abi.mjs --check: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "3 ABI files are up to date") {
		t.Fatalf("unexpected output:\n%s", out)
	}
}
