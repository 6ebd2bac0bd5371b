package gateway

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Model is a model the gateway accepts jobs for. Tickets fix its hash, so a
// miner can only be rewarded for running exactly these weights.
type Model struct {
	Name          string
	Hash          proof.Hash // proof.HashModel of the weights
	Parameters    uint64     // for the compute-unit budget
	BytesPerToken uint64     // bytes per metric token (1 for byte-level models); 0 means 4
	MaxTokens     uint32     // output tokens a job may ask for at most; 0 means 256
	// MaxInputTokens bounds a job's input tokens (ceil(bytes /
	// BytesPerToken)); 0: no bound. See ApplyChainLimits.
	MaxInputTokens uint32
}

// Config configures a Gateway.
type Config struct {
	ChainID uint32
	Key     *proof.PrivateKey // signs tickets; its id is the gateway id
	Models  []Model
	// QueueSize bounds the jobs waiting for a miner (default 256); a full
	// queue answers ErrBusy.
	QueueSize int
	// LeaseTimeout is how long a miner has to answer a job before it is
	// reassigned (default 30 s).
	LeaseTimeout time.Duration
	// MaxAttempts is how many leases a job gets before it fails (default 3).
	MaxAttempts int
	// RequestTimeout bounds how long a client waits (default 2 min).
	RequestTimeout time.Duration
	// TicketTTL is how long a ticket stays redeemable (default 10 min).
	TicketTTL time.Duration
	// Attested decides, once per registration, whether a miner's
	// attestation evidence (for the registration challenge) is good; nil
	// ranks no miner as attested. ChainAttestation builds one from the
	// chain's device registry. It runs during the handshake, so it should
	// return within a few seconds.
	Attested func(minerKey []byte, challenge proof.Hash, evidence []byte) bool
	// OnUsage, when set, is told of every answered HTTP request (the
	// client's identity is in the request's context).
	OnUsage func(r *http.Request, u Usage)
	Logger  *slog.Logger
	Clock   func() time.Time
	Rand    io.Reader
}

// Errors a client sees when the gateway cannot take or finish a job.
var (
	ErrBusy         = errors.New("gateway: every miner is busy and the queue is full; retry later")
	ErrNoMiner      = errors.New("gateway: no registered miner offers this model")
	ErrTimeout      = errors.New("gateway: the job did not finish in time")
	ErrJobFailed    = errors.New("gateway: the job failed on every miner it was given to")
	ErrUnknownModel = errors.New("gateway: unknown model")
	ErrClosed       = errors.New("gateway: closed")
	// ErrStreamDiverged: a streamed job went to another miner after some
	// of its output was sent, and that miner's answer does not continue it.
	ErrStreamDiverged = errors.New("gateway: the job was reassigned mid-stream and the new answer does not continue the streamed output")
)

// noMinerError is ErrNoMiner for one capability and model.
type noMinerError struct {
	kind  Capability
	model string
}

func (e *noMinerError) Error() string {
	return fmt.Sprintf("gateway: no registered miner offers capability %q for model %q", CapabilityName(e.kind), e.model)
}

// Unwrap makes errors.Is(err, ErrNoMiner) hold.
func (e *noMinerError) Unwrap() error { return ErrNoMiner }

// CapabilityName returns the seed's name of a capability: "llm-inference",
// "embedding" or "vision".
func CapabilityName(c Capability) string {
	switch c {
	case LLMInference:
		return "llm-inference"
	case Embedding:
		return "embedding"
	case Vision:
		return "vision"
	}
	return fmt.Sprintf("capability-%d", uint16(c))
}

// Request is one job a client asks for.
type Request struct {
	Kind  Capability
	Model string
	Input []byte
	// MaxTokens bounds the output tokens; 0 or more than the model's
	// MaxTokens means the model's MaxTokens.
	MaxTokens uint32
	Tensors   []Tensor
	Stop      []string  // stop sequences, at most MaxStop
	Sampling  *Sampling // nil: the back-end's deterministic default
	// Stream asks the miner for the output in chunks as it grows; read
	// them with Call.Next.
	Stream bool
}

// Answer is a finished job.
type Answer struct {
	Result
	JobID    proof.Hash // the gateway's job id
	TicketID proof.Hash
	MinerID  proof.Hash
	Attempts int
}

// job is a request in the gateway.
type job struct {
	req   Request
	model Model
	// base holds the ticket's fields but the miner; it is not changed
	// after Do creates it. Each lease signs a copy naming its miner.
	base proof.JobTicket
	// tickets holds the tickets signed for this job, by miner id, so a
	// miner leased the job again gets the same ticket. Guarded by mu.
	tickets  map[proof.Hash]*signedTicket
	attempts int
	lease    *lease
	done     chan *Answer // buffered 1; closed never
	failed   chan error   // buffered 1
	finished bool
	stream   *streamBuf // nil unless req.Stream
}

// streamBuf holds the streamed output of a job's current lease.
type streamBuf struct {
	mu     sync.Mutex
	lease  uint64 // the lease whose output data is
	data   []byte
	notify chan struct{} // buffered 1: data grew
}

// add appends a chunk of lease's output; a chunk of another lease than
// the last starts the data anew (the job went to another miner).
func (b *streamBuf) add(lease uint64, chunk []byte) {
	b.mu.Lock()
	if b.lease != lease {
		b.lease, b.data = lease, nil
	}
	if len(b.data)+len(chunk) <= MaxFrameSize {
		b.data = append(b.data, chunk...)
	}
	b.mu.Unlock()
	select {
	case b.notify <- struct{}{}:
	default:
	}
}

// snapshot returns the current lease's output so far.
func (b *streamBuf) snapshot() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.data[:len(b.data):len(b.data)]
}

// lease is a job given to one session until a deadline.
type lease struct {
	id     uint64
	job    *job
	sess   *session
	timer  *time.Timer
	ticket *signedTicket // the ticket naming sess's miner; set under mu before the job is sent
}

// signedTicket is a job's ticket for one miner, signed and encoded.
type signedTicket struct {
	t       *proof.JobTicket
	id      proof.Hash
	encoded []byte
}

// minerState is what the gateway knows of one miner key.
type minerState struct {
	id       proof.Hash
	attested int // sessions registered as attested
	inFlight int
	sessions int
}

// Gateway routes jobs from clients to miners over ZAP.
type Gateway struct {
	cfg    Config
	log    *slog.Logger
	id     proof.Hash
	models map[string]Model

	mu      sync.Mutex
	closed  bool
	queue   []*job
	waiting []*session
	miners  map[proof.Hash]*minerState
	leases  map[uint64]*lease
	nextID  uint64
	stats   Stats
	lns     []net.Listener
	conns   map[net.Conn]struct{}
	live    map[*session]struct{}
	reg     Registration  // on chain, as last read
	quit    chan struct{} // closed by Close
	wg      sync.WaitGroup
}

// Stats counts what the gateway did.
type Stats struct {
	Accepted, Completed, Failed, TimedOut, Busy, Reassigned uint64
}

// New returns a gateway; Serve its ZAP listener and mount Handler.
func New(cfg Config) (*Gateway, error) {
	if cfg.Key == nil {
		return nil, errors.New("gateway: a signing key is required")
	}
	if cfg.ChainID == 0 {
		return nil, errors.New("gateway: chain id is zero")
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 256
	}
	if cfg.LeaseTimeout <= 0 {
		cfg.LeaseTimeout = 30 * time.Second
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 3
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 2 * time.Minute
	}
	if cfg.TicketTTL <= 0 {
		cfg.TicketTTL = 10 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	g := &Gateway{cfg: cfg, log: cfg.Logger, id: cfg.Key.Public().ID(), models: map[string]Model{},
		miners: map[proof.Hash]*minerState{}, leases: map[uint64]*lease{}, conns: map[net.Conn]struct{}{}, live: map[*session]struct{}{}, quit: make(chan struct{})}
	for _, m := range cfg.Models {
		if m.BytesPerToken == 0 {
			m.BytesPerToken = 4
		}
		if m.MaxTokens == 0 {
			m.MaxTokens = 256
		}
		if m.Name == "" || m.Parameters == 0 {
			return nil, fmt.Errorf("gateway: model %q needs a name and a parameter count", m.Name)
		}
		g.models[m.Name] = m
	}
	return g, nil
}

// ID returns the gateway id (the key id registered on chain).
func (g *Gateway) ID() proof.Hash { return g.id }

// Stats returns the counters.
func (g *Gateway) Stats() Stats {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.stats
}

// Budget returns the compute-unit budget of a job: the chain's metric
// (reward.ComputeUnits, max(1, ceil(2 × parameters × tokens / 1e9))) for the
// input and the most output tokens the job allows. m.Parameters and
// m.BytesPerToken should be the chain's model registry entry, which prices
// the proof.
func Budget(m Model, inputBytes int, maxTokens uint32) uint64 {
	bpt := m.BytesPerToken
	if bpt == 0 {
		bpt = 4
	}
	return reward.ComputeUnits(m.Parameters, reward.Tokens(inputBytes, bpt)+uint64(maxTokens))
}

// Do runs one request to completion: it queues the job and waits for a
// miner's answer, the request timeout or ctx. Each lease of the job to a
// miner carries a ticket naming that miner (see leaseTicket).
func (g *Gateway) Do(ctx context.Context, req Request) (*Answer, error) {
	c, err := g.Submit(req)
	if err != nil {
		return nil, err
	}
	for {
		_, a, err := c.Next(ctx)
		if err != nil || a != nil {
			return a, err
		}
	}
}

// Call is a job in the gateway, as its client sees it.
type Call struct {
	g        *Gateway
	j        *job
	deadline *time.Timer
	sent     []byte // streamed output handed out by Next
	over     bool
}

// Submit checks and queues a request and returns at once; read its output
// and answer with Next. The request timeout runs from now.
func (g *Gateway) Submit(req Request) (*Call, error) {
	m, ok := g.models[req.Model]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownModel, req.Model)
	}
	if req.MaxTokens == 0 || req.MaxTokens > m.MaxTokens {
		req.MaxTokens = m.MaxTokens
	}
	if len(req.Input) == 0 {
		return nil, errors.New("gateway: empty input")
	}
	if err := checkInput(m, len(req.Input)); err != nil {
		return nil, err
	}
	if len(req.Stop) > MaxStop {
		return nil, fmt.Errorf("gateway: %d stop sequences, at most %d", len(req.Stop), MaxStop)
	}
	for _, s := range req.Stop {
		if s == "" || len(s) > MaxStopBytes {
			return nil, fmt.Errorf("gateway: a stop sequence must have 1 to %d bytes", MaxStopBytes)
		}
	}
	j := &job{req: req, model: m, base: proof.JobTicket{
		ChainID:   g.cfg.ChainID,
		ModelHash: m.Hash,
		InputHash: proof.HashInput(req.Input),
		Budget:    Budget(m, len(req.Input), req.MaxTokens),
		Expiry:    uint64(g.cfg.Clock().Add(g.cfg.TicketTTL).Unix()),
	}, tickets: map[proof.Hash]*signedTicket{}, done: make(chan *Answer, 1), failed: make(chan error, 1)}
	if req.Stream {
		j.stream = &streamBuf{notify: make(chan struct{}, 1)}
	}
	if _, err := io.ReadFull(g.cfg.Rand, j.base.JobID[:]); err != nil {
		return nil, fmt.Errorf("gateway: job id: %w", err)
	}
	if err := g.admit(req.Kind, m.Name); err != nil {
		return nil, err
	}
	if err := g.enqueue(j); err != nil {
		return nil, err
	}
	return &Call{g: g, j: j, deadline: time.NewTimer(g.cfg.RequestTimeout)}, nil
}

// JobID returns the job's id.
func (c *Call) JobID() proof.Hash { return c.j.base.JobID }

// MaxTokens returns the output tokens the job allows (the request's,
// capped by the model's maximum).
func (c *Call) MaxTokens() uint32 { return c.j.req.MaxTokens }

// Next waits for more output of a streamed job, its answer, an error, the
// request timeout or ctx. It returns the output that follows what earlier
// calls returned (never splitting a UTF-8 sequence before the answer) and,
// once, the answer, whose remaining output is in the delta. A call that
// returned an answer or an error must not be repeated. A job that is not
// streamed gets its whole output with the answer.
func (c *Call) Next(ctx context.Context) ([]byte, *Answer, error) {
	if c.over {
		return nil, nil, errors.New("gateway: the call is over")
	}
	var notify chan struct{}
	if c.j.stream != nil {
		notify = c.j.stream.notify
	}
	for {
		select {
		case a := <-c.j.done:
			c.end()
			if !bytes.HasPrefix(a.Output, c.sent) {
				return nil, nil, ErrStreamDiverged
			}
			delta := a.Output[len(c.sent):]
			c.sent = a.Output
			return delta, a, nil
		case err := <-c.j.failed:
			c.end()
			return nil, nil, err
		case <-notify:
			data := c.j.stream.snapshot()
			if len(data) <= len(c.sent) || !bytes.HasPrefix(data, c.sent) {
				continue
			}
			delta := completeUTF8(data[len(c.sent):])
			if len(delta) == 0 {
				continue
			}
			c.sent = data[:len(c.sent)+len(delta)]
			return delta, nil, nil
		case <-c.deadline.C:
			c.end()
			c.g.abandon(c.j)
			return nil, nil, ErrTimeout
		case <-ctx.Done():
			c.end()
			c.g.abandon(c.j)
			return nil, nil, ctx.Err()
		}
	}
}

// Cancel withdraws the job if it is not finished (the client left).
func (c *Call) Cancel() {
	if !c.over {
		c.end()
		c.g.abandon(c.j)
	}
}

func (c *Call) end() {
	c.over = true
	c.deadline.Stop()
}

// completeUTF8 returns b without a trailing incomplete UTF-8 sequence.
func completeUTF8(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// eligible reports whether a session's miner offers kind for model.
func (s *session) offers(kind Capability, model string) bool {
	for _, o := range s.models {
		if o.Name == model {
			for _, c := range o.Capabilities {
				if c == kind {
					return true
				}
			}
		}
	}
	return false
}

// admit refuses a job no miner could take, or one the queue has no room for.
func (g *Gateway) admit(kind Capability, model string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return ErrClosed
	}
	if !g.anyOffers(kind, model) {
		return &noMinerError{kind: kind, model: model}
	}
	if len(g.queue) >= g.cfg.QueueSize {
		g.stats.Busy++
		return ErrBusy
	}
	return nil
}

// anyOffers: some live session serves (kind, model). Caller holds mu.
func (g *Gateway) anyOffers(kind Capability, model string) bool {
	for s := range g.live {
		if s.offers(kind, model) {
			return true
		}
	}
	return false
}

func (g *Gateway) enqueue(j *job) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return ErrClosed
	}
	if len(g.queue) >= g.cfg.QueueSize {
		g.stats.Busy++
		return ErrBusy
	}
	g.stats.Accepted++
	g.queue = append(g.queue, j)
	g.match()
	return nil
}

// abandon removes a job the client stopped waiting for. Caller must not hold mu.
func (g *Gateway) abandon(j *job) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if j.finished {
		return
	}
	j.finished = true
	g.stats.TimedOut++
	g.dequeue(j)
	if l := j.lease; l != nil {
		g.endLease(l)
	}
}

func (g *Gateway) dequeue(j *job) {
	for i, q := range g.queue {
		if q == j {
			g.queue = append(g.queue[:i], g.queue[i+1:]...)
			return
		}
	}
}

// better reports whether session a should get a job before b: attested
// miners first, then the least loaded miner, then the longest waiting.
func better(a, b *session) bool {
	if a.attested != b.attested {
		return a.attested
	}
	return a.miner.inFlight < b.miner.inFlight
}

// match hands queued jobs to waiting sessions, oldest job first. Caller holds mu.
func (g *Gateway) match() {
	for qi := 0; qi < len(g.queue); {
		j := g.queue[qi]
		best := -1
		for i, s := range g.waiting {
			if s.offers(j.req.Kind, j.req.Model) && (best < 0 || better(s, g.waiting[best])) {
				best = i
			}
		}
		if best < 0 {
			qi++
			continue
		}
		s := g.waiting[best]
		g.waiting = append(g.waiting[:best], g.waiting[best+1:]...)
		g.queue = append(g.queue[:qi], g.queue[qi+1:]...)
		g.nextID++
		l := &lease{id: g.nextID, job: j, sess: s}
		j.lease = l
		j.attempts++
		g.leases[l.id] = l
		s.miner.inFlight++
		l.timer = time.AfterFunc(g.cfg.LeaseTimeout+leaseGrace, func() { g.expire(l) })
		s.assign <- l // buffered 1; a waiting session holds no other lease
	}
}

// leaseGrace is added to the lease the miner is told, for transit.
const leaseGrace = 2 * time.Second

// endLease removes a lease. Caller holds mu.
func (g *Gateway) endLease(l *lease) {
	if _, ok := g.leases[l.id]; !ok {
		return
	}
	delete(g.leases, l.id)
	l.timer.Stop()
	l.sess.miner.inFlight--
	if l.job.lease == l {
		l.job.lease = nil
	}
}

// retry gives a job whose lease ended without an answer to another miner,
// at the head of the queue, or fails it after MaxAttempts. Caller holds mu.
func (g *Gateway) retry(j *job, why string) {
	if j.finished {
		return
	}
	if j.attempts >= g.cfg.MaxAttempts {
		j.finished = true
		g.stats.Failed++
		j.failed <- fmt.Errorf("%w (%d attempts; last: %s)", ErrJobFailed, j.attempts, why)
		return
	}
	g.stats.Reassigned++
	g.log.Info("job reassigned", "job", hex.EncodeToString(j.base.JobID[:8]), "attempt", j.attempts, "why", why)
	g.queue = append([]*job{j}, g.queue...)
	g.match()
}

// expire ends a lease whose deadline passed.
func (g *Gateway) expire(l *lease) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.leases[l.id]; !ok {
		return
	}
	g.endLease(l)
	g.retry(l.job, "lease expired")
}

// complete records a session's result for a lease; it reports whether it
// was accepted and why not.
func (g *Gateway) complete(s *session, r *Result) (bool, string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	l, ok := g.leases[r.LeaseID]
	if !ok || l.sess != s || l.ticket == nil {
		return false, "no such lease (expired or reassigned)"
	}
	g.endLease(l)
	j := l.job
	if j.finished {
		return false, "the client stopped waiting"
	}
	if !r.OK {
		g.retry(j, "miner error: "+r.Error)
		return true, ""
	}
	if j.req.Kind == Embedding && len(r.Tensors) == 0 {
		g.retry(j, "embedding result without a tensor")
		return false, "an embedding result needs a tensor"
	}
	j.finished = true
	g.stats.Completed++
	// Copy out of the frame: the message is released after the ack.
	res := *r
	res.Output = append([]byte(nil), r.Output...)
	if j.req.Kind != Embedding && res.FinishReason != FinishStop && res.FinishReason != FinishLength {
		// A miner that does not say: the limit cut the output if it used it all.
		res.FinishReason = FinishStop
		if res.CompletionTokens >= j.req.MaxTokens {
			res.FinishReason = FinishLength
		}
	}
	res.Tensors = make([]Tensor, len(r.Tensors))
	for i, t := range r.Tensors {
		res.Tensors[i] = Tensor{DType: t.DType, Shape: append([]uint64(nil), t.Shape...), Data: append([]byte(nil), t.Data...)}
	}
	j.done <- &Answer{Result: res, JobID: j.base.JobID, TicketID: l.ticket.id, MinerID: s.miner.id, Attempts: j.attempts}
	return true, ""
}

// leaseTicket returns the ticket of a lease: the job's ticket naming the
// miner of the lease's session, signed on first use and reused when the
// same miner is leased the job again. Only that miner can redeem it on
// chain, so a ticket read off the wire or the mempool is worth nothing to
// anyone else. A job leased to several miners in turn (a lease expired or
// a miner left) has one ticket per miner. It signs without holding mu.
func (g *Gateway) leaseTicket(l *lease) (*signedTicket, error) {
	miner := l.sess.miner.id
	g.mu.Lock()
	st := l.job.tickets[miner]
	if st != nil {
		l.ticket = st
	}
	g.mu.Unlock()
	if st != nil {
		return st, nil
	}
	t := l.job.base
	t.MinerID = miner
	if err := t.Sign(g.cfg.Key, false); err != nil {
		return nil, fmt.Errorf("gateway: sign ticket: %w", err)
	}
	st = &signedTicket{t: &t, id: t.ID(), encoded: t.Encode()}
	g.mu.Lock()
	defer g.mu.Unlock()
	if prev := l.job.tickets[miner]; prev != nil {
		st = prev
	} else {
		l.job.tickets[miner] = st
	}
	l.ticket = st
	return st, nil
}

// Close stops the listeners, closes every miner connection and fails every
// job in the gateway with ErrClosed.
func (g *Gateway) Close() error {
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return nil
	}
	g.closed = true
	close(g.quit)
	for _, ln := range g.lns {
		ln.Close()
	}
	for c := range g.conns {
		c.Close()
	}
	for _, j := range g.queue {
		if !j.finished {
			j.finished = true
			j.failed <- ErrClosed
		}
	}
	g.queue = nil
	for _, l := range g.leases {
		if !l.job.finished {
			l.job.finished = true
			l.job.failed <- ErrClosed
		}
	}
	g.mu.Unlock()
	g.wg.Wait()
	return nil
}

// MinerInfo describes a registered miner.
type MinerInfo struct {
	ID       proof.Hash
	Attested bool // at least one of its connections ranks as attested
	InFlight int
	Sessions int
}

// Miners lists the registered miners.
func (g *Gateway) Miners() []MinerInfo {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []MinerInfo
	for _, m := range g.miners {
		if m.sessions > 0 {
			out = append(out, MinerInfo{ID: m.id, Attested: m.attested > 0, InFlight: m.inFlight, Sessions: m.sessions})
		}
	}
	return out
}
