package l1

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/crypto"
)

// MinerHome says what WriteMinerConfig puts into a pars-miner home folder
// (as `make devnet`'s miner home, built with pars-miner's own commands).
type MinerHome struct {
	Dir         string            // the folder (created if missing)
	Miner       string            // the pars-miner binary
	Passphrase  string            // of the wallet and the gas keystore
	GasKey      *ecdsa.PrivateKey // imported into Dir/keystore; pays the gas
	ChainID     uint64            // [network] chain_id
	RPC         string            // [network] rpc_endpoint
	JobInterval time.Duration     // [mining] job_interval (0: left out)
}

// WriteMinerConfig prepares a pars-miner home: Dir/passphrase.txt, a fresh
// ML-DSA wallet (`pars-miner keygen`), the gas key imported into
// Dir/keystore (`pars-miner gas-account import`), and Dir/config.toml for
// the built-in model, one proof per transaction, bonding on start. It
// returns the config's path and the gas account.
func WriteMinerConfig(ctx context.Context, h MinerHome) (string, common.Address, error) {
	if err := os.MkdirAll(h.Dir, 0o700); err != nil {
		return "", common.Address{}, err
	}
	pass := filepath.Join(h.Dir, "passphrase.txt")
	if err := os.WriteFile(pass, []byte(h.Passphrase+"\n"), 0o600); err != nil {
		return "", common.Address{}, err
	}
	keyFile := filepath.Join(h.Dir, "gas.key")
	if err := os.WriteFile(keyFile, []byte(fmt.Sprintf("%x\n", crypto.FromECDSA(h.GasKey))), 0o600); err != nil {
		return "", common.Address{}, err
	}
	defer os.Remove(keyFile)
	for _, args := range [][]string{
		{"keygen", "--out", filepath.Join(h.Dir, "wallet.json"), "--passphrase-file", pass, "--light-kdf"},
		{"gas-account", "import", "--key-file", keyFile, "--keystore", filepath.Join(h.Dir, "keystore"), "--passphrase-file", pass, "--light-kdf"},
	} {
		if out, err := exec.CommandContext(ctx, h.Miner, args...).CombinedOutput(); err != nil {
			return "", common.Address{}, fmt.Errorf("pars-miner %s: %v\n%s", args[0], err, out)
		}
	}
	acct := crypto.PubkeyToAddress(h.GasKey.PublicKey)
	var b strings.Builder
	fmt.Fprintf(&b, "[network]\nchain_id = %d\nrpc_endpoint = %q\n\n", h.ChainID, h.RPC)
	fmt.Fprintf(&b, "[mining]\nwallet_path = \"wallet.json\"\nmodels = [\"pars-tiny-rnn-v1\"]\nbeneficiary = %q\n", acct.Hex())
	fmt.Fprintf(&b, "gas_keystore = \"keystore\"\ngas_account = %q\npassphrase_file = \"passphrase.txt\"\n", acct.Hex())
	if h.JobInterval != 0 {
		fmt.Fprintf(&b, "job_interval = %q\n", h.JobInterval.String())
	}
	b.WriteString("confirmations = 1\nauto_bond = true\nbatch_max_items = 1\n\n[backend]\nkind = \"builtin\"\n\n[metrics]\nlisten = \"127.0.0.1:0\"\n")
	cfg := filepath.Join(h.Dir, "config.toml")
	if err := os.WriteFile(cfg, []byte(b.String()), 0o600); err != nil {
		return "", common.Address{}, err
	}
	return cfg, acct, nil
}
