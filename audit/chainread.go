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

// What the watcher reads from 0x0300: the audit parameters governance set,
// the state of audited work, and the reveals miners sent.

// ChainParams are the audit parameters a chain's precompile holds
// (auditParameters).
type ChainParams struct {
	Delay          uint64
	ProbabilityBps uint16
	RevealWindow   uint64
	ChallengeBond  *big.Int
	CommitWindow   uint64
	VoteWindow     uint64
	CommitteeSize  uint16
}

// iaimining is the generated binding of 0x0300's ABI: typed packing and
// unpacking, checked by the compiler.
var iaimining = bindings.NewIAIMining()

// call runs the view call data (packed by iaimining) on the latest block
// and returns its output.
func call(ctx context.Context, chain Chain, method string, data []byte) ([]byte, error) {
	to := precompile.Address
	out, err := chain.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		return nil, fmt.Errorf("audit: %s: %w", method, err)
	}
	return out, nil
}

// ReadChainParams reads the chain's audit parameters.
func ReadChainParams(ctx context.Context, chain Chain) (ChainParams, error) {
	out, err := call(ctx, chain, "auditParameters", iaimining.PackAuditParameters())
	if err != nil {
		return ChainParams{}, err
	}
	v, err := iaimining.UnpackAuditParameters(out)
	if err != nil || v.ChallengeBond == nil {
		return ChainParams{}, fmt.Errorf("audit: decode auditParameters (is the chain's precompile older than audits?): %v", err)
	}
	return ChainParams{
		Delay: v.AuditDelay, ProbabilityBps: v.AuditProbabilityBps, RevealWindow: v.RevealWindow, ChallengeBond: v.ChallengeBond,
		CommitWindow: v.VoteCommitWindow, VoteWindow: v.VoteRevealWindow, CommitteeSize: v.CommitteeSize,
	}, nil
}

// Work statuses (pendingWork, auditInfo).
const (
	StatusUnknown   uint8 = 0
	StatusPending   uint8 = 1 // not drawn yet
	StatusFinalized uint8 = 2
	StatusUnsampled uint8 = 3
	StatusAudited   uint8 = 4 // awaiting the reveal
	StatusVoting    uint8 = 5
	StatusCleared   uint8 = 6
	StatusSlashed   uint8 = 7
)

// AuditState is a piece of work's status and audit as the chain reports it
// (auditInfo).
type AuditState struct {
	Status         uint8
	Kind           uint8 // 1 sampled, 2 challenged, 3 seed window closed undrawn
	Anchor         uint64
	RevealDeadline uint64
	Challenger     common.Address
	CommitDeadline uint64
	VoteDeadline   uint64
}

// ReadAuditState reads work id's status and audit.
func ReadAuditState(ctx context.Context, chain Chain, id proof.Hash) (AuditState, error) {
	out, err := call(ctx, chain, "auditInfo", iaimining.PackAuditInfo(id))
	if err != nil {
		return AuditState{}, err
	}
	v, err := iaimining.UnpackAuditInfo(out)
	if err != nil {
		return AuditState{}, fmt.Errorf("audit: decode auditInfo: %w", err)
	}
	return AuditState{
		Status: v.Status, Kind: v.Kind, Anchor: v.Anchor, RevealDeadline: v.RevealDeadline, Challenger: v.Challenger,
		CommitDeadline: v.CommitDeadline, VoteDeadline: v.VoteDeadline,
	}, nil
}

// TxSource is what ChainReveals needs beyond Chain: a transaction by hash
// (go-ethereum's *ethclient.Client and miner.NodeClient have it).
type TxSource interface {
	TransactionByHash(ctx context.Context, hash common.Hash) (*types.Transaction, bool, error)
}

// ChainReveals reads reveals from the chain: the calldata of the
// transaction that revealed the work (a reveal sent straight to 0x0300,
// found by the AuditDecided or CommitteeDrawn log it emitted). It is a
// RevealSource.
type ChainReveals struct {
	Chain Chain
	Txs   TxSource
	// From is the first block searched for reveal logs.
	From uint64
}

var (
	auditDecided   = precompile.ABI().Events["AuditDecided"]
	committeeDrawn = precompile.ABI().Events["CommitteeDrawn"]
	revealMethod   = precompile.ABI().Methods["reveal"]
	revealItem     = precompile.ABI().Methods["revealBatchItem"]
)

// Reveal finds and decodes the reveal of workID.
func (r ChainReveals) Reveal(ctx context.Context, workID proof.Hash) (*Reveal, error) {
	logs, err := r.Chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(r.From),
		Addresses: []common.Address{precompile.Address},
		Topics:    [][]common.Hash{{auditDecided.ID, committeeDrawn.ID}, {common.Hash(workID)}},
	})
	if err != nil {
		return nil, fmt.Errorf("audit: reveal logs of %x: %w", workID, err)
	}
	for i := range logs {
		if logs[i].Removed {
			continue
		}
		tx, _, err := r.Txs.TransactionByHash(ctx, logs[i].TxHash)
		if err != nil {
			return nil, fmt.Errorf("audit: reveal transaction %s: %w", logs[i].TxHash.Hex(), err)
		}
		rv, err := DecodeRevealCall(tx.Data())
		if err != nil || rv.WorkID != workID {
			continue // not a reveal sent straight to 0x0300 (a settlement, a contract)
		}
		return rv, nil
	}
	return nil, fmt.Errorf("%w for %x on chain", ErrNoReveal, workID)
}

// DecodeRevealCall decodes the calldata of reveal(workId, proof, input,
// output) into a Reveal, the claim taken from the revealed proof, or of
// revealBatchItem(batchId, count, root, index, item, path, input, output),
// the claim taken from the revealed item (the chain checked it under the
// batch's root before it drew a committee).
func DecodeRevealCall(data []byte) (*Reveal, error) {
	if len(data) >= 4 && string(data[:4]) == string(revealItem.ID) {
		return decodeRevealItemCall(data[4:])
	}
	if len(data) < 4 || string(data[:4]) != string(revealMethod.ID) {
		return nil, errors.New("audit: not a reveal call")
	}
	args, err := revealMethod.Inputs.Unpack(data[4:])
	if err != nil || len(args) != 4 {
		return nil, fmt.Errorf("audit: decode reveal call: %v", err)
	}
	id, _ := args[0].([32]byte)
	enc, _ := args[1].([]byte)
	in, _ := args[2].([]byte)
	out, _ := args[3].([]byte)
	wp, err := proof.DecodeAIWorkProof(enc)
	if err != nil {
		return nil, fmt.Errorf("audit: revealed proof: %w", err)
	}
	return &Reveal{
		WorkID: id,
		Claim: precompile.ReexecClaim{ModelHash: wp.Context.ModelHash, InputHash: wp.Context.InputHash, OutputHash: wp.OutputHash,
			InputTokens: uint64(wp.InputTokens), OutputTokens: uint64(wp.OutputTokens)},
		Input: in, Output: out,
	}, nil
}

// decodeRevealItemCall decodes revealBatchItem's arguments.
func decodeRevealItemCall(args []byte) (*Reveal, error) {
	vals, err := revealItem.Inputs.Unpack(args)
	if err != nil || len(vals) != 8 {
		return nil, fmt.Errorf("audit: decode revealBatchItem call: %v", err)
	}
	id, _ := vals[0].([32]byte)
	enc, _ := vals[4].([]byte)
	in, _ := vals[6].([]byte)
	out, _ := vals[7].([]byte)
	it, err := proof.DecodeBatchItem(enc)
	if err != nil {
		return nil, fmt.Errorf("audit: revealed batch item: %w", err)
	}
	return &Reveal{
		WorkID: id,
		Claim: precompile.ReexecClaim{ModelHash: it.ModelHash, InputHash: it.InputHash, OutputHash: it.OutputHash,
			InputTokens: uint64(it.InputTokens), OutputTokens: uint64(it.OutputTokens)},
		Input: in, Output: out,
	}, nil
}
