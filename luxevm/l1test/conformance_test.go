package l1test

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/common/hexutil"
	"github.com/ava-labs/libevm/core/types"
	"github.com/ava-labs/libevm/crypto"
	"github.com/pars-network/aimining/luxevm/l1"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// engine is one chain the conformance table runs on.
type engine struct {
	name    string
	url     string
	chainID uint64
	// preEntryDelegateRefusal: DELEGATECALL and CALLCODE to a stateful
	// precompile revert before the precompile runs, with no data
	// (subnet-evm under Granite); otherwise the precompile refuses them
	// itself with DelegateCallNotAllowed (pars-geth).
	preEntryDelegateRefusal bool
	// evmVersion is solc's target for the engine's EVM.
	evmVersion string
}

// rpc makes one JSON-RPC call; a JSON-RPC error answer comes back as
// *l1.RPCError, with its data; a failed transport fails the test.
func rpc(t *testing.T, url string, out any, method string, params ...any) *l1.RPCError {
	t.Helper()
	err := l1.Call(context.Background(), url, out, method, params...)
	var rerr *l1.RPCError
	if errors.As(err, &rerr) {
		return rerr
	}
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return nil
}

type receipt struct {
	Status          hexutil.Uint64  `json:"status"`
	ContractAddress *common.Address `json:"contractAddress"`
	Logs            []struct {
		Address common.Address `json:"address"`
		Topics  []common.Hash  `json:"topics"`
	} `json:"logs"`
}

// send signs a transaction from key (to nil: a contract creation), sends it
// and waits (30 s at most) for its receipt.
func (e *engine) send(t *testing.T, key *ecdsa.PrivateKey, to *common.Address, value *big.Int, data []byte) receipt {
	t.Helper()
	from := crypto.PubkeyToAddress(key.PublicKey)
	var nonce hexutil.Uint64
	if err := rpc(t, e.url, &nonce, "eth_getTransactionCount", from, "pending"); err != nil {
		t.Fatal(err)
	}
	var price hexutil.Big
	if err := rpc(t, e.url, &price, "eth_gasPrice"); err != nil {
		t.Fatal(err)
	}
	if value == nil {
		value = new(big.Int)
	}
	tx := types.MustSignNewTx(key, types.LatestSignerForChainID(new(big.Int).SetUint64(e.chainID)), &types.LegacyTx{
		Nonce: uint64(nonce), To: to, Value: value, Gas: 3_000_000, GasPrice: new(big.Int).Mul(price.ToInt(), big.NewInt(2)), Data: data,
	})
	raw, err := tx.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := rpc(t, e.url, nil, "eth_sendRawTransaction", hexutil.Bytes(raw)); err != nil {
		t.Fatalf("send: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var r *receipt
		if err := rpc(t, e.url, &r, "eth_getTransactionReceipt", tx.Hash()); err == nil && r != nil {
			return *r
		}
		if time.Now().After(deadline) {
			t.Fatalf("no receipt for %v after 30 s", tx.Hash())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// call runs eth_call from `from` and returns the output, or the custom
// error's name ("" for a revert without data, "-" for no revert).
func (e *engine) call(t *testing.T, from, to common.Address, value *big.Int, data []byte) ([]byte, string) {
	t.Helper()
	msg := map[string]any{"from": from, "to": to, "data": hexutil.Bytes(data), "gas": hexutil.Uint64(5_000_000)}
	if value != nil {
		msg["value"] = (*hexutil.Big)(value)
	}
	var out hexutil.Bytes
	rerr := rpc(t, e.url, &out, "eth_call", msg, "latest")
	if rerr == nil {
		return out, "-"
	}
	s, _ := rerr.Data.(string)
	if s == "" || s == "0x" {
		return nil, ""
	}
	r, err := precompile.DecodeRevert(common.FromHex(s))
	if err != nil {
		t.Fatalf("revert data %s (%v): %v", s, rerr, err)
	}
	return nil, r.Name
}

func (e *engine) headTime(t *testing.T) uint64 {
	t.Helper()
	var h struct {
		Timestamp hexutil.Uint64 `json:"timestamp"`
	}
	if err := rpc(t, e.url, &h, "eth_getBlockByNumber", "latest", false); err != nil {
		t.Fatal(err)
	}
	return uint64(h.Timestamp)
}

// delegator is the code of a contract that DELEGATECALLs 0x0300 with its
// calldata and returns or reverts with what came back; deployCode wraps
// runtime code in init code that returns it.
func delegator() []byte {
	r := []byte{0x36, 0x5f, 0x5f, 0x37, 0x5f, 0x5f, 0x36, 0x5f, 0x73}
	r = append(r, precompile.Address.Bytes()...)
	r = append(r, 0x5a, 0xf4, 0x3d, 0x5f, 0x5f, 0x3e)
	ok := len(r) + 6
	return append(r, 0x60, byte(ok), 0x57, 0x3d, 0x5f, 0xfd, 0x5b, 0x3d, 0x5f, 0xf3)
}

func deployCode(runtime []byte) []byte {
	n := byte(len(runtime))
	return append([]byte{0x60, n, 0x60, 10, 0x5f, 0x39, 0x60, n, 0x5f, 0xf3}, runtime...)
}

func packed(t *testing.T, name string, args ...any) []byte {
	t.Helper()
	b, err := precompile.ABI().Pack(name, args...)
	if err != nil {
		t.Fatalf("pack %s: %v", name, err)
	}
	return b
}

// conformance runs the shared table on e: the same calls, the same
// outcomes and custom errors on every engine, except where the engine's
// DELEGATECALL rule differs (named in the row).
func conformance(t *testing.T, e *engine) {
	sk, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{7})
	if err != nil {
		t.Fatal(err)
	}
	minerID := sk.Public().ID()
	builtin := precompile.DefaultParams(l1.DevAddress).Models[0]
	now := e.headTime(t)
	makeProof := func(edit func(p *proof.AIWorkProof), after func(p *proof.AIWorkProof)) []byte {
		p := &proof.AIWorkProof{
			Context: proof.WorkContext{
				ChainID: uint32(e.chainID), JobID: proof.Hash{1}, ModelHash: builtin.Hash, InputHash: proof.Hash{3},
				DeviceID: proof.Hash{4}, Nonce: proof.Hash{5}, Timestamp: now,
			},
			Beneficiary: crypto.PubkeyToAddress(l1.DevKey(2).PublicKey),
			OutputHash:  proof.HashOutput([]byte("output")), InputTokens: 4, OutputTokens: 8,
		}
		if edit != nil {
			edit(p)
		}
		if err := p.Sign(sk, true); err != nil {
			t.Fatal(err)
		}
		if after != nil {
			after(p)
		}
		return p.Encode()
	}
	good := makeProof(nil, nil)
	user, gov := l1.DevKey(2), l1.DevGovernanceKey()
	userAddr := crypto.PubkeyToAddress(user.PublicKey)
	submit := func(p []byte) []byte { return packed(t, "submitWorkProof", p, []byte{}) }
	delegate := e.send(t, user, nil, nil, deployCode(delegator()))
	if delegate.Status != 1 || delegate.ContractAddress == nil {
		t.Fatalf("deploy the DELEGATECALL forwarder: %+v", delegate)
	}
	wantDelegate := "DelegateCallNotAllowed"
	if e.preEntryDelegateRefusal {
		wantDelegate = "" // refused before 0x0300 runs: no revert data
	}
	type row struct {
		name  string
		from  *ecdsa.PrivateKey
		to    common.Address
		value *big.Int
		data  []byte
		tx    bool   // send it (and expect success with the event); else eth_call
		want  string // custom error name; "-" for success; "" for a revert without data
		event string // for a transaction: the event 0x0300 must emit
	}
	rows := []row{
		{name: "unbonded miner", from: user, to: precompile.Address, data: submit(good), want: "NotBonded"},
		{name: "bond below the minimum", from: user, to: precompile.Address, value: big.NewInt(1), data: packed(t, "bond", [32]byte(minerID)), want: "BondBelowMinimum"},
		{name: "bond", from: user, to: precompile.Address, value: l1.Ether(1000), data: packed(t, "bond", [32]byte(minerID)), tx: true, want: "-"},
		{name: "proof accepted", from: user, to: precompile.Address, data: submit(good), tx: true, want: "-", event: "WorkAccepted"},
		{name: "spent-set replay", from: user, to: precompile.Address, data: submit(good), want: "AlreadySpent"},
		{name: "wrong chain", from: user, to: precompile.Address, data: submit(makeProof(func(p *proof.AIWorkProof) { p.Context.ChainID = 200200 }, nil)), want: "WrongChain"},
		{name: "bad signature", from: user, to: precompile.Address, data: submit(makeProof(func(p *proof.AIWorkProof) { p.Context.Nonce[1] = 1 }, func(p *proof.AIWorkProof) { p.Signature[10] ^= 1 })), want: "BadSignature"},
		{name: "stale timestamp", from: user, to: precompile.Address, data: submit(makeProof(func(p *proof.AIWorkProof) { p.Context.Timestamp = now - 100_000 }, nil)), want: "StaleTimestamp"},
		{name: "value to a view", from: user, to: precompile.Address, value: big.NewInt(1), data: packed(t, "isSpent", [32]byte{}), want: "ValueNotAccepted"},
		{name: "unknown selector", from: user, to: precompile.Address, data: []byte{0xde, 0xad, 0xbe, 0xef}, want: "UnknownSelector"},
		{name: "governance by a stranger", from: user, to: precompile.Address, data: packed(t, "setBaseReward", big.NewInt(1e15)), want: "NotGovernance"},
		{name: "governance", from: gov, to: precompile.Address, data: packed(t, "setBaseReward", big.NewInt(2e15)), tx: true, want: "-", event: "ParameterChanged"},
		{name: "teleport without a mining balance", from: user, to: precompile.Address, data: packed(t, "teleport", uint32(96369), userAddr, big.NewInt(1)), want: "InsufficientMiningBalance"},
		{name: "DELEGATECALL (engines differ: subnet-evm refuses it before 0x0300 runs)", from: user, to: *delegate.ContractAddress, data: packed(t, "isSpent", [32]byte{}), want: wantDelegate},
	}
	defer t.Run("MiningClient through solc and ethers", func(t *testing.T) {
		wrong := makeProof(func(p *proof.AIWorkProof) { p.Context.ChainID = 200200; p.Context.Nonce[2] = 2 }, nil)
		hex := makeProof(func(p *proof.AIWorkProof) { p.Context.Nonce[2] = 1 }, nil)
		decoded, err := proof.DecodeAIWorkProof(hex)
		if err != nil {
			t.Fatal(err)
		}
		runClientTest(t, map[string]any{
			"engine": e.name, "url": e.url, "chainId": e.chainID, "evmVersion": e.evmVersion,
			"privateKey": hexutil.Encode(crypto.FromECDSA(user)),
			"proof":      map[string]any{"hex": hexutil.Bytes(hex), "workId": common.Hash(decoded.WorkID())},
			"wrongChain": map[string]any{"hex": hexutil.Bytes(wrong), "chainId": 200200},
		})
	})
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			if r.tx {
				rc := e.send(t, r.from, &r.to, r.value, r.data)
				if rc.Status != 1 {
					t.Fatalf("transaction failed: %+v", rc)
				}
				if r.event != "" {
					topic := precompile.ABI().Events[r.event].ID
					found := false
					for _, l := range rc.Logs {
						found = found || (l.Address == precompile.Address && len(l.Topics) > 0 && l.Topics[0] == topic)
					}
					if !found {
						t.Fatalf("no %s event from 0x0300 in %+v", r.event, rc.Logs)
					}
				}
				return
			}
			_, got := e.call(t, crypto.PubkeyToAddress(r.from.PublicKey), r.to, r.value, r.data)
			if got != r.want {
				t.Fatalf("got %q, want %q", got, r.want)
			}
		})
	}
}

// TestConformance runs the same table on pars-geth and on the L1.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("starts pars-geth and three avalanchego validators")
	}
	geth := startGeth(t, l1.ParsChainID, 0)
	net := startNetwork(t, 3)
	for _, e := range []*engine{
		{name: "pars-geth", url: geth.url, chainID: l1.ParsChainID, evmVersion: "prague"},
		{name: "L1", url: net.RPCURL(1), chainID: l1.ParsChainID, preEntryDelegateRefusal: true, evmVersion: "cancun"},
	} {
		t.Run(e.name, func(t *testing.T) { conformance(t, e) })
	}
}

// runClientTest runs e2e/test/client.test.mjs (solc + ethers, the pinned
// npm packages of e2e/) with cfg in PARS_CLIENT_CONFIG.
func runClientTest(t *testing.T, cfg map[string]any) {
	t.Helper()
	e2e, err := filepath.Abs("../../e2e")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"solc", "ethers"} {
		if _, err := os.Stat(filepath.Join(e2e, "node_modules", m)); err != nil {
			t.Fatalf("e2e/node_modules/%s: %v (run `make e2e-deps` at the root)", m, err)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node: %v (Node.js 20 or newer runs the end-to-end tests)", err)
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "client.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "--test", "--test-reporter=spec", filepath.Join("test", "client.test.mjs"))
	cmd.Dir = e2e
	cmd.Env = append(os.Environ(), "PARS_CLIENT_CONFIG="+path)
	out, err := cmd.CombinedOutput()
	t.Logf("node --test test/client.test.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("client.test.mjs: %v", err)
	}
}
