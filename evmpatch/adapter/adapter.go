// Package adapter plugs the IAIMining precompile (or any precompile written
// against precompile.Env) into the patched go-ethereum as a
// vm.StatefulPrecompiledContract.
package adapter

import (
	"errors"
	"maps"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
)

// Runner is a precompile written against precompile.Env. *precompile.Contract
// is one.
type Runner interface {
	Name() string
	Run(env precompile.Env, input []byte) ([]byte, error)
}

// ErrNoCallFrame is returned when the precompile is run through the stateless
// PrecompiledContract.Run path, which has no call frame to hand it.
var ErrNoCallFrame = errors.New("stateful precompile run without a call frame")

// AccountFunc returns the account a precompile keeps at its address on the
// chain with the given config (nonce, code and storage; no balance).
type AccountFunc func(config *params.ChainConfig) types.Account

// Contract wraps a Runner as a vm.StatefulPrecompiledContract.
type Contract struct {
	runner  Runner
	account AccountFunc
}

var (
	_ vm.StatefulPrecompiledContract = (*Contract)(nil)
	_ vm.StatefulInstaller           = (*Contract)(nil)
)

// New wraps r.
func New(r Runner) *Contract { return &Contract{runner: r} }

// WithAccount makes c install account(config) at its address on a chain that
// activates the precompile after genesis (see InstallAccount). It returns c.
func (c *Contract) WithAccount(account AccountFunc) *Contract {
	c.account = account
	return c
}

// InstallAccount writes the account given by WithAccount at addr: nonce,
// code, and storage in slot order; the balance is left as it is. The
// patched go-ethereum calls it before the first transaction of a block in
// which the precompile is active and addr has no code, so on a chain
// without a genesis entry for addr it runs once, in the first block at or
// after the activation time. Without WithAccount it does nothing.
func (c *Contract) InstallAccount(db vm.StateDB, addr common.Address, config *params.ChainConfig) {
	if c.account == nil {
		return
	}
	acc := c.account(config)
	db.SetNonce(addr, acc.Nonce, tracing.NonceChangeGenesis)
	db.SetCode(addr, acc.Code, tracing.CodeChangeGenesis)
	for _, slot := range slices.SortedFunc(maps.Keys(acc.Storage), common.Hash.Cmp) {
		db.SetState(addr, slot, acc.Storage[slot])
	}
}

// Name returns the wrapped precompile's name.
func (c *Contract) Name() string { return c.runner.Name() }

// RequiredGas is zero: the precompile charges its gas itself through
// Env.UseGas, before it does the work the gas pays for.
func (c *Contract) RequiredGas([]byte) uint64 { return 0 }

// Run refuses: a stateful precompile needs its call frame.
func (c *Contract) Run([]byte) ([]byte, error) { return nil, ErrNoCallFrame }

// RunStateful runs the wrapped precompile in the given call frame.
func (c *Contract) RunStateful(env *vm.PrecompileEnv, input []byte) ([]byte, error) {
	return c.runner.Run(NewEnv(env), input)
}

// Env adapts *vm.PrecompileEnv to precompile.Env.
type Env struct {
	frame *vm.PrecompileEnv
}

var _ precompile.Env = (*Env)(nil)

// NewEnv adapts frame.
func NewEnv(frame *vm.PrecompileEnv) *Env { return &Env{frame: frame} }

// CallType maps the opcode that entered the precompile.
func (e *Env) CallType() precompile.CallType { return CallType(e.frame.CallType()) }

// CallType maps an EVM call opcode to precompile.CallType; anything that is
// not one of the four call opcodes maps to 0, which the precompile refuses.
func CallType(op vm.OpCode) precompile.CallType {
	switch op {
	case vm.CALL:
		return precompile.CallTypeCall
	case vm.STATICCALL:
		return precompile.CallTypeStaticCall
	case vm.DELEGATECALL:
		return precompile.CallTypeDelegateCall
	case vm.CALLCODE:
		return precompile.CallTypeCallCode
	default:
		return 0
	}
}

func (e *Env) Caller() common.Address  { return e.frame.Caller() }
func (e *Env) Address() common.Address { return e.frame.Address() }

// Value returns a copy of the call value (zero for STATICCALL).
func (e *Env) Value() *uint256.Int {
	if v := e.frame.Value(); v != nil {
		return v.Clone()
	}
	return new(uint256.Int)
}

// ReadOnly is true inside any STATICCALL frame, including a STATICCALL made
// straight to the precompile.
func (e *Env) ReadOnly() bool { return e.frame.ReadOnly() }

func (e *Env) State() precompile.StateDB { return e.frame.StateDB() }

// ChainID is the chain config's chain id (0 if unset or above 2^64-1).
func (e *Env) ChainID() uint64 {
	id := e.frame.ChainConfig().ChainID
	if id == nil || !id.IsUint64() {
		return 0
	}
	return id.Uint64()
}

func (e *Env) BlockNumber() uint64 { return e.frame.BlockNumber().Uint64() }
func (e *Env) BlockTime() uint64   { return e.frame.BlockTime() }

// BlockHash returns the hash of one of the 256 blocks before the executing
// one, as the BLOCKHASH opcode does (zero for any other number); the read is
// recorded in the witness and reported to tracers like the opcode's.
func (e *Env) BlockHash(number uint64) common.Hash { return e.frame.BlockHash(number) }

// UseGas charges execution gas from the frame and reports it to tracers.
func (e *Env) UseGas(amount uint64) bool { return e.frame.UseGas(amount) }

// AddLog emits a log from the called address.
func (e *Env) AddLog(topics []common.Hash, data []byte) { e.frame.AddLog(topics, data) }
