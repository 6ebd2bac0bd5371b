package miner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Gateway mode: with zap.gateway set, each of mining.concurrency workers
// keeps a ZAP connection to the gateway, registers (signing the gateway's
// challenge with the mining key), and loops nextJob → verify the ticket →
// compute → send the result → submit the proof with the ticket
// (submitTicketedWork). The ticket names this miner's key (the gateway
// signs one per lease, for the key that registered); a ticket naming any
// other key is refused before computing, since the precompile would not
// redeem it. The WorkContext's JobID is the ticket's id, its model and
// input hashes are the ticket's, and the compute units never exceed the
// ticket's budget, so the precompile rewards exactly the work the gateway
// asked for, and only to this miner.
//
// Embedding jobs run on a back-end that implements Embedder: the result
// carries the vector as a float32 tensor, and the proof's output is its
// canonical bytes (builtin.EncodeEmbedding). A device that attests
// (gpu.enable_nvtrust) is named in the registration (gateway.DeviceClaim)
// so that a gateway reading the chain's device registry ranks it first.
// A result the gateway refuses (its lease expired and the job went to
// another miner) is not submitted: the gateway's budget pays for the
// answer the client got.

// gatewayWait is how long a nextJob request may be held open.
const gatewayWait = 20 * time.Second

// gatewayAddr returns host:port of a zap:// address.
func gatewayAddr(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "zap" || u.Port() == "" {
		return "", fmt.Errorf("zap.gateway %q must be a zap://host:port address", s)
	}
	return u.Host, nil
}

// modelOffers lists the configured models for the gateway.
func (m *Miner) modelOffers() []gateway.ModelOffer {
	var out []gateway.ModelOffer
	for _, name := range m.cfg.Mining.Models {
		info, ok := m.backend.Model(name)
		if !ok {
			continue
		}
		caps := []gateway.Capability{gateway.LLMInference}
		if e, ok := m.backend.(Embedder); ok && e.Embeds(name) {
			caps = append(caps, gateway.Embedding)
		}
		if _, ok := visionOf(m.backend, name); ok {
			caps = append(caps, gateway.Vision)
		}
		out = append(out, gateway.ModelOffer{Name: name, Hash: info.Hash, Capabilities: caps})
	}
	return out
}

// runGateway mines the gateway's jobs until ctx ends (or MaxJobs are done).
func (m *Miner) runGateway(ctx context.Context) error {
	addr, err := gatewayAddr(m.cfg.Zap.Gateway)
	if err != nil {
		return err
	}
	var pin *proof.Hash
	if m.cfg.Zap.GatewayID != "" {
		h, err := parseHash(m.cfg.Zap.GatewayID)
		if err != nil {
			return err
		}
		pin = &h
	}
	if err := m.prepareVerified(ctx); err != nil {
		return err
	}
	defer m.watchAudits(ctx)()
	stopFinality := m.watchFinality(ctx)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	minerID := m.MinerID()
	m.log.Info("mining in gateway mode", "gateway", m.cfg.Zap.Gateway, "chain_id", m.chainID,
		"miner_id", hexutil.Encode(minerID[:]), "beneficiary", m.beneficiary.Hex(), "models", m.cfg.Mining.Models,
		"workers", m.cfg.Mining.Concurrency)
	var (
		wg, subs    sync.WaitGroup
		taken, fail atomic.Int64
	)
	maxJobs := int64(m.opts.MaxJobs)
	for w := 0; w < m.cfg.Mining.Concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			m.gatewayWorker(ctx, addr, pin, w, func() bool {
				return maxJobs == 0 || taken.Add(1) <= maxJobs
			}, func(run func() error) {
				subs.Add(1)
				go func() {
					defer subs.Done()
					if err := run(); err != nil {
						fail.Add(1)
					}
					if maxJobs > 0 && taken.Load() >= maxJobs {
						cancel()
					}
				}()
			})
		}(w)
	}
	wg.Wait()
	subs.Wait()
	stopFinality()
	m.logStats("mining stopped")
	if n := fail.Load(); maxJobs > 0 && n > 0 {
		return fmt.Errorf("%d of %d jobs failed", n, min(taken.Load(), maxJobs))
	}
	return nil
}

// gatewayWorker keeps one connection, reconnecting with backoff. take
// reserves a job slot (false: stop); submit runs a proof submission in
// the background.
func (m *Miner) gatewayWorker(ctx context.Context, addr string, pin *proof.Hash, w int, take func() bool, submit func(func() error)) {
	dev := m.devices[w%len(m.devices)]
	opts := gateway.ClientOptions{
		ChainID: m.chainID, Key: m.key, Models: m.modelOffers(), GatewayID: pin,
		GPU: gateway.GPUInfo{Name: dev.Name, Count: 1}, Agent: "pars-miner",
	}
	if dev.Attest != nil {
		// The device registered on chain to this miner id; the gateway
		// checks the registry before ranking the connection as attested.
		claim := gateway.DeviceClaim(dev.ID)
		opts.Attestation = func(proof.Hash) []byte { return claim }
	}
	delay := time.Second
	for ctx.Err() == nil {
		cl, err := gateway.Dial(ctx, addr, opts)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			m.log.Warn("cannot register with the gateway; retrying", "gateway", addr, "err", err, "retry_in", delay.String())
			if sleepCtx(ctx, delay) != nil {
				return
			}
			delay = min(2*delay, 30*time.Second)
			continue
		}
		delay = time.Second
		m.log.Info("registered with the gateway", "gateway", addr, "worker", w, "gateway_id", hexutil.Encode(ptr(cl.GatewayKey().ID())[:]),
			"attested", cl.Attested())
		err = m.serveGateway(ctx, cl, dev, take, submit)
		cl.Close()
		if err == nil || ctx.Err() != nil {
			return
		}
		m.log.Warn("gateway connection lost; reconnecting", "gateway", addr, "err", err)
	}
}

func ptr[T any](v T) *T { return &v }

// serveGateway takes jobs on one connection; nil means stop.
func (m *Miner) serveGateway(ctx context.Context, cl *gateway.Client, dev Device, take func() bool, submit func(func() error)) error {
	for {
		job, err := cl.NextJob(ctx, gatewayWait)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if job == nil {
			continue
		}
		if !take() {
			// Over MaxJobs: hand the lease back by closing the connection.
			return nil
		}
		res, work, tk := m.gatewayJob(ctx, cl, dev, job)
		ok, reason, err := cl.SendResult(ctx, res)
		if err != nil {
			return err
		}
		if work == nil {
			continue
		}
		if !ok {
			// Typically a lease that expired: the job went to another
			// miner, whose answer the client gets and whose proof
			// redeems that miner's ticket.
			m.log.Warn("the gateway refused the result; not submitting its proof", "reason", reason, "lease", job.LeaseID,
				"work_id", hexutil.Encode(work.WorkID[:]))
			continue
		}
		submit(func() error { return m.submitTicketed(ctx, work, tk, dev) })
	}
}

// gatewayJob runs one leased job. It returns the result for the gateway
// and, when the work succeeded, the signed work and its ticket.
func (m *Miner) gatewayJob(ctx context.Context, cl *gateway.Client, dev Device, job *gateway.Job) (*gateway.Result, *Work, *proof.JobTicket) {
	failed := func(stage string, err error) (*gateway.Result, *Work, *proof.JobTicket) {
		m.metrics.JobsFailed.WithLabelValues(stage).Inc()
		m.tally.mu.Lock()
		m.tally.failed++
		m.tally.mu.Unlock()
		m.log.Error("gateway job failed", "stage", stage, "lease", job.LeaseID, "model", job.Model, "err", err)
		return &gateway.Result{LeaseID: job.LeaseID, Error: err.Error()}, nil, nil
	}
	var backend Backend = m.backend
	var finish func() string
	opts := GenerateOptions{MaxTokens: int(job.MaxTokens), Stop: job.Stop, Sampling: job.Sampling}
	if job.Stream {
		ch := &chunker{send: func(b []byte) error { return cl.SendChunk(ctx, job.LeaseID, b) }}
		opts.Emit = ch.add
	}
	switch job.Kind {
	case gateway.LLMInference:
		text := &jobBackend{Backend: m.backend, opts: opts}
		backend, finish = text, func() string { return text.finish }
	case gateway.Vision:
		v, ok := visionOf(m.backend, job.Model)
		if !ok {
			return failed("inference", fmt.Errorf("the back-end does not take images with model %q", job.Model))
		}
		vb := &visionBackend{Backend: m.backend, v: v, opts: opts}
		backend, finish = vb, func() string { return vb.finish }
	case gateway.Embedding:
		e, ok := m.backend.(Embedder)
		if !ok || !e.Embeds(job.Model) {
			return failed("inference", fmt.Errorf("the back-end does not embed with model %q", job.Model))
		}
		backend = embeddingBackend{m.backend, e}
	default:
		return failed("inference", fmt.Errorf("job kind %v is not supported by this miner", job.Kind))
	}
	info, ok := m.backend.Model(job.Model)
	if !ok {
		return failed("ticket", fmt.Errorf("the back-end does not offer model %q", job.Model))
	}
	tk, err := cl.VerifyTicket(job, info.Hash, m.clock())
	if err != nil {
		return failed("ticket", err)
	}
	var head uint64
	if err := m.sub.call(ctx, func(ctx context.Context) error {
		h, err := m.chain.HeaderByNumber(ctx, nil)
		if err == nil {
			head = h.Time
		}
		return err
	}); err != nil {
		return failed("chain", fmt.Errorf("read latest block: %w", err))
	}
	work, err := Prove(ctx, backend, m.key, Job{ID: tk.ID(), Model: job.Model, Input: job.Input}, ProveParams{
		ChainID: m.chainID, Beneficiary: m.beneficiary, Device: dev,
		Timestamp: WorkTimestamp(head, m.clock()), Rand: m.opts.Rand,
		RequireAttestation: m.cfg.GPU.RequireNVTrust,
	})
	if err != nil {
		return failed("inference", err)
	}
	if err := capToTicket(work, tk, m.key); err != nil {
		return failed("inference", err)
	}
	m.metrics.InferenceSeconds.WithLabelValues(job.Model).Observe(work.InferenceTime.Seconds())
	if job.Kind == gateway.Embedding {
		return &gateway.Result{
			LeaseID: job.LeaseID, OK: true, WorkID: work.WorkID, ComputeUnits: work.ComputeUnits,
			Tensors:      []gateway.Tensor{{DType: gateway.Float32, Shape: []uint64{uint64(len(work.Output) / 4)}, Data: work.Output}},
			PromptTokens: work.InputTokens,
		}, work, tk
	}
	return &gateway.Result{
		LeaseID: job.LeaseID, OK: true, Output: work.Output, WorkID: work.WorkID, ComputeUnits: work.ComputeUnits,
		PromptTokens:     work.InputTokens,
		CompletionTokens: work.OutputTokens,
		FinishReason:     finish(),
	}, work, tk
}

// embeddingBackend runs an embedding job through Prove: its output is the
// canonical bytes of the embedding.
type embeddingBackend struct {
	Backend
	e Embedder
}

// Infer implements Backend with the embedding's canonical bytes.
func (b embeddingBackend) Infer(ctx context.Context, model string, input []byte) ([]byte, error) {
	v, err := b.e.Embed(ctx, model, input)
	if err != nil {
		return nil, err
	}
	return builtin.EncodeEmbedding(v), nil
}

// capToTicket checks that the work is bound to the ticket (its context and
// the key that signed it) and lowers the work's signed token counts until
// the compute units the chain computes from them fit the ticket's budget (a
// miner may claim fewer tokens than it computed, never more compute than
// the gateway allows): the output count first, keeping at least one output
// token, then the input count. It signs the proof again when it had to.
func capToTicket(w *Work, tk *proof.JobTicket, key *proof.PrivateKey) error {
	if err := tk.CheckProof(w.Proof); err != nil {
		return err
	}
	if w.ComputeUnits <= tk.Budget {
		return nil
	}
	// ceil(2·P·T / 1e9) ≤ budget  ⟺  T ≤ ⌊budget·1e9 / (2·P)⌋ = ⌊⌊budget·1e9 / P⌋ / 2⌋.
	p := max(w.Model.Parameters, 1)
	hi, lo := bits.Mul64(tk.Budget, reward.FLOPsPerComputeUnit)
	most := uint64(math.MaxUint64) // the quotient does not fit: no limit that matters
	if hi < p {
		q, _ := bits.Div64(hi, lo, p)
		most = q / 2
	}
	if most == 0 {
		return fmt.Errorf("the ticket's budget of %d compute units is below one token of model %s", tk.Budget, w.Job.Model)
	}
	out := min(uint64(w.OutputTokens), most)
	in := min(uint64(w.InputTokens), most-out)
	w.InputTokens, w.OutputTokens = uint32(in), uint32(out)
	w.Proof.InputTokens, w.Proof.OutputTokens = w.InputTokens, w.OutputTokens
	w.ComputeUnits = reward.JobComputeUnits(w.Model.Parameters, w.InputTokens, w.OutputTokens)
	if err := w.Proof.Sign(key, false); err != nil {
		return err
	}
	w.Encoded = w.Proof.Encode()
	return nil
}

// SubmitTicketed sends submitTicketedWork(proof, attestation, ticket) and
// waits for its acceptance, as Submit does for submitWorkProof.
func (s *Submitter) SubmitTicketed(ctx context.Context, encodedProof, attestation, ticket []byte, workID proof.Hash, workTime uint64) (*Accepted, error) {
	data, err := iaimining.TryPackSubmitTicketedWork(encodedProof, attestation, ticket)
	if err != nil {
		return nil, fmt.Errorf("pack submitTicketedWork: %w", err)
	}
	return s.submitWork(ctx, "ticketed proof", workID, workTime, data)
}

// sendTicketed submits one ticketed proof. A refusal with UnknownGateway
// (the ticket's gateway is not registered yet) holds the proof until the
// gateway is registered, and sends it again then (gatewayhold.go).
//
// Governance registers a gateway and sets its budget in two transactions:
// a held proof sent between them is refused with GatewayBudgetExhausted,
// and is sent again every GatewayPollInterval until its window closes.
func (m *Miner) sendTicketed(ctx context.Context, work *Work, tk *proof.JobTicket) (*Accepted, error) {
	held := false
	for {
		acc, err := m.sub.SubmitTicketed(ctx, work.Encoded, work.Attestation, tk.Encode(), work.WorkID, work.Proof.Context.Timestamp)
		ref, refused := IsRefusal(err)
		if !refused || (ref.Reason != "UnknownGateway" && (!held || ref.Reason != "GatewayBudgetExhausted")) {
			return acc, err
		}
		window := work.Proof.Context.Timestamp + uint64(m.watch.timeWindowPast(ctx, m.chain)/time.Second)
		expires := time.Unix(int64(min(window, tk.Expiry)), 0)
		if ref.Reason == "GatewayBudgetExhausted" {
			if !m.clock().Add(m.gatewayPoll()).Before(expires) {
				m.metrics.ProofsHeldExpired.Inc()
				m.log.Warn("dropped a held proof: its gateway is registered but had no budget before the proof's time window closed",
					"work_id", hexutil.Encode(work.WorkID[:]), "gateway_id", hexutil.Encode(ptr(tk.GatewayID())[:]))
				return nil, errHeldExpired
			}
			if err := sleepCtx(ctx, m.gatewayPoll()); err != nil {
				return nil, err
			}
			continue
		}
		if herr := m.holdForGateway(ctx, tk.GatewayID(), expires); herr != nil {
			return nil, herr
		}
		held = true
		m.log.Debug("sending a proof held for its gateway", "work_id", hexutil.Encode(work.WorkID[:]))
	}
}

// submitTicketed submits one ticketed proof and records the outcome.
func (m *Miner) submitTicketed(ctx context.Context, work *Work, tk *proof.JobTicket, dev Device) error {
	ticketID := tk.ID()
	m.metrics.ProofsSubmitted.WithLabelValues(work.Job.Model).Inc()
	start := time.Now()
	acc, err := m.sendTicketed(ctx, work, tk)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		if errors.Is(err, errHeldExpired) || errors.Is(err, errGatewayRevoked) {
			// Logged once for all such proofs by watchGateway.
			m.metrics.JobsFailed.WithLabelValues("gateway_unregistered").Inc()
			m.tally.mu.Lock()
			m.tally.failed++
			m.tally.mu.Unlock()
			return err
		}
		if ref, ok := IsRefusal(err); ok {
			m.metrics.ProofsRefused.WithLabelValues(ref.Reason).Inc()
			m.tally.mu.Lock()
			m.tally.refused++
			m.tally.mu.Unlock()
			m.log.Warn("proof refused", "reason", ref.Reason, "err", err, "ticket_id", hexutil.Encode(ticketID[:]), "work_id", hexutil.Encode(work.WorkID[:]))
			return err
		}
		m.metrics.JobsFailed.WithLabelValues("submit").Inc()
		m.tally.mu.Lock()
		m.tally.failed++
		m.tally.mu.Unlock()
		m.log.Error("job failed", "stage", "submit", "ticket_id", hexutil.Encode(ticketID[:]), "err", err)
		return err
	}
	m.metrics.SubmitSeconds.Observe(time.Since(start).Seconds())
	m.metrics.ProofsAccepted.WithLabelValues(work.Job.Model).Inc()
	m.metrics.ComputeUnits.Add(float64(acc.ComputeUnits))
	m.metrics.addReward(acc.Reward)
	m.addPending(acc.WorkID, acc.BlockNumber)
	m.keepForAudit(work, acc.BlockNumber)
	m.trackWork(ctx, "ticketed proof", work, acc, tk.Expiry)
	bal, balErr := m.balanceAt(ctx, acc.BlockNumber)
	if balErr != nil {
		bal = nil
	}
	t := &m.tally
	t.mu.Lock()
	t.accepted++
	t.computeUnits += acc.ComputeUnits
	t.reward.Add(&t.reward, acc.Reward)
	if bal != nil && (t.balance == nil || acc.BlockNumber >= t.balanceBlock) {
		t.balance, t.balanceBlock = new(big.Int).Set(bal), acc.BlockNumber
	}
	t.mu.Unlock()
	attrs := []any{"work_id", hexutil.Encode(acc.WorkID[:]), "ticket_id", hexutil.Encode(ticketID[:]),
		"model", work.Job.Model, "device", dev.Name, "compute_units", acc.ComputeUnits, "budget", tk.Budget,
		"reward_wei", acc.Reward.String()}
	if bal != nil {
		attrs = append(attrs, "balance_wei", bal.String())
	}
	attrs = append(attrs, "block", acc.BlockNumber, "tx", acc.TxHash.Hex(), "gas_used", acc.Receipt.GasUsed)
	m.log.Info("proof accepted", attrs...)
	m.finalizeAfter(ctx, acc.BlockNumber)
	return nil
}
