package precompile_test

import (
	"runtime"
	"testing"

	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/stretchr/testify/require"
)

// aliasedSize is the calldata size of the aliasing attack: 96 KiB.
const aliasedSize = 96 * 1024

// allocBound is the most a call may allocate for input bytes of calldata:
// a small multiple of the calldata, plus a constant for the call frame.
func allocBound(input int) uint64 { return 8*uint64(input) + 256<<10 }

// allocated runs f and returns the bytes it allocated on the heap (in the
// whole process: tests that use it do not run in parallel).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestAliasedCalldataRefusedCheaply sends calldata whose bytes[] arguments
// share one array whose entries share one blob (decoded naively: entries ×
// blob bytes per argument) to every function taking bytes[], from a
// stranger: the precompile refuses it as MalformedInput before
// materialising anything, allocating at most a small multiple of the
// calldata.
func TestAliasedCalldataRefusedCheaply(t *testing.T) {
	for _, name := range []string{"submitWorkProofs", "setTeleportSigners", "relayTeleport"} {
		t.Run(name, func(t *testing.T) {
			input, err := precompiletest.AliasedCalldata(iaimining.Methods[name], aliasedSize)
			require.NoError(t, err)
			c := newChain(t)
			before := root(c)
			var r precompiletest.Result
			n := allocated(func() { r = c.Call(precompiletest.Frame{Caller: stranger}, input) })
			requireRevert(t, r, "MalformedInput")
			require.Equal(t, before, root(c))
			t.Logf("%d bytes of calldata: %d bytes allocated, %d gas", len(input), n, r.GasUsed)
			require.LessOrEqual(t, n, allocBound(len(input)), "allocated %d bytes for %d bytes of calldata", n, len(input))
		})
	}
}
