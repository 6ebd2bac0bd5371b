package nodetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/beacon/engine"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/spentset"
)

// devKey is geth's fixed developer key (cmd/utils.DeveloperKey), the key
// behind genesis.DevAddress.
var devKey = nodeharness.DevKey()

// payee is the beneficiary of every proof in these tests.
var payee = common.HexToAddress("0x00000000000000000000000000000000000000cc")

// txGas is the gas limit of every transaction to 0x0300: enough for an
// ML-DSA-65 submitWorkProof, and fixed so that refused calls are mined too.
const txGas = 1_000_000

// Bounds on every wait.
const (
	receiptWait = 30 * time.Second
	syncWait    = 90 * time.Second
	rpcTimeout  = 15 * time.Second
)

// devGenesis is a chain with the dev account prefunded and as governance,
// its genesis block stamped now (so that eth_call at the genesis block
// sees a block time inside a fresh proof's time window).
func devGenesis(chainID, activation uint64) genesis.Options {
	o := devnode.DevGenesis(chainID, devnode.Ether(1_000_000_000))
	o.ActivationTime = activation
	p := bondedParams(genesis.DevAddress)
	o.Params = &p
	return o
}

// bondedParams are the default parameters with the tests' miner key bonded
// at genesis (by governance, its bonder): work earns only bonded.
func bondedParams(governance common.Address) precompile.Params {
	p := precompile.DefaultParams(governance)
	p.Bonds = []precompile.GenesisBond{{MinerID: minerKeyOrPanic().Public().ID(), Bonder: governance, Amount: precompile.DefaultMinBond.Clone()}}
	return p
}

// node is a running pars-geth seen through JSON-RPC.
type node struct {
	name string
	dir  string
	url  string
	pid  int
	rc   *rpc.Client
	ec   *ethclient.Client
	stop func()
	done <-chan struct{}
	h    *nodeharness.Client // sends to and calls 0x0300
}

// dial attaches JSON-RPC clients to n.url, for a chain with id chainID.
func (n *node) dial(t *testing.T, chainID uint64) {
	t.Helper()
	rc, err := rpc.DialContext(context.Background(), n.url)
	if err != nil {
		t.Fatal(err)
	}
	n.rc, n.ec = rc, ethclient.NewClient(rc)
	n.h = &nodeharness.Client{Name: n.name, EC: n.ec, ChainID: chainID, Gas: txGas, Timeout: rpcTimeout, Wait: receiptWait}
}

// startDev runs pars-geth --dev (devnode.Start) on a fresh data directory.
func startDev(t *testing.T, name string, o genesis.Options, period uint64) *node {
	t.Helper()
	dir := t.TempDir()
	return startDevIn(t, name, dir, o, period)
}

func startDevIn(t *testing.T, name, dir string, o genesis.Options, period uint64) *node {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dn := nodeharness.StartDev(t, ctx, name, devnode.Config{Binary: nodeharness.ParsGeth(t), DataDir: dir, Genesis: o, Period: period})
	n := &node{name: name, dir: dir, url: dn.URL(), pid: dn.PID(), stop: dn.Stop, done: dn.Done()}
	n.dial(t, o.ChainID)
	return n
}

// startPlain runs pars-geth without --dev on dir (initialised with o if it
// holds no chain yet): devp2p on a loopback port with discovery off, full
// sync, the engine API on a free auth port, and the admin, debug and testing
// namespaces over HTTP. Blocks come from testing_commitBlockV1 or from peers.
func startPlain(t *testing.T, name, dir string, o genesis.Options, extra ...string) *node {
	t.Helper()
	bin := nodeharness.ParsGeth(t)
	if _, err := os.Stat(filepath.Join(dir, "geth", "chaindata")); err != nil {
		if err := devnode.Init(bin, dir, o); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	httpPort, err1 := devnode.FreePort()
	p2pPort, err2 := devnode.FreePort()
	authPort, err3 := devnode.FreePort()
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	args := []string{
		"--datadir", dir, "--networkid", strconv.FormatUint(o.ChainID, 10), "--syncmode", "full",
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(httpPort),
		"--http.api", "eth,net,web3,debug,txpool,testing,admin",
		"--port", strconv.Itoa(p2pPort), "--nat", "none", "--nodiscover", "--maxpeers", "5",
		"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(authPort),
		"--ipcdisable", "--verbosity", "3",
	}
	args = append(args, extra...)
	logPath := filepath.Join(dir, name+".log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatalf("%s: start: %v", name, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		select {
		case <-done:
		default:
			_ = cmd.Process.Signal(syscall.SIGINT)
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				_ = cmd.Process.Kill()
				<-done
			}
		}
		logf.Close()
	}
	n := &node{name: name, dir: dir, url: "http://127.0.0.1:" + strconv.Itoa(httpPort), pid: cmd.Process.Pid, stop: stop, done: done}
	t.Cleanup(func() {
		if t.Failed() {
			nodeharness.DumpLog(t, name, logPath)
		}
		stop()
	})
	n.dial(t, o.ChainID)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var id hexutil.Big
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := n.rc.CallContext(ctx, &id, "eth_chainId")
		cancel()
		if err == nil {
			break
		}
		select {
		case <-done:
			t.Fatalf("%s: pars-geth exited before serving JSON-RPC", name)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no JSON-RPC answer within 60s: %v", name, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("%s: pars-geth pid %d on %s", name, n.pid, n.url)
	return n
}

// call is a JSON-RPC call with a bounded wait.
func (n *node) call(t *testing.T, out any, method string, args ...any) {
	t.Helper()
	if err := n.try(out, method, args...); err != nil {
		t.Fatalf("%s: %v", n.name, err)
	}
}

func (n *node) try(out any, method string, args ...any) error {
	return n.tryWithin(rpcTimeout, out, method, args...)
}

func (n *node) tryWithin(limit time.Duration, out any, method string, args ...any) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	if err := n.rc.CallContext(ctx, out, method, args...); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	return nil
}

func (n *node) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), rpcTimeout)
}

func (n *node) header(t *testing.T, number *big.Int) *types.Header {
	t.Helper()
	ctx, cancel := n.ctx()
	defer cancel()
	h, err := n.ec.HeaderByNumber(ctx, number)
	if err != nil {
		t.Fatalf("%s: header %v: %v", n.name, number, err)
	}
	return h
}

// newProof signs an ML-DSA-65 proof of a built-in model job (60 bytes in,
// 24 out: one compute unit) bound to chain, with a fresh nonce and the
// given WorkContext timestamp.
func newProof(t testing.TB, chain uint32, timestamp uint64) *proof.AIWorkProof {
	t.Helper()
	p := &proof.AIWorkProof{
		Context: proof.WorkContext{
			ChainID: chain, JobID: proof.Hash{1}, ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.Hash{3},
			DeviceID: proof.Hash{4}, Timestamp: timestamp,
		},
		Beneficiary:  payee,
		OutputHash:   proof.HashOutput([]byte("output")),
		InputTokens:  60,
		OutputTokens: 24,
	}
	if _, err := rand.Read(p.Context.Nonce[:]); err != nil {
		t.Fatal(err)
	}
	if err := p.Sign(minerKey(t), true); err != nil {
		t.Fatal(err)
	}
	return p
}

var theMinerKey *proof.PrivateKey

func minerKey(t testing.TB) *proof.PrivateKey {
	t.Helper()
	return minerKeyOrPanic()
}

// minerKeyOrPanic is the tests' fixed ML-DSA-65 miner key (a seed always
// gives a key).
func minerKeyOrPanic() *proof.PrivateKey {
	if theMinerKey == nil {
		k, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{0: 0x65, 1: 7})
		if err != nil {
			panic(err)
		}
		theMinerKey = k
	}
	return theMinerKey
}

// submitData packs submitWorkProof(proof, "").
func submitData(t testing.TB, p *proof.AIWorkProof) []byte {
	t.Helper()
	in, err := precompile.ABI().Pack("submitWorkProof", p.Encode(), []byte{})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// sendTx signs a transaction from the dev account to 0x0300 and sends it
// through eth_sendRawTransaction. nonce < 0 asks the node for the next one.
func (n *node) sendTx(t *testing.T, data []byte, nonce int64) *types.Transaction {
	t.Helper()
	if nonce < 0 {
		nonce = int64(n.h.Nonce(t, genesis.DevAddress))
	}
	return n.h.SendTx(t, devKey, uint64(nonce), data)
}

// receipt waits (bounded) for tx's receipt.
func (n *node) receipt(t *testing.T, tx common.Hash) *types.Receipt {
	t.Helper()
	return n.h.Receipts(t, tx)[0]
}

// callPrecompile makes eth_call to 0x0300 at block (nil: latest) and
// returns its output, or the revert decoded with precompile.DecodeRevert, or
// the raw error.
func (n *node) callPrecompile(t *testing.T, data []byte, block *big.Int) ([]byte, *precompile.Revert, error) {
	t.Helper()
	return n.h.Call(t, data, block)
}

// isSpent asks 0x0300 whether work id w is spent.
func (n *node) isSpent(t *testing.T, w proof.Hash) bool {
	t.Helper()
	return n.h.View(t, "isSpent", [32]byte(w))[0].(bool)
}

// storageAt reads 0x0300's slot at block hash h.
func (n *node) storageAt(t *testing.T, slot, h common.Hash) common.Hash {
	t.Helper()
	var v hexutil.Bytes
	n.call(t, &v, "eth_getStorageAt", precompile.Address, slot, h)
	return common.BytesToHash(v)
}

// accountProof is eth_getProof's answer.
type accountProof struct {
	Address      common.Address  `json:"address"`
	AccountProof []hexutil.Bytes `json:"accountProof"`
	Balance      *hexutil.Big    `json:"balance"`
	CodeHash     common.Hash     `json:"codeHash"`
	Nonce        hexutil.Uint64  `json:"nonce"`
	StorageHash  common.Hash     `json:"storageHash"`
	StorageProof []struct {
		Key   string          `json:"key"`
		Value *hexutil.Big    `json:"value"`
		Proof []hexutil.Bytes `json:"proof"`
	} `json:"storageProof"`
}

// chainState is what two nodes on the same chain must agree on at a block.
type chainState struct {
	Number uint64
	Hash   common.Hash
	Root   common.Hash
	Slots  map[common.Hash]common.Hash // 0x0300's storage
	Proof  accountProof                // eth_getProof of 0x0300 over Slots
	Code   string
}

// precompileSlots are the slots of 0x0300 compared across nodes: the
// parameter, epoch and verified-work slots, payee's balance, and the spent
// markers and pending records of works.
func precompileSlots(works []proof.Hash) []common.Hash {
	var slots []common.Hash
	for i := byte(0); i < 8; i++ {
		slots = append(slots, common.Hash{31: i})
	}
	for i := byte(40); i < 44; i++ {
		slots = append(slots, common.Hash{31: i})
	}
	slots = append(slots, precompile.BalanceSlot(payee))
	for _, w := range works {
		slots = append(slots, spentset.Slot(w))
		for i := byte(0); i < 4; i++ {
			slots = append(slots, precompile.WorkSlot(w, i))
		}
	}
	return slots
}

// stateAt reads the chain state at block hash h (zero: the head).
func (n *node) stateAt(t *testing.T, h common.Hash, works []proof.Hash) chainState {
	t.Helper()
	var hd *types.Header
	if h == (common.Hash{}) {
		hd = n.header(t, nil)
	} else {
		ctx, cancel := n.ctx()
		var err error
		hd, err = n.ec.HeaderByHash(ctx, h)
		cancel()
		if err != nil {
			t.Fatalf("%s: header %v: %v", n.name, h, err)
		}
	}
	st := chainState{Number: hd.Number.Uint64(), Hash: hd.Hash(), Root: hd.Root, Slots: map[common.Hash]common.Hash{}}
	slots := precompileSlots(works)
	for _, s := range slots {
		st.Slots[s] = n.storageAt(t, s, st.Hash)
	}
	keys := make([]string, len(slots))
	for i, s := range slots {
		keys[i] = s.Hex()
	}
	n.call(t, &st.Proof, "eth_getProof", precompile.Address, keys, st.Hash)
	var code hexutil.Bytes
	n.call(t, &code, "eth_getCode", precompile.Address, st.Hash)
	st.Code = code.String()
	return st
}

// sameState fails unless a and b agree on everything in chainState.
func sameState(t *testing.T, what string, a, b chainState) {
	t.Helper()
	if a.Number != b.Number || a.Hash != b.Hash || a.Root != b.Root {
		t.Fatalf("%s: head differs: #%d %v root %v vs #%d %v root %v", what, a.Number, a.Hash, a.Root, b.Number, b.Hash, b.Root)
	}
	for s, v := range a.Slots {
		if b.Slots[s] != v {
			t.Errorf("%s: 0x0300 slot %v: %v vs %v", what, s, v, b.Slots[s])
		}
	}
	if a.Proof.StorageHash != b.Proof.StorageHash {
		t.Errorf("%s: 0x0300 storage root %v vs %v", what, a.Proof.StorageHash, b.Proof.StorageHash)
	}
	if a.Proof.Nonce != b.Proof.Nonce || a.Proof.CodeHash != b.Proof.CodeHash || a.Code != b.Code {
		t.Errorf("%s: 0x0300 account differs: nonce %d/%d code %s/%s", what, a.Proof.Nonce, b.Proof.Nonce, a.Code, b.Code)
	}
	if len(a.Proof.AccountProof) != len(b.Proof.AccountProof) {
		t.Errorf("%s: account proofs of different length", what)
	} else {
		for i := range a.Proof.AccountProof {
			if !bytes.Equal(a.Proof.AccountProof[i], b.Proof.AccountProof[i]) {
				t.Errorf("%s: account proof node %d differs", what, i)
			}
		}
	}
	if len(a.Proof.StorageProof) != len(b.Proof.StorageProof) {
		t.Errorf("%s: storage proofs of different length", what)
	} else {
		for i := range a.Proof.StorageProof {
			if a.Proof.StorageProof[i].Value.ToInt().Cmp(b.Proof.StorageProof[i].Value.ToInt()) != 0 {
				t.Errorf("%s: storage proof %s value differs", what, a.Proof.StorageProof[i].Key)
			}
		}
	}
}

// submitProofs sends n fresh proofs for chainID through the pool of node
// and returns the transactions and work ids, without waiting.
func (n *node) submitProofs(t *testing.T, chainID uint64, count int, timestamp uint64) ([]*types.Transaction, []proof.Hash) {
	t.Helper()
	nonce := n.h.Nonce(t, genesis.DevAddress)
	var txs []*types.Transaction
	var works []proof.Hash
	for i := 0; i < count; i++ {
		p := newProof(t, uint32(chainID), timestamp)
		txs = append(txs, n.sendTx(t, submitData(t, p), int64(nonce)+int64(i)))
		works = append(works, p.WorkID())
	}
	return txs, works
}

// requireSuccess waits for every tx and fails unless each succeeded.
func (n *node) requireSuccess(t *testing.T, txs []*types.Transaction) []*types.Receipt {
	t.Helper()
	var rs []*types.Receipt
	for _, tx := range txs {
		r := n.receipt(t, tx.Hash())
		if r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("%s: tx %v failed (gas used %d of %d)", n.name, tx.Hash(), r.GasUsed, tx.Gas())
		}
		rs = append(rs, r)
	}
	return rs
}

// waitPending waits (bounded) until the node's pool holds want executable
// transactions.
func (n *node) waitPending(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var st struct{ Pending, Queued hexutil.Uint }
		n.call(t, &st, "txpool_status")
		if int(st.Pending) >= want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: pool holds %d pending, %d queued transactions, want %d pending", n.name, st.Pending, st.Queued, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// settle waits (bounded) until a --dev node with --dev.period 0 stops
// producing blocks: its pool is empty and its head has not moved for a
// second. (Its block production loop may seal one more, empty, block after
// the block that emptied the pool.)
func (n *node) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	last, since := common.Hash{}, time.Now()
	for {
		var st struct{ Pending, Queued hexutil.Uint }
		n.call(t, &st, "txpool_status")
		head := n.header(t, nil).Hash()
		if head != last || st.Pending != 0 {
			last, since = head, time.Now()
		} else if time.Since(since) >= time.Second {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: head still moving after 15s", n.name)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// commitBlock builds a block from the pool on top of the head with
// testing_commitBlockV1 and returns its hash. timestamp 0: max(now, parent+1).
func (n *node) commitBlock(t *testing.T, timestamp uint64) common.Hash {
	t.Helper()
	parent := n.header(t, nil)
	if timestamp == 0 {
		timestamp = max(uint64(time.Now().Unix()), parent.Time+1)
	}
	var random common.Hash
	_, _ = rand.Read(random[:])
	attrs := engine.PayloadAttributes{
		Timestamp: timestamp, Random: random, SuggestedFeeRecipient: genesis.DevAddress,
		Withdrawals: []*types.Withdrawal{}, BeaconRoot: &common.Hash{},
	}
	var h common.Hash
	n.call(t, &h, "testing_commitBlockV1", attrs, nil, nil)
	if head := n.header(t, nil); head.Hash() != h {
		t.Fatalf("%s: committed %v but head is %v", n.name, h, head.Hash())
	}
	return h
}

// enode returns the node's devp2p address.
func (n *node) enode(t *testing.T) string {
	t.Helper()
	var info struct {
		Enode string `json:"enode"`
	}
	n.call(t, &info, "admin_nodeInfo")
	if !strings.HasPrefix(info.Enode, "enode://") {
		t.Fatalf("%s: enode %q", n.name, info.Enode)
	}
	return info.Enode
}

// waitEthPeer waits (bounded) until the node has a peer speaking eth.
func (n *node) waitEthPeer(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var peers []struct {
			Enode     string         `json:"enode"`
			Protocols map[string]any `json:"protocols"`
		}
		n.call(t, &peers, "admin_peers")
		for _, p := range peers {
			if _, ok := p.Protocols["eth"]; ok {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: no eth peer within 20s (peers: %+v)", n.name, peers)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitHead waits (bounded) until the node's head is h.
func (n *node) waitHead(t *testing.T, h common.Hash, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		head := n.header(t, nil)
		if head.Hash() == h {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: head #%d %v, want %v after %v", n.name, head.Number, head.Hash(), h, limit)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// ethConfig is eth_config's answer (EIP-7910), reduced to what we check.
type ethConfig struct {
	Current *forkConfig `json:"current"`
	Next    *forkConfig `json:"next"`
	Last    *forkConfig `json:"last"`
}

type forkConfig struct {
	ActivationTime uint64                    `json:"activationTime"`
	ForkID         hexutil.Bytes             `json:"forkId"`
	Precompiles    map[string]common.Address `json:"precompiles"`
}
