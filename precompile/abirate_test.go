package precompile_test

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/stretchr/testify/require"
)

// ratioToEcrecover runs op and go-ethereum's ecrecover precompile (the
// anchor of the gas schedule) alternately, rounds rounds of batch runs
// each, so that both are measured under the same load, and returns the
// median over the rounds of op's gas per microsecond divided by
// ecrecover's, with the median time of one op and ecrecover's gas per
// microsecond in that round.
func ratioToEcrecover(t testing.TB, gas uint64, rounds, batch int, op func()) (float64, time.Duration, float64) {
	ec := vm.PrecompiledContractsCancun[common.BytesToAddress([]byte{1})]
	if _, err := ec.Run(ecrecoverInput); err != nil {
		t.Fatal(err)
	}
	type round struct {
		ratio, anchor float64
		op            time.Duration
	}
	rs := make([]round, rounds)
	for i := range rs {
		start := time.Now()
		for range batch {
			op()
		}
		mid := time.Now()
		for range batch {
			_, _ = ec.Run(ecrecoverInput)
		}
		opTime, ecTime := mid.Sub(start)/time.Duration(batch), time.Since(mid)/time.Duration(batch)
		anchor := rate(params.EcrecoverGas, ecTime)
		rs[i] = round{rate(gas, opTime) / anchor, anchor, opTime}
	}
	slices.SortFunc(rs, func(a, b round) int { return cmp.Compare(a.ratio, b.ratio) })
	m := rs[len(rs)/2]
	return m.ratio, m.op, m.anchor
}

// rate is gas per microsecond.
func rate(gas uint64, d time.Duration) float64 {
	return float64(gas) / (float64(d) / float64(time.Microsecond))
}

// adversarialCase is one piece of calldata built to make ABI decoding slow
// for the gas it is charged.
type adversarialCase struct {
	name   string
	caller common.Address
	input  []byte
}

// rawCalldata is m's selector followed by words.
func rawCalldata(m abi.Method, words ...[]byte) []byte {
	return append(bytes.Clone(m.ID), bytes.Join(words, nil)...)
}

// u is v as one ABI word.
func u(v uint64) []byte { return common.BigToHash(new(big.Int).SetUint64(v)).Bytes() }

// adversarialCases returns calldata of about size bytes for each function
// with a dynamic argument: aliased arrays (refused on the first shared
// tail), the most elements the size allows with a fault in the very last
// word (the decoder walks it all, then refuses), and canonical calldata
// with the most elements (decoded in full, then priced or refused by the
// function).
func adversarialCases(t testing.TB, size int) []adversarialCase {
	n := (size - 4 - 5*32) / 64 / 2 // entries per array when two arrays share the calldata (an empty entry takes two words)
	empty := make([][]byte, 2*n)
	for i := range empty {
		empty[i] = []byte{}
	}
	var out []adversarialCase
	for _, name := range []string{"submitWorkProofs", "setTeleportSigners", "relayTeleport"} {
		in, err := precompiletest.AliasedCalldata(iaimining.Methods[name], size)
		require.NoError(t, err)
		out = append(out, adversarialCase{name + " aliased", stranger, in})
	}
	// Canonical: the most empty entries, all decoded before gas is priced.
	keys := pack(t, "setTeleportSigners", uint32(chainZoo), empty, uint8(1))
	out = append(out,
		adversarialCase{"setTeleportSigners empty keys", stranger, keys},
		adversarialCase{"setTeleportSigners empty keys, governance", gov, keys},
		adversarialCase{"submitWorkProofs empty entries", stranger, pack(t, "submitWorkProofs", empty[:n], empty[n:])},
		adversarialCase{"relayTeleport uint8 signers", stranger, pack(t, "relayTeleport", []byte{}, make([]uint8, 4*n), [][]byte{}, [][]byte{})},
		adversarialCase{"claimRoundReward path", stranger, pack(t, "claimRoundReward", uint64(1), payee, big.NewInt(1), make([][32]byte, 4*n))},
	)
	// Walked to the end, refused on the last word: a trailing word, and
	// dirty padding in the last entry.
	trailing := append(bytes.Clone(keys), make([]byte, 32)...)
	out = append(out, adversarialCase{"setTeleportSigners trailing word", stranger, trailing})
	lastDirty := pack(t, "submitWorkProofs", empty[:n], append(append([][]byte(nil), empty[n:2*n-1]...), []byte{1}))
	lastDirty[len(lastDirty)-1] = 1
	out = append(out, adversarialCase{"submitWorkProofs dirty last padding", stranger, lastDirty})
	// Every entry of the first array points at one empty value, the second
	// array at the first.
	m := iaimining.Methods["submitWorkProofs"]
	words := [][]byte{u(64), u(64), u(uint64(4 * n))}
	for j := 0; j < 4*n; j++ {
		words = append(words, u(uint64(4*32*n)))
	}
	words = append(words, u(0))
	out = append(out, adversarialCase{"submitWorkProofs entries share one empty value", stranger, rawCalldata(m, words...)})
	return out
}

// TestAdversarialABIRate runs each adversarial calldata of 96 and 4 KiB through
// the precompile and measures its time against ecrecover's in the same
// run: every one earns at least ecrecover's gas per microsecond (the
// medians of several rounds are compared, so that a loaded machine does
// not decide), and allocates at most a small multiple of its size.
func TestAdversarialABIRate(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	cases := append(adversarialCases(t, aliasedSize), adversarialCases(t, 4096)...)
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/%d", tc.name, len(tc.input)), func(t *testing.T) {
			c := newChain(t)
			frame := precompiletest.Frame{Caller: tc.caller, Gas: 10_000_000}
			var r precompiletest.Result
			n := allocated(func() { r = c.Call(frame, tc.input) })
			require.Error(t, r.Err, "adversarial calldata accepted")
			require.True(t, errors.Is(r.Err, vm.ErrOutOfGas) || r.Revert != nil, "result %v", r.Err)
			require.LessOrEqual(t, n, allocBound(len(tc.input)))
			ratio, d, anchor := ratioToEcrecover(t, r.GasUsed, 9, 3, func() { c.Call(frame, tc.input) })
			t.Logf("%d bytes, %d gas, %v: %.0f gas/µs, %.2f× ecrecover (%.0f gas/µs); %d bytes allocated; %s",
				len(tc.input), r.GasUsed, d, rate(r.GasUsed, d), ratio, anchor, n, outcome(r))
			require.GreaterOrEqual(t, ratio, 1.0, "%s earns %.2f× ecrecover's gas per µs", tc.name, ratio)
		})
	}
}

func outcome(r precompiletest.Result) string {
	if r.Revert != nil {
		return r.Revert.Error()
	}
	return fmt.Sprint(r.Err)
}

// BenchmarkAdversarialABI reports, for each adversarial calldata of 96
// KiB, its gas per microsecond and its ratio to ecrecover's, measured
// alternately in the same run (x-ecrecover below 1 means underpriced).
//
//	go test ./precompile -run '^$' -bench AdversarialABI -benchtime 20x
func BenchmarkAdversarialABI(b *testing.B) {
	for _, tc := range adversarialCases(b, aliasedSize) {
		b.Run(tc.name, func(b *testing.B) {
			c := newChain(b)
			frame := precompiletest.Frame{Caller: tc.caller, Gas: 10_000_000}
			r := c.Call(frame, tc.input)
			b.ReportAllocs()
			b.ResetTimer()
			ratio, d, _ := ratioToEcrecover(b, r.GasUsed, b.N, 1, func() { c.Call(frame, tc.input) })
			b.ReportMetric(float64(r.GasUsed), "gas")
			b.ReportMetric(rate(r.GasUsed, d), "gas/µs")
			b.ReportMetric(ratio, "x-ecrecover")
		})
	}
}
