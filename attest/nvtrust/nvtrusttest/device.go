// Package nvtrusttest makes GPU attestation evidence with keys a test
// controls: a P-384 root, a device certificate chain below it, and SPDM
// reports signed by the device's attestation key for any nonce. Real GPU
// reports answer nonces their verifiers chose; tests of the mining path
// need reports that answer the nonce derived from their own WorkContext.
package nvtrusttest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"math/big"
	"sync/atomic"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
)

// Device is a test GPU: its pinned root, its chain (leaf first, root
// excluded) and its attestation key.
type Device struct {
	Root     *nvtrust.Certificate
	RootKey  *ecdsa.PrivateKey
	Chain    []*nvtrust.Certificate
	Keys     []*ecdsa.PrivateKey // Keys[i] is Chain[i]'s private key
	Key      *ecdsa.PrivateKey   // the leaf's attestation key (Keys[0])
	Chip     string
	FWID     []byte
	Project  string
	SKU      string
	Driver   string
	VBIOS    [8]byte
	NotAfter time.Time
	rootX509 *x509.Certificate // the root as crypto/x509 signs with it
}

// Options shape a test device; zero values take the defaults noted.
type Options struct {
	Chip       string    // "GH100"
	Project    string    // "1010"
	ProjectSKU string    // "0200"
	Driver     string    // "550.90.07"
	Depth      int       // certificates below the root, 2..5 (default 4, as NVIDIA's)
	NotBefore  time.Time // 2020-01-01
	NotAfter   time.Time // 2099-12-31
	Root       *Device   // reuse another device's root (same CA, another GPU)
	// Fill grows every certificate to the parser's bounds: exactly
	// nvtrust.MaxExtensions extensions and close to
	// nvtrust.MaxCertificateSize bytes (the worst case registerDevice is
	// priced for).
	Fill bool
}

// NewDevice makes a test GPU with a fresh chain.
func NewDevice(o Options) *Device {
	if o.Chip == "" {
		o.Chip = "GH100"
	}
	if o.Project == "" {
		o.Project = "1010"
	}
	if o.ProjectSKU == "" {
		o.ProjectSKU = "0200"
	}
	if o.Driver == "" {
		o.Driver = "550.90.07"
	}
	if o.Depth == 0 {
		o.Depth = 4
	}
	if o.NotBefore.IsZero() {
		o.NotBefore = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.NotAfter.IsZero() {
		o.NotAfter = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	d := &Device{Chip: o.Chip, Project: o.Project, SKU: o.ProjectSKU, Driver: o.Driver,
		VBIOS: [8]byte{0x00, 0x9f, 0x00, 0x96, 0x01}, NotAfter: o.NotAfter}
	fwid := sha512.Sum384([]byte("test firmware " + o.Chip))
	d.FWID = fwid[:]
	if o.Root != nil {
		d.rootX509, d.RootKey = o.Root.rootX509, o.Root.RootKey
	} else {
		d.RootKey = newKey()
		d.rootX509 = issue(nil, d.RootKey, &d.RootKey.PublicKey, "Test Device Identity CA", true, o, nil)
	}
	d.Root = parse(d.rootX509)
	parent, parentKey := d.rootX509, d.RootKey
	// CAs from the top down, then the leaf.
	names := []string{"Test " + o.Chip + " Identity", "Test " + o.Chip + " Provisioner ICA", "Test " + o.Chip + " Extra ICA"}
	var chain []*x509.Certificate
	var keys []*ecdsa.PrivateKey
	for i := 0; i < o.Depth-2; i++ {
		k := newKey()
		c := issue(parent, parentKey, &k.PublicKey, names[i], true, o, nil)
		chain = append([]*x509.Certificate{c}, chain...)
		keys = append([]*ecdsa.PrivateKey{k}, keys...)
		parent, parentKey = c, k
	}
	bromKey := newKey()
	brom := issue(parent, parentKey, &bromKey.PublicKey, o.Chip+" A01 GSP BROM", true, o, nil)
	d.Key = newKey()
	leaf := issue(brom, bromKey, &d.Key.PublicKey, o.Chip+" A01 GSP FMC LF", false, o, d.FWID)
	for _, c := range append([]*x509.Certificate{leaf, brom}, chain...) {
		d.Chain = append(d.Chain, parse(c))
	}
	d.Keys = append([]*ecdsa.PrivateKey{d.Key, bromKey}, keys...)
	return d
}

func newKey() *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

var serial atomic.Int64

// parse reads a certificate the test CA made with the project's parser.
func parse(c *x509.Certificate) *nvtrust.Certificate {
	p, err := nvtrust.ParseCertificate(c.Raw)
	if err != nil {
		panic(err)
	}
	return p
}

// oidFiller is a private-enterprise OID for the filler extensions of
// Options.Fill; parsers skip it (non-critical, not understood).
var oidFiller = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}

func issue(parent *x509.Certificate, parentKey *ecdsa.PrivateKey, pub *ecdsa.PublicKey, cn string, ca bool, o Options, fwid []byte) *x509.Certificate {
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial.Add(1)),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"Test"}},
		NotBefore:             o.NotBefore,
		NotAfter:              o.NotAfter,
		BasicConstraintsValid: true,
		IsCA:                  ca,
		SignatureAlgorithm:    x509.ECDSAWithSHA384,
	}
	if ca {
		tmpl.KeyUsage = x509.KeyUsageCertSign
		tmpl.MaxPathLen = -1
	} else {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	}
	if fwid != nil {
		// Hopper-style TcbInfo: a SEQUENCE whose last element is the FWID
		// { id-sha384, OCTET STRING }.
		v, _ := asn1.Marshal(struct {
			Version int
			FWID    struct {
				HashAlg asn1.ObjectIdentifier
				Digest  []byte
			}
		}{Version: 1, FWID: struct {
			HashAlg asn1.ObjectIdentifier
			Digest  []byte
		}{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}, fwid}})
		tmpl.ExtraExtensions = []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 23, 133, 5, 4, 1}, Value: v}}
	}
	if parent == nil {
		parent = tmpl
	}
	create := func() *x509.Certificate {
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, parentKey)
		if err != nil {
			panic(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			panic(err)
		}
		return c
	}
	c := create()
	if !o.Fill {
		return c
	}
	// Fill: filler extensions up to the count bound, the last one padded
	// to bring the certificate near the size bound (a signature's length
	// varies by a few bytes, so the padding leaves room for it).
	base := len(tmpl.ExtraExtensions)
	for i := len(c.Extensions); i < nvtrust.MaxExtensions; i++ {
		id := append(append(asn1.ObjectIdentifier(nil), oidFiller...), i)
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: id, Value: []byte{0x05, 0x00}})
	}
	last := &tmpl.ExtraExtensions[len(tmpl.ExtraExtensions)-1]
	if len(tmpl.ExtraExtensions) == base {
		panic("nvtrusttest: no room for filler extensions")
	}
	for pad := nvtrust.MaxCertificateSize - len(create().Raw) - 8; ; pad-- {
		last.Value, _ = asn1.Marshal(make([]byte, pad))
		if c = create(); len(c.Raw) <= nvtrust.MaxCertificateSize {
			return c
		}
	}
}

// ChainDER is the chain in registerDevice's encoding: DER certificates
// concatenated, leaf first, root excluded.
func (d *Device) ChainDER() []byte { return nvtrust.EncodeChainDER(d.Chain) }

// Fields returns the opaque fields the device signs, NVIDIA's order.
func (d *Device) Fields() []nvtrust.OpaqueField {
	str := func(s string, n int) []byte { b := make([]byte, n); copy(b, s); return b }
	return []nvtrust.OpaqueField{
		{Type: nvtrust.FieldVBIOSVersion, Value: d.VBIOS[:]},
		{Type: nvtrust.FieldChipSKU, Value: str("882", 9)},
		{Type: nvtrust.FieldProject, Value: str(d.Project, 5)},
		{Type: nvtrust.FieldProjectSKU, Value: str(d.SKU, 5)},
		{Type: nvtrust.FieldDriverVersion, Value: str(d.Driver, len(d.Driver)+1)},
		{Type: nvtrust.FieldFWID, Value: d.FWID},
	}
}

// Report returns an SPDM report answering nonce, signed by the device.
func (d *Device) Report(nonce [32]byte) []byte { return d.ReportWith(nonce, d.Fields()) }

// ReportWith returns a signed report with the given opaque fields.
func (d *Device) ReportWith(nonce [32]byte, fields []nvtrust.OpaqueField) []byte {
	return Sign(d.Key, Unsigned(nonce, fields))
}

// Unsigned returns request ‖ response without the signature.
func Unsigned(nonce [32]byte, fields []nvtrust.OpaqueField) []byte {
	b := []byte{0x11, 0xE0, 0x01, 0xFF}
	b = append(b, nonce[:]...)
	b = append(b, 0)
	rec := nvtrust.NumMeasurements * 55
	b = append(b, 0x11, 0x60, 0, 0, nvtrust.NumMeasurements, byte(rec), byte(rec>>8), byte(rec>>16))
	for i := range nvtrust.NumMeasurements {
		b = append(b, byte(i+1), 1, 51, 0, 1, 48, 0)
		m := sha512.Sum384([]byte{byte(i)})
		b = append(b, m[:]...)
	}
	rn := sha512.Sum384([]byte("responder nonce"))
	b = append(b, rn[:32]...)
	var opaque []byte
	for _, f := range fields {
		opaque = binary.LittleEndian.AppendUint16(opaque, f.Type)
		opaque = binary.LittleEndian.AppendUint16(opaque, uint16(len(f.Value)))
		opaque = append(opaque, f.Value...)
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(opaque)))
	return append(b, opaque...)
}

// Sign appends a raw r‖s P-384 signature over SHA-384(unsigned).
func Sign(k *ecdsa.PrivateKey, unsigned []byte) []byte {
	digest := sha512.Sum384(unsigned)
	r, s, err := ecdsa.Sign(rand.Reader, k, digest[:])
	if err != nil {
		panic(err)
	}
	out := append([]byte(nil), unsigned...)
	var sig [96]byte
	r.FillBytes(sig[:48])
	s.FillBytes(sig[48:])
	return append(out, sig[:]...)
}
