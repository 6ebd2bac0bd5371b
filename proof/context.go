package proof

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
)

// Version is the version byte of every encoding in this package.
const Version byte = 1

// WorkContextSize is the size of an encoded WorkContext.
const WorkContextSize = 1 + 4 + 5*32 + 8

// WorkContext is fixed by the miner BEFORE it runs any compute: it binds the
// work to one chain, one job, one model, one input, one device and a fresh
// nonce. Everything derived from a proof (the work id, the attestation
// nonce) is derived from it.
type WorkContext struct {
	ChainID   uint32 // the chain the work may be rewarded on
	JobID     Hash   // the job (a gateway ticket id, or the miner's own)
	ModelHash Hash   // HashModel of the model weights
	InputHash Hash   // HashInput of the inference input
	DeviceID  Hash   // the device that computes: attested, proof.DeviceID of its identity certificate's key; else SoftwareDeviceID
	Nonce     Hash   // fresh randomness chosen by the miner
	Timestamp uint64 // unix seconds when the context was fixed
}

// NewWorkContext fixes a WorkContext with a fresh nonce from r
// (crypto/rand.Reader when r is nil).
func NewWorkContext(chainID uint32, jobID, modelHash, inputHash, deviceID Hash, timestamp uint64, r io.Reader) (WorkContext, error) {
	if r == nil {
		r = rand.Reader
	}
	wc := WorkContext{ChainID: chainID, JobID: jobID, ModelHash: modelHash, InputHash: inputHash, DeviceID: deviceID, Timestamp: timestamp}
	if _, err := io.ReadFull(r, wc.Nonce[:]); err != nil {
		return WorkContext{}, fmt.Errorf("proof: read work nonce: %w", err)
	}
	return wc, nil
}

// Encode returns the canonical encoding:
//
//	version(1) chain_id(4) job_id(32) model_hash(32) input_hash(32)
//	device_id(32) nonce(32) timestamp(8)
func (wc *WorkContext) Encode() []byte {
	return wc.appendFields(make([]byte, 0, WorkContextSize))
}

// appendFields appends the encoding to b.
func (wc *WorkContext) appendFields(b []byte) []byte {
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, wc.ChainID)
	b = append(b, wc.JobID[:]...)
	b = append(b, wc.ModelHash[:]...)
	b = append(b, wc.InputHash[:]...)
	b = append(b, wc.DeviceID[:]...)
	b = append(b, wc.Nonce[:]...)
	return binary.BigEndian.AppendUint64(b, wc.Timestamp)
}

// DecodeWorkContext decodes a canonical WorkContext encoding strictly.
func DecodeWorkContext(b []byte) (WorkContext, error) {
	if len(b) != WorkContextSize {
		return WorkContext{}, &DecodeError{What: "WorkContext", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, want exactly %d", len(b), WorkContextSize)}
	}
	d := decoder{what: "WorkContext", b: b}
	var wc WorkContext
	d.readWorkContext(&wc)
	return wc, d.err
}

// AttestationNonce returns the 32-byte nonce a miner must place in the GPU's
// SPDM GET_MEASUREMENTS request for this work. A GPU report carrying it
// proves freshness for exactly this WorkContext.
func (wc *WorkContext) AttestationNonce() Hash {
	return DomainAttestationNonce.Sum(wc.Encode())
}

// decoder reads fixed fields and remembers the first error.
type decoder struct {
	what string
	b    []byte
	off  int
	err  error
}

// fail records the first decode error.
func (d *decoder) fail(field, reason string) {
	if d.err == nil {
		d.err = &DecodeError{What: d.what, Field: field, Offset: d.off, Reason: reason}
	}
}

// take returns the next n bytes, or nil after recording an error.
func (d *decoder) take(field string, n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || len(d.b)-d.off < n {
		d.fail(field, fmt.Sprintf("need %d bytes, have %d", n, len(d.b)-d.off))
		return nil
	}
	out := d.b[d.off : d.off+n]
	d.off += n
	return out
}

func (d *decoder) hash(field string, h *Hash) {
	if v := d.take(field, 32); v != nil {
		copy(h[:], v)
	}
}

func (d *decoder) u16(field string) uint16 {
	if v := d.take(field, 2); v != nil {
		return binary.BigEndian.Uint16(v)
	}
	return 0
}

func (d *decoder) u32(field string) uint32 {
	if v := d.take(field, 4); v != nil {
		return binary.BigEndian.Uint32(v)
	}
	return 0
}

func (d *decoder) u64(field string) uint64 {
	if v := d.take(field, 8); v != nil {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

func (d *decoder) version() {
	v := d.take("version", 1)
	if v != nil && v[0] != Version {
		d.off--
		d.fail("version", fmt.Sprintf("version %d, want %d", v[0], Version))
	}
}

// publicKey reads a 2-byte length and an ML-DSA public key of that length,
// and returns the key with its parameter set. A length that belongs to no
// parameter set is refused at the length field.
func (d *decoder) publicKey() ([]byte, Scheme) {
	n := d.u16("public key length")
	if d.err != nil {
		return nil, 0
	}
	s, err := SchemeForPublicKeySize(int(n))
	if err != nil {
		d.off -= 2
		d.fail("public key length", err.Error())
		return nil, 0
	}
	return bytes.Clone(d.take("public key", int(n))), s
}

// end refuses trailing bytes.
func (d *decoder) end() {
	if d.err == nil && d.off != len(d.b) {
		d.fail("end", fmt.Sprintf("%d trailing bytes", len(d.b)-d.off))
	}
}

func (d *decoder) readWorkContext(wc *WorkContext) {
	d.version()
	wc.ChainID = d.u32("chain id")
	d.hash("job id", &wc.JobID)
	d.hash("model hash", &wc.ModelHash)
	d.hash("input hash", &wc.InputHash)
	d.hash("device id", &wc.DeviceID)
	d.hash("nonce", &wc.Nonce)
	wc.Timestamp = d.u64("timestamp")
}
