//go:build nvml

// The GPU check for a machine with an NVIDIA GPU (scripts/gpu-check.sh):
//
//	go test -c -tags nvml -o build/gpucheck/gpuattest.test ./miner/gpuattest
//	build/gpucheck/gpuattest.test -test.v -test.run NVML
//
// PARS_GPU_DEVICE picks the device (default "0"); GPU_CHECK_OUT, when set,
// is a folder the evidence is saved to (report.hex, certs.pem, nonce.hex)
// for `pars-miner attest verify`.
package gpuattest_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/miner/gpuattest"
	"github.com/stretchr/testify/require"
)

func logJSON(t *testing.T, what string, v any) {
	t.Helper()
	b, _ := json.MarshalIndent(v, "", "  ")
	t.Logf("%s:\n%s", what, b)
}

func TestNVMLDevice(t *testing.T) {
	st, err := gpuattest.Probe()
	if err != nil {
		t.Logf("NVML unavailable: %v", err)
		require.ErrorIs(t, err, gpuattest.ErrNoDriver)
		plan, ferr := gpuattest.Decide(err, false)
		require.NoError(t, ferr)
		require.False(t, plan.Attested)
		t.Logf("miner decision: %s tier (%s)", gpuattest.SoftwareOnly, plan.Reason)
		t.Skip("no NVIDIA driver on this machine: nothing more to check")
	}
	logJSON(t, "NVML status", st)
	t.Logf("driver %s, NVML %s, %d GPU(s)", st.DriverVersion, st.NVMLVersion, len(st.Devices))
	require.NotEmpty(t, st.DriverVersion)
	require.NotEmpty(t, st.Devices, "NVML initialised but lists no GPU")

	device := os.Getenv("PARS_GPU_DEVICE")
	if device == "" {
		device = "0"
	}
	// A device NVML does not have is a typed error, not a crash.
	_, err = gpuattest.OpenNVML("99")
	t.Logf("OpenNVML(\"99\"): %v", err)
	require.ErrorIs(t, err, gpuattest.ErrNoDevice)
	_, err = gpuattest.OpenNVML("GPU-00000000-0000-0000-0000-000000000000")
	t.Logf("OpenNVML(unknown UUID): %v", err)
	require.ErrorIs(t, err, gpuattest.ErrNoDevice)

	src, err := gpuattest.OpenNVML(device)
	ccOn := st.CC != nil && st.CC.Enabled
	if !ccOn {
		logJSON(t, "CC state", st.CC)
		t.Logf("CC mode is off (CC error %q); OpenNVML(%q): %v", st.CCError, device, err)
		require.Error(t, err)
		if st.CC != nil {
			require.ErrorIs(t, err, gpuattest.ErrCCOff)
		} else {
			require.ErrorIs(t, err, gpuattest.ErrNotSupported)
		}
		plan, ferr := gpuattest.Decide(err, false)
		require.NoError(t, ferr)
		require.False(t, plan.Attested)
		t.Logf("miner decision: %s tier (%s)", gpuattest.SoftwareOnly, plan.Reason)
		_, ferr = gpuattest.Decide(err, true)
		require.Error(t, ferr)
		t.Logf("with gpu.require_nvtrust: %v", ferr)
		return
	}

	require.NoError(t, err, "CC is on but the device cannot be opened for attestation")
	defer src.Close()
	t.Logf("source: %s", src.Describe())
	nonce := sha256.Sum256([]byte("Pars AI mining GPU check"))
	start := time.Now()
	report, chainDER, err := src.Evidence(t.Context(), nonce)
	require.NoError(t, err)
	t.Logf("evidence in %v: report %d bytes, chain %d bytes, nonce %x", time.Since(start).Round(time.Millisecond), len(report), len(chainDER), nonce)
	certs, err := nvtrust.ParseChainDER(chainDER)
	require.NoError(t, err)
	for i, c := range certs {
		t.Logf("certificate %d: %s (issuer %s, valid %s .. %s)", i, c.Subject.CommonName, c.Issuer.CommonName, c.NotBefore.Format(time.DateOnly), c.NotAfter.Format(time.DateOnly))
	}
	if dir := os.Getenv("GPU_CHECK_OUT"); dir != "" {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		var p []byte
		for _, c := range certs {
			p = append(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, "report.hex"), []byte(hex.EncodeToString(report)+"\n"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "certs.pem"), p, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "nonce.hex"), []byte(hex.EncodeToString(nonce[:])+"\n"), 0o644))
		t.Logf("evidence saved to %s", dir)
	}
	claims, err := nvtrust.Verify(report, certs, nvtrust.Options{Time: time.Now(), Nonce: &nonce})
	require.NoError(t, err, "the GPU's evidence does not verify against NVIDIA's pinned root")
	logJSON(t, "verified claims", claims)
	plan, ferr := gpuattest.Decide(nil, true)
	require.NoError(t, ferr)
	require.True(t, plan.Attested)
	t.Logf("miner decision: attested tier (%s, device id %s)", claims.Tier, claims.DeviceID)
}
