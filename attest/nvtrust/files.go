package nvtrust

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// FileError is a file that could not be read: a usage problem, not
// invalid evidence.
type FileError struct {
	Path string
	Err  error
}

// Error implements error.
func (e *FileError) Error() string { return fmt.Sprintf("read %s: %v", e.Path, e.Err) }

// Unwrap returns the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// ReadReportFile reads a report saved as hex text (whitespace ignored, as
// NVIDIA's tools write it) or as raw bytes.
func ReadReportFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	if s := strings.Join(strings.Fields(string(b)), ""); len(s) > 0 {
		if raw, err := hex.DecodeString(strings.TrimPrefix(s, "0x")); err == nil {
			return raw, nil
		}
	}
	return b, nil
}

// VerifyFiles verifies a report file (see ReadReportFile) and a PEM chain
// file (leaf first; a root sent with it is ignored). A file that cannot be
// read is a *FileError; anything else is a verification failure.
func VerifyFiles(reportPath, certsPath string, opts Options) (*Claims, error) {
	report, err := ReadReportFile(reportPath)
	if err != nil {
		return nil, err
	}
	pemChain, err := os.ReadFile(certsPath)
	if err != nil {
		return nil, &FileError{Path: certsPath, Err: err}
	}
	chain, err := ParseChainPEM(pemChain)
	if err != nil {
		return nil, err
	}
	return Verify(report, chain, opts)
}

// ParseNonceHex parses a 32-byte nonce written as hex (0x optional).
func ParseNonceHex(s string) (*[NonceSize]byte, error) {
	n, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(s), "0x"))
	if err != nil || len(n) != NonceSize {
		return nil, fmt.Errorf("nonce must be %d bytes of hex", NonceSize)
	}
	return (*[NonceSize]byte)(n), nil
}

// Result is the outcome of a verification as the command-line tools print
// it: {"valid": true, ...claims} or {"valid": false, "error", "reason"}.
type Result struct {
	Valid bool `json:"valid"`
	*Claims
	Error  string `json:"error,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// NewResult makes the printed result of Verify's answer.
func NewResult(claims *Claims, err error) Result {
	if err != nil {
		return Result{Error: err.Error(), Reason: FailureReason(err)}
	}
	return Result{Valid: true, Claims: claims}
}

// FailureReason names the failed check of a verification error, for
// scripts: malformed-report, bad-signature, nonce-mismatch,
// certificate-chain, fwid-mismatch, policy, unsupported-device or other.
func FailureReason(err error) string {
	for _, r := range []struct {
		err  error
		name string
	}{
		{ErrMalformedReport, "malformed-report"},
		{ErrBadSignature, "bad-signature"},
		{ErrNonceMismatch, "nonce-mismatch"},
		{ErrChain, "certificate-chain"},
		{ErrFWIDMismatch, "fwid-mismatch"},
		{ErrPolicy, "policy"},
		{ErrUnsupportedDevice, "unsupported-device"},
	} {
		if errors.Is(err, r.err) {
			return r.name
		}
	}
	return "other"
}
