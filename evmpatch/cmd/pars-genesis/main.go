// Command pars-genesis writes a genesis.json that activates the IAIMining
// precompile at 0x0300.
//
//	pars-genesis --chain-id 6133 --activation-time 0 \
//	    --governance 0x… --alloc 0x…=1000000000000000000000 --prefund-dev > genesis.json
//	pars-genesis --chain-id 96369 --params params.json > genesis.json
//
// --last-fork prague leaves out the upstream forks after Prague (Osaka,
// Bogota): a network driven by a consensus client at Electra, such as Prysm
// v5, needs it, since that client refuses to build blocks for any later
// fork. --timestamp sets the genesis block time; on a proof-of-stake
// network it is the beacon chain's genesis time.
//
//	pars-genesis --chain-id 6133 --last-fork prague --timestamp 1767225600 --governance 0x… > genesis.json
//
// For an existing chain, --upgrade prints only the two chain config fields
// that activate the precompile at --activation-time: parsAIMiningTime and
// parsAIMiningParams. Merge them into the chain's genesis config and run
// `pars-geth init` with it again (same genesis block, updated config) on
// every node before that time. The node installs 0x0300 (nonce 1, code
// marker, these parameters) in the first block at or after it.
//
//	pars-genesis --upgrade --activation-time 1767225600 --governance 0x… > upgrade.json
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
)

type allocFlag types.GenesisAlloc

func (a allocFlag) String() string { return "" }

func (a allocFlag) Set(s string) error {
	addr, bal, ok := strings.Cut(s, "=")
	if !ok || !common.IsHexAddress(addr) {
		return errors.New("want 0xADDRESS=BALANCE_IN_WEI")
	}
	v, ok := new(big.Int).SetString(bal, 0)
	if !ok || v.Sign() < 0 {
		return fmt.Errorf("bad balance %q", bal)
	}
	a[common.HexToAddress(addr)] = types.Account{Balance: v}
	return nil
}

func main() {
	var (
		o      genesis.Options
		alloc  = allocFlag{}
		gov    string
		dev    bool
		params string
		up     bool
	)
	flag.Uint64Var(&o.ChainID, "chain-id", genesis.ParsChainID, "chain id (Pars 6133, Lux 96369, Hanzo 36963, Zoo 200200)")
	flag.Uint64Var(&o.ActivationTime, "activation-time", 0, "parsAIMiningTime: block timestamp from which 0x0300 is active")
	flag.Uint64Var(&o.Timestamp, "timestamp", 0, "genesis block timestamp")
	flag.Uint64Var(&o.GasLimit, "gas-limit", genesis.DefaultGasLimit, "genesis block gas limit")
	flag.StringVar(&gov, "governance", "", "governance address of the precompile (default: the dev address with --prefund-dev)")
	flag.Var(alloc, "alloc", "prefunded account 0xADDRESS=WEI (repeatable)")
	flag.BoolVar(&dev, "prefund-dev", false, "prefund geth --dev's developer account "+genesis.DevAddress.Hex()+" with 1e27 wei")
	flag.StringVar(&params, "params", "", "JSON file of the precompile's initial parameters (default: precompile.DefaultParams)")
	flag.StringVar(&o.LastFork, "last-fork", genesis.ForkBogota, "last upstream fork active at genesis: "+genesis.ForkPrague+" (consensus layer at Electra, e.g. Prysm v5), "+genesis.ForkOsaka+" or "+genesis.ForkBogota)
	flag.BoolVar(&up, "upgrade", false, "print only the chain config fields (parsAIMiningTime, parsAIMiningParams) that activate 0x0300 on an existing chain")
	flag.Parse()

	if dev {
		if _, ok := alloc[genesis.DevAddress]; !ok {
			alloc[genesis.DevAddress] = types.Account{Balance: new(big.Int).Exp(big.NewInt(10), big.NewInt(27), nil)}
		}
		if gov == "" {
			gov = genesis.DevAddress.Hex()
		}
	}
	if params != "" {
		p, err := precompile.LoadParamsFile(params)
		if err != nil {
			fatal(err)
		}
		o.Params = &p
	}
	switch {
	case common.IsHexAddress(gov):
		o.Governance = common.HexToAddress(gov)
	case gov != "" || o.Params == nil:
		fatal(errors.New("--governance 0xADDRESS is required (or --prefund-dev, or a --params file naming governance)"))
	}
	o.Alloc = types.GenesisAlloc(alloc)
	var out any
	var err error
	if up {
		out, err = genesis.NewUpgrade(o)
	} else {
		out, err = genesis.New(o)
	}
	if err != nil {
		fatal(err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "pars-genesis:", err)
	os.Exit(1)
}
