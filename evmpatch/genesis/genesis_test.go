package genesis_test

import (
	"encoding/json"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
)

func TestChains(t *testing.T) {
	gov := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	for _, id := range []uint64{genesis.ParsChainID, genesis.LuxChainID, genesis.HanzoChainID, genesis.ZooChainID} {
		g, err := genesis.New(genesis.Options{ChainID: id, ActivationTime: 1234, Governance: gov,
			Alloc: types.GenesisAlloc{genesis.DevAddress: {Balance: common.Big1}}})
		if err != nil {
			t.Fatal(err)
		}
		blob, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		var back core.Genesis
		if err := json.Unmarshal(blob, &back); err != nil {
			t.Fatal(err)
		}
		c := back.Config
		if c.ChainID.Uint64() != id || c.ParsAIMiningTime == nil || *c.ParsAIMiningTime != 1234 {
			t.Errorf("chain %d: config %v", id, c)
		}
		if c.TerminalTotalDifficulty.Sign() != 0 || back.Difficulty.Sign() != 0 || c.OsakaTime == nil || *c.OsakaTime != 0 {
			t.Errorf("chain %d: not a post-merge genesis through Osaka", id)
		}
		acc := back.Alloc[precompile.Address]
		if acc.Nonce != 1 || len(acc.Code) != 1 || len(acc.Storage) == 0 {
			t.Errorf("chain %d: 0x0300 alloc %+v", id, acc)
		}
		if back.Alloc[genesis.DevAddress].Balance.Cmp(common.Big1) != 0 {
			t.Errorf("chain %d: extra alloc lost", id)
		}
		if back.ToBlock().Hash() != g.ToBlock().Hash() {
			t.Errorf("chain %d: genesis hash changes through JSON", id)
		}
	}
}

func TestRefusals(t *testing.T) {
	gov := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	for name, o := range map[string]genesis.Options{
		"no chain id":   {Governance: gov},
		"no governance": {ChainID: 6133},
		"0x0300 taken":  {ChainID: 6133, Governance: gov, Alloc: types.GenesisAlloc{precompile.Address: {Balance: common.Big1}}},
	} {
		if _, err := genesis.New(o); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestGenesisWithParams(t *testing.T) {
	p := precompile.DefaultParams(common.HexToAddress("0xaa"))
	p.BaseReward = uint256.NewInt(5)
	g, err := genesis.New(genesis.Options{ChainID: 96369, Params: &p})
	if err != nil {
		t.Fatal(err)
	}
	acc := g.Alloc[precompile.Address]
	if got := acc.Storage[common.Hash{31: 1}]; got != (common.Hash{31: 5}) {
		t.Fatalf("baseReward slot = %x, want 5", got)
	}
	// Governance from Options overrides the file's.
	g, err = genesis.New(genesis.Options{ChainID: 96369, Params: &p, Governance: common.HexToAddress("0xbb")})
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Alloc[precompile.Address].Storage[common.Hash{}]; common.BytesToAddress(got[:20]) != common.HexToAddress("0xbb") {
		t.Fatalf("governance slot = %x", got)
	}
	// Invalid parameters are refused.
	p.TargetComputePerEpoch = uint256.NewInt(0)
	if _, err := genesis.New(genesis.Options{ChainID: 96369, Params: &p}); err == nil {
		t.Fatal("zero target accepted")
	}
}
