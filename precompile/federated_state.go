package precompile

import (
	"encoding/binary"

	"github.com/ethereum/go-ethereum/common"
)

// Storage layout of federated rounds (all under Address; see state.go).
//
//	slot 32  round pool: the largest total one round may pay (uint256)
//	slot 33  rounds published (uint64, right-aligned)
//	slot 34  total published by all rounds (uint256)
//	slot 35  total claimed from all rounds (uint256)
//	slots 36..39 reserved
//
// Derived slots, each derivedSlot("federated/<name>", ...):
//
//	aggregator ‖ address           1 at byte 31 if registered
//	round ‖ roundId(8)             aggregator(20) ‖ zero(4) ‖ published block time(8)
//	round-model ‖ roundId(8)       aggregate model hash
//	round-root ‖ roundId(8)        rewards root
//	round-total ‖ roundId(8)       total the round pays (uint256)
//	round-claimed ‖ roundId(8)     total claimed so far (uint256)
//	claim ‖ roundId(8) ‖ recipient amount recipient claimed (uint256; non-zero once claimed)
//
// A published round always has a non-zero aggregator in its round slot, so
// "published" is one slot read.
const (
	slotRoundPool       = 32
	slotRoundsPublished = 33
	slotRoundsTotal     = 34
	slotRoundsClaimed   = 35
)

func be64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// AggregatorSlot returns the slot marking a registered aggregator.
func AggregatorSlot(a common.Address) common.Hash { return derivedSlot("federated/aggregator", a[:]) }

// RoundSlot returns the slot holding a round's publisher and time.
func RoundSlot(roundID uint64) common.Hash { return derivedSlot("federated/round", be64(roundID)) }

// RoundModelSlot returns the slot holding a round's aggregate model hash.
func RoundModelSlot(roundID uint64) common.Hash {
	return derivedSlot("federated/round-model", be64(roundID))
}

// RoundRootSlot returns the slot holding a round's rewards root.
func RoundRootSlot(roundID uint64) common.Hash {
	return derivedSlot("federated/round-root", be64(roundID))
}

// RoundTotalSlot returns the slot holding a round's published total.
func RoundTotalSlot(roundID uint64) common.Hash {
	return derivedSlot("federated/round-total", be64(roundID))
}

// RoundClaimedSlot returns the slot holding what a round has paid out.
func RoundClaimedSlot(roundID uint64) common.Hash {
	return derivedSlot("federated/round-claimed", be64(roundID))
}

// RoundClaimSlot returns the slot recording recipient's claim in a round.
func RoundClaimSlot(roundID uint64, recipient common.Address) common.Hash {
	return derivedSlot("federated/claim", be64(roundID), recipient[:])
}

// roundRecord is the round slot decoded.
type roundRecord struct {
	aggregator  common.Address
	publishedAt uint64
}

func (s store) round(id uint64) roundRecord {
	v := s.get(RoundSlot(id))
	var r roundRecord
	copy(r.aggregator[:], v[0:20])
	r.publishedAt = binary.BigEndian.Uint64(v[24:32])
	return r
}

func (s store) setRound(id uint64, r roundRecord) {
	var v common.Hash
	copy(v[0:20], r.aggregator[:])
	binary.BigEndian.PutUint64(v[24:32], r.publishedAt)
	s.set(RoundSlot(id), v)
}

func (s store) isAggregator(a common.Address) bool { return s.get(AggregatorSlot(a))[31] == 1 }
