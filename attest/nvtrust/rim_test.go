package nvtrust_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/stretchr/testify/require"
)

// The manifest's signer certificates expired in 2025: verify at a pinned
// time inside their validity.
var rimTime = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

func TestRIMGivesGoldenMeasurementsForTheMatchingReport(t *testing.T) {
	doc := readFile(t, "nvtrust_1010_0200_882_96005E0001_PROD.swidtag")
	rim, err := nvtrust.ParseRIM(doc, nvtrust.RIMRoot(), rimTime)
	require.NoError(t, err)
	require.Equal(t, "GH100", rim.Product)
	require.Equal(t, "96.00.5E.00.01", rim.Version)
	require.True(t, rim.SignedInfoOK)
	require.NotEmpty(t, rim.Golden)

	// The VBIOS 96.00.5E.00.01 report (driver 535) matches them all.
	policy := &nvtrust.Policy{AllowedVBIOS: []string{rim.Version}, Golden: rim.Golden}
	c, err := nvtrust.Verify(readReport(t, "sdk_hopperAttestationReport_535.txt"), readChain(t, "sdk_hopperCertChain_535.txt"),
		nvtrust.Options{Time: sampleTime, Policy: policy})
	require.NoError(t, err)
	require.Equal(t, len(rim.Golden), c.MeasurementsChecked)
	// Another VBIOS does not.
	_, err = nvtrust.Verify(readReport(t, "nvtrust_hopperAttestationReport.txt"), readChain(t, "nvtrust_hopperCertChain.txt"),
		nvtrust.Options{Time: sampleTime, Policy: &nvtrust.Policy{Golden: rim.Golden}})
	require.ErrorIs(t, err, nvtrust.ErrPolicy)

	// Expired signer, wrong root, tampered signature.
	_, err = nvtrust.ParseRIM(doc, nvtrust.RIMRoot(), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
	_, err = nvtrust.ParseRIM(doc, nvtrust.DeviceIdentityRoot(), rimTime)
	require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
	tampered := bytes.Replace(doc, []byte("<ds:DigestValue>D"), []byte("<ds:DigestValue>E"), 1)
	require.NotEqual(t, doc, tampered)
	_, err = nvtrust.ParseRIM(tampered, nvtrust.RIMRoot(), rimTime)
	require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
}
