package teleporttest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/pars-network/aimining/teleport/relayer"
	"github.com/pars-network/aimining/teleport/signer"
)

// recipient2 receives the teleports of RestartMidway.
var recipient2 = common.HexToAddress("0x00000000000000000000000000000000000000d3")

// waitFor polls cond every 100 ms until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// signerProc is a signer running as its daemon does: Run in the
// background and the HTTP API on a loopback port.
type signerProc struct {
	*signer.Signer
	addr string
	stop func()
}

// startSigner starts a signer with state in dir, scanning from block from
// on a fresh directory, listening on addr ("127.0.0.1:0" for a free port).
// Stopping it is idempotent and also happens at cleanup.
func startSigner(t *testing.T, src *chain, k *proof.PrivateKey, dir string, from uint64, addr string) *signerProc {
	t.Helper()
	s, err := signer.New(ctx(t), signer.Config{Source: src.ec, Key: k, Confirmations: confirmations, StateDir: dir, FromBlock: from})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen %s: %v", addr, err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 5 * time.Second}
	runCtx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = srv.Serve(ln) })
	wg.Go(func() { _ = s.Run(runCtx, 100*time.Millisecond) })
	p := &signerProc{Signer: s, addr: ln.Addr().String()}
	p.stop = sync.OnceFunc(func() {
		cancel()
		_ = srv.Close()
		wg.Wait()
	})
	t.Cleanup(p.stop)
	return p
}

func (p *signerProc) url() string { return "http://" + p.addr }

// fetch returns the raw answer of GET /v1/teleports/{id}.
func (p *signerProc) fetch(t *testing.T, id common.Hash) []byte {
	t.Helper()
	resp, err := http.Get(p.url() + "/v1/teleports/" + id.Hex())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("signer %s: %v: HTTP %d %s %v", p.addr, id, resp.StatusCode, b, err)
	}
	return b
}

// relayLog records what a running relayer logged per teleport.
type relayLog struct {
	mu   sync.Mutex
	seen map[common.Hash][]string // "waiting" or the done outcome, in order
}

func (o *relayLog) Enabled(context.Context, slog.Level) bool { return true }
func (o *relayLog) WithAttrs([]slog.Attr) slog.Handler       { return o }
func (o *relayLog) WithGroup(string) slog.Handler            { return o }
func (o *relayLog) Handle(_ context.Context, r slog.Record) error {
	var id common.Hash
	what := ""
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "id":
			id, _ = a.Value.Any().(common.Hash)
		case "outcome":
			what = fmt.Sprint(a.Value.Any())
		}
		return true
	})
	switch r.Message {
	case "teleport waiting":
		what = "waiting"
	case "teleport done":
	default:
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.seen[id] = append(o.seen[id], what)
	return nil
}

func (o *relayLog) last(id common.Hash) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if s := o.seen[id]; len(s) > 0 {
		return s[len(s)-1]
	}
	return ""
}

// crashingDest is the destination as a relayer that stops at its first
// relay transaction sees it: before (the transaction is never sent) or
// after sending it (the receipt is never seen).
type crashingDest struct {
	relayer.Dest
	afterSend bool
	stop      func()
	once      sync.Once
	sent      []common.Hash
}

var errStopped = errors.New("relayer stopped")

func (d *crashingDest) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	err := errStopped
	d.once.Do(func() {
		if d.afterSend {
			if serr := d.Dest.SendTransaction(ctx, tx); serr != nil {
				err = serr
				return
			}
			d.sent = append(d.sent, tx.Hash())
		}
		d.stop()
	})
	return err
}

// relayerProc is a relayer running as its daemon does.
type relayerProc struct {
	log  *relayLog
	done chan struct{}
	stop func()
}

// startRelayer runs a relayer with state in dir. crash, if set, wraps the
// destination and gets the function that stops the relayer.
func startRelayer(t *testing.T, src, dst *chain, urls []string, dir string, crash *crashingDest) *relayerProc {
	t.Helper()
	p := &relayerProc{log: &relayLog{seen: map[common.Hash][]string{}}, done: make(chan struct{})}
	runCtx, cancel := context.WithCancel(context.Background())
	var dest relayer.Dest = dst.ec
	if crash != nil {
		crash.Dest, crash.stop = dst.ec, cancel
		dest = crash
	}
	r, err := relayer.New(ctx(t), relayer.Config{
		Source: src.ec, Dest: dest, Signers: urls, Key: relayerKeys[0], Confirmations: confirmations,
		StateDir: dir, ReceiptTimeout: 20 * time.Second, Logger: slog.New(p.log),
	})
	if err != nil {
		t.Fatal(err)
	}
	go func() { defer close(p.done); _ = r.Run(runCtx, 200*time.Millisecond) }()
	p.stop = sync.OnceFunc(func() {
		cancel()
		<-p.done
	})
	t.Cleanup(p.stop)
	return p
}

// exited waits for a relayer that stops itself.
func (p *relayerProc) exited(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(d):
		t.Fatalf("relayer still running after %v", d)
	}
}

func readCursor(t *testing.T, dir string) uint64 {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("cursor-%d-%d", genesis.ParsChainID, genesis.ZooChainID)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func signedFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "signed"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}

// testRestartMidway sends four teleports and, while they are in flight,
// stops and restarts one signer (after the first two are final and signed,
// before anything is relayed) and stops the relayer twice: once with the
// signatures collected and the relay not sent, once with the relay sent
// and its receipt not seen. Every message must be credited exactly once,
// what Pars burned must equal what Zoo credited, and nothing may be left
// pending.
func testRestartMidway(t *testing.T, pars, zoo *chain, keys []*proof.PrivateKey) {
	start := time.Now()
	mined := mine(t, pars)
	_, sentBefore := totals(t, pars)
	zooBefore := zoo.view(t, "teleportTotals")
	amounts := []*big.Int{
		new(big.Int).Div(mined, big.NewInt(10)), new(big.Int).Div(mined, big.NewInt(7)),
		new(big.Int).Div(mined, big.NewInt(5)), new(big.Int).Div(mined, big.NewInt(3)),
	}
	sum := new(big.Int)
	for _, a := range amounts {
		sum.Add(sum, a)
	}
	teleports := func(amounts ...*big.Int) ([]common.Hash, uint64) {
		var data [][]byte
		for _, a := range amounts {
			data = append(data, nodeharness.Pack(t, "teleport", uint32(genesis.ZooChainID), recipient2, a))
		}
		var ids []common.Hash
		var last uint64
		for _, r := range pars.sendAll(t, devKey, data...) {
			if r.Status != types.ReceiptStatusSuccessful || len(r.Logs) != 1 {
				t.Fatalf("pars: teleport failed: %+v", r)
			}
			ids, last = append(ids, r.Logs[0].Topics[1]), max(last, r.BlockNumber.Uint64())
		}
		return ids, last
	}

	// Two teleports; signers 0 and 1 sign them (signer 2 stays offline, so
	// both are needed for the threshold of 2). They start at this
	// subtest's blocks.
	from, err := pars.ec.BlockNumber(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := teleports(amounts[:2]...)
	dirs := []string{t.TempDir(), t.TempDir()}
	s0 := startSigner(t, pars, keys[0], dirs[0], from+1, "127.0.0.1:0")
	s1 := startSigner(t, pars, keys[1], dirs[1], from+1, "127.0.0.1:0")
	offline := httptest.NewServer(nil)
	offline.Close()
	urls := []string{s0.url(), s1.url(), offline.URL}
	waitFor(t, 20*time.Second, "signer 1 to sign the first teleports", func() bool {
		for _, id := range ids {
			if _, ok := s1.Signed(id); !ok {
				return false
			}
		}
		return true
	})
	served := map[common.Hash][]byte{}
	for _, id := range ids {
		served[id] = s1.fetch(t, id)
	}

	// Signer 1 stops; two more teleports go out while it is down.
	s1.stop()
	more, lastBlock := teleports(amounts[2:]...)
	ids = append(ids, more...)
	t.Logf("4 teleports in flight, last in block %d; signer 1 down (%v)", lastBlock, time.Since(start).Round(time.Millisecond))

	// The relayer finds every teleport final but only one signature each.
	relayerDir := t.TempDir()
	crash1 := &crashingDest{}
	r1 := startRelayer(t, pars, zoo, urls, relayerDir, crash1)
	waitFor(t, 20*time.Second, "the relayer to see all four teleports waiting", func() bool {
		for _, id := range ids {
			if r1.log.last(id) != "waiting" {
				return false
			}
		}
		return true
	})
	for _, id := range ids {
		if st := zoo.view(t, "teleportStatus", [32]byte(id))[0].(uint8); st != teleport.StatusUnknown {
			t.Fatalf("zoo: %v has status %d with one signature", id, st)
		}
	}

	// Signer 1 comes back from its state directory on the same address: it
	// serves the very signatures it served before and signs the other two
	// once.
	s1 = startSigner(t, pars, keys[1], dirs[1], from+1, s1.addr)
	for id, before := range served {
		if got := s1.fetch(t, id); string(got) != string(before) {
			t.Fatalf("signer 1 serves another signature of %v after its restart:\n%s\n%s", id, before, got)
		}
	}
	waitFor(t, 20*time.Second, "signer 1 to sign the last teleports", func() bool {
		_, ok2 := s1.Signed(ids[2])
		_, ok3 := s1.Signed(ids[3])
		return ok2 && ok3
	})

	// Now the relayer has a quorum: it stops with the signatures of the
	// first teleport collected and its relay not sent.
	r1.exited(t, 20*time.Second)
	if len(crash1.sent) != 0 {
		t.Fatal("the first relayer sent a transaction")
	}
	if c := readCursor(t, relayerDir); c > lastBlock {
		t.Fatalf("relayer cursor %d moved past teleports not relayed", c)
	}
	for _, id := range ids {
		if st := zoo.view(t, "teleportStatus", [32]byte(id))[0].(uint8); st != teleport.StatusUnknown {
			t.Fatalf("zoo: %v has status %d after a relayer stopped before sending", id, st)
		}
	}

	// Restarted, it sends the first relay and stops before its receipt.
	crash2 := &crashingDest{afterSend: true}
	r2 := startRelayer(t, pars, zoo, urls, relayerDir, crash2)
	r2.exited(t, 20*time.Second)
	if len(crash2.sent) != 1 {
		t.Fatalf("the second relayer sent %d transactions, want 1", len(crash2.sent))
	}
	t.Logf("relayer stopped before and after submitting (%v)", time.Since(start).Round(time.Millisecond))

	// Restarted again, it brings everything over.
	r3 := startRelayer(t, pars, zoo, urls, relayerDir, nil)
	waitFor(t, 30*time.Second, "the relayer to finish", func() bool {
		for _, id := range ids {
			if o := r3.log.last(id); o != string(relayer.Relayed) && o != string(relayer.AlreadyRelayed) {
				return false
			}
		}
		return true
	})
	r3.stop()
	if c := readCursor(t, relayerDir); c <= lastBlock {
		t.Fatalf("relayer cursor %d, want past block %d", c, lastBlock)
	}
	// The relay sent before the second stop counted: its message was done
	// by that transaction, not by a second one.
	rcpt, err := zoo.ec.TransactionReceipt(ctx(t), crash2.sent[0])
	if err != nil || rcpt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("zoo: relay sent before the stop: %v %v", rcpt, err)
	}

	// Each message credited exactly once: four pending ids, the amounts.
	pending := zoo.view(t, "pendingTeleports", recipient2)[0].([][32]byte)
	got := make([]common.Hash, len(pending))
	for i, p := range pending {
		got[i] = p
	}
	slices.SortFunc(got, func(a, b common.Hash) int { return a.Cmp(b) })
	want := slices.Clone(ids)
	slices.SortFunc(want, func(a, b common.Hash) int { return a.Cmp(b) })
	if !slices.Equal(got, want) {
		t.Fatalf("zoo: pending %x, want %x", got, want)
	}
	for i, id := range ids {
		st := zoo.view(t, "teleportStatus", [32]byte(id))
		if st[0].(uint8) != teleport.StatusPending || st[3].(*big.Int).Cmp(amounts[i]) != 0 {
			t.Fatalf("zoo: status of %v: %v", id, st)
		}
	}

	// A relayer from scratch finds nothing left to send.
	relayerAddr := crypto.PubkeyToAddress(relayerKeys[0].PublicKey)
	nonce, err := zoo.ec.NonceAt(ctx(t), relayerAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := relayer.New(ctx(t), relayer.Config{Source: pars.ec, Dest: zoo.ec, Signers: urls, Key: relayerKeys[0],
		Confirmations: confirmations, FromBlock: from + 1, StateDir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := fresh.RunOnce(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(ids) {
		t.Fatalf("fresh relayer: %d results for %d teleports", len(res), len(ids))
	}
	for _, x := range res {
		if x.Outcome != relayer.AlreadyRelayed {
			t.Fatalf("fresh relayer: %+v", x)
		}
	}
	if n, err := zoo.ec.NonceAt(ctx(t), relayerAddr, nil); err != nil || n != nonce {
		t.Fatalf("fresh relayer sent transactions: nonce %d -> %d (%v)", nonce, n, err)
	}

	// Claim all; then nothing is pending and the books balance.
	var claims [][]byte
	for _, id := range ids {
		claims = append(claims, nodeharness.Pack(t, "claimTeleport", [32]byte(id)))
	}
	for _, r := range zoo.sendAll(t, devKey, claims...) {
		if r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("zoo: claim failed in block %d", r.BlockNumber)
		}
	}
	if b := zoo.balance(t, recipient2); b.Cmp(sum) != 0 {
		t.Fatalf("zoo: recipient balance %v, want %v", b, sum)
	}
	if p := zoo.view(t, "pendingTeleports", recipient2)[0].([][32]byte); len(p) != 0 {
		t.Fatalf("zoo: still pending %x", p)
	}
	_, sentAfter := totals(t, pars)
	zooAfter := zoo.view(t, "teleportTotals")
	burned, relayed, claimed := diff(sentAfter, sentBefore), diff(zooAfter[2], zooBefore[2]), diff(zooAfter[3], zooBefore[3])
	if burned.Cmp(sum) != 0 || relayed.Cmp(sum) != 0 || claimed.Cmp(sum) != 0 {
		t.Fatalf("burned on pars %v, relayed on zoo %v, claimed %v; sent %v", burned, relayed, claimed, sum)
	}
	if zooAfter[2].(*big.Int).Cmp(zooAfter[3].(*big.Int)) != 0 {
		t.Fatalf("zoo: relayed %v but claimed %v", zooAfter[2], zooAfter[3])
	}

	// Each signer holds one signature per message.
	for i, dir := range dirs {
		if n := len(signedFiles(t, dir)); n != len(ids) {
			t.Fatalf("signer %d stored %d signatures for %d messages", i, n, len(ids))
		}
	}
	t.Logf("4 teleports, %v wei, credited once each through 1 signer and 2 relayer restarts in %v",
		sum, time.Since(start).Round(time.Millisecond))
}
