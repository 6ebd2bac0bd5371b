// Package adapter plugs the IAIMining precompile (or any precompile written
// against precompile.Env) into subnet-evm as a
// contract.StatefulPrecompiledContract.
//
// It is built against the libevm flavour of the core that
// scripts/gen-libevm.sh generates: there, precompile.StateDB and the errors
// the precompile returns (vm.ErrExecutionReverted, vm.ErrOutOfGas) are
// libevm's.
package adapter

import (
	"errors"

	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/contract"
	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/core/types"
	"github.com/ava-labs/libevm/core/vm"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/libevmshim/tracing"
	"github.com/pars-network/aimining/precompile"
)

// Runner is a precompile written against precompile.Env. *precompile.Contract
// is one.
type Runner interface {
	Name() string
	Run(env precompile.Env, input []byte) ([]byte, error)
}

// ErrNoPrecompileEnv is returned (with all gas consumed) when the host hands
// Run an AccessibleState without libevm's precompile environment: call
// type, value and chain id are only known through it.
var ErrNoPrecompileEnv = errors.New("stateful precompile run without libevm's precompile environment")

// ErrNoStateDB is returned (with all gas consumed) when the host's state
// database is not a full libevm vm.StateDB (the precompile moves bonds with
// SubBalance and reads code sizes, which contract.StateDB lacks).
var ErrNoStateDB = errors.New("stateful precompile run on a state database without SubBalance and GetCodeSize")

// frameEnv is what subnet-evm's AccessibleState offers beyond the
// contract.AccessibleState interface.
type frameEnv interface {
	GetPrecompileEnv() vm.PrecompileEnvironment
}

// blockHasher is what the patched libevm (patches/libevm-*.patch) adds to
// its precompile environment: the BLOCKHASH opcode's view of past blocks.
type blockHasher interface {
	BlockHash(number uint64) common.Hash
}

// Contract wraps a Runner as a contract.StatefulPrecompiledContract.
type Contract struct {
	runner Runner
}

var _ contract.StatefulPrecompiledContract = (*Contract)(nil)

// New wraps r.
func New(r Runner) *Contract { return &Contract{runner: r} }

// Name returns the wrapped precompile's name.
func (c *Contract) Name() string { return c.runner.Name() }

// Run runs the wrapped precompile in the call frame subnet-evm describes:
// gas is counted down from suppliedGas and what is left is returned.
func (c *Contract) Run(state contract.AccessibleState, caller, addr common.Address, input []byte, suppliedGas uint64, readOnly bool) ([]byte, uint64, error) {
	env, err := NewEnv(state, caller, addr, suppliedGas, readOnly)
	if err != nil {
		return nil, 0, err
	}
	ret, err := c.runner.Run(env, input)
	return ret, env.gas, err
}

// Env adapts subnet-evm's call frame to precompile.Env.
type Env struct {
	frame    vm.PrecompileEnvironment
	state    *StateDB
	caller   common.Address
	addr     common.Address
	readOnly bool
	number   uint64
	gas      uint64
}

var _ precompile.Env = (*Env)(nil)

// NewEnv adapts the frame of one call with suppliedGas to spend.
func NewEnv(state contract.AccessibleState, caller, addr common.Address, suppliedGas uint64, readOnly bool) (*Env, error) {
	fe, ok := state.(frameEnv)
	if !ok {
		return nil, ErrNoPrecompileEnv
	}
	db, ok := state.GetStateDB().(vm.StateDB)
	if !ok {
		return nil, ErrNoStateDB
	}
	frame := fe.GetPrecompileEnv()
	n := frame.BlockNumber()
	if !n.IsUint64() {
		return nil, errors.New("block number above 2^64-1")
	}
	return &Env{
		frame: frame, state: &StateDB{db: db}, caller: caller, addr: addr,
		readOnly: readOnly, number: n.Uint64(), gas: suppliedGas,
	}, nil
}

// CallType maps the call that entered the precompile.
func (e *Env) CallType() precompile.CallType { return CallType(e.frame.IncomingCallType()) }

// CallType maps libevm's call type to precompile.CallType; anything else
// maps to 0, which the precompile refuses.
func CallType(t vm.CallType) precompile.CallType {
	switch t {
	case vm.Call:
		return precompile.CallTypeCall
	case vm.StaticCall:
		return precompile.CallTypeStaticCall
	case vm.DelegateCall:
		return precompile.CallTypeDelegateCall
	case vm.CallCode:
		return precompile.CallTypeCallCode
	default:
		return 0
	}
}

// Caller is the EVM-semantic msg.sender.
func (e *Env) Caller() common.Address { return e.caller }

// Address is the called address.
func (e *Env) Address() common.Address { return e.addr }

// Value returns a copy of the call value (zero for STATICCALL).
func (e *Env) Value() *uint256.Int {
	if v := e.frame.Value(); v != nil {
		return v.Clone()
	}
	return new(uint256.Int)
}

// ReadOnly is subnet-evm's read-only flag of the frame.
func (e *Env) ReadOnly() bool { return e.readOnly }

// State is the executing block's state.
func (e *Env) State() precompile.StateDB { return e.state }

// ChainID is the chain config's EIP-155 chain id (0 if unset or above 2^64-1).
func (e *Env) ChainID() uint64 {
	id := e.frame.ChainConfig().ChainID
	if id == nil || !id.IsUint64() {
		return 0
	}
	return id.Uint64()
}

// BlockNumber is the executing block's number.
func (e *Env) BlockNumber() uint64 { return e.number }

// BlockTime is the executing block's timestamp.
func (e *Env) BlockTime() uint64 { return e.frame.BlockTime() }

// BlockHash returns the hash of one of the 256 blocks before the executing
// one as BLOCKHASH sees it, through the patched libevm; the zero hash for
// any other number, or on an unpatched libevm (the precompile then refuses
// what needs a block hash).
func (e *Env) BlockHash(number uint64) common.Hash {
	if h, ok := e.frame.(blockHasher); ok {
		return h.BlockHash(number)
	}
	return common.Hash{}
}

// UseGas charges amount from what is left of suppliedGas; it charges nothing
// and returns false when not enough is left.
func (e *Env) UseGas(amount uint64) bool {
	if amount > e.gas {
		return false
	}
	e.gas -= amount
	return true
}

// Gas is what is left of suppliedGas.
func (e *Env) Gas() uint64 { return e.gas }

// AddLog emits a log from the called address in the executing block.
func (e *Env) AddLog(topics []common.Hash, data []byte) {
	e.state.db.AddLog(&types.Log{
		Address:     e.addr,
		Topics:      topics,
		Data:        data,
		BlockNumber: e.number,
	})
}

// StateDB adapts libevm's vm.StateDB to precompile.StateDB: SetState,
// AddBalance and SubBalance return what the slot or balance held before, as
// go-ethereum's do, and balance-change reasons are dropped (libevm takes
// none).
type StateDB struct {
	db vm.StateDB
}

var _ precompile.StateDB = (*StateDB)(nil)

// NewStateDB adapts db.
func NewStateDB(db vm.StateDB) *StateDB { return &StateDB{db: db} }

// GetState reads a storage slot.
func (s *StateDB) GetState(addr common.Address, key common.Hash) common.Hash {
	return s.db.GetState(addr, key)
}

// SetState writes a storage slot and returns its previous value.
func (s *StateDB) SetState(addr common.Address, key, value common.Hash) common.Hash {
	prev := s.db.GetState(addr, key)
	s.db.SetState(addr, key, value)
	return prev
}

// GetNonce reads an account's nonce.
func (s *StateDB) GetNonce(addr common.Address) uint64 { return s.db.GetNonce(addr) }

// GetCodeSize reads an account's code size.
func (s *StateDB) GetCodeSize(addr common.Address) int { return s.db.GetCodeSize(addr) }

// GetBalance reads an account's balance.
func (s *StateDB) GetBalance(addr common.Address) *uint256.Int { return s.db.GetBalance(addr) }

// AddBalance credits amount and returns the previous balance.
func (s *StateDB) AddBalance(addr common.Address, amount *uint256.Int, _ tracing.BalanceChangeReason) uint256.Int {
	prev := *s.db.GetBalance(addr)
	s.db.AddBalance(addr, amount)
	return prev
}

// SubBalance debits amount and returns the previous balance.
func (s *StateDB) SubBalance(addr common.Address, amount *uint256.Int, _ tracing.BalanceChangeReason) uint256.Int {
	prev := *s.db.GetBalance(addr)
	s.db.SubBalance(addr, amount)
	return prev
}
