package minertest

import (
	"context"
	"math/big"
	"path/filepath"
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

// TestBatchItemRevealOnRealNode: on the real pars-geth, a batch of honest
// built-in jobs is drawn for audit (every piece of work is), the item the
// chain's view says the audit picks (eth_call on the latest block) is the
// one the reveal transaction must bring (the seed comes from the node's
// BLOCKHASH, in a call and in a block alike), and re-executing it clears
// the batch; another item is refused with WrongBatchItem.
func TestBatchItemRevealOnRealNode(t *testing.T) {
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth")
	}
	geth := nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make pars-geth")
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()

	gasKey, err := crypto.ToECDSA(crypto.Keccak256([]byte("pars batch audit test gas account")))
	if err != nil {
		t.Fatal(err)
	}
	var seed [proof.SeedSize]byte
	copy(seed[:], "pars batch audit test miner")
	key, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	if err != nil {
		t.Fatal(err)
	}
	gasAddr := crypto.PubkeyToAddress(gasKey.PublicKey)
	g := devnode.DevGenesis(chainID, devnode.Ether(1_000_000), gasAddr)
	params := precompile.DefaultParams(genesis.DevAddress)
	params.ShortWindows()
	// Blocks come each second: a reveal window of 30 leaves the test time
	// to read the pick and send the reveal.
	params.RevealWindow, params.ChallengeWindow = 30, 40
	params.UnbondingDelay = params.LongestAudit() + 1
	params.AuditProbabilityBps = proof.BasisPoints // every batch is audited
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
	ec := nodeharness.Dial(t, node.URL())
	c := &nodeharness.Client{Name: "pars-geth", EC: ec, ChainID: chainID, Gas: 5_000_000, Timeout: 10 * time.Second, Wait: 30 * time.Second}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}

	// Five honest built-in jobs, signed as one batch.
	const n = 5
	var (
		items   []proof.BatchItem
		leaves  []proof.Hash
		ins     [][]byte
		outs    [][]byte
		encoded [][]byte
	)
	for i := range n {
		in := []byte("batch audit job " + string(rune('a'+i)))
		out, err := builtin.Default().Generate(ctx, in, 16)
		if err != nil {
			t.Fatal(err)
		}
		wc := proof.WorkContext{ChainID: chainID, JobID: proof.Hash{byte(i)}, ModelHash: builtin.Default().Hash(), InputHash: proof.HashInput(in),
			DeviceID: proof.Hash{1}, Nonce: proof.DomainInput.Sum(in), Timestamp: head.Time}
		it := proof.NewBatchItem(uint64(i+1), &wc, proof.HashOutput(out), uint32(len(in)), uint32(len(out)))
		items, leaves, ins, outs = append(items, it), append(leaves, it.Leaf()), append(ins, in), append(outs, out)
		encoded = append(encoded, it.Encode())
	}
	h, err := proof.SignBatch(key, chainID, gasAddr, items, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Send(t, gasKey, nodeharness.Pack(t, "submitWorkBatch", h.Encode(), proof.EncodeBatchItems(items)))[0]; r.Status != 1 {
		t.Fatalf("submitWorkBatch failed in block %v", r.BlockNumber)
	}
	id := [32]byte(h.ID())

	// Once the seed's blocks are mined, the view names the audited item.
	var pick uint16
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, rev, err := c.Call(t, nodeharness.Pack(t, "auditedBatchItem", id, h.Count), nil)
		if err == nil {
			v, err := precompile.ABI().Unpack("auditedBatchItem", out)
			if err != nil {
				t.Fatal(err)
			}
			pick = v[0].(uint16)
			break
		}
		if rev == nil || (rev.Name != "NotUnderAudit" && rev.Name != "RevealTooEarly") {
			t.Fatalf("auditedBatchItem: %v %v", rev, err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("no item picked within 30 s: %v", rev)
		}
		time.Sleep(300 * time.Millisecond)
	}
	reveal := func(i uint16) []byte {
		path, err := proof.BatchPath(leaves, int(i))
		if err != nil {
			t.Fatal(err)
		}
		sib := make([][32]byte, len(path))
		for k := range path {
			sib[k] = [32]byte(path[k])
		}
		return nodeharness.Pack(t, "revealBatchItem", id, h.Count, [32]byte(h.Root), i, encoded[i], sib, ins[i], outs[i])
	}
	other := (pick + 1) % n
	if _, rev, _ := c.Call(t, reveal(other), nil); rev == nil || rev.Name != "WrongBatchItem" {
		t.Fatalf("reveal of item %d (the audit picked %d): %v, want WrongBatchItem", other, pick, rev)
	}
	if _, rev, err := c.Call(t, reveal(pick), nil); rev != nil || err != nil {
		t.Fatalf("eth_call of the reveal of item %d: %v %v", pick, rev, err)
	}
	r := c.Send(t, gasKey, reveal(pick))[0]
	if r.Status != 1 {
		out, rev, err := c.Call(t, reveal(pick), new(big.Int).Sub(r.BlockNumber, big.NewInt(1)))
		t.Fatalf("revealBatchItem of item %d failed in block %v (gas %d); replayed on its parent: %x %v %v", pick, r.BlockNumber, r.GasUsed, out, rev, err)
	}
	if st := c.View(t, "pendingWork", id)[0].(uint8); st != 6 {
		t.Fatalf("batch status %d after the reveal, want 6 (cleared)", st)
	}
	t.Logf("batch of %d: item %d revealed and re-executed in block %v, gas %d", n, pick, r.BlockNumber, r.GasUsed)
}
