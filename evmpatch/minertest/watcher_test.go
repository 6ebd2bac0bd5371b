package minertest

import (
	"context"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// TestWatcherSlashesOnRealNode: the devnet's watcher (the real
// pars-verifier, acting from its own account) against the real pars-geth.
// A miner submits made-up built-in work that the seed selects and never
// reveals it; the watcher opens the audit, settles it once the reveal
// deadline has passed, and the miner id loses its bond.
func TestWatcherSlashesOnRealNode(t *testing.T) {
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth and pars-verifier")
	}
	geth := nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make pars-geth")
	verifier := nodeharness.Binary(t, "pars-verifier", "PARS_VERIFIER", "make pars-verifier")
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()

	gasKey, err := crypto.ToECDSA(crypto.Keccak256([]byte("pars watcher test gas account")))
	if err != nil {
		t.Fatal(err)
	}
	watchKey, err := crypto.ToECDSA(crypto.Keccak256([]byte("pars watcher test watcher account")))
	if err != nil {
		t.Fatal(err)
	}
	var seed [proof.SeedSize]byte
	copy(seed[:], "pars watcher test miner")
	key, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	if err != nil {
		t.Fatal(err)
	}
	gasAddr := crypto.PubkeyToAddress(gasKey.PublicKey)
	g := devnode.DevGenesis(chainID, devnode.Ether(1_000_000), gasAddr, crypto.PubkeyToAddress(watchKey.PublicKey))
	params := precompile.DefaultParams(genesis.DevAddress)
	params.ShortWindows()
	params.AuditProbabilityBps = proof.BasisPoints // every proof is audited
	params.Bonds = []precompile.GenesisBond{{MinerID: key.Public().ID(), Bonder: gasAddr, Amount: precompile.DefaultMinBond.Clone()}}
	g.Params = &params
	dataDir := filepath.Join(t.TempDir(), "node")
	node, err := devnode.Start(ctx, devnode.Config{Binary: geth, DataDir: dataDir, Period: 1, Genesis: g})
	if err != nil {
		dumpFile(t, "pars-geth log", filepath.Join(dataDir, "geth.log"))
		t.Fatalf("start pars-geth: %v", err)
	}
	t.Cleanup(func() {
		node.Stop()
		if t.Failed() {
			dumpFile(t, "pars-geth log", filepath.Join(dataDir, "geth.log"))
		}
	})

	// The watcher first, so that it follows the chain from the start.
	home := t.TempDir()
	cfg, _, err := devnode.WriteVerifierConfig(devnode.VerifierHome{Dir: home, Passphrase: "watch", Key: watchKey, RPC: node.URL(), PollInterval: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(home, "watch.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	output := func() string { return readFile(logPath) }
	cmd := exec.Command(verifier, "watch", "--config", cfg, "--from-block", "1", "--log-format", "json")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(stopLimit):
			_ = cmd.Process.Kill()
			<-done
		}
		t.Logf("pars-verifier (pid %d) stopped", cmd.Process.Pid)
		if t.Failed() {
			t.Logf("pars-verifier output:\n%s", output())
		}
	})

	// The made-up work: a built-in proof whose output nobody computed.
	ec := nodeharness.Dial(t, node.URL())
	c := &nodeharness.Client{Name: "pars-geth", EC: ec, ChainID: chainID, Gas: 2_000_000, Timeout: 10 * time.Second, Wait: 30 * time.Second}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	input, made := []byte("made up"), []byte("never computed, just signed")
	wp := &proof.AIWorkProof{
		Context: proof.WorkContext{ChainID: chainID, JobID: proof.Hash{0x77}, ModelHash: builtin.Default().Hash(), InputHash: proof.HashInput(input),
			DeviceID: proof.Hash{1}, Nonce: proof.Hash{2}, Timestamp: head.Time},
		Beneficiary: gasAddr, OutputHash: proof.HashOutput(made),
		InputTokens: uint32(len(input)), OutputTokens: uint32(len(made)),
	}
	if err := wp.Sign(key, false); err != nil {
		t.Fatal(err)
	}
	if r := c.Send(t, gasKey, nodeharness.Pack(t, "submitWorkProof", wp.Encode(), []byte{}))[0]; r.Status != 1 {
		t.Fatalf("submitWorkProof failed in block %v", r.BlockNumber)
	}
	bonded := func() *big.Int { return c.View(t, "bondInfo", [32]byte(key.Public().ID()))[1].(*big.Int) }
	if bonded().Sign() == 0 {
		t.Fatal("the miner id holds no bond before its audit")
	}

	// The watcher opens the audit and, the deadline passed, slashes.
	deadline := time.Now().Add(60 * time.Second)
	for bonded().Sign() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the miner id still holds its bond; watcher output:\n%s", output())
		}
		select {
		case err := <-done:
			t.Fatalf("pars-verifier exited: %v\n%s", err, output())
		case <-time.After(200 * time.Millisecond):
		}
	}
	if st := c.View(t, "pendingWork", [32]byte(wp.WorkID()))[0].(uint8); st != 7 {
		t.Fatalf("work status %d, want 7 (forfeited)", st)
	}
	waitFor := time.Now().Add(10 * time.Second)
	for !strings.Contains(readFile(filepath.Join(home, "findings.jsonl")), `"status":"slashed"`) {
		if time.Now().After(waitFor) {
			t.Fatalf("no slashed finding; watcher output:\n%s", output())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(output(), "audits opened") || !strings.Contains(output(), "audit settled: miner slashed") {
		t.Fatalf("watcher output lacks the audit and the slash:\n%s", output())
	}
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}
