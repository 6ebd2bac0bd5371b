package minertest

import (
	"context"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
)

// startSection is the README section TestREADMEStartMining runs.
const startSection = "## Start mining"

// readmeCommands returns the command lines of the ```sh block of the
// miner README's section heading, without trailing comments (two spaces,
// then #).
func readmeCommands(t *testing.T, heading string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "miner", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("miner/README.md has no heading %q", heading)
	}
	s = s[i+len(heading)+1:]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	start := strings.Index(s, "```sh\n")
	if start < 0 {
		t.Fatalf("section %q has no sh block", heading)
	}
	s = s[start+len("```sh\n"):]
	s = s[:strings.Index(s, "```")]
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if k := strings.Index(l, "  #"); k >= 0 {
			l = l[:k]
		}
		lines = append(lines, strings.TrimSpace(l))
	}
	return lines
}

// TestREADMEStartMining runs the miner README's "Start mining" commands as
// written, in a folder whose bin/ is the repository's, against a fresh
// pars-geth dev chain. It changes only what a test must: the node's URL
// for 127.0.0.1:8545, a free metrics port, one job for `run`, and it funds
// the gas account where the README says to.
func TestREADMEStartMining(t *testing.T) {
	geth := nodeharness.ParsGeth(t)
	minerBin := nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()

	g := devnode.DevGenesis(chainID, devnode.Ether(1_000_000))
	params := precompile.DefaultParams(genesis.DevAddress)
	g.Params = &params
	dataDir := filepath.Join(t.TempDir(), "node")
	node := nodeharness.StartDev(t, ctx, "pars-geth", devnode.Config{Binary: geth, DataDir: dataDir, Period: 1, Genesis: g})

	dir := t.TempDir()
	if err := os.Symlink(filepath.Dir(minerBin), filepath.Join(dir, "bin")); err != nil {
		t.Fatal(err)
	}
	lines := readmeCommands(t, startSection)
	var gas common.Address
	seen := map[string]bool{}
	for _, l := range lines {
		cmd := strings.ReplaceAll(l, "http://127.0.0.1:8545", node.URL())
		var sub string
		if f := strings.Fields(l); len(f) > 1 && f[0] == "bin/pars-miner" {
			sub = f[1]
			if sub == "gas-account" {
				sub += " " + f[2]
			}
		} else if !strings.HasPrefix(l, "mkdir ") {
			t.Fatalf("undocumented kind of command %q: teach this test to run it", l)
		}
		if sub == "run" {
			cmd += " --max-jobs 1 --log-format json"
		}
		stdout, stderr := sh(t, ctx, dir, cmd)
		t.Logf("ran %s", l)
		seen[sub] = true
		switch sub {
		case "keygen":
			must(t, stdout, "wrote miner/wallet.json", "next: pars-miner gas-account new --keystore miner/keystore")
		case "gas-account new":
			must(t, stdout, "key file     miner/keystore/UTC--", "next: pars-miner init --rpc http://127.0.0.1:8545 --out miner/config.toml --gas-account 0x")
		case "init":
			must(t, stdout, "wrote miner/config.toml: chain 6133 (eth_chainId of "+node.URL()+")", "next:", "pars-miner run --config miner/config.toml")
			// A free metrics port: other processes may hold the default.
			cfg := filepath.Join(dir, "miner", "config.toml")
			b, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			must(t, string(b), `wallet_path = "wallet.json"`, `gas_keystore = "keystore"`, `passphrase_file = "passphrase.txt"`, `listen = "127.0.0.1:9477"`)
			if err := os.WriteFile(cfg, []byte(strings.Replace(string(b), `listen = "127.0.0.1:9477"`, `listen = "127.0.0.1:0"`, 1)), 0o600); err != nil {
				t.Fatal(err)
			}
		case "gas-account show":
			must(t, stdout, "balance      0 native coin", "The account is empty")
			m := regexp.MustCompile(`gas account  (0x[0-9a-fA-F]{40})`).FindStringSubmatch(stdout)
			if m == nil {
				t.Fatalf("no gas account in %q", stdout)
			}
			gas = common.HexToAddress(m[1])
			fund(t, ctx, node, gas, devnode.Ether(1_000))
		case "bond":
			must(t, stdout, "bonded     100000000000000000000 wei")
		case "run":
			must(t, stderr, `"msg":"miner started"`, `"next":"pars-miner status --config miner/config.toml"`, `"msg":"proof accepted"`)
		case "status":
			must(t, stdout, "mining balance  0 AI", "last 1 accepted proofs")
		}
	}
	for _, want := range []string{"keygen", "gas-account new", "init", "gas-account show", "bond", "run", "status"} {
		if !seen[want] {
			t.Errorf("the README's steps have no `pars-miner %s`", want)
		}
	}
}

// sh runs one shell command line in dir and fails the test unless it
// exits 0 within commandLimit (miningLimit for `run`).
func sh(t *testing.T, ctx context.Context, dir, line string) (string, string) {
	t.Helper()
	limit := commandLimit
	if strings.Contains(line, " run ") {
		limit = miningLimit
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", "-e", "-c", line)
	cmd.Dir = dir
	cmd.WaitDelay = stopLimit
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", line, err, stdout.String(), stderr.String())
	}
	return stdout.String(), stderr.String()
}

// must fails the test unless out contains every one of want.
func must(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Fatalf("output lacks %q:\n%s", w, out)
		}
	}
}

// fund sends amount wei from the dev account (unlocked in the --dev node)
// to addr and waits, bounded, for the transfer to be mined.
func fund(t *testing.T, ctx context.Context, node *devnode.Node, addr common.Address, amount *big.Int) {
	t.Helper()
	var hash common.Hash
	if err := node.Call(ctx, &hash, "eth_sendTransaction", map[string]any{"from": genesis.DevAddress, "to": addr, "value": (*hexutil.Big)(amount)}); err != nil {
		t.Fatalf("fund %s: %v", addr.Hex(), err)
	}
	deadline := time.Now().Add(commandLimit)
	for time.Now().Before(deadline) {
		var receipt map[string]any
		if err := node.Call(ctx, &receipt, "eth_getTransactionReceipt", hash); err == nil && receipt != nil {
			if receipt["status"] != "0x1" {
				t.Fatalf("funding transaction failed: %v", receipt)
			}
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("funding transaction %s not mined within %v", hash.Hex(), commandLimit)
}
