package nvtrust

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/sha512"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"encoding/xml"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"
)

// Reference manifests are verified off chain only (pars-attest, the miner's
// tooling): their signer chains are parsed with crypto/x509, whose answers
// may change with the Go version and GODEBUG, which is acceptable outside
// consensus. Nothing here is reachable from the IAIMining precompile.

// RIMRoot parses the pinned reference-manifest root (off-chain use only).
func RIMRoot() *x509.Certificate {
	blk, _ := pem.Decode(rimRootPEM)
	if blk == nil {
		panic("nvtrust: embedded RIM root is not PEM") // a build defect
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		panic(fmt.Sprintf("nvtrust: embedded RIM root does not parse: %v", err)) // a build defect
	}
	return c
}

// RIM is what this package reads from an NVIDIA reference integrity
// manifest (a signed SWID tag): the product and version it describes and
// its golden measurements.
type RIM struct {
	Product     string   // e.g. "GH100"
	Version     string   // colloquialVersion, e.g. "96.00.5E.00.01"
	Golden      []Golden // active measurements and their alternatives
	SignerChain []string // common names, signer first
	// Verified: the signer chain leads to the pinned root, the signature
	// over SignedInfo verifies, and the document digest SignedInfo names
	// matches the document. Every field above comes from the signed content.
	Verified bool
}

// The XML signature profile NVIDIA's manifests use, and the only one
// ParseRIM accepts.
const (
	rimDigestMethod = "http://www.w3.org/2001/04/xmldsig-more#sha384"
	rimC14N         = string(dsig.CanonicalXML11AlgorithmId)
	rimEnveloped    = string(dsig.EnvelopedSignatureAltorithmId)
)

// ParseRIM reads a reference manifest and verifies its enveloped XML
// signature:
//
//   - the signing chain (the certificates in its KeyInfo) leads to root (the
//     pinned CoRIM signing root, RIMRoot), every certificate valid at time at;
//   - the ECDSA P-384 signature (raw r‖s) of the signer verifies over the
//     SignedInfo element, canonicalised with C14N 1.1;
//   - SignedInfo names ecdsa-sha384, C14N 1.1 and one Reference to the whole
//     document (URI "") with the transforms enveloped-signature then C14N 1.1
//     and a SHA-384 digest;
//   - that digest matches the document recomputed the same way: the
//     Signature element removed, the rest canonicalised with C14N 1.1
//     (github.com/russellhaering/goxmldsig's canonicaliser), hashed with
//     SHA-384.
//
// Product, version and golden measurements are then read from those
// canonical bytes, the exact bytes the digest covers, never from the raw
// input. A signature failure wraps ErrManifestSignature, a digest mismatch
// ErrManifestDigest (both wrap ErrMalformedManifest, as every other
// failure does). Revocation of the signer certificates is not checked: that
// needs NVIDIA's OCSP service, left to off-chain tooling.
func ParseRIM(doc []byte, root *x509.Certificate, at time.Time) (*RIM, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrMalformedManifest, fmt.Sprintf(format, args...))
	}
	tree := etree.NewDocument()
	if err := tree.ReadFromBytes(doc); err != nil {
		return nil, bad("%v", err)
	}
	// One document element, and around it nothing that canonicalisation
	// would keep or that could change how the document reads.
	var top *etree.Element
	for _, tok := range tree.Child {
		switch t := tok.(type) {
		case *etree.Element:
			if top != nil {
				return nil, bad("more than one document element")
			}
			top = t
		case *etree.Directive:
			return nil, bad("document type declarations are not allowed")
		case *etree.ProcInst:
			if t.Target != "xml" {
				return nil, bad("processing instruction %q outside the document element", t.Target)
			}
		case *etree.CharData:
			if !t.IsWhitespace() {
				return nil, bad("text outside the document element")
			}
		}
	}
	if top == nil {
		return nil, bad("no document element")
	}
	sigEl, err := envelopedSignature(top)
	if err != nil {
		return nil, bad("%v", err)
	}
	signedInfo, sigValue, certsB64, err := signatureParts(sigEl)
	if err != nil {
		return nil, bad("%v", err)
	}

	// The signing chain, signer first.
	var certs []*x509.Certificate
	for i, b64 := range certsB64 {
		der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
		if err != nil {
			return nil, bad("certificate %d: %v", i, err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, bad("certificate %d: %v", i, err)
		}
		certs = append(certs, c)
	}
	if n := len(certs); n > 0 && bytes.Equal(certs[n-1].RawSubject, certs[n-1].RawIssuer) {
		certs = certs[:n-1] // the root sent along is never trusted
	}
	if len(certs) == 0 {
		return nil, bad("no signing certificate")
	}
	signer := certs[0]
	var signerChain []string
	for i, c := range certs {
		parent := root
		if i+1 < len(certs) {
			parent = certs[i+1]
		}
		if at.Before(c.NotBefore) || at.After(c.NotAfter) {
			return nil, bad("certificate %d (%s) not valid at %s", i, c.Subject.CommonName, at.UTC().Format(time.RFC3339))
		}
		if err := c.CheckSignatureFrom(parent); err != nil {
			return nil, bad("certificate %d: %v", i, err)
		}
		signerChain = append(signerChain, c.Subject.CommonName)
	}

	// The signature over the canonical SignedInfo.
	pub, ok := signer.PublicKey.(*ecdsa.PublicKey)
	if !ok {
		return nil, bad("signer key is not ECDSA")
	}
	sig, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(sigValue), ""))
	if err != nil || len(sig) != SignatureSize {
		return nil, bad("signature value is not a raw P-384 signature")
	}
	siBytes, err := canonicalSignedInfo(signedInfo)
	if err != nil {
		return nil, bad("SignedInfo: %v", err)
	}
	siDigest := sha512.Sum384(siBytes)
	if !ecdsa.Verify(pub, siDigest[:], new(big.Int).SetBytes(sig[:48]), new(big.Int).SetBytes(sig[48:])) {
		return nil, fmt.Errorf("%w (over SignedInfo, signer %q)", ErrManifestSignature, signer.Subject.CommonName)
	}

	// What the verified SignedInfo says, read from the bytes just verified.
	want, err := documentReference(siBytes)
	if err != nil {
		return nil, bad("SignedInfo: %v", err)
	}

	// The document digest: enveloped-signature, then C14N 1.1, then SHA-384.
	body := top.Copy()
	body.RemoveChildAt(sigEl.Index())
	signed, err := dsig.MakeC14N11Canonicalizer().Canonicalize(body)
	if err != nil {
		return nil, bad("canonicalising the document: %v", err)
	}
	got := sha512.Sum384(signed)
	if subtle.ConstantTimeCompare(got[:], want) != 1 {
		return nil, fmt.Errorf("%w: SHA-384 of the canonical document is %x, SignedInfo has %x", ErrManifestDigest, got, want)
	}

	rim, err := readSignedContent(signed)
	if err != nil {
		return nil, err
	}
	rim.SignerChain = signerChain
	rim.Verified = true
	return rim, nil
}

// envelopedSignature returns the one ds:Signature child of the document
// element.
func envelopedSignature(top *etree.Element) (*etree.Element, error) {
	var sig *etree.Element
	for _, c := range top.ChildElements() {
		if isDS(c, dsig.SignatureTag) {
			if sig != nil {
				return nil, fmt.Errorf("more than one ds:Signature")
			}
			sig = c
		}
	}
	if sig == nil {
		return nil, fmt.Errorf("no enveloped ds:Signature")
	}
	return sig, nil
}

// signatureParts checks the shape of ds:Signature (one SignedInfo, one
// SignatureValue, one KeyInfo, nothing else) and returns SignedInfo, the
// signature value and the KeyInfo certificates, as base64 text.
func signatureParts(sig *etree.Element) (signedInfo *etree.Element, value string, certs []string, err error) {
	var sigValue, keyInfo *etree.Element
	for _, c := range sig.ChildElements() {
		var slot **etree.Element
		switch {
		case isDS(c, dsig.SignedInfoTag):
			slot = &signedInfo
		case isDS(c, dsig.SignatureValueTag):
			slot = &sigValue
		case isDS(c, dsig.KeyInfoTag):
			slot = &keyInfo
		default:
			return nil, "", nil, fmt.Errorf("unexpected element %s in ds:Signature", c.FullTag())
		}
		if *slot != nil {
			return nil, "", nil, fmt.Errorf("more than one %s in ds:Signature", c.FullTag())
		}
		*slot = c
	}
	if signedInfo == nil || sigValue == nil || keyInfo == nil {
		return nil, "", nil, fmt.Errorf("ds:Signature lacks SignedInfo, SignatureValue or KeyInfo")
	}
	for _, data := range keyInfo.ChildElements() {
		if !isDS(data, dsig.X509DataTag) {
			continue
		}
		for _, c := range data.ChildElements() {
			if isDS(c, dsig.X509CertificateTag) {
				certs = append(certs, c.Text())
			}
		}
	}
	return signedInfo, sigValue.Text(), certs, nil
}

func isDS(el *etree.Element, tag string) bool {
	return el.Tag == tag && el.NamespaceURI() == dsig.Namespace
}

// canonicalSignedInfo renders ds:SignedInfo in C14N 1.1 as a document
// subset: the namespaces in scope are declared on it, as inclusive
// canonicalisation requires.
func canonicalSignedInfo(si *etree.Element) ([]byte, error) {
	ctx, err := etreeutils.NSBuildParentContext(si)
	if err != nil {
		return nil, err
	}
	detached, err := etreeutils.NSDetatch(ctx, si)
	if err != nil {
		return nil, err
	}
	return dsig.MakeC14N11Canonicalizer().Canonicalize(detached)
}

type dsAlgorithm struct {
	Algorithm string `xml:"Algorithm,attr"`
}

type dsTransforms struct {
	XMLName    xml.Name      `xml:"http://www.w3.org/2000/09/xmldsig# Transforms"`
	Transforms []dsAlgorithm `xml:"http://www.w3.org/2000/09/xmldsig# Transform"`
}

type dsReference struct {
	XMLName      xml.Name       `xml:"http://www.w3.org/2000/09/xmldsig# Reference"`
	URI          *string        `xml:"URI,attr"`
	Transforms   []dsTransforms `xml:"http://www.w3.org/2000/09/xmldsig# Transforms"`
	DigestMethod []dsAlgorithm  `xml:"http://www.w3.org/2000/09/xmldsig# DigestMethod"`
	DigestValue  []string       `xml:"http://www.w3.org/2000/09/xmldsig# DigestValue"`
}

type dsSignedInfo struct {
	XMLName         xml.Name      `xml:"http://www.w3.org/2000/09/xmldsig# SignedInfo"`
	C14N            []dsAlgorithm `xml:"http://www.w3.org/2000/09/xmldsig# CanonicalizationMethod"`
	SignatureMethod []dsAlgorithm `xml:"http://www.w3.org/2000/09/xmldsig# SignatureMethod"`
	References      []dsReference `xml:"http://www.w3.org/2000/09/xmldsig# Reference"`
}

// documentReference checks that the canonical SignedInfo si uses NVIDIA's
// signature profile and returns the SHA-384 digest its one Reference, to the
// whole document, carries.
func documentReference(si []byte) ([]byte, error) {
	var info dsSignedInfo
	if err := xml.Unmarshal(si, &info); err != nil {
		return nil, err
	}
	one := func(what string, a []dsAlgorithm, want string) error {
		if len(a) != 1 || a[0].Algorithm != want {
			return fmt.Errorf("%s is not %s", what, want)
		}
		return nil
	}
	if err := one("CanonicalizationMethod", info.C14N, rimC14N); err != nil {
		return nil, err
	}
	if err := one("SignatureMethod", info.SignatureMethod, dsig.ECDSASHA384SignatureMethod); err != nil {
		return nil, err
	}
	if len(info.References) != 1 {
		return nil, fmt.Errorf("%d references, want 1", len(info.References))
	}
	ref := info.References[0]
	if ref.URI == nil || *ref.URI != "" {
		return nil, fmt.Errorf(`the reference is not to the whole document (URI="")`)
	}
	if len(ref.Transforms) != 1 || len(ref.Transforms[0].Transforms) != 2 ||
		ref.Transforms[0].Transforms[0].Algorithm != rimEnveloped || ref.Transforms[0].Transforms[1].Algorithm != rimC14N {
		return nil, fmt.Errorf("transforms are not enveloped-signature then C14N 1.1")
	}
	if err := one("DigestMethod", ref.DigestMethod, rimDigestMethod); err != nil {
		return nil, err
	}
	if len(ref.DigestValue) != 1 {
		return nil, fmt.Errorf("%d digest values, want 1", len(ref.DigestValue))
	}
	d, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(ref.DigestValue[0]), ""))
	if err != nil || len(d) != DigestSize {
		return nil, fmt.Errorf("digest value is not a SHA-384 digest")
	}
	return d, nil
}

// readSignedContent reads product, version and golden measurements from the
// canonical document the digest covers.
func readSignedContent(signed []byte) (*RIM, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrMalformedManifest, fmt.Sprintf(format, args...))
	}
	var tag struct {
		XMLName xml.Name `xml:"http://standards.iso.org/iso/19770/-2/2015/schema.xsd SoftwareIdentity"`
		Meta    struct {
			Product string `xml:"product,attr"`
			Version string `xml:"colloquialVersion,attr"`
		} `xml:"Meta"`
		Resources []struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"Payload>Resource"`
	}
	if err := xml.Unmarshal(signed, &tag); err != nil {
		return nil, bad("%v", err)
	}
	rim := &RIM{Product: tag.Meta.Product, Version: tag.Meta.Version}
	for _, r := range tag.Resources {
		attr := map[string]string{}
		var hashes []string
		for _, a := range r.Attrs {
			if strings.HasPrefix(a.Name.Local, "Hash") {
				hashes = append(hashes, a.Name.Local)
			}
			attr[a.Name.Local] = a.Value
		}
		if attr["type"] != "Measurement" {
			continue
		}
		idx, err := strconv.Atoi(attr["index"])
		if err != nil || idx < 0 || idx >= NumMeasurements {
			return nil, bad("measurement index %q", attr["index"])
		}
		if attr["active"] != "True" {
			continue
		}
		n, err := strconv.Atoi(attr["alternatives"])
		if err != nil || n < 1 || n != len(hashes) {
			return nil, bad("measurement %d: %q alternatives, %d hashes", idx, attr["alternatives"], len(hashes))
		}
		g := Golden{Index: idx, Source: rim.Product + " " + rim.Version}
		for i := range n {
			v, err := hex.DecodeString(attr["Hash"+strconv.Itoa(i)])
			if err != nil || len(v) != DigestSize {
				return nil, bad("measurement %d: Hash%d is not a SHA-384 value", idx, i)
			}
			g.Values = append(g.Values, v)
		}
		rim.Golden = append(rim.Golden, g)
	}
	return rim, nil
}
