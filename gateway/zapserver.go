package gateway

import (
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/pars-network/aimining/gateway/zap"
	"github.com/pars-network/aimining/proof"
)

// Timeouts of a ZAP connection.
const (
	// registerTimeout bounds the handshake.
	registerTimeout = 10 * time.Second
	// maxWait bounds how long a nextJob request is held open.
	maxWait = 30 * time.Second
)

// session is one registered miner connection.
type session struct {
	c         net.Conn
	zc        *conn
	miner     *minerState
	models    []ModelOffer
	challenge proof.Hash
	attested  bool // decided once, at registration
	assign    chan *lease
}

// Serve accepts ZAP connections on ln until it is closed.
func (g *Gateway) Serve(ln net.Listener) error {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return ErrClosed
	}
	g.lns = append(g.lns, ln)
	g.mu.Unlock()
	for {
		c, err := ln.Accept()
		if err != nil {
			g.mu.Lock()
			closed := g.closed
			g.mu.Unlock()
			if closed || errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		g.mu.Lock()
		if g.closed {
			g.mu.Unlock()
			c.Close()
			return nil
		}
		g.conns[c] = struct{}{}
		g.wg.Add(1)
		g.mu.Unlock()
		go func() {
			defer g.wg.Done()
			err := g.handle(c)
			if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				g.log.Info("miner connection ended", "remote", c.RemoteAddr().String(), "err", err)
			}
			c.Close()
			g.mu.Lock()
			delete(g.conns, c)
			g.mu.Unlock()
		}()
	}
}

// handle runs one miner connection: handshake, then requests.
func (g *Gateway) handle(c net.Conn) error {
	zc := newConn(c)
	s := &session{c: c, zc: zc, assign: make(chan *lease, 1)}
	if _, err := io.ReadFull(g.cfg.Rand, s.challenge[:]); err != nil {
		return err
	}
	c.SetDeadline(time.Now().Add(registerTimeout))
	if err := zc.send(encodeHello(&Hello{Version: zap.ProtocolVersion, Challenge: s.challenge,
		GatewayKey: g.cfg.Key.Public().Bytes(), ChainID: g.cfg.ChainID})); err != nil {
		return err
	}
	f, err := zc.recv()
	if err != nil {
		return err
	}
	if f.which != zap.Frame_Which_register {
		zc.sendError("bad_request", "the first frame must be register")
		return errors.New("first frame is not register")
	}
	reg := f.register
	if reg.Version != zap.ProtocolVersion {
		zc.sendError("version", fmt.Sprintf("protocol version %d, this gateway speaks %d", reg.Version, zap.ProtocolVersion))
		return fmt.Errorf("protocol version %d", reg.Version)
	}
	msg := &proof.MinerRegistration{ChainID: g.cfg.ChainID, GatewayID: g.id, Challenge: s.challenge, MinerID: proof.MinerID(reg.MinerKey)}
	if err := proof.VerifyMinerRegistration(msg, reg.MinerKey, reg.Signature); err != nil {
		zc.sendError("unauthorized", "the registration signature does not verify: "+err.Error())
		return fmt.Errorf("registration: %w", err)
	}
	// Only models the gateway knows, with the same weights, are served.
	for _, o := range reg.Models {
		if m, ok := g.models[o.Name]; ok && m.Hash == o.Hash {
			s.models = append(s.models, ModelOffer{Name: o.Name, Hash: o.Hash, Capabilities: append([]Capability(nil), o.Capabilities...)})
		} else {
			g.log.Info("ignoring a model the gateway does not serve with these weights", "model", o.Name, "miner", hexID(msg.MinerID))
		}
	}
	attested := len(reg.Attestation) > 0 && g.cfg.Attested != nil && g.cfg.Attested(reg.MinerKey, s.challenge, reg.Attestation)
	g.mu.Lock()
	ms := g.miners[msg.MinerID]
	if ms == nil {
		ms = &minerState{id: msg.MinerID}
		g.miners[msg.MinerID] = ms
	}
	s.attested = attested
	if attested {
		ms.attested++
	}
	ms.sessions++
	s.miner = ms
	g.live[s] = struct{}{}
	g.mu.Unlock()
	defer g.drop(s)
	if err := zc.send(small(func(f zap.Frame) error {
		r, err := f.NewRegistered()
		if err != nil {
			return err
		}
		r.SetAttested(attested)
		return r.SetMinerId(msg.MinerID[:])
	})); err != nil {
		return err
	}
	g.log.Info("miner registered", "miner", hexID(msg.MinerID), "models", len(s.models), "attested", attested,
		"gpu", reg.GPU.Name, "agent", reg.Agent, "remote", c.RemoteAddr().String())

	idle := g.cfg.LeaseTimeout + maxWait + 30*time.Second
	for {
		c.SetDeadline(time.Now().Add(idle))
		f, err := zc.recv()
		if err != nil {
			return err
		}
		switch f.which {
		case zap.Frame_Which_nextJob:
			if err := g.nextJob(s, time.Duration(f.waitMs)*time.Millisecond); err != nil {
				return err
			}
		case zap.Frame_Which_chunk:
			g.chunk(s, f.chunk.leaseID, f.chunk.data)
		case zap.Frame_Which_result:
			ok, reason := g.complete(s, f.result)
			if err := zc.send(small(func(f zap.Frame) error {
				a, err := f.NewResultAck()
				if err != nil {
					return err
				}
				a.SetAccepted(ok)
				return a.SetReason(reason)
			})); err != nil {
				return err
			}
		default:
			zc.sendError("bad_request", fmt.Sprintf("unexpected frame %v", f.which))
			return fmt.Errorf("unexpected frame %v", f.which)
		}
	}
}

// nextJob waits up to wait for a job for s and sends it, or noJob.
func (g *Gateway) nextJob(s *session, wait time.Duration) error {
	wait = min(max(wait, 0), maxWait)
	g.mu.Lock()
	g.waiting = append(g.waiting, s)
	g.match()
	g.mu.Unlock()
	var l *lease
	t := time.NewTimer(wait)
	select {
	case l = <-s.assign:
	case <-g.quit:
		t.Stop()
		return ErrClosed
	case <-t.C:
		g.mu.Lock()
		for i, w := range g.waiting {
			if w == s {
				g.waiting = append(g.waiting[:i], g.waiting[i+1:]...)
				break
			}
		}
		g.mu.Unlock()
		// match may have assigned a lease just before the removal.
		select {
		case l = <-s.assign:
		default:
		}
	}
	t.Stop()
	if l == nil {
		return s.sendNoJob()
	}
	j := l.job
	st, err := g.leaseTicket(l)
	if err != nil {
		// Not the miner's fault: the job goes to the next lease and the
		// miner is told there is none now.
		g.log.Error("job not leased", "miner", hexID(s.miner.id), "err", err)
		g.mu.Lock()
		if _, ok := g.leases[l.id]; ok {
			g.endLease(l)
			g.retry(j, err.Error())
		}
		g.mu.Unlock()
		return s.sendNoJob()
	}
	err = s.zc.send(encodeJob(&Job{LeaseID: l.id, LeaseMs: uint32(g.cfg.LeaseTimeout / time.Millisecond), Kind: j.req.Kind,
		Model: j.req.Model, Input: j.req.Input, MaxTokens: j.req.MaxTokens, Ticket: st.encoded, Tensors: j.req.Tensors,
		Stop: j.req.Stop, Sampling: j.req.Sampling, Stream: j.req.Stream}))
	if err != nil {
		// The connection is gone: the lease goes back at once.
		g.mu.Lock()
		if _, ok := g.leases[l.id]; ok {
			g.endLease(l)
			g.retry(j, "miner connection lost")
		}
		g.mu.Unlock()
	}
	return err
}

// chunk records part of a streamed job's output. Chunks of a lease that
// ended, of another session's lease or of a job not streamed are dropped.
func (g *Gateway) chunk(s *session, leaseID uint64, data []byte) {
	g.mu.Lock()
	l, ok := g.leases[leaseID]
	var b *streamBuf
	if ok && l.sess == s && !l.job.finished {
		b = l.job.stream
	}
	g.mu.Unlock()
	if b != nil {
		b.add(leaseID, data)
	}
}

// drop forgets a session whose connection ended and reassigns its leases.
func (g *Gateway) drop(s *session) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.live, s)
	s.miner.sessions--
	if s.attested {
		s.miner.attested--
	}
	for i, w := range g.waiting {
		if w == s {
			g.waiting = append(g.waiting[:i], g.waiting[i+1:]...)
			break
		}
	}
	select {
	case l := <-s.assign:
		g.endLease(l)
		g.retry(l.job, "miner disconnected")
	default:
	}
	for _, l := range g.leases {
		if l.sess == s {
			g.endLease(l)
			g.retry(l.job, "miner disconnected")
		}
	}
}

// sendNoJob answers a nextJob request with noJob.
func (s *session) sendNoJob() error {
	return s.zc.send(small(func(f zap.Frame) error {
		n, err := f.NewNoJob()
		if err == nil {
			n.SetRetryMs(0)
		}
		return err
	}))
}

func hexID(h proof.Hash) string { return fmt.Sprintf("0x%x", h[:8]) }
