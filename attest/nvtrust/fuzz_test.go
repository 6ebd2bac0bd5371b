package nvtrust_test

import (
	"bytes"
	"crypto/elliptic"
	"crypto/x509"
	"errors"
	"testing"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
)

// FuzzParseReport: the parser never panics, and whatever it accepts has
// exactly the layout it promises (signed bytes are everything but the
// 96-byte signature; opaque types are unique).
//
//	go test ./attest/nvtrust -run '^$' -fuzz FuzzParseReport -fuzztime 30s
func FuzzParseReport(f *testing.F) {
	for _, s := range validSamples(f)[:5] {
		f.Add(s.report)
	}
	f.Add(readReport(f, "trustee_hopper_coco_report1_trailingbyte.txt"))
	f.Add(nvtrusttest.NewDevice(nvtrusttest.Options{}).Report([32]byte{}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := nvtrust.ParseReport(b)
		if err != nil {
			return
		}
		if len(rep.SignedBytes())+nvtrust.SignatureSize != len(b) {
			t.Fatal("signed bytes do not cover the report")
		}
		seen := map[uint16]bool{}
		for _, o := range rep.Opaque {
			if seen[o.Type] {
				t.Fatalf("duplicate opaque type %d accepted", o.Type)
			}
			seen[o.Type] = true
		}
		_, _ = rep.DriverVersion()
		_, _ = rep.VBIOSVersion()
		_, _, _ = rep.ChipInfo()
		_, _, _ = rep.FWID()
	})
}

// FuzzParseChainDER: the registerDevice chain decoder never panics.
func FuzzParseChainDER(f *testing.F) {
	f.Add(nvtrusttest.NewDevice(nvtrusttest.Options{}).ChainDER())
	f.Add([]byte{0x30, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		certs, err := nvtrust.ParseChainDER(b)
		if err == nil && len(certs) == 0 {
			t.Fatal("empty chain accepted")
		}
	})
}

// FuzzParseCertificate: the certificate parser never panics, what it
// accepts is within its bounds, and where crypto/x509 also accepts the
// input, both read the same fields.
//
//	go test ./attest/nvtrust -run '^$' -fuzz FuzzParseCertificate -fuzztime 30s
func FuzzParseCertificate(f *testing.F) {
	for _, rc := range realChains(f)[:4] {
		for _, der := range rc.ders {
			f.Add(der)
		}
	}
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{Fill: true})
	f.Add(dev.Chain[0].Raw)
	f.Add([]byte{0x30, 0x00})
	f.Fuzz(func(t *testing.T, der []byte) {
		c, err := nvtrust.ParseCertificate(der)
		if err != nil {
			var r nvtrust.Reason
			if !errors.As(err, &r) || r == 0 {
				t.Fatalf("refusal is not a fixed reason: %v", err)
			}
			return
		}
		if len(der) > nvtrust.MaxCertificateSize || len(c.Extensions) > nvtrust.MaxExtensions ||
			len(c.SerialNumber) == 0 || len(c.SerialNumber) > nvtrust.MaxSerialSize || c.SerialNumber[0] == 0 ||
			c.PublicKey == nil || c.PublicKey.Curve != elliptic.P384() {
			t.Fatal("accepted a certificate outside the profile")
		}
		x, err := x509.ParseCertificate(der)
		if err != nil {
			return // x509 also reads extensions this parser skips
		}
		if !bytes.Equal(x.RawSubject, c.RawSubject) || !bytes.Equal(x.RawIssuer, c.RawIssuer) ||
			!bytes.Equal(x.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo) ||
			!bytes.Equal(x.SerialNumber.Bytes(), c.SerialNumber) ||
			!x.NotBefore.Equal(c.NotBefore) || !x.NotAfter.Equal(c.NotAfter) ||
			x.IsCA != c.IsCA || uint16(x.KeyUsage) != uint16(c.KeyUsage) || x.Subject.CommonName != c.CommonName {
			t.Fatal("crypto/x509 reads the accepted certificate differently")
		}
	})
}
