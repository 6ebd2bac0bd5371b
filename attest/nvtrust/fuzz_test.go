package nvtrust_test

import (
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
