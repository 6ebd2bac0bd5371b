package precompile_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// verifierAddr is test verifier i.
func verifierAddr(i int) common.Address {
	return common.BigToAddress(big.NewInt(int64(0xf000 + i)))
}

// addVerifiers admits and stakes n verifiers (minimum stake each).
func addVerifiers(t testing.TB, c *precompiletest.Chain, from, n int) []common.Address {
	t.Helper()
	out := make([]common.Address, n)
	for i := range out {
		v := verifierAddr(from + i)
		require.NoError(t, govCall(t, c, "setVerifierAdmitted", v, true).Err)
		c.Fund(v, precompile.DefaultMinVerifierStake)
		r := c.Call(precompiletest.Frame{Caller: v, Value: precompile.DefaultMinVerifierStake}, pack(t, "registerVerifier"))
		require.NoError(t, r.Err, "%v", r.Revert)
		out[i] = v
	}
	return out
}

// committeeJob is work on the test model (a committee model, 4 bytes per
// token) with a real input and output.
func committeeJob(t testing.TB, sk *proof.PrivateKey, tag string) *job {
	in := []byte("prompt " + tag)
	out := []byte("claimed completion of " + tag)
	j := &job{input: in, output: out}
	j.p = makeProof(t, sk, chainPars, 0, func(p *proof.AIWorkProof) {
		p.Context.InputHash = proof.HashInput(in)
		p.Context.Nonce = proof.DomainInput.Sum([]byte("committee " + tag))
		p.OutputHash = proof.HashOutput(out)
		p.InputTokens, p.OutputTokens = uint32((len(in)+3)/4), uint32((len(out)+3)/4)
	})
	return j
}

func committeeOf(t testing.TB, c *precompiletest.Chain, id [32]byte) ([]common.Address, []uint8, []uint8) {
	v := view(t, c, "committeeOf", id)
	return v[0].([]common.Address), v[1].([]uint8), v[2].([]uint8)
}

func salt(v common.Address) proof.Hash { return proof.DomainOutput.Sum(v[:], []byte("salt")) }

func commitVote(t testing.TB, c *precompiletest.Chain, id [32]byte, v common.Address, verdict uint8) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: v}, pack(t, "commitVote", id, [32]byte(proof.VoteCommitment(proof.Hash(id), v, verdict, salt(v)))))
}

func revealVote(t testing.TB, c *precompiletest.Chain, id [32]byte, v common.Address, verdict uint8) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: v}, pack(t, "revealVote", id, verdict, [32]byte(salt(v))))
}

func stakeOf(t testing.TB, c *precompiletest.Chain, v common.Address) *big.Int {
	return view(t, c, "verifierInfo", v)[2].(*big.Int)
}

// TestCommitteeVotes plays a committee audit of a committee model's work:
// a committee drawn from the verifiers staked before the audit's anchor,
// commit-then-reveal votes, the majority deciding, a drawn member that does
// not vote losing part of its stake.
func TestCommitteeVotes(t *testing.T) {
	const fraud, valid = proof.VerdictFraud, proof.VerdictValid
	cases := []struct {
		name    string
		votes   []uint8 // per member, 0: no vote
		outcome uint8
	}{
		{"majority fraud", []uint8{fraud, fraud, fraud, valid, 0}, 3},
		{"majority valid", []uint8{valid, valid, fraud, 0, 0}, 2},
		{"tie", []uint8{valid, fraud, 0, 0, 0}, 5},
		{"nobody votes", []uint8{0, 0, 0, 0, 0}, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			setSampling(t, c, 10000)
			addVerifiers(t, c, 0, 6)
			sk := key(t, proof.MLDSA44, 50)
			j := committeeJob(t, sk, tc.name)
			require.NoError(t, submit(c, t, j.p, nil).Err)
			late := addVerifiers(t, c, 100, 1)[0] // joined at the anchor block: eligible
			c.SetBlock(2, t0)
			later := addVerifiers(t, c, 200, 1)[0] // joined after it: never drawn
			bondBefore := bondOf(t, c, sk.Public().ID())

			// The seed's blocks are needed: not before anchor + auditDelay.
			c.SetBlock(1+precompile.DefaultAuditDelay, t0)
			requireRevert(t, revealJob(t, c, j), "NotUnderAudit")
			c.SetBlock(2+precompile.DefaultAuditDelay, t0)
			r := revealJob(t, c, j)
			require.Equal(t, uint8(6), auditOutcome(t, "reveal", r), "%v", r.Revert)
			require.True(t, hasLog(r, "CommitteeDrawn"))
			members, states, _ := committeeOf(t, c, j.id())
			require.Len(t, members, precompile.DefaultCommitteeSize)
			require.NotContains(t, members, later)
			_ = late
			require.Equal(t, make([]uint8, 5), states)
			require.Equal(t, uint8(5), workStatus(t, c, j.id()))
			requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "finalizeWork", [][32]byte{j.id()})), "WorkUnderAudit")

			// Commit.
			requireRevert(t, commitVote(t, c, j.id(), later, fraud), "NotCommitteeMember")
			for i, v := range members {
				if tc.votes[i] != 0 {
					require.NoError(t, commitVote(t, c, j.id(), v, tc.votes[i]).Err)
				}
			}
			if tc.votes[0] != 0 {
				requireRevert(t, commitVote(t, c, j.id(), members[0], fraud), "VoteAlreadyCommitted")
				requireRevert(t, revealVote(t, c, j.id(), members[0], tc.votes[0]), "VoteRevealNotOpen")
			}
			requireRevert(t, settleAudit(t, c, j.id()), "VotingOpen")
			now := c.EVM.Context.BlockNumber.Uint64()
			c.SetBlock(now+precompile.DefaultVoteCommitWindow+1, t0)
			if tc.votes[4] == 0 {
				requireRevert(t, commitVote(t, c, j.id(), members[4], fraud), "VoteCommitClosed")
				requireRevert(t, revealVote(t, c, j.id(), members[4], fraud), "VoteNotCommitted")
			}
			// Reveal: the committed verdict only.
			for i, v := range members {
				if tc.votes[i] == 0 {
					continue
				}
				requireRevert(t, revealVote(t, c, j.id(), v, 3-tc.votes[i]), "VoteMismatch")
				require.NoError(t, revealVote(t, c, j.id(), v, tc.votes[i]).Err)
			}
			c.SetBlock(now+precompile.DefaultVoteCommitWindow+precompile.DefaultVoteRevealWindow+1, t0)
			stakes := make([]*big.Int, len(members))
			for i, v := range members {
				stakes[i] = stakeOf(t, c, v)
			}
			r = settleAudit(t, c, j.id())
			require.Equal(t, tc.outcome, auditOutcome(t, "settleAudit", r))
			penalty := new(big.Int).Div(new(big.Int).Mul(precompile.DefaultMinVerifierStake.ToBig(), big.NewInt(precompile.DefaultMissedVotePenaltyBps)), big.NewInt(10000))
			missed := new(big.Int)
			for i, v := range members {
				want := stakes[i]
				if tc.votes[i] == 0 {
					want = new(big.Int).Sub(stakes[i], penalty)
					missed.Add(missed, penalty)
					// Below the minimum: it left the set.
					require.Equal(t, false, view(t, c, "verifierInfo", v)[1])
				}
				require.Equal(t, want, stakeOf(t, c, v), "member %d", i)
				require.Equal(t, uint32(0), view(t, c, "verifierInfo", v)[5], "no open committee")
			}
			burned, _ := auditTotals(t, c)
			switch tc.outcome {
			case 3:
				require.Zero(t, bondOf(t, c, sk.Public().ID()).Sign())
				require.Equal(t, new(big.Int).Add(missed, bondBefore), burned)
			default:
				require.Equal(t, bondBefore, bondOf(t, c, sk.Public().ID()))
				require.Equal(t, missed, burned)
				require.Equal(t, uint8(6), workStatus(t, c, j.id()))
				settle(t, c, j.p)
			}
		})
	}
}

// TestCommitteeWithoutVerifiers: no verifier to draw is inconclusive: the
// work is cleared and a challenger's bond returned.
func TestCommitteeWithoutVerifiers(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA44, 51)
	j := committeeJob(t, sk, "alone")
	require.NoError(t, submit(c, t, j.p, nil).Err)
	watcher := common.HexToAddress("0xe3")
	require.NoError(t, challengeWork(t, c, watcher, j.id(), precompile.DefaultChallengeBond).Err)
	requireRevert(t, revealJob(t, c, j), "RevealTooEarly")
	c.SetBlock(2+precompile.DefaultAuditDelay, t0)
	require.Equal(t, uint8(5), auditOutcome(t, "reveal", revealJob(t, c, j)))
	require.Equal(t, precompile.DefaultChallengeBond, c.State.GetBalance(watcher))
	settle(t, c, j.p)
}

// TestVerifierLifecycle: admission, stake, the set, exit and withdrawal.
func TestVerifierLifecycle(t *testing.T) {
	c := newChain(t)
	v := verifierAddr(1)
	c.Fund(v, new(uint256.Int).Mul(precompile.DefaultMinVerifierStake, uint256.NewInt(2)))
	stake := func(amount *uint256.Int) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: v, Value: amount}, pack(t, "registerVerifier"))
	}
	half := new(uint256.Int).Div(precompile.DefaultMinVerifierStake, uint256.NewInt(2))
	requireRevert(t, stake(half), "NotAdmittedVerifier")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setVerifierAdmitted", v, true)), "NotGovernance")
	require.NoError(t, govCall(t, c, "setVerifierAdmitted", v, true).Err)
	requireRevert(t, stake(new(uint256.Int)), "MalformedInput")
	require.NoError(t, stake(half).Err)
	require.Equal(t, []any{true, false, half.ToBig(), uint64(0), uint64(0), uint32(0)}, view(t, c, "verifierInfo", v))
	require.Empty(t, view(t, c, "verifierSet")[0])
	c.SetBlock(3, t0)
	require.NoError(t, stake(half).Err)
	require.Equal(t, []any{true, true, precompile.DefaultMinVerifierStake.ToBig(), uint64(3), uint64(0), uint32(0)}, view(t, c, "verifierInfo", v))
	require.Equal(t, []common.Address{v}, view(t, c, "verifierSet")[0])

	others := addVerifiers(t, c, 10, 3)
	requireRevert(t, c.Call(precompiletest.Frame{Caller: v}, pack(t, "withdrawVerifierStake")), "VerifierStakeLocked")
	r := c.Call(precompiletest.Frame{Caller: v}, pack(t, "requestVerifierExit"))
	require.NoError(t, r.Err)
	ready := unpack(t, "requestVerifierExit", r.Ret)[0].(uint64)
	require.Equal(t, uint64(3+precompile.DefaultUnbondingDelay), ready)
	set := view(t, c, "verifierSet")[0].([]common.Address)
	require.ElementsMatch(t, others, set, "the last entry moved into the leaver's place")
	for i, o := range set {
		require.Equal(t, o, view(t, c, "verifierSet")[0].([]common.Address)[i])
	}
	requireRevert(t, c.Call(precompiletest.Frame{Caller: v}, pack(t, "withdrawVerifierStake")), "VerifierStakeLocked")
	c.SetBlock(ready, t0)
	r = c.Call(precompiletest.Frame{Caller: v}, pack(t, "withdrawVerifierStake"))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, new(uint256.Int).Mul(precompile.DefaultMinVerifierStake, uint256.NewInt(2)), c.State.GetBalance(v))
	requireRevert(t, c.Call(precompiletest.Frame{Caller: v}, pack(t, "withdrawVerifierStake")), "NotVerifier")

	// Governance withdrawing an admission removes an active verifier.
	require.NoError(t, govCall(t, c, "setVerifierAdmitted", others[1], false).Err)
	require.ElementsMatch(t, []common.Address{others[0], others[2]}, view(t, c, "verifierSet")[0])
	// The set is bounded.
	c2 := newChain(t)
	addVerifiers(t, c2, 0, precompile.MaxVerifiers)
	extra := verifierAddr(1000)
	require.NoError(t, govCall(t, c2, "setVerifierAdmitted", extra, true).Err)
	c2.Fund(extra, precompile.DefaultMinVerifierStake)
	requireRevert(t, c2.Call(precompiletest.Frame{Caller: extra, Value: precompile.DefaultMinVerifierStake}, pack(t, "registerVerifier")), "VerifierSetFull")
	_ = fmt.Sprint
}

// TestVerifierOnCommitteeCannotLeave: a drawn verifier's stake stays until
// the committee it sits on is settled, even after its exit delay.
func TestVerifierOnCommitteeCannotLeave(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 10000)
	vs := addVerifiers(t, c, 0, 1)
	sk := key(t, proof.MLDSA44, 52)
	j := committeeJob(t, sk, "duty")
	require.NoError(t, submit(c, t, j.p, nil).Err)
	c.SetBlock(2+precompile.DefaultAuditDelay, t0)
	require.Equal(t, uint8(6), auditOutcome(t, "reveal", revealJob(t, c, j)))
	r := c.Call(precompiletest.Frame{Caller: vs[0]}, pack(t, "requestVerifierExit"))
	require.NoError(t, r.Err)
	ready := unpack(t, "requestVerifierExit", r.Ret)[0].(uint64)
	c.SetBlock(ready, t0)
	r = c.Call(precompiletest.Frame{Caller: vs[0]}, pack(t, "withdrawVerifierStake"))
	requireRevert(t, r, "VerifierStakeLocked")
	require.Equal(t, uint32(1), r.Revert.Args[2])
	require.Equal(t, uint8(5), auditOutcome(t, "settleAudit", settleAudit(t, c, j.id())))
	require.NoError(t, c.Call(precompiletest.Frame{Caller: vs[0]}, pack(t, "withdrawVerifierStake")).Err)
}
