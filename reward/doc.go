// Package reward computes Proof-of-AI mining rewards and the per-epoch
// difficulty adjustment that keeps emission near its budget.
//
// A miner whose work is accepted is credited
//
//	reward = baseReward × computeUnits × adjustment × trust
//
// where adjustment is a fixed-point number with 18 decimals (One() == 1.0)
// and trust is expressed in basis points (BpsDenominator == 1.0). The
// adjustment is recomputed once per epoch by [Advance], from the compute
// units accepted during the epoch that closed: if miners did more work than
// the target, the per-unit reward falls, and if they did less it rises, by at
// most MaxStepBps per epoch and always within [MinAdjustment, MaxAdjustment].
//
// Everything here runs inside EVM consensus, so the package is written to be
// deterministic on every node:
//
//   - integer arithmetic only (256-bit, via github.com/holiman/uint256), with
//     every multiplication and addition checked for overflow; an overflow is
//     reported as [ErrOverflow], never wrapped around;
//   - rounding is always toward zero, at a single documented place per
//     formula;
//   - no floats, no maps, no goroutines, no package state that changes after
//     initialisation, and no panics: every input, including nil pointers,
//     yields either a result or an error;
//   - loops are bounded by constants ([MaxSkippedEpochSteps]) so that a
//     fixed gas price covers the worst case;
//   - inputs are never mutated and every returned *uint256.Int is freshly
//     allocated, so callers may keep or modify results freely.
//
// All errors wrap one of the exported sentinel errors, so callers can map them
// with errors.Is.
package reward
