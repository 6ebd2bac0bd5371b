// Package onchain sends the federated-round transactions to IAIMining at
// 0x0300: publishRound for the aggregator, claimRoundReward for anyone.
// Each call is simulated first, so a refusal comes back as the
// precompile's decoded custom error instead of a failed transaction.
package onchain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/precompile"
)

// Sender signs and sends IAIMining transactions from one account.
type Sender struct {
	EC             *ethclient.Client
	Key            *ecdsa.PrivateKey
	ChainID        uint64
	ReceiptTimeout time.Duration // default 60 s
}

// Address is the sending account.
func (s *Sender) Address() common.Address { return crypto.PubkeyToAddress(s.Key.PublicKey) }

// RefusedError is a refusal by the precompile.
type RefusedError struct{ Revert *precompile.Revert }

func (e *RefusedError) Error() string { return "IAIMining refused: " + e.Revert.Error() }

// revertOf decodes an IAIMining refusal from a JSON-RPC error, or nil.
func revertOf(err error) *precompile.Revert {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return nil
	}
	b, err := hexutil.Decode(s)
	if err != nil {
		return nil
	}
	rev, err := precompile.DecodeRevert(b)
	if err != nil {
		return nil
	}
	return rev
}

// Send simulates data against 0x0300, then sends it and waits for a
// successful receipt.
func (s *Sender) Send(ctx context.Context, data []byte) (*types.Receipt, error) {
	to, from := precompile.Address, s.Address()
	msg := ethereum.CallMsg{From: from, To: &to, Data: data}
	if _, err := s.EC.CallContract(ctx, msg, nil); err != nil {
		if rev := revertOf(err); rev != nil {
			return nil, &RefusedError{rev}
		}
		return nil, err
	}
	gas, err := s.EC.EstimateGas(ctx, msg)
	if err != nil {
		return nil, fmt.Errorf("estimate gas: %w", err)
	}
	nonce, err := s.EC.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, err
	}
	tip, err := s.EC.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, err
	}
	head, err := s.EC.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, err
	}
	chain := new(big.Int).SetUint64(s.ChainID)
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: chain, Nonce: nonce, To: &to, Gas: gas + gas/5, GasTipCap: tip,
		GasFeeCap: new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2))), Data: data,
	}), types.LatestSignerForChainID(chain), s.Key)
	if err != nil {
		return nil, err
	}
	if err := s.EC.SendTransaction(ctx, tx); err != nil {
		return nil, err
	}
	timeout := s.ReceiptTimeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		r, err := s.EC.TransactionReceipt(ctx, tx.Hash())
		if err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				return r, fmt.Errorf("transaction %v failed", tx.Hash())
			}
			return r, nil
		}
		if !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "indexing is in progress") {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("receipt %v: %w", tx.Hash(), ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// PublishRound implements aggregator.Publisher.
func (s *Sender) PublishRound(ctx context.Context, res *federated.Result) (common.Hash, error) {
	data, err := iaimining.TryPackPublishRound(res.RoundID, [32]byte(res.ModelHash), [32]byte(res.Root), res.Total.ToBig())
	if err != nil {
		return common.Hash{}, err
	}
	r, err := s.Send(ctx, data)
	if err != nil {
		return common.Hash{}, err
	}
	return r.TxHash, nil
}

// ClaimData is the calldata of claimRoundReward for a claim.
func ClaimData(ci *federated.ClaimInfo) ([]byte, error) {
	path := make([][32]byte, len(ci.Proof))
	for i, h := range ci.Proof {
		path[i] = h
	}
	return iaimining.TryPackClaimRoundReward(ci.RoundID, ci.Recipient, ci.Amount.ToBig(), path)
}

// iaimining is the generated binding of 0x0300's ABI.
var iaimining = bindings.NewIAIMining()

// Claim sends claimRoundReward for ci.
func (s *Sender) Claim(ctx context.Context, ci *federated.ClaimInfo) (*types.Receipt, error) {
	data, err := ClaimData(ci)
	if err != nil {
		return nil, err
	}
	return s.Send(ctx, data)
}
