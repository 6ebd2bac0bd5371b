package gateway

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/pars-network/aimining/gateway/zap"
	"github.com/pars-network/aimining/proof"
)

// Client is a miner's ZAP connection to a gateway. It is not safe for
// concurrent use: a miner opens one Client per worker.
type Client struct {
	c        net.Conn
	zc       *conn
	hello    Hello
	gateway  *proof.PublicKey
	minerID  proof.Hash // as the gateway registered it
	self     proof.Hash // MinerID of this miner's own key
	attested bool
}

// ClientOptions are what a miner tells the gateway about itself.
type ClientOptions struct {
	ChainID uint32            // refuse a gateway on another chain
	Key     *proof.PrivateKey // the miner's ML-DSA key
	Models  []ModelOffer
	GPU     GPUInfo
	Agent   string
	// Attestation returns evidence bound to the gateway's challenge, or nil.
	Attestation func(challenge proof.Hash) []byte
	// GatewayID, when set, pins the gateway's key id.
	GatewayID *proof.Hash
}

// Dial connects to a gateway at addr (host:port), proves the miner holds
// its key by signing the gateway's challenge, and registers.
func Dial(ctx context.Context, addr string, o ClientOptions) (*Client, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	cl := &Client{c: c, zc: newConn(c)}
	if err := cl.handshake(ctx, o); err != nil {
		c.Close()
		return nil, err
	}
	return cl, nil
}

func (cl *Client) handshake(ctx context.Context, o ClientOptions) error {
	deadline := time.Now().Add(registerTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	cl.c.SetDeadline(deadline)
	defer cl.c.SetDeadline(time.Time{})
	f, err := cl.zc.recv()
	if err != nil {
		return fmt.Errorf("zap: read hello: %w", err)
	}
	if f.which != zap.Frame_Which_hello {
		return errors.New("zap: the gateway did not greet with hello")
	}
	h := f.hello
	if h.Version != zap.ProtocolVersion {
		return fmt.Errorf("zap: the gateway speaks protocol version %d, this miner %d", h.Version, zap.ProtocolVersion)
	}
	if h.ChainID != o.ChainID {
		return fmt.Errorf("zap: the gateway hands out jobs for chain %d, this miner mines chain %d", h.ChainID, o.ChainID)
	}
	gk, err := proof.ParsePublicKey(h.GatewayKey)
	if err != nil {
		return fmt.Errorf("zap: gateway key: %w", err)
	}
	if o.GatewayID != nil && gk.ID() != *o.GatewayID {
		return fmt.Errorf("zap: the gateway's key id is 0x%x, not the configured 0x%x", gk.ID(), o.GatewayID[:])
	}
	cl.hello = Hello{Version: h.Version, Challenge: h.Challenge, GatewayKey: gk.Bytes(), ChainID: h.ChainID}
	cl.self = o.Key.Public().ID()
	cl.gateway = gk
	msg := &proof.MinerRegistration{ChainID: o.ChainID, GatewayID: gk.ID(), Challenge: h.Challenge}
	sig, err := proof.SignMinerRegistration(msg, o.Key)
	if err != nil {
		return err
	}
	reg := &Register{Version: zap.ProtocolVersion, MinerKey: o.Key.Public().Bytes(), Signature: sig,
		Models: o.Models, GPU: o.GPU, Agent: o.Agent}
	if o.Attestation != nil {
		reg.Attestation = o.Attestation(h.Challenge)
	}
	if err := cl.zc.send(encodeRegister(reg)); err != nil {
		return err
	}
	f, err = cl.zc.recv()
	if err != nil {
		return fmt.Errorf("zap: read registration answer: %w", err)
	}
	switch f.which {
	case zap.Frame_Which_registered:
		cl.minerID, cl.attested = f.registered.minerID, f.registered.attested
		return nil
	case zap.Frame_Which_error:
		return &RemoteError{Code: f.errCode, Message: f.errMsg}
	}
	return fmt.Errorf("zap: unexpected answer %v to register", f.which)
}

// GatewayKey returns the gateway's public key (it signs the tickets).
func (cl *Client) GatewayKey() *proof.PublicKey { return cl.gateway }

// Attested reports whether the gateway ranks this miner as attested.
func (cl *Client) Attested() bool { return cl.attested }

// Close closes the connection; a job leased on it is reassigned.
func (cl *Client) Close() error { return cl.c.Close() }

// NextJob asks for a job, letting the gateway hold the request up to wait.
// It returns nil, nil when none came.
func (cl *Client) NextJob(ctx context.Context, wait time.Duration) (*Job, error) {
	stop := context.AfterFunc(ctx, func() { cl.c.SetDeadline(time.Now()) })
	defer stop()
	cl.c.SetDeadline(time.Now().Add(wait + 15*time.Second))
	defer cl.c.SetDeadline(time.Time{})
	if err := cl.zc.send(small(func(f zap.Frame) error {
		n, err := f.NewNextJob()
		if err == nil {
			n.SetWaitMs(uint32(wait / time.Millisecond))
		}
		return err
	})); err != nil {
		return nil, ctxErr(ctx, err)
	}
	msg, err := cl.zc.dec.Decode()
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	f, err := decodeFrame(msg)
	if err != nil {
		return nil, err
	}
	switch f.which {
	case zap.Frame_Which_job:
		// Copy out of the message, which is reused.
		j := *f.job
		j.Input = append([]byte(nil), j.Input...)
		j.Ticket = append([]byte(nil), j.Ticket...)
		for i := range j.Tensors {
			j.Tensors[i].Data = append([]byte(nil), j.Tensors[i].Data...)
		}
		return &j, nil
	case zap.Frame_Which_noJob:
		return nil, nil
	case zap.Frame_Which_error:
		return nil, &RemoteError{Code: f.errCode, Message: f.errMsg}
	}
	return nil, fmt.Errorf("zap: unexpected answer %v to nextJob", f.which)
}

// SendChunk sends part of a streamed job's output: the bytes that follow
// what earlier chunks of the lease sent. The gateway does not answer
// chunks; the result that follows carries the whole output.
func (cl *Client) SendChunk(ctx context.Context, leaseID uint64, data []byte) error {
	if len(data) == 0 {
		return nil
	}
	stop := context.AfterFunc(ctx, func() { cl.c.SetWriteDeadline(time.Now()) })
	defer stop()
	cl.c.SetWriteDeadline(time.Now().Add(30 * time.Second))
	defer cl.c.SetWriteDeadline(time.Time{})
	err := cl.zc.send(small(func(f zap.Frame) error {
		c, err := f.NewChunk()
		if err != nil {
			return err
		}
		c.SetLeaseId(leaseID)
		return c.SetData(data)
	}))
	return ctxErr(ctx, err)
}

// SendResult sends the result of a leased job and returns whether the
// gateway accepted it (it refuses results of expired or reassigned leases).
func (cl *Client) SendResult(ctx context.Context, r *Result) (bool, string, error) {
	stop := context.AfterFunc(ctx, func() { cl.c.SetDeadline(time.Now()) })
	defer stop()
	cl.c.SetDeadline(time.Now().Add(30 * time.Second))
	defer cl.c.SetDeadline(time.Time{})
	if err := cl.zc.send(encodeResult(r)); err != nil {
		return false, "", ctxErr(ctx, err)
	}
	f, err := cl.zc.recv()
	if err != nil {
		return false, "", ctxErr(ctx, err)
	}
	switch f.which {
	case zap.Frame_Which_resultAck:
		return f.ack.accepted, f.ack.reason, nil
	case zap.Frame_Which_error:
		return false, "", &RemoteError{Code: f.errCode, Message: f.errMsg}
	}
	return false, "", fmt.Errorf("zap: unexpected answer %v to result", f.which)
}

func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// VerifyTicket decodes a job's ticket and checks it against the gateway's
// key, the chain, this miner's own key id (only the miner a ticket names
// can redeem it), the job's input and model hash, and the time now.
func (cl *Client) VerifyTicket(j *Job, modelHash proof.Hash, now time.Time) (*proof.JobTicket, error) {
	t, err := proof.DecodeJobTicket(j.Ticket)
	if err != nil {
		return nil, err
	}
	if err := t.VerifySignature(cl.gateway); err != nil {
		return nil, fmt.Errorf("ticket: %w", err)
	}
	switch {
	case t.ChainID != cl.hello.ChainID:
		return nil, fmt.Errorf("ticket is for chain %d", t.ChainID)
	case t.MinerID != cl.self:
		return nil, fmt.Errorf("ticket names miner 0x%x, this miner is 0x%x: it could not be redeemed", t.MinerID[:8], cl.self[:8])
	case t.InputHash != proof.HashInput(j.Input):
		return nil, errors.New("ticket does not cover the job's input")
	case t.ModelHash != modelHash:
		return nil, fmt.Errorf("ticket is for model 0x%x, the miner's %s is 0x%x", t.ModelHash[:8], j.Model, modelHash[:8])
	case now.Unix() > 0 && uint64(now.Unix()) > t.Expiry:
		return nil, fmt.Errorf("ticket expired at %d", t.Expiry)
	}
	return t, nil
}
