// Package teleport holds the parts of Teleport shared by the precompile and
// the off-chain signer and relayer: signer sets, the quorum check of a
// relayed message, the limits that bound on-chain work, and the JSON a
// signer serves. The message itself and its encoding live in proof
// (proof.TeleportMessage), the single source of truth for bytes on the wire.
//
// A teleport moves mined AI tokens between chains. The source chain burns
// the amount from the sender's mining balance and emits TeleportSent with
// the canonical message. Each of the source chain's teleport signers signs
// the message once it is final. A relayer collects signatures from at least
// the threshold of distinct signers and submits them to the destination
// chain, which checks them against the signer set governance configured for
// that source chain, remembers the message id forever, and keeps the amount
// pending for the recipient until claimTeleport credits it.
package teleport

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
)

// Limits that bound the precompile's worst case.
const (
	// MaxSigners is the largest signer set of one source chain.
	MaxSigners = 16
	// MaxPending is how many unclaimed teleports one recipient may have
	// waiting. A relay beyond it is refused (the message stays unrelayed
	// and can be relayed once the recipient has claimed).
	MaxPending = 16
)

// Status of a teleport id on the destination chain.
const (
	StatusUnknown uint8 = 0 // never relayed here
	StatusPending uint8 = 1 // relayed, waiting for claimTeleport
	StatusClaimed uint8 = 2 // credited to the recipient
)

// SignerID returns the id under which a signer's ML-DSA public key is
// registered in a signer set (the key's proof.MinerID).
func SignerID(publicKey []byte) proof.Hash { return proof.MinerID(publicKey) }

// Set is the signer set of one source chain: the ids of its signers' public
// keys in governance's order and the number of them that must sign.
type Set struct {
	Threshold uint8
	IDs       []proof.Hash
}

// ErrInvalidSet reports a signer set governance may not configure.
var ErrInvalidSet = errors.New("teleport: invalid signer set")

// Validate checks 1 <= threshold <= size <= MaxSigners and distinct ids.
// A threshold of at least a majority is the operator's choice; the protocol
// only requires one.
func (s Set) Validate() error {
	n := len(s.IDs)
	switch {
	case n == 0 || n > MaxSigners:
		return fmt.Errorf("%w: %d signers, want 1 to %d", ErrInvalidSet, n, MaxSigners)
	case s.Threshold == 0 || int(s.Threshold) > n:
		return fmt.Errorf("%w: threshold %d of %d signers", ErrInvalidSet, s.Threshold, n)
	}
	for i := range s.IDs {
		for j := i + 1; j < n; j++ {
			if s.IDs[i] == s.IDs[j] {
				return fmt.Errorf("%w: signers %d and %d have the same key", ErrInvalidSet, i, j)
			}
		}
	}
	return nil
}

// Index returns the position of the signer with public key pk in the set.
func (s Set) Index(publicKey []byte) (uint8, bool) {
	id := SignerID(publicKey)
	for i, x := range s.IDs {
		if x == id {
			return uint8(i), true
		}
	}
	return 0, false
}

// Check verifies a quorum of signatures over the encoded message against
// the set.
func (s Set) Check(encoded []byte, sigs []Signature) error {
	return CheckQuorum(s.Threshold, len(s.IDs), func(i int) proof.Hash { return s.IDs[i] }, encoded, sigs)
}

// Signature is one signer's signature of a message, with the signer's
// position in the destination chain's set for the message's source chain
// and its public key (checked against the id registered at that position).
type Signature struct {
	Index     uint8
	PublicKey []byte
	Signature []byte
}

// Failure says why a quorum check failed.
type Failure uint8

// The ways a quorum check fails.
const (
	NotEnoughSigners Failure = iota + 1 // fewer signatures than the threshold
	DuplicateSigner                     // one signer counted twice
	UnknownSigner                       // no such position, or another key than the one registered there
	BadSignature                        // the signature does not verify
)

// QuorumError reports a failed quorum check.
type QuorumError struct {
	Failure   Failure
	Index     uint8 // the signer position at fault (not for NotEnoughSigners)
	Count     int   // signatures supplied
	Threshold uint8 // signatures required
}

// Error implements error.
func (e *QuorumError) Error() string {
	switch e.Failure {
	case NotEnoughSigners:
		return fmt.Sprintf("teleport: %d signatures, at least %d required", e.Count, e.Threshold)
	case DuplicateSigner:
		return fmt.Sprintf("teleport: signer %d signed twice", e.Index)
	case UnknownSigner:
		return fmt.Sprintf("teleport: signer %d is not in the signer set", e.Index)
	default:
		return fmt.Sprintf("teleport: signature of signer %d does not verify", e.Index)
	}
}

// CheckQuorum verifies that sigs hold at least threshold signatures of the
// encoded message by distinct members of a set of size members, where
// signerID(i) is the registered key id of member i. Every supplied signature
// must be valid. The cheap checks (count, positions, duplicates, key ids)
// all run before the first signature is verified. signerID is only called
// with 0 <= i < size.
func CheckQuorum(threshold uint8, size int, signerID func(i int) proof.Hash, encoded []byte, sigs []Signature) error {
	return CheckQuorumWith(proof.ParsePublicKey, threshold, size, signerID, encoded, sigs)
}

// CheckQuorumWith is CheckQuorum decoding the signers' public keys with
// parse, which must return what proof.ParsePublicKey returns (a cache of
// decoded keys, for instance).
func CheckQuorumWith(parse func([]byte) (*proof.PublicKey, error), threshold uint8, size int, signerID func(i int) proof.Hash, encoded []byte, sigs []Signature) error {
	if threshold == 0 || len(sigs) < int(threshold) {
		return &QuorumError{Failure: NotEnoughSigners, Count: len(sigs), Threshold: threshold}
	}
	var seen [MaxSigners]bool
	for _, s := range sigs {
		if int(s.Index) >= size || int(s.Index) >= MaxSigners {
			return &QuorumError{Failure: UnknownSigner, Index: s.Index, Count: len(sigs), Threshold: threshold}
		}
		if seen[s.Index] {
			return &QuorumError{Failure: DuplicateSigner, Index: s.Index, Count: len(sigs), Threshold: threshold}
		}
		seen[s.Index] = true
		if SignerID(s.PublicKey) != signerID(int(s.Index)) {
			return &QuorumError{Failure: UnknownSigner, Index: s.Index, Count: len(sigs), Threshold: threshold}
		}
	}
	for _, s := range sigs {
		pk, err := parse(s.PublicKey)
		if err != nil || !proof.VerifyTeleport(pk, encoded, s.Signature) {
			return &QuorumError{Failure: BadSignature, Index: s.Index, Count: len(sigs), Threshold: threshold}
		}
	}
	return nil
}

// SignedMessage is what a signer serves for one teleport: the message, its
// id, and the signer's public key and signature. Byte strings are 0x-hex in
// JSON.
type SignedMessage struct {
	ID        common.Hash `json:"id"`
	Message   HexBytes    `json:"message"`
	PublicKey HexBytes    `json:"publicKey"`
	Signature HexBytes    `json:"signature"`
}

// Verify checks that the message decodes, has the stated id, and carries a
// valid signature by the stated key.
func (s *SignedMessage) Verify() (*proof.TeleportMessage, error) {
	m, err := proof.DecodeTeleportMessage(s.Message)
	if err != nil {
		return nil, err
	}
	if common.Hash(m.ID()) != s.ID {
		return nil, fmt.Errorf("teleport: message id is %x, not %x", m.ID(), s.ID)
	}
	pk, err := proof.ParsePublicKey(s.PublicKey)
	if err != nil {
		return nil, err
	}
	if !proof.VerifyTeleport(pk, s.Message, s.Signature) {
		return nil, fmt.Errorf("teleport: signature of %x does not verify", s.ID)
	}
	return m, nil
}
