package miner

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/proof"
)

// Proofs of an unregistered gateway. The precompile redeems a ticket only
// when its gateway's key is registered (governance's registerGateway);
// until then it refuses the proof with UnknownGateway. Such a refusal is
// not final: the miner holds the proof, logs one line per gateway (not per
// proof), reads the gateway's status with a read-only eth_call of
// gatewayStatus every GatewayPollInterval, and sends the held proofs once
// it is registered. A proof whose time window (its WorkContext timestamp +
// the chain's timeWindowPast, and its ticket's expiry) closes first is
// dropped; each poll logs one line for the proofs it dropped, and they are
// counted (pars_miner_proofs_held_expired_total). A revoked gateway's
// proofs are dropped at once.

// DefaultGatewayPollInterval is how often the miner reads the status of a
// gateway whose proofs it holds.
const DefaultGatewayPollInterval = 5 * time.Second

// Gateway statuses of the precompile's gatewayStatus.
const (
	gatewayStatusRegistered = 1
	gatewayStatusRevoked    = 2
)

var (
	errHeldExpired    = errors.New("the proof's time window closed before its gateway was registered")
	errGatewayRevoked = errors.New("the gateway's key is revoked on chain")
)

// heldProof is one proof waiting for its gateway.
type heldProof struct {
	expires time.Time
	result  chan error // nil: send it now; else why it is dropped
}

// heldGateway is a gateway whose proofs the miner holds.
type heldGateway struct {
	proofs []*heldProof
}

// gatewayHolds are the miner's held proofs, by gateway id.
type gatewayHolds struct {
	mu  sync.Mutex
	gws map[proof.Hash]*heldGateway
}

// holdForGateway holds one proof refused with UnknownGateway until gateway
// gw is registered (nil: send it again), its window closes at expires, gw
// is revoked, or ctx ends.
func (m *Miner) holdForGateway(ctx context.Context, gw proof.Hash, expires time.Time) error {
	h := &m.holds
	p := &heldProof{expires: expires, result: make(chan error, 1)}
	h.mu.Lock()
	if h.gws == nil {
		h.gws = map[proof.Hash]*heldGateway{}
	}
	g := h.gws[gw]
	first := g == nil
	if first {
		g = &heldGateway{}
		h.gws[gw] = g
	}
	g.proofs = append(g.proofs, p)
	h.mu.Unlock()
	m.metrics.ProofsHeld.Inc()
	if first {
		m.log.Warn("gateway not registered on chain: holding the proofs of its tickets, to send them once governance registers it",
			"gateway_id", hexutil.Encode(gw[:]), "check_every", m.gatewayPoll().String(), "register_with", "pars-gateway register")
		go m.watchGateway(context.WithoutCancel(ctx), gw)
	}
	select {
	case err := <-p.result:
		return err
	case <-ctx.Done():
		m.releaseHeld(gw, func(q *heldProof) bool { return q == p }, ctx.Err())
		return ctx.Err()
	}
}

// gatewayPoll returns the interval of gateway status reads.
func (m *Miner) gatewayPoll() time.Duration {
	if m.opts.GatewayPollInterval > 0 {
		return m.opts.GatewayPollInterval
	}
	return DefaultGatewayPollInterval
}

// releaseHeld ends the held proofs of gw for which pick is true with err
// (nil: send them) and returns how many; it forgets gw when none is left.
func (m *Miner) releaseHeld(gw proof.Hash, pick func(*heldProof) bool, err error) int {
	h := &m.holds
	h.mu.Lock()
	defer h.mu.Unlock()
	g := h.gws[gw]
	if g == nil {
		return 0
	}
	kept := g.proofs[:0]
	n := 0
	for _, p := range g.proofs {
		if pick(p) {
			p.result <- err
			n++
			continue
		}
		kept = append(kept, p)
	}
	g.proofs = kept
	if len(kept) == 0 {
		delete(h.gws, gw)
	}
	m.metrics.ProofsHeld.Sub(float64(n))
	return n
}

// watchGateway reads gw's status every poll interval while the miner holds
// proofs of it, and releases them when it is registered, revoked or when
// their window closes. It ends when no proof of gw is held.
func (m *Miner) watchGateway(ctx context.Context, gw proof.Hash) {
	id := hexutil.Encode(gw[:])
	ticker := time.NewTicker(m.gatewayPoll())
	defer ticker.Stop()
	for range ticker.C {
		m.holds.mu.Lock()
		g := m.holds.gws[gw]
		m.holds.mu.Unlock()
		if g == nil {
			return
		}
		cctx, cancel := context.WithTimeout(ctx, finalityCheckTimeout)
		status, err := ReadGatewayStatus(cctx, m.chain, gw)
		cancel()
		switch {
		case err != nil:
			m.log.Debug("cannot read the gateway's status; trying again", "gateway_id", id, "err", err)
		case status == gatewayStatusRegistered:
			n := m.releaseHeld(gw, func(*heldProof) bool { return true }, nil)
			m.log.Info("gateway registered on chain: sending its held proofs", "gateway_id", id, "proofs", n)
			return
		case status == gatewayStatusRevoked:
			n := m.releaseHeld(gw, func(*heldProof) bool { return true }, errGatewayRevoked)
			m.metrics.ProofsHeldExpired.Add(float64(n))
			m.log.Error("gateway revoked on chain: dropping its held proofs", "gateway_id", id, "proofs", n)
			return
		}
		now := m.clock()
		if n := m.releaseHeld(gw, func(p *heldProof) bool { return !now.Before(p.expires) }, errHeldExpired); n > 0 {
			m.metrics.ProofsHeldExpired.Add(float64(n))
			m.log.Warn("dropped held proofs whose time window closed before their gateway was registered", "gateway_id", id, "proofs", n)
		}
	}
}

// ReadGatewayStatus reads gatewayStatus(gatewayId) on the latest block:
// 0 unknown, 1 registered, 2 revoked.
func ReadGatewayStatus(ctx context.Context, chain Chain, gw proof.Hash) (uint8, error) {
	v, err := view(ctx, chain, "gatewayStatus", iaimining.PackGatewayStatus(gw), iaimining.UnpackGatewayStatus)
	if err != nil {
		return 0, err
	}
	return v.Status, nil
}
