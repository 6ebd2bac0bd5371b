package precompile

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
)

// Storage layout of Teleport (all under Address; see state.go for the rest).
//
//	slot 8   next outgoing sequence number (uint64, right-aligned)
//	slot 9   smallest amount teleport accepts (uint256; 0 means 1 wei)
//	slot 10  total burned by teleport (uint256)
//	slot 11  total relayed in (uint256)
//	slot 12  total claimed (uint256)
//
// Derived slots, each derivedSlot("teleport/<name>", ...):
//
//	signers ‖ chain(4)            threshold at byte 30, set size at byte 31
//	signer ‖ chain(4) ‖ index(1)  key id of the signer at that position
//	record ‖ id                   status(1) ‖ pending index(1) ‖ source chain(4) ‖
//	                              zero(6) ‖ recipient(20)
//	amount ‖ id                   amount (uint256)
//	pending-count ‖ recipient     number of pending ids (at most teleport.MaxPending)
//	pending ‖ recipient ‖ k(1)    the k-th pending id of recipient
//
// A recipient's pending ids are a dense array: claiming swaps the last id
// into the freed position, so relay and claim touch a constant number of
// slots and the list never holds more than teleport.MaxPending ids.
const (
	slotTeleportSequence = 8
	slotTeleportMinimum  = 9
	slotTeleportSent     = 10
	slotTeleportRelayed  = 11
	slotTeleportClaimed  = 12
)

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// TeleportSignerSetSlot returns the slot holding the threshold and size of
// the signer set for messages from sourceChain.
func TeleportSignerSetSlot(sourceChain uint32) common.Hash {
	return derivedSlot("teleport/signers", be32(sourceChain))
}

// TeleportSignerSlot returns the slot holding the key id of signer index of
// sourceChain's set.
func TeleportSignerSlot(sourceChain uint32, index uint8) common.Hash {
	return derivedSlot("teleport/signer", be32(sourceChain), []byte{index})
}

// TeleportRecordSlot returns the slot holding the status of a teleport id.
func TeleportRecordSlot(id proof.Hash) common.Hash { return derivedSlot("teleport/record", id[:]) }

// TeleportAmountSlot returns the slot holding the amount of a relayed id.
func TeleportAmountSlot(id proof.Hash) common.Hash { return derivedSlot("teleport/amount", id[:]) }

// PendingCountSlot returns the slot holding how many ids recipient has pending.
func PendingCountSlot(recipient common.Address) common.Hash {
	return derivedSlot("teleport/pending-count", recipient[:])
}

// PendingSlot returns the slot of recipient's k-th pending id.
func PendingSlot(recipient common.Address, k uint8) common.Hash {
	return derivedSlot("teleport/pending", recipient[:], []byte{k})
}

// signerSetHeader is the threshold and size of a source chain's set.
func (s store) signerSetHeader(chain uint32) (threshold, size uint8) {
	v := s.get(TeleportSignerSetSlot(chain))
	return v[30], v[31]
}

// teleportRecord is the per-id state on the destination chain.
type teleportRecord struct {
	status    uint8
	index     uint8
	source    uint32
	recipient common.Address
}

func (s store) record(id proof.Hash) teleportRecord {
	v := s.get(TeleportRecordSlot(id))
	var r teleportRecord
	r.status, r.index = v[0], v[1]
	r.source = binary.BigEndian.Uint32(v[2:6])
	copy(r.recipient[:], v[12:32])
	return r
}

func (s store) setRecord(id proof.Hash, r teleportRecord) {
	var v common.Hash
	v[0], v[1] = r.status, r.index
	binary.BigEndian.PutUint32(v[2:6], r.source)
	copy(v[12:32], r.recipient[:])
	s.set(TeleportRecordSlot(id), v)
}

func (s store) pendingCount(a common.Address) uint8 {
	v := s.get(PendingCountSlot(a))
	return v[31]
}

func (s store) setPendingCount(a common.Address, n uint8) {
	s.set(PendingCountSlot(a), common.Hash{31: n})
}

func (s store) teleportSequence() uint64 {
	v := s.get(numSlot(slotTeleportSequence))
	return binary.BigEndian.Uint64(v[24:32])
}

// teleportMinimum is the effective minimum: the stored one, at least 1 wei.
func (s store) teleportMinimum() *uint256.Int {
	m := s.getInt(numSlot(slotTeleportMinimum))
	if m.IsZero() {
		m.SetOne()
	}
	return m
}

// addTo adds v to the counter in a fixed slot, refusing overflow.
func (s store) addTo(slot byte, v *uint256.Int) error {
	total := s.getInt(numSlot(slot))
	if _, overflow := total.AddOverflow(total, v); overflow {
		return revert("ArithmeticOverflow")
	}
	s.setInt(numSlot(slot), total)
	return nil
}

// signerSet reads a source chain's full signer set.
func (s store) signerSet(chain uint32) teleport.Set {
	threshold, size := s.signerSetHeader(chain)
	set := teleport.Set{Threshold: threshold, IDs: make([]proof.Hash, size)}
	for i := range set.IDs {
		set.IDs[i] = proof.Hash(s.get(TeleportSignerSlot(chain, uint8(i))))
	}
	return set
}
