// Package precompiletest runs the IAIMining precompile inside a real
// go-ethereum EVM and StateDB without the node patch, for tests and
// benchmarks of the library and of code built on it. Each call behaves like
// an EVM call frame: it takes a state snapshot, charges gas, and reverts the
// snapshot when the precompile refuses.
package precompiletest

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
)

// Chain is a real StateDB and EVM with the precompile's genesis account
// installed, at a block number and time the test controls.
type Chain struct {
	State  *state.StateDB
	EVM    *vm.EVM
	Config *params.ChainConfig
	// Contract runs the calls; nil means precompile.New(). Tests set one
	// built with options (e.g. precompile.WithDeviceRoot).
	Contract *precompile.Contract
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
func (c *Chain) SetBlock(number, time uint64) {
	bctx := vm.BlockContext{
		CanTransfer: func(vm.StateDB, common.Address, *uint256.Int) bool { return true },
		Transfer:    func(vm.StateDB, common.Address, common.Address, *uint256.Int, *params.Rules) {},
		GetHash:     func(uint64) common.Hash { return common.Hash{} },
		BlockNumber: new(big.Int).SetUint64(number),
		Time:        time,
		Difficulty:  new(big.Int),
		BaseFee:     new(big.Int),
		GasLimit:    60_000_000,
		Random:      &common.Hash{},
	}
	c.EVM = vm.NewEVM(bctx, c.State, c.Config, vm.Config{})
}

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
	contract := c.Contract
	if contract == nil {
		contract = precompile.New()
	}
	ret, err := contract.Run(env, input)
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
