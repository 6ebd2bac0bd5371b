package register_test

import (
	"bytes"
	"maps"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/register"
	"github.com/pars-network/aimining/precompile"
)

// TestAccount: the installed account is the genesis entry's for the config's
// parameters; without valid parameters it is still non-empty (nonce 1 and the
// code marker), so EIP-158 cannot wipe 0x0300's storage.
func TestAccount(t *testing.T) {
	o := genesis.Options{ChainID: genesis.ParsChainID, Governance: common.HexToAddress("0xaa"), InstallAtActivation: true}
	g, err := genesis.New(o)
	if err != nil {
		t.Fatal(err)
	}
	o.InstallAtActivation = false
	want, err := genesis.Account(o)
	if err != nil {
		t.Fatal(err)
	}
	got := register.Account(g.Config)
	if got.Nonce != 1 || !bytes.Equal(got.Code, precompile.CodeMarker) || !maps.Equal(got.Storage, want.Storage) {
		t.Errorf("account %+v, want %+v", got, want)
	}
	g.Config.ParsAIMiningParams = nil
	got = register.Account(g.Config)
	if got.Nonce != 1 || !bytes.Equal(got.Code, precompile.CodeMarker) || len(got.Storage) != 0 {
		t.Errorf("account without parameters %+v, want nonce 1 and the code marker only", got)
	}
}
