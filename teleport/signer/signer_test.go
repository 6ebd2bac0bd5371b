package signer_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/pars-network/aimining/teleport/internal/chaintest"
	"github.com/pars-network/aimining/teleport/signer"
	"github.com/stretchr/testify/require"
)

const (
	pars = 6133
	zoo  = 200200
)

var (
	sender    = common.HexToAddress("0x00000000000000000000000000000000000000c1")
	recipient = common.HexToAddress("0x00000000000000000000000000000000000000d2")
)

func key(t *testing.T, i byte) *proof.PrivateKey {
	k, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{0: 0x5e, 1: i})
	require.NoError(t, err)
	return k
}

func newSigner(t *testing.T, src *chaintest.Chain, k *proof.PrivateKey, dir string, confirmations uint64) *signer.Signer {
	t.Helper()
	s, err := signer.New(context.Background(), signer.Config{
		Source: src, Key: k, Confirmations: confirmations, StateDir: dir, Logger: slog.New(slog.DiscardHandler),
	})
	require.NoError(t, err)
	return s
}

func get(t *testing.T, s *signer.Signer, method, path string) (int, []byte) {
	t.Helper()
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest(method, path, nil))
	return w.Code, w.Body.Bytes()
}

func signedFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "signed"))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") { // temporary files
			names = append(names, e.Name())
		}
	}
	return names
}

func fileOf(seq uint64) string { return fmt.Sprintf("%d-%020d.json", pars, seq) }

func TestSignsOnce(t *testing.T) {
	src := chaintest.New(t, pars)
	dir := t.TempDir()
	s := newSigner(t, src, key(t, 0), dir, 2)
	a := src.Teleport(t, sender, zoo, recipient, big.NewInt(5))
	src.Advance(2)

	n, err := s.Poll(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	first, ok := s.Signed(a.ID)
	require.True(t, ok)
	m, err := first.Verify()
	require.NoError(t, err)
	require.Equal(t, a.Message, m)

	for range 3 {
		n, err := s.Poll(context.Background())
		require.NoError(t, err)
		require.Zero(t, n)
		src.Advance(1)
	}
	again, _ := s.Signed(a.ID)
	require.Same(t, first, again)
	require.Equal(t, []string{fileOf(a.Message.Sequence)}, signedFiles(t, dir))

	// Polls racing over a new message sign it once.
	b := src.Teleport(t, sender, zoo, recipient, big.NewInt(6))
	src.Advance(2)
	var wg sync.WaitGroup
	counts := make([]int, 4)
	for i := range counts {
		wg.Go(func() {
			n, err := s.Poll(context.Background())
			require.NoError(t, err)
			counts[i] = n
		})
	}
	wg.Wait()
	require.Equal(t, 1, counts[0]+counts[1]+counts[2]+counts[3])
	require.ElementsMatch(t, []string{fileOf(a.Message.Sequence), fileOf(b.Message.Sequence)}, signedFiles(t, dir))
}

func TestRestartServesSameSignature(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, dir string)
	}{
		{"cursor kept", func(*testing.T, string) {}},
		{"cursor lost", func(t *testing.T, dir string) { require.NoError(t, os.Remove(filepath.Join(dir, "cursor"))) }},
		{"interrupted write", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "signed", "."+fileOf(99)+".123456"), []byte(`{"id":`), 0o600))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := chaintest.New(t, pars)
			dir := t.TempDir()
			k := key(t, 0)
			s := newSigner(t, src, k, dir, 1)
			var sent []chaintest.Sent
			for i := range 3 {
				sent = append(sent, src.Teleport(t, sender, zoo, recipient, big.NewInt(int64(10+i))))
			}
			src.Advance(1)
			n, err := s.Poll(context.Background())
			require.NoError(t, err)
			require.Equal(t, 3, n)
			bodies := map[common.Hash][]byte{}
			for _, x := range sent {
				code, body := get(t, s, http.MethodGet, "/v1/teleports/"+x.ID.Hex())
				require.Equal(t, http.StatusOK, code)
				bodies[x.ID] = body
			}
			// Signing is hedged: signing again would give other bytes.
			sm, _ := s.Signed(sent[0].ID)
			fresh, err := proof.SignTeleport(sent[0].Message, k, false)
			require.NoError(t, err)
			require.NotEqual(t, []byte(sm.Signature), fresh)

			tc.prepare(t, dir)
			restarted := newSigner(t, src, k, dir, 1)
			for _, x := range sent {
				code, body := get(t, restarted, http.MethodGet, "/v1/teleports/"+x.ID.Hex())
				require.Equal(t, http.StatusOK, code)
				require.Equal(t, string(bodies[x.ID]), string(body), "teleport %v", x.ID)
			}
			n, err = restarted.Poll(context.Background())
			require.NoError(t, err)
			require.Zero(t, n, "a restarted signer signed again")
			for _, x := range sent {
				_, body := get(t, restarted, http.MethodGet, "/v1/teleports/"+x.ID.Hex())
				require.Equal(t, string(bodies[x.ID]), string(body))
			}
			require.Len(t, signedFiles(t, dir), 3)

			// It goes on with the next message.
			d := src.Teleport(t, sender, zoo, recipient, big.NewInt(20))
			src.Advance(1)
			n, err = restarted.Poll(context.Background())
			require.NoError(t, err)
			require.Equal(t, 1, n)
			_, ok := restarted.Signed(d.ID)
			require.True(t, ok)
		})
	}
}

func TestConflictingMessageRefused(t *testing.T) {
	for _, restart := range []bool{false, true} {
		t.Run(fmt.Sprintf("restart=%v", restart), func(t *testing.T) {
			src := chaintest.New(t, pars)
			dir := t.TempDir()
			k := key(t, 0)
			s := newSigner(t, src, k, dir, 1)
			a := src.Teleport(t, sender, zoo, recipient, big.NewInt(5))
			src.Advance(1)
			n, err := s.Poll(context.Background())
			require.NoError(t, err)
			require.Equal(t, 1, n)
			var info signer.Info
			_, body := get(t, s, http.MethodGet, "/v1/info")
			require.NoError(t, json.Unmarshal(body, &info))

			// A reorganisation deeper than the confirmations: the chain
			// forgets a and, past the signer's cursor, numbers another
			// message like it.
			src.Reorg(a.Block - 1)
			for src.Head()+1 < info.NextBlock {
				src.Advance(1)
			}
			b := src.Teleport(t, sender, zoo, common.Address{0xee}, big.NewInt(7))
			require.Equal(t, a.Message.Sequence, b.Message.Sequence)
			require.NotEqual(t, a.ID, b.ID)
			src.Advance(1)
			if restart {
				s = newSigner(t, src, k, dir, 1)
			}

			for range 2 { // the cursor stays before b
				_, err = s.Poll(context.Background())
				var ce *signer.ConflictError
				require.ErrorAs(t, err, &ce)
				require.Equal(t, signer.ConflictError{Chain: pars, Sequence: a.Message.Sequence, Signed: a.ID, Offered: b.ID,
					Block: b.Block, TxHash: ce.TxHash}, *ce)
				require.Contains(t, err.Error(), "refusing teleport")
			}
			_, ok := s.Signed(b.ID)
			require.False(t, ok)
			_, ok = s.Signed(a.ID)
			require.True(t, ok)
			require.Equal(t, []string{fileOf(a.Message.Sequence)}, signedFiles(t, dir))
			code, _ := get(t, s, http.MethodGet, "/v1/teleports/"+b.ID.Hex())
			require.Equal(t, http.StatusNotFound, code)

			// Run stops on it instead of retrying.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var ce *signer.ConflictError
			require.ErrorAs(t, s.Run(ctx, time.Millisecond), &ce)
			require.NoError(t, ctx.Err())
		})
	}
}

// signed returns k's signature of m as a signer serves it.
func signed(t *testing.T, k *proof.PrivateKey, m *proof.TeleportMessage) []byte {
	sig, err := proof.SignTeleport(m, k, false)
	require.NoError(t, err)
	b, err := json.Marshal(teleport.SignedMessage{ID: common.Hash(m.ID()), Message: m.Encode(), PublicKey: k.Public().Bytes(), Signature: sig})
	require.NoError(t, err)
	return b
}

func message(source uint32, seq, amount uint64) *proof.TeleportMessage {
	m := &proof.TeleportMessage{SourceChain: source, DestinationChain: zoo, Sequence: seq, Sender: sender, Recipient: recipient}
	m.Amount.SetUint64(amount)
	return m
}

func TestStoredStateChecked(t *testing.T) {
	own := key(t, 0)
	for _, tc := range []struct {
		name     string
		files    func(t *testing.T) map[string][]byte
		conflict bool
	}{
		{"not json", func(*testing.T) map[string][]byte { return map[string][]byte{fileOf(1): []byte("nope")} }, false},
		{"another key", func(t *testing.T) map[string][]byte {
			return map[string][]byte{fileOf(1): signed(t, key(t, 9), message(pars, 1, 5))}
		}, false},
		{"bad signature", func(t *testing.T) map[string][]byte {
			var sm teleport.SignedMessage
			require.NoError(t, json.Unmarshal(signed(t, own, message(pars, 1, 5)), &sm))
			sm.Signature[0] ^= 1
			b, _ := json.Marshal(sm)
			return map[string][]byte{fileOf(1): b}
		}, false},
		{"another chain", func(t *testing.T) map[string][]byte {
			return map[string][]byte{fileOf(1): signed(t, own, message(96369, 1, 5))}
		}, false},
		{"two messages for one sequence", func(t *testing.T) map[string][]byte {
			return map[string][]byte{fileOf(1): signed(t, own, message(pars, 1, 5)), "0xlegacy.json": signed(t, own, message(pars, 1, 6))}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "signed"), 0o700))
			for name, b := range tc.files(t) {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "signed", name), b, 0o600))
			}
			_, err := signer.New(context.Background(), signer.Config{Source: chaintest.New(t, pars), Key: own, StateDir: dir})
			require.Error(t, err)
			var ce *signer.ConflictError
			require.Equal(t, tc.conflict, errors.As(err, &ce), "%v", err)
		})
	}
	// Files of the same messages under other names load fine.
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "signed"), 0o700))
	m := message(pars, 1, 5)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "signed", common.Hash(m.ID()).Hex()+".json"), signed(t, own, m), 0o600))
	s, err := signer.New(context.Background(), signer.Config{Source: chaintest.New(t, pars), Key: own, StateDir: dir})
	require.NoError(t, err)
	_, ok := s.Signed(common.Hash(m.ID()))
	require.True(t, ok)
}

func TestConfirmations(t *testing.T) {
	for _, conf := range []uint64{0, 1, 3, 5} {
		t.Run(fmt.Sprint(conf), func(t *testing.T) {
			src := chaintest.New(t, pars)
			s := newSigner(t, src, key(t, 0), "", conf)
			a := src.Teleport(t, sender, zoo, recipient, big.NewInt(5))
			for depth := uint64(0); depth <= conf+1; depth++ {
				_, err := s.Poll(context.Background())
				require.NoError(t, err)
				_, ok := s.Signed(a.ID)
				require.Equal(t, depth >= conf, ok, "%d blocks on top", depth)
				src.Advance(1)
			}
		})
	}
}

// noJSON accepts the mux's own plain-text answers.
func noJSON(*testing.T, []byte) {}

func TestHandler(t *testing.T) {
	src := chaintest.New(t, pars)
	k := key(t, 0)
	s := newSigner(t, src, k, t.TempDir(), 1)
	a := src.Teleport(t, sender, zoo, recipient, big.NewInt(5))
	src.Advance(1)
	_, err := s.Poll(context.Background())
	require.NoError(t, err)
	fresh := src.Teleport(t, sender, zoo, recipient, big.NewInt(6)) // not final yet

	signedOK := func(t *testing.T, body []byte) {
		var sm teleport.SignedMessage
		require.NoError(t, json.Unmarshal(body, &sm))
		require.Equal(t, a.ID, sm.ID)
		_, err := sm.Verify()
		require.NoError(t, err)
	}
	for _, tc := range []struct {
		name, method, path string
		code               int
		check              func(t *testing.T, body []byte) // nil: a JSON {"error": …}
	}{
		{"info", http.MethodGet, "/v1/info", http.StatusOK, func(t *testing.T, body []byte) {
			var info signer.Info
			require.NoError(t, json.Unmarshal(body, &info))
			pk := k.Public().Bytes()
			require.Equal(t, signer.Info{ChainID: pars, PublicKey: pk, SignerID: common.Hash(teleport.SignerID(pk)),
				NextBlock: a.Block + 1, Signed: 1}, info)
		}},
		{"signed", http.MethodGet, "/v1/teleports/" + a.ID.Hex(), http.StatusOK, signedOK},
		{"signed, no 0x", http.MethodGet, "/v1/teleports/" + a.ID.Hex()[2:], http.StatusOK, signedOK},
		{"not final yet", http.MethodGet, "/v1/teleports/" + fresh.ID.Hex(), http.StatusNotFound, nil},
		{"unknown", http.MethodGet, "/v1/teleports/" + common.Hash{1}.Hex(), http.StatusNotFound, nil},
		{"short id", http.MethodGet, "/v1/teleports/0x1234", http.StatusBadRequest, nil},
		{"long id", http.MethodGet, "/v1/teleports/" + a.ID.Hex() + "00", http.StatusBadRequest, nil},
		{"not hex", http.MethodGet, "/v1/teleports/0x" + strings.Repeat("zz", 32), http.StatusBadRequest, nil},
		{"post", http.MethodPost, "/v1/teleports/" + a.ID.Hex(), http.StatusMethodNotAllowed, noJSON},
		{"no id", http.MethodGet, "/v1/teleports/", http.StatusNotFound, noJSON},
		{"unknown path", http.MethodGet, "/v2/info", http.StatusNotFound, noJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := get(t, s, tc.method, tc.path)
			require.Equal(t, tc.code, code, "%s", body)
			if tc.check != nil {
				tc.check(t, body)
				return
			}
			var e map[string]string
			require.NoError(t, json.Unmarshal(body, &e))
			require.NotEmpty(t, e["error"])
		})
	}
}
