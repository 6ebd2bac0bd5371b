package gateway

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Registration on chain. The precompile redeems a ticket only if its
// gateway's key is registered (governance's registerGateway); until then
// every proof of the gateway's jobs reverts UnknownGateway. The gateway
// still answers clients, so it checks the chain (gatewayStatus) at start
// and then periodically, logs one warning when it is not registered, and
// reports the state on /healthz.

// RegistrationState is what the chain says of the gateway's key.
type RegistrationState string

// Registration states.
const (
	RegistrationUnchecked     RegistrationState = "unchecked"      // no chain to ask (no --rpc)
	RegistrationUnreachable   RegistrationState = "unreachable"    // the last read failed
	RegistrationNotRegistered RegistrationState = "not_registered" // gatewayStatus 0
	RegistrationRegistered    RegistrationState = "registered"     // gatewayStatus 1
	RegistrationRevoked       RegistrationState = "revoked"        // gatewayStatus 2
)

// Registration is the gateway's standing on chain, as last read.
type Registration struct {
	State           RegistrationState `json:"state"`
	TicketsRequired bool              `json:"tickets_required"`
	Detail          string            `json:"detail"`
	CheckedAt       *time.Time        `json:"checked_at,omitempty"`
}

// Gateway statuses of the precompile's gatewayStatus.
const (
	gatewayUnknown    = 0
	gatewayRegistered = 1
	gatewayRevoked    = 2
)

// GatewayStatusReader reads gatewayStatus(gatewayId) from the chain.
type GatewayStatusReader interface {
	GatewayStatus(ctx context.Context, id proof.Hash) (ticketsRequired bool, status uint8, err error)
}

// GatewayStatus implements GatewayStatusReader with eth_call on the latest block.
func (r *RPCRegistry) GatewayStatus(ctx context.Context, id proof.Hash) (bool, uint8, error) {
	to := precompile.Address
	out, err := r.client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: iaimining.PackGatewayStatus(id)}, nil)
	if err != nil {
		return false, 0, fmt.Errorf("gatewayStatus: %w", err)
	}
	v, err := iaimining.UnpackGatewayStatus(out)
	if err != nil {
		return false, 0, fmt.Errorf("decode gatewayStatus result 0x%x: %v", out, err)
	}
	return v.TicketsRequired, v.Status, nil
}

// Registration returns the gateway's standing on chain as last read.
func (g *Gateway) Registration() Registration {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.reg.State == "" {
		return Registration{State: RegistrationUnchecked, Detail: "the gateway does not read the chain (no --rpc), so it cannot tell " +
			"whether its key is registered; proofs of an unregistered gateway's tickets are refused with UnknownGateway"}
	}
	return g.reg
}

// CheckRegistration reads the gateway's status once, records it and
// returns it.
func (g *Gateway) CheckRegistration(ctx context.Context, r GatewayStatusReader) Registration {
	now := g.cfg.Clock()
	reg := Registration{CheckedAt: &now}
	req, st, err := r.GatewayStatus(ctx, g.id)
	reg.TicketsRequired = req
	id := fmt.Sprintf("0x%x", g.id[:])
	switch {
	case err != nil:
		reg.State, reg.Detail = RegistrationUnreachable, "cannot read gatewayStatus from the chain: "+err.Error()
	case st == gatewayRegistered:
		reg.State, reg.Detail = RegistrationRegistered, "gateway "+id+" is registered on chain"
	case st == gatewayRevoked:
		reg.State, reg.Detail = RegistrationRevoked, "gateway "+id+" is revoked on chain: every proof of its tickets is refused (TicketMismatch/UnknownGateway); use a new key"
	case st == gatewayUnknown:
		reg.State, reg.Detail = RegistrationNotRegistered, "gateway "+id+" is not registered on chain: miners' proofs of its tickets are refused with UnknownGateway "+
			"until governance registers its key (pars-gateway register --key … --rpc … --governance-keystore …)"
	default:
		reg.State, reg.Detail = RegistrationUnreachable, fmt.Sprintf("gatewayStatus returned unknown status %d", st)
	}
	g.mu.Lock()
	prev := g.reg
	g.reg = reg
	g.mu.Unlock()
	if prev.State != reg.State {
		if reg.State == RegistrationRegistered {
			g.log.Info("gateway registered on chain", "gateway_id", id, "tickets_required", req)
		} else {
			g.log.Warn(reg.Detail, "gateway_id", id, "state", string(reg.State))
		}
	}
	return reg
}

// WatchRegistration checks the registration now and then every interval
// until ctx ends; each read may take timeout. It logs when the state
// changes (one warning while it is not registered).
func (g *Gateway) WatchRegistration(ctx context.Context, r GatewayStatusReader, interval, timeout time.Duration) {
	for {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		g.CheckRegistration(cctx, r)
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}
