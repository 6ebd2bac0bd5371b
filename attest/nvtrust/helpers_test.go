package nvtrust_test

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"github.com/pars-network/aimining/attest/nvtrust"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const testdata = "../../testdata/nvtrust"

// sampleTime lies inside every sample chain's validity.
var sampleTime = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readReport(t testing.TB, name string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimSpace(string(readFile(t, name))))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readChain(t testing.TB, name string) []*nvtrust.Certificate {
	t.Helper()
	c, err := nvtrust.ParseChainPEM(readFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sample is one real piece of evidence from testdata/nvtrust.
type sample struct {
	name          string
	report        []byte
	chain         []*nvtrust.Certificate
	chip          string
	models        []string
	tier          nvtrust.Tier
	driver, vbios string
	fwid          bool
}

func validSamples(t testing.TB) []sample {
	s := []sample{
		{name: "nvtrust hopper", report: readReport(t, "nvtrust_hopperAttestationReport.txt"), chain: readChain(t, "nvtrust_hopperCertChain.txt"),
			chip: "GH100", models: []string{"H100", "H200"}, tier: nvtrust.TierAttested, driver: "550.90.07", vbios: "96.00.9F.00.01", fwid: true},
		{name: "sdk blackwell", report: readReport(t, "sdk_blackwellAttestationReport.txt"), chain: readChain(t, "sdk_blackwellCertChain.txt"),
			chip: "GB100", models: []string{"B100", "B200"}, tier: nvtrust.TierAttested, driver: "575.32", vbios: "97.00.88.00.0F", fwid: true},
		{name: "sdk hopper 535", report: readReport(t, "sdk_hopperAttestationReport_535.txt"), chain: readChain(t, "sdk_hopperCertChain_535.txt"),
			chip: "GH100", models: []string{"H100", "H200"}, tier: nvtrust.TierAttested, driver: "535.86.09", vbios: "96.00.5E.00.01", fwid: false},
		{name: "sdk hopper 580", report: readReport(t, "sdk_hopperAttestationReport_580.txt"), chain: readChain(t, "sdk_hopperCertChain_580.txt"),
			chip: "GH100", models: []string{"H100", "H200"}, tier: nvtrust.TierAttested, driver: "580.159.03", vbios: "96.00.74.00.20", fwid: true},
		{name: "trustee rtx pro 6000", report: readReport(t, "trustee_rtxpro6000_gb202_report.txt"), chain: readChain(t, "trustee_rtxpro6000_gb202_certs.txt"),
			chip: "GB202", models: []string{"RTX PRO 6000"}, tier: nvtrust.TierAttested, driver: "595.58.03", vbios: "98.02.74.00.01", fwid: true},
	}
	// The eight protected-PCIe HGX Hopper GPUs.
	var ppcie []struct {
		Certificate, Evidence, Nonce string
		DriverVersion                string `json:"driver_version"`
		VBIOSVersion                 string `json:"vbios_version"`
	}
	if err := json.Unmarshal(readFile(t, "nvtrust_ppcie_gpu_evidence.json"), &ppcie); err != nil {
		t.Fatal(err)
	}
	for i, e := range ppcie {
		pemChain, err1 := base64.StdEncoding.DecodeString(e.Certificate)
		rep, err2 := base64.StdEncoding.DecodeString(e.Evidence)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		chain, err := nvtrust.ParseChainPEM(pemChain)
		if err != nil {
			t.Fatal(err)
		}
		s = append(s, sample{name: "ppcie gpu " + string(rune('0'+i)), report: rep, chain: chain,
			chip: "GH100", models: []string{"H100", "H200"}, tier: nvtrust.TierAttested, driver: e.DriverVersion, vbios: e.VBIOSVersion, fwid: true})
	}
	return s
}
