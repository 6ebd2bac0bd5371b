package precompile_test

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// allowAll puts dev's driver, VBIOS and measurement set on the governance
// allowlists, so every check reads its allowlist (the worst case).
func allowAll(b *testing.B, c *precompiletest.Chain, dev *nvtrusttest.Device) {
	rep, err := nvtrust.ParseReport(dev.Report([32]byte{}))
	if err != nil {
		b.Fatal(err)
	}
	drv, _ := precompile.FirmwareItem(dev.Driver)
	vb, _ := rep.VBIOSVersion()
	vbi, _ := precompile.FirmwareItem(vb)
	for _, it := range []struct {
		kind uint8
		item [32]byte
	}{{precompile.AllowDriver, drv}, {precompile.AllowVBIOS, vbi}, {precompile.AllowMeasurements, precompile.MeasurementsDigest(rep)}} {
		if r := c.Call(precompiletest.Frame{Caller: gov}, pack(b, "setAttestationAllowlist", it.kind, it.item, true)); r.Err != nil {
			b.Fatal(r.Err, r.Revert)
		}
	}
}

// BenchmarkGasAttestation measures the device attestation functions in
// their worst case against ecrecover in the same run (x-ecrecover ≥ 1
// means priced at or above ecrecover):
//
//	go test ./precompile -run '^$' -bench GasAttestation -benchtime 200x
func BenchmarkGasAttestation(b *testing.B) {
	// registerDevice: a chain of nvtrust.MaxChainCerts P-384 certificates
	// below the root, every allowlist in force, five record slots created.
	// "filled" is the priced worst case: each certificate filled to the
	// parser's bounds (nvtrust.MaxCertificateSize bytes,
	// nvtrust.MaxExtensions extensions); "plain" has test-CA certificates
	// of about 500 bytes. Their difference is the cost of the bytes.
	for _, fill := range []bool{true, false} {
		name := map[bool]string{true: "registerDevice/filled", false: "registerDevice/plain"}[fill]
		b.Run(name, func(b *testing.B) {
			measured(b, func(n int) func(int) precompiletest.Result {
				first := nvtrusttest.NewDevice(nvtrusttest.Options{Depth: nvtrust.MaxChainCerts, Fill: fill})
				c := newChain(b)
				c.Contract = precompile.New(precompile.WithDeviceRoot(first.Root))
				allowAll(b, c, first)
				miner := minerOf(key(b, proof.MLDSA44, 1))
				inputs := make([][]byte, n)
				for i := range inputs {
					dev := first
					if i > 0 {
						dev = nvtrusttest.NewDevice(nvtrusttest.Options{Depth: nvtrust.MaxChainCerts, Root: first, Fill: fill})
					}
					nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, 1)
					inputs[i] = pack(b, "registerDevice", dev.ChainDER(), dev.Report(nonce), miner)
				}
				return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{}, inputs[i]) }
			})
		})
	}

	// submitWorkProof with attestation: ML-DSA-87 (the costliest proof),
	// the longest epoch rollover, a fresh beneficiary, every allowlist.
	b.Run(fmt.Sprintf("submitWorkProof/attested/%v", proof.MLDSA87), func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := newChain(b)
			c.Contract = precompile.New(precompile.WithDeviceRoot(dev.Root))
			allowAll(b, c, dev)
			sk := key(b, proof.MLDSA87, 1)
			if r := register(b, c, dev, minerOf(sk), 1); r.Err != nil {
				b.Fatal(r.Err, r.Revert)
			}
			bondKey(b, c, sk)
			at := func(i int) uint64 { return uint64(t0) + uint64(i)*3600*(reward.MaxSkippedEpochSteps+2) }
			inputs := make([][]byte, n)
			for i := range inputs {
				p, att := attestedProof(b, sk, dev, 1000, func(p *proof.AIWorkProof) {
					p.Context.Timestamp = at(i)
					p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint(i)))
					h := proof.DomainOutput.Sum([]byte(fmt.Sprint(i)))
					p.Beneficiary = common.BytesToAddress(h[:20])
				})
				inputs[i] = pack(b, "submitWorkProof", p.Encode(), att)
			}
			return func(i int) precompiletest.Result {
				c.SetBlock(uint64(i+1), at(i))
				return c.Call(precompiletest.Frame{}, inputs[i])
			}
		})
	})
}
