package federated

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
)

// Limits bound what an update may be.
type Limits struct {
	// ClipNorm: an update whose L2 norm exceeds it is scaled down to it
	// (norm clipping, as in DP-FedAvg). Required, at most MaxNormBound.
	ClipNorm float64 `json:"clip_norm"`
	// RejectNorm: an update whose norm exceeds it is refused outright
	// (0: never; the update is clipped instead).
	RejectNorm float64 `json:"reject_norm"`
	// FreeRiderNorm: an update whose norm is at or below it changes the
	// model by (next to) nothing. It is recorded, kept out of aggregation
	// and scores zero.
	FreeRiderNorm float64 `json:"free_rider_norm"`
	// MinAlignment: an update whose cosine with the aggregate of the
	// other updates is below it scores zero (it pulls away from what the
	// others agree on). In [-1, 1); 0 pays only updates that point the
	// same way as the rest.
	MinAlignment float64 `json:"min_alignment"`
	// MaxUpdateBytes bounds an encoded envelope (0: proof.MaxFederatedUpdateSize).
	MaxUpdateBytes int `json:"max_update_bytes"`
}

// MaxNormBound is the largest ClipNorm: it keeps every Q32 value below 2^48
// so that sums of up to MaxParticipants values never overflow int64.
const MaxNormBound = 1 << 16

// MaxParticipants is the most updates one round aggregates.
const MaxParticipants = 4096

// Params fix a round. Everything here is part of its transcript.
type Params struct {
	ChainID         uint32        `json:"chain_id"`
	RoundID         uint64        `json:"round_id"`
	BaseModel       *proof.Tensor `json:"-"` // Q32; its Hash is the base-model hash updates are signed over
	Rule            string        `json:"rule"`
	Limits          Limits        `json:"limits"`
	MinParticipants int           `json:"min_participants"`
	MaxParticipants int           `json:"max_participants"`
	Pool            *uint256.Int  `json:"-"` // the reward pool split by score (≤ the chain's round pool)
	ValidationHash  proof.Hash    `json:"validation_hash"`
}

// Validate checks the parameters.
func (p *Params) Validate() error {
	switch {
	case p.BaseModel == nil || p.BaseModel.DType != proof.DTypeQ32:
		return errors.New("federated: base model must be a Q32 tensor")
	case p.Limits.ClipNorm <= 0 || p.Limits.ClipNorm > MaxNormBound:
		return fmt.Errorf("federated: clip norm %v outside (0, %d]", p.Limits.ClipNorm, MaxNormBound)
	case p.Limits.RejectNorm != 0 && p.Limits.RejectNorm < p.Limits.ClipNorm:
		return errors.New("federated: reject norm below clip norm")
	case p.Limits.FreeRiderNorm < 0 || p.Limits.FreeRiderNorm >= p.Limits.ClipNorm:
		return errors.New("federated: free-rider norm must lie in [0, clip norm)")
	case p.Limits.MinAlignment < -1 || p.Limits.MinAlignment >= 1:
		return errors.New("federated: min alignment outside [-1, 1)")
	case p.MinParticipants < 1 || p.MaxParticipants < p.MinParticipants || p.MaxParticipants > MaxParticipants:
		return fmt.Errorf("federated: participants %d..%d outside 1..%d", p.MinParticipants, p.MaxParticipants, MaxParticipants)
	case p.Pool == nil:
		return errors.New("federated: no reward pool")
	}
	if err := p.BaseModel.Validate(); err != nil {
		return err
	}
	_, err := ParseRule(p.Rule)
	return err
}

// Refusal codes: why an update was not admitted.
const (
	RefuseMalformed            = "malformed"
	RefuseTooLarge             = "too-large"
	RefuseWrongChain           = "wrong-chain"
	RefuseWrongRound           = "wrong-round"
	RefuseStaleBaseModel       = "stale-base-model"
	RefuseNotSelected          = "not-selected"
	RefuseZeroRecipient        = "zero-recipient"
	RefuseBadSignature         = "bad-signature"
	RefuseDType                = "dtype"
	RefuseShape                = "shape"
	RefuseNorm                 = "norm-too-large"
	RefuseDuplicateParticipant = "duplicate-participant"
	RefuseDuplicateUpdate      = "duplicate-update"
	RefuseRoundClosed          = "round-closed"
	RefuseRoundFull            = "round-full"
	RefuseNotEnrolled          = "not-enrolled"
	RefuseRecipientMismatch    = "recipient-mismatch"
	RefuseAlreadyEnrolled      = "already-enrolled"
)

// Refusal says why an update was not admitted.
type Refusal struct {
	Code   string `json:"code"`
	Reason string `json:"error"`
}

func (r *Refusal) Error() string { return "federated: update refused (" + r.Code + "): " + r.Reason }

func refuse(code, format string, args ...any) *Refusal {
	return &Refusal{Code: code, Reason: fmt.Sprintf(format, args...)}
}

// Admitted is an update that passed every check, converted to Q32.
type Admitted struct {
	Envelope    []byte
	Update      *proof.FederatedUpdate
	Participant proof.Hash
	UpdateHash  proof.Hash
	Norm        float64 // before clipping
	Clipped     bool
	FreeRider   bool
	Delta       []int64 // Q32, clipped
}

// Admit checks one encoded envelope against the round parameters and the
// selected participant set (nil: anyone). The checks run cheapest first;
// the signature is checked before anything that depends on the values.
func Admit(p *Params, selected map[proof.Hash]bool, enc []byte) (*Admitted, *Refusal) {
	maxBytes := p.Limits.MaxUpdateBytes
	if maxBytes <= 0 {
		maxBytes = proof.MaxFederatedUpdateSize
	}
	if len(enc) > maxBytes {
		return nil, refuse(RefuseTooLarge, "update is %d bytes, this round takes at most %d", len(enc), maxBytes)
	}
	u, err := proof.DecodeFederatedUpdate(enc)
	if err != nil {
		var de *proof.DecodeError
		if errors.As(err, &de) && de.Field == "update dtype" {
			return nil, refuse(RefuseDType, "%s", de.Reason)
		}
		return nil, refuse(RefuseMalformed, "%v", err)
	}
	switch {
	case u.ChainID != p.ChainID:
		return nil, refuse(RefuseWrongChain, "update is for chain %d, this round pays on chain %d", u.ChainID, p.ChainID)
	case u.RoundID != p.RoundID:
		return nil, refuse(RefuseWrongRound, "update is for round %d, this is round %d", u.RoundID, p.RoundID)
	}
	if base := p.BaseModel.Hash(); u.BaseModelHash != base {
		return nil, refuse(RefuseStaleBaseModel, "update was trained on model %x, this round's base model is %x", u.BaseModelHash[:8], base[:8])
	}
	if u.Recipient == (common.Address{}) {
		return nil, refuse(RefuseZeroRecipient, "recipient is the zero address")
	}
	id := u.ParticipantID()
	if selected != nil && !selected[id] {
		return nil, refuse(RefuseNotSelected, "participant %x is not selected for round %d", id[:8], p.RoundID)
	}
	if err := u.Verify(uint64(p.ChainID)); err != nil {
		return nil, refuse(RefuseBadSignature, "%v", err)
	}
	if !u.Update.SameShape(p.BaseModel) {
		return nil, refuse(RefuseShape, "update shape %v, the model's is %v", u.Update.Shape, p.BaseModel.Shape)
	}
	a := &Admitted{Envelope: bytes.Clone(enc), Update: u, Participant: id, UpdateHash: u.UpdateHash()}
	a.Norm = l2Norm(u.Update.F32)
	if p.Limits.RejectNorm > 0 && a.Norm > p.Limits.RejectNorm {
		return nil, refuse(RefuseNorm, "update L2 norm %.6g exceeds the bound %.6g", a.Norm, p.Limits.RejectNorm)
	}
	a.FreeRider = a.Norm <= p.Limits.FreeRiderNorm
	factor := 1.0
	if a.Norm > p.Limits.ClipNorm {
		factor, a.Clipped = float64(p.Limits.ClipNorm/a.Norm), true
	}
	a.Delta = make([]int64, len(u.Update.F32))
	for i, v := range u.Update.F32 {
		a.Delta[i] = ToQ32(float64(float64(v) * factor))
	}
	return a, nil
}

// Select returns the participants of a round: the at most k enrolled ids
// with the lowest proof.SelectionRank under seed, in rank order. With seed a
// block hash fixed after enrolment closed, nobody chooses the outcome.
func Select(seed proof.Hash, chainID uint32, roundID uint64, enrolled []proof.Hash, k int) []proof.Hash {
	type ranked struct{ rank, id proof.Hash }
	rs := make([]ranked, 0, len(enrolled))
	seen := make(map[proof.Hash]bool, len(enrolled))
	for _, id := range enrolled {
		if !seen[id] {
			seen[id] = true
			rs = append(rs, ranked{proof.SelectionRank(seed, chainID, roundID, id), id})
		}
	}
	slices.SortFunc(rs, func(a, b ranked) int { return bytes.Compare(a.rank[:], b.rank[:]) })
	out := make([]proof.Hash, 0, min(k, len(rs)))
	for _, r := range rs[:min(k, len(rs))] {
		out = append(out, r.id)
	}
	return out
}

// State is where a round is in its life.
type State string

// The states of a round: open (enrolment) → collecting (participants
// selected, updates accepted) → aggregating → published; failed when the
// deadline passes with fewer than MinParticipants updates.
const (
	StateOpen        State = "open"
	StateCollecting  State = "collecting"
	StateAggregating State = "aggregating"
	StatePublished   State = "published"
	StateFailed      State = "failed"
)

// Round is one round's mutable state on the aggregate node. It is safe for
// concurrent use.
type Round struct {
	mu       sync.Mutex
	params   Params
	state    State
	enrolled map[proof.Hash]*proof.FederatedEnrolment
	order    []proof.Hash // enrolment order, for Select's input
	enrolEnc [][]byte     // the enrolments' encodings, in order
	seed     proof.Hash
	selected map[proof.Hash]bool
	byID     map[proof.Hash]*Admitted
	byHash   map[proof.Hash]proof.Hash
	result   *Result
}

// NewRound opens a round for enrolment.
func NewRound(p Params) (*Round, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Round{params: p, state: StateOpen, enrolled: map[proof.Hash]*proof.FederatedEnrolment{},
		byID: map[proof.Hash]*Admitted{}, byHash: map[proof.Hash]proof.Hash{}}, nil
}

// Params returns the round's parameters.
func (r *Round) Params() Params { return r.params }

// State returns the round's state.
func (r *Round) State() State {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state
}

// Enrol admits one encoded proof.FederatedEnrolment while the round is
// open and returns the participant id. The enrolment must be signed by the
// key it enrols (so nobody enrols a key on its holder's behalf), for this
// round on this chain, naming a non-zero recipient; the participant's
// update must later pay that recipient. Sending the same enrolment again
// is harmless; enrolling one key with another recipient is refused.
func (r *Round) Enrol(enc []byte) (proof.Hash, *Refusal) {
	e, ref := CheckEnrolment(&r.params, enc)
	if ref != nil {
		return proof.Hash{}, ref
	}
	id := e.ParticipantID()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != StateOpen {
		return proof.Hash{}, refuse(RefuseRoundClosed, "round %d is %s, enrolment is closed", r.params.RoundID, r.state)
	}
	if prev := r.enrolled[id]; prev != nil {
		if prev.Recipient != e.Recipient {
			return proof.Hash{}, refuse(RefuseAlreadyEnrolled, "participant %x is already enrolled in round %d paying %v", id[:8], r.params.RoundID, prev.Recipient)
		}
		return id, nil
	}
	r.enrolled[id] = e
	r.order = append(r.order, id)
	r.enrolEnc = append(r.enrolEnc, bytes.Clone(enc))
	return id, nil
}

// CheckEnrolment decodes one encoded enrolment and checks it against the
// round parameters: chain, round, recipient and the signature by the key
// it enrols.
func CheckEnrolment(p *Params, enc []byte) (*proof.FederatedEnrolment, *Refusal) {
	if len(enc) > proof.MaxFederatedEnrolmentSize {
		return nil, refuse(RefuseTooLarge, "enrolment is %d bytes, at most %d", len(enc), proof.MaxFederatedEnrolmentSize)
	}
	e, err := proof.DecodeFederatedEnrolment(enc)
	if err != nil {
		return nil, refuse(RefuseMalformed, "%v", err)
	}
	switch {
	case e.ChainID != p.ChainID:
		return nil, refuse(RefuseWrongChain, "enrolment is for chain %d, this round pays on chain %d", e.ChainID, p.ChainID)
	case e.RoundID != p.RoundID:
		return nil, refuse(RefuseWrongRound, "enrolment is for round %d, this is round %d", e.RoundID, p.RoundID)
	case e.Recipient == (common.Address{}):
		return nil, refuse(RefuseZeroRecipient, "recipient is the zero address")
	}
	if err := e.Verify(uint64(p.ChainID), p.RoundID); err != nil {
		return nil, refuse(RefuseBadSignature, "enrolment: %v", err)
	}
	return e, nil
}

// StartCollecting closes enrolment, selects the participants with seed and
// starts taking updates.
func (r *Round) StartCollecting(seed proof.Hash) ([]proof.Hash, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != StateOpen {
		return nil, fmt.Errorf("federated: round %d is %s, not open", r.params.RoundID, r.state)
	}
	sel := Select(seed, r.params.ChainID, r.params.RoundID, r.order, r.params.MaxParticipants)
	if len(sel) < r.params.MinParticipants {
		return nil, fmt.Errorf("federated: %d enrolled, round needs %d", len(sel), r.params.MinParticipants)
	}
	r.seed, r.state = seed, StateCollecting
	r.selected = make(map[proof.Hash]bool, len(sel))
	for _, id := range sel {
		r.selected[id] = true
	}
	return sel, nil
}

// Selected returns the selected participant ids, sorted, and the seed.
func (r *Round) Selected() ([]proof.Hash, proof.Hash) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]proof.Hash, 0, len(r.selected))
	for id := range r.selected {
		out = append(out, id)
	}
	slices.SortFunc(out, func(a, b proof.Hash) int { return bytes.Compare(a[:], b[:]) })
	return out, r.seed
}

// Submit admits one encoded update. full reports that the round has all
// the updates it takes.
func (r *Round) Submit(enc []byte) (a *Admitted, full bool, ref *Refusal) {
	r.mu.Lock()
	st, selected, enrolled := r.state, r.selected, r.enrolled
	r.mu.Unlock()
	if st != StateCollecting {
		return nil, false, refuse(RefuseRoundClosed, "round %d is %s, not collecting updates", r.params.RoundID, st)
	}
	// The expensive checks (signature, norm) run outside the lock.
	a, ref = Admit(&r.params, selected, enc)
	if ref != nil {
		return nil, false, ref
	}
	if ref := checkRecipient(enrolled, a); ref != nil {
		return nil, false, ref
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.state != StateCollecting:
		return nil, false, refuse(RefuseRoundClosed, "round %d is %s, not collecting updates", r.params.RoundID, r.state)
	case r.byID[a.Participant] != nil:
		return nil, false, refuse(RefuseDuplicateParticipant, "participant %x already sent an update for round %d", a.Participant[:8], r.params.RoundID)
	case r.byHash[a.UpdateHash] != (proof.Hash{}):
		return nil, false, refuse(RefuseDuplicateUpdate, "update %x was already sent by another participant", a.UpdateHash[:8])
	case len(r.byID) >= r.params.MaxParticipants:
		return nil, true, refuse(RefuseRoundFull, "round %d already has %d updates", r.params.RoundID, len(r.byID))
	}
	r.byID[a.Participant], r.byHash[a.UpdateHash] = a, a.Participant
	return a, len(r.byID) >= r.params.MaxParticipants, nil
}

// Count is the number of admitted updates.
func (r *Round) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.byID)
}

// Close stops collecting and returns the transcript, or moves the round to
// failed if it has fewer than MinParticipants updates.
func (r *Round) Close() (*Transcript, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != StateCollecting {
		return nil, fmt.Errorf("federated: round %d is %s, not collecting", r.params.RoundID, r.state)
	}
	if len(r.byID) < r.params.MinParticipants {
		r.state = StateFailed
		return nil, fmt.Errorf("federated: round %d has %d updates, needs %d", r.params.RoundID, len(r.byID), r.params.MinParticipants)
	}
	r.state = StateAggregating
	t := &Transcript{Params: r.params, Seed: r.seed, Enrolled: slices.Clone(r.order)}
	for _, e := range r.enrolEnc {
		t.Enrolments = append(t.Enrolments, bytes.Clone(e))
	}
	ids := make([]proof.Hash, 0, len(r.byID))
	for id := range r.byID {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b proof.Hash) int { return bytes.Compare(a[:], b[:]) })
	for _, id := range ids {
		t.Updates = append(t.Updates, r.byID[id].Envelope)
	}
	return t, nil
}

// Publish records the round's result and moves it to published.
func (r *Round) Publish(res *Result) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != StateAggregating {
		return fmt.Errorf("federated: round %d is %s, not aggregating", r.params.RoundID, r.state)
	}
	r.state, r.result = StatePublished, res
	return nil
}

// Result returns the published result (nil before).
func (r *Round) Result() *Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.result
}

// checkRecipient refuses an update whose participant did not enrol (when
// enrolments are known) or that pays another address than its enrolment
// named.
func checkRecipient(enrolled map[proof.Hash]*proof.FederatedEnrolment, a *Admitted) *Refusal {
	if enrolled == nil {
		return nil
	}
	e := enrolled[a.Participant]
	switch {
	case e == nil:
		return refuse(RefuseNotEnrolled, "participant %x did not enrol", a.Participant[:8])
	case e.Recipient != a.Update.Recipient:
		return refuse(RefuseRecipientMismatch, "update pays %v, the participant enrolled paying %v", a.Update.Recipient, e.Recipient)
	}
	return nil
}
