package adapter_test

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/spentset"
)

// payee is the beneficiary of the proofs submitted in these tests.
var payee = common.HexToAddress("0x00000000000000000000000000000000000000cc")

// signedProof returns submitWorkProof calldata for a fresh ML-DSA-65 proof
// bound to the Pars chain at timestamp, and its work id.
func signedProof(t *testing.T, n byte, timestamp uint64) ([]byte, proof.Hash) {
	t.Helper()
	sk := upgradeMinerKey(t)
	p := &proof.AIWorkProof{
		Context: proof.WorkContext{
			ChainID: genesis.ParsChainID, JobID: proof.Hash{1}, ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.Hash{3},
			DeviceID: proof.Hash{4}, Nonce: proof.Hash{n}, Timestamp: timestamp,
		},
		Beneficiary:  payee,
		OutputHash:   proof.HashOutput([]byte("output")),
		InputTokens:  60,
		OutputTokens: 24,
	}
	if err := p.Sign(sk, true); err != nil {
		t.Fatal(err)
	}
	in, err := precompile.ABI().Pack("submitWorkProof", p.Encode(), []byte{})
	if err != nil {
		t.Fatal(err)
	}
	return in, p.WorkID()
}

// upgradeMinerKey is the key that signs the upgrade test's proofs.
func upgradeMinerKey(t *testing.T) *proof.PrivateKey {
	t.Helper()
	sk, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{0: 0x65, 1: 12})
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

// TestUpgradeInstallsAccountsAtActivation upgrades a chain that has no
// 0x0300 (nor probe) account in its genesis, as an existing chain that
// adds parsAIMiningTime does. Before activation both addresses are empty
// accounts, and calls to them are plain calls to nothing. The first block at
// or after activation installs 0x0300 (nonce 1, code marker, the initial
// parameters from the chain config) and the probe, before its first
// transaction. Proofs and probe writes from then on persist across later
// blocks (EIP-158 would wipe the storage of an empty account at the end of
// each transaction), and a fresh chain importing the blocks reaches the
// same state roots.
func TestUpgradeInstallsAccountsAtActivation(t *testing.T) {
	key, _ := crypto.GenerateKey()
	sender := crypto.PubkeyToAddress(key.PublicKey)
	gspec, err := genesis.New(genesis.Options{
		ChainID: genesis.ParsChainID, ActivationTime: activation, Governance: sender,
		Alloc:               types.GenesisAlloc{sender: {Balance: new(big.Int).Mul(precompile.DefaultMinBond.ToBig(), big.NewInt(10))}},
		InstallAtActivation: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := gspec.Alloc[precompile.Address]; ok {
		t.Fatal("the genesis has a 0x0300 entry")
	}
	wantAccount, err := precompile.GenesisAccount(precompile.DefaultParams(sender))
	if err != nil {
		t.Fatal(err)
	}
	signer := types.LatestSigner(gspec.Config)
	const txGas = 1_000_000
	valueTx := func(b *core.BlockGen, to common.Address, value *big.Int, data []byte) {
		b.AddTx(types.MustSignNewTx(key, signer, &types.DynamicFeeTx{
			ChainID: gspec.Config.ChainID, Nonce: b.TxNonce(sender), To: &to, Gas: txGas,
			GasFeeCap: big.NewInt(1e10), GasTipCap: big.NewInt(1), Value: value, Data: data,
		}))
	}
	tx := func(b *core.BlockGen, to common.Address, data []byte) { valueTx(b, to, nil, data) }
	// Work earns only bonded: the activation block bonds the miner first.
	bondIn, err := precompile.ABI().Pack("bond", [32]byte(upgradeMinerKey(t).Public().ID()))
	if err != nil {
		t.Fatal(err)
	}
	const activationBlock = 3
	var works []proof.Hash
	const blocksN = 5 // t = 10 … 50; activation between blocks 2 and 3
	_, blocks, receipts := core.GenerateChainWithGenesis(gspec, beacon.New(ethash.NewFaker()), blocksN, func(i int, b *core.BlockGen) {
		in, w := signedProof(t, byte(i), b.Timestamp())
		works = append(works, w)
		if b.Number().Uint64() == activationBlock {
			valueTx(b, precompile.Address, precompile.DefaultMinBond.ToBig(), bondIn)
		}
		tx(b, precompile.Address, in)
		if i < 3 { // the probe writes up to the activation block only
			tx(b, probeAddr, []byte{opRecord})
		}
	})

	chain, err := core.NewBlockChain(rawdb.NewMemoryDatabase(), gspec, beacon.New(ethash.NewFaker()), core.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Stop()
	if n, err := chain.InsertChain(blocks); err != nil {
		t.Fatalf("insert block %d: %v", n, err)
	}
	for i, b := range blocks {
		if got := chain.GetBlockByNumber(b.NumberU64()); got == nil || got.Root() != b.Root() {
			t.Fatalf("block %d: imported chain differs", b.NumberU64())
		}
		st, err := chain.StateAt(b.Root(), b.Number(), b.Time())
		if err != nil {
			t.Fatal(err)
		}
		rs := receipts[i]
		if b.Time() < activation {
			for _, r := range rs {
				if r.Status != types.ReceiptStatusSuccessful || len(r.Logs) != 0 {
					t.Errorf("block %d (t=%d, before activation): status %d, %d logs; want a plain call to an empty account", b.NumberU64(), b.Time(), r.Status, len(r.Logs))
				}
			}
			if st.Exist(precompile.Address) || st.Exist(probeAddr) {
				t.Errorf("block %d (t=%d): 0x0300 or the probe exists before activation", b.NumberU64(), b.Time())
			}
			continue
		}
		first := 0
		if b.NumberU64() == activationBlock {
			if r := rs[0]; r.Status != types.ReceiptStatusSuccessful {
				t.Errorf("block %d: bond status %d", b.NumberU64(), r.Status)
			}
			first = 1
		}
		if r := rs[first]; r.Status != types.ReceiptStatusSuccessful || len(r.Logs) != 1 {
			t.Errorf("block %d (t=%d): submitWorkProof status %d, %d logs", b.NumberU64(), b.Time(), r.Status, len(r.Logs))
		}
		if b.NumberU64() == activationBlock {
			if r := rs[first+1]; r.Status != types.ReceiptStatusSuccessful || len(r.Logs) != 1 {
				t.Errorf("block 3: probe status %d, %d logs", r.Status, len(r.Logs))
			}
		}
		if st.GetNonce(precompile.Address) != 1 || !bytes.Equal(st.GetCode(precompile.Address), precompile.CodeMarker) {
			t.Errorf("block %d: 0x0300 nonce %d code %x; want 1 and the code marker", b.NumberU64(), st.GetNonce(precompile.Address), st.GetCode(precompile.Address))
		}
		for slot, v := range wantAccount.Storage {
			if got := st.GetState(precompile.Address, slot); got != v {
				t.Errorf("block %d: 0x0300 parameter slot %v = %v, want %v", b.NumberU64(), slot, got, v)
			}
		}
		for j, w := range works[:i+1] {
			if spent := st.GetState(precompile.Address, spentset.Slot(w)) != (common.Hash{}); spent != (blocks[j].Time() >= activation) {
				t.Errorf("block %d: work of block %d spent %v", b.NumberU64(), j+1, spent)
			}
		}
		if st.GetNonce(probeAddr) != 1 || st.GetState(probeAddr, probeSlot) != common.BytesToHash(sender.Bytes()) {
			t.Errorf("block %d: probe nonce %d, slot %v; want its write of block 3 kept", b.NumberU64(), st.GetNonce(probeAddr), st.GetState(probeAddr, probeSlot))
		}
	}
}
