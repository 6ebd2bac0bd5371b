package federated

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
)

// Transcript is everything a round's outcome depends on, apart from the
// validation set (which it names by hash): the parameters, the selection
// seed and enrolment, and the admitted update envelopes in ascending
// participant-id order. Anyone holding it and the validation set recomputes
// the same aggregate bytes, scores and reward root with Recompute.
type Transcript struct {
	Params   Params
	Seed     proof.Hash
	Enrolled []proof.Hash // in enrolment order; nil: selection was not restricted
	// Enrolments are the signed proof.FederatedEnrolment encodings behind
	// Enrolled, in the same order (nil: not recorded). With them Recompute
	// checks every enrolment's signature and that every update pays the
	// recipient its participant enrolled with.
	Enrolments [][]byte
	Updates    [][]byte
}

// Contribution is one admitted update's outcome.
type Contribution struct {
	Participant common.Hash    `json:"participant"`
	Recipient   common.Address `json:"recipient"`
	UpdateHash  common.Hash    `json:"update_hash"`
	Norm        float64        `json:"norm"`
	Clipped     bool           `json:"clipped"`
	FreeRider   bool           `json:"free_rider"`
	// Score is the leave-one-out validation improvement in hinge-loss
	// nano-units: max(0, loss(aggregate without this update) −
	// loss(aggregate)). Free riders score zero.
	Score  int64        `json:"score"`
	Amount *uint256.Int `json:"amount"`
}

// Reward is one leaf of the reward tree.
type Reward struct {
	Recipient common.Address `json:"recipient"`
	Amount    *uint256.Int   `json:"amount"`
	Leaf      common.Hash    `json:"leaf"`
}

// Result is a round's outcome.
type Result struct {
	ChainID       uint32         `json:"chain_id"`
	RoundID       uint64         `json:"round_id"`
	Rule          string         `json:"rule"`
	Model         *proof.Tensor  `json:"-"`          // the new global model (Q32)
	ModelHash     common.Hash    `json:"model_hash"` // Model.Hash()
	BaseLoss      int64          `json:"base_loss"`  // hinge loss of the base model, nano-units
	Loss          int64          `json:"loss"`       // hinge loss of the new model
	Contributions []Contribution `json:"contributions"`
	Rewards       []Reward       `json:"rewards"` // ascending by recipient, no zero amounts
	Root          common.Hash    `json:"rewards_root"`
	Total         *uint256.Int   `json:"total"`
}

// Claim returns recipient's amount and Merkle proof.
func (r *Result) Claim(recipient common.Address) (*uint256.Int, []proof.Hash, error) {
	leaves := make([]proof.Hash, len(r.Rewards))
	at := -1
	for i, w := range r.Rewards {
		leaves[i] = proof.Hash(w.Leaf)
		if w.Recipient == recipient {
			at = i
		}
	}
	if at < 0 {
		return nil, nil, fmt.Errorf("federated: %v earned nothing in round %d", recipient, r.RoundID)
	}
	p, err := proof.RewardProof(leaves, at)
	if err != nil {
		return nil, nil, err
	}
	return r.Rewards[at].Amount, p, nil
}

// ClaimInfo returns what recipient needs to claim its reward.
func (r *Result) ClaimInfo(recipient common.Address) (*ClaimInfo, error) {
	amt, p, err := r.Claim(recipient)
	if err != nil {
		return nil, err
	}
	c := &ClaimInfo{ChainID: r.ChainID, RoundID: r.RoundID, Recipient: recipient, Amount: amt, Proof: make([]common.Hash, len(p))}
	for i, h := range p {
		c.Proof[i] = common.Hash(h)
	}
	return c, nil
}

// Recompute replays a transcript: it re-admits every envelope (signature,
// binding, selection, norm), aggregates the non-free-riding updates with
// the round's rule, scores each by leave-one-out on the validation set and
// splits the pool by score.
func Recompute(t *Transcript, model Linear, validation []Example) (*Result, error) {
	p := &t.Params
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := model.Check(p.BaseModel); err != nil {
		return nil, err
	}
	if h := ValidationHash(validation); h != p.ValidationHash {
		return nil, fmt.Errorf("federated: validation set %x is not the round's %x", h[:8], p.ValidationHash[:8])
	}
	rule, err := ParseRule(p.Rule)
	if err != nil {
		return nil, err
	}
	enrolled, err := t.enrolments()
	if err != nil {
		return nil, err
	}
	var selected map[proof.Hash]bool
	if t.Enrolled != nil {
		selected = map[proof.Hash]bool{}
		for _, id := range Select(t.Seed, p.ChainID, p.RoundID, t.Enrolled, p.MaxParticipants) {
			selected[id] = true
		}
	}
	if len(t.Updates) < p.MinParticipants || len(t.Updates) > p.MaxParticipants {
		return nil, fmt.Errorf("federated: transcript has %d updates, round takes %d..%d", len(t.Updates), p.MinParticipants, p.MaxParticipants)
	}
	admitted := make([]*Admitted, len(t.Updates))
	seen := map[proof.Hash]bool{}
	for i, enc := range t.Updates {
		a, ref := Admit(p, selected, enc)
		if ref != nil {
			return nil, fmt.Errorf("federated: transcript update %d: %w", i, ref)
		}
		if ref := checkRecipient(enrolled, a); ref != nil {
			return nil, fmt.Errorf("federated: transcript update %d: %w", i, ref)
		}
		if i > 0 && bytes.Compare(admitted[i-1].Participant[:], a.Participant[:]) >= 0 {
			return nil, fmt.Errorf("federated: transcript update %d is out of participant order", i)
		}
		if seen[a.UpdateHash] {
			return nil, fmt.Errorf("federated: transcript update %d duplicates an earlier update", i)
		}
		seen[a.UpdateHash] = true
		admitted[i] = a
	}

	res := &Result{ChainID: p.ChainID, RoundID: p.RoundID, Rule: rule.Name(), Total: new(uint256.Int)}
	var active []int // positions of non-free-riders
	for i, a := range admitted {
		res.Contributions = append(res.Contributions, Contribution{
			Participant: common.Hash(a.Participant), Recipient: a.Update.Recipient, UpdateHash: common.Hash(a.UpdateHash),
			Norm: a.Norm, Clipped: a.Clipped, FreeRider: a.FreeRider, Amount: new(uint256.Int),
		})
		if !a.FreeRider {
			active = append(active, i)
		}
	}
	base := Floats(p.BaseModel)
	res.BaseLoss = model.HingeLoss(base, validation)
	// aggregate applies rule to the active updates except skip (-1: none)
	// and adds the result to the base model.
	aggregate := func(rule Rule, skip int) (*proof.Tensor, error) {
		var ds [][]int64
		for _, i := range active {
			if i != skip {
				ds = append(ds, admitted[i].Delta)
			}
		}
		out := &proof.Tensor{DType: proof.DTypeQ32, Shape: slices.Clone(p.BaseModel.Shape), Q32: slices.Clone(p.BaseModel.Q32)}
		if len(ds) == 0 {
			return out, nil
		}
		delta, err := rule.Aggregate(ds)
		if err != nil {
			return nil, err
		}
		for j, d := range delta {
			s := out.Q32[j] + d
			if (d > 0 && s < out.Q32[j]) || (d < 0 && s > out.Q32[j]) || s > math.MaxInt64/2 || s < math.MinInt64/2 {
				return nil, fmt.Errorf("federated: model value %d overflows", j)
			}
			out.Q32[j] = s
		}
		return out, nil
	}
	res.Model, err = aggregate(rule, -1)
	if err != nil {
		return nil, err
	}
	res.ModelHash = common.Hash(res.Model.Hash())
	res.Loss = model.HingeLoss(Floats(res.Model), validation)

	// Leave-one-out uses the rule with its count-dependent parameters
	// frozen at this round's count.
	looRule := rule
	if fr, ok := rule.(Frozen); ok {
		looRule = fr.Frozen(len(active))
	}
	// A rule that picks updates (Multi-Krum) pays only those it picked.
	var picked map[int]bool
	if sr, ok := rule.(interface {
		Selected([][]int64) ([]int, error)
	}); ok {
		ds := make([][]int64, len(active))
		for k, i := range active {
			ds[k] = admitted[i].Delta
		}
		sel, err := sr.Selected(ds)
		if err != nil {
			return nil, err
		}
		picked = map[int]bool{}
		for _, k := range sel {
			picked[active[k]] = true
		}
	}
	var sum uint256.Int
	for _, i := range active {
		without, err := aggregate(looRule, i)
		if errors.Is(err, ErrTooFewUpdates) {
			// The rule cannot run on one update fewer: compare with FedAvg
			// over the others, which always can.
			without, err = aggregate(FedAvg{}, i)
		}
		if err != nil {
			return nil, err
		}
		if picked != nil && !picked[i] {
			continue // the rule left it out: it contributed nothing
		}
		if alignment(admitted[i].Delta, without.Q32, p.BaseModel.Q32) < p.Limits.MinAlignment {
			continue // it pulls away from what the others agree on
		}
		if d := model.HingeLoss(Floats(without), validation) - res.Loss; d > 0 {
			res.Contributions[i].Score = d
			sum.Add(&sum, uint256.NewInt(uint64(d)))
		}
	}

	// Split the pool by score, rounding each share down; merge shares of
	// one recipient; leaves ascend by recipient.
	byRecipient := map[common.Address]*uint256.Int{}
	if !sum.IsZero() {
		for i := range res.Contributions {
			c := &res.Contributions[i]
			if c.Score == 0 {
				continue
			}
			amt := new(uint256.Int).Mul(p.Pool, uint256.NewInt(uint64(c.Score)))
			amt.Div(amt, &sum)
			c.Amount = amt
			if byRecipient[c.Recipient] == nil {
				byRecipient[c.Recipient] = new(uint256.Int)
			}
			byRecipient[c.Recipient].Add(byRecipient[c.Recipient], amt)
		}
	}
	recipients := make([]common.Address, 0, len(byRecipient))
	for a, v := range byRecipient {
		if !v.IsZero() {
			recipients = append(recipients, a)
		}
	}
	slices.SortFunc(recipients, func(a, b common.Address) int { return bytes.Compare(a[:], b[:]) })
	leaves := make([]proof.Hash, len(recipients))
	for i, a := range recipients {
		amt := byRecipient[a]
		leaves[i] = proof.RewardLeaf(p.ChainID, p.RoundID, a, amt)
		res.Rewards = append(res.Rewards, Reward{Recipient: a, Amount: amt, Leaf: common.Hash(leaves[i])})
		res.Total.Add(res.Total, amt)
	}
	if len(leaves) > 1<<proof.MaxRewardProofDepth {
		return nil, fmt.Errorf("federated: %d reward leaves exceed the tree's capacity", len(leaves))
	}
	res.Root = common.Hash(proof.RewardRoot(leaves))
	return res, nil
}

// enrolments checks the recorded enrolments, which must name exactly
// Enrolled in order, and returns them by participant (nil if none are
// recorded).
func (t *Transcript) enrolments() (map[proof.Hash]*proof.FederatedEnrolment, error) {
	if t.Enrolments == nil {
		return nil, nil
	}
	if len(t.Enrolments) != len(t.Enrolled) {
		return nil, fmt.Errorf("federated: transcript has %d enrolments for %d enrolled participants", len(t.Enrolments), len(t.Enrolled))
	}
	out := make(map[proof.Hash]*proof.FederatedEnrolment, len(t.Enrolments))
	for i, enc := range t.Enrolments {
		e, ref := CheckEnrolment(&t.Params, enc)
		if ref != nil {
			return nil, fmt.Errorf("federated: transcript enrolment %d: %w", i, ref)
		}
		id := e.ParticipantID()
		if id != t.Enrolled[i] {
			return nil, fmt.Errorf("federated: transcript enrolment %d is participant %x, the list names %x", i, id[:8], t.Enrolled[i][:8])
		}
		if out[id] != nil {
			return nil, fmt.Errorf("federated: transcript enrolment %d enrols participant %x twice", i, id[:8])
		}
		out[id] = e
	}
	return out, nil
}

// alignment is the cosine between delta and (model − base), the aggregate
// of the other updates: float64 sums in coordinate order with every product
// rounded explicitly, so the same on every IEEE-754 machine. It is 0 when
// either vector is zero.
func alignment(delta, model, base []int64) float64 {
	var ab, aa, bb float64
	for j := range delta {
		x, y := float64(delta[j]), float64(model[j]-base[j])
		ab = float64(ab + float64(x*y))
		aa = float64(aa + float64(x*x))
		bb = float64(bb + float64(y*y))
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return float64(ab / float64(math.Sqrt(aa)*math.Sqrt(bb)))
}
