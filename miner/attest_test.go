package miner_test

import (
	"bytes"
	"errors"
	"log/slog"
	"math/big"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/gpuattest"
	"github.com/pars-network/aimining/miner/gpuattest/fakegpu"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// gpuSetup is a node whose precompile pins a test GPU's root, and a miner
// configuration with gpu.enable_nvtrust (and require_nvtrust when asked).
type gpuSetup struct {
	*setup
	dev *nvtrusttest.Device
	gpu *fakegpu.GPU
}

func newGPUSetup(t *testing.T, requireNVTrust bool) *gpuSetup {
	t.Helper()
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	s := newSetup(t, 0, "", precompile.WithDeviceRoot(dev.Root))
	gpu := "\n[gpu]\nenable_nvtrust = true\n"
	if requireNVTrust {
		gpu += "require_nvtrust = true\n"
	}
	f, err := os.OpenFile(s.cfgPath, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(gpu)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return &gpuSetup{setup: s, dev: dev, gpu: fakegpu.New(dev)}
}

// opts are miner options using the fake GPU and its root.
func (g *gpuSetup) opts(log *syncBuffer) miner.Options {
	o := miner.Options{
		Evidence:   func(string) (gpuattest.EvidenceSource, error) { return g.gpu, nil },
		DeviceRoot: g.dev.Root,
	}
	if log != nil {
		o.Logger = slog.New(slog.NewTextHandler(log, nil))
	}
	return o
}

func trustReward(t *testing.T, cu uint64, bps uint16) *big.Int {
	t.Helper()
	r, err := reward.Reward(precompile.DefaultParams(testGovernance).BaseReward, cu, reward.One(), bps)
	require.NoError(t, err)
	return r.ToBig()
}

func TestAttestedMining(t *testing.T) {
	g := newGPUSetup(t, false)
	p := precompile.DefaultParams(testGovernance)
	deviceID := proof.Hash(nvtrust.DeviceID(g.dev.Chain[1]))

	// Before registration the device cannot attest: one warning, then
	// software-only proofs.
	var logs syncBuffer
	m := g.open(t, g.opts(&logs))
	require.Nil(t, m.Devices()[0].Attest)
	require.Equal(t, 1, strings.Count(logs.String(), "NVTrust attestation unavailable"), logs.String())
	require.Contains(t, logs.String(), "is not registered on chain 6133")
	require.Contains(t, logs.String(), "pars-miner attest register")
	soft, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Nil(t, soft.Attestation)
	require.Equal(t, proof.Hash{}, soft.Proof.AttestationHash)
	require.Equal(t, miner.DeviceID(miner.BackendBuiltin, "cpu"), soft.Proof.Context.DeviceID)
	require.Equal(t, trustReward(t, soft.ComputeUnits, p.TrustSoftwareBps), soft.Reward)

	// Register: the report answers the chain's registration nonce.
	reg, err := g.open(t, miner.Options{Evidence: g.opts(nil).Evidence, DeviceRoot: g.dev.Root, SkipAttestation: true}).RegisterDevice(t.Context(), "cpu")
	require.NoError(t, err)
	require.Equal(t, deviceID, reg.DeviceID)
	require.Equal(t, g.key.Public().ID(), reg.MinerID)
	require.Equal(t, nvtrust.TierAttested, reg.Tier)
	require.Equal(t, uint32(1), reg.Generation)
	require.Equal(t, "GH100", reg.Chip)
	want := precompile.RegistrationNonce(testChainID, deviceID, g.key.Public().ID(), 1)
	require.Contains(t, g.gpu.Nonces(), [32]byte(want))
	client := g.node.Client()
	defer client.Close()
	rec, err := miner.DeviceInfo(t.Context(), miner.NewNodeClient(client), deviceID)
	require.NoError(t, err)
	require.True(t, rec.Known)
	require.Equal(t, g.key.Public().ID(), rec.MinerID)
	require.False(t, rec.Revoked)

	// Registered: proofs name the device and carry a report answering
	// their WorkContext; the reward uses the attested trust.
	logs = syncBuffer{}
	m = g.open(t, g.opts(&logs))
	require.NotNil(t, m.Devices()[0].Attest)
	require.Equal(t, deviceID, m.Devices()[0].ID)
	require.NotContains(t, logs.String(), "unavailable")
	require.Contains(t, logs.String(), "NVTrust attestation on")
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	wc := res.Proof.Context
	require.Equal(t, deviceID, wc.DeviceID)
	require.Equal(t, [32]byte(wc.AttestationNonce()), g.gpu.Nonces()[len(g.gpu.Nonces())-1])
	require.Equal(t, precompile.EncodeAttestation(deviceID, g.dev.Report(wc.AttestationNonce()))[:33], res.Attestation[:33])
	require.Equal(t, proof.HashAttestation(res.Attestation), res.Proof.AttestationHash)
	require.Equal(t, trustReward(t, res.ComputeUnits, p.TrustAttestedBps), res.Reward)
	require.Equal(t, soft.ComputeUnits, res.ComputeUnits)
	require.Equal(t, 1, res.Reward.Cmp(soft.Reward))
	// 1.0 against 0.6.
	require.Equal(t, new(big.Int).Mul(soft.Reward, big.NewInt(10_000)), new(big.Int).Mul(res.Reward, big.NewInt(6_000)))
	require.Contains(t, logs.String(), "attested=true")

	// A GPU that stops answering: the proof goes software-only.
	g.gpu.Fail(errors.New("GPU fell off the bus"))
	res, err = m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Nil(t, res.Attestation)
	require.ErrorContains(t, res.AttestError, "fell off the bus")
	require.Equal(t, deviceID, res.Proof.Context.DeviceID)
	require.Equal(t, trustReward(t, res.ComputeUnits, p.TrustSoftwareBps), res.Reward)
	require.Contains(t, logs.String(), "GPU attestation failed; sending this proof at the software-only tier")
}

func TestRequireNVTrust(t *testing.T) {
	g := newGPUSetup(t, true)
	cfg, err := miner.LoadConfig(g.cfgPath)
	require.NoError(t, err)

	// CC off is fatal with require_nvtrust.
	ccOff := &gpuattest.Error{Kind: gpuattest.ErrCCOff, Op: "nvmlSystemGetConfComputeState", Device: "cpu"}
	o := g.opts(nil)
	o.Evidence = func(string) (gpuattest.EvidenceSource, error) { return nil, ccOff }
	_, err = miner.Open(t.Context(), cfg, o)
	require.ErrorIs(t, err, gpuattest.ErrCCOff)
	require.ErrorContains(t, err, "gpu.require_nvtrust")

	// So is an unregistered device.
	_, err = miner.Open(t.Context(), cfg, g.opts(nil))
	require.ErrorContains(t, err, "is not registered")

	// Registered, a proof whose evidence fails is not sent.
	o = g.opts(nil)
	o.SkipAttestation = true
	m := g.open(t, o)
	_, err = m.RegisterDevice(t.Context(), "cpu")
	require.NoError(t, err)
	m = g.open(t, g.opts(nil))
	g.gpu.Fail(errors.New("no answer"))
	sent := g.node.SentTransactions()
	_, err = m.MineOnce(t.Context())
	require.ErrorContains(t, err, "gpu.require_nvtrust")
	require.Equal(t, sent, g.node.SentTransactions())
}

// TestNVTrustFallbackWithoutDriver uses the real NVML path: on a machine
// without an NVIDIA driver (or with CC off) the miner starts, logs one
// line, and mines software-only.
func TestNVTrustFallbackWithoutDriver(t *testing.T) {
	if _, err := gpuattest.Probe(); err == nil {
		t.Skip("NVML works on this machine; the driverless fallback is not reachable")
	}
	g := newGPUSetup(t, false)
	var logs syncBuffer
	m := g.open(t, miner.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	require.Nil(t, m.Devices()[0].Attest)
	out := logs.String()
	t.Log(out)
	require.Equal(t, 1, strings.Count(out, "NVTrust attestation unavailable"), out)
	require.Contains(t, out, "no NVIDIA driver")
	require.Contains(t, out, "libnvidia-ml.so.1")
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Nil(t, res.Attestation)
}

func TestRegisterRefusedByChain(t *testing.T) {
	// A GPU under another root than the chain's pins is refused locally
	// before anything is sent.
	g := newGPUSetup(t, false)
	other := nvtrusttest.NewDevice(nvtrusttest.Options{})
	o := miner.Options{Evidence: func(string) (gpuattest.EvidenceSource, error) { return fakegpu.New(other), nil }, DeviceRoot: g.dev.Root, SkipAttestation: true}
	_, err := g.open(t, o).RegisterDevice(t.Context(), "cpu")
	require.ErrorIs(t, err, gpuattest.ErrEvidence)
	require.ErrorContains(t, err, "certificate chain")
	require.Zero(t, g.node.SentTransactions())
}
