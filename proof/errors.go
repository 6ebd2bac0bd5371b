package proof

import (
	"errors"
	"fmt"
)

// DecodeError reports a malformed encoding: which field, where, and why.
type DecodeError struct {
	What   string // the value being decoded, e.g. "AIWorkProof"
	Field  string // the field that is wrong, e.g. "public key length"
	Offset int    // byte offset of the field in the input
	Reason string // what is wrong with it
	Err    error  // a sentinel this error stands for (errors.Is), or nil
}

// Unwrap returns the sentinel the error stands for, if any.
func (e *DecodeError) Unwrap() error { return e.Err }

// Error implements error.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("proof: malformed %s: %s at byte %d: %s", e.What, e.Field, e.Offset, e.Reason)
}

// Errors returned by proof verification. Wrap-aware: test with errors.Is
// and errors.As.
var (
	// ErrBadSignature: the ML-DSA signature does not verify.
	ErrBadSignature = errors.New("proof: invalid ML-DSA signature")
	// ErrZeroOutputTokens: a proof claims no output.
	ErrZeroOutputTokens = errors.New("proof: output tokens are zero")
	// ErrWorkProofVersion1: a work proof of version 1, whose compute units
	// the miner chose. The text is fixed: the precompile reverts with it.
	ErrWorkProofVersion1 = errors.New("work proof version 1 is no longer accepted: compute units are computed on chain; want version 2")
	// ErrZeroBeneficiary: a proof credits the zero address.
	ErrZeroBeneficiary = errors.New("proof: beneficiary is the zero address")
)

// WrongChainError: the proof is bound to another chain.
type WrongChainError struct {
	Want uint64 // the chain that checks the proof
	Got  uint32 // the chain the proof is bound to
}

// Error implements error.
func (e *WrongChainError) Error() string {
	return fmt.Sprintf("proof: bound to chain %d, not chain %d", e.Got, e.Want)
}

// TimestampError: the proof's WorkContext timestamp lies outside the window
// around the reference time (the block time inside consensus).
type TimestampError struct {
	Timestamp uint64 // the WorkContext's timestamp
	Now       uint64 // the reference time
	Future    bool   // true if too far ahead, false if too old
}

// Error implements error.
func (e *TimestampError) Error() string {
	if e.Future {
		return fmt.Sprintf("proof: timestamp %d is too far ahead of time %d", e.Timestamp, e.Now)
	}
	return fmt.Sprintf("proof: timestamp %d is too old at time %d", e.Timestamp, e.Now)
}
