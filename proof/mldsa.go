package proof

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/cloudflare/circl/sign/mldsa/mldsa44"
	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/cloudflare/circl/sign/mldsa/mldsa87"
)

// Scheme is an ML-DSA (FIPS 204) parameter set.
type Scheme uint8

// The three ML-DSA parameter sets. The zero value is invalid.
const (
	MLDSA44 Scheme = 44
	MLDSA65 Scheme = 65
	MLDSA87 Scheme = 87
)

// FIPS 204 context strings, one per kind of signed message. A signature
// made for one kind never verifies as another. They are part of the wire
// format.
var (
	// ContextWorkProof signs an AIWorkProof.
	ContextWorkProof = []byte("pars-aimining/v1/work-proof")
	// ContextJobTicket signs a gateway job ticket.
	ContextJobTicket = []byte("pars-aimining/v1/job-ticket")
	// ContextTeleport signs a teleport message.
	ContextTeleport = []byte("pars-aimining/v1/teleport")
	// ContextMinerRegistration signs a miner's gateway registration.
	ContextMinerRegistration = []byte("pars-aimining/v1/miner-registration")
	// ContextDeviceRegistration signs a device registration.
	ContextDeviceRegistration = []byte("pars-aimining/v1/device-registration")
	// ContextFederatedUpdate signs a federated-learning model update.
	ContextFederatedUpdate = []byte("pars-aimining/v1/federated-update")
	// ContextFederatedEnrolment signs a participant's enrolment in a
	// federated-learning round (proof of possession of its key).
	ContextFederatedEnrolment = []byte("pars-aimining/v1/federated-enrolment")
)

// Key and signature sizes in bytes, from FIPS 204.
const (
	PublicKeySize44 = mldsa44.PublicKeySize // 1312
	PublicKeySize65 = mldsa65.PublicKeySize // 1952
	PublicKeySize87 = mldsa87.PublicKeySize // 2592
	SignatureSize44 = mldsa44.SignatureSize // 2420
	SignatureSize65 = mldsa65.SignatureSize // 3309
	SignatureSize87 = mldsa87.SignatureSize // 4627
	// SeedSize is the size of the seed a key pair is derived from.
	SeedSize = 32
	// MaxContextSize is the longest FIPS 204 context string.
	MaxContextSize = 255
)

// ErrUnknownScheme reports a parameter set other than 44, 65 or 87.
var ErrUnknownScheme = errors.New("proof: unknown ML-DSA parameter set")

// String returns "ML-DSA-44", "ML-DSA-65" or "ML-DSA-87".
func (s Scheme) String() string {
	switch s {
	case MLDSA44, MLDSA65, MLDSA87:
		return fmt.Sprintf("ML-DSA-%d", uint8(s))
	default:
		return fmt.Sprintf("ML-DSA-invalid(%d)", uint8(s))
	}
}

// Valid reports whether s is one of the three parameter sets.
func (s Scheme) Valid() bool { return s == MLDSA44 || s == MLDSA65 || s == MLDSA87 }

// PublicKeySize returns the encoded public-key size of s (0 if invalid).
func (s Scheme) PublicKeySize() int {
	switch s {
	case MLDSA44:
		return PublicKeySize44
	case MLDSA65:
		return PublicKeySize65
	case MLDSA87:
		return PublicKeySize87
	}
	return 0
}

// SignatureSize returns the signature size of s (0 if invalid).
func (s Scheme) SignatureSize() int {
	switch s {
	case MLDSA44:
		return SignatureSize44
	case MLDSA65:
		return SignatureSize65
	case MLDSA87:
		return SignatureSize87
	}
	return 0
}

// SchemeForPublicKeySize returns the parameter set whose public keys are n
// bytes long.
func SchemeForPublicKeySize(n int) (Scheme, error) {
	switch n {
	case PublicKeySize44:
		return MLDSA44, nil
	case PublicKeySize65:
		return MLDSA65, nil
	case PublicKeySize87:
		return MLDSA87, nil
	}
	return 0, fmt.Errorf("%w: no parameter set has %d-byte public keys (want %d, %d or %d)",
		ErrUnknownScheme, n, PublicKeySize44, PublicKeySize65, PublicKeySize87)
}

// PublicKey is a decoded ML-DSA public key. Decoding (expanding the matrix)
// is most of the cost of a verification; a PublicKey can be verified against
// many times.
type PublicKey struct {
	scheme Scheme
	raw    []byte
	k44    *mldsa44.PublicKey
	k65    *mldsa65.PublicKey
	k87    *mldsa87.PublicKey
}

// ParsePublicKey decodes an encoded ML-DSA public key; the parameter set
// follows from its length.
func ParsePublicKey(b []byte) (*PublicKey, error) {
	s, err := SchemeForPublicKeySize(len(b))
	if err != nil {
		return nil, err
	}
	pk := &PublicKey{scheme: s, raw: append([]byte(nil), b...)}
	switch s {
	case MLDSA44:
		pk.k44 = new(mldsa44.PublicKey)
		err = pk.k44.UnmarshalBinary(b)
	case MLDSA65:
		pk.k65 = new(mldsa65.PublicKey)
		err = pk.k65.UnmarshalBinary(b)
	case MLDSA87:
		pk.k87 = new(mldsa87.PublicKey)
		err = pk.k87.UnmarshalBinary(b)
	}
	if err != nil {
		return nil, fmt.Errorf("proof: decode %v public key: %w", s, err)
	}
	return pk, nil
}

// Scheme returns the key's parameter set.
func (pk *PublicKey) Scheme() Scheme { return pk.scheme }

// Bytes returns a copy of the encoded key.
func (pk *PublicKey) Bytes() []byte { return append([]byte(nil), pk.raw...) }

// ID returns the key's miner id (its BLAKE3 hash under DomainMinerKey).
func (pk *PublicKey) ID() Hash { return MinerID(pk.raw) }

// Verify reports whether sig is a valid signature of msg under the FIPS 204
// context string ctx. A signature of the wrong length is simply invalid.
func (pk *PublicKey) Verify(msg, ctx, sig []byte) bool {
	if len(sig) != pk.scheme.SignatureSize() || len(ctx) > MaxContextSize {
		return false
	}
	switch pk.scheme {
	case MLDSA44:
		return mldsa44.Verify(pk.k44, msg, ctx, sig)
	case MLDSA65:
		return mldsa65.Verify(pk.k65, msg, ctx, sig)
	case MLDSA87:
		return mldsa87.Verify(pk.k87, msg, ctx, sig)
	}
	return false
}

// Verify decodes an encoded public key and checks sig over msg under ctx.
// It returns an error only for a malformed public key.
func Verify(publicKey, msg, ctx, sig []byte) (bool, error) {
	pk, err := ParsePublicKey(publicKey)
	if err != nil {
		return false, err
	}
	return pk.Verify(msg, ctx, sig), nil
}

// PrivateKey is an ML-DSA private key together with its public key.
type PrivateKey struct {
	scheme Scheme
	seed   [SeedSize]byte
	pub    *PublicKey
	k44    *mldsa44.PrivateKey
	k65    *mldsa65.PrivateKey
	k87    *mldsa87.PrivateKey
}

// GenerateKey makes a new key pair of parameter set s from 32 bytes of
// rand (crypto/rand.Reader when rand is nil).
func GenerateKey(s Scheme, r io.Reader) (*PrivateKey, error) {
	if r == nil {
		r = rand.Reader
	}
	var seed [SeedSize]byte
	if _, err := io.ReadFull(r, seed[:]); err != nil {
		return nil, fmt.Errorf("proof: read key seed: %w", err)
	}
	return NewKeyFromSeed(s, seed)
}

// NewKeyFromSeed derives the key pair of parameter set s from a 32-byte
// seed (FIPS 204 ML-DSA.KeyGen_internal). The same seed always gives the
// same keys, which is how wallets store them.
func NewKeyFromSeed(s Scheme, seed [SeedSize]byte) (*PrivateKey, error) {
	sk := &PrivateKey{scheme: s, seed: seed}
	var raw []byte
	switch s {
	case MLDSA44:
		pub, priv := mldsa44.NewKeyFromSeed(&seed)
		sk.k44, raw = priv, pub.Bytes()
	case MLDSA65:
		pub, priv := mldsa65.NewKeyFromSeed(&seed)
		sk.k65, raw = priv, pub.Bytes()
	case MLDSA87:
		pub, priv := mldsa87.NewKeyFromSeed(&seed)
		sk.k87, raw = priv, pub.Bytes()
	default:
		return nil, fmt.Errorf("%w: %d", ErrUnknownScheme, uint8(s))
	}
	pub, err := ParsePublicKey(raw)
	if err != nil {
		return nil, err
	}
	sk.pub = pub
	return sk, nil
}

// Scheme returns the key's parameter set.
func (sk *PrivateKey) Scheme() Scheme { return sk.scheme }

// Seed returns the 32-byte seed the key was derived from. Keep it secret.
func (sk *PrivateKey) Seed() [SeedSize]byte { return sk.seed }

// Public returns the matching public key.
func (sk *PrivateKey) Public() *PublicKey { return sk.pub }

// Sign signs msg under the FIPS 204 context string ctx. With deterministic
// set the signature depends only on key, message and context (FIPS 204's
// deterministic variant), which golden vectors rely on; otherwise it uses
// fresh randomness (the hedged variant, recommended against side channels).
func (sk *PrivateKey) Sign(msg, ctx []byte, deterministic bool) ([]byte, error) {
	if len(ctx) > MaxContextSize {
		return nil, fmt.Errorf("proof: ML-DSA context is %d bytes, at most %d allowed", len(ctx), MaxContextSize)
	}
	sig := make([]byte, sk.scheme.SignatureSize())
	var err error
	switch sk.scheme {
	case MLDSA44:
		err = mldsa44.SignTo(sk.k44, msg, ctx, !deterministic, sig)
	case MLDSA65:
		err = mldsa65.SignTo(sk.k65, msg, ctx, !deterministic, sig)
	case MLDSA87:
		err = mldsa87.SignTo(sk.k87, msg, ctx, !deterministic, sig)
	default:
		return nil, ErrUnknownScheme
	}
	if err != nil {
		return nil, fmt.Errorf("proof: sign with %v: %w", sk.scheme, err)
	}
	return sig, nil
}

// verifyWith checks that the decoded key pk is the encoded key and that sig
// is its signature of msg under ctx. role names the key in the error ("the
// proof's miner key").
func verifyWith(pk *PublicKey, key, msg, ctx, sig []byte, role string) error {
	if pk == nil || string(pk.raw) != string(key) {
		return fmt.Errorf("%w: public key does not match %s", ErrBadSignature, role)
	}
	if !pk.Verify(msg, ctx, sig) {
		return ErrBadSignature
	}
	return nil
}
