package nvtrust

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"fmt"
)

// AttestationKeySize is the size of an encoded attestation key: the P-384
// point's X and Y, 48 bytes each (the uncompressed form without its 0x04).
const AttestationKeySize = 96

// marshalKey encodes a P-384 public key as X‖Y.
func marshalKey(pub *ecdsa.PublicKey) []byte {
	out := make([]byte, AttestationKeySize)
	pub.X.FillBytes(out[:48])
	pub.Y.FillBytes(out[48:])
	return out
}

// MarshalAttestationKey encodes a P-384 attestation key as X‖Y (96 bytes).
func MarshalAttestationKey(pub *ecdsa.PublicKey) ([]byte, error) {
	if pub == nil || pub.Curve != elliptic.P384() {
		return nil, fmt.Errorf("nvtrust: attestation key is not a P-384 key")
	}
	return marshalKey(pub), nil
}

// ParseAttestationKey decodes X‖Y and checks the point is on P-384.
func ParseAttestationKey(b []byte) (*ecdsa.PublicKey, error) {
	if len(b) != AttestationKeySize {
		return nil, fmt.Errorf("nvtrust: attestation key is %d bytes, want %d", len(b), AttestationKeySize)
	}
	uncompressed := append([]byte{4}, b...)
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P384(), uncompressed)
	if err != nil {
		return nil, fmt.Errorf("nvtrust: attestation key: %w", err)
	}
	return pub, nil
}
