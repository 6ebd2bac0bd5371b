package precompile_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
)

// builtinBatch is a batch of built-in jobs signed as one, with what a miner
// keeps to reveal any of its items.
type builtinBatch struct {
	jobs   []*job
	items  []proof.BatchItem
	header *proof.BatchHeader
	leaves []proof.Hash
}

// newBuiltinBatch runs n built-in jobs (those in fabricated get made-up
// output) and signs them as one batch of sequence numbers 1..n.
func newBuiltinBatch(t testing.TB, sk *proof.PrivateKey, tag string, n int, fabricated ...int) *builtinBatch {
	t.Helper()
	b := &builtinBatch{}
	for i := range n {
		fake := false
		for _, f := range fabricated {
			fake = fake || f == i
		}
		j := builtinJob(t, sk, fmt.Sprint(tag, " ", i), 24, fake, nil)
		b.jobs = append(b.jobs, j)
		b.items = append(b.items, proof.NewBatchItem(uint64(i+1), &j.p.Context, j.p.OutputHash, j.p.InputTokens, j.p.OutputTokens))
		b.leaves = append(b.leaves, b.items[i].Leaf())
	}
	b.header = signBatch(t, sk, chainPars, b.items)
	return b
}

func (b *builtinBatch) id() [32]byte { return [32]byte(b.header.ID()) }

// reveal sends revealBatchItem for item i with its path and the job's input
// and output.
func (b *builtinBatch) reveal(t testing.TB, c *precompiletest.Chain, i int) precompiletest.Result {
	t.Helper()
	path, err := proof.BatchPath(b.leaves, i)
	require.NoError(t, err)
	p := make([][32]byte, len(path))
	for k := range path {
		p[k] = [32]byte(path[k])
	}
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "revealBatchItem", b.id(), b.header.Count, [32]byte(b.header.Root),
		uint16(i), b.items[i].Encode(), p, b.jobs[i].input, b.jobs[i].output))
}

// audited asks the chain which item of b it audits.
func (b *builtinBatch) audited(t testing.TB, c *precompiletest.Chain) int {
	t.Helper()
	return int(view(t, c, "auditedBatchItem", b.id(), b.header.Count)[0].(uint16))
}

// TestBatchAuditRevealsOneItem is the attack on batches under audit: a
// sampled or challenged batch used to have no way to be revealed (reveal
// takes one proof, whose digest is never a batch's), so an honest batcher
// was slashed, and a challenger could take its bond at will. The miner now
// reveals the item that the audit seed picks; an honest batch clears, a
// fabricated item at the picked index slashes, and the wrong item, a
// garbage reveal or a reveal before the seed is refused and changes
// nothing.
func TestBatchAuditRevealsOneItem(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 10000)
	honest := key(t, proof.MLDSA44, 60)
	b := newBuiltinBatch(t, honest, "honest batch", 5)
	bondKey(t, c, honest)
	r := submitBatchRaw(c, t, b.header.Encode(), proof.EncodeBatchItems(b.items))
	require.NoError(t, r.Err, "%v", r.Revert)
	submitted := c.EVM.Context.BlockNumber.Uint64()

	// Before the seed's blocks exist, no item is picked.
	requireRevert(t, c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "auditedBatchItem", b.id(), b.header.Count)), "NotUnderAudit")
	requireRevert(t, b.reveal(t, c, 0), "NotUnderAudit")

	c.SetBlock(submitted+precompile.DefaultAuditDelay+1, t0)
	pick := b.audited(t, c)
	require.Less(t, pick, len(b.items))
	other := (pick + 1) % len(b.items)

	before := root(c)
	r = b.reveal(t, c, other)
	requireRevert(t, r, "WrongBatchItem")
	require.Equal(t, []any{b.id(), uint16(pick), uint16(other)}, r.Revert.Args)
	// An item that is not under the root, a count that is not the batch's.
	forged := *b
	forged.items = append([]proof.BatchItem(nil), b.items...)
	forged.items[pick].OutputTokens++
	requireRevert(t, forged.reveal(t, c, pick), "MalformedInput")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "revealBatchItem", b.id(), b.header.Count+1, [32]byte(b.header.Root),
		uint16(pick), b.items[pick].Encode(), [][32]byte{}, b.jobs[pick].input, b.jobs[pick].output)), "MalformedInput")
	// Output that does not hash to the signed one.
	garbage := *b
	garbage.jobs = append([]*job(nil), b.jobs...)
	garbage.jobs[pick] = &job{input: b.jobs[pick].input, output: []byte("not the output"), p: b.jobs[pick].p}
	r = garbage.reveal(t, c, pick)
	requireRevert(t, r, "RevealMismatch")
	require.Equal(t, []any{"output hash"}, r.Revert.Args)
	require.Equal(t, before, root(c), "refused reveals change nothing")

	// The picked item re-executes to the signed output: cleared and paid.
	require.Equal(t, uint8(2), auditOutcome(t, "revealBatchItem", b.reveal(t, c, pick)))
	requireRevert(t, b.reveal(t, c, pick), "AlreadyRevealed")
	c.SetBlock(submitted+precompile.DefaultChallengeWindow, t0)
	r = c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", [][32]byte{b.id()}))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Positive(t, balanceOf(t, c, payee).Sign(), "the honest batcher is paid")
}

// TestFabricatedBatchItemSlashed: a batch whose every item is made up is
// slashed whichever item the seed picks: the whole bond, and the batch's
// pending reward forfeited.
func TestFabricatedBatchItemSlashed(t *testing.T) {
	c := newChain(t)
	setSampling(t, c, 10000)
	cheat := key(t, proof.MLDSA44, 61)
	b := newBuiltinBatch(t, cheat, "made up", 4, 0, 1, 2, 3)
	bondKey(t, c, cheat)
	require.NoError(t, submitBatchRaw(c, t, b.header.Encode(), proof.EncodeBatchItems(b.items)).Err)
	submitted := c.EVM.Context.BlockNumber.Uint64()
	c.SetBlock(submitted+precompile.DefaultAuditDelay+1, t0)
	pick := b.audited(t, c)
	r := b.reveal(t, c, pick)
	require.Equal(t, uint8(3), auditOutcome(t, "revealBatchItem", r))
	require.True(t, hasLog(r, "Slashed"))
	require.Zero(t, bondOf(t, c, cheat.Public().ID()).Sign(), "the whole bond is taken")
	_, forfeited := auditTotals(t, c)
	require.Equal(t, view(t, c, "pendingWork", b.id())[3].(*big.Int), forfeited)
	require.Zero(t, balanceOf(t, c, payee).Sign())
}

// TestChallengedHonestBatch: on a chain that samples nothing, a watcher
// challenges an honest batch. Revealing the item picked by the seed of the
// challenge's block clears it, and the challenger's bond goes to the
// batch's beneficiary: challenging honest batches is a loss, not a way to
// seize bonds.
func TestChallengedHonestBatch(t *testing.T) {
	watcher := common.HexToAddress("0x00000000000000000000000000000000000000e2")
	bond := precompile.DefaultChallengeBond
	c := newChain(t) // sampling off
	honest := key(t, proof.MLDSA65, 62)
	b := newBuiltinBatch(t, honest, "challenged batch", 3)
	bondKey(t, c, honest)
	require.NoError(t, submitBatchRaw(c, t, b.header.Encode(), proof.EncodeBatchItems(b.items)).Err)
	c.SetBlock(4, t0)
	r := challengeWork(t, c, watcher, b.id(), bond)
	require.NoError(t, r.Err, "%v", r.Revert)
	// The item is picked by blocks after the challenge.
	r = b.reveal(t, c, 0)
	requireRevert(t, r, "RevealTooEarly")
	require.Equal(t, []any{b.id(), uint64(4 + precompile.DefaultAuditDelay + 1)}, r.Revert.Args)
	c.SetBlock(4+precompile.DefaultAuditDelay+1, t0)
	payeeCoin := c.State.GetBalance(payee).ToBig()
	require.Equal(t, uint8(2), auditOutcome(t, "revealBatchItem", b.reveal(t, c, b.audited(t, c))))
	require.Equal(t, new(big.Int).Add(payeeCoin, bond.ToBig()), c.State.GetBalance(payee).ToBig())
	require.Positive(t, bondOf(t, c, honest.Public().ID()).Sign(), "the honest batcher keeps its bond")
}

// TestAuditedBatchItemRefusals: the view says why it cannot name an item:
// no such work, work not under audit, a count of zero, a seed not yet
// mined; and a reveal before the challenge's seed changes nothing.
func TestAuditedBatchItemRefusals(t *testing.T) {
	c := newChain(t) // sampling off
	sk := key(t, proof.MLDSA44, 63)
	b := newBuiltinBatch(t, sk, "refusals", 2)
	bondKey(t, c, sk)
	require.NoError(t, submitBatchRaw(c, t, b.header.Encode(), proof.EncodeBatchItems(b.items)).Err)
	static := precompiletest.Frame{CallType: precompile.CallTypeStaticCall}
	requireRevert(t, c.Call(static, pack(t, "auditedBatchItem", [32]byte{0xee}, uint16(2))), "WorkNotPending")
	c.SetBlock(2+precompile.DefaultAuditDelay+1, t0)
	requireRevert(t, c.Call(static, pack(t, "auditedBatchItem", b.id(), uint16(2))), "NotUnderAudit")

	c.SetBlock(10, t0)
	require.NoError(t, challengeWork(t, c, common.HexToAddress("0xe3"), b.id(), precompile.DefaultChallengeBond).Err)
	r := c.Call(static, pack(t, "auditedBatchItem", b.id(), uint16(2)))
	requireRevert(t, r, "RevealTooEarly")
	require.Equal(t, []any{b.id(), uint64(10 + precompile.DefaultAuditDelay + 1)}, r.Revert.Args)
	c.SetBlock(10+precompile.DefaultAuditDelay+1, t0)
	r = c.Call(static, pack(t, "auditedBatchItem", b.id(), uint16(0)))
	requireRevert(t, r, "MalformedInput")
	require.Equal(t, []any{"batch count is zero"}, r.Revert.Args)
	require.Less(t, b.audited(t, c), 2)
}
