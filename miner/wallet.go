package miner

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/proof"
)

// Wallet file format identifiers.
const (
	WalletFormat  = "pars-miner-wallet"
	WalletVersion = 1
)

// Key-derivation strengths for new wallets (go-ethereum's keystore values).
const (
	StandardScryptN = keystore.StandardScryptN // 2^18: about 1 s and 256 MiB
	StandardScryptP = keystore.StandardScryptP
	LightScryptN    = keystore.LightScryptN // 2^12: for tests and weak machines
	LightScryptP    = keystore.LightScryptP
)

// ErrWrongPassphrase: the passphrase does not decrypt the key.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// WalletFile is the JSON wallet that holds the miner's ML-DSA key. Only the
// 32-byte seed is secret; it is encrypted with go-ethereum's keystore v3
// scheme (scrypt, AES-128-CTR, Keccak-256 MAC). The scheme, public key and
// miner id are stored in clear for display and are checked against the
// decrypted seed on load.
type WalletFile struct {
	Format    string              `json:"format"`
	Version   int                 `json:"version"`
	Scheme    string              `json:"scheme"`     // "ML-DSA-44", "ML-DSA-65" or "ML-DSA-87"
	MinerID   string              `json:"miner_id"`   // 0x-hex proof.MinerID of the public key
	PublicKey string              `json:"public_key"` // 0x-hex encoded ML-DSA public key
	Crypto    keystore.CryptoJSON `json:"crypto"`     // the encrypted seed
}

// ParseScheme parses "44", "65", "87" or "ML-DSA-65" style names.
func ParseScheme(s string) (proof.Scheme, error) {
	t := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "ML-DSA-")
	switch t {
	case "44":
		return proof.MLDSA44, nil
	case "65":
		return proof.MLDSA65, nil
	case "87":
		return proof.MLDSA87, nil
	}
	return 0, fmt.Errorf("unknown ML-DSA parameter set %q (want 44, 65 or 87)", s)
}

// NewWallet generates a key of scheme s from rand (crypto/rand when nil)
// and encrypts it under passphrase.
func NewWallet(s proof.Scheme, passphrase string, scryptN, scryptP int, rand io.Reader) (*WalletFile, *proof.PrivateKey, error) {
	if passphrase == "" {
		return nil, nil, errors.New("refusing an empty passphrase")
	}
	sk, err := proof.GenerateKey(s, rand)
	if err != nil {
		return nil, nil, err
	}
	w, err := EncryptWallet(sk, passphrase, scryptN, scryptP)
	if err != nil {
		return nil, nil, err
	}
	return w, sk, nil
}

// EncryptWallet seals sk's seed under passphrase.
func EncryptWallet(sk *proof.PrivateKey, passphrase string, scryptN, scryptP int) (*WalletFile, error) {
	seed := sk.Seed()
	cj, err := keystore.EncryptDataV3(seed[:], []byte(passphrase), scryptN, scryptP)
	if err != nil {
		return nil, fmt.Errorf("encrypt wallet: %w", err)
	}
	pub := sk.Public()
	id := pub.ID()
	return &WalletFile{
		Format:    WalletFormat,
		Version:   WalletVersion,
		Scheme:    sk.Scheme().String(),
		MinerID:   hexutil.Encode(id[:]),
		PublicKey: hexutil.Encode(pub.Bytes()),
		Crypto:    cj,
	}, nil
}

// WriteWallet writes w to path with mode 0600. It never overwrites an
// existing file.
func WriteWallet(path string, w *WalletFile) error {
	data, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("wallet %s already exists; refusing to overwrite it", path)
		}
		return fmt.Errorf("create wallet: %w", err)
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("write wallet: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("write wallet: %w", err)
	}
	return nil
}

// ReadWallet reads and checks the clear parts of a wallet file without
// decrypting it.
func ReadWallet(path string) (*WalletFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("wallet file %s does not exist (create one with `pars-miner keygen --out %s`)", path, path)
		}
		return nil, fmt.Errorf("read wallet: %w", err)
	}
	var w WalletFile
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("wallet %s is not valid JSON: %w", path, err)
	}
	if w.Format != WalletFormat {
		return nil, fmt.Errorf("wallet %s: format %q, want %q", path, w.Format, WalletFormat)
	}
	if w.Version != WalletVersion {
		return nil, fmt.Errorf("wallet %s: version %d is not supported (want %d)", path, w.Version, WalletVersion)
	}
	if _, err := ParseScheme(w.Scheme); err != nil {
		return nil, fmt.Errorf("wallet %s: %w", path, err)
	}
	return &w, nil
}

// Decrypt recovers the private key with passphrase and checks it against
// the wallet's public key and miner id.
func (w *WalletFile) Decrypt(passphrase string) (*proof.PrivateKey, error) {
	s, err := ParseScheme(w.Scheme)
	if err != nil {
		return nil, err
	}
	seed, err := keystore.DecryptDataV3(w.Crypto, passphrase)
	if err != nil {
		if errors.Is(err, keystore.ErrDecrypt) {
			return nil, ErrWrongPassphrase
		}
		return nil, fmt.Errorf("decrypt wallet: %w", err)
	}
	if len(seed) != proof.SeedSize {
		return nil, fmt.Errorf("decrypted seed is %d bytes, want %d", len(seed), proof.SeedSize)
	}
	sk, err := proof.NewKeyFromSeed(s, [proof.SeedSize]byte(seed))
	if err != nil {
		return nil, err
	}
	pub := sk.Public()
	id := pub.ID()
	if !strings.EqualFold(hexutil.Encode(pub.Bytes()), w.PublicKey) || !strings.EqualFold(hexutil.Encode(id[:]), w.MinerID) {
		return nil, errors.New("the decrypted key does not match the public key or miner id stored in the wallet (was the file edited?)")
	}
	return sk, nil
}

// LoadWallet reads the wallet at path and decrypts it with passphrase.
func LoadWallet(path, passphrase string) (*proof.PrivateKey, error) {
	w, err := ReadWallet(path)
	if err != nil {
		return nil, err
	}
	sk, err := w.Decrypt(passphrase)
	if err != nil {
		return nil, fmt.Errorf("wallet %s: %w", path, err)
	}
	return sk, nil
}
