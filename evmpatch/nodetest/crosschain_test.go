package nodetest

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// TestCrossChainDoubleSpend: a proof bound to Pars (6133) is accepted on a
// Pars node, refused on a Zoo node (200200) with WrongChain(200200, 6133),
// and refused when submitted to Pars a second time with AlreadySpent. The
// refused transactions are mined with status 0 and leave 0x0300's storage
// as it was.
func TestCrossChainDoubleSpend(t *testing.T) {
	pars := startDev(t, "pars", devGenesis(genesis.ParsChainID, 0), 0)
	zoo := startDev(t, "zoo", devGenesis(genesis.ZooChainID, 0), 0)

	p := newProof(t, genesis.ParsChainID, uint64(time.Now().Unix()))
	data := submitData(t, p)
	w := p.WorkID()
	pendingSlot := precompile.WorkSlot(w, 2) // the pending reward

	// Accepted on Pars. (No eth_call first: on a chain whose head is the
	// genesis block, eth_call runs at block number 0, where the spent set
	// refuses every proof.)
	r := pars.requireSuccess(t, []*types.Transaction{pars.sendTx(t, data, -1)})[0]
	if len(r.Logs) != 1 || r.Logs[0].Address != precompile.Address || r.Logs[0].Topics[1] != common.Hash(w) {
		t.Fatalf("pars: receipt logs %+v, want one WorkAccepted for %x", r.Logs, w)
	}
	vals, err := precompile.ABI().Events["WorkAccepted"].Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	reward := vals[1].(*big.Int)
	if reward.Sign() <= 0 {
		t.Fatalf("pars: reward %v", reward)
	}
	if !pars.isSpent(t, w) {
		t.Fatal("pars: work not spent after the accepted submission")
	}
	parsAfter := pars.stateAt(t, common.Hash{}, []proof.Hash{w})
	if got := parsAfter.Slots[pendingSlot].Big(); got.Cmp(reward) != 0 {
		t.Fatalf("pars: pending reward %v, want %v", got, reward)
	}

	// Refused on Zoo: eth_call reverts with WrongChain(200200, 6133) ...
	_, rev, err := zoo.callPrecompile(t, data, nil)
	if err == nil || rev == nil || rev.Name != "WrongChain" {
		t.Fatalf("zoo: eth_call: err %v, revert %v; want WrongChain", err, rev)
	}
	if exp, got := rev.Args[0].(*big.Int), rev.Args[1].(*big.Int); exp.Uint64() != genesis.ZooChainID || got.Uint64() != genesis.ParsChainID {
		t.Fatalf("zoo: %v, want WrongChain(200200, 6133)", rev)
	}
	// ... and the same submission in a transaction is mined with status 0.
	zooBefore := zoo.stateAt(t, common.Hash{}, nil)
	r = zoo.receipt(t, zoo.sendTx(t, data, -1).Hash())
	if r.Status != types.ReceiptStatusFailed || len(r.Logs) != 0 {
		t.Fatalf("zoo: status %d, %d logs; want a failed transaction", r.Status, len(r.Logs))
	}
	if r.GasUsed >= txGas {
		t.Errorf("zoo: gas used %d: a revert returns unused gas", r.GasUsed)
	}
	zooAfter := zoo.stateAt(t, common.Hash{}, nil)
	if zooAfter.Proof.StorageHash != zooBefore.Proof.StorageHash {
		t.Errorf("zoo: 0x0300 storage changed by a refused proof: %v -> %v", zooBefore.Proof.StorageHash, zooAfter.Proof.StorageHash)
	}
	if zoo.isSpent(t, w) {
		t.Error("zoo: work marked spent by a refused proof")
	}

	// Refused on Pars the second time: AlreadySpent(workId).
	_, rev, err = pars.callPrecompile(t, data, nil)
	if err == nil || rev == nil || rev.Name != "AlreadySpent" || rev.Args[0].([32]byte) != [32]byte(w) {
		t.Fatalf("pars: second eth_call: err %v, revert %v; want AlreadySpent(%x)", err, rev, w)
	}
	r = pars.receipt(t, pars.sendTx(t, data, -1).Hash())
	if r.Status != types.ReceiptStatusFailed || len(r.Logs) != 0 {
		t.Fatalf("pars: second submission status %d, %d logs; want a failed transaction", r.Status, len(r.Logs))
	}
	again := pars.stateAt(t, common.Hash{}, []proof.Hash{w})
	if again.Proof.StorageHash != parsAfter.Proof.StorageHash || again.Slots[pendingSlot] != parsAfter.Slots[pendingSlot] {
		t.Errorf("pars: 0x0300 storage changed by the double spend")
	}
	// The failed transaction's revert data, replayed at its block's parent.
	_, rev, _ = pars.callPrecompile(t, data, new(big.Int).Sub(r.BlockNumber, big.NewInt(1)))
	if rev == nil || rev.Name != "AlreadySpent" {
		t.Errorf("pars: replay at the parent of the failed block: %v", rev)
	}
}
