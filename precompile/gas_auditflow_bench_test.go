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
)

// must fails the benchmark when a setup call is refused.
func must(b *testing.B, r precompiletest.Result) {
	b.Helper()
	if r.Err != nil {
		b.Fatal(r.Err, r.Revert)
	}
}

// benchAuditChain is a test chain sampling everything, with the longest
// seed (MaxAuditDelay blocks) and the largest committee: the worst case of
// every audit function.
func benchAuditChain(b *testing.B) *precompiletest.Chain {
	c := newChain(b)
	must(b, govCall(b, c, "setAuditParameters", uint64(precompile.MaxAuditDelay), uint16(10000), uint64(precompile.DefaultRevealWindow),
		precompile.DefaultChallengeBond.ToBig(), uint16(precompile.MaxChallengerRewardBps)))
	must(b, govCall(b, c, "setCommitteeParameters", uint16(precompile.MaxCommitteeSize), uint64(32), uint64(32),
		precompile.DefaultMinVerifierStake.ToBig(), uint16(10000)))
	return c
}

// maxReexecJob is a built-in job at the re-execution caps (512 input
// bytes, 256 output tokens), its output made up so that the reveal runs
// the whole model and then slashes.
func maxReexecJob(b *testing.B, sk *proof.PrivateKey, tag string) *job {
	in := make([]byte, precompile.MaxReexecInput)
	copy(in, tag)
	out := make([]byte, precompile.MaxReexecOutput)
	copy(out, "made up "+tag)
	j := &job{input: in, output: out}
	j.p = builtinProof(b, sk, uint32(len(in)), uint32(len(out)), 0, func(p *proof.AIWorkProof) {
		p.Context.InputHash = proof.HashInput(in)
		p.Context.Nonce = proof.DomainInput.Sum([]byte("bench " + tag))
		p.OutputHash = proof.HashOutput(out)
	})
	return j
}

// BenchmarkGasAuditFlow measures the audit functions (sampling records,
// challenges, reveals with re-execution or a committee draw, votes,
// settlement with slashing, verifiers, gateway budgets) in their worst
// cases next to ecrecover in the same run (see BenchmarkGasSchedule):
//
//	go test ./precompile -run '^$' -bench GasAuditFlow -benchtime 20x
func BenchmarkGasAuditFlow(b *testing.B) {
	watcher := common.HexToAddress("0x00000000000000000000000000000000000000e9")

	// markSelected and finalizeWork: a full batch of 32 pieces of work
	// from 32 different blocks (no seed shared), every one drawn.
	batch := func(b *testing.B, n int, sampling uint16) ([]*precompiletest.Chain, [][]byte, [][]byte) {
		chains := make([]*precompiletest.Chain, n)
		marks, finals := make([][]byte, n), make([][]byte, n)
		sk := key(b, proof.MLDSA44, 90)
		for i := range chains {
			c := benchAuditChain(b)
			must(b, govCall(b, c, "setAuditParameters", uint64(precompile.MaxAuditDelay), sampling, uint64(precompile.DefaultRevealWindow),
				precompile.DefaultChallengeBond.ToBig(), uint16(precompile.MaxChallengerRewardBps)))
			bondKey(b, c, sk)
			ids := make([][32]byte, 32)
			for j := range ids {
				c.SetBlock(uint64(2+j), t0)
				p := makeProof(b, sk, chainPars, 10, func(p *proof.AIWorkProof) {
					p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint("batch", i, j)))
					h := proof.DomainOutput.Sum([]byte(fmt.Sprint("payee", i, j)))
					p.Beneficiary = common.BytesToAddress(h[:20])
				})
				must(b, c.Call(precompiletest.Frame{}, pack(b, "submitWorkProof", p.Encode(), []byte{})))
				ids[j] = p.WorkID()
			}
			c.SetBlock(2+precompile.DefaultChallengeWindow+31, t0)
			chains[i], marks[i], finals[i] = c, pack(b, "markSelected", ids), pack(b, "finalizeWork", ids)
		}
		return chains, marks, finals
	}
	b.Run("markSelected/32", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			chains, marks, _ := batch(b, n, 10000)
			return func(i int) precompiletest.Result { return chains[i].Call(precompiletest.Frame{}, marks[i]) }
		})
	})
	b.Run("finalizeWork/32", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			chains, _, finals := batch(b, n, 0)
			return func(i int) precompiletest.Result { return chains[i].Call(precompiletest.Frame{}, finals[i]) }
		})
	})

	// challenge: pending work not drawn yet, drawn by the call.
	b.Run("challenge", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := benchAuditChain(b)
			must(b, govCall(b, c, "setAuditParameters", uint64(precompile.MaxAuditDelay), uint16(0), uint64(precompile.DefaultRevealWindow),
				precompile.DefaultChallengeBond.ToBig(), uint16(precompile.MaxChallengerRewardBps)))
			sk := key(b, proof.MLDSA44, 91)
			bondKey(b, c, sk)
			ins := make([][]byte, n)
			for i := range ins {
				p := makeProof(b, sk, chainPars, 10, func(p *proof.AIWorkProof) {
					p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint("challenge", i)))
				})
				must(b, c.Call(precompiletest.Frame{}, pack(b, "submitWorkProof", p.Encode(), []byte{})))
				ins[i] = pack(b, "challenge", [32]byte(p.WorkID()))
			}
			c.SetBlock(2+precompile.MaxAuditDelay, t0)
			c.Fund(watcher, new(uint256.Int).Mul(precompile.DefaultChallengeBond, uint256.NewInt(uint64(n))))
			return func(i int) precompiletest.Result {
				return c.Call(precompiletest.Frame{Caller: watcher, Value: precompile.DefaultChallengeBond}, ins[i])
			}
		})
	})

	// reveal of built-in work at the re-execution caps, made up: the
	// model runs in full, then the miner id is slashed and the
	// challenger paid. One miner id per reveal (each slash takes a bond).
	b.Run("reveal/reexec-512-256", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := benchAuditChain(b)
			ins := make([][]byte, n)
			for i := range ins {
				sk := key(b, proof.MLDSA87, byte(100+i%100))
				j := maxReexecJob(b, sk, fmt.Sprint("reexec", i))
				bondKey(b, c, sk)
				must(b, c.Call(precompiletest.Frame{}, pack(b, "submitWorkProof", j.p.Encode(), []byte{})))
				ins[i] = pack(b, "reveal", j.id(), j.p.Encode(), j.input, j.output)
			}
			c.SetBlock(2+precompile.MaxAuditDelay, t0)
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{}, ins[i]) }
		})
	})
	// revealBatchItem of a batch of MaxBatchItems built-in items at the
	// re-execution caps, all made up alike (so whichever item the seed
	// picks runs the whole model, then slashes): the longest Merkle path.
	b.Run(fmt.Sprintf("revealBatchItem/reexec-512-256-of-%d", proof.MaxBatchItems), func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := benchAuditChain(b)
			ins := make([][]byte, n)
			type pending struct {
				id     [32]byte
				h      *proof.BatchHeader
				items  []proof.BatchItem
				leaves []proof.Hash
				j      *job
			}
			ps := make([]pending, n)
			for i := range ps {
				sk := key(b, proof.MLDSA87, byte(100+i%100))
				j := maxReexecJob(b, sk, fmt.Sprint("batch reexec", i))
				items := make([]proof.BatchItem, proof.MaxBatchItems)
				leaves := make([]proof.Hash, len(items))
				for k := range items {
					items[k] = proof.NewBatchItem(uint64(k+1), &j.p.Context, j.p.OutputHash, j.p.InputTokens, j.p.OutputTokens)
					leaves[k] = items[k].Leaf()
				}
				h := signBatch(b, sk, chainPars, items)
				bondKey(b, c, sk)
				must(b, c.Call(precompiletest.Frame{}, pack(b, "submitWorkBatch", h.Encode(), proof.EncodeBatchItems(items))))
				ps[i] = pending{id: [32]byte(h.ID()), h: h, items: items, leaves: leaves, j: j}
			}
			c.SetBlock(2+precompile.MaxAuditDelay, t0)
			for i, p := range ps {
				pick := int(view(b, c, "auditedBatchItem", p.id, p.h.Count)[0].(uint16))
				path, err := proof.BatchPath(p.leaves, pick)
				if err != nil {
					b.Fatal(err)
				}
				sib := make([][32]byte, len(path))
				for k := range path {
					sib[k] = [32]byte(path[k])
				}
				ins[i] = pack(b, "revealBatchItem", p.id, p.h.Count, [32]byte(p.h.Root), uint16(pick), p.items[pick].Encode(), sib, p.j.input, p.j.output)
			}
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{}, ins[i]) }
		})
	})
	// reveal of a built-in embedding of 512 input bytes.
	b.Run("reveal/embedding-512", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := benchAuditChain(b)
			sk := key(b, proof.MLDSA87, 92)
			bondKey(b, c, sk)
			ins := make([][]byte, n)
			for i := range ins {
				in := make([]byte, precompile.MaxReexecInput)
				copy(in, fmt.Sprint("embed", i))
				v, err := builtin.Default().Embed(context.Background(), in)
				if err != nil {
					b.Fatal(err)
				}
				out := builtin.EncodeEmbedding(v)
				p := builtinProof(b, sk, uint32(len(in)), uint32(len(out)), uint64(i), func(p *proof.AIWorkProof) {
					p.Context.InputHash = proof.HashInput(in)
					p.OutputHash = proof.HashOutput(out)
				})
				must(b, c.Call(precompiletest.Frame{}, pack(b, "submitWorkProof", p.Encode(), []byte{})))
				ins[i] = pack(b, "reveal", [32]byte(p.WorkID()), p.Encode(), in, out)
			}
			c.SetBlock(2+precompile.MaxAuditDelay, t0)
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{}, ins[i]) }
		})
	})

	// reveal of committee-model work: MaxVerifiers verifiers ranked, a
	// committee of MaxCommitteeSize recorded.
	committee := func(b *testing.B, n int) (*precompiletest.Chain, []*job, []common.Address) {
		c := benchAuditChain(b)
		vs := addVerifiers(b, c, 0, precompile.MaxVerifiers)
		sk := key(b, proof.MLDSA87, 93)
		bondKey(b, c, sk)
		jobs := make([]*job, n)
		for i := range jobs {
			jobs[i] = committeeJob(b, sk, fmt.Sprint("bench", i))
			must(b, c.Call(precompiletest.Frame{}, pack(b, "submitWorkProof", jobs[i].p.Encode(), []byte{})))
		}
		c.SetBlock(2+precompile.MaxAuditDelay, t0)
		return c, jobs, vs
	}
	b.Run(fmt.Sprintf("reveal/committee-%d-of-%d", precompile.MaxCommitteeSize, precompile.MaxVerifiers), func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c, jobs, _ := committee(b, n)
			return func(i int) precompiletest.Result { return revealJob(b, c, jobs[i]) }
		})
	})

	// Votes: the caller is the committee's last member (every member
	// slot searched); settlement finds no vote at all, penalizes every
	// member, each falls below the minimum stake and leaves the set, and
	// the challenger's bond is returned.
	voting := func(b *testing.B, n int) (*precompiletest.Chain, []*job) {
		c, jobs, _ := committee(b, n)
		for _, j := range jobs {
			must(b, revealJob(b, c, j))
		}
		return c, jobs
	}
	b.Run("commitVote", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c, jobs := voting(b, n)
			last := make([]common.Address, n)
			for i, j := range jobs {
				m, _, _ := committeeOf(b, c, j.id())
				last[i] = m[len(m)-1]
			}
			return func(i int) precompiletest.Result { return commitVote(b, c, jobs[i].id(), last[i], proof.VerdictFraud) }
		})
	})
	b.Run("revealVote", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c, jobs := voting(b, n)
			last := make([]common.Address, n)
			for i, j := range jobs {
				m, _, _ := committeeOf(b, c, j.id())
				last[i] = m[len(m)-1]
				must(b, commitVote(b, c, j.id(), last[i], proof.VerdictFraud))
			}
			c.SetBlock(c.EVM.Context.BlockNumber.Uint64()+33, t0)
			return func(i int) precompiletest.Result { return revealVote(b, c, jobs[i].id(), last[i], proof.VerdictFraud) }
		})
	})
	b.Run(fmt.Sprintf("settleAudit/votes-%d-missed", precompile.MaxCommitteeSize), func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c, jobs := voting(b, n)
			c.SetBlock(c.EVM.Context.BlockNumber.Uint64()+65, t0)
			return func(i int) precompiletest.Result { return settleAudit(b, c, jobs[i].id()) }
		})
	})
	// settleAudit of challenged work never revealed: slash, bounty paid.
	b.Run("settleAudit/no-reveal", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := benchAuditChain(b)
			must(b, govCall(b, c, "setAuditParameters", uint64(precompile.MaxAuditDelay), uint16(0), uint64(precompile.DefaultRevealWindow),
				precompile.DefaultChallengeBond.ToBig(), uint16(precompile.MaxChallengerRewardBps)))
			ids := make([][32]byte, n)
			for i := range ids {
				sk := key(b, proof.MLDSA44, byte(100+i%100))
				bondKey(b, c, sk)
				p := makeProof(b, sk, chainPars, 10, func(p *proof.AIWorkProof) {
					p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint("silent", i)))
				})
				must(b, c.Call(precompiletest.Frame{}, pack(b, "submitWorkProof", p.Encode(), []byte{})))
				ids[i] = p.WorkID()
				must(b, challengeWork(b, c, common.BigToAddress(big.NewInt(int64(0xc000+i))), ids[i], precompile.DefaultChallengeBond))
			}
			c.SetBlock(2+precompile.MaxAuditDelay+precompile.DefaultRevealWindow, t0)
			return func(i int) precompiletest.Result { return settleAudit(b, c, ids[i]) }
		})
	})

	// Verifiers: a fresh verifier joins a set of MaxVerifiers-1; leaving
	// moves the last entry; a withdrawal pays a fresh account.
	b.Run("registerVerifier", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			cs := make([]*precompiletest.Chain, n)
			for i := range cs {
				cs[i] = newChain(b)
				addVerifiers(b, cs[i], 0, precompile.MaxVerifiers-1)
				v := verifierAddr(5000)
				must(b, govCall(b, cs[i], "setVerifierAdmitted", v, true))
				cs[i].Fund(v, precompile.DefaultMinVerifierStake)
			}
			in := pack(b, "registerVerifier")
			return func(i int) precompiletest.Result {
				return cs[i].Call(precompiletest.Frame{Caller: verifierAddr(5000), Value: precompile.DefaultMinVerifierStake}, in)
			}
		})
	})
	b.Run("requestVerifierExit", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			vs := addVerifiers(b, c, 0, min(n, precompile.MaxVerifiers))
			in := pack(b, "requestVerifierExit")
			return func(i int) precompiletest.Result {
				return c.Call(precompiletest.Frame{Caller: vs[i%len(vs)]}, in)
			}
		})
	})
	b.Run("withdrawVerifierStake", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			vs := make([]common.Address, n)
			for i := range vs {
				vs[i] = addVerifiers(b, c, 100+i, 1)[0]
				must(b, c.Call(precompiletest.Frame{Caller: vs[i]}, pack(b, "requestVerifierExit")))
			}
			c.SetBlock(2+precompile.DefaultUnbondingDelay, t0)
			in := pack(b, "withdrawVerifierStake")
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: vs[i]}, in) }
		})
	})

	views := []struct {
		name string
		in   func(b *testing.B, c *precompiletest.Chain) []byte
	}{
		{"setVerifierAdmitted", func(b *testing.B, c *precompiletest.Chain) []byte {
			return pack(b, "setVerifierAdmitted", verifierAddr(7), true)
		}},
		{"setGatewayBudget", func(b *testing.B, c *precompiletest.Chain) []byte {
			return pack(b, "setGatewayBudget", [32]byte{7}, uint64(9))
		}},
		{"gatewayBudget", func(b *testing.B, c *precompiletest.Chain) []byte { return pack(b, "gatewayBudget", [32]byte{7}) }},
		{"auditParameters", func(b *testing.B, c *precompiletest.Chain) []byte { return pack(b, "auditParameters") }},
		{"auditInfo", func(b *testing.B, c *precompiletest.Chain) []byte { return pack(b, "auditInfo", [32]byte{7}) }},
		{"auditTotals", func(b *testing.B, c *precompiletest.Chain) []byte { return pack(b, "auditTotals") }},
		{"verifierInfo", func(b *testing.B, c *precompiletest.Chain) []byte { return pack(b, "verifierInfo", verifierAddr(1)) }},
		{"verifierSet/64", func(b *testing.B, c *precompiletest.Chain) []byte {
			addVerifiers(b, c, 0, precompile.MaxVerifiers)
			return pack(b, "verifierSet")
		}},
		{"committeeOf", func(b *testing.B, c *precompiletest.Chain) []byte { return pack(b, "committeeOf", [32]byte{7}) }},
		{"setAuditParameters", func(b *testing.B, c *precompiletest.Chain) []byte {
			return pack(b, "setAuditParameters", uint64(3), uint16(700), uint64(60), big.NewInt(5), uint16(900))
		}},
		{"setCommitteeParameters", func(b *testing.B, c *precompiletest.Chain) []byte {
			return pack(b, "setCommitteeParameters", uint16(7), uint64(30), uint64(31), big.NewInt(5), uint16(900))
		}},
	}
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			measured(b, func(int) func(int) precompiletest.Result {
				c := newChain(b)
				in := v.in(b, c)
				return func(int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, in) }
			})
		})
	}
	// auditDraw of work in its seed window, with the longest seed.
	b.Run("auditDraw", func(b *testing.B) {
		measured(b, func(int) func(int) precompiletest.Result {
			c := benchAuditChain(b)
			sk := key(b, proof.MLDSA44, 94)
			p := makeProof(b, sk, chainPars, 10, nil)
			must(b, submit(c, b, p, nil))
			c.SetBlock(2+precompile.MaxAuditDelay, t0)
			in := pack(b, "auditDraw", [32]byte(p.WorkID()))
			return func(int) precompiletest.Result {
				return c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, in)
			}
		})
	})
}
