// Package l1 runs the Pars chain on a local network of avalanchego
// validators: the subnet-evm plugin with IAIMining at 0x0300
// (cmd/pars-subnet-evm), a subnet validated by every node, and the chain
// whose genesis activates 0x0300. It drives avalanchego's tmpnet fixture
// on loopback, with ports chosen at run time. The pars-l1 command and the
// network tests use it.
package l1

import (
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/crypto"
	"github.com/pars-network/aimining/luxevm/aimining"
	"github.com/pars-network/aimining/precompile"
)

// ParsChainID is the EIP-155 chain id of the Pars chain.
const ParsChainID = 6133

// GasLimit is the block gas limit of the chain (and of its fee config).
const GasLimit = 15_000_000

// DevKeyHex is the key of DevAddress: go-ethereum's --dev account
// (cmd/utils.DeveloperKey), publicly known. `make devnet` makes it the
// precompile's governance; the L1 does the same.
const DevKeyHex = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"

// DevAddress is the governance account of the dev chains.
var DevAddress = common.HexToAddress("0x71562b71999873DB5b286dF957af199Ec94617F7")

// DevGovernanceKey returns DevAddress's key.
func DevGovernanceKey() *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(DevKeyHex)
	if err != nil {
		panic(err) // a fixed, valid key
	}
	return k
}

// DevKey returns dev account i's key, as `make devnet` derives it:
// keccak256("pars devnet account i"). Publicly known: devnets only.
func DevKey(i int) *ecdsa.PrivateKey {
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("pars devnet account %d", i))))
	if err != nil {
		panic(err) // keccak output is a valid secp256k1 scalar for these fixed inputs
	}
	return k
}

// Ether returns n coins in wei.
func Ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

// DevParams are `make devnet`'s parameters: the defaults (5% of the work
// sampled for audit) with DevAddress as governance and a devnet's short
// windows: rewards wait 15 blocks, sampled work is revealed within 10
// blocks of its seed, committee votes take 5 + 5 blocks, and a bond leaves
// 60 blocks after it is unbonded.
func DevParams() precompile.Params {
	p := precompile.DefaultParams(DevAddress)
	p.ChallengeWindow, p.UnbondingDelay = 15, 60
	p.RevealWindow, p.VoteCommitWindow, p.VoteRevealWindow = 10, 5, 5
	return p
}

// GenesisOptions describe the chain's genesis.
type GenesisOptions struct {
	ChainID   uint64
	Timestamp uint64
	// Params are 0x0300's initial parameters, active from genesis.
	Params precompile.Params
	// Alloc funds accounts (wei).
	Alloc map[common.Address]*big.Int
}

// DevGenesis returns the options of the Pars dev chain: chain id, the dev
// parameters, DevAddress and dev accounts 0..accounts-1 with a million
// coins each.
func DevGenesis(chainID uint64, timestamp uint64, accounts int) GenesisOptions {
	alloc := map[common.Address]*big.Int{DevAddress: Ether(1_000_000)}
	for i := range accounts {
		alloc[crypto.PubkeyToAddress(DevKey(i).PublicKey)] = Ether(1_000_000)
	}
	return GenesisOptions{ChainID: chainID, Timestamp: timestamp, Params: DevParams(), Alloc: alloc}
}

// Genesis returns subnet-evm's genesis JSON for o: the chain id, a fee
// config with no block gas cost, 0x0300 active from genesis
// (parsAIMiningConfig, blockTimestamp 0) with o.Params, and o.Alloc.
// subnet-evm fills in the Ethereum forks and follows avalanchego's network
// upgrades.
func Genesis(o GenesisOptions) ([]byte, error) {
	cfg, err := aimining.NewConfig(0, o.Params)
	if err != nil {
		return nil, err
	}
	if err := cfg.Verify(nil); err != nil {
		return nil, err
	}
	alloc := make(map[string]any, len(o.Alloc))
	for a, bal := range o.Alloc {
		if a == precompile.Address {
			return nil, fmt.Errorf("genesis: %v is 0x0300's, installed by its config", a)
		}
		alloc[a.Hex()] = map[string]string{"balance": "0x" + bal.Text(16)}
	}
	g := map[string]any{
		"config": map[string]any{
			"chainId": o.ChainID,
			"feeConfig": map[string]any{
				"gasLimit":                 GasLimit,
				"minBaseFee":               25_000_000_000,
				"targetGas":                100_000_000,
				"baseFeeChangeDenominator": 48,
				"minBlockGasCost":          0,
				"maxBlockGasCost":          0,
				"targetBlockRate":          2,
				"blockGasCostStep":         0,
			},
			aimining.ConfigKey: cfg,
		},
		"alloc":      alloc,
		"nonce":      "0x0",
		"timestamp":  fmt.Sprintf("0x%x", o.Timestamp),
		"extraData":  "0x00",
		"gasLimit":   fmt.Sprintf("0x%x", GasLimit),
		"difficulty": "0x0",
		"mixHash":    common.Hash{}.Hex(),
		"coinbase":   common.Address{}.Hex(),
		"number":     "0x0",
		"gasUsed":    "0x0",
		"parentHash": common.Hash{}.Hex(),
	}
	return json.MarshalIndent(g, "", "  ")
}
