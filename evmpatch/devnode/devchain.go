package devnode

import (
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/evmpatch/genesis"
)

// Ether returns n ether in wei.
func Ether(n int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), big.NewInt(1_000_000_000_000_000_000))
}

// DevGenesis returns genesis options for a dev chain: the dev account as
// governance, the genesis block stamped now (so that a fresh proof's time
// window covers it), and the dev account and every one of accounts
// prefunded with fund wei.
func DevGenesis(chainID uint64, fund *big.Int, accounts ...common.Address) genesis.Options {
	alloc := types.GenesisAlloc{genesis.DevAddress: {Balance: fund}}
	for _, a := range accounts {
		alloc[a] = types.Account{Balance: fund}
	}
	return genesis.Options{
		ChainID: chainID, Governance: genesis.DevAddress,
		Timestamp: uint64(time.Now().Unix()), Alloc: alloc,
	}
}
