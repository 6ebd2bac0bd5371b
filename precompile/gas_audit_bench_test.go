package precompile_test

import (
	"fmt"
	"testing"

	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
)

// BenchmarkGasAudit measures the audit draws in their worst cases against
// ecrecover in the same run (see BenchmarkGasSchedule):
//
//	go test ./precompile -run '^$' -bench 'GasAudit$' -benchtime 2000x
//
// Each op is a call frame charged GasDispatch (what any call to the
// precompile pays first) plus the draw's own gas, so the frame's overhead
// is paid for as it is in a real call. AuditSeed reads MaxAuditDelay
// hashes at the last block of its window;
// the host's GetHash walk is priced like the BLOCKHASH opcode (20 gas per
// read, included in GasAuditSeedPerBlock), the rest is ours. DrawCommittee
// ranks proof.MaxCommitteeVerifiers verifiers.
func BenchmarkGasAudit(b *testing.B) {
	b.Run(fmt.Sprintf("auditSeed/delay-%d", precompile.MaxAuditDelay), func(b *testing.B) {
		measured(b, func(int) func(int) precompiletest.Result {
			c := newChain(b)
			const submit = 1000
			c.SetBlock(submit+precompile.BlockHashWindow+1, t0)
			return func(int) precompiletest.Result {
				return c.Run(precompiletest.Frame{}, func(env precompile.Env) ([]byte, error) {
					if !env.UseGas(precompile.GasDispatch + precompile.AuditSeedGas(precompile.MaxAuditDelay)) {
						return nil, errFrameOutOfGas
					}
					seed, err := precompile.AuditSeed(env, submit, precompile.MaxAuditDelay)
					return seed[:], err
				})
			}
		})
	})

	b.Run("auditSelected", func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			seed := proof.DomainInput.Sum([]byte("seed"))
			works := make([]proof.Hash, n)
			for i := range works {
				works[i] = proof.DomainInput.Sum([]byte(fmt.Sprint("work", i)))
			}
			return func(i int) precompiletest.Result {
				return c.Run(precompiletest.Frame{}, func(env precompile.Env) ([]byte, error) {
					if !env.UseGas(precompile.GasDispatch + precompile.GasAuditDraw) {
						return nil, errFrameOutOfGas
					}
					if proof.AuditSelected(seed, works[i], 500) {
						return []byte{1}, nil
					}
					return []byte{0}, nil
				})
			}
		})
	})

	for _, n := range []int{16, proof.MaxCommitteeVerifiers} {
		b.Run(fmt.Sprintf("drawCommittee/verifiers-%d", n), func(b *testing.B) {
			measured(b, func(int) func(int) precompiletest.Result {
				c := newChain(b)
				seed := proof.DomainInput.Sum([]byte("seed"))
				ids := make([]proof.Hash, n)
				for i := range ids {
					ids[i] = proof.DomainInput.Sum([]byte(fmt.Sprint("verifier", i)))
				}
				return func(i int) precompiletest.Result {
					work := proof.DomainInput.Sum([]byte(fmt.Sprint("work", i)))
					return c.Run(precompiletest.Frame{}, func(env precompile.Env) ([]byte, error) {
						if !env.UseGas(precompile.GasDispatch + precompile.CommitteeGas(len(ids))) {
							return nil, errFrameOutOfGas
						}
						_, err := proof.DrawCommittee(seed, work, ids, 7)
						return nil, err
					})
				}
			})
		})
	}
}
