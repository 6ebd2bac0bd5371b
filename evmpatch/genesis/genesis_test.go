package genesis_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
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

// TestInstallAtActivation: the genesis has no 0x0300 entry, its chain config
// carries the initial parameters, and they survive the genesis JSON (as
// `geth init` stores the config) and give exactly the genesis entry's account.
func TestInstallAtActivation(t *testing.T) {
	p := precompile.DefaultParams(common.HexToAddress("0xaa"))
	p.BaseReward = uint256.NewInt(7)
	o := genesis.Options{ChainID: genesis.ParsChainID, ActivationTime: 99, Params: &p, InstallAtActivation: true}
	g, err := genesis.New(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Alloc[precompile.Address]; ok {
		t.Fatal("0x0300 in the alloc")
	}
	blob, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	var back core.Genesis
	if err := json.Unmarshal(blob, &back); err != nil {
		t.Fatal(err)
	}
	if back.ToBlock().Hash() != g.ToBlock().Hash() {
		t.Error("genesis hash changes through JSON")
	}
	got, err := genesis.ConfigAccount(back.Config)
	if err != nil {
		t.Fatal(err)
	}
	o.InstallAtActivation = false
	want, err := genesis.Account(o)
	if err != nil {
		t.Fatal(err)
	}
	if got.Nonce != 1 || !bytes.Equal(got.Code, precompile.CodeMarker) || !maps.Equal(got.Storage, want.Storage) {
		t.Errorf("account from the config %+v, want %+v", got, want)
	}
	// The same parameters as an upgrade of an existing chain's config.
	u, err := genesis.NewUpgrade(genesis.Options{ActivationTime: 99, Params: &p})
	if err != nil {
		t.Fatal(err)
	}
	if u.ParsAIMiningTime != 99 || !bytes.Equal(u.ParsAIMiningParams, back.Config.ParsAIMiningParams) {
		t.Errorf("upgrade %s, want the genesis config's %s", u.ParsAIMiningParams, back.Config.ParsAIMiningParams)
	}
	// Invalid parameters are refused here too.
	p.MaxBatchSize = 0
	if _, err := genesis.New(genesis.Options{ChainID: genesis.ParsChainID, Params: &p, InstallAtActivation: true}); err == nil {
		t.Error("invalid parameters accepted")
	}
}

func TestConfigAccountRefusals(t *testing.T) {
	good, err := json.Marshal(precompile.DefaultParams(common.HexToAddress("0xaa")))
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range map[string]string{
		"missing":         "",
		"null":            "null",
		"unknown field":   strings.Replace(string(good), `{`, `{"extra":1,`, 1),
		"zero governance": strings.Replace(string(good), `"0x00000000000000000000000000000000000000aa"`, `"0x0000000000000000000000000000000000000000"`, 1),
		"not an object":   `[1]`,
	} {
		c := &params.ChainConfig{ParsAIMiningParams: json.RawMessage(raw)}
		if _, err := genesis.ConfigAccount(c); err == nil {
			t.Errorf("%s: accepted %s", name, raw)
		}
	}
	if _, err := genesis.ConfigAccount(&params.ChainConfig{ParsAIMiningParams: good}); err != nil {
		t.Errorf("valid parameters refused: %v", err)
	}
}

// TestLastFork: a genesis ending with Prague (for a consensus layer at
// Electra) schedules no Osaka or Bogota, in the config and in its JSON; one
// ending with Osaka has no Bogota; the default keeps both; anything else is
// refused.
func TestLastFork(t *testing.T) {
	gov := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	for _, tc := range []struct {
		last          string
		osaka, bogota bool
	}{
		{"", true, true},
		{genesis.ForkBogota, true, true},
		{genesis.ForkOsaka, true, false},
		{genesis.ForkPrague, false, false},
	} {
		g, err := genesis.New(genesis.Options{ChainID: genesis.ParsChainID, Governance: gov, Timestamp: 1_700_000_000, LastFork: tc.last})
		if err != nil {
			t.Fatalf("%q: %v", tc.last, err)
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
		if !c.IsPrague(common.Big0, 0) || !c.IsCancun(common.Big0, 0) || !c.IsShanghai(common.Big0, 0) {
			t.Errorf("%q: Shanghai, Cancun and Prague must be active at genesis", tc.last)
		}
		if c.IsOsaka(common.Big0, g.Timestamp) != tc.osaka || (c.OsakaTime != nil) != tc.osaka {
			t.Errorf("%q: Osaka scheduled = %v, want %v", tc.last, c.OsakaTime != nil, tc.osaka)
		}
		if (c.BogotaTime != nil) != tc.bogota || bytes.Contains(blob, []byte("bogotaTime")) != tc.bogota {
			t.Errorf("%q: Bogota scheduled = %v, want %v", tc.last, c.BogotaTime != nil, tc.bogota)
		}
		if bytes.Contains(blob, []byte("osakaTime")) != tc.osaka {
			t.Errorf("%q: osakaTime in JSON = %v, want %v", tc.last, !tc.osaka, tc.osaka)
		}
		if c.ParsAIMiningTime == nil || back.Alloc[precompile.Address].Nonce != 1 {
			t.Errorf("%q: 0x0300 not scheduled", tc.last)
		}
	}
	if _, err := genesis.New(genesis.Options{ChainID: genesis.ParsChainID, Governance: gov, LastFork: "fulu"}); err == nil ||
		!strings.Contains(err.Error(), "unknown last fork") {
		t.Errorf("last fork fulu: err = %v, want a refusal", err)
	}
}
