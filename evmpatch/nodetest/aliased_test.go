package nodetest

import (
	"slices"
	"testing"
	"time"

	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
)

// Shape of TestAliasedCalldataOnRealNode: calldata of aliasedSize bytes,
// aliasedRounds eth_calls of each kind, plain calldata with plainEntries
// entries per bytes[] argument, and the most the aliased median may be as
// a multiple of the plain one.
const (
	aliasedSize   = 96 * 1024
	aliasedRounds = 11
	plainEntries  = 8
	aliasedFactor = 3
	aliasedGas    = 10_000_000 // above the calldata's intrinsic gas (~1.04M), under EIP-7825's cap
)

// TestAliasedCalldataOnRealNode sends eth_call to 0x0300 on a real
// pars-geth with 96 KiB of calldata whose bytes[] arguments share one array
// whose entries share one blob (DESIGN.md §3, pitfall 10), and with 96 KiB
// of canonical calldata of the same function, alternating: the aliased call
// is refused with MalformedInput, and its median time is at most three
// times the plain call's.
func TestAliasedCalldataOnRealNode(t *testing.T) {
	n := startDev(t, "node", devGenesis(genesis.ParsChainID, 0), 0)
	h := *n.h
	h.Gas = aliasedGas
	for _, name := range []string{"submitWorkProofs", "setTeleportSigners"} {
		t.Run(name, func(t *testing.T) {
			m := precompile.ABI().Methods[name]
			aliased, err := precompiletest.AliasedCalldata(m, aliasedSize)
			if err != nil {
				t.Fatal(err)
			}
			plain, err := precompiletest.PlainCalldata(m, aliasedSize, plainEntries)
			if err != nil {
				t.Fatal(err)
			}
			if len(aliased) != len(plain) {
				t.Fatalf("aliased calldata is %d bytes, plain %d", len(aliased), len(plain))
			}
			call := func(data []byte) (time.Duration, *precompile.Revert, error) {
				start := time.Now()
				_, rev, err := h.Call(t, data, nil)
				return time.Since(start), rev, err
			}
			// One call of each first: connection set-up and caches.
			if _, rev, err := call(aliased); rev == nil || rev.Name != "MalformedInput" {
				t.Fatalf("aliased eth_call: revert %v, err %v; want MalformedInput", rev, err)
			}
			call(plain)
			var ta, tp []time.Duration
			for range aliasedRounds {
				d, rev, err := call(aliased)
				if rev == nil || rev.Name != "MalformedInput" {
					t.Fatalf("aliased eth_call: revert %v, err %v; want MalformedInput", rev, err)
				}
				ta = append(ta, d)
				d, _, _ = call(plain)
				tp = append(tp, d)
			}
			slices.Sort(ta)
			slices.Sort(tp)
			ma, mp := ta[len(ta)/2], tp[len(tp)/2]
			t.Logf("%d bytes: aliased median %v (%v), plain median %v (%v)", len(aliased), ma, ta, mp, tp)
			if ma > aliasedFactor*mp {
				t.Fatalf("aliased eth_call median %v is above %d× the plain one, %v", ma, aliasedFactor, mp)
			}
		})
	}
}
