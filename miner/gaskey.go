package miner

import (
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
)

// LoadGasKey finds the go-ethereum keystore file of account in dir and
// decrypts it with passphrase. This account signs the submission
// transactions and pays their gas.
func LoadGasKey(dir string, account common.Address, passphrase string) (*ecdsa.PrivateKey, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("gas keystore folder %s does not exist", dir)
		}
		return nil, fmt.Errorf("read gas keystore: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var matches []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var head struct {
			Address string `json:"address"`
		}
		if json.Unmarshal(data, &head) != nil || head.Address == "" {
			continue
		}
		if common.HexToAddress(head.Address) == account {
			matches = append(matches, path)
		}
	}
	switch len(matches) {
	case 0:
		return nil, fmt.Errorf("gas keystore %s has no key file for account %s", dir, account.Hex())
	case 1:
	default:
		return nil, fmt.Errorf("gas keystore %s has %d key files for account %s (%s); keep one", dir, len(matches), account.Hex(), strings.Join(matches, ", "))
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		return nil, fmt.Errorf("read gas key: %w", err)
	}
	key, err := keystore.DecryptKey(data, passphrase)
	if err != nil {
		if errors.Is(err, keystore.ErrDecrypt) {
			return nil, fmt.Errorf("gas account %s: %w", account.Hex(), ErrWrongPassphrase)
		}
		return nil, fmt.Errorf("gas account %s: decrypt %s: %w", account.Hex(), matches[0], err)
	}
	if key.Address != account {
		return nil, fmt.Errorf("gas key file %s holds the key of %s, not %s", matches[0], key.Address.Hex(), account.Hex())
	}
	return key.PrivateKey, nil
}
