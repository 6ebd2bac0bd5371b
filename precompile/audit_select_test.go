package precompile_test

import (
	"errors"
	"testing"

	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// errFrameOutOfGas fails the frame when UseGas refuses, as the precompile's
// own out-of-gas error does.
var errFrameOutOfGas = errors.New("out of gas")

// auditSeedAt reads AuditSeed(submit, delay) in a call frame at block
// current, charging AuditSeedGas first as a caller must.
func auditSeedAt(t *testing.T, c *precompiletest.Chain, current, submit, delay uint64) (proof.Hash, precompiletest.Result, error) {
	t.Helper()
	c.SetBlock(current, t0+current)
	var (
		seed proof.Hash
		err  error
	)
	r := c.Run(precompiletest.Frame{}, func(env precompile.Env) ([]byte, error) {
		if !env.UseGas(precompile.AuditSeedGas(delay)) {
			t.Fatal("out of gas")
		}
		seed, err = precompile.AuditSeed(env, submit, delay)
		return seed[:], nil
	})
	return seed, r, err
}

func TestAuditSeedWindow(t *testing.T) {
	const submit = 1000
	for _, tc := range []struct {
		name    string
		current uint64
		delay   uint64
		want    error
	}{
		{"first block it is ready", submit + 8 + 1, 8, nil},
		{"last block of the window", submit + precompile.BlockHashWindow + 1, 8, nil},
		{"max delay", submit + precompile.MaxAuditDelay + 1, precompile.MaxAuditDelay, nil},
		{"delay 1", submit + 2, 1, nil},
		{"last hash not mined", submit + 8, 8, precompile.ErrAuditSeedNotReady},
		{"submission block", submit, 8, precompile.ErrAuditSeedNotReady},
		{"before submission", submit - 1, 8, precompile.ErrAuditSeedNotReady},
		{"first hash left the window", submit + precompile.BlockHashWindow + 2, 8, precompile.ErrAuditSeedExpired},
		{"far later", submit + 1_000_000, 8, precompile.ErrAuditSeedExpired},
		{"zero delay", submit + 10, 0, precompile.ErrAuditDelay},
		{"delay over max", submit + 200, precompile.MaxAuditDelay + 1, precompile.ErrAuditDelay},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			seed, r, err := auditSeedAt(t, c, tc.current, submit, tc.delay)
			require.NoError(t, r.Err)
			require.Equal(t, precompile.AuditSeedGas(tc.delay), r.GasUsed)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			// The seed is proof.AuditSeed over the chain's real block hashes.
			hashes := make([]proof.Hash, tc.delay)
			for i := range hashes {
				h := c.Header(submit + 1 + uint64(i))
				require.NotNil(t, h)
				hashes[i] = proof.Hash(h.Hash())
			}
			want, err := proof.AuditSeed(chainPars, submit, hashes)
			require.NoError(t, err)
			require.Equal(t, want, seed)
		})
	}
}

func TestAuditSeedStableAcrossItsWindow(t *testing.T) {
	const submit, delay = 50, 4
	c := newChain(t)
	first, _, err := auditSeedAt(t, c, submit+delay+1, submit, delay)
	require.NoError(t, err)
	for _, current := range []uint64{submit + delay + 2, submit + 100, submit + precompile.BlockHashWindow + 1} {
		seed, _, err := auditSeedAt(t, c, current, submit, delay)
		require.NoError(t, err)
		require.Equal(t, first, seed, "at block %d", current)
	}
	// Another submission block has another seed.
	other, _, err := auditSeedAt(t, c, submit+delay+2, submit+1, delay)
	require.NoError(t, err)
	require.NotEqual(t, first, other)
}

func TestAuditSeedDependsOnLaterBlocks(t *testing.T) {
	const submit, delay = 20, 3
	c := newChain(t)
	c.SetBlock(submit, t0+submit)
	before, _, err := auditSeedAt(t, c, submit+delay+1, submit, delay)
	require.NoError(t, err)
	// Another block submit+delay (a reorganisation after submission) gives
	// another seed for the same submission block.
	c.SetBlock(submit+delay, t0+submit+delay+7)
	after, _, err := auditSeedAt(t, c, submit+delay+1, submit, delay)
	require.NoError(t, err)
	require.NotEqual(t, before, after)
}

func TestAuditGasBounds(t *testing.T) {
	require.Equal(t, precompile.AuditSeedGas(precompile.MaxAuditDelay), precompile.AuditSeedGas(1<<40))
	require.Less(t, precompile.AuditSeedGas(1), precompile.AuditSeedGas(2))
	require.Equal(t, precompile.CommitteeGas(proof.MaxCommitteeVerifiers), precompile.CommitteeGas(-1))
	require.Equal(t, precompile.CommitteeGas(proof.MaxCommitteeVerifiers), precompile.CommitteeGas(proof.MaxCommitteeVerifiers+1))
	require.Less(t, precompile.CommitteeGas(1), precompile.CommitteeGas(2))
	require.Less(t, precompile.MaxAuditDelay, precompile.BlockHashWindow)
}
