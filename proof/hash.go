package proof

import (
	"encoding/binary"
	"io"

	"lukechampine.com/blake3"
)

// Hash is a 32-byte BLAKE3 digest.
type Hash [32]byte

// Domain names one purpose of hashing. Each domain hashes with its own
// BLAKE3 key, derived once from the domain's context string with BLAKE3's
// derive-key mode: key = BLAKE3-derive_key(context, ""). A digest made for
// one purpose can therefore never be mistaken for a digest of another.
type Domain struct {
	context string
	key     [32]byte
}

// newDomain derives the BLAKE3 key of a hashing purpose.
func newDomain(context string) Domain {
	d := Domain{context: context}
	blake3.DeriveKey(d.key[:], context, nil)
	return d
}

// The hashing purposes of the protocol. Their context strings are part of
// the wire format: changing one changes every derived value.
var (
	// DomainModel hashes model weights (streaming, for multi-GB files).
	DomainModel = newDomain("Pars AI mining v1 model")
	// DomainInput hashes an inference input.
	DomainInput = newDomain("Pars AI mining v1 input")
	// DomainOutput hashes an inference output.
	DomainOutput = newDomain("Pars AI mining v1 output")
	// DomainAttestation hashes the attestation evidence sent beside a proof.
	DomainAttestation = newDomain("Pars AI mining v1 attestation evidence")
	// DomainWorkID derives the work id (the spent-set key) of a proof.
	DomainWorkID = newDomain("Pars AI mining v1 work id")
	// DomainSpentKey derives the storage slot of a spent work id.
	DomainSpentKey = newDomain("Pars AI mining v1 spent key")
	// DomainAttestationNonce derives the SPDM request nonce from a WorkContext.
	DomainAttestationNonce = newDomain("Pars AI mining v1 attestation nonce")
	// DomainMinerKey hashes an ML-DSA public key into a miner id.
	DomainMinerKey = newDomain("Pars AI mining v1 miner key")
	// DomainTeleport derives the id of a teleport message.
	DomainTeleport = newDomain("Pars AI mining v1 teleport message")
	// DomainStorage derives storage slots of the precompile's state.
	DomainStorage = newDomain("Pars AI mining v1 storage slot")
	// DomainJobTicket derives the id of a gateway job ticket.
	DomainJobTicket = newDomain("Pars AI mining v1 job ticket")
)

// Context returns the domain's BLAKE3 derive-key context string.
func (d Domain) Context() string { return d.context }

// Key returns the domain's 32-byte BLAKE3 key.
func (d Domain) Key() [32]byte { return d.key }

// Sum hashes the concatenation of parts under the domain.
func (d Domain) Sum(parts ...[]byte) Hash {
	h := blake3.New(32, d.key[:])
	for _, p := range parts {
		_, _ = h.Write(p)
	}
	var out Hash
	h.Sum(out[:0])
	return out
}

// SumReader hashes everything r yields under the domain, streaming, so
// multi-gigabyte model files never sit in memory. It returns the digest and
// the number of bytes read.
func (d Domain) SumReader(r io.Reader) (Hash, int64, error) {
	h := blake3.New(32, d.key[:])
	n, err := io.CopyBuffer(h, r, make([]byte, 1<<20))
	if err != nil {
		return Hash{}, n, err
	}
	var out Hash
	h.Sum(out[:0])
	return out, n, nil
}

// NewHasher returns a streaming hasher keyed for the domain; write the data
// and call Sum(nil) for the 32-byte digest.
func (d Domain) NewHasher() *blake3.Hasher { return blake3.New(32, d.key[:]) }

// HashModel hashes model weights read from r.
func HashModel(r io.Reader) (Hash, error) {
	h, _, err := DomainModel.SumReader(r)
	return h, err
}

// HashInput hashes an inference input.
func HashInput(b []byte) Hash { return DomainInput.Sum(b) }

// HashOutput hashes an inference output.
func HashOutput(b []byte) Hash { return DomainOutput.Sum(b) }

// HashAttestation hashes the attestation evidence that travels beside a
// proof. Empty evidence hashes to the zero Hash, meaning "no attestation".
func HashAttestation(evidence []byte) Hash {
	if len(evidence) == 0 {
		return Hash{}
	}
	return DomainAttestation.Sum(evidence)
}

// MinerID returns the 32-byte id of an ML-DSA public key.
func MinerID(publicKey []byte) Hash { return DomainMinerKey.Sum(publicKey) }

// SpentKey returns the storage key under which a work id is marked spent.
func SpentKey(workID Hash) Hash { return DomainSpentKey.Sum(workID[:]) }

// StorageSlotPreimage returns the bytes StorageSlot hashes: the tag and
// each part, every one preceded by its length as an unsigned varint, after
// the number of parts:
//
//	uvarint(len(tag)) ‖ tag ‖ uvarint(len(parts)) ‖ { uvarint(len(p)) ‖ p }
//
// The encoding is prefix-free, so two different (tag, parts) lists never
// share a preimage, whatever their lengths (see DecodeStorageSlotPreimage).
func StorageSlotPreimage(tag string, parts ...[]byte) []byte {
	n := 2*binary.MaxVarintLen64 + len(tag)
	for _, p := range parts {
		n += binary.MaxVarintLen64 + len(p)
	}
	b := make([]byte, 0, n)
	b = binary.AppendUvarint(b, uint64(len(tag)))
	b = append(b, tag...)
	b = binary.AppendUvarint(b, uint64(len(parts)))
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

// DecodeStorageSlotPreimage is the inverse of StorageSlotPreimage: it
// returns the tag and parts a preimage encodes, and false if b is not
// exactly one canonical encoding. It exists to test that the framing is
// injective.
func DecodeStorageSlotPreimage(b []byte) (tag string, parts [][]byte, ok bool) {
	next := func() ([]byte, bool) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) || len(binary.AppendUvarint(nil, n)) != k {
			return nil, false
		}
		v := b[k : k+int(n)]
		b = b[k+int(n):]
		return v, true
	}
	t, ok := next()
	if !ok {
		return "", nil, false
	}
	count, k := binary.Uvarint(b)
	if k <= 0 || len(binary.AppendUvarint(nil, count)) != k || count > uint64(len(b)) {
		return "", nil, false
	}
	b = b[k:]
	parts = make([][]byte, 0, count)
	for i := uint64(0); i < count; i++ {
		p, ok := next()
		if !ok {
			return "", nil, false
		}
		parts = append(parts, p)
	}
	if len(b) != 0 {
		return "", nil, false
	}
	return string(t), parts, true
}

// StorageSlot derives a storage slot of the precompile's state: BLAKE3
// under DomainStorage of StorageSlotPreimage(tag, parts...). Each kind of
// derived slot has its own tag; the length framing keeps two kinds (or two
// keys of one kind) from ever hashing the same bytes.
func StorageSlot(tag string, parts ...[]byte) Hash {
	return DomainStorage.Sum(StorageSlotPreimage(tag, parts...))
}
