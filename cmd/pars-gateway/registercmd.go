package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner"
	"github.com/urfave/cli/v2"
)

func registerCommand() *cli.Command {
	return &cli.Command{
		Name: "register",
		Usage: "register the gateway's key on chain and set its compute-unit budget per epoch (registerGateway and " +
			"setGatewayBudget, sent by the governance account); until then every proof of its tickets is refused " +
			"(UnknownGateway, GatewayBudgetExhausted)",
		UsageText: "pars-gateway register --key gateway.key --rpc URL --governance-keystore DIR [--governance-account 0x…] " +
			"[--passphrase-file F | --passphrase-env VAR] [--chain-id 6133] [--budget CU]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "key", Required: true, Usage: "the gateway's key file (only its public key is sent)", TakesFile: true},
			&cli.StringFlag{Name: "rpc", Required: true, Usage: "node JSON-RPC URL"},
			&cli.UintFlag{Name: "chain-id", Value: 6133, Usage: "the chain the gateway serves (the node must serve it)"},
			&cli.StringFlag{Name: "governance-keystore", Required: true, Usage: "go-ethereum keystore folder holding the precompile's governance account", TakesFile: true},
			&cli.StringFlag{Name: "governance-account", Usage: "governance address (default: the keystore's only account)"},
			&cli.StringFlag{Name: "passphrase-file", Usage: "file whose first line is the keystore passphrase", TakesFile: true},
			&cli.StringFlag{Name: "passphrase-env", Value: "PARS_GOVERNANCE_PASSPHRASE", Usage: "environment variable holding the passphrase"},
			&cli.DurationFlag{Name: "timeout", Value: 3 * time.Minute, Usage: "give up after this long"},
			&cli.Uint64Flag{Name: "budget", Value: DefaultGatewayBudget, Usage: "compute units per epoch the gateway's tickets may make valid " +
				"(set on registration; given for a registered gateway, it replaces the budget)"},
		},
		Action: register,
	}
}

func register(c *cli.Context) error {
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
	defer cancel()
	chainID := uint32(c.Uint("chain-id"))
	reg, err := gateway.DialRegistry(ctx, c.String("rpc"), chainID)
	if err != nil {
		return err
	}
	defer reg.Close()
	id := key.Public().ID()
	idHex := "0x" + hex.EncodeToString(id[:])
	_, st, err := reg.GatewayStatus(ctx, id)
	if err != nil {
		return err
	}
	report := func(state, tx string, block uint64) error {
		b, _ := json.Marshal(map[string]any{"gateway_id": idHex, "state": state, "tx": tx, "block": block})
		fmt.Fprintln(c.App.Writer, string(b))
		return nil
	}
	registered := st == 1
	switch st {
	case 1:
		fmt.Fprintf(c.App.ErrWriter, "gateway %s is already registered on chain %d\n", idHex, chainID)
		if !c.IsSet("budget") {
			return report("registered", "", 0)
		}
	case 2:
		return fmt.Errorf("gateway %s is revoked on chain %d for good; make a new key with `pars-gateway keygen`", idHex, chainID)
	}
	account, err := governanceAccount(c.String("governance-keystore"), c.String("governance-account"))
	if err != nil {
		return err
	}
	src := miner.PassphraseSource{File: c.String("passphrase-file")}
	if src.File == "" && os.Getenv(c.String("passphrase-env")) != "" {
		src.Env = c.String("passphrase-env")
	}
	pass, err := miner.ReadPassphrase(src, "governance keystore passphrase: ")
	if err != nil {
		return err
	}
	gk, err := miner.LoadGasKey(c.String("governance-keystore"), account, pass)
	if err != nil {
		return err
	}
	node, err := miner.DialNode(ctx, c.String("rpc"))
	if err != nil {
		return err
	}
	defer node.Close()
	sub, err := miner.NewSubmitter(node, gk, miner.SubmitterConfig{ChainID: new(big.Int).SetUint64(uint64(chainID))})
	if err != nil {
		return err
	}
	var tx string
	var block uint64
	if !registered {
		rcpt, err := sub.Transact(ctx, iaimining.PackRegisterGateway(key.Public().Bytes()), "gateway registration")
		if err != nil {
			return fmt.Errorf("registerGateway from %s: %w (is it the precompile's governance account?)", account.Hex(), err)
		}
		if _, st, err = reg.GatewayStatus(ctx, id); err != nil {
			return err
		}
		if st != 1 {
			return fmt.Errorf("registerGateway was mined in %s but gatewayStatus is %d", rcpt.TxHash.Hex(), st)
		}
		fmt.Fprintf(c.App.ErrWriter, "gateway %s registered on chain %d by %s\n", idHex, chainID, account.Hex())
		tx, block = rcpt.TxHash.Hex(), rcpt.BlockNumber.Uint64()
	}
	rcpt, err := sub.Transact(ctx, iaimining.PackSetGatewayBudget(id, c.Uint64("budget")), "gateway budget")
	if err != nil {
		return fmt.Errorf("setGatewayBudget from %s: %w", account.Hex(), err)
	}
	fmt.Fprintf(c.App.ErrWriter, "gateway %s may make %d compute units of work valid per epoch\n", idHex, c.Uint64("budget"))
	if tx == "" {
		tx, block = rcpt.TxHash.Hex(), rcpt.BlockNumber.Uint64()
	}
	return report("registered", tx, block)
}

// DefaultGatewayBudget is the compute-unit budget per epoch register sets
// for a new gateway: a million built-in jobs an epoch.
const DefaultGatewayBudget = 1_000_000

// governanceAccount returns the named account, or the keystore's only one.
func governanceAccount(dir, named string) (common.Address, error) {
	if named != "" {
		if !common.IsHexAddress(named) {
			return common.Address{}, fmt.Errorf("--governance-account %q is not an address", named)
		}
		return common.HexToAddress(named), nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return common.Address{}, fmt.Errorf("governance keystore: %w", err)
	}
	var found []common.Address
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		var head struct {
			Address string `json:"address"`
		}
		if json.Unmarshal(b, &head) == nil && common.IsHexAddress(head.Address) {
			found = append(found, common.HexToAddress(head.Address))
		}
	}
	switch len(found) {
	case 0:
		return common.Address{}, fmt.Errorf("governance keystore %s holds no key file", dir)
	case 1:
		return found[0], nil
	}
	return common.Address{}, errors.New("the governance keystore holds several accounts: name one with --governance-account")
}

// iaimining is the generated binding of 0x0300's ABI.
var iaimining = bindings.NewIAIMining()
