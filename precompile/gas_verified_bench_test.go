package precompile_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
)

// BenchmarkGasVerified measures the verified-work functions (model
// registry, bonds, pending rewards, caps) in their worst case next to
// ecrecover, as BenchmarkGasSchedule does:
//
//	go test ./precompile -run '^$' -bench GasVerified -benchtime 100x
func BenchmarkGasVerified(b *testing.B) {
	// bond: a fresh miner id each time (record created).
	b.Run("bond", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			c.Fund(bonder, bigBond)
			inputs := make([][]byte, n)
			for i := range inputs {
				inputs[i] = pack(b, "bond", [32]byte(proof.DomainInput.Sum([]byte(fmt.Sprint("bond", i)))))
			}
			return func(i int) precompiletest.Result {
				return c.Call(precompiletest.Frame{Caller: bonder, Value: precompile.DefaultMinBond}, inputs[i])
			}
		})
	})

	// requestUnbond and withdrawBond: one bonded miner id per call; the
	// withdrawal pays a fresh bonder account.
	bonded := func(b *testing.B, n int) (*precompiletest.Chain, [][32]byte, []common.Address) {
		c := newChain(b)
		ids := make([][32]byte, n)
		owners := make([]common.Address, n)
		for i := range ids {
			ids[i] = [32]byte(proof.DomainInput.Sum([]byte(fmt.Sprint("unbond", i))))
			h := proof.DomainOutput.Sum([]byte(fmt.Sprint("owner", i)))
			owners[i] = common.BytesToAddress(h[:20])
			c.Fund(owners[i], precompile.DefaultMinBond)
			if r := c.Call(precompiletest.Frame{Caller: owners[i], Value: precompile.DefaultMinBond}, pack(b, "bond", ids[i])); r.Err != nil {
				b.Fatal(r.Err, r.Revert)
			}
		}
		return c, ids, owners
	}
	b.Run("requestUnbond", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c, ids, owners := bonded(b, n)
			return func(i int) precompiletest.Result {
				return c.Call(precompiletest.Frame{Caller: owners[i]}, pack(b, "requestUnbond", ids[i], precompile.DefaultMinBond.ToBig()))
			}
		})
	})
	b.Run("withdrawBond", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c, ids, owners := bonded(b, n)
			for i := range ids {
				if r := c.Call(precompiletest.Frame{Caller: owners[i]}, pack(b, "requestUnbond", ids[i], precompile.DefaultMinBond.ToBig())); r.Err != nil {
					b.Fatal(r.Err, r.Revert)
				}
			}
			c.SetBlock(2+precompile.DefaultUnbondingDelay, t0)
			return func(i int) precompiletest.Result {
				return c.Call(precompiletest.Frame{Caller: owners[i]}, pack(b, "withdrawBond", ids[i]))
			}
		})
	})

	// finalizeWork: a full batch (maxBatchSize ids), every beneficiary's
	// balance created.
	b.Run("finalizeWork/32", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			sk := key(b, proof.MLDSA44, 1)
			bondKey(b, c, sk)
			batches := make([][]byte, n)
			for i := range batches {
				ids := make([][32]byte, 32)
				for j := range ids {
					p := makeProof(b, sk, chainPars, 10, func(p *proof.AIWorkProof) {
						p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint("fin", i, j)))
						h := proof.DomainOutput.Sum([]byte(fmt.Sprint("fin", i, j)))
						p.Beneficiary = common.BytesToAddress(h[:20])
					})
					if r := c.Call(precompiletest.Frame{}, pack(b, "submitWorkProof", p.Encode(), []byte{})); r.Err != nil {
						b.Fatal(r.Err, r.Revert)
					}
					ids[j] = p.WorkID()
				}
				batches[i] = pack(b, "finalizeWork", ids)
			}
			c.SetBlock(1+precompile.DefaultChallengeWindow, t0)
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{}, batches[i]) }
		})
	})

	// registerModel: a fresh model each time.
	b.Run("registerModel", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			inputs := make([][]byte, n)
			for i := range inputs {
				m := testModel()
				m.Hash = proof.DomainModel.Sum([]byte(fmt.Sprint(i)))
				inputs[i] = pack(b, "registerModel", [32]byte(m.Hash), m.Parameters, uint8(m.Tokenizer), m.BytesPerToken,
					m.MaxInputTokens, m.MaxOutputTokens, uint8(m.Verifier))
			}
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, inputs[i]) }
		})
	})
	b.Run("removeModel", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			inputs := make([][]byte, n)
			for i := range inputs {
				m := testModel()
				m.Hash = proof.DomainModel.Sum([]byte(fmt.Sprint(i)))
				if r := registerModel(b, c, gov, m); r.Err != nil {
					b.Fatal(r.Err, r.Revert)
				}
				inputs[i] = pack(b, "removeModel", [32]byte(m.Hash))
			}
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, inputs[i]) }
		})
	})

	views := []struct {
		name string
		in   func(b *testing.B) []byte
	}{
		{"modelInfo", func(b *testing.B) []byte { return pack(b, "modelInfo", [32]byte(precompile.BuiltinModel().Hash)) }},
		{"bondInfo", func(b *testing.B) []byte { return pack(b, "bondInfo", [32]byte{1}) }},
		{"pendingWork", func(b *testing.B) []byte { return pack(b, "pendingWork", [32]byte{1}) }},
		{"totalPending", func(b *testing.B) []byte { return pack(b, "totalPending") }},
		{"epochRewards", func(b *testing.B) []byte { return pack(b, "epochRewards") }},
		{"setBondParameters", func(b *testing.B) []byte {
			return pack(b, "setBondParameters", big.NewInt(7), uint16(300), uint64(100), uint64(231))
		}},
		{"setDeviceEpochCap", func(b *testing.B) []byte { return pack(b, "setDeviceEpochCap", uint32(9)) }},
	}
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			measured(b, func(int) func(int) precompiletest.Result {
				c := newChain(b)
				in := v.in(b)
				return func(int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, in) }
			})
		})
	}
}
