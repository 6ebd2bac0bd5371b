package adapter_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/forkid"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
)

// activation falls between blocks 2 (t=20) and 3 (t=30): GenerateChain
// spaces blocks 10 s apart from a genesis at t=0.
const activation = 25

func TestChainActivationReceiptsAndReplay(t *testing.T) {
	key, _ := crypto.GenerateKey()
	sender := crypto.PubkeyToAddress(key.PublicKey)
	gspec, err := genesis.New(genesis.Options{
		ChainID: genesis.ParsChainID, ActivationTime: activation, Governance: sender,
		Alloc: types.GenesisAlloc{
			sender:    {Balance: big.NewInt(1e18)},
			fwdCall:   {Nonce: 1, Code: forwarder(vm.CALL, probeAddr), Balance: new(big.Int)},
			probeAddr: {Nonce: 1, Code: []byte{0xfe}, Balance: new(big.Int)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	signer := types.LatestSigner(gspec.Config)
	const txGas = 200_000
	tx := func(b *core.BlockGen, to common.Address, data []byte) {
		b.AddTx(types.MustSignNewTx(key, signer, &types.DynamicFeeTx{
			ChainID: gspec.Config.ChainID, Nonce: b.TxNonce(sender), To: &to, Gas: txGas,
			GasFeeCap: big.NewInt(1e10), GasTipCap: big.NewInt(1), Data: data,
		}))
	}
	theProbe.reset()
	_, blocks, receipts := core.GenerateChainWithGenesis(gspec, beacon.New(ethash.NewFaker()), 4, func(i int, b *core.BlockGen) {
		tx(b, fwdCall, []byte{opRecord})
		tx(b, precompile.Address, []byte{0x12, 0x34, 0x56, 0x78})
	})
	if len(theProbe.seen) != 2 {
		t.Fatalf("probe ran %d times while generating, want 2 (blocks 3 and 4)", len(theProbe.seen))
	}
	for i, b := range blocks {
		live := b.Time() >= activation
		probeRcpt, mainRcpt := receipts[i][0], receipts[i][1]
		if live {
			if probeRcpt.Status != types.ReceiptStatusSuccessful || len(probeRcpt.Logs) != 1 {
				t.Fatalf("block %d (t=%d): status %d, %d logs", b.NumberU64(), b.Time(), probeRcpt.Status, len(probeRcpt.Logs))
			}
			l := probeRcpt.Logs[0]
			if l.Address != probeAddr || l.Topics[1] != common.BytesToHash(fwdCall.Bytes()) || l.BlockNumber != b.NumberU64() {
				t.Errorf("block %d: log %+v", b.NumberU64(), l)
			}
			// The real precompile reverts an unknown selector: some gas
			// comes back, unlike the INVALID marker below.
			if mainRcpt.Status != types.ReceiptStatusFailed || mainRcpt.GasUsed >= txGas {
				t.Errorf("block %d: 0x0300 status %d gas %d, want a revert", b.NumberU64(), mainRcpt.Status, mainRcpt.GasUsed)
			}
		} else {
			// Inert: the code marker runs and fails with INVALID (all gas burnt).
			if probeRcpt.Status != types.ReceiptStatusFailed || len(probeRcpt.Logs) != 0 {
				t.Errorf("block %d (t=%d): inert probe status %d logs %d", b.NumberU64(), b.Time(), probeRcpt.Status, len(probeRcpt.Logs))
			}
			if mainRcpt.Status != types.ReceiptStatusFailed || mainRcpt.GasUsed != txGas {
				t.Errorf("block %d: inert 0x0300 status %d gas %d", b.NumberU64(), mainRcpt.Status, mainRcpt.GasUsed)
			}
		}
	}
	// The probe's gas is in the receipt.
	if used := receipts[2][0].GasUsed; used < params.TxGas+probeGas {
		t.Errorf("live receipt gas %d does not include the probe's %d", used, probeGas)
	}

	// Replay the blocks on a fresh node with a tracer attached.
	var charges []uint64
	cfg := core.DefaultConfig()
	cfg.VmConfig.Tracer = &tracing.Hooks{OnGasChange: func(old, new uint64, reason tracing.GasChangeReason) {
		if reason == tracing.GasChangeCallPrecompiledContract && old-new == probeGas {
			charges = append(charges, old-new)
		}
	}}
	chain, err := core.NewBlockChain(rawdb.NewMemoryDatabase(), gspec, beacon.New(ethash.NewFaker()), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Stop()
	if n, err := chain.InsertChain(blocks); err != nil {
		t.Fatalf("insert block %d: %v", n, err)
	}
	if len(charges) != 2 {
		t.Errorf("tracer saw %d probe charges, want 2", len(charges))
	}
	st, err := chain.State()
	if err != nil {
		t.Fatal(err)
	}
	if got := st.GetState(probeAddr, probeSlot); got != common.BytesToHash(fwdCall.Bytes()) {
		t.Errorf("probe storage after replay = %v (the nonce+code marker keeps it from EIP-158 clearing)", got)
	}
	if st.GetNonce(precompile.Address) != 1 || st.GetCodeSize(precompile.Address) != 1 {
		t.Error("0x0300 lost its nonce or code marker")
	}
	got := chain.GetReceiptsByHash(blocks[3].Hash())
	if len(got) != 2 || len(got[0].Logs) != 1 || got[0].GasUsed != receipts[3][0].GasUsed {
		t.Errorf("stored receipts differ from generated ones")
	}
}

func TestForkID(t *testing.T) {
	gspec, err := genesis.New(genesis.Options{ChainID: genesis.ParsChainID, ActivationTime: activation, Governance: origin})
	if err != nil {
		t.Fatal(err)
	}
	block := gspec.ToBlock()
	without := *gspec.Config
	without.ParsAIMiningTime = nil
	before := forkid.NewID(gspec.Config, block, 0, 0)
	if before == forkid.NewID(&without, block, 0, 0) {
		t.Error("fork id ignores parsAIMiningTime")
	}
	if before.Next != activation {
		t.Errorf("fork id next = %d, want %d", before.Next, activation)
	}
	if after := forkid.NewID(gspec.Config, block, 3, activation); after.Hash == before.Hash || after.Next != 0 {
		t.Errorf("fork id does not move at activation: %v -> %v", before, after)
	}
}

func TestForkTimeCompatibility(t *testing.T) {
	cfg := chainConfig(t, activation)
	moved := *cfg
	later := uint64(activation + 100)
	moved.ParsAIMiningTime = &later
	if err := cfg.CheckCompatible(&moved, 3, activation+10); err == nil {
		t.Error("moving parsAIMiningTime after the head passed it was accepted")
	}
	if err := cfg.CheckCompatible(&moved, 1, activation-10); err != nil {
		t.Errorf("moving a future parsAIMiningTime refused: %v", err)
	}
}
