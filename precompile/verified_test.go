package precompile_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
	"github.com/stretchr/testify/require"
)

// coin is 1e18 wei.
func coin(n uint64) *uint256.Int {
	return new(uint256.Int).Mul(uint256.NewInt(n), uint256.NewInt(1_000_000_000_000_000_000))
}

// builtinProof signs a proof of the built-in model with the given token
// counts and a nonce of its own.
func builtinProof(t testing.TB, sk *proof.PrivateKey, in, out uint32, nonce uint64, edit func(p *proof.AIWorkProof)) *proof.AIWorkProof {
	return makeProof(t, sk, chainPars, 0, func(p *proof.AIWorkProof) {
		p.Context.ModelHash = precompile.BuiltinModel().Hash
		p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint("nonce", nonce)))
		p.InputTokens, p.OutputTokens = in, out
		if edit != nil {
			edit(p)
		}
	})
}

func view(t testing.TB, c *precompiletest.Chain, name string, args ...any) []any {
	t.Helper()
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, name, args...))
	require.NoError(t, r.Err, "%s: %v", name, r.Revert)
	return unpack(t, name, r.Ret)
}

func bigU(v uint64) *big.Int { return new(big.Int).SetUint64(v) }

// TestFabricatedComputeUnitsImpossible is the attack of issue 13: a miner
// with no GPU signed random hashes claiming compute units = the cap (1e9)
// and was paid 1e9 times an honest built-in proof. Compute units are now
// computed on chain from the model's registered parameter count and the
// signed token counts: the most a built-in proof can be worth is its
// largest job, 1 compute unit (built-in jobs are kept within the
// re-execution caps), and counts beyond the model's limits are refused.
func TestFabricatedComputeUnitsImpossible(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA44, 3)
	bondKey(t, c, sk)
	spec := precompile.BuiltinModel()
	require.Equal(t, builtin.Default().Parameters(), spec.Parameters)

	cases := []struct {
		name    string
		in, out uint32
		wantCU  uint64
		refusal string
	}{
		{"honest short job", 20, 24, 1, ""},
		{"largest job the registry allows", precompile.BuiltinMaxInputTokens, precompile.BuiltinMaxOutputTokens, 1, ""},
		{"output above the limit", 1, precompile.BuiltinMaxOutputTokens + 1, 0, "TokensOverLimit"},
		{"a generation beyond re-execution", 1, precompile.MaxReexecOutput + 1, 0, "TokensOverLimit"},
		{"the longest generation", precompile.MaxReexecInput, precompile.MaxReexecOutput, 1, ""},
		{"input above the limit", precompile.BuiltinMaxInputTokens + 1, 1, 0, "TokensOverLimit"},
		{"the cap as tokens", 0, 1_000_000_000, 0, "TokensOverLimit"},
		{"no output", 10, 0, 0, "ZeroOutputTokens"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := builtinProof(t, sk, tc.in, tc.out, uint64(i), nil)
			before := root(c)
			r := submit(c, t, p, nil)
			if tc.refusal != "" {
				requireRevert(t, r, tc.refusal)
				require.Equal(t, before, root(c))
				return
			}
			require.NoError(t, r.Err, "%v", r.Revert)
			vals, err := iaimining.Events["WorkAccepted"].Inputs.NonIndexed().Unpack(r.Logs[0].Data)
			require.NoError(t, err)
			require.Equal(t, tc.wantCU, vals[0], "compute units")
			want, _ := reward.Reward(precompile.DefaultBaseReward, tc.wantCU, reward.One(), reward.TrustSoftwareBps)
			require.Equal(t, want.ToBig(), vals[1], "reward")
		})
	}
}

// TestInflatedParameterCountIgnored: a miner that declares 405e9
// parameters for the tiny model (issue 13: 21,060 compute units per job
// instead of 1) has nothing to declare them in. The proof carries token
// counts; the chain prices them with the parameter count it registered.
func TestInflatedParameterCountIgnored(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA65, 3)
	// 26 tokens: 21,060 compute units at 405e9 parameters, 1 at the real count.
	require.Equal(t, uint64(21_060), reward.JobComputeUnits(405_000_000_000, 10, 16))
	p := builtinProof(t, sk, 10, 16, 1, nil)
	r := submit(c, t, p, nil)
	require.NoError(t, r.Err, "%v", r.Revert)
	vals, err := iaimining.Events["WorkAccepted"].Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	require.NoError(t, err)
	require.Equal(t, uint64(1), vals[0])
	// Relabelling the proof as a big registered model breaks its signature.
	big405 := precompile.ModelSpec{Hash: proof.Hash{0x40, 0x5b}, Parameters: 405_000_000_000, Tokenizer: precompile.TokenizerBytes,
		BytesPerToken: 4, MaxInputTokens: 8192, MaxOutputTokens: 8192, Verifier: precompile.VerifierCommittee}
	require.NoError(t, registerModel(t, c, gov, big405).Err)
	q := builtinProof(t, sk, 10, 16, 2, nil)
	q.Context.ModelHash = big405.Hash
	requireRevert(t, submit(c, t, q, nil), "BadSignature")
}

// TestSybilBatch: 32 fresh keys in one submitWorkProofs batch were all
// paid. Unbonded they earn nothing; bonded at the minimum each earns at
// most bondRewardCapBps of its bond per epoch; and all of them together
// never more than the epoch budget.
func TestSybilBatch(t *testing.T) {
	keys := make([]*proof.PrivateKey, 32)
	for i := range keys {
		keys[i] = key(t, proof.MLDSA44, byte(100+i))
	}
	batch := func(cu uint64, round int) ([][]byte, [][]byte) {
		var ps, atts [][]byte
		for i, k := range keys {
			p := makeProof(t, k, chainPars, cu, func(p *proof.AIWorkProof) {
				p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint("sybil", i, round)))
			})
			ps, atts = append(ps, p.Encode()), append(atts, nil)
		}
		return ps, atts
	}
	submitBatch := func(c *precompiletest.Chain, ps, atts [][]byte) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProofs", ps, atts))
	}
	inner := func(t *testing.T, r precompiletest.Result) (uint64, *precompile.Revert) {
		t.Helper()
		requireRevert(t, r, "BatchItemFailed")
		in, err := precompile.DecodeRevert(r.Revert.Args[1].([]byte))
		require.NoError(t, err)
		return r.Revert.Args[0].(*big.Int).Uint64(), in
	}

	ps0, atts0 := batch(1000, 0)
	t.Run("unbonded", func(t *testing.T) {
		c := newChain(t)
		before := root(c)
		i, in := inner(t, submitBatch(c, ps0, atts0))
		require.Equal(t, uint64(0), i)
		require.Equal(t, "NotBonded", in.Name)
		require.Equal(t, [32]byte(keys[0].Public().ID()), in.Args[0])
		require.Equal(t, before, root(c))
	})

	t.Run("bonded at the minimum: capped by the bond", func(t *testing.T) {
		c := newChain(t)
		for _, k := range keys {
			bondMiner(t, c, k.Public().ID(), precompile.DefaultMinBond)
		}
		// The cap is 4% of 100 coins = 4 coins per miner id and epoch. A
		// proof of 6,000 units pays 3.6 coins, a second one is over.
		capWei := new(uint256.Int).Div(new(uint256.Int).Mul(precompile.DefaultMinBond, uint256.NewInt(precompile.DefaultBondRewardCapBps)), uint256.NewInt(10000))
		require.Equal(t, coin(4), capWei)
		ps, atts := batch(6000, 1)
		r := submitBatch(c, ps, atts)
		if r.Revert != nil && r.Revert.Name == "BatchItemFailed" {
			in, _ := precompile.DecodeRevert(r.Revert.Args[1].([]byte))
			t.Fatalf("item %v: %v", r.Revert.Args[0], in)
		}
		require.NoError(t, r.Err, "%v", r.Revert)
		total := unpack(t, "submitWorkProofs", r.Ret)[0].(*big.Int)
		require.Equal(t, new(big.Int).Mul(big.NewInt(32), coin(36).ToBig()), new(big.Int).Mul(total, big.NewInt(10)))

		ps, atts = batch(6000, 2)
		i, in := inner(t, submitBatch(c, ps, atts))
		require.Equal(t, uint64(0), i)
		require.Equal(t, "BondTooSmall", in.Name)
		require.Equal(t, [32]byte(keys[0].Public().ID()), in.Args[0])
		require.Equal(t, precompile.DefaultMinBond.ToBig(), in.Args[1])
		require.Equal(t, coin(72).ToBig(), new(big.Int).Mul(in.Args[2].(*big.Int), big.NewInt(10)))
		require.Equal(t, capWei.ToBig(), in.Args[3])

		// A fabricated job larger than the cap is refused outright.
		huge := makeProof(t, keys[5], chainPars, 7000, nil)
		requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", huge.Encode(), []byte{})), "BondTooSmall")

		// The next epoch the cap is fresh (and the adjustment 12.5% higher,
		// the work of epoch 0 being far below the target: 5,000 units pay
		// 3.375 coins).
		c.SetBlock(c.EVM.Context.BlockNumber.Uint64()+1, t0+3600)
		ps, atts = batch(5000, 3)
		for i := range ps { // re-sign at the new time
			p, _ := proof.DecodeAIWorkProof(ps[i])
			p.Context.Timestamp = t0 + 3600
			require.NoError(t, p.Sign(keys[i], true))
			ps[i] = p.Encode()
		}
		r = submitBatch(c, ps, atts)
		require.NoError(t, r.Err, "%v", r.Revert)
		require.Equal(t, new(big.Int).Mul(big.NewInt(32), coin(3375).ToBig()), new(big.Int).Mul(unpack(t, "submitWorkProofs", r.Ret)[0].(*big.Int), big.NewInt(1000)))
	})

	t.Run("bonded heavily: capped by the epoch budget", func(t *testing.T) {
		c := newChain(t)
		for _, k := range keys {
			bondMiner(t, c, k.Public().ID(), bigBond)
		}
		// Budget 1e9 units × 1e15 wei = 1e24 wei; each proof of 1e8 units
		// pays 6e22 at trust 0.6, so 16 fit and the 17th does not.
		ps, atts := batch(100_000_000, 4)
		before := root(c)
		i, in := inner(t, submitBatch(c, ps, atts))
		require.Equal(t, uint64(16), i)
		require.Equal(t, "EpochBudgetExhausted", in.Name)
		require.Equal(t, uint64(0), in.Args[0])
		require.Equal(t, new(big.Int).Sub(coin(1_000_000).ToBig(), new(big.Int).Mul(big.NewInt(16), coin(60_000).ToBig())), in.Args[1])
		require.Equal(t, before, root(c), "the whole batch is refused")
		// The first 16 alone are accepted; the 17th is refused on its own
		// and stays unspent.
		require.NoError(t, submitBatch(c, ps[:16], atts[:16]).Err)
		requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", ps[16], []byte{})), "EpochBudgetExhausted")
		p16, _ := proof.DecodeAIWorkProof(ps[16])
		require.Equal(t, false, view(t, c, "isSpent", [32]byte(p16.WorkID()))[0])
		out := view(t, c, "epochRewards")
		require.Equal(t, []any{uint64(0), coin(1_000_000).ToBig(), new(big.Int).Mul(big.NewInt(16), coin(60_000).ToBig())}, out)
	})
}

// TestBudgetRefusalResubmittedNextEpoch: a proof refused for the budget
// keeps its work id unspent and earns when resubmitted in the next epoch,
// inside its time window.
func TestBudgetRefusalResubmittedNextEpoch(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA65, 4)
	require.NoError(t, govCall(t, c, "setEpochParameters", uint64(60), big.NewInt(1000), uint16(1250)).Err) // budget 1e18
	first := makeProof(t, sk, chainPars, 1500, func(p *proof.AIWorkProof) { p.Context.Timestamp = t0 })
	require.NoError(t, submit(c, t, first, nil).Err) // 0.9e18 of 1e18
	late := makeProof(t, sk, chainPars, 200, func(p *proof.AIWorkProof) { p.Context.Timestamp = t0 + 50 })
	c.SetBlock(2, t0+50)
	r := submit(c, t, late, nil)
	requireRevert(t, r, "EpochBudgetExhausted")
	require.Equal(t, big.NewInt(100_000_000_000_000_000), r.Revert.Args[1])
	c.SetBlock(3, t0+70) // epoch 1, still inside the proof's 600 s window
	r = submit(c, t, late, nil)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, uint64(1), view(t, c, "epochRewards")[0])
}

// TestEpochBudgetProperty submits random sequences of proofs from a few
// bonded miners across epochs, with random finalizations, and checks after
// every step: no epoch's rewards exceed its budget; accepted rewards equal
// finalized plus pending; balances add up to what was finalized; no miner
// id earned more than its cap in an epoch; the precompile holds every bond.
func TestEpochBudgetProperty(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 13))
			c := newChain(t)
			require.NoError(t, govCall(t, c, "setEpochParameters", uint64(100), big.NewInt(20_000), uint16(2500)).Err)
			keys := []*proof.PrivateKey{key(t, proof.MLDSA44, 41), key(t, proof.MLDSA44, 42), key(t, proof.MLDSA44, 43)}
			bonds := []*uint256.Int{precompile.DefaultMinBond, coin(1000), bigBond}
			for i, k := range keys {
				bondMiner(t, c, k.Public().ID(), bonds[i])
			}
			payees := []common.Address{payee, common.HexToAddress("0xc1"), common.HexToAddress("0xc2")}
			budget := new(big.Int).Mul(big.NewInt(20_000), precompile.DefaultBaseReward.ToBig())
			accepted := new(big.Int)
			perEpoch := map[uint64]*big.Int{}
			type minerEpoch struct {
				k int
				e uint64
			}
			perMiner := map[minerEpoch]*big.Int{}
			var open []*proof.AIWorkProof
			block, now := uint64(2), uint64(t0)
			for step := range 120 {
				block++
				now += uint64(r.IntN(40))
				c.SetBlock(block, now)
				// Record the audit draws while the seeds are in reach.
				for i := 0; i < len(open); i += 32 {
					res := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "markSelected", workIDs(open[i:min(i+32, len(open))])))
					require.NoError(t, res.Err, "%v", res.Revert)
				}
				if r.IntN(4) == 0 && len(open) > 0 {
					// Finalize what is ripe: move past the window first.
					block += precompile.DefaultChallengeWindow
					c.SetBlock(block, now)
					n := 1 + r.IntN(len(open))
					res := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", workIDs(open[:n])))
					require.NoError(t, res.Err, "%v", res.Revert)
					open = open[n:]
				} else {
					k := r.IntN(len(keys))
					cu := uint64(1 + r.IntN(12_000))
					p := makeProof(t, keys[k], chainPars, cu, func(p *proof.AIWorkProof) {
						p.Context.Timestamp = now - uint64(r.IntN(100))
						p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint(seed, step)))
						p.Beneficiary = payees[r.IntN(len(payees))]
					})
					res := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", p.Encode(), []byte{}))
					if res.Err != nil {
						require.Contains(t, []string{"EpochBudgetExhausted", "BondTooSmall"}, res.Revert.Name, "step %d", step)
						require.Equal(t, false, view(t, c, "isSpent", [32]byte(p.WorkID()))[0])
					} else {
						amt := unpack(t, "submitWorkProof", res.Ret)[0].(*big.Int)
						e := epoch(t, c)[0].(uint64)
						accepted.Add(accepted, amt)
						if perEpoch[e] == nil {
							perEpoch[e] = new(big.Int)
						}
						perEpoch[e].Add(perEpoch[e], amt)
						mk := minerEpoch{k, e}
						if perMiner[mk] == nil {
							perMiner[mk] = new(big.Int)
						}
						perMiner[mk].Add(perMiner[mk], amt)
						open = append(open, p)
					}
				}
				// Invariants.
				for e, v := range perEpoch {
					require.LessOrEqual(t, v.Cmp(budget), 0, "epoch %d paid %v over the budget %v", e, v, budget)
				}
				for mk, v := range perMiner {
					limit := new(big.Int).Div(new(big.Int).Mul(bonds[mk.k].ToBig(), big.NewInt(precompile.DefaultBondRewardCapBps)), big.NewInt(10000))
					require.LessOrEqual(t, v.Cmp(limit), 0, "miner %d earned %v in epoch %d, over its cap %v", mk.k, v, mk.e, limit)
				}
				minted := view(t, c, "totalMinted")[0].(*big.Int)
				pending := view(t, c, "totalPending")[0].(*big.Int)
				require.Zero(t, accepted.Cmp(new(big.Int).Add(minted, pending)), "accepted %v = finalized %v + pending %v", accepted, minted, pending)
				sum := new(big.Int)
				for _, a := range payees {
					sum.Add(sum, balanceOf(t, c, a))
				}
				require.Zero(t, minted.Cmp(sum), "balances %v = finalized %v", sum, minted)
				held := new(big.Int)
				for _, b := range bonds {
					held.Add(held, b.ToBig())
				}
				require.Zero(t, held.Cmp(c.State.GetBalance(precompile.Address).ToBig()), "the precompile holds every bond")
			}
			require.NotEmpty(t, perEpoch)
		})
	}
}

func workIDs(ps []*proof.AIWorkProof) [][32]byte {
	out := make([][32]byte, len(ps))
	for i, p := range ps {
		out[i] = p.WorkID()
	}
	return out
}

// TestPendingAndFinalize: accepted work is pending (recorded with what an
// audit needs) until its challenge window has passed; anyone may then
// finalize it, once, and the beneficiary is credited.
func TestPendingAndFinalize(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA65, 5)
	a := makeProof(t, sk, chainPars, 1000, nil)
	b := makeProof(t, sk, chainPars, 2000, nil)
	require.NoError(t, submit(c, t, a, nil).Err)
	require.NoError(t, submit(c, t, b, nil).Err)
	amountA := big.NewInt(600_000_000_000_000_000)

	out := view(t, c, "pendingWork", [32]byte(a.WorkID()))
	require.Equal(t, []any{uint8(1), payee, [32]byte(sk.Public().ID()), amountA, uint64(1), uint64(1 + precompile.DefaultChallengeWindow), [32]byte(a.Digest())}, out)
	require.Equal(t, new(big.Int).Mul(amountA, big.NewInt(3)), view(t, c, "totalPending")[0])
	require.Zero(t, balanceOf(t, c, payee).Sign())

	ids := workIDs([]*proof.AIWorkProof{a, b})
	finalize := func(ids [][32]byte) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", ids))
	}
	// Inside the window.
	c.SetBlock(precompile.DefaultChallengeWindow, t0)
	r := finalize(ids)
	requireRevert(t, r, "ChallengeWindowOpen")
	require.Equal(t, []any{ids[0], uint64(1 + precompile.DefaultChallengeWindow), uint64(precompile.DefaultChallengeWindow)}, r.Revert.Args)
	// Unknown work, an empty list, too many ids.
	requireRevert(t, finalize([][32]byte{{0xaa}}), "WorkNotPending")
	requireRevert(t, finalize(nil), "MalformedInput")
	requireRevert(t, finalize(make([][32]byte, 33)), "BatchTooLarge")

	c.SetBlock(1+precompile.DefaultChallengeWindow, t0)
	before := root(c)
	requireRevert(t, finalize([][32]byte{ids[0], ids[0]}), "WorkNotPending") // atomic: nothing credited
	require.Equal(t, before, root(c))
	r = finalize(ids)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, new(big.Int).Mul(amountA, big.NewInt(3)), unpack(t, "finalizeWork", r.Ret)[0])
	require.Len(t, r.Logs, 2)
	require.Equal(t, iaimining.Events["WorkFinalized"].ID, r.Logs[0].Topics[0])
	require.Equal(t, common.Hash(ids[0]), r.Logs[0].Topics[1])
	require.Equal(t, new(big.Int).Mul(amountA, big.NewInt(3)), balanceOf(t, c, payee))
	require.Zero(t, view(t, c, "totalPending")[0].(*big.Int).Sign())
	require.Equal(t, new(big.Int).Mul(amountA, big.NewInt(3)), view(t, c, "totalMinted")[0])
	require.Equal(t, uint8(2), view(t, c, "pendingWork", ids[0])[0])
	requireRevert(t, finalize(ids[:1]), "WorkNotPending")
}

// TestBondLifecycle: bond, request unbond, withdraw after the delay, with
// every refusal.
func TestBondLifecycle(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA87, 6)
	m := [32]byte(sk.Public().ID())
	owner := common.HexToAddress("0x0000000000000000000000000000000000000b0b")
	c.Fund(owner, coin(1000))
	c.Fund(stranger, coin(1000))
	bond := func(from common.Address, v *uint256.Int) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: from, Value: v}, pack(t, "bond", m))
	}

	// The first bond must reach the minimum and fixes the bonder.
	requireRevert(t, bond(owner, coin(99)), "BondBelowMinimum")
	requireRevert(t, bond(owner, new(uint256.Int)), "MalformedInput")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: owner, Value: coin(100)}, pack(t, "bond", [32]byte{})), "MalformedInput")
	r := bond(owner, coin(100))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, coin(100).ToBig(), unpack(t, "bond", r.Ret)[0])
	require.Equal(t, iaimining.Events["Bonded"].ID, r.Logs[0].Topics[0])
	require.Equal(t, coin(900), c.State.GetBalance(owner))
	require.Equal(t, coin(100), c.State.GetBalance(precompile.Address))
	r = bond(stranger, coin(100))
	requireRevert(t, r, "NotBonder")
	require.Equal(t, []any{m, owner}, r.Revert.Args)
	require.Equal(t, coin(1000), c.State.GetBalance(stranger), "a refused bond returns the value")
	require.NoError(t, bond(owner, coin(50)).Err)
	info := view(t, c, "bondInfo", m)
	require.Equal(t, owner, info[0])
	require.Equal(t, coin(150).ToBig(), info[1])
	require.Zero(t, info[2].(*big.Int).Sign())
	require.Equal(t, []any{uint64(0), uint64(0)}, info[3:5])
	require.Zero(t, info[5].(*big.Int).Sign())

	// Work earns while bonded.
	p := makeProof(t, sk, chainPars, 10, nil)
	require.NoError(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", p.Encode(), []byte{})).Err)

	// Unbonding: the bonder only, at most the bond.
	unbond := func(from common.Address, v *uint256.Int) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: from}, pack(t, "requestUnbond", m, v.ToBig()))
	}
	requireRevert(t, unbond(stranger, coin(1)), "NotBonder")
	requireRevert(t, unbond(owner, coin(151)), "InsufficientBond")
	requireRevert(t, unbond(owner, new(uint256.Int)), "MalformedInput")
	c.SetBlock(10, t0)
	r = unbond(owner, coin(60))
	require.NoError(t, r.Err, "%v", r.Revert)
	ready := uint64(10 + precompile.DefaultUnbondingDelay)
	require.Equal(t, ready, unpack(t, "requestUnbond", r.Ret)[0])
	// 90 coins active: below the minimum, new work no longer earns.
	q := makeProof(t, sk, chainPars, 11, nil)
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", q.Encode(), []byte{})), "NotBonded")

	withdraw := func(from common.Address) precompiletest.Result {
		return c.Call(precompiletest.Frame{Caller: from}, pack(t, "withdrawBond", m))
	}
	requireRevert(t, withdraw(stranger), "NotBonder")
	c.SetBlock(ready-1, t0)
	r = withdraw(owner)
	requireRevert(t, r, "UnbondingNotReady")
	require.Equal(t, []any{m, ready, ready - 1}, r.Revert.Args)
	// The pending work of the bond's miner is past its window long before
	// the bond can leave: the delay exceeds the challenge window.
	require.Greater(t, uint64(precompile.DefaultUnbondingDelay), uint64(precompile.DefaultChallengeWindow))
	c.SetBlock(ready, t0)
	r = withdraw(owner)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, coin(60).ToBig(), unpack(t, "withdrawBond", r.Ret)[0])
	require.Equal(t, coin(910), c.State.GetBalance(owner))
	require.Equal(t, coin(90), c.State.GetBalance(precompile.Address))
	requireRevert(t, withdraw(owner), "NothingToWithdraw")

	// Everything out: the record empties and another bonder may start it.
	require.NoError(t, unbond(owner, coin(90)).Err)
	c.SetBlock(ready+precompile.DefaultUnbondingDelay, t0)
	require.NoError(t, withdraw(owner).Err)
	require.Equal(t, coin(1000), c.State.GetBalance(owner))
	require.Zero(t, c.State.GetBalance(precompile.Address).Sign())
	require.Equal(t, common.Address{}, view(t, c, "bondInfo", m)[0])
	require.NoError(t, bond(stranger, coin(100)).Err)
}

// TestUnbondingDelayExceedsLongestAudit: governance cannot make bonds
// leave before every audit of the work they back has settled: a challenge
// in the last block of the challenge window, the seed delay and the reveal
// window after it, and both committee vote windows. The challenge window
// itself must hold the seed delay and the reveal window, and end at least
// MinFinalizeSpan blocks before the seed leaves BLOCKHASH reach.
func TestUnbondingDelayExceedsLongestAudit(t *testing.T) {
	c := newChain(t)
	// Defaults: auditDelay 2, revealWindow 64, vote windows 32 + 32.
	for _, tc := range []struct {
		window, delay uint64
		reason        string
	}{
		{100, 231, ""},
		{100, 230, "must exceed challengeWindow + auditDelay + revealWindow"},
		{100, 100, "must exceed challengeWindow + auditDelay + revealWindow"},
		{66, 197, ""},
		{65, 1000, "revealWindow must be"},
		{precompile.MaxChallengeWindow, 1000, ""},
		{precompile.MaxChallengeWindow + 1, 1000, "challengeWindow must be"},
	} {
		r := govCall(t, c, "setBondParameters", big.NewInt(1), uint16(400), tc.window, tc.delay)
		if tc.reason == "" {
			require.NoError(t, r.Err, "%+v: %v", tc, r.Revert)
			continue
		}
		requireRevert(t, r, "InvalidParameter")
		require.Contains(t, r.Revert.Args[0], tc.reason, "%+v", tc)
	}
	require.Equal(t, uint64(224), uint64(precompile.MaxChallengeWindow))
	p := precompile.DefaultParams(gov)
	require.Equal(t, uint64(150+2+64+32+32), p.LongestAudit())
	p.UnbondingDelay = p.LongestAudit()
	require.ErrorIs(t, p.Validate(), precompile.ErrInvalidParams)
	p.UnbondingDelay++
	require.NoError(t, p.Validate())
}

// TestDeviceEpochCap: one GPU lifted any number of proofs to trust 1.0.
// Now a device has at most deviceEpochCap attested proofs accepted per
// epoch; the next epoch it may attest again.
func TestDeviceEpochCap(t *testing.T) {
	dev := nvtrusttest.NewDevice(nvtrusttest.Options{})
	c := attestChain(t, dev)
	sk := key(t, proof.MLDSA65, 1)
	require.NoError(t, register(t, c, dev, minerOf(sk), 1).Err)
	require.NoError(t, govCall(t, c, "setDeviceEpochCap", uint32(2)).Err)
	nonce := byte(0)
	attested := func(ts uint64) (*proof.AIWorkProof, []byte) {
		nonce++
		return attestedProof(t, sk, dev, 10, func(p *proof.AIWorkProof) {
			p.Context.Nonce = proof.Hash{0xde, nonce}
			p.Context.Timestamp = ts
		})
	}
	for range 2 {
		p, att := attested(t0)
		require.NoError(t, submit(c, t, p, att).Err)
	}
	p, att := attested(t0)
	before := root(c)
	r := submit(c, t, p, att)
	requireRevert(t, r, "DeviceEpochCapReached")
	require.Equal(t, []any{deviceID(dev), uint64(0), uint32(2)}, r.Revert.Args)
	require.Equal(t, before, root(c))
	// Software-only work of the same miner is not counted.
	require.NoError(t, submit(c, t, makeProof(t, sk, chainPars, 10, func(p *proof.AIWorkProof) { p.Context.Nonce = proof.Hash{0x50} }), nil).Err)
	// The next epoch.
	c.SetBlock(5, t0+3600)
	p, att = attested(t0 + 3600)
	require.NoError(t, submit(c, t, p, att).Err)
}

// registerModel calls registerModel for m from caller.
func registerModel(t testing.TB, c *precompiletest.Chain, caller common.Address, m precompile.ModelSpec) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: caller}, pack(t, "registerModel", [32]byte(m.Hash), m.Parameters,
		uint8(m.Tokenizer), m.BytesPerToken, m.MaxInputTokens, m.MaxOutputTokens, uint8(m.Verifier)))
}

func TestModelRegistry(t *testing.T) {
	c := newChain(t)
	m := precompile.ModelSpec{Hash: proof.Hash{0x8b}, Parameters: 8_000_000_000, Tokenizer: precompile.TokenizerBytes,
		BytesPerToken: 4, MaxInputTokens: 4096, MaxOutputTokens: 1024, Verifier: precompile.VerifierCommittee}

	// The built-in model is registered at genesis.
	bi := precompile.BuiltinModel()
	require.Equal(t, []any{true, bi.Parameters, uint8(1), uint16(1), uint32(precompile.MaxReexecInput), uint32(precompile.ReexecEmbeddingBytes), uint8(1)}, view(t, c, "modelInfo", [32]byte(bi.Hash)))
	require.Equal(t, []any{false, uint64(0), uint8(0), uint16(0), uint32(0), uint32(0), uint8(0)}, view(t, c, "modelInfo", [32]byte(m.Hash)))

	requireRevert(t, registerModel(t, c, stranger, m), "NotGovernance")
	invalid := []struct {
		name string
		edit func(m *precompile.ModelSpec)
	}{
		{"zero hash", func(m *precompile.ModelSpec) { m.Hash = proof.Hash{} }},
		{"no parameters", func(m *precompile.ModelSpec) { m.Parameters = 0 }},
		{"no output", func(m *precompile.ModelSpec) { m.MaxOutputTokens = 0 }},
		{"tokenizer 0", func(m *precompile.ModelSpec) { m.Tokenizer = 0 }},
		{"tokenizer 3", func(m *precompile.ModelSpec) { m.Tokenizer = 3 }},
		{"bytes per token 0", func(m *precompile.ModelSpec) { m.BytesPerToken = 0 }},
		{"bytes per token 65", func(m *precompile.ModelSpec) { m.BytesPerToken = 65 }},
		{"builtin rule with 4 bytes", func(m *precompile.ModelSpec) { m.Tokenizer = precompile.TokenizerBuiltin }},
		{"re-execution of a big model", func(m *precompile.ModelSpec) { m.Verifier = precompile.VerifierReexec }},
		{"re-execution of another byte model", func(m *precompile.ModelSpec) {
			m.Verifier, m.Tokenizer, m.BytesPerToken, m.MaxInputTokens, m.MaxOutputTokens = precompile.VerifierReexec, precompile.TokenizerBuiltin, 1, 16, 16
		}},
		{"re-execution beyond the caps", func(m *precompile.ModelSpec) {
			*m = precompile.BuiltinModel()
			m.MaxOutputTokens = precompile.ReexecEmbeddingBytes + 1
		}},
		{"verifier 3", func(m *precompile.ModelSpec) { m.Verifier = 3 }},
	}
	for _, tc := range invalid {
		bad := m
		tc.edit(&bad)
		before := root(c)
		requireRevert(t, registerModel(t, c, gov, bad), "InvalidParameter")
		require.Equal(t, before, root(c), tc.name)
	}

	r := registerModel(t, c, gov, m)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, iaimining.Events["ModelRegistered"].ID, r.Logs[0].Topics[0])
	require.Equal(t, common.Hash(m.Hash), r.Logs[0].Topics[1])
	require.Equal(t, []any{true, m.Parameters, uint8(2), uint16(4), uint32(4096), uint32(1024), uint8(2)}, view(t, c, "modelInfo", [32]byte(m.Hash)))

	// Work on it is priced by the registry: 8e9 parameters × 2 × 100 tokens.
	sk := key(t, proof.MLDSA44, 8)
	p := makeProof(t, sk, chainPars, 0, func(p *proof.AIWorkProof) { p.Context.ModelHash = m.Hash; p.InputTokens, p.OutputTokens = 60, 40 })
	r = submit(c, t, p, nil)
	require.NoError(t, r.Err, "%v", r.Revert)
	vals, _ := iaimining.Events["WorkAccepted"].Inputs.NonIndexed().Unpack(r.Logs[0].Data)
	require.Equal(t, uint64(1600), vals[0])

	// Removed: new work is refused, pending work still finalizes.
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "removeModel", [32]byte(m.Hash))), "NotGovernance")
	r = c.Call(precompiletest.Frame{Caller: gov}, pack(t, "removeModel", [32]byte(m.Hash)))
	require.NoError(t, r.Err)
	require.Equal(t, iaimining.Events["ModelRemoved"].ID, r.Logs[0].Topics[0])
	requireRevert(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "removeModel", [32]byte(m.Hash))), "UnknownModel")
	q := makeProof(t, sk, chainPars, 0, func(p *proof.AIWorkProof) { p.Context.ModelHash = m.Hash; p.OutputTokens = 1 })
	requireRevert(t, submit(c, t, q, nil), "UnknownModel")
	settle(t, c, p)
	require.Positive(t, balanceOf(t, c, payee).Sign())
}

// TestGenesisModelsValidated: a genesis registers its models and refuses
// an invalid or duplicated one.
func TestGenesisModelsValidated(t *testing.T) {
	p := testParams()
	acc, err := precompile.GenesisAccount(p)
	require.NoError(t, err)
	require.Contains(t, acc.Storage, precompile.ModelSlot(precompile.BuiltinModel().Hash))
	require.Contains(t, acc.Storage, precompile.ModelSlot(testModelHash))

	dup := testParams()
	dup.Models = append(dup.Models, testModel())
	_, err = precompile.GenesisAccount(dup)
	require.ErrorContains(t, err, "registered twice")
	bad := testParams()
	bad.Models[0].Parameters = 0
	_, err = precompile.GenesisAccount(bad)
	require.ErrorContains(t, err, "parameters must be positive")
}

// TestGenesisBonds: a chain may start with bonded miners; the precompile
// holds their coin.
func TestGenesisBonds(t *testing.T) {
	sk := key(t, proof.MLDSA44, 9)
	owner := common.HexToAddress("0x0b")
	p := testParams()
	p.Bonds = []precompile.GenesisBond{{MinerID: sk.Public().ID(), Bonder: owner, Amount: coin(150)}}
	c, err := precompiletest.NewChain(chainPars, p, t0)
	require.NoError(t, err)
	require.Equal(t, coin(150), c.State.GetBalance(precompile.Address))
	info := view(t, c, "bondInfo", [32]byte(sk.Public().ID()))
	require.Equal(t, owner, info[0])
	require.Equal(t, coin(150).ToBig(), info[1])
	r := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", makeProof(t, sk, chainPars, 10, nil).Encode(), []byte{}))
	require.NoError(t, r.Err, "%v", r.Revert)
	// The bonder withdraws it like any other bond.
	require.NoError(t, c.Call(precompiletest.Frame{Caller: owner}, pack(t, "requestUnbond", [32]byte(sk.Public().ID()), coin(150).ToBig())).Err)
	c.SetBlock(1+precompile.DefaultUnbondingDelay, t0)
	require.NoError(t, c.Call(precompiletest.Frame{Caller: owner}, pack(t, "withdrawBond", [32]byte(sk.Public().ID()))).Err)
	require.Equal(t, coin(150), c.State.GetBalance(owner))

	for _, bad := range [][]precompile.GenesisBond{
		{{MinerID: sk.Public().ID(), Bonder: owner, Amount: coin(99)}},
		{{MinerID: sk.Public().ID(), Bonder: common.Address{}, Amount: coin(100)}},
		{{MinerID: sk.Public().ID(), Bonder: owner, Amount: coin(100)}, {MinerID: sk.Public().ID(), Bonder: owner, Amount: coin(100)}},
	} {
		q := testParams()
		q.Bonds = bad
		_, err := precompile.GenesisAccount(q)
		require.ErrorIs(t, err, precompile.ErrInvalidParams)
	}
}

// TestParamsFileRoundTrip: parameters with models and genesis bonds survive
// JSON (hashes as 0x-hex), as pars-genesis --params reads them.
func TestParamsFileRoundTrip(t *testing.T) {
	p := testParams()
	p.Bonds = []precompile.GenesisBond{{MinerID: proof.Hash{0xb0, 1}, Bonder: common.HexToAddress("0x0b"), Amount: coin(100)}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	bi := precompile.BuiltinModel().Hash
	require.Contains(t, string(b), `"hash":"0x`+fmt.Sprintf("%x", bi[:])+`"`)
	require.Contains(t, string(b), `"minerId":"0xb001`)
	path := filepath.Join(t.TempDir(), "params.json")
	require.NoError(t, os.WriteFile(path, b, 0o600))
	got, err := precompile.LoadParamsFile(path)
	require.NoError(t, err)
	require.Equal(t, p, got)
}
