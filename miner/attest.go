package miner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/miner/gpuattest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// GPU attestation (gpu.enable_nvtrust).
//
// A device attests when its evidence source answers, its evidence verifies
// locally (chain to the pinned root now, signature, nonce), and the chain
// has it registered to this miner's id. Each proof of such a device names
// the registered device id in its WorkContext and carries a report
// answering WorkContext.AttestationNonce, encoded as the precompile reads
// it (precompile.EncodeAttestation). Anything less leaves the device at
// the software-only tier, or stops the miner with gpu.require_nvtrust.

// AttestedDevice is a GPU whose evidence verified.
type AttestedDevice struct {
	Source gpuattest.EvidenceSource
	ID     proof.Hash // nvtrust.DeviceID: the id registerDevice stores it under
	Chip   string
	Tier   string   // nvtrust tier of the signed board fields
	Models []string // products the chip may be
}

// OpenEvidence opens the evidence source of a configured device:
// Options.Evidence when set, else NVML.
func OpenEvidence(opts Options, device string) (gpuattest.EvidenceSource, error) {
	if opts.Evidence != nil {
		return opts.Evidence(device)
	}
	src, err := gpuattest.OpenNVML(device)
	if err != nil {
		return nil, err
	}
	return src, nil
}

// closeSource closes a source that can be closed.
func closeSource(src gpuattest.EvidenceSource) {
	if c, ok := src.(interface{ Close() }); ok {
		c.Close()
	}
}

// ProbeDevice asks src for evidence answering a fresh random nonce and
// verifies it as the chain will: the certificate chain to root (nil:
// NVIDIA's) at time now, the report's signature, FWID and nonce, and a
// supported chip.
func ProbeDevice(ctx context.Context, src gpuattest.EvidenceSource, root *nvtrust.Certificate, now time.Time) (*AttestedDevice, error) {
	var nonce [32]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return nil, err
	}
	report, chainDER, err := src.Evidence(ctx, nonce)
	if err != nil {
		return nil, err
	}
	certs, err := nvtrust.ParseChainDER(chainDER)
	if err != nil {
		return nil, &gpuattest.Error{Kind: gpuattest.ErrEvidence, Op: "certificate chain", Detail: err.Error()}
	}
	claims, err := nvtrust.Verify(report, certs, nvtrust.Options{Root: root, Time: now, Nonce: &nonce})
	if err != nil {
		return nil, &gpuattest.Error{Kind: gpuattest.ErrEvidence, Op: "verify evidence", Detail: err.Error()}
	}
	id, err := hex.DecodeString(claims.DeviceID)
	if err != nil || len(id) != 32 {
		return nil, fmt.Errorf("device id %q", claims.DeviceID)
	}
	return &AttestedDevice{Source: src, ID: proof.Hash(id), Chip: claims.Chip, Tier: claims.Tier, Models: claims.Models}, nil
}

// DeviceRecord is a device as the chain's registry holds it.
type DeviceRecord struct {
	Known        bool // false: never registered
	MinerID      proof.Hash
	Tier         nvtrust.Tier
	Revoked      bool
	Generation   uint32
	RegisteredAt uint64
	Chip         string
}

// DeviceInfo reads a device's registration (deviceInfo) on the latest block.
func DeviceInfo(ctx context.Context, chain Chain, id proof.Hash) (*DeviceRecord, error) {
	v, err := view(ctx, chain, "deviceInfo", iaimining.PackDeviceInfo(id), iaimining.UnpackDeviceInfo)
	if err != nil {
		if ref, ok := IsRefusal(err); ok && ref.Reason == "UnknownDevice" {
			return &DeviceRecord{}, nil
		}
		return nil, err
	}
	return &DeviceRecord{
		Known: true, MinerID: proof.Hash(v.MinerId), Tier: nvtrust.Tier(v.Tier), Revoked: v.Revoked,
		Generation: v.Generation, RegisteredAt: v.RegisteredAt, Chip: v.Chip,
	}, nil
}

// registeredTo checks that the chain has the device registered, active, to
// minerID.
func registeredTo(rec *DeviceRecord, id, minerID proof.Hash, chainID uint64, cfgPath string) error {
	cfg := "config.toml"
	if cfgPath != "" {
		cfg = cfgPath
	}
	switch {
	case !rec.Known:
		return fmt.Errorf("device %s is not registered on chain %d; run `pars-miner attest register --config %s`", hexutil.Encode(id[:]), chainID, cfg)
	case rec.Revoked:
		return fmt.Errorf("device %s is revoked on chain %d", hexutil.Encode(id[:]), chainID)
	case rec.MinerID != minerID:
		return fmt.Errorf("device %s is registered to miner id %s, not this wallet's %s; run `pars-miner attest register --config %s`",
			hexutil.Encode(id[:]), hexutil.Encode(rec.MinerID[:]), hexutil.Encode(minerID[:]), cfg)
	}
	return nil
}

// setupAttestation decides, per device, between the attested and the
// software-only tier (gpu.enable_nvtrust). Failures are logged in one line;
// with gpu.require_nvtrust the first is returned instead.
func (m *Miner) setupAttestation(ctx context.Context) error {
	if !m.cfg.GPU.EnableNVTrust {
		return nil
	}
	require := m.cfg.GPU.RequireNVTrust
	var (
		failed  []string
		reasons []string
		global  error // a failure that holds for every device (no driver)
	)
	for i := range m.devices {
		dev := &m.devices[i]
		err, inherited := global, global != nil
		var ad *AttestedDevice
		if !inherited {
			ad, err = m.attestDevice(ctx, dev.Name)
			if errors.Is(err, gpuattest.ErrNoDriver) {
				global = err
			}
		}
		plan, fatal := gpuattest.Decide(err, require)
		if fatal != nil {
			return fatal
		}
		if plan.Attested {
			dev.Attest, dev.ID = ad, ad.ID
			m.log.Info("NVTrust attestation on", "device", dev.Name, "source", ad.Source.Describe(),
				"device_id", hexutil.Encode(ad.ID[:]), "chip", ad.Chip, "tier", ad.Tier)
			continue
		}
		failed = append(failed, dev.Name)
		if !inherited {
			reasons = append(reasons, plan.Reason)
		}
	}
	if len(failed) > 0 {
		tried := "NVML (libnvidia-ml.so.1)"
		if m.opts.Evidence != nil {
			tried = "the configured evidence source"
		}
		m.log.Warn("NVTrust attestation unavailable; mining at the "+gpuattest.SoftwareOnly+" trust tier",
			"devices", failed, "tried", tried+" for gpu.device_ids "+strings.Join(failed, ", "),
			"reason", strings.Join(reasons, "; "), "hint", "`pars-miner attest status` shows what NVML sees; set gpu.require_nvtrust = true to refuse to start instead")
	}
	return nil
}

// attestDevice opens and verifies one device and checks its registration.
func (m *Miner) attestDevice(ctx context.Context, name string) (*AttestedDevice, error) {
	src, err := OpenEvidence(m.opts, name)
	if err != nil {
		return nil, err
	}
	// The first collection loads the driver's state and can take a while.
	pr := NewProgress(m.progressOut(), m.log, "collecting GPU evidence from device "+name, -1).Spin()
	ad, err := ProbeDevice(ctx, src, m.opts.DeviceRoot, m.clock())
	pr.Finish()
	if err == nil {
		var rec *DeviceRecord
		err = m.sub.call(ctx, func(ctx context.Context) (err error) {
			rec, err = DeviceInfo(ctx, m.chain, ad.ID)
			return err
		})
		if err == nil {
			err = registeredTo(rec, ad.ID, m.MinerID(), m.cfg.Network.ChainID, m.cfg.Path)
		}
	}
	if err != nil {
		closeSource(src)
		return nil, fmt.Errorf("GPU %s (%s): %w", name, src.Describe(), err)
	}
	m.closers = append(m.closers, func() { closeSource(src) })
	return ad, nil
}

// Devices returns the devices jobs run on, with their attestation.
func (m *Miner) Devices() []Device { return append([]Device(nil), m.devices...) }

// Registration is a device registered on chain.
type Registration struct {
	Device     string // as configured
	DeviceID   proof.Hash
	MinerID    proof.Hash
	Chip       string
	Tier       nvtrust.Tier
	Generation uint32
	TxHash     common.Hash
	Block      uint64
}

// RegisterDevice registers a configured device on chain for this miner:
// it reads the device id from the GPU's evidence, asks the chain for the
// registration nonce (registrationNonce), has the GPU answer it, and sends
// registerDevice with the chain and the report.
func (m *Miner) RegisterDevice(ctx context.Context, name string) (*Registration, error) {
	src, err := OpenEvidence(m.opts, name)
	if err != nil {
		return nil, err
	}
	defer closeSource(src)
	ad, err := ProbeDevice(ctx, src, m.opts.DeviceRoot, m.clock())
	if err != nil {
		return nil, err
	}
	minerID := m.MinerID()
	data := iaimining.PackRegistrationNonce(ad.ID, minerID)
	to := precompile.Address
	var out []byte
	if err := m.sub.call(ctx, func(ctx context.Context) (err error) {
		out, err = m.chain.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
		return err
	}); err != nil {
		if ref, ok := RevertFromError(err); ok {
			return nil, fmt.Errorf("registrationNonce: %w", ref)
		}
		return nil, fmt.Errorf("registrationNonce: %w", err)
	}
	nonce, err := iaimining.UnpackRegistrationNonce(out)
	if err != nil {
		return nil, fmt.Errorf("decode registrationNonce result 0x%x: %v", out, err)
	}
	report, chainDER, err := src.Evidence(ctx, nonce)
	if err != nil {
		return nil, err
	}
	if err := gpuattest.CheckAnswer(report, nonce); err != nil {
		return nil, err
	}
	tx, err := iaimining.TryPackRegisterDevice(chainDER, report, minerID)
	if err != nil {
		return nil, err
	}
	rcpt, err := m.sub.Transact(ctx, tx, "device registration")
	if err != nil {
		return nil, err
	}
	reg := &Registration{Device: name, DeviceID: ad.ID, MinerID: minerID, Chip: ad.Chip, TxHash: rcpt.TxHash}
	if rcpt.BlockNumber != nil {
		reg.Block = rcpt.BlockNumber.Uint64()
	}
	ev := precompile.ABI().Events["DeviceRegistered"]
	for _, l := range rcpt.Logs {
		if len(l.Topics) != 3 || l.Topics[0] != ev.ID || l.Topics[1] != common.Hash(ad.ID) {
			continue
		}
		vals, err := ev.Inputs.NonIndexed().Unpack(l.Data)
		if err != nil || len(vals) != 3 {
			return nil, fmt.Errorf("decode DeviceRegistered: %v", err)
		}
		tier, _ := vals[0].(uint8)
		reg.Tier = nvtrust.Tier(tier)
		reg.Generation, _ = vals[1].(uint32)
		reg.Chip, _ = vals[2].(string)
		return reg, nil
	}
	return nil, fmt.Errorf("transaction %s succeeded but emitted no DeviceRegistered event for device %s", rcpt.TxHash.Hex(), hexutil.Encode(ad.ID[:]))
}

// attest asks the device for a report answering the WorkContext's
// attestation nonce and encodes it as the precompile reads it.
func attest(ctx context.Context, ad *AttestedDevice, wc *proof.WorkContext) ([]byte, error) {
	nonce := wc.AttestationNonce()
	report, _, err := ad.Source.Evidence(ctx, nonce)
	if err != nil {
		return nil, err
	}
	if err := gpuattest.CheckAnswer(report, nonce); err != nil {
		return nil, err
	}
	return precompile.EncodeAttestation(ad.ID, report), nil
}
