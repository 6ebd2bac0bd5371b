// Package gpuattest collects NVIDIA GPU attestation evidence for the miner:
// an SPDM report signed by the GPU answering a nonce the miner chooses, and
// the GPU's certificate chain. The evidence is what attest/nvtrust verifies
// and what the IAIMining precompile checks in registerDevice and with every
// attested proof.
//
// NVML is the source on real machines (OpenNVML). It needs the NVIDIA
// driver's libnvidia-ml.so.1, loaded at run time, and a GPU in confidential
// computing (CC) mode: without CC the GPU signs no reports. Every failure is
// an *Error whose Kind tells the cases apart (ErrNoDriver, ErrNoDevice,
// ErrCCOff, ErrNotSupported, ErrEvidence); Decide turns one into the miner's
// choice between the attested and the software-only tier.
package gpuattest

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/pars-network/aimining/attest/nvtrust"
)

// EvidenceSource is a GPU that attests.
type EvidenceSource interface {
	// Evidence returns an SPDM report (request ‖ response) answering
	// nonce, and the GPU's certificate chain as concatenated DER
	// certificates, leaf first, root excluded (registerDevice's encoding).
	Evidence(ctx context.Context, nonce [32]byte) (report []byte, certChainDER []byte, err error)
	// Describe names the source for logs ("NVML GPU 0 (NVIDIA H100 …)").
	Describe() string
}

// Kinds of failure. An *Error wraps exactly one of them.
var (
	// ErrNoDriver: libnvidia-ml.so.1 cannot be loaded or NVML does not
	// initialise (no NVIDIA driver on this machine, or it is not running).
	ErrNoDriver = errors.New("no NVIDIA driver")
	// ErrNoDevice: the configured device is not a GPU NVML knows.
	ErrNoDevice = errors.New("no such GPU")
	// ErrCCOff: the GPU is not in confidential computing mode, so it signs
	// no attestation reports.
	ErrCCOff = errors.New("confidential computing mode is off")
	// ErrNotSupported: the driver or the GPU has no confidential computing
	// (attestation) support.
	ErrNotSupported = errors.New("attestation is not supported by this driver or GPU")
	// ErrEvidence: the GPU answered, but with evidence that is unusable.
	ErrEvidence = errors.New("unusable attestation evidence")
)

// Error is a failure to collect evidence.
type Error struct {
	Kind   error  // one of the Err* kinds
	Op     string // what was tried ("nvmlInit", "nvmlSystemGetConfComputeState", …)
	Device string // the configured device, "" for the system
	Detail string // the driver's answer or further explanation
}

// Error implements error.
func (e *Error) Error() string {
	msg := e.Kind.Error()
	if e.Device != "" {
		msg = fmt.Sprintf("GPU %s: %s", e.Device, msg)
	}
	if e.Op != "" {
		msg += " (" + e.Op
		if e.Detail != "" {
			msg += ": " + e.Detail
		}
		msg += ")"
	} else if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Unwrap makes errors.Is(err, Kind) hold.
func (e *Error) Unwrap() error { return e.Kind }

// Plan is the miner's attestation decision.
type Plan struct {
	// Attested: proofs carry GPU evidence. Otherwise they are software-only.
	Attested bool
	// Reason says why evidence is not used ("" when Attested).
	Reason string
}

// SoftwareOnly is the tier of proofs without evidence.
const SoftwareOnly = "software-only"

// Decide is the miner's fallback rule: err is the failure to get usable
// evidence (nil: it works). Without require the miner goes on at the
// software-only tier and reports why; with require (gpu.require_nvtrust)
// the failure is fatal.
func Decide(err error, require bool) (Plan, error) {
	if err == nil {
		return Plan{Attested: true}, nil
	}
	if require {
		return Plan{}, fmt.Errorf("gpu.require_nvtrust is set, but the GPU cannot attest: %w", err)
	}
	return Plan{Reason: err.Error()}, nil
}

// ChainFromNVML converts the certificate chain NVML returns (PEM blocks,
// leaf first, usually with NVIDIA's root last; DER is accepted too) into
// registerDevice's encoding: DER certificates, leaf first, root dropped.
func ChainFromNVML(raw []byte) ([]byte, error) {
	raw = bytes.TrimRight(raw, "\x00")
	var (
		certs []*nvtrust.Certificate
		err   error
	)
	if bytes.Contains(raw, []byte("-----BEGIN")) {
		certs, err = nvtrust.ParseChainPEM(raw)
	} else {
		certs, err = nvtrust.ParseChainDER(raw)
	}
	if err != nil {
		return nil, &Error{Kind: ErrEvidence, Op: "certificate chain", Detail: err.Error()}
	}
	certs = nvtrust.DropSuppliedRoot(certs)
	if len(certs) < nvtrust.MinChainCerts {
		return nil, &Error{Kind: ErrEvidence, Op: "certificate chain", Detail: fmt.Sprintf("%d certificates below the root, want at least %d", len(certs), nvtrust.MinChainCerts)}
	}
	return nvtrust.EncodeChainDER(certs), nil
}

// CheckAnswer checks that report parses and answers nonce: a GPU that
// ignored the nonce is caught here rather than by the chain.
func CheckAnswer(report []byte, nonce [32]byte) error {
	rep, err := nvtrust.ParseReport(report)
	if err != nil {
		return &Error{Kind: ErrEvidence, Op: "attestation report", Detail: err.Error()}
	}
	if err := nvtrust.CheckNonce(rep, nonce); err != nil {
		return &Error{Kind: ErrEvidence, Op: "attestation report", Detail: err.Error()}
	}
	return nil
}

// Status is what NVML sees on this machine.
type Status struct {
	DriverVersion string `json:"driverVersion"`
	NVMLVersion   string `json:"nvmlVersion"`
	CUDAVersion   int    `json:"cudaDriverVersion,omitempty"`
	// CC is the system's confidential computing state; CCError says why it
	// could not be read.
	CC      *CCState `json:"cc,omitempty"`
	CCError string   `json:"ccError,omitempty"`
	Devices []Device `json:"devices"`
}

// CCState is NVML's system-wide confidential computing state.
type CCState struct {
	Enabled       bool   `json:"enabled"`       // CC feature on: GPUs can sign reports
	Environment   string `json:"environment"`   // "production", "simulation" or "unavailable"
	DevTools      bool   `json:"devTools"`      // developer tools mode (not for production attestation)
	CPUCapability string `json:"cpuCapability"` // "none", "AMD SEV", "Intel TDX", …
	GPUsCapable   bool   `json:"gpusCapable"`
	GPUsReady     *bool  `json:"gpusReady,omitempty"` // accepting work; nil when unknown
}

// Device is one GPU as NVML lists it.
type Device struct {
	Index        int    `json:"index"`
	Name         string `json:"name"`
	UUID         string `json:"uuid"`
	Architecture string `json:"architecture,omitempty"`
	Error        string `json:"error,omitempty"`
}
