package signer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/pars-network/aimining/teleport/watch"
)

// ConflictError reports a message that takes a (source chain, sequence)
// the signer has already signed another message for. A correct chain never
// numbers two messages alike, so it means a reorganisation deeper than the
// signer's confirmations, or a broken node. The signer refuses it and stops.
type ConflictError struct {
	Chain    uint32
	Sequence uint64
	Signed   common.Hash // the message signed for the sequence before
	Offered  common.Hash // the message refused
	Block    uint64      // where the refused message was seen
	TxHash   common.Hash // the transaction that emitted it
}

// Error implements error.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("signer: refusing teleport %v (chain %d sequence %d, block %d, tx %v): teleport %v was signed for that sequence before; "+
		"the chain reorganised deeper than --confirmations or the node is broken", e.Offered, e.Chain, e.Sequence, e.Block, e.TxHash, e.Signed)
}

// store is what a signer has signed: one file per message under
// <state dir>/signed, named after its source chain and sequence
// (<chain>-<sequence>.json, a teleport.SignedMessage). A signature is
// written (temporary file, sync, rename) before it is served, so a
// restarted signer serves the very same bytes and a sequence is never
// signed for two messages. With no directory it lives in memory only.
type store struct {
	dir   string // "" = memory only
	chain uint32
	key   []byte // the signer's public key
	byID  map[common.Hash]*teleport.SignedMessage
	bySeq map[uint64]*teleport.SignedMessage
}

func newStore(dir string, chain uint32, publicKey []byte) *store {
	return &store{dir: dir, chain: chain, key: publicKey,
		byID: map[common.Hash]*teleport.SignedMessage{}, bySeq: map[uint64]*teleport.SignedMessage{}}
}

func (st *store) fileName(seq uint64) string {
	return filepath.Join(st.dir, fmt.Sprintf("%d-%020d.json", st.chain, seq))
}

// load reads every stored signature. Each must be a valid signature by this
// key of a message from this chain, and no two may share a sequence.
func (st *store) load() error {
	if st.dir == "" {
		return nil
	}
	entries, err := os.ReadDir(st.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("signer: %w", err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue // temporary files of an interrupted write
		}
		b, err := os.ReadFile(filepath.Join(st.dir, e.Name()))
		if err != nil {
			return fmt.Errorf("signer: %w", err)
		}
		var sm teleport.SignedMessage
		if err := json.Unmarshal(b, &sm); err != nil {
			return fmt.Errorf("signer: %s: %w", e.Name(), err)
		}
		m, err := sm.Verify()
		if err != nil || !bytes.Equal(sm.PublicKey, st.key) {
			return fmt.Errorf("signer: %s is not a valid signature by this key", e.Name())
		}
		if m.SourceChain != st.chain {
			return fmt.Errorf("signer: %s holds a message from chain %d, not %d", e.Name(), m.SourceChain, st.chain)
		}
		if prev := st.bySeq[m.Sequence]; prev != nil && prev.ID != sm.ID {
			return &ConflictError{Chain: st.chain, Sequence: m.Sequence, Signed: prev.ID, Offered: sm.ID}
		}
		st.add(m.Sequence, &sm)
	}
	return nil
}

func (st *store) add(seq uint64, sm *teleport.SignedMessage) {
	st.byID[sm.ID] = sm
	st.bySeq[seq] = sm
}

// check says whether ev was signed before (done), or a ConflictError when
// another message was signed for its sequence.
func (st *store) check(ev watch.Sent) (done bool, err error) {
	prev := st.bySeq[ev.Message.Sequence]
	switch {
	case prev == nil:
		return false, nil
	case prev.ID == common.Hash(ev.ID) && bytes.Equal(prev.Message, ev.Encoded):
		return true, nil
	default:
		return false, &ConflictError{Chain: st.chain, Sequence: ev.Message.Sequence, Signed: prev.ID,
			Offered: common.Hash(ev.ID), Block: ev.Block, TxHash: ev.TxHash}
	}
}

// put persists a new signature, then makes it visible.
func (st *store) put(m *proof.TeleportMessage, sm *teleport.SignedMessage) error {
	if st.dir != "" {
		b, err := json.Marshal(sm)
		if err != nil {
			return err
		}
		if err := watch.WriteFileAtomic(st.fileName(m.Sequence), b); err != nil {
			return fmt.Errorf("signer: store signature: %w", err)
		}
	}
	st.add(m.Sequence, sm)
	return nil
}
