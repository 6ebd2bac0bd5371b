// Command pars-genesis writes a genesis.json that activates the IAIMining
// precompile at 0x0300 (`make build` puts it in bin/).
//
//	pars-genesis --chain-id 6133 --activation-time 0 \
//	    --governance 0x… --alloc 0x…=1000000000000000000000 --prefund-dev > genesis.json
//	pars-genesis --chain-id 96369 --governance 0x… --params params.json > genesis.json
//
// --params takes a JSON file naming any of the precompile's parameters
// (the fields of precompile.Params); the fields it leaves out keep their
// defaults. `pars-genesis params --print` prints every field with its
// default, `pars-genesis params --check FILE` the parameters FILE gives.
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
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/urfave/cli/v2"
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if err := newApp(stdout, stderr).Run(args); err != nil {
		fmt.Fprintln(stderr, "pars-genesis:", err)
		return 1
	}
	return 0
}

var (
	governanceFlag = &cli.StringFlag{Name: "governance", Usage: "governance `0xADDRESS` of the precompile, 0x and 40 hex digits (default: the dev address with --prefund-dev, else the --params file's)"}
	paramsFlag     = &cli.StringFlag{Name: "params", Usage: "JSON `FILE` of the precompile's initial parameters; fields left out keep their defaults (template: pars-genesis params --print)", TakesFile: true}
)

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "pars-genesis",
		Usage: "write a genesis.json (or, with --upgrade, chain config fields) that activates the IAIMining precompile at 0x0300",
		UsageText: "pars-genesis [--chain-id N] [--activation-time T] --governance 0x… [--params p.json] [--alloc 0x…=WEI]… [--prefund-dev] [--last-fork prague|osaka|bogota] > genesis.json\n" +
			"pars-genesis --upgrade --activation-time T --governance 0x… [--params p.json] > upgrade.json\n" +
			"pars-genesis params --print [--governance 0x…] > params.json\n" +
			"pars-genesis params --check params.json [--governance 0x…]",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {}, // run prints errors and exits
		Flags: []cli.Flag{
			&cli.Uint64Flag{Name: "chain-id", Value: genesis.ParsChainID, Usage: "chain id (Pars 6133, Lux 96369, Hanzo 36963, Zoo 200200)"},
			&cli.Uint64Flag{Name: "activation-time", Usage: "parsAIMiningTime: block timestamp from which 0x0300 is active"},
			&cli.Uint64Flag{Name: "timestamp", Usage: "genesis block timestamp"},
			&cli.Uint64Flag{Name: "gas-limit", Value: genesis.DefaultGasLimit, Usage: "genesis block gas limit"},
			governanceFlag,
			&cli.StringSliceFlag{Name: "alloc", Usage: "prefunded account `0xADDRESS=WEI` (repeatable)"},
			&cli.BoolFlag{Name: "prefund-dev", Usage: "prefund geth --dev's developer account " + genesis.DevAddress.Hex() + " with 1e27 wei (and make it governance unless --governance is given)"},
			paramsFlag,
			&cli.StringFlag{Name: "last-fork", Value: genesis.ForkBogota, Usage: "last upstream fork active at genesis: " + genesis.ForkPrague + " (consensus layer at Electra, e.g. Prysm v5), " + genesis.ForkOsaka + " or " + genesis.ForkBogota},
			&cli.BoolFlag{Name: "upgrade", Usage: "print only the chain config fields (parsAIMiningTime, parsAIMiningParams) that activate 0x0300 on an existing chain"},
		},
		Action: genesisCmd,
		Commands: []*cli.Command{{
			Name:      "params",
			Usage:     "print the precompile's parameters: every field with its default (--print), or what a --params file gives (--check)",
			UsageText: "pars-genesis params --print [--governance 0x…]\npars-genesis params --check params.json [--governance 0x…]",
			Flags: []cli.Flag{
				&cli.BoolFlag{Name: "print", Usage: "print every parameter with its default, as JSON for --params"},
				&cli.StringFlag{Name: "check", Usage: "validate this --params `FILE` and print the parameters it gives, defaults filled in", TakesFile: true},
				governanceFlag,
			},
			Action: paramsCmd,
		}},
	}
}

// parseAddress parses the address given to flag: 0x and 40 hex digits.
func parseAddress(flag, s string) (common.Address, error) {
	if !common.IsHexAddress(s) || !strings.HasPrefix(strings.ToLower(s), "0x") {
		return common.Address{}, fmt.Errorf("--%s %q: not a 20-byte address (want 0x and 40 hex digits)", flag, s)
	}
	return common.HexToAddress(s), nil
}

// governance returns --governance, or the zero address when it is not given.
func governance(c *cli.Context) (common.Address, error) {
	if !c.IsSet(governanceFlag.Name) {
		return common.Address{}, nil
	}
	return parseAddress(governanceFlag.Name, c.String(governanceFlag.Name))
}

func genesisCmd(c *cli.Context) error {
	if c.Args().Present() {
		return fmt.Errorf("unexpected argument %q (see `pars-genesis --help`)", c.Args().First())
	}
	gov, err := governance(c)
	if err != nil {
		return err
	}
	o := genesis.Options{
		ChainID:        c.Uint64("chain-id"),
		ActivationTime: c.Uint64("activation-time"),
		Timestamp:      c.Uint64("timestamp"),
		GasLimit:       c.Uint64("gas-limit"),
		LastFork:       c.String("last-fork"),
		Alloc:          types.GenesisAlloc{},
	}
	for _, a := range c.StringSlice("alloc") {
		addr, bal, ok := strings.Cut(a, "=")
		if !ok {
			return fmt.Errorf("--alloc %q: want 0xADDRESS=BALANCE_IN_WEI", a)
		}
		who, err := parseAddress("alloc", addr)
		if err != nil {
			return err
		}
		v, ok := new(big.Int).SetString(bal, 0)
		if !ok || v.Sign() < 0 {
			return fmt.Errorf("--alloc %q: balance %q is not a non-negative integer of wei", a, bal)
		}
		o.Alloc[who] = types.Account{Balance: v}
	}
	if c.Bool("prefund-dev") {
		if _, ok := o.Alloc[genesis.DevAddress]; !ok {
			o.Alloc[genesis.DevAddress] = types.Account{Balance: new(big.Int).Exp(big.NewInt(10), big.NewInt(27), nil)}
		}
		if gov == (common.Address{}) {
			gov = genesis.DevAddress
		}
	}
	if path := c.String(paramsFlag.Name); path != "" {
		p, err := genesis.LoadParams(path, gov)
		if err != nil {
			return err
		}
		o.Params = &p
	} else if gov == (common.Address{}) {
		return errors.New("--governance 0xADDRESS is required (or --prefund-dev, or a --params file naming governance)")
	}
	o.Governance = gov
	var out any
	if c.Bool("upgrade") {
		out, err = genesis.NewUpgrade(o)
	} else {
		out, err = genesis.New(o)
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(c.App.Writer)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func paramsCmd(c *cli.Context) error {
	if c.Args().Present() {
		return fmt.Errorf("unexpected argument %q (see `pars-genesis params --help`)", c.Args().First())
	}
	gov, err := governance(c)
	if err != nil {
		return err
	}
	switch check := c.String("check"); {
	case c.Bool("print") && check != "":
		return errors.New("give one of --print and --check")
	case c.Bool("print"):
		b, err := genesis.ParamsTemplate(gov)
		if err != nil {
			return err
		}
		_, err = c.App.Writer.Write(b)
		return err
	case check != "":
		p, err := genesis.LoadParams(check, gov)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	return errors.New("give --print (every parameter with its default) or --check FILE (see `pars-genesis params --help`)")
}
