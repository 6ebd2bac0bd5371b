package precompile

import (
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
)

// federatedMethods are the federated-round functions: governance of
// aggregators and the round pool, publishing a round's reward root, and
// claiming a leaf of it.
func federatedMethods() map[string]*method {
	return map[string]*method{
		"registerAggregator": {writes: true, gas: fixedGas(gasAggregatorSetter), run: (*call).registerAggregator},
		"revokeAggregator":   {writes: true, gas: fixedGas(gasAggregatorSetter), run: (*call).revokeAggregator},
		"setRoundPool":       {writes: true, gas: fixedGas(gasViewParams + GasColdSload + GasSstoreSet + logGas(1, 64)), run: (*call).setRoundPool},
		"publishRound":       {writes: true, gas: fixedGas(gasPublishRound), run: (*call).publishRound},
		"claimRoundReward":   {writes: true, gas: claimRoundRewardGas, run: (*call).claimRoundReward},
		"isAggregator":       {gas: fixedGas(GasColdSload + GasFederatedSlot), run: (*call).isAggregator},
		"roundPool":          {gas: fixedGas(GasColdSload), run: (*call).roundPool},
		"roundInfo":          {gas: fixedGas(5*GasColdSload + 5*GasFederatedSlot), run: (*call).roundInfo},
		"roundClaimed":       {gas: fixedGas(GasColdSload + GasFederatedSlot), run: (*call).roundClaimed},
		"rewardLeaf":         {gas: fixedGas(GasRewardLeafView), run: (*call).rewardLeaf},
	}
}

// Storage and log costs of the federated functions, worst case.
var (
	// gasAggregatorSetter: the governance read, the aggregator slot read
	// cold and set from zero, and a log with two topics.
	gasAggregatorSetter = gasViewParams + GasFederatedSlot + GasColdSload + GasSstoreSet + logGas(2, 0)
	// gasPublishRound: five cold reads (aggregator, pool, round, rounds
	// published, rounds total), six slots set from zero (round, model,
	// root, total, rounds published, rounds total), five slot derivations
	// and RoundPublished (3 topics, 3 words).
	gasPublishRound = 5*GasColdSload + 6*GasSstoreSet + 5*GasFederatedSlot + logGas(3, 96)
	// gasClaimRoundStorage: eight cold reads (round, root, total, claimed,
	// claim, balance, total minted, rounds claimed), five slots set from
	// zero (claim, round claimed, balance, total minted, rounds claimed),
	// six slot derivations, the leaf hash and RoundRewardClaimed (3
	// topics, 1 word). Each proof element adds one node hash.
	gasClaimRoundStorage = 8*GasColdSload + 5*GasSstoreSet + 6*GasFederatedSlot + GasRewardHash + logGas(3, 32)
)

// claimRoundRewardGas prices a claim by the proof it carries; a proof
// longer than proof.MaxRewardProofDepth is charged as the longest allowed
// one and refused.
func claimRoundRewardGas(args []any) uint64 {
	n := min(len(args[3].([][32]byte)), proof.MaxRewardProofDepth)
	return gasClaimRoundStorage + uint64(n)*GasRewardHash
}

// federatedGovernance refuses every caller but the governance address.
func (c *call) federatedGovernance() error {
	if caller := c.env.Caller(); caller != c.st.params().Governance {
		return revert("NotGovernance", caller)
	}
	return nil
}

// registerAggregator(address aggregator)
func (c *call) registerAggregator(args []any) ([]any, error) {
	if err := c.federatedGovernance(); err != nil {
		return nil, err
	}
	a := args[0].(common.Address)
	if a == (common.Address{}) {
		return nil, revert("InvalidParameter", "aggregator is the zero address")
	}
	if !c.st.isAggregator(a) {
		c.st.set(AggregatorSlot(a), common.Hash{31: 1})
	}
	c.env.AddLog([]common.Hash{eventTopic("AggregatorRegistered"), common.BytesToHash(a[:])}, nil)
	return nil, nil
}

// revokeAggregator(address aggregator)
func (c *call) revokeAggregator(args []any) ([]any, error) {
	if err := c.federatedGovernance(); err != nil {
		return nil, err
	}
	a := args[0].(common.Address)
	if !c.st.isAggregator(a) {
		return nil, revert("NotAggregator", a)
	}
	c.st.set(AggregatorSlot(a), common.Hash{})
	c.env.AddLog([]common.Hash{eventTopic("AggregatorRevoked"), common.BytesToHash(a[:])}, nil)
	return nil, nil
}

// setRoundPool(uint256 pool)
func (c *call) setRoundPool(args []any) ([]any, error) {
	if err := c.federatedGovernance(); err != nil {
		return nil, err
	}
	next, _ := uint256.FromBig(args[0].(*big.Int)) // an ABI uint256 always fits
	old := c.st.getInt(numSlot(slotRoundPool))
	c.st.setInt(numSlot(slotRoundPool), next)
	c.env.AddLog([]common.Hash{eventTopic("RoundPoolSet")}, packEventData("RoundPoolSet", old.ToBig(), next.ToBig()))
	return nil, nil
}

// publishRound(uint64 roundId, bytes32 modelHash, bytes32 rewardsRoot, uint256 total)
func (c *call) publishRound(args []any) ([]any, error) {
	id, model, root := args[0].(uint64), common.Hash(args[1].([32]byte)), common.Hash(args[2].([32]byte))
	total, _ := uint256.FromBig(args[3].(*big.Int))
	caller := c.env.Caller()
	if !c.st.isAggregator(caller) {
		return nil, revert("NotAggregator", caller)
	}
	if pool := c.st.getInt(numSlot(slotRoundPool)); total.Gt(pool) {
		return nil, revert("RoundTotalOverPool", total.ToBig(), pool.ToBig())
	}
	switch {
	case model == (common.Hash{}):
		return nil, revert("InvalidParameter", "modelHash is zero")
	case root == (common.Hash{}) && !total.IsZero():
		return nil, revert("InvalidParameter", "rewardsRoot is zero but total is not")
	}
	if c.st.round(id).aggregator != (common.Address{}) {
		return nil, revert("RoundAlreadyPublished", id)
	}
	count := c.st.get(numSlot(slotRoundsPublished))
	n := new(uint256.Int).SetBytes32(count[:]).Uint64()
	if n == math.MaxUint64 {
		return nil, revert("ArithmeticOverflow")
	}
	if err := c.st.addTo(slotRoundsTotal, total); err != nil {
		return nil, err
	}
	c.st.setRound(id, roundRecord{aggregator: caller, publishedAt: c.env.BlockTime()})
	c.st.set(RoundModelSlot(id), model)
	c.st.set(RoundRootSlot(id), root)
	c.st.setInt(RoundTotalSlot(id), total)
	c.st.setInt(numSlot(slotRoundsPublished), uint256.NewInt(n+1))
	c.env.AddLog(
		[]common.Hash{eventTopic("RoundPublished"), common.BigToHash(bigOf(id)), common.BytesToHash(caller[:])},
		packEventData("RoundPublished", [32]byte(model), [32]byte(root), total.ToBig()),
	)
	return nil, nil
}

// claimRoundReward(uint64 roundId, address recipient, uint256 amount, bytes32[] proof) returns (uint256 credited)
func (c *call) claimRoundReward(args []any) ([]any, error) {
	id, recipient := args[0].(uint64), args[1].(common.Address)
	amount, _ := uint256.FromBig(args[2].(*big.Int))
	path := args[3].([][32]byte)
	if len(path) > proof.MaxRewardProofDepth {
		return nil, revert("RewardProofTooLong", bigOf(uint64(len(path))), bigOf(proof.MaxRewardProofDepth))
	}
	switch {
	case recipient == (common.Address{}):
		return nil, revert("InvalidParameter", "recipient is the zero address")
	case amount.IsZero():
		return nil, revert("InvalidParameter", "amount is zero")
	}
	if c.st.round(id).aggregator == (common.Address{}) {
		return nil, revert("RoundNotPublished", id)
	}
	claimSlot := RoundClaimSlot(id, recipient)
	if c.st.get(claimSlot) != (common.Hash{}) {
		return nil, revert("RoundRewardAlreadyClaimed", id, recipient)
	}
	chain, err := c.thisChain()
	if err != nil {
		return nil, err
	}
	h := proof.RewardLeaf(chain, id, recipient, amount)
	for _, p := range path {
		h = proof.RewardNode(h, proof.Hash(p))
	}
	if common.Hash(h) != c.st.get(RoundRootSlot(id)) {
		return nil, revert("InvalidRewardProof", id, recipient)
	}
	// The root's leaves may not pay more than the round published.
	total := c.st.getInt(RoundTotalSlot(id))
	claimed := c.st.getInt(RoundClaimedSlot(id))
	if _, overflow := claimed.AddOverflow(claimed, amount); overflow || claimed.Gt(total) {
		return nil, revert("RoundOverClaimed", id, total.ToBig(), c.st.getInt(RoundClaimedSlot(id)).ToBig())
	}
	balance := c.st.balance(recipient)
	if _, overflow := balance.AddOverflow(balance, amount); overflow {
		return nil, revert("ArithmeticOverflow")
	}
	minted := c.st.totalMinted()
	if _, overflow := minted.AddOverflow(minted, amount); overflow {
		return nil, revert("ArithmeticOverflow")
	}
	if err := c.st.addTo(slotRoundsClaimed, amount); err != nil {
		return nil, err
	}
	c.st.setInt(claimSlot, amount)
	c.st.setInt(RoundClaimedSlot(id), claimed)
	c.st.setBalance(recipient, balance)
	c.st.setTotalMinted(minted)
	c.env.AddLog(
		[]common.Hash{eventTopic("RoundRewardClaimed"), common.BigToHash(bigOf(id)), common.BytesToHash(recipient[:])},
		packEventData("RoundRewardClaimed", amount.ToBig()),
	)
	return []any{amount.ToBig()}, nil
}

// isAggregator(address) view returns (bool)
func (c *call) isAggregator(args []any) ([]any, error) {
	return []any{c.st.isAggregator(args[0].(common.Address))}, nil
}

// roundPool() view returns (uint256)
func (c *call) roundPool([]any) ([]any, error) {
	return []any{c.st.getInt(numSlot(slotRoundPool)).ToBig()}, nil
}

// roundInfo(uint64) view returns (address aggregator, uint64 publishedAt, bytes32 modelHash, bytes32 rewardsRoot, uint256 total, uint256 claimed)
func (c *call) roundInfo(args []any) ([]any, error) {
	id := args[0].(uint64)
	r := c.st.round(id)
	return []any{
		r.aggregator, r.publishedAt,
		[32]byte(c.st.get(RoundModelSlot(id))), [32]byte(c.st.get(RoundRootSlot(id))),
		c.st.getInt(RoundTotalSlot(id)).ToBig(), c.st.getInt(RoundClaimedSlot(id)).ToBig(),
	}, nil
}

// roundClaimed(uint64, address) view returns (uint256)
func (c *call) roundClaimed(args []any) ([]any, error) {
	return []any{c.st.getInt(RoundClaimSlot(args[0].(uint64), args[1].(common.Address))).ToBig()}, nil
}

// rewardLeaf(uint64, address, uint256) view returns (bytes32)
func (c *call) rewardLeaf(args []any) ([]any, error) {
	chain, err := c.thisChain()
	if err != nil {
		return nil, err
	}
	amount, _ := uint256.FromBig(args[2].(*big.Int))
	return []any{[32]byte(proof.RewardLeaf(chain, args[0].(uint64), args[1].(common.Address), amount))}, nil
}
