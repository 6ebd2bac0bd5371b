package main

import (
	"bufio"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/precompile"
	"github.com/urfave/cli/v2"
)

// exampleConfigTOML is config.example.toml, which documents every key: `init`
// writes it with the values it knows filled in.
//
//go:embed config.example.toml
var exampleConfigTOML string

// initCommand is `pars-miner init`: a configuration file from the example,
// for the chain that the node at --rpc is on.
func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "write a configuration file from the documented example, with the chain id read from the node",
		UsageText: "pars-miner init --rpc URL [--out config.toml] [--wallet wallet.json] [--keystore keystore]\n" +
			"                [--gas-account 0x…] [--beneficiary 0x…] [--passphrase-file F] [--force]",
		Description: "Asks the node at --rpc for its chain id (eth_chainId) and whether the IAIMining precompile is\n" +
			"active there, and writes --out from the example configuration (every key documented) with the\n" +
			"chain id, the endpoint, the wallet, the gas keystore and account, the beneficiary and the\n" +
			"passphrase file filled in. Paths given on the command line are relative to the current\n" +
			"folder, and written relative to the configuration's folder; the wallet and the keystore\n" +
			"default to wallet.json and keystore beside --out. Without --gas-account the keystore's\n" +
			"only account is used; without\n" +
			"--beneficiary rewards are credited to the gas account. Without --passphrase-file the miner\n" +
			"prompts for the passphrase when it starts.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "rpc", Usage: "the node's JSON-RPC endpoint (http(s)://, ws(s):// or an IPC path)", Required: true},
			&cli.StringFlag{Name: "out", Value: "config.toml", Usage: "configuration `FILE` to write", TakesFile: true},
			&cli.StringFlag{Name: "wallet", Usage: "the ML-DSA mining wallet `FILE` (`pars-miner keygen --out FILE`)", DefaultText: "wallet.json beside --out", TakesFile: true},
			&cli.StringFlag{Name: "keystore", Usage: "the gas account's keystore `DIR` (`pars-miner gas-account new`)", DefaultText: "keystore beside --out", TakesFile: true},
			&cli.StringFlag{Name: "gas-account", Usage: "the `0xADDRESS` that pays gas (default: the keystore's only account)"},
			&cli.StringFlag{Name: "beneficiary", Usage: "the `0xADDRESS` credited with rewards (default: the gas account)"},
			&cli.StringFlag{Name: "passphrase-file", Usage: "`FILE` whose first line is the wallet's passphrase (and the gas account's)", TakesFile: true},
			&cli.BoolFlag{Name: "force", Usage: "replace --out if it exists"},
		},
		Action: initCmd,
	}
}

func initCmd(c *cli.Context) error {
	if err := noArgs(c); err != nil {
		return err
	}
	out := c.String("out")
	if _, err := os.Stat(out); err == nil && !c.Bool("force") {
		return fmt.Errorf("%s already exists; refusing to overwrite it (--force replaces it)", out)
	}
	base := filepath.Dir(out)
	// pathFlag returns the flag's path as typed (relative to the current
	// folder) or its default beside --out, and the same path as the
	// configuration file holds it: relative to its folder, unless typed
	// as an absolute path.
	pathFlag := func(name, def string) (typed, inFile string) {
		typed = c.String(name)
		if typed == "" {
			return filepath.Join(base, def), def
		}
		inFile = typed
		if !filepath.IsAbs(typed) {
			if rel, err := filepath.Rel(base, typed); err == nil {
				inFile = rel
			}
		}
		return typed, inFile
	}
	wallet, walletInFile := pathFlag("wallet", "wallet.json")
	keystoreDir, keystoreInFile := pathFlag("keystore", DefaultKeystore)

	// The chain, from the node.
	endpoint := c.String("rpc")
	ctx, cancel := context.WithTimeout(c.Context, 30*time.Second)
	defer cancel()
	node, err := miner.DialNode(ctx, endpoint)
	if err != nil {
		return err
	}
	defer node.Close()
	id, err := node.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("cannot reach the node at %s: %w", endpoint, err)
	}
	if !id.IsUint64() || id.Uint64() > 1<<32-1 {
		return fmt.Errorf("the node at %s reports chain id %s, which does not fit in 32 bits", endpoint, id)
	}
	code, err := node.CodeAt(ctx, precompile.Address, nil)
	if err != nil {
		return fmt.Errorf("read code at %s from %s: %w", precompile.Address.Hex(), endpoint, err)
	}

	// The accounts.
	var gas common.Address
	if s := c.String("gas-account"); s != "" {
		if gas, err = miner.ParseAddress(s); err != nil {
			return fmt.Errorf("--gas-account: %w", err)
		}
	} else {
		switch accts := keystoreAccounts(keystoreDir); len(accts) {
		case 0:
			return fmt.Errorf("no gas account in keystore %s: create one with `pars-miner gas-account new --keystore %s`, or give --gas-account", keystoreDir, keystoreDir)
		case 1:
			gas = accts[0]
		default:
			return fmt.Errorf("keystore %s holds %d accounts; choose one with --gas-account", keystoreDir, len(accts))
		}
	}
	beneficiary := gas
	if s := c.String("beneficiary"); s != "" {
		if beneficiary, err = miner.ParseAddress(s); err != nil {
			return fmt.Errorf("--beneficiary: %w", err)
		}
	}

	set := []tomlValue{
		{"network", "chain_id", strconv.FormatUint(id.Uint64(), 10)},
		{"network", "rpc_endpoint", strconv.Quote(endpoint)},
		{"mining", "wallet_path", strconv.Quote(walletInFile)},
		{"mining", "beneficiary", strconv.Quote(beneficiary.Hex())},
		{"mining", "gas_keystore", strconv.Quote(keystoreInFile)},
		{"mining", "gas_account", strconv.Quote(gas.Hex())},
	}
	text := exampleConfigTOML
	if c.String("passphrase-file") != "" {
		_, f := pathFlag("passphrase-file", "")
		set = append(set, tomlValue{"mining", "passphrase_file", strconv.Quote(f)})
	} else if text, err = commentOut(text, "mining", "passphrase_file"); err != nil {
		return err
	}
	for _, v := range set {
		if text, err = v.setIn(text); err != nil {
			return err
		}
	}
	header := fmt.Sprintf("# Written by `pars-miner init --rpc %s` for chain %d.\n", endpoint, id)
	text = header + text
	if _, err := miner.ParseConfig([]byte(text), out); err != nil {
		return fmt.Errorf("the configuration init made is not valid (please report this): %w", err)
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(text), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}

	w := c.App.Writer
	fmt.Fprintf(w, "wrote %s: chain %d (eth_chainId of %s)\n", out, id, endpoint)
	fmt.Fprintf(w, "  wallet       %s\n", wallet)
	fmt.Fprintf(w, "  gas account  %s in %s\n", gas.Hex(), keystoreDir)
	note := ""
	if c.String("beneficiary") == "" {
		note = " (the gas account; change mining.beneficiary to credit another address)"
	}
	fmt.Fprintf(w, "  beneficiary  %s%s\n", beneficiary.Hex(), note)
	if len(code) == 0 {
		fmt.Fprintf(w, "warning: the IAIMining precompile is not active on chain %d (no code at %s): the miner refuses to start until it is\n", id, precompile.Address.Hex())
	}
	var next []string
	if _, err := os.Stat(wallet); err != nil {
		next = append(next, "pars-miner keygen --out "+wallet)
	}
	next = append(next,
		"pars-miner gas-account show --config "+out+"   # fund it with native coin",
		"pars-miner bond --config "+out+"               # work earns only when the miner id is bonded",
		"pars-miner run --config "+out)
	fmt.Fprintln(w, "next:")
	for _, n := range next {
		fmt.Fprintln(w, "  "+n)
	}
	return nil
}

// tomlValue is one key of the example configuration and its new value, in
// TOML syntax.
type tomlValue struct{ section, key, value string }

// setIn replaces the value of the uncommented `key = …` line of the
// section in text.
func (v tomlValue) setIn(text string) (string, error) {
	return editKey(text, v.section, v.key, func(string) string { return v.key + " = " + v.value })
}

// commentOut turns the uncommented `key = …` line of the section into a
// comment.
func commentOut(text, section, key string) (string, error) {
	return editKey(text, section, key, func(line string) string { return "# " + line })
}

// editKey rewrites the one uncommented line `key = …` of [section] in the
// TOML text with edit.
func editKey(text, section, key string, edit func(line string) string) (string, error) {
	var b strings.Builder
	current, found := "", false
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") {
			current = strings.Trim(trimmed, "[]")
		}
		if current == section && !found {
			if k, _, ok := strings.Cut(trimmed, "="); ok && strings.TrimSpace(k) == key {
				line, found = edit(line), true
			}
		}
		b.WriteString(line + "\n")
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	if !found {
		return "", errors.New("the example configuration has no " + section + "." + key + " line (please report this)")
	}
	return b.String(), nil
}
