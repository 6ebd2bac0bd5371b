package precompile_test

import (
	"bytes"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// ecrecoverInput is a valid ecrecover input (go-ethereum's own test vector).
var ecrecoverInput = common.FromHex("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02")

// measured runs op (one precompile call) b.N times and reports gas/op,
// gas per microsecond, and the ratio of that to ecrecover's gas per
// microsecond. Each call is followed by one timed ecrecover, so both sides
// are measured under the same load on the machine. It returns the gas of
// the last call.
func measured(b *testing.B, setup func(n int) func(i int) precompiletest.Result) uint64 {
	run := setup(b.N)
	ec := vm.PrecompiledContractsCancun[common.BytesToAddress([]byte{1})]
	b.ResetTimer()
	var (
		gas             uint64
		opTime, ecrTime time.Duration
	)
	for i := 0; i < b.N; i++ {
		start := time.Now()
		r := run(i)
		mid := time.Now()
		if _, err := ec.Run(ecrecoverInput); err != nil {
			b.Fatal(err)
		}
		ecrTime += time.Since(mid)
		opTime += mid.Sub(start)
		if r.Err != nil {
			b.Fatalf("call %d: %v %v", i, r.Err, r.Revert)
		}
		gas = r.GasUsed
	}
	b.StopTimer()
	micros := float64(opTime.Nanoseconds()) / float64(b.N) / 1000
	anchor := float64(params.EcrecoverGas) / (float64(ecrTime.Nanoseconds()) / float64(b.N) / 1000)
	b.ReportMetric(float64(gas), "gas/op")
	b.ReportMetric(float64(gas)/micros, "gas/µs")
	b.ReportMetric(float64(gas)/micros/anchor, "x-ecrecover")
	return gas
}

// BenchmarkGasSchedule measures every IAIMining function in its worst case
// and reports gas per microsecond against ecrecover measured in the same
// run. x-ecrecover ≥ 1 means the function is priced at or above ecrecover.
//
//	go test ./precompile -run '^$' -bench GasSchedule -benchtime 2000x
func BenchmarkGasSchedule(b *testing.B) {
	b.Run("ecrecover", func(b *testing.B) {
		ec := vm.PrecompiledContractsCancun[common.BytesToAddress([]byte{1})]
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if _, err := ec.Run(ecrecoverInput); err != nil {
				b.Fatal(err)
			}
		}
		micros := float64(time.Since(start).Nanoseconds()) / float64(b.N) / 1000
		b.ReportMetric(float64(params.EcrecoverGas), "gas/op")
		b.ReportMetric(float64(params.EcrecoverGas)/micros, "gas/µs")
	})

	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		// Worst case: a fresh beneficiary (balance slot created), and the
		// longest epoch rollover (MaxSkippedEpochSteps skipped epochs).
		b.Run(fmt.Sprintf("submitWorkProof/%v", s), func(b *testing.B) {
			measured(b, func(n int) func(int) precompiletest.Result {
				c := newChain(b)
				sk := key(b, s, 1)
				bondKey(b, c, sk)
				// Each proof lands far after the previous one, so every call
				// rolls the epoch over the longest bounded distance.
				at := func(i int) uint64 { return uint64(t0) + uint64(i)*3600*(reward.MaxSkippedEpochSteps+2) }
				inputs := make([][]byte, n)
				for i := range inputs {
					p := makeProof(b, sk, chainPars, 1000, func(p *proof.AIWorkProof) {
						p.Context.Timestamp = at(i)
						p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint(i)))
						h := proof.DomainOutput.Sum([]byte(fmt.Sprint(i)))
						p.Beneficiary = common.BytesToAddress(h[:20])
					})
					inputs[i] = pack(b, "submitWorkProof", p.Encode(), []byte{})
				}
				return func(i int) precompiletest.Result {
					c.SetBlock(uint64(i+1), at(i))
					return c.Call(precompiletest.Frame{}, inputs[i])
				}
			})
		})
	}

	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		b.Run(fmt.Sprintf("verifyMLDSA/%v", s), func(b *testing.B) {
			measured(b, func(int) func(int) precompiletest.Result {
				c := newChain(b)
				sk := key(b, s, 2)
				msg := bytes.Repeat([]byte{7}, 1024)
				sig, err := sk.Sign(msg, nil, true)
				if err != nil {
					b.Fatal(err)
				}
				in := pack(b, "verifyMLDSA", sk.Public().Bytes(), msg, sig)
				return func(int) precompiletest.Result { return c.Call(precompiletest.Frame{}, in) }
			})
		})
	}

	views := []struct {
		name string
		in   func(b *testing.B) []byte
	}{
		{"miningBalance", func(b *testing.B) []byte { return pack(b, "miningBalance", payee) }},
		{"isSpent", func(b *testing.B) []byte { return pack(b, "isSpent", [32]byte{1}) }},
		{"workIdOf", func(b *testing.B) []byte {
			return pack(b, "workIdOf", makeProof(b, key(b, proof.MLDSA87, 1), chainPars, 1, nil).Encode())
		}},
		{"parameters", func(b *testing.B) []byte { return pack(b, "parameters") }},
		{"epochState", func(b *testing.B) []byte { return pack(b, "epochState") }},
		{"totalMinted", func(b *testing.B) []byte { return pack(b, "totalMinted") }},
		{"setTrustScores", func(b *testing.B) []byte { return pack(b, "setTrustScores", uint16(9000), uint16(5000)) }},
		{"setEpochParameters", func(b *testing.B) []byte {
			return pack(b, "setEpochParameters", uint64(7200), big.NewInt(1_000_000), uint16(1000))
		}},
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
