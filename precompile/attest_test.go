package precompile_test

import (
	"bytes"
	"encoding/hex"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// attestChain is a Pars test chain whose precompile pins dev's test root
// instead of NVIDIA's.
func attestChain(t testing.TB, dev *nvtrusttest.Device) *precompiletest.Chain {
	c := newChain(t)
	c.Contract = precompile.New(precompile.WithDeviceRoot(dev.Root))
	return c
}

func deviceID(dev *nvtrusttest.Device) [32]byte { return nvtrust.DeviceID(dev.Chain[1]) }

// register registers dev for the miner of sk (generation gen) and returns the result.
func register(t testing.TB, c *precompiletest.Chain, dev *nvtrusttest.Device, miner [32]byte, gen uint32) precompiletest.Result {
	nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, gen)
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "registerDevice", dev.ChainDER(), dev.Report(nonce), miner))
}

// attestedProof signs a proof whose WorkContext names dev and whose
// attestation is dev's report answering the WorkContext's nonce.
func attestedProof(t testing.TB, sk *proof.PrivateKey, dev *nvtrusttest.Device, cu uint64, edit func(p *proof.AIWorkProof)) (*proof.AIWorkProof, []byte) {
	var att []byte
	p := makeProof(t, sk, chainPars, cu, func(p *proof.AIWorkProof) {
		p.Context.DeviceID = deviceID(dev)
		if edit != nil {
			edit(p)
		}
		att = precompile.EncodeAttestation(deviceID(dev), dev.Report(p.Context.AttestationNonce()))
		p.AttestationHash = proof.HashAttestation(att)
	})
	return p, att
}

func minerOf(sk *proof.PrivateKey) [32]byte { return [32]byte(sk.Public().ID()) }

func TestAttestedProofEarnsFullTrust(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	c := attestChain(t, dev)
	sk := key(t, proof.MLDSA65, 1)

	r := register(t, c, dev, minerOf(sk), 1)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, deviceID(dev), unpack(t, "registerDevice", r.Ret)[0])
	require.Len(t, r.Logs, 1)
	ev := iaimining.Events["DeviceRegistered"]
	require.Equal(t, ev.ID, r.Logs[0].Topics[0])
	require.Equal(t, common.Hash(deviceID(dev)), r.Logs[0].Topics[1])
	require.Equal(t, common.Hash(minerOf(sk)), r.Logs[0].Topics[2])
	vals, err := ev.Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	require.NoError(t, err)
	require.Equal(t, []any{uint8(nvtrust.TierAttested), uint32(1), "GH100"}, vals)

	info := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "deviceInfo", deviceID(dev)))
	require.NoError(t, info.Err)
	out := unpack(t, "deviceInfo", info.Ret)
	key, _ := nvtrust.MarshalAttestationKey(&dev.Key.PublicKey)
	require.Equal(t, []any{minerOf(sk), uint8(2), false, uint32(1), uint64(t0), "GH100", key}, out)

	p, att := attestedProof(t, sk, dev, 1000, nil)
	r = submit(c, t, p, att)
	require.NoError(t, r.Err, "%v", r.Revert)
	// 1e15 wei/unit × 1000 units × adjustment 1.0 × attested trust 1.0
	require.Equal(t, big.NewInt(1_000_000_000_000_000_000), unpack(t, "submitWorkProof", r.Ret)[0])

	// The same evidence cannot be used again, not even by the same miner
	// for other work: the report answers this WorkContext's nonce only.
	requireRevert(t, submit(c, t, p, att), "AlreadySpent")
	p2 := makeProof(t, sk, chainPars, 1000, func(p *proof.AIWorkProof) {
		p.Context.DeviceID = deviceID(dev)
		p.Context.Nonce = proof.Hash{9}
		p.AttestationHash = proof.HashAttestation(att)
	})
	requireRevert(t, submit(c, t, p2, att), "NonceMismatch")
}

func TestSoftwareTierDeviceEarnsSoftwareTrust(t *testing.T) {
	// A GB202 whose signed board names no known product could be an RTX
	// 5090: the lower tier applies.
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{Chip: "GB202", Project: "G999", ProjectSKU: "0000"})
	c := attestChain(t, dev)
	sk := key(t, proof.MLDSA44, 1)
	require.NoError(t, register(t, c, dev, minerOf(sk), 1).Err)
	p, att := attestedProof(t, sk, dev, 1000, nil)
	r := submit(c, t, p, att)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, big.NewInt(600_000_000_000_000_000), unpack(t, "submitWorkProof", r.Ret)[0])
}

// TestEveryAttestationCheckIsLoadBearing breaks one property of a valid
// attested submission per case.
func TestEveryAttestationCheckIsLoadBearing(t *testing.T) {
	sk := key(t, proof.MLDSA65, 1)
	other := key(t, proof.MLDSA65, 2)
	cases := []struct {
		name  string
		setup func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte)
		want  string
	}{
		{"unknown device", func(t *testing.T, c *precompiletest.Chain, _ *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			stranger := nvtrusttest.NewDevice(nvtrusttest.Options{})
			return attestedProof(t, sk, stranger, 10, nil)
		}, "UnknownDevice"},
		{"revoked device", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			require.NoError(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "revokeDevice", deviceID(dev))).Err)
			return attestedProof(t, sk, dev, 10, nil)
		}, "RevokedDevice"},
		{"another miner", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			return attestedProof(t, other, dev, 10, nil)
		}, "DeviceMinerMismatch"},
		{"work names another device", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			var att []byte
			p := makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) {
				p.Context.DeviceID = proof.Hash{7}
				att = precompile.EncodeAttestation(deviceID(dev), dev.Report(p.Context.AttestationNonce()))
				p.AttestationHash = proof.HashAttestation(att)
			})
			return p, att
		}, "WorkDeviceMismatch"},
		{"stale nonce", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			var att []byte
			p := makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) {
				p.Context.DeviceID = deviceID(dev)
				att = precompile.EncodeAttestation(deviceID(dev), dev.Report([32]byte{1}))
				p.AttestationHash = proof.HashAttestation(att)
			})
			return p, att
		}, "NonceMismatch"},
		{"signature", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			var att []byte
			p := makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) {
				p.Context.DeviceID = deviceID(dev)
				att = precompile.EncodeAttestation(deviceID(dev), dev.Report(p.Context.AttestationNonce()))
				att[len(att)-1] ^= 1
				p.AttestationHash = proof.HashAttestation(att)
			})
			return p, att
		}, "AttestationInvalid"},
		{"signed by another GPU", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			impostor := nvtrusttest.NewDevice(nvtrusttest.Options{Root: dev})
			var att []byte
			p := makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) {
				p.Context.DeviceID = deviceID(dev)
				att = precompile.EncodeAttestation(deviceID(dev), impostor.Report(p.Context.AttestationNonce()))
				p.AttestationHash = proof.HashAttestation(att)
			})
			return p, att
		}, "AttestationInvalid"},
		{"trailing byte", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			var att []byte
			p := makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) {
				p.Context.DeviceID = deviceID(dev)
				att = append(precompile.EncodeAttestation(deviceID(dev), dev.Report(p.Context.AttestationNonce())), 0)
				p.AttestationHash = proof.HashAttestation(att)
			})
			return p, att
		}, "AttestationInvalid"},
		{"encoding version", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			var att []byte
			p := makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) {
				p.Context.DeviceID = deviceID(dev)
				att = precompile.EncodeAttestation(deviceID(dev), dev.Report(p.Context.AttestationNonce()))
				att[0] = 2
				p.AttestationHash = proof.HashAttestation(att)
			})
			return p, att
		}, "AttestationInvalid"},
		{"attestation not signed by the miner", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			p, att := attestedProof(t, sk, dev, 10, nil)
			p2 := makeProof(t, sk, chainPars, 10, func(q *proof.AIWorkProof) { q.Context = p.Context })
			return p2, att
		}, "AttestationMismatch"},
		{"driver not allowed", func(t *testing.T, c *precompiletest.Chain, dev *nvtrusttest.Device) (*proof.AIWorkProof, []byte) {
			item, _ := precompile.FirmwareItem("999.99")
			require.NoError(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setAttestationAllowlist", precompile.AllowDriver, item, true)).Err)
			return attestedProof(t, sk, dev, 10, nil)
		}, "FirmwareNotAllowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := attestChain(t, dev)
			require.NoError(t, register(t, c, dev, minerOf(sk), 1).Err)
			bondKey(t, c, sk)
			p, att := tc.setup(t, c, dev)
			bondID(t, c, p.MinerID())
			before := root(c)
			r := submit(c, t, p, att)
			requireRevert(t, r, tc.want)
			require.Equal(t, before, root(c))
		})
	}
}

func TestFirmwareAllowlist(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	c := attestChain(t, dev)
	sk := key(t, proof.MLDSA44, 1)
	require.NoError(t, register(t, c, dev, minerOf(sk), 1).Err)
	set := func(kind uint8, item [32]byte, allow bool) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setAttestationAllowlist", kind, item, allow))
	}
	drv, _ := precompile.FirmwareItem("550.90.07")
	vb, _ := precompile.FirmwareItem("96.00.9F.00.01")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setAttestationAllowlist", uint8(0), drv, true)), "NotGovernance")
	requireRevert(t, set(3, drv, true), "InvalidParameter")
	r := set(precompile.AllowDriver, drv, true)
	require.NoError(t, r.Err)
	require.Len(t, r.Logs, 1)
	require.NoError(t, set(precompile.AllowVBIOS, vb, true).Err)
	q := c.Call(precompiletest.Frame{}, pack(t, "attestationAllowlist", precompile.AllowDriver, drv))
	require.NoError(t, q.Err)
	require.Equal(t, []any{true, uint32(1)}, unpack(t, "attestationAllowlist", q.Ret))

	p, att := attestedProof(t, sk, dev, 10, nil)
	require.NoError(t, submit(c, t, p, att).Err)
	// Measurement sets: only the allowed digest passes.
	require.NoError(t, set(precompile.AllowMeasurements, [32]byte{1}, true).Err)
	p, att = attestedProof(t, sk, dev, 11, nil)
	requireRevert(t, submit(c, t, p, att), "FirmwareNotAllowed")
	rep, err := nvtrust.ParseReport(att[33:])
	require.NoError(t, err)
	require.NoError(t, set(precompile.AllowMeasurements, precompile.MeasurementsDigest(rep), true).Err)
	require.NoError(t, submit(c, t, p, att).Err)
	// Removing the only driver empties its list, which allows any driver.
	require.NoError(t, set(precompile.AllowDriver, drv, false).Err)
	q = c.Call(precompiletest.Frame{}, pack(t, "attestationAllowlist", precompile.AllowDriver, drv))
	require.Equal(t, []any{false, uint32(0)}, unpack(t, "attestationAllowlist", q.Ret))
}

func TestRegisterDeviceRefusals(t *testing.T) {
	sk := key(t, proof.MLDSA44, 1)
	miner := minerOf(sk)
	cases := []struct {
		name string
		run  func(t *testing.T) precompiletest.Result
		want string
	}{
		{"NVIDIA root pinned", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := newChain(t) // production contract
			return register(t, c, dev, miner, 1)
		}, "CertificateInvalid"},
		{"expired at block time", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{NotAfter: timeAt(t0 - 1)})
			return register(t, attestChain(t, dev), dev, miner, 1)
		}, "CertificateInvalid"},
		{"root included", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := attestChain(t, dev)
			nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, 1)
			chain := append(dev.ChainDER(), dev.Root.Raw...)
			return c.Call(precompiletest.Frame{}, pack(t, "registerDevice", chain, dev.Report(nonce), miner))
		}, "CertificateInvalid"},
		{"trailing chain byte", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := attestChain(t, dev)
			nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, 1)
			return c.Call(precompiletest.Frame{}, pack(t, "registerDevice", append(dev.ChainDER(), 0), dev.Report(nonce), miner))
		}, "CertificateInvalid"},
		{"leaf missing", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := attestChain(t, dev)
			nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, 1)
			return c.Call(precompiletest.Frame{}, pack(t, "registerDevice", nvtrust.EncodeChainDER(dev.Chain[1:]), dev.Report(nonce), miner))
		}, "CertificateInvalid"},
		{"registration nonce for another miner", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := attestChain(t, dev)
			nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), minerOf(key(t, proof.MLDSA44, 2)), 1)
			return c.Call(precompiletest.Frame{}, pack(t, "registerDevice", dev.ChainDER(), dev.Report(nonce), miner))
		}, "NonceMismatch"},
		{"registration nonce of another chain", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := attestChain(t, dev)
			nonce := precompile.RegistrationNonce(chainZoo, deviceID(dev), miner, 1)
			return c.Call(precompiletest.Frame{}, pack(t, "registerDevice", dev.ChainDER(), dev.Report(nonce), miner))
		}, "NonceMismatch"},
		{"report by another key", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			impostor := nvtrusttest.NewDevice(nvtrusttest.Options{Root: dev})
			c := attestChain(t, dev)
			nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, 1)
			return c.Call(precompiletest.Frame{}, pack(t, "registerDevice", dev.ChainDER(), impostor.Report(nonce), miner))
		}, "AttestationInvalid"},
		{"unsupported chip", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{Chip: "TU102"})
			return register(t, attestChain(t, dev), dev, miner, 1)
		}, "UnsupportedDevice"},
		{"revoked before registration", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			c := attestChain(t, dev)
			require.NoError(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "revokeDevice", deviceID(dev))).Err)
			return register(t, c, dev, miner, 1)
		}, "RevokedDevice"},
		{"zero miner", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			return register(t, attestChain(t, dev), dev, [32]byte{}, 1)
		}, "InvalidParameter"},
		{"revoke by stranger", func(t *testing.T) precompiletest.Result {
			dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
			return attestChain(t, dev).Call(precompiletest.Frame{Caller: stranger}, pack(t, "revokeDevice", deviceID(dev)))
		}, "NotGovernance"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			requireRevert(t, tc.run(t), tc.want)
		})
	}
}

func TestReRegistrationMovesGeneration(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	c := attestChain(t, dev)
	a, b := key(t, proof.MLDSA44, 1), key(t, proof.MLDSA44, 2)
	nonceA := precompile.RegistrationNonce(chainPars, deviceID(dev), minerOf(a), 1)
	oldReport := dev.Report(nonceA)
	require.NoError(t, c.Call(precompiletest.Frame{}, pack(t, "registerDevice", dev.ChainDER(), oldReport, minerOf(a))).Err)
	// The view tells the GPU owner what to sign next.
	q := c.Call(precompiletest.Frame{}, pack(t, "registrationNonce", deviceID(dev), minerOf(b)))
	require.NoError(t, q.Err)
	require.Equal(t, precompile.RegistrationNonce(chainPars, deviceID(dev), minerOf(b), 2), unpack(t, "registrationNonce", q.Ret)[0])
	require.NoError(t, register(t, c, dev, minerOf(b), 2).Err)
	// The old registration cannot be replayed to take the device back.
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "registerDevice", dev.ChainDER(), oldReport, minerOf(a))), "NonceMismatch")
	p, att := attestedProof(t, a, dev, 10, nil)
	requireRevert(t, submit(c, t, p, att), "DeviceMinerMismatch")
	p, att = attestedProof(t, b, dev, 10, nil)
	require.NoError(t, submit(c, t, p, att).Err)
	// Revocation is final and visible.
	r := c.Call(precompiletest.Frame{Caller: gov}, pack(t, "revokeDevice", deviceID(dev)))
	require.NoError(t, r.Err)
	require.Equal(t, iaimining.Events["DeviceRevoked"].ID, r.Logs[0].Topics[0])
	requireRevert(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "revokeDevice", deviceID(dev))), "RevokedDevice")
	info := unpack(t, "deviceInfo", c.Call(precompiletest.Frame{}, pack(t, "deviceInfo", deviceID(dev))).Ret)
	require.Equal(t, true, info[2])
	require.Equal(t, uint32(2), info[3])
	requireRevert(t, register(t, c, dev, minerOf(b), 3), "RevokedDevice")
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "deviceInfo", [32]byte{1})), "UnknownDevice")
}

// TestRegisterRealNVIDIAChain runs real GPU chains through registerDevice
// under the production (NVIDIA) root at a block time inside their
// validity: the chain and the report's signature pass, and the registration
// stops at the nonce, which a published report cannot answer.
func TestRegisterRealNVIDIAChain(t *testing.T) {
	for _, s := range []struct{ report, chain string }{
		{"nvtrust_hopperAttestationReport.txt", "nvtrust_hopperCertChain.txt"},
		{"sdk_blackwellAttestationReport.txt", "sdk_blackwellCertChain.txt"},
		{"trustee_rtxpro6000_gb202_report.txt", "trustee_rtxpro6000_gb202_certs.txt"},
	} {
		t.Run(s.chain, func(t *testing.T) {
			pemChain, err := os.ReadFile("../testdata/nvtrust/" + s.chain)
			require.NoError(t, err)
			certs, err := nvtrust.ParseChainPEM(pemChain)
			require.NoError(t, err)
			der := nvtrust.EncodeChainDER(nvtrust.DropSuppliedRoot(certs))
			hx, err := os.ReadFile("../testdata/nvtrust/" + s.report)
			require.NoError(t, err)
			report, err := hex.DecodeString(strings.TrimSpace(string(hx)))
			require.NoError(t, err)
			miner := minerOf(key(t, proof.MLDSA44, 1))

			c := newChain(t)
			r := c.Call(precompiletest.Frame{}, pack(t, "registerDevice", der, report, miner))
			requireRevert(t, r, "NonceMismatch")
			require.Equal(t, [32]byte(report[4:36]), r.Revert.Args[1])

			// Before the chain's CAs were issued, the chain is refused.
			c.SetBlock(2, 1_600_000_000)
			requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "registerDevice", der, report, miner)), "CertificateInvalid")
			// With the root the GPU supplied left in, it is refused too.
			c.SetBlock(3, t0)
			requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "registerDevice", nvtrust.EncodeChainDER(certs), report, miner)), "CertificateInvalid")
			// A byte flipped in the report's signature.
			bad := bytes.Clone(report)
			bad[len(bad)-1] ^= 1
			requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "registerDevice", der, bad, miner)), "AttestationInvalid")
		})
	}
}

func timeAt(unix int64) time.Time { return time.Unix(unix, 0).UTC() }
