package nvtrust

import (
	"bytes"
	"crypto/ecdsa"
	_ "embed"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/pars-network/aimining/proof"
	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// MaxChainCerts is the most certificates a chain may hold below the root
// (NVIDIA's chains hold four: FMC alias, BROM device identity, provisioner
// ICA, chip identity CA).
const MaxChainCerts = 5

// MinChainCerts is the fewest: the attestation (leaf) certificate and the
// device identity certificate that issued it.
const MinChainCerts = 2

//go:embed roots/nvidia_device_identity_root.pem
var deviceRootPEM []byte

//go:embed roots/nvidia_corim_signing_root.pem
var rimRootPEM []byte

// DeviceIdentityRootPEM returns NVIDIA's "NVIDIA Device Identity CA" root,
// the pinned root of every GPU certificate chain (from NVIDIA/nvtrust,
// local_gpu_verifier certs/verifier_device_root.pem).
func DeviceIdentityRootPEM() []byte { return bytes.Clone(deviceRootPEM) }

// RIMRootPEM returns NVIDIA's CoRIM signing root, the pinned root of the
// signed reference manifests (certs/verifier_RIM_root.pem).
func RIMRootPEM() []byte { return bytes.Clone(rimRootPEM) }

// DeviceIdentityRoot parses the pinned device root. Each call returns a
// fresh certificate, so callers can never change one another's root.
func DeviceIdentityRoot() *Certificate {
	certs, err := ParseChainPEM(deviceRootPEM)
	if err != nil || len(certs) != 1 {
		panic(fmt.Sprintf("nvtrust: embedded root does not parse: %v", err)) // a build defect
	}
	return certs[0]
}

// ParseChainPEM parses PEM CERTIFICATE blocks, in order, with the same
// certificate parser and bounds as ParseChainDER. Anything but whitespace
// between blocks, or a block of another type, is refused.
func ParseChainPEM(b []byte) ([]*Certificate, error) {
	var ders [][]byte
	rest := b
	for len(bytes.TrimSpace(rest)) > 0 {
		trimmed := bytes.TrimLeft(rest, " \t\r\n")
		blk, next := pem.Decode(trimmed)
		if blk == nil || !bytes.HasPrefix(trimmed, []byte("-----BEGIN ")) ||
			blk.Type != "CERTIFICATE" || len(blk.Headers) != 0 {
			return nil, &ChainError{Index: len(ders), Reason: ReasonPEM}
		}
		if len(ders) == MaxChainCerts+1 {
			return nil, &ChainError{Index: -1, Reason: ReasonTooManyCerts}
		}
		ders = append(ders, blk.Bytes)
		rest = next
	}
	return parseAll(ders)
}

// ParseChainDER parses a concatenation of DER certificates, leaf first:
// each certificate is one complete DER SEQUENCE and nothing else may
// appear. This is the encoding registerDevice takes. The cheap bounds come
// first: the total size, then each certificate's size and their number,
// all from the DER headers alone; only then is any certificate parsed.
func ParseChainDER(b []byte) ([]*Certificate, error) {
	if len(b) > MaxChainDERSize {
		return nil, &ChainError{Index: -1, Reason: ReasonChainTooLarge}
	}
	var ders [][]byte
	in := cryptobyte.String(b)
	for !in.Empty() {
		if len(ders) == MaxChainCerts+1 {
			return nil, &ChainError{Index: -1, Reason: ReasonTooManyCerts}
		}
		var el cryptobyte.String
		if !in.ReadASN1Element(&el, asn1.SEQUENCE) {
			return nil, &ChainError{Index: len(ders), Reason: ReasonNotCertificate}
		}
		if len(el) > MaxCertificateSize {
			return nil, &ChainError{Index: len(ders), Reason: ReasonTooLarge}
		}
		ders = append(ders, el)
	}
	return parseAll(ders)
}

// parseAll parses split certificates.
func parseAll(ders [][]byte) ([]*Certificate, error) {
	if len(ders) == 0 {
		return nil, &ChainError{Index: -1, Reason: ReasonNoCertificates}
	}
	for i, der := range ders {
		if len(der) > MaxCertificateSize {
			return nil, &ChainError{Index: i, Reason: ReasonTooLarge}
		}
	}
	certs := make([]*Certificate, len(ders))
	for i, der := range ders {
		c, err := ParseCertificate(der)
		if err != nil {
			return nil, chainErr(i, err)
		}
		certs[i] = c
	}
	return certs, nil
}

// EncodeChainDER concatenates the certificates' DER encodings.
func EncodeChainDER(certs []*Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, c.Raw...)
	}
	return out
}

// DropSuppliedRoot removes a trailing self-issued certificate (the root a
// GPU sends with its chain). The root is never trusted from the evidence:
// VerifyChain checks against the pinned one.
func DropSuppliedRoot(certs []*Certificate) []*Certificate {
	if n := len(certs); n > 0 && bytes.Equal(certs[n-1].RawSubject, certs[n-1].RawIssuer) {
		return certs[:n-1]
	}
	return certs
}

// Chain is a verified certificate chain.
type Chain struct {
	Certs    []*Certificate   // leaf first, root excluded
	Key      *ecdsa.PublicKey // the leaf's P-384 attestation key
	DeviceID [32]byte         // see DeviceID
	Chip     string           // from the leaf's common name, e.g. "GH100", "GB20X"
}

// DeviceID identifies a GPU by the certificate that issued its attestation
// key: the device identity ("GSP BROM") certificate, which is unique to the
// chip and survives firmware updates (the attestation key does not). It is
// proof.DeviceID of that certificate's SubjectPublicKeyInfo.
func DeviceID(identity *Certificate) [32]byte {
	return proof.DeviceID(identity.RawSubjectPublicKeyInfo)
}

// VerifyChain checks certs (leaf first, root excluded) against the pinned
// root at time at:
//   - 2..MaxChainCerts certificates, none self-issued (send the chain
//     without its root; see DropSuppliedRoot);
//   - every certificate and the root valid at at;
//   - every certificate issued (name and ECDSA P-384 / SHA-384 signature)
//     by the next one, the last by root (the parser already admits only
//     P-384 keys, ecdsa-with-SHA384 and no unhandled critical extension);
//   - issuers are CAs allowed to sign certificates, path lengths respected;
//   - the leaf is not a CA and may sign (digitalSignature).
//
// It uses no clock, network or revocation service: the same inputs give the
// same answer everywhere. A refusal is a *ChainError with a fixed Reason.
func VerifyChain(certs []*Certificate, root *Certificate, at time.Time) (*Chain, error) {
	if root == nil {
		return nil, &ChainError{Index: -1, Reason: ReasonNoRoot}
	}
	if len(certs) < MinChainCerts || len(certs) > MaxChainCerts {
		return nil, &ChainError{Index: -1, Reason: ReasonChainLength}
	}
	all := append(append([]*Certificate(nil), certs...), root)
	for i, c := range all {
		bad := func(r Reason) error {
			if i == len(certs) {
				return &ChainError{Index: -1, Root: true, Reason: r}
			}
			return &ChainError{Index: i, Reason: r}
		}
		if i < len(certs) && bytes.Equal(c.RawSubject, c.RawIssuer) {
			return nil, bad(ReasonSelfIssued)
		}
		if at.Before(c.NotBefore) || at.After(c.NotAfter) {
			return nil, bad(ReasonNotValidNow)
		}
		if i == 0 {
			if c.IsCA {
				return nil, bad(ReasonLeafIsCA)
			}
			if c.KeyUsage != 0 && c.KeyUsage&KeyUsageDigitalSignature == 0 {
				return nil, bad(ReasonLeafKeyUsage)
			}
		} else {
			if !c.BasicConstraintsValid || !c.IsCA {
				return nil, bad(ReasonIssuerNotCA)
			}
			if c.KeyUsage != 0 && c.KeyUsage&KeyUsageCertSign == 0 {
				return nil, bad(ReasonIssuerKeyUsage)
			}
			// CAs strictly below c in the chain: all[1..i-1].
			if c.MaxPathLen >= 0 && i-1 > c.MaxPathLen {
				return nil, bad(ReasonPathLength)
			}
		}
		if i < len(certs) {
			parent := all[i+1]
			if !bytes.Equal(c.RawIssuer, parent.RawSubject) {
				return nil, bad(ReasonIssuerName)
			}
			if !c.CheckSignatureFrom(parent) {
				return nil, bad(ReasonBadSignature)
			}
		}
	}
	return &Chain{
		Certs:    certs,
		Key:      certs[0].PublicKey,
		DeviceID: DeviceID(certs[1]),
		Chip:     chipOfName(certs[0].CommonName),
	}, nil
}

// chipOfName returns the first word of an NVIDIA certificate name
// ("GH100 A01 GSP FMC LF" → "GH100").
func chipOfName(cn string) string {
	if f := strings.Fields(cn); len(f) > 0 {
		return f[0]
	}
	return ""
}

// LeafFWID returns the firmware id recorded in the leaf certificate, and
// whether there is one. Hopper carries it in a TcbInfo extension
// (2.23.133.5.4.1) whose last element is the FWID; Blackwell in a TCG
// DiceTcbInfo (2.23.133.5.4.1.1) as fwids[0]. Either way the FWID is
// SEQUENCE { id-sha384, OCTET STRING (48 bytes) }.
func LeafFWID(leaf *Certificate) ([]byte, bool, error) {
	if e, ok := leaf.extension(oidTcbInfo); ok {
		fwid, ok := tcbInfoFWID(e.Value)
		if !ok {
			return nil, false, &ChainError{Index: 0, Reason: ReasonFWID}
		}
		return fwid, true, nil
	}
	if e, ok := leaf.extension(oidDiceTcbInfo); ok {
		fwid, ok := diceFWID(e.Value)
		if !ok {
			return nil, false, &ChainError{Index: 0, Reason: ReasonFWID}
		}
		return fwid, true, nil
	}
	return nil, false, nil
}

// tcbInfoFWID reads NVIDIA's Hopper TcbInfo: one SEQUENCE of DER elements
// whose last is an FWID.
func tcbInfoFWID(der cryptobyte.String) ([]byte, bool) {
	var seq cryptobyte.String
	if !der.ReadASN1(&seq, asn1.SEQUENCE) || !der.Empty() {
		return nil, false
	}
	var last cryptobyte.String
	for !seq.Empty() {
		var tag asn1.Tag
		if !seq.ReadAnyASN1Element(&last, &tag) {
			return nil, false
		}
	}
	return readFWID(last)
}

// diceFWID reads fwids[0].digest of a DiceTcbInfo:
//
//	DiceTcbInfo ::= SEQUENCE { vendor [0], model [1], version [2], svn [3],
//	  layer [4], index [5], fwids [6] IMPLICIT SEQUENCE OF FWID, ... }
//
// Every field is context-tagged, in increasing tag order, at most once.
func diceFWID(der cryptobyte.String) ([]byte, bool) {
	var seq cryptobyte.String
	if !der.ReadASN1(&seq, asn1.SEQUENCE) || !der.Empty() {
		return nil, false
	}
	next := 0
	var fwid []byte
	for !seq.Empty() {
		var el cryptobyte.String
		var tag asn1.Tag
		if !seq.ReadAnyASN1(&el, &tag) || tag&0xc0 != 0x80 || int(tag&0x1f) < next {
			return nil, false
		}
		next = int(tag&0x1f) + 1
		if tag != asn1.Tag(6).ContextSpecific().Constructed() {
			continue
		}
		var first cryptobyte.String
		if !el.ReadASN1Element(&first, asn1.SEQUENCE) {
			return nil, false
		}
		var ok bool
		if fwid, ok = readFWID(first); !ok {
			return nil, false
		}
		for !el.Empty() {
			if !el.SkipASN1(asn1.SEQUENCE) {
				return nil, false
			}
		}
	}
	return fwid, fwid != nil
}

// readFWID reads FWID ::= SEQUENCE { hashAlg OBJECT IDENTIFIER, digest
// OCTET STRING } with SHA-384 and a 48-byte digest.
func readFWID(der cryptobyte.String) ([]byte, bool) {
	var seq, oid, digest cryptobyte.String
	if !der.ReadASN1(&seq, asn1.SEQUENCE) || !der.Empty() ||
		!seq.ReadASN1(&oid, asn1.OBJECT_IDENTIFIER) || !bytes.Equal(oid, oidSHA384) ||
		!seq.ReadASN1(&digest, asn1.OCTET_STRING) || !seq.Empty() || len(digest) != DigestSize {
		return nil, false
	}
	return digest, true
}
