package miner_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// slowRPC delays the next eth_getBlockByNumber request once armed.
type slowRPC struct {
	h     http.Handler
	delay atomic.Int64 // nanoseconds; 0: disarmed
}

func (s *slowRPC) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if d := s.delay.Load(); d > 0 && bytes.Contains(body, []byte("eth_getBlockByNumber")) && s.delay.CompareAndSwap(d, 0) {
		time.Sleep(time.Duration(d))
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s.h.ServeHTTP(w, r)
}

// logRecorder keeps the messages a miner logs.
type logRecorder struct {
	mu   sync.Mutex
	msgs []string
}

func (r *logRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (r *logRecorder) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	r.msgs = append(r.msgs, rec.Message)
	r.mu.Unlock()
	return nil
}
func (r *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *logRecorder) WithGroup(string) slog.Handler      { return r }

func (r *logRecorder) count(prefix string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, m := range r.msgs {
		if strings.HasPrefix(m, prefix) {
			n++
		}
	}
	return n
}

// gatewaySetup is a miner home on a minertest node whose governance is the
// miner's gas account (so the test can register the gateway), reached
// through slowRPC, and a gateway key registered on that chain.
type gatewaySetup struct {
	*setup
	rpc  *slowRPC
	gkey *proof.PrivateKey
}

func newGatewaySetup(t *testing.T) *gatewaySetup {
	t.Helper()
	s := newUnregisteredGatewaySetup(t)
	s.register(t)
	return s
}

// newUnregisteredGatewaySetup is newGatewaySetup before governance
// registers the gateway's key (register does).
func newUnregisteredGatewaySetup(t *testing.T) *gatewaySetup {
	t.Helper()
	gasKey := testGasKey(t)
	node, err := minertest.New(testChainID, precompile.DefaultParams(crypto.PubkeyToAddress(gasKey.PublicKey)), uint64(time.Now().Unix()))
	require.NoError(t, err)
	rpc := &slowRPC{h: node.Handler()}
	srv := httptest.NewServer(rpc)
	t.Cleanup(srv.Close)
	s := &setup{dir: t.TempDir(), node: node, url: srv.URL, key: testKey(t, proof.MLDSA65), gasKey: gasKey}
	require.NoError(t, node.Bond([32]byte(s.key.Public().ID()), precompile.DefaultMinBond.ToBig()))
	writeWallet(t, filepath.Join(s.dir, "wallet.json"), s.key, testPassphrase)
	s.gasAddr = writeGasKeystore(t, filepath.Join(s.dir, "keystore"), s.gasKey, testGasPass)
	require.NoError(t, os.WriteFile(filepath.Join(s.dir, "pass.txt"), []byte(testPassphrase+"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(s.dir, "gaspass.txt"), []byte(testGasPass+"\n"), 0o600))
	s.cfgPath = filepath.Join(s.dir, "config.toml")

	var seed [proof.SeedSize]byte
	copy(seed[:], "miner zap test gateway")
	gk, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	require.NoError(t, err)
	return &gatewaySetup{setup: s, rpc: rpc, gkey: gk}
}

// register registers the gateway's key with a budget, as governance.
func (s *gatewaySetup) register(t *testing.T) {
	t.Helper()
	s.registerKey(t)
	s.setBudget(t)
}

// registerKey registers the gateway's key, as governance, with no budget.
func (s *gatewaySetup) registerKey(t *testing.T) {
	t.Helper()
	data, err := precompile.ABI().Pack("registerGateway", s.gkey.Public().Bytes())
	require.NoError(t, err)
	_, err = newSubmitter(t, s.setup).Transact(t.Context(), data, "gateway registration")
	require.NoError(t, err)
}

// setBudget gives the gateway a budget, as governance.
func (s *gatewaySetup) setBudget(t *testing.T) {
	t.Helper()
	data, err := precompile.ABI().Pack("setGatewayBudget", [32]byte(s.gkey.Public().ID()), uint64(1_000_000))
	require.NoError(t, err)
	_, err = newSubmitter(t, s.setup).Transact(t.Context(), data, "gateway budget")
	require.NoError(t, err)
}

// startGateway serves a gateway for the builtin model on addr
// ("127.0.0.1:0" picks a port).
func (s *gatewaySetup) startGateway(t *testing.T, addr string, lease time.Duration) (*gateway.Gateway, string) {
	t.Helper()
	return s.startGatewayTTL(t, addr, lease, 0)
}

// startGatewayTTL is startGateway with tickets valid for ttl (0: the
// gateway's default).
func (s *gatewaySetup) startGatewayTTL(t *testing.T, addr string, lease, ttl time.Duration) (*gateway.Gateway, string) {
	t.Helper()
	b := builtin.Default()
	g, err := gateway.New(gateway.Config{ChainID: testChainID, Key: s.gkey, LeaseTimeout: lease, RequestTimeout: 30 * time.Second, TicketTTL: ttl,
		Models: []gateway.Model{{Name: builtin.Name, Hash: b.Hash(), Parameters: b.Parameters(), BytesPerToken: 1, MaxTokens: 16}}})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", addr)
	require.NoError(t, err)
	go g.Serve(ln)
	t.Cleanup(func() { g.Close() })
	return g, ln.Addr().String()
}

// runMiner starts the miner in gateway mode against addr with two workers.
func (s *gatewaySetup) runMiner(t *testing.T, addr string, logs *logRecorder) *miner.Miner {
	t.Helper()
	return s.runMinerWith(t, addr, miner.Options{Logger: slog.New(logs)})
}

// runMinerWith is runMiner with opts.
func (s *gatewaySetup) runMinerWith(t *testing.T, addr string, opts miner.Options) *miner.Miner {
	t.Helper()
	id := s.gkey.Public().ID()
	extra := "concurrency = 2\n\n[zap]\ngateway = \"zap://" + addr + "\"\ngateway_id = \"" + hexutil.Encode(id[:]) + "\"\n"
	require.NoError(t, os.WriteFile(s.cfgPath, []byte(s.config(extra)), 0o600))
	m := s.open(t, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(20 * time.Second):
			t.Error("the miner did not stop")
		}
	})
	return m
}

// waitMiner waits until the gateway has n connections of miner id.
func waitMiner(t *testing.T, g *gateway.Gateway, id proof.Hash, n int) {
	t.Helper()
	require.Eventually(t, func() bool {
		ms := g.Miners()
		return len(ms) == 1 && ms[0].ID == id && ms[0].Sessions == n
	}, 15*time.Second, 10*time.Millisecond, "miner registrations: %+v", g.Miners())
}

// TestGatewayModeJobs: the miner proves its key to the gateway, takes chat
// and embedding jobs, answers them with the builtin model's output, and
// submits each proof with its ticket; the chain accepts both.
func TestGatewayModeJobs(t *testing.T) {
	s := newGatewaySetup(t)
	g, addr := s.startGateway(t, "127.0.0.1:0", 30*time.Second)
	logs := &logRecorder{}
	m := s.runMiner(t, addr, logs)
	// The gateway verified the registration signature of the miner's key.
	waitMiner(t, g, m.MinerID(), 2)
	require.False(t, g.Miners()[0].Attested, "no device registry: software-only")

	ctx := t.Context()
	a, err := g.Do(ctx, gateway.Request{Kind: gateway.LLMInference, Model: builtin.Name, Input: []byte("Why is the sky blue?"), MaxTokens: 16})
	require.NoError(t, err)
	want, err := builtin.Default().Generate(ctx, []byte("Why is the sky blue?"), 16)
	require.NoError(t, err)
	require.Equal(t, want, a.Output)
	require.Equal(t, m.MinerID(), a.MinerID)
	require.Equal(t, 1, a.Attempts)
	require.NotZero(t, a.WorkID)

	e, err := g.Do(ctx, gateway.Request{Kind: gateway.Embedding, Model: builtin.Name, Input: []byte("Hello, world"), MaxTokens: 1})
	require.NoError(t, err)
	vec, err := builtin.Default().Embed(ctx, []byte("Hello, world"))
	require.NoError(t, err)
	require.Len(t, e.Tensors, 1)
	require.Equal(t, gateway.Float32, e.Tensors[0].DType)
	require.Equal(t, []uint64{builtin.EmbeddingDim}, e.Tensors[0].Shape)
	require.Equal(t, builtin.EncodeEmbedding(vec), e.Tensors[0].Data)
	require.Equal(t, uint32(len("Hello, world")), e.PromptTokens)

	// Both proofs are accepted on chain with their tickets.
	require.Eventually(t, func() bool {
		return metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues(builtin.Name)) == 2
	}, 15*time.Second, 10*time.Millisecond)
	require.Equal(t, 4, s.node.SentTransactions(), "gateway registration, its budget and two ticketed proofs")
	require.Zero(t, logs.count("proof refused"))
}

// TestGatewayModeLeaseExpiryAndReconnect: a worker whose lease expires
// sees its late result refused and does not submit the proof (the job
// went to the other worker, which redeems the ticket); when the gateway
// goes away, the workers register again with its successor on the same
// address.
func TestGatewayModeLeaseExpiryAndReconnect(t *testing.T) {
	s := newGatewaySetup(t)
	// The miner is told 100 ms; the gateway reassigns after 100 ms plus
	// its 2 s of grace.
	g, addr := s.startGateway(t, "127.0.0.1:0", 100*time.Millisecond)
	logs := &logRecorder{}
	m := s.runMiner(t, addr, logs)
	waitMiner(t, g, m.MinerID(), 2)

	// The first worker to take the job stalls 3 s reading the chain head.
	s.rpc.delay.Store(int64(3 * time.Second))
	start := time.Now()
	a, err := g.Do(t.Context(), gateway.Request{Kind: gateway.LLMInference, Model: builtin.Name, Input: []byte("late"), MaxTokens: 16})
	require.NoError(t, err)
	require.Equal(t, 2, a.Attempts, "answered by the second lease")
	require.GreaterOrEqual(t, time.Since(start), 2*time.Second)
	require.Equal(t, uint64(1), g.Stats().Reassigned)
	require.Eventually(t, func() bool { return logs.count("the gateway refused the result") == 1 }, 10*time.Second, 10*time.Millisecond)
	require.Eventually(t, func() bool {
		return metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues(builtin.Name)) == 1
	}, 10*time.Second, 10*time.Millisecond)
	time.Sleep(200 * time.Millisecond)
	require.Equal(t, 3, s.node.SentTransactions(), "gateway registration, its budget and one ticketed proof: the refused result is not submitted")
	require.Zero(t, logs.count("proof refused"))

	// The gateway restarts on the same address; both workers come back.
	require.NoError(t, g.Close())
	g2, _ := s.startGateway(t, addr, 30*time.Second)
	waitMiner(t, g2, m.MinerID(), 2)
	require.GreaterOrEqual(t, logs.count("gateway connection lost; reconnecting"), 1)
	a, err = g2.Do(t.Context(), gateway.Request{Kind: gateway.LLMInference, Model: builtin.Name, Input: []byte("again"), MaxTokens: 16})
	require.NoError(t, err)
	require.Equal(t, 1, a.Attempts)
	require.Eventually(t, func() bool {
		return metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues(builtin.Name)) == 2
	}, 10*time.Second, 10*time.Millisecond)
}
