package nodetest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/forkid"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/spentset"
)

// activationDelay is how far after the test's start parsAIMiningTime lies:
// enough for the node to start and mine one block before it.
const activationDelay = 10

// TestActivationOnRealNode: on a --dev chain whose parsAIMiningTime lies a
// few seconds in the future, 0x0300 is inert until the first block at or
// after that time: eth_call runs the 0xfe code marker (invalid opcode), a
// submitWorkProof transaction burns all its gas and changes nothing, and
// 0x0300 is not among eth_config's precompiles. From the first block at or
// after that time on, the same proof is accepted.
func TestActivationOnRealNode(t *testing.T) {
	activation := uint64(time.Now().Unix()) + activationDelay
	o := devGenesis(genesis.ParsChainID, activation)
	n := startDev(t, "node", o, 0)

	genesisState := n.stateAt(t, common.Hash{}, nil)
	if genesisState.Code != "0xfe" {
		t.Fatalf("0x0300 code %s, want the 0xfe marker", genesisState.Code)
	}
	var cfg ethConfig
	n.call(t, &cfg, "eth_config")
	if _, ok := cfg.Current.Precompiles["IAIMINING"]; ok {
		t.Errorf("eth_config lists IAIMINING before activation: %+v", cfg.Current.Precompiles)
	}

	p := newProof(t, genesis.ParsChainID, uint64(time.Now().Unix()))
	data := submitData(t, p)
	w := p.WorkID()

	// Before: eth_call executes the code marker.
	_, rev, err := n.callPrecompile(t, data, nil)
	if err == nil || rev != nil || !strings.Contains(err.Error(), "invalid opcode") {
		t.Fatalf("eth_call before activation: err %v, revert %v; want invalid opcode", err, rev)
	}
	// A transaction is mined, fails and burns all its gas.
	r := n.receipt(t, n.sendTx(t, data, -1).Hash())
	blk := n.header(t, r.BlockNumber)
	if blk.Time >= activation {
		t.Fatalf("the first transaction was mined at %d, after activation %d: the node started too slowly for this test", blk.Time, activation)
	}
	if r.Status != types.ReceiptStatusFailed || r.GasUsed != txGas || len(r.Logs) != 0 {
		t.Fatalf("before activation: status %d, gas %d of %d, %d logs; want failure with all gas burnt", r.Status, r.GasUsed, txGas, len(r.Logs))
	}
	before := n.stateAt(t, blk.Hash(), []proof.Hash{w})
	if before.Proof.StorageHash != genesisState.Proof.StorageHash || before.Proof.Nonce != 1 || before.Code != "0xfe" {
		t.Fatalf("0x0300 changed before activation: storage %v -> %v, nonce %d, code %s",
			genesisState.Proof.StorageHash, before.Proof.StorageHash, before.Proof.Nonce, before.Code)
	}
	if before.Slots[spentset.Slot(w)] != (common.Hash{}) || before.Slots[precompile.WorkSlot(w, 2)] != (common.Hash{}) {
		t.Fatal("inert 0x0300 recorded the proof")
	}
	t.Logf("before activation: block #%d at %d (activation %d): inert", blk.Number, blk.Time, activation)

	// Wait for the wall clock to pass activation (bounded by the delay).
	if d := time.Until(time.Unix(int64(activation), 0)); d > 0 {
		if d > (activationDelay+1)*time.Second {
			t.Fatalf("activation %v away", d)
		}
		time.Sleep(d + 100*time.Millisecond)
	}

	// After: the very proof the inert 0x0300 ignored is accepted.
	r = n.receipt(t, n.sendTx(t, data, -1).Hash())
	blk = n.header(t, r.BlockNumber)
	if blk.Time < activation {
		t.Fatalf("block #%d at %d, before activation %d", blk.Number, blk.Time, activation)
	}
	if r.Status != types.ReceiptStatusSuccessful || len(r.Logs) != 1 {
		t.Fatalf("after activation: status %d, %d logs", r.Status, len(r.Logs))
	}
	after := n.stateAt(t, blk.Hash(), []proof.Hash{w})
	if after.Slots[precompile.WorkSlot(w, 2)] == (common.Hash{}) || after.Slots[spentset.Slot(w)] == (common.Hash{}) {
		t.Fatal("after activation: no pending reward or spent marker")
	}
	if !n.isSpent(t, w) {
		t.Fatal("after activation: isSpent false")
	}
	t.Logf("after activation: block #%d at %d: proof accepted", blk.Number, blk.Time)

	var cfgAfter ethConfig
	n.call(t, &cfgAfter, "eth_config")

	// EIP-7910 eth_config should follow parsAIMiningTime like any fork
	// (evmpatch/README.md says it sees 0x0300 exactly when it is
	// active): announce it as "next" before, list 0x0300 in "current" after,
	// with the node's EIP-2124 fork id.
	t.Run("eth_config", func(t *testing.T) {
		gspec, err := genesis.New(o)
		if err != nil {
			t.Fatal(err)
		}
		gblock := gspec.ToBlock()
		if gblock.Hash() != n.header(t, common.Big0).Hash() {
			t.Fatal("genesis.New(o) does not reproduce the node's genesis block")
		}
		wantBefore := forkid.NewID(gspec.Config, gblock, before.Number, activation-1)
		wantAfter := forkid.NewID(gspec.Config, gblock, after.Number, activation)
		if wantBefore.Next != activation || wantAfter.Hash == wantBefore.Hash {
			t.Fatalf("fork id does not take parsAIMiningTime: %v -> %v", wantBefore, wantAfter)
		}
		if cfg.Next == nil || cfg.Next.ActivationTime != activation || cfg.Next.Precompiles["IAIMINING"] != precompile.Address {
			t.Errorf("before activation: eth_config next = %+v, want activationTime %d with IAIMINING", cfg.Next, activation)
		}
		if !bytes.Equal(cfg.Current.ForkID, wantBefore.Hash[:]) {
			t.Errorf("before activation: eth_config current forkId %x, want %x", []byte(cfg.Current.ForkID), wantBefore.Hash)
		}
		if got := cfgAfter.Current.Precompiles["IAIMINING"]; got != precompile.Address {
			t.Errorf("after activation: eth_config current (activationTime %d) does not list IAIMINING at 0x0300 (%d precompiles listed)", cfgAfter.Current.ActivationTime, len(cfgAfter.Current.Precompiles))
		}
		if !bytes.Equal(cfgAfter.Current.ForkID, wantAfter.Hash[:]) {
			t.Errorf("after activation: eth_config current forkId %x, want the node's fork id %x", []byte(cfgAfter.Current.ForkID), wantAfter.Hash)
		}
	})
}
