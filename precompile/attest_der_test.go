package precompile_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// registerCase is one registerDevice input, as handed to a child process.
type registerCase struct {
	Name   string `json:"name"`
	Root   []byte `json:"root"` // DER of the pinned root; empty: NVIDIA's
	Chain  []byte `json:"chain"`
	Report []byte `json:"report"`
	Miner  []byte `json:"miner"`
}

// run calls registerDevice on a fresh chain and describes the outcome:
// error, return or revert data in hex, and gas charged.
func (rc registerCase) run(t testing.TB) string {
	c := newChain(t)
	if len(rc.Root) > 0 {
		root, err := nvtrust.ParseCertificate(rc.Root)
		require.NoError(t, err)
		c.Contract = precompile.New(precompile.WithDeviceRoot(root))
	}
	r := c.Call(precompiletest.Frame{}, pack(t, "registerDevice", rc.Chain, rc.Report, [32]byte(rc.Miner)))
	return fmt.Sprintf("%s err=%v ret=%x gas=%d", rc.Name, r.Err, r.Ret, r.GasUsed)
}

// realChainDER returns a real chain from testdata (root dropped) and its report.
func realChainDER(t testing.TB, chainFile, reportFile string) ([]byte, []byte) {
	pemChain, err := os.ReadFile("../testdata/nvtrust/" + chainFile)
	require.NoError(t, err)
	certs, err := nvtrust.ParseChainPEM(pemChain)
	require.NoError(t, err)
	hx, err := os.ReadFile("../testdata/nvtrust/" + reportFile)
	require.NoError(t, err)
	report, err := hex.DecodeString(strings.TrimSpace(string(hx)))
	require.NoError(t, err)
	return nvtrust.EncodeChainDER(nvtrust.DropSuppliedRoot(certs)), report
}

// splitDER splits concatenated DER certificates.
func splitDER(t testing.TB, chain []byte) [][]byte {
	var out [][]byte
	for len(chain) > 0 {
		n := 0
		switch l := chain[1]; {
		case l < 0x80:
			n = 2 + int(l)
		case l == 0x81:
			n = 3 + int(chain[2])
		case l == 0x82:
			n = 4 + (int(chain[2])<<8 | int(chain[3]))
		default:
			t.Fatalf("length form %x", l)
		}
		out = append(out, chain[:n])
		chain = chain[n:]
	}
	return out
}

// negativeSerialCases are registrations whose leaf has a negative serial
// number: crypto/x509 refuses to parse it under the default GODEBUG and
// parses it under x509negativeserial=1.
func negativeSerialCases(t testing.TB) []registerCase {
	miner := minerOf(key(t, proof.MLDSA44, 1))
	neg := bytes.Repeat([]byte{0xd3}, 20) // top bit set: negative

	// A real H100 chain: the serial edit breaks the leaf's signature.
	real, report := realChainDER(t, "nvtrust_hopperCertChain.txt", "nvtrust_hopperAttestationReport.txt")
	certs := splitDER(t, real)
	certs[0] = nvtrusttest.ReSign(certs[0], nil, nvtrusttest.WithSerial(neg))

	// A test GPU whose leaf is re-signed by its issuer: the chain verifies
	// and the report answers the registration nonce, so only the serial
	// stands between it and a registration.
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	leaf := nvtrusttest.ReSign(dev.Chain[0].Raw, dev.Keys[1], nvtrusttest.WithSerial(neg))
	signed := append(bytes.Clone(leaf), nvtrust.EncodeChainDER(dev.Chain[1:])...)
	nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, 1)

	return []registerCase{
		{Name: "real H100, negative leaf serial", Chain: bytes.Join(certs, nil), Report: report, Miner: miner[:]},
		{Name: "test GPU, negative leaf serial, re-signed", Root: dev.Root.Raw, Chain: signed, Report: dev.Report(nonce), Miner: miner[:]},
		{Name: "test GPU, unchanged", Root: dev.Root.Raw, Chain: dev.ChainDER(), Report: dev.Report(nonce), Miner: miner[:]},
	}
}

// TestRegisterDeviceIndependentOfGODEBUG runs the same registrations in
// child processes under several GODEBUG settings: the answers (revert data
// and gas) must be byte-identical, else nodes with different settings
// split the chain.
func TestRegisterDeviceIndependentOfGODEBUG(t *testing.T) {
	cases := negativeSerialCases(t)
	path := filepath.Join(t.TempDir(), "cases.json")
	b, err := json.Marshal(cases)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o600))

	var want string
	for i, godebug := range []string{"", "x509negativeserial=1", "x509negativeserial=0", "x509negativeserial=1,x509sha1=1,x509usepolicies=0"} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestRegisterDeviceGODEBUGChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "GODEBUG="+godebug, "PARS_REGISTER_CASES="+path)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		var got []string
		for _, line := range strings.Split(string(out), "\n") {
			if s, ok := strings.CutPrefix(line, "RESULT "); ok {
				got = append(got, s)
			}
		}
		require.Len(t, got, len(cases), "%s", out)
		joined := strings.Join(got, "\n")
		if i == 0 {
			want = joined
			// The in-process answer is the same too.
			var here []string
			for _, rc := range cases {
				here = append(here, rc.run(t))
			}
			require.Equal(t, strings.Join(here, "\n"), want)
			continue
		}
		require.Equal(t, want, joined, "GODEBUG=%s answers differently", godebug)
	}
	require.NotContains(t, want, hex.EncodeToString([]byte("x509")))
	// Only the unchanged device registers.
	require.Equal(t, 1, strings.Count(want, "err=<nil>"), want)
}

// TestRegisterDeviceGODEBUGChild is the child process of
// TestRegisterDeviceIndependentOfGODEBUG; it does nothing on its own.
func TestRegisterDeviceGODEBUGChild(t *testing.T) {
	path := os.Getenv("PARS_REGISTER_CASES")
	if path == "" {
		t.Skip("child process of TestRegisterDeviceIndependentOfGODEBUG")
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var cases []registerCase
	require.NoError(t, json.Unmarshal(b, &cases))
	for _, rc := range cases {
		fmt.Println("RESULT " + rc.run(t))
	}
}

// libraryText are substrings that betray a library's error text
// ("x509: …", "asn1: …", "crypto/ecdsa: …", "ecdsa: …").
var libraryText = []string{"x509", "asn1", "asn.1", "crypto/", "ecdsa:", "cryptobyte", "tags don't match"}

// requireOwnRevert checks a refusal carries only the precompile's own text.
func requireNoLibraryRevert(t *testing.T, r precompiletest.Result, what string) {
	t.Helper()
	require.ErrorIs(t, r.Err, vm.ErrExecutionReverted, what)
	require.NotNil(t, r.Revert, what)
	for _, s := range libraryText {
		require.NotContains(t, string(r.Ret), s, "%s: revert %v", what, r.Revert)
	}
}

// TestAttestationRevertsCarryNoLibraryText mutates registration chains and
// attested proofs; every refusal's revert data must come from our own
// code, never from a library's error text (which changes with the Go
// version and GODEBUG).
func TestAttestationRevertsCarryNoLibraryText(t *testing.T) {
	sk := key(t, proof.MLDSA44, 1)
	miner := minerOf(sk)
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	nonce := precompile.RegistrationNonce(chainPars, deviceID(dev), miner, 1)
	realChain, realReport := realChainDER(t, "sdk_blackwellCertChain.txt", "sdk_blackwellAttestationReport.txt")

	t.Run("registerDevice", func(t *testing.T) {
		inputs := []struct {
			name          string
			c             *precompiletest.Chain
			chain, report []byte
			stride        int
		}{
			{"test GPU", attestChain(t, dev), dev.ChainDER(), dev.Report(nonce), 7},
			{"real GB100", newChain(t), realChain, realReport, 11},
		}
		for _, in := range inputs {
			for i := 0; i < len(in.chain); i += in.stride {
				for _, m := range []func([]byte) []byte{
					func(b []byte) []byte { b[i] ^= 0x01; return b },
					func(b []byte) []byte { b[i] ^= 0x80; return b },
					func(b []byte) []byte { return b[:i] },
				} {
					bad := m(bytes.Clone(in.chain))
					r := in.c.Call(precompiletest.Frame{}, pack(t, "registerDevice", bad, in.report, miner))
					if r.Err == nil {
						continue // a flip in an ignored field (the test device's chain registers)
					}
					requireNoLibraryRevert(t, r, fmt.Sprintf("%s byte %d", in.name, i))
				}
			}
		}
		for _, rc := range negativeSerialCases(t) {
			if strings.Contains(rc.Name, "unchanged") {
				continue
			}
			r := attestChain(t, dev).Call(precompiletest.Frame{}, pack(t, "registerDevice", rc.Chain, rc.Report, [32]byte(rc.Miner)))
			if len(rc.Root) == 0 {
				r = newChain(t).Call(precompiletest.Frame{}, pack(t, "registerDevice", rc.Chain, rc.Report, [32]byte(rc.Miner)))
			}
			requireNoLibraryRevert(t, r, rc.Name)
		}
	})

	t.Run("attested submitWorkProof", func(t *testing.T) {
		c := attestChain(t, dev)
		require.NoError(t, register(t, c, dev, miner, 1).Err)
		p, att := attestedProof(t, sk, dev, 10, nil)
		for i := 0; i < len(att); i += 13 {
			for _, m := range []func([]byte) []byte{
				func(b []byte) []byte { b[i] ^= 0x01; return b },
				func(b []byte) []byte { return b[:max(i, 1)] }, // empty: no attestation
			} {
				bad := m(bytes.Clone(att))
				q := *p
				q.AttestationHash = proof.HashAttestation(bad)
				require.NoError(t, q.Sign(sk, true))
				requireNoLibraryRevert(t, submit(c, t, &q, bad), fmt.Sprintf("attestation byte %d", i))
			}
		}
	})
}

// sanFlood is the attack: self-signed P-384 certificates of 30,000
// SAN URIs each, six of them in one chain.
func sanFlood(t testing.TB) []byte {
	k, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	require.NoError(t, err)
	uris := make([]*url.URL, 30_000)
	for i := range uris {
		uris[i] = &url.URL{Scheme: "a", Opaque: fmt.Sprint(i)}
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "GH100 A01 GSP FMC LF"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(4_000_000_000, 0),
		URIs: uris, SignatureAlgorithm: x509.ECDSAWithSHA384,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	require.NoError(t, err)
	return bytes.Repeat(der, 6)
}

// TestRegisterDeviceSANFloodIsCheap: a chain of six huge certificates is
// refused by the size bound before any certificate is parsed, and the gas
// charged buys at least ecrecover's gas per microsecond (before the bound,
// crypto/x509 parsed all six: 0.6 × ecrecover here).
func TestRegisterDeviceSANFloodIsCheap(t *testing.T) {
	chain := sanFlood(t)
	miner := minerOf(key(t, proof.MLDSA44, 1))
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	input := pack(t, "registerDevice", chain, dev.Report([32]byte{}), miner)
	c := newChain(t)

	var r precompiletest.Result
	var best time.Duration
	for range 3 {
		start := time.Now()
		r = c.Call(precompiletest.Frame{Gas: 100_000_000}, input)
		if d := time.Since(start); best == 0 || d < best {
			best = d
		}
	}
	ec := vm.PrecompiledContractsCancun[common.BytesToAddress([]byte{1})]
	const n = 300
	start := time.Now()
	for range n {
		_, err := ec.Run(ecrecoverInput)
		require.NoError(t, err)
	}
	ecr := time.Since(start) / n
	anchor := float64(params.EcrecoverGas) / (float64(ecr.Nanoseconds()) / 1000)
	rate := float64(r.GasUsed) / (float64(best.Nanoseconds()) / 1000)
	t.Logf("%d bytes: %d gas in %v (%.0f gas/µs); ecrecover %v (%.0f gas/µs); x-ecrecover %.1f",
		len(chain), r.GasUsed, best, rate, ecr, anchor, rate/anchor)
	require.GreaterOrEqual(t, rate/anchor, 1.0)
	requireRevert(t, r, "CertificateInvalid")
	require.Equal(t, []any{nvtrust.ReasonChainTooLarge.String()}, r.Revert.Args)
}
