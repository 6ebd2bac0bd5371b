package precompile

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/reward"
)

// CodeMarker is the one-byte code placed at Address. It keeps the account
// non-empty (EIP-158 would otherwise wipe its storage after every
// transaction) and lets Solidity's extcodesize check pass. It is the
// INVALID opcode, so a node where the precompile is not active fails calls
// to 0x0300 loudly instead of pretending they succeeded.
var CodeMarker = []byte{0xfe}

// GenesisAccount returns the alloc entry that enables the precompile on a
// chain: nonce 1, CodeMarker, and p (validated) in storage, with the epoch
// state at "not started", a difficulty adjustment of 1.0, p.Models in the
// model registry and p.Bonds bonded (the account's balance is their sum).
func GenesisAccount(p Params) (types.Account, error) {
	if err := p.Validate(); err != nil {
		return types.Account{}, fmt.Errorf("precompile genesis: %w", err)
	}
	storage := paramSlots(&p)
	storage[numSlot(slotAdjustment)] = reward.One().Bytes32()
	for i := range p.Models {
		storage[ModelSlot(p.Models[i].Hash)] = modelSlotValue(&p.Models[i])
	}
	held := new(big.Int)
	for _, b := range p.Bonds {
		var h common.Hash
		copy(h[0:20], b.Bonder[:])
		storage[BondSlot(b.MinerID, 0)] = h
		storage[BondSlot(b.MinerID, 1)] = b.Amount.Bytes32()
		held.Add(held, b.Amount.ToBig())
	}
	return types.Account{
		Nonce:   1,
		Code:    append([]byte(nil), CodeMarker...),
		Balance: held,
		Storage: storage,
	}, nil
}

// GenesisAlloc returns a one-entry genesis alloc for Address.
func GenesisAlloc(p Params) (types.GenesisAlloc, error) {
	acc, err := GenesisAccount(p)
	if err != nil {
		return nil, err
	}
	return types.GenesisAlloc{Address: acc}, nil
}
