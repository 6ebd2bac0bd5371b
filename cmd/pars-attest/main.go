// Command pars-attest checks NVIDIA GPU attestation evidence offline.
//
//	pars-attest verify --report FILE --certs FILE [--nonce HEX] [--time RFC3339] [--policy FILE]
//
// The report is the SPDM request and response as hex text (or raw bytes);
// the chain is PEM, leaf first (a root supplied with it is ignored: the
// pinned NVIDIA Device Identity root is used). It prints the verified
// claims as JSON, or the reason the evidence is invalid, and exits 1 when it
// is invalid (2 on bad usage). Without --time it checks certificates at the
// current time.
package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: pars-attest verify --report FILE --certs FILE [--nonce HEX] [--time RFC3339] [--policy FILE]")
		return 2
	}
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	reportPath := fs.String("report", "", "SPDM report: hex text or raw bytes")
	certsPath := fs.String("certs", "", "certificate chain, PEM, leaf first")
	nonceHex := fs.String("nonce", "", "expected request nonce (64 hex digits)")
	at := fs.String("time", "", "verification time, RFC 3339 (default: now)")
	policyPath := fs.String("policy", "", "reference-value policy, JSON")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *reportPath == "" || *certsPath == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "pars-attest verify: --report and --certs are required")
		return 2
	}
	opts := nvtrust.Options{Time: time.Now()}
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			fmt.Fprintf(stderr, "pars-attest verify: --time: %v\n", err)
			return 2
		}
		opts.Time = t
	}
	if *nonceHex != "" {
		n, err := hex.DecodeString(strings.TrimPrefix(*nonceHex, "0x"))
		if err != nil || len(n) != nvtrust.NonceSize {
			fmt.Fprintln(stderr, "pars-attest verify: --nonce must be 32 bytes of hex")
			return 2
		}
		opts.Nonce = (*[nvtrust.NonceSize]byte)(n)
	}
	if *policyPath != "" {
		p, err := nvtrust.LoadPolicy(*policyPath)
		if err != nil {
			fmt.Fprintf(stderr, "pars-attest verify: %v\n", err)
			return 2
		}
		opts.Policy = p
	}
	report, err := readReport(*reportPath)
	if err != nil {
		fmt.Fprintf(stderr, "pars-attest verify: %v\n", err)
		return 2
	}
	pemChain, err := os.ReadFile(*certsPath)
	if err != nil {
		fmt.Fprintf(stderr, "pars-attest verify: %v\n", err)
		return 2
	}
	claims, err := verify(report, pemChain, opts)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err != nil {
		_ = enc.Encode(map[string]any{"valid": false, "error": err.Error(), "reason": reason(err)})
		return 1
	}
	_ = enc.Encode(struct {
		Valid bool `json:"valid"`
		*nvtrust.Claims
	}{true, claims})
	return 0
}

func verify(report, pemChain []byte, opts nvtrust.Options) (*nvtrust.Claims, error) {
	chain, err := nvtrust.ParseChainPEM(pemChain)
	if err != nil {
		return nil, err
	}
	return nvtrust.Verify(report, chain, opts)
}

// readReport accepts hex text (whitespace ignored) or raw bytes.
func readReport(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if s := strings.Join(strings.Fields(string(b)), ""); len(s) > 0 {
		if raw, err := hex.DecodeString(s); err == nil {
			return raw, nil
		}
	}
	return b, nil
}

// reason names the failed check for scripts.
func reason(err error) string {
	for _, r := range []struct {
		err  error
		name string
	}{
		{nvtrust.ErrMalformedReport, "malformed-report"},
		{nvtrust.ErrBadSignature, "bad-signature"},
		{nvtrust.ErrNonceMismatch, "nonce-mismatch"},
		{nvtrust.ErrChain, "certificate-chain"},
		{nvtrust.ErrFWIDMismatch, "fwid-mismatch"},
		{nvtrust.ErrPolicy, "policy"},
		{nvtrust.ErrUnsupportedDevice, "unsupported-device"},
	} {
		if errors.Is(err, r.err) {
			return r.name
		}
	}
	return "other"
}
