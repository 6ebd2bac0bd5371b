package gpuattest_test

import (
	"bytes"
	"encoding/pem"
	"errors"
	"testing"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/miner/gpuattest"
	"github.com/pars-network/aimining/miner/gpuattest/fakegpu"
	"github.com/stretchr/testify/require"
)

func pemChain(d *nvtrusttest.Device, withRoot bool) []byte {
	var b bytes.Buffer
	certs := d.Chain
	if withRoot {
		certs = append(append(certs[:0:0], certs...), d.Root)
	}
	for _, c := range certs {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	return b.Bytes()
}

func TestChainFromNVML(t *testing.T) {
	d := nvtrusttest.NewDevice(nvtrusttest.Options{})
	for name, raw := range map[string][]byte{
		"PEM with root, NUL padded": append(pemChain(d, true), 0, 0, 0),
		"PEM without root":          pemChain(d, false),
		"DER":                       d.ChainDER(),
	} {
		got, err := gpuattest.ChainFromNVML(raw)
		require.NoError(t, err, name)
		require.Equal(t, d.ChainDER(), got, name)
	}
	for name, raw := range map[string][]byte{
		"garbage":  []byte("not a chain"),
		"bad PEM":  append(pemChain(d, false), "junk"...),
		"one cert": d.Chain[0].Raw,
		"empty":    nil,
	} {
		_, err := gpuattest.ChainFromNVML(raw)
		require.ErrorIs(t, err, gpuattest.ErrEvidence, name)
	}
}

func TestCheckAnswer(t *testing.T) {
	d := nvtrusttest.NewDevice(nvtrusttest.Options{})
	nonce := [32]byte{1, 2, 3}
	require.NoError(t, gpuattest.CheckAnswer(d.Report(nonce), nonce))
	err := gpuattest.CheckAnswer(d.Report([32]byte{9}), nonce)
	require.ErrorIs(t, err, gpuattest.ErrEvidence)
	require.ErrorContains(t, err, "nonce mismatch")
	require.ErrorIs(t, gpuattest.CheckAnswer([]byte{0x11}, nonce), gpuattest.ErrEvidence)
}

func TestDecide(t *testing.T) {
	plan, err := gpuattest.Decide(nil, true)
	require.NoError(t, err)
	require.True(t, plan.Attested)

	ccOff := &gpuattest.Error{Kind: gpuattest.ErrCCOff, Op: "nvmlSystemGetConfComputeState", Device: "0", Detail: "CC feature disabled"}
	require.Equal(t, "GPU 0: confidential computing mode is off (nvmlSystemGetConfComputeState: CC feature disabled)", ccOff.Error())
	plan, err = gpuattest.Decide(ccOff, false)
	require.NoError(t, err)
	require.False(t, plan.Attested)
	require.Equal(t, ccOff.Error(), plan.Reason)

	_, err = gpuattest.Decide(ccOff, true)
	require.ErrorIs(t, err, gpuattest.ErrCCOff)
	require.ErrorContains(t, err, "gpu.require_nvtrust")

	for _, kind := range []error{gpuattest.ErrNoDriver, gpuattest.ErrNoDevice, gpuattest.ErrCCOff, gpuattest.ErrNotSupported, gpuattest.ErrEvidence} {
		var e error = &gpuattest.Error{Kind: kind}
		require.ErrorIs(t, e, kind)
		var ge *gpuattest.Error
		require.True(t, errors.As(e, &ge))
	}
}

// TestOpenNVMLWithoutDriver runs the real NVML path where there is no
// NVIDIA driver: a typed, explained error and no crash.
func TestOpenNVMLWithoutDriver(t *testing.T) {
	if _, err := gpuattest.Probe(); err == nil {
		t.Skip("NVML works on this machine")
	}
	_, err := gpuattest.OpenNVML("0")
	require.ErrorIs(t, err, gpuattest.ErrNoDriver)
	require.ErrorContains(t, err, "libnvidia-ml.so.1")
	require.ErrorContains(t, err, "GPU 0")
	_, err = gpuattest.Probe()
	require.ErrorIs(t, err, gpuattest.ErrNoDriver)
	plan, err := gpuattest.Decide(err, false)
	require.NoError(t, err)
	require.False(t, plan.Attested)
}

func TestFakeGPU(t *testing.T) {
	d := nvtrusttest.NewDevice(nvtrusttest.Options{})
	g := fakegpu.New(d)
	var src gpuattest.EvidenceSource = g
	nonce := [32]byte{7}
	report, chainDER, err := src.Evidence(t.Context(), nonce)
	require.NoError(t, err)
	certs, err := nvtrust.ParseChainDER(chainDER)
	require.NoError(t, err)
	claims, err := nvtrust.Verify(report, certs, nvtrust.Options{Root: d.Root, Time: time.Now(), Nonce: &nonce})
	require.NoError(t, err)
	require.Equal(t, "attested", claims.Tier)
	require.Equal(t, [][32]byte{nonce}, g.Nonces())
	g.Fail(errors.New("down"))
	_, _, err = src.Evidence(t.Context(), nonce)
	require.EqualError(t, err, "down")
	require.Contains(t, src.Describe(), "GH100")
}
