//go:build !cgo

package gpuattest

import "context"

// NVML is a GPU attesting through NVML. This build has no cgo, so NVML
// cannot be loaded: OpenNVML and Probe always fail with ErrNoDriver.
type NVML struct{}

func noCgo(device string) error {
	return &Error{Kind: ErrNoDriver, Op: "nvmlInit", Device: device, Detail: "this binary was built without cgo and cannot load libnvidia-ml.so.1; build it with CGO_ENABLED=1"}
}

// OpenNVML fails: this build cannot load NVML.
func OpenNVML(device string) (*NVML, error) { return nil, noCgo(device) }

// Probe fails: this build cannot load NVML.
func Probe() (*Status, error) { return nil, noCgo("") }

// Describe implements EvidenceSource.
func (n *NVML) Describe() string { return "NVML (unavailable)" }

// Evidence implements EvidenceSource.
func (n *NVML) Evidence(context.Context, [32]byte) ([]byte, []byte, error) {
	return nil, nil, noCgo("")
}

// Close does nothing.
func (n *NVML) Close() {}
