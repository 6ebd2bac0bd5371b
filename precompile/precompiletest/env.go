// Package precompiletest runs the IAIMining precompile inside a real
// go-ethereum EVM and StateDB without the node patch, for tests and
// benchmarks of the library and of code built on it. Each call behaves like
// an EVM call frame: it takes a state snapshot, charges gas, and reverts the
// snapshot when the precompile refuses.
package precompiletest

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
)

// Chain is a real StateDB and EVM with the precompile's genesis account
// installed, at a block number and time the test controls.
//
// The chain also keeps a header for every block it has passed through (at
// least the precompile.BlockHashWindow blocks below the current one), so the
// EVM's BlockContext.GetHash is go-ethereum's core.GetHashFn walking real
// parent-hash links, and Env.BlockHash sees real, distinct block hashes.
type Chain struct {
	State  *state.StateDB
	EVM    *vm.EVM
	Config *params.ChainConfig
	// Contract runs the calls; nil means precompile.New(). Tests set one
	// built with options (e.g. precompile.WithDeviceRoot).
	Contract *precompile.Contract

	headers map[uint64]*types.Header // by number, up to the current block
	head    uint64                   // number of the current block
}

// NewChain returns a chain with id chainID whose 0x0300 account holds the
// genesis entry for p, at block 1 and time blockTime.
func NewChain(chainID uint64, p precompile.Params, blockTime uint64) (*Chain, error) {
	db := state.NewDatabaseForTesting()
	sdb, err := state.New(types.EmptyRootHash, db)
	if err != nil {
		return nil, err
	}
	acc, err := precompile.GenesisAccount(p)
	if err != nil {
		return nil, err
	}
	sdb.SetNonce(precompile.Address, acc.Nonce, tracing.NonceChangeGenesis)
	sdb.SetCode(precompile.Address, acc.Code, tracing.CodeChangeGenesis)
	if acc.Balance != nil && acc.Balance.Sign() > 0 {
		sdb.SetBalance(precompile.Address, uint256.MustFromBig(acc.Balance), tracing.BalanceIncreaseGenesisBalance)
	}
	for k, v := range acc.Storage {
		sdb.SetState(precompile.Address, k, v)
	}
	sdb.Finalise(params.Rules{IsEIP158: true})
	cfg := *params.MergedTestChainConfig
	cfg.ChainID = new(big.Int).SetUint64(chainID)
	c := &Chain{State: sdb, Config: &cfg}
	c.SetBlock(1, blockTime)
	return c, nil
}

// SetBlock moves the chain to block number and time; state carries over.
//
// Headers: the current block's header has the given number and time and
// links to its parent. Missing ancestors within precompile.BlockHashWindow
// are made up (time = the current block's time), the oldest of them linking
// to a parent hash derived from its number. Setting a number the chain
// already has a header for, with another time, replaces that header and
// forgets every later one, like a reorganisation; the same number and time
// keeps the header and its descendants.
func (c *Chain) SetBlock(number, time uint64) {
	header := c.setHead(number, time)
	bctx := vm.BlockContext{
		CanTransfer: func(vm.StateDB, common.Address, *uint256.Int) bool { return true },
		Transfer:    func(vm.StateDB, common.Address, common.Address, *uint256.Int, *params.Rules) {},
		GetHash:     core.GetHashFn(header, headerChain{c}),
		BlockNumber: new(big.Int).SetUint64(number),
		Time:        time,
		Difficulty:  new(big.Int),
		BaseFee:     new(big.Int),
		GasLimit:    60_000_000,
		Random:      &common.Hash{},
	}
	c.EVM = vm.NewEVM(bctx, c.State, c.Config, vm.Config{})
}

// Fork returns a chain that runs on st with c's config, contract and block
// headers (so the same block hashes), at c's current block; moving either
// chain afterwards leaves the other as it is. A node's eth_call runs on a
// fork of its chain, on the state of the block it names.
func (c *Chain) Fork(st *state.StateDB) *Chain {
	f := &Chain{State: st, Config: c.Config, Contract: c.Contract, headers: make(map[uint64]*types.Header, len(c.headers)), head: c.head}
	for n, h := range c.headers {
		f.headers[n] = h
	}
	if h := c.headers[c.head]; h != nil {
		f.SetBlock(c.head, h.Time)
	}
	return f
}

// setHead records the header of block number at time, and the ancestors it
// needs, and returns it.
func (c *Chain) setHead(number, time uint64) *types.Header {
	if c.headers == nil {
		c.headers = map[uint64]*types.Header{}
	}
	lowest := uint64(0)
	if number > precompile.BlockHashWindow {
		lowest = number - precompile.BlockHashWindow
	}
	for n := lowest; n < number; n++ {
		if c.headers[n] == nil {
			c.headers[n] = c.makeHeader(n, time)
		}
	}
	header := c.makeHeader(number, time)
	if old := c.headers[number]; old == nil || old.Hash() != header.Hash() {
		for n := range c.headers {
			if n > number {
				delete(c.headers, n)
			}
		}
		c.headers[number] = header
	}
	c.head = number
	return c.headers[number]
}

// makeHeader returns a header for block n at time, linked to the stored
// header of n-1 if there is one.
func (c *Chain) makeHeader(n, time uint64) *types.Header {
	var parent common.Hash
	if p := c.headers[n-1]; n > 0 && p != nil {
		parent = p.Hash()
	} else if n > 0 {
		parent = crypto.Keccak256Hash([]byte("precompiletest block"), new(big.Int).SetUint64(n-1).Bytes())
	}
	return &types.Header{
		ParentHash: parent,
		Number:     new(big.Int).SetUint64(n),
		Time:       time,
		Difficulty: new(big.Int),
		GasLimit:   60_000_000,
		BaseFee:    new(big.Int),
		Extra:      []byte("precompiletest"),
	}
}

// Header returns a copy of the chain's header of block number, or nil if it
// has none (a block above the current one, or one it never passed through).
func (c *Chain) Header(number uint64) *types.Header {
	if h := c.headers[number]; h != nil && number <= c.head {
		return types.CopyHeader(h)
	}
	return nil
}

// headerChain serves the chain's headers to go-ethereum's core.GetHashFn,
// which only ever calls GetHeader.
type headerChain struct{ c *Chain }

var _ core.ChainContext = headerChain{}

func (h headerChain) Config() *params.ChainConfig  { return h.c.Config }
func (h headerChain) CurrentHeader() *types.Header { return h.c.Header(h.c.head) }
func (h headerChain) GetHeaderByNumber(n uint64) *types.Header {
	return h.c.Header(n)
}
func (h headerChain) GetHeader(hash common.Hash, n uint64) *types.Header {
	if hd := h.c.Header(n); hd != nil && hd.Hash() == hash {
		return hd
	}
	return nil
}
func (h headerChain) GetHeaderByHash(hash common.Hash) *types.Header {
	for n, hd := range h.c.headers {
		if n <= h.c.head && hd.Hash() == hash {
			return types.CopyHeader(hd)
		}
	}
	return nil
}

// Engine is nil: no consensus engine runs in the test chain.
func (h headerChain) Engine() consensus.Engine { return nil }

// Frame describes one call into the precompile.
type Frame struct {
	Caller   common.Address
	CallType precompile.CallType // zero means CALL
	Address  common.Address      // zero means precompile.Address
	Value    *uint256.Int
	ReadOnly bool
	Gas      uint64 // zero means 30,000,000
}

// Result is the outcome of one call.
type Result struct {
	Ret     []byte             // return data, or revert data
	Err     error              // nil, vm.ErrExecutionReverted or vm.ErrOutOfGas
	GasUsed uint64             // gas charged by the precompile
	Logs    []*types.Log       // logs emitted (empty when the call failed)
	Revert  *precompile.Revert // decoded revert, when Err is a revert
}

// Fund adds amount of the native coin to a's balance (a test faucet).
func (c *Chain) Fund(a common.Address, amount *uint256.Int) {
	c.State.AddBalance(a, amount, tracing.BalanceIncreaseGenesisBalance)
}

// Call runs the precompile once in a fresh call frame. A CALL with value
// first moves the value from the caller to the called address, as the EVM
// does (ErrInsufficientBalance, running nothing, when the caller lacks it),
// and moves it back when the precompile fails.
func (c *Chain) Call(f Frame, input []byte) Result {
	contract := c.Contract
	if contract == nil {
		contract = precompile.New()
	}
	return c.Run(f, func(env precompile.Env) ([]byte, error) { return contract.Run(env, input) })
}

// Run runs fn in a fresh call frame exactly as Call runs the precompile
// (snapshot, gas from the frame, revert on error, logs kept on success). It
// lets tests and benchmarks run parts of the precompile that take a
// precompile.Env before any function selector reaches them.
func (c *Chain) Run(f Frame, fn func(env precompile.Env) ([]byte, error)) Result {
	if f.CallType == 0 {
		f.CallType = precompile.CallTypeCall
	}
	if f.Address == (common.Address{}) {
		f.Address = precompile.Address
	}
	if f.Gas == 0 {
		f.Gas = 30_000_000
	}
	if f.Value == nil {
		f.Value = new(uint256.Int)
	}
	env := &env{chain: c, frame: f, gasLeft: f.Gas}
	if f.CallType == precompile.CallTypeCall && !f.Value.IsZero() && c.State.GetBalance(f.Caller).Lt(f.Value) {
		return Result{Err: vm.ErrInsufficientBalance}
	}
	snap := c.State.Snapshot()
	if f.CallType == precompile.CallTypeCall && !f.Value.IsZero() {
		c.State.SubBalance(f.Caller, f.Value, tracing.BalanceChangeTransfer)
		c.State.AddBalance(f.Address, f.Value, tracing.BalanceChangeTransfer)
	}
	ret, err := fn(env)
	res := Result{Ret: ret, Err: err, GasUsed: f.Gas - env.gasLeft}
	if err != nil {
		c.State.RevertToSnapshot(snap)
		if err == vm.ErrExecutionReverted {
			res.Revert, _ = precompile.DecodeRevert(ret)
		}
		return res
	}
	res.Logs = env.logs
	for _, l := range env.logs {
		c.State.AddLog(l)
	}
	return res
}

// env adapts a Chain and a Frame to precompile.Env.
type env struct {
	chain   *Chain
	frame   Frame
	gasLeft uint64
	logs    []*types.Log
}

func (e *env) CallType() precompile.CallType { return e.frame.CallType }
func (e *env) Caller() common.Address        { return e.frame.Caller }
func (e *env) Address() common.Address       { return e.frame.Address }
func (e *env) Value() *uint256.Int           { return e.frame.Value }
func (e *env) ReadOnly() bool                { return e.frame.ReadOnly }
func (e *env) State() precompile.StateDB     { return e.chain.State }
func (e *env) ChainID() uint64               { return e.chain.Config.ChainID.Uint64() }
func (e *env) BlockNumber() uint64           { return e.chain.EVM.Context.BlockNumber.Uint64() }
func (e *env) BlockTime() uint64             { return e.chain.EVM.Context.Time }

// BlockHash applies the BLOCKHASH window to the EVM's GetHash.
func (e *env) BlockHash(number uint64) common.Hash {
	current := e.BlockNumber()
	if number >= current || current-number > precompile.BlockHashWindow {
		return common.Hash{}
	}
	return e.chain.EVM.Context.GetHash(number)
}
func (e *env) UseGas(amount uint64) bool {
	if amount > e.gasLeft {
		return false
	}
	e.gasLeft -= amount
	return true
}
func (e *env) AddLog(topics []common.Hash, data []byte) {
	e.logs = append(e.logs, &types.Log{
		Address:     precompile.Address,
		Topics:      append([]common.Hash(nil), topics...),
		Data:        append([]byte(nil), data...),
		BlockNumber: e.BlockNumber(),
	})
}
