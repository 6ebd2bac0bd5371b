package miner_test

import (
	"bytes"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

const (
	testChainID    = 6133
	testPassphrase = "correct horse battery staple"
	testGasPass    = "gas passphrase"
)

var (
	testBeneficiary = common.HexToAddress("0x8ba1f109551bD432803012645Ac136ddd64DBA72")
	testGovernance  = common.HexToAddress("0x00000000000000000000000000000000000000aa")
)

// testKey returns a deterministic ML-DSA key.
func testKey(t testing.TB, s proof.Scheme) *proof.PrivateKey {
	t.Helper()
	var seed [proof.SeedSize]byte
	copy(seed[:], fmt.Sprintf("miner test key %d", s))
	sk, err := proof.NewKeyFromSeed(s, seed)
	require.NoError(t, err)
	return sk
}

// testGasKey returns a deterministic secp256k1 key.
func testGasKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.ToECDSA(bytes.Repeat([]byte{0x42}, 32))
	require.NoError(t, err)
	return k
}

// writeGasKeystore writes key into a go-ethereum keystore folder.
func writeGasKeystore(t testing.TB, dir string, key *ecdsa.PrivateKey, pass string) common.Address {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o700))
	addr := crypto.PubkeyToAddress(key.PublicKey)
	k := &keystore.Key{Id: uuid.New(), Address: addr, PrivateKey: key}
	data, err := keystore.EncryptKey(k, pass, keystore.LightScryptN, keystore.LightScryptP)
	require.NoError(t, err)
	name := fmt.Sprintf("UTC--2026-01-01T00-00-00.000000000Z--%x", addr[:])
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	return addr
}

// writeWallet writes an encrypted wallet for sk.
func writeWallet(t testing.TB, path string, sk *proof.PrivateKey, pass string) {
	t.Helper()
	w, err := miner.EncryptWallet(sk, pass, miner.LightScryptN, miner.LightScryptP)
	require.NoError(t, err)
	require.NoError(t, miner.WriteWallet(path, w))
}

// setup is a miner home folder (config, wallet, keystore) next to a running
// minertest node.
type setup struct {
	dir     string
	cfgPath string
	node    *minertest.Node
	url     string
	key     *proof.PrivateKey
	gasKey  *ecdsa.PrivateKey
	gasAddr common.Address
}

// newSetup starts a node whose genesis lies genesisAge in the past and
// writes a configuration for it; extra is appended to [mining].
func newSetup(t *testing.T, genesisAge time.Duration, extraMining string, popts ...precompile.Option) *setup {
	t.Helper()
	return newSetupWith(t, precompile.DefaultParams(testGovernance), genesisAge, extraMining, popts...)
}

// shortWindow returns the default parameters with the shortest windows
// (a challenge window of two blocks) and no audit sampling, so that the
// miner finalizes during short tests.
func shortWindow() precompile.Params {
	p := precompile.DefaultParams(testGovernance)
	p.ShortWindows()
	p.AuditProbabilityBps = 0
	return p
}

// newSetupWith is newSetup on a chain with parameters p.
func newSetupWith(t *testing.T, p precompile.Params, genesisAge time.Duration, extraMining string, popts ...precompile.Option) *setup {
	t.Helper()
	node, err := minertest.New(testChainID, p, uint64(time.Now().Add(-genesisAge).Unix()), popts...)
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	t.Cleanup(stop)
	s := &setup{dir: t.TempDir(), node: node, url: url, key: testKey(t, proof.MLDSA65), gasKey: testGasKey(t)}
	// Bonded, as the chain requires before the miner id's work earns.
	require.NoError(t, node.Bond([32]byte(s.key.Public().ID()), precompile.DefaultMinBond.ToBig()))
	writeWallet(t, filepath.Join(s.dir, "wallet.json"), s.key, testPassphrase)
	s.gasAddr = writeGasKeystore(t, filepath.Join(s.dir, "keystore"), s.gasKey, testGasPass)
	require.NoError(t, os.WriteFile(filepath.Join(s.dir, "pass.txt"), []byte(testPassphrase+"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(s.dir, "gaspass.txt"), []byte(testGasPass+"\n"), 0o600))
	s.cfgPath = filepath.Join(s.dir, "config.toml")
	require.NoError(t, os.WriteFile(s.cfgPath, []byte(s.config(extraMining)), 0o600))
	return s
}

func (s *setup) config(extraMining string) string {
	return fmt.Sprintf(`
[network]
chain_id = %d
rpc_endpoint = %q

[mining]
wallet_path = "wallet.json"
models = ["pars-tiny-rnn-v1"]
beneficiary = %q
gas_keystore = "keystore"
gas_account = %q
passphrase_file = "pass.txt"
gas_passphrase_file = "gaspass.txt"
job_interval = "20ms"
%s

[backend]
kind = "builtin"
max_tokens = 16

[metrics]
listen = ""
`, testChainID, s.url, testBeneficiary.Hex(), s.gasAddr.Hex(), extraMining)
}

// fastBackoff retries quickly.
func fastBackoff() *miner.Backoff {
	return &miner.Backoff{Initial: time.Millisecond, Max: 4 * time.Millisecond, Attempts: 5}
}

// open loads the setup's configuration and opens a miner on it.
func (s *setup) open(t *testing.T, opts miner.Options) *miner.Miner {
	t.Helper()
	cfg, err := miner.LoadConfig(s.cfgPath)
	require.NoError(t, err)
	if opts.PollInterval == 0 {
		opts.PollInterval = 2 * time.Millisecond
	}
	if opts.Backoff == nil {
		opts.Backoff = fastBackoff()
	}
	m, err := miner.Open(t.Context(), cfg, opts)
	require.NoError(t, err)
	t.Cleanup(m.Close)
	return m
}

func bigInt(v int64) *big.Int { return big.NewInt(v) }
