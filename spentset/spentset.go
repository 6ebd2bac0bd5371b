// Package spentset keeps the set of rewarded work ids in EVM state, so that
// each piece of work is rewarded at most once per chain.
//
// A work id w is spent when the storage slot proof.SpentKey(w) of the owning
// account is non-zero; the slot holds one plus the number of the block that
// spent it (so that work spent while simulating on top of the genesis block,
// as eth_call and eth_estimateGas do on a fresh chain, is marked too).
// Work ids include the chain id, and every chain keeps its own state, so the
// set is per chain by construction.
package spentset

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
)

// StateDB is the storage access the set needs; go-ethereum's state.StateDB
// satisfies it.
type StateDB interface {
	GetState(addr common.Address, key common.Hash) common.Hash
	SetState(addr common.Address, key, value common.Hash) common.Hash
}

// ErrAlreadySpent reports a work id that was already rewarded.
var ErrAlreadySpent = errors.New("spentset: work already rewarded")

// Set is the spent set stored under one account.
type Set struct {
	db    StateDB
	owner common.Address
}

// New returns the spent set kept in db under owner.
func New(db StateDB, owner common.Address) Set { return Set{db: db, owner: owner} }

// Slot returns the storage slot that records work id w.
func Slot(w proof.Hash) common.Hash { return common.Hash(proof.SpentKey(w)) }

// SpentAt returns the block number that spent w, and whether it is spent.
func (s Set) SpentAt(w proof.Hash) (uint64, bool) {
	v := s.db.GetState(s.owner, Slot(w))
	if v == (common.Hash{}) {
		return 0, false
	}
	n := new(uint256.Int).SetBytes32(v[:])
	return n.SubUint64(n, 1).Uint64(), true
}

// IsSpent reports whether w has been rewarded.
func (s Set) IsSpent(w proof.Hash) bool {
	_, spent := s.SpentAt(w)
	return spent
}

// MarkSpent records w as spent in block number blockNumber. It refuses a
// work id that is already spent and then leaves state untouched.
func (s Set) MarkSpent(w proof.Hash, blockNumber uint64) error {
	if at, spent := s.SpentAt(w); spent {
		return fmt.Errorf("%w: work id %x spent in block %d", ErrAlreadySpent, w, at)
	}
	v := new(uint256.Int).AddUint64(uint256.NewInt(blockNumber), 1) // never zero, never overflows
	s.db.SetState(s.owner, Slot(w), v.Bytes32())
	return nil
}
