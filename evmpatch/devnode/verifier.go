package devnode

import (
	"crypto/ecdsa"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
)

// VerifierHome says what WriteVerifierConfig puts into a pars-verifier
// home folder.
type VerifierHome struct {
	Dir          string            // the folder (created if missing)
	Passphrase   string            // of the keystore
	Key          *ecdsa.PrivateKey // imported into Dir/keystore; sends the watcher's transactions
	RPC          string            // [chain] rpc
	PollInterval time.Duration     // [audit] poll_interval (0: left out)
}

// WriteVerifierConfig prepares a pars-verifier home for `pars-verifier
// watch`: the key in the keystore Dir/keystore, Dir/passphrase.txt, and
// Dir/verifier.toml, which takes the audit parameters from the chain, trusts
// a seed one block after its last block, writes findings to
// Dir/findings.jsonl and acts with the key (opens, challenges and settles
// audits). It returns the config's path and the watcher's account.
func WriteVerifierConfig(h VerifierHome) (string, common.Address, error) {
	if err := os.MkdirAll(h.Dir, 0o700); err != nil {
		return "", common.Address{}, err
	}
	if err := os.WriteFile(filepath.Join(h.Dir, "passphrase.txt"), []byte(h.Passphrase+"\n"), 0o600); err != nil {
		return "", common.Address{}, err
	}
	ks := keystore.NewKeyStore(filepath.Join(h.Dir, "keystore"), keystore.LightScryptN, keystore.LightScryptP)
	acct, err := ks.ImportECDSA(h.Key, h.Passphrase)
	if err != nil {
		return "", common.Address{}, fmt.Errorf("import watcher key: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[chain]\nrpc = %q\n\n[audit]\nconfirmations = 1\n", h.RPC)
	if h.PollInterval != 0 {
		fmt.Fprintf(&b, "poll_interval = %q\n", h.PollInterval.String())
	}
	b.WriteString("\n[watch]\nfindings = \"findings.jsonl\"\n\n")
	fmt.Fprintf(&b, "[account]\nkeystore = \"keystore\"\naddress = %q\npassphrase_file = \"passphrase.txt\"\n", acct.Address.Hex())
	path := filepath.Join(h.Dir, "verifier.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return "", common.Address{}, err
	}
	return path, acct.Address, nil
}
