package precompile

import (
	"bytes"
	"encoding/binary"
	"math/big"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/stretchr/testify/require"
)

// extraABI holds argument types IAIMining does not use today (strings,
// signed and odd-sized integers, short fixed bytes, fixed arrays, nested
// arrays, tuples), so that decodeArguments is checked against go-ethereum
// beyond the types of the current interface.
const extraABI = `[
 {"type":"function","name":"scalars","stateMutability":"view","outputs":[],"inputs":[
  {"name":"s","type":"string"},{"name":"a","type":"int8"},{"name":"b","type":"int256"},
  {"name":"c","type":"uint24"},{"name":"d","type":"bytes3"},{"name":"e","type":"bool"},
  {"name":"f","type":"address"},{"name":"g","type":"int64"},{"name":"h","type":"uint128"}]},
 {"type":"function","name":"arrays","stateMutability":"view","outputs":[],"inputs":[
  {"name":"a","type":"uint8[2]"},{"name":"b","type":"bytes[2]"},{"name":"c","type":"uint256[][]"},
  {"name":"d","type":"int16[]"},{"name":"e","type":"string[]"},{"name":"f","type":"bytes32[2][]"}]},
 {"type":"function","name":"tuples","stateMutability":"view","outputs":[],"inputs":[
  {"name":"a","type":"tuple[]","components":[{"name":"x","type":"uint8"},{"name":"y","type":"bytes"}]},
  {"name":"b","type":"tuple","components":[{"name":"x","type":"uint64"},{"name":"y","type":"bytes32"}]},
  {"name":"c","type":"tuple","components":[{"name":"x","type":"bytes"},{"name":"y","type":"uint16[]"}]}]},
 {"type":"function","name":"none","stateMutability":"view","outputs":[],"inputs":[]}
]`

// layoutMethods returns every IAIMining function and the extra ones, in a
// fixed order.
func layoutMethods(t testing.TB) []abi.Method {
	extra, err := abi.JSON(strings.NewReader(extraABI))
	require.NoError(t, err)
	var out []abi.Method
	for _, a := range []abi.ABI{parsedABI, extra} {
		names := make([]string, 0, len(a.Methods))
		for n := range a.Methods {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, a.Methods[n])
		}
	}
	return out
}

// referenceDecode is go-ethereum's view of canonical calldata: it unpacks
// and packs again, and accepts only what packs back to the same bytes.
func referenceDecode(args abi.Arguments, data []byte) (vals []any, ok bool) {
	defer func() {
		if recover() != nil {
			vals, ok = nil, false
		}
	}()
	vals, err := args.Unpack(data)
	if err != nil {
		return nil, false
	}
	canon, err := args.Pack(vals...)
	if err != nil || !bytes.Equal(canon, data) {
		return nil, false
	}
	return vals, true
}

// sampleValue returns a random value of t as go-ethereum's packer takes it.
func sampleValue(t *abi.Type, r *rand.Rand) reflect.Value {
	switch t.T {
	case abi.UintTy, abi.IntTy:
		if t.GetType().Kind() == reflect.Pointer { // *big.Int: sizes other than 8, 16, 32 and 64
			v := new(big.Int).Rand(r, new(big.Int).Lsh(big.NewInt(1), uint(t.Size-1)))
			if t.T == abi.IntTy && r.Intn(2) == 0 {
				v.Neg(v)
			}
			return reflect.ValueOf(v)
		}
		v := reflect.New(t.GetType()).Elem()
		if t.T == abi.UintTy {
			v.SetUint(r.Uint64() >> (64 - t.Size))
		} else {
			v.SetInt(int64(r.Uint64()) >> (64 - t.Size))
		}
		return v
	case abi.BoolTy:
		return reflect.ValueOf(r.Intn(2) == 1)
	case abi.StringTy:
		return reflect.ValueOf(strings.Repeat("x", r.Intn(70)))
	case abi.BytesTy:
		b := make([]byte, r.Intn(70))
		r.Read(b)
		return reflect.ValueOf(b)
	case abi.SliceTy:
		n := r.Intn(4)
		s := reflect.MakeSlice(t.GetType(), n, n)
		for i := 0; i < n; i++ {
			s.Index(i).Set(sampleValue(t.Elem, r))
		}
		return s
	case abi.ArrayTy:
		v := reflect.New(t.GetType()).Elem()
		for i := 0; i < t.Size; i++ {
			v.Index(i).Set(sampleValue(t.Elem, r))
		}
		return v
	case abi.TupleTy:
		v := reflect.New(t.GetType()).Elem()
		for i, e := range t.TupleElems {
			v.Field(i).Set(sampleValue(e, r))
		}
		return v
	}
	// address and fixed bytes: random bytes of the Go array type
	v := reflect.New(t.GetType()).Elem()
	for i := 0; i < v.Len(); i++ {
		v.Index(i).SetUint(uint64(r.Intn(256)))
	}
	return v
}

// TestDecodeArgumentsMatchesUnpack packs random values of every IAIMining
// function's arguments and of the extra types with go-ethereum: the strict
// decoder accepts each encoding and returns exactly what Unpack returns.
func TestDecodeArgumentsMatchesUnpack(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, m := range layoutMethods(t) {
		t.Run(m.Name, func(t *testing.T) {
			for range 40 {
				vals := make([]any, len(m.Inputs))
				for i, a := range m.Inputs {
					vals[i] = sampleValue(&a.Type, r).Interface()
				}
				data, err := m.Inputs.Pack(vals...)
				require.NoError(t, err)
				want, err := m.Inputs.Unpack(data)
				require.NoError(t, err)
				got, err := decodeArguments(m.Inputs, data)
				require.NoError(t, err, "%x", data)
				require.Equal(t, want, got)
			}
		})
	}
}

// word is v as one ABI word.
func word(v uint64) []byte {
	w := make([]byte, 32)
	binary.BigEndian.PutUint64(w[24:], v)
	return w
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// TestDecodeArgumentsRefuses lists layouts no standard encoder produces,
// each refused with its fixed reason and the argument it was found in.
func TestDecodeArgumentsRefuses(t *testing.T) {
	m := func(name string) abi.Arguments { return parsedABI.Methods[name].Inputs }
	blob := cat(word(3), []byte{1, 2, 3}, make([]byte, 29))
	one := cat(word(1), word(32), blob) // bytes[] {0x010203}, relative to its start
	dirty := bytes.Clone(blob)
	dirty[40] = 1
	for _, tc := range []struct {
		name   string
		args   abi.Arguments
		data   []byte
		arg    int
		reason string
	}{
		{"empty calldata for arguments", m("isSpent"), nil, 0, layoutShort},
		{"half a word", m("isSpent"), make([]byte, 16), 0, layoutShort},
		{"trailing word", m("isSpent"), make([]byte, 64), -1, layoutTrailing},
		{"trailing byte", m("parameters"), []byte{0}, -1, layoutTrailing},
		{"dirty address", m("miningBalance"), cat([]byte{1}, make([]byte, 31)), 0, layoutPadding},
		{"uint8 above 255", m("attestationAllowlist"), cat(word(256), word(0)), 0, layoutRange},
		{"uint32 above 2^32-1", m("teleportSigners"), cat(word(1 << 32)), 0, layoutRange},
		{"bool 2", m("setTicketsRequired"), word(2), 0, layoutRange},
		{"offset behind the heads", m("workIdOf"), cat(word(0), blob), 0, layoutOffset},
		{"offset with a gap", m("workIdOf"), cat(word(64), word(0), blob), 0, layoutOffset},
		{"offset past the end", m("workIdOf"), cat(word(4096), blob), 0, layoutOffset},
		{"offset of 2^255", m("workIdOf"), cat(append([]byte{0x80}, make([]byte, 31)...), blob), 0, layoutOffset},
		{"length past the end", m("workIdOf"), cat(word(32), word(33), []byte{1, 2, 3}, make([]byte, 29)), 0, layoutLength},
		{"length of 2^64", m("workIdOf"), cat(word(32), append(make([]byte, 23), 1, 0, 0, 0, 0, 0, 0, 0, 0), make([]byte, 32)), 0, layoutLength},
		{"dirty padding", m("workIdOf"), cat(word(32), dirty), 0, layoutPadding},
		{"missing padding", m("workIdOf"), cat(word(32), word(3), []byte{1, 2, 3}), 0, layoutShort},
		{"two arguments share a tail", m("submitWorkProof"), cat(word(64), word(64), blob), 1, layoutOffset},
		{"second argument points backward", m("submitWorkProof"), cat(word(64), word(0), blob, blob), 1, layoutOffset},
		{"tails swapped", m("submitWorkProof"), cat(word(128), word(64), blob, blob), 0, layoutOffset},
		{"two arrays share one array", m("submitWorkProofs"), cat(word(64), word(64), one), 1, layoutOffset},
		{"entries share one blob", m("submitWorkProofs"),
			cat(word(64), word(64+4*32+2*64), word(2), word(64), word(64), blob, one), 0, layoutOffset},
		{"entry points backward", m("submitWorkProofs"),
			cat(word(64), word(64+4*32+2*64), word(2), word(64), word(0), blob, blob, one), 0, layoutOffset},
		{"entries overlap", m("submitWorkProofs"),
			cat(word(64), word(64+4*32+2*64), word(2), word(64), word(96), blob, blob, one), 0, layoutOffset},
		{"more entries than calldata", m("submitWorkProofs"), cat(word(64), word(96), word(1<<20), word(0)), 0, layoutLength},
		{"array count of 2^255", m("submitWorkProofs"), cat(word(64), word(96), append([]byte{0x80}, make([]byte, 31)...), word(0)), 0, layoutLength},
		{"uint8[] element above 255", m("relayTeleport"),
			cat(word(128), word(160), word(256), word(288), word(0), word(1), word(256), word(0), word(0)), 1, layoutRange},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ok := referenceDecode(tc.args, tc.data)
			require.False(t, ok, "the reference accepts the layout: the case is wrong")
			_, err := decodeArguments(tc.args, tc.data)
			require.Equal(t, &layoutError{arg: tc.arg, reason: tc.reason}, err)
		})
	}
}

// TestDecodeArgumentsNestedAliasing aliases the inner arrays of a
// uint256[][] argument: refused as a non-canonical offset.
func TestDecodeArgumentsNestedAliasing(t *testing.T) {
	extra, err := abi.JSON(strings.NewReader(extraABI))
	require.NoError(t, err)
	args := abi.Arguments{extra.Methods["arrays"].Inputs[2]} // uint256[][]
	inner := cat(word(2), word(7), word(8))
	good := cat(word(32), word(2), word(64), word(64+96), inner, inner)
	_, err = decodeArguments(args, good)
	require.NoError(t, err)
	aliased := cat(word(32), word(2), word(64), word(64), inner)
	_, ok := referenceDecode(args, aliased)
	require.False(t, ok)
	_, err = decodeArguments(args, aliased)
	require.Equal(t, &layoutError{arg: 0, reason: layoutOffset}, err)
}

// FuzzDecodeArguments holds the strict decoder to go-ethereum's reference
// on arbitrary calldata for every IAIMining function and the extra types:
// it accepts exactly what Unpack accepts and Pack reproduces byte for byte,
// with the same values, and never panics.
//
//	go test ./precompile -run '^$' -fuzz FuzzDecodeArguments -fuzztime 20s
func FuzzDecodeArguments(f *testing.F) {
	methods := layoutMethods(f)
	r := rand.New(rand.NewSource(2))
	for i, m := range methods {
		vals := make([]any, len(m.Inputs))
		for j, a := range m.Inputs {
			vals[j] = sampleValue(&a.Type, r).Interface()
		}
		data, err := m.Inputs.Pack(vals...)
		require.NoError(f, err)
		f.Add(uint16(i), data)
	}
	f.Fuzz(func(t *testing.T, which uint16, data []byte) {
		m := methods[int(which)%len(methods)]
		want, ok := referenceDecode(m.Inputs, data)
		got, err := decodeArguments(m.Inputs, data)
		if !ok {
			require.Error(t, err, "%s accepts non-canonical %x", m.Name, data)
			var le *layoutError
			require.ErrorAs(t, err, &le)
			return
		}
		require.NoError(t, err, "%s refuses canonical %x", m.Name, data)
		require.Equal(t, want, got)
	})
}
