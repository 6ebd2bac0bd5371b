// Package federated is light mining: phones train a small model on their
// own data and send signed model updates to an aggregate node, which
// validates them, aggregates them with a Byzantine-robust rule, scores each
// contribution on a held-out validation set and splits a round's reward
// pool by score. The node publishes the round's aggregate model hash and the
// Merkle root of (recipient, amount) to IAIMining at 0x0300; every
// participant then claims its own leaf into its mining balance.
//
// Everything that decides money is deterministic and replayable. Given a
// round's Transcript (its parameters, base model and the admitted update
// envelopes) and the validation set it names, Recompute yields the same
// aggregate bytes, scores, reward leaves and root on every machine:
//
//   - Updates arrive as float32 deltas. Their L2 norm is computed in float64
//     in element order, every product rounded explicitly (Go may otherwise
//     fuse a multiply-add), and then each value is converted once to Q32.32
//     fixed point (proof.DTypeQ32) with round-half-to-even.
//   - Aggregation rules work on those int64 values in participant-id order,
//     with integer sums and floor division. Multi-Krum's distances are
//     float64 sums in a fixed order, again with every product rounded
//     explicitly; only their order is used.
//   - Scores use the multiclass hinge loss, which needs only additions,
//     multiplications and comparisons (no exp or log, whose last bits
//     differ between CPUs), quantised to integer nano-units.
//   - Rewards are integer arithmetic on uint256 amounts.
//
// The wire bytes (tensors, the signed update envelope, reward leaves and
// the tree) are defined in package proof; this package never re-encodes
// them.
package federated
