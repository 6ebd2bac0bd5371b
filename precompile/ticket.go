package precompile

import (
	"encoding/binary"
	"errors"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
)

// Storage of gateway tickets (fixed slots 24..31 are reserved for them):
//
//	slot 24  tickets required (1 byte, right-aligned: 1 = required)
//	DomainStorage("gateway/key" ‖ gatewayId)   status (1 registered, 2 revoked), right-aligned
//	DomainStorage("gateway/ticket" ‖ ticketId) 1 + the block number that redeemed it
//	DomainStorage("gateway/budget" ‖ gatewayId) budget(8) ‖ epoch(8) ‖ spent in that epoch(8), left-aligned
//
// A gateway's tickets spend compute units from the budget governance sets
// for it per epoch (setGatewayBudget; none until set): ticketed work beyond
// it is refused (GatewayBudgetExhausted) and stays unspent, so a colluding
// gateway can make at most its budget of work valid per epoch, however many
// tickets it signs.
const slotTicketsRequired = 24

// Gateway status values.
const (
	gatewayUnknown    byte = 0
	gatewayRegistered byte = 1
	gatewayRevoked    byte = 2
)

// GatewaySlot returns the slot holding a gateway's status.
func GatewaySlot(id [32]byte) common.Hash {
	return derivedSlot("gateway/key", id[:])
}

// TicketSlot returns the slot recording the redemption of a ticket id.
func TicketSlot(id [32]byte) common.Hash {
	return derivedSlot("gateway/ticket", id[:])
}

func (s store) ticketsRequired() bool { return s.get(numSlot(slotTicketsRequired))[31] == 1 }

func (s store) gatewayStatus(id [32]byte) byte { return s.get(GatewaySlot(id))[31] }

// GatewayBudgetSlot returns the slot holding a gateway's compute-unit
// budget per epoch and what its tickets spent of it.
func GatewayBudgetSlot(id [32]byte) common.Hash {
	return derivedSlot("gateway/budget", id[:])
}

// gatewayBudget is a gateway's budget and what it spent in epoch.
type gatewayBudget struct {
	budget, epoch, spent uint64
}

func (s store) gatewayBudget(id [32]byte) gatewayBudget {
	v := s.get(GatewayBudgetSlot(id))
	return gatewayBudget{binary.BigEndian.Uint64(v[0:8]), binary.BigEndian.Uint64(v[8:16]), binary.BigEndian.Uint64(v[16:24])}
}

func (s store) setGatewayBudget(id [32]byte, b gatewayBudget) {
	var v common.Hash
	binary.BigEndian.PutUint64(v[0:8], b.budget)
	binary.BigEndian.PutUint64(v[8:16], b.epoch)
	binary.BigEndian.PutUint64(v[16:24], b.spent)
	s.set(GatewayBudgetSlot(id), v)
}

// spendGatewayBudget charges cu compute units of epoch to gateway id's
// budget, or refuses them.
func (c *call) spendGatewayBudget(id [32]byte, epoch, cu uint64) error {
	b := c.st.gatewayBudget(id)
	if b.epoch != epoch {
		b.epoch, b.spent = epoch, 0
	}
	if b.spent > b.budget || cu > b.budget-b.spent {
		return revert("GatewayBudgetExhausted", id, epoch, b.budget, b.spent)
	}
	b.spent += cu
	c.st.setGatewayBudget(id, b)
	return nil
}

// ticketMethods are the gateway-ticket functions.
func ticketMethods() map[string]*method {
	return map[string]*method{
		"submitTicketedWork": {writes: true, gas: submitTicketedGas, run: (*call).submitTicketedWork},
		"registerGateway":    {writes: true, gas: registerGatewayGas, run: (*call).registerGateway},
		"revokeGateway":      {writes: true, gas: fixedGas(gasViewParams + GasColdSload + GasSstoreSet + logGas(2, 0)), run: (*call).revokeGateway},
		"setTicketsRequired": {writes: true, gas: fixedGas(gasViewParams + GasColdSload + GasSstoreSet + logGas(1, 32)), run: (*call).setTicketsRequired},
		"gatewayStatus":      {gas: fixedGas(2 * GasColdSload), run: (*call).gatewayStatusView},
		"ticketRedeemedAt":   {gas: fixedGas(GasColdSload), run: (*call).ticketRedeemedAt},
		"setGatewayBudget":   {writes: true, gas: fixedGas(gasViewParams + GasDerivedSlot + GasColdSload + GasSstoreSet + logGas(2, 64)), run: (*call).setGatewayBudget},
		"gatewayBudget":      {gas: fixedGas(GasDerivedSlot + GasColdSload), run: (*call).gatewayBudgetView},
	}
}

// gasTicketStorage: three cold reads (requirement flag, gateway status,
// ticket record), the ticket record set from zero and TicketRedeemed
// (4 topics, 2 words), the gateway's budget derived, read and rewritten.
var gasTicketStorage = 3*GasColdSload + GasSstoreSet + logGas(4, 64) + GasDerivedSlot + GasColdSload + GasSstoreReset

// ticketGas is the compute cost of checking an encoded ticket: decoding,
// its id, and the gateway's signature under the scheme its length implies
// (ML-DSA-87 for a length that fits none).
func ticketGas(encoded []byte) uint64 {
	s := proof.MLDSA87
	for _, c := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65} {
		if len(encoded) == proof.MinTicketSize-proof.PublicKeySize44-proof.SignatureSize44+c.PublicKeySize()+c.SignatureSize() {
			s = c
		}
	}
	return GasTicketChecks + verifyGas(s, len(encoded)) + GasPerInputWord*words(len(encoded))
}

// submitTicketedGas prices submitTicketedWork(proof, attestation, ticket):
// a submission, the proof decoded once more, the ticket, its storage.
func submitTicketedGas(args []any) uint64 {
	return submitGas(args[:2]) + GasProofChecks + ticketGas(args[2].([]byte)) + gasTicketStorage
}

// registerGatewayGas: governance read, the key decoded (charged as a
// verification, its upper bound) and hashed, status read and set, a log.
func registerGatewayGas(args []any) uint64 {
	pk := args[0].([]byte)
	s, err := proof.SchemeForPublicKeySize(len(pk))
	if err != nil {
		s = proof.MLDSA87
	}
	return gasViewParams + verifyGas(s, 0) + GasTeleportKeyIDPerWord*words(len(pk)) + GasColdSload + GasSstoreSet + logGas(2, 0)
}

// requireNoTicket refuses plain submissions while tickets are required.
func (c *call) requireNoTicket() error {
	if c.st.ticketsRequired() {
		return revert("TicketRequired")
	}
	return nil
}

// submitTicketedWork(bytes proof, bytes attestation, bytes ticket) returns (uint256 reward)
func (c *call) submitTicketedWork(args []any) ([]any, error) {
	encoded, attestation := args[0].([]byte), args[1].([]byte)
	t, err := proof.DecodeJobTicket(args[2].([]byte))
	if err != nil {
		return nil, revert("MalformedInput", decodeReason(err, "ticket does not decode"))
	}
	wp, err := decodeWorkProof(encoded)
	if err != nil {
		return nil, err
	}
	gw := t.GatewayID()
	if c.st.gatewayStatus(gw) != gatewayRegistered {
		return nil, revert("UnknownGateway", [32]byte(gw))
	}
	if now := c.env.BlockTime(); t.Expiry < now {
		return nil, revert("TicketExpired", t.Expiry, now)
	}
	if uint64(t.ChainID) != c.env.ChainID() {
		return nil, revert("TicketMismatch", "chain id")
	}
	// The work context first, then the miner: only the key the gateway
	// leased the ticket to may redeem it, so a ticket copied from the
	// mempool or the gateway link is worth nothing to anyone else.
	if err := t.CheckProof(wp); err != nil {
		var me *proof.TicketMismatchError
		if errors.As(err, &me) {
			return nil, revert("TicketMismatch", me.Field)
		}
		return nil, revert("TicketMismatch", "work context")
	}
	p := c.st.params()
	cu, err := c.jobComputeUnits(&p, wp)
	if err != nil {
		return nil, err
	}
	if cu > t.Budget {
		return nil, revert("TicketBudgetExceeded", cu, t.Budget)
	}
	pk, err := c.keys.Parse(t.GatewayKey)
	if err != nil || t.VerifySignature(pk) != nil {
		return nil, revert("BadTicketSignature")
	}
	id := t.ID()
	slot := TicketSlot(id)
	if c.st.get(slot) != (common.Hash{}) {
		return nil, revert("TicketAlreadyRedeemed", [32]byte(id))
	}
	acc, err := c.submitOne(&p, encoded, attestation)
	if err != nil {
		return nil, err
	}
	if err := c.spendGatewayBudget(gw, acc.epoch, acc.computeUnits); err != nil {
		return nil, err
	}
	var v common.Hash
	binary.BigEndian.PutUint64(v[24:], c.env.BlockNumber()+1)
	c.st.set(slot, v)
	c.env.AddLog(
		[]common.Hash{eventTopic("TicketRedeemed"), common.Hash(id), common.Hash(gw), common.Hash(acc.workID)},
		packEventData("TicketRedeemed", acc.computeUnits, t.Budget),
	)
	return []any{acc.amount.ToBig()}, nil
}

// registerGateway(bytes publicKey) returns (bytes32 gatewayId)
func (c *call) registerGateway(args []any) ([]any, error) {
	if err := c.onlyGovernance(); err != nil {
		return nil, err
	}
	raw := args[0].([]byte)
	pk, err := c.keys.Parse(raw)
	if err != nil {
		return nil, revert("InvalidParameter", "gateway key: "+keyReason(err))
	}
	id := pk.ID()
	switch c.st.gatewayStatus(id) {
	case gatewayRevoked:
		return nil, revert("InvalidParameter", "gateway key was revoked")
	case gatewayRegistered:
		return []any{[32]byte(id)}, nil
	}
	c.st.set(GatewaySlot(id), common.Hash{31: gatewayRegistered})
	c.env.AddLog([]common.Hash{eventTopic("GatewayRegistered"), common.Hash(id)}, nil)
	return []any{[32]byte(id)}, nil
}

// revokeGateway(bytes32 gatewayId)
func (c *call) revokeGateway(args []any) ([]any, error) {
	if err := c.onlyGovernance(); err != nil {
		return nil, err
	}
	id := args[0].([32]byte)
	if c.st.gatewayStatus(id) == gatewayRevoked {
		return nil, nil
	}
	c.st.set(GatewaySlot(id), common.Hash{31: gatewayRevoked})
	c.env.AddLog([]common.Hash{eventTopic("GatewayRevoked"), id}, nil)
	return nil, nil
}

// setTicketsRequired(bool required)
func (c *call) setTicketsRequired(args []any) ([]any, error) {
	if err := c.onlyGovernance(); err != nil {
		return nil, err
	}
	req := args[0].(bool)
	if c.st.ticketsRequired() == req {
		return nil, nil
	}
	var v common.Hash
	if req {
		v[31] = 1
	}
	c.st.set(numSlot(slotTicketsRequired), v)
	c.env.AddLog([]common.Hash{eventTopic("TicketsRequiredChanged")}, packEventData("TicketsRequiredChanged", req))
	return nil, nil
}

// gatewayStatus(bytes32 gatewayId) returns (bool ticketsRequired, uint8 status)
func (c *call) gatewayStatusView(args []any) ([]any, error) {
	return []any{c.st.ticketsRequired(), c.st.gatewayStatus(args[0].([32]byte))}, nil
}

// ticketRedeemedAt(bytes32 ticketId) returns (uint64)
func (c *call) ticketRedeemedAt(args []any) ([]any, error) {
	v := c.st.get(TicketSlot(args[0].([32]byte)))
	return []any{binary.BigEndian.Uint64(v[24:])}, nil
}

// setGatewayBudget(bytes32 gatewayId, uint64 computeUnitsPerEpoch):
// governance sets how many compute units a gateway's tickets may make valid
// per epoch (0: none). What it spent in the current epoch stays counted.
func (c *call) setGatewayBudget(args []any) ([]any, error) {
	if err := c.onlyGovernance(); err != nil {
		return nil, err
	}
	id, budget := args[0].([32]byte), args[1].(uint64)
	b := c.st.gatewayBudget(id)
	old := b.budget
	b.budget = budget
	c.st.setGatewayBudget(id, b)
	c.env.AddLog([]common.Hash{eventTopic("GatewayBudgetSet"), id}, packEventData("GatewayBudgetSet", old, budget))
	return nil, nil
}

// gatewayBudget(bytes32 gatewayId) view returns (uint64 budget,
// uint64 epoch, uint64 spent): the budget per epoch and what the gateway's
// tickets spent in epoch (the epoch of its latest redeemed ticket).
func (c *call) gatewayBudgetView(args []any) ([]any, error) {
	b := c.st.gatewayBudget(args[0].([32]byte))
	return []any{b.budget, b.epoch, b.spent}, nil
}

func (c *call) onlyGovernance() error {
	p := c.st.params()
	if caller := c.env.Caller(); caller != p.Governance {
		return revert("NotGovernance", caller)
	}
	return nil
}
