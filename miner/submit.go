package miner

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Chain is the part of a node's JSON-RPC API the miner uses. *NodeClient
// implements it over go-ethereum's ethclient.
type Chain interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	CodeAt(ctx context.Context, account common.Address, blockNumber *big.Int) ([]byte, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error)
	// EstimateGasInBlock estimates on the state after block stateBlock as if
	// the call ran in a block with the given number and timestamp
	// (eth_estimateGas with a block override). The state is named by number,
	// not "latest", so that it is the state of the header the override was
	// computed from even when a newer block lands in between.
	EstimateGasInBlock(ctx context.Context, msg ethereum.CallMsg, stateBlock, number, time uint64) (uint64, error)
	// CallInBlock runs eth_call on the state after block stateBlock as if the
	// call ran in a block with the given number and timestamp.
	CallInBlock(ctx context.Context, msg ethereum.CallMsg, stateBlock, number, time uint64) ([]byte, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
	CallContract(ctx context.Context, msg ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
}

// NodeClient is a Chain over JSON-RPC.
type NodeClient struct {
	*ethclient.Client
	rpc *rpc.Client
}

// NewNodeClient wraps a connected RPC client.
func NewNodeClient(c *rpc.Client) *NodeClient {
	return &NodeClient{Client: ethclient.NewClient(c), rpc: c}
}

// DialNode connects to a node's JSON-RPC endpoint.
func DialNode(ctx context.Context, endpoint string) (*NodeClient, error) {
	c, err := rpc.DialContext(ctx, endpoint)
	if err != nil {
		return nil, fmt.Errorf("connect to node at %s: %w", endpoint, err)
	}
	return NewNodeClient(c), nil
}

// callArg renders a call message like ethclient does.
func callArg(msg ethereum.CallMsg) map[string]any {
	arg := map[string]any{"from": msg.From, "to": msg.To}
	if len(msg.Data) > 0 {
		arg["input"] = hexutil.Bytes(msg.Data)
	}
	if msg.Value != nil {
		arg["value"] = (*hexutil.Big)(msg.Value)
	}
	if msg.Gas != 0 {
		arg["gas"] = hexutil.Uint64(msg.Gas)
	}
	return arg
}

// blockOverride is eth_call / eth_estimateGas's block override object.
func blockOverride(number, time uint64) map[string]any {
	return map[string]any{"number": (*hexutil.Big)(new(big.Int).SetUint64(number)), "time": hexutil.Uint64(time)}
}

// CallInBlock implements Chain with eth_call's block override parameter.
func (c *NodeClient) CallInBlock(ctx context.Context, msg ethereum.CallMsg, stateBlock, number, time uint64) ([]byte, error) {
	var out hexutil.Bytes
	err := c.rpc.CallContext(ctx, &out, "eth_call", callArg(msg), hexutil.EncodeUint64(stateBlock), nil, blockOverride(number, time))
	return out, err
}

// EstimateGasInBlock implements Chain with eth_estimateGas's block override
// parameter (go-ethereum ≥ 1.14).
func (c *NodeClient) EstimateGasInBlock(ctx context.Context, msg ethereum.CallMsg, stateBlock, number, time uint64) (uint64, error) {
	var gas hexutil.Uint64
	err := c.rpc.CallContext(ctx, &gas, "eth_estimateGas", callArg(msg), hexutil.EncodeUint64(stateBlock), nil, blockOverride(number, time))
	return uint64(gas), err
}

// RefusedError is a proof the precompile refused. Refusals are final: the
// same proof would be refused again, so it is never retried.
type RefusedError struct {
	// Reason is the custom error's name ("AlreadySpent", "WrongChain", …),
	// or "reverted" when the revert data could not be decoded.
	Reason string
	// Revert is the decoded custom error, nil when undecodable.
	Revert *precompile.Revert
	// Stage is "estimate" (refused before sending) or "receipt" (the
	// transaction was mined and reverted).
	Stage string
	// TxHash is the reverted transaction, for Stage "receipt".
	TxHash common.Hash
	// Detail is the node's message when the revert was not decodable.
	Detail string
}

// Error implements error.
func (e *RefusedError) Error() string {
	what := e.Reason
	if e.Revert != nil {
		what = e.Revert.Error()
	} else if e.Detail != "" {
		what += ": " + e.Detail
	}
	if e.Stage == "receipt" {
		return fmt.Sprintf("proof refused in transaction %s: %s", e.TxHash.Hex(), what)
	}
	return "proof refused: " + what
}

// Unwrap returns the decoded revert.
func (e *RefusedError) Unwrap() error {
	if e.Revert == nil {
		return nil
	}
	return e.Revert
}

// IsRefusal reports whether err is a refusal by the precompile, and which.
func IsRefusal(err error) (*RefusedError, bool) {
	var r *RefusedError
	ok := errors.As(err, &r)
	return r, ok
}

// RevertFromError extracts and decodes the revert data a node attached to
// an eth_call / eth_estimateGas error. It reports false when err carries no
// revert.
func RevertFromError(err error) (*RefusedError, bool) {
	if err == nil {
		return nil, false
	}
	var de rpc.DataError
	if errors.As(err, &de) {
		var data []byte
		switch d := de.ErrorData().(type) {
		case string:
			data, _ = hexutil.Decode(d)
		case []byte:
			data = d
		}
		if len(data) > 0 {
			rev, derr := precompile.DecodeRevert(data)
			if derr == nil {
				return &RefusedError{Reason: rev.Name, Revert: rev}, true
			}
			return &RefusedError{Reason: "reverted", Detail: fmt.Sprintf("%s (revert data 0x%x: %v)", err.Error(), data, derr)}, true
		}
	}
	if strings.Contains(err.Error(), "execution reverted") {
		return &RefusedError{Reason: "reverted", Detail: err.Error()}, true
	}
	return nil, false
}

// WorkAccepted is a decoded IAIMining WorkAccepted event.
type WorkAccepted struct {
	WorkID       proof.Hash
	Beneficiary  common.Address
	MinerID      proof.Hash
	ComputeUnits uint64
	Reward       *big.Int // wei
	Epoch        uint64
	BlockNumber  uint64
	TxHash       common.Hash
	// Items is the number of batch items accepted under WorkID, then a
	// batch id (RecentAccepted lists batches too); 0 for a single proof.
	Items uint16
}

// workAcceptedEvent is the ABI event.
var workAcceptedEvent = precompile.ABI().Events["WorkAccepted"]

// ParseWorkAccepted decodes a WorkAccepted log emitted by the precompile.
func ParseWorkAccepted(l *types.Log) (*WorkAccepted, error) {
	if l.Address != precompile.Address {
		return nil, fmt.Errorf("log from %s, not the IAIMining precompile", l.Address.Hex())
	}
	if len(l.Topics) != 4 || l.Topics[0] != workAcceptedEvent.ID {
		return nil, errors.New("log is not a WorkAccepted event")
	}
	vals, err := workAcceptedEvent.Inputs.NonIndexed().Unpack(l.Data)
	if err != nil {
		return nil, fmt.Errorf("decode WorkAccepted data: %w", err)
	}
	if len(vals) != 3 {
		return nil, fmt.Errorf("WorkAccepted data has %d fields, want 3", len(vals))
	}
	cu, ok1 := vals[0].(uint64)
	reward, ok2 := vals[1].(*big.Int)
	epoch, ok3 := vals[2].(uint64)
	if !ok1 || !ok2 || !ok3 {
		return nil, errors.New("WorkAccepted data has unexpected types")
	}
	return &WorkAccepted{
		WorkID:       proof.Hash(l.Topics[1]),
		Beneficiary:  common.BytesToAddress(l.Topics[2][12:]),
		MinerID:      proof.Hash(l.Topics[3]),
		ComputeUnits: cu,
		Reward:       reward,
		Epoch:        epoch,
		BlockNumber:  l.BlockNumber,
		TxHash:       l.TxHash,
	}, nil
}

// Accepted is the outcome of a proof the chain accepted.
type Accepted struct {
	WorkAccepted
	Receipt   *types.Receipt
	Resubmits int // how often the proof had to be sent again
	// Tx is the signed transaction that the receipt belongs to; nil when
	// the acceptance was found on chain (an earlier transaction of it).
	Tx *types.Transaction
}

// SubmitterConfig tunes a Submitter.
type SubmitterConfig struct {
	ChainID *big.Int
	// Confirmations is the depth, in blocks including the one holding the
	// transaction, that Transact waits for (≥ 1). Proofs (Submit,
	// SubmitTicketed, SubmitBatch) return once included: the Miner follows
	// them until they are final (finality.go).
	Confirmations  uint64
	ReceiptTimeout time.Duration // rebroadcast when no receipt came in this time
	MaxResubmits   int           // times a proof may be sent again
	MaxFeePerGas   *big.Int      // cap on maxFeePerGas; nil: none
	PollInterval   time.Duration // receipt polling (default 1 s)
	CallTimeout    time.Duration // per JSON-RPC call (default 30 s)
	GasMarginPct   uint64        // gas limit = estimate × (100 + margin) / 100 (default 25)
	Backoff        Backoff       // transport retries (default DefaultBackoff)
	Logger         *slog.Logger
	Metrics        *Metrics
}

// Submitter sends proofs to the IAIMining precompile with
// submitWorkProof(bytes proof, bytes attestation) in EIP-1559 transactions
// signed by the gas account, and waits for them to be accepted.
type Submitter struct {
	chain  Chain
	cfg    SubmitterConfig
	from   common.Address
	signer bind.SignerFn
	log    *slog.Logger

	mu        sync.Mutex // orders nonce use: allocate, sign, send
	nextNonce uint64
	nonceOK   bool
}

// NewSubmitter returns a Submitter paying gas with gasKey.
func NewSubmitter(chain Chain, gasKey *ecdsa.PrivateKey, cfg SubmitterConfig) (*Submitter, error) {
	if cfg.ChainID == nil || cfg.ChainID.Sign() <= 0 {
		return nil, errors.New("submitter: chain id missing")
	}
	if gasKey == nil {
		return nil, errors.New("submitter: gas key missing")
	}
	if cfg.Confirmations == 0 {
		cfg.Confirmations = 1
	}
	if cfg.ReceiptTimeout <= 0 {
		cfg.ReceiptTimeout = DefaultReceiptTimeout
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = 30 * time.Second
	}
	if cfg.GasMarginPct == 0 {
		cfg.GasMarginPct = 25
	}
	if cfg.Backoff.Attempts == 0 {
		cfg.Backoff = DefaultBackoff()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	opts := bind.NewKeyedTransactor(gasKey, cfg.ChainID)
	s := &Submitter{chain: chain, cfg: cfg, from: opts.From, signer: opts.Signer, log: cfg.Logger}
	if cfg.Metrics != nil {
		prev := s.cfg.Backoff.OnRetry
		s.cfg.Backoff.OnRetry = func(attempt int, d time.Duration, err error) {
			cfg.Metrics.TransportRetries.Inc()
			if prev != nil {
				prev(attempt, d, err)
			}
		}
	}
	return s, nil
}

// From returns the gas account.
func (s *Submitter) From() common.Address { return s.from }

// call runs one JSON-RPC operation with the per-call timeout and transport
// retries.
func (s *Submitter) call(ctx context.Context, op func(ctx context.Context) error) error {
	return s.cfg.Backoff.Do(ctx, func(ctx context.Context) error {
		cctx, cancel := context.WithTimeout(ctx, s.cfg.CallTimeout)
		defer cancel()
		return op(cctx)
	})
}

// errResubmit asks Submit to build a new transaction for the proof.
type errResubmit struct {
	reason   string
	moreGas  bool
	resetNon bool
}

func (e *errResubmit) Error() string { return "resubmit: " + e.reason }

// Submit sends an encoded proof and waits until it is accepted with the
// configured confirmations. workTime is the proof's WorkContext timestamp.
// Gas is estimated as if the call ran in the next block, the one the
// transaction can land in: number head+1 and time max(head time + 1,
// workTime), so that an idle chain (head far behind the clock) judges the
// proof's timestamp as the next block will. A refusal by the
// precompile returns a *RefusedError and is not retried; transport errors
// are retried with backoff; a transaction that disappears (reorg, dropped)
// is sent again. When a proof sent again is refused as AlreadySpent, an
// earlier transaction of it made it after all, and its acceptance is
// returned.
func (s *Submitter) Submit(ctx context.Context, encodedProof, attestation []byte, workID proof.Hash, workTime uint64) (*Accepted, error) {
	data, err := iaimining.TryPackSubmitWorkProof(encodedProof, attestation)
	if err != nil {
		return nil, fmt.Errorf("pack submitWorkProof: %w", err)
	}
	return s.submitWork(ctx, "proof", workID, workTime, data)
}

// submitWork sends data, a call of submitWorkProof or submitTicketedWork,
// with transact and returns the proof's acceptance.
func (s *Submitter) submitWork(ctx context.Context, what string, workID proof.Hash, workTime uint64, data []byte) (*Accepted, error) {
	var acc *Accepted
	err := s.transact(ctx, data, nil, workTime, what, []any{"work_id", hexutil.Encode(workID[:])}, 1, 0, func(tx *types.Transaction, rcpt *types.Receipt, resubmits int) error {
		a, err := accepted(rcpt, workID)
		if err == nil {
			a.Resubmits, a.Tx = resubmits, tx
			acc = a
		}
		return err
	}, func(resubmits int) bool {
		a, ferr := s.findAccepted(ctx, workID)
		if ferr != nil {
			return false
		}
		a.Resubmits = resubmits
		acc = a
		return true
	})
	if err != nil {
		return nil, err
	}
	return acc, nil
}

// Transact sends a transaction with data to the precompile and waits for
// its receipt, with the same gas estimation, retries, resubmission and
// refusal decoding as Submit. what names it in logs ("device registration").
func (s *Submitter) Transact(ctx context.Context, data []byte, what string) (*types.Receipt, error) {
	return s.TransactValue(ctx, data, nil, what)
}

// TransactValue is Transact with value (wei of the native coin) sent
// along: for bond, the one payable function.
func (s *Submitter) TransactValue(ctx context.Context, data []byte, value *big.Int, what string) (*types.Receipt, error) {
	var out *types.Receipt
	err := s.transact(ctx, data, value, 0, what, nil, s.cfg.Confirmations, 0, func(_ *types.Transaction, rcpt *types.Receipt, _ int) error {
		out = rcpt
		return nil
	}, nil)
	return out, err
}

// transact sends data until a receipt depth blocks deep arrives and done
// accepts it. alreadySpent, when set, is asked whether a resubmitted
// transaction refused as AlreadySpent had made it earlier. resubmits is
// how often the data was sent before (0 for new work).
func (s *Submitter) transact(ctx context.Context, data []byte, value *big.Int, workTime uint64, what string, logAttrs []any, depth uint64, resubmits int,
	done func(tx *types.Transaction, rcpt *types.Receipt, resubmits int) error, alreadySpent func(resubmits int) bool) error {
	gasPct := 100 + s.cfg.GasMarginPct
	for first := resubmits; ; resubmits++ {
		tx, err := s.send(ctx, data, value, workTime, gasPct)
		if ref, ok := IsRefusal(err); ok && resubmits > 0 && ref.Reason == "AlreadySpent" && alreadySpent != nil && alreadySpent(resubmits) {
			return nil
		}
		if err != nil {
			return err
		}
		s.log.Debug(what+" transaction sent", append([]any{"tx", tx.Hash().Hex(), "nonce", tx.Nonce(), "gas", tx.Gas()}, logAttrs...)...)
		rcpt, err := s.await(ctx, tx, data, depth)
		var rs *errResubmit
		if !errors.As(err, &rs) {
			if err != nil {
				return err
			}
			return done(tx, rcpt, resubmits)
		}
		if resubmits-first >= s.cfg.MaxResubmits {
			return fmt.Errorf("%s transaction %s: %s, and it was already sent again %d times; giving up", what, tx.Hash().Hex(), rs.reason, resubmits)
		}
		if s.cfg.Metrics != nil {
			s.cfg.Metrics.Resubmits.Inc()
		}
		if rs.moreGas {
			gasPct *= 2
		}
		if rs.resetNon {
			s.resetNonce()
		}
		s.log.Warn("sending "+what+" again", append([]any{"reason", rs.reason, "tx", tx.Hash().Hex(), "resubmit", resubmits + 1}, logAttrs...)...)
	}
}

func (s *Submitter) resetNonce() {
	s.mu.Lock()
	s.nonceOK = false
	s.mu.Unlock()
}

// send estimates gas, prices, signs and broadcasts one transaction (with
// value, when not nil).
func (s *Submitter) send(ctx context.Context, data []byte, value *big.Int, workTime uint64, gasPct uint64) (*types.Transaction, error) {
	if value == nil {
		value = new(big.Int)
	}
	var head *types.Header
	if err := s.call(ctx, func(ctx context.Context) (err error) {
		head, err = s.chain.HeaderByNumber(ctx, nil)
		return err
	}); err != nil {
		return nil, fmt.Errorf("read latest block: %w", err)
	}
	if head.BaseFee == nil {
		return nil, errors.New("the chain has no base fee (London/EIP-1559 not active); the miner sends EIP-1559 transactions only")
	}
	to := precompile.Address
	msg := ethereum.CallMsg{From: s.from, To: &to, Data: data}
	if value.Sign() != 0 {
		msg.Value = value
	}
	var gas uint64
	// The estimate runs on head's state, in the block after head: a newer
	// state could hold an epoch that starts after nextTime, which the
	// precompile refuses as a block time before the epoch's start.
	next := head.Number.Uint64() + 1
	nextTime := max(head.Time+1, workTime)
	err := s.call(ctx, func(ctx context.Context) (err error) {
		gas, err = s.chain.EstimateGasInBlock(ctx, msg, head.Number.Uint64(), next, nextTime)
		if isInvalidParams(err) { // a node without block overrides
			gas, err = s.chain.EstimateGas(ctx, msg)
		}
		// go-ethereum serves no block hashes to a call whose block number is
		// overridden (BLOCKHASH walks the latest header's parents from the
		// overridden number and finds none), so a call that reads an audit
		// seed is estimated on the latest block as it is.
		if ref, ok := RevertFromError(err); ok && ref.Reason == "AuditSeedUnavailable" {
			gas, err = s.chain.EstimateGas(ctx, msg)
		}
		return err
	})
	if err != nil {
		if ref, ok := RevertFromError(err); ok {
			ref.Stage = "estimate"
			return nil, ref
		}
		return nil, fmt.Errorf("estimate gas: %w", err)
	}
	gasLimit := gas * gasPct / 100
	var tip *big.Int
	if err := s.call(ctx, func(ctx context.Context) (err error) {
		tip, err = s.chain.SuggestGasTipCap(ctx)
		return err
	}); err != nil {
		return nil, fmt.Errorf("suggest gas tip: %w", err)
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	if capWei := s.cfg.MaxFeePerGas; capWei != nil && feeCap.Cmp(capWei) > 0 {
		if capWei.Cmp(head.BaseFee) < 0 {
			return nil, fmt.Errorf("base fee %s wei is above the configured max fee %s wei (mining.max_fee_gwei)", head.BaseFee, capWei)
		}
		feeCap = new(big.Int).Set(capWei)
		if tip.Cmp(feeCap) > 0 {
			tip = new(big.Int).Set(feeCap)
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if !s.nonceOK {
			if err := s.call(ctx, func(ctx context.Context) (err error) {
				s.nextNonce, err = s.chain.PendingNonceAt(ctx, s.from)
				return err
			}); err != nil {
				return nil, fmt.Errorf("read gas account nonce: %w", err)
			}
			s.nonceOK = true
		}
		tx, err := s.signer(s.from, types.NewTx(&types.DynamicFeeTx{
			ChainID:   s.cfg.ChainID,
			Nonce:     s.nextNonce,
			GasTipCap: tip,
			GasFeeCap: feeCap,
			Gas:       gasLimit,
			To:        &to,
			Value:     new(big.Int).Set(value),
			Data:      data,
		}))
		if err != nil {
			return nil, fmt.Errorf("sign transaction: %w", err)
		}
		err = s.broadcast(ctx, tx)
		switch {
		case err == nil:
			s.nextNonce++
			return tx, nil
		case isNonceError(err) && s.mined(ctx, tx):
			// A retry after a lost answer: the first try went through.
			s.nextNonce = tx.Nonce() + 1
			return tx, nil
		case (isNonceError(err) || isUnderpriced(err)) && attempt < 3:
			// Another transaction of this account took the nonce (or is
			// pending with it): read the nonce again.
			s.nonceOK = false
			s.log.Debug("nonce rejected, reading it again", "nonce", s.nextNonce, "err", err)
		default:
			s.nonceOK = false
			if isInsufficientFunds(err) {
				return nil, fmt.Errorf("gas account %s cannot pay for the transaction: %w", s.from.Hex(), err)
			}
			return nil, fmt.Errorf("send transaction: %w", err)
		}
	}
}

// mined reports whether tx already has a receipt.
func (s *Submitter) mined(ctx context.Context, tx *types.Transaction) bool {
	r, err := s.chain.TransactionReceipt(ctx, tx.Hash())
	return err == nil && r != nil
}

// broadcast sends a signed transaction; "already known" counts as sent.
func (s *Submitter) broadcast(ctx context.Context, tx *types.Transaction) error {
	err := s.call(ctx, func(ctx context.Context) error { return s.chain.SendTransaction(ctx, tx) })
	if err != nil && isAlreadyKnown(err) {
		return nil
	}
	return err
}

// await polls for tx's receipt until it is depth blocks deep.
func (s *Submitter) await(ctx context.Context, tx *types.Transaction, data []byte, depth uint64) (*types.Receipt, error) {
	sentAt := time.Now()
	seen := false
	for {
		var rcpt *types.Receipt
		err := s.call(ctx, func(ctx context.Context) (err error) {
			rcpt, err = s.chain.TransactionReceipt(ctx, tx.Hash())
			return err
		})
		switch {
		case errors.Is(err, ethereum.NotFound):
			if seen || time.Since(sentAt) >= s.cfg.ReceiptTimeout {
				reason := "no receipt after " + s.cfg.ReceiptTimeout.String()
				if seen {
					reason = "receipt disappeared (chain reorganisation)"
					if s.cfg.Metrics != nil {
						s.cfg.Metrics.Reorgs.Inc()
					}
				}
				s.log.Warn("broadcasting transaction again", "tx", tx.Hash().Hex(), "reason", reason)
				if err := s.broadcast(ctx, tx); err != nil {
					if isNonceError(err) {
						// The nonce is used: either our transaction is in a
						// block after all, or another one took the nonce.
						if s.mined(ctx, tx) {
							continue
						}
						return nil, &errResubmit{reason: reason + "; its nonce was used by another transaction", resetNon: true}
					}
					if !IsTransient(err) {
						return nil, &errResubmit{reason: reason + "; rebroadcast failed: " + err.Error(), resetNon: true}
					}
				}
				seen, sentAt = false, time.Now()
			}
		case err != nil:
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if isIndexing(err) {
				// A node that has just started indexes its transactions
				// before it serves receipts: ask again later.
				break
			}
			if !IsTransient(err) {
				return nil, fmt.Errorf("read receipt of %s: %w", tx.Hash().Hex(), err)
			}
		case rcpt.Status != types.ReceiptStatusSuccessful:
			return nil, s.failed(ctx, tx, rcpt, data)
		default:
			seen = true
			done := depth <= 1
			if !done {
				var head uint64
				if err := s.call(ctx, func(ctx context.Context) (err error) {
					head, err = s.chain.BlockNumber(ctx)
					return err
				}); err == nil && rcpt.BlockNumber != nil {
					done = head+1 >= rcpt.BlockNumber.Uint64()+depth
				}
			}
			if done {
				return rcpt, nil
			}
		}
		if err := sleepCtx(ctx, s.cfg.PollInterval); err != nil {
			return nil, err
		}
	}
}

// findAcceptedLookback is how many blocks findAccepted searches.
const findAcceptedLookback = 1024

// findAccepted looks for the WorkAccepted event of workID in recent blocks
// and returns the acceptance with its receipt.
func (s *Submitter) findAccepted(ctx context.Context, workID proof.Hash) (*Accepted, error) {
	var head uint64
	if err := s.call(ctx, func(ctx context.Context) (err error) {
		head, err = s.chain.BlockNumber(ctx)
		return err
	}); err != nil {
		return nil, err
	}
	from := uint64(0)
	if head > findAcceptedLookback {
		from = head - findAcceptedLookback
	}
	var logs []types.Log
	if err := s.call(ctx, func(ctx context.Context) (err error) {
		logs, err = s.chain.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(from),
			Addresses: []common.Address{precompile.Address},
			Topics:    [][]common.Hash{{workAcceptedEvent.ID}, {common.Hash(workID)}},
		})
		return err
	}); err != nil {
		return nil, err
	}
	for i := range logs {
		if logs[i].Removed {
			continue
		}
		var rcpt *types.Receipt
		if err := s.call(ctx, func(ctx context.Context) (err error) {
			rcpt, err = s.chain.TransactionReceipt(ctx, logs[i].TxHash)
			return err
		}); err != nil {
			return nil, err
		}
		return accepted(rcpt, workID)
	}
	return nil, errors.New("no WorkAccepted event found")
}

// accepted finds the WorkAccepted event of workID in a successful receipt.
func accepted(rcpt *types.Receipt, workID proof.Hash) (*Accepted, error) {
	for _, l := range rcpt.Logs {
		ev, err := ParseWorkAccepted(l)
		if err != nil || ev.WorkID != workID {
			continue
		}
		if rcpt.BlockNumber != nil {
			ev.BlockNumber = rcpt.BlockNumber.Uint64()
		}
		ev.TxHash = rcpt.TxHash
		return &Accepted{WorkAccepted: *ev, Receipt: rcpt}, nil
	}
	return nil, fmt.Errorf("transaction %s succeeded but emitted no WorkAccepted event for work id %s (is the IAIMining precompile active on this chain?)",
		rcpt.TxHash.Hex(), hexutil.Encode(workID[:]))
}

// failed explains a reverted transaction: it replays the call on the parent
// block's state, as if in the receipt's block (its number and time), to
// recover the custom error. A transaction that used all its gas without a
// revert reason ran out of gas and is sent again with more.
func (s *Submitter) failed(ctx context.Context, tx *types.Transaction, rcpt *types.Receipt, data []byte) error {
	to := precompile.Address
	msg := ethereum.CallMsg{From: s.from, To: &to, Data: data, Gas: tx.Gas()}
	if tx.Value().Sign() != 0 {
		msg.Value = tx.Value()
	}
	var err error
	if rcpt.BlockNumber != nil && rcpt.BlockNumber.Sign() > 0 {
		num := rcpt.BlockNumber.Uint64()
		var head *types.Header
		if err = s.call(ctx, func(ctx context.Context) (err error) {
			head, err = s.chain.HeaderByNumber(ctx, rcpt.BlockNumber)
			return err
		}); err == nil {
			_, err = s.chain.CallInBlock(ctx, msg, num-1, num, head.Time)
			if isInvalidParams(err) {
				_, err = s.chain.CallContract(ctx, msg, new(big.Int).SetUint64(num-1))
			}
		}
	}
	if ref, ok := RevertFromError(err); ok {
		ref.Stage, ref.TxHash = "receipt", tx.Hash()
		return ref
	}
	if rcpt.GasUsed >= tx.Gas() {
		return &errResubmit{reason: fmt.Sprintf("transaction %s ran out of gas (limit %d)", tx.Hash().Hex(), tx.Gas()), moreGas: true}
	}
	return &RefusedError{Reason: "reverted", Stage: "receipt", TxHash: tx.Hash(), Detail: "the transaction reverted and the replay gave no reason"}
}

// Node error messages (go-ethereum's txpool and core errors).
func errContains(err error, subs ...string) bool {
	if err == nil {
		return false
	}
	msg := strings.ToLower(err.Error())
	for _, s := range subs {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func isAlreadyKnown(err error) bool {
	return errContains(err, "already known", "known transaction", "already imported")
}
func isNonceError(err error) bool  { return errContains(err, "nonce too low", "nonce too high") }
func isUnderpriced(err error) bool { return errContains(err, "replacement transaction underpriced") }
func isIndexing(err error) bool    { return errContains(err, "transaction indexing is in progress") }
func isInsufficientFunds(err error) bool {
	return errContains(err, "insufficient funds")
}

// isInvalidParams reports a JSON-RPC "invalid params" answer (code -32602).
func isInvalidParams(err error) bool {
	var re rpc.Error
	return errors.As(err, &re) && re.ErrorCode() == -32602
}
