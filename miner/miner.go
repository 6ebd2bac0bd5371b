package miner

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/big"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/miner/gpuattest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// MaxHeaderLag is how far the latest block's time may trail the local clock
// before the miner considers the chain idle and stamps work with the local
// clock instead (see WorkTimestamp).
const MaxHeaderLag = 30 * time.Second

// Options tune Open and New. The zero value is usable.
type Options struct {
	Logger  *slog.Logger
	Metrics *Metrics
	// Clock replaces time.Now.
	Clock func() time.Time
	// Rand replaces crypto/rand for job ids and WorkContext nonces.
	Rand io.Reader
	// WalletPassphrase and GasPassphrase, when set, are used instead of
	// the configured passphrase sources (for tests and embedding).
	WalletPassphrase string
	GasPassphrase    string
	// PollInterval of receipts (default 1 s); Backoff of transport retries
	// (default DefaultBackoff).
	PollInterval time.Duration
	Backoff      *Backoff
	// Prompts replace DevnetPrompts.
	Prompts []string
	// MaxJobs makes Run stop after this many jobs (0: run until cancelled).
	MaxJobs int
	// SummaryEvery logs a "mining summary" line after every this many
	// accepted proofs (0: DefaultSummaryEvery; negative: never). Run logs
	// one more when it stops.
	SummaryEvery int
	// Evidence opens a configured device's attestation evidence source
	// (gpu.enable_nvtrust); nil means NVML (gpuattest.OpenNVML).
	Evidence func(device string) (gpuattest.EvidenceSource, error)
	// DeviceRoot is the pinned root GPU certificate chains are checked
	// against before use; nil means NVIDIA's Device Identity root. It must
	// be the chain's (precompile.WithDeviceRoot).
	DeviceRoot *nvtrust.Certificate
	// ProgressOut is where progress bars of long operations go when it is
	// a terminal (nil: standard error); otherwise they are log lines.
	ProgressOut io.Writer
	// GatewayPollInterval is how often the status of a gateway whose
	// proofs are held is read (0: DefaultGatewayPollInterval).
	GatewayPollInterval time.Duration
	// SkipAttestation makes Open leave gpu.enable_nvtrust alone (no
	// evidence is collected and no device is checked), as `attest
	// register` needs before the device is registered.
	SkipAttestation bool
}

// DefaultSummaryEvery is how many accepted proofs lie between two summary
// lines by default.
const DefaultSummaryEvery = 10

// balanceReadTimeout bounds the read of the beneficiary's balance after an
// acceptance.
const balanceReadTimeout = 10 * time.Second

// Device is a compute device a worker runs jobs on.
type Device struct {
	Name string     // as configured (gpu.device_ids)
	ID   proof.Hash // DeviceID(backend kind, Name), or the registered id of an attested device
	// Attest, when set, is the device's attestation: every proof carries a
	// report answering its WorkContext.
	Attest *AttestedDevice
}

// Miner mines: it makes (or, later, receives) jobs, runs inference, signs
// proofs and submits them.
type Miner struct {
	cfg         *Config
	opts        Options
	chain       Chain
	closers     []func()
	chainID     uint32
	key         *proof.PrivateKey
	beneficiary common.Address
	backend     Backend
	devices     []Device
	sub         *Submitter
	watch       *nodeWatch // node outages (outage.go)
	metrics     *Metrics
	log         *slog.Logger
	jobs        *DevnetJobs
	clock       func() time.Time
	tally       tally
	rules       *ChainRules // the chain's parameters, once read (guarded by pending.mu)
	pending     pendingWork // accepted work waiting for finalizeWork
	batchMu     sync.Mutex
	batch       *batcher     // collects Run's work into batches (batcher.go); nil: none
	reveals     revealKeeper // what audited work needs revealed (reveal.go)
	final       finality     // accepted work that is not final yet (finality.go)
	holds       gatewayHolds // proofs of unregistered gateways (gatewayhold.go)
}

// tally counts what a Miner did since it was made, for the summary lines.
type tally struct {
	mu                        sync.Mutex
	start                     time.Time
	accepted, refused, failed uint64
	computeUnits              uint64
	reward                    big.Int  // of accepted proofs (pending at first)
	finalized                 big.Int  // credited by the miner's finalizeWork calls
	balance                   *big.Int // last balance read; nil before the first
	balanceBlock              uint64   // the block balance was read at
}

// Stats is a summary of what a Miner did since it was made.
type Stats struct {
	Accepted, Refused, Failed uint64
	ComputeUnits              uint64        // of accepted proofs
	Reward                    *big.Int      // wei, of accepted proofs (pending until finalized)
	Finalized                 *big.Int      // wei credited by the miner's finalizeWork calls
	Pending                   int           // accepted proofs waiting for finalization
	Balance                   *big.Int      // the beneficiary's mining balance at the latest accepted proof; nil if never read
	Uptime                    time.Duration // since the Miner was made
}

// Deps are the parts of a Miner that Open builds from the configuration.
type Deps struct {
	Chain   Chain             // the node
	Key     *proof.PrivateKey // the ML-DSA mining key
	GasKey  *ecdsa.PrivateKey // pays for submissions
	Backend Backend           // runs inference
}

// New assembles a Miner from a validated configuration and ready parts. It
// does no I/O; Open is the usual entry point.
func New(cfg *Config, deps Deps, opts Options) (*Miner, error) {
	if cfg == nil {
		return nil, errors.New("miner: nil config")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if deps.Chain == nil || deps.Key == nil || deps.GasKey == nil || deps.Backend == nil {
		return nil, errors.New("miner: chain, key, gas key and back-end are all required")
	}
	for _, name := range cfg.Mining.Models {
		if _, ok := deps.Backend.Model(name); !ok {
			return nil, fmt.Errorf("miner: the back-end does not offer model %q", name)
		}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Metrics == nil {
		opts.Metrics = NewMetrics()
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.SummaryEvery == 0 {
		opts.SummaryEvery = DefaultSummaryEvery
	}
	backoff := DefaultBackoff()
	if opts.Backoff != nil {
		backoff = *opts.Backoff
	}
	var maxFee *big.Int
	if cfg.Mining.MaxFeeGwei > 0 {
		maxFee = new(big.Int).Mul(new(big.Int).SetUint64(cfg.Mining.MaxFeeGwei), big.NewInt(1e9))
	}
	sub, err := NewSubmitter(deps.Chain, deps.GasKey, SubmitterConfig{
		ChainID:        new(big.Int).SetUint64(cfg.Network.ChainID),
		Confirmations:  max(cfg.Mining.Confirmations.Blocks, 1),
		ReceiptTimeout: cfg.Mining.ReceiptTimeout,
		MaxResubmits:   cfg.Mining.MaxResubmits,
		MaxFeePerGas:   maxFee,
		PollInterval:   opts.PollInterval,
		Backoff:        backoff,
		Logger:         opts.Logger,
		Metrics:        opts.Metrics,
	})
	if err != nil {
		return nil, err
	}
	m := &Miner{
		cfg:         cfg,
		opts:        opts,
		chain:       deps.Chain,
		chainID:     uint32(cfg.Network.ChainID),
		key:         deps.Key,
		beneficiary: cfg.BeneficiaryAddress(),
		backend:     deps.Backend,
		sub:         sub,
		metrics:     opts.Metrics,
		log:         opts.Logger,
		jobs:        NewDevnetJobs(cfg.Mining.Models, opts.Prompts, opts.Rand),
		clock:       opts.Clock,
	}
	m.tally.start = opts.Clock()
	m.watchNode()
	for _, name := range cfg.GPU.DeviceIDs {
		m.devices = append(m.devices, Device{Name: name, ID: DeviceID(cfg.Backend.Kind, name)})
	}
	return m, nil
}

// Open builds a Miner from a configuration: it connects to the node and checks its chain id and the precompile, sets up
// the back-end, and unlocks the wallet and the gas account (prompting on the
// terminal when no passphrase source is configured). With
// gpu.enable_nvtrust it then collects and verifies each device's evidence
// and checks its registration on chain; a device that cannot attest is
// logged and mines at the software-only tier (gpu.require_nvtrust: Open
// fails instead). Close it when done.
func Open(ctx context.Context, cfg *Config, opts Options) (*Miner, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	node, err := DialNode(ctx, cfg.Network.RPCEndpoint)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			node.Close()
		}
	}()
	if err := CheckChain(ctx, node, cfg.Network.RPCEndpoint, cfg.Network.ChainID); err != nil {
		return nil, err
	}

	backend, err := OpenBackend(ctx, cfg, log)
	if err != nil {
		return nil, err
	}

	walletPass := opts.WalletPassphrase
	if walletPass == "" {
		walletPass, err = ReadPassphrase(cfg.WalletPassphraseSource(), "Wallet passphrase: ")
		if err != nil {
			return nil, fmt.Errorf("wallet passphrase: %w", err)
		}
	}
	key, err := LoadWallet(cfg.ResolvePath(cfg.Mining.WalletPath), walletPass)
	if err != nil {
		return nil, err
	}
	gasPass := opts.GasPassphrase
	if gasPass == "" {
		if cfg.Mining.GasPassphraseFile == "" && cfg.Mining.GasPassphraseEnv == "" {
			gasPass = walletPass
		} else {
			gasPass, err = ReadPassphrase(PassphraseSource{File: cfg.ResolvePath(cfg.Mining.GasPassphraseFile), Env: cfg.Mining.GasPassphraseEnv}, "Gas account passphrase: ")
			if err != nil {
				return nil, fmt.Errorf("gas account passphrase: %w", err)
			}
		}
	}
	gasKey, err := LoadGasKey(cfg.ResolvePath(cfg.Mining.GasKeystore), cfg.GasAccountAddress(), gasPass)
	if err != nil {
		return nil, err
	}

	m, err := New(cfg, Deps{Chain: node, Key: key, GasKey: gasKey, Backend: backend}, opts)
	if err != nil {
		return nil, err
	}
	if err := m.LoadChainRules(ctx); err != nil {
		return nil, err
	}
	if !opts.SkipAttestation {
		if err := m.setupAttestation(ctx); err != nil {
			m.Close()
			return nil, err
		}
	}
	m.closers = append(m.closers, node.Close)
	ok = true
	return m, nil
}

// OpenBackend sets up the configured inference back-end. For an
// OpenAI-compatible server it hashes the configured weights files and asks
// the server for its models, warning on log about configured models the
// server does not list.
func OpenBackend(ctx context.Context, cfg *Config, log *slog.Logger) (Backend, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	switch cfg.Backend.Kind {
	case BackendBuiltin:
		return NewBuiltinBackend(cfg.Backend.MaxTokens), nil
	case BackendOpenAI:
		ob, err := newOpenAIBackend(cfg, log)
		if err != nil {
			return nil, err
		}
		missing, err := ob.Check(ctx)
		if err != nil {
			return nil, err
		}
		if len(missing) > 0 {
			log.Warn("the inference server does not list some configured models", "models", missing)
		}
		return ob, nil
	}
	return nil, fmt.Errorf("backend.kind %q is unknown", cfg.Backend.Kind)
}

// CheckChain checks that the node at endpoint answers, reports chain id
// want, and has the IAIMining precompile active at 0x0300.
func CheckChain(ctx context.Context, chain Chain, endpoint string, want uint64) error {
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	got, err := chain.ChainID(cctx)
	if err != nil {
		return fmt.Errorf("cannot reach the node at %s: %w", endpoint, err)
	}
	if !got.IsUint64() || got.Uint64() != want {
		return fmt.Errorf("the node at %s is on chain %s, but network.chain_id is %d", endpoint, got, want)
	}
	code, err := chain.CodeAt(cctx, precompile.Address, nil)
	if err != nil {
		return fmt.Errorf("read code at %s from %s: %w", precompile.Address.Hex(), endpoint, err)
	}
	if len(code) == 0 {
		return fmt.Errorf("the IAIMining precompile is not active on chain %d (no code at %s); proofs sent there would be lost", want, precompile.Address.Hex())
	}
	return nil
}

// Close releases the node connection.
func (m *Miner) Close() {
	for _, c := range m.closers {
		c()
	}
	m.closers = nil
}

// progressOut returns where progress bars go.
func (m *Miner) progressOut() io.Writer {
	if m.opts.ProgressOut != nil {
		return m.opts.ProgressOut
	}
	return os.Stderr
}

// Metrics returns the miner's metrics.
func (m *Miner) Metrics() *Metrics { return m.metrics }

// MinerID returns the id of the mining key.
func (m *Miner) MinerID() proof.Hash { return m.key.Public().ID() }

// GasAccount returns the address paying for submissions.
func (m *Miner) GasAccount() common.Address { return m.sub.From() }

// Beneficiary returns the address credited with rewards.
func (m *Miner) Beneficiary() common.Address { return m.beneficiary }

// WorkTimestamp chooses the WorkContext timestamp: the latest block's time,
// so the proof is judged against the chain's clock rather than the local
// one; but when that block is more than MaxHeaderLag older than the local
// clock the chain is idle (blocks only on demand) and the next block will
// carry roughly the local time, which is then used.
func WorkTimestamp(headerTime uint64, now time.Time) uint64 {
	local := now.Unix()
	if local > 0 && uint64(local) > headerTime+uint64(MaxHeaderLag/time.Second) {
		return uint64(local)
	}
	return headerTime
}

// ProveParams are the facts a proof is bound to besides the job.
type ProveParams struct {
	ChainID     uint32
	Beneficiary common.Address
	Device      Device
	Timestamp   uint64    // WorkContext timestamp
	Rand        io.Reader // WorkContext nonce source (crypto/rand when nil)
	// RequireAttestation fails the job when Device.Attest cannot produce
	// evidence; otherwise the proof goes without (Work.AttestError says why).
	RequireAttestation bool
}

// Work is a signed proof with what went into it.
type Work struct {
	Job    Job
	Model  ModelInfo
	Output []byte
	// InputTokens and OutputTokens are the signed token counts (the
	// model's rule); ComputeUnits is what the chain computes from them
	// with Model.Parameters (reward.JobComputeUnits).
	InputTokens, OutputTokens uint32
	ComputeUnits              uint64
	InferenceTime             time.Duration
	Proof                     *proof.AIWorkProof
	Encoded                   []byte     // Proof's canonical encoding
	WorkID                    proof.Hash // Proof's work id (the spent-set key)
	// Attestation is the evidence sent beside the proof
	// (precompile.EncodeAttestation), nil for a software-only proof;
	// AttestError says why an attested device's proof has none.
	Attestation []byte
	AttestError error
}

// Prove does one job: it fixes the WorkContext before any compute, runs
// inference, hashes the output, counts the input and output tokens by the
// model's rule and signs the proof with key. A job whose token counts the
// chain would refuse (above the model's limits, or no output) fails here.
func Prove(ctx context.Context, backend Backend, key *proof.PrivateKey, job Job, p ProveParams) (*Work, error) {
	info, ok := backend.Model(job.Model)
	if !ok {
		return nil, fmt.Errorf("the back-end does not offer model %q", job.Model)
	}
	if len(job.Input) == 0 {
		return nil, errors.New("job input is empty")
	}
	inTokens := reward.Tokens(len(job.Input), info.BytesPerToken)
	if limit := uint64(info.MaxInputTokens); inTokens > math.MaxUint32 || (limit != 0 && inTokens > limit) {
		return nil, fmt.Errorf("the input is %d tokens; the chain accepts at most %d for model %s", inTokens, info.MaxInputTokens, job.Model)
	}
	wc, err := proof.NewWorkContext(p.ChainID, job.ID, info.Hash, proof.HashInput(job.Input), p.Device.ID, p.Timestamp, p.Rand)
	if err != nil {
		return nil, err
	}
	// The GPU attests before it computes, answering this WorkContext.
	var attestation []byte
	var attestErr error
	if p.Device.Attest != nil {
		attestation, attestErr = attest(ctx, p.Device.Attest, &wc)
		if attestErr != nil && p.RequireAttestation {
			return nil, fmt.Errorf("GPU attestation (gpu.require_nvtrust): %w", attestErr)
		}
	}
	start := time.Now()
	out, err := backend.Infer(ctx, job.Model, job.Input)
	if err != nil {
		return nil, fmt.Errorf("inference with %s: %w", job.Model, err)
	}
	elapsed := time.Since(start)
	outTokens := reward.Tokens(len(out), info.BytesPerToken)
	switch limit := uint64(info.MaxOutputTokens); {
	case outTokens == 0:
		return nil, fmt.Errorf("inference with %s returned no output", job.Model)
	case outTokens > math.MaxUint32 || (limit != 0 && outTokens > limit):
		return nil, fmt.Errorf("the output is %d tokens; the chain accepts at most %d for model %s", outTokens, info.MaxOutputTokens, job.Model)
	}
	in, outT := uint32(inTokens), uint32(outTokens)
	cu := reward.JobComputeUnits(info.Parameters, in, outT)
	pr, err := proof.SignWork(proof.Work{Context: wc, Beneficiary: p.Beneficiary, Output: out,
		InputTokens: in, OutputTokens: outT, Attestation: attestation}, key)
	if err != nil {
		return nil, err
	}
	return &Work{
		Job: job, Model: info, Output: out, InputTokens: in, OutputTokens: outT, ComputeUnits: cu, InferenceTime: elapsed,
		Proof: pr, Encoded: pr.Encode(), WorkID: pr.WorkID(),
		Attestation: attestation, AttestError: attestErr,
	}, nil
}

// Result is a mined job: the work and the chain's acceptance.
type Result struct {
	*Work
	*Accepted
	Device Device
	// Balance is the beneficiary's mining balance in the state after the
	// block that accepted the proof; nil when it could not be read.
	Balance *big.Int
}

// Stats returns what the miner did so far.
func (m *Miner) Stats() Stats {
	t := &m.tally
	t.mu.Lock()
	defer t.mu.Unlock()
	st := Stats{
		Accepted: t.accepted, Refused: t.refused, Failed: t.failed,
		ComputeUnits: t.computeUnits, Reward: new(big.Int).Set(&t.reward),
		Finalized: new(big.Int).Set(&t.finalized),
		Uptime:    m.clock().Sub(t.start),
	}
	if t.balance != nil {
		st.Balance = new(big.Int).Set(t.balance)
	}
	st.Pending = m.Pending()
	return st
}

// logStats logs a summary line.
func (m *Miner) logStats(msg string) {
	st := m.Stats()
	attrs := []any{
		"accepted", st.Accepted, "refused", st.Refused, "failed", st.Failed,
		"compute_units", st.ComputeUnits, "reward_wei", st.Reward.String(),
		"finalized_wei", st.Finalized.String(), "pending", st.Pending,
	}
	fin := m.Finality()
	attrs = append(attrs, "not_final", fin.Unconfirmed, "final", fin.Confirmed, "resubmitted", fin.Resubmitted, "lost", fin.Lost)
	if st.Balance != nil {
		attrs = append(attrs, "balance_wei", st.Balance.String())
	}
	attrs = append(attrs, "beneficiary", m.beneficiary.Hex(), "uptime", st.Uptime.Round(time.Second).String())
	m.log.Info(msg, attrs...)
}

// balanceAt reads the beneficiary's mining balance after block number. It
// is bounded by balanceReadTimeout; its failure is the caller's to log.
func (m *Miner) balanceAt(ctx context.Context, number uint64) (*big.Int, error) {
	ctx, cancel := context.WithTimeout(ctx, balanceReadTimeout)
	defer cancel()
	var bal *big.Int
	err := m.sub.call(ctx, func(ctx context.Context) (err error) {
		bal, err = MiningBalanceAt(ctx, m.chain, m.beneficiary, new(big.Int).SetUint64(number))
		return err
	})
	return bal, err
}

// MineOnce makes one devnet job and mines it on the first device: it
// returns once the proof is accepted (with the receipt and the reward from
// the WorkAccepted event) or refused (a *RefusedError).
func (m *Miner) MineOnce(ctx context.Context) (*Result, error) {
	job, err := m.jobs.Next()
	if err != nil {
		return nil, err
	}
	return m.Mine(ctx, job, 0)
}

// Mine does one job on device devices[worker % len] and submits its proof.
func (m *Miner) Mine(ctx context.Context, job Job, worker int) (*Result, error) {
	dev := m.devices[worker%len(m.devices)]
	jobID := hexutil.Encode(job.ID[:])
	fail := func(stage string, err error) (*Result, error) { return nil, m.jobFailed(ctx, job, stage, err) }

	var head uint64
	if err := m.sub.call(ctx, func(ctx context.Context) error {
		h, err := m.chain.HeaderByNumber(ctx, nil)
		if err == nil {
			head = h.Time
		}
		return err
	}); err != nil {
		return fail("chain", fmt.Errorf("read latest block: %w", err))
	}
	work, err := Prove(ctx, m.backend, m.key, job, ProveParams{
		ChainID: m.chainID, Beneficiary: m.beneficiary, Device: dev,
		Timestamp: WorkTimestamp(head, m.clock()), Rand: m.opts.Rand,
		RequireAttestation: m.cfg.GPU.RequireNVTrust,
	})
	if err != nil {
		return fail("inference", err)
	}
	if work.AttestError != nil {
		m.log.Warn("GPU attestation failed; sending this proof at the software-only tier", "device", dev.Name, "job_id", jobID, "err", work.AttestError)
	}
	m.metrics.InferenceSeconds.WithLabelValues(job.Model).Observe(work.InferenceTime.Seconds())
	if b := m.batchFor(work); b != nil {
		return b.add(work, dev)
	}
	return m.submitWork(ctx, work, dev)
}

// jobFailed counts and logs a job that failed at stage, unless ctx ended
// (stopping is not failing), and returns err.
func (m *Miner) jobFailed(ctx context.Context, job Job, stage string, err error) error {
	if ctx.Err() != nil {
		return err
	}
	m.metrics.JobsFailed.WithLabelValues(stage).Inc()
	m.tally.mu.Lock()
	m.tally.failed++
	m.tally.mu.Unlock()
	m.log.Error("job failed", "stage", stage, "job_id", hexutil.Encode(job.ID[:]), "model", job.Model, "err", err)
	return err
}

// submitWork submits one finished proof alone (submitWorkProof) and
// accounts for the outcome: metrics, the tally, the pending queue and the
// "proof accepted" line.
func (m *Miner) submitWork(ctx context.Context, work *Work, dev Device) (*Result, error) {
	job := work.Job
	jobID := hexutil.Encode(job.ID[:])
	fail := func(stage string, err error) (*Result, error) { return nil, m.jobFailed(ctx, job, stage, err) }
	m.metrics.ProofsSubmitted.WithLabelValues(job.Model).Inc()
	start := time.Now()
	acc, err := m.submitThroughOutages(ctx, work)
	if err != nil {
		if ref, ok := IsRefusal(err); ok {
			m.metrics.ProofsRefused.WithLabelValues(ref.Reason).Inc()
			m.tally.mu.Lock()
			m.tally.refused++
			m.tally.mu.Unlock()
			m.log.Warn("proof refused", "reason", ref.Reason, "err", err, "job_id", jobID, "work_id", hexutil.Encode(work.WorkID[:]), "model", job.Model)
			return nil, err
		}
		return fail("submit", err)
	}
	m.metrics.SubmitSeconds.Observe(time.Since(start).Seconds())
	m.metrics.ProofsAccepted.WithLabelValues(job.Model).Inc()
	m.metrics.ComputeUnits.Add(float64(acc.ComputeUnits))
	m.metrics.addReward(acc.Reward)
	m.addPending(acc.WorkID, acc.BlockNumber)
	m.keepForAudit(work, acc.BlockNumber)
	m.trackWork(ctx, "proof", work, acc, 0)

	// The balance after the accepting block shows the reward arriving. A
	// failed read only leaves it out of the log line.
	bal, balErr := m.balanceAt(ctx, acc.BlockNumber)
	if balErr != nil && ctx.Err() == nil {
		m.log.Warn("cannot read the mining balance", "beneficiary", m.beneficiary.Hex(), "block", acc.BlockNumber, "err", balErr)
	}
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
	summary := m.opts.SummaryEvery > 0 && t.accepted%uint64(m.opts.SummaryEvery) == 0
	t.mu.Unlock()

	attrs := []any{
		"work_id", hexutil.Encode(acc.WorkID[:]),
		"job_id", jobID,
		"model", job.Model,
		"device", dev.Name,
		"attested", work.Attestation != nil,
		"compute_units", acc.ComputeUnits,
		"reward_wei", acc.Reward.String(),
	}
	if bal != nil {
		attrs = append(attrs, "balance_wei", bal.String())
	}
	attrs = append(attrs,
		"epoch", acc.Epoch,
		"beneficiary", acc.Beneficiary.Hex(),
		"block", acc.BlockNumber,
		"tx", acc.TxHash.Hex(),
		"gas_used", acc.Receipt.GasUsed,
		"inference_ms", work.InferenceTime.Milliseconds(),
		"resubmits", acc.Resubmits,
	)
	if rules := m.knownRules(); rules != nil {
		attrs = append(attrs, "pending_until_block", acc.BlockNumber+rules.ChallengeWindow)
	}
	m.log.Info("proof accepted", attrs...)
	if summary {
		m.logStats("mining summary")
	}
	m.finalizeAfter(ctx, acc.BlockNumber)
	return &Result{Work: work, Accepted: acc, Device: dev, Balance: bal}, nil
}

// Run mines until ctx is cancelled (or, with Options.MaxJobs, until that
// many jobs are done). In devnet mode it makes a job every
// mining.job_interval and hands it to one of mining.concurrency workers; a
// tick that finds every worker busy is skipped. Job failures are logged and
// counted; with MaxJobs, Run reports how many failed. Cancelling ctx is a
// normal stop and returns nil once the jobs in progress have ended.
func (m *Miner) Run(ctx context.Context) error {
	if m.cfg.Zap.Gateway != "" {
		return m.runGateway(ctx)
	}
	workers := m.cfg.Mining.Concurrency
	jobs := make(chan Job)
	var (
		wg             sync.WaitGroup
		failed, issued atomic.Int64
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for job := range jobs {
				if _, err := m.Mine(ctx, job, w); err != nil {
					failed.Add(1)
				}
			}
		}(w)
	}
	if err := m.prepareVerified(ctx); err != nil {
		return err
	}
	stopBatcher := m.startBatcher(ctx)
	defer m.watchAudits(ctx)()
	stopFinality := m.watchFinality(ctx)
	minerID := m.MinerID()
	m.log.Info("mining in devnet mode",
		"chain_id", m.chainID, "miner_id", hexutil.Encode(minerID[:]), "scheme", m.key.Scheme().String(),
		"beneficiary", m.beneficiary.Hex(), "gas_account", m.sub.From().Hex(), "models", m.cfg.Mining.Models,
		"workers", workers, "job_interval", m.cfg.Mining.JobInterval.String())

	ticker := time.NewTicker(m.cfg.Mining.JobInterval)
	defer ticker.Stop()
	maxJobs := int64(m.opts.MaxJobs)
loop:
	for maxJobs == 0 || issued.Load() < maxJobs {
		if m.watch.skipJob(ctx, m.chain) { // the node is unreachable: no new work
			select {
			case <-ctx.Done():
				break loop
			case <-ticker.C:
			}
			continue
		}
		job, err := m.jobs.Next()
		if err != nil {
			m.log.Error("cannot make a job", "err", err)
		} else if maxJobs > 0 {
			select {
			case jobs <- job:
				issued.Add(1)
			case <-ctx.Done():
				break loop
			}
		} else {
			select {
			case jobs <- job:
				issued.Add(1)
			case <-ctx.Done():
				break loop
			default:
				m.log.Debug("every worker is busy; skipping this job")
			}
		}
		if maxJobs > 0 && issued.Load() >= maxJobs {
			break
		}
		select {
		case <-ctx.Done():
			break loop
		case <-ticker.C:
		}
	}
	close(jobs)
	wg.Wait()
	failed.Add(int64(stopBatcher()))
	stopFinality()
	m.logStats("mining stopped")
	if n := failed.Load(); maxJobs > 0 && n > 0 {
		return fmt.Errorf("%d of %d jobs failed", n, issued.Load())
	}
	return nil
}
