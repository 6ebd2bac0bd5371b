package adapter_test

import (
	"crypto/ecdsa"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
)

// ecrecoverAddr is the stateless precompile 0x01, the reference for how
// EIP-7702 treats a delegation to a precompile: the code run is empty.
var ecrecoverAddr = common.BytesToAddress([]byte{1})

// TestDelegationToStatefulPrecompileIsEmptyCode: an account whose EIP-7702
// delegation designator points at an active stateful precompile runs empty
// code, exactly as a delegation to 0x01 does. It must neither execute the
// 0xfe code marker (INVALID, all gas burnt) nor run the precompile with the
// delegating account as its address. Each call type reaches the account.
func TestDelegationToStatefulPrecompileIsEmptyCode(t *testing.T) {
	h := newHarness(t, chainConfig(t, 0), 100, nil)
	h.state.SetNonce(precompile.Address, 1, tracing.NonceChangeUnspecified)
	h.state.SetCode(precompile.Address, precompile.CodeMarker, tracing.CodeChangeUnspecified)
	delegators := map[common.Address]common.Address{}
	for i, target := range []common.Address{ecrecoverAddr, precompile.Address, probeAddr} {
		eoa := common.BytesToAddress([]byte{0x77, byte(i + 1)})
		h.state.SetCode(eoa, types.AddressToDelegation(target), tracing.CodeChangeUnspecified)
		delegators[target] = eoa
	}
	for _, target := range []common.Address{precompile.Address, probeAddr, ecrecoverAddr} {
		eoa := delegators[target]
		for _, tc := range []struct {
			name string
			call func() ([]byte, vm.GasBudget, error)
		}{
			{"CALL", func() ([]byte, vm.GasBudget, error) {
				return h.evm.Call(origin, eoa, []byte{opRecord}, vm.NewGasBudget(callGas, 0), uint256.NewInt(0))
			}},
			{"STATICCALL", func() ([]byte, vm.GasBudget, error) {
				return h.evm.StaticCall(origin, eoa, []byte{opRecord}, vm.NewGasBudget(callGas, 0))
			}},
			{"DELEGATECALL", func() ([]byte, vm.GasBudget, error) {
				return h.evm.DelegateCall(origin, fwdCall, eoa, []byte{opRecord}, vm.NewGasBudget(callGas, 0), uint256.NewInt(0))
			}},
			{"CALLCODE", func() ([]byte, vm.GasBudget, error) {
				return h.evm.CallCode(origin, eoa, []byte{opRecord}, vm.NewGasBudget(callGas, 0), uint256.NewInt(0))
			}},
		} {
			theProbe.reset()
			ret, left, err := tc.call()
			if err != nil || len(ret) != 0 || left.ExecutionGas != callGas {
				t.Errorf("%s to an account delegating to %v: ret %x, gas used %d, err %v; want empty code (no data, no gas, no error)",
					tc.name, target, ret, callGas-left.ExecutionGas, err)
			}
			if len(theProbe.seen) != 0 {
				t.Errorf("%s to an account delegating to %v ran the probe: %+v", tc.name, target, theProbe.seen)
			}
		}
	}
	if v := h.state.GetState(delegators[probeAddr], probeSlot); v != (common.Hash{}) {
		t.Errorf("the delegating account got the probe's write: %v", v)
	}
}

// TestSetCodeTxDelegatingToPrecompile sends real EIP-7702 (type 4)
// transactions on a chain: three accounts delegate to 0x01, 0x0300 and the
// probe, then each is called with the same data. Before parsAIMiningTime
// 0x0300 and the probe are plain accounts whose code marker runs (INVALID,
// all gas burnt, as for a direct call). From activation on, the calls
// succeed with the gas of the call to the 0x01 delegator, and no precompile
// runs. A fresh chain importing the blocks reaches the same state.
func TestSetCodeTxDelegatingToPrecompile(t *testing.T) {
	key, _ := crypto.GenerateKey()
	sender := crypto.PubkeyToAddress(key.PublicKey)
	targets := []common.Address{ecrecoverAddr, precompile.Address, probeAddr}
	authorities := make([]*ecdsa.PrivateKey, len(targets))
	for i := range authorities {
		authorities[i], _ = crypto.GenerateKey()
	}
	gspec, err := genesis.New(genesis.Options{
		ChainID: genesis.ParsChainID, ActivationTime: activation, Governance: sender,
		Alloc: types.GenesisAlloc{
			sender:    {Balance: big.NewInt(1e18)},
			probeAddr: {Nonce: 1, Code: []byte{0xfe}, Balance: new(big.Int)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	chainID := uint256.MustFromBig(gspec.Config.ChainID)
	signer := types.LatestSigner(gspec.Config)
	const txGas = 100_000
	input := []byte{opRecord, 0x12, 0x34}
	theProbe.reset()
	_, blocks, receipts := core.GenerateChainWithGenesis(gspec, beacon.New(ethash.NewFaker()), 4, func(i int, b *core.BlockGen) {
		if i == 0 {
			var auths []types.SetCodeAuthorization
			for j, target := range targets {
				a, err := types.SignSetCode(authorities[j], types.SetCodeAuthorization{ChainID: *chainID, Address: target})
				if err != nil {
					t.Fatal(err)
				}
				auths = append(auths, a)
			}
			b.AddTx(types.MustSignNewTx(key, signer, &types.SetCodeTx{
				ChainID: chainID, Nonce: b.TxNonce(sender), To: sender, Gas: 500_000,
				GasFeeCap: uint256.NewInt(1e10), GasTipCap: uint256.NewInt(1), AuthList: auths,
			}))
			return
		}
		for _, a := range authorities {
			to := crypto.PubkeyToAddress(a.PublicKey)
			b.AddTx(types.MustSignNewTx(key, signer, &types.DynamicFeeTx{
				ChainID: gspec.Config.ChainID, Nonce: b.TxNonce(sender), To: &to, Gas: txGas,
				GasFeeCap: big.NewInt(1e10), GasTipCap: big.NewInt(1), Data: input,
			}))
		}
	})
	if r := receipts[0][0]; r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("SetCode transaction failed: %+v", r)
	}
	if len(theProbe.seen) != 0 {
		t.Errorf("the probe ran %d times for calls to a delegating account", len(theProbe.seen))
	}
	for i := 1; i < len(blocks); i++ {
		b, rs := blocks[i], receipts[i]
		ref := rs[0] // the account delegating to 0x01
		if ref.Status != types.ReceiptStatusSuccessful || ref.GasUsed >= txGas {
			t.Fatalf("block %d: call to the 0x01 delegator: status %d gas %d", b.NumberU64(), ref.Status, ref.GasUsed)
		}
		for j, target := range targets[1:] {
			r := rs[j+1]
			if b.Time() < activation {
				if r.Status != types.ReceiptStatusFailed || r.GasUsed != txGas {
					t.Errorf("block %d (t=%d, inert): delegation to %v: status %d gas %d, want the code marker's INVALID", b.NumberU64(), b.Time(), target, r.Status, r.GasUsed)
				}
				continue
			}
			if r.Status != types.ReceiptStatusSuccessful || r.GasUsed != ref.GasUsed || len(r.Logs) != 0 {
				t.Errorf("block %d (t=%d): delegation to %v: status %d gas %d logs %d; want status 1 and gas %d like the 0x01 delegation",
					b.NumberU64(), b.Time(), target, r.Status, r.GasUsed, len(r.Logs), ref.GasUsed)
			}
		}
	}

	chain, err := core.NewBlockChain(rawdb.NewMemoryDatabase(), gspec, beacon.New(ethash.NewFaker()), core.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Stop()
	if n, err := chain.InsertChain(blocks); err != nil {
		t.Fatalf("insert block %d: %v", n, err)
	}
	st, err := chain.State()
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range authorities {
		addr := crypto.PubkeyToAddress(a.PublicKey)
		if got, ok := types.ParseDelegation(st.GetCode(addr)); !ok || got != targets[i] {
			t.Errorf("%v delegates to %v, want %v", addr, got, targets[i])
		}
		if v := st.GetState(addr, probeSlot); v != (common.Hash{}) {
			t.Errorf("%v has the probe's write", addr)
		}
	}
}
