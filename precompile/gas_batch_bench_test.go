package precompile_test

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// calldataGasPerByte prices calldata as the throughput figures of the
// README do: 16 gas per byte, zero bytes included (EIP-2028's price of a
// non-zero byte; real zero bytes cost 4).
const calldataGasPerByte = 16

// txGas is what one transaction carrying input to 0x0300 costs end to end
// at calldataGasPerByte: the base cost, the calldata and the precompile.
func txGas(precompileGas uint64, input []byte) uint64 {
	return params.TxGas + calldataGasPerByte*uint64(len(input)) + precompileGas
}

// BenchmarkGasBatch measures submitWorkBatch in its worst case next to
// ecrecover, as BenchmarkGasSchedule does, at batch sizes 1, 16, 64 and
// 256 (and the largest batch), with submitWorkProof of the same scheme in
// the same run as the baseline:
//
//	go test ./precompile -run '^$' -bench GasBatch -benchtime 100x
//
// Worst case: no decoded-key cache (the gas is priced for the miss), every
// call rolls the epoch over the longest bounded distance, items of one
// model in consecutive sequence numbers (the least storage gas per item, so
// the most compute per gas). Besides gas/op, gas/µs and x-ecrecover it
// reports, per accepted work item, the transaction's gas at 16 gas per
// calldata byte plus 21,000 (tx-gas/item), the calldata bytes per item and
// how many times cheaper an item is than a single proof (x-single).
func BenchmarkGasBatch(b *testing.B) {
	at := func(i int) uint64 { return uint64(t0) + uint64(i)*3600*(reward.MaxSkippedEpochSteps+2) }
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		var single uint64 // tx gas of one submitWorkProof
		b.Run(fmt.Sprintf("submitWorkProof/%v", s), func(b *testing.B) {
			var input []byte
			gas := measured(b, func(n int) func(int) precompiletest.Result {
				c := newChain(b)
				sk := key(b, s, 1)
				bondKey(b, c, sk)
				inputs := make([][]byte, n)
				for i := range inputs {
					p := makeProof(b, sk, chainPars, 1, func(p *proof.AIWorkProof) {
						p.Context.Timestamp = at(i) - 5
						p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint(i)))
						h := proof.DomainOutput.Sum([]byte(fmt.Sprint(i)))
						p.Beneficiary = common.BytesToAddress(h[:20])
					})
					inputs[i] = pack(b, "submitWorkProof", p.Encode(), []byte{})
				}
				input = inputs[0]
				return func(i int) precompiletest.Result {
					c.SetBlock(uint64(i+1), at(i))
					return c.Call(precompiletest.Frame{}, inputs[i])
				}
			})
			single = txGas(gas, input)
			b.ReportMetric(float64(single), "tx-gas/item")
			b.ReportMetric(float64(len(input)), "calldata-bytes/item")
		})
		for _, size := range []int{1, 16, 64, 256, proof.MaxBatchItems} {
			b.Run(fmt.Sprintf("submitWorkBatch/%v/%d", s, size), func(b *testing.B) {
				var input []byte
				gas := measured(b, func(n int) func(int) precompiletest.Result {
					c := newChain(b)
					sk := key(b, s, 1)
					bondKey(b, c, sk)
					inputs := make([][]byte, n)
					for i := range inputs {
						items := batchItems(1, fmt.Sprint("bench", i), seqRange(uint64(i*size), uint64(size))...)
						for k := range items {
							items[k].Timestamp = at(i) - 5
						}
						h, err := proof.SignBatch(sk, chainPars, common.BytesToAddress([]byte{byte(i), byte(i >> 8), 0xbe}), items, true)
						if err != nil {
							b.Fatal(err)
						}
						inputs[i] = pack(b, "submitWorkBatch", h.Encode(), proof.EncodeBatchItems(items))
					}
					input = inputs[0]
					return func(i int) precompiletest.Result {
						c.SetBlock(uint64(i+1), at(i))
						return c.Call(precompiletest.Frame{}, inputs[i])
					}
				})
				perItem := float64(txGas(gas, input)) / float64(size)
				b.ReportMetric(perItem, "tx-gas/item")
				b.ReportMetric(float64(gas)/float64(size), "precompile-gas/item")
				b.ReportMetric(float64(len(input))/float64(size), "calldata-bytes/item")
				if single != 0 {
					b.ReportMetric(float64(single)/perItem, "x-single")
				}
			})
		}
	}
}
