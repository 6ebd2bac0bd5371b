package nvtrust

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors. Every verification failure wraps exactly one of them, so
// callers can tell the reasons apart with errors.Is (ErrManifestSignature and
// ErrManifestDigest are finer kinds of ErrMalformedManifest).
var (
	// ErrMalformedReport: the SPDM request/response does not parse strictly.
	ErrMalformedReport = errors.New("nvtrust: malformed attestation report")
	// ErrBadSignature: the report's P-384 signature does not verify.
	ErrBadSignature = errors.New("nvtrust: report signature does not verify")
	// ErrNonceMismatch: the report answers another nonce than the expected one.
	ErrNonceMismatch = errors.New("nvtrust: report nonce mismatch")
	// ErrChain: the certificate chain does not lead to the pinned root.
	ErrChain = errors.New("nvtrust: invalid certificate chain")
	// ErrFWIDMismatch: the report's FWID field differs from the leaf certificate's.
	ErrFWIDMismatch = errors.New("nvtrust: FWID does not match the leaf certificate")
	// ErrPolicy: the evidence is genuine but the policy does not allow it.
	ErrPolicy = errors.New("nvtrust: evidence not allowed by policy")
	// ErrUnsupportedDevice: the signed fields name no GPU this protocol knows.
	ErrUnsupportedDevice = errors.New("nvtrust: unsupported device")
	// ErrMalformedManifest: a reference manifest (RIM) does not parse or verify.
	ErrMalformedManifest = errors.New("nvtrust: invalid reference manifest")
	// ErrManifestSignature: a reference manifest's signature over SignedInfo
	// does not verify with its signer's key. It wraps ErrMalformedManifest.
	ErrManifestSignature = fmt.Errorf("%w: signature does not verify", ErrMalformedManifest)
	// ErrManifestDigest: a reference manifest's content does not match the
	// digest its signed SignedInfo carries (it was edited after signing). It
	// wraps ErrMalformedManifest.
	ErrManifestDigest = fmt.Errorf("%w: document digest does not match", ErrMalformedManifest)
)

// FormatError locates a parse failure in a report.
type FormatError struct {
	Field  string // what was being read
	Offset int    // byte offset in the report
	Reason string // what is wrong
}

// Error implements error.
func (e *FormatError) Error() string {
	return fmt.Sprintf("nvtrust: malformed attestation report: %s at byte %d: %s", e.Field, e.Offset, e.Reason)
}

// Unwrap makes errors.Is(err, ErrMalformedReport) hold.
func (e *FormatError) Unwrap() error { return ErrMalformedReport }

// Reason is why a certificate or a chain was refused: a fixed code with a
// fixed text. Refusals inside consensus carry only these texts, so they
// never depend on a library's wording, the Go version or GODEBUG. The
// numeric values are part of no wire format but stay stable all the same.
type Reason uint8

// The reasons. A certificate that does not parse names what failed first,
// in the order the parser reads it; the chain checks follow.
const (
	ReasonMalformed          Reason = iota + 1 // not DER of the certificate layout
	ReasonTooLarge                             // over MaxCertificateSize
	ReasonChainTooLarge                        // over MaxChainDERSize
	ReasonTooManyCerts                         // more certificates than allowed
	ReasonNoCertificates                       // empty input
	ReasonNotCertificate                       // an element is not a DER SEQUENCE
	ReasonPEM                                  // not a plain PEM CERTIFICATE block
	ReasonSignatureAlgorithm                   // not ecdsa-with-SHA384 (both places)
	ReasonSignatureValue                       // the ECDSA-Sig-Value is not strict DER
	ReasonVersion                              // not X.509 v3
	ReasonSerial                               // serial not positive, minimal, ≤ 20 bytes
	ReasonName                                 // issuer or subject Name outside the profile
	ReasonValidity                             // a validity time outside RFC 5280's forms
	ReasonPublicKey                            // not an ECDSA P-384 point on the curve
	ReasonUniqueID                             // issuer or subject unique id present
	ReasonExtensions                           // malformed extensions
	ReasonTooManyExtensions                    // over MaxExtensions
	ReasonDuplicateExtension                   // one extension twice
	ReasonCriticalExtension                    // a critical extension not understood
	ReasonBasicConstraints                     // malformed basic constraints
	ReasonKeyUsage                             // malformed key usage
	ReasonNoRoot                               // no pinned root given
	ReasonChainLength                          // fewer than MinChainCerts or more than MaxChainCerts
	ReasonSelfIssued                           // a self-issued certificate inside the chain
	ReasonNotValidNow                          // outside its validity at the verification time
	ReasonIssuerName                           // issuer differs from the next certificate's subject
	ReasonBadSignature                         // the issuer's signature does not verify
	ReasonLeafIsCA                             // the leaf is a CA
	ReasonLeafKeyUsage                         // the leaf's key may not sign
	ReasonIssuerNotCA                          // an issuer is not a CA
	ReasonIssuerKeyUsage                       // an issuer may not sign certificates
	ReasonPathLength                           // a path length constraint is exceeded
	ReasonFWID                                 // the leaf's FWID extension is malformed
)

var reasonText = [...]string{
	ReasonMalformed:          "malformed certificate",
	ReasonTooLarge:           "certificate larger than 2048 bytes",
	ReasonChainTooLarge:      "chain larger than 12288 bytes",
	ReasonTooManyCerts:       "more than 6 certificates",
	ReasonNoCertificates:     "no certificates",
	ReasonNotCertificate:     "not a DER certificate",
	ReasonPEM:                "not a plain PEM CERTIFICATE block",
	ReasonSignatureAlgorithm: "signature algorithm is not ECDSA with SHA-384",
	ReasonSignatureValue:     "malformed ECDSA signature value",
	ReasonVersion:            "not an X.509 v3 certificate",
	ReasonSerial:             "serial number is not a positive minimal integer of at most 20 bytes",
	ReasonName:               "malformed name",
	ReasonValidity:           "malformed validity",
	ReasonPublicKey:          "public key is not an ECDSA P-384 point",
	ReasonUniqueID:           "unique identifiers are not allowed",
	ReasonExtensions:         "malformed extensions",
	ReasonTooManyExtensions:  "more than 12 extensions",
	ReasonDuplicateExtension: "duplicate extension",
	ReasonCriticalExtension:  "unhandled critical extension",
	ReasonBasicConstraints:   "malformed basic constraints",
	ReasonKeyUsage:           "malformed key usage",
	ReasonNoRoot:             "no pinned root",
	ReasonChainLength:        "wrong number of certificates below the root (want 2 to 5)",
	ReasonSelfIssued:         "self-issued certificate inside the chain (send the chain without its root)",
	ReasonNotValidNow:        "not valid at the verification time",
	ReasonIssuerName:         "issuer name differs from the next certificate's subject",
	ReasonBadSignature:       "signature does not verify with the issuer's key",
	ReasonLeafIsCA:           "leaf is a CA",
	ReasonLeafKeyUsage:       "leaf key may not sign",
	ReasonIssuerNotCA:        "issuer is not a CA",
	ReasonIssuerKeyUsage:     "issuer may not sign certificates",
	ReasonPathLength:         "path length constraint exceeded",
	ReasonFWID:               "malformed FWID extension",
}

// String returns the reason's fixed text.
func (r Reason) String() string {
	if int(r) < len(reasonText) && reasonText[r] != "" {
		return reasonText[r]
	}
	return "invalid certificate"
}

// Error implements error: ParseCertificate refuses with a bare Reason.
func (r Reason) Error() string { return "nvtrust: invalid certificate: " + r.String() }

// Unwrap makes errors.Is(err, ErrChain) hold.
func (r Reason) Unwrap() error { return ErrChain }

// ChainError says which certificate of a chain failed and why.
type ChainError struct {
	Index  int  // position in the chain, leaf = 0; -1 for the chain as a whole
	Root   bool // the pinned root failed (Index is then -1)
	Reason Reason
}

// Detail is the error without the package prefix, built only from the
// index and the reason's fixed text: "certificate 2: <reason>", "pinned
// root: <reason>" or "<reason>". registerDevice reverts with it.
func (e *ChainError) Detail() string {
	switch {
	case e.Root:
		return "pinned root: " + e.Reason.String()
	case e.Index < 0:
		return e.Reason.String()
	}
	return "certificate " + strconv.Itoa(e.Index) + ": " + e.Reason.String()
}

// Error implements error.
func (e *ChainError) Error() string { return "nvtrust: invalid certificate chain: " + e.Detail() }

// Unwrap makes errors.Is(err, ErrChain) hold.
func (e *ChainError) Unwrap() error { return ErrChain }

// chainErr locates a refusal: a Reason from ParseCertificate gets the
// certificate's index.
func chainErr(index int, err error) *ChainError {
	r, ok := err.(Reason)
	if !ok {
		r = ReasonMalformed
	}
	return &ChainError{Index: index, Reason: r}
}
