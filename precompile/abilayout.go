package precompile

import (
	"encoding/binary"
	"math/big"
	"reflect"
	"strconv"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
)

// Strict decoding of calldata (DESIGN.md §3, pitfall 10).
//
// A standard ABI encoder writes each value once: the heads of a tuple, then
// the tails of its dynamic members back to back, in member order, each
// offset pointing exactly at the next tail. Offsets that point backward, at
// each other's tails or at one shared blob would let a few kilobytes of
// calldata decode to gigabytes (a bytes[] whose entries all point at one
// blob decodes to entries × blob bytes). decodeArguments accepts only the
// canonical layout: it walks the heads and tails once, checks every offset
// against the position the canonical encoder would have used, every length
// against the calldata left, every padding byte and every value's range,
// and refuses trailing bytes. It builds the values in the same pass, as
// go-ethereum's Arguments.Unpack would return them (a test checks both
// agree), allocating at most a small multiple of the calldata, in time
// linear in the calldata: no byte is read as part of two values, and no
// array claims more elements than the calldata could hold.

// Fixed refusal reasons of decodeArguments; revert data quotes them.
const (
	layoutShort    = "calldata ends inside a value"
	layoutOffset   = "offset not canonical"
	layoutLength   = "length exceeds calldata"
	layoutPadding  = "padding not zero"
	layoutRange    = "value out of range for its type"
	layoutTrailing = "trailing bytes after the arguments"
	layoutType     = "argument type not supported"
)

// layoutError refuses calldata that is not in the canonical ABI encoding of
// a function's arguments. Its text is fixed by this file.
type layoutError struct {
	arg    int    // the top-level argument being decoded; -1 before the first
	reason string // one of the layout* reasons
}

// Error implements error.
func (e *layoutError) Error() string {
	if e.arg < 0 {
		return e.reason
	}
	return "argument " + strconv.Itoa(e.arg) + ": " + e.reason
}

// argDecoder decodes one call's arguments.
type argDecoder struct {
	data []byte // the calldata after the selector
	arg  int    // the top-level argument being decoded, for errors
}

func (d *argDecoder) fail(reason string) error { return &layoutError{arg: d.arg, reason: reason} }

// decodeArguments decodes data as the canonical ABI encoding of args and
// returns their values as go-ethereum's args.Unpack(data) does, or a
// *layoutError for anything else.
func decodeArguments(args abi.Arguments, data []byte) ([]any, error) {
	d := &argDecoder{data: data, arg: -1}
	vals := make([]any, len(args))
	end, err := d.seq(0, len(args), func(i int) *abi.Type { d.arg = i; return &args[i].Type },
		func(i int, v any) { vals[i] = v })
	if err != nil {
		return nil, err
	}
	if end != len(data) {
		d.arg = -1
		return nil, d.fail(layoutTrailing)
	}
	return vals, nil
}

// seq decodes n values, the i-th of type elem(i), encoded as a tuple that
// starts at data[base]: their heads in order (a static value in place, a
// dynamic one as an offset from base), then the tails of the dynamic ones
// back to back in the same order. It hands each value to put and returns
// the index one past the tuple's last byte.
func (d *argDecoder) seq(base, n int, elem func(int) *abi.Type, put func(int, any)) (int, error) {
	headLen := 0
	for i := 0; i < n; i++ {
		headLen += headSize(elem(i))
		if headLen > len(d.data)-base {
			return 0, d.fail(layoutShort)
		}
	}
	head, tail := base, base+headLen
	for i := 0; i < n; i++ {
		t := elem(i)
		if !isDynamic(t) {
			v, err := d.static(t, head)
			if err != nil {
				return 0, err
			}
			put(i, v)
			head += staticSize(t)
			continue
		}
		off, ok := d.uint(head)
		if !ok || off != uint64(tail-base) {
			return 0, d.fail(layoutOffset)
		}
		v, end, err := d.dynamic(t, tail)
		if err != nil {
			return 0, err
		}
		put(i, v)
		head, tail = head+32, end
	}
	return tail, nil
}

// uint reads the word at pos as an offset or a length: false unless it is
// below 2^32 (calldata is far shorter) and the word lies in data.
func (d *argDecoder) uint(pos int) (uint64, bool) {
	if pos > len(d.data)-32 {
		return 0, false
	}
	w := d.data[pos : pos+32]
	if !allZero(w[:28]) {
		return 0, false
	}
	return uint64(binary.BigEndian.Uint32(w[28:])), true
}

// length reads the length word of a dynamic value at pos and checks that
// count units of unit bytes fit in the calldata after it.
func (d *argDecoder) length(pos, unit int) (int, error) {
	if pos > len(d.data)-32 {
		return 0, d.fail(layoutShort)
	}
	n, ok := d.uint(pos)
	if !ok || n > uint64((len(d.data)-pos-32)/unit) {
		return 0, d.fail(layoutLength)
	}
	return int(n), nil
}

// dynamic decodes the value of dynamic type t whose tail starts at pos, and
// returns the index one past its last byte.
func (d *argDecoder) dynamic(t *abi.Type, pos int) (any, int, error) {
	switch t.T {
	case abi.BytesTy:
		return d.bytes(pos)
	case abi.StringTy:
		b, end, err := d.bytes(pos)
		if err != nil {
			return nil, 0, err
		}
		return string(b), end, nil
	case abi.SliceTy:
		// Bound the element count by the calldata before allocating: each
		// element takes at least one word of head.
		n, err := d.length(pos, max(headSize(t.Elem), 32))
		if err != nil {
			return nil, 0, err
		}
		return d.list(t, pos+32, n)
	case abi.ArrayTy, abi.TupleTy:
		return d.composite(t, pos)
	}
	return nil, 0, d.fail(layoutType)
}

// bytes decodes the bytes value whose tail starts at pos, and returns the
// index one past its padding. The value shares data's memory.
func (d *argDecoder) bytes(pos int) ([]byte, int, error) {
	n, err := d.length(pos, 1)
	if err != nil {
		return nil, 0, err
	}
	start := pos + 32
	end := start + (n+31)/32*32
	if end > len(d.data) {
		return nil, 0, d.fail(layoutShort)
	}
	if !allZero(d.data[start+n : end]) {
		return nil, 0, d.fail(layoutPadding)
	}
	return d.data[start : start+n : start+n], end, nil
}

// byteStrings decodes a bytes[] of n elements encoded at base exactly as
// seq would, without boxing each element (the commonest array of the
// interface, and the one an attacker fills with the most elements).
func (d *argDecoder) byteStrings(base, n int) ([][]byte, int, error) {
	if n > (len(d.data)-base)/32 {
		return nil, 0, d.fail(layoutShort)
	}
	out := make([][]byte, n)
	head, tail := base, base+32*n
	for i := range out {
		off, ok := d.uint(head)
		if !ok || off != uint64(tail-base) {
			return nil, 0, d.fail(layoutOffset)
		}
		b, end, err := d.bytes(tail)
		if err != nil {
			return nil, 0, err
		}
		out[i] = b
		head, tail = head+32, end
	}
	return out, tail, nil
}

// list decodes the n elements of slice type t encoded at pos.
func (d *argDecoder) list(t *abi.Type, pos, n int) (any, int, error) {
	if t.Elem.T == abi.BytesTy {
		return d.byteStrings(pos, n)
	}
	elem := func(int) *abi.Type { return t.Elem }
	var (
		out any
		put func(int, any)
	)
	switch {
	case t.Elem.T == abi.UintTy && t.Elem.Size == 8:
		s := make([]uint8, n)
		out, put = s, func(i int, v any) { s[i] = v.(uint8) }
	case t.Elem.T == abi.FixedBytesTy && t.Elem.Size == 32:
		s := make([][32]byte, n)
		out, put = s, func(i int, v any) { s[i] = v.([32]byte) }
	default:
		s := reflect.MakeSlice(t.GetType(), n, n)
		out, put = s, func(i int, v any) { s.Index(i).Set(reflect.ValueOf(v)) }
	}
	end, err := d.seq(pos, n, elem, put)
	if err != nil {
		return nil, 0, err
	}
	if s, ok := out.(reflect.Value); ok {
		out = s.Interface()
	}
	return out, end, nil
}

// composite decodes a fixed-size array or a tuple at pos (in place when
// static, as a tuple of its own when dynamic) and returns the index one
// past its last byte.
func (d *argDecoder) composite(t *abi.Type, pos int) (any, int, error) {
	v := reflect.New(t.GetType()).Elem()
	var (
		n    int
		elem func(int) *abi.Type
		put  func(int, any)
	)
	if t.T == abi.ArrayTy {
		n, elem = t.Size, func(int) *abi.Type { return t.Elem }
		put = func(i int, x any) { v.Index(i).Set(reflect.ValueOf(x)) }
	} else {
		n, elem = len(t.TupleElems), func(i int) *abi.Type { return t.TupleElems[i] }
		put = func(i int, x any) { v.Field(i).Set(reflect.ValueOf(x)) }
	}
	end, err := d.seq(pos, n, elem, put)
	if err != nil {
		return nil, 0, err
	}
	return v.Interface(), end, nil
}

// static decodes the value of static type t at pos; the caller has checked
// that its staticSize bytes lie in data.
func (d *argDecoder) static(t *abi.Type, pos int) (any, error) {
	if t.T == abi.ArrayTy || t.T == abi.TupleTy {
		v, _, err := d.composite(t, pos)
		return v, err
	}
	w := d.data[pos : pos+32]
	switch t.T {
	case abi.UintTy:
		if t.Size < 256 && !allZero(w[:32-t.Size/8]) {
			return nil, d.fail(layoutRange)
		}
		switch t.Size {
		case 8:
			return w[31], nil
		case 16:
			return binary.BigEndian.Uint16(w[30:]), nil
		case 32:
			return binary.BigEndian.Uint32(w[28:]), nil
		case 64:
			return binary.BigEndian.Uint64(w[24:]), nil
		}
		return new(big.Int).SetBytes(w), nil
	case abi.IntTy:
		if t.Size < 256 {
			fill := byte(0)
			if w[32-t.Size/8]&0x80 != 0 {
				fill = 0xff
			}
			for _, b := range w[:32-t.Size/8] {
				if b != fill {
					return nil, d.fail(layoutRange)
				}
			}
		}
		v, err := abi.ReadInteger(*t, w)
		if err != nil {
			return nil, d.fail(layoutRange)
		}
		return v, nil
	case abi.BoolTy:
		if !allZero(w[:31]) || w[31] > 1 {
			return nil, d.fail(layoutRange)
		}
		return w[31] == 1, nil
	case abi.AddressTy:
		if !allZero(w[:12]) {
			return nil, d.fail(layoutPadding)
		}
		return common.BytesToAddress(w[12:]), nil
	case abi.FixedBytesTy:
		if !allZero(w[t.Size:]) {
			return nil, d.fail(layoutPadding)
		}
		if t.Size == 32 {
			return [32]byte(w), nil
		}
		v, err := abi.ReadFixedBytes(*t, w)
		if err != nil {
			return nil, d.fail(layoutType)
		}
		return v, nil
	}
	return nil, d.fail(layoutType)
}

// isDynamic reports whether values of t are encoded by offset.
func isDynamic(t *abi.Type) bool {
	switch t.T {
	case abi.BytesTy, abi.StringTy, abi.SliceTy:
		return true
	case abi.ArrayTy:
		return isDynamic(t.Elem)
	case abi.TupleTy:
		for _, e := range t.TupleElems {
			if isDynamic(e) {
				return true
			}
		}
	}
	return false
}

// staticSize is the encoded size of a value of static type t.
func staticSize(t *abi.Type) int {
	switch t.T {
	case abi.ArrayTy:
		return t.Size * staticSize(t.Elem)
	case abi.TupleTy:
		n := 0
		for _, e := range t.TupleElems {
			n += staticSize(e)
		}
		return n
	}
	return 32
}

// headSize is the size of t's head in a tuple: an offset word when dynamic.
func headSize(t *abi.Type) int {
	if isDynamic(t) {
		return 32
	}
	return staticSize(t)
}

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
