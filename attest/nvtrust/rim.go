package nvtrust

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// RIM is what this package reads from an NVIDIA reference integrity
// manifest (a signed SWID tag): the product and version it describes and
// its golden measurements.
type RIM struct {
	Product      string   // e.g. "GH100"
	Version      string   // colloquialVersion, e.g. "96.00.5E.00.01"
	Golden       []Golden // active measurements and their alternatives
	SignerChain  []string // common names, signer first
	SignedInfoOK bool     // the XML signature over SignedInfo verified
}

// ParseRIM reads a reference manifest, checks that its signing chain (the
// certificates in its KeyInfo) leads to root (the pinned CoRIM signing
// root, RIMRoot) at time at, and verifies the ECDSA P-384 signature over its
// canonical SignedInfo. The document digest that SignedInfo covers is NOT
// recomputed (that needs full XML canonicalisation): treat the result as
// reference data for an off-chain policy, reviewed before it is used.
func ParseRIM(doc []byte, root *x509.Certificate, at time.Time) (*RIM, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrMalformedManifest, fmt.Sprintf(format, args...))
	}
	var tag struct {
		Meta struct {
			Product string `xml:"product,attr"`
			Version string `xml:"colloquialVersion,attr"`
		} `xml:"Meta"`
		Resources []struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"Payload>Resource"`
		Signature struct {
			Value string   `xml:"SignatureValue"`
			Certs []string `xml:"KeyInfo>X509Data>X509Certificate"`
		} `xml:"Signature"`
	}
	if err := xml.Unmarshal(doc, &tag); err != nil {
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
	// The signing chain, signer first.
	var certs []*x509.Certificate
	for i, b64 := range tag.Signature.Certs {
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
	certs = DropSuppliedRoot(certs)
	if len(certs) == 0 {
		return nil, bad("no signing certificate")
	}
	signer := certs[0]
	for i, c := range certs {
		parent := root
		if i+1 < len(certs) {
			parent = certs[i+1]
		}
		if at.Before(c.NotBefore) || at.After(c.NotAfter) {
			return nil, fmt.Errorf("%w: certificate %d (%s) not valid at %s", ErrMalformedManifest, i, c.Subject.CommonName, at.UTC().Format(time.RFC3339))
		}
		if err := c.CheckSignatureFrom(parent); err != nil {
			return nil, bad("certificate %d: %v", i, err)
		}
		rim.SignerChain = append(rim.SignerChain, c.Subject.CommonName)
	}
	// The signature over the canonical SignedInfo.
	pub, ok := signer.PublicKey.(*ecdsa.PublicKey)
	if !ok {
		return nil, bad("signer key is not ECDSA")
	}
	sig, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(tag.Signature.Value), ""))
	if err != nil || len(sig) != SignatureSize {
		return nil, bad("signature value is not a raw P-384 signature")
	}
	si, err := canonicalSignedInfo(doc)
	if err != nil {
		return nil, bad("%v", err)
	}
	digest := sha512.Sum384(si)
	if !ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:48]), new(big.Int).SetBytes(sig[48:])) {
		return nil, bad("signature over SignedInfo does not verify")
	}
	rim.SignedInfoOK = true
	return rim, nil
}

var (
	selfClosing = regexp.MustCompile(`<([A-Za-z0-9:]+)((?:\s+[^<>]*?)?)/>`)
	rootNS      = regexp.MustCompile(`\sxmlns(?::[A-Za-z0-9]+)?="[^"]*"`)
)

// canonicalSignedInfo renders the ds:SignedInfo element in inclusive XML
// canonicalisation as NVIDIA's signer emits it: the namespaces in scope
// (declared on the document element and on ds:Signature) are put on
// SignedInfo, sorted, and empty elements get end tags.
func canonicalSignedInfo(doc []byte) ([]byte, error) {
	start := bytes.Index(doc, []byte("<ds:SignedInfo>"))
	end := bytes.Index(doc, []byte("</ds:SignedInfo>"))
	sigStart := bytes.Index(doc, []byte("<ds:Signature "))
	rootEnd := bytes.IndexByte(doc, '>')
	if start < 0 || end < start || sigStart < 0 || sigStart > start || rootEnd < 0 {
		return nil, fmt.Errorf("no ds:SignedInfo inside ds:Signature")
	}
	ns := map[string]string{}
	for _, part := range [][]byte{doc[:rootEnd], doc[sigStart : sigStart+bytes.IndexByte(doc[sigStart:], '>')]} {
		for _, m := range rootNS.FindAll(part, -1) {
			kv := strings.SplitN(strings.TrimSpace(string(m)), "=", 2)
			ns[kv[0]] = kv[1]
		}
	}
	names := make([]string, 0, len(ns))
	for k := range ns {
		names = append(names, k)
	}
	// Default namespace first, then by prefix.
	sortStrings(names)
	var decl strings.Builder
	for _, k := range names {
		decl.WriteString(" " + k + "=" + ns[k])
	}
	body := doc[start+len("<ds:SignedInfo>") : end]
	body = selfClosing.ReplaceAll(body, []byte("<$1$2></$1>"))
	out := []byte("<ds:SignedInfo" + decl.String() + ">")
	out = append(out, body...)
	return append(out, "</ds:SignedInfo>"...), nil
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
