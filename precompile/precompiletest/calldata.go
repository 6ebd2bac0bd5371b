package precompiletest

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"reflect"

	"github.com/ethereum/go-ethereum/accounts/abi"
)

// Adversarial and plain calldata of one size for the functions of IAIMining
// that take bytes[] arguments, for tests and benchmarks of the ABI decoding
// (precompile tests and the node tests of evmpatch).

// AliasedCalldata returns calldata of size bytes (rounded down to whole
// words after the selector) for m, in which every bytes[] argument points
// at one shared array whose entries all point at one shared blob, so that a
// decoder that follows offsets blindly sees entries × blob bytes per
// argument. The array has about as many entries as the blob has words. Other
// dynamic arguments point at one shared empty value, static ones are zero.
// m must take at least one bytes[] argument.
func AliasedCalldata(m abi.Method, size int) ([]byte, error) {
	k := len(m.Inputs)
	if !hasBytesArray(m) {
		return nil, fmt.Errorf("precompiletest: %s takes no bytes[] argument", m.Name)
	}
	// The shared array comes first when the first dynamic argument is a
	// bytes[] (so that its offset is the canonical one and a decoder has
	// to walk into the array to see the aliasing), else the empty value.
	words := (size - 4) / 32
	n := (words - k - 3) / 2       // entries
	blobWords := words - k - 3 - n // the blob: as many words, or one more
	if n < 1 {
		return nil, fmt.Errorf("precompiletest: %d bytes are too few for aliased %s calldata", size, m.Name)
	}
	arrayLen := 32 * (1 + n + 1 + blobWords) // count, offsets, blob length, blob
	array, empty := 32*k, 32*k+arrayLen
	for _, a := range m.Inputs {
		if isDynamic(a.Type) {
			if !isBytesArray(a.Type) {
				array, empty = 32*k+32, 32*k
			}
			break
		}
	}
	out := make([]byte, 4+32*k+32+arrayLen)
	copy(out, m.ID)
	args := out[4:]
	for i, a := range m.Inputs {
		switch {
		case isBytesArray(a.Type):
			putWord(args[32*i:], array)
		case isDynamic(a.Type):
			putWord(args[32*i:], empty)
		}
	}
	putWord(args[array:], n)
	for j := 0; j < n; j++ {
		putWord(args[array+32+32*j:], 32*n) // every entry: the blob after the offsets
	}
	blob := array + 32 + 32*n
	putWord(args[blob:], 32*blobWords)
	for j := blob + 32; j < blob+32+32*blobWords; j++ {
		args[j] = 0x5a
	}
	return out, nil
}

// PlainCalldata returns canonical calldata of the same size as
// AliasedCalldata(m, size) for m: every bytes[] argument holds entries
// distinct blobs of equal length (the last one longer by what is left
// over), other dynamic arguments are empty and static ones zero.
func PlainCalldata(m abi.Method, size, entries int) ([]byte, error) {
	if !hasBytesArray(m) {
		return nil, fmt.Errorf("precompiletest: %s takes no bytes[] argument", m.Name)
	}
	if entries < 1 {
		return nil, fmt.Errorf("precompiletest: %d entries", entries)
	}
	want := 4 + (size-4)/32*32
	blobs := func(l int) [][]byte {
		out := make([][]byte, entries)
		for j := range out {
			out[j] = make([]byte, l)
			for x := range out[j] {
				out[j][x] = byte(j + x)
			}
		}
		return out
	}
	build := func(l, extra int) ([]byte, error) {
		vals := make([]any, len(m.Inputs))
		last := -1
		for i, a := range m.Inputs {
			if isBytesArray(a.Type) {
				vals[i], last = blobs(l), i
				continue
			}
			v, err := zeroValue(a.Type)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		arr := vals[last].([][]byte)
		arr[entries-1] = append(arr[entries-1], make([]byte, extra)...)
		in, err := m.Inputs.Pack(vals...)
		if err != nil {
			return nil, fmt.Errorf("precompiletest: pack %s: %w", m.Name, err)
		}
		return append(append([]byte(nil), m.ID...), in...), nil
	}
	base, err := build(0, 0)
	if err != nil {
		return nil, err
	}
	if len(base) > want {
		return nil, fmt.Errorf("precompiletest: %d bytes are too few for %d entries of %s", size, entries, m.Name)
	}
	arrays := 0
	for _, a := range m.Inputs {
		if isBytesArray(a.Type) {
			arrays++
		}
	}
	l := (want - len(base)) / (arrays * entries) / 32 * 32
	in, err := build(l, 0)
	if err != nil {
		return nil, err
	}
	return build(l, want-len(in))
}

// zeroValue is the zero of t as go-ethereum's ABI packer takes it.
func zeroValue(t abi.Type) (any, error) {
	switch t.T {
	case abi.IntTy, abi.UintTy:
		if t.Size > 64 {
			return new(big.Int), nil
		}
	case abi.SliceTy:
		return reflect.MakeSlice(t.GetType(), 0, 0).Interface(), nil
	case abi.BytesTy:
		return []byte{}, nil
	case abi.TupleTy, abi.FunctionTy, abi.FixedPointTy:
		return nil, fmt.Errorf("precompiletest: no zero value for %s", t)
	}
	return reflect.Zero(t.GetType()).Interface(), nil
}

func hasBytesArray(m abi.Method) bool {
	for _, a := range m.Inputs {
		if isBytesArray(a.Type) {
			return true
		}
	}
	return false
}

func isBytesArray(t abi.Type) bool { return t.T == abi.SliceTy && t.Elem.T == abi.BytesTy }

func isDynamic(t abi.Type) bool {
	switch t.T {
	case abi.BytesTy, abi.StringTy, abi.SliceTy:
		return true
	case abi.ArrayTy:
		return isDynamic(*t.Elem)
	case abi.TupleTy:
		for _, e := range t.TupleElems {
			if isDynamic(*e) {
				return true
			}
		}
	}
	return false
}

func putWord(b []byte, v int) { binary.BigEndian.PutUint64(b[24:32], uint64(v)) }
