package precompile_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// foreignText are fragments of error text of libraries and of the Go
// runtime that must never reach revert data (DESIGN.md §3, pitfall 11).
var foreignText = []string{"x509", "asn1", "abi:", "runtime", "%!", "circl", "reflect", "big:"}

// sampleArg is a plain value of t as go-ethereum's packer takes it: zero
// for static types, three bytes for bytes, one element for arrays.
func sampleArg(t abi.Type) any {
	switch t.T {
	case abi.IntTy, abi.UintTy:
		if t.GetType().Kind() == reflect.Pointer {
			return big.NewInt(1)
		}
	case abi.BytesTy:
		return []byte{1, 2, 3}
	case abi.StringTy:
		return "abc"
	case abi.SliceTy:
		s := reflect.MakeSlice(t.GetType(), 1, 1)
		s.Index(0).Set(reflect.ValueOf(sampleArg(*t.Elem)))
		return s.Interface()
	}
	return reflect.Zero(t.GetType()).Interface()
}

// badCalldata returns calldata for m that no standard encoder produces,
// by name: cut, extended, with dirty padding or a broken first head word,
// aliased where m takes bytes[].
func badCalldata(t *testing.T, m abi.Method) map[string][]byte {
	vals := make([]any, len(m.Inputs))
	for i, a := range m.Inputs {
		vals[i] = sampleArg(a.Type)
	}
	good, err := m.Inputs.Pack(vals...)
	require.NoError(t, err)
	in := func(b []byte) []byte { return append(bytes.Clone(m.ID), b...) }
	out := map[string][]byte{
		"trailing byte": in(append(bytes.Clone(good), 0)),
		"trailing word": in(append(bytes.Clone(good), make([]byte, 32)...)),
	}
	if len(good) > 0 {
		out["cut by one byte"] = in(good[:len(good)-1])
		out["cut by one word"] = in(good[:len(good)-32])
		out["selector only"] = in(nil)
	}
	if len(m.Inputs) > 0 && constrained(m.Inputs[0].Type) {
		dirty := bytes.Clone(good)
		dirty[0] = 0xff
		out["first word's top byte set"] = in(dirty)
		huge := bytes.Clone(good)
		copy(huge[:32], bytes.Repeat([]byte{0xff}, 32))
		out["first word all ones"] = in(huge)
	}
	if aliased, err := precompiletest.AliasedCalldata(m, 4096); err == nil {
		out["aliased"] = aliased
	}
	return out
}

// constrained reports whether some 32-byte words are not a valid
// encoding of t's head (every word is a uint256, an int256 or a bytes32).
func constrained(t abi.Type) bool {
	switch t.T {
	case abi.UintTy, abi.IntTy, abi.FixedBytesTy:
		return t.Size < 256 && t.Size != 32
	}
	return true
}

// requireOwnRevert checks that r failed with revert data that decodes as
// an IAIMining custom error whose text holds no foreign error text.
func requireOwnRevert(t *testing.T, r precompiletest.Result) {
	t.Helper()
	if errors.Is(r.Err, vm.ErrOutOfGas) {
		return
	}
	require.ErrorIs(t, r.Err, vm.ErrExecutionReverted)
	require.NotNil(t, r.Revert, "revert data %x is not an IAIMining error", r.Ret)
	text := r.Revert.Error()
	for _, a := range r.Revert.Args {
		text += " " + fmt.Sprint(a)
	}
	for _, f := range foreignText {
		require.NotContains(t, text, f, "revert %s carries foreign text", r.Revert)
	}
}

// TestRevertDataIsOurs sends non-canonical calldata to every IAIMining
// function, and calldata whose layout is canonical but whose contents do
// not decode, as governance and as a stranger: every refusal is one of
// IAIMining's custom errors with reasons from this repository's code, never
// a library's error text.
func TestRevertDataIsOurs(t *testing.T) {
	names := make([]string, 0, len(iaimining.Methods))
	for n := range iaimining.Methods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		m := iaimining.Methods[name]
		bad := badCalldata(t, m)
		cases := make([]string, 0, len(bad))
		for k := range bad {
			cases = append(cases, k)
		}
		sort.Strings(cases)
		for _, k := range cases {
			t.Run(name+"/"+k, func(t *testing.T) {
				for _, caller := range []common.Address{gov, stranger} {
					c := newChain(t)
					before := root(c)
					r := c.Call(precompiletest.Frame{Caller: caller}, bad[k])
					requireRevert(t, r, "MalformedInput")
					requireOwnRevert(t, r)
					require.Equal(t, before, root(c))
				}
			})
		}
	}

	// Canonical layout, contents that do not decode.
	junk := bytes.Repeat([]byte{0xa5}, 3000)
	sk := key(t, proof.MLDSA44, 9)
	pk := sk.Public().Bytes()
	for _, tc := range []struct {
		name   string
		caller common.Address
		input  []byte
	}{
		{"submitWorkProof junk proof", stranger, pack(t, "submitWorkProof", junk, []byte{})},
		{"submitWorkProof short proof", stranger, pack(t, "submitWorkProof", junk[:10], []byte{})},
		{"submitWorkProofs junk proof", stranger, pack(t, "submitWorkProofs", [][]byte{junk}, [][]byte{{}})},
		{"submitWorkProofs count mismatch", stranger, pack(t, "submitWorkProofs", [][]byte{junk}, [][]byte{})},
		{"workIdOf junk proof", stranger, pack(t, "workIdOf", junk)},
		{"verifyMLDSA short key", stranger, pack(t, "verifyMLDSA", junk[:3], []byte("m"), junk)},
		{"relayTeleport junk message", stranger, pack(t, "relayTeleport", junk[:89], []byte{0}, [][]byte{pk}, [][]byte{junk})},
		{"relayTeleport short message", stranger, pack(t, "relayTeleport", junk[:5], []byte{}, [][]byte{}, [][]byte{})},
		{"setTeleportSigners short key", gov, pack(t, "setTeleportSigners", uint32(chainZoo), [][]byte{junk[:100]}, uint8(1))},
		{"setTeleportSigners same key twice", gov, pack(t, "setTeleportSigners", uint32(chainZoo), [][]byte{pk, pk}, uint8(1))},
		{"registerGateway short key", gov, pack(t, "registerGateway", junk[:3])},
		{"submitTicketedWork junk ticket", stranger, pack(t, "submitTicketedWork", junk, []byte{}, junk)},
		{"submitTicketedWork short ticket", stranger, pack(t, "submitTicketedWork", junk, []byte{}, junk[:7])},
		{"setEpochParameters zero length", gov, pack(t, "setEpochParameters", uint64(0), big.NewInt(1), uint16(100))},
		{"setEpochParameters step too large", gov, pack(t, "setEpochParameters", uint64(60), big.NewInt(1), uint16(60000))},
		{"setBaseReward overflowing", gov, pack(t, "setBaseReward", new(big.Int).Lsh(big.NewInt(1), 255))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			r := c.Call(precompiletest.Frame{Caller: tc.caller}, tc.input)
			require.Error(t, r.Err)
			requireOwnRevert(t, r)
			t.Logf("%s", strings.TrimSpace(r.Revert.Error()))
		})
	}
}
