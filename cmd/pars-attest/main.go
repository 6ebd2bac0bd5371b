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
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
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
		n, err := nvtrust.ParseNonceHex(*nonceHex)
		if err != nil {
			fmt.Fprintf(stderr, "pars-attest verify: --%v\n", err)
			return 2
		}
		opts.Nonce = n
	}
	if *policyPath != "" {
		p, err := nvtrust.LoadPolicy(*policyPath)
		if err != nil {
			fmt.Fprintf(stderr, "pars-attest verify: %v\n", err)
			return 2
		}
		opts.Policy = p
	}
	claims, err := nvtrust.VerifyFiles(*reportPath, *certsPath, opts)
	var ferr *nvtrust.FileError
	if errors.As(err, &ferr) {
		fmt.Fprintf(stderr, "pars-attest verify: %v\n", err)
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(nvtrust.NewResult(claims, err))
	if err != nil {
		return 1
	}
	return 0
}
