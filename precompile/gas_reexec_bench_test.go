package precompile_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
)

// BenchmarkGasReexec measures ReexecBuiltin on a typical job and at the
// caps (the worst case) against ecrecover in the same run, and reports the
// model's speed in ns per multiply-accumulate (the whole call, hashing
// included, over its MACs):
//
//	go test ./precompile -run '^$' -bench GasReexec -benchtime 20x
func BenchmarkGasReexec(b *testing.B) {
	for _, size := range []struct {
		name    string
		in, out int
	}{
		{"default-64-64", 64, 64},
		{fmt.Sprintf("caps-%d-%d", precompile.MaxReexecInput, precompile.MaxReexecOutput), precompile.MaxReexecInput, precompile.MaxReexecOutput},
	} {
		b.Run(size.name, func(b *testing.B) {
			input := bytes.Repeat([]byte("Tell me about the sea. "), size.in/23+1)[:size.in]
			claim, out := honestJob(b, input, size.out)
			measured(b, func(int) func(int) precompiletest.Result {
				c := newChain(b)
				return func(int) precompiletest.Result {
					return c.Run(precompiletest.Frame{}, func(env precompile.Env) ([]byte, error) {
						g, err := precompile.ReexecGas(len(input), len(out))
						if err != nil {
							return nil, err
						}
						if !env.UseGas(g) {
							return nil, errFrameOutOfGas
						}
						v, err := precompile.ReexecBuiltin(claim, input, out)
						if err != nil || v != precompile.ReexecMatch {
							return nil, fmt.Errorf("verdict %v, %v", v, err)
						}
						return nil, nil
					})
				}
			})
			macs, _ := builtin.GenerateMACs(uint64(size.in), uint64(size.out))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(macs), "ns/MAC")
		})
	}
}
