package precompile_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
)

// BenchmarkGasFederated measures the federated-round functions in their
// worst cases against ecrecover in the same run (see BenchmarkGasSchedule):
//
//	go test ./precompile -run '^$' -bench GasFederated -benchtime 2000x
//
// claimRoundReward's worst case is a proof of proof.MaxRewardProofDepth
// siblings into a fresh round, for a fresh recipient (every slot created).
func BenchmarkGasFederated(b *testing.B) {
	for _, depth := range []int{0, proof.MaxRewardProofDepth} {
		b.Run(fmt.Sprintf("claimRoundReward/depth-%d", depth), func(b *testing.B) {
			measured(b, func(n int) func(int) precompiletest.Result {
				c := federatedChain(b, 1<<40)
				inputs := make([][]byte, n)
				for i := range inputs {
					round := uint64(i + 1)
					h := proof.DomainOutput.Sum([]byte(fmt.Sprint("claim", i)))
					to := common.BytesToAddress(h[:20])
					amount := big.NewInt(1000)
					leaf := proof.RewardLeaf(chainPars, round, to, uint256.NewInt(1000))
					path := make([][32]byte, depth)
					node := leaf
					for k := range path {
						path[k] = proof.DomainInput.Sum([]byte(fmt.Sprint(i, k)))
						node = proof.RewardNode(node, path[k])
					}
					r := c.Call(precompiletest.Frame{Caller: aggregator}, pack(b, "publishRound", round, [32]byte{1}, [32]byte(node), amount))
					if r.Err != nil {
						b.Fatal(r.Revert)
					}
					inputs[i] = pack(b, "claimRoundReward", round, to, amount, path)
				}
				return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: stranger}, inputs[i]) }
			})
		})
	}

	b.Run("publishRound", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := federatedChain(b, 1<<40)
			inputs := make([][]byte, n)
			for i := range inputs {
				inputs[i] = pack(b, "publishRound", uint64(i+1), [32]byte{1}, [32]byte{2, byte(i)}, big.NewInt(1000))
			}
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: aggregator}, inputs[i]) }
		})
	})

	b.Run("registerAggregator", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			inputs := make([][]byte, n)
			for i := range inputs {
				h := proof.DomainOutput.Sum([]byte(fmt.Sprint("agg", i)))
				inputs[i] = pack(b, "registerAggregator", common.BytesToAddress(h[:20]))
			}
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, inputs[i]) }
		})
	})

	views := []struct {
		name string
		in   func(b *testing.B) []byte
	}{
		{"setRoundPool", func(b *testing.B) []byte { return pack(b, "setRoundPool", big.NewInt(5)) }},
		{"isAggregator", func(b *testing.B) []byte { return pack(b, "isAggregator", aggregator) }},
		{"roundPool", func(b *testing.B) []byte { return pack(b, "roundPool") }},
		{"roundInfo", func(b *testing.B) []byte { return pack(b, "roundInfo", uint64(1)) }},
		{"roundClaimed", func(b *testing.B) []byte { return pack(b, "roundClaimed", uint64(1), payee) }},
		{"rewardLeaf", func(b *testing.B) []byte { return pack(b, "rewardLeaf", uint64(1), payee, big.NewInt(1)) }},
	}
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			measured(b, func(int) func(int) precompiletest.Result {
				c := federatedChain(b, 1<<40)
				in := v.in(b)
				return func(int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, in) }
			})
		})
	}
}
