package gateway

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Attested first, from the chain's device registry.
//
// A miner whose GPU is registered on chain (registerDevice) names the
// device in its registration: the attestation field holds a DeviceClaim,
// 0x01 ‖ deviceId(32), the prefix of a proof's attestation
// (precompile.EncodeAttestation). Bytes after the device id are reserved
// for a report answering the registration challenge and are ignored for
// now. ChainAttestation ranks the connection as attested only when the
// registry's deviceInfo(deviceId) shows the device active, not revoked, at
// the attested tier and bound to the miner id of the key that signed the
// registration. Only whoever controls the GPU can bind it to a miner id,
// and only the holder of that miner key can register with the gateway, so
// a claim cannot be borrowed. The answer is read once per registration.
// Rewards do not depend on it: every proof's attestation is checked again
// on chain.

// deviceClaimVersion is the first byte of a DeviceClaim (the proof
// attestation version).
const deviceClaimVersion = precompile.AttestationVersion

// DeviceClaim returns the registration attestation that names device id.
func DeviceClaim(id proof.Hash) []byte {
	return precompile.EncodeAttestation([32]byte(id), nil)
}

// ParseDeviceClaim returns the device a registration's attestation names.
func ParseDeviceClaim(evidence []byte) (proof.Hash, error) {
	if len(evidence) < 1+len(proof.Hash{}) || evidence[0] != deviceClaimVersion {
		return proof.Hash{}, fmt.Errorf("attestation is not version %d ‖ device id(32)", deviceClaimVersion)
	}
	return proof.Hash(evidence[1:33]), nil
}

// DeviceRecord is what the gateway needs of a device's registration.
type DeviceRecord struct {
	Known   bool // false: never registered (deviceInfo reverts UnknownDevice)
	MinerID proof.Hash
	Tier    nvtrust.Tier
	Revoked bool
}

// DeviceRegistry reads the chain's device registry.
type DeviceRegistry interface {
	DeviceInfo(ctx context.Context, id proof.Hash) (DeviceRecord, error)
}

// CheckDevice returns why a device record does not make minerID attested,
// or nil.
func CheckDevice(rec DeviceRecord, minerID proof.Hash) error {
	switch {
	case !rec.Known:
		return errors.New("device is not registered")
	case rec.Revoked:
		return errors.New("device is revoked")
	case rec.Tier != nvtrust.TierAttested:
		return fmt.Errorf("device tier is %v, not %v", rec.Tier, nvtrust.TierAttested)
	case rec.MinerID != minerID:
		return fmt.Errorf("device is bound to miner 0x%x, not 0x%x", rec.MinerID[:8], minerID[:8])
	}
	return nil
}

// ChainAttestation returns a Config.Attested that reads the device a
// registration claims from reg, waiting at most timeout. A miner without
// a claim, with a malformed one, or whose device fails CheckDevice, or a
// registry that does not answer, ranks as software-only; the reason is
// logged.
func ChainAttestation(reg DeviceRegistry, timeout time.Duration, log *slog.Logger) func(minerKey []byte, challenge proof.Hash, evidence []byte) bool {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return func(minerKey []byte, _ proof.Hash, evidence []byte) bool {
		if len(evidence) == 0 {
			return false
		}
		minerID := proof.MinerID(minerKey)
		id, err := ParseDeviceClaim(evidence)
		if err != nil {
			log.Info("miner ranks as software-only", "miner", hexID(minerID), "why", err.Error())
			return false
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		rec, err := reg.DeviceInfo(ctx, id)
		if err == nil {
			err = CheckDevice(rec, minerID)
		}
		if err != nil {
			log.Info("miner ranks as software-only", "miner", hexID(minerID), "device", hexutil.Encode(id[:]), "why", err.Error())
			return false
		}
		return true
	}
}

// RPCRegistry reads the device registry of a node over JSON-RPC
// (eth_call of deviceInfo on the latest block).
type RPCRegistry struct {
	client *ethclient.Client
}

// DialRegistry connects to a node and checks that it serves chainID.
func DialRegistry(ctx context.Context, url string, chainID uint32) (*RPCRegistry, error) {
	c, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("rpc %s: %w", url, err)
	}
	id, err := c.ChainID(ctx)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("rpc %s: chain id: %w", url, err)
	}
	if id.Cmp(new(big.Int).SetUint64(uint64(chainID))) != 0 {
		c.Close()
		return nil, fmt.Errorf("rpc %s serves chain %s, the gateway's tickets are for chain %d", url, id, chainID)
	}
	return &RPCRegistry{client: c}, nil
}

// iaimining is the generated binding of 0x0300's ABI: typed packing and
// unpacking, checked by the compiler.
var iaimining = bindings.NewIAIMining()

// Close closes the connection.
func (r *RPCRegistry) Close() { r.client.Close() }

// DeviceInfo implements DeviceRegistry.
func (r *RPCRegistry) DeviceInfo(ctx context.Context, id proof.Hash) (DeviceRecord, error) {
	to := precompile.Address
	out, err := r.client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: iaimining.PackDeviceInfo(id)}, nil)
	if err != nil {
		if rev := revertOf(err); rev != nil && rev.Name == "UnknownDevice" {
			return DeviceRecord{}, nil
		}
		return DeviceRecord{}, fmt.Errorf("deviceInfo: %w", err)
	}
	return decodeDeviceInfo(out)
}

// decodeDeviceInfo decodes deviceInfo's result (minerId, tier, revoked, ...).
func decodeDeviceInfo(out []byte) (DeviceRecord, error) {
	v, err := iaimining.UnpackDeviceInfo(out)
	if err != nil {
		return DeviceRecord{}, fmt.Errorf("decode deviceInfo result 0x%x: %v", out, err)
	}
	return DeviceRecord{Known: true, MinerID: proof.Hash(v.MinerId), Tier: nvtrust.Tier(v.Tier), Revoked: v.Revoked}, nil
}

// revertOf decodes a precompile revert carried by an RPC error, or nil.
func revertOf(err error) *precompile.Revert {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil
	}
	var data []byte
	switch d := de.ErrorData().(type) {
	case string:
		data, _ = hexutil.Decode(d)
	case []byte:
		data = bytes.Clone(d)
	}
	if len(data) == 0 {
		return nil
	}
	rev, derr := precompile.DecodeRevert(data)
	if derr != nil {
		return nil
	}
	return rev
}
