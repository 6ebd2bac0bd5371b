package precompile

import (
	"github.com/ethereum/go-ethereum/core/vm"
)

// Contract is the IAIMining precompile. It holds no mutable state of its
// own: everything lives in the StateDB under Address.
type Contract struct{}

// New returns the IAIMining precompile.
func New() *Contract { return &Contract{} }

// Name is the precompile's name as shown by tracers and eth_config.
func (c *Contract) Name() string { return "IAIMINING" }

// Run executes one call. It charges gas through env.UseGas before doing any
// work. A refusal returns vm.ErrExecutionReverted with ABI-encoded Solidity
// custom-error data as ret; running out of gas returns vm.ErrOutOfGas. The
// host must revert state changes whenever err != nil, exactly as it does for
// any other call frame.
func (c *Contract) Run(env Env, input []byte) (ret []byte, err error) {
	return nil, vm.ErrExecutionReverted
}
