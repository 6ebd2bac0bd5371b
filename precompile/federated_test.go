package precompile_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

var aggregator = common.HexToAddress("0x00000000000000000000000000000000000000a9")

// rewardTree is a round's leaves (recipient 0xd0+i gets 100·(i+1)) and root.
type rewardTree struct {
	round      uint64
	recipients []common.Address
	amounts    []*big.Int
	leaves     []proof.Hash
	root       proof.Hash
	total      *big.Int
}

func newRewardTree(chain uint32, round uint64, n int) *rewardTree {
	t := &rewardTree{round: round, total: new(big.Int)}
	for i := 0; i < n; i++ {
		a := common.BytesToAddress([]byte{0xd0 + byte(i)})
		amt := big.NewInt(int64(100 * (i + 1)))
		t.recipients, t.amounts = append(t.recipients, a), append(t.amounts, amt)
		t.leaves = append(t.leaves, proof.RewardLeaf(chain, round, a, uint256.MustFromBig(amt)))
		t.total.Add(t.total, amt)
	}
	t.root = proof.RewardRoot(t.leaves)
	return t
}

func (rt *rewardTree) claimArgs(t testing.TB, i int) []any {
	p, err := proof.RewardProof(rt.leaves, i)
	require.NoError(t, err)
	path := make([][32]byte, len(p))
	for k, h := range p {
		path[k] = h
	}
	return []any{rt.round, rt.recipients[i], rt.amounts[i], path}
}

// federatedChain is a Pars chain whose governance set a pool and
// registered aggregator.
func federatedChain(t testing.TB, pool int64) *precompiletest.Chain {
	c := newChain(t)
	for _, in := range [][]byte{pack(t, "setRoundPool", big.NewInt(pool)), pack(t, "registerAggregator", aggregator)} {
		r := c.Call(precompiletest.Frame{Caller: gov}, in)
		require.NoError(t, r.Err, "%v", r.Revert)
	}
	return c
}

func publish(t testing.TB, c *precompiletest.Chain, from common.Address, rt *rewardTree) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: from}, pack(t, "publishRound", rt.round, [32]byte{0x4d, byte(rt.round)}, [32]byte(rt.root), rt.total))
}

func TestFederatedRoundPublishAndClaim(t *testing.T) {
	c := federatedChain(t, 10_000)
	rt := newRewardTree(chainPars, 7, 5)

	// Only a registered aggregator publishes; total within the pool.
	requireRevert(t, publish(t, c, stranger, rt), "NotAggregator")
	requireRevert(t, publish(t, c, gov, rt), "NotAggregator")
	over := *rt
	over.total = big.NewInt(10_001)
	requireRevert(t, publish(t, c, aggregator, &over), "RoundTotalOverPool")
	r := publish(t, c, aggregator, rt)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Len(t, r.Logs, 1)
	require.Equal(t, iaimining.Events["RoundPublished"].ID, r.Logs[0].Topics[0])
	requireRevert(t, publish(t, c, aggregator, rt), "RoundAlreadyPublished")

	info := unpack(t, "roundInfo", c.Call(precompiletest.Frame{}, pack(t, "roundInfo", rt.round)).Ret)
	require.Equal(t, aggregator, info[0])
	require.Equal(t, uint64(t0), info[1])
	require.Equal(t, [32]byte(rt.root), info[3])
	require.Equal(t, rt.total, info[4])

	// The view gives the same leaf as proof.RewardLeaf.
	leaf := unpack(t, "rewardLeaf", c.Call(precompiletest.Frame{}, pack(t, "rewardLeaf", rt.round, rt.recipients[2], rt.amounts[2])).Ret)
	require.Equal(t, [32]byte(rt.leaves[2]), leaf[0])

	mintedBefore := unpack(t, "totalMinted", c.Call(precompiletest.Frame{}, pack(t, "totalMinted")).Ret)[0].(*big.Int)
	for i := range rt.recipients {
		// Anyone may send the claim; the recipient is paid.
		r := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "claimRoundReward", rt.claimArgs(t, i)...))
		require.NoError(t, r.Err, "%v", r.Revert)
		require.Equal(t, rt.amounts[i], unpack(t, "claimRoundReward", r.Ret)[0])
		require.Equal(t, rt.amounts[i], balanceOf(t, c, rt.recipients[i]))
		require.Equal(t, iaimining.Events["RoundRewardClaimed"].ID, r.Logs[0].Topics[0])
		// Exactly once.
		requireRevert(t, c.Call(precompiletest.Frame{Caller: rt.recipients[i]}, pack(t, "claimRoundReward", rt.claimArgs(t, i)...)), "RoundRewardAlreadyClaimed")
	}
	info = unpack(t, "roundInfo", c.Call(precompiletest.Frame{}, pack(t, "roundInfo", rt.round)).Ret)
	require.Equal(t, rt.total, info[5])
	minted := unpack(t, "totalMinted", c.Call(precompiletest.Frame{}, pack(t, "totalMinted")).Ret)[0].(*big.Int)
	require.Equal(t, new(big.Int).Add(mintedBefore, rt.total), minted)
	claimed := unpack(t, "roundClaimed", c.Call(precompiletest.Frame{}, pack(t, "roundClaimed", rt.round, rt.recipients[1])).Ret)
	require.Equal(t, rt.amounts[1], claimed[0])
}

func TestFederatedClaimRefusals(t *testing.T) {
	c := federatedChain(t, 10_000)
	rt := newRewardTree(chainPars, 3, 6)
	args := func(i int, edit func(a []any)) []byte {
		a := rt.claimArgs(t, i)
		if edit != nil {
			edit(a)
		}
		return pack(t, "claimRoundReward", a...)
	}
	call := func(in []byte) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: stranger}, in) }
	requireRevert(t, call(args(0, nil)), "RoundNotPublished")
	require.NoError(t, publish(t, c, aggregator, rt).Err)

	root0 := root(c)
	for name, tc := range map[string]struct {
		edit func(a []any)
		want string
	}{
		"more than the leaf": {func(a []any) { a[2] = big.NewInt(101) }, "InvalidRewardProof"},
		"another recipient":  {func(a []any) { a[1] = stranger }, "InvalidRewardProof"},
		"another round":      {func(a []any) { a[0] = uint64(4) }, "RoundNotPublished"},
		"forged sibling":     {func(a []any) { a[3].([][32]byte)[0][5] ^= 1 }, "InvalidRewardProof"},
		"truncated proof":    {func(a []any) { a[3] = a[3].([][32]byte)[1:] }, "InvalidRewardProof"},
		"no proof":           {func(a []any) { a[3] = [][32]byte{} }, "InvalidRewardProof"},
		"proof too long":     {func(a []any) { a[3] = make([][32]byte, proof.MaxRewardProofDepth+1) }, "RewardProofTooLong"},
		"zero amount":        {func(a []any) { a[2] = big.NewInt(0) }, "InvalidParameter"},
		"zero recipient":     {func(a []any) { a[1] = common.Address{} }, "InvalidParameter"},
		"inner node as a leaf": {func(a []any) {
			// The parent of leaves 0 and 1 presented as a leaf of "amount".
			a[3] = a[3].([][32]byte)[1:]
		}, "InvalidRewardProof"},
	} {
		requireRevert(t, call(args(0, tc.edit)), tc.want)
		require.Equal(t, root0, root(c), name)
	}
	// The same tree on another chain does not pay here.
	zoo := newRewardTree(chainZoo, 3, 6)
	zr := call(pack(t, "claimRoundReward", zoo.claimArgs(t, 0)...))
	requireRevert(t, zr, "InvalidRewardProof")

	// Read-only frames cannot claim.
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, args(0, nil))
	requireRevert(t, r, "ReadOnlyCall")
}

// A dishonest aggregator whose leaves pay more than the published total
// cannot drain more than the total.
func TestFederatedRoundCannotPayMoreThanTotal(t *testing.T) {
	c := federatedChain(t, 10_000)
	rt := newRewardTree(chainPars, 9, 4) // leaves pay 100+200+300+400
	rt.total = big.NewInt(500)
	require.NoError(t, publish(t, c, aggregator, rt).Err)
	require.NoError(t, c.Call(precompiletest.Frame{}, pack(t, "claimRoundReward", rt.claimArgs(t, 3)...)).Err) // 400
	require.NoError(t, c.Call(precompiletest.Frame{}, pack(t, "claimRoundReward", rt.claimArgs(t, 0)...)).Err) // 100
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "claimRoundReward", rt.claimArgs(t, 1)...)), "RoundOverClaimed")
}

func TestFederatedGovernance(t *testing.T) {
	c := newChain(t)
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "registerAggregator", aggregator)), "NotGovernance")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setRoundPool", big.NewInt(1))), "NotGovernance")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "registerAggregator", common.Address{})), "InvalidParameter")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "revokeAggregator", aggregator)), "NotAggregator")

	// Pool 0: publishing a paying round is refused; an empty round is fine.
	require.NoError(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "registerAggregator", aggregator)).Err)
	isAgg := func() bool {
		return unpack(t, "isAggregator", c.Call(precompiletest.Frame{}, pack(t, "isAggregator", aggregator)).Ret)[0].(bool)
	}
	require.True(t, isAgg())
	rt := newRewardTree(chainPars, 1, 2)
	requireRevert(t, publish(t, c, aggregator, rt), "RoundTotalOverPool")
	r := c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setRoundPool", big.NewInt(300)))
	require.NoError(t, r.Err)
	require.Equal(t, big.NewInt(300), unpack(t, "roundPool", c.Call(precompiletest.Frame{}, pack(t, "roundPool")).Ret)[0])
	require.NoError(t, publish(t, c, aggregator, rt).Err)

	// Revoked: no more rounds.
	require.NoError(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "revokeAggregator", aggregator)).Err)
	require.False(t, isAgg())
	requireRevert(t, publish(t, c, aggregator, newRewardTree(chainPars, 2, 2)), "NotAggregator")
	// A published round stays claimable.
	require.NoError(t, c.Call(precompiletest.Frame{}, pack(t, "claimRoundReward", rt.claimArgs(t, 0)...)).Err)
}
