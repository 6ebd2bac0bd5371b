package l1

import (
	"encoding/json"
	"testing"

	"github.com/ava-labs/avalanchego/graft/subnet-evm/core"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/params"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/plugin/evm/customtypes"
	"github.com/ava-labs/avalanchego/snow/consensus/snowball"
	"github.com/ava-labs/libevm/crypto"
	"github.com/pars-network/aimining/luxevm/aimining"
	"github.com/pars-network/aimining/precompile"
)

func TestMain(m *testing.M) {
	core.RegisterExtras()
	customtypes.Register()
	params.RegisterExtras()
	m.Run()
}

// The genesis pars-l1 writes is one subnet-evm reads: chain 6133, 0x0300
// active from genesis with the dev parameters, the dev accounts funded.
func TestGenesisDecodesInSubnetEVM(t *testing.T) {
	b, err := Genesis(DevGenesis(ParsChainID, 1_800_000_000, 2))
	if err != nil {
		t.Fatal(err)
	}
	var g core.Genesis
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("subnet-evm refuses the genesis: %v", err)
	}
	if g.Config.ChainID.Uint64() != ParsChainID || g.GasLimit != GasLimit || g.Timestamp != 1_800_000_000 {
		t.Fatalf("chain %v gas limit %d time %d", g.Config.ChainID, g.GasLimit, g.Timestamp)
	}
	extra := params.GetExtra(g.Config)
	cfg, ok := extra.GenesisPrecompiles[aimining.ConfigKey].(*aimining.Config)
	if !ok {
		t.Fatalf("genesis precompiles %v lack %s", extra.GenesisPrecompiles, aimining.ConfigKey)
	}
	if ts := cfg.Timestamp(); ts == nil || *ts != 0 {
		t.Fatalf("activation %v, want genesis (0)", ts)
	}
	p, err := cfg.InitialParams()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(DevParams())
	got, _ := json.Marshal(p)
	if string(got) != string(want) {
		t.Fatalf("initial parameters\n%s\nwant\n%s", got, want)
	}
	if err := extra.FeeConfig.Verify(); err != nil {
		t.Fatalf("subnet-evm refuses the fee config: %v", err)
	}
	for _, a := range []string{DevAddress.Hex(), crypto.PubkeyToAddress(DevKey(0).PublicKey).Hex(), crypto.PubkeyToAddress(DevKey(1).PublicKey).Hex()} {
		found := false
		for addr, acc := range g.Alloc {
			found = found || (addr.Hex() == a && acc.Balance.Cmp(Ether(1_000_000)) == 0)
		}
		if !found {
			t.Errorf("%s is not funded with a million coins", a)
		}
	}
	if _, ok := g.Alloc[precompile.Address]; ok {
		t.Error("0x0300 is in the alloc; its config installs it")
	}
}

func TestSnowParametersAreValid(t *testing.T) {
	b, err := json.Marshal(SnowParameters())
	if err != nil {
		t.Fatal(err)
	}
	var p snowball.Parameters
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if err := p.Verify(); err != nil {
		t.Fatal(err)
	}
	if 2*p.AlphaConfidence <= p.K || p.AlphaConfidence > p.K*2/3 {
		t.Fatalf("alpha %d of k %d: want a majority that two of three validators reach", p.AlphaConfidence, p.K)
	}
}
