package precompile

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
)

// derivedSlot returns the storage slot of one key of one kind of derived
// state: proof.StorageSlot, which hashes the tag and every part with its
// length under DomainStorage. Every derived slot of the precompile is made
// here, each kind with its own literal tag and fixed-width parts, so no two
// kinds and no two keys can share a preimage (TestDerivedSlotTagsUnique
// enforces one call site per tag). The fixed slots 0..39 are small numbers
// that a 256-bit hash does not meet.
func derivedSlot(tag string, parts ...[]byte) common.Hash {
	return common.Hash(proof.StorageSlot(tag, parts...))
}
