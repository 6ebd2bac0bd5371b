package teleporttest

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"math/big"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/pars-network/aimining/teleport/relayer"
	"github.com/pars-network/aimining/teleport/signer"
)

// devKey is geth's fixed developer key, behind genesis.DevAddress: the
// governance of both chains and the miner's beneficiary on Pars.
var devKey = nodeharness.DevKey()

// Each relayer pays from its own account, funded at genesis on Zoo.
var relayerKeys = []*ecdsa.PrivateKey{
	nodeharness.MustKey("8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a"),
	nodeharness.MustKey("3f2b1e8f5a6c7d9e0b1a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071"),
}

// recipient receives the teleport on Zoo; it holds no key: anyone may claim
// for it.
var recipient = common.HexToAddress("0x00000000000000000000000000000000000000d2")

const (
	confirmations = 2
	txGas         = 3_000_000
)

// chain is a running pars-geth --dev node.
type chain struct {
	name string
	id   uint64
	ec   *ethclient.Client
	h    *nodeharness.Client
}

func startChain(t *testing.T, bin, name string, id uint64) *chain {
	t.Helper()
	var relayers []common.Address
	for _, k := range relayerKeys {
		relayers = append(relayers, crypto.PubkeyToAddress(k.PublicKey))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	g := devnode.DevGenesis(id, devnode.Ether(1_000_000), relayers...)
	// The test miner is bonded at genesis, and rewards wait two blocks
	// and are not sampled for audit.
	p := precompile.DefaultParams(genesis.DevAddress)
	p.ShortWindows()
	p.AuditProbabilityBps = 0
	p.Bonds = []precompile.GenesisBond{{MinerID: testMinerKey(t).Public().ID(), Bonder: genesis.DevAddress, Amount: precompile.DefaultMinBond.Clone()}}
	g.Params = &p
	n := nodeharness.StartDev(t, ctx, name, devnode.Config{Binary: bin, DataDir: t.TempDir(), Period: 1, Genesis: g})
	ec := nodeharness.Dial(t, n.URL())
	h := &nodeharness.Client{Name: name, EC: ec, ChainID: id, Gas: txGas, Timeout: 30 * time.Second, Wait: 30 * time.Second}
	return &chain{name: name, id: id, ec: ec, h: h}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// send sends data to 0x0300 from key and waits for the receipt.
func (c *chain) send(t *testing.T, key *ecdsa.PrivateKey, data []byte) *types.Receipt {
	t.Helper()
	return c.sendAll(t, key, data)[0]
}

// sendAll sends one transaction per calldata to 0x0300 from key, with
// consecutive nonces so that they can share a block, and waits for the
// receipts.
func (c *chain) sendAll(t *testing.T, key *ecdsa.PrivateKey, data ...[]byte) []*types.Receipt {
	t.Helper()
	return c.h.Send(t, key, data...)
}

func (c *chain) mustSend(t *testing.T, key *ecdsa.PrivateKey, data []byte) *types.Receipt {
	t.Helper()
	r := c.send(t, key, data)
	if r.Status != types.ReceiptStatusSuccessful {
		_, rev := c.call(t, data)
		t.Fatalf("%s: transaction failed (gas used %d): %v", c.name, r.GasUsed, rev)
	}
	return r
}

// call makes eth_call to 0x0300 and returns the output or the decoded refusal.
func (c *chain) call(t *testing.T, data []byte) ([]byte, *precompile.Revert) {
	t.Helper()
	out, rev, err := c.h.Call(t, data, nil)
	if err != nil && rev == nil {
		t.Fatalf("%s: eth_call: %v", c.name, err)
	}
	return out, rev
}

func (c *chain) view(t *testing.T, name string, args ...any) []any {
	t.Helper()
	return c.h.View(t, name, args...)
}

func (c *chain) balance(t *testing.T, a common.Address) *big.Int {
	return c.view(t, "miningBalance", a)[0].(*big.Int)
}

// TestTeleport runs Teleport from Pars to Zoo on two real nodes. Zoo's
// governance accepts Pars messages signed by 2 of 3 signer keys.
func TestTeleport(t *testing.T) {
	start := time.Now()
	bin := nodeharness.ParsGeth(t)
	var pars, zoo *chain
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); pars = startChain(t, bin, "pars", genesis.ParsChainID) }()
	go func() { defer wg.Done(); zoo = startChain(t, bin, "zoo", genesis.ZooChainID) }()
	wg.Wait()
	if pars == nil || zoo == nil {
		t.FailNow()
	}
	keys := make([]*proof.PrivateKey, 3)
	pks := make([][]byte, 3)
	for i := range keys {
		k, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{0: 0x7e, 1: byte(i)})
		if err != nil {
			t.Fatal(err)
		}
		keys[i], pks[i] = k, k.Public().Bytes()
	}
	zoo.mustSend(t, devKey, nodeharness.Pack(t, "setTeleportSigners", uint32(genesis.ParsChainID), pks, uint8(2)))
	t.Logf("nodes up and signer set configured in %v", time.Since(start).Round(time.Millisecond))

	t.Run("ParsToZoo", func(t *testing.T) { testParsToZoo(t, pars, zoo, keys) })
	t.Run("RestartMidway", func(t *testing.T) { testRestartMidway(t, pars, zoo, keys) })
	t.Logf("done in %v", time.Since(start).Round(time.Millisecond))
}

// testMinerKey is the ML-DSA-65 key of the test's work proofs, bonded at
// genesis.
func testMinerKey(t testing.TB) *proof.PrivateKey {
	k, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{0: 0x65, 1: 9})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// mine earns a reward for the developer account on Pars with a real work
// proof (a built-in model job) and finalizes it once its one-block
// challenge window has passed; it returns the reward.
func mine(t *testing.T, pars *chain) *big.Int {
	t.Helper()
	before := pars.balance(t, genesis.DevAddress)
	p := &proof.AIWorkProof{
		Context: proof.WorkContext{
			ChainID: genesis.ParsChainID, JobID: proof.Hash{1}, ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.Hash{3},
			DeviceID: proof.Hash{4}, Timestamp: uint64(time.Now().Unix()),
		},
		Beneficiary: genesis.DevAddress, OutputHash: proof.HashOutput([]byte("output")), InputTokens: 60, OutputTokens: 24,
	}
	_, _ = rand.Read(p.Context.Nonce[:])
	if err := p.Sign(testMinerKey(t), false); err != nil {
		t.Fatal(err)
	}
	pars.mustSend(t, devKey, nodeharness.Pack(t, "submitWorkProof", p.Encode(), []byte{}))
	// The reward waits two blocks (p.ShortWindows): one more transaction
	// makes sure the finalization lands at least two blocks later.
	pars.mustSend(t, devKey, nodeharness.Pack(t, "totalMinted"))
	pars.mustSend(t, devKey, nodeharness.Pack(t, "finalizeWork", [][32]byte{p.WorkID()}))
	mined := new(big.Int).Sub(pars.balance(t, genesis.DevAddress), before)
	if mined.Sign() <= 0 {
		t.Fatalf("pars: mining reward %v after the proof", mined)
	}
	return mined
}

// testParsToZoo moves a mined reward from Pars to Zoo through three
// in-process signers (one of them offline) and two relayers racing each
// other, then claims it, and checks both chains.
func testParsToZoo(t *testing.T, pars, zoo *chain, keys []*proof.PrivateKey) {
	start := time.Now()
	before := pars.balance(t, genesis.DevAddress)
	mined := mine(t, pars)
	_, sentBefore := totals(t, pars)
	zooBefore := zoo.view(t, "teleportTotals")

	// Teleport two thirds of it to Zoo.
	amount := new(big.Int).Div(new(big.Int).Mul(mined, big.NewInt(2)), big.NewInt(3))
	r := pars.mustSend(t, devKey, nodeharness.Pack(t, "teleport", uint32(genesis.ZooChainID), recipient, amount))
	if len(r.Logs) != 1 || r.Logs[0].Topics[0] != precompile.ABI().Events["TeleportSent"].ID {
		t.Fatalf("pars: teleport logs %+v", r.Logs)
	}
	id := r.Logs[0].Topics[1]
	left := new(big.Int).Sub(new(big.Int).Add(before, mined), amount)
	if got := pars.balance(t, genesis.DevAddress); got.Cmp(left) != 0 {
		t.Fatalf("pars: balance %v after teleporting %v of %v", got, amount, mined)
	}
	t.Logf("teleport %v: %v wei from pars to zoo in block %d", id, amount, r.BlockNumber)

	// Signers 0 and 2 run; signer 1 is offline (its URL answers nothing).
	// Their state directories exist before the signers, so that they are
	// removed after the signers stop.
	stateDirs := []string{t.TempDir(), "", t.TempDir()}
	runCtx, stop := context.WithCancel(context.Background())
	var running sync.WaitGroup
	t.Cleanup(func() { stop(); running.Wait() })
	var urls []string
	var signers []*signer.Signer
	for i, k := range keys {
		if i == 1 {
			dead := httptest.NewServer(nil)
			dead.Close()
			urls = append(urls, dead.URL)
			continue
		}
		s, err := signer.New(ctx(t), signer.Config{Source: pars.ec, Key: k, Confirmations: confirmations, StateDir: stateDirs[i]})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(s.Handler())
		t.Cleanup(srv.Close)
		running.Go(func() { _ = s.Run(runCtx, 200*time.Millisecond) })
		urls, signers = append(urls, srv.URL), append(signers, s)
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, s := range signers {
		for {
			if _, ok := s.Signed(id); ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("signers did not sign within 30 s")
			}
			time.Sleep(100 * time.Millisecond)
		}
	}

	// Two relayers race on the same message.
	relayerState := t.TempDir()
	newRelayer := func(k *ecdsa.PrivateKey, dir string) *relayer.Relayer {
		rl, err := relayer.New(ctx(t), relayer.Config{
			Source: pars.ec, Dest: zoo.ec, Signers: urls, Key: k, Confirmations: confirmations, StateDir: dir,
		})
		if err != nil {
			t.Fatal(err)
		}
		return rl
	}
	relayers := []*relayer.Relayer{newRelayer(relayerKeys[0], relayerState), newRelayer(relayerKeys[1], t.TempDir())}
	results := make([][]relayer.Result, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	for i, rl := range relayers {
		go func() { defer wg.Done(); results[i], errs[i] = rl.RunOnce(ctx(t)) }()
	}
	wg.Wait()
	outcomes := map[relayer.Outcome]int{}
	for i := range relayers {
		if errs[i] != nil {
			t.Fatalf("relayer %d: %v", i, errs[i])
		}
		if len(results[i]) != 1 || results[i][0].ID != id {
			t.Fatalf("relayer %d: results %+v, want one for %v", i, results[i], id)
		}
		outcomes[results[i][0].Outcome]++
		t.Logf("relayer %d: %+v", i, results[i][0])
	}
	if outcomes[relayer.Relayed] != 1 || outcomes[relayer.AlreadyRelayed] != 1 {
		t.Fatalf("outcomes %v: want one relayed and one already relayed", outcomes)
	}

	// Exactly one pending teleport for the recipient, nothing credited yet.
	if got := zoo.view(t, "pendingTeleports", recipient)[0].([][32]byte); len(got) != 1 || common.Hash(got[0]) != id {
		t.Fatalf("zoo: pending %x, want [%v]", got, id)
	}
	st := zoo.view(t, "teleportStatus", [32]byte(id))
	if st[0].(uint8) != teleport.StatusPending || st[1].(uint32) != genesis.ParsChainID || st[2].(common.Address) != recipient || st[3].(*big.Int).Cmp(amount) != 0 {
		t.Fatalf("zoo: status %v", st)
	}

	// A restarted relayer (same state) and the other one find nothing to do twice.
	for _, rl := range []*relayer.Relayer{newRelayer(relayerKeys[0], relayerState), relayers[1]} {
		res, err := rl.RunOnce(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range res {
			if x.Outcome != relayer.AlreadyRelayed {
				t.Fatalf("rerun: %+v", x)
			}
		}
	}

	// Anyone claims for the recipient; the credit happens once.
	zoo.mustSend(t, devKey, nodeharness.Pack(t, "claimTeleport", [32]byte(id)))
	if got := zoo.balance(t, recipient); got.Cmp(amount) != 0 {
		t.Fatalf("zoo: recipient balance %v, want %v", got, amount)
	}
	if _, rev := zoo.call(t, nodeharness.Pack(t, "claimTeleport", [32]byte(id))); rev == nil || rev.Name != "AlreadyClaimed" {
		t.Fatalf("zoo: second claim: %v, want AlreadyClaimed", rev)
	}
	if got := zoo.view(t, "pendingTeleports", recipient)[0].([][32]byte); len(got) != 0 {
		t.Fatalf("zoo: pending after claim %x", got)
	}

	// Burned on Pars = credited on Zoo.
	_, sentAfter := totals(t, pars)
	zooAfter := zoo.view(t, "teleportTotals")
	sent, relayed, claimed := diff(sentAfter, sentBefore), diff(zooAfter[2], zooBefore[2]), diff(zooAfter[3], zooBefore[3])
	if sent.Cmp(amount) != 0 || relayed.Cmp(amount) != 0 || claimed.Cmp(amount) != 0 {
		t.Fatalf("totals: pars sent %v, zoo relayed %v claimed %v, want %v", sent, relayed, claimed, amount)
	}
	if got := pars.balance(t, genesis.DevAddress); got.Cmp(left) != 0 {
		t.Fatalf("pars: balance %v", got)
	}

	// The signed message replayed to Pars itself is refused, by eth_call and
	// in a mined transaction that changes nothing.
	sm, _ := signers[0].Signed(id)
	sm2, _ := signers[1].Signed(id)
	replay := nodeharness.Pack(t, "relayTeleport", []byte(sm.Message), []uint8{0, 2},
		[][]byte{sm.PublicKey, sm2.PublicKey}, [][]byte{sm.Signature, sm2.Signature})
	if _, rev := pars.call(t, replay); rev == nil || rev.Name != "WrongDestination" {
		t.Fatalf("pars: replay: %v, want WrongDestination", rev)
	}
	if r := pars.send(t, devKey, replay); r.Status != types.ReceiptStatusFailed {
		t.Fatal("pars: replay transaction succeeded")
	}
	// And to Zoo again it is a duplicate.
	if _, rev := zoo.call(t, replay); rev == nil || rev.Name != "AlreadyRelayed" {
		t.Fatalf("zoo: replay: %v, want AlreadyRelayed", rev)
	}
	if got := zoo.balance(t, recipient); got.Cmp(amount) != 0 {
		t.Fatalf("zoo: recipient balance %v after replays", got)
	}
	t.Logf("done in %v", time.Since(start).Round(time.Millisecond))
}

// diff returns a - b of two big.Int results.
func diff(a, b any) *big.Int { return new(big.Int).Sub(a.(*big.Int), b.(*big.Int)) }

func totals(t *testing.T, c *chain) (uint64, *big.Int) {
	v := c.view(t, "teleportTotals")
	return v[0].(uint64), v[1].(*big.Int)
}
