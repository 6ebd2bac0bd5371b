package relayer_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/pars-network/aimining/teleport/internal/chaintest"
	"github.com/pars-network/aimining/teleport/relayer"
	"github.com/pars-network/aimining/teleport/signer"
	"github.com/stretchr/testify/require"
)

const (
	pars          = 6133
	zoo           = 200200
	confirmations = 1
)

var (
	sender    = common.HexToAddress("0x00000000000000000000000000000000000000c1")
	recipient = common.HexToAddress("0x00000000000000000000000000000000000000d2")
	stranger  = common.HexToAddress("0x00000000000000000000000000000000000000e1")
	payer     = mustKey("8a1f9a8f95be41cd7ccb6168179afb4504aefe388d1e14474d32c45c72ce7b7a")
	quiet     = slog.New(slog.DiscardHandler)
)

func mustKey(h string) *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(h)
	if err != nil {
		panic(err)
	}
	return k
}

// fixture is Pars (source) and Zoo (destination) with the real precompile,
// and three real signers of Pars, of which Zoo accepts any two.
type fixture struct {
	src, dst *chaintest.Chain
	signers  []*signer.Signer // members 0, 1, 2 of Zoo's set for Pars, then one outside it
	urls     []string         // their HTTP servers
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{src: chaintest.New(t, pars), dst: chaintest.New(t, zoo)}
	var keys []*proof.PrivateKey
	for i := range 4 {
		k, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{0: 0x7e, 1: byte(i)})
		require.NoError(t, err)
		keys = append(keys, k)
		s, err := signer.New(context.Background(), signer.Config{Source: f.src, Key: k, Confirmations: confirmations, Logger: quiet})
		require.NoError(t, err)
		srv := httptest.NewServer(s.Handler())
		t.Cleanup(srv.Close)
		f.signers, f.urls = append(f.signers, s), append(f.urls, srv.URL)
	}
	f.dst.SetSigners(t, pars, keys[:3], 2)
	return f
}

// send teleports amount from Pars to the recipient on Zoo.
func (f *fixture) send(t *testing.T, amount int64) chaintest.Sent {
	return f.src.Teleport(t, sender, zoo, recipient, big.NewInt(amount))
}

// final makes everything sent final and has every signer sign it.
func (f *fixture) final(t *testing.T) {
	f.src.Advance(confirmations)
	for _, s := range f.signers {
		_, err := s.Poll(context.Background())
		require.NoError(t, err)
	}
}

func (f *fixture) relayer(t *testing.T, urls []string, dir string, dest relayer.Dest) *relayer.Relayer {
	t.Helper()
	if dest == nil {
		dest = f.dst
	}
	r, err := relayer.New(context.Background(), relayer.Config{
		Source: f.src, Dest: dest, Signers: urls, Key: payer, Confirmations: confirmations, StateDir: dir,
		ReceiptTimeout: 5 * time.Second, Logger: quiet,
	})
	require.NoError(t, err)
	return r
}

func (f *fixture) status(t *testing.T, id common.Hash) uint8 {
	return f.dst.View(t, "teleportStatus", [32]byte(id))[0].(uint8)
}

// relayedIn is Zoo's total of relayed amounts.
func (f *fixture) relayedIn(t *testing.T) *big.Int {
	return f.dst.View(t, "teleportTotals")[2].(*big.Int)
}

// relayDirect relays s with signers 0 and 1 from another account, as a
// competing relayer would.
func (f *fixture) relayDirect(t *testing.T, s chaintest.Sent) {
	t.Helper()
	var pks, sigs [][]byte
	for _, sg := range f.signers[:2] {
		sm, ok := sg.Signed(s.ID)
		require.True(t, ok)
		pks, sigs = append(pks, sm.PublicKey), append(sigs, sm.Signature)
	}
	_, rev := f.dst.Exec(stranger, chaintest.Pack(t, "relayTeleport", s.Message.Encode(), []uint8{0, 1}, pks, sigs))
	require.Nil(t, rev)
}

// serve answers with fn, for signers that misbehave.
func serve(t *testing.T, fn http.HandlerFunc) string {
	srv := httptest.NewServer(fn)
	t.Cleanup(srv.Close)
	return srv.URL
}

// down is the URL of a signer that is not running.
func down(t *testing.T) string {
	srv := httptest.NewServer(nil)
	srv.Close()
	return srv.URL
}

// rewrite serves signer i's answers changed by change.
func (f *fixture) rewrite(t *testing.T, i int, change func(sm *teleport.SignedMessage)) string {
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		f.signers[i].Handler().ServeHTTP(rec, r)
		var sm teleport.SignedMessage
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &sm) != nil {
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		change(&sm)
		_ = json.NewEncoder(w).Encode(sm)
	})
}

// hiding serves signer i's answers except for id, which it has not signed.
func (f *fixture) hiding(t *testing.T, i int, id *common.Hash) string {
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, id.Hex()) {
			http.Error(w, `{"error":"not signed"}`, http.StatusNotFound)
			return
		}
		f.signers[i].Handler().ServeHTTP(w, r)
	})
}

func TestCollectsThreshold(t *testing.T) {
	for _, tc := range []struct {
		name    string
		signers func(t *testing.T, f *fixture, other chaintest.Sent) []string
		want    relayer.Outcome
		got     int // signatures found when Waiting
	}{
		{"all up", func(t *testing.T, f *fixture, _ chaintest.Sent) []string { return f.urls[:3] }, relayer.Relayed, 0},
		{"one down", func(t *testing.T, f *fixture, _ chaintest.Sent) []string {
			return []string{f.urls[0], down(t), f.urls[2]}
		}, relayer.Relayed, 0},
		{"two down", func(t *testing.T, f *fixture, _ chaintest.Sent) []string {
			return []string{down(t), f.urls[1], down(t)}
		}, relayer.Waiting, 1},
		{"garbage, then members", func(t *testing.T, f *fixture, _ chaintest.Sent) []string {
			return []string{
				serve(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("hello")) }),
				f.urls[0],
				serve(t, func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) }),
				serve(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{"id":"0x12"}`)) }),
				f.urls[2],
			}
		}, relayer.Relayed, 0},
		{"one member, the rest garbage", func(t *testing.T, f *fixture, other chaintest.Sent) []string {
			return []string{
				f.urls[0],
				serve(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("{")) }),
				f.rewrite(t, 1, func(sm *teleport.SignedMessage) { sm.Signature[7] ^= 1 }),
				f.rewrite(t, 1, func(sm *teleport.SignedMessage) { sm.Message = other.Message.Encode() }),
				f.rewrite(t, 1, func(sm *teleport.SignedMessage) { sm.ID = other.ID }),
				f.rewrite(t, 1, func(sm *teleport.SignedMessage) { sm.PublicKey = sm.PublicKey[:100] }),
			}
		}, relayer.Waiting, 1},
		{"signature by a key outside the set", func(t *testing.T, f *fixture, _ chaintest.Sent) []string {
			return []string{f.urls[3], f.urls[0]}
		}, relayer.Waiting, 1},
		{"another member's key swapped in", func(t *testing.T, f *fixture, _ chaintest.Sent) []string {
			return []string{f.urls[0], f.rewrite(t, 3, func(sm *teleport.SignedMessage) {
				m, _ := f.signers[1].Signed(sm.ID)
				sm.PublicKey = m.PublicKey // a member's key on an outsider's signature
			})}
		}, relayer.Waiting, 1},
		{"outsider, down, then members", func(t *testing.T, f *fixture, _ chaintest.Sent) []string {
			return []string{f.urls[3], down(t), f.urls[1], f.urls[2]}
		}, relayer.Relayed, 0},
		{"the same member twice", func(t *testing.T, f *fixture, _ chaintest.Sent) []string {
			return []string{f.urls[0], f.urls[0] + "/"}
		}, relayer.Waiting, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			a := f.send(t, 5)
			other := f.send(t, 6)
			f.final(t)
			r := f.relayer(t, tc.signers(t, f, other), "", nil)
			res, err := r.RunOnce(context.Background())
			require.NoError(t, err)
			require.Len(t, res, 2)
			got := res[0]
			require.Equal(t, a.ID, got.ID)
			require.Equal(t, tc.want, got.Outcome, got.Reason)
			switch tc.want {
			case relayer.Relayed:
				require.Equal(t, teleport.StatusPending, f.status(t, a.ID))
				rcpt, err := f.dst.TransactionReceipt(context.Background(), got.TxHash)
				require.NoError(t, err)
				require.Equal(t, types.ReceiptStatusSuccessful, rcpt.Status)
			default:
				require.Contains(t, got.Reason, fmt.Sprintf("%d of 2 signatures", tc.got))
				require.Equal(t, teleport.StatusUnknown, f.status(t, a.ID))
				require.Equal(t, common.Hash{}, got.TxHash, "sent a relay without a quorum")
				require.Equal(t, a.Block, r.Cursor())
			}
		})
	}
}

// hookedDest is the destination seen through a hook, for crashes and races
// at chosen points.
type hookedDest struct {
	relayer.Dest
	call     func(ctx context.Context, msg ethereum.CallMsg) // before an eth_call
	estimate func(ctx context.Context, msg ethereum.CallMsg) // before eth_estimateGas
	send     func(ctx context.Context, tx *types.Transaction) error
}

func (h *hookedDest) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	if h.estimate != nil {
		h.estimate(ctx, msg)
	}
	return h.Dest.EstimateGas(ctx, msg)
}

func (h *hookedDest) CallContract(ctx context.Context, msg ethereum.CallMsg, n *big.Int) ([]byte, error) {
	if h.call != nil {
		h.call(ctx, msg)
	}
	return h.Dest.CallContract(ctx, msg, n)
}

func (h *hookedDest) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if h.send != nil {
		return h.send(ctx, tx)
	}
	return h.Dest.SendTransaction(ctx, tx)
}

func isRelay(data []byte) bool {
	return len(data) >= 4 && bytes.Equal(data[:4], precompile.ABI().Methods["relayTeleport"].ID)
}

func TestAlreadyRelayedIsDone(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before func(t *testing.T, f *fixture, a chaintest.Sent)
		hook   func(t *testing.T, f *fixture, a chaintest.Sent, d *hookedDest)
		status uint8
		ownTx  bool // the relayer's own transaction was mined (and failed)
	}{
		{name: "relayed before", status: teleport.StatusPending,
			before: func(t *testing.T, f *fixture, a chaintest.Sent) { f.relayDirect(t, a) }},
		{name: "claimed before", status: teleport.StatusClaimed,
			before: func(t *testing.T, f *fixture, a chaintest.Sent) {
				f.relayDirect(t, a)
				_, rev := f.dst.Exec(stranger, chaintest.Pack(t, "claimTeleport", [32]byte(a.ID)))
				require.Nil(t, rev)
			}},
		{name: "relayed between the status read and the simulation", status: teleport.StatusPending,
			hook: func(t *testing.T, f *fixture, a chaintest.Sent, d *hookedDest) {
				d.call = func(_ context.Context, msg ethereum.CallMsg) {
					if isRelay(msg.Data) && f.status(t, a.ID) == teleport.StatusUnknown {
						f.relayDirect(t, a)
					}
				}
			}},
		{name: "relayed between the simulation and gas estimation", status: teleport.StatusPending,
			hook: func(t *testing.T, f *fixture, a chaintest.Sent, d *hookedDest) {
				d.estimate = func(context.Context, ethereum.CallMsg) { f.relayDirect(t, a) }
			}},
		{name: "lost the race on chain", status: teleport.StatusPending, ownTx: true,
			hook: func(t *testing.T, f *fixture, a chaintest.Sent, d *hookedDest) {
				d.send = func(ctx context.Context, tx *types.Transaction) error {
					f.relayDirect(t, a)
					return f.dst.SendTransaction(ctx, tx)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			a := f.send(t, 5)
			f.final(t)
			if tc.before != nil {
				tc.before(t, f, a)
			}
			d := &hookedDest{Dest: f.dst}
			if tc.hook != nil {
				tc.hook(t, f, a, d)
			}
			r := f.relayer(t, f.urls[:3], t.TempDir(), d)
			res, err := r.RunOnce(context.Background())
			require.NoError(t, err)
			require.Len(t, res, 1)
			require.Equal(t, relayer.AlreadyRelayed, res[0].Outcome, res[0].Reason)
			require.Equal(t, tc.status, f.status(t, a.ID))
			require.Equal(t, big.NewInt(5), f.relayedIn(t), "credited once")
			if tc.ownTx {
				require.Equal(t, 1, f.dst.Sent())
				rcpt, err := f.dst.TransactionReceipt(context.Background(), res[0].TxHash)
				require.NoError(t, err)
				require.Equal(t, types.ReceiptStatusFailed, rcpt.Status)
			} else {
				require.Zero(t, f.dst.Sent())
				require.Equal(t, common.Hash{}, res[0].TxHash)
			}
			// Done: the cursor moved past it and nothing is retried.
			require.Equal(t, f.src.Head()-confirmations+1, r.Cursor())
			res, err = r.RunOnce(context.Background())
			require.NoError(t, err)
			require.Empty(t, res)
		})
	}
}

func readCursor(t *testing.T, dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "cursor-6133-200200"))
	require.NoError(t, err)
	return strings.TrimSpace(string(b))
}

func TestCursorPersisted(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	a, b, c := f.send(t, 5), f.send(t, 6), f.send(t, 7)
	f.final(t)

	// Signer 1 has not signed b yet and signer 2 is away: b waits.
	r := f.relayer(t, []string{f.urls[0], f.hiding(t, 1, &b.ID)}, dir, nil)
	res, err := r.RunOnce(context.Background())
	require.NoError(t, err)
	require.Equal(t, []relayer.Outcome{relayer.Relayed, relayer.Waiting, relayer.Relayed},
		[]relayer.Outcome{res[0].Outcome, res[1].Outcome, res[2].Outcome})
	require.Equal(t, b.Block, r.Cursor())
	require.Equal(t, strconv.FormatUint(b.Block, 10), readCursor(t, dir))

	// A restarted relayer starts at b, relays it, and finds c done.
	r = f.relayer(t, f.urls[:2], dir, nil)
	require.Equal(t, b.Block, r.Cursor())
	res, err = r.RunOnce(context.Background())
	require.NoError(t, err)
	require.Len(t, res, 2)
	require.Equal(t, b.ID, res[0].ID)
	require.Equal(t, relayer.Relayed, res[0].Outcome)
	require.Equal(t, c.ID, res[1].ID)
	require.Equal(t, relayer.AlreadyRelayed, res[1].Outcome)
	end := f.src.Head() - confirmations + 1
	require.Equal(t, end, r.Cursor())
	require.Equal(t, strconv.FormatUint(end, 10), readCursor(t, dir))
	require.Equal(t, 3, f.dst.Sent())

	// Restarted again, or a second relayer from scratch: nothing to send.
	for _, d := range []string{dir, t.TempDir()} {
		res, err = f.relayer(t, f.urls[:3], d, nil).RunOnce(context.Background())
		require.NoError(t, err)
		for _, x := range res {
			require.Equal(t, relayer.AlreadyRelayed, x.Outcome)
		}
	}
	require.Equal(t, 3, f.dst.Sent())
	for _, x := range []chaintest.Sent{a, b, c} {
		require.Equal(t, teleport.StatusPending, f.status(t, x.ID))
	}
	require.Equal(t, big.NewInt(5+6+7), f.relayedIn(t))
	require.Len(t, f.dst.View(t, "pendingTeleports", recipient)[0].([][32]byte), 3)

	// A damaged cursor stops the relayer instead of rescanning from scratch
	// or skipping ahead.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "cursor-6133-200200"), []byte("12x\n"), 0o600))
	_, err = relayer.New(context.Background(), relayer.Config{Source: f.src, Dest: f.dst, Signers: f.urls, Key: payer, StateDir: dir})
	require.Error(t, err)
}

var errStopped = errors.New("relayer stopped")

func TestStoppedMidway(t *testing.T) {
	for _, tc := range []struct {
		name   string
		manual bool // transactions wait in the pool until mined
		// crash is the first relayer's destination at its first send: it
		// may pass the transaction on, then the relayer stops.
		crash     func(f *fixture, stop context.CancelFunc) func(ctx context.Context, tx *types.Transaction) error
		firstDone relayer.Outcome // the restarted relayer's outcome for the first message
		sent      int             // transactions in all
	}{
		{name: "after collecting signatures, before submitting", firstDone: relayer.Relayed, sent: 2,
			crash: func(f *fixture, stop context.CancelFunc) func(context.Context, *types.Transaction) error {
				return func(context.Context, *types.Transaction) error { stop(); return errStopped }
			}},
		{name: "after submitting, mined", firstDone: relayer.AlreadyRelayed, sent: 2,
			crash: func(f *fixture, stop context.CancelFunc) func(context.Context, *types.Transaction) error {
				return func(ctx context.Context, tx *types.Transaction) error {
					err := f.dst.SendTransaction(ctx, tx)
					stop()
					return errors.Join(err, errStopped)
				}
			}},
		{name: "after submitting, still in the pool", manual: true, firstDone: relayer.AlreadyRelayed, sent: 3,
			crash: func(f *fixture, stop context.CancelFunc) func(context.Context, *types.Transaction) error {
				return func(ctx context.Context, tx *types.Transaction) error {
					err := f.dst.SendTransaction(ctx, tx)
					stop()
					return errors.Join(err, errStopped)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			dir := t.TempDir()
			a, b := f.send(t, 5), f.send(t, 6)
			f.final(t)
			f.dst.SetManual(tc.manual)

			ctx, stop := context.WithCancel(context.Background())
			defer stop()
			crashed := &hookedDest{Dest: f.dst}
			crashed.send = tc.crash(f, stop)
			res, err := f.relayer(t, f.urls[:3], dir, crashed).RunOnce(ctx)
			require.ErrorIs(t, err, context.Canceled)
			for _, x := range res {
				require.Equal(t, relayer.Waiting, x.Outcome)
			}
			require.Equal(t, strconv.FormatUint(a.Block, 10), readCursor(t, dir))

			// Restarted from its state; in manual mode a block is mined
			// after each of its sends.
			d := &hookedDest{Dest: f.dst}
			if tc.manual {
				d.send = func(ctx context.Context, tx *types.Transaction) error {
					err := f.dst.SendTransaction(ctx, tx)
					f.dst.Mine()
					return err
				}
			}
			r := f.relayer(t, f.urls[:3], dir, d)
			res, err = r.RunOnce(context.Background())
			require.NoError(t, err)
			require.Len(t, res, 2)
			require.Equal(t, tc.firstDone, res[0].Outcome, res[0].Reason)
			require.Equal(t, relayer.Relayed, res[1].Outcome, res[1].Reason)
			require.Equal(t, tc.sent, f.dst.Sent())
			for _, x := range []chaintest.Sent{a, b} {
				require.Equal(t, teleport.StatusPending, f.status(t, x.ID))
			}
			require.Equal(t, big.NewInt(5+6), f.relayedIn(t), "each credited once")
			require.Equal(t, strconv.FormatUint(f.src.Head()-confirmations+1, 10), readCursor(t, dir))
		})
	}
}
