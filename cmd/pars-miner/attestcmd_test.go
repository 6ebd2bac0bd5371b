package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/gpuattest"
	"github.com/pars-network/aimining/miner/gpuattest/fakegpu"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

const nvtd = "../../testdata/nvtrust/"

func TestAttestVerify(t *testing.T) {
	code, out, stderr := runCLI(t, "attest", "verify", "--report", nvtd+"nvtrust_hopperAttestationReport.txt", "--certs", nvtd+"nvtrust_hopperCertChain.txt",
		"--nonce", "931d8dd0add203ac3d8b4fbde75e115278eefcdceac5b87671a748f32364dfcb", "--time", "2025-06-01T00:00:00Z")
	require.Equal(t, 0, code, stderr)
	var res map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Equal(t, true, res["valid"])
	require.Equal(t, "GH100", res["chip"])
	require.Equal(t, "attested", res["tier"])
	require.Equal(t, true, res["nonceChecked"])

	for _, tt := range []struct {
		args   []string
		code   int
		reason string
	}{
		{[]string{"--report", nvtd + "nvtrust_hopperAttestationReport.txt", "--certs", nvtd + "nvtrust_hopperCertChain.txt", "--nonce", strings.Repeat("00", 31) + "aa", "--time", "2025-06-01T00:00:00Z"}, 1, "nonce-mismatch"},
		{[]string{"--report", nvtd + "sdk_hopperAttestationReportInvalidSignature.txt", "--certs", nvtd + "nvtrust_hopperCertChain.txt", "--time", "2025-06-01T00:00:00Z"}, 1, "bad-signature"},
		{[]string{"--report", nvtd + "nvtrust_hopperAttestationReport.txt", "--certs", nvtd + "trustee_hopper_cert_chain_case4.txt", "--time", "2025-06-01T00:00:00Z"}, 1, "certificate-chain"},
		{[]string{"--report", nvtd + "missing.txt", "--certs", nvtd + "nvtrust_hopperCertChain.txt"}, 2, ""},
		{[]string{"--report", nvtd + "nvtrust_hopperAttestationReport.txt", "--certs", nvtd + "nvtrust_hopperCertChain.txt", "--nonce", "12"}, 1, ""},
	} {
		code, out, stderr := runCLI(t, append([]string{"attest", "verify"}, tt.args...)...)
		require.Equal(t, tt.code, code, "%v: %s", tt.args, stderr)
		if tt.reason != "" {
			var res map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &res))
			require.Equal(t, false, res["valid"])
			require.Equal(t, tt.reason, res["reason"])
		}
	}
}

func TestAttestStatusWithoutDriver(t *testing.T) {
	if _, err := gpuattest.Probe(); err == nil {
		t.Skip("NVML works on this machine")
	}
	code, out, _ := runCLI(t, "attest", "status")
	require.Equal(t, 1, code)
	require.Contains(t, out, "NVML unavailable: no NVIDIA driver")
	require.Contains(t, out, "software-only")

	code, out, _ = runCLI(t, "attest", "status", "--json")
	require.Equal(t, 1, code)
	var res map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Equal(t, false, res["available"])
	require.Equal(t, "software-only", res["tier"])
	require.Contains(t, res["error"], "libnvidia-ml.so.1")
}

// TestAttestRegisterAndMine registers a (software) GPU with `attest
// register` and mines an attested proof with the example configuration.
func TestAttestRegisterAndMine(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	gpu := fakegpu.New(dev)
	saved := attestOptions
	attestOptions = func(o miner.Options) miner.Options {
		o.Evidence = func(string) (gpuattest.EvidenceSource, error) { return gpu, nil }
		o.DeviceRoot = dev.Root
		return o
	}
	defer func() { attestOptions = saved }()

	node, err := minertest.New(6133, precompile.DefaultParams(common.HexToAddress("0xaa")), uint64(time.Now().Unix()), precompile.WithDeviceRoot(dev.Root))
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
		`listen = "127.0.0.1:9477"`:                  `listen = ""`,
		"max_tokens = 64":                            "max_tokens = 8",
		"enable_nvtrust = false":                     "enable_nvtrust = true",
		"auto_bond = false":                          "auto_bond = true",
	} {
		require.Contains(t, cfg, old)
		cfg = strings.Replace(cfg, old, new, 1)
	}
	write("config.toml", cfg)
	cfgPath := filepath.Join(dir, "config.toml")

	code, out, stderr := runCLI(t, "attest", "register", "--config", cfgPath)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, out, "device cpu registered")
	require.Contains(t, out, "tier        attested")
	require.Contains(t, out, "generation  1")

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var stdout, logs bytes.Buffer
	code = run(ctx, []string{"pars-miner", "--config", cfgPath, "--max-jobs", "1", "--log-format", "json"}, strings.NewReader(""), &stdout, &logs)
	require.Equal(t, 0, code, logs.String())
	require.Contains(t, logs.String(), `"msg":"NVTrust attestation on"`)
	// One compute unit at trust 1.0 (software-only would be 600000000000000).
	require.Contains(t, logs.String(), `"attested":true,"compute_units":1,"reward_wei":"1000000000000000"`)
	require.NotContains(t, logs.String(), "unavailable")
}
