package devnode

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/proof"
)

// MinerHome says what WriteMinerConfig puts into a pars-miner home folder.
type MinerHome struct {
	Dir         string            // the folder (created if missing)
	Miner       string            // the pars-miner binary, for `keygen`
	Scheme      string            // keygen --scheme ("" for the miner's default)
	Passphrase  string            // of the wallet and the gas keystore
	GasKey      *ecdsa.PrivateKey // imported into Dir/keystore; pays the gas
	ChainID     uint64            // [network] chain_id
	RPC         string            // [network] rpc_endpoint
	Beneficiary common.Address    // [mining] beneficiary (zero: the gas account)
	JobInterval time.Duration     // [mining] job_interval (0: left out)
	MaxTokens   int               // [backend] max_tokens (0: left out)
	// Backend replaces the [backend] section's body (kind = "builtin"
	// and max_tokens) when set; Models then lists mining.models (default:
	// the built-in model).
	Backend  string
	Models   []string
	Sections string // more TOML sections, placed before [metrics]
	Metrics  string // [metrics] listen ("": no metrics server)
}

// WriteMinerConfig prepares a pars-miner home: Dir/passphrase.txt, a fresh
// ML-DSA wallet in Dir/wallet.json (`pars-miner keygen --light-kdf`), the
// gas key in the keystore Dir/keystore, and Dir/config.toml for the built-in
// model. It returns the config's path and the gas account.
func WriteMinerConfig(ctx context.Context, h MinerHome) (string, common.Address, error) {
	if err := os.MkdirAll(h.Dir, 0o700); err != nil {
		return "", common.Address{}, err
	}
	passFile := filepath.Join(h.Dir, "passphrase.txt")
	if err := os.WriteFile(passFile, []byte(h.Passphrase+"\n"), 0o600); err != nil {
		return "", common.Address{}, err
	}
	args := []string{"keygen", "--out", filepath.Join(h.Dir, "wallet.json")}
	if h.Scheme != "" {
		args = append(args, "--scheme", h.Scheme)
	}
	args = append(args, "--passphrase-file", passFile, "--light-kdf")
	if out, err := exec.CommandContext(ctx, h.Miner, args...).CombinedOutput(); err != nil {
		return "", common.Address{}, fmt.Errorf("pars-miner keygen: %v\n%s", err, out)
	}
	ks := keystore.NewKeyStore(filepath.Join(h.Dir, "keystore"), keystore.LightScryptN, keystore.LightScryptP)
	acct, err := ks.ImportECDSA(h.GasKey, h.Passphrase)
	if err != nil {
		return "", common.Address{}, fmt.Errorf("import gas key: %w", err)
	}
	beneficiary := h.Beneficiary
	if beneficiary == (common.Address{}) {
		beneficiary = acct.Address
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[network]\nchain_id = %d\nrpc_endpoint = %q\n\n", h.ChainID, h.RPC)
	models := `["pars-tiny-rnn-v1"]`
	if len(h.Models) > 0 {
		mb, _ := json.Marshal(h.Models)
		models = string(mb)
	}
	fmt.Fprintf(&b, "[mining]\nwallet_path = \"wallet.json\"\nmodels = %s\nbeneficiary = %q\n", models, beneficiary.Hex())
	fmt.Fprintf(&b, "gas_keystore = \"keystore\"\ngas_account = %q\npassphrase_file = \"passphrase.txt\"\n", acct.Address.Hex())
	if h.JobInterval != 0 {
		fmt.Fprintf(&b, "job_interval = %q\n", h.JobInterval.String())
	}
	// Work earns only bonded: the miner bonds the chain's minimum from the
	// gas account when it starts (a genesis bond makes that a no-op).
	b.WriteString("confirmations = 1\nauto_bond = true\n")
	// One proof per transaction, so the devnet logs each acceptance as it
	// happens; a miner's own configuration batches by default.
	b.WriteString("batch_max_items = 1\n\n[backend]\n")
	if h.Backend != "" {
		b.WriteString(strings.TrimRight(h.Backend, "\n") + "\n")
	} else {
		b.WriteString("kind = \"builtin\"\n")
		if h.MaxTokens != 0 {
			fmt.Fprintf(&b, "max_tokens = %d\n", h.MaxTokens)
		}
	}
	b.WriteString("\n")
	if h.Sections != "" {
		b.WriteString(strings.TrimRight(h.Sections, "\n") + "\n\n")
	}
	fmt.Fprintf(&b, "[metrics]\nlisten = %q\n", h.Metrics)
	cfgPath := filepath.Join(h.Dir, "config.toml")
	if err := os.WriteFile(cfgPath, []byte(b.String()), 0o600); err != nil {
		return "", common.Address{}, err
	}
	return cfgPath, acct.Address, nil
}

// MinerID returns the miner id of the wallet WriteMinerConfig made in dir
// (its "miner_id" field; the wallet format is pars-miner's).
func MinerID(dir string) (proof.Hash, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "wallet.json"))
	if err != nil {
		return proof.Hash{}, err
	}
	var w struct {
		MinerID string `json:"miner_id"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return proof.Hash{}, fmt.Errorf("wallet: %w", err)
	}
	b, err := hexutil.Decode(w.MinerID)
	if err != nil || len(b) != 32 {
		return proof.Hash{}, fmt.Errorf("wallet miner id %q: not 32 bytes of hex", w.MinerID)
	}
	return proof.Hash(b), nil
}

// SetMinerRPC points the configuration at cfgPath to another node's
// JSON-RPC endpoint (for a home written before its node started).
func SetMinerRPC(cfgPath, url string) error {
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		return err
	}
	lines := strings.Split(string(b), "\n")
	found := false
	for i, l := range lines {
		if strings.HasPrefix(l, "rpc_endpoint = ") {
			lines[i] = fmt.Sprintf("rpc_endpoint = %q", url)
			found = true
		}
	}
	if !found {
		return fmt.Errorf("%s has no rpc_endpoint line", cfgPath)
	}
	return os.WriteFile(cfgPath, []byte(strings.Join(lines, "\n")), 0o600)
}
