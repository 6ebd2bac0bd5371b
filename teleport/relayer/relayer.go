// Package relayer moves signed teleport messages from a source chain to a
// destination chain: it follows the source chain's final TeleportSent
// events for the destination, collects signatures from the source chain's
// signers until it has the threshold the destination's signer set asks for,
// and submits relayTeleport.
//
// Several relayers may run at once and any of them may restart at any
// time: the destination remembers every relayed id, so a duplicate is a
// harmless refusal (AlreadyRelayed) that the relayer counts as done. The
// cursor it stores only moves past a block once every message in it is
// done, so a restart never skips one.
//
// The cursor is the relayer's only state: <state dir>/cursor-<source>-<dest>,
// the first source block that may hold a message not yet done, written
// through a temporary file and a rename. A relayer stopped anywhere between
// reading the cursor and storing the next one (signatures collected but
// nothing sent, a transaction sent but its receipt not seen) starts again
// from the same block: a message relayed meanwhile, by its own lost
// transaction or by anyone, reads as relayed on the destination and is
// done without a transaction; one not relayed is relayed. Neither path can
// credit a message twice, since the destination refuses a known id.
package relayer

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/pars-network/aimining/teleport/watch"
)

// Dest is the part of an Ethereum client the relayer needs on the
// destination chain; go-ethereum's *ethclient.Client satisfies it.
type Dest interface {
	ChainID(ctx context.Context) (*big.Int, error)
	CallContract(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	EstimateGas(ctx context.Context, call ethereum.CallMsg) (uint64, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
}

// Config configures a Relayer.
type Config struct {
	Source         watch.LogSource   // the source chain
	Dest           Dest              // the destination chain
	Signers        []string          // base URLs of the source chain's signers
	Key            *ecdsa.PrivateKey // pays for relayTeleport on the destination
	Confirmations  uint64            // source blocks on top of an event before relaying it
	FromBlock      uint64            // first source block to scan when no state is stored
	StateDir       string            // where the cursor is kept ("" = memory only)
	MaxBlocks      uint64            // most blocks per eth_getLogs (0: 1000)
	ReceiptTimeout time.Duration     // how long to wait for a relay's receipt (0: 2 minutes)
	HTTP           *http.Client      // for the signers (nil: 10 s timeout)
	Logger         *slog.Logger      // nil: slog.Default()
}

// Outcome is what happened to one message in a RunOnce.
type Outcome string

// The outcomes of a message.
const (
	Relayed        Outcome = "relayed"         // this relayer's transaction relayed it
	AlreadyRelayed Outcome = "already-relayed" // someone relayed it before (a duplicate is harmless)
	Waiting        Outcome = "waiting"         // not enough signatures yet, or refused for now; retried
)

// Result is the outcome for one message.
type Result struct {
	ID      common.Hash
	Outcome Outcome
	TxHash  common.Hash // this relayer's relay transaction, if it sent one (it fails when another relay landed first)
	Reason  string      // why it is Waiting
}

// Relayer relays one direction: source chain to destination chain.
type Relayer struct {
	cfg    Config
	source uint32
	dest   uint32
	from   common.Address
	cursor watch.Cursor
	log    *slog.Logger

	mu      sync.Mutex    // one RunOnce at a time
	scanned uint64        // first source block not yet scanned
	stored  atomic.Uint64 // the cursor as stored
	todo    []watch.Sent
}

// New connects to both chains and loads the stored cursor.
func New(ctx context.Context, cfg Config) (*Relayer, error) {
	if cfg.Source == nil || cfg.Dest == nil || cfg.Key == nil || len(cfg.Signers) == 0 {
		return nil, errors.New("relayer: source, destination, key and signers are required")
	}
	if cfg.MaxBlocks == 0 {
		cfg.MaxBlocks = 1000
	}
	if cfg.ReceiptTimeout == 0 {
		cfg.ReceiptTimeout = 2 * time.Minute
	}
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	r := &Relayer{cfg: cfg, from: crypto.PubkeyToAddress(cfg.Key.PublicKey), log: cfg.Logger}
	var err error
	if r.source, err = watch.ChainID32(ctx, cfg.Source); err != nil {
		return nil, fmt.Errorf("relayer: source: %w", err)
	}
	if r.dest, err = watch.ChainID32(ctx, cfg.Dest); err != nil {
		return nil, fmt.Errorf("relayer: destination: %w", err)
	}
	if r.source == r.dest {
		return nil, fmt.Errorf("relayer: source and destination are both chain %d", r.source)
	}
	if cfg.StateDir != "" {
		r.cursor = watch.Cursor{Path: filepath.Join(cfg.StateDir, fmt.Sprintf("cursor-%d-%d", r.source, r.dest))}
	}
	if r.scanned, err = r.cursor.Load(cfg.FromBlock); err != nil {
		return nil, fmt.Errorf("relayer: %w", err)
	}
	r.stored.Store(r.scanned)
	return r, nil
}

// Address returns the account that sends the relay transactions.
func (r *Relayer) Address() common.Address { return r.from }

// Cursor returns the first source block that may hold a message not yet
// done, as last stored.
func (r *Relayer) Cursor() uint64 { return r.stored.Load() }

// RunOnce scans newly final source blocks, then tries every message not yet
// done. It returns one Result per message it tried.
func (r *Relayer) RunOnce(ctx context.Context) ([]Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	to, ok, err := watch.FinalRange(ctx, r.cfg.Source, r.scanned, r.cfg.Confirmations, r.cfg.MaxBlocks)
	if err != nil {
		return nil, err
	}
	if ok {
		sent, bad, err := watch.SentLogs(ctx, r.cfg.Source, r.source, r.scanned, to)
		if err != nil {
			return nil, err
		}
		for _, e := range bad {
			r.log.Warn("skipping malformed teleport event", "err", e)
		}
		for _, s := range sent {
			if s.Message.DestinationChain == r.dest && !slices.ContainsFunc(r.todo, func(x watch.Sent) bool { return x.ID == s.ID }) {
				r.todo = append(r.todo, s)
			}
		}
		r.scanned = to + 1
	}
	var results []Result
	var left []watch.Sent
	var firstErr error
	sets := map[uint32]*teleport.Set{}
	for _, s := range r.todo {
		res, err := r.relay(ctx, s, sets)
		if err != nil {
			res = Result{ID: common.Hash(s.ID), Outcome: Waiting, Reason: err.Error()}
			if firstErr == nil && ctx.Err() != nil {
				firstErr = ctx.Err()
			}
		}
		results = append(results, res)
		if res.Outcome == Waiting {
			left = append(left, s)
		}
	}
	r.todo = left
	// The cursor stays at the oldest message not yet done, so that a
	// restart finds it again.
	cur := r.scanned
	for _, s := range r.todo {
		cur = min(cur, s.Block)
	}
	if cur != r.stored.Load() {
		if err := r.cursor.Store(cur); err != nil {
			return results, fmt.Errorf("relayer: store cursor: %w", err)
		}
		r.stored.Store(cur)
	}
	return results, firstErr
}

// Run calls RunOnce every interval until ctx ends.
func (r *Relayer) Run(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		res, err := r.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("relay pass failed; retrying", "err", err)
		}
		for _, x := range res {
			switch x.Outcome {
			case Waiting:
				r.log.Info("teleport waiting", "id", x.ID, "reason", x.Reason)
			default:
				r.log.Info("teleport done", "id", x.ID, "outcome", x.Outcome, "tx", x.TxHash)
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// relay brings one message to the destination.
func (r *Relayer) relay(ctx context.Context, s watch.Sent, sets map[uint32]*teleport.Set) (Result, error) {
	id := common.Hash(s.ID)
	status, err := r.status(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if status != teleport.StatusUnknown {
		return Result{ID: id, Outcome: AlreadyRelayed}, nil
	}
	set := sets[s.Message.SourceChain]
	if set == nil {
		if set, err = r.signerSet(ctx, s.Message.SourceChain); err != nil {
			return Result{}, err
		}
		sets[s.Message.SourceChain] = set
	}
	if len(set.IDs) == 0 {
		return Result{ID: id, Outcome: Waiting, Reason: fmt.Sprintf("chain %d has no signer set for chain %d", r.dest, r.source)}, nil
	}
	sigs := r.collect(ctx, s, set)
	if len(sigs) < int(set.Threshold) {
		return Result{ID: id, Outcome: Waiting, Reason: fmt.Sprintf("%d of %d signatures", len(sigs), set.Threshold)}, nil
	}
	data, err := packRelay(s.Encoded, sigs)
	if err != nil {
		return Result{}, err
	}
	// Simulate first: a message someone else relayed meanwhile costs nothing.
	if rev, err := r.simulate(ctx, data); err != nil {
		if rev != nil && rev.Name == "AlreadyRelayed" {
			return Result{ID: id, Outcome: AlreadyRelayed}, nil
		}
		return Result{ID: id, Outcome: Waiting, Reason: refusal(rev, err)}, nil
	}
	tx, err := r.send(ctx, data)
	if err != nil {
		// A relay that landed since the simulation makes gas estimation
		// refuse; the state says whether that is what happened.
		if status, serr := r.status(ctx, id); serr == nil && status != teleport.StatusUnknown {
			return Result{ID: id, Outcome: AlreadyRelayed}, nil
		}
		return Result{}, err
	}
	rcpt, err := r.wait(ctx, tx.Hash())
	if err != nil {
		return Result{}, err
	}
	if rcpt.Status == types.ReceiptStatusSuccessful {
		return Result{ID: id, Outcome: Relayed, TxHash: tx.Hash()}, nil
	}
	// The transaction failed: another relayer's relay landed first, or
	// something changed; the state now says which.
	if status, err := r.status(ctx, id); err == nil && status != teleport.StatusUnknown {
		return Result{ID: id, Outcome: AlreadyRelayed, TxHash: tx.Hash()}, nil
	}
	rev, err := r.simulate(ctx, data)
	return Result{ID: id, Outcome: Waiting, TxHash: tx.Hash(), Reason: "relay transaction failed: " + refusal(rev, err)}, nil
}

func refusal(rev *precompile.Revert, err error) string {
	if rev != nil {
		return rev.Error()
	}
	if err != nil {
		return err.Error()
	}
	return "no error"
}

// collect asks the signers for their signatures of s and keeps the valid
// ones by members of set, at most one per member, stopping at the
// threshold. Unreachable or lying signers are skipped.
func (r *Relayer) collect(ctx context.Context, s watch.Sent, set *teleport.Set) []teleport.Signature {
	var out []teleport.Signature
	seen := map[uint8]bool{}
	for _, base := range r.cfg.Signers {
		if len(out) >= int(set.Threshold) {
			break
		}
		sm, err := r.fetch(ctx, base, common.Hash(s.ID))
		if err != nil {
			r.log.Debug("signer has no signature", "signer", base, "id", common.Hash(s.ID), "err", err)
			continue
		}
		if string(sm.Message) != string(s.Encoded) {
			r.log.Warn("signer served another message", "signer", base, "id", common.Hash(s.ID))
			continue
		}
		if _, err := sm.Verify(); err != nil {
			r.log.Warn("signer served an invalid signature", "signer", base, "err", err)
			continue
		}
		idx, ok := set.Index(sm.PublicKey)
		if !ok || seen[idx] {
			r.log.Warn("signer is not in the destination's signer set", "signer", base)
			continue
		}
		seen[idx] = true
		out = append(out, teleport.Signature{Index: idx, PublicKey: sm.PublicKey, Signature: sm.Signature})
	}
	return out
}

func (r *Relayer) fetch(ctx context.Context, base string, id common.Hash) (*teleport.SignedMessage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+"/v1/teleports/"+id.Hex(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := r.cfg.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var sm teleport.SignedMessage
	if err := json.Unmarshal(body, &sm); err != nil {
		return nil, err
	}
	if sm.ID != id {
		return nil, fmt.Errorf("answer is for %v", sm.ID)
	}
	return &sm, nil
}

// iaimining is the generated binding of 0x0300's ABI: typed packing and
// unpacking, checked by the compiler.
var iaimining = bindings.NewIAIMining()

func packRelay(encoded []byte, sigs []teleport.Signature) ([]byte, error) {
	idx := make([]uint8, len(sigs))
	pks, ss := make([][]byte, len(sigs)), make([][]byte, len(sigs))
	for i, s := range sigs {
		idx[i], pks[i], ss[i] = s.Index, s.PublicKey, s.Signature
	}
	return iaimining.TryPackRelayTeleport(encoded, idx, pks, ss)
}

// view calls a view function of 0x0300 on the destination at the latest
// block with calldata in and returns its output.
func (r *Relayer) view(ctx context.Context, name string, in []byte) ([]byte, error) {
	to := precompile.Address
	out, err := r.cfg.Dest.CallContract(ctx, ethereum.CallMsg{From: r.from, To: &to, Data: in}, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

func (r *Relayer) status(ctx context.Context, id common.Hash) (uint8, error) {
	out, err := r.view(ctx, "teleportStatus", iaimining.PackTeleportStatus(id))
	if err != nil {
		return 0, err
	}
	v, err := iaimining.UnpackTeleportStatus(out)
	if err != nil {
		return 0, fmt.Errorf("teleportStatus: %w", err)
	}
	return v.Status, nil
}

func (r *Relayer) signerSet(ctx context.Context, source uint32) (*teleport.Set, error) {
	out, err := r.view(ctx, "teleportSigners", iaimining.PackTeleportSigners(source))
	if err != nil {
		return nil, err
	}
	v, err := iaimining.UnpackTeleportSigners(out)
	if err != nil {
		return nil, fmt.Errorf("teleportSigners: %w", err)
	}
	set := &teleport.Set{Threshold: v.Threshold, IDs: make([]proof.Hash, len(v.SignerIds))}
	for i, id := range v.SignerIds {
		set.IDs[i] = proof.Hash(id)
	}
	return set, nil
}

// simulate runs the relay with eth_call; a refusal comes back decoded.
func (r *Relayer) simulate(ctx context.Context, data []byte) (*precompile.Revert, error) {
	to := precompile.Address
	_, err := r.cfg.Dest.CallContract(ctx, ethereum.CallMsg{From: r.from, To: &to, Data: data}, nil)
	if err == nil {
		return nil, nil
	}
	return RevertOf(err), err
}

// RevertOf decodes an IAIMining refusal from a JSON-RPC error, or returns nil.
func RevertOf(err error) *precompile.Revert {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return nil
	}
	b, herr := hexutil.Decode(s)
	if herr != nil {
		return nil
	}
	rev, derr := precompile.DecodeRevert(b)
	if derr != nil {
		return nil
	}
	return rev
}

// send signs and sends a relay transaction to 0x0300 with the gas the
// node estimates plus a margin.
func (r *Relayer) send(ctx context.Context, data []byte) (*types.Transaction, error) {
	to := precompile.Address
	gas, err := r.cfg.Dest.EstimateGas(ctx, ethereum.CallMsg{From: r.from, To: &to, Data: data})
	if err != nil {
		return nil, fmt.Errorf("estimate gas: %w", err)
	}
	gas += gas / 5
	nonce, err := r.cfg.Dest.PendingNonceAt(ctx, r.from)
	if err != nil {
		return nil, fmt.Errorf("nonce: %w", err)
	}
	tip, err := r.cfg.Dest.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("gas tip: %w", err)
	}
	head, err := r.cfg.Dest.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	chain := new(big.Int).SetUint64(uint64(r.dest))
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: chain, Nonce: nonce, To: &to, Gas: gas, GasTipCap: tip, GasFeeCap: feeCap, Data: data,
	}), types.LatestSignerForChainID(chain), r.cfg.Key)
	if err != nil {
		return nil, err
	}
	if err := r.cfg.Dest.SendTransaction(ctx, tx); err != nil {
		return nil, fmt.Errorf("send relay: %w", err)
	}
	return tx, nil
}

// wait polls for a receipt until ReceiptTimeout.
func (r *Relayer) wait(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.ReceiptTimeout)
	defer cancel()
	for {
		rcpt, err := r.cfg.Dest.TransactionReceipt(ctx, h)
		if err == nil {
			return rcpt, nil
		}
		if !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "indexing is in progress") {
			return nil, fmt.Errorf("receipt %v: %w", h, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("receipt %v: %w", h, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}
