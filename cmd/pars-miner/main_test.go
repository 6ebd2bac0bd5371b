package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

// runCLI runs the command line and returns exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runCLIWithInput(t, "", args...)
}

// runCLIWithInput runs the command line with stdin as standard input.
func runCLIWithInput(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), append([]string{"pars-miner"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExampleConfigParses(t *testing.T) {
	cfg, err := miner.LoadConfig("config.example.toml")
	require.NoError(t, err)
	require.Equal(t, uint64(6133), cfg.Network.ChainID)
	require.Equal(t, miner.BackendBuiltin, cfg.Backend.Kind)
	require.Equal(t, "127.0.0.1:9477", cfg.Metrics.Listen)
}

func TestKeygen(t *testing.T) {
	dir := t.TempDir()
	pass := filepath.Join(dir, "pass")
	require.NoError(t, os.WriteFile(pass, []byte("hunter2\n"), 0o600))
	for _, scheme := range []string{"44", "65", "87"} {
		out := filepath.Join(dir, "wallet"+scheme+".json")
		code, stdout, stderr := runCLI(t, "keygen", "--out", out, "--scheme", scheme, "--passphrase-file", pass, "--light-kdf")
		require.Equal(t, 0, code, stderr)
		require.Contains(t, stdout, "ML-DSA-"+scheme)
		require.Contains(t, stdout, "miner id   0x")
		key, err := miner.LoadWallet(out, "hunter2")
		require.NoError(t, err)
		require.Equal(t, "ML-DSA-"+scheme, key.Scheme().String())
		w, err := miner.ReadWallet(out)
		require.NoError(t, err)
		require.Contains(t, stdout, w.MinerID)
	}
	// The default scheme is ML-DSA-65, and the passphrase can come from
	// the environment.
	t.Setenv("PARS_KEYGEN_PASS", "from-env")
	out := filepath.Join(dir, "default.json")
	code, stdout, stderr := runCLI(t, "keygen", "--out", out, "--passphrase-env", "PARS_KEYGEN_PASS", "--light-kdf")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "ML-DSA-65")
	_, err := miner.LoadWallet(out, "from-env")
	require.NoError(t, err)

	code, _, stderr = runCLI(t, "keygen", "--out", out, "--passphrase-file", pass, "--light-kdf")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "already exists")
	code, _, stderr = runCLI(t, "keygen", "--out", filepath.Join(dir, "x.json"), "--scheme", "50", "--passphrase-file", pass)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "unknown ML-DSA parameter set")
	code, _, stderr = runCLI(t, "keygen", "--scheme", "44")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, `"out" not set`)
}

func TestCommandErrors(t *testing.T) {
	code, _, stderr := runCLI(t)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "missing --config")

	code, _, stderr = runCLI(t, "--config", filepath.Join(t.TempDir(), "none.toml"))
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "does not exist")

	code, _, stderr = runCLI(t, "mine")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, `unknown command "mine"`)

	cfg := strings.Replace(strings.Replace(exampleConfig(t), "# gateway = ", "gateway = ", 1), "zap://127.0.0.1:9651", "https://zap.pars.network", 1)
	path := filepath.Join(t.TempDir(), "c.toml")
	require.NoError(t, os.WriteFile(path, []byte(cfg), 0o600))
	code, _, stderr = runCLI(t, "--config", path)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "must be a zap://host:port address", "the example's gateway line needs a ZAP address")

	code, _, stderr = runCLI(t, "--config", "config.example.toml", "--log-level", "loud")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "--log-level")
}

func exampleConfig(t *testing.T) string {
	data, err := os.ReadFile("config.example.toml")
	require.NoError(t, err)
	return string(data)
}

// TestMineAndStatus runs `pars-miner --config … --max-jobs 2` and then
// `pars-miner status` against an in-memory node over HTTP.
func TestMineAndStatus(t *testing.T) {
	// A two-block challenge window and no audit sampling: the miner
	// finalizes its first proofs while it mines.
	p := precompile.DefaultParams(common.HexToAddress("0xaa"))
	p.ShortWindows()
	p.AuditProbabilityBps = 0
	node, err := minertest.New(6133, p, uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	defer stop()

	dir := t.TempDir()
	write := func(name, content string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600))
	}
	write("passphrase.txt", "wallet-pass\n")
	code, _, stderr := runCLI(t, "keygen", "--out", filepath.Join(dir, "wallet.json"), "--scheme", "44", "--passphrase-file", filepath.Join(dir, "passphrase.txt"), "--light-kdf")
	require.Equal(t, 0, code, stderr)
	gasKey, err := crypto.ToECDSA(bytes.Repeat([]byte{7}, 32))
	require.NoError(t, err)
	gasAddr := writeKeystore(t, filepath.Join(dir, "keystore"), gasKey, "wallet-pass")

	cfg := exampleConfig(t)
	for old, new := range map[string]string{
		`"http://127.0.0.1:8545"`:                    fmt.Sprintf("%q", url),
		"0x71C7656EC7ab88b098defB751B7401B5f6d8976F": gasAddr.Hex(),
		`job_interval = "10s"`:                       `job_interval = "10ms"`,
		`listen = "127.0.0.1:9477"`:                  `listen = "127.0.0.1:0"`,
		"max_tokens = 64":                            "max_tokens = 8",
		"auto_bond = false":                          "auto_bond = true",
		"batch_max_items = 64":                       "batch_max_items = 1", // one proof per transaction
	} {
		require.Contains(t, cfg, old)
		cfg = strings.Replace(cfg, old, new, 1)
	}
	write("config.toml", cfg)
	cfgPath := filepath.Join(dir, "config.toml")

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var stdout, stderrBuf bytes.Buffer
	code = run(ctx, []string{"pars-miner", "--config", cfgPath, "--max-jobs", "3", "--log-format", "json"}, strings.NewReader(""), &stdout, &stderrBuf)
	require.Equal(t, 0, code, stderrBuf.String())
	logs := stderrBuf.String()
	require.Equal(t, 3, strings.Count(logs, `"msg":"proof accepted"`), logs)
	require.Contains(t, logs, `"msg":"miner id bonded"`)
	// 1 compute unit × 1e15 wei × trust 0.6, pending at first; the balance
	// after the third acceptance still lacks all three (the first is
	// finalized in the transaction after it, two blocks after its own).
	require.Contains(t, logs, `"reward_wei":"600000000000000","balance_wei":"0"`)
	require.Contains(t, logs, `"msg":"rewards finalized","proofs":1,"credited_wei":"600000000000000","still_pending":2`)
	require.Contains(t, logs, `"msg":"mining stopped","accepted":3,"refused":0,"failed":0,"compute_units":3,"reward_wei":"1800000000000000","finalized_wei":"600000000000000","pending":2`)
	require.Contains(t, logs, `"msg":"serving metrics"`)
	// Where things are and how to follow the miner.
	require.Contains(t, logs, `"msg":"miner started","config":"`+cfgPath+`","wallet":"`+filepath.Join(dir, "wallet.json")+`","gas_keystore":"`+filepath.Join(dir, "keystore")+`","logs":"standard error","metrics":"http://127.0.0.1:`)
	require.Contains(t, logs, `"next":"pars-miner status --config `+cfgPath+`"`)
	require.Equal(t, 5, node.SentTransactions(), "the bond, three proofs and one finalization")

	code, out, stderr := runCLI(t, "status", "--config", cfgPath, "--last", "5")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "beneficiary     0x8ba1f109551bD432803012645Ac136ddd64DBA72")
	require.Contains(t, out, "mining balance  0.0006 AI\n")
	require.Contains(t, out, "last 3 accepted proofs")
	require.Contains(t, out, "REWARD (AI)")
	require.Equal(t, 4, strings.Count(out, "0.0006"), out) // the balance and three rows
	code, out, stderr = runCLI(t, "status", "--config", cfgPath, "--wei")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "mining balance  600000000000000 wei\n")
	require.Contains(t, out, "REWARD (wei)")
	require.Equal(t, 4, strings.Count(out, "600000000000000"), out)

	// `pars-miner finalize` credits the rest once the window has passed.
	node.MineEmpty()
	code, out, stderr = runCLI(t, "finalize", "--config", cfgPath)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "pending    2 proofs found\ncredited   0.0012 AI\nwaiting    0 proofs")
	// `pars-miner bond` tops up what the bond lacks: nothing.
	code, out, stderr = runCLI(t, "bond", "--config", cfgPath)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "sent       0 wei\nbonded     100000000000000000000 wei (100)")
	code, out, stderr = runCLI(t, "bond", "--config", cfgPath, "--amount", "5")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "sent       5 wei\nbonded     100000000000000000005 wei")

	other := common.HexToAddress("0x00000000000000000000000000000000000000b0")
	for _, tt := range []struct {
		name string
		args []string
		code int
		want []string // in stdout (code 0) or stderr
	}{
		{"config", []string{"--config", cfgPath}, 0, []string{"chain           6133", "address         0x8ba1f109551bD432803012645Ac136ddd64DBA72", "mining balance  0.0018 AI\n"}},
		{"config, in wei", []string{"--config", cfgPath, "--wei"}, 0, []string{"mining balance  1800000000000000 wei\n"}},
		{"rpc and address", []string{"--rpc", url, "--address", "0x8ba1f109551bd432803012645ac136ddd64dba72"}, 0, []string{"chain           6133", "mining balance  0.0018 AI\n"}},
		{"rpc, address and chain", []string{"--rpc", url, "--address", other.Hex(), "--chain-id", "6133"}, 0, []string{"address         " + other.Hex(), "mining balance  0 AI\n"}},
		{"config, other address", []string{"--config", cfgPath, "--address", other.Hex(), "--wei"}, 0, []string{"mining balance  0 wei\n"}},
		{"wrong chain", []string{"--rpc", url, "--address", other.Hex(), "--chain-id", "1"}, 1, []string{"is on chain 6133, not chain 1 (--chain-id)"}},
		{"no node", []string{"--address", other.Hex()}, 1, []string{"missing --rpc (or --config)"}},
		{"no address", []string{"--rpc", url}, 1, []string{"missing --address (or --config)"}},
		{"bad address", []string{"--rpc", url, "--address", "0x1234"}, 1, []string{"--address: \"0x1234\" is not an address"}},
		{"bad checksum", []string{"--rpc", url, "--address", "0x8Ba1f109551bD432803012645Ac136ddd64DBA72"}, 1, []string{"wrong EIP-55 checksum"}},
		{"argument", []string{"--config", cfgPath, "extra"}, 1, []string{`unexpected argument "extra"`}},
	} {
		t.Run("balance "+tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, append([]string{"balance"}, tt.args...)...)
			require.Equal(t, tt.code, code, stderr)
			if code != 0 {
				out = stderr
			}
			for _, w := range tt.want {
				require.Contains(t, out, w)
			}
		})
	}
}

func writeKeystore(t *testing.T, dir string, key *ecdsa.PrivateKey, pass string) common.Address {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o700))
	addr := crypto.PubkeyToAddress(key.PublicKey)
	data, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: addr, PrivateKey: key}, pass, keystore.LightScryptN, keystore.LightScryptP)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "key.json"), data, 0o600))
	return addr
}

func TestFormatUnits(t *testing.T) {
	for _, tt := range []struct {
		wei  int64
		want string
	}{{0, "0"}, {1, "0.000000000000000001"}, {1_200_000_000_000, "0.0000012"}, {1_000_000_000_000_000_000, "1"}, {1_500_000_000_000_000_000, "1.5"}} {
		require.Equal(t, tt.want, formatUnits(big.NewInt(tt.wei), 18))
	}
}
