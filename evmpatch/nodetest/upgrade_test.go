package nodetest

import (
	"context"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// upgradeDelay is how far after the restart parsAIMiningTime lies: enough
// for `init`, the node's start and one block before it.
const upgradeDelay = 15

// runGeth runs pars-geth with args to completion (bounded; the process is
// killed by its PID at the deadline) and fails the test on error.
func runGeth(t *testing.T, bin string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		if len(out) > 4000 {
			out = out[len(out)-4000:]
		}
		t.Fatalf("pars-geth %v: %v\n%s", args, err, out)
	}
}

// initWith writes g to dir/genesis.json and runs `pars-geth init` on dir.
// On a data directory holding the same genesis block it updates the stored
// chain config: this is how an operator adds a fork to a running chain.
func initWith(t *testing.T, bin, dir string, g *core.Genesis) {
	t.Helper()
	b, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "genesis.json")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	runGeth(t, bin, "--datadir", dir, "init", path)
}

// simulateResult is the part of eth_simulateV1's answer checked here.
type simulateResult []struct {
	Calls []struct {
		Status hexutil.Uint64    `json:"status"`
		Logs   []json.RawMessage `json:"logs"`
		Error  *struct {
			Message string `json:"message"`
		} `json:"error"`
	} `json:"calls"`
}

// TestUpgradeRunningChain upgrades a running chain whose genesis has no
// 0x0300 entry. The chain first runs without the fork; the operator then
// adds parsAIMiningTime and parsAIMiningParams (genesis.NewUpgrade's
// fields) with `pars-geth init` and restarts the node. Before the fork time
// 0x0300 stays an empty account (calls to it do nothing and succeed);
// eth_simulateV1 of a block at the fork time already sees the installed
// account. The first block at or after the fork time installs nonce 1, the
// code marker and the parameters from the config before its transactions,
// so the proofs in it are accepted; debug_traceTransaction re-executes it
// identically; proofs in a later block are accepted and the earlier ones stay
// spent. A second node importing the exported chain (re-executing every
// block and checking its state root) reaches the same head, state roots and
// 0x0300 storage.
func TestUpgradeRunningChain(t *testing.T) {
	bin := nodeharness.ParsGeth(t)
	o := devGenesis(genesis.ParsChainID, 0)
	o.InstallAtActivation = true
	dirA := t.TempDir()

	// Phase 1: the chain without the fork.
	old, err := genesis.New(o)
	if err != nil {
		t.Fatal(err)
	}
	old.Config.ParsAIMiningTime, old.Config.ParsAIMiningParams = nil, nil
	initWith(t, bin, dirA, old)
	a := startDevIn(t, "A-before-upgrade", dirA, o, 0)
	r := a.receipt(t, a.sendTx(t, submitData(t, newProof(t, genesis.ParsChainID, uint64(time.Now().Unix()))), -1).Hash())
	if r.Status != types.ReceiptStatusSuccessful || len(r.Logs) != 0 {
		t.Fatalf("without the fork: status %d, %d logs; want a plain call to an empty account", r.Status, len(r.Logs))
	}
	if st := a.stateAt(t, common.Hash{}, nil); st.Code != "0x" || st.Proof.Nonce != 0 {
		t.Fatalf("without the fork: 0x0300 code %s nonce %d", st.Code, st.Proof.Nonce)
	}
	a.settle(t)
	a.stop()

	// Phase 2: the operator adds the fork a few seconds ahead and restarts.
	activation := uint64(time.Now().Unix()) + upgradeDelay
	o.ActivationTime = activation
	upgraded, err := genesis.New(o)
	if err != nil {
		t.Fatal(err)
	}
	if upgraded.ToBlock().Hash() != old.ToBlock().Hash() {
		t.Fatal("the upgraded genesis is another chain")
	}
	initWith(t, bin, dirA, upgraded)
	a = startDevIn(t, "A", dirA, o, 0)

	p := newProof(t, genesis.ParsChainID, uint64(time.Now().Unix()))
	r = a.receipt(t, a.sendTx(t, submitData(t, p), -1).Hash())
	blk := a.header(t, r.BlockNumber)
	if blk.Time >= activation {
		t.Fatalf("the first transaction after the restart was mined at %d, after activation %d: the node started too slowly for this test", blk.Time, activation)
	}
	if r.Status != types.ReceiptStatusSuccessful || len(r.Logs) != 0 {
		t.Fatalf("before activation: status %d, %d logs; want a plain call to an empty account", r.Status, len(r.Logs))
	}
	if st := a.stateAt(t, blk.Hash(), nil); st.Code != "0x" || st.Proof.Nonce != 0 {
		t.Fatalf("before activation: 0x0300 code %s nonce %d", st.Code, st.Proof.Nonce)
	}
	// eth_simulateV1 builds a block at the fork time on top of the head:
	// the install runs there too, so the proof is accepted.
	var sim simulateResult
	a.call(t, &sim, "eth_simulateV1", map[string]any{
		"blockStateCalls": []map[string]any{{
			"blockOverrides": map[string]any{"time": hexutil.Uint64(activation)},
			"calls": []map[string]any{{
				"from": genesis.DevAddress, "to": precompile.Address, "gas": hexutil.Uint64(txGas),
				"data": hexutil.Bytes(submitData(t, newProof(t, genesis.ParsChainID, uint64(time.Now().Unix())))),
			}},
		}},
	}, "latest")
	if len(sim) != 1 || len(sim[0].Calls) != 1 || sim[0].Calls[0].Status != 1 || len(sim[0].Calls[0].Logs) != 1 {
		t.Errorf("eth_simulateV1 at the fork time: %+v; want an accepted proof", sim)
	}
	t.Logf("before activation: block #%d at %d (activation %d): 0x0300 empty", blk.Number, blk.Time, activation)

	if d := time.Until(time.Unix(int64(activation), 0)); d > 0 {
		if d > (upgradeDelay+1)*time.Second {
			t.Fatalf("activation %v away", d)
		}
		time.Sleep(d + 100*time.Millisecond)
	}

	// The activation block: the proofs in it are accepted.
	txs, works := a.submitProofs(t, genesis.ParsChainID, 2, uint64(time.Now().Unix()))
	rs := a.requireSuccess(t, txs)
	first := a.header(t, rs[0].BlockNumber)
	if first.Time < activation {
		t.Fatalf("block #%d at %d, before activation %d", first.Number, first.Time, activation)
	}
	if parent := a.header(t, new(big.Int).Sub(first.Number, common.Big1)); parent.Time >= activation {
		t.Fatalf("block #%d is not the first block at or after activation", first.Number)
	}
	for _, r := range rs {
		if len(r.Logs) != 1 {
			t.Fatalf("proof receipt with %d logs", len(r.Logs))
		}
	}
	acc, err := genesis.ConfigAccount(upgraded.Config)
	if err != nil {
		t.Fatal(err)
	}
	atActivation := a.stateAt(t, first.Hash(), works)
	if atActivation.Code != "0xfe" || atActivation.Proof.Nonce != 1 {
		t.Fatalf("activation block: 0x0300 code %s nonce %d", atActivation.Code, atActivation.Proof.Nonce)
	}
	for slot, v := range acc.Storage {
		if got := a.storageAt(t, slot, first.Hash()); got != v {
			t.Errorf("activation block: parameter slot %v = %v, want %v", slot, got, v)
		}
	}
	// Tracing re-executes the activation block from its parent's state.
	var trace struct {
		Error  string `json:"error"`
		Output string `json:"output"`
	}
	a.call(t, &trace, "debug_traceTransaction", txs[0].Hash(), map[string]any{"tracer": "callTracer"})
	if trace.Error != "" || trace.Output == "" || trace.Output == "0x" {
		t.Errorf("trace of the first proof in the activation block: error %q, output %q", trace.Error, trace.Output)
	}

	// A later block: more proofs, the earlier ones stay spent.
	txs2, works2 := a.submitProofs(t, genesis.ParsChainID, 2, uint64(time.Now().Unix()))
	rs2 := a.requireSuccess(t, txs2)
	if rs2[0].BlockNumber.Cmp(first.Number) <= 0 {
		t.Fatalf("the second proofs went into block #%d", rs2[0].BlockNumber)
	}
	a.settle(t)
	all := append(append([]proof.Hash{}, works...), works2...)
	want := a.stateAt(t, common.Hash{}, all)
	for _, w := range all {
		if !a.isSpent(t, w) {
			t.Errorf("A: work %x not spent at the head", w)
		}
	}
	for _, w := range all {
		if want.Slots[precompile.WorkSlot(w, 0)] == (common.Hash{}) {
			t.Errorf("A: work %x holds no pending reward at the head", w)
		}
	}
	t.Logf("activation block #%d at %d; head #%d", first.Number, first.Time, want.Number)
	a.stop()

	// Phase 3: a second node imports the chain, re-executing every block.
	file := filepath.Join(t.TempDir(), "chain.rlp")
	runGeth(t, bin, "--datadir", dirA, "export", file)
	dirC := t.TempDir()
	if err := devnode.Init(bin, dirC, o); err != nil {
		t.Fatal(err)
	}
	runGeth(t, bin, "--datadir", dirC, "import", file)
	c := startPlain(t, "C", dirC, o, "--maxpeers", "0")
	sameState(t, "imported chain at the head", want, c.stateAt(t, common.Hash{}, all))
	sameState(t, "imported chain at the activation block", atActivation, c.stateAt(t, first.Hash(), works))
}
