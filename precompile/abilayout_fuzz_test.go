package precompile_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/stretchr/testify/require"
)

// fuzzRateFloor is the least fraction of ecrecover's gas per microsecond
// FuzzABILayout accepts for one call of at least fuzzRateMinSize bytes. One
// call is timed (the fastest of three), not a median of many, on a machine
// shared with other work: the floor leaves room for that noise, and
// TestAdversarialABIRate holds the crafted worst cases to 1.
const (
	fuzzRateFloor   = 0.5
	fuzzRateMinSize = 1024
)

// layoutSeeds returns, for every function with a dynamic argument,
// canonical calldata and calldata with aliased, overlapping, backward,
// nested and out-of-bounds offsets.
func layoutSeeds(t testing.TB) [][]byte {
	names := make([]string, 0, len(iaimining.Methods))
	for n := range iaimining.Methods {
		names = append(names, n)
	}
	sort.Strings(names)
	put := func(b []byte, at int, v uint64) []byte {
		b = bytes.Clone(b)
		clear(b[at : at+32])
		binary.BigEndian.PutUint64(b[at+24:], v)
		return b
	}
	var seeds [][]byte
	for _, name := range names {
		m := iaimining.Methods[name]
		var dyn []int // head positions of the dynamic arguments, after the selector
		vals := make([]any, len(m.Inputs))
		for i, a := range m.Inputs {
			vals[i] = sampleArg(a.Type)
			if a.Type.T == abi.SliceTy && a.Type.Elem.T == abi.BytesTy {
				vals[i] = [][]byte{{1, 2, 3}, {4, 5}}
			}
			switch a.Type.T {
			case abi.BytesTy, abi.StringTy, abi.SliceTy:
				dyn = append(dyn, 4+32*i)
			}
		}
		if len(dyn) == 0 {
			continue
		}
		good := pack(t, name, vals...)
		first := binary.BigEndian.Uint64(good[dyn[0]+24:])
		seeds = append(seeds, good,
			put(good, dyn[0], 0),                           // backward, into the heads
			put(good, dyn[0], uint64(len(good))),           // past the end
			put(good, dyn[0], 1<<32),                       // far past the end
			put(good, dyn[len(dyn)-1], first),              // the last argument overlaps the first
			put(good, dyn[0], first+32),                    // a gap before the first tail
			append(bytes.Clone(good), make([]byte, 32)...), // trailing word
		)
		for i, a := range m.Inputs {
			if a.Type.T == abi.SliceTy && a.Type.Elem.T == abi.BytesTy {
				start := 4 + int(binary.BigEndian.Uint64(good[4+32*i+24:]))
				entry0 := binary.BigEndian.Uint64(good[start+32+24:])
				seeds = append(seeds, put(good, start+64, entry0)) // nested: two entries share a tail
			}
		}
		if aliased, err := precompiletest.AliasedCalldata(m, 8192); err == nil {
			seeds = append(seeds, aliased)
		}
	}
	return seeds
}

// FuzzABILayout sends calldata with adversarial ABI layouts (seeded with
// aliased, overlapping, backward, nested and out-of-bounds offsets for
// every function with a dynamic argument) as governance and as a stranger.
// Every call must end in success, a decodable IAIMining revert or out of
// gas, never panic, leave state unchanged when it fails, allocate at most
// a small multiple of its calldata, and, from fuzzRateMinSize bytes on,
// earn at least fuzzRateFloor of ecrecover's gas per microsecond measured
// at the start of the run.
//
//	go test ./precompile -run '^$' -fuzz FuzzABILayout -fuzztime 20s
func FuzzABILayout(f *testing.F) {
	for _, s := range layoutSeeds(f) {
		f.Add(s, false)
		f.Add(s, true)
	}
	anchor := ecrecoverAnchor(f)
	f.Fuzz(func(t *testing.T, input []byte, asGov bool) {
		c := newChain(t)
		frame := precompiletest.Frame{Caller: stranger, Gas: 10_000_000}
		if asGov {
			frame.Caller = gov
		}
		before := root(c)
		var r precompiletest.Result
		n := allocated(func() { r = c.Call(frame, input) })
		switch {
		case r.Err == nil:
		case errors.Is(r.Err, vm.ErrExecutionReverted):
			require.NotNil(t, r.Revert, "revert data %x is not an IAIMining error", r.Ret)
			fallthrough
		case errors.Is(r.Err, vm.ErrOutOfGas):
			require.Equal(t, before, root(c), "failed call (%v) changed state", r.Err)
		default:
			t.Fatalf("unexpected error %v", r.Err)
		}
		require.LessOrEqual(t, n, allocBound(len(input)), "%d bytes of calldata allocated %d bytes", len(input), n)
		if len(input) < fuzzRateMinSize || r.Err == nil {
			return // successful calls change state: repeating them measures something else
		}
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			c.Call(frame, input)
			best = min(best, time.Since(start))
		}
		got := rate(r.GasUsed, best)
		require.GreaterOrEqual(t, got/anchor, fuzzRateFloor, "%d bytes, %d gas in %v: %.0f gas/µs, ecrecover %.0f", len(input), r.GasUsed, best, got, anchor)
	})
}

// ecrecoverAnchor is ecrecover's gas per microsecond on this machine now.
func ecrecoverAnchor(t testing.TB) float64 {
	_, _, anchor := ratioToEcrecover(t, 1, 15, 20, func() {})
	return anchor
}
