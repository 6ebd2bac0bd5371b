package miner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/precompile"
)

// Node outages. The miner watches every JSON-RPC answer: after
// downAfterFailures transport failures in a row it logs once that the node
// is unreachable, and once when it answers again. Meanwhile no new job is
// started, and a finished proof waits (queued) for the node instead of
// failing, as long as its WorkContext timestamp is within the chain's
// time window; then it is submitted as usual.

const (
	// downAfterFailures is how many transport failures in a row make the
	// node count as unreachable (one lost answer does not).
	downAfterFailures = 3
	// probeInterval is how often the miner asks an unreachable node for
	// its block number.
	probeInterval = time.Second
)

// errQueueExpired: the node stayed away until the queued proof's time
// window closed.
var errQueueExpired = errors.New("the node stayed unreachable until the proof's time window closed")

// nodeWatch follows whether the node answers, logs the changes and counts
// the proofs waiting for it.
type nodeWatch struct {
	log     *slog.Logger
	metrics *Metrics
	clock   func() time.Time

	mu         sync.Mutex
	failures   int           // transport failures in a row
	down       bool          // unreachable since `since`
	since      time.Time     //
	back       chan struct{} // closed when the node answers again
	queued     int           // proofs waiting for the node
	lastProbe  time.Time     // last probe while down
	windowPast uint64        // the chain's timeWindowPast, once read (0: not yet)
}

// watchNode makes m watch its node: every call through m.chain and the
// submitter's chain is observed.
func (m *Miner) watchNode() {
	w := &nodeWatch{log: m.log, metrics: m.metrics, clock: m.clock}
	m.metrics.NodeReachable.Set(1)
	m.watch = w
	m.chain = &watchedChain{Chain: m.chain, w: w}
	m.sub.chain = m.chain
}

// observe records the outcome of one JSON-RPC call. Any answer, an error
// from the node included, shows the node is reachable; only transport
// failures (IsTransient) count against it.
func (w *nodeWatch) observe(err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil || !IsTransient(err) {
		w.failures = 0
		if w.down {
			w.down = false
			close(w.back)
			w.metrics.NodeReachable.Set(1)
			w.log.Info("node reachable again", "unreachable_for", w.clock().Sub(w.since).Round(time.Second).String(), "queued_proofs", w.queued)
		}
		return
	}
	w.failures++
	if !w.down && w.failures >= downAfterFailures {
		w.down, w.since, w.back = true, w.clock(), make(chan struct{})
		w.metrics.NodeReachable.Set(0)
		w.metrics.NodeOutages.Inc()
		w.log.Warn("node unreachable: no new jobs until it answers; finished proofs wait for it within their time window", "err", err)
	}
}

// isDown reports whether the node counts as unreachable.
func (w *nodeWatch) isDown() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.down
}

// skipJob reports whether the next job should be skipped because the node
// is unreachable; it asks the node (at most once per probeInterval) first.
func (w *nodeWatch) skipJob(ctx context.Context, chain Chain) bool {
	if !w.isDown() {
		return false
	}
	w.mu.Lock()
	due := w.clock().Sub(w.lastProbe) >= probeInterval
	if due {
		w.lastProbe = w.clock()
	}
	w.mu.Unlock()
	if due {
		probe(ctx, chain)
	}
	return w.isDown()
}

// probe asks the node for its block number once, without retries; the
// watched chain records the outcome.
func probe(ctx context.Context, chain Chain) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, _ = chain.BlockNumber(ctx)
}

// timeWindowPast returns how long after its timestamp the chain accepts a
// proof: the chain's parameter, read once, or the default when the chain
// has none or cannot be asked now.
func (w *nodeWatch) timeWindowPast(ctx context.Context, chain Chain) time.Duration {
	w.mu.Lock()
	past := w.windowPast
	w.mu.Unlock()
	if past == 0 {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		v, err := readTimeWindowPast(cctx, chain)
		if err != nil || v == 0 {
			v = precompile.DefaultParams(common.Address{}).TimeWindowPast
		}
		if err == nil || !IsTransient(err) { // the node answered: keep it
			w.mu.Lock()
			w.windowPast = v
			w.mu.Unlock()
		}
		past = v
	}
	return time.Duration(past) * time.Second
}

// readTimeWindowPast reads the chain's timeWindowPast parameter.
func readTimeWindowPast(ctx context.Context, chain Chain) (uint64, error) {
	p, err := view(ctx, chain, "parameters", iaimining.PackParameters(), iaimining.UnpackParameters)
	if err != nil {
		return 0, err
	}
	return p.TimeWindowPast, nil
}

// waitForNode holds a finished proof (queued) until the node answers, the
// proof's time window closes (errQueueExpired) or ctx ends.
func (w *nodeWatch) waitForNode(ctx context.Context, chain Chain, expires time.Time) error {
	w.mu.Lock()
	w.queued++
	w.metrics.ProofsQueued.Set(float64(w.queued))
	back := w.back
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.queued--
		w.metrics.ProofsQueued.Set(float64(w.queued))
		w.mu.Unlock()
	}()
	ticker := time.NewTicker(probeInterval)
	defer ticker.Stop()
	for {
		if !w.clock().Before(expires) {
			return errQueueExpired
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-back: // nil (never ready) when the node was not marked down
			return nil
		case <-ticker.C:
			probe(ctx, chain)
			if !w.isDown() {
				return nil
			}
			w.mu.Lock()
			back = w.back
			w.mu.Unlock()
		}
	}
}

// submitThroughOutages submits a finished proof like Submitter.Submit, but
// when the node cannot be reached it keeps the proof (queued) and submits
// it again once the node answers, as long as the proof's timestamp is
// within the chain's time window. A proof sent before an outage and found
// spent afterwards was accepted by that earlier transaction: its
// acceptance is returned.
func (m *Miner) submitThroughOutages(ctx context.Context, work *Work) (*Accepted, error) {
	// Known before an outage: the node is asked once, while it answers.
	expires := time.Unix(int64(work.Proof.Context.Timestamp), 0).Add(m.watch.timeWindowPast(ctx, m.chain))
	waited := false
	for {
		acc, err := m.sub.Submit(ctx, work.Encoded, work.Attestation, work.WorkID, work.Proof.Context.Timestamp)
		if ref, ok := IsRefusal(err); ok && waited && ref.Reason == "AlreadySpent" {
			if a, ferr := m.sub.findAccepted(ctx, work.WorkID); ferr == nil {
				return a, nil
			}
		}
		if err == nil || !IsTransient(err) || ctx.Err() != nil {
			return acc, err
		}
		m.log.Debug("proof queued until the node answers", "work_id", hexutil.Encode(work.WorkID[:]), "expires", expires.UTC().Format(time.RFC3339), "err", err)
		if werr := m.watch.waitForNode(ctx, m.chain, expires); werr != nil {
			if errors.Is(werr, errQueueExpired) {
				m.metrics.ProofsExpired.Inc()
			}
			return nil, fmt.Errorf("%w (last error: %v)", werr, err)
		}
		waited = true
	}
}

// watchedChain is a Chain whose every call's outcome goes to a nodeWatch.
type watchedChain struct {
	Chain
	w *nodeWatch
}

func (c *watchedChain) ChainID(ctx context.Context) (*big.Int, error) {
	v, err := c.Chain.ChainID(ctx)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) BlockNumber(ctx context.Context) (uint64, error) {
	v, err := c.Chain.BlockNumber(ctx)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error) {
	v, err := c.Chain.HeaderByNumber(ctx, number)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) CodeAt(ctx context.Context, account common.Address, blockNumber *big.Int) ([]byte, error) {
	v, err := c.Chain.CodeAt(ctx, account, blockNumber)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) PendingNonceAt(ctx context.Context, account common.Address) (uint64, error) {
	v, err := c.Chain.PendingNonceAt(ctx, account)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	v, err := c.Chain.SuggestGasTipCap(ctx)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	v, err := c.Chain.EstimateGas(ctx, msg)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) EstimateGasInBlock(ctx context.Context, msg ethereum.CallMsg, stateBlock, number, time uint64) (uint64, error) {
	v, err := c.Chain.EstimateGasInBlock(ctx, msg, stateBlock, number, time)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) CallInBlock(ctx context.Context, msg ethereum.CallMsg, stateBlock, number, time uint64) ([]byte, error) {
	v, err := c.Chain.CallInBlock(ctx, msg, stateBlock, number, time)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	err := c.Chain.SendTransaction(ctx, tx)
	c.w.observe(err)
	return err
}

func (c *watchedChain) TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error) {
	v, err := c.Chain.TransactionReceipt(ctx, txHash)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) CallContract(ctx context.Context, msg ethereum.CallMsg, blockNumber *big.Int) ([]byte, error) {
	v, err := c.Chain.CallContract(ctx, msg, blockNumber)
	c.w.observe(err)
	return v, err
}

func (c *watchedChain) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	v, err := c.Chain.FilterLogs(ctx, q)
	c.w.observe(err)
	return v, err
}
