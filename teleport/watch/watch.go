// Package watch follows a source chain's TeleportSent events for the
// teleport signer and relayer: which blocks are final, the events in them
// checked against the messages they carry, and a restart-safe cursor.
package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// LogSource is the part of an Ethereum client that watching a chain for
// TeleportSent needs; go-ethereum's *ethclient.Client satisfies it.
type LogSource interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
}

// Sent is one TeleportSent event from a source chain.
type Sent struct {
	Message *proof.TeleportMessage
	Encoded []byte
	ID      proof.Hash
	Block   uint64
	TxHash  common.Hash
}

// ChainID32 returns the chain id of c as the uint32 messages carry.
func ChainID32(ctx context.Context, c interface {
	ChainID(ctx context.Context) (*big.Int, error)
}) (uint32, error) {
	id, err := c.ChainID(ctx)
	if err != nil {
		return 0, fmt.Errorf("chain id: %w", err)
	}
	if !id.IsUint64() || id.Uint64() == 0 || id.Uint64() > 1<<32-1 {
		return 0, fmt.Errorf("chain id %v does not fit a teleport message", id)
	}
	return uint32(id.Uint64()), nil
}

// FinalRange returns the blocks [from, to] that are final (at least
// confirmations blocks deep) and not yet scanned, at most maxBlocks of them.
// ok is false when there is nothing new.
func FinalRange(ctx context.Context, c LogSource, from, confirmations, maxBlocks uint64) (to uint64, ok bool, err error) {
	head, err := c.BlockNumber(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("block number: %w", err)
	}
	if head < confirmations || head-confirmations < from {
		return 0, false, nil
	}
	to = head - confirmations
	if maxBlocks > 0 && to-from+1 > maxBlocks {
		to = from + maxBlocks - 1
	}
	return to, true, nil
}

// SentLogs returns the TeleportSent events of blocks [from, to] whose
// source is chain, checked against the message each carries. A log that
// fails a check is reported in bad and skipped: a correct chain never emits
// one.
func SentLogs(ctx context.Context, c LogSource, chain uint32, from, to uint64) (sent []Sent, bad []error, err error) {
	logs, err := c.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(to),
		Addresses: []common.Address{precompile.Address}, Topics: [][]common.Hash{{teleportSentID}},
	})
	if err != nil {
		return nil, nil, fmt.Errorf("eth_getLogs %d..%d: %w", from, to, err)
	}
	for _, l := range logs {
		s, err := decodeSent(l, chain)
		if err != nil {
			bad = append(bad, fmt.Errorf("log %d of tx %v in block %d: %w", l.Index, l.TxHash, l.BlockNumber, err))
			continue
		}
		sent = append(sent, s)
	}
	return sent, bad, nil
}

// iaimining is the generated binding of 0x0300's ABI.
var iaimining = bindings.NewIAIMining()

// teleportSentID is the TeleportSent event's topic.
var teleportSentID = precompile.ABI().Events[bindings.IAIMiningTeleportSentEventName].ID

func decodeSent(l types.Log, chain uint32) (Sent, error) {
	if l.Removed {
		return Sent{}, errors.New("removed by a reorganisation")
	}
	if l.Address != precompile.Address || len(l.Topics) != 4 || l.Topics[0] != teleportSentID {
		return Sent{}, errors.New("not a TeleportSent log of 0x0300")
	}
	ev, err := iaimining.UnpackTeleportSentEvent(&l)
	if err != nil {
		return Sent{}, fmt.Errorf("decode data: %v", err)
	}
	enc := ev.Message
	m, err := proof.DecodeTeleportMessage(enc)
	if err != nil {
		return Sent{}, err
	}
	id := m.ID()
	amount, seq, rcpt := ev.Amount, ev.Sequence, ev.Recipient
	switch {
	case m.SourceChain != chain:
		return Sent{}, fmt.Errorf("message from chain %d on chain %d", m.SourceChain, chain)
	case l.Topics[1] != common.Hash(id):
		return Sent{}, errors.New("teleport id topic does not match the message")
	case l.Topics[2] != common.BytesToHash(m.Sender[:]) || l.Topics[3] != common.BigToHash(new(big.Int).SetUint64(uint64(m.DestinationChain))):
		return Sent{}, errors.New("sender or destination topic does not match the message")
	case rcpt != m.Recipient || amount == nil || amount.Cmp(m.Amount.ToBig()) != 0 || seq != m.Sequence:
		return Sent{}, errors.New("event fields do not match the message")
	}
	return Sent{Message: m, Encoded: bytes.Clone(enc), ID: id, Block: l.BlockNumber, TxHash: l.TxHash}, nil
}

// Cursor is a block number kept in a file, so that a restarted daemon goes
// on where it stopped. A zero Cursor path keeps it in memory only.
type Cursor struct{ Path string }

// Load returns the stored block number, or def when none is stored.
func (c Cursor) Load(def uint64) (uint64, error) {
	if c.Path == "" {
		return def, nil
	}
	b, err := os.ReadFile(c.Path)
	if errors.Is(err, os.ErrNotExist) {
		return def, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("cursor %s: %w", c.Path, err)
	}
	return max(n, def), nil
}

// Store writes n atomically.
func (c Cursor) Store(n uint64) error {
	if c.Path == "" {
		return nil
	}
	return WriteFileAtomic(c.Path, []byte(strconv.FormatUint(n, 10)+"\n"))
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder, synced, and a rename, then syncs the folder: a crash leaves
// either the old file or the new one, never a half-written one.
func WriteFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
