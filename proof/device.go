package proof

import "encoding/binary"

// Device identities and the registration nonce of an attested GPU. Like
// every other derived value they are defined here, and only here.
var (
	// DomainDeviceID derives the id of an attested GPU from the public key
	// of its device-identity certificate.
	DomainDeviceID = newDomain("Pars AI mining v1 device id")
	// DomainSoftwareDevice derives the id of a device that does not attest
	// (a CPU, or a GPU mined at the software-only tier).
	DomainSoftwareDevice = newDomain("Pars AI mining v1 software device id")
	// DomainDeviceRegistration derives the SPDM nonce a GPU must answer to
	// register on chain.
	DomainDeviceRegistration = newDomain("Pars AI mining v1 device registration")
)

// DeviceID returns the id of an attested GPU: the DomainDeviceID hash of
// the DER SubjectPublicKeyInfo of its device-identity certificate (the one
// that issues its attestation key, unique to the chip and stable across
// firmware updates).
func DeviceID(identitySPKI []byte) Hash { return DomainDeviceID.Sum(identitySPKI) }

// SoftwareDeviceID returns the id of a non-attesting device named name on a
// back-end of kind backendKind: DomainSoftwareDevice over kind ‖ "/" ‖ name.
// It only tells one miner's devices apart.
func SoftwareDeviceID(backendKind, name string) Hash {
	return DomainSoftwareDevice.Sum([]byte(backendKind + "/" + name))
}

// DeviceRegistrationNonce is the SPDM nonce the registration of deviceID
// for minerID on chainID must answer; generation is the device's
// registration count plus one, so an old registration report cannot be
// replayed. Layout hashed: chain_id(8) device_id(32) miner_id(32)
// generation(4), big-endian.
func DeviceRegistrationNonce(chainID uint64, deviceID, minerID Hash, generation uint32) Hash {
	b := make([]byte, 0, 8+32+32+4)
	b = binary.BigEndian.AppendUint64(b, chainID)
	b = append(b, deviceID[:]...)
	b = append(b, minerID[:]...)
	b = binary.BigEndian.AppendUint32(b, generation)
	return DomainDeviceRegistration.Sum(b)
}
