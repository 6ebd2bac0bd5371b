// Package minertest is an in-memory Ethereum JSON-RPC node for tests of the
// miner: it serves the eth_* methods the miner calls through go-ethereum's
// real rpc server (in-process or over HTTP), and executes transactions to
// 0x0300 with the real IAIMining precompile on a real StateDB
// (precompile/precompiletest). Each transaction is mined at once in a block
// of its own. Hooks inject what is hard to get from a real node on demand:
// HTTP failures, dropped transactions and reorganisations.
//
// It is a test double, not a node: no gas market, no consensus, and no
// real balances: a call that sends value (bond) is funded on the spot.
package minertest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
)

// Fee settings of the node.
var (
	BaseFee = big.NewInt(1_000_000_000) // 1 gwei, constant
	TipCap  = big.NewInt(1_000_000_000) // eth_maxPriorityFeePerGas
)

// block is one block with the state after it.
type block struct {
	header *types.Header
	state  *state.StateDB
	nonces map[common.Address]uint64
	txs    []common.Hash
}

// Node is the in-memory node. Its exported fields may be changed between
// calls; they are read under the node's lock.
type Node struct {
	// Clock gives the time of new blocks (time.Now when nil). A block's time
	// is max(parent time + 1, Clock()).
	Clock func() time.Time
	// AutoMine mines an empty block on every eth_blockNumber call, so that
	// confirmations accumulate.
	AutoMine bool
	// EstimatePercent scales eth_estimateGas answers (0 means 100), to make
	// a client's gas limit too small.
	EstimatePercent uint64

	mu        sync.Mutex
	chainID   *big.Int
	chain     *precompiletest.Chain
	blocks    []*block
	receipts  map[common.Hash]*types.Receipt
	txs       map[common.Hash]*types.Transaction
	nonces    map[common.Address]uint64
	calls     map[string]int
	forks     uint64
	failHTTP  int
	lose      map[string]int
	dropTx    int
	reorgNext bool
	hideRcpts bool
	hideNext  bool
	indexing  int
	reorgDue  bool
	sent      int

	server *rpc.Server
}

// New returns a node on chainID whose precompile holds params p, with a
// genesis block at genesisTime. opts build the precompile, e.g.
// precompile.WithDeviceRoot for test GPUs (nvtrusttest).
func New(chainID uint64, p precompile.Params, genesisTime uint64, opts ...precompile.Option) (*Node, error) {
	c, err := precompiletest.NewChain(chainID, p, genesisTime)
	if err != nil {
		return nil, err
	}
	c.Contract = precompile.New(opts...)
	n := &Node{
		chainID:  new(big.Int).SetUint64(chainID),
		chain:    c,
		receipts: map[common.Hash]*types.Receipt{},
		txs:      map[common.Hash]*types.Transaction{},
		nonces:   map[common.Address]uint64{},
		calls:    map[string]int{},
		lose:     map[string]int{},
	}
	genesis := &types.Header{
		Number: new(big.Int), Time: genesisTime, BaseFee: BaseFee, GasLimit: 60_000_000,
		Difficulty: new(big.Int), Extra: []byte("minertest genesis"),
	}
	n.blocks = []*block{{header: genesis, state: c.State.Copy(), nonces: map[common.Address]uint64{}}}
	n.server = rpc.NewServer()
	if err := n.server.RegisterName("eth", &ethAPI{n}); err != nil {
		return nil, err
	}
	return n, nil
}

// Bond bonds amount for miner id m from a funded faucet account, in a block
// of its own, as a miner's bonder would.
func (n *Node) Bond(m [32]byte, amount *big.Int) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	data, err := precompile.ABI().Pack("bond", m)
	if err != nil {
		return err
	}
	// The block is dated one second after its parent, so an idle chain
	// (an old head) stays idle.
	parent := n.head().header
	num, tm := parent.Number.Uint64()+1, parent.Time+1
	n.chain.SetBlock(num, tm)
	faucet := common.HexToAddress("0x00000000000000000000000000000000000fa0ce")
	v := uint256.MustFromBig(amount)
	n.chain.Fund(faucet, v)
	if r := n.chain.Call(precompiletest.Frame{Caller: faucet, Value: v}, data); r.Err != nil {
		return fmt.Errorf("bond: %v %v", r.Err, r.Revert)
	}
	n.appendBlock(num, tm)
	return nil
}

// Client returns an in-process RPC client.
func (n *Node) Client() *rpc.Client { return rpc.DialInProc(n.server) }

// Handler serves JSON-RPC over HTTP, answering 503 while FailHTTP is
// pending.
func (n *Node) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.mu.Lock()
		fail := n.failHTTP > 0
		if fail {
			n.failHTTP--
		}
		n.mu.Unlock()
		if fail {
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		var msg struct {
			Method string `json:"method"`
		}
		_ = json.Unmarshal(body, &msg)
		n.mu.Lock()
		lose := n.lose[msg.Method] > 0
		if lose {
			n.lose[msg.Method]--
		}
		n.mu.Unlock()
		if lose {
			n.server.ServeHTTP(httptest.NewRecorder(), r)
			http.Error(w, "answer lost", http.StatusBadGateway)
			return
		}
		n.server.ServeHTTP(w, r)
	})
}

// LoseAnswers makes the next k HTTP calls of method run on the node and
// then answer 502, as when a proxy loses the answer.
func (n *Node) LoseAnswers(method string, k int) { n.mu.Lock(); n.lose[method] = k; n.mu.Unlock() }

// StartHTTP serves the node on a 127.0.0.1 port chosen at run time and
// returns its URL and a stop function.
func (n *Node) StartHTTP() (url string, stop func()) {
	srv := httptest.NewServer(n.Handler())
	return srv.URL, srv.Close
}

// IndexReceipts makes the next k eth_getTransactionReceipt calls answer
// "transaction indexing is in progress", as go-ethereum does for a while
// after it starts.
func (n *Node) IndexReceipts(k int) { n.mu.Lock(); n.indexing = k; n.mu.Unlock() }

// FailHTTP makes the next k HTTP requests fail with 503.
func (n *Node) FailHTTP(k int) { n.mu.Lock(); n.failHTTP = k; n.mu.Unlock() }

// DropTx makes the next k transactions be accepted and then lost, as if
// the pool dropped them.
func (n *Node) DropTx(k int) { n.mu.Lock(); n.dropTx = k; n.mu.Unlock() }

// ReorgAfterNextReceipt makes the node, after it next serves a receipt,
// drop the head block (with its transactions) before answering the
// following eth_getTransactionReceipt or eth_blockNumber.
func (n *Node) ReorgAfterNextReceipt() { n.mu.Lock(); n.reorgNext = true; n.mu.Unlock() }

// HideReceiptsAfterNextSend makes eth_getTransactionReceipt answer null for
// every transaction from the next accepted eth_sendRawTransaction until the
// following eth_estimateGas call, as a node that lags behind the chain does.
func (n *Node) HideReceiptsAfterNextSend() { n.mu.Lock(); n.hideNext = true; n.mu.Unlock() }

// Calls returns how often an RPC method (e.g. "eth_estimateGas") was called.
func (n *Node) Calls(method string) int { n.mu.Lock(); defer n.mu.Unlock(); return n.calls[method] }

// SentTransactions returns how many eth_sendRawTransaction calls were
// accepted (mined or dropped).
func (n *Node) SentTransactions() int { n.mu.Lock(); defer n.mu.Unlock(); return n.sent }

// Head returns the latest block header.
func (n *Node) Head() *types.Header {
	n.mu.Lock()
	defer n.mu.Unlock()
	return types.CopyHeader(n.head().header)
}

// MineEmpty mines an empty block.
func (n *Node) MineEmpty() { n.mu.Lock(); n.mineBlock(nil, nil); n.mu.Unlock() }

func (n *Node) head() *block { return n.blocks[len(n.blocks)-1] }

func (n *Node) now() uint64 {
	if n.Clock != nil {
		return uint64(n.Clock().Unix())
	}
	return uint64(time.Now().Unix())
}

func (n *Node) count(method string) {
	n.calls[method]++
	if n.reorgDue && (method == "eth_getTransactionReceipt" || method == "eth_blockNumber") {
		n.reorgDue = false
		n.reorg()
	}
}

// reorg drops the head block and returns its state, nonces and
// transactions to the parent's. The dropped transactions are forgotten.
func (n *Node) reorg() {
	if len(n.blocks) < 2 {
		return
	}
	dropped := n.head()
	n.blocks = n.blocks[:len(n.blocks)-1]
	parent := n.head()
	for _, h := range dropped.txs {
		delete(n.receipts, h)
		delete(n.txs, h)
	}
	n.nonces = copyNonces(parent.nonces)
	n.chain.State = parent.state.Copy()
	n.chain.SetBlock(parent.header.Number.Uint64(), parent.header.Time)
	n.forks++
}

// appendBlock appends an empty block with the chain's current state.
func (n *Node) appendBlock(num, tm uint64) {
	parent := n.head().header
	header := &types.Header{
		ParentHash: parent.Hash(), Number: new(big.Int).SetUint64(num), Time: tm,
		BaseFee: BaseFee, GasLimit: 60_000_000, Difficulty: new(big.Int),
		Extra: []byte(fmt.Sprintf("minertest fork %d", n.forks)),
	}
	n.chain.State.Finalise(params.Rules{IsEIP158: true})
	n.blocks = append(n.blocks, &block{header: header, state: n.chain.State.Copy(), nonces: copyNonces(n.nonces)})
}

// MineEmptyBlocks appends k empty blocks (to pass a challenge window).
func (n *Node) MineEmptyBlocks(k int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for range k {
		n.mineBlock(nil, nil)
	}
}

// mineBlock appends a block holding tx (or none) with its receipt.
func (n *Node) mineBlock(tx *types.Transaction, from *common.Address) {
	parent := n.head().header
	num := parent.Number.Uint64() + 1
	tm := max(parent.Time+1, n.now())
	n.chain.SetBlock(num, tm)
	header := &types.Header{
		ParentHash: parent.Hash(), Number: new(big.Int).SetUint64(num), Time: tm,
		BaseFee: BaseFee, GasLimit: 60_000_000, Difficulty: new(big.Int),
		Extra: []byte(fmt.Sprintf("minertest fork %d", n.forks)),
	}
	b := &block{header: header}
	var rcpt *types.Receipt
	if tx != nil {
		rcpt = n.execute(tx, *from, num, tm)
		header.GasUsed = rcpt.GasUsed
		b.txs = []common.Hash{tx.Hash()}
	}
	n.chain.State.Finalise(params.Rules{IsEIP158: true})
	b.state = n.chain.State.Copy()
	b.nonces = copyNonces(n.nonces)
	n.blocks = append(n.blocks, b)
	if rcpt != nil {
		hash := header.Hash()
		rcpt.BlockHash, rcpt.BlockNumber = hash, header.Number
		for _, l := range rcpt.Logs {
			l.BlockHash = hash
		}
		n.receipts[tx.Hash()] = rcpt
		n.txs[tx.Hash()] = tx
	}
}

// intrinsicGas is 21000 plus EIP-2028 calldata gas.
func intrinsicGas(data []byte) uint64 {
	g := uint64(21_000)
	for _, b := range data {
		if b == 0 {
			g += 4
		} else {
			g += 16
		}
	}
	return g
}

// execute runs tx on the current state and returns its receipt.
func (n *Node) execute(tx *types.Transaction, from common.Address, num, tm uint64) *types.Receipt {
	n.nonces[from]++
	rcpt := &types.Receipt{
		Type: tx.Type(), TxHash: tx.Hash(), Logs: []*types.Log{}, EffectiveGasPrice: new(big.Int).Add(BaseFee, tx.EffectiveGasTipValue(BaseFee)),
	}
	gas := intrinsicGas(tx.Data())
	status := types.ReceiptStatusSuccessful
	if tx.To() != nil && *tx.To() == precompile.Address {
		value := uint256.MustFromBig(tx.Value())
		n.chain.Fund(from, value)
		res := n.chain.Call(precompiletest.Frame{Caller: from, Gas: tx.Gas() - gas, Value: value}, tx.Data())
		gas += res.GasUsed
		if res.Err != nil {
			status = types.ReceiptStatusFailed
			if res.Revert == nil { // out of gas burns everything
				gas = tx.Gas()
			}
		}
		for i, l := range res.Logs {
			cp := *l
			cp.Topics = append([]common.Hash{}, l.Topics...)
			cp.BlockNumber, cp.TxHash, cp.Index = num, tx.Hash(), uint(i)
			rcpt.Logs = append(rcpt.Logs, &cp)
		}
	}
	rcpt.Status, rcpt.GasUsed, rcpt.CumulativeGasUsed = status, gas, gas
	return rcpt
}

// simulate runs a call against a copy of the state of block b, as if in
// block number num at time tm.
func (n *Node) simulate(b *block, num, tm uint64, from common.Address, to *common.Address, data []byte, value *big.Int, gasCap uint64) (uint64, []byte, error) {
	gas := intrinsicGas(data)
	if to == nil || *to != precompile.Address {
		return gas, nil, nil
	}
	if gasCap == 0 {
		gasCap = 30_000_000
	}
	if gasCap < gas {
		return 0, nil, errors.New("intrinsic gas too low")
	}
	// The chain's own headers, so that the call sees the block hashes a
	// transaction in that block would see (audit seeds).
	tmp := n.chain.Fork(b.state.Copy())
	tmp.SetBlock(num, tm)
	v := new(uint256.Int)
	if value != nil {
		v = uint256.MustFromBig(value)
	}
	tmp.Fund(from, v)
	res := tmp.Call(precompiletest.Frame{Caller: from, Gas: gasCap - gas, Value: v}, data)
	if res.Err != nil {
		if res.Revert != nil || len(res.Ret) > 0 {
			return 0, nil, &revertError{data: res.Ret}
		}
		return 0, nil, fmt.Errorf("execution failed: %v", res.Err)
	}
	return gas + res.GasUsed, res.Ret, nil
}

func copyNonces(m map[common.Address]uint64) map[common.Address]uint64 {
	out := make(map[common.Address]uint64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// indexingError is go-ethereum's answer to receipt queries while it is
// still indexing transactions after a start.
type indexingError struct{}

func (indexingError) Error() string  { return "transaction indexing is in progress" }
func (indexingError) ErrorCode() int { return -32000 }
func (indexingError) ErrorData() any { return "transaction indexing is in progress" }

// revertError is a revert with data, shaped like go-ethereum's.
type revertError struct{ data []byte }

func (e *revertError) Error() string  { return "execution reverted" }
func (e *revertError) ErrorCode() int { return 3 }
func (e *revertError) ErrorData() any { return hexutil.Encode(e.data) }

// CallArgs are eth_call / eth_estimateGas arguments.
type CallArgs struct {
	From  *common.Address `json:"from"`
	To    *common.Address `json:"to"`
	Gas   *hexutil.Uint64 `json:"gas"`
	Value *hexutil.Big    `json:"value"`
	Input *hexutil.Bytes  `json:"input"`
	Data  *hexutil.Bytes  `json:"data"`
}

func (a *CallArgs) data() []byte {
	switch {
	case a.Input != nil:
		return *a.Input
	case a.Data != nil:
		return *a.Data
	}
	return nil
}

func (a *CallArgs) from() common.Address {
	if a.From == nil {
		return common.Address{}
	}
	return *a.From
}

// BlockOverrides are the supported block overrides.
type BlockOverrides struct {
	Number *hexutil.Big    `json:"number"`
	Time   *hexutil.Uint64 `json:"time"`
}

// apply returns the block number and time of a call on block b.
func (o *BlockOverrides) apply(b *block) (num, tm uint64) {
	num, tm = b.header.Number.Uint64(), b.header.Time
	if o != nil && o.Number != nil {
		num = (*big.Int)(o.Number).Uint64()
	}
	if o != nil && o.Time != nil {
		tm = uint64(*o.Time)
	}
	return num, tm
}

// FilterArgs are eth_getLogs arguments.
type FilterArgs struct {
	FromBlock *rpc.BlockNumber `json:"fromBlock"`
	ToBlock   *rpc.BlockNumber `json:"toBlock"`
	Addresses []common.Address `json:"address"`
	Topics    [][]common.Hash  `json:"topics"`
}

// ethAPI is the "eth" RPC namespace.
type ethAPI struct{ n *Node }

func (a *ethAPI) lock(method string) func() {
	a.n.mu.Lock()
	a.n.count(method)
	return a.n.mu.Unlock
}

// resolve finds the block for a block number or hash argument.
func (a *ethAPI) resolve(bnh *rpc.BlockNumberOrHash) (*block, error) {
	n := a.n
	if bnh == nil {
		return n.head(), nil
	}
	if h, ok := bnh.Hash(); ok {
		for _, b := range n.blocks {
			if b.header.Hash() == h {
				return b, nil
			}
		}
		return nil, fmt.Errorf("block %s not found", h.Hex())
	}
	num, _ := bnh.Number()
	return a.byNumber(num)
}

func (a *ethAPI) byNumber(num rpc.BlockNumber) (*block, error) {
	n := a.n
	if num < 0 { // latest, pending, safe, finalized
		return n.head(), nil
	}
	if int(num) >= len(n.blocks) {
		return nil, fmt.Errorf("block %d not found", num)
	}
	return n.blocks[num], nil
}

func (a *ethAPI) ChainId() *hexutil.Big {
	defer a.lock("eth_chainId")()
	return (*hexutil.Big)(a.n.chainID)
}

func (a *ethAPI) BlockNumber() hexutil.Uint64 {
	defer a.lock("eth_blockNumber")()
	if a.n.AutoMine {
		a.n.mineBlock(nil, nil)
	}
	return hexutil.Uint64(a.n.head().header.Number.Uint64())
}

// GetBlockByNumber answers with the header only (transactions are never
// asked for by the miner), or null for an unknown block.
func (a *ethAPI) GetBlockByNumber(num rpc.BlockNumber, _ bool) (any, error) {
	defer a.lock("eth_getBlockByNumber")()
	b, err := a.byNumber(num)
	if err != nil {
		return nil, nil // null, as a node answers for an unknown block
	}
	return types.CopyHeader(b.header), nil
}

func (a *ethAPI) GetCode(addr common.Address, bnh rpc.BlockNumberOrHash) (hexutil.Bytes, error) {
	defer a.lock("eth_getCode")()
	b, err := a.resolve(&bnh)
	if err != nil {
		return nil, err
	}
	return b.state.GetCode(addr), nil
}

// GetBalance answers with the account's balance in the block's state (the
// node keeps no balances of its own, so accounts hold what the state gives
// them: nothing, unless a test set it).
func (a *ethAPI) GetBalance(addr common.Address, bnh rpc.BlockNumberOrHash) (*hexutil.Big, error) {
	defer a.lock("eth_getBalance")()
	b, err := a.resolve(&bnh)
	if err != nil {
		return nil, err
	}
	return (*hexutil.Big)(b.state.GetBalance(addr).ToBig()), nil
}

func (a *ethAPI) GetTransactionCount(addr common.Address, _ rpc.BlockNumberOrHash) (hexutil.Uint64, error) {
	defer a.lock("eth_getTransactionCount")()
	return hexutil.Uint64(a.n.nonces[addr]), nil
}

func (a *ethAPI) MaxPriorityFeePerGas() *hexutil.Big {
	defer a.lock("eth_maxPriorityFeePerGas")()
	return (*hexutil.Big)(TipCap)
}

func (a *ethAPI) EstimateGas(args CallArgs, bnh *rpc.BlockNumberOrHash, _ *json.RawMessage, overrides *BlockOverrides) (hexutil.Uint64, error) {
	defer a.lock("eth_estimateGas")()
	a.n.hideRcpts = false
	b, err := a.resolve(bnh)
	if err != nil {
		return 0, err
	}
	num, tm := overrides.apply(b)
	gas, _, err := a.n.simulate(b, num, tm, args.from(), args.To, args.data(), (*big.Int)(args.Value), 0)
	if pct := a.n.EstimatePercent; pct != 0 {
		gas = gas * pct / 100
	}
	return hexutil.Uint64(gas), err
}

func (a *ethAPI) Call(args CallArgs, bnh rpc.BlockNumberOrHash, _ *json.RawMessage, overrides *BlockOverrides) (hexutil.Bytes, error) {
	defer a.lock("eth_call")()
	b, err := a.resolve(&bnh)
	if err != nil {
		return nil, err
	}
	var gasCap uint64
	if args.Gas != nil {
		gasCap = uint64(*args.Gas)
	}
	num, tm := overrides.apply(b)
	_, ret, err := a.n.simulate(b, num, tm, args.from(), args.To, args.data(), (*big.Int)(args.Value), gasCap)
	return ret, err
}

func (a *ethAPI) SendRawTransaction(raw hexutil.Bytes) (common.Hash, error) {
	defer a.lock("eth_sendRawTransaction")()
	n := a.n
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(raw); err != nil {
		return common.Hash{}, fmt.Errorf("rlp: %v", err)
	}
	if tx.Type() != types.DynamicFeeTxType {
		return common.Hash{}, fmt.Errorf("minertest accepts EIP-1559 transactions only, got type %d", tx.Type())
	}
	from, err := types.Sender(types.LatestSignerForChainID(n.chainID), tx)
	if err != nil {
		return common.Hash{}, fmt.Errorf("invalid sender: %v", err)
	}
	// Every known transaction is mined, so like go-ethereum's pool the node
	// answers "nonce too low" for it.
	switch want := n.nonces[from]; {
	case tx.Nonce() < want:
		return common.Hash{}, fmt.Errorf("nonce too low: address %s, tx: %d state: %d", from.Hex(), tx.Nonce(), want)
	case tx.Nonce() > want:
		return common.Hash{}, fmt.Errorf("nonce too high: address %s, tx: %d state: %d", from.Hex(), tx.Nonce(), want)
	}
	if tx.GasFeeCap().Cmp(BaseFee) < 0 {
		return common.Hash{}, fmt.Errorf("max fee per gas less than block base fee: maxFeePerGas: %s, baseFee: %s", tx.GasFeeCap(), BaseFee)
	}
	if tx.Gas() < intrinsicGas(tx.Data()) {
		return common.Hash{}, errors.New("intrinsic gas too low")
	}
	n.sent++
	if n.hideNext {
		n.hideNext, n.hideRcpts = false, true
	}
	if n.dropTx > 0 {
		n.dropTx--
		return tx.Hash(), nil
	}
	n.mineBlock(tx, &from)
	return tx.Hash(), nil
}

// GetTransactionReceipt answers null for an unknown transaction.
func (a *ethAPI) GetTransactionReceipt(hash common.Hash) (any, error) {
	defer a.lock("eth_getTransactionReceipt")()
	if a.n.indexing > 0 {
		a.n.indexing--
		return nil, indexingError{}
	}
	r, ok := a.n.receipts[hash]
	if !ok || a.n.hideRcpts {
		return nil, nil
	}
	if a.n.reorgNext {
		a.n.reorgNext, a.n.reorgDue = false, true
	}
	cp := *r
	return &cp, nil
}

// GetTransactionByHash returns a mined transaction with its block, or null.
func (a *ethAPI) GetTransactionByHash(hash common.Hash) (any, error) {
	defer a.lock("eth_getTransactionByHash")()
	tx, ok := a.n.txs[hash]
	if !ok {
		return nil, nil
	}
	raw, err := tx.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	if r := a.n.receipts[hash]; r != nil {
		out["blockHash"], out["blockNumber"] = r.BlockHash, (*hexutil.Big)(r.BlockNumber)
	}
	return out, nil
}

func (a *ethAPI) GetLogs(f FilterArgs) ([]*types.Log, error) {
	defer a.lock("eth_getLogs")()
	n := a.n
	from, to := uint64(0), n.head().header.Number.Uint64()
	if f.FromBlock != nil && *f.FromBlock >= 0 {
		from = uint64(*f.FromBlock)
	}
	if f.FromBlock != nil && f.ToBlock != nil && *f.FromBlock >= 0 && *f.ToBlock >= 0 && *f.FromBlock > *f.ToBlock {
		return nil, errors.New("invalid block range params") // go-ethereum's answer
	}
	if f.ToBlock != nil && *f.ToBlock >= 0 {
		to = min(to, uint64(*f.ToBlock))
	}
	out := []*types.Log{}
	for num := from; num <= to && int(num) < len(n.blocks); num++ {
		for _, h := range n.blocks[num].txs {
			for _, l := range n.receipts[h].Logs {
				if matches(l, f) {
					cp := *l
					out = append(out, &cp)
				}
			}
		}
	}
	return out, nil
}

// matches applies an address and topic filter to a log.
func matches(l *types.Log, f FilterArgs) bool {
	if len(f.Addresses) > 0 {
		found := false
		for _, a := range f.Addresses {
			found = found || a == l.Address
		}
		if !found {
			return false
		}
	}
	if len(f.Topics) > len(l.Topics) {
		return false
	}
	for i, alts := range f.Topics {
		if len(alts) == 0 {
			continue
		}
		found := false
		for _, t := range alts {
			found = found || t == l.Topics[i]
		}
		if !found {
			return false
		}
	}
	return true
}
