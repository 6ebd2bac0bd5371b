package miner_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pars-network/aimining/miner"
	"github.com/stretchr/testify/require"
)

// validConfig is a minimal valid configuration; tests edit it with
// strings.Replace.
const validConfig = `
[network]
chain_id = 6133
rpc_endpoint = "http://127.0.0.1:8545"

[mining]
wallet_path = "wallet.json"
models = ["pars-tiny-rnn-v1"]
beneficiary = "0x8ba1f109551bD432803012645Ac136ddd64DBA72"
gas_keystore = "keystore"
gas_account = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"
passphrase_env = "PARS_TEST_PASSPHRASE"

[backend]
kind = "builtin"
`

const openAIBackend = `
[backend]
kind = "openai"
url = "http://127.0.0.1:8000"

[[backend.models]]
name = "pars-tiny-rnn-v1"
hash = "0x1111111111111111111111111111111111111111111111111111111111111111"
parameters = 122975
`

func TestParseConfigDefaults(t *testing.T) {
	cfg, err := miner.ParseConfig([]byte(validConfig), "/etc/pars/config.toml")
	require.NoError(t, err)
	require.Equal(t, uint64(6133), cfg.Network.ChainID)
	require.Equal(t, miner.DefaultConcurrency, cfg.Mining.Concurrency)
	require.Equal(t, miner.DefaultJobInterval, cfg.Mining.JobInterval)
	require.True(t, cfg.Mining.Confirmations.Finalized(), "work is final in a finalized block by default")
	require.Equal(t, "finalized", cfg.Mining.Confirmations.String())
	require.Equal(t, miner.DefaultReceiptTimeout, cfg.Mining.ReceiptTimeout)
	require.Equal(t, miner.DefaultMaxTokens, cfg.Backend.MaxTokens)
	require.Equal(t, []string{miner.DefaultBuiltinDevice}, cfg.GPU.DeviceIDs)
	require.Equal(t, miner.DefaultMetricsListen, cfg.Metrics.Listen)
	require.Equal(t, "AI", cfg.Network.TokenSymbol)
	require.Equal(t, "/etc/pars/wallet.json", cfg.ResolvePath(cfg.Mining.WalletPath))
	require.Equal(t, "/abs/w.json", cfg.ResolvePath("/abs/w.json"))
	require.Equal(t, "0x8ba1f109551bD432803012645Ac136ddd64DBA72", cfg.BeneficiaryAddress().Hex())
}

func TestParseConfigSettings(t *testing.T) {
	cfg, err := miner.ParseConfig([]byte(strings.Replace(validConfig, "[backend]", `concurrency = 4
job_interval = "1m30s"
confirmations = 3
[metrics]
listen = ""
[gpu]
device_ids = ["0", "GPU-5f2c"]
[zap]
gateway = "zap://zap.example.org:9651"
[backend]`, 1)+"max_tokens = 128\n"), "")
	require.NoError(t, err)
	require.Equal(t, 4, cfg.Mining.Concurrency)
	require.Equal(t, 90*time.Second, cfg.Mining.JobInterval)
	require.Equal(t, uint64(3), cfg.Mining.Confirmations.Blocks)
	require.False(t, cfg.Mining.Confirmations.Finalized())
	require.Equal(t, "", cfg.Metrics.Listen, "an explicit empty listen turns metrics off")
	require.Equal(t, []string{"0", "GPU-5f2c"}, cfg.GPU.DeviceIDs)
	require.Equal(t, "zap://zap.example.org:9651", cfg.Zap.Gateway, "a gateway is accepted by the parser")
	require.Equal(t, 128, cfg.Backend.MaxTokens)

	cfg, err = miner.ParseConfig([]byte(strings.Replace(validConfig, "\n[backend]\nkind = \"builtin\"\n", openAIBackend, 1)), "")
	require.NoError(t, err)
	require.Equal(t, "pars-tiny-rnn-v1", cfg.Backend.Models[0].ServedName, "served_name defaults to name")
	require.Equal(t, uint64(miner.DefaultBytesPerToken), cfg.Backend.Models[0].BytesPerToken)
	require.Equal(t, []string{"0"}, cfg.GPU.DeviceIDs)
}

func TestParseConfigErrors(t *testing.T) {
	openai := strings.Replace(validConfig, "\n[backend]\nkind = \"builtin\"\n", openAIBackend, 1)
	tests := []struct {
		name    string
		config  string
		old     string // replaced by new in config
		new     string
		wantErr string
	}{
		{"syntax", validConfig, "chain_id = 6133", "chain_id = = 6133", "line 3"},
		{"unknown key", validConfig, "chain_id = 6133", "chain_id = 6133\nchainid = 1", `unknown key "network.chainid"`},
		{"unknown table", validConfig, "[backend]", "[gpus]\nenable = true\n[backend]", `unknown key "gpus.enable"`},
		{"wrong type", validConfig, "chain_id = 6133", `chain_id = "6133"`, "chain_id"},
		{"bad duration", validConfig, "[backend]", "job_interval = \"soon\"\n[backend]", "soon"},
		{"chain id missing", validConfig, "chain_id = 6133", "", "network.chain_id is missing"},
		{"chain id too large", validConfig, "chain_id = 6133", "chain_id = 4294967296", "does not fit in 32 bits"},
		{"token symbol with a space", validConfig, "chain_id = 6133", "chain_id = 6133\ntoken_symbol = \"A I\"", `network.token_symbol "A I" must be 1..11 characters without spaces`},
		{"token symbol too long", validConfig, "chain_id = 6133", "chain_id = 6133\ntoken_symbol = \"ABCDEFGHIJKL\"", "network.token_symbol"},
		{"rpc missing", validConfig, `rpc_endpoint = "http://127.0.0.1:8545"`, "", "network.rpc_endpoint is missing"},
		{"rpc scheme", validConfig, `"http://127.0.0.1:8545"`, `"ftp://127.0.0.1:8545"`, `scheme "ftp"`},
		{"rpc no scheme", validConfig, `"http://127.0.0.1:8545"`, `"127.0.0.1:8545"`, "neither an http(s)/ws(s) URL nor an IPC"},
		{"wallet missing", validConfig, `wallet_path = "wallet.json"`, "", "mining.wallet_path is missing"},
		{"beneficiary missing", validConfig, `beneficiary = "0x8ba1f109551bD432803012645Ac136ddd64DBA72"`, "", "mining.beneficiary is missing"},
		{"beneficiary not hex", validConfig, "0x8ba1f109551bD432803012645Ac136ddd64DBA72", "0x8ba1f109551bD432803012645Ac136ddd64DBAZZ", "not an address"},
		{"beneficiary checksum", validConfig, "0x8ba1f109551bD432803012645Ac136ddd64DBA72", "0x8ba1f109551bD432803012645Ac136ddd64DbA72", "EIP-55 checksum"},
		{"beneficiary zero", validConfig, "0x8ba1f109551bD432803012645Ac136ddd64DBA72", "0x0000000000000000000000000000000000000000", "zero address"},
		{"beneficiary no 0x", validConfig, "0x8ba1f109551bD432803012645Ac136ddd64DBA72", "8ba1f109551bD432803012645Ac136ddd64DBA72", "must start with 0x"},
		{"gas keystore missing", validConfig, `gas_keystore = "keystore"`, "", "mining.gas_keystore is missing"},
		{"gas account bad", validConfig, "0x71C7656EC7ab88b098defB751B7401B5f6d8976F", "0x71C7", "mining.gas_account"},
		{"env name", validConfig, `"PARS_TEST_PASSPHRASE"`, `"MY-PASS"`, "not an environment variable name"},
		{"concurrency", validConfig, "[backend]", "concurrency = 65\n[backend]", "mining.concurrency must be 1..64"},
		{"job interval", validConfig, "[backend]", "job_interval = \"1ms\"\n[backend]", "mining.job_interval must be at least 10ms"},
		{"confirmations", validConfig, "[backend]", "confirmations = 100\n[backend]", "mining.confirmations must be 1..64 (blocks) or \"finalized\", not 100"},
		{"confirmations zero", validConfig, "[backend]", "confirmations = 0\n[backend]", "not 0"},
		{"confirmations tag", validConfig, "[backend]", "confirmations = \"safe\"\n[backend]", "not \"safe\""},
		{"confirmations type", validConfig, "[backend]", "confirmations = 1.5\n[backend]", "not 1.5"},
		{"models empty", validConfig, `models = ["pars-tiny-rnn-v1"]`, "models = []", "mining.models is empty"},
		{"model duplicate", validConfig, `models = ["pars-tiny-rnn-v1"]`, `models = ["pars-tiny-rnn-v1", "pars-tiny-rnn-v1"]`, "lists \"pars-tiny-rnn-v1\" twice"},
		{"model not offered", validConfig, `models = ["pars-tiny-rnn-v1"]`, `models = ["llama"]`, `model "llama" is not offered by the builtin back-end`},
		{"kind missing", validConfig, `kind = "builtin"`, "", "backend.kind is missing"},
		{"kind unknown", validConfig, `kind = "builtin"`, `kind = "cuda"`, `backend.kind "cuda" is unknown`},
		{"builtin with url", validConfig, `kind = "builtin"`, "kind = \"builtin\"\nurl = \"http://x\"", "backend.url is set"},
		{"max tokens", validConfig, `kind = "builtin"`, "kind = \"builtin\"\nmax_tokens = 9000", "backend.max_tokens must be 1..8192"},
		{"openai url missing", openai, `url = "http://127.0.0.1:8000"`, "", "backend.url is missing"},
		{"openai url scheme", openai, `url = "http://127.0.0.1:8000"`, `url = "127.0.0.1:8000"`, "must be an http:// or https:// URL"},
		{"openai no models", openai, "[[backend.models]]\nname = \"pars-tiny-rnn-v1\"", "[[backend.models]]\nname = \"\"", "backend.models[0].name is missing"},
		{"openai no hash", openai, `hash = "0x1111111111111111111111111111111111111111111111111111111111111111"`, "", "set weights (a file to hash) or hash"},
		{"openai both", openai, "parameters = 122975", "parameters = 122975\nweights = \"w.bin\"", "set only one of weights and hash"},
		{"openai bad hash", openai, "0x1111111111111111111111111111111111111111111111111111111111111111", "0x11", "is 1 bytes, want 32"},
		{"require without enable", validConfig, "[backend]", "[gpu]\nrequire_nvtrust = true\n[backend]", "gpu.require_nvtrust needs gpu.enable_nvtrust = true"},
		{"device duplicate", validConfig, "[backend]", "[gpu]\ndevice_ids = [\"0\", \"0\"]\n[backend]", `gpu.device_ids lists "0" twice`},
		{"device empty", validConfig, "[backend]", "[gpu]\ndevice_ids = [\" \"]\n[backend]", "gpu.device_ids[0] is empty"},
		{"gateway url", validConfig, "[backend]", "[zap]\ngateway = \"zap.example.org\"\n[backend]", "zap.gateway \"zap.example.org\" must be"},
		{"metrics listen", validConfig, "[backend]", "[metrics]\nlisten = \"9477\"\n[backend]", "metrics.listen \"9477\" must be host:port"},
		{"metrics port", validConfig, "[backend]", "[metrics]\nlisten = \"127.0.0.1:http\"\n[backend]", "is not a port number"},
		{"metrics host", validConfig, "[backend]", "[metrics]\nlisten = \":9477\"\n[backend]", "has no host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(tt.config, tt.old, tt.new, 1)
			require.NotEqual(t, tt.config, text, "the edit must apply")
			_, err := miner.ParseConfig([]byte(text), "config.toml")
			require.Error(t, err)
			require.ErrorContains(t, err, tt.wantErr)
			require.True(t, strings.HasPrefix(err.Error(), "config.toml"), "errors name the file: %v", err)
		})
	}
}

func TestParseConfigListsEveryProblem(t *testing.T) {
	_, err := miner.ParseConfig([]byte("[network]\nchain_id = 0\nbogus = 1\n"), "c.toml")
	var ce *miner.ConfigError
	require.ErrorAs(t, err, &ce)
	require.GreaterOrEqual(t, len(ce.Problems), 6)
	require.Contains(t, ce.Problems[0], `unknown key "network.bogus"`)
}

func TestLoadConfigFileErrors(t *testing.T) {
	_, err := miner.LoadConfig(filepath.Join(t.TempDir(), "nope.toml"))
	require.ErrorContains(t, err, "does not exist")

	path := filepath.Join(t.TempDir(), "c.toml")
	require.NoError(t, os.WriteFile(path, []byte(validConfig), 0o600))
	cfg, err := miner.LoadConfig(path)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(filepath.Dir(path), "wallet.json"), cfg.ResolvePath(cfg.Mining.WalletPath))
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"0x8ba1f109551bD432803012645Ac136ddd64DBA72", ""},
		{"0x8ba1f109551bd432803012645ac136ddd64dba72", ""},
		{"0X8BA1F109551BD432803012645AC136DDD64DBA72", ""},
		{"0x8ba1f109551bD432803012645Ac136ddd64DBa72", "checksum"},
		{"0x8ba1", "40 hex digits"},
		{"", "must start with 0x"},
	}
	for _, tt := range tests {
		a, err := miner.ParseAddress(tt.in)
		if tt.wantErr != "" {
			require.ErrorContains(t, err, tt.wantErr, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		require.Equal(t, "0x8ba1f109551bD432803012645Ac136ddd64DBA72", a.Hex())
	}
}
