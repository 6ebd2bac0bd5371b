package nvtrust_test

import (
	"testing"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
)

// The costs the precompile's gas schedule prices (see
// precompile/gas_attest_bench_test.go for the priced totals).
func BenchmarkReport(b *testing.B) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{Depth: nvtrust.MaxChainCerts})
	report := dev.Report([32]byte{})
	der := dev.ChainDER()
	rep, err := nvtrust.ParseReport(report)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("ParseReport", func(b *testing.B) {
		for b.Loop() {
			if _, err := nvtrust.ParseReport(report); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("VerifySignature", func(b *testing.B) {
		for b.Loop() {
			if err := rep.VerifySignature(&dev.Key.PublicKey); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ParseChainDER/5", func(b *testing.B) {
		for b.Loop() {
			if _, err := nvtrust.ParseChainDER(der); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The worst case the size bounds allow: every certificate filled to
	// MaxCertificateSize bytes and MaxExtensions extensions.
	filled := nvtrusttest.NewDevice(nvtrusttest.Options{Depth: nvtrust.MaxChainCerts, Fill: true}).ChainDER()
	b.Run("ParseChainDER/5/filled", func(b *testing.B) {
		b.SetBytes(int64(len(filled)))
		for b.Loop() {
			if _, err := nvtrust.ParseChainDER(filled); err != nil {
				b.Fatal(err)
			}
		}
	})
	certs, _ := nvtrust.ParseChainDER(der)
	b.Run("VerifyChain/5", func(b *testing.B) {
		for b.Loop() {
			if _, err := nvtrust.VerifyChain(certs, dev.Root, sampleTime); err != nil {
				b.Fatal(err)
			}
		}
	})
}
