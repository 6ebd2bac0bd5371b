package proof

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// Sampled audits. A pending proof is audited when a seed drawn from the
// hashes of blocks mined after its submission selects it, so nobody knows
// at submission time whether it will be; a committee of verifiers that
// judges large-model work is drawn by the same seed. Everything here is
// integer arithmetic over BLAKE3 digests, the same on every platform, and
// is used both by the precompile (consensus) and by the off-chain watcher
// and verifiers, which must reach the same answers.
var (
	// DomainAuditSeed derives the audit seed of a submission block from
	// the hashes of the blocks after it.
	DomainAuditSeed = newDomain("Pars AI mining v1 audit seed")
	// DomainAuditSelection draws whether one piece of work is audited.
	DomainAuditSelection = newDomain("Pars AI mining v1 audit selection")
	// DomainAuditCommittee ranks verifiers for the committee of one piece
	// of work.
	DomainAuditCommittee = newDomain("Pars AI mining v1 audit committee")
	// DomainAuditBatchItem picks the one item of an audited batch that its
	// miner must reveal.
	DomainAuditBatchItem = newDomain("Pars AI mining v1 audit batch item")
	// DomainVoteCommitment hashes a committee member's vote before it is
	// revealed.
	DomainVoteCommitment = newDomain("Pars AI mining v1 vote commitment")
)

// Committee verdicts a member votes.
const (
	// VerdictValid: the revealed output is what the model produces.
	VerdictValid uint8 = 1
	// VerdictFraud: it is not.
	VerdictFraud uint8 = 2
)

// VerifierID is the id a committee member is ranked under
// (CommitteeRank, DrawCommittee): its EVM address, left-padded to 32 bytes.
func VerifierID(verifier common.Address) Hash {
	return Hash(common.BytesToHash(verifier[:]))
}

// VoteCommitment is what a committee member commits to before it reveals
// its verdict on workID:
//
//	commitment = Sum_DomainVoteCommitment(work_id ‖ verifier(20) ‖ verdict(1) ‖ salt(32))
//
// The verifier's address is inside, so one member cannot copy another's
// commitment; the salt keeps the two possible verdicts from being guessed
// from the commitment.
func VoteCommitment(workID Hash, verifier common.Address, verdict uint8, salt Hash) Hash {
	return DomainVoteCommitment.Sum(workID[:], verifier[:], []byte{verdict}, salt[:])
}

// BasisPoints is the denominator of audit probabilities: 10000 = always.
const BasisPoints = 10_000

// MaxCommitteeVerifiers bounds the verifier set DrawCommittee ranks, which
// bounds its cost (one hash per verifier and a sort).
const MaxCommitteeVerifiers = 1024

// Errors of DrawCommittee.
var (
	ErrCommitteeSize          = errors.New("proof: committee size out of range")
	ErrTooManyVerifiers       = errors.New("proof: verifier set too large")
	ErrDuplicateVerifier      = errors.New("proof: verifier listed twice")
	ErrAuditSeedNoHashes      = errors.New("proof: audit seed needs at least one block hash")
	ErrAuditSeedZeroHash      = errors.New("proof: audit seed block hash is zero")
	ErrAuditSeedTooManyHashes = errors.New("proof: audit seed over too many block hashes")
)

// maxAuditSeedHashes bounds AuditSeed's input; the BLOCKHASH window (256)
// is the most a chain can serve anyway.
const maxAuditSeedHashes = 256

// AuditSeed is the audit seed of the proofs submitted in block submitBlock
// on chain chainID, from the hashes of blocks submitBlock+1 ..
// submitBlock+len(blockHashes), in that order (none of them exists when a
// proof in submitBlock is signed or sent):
//
//	seed = Sum_DomainAuditSeed(chain_id(8) ‖ submit_block(8) ‖ count(8) ‖ hash_1 ‖ … ‖ hash_count)
//
// integers big-endian. A zero hash (a block the host could not serve) is
// refused rather than folded in.
func AuditSeed(chainID, submitBlock uint64, blockHashes []Hash) (Hash, error) {
	switch {
	case len(blockHashes) == 0:
		return Hash{}, ErrAuditSeedNoHashes
	case len(blockHashes) > maxAuditSeedHashes:
		return Hash{}, fmt.Errorf("%w: %d > %d", ErrAuditSeedTooManyHashes, len(blockHashes), maxAuditSeedHashes)
	}
	b := make([]byte, 0, 24+32*len(blockHashes))
	b = binary.BigEndian.AppendUint64(b, chainID)
	b = binary.BigEndian.AppendUint64(b, submitBlock)
	b = binary.BigEndian.AppendUint64(b, uint64(len(blockHashes)))
	for i, h := range blockHashes {
		if h == (Hash{}) {
			return Hash{}, fmt.Errorf("%w: block %d", ErrAuditSeedZeroHash, submitBlock+1+uint64(i))
		}
		b = append(b, h[:]...)
	}
	return DomainAuditSeed.Sum(b), nil
}

// AuditDraw is the number in 0..BasisPoints-1 that decides whether workID
// is audited under seed: Sum_DomainAuditSelection(seed ‖ work_id) read as a
// 256-bit big-endian integer, modulo BasisPoints. Its distribution is
// uniform up to a bias below 2⁻²⁴².
func AuditDraw(seed, workID Hash) uint16 {
	d := DomainAuditSelection.Sum(seed[:], workID[:])
	return uint16(mod256(d, BasisPoints))
}

// AuditSelected reports whether workID is selected for audit under seed
// with probability pBps/BasisPoints: AuditDraw(seed, workID) < pBps. pBps
// of 0 selects nothing and BasisPoints or more selects everything.
func AuditSelected(seed, workID Hash, pBps uint16) bool {
	return AuditDraw(seed, workID) < pBps
}

// AuditedBatchItem is the index of the item that the miner of the audited
// batch batchID of count items must reveal, under the seed of the audit's
// anchor block (unknown when the batch was sent, so that a miner cannot
// make only the revealed item honest):
//
//	index = Sum_DomainAuditBatchItem(seed ‖ batch_id) as a 256-bit
//	        big-endian integer mod count
//
// A batch of n items with f fabricated ones is caught with probability f/n
// per audit. count 0 yields 0.
func AuditedBatchItem(seed, batchID Hash, count uint16) uint16 {
	if count == 0 {
		return 0
	}
	d := DomainAuditBatchItem.Sum(seed[:], batchID[:])
	return uint16(mod256(d, uint64(count)))
}

// mod256 returns the 256-bit big-endian integer d modulo m (0 < m < 2³²),
// exactly, by Horner's rule over 32-bit limbs.
func mod256(d Hash, m uint64) uint64 {
	var r uint64
	for i := 0; i < len(d); i += 4 {
		r = (r<<32 | uint64(binary.BigEndian.Uint32(d[i:]))) % m
	}
	return r
}

// CommitteeRank is a verifier's rank for the committee of workID under
// seed; lower ranks are drawn first:
//
//	rank = Sum_DomainAuditCommittee(seed ‖ work_id ‖ verifier_id)
func CommitteeRank(seed, workID, verifierID Hash) Hash {
	return DomainAuditCommittee.Sum(seed[:], workID[:], verifierID[:])
}

// DrawCommittee draws k distinct verifiers for workID under seed from
// verifierIDs and returns their indices into verifierIDs, lowest rank
// first. Each verifier is ranked by CommitteeRank and the k lowest ranks
// (compared as 32-byte big-endian numbers) are drawn, so the committee does
// not depend on the order of verifierIDs, and adding or removing one
// verifier only changes a committee that verifier is (or would be) in.
// Every k-subset is equally likely. It refuses k outside 1..len(verifierIDs),
// more than MaxCommitteeVerifiers verifiers, and a verifier listed twice.
func DrawCommittee(seed, workID Hash, verifierIDs []Hash, k int) ([]int, error) {
	n := len(verifierIDs)
	if n > MaxCommitteeVerifiers {
		return nil, fmt.Errorf("%w: %d > %d", ErrTooManyVerifiers, n, MaxCommitteeVerifiers)
	}
	if k < 1 || k > n {
		return nil, fmt.Errorf("%w: %d of %d verifiers", ErrCommitteeSize, k, n)
	}
	type ranked struct {
		rank Hash
		idx  int
	}
	rs := make([]ranked, n)
	h := DomainAuditCommittee.NewHasher() // one hasher, reset per verifier: CommitteeRank without n allocations
	for i, id := range verifierIDs {
		h.Reset()
		_, _ = h.Write(seed[:])
		_, _ = h.Write(workID[:])
		_, _ = h.Write(id[:])
		h.Sum(rs[i].rank[:0])
		rs[i].idx = i
	}
	// Equal ranks come from equal ids (barring a BLAKE3 collision); sorting
	// by rank, then id, then index puts any duplicates side by side.
	slices.SortFunc(rs, func(a, b ranked) int {
		if c := bytes.Compare(a.rank[:], b.rank[:]); c != 0 {
			return c
		}
		if c := bytes.Compare(verifierIDs[a.idx][:], verifierIDs[b.idx][:]); c != 0 {
			return c
		}
		return a.idx - b.idx
	})
	for i := 1; i < n; i++ {
		if verifierIDs[rs[i].idx] == verifierIDs[rs[i-1].idx] {
			return nil, fmt.Errorf("%w: indices %d and %d", ErrDuplicateVerifier, rs[i-1].idx, rs[i].idx)
		}
	}
	out := make([]int, k)
	for i := range out {
		out[i] = rs[i].idx
	}
	return out, nil
}
