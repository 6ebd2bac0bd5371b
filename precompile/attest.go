package precompile

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/proof"
)

// Device attestation in the precompile.
//
// Registration (registerDevice) verifies a GPU's certificate chain against
// the pinned root at BLOCK time and a report signed by the chain's leaf key,
// and stores the leaf's P-384 attestation key, the tier and the chip under
// the device id (nvtrust.DeviceID: the GPU's device identity certificate).
//
// Device and miner: the registration report must answer
// RegistrationNonce(chain id, device id, miner id, generation), so only whoever
// controls the GPU can name the miner it serves; a copied chain is useless
// without the GPU, and an old registration report cannot be replayed (the
// generation moves on with every registration). A proof's attestation is
// accepted only when the device is bound to the proof's MinerID, the proof's
// WorkContext names the device, and the report answers the WorkContext's
// AttestationNonce, so a report proves freshness for exactly that work.
// Revoked devices stay revoked.
//
// Everything is deterministic: no OCSP, no network, the block time as clock.

// Option configures a Contract.
type Option func(*Contract)

// WithDeviceRoot pins another device root instead of NVIDIA's Device
// Identity root: for tests and private networks with their own device CA.
// A chain that uses it must set it identically on every node.
func WithDeviceRoot(root *nvtrust.Certificate) Option {
	return func(c *Contract) { c.deviceRoot = root }
}

// nvidiaDeviceRoot is NVIDIA's pinned root, parsed once at initialisation
// and never changed.
var nvidiaDeviceRoot = nvtrust.DeviceIdentityRoot()

// AttestationVersion is the first byte of a proof's attestation.
const AttestationVersion byte = 1

// EncodeAttestation returns a proof's attestation bytes:
// AttestationVersion ‖ deviceID(32) ‖ SPDM report. The proof's
// AttestationHash is proof.HashAttestation of these bytes.
func EncodeAttestation(deviceID [32]byte, report []byte) []byte {
	out := make([]byte, 0, 33+len(report))
	out = append(out, AttestationVersion)
	out = append(out, deviceID[:]...)
	return append(out, report...)
}

// RegistrationNonce is the SPDM nonce the registration of deviceID for
// minerID on chainID must answer, where generation is the device's
// registration count plus one (registrationNonce on chain returns it).
func RegistrationNonce(chainID uint64, deviceID, minerID [32]byte, generation uint32) [32]byte {
	return proof.DeviceRegistrationNonce(chainID, deviceID, minerID, generation)
}

// FirmwareItem is a driver or VBIOS version as an allowlist item: its text
// left-aligned in 32 bytes. ok is false when it does not fit.
func FirmwareItem(version string) (item [32]byte, ok bool) {
	if len(version) > 32 {
		return item, false
	}
	copy(item[:], version)
	return item, true
}

// MeasurementsDigest is a report's measurement set as an allowlist item:
// SHA-256 of its 64 measurement values in order.
func MeasurementsDigest(r *nvtrust.Report) [32]byte {
	h := sha256.New()
	for i := range r.Measurements {
		h.Write(r.Measurements[i][:])
	}
	return [32]byte(h.Sum(nil))
}

// attestMethods are the device attestation functions.
func attestMethods() map[string]*method {
	return map[string]*method{
		"registerDevice":          {writes: true, gas: registerDeviceGas, run: (*call).registerDevice},
		"registrationNonce":       {gas: fixedGas(GasColdSload + GasProofChecks), run: (*call).registrationNonce},
		"deviceInfo":              {gas: fixedGas(deviceRecordSlots * GasColdSload), run: (*call).deviceInfo},
		"revokeDevice":            {writes: true, gas: fixedGas(gasRevokeDevice), run: (*call).revokeDevice},
		"setAttestationAllowlist": {writes: true, gas: fixedGas(gasSetAllowlist), run: (*call).setAttestationAllowlist},
		"attestationAllowlist":    {gas: fixedGas(2 * GasColdSload), run: (*call).attestationAllowlist},
	}
}

// Gas of the attestation functions, worst case.
var (
	// gasRegisterStorage: parameters, device meta, allowlist sizes and
	// three allowlist items read cold; five record slots created; the
	// DeviceRegistered log (3 topics; tier, generation, chip: 5 words).
	gasRegisterStorage = 4*GasColdSload + 5*GasColdSload + 5*GasSstoreSet + logGas(3, 160)
	// gasAttestedStorage: the device record, allowlist sizes and three
	// allowlist items read cold.
	gasAttestedStorage = (deviceRecordSlots + 4) * GasColdSload
	// gasRevokeDevice: parameters and device meta read, meta written, log.
	gasRevokeDevice = 5*GasColdSload + GasSstoreSet + logGas(2, 0)
	// gasSetAllowlist: parameters, sizes and item read, two writes, log.
	gasSetAllowlist = 6*GasColdSload + 2*GasSstoreSet + logGas(3, 32)
)

// registerDeviceGas prices registerDevice: the worst chain
// (nvtrust.MaxChainCerts P-384 certificates, each parsed and its signature
// checked), the report, and storage.
func registerDeviceGas(args []any) uint64 {
	chain, report := args[0].([]byte), args[1].([]byte)
	return nvtrust.MaxChainCerts*(GasCertificate+GasP384Verify) +
		GasCertChainPerWord*words(len(chain)) +
		attestationReportGas(len(report)) + gasRegisterStorage
}

// attestationReportGas prices parsing a report of n bytes, hashing it and
// checking its P-384 signature.
func attestationReportGas(n int) uint64 {
	return GasAttestationReport + GasP384Verify + GasAttestationPerWord*words(n)
}

// blockTime is the block timestamp as a time for certificate validity.
func (c *call) blockTime() time.Time {
	t := c.env.BlockTime()
	if t > 1<<62 {
		t = 1 << 62
	}
	return time.Unix(int64(t), 0).UTC()
}

// registerDevice(bytes certChain, bytes report, bytes32 minerId) returns (bytes32 deviceId)
func (c *call) registerDevice(args []any) ([]any, error) {
	chainDER, reportBytes, minerID := args[0].([]byte), args[1].([]byte), args[2].([32]byte)
	if minerID == ([32]byte{}) {
		return nil, revert("InvalidParameter", "minerId is zero")
	}
	// The size bounds come first (ParseChainDER checks them from the DER
	// headers alone); every refusal carries only the parser's fixed text.
	certs, err := nvtrust.ParseChainDER(chainDER)
	if err != nil {
		return nil, revert("CertificateInvalid", chainReason(err))
	}
	chain, err := nvtrust.VerifyChain(certs, c.deviceRoot, c.blockTime())
	if err != nil {
		return nil, revert("CertificateInvalid", chainReason(err))
	}
	rep, err := nvtrust.ParseReport(reportBytes)
	if err != nil {
		return nil, revert("AttestationInvalid", err.Error())
	}
	ev, err := nvtrust.CheckReport(rep, chain)
	if err != nil {
		if errors.Is(err, nvtrust.ErrUnsupportedDevice) {
			return nil, revert("UnsupportedDevice", chain.Chip)
		}
		return nil, revert("AttestationInvalid", err.Error())
	}
	if ev.Identity.Tier == nvtrust.TierNone || len(ev.Identity.Chip) > 16 {
		return nil, revert("UnsupportedDevice", ev.Identity.Chip)
	}
	id := chain.DeviceID
	d := c.st.deviceMeta(id)
	if d.status == deviceRevoked {
		return nil, revert("RevokedDevice", id)
	}
	gen := d.generation + 1
	if gen == 0 {
		return nil, revert("ArithmeticOverflow")
	}
	if want := RegistrationNonce(c.env.ChainID(), id, minerID, gen); rep.Nonce != want {
		return nil, revert("NonceMismatch", want, rep.Nonce)
	}
	if err := c.checkFirmware(rep, ev.DriverVersion, ev.VBIOSVersion); err != nil {
		return nil, err
	}
	key, err := nvtrust.MarshalAttestationKey(chain.Key)
	if err != nil {
		return nil, revert("CertificateInvalid", "attestation key is not a P-384 key")
	}
	d = device{status: deviceActive, tier: ev.Identity.Tier, generation: gen, registeredAt: c.env.BlockTime(),
		chip: ev.Identity.Chip, miner: minerID, key: key}
	c.st.setDevice(id, &d)
	c.env.AddLog([]common.Hash{eventTopic("DeviceRegistered"), id, minerID},
		packEventData("DeviceRegistered", uint8(d.tier), d.generation, d.chip))
	return []any{id}, nil
}

// chainReason is the revert text of a chain refusal: the index and the
// fixed text of its nvtrust.Reason, never a library's error text.
func chainReason(err error) string {
	var ce *nvtrust.ChainError
	if errors.As(err, &ce) {
		return ce.Detail()
	}
	return "invalid certificate chain"
}

// checkFirmware applies the governance allowlists; an empty list allows all.
func (c *call) checkFirmware(rep *nvtrust.Report, driver, vbios string) error {
	sizes := c.st.allowlistSizes()
	check := func(kind uint8, item [32]byte, ok bool) error {
		if sizes[kind] == 0 {
			return nil
		}
		if !ok || !c.st.allowed(kind, item) {
			return revert("FirmwareNotAllowed", kind, item)
		}
		return nil
	}
	item, ok := FirmwareItem(driver)
	if err := check(AllowDriver, item, ok); err != nil {
		return err
	}
	item, ok = FirmwareItem(vbios)
	if err := check(AllowVBIOS, item, ok); err != nil {
		return err
	}
	return check(AllowMeasurements, MeasurementsDigest(rep), true)
}

// attestedTrust checks a proof's attestation and returns the trust
// multiplier its device earns. The attestation hash is already checked.
func (c *call) attestedTrust(p *Params, wp *proof.AIWorkProof, attestation []byte) (uint16, error) {
	if len(attestation) < 33 || attestation[0] != AttestationVersion {
		return 0, revert("AttestationInvalid", fmt.Sprintf("attestation must be version %d ‖ device id(32) ‖ report", AttestationVersion))
	}
	id := [32]byte(attestation[1:33])
	d := c.st.device(id)
	switch d.status {
	case deviceActive:
	case deviceRevoked:
		return 0, revert("RevokedDevice", id)
	default:
		return 0, revert("UnknownDevice", id)
	}
	if miner := wp.MinerID(); d.miner != miner {
		return 0, revert("DeviceMinerMismatch", id, d.miner, [32]byte(miner))
	}
	if wp.Context.DeviceID != id {
		return 0, revert("WorkDeviceMismatch", [32]byte(wp.Context.DeviceID), id)
	}
	rep, err := nvtrust.ParseReport(attestation[33:])
	if err != nil {
		return 0, revert("AttestationInvalid", err.Error())
	}
	key, err := nvtrust.ParseAttestationKey(d.key)
	if err != nil {
		return 0, revert("AttestationInvalid", "stored attestation key is not a P-384 point")
	}
	if err := rep.VerifySignature(key); err != nil {
		return 0, revert("AttestationInvalid", err.Error())
	}
	if want := wp.Context.AttestationNonce(); rep.Nonce != want {
		return 0, revert("NonceMismatch", [32]byte(want), rep.Nonce)
	}
	driver, err := rep.DriverVersion()
	if err != nil {
		return 0, revert("AttestationInvalid", err.Error())
	}
	vbios, err := rep.VBIOSVersion()
	if err != nil {
		return 0, revert("AttestationInvalid", err.Error())
	}
	if err := c.checkFirmware(rep, driver, vbios); err != nil {
		return 0, err
	}
	if d.tier == nvtrust.TierAttested {
		return p.TrustAttestedBps, nil
	}
	return p.TrustSoftwareBps, nil
}

// registrationNonce(bytes32 deviceId, bytes32 minerId) view returns (bytes32)
func (c *call) registrationNonce(args []any) ([]any, error) {
	id, miner := args[0].([32]byte), args[1].([32]byte)
	d := c.st.deviceMeta(id)
	return []any{RegistrationNonce(c.env.ChainID(), id, miner, d.generation+1)}, nil
}

// deviceInfo(bytes32) view returns (minerId, tier, revoked, generation, registeredAt, chip, attestationKey)
func (c *call) deviceInfo(args []any) ([]any, error) {
	id := args[0].([32]byte)
	d := c.st.device(id)
	if d.status == deviceUnknown {
		return nil, revert("UnknownDevice", id)
	}
	key := d.key
	if key == nil {
		key = []byte{}
	}
	return []any{d.miner, uint8(d.tier), d.status == deviceRevoked, d.generation, d.registeredAt, d.chip, key}, nil
}

// revokeDevice(bytes32) — governance only; works for unregistered ids too.
func (c *call) revokeDevice(args []any) ([]any, error) {
	id := args[0].([32]byte)
	p := c.st.params()
	if caller := c.env.Caller(); caller != p.Governance {
		return nil, revert("NotGovernance", caller)
	}
	d := c.st.deviceMeta(id)
	if d.status == deviceRevoked {
		return nil, revert("RevokedDevice", id)
	}
	d.status = deviceRevoked
	c.st.setDeviceMeta(id, &d)
	c.env.AddLog([]common.Hash{eventTopic("DeviceRevoked"), id}, nil)
	return nil, nil
}

// setAttestationAllowlist(uint8 kind, bytes32 item, bool allowed) — governance only.
func (c *call) setAttestationAllowlist(args []any) ([]any, error) {
	kind, item, allow := args[0].(uint8), args[1].([32]byte), args[2].(bool)
	p := c.st.params()
	if caller := c.env.Caller(); caller != p.Governance {
		return nil, revert("NotGovernance", caller)
	}
	if kind >= numAllowKinds {
		return nil, revert("InvalidParameter", fmt.Sprintf("allowlist kind %d (want 0 driver, 1 VBIOS, 2 measurements)", kind))
	}
	if c.st.allowed(kind, item) == allow {
		return nil, nil
	}
	sizes := c.st.allowlistSizes()
	var v common.Hash
	if allow {
		sizes[kind]++
		v[31] = 1
	} else {
		sizes[kind]--
	}
	c.st.set(AllowlistSlot(kind, item), v)
	c.st.setAllowlistSizes(sizes)
	c.env.AddLog([]common.Hash{eventTopic("AttestationAllowlistChanged"), common.BigToHash(bigOf(uint64(kind))), item},
		packEventData("AttestationAllowlistChanged", allow))
	return nil, nil
}

// attestationAllowlist(uint8 kind, bytes32 item) view returns (bool allowed, uint32 size)
func (c *call) attestationAllowlist(args []any) ([]any, error) {
	kind, item := args[0].(uint8), args[1].([32]byte)
	if kind >= numAllowKinds {
		return nil, revert("InvalidParameter", fmt.Sprintf("allowlist kind %d", kind))
	}
	return []any{c.st.allowed(kind, item), c.st.allowlistSizes()[kind]}, nil
}
