package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/miner"
	"github.com/urfave/cli/v2"
)

// DefaultKeystore is the gas keystore folder the commands use when none is
// given, as in config.example.toml.
const DefaultKeystore = "keystore"

var (
	keystoreFlag = &cli.StringFlag{Name: "keystore", Value: DefaultKeystore, Usage: "go-ethereum keystore `DIR` (created when missing)", TakesFile: true}
	gasPassFile  = &cli.StringFlag{Name: "passphrase-file", Usage: "read the gas account's passphrase from the first line of this `FILE` (default: prompt)", TakesFile: true}
	gasPassEnv   = &cli.StringFlag{Name: "passphrase-env", Usage: "read the gas account's passphrase from this environment `VAR`"}
	lightKDFFlag = &cli.BoolFlag{Name: "light-kdf", Usage: "weaker, faster scrypt (2^12 instead of 2^18): for tests only"}
)

// gasAccountCommand is `pars-miner gas-account`: the go-ethereum keystore
// account that signs submission transactions and pays their gas
// (mining.gas_keystore, mining.gas_account).
func gasAccountCommand() *cli.Command {
	return &cli.Command{
		Name:  "gas-account",
		Usage: "create, import or show the account that pays gas for submissions (a go-ethereum keystore)",
		UsageText: "pars-miner gas-account new [--keystore keystore] [--passphrase-file F | --passphrase-env VAR]\n" +
			"pars-miner gas-account import --key-file F [--keystore keystore] [--passphrase-file F | --passphrase-env VAR]\n" +
			"pars-miner gas-account show (--config config.toml | --keystore keystore) [--wei]",
		Description: "The gas account is an ordinary EVM account whose key go-ethereum's keystore keeps encrypted\n" +
			"(the same files as `geth account new`). It signs the miner's transactions to 0x0300 and pays their\n" +
			"gas in the chain's native coin: fund it before mining.",
		Subcommands: []*cli.Command{
			{
				Name:      "new",
				Usage:     "create a new gas account in the keystore",
				UsageText: "pars-miner gas-account new [--keystore keystore] [--passphrase-file F | --passphrase-env VAR]",
				Flags:     []cli.Flag{keystoreFlag, gasPassFile, gasPassEnv, lightKDFFlag},
				Action:    gasAccountNewCmd,
			},
			{
				Name:      "import",
				Usage:     "import an existing private key (hex) into the keystore",
				UsageText: "pars-miner gas-account import --key-file F [--keystore keystore] [--passphrase-file F | --passphrase-env VAR]",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "key-file", Usage: "`FILE` whose first line is the secp256k1 private key in hex (- for standard input)", Required: true, TakesFile: true},
					keystoreFlag, gasPassFile, gasPassEnv, lightKDFFlag,
				},
				Action: gasAccountImportCmd,
			},
			{
				Name:      "show",
				Usage:     "list the keystore's accounts; with --config, the configured gas account and its balance",
				UsageText: "pars-miner gas-account show (--config config.toml | --keystore keystore) [--wei]",
				Flags:     []cli.Flag{configFlag, keystoreFlag, weiFlag},
				Action:    gasAccountShowCmd,
			},
		},
	}
}

// openKeystore opens the keystore folder dir with the scrypt strength the
// flags ask for.
func openKeystore(c *cli.Context, dir string) *keystore.KeyStore {
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if c.Bool(lightKDFFlag.Name) {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	return keystore.NewKeyStore(dir, n, p)
}

// newGasPassphrase reads the new account's passphrase from the flags, or
// asks twice on the terminal.
func newGasPassphrase(c *cli.Context) (string, error) {
	if c.String(gasPassFile.Name) != "" || c.String(gasPassEnv.Name) != "" {
		return miner.ReadPassphrase(miner.PassphraseSource{File: c.String(gasPassFile.Name), Env: c.String(gasPassEnv.Name)}, "")
	}
	return miner.PromptNewPassphraseFor("gas account")
}

// printNewAccount says where the key went and what to do next.
func printNewAccount(c *cli.Context, what string, a accounts.Account) {
	dir := c.String(keystoreFlag.Name)
	file := filepath.Join(dir, filepath.Base(a.URL.Path)) // as the user named the folder
	w := c.App.Writer
	fmt.Fprintf(w, "gas account  %s\n", a.Address.Hex())
	fmt.Fprintf(w, "key file     %s\n", file)
	fmt.Fprintf(w, "\n%s %s (encrypted with the passphrase; keep both).\n", what, file)
	fmt.Fprintln(w, "Fund the account with the chain's native coin: it pays the gas of every submission and the miner's bond.")
	// init looks for the keystore beside its --out.
	next := "pars-miner init --rpc http://127.0.0.1:8545 --out " + filepath.Join(filepath.Dir(dir), "config.toml")
	if filepath.Base(dir) != DefaultKeystore {
		next += " --keystore " + dir
	}
	fmt.Fprintf(w, "next: %s --gas-account %s   # writes the configuration\n", next, a.Address.Hex())
}

func gasAccountNewCmd(c *cli.Context) error {
	if err := noArgs(c); err != nil {
		return err
	}
	pass, err := newGasPassphrase(c)
	if err != nil {
		return err
	}
	a, err := openKeystore(c, c.String(keystoreFlag.Name)).NewAccount(pass)
	if err != nil {
		return fmt.Errorf("create the gas account in %s: %w", c.String(keystoreFlag.Name), err)
	}
	printNewAccount(c, "wrote", a)
	return nil
}

func gasAccountImportCmd(c *cli.Context) error {
	if err := noArgs(c); err != nil {
		return err
	}
	key, err := readKeyFile(c.App.Reader, c.String("key-file"))
	if err != nil {
		return err
	}
	pass, err := newGasPassphrase(c)
	if err != nil {
		return err
	}
	a, err := openKeystore(c, c.String(keystoreFlag.Name)).ImportECDSA(key, pass)
	if errors.Is(err, keystore.ErrAccountAlreadyExists) {
		return fmt.Errorf("account %s is already in keystore %s", crypto.PubkeyToAddress(key.PublicKey).Hex(), c.String(keystoreFlag.Name))
	}
	if err != nil {
		return fmt.Errorf("import into %s: %w", c.String(keystoreFlag.Name), err)
	}
	printNewAccount(c, "imported the key into", a)
	return nil
}

// readKeyFile reads a hex secp256k1 private key (0x optional) from the
// first line of the file at path, or of stdin for "-".
func readKeyFile(stdin io.Reader, path string) (*ecdsa.PrivateKey, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, 4096))
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read --key-file: %w", err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(line), "0x"), "0X")
	key, err := crypto.HexToECDSA(line)
	if err != nil {
		return nil, fmt.Errorf("--key-file %s: not a secp256k1 private key in hex (64 hex digits): %w", path, err)
	}
	return key, nil
}

func gasAccountShowCmd(c *cli.Context) error {
	if err := noArgs(c); err != nil {
		return err
	}
	cfg, err := optionalConfig(c)
	if err != nil {
		return err
	}
	dir := c.String(keystoreFlag.Name)
	if cfg != nil && !c.IsSet(keystoreFlag.Name) {
		dir = cfg.ResolvePath(cfg.Mining.GasKeystore)
	}
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("keystore %s: %w (create an account with `pars-miner gas-account new --keystore %s`)", dir, err, dir)
	}
	accts := openKeystore(c, dir).Accounts()
	w := c.App.Writer
	fmt.Fprintf(w, "keystore     %s\n", dir)
	if cfg == nil {
		if len(accts) == 0 {
			return fmt.Errorf("keystore %s holds no account (create one with `pars-miner gas-account new --keystore %s`)", dir, dir)
		}
		for _, a := range accts {
			fmt.Fprintf(w, "gas account  %s  %s\n", a.Address.Hex(), a.URL.Path)
		}
		return nil
	}
	gas := cfg.GasAccountAddress()
	var file string
	for _, a := range accts {
		if a.Address == gas {
			file = a.URL.Path
		}
	}
	fmt.Fprintf(w, "gas account  %s (mining.gas_account)\n", gas.Hex())
	if file == "" {
		return fmt.Errorf("keystore %s has no key for mining.gas_account %s (it holds %s)", dir, gas.Hex(), addressList(accts))
	}
	fmt.Fprintf(w, "key file     %s\n", file)
	ctx, cancel := context.WithTimeout(c.Context, 30*time.Second)
	defer cancel()
	node, err := miner.DialNode(ctx, cfg.Network.RPCEndpoint)
	if err != nil {
		return err
	}
	defer node.Close()
	bal, err := node.BalanceAt(ctx, gas, nil)
	if err != nil {
		return fmt.Errorf("read the balance of %s from %s: %w", gas.Hex(), cfg.Network.RPCEndpoint, err)
	}
	if c.Bool(weiFlag.Name) {
		fmt.Fprintf(w, "balance      %s wei of the native coin\n", bal)
	} else {
		fmt.Fprintf(w, "balance      %s native coin (18 decimals)\n", formatUnits(bal, 18))
	}
	if bal.Sign() == 0 {
		fmt.Fprintln(w, "The account is empty: fund it with the chain's native coin before mining (it pays gas and the bond).")
	}
	return nil
}

// addressList renders the accounts' addresses for an error message.
func addressList(accts []accounts.Account) string {
	if len(accts) == 0 {
		return "no account"
	}
	s := make([]string, len(accts))
	for i, a := range accts {
		s[i] = a.Address.Hex()
	}
	return strings.Join(s, ", ")
}

// keystoreAccounts returns the addresses of the keystore folder dir, or
// none when it does not exist.
func keystoreAccounts(dir string) []common.Address {
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	ks := keystore.NewKeyStore(filepath.Clean(dir), keystore.LightScryptN, keystore.LightScryptP)
	var out []common.Address
	for _, a := range ks.Accounts() {
		out = append(out, a.Address)
	}
	return out
}
