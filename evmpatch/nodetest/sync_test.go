package nodetest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// TestFollowOverDevp2p: node A takes submitWorkProof transactions as a
// --dev node; a second node B, initialised with the same genesis, follows
// A's chain over devp2p and reaches the same head, state root and 0x0300
// storage, first for A's --dev chain, then for blocks A adds while B is
// connected.
//
// geth v1.17.10's --dev turns devp2p off (SetP2PConfig forces MaxPeers 0 and
// no listener whatever the flags say), so a --dev node cannot serve peers.
// A's data directory is therefore reopened without --dev: it then listens
// on devp2p, and produces further blocks through testing_commitBlockV1 (its
// block building API for runs without a consensus client). B runs without
// --dev with --syncmode full and is pointed at A's head with debug_sync
// (eth/syncer: BeaconDevSync to a hash fetched from a peer), the only way to
// make a post-merge node sync without a consensus client.
func TestFollowOverDevp2p(t *testing.T) {
	o := devGenesis(genesis.ParsChainID, 0)
	dirA := t.TempDir()

	// Phase 1: A as a --dev node (a block per transaction) takes proofs.
	start := time.Now()
	devA := startDevIn(t, "A-dev", dirA, o, 0)
	txs, works := devA.submitProofs(t, o.ChainID, 3, uint64(time.Now().Unix()))
	devA.requireSuccess(t, txs)
	devA.settle(t)
	devHead := devA.stateAt(t, common.Hash{}, works)
	if devHead.Slots[precompile.WorkSlot(works[0], 2)] == (common.Hash{}) {
		t.Fatal("A: payee has no pending reward after 3 accepted proofs")
	}
	devA.stop()
	t.Logf("A --dev: 3 proofs in blocks up to #%d in %v", devHead.Number, time.Since(start).Round(time.Millisecond))

	// Phase 2: A reopened without --dev serves B over devp2p.
	a := startPlain(t, "A", dirA, o)
	if got := a.stateAt(t, common.Hash{}, works); got.Hash != devHead.Hash {
		t.Fatalf("A reopened at #%d %v, want #%d %v", got.Number, got.Hash, devHead.Number, devHead.Hash)
	}
	b := startPlain(t, "B", t.TempDir(), o)
	var added bool
	b.call(t, &added, "admin_addPeer", a.enode(t))
	b.waitEthPeer(t)
	a.waitEthPeer(t)

	syncStart := time.Now()
	// debug_sync returns once the sync has started: the syncer first
	// fetches the target header from a peer, retrying for up to ~55 s.
	if err := b.tryWithin(syncWait, nil, "debug_sync", devHead.Hash); err != nil {
		t.Fatalf("B: %v", err)
	}
	b.waitHead(t, devHead.Hash, syncWait)
	t.Logf("B synced to #%d over devp2p in %v", devHead.Number, time.Since(syncStart).Round(time.Millisecond))
	sameState(t, "after sync of A's --dev chain", devHead, b.stateAt(t, common.Hash{}, works))
	for _, w := range works {
		if !b.isSpent(t, w) {
			t.Errorf("B: work %x not spent", w)
		}
	}

	// Phase 3: A adds blocks with more proofs while B is connected; B
	// follows to the new head.
	txs2, works2 := a.submitProofs(t, o.ChainID, 4, uint64(time.Now().Unix()))
	a.waitPending(t, len(txs2))
	a.commitBlock(t, 0)
	txs3, works3 := a.submitProofs(t, o.ChainID, 2, uint64(time.Now().Unix()))
	a.waitPending(t, len(txs3))
	head := a.commitBlock(t, 0)
	a.requireSuccess(t, append(txs2, txs3...))
	all := append(append(append([]proof.Hash{}, works...), works2...), works3...)
	want := a.stateAt(t, head, all)

	syncStart = time.Now()
	if err := b.tryWithin(syncWait, nil, "debug_sync", head); err != nil {
		t.Fatalf("B: %v", err)
	}
	b.waitHead(t, head, syncWait)
	t.Logf("B followed to #%d in %v", want.Number, time.Since(syncStart).Round(time.Millisecond))
	sameState(t, "after following A's new blocks", want, b.stateAt(t, common.Hash{}, all))
	// B executed the blocks itself: it has the receipts, with 0x0300's logs.
	for _, tx := range append(txs2, txs3...) {
		r := b.receipt(t, tx.Hash())
		if r.Status != 1 || len(r.Logs) == 0 {
			t.Errorf("B: receipt of %v: status %d, %d logs", tx.Hash(), r.Status, len(r.Logs))
		}
	}
	for _, w := range all {
		if !b.isSpent(t, w) {
			t.Errorf("B: work %x not spent", w)
		}
	}

	// Phase 4: a third node C is told its target at start: --synctarget
	// with A as a static peer (a --config file; --bootnodes is not dialled
	// under --nodiscover). The syncer blocks node start-up until a peer
	// serves the target header.
	cfg := filepath.Join(t.TempDir(), "static.toml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("[Node.P2P]\nStaticNodes = [%q]\n", a.enode(t))), 0o644); err != nil {
		t.Fatal(err)
	}
	syncStart = time.Now()
	c := startPlain(t, "C", t.TempDir(), o, "--config", cfg, "--synctarget", head.Hex())
	c.waitHead(t, head, syncWait)
	t.Logf("C synced to #%d with --synctarget in %v (start included)", want.Number, time.Since(syncStart).Round(time.Millisecond))
	sameState(t, "C after --synctarget", want, c.stateAt(t, common.Hash{}, all))
}
