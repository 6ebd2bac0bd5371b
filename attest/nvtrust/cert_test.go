package nvtrust_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// realChain is one certificate chain of testdata/nvtrust as raw DER,
// leaf first, exactly as published (a root included where it was sent).
type realChain struct {
	name string
	ders [][]byte
}

// pemDERs splits PEM text into DER blocks without the parser under test.
func pemDERs(t testing.TB, b []byte) [][]byte {
	var out [][]byte
	for {
		var blk *pem.Block
		if blk, b = pem.Decode(b); blk == nil {
			return out
		}
		out = append(out, blk.Bytes)
	}
}

// realChains returns every certificate chain in testdata/nvtrust: the
// chain files, the pinned roots and the eight protected-PCIe GPUs.
func realChains(t testing.TB) []realChain {
	var out []realChain
	files, err := filepath.Glob(filepath.Join(testdata, "*"))
	require.NoError(t, err)
	for _, f := range files {
		name := filepath.Base(f)
		switch {
		case strings.HasSuffix(name, ".pem"), strings.Contains(strings.ToLower(name), "cert"):
			out = append(out, realChain{name, pemDERs(t, readFile(t, name))})
		case strings.HasSuffix(name, "_evidence.json"):
			var ev []struct{ Certificate string }
			require.NoError(t, json.Unmarshal(readFile(t, name), &ev))
			for i, e := range ev {
				p, err := base64.StdEncoding.DecodeString(e.Certificate)
				require.NoError(t, err)
				out = append(out, realChain{fmt.Sprintf("%s[%d]", name, i), pemDERs(t, p)})
			}
		}
	}
	require.Len(t, out, 19) // 2 roots, 9 chain files, 8 protected-PCIe GPUs
	return out
}

// requireSameAsX509 compares every field the verifier reads with
// crypto/x509's reading of the same bytes.
func requireSameAsX509(t *testing.T, c *nvtrust.Certificate, x *x509.Certificate) {
	t.Helper()
	require.Equal(t, x.Raw, c.Raw)
	require.Equal(t, x.RawTBSCertificate, c.RawTBSCertificate)
	require.Equal(t, x.RawIssuer, c.RawIssuer)
	require.Equal(t, x.RawSubject, c.RawSubject)
	require.Equal(t, x.RawSubjectPublicKeyInfo, c.RawSubjectPublicKeyInfo)
	require.Equal(t, x.SerialNumber.Bytes(), c.SerialNumber)
	require.True(t, x.NotBefore.Equal(c.NotBefore), "%v %v", x.NotBefore, c.NotBefore)
	require.True(t, x.NotAfter.Equal(c.NotAfter), "%v %v", x.NotAfter, c.NotAfter)
	require.True(t, c.PublicKey.Equal(x.PublicKey))
	require.Equal(t, x.Subject.CommonName, c.CommonName)
	require.Equal(t, x509.ECDSAWithSHA384, x.SignatureAlgorithm)
	require.Equal(t, x.BasicConstraintsValid, c.BasicConstraintsValid)
	require.Equal(t, x.IsCA, c.IsCA)
	wantPath := -1
	if x.BasicConstraintsValid && (x.MaxPathLen > 0 || x.MaxPathLenZero) {
		wantPath = x.MaxPathLen
	}
	require.Equal(t, wantPath, c.MaxPathLen)
	require.Equal(t, uint16(x.KeyUsage), uint16(c.KeyUsage))
	require.Len(t, c.Extensions, len(x.Extensions))
	for i, e := range x.Extensions {
		id, err := asn1.Marshal(e.Id)
		require.NoError(t, err)
		require.Equal(t, id[2:], c.Extensions[i].ID)
		require.Equal(t, e.Critical, c.Extensions[i].Critical)
		require.Equal(t, e.Value, c.Extensions[i].Value)
	}
	require.Empty(t, x.UnhandledCriticalExtensions)
}

// TestParseCertificateMatchesX509 is the differential test: on every real
// certificate in testdata/nvtrust (and on test-CA chains, filled to the
// bounds too) the parser reads exactly what crypto/x509 reads, and the
// signature checks agree, for the true issuer and for a wrong one.
func TestParseCertificateMatchesX509(t *testing.T) {
	type pair struct {
		name string
		ders [][]byte
	}
	var chains []pair
	for _, rc := range realChains(t) {
		chains = append(chains, pair{rc.name, rc.ders})
	}
	for _, o := range []nvtrusttest.Options{{}, {Chip: "GB100", Depth: 5}, {Fill: true, Depth: 5}} {
		dev := nvtrusttest.NewDevice(o)
		var ders [][]byte
		for _, c := range append(dev.Chain, dev.Root) {
			ders = append(ders, c.Raw)
		}
		chains = append(chains, pair{fmt.Sprintf("test device %+v", o), ders})
	}
	n := 0
	for _, ch := range chains {
		t.Run(ch.name, func(t *testing.T) {
			var ours []*nvtrust.Certificate
			var theirs []*x509.Certificate
			for _, der := range ch.ders {
				x, err := x509.ParseCertificate(der)
				require.NoError(t, err)
				c, err := nvtrust.ParseCertificate(der)
				require.NoError(t, err)
				requireSameAsX509(t, c, x)
				ours, theirs = append(ours, c), append(theirs, x)
				n++
			}
			for i := range ours {
				parent := min(i+1, len(ours)-1) // the last is its own issuer where it is a root
				wrong := (i + 2) % len(ours)
				for _, p := range []int{parent, wrong} {
					// x509's signature check alone, with p's key.
					want := theirs[p].CheckSignature(x509.ECDSAWithSHA384, theirs[i].RawTBSCertificate, theirs[i].Signature) == nil
					require.Equal(t, want, ours[i].CheckSignatureFrom(ours[p]), "cert %d from %d", i, p)
				}
			}
		})
	}
	require.GreaterOrEqual(t, n, 80)
}

// TestVerifyChainAgreesWithX509 verifies every real chain both ways at the
// same time: our chain check and crypto/x509's path building from the
// pinned root. Where x509 has no notion of the profile's rules (a root
// alone, a CA as leaf) the profile refuses alone, and the test says so.
func TestVerifyChainAgreesWithX509(t *testing.T) {
	root := nvtrust.DeviceIdentityRoot()
	xroot, err := x509.ParseCertificate(root.Raw)
	require.NoError(t, err)
	profileOnly := map[string]nvtrust.Reason{
		"trustee_hopper_cert_chain_case2.txt": nvtrust.ReasonChainLength, // root only
		"trustee_hopper_cert_chain_case4.txt": nvtrust.ReasonLeafIsCA,    // leaf missing: BROM as leaf
	}
	for _, rc := range realChains(t) {
		if strings.HasSuffix(rc.name, ".pem") {
			continue
		}
		t.Run(rc.name, func(t *testing.T) {
			certs, err := nvtrust.ParseChainDER(bytes.Join(rc.ders, nil))
			require.NoError(t, err)
			_, ours := nvtrust.VerifyChain(nvtrust.DropSuppliedRoot(certs), root, sampleTime)

			roots, inter := x509.NewCertPool(), x509.NewCertPool()
			roots.AddCert(xroot)
			for _, d := range rc.ders[1:] {
				x, err := x509.ParseCertificate(d)
				require.NoError(t, err)
				inter.AddCert(x)
			}
			leaf, err := x509.ParseCertificate(rc.ders[0])
			require.NoError(t, err)
			_, theirs := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: sampleTime,
				KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
			if r, ok := profileOnly[rc.name]; ok {
				var ce *nvtrust.ChainError
				require.ErrorAs(t, ours, &ce)
				require.Equal(t, r, ce.Reason)
				return
			}
			require.Equal(t, theirs == nil, ours == nil, "x509: %v, ours: %v", theirs, ours)
			// Before the chain's CAs existed both refuse.
			early := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
			_, ours = nvtrust.VerifyChain(nvtrust.DropSuppliedRoot(certs), root, early)
			_, theirs = leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: early,
				KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
			require.Error(t, ours)
			require.Error(t, theirs)
		})
	}
}

// godebugInputs are deterministic parser inputs: every real certificate,
// and each with a negative, a zero and a 21-byte serial (signatures left
// stale: the parse must refuse before any signature is checked).
func godebugInputs(t testing.TB) [][]byte {
	var out [][]byte
	for _, rc := range realChains(t) {
		for _, der := range rc.ders {
			out = append(out, der)
			for _, serial := range [][]byte{bytes.Repeat([]byte{0xd3}, 20), {0}, append([]byte{0x01}, make([]byte, 20)...), {0x00, 0x01}} {
				out = append(out, nvtrusttest.ReSign(der, nil, nvtrusttest.WithSerial(serial)))
			}
		}
	}
	return out
}

// describe is the parser's answer on one input: the fixed reason, or a
// digest of every field it read, with the chain check on a verifying root.
func describe(der []byte) string {
	c, err := nvtrust.ParseCertificate(der)
	if err != nil {
		var r nvtrust.Reason
		if !errors.As(err, &r) {
			return "unexpected error type"
		}
		return "refused " + strconv.Itoa(int(r)) + " " + r.String()
	}
	h := sha256.New()
	for _, b := range [][]byte{c.Raw, c.RawTBSCertificate, c.RawIssuer, c.RawSubject, c.RawSubjectPublicKeyInfo, c.SerialNumber, []byte(c.CommonName)} {
		fmt.Fprintf(h, "%x|", b)
	}
	fmt.Fprintf(h, "%d|%d|%v|%v|%d|%d|", c.NotBefore.Unix(), c.NotAfter.Unix(), c.BasicConstraintsValid, c.IsCA, c.MaxPathLen, c.KeyUsage)
	for _, e := range c.Extensions {
		fmt.Fprintf(h, "%x|%v|%x|", e.ID, e.Critical, e.Value)
	}
	return fmt.Sprintf("parsed %x self-signed=%v", h.Sum(nil), c.CheckSignatureFrom(c))
}

// TestParseCertificateIndependentOfGODEBUG parses the same inputs in child
// processes under several GODEBUG settings that change crypto/x509: the
// answers must be byte-identical.
func TestParseCertificateIndependentOfGODEBUG(t *testing.T) {
	inputs := godebugInputs(t)
	var want []string
	for _, in := range inputs {
		want = append(want, describe(in))
	}
	joined := strings.Join(want, "\n")
	require.Contains(t, joined, "refused "+strconv.Itoa(int(nvtrust.ReasonSerial)))
	for _, godebug := range []string{"", "x509negativeserial=1", "x509negativeserial=0", "x509negativeserial=1,x509sha1=1,x509usefallbackroots=1,x509keypairleaf=0"} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestParseCertificateGODEBUGChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "GODEBUG="+godebug, "PARS_PARSE_CHILD=1")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		var got []string
		for _, line := range strings.Split(string(out), "\n") {
			if s, ok := strings.CutPrefix(line, "RESULT "); ok {
				got = append(got, s)
			}
		}
		require.Equal(t, joined, strings.Join(got, "\n"), "GODEBUG=%s", godebug)
	}
}

// TestParseCertificateGODEBUGChild is the child process of
// TestParseCertificateIndependentOfGODEBUG; it does nothing on its own.
func TestParseCertificateGODEBUGChild(t *testing.T) {
	if os.Getenv("PARS_PARSE_CHILD") == "" {
		t.Skip("child process of TestParseCertificateIndependentOfGODEBUG")
	}
	for _, in := range godebugInputs(t) {
		fmt.Println("RESULT " + describe(in))
	}
}

// derOf builds one DER element.
func derOf(tag cbasn1.Tag, body ...[]byte) []byte {
	var b cryptobyte.Builder
	b.AddASN1(tag, func(b *cryptobyte.Builder) {
		for _, x := range body {
			b.AddBytes(x)
		}
	})
	return b.BytesOrPanic()
}

// ext builds an Extension element.
func ext(oid asn1.ObjectIdentifier, critical []byte, value []byte) []byte {
	id, _ := asn1.Marshal(oid)
	return derOf(cbasn1.SEQUENCE, id, critical, derOf(cbasn1.OCTET_STRING, value))
}

// withExtensions replaces the TBSCertificate's extensions.
func withExtensions(exts ...[]byte) func([][]byte) [][]byte {
	return func(f [][]byte) [][]byte {
		return append(f[:7:7], derOf(cbasn1.Tag(3).ContextSpecific().Constructed(), derOf(cbasn1.SEQUENCE, exts...)))
	}
}

// TestParseCertificateRefusals edits one field of a valid test leaf per
// case, re-signed by its issuer so only the edit can be the cause, and
// checks the fixed reason.
func TestParseCertificateRefusals(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	leaf := dev.Chain[0].Raw
	resign := func(edit func([][]byte) [][]byte) []byte {
		return nvtrusttest.ReSign(leaf, dev.Keys[1], nvtrusttest.EditFields(edit))
	}
	field := func(i int, v []byte) []byte {
		return resign(func(f [][]byte) [][]byte { f[i] = v; return f })
	}
	utc := func(s string) []byte { return derOf(cbasn1.UTCTime, []byte(s)) }
	gen := func(s string) []byte { return derOf(cbasn1.GeneralizedTime, []byte(s)) }
	validity := func(a, b []byte) []byte { return derOf(cbasn1.SEQUENCE, a, b) }
	name := func(atvs ...[]byte) []byte {
		var rdns [][]byte
		for _, a := range atvs {
			rdns = append(rdns, derOf(cbasn1.SET, a))
		}
		return derOf(cbasn1.SEQUENCE, rdns...)
	}
	cn := func(tag cbasn1.Tag, v string) []byte {
		id, _ := asn1.Marshal(asn1.ObjectIdentifier{2, 5, 4, 3})
		return derOf(cbasn1.SEQUENCE, id, derOf(tag, []byte(v)))
	}
	kuOID := asn1.ObjectIdentifier{2, 5, 29, 15}
	bcOID := asn1.ObjectIdentifier{2, 5, 29, 19}
	critical := []byte{0x01, 0x01, 0xff}
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p256SPKI, _ := x509.MarshalPKIXPublicKey(&p256.PublicKey)
	sha256Alg := []byte{0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02}
	many := make([][]byte, nvtrust.MaxExtensions+1)
	for i := range many {
		many[i] = ext(asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, i}, nil, []byte{5, 0})
	}

	cases := []struct {
		name string
		der  []byte
		want nvtrust.Reason
	}{
		{"negative serial", field(1, derOf(cbasn1.INTEGER, bytes.Repeat([]byte{0xd3}, 20))), nvtrust.ReasonSerial},
		{"zero serial", field(1, derOf(cbasn1.INTEGER, []byte{0})), nvtrust.ReasonSerial},
		{"serial with a redundant zero", field(1, derOf(cbasn1.INTEGER, []byte{0, 1})), nvtrust.ReasonSerial},
		{"21-byte serial", field(1, derOf(cbasn1.INTEGER, append([]byte{1}, make([]byte, 20)...))), nvtrust.ReasonSerial},
		{"version 1", resign(func(f [][]byte) [][]byte { return f[1:] }), nvtrust.ReasonVersion},
		{"version 2", field(0, []byte{0xa0, 0x03, 0x02, 0x01, 0x01}), nvtrust.ReasonVersion},
		{"inner algorithm SHA-256", field(2, sha256Alg), nvtrust.ReasonSignatureAlgorithm},
		{"P-256 key", field(6, p256SPKI), nvtrust.ReasonPublicKey},
		{"point off the curve", func() []byte {
			spki := bytes.Clone(dev.Chain[0].RawSubjectPublicKeyInfo)
			spki[len(spki)-1] ^= 1
			return field(6, spki)
		}(), nvtrust.ReasonPublicKey},
		{"GeneralizedTime before 2050", field(4, validity(gen("20200101000000Z"), gen("20990101000000Z"))), nvtrust.ReasonValidity},
		{"UTCTime without seconds", field(4, validity(derOf(cbasn1.UTCTime, []byte("2001010000Z")), gen("20990101000000Z"))), nvtrust.ReasonValidity},
		{"UTCTime with an offset", field(4, validity(derOf(cbasn1.UTCTime, []byte("200101000000+0100")), gen("20990101000000Z"))), nvtrust.ReasonValidity},
		{"fractional seconds", field(4, validity(utc("200101000000Z"), derOf(cbasn1.GeneralizedTime, []byte("20990101000000.5Z")))), nvtrust.ReasonValidity},
		{"30 February", field(4, validity(utc("200230000000Z"), gen("20990101000000Z"))), nvtrust.ReasonValidity},
		{"leap second", field(4, validity(utc("200101235960Z"), gen("20990101000000Z"))), nvtrust.ReasonValidity},
		{"two common names", field(5, name(cn(cbasn1.UTF8String, "a"), cn(cbasn1.UTF8String, "b"))), nvtrust.ReasonName},
		{"invalid UTF-8", field(5, name(cn(cbasn1.UTF8String, "\xff"))), nvtrust.ReasonName},
		{"PrintableString with '*'", field(5, name(cn(cbasn1.PrintableString, "a*b"))), nvtrust.ReasonName},
		{"BMPString value", field(5, name(cn(cbasn1.Tag(30), "\x00a"))), nvtrust.ReasonName},
		{"empty subject", field(5, derOf(cbasn1.SEQUENCE)), nvtrust.ReasonName},
		{"multi-valued RDN", field(5, derOf(cbasn1.SEQUENCE, derOf(cbasn1.SET, cn(cbasn1.UTF8String, "a"), cn(cbasn1.UTF8String, "b")))), nvtrust.ReasonName},
		{"subject unique id", resign(func(f [][]byte) [][]byte {
			return append(f[:7:7], append([][]byte{{0x82, 0x02, 0x00, 0x01}}, f[7:]...)...)
		}), nvtrust.ReasonUniqueID},
		{"unknown critical extension", resign(withExtensions(ext(asn1.ObjectIdentifier{1, 2, 3}, critical, []byte{5, 0}))), nvtrust.ReasonCriticalExtension},
		{"critical TcbInfo", resign(withExtensions(ext(asn1.ObjectIdentifier{2, 23, 133, 5, 4, 1}, critical, []byte{0x30, 0}))), nvtrust.ReasonCriticalExtension},
		{"explicit critical FALSE", resign(withExtensions(ext(asn1.ObjectIdentifier{1, 2, 3}, []byte{0x01, 0x01, 0x00}, []byte{5, 0}))), nvtrust.ReasonExtensions},
		{"empty extensions", resign(withExtensions()), nvtrust.ReasonExtensions},
		{"duplicate extension", resign(withExtensions(ext(kuOID, critical, []byte{3, 2, 7, 0x80}), ext(kuOID, critical, []byte{3, 2, 7, 0x80}))), nvtrust.ReasonDuplicateExtension},
		{"too many extensions", resign(withExtensions(many...)), nvtrust.ReasonTooManyExtensions},
		{"key usage with a trailing zero bit", resign(withExtensions(ext(kuOID, critical, []byte{3, 2, 6, 0x80}))), nvtrust.ReasonKeyUsage},
		{"key usage with a zero byte", resign(withExtensions(ext(kuOID, critical, []byte{3, 3, 7, 0x80, 0}))), nvtrust.ReasonKeyUsage},
		{"empty key usage", resign(withExtensions(ext(kuOID, critical, []byte{3, 1, 0}))), nvtrust.ReasonKeyUsage},
		{"basic constraints cA FALSE explicit", resign(withExtensions(ext(bcOID, critical, []byte{0x30, 3, 1, 1, 0}))), nvtrust.ReasonBasicConstraints},
		{"path length without cA", resign(withExtensions(ext(bcOID, critical, []byte{0x30, 3, 2, 1, 0}))), nvtrust.ReasonBasicConstraints},
		{"negative path length", resign(withExtensions(ext(bcOID, critical, []byte{0x30, 6, 1, 1, 0xff, 2, 1, 0xff}))), nvtrust.ReasonBasicConstraints},
		{"trailing byte", append(bytes.Clone(leaf), 0), nvtrust.ReasonMalformed},
		{"over the size bound", resign(withExtensions(ext(asn1.ObjectIdentifier{1, 2, 3}, nil, make([]byte, nvtrust.MaxCertificateSize)))), nvtrust.ReasonTooLarge},
		{"outer algorithm SHA-256", bytes.Replace(leaf, []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03}, []byte{0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02}, -1), nvtrust.ReasonSignatureAlgorithm},
		{"signature with a redundant zero", func() []byte {
			_, _, sig := splitCert(t, leaf)
			var seq struct{ R, S *big.Int }
			_, err := asn1.Unmarshal(sig[1:], &seq)
			require.NoError(t, err)
			rb := append([]byte{0, 0}, seq.R.Bytes()...)
			bad := derOf(cbasn1.SEQUENCE, derOf(cbasn1.INTEGER, rb), derOf(cbasn1.INTEGER, seq.S.Bytes()))
			return replaceSig(t, leaf, append([]byte{0}, bad...))
		}(), nvtrust.ReasonSignatureValue},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := nvtrust.ParseCertificate(tc.der)
			require.ErrorIs(t, err, tc.want)
			require.ErrorIs(t, err, nvtrust.ErrChain)
		})
	}
	// The unedited leaf, re-signed the same way, parses: the edits alone
	// are refused.
	_, err := nvtrust.ParseCertificate(resign(func(f [][]byte) [][]byte { return f }))
	require.NoError(t, err)
}

// splitCert returns a certificate's TBSCertificate, algorithm and
// signature BIT STRING contents.
func splitCert(t testing.TB, der []byte) (tbs, alg, sig []byte) {
	var raw struct {
		TBS asn1.RawValue
		Alg asn1.RawValue
		Sig asn1.BitString
	}
	_, err := asn1.Unmarshal(der, &raw)
	require.NoError(t, err)
	return raw.TBS.FullBytes, raw.Alg.FullBytes, append([]byte{0}, raw.Sig.Bytes...)
}

// replaceSig returns der with the signature BIT STRING's contents replaced.
func replaceSig(t testing.TB, der, sigContents []byte) []byte {
	tbs, alg, _ := splitCert(t, der)
	return derOf(cbasn1.SEQUENCE, tbs, alg, derOf(cbasn1.BIT_STRING, sigContents))
}

// TestParseChainDERBounds: the size and count bounds refuse before any
// certificate is parsed (the inputs would not parse at all).
func TestParseChainDERBounds(t *testing.T) {
	big := derOf(cbasn1.SEQUENCE, make([]byte, nvtrust.MaxCertificateSize))
	junk := derOf(cbasn1.SEQUENCE, []byte{0xde, 0xad})
	cases := []struct {
		name  string
		chain []byte
		index int
		want  nvtrust.Reason
	}{
		{"chain over its bound", make([]byte, nvtrust.MaxChainDERSize+1), -1, nvtrust.ReasonChainTooLarge},
		{"second certificate over its bound", append(bytes.Clone(junk), big...), 1, nvtrust.ReasonTooLarge},
		{"seven certificates", bytes.Repeat(junk, nvtrust.MaxChainCerts+2), -1, nvtrust.ReasonTooManyCerts},
		{"not a SEQUENCE", append(bytes.Clone(junk), 0x31, 0x00), 1, nvtrust.ReasonNotCertificate},
		{"non-minimal length", []byte{0x30, 0x81, 0x02, 0xde, 0xad}, 0, nvtrust.ReasonNotCertificate},
		{"empty", nil, -1, nvtrust.ReasonNoCertificates},
		{"bounds fine, content not", junk, 0, nvtrust.ReasonMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := nvtrust.ParseChainDER(tc.chain)
			var ce *nvtrust.ChainError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, nvtrust.ChainError{Index: tc.index, Reason: tc.want}, *ce)
		})
	}
}

// TestReasonTexts: every reason has its own fixed text, the numbers in
// the texts are the bounds in force, and no text borrows a library's words.
func TestReasonTexts(t *testing.T) {
	seen := map[string]bool{}
	for r := nvtrust.ReasonMalformed; r <= nvtrust.ReasonFWID; r++ {
		s := r.String()
		require.NotEqual(t, "invalid certificate", s, "reason %d", r)
		require.False(t, seen[s], "reason %d repeats %q", r, s)
		seen[s] = true
		for _, lib := range []string{"x509", "asn1", "crypto/", "ecdsa:"} {
			require.NotContains(t, s, lib)
		}
	}
	require.Contains(t, nvtrust.ReasonTooLarge.String(), strconv.Itoa(nvtrust.MaxCertificateSize))
	require.Contains(t, nvtrust.ReasonChainTooLarge.String(), strconv.Itoa(nvtrust.MaxChainDERSize))
	require.Contains(t, nvtrust.ReasonTooManyCerts.String(), strconv.Itoa(nvtrust.MaxChainCerts+1))
	require.Contains(t, nvtrust.ReasonTooManyExtensions.String(), strconv.Itoa(nvtrust.MaxExtensions))
	require.Contains(t, nvtrust.ReasonSerial.String(), strconv.Itoa(nvtrust.MaxSerialSize))
	require.Contains(t, nvtrust.ReasonChainLength.String(), fmt.Sprintf("%d to %d", nvtrust.MinChainCerts, nvtrust.MaxChainCerts))
	require.Equal(t, "invalid certificate", nvtrust.Reason(0).String())
}

// TestRealChainsWithinBounds: the bounds leave room for every real chain.
func TestRealChainsWithinBounds(t *testing.T) {
	for _, rc := range realChains(t) {
		require.LessOrEqual(t, len(rc.ders), nvtrust.MaxChainCerts)
		for _, der := range rc.ders {
			require.LessOrEqual(t, 2*len(der), nvtrust.MaxCertificateSize, rc.name)
			x, err := x509.ParseCertificate(der)
			require.NoError(t, err)
			require.LessOrEqual(t, 2*len(x.Extensions), nvtrust.MaxExtensions, rc.name)
		}
	}
}
