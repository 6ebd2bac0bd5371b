package audit_test

import (
	"context"
	"testing"

	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func TestParamsValidate(t *testing.T) {
	require.NoError(t, audit.DefaultParams.Validate())
	for _, p := range []audit.Params{
		{Delay: 0, ProbabilityBps: 500},
		{Delay: precompile.MaxAuditDelay + 1, ProbabilityBps: 500},
		{Delay: 8, ProbabilityBps: proof.BasisPoints + 1},
	} {
		require.Error(t, p.Validate(), "%+v", p)
	}
	require.NoError(t, audit.Params{Delay: precompile.MaxAuditDelay, ProbabilityBps: proof.BasisPoints}.Validate())
}

func TestWatcherDrawsAcceptedWork(t *testing.T) {
	ctx := context.Background()
	c := newChain(t)
	const delay, confirmations = 3, 2
	w, err := audit.NewWatcher(ctx, c.client, audit.Params{Delay: delay, ProbabilityBps: 5000, Confirmations: confirmations}, 1)
	require.NoError(t, err)
	require.Equal(t, uint64(testChainID), w.ChainID())

	work1, b1 := c.mine(t, "What is the capital of France?")
	work2, b2 := c.mine(t, "Why is the sky blue?")
	require.Greater(t, b2, b1)

	// Until block b1+delay+confirmations exists, b1's seed is not settled.
	for c.head() < b1+delay+confirmations-1 {
		c.mineEmpty(1)
	}
	got, err := w.Poll(ctx)
	require.NoError(t, err)
	require.Empty(t, got)
	require.LessOrEqual(t, w.Next(), b1, "the cursor did not pass the unsettled block")

	c.mineEmpty(1) // b1 settles; b2 = b1+1 not yet
	got, err = w.Poll(ctx)
	require.NoError(t, err)
	require.Len(t, got, 1)
	s := got[0]
	require.Equal(t, work1.WorkID, s.WorkID)
	require.Equal(t, b1, s.Block)
	require.Equal(t, testBeneficiary, s.Beneficiary)
	require.Equal(t, c.key.Public().ID(), s.MinerID)
	require.Equal(t, c.seedOf(t, b1, delay), s.Seed, "the seed is over the hashes of blocks b+1 .. b+delay")
	require.Equal(t, proof.AuditDraw(s.Seed, s.WorkID), s.Draw)
	require.Equal(t, s.Draw < 5000, s.Selected)

	c.mineEmpty(1)
	got, err = w.Poll(ctx)
	require.NoError(t, err)
	require.Len(t, got, 1)
	require.Equal(t, work2.WorkID, got[0].WorkID)
	require.Equal(t, c.seedOf(t, b2, delay), got[0].Seed)
	require.NotEqual(t, s.Seed, got[0].Seed, "each submission block has its own seed")

	// Nothing is reported twice.
	c.mineEmpty(3)
	got, err = w.Poll(ctx)
	require.NoError(t, err)
	require.Empty(t, got)

	// A watcher started again from the beginning sees both, in order, and
	// probability 0 and 100% select nothing and everything.
	for _, tc := range []struct {
		p    uint16
		want bool
	}{{0, false}, {proof.BasisPoints, true}} {
		again, err := audit.NewWatcher(ctx, c.client, audit.Params{Delay: delay, ProbabilityBps: tc.p, Confirmations: confirmations, MaxBlocks: 2}, 0)
		require.NoError(t, err)
		var all []audit.Sampled
		for range 20 {
			got, err := again.Poll(ctx)
			require.NoError(t, err)
			all = append(all, got...)
		}
		require.Len(t, all, 2, "MaxBlocks 2 pages through the chain")
		require.Equal(t, work1.WorkID, all[0].WorkID)
		require.Equal(t, work2.WorkID, all[1].WorkID)
		for _, s := range all {
			require.Equal(t, tc.want, s.Selected)
		}
	}
}

func TestWatcherRefusesBadParams(t *testing.T) {
	c := newChain(t)
	_, err := audit.NewWatcher(context.Background(), c.client, audit.Params{Delay: 0}, 0)
	require.Error(t, err)
}
