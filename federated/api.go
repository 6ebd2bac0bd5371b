package federated

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
)

// The aggregate node's HTTP API (JSON unless noted; hashes are 0x-hex):
//
//	GET  /v1/round                    RoundInfo of the current round
//	GET  /v1/round/model              the base model, proof.Tensor encoding (application/octet-stream)
//	POST /v1/enrol                    a proof.FederatedEnrolment (application/octet-stream) → EnrolReply (while the round is open)
//	POST /v1/update                   a proof.FederatedUpdate envelope (application/octet-stream) → UpdateReply
//	GET  /v1/rounds/{id}/result       Result of a published round
//	GET  /v1/rounds/{id}/claim/{addr} ClaimInfo: the recipient's amount and Merkle proof
//
// Every refusal is an ErrorReply with a 4xx status; a full queue answers
// 503 with code "queue-full" and a Retry-After header.

// RoundInfo describes the current round.
type RoundInfo struct {
	ChainID         uint32        `json:"chain_id"`
	RoundID         uint64        `json:"round_id"`
	State           State         `json:"state"`
	BaseModelHash   common.Hash   `json:"base_model_hash"`
	Shape           []uint32      `json:"shape"`
	Rule            string        `json:"rule"`
	Limits          Limits        `json:"limits"`
	MinParticipants int           `json:"min_participants"`
	MaxParticipants int           `json:"max_participants"`
	Deadline        int64         `json:"deadline"` // unix seconds; 0 if none
	Seed            common.Hash   `json:"seed"`     // selection seed once collecting
	Selected        []common.Hash `json:"selected"` // selected participant ids once collecting
	Updates         int           `json:"updates"`  // admitted so far
	Pool            *uint256.Int  `json:"pool"`
	ValidationHash  common.Hash   `json:"validation_hash"`
	Published       *PublishedRef `json:"published,omitempty"`
}

// PublishedRef is where a round's result went on chain.
type PublishedRef struct {
	ModelHash   common.Hash  `json:"model_hash"`
	RewardsRoot common.Hash  `json:"rewards_root"`
	Total       *uint256.Int `json:"total"`
	TxHash      common.Hash  `json:"tx_hash"`
}

// EnrolReply returns the participant id.
type EnrolReply struct {
	Participant common.Hash `json:"participant"`
}

// UpdateReply confirms an admitted update.
type UpdateReply struct {
	RoundID     uint64      `json:"round_id"`
	Participant common.Hash `json:"participant"`
	UpdateHash  common.Hash `json:"update_hash"`
	Norm        float64     `json:"norm"`
	Clipped     bool        `json:"clipped"`
	FreeRider   bool        `json:"free_rider"`
}

// ErrorReply is every refusal's body.
type ErrorReply struct {
	Code  string `json:"code"`
	Error string `json:"error"`
}

// ClaimInfo is what claimRoundReward needs.
type ClaimInfo struct {
	ChainID   uint32         `json:"chain_id"`
	RoundID   uint64         `json:"round_id"`
	Recipient common.Address `json:"recipient"`
	Amount    *uint256.Int   `json:"amount"`
	Proof     []common.Hash  `json:"proof"`
}

// Verify checks the claim against a published root.
func (c *ClaimInfo) Verify(root common.Hash) error {
	leaf := proof.RewardLeaf(c.ChainID, c.RoundID, c.Recipient, c.Amount)
	if !proof.VerifyRewardProof(proof.Hash(root), leaf, c.ProofHashes()) {
		return fmt.Errorf("federated: claim of %v for round %d does not prove into root %x", c.Recipient, c.RoundID, root[:8])
	}
	return nil
}

// ProofHashes returns the proof as proof hashes.
func (c *ClaimInfo) ProofHashes() []proof.Hash {
	out := make([]proof.Hash, len(c.Proof))
	for i, h := range c.Proof {
		out[i] = proof.Hash(h)
	}
	return out
}
