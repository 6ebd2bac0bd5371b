// Package nodeharness holds what the node tests of this module share:
// finding the built binaries, the fixed dev keys, dev-chain genesis
// options, starting a dev node for a test, sending transactions to and
// reading views of the IAIMining precompile at 0x0300, and writing a
// pars-miner home (also used by cmd/pars-devnet).
package nodeharness

import (
	"context"
	"crypto/ecdsa"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/pars-network/aimining/evmpatch/devnode"
)

var devKey = devnode.DevGovernanceKey()

// DevKey returns geth's fixed developer key, the key behind
// genesis.DevAddress (governance of every dev genesis made here).
func DevKey() *ecdsa.PrivateKey { return devKey }

// MustKey parses a hex secp256k1 private key and panics if it is invalid:
// for fixed keys in tests.
func MustKey(hex string) *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(hex)
	if err != nil {
		panic(err)
	}
	return k
}

// Locate returns the absolute path of the binary named by $envVar, or
// else of ../../bin/name (the repository's bin folder, seen from a package
// directory of this module), with the error of os.Stat on it.
func Locate(name, envVar string) (string, error) {
	bin := os.Getenv(envVar)
	if bin == "" {
		bin = filepath.Join("..", "..", "bin", name)
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		return "", err
	}
	_, err = os.Stat(abs)
	return abs, err
}

// Binary returns the binary name (see Locate), failing the test with how
// to build it (the command build, run in the repository root) when it is
// missing.
func Binary(t testing.TB, name, envVar, build string) string {
	t.Helper()
	abs, err := Locate(name, envVar)
	if abs == "" {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatalf("%s binary %s: %v\nbuild it with `%s` in the repository root (or set $%s)", name, abs, err, build, envVar)
	}
	return abs
}

// ParsGeth returns the pars-geth binary ($PARS_GETH or ../../bin/pars-geth),
// or skips the test: with -short, or when the binary is not built.
func ParsGeth(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth")
	}
	abs, err := Locate("pars-geth", "PARS_GETH")
	if abs == "" {
		t.Fatal(err)
	}
	if err != nil {
		t.Skipf("pars-geth not built (%v): run `make -C evmpatch pars-geth`", err)
	}
	return abs
}

// StartDev runs cfg's pars-geth --dev node (devnode.Start, bounded by
// ctx), failing the test as name when it does not come up. The node is
// stopped when the test ends; if the test failed, the tail of its log
// (cfg.DataDir/geth.log; cfg.Log must be nil) goes into the test output.
func StartDev(t testing.TB, ctx context.Context, name string, cfg devnode.Config) *devnode.Node {
	t.Helper()
	logPath := filepath.Join(cfg.DataDir, "geth.log")
	n, err := devnode.Start(ctx, cfg)
	if err != nil {
		DumpLog(t, name, logPath)
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() {
		n.Stop()
		if t.Failed() {
			DumpLog(t, name, logPath)
		}
	})
	t.Logf("%s: pars-geth --dev pid %d on %s", name, n.PID(), n.URL())
	return n
}

// DumpLog writes the last 6000 bytes of the log at path, of the process
// called name, into the test output. A missing log is passed over.
func DumpLog(t testing.TB, name, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	if len(b) > 6000 {
		b = b[len(b)-6000:]
	}
	t.Logf("---- %s log tail (%s) ----\n%s", name, path, b)
}

// Dial attaches an ethclient to url, closed when the test ends.
func Dial(t testing.TB, url string) *ethclient.Client {
	t.Helper()
	ec, err := ethclient.Dial(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ec.Close)
	return ec
}
