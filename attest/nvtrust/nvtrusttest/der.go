package nvtrusttest

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha512"
	"fmt"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// splitCertificate returns a certificate's TBSCertificate, signature
// algorithm and signature value elements (each a complete DER element).
func splitCertificate(cert []byte) (tbs, alg, sig []byte, err error) {
	in := cryptobyte.String(cert)
	var body, t, a, s cryptobyte.String
	if !in.ReadASN1(&body, asn1.SEQUENCE) || !in.Empty() ||
		!body.ReadASN1Element(&t, asn1.SEQUENCE) ||
		!body.ReadASN1Element(&a, asn1.SEQUENCE) ||
		!body.ReadASN1Element(&s, asn1.BIT_STRING) || !body.Empty() {
		return nil, nil, nil, fmt.Errorf("nvtrusttest: not a certificate")
	}
	return t, a, s, nil
}

// ReSign returns cert with its TBSCertificate replaced by edit(tbs) and
// signed again by key (ECDSA P-384 / SHA-384). With a nil key the old
// signature is kept, so the result no longer verifies. Tests use it to make
// certificates crypto/x509 would refuse to create.
func ReSign(cert []byte, key *ecdsa.PrivateKey, edit func(tbs []byte) []byte) []byte {
	tbs, alg, sig, err := splitCertificate(cert)
	if err != nil {
		panic(err)
	}
	tbs = edit(tbs)
	if key != nil {
		digest := sha512.Sum384(tbs)
		sigValue, err := ecdsa.SignASN1(rand.Reader, key, digest[:])
		if err != nil {
			panic(err)
		}
		var b cryptobyte.Builder
		b.AddASN1BitString(sigValue)
		sig = b.BytesOrPanic()
	}
	var b cryptobyte.Builder
	b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(alg)
		b.AddBytes(sig)
	})
	return b.BytesOrPanic()
}

// WithSerial returns an edit for ReSign that replaces the serial number's
// content octets (two's complement, as on the wire) with serial: a serial
// with its top bit set is negative.
func WithSerial(serial []byte) func(tbs []byte) []byte {
	return func(tbs []byte) []byte {
		in := cryptobyte.String(tbs)
		var body, version, old cryptobyte.String
		if !in.ReadASN1(&body, asn1.SEQUENCE) ||
			!body.ReadASN1Element(&version, asn1.Tag(0).Constructed().ContextSpecific()) ||
			!body.ReadASN1(&old, asn1.INTEGER) {
			panic("nvtrusttest: not a v3 TBSCertificate")
		}
		var b cryptobyte.Builder
		b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddBytes(version)
			b.AddASN1(asn1.INTEGER, func(b *cryptobyte.Builder) { b.AddBytes(serial) })
			b.AddBytes(body)
		})
		return b.BytesOrPanic()
	}
}

// EditFields returns an edit for ReSign that hands edit the
// TBSCertificate's top-level elements (version, serial, signature
// algorithm, issuer, validity, subject, public key, then any optional
// fields), each a complete DER element, and rebuilds the TBSCertificate
// from the elements edit returns.
func EditFields(edit func(fields [][]byte) [][]byte) func(tbs []byte) []byte {
	return func(tbs []byte) []byte {
		in := cryptobyte.String(tbs)
		var body cryptobyte.String
		if !in.ReadASN1(&body, asn1.SEQUENCE) {
			panic("nvtrusttest: not a TBSCertificate")
		}
		var fields [][]byte
		for !body.Empty() {
			var el cryptobyte.String
			var tag asn1.Tag
			if !body.ReadAnyASN1Element(&el, &tag) {
				panic("nvtrusttest: malformed TBSCertificate")
			}
			fields = append(fields, el)
		}
		var b cryptobyte.Builder
		b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
			for _, f := range edit(fields) {
				b.AddBytes(f)
			}
		})
		return b.BytesOrPanic()
	}
}
