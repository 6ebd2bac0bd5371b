package nodetest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
)

// TestExportImport: `pars-geth export` of a --dev node's chain (the node
// stopped first) and `pars-geth import` into a fresh data directory
// initialised with the same genesis give the same head, state root and
// 0x0300 storage. import re-executes every block, 0x0300 included, and
// checks each block's state root.
func TestExportImport(t *testing.T) {
	bin := nodeharness.ParsGeth(t)
	o := devGenesis(genesis.ParsChainID, 0)
	a := startDev(t, "A", o, 0)
	txs, works := a.submitProofs(t, o.ChainID, 3, uint64(time.Now().Unix()))
	a.requireSuccess(t, txs)
	txs2, works2 := a.submitProofs(t, o.ChainID, 2, uint64(time.Now().Unix()))
	a.requireSuccess(t, txs2)
	a.settle(t)
	works = append(works, works2...)
	want := a.stateAt(t, common.Hash{}, works)
	if want.Slots[precompile.WorkSlot(works[0], 2)] == (common.Hash{}) {
		t.Fatal("A: payee has no pending reward")
	}
	a.stop()

	file := filepath.Join(t.TempDir(), "chain.rlp")
	run := func(args ...string) {
		t.Helper()
		// CommandContext kills the process (by its PID) at the deadline.
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		start := time.Now()
		out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		if err != nil {
			if len(out) > 4000 {
				out = out[len(out)-4000:]
			}
			t.Fatalf("pars-geth %v: %v\n%s", args, err, out)
		}
		t.Logf("pars-geth %s: %v", args[2], time.Since(start).Round(time.Millisecond))
	}
	run("--datadir", a.dir, "export", file)
	if st, err := os.Stat(file); err != nil || st.Size() == 0 {
		t.Fatalf("export wrote nothing: %v", err)
	}
	dirC := t.TempDir()
	if err := devnode.Init(bin, dirC, o); err != nil {
		t.Fatal(err)
	}
	run("--datadir", dirC, "import", file)

	c := startPlain(t, "C", dirC, o, "--maxpeers", "0")
	got := c.stateAt(t, common.Hash{}, works)
	sameState(t, "imported chain", want, got)
	for _, w := range works {
		if !c.isSpent(t, w) {
			t.Errorf("C: work %x not spent after import", w)
		}
	}
	// The imported node has the receipts, with 0x0300's logs.
	for _, tx := range append(txs, txs2...) {
		if r := c.receipt(t, tx.Hash()); r.Status != 1 || len(r.Logs) == 0 {
			t.Errorf("C: receipt of %v: status %d, %d logs", tx.Hash(), r.Status, len(r.Logs))
		}
	}
}
