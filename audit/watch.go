// Package audit is the off-chain half of sampled audits. A Watcher follows
// a chain's accepted work and works out, from the hashes of the blocks
// after each submission, which pieces of work the audit seed selects
// (proof.AuditSeed, proof.AuditSelected: the same draws the precompile
// makes). Judge decides a revealed job: built-in work is re-executed
// exactly as the precompile re-executes it (precompile.ReexecBuiltin),
// other models are checked by their log-probabilities on a verifier's own
// server (audit/logprob). Daemon ties them together for pars-verifier.
package audit

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Chain is the part of an Ethereum client the watcher needs; go-ethereum's
// *ethclient.Client satisfies it.
type Chain interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	CallContract(ctx context.Context, msg ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
}

// Params are the audit parameters the watcher applies. On chain they will
// be governed; until then they come from the verifier's configuration.
type Params struct {
	// Delay is the number of blocks after a submission whose hashes make
	// its seed (1..precompile.MaxAuditDelay).
	Delay uint64
	// ProbabilityBps is the audit probability in basis points.
	ProbabilityBps uint16
	// Confirmations is how many blocks must follow the seed's last block
	// before the watcher trusts it (a reorganisation of those blocks
	// changes the seed).
	Confirmations uint64
	// MaxBlocks bounds the blocks one Poll scans (0 means 1000).
	MaxBlocks uint64
}

// DefaultParams are the precompile's default seed (2 blocks) and sampling
// (5%), and 2 confirmations.
var DefaultParams = Params{Delay: precompile.DefaultAuditDelay, ProbabilityBps: precompile.DefaultAuditProbabilityBps, Confirmations: 2, MaxBlocks: 1000}

// Validate refuses parameters the precompile would refuse.
func (p Params) Validate() error {
	if p.Delay == 0 || p.Delay > precompile.MaxAuditDelay {
		return fmt.Errorf("audit: delay %d not in 1..%d", p.Delay, precompile.MaxAuditDelay)
	}
	if p.ProbabilityBps > proof.BasisPoints {
		return fmt.Errorf("audit: probability %d bps above %d", p.ProbabilityBps, proof.BasisPoints)
	}
	return nil
}

// Sampled is one piece of accepted work with its audit draw.
type Sampled struct {
	WorkID      proof.Hash
	MinerID     proof.Hash
	Beneficiary common.Address
	Block       uint64 // the block the work was accepted in
	TxHash      common.Hash
	Seed        proof.Hash // proof.AuditSeed of Block
	Draw        uint16     // proof.AuditDraw(Seed, WorkID)
	Selected    bool       // Draw < Params.ProbabilityBps
}

// workAccepted and workBatchAccepted are the IAIMining events the watcher
// follows: a batch is drawn for audit as one piece of work under its batch
// id, and both events index (id, beneficiary, miner id) alike.
var (
	workAccepted      = precompile.ABI().Events[bindings.IAIMiningWorkAcceptedEventName]
	workBatchAccepted = precompile.ABI().Events[bindings.IAIMiningWorkBatchAcceptedEventName]
)

// Watcher follows one chain from a cursor block on.
type Watcher struct {
	chain   Chain
	chainID uint64
	params  Params
	next    uint64 // first block not yet scanned
}

// NewWatcher returns a watcher of chain that starts scanning at block
// from.
func NewWatcher(ctx context.Context, chain Chain, params Params, from uint64) (*Watcher, error) {
	if err := params.Validate(); err != nil {
		return nil, err
	}
	if params.MaxBlocks == 0 {
		params.MaxBlocks = DefaultParams.MaxBlocks
	}
	id, err := chain.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: chain id: %w", err)
	}
	if !id.IsUint64() {
		return nil, fmt.Errorf("audit: chain id %v above 2^64", id)
	}
	return &Watcher{chain: chain, chainID: id.Uint64(), params: params, next: from}, nil
}

// Next is the first block the next Poll scans.
func (w *Watcher) Next() uint64 { return w.next }

// ChainID is the chain's id.
func (w *Watcher) ChainID() uint64 { return w.chainID }

// Poll scans the blocks from the cursor whose audit seeds are settled
// (Delay + Confirmations blocks mined after them), at most MaxBlocks of
// them, and returns the work accepted in them with its draw, in chain
// order. It advances the cursor only when the whole range succeeded.
func (w *Watcher) Poll(ctx context.Context) ([]Sampled, error) {
	head, err := w.chain.BlockNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: block number: %w", err)
	}
	lag := w.params.Delay + w.params.Confirmations
	if head < lag || head-lag < w.next {
		return nil, nil
	}
	to := min(head-lag, w.next+w.params.MaxBlocks-1)
	logs, err := w.chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(w.next),
		ToBlock:   new(big.Int).SetUint64(to),
		Addresses: []common.Address{precompile.Address},
		Topics:    [][]common.Hash{{workAccepted.ID, workBatchAccepted.ID}},
	})
	if err != nil {
		return nil, fmt.Errorf("audit: eth_getLogs %d..%d: %w", w.next, to, err)
	}
	var (
		out       []Sampled
		seed      proof.Hash
		seedBlock uint64
		haveSeed  bool
	)
	for i := range logs {
		l := &logs[i]
		if l.Removed || l.BlockNumber < w.next || l.BlockNumber > to {
			continue
		}
		s, err := parseWorkAccepted(l)
		if err != nil {
			continue // not a well-formed WorkAccepted: nothing to audit
		}
		if !haveSeed || seedBlock != l.BlockNumber {
			if seed, err = w.Seed(ctx, l.BlockNumber); err != nil {
				return nil, err
			}
			seedBlock, haveSeed = l.BlockNumber, true
		}
		s.Seed = seed
		s.Draw = proof.AuditDraw(seed, s.WorkID)
		s.Selected = s.Draw < w.params.ProbabilityBps
		out = append(out, *s)
	}
	w.next = to + 1
	return out, nil
}

// Seed computes the audit seed of block submitBlock from the headers of
// blocks submitBlock+1 .. submitBlock+Delay, as the precompile computes it
// from Env.BlockHash.
func (w *Watcher) Seed(ctx context.Context, submitBlock uint64) (proof.Hash, error) {
	hashes := make([]proof.Hash, w.params.Delay)
	for i := range hashes {
		n := submitBlock + 1 + uint64(i)
		h, err := w.chain.HeaderByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			return proof.Hash{}, fmt.Errorf("audit: header %d: %w", n, err)
		}
		hashes[i] = proof.Hash(h.Hash())
	}
	seed, err := proof.AuditSeed(w.chainID, submitBlock, hashes)
	if err != nil {
		return proof.Hash{}, fmt.Errorf("audit: seed of block %d: %w", submitBlock, err)
	}
	return seed, nil
}

// parseWorkAccepted reads the indexed fields of a WorkAccepted or
// WorkBatchAccepted log.
func parseWorkAccepted(l *types.Log) (*Sampled, error) {
	if l.Address != precompile.Address || len(l.Topics) != 4 || (l.Topics[0] != workAccepted.ID && l.Topics[0] != workBatchAccepted.ID) {
		return nil, errors.New("audit: not a WorkAccepted or WorkBatchAccepted log")
	}
	return &Sampled{
		WorkID:      proof.Hash(l.Topics[1]),
		Beneficiary: common.BytesToAddress(l.Topics[2][12:]),
		MinerID:     proof.Hash(l.Topics[3]),
		Block:       l.BlockNumber,
		TxHash:      l.TxHash,
	}, nil
}
