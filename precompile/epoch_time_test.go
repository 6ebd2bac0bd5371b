package precompile_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pars-network/aimining/proof"
)

// An eth_call or eth_estimateGas may run on the state after block N with a
// block override whose time is older than block N's (a client that read the
// head, then estimated on "latest" after a newer block landed). The epoch
// state then starts after the call's block time. The refusal must say so in
// its own fixed words, not as "epoch parameters out of range", so that a
// client can tell a stale override from bad governance parameters.
func TestBlockTimeBeforeEpochStart(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA65, 1)
	first := makeProof(t, sk, chainPars, 1, nil)
	r := submit(c, t, first, nil)
	require.NoError(t, r.Err, "first proof: %v", r.Revert)

	// The next call runs in a block whose time lies before the epoch start
	// that the first proof wrote (t0).
	n := c.EVM.Context.BlockNumber.Uint64()
	c.SetBlock(n+1, t0-1)
	second := makeProof(t, sk, chainPars, 2, func(p *proof.AIWorkProof) { p.Context.Timestamp = t0 - 20 })
	before := root(c)
	r = submit(c, t, second, nil)
	requireRevert(t, r, "InvalidParameter")
	require.Equal(t, []any{"block time is before the current epoch's start"}, r.Revert.Args)
	require.Equal(t, before, root(c), "a refused proof leaves state as it was")

	// At or after the epoch start the same proof is accepted.
	c.SetBlock(n+2, t0)
	r = submit(c, t, second, nil)
	require.NoError(t, r.Err, "second proof at the epoch start: %v", r.Revert)
}
