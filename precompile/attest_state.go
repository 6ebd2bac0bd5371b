package precompile

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/attest/nvtrust"
)

// Storage of device attestation (slots 16..23 are reserved for it):
//
//	slot 16  allowlist sizes: driver(4) ‖ vbios(4) ‖ measurements(4), left-aligned
//	device d, record i (i = 0..4) at DomainStorage("device/record" ‖ d ‖ i):
//	  0  status(1: active, 2: revoked) ‖ tier(1) ‖ generation(4) ‖
//	     registeredAt(8) ‖ chip(16, NUL-padded ASCII), left-aligned
//	  1  miner id
//	  2..4  attestation key X ‖ Y (96 bytes)
//	allowlist item (kind k, item x) at DomainStorage("device/allow" ‖ k ‖ x): 1 when allowed
const (
	slotAllowlistSizes = 16
	deviceRecordSlots  = 5
)

// Device status values.
const (
	deviceUnknown byte = 0
	deviceActive  byte = 1
	deviceRevoked byte = 2
)

// Allowlist kinds.
const (
	AllowDriver       uint8 = 0 // driver version text, left-aligned in 32 bytes
	AllowVBIOS        uint8 = 1 // VBIOS version text ("96.00.9F.00.01"), left-aligned
	AllowMeasurements uint8 = 2 // SHA-256 of the 64 measurement values (MeasurementsDigest)
	numAllowKinds           = 3
)

// DeviceSlot returns the storage slot of record i of device d.
func DeviceSlot(d [32]byte, i byte) common.Hash {
	return derivedSlot("device/record", d[:], []byte{i})
}

// AllowlistSlot returns the storage slot of an allowlist item.
func AllowlistSlot(kind uint8, item [32]byte) common.Hash {
	return derivedSlot("device/allow", []byte{kind}, item[:])
}

// device is a stored device record.
type device struct {
	status       byte
	tier         nvtrust.Tier
	generation   uint32
	registeredAt uint64
	chip         string
	miner        [32]byte
	key          []byte // X ‖ Y, 96 bytes; nil when unknown
}

// deviceMeta reads only the first record slot (status, tier, ...).
func (s store) deviceMeta(id [32]byte) device {
	m := s.get(DeviceSlot(id, 0))
	d := device{
		status:       m[0],
		tier:         nvtrust.Tier(m[1]),
		generation:   binary.BigEndian.Uint32(m[2:6]),
		registeredAt: binary.BigEndian.Uint64(m[6:14]),
	}
	chip := m[14:30]
	n := 0
	for n < len(chip) && chip[n] != 0 {
		n++
	}
	d.chip = string(chip[:n])
	return d
}

// device reads the whole record.
func (s store) device(id [32]byte) device {
	d := s.deviceMeta(id)
	d.miner = s.get(DeviceSlot(id, 1))
	if d.status != deviceUnknown {
		d.key = make([]byte, 0, nvtrust.AttestationKeySize)
		for i := byte(2); i < deviceRecordSlots; i++ {
			v := s.get(DeviceSlot(id, i))
			d.key = append(d.key, v[:]...)
		}
	}
	return d
}

// setDeviceMeta writes the first record slot.
func (s store) setDeviceMeta(id [32]byte, d *device) {
	var m common.Hash
	m[0], m[1] = d.status, byte(d.tier)
	binary.BigEndian.PutUint32(m[2:6], d.generation)
	binary.BigEndian.PutUint64(m[6:14], d.registeredAt)
	copy(m[14:30], d.chip)
	s.set(DeviceSlot(id, 0), m)
}

// setDevice writes the whole record.
func (s store) setDevice(id [32]byte, d *device) {
	s.setDeviceMeta(id, d)
	s.set(DeviceSlot(id, 1), d.miner)
	for i := byte(0); i < 3; i++ {
		s.set(DeviceSlot(id, 2+i), common.Hash(d.key[32*int(i):32*int(i)+32]))
	}
}

// allowlistSizes reads the three allowlist sizes.
func (s store) allowlistSizes() [numAllowKinds]uint32 {
	v := s.get(numSlot(slotAllowlistSizes))
	var out [numAllowKinds]uint32
	for k := range out {
		out[k] = binary.BigEndian.Uint32(v[4*k : 4*k+4])
	}
	return out
}

func (s store) setAllowlistSizes(sz [numAllowKinds]uint32) {
	var v common.Hash
	for k := range sz {
		binary.BigEndian.PutUint32(v[4*k:4*k+4], sz[k])
	}
	s.set(numSlot(slotAllowlistSizes), v)
}

func (s store) allowed(kind uint8, item [32]byte) bool {
	return s.get(AllowlistSlot(kind, item)) != (common.Hash{})
}
