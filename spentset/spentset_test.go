package spentset_test

import (
	"math"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/spentset"
	"github.com/stretchr/testify/require"
)

func TestMarkSpent(t *testing.T) {
	db, err := state.New(types.EmptyRootHash, state.NewDatabaseForTesting())
	require.NoError(t, err)
	owner := common.HexToAddress("0x0300")
	set := spentset.New(db, owner)
	for _, block := range []uint64{0, 1, 12345, math.MaxUint64} {
		w := proof.DomainWorkID.Sum([]byte{byte(block), byte(block >> 8)})
		require.False(t, set.IsSpent(w))
		require.NoError(t, set.MarkSpent(w, block))
		at, spent := set.SpentAt(w)
		require.True(t, spent)
		require.Equal(t, block, at)
		err := set.MarkSpent(w, block+1)
		require.ErrorIs(t, err, spentset.ErrAlreadySpent)
		at, _ = set.SpentAt(w)
		require.Equal(t, block, at, "a refused MarkSpent changed the record")
		require.NotEqual(t, common.Hash{}, db.GetState(owner, spentset.Slot(w)))
	}
	// Another owner's set is separate.
	require.False(t, spentset.New(db, common.HexToAddress("0x0301")).IsSpent(proof.DomainWorkID.Sum([]byte{0, 0})))
}
