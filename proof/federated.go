package proof

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// Federated learning ("light mining"): phones train on their own data and
// send signed model updates to an aggregate node, which aggregates them,
// scores them and publishes a Merkle root of (recipient, amount) rewards to
// IAIMining; each participant then claims its leaf. This file holds every
// byte of that protocol that crosses a wire or reaches the chain: tensors
// (updates and models), the signed update envelope, and the reward tree.

// Hashing domains of federated learning.
var (
	// DomainFederatedUpdate hashes the tensor encoding of a model update
	// (the update hash a participant signs).
	DomainFederatedUpdate = newDomain("Pars AI mining v1 federated update")
	// DomainFederatedSelection ranks enrolled participants for a round.
	DomainFederatedSelection = newDomain("Pars AI mining v1 federated selection")
	// DomainFederatedRewardLeaf hashes one (recipient, amount) reward leaf.
	DomainFederatedRewardLeaf = newDomain("Pars AI mining v1 federated reward leaf")
	// DomainFederatedRewardNode hashes two child hashes of the reward tree.
	DomainFederatedRewardNode = newDomain("Pars AI mining v1 federated reward node")
)

// DType is the element type of a Tensor.
type DType uint8

// The tensor element types. Participants send updates as float32; models
// (the base model of a round and every aggregate) are Q32.32 fixed point so
// that aggregation is exact integer arithmetic and its bytes are the same on
// every machine.
const (
	// DTypeFloat32 is IEEE-754 binary32, big-endian, finite values only.
	DTypeFloat32 DType = 1
	// DTypeQ32 is a signed 64-bit integer v meaning v / 2^32, big-endian.
	DTypeQ32 DType = 2
)

// Q32One is 1.0 in DTypeQ32.
const Q32One = int64(1) << 32

// Tensor limits enforced by the codec.
const (
	// MaxTensorRank is the largest number of dimensions.
	MaxTensorRank = 4
	// MaxTensorElements is the largest number of elements (16 MiB as Q32).
	MaxTensorElements = 1 << 21
)

// String names the dtype.
func (t DType) String() string {
	switch t {
	case DTypeFloat32:
		return "float32"
	case DTypeQ32:
		return "q32"
	}
	return fmt.Sprintf("dtype(%d)", uint8(t))
}

// ElemSize is the encoded size of one element (0 for an unknown dtype).
func (t DType) ElemSize() int {
	switch t {
	case DTypeFloat32:
		return 4
	case DTypeQ32:
		return 8
	}
	return 0
}

// Tensor is a dense, row-major array of one dtype. Exactly one of F32
// (DTypeFloat32) and Q32 (DTypeQ32) holds the elements.
type Tensor struct {
	DType DType
	Shape []uint32
	F32   []float32
	Q32   []int64
}

// Len is the number of elements the shape implies (0 if it overflows).
func (t *Tensor) Len() int { return shapeLen(t.Shape) }

func shapeLen(shape []uint32) int {
	n := uint64(1)
	for _, d := range shape {
		n *= uint64(d)
		if n > MaxTensorElements {
			return 0
		}
	}
	return int(n)
}

// SameShape reports whether t and u have the same dimensions.
func (t *Tensor) SameShape(u *Tensor) bool {
	if len(t.Shape) != len(u.Shape) {
		return false
	}
	for i := range t.Shape {
		if t.Shape[i] != u.Shape[i] {
			return false
		}
	}
	return true
}

// Validate checks what every encodable tensor satisfies: a known dtype,
// rank 1 to MaxTensorRank, no zero dimension, at most MaxTensorElements
// elements, the element slice of the dtype of exactly that length, and only
// finite float32 values.
func (t *Tensor) Validate() error {
	fail := func(field, reason string) error {
		return &DecodeError{What: "Tensor", Field: field, Reason: reason}
	}
	if t.DType.ElemSize() == 0 {
		return fail("dtype", fmt.Sprintf("unknown dtype %d", uint8(t.DType)))
	}
	if len(t.Shape) == 0 || len(t.Shape) > MaxTensorRank {
		return fail("rank", fmt.Sprintf("rank %d, want 1 to %d", len(t.Shape), MaxTensorRank))
	}
	for i, d := range t.Shape {
		if d == 0 {
			return fail("shape", fmt.Sprintf("dimension %d is zero", i))
		}
	}
	n := t.Len()
	if n == 0 {
		return fail("shape", fmt.Sprintf("more than %d elements", MaxTensorElements))
	}
	switch t.DType {
	case DTypeFloat32:
		if len(t.F32) != n || t.Q32 != nil {
			return fail("values", fmt.Sprintf("%d float32 values for %d elements", len(t.F32), n))
		}
		for i, v := range t.F32 {
			if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
				return fail("values", fmt.Sprintf("value %d is %v", i, v))
			}
		}
	case DTypeQ32:
		if len(t.Q32) != n || t.F32 != nil {
			return fail("values", fmt.Sprintf("%d q32 values for %d elements", len(t.Q32), n))
		}
	}
	return nil
}

// Size is the length of the encoding.
func (t *Tensor) Size() int { return 3 + 4*len(t.Shape) + t.DType.ElemSize()*t.Len() }

// Encode returns the canonical encoding:
//
//	version(1) dtype(1) rank(1) dims(4 each) values
//
// with every integer and every value big-endian (float32 as its IEEE-754
// bits). It does not check the tensor; Validate and DecodeTensor do.
func (t *Tensor) Encode() []byte { return t.appendTo(make([]byte, 0, t.Size())) }

func (t *Tensor) appendTo(b []byte) []byte {
	b = append(b, Version, byte(t.DType), byte(len(t.Shape)))
	for _, d := range t.Shape {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	for _, v := range t.F32 {
		b = binary.BigEndian.AppendUint32(b, math.Float32bits(v))
	}
	for _, v := range t.Q32 {
		b = binary.BigEndian.AppendUint64(b, uint64(v))
	}
	return b
}

// Hash returns the tensor's hash as a model: HashModel of its encoding.
// The base model of a round and every aggregate are named by it.
func (t *Tensor) Hash() Hash { return DomainModel.Sum(t.Encode()) }

// DecodeTensor decodes a canonical tensor encoding strictly: version,
// known dtype, rank and dimensions in range, exactly the implied number of
// values, finite float32 values and no trailing bytes.
func DecodeTensor(b []byte) (*Tensor, error) {
	d := decoder{what: "Tensor", b: b}
	t := d.readTensor()
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	return t, nil
}

func (d *decoder) readTensor() *Tensor {
	d.version()
	hdr := d.take("dtype", 2)
	if hdr == nil {
		return nil
	}
	t := &Tensor{DType: DType(hdr[0])}
	es := t.DType.ElemSize()
	if es == 0 {
		d.off -= 2
		d.fail("dtype", fmt.Sprintf("unknown dtype %d", hdr[0]))
		return nil
	}
	rank := int(hdr[1])
	if rank == 0 || rank > MaxTensorRank {
		d.off--
		d.fail("rank", fmt.Sprintf("rank %d, want 1 to %d", rank, MaxTensorRank))
		return nil
	}
	t.Shape = make([]uint32, rank)
	for i := range t.Shape {
		t.Shape[i] = d.u32("dimension")
		if d.err == nil && t.Shape[i] == 0 {
			d.off -= 4
			d.fail("dimension", fmt.Sprintf("dimension %d is zero", i))
		}
	}
	if d.err != nil {
		return nil
	}
	n := t.Len()
	if n == 0 {
		d.fail("shape", fmt.Sprintf("more than %d elements", MaxTensorElements))
		return nil
	}
	raw := d.take("values", n*es)
	if raw == nil {
		return nil
	}
	switch t.DType {
	case DTypeFloat32:
		t.F32 = make([]float32, n)
		for i := range t.F32 {
			v := math.Float32frombits(binary.BigEndian.Uint32(raw[4*i:]))
			if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
				d.off += -len(raw) + 4*i
				d.fail("values", fmt.Sprintf("value %d is not finite", i))
				return nil
			}
			t.F32[i] = v
		}
	case DTypeQ32:
		t.Q32 = make([]int64, n)
		for i := range t.Q32 {
			t.Q32[i] = int64(binary.BigEndian.Uint64(raw[8*i:]))
		}
	}
	return t
}

// FederatedUpdateSigningSize is the size of the message a participant signs.
const FederatedUpdateSigningSize = 1 + 4 + 8 + 32 + 32 + common.AddressLength + 32

// federatedFixedSize is the envelope before the public key.
const federatedFixedSize = 1 + 4 + 8 + 32 + common.AddressLength + 2

// MaxFederatedUpdateSize bounds an encoded envelope: the largest key and
// signature and a float32 tensor of MaxTensorElements elements.
const MaxFederatedUpdateSize = federatedFixedSize + PublicKeySize87 + 4 + 3 + 4*MaxTensorRank + 4*MaxTensorElements + SignatureSize87

// FederatedUpdate is a participant's signed model update for one round.
// The signature binds it to one chain, one round and one base model, like
// a WorkContext binds work, and to the address its reward is paid to.
type FederatedUpdate struct {
	ChainID        uint32         // the chain whose IAIMining pays the round
	RoundID        uint64         // the aggregator's round number
	BaseModelHash  Hash           // Tensor.Hash of the round's base model
	Recipient      common.Address // the EVM address credited with the reward
	ParticipantKey []byte         // encoded ML-DSA public key; its length selects the parameter set
	Update         Tensor         // the model delta (trained weights minus base), DTypeFloat32
	Signature      []byte         // ML-DSA signature under ContextFederatedUpdate
}

// UpdateHash is the hash of the update tensor's encoding under
// DomainFederatedUpdate.
func (u *FederatedUpdate) UpdateHash() Hash { return DomainFederatedUpdate.Sum(u.Update.Encode()) }

// ParticipantID is the id of the participant's key (MinerID).
func (u *FederatedUpdate) ParticipantID() Hash { return MinerID(u.ParticipantKey) }

// SigningMessage returns the 129 bytes the signature covers:
//
//	version(1) chain_id(4) round_id(8) base_model_hash(32) update_hash(32)
//	recipient(20) participant_id(32)
func (u *FederatedUpdate) SigningMessage() []byte {
	b := make([]byte, 0, FederatedUpdateSigningSize)
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, u.ChainID)
	b = binary.BigEndian.AppendUint64(b, u.RoundID)
	b = append(b, u.BaseModelHash[:]...)
	h := u.UpdateHash()
	b = append(b, h[:]...)
	b = append(b, u.Recipient[:]...)
	id := u.ParticipantID()
	return append(b, id[:]...)
}

// Encode returns the canonical envelope:
//
//	version(1) chain_id(4) round_id(8) base_model_hash(32) recipient(20)
//	public_key_length(2) public_key update_length(4) update(Tensor)
//	signature (the size the key's parameter set implies)
//
// It does not check the envelope; DecodeFederatedUpdate does.
func (u *FederatedUpdate) Encode() []byte {
	b := make([]byte, 0, federatedFixedSize+len(u.ParticipantKey)+4+u.Update.Size()+len(u.Signature))
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, u.ChainID)
	b = binary.BigEndian.AppendUint64(b, u.RoundID)
	b = append(b, u.BaseModelHash[:]...)
	b = append(b, u.Recipient[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(u.ParticipantKey)))
	b = append(b, u.ParticipantKey...)
	b = binary.BigEndian.AppendUint32(b, uint32(u.Update.Size()))
	b = u.Update.appendTo(b)
	return append(b, u.Signature...)
}

// DecodeFederatedUpdate decodes an envelope strictly: version, a public-key
// length of one ML-DSA parameter set, an update that is a canonical
// float32 tensor filling exactly its stated length, a signature of exactly
// the parameter set's size and no trailing bytes. It does not verify the
// signature; Verify does.
func DecodeFederatedUpdate(b []byte) (*FederatedUpdate, error) {
	if len(b) > MaxFederatedUpdateSize {
		return nil, &DecodeError{What: "FederatedUpdate", Field: "length",
			Reason: fmt.Sprintf("%d bytes, at most %d allowed", len(b), MaxFederatedUpdateSize)}
	}
	d := decoder{what: "FederatedUpdate", b: b}
	u := new(FederatedUpdate)
	d.version()
	u.ChainID = d.u32("chain id")
	u.RoundID = d.u64("round id")
	d.hash("base model hash", &u.BaseModelHash)
	if v := d.take("recipient", common.AddressLength); v != nil {
		copy(u.Recipient[:], v)
	}
	var scheme Scheme
	u.ParticipantKey, scheme = d.publicKey()
	if d.err != nil {
		return nil, d.err
	}
	updLen := d.u32("update length")
	raw := d.take("update", int(updLen))
	if d.err != nil {
		return nil, d.err
	}
	sub := decoder{what: "FederatedUpdate", b: raw}
	t := sub.readTensor()
	sub.end()
	if sub.err != nil {
		de := sub.err.(*DecodeError)
		de.Field = "update " + de.Field
		de.Offset += d.off - len(raw)
		return nil, de
	}
	if t.DType != DTypeFloat32 {
		d.fail("update dtype", fmt.Sprintf("updates are float32, not %v", t.DType))
		return nil, d.err
	}
	u.Update = *t
	u.Signature = bytes.Clone(d.take("signature", scheme.SignatureSize()))
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	return u, nil
}

// Sign fills in ParticipantKey from sk and signs the envelope under
// ContextFederatedUpdate. Participants sign hedged; deterministic signing is
// for golden vectors and tests.
func (u *FederatedUpdate) Sign(sk *PrivateKey, deterministic bool) error {
	u.ParticipantKey = sk.Public().Bytes()
	sig, err := sk.Sign(u.SigningMessage(), ContextFederatedUpdate, deterministic)
	if err != nil {
		return err
	}
	u.Signature = sig
	return nil
}

// VerifySignature checks the signature with an already decoded public key,
// which must be the envelope's ParticipantKey.
func (u *FederatedUpdate) VerifySignature(pk *PublicKey) error {
	return verifyWith(pk, u.ParticipantKey, u.SigningMessage(), ContextFederatedUpdate, u.Signature, "the update's participant key")
}

// Verify checks the envelope's binding to chainID and its signature.
func (u *FederatedUpdate) Verify(chainID uint64) error {
	if uint64(u.ChainID) != chainID {
		return &WrongChainError{Want: chainID, Got: u.ChainID}
	}
	if u.Recipient == (common.Address{}) {
		return ErrZeroBeneficiary
	}
	pk, err := ParsePublicKey(u.ParticipantKey)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return u.VerifySignature(pk)
}

// ErrWrongRound: a federated enrolment is bound to another round.
var ErrWrongRound = errors.New("proof: bound to another round")

// FederatedEnrolmentSigningSize is the size of the message an enrolling
// participant signs.
const FederatedEnrolmentSigningSize = 1 + 4 + 8 + common.AddressLength + 32

// federatedEnrolmentFixedSize is the enrolment before the public key.
const federatedEnrolmentFixedSize = 1 + 4 + 8 + common.AddressLength + 2

// MaxFederatedEnrolmentSize bounds an encoded enrolment: the largest key and
// signature.
const MaxFederatedEnrolmentSize = federatedEnrolmentFixedSize + PublicKeySize87 + SignatureSize87

// FederatedEnrolment is a participant's signed request to take part in one
// round. The signature proves possession of the private key, so an
// aggregator cannot enrol a key on its holder's behalf, and binds the
// enrolment to one chain, one round and the address the participant's
// reward is paid to, so it cannot be replayed for another round or chain.
type FederatedEnrolment struct {
	ChainID        uint32         // the chain whose IAIMining pays the round
	RoundID        uint64         // the aggregator's round number
	Recipient      common.Address // the EVM address the participant's updates pay
	ParticipantKey []byte         // encoded ML-DSA public key; its length selects the parameter set
	Signature      []byte         // ML-DSA signature under ContextFederatedEnrolment
}

// ParticipantID is the id of the participant's key (MinerID).
func (e *FederatedEnrolment) ParticipantID() Hash { return MinerID(e.ParticipantKey) }

// SigningMessage returns the 65 bytes the signature covers:
//
//	version(1) chain_id(4) round_id(8) recipient(20) participant_id(32)
func (e *FederatedEnrolment) SigningMessage() []byte {
	b := make([]byte, 0, FederatedEnrolmentSigningSize)
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, e.ChainID)
	b = binary.BigEndian.AppendUint64(b, e.RoundID)
	b = append(b, e.Recipient[:]...)
	id := e.ParticipantID()
	return append(b, id[:]...)
}

// Encode returns the canonical enrolment:
//
//	version(1) chain_id(4) round_id(8) recipient(20) public_key_length(2)
//	public_key signature (the size the key's parameter set implies)
//
// It does not check the enrolment; DecodeFederatedEnrolment does.
func (e *FederatedEnrolment) Encode() []byte {
	b := make([]byte, 0, federatedEnrolmentFixedSize+len(e.ParticipantKey)+len(e.Signature))
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, e.ChainID)
	b = binary.BigEndian.AppendUint64(b, e.RoundID)
	b = append(b, e.Recipient[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(e.ParticipantKey)))
	b = append(b, e.ParticipantKey...)
	return append(b, e.Signature...)
}

// DecodeFederatedEnrolment decodes an enrolment strictly: version, a
// public-key length of one ML-DSA parameter set, a signature of exactly the
// parameter set's size and no trailing bytes. It does not verify the
// signature; Verify does.
func DecodeFederatedEnrolment(b []byte) (*FederatedEnrolment, error) {
	if len(b) > MaxFederatedEnrolmentSize {
		return nil, &DecodeError{What: "FederatedEnrolment", Field: "length",
			Reason: fmt.Sprintf("%d bytes, at most %d allowed", len(b), MaxFederatedEnrolmentSize)}
	}
	d := decoder{what: "FederatedEnrolment", b: b}
	e := new(FederatedEnrolment)
	d.version()
	e.ChainID = d.u32("chain id")
	e.RoundID = d.u64("round id")
	if v := d.take("recipient", common.AddressLength); v != nil {
		copy(e.Recipient[:], v)
	}
	var scheme Scheme
	e.ParticipantKey, scheme = d.publicKey()
	if d.err != nil {
		return nil, d.err
	}
	e.Signature = bytes.Clone(d.take("signature", scheme.SignatureSize()))
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	return e, nil
}

// Sign fills in ParticipantKey from sk and signs the enrolment under
// ContextFederatedEnrolment. Participants sign hedged; deterministic
// signing is for golden vectors and tests.
func (e *FederatedEnrolment) Sign(sk *PrivateKey, deterministic bool) error {
	e.ParticipantKey = sk.Public().Bytes()
	sig, err := sk.Sign(e.SigningMessage(), ContextFederatedEnrolment, deterministic)
	if err != nil {
		return err
	}
	e.Signature = sig
	return nil
}

// Verify checks the enrolment's binding to chainID and roundID, its
// recipient and its signature.
func (e *FederatedEnrolment) Verify(chainID, roundID uint64) error {
	if uint64(e.ChainID) != chainID {
		return &WrongChainError{Want: chainID, Got: e.ChainID}
	}
	if e.RoundID != roundID {
		return fmt.Errorf("%w: enrolment is for round %d, not round %d", ErrWrongRound, e.RoundID, roundID)
	}
	if e.Recipient == (common.Address{}) {
		return ErrZeroBeneficiary
	}
	pk, err := ParsePublicKey(e.ParticipantKey)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if !pk.Verify(e.SigningMessage(), ContextFederatedEnrolment, e.Signature) {
		return ErrBadSignature
	}
	return nil
}

// SelectionRank is a participant's rank for a round: lower ranks are
// selected first. seed is public and fixed after enrolment closes (a block
// hash), so neither the aggregator nor a participant chooses who is picked.
//
//	rank = Sum_DomainFederatedSelection(seed(32) ‖ chain_id(4) ‖ round_id(8) ‖ participant_id(32))
func SelectionRank(seed Hash, chainID uint32, roundID uint64, participant Hash) Hash {
	var b [4 + 8]byte
	binary.BigEndian.PutUint32(b[:4], chainID)
	binary.BigEndian.PutUint64(b[4:], roundID)
	return DomainFederatedSelection.Sum(seed[:], b[:], participant[:])
}

// Reward tree. A round's rewards are the leaves
//
//	leaf = Sum_DomainFederatedRewardLeaf(version(1) ‖ chain_id(4) ‖ round_id(8) ‖ recipient(20) ‖ amount(32))
//
// (integers big-endian), so a leaf pays one recipient once, in one round, on
// one chain. Inner nodes hash their two children in sorted order:
//
//	node(a, b) = Sum_DomainFederatedRewardNode(min(a, b) ‖ max(a, b))
//
// with hashes compared as 32-byte big-endian numbers. Leaves and nodes
// hash under different domains, so a node can never be presented as a
// leaf. The aggregator orders leaves by recipient address; each level pairs
// neighbours left to right and carries a last, unpaired node up unchanged.
// A proof is the list of siblings from the leaf up (no positions needed);
// it is at most MaxRewardProofDepth long, so a tree holds at most
// 2^MaxRewardProofDepth leaves.

// MaxRewardProofDepth is the longest reward proof IAIMining accepts.
const MaxRewardProofDepth = 20

// RewardLeaf returns the leaf paying amount to recipient in a round.
func RewardLeaf(chainID uint32, roundID uint64, recipient common.Address, amount *uint256.Int) Hash {
	b := make([]byte, 0, 1+4+8+common.AddressLength+32)
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, chainID)
	b = binary.BigEndian.AppendUint64(b, roundID)
	b = append(b, recipient[:]...)
	a := amount.Bytes32()
	return DomainFederatedRewardLeaf.Sum(append(b, a[:]...))
}

// RewardNode hashes two children of the reward tree in sorted order.
func RewardNode(a, b Hash) Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return DomainFederatedRewardNode.Sum(a[:], b[:])
}

// RewardRoot returns the root of the tree over leaves (the zero Hash for
// none).
func RewardRoot(leaves []Hash) Hash {
	if len(leaves) == 0 {
		return Hash{}
	}
	level := append([]Hash(nil), leaves...)
	for len(level) > 1 {
		level = nextLevel(level)
	}
	return level[0]
}

func nextLevel(level []Hash) []Hash {
	next := make([]Hash, 0, (len(level)+1)/2)
	for i := 0; i < len(level); i += 2 {
		if i+1 == len(level) {
			next = append(next, level[i])
		} else {
			next = append(next, RewardNode(level[i], level[i+1]))
		}
	}
	return next
}

// RewardProof returns the siblings proving leaves[i] under RewardRoot(leaves).
func RewardProof(leaves []Hash, i int) ([]Hash, error) {
	if i < 0 || i >= len(leaves) {
		return nil, fmt.Errorf("proof: leaf %d of %d", i, len(leaves))
	}
	var proof []Hash
	level := append([]Hash(nil), leaves...)
	for len(level) > 1 {
		if sib := i ^ 1; sib < len(level) {
			proof = append(proof, level[sib])
		}
		level, i = nextLevel(level), i/2
	}
	if len(proof) > MaxRewardProofDepth {
		return nil, fmt.Errorf("proof: %d leaves need proofs longer than %d", len(leaves), MaxRewardProofDepth)
	}
	return proof, nil
}

// VerifyRewardProof reports whether proof leads from leaf to root.
func VerifyRewardProof(root, leaf Hash, proof []Hash) bool {
	if len(proof) > MaxRewardProofDepth {
		return false
	}
	h := leaf
	for _, p := range proof {
		h = RewardNode(h, p)
	}
	return h == root
}
