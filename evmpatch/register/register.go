// Package register installs the IAIMining precompile at 0x0300 into the
// patched go-ethereum. Import it for its side effect (cmd/geth in the patched
// tree does). Registration only makes the precompile available: it is active
// on a chain only from that chain config's parsAIMiningTime on.
package register

import (
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/pars-network/aimining/evmpatch/adapter"
	"github.com/pars-network/aimining/precompile"
)

func init() {
	vm.RegisterStatefulPrecompile(precompile.Address, adapter.New(precompile.New()))
}
