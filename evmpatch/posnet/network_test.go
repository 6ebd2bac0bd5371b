package posnet_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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
	"github.com/pars-network/aimining/evmpatch/posnet"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// PARS_POSNET_DIR, when set, names a fresh folder for the network, kept
// after the test with every log (else a temporary folder is used).
//
// Bounds. The whole test takes about five minutes on two cores; testLimit
// stops it cleanly well before `go test`'s default ten-minute timeout.
const (
	testLimit    = 9 * time.Minute
	rpcTimeout   = 10 * time.Second
	receiptWait  = 60 * time.Second
	startLimit   = 3 * time.Minute
	finalityWait = 4 * time.Minute // first finality, or two more epochs finalised
)

// payee is the beneficiary of every proof here.
var payee = common.HexToAddress("0x00000000000000000000000000000000000000cc")

// bin returns the repository's bin folder ($PARS_BIN, else ../../bin),
// failing the test with how to build what is missing. -short skips.
func bin(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("proof-of-stake network test: runs pars-geth and Prysm")
	}
	dir := os.Getenv("PARS_BIN")
	if dir == "" {
		dir = filepath.Join("..", "..", "bin")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, build := range map[string]string{
		posnet.GethBinary: "make pars-geth", posnet.BeaconBinary: "make prysm",
		posnet.ValidatorBinary: "make prysm", posnet.PrysmctlBinary: "make prysm",
	} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatalf("%v: build it with `%s` in the repository root (or set $PARS_BIN)", err, build)
		}
	}
	return dir
}

// logWriter sends the network's progress lines to the test log.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// split is how the test spreads the 64 interop validators over the three
// pairs. Pair 2, the one the faults hit, holds 18 (28 %): with it down the
// 46 left are 3 more than the two thirds (42.7) that justify an epoch, so
// finality goes on even when a few attestations come late. With the
// devnet's even split (22/21/21) the 43 left would have to attest all, in
// time, in the same epoch (43 × 3 = 129 ≥ 128), which two loaded cores do
// not always manage.
var split = []int{23, 23, 18}

// TestProofOfStakeNetwork runs three pairs of pars-geth + Prysm beacon
// node + validator client (64 interop validators split 23/23/18) and
// checks, on one network shared by the subtests, in order:
//   - peering: each beacon node is connected to the others under the peer
//     ids computed in advance; each pars-geth has two devp2p peers;
//   - proofs to 0x0300 accepted in a block that gets finalised, with that
//     block and 0x0300's storage (its storage root, the payee's balance
//     slot, the works spent) identical on all nodes, and finality then
//     advancing further;
//   - fault: the validator client of pair 2 killed (SIGKILL): for an epoch
//     the others go on proposing (every block after the kill has a proposer
//     of pairs 0 and 1), and pair 2's nodes, still running, follow them;
//   - fault: pair 2 then stopped: blocks keep coming, a proof sent
//     meanwhile is accepted, and the two pairs left finalise the epoch after
//     the stop on their own;
//   - recovery: pair 2 restarted on its data syncs to the same finalised
//     block, state root and 0x0300 storage as the others, and finality
//     advances with it back.
//
// Throughout, a pars-miner with the default finality (the finalized block)
// mines against pair 0 every 10 s; at the end some of its proofs are final,
// each in a block at or below the finalised one, none lost, and `pars-miner
// status` says so.
func TestProofOfStakeNetwork(t *testing.T) {
	binDir := bin(t)
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()
	began := time.Now()

	startCtx, startCancel := context.WithTimeout(ctx, startLimit)
	dir := os.Getenv("PARS_POSNET_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	// A pars-miner mines against pair 0 through every fault, with its
	// default finality (the finalized block); its home is written first so
	// that the genesis funds its gas account and bonds its miner id.
	mnr := newPosMiner(t, binDir, startCtx)
	gen := devnode.DevGenesis(genesis.ParsChainID, devnode.Ether(1_000_000), mnr.gas)
	// The proofs' miners are bonded at genesis: unbonded work earns nothing.
	params := precompile.DefaultParams(genesis.DevAddress)
	params.Bonds = []precompile.GenesisBond{
		{MinerID: minerKey.Public().ID(), Bonder: genesis.DevAddress, Amount: precompile.DefaultMinBond.Clone()},
		{MinerID: mnr.id, Bonder: mnr.gas, Amount: precompile.DefaultMinBond.Clone()},
	}
	gen.Params = &params
	nw, err := posnet.Start(startCtx, posnet.Config{
		Bin: binDir, Dir: dir, GenesisDelay: 15 * time.Second, Split: split,
		Genesis: gen,
		Log:     logWriter{t},
	})
	startCancel()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		nw.Close()
		if t.Failed() {
			for _, p := range nw.Pairs() {
				for _, prog := range []string{posnet.GethBinary, posnet.BeaconBinary, posnet.ValidatorBinary} {
					nodeharness.DumpLog(t, fmt.Sprintf("pair %d %s", p.Index, prog), p.LogPath(prog))
				}
			}
		}
		t.Logf("test wall time %v", time.Since(began).Round(time.Second))
	})
	pairs := nw.Pairs()
	h := &harness{t: t, nw: nw, ctx: ctx}
	mnr.start(t, pairs[0].RPC())
	defer mnr.check(t, h, pairs[0])

	if !t.Run("peering", func(t *testing.T) {
		h.t = t
		h.eventually("every beacon node connected to the peer ids of the others, every pars-geth to 2 devp2p peers", time.Minute, func() error {
			for _, p := range pairs {
				ids, err := p.BeaconPeers(h.ctx)
				if err != nil {
					return err
				}
				for _, o := range pairs {
					if o != p && !slices.Contains(ids, o.PeerID) {
						return fmt.Errorf("pair %d: beacon peers %v lack pair %d's %s", p.Index, ids, o.Index, o.PeerID)
					}
				}
				var eth hexutil.Uint64
				if err := p.Call(h.ctx, &eth, "net_peerCount"); err != nil {
					return err
				}
				if eth != 2 {
					return fmt.Errorf("pair %d: %d devp2p peers", p.Index, eth)
				}
			}
			return nil
		})
	}) {
		return
	}

	// Proofs go in as soon as blocks flow; the block holding them must be
	// finalised, with finality then advancing further.
	var works []proof.Hash
	if !t.Run("proof finalised on all nodes", func(t *testing.T) {
		h.t = t
		h.eventually("a first block", time.Minute, func() error {
			b, err := pairs[1].Block(h.ctx, "latest")
			if err == nil && b.Number == 0 {
				err = errors.New("still at genesis")
			}
			return err
		})
		rs, ws := h.submitProofs(pairs[1], 2)
		works = append(works, ws...)
		first := h.sameFinalized(pairs, rs[len(rs)-1].BlockNumber.Uint64(), finalityWait)
		t.Logf("first finalised block #%d seen %v after genesis", first.Number, time.Since(nw.GenesisTime()).Round(time.Second))
		for _, r := range rs {
			for _, p := range pairs {
				b, err := p.Block(h.ctx, hexutil.EncodeUint64(r.BlockNumber.Uint64()))
				if err != nil || b.Hash != r.BlockHash {
					t.Errorf("pair %d: block #%d is %v (%v), want %v with the proof", p.Index, r.BlockNumber, b.Hash, err, r.BlockHash)
				}
			}
		}
		h.sameStorage(pairs, first, works)
		next := h.sameFinalized(pairs, first.Number+1, finalityWait)
		t.Logf("finalised block advanced to #%d %v after genesis", next.Number, time.Since(nw.GenesisTime()).Round(time.Second))
	}) {
		return
	}

	// Pair 2 holds 18 of the 64 validators (see split).
	down := pairs[2]
	up := pairs[:2]
	if !t.Run("a validator client killed", func(t *testing.T) {
		h.t = t
		killed := h.slotAt(time.Now())
		down.KillValidator()
		t.Logf("pair 2's validator client (validators %d..%d) killed in slot %d", down.FirstKey, down.FirstKey+down.Keys-1, killed)
		// A block of the kill's slot (or the next) may be on its way already.
		from, to := killed+2, killed+1+h.nw.SlotsPerEpoch()
		h.eventually(fmt.Sprintf("slot %d", to+1), 2*h.nw.EpochDuration(), func() error {
			if now := h.slotAt(time.Now()); now <= to {
				return fmt.Errorf("slot %d", now)
			}
			return nil
		})
		proposed, missed := 0, 0
		for slot := from; slot <= to; slot++ {
			var hdr struct {
				Data struct {
					Header struct {
						Message struct {
							ProposerIndex string `json:"proposer_index"`
						} `json:"message"`
					} `json:"header"`
				} `json:"data"`
			}
			err := pairs[0].BeaconGet(h.ctx, fmt.Sprintf("/eth/v1/beacon/headers/%d", slot), &hdr)
			if err != nil && strings.Contains(err.Error(), "404") {
				missed++
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			var idx int
			if _, err := fmt.Sscan(hdr.Data.Header.Message.ProposerIndex, &idx); err != nil {
				t.Fatalf("slot %d: proposer %q: %v", slot, hdr.Data.Header.Message.ProposerIndex, err)
			}
			if idx >= down.FirstKey && idx < down.FirstKey+down.Keys {
				t.Errorf("slot %d proposed by validator %d, whose client was killed", slot, idx)
			}
			proposed++
		}
		t.Logf("slots %d..%d after the kill: %d proposed by pairs 0 and 1, %d missed (pair 2's turns)", from, to, proposed, missed)
		if proposed < 2 {
			t.Errorf("only %d blocks in %d slots after the kill", proposed, to-from+1)
		}
		h.eventually("pair 2's nodes following the others' head", time.Minute, func() error {
			a, err := up[0].Block(h.ctx, "latest")
			if err != nil {
				return err
			}
			b, err := down.Block(h.ctx, hexutil.EncodeUint64(a.Number))
			if err != nil {
				return err
			}
			if b != a {
				return fmt.Errorf("block #%d: pair 2 %v, pair 0 %v", a.Number, b.Hash, a.Hash)
			}
			return nil
		})
	}) {
		return
	}

	var finBefore posnet.Block
	if !t.Run("a pair stopped", func(t *testing.T) {
		h.t = t
		down.Stop()
		stoppedAt := time.Now()
		stopEpoch := nw.EpochAt(stoppedAt)
		headBefore, err := up[0].Block(h.ctx, "latest")
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("pair 2 (validators %d..%d of 64) stopped in epoch %d at head #%d: %d of 64 validators left", down.FirstKey, down.FirstKey+down.Keys-1, stopEpoch, headBefore.Number, 64-down.Keys)
		rs, ws := h.submitProofs(pairs[0], 1)
		works = append(works, ws...)
		// Finalising epoch stopEpoch+1 takes votes for it as a target, all
		// cast after the stop: the two pairs left finalise on their own.
		h.eventually(fmt.Sprintf("epoch %d finalised by two pairs", stopEpoch+1), finalityWait, func() error {
			f, err := up[0].Finality(h.ctx)
			if err != nil {
				return err
			}
			if f.FinalizedEpoch < stopEpoch+1 {
				return fmt.Errorf("finalised epoch %d (justified %d)", f.FinalizedEpoch, f.JustifiedEpoch)
			}
			return nil
		})
		finBefore = h.sameFinalized(up, rs[0].BlockNumber.Uint64(), finalityWait)
		head, err := up[0].Block(h.ctx, "latest")
		if err != nil {
			t.Fatal(err)
		}
		slots := uint64(time.Since(stoppedAt) / nw.SlotDuration())
		t.Logf("two pairs: finalised #%d, %d blocks in %d slots (%v) since the stop", finBefore.Number, head.Number-headBefore.Number, slots, time.Since(stoppedAt).Round(time.Second))
		if head.Number-headBefore.Number < slots/3 {
			t.Errorf("only %d blocks in %d slots with two of three pairs proposing", head.Number-headBefore.Number, slots)
		}
		h.sameStorage(up, finBefore, works)
	}) {
		return
	}

	t.Run("restart syncs to the same state", func(t *testing.T) {
		h.t = t
		restarted := time.Now()
		if err := down.Restart(h.ctx); err != nil {
			t.Fatal(err)
		}
		h.eventually("pair 2 following the head again", finalityWait, func() error {
			a, err := up[0].Block(h.ctx, "latest")
			if err != nil {
				return err
			}
			b, err := down.Block(h.ctx, "latest")
			if err != nil {
				return err
			}
			if b.Number+2 < a.Number {
				return fmt.Errorf("pair 2 at #%d, pair 0 at #%d", b.Number, a.Number)
			}
			return nil
		})
		fin := h.sameFinalized(pairs, finBefore.Number+1, finalityWait)
		t.Logf("pair 2 restarted, synced, and finalised #%d with the others %v after the restart", fin.Number, time.Since(restarted).Round(time.Second))
		h.sameStorage(pairs, fin, works)
	})
}

// statusFinality is `pars-miner status`'s finality line with some proofs
// final and none lost.
var statusFinality = regexp.MustCompile(`finality +\d+ not final, [1-9]\d* final, \d+ resubmitted, 0 lost \(the running miner, confirmations = finalized;`)

// posMiner is a pars-miner mining against the network.
type posMiner struct {
	bin, home, cfg, metrics string
	gas                     common.Address
	id                      proof.Hash
	log                     *os.File
	cmd                     *exec.Cmd
	exited                  chan error
}

// newPosMiner writes a pars-miner home (wallet, gas keystore, and a
// configuration with the default finality and a job every 10 s).
func newPosMiner(t *testing.T, binDir string, ctx context.Context) *posMiner {
	t.Helper()
	m := &posMiner{bin: filepath.Join(binDir, "pars-miner"), home: t.TempDir()}
	if _, err := os.Stat(m.bin); err != nil {
		t.Fatalf("%v: build it with `make pars-miner`", err)
	}
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("pars posnet miner gas account")))
	if err != nil {
		t.Fatal(err)
	}
	port, err := devnode.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	m.metrics = fmt.Sprintf("127.0.0.1:%d", port)
	m.cfg, m.gas, err = devnode.WriteMinerConfig(ctx, devnode.MinerHome{
		Dir: m.home, Miner: m.bin, Scheme: "44", Passphrase: "posnet", GasKey: key, ChainID: genesis.ParsChainID,
		RPC: "http://127.0.0.1:1", JobInterval: 10 * time.Second, MaxTokens: 16, Metrics: m.metrics,
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(m.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(m.cfg, []byte(strings.Replace(string(b), "confirmations = 1\n", "", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if m.id, err = devnode.MinerID(m.home); err != nil {
		t.Fatal(err)
	}
	return m
}

// start runs the miner against rpc until the test ends (SIGINT, then
// SIGKILL, by its PID).
func (m *posMiner) start(t *testing.T, rpc string) {
	t.Helper()
	if err := devnode.SetMinerRPC(m.cfg, rpc); err != nil {
		t.Fatal(err)
	}
	var err error
	if m.log, err = os.Create(filepath.Join(m.home, "miner.log")); err != nil {
		t.Fatal(err)
	}
	m.cmd = exec.Command(m.bin, "--config", m.cfg, "--log-format", "json")
	m.cmd.Stdout, m.cmd.Stderr = m.log, m.log
	if err := m.cmd.Start(); err != nil {
		t.Fatalf("start pars-miner: %v", err)
	}
	m.exited = make(chan error, 1)
	go func() { m.exited <- m.cmd.Wait() }()
	t.Cleanup(func() {
		_ = m.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-m.exited:
		case <-time.After(15 * time.Second):
			_ = m.cmd.Process.Kill()
			<-m.exited
		}
		m.log.Close()
		if t.Failed() {
			nodeharness.DumpLog(t, "pars-miner", m.log.Name())
		}
	})
	t.Logf("pars-miner pid %d mining against %s, confirmations = finalized", m.cmd.Process.Pid, rpc)
}

// check runs at the end: the miner's proofs became final (each in a block
// at or below p's finalized block), none was lost, and `pars-miner
// status` reports the same counts.
func (m *posMiner) check(t *testing.T, h *harness, p *posnet.Pair) {
	t.Helper()
	if t.Failed() {
		return
	}
	raw, err := os.ReadFile(m.log.Name())
	if err != nil {
		t.Fatal(err)
	}
	fin, err := p.Block(h.ctx, "finalized") // read after the log: at least what it saw
	if err != nil {
		t.Fatal(err)
	}
	accepted, final := 0, 0
	for _, line := range strings.Split(string(raw), "\n") {
		var rec struct {
			Msg   string `json:"msg"`
			Block uint64 `json:"block"`
		}
		if json.Unmarshal([]byte(line), &rec) != nil {
			continue
		}
		switch rec.Msg {
		case "proof accepted":
			accepted++
		case "proof final":
			final++
			if rec.Block > fin.Number {
				t.Errorf("the miner counts a proof of block #%d final; pair %d finalised #%d", rec.Block, p.Index, fin.Number)
			}
		}
	}
	body := ""
	req, _ := http.NewRequestWithContext(h.ctx, http.MethodGet, "http://"+m.metrics+"/metrics", nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
	}
	if final < 1 || !strings.Contains(body, "pars_miner_proofs_lost_total 0\n") || !strings.Contains(body, "pars_miner_proofs_confirmed_total ") {
		t.Errorf("pars-miner: %d proofs accepted, %d final; its metrics:\n%s", accepted, final, body)
	}
	cctx, cancel := context.WithTimeout(h.ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(cctx, m.bin, "status", "--config", m.cfg).Output()
	if err != nil || !statusFinality.Match(out) {
		t.Errorf("pars-miner status (%v):\n%s", err, out)
	}
	t.Logf("pars-miner: %d proofs accepted, %d final (finalised block #%d), none lost", accepted, final, fin.Number)
}

// harness holds the network under test and bounded helpers. Each call to
// a node is bounded by posnet's HTTP client timeout, the whole test by ctx.
type harness struct {
	t   *testing.T
	nw  *posnet.Network
	ctx context.Context
}

// slotAt returns the beacon slot at time at.
func (h *harness) slotAt(at time.Time) uint64 {
	return uint64(at.Sub(h.nw.GenesisTime()) / h.nw.SlotDuration())
}

// eventually polls f every second until it returns nil, failing the test
// with f's last error after limit.
func (h *harness) eventually(what string, limit time.Duration, f func() error) {
	h.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) || h.ctx.Err() != nil {
			h.t.Fatalf("%s: not within %v: %v", what, limit, err)
		}
		time.Sleep(time.Second)
	}
}

// sameFinalized waits until every pair reports the same finalised block,
// numbered at least min, and returns it.
func (h *harness) sameFinalized(pairs []*posnet.Pair, min uint64, limit time.Duration) posnet.Block {
	h.t.Helper()
	var got posnet.Block
	h.eventually(fmt.Sprintf("the same finalised block ≥ #%d on pairs %v", min, indices(pairs)), limit, func() error {
		var first posnet.Block
		for i, p := range pairs {
			b, err := p.Block(h.ctx, "finalized")
			if errors.Is(err, posnet.ErrNoBlock) {
				return fmt.Errorf("pair %d: nothing finalised yet", p.Index)
			}
			if err != nil {
				return err
			}
			if b.Number < min {
				return fmt.Errorf("pair %d: finalised #%d", p.Index, b.Number)
			}
			if i == 0 {
				first = b
			} else if b != first {
				return fmt.Errorf("pair %d finalised #%d %v, pair %d #%d %v", p.Index, b.Number, b.Hash, pairs[0].Index, first.Number, first.Hash)
			}
		}
		got = first
		return nil
	})
	return got
}

func indices(pairs []*posnet.Pair) []int {
	var out []int
	for _, p := range pairs {
		out = append(out, p.Index)
	}
	return out
}

// sameStorage checks that at block b every pair has b's state root, the
// same storage root of 0x0300, the same non-zero pending reward of the
// first work (rewards wait pending through the challenge window), and every
// work in works spent.
func (h *harness) sameStorage(pairs []*posnet.Pair, b posnet.Block, works []proof.Hash) {
	h.t.Helper()
	var root, bal common.Hash
	for i, p := range pairs {
		blk, err := p.Block(h.ctx, hexutil.EncodeUint64(b.Number))
		if err != nil {
			h.t.Fatal(err)
		}
		if blk != b {
			h.t.Errorf("pair %d: block #%d is %v root %v, want %v root %v", p.Index, b.Number, blk.Hash, blk.StateRoot, b.Hash, b.StateRoot)
		}
		var acc struct {
			StorageHash common.Hash `json:"storageHash"`
		}
		at := map[string]any{"blockHash": b.Hash}
		if err := p.Call(h.ctx, &acc, "eth_getProof", precompile.Address, []string{}, at); err != nil {
			h.t.Fatal(err)
		}
		var slot common.Hash
		if err := p.Call(h.ctx, &slot, "eth_getStorageAt", precompile.Address, precompile.WorkSlot(works[0], 0), at); err != nil {
			h.t.Fatal(err)
		}
		if i == 0 {
			root, bal = acc.StorageHash, slot
		} else if acc.StorageHash != root || slot != bal {
			h.t.Errorf("pair %d: 0x0300 storage root %v, pending record %v; pair %d: %v, %v", p.Index, acc.StorageHash, slot, pairs[0].Index, root, bal)
		}
		for _, w := range works {
			var out hexutil.Bytes
			data := nodeharness.Pack(h.t, "isSpent", [32]byte(w))
			if err := p.Call(h.ctx, &out, "eth_call", map[string]any{"to": precompile.Address, "data": hexutil.Bytes(data)}, at); err != nil {
				h.t.Fatal(err)
			}
			if new(big.Int).SetBytes(out).Sign() == 0 {
				h.t.Errorf("pair %d: work %x not spent at #%d", p.Index, w[:8], b.Number)
			}
		}
	}
	if bal == (common.Hash{}) {
		h.t.Errorf("the first work holds no pending reward at #%d", b.Number)
	}
	h.t.Logf("block #%d %v: state root %v, 0x0300 storage root %v on pairs %v", b.Number, b.Hash.TerminalString(), b.StateRoot.TerminalString(), root.TerminalString(), indices(pairs))
}

// minerKey is the ML-DSA-65 key of every proof here.
var minerKey = func() *proof.PrivateKey {
	k, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{0: 0x65, 1: 18})
	if err != nil {
		panic(err)
	}
	return k
}()

// submitProofs sends count fresh proofs for payee to 0x0300 through p,
// from geth's developer account, and waits for their successful receipts.
func (h *harness) submitProofs(p *posnet.Pair, count int) ([]*types.Receipt, []proof.Hash) {
	h.t.Helper()
	ec := nodeharness.Dial(h.t, p.RPC())
	c := &nodeharness.Client{Name: fmt.Sprintf("pair %d", p.Index), EC: ec, ChainID: h.nw.ChainID(), Gas: 1_000_000, Timeout: rpcTimeout, Wait: receiptWait}
	var data [][]byte
	var works []proof.Hash
	for range count {
		pr := &proof.AIWorkProof{
			Context: proof.WorkContext{
				ChainID: uint32(h.nw.ChainID()), JobID: proof.Hash{1}, ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.Hash{3},
				DeviceID: proof.Hash{4}, Timestamp: uint64(time.Now().Unix()),
			},
			Beneficiary: payee, OutputHash: proof.HashOutput([]byte("output")), InputTokens: 60, OutputTokens: 24,
		}
		if _, err := rand.Read(pr.Context.Nonce[:]); err != nil {
			h.t.Fatal(err)
		}
		if err := pr.Sign(minerKey, true); err != nil {
			h.t.Fatal(err)
		}
		data = append(data, nodeharness.Pack(h.t, "submitWorkProof", pr.Encode(), []byte{}))
		works = append(works, pr.WorkID())
	}
	rs := c.Send(h.t, nodeharness.DevKey(), data...)
	for _, r := range rs {
		if r.Status != types.ReceiptStatusSuccessful {
			h.t.Fatalf("pair %d: proof transaction %v failed", p.Index, r.TxHash)
		}
	}
	h.t.Logf("pair %d: %d proofs accepted in block #%d", p.Index, count, rs[len(rs)-1].BlockNumber)
	return rs, works
}
