package miner_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
	"golang.org/x/term"
)

func TestWalletRoundTrip(t *testing.T) {
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		t.Run(s.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "wallet.json")
			w, sk, err := miner.NewWallet(s, testPassphrase, miner.LightScryptN, miner.LightScryptP, nil)
			require.NoError(t, err)
			require.NoError(t, miner.WriteWallet(path, w))

			info, err := os.Stat(path)
			require.NoError(t, err)
			require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

			// The clear part shows scheme, miner id and public key.
			rw, err := miner.ReadWallet(path)
			require.NoError(t, err)
			require.Equal(t, s.String(), rw.Scheme)
			id := sk.Public().ID()
			require.Equal(t, hexutil.Encode(id[:]), rw.MinerID)
			require.Equal(t, hexutil.Encode(sk.Public().Bytes()), rw.PublicKey)

			// The file never holds the seed in clear.
			raw, err := os.ReadFile(path)
			require.NoError(t, err)
			seed := sk.Seed()
			require.NotContains(t, string(raw), hexutil.Encode(seed[:])[2:])

			got, err := miner.LoadWallet(path, testPassphrase)
			require.NoError(t, err)
			require.Equal(t, sk.Seed(), got.Seed())
			require.Equal(t, s, got.Scheme())
			require.Equal(t, sk.Public().Bytes(), got.Public().Bytes())

			_, err = miner.LoadWallet(path, "wrong")
			require.ErrorIs(t, err, miner.ErrWrongPassphrase)
			require.ErrorContains(t, err, path)
		})
	}
}

func TestWalletErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wallet.json")
	writeWallet(t, path, testKey(t, proof.MLDSA44), testPassphrase)

	// Never overwritten.
	w, _, err := miner.NewWallet(proof.MLDSA44, "other", miner.LightScryptN, miner.LightScryptP, nil)
	require.NoError(t, err)
	require.ErrorContains(t, miner.WriteWallet(path, w), "already exists")

	// Missing file.
	_, err = miner.LoadWallet(filepath.Join(dir, "none.json"), testPassphrase)
	require.ErrorContains(t, err, "does not exist")

	// Empty passphrase refused.
	_, _, err = miner.NewWallet(proof.MLDSA44, "", miner.LightScryptN, miner.LightScryptP, nil)
	require.Error(t, err)

	edit := func(name string, f func(m map[string]any)) string {
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(raw, &m))
		f(m)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, out, 0o600))
		return p
	}
	tests := []struct {
		name    string
		path    string
		wantErr string
	}{
		{"format", edit("f.json", func(m map[string]any) { m["format"] = "other" }), `format "other"`},
		{"version", edit("v.json", func(m map[string]any) { m["version"] = 2 }), "version 2 is not supported"},
		{"scheme", edit("s.json", func(m map[string]any) { m["scheme"] = "ML-DSA-99" }), "unknown ML-DSA parameter set"},
		{"public key edited", edit("p.json", func(m map[string]any) {
			m["public_key"] = hexutil.Encode(testKey(t, proof.MLDSA65).Public().Bytes())
		}), "does not match"},
		{"scheme edited", edit("se.json", func(m map[string]any) { m["scheme"] = "ML-DSA-87" }), "does not match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := miner.LoadWallet(tt.path, testPassphrase)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{"), 0o600))
	_, err = miner.LoadWallet(bad, testPassphrase)
	require.ErrorContains(t, err, "not valid JSON")
}

func TestParseScheme(t *testing.T) {
	tests := []struct {
		in   string
		want proof.Scheme
	}{
		{"44", proof.MLDSA44}, {"65", proof.MLDSA65}, {"87", proof.MLDSA87},
		{"ML-DSA-65", proof.MLDSA65}, {"ml-dsa-87", proof.MLDSA87}, {" 44 ", proof.MLDSA44},
		{"", 0}, {"66", 0}, {"ML-DSA", 0},
	}
	for _, tt := range tests {
		got, err := miner.ParseScheme(tt.in)
		if tt.want == 0 {
			require.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		require.Equal(t, tt.want, got)
	}
}

func TestReadPassphrase(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	t.Setenv("PARS_TEST_PASS", "from env")
	t.Setenv("PARS_TEST_EMPTY", "")
	tests := []struct {
		name    string
		src     miner.PassphraseSource
		want    string
		wantErr string
	}{
		{"file", miner.PassphraseSource{File: write("a", "secret\n")}, "secret", ""},
		{"file crlf", miner.PassphraseSource{File: write("b", "secret\r\nsecond line\n")}, "secret", ""},
		{"file without newline", miner.PassphraseSource{File: write("c", "  spaced  ")}, "  spaced  ", ""},
		{"file wins over env", miner.PassphraseSource{File: write("d", "file"), Env: "PARS_TEST_PASS"}, "file", ""},
		{"env", miner.PassphraseSource{Env: "PARS_TEST_PASS"}, "from env", ""},
		{"empty file", miner.PassphraseSource{File: write("e", "\n")}, "", "is empty"},
		{"missing file", miner.PassphraseSource{File: filepath.Join(dir, "none")}, "", "does not exist"},
		{"unset env", miner.PassphraseSource{Env: "PARS_TEST_UNSET_VARIABLE"}, "", "PARS_TEST_UNSET_VARIABLE (the passphrase) is not set"},
		{"empty env", miner.PassphraseSource{Env: "PARS_TEST_EMPTY"}, "", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := miner.ReadPassphrase(tt.src, "")
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		_, err := miner.ReadPassphrase(miner.PassphraseSource{}, "")
		require.ErrorIs(t, err, miner.ErrNoPassphrase)
	}
}

func TestLoadGasKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keystore")
	key := testGasKey(t)
	addr := writeGasKeystore(t, dir, key, testGasPass)
	// Unrelated files are skipped.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README"), []byte("not a key"), 0o600))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o700))

	got, err := miner.LoadGasKey(dir, addr, testGasPass)
	require.NoError(t, err)
	require.Equal(t, crypto.FromECDSA(key), crypto.FromECDSA(got))

	_, err = miner.LoadGasKey(dir, addr, "wrong")
	require.ErrorIs(t, err, miner.ErrWrongPassphrase)
	require.ErrorContains(t, err, addr.Hex())

	other := common.HexToAddress("0x00000000000000000000000000000000000000bb")
	_, err = miner.LoadGasKey(dir, other, testGasPass)
	require.ErrorContains(t, err, "has no key file for account "+other.Hex())

	_, err = miner.LoadGasKey(filepath.Join(t.TempDir(), "none"), addr, testGasPass)
	require.ErrorContains(t, err, "does not exist")

	// Two files for one account are ambiguous.
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "UTC--") {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "copy-"+e.Name()), bytes.Clone(data), 0o600))
		}
	}
	_, err = miner.LoadGasKey(dir, addr, testGasPass)
	require.ErrorContains(t, err, "2 key files")
}
