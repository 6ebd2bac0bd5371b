package minertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Limits that keep the test well under a minute on a loaded machine and
// stop it cleanly before `go test`'s own timeout.
const (
	testLimit    = 100 * time.Second // everything
	commandLimit = 30 * time.Second  // one short pars-miner command
	miningLimit  = 45 * time.Second  // `pars-miner --max-jobs 3`
	stopLimit    = 10 * time.Second  // SIGINT to exit, before SIGKILL
)

// Reward at difficulty adjustment 1.0 for software-only work under the
// default parameters: base reward × compute units × 0.6.
var (
	baseRewardWei = precompile.DefaultBaseReward.ToBig()
	trustBps      = big.NewInt(6000)
)

func expectedReward(cu uint64) *big.Int {
	r := new(big.Int).Mul(baseRewardWei, new(big.Int).SetUint64(cu))
	r.Mul(r, trustBps)
	return r.Quo(r, big.NewInt(10_000))
}

const (
	chainID    = genesis.ParsChainID
	passphrase = "minertest"
)

// miner runs the pars-miner binary.
type miner struct {
	t   *testing.T
	bin string
}

// run runs one short pars-miner command and returns its exit code, stdout
// and stderr. The process is killed by its PID after commandLimit.
func (m miner) run(ctx context.Context, args ...string) (int, string, string) {
	m.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, commandLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, m.bin, args...)
	cmd.WaitDelay = stopLimit
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case ctx.Err() != nil:
		m.t.Fatalf("pars-miner %s: no exit within %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), commandLimit, &stdout, &stderr)
	case errors.As(err, &exitErr):
		return exitErr.ExitCode(), stdout.String(), stderr.String()
	}
	m.t.Fatalf("pars-miner %s: %v", strings.Join(args, " "), err)
	return 0, "", ""
}

// ok runs a command that must succeed and returns its stdout.
func (m miner) ok(ctx context.Context, args ...string) string {
	m.t.Helper()
	code, out, stderr := m.run(ctx, args...)
	if code != 0 {
		m.t.Fatalf("pars-miner %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, stderr)
	}
	return out
}

func dumpFile(t *testing.T, what, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Logf("no %s at %s: %v", what, path, err)
		return
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	t.Logf("last %d lines of %s:\n%s", len(lines), what, strings.Join(lines, "\n"))
}

// logRecords decodes pars-miner's JSON log lines with message msg.
func logRecords(t *testing.T, logs, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %v\n%s", err, line)
		}
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

func TestMinerOnRealNode(t *testing.T) {
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth and pars-miner")
	}
	started := time.Now()
	geth := nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make pars-geth")
	m := miner{t: t, bin: nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")}
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()
	if _, help, _ := m.run(ctx, "--help"); !strings.Contains(help, "pars-miner prove") || !strings.Contains(help, "pars-miner balance") {
		t.Fatalf("%s has no prove or balance command: it is older than this test; rebuild it with `make pars-miner`", m.bin)
	}

	// A fresh chain: a block per transaction (--dev.period 0), so the head
	// stays the genesis block until the first transaction.
	gasKey, err := crypto.ToECDSA(crypto.Keccak256([]byte("pars minertest gas account")))
	if err != nil {
		t.Fatal(err)
	}
	gasAddr := crypto.PubkeyToAddress(gasKey.PublicKey)
	beneficiary := common.HexToAddress("0x00000000000000000000000000000000000B0B01")

	// The miner's home first (wallet, gas keystore, configuration), so that
	// the genesis can bond its miner id; the node's address is filled in
	// once the node runs.
	keygenCtx, keygenCancel := context.WithTimeout(ctx, commandLimit)
	home := t.TempDir()
	cfg, _, err := devnode.WriteMinerConfig(keygenCtx, devnode.MinerHome{
		Dir: home, Miner: m.bin, Scheme: "44", Passphrase: passphrase, GasKey: gasKey,
		ChainID: chainID, RPC: "http://127.0.0.1:1", Beneficiary: beneficiary,
		JobInterval: 200 * time.Millisecond, MaxTokens: 16,
	})
	keygenCancel()
	if err != nil {
		t.Fatal(err)
	}
	minerID, err := devnode.MinerID(home)
	if err != nil {
		t.Fatal(err)
	}
	// Bonded at genesis by the gas account; rewards wait two blocks and
	// are not sampled for audit.
	g := devnode.DevGenesis(chainID, devnode.Ether(1_000_000), gasAddr)
	params := precompile.DefaultParams(genesis.DevAddress)
	params.ShortWindows()
	params.AuditProbabilityBps = 0
	params.Bonds = []precompile.GenesisBond{{MinerID: minerID, Bonder: gasAddr, Amount: precompile.DefaultMinBond.Clone()}}
	g.Params = &params

	dataDir := filepath.Join(t.TempDir(), "node")
	node, err := devnode.Start(ctx, devnode.Config{
		Binary:  geth,
		DataDir: dataDir,
		Period:  0,
		Genesis: g,
	})
	if err != nil {
		dumpFile(t, "pars-geth log", filepath.Join(dataDir, "geth.log"))
		t.Fatalf("start pars-geth: %v", err)
	}
	t.Cleanup(func() {
		pid := node.PID()
		node.Stop()
		t.Logf("pars-geth (pid %d) stopped", pid)
		if t.Failed() {
			dumpFile(t, "pars-geth log", filepath.Join(dataDir, "geth.log"))
		}
	})
	t.Logf("pars-geth (pid %d) serving %s after %v", node.PID(), node.URL(), time.Since(started).Round(time.Millisecond))
	blockNumber := func() uint64 {
		t.Helper()
		var n hexutil.Uint64
		if err := node.Call(ctx, &n, "eth_blockNumber"); err != nil {
			t.Fatal(err)
		}
		return uint64(n)
	}
	if n := blockNumber(); n != 0 {
		t.Fatalf("fresh chain at block %d, want the genesis block", n)
	}

	if err := devnode.SetMinerRPC(cfg, node.URL()); err != nil {
		t.Fatal(err)
	}

	// prove → proof decode → proof verify, then a plain eth_estimateGas and
	// eth_call of the proof on the genesis block (no block override).
	proofHex := strings.TrimSpace(m.ok(ctx, "prove", "--config", cfg, "--input", "What is the capital of France?"))
	var decoded struct {
		Scheme       string      `json:"scheme"`
		WorkID       common.Hash `json:"workId"`
		InputTokens  uint32      `json:"inputTokens"`
		OutputTokens uint32      `json:"outputTokens"`
		Context      struct {
			ChainID uint32 `json:"chainId"`
		} `json:"context"`
		Beneficiary common.Address `json:"beneficiary"`
	}
	if err := json.Unmarshal([]byte(m.ok(ctx, "proof", "decode", proofHex)), &decoded); err != nil {
		t.Fatalf("proof decode: %v", err)
	}
	raw, err := hexutil.Decode(proofHex)
	if err != nil {
		t.Fatalf("prove printed %q: %v", proofHex, err)
	}
	p, err := proof.DecodeAIWorkProof(raw)
	if err != nil {
		t.Fatal(err)
	}
	if decoded.Scheme != "ML-DSA-44" || decoded.WorkID != common.Hash(p.WorkID()) || decoded.Context.ChainID != chainID || decoded.Beneficiary != beneficiary {
		t.Fatalf("proof decode = %+v, want ML-DSA-44, work id %x, chain %d, beneficiary %s", decoded, p.WorkID(), chainID, beneficiary)
	}
	if out := m.ok(ctx, "proof", "verify", "--chain-id", fmt.Sprint(chainID), proofHex); !strings.HasPrefix(out, "valid\n") {
		t.Fatalf("proof verify: %s", out)
	}
	if code, out, _ := m.run(ctx, "proof", "verify", "--chain-id", "96369", proofHex); code != 1 || out != "invalid: proof: bound to chain 6133, not chain 96369\n" {
		t.Fatalf("proof verify on another chain: exit %d, %q", code, out)
	}
	data, err := precompile.ABI().Pack("submitWorkProof", raw, []byte{})
	if err != nil {
		t.Fatal(err)
	}
	call := map[string]any{"from": gasAddr, "to": precompile.Address, "input": hexutil.Bytes(data)}
	var gas hexutil.Uint64
	if err := node.Call(ctx, &gas, "eth_estimateGas", call, "latest"); err != nil {
		t.Fatalf("eth_estimateGas of submitWorkProof on the genesis block: %v", err)
	}
	var ret hexutil.Bytes
	if err := node.Call(ctx, &ret, "eth_call", call, "latest"); err != nil {
		t.Fatalf("eth_call of submitWorkProof on the genesis block: %v", err)
	}
	// The chain prices the signed token counts with the built-in model's
	// registered parameter count: one compute unit.
	cu := reward.JobComputeUnits(precompile.BuiltinModel().Parameters, decoded.InputTokens, decoded.OutputTokens)
	if cu != 1 {
		t.Fatalf("the proof's %d + %d tokens are worth %d compute units, want 1", decoded.InputTokens, decoded.OutputTokens, cu)
	}
	if got, want := new(big.Int).SetBytes(ret), expectedReward(cu); len(ret) != 32 || got.Cmp(want) != 0 {
		t.Fatalf("eth_call of submitWorkProof on the genesis block returned %x, want reward %s", ret, want)
	}
	if n := blockNumber(); n != 0 {
		t.Fatalf("simulations sealed block %d", n)
	}
	t.Logf("on the genesis block: prove, decode, verify; eth_estimateGas %d, eth_call reward %s wei", gas, new(big.Int).SetBytes(ret))

	// Mine three proofs. The first is estimated while the head is the
	// genesis block and lands in block 1, the others in blocks 2 and 3; the
	// rewards are pending for two blocks, and after the third the miner
	// finalizes the first (block 4).
	logs := mine(t, m.bin, cfg)
	accepted := logRecords(t, logs, "proof accepted")
	if len(accepted) != 3 {
		t.Fatalf("%d proof accepted lines, want 3:\n%s", len(accepted), logs)
	}
	total := new(big.Int)
	var first *big.Int
	for i, rec := range accepted {
		cu, _ := rec["compute_units"].(float64)
		want := expectedReward(uint64(cu))
		total.Add(total, want)
		if first == nil {
			first = want
		}
		if rec["reward_wei"] != want.String() || rec["balance_wei"] != "0" || rec["block"] != float64(i+1) || rec["beneficiary"] != beneficiary.Hex() ||
			rec["pending_until_block"] != float64(i+3) {
			t.Fatalf("acceptance %d: %v; want reward %s pending until block %d, balance 0, block %d, beneficiary %s", i, rec, want, i+3, i+1, beneficiary.Hex())
		}
	}
	if fin := logRecords(t, logs, "rewards finalized"); len(fin) != 1 || fin[0]["credited_wei"] != first.String() || fin[0]["block"] != 4.0 {
		t.Fatalf("rewards finalized lines: %v; want one crediting %s in block 4", fin, first)
	}
	if stopped := logRecords(t, logs, "mining stopped"); len(stopped) != 1 || stopped[0]["accepted"] != 3.0 || stopped[0]["finalized_wei"] != first.String() || stopped[0]["pending"] != 2.0 {
		t.Fatalf("mining stopped lines: %v", stopped)
	}
	t.Logf("3 proofs accepted, %s wei finalized", first)

	// `pars-miner finalize` credits the other two (its own transactions
	// mine the blocks their windows wait for).
	if out := m.ok(ctx, "finalize", "--config", cfg, "--wei"); !strings.Contains(out, "credited   "+total.Sub(total, first).String()+" wei") {
		t.Fatalf("finalize:\n%s", out)
	}
	total.Add(total, first)

	// status and balance show 3 × the reward.
	balanceLine := fmt.Sprintf("mining balance  %s wei", total)
	out := m.ok(ctx, "status", "--config", cfg, "--wei")
	if !strings.Contains(out, balanceLine) || !strings.Contains(out, "last 3 accepted proofs") {
		t.Fatalf("status:\n%s\nwant %q and 3 accepted proofs", out, balanceLine)
	}
	for _, args := range [][]string{
		{"balance", "--config", cfg, "--wei"},
		{"balance", "--rpc", node.URL(), "--address", beneficiary.Hex(), "--wei"},
	} {
		if out := m.ok(ctx, args...); !strings.Contains(out, balanceLine) || !strings.Contains(out, "address         "+beneficiary.Hex()) {
			t.Fatalf("pars-miner %s:\n%s\nwant %q", strings.Join(args, " "), out, balanceLine)
		}
	}
	t.Logf("done in %v", time.Since(started).Round(time.Millisecond))
}

// mine runs `pars-miner --config cfg --max-jobs 2` and returns its JSON
// log. The process is stopped by its PID when the test ends, if it has not
// exited by then.
func mine(t *testing.T, bin, cfg string) string {
	t.Helper()
	cmd := exec.Command(bin, "--config", cfg, "--max-jobs", "3", "--log-format", "json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start pars-miner: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	exited := false
	stop := func() {
		if exited {
			return
		}
		exited = true
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(stopLimit):
			_ = cmd.Process.Kill()
			<-done
		}
		t.Logf("pars-miner (pid %d) stopped", cmd.Process.Pid)
	}
	t.Cleanup(stop)
	select {
	case err := <-done:
		exited = true
		if err != nil {
			t.Fatalf("pars-miner --max-jobs 3: %v\nstdout:\n%s\nstderr:\n%s", err, &stdout, &stderr)
		}
	case <-time.After(miningLimit):
		stop() // before reading its output
		t.Fatalf("pars-miner --max-jobs 2 (pid %d) still running after %v\nstderr:\n%s", cmd.Process.Pid, miningLimit, &stderr)
	}
	return stderr.String()
}
