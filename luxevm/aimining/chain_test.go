package aimining_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/ava-labs/avalanchego/graft/subnet-evm/core"
	sim "github.com/ava-labs/avalanchego/graft/subnet-evm/ethclient/simulated"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/params"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/params/extras"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/plugin/evm/customtypes"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/precompileconfig"
	ethereum "github.com/ava-labs/libevm"
	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/core/types"
	"github.com/ava-labs/libevm/crypto"
	"github.com/pars-network/aimining/luxevm/aimining"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// parsChainID is the chain id of the test chains (Pars).
const parsChainID = 6133

func TestMain(m *testing.M) {
	core.RegisterExtras()
	customtypes.Register()
	params.RegisterExtras()
	m.Run()
}

var (
	senderKey, _ = crypto.HexToECDSA("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8")
	sender       = crypto.PubkeyToAddress(senderKey.PublicKey)
	gov          = common.HexToAddress("0x00000000000000000000000000000000000000aa")
	payee        = common.HexToAddress("0x00000000000000000000000000000000000000cc")
	// A thousand million coins: enough to bond and pay gas in every test.
	fund = new(big.Int).Mul(big.NewInt(1_000_000_000), big.NewInt(1e18))
)

// chain is an in-process subnet-evm node (core.BlockChain, miner, tx pool,
// the real EVM and StateDB) on chain 6133, driven through its ethclient.
type chain struct {
	t       *testing.T
	backend *sim.Backend
	client  sim.Client
	signer  types.Signer
}

// newChain starts a chain whose genesis activates the given precompile
// configs, with sender funded and code at the given addresses.
func newChain(t *testing.T, code map[common.Address][]byte, cfgs ...precompileconfig.Config) *chain {
	t.Helper()
	return newUpgradedChain(t, code, nil, cfgs...)
}

// newUpgradedChain is newChain with precompile upgrades (as upgrade.json's
// precompileUpgrades) in the chain config.
func newUpgradedChain(t *testing.T, code map[common.Address][]byte, upgrades []precompileconfig.Config, cfgs ...precompileconfig.Config) *chain {
	t.Helper()
	cc := params.Copy(params.TestChainConfig)
	cc.ChainID = big.NewInt(parsChainID)
	extra := params.GetExtra(&cc)
	extra.GenesisPrecompiles = extras.Precompiles{}
	for _, c := range cfgs {
		extra.GenesisPrecompiles[c.Key()] = c
	}
	for _, u := range upgrades {
		extra.PrecompileUpgrades = append(extra.PrecompileUpgrades, extras.PrecompileUpgrade{Config: u})
	}
	alloc := types.GenesisAlloc{sender: {Balance: fund}}
	for a, c := range code {
		alloc[a] = types.Account{Code: c, Nonce: 1, Balance: new(big.Int)}
	}
	b := sim.NewBackend(alloc, sim.WithChainConfig(&cc))
	t.Cleanup(func() { _ = b.Close() })
	return &chain{t: t, backend: b, client: b.Client(), signer: types.LatestSignerForChainID(cc.ChainID)}
}

func (c *chain) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	c.t.Cleanup(cancel)
	return ctx
}

// send signs and sends a transaction from key, commits a block and returns
// the receipt.
func (c *chain) send(key *ecdsa.PrivateKey, to common.Address, value *big.Int, gas uint64, data []byte) *types.Receipt {
	c.t.Helper()
	ctx := c.ctx()
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := c.client.NonceAt(ctx, from, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	price, err := c.client.SuggestGasPrice(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	if value == nil {
		value = new(big.Int)
	}
	tx := types.MustSignNewTx(key, c.signer, &types.LegacyTx{
		Nonce: nonce, To: &to, Value: value, Gas: gas, GasPrice: new(big.Int).Mul(price, big.NewInt(2)), Data: data,
	})
	if err := c.client.SendTransaction(ctx, tx); err != nil {
		c.t.Fatalf("send: %v", err)
	}
	c.backend.Commit(true)
	r, err := c.client.TransactionReceipt(ctx, tx.Hash())
	if err != nil {
		c.t.Fatalf("receipt: %v", err)
	}
	return r
}

// call runs an eth_call from sender at the head and returns the output or
// the revert data (with the error).
func (c *chain) call(to common.Address, data []byte) ([]byte, []byte, error) {
	c.t.Helper()
	out, err := c.client.CallContract(c.ctx(), ethereum.CallMsg{From: sender, To: &to, Data: data, Gas: 5_000_000}, nil)
	if err != nil {
		var de interface{ ErrorData() interface{} }
		if errors.As(err, &de) {
			if s, ok := de.ErrorData().(string); ok {
				return nil, common.FromHex(s), err
			}
		}
		return nil, nil, err
	}
	return out, nil, nil
}

func (c *chain) head() *types.Header {
	c.t.Helper()
	h, err := c.client.HeaderByNumber(c.ctx(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return h
}

// testModelHash names the model of test proofs, registered with 5e8
// parameters so that each output token is one compute unit.
var testModelHash = proof.Hash{2}

// testParams are the default parameters with governance gov, the test
// model registered and audit sampling off.
func testParams() precompile.Params {
	p := precompile.DefaultParams(gov)
	p.Models = append(p.Models, precompile.ModelSpec{
		Hash: testModelHash, Parameters: 500_000_000, Tokenizer: precompile.TokenizerBytes, BytesPerToken: 4,
		MaxInputTokens: 1 << 20, MaxOutputTokens: math.MaxUint32, Verifier: precompile.VerifierCommittee,
	})
	p.AuditProbabilityBps = 0
	return p
}

func miningConfig(t *testing.T, p precompile.Params) *aimining.Config {
	t.Helper()
	cfg, err := aimining.NewConfig(0, p)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func pack(t *testing.T, name string, args ...any) []byte {
	t.Helper()
	in, err := precompile.ABI().Pack(name, args...)
	if err != nil {
		t.Fatalf("pack %s: %v", name, err)
	}
	return in
}

func unpack(t *testing.T, name string, out []byte) []any {
	t.Helper()
	vals, err := precompile.ABI().Unpack(name, out)
	if err != nil {
		t.Fatalf("unpack %s: %v", name, err)
	}
	return vals
}

// revertName decodes IAIMining revert data to its custom error's name.
func revertName(t *testing.T, data []byte) string {
	t.Helper()
	r, err := precompile.DecodeRevert(data)
	if err != nil {
		t.Fatalf("revert data %x: %v", data, err)
	}
	return r.Name
}

func TestActivationInstallsGenesisAccount(t *testing.T) {
	p := testParams()
	bonder := common.HexToAddress("0x00000000000000000000000000000000000000bd")
	p.Bonds = []precompile.GenesisBond{{MinerID: proof.Hash{9}, Bonder: bonder, Amount: precompile.DefaultMinBond}}
	c := newChain(t, nil, miningConfig(t, p))
	want, err := precompile.GenesisAccount(p)
	if err != nil {
		t.Fatal(err)
	}
	ctx := c.ctx()
	code, err := c.client.CodeAt(ctx, precompile.Address, nil)
	if err != nil || string(code) != string(precompile.CodeMarker) {
		t.Fatalf("code at 0x0300 = %x (%v), want the marker %x", code, err, precompile.CodeMarker)
	}
	nonce, err := c.client.NonceAt(ctx, precompile.Address, nil)
	if err != nil || nonce != 1 {
		t.Fatalf("nonce = %d (%v), want 1", nonce, err)
	}
	bal, err := c.client.BalanceAt(ctx, precompile.Address, nil)
	if err != nil || bal.Cmp(want.Balance) != 0 {
		t.Fatalf("balance = %v (%v), want the bonds' sum %v", bal, err, want.Balance)
	}
	for slot, v := range want.Storage {
		got, err := c.client.StorageAt(ctx, precompile.Address, slot, nil)
		if err != nil || common.BytesToHash(got) != v {
			t.Fatalf("slot %v = %x (%v), want %v", slot, got, err, v)
		}
	}
	// The parameters read back through the precompile itself.
	out, _, err := c.call(precompile.Address, pack(t, "parameters"))
	if err != nil {
		t.Fatalf("parameters(): %v", err)
	}
	if got := unpack(t, "parameters", out); len(got) != 1 {
		t.Fatalf("parameters() = %v", got)
	}
}

// An upgrade activates 0x0300 in the first block at or after its time,
// installing the same account as at genesis, and a later one disables it.
func TestActivationAndDeactivationByUpgrade(t *testing.T) {
	p := testParams()
	on, err := aimining.NewConfig(15, p) // blocks come every 10 s from t=0
	if err != nil {
		t.Fatal(err)
	}
	c := newUpgradedChain(t, nil, []precompileconfig.Config{on, aimining.NewDisableConfig(45)})
	want, err := precompile.GenesisAccount(p)
	if err != nil {
		t.Fatal(err)
	}
	slot := precompile.ModelSlot(testModelHash)
	state := func() (code []byte, model common.Hash, time uint64) {
		ctx := c.ctx()
		code, err := c.client.CodeAt(ctx, precompile.Address, nil)
		if err != nil {
			t.Fatal(err)
		}
		v, err := c.client.StorageAt(ctx, precompile.Address, slot, nil)
		if err != nil {
			t.Fatal(err)
		}
		return code, common.BytesToHash(v), c.head().Time
	}
	seen := map[string]bool{}
	for range 8 {
		code, model, now := state()
		switch {
		case now < 15 || now >= 45:
			if len(code) != 0 || model != (common.Hash{}) {
				t.Fatalf("t=%d: 0x0300 holds code %x, model slot %v; want nothing outside 15..44", now, code, model)
			}
			seen["off"] = true
		default:
			if string(code) != string(precompile.CodeMarker) || model != want.Storage[slot] {
				t.Fatalf("t=%d: 0x0300 holds code %x, model slot %v; want the genesis account", now, code, model)
			}
			seen["on"] = true
		}
		c.send(senderKey, sender, nil, 21_000, nil) // one more block
	}
	if !seen["on"] || !seen["off"] {
		t.Fatalf("block times never crossed the upgrades: %v", seen)
	}
}

func TestConfigVerify(t *testing.T) {
	valid := miningConfig(t, testParams())
	noGov := testParams()
	noGov.Governance = common.Address{}
	for _, tc := range []struct {
		name string
		cfg  *aimining.Config
		ok   bool
	}{
		{"valid", valid, true},
		{"no governance", miningConfig(t, noGov), false},
		{"governance field", &aimining.Config{Upgrade: valid.Upgrade, Governance: &gov}, true},
		{"unknown field", &aimining.Config{Upgrade: valid.Upgrade, Governance: &gov, Params: []byte(`{"bogus":1}`)}, false},
		{"trailing data", &aimining.Config{Upgrade: valid.Upgrade, Governance: &gov, Params: []byte(`{} {}`)}, false},
		{"invalid params", &aimining.Config{Upgrade: valid.Upgrade, Governance: &gov, Params: []byte(`{"epochLength":0}`)}, false},
		{"disable", aimining.NewDisableConfig(5), true},
		{"disable with params", &aimining.Config{Upgrade: aimining.NewDisableConfig(5).Upgrade, Params: valid.Params}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Verify(nil)
			if (err == nil) != tc.ok {
				t.Fatalf("Verify = %v, want ok=%v", err, tc.ok)
			}
		})
	}
	if !valid.Equal(miningConfig(t, testParams())) {
		t.Error("equal configs differ")
	}
	other := testParams()
	other.EpochLength++
	if valid.Equal(miningConfig(t, other)) {
		t.Error("configs with different parameters are equal")
	}
	if valid.Equal(aimining.NewDisableConfig(0)) {
		t.Error("an activating config equals a disabling one")
	}
}

// makeProof signs a proof for the test model worth cu compute units,
// stamped at time ts.
func makeProof(t *testing.T, sk *proof.PrivateKey, cu uint64, ts uint64) *proof.AIWorkProof {
	t.Helper()
	p := &proof.AIWorkProof{
		Context: proof.WorkContext{
			ChainID: parsChainID, JobID: proof.Hash{1}, ModelHash: testModelHash, InputHash: proof.Hash{3},
			DeviceID: proof.Hash{4}, Nonce: proof.Hash{5, byte(cu), byte(cu >> 8)}, Timestamp: ts,
		},
		Beneficiary:  payee,
		OutputHash:   proof.HashOutput([]byte("output")),
		OutputTokens: uint32(cu),
	}
	if err := p.Sign(sk, true); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProofAcceptedThenRefusedAsSpent(t *testing.T) {
	c := newChain(t, nil, miningConfig(t, testParams()))
	sk, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{1})
	if err != nil {
		t.Fatal(err)
	}
	minerID := sk.Public().ID()
	bond := new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(1e18))
	if r := c.send(senderKey, precompile.Address, bond, 300_000, pack(t, "bond", [32]byte(minerID))); r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("bond: status %d", r.Status)
	}
	if bal, _ := c.client.BalanceAt(c.ctx(), precompile.Address, nil); bal.Cmp(bond) != 0 {
		t.Fatalf("0x0300 holds %v after the bond, want %v", bal, bond)
	}
	p := makeProof(t, sk, 1000, c.head().Time)
	in := pack(t, "submitWorkProof", p.Encode(), []byte{})
	r := c.send(senderKey, precompile.Address, nil, 2_000_000, in)
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("submitWorkProof: status %d", r.Status)
	}
	if len(r.Logs) == 0 || r.Logs[0].Address != precompile.Address || r.Logs[0].BlockNumber != r.BlockNumber.Uint64() {
		t.Fatalf("submitWorkProof logs %+v, want logs from 0x0300 in block %v", r.Logs, r.BlockNumber)
	}
	out, _, err := c.call(precompile.Address, pack(t, "isSpent", [32]byte(p.WorkID())))
	if err != nil || !unpack(t, "isSpent", out)[0].(bool) {
		t.Fatalf("isSpent = %x (%v), want true", out, err)
	}
	// The same proof again: refused with the custom error, as on pars-geth.
	_, data, err := c.call(precompile.Address, in)
	if err == nil {
		t.Fatal("a spent proof was accepted again")
	}
	if name := revertName(t, data); name != "AlreadySpent" {
		t.Fatalf("resubmission reverted with %s, want AlreadySpent", name)
	}
	// A reverted transaction keeps its unused gas (ErrExecutionReverted,
	// not a failure that burns it).
	r = c.send(senderKey, precompile.Address, nil, 2_000_000, in)
	if r.Status != types.ReceiptStatusFailed || r.GasUsed >= 2_000_000 {
		t.Fatalf("resubmission: status %d gas %d, want a revert that returns gas", r.Status, r.GasUsed)
	}
	// Out of gas: the transaction fails with all its gas used.
	p2 := makeProof(t, sk, 1001, c.head().Time)
	r = c.send(senderKey, precompile.Address, nil, 85_000, pack(t, "submitWorkProof", p2.Encode(), []byte{}))
	if r.Status != types.ReceiptStatusFailed || r.GasUsed != 85_000 {
		t.Fatalf("starved submission: status %d gas %d, want failure with all 85000 used", r.Status, r.GasUsed)
	}
}
