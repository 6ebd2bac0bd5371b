package precompile

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/holiman/uint256"
)

// Address is the one canonical address of the IAIMining precompile. The
// precompile refuses to run anywhere else and only ever reads and writes
// storage under this address.
var Address = common.HexToAddress("0x0000000000000000000000000000000000000300")

// BlockHashWindow is how many blocks before the executing one Env.BlockHash
// knows: go-ethereum's BLOCKHASH window. Anything that needs a block hash
// (an audit seed) must read it within this many blocks.
const BlockHashWindow = 256

// CallType says which EVM opcode (or transaction) entered the precompile.
type CallType uint8

// The call types a host can report. Only CallTypeCall and CallTypeStaticCall
// are accepted; the other two would let a contract spoof msg.sender and their
// value is never transferred.
const (
	CallTypeCall CallType = iota + 1
	CallTypeStaticCall
	CallTypeDelegateCall
	CallTypeCallCode
)

// String returns the opcode name of the call type.
func (c CallType) String() string {
	switch c {
	case CallTypeCall:
		return "CALL"
	case CallTypeStaticCall:
		return "STATICCALL"
	case CallTypeDelegateCall:
		return "DELEGATECALL"
	case CallTypeCallCode:
		return "CALLCODE"
	default:
		return "UNKNOWN"
	}
}

// StateDB is the part of the EVM state the precompile touches. It is a
// subset of go-ethereum's vm.StateDB, so a *state.StateDB satisfies it.
// All state access goes through it (no caches of our own), which keeps the
// precompile correct under block-level access lists and parallel execution.
type StateDB interface {
	GetState(addr common.Address, key common.Hash) common.Hash
	SetState(addr common.Address, key, value common.Hash) common.Hash
	GetNonce(addr common.Address) uint64
	GetCodeSize(addr common.Address) int
	// GetBalance, AddBalance and SubBalance move the native coin that
	// 0x0300 holds as bonds (withdrawBond pays the bonder).
	GetBalance(addr common.Address) *uint256.Int
	AddBalance(addr common.Address, amount *uint256.Int, reason tracing.BalanceChangeReason) uint256.Int
	SubBalance(addr common.Address, amount *uint256.Int, reason tracing.BalanceChangeReason) uint256.Int
}

// Env is everything the precompile learns about the call that entered it.
// A host EVM (the patched go-ethereum in evmpatch/, or another fork) adapts
// its own call frame to this interface; nothing else is needed to embed the
// precompile.
type Env interface {
	// CallType is the opcode that entered the precompile.
	CallType() CallType
	// Caller is the EVM-semantic msg.sender of this frame.
	Caller() common.Address
	// Address is the address that was called (and whose code ran).
	Address() common.Address
	// Value is the call value (zero for STATICCALL and DELEGATECALL). For
	// a CALL the host has already moved it from the caller to Address, as
	// the EVM does before it runs any callee, and moves it back when the
	// call fails.
	Value() *uint256.Int
	// ReadOnly reports the host's read-only flag (set inside a STATICCALL
	// frame further up). The precompile also treats CallTypeStaticCall as
	// read-only on its own.
	ReadOnly() bool
	// State is the state database of the executing block.
	State() StateDB
	// ChainID is the executing chain's id.
	ChainID() uint64
	// BlockNumber is the number of the executing block.
	BlockNumber() uint64
	// BlockTime is the timestamp of the executing block, in seconds. It is
	// the only clock the precompile knows.
	BlockTime() uint64
	// BlockHash returns the hash of block number if it is one of the
	// BlockHashWindow blocks before the executing block, as the BLOCKHASH
	// opcode sees it (go-ethereum's vm.BlockContext.GetHash), and the zero
	// hash for any other number, the executing block and later ones
	// included.
	BlockHash(number uint64) common.Hash
	// UseGas charges amount from the frame's gas and reports it to tracers.
	// It returns false, charging nothing, if not enough gas is left.
	UseGas(amount uint64) bool
	// AddLog emits an event log from the precompile's address.
	AddLog(topics []common.Hash, data []byte)
}
