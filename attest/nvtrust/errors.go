package nvtrust

import (
	"errors"
	"fmt"
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

// ChainError says which certificate of a chain failed and why.
type ChainError struct {
	Index  int // position in the chain, leaf = 0; -1 for the chain as a whole
	Reason string
}

// Error implements error.
func (e *ChainError) Error() string {
	if e.Index < 0 {
		return "nvtrust: invalid certificate chain: " + e.Reason
	}
	return fmt.Sprintf("nvtrust: invalid certificate chain: certificate %d: %s", e.Index, e.Reason)
}

// Unwrap makes errors.Is(err, ErrChain) hold.
func (e *ChainError) Unwrap() error { return ErrChain }
