// Package apikey keeps the client API keys of a gateway: a JSON file of
// hashed keys (written by `pars-gateway apikey add|revoke`), an HTTP guard
// that admits only requests bearing a live key and limits each key's
// request rate, and an append-only usage record per key.
//
// A key is "sk-pars-" followed by 32 random bytes in base64url. The file
// keeps only its SHA-256: a key has 256 bits of entropy, so a fast hash
// cannot be reversed by guessing, and lookups stay constant-time map reads.
// The secret is shown once, when it is made.
package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// SecretPrefix starts every key.
const SecretPrefix = "sk-pars-"

// fileVersion is the version of the key file format.
const fileVersion = 1

// Key is one client key as the file keeps it.
type Key struct {
	ID      string    `json:"id"`     // "key_" and 12 hex digits; names the key in logs and usage
	Name    string    `json:"name"`   // the owner's label
	SHA256  string    `json:"sha256"` // hex SHA-256 of the secret
	Hint    string    `json:"hint"`   // the secret's first 12 characters, to recognise it
	Created time.Time `json:"created"`
	// RatePerMinute bounds the key's requests per minute (a bucket of that
	// many refilled evenly over the minute); 0 means unlimited.
	RatePerMinute int        `json:"rate_per_minute"`
	Revoked       *time.Time `json:"revoked,omitempty"`
}

// File is the key file.
type File struct {
	Version int   `json:"version"`
	Keys    []Key `json:"keys"`
}

// Hash returns the hex SHA-256 of a secret, as the file keeps it.
func Hash(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// Load reads a key file; a file that does not exist is an empty one.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{Version: fileVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("api keys: %w", err)
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("api keys %s: %w", path, err)
	}
	if f.Version != fileVersion {
		return nil, fmt.Errorf("api keys %s: version %d, want %d", path, f.Version, fileVersion)
	}
	seen := map[string]bool{}
	for _, k := range f.Keys {
		if len(k.SHA256) != 64 || k.ID == "" {
			return nil, fmt.Errorf("api keys %s: key %q is malformed", path, k.ID)
		}
		if seen[k.ID] {
			return nil, fmt.Errorf("api keys %s: key id %s appears twice", path, k.ID)
		}
		seen[k.ID] = true
	}
	return &f, nil
}

// Save writes the file atomically (a temporary file renamed over it),
// readable by its owner only.
func (f *File) Save(path string) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("api keys: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Add makes a new key and returns its secret (shown once) and record.
func (f *File) Add(name string, ratePerMinute int, now time.Time, r io.Reader) (string, Key, error) {
	if ratePerMinute < 0 {
		return "", Key{}, errors.New("api keys: the rate limit must not be negative")
	}
	if r == nil {
		r = rand.Reader
	}
	var raw [32]byte
	var id [6]byte
	if _, err := io.ReadFull(r, raw[:]); err != nil {
		return "", Key{}, err
	}
	if _, err := io.ReadFull(r, id[:]); err != nil {
		return "", Key{}, err
	}
	secret := SecretPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	k := Key{ID: "key_" + hex.EncodeToString(id[:]), Name: name, SHA256: Hash(secret), Hint: secret[:12],
		Created: now.UTC().Truncate(time.Second), RatePerMinute: ratePerMinute}
	f.Keys = append(f.Keys, k)
	return secret, k, nil
}

// Revoke marks the key with this id revoked; a revoked key stays in the
// file (its usage stays attributable) but admits nothing.
func (f *File) Revoke(id string, now time.Time) (Key, error) {
	for i := range f.Keys {
		if f.Keys[i].ID == id {
			if f.Keys[i].Revoked != nil {
				return f.Keys[i], fmt.Errorf("api key %s is already revoked", id)
			}
			t := now.UTC().Truncate(time.Second)
			f.Keys[i].Revoked = &t
			return f.Keys[i], nil
		}
	}
	return Key{}, fmt.Errorf("no api key with id %q", id)
}

// bearer returns the token of an "Authorization: Bearer …" header.
func bearer(h string) string {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}
