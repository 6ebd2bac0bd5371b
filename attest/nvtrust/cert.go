package nvtrust

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha512"
	"math/big"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// The certificate parser.
//
// NVIDIA's device chains use one narrow X.509 v3 profile, and this parser
// accepts exactly that profile and nothing else: ECDSA P-384 keys,
// ecdsa-with-SHA384 signatures, DER only (minimal lengths and integers,
// DEFAULT values omitted), names of single-valued RDNs with string values,
// RFC 5280 times, basic constraints, key usage and the FWID extensions the
// verifier reads. Any critical extension beyond basic constraints and key
// usage is refused; other extensions are skipped, but counted and bounded.
//
// It runs inside consensus (registerDevice) and in the off-chain verifier
// alike, so the two can never disagree. It rests on the pinned
// golang.org/x/crypto/cryptobyte and on crypto/ecdsa's arithmetic only, so
// its answers do not change with the Go version or GODEBUG (crypto/x509's
// do), and its errors are fixed Reason codes, never a library's text.

// Bounds, checked before anything is parsed. NVIDIA's certificates are
// 527–897 bytes with at most six extensions.
const (
	// MaxCertificateSize is the largest certificate accepted, in bytes.
	MaxCertificateSize = 2048
	// MaxExtensions is the most extensions one certificate may carry.
	MaxExtensions = 12
	// MaxSerialSize is the longest serial number (RFC 5280: 20 octets).
	MaxSerialSize = 20
	// MaxChainDERSize is the longest chain ParseChainDER accepts: the
	// chain below the root and the root a GPU sends with it.
	MaxChainDERSize = (MaxChainCerts + 1) * MaxCertificateSize
)

// KeyUsage is the key usage extension's bits, numbered as in RFC 5280
// (bit 0, digitalSignature, is 1<<0) and as crypto/x509 numbers them.
type KeyUsage uint16

// The key usages the chain checks read.
const (
	// KeyUsageDigitalSignature: the key may sign (the attestation key).
	KeyUsageDigitalSignature KeyUsage = 1 << 0
	// KeyUsageCertSign: the key may sign certificates.
	KeyUsageCertSign KeyUsage = 1 << 5
)

// Extension is one X.509 extension as it appears on the wire.
type Extension struct {
	ID       []byte // content octets of the OBJECT IDENTIFIER
	Critical bool
	Value    []byte // content octets of extnValue
}

// Certificate is an X.509 v3 certificate of the profile above.
type Certificate struct {
	Raw                     []byte // the whole certificate
	RawTBSCertificate       []byte // the signed part
	RawIssuer               []byte // issuer Name, a complete DER element
	RawSubject              []byte // subject Name, a complete DER element
	RawSubjectPublicKeyInfo []byte // a complete DER element
	SerialNumber            []byte // big-endian magnitude, no leading zero
	NotBefore, NotAfter     time.Time
	PublicKey               *ecdsa.PublicKey // on P-384
	CommonName              string           // of the subject; "" when it has none
	BasicConstraintsValid   bool             // the basic constraints extension is present
	IsCA                    bool
	MaxPathLen              int      // -1: no path length constraint
	KeyUsage                KeyUsage // 0: no key usage extension
	Extensions              []Extension
	sigR, sigS              *big.Int // the issuer's signature
}

// Encoded OBJECT IDENTIFIER contents (X.690 §8.19).
var (
	oidECDSAWithSHA384   = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03} // 1.2.840.10045.4.3.3
	oidECPublicKey       = []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01}       // 1.2.840.10045.2.1
	oidSecp384r1         = []byte{0x2b, 0x81, 0x04, 0x00, 0x22}                   // 1.3.132.0.34
	oidSHA384            = []byte{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02}
	oidCommonName        = []byte{0x55, 0x04, 0x03}                   // 2.5.4.3
	oidBasicConstraints  = []byte{0x55, 0x1d, 0x13}                   // 2.5.29.19
	oidKeyUsage          = []byte{0x55, 0x1d, 0x0f}                   // 2.5.29.15
	oidTcbInfo           = []byte{0x67, 0x81, 0x05, 0x05, 0x04, 0x01} // 2.23.133.5.4.1
	oidDiceTcbInfo       = []byte{0x67, 0x81, 0x05, 0x05, 0x04, 0x01, 0x01}
	ecdsaWithSHA384AlgID = []byte{0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03}
	p384SPKIAlgID        = []byte{0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22}
	versionV3            = []byte{0xa0, 0x03, 0x02, 0x01, 0x02}
)

// p384Size is the size of a P-384 scalar or coordinate.
const p384Size = 48

// ParseCertificate parses one DER certificate of the profile above. A
// refusal is a Reason.
func ParseCertificate(der []byte) (*Certificate, error) {
	if len(der) > MaxCertificateSize {
		return nil, ReasonTooLarge
	}
	c := &Certificate{Raw: der, MaxPathLen: -1}
	if r := c.parse(der); r != 0 {
		return nil, r
	}
	return c, nil
}

func (c *Certificate) parse(der []byte) Reason {
	in := cryptobyte.String(der)
	var cert, tbs, algID, sigBits cryptobyte.String
	if !in.ReadASN1(&cert, asn1.SEQUENCE) || !in.Empty() {
		return ReasonMalformed
	}
	if !cert.ReadASN1Element(&tbs, asn1.SEQUENCE) ||
		!cert.ReadASN1Element(&algID, asn1.SEQUENCE) ||
		!cert.ReadASN1(&sigBits, asn1.BIT_STRING) || !cert.Empty() {
		return ReasonMalformed
	}
	if !bytes.Equal(algID, ecdsaWithSHA384AlgID) {
		return ReasonSignatureAlgorithm
	}
	c.RawTBSCertificate = tbs
	var ok bool
	if c.sigR, c.sigS, ok = parseECDSASignature(sigBits); !ok {
		return ReasonSignatureValue
	}
	return c.parseTBS(tbs)
}

// parseECDSASignature reads a BIT STRING's contents holding an
// ECDSA-Sig-Value: SEQUENCE { r INTEGER, s INTEGER }, both positive,
// minimally encoded and at most 48 bytes.
func parseECDSASignature(bits cryptobyte.String) (r, s *big.Int, ok bool) {
	var unused uint8
	var sig cryptobyte.String
	if !bits.ReadUint8(&unused) || unused != 0 || !bits.ReadASN1(&sig, asn1.SEQUENCE) || !bits.Empty() {
		return nil, nil, false
	}
	rb, ok1 := readPositiveInteger(&sig, p384Size)
	sb, ok2 := readPositiveInteger(&sig, p384Size)
	if !ok1 || !ok2 || !sig.Empty() {
		return nil, nil, false
	}
	return new(big.Int).SetBytes(rb), new(big.Int).SetBytes(sb), true
}

// readPositiveInteger reads a DER INTEGER that is positive (not zero) and
// minimally encoded, and returns its magnitude of at most maxLen bytes.
func readPositiveInteger(s *cryptobyte.String, maxLen int) ([]byte, bool) {
	var v cryptobyte.String
	if !s.ReadASN1(&v, asn1.INTEGER) || len(v) == 0 || v[0]&0x80 != 0 {
		return nil, false
	}
	if v[0] == 0 {
		if len(v) == 1 || v[1]&0x80 == 0 {
			return nil, false // zero, or a redundant leading zero
		}
		v = v[1:]
	}
	if len(v) > maxLen {
		return nil, false
	}
	return v, true
}

func (c *Certificate) parseTBS(der cryptobyte.String) Reason {
	var tbs cryptobyte.String
	if !der.ReadASN1(&tbs, asn1.SEQUENCE) {
		return ReasonMalformed
	}
	if !bytes.HasPrefix(tbs, versionV3) {
		return ReasonVersion
	}
	tbs.Skip(len(versionV3))
	serial, ok := readPositiveInteger(&tbs, MaxSerialSize)
	if !ok {
		return ReasonSerial
	}
	c.SerialNumber = serial
	var algID, issuer, validity, subject, spki cryptobyte.String
	if !tbs.ReadASN1Element(&algID, asn1.SEQUENCE) {
		return ReasonMalformed
	}
	if !bytes.Equal(algID, ecdsaWithSHA384AlgID) {
		return ReasonSignatureAlgorithm
	}
	if !tbs.ReadASN1Element(&issuer, asn1.SEQUENCE) {
		return ReasonMalformed
	}
	if _, ok := parseName(issuer); !ok {
		return ReasonName
	}
	c.RawIssuer = issuer
	if !tbs.ReadASN1(&validity, asn1.SEQUENCE) {
		return ReasonMalformed
	}
	if c.NotBefore, ok = readTime(&validity); !ok {
		return ReasonValidity
	}
	if c.NotAfter, ok = readTime(&validity); !ok || !validity.Empty() {
		return ReasonValidity
	}
	if !tbs.ReadASN1Element(&subject, asn1.SEQUENCE) {
		return ReasonMalformed
	}
	if c.CommonName, ok = parseName(subject); !ok {
		return ReasonName
	}
	c.RawSubject = subject
	if !tbs.ReadASN1Element(&spki, asn1.SEQUENCE) {
		return ReasonMalformed
	}
	if c.PublicKey, ok = parseP384SPKI(spki); !ok {
		return ReasonPublicKey
	}
	c.RawSubjectPublicKeyInfo = spki
	if tbs.PeekASN1Tag(asn1.Tag(1).ContextSpecific()) || tbs.PeekASN1Tag(asn1.Tag(1).ContextSpecific().Constructed()) ||
		tbs.PeekASN1Tag(asn1.Tag(2).ContextSpecific()) || tbs.PeekASN1Tag(asn1.Tag(2).ContextSpecific().Constructed()) {
		return ReasonUniqueID
	}
	if !tbs.Empty() {
		var exts cryptobyte.String
		if !tbs.ReadASN1(&exts, asn1.Tag(3).ContextSpecific().Constructed()) || !tbs.Empty() {
			return ReasonMalformed
		}
		if r := c.parseExtensions(exts); r != 0 {
			return r
		}
	}
	return 0
}

// parseName checks a Name: a non-empty SEQUENCE OF single-valued RDNs
// whose values are UTF8String, PrintableString or IA5String, with at most
// one common name, which it returns.
func parseName(der cryptobyte.String) (cn string, ok bool) {
	var rdns cryptobyte.String
	if !der.ReadASN1(&rdns, asn1.SEQUENCE) || !der.Empty() || rdns.Empty() {
		return "", false
	}
	seenCN := false
	for !rdns.Empty() {
		var set, atv, oid cryptobyte.String
		if !rdns.ReadASN1(&set, asn1.SET) || !set.ReadASN1(&atv, asn1.SEQUENCE) || !set.Empty() ||
			!atv.ReadASN1(&oid, asn1.OBJECT_IDENTIFIER) || !validOID(oid) {
			return "", false
		}
		var tag asn1.Tag
		var value cryptobyte.String
		if !atv.ReadAnyASN1(&value, &tag) || !atv.Empty() || !validString(tag, value) {
			return "", false
		}
		if bytes.Equal(oid, oidCommonName) {
			if seenCN {
				return "", false
			}
			seenCN, cn = true, string(value)
		}
	}
	return cn, true
}

// validString accepts the string types NVIDIA's names use, with their
// character sets checked.
func validString(tag asn1.Tag, v []byte) bool {
	switch tag {
	case asn1.UTF8String:
		return utf8.Valid(v)
	case asn1.PrintableString:
		for _, b := range v {
			if !printable(b) {
				return false
			}
		}
		return true
	case asn1.IA5String:
		for _, b := range v {
			if b >= 0x80 {
				return false
			}
		}
		return true
	}
	return false
}

// printable reports whether b is in PrintableString's character set (X.680 §41.4).
func printable(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
		bytes.IndexByte([]byte(" '()+,-./:=?"), b) >= 0
}

// validOID checks an OBJECT IDENTIFIER's contents: non-empty, every
// sub-identifier minimally encoded in base 128.
func validOID(oid []byte) bool {
	if len(oid) == 0 || oid[len(oid)-1]&0x80 != 0 {
		return false
	}
	start := true
	for _, b := range oid {
		if start && b == 0x80 {
			return false
		}
		start = b&0x80 == 0
	}
	return true
}

// readTime reads a UTCTime (YYMMDDHHMMSSZ, years 1950–2049) or a
// GeneralizedTime (YYYYMMDDHHMMSSZ, years 2050 and later), as RFC 5280
// §4.1.2.5 requires: UTC, seconds present, no fractions.
func readTime(s *cryptobyte.String) (time.Time, bool) {
	var v cryptobyte.String
	var tag asn1.Tag
	if !s.ReadAnyASN1(&v, &tag) {
		return time.Time{}, false
	}
	var year int
	switch {
	case tag == asn1.UTCTime && len(v) == 13:
		yy, ok := digits(v[:2])
		if !ok {
			return time.Time{}, false
		}
		year = 2000 + yy
		if yy >= 50 {
			year = 1900 + yy
		}
		v = v[2:]
	case tag == asn1.GeneralizedTime && len(v) == 15:
		y, ok := digits(v[:4])
		if !ok || y < 2050 {
			return time.Time{}, false
		}
		year = y
		v = v[4:]
	default:
		return time.Time{}, false
	}
	// v is MMDDHHMMSSZ.
	if v[10] != 'Z' {
		return time.Time{}, false
	}
	var f [5]int
	for i := range f {
		n, ok := digits(v[2*i : 2*i+2])
		if !ok {
			return time.Time{}, false
		}
		f[i] = n
	}
	month, day, hour, minute, second := f[0], f[1], f[2], f[3], f[4]
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC), true
}

// digits parses ASCII decimal digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days in month of year (Gregorian).
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseP384SPKI reads SubjectPublicKeyInfo { id-ecPublicKey secp384r1,
// BIT STRING uncompressed point } and checks the point is on the curve.
func parseP384SPKI(der cryptobyte.String) (*ecdsa.PublicKey, bool) {
	var spki, alg cryptobyte.String
	var point []byte
	if !der.ReadASN1(&spki, asn1.SEQUENCE) || !der.Empty() ||
		!spki.ReadASN1Element(&alg, asn1.SEQUENCE) || !bytes.Equal(alg, p384SPKIAlgID) ||
		!spki.ReadASN1BitStringAsBytes(&point) || !spki.Empty() ||
		len(point) != 1+2*p384Size || point[0] != 4 {
		return nil, false
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P384(), point)
	if err != nil {
		return nil, false
	}
	return pub, true
}

// parseExtensions reads the extensions: at most MaxExtensions, no OID
// twice, critical only where understood.
func (c *Certificate) parseExtensions(der cryptobyte.String) Reason {
	var exts cryptobyte.String
	if !der.ReadASN1(&exts, asn1.SEQUENCE) || !der.Empty() || exts.Empty() {
		return ReasonExtensions
	}
	for !exts.Empty() {
		if len(c.Extensions) == MaxExtensions {
			return ReasonTooManyExtensions
		}
		var ext, oid, value cryptobyte.String
		if !exts.ReadASN1(&ext, asn1.SEQUENCE) || !ext.ReadASN1(&oid, asn1.OBJECT_IDENTIFIER) || !validOID(oid) {
			return ReasonExtensions
		}
		critical := false
		if ext.PeekASN1Tag(asn1.BOOLEAN) {
			// DER omits DEFAULT FALSE: an explicit BOOLEAN must be TRUE.
			if !ext.ReadASN1Boolean(&critical) || !critical {
				return ReasonExtensions
			}
		}
		if !ext.ReadASN1(&value, asn1.OCTET_STRING) || !ext.Empty() {
			return ReasonExtensions
		}
		for _, e := range c.Extensions {
			if bytes.Equal(e.ID, oid) {
				return ReasonDuplicateExtension
			}
		}
		c.Extensions = append(c.Extensions, Extension{ID: oid, Critical: critical, Value: value})
		switch {
		case bytes.Equal(oid, oidBasicConstraints):
			if !c.parseBasicConstraints(value) {
				return ReasonBasicConstraints
			}
		case bytes.Equal(oid, oidKeyUsage):
			if !c.parseKeyUsage(value) {
				return ReasonKeyUsage
			}
		case critical:
			return ReasonCriticalExtension
		}
	}
	return 0
}

// parseBasicConstraints reads SEQUENCE { cA BOOLEAN DEFAULT FALSE,
// pathLenConstraint INTEGER (0..MAX) OPTIONAL }; a path length needs cA.
func (c *Certificate) parseBasicConstraints(der cryptobyte.String) bool {
	var bc cryptobyte.String
	if !der.ReadASN1(&bc, asn1.SEQUENCE) || !der.Empty() {
		return false
	}
	if bc.PeekASN1Tag(asn1.BOOLEAN) {
		if !bc.ReadASN1Boolean(&c.IsCA) || !c.IsCA {
			return false
		}
	}
	if bc.PeekASN1Tag(asn1.INTEGER) {
		var v cryptobyte.String
		if !c.IsCA || !bc.ReadASN1(&v, asn1.INTEGER) || len(v) != 1 || v[0] > 0x7f {
			return false // path lengths above 127 have no use here
		}
		c.MaxPathLen = int(v[0])
	}
	c.BasicConstraintsValid = true
	return bc.Empty()
}

// parseKeyUsage reads the KeyUsage BIT STRING in DER: at least one bit set,
// no trailing zero bits, unused bits zero, bits 0–8 only.
func (c *Certificate) parseKeyUsage(der cryptobyte.String) bool {
	var bits cryptobyte.String
	var unused uint8
	if !der.ReadASN1(&bits, asn1.BIT_STRING) || !der.Empty() || !bits.ReadUint8(&unused) ||
		len(bits) == 0 || len(bits) > 2 || unused > 7 {
		return false
	}
	last := bits[len(bits)-1]
	// The lowest set bit of the last byte must be the last used bit.
	if last == 0 || last&(1<<unused-1) != 0 || last&(1<<unused) == 0 {
		return false
	}
	var ku KeyUsage
	for i, b := range bits {
		for j := range 8 {
			if b&(0x80>>j) != 0 {
				ku |= 1 << (8*i + j)
			}
		}
	}
	if ku >= 1<<9 {
		return false
	}
	c.KeyUsage = ku
	return true
}

// extension returns the extension with the given OID.
func (c *Certificate) extension(oid []byte) (Extension, bool) {
	for _, e := range c.Extensions {
		if bytes.Equal(e.ID, oid) {
			return e, true
		}
	}
	return Extension{}, false
}

// CheckSignatureFrom checks that parent's key signed c (ECDSA P-384 over
// SHA-384 of c's TBSCertificate).
func (c *Certificate) CheckSignatureFrom(parent *Certificate) bool {
	digest := sha512.Sum384(c.RawTBSCertificate)
	return ecdsa.Verify(parent.PublicKey, digest[:], c.sigR, c.sigS)
}
