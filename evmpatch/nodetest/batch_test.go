package nodetest

import (
	"crypto/rand"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// newBatch signs a batch of n built-in items with sequence numbers from
// first, for chain, with the tests' miner key.
func newBatch(t *testing.T, chain uint32, first uint64, n int, timestamp uint64) []byte {
	t.Helper()
	items := make([]proof.BatchItem, n)
	for i := range items {
		items[i] = proof.BatchItem{
			Seq: first + uint64(i), JobID: proof.Hash{1}, ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.Hash{3},
			DeviceID: proof.Hash{4}, Timestamp: timestamp, OutputHash: proof.HashOutput([]byte("output")),
			InputTokens: 60, OutputTokens: 24,
		}
		if _, err := rand.Read(items[i].Nonce[:]); err != nil {
			t.Fatal(err)
		}
	}
	h, err := proof.SignBatch(minerKey(t), chain, payee, items, true)
	if err != nil {
		t.Fatal(err)
	}
	in, err := precompile.ABI().Pack("submitWorkBatch", h.Encode(), proof.EncodeBatchItems(items))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestBatchDoublePayOnRealNode: a batch of Pars work is accepted by
// pars-geth (one WorkBatchAccepted, the items' bits set, the reward
// pending under the batch id), refused on Zoo with WrongChain, and refused
// on Pars a second time with BatchItemFailed(0, ItemAlreadySpent); the
// refused transactions leave 0x0300's storage as it was.
func TestBatchDoublePayOnRealNode(t *testing.T) {
	pars := startDev(t, "pars", devGenesis(genesis.ParsChainID, 0), 0)
	zoo := startDev(t, "zoo", devGenesis(genesis.ZooChainID, 0), 0)
	data := newBatch(t, genesis.ParsChainID, 1000, 16, uint64(time.Now().Unix()))

	r := pars.requireSuccess(t, []*types.Transaction{pars.sendTx(t, data, -1)})[0]
	if len(r.Logs) != 1 || r.Logs[0].Topics[0] != precompile.ABI().Events["WorkBatchAccepted"].ID {
		t.Fatalf("pars: receipt logs %+v, want one WorkBatchAccepted", r.Logs)
	}
	batchID := proof.Hash(r.Logs[0].Topics[1])
	vals, err := precompile.ABI().Events["WorkBatchAccepted"].Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	if vals[0].(uint64) != 1000 || vals[1].(uint64) != 1015 || vals[2].(uint16) != 16 || vals[4].(*big.Int).Sign() <= 0 {
		t.Fatalf("pars: WorkBatchAccepted %v", vals)
	}
	head := pars.header(t, nil).Hash()
	miner := minerKey(t).Public().ID()
	word := precompile.SeqSlot(genesis.ParsChainID, miner, 1000>>8)
	if got := pars.storageAt(t, word, head).Big(); got.Cmp(new(big.Int).Lsh(big.NewInt(0xffff), 1000&0xff)) != 0 {
		t.Fatalf("pars: bitmap word %x, want bits 1000..1015", got)
	}
	if got := pars.storageAt(t, precompile.WorkSlot(batchID, 2), head).Big(); got.Cmp(vals[4].(*big.Int)) != 0 {
		t.Fatalf("pars: pending %v, want %v", got, vals[4])
	}
	t.Logf("16 items in one transaction: %d gas, %d per item", r.GasUsed, r.GasUsed/16)
	parsAfter := pars.stateAt(t, common.Hash{}, nil)

	// Zoo: WrongChain, nothing stored.
	_, rev, err := zoo.callPrecompile(t, data, nil)
	if err == nil || rev == nil || rev.Name != "WrongChain" {
		t.Fatalf("zoo: eth_call: err %v, revert %v; want WrongChain", err, rev)
	}
	zooBefore := zoo.stateAt(t, common.Hash{}, nil)
	if r := zoo.receipt(t, zoo.sendTx(t, data, -1).Hash()); r.Status != types.ReceiptStatusFailed {
		t.Fatalf("zoo: status %d, want a failed transaction", r.Status)
	}
	if after := zoo.stateAt(t, common.Hash{}, nil); after.Proof.StorageHash != zooBefore.Proof.StorageHash {
		t.Error("zoo: 0x0300 storage changed by a refused batch")
	}

	// Pars again: the first item is spent.
	_, rev, err = pars.callPrecompile(t, data, nil)
	if err == nil || rev == nil || rev.Name != "BatchItemFailed" {
		t.Fatalf("pars: second eth_call: err %v, revert %v; want BatchItemFailed", err, rev)
	}
	inner, derr := precompile.DecodeRevert(rev.Args[1].([]byte))
	if derr != nil || inner.Name != "ItemAlreadySpent" || rev.Args[0].(*big.Int).Sign() != 0 {
		t.Fatalf("pars: second submission refused with %v / %v, want item 0 ItemAlreadySpent", rev, inner)
	}
	if r := pars.receipt(t, pars.sendTx(t, data, -1).Hash()); r.Status != types.ReceiptStatusFailed || len(r.Logs) != 0 {
		t.Fatalf("pars: second submission status %d, %d logs; want a failed transaction", r.Status, len(r.Logs))
	}
	if again := pars.stateAt(t, common.Hash{}, nil); again.Proof.StorageHash != parsAfter.Proof.StorageHash {
		t.Error("pars: 0x0300 storage changed by the double pay")
	}
}
