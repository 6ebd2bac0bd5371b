package precompile

import (
	"errors"
	"fmt"

	"github.com/pars-network/aimining/proof"
)

// Audit selection: the on-chain half of sampled audits. A proof submitted
// in block B is audited when proof.AuditSelected(seed, workID, p) holds for
// the seed AuditSeed(env, B, delay) over the hashes of blocks B+1 .. B+delay,
// none of which exists when the proof is signed or sent. The committee that
// judges large-model work is proof.DrawCommittee(seed, workID, verifiers, k).
//
// When the seed can be read: from block B+delay+1 (the last hash it needs
// exists) until block B+BlockHashWindow+1 (the first hash it needs leaves
// the BLOCKHASH window), so for BlockHashWindow-delay blocks. Whatever
// settles an audit after that must have stored the seed (or its draw) while
// it could still be read.
//
// Bias: the proposer of block B+delay sees the seed before anyone else and
// can withhold that block, at the cost of its reward, to redraw once; more
// blocks in the seed do not change that, they only make earlier proposers
// irrelevant.

// MaxAuditDelay is the most blocks an audit seed may wait for. It leaves
// at least BlockHashWindow-MaxAuditDelay = 192 blocks to read the seed.
const MaxAuditDelay = 64

// Gas of the audit draws, justified by BenchmarkGasAudit
// (gas_audit_bench_test.go) next to ecrecover in the same run: over five
// runs on a loaded 2-core machine the lowest ratios to ecrecover's gas per
// microsecond were 1.5 (AuditSeed, 64 blocks), 1.7 (a draw), 1.4 (a
// committee of 16) and 2.6 (a committee of 1024), each call frame also
// paying GasDispatch.
const (
	// GasAuditSeed is the fixed cost of AuditSeed; GasAuditSeedPerBlock is
	// its cost per block hash (the read, priced as the BLOCKHASH opcode's
	// 20 gas, and 32 bytes of hashing).
	GasAuditSeed         uint64 = 1000
	GasAuditSeedPerBlock uint64 = 80
	// GasAuditDraw is one proof.AuditSelected (a keyed BLAKE3 hash of 64
	// bytes and a 256-bit reduction).
	GasAuditDraw uint64 = 400
	// GasCommittee is the fixed cost of proof.DrawCommittee and
	// GasCommitteePerVerifier its cost per verifier (one rank hash and its
	// share of the sort).
	GasCommittee            uint64 = 1000
	GasCommitteePerVerifier uint64 = 100
)

// Errors of AuditSeed.
var (
	// ErrAuditDelay: the delay is 0 or above MaxAuditDelay.
	ErrAuditDelay = errors.New("audit delay out of range")
	// ErrAuditSeedNotReady: the last block of the seed is not mined yet.
	ErrAuditSeedNotReady = errors.New("audit seed not ready")
	// ErrAuditSeedExpired: the first block of the seed has left the
	// BLOCKHASH window.
	ErrAuditSeedExpired = errors.New("audit seed expired")
	// ErrAuditSeedUnavailable: the host served a zero hash inside the
	// window (a host that cannot serve block hashes here).
	ErrAuditSeedUnavailable = errors.New("audit seed block hash unavailable")
)

// AuditSeedGas is the gas AuditSeed costs for delay blocks; a caller
// charges it before calling AuditSeed. A delay out of range costs as much
// as MaxAuditDelay.
func AuditSeedGas(delay uint64) uint64 {
	if delay > MaxAuditDelay {
		delay = MaxAuditDelay
	}
	return GasAuditSeed + GasAuditSeedPerBlock*delay
}

// CommitteeGas is the gas proof.DrawCommittee costs for n verifiers.
func CommitteeGas(n int) uint64 {
	if n < 0 || n > proof.MaxCommitteeVerifiers {
		n = proof.MaxCommitteeVerifiers
	}
	return GasCommittee + GasCommitteePerVerifier*uint64(n)
}

// AuditSeed returns the audit seed of the proofs submitted in block
// submitBlock: proof.AuditSeed over the hashes of blocks submitBlock+1 ..
// submitBlock+delay, as env.BlockHash serves them. It needs the executing
// block to lie in submitBlock+delay+1 .. submitBlock+BlockHashWindow+1 and
// refuses otherwise, before reading any hash. It charges no gas: the
// caller charges AuditSeedGas(delay) first.
func AuditSeed(env Env, submitBlock, delay uint64) (proof.Hash, error) {
	if delay == 0 || delay > MaxAuditDelay {
		return proof.Hash{}, fmt.Errorf("%w: %d not in 1..%d", ErrAuditDelay, delay, MaxAuditDelay)
	}
	current := env.BlockNumber()
	// last = submitBlock+delay must be below current, without overflow.
	if current <= submitBlock || current-submitBlock <= delay {
		return proof.Hash{}, fmt.Errorf("%w: block %d needs block %d mined", ErrAuditSeedNotReady, current, submitBlock+delay)
	}
	// first = submitBlock+1 must be within BlockHashWindow of current.
	if current-submitBlock-1 > BlockHashWindow {
		return proof.Hash{}, fmt.Errorf("%w: block %d is past block %d's window", ErrAuditSeedExpired, current, submitBlock+1)
	}
	hashes := make([]proof.Hash, delay)
	for i := range hashes {
		n := submitBlock + 1 + uint64(i)
		h := env.BlockHash(n)
		if h == ([32]byte{}) {
			return proof.Hash{}, fmt.Errorf("%w: block %d", ErrAuditSeedUnavailable, n)
		}
		hashes[i] = proof.Hash(h)
	}
	return proof.AuditSeed(env.ChainID(), submitBlock, hashes)
}
