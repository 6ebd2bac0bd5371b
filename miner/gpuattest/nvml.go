//go:build cgo

package gpuattest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
)

// libraryName is what NVML is loaded as (dlopen at run time).
const libraryName = "libnvidia-ml.so.1"

// The confidential computing entry points; a driver that lacks them
// cannot attest. They are looked up before they are called, since calling
// a symbol the library lacks would end the process.
var ccSymbols = []string{
	"nvmlSystemGetConfComputeState",
	"nvmlDeviceGetConfComputeGpuCertificate",
	"nvmlDeviceGetConfComputeGpuAttestationReport",
}

// NVML is a GPU attesting through NVML.
type NVML struct {
	mu     sync.Mutex
	lib    nvml.Interface
	dev    nvml.Device
	device string // as configured
	desc   string
	closed bool
}

// nvmlError classifies an NVML answer.
func nvmlError(op, device string, ret nvml.Return) *Error {
	kind := ErrEvidence
	switch ret {
	case nvml.ERROR_LIBRARY_NOT_FOUND, nvml.ERROR_DRIVER_NOT_LOADED, nvml.ERROR_UNINITIALIZED:
		kind = ErrNoDriver
	case nvml.ERROR_NOT_SUPPORTED, nvml.ERROR_FUNCTION_NOT_FOUND:
		kind = ErrNotSupported
	case nvml.ERROR_NOT_FOUND, nvml.ERROR_INVALID_ARGUMENT, nvml.ERROR_GPU_IS_LOST:
		if op == "nvmlDeviceGetHandleByIndex" || op == "nvmlDeviceGetHandleByUUID" {
			kind = ErrNoDevice
		}
	}
	detail := ret.Error()
	if ret == nvml.ERROR_LIBRARY_NOT_FOUND {
		detail = libraryName + " could not be loaded; install the NVIDIA driver (or run where it is installed)"
	}
	return &Error{Kind: kind, Op: op, Device: device, Detail: detail}
}

// initNVML loads the library and initialises NVML.
func initNVML() (nvml.Interface, error) {
	lib := nvml.New(nvml.WithLibraryPath(libraryName))
	if ret := lib.Init(); ret != nvml.SUCCESS {
		return nil, nvmlError("nvmlInit", "", ret)
	}
	return lib, nil
}

// hasCC reports whether the library has the confidential computing calls.
func hasCC(lib nvml.Interface) error {
	ext := lib.Extensions()
	for _, s := range ccSymbols {
		if err := ext.LookupSymbol(s); err != nil {
			return &Error{Kind: ErrNotSupported, Op: s, Detail: "the driver's NVML lacks it (confidential computing needs driver 535 or later)"}
		}
	}
	return nil
}

// ccState reads the system's confidential computing state.
func ccState(lib nvml.Interface) (*CCState, error) {
	if err := hasCC(lib); err != nil {
		return nil, err
	}
	st, ret := lib.SystemGetConfComputeState()
	if ret != nvml.SUCCESS {
		return nil, nvmlError("nvmlSystemGetConfComputeState", "", ret)
	}
	cc := &CCState{
		Enabled:     st.CcFeature == nvml.CC_SYSTEM_FEATURE_ENABLED,
		Environment: ccEnvironment(st.Environment),
		DevTools:    st.DevToolsMode == nvml.CC_SYSTEM_DEVTOOLS_MODE_ON,
	}
	if caps, ret := lib.SystemGetConfComputeCapabilities(); ret == nvml.SUCCESS {
		cc.CPUCapability = cpuCapability(caps.CpuCaps)
		cc.GPUsCapable = caps.GpusCaps == nvml.CC_SYSTEM_GPUS_CC_CAPABLE
	}
	if ext := lib.Extensions(); ext.LookupSymbol("nvmlSystemGetConfComputeGpusReadyState") == nil {
		if ready, ret := lib.SystemGetConfComputeGpusReadyState(); ret == nvml.SUCCESS {
			r := ready == nvml.CC_ACCEPTING_CLIENT_REQUESTS_TRUE
			cc.GPUsReady = &r
		}
	}
	return cc, nil
}

func ccEnvironment(e uint32) string {
	switch e {
	case nvml.CC_SYSTEM_ENVIRONMENT_PROD:
		return "production"
	case nvml.CC_SYSTEM_ENVIRONMENT_SIM:
		return "simulation"
	}
	return "unavailable"
}

func cpuCapability(c uint32) string {
	switch c {
	case nvml.CC_SYSTEM_CPU_CAPS_NONE:
		return "none"
	case nvml.CC_SYSTEM_CPU_CAPS_AMD_SEV:
		return "AMD SEV"
	case nvml.CC_SYSTEM_CPU_CAPS_INTEL_TDX:
		return "Intel TDX"
	case nvml.CC_SYSTEM_CPU_CAPS_AMD_SEV_SNP:
		return "AMD SEV-SNP"
	case nvml.CC_SYSTEM_CPU_CAPS_AMD_SNP_VTOM:
		return "AMD SEV-SNP (vTOM)"
	}
	return fmt.Sprintf("unknown (%d)", c)
}

// lookupDevice finds a configured device: a CUDA index or a GPU UUID.
func lookupDevice(lib nvml.Interface, device string) (nvml.Device, error) {
	if i, err := strconv.Atoi(device); err == nil && i >= 0 {
		d, ret := lib.DeviceGetHandleByIndex(i)
		if ret != nvml.SUCCESS {
			e := nvmlError("nvmlDeviceGetHandleByIndex", device, ret)
			if n, r := lib.DeviceGetCount(); r == nvml.SUCCESS {
				e.Detail += fmt.Sprintf("; NVML sees %d GPU(s)", n)
			}
			return nil, e
		}
		return d, nil
	}
	if strings.HasPrefix(device, "GPU-") || strings.HasPrefix(device, "MIG-") {
		d, ret := lib.DeviceGetHandleByUUID(device)
		if ret != nvml.SUCCESS {
			return nil, nvmlError("nvmlDeviceGetHandleByUUID", device, ret)
		}
		return d, nil
	}
	return nil, &Error{Kind: ErrNoDevice, Device: device, Detail: "not a CUDA device index or a GPU UUID (GPU-…)"}
}

// OpenNVML opens the configured device (a CUDA index such as "0" or a GPU
// UUID) for attestation. It fails with an *Error when there is no driver,
// no such device, the driver has no attestation support, or confidential
// computing is off. Close it when done.
func OpenNVML(device string) (*NVML, error) {
	lib, err := initNVML()
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Device = device
		}
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			lib.Shutdown()
		}
	}()
	dev, err := lookupDevice(lib, device)
	if err != nil {
		return nil, err
	}
	name, _ := dev.GetName()
	uuid, _ := dev.GetUUID()
	driver, _ := lib.SystemGetDriverVersion()
	cc, err := ccState(lib)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Device = device
		}
		return nil, err
	}
	if !cc.Enabled {
		return nil, &Error{Kind: ErrCCOff, Op: "nvmlSystemGetConfComputeState", Device: device,
			Detail: fmt.Sprintf("%s reports the CC feature disabled (environment %s); enable CC mode on the GPU and boot a confidential VM (see NVIDIA's deployment guide) to attest", name, cc.Environment)}
	}
	ok = true
	return &NVML{lib: lib, dev: dev, device: device,
		desc: fmt.Sprintf("NVML GPU %s (%s, %s, driver %s, CC on)", device, name, uuid, driver)}, nil
}

// Describe implements EvidenceSource.
func (n *NVML) Describe() string { return n.desc }

// Evidence implements EvidenceSource: the GPU's certificate chain and a
// report answering nonce.
func (n *NVML) Evidence(ctx context.Context, nonce [32]byte) ([]byte, []byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return nil, nil, &Error{Kind: ErrNoDevice, Device: n.device, Detail: "closed"}
	}
	cert, ret := n.dev.GetConfComputeGpuCertificate()
	if ret != nvml.SUCCESS {
		return nil, nil, nvmlError("nvmlDeviceGetConfComputeGpuCertificate", n.device, ret)
	}
	size := int(cert.AttestationCertChainSize)
	if size <= 0 || size > len(cert.AttestationCertChain) {
		return nil, nil, &Error{Kind: ErrEvidence, Op: "nvmlDeviceGetConfComputeGpuCertificate", Device: n.device, Detail: fmt.Sprintf("attestation chain size %d", size)}
	}
	chain, err := ChainFromNVML(cert.AttestationCertChain[:size])
	if err != nil {
		err.(*Error).Device = n.device
		return nil, nil, err
	}
	var rep nvml.ConfComputeGpuAttestationReport
	rep.Nonce = nonce
	if ret := n.dev.GetConfComputeGpuAttestationReport(&rep); ret != nvml.SUCCESS {
		e := nvmlError("nvmlDeviceGetConfComputeGpuAttestationReport", n.device, ret)
		if ret == nvml.ERROR_NOT_SUPPORTED {
			e.Kind = ErrCCOff
		}
		return nil, nil, e
	}
	size = int(rep.AttestationReportSize)
	if size <= 0 || size > len(rep.AttestationReport) {
		return nil, nil, &Error{Kind: ErrEvidence, Op: "nvmlDeviceGetConfComputeGpuAttestationReport", Device: n.device, Detail: fmt.Sprintf("report size %d", size)}
	}
	report := append([]byte(nil), rep.AttestationReport[:size]...)
	if err := CheckAnswer(report, nonce); err != nil {
		err.(*Error).Device = n.device
		return nil, nil, err
	}
	return report, chain, nil
}

// Close shuts NVML down for this source.
func (n *NVML) Close() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.closed {
		n.closed = true
		n.lib.Shutdown()
	}
}

// Probe reports what NVML sees: driver, confidential computing state and
// devices. It fails with an *Error of kind ErrNoDriver when NVML cannot be
// used at all.
func Probe() (*Status, error) {
	lib, err := initNVML()
	if err != nil {
		return nil, err
	}
	defer lib.Shutdown()
	st := &Status{Devices: []Device{}}
	st.DriverVersion, _ = lib.SystemGetDriverVersion()
	st.NVMLVersion, _ = lib.SystemGetNVMLVersion()
	st.CUDAVersion, _ = lib.SystemGetCudaDriverVersion()
	if cc, err := ccState(lib); err != nil {
		st.CCError = err.Error()
	} else {
		st.CC = cc
	}
	n, ret := lib.DeviceGetCount()
	if ret != nvml.SUCCESS {
		return st, nvmlError("nvmlDeviceGetCount", "", ret)
	}
	for i := range n {
		d := Device{Index: i}
		h, ret := lib.DeviceGetHandleByIndex(i)
		if ret != nvml.SUCCESS {
			d.Error = ret.Error()
			st.Devices = append(st.Devices, d)
			continue
		}
		d.Name, _ = h.GetName()
		d.UUID, _ = h.GetUUID()
		if a, ret := h.GetArchitecture(); ret == nvml.SUCCESS {
			d.Architecture = architecture(a)
		}
		st.Devices = append(st.Devices, d)
	}
	return st, nil
}

func architecture(a nvml.DeviceArchitecture) string {
	switch a {
	case nvml.DEVICE_ARCH_AMPERE:
		return "Ampere"
	case nvml.DEVICE_ARCH_ADA:
		return "Ada"
	case nvml.DEVICE_ARCH_HOPPER:
		return "Hopper"
	case nvml.DEVICE_ARCH_BLACKWELL:
		return "Blackwell"
	}
	return fmt.Sprintf("arch %d", a)
}
