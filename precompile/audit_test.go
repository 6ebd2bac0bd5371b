package precompile_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// setSampling sets the audit probability (other audit parameters at their
// defaults).
func setSampling(t testing.TB, c *precompiletest.Chain, pBps uint16) {
	t.Helper()
	r := govCall(t, c, "setAuditParameters", uint64(precompile.DefaultAuditDelay), pBps, uint64(precompile.DefaultRevealWindow),
		precompile.DefaultChallengeBond.ToBig(), uint16(precompile.DefaultChallengerRewardBps))
	require.NoError(t, r.Err, "%v", r.Revert)
}

// offChainSelected is the watcher's computation of the draw: the seed from
// the headers of the blocks after the submission block.
func offChainSelected(t testing.TB, c *precompiletest.Chain, workID proof.Hash, submitted uint64, pBps uint16) bool {
	t.Helper()
	hashes := make([]proof.Hash, precompile.DefaultAuditDelay)
	for i := range hashes {
		h := c.Header(submitted + 1 + uint64(i))
		require.NotNil(t, h)
		hashes[i] = proof.Hash(h.Hash())
	}
	seed, err := proof.AuditSeed(chainPars, submitted, hashes)
	require.NoError(t, err)
	return proof.AuditSelected(seed, workID, pBps)
}

func workStatus(t testing.TB, c *precompiletest.Chain, id [32]byte) uint8 {
	t.Helper()
	return view(t, c, "pendingWork", id)[0].(uint8)
}

// distinctProofs signs n proofs of the test model with distinct nonces.
func distinctProofs(t testing.TB, sk *proof.PrivateKey, n int, tag string) []*proof.AIWorkProof {
	ps := make([]*proof.AIWorkProof, n)
	for i := range ps {
		ps[i] = makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) {
			p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint(tag, i)))
		})
	}
	return ps
}

// TestSelectedWorkIsNotPaid: the attack sampling stops. Before audits a
// fabricated proof was paid once its challenge window passed, whatever
// happened; now work the seed selects is refused by finalizeWork until an
// audit clears it, and the chain's draw is the watcher's draw.
func TestSelectedWorkIsNotPaid(t *testing.T) {
	for _, tc := range []struct {
		name string
		pBps uint16
	}{{"p=0", 0}, {"p=50%", 5000}, {"p=1", 10000}} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			setSampling(t, c, tc.pBps)
			sk := key(t, proof.MLDSA44, 30)
			ps := distinctProofs(t, sk, 16, tc.name)
			for _, p := range ps {
				require.NoError(t, submit(c, t, p, nil).Err)
			}
			c.SetBlock(1+precompile.DefaultChallengeWindow, t0)
			selected := 0
			for _, p := range ps {
				id := [32]byte(p.WorkID())
				want := offChainSelected(t, c, p.WorkID(), 1, tc.pBps)
				state := view(t, c, "auditDraw", id)[0].(uint8)
				before := root(c)
				r := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", [][32]byte{id}))
				if want {
					selected++
					require.Equal(t, uint8(2), state)
					requireRevert(t, r, "WorkUnderAudit")
					require.Equal(t, before, root(c))
					continue
				}
				require.Equal(t, uint8(1), state)
				require.NoError(t, r.Err, "%v", r.Revert)
			}
			switch tc.pBps {
			case 0:
				require.Zero(t, selected)
			case 10000:
				require.Equal(t, len(ps), selected)
			default:
				require.True(t, selected > 0 && selected < len(ps), "%d of %d selected at p = 50%%", selected, len(ps))
			}
		})
	}
}

// TestSeedComesFromLaterBlocks: the draw depends on the hashes of the
// blocks after the submission block: with other blocks there (another
// history), other work is selected; before they exist nothing is known.
func TestSeedComesFromLaterBlocks(t *testing.T) {
	sk := key(t, proof.MLDSA44, 31)
	ps := distinctProofs(t, sk, 24, "later")
	draws := func(blockTime uint64) []bool {
		c := newChain(t)
		setSampling(t, c, 5000)
		for _, p := range ps {
			require.NoError(t, submit(c, t, p, nil).Err)
		}
		// Nothing is known while the seed's blocks are missing.
		for n := uint64(1); n <= 1+precompile.DefaultAuditDelay; n++ {
			c.SetBlock(n, blockTime)
			require.Equal(t, uint8(0), view(t, c, "auditDraw", [32]byte(ps[0].WorkID()))[0], "block %d", n)
		}
		c.SetBlock(2+precompile.DefaultAuditDelay, blockTime)
		out := make([]bool, len(ps))
		for i, p := range ps {
			out[i] = view(t, c, "auditDraw", [32]byte(p.WorkID()))[0].(uint8) == 2
		}
		return out
	}
	require.NotEqual(t, draws(t0), draws(t0+1), "the same work under other later blocks draws the same")
}

// TestMarkSelected records draws inside the seed window and opens the
// audits of selected work; outside it, undrawn work is audited as if
// selected, and finalizeWork refuses it until then.
func TestMarkSelected(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 5000)
	sk := key(t, proof.MLDSA65, 32)
	ps := distinctProofs(t, sk, 12, "mark")
	ids := workIDs(ps)
	for _, p := range ps[:8] {
		require.NoError(t, submit(c, t, p, nil).Err)
	}
	mark := func(ids [][32]byte) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "markSelected", ids))
	}
	// Not ready: nothing changes.
	c.SetBlock(1+precompile.DefaultAuditDelay, t0)
	before := root(c)
	r := mark(ids[:8])
	require.NoError(t, r.Err)
	require.Zero(t, unpack(t, "markSelected", r.Ret)[0].(*big.Int).Sign())
	require.Equal(t, before, root(c))

	// In the window: the draws are recorded.
	c.SetBlock(2+precompile.DefaultAuditDelay, t0)
	r = mark(ids[:8])
	require.NoError(t, r.Err, "%v", r.Revert)
	opened := 0
	for _, p := range ps[:8] {
		id := [32]byte(p.WorkID())
		info := view(t, c, "auditInfo", id)
		if offChainSelected(t, c, p.WorkID(), 1, 5000) {
			opened++
			require.Equal(t, []any{uint8(4), uint8(1), uint64(1), uint64(1 + precompile.DefaultAuditDelay + precompile.DefaultRevealWindow)}, info[:4])
			requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "finalizeWork", [][32]byte{id})), "WorkUnderAudit")
			continue
		}
		require.Equal(t, []any{uint8(3), uint8(0)}, info[:2])
	}
	require.Equal(t, big.NewInt(int64(opened)), unpack(t, "markSelected", r.Ret)[0])
	require.Positive(t, opened)
	var events int
	for _, l := range r.Logs {
		if l.Topics[0] == iaimining.Events["AuditOpened"].ID {
			events++
			require.Equal(t, common.Hash(sk.Public().ID()), l.Topics[2])
		}
	}
	require.Equal(t, opened, events)
	// Marking again changes nothing.
	before = root(c)
	r = mark(ids[:8])
	require.NoError(t, r.Err)
	require.Equal(t, before, root(c))

	// Work left undrawn until its seed window closed.
	c.SetBlock(300, t0)
	for _, p := range ps[8:] {
		require.NoError(t, submit(c, t, p, nil).Err)
	}
	late := uint64(300 + precompile.BlockHashWindow + 2)
	c.SetBlock(late, t0)
	for _, id := range ids[8:] {
		require.Equal(t, uint8(3), view(t, c, "auditDraw", id)[0])
		r := c.Call(precompiletest.Frame{}, pack(t, "finalizeWork", [][32]byte{id}))
		requireRevert(t, r, "AuditSeedExpired")
		require.Equal(t, []any{id, uint64(300 + precompile.BlockHashWindow + 1)}, r.Revert.Args)
	}
	r = mark(ids[8:])
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, big.NewInt(4), unpack(t, "markSelected", r.Ret)[0])
	for _, id := range ids[8:] {
		require.Equal(t, []any{uint8(4), uint8(3), late, late + precompile.DefaultAuditDelay + precompile.DefaultRevealWindow}, view(t, c, "auditInfo", id)[:4])
	}
	// Unselected work drawn in time is still paid after its seed window.
	for _, p := range ps[:8] {
		if workStatus(t, c, [32]byte(p.WorkID())) == 3 {
			require.NoError(t, c.Call(precompiletest.Frame{}, pack(t, "finalizeWork", [][32]byte{[32]byte(p.WorkID())})).Err)
		}
	}
	requireRevert(t, mark(nil), "MalformedInput")
	requireRevert(t, mark(make([][32]byte, 33)), "BatchTooLarge")
}

// TestAuditParameters: the view and the setters.
func TestAuditParameters(t *testing.T) {
	c := newChain(t)
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "auditParameters"))
	require.NoError(t, r.Err)
	vals, err := iaimining.Methods["auditParameters"].Outputs.UnpackValues(r.Ret)
	require.NoError(t, err)
	require.Equal(t, []any{uint64(2), uint16(0), uint64(64), precompile.DefaultChallengeBond.ToBig(), uint16(1000),
		uint16(5), uint64(32), uint64(32), precompile.DefaultMinVerifierStake.ToBig(), uint16(1000)}, structFields(vals[0]))

	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setAuditParameters", uint64(3), uint16(100), uint64(50), big.NewInt(5), uint16(0))), "NotGovernance")
	r = govCall(t, c, "setAuditParameters", uint64(3), uint16(100), uint64(50), big.NewInt(5), uint16(0))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Len(t, r.Logs, 5)
	r = govCall(t, c, "setCommitteeParameters", uint16(3), uint64(10), uint64(11), big.NewInt(7), uint16(2000))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Len(t, r.Logs, 5)
	r = c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "auditParameters"))
	vals, _ = iaimining.Methods["auditParameters"].Outputs.UnpackValues(r.Ret)
	require.Equal(t, []any{uint64(3), uint16(100), uint64(50), big.NewInt(5), uint16(0),
		uint16(3), uint64(10), uint64(11), big.NewInt(7), uint16(2000)}, structFields(vals[0]))
	// The other parameters are untouched by them, and they by the others.
	require.NoError(t, govCall(t, c, "setBaseReward", big.NewInt(9)).Err)
	r = c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "auditParameters"))
	vals2, _ := iaimining.Methods["auditParameters"].Outputs.UnpackValues(r.Ret)
	require.Equal(t, vals, vals2)
	for _, v := range view(t, c, "auditTotals") {
		require.Zero(t, v.(*big.Int).Sign())
	}
}
