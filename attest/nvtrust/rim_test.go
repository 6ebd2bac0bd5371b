package nvtrust_test

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
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
	require.True(t, rim.Verified)
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

	// Expired signer, wrong root, tampered SignedInfo.
	_, err = nvtrust.ParseRIM(doc, nvtrust.RIMRoot(), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
	blk, _ := pem.Decode(nvtrust.DeviceIdentityRootPEM())
	deviceRoot, err := x509.ParseCertificate(blk.Bytes)
	require.NoError(t, err)
	_, err = nvtrust.ParseRIM(doc, deviceRoot, rimTime)
	require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
	tampered := bytes.Replace(doc, []byte("<ds:DigestValue>D"), []byte("<ds:DigestValue>E"), 1)
	require.NotEqual(t, doc, tampered)
	_, err = nvtrust.ParseRIM(tampered, nvtrust.RIMRoot(), rimTime)
	require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
	require.ErrorIs(t, err, nvtrust.ErrManifestSignature)
}

// editRIM replaces the one occurrence of old in the sample manifest.
func editRIM(t *testing.T, old, new string) []byte {
	t.Helper()
	doc := readFile(t, "nvtrust_1010_0200_882_96005E0001_PROD.swidtag")
	require.Equal(t, 1, bytes.Count(doc, []byte(old)), "%q must occur once", old)
	return bytes.Replace(doc, []byte(old), []byte(new), 1)
}

func TestRIMRejectsEditedSignedContent(t *testing.T) {
	for _, tc := range []struct{ name, old, new string }{
		// One hex character of an active golden measurement (index 1).
		{"golden measurement", `ns2:Hash0="c3f65ef79a19c029`, `ns2:Hash0="c3f65ef79a19c028`},
		{"inactive measurement", `index="7" active="False" alternatives="1" ns2:Hash0="00`, `index="7" active="False" alternatives="1" ns2:Hash0="01`},
		{"version", `colloquialVersion="96.00.5E.00.01"`, `colloquialVersion="96.00.9F.00.01"`},
		{"product", `product="GH100"`, `product="GB100"`},
		{"measurement switched off", `index="2" active="True"`, `index="2" active="False"`},
		{"measurement switched on", `index="7" active="False"`, `index="7" active="True"`},
		{"measurement name", `name="HashedMeasurement_3_FSP"`, `name="HashedMeasurement_3_FSQ"`},
		{"namespaced Meta attribute", `ns1:PlatformModel="GH100"`, `ns1:PlatformModel="GH200"`},
		{"root attribute", `tagVersion="0"`, `tagVersion="1"`},
		{"added attribute", `<ns0:Payload `, `<ns0:Payload extra="1" `},
		{"added element", `</ns0:Payload>`, `<ns0:Resource type="Other"/></ns0:Payload>`},
		{"text content", `</ns0:Payload>`, `x</ns0:Payload>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rim, err := nvtrust.ParseRIM(editRIM(t, tc.old, tc.new), nvtrust.RIMRoot(), rimTime)
			require.ErrorIs(t, err, nvtrust.ErrManifestDigest)
			require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
			require.Nil(t, rim)
		})
	}
}

func TestRIMRejectsChangedSignature(t *testing.T) {
	for _, tc := range []struct{ name, old, new string }{
		{"signature value", `<ds:SignatureValue>s5JY`, `<ds:SignatureValue>s5JZ`},
		{"digest value", `<ds:DigestValue>D3Bc`, `<ds:DigestValue>D3Bd`},
		{"signature method", `xmldsig-more#ecdsa-sha384`, `xmldsig-more#ecdsa-sha256`},
		{"reference", `<ds:Reference URI="">`, `<ds:Reference URI="#x">`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := nvtrust.ParseRIM(editRIM(t, tc.old, tc.new), nvtrust.RIMRoot(), rimTime)
			require.ErrorIs(t, err, nvtrust.ErrManifestSignature)
			require.NotErrorIs(t, err, nvtrust.ErrManifestDigest)
		})
	}
}

func TestRIMCanonicalisesBeforeDigesting(t *testing.T) {
	// Changes that C14N 1.1 undoes leave the signed content, and the
	// verdict, as they were.
	for _, tc := range []struct{ name, old, new string }{
		{"empty element written out", `name="Measurement_0" size="48"/>`, `name="Measurement_0" size="48"></ns0:Resource>`},
		{"attribute order", `corpus="false" name="GH100"`, `name="GH100" corpus="false"`},
		{"quotes and spacing", `tagVersion="0">`, `tagVersion = '0' >`},
		{"comment", `</ns0:Payload>`, `<!-- note --></ns0:Payload>`},
		{"character reference", `product="GH100"`, `product="&#71;H100"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rim, err := nvtrust.ParseRIM(editRIM(t, tc.old, tc.new), nvtrust.RIMRoot(), rimTime)
			require.NoError(t, err)
			require.True(t, rim.Verified)
			require.Equal(t, "GH100", rim.Product)
		})
	}
}

func TestRIMRejectsOddStructure(t *testing.T) {
	sample := readFile(t, "nvtrust_1010_0200_882_96005E0001_PROD.swidtag")
	sigStart := bytes.Index(sample, []byte("<ds:Signature "))
	sigEnd := bytes.Index(sample, []byte("</ds:Signature>")) + len("</ds:Signature>")
	require.Positive(t, sigStart)
	signature := string(sample[sigStart:sigEnd])
	for _, tc := range []struct {
		name string
		doc  []byte
	}{
		{"document type", append([]byte("<!DOCTYPE SoftwareIdentity>\n"), sample...)},
		{"processing instruction", append([]byte("<?style x?>\n"), sample...)},
		{"text after the document", append(bytes.Clone(sample), "x"...)},
		{"unclosed", sample[:len(sample)-len("</SoftwareIdentity>\n")]},
		{"no signature", editRIM(t, signature, "")},
		{"two signatures", editRIM(t, signature, signature+signature)},
		{"signature not enveloped by the document element", editRIM(t, signature+"</SoftwareIdentity>", "<ns0:Evidence>"+signature+"</ns0:Evidence></SoftwareIdentity>")},
		{"signature in another namespace", editRIM(t, `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">`, `<ds:Signature xmlns:ds="urn:x">`)},
		{"extra element in the signature", editRIM(t, `</ds:KeyInfo>`, `</ds:KeyInfo><ds:Object/>`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEqual(t, sample, tc.doc)
			rim, err := nvtrust.ParseRIM(tc.doc, nvtrust.RIMRoot(), rimTime)
			require.ErrorIs(t, err, nvtrust.ErrMalformedManifest)
			require.NotErrorIs(t, err, nvtrust.ErrManifestDigest)
			require.Nil(t, rim)
		})
	}
}
