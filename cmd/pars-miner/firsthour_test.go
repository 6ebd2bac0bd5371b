package main

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

var gasAccountLine = regexp.MustCompile(`gas account  (0x[0-9a-fA-F]{40})`)

func TestGasAccount(t *testing.T) {
	dir := t.TempDir()
	pass := filepath.Join(dir, "pass")
	require.NoError(t, os.WriteFile(pass, []byte("gas-pass\n"), 0o600))
	ks := filepath.Join(dir, "keystore")

	// new: a keystore file that go-ethereum's keystore decrypts.
	code, out, stderr := runCLI(t, "gas-account", "new", "--keystore", ks, "--passphrase-file", pass, "--light-kdf")
	require.Equal(t, 0, code, stderr)
	m := gasAccountLine.FindStringSubmatch(out)
	require.NotNil(t, m, out)
	addr := common.HexToAddress(m[1])
	files, err := filepath.Glob(filepath.Join(ks, "UTC--*"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	require.Contains(t, out, "key file     "+files[0])
	require.Contains(t, out, "next: pars-miner init --rpc http://127.0.0.1:8545 --out "+filepath.Join(dir, "config.toml")+" --gas-account "+addr.Hex())
	key, err := miner.LoadGasKey(ks, addr, "gas-pass")
	require.NoError(t, err, "the miner loads the new account")
	require.Equal(t, addr, crypto.PubkeyToAddress(key.PublicKey))

	// import: a known key, from a file or standard input, 0x optional.
	known, err := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	require.NoError(t, err)
	knownAddr := crypto.PubkeyToAddress(known.PublicKey)
	keyFile := filepath.Join(dir, "key.hex")
	require.NoError(t, os.WriteFile(keyFile, []byte("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n"), 0o600))
	code, out, stderr = runCLI(t, "gas-account", "import", "--key-file", keyFile, "--keystore", ks, "--passphrase-file", pass, "--light-kdf")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "gas account  "+knownAddr.Hex())
	require.Contains(t, out, "imported the key into "+ks)
	require.Contains(t, out, "--out "+filepath.Join(dir, "config.toml")+" --gas-account "+knownAddr.Hex())
	_, err = miner.LoadGasKey(ks, knownAddr, "gas-pass")
	require.NoError(t, err)

	ks2 := filepath.Join(dir, "ks2")
	code, out, stderr = runCLIWithInput(t, "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n",
		"gas-account", "import", "--key-file", "-", "--keystore", ks2, "--passphrase-file", pass, "--light-kdf")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "gas account  "+knownAddr.Hex())
	require.Contains(t, out, "--out "+filepath.Join(dir, "config.toml")+" --keystore "+ks2+" --gas-account", "a keystore init does not find by default is named")

	// show: every account of the keystore with its file.
	code, out, stderr = runCLI(t, "gas-account", "show", "--keystore", ks)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "keystore     "+ks)
	require.Contains(t, out, addr.Hex()+"  "+files[0])
	require.Contains(t, out, knownAddr.Hex()+"  ")

	for _, tt := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"import twice", "", []string{"import", "--key-file", keyFile, "--keystore", ks, "--passphrase-file", pass, "--light-kdf"}, "is already in keystore"},
		{"import not hex", "nothex\n", []string{"import", "--key-file", "-", "--keystore", ks, "--passphrase-file", pass}, "not a secp256k1 private key in hex"},
		{"import missing file", "", []string{"import", "--key-file", filepath.Join(dir, "none"), "--keystore", ks, "--passphrase-file", pass}, "read --key-file"},
		{"import without a key", "", []string{"import", "--keystore", ks}, `Required flag "key-file" not set`},
		{"new without a passphrase", "", []string{"new", "--keystore", ks}, "no passphrase"},
		{"new, empty passphrase file", "", []string{"new", "--keystore", ks, "--passphrase-file", os.DevNull}, "is empty"},
		{"show missing keystore", "", []string{"show", "--keystore", filepath.Join(dir, "none")}, "create an account with `pars-miner gas-account new"},
		{"show empty keystore", "", []string{"show", "--keystore", t.TempDir()}, "holds no account"},
		{"argument", "", []string{"new", "extra"}, `unexpected argument "extra"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLIWithInput(t, tt.stdin, append([]string{"gas-account"}, tt.args...)...)
			require.Equal(t, 1, code)
			require.Contains(t, stderr, tt.want)
		})
	}
}

func TestInitKeygenAndNextSteps(t *testing.T) {
	p := precompile.DefaultParams(common.HexToAddress("0xaa"))
	node, err := minertest.New(96369, p, uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	defer stop()

	dir := t.TempDir()
	pass := filepath.Join(dir, "pass.txt")
	require.NoError(t, os.WriteFile(pass, []byte("pw\n"), 0o600))

	// Without --config the miner says how to get one.
	code, _, stderr := runCLI(t, "run")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "missing --config FILE: write one with `pars-miner init --rpc http://127.0.0.1:8545`")
	require.NotContains(t, stderr, "cmd/pars-miner/", "no repository path in a user's error")

	// keygen says where the wallet went and what comes next.
	wallet := filepath.Join(dir, "wallet.json")
	code, out, stderr := runCLI(t, "keygen", "--out", wallet, "--scheme", "44", "--passphrase-file", pass, "--light-kdf")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "wrote "+wallet)
	require.Contains(t, out, "next: pars-miner gas-account new --keystore "+filepath.Join(dir, "keystore"))

	// init without a gas account says how to make one.
	cfgPath := filepath.Join(dir, "config.toml")
	code, _, stderr = runCLI(t, "init", "--rpc", url, "--out", cfgPath)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "no gas account in keystore "+filepath.Join(dir, "keystore")+": create one with `pars-miner gas-account new")

	code, out, stderr = runCLI(t, "gas-account", "new", "--keystore", filepath.Join(dir, "keystore"), "--passphrase-file", pass, "--light-kdf")
	require.Equal(t, 0, code, stderr)
	gas := common.HexToAddress(gasAccountLine.FindStringSubmatch(out)[1])

	// init: the chain id from the node, the keystore's one account beside
	// --out, the beneficiary defaulting to it, paths written relative to
	// the configuration's folder.
	code, out, stderr = runCLI(t, "init", "--rpc", url, "--out", cfgPath, "--passphrase-file", pass)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "wrote "+cfgPath+": chain 96369 (eth_chainId of "+url+")")
	require.Contains(t, out, "beneficiary  "+gas.Hex()+" (the gas account")
	require.Contains(t, out, "  pars-miner run --config "+cfgPath)
	require.NotContains(t, out, "pars-miner keygen", "the wallet exists")
	cfg, err := miner.LoadConfig(cfgPath)
	require.NoError(t, err)
	require.Equal(t, uint64(96369), cfg.Network.ChainID)
	require.Equal(t, url, cfg.Network.RPCEndpoint)
	require.Equal(t, gas, cfg.GasAccountAddress())
	require.Equal(t, gas, cfg.BeneficiaryAddress())
	require.Equal(t, wallet, cfg.ResolvePath(cfg.Mining.WalletPath))
	require.Equal(t, pass, cfg.WalletPassphraseSource().File)
	raw, err := os.ReadFile(cfgPath)
	require.NoError(t, err)
	require.Contains(t, string(raw), "# The node's JSON-RPC endpoint", "the example's comments are kept")
	for _, line := range []string{`wallet_path = "wallet.json"`, `gas_keystore = "keystore"`, `passphrase_file = "` + pass + `"`, "chain_id = 96369"} {
		require.Contains(t, string(raw), "\n"+line+"\n")
	}

	// The config works: the gas account is shown with its balance (none
	// yet: the in-memory node funds no one).
	code, out, stderr = runCLI(t, "gas-account", "show", "--config", cfgPath)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "gas account  "+gas.Hex()+" (mining.gas_account)")
	require.Contains(t, out, "balance      0 native coin")
	require.Contains(t, out, "The account is empty")

	// init refuses to overwrite, and refuses bad addresses; --force and
	// explicit accounts.
	code, _, stderr = runCLI(t, "init", "--rpc", url, "--out", cfgPath)
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "already exists; refusing to overwrite it")
	ben := "0x8ba1f109551bD432803012645Ac136ddd64DBA72"
	code, out, stderr = runCLI(t, "init", "--rpc", url, "--out", cfgPath, "--force", "--beneficiary", ben, "--gas-account", gas.Hex(), "--wallet", filepath.Join(dir, "other.json"))
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "beneficiary  "+ben+"\n")
	require.Contains(t, out, "pars-miner keygen --out "+filepath.Join(dir, "other.json"))
	cfg, err = miner.LoadConfig(cfgPath)
	require.NoError(t, err)
	require.Equal(t, ben, cfg.BeneficiaryAddress().Hex())
	require.Empty(t, cfg.Mining.PassphraseFile, "without --passphrase-file the miner prompts")

	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no rpc", []string{"--out", filepath.Join(dir, "a.toml")}, `Required flag "rpc" not set`},
		{"node down", []string{"--rpc", "http://127.0.0.1:1", "--out", filepath.Join(dir, "a.toml")}, "cannot reach the node at http://127.0.0.1:1"},
		{"bad beneficiary", []string{"--rpc", url, "--out", filepath.Join(dir, "a.toml"), "--beneficiary", "0x12"}, `--beneficiary: "0x12" is not an address`},
		{"bad gas account", []string{"--rpc", url, "--out", filepath.Join(dir, "a.toml"), "--gas-account", "0x12"}, `--gas-account: "0x12" is not an address`},
	} {
		t.Run("init "+tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"init"}, tt.args...)...)
			require.Equal(t, 1, code)
			require.Contains(t, stderr, tt.want)
			_, err := os.Stat(filepath.Join(dir, "a.toml"))
			require.True(t, os.IsNotExist(err), "nothing written")
		})
	}

	// Two accounts in the keystore: init asks which.
	k2, err := crypto.GenerateKey()
	require.NoError(t, err)
	_, err = keystore.NewKeyStore(filepath.Join(dir, "keystore"), keystore.LightScryptN, keystore.LightScryptP).ImportECDSA(k2, "pw")
	require.NoError(t, err)
	code, _, stderr = runCLI(t, "init", "--rpc", url, "--out", filepath.Join(dir, "b.toml"))
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "holds 2 accounts; choose one with --gas-account")
}

func TestEditKey(t *testing.T) {
	text := "[a]\nk = 1\n# k = 2\n[b]\nk = 3\nkk = 4\n"
	for _, tt := range []struct {
		section, key, value, want string
	}{
		{"a", "k", "9", "[a]\nk = 9\n# k = 2\n[b]\nk = 3\nkk = 4\n"},
		{"b", "k", "9", "[a]\nk = 1\n# k = 2\n[b]\nk = 9\nkk = 4\n"},
		{"b", "kk", `"x"`, "[a]\nk = 1\n# k = 2\n[b]\nk = 3\nkk = \"x\"\n"},
	} {
		got, err := tomlValue{tt.section, tt.key, tt.value}.setIn(text)
		require.NoError(t, err)
		require.Equal(t, tt.want, got)
	}
	_, err := tomlValue{"a", "kk", "1"}.setIn(text)
	require.ErrorContains(t, err, "no a.kk line")
	got, err := commentOut(text, "b", "k")
	require.NoError(t, err)
	require.True(t, strings.Contains(got, "[b]\n# k = 3\nkk = 4"), got)
}

func TestStatusAsksTheRunningMinerForItsQueue(t *testing.T) {
	metrics := miner.NewMetrics()
	metrics.ProofsQueued.Set(2)
	metrics.NodeReachable.Set(0)
	addr, err := miner.ServeMetrics(t.Context(), "127.0.0.1:0", metrics, nil)
	require.NoError(t, err)
	listen := addr.String()
	_, port, _ := net.SplitHostPort(listen)
	other, err := net.Listen("tcp", "127.0.0.1:0") // answers no HTTP
	require.NoError(t, err)
	other.Close()

	for _, tt := range []struct{ listen, want string }{
		{listen, "2 waiting for the node (the running miner, the node is unreachable; http://" + listen + "/metrics)"},
		{"0.0.0.0:" + port, "2 waiting for the node (the running miner, the node is unreachable; http://127.0.0.1:" + port + "/metrics)"},
		{"", "unknown: metrics.listen is off"},
		{"127.0.0.1:0", "names no fixed port"},
		{other.Addr().String(), "unknown: no miner answers at http://" + other.Addr().String() + "/metrics"},
	} {
		require.Contains(t, runningMinerQueue(t.Context(), tt.listen), tt.want, tt.listen)
	}
	metrics.NodeReachable.Set(1)
	metrics.ProofsQueued.Set(0)
	require.Contains(t, runningMinerQueue(t.Context(), listen), "0 waiting for the node (the running miner, reaches the node;")

	metrics.ProofsUnconfirmed.Set(3)
	metrics.ProofsConfirmed.Add(7)
	metrics.ProofsResubmitted.Add(2)
	metrics.ProofsLost.Add(1)
	require.Equal(t, "3 not final, 7 final, 2 resubmitted, 1 lost (the running miner, confirmations = finalized; http://"+listen+"/metrics)",
		runningMinerFinality(t.Context(), listen, miner.Confirmations{}))
	require.Contains(t, runningMinerFinality(t.Context(), listen, miner.Confirmations{Blocks: 12}), "confirmations = 12;")
	require.Contains(t, runningMinerFinality(t.Context(), "", miner.Confirmations{}), "unknown: metrics.listen is off")
	metrics.ProofsHeld.Set(4)
	metrics.ProofsHeldExpired.Add(1)
	require.Equal(t, "4 waiting for their gateway's registration, 1 dropped (the running miner; http://"+listen+"/metrics)",
		runningMinerHeld(t.Context(), listen))
}
