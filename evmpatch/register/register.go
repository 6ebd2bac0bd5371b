// Package register installs the IAIMining precompile at 0x0300 into the
// patched go-ethereum. Import it for its side effect (cmd/geth in the patched
// tree does). Registration only makes the precompile available: it is active
// on a chain only from that chain config's parsAIMiningTime on.
package register

import (
	"bytes"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/pars-network/aimining/evmpatch/adapter"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
)

// Keys is the node's one cache of decoded ML-DSA public keys, shared by
// every EVM the node runs (block import, building, eth_call, tracing): the
// precompile is registered once, with it.
var Keys = precompile.NewKeyCache(precompile.DefaultKeyCacheSize)

func init() {
	vm.RegisterStatefulPrecompile(precompile.Address, adapter.New(precompile.New(precompile.WithKeyCache(Keys))).WithAccount(Account))
}

// Account is the 0x0300 account that a chain whose genesis has none gets in
// its first block at or after parsAIMiningTime: nonce 1, the code marker and
// the initial parameters of the chain config's parsAIMiningParams
// (genesis.ConfigAccount). If those are missing or invalid it logs an error
// and returns nonce 1 and the code marker alone: the account then keeps its
// storage, but has no parameters and no governance.
func Account(config *params.ChainConfig) types.Account {
	acc, err := genesis.ConfigAccount(config)
	if err != nil {
		log.Error("IAIMining at 0x0300 installed without parameters", "err", err)
		return types.Account{Nonce: 1, Code: bytes.Clone(precompile.CodeMarker)}
	}
	return acc
}
