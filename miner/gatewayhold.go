package miner

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/proof"
)

// Proofs of an unregistered gateway's tickets. The chain redeems a ticket
// only once governance has registered its gateway's key; until then
// submitTicketedWork reverts UnknownGateway. A gateway usually answers
// clients before governance gets to it (the gateway warns about it), so a
// miner holds such a proof instead of dropping it: it reads
// gatewayStatus(gatewayId) every gatewayHoldPoll and submits the proof
// again once the gateway is registered, as long as the proof can still be
// accepted (its WorkContext timestamp within the chain's timeWindowPast of
// now, and the ticket not expired). A gateway the chain revoked, or a
// window that closes first, ends the hold: the proof stays refused.

// gatewayHoldPoll is how often a held proof's gateway status is read.
var gatewayHoldPoll = 2 * time.Second

// gatewayRegistered is gatewayStatus's status of a registered gateway.
const gatewayRegistered = 1

// gatewayStatusOf reads gatewayStatus(id): 0 unknown, 1 registered, 2 revoked.
func gatewayStatusOf(ctx context.Context, chain Chain, id proof.Hash) (uint8, error) {
	v, err := callView(ctx, chain, "gatewayStatus", [32]byte(id))
	if err != nil {
		return 0, err
	}
	if len(v) != 2 {
		return 0, fmt.Errorf("gatewayStatus returned %d values, want 2", len(v))
	}
	st, ok := v[1].(uint8)
	if !ok {
		return 0, fmt.Errorf("gatewayStatus returned a %T status", v[1])
	}
	return st, nil
}

// holdForGateway waits until the ticket's gateway is registered on chain.
// It reports true when it is and the proof can still be accepted, false
// when the proof's time window or the ticket's expiry passed first, the
// gateway was revoked, or ctx ended.
func (m *Miner) holdForGateway(ctx context.Context, work *Work, tk *proof.JobTicket) bool {
	gid := tk.GatewayID()
	deadline := time.Unix(int64(work.Proof.Context.Timestamp), 0).Add(m.watch.timeWindowPast(ctx, m.chain))
	if exp := time.Unix(int64(tk.Expiry), 0); exp.Before(deadline) {
		deadline = exp
	}
	m.log.Warn("proof held: its gateway is not registered on chain (UnknownGateway); it is submitted again once governance registers the gateway",
		"gateway_id", hexutil.Encode(gid[:]), "work_id", hexutil.Encode(work.WorkID[:]), "until", deadline.UTC().Format(time.RFC3339))
	for {
		if !m.clock().Before(deadline) {
			m.log.Warn("held proof dropped: its gateway was not registered before the proof's time window closed",
				"gateway_id", hexutil.Encode(gid[:]), "work_id", hexutil.Encode(work.WorkID[:]))
			return false
		}
		if sleepCtx(ctx, gatewayHoldPoll) != nil {
			return false
		}
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		st, err := gatewayStatusOf(cctx, m.chain, gid)
		cancel()
		switch {
		case err != nil:
			continue // a node outage: read again
		case st == gatewayRegistered:
			m.log.Info("the held proof's gateway is registered: submitting it again", "gateway_id", hexutil.Encode(gid[:]),
				"work_id", hexutil.Encode(work.WorkID[:]))
			return true
		case st > gatewayRegistered:
			m.log.Warn("held proof dropped: its gateway is revoked on chain", "gateway_id", hexutil.Encode(gid[:]),
				"work_id", hexutil.Encode(work.WorkID[:]))
			return false
		}
	}
}
