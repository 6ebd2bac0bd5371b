// Package chaintest is an in-memory chain for the teleport signer and
// relayer tests: the real IAIMining precompile on a real go-ethereum
// StateDB (precompile/precompiletest) behind the JSON-RPC methods that
// watch.LogSource and relayer.Dest use. Only the node around it is
// simulated: blocks, logs, a transaction pool with nonces, receipts,
// eth_call refusals as JSON-RPC data errors, and reorganisations. Like a
// client, every RPC method fails once its context is done.
package chaintest

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
)

// Governance is the governance address of every test chain.
var Governance = common.HexToAddress("0x00000000000000000000000000000000000000a0")

// BaseFee is the base fee of every block; SuggestGasTipCap answers it too.
var BaseFee = big.NewInt(1e9)

const startTime = 1_800_000_000

// Chain is one test chain. Its methods are safe for concurrent use.
type Chain struct {
	id uint64

	mu       sync.Mutex
	c        *precompiletest.Chain
	head     uint64
	states   []*state.StateDB               // state after each block
	nonces   []map[common.Address]uint64    // account nonces after each block
	logs     []types.Log                    // of all blocks up to head
	receipts map[common.Hash]*types.Receipt // of all blocks up to head
	pool     []*types.Transaction
	manual   bool
	sent     int
	execs    int
}

// New returns a chain with id chainID at block 0.
func New(t testing.TB, chainID uint64) *Chain {
	t.Helper()
	c, err := precompiletest.NewChain(chainID, precompile.DefaultParams(Governance), startTime)
	if err != nil {
		t.Fatal(err)
	}
	c.SetBlock(0, startTime)
	ch := &Chain{id: chainID, c: c, receipts: map[common.Hash]*types.Receipt{}}
	ch.states = []*state.StateDB{c.State.Copy()}
	ch.nonces = []map[common.Address]uint64{{}}
	return ch
}

// SetManual makes transactions wait in the pool until Mine; by default each
// is mined in a block of its own as it arrives.
func (ch *Chain) SetManual(manual bool) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	ch.manual = manual
}

// Sent returns how many transactions the chain has accepted.
func (ch *Chain) Sent() int {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	return ch.sent
}

// Head returns the number of the newest block.
func (ch *Chain) Head() uint64 {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	return ch.head
}

// Fund sets a's mining balance.
func (ch *Chain) Fund(a common.Address, wei *big.Int) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	v, _ := uint256.FromBig(wei)
	ch.c.State.SetState(precompile.Address, precompile.BalanceSlot(a), v.Bytes32())
	ch.states[ch.head] = ch.c.State.Copy()
}

// Mine seals a block with the transactions in the pool (possibly none) and
// returns its number.
func (ch *Chain) Mine() uint64 {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	return ch.mine(nil)
}

// Advance seals n empty blocks.
func (ch *Chain) Advance(n int) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	for range n {
		ch.mine(nil)
	}
}

// Exec runs a call to 0x0300 from `from` as the only transaction of a new
// block (an unsigned transaction; for the test's own accounts) and returns
// its receipt.
func (ch *Chain) Exec(from common.Address, data []byte) (*types.Receipt, *precompile.Revert) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	var rev *precompile.Revert
	var rcpt *types.Receipt
	ch.mine(func(block uint64) {
		res := ch.c.Call(precompiletest.Frame{Caller: from}, data)
		rev = res.Revert
		if res.Err != nil && rev == nil {
			rev = &precompile.Revert{Name: res.Err.Error()}
		}
		ch.execs++
		h := common.BytesToHash(fmt.Appendf(nil, "exec %d", ch.execs))
		rcpt = ch.receipt(h, block, 0, res)
	})
	return rcpt, rev
}

// Reorg drops every block after `to` and the pool: the chain goes on from
// block to's state.
func (ch *Chain) Reorg(to uint64) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if to > ch.head {
		panic(fmt.Sprintf("chaintest: reorg to %d beyond head %d", to, ch.head))
	}
	ch.head = to
	ch.states, ch.nonces = ch.states[:to+1], ch.nonces[:to+1]
	ch.c.State = ch.states[to].Copy()
	ch.c.SetBlock(to, startTime+to)
	ch.logs = deleteFunc(ch.logs, func(l types.Log) bool { return l.BlockNumber > to })
	for h, r := range ch.receipts {
		if r.BlockNumber.Uint64() > to {
			delete(ch.receipts, h)
		}
	}
	ch.pool = nil
}

func deleteFunc(ls []types.Log, del func(types.Log) bool) []types.Log {
	out := ls[:0]
	for _, l := range ls {
		if !del(l) {
			out = append(out, l)
		}
	}
	return out
}

// mine seals block head+1: run (if any) and then the pool.
func (ch *Chain) mine(run func(block uint64)) uint64 {
	ch.head++
	block := ch.head
	ch.c.SetBlock(block, startTime+block)
	nonces := make(map[common.Address]uint64, len(ch.nonces[block-1]))
	for a, n := range ch.nonces[block-1] {
		nonces[a] = n
	}
	if run != nil {
		run(block)
	}
	for i, tx := range ch.pool {
		from, _ := types.Sender(ch.signer(), tx)
		nonces[from]++
		res := ch.c.Call(precompiletest.Frame{Caller: from, Gas: tx.Gas()}, tx.Data())
		ch.receipt(tx.Hash(), block, uint(i), res)
	}
	ch.pool = nil
	ch.states = append(ch.states, ch.c.State.Copy())
	ch.nonces = append(ch.nonces, nonces)
	return block
}

func (ch *Chain) receipt(h common.Hash, block uint64, index uint, res precompiletest.Result) *types.Receipt {
	r := &types.Receipt{Status: types.ReceiptStatusSuccessful, TxHash: h, BlockNumber: new(big.Int).SetUint64(block),
		TransactionIndex: index, GasUsed: res.GasUsed}
	if res.Err != nil {
		r.Status = types.ReceiptStatusFailed
	}
	for _, l := range res.Logs {
		cp := *l
		cp.BlockNumber, cp.TxHash, cp.TxIndex, cp.Index = block, h, index, uint(len(ch.logs))
		ch.logs = append(ch.logs, cp)
		r.Logs = append(r.Logs, &cp)
	}
	ch.receipts[h] = r
	return r
}

func (ch *Chain) signer() types.Signer {
	return types.LatestSignerForChainID(new(big.Int).SetUint64(ch.id))
}

// ChainID implements watch.LogSource and relayer.Dest.
func (ch *Chain) ChainID(ctx context.Context) (*big.Int, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return new(big.Int).SetUint64(ch.id), nil
}

// BlockNumber implements watch.LogSource.
func (ch *Chain) BlockNumber(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return ch.Head(), nil
}

// FilterLogs implements watch.LogSource (block range, addresses and the
// first topic only).
func (ch *Chain) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	from, to := uint64(0), ch.head
	if q.FromBlock != nil {
		from = q.FromBlock.Uint64()
	}
	if q.ToBlock != nil {
		to = q.ToBlock.Uint64()
	}
	if to > ch.head {
		return nil, fmt.Errorf("block %d is beyond the head %d", to, ch.head)
	}
	var out []types.Log
	for _, l := range ch.logs {
		if l.BlockNumber < from || l.BlockNumber > to {
			continue
		}
		if len(q.Addresses) > 0 && !containsAddr(q.Addresses, l.Address) {
			continue
		}
		if len(q.Topics) > 0 && len(q.Topics[0]) > 0 && (len(l.Topics) == 0 || !containsHash(q.Topics[0], l.Topics[0])) {
			continue
		}
		out = append(out, l)
	}
	return out, nil
}

func containsAddr(s []common.Address, a common.Address) bool {
	for _, x := range s {
		if x == a {
			return true
		}
	}
	return false
}

func containsHash(s []common.Hash, h common.Hash) bool {
	for _, x := range s {
		if x == h {
			return true
		}
	}
	return false
}

// RevertError is how a refused eth_call or eth_estimateGas comes back, as
// from a node: a JSON-RPC error carrying the revert data.
type RevertError struct{ Data []byte }

// Error implements error.
func (e *RevertError) Error() string { return "execution reverted" }

// ErrorCode implements rpc.Error.
func (e *RevertError) ErrorCode() int { return 3 }

// ErrorData implements rpc.DataError.
func (e *RevertError) ErrorData() any { return hexutil.Encode(e.Data) }

// simulate runs msg on the head state and throws the changes away.
func (ch *Chain) simulate(msg ethereum.CallMsg) precompiletest.Result {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	snap := ch.c.State.Snapshot()
	defer ch.c.State.RevertToSnapshot(snap)
	return ch.c.Call(precompiletest.Frame{Caller: msg.From, Gas: msg.Gas}, msg.Data)
}

// CallContract implements relayer.Dest (always at the head).
func (ch *Chain) CallContract(ctx context.Context, msg ethereum.CallMsg, _ *big.Int) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if msg.To == nil || *msg.To != precompile.Address {
		return nil, errors.New("chaintest: only calls to 0x0300")
	}
	res := ch.simulate(msg)
	if res.Err != nil {
		return nil, &RevertError{Data: res.Ret}
	}
	return res.Ret, nil
}

// EstimateGas implements relayer.Dest.
func (ch *Chain) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	res := ch.simulate(msg)
	if res.Err != nil {
		return 0, &RevertError{Data: res.Ret}
	}
	return 21_000 + 16*uint64(len(msg.Data)) + res.GasUsed, nil
}

// PendingNonceAt implements relayer.Dest.
func (ch *Chain) PendingNonceAt(_ context.Context, a common.Address) (uint64, error) {
	ch.mu.Lock()
	defer ch.mu.Unlock()
	return ch.pendingNonce(a), nil
}

func (ch *Chain) pendingNonce(a common.Address) uint64 {
	n := ch.nonces[ch.head][a]
	for _, tx := range ch.pool {
		if from, _ := types.Sender(ch.signer(), tx); from == a {
			n++
		}
	}
	return n
}

// SuggestGasTipCap implements relayer.Dest.
func (ch *Chain) SuggestGasTipCap(context.Context) (*big.Int, error) {
	return new(big.Int).Set(BaseFee), nil
}

// HeaderByNumber implements relayer.Dest (the head only).
func (ch *Chain) HeaderByNumber(_ context.Context, n *big.Int) (*types.Header, error) {
	if n != nil {
		return nil, errors.New("chaintest: only the head header")
	}
	return &types.Header{Number: new(big.Int).SetUint64(ch.Head()), BaseFee: new(big.Int).Set(BaseFee)}, nil
}

// SendTransaction implements relayer.Dest: a signed transaction for this
// chain with the sender's next nonce enters the pool.
func (ch *Chain) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	from, err := types.Sender(ch.signer(), tx)
	if err != nil {
		return fmt.Errorf("invalid sender: %w", err)
	}
	if tx.To() == nil || *tx.To() != precompile.Address {
		return errors.New("chaintest: only transactions to 0x0300")
	}
	switch n := ch.pendingNonce(from); {
	case tx.Nonce() < n:
		return errors.New("nonce too low")
	case tx.Nonce() > n:
		return errors.New("nonce too high")
	}
	ch.pool = append(ch.pool, tx)
	ch.sent++
	if !ch.manual {
		ch.mine(nil)
	}
	return nil
}

// TransactionReceipt implements relayer.Dest.
func (ch *Chain) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	r, ok := ch.receipts[h]
	if !ok {
		return nil, ethereum.NotFound
	}
	return r, nil
}

// View calls a view function of 0x0300 at the head.
func (ch *Chain) View(t testing.TB, name string, args ...any) []any {
	t.Helper()
	out, err := ch.CallContract(context.Background(), ethereum.CallMsg{To: &precompile.Address, Data: Pack(t, name, args...)}, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	v, err := precompile.ABI().Unpack(name, out)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Pack packs a call to 0x0300.
func Pack(t testing.TB, name string, args ...any) []byte {
	t.Helper()
	b, err := precompile.ABI().Pack(name, args...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// SetSigners makes keys (threshold m) the signer set for source.
func (ch *Chain) SetSigners(t testing.TB, source uint32, keys []*proof.PrivateKey, m uint8) {
	t.Helper()
	pks := make([][]byte, len(keys))
	for i, k := range keys {
		pks[i] = k.Public().Bytes()
	}
	if _, rev := ch.Exec(Governance, Pack(t, "setTeleportSigners", source, pks, m)); rev != nil {
		t.Fatalf("setTeleportSigners: %v", rev)
	}
}

// Sent is one teleport sent by Teleport.
type Sent struct {
	ID      common.Hash
	Message *proof.TeleportMessage
	Block   uint64
}

// Teleport sends amount from `from` (funding it first) to recipient on
// chain dest, in a block of its own.
func (ch *Chain) Teleport(t testing.TB, from common.Address, dest uint32, recipient common.Address, amount *big.Int) Sent {
	t.Helper()
	ch.mu.Lock()
	bal := new(big.Int).SetBytes(ch.c.State.GetState(precompile.Address, precompile.BalanceSlot(from)).Bytes())
	ch.mu.Unlock()
	ch.Fund(from, bal.Add(bal, amount))
	r, rev := ch.Exec(from, Pack(t, "teleport", dest, recipient, amount))
	if rev != nil {
		t.Fatalf("teleport: %v", rev)
	}
	if len(r.Logs) != 1 {
		t.Fatalf("teleport: %d logs", len(r.Logs))
	}
	ev := precompile.ABI().Events["TeleportSent"]
	vals, err := ev.Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := proof.DecodeTeleportMessage(vals[3].([]byte))
	if err != nil {
		t.Fatal(err)
	}
	return Sent{ID: common.Hash(m.ID()), Message: m, Block: r.BlockNumber.Uint64()}
}
