package nvtrust

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"math/big"
)

// Sizes of the fixed parts of a report.
const (
	RequestSize      = 37 // GET_MEASUREMENTS request
	NonceSize        = 32 // request and responder nonces
	NumMeasurements  = 64 // measurement blocks in every report
	DigestSize       = 48 // SHA-384 measurement value
	SignatureSize    = 96 // raw r‖s, P-384
	blockSize        = 4 + 3 + DigestSize
	responseHeader   = 8
	minResponseSize  = responseHeader + NumMeasurements*blockSize + NonceSize + 2 + SignatureSize
	spdmVersion11    = 0x11
	codeGetMeasure   = 0xE0
	codeMeasurements = 0x60
)

// Opaque field types NVIDIA GPUs put in the MEASUREMENTS response.
const (
	FieldDriverVersion   uint16 = 3
	FieldVBIOSVersion    uint16 = 6
	FieldNVDECStatus     uint16 = 11
	FieldMeasurementCnt  uint16 = 12
	FieldBoardID         uint16 = 14
	FieldChipSKU         uint16 = 15
	FieldProject         uint16 = 17
	FieldProjectSKU      uint16 = 18
	FieldFWID            uint16 = 20
	FieldProtectedPCIe   uint16 = 21
	FieldSwitchPDIs      uint16 = 22
	FieldOpaqueVersion   uint16 = 34
	FieldChipInfo        uint16 = 35
	FieldFeatureFlag     uint16 = 36
	maxReportSize               = 1 << 16
	maxOpaqueFieldsCount        = 256
)

// OpaqueField is one type-length-value of the response's opaque data.
type OpaqueField struct {
	Type  uint16
	Value []byte
}

// Report is a parsed SPDM GET_MEASUREMENTS request and MEASUREMENTS response.
// Its slices alias the bytes it was parsed from.
type Report struct {
	raw            []byte
	Nonce          [NonceSize]byte                   // the request (freshness) nonce
	Measurements   [NumMeasurements][DigestSize]byte // block i holds measurement index i+1
	ResponderNonce [NonceSize]byte                   // the GPU's nonce; not a freshness proof
	Opaque         []OpaqueField                     // in wire order, types unique
	Signature      [SignatureSize]byte               // raw r‖s
}

// reader reads a report front to back and reports the first failure.
type reader struct {
	b   []byte
	off int
}

func (r *reader) fail(field, format string, args ...any) error {
	return &FormatError{Field: field, Offset: r.off, Reason: fmt.Sprintf(format, args...)}
}

func (r *reader) take(field string, n int) ([]byte, error) {
	if n < 0 || len(r.b)-r.off < n {
		return nil, r.fail(field, "need %d bytes, have %d", n, len(r.b)-r.off)
	}
	v := r.b[r.off : r.off+n]
	r.off += n
	return v, nil
}

// expect reads len(want) bytes that must equal want.
func (r *reader) expect(field string, want []byte) error {
	at := r.off
	v, err := r.take(field, len(want))
	if err != nil {
		return err
	}
	if !bytes.Equal(v, want) {
		r.off = at
		return r.fail(field, "got %x, want %x", v, want)
	}
	return nil
}

func le16(b []byte) int { return int(binary.LittleEndian.Uint16(b)) }

// ParseReport parses an SPDM GET_MEASUREMENTS request followed by its
// MEASUREMENTS response, strictly: every fixed field must hold the value an
// NVIDIA GPU sends, lengths must add up exactly, opaque types must be unique
// and nothing may follow the signature. It never panics.
func ParseReport(b []byte) (*Report, error) {
	r := &reader{b: b}
	if len(b) > maxReportSize {
		return nil, r.fail("length", "%d bytes, more than %d", len(b), maxReportSize)
	}
	if len(b) < RequestSize+minResponseSize {
		return nil, r.fail("length", "%d bytes, less than the %d of the smallest report", len(b), RequestSize+minResponseSize)
	}
	rep := &Report{raw: b}
	// Request.
	if err := r.expect("request header", []byte{spdmVersion11, codeGetMeasure, 0x01, 0xFF}); err != nil {
		return nil, err
	}
	v, _ := r.take("request nonce", NonceSize)
	copy(rep.Nonce[:], v)
	if err := r.expect("request slot", []byte{0}); err != nil {
		return nil, err
	}
	// Response header.
	if err := r.expect("response header", []byte{spdmVersion11, codeMeasurements, 0x00, 0x00}); err != nil {
		return nil, err
	}
	if err := r.expect("number of blocks", []byte{NumMeasurements}); err != nil {
		return nil, err
	}
	recLen := NumMeasurements * blockSize
	if err := r.expect("measurement record length", []byte{byte(recLen), byte(recLen >> 8), byte(recLen >> 16)}); err != nil {
		return nil, err
	}
	for i := range NumMeasurements {
		// index, spec 1 (DMTF), size 51, DMTF type 1 with a 48-byte digest.
		if err := r.expect(fmt.Sprintf("measurement block %d header", i+1),
			[]byte{byte(i + 1), 0x01, blockSize - 4, 0x00, 0x01, DigestSize, 0x00}); err != nil {
			return nil, err
		}
		v, _ := r.take("measurement value", DigestSize)
		copy(rep.Measurements[i][:], v)
	}
	v, _ = r.take("responder nonce", NonceSize)
	copy(rep.ResponderNonce[:], v)
	lv, _ := r.take("opaque length", 2)
	opaqueLen := le16(lv)
	if want := len(b) - r.off - SignatureSize; opaqueLen != want {
		return nil, r.fail("opaque length", "%d, but %d bytes lie between it and the signature", opaqueLen, want)
	}
	end := r.off + opaqueLen
	for r.off < end {
		at := r.off
		h, err := r.take("opaque field header", 4)
		if err != nil || r.off > end {
			r.off = at
			return nil, r.fail("opaque field header", "runs past the opaque data")
		}
		typ, n := uint16(le16(h[0:2])), le16(h[2:4])
		if end-r.off < n {
			r.off = at
			return nil, r.fail("opaque field", "type %d length %d runs past the opaque data", typ, n)
		}
		for _, f := range rep.Opaque {
			if f.Type == typ {
				r.off = at
				return nil, r.fail("opaque field", "type %d appears twice", typ)
			}
		}
		if len(rep.Opaque) == maxOpaqueFieldsCount {
			r.off = at
			return nil, r.fail("opaque field", "more than %d fields", maxOpaqueFieldsCount)
		}
		val, _ := r.take("opaque value", n)
		rep.Opaque = append(rep.Opaque, OpaqueField{Type: typ, Value: val})
	}
	v, _ = r.take("signature", SignatureSize)
	copy(rep.Signature[:], v)
	if r.off != len(b) {
		return nil, r.fail("end", "%d trailing bytes after the signature", len(b)-r.off)
	}
	return rep, nil
}

// Raw returns the bytes the report was parsed from.
func (r *Report) Raw() []byte { return r.raw }

// SignedBytes returns what the GPU signed: the request and the response up
// to (not including) the signature.
func (r *Report) SignedBytes() []byte { return r.raw[:len(r.raw)-SignatureSize] }

// Field returns the value of the opaque field of type t.
func (r *Report) Field(t uint16) ([]byte, bool) {
	for _, f := range r.Opaque {
		if f.Type == t {
			return f.Value, true
		}
	}
	return nil, false
}

// VerifySignature checks the report's ECDSA P-384 / SHA-384 signature with
// the GPU's attestation key (the leaf certificate's key).
func (r *Report) VerifySignature(pub *ecdsa.PublicKey) error {
	if pub == nil || pub.Curve != elliptic.P384() {
		return fmt.Errorf("%w: attestation key is not a P-384 key", ErrBadSignature)
	}
	digest := sha512.Sum384(r.SignedBytes())
	sr := new(big.Int).SetBytes(r.Signature[:48])
	ss := new(big.Int).SetBytes(r.Signature[48:])
	if !ecdsa.Verify(pub, digest[:], sr, ss) {
		return ErrBadSignature
	}
	return nil
}

// String fields of the opaque data are NUL-padded ASCII.
func (r *Report) stringField(t uint16, name string) (string, error) {
	v, ok := r.Field(t)
	if !ok {
		return "", fmt.Errorf("%w: no %s field (opaque type %d)", ErrMalformedReport, name, t)
	}
	s := v
	if i := bytes.IndexByte(v, 0); i >= 0 {
		s = v[:i]
		for _, c := range v[i:] {
			if c != 0 {
				return "", fmt.Errorf("%w: %s field has bytes after its terminator", ErrMalformedReport, name)
			}
		}
	}
	if len(s) == 0 {
		return "", fmt.Errorf("%w: %s field is empty", ErrMalformedReport, name)
	}
	for _, c := range s {
		if c < 0x20 || c > 0x7e {
			return "", fmt.Errorf("%w: %s field is not printable ASCII", ErrMalformedReport, name)
		}
	}
	return string(s), nil
}

// DriverVersion returns the signed driver version, e.g. "550.90.07".
func (r *Report) DriverVersion() (string, error) {
	return r.stringField(FieldDriverVersion, "driver version")
}

// VBIOSVersion returns the signed VBIOS version in NVIDIA's notation,
// e.g. "96.00.9F.00.01".
func (r *Report) VBIOSVersion() (string, error) {
	v, ok := r.Field(FieldVBIOSVersion)
	if !ok {
		return "", fmt.Errorf("%w: no VBIOS version field", ErrMalformedReport)
	}
	if len(v) != 8 {
		return "", fmt.Errorf("%w: VBIOS version field is %d bytes, want 8", ErrMalformedReport, len(v))
	}
	return fmt.Sprintf("%02X.%02X.%02X.%02X.%02X", v[3], v[2], v[1], v[0], v[4]), nil
}

// Project returns the signed board project, e.g. "1010" or "G153".
func (r *Report) Project() (string, error) { return r.stringField(FieldProject, "project") }

// ProjectSKU returns the signed board project SKU, e.g. "0200".
func (r *Report) ProjectSKU() (string, error) { return r.stringField(FieldProjectSKU, "project SKU") }

// ChipSKU returns the signed chip SKU, e.g. "882".
func (r *Report) ChipSKU() (string, error) { return r.stringField(FieldChipSKU, "chip SKU") }

// ChipInfo returns the signed chip name (e.g. "GB202") where the GPU sends
// one; older firmware does not.
func (r *Report) ChipInfo() (string, bool, error) {
	if _, ok := r.Field(FieldChipInfo); !ok {
		return "", false, nil
	}
	s, err := r.stringField(FieldChipInfo, "chip info")
	return s, err == nil, err
}

// FWID returns the signed firmware id where the GPU sends one (drivers
// before the 550 series do not).
func (r *Report) FWID() ([]byte, bool, error) {
	v, ok := r.Field(FieldFWID)
	if !ok {
		return nil, false, nil
	}
	if len(v) != DigestSize {
		return nil, false, fmt.Errorf("%w: FWID field is %d bytes, want %d", ErrMalformedReport, len(v), DigestSize)
	}
	return v, true, nil
}
