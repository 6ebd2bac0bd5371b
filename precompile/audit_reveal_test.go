package precompile_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// job is one built-in job with its proof.
type job struct {
	input, output []byte
	p             *proof.AIWorkProof
	ticket        bool   // extra is a gateway ticket (submitTicketedWork)
	extra         []byte // the attestation, or the ticket
}

// builtinJob runs the built-in model on an input of its own and signs the
// proof; fabricate replaces the output with made-up bytes of the same
// length (what a miner without the model would sign).
func builtinJob(t testing.TB, sk *proof.PrivateKey, tag string, outTokens int, fabricate bool, edit func(p *proof.AIWorkProof)) *job {
	t.Helper()
	in := []byte("audit job " + tag)
	out, err := builtin.Default().Generate(context.Background(), in, outTokens)
	require.NoError(t, err)
	if fabricate {
		out = []byte(fmt.Sprintf("%-*s", outTokens, "fabricated "+tag))[:outTokens]
	}
	j := &job{input: in, output: out}
	j.p = builtinProof(t, sk, uint32(len(in)), uint32(len(out)), 0, func(p *proof.AIWorkProof) {
		p.Context.InputHash = proof.HashInput(in)
		p.Context.Nonce = proof.DomainInput.Sum([]byte("nonce " + tag))
		p.OutputHash = proof.HashOutput(out)
		if edit != nil {
			edit(p)
		}
	})
	return j
}

func (j *job) id() [32]byte { return [32]byte(j.p.WorkID()) }

func revealJob(t testing.TB, c *precompiletest.Chain, j *job) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "reveal", j.id(), j.p.Encode(), j.input, j.output))
}

func settleAudit(t testing.TB, c *precompiletest.Chain, id [32]byte) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "settleAudit", id))
}

func challengeWork(t testing.TB, c *precompiletest.Chain, from common.Address, id [32]byte, value *uint256.Int) precompiletest.Result {
	c.Fund(from, value)
	return c.Call(precompiletest.Frame{Caller: from, Value: value}, pack(t, "challenge", id))
}

func bondOf(t testing.TB, c *precompiletest.Chain, m proof.Hash) *big.Int {
	info := view(t, c, "bondInfo", [32]byte(m))
	return new(big.Int).Add(info[1].(*big.Int), info[2].(*big.Int))
}

func auditTotals(t testing.TB, c *precompiletest.Chain) (burned, forfeited *big.Int) {
	v := view(t, c, "auditTotals")
	return v[0].(*big.Int), v[1].(*big.Int)
}

func auditOutcome(t testing.TB, name string, r precompiletest.Result) uint8 {
	t.Helper()
	require.NoError(t, r.Err, "%s: %v", name, r.Revert)
	return unpack(t, name, r.Ret)[0].(uint8)
}

// hasLog reports whether r logged event name.
func hasLog(r precompiletest.Result, name string) bool {
	for _, l := range r.Logs {
		if l.Topics[0] == iaimining.Events[name].ID {
			return true
		}
	}
	return false
}

// TestFabricatedOutputSlashed: a miner with no model signs made-up output
// for built-in jobs. Sampled, it must reveal; the precompile re-executes the
// model and the output differs: its whole bond is burned (no challenger)
// and every pending reward of its forfeited. The honest miner's sampled
// work is re-executed, cleared and paid.
func TestFabricatedOutputSlashed(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 10000)
	cheat, honest := key(t, proof.MLDSA44, 40), key(t, proof.MLDSA44, 41)
	bad := builtinJob(t, cheat, "bad", 64, true, nil)
	other := builtinJob(t, cheat, "other", 64, true, nil)
	good := builtinJob(t, honest, "good", 64, false, func(p *proof.AIWorkProof) { p.Beneficiary = common.HexToAddress("0x600d") })
	for _, j := range []*job{bad, other, good} {
		require.NoError(t, submit(c, t, j.p, nil).Err)
	}
	bondBefore := bondOf(t, c, cheat.Public().ID())
	held := c.State.GetBalance(precompile.Address).ToBig()
	pendingBefore := view(t, c, "totalPending")[0].(*big.Int)

	// Not revealable before it is drawn, and the draw needs the seed.
	requireRevert(t, revealJob(t, c, bad), "NotUnderAudit")
	c.SetBlock(2+precompile.DefaultAuditDelay, t0)
	// Selected work is not paid before its audit clears it.
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "finalizeWork", [][32]byte{good.id()})), "ChallengeWindowOpen")

	// A reveal that does not match what the miner signed is refused and
	// changes nothing: nobody can get a miner slashed with garbage.
	before := root(c)
	r := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "reveal", bad.id(), bad.p.Encode(), bad.input, []byte("other output")))
	requireRevert(t, r, "RevealMismatch")
	require.Equal(t, []any{"output hash"}, r.Revert.Args)
	r = c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "reveal", bad.id(), good.p.Encode(), bad.input, bad.output))
	requireRevert(t, r, "RevealMismatch")
	require.Equal(t, []any{"proof"}, r.Revert.Args)
	require.Equal(t, before, root(c))

	// The fabricated output does not survive re-execution.
	r = revealJob(t, c, bad)
	require.Equal(t, uint8(3), auditOutcome(t, "reveal", r))
	require.True(t, hasLog(r, "Slashed"))
	require.Equal(t, uint8(7), workStatus(t, c, bad.id()))
	require.Zero(t, bondOf(t, c, cheat.Public().ID()).Sign(), "the whole bond is taken")
	burned, forfeited := auditTotals(t, c)
	require.Equal(t, bondBefore, burned, "no challenger: all of it is burned")
	require.Equal(t, new(big.Int).Sub(held, bondBefore), c.State.GetBalance(precompile.Address).ToBig())
	amount := view(t, c, "pendingWork", bad.id())[3].(*big.Int)
	require.Equal(t, amount, forfeited)

	// The honest miner reveals, is re-executed and cleared.
	require.Equal(t, uint8(2), auditOutcome(t, "reveal", revealJob(t, c, good)))
	requireRevert(t, revealJob(t, c, good), "AlreadyRevealed")

	// The cheater's other pending work is forfeited as soon as it is touched.
	c.SetBlock(1+precompile.DefaultChallengeWindow, t0)
	r = c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", [][32]byte{other.id()}))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Zero(t, unpack(t, "finalizeWork", r.Ret)[0].(*big.Int).Sign())
	require.True(t, hasLog(r, "WorkForfeited"))
	_, forfeited = auditTotals(t, c)
	require.Equal(t, new(big.Int).Mul(amount, big.NewInt(2)), forfeited)
	require.Zero(t, balanceOf(t, c, payee).Sign(), "the cheater is paid nothing")

	// The honest miner is paid.
	settle(t, c, good.p)
	require.Equal(t, view(t, c, "pendingWork", good.id())[3], balanceOf(t, c, common.HexToAddress("0x600d")))
	require.Zero(t, view(t, c, "totalPending")[0].(*big.Int).Cmp(new(big.Int).Sub(pendingBefore, new(big.Int).Mul(amount, big.NewInt(3)))))
}

// TestNeverRevealedSlashed: a selected miner that never reveals loses its
// bond once the reveal deadline has passed, whether or not anyone recorded
// the draw before; settling earlier is refused.
func TestNeverRevealedSlashed(t *testing.T) {
	for _, marked := range []bool{true, false} {
		t.Run(fmt.Sprint("marked=", marked), func(t *testing.T) {
			c := newChain(t)
			setSampling(t, c, 10000)
			sk := key(t, proof.MLDSA65, 42)
			j := builtinJob(t, sk, "silent", 32, true, nil)
			require.NoError(t, submit(c, t, j.p, nil).Err)
			deadline := uint64(1 + precompile.DefaultAuditDelay + precompile.DefaultRevealWindow)
			c.SetBlock(deadline, t0)
			if marked {
				require.NoError(t, c.Call(precompiletest.Frame{}, pack(t, "markSelected", [][32]byte{j.id()})).Err)
				r := settleAudit(t, c, j.id())
				requireRevert(t, r, "RevealWindowOpen")
				require.Equal(t, []any{j.id(), deadline, deadline}, r.Revert.Args)
			} else {
				require.Equal(t, uint8(1), auditOutcome(t, "settleAudit", settleAudit(t, c, j.id())), "opened, not settled")
			}
			c.SetBlock(deadline+1, t0)
			requireRevert(t, revealJob(t, c, j), "RevealWindowClosed")
			r := settleAudit(t, c, j.id())
			require.Equal(t, uint8(3), auditOutcome(t, "settleAudit", r))
			require.Zero(t, bondOf(t, c, sk.Public().ID()).Sign())
			requireRevert(t, settleAudit(t, c, j.id()), "WorkNotPending")
		})
	}
	// Undrawn and past the deadline: settleAudit slashes in one call.
	c := newChain(t)
	setSampling(t, c, 10000)
	sk := key(t, proof.MLDSA65, 43)
	j := builtinJob(t, sk, "silent", 32, true, nil)
	require.NoError(t, submit(c, t, j.p, nil).Err)
	c.SetBlock(2+precompile.DefaultAuditDelay+precompile.DefaultRevealWindow, t0)
	require.Equal(t, uint8(3), auditOutcome(t, "settleAudit", settleAudit(t, c, j.id())))
}

// TestChallenges: a watcher forces the audit of any pending work by posting
// the challenge bond. Challenging honest work costs it the bond, paid to the
// work's beneficiary; exposing fabricated work earns the bond back and a
// bounded bounty out of the slashed bond, the rest being burned.
func TestChallenges(t *testing.T) {
	watcher := common.HexToAddress("0x00000000000000000000000000000000000000e1")
	bond := precompile.DefaultChallengeBond
	c := newChain(t) // sampling off: only challenges audit
	honest, cheat := key(t, proof.MLDSA44, 44), key(t, proof.MLDSA87, 45)
	good := builtinJob(t, honest, "honest", 48, false, nil)
	bad := builtinJob(t, cheat, "made up", 48, true, nil)
	require.NoError(t, submit(c, t, good.p, nil).Err)
	require.NoError(t, submit(c, t, bad.p, nil).Err)

	// Refusals: the wrong bond, unknown work, changes nothing.
	before := root(c)
	r := challengeWork(t, c, watcher, good.id(), new(uint256.Int).Sub(bond, uint256.NewInt(1)))
	requireRevert(t, r, "WrongChallengeBond")
	require.Equal(t, []any{new(big.Int).Sub(bond.ToBig(), big.NewInt(1)), bond.ToBig()}, r.Revert.Args)
	requireRevert(t, challengeWork(t, c, watcher, [32]byte{0xee}, bond), "WorkNotPending")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: watcher, CallType: precompile.CallTypeStaticCall}, pack(t, "challenge", good.id())), "ReadOnlyCall")
	c.State.SubBalance(watcher, c.State.GetBalance(watcher), 0)
	require.Equal(t, before, root(c))

	// Challenging honest work: the watcher loses its bond to the beneficiary.
	c.SetBlock(5, t0)
	r = challengeWork(t, c, watcher, good.id(), bond)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, uint64(5+precompile.DefaultAuditDelay+precompile.DefaultRevealWindow), unpack(t, "challenge", r.Ret)[0])
	require.Equal(t, common.BytesToHash(watcher[:]), r.Logs[0].Topics[3])
	requireRevert(t, challengeWork(t, c, watcher, good.id(), bond), "WorkUnderAudit")
	c.State.SubBalance(watcher, c.State.GetBalance(watcher), 0)
	payeeCoin := c.State.GetBalance(payee).ToBig()
	require.Equal(t, uint8(2), auditOutcome(t, "reveal", revealJob(t, c, good)))
	require.Zero(t, c.State.GetBalance(watcher).Sign())
	require.Equal(t, new(big.Int).Add(payeeCoin, bond.ToBig()), c.State.GetBalance(payee).ToBig())
	settle(t, c, good.p)
	require.Positive(t, balanceOf(t, c, payee).Sign(), "the honest miner is paid")

	// Exposing fabricated work: bond back plus 10% of the slashed bond.
	seized := bondOf(t, c, cheat.Public().ID())
	c.SetBlock(6, t0)
	require.NoError(t, challengeWork(t, c, watcher, bad.id(), bond).Err)
	require.Equal(t, uint8(3), auditOutcome(t, "reveal", revealJob(t, c, bad)))
	bounty := new(big.Int).Div(new(big.Int).Mul(seized, big.NewInt(precompile.DefaultChallengerRewardBps)), big.NewInt(10000))
	require.Equal(t, new(big.Int).Add(bounty, bond.ToBig()), c.State.GetBalance(watcher).ToBig())
	burned, _ := auditTotals(t, c)
	require.Equal(t, new(big.Int).Sub(seized, bounty), burned)

	// Outside the challenge window, or work already decided.
	late := builtinJob(t, honest, "late", 16, false, nil)
	require.NoError(t, submit(c, t, late.p, nil).Err)
	at := c.EVM.Context.BlockNumber.Uint64()
	c.SetBlock(at+precompile.DefaultChallengeWindow, t0)
	r = challengeWork(t, c, watcher, late.id(), bond)
	requireRevert(t, r, "ChallengeWindowClosed")
	require.Equal(t, []any{late.id(), at + precompile.DefaultChallengeWindow, at + precompile.DefaultChallengeWindow}, r.Revert.Args)
	requireRevert(t, challengeWork(t, c, watcher, bad.id(), bond), "WorkNotPending")
}

// TestChallengeOfSelectedWork: work the seed selected is audited anyway; a
// challenge of it is refused (the watcher keeps its bond).
func TestChallengeOfSelectedWork(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 10000)
	sk := key(t, proof.MLDSA44, 46)
	j := builtinJob(t, sk, "sel", 16, false, nil)
	require.NoError(t, submit(c, t, j.p, nil).Err)
	// Before the seed is known a challenge opens the audit.
	c.SetBlock(2, t0)
	watcher := common.HexToAddress("0xe2")
	require.NoError(t, challengeWork(t, c, watcher, j.id(), precompile.DefaultChallengeBond).Err)
	// Another selected piece of work, challenged after its seed is known.
	k := builtinJob(t, sk, "sel2", 16, false, nil)
	require.NoError(t, submit(c, t, k.p, nil).Err)
	c.SetBlock(2+precompile.DefaultAuditDelay+1, t0)
	before := root(c)
	requireRevert(t, challengeWork(t, c, watcher, k.id(), precompile.DefaultChallengeBond), "WorkUnderAudit")
	c.State.SubBalance(watcher, precompile.DefaultChallengeBond, 0)
	require.Equal(t, before, root(c))
}

// TestInflatedTokenCountSlashed: a miner signs more output tokens than the
// output it produced (its hash is right): the reveal's recount slashes it.
func TestInflatedTokenCountSlashed(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 10000)
	sk := key(t, proof.MLDSA44, 47)
	j := builtinJob(t, sk, "inflated", 32, false, func(p *proof.AIWorkProof) { p.OutputTokens = 256 })
	require.NoError(t, submit(c, t, j.p, nil).Err)
	c.SetBlock(2+precompile.DefaultAuditDelay, t0)
	r := revealJob(t, c, j)
	require.Equal(t, uint8(3), auditOutcome(t, "reveal", r))
	for _, l := range r.Logs {
		if l.Topics[0] == iaimining.Events["Slashed"].ID {
			vals, err := iaimining.Events["Slashed"].Inputs.NonIndexed().Unpack(l.Data)
			require.NoError(t, err)
			require.Equal(t, uint8(2), vals[0], "reason: token count")
		}
	}
}

// TestRevealRefusalsChangeNothing: every refused reveal leaves the state
// as it was.
func TestRevealRefusalsChangeNothing(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 10000)
	sk := key(t, proof.MLDSA44, 48)
	j := builtinJob(t, sk, "r", 16, false, nil)
	require.NoError(t, submit(c, t, j.p, nil).Err)
	c.SetBlock(2+precompile.DefaultAuditDelay, t0)
	for _, tc := range []struct {
		name, want    string
		id            [32]byte
		enc, in, outp []byte
	}{
		{"unknown work", "WorkNotPending", [32]byte{9}, j.p.Encode(), j.input, j.output},
		{"junk proof", "MalformedInput", j.id(), []byte{1, 2, 3}, j.input, j.output},
		{"input", "RevealMismatch", j.id(), j.p.Encode(), append([]byte("x"), j.input...), j.output},
		{"output", "RevealMismatch", j.id(), j.p.Encode(), j.input, append([]byte("x"), j.output...)},
	} {
		before := root(c)
		r := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "reveal", tc.id, tc.enc, tc.in, tc.outp))
		requireRevert(t, r, tc.want)
		require.Equal(t, before, root(c), tc.name)
	}
}
