package precompile

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
)

// abiJSON is the ABI of contracts/IAIMining.sol as solc emits it (a test
// keeps this copy identical to contracts/IAIMining.abi.json).
//
//go:embed iaimining.abi.json
var abiJSON []byte

// ABI returns the parsed IAIMining ABI. It is parsed once at package
// initialisation and never changes afterwards.
func ABI() abi.ABI { return parsedABI }

// ABIJSON returns the IAIMining ABI as JSON.
func ABIJSON() []byte { return bytes.Clone(abiJSON) }

var parsedABI = mustParseABI()

func mustParseABI() abi.ABI {
	a, err := abi.JSON(bytes.NewReader(abiJSON))
	if err != nil {
		panic(fmt.Sprintf("precompile: embedded ABI does not parse: %v", err)) // a build defect, caught by every test
	}
	return a
}

// Revert is a refusal: a Solidity custom error of IAIMining with its
// arguments. Its Data is what the EVM returns as revert data, decodable by
// any ABI library against IAIMining's ABI.
type Revert struct {
	Name string // the custom error's name, e.g. "WrongChain"
	Args []any  // its arguments, in ABI order
	Data []byte // selector ‖ ABI-encoded arguments
}

// Error renders the refusal like Solidity source: WrongChain(6133, 1).
func (r *Revert) Error() string {
	parts := make([]string, len(r.Args))
	for i, a := range r.Args {
		switch v := a.(type) {
		case string:
			parts[i] = fmt.Sprintf("%q", v)
		case []byte:
			parts[i] = fmt.Sprintf("0x%x", v)
		case [32]byte:
			parts[i] = fmt.Sprintf("0x%x", v[:])
		case [4]byte:
			parts[i] = fmt.Sprintf("0x%x", v[:])
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return "IAIMining." + r.Name + "(" + strings.Join(parts, ", ") + ")"
}

// revert builds the custom error name with args. Names and argument types
// are fixed in the source and every one is exercised by the tests; should
// packing ever fail, the revert still carries the error's selector rather
// than stopping the node.
func revert(name string, args ...any) *Revert {
	e := parsedABI.Errors[name]
	data := append([]byte(nil), e.ID[:4]...)
	if packed, err := e.Inputs.Pack(args...); err == nil {
		data = append(data, packed...)
	}
	return &Revert{Name: name, Args: args, Data: data}
}

// DecodeRevert decodes revert data returned by the precompile into a
// *Revert, for clients and tests.
func DecodeRevert(data []byte) (*Revert, error) {
	if len(data) < 4 {
		return nil, fmt.Errorf("revert data is %d bytes, too short for a selector", len(data))
	}
	for name, e := range parsedABI.Errors {
		if !bytes.Equal(e.ID[:4], data[:4]) {
			continue
		}
		args, err := e.Inputs.Unpack(data[4:])
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", name, err)
		}
		return &Revert{Name: name, Args: args, Data: bytes.Clone(data)}, nil
	}
	return nil, fmt.Errorf("revert selector %x is not an IAIMining error", data[:4])
}

// u256 converts to the *big.Int the ABI packer expects for uint256.
func u256(v interface{ ToBig() *big.Int }) *big.Int { return v.ToBig() }

// eventTopic returns the topic 0 of an IAIMining event.
func eventTopic(name string) common.Hash { return parsedABI.Events[name].ID }

// packEventData ABI-encodes an event's non-indexed arguments. Like revert,
// it is exercised for every event by the tests and never stops the node.
func packEventData(name string, args ...any) []byte {
	data, _ := parsedABI.Events[name].Inputs.NonIndexed().Pack(args...)
	return data
}

// decodeReason is the revert reason for an encoding of ours that does not
// decode: the text of a *proof.DecodeError, which the proof package builds
// from fixed field names, fixed reasons and integers and which wraps no
// other error, or else fallback. Revert data never carries a library's
// error text (DESIGN.md §3, pitfall 11).
func decodeReason(err error, fallback string) string {
	var de *proof.DecodeError
	if errors.As(err, &de) {
		return de.Error()
	}
	return fallback
}

// keyReason is the revert reason for a public key that proof.ParsePublicKey
// refused, from a fixed set (the error may wrap a library's).
func keyReason(err error) string {
	if errors.Is(err, proof.ErrUnknownScheme) {
		return "public key length fits no ML-DSA parameter set"
	}
	return "public key does not decode"
}
