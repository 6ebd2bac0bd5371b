package nvtrust_test

import (
	"bytes"
	"crypto/sha512"
	"errors"
	"testing"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/stretchr/testify/require"
)

func TestNegativeSamples(t *testing.T) {
	hopperChain := readChain(t, "nvtrust_hopperCertChain.txt")
	cases := []struct {
		name   string
		report []byte
		chain  string
		want   error
	}{
		{"invalid signature", readReport(t, "sdk_hopperAttestationReportInvalidSignature.txt"), "nvtrust_hopperCertChain.txt", nvtrust.ErrBadSignature},
		{"trailing byte", readReport(t, "trustee_hopper_coco_report1_trailingbyte.txt"), "trustee_hopper_coco_certs1.txt", nvtrust.ErrMalformedReport},
		{"root only", readReport(t, "nvtrust_hopperAttestationReport.txt"), "trustee_hopper_cert_chain_case2.txt", nvtrust.ErrChain},
		{"intermediate missing", readReport(t, "nvtrust_hopperAttestationReport.txt"), "trustee_hopper_cert_chain_case3.txt", nvtrust.ErrChain},
		{"leaf missing", readReport(t, "nvtrust_hopperAttestationReport.txt"), "trustee_hopper_cert_chain_case4.txt", nvtrust.ErrChain},
		{"another GPU's chain", readReport(t, "sdk_hopperAttestationReport_580.txt"), "nvtrust_hopperCertChain.txt", nvtrust.ErrBadSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := nvtrust.Verify(tc.report, readChain(t, tc.chain), nvtrust.Options{Time: sampleTime})
			require.ErrorIs(t, err, tc.want)
		})
	}
	// The trailing-byte report verifies once the unsigned byte is cut: the
	// strict parser, not the signature, is what refuses it.
	tb := readReport(t, "trustee_hopper_coco_report1_trailingbyte.txt")
	_, err := nvtrust.Verify(tb[:len(tb)-1], readChain(t, "trustee_hopper_coco_certs1.txt"), nvtrust.Options{Time: sampleTime})
	require.NoError(t, err)

	rep := readReport(t, "nvtrust_hopperAttestationReport.txt")
	t.Run("wrong nonce", func(t *testing.T) {
		_, err := nvtrust.Verify(rep, hopperChain, nvtrust.Options{Time: sampleTime, Nonce: &[32]byte{1}})
		require.ErrorIs(t, err, nvtrust.ErrNonceMismatch)
		want := [32]byte(rep[4:36])
		_, err = nvtrust.Verify(rep, hopperChain, nvtrust.Options{Time: sampleTime, Nonce: &want})
		require.NoError(t, err)
	})
	t.Run("before the chain is valid", func(t *testing.T) {
		_, err := nvtrust.Verify(rep, hopperChain, nvtrust.Options{Time: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)})
		require.ErrorIs(t, err, nvtrust.ErrChain)
	})
	t.Run("no time", func(t *testing.T) {
		_, err := nvtrust.Verify(rep, hopperChain, nvtrust.Options{})
		require.Error(t, err)
	})
	t.Run("another root", func(t *testing.T) {
		rimRoot, err := nvtrust.ParseChainPEM(nvtrust.RIMRootPEM())
		require.NoError(t, err)
		_, err = nvtrust.Verify(rep, hopperChain, nvtrust.Options{Time: sampleTime, Root: rimRoot[0]})
		require.ErrorIs(t, err, nvtrust.ErrChain)
	})
	t.Run("supplied root is not trusted", func(t *testing.T) {
		// A chain ending in a look-alike root of the attacker's is refused
		// against the pinned root.
		dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
		chain := append(dev.Chain[:len(dev.Chain):len(dev.Chain)], dev.Root)
		_, err := nvtrust.Verify(dev.Report([32]byte{}), chain, nvtrust.Options{Time: sampleTime})
		require.ErrorIs(t, err, nvtrust.ErrChain)
		_, err = nvtrust.Verify(dev.Report([32]byte{}), chain, nvtrust.Options{Time: sampleTime, Root: dev.Root})
		require.NoError(t, err)
	})
}

func TestPolicy(t *testing.T) {
	rep := readReport(t, "nvtrust_hopperAttestationReport.txt")
	chain := readChain(t, "nvtrust_hopperCertChain.txt")
	parsed, err := nvtrust.ParseReport(rep)
	require.NoError(t, err)
	ok := &nvtrust.Policy{AllowedDrivers: []string{"550.90.07"}, AllowedVBIOS: []string{"96.00.9F.00.01"},
		Golden: []nvtrust.Golden{{Index: 1, Values: []nvtrust.HexVal{parsed.Measurements[1][:]}}}}
	c, err := nvtrust.Verify(rep, chain, nvtrust.Options{Time: sampleTime, Policy: ok})
	require.NoError(t, err)
	require.Equal(t, 1, c.MeasurementsChecked)
	for _, bad := range []*nvtrust.Policy{
		{AllowedDrivers: []string{"535.86.09"}},
		{AllowedVBIOS: []string{"96.00.5E.00.01"}},
		{Golden: []nvtrust.Golden{{Index: 1, Values: []nvtrust.HexVal{make([]byte, 48)}}}},
	} {
		_, err := nvtrust.Verify(rep, chain, nvtrust.Options{Time: sampleTime, Policy: bad})
		require.ErrorIs(t, err, nvtrust.ErrPolicy)
	}
}

// TestEverySingleByteMutationFails flips each byte of valid reports; every
// mutation must fail with a specific error (parse or signature).
func TestEverySingleByteMutationFails(t *testing.T) {
	samples := validSamples(t)
	for _, s := range []sample{samples[0]} {
		t.Run(s.name, func(t *testing.T) {
			chain, err := nvtrust.VerifyChain(nvtrust.DropSuppliedRoot(s.chain), nvtrust.DeviceIdentityRoot(), sampleTime)
			require.NoError(t, err)
			m := bytes.Clone(s.report)
			for i := range m {
				m[i] ^= 0x01
				rep, err := nvtrust.ParseReport(m)
				if err == nil {
					_, err = nvtrust.CheckReport(rep, chain)
				}
				if !errors.Is(err, nvtrust.ErrMalformedReport) && !errors.Is(err, nvtrust.ErrBadSignature) {
					t.Fatalf("byte %d flipped: %v", i, err)
				}
				m[i] ^= 0x01
			}
		})
	}
}

func TestFWIDMustMatchLeaf(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	fields := dev.Fields()
	other := sha512.Sum384([]byte("other firmware"))
	fields[len(fields)-1].Value = other[:]
	_, err := nvtrust.Verify(dev.ReportWith([32]byte{}, fields), dev.Chain, nvtrust.Options{Time: sampleTime, Root: dev.Root})
	require.ErrorIs(t, err, nvtrust.ErrFWIDMismatch)
}

func TestStrictParser(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	fields := dev.Fields()
	good := dev.Report([32]byte{})
	_, err := nvtrust.ParseReport(good)
	require.NoError(t, err)
	dup := append(fields, fields[0])
	for name, b := range map[string][]byte{
		"duplicate opaque type": dev.ReportWith([32]byte{}, dup),
		"truncated":             good[:len(good)-1],
		"trailing":              append(bytes.Clone(good), 0),
		"empty":                 nil,
	} {
		_, err := nvtrust.ParseReport(b)
		require.ErrorIs(t, err, nvtrust.ErrMalformedReport, name)
	}
}

func TestTiers(t *testing.T) {
	for _, tc := range []struct {
		chip, project, sku string
		models             []string
		tier               nvtrust.Tier
	}{
		{"GH100", "1010", "0200", []string{"H100", "H200"}, nvtrust.TierAttested},
		{"GB100", "G525", "0220", []string{"B100", "B200"}, nvtrust.TierAttested},
		{"GB202", "G153", "0210", []string{"RTX PRO 6000"}, nvtrust.TierAttested},
		{"GB202", "XXXX", "0000", []string{"RTX PRO 6000", "RTX 5090"}, nvtrust.TierSoftware},
		{"AD102", "", "", []string{"RTX 4090"}, nvtrust.TierSoftware},
		{"TU102", "", "", nil, nvtrust.TierNone},
	} {
		id := nvtrust.Classify(tc.chip, tc.project, tc.sku)
		require.Equal(t, tc.models, id.Models, tc.chip)
		require.Equal(t, tc.tier, id.Tier, tc.chip)
		require.Equal(t, len(tc.models) > 1, id.Ambiguous)
	}
	require.Equal(t, 60, nvtrust.TierSoftware.TrustScore())
}
