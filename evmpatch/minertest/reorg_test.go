package minertest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
)

// Limits of TestMinerResubmitsAfterReorg: the finalized block of a
// pars-geth --dev chain with a block a second moves every 32 blocks.
const (
	reorgTestLimit = 110 * time.Second
	reorgEventWait = 60 * time.Second
)

// startLogged starts bin and follows its standard error (JSON log lines
// are decoded). When the test ends the process gets SIGCONT (it may be
// paused), SIGINT, then SIGKILL after stopLimit, by its PID; if the test
// failed its output goes into the test log.
func startLogged(t *testing.T, name, bin string, args ...string) (*minerLog, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	pid := cmd.Process.Pid
	logs := &minerLog{changed: make(chan struct{})}
	followed := make(chan struct{})
	go func() { logs.follow(stderr); close(followed) }()
	exited := make(chan error, 1)
	go func() { <-followed; exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(pid, syscall.SIGCONT)
		_ = cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-exited:
		case <-time.After(stopLimit):
			_ = cmd.Process.Kill()
			<-exited
		}
		t.Logf("%s (pid %d) stopped", name, pid)
		if t.Failed() {
			t.Logf("%s log:\n%s", name, logs.String())
		}
	})
	return logs, pid
}

// minerLog follows a running process's log (pars-miner's JSON lines).
type minerLog struct {
	mu      sync.Mutex
	records []map[string]any
	raw     strings.Builder
	changed chan struct{}
}

func (l *minerLog) follow(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec map[string]any
		l.mu.Lock()
		l.raw.WriteString(sc.Text() + "\n")
		if json.Unmarshal(sc.Bytes(), &rec) == nil {
			l.records = append(l.records, rec)
		}
		close(l.changed)
		l.changed = make(chan struct{})
		l.mu.Unlock()
	}
}

// wait returns the first record with message msg for which match holds
// (nil: any), waiting at most limit.
func (l *minerLog) wait(t *testing.T, ctx context.Context, msg string, match func(map[string]any) bool, limit time.Duration) map[string]any {
	t.Helper()
	deadline := time.After(limit)
	for {
		l.mu.Lock()
		for _, rec := range l.records {
			if rec["msg"] == msg && (match == nil || match(rec)) {
				l.mu.Unlock()
				return rec
			}
		}
		changed := l.changed
		l.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("no %q log line within %v; the miner's log:\n%s", msg, limit, l.String())
		case <-ctx.Done():
			t.Fatalf("no %q log line before the test's limit; the miner's log:\n%s", msg, l.String())
		}
	}
}

func (l *minerLog) count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, rec := range l.records {
		if rec["msg"] == msg {
			n++
		}
	}
	return n
}

func (l *minerLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.raw.String()
}

// TestMinerResubmitsAfterReorg runs pars-miner against a pars-geth --dev
// chain with the default finality (the finalized block). Once its proof is
// accepted, the miner is paused (SIGSTOP), the chain is rewound below the
// proof's block (debug_setHead) and another transaction of the gas account
// takes the proof's nonce, so that the proof's transaction can never be
// included again, neither from the node's pool nor sent again as it is.
// Resumed, the miner must notice, send the work in a new transaction within
// its time window, and count it final only in a finalized block; the chain
// must hold the work accepted exactly once.
func TestMinerResubmitsAfterReorg(t *testing.T) {
	geth := nodeharness.ParsGeth(t)
	minerBin := nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")
	started := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), reorgTestLimit)
	defer cancel()

	gasKey, err := crypto.ToECDSA(crypto.Keccak256([]byte("pars minertest reorg gas account")))
	if err != nil {
		t.Fatal(err)
	}
	metricsPort, err := devnode.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	metricsListen := fmt.Sprintf("127.0.0.1:%d", metricsPort)
	home := t.TempDir()
	kctx, kcancel := context.WithTimeout(ctx, commandLimit)
	cfg, gasAddr, err := devnode.WriteMinerConfig(kctx, devnode.MinerHome{
		Dir: home, Miner: minerBin, Scheme: "44", Passphrase: passphrase, GasKey: gasKey,
		ChainID: chainID, RPC: "http://127.0.0.1:1", JobInterval: time.Hour, MaxTokens: 16, Metrics: metricsListen,
	})
	kcancel()
	if err != nil {
		t.Fatal(err)
	}
	// The default finality: leave mining.confirmations out.
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "confirmations = 1\n") {
		t.Fatalf("the miner configuration has no confirmations line to remove:\n%s", b)
	}
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(b), "confirmations = 1\n", "", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	minerID, err := devnode.MinerID(home)
	if err != nil {
		t.Fatal(err)
	}
	g := devnode.DevGenesis(chainID, devnode.Ether(1_000_000), gasAddr)
	params := precompile.DefaultParams(genesis.DevAddress)
	params.AuditProbabilityBps = 0
	params.Bonds = []precompile.GenesisBond{{MinerID: minerID, Bonder: gasAddr, Amount: precompile.DefaultMinBond.Clone()}}
	g.Params = &params
	node := nodeharness.StartDev(t, ctx, "pars-geth", devnode.Config{Binary: geth, DataDir: filepath.Join(t.TempDir(), "node"), Period: 1, Genesis: g})
	ec := nodeharness.Dial(t, node.URL())
	if err := devnode.SetMinerRPC(cfg, node.URL()); err != nil {
		t.Fatal(err)
	}

	logs, pid := startLogged(t, "pars-miner", minerBin, "--config", cfg, "--log-format", "json")

	acc := logs.wait(t, ctx, "proof accepted", nil, reorgEventWait)
	workID, _ := acc["work_id"].(string)
	txHash := common.HexToHash(fmt.Sprint(acc["tx"]))
	block := uint64(acc["block"].(float64))
	t.Logf("proof %s accepted in block %d, transaction %s (%v after start)", workID, block, txHash.Hex(), time.Since(started).Round(time.Millisecond))
	if block < 1 {
		t.Fatalf("accepted in block %d", block)
	}

	// Pause the miner, rewind the chain below the proof's block, and take
	// the proof's nonce with another transaction.
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	orig, _, err := ec.TransactionByHash(ctx, txHash)
	if err != nil {
		t.Fatalf("the proof's transaction: %v", err)
	}
	if err := node.Call(ctx, nil, "debug_setHead", hexutil.EncodeUint64(block-1)); err != nil {
		t.Fatalf("debug_setHead: %v", err)
	}
	if r, err := ec.TransactionReceipt(ctx, txHash); err == nil {
		t.Fatalf("after the rewind the proof's transaction still has a receipt in block %d", r.BlockNumber)
	}
	_, pending, err := ec.TransactionByHash(ctx, txHash)
	t.Logf("after debug_setHead(%d): the node's pool holds the proof's transaction: %v (%v)", block-1, err == nil && pending, err)
	taker, err := types.SignNewTx(gasKey, types.LatestSignerForChainID(big.NewInt(chainID)), &types.DynamicFeeTx{
		ChainID: big.NewInt(chainID), Nonce: orig.Nonce(),
		GasTipCap: new(big.Int).Mul(orig.GasTipCap(), big.NewInt(3)), GasFeeCap: new(big.Int).Mul(orig.GasFeeCap(), big.NewInt(3)),
		Gas: 21_000, To: &gasAddr, Value: new(big.Int),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ec.SendTransaction(ctx, taker); err != nil {
		t.Fatalf("send the transaction that takes nonce %d: %v", orig.Nonce(), err)
	}
	waitReceipt(t, ctx, ec, taker.Hash())
	if _, _, err := ec.TransactionByHash(ctx, txHash); err == nil {
		t.Fatalf("the proof's transaction %s is still known to the node after its nonce was taken", txHash.Hex())
	}
	t.Logf("nonce %d taken by %s; the proof's transaction is gone from chain and pool", orig.Nonce(), taker.Hash().Hex())
	if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}

	byID := func(rec map[string]any) bool { return rec["id"] == workID }
	logs.wait(t, ctx, "proof transaction left the chain (reorganisation)", byID, reorgEventWait)
	logs.wait(t, ctx, "proof sent again after a reorganisation", byID, reorgEventWait)
	again := logs.wait(t, ctx, "proof included again after a reorganisation", byID, reorgEventWait)
	final := logs.wait(t, ctx, "proof final", byID, reorgEventWait)
	t.Logf("sent again, included in block %v, final with finalized block %v (%v after start)", again["block"], final["final_block"], time.Since(started).Round(time.Millisecond))

	// On chain: exactly one WorkAccepted for the work, from a new
	// transaction, in a finalized block.
	var logsOut []types.Log
	if err := node.Call(ctx, &logsOut, "eth_getLogs", map[string]any{
		"fromBlock": "0x0", "toBlock": "latest", "address": precompile.Address,
		"topics": []any{precompile.ABI().Events["WorkAccepted"].ID, workID},
	}); err != nil {
		t.Fatal(err)
	}
	if len(logsOut) != 1 {
		t.Fatalf("%d WorkAccepted events for work %s, want exactly 1: %+v", len(logsOut), workID, logsOut)
	}
	if logsOut[0].TxHash == txHash || logsOut[0].TxHash == taker.Hash() {
		t.Fatalf("the work was accepted by transaction %s, want a new one", logsOut[0].TxHash.Hex())
	}
	fin, err := ec.HeaderByNumber(ctx, big.NewInt(-3)) // finalized
	if err != nil {
		t.Fatal(err)
	}
	if logsOut[0].BlockNumber > fin.Number.Uint64() {
		t.Fatalf("accepted in block %d, above the finalized block %d", logsOut[0].BlockNumber, fin.Number)
	}
	if n := logs.count("proof accepted"); n != 1 {
		t.Fatalf("%d proof accepted lines, want 1 (one job)", n)
	}

	// The running miner's counts, in its metrics and in `pars-miner status`.
	body := scrape(t, ctx, "http://"+metricsListen+"/metrics")
	for _, want := range []string{
		"pars_miner_proofs_unconfirmed 0", "pars_miner_proofs_confirmed_total 1",
		"pars_miner_proofs_resubmitted_total 1", "pars_miner_proofs_lost_total 0",
	} {
		if !strings.Contains(body, want+"\n") {
			t.Fatalf("metrics lack %q", want)
		}
	}
	m := miner{t: t, bin: minerBin}
	status := m.ok(ctx, "status", "--config", cfg)
	if !strings.Contains(status, "finality        0 not final, 1 final, 1 resubmitted, 0 lost (the running miner, confirmations = finalized;") {
		t.Fatalf("status:\n%s", status)
	}
	t.Logf("done in %v", time.Since(started).Round(time.Millisecond))
}

// waitReceipt waits, bounded, for a successful receipt of hash.
func waitReceipt(t *testing.T, ctx context.Context, ec interface {
	TransactionReceipt(context.Context, common.Hash) (*types.Receipt, error)
}, hash common.Hash) *types.Receipt {
	t.Helper()
	deadline := time.Now().Add(commandLimit)
	for time.Now().Before(deadline) {
		if r, err := ec.TransactionReceipt(ctx, hash); err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				t.Fatalf("transaction %s failed", hash.Hex())
			}
			return r
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("transaction %s not mined within %v", hash.Hex(), commandLimit)
	return nil
}

// scrape reads a metrics page.
func scrape(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("metrics: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
