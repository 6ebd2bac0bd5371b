package nvtrust

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	_ "embed"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/pars-network/aimining/proof"
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
func DeviceIdentityRoot() *x509.Certificate { return mustParsePEM(deviceRootPEM) }

// RIMRoot parses the pinned reference-manifest root.
func RIMRoot() *x509.Certificate { return mustParsePEM(rimRootPEM) }

func mustParsePEM(b []byte) *x509.Certificate {
	certs, err := ParseChainPEM(b)
	if err != nil || len(certs) != 1 {
		panic(fmt.Sprintf("nvtrust: embedded root does not parse: %v", err)) // a build defect
	}
	return certs[0]
}

// ParseChainPEM parses PEM CERTIFICATE blocks, in order. Anything but
// whitespace between blocks, or a block of another type, is refused.
func ParseChainPEM(b []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := b
	for len(bytes.TrimSpace(rest)) > 0 {
		trimmed := bytes.TrimLeft(rest, " \t\r\n")
		blk, next := pem.Decode(trimmed)
		if blk == nil || !bytes.HasPrefix(trimmed, []byte("-----BEGIN ")) {
			return nil, &ChainError{Index: len(certs), Reason: "not a PEM certificate block"}
		}
		if blk.Type != "CERTIFICATE" || len(blk.Headers) != 0 {
			return nil, &ChainError{Index: len(certs), Reason: fmt.Sprintf("PEM block %q is not a plain CERTIFICATE", blk.Type)}
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, &ChainError{Index: len(certs), Reason: err.Error()}
		}
		certs = append(certs, c)
		rest = next
	}
	if len(certs) == 0 {
		return nil, &ChainError{Index: -1, Reason: "no certificates"}
	}
	return certs, nil
}

// ParseChainDER parses a concatenation of DER certificates, leaf first:
// each certificate is one complete DER SEQUENCE and nothing else may
// appear. This is the encoding registerDevice takes.
func ParseChainDER(b []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := b
	for len(rest) > 0 {
		if len(certs) == MaxChainCerts+1 {
			return nil, &ChainError{Index: -1, Reason: fmt.Sprintf("more than %d certificates", MaxChainCerts+1)}
		}
		var el asn1.RawValue
		next, err := asn1.Unmarshal(rest, &el)
		if err != nil || el.Class != asn1.ClassUniversal || el.Tag != asn1.TagSequence || !el.IsCompound {
			return nil, &ChainError{Index: len(certs), Reason: "not a DER certificate"}
		}
		rest = next
		c, err := x509.ParseCertificate(el.FullBytes)
		if err != nil {
			return nil, &ChainError{Index: len(certs), Reason: err.Error()}
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, &ChainError{Index: -1, Reason: "no certificates"}
	}
	return certs, nil
}

// EncodeChainDER concatenates the certificates' DER encodings.
func EncodeChainDER(certs []*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, c.Raw...)
	}
	return out
}

// DropSuppliedRoot removes a trailing self-issued certificate (the root a
// GPU sends with its chain). The root is never trusted from the evidence:
// VerifyChain checks against the pinned one.
func DropSuppliedRoot(certs []*x509.Certificate) []*x509.Certificate {
	if n := len(certs); n > 0 && bytes.Equal(certs[n-1].RawSubject, certs[n-1].RawIssuer) {
		return certs[:n-1]
	}
	return certs
}

// Chain is a verified certificate chain.
type Chain struct {
	Certs    []*x509.Certificate // leaf first, root excluded
	Key      *ecdsa.PublicKey    // the leaf's P-384 attestation key
	DeviceID [32]byte            // see DeviceID
	Chip     string              // from the leaf's common name, e.g. "GH100", "GB20X"
}

// DeviceID identifies a GPU by the certificate that issued its attestation
// key: the device identity ("GSP BROM") certificate, which is unique to the
// chip and survives firmware updates (the attestation key does not). It is
// proof.DeviceID of that certificate's SubjectPublicKeyInfo.
func DeviceID(identity *x509.Certificate) [32]byte {
	return proof.DeviceID(identity.RawSubjectPublicKeyInfo)
}

// VerifyChain checks certs (leaf first, root excluded) against the pinned
// root at time at:
//   - 2..MaxChainCerts certificates, none self-issued (send the chain
//     without its root; see DropSuppliedRoot);
//   - every certificate and the root valid at at;
//   - every certificate ECDSA P-384 / SHA-384, issued (name and signature)
//     by the next one, the last by root;
//   - issuers are CAs allowed to sign certificates, path lengths respected;
//   - the leaf is not a CA and may sign (digitalSignature);
//   - no unhandled critical extension anywhere.
//
// It uses no clock, network or revocation service: the same inputs give the
// same answer everywhere.
func VerifyChain(certs []*x509.Certificate, root *x509.Certificate, at time.Time) (*Chain, error) {
	if root == nil {
		return nil, &ChainError{Index: -1, Reason: "no pinned root"}
	}
	if len(certs) < MinChainCerts || len(certs) > MaxChainCerts {
		return nil, &ChainError{Index: -1, Reason: fmt.Sprintf("%d certificates below the root, want %d..%d", len(certs), MinChainCerts, MaxChainCerts)}
	}
	all := append(append([]*x509.Certificate(nil), certs...), root)
	for i, c := range all {
		idx := i
		if i == len(certs) {
			idx = -1
		}
		bad := func(format string, args ...any) error {
			reason := fmt.Sprintf(format, args...)
			if idx < 0 {
				reason = "pinned root: " + reason
			}
			return &ChainError{Index: idx, Reason: reason}
		}
		if i < len(certs) && bytes.Equal(c.RawSubject, c.RawIssuer) {
			return nil, bad("self-issued certificate inside the chain (send the chain without its root)")
		}
		if at.Before(c.NotBefore) || at.After(c.NotAfter) {
			return nil, bad("not valid at %s (valid %s to %s)", at.UTC().Format(time.RFC3339), c.NotBefore.UTC().Format(time.RFC3339), c.NotAfter.UTC().Format(time.RFC3339))
		}
		if c.SignatureAlgorithm != x509.ECDSAWithSHA384 {
			return nil, bad("signature algorithm %v, want ECDSA-SHA384", c.SignatureAlgorithm)
		}
		pub, ok := c.PublicKey.(*ecdsa.PublicKey)
		if !ok || pub.Curve != elliptic.P384() {
			return nil, bad("public key is not ECDSA P-384")
		}
		if len(c.UnhandledCriticalExtensions) != 0 {
			return nil, bad("unhandled critical extension %v", c.UnhandledCriticalExtensions[0])
		}
		if i == 0 {
			if c.IsCA {
				return nil, bad("leaf is a CA")
			}
			if c.KeyUsage != 0 && c.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
				return nil, bad("leaf key may not sign")
			}
		} else {
			if !c.BasicConstraintsValid || !c.IsCA {
				return nil, bad("issuer is not a CA")
			}
			if c.KeyUsage != 0 && c.KeyUsage&x509.KeyUsageCertSign == 0 {
				return nil, bad("issuer may not sign certificates")
			}
			// CAs strictly below c in the chain: all[1..i-1].
			if cas := i - 1; (c.MaxPathLen > 0 || c.MaxPathLenZero) && cas > c.MaxPathLen {
				return nil, bad("path length %d exceeds its constraint %d", cas, c.MaxPathLen)
			}
		}
		if i < len(certs) {
			parent := all[i+1]
			if !bytes.Equal(c.RawIssuer, parent.RawSubject) {
				return nil, bad("issuer name differs from the next certificate's subject")
			}
			if err := c.CheckSignatureFrom(parent); err != nil {
				return nil, bad("signature: %v", err)
			}
		}
	}
	leaf := certs[0]
	return &Chain{
		Certs:    certs,
		Key:      leaf.PublicKey.(*ecdsa.PublicKey),
		DeviceID: DeviceID(certs[1]),
		Chip:     chipOfName(leaf.Subject.CommonName),
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

// FWID extensions of the leaf certificate.
var (
	// oidTcbInfo carries the FWID on Hopper: its last 48 bytes (an OCTET
	// STRING) are the SHA-384 firmware id.
	oidTcbInfo = asn1.ObjectIdentifier{2, 23, 133, 5, 4, 1}
	// oidDiceTcbInfo carries a TCG DiceTcbInfo on Blackwell; the FWID is
	// fwids[0].digest.
	oidDiceTcbInfo = asn1.ObjectIdentifier{2, 23, 133, 5, 4, 1, 1}
)

// LeafFWID returns the firmware id recorded in the leaf certificate, and
// whether there is one.
func LeafFWID(leaf *x509.Certificate) ([]byte, bool, error) {
	for _, e := range leaf.Extensions {
		switch {
		case e.Id.Equal(oidTcbInfo):
			v := e.Value
			if len(v) < DigestSize+2 || v[len(v)-DigestSize-2] != 0x04 || v[len(v)-DigestSize-1] != DigestSize {
				return nil, false, &ChainError{Index: 0, Reason: "TcbInfo extension does not end with a 48-byte FWID"}
			}
			return v[len(v)-DigestSize:], true, nil
		case e.Id.Equal(oidDiceTcbInfo):
			fwid, err := diceFWID(e.Value)
			if err != nil {
				return nil, false, &ChainError{Index: 0, Reason: "DiceTcbInfo: " + err.Error()}
			}
			return fwid, true, nil
		}
	}
	return nil, false, nil
}

// diceFWID reads fwids[0].digest of a DiceTcbInfo:
//
//	DiceTcbInfo ::= SEQUENCE { vendor [0], model [1], version [2], svn [3],
//	  layer [4], index [5], fwids [6] IMPLICIT SEQUENCE OF FWID, ... }
//	FWID ::= SEQUENCE { hashAlg OBJECT IDENTIFIER, digest OCTET STRING }
func diceFWID(der []byte) ([]byte, error) {
	var seq asn1.RawValue
	if rest, err := asn1.Unmarshal(der, &seq); err != nil || len(rest) != 0 || seq.Tag != asn1.TagSequence || seq.Class != asn1.ClassUniversal {
		return nil, fmt.Errorf("not one SEQUENCE")
	}
	in := seq.Bytes
	for len(in) > 0 {
		var el asn1.RawValue
		rest, err := asn1.Unmarshal(in, &el)
		if err != nil {
			return nil, fmt.Errorf("bad element: %v", err)
		}
		in = rest
		if el.Class != asn1.ClassContextSpecific || el.Tag != 6 || !el.IsCompound {
			continue
		}
		var fwid struct {
			HashAlg asn1.ObjectIdentifier
			Digest  []byte
		}
		if _, err := asn1.Unmarshal(el.Bytes, &fwid); err != nil {
			return nil, fmt.Errorf("bad FWID: %v", err)
		}
		if !fwid.HashAlg.Equal(asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}) || len(fwid.Digest) != DigestSize {
			return nil, fmt.Errorf("FWID is not SHA-384")
		}
		return fwid.Digest, nil
	}
	return nil, fmt.Errorf("no fwids")
}
