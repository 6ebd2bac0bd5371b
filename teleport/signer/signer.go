// Package signer is a teleport signer: it follows one source chain's
// TeleportSent events, signs each message once it is final (a configurable
// number of confirmations deep) with the signer's ML-DSA key, and serves
// the signatures over HTTP for relayers to collect.
//
// A message is signed once. The signature is stored in the state directory
// before it is served (see store), so a restarted signer serves the same
// bytes, and a second message for a (source chain, sequence) already signed
// is refused with a ConflictError that stops the signer.
//
// State directory:
//
//	cursor                    first block not yet scanned
//	signed/<chain>-<seq>.json one teleport.SignedMessage per signed sequence
//
// HTTP API (JSON):
//
//	GET /v1/info            {"chainId": 6133, "publicKey": "0x…", "signerId": "0x…", "nextBlock": 123, "signed": 7}
//	GET /v1/teleports/{id}  teleport.SignedMessage, or 404 while the message is unknown or not final
package signer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/pars-network/aimining/teleport/watch"
)

// Config configures a Signer.
type Config struct {
	Source        watch.LogSource   // the source chain
	Key           *proof.PrivateKey // the signer's ML-DSA key
	Confirmations uint64            // blocks on top of an event's block before it is signed
	FromBlock     uint64            // first block to scan when no state is stored
	StateDir      string            // where signatures and the cursor are kept ("" = memory only)
	MaxBlocks     uint64            // most blocks per eth_getLogs (0: 1000)
	Logger        *slog.Logger      // nil: slog.Default()
}

// Signer signs the final outgoing teleports of one chain.
type Signer struct {
	cfg    Config
	chain  uint32
	cursor watch.Cursor
	log    *slog.Logger

	poll sync.Mutex // one Poll at a time

	mu     sync.Mutex // guards next and signed
	next   uint64     // first block not yet scanned
	signed *store
}

// New connects to the source chain and loads stored state.
func New(ctx context.Context, cfg Config) (*Signer, error) {
	if cfg.Source == nil || cfg.Key == nil {
		return nil, errors.New("signer: source chain and key are required")
	}
	if cfg.MaxBlocks == 0 {
		cfg.MaxBlocks = 1000
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	chain, err := watch.ChainID32(ctx, cfg.Source)
	if err != nil {
		return nil, fmt.Errorf("signer: %w", err)
	}
	s := &Signer{cfg: cfg, chain: chain, log: cfg.Logger}
	var dir string
	if cfg.StateDir != "" {
		s.cursor = watch.Cursor{Path: filepath.Join(cfg.StateDir, "cursor")}
		dir = filepath.Join(cfg.StateDir, "signed")
	}
	s.signed = newStore(dir, chain, cfg.Key.Public().Bytes())
	if err := s.signed.load(); err != nil {
		return nil, err
	}
	if s.next, err = s.cursor.Load(cfg.FromBlock); err != nil {
		return nil, fmt.Errorf("signer: %w", err)
	}
	return s, nil
}

// ChainID returns the source chain's id.
func (s *Signer) ChainID() uint32 { return s.chain }

// Poll scans the blocks that became final since the last call and signs
// every new message in them. It returns how many messages it signed. A
// *ConflictError leaves the cursor before the refused message.
func (s *Signer) Poll(ctx context.Context) (int, error) {
	s.poll.Lock()
	defer s.poll.Unlock()
	s.mu.Lock()
	from := s.next
	s.mu.Unlock()
	to, ok, err := watch.FinalRange(ctx, s.cfg.Source, from, s.cfg.Confirmations, s.cfg.MaxBlocks)
	if err != nil || !ok {
		return 0, err
	}
	sent, bad, err := watch.SentLogs(ctx, s.cfg.Source, s.chain, from, to)
	if err != nil {
		return 0, err
	}
	for _, e := range bad {
		s.log.Warn("skipping malformed teleport event", "err", e)
	}
	n := 0
	for _, ev := range sent {
		did, err := s.sign(ev)
		if err != nil {
			return n, err
		}
		if did {
			n++
		}
	}
	s.mu.Lock()
	s.next = to + 1
	s.mu.Unlock()
	return n, s.cursor.Store(to + 1)
}

// sign signs ev unless it was signed before. It refuses a message whose
// sequence was signed for another message.
func (s *Signer) sign(ev watch.Sent) (bool, error) {
	id := common.Hash(ev.ID)
	s.mu.Lock()
	done, err := s.signed.check(ev)
	s.mu.Unlock()
	if done || err != nil {
		return false, err
	}
	sig, err := proof.SignTeleport(ev.Message, s.cfg.Key, false)
	if err != nil {
		return false, fmt.Errorf("signer: sign %x: %w", id, err)
	}
	sm := &teleport.SignedMessage{ID: id, Message: ev.Encoded, PublicKey: s.cfg.Key.Public().Bytes(), Signature: sig}
	// Only Poll adds signatures and Poll runs alone, so the check above
	// still holds; the lock only orders the map against readers.
	s.mu.Lock()
	err = s.signed.put(ev.Message, sm)
	s.mu.Unlock()
	if err != nil {
		return false, err
	}
	s.log.Info("signed teleport", "id", id, "sequence", ev.Message.Sequence, "block", ev.Block,
		"destination", ev.Message.DestinationChain, "recipient", ev.Message.Recipient, "amount", ev.Message.Amount.Dec())
	return true, nil
}

// Signed returns the signature of teleport id, if signed.
func (s *Signer) Signed(id common.Hash) (*teleport.SignedMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sm, ok := s.signed.byID[id]
	return sm, ok
}

// Run polls every interval until ctx ends. Errors are logged and retried,
// except a *ConflictError: Run logs it and returns it, since signing on
// would mean signing a chain the signer can no longer trust.
func (s *Signer) Run(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Poll(ctx); err != nil && ctx.Err() == nil {
			if ce := (*ConflictError)(nil); errors.As(err, &ce) {
				s.log.Error("conflicting teleport message; signer stopped", "err", err)
				return err
			}
			s.log.Warn("poll failed; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Info is the answer of GET /v1/info.
type Info struct {
	ChainID   uint32            `json:"chainId"`
	PublicKey teleport.HexBytes `json:"publicKey"`
	SignerID  common.Hash       `json:"signerId"`
	NextBlock uint64            `json:"nextBlock"`
	Signed    int               `json:"signed"`
}

// Handler serves the HTTP API.
func (s *Signer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/info", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		next, n := s.next, len(s.signed.byID)
		s.mu.Unlock()
		pk := s.cfg.Key.Public().Bytes()
		writeJSON(w, http.StatusOK, Info{ChainID: s.chain, PublicKey: pk, SignerID: common.Hash(teleport.SignerID(pk)), NextBlock: next, Signed: n})
	})
	mux.HandleFunc("GET /v1/teleports/{id}", func(w http.ResponseWriter, r *http.Request) {
		raw := r.PathValue("id")
		b := common.FromHex(raw)
		if len(b) != 32 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "id must be 32 bytes of hex"})
			return
		}
		sm, ok := s.Signed(common.BytesToHash(b))
		if !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "not signed (unknown or not final yet)"})
			return
		}
		writeJSON(w, http.StatusOK, sm)
	})
	return mux
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
