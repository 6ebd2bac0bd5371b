package gateway

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/pars-network/aimining/gateway/zap"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
	"github.com/stretchr/testify/require"
)

var testModel = Model{Name: "tiny", Hash: proof.Hash{0xaa}, Parameters: 1_000_000_000, BytesPerToken: 1, MaxTokens: 8}

func testKey(t testing.TB, n byte) *proof.PrivateKey {
	sk, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{n})
	require.NoError(t, err)
	return sk
}

// start runs a gateway on loopback and returns it with its ZAP address and
// HTTP server.
func start(t testing.TB, cfg Config) (*Gateway, string, *httptest.Server) {
	if cfg.Key == nil {
		cfg.Key = testKey(t, 1)
	}
	cfg.ChainID = 6133
	if cfg.Models == nil {
		cfg.Models = []Model{testModel}
	}
	g, err := New(cfg)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go g.Serve(ln)
	srv := httptest.NewServer(g.Handler())
	t.Cleanup(func() { srv.Close(); g.Close() })
	return g, ln.Addr().String(), srv
}

func dialMiner(t testing.TB, addr string, n byte, kinds ...Capability) *Client {
	if len(kinds) == 0 {
		kinds = []Capability{LLMInference}
	}
	cl, err := Dial(context.Background(), addr, ClientOptions{ChainID: 6133, Key: testKey(t, n),
		Models: []ModelOffer{{Name: testModel.Name, Hash: testModel.Hash, Capabilities: kinds}}, Agent: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { cl.Close() })
	return cl
}

// echo serves jobs on cl until it is closed: the output is the input
// reversed (embeddings: a float32 vector of the input's bytes).
func echo(t testing.TB, cl *Client) {
	go func() {
		for {
			j, err := cl.NextJob(context.Background(), time.Second)
			if err != nil {
				return
			}
			if j == nil {
				continue
			}
			r := &Result{LeaseID: j.LeaseID, OK: true}
			if j.Kind == Embedding {
				data := make([]byte, 0, 4*len(j.Input))
				for _, c := range j.Input {
					data = binary.LittleEndian.AppendUint32(data, math.Float32bits(float32(c)))
				}
				r.Tensors = []Tensor{{DType: zap.DType_float32, Shape: []uint64{uint64(len(j.Input))}, Data: data}}
			} else {
				out := bytes.Clone(j.Input)
				for i, k := 0, len(out)-1; i < k; i, k = i+1, k-1 {
					out[i], out[k] = out[k], out[i]
				}
				r.Output = out
			}
			if _, _, err := cl.SendResult(context.Background(), r); err != nil {
				return
			}
		}
	}()
}

func postJSON(t testing.TB, url string, body any) (int, map[string]any) {
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func chat(t testing.TB, srv *httptest.Server, text string) (int, map[string]any) {
	return postJSON(t, srv.URL+"/v1/chat/completions", map[string]any{
		"model": "tiny", "messages": []map[string]string{{"role": "user", "content": text}}})
}

func TestChatThroughZAP(t *testing.T) {
	g, addr, srv := start(t, Config{})
	echo(t, dialMiner(t, addr, 2))
	code, out := chat(t, srv, "hello")
	require.Equal(t, 200, code, "%v", out)
	msg := out["choices"].([]any)[0].(map[string]any)["message"].(map[string]any)
	require.Equal(t, "olleh", msg["content"])
	require.Equal(t, "chat.completion", out["object"])
	require.Equal(t, uint64(1), g.Stats().Completed)

	// Embeddings come back as tensors.
	echo(t, dialMiner(t, addr, 3, Embedding))
	code, out = postJSON(t, srv.URL+"/v1/embeddings", map[string]any{"model": "tiny", "input": []string{"ab", "c"}})
	require.Equal(t, 200, code, "%v", out)
	data := out["data"].([]any)
	require.Equal(t, []any{97.0, 98.0}, data[0].(map[string]any)["embedding"])
	require.Equal(t, []any{99.0}, data[1].(map[string]any)["embedding"])
}

func TestTicketIsSignedAndBound(t *testing.T) {
	_, addr, srv := start(t, Config{})
	cl := dialMiner(t, addr, 2)
	done := make(chan *proof.JobTicket, 1)
	go func() {
		j, err := cl.NextJob(context.Background(), 5*time.Second)
		if err != nil || j == nil {
			done <- nil
			return
		}
		tk, err := cl.VerifyTicket(j, testModel.Hash, time.Now())
		if err != nil {
			done <- nil
			return
		}
		cl.SendResult(context.Background(), &Result{LeaseID: j.LeaseID, OK: true, Output: []byte("x")})
		done <- tk
	}()
	code, _ := chat(t, srv, "hello")
	require.Equal(t, 200, code)
	tk := <-done
	require.NotNil(t, tk)
	require.Equal(t, uint32(6133), tk.ChainID)
	require.Equal(t, proof.HashInput([]byte("hello")), tk.InputHash)
	require.Equal(t, Budget(testModel, 5, 8), tk.Budget)
	require.Equal(t, testKey(t, 1).Public().ID(), tk.GatewayID())
	require.Equal(t, testKey(t, 2).Public().ID(), tk.MinerID, "the ticket names the miner it was leased to")
	// A ticket for other weights is refused by the miner.
	_, err := cl.VerifyTicket(&Job{Input: []byte("hello"), Ticket: tk.Encode()}, proof.Hash{1}, time.Now())
	require.Error(t, err)
	// Another miner refuses a ticket that names someone else: it could not
	// redeem it.
	other := dialMiner(t, addr, 3)
	_, err = other.VerifyTicket(&Job{Input: []byte("hello"), Ticket: tk.Encode()}, testModel.Hash, time.Now())
	require.ErrorContains(t, err, "names miner")
}

// TestTicketNamesTheLeasedMiner: every lease carries a ticket naming the
// miner it is leased to. A job whose lease expires goes to another miner
// with a new ticket for that miner (same job id and expiry), and the
// answer reports the ticket of the miner that answered.
func TestTicketNamesTheLeasedMiner(t *testing.T) {
	_, addr, srv := start(t, Config{LeaseTimeout: 200 * time.Millisecond})
	silent := dialMiner(t, addr, 2)
	first := make(chan *proof.JobTicket, 1)
	go func() {
		j, err := silent.NextJob(context.Background(), 5*time.Second)
		if err != nil || j == nil {
			first <- nil
			return
		}
		tk, _ := silent.VerifyTicket(j, testModel.Hash, time.Now())
		first <- tk // and never answers
	}()
	answered := make(chan map[string]any, 1)
	go func() { _, out := chat(t, srv, "job"); answered <- out }()
	silentTk := <-first
	require.NotNil(t, silentTk)

	honest := dialMiner(t, addr, 3)
	second := make(chan *proof.JobTicket, 1)
	go func() {
		j, err := honest.NextJob(context.Background(), 5*time.Second)
		if err != nil || j == nil {
			second <- nil
			return
		}
		tk, err := honest.VerifyTicket(j, testModel.Hash, time.Now())
		if err == nil {
			honest.SendResult(context.Background(), &Result{LeaseID: j.LeaseID, OK: true, Output: []byte("x")})
		}
		second <- tk
	}()
	honestTk := <-second
	require.NotNil(t, honestTk, "the honest miner accepts its ticket")
	out := <-answered

	cases := []struct {
		name string
		tk   *proof.JobTicket
		key  *proof.PrivateKey
	}{
		{"first lease", silentTk, testKey(t, 2)},
		{"second lease", honestTk, testKey(t, 3)},
	}
	for _, c := range cases {
		require.Equal(t, c.key.Public().ID(), c.tk.MinerID, c.name)
		require.NoError(t, c.tk.VerifySignature(testKey(t, 1).Public()), c.name)
	}
	require.Equal(t, silentTk.JobID, honestTk.JobID, "one job")
	require.Equal(t, silentTk.Expiry, honestTk.Expiry)
	require.NotEqual(t, silentTk.ID(), honestTk.ID(), "a ticket per miner")
	id := honestTk.ID()
	mid := honestTk.MinerID
	pars := out["pars"].(map[string]any)
	require.Equal(t, "0x"+hex.EncodeToString(id[:]), pars["ticket_id"])
	require.Equal(t, "0x"+hex.EncodeToString(mid[:]), pars["miner_id"])
}

func TestRegistrationNeedsTheKey(t *testing.T) {
	_, addr, _ := start(t, Config{})
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	zc := newConn(c)
	f, err := zc.recv()
	require.NoError(t, err)
	require.Equal(t, zap.Frame_Which_hello, f.which)
	// Signed over another challenge: refused.
	sk := testKey(t, 2)
	reg := &proof.MinerRegistration{ChainID: 6133, GatewayID: testKey(t, 1).Public().ID(), Challenge: proof.Hash{1}}
	sig, err := proof.SignMinerRegistration(reg, sk)
	require.NoError(t, err)
	require.NoError(t, zc.send(encodeRegister(&Register{Version: zap.ProtocolVersion, MinerKey: sk.Public().Bytes(), Signature: sig})))
	f, err = zc.recv()
	require.NoError(t, err)
	require.Equal(t, zap.Frame_Which_error, f.which)
	require.Equal(t, "unauthorized", f.errCode)
	// A miner on another chain refuses the gateway.
	_, err = Dial(context.Background(), addr, ClientOptions{ChainID: 96369, Key: sk})
	require.ErrorContains(t, err, "chain 6133")
}

func TestLeaseExpiryAndDisconnectReassign(t *testing.T) {
	g, addr, srv := start(t, Config{LeaseTimeout: 200 * time.Millisecond})
	// A silent miner takes the first job and never answers; another
	// disconnects holding one. The honest miner, registered later, gets both.
	silent := dialMiner(t, addr, 2)
	quitter := dialMiner(t, addr, 3)
	taken := make(chan struct{}, 2)
	go func() {
		if j, _ := silent.NextJob(context.Background(), 5*time.Second); j != nil {
			taken <- struct{}{}
		}
	}()
	go func() {
		if j, _ := quitter.NextJob(context.Background(), 5*time.Second); j != nil {
			taken <- struct{}{}
			quitter.Close()
		}
	}()
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i], _ = chat(t, srv, "job") }()
	}
	<-taken
	<-taken
	echo(t, dialMiner(t, addr, 4))
	wg.Wait()
	require.Equal(t, []int{200, 200}, codes)
	require.GreaterOrEqual(t, g.Stats().Reassigned, uint64(2))
}

func TestBusyAndNoMiner(t *testing.T) {
	g, addr, srv := start(t, Config{QueueSize: 1, RequestTimeout: 2 * time.Second})
	// No miner at all: 503 at once.
	code, out := chat(t, srv, "x")
	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Equal(t, "no_miner", out["error"].(map[string]any)["code"])
	// A registered miner that never asks for work: the first job waits in
	// the queue, the second finds it full and gets 429 with an OpenAI error.
	dialMiner(t, addr, 2)
	first := make(chan int, 1)
	go func() { c, _ := chat(t, srv, "first"); first <- c }()
	require.Eventually(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return len(g.queue) == 1
	}, 2*time.Second, 5*time.Millisecond)
	code, out = chat(t, srv, "second")
	require.Equal(t, http.StatusTooManyRequests, code)
	e := out["error"].(map[string]any)
	require.Equal(t, "server_busy", e["code"])
	require.Equal(t, "rate_limit_error", e["type"])
	// The queued job is not dropped: its client is told it timed out.
	require.Equal(t, http.StatusGatewayTimeout, <-first)
	// Unknown model, bad body.
	code, _ = postJSON(t, srv.URL+"/v1/chat/completions", map[string]any{"model": "nope", "messages": []map[string]string{{"role": "user", "content": "x"}}})
	require.Equal(t, http.StatusNotFound, code)
	code, _ = postJSON(t, srv.URL+"/v1/chat/completions", map[string]any{"model": "tiny"})
	require.Equal(t, http.StatusBadRequest, code)
}

func TestSlowMinerDoesNotStallOthers(t *testing.T) {
	_, addr, srv := start(t, Config{LeaseTimeout: 5 * time.Second})
	slow := dialMiner(t, addr, 2)
	go func() {
		j, _ := slow.NextJob(context.Background(), 5*time.Second)
		if j != nil {
			time.Sleep(3 * time.Second)
			slow.SendResult(context.Background(), &Result{LeaseID: j.LeaseID, OK: true, Output: []byte("slow")})
		}
	}()
	slowDone := make(chan int, 1)
	go func() { c, _ := chat(t, srv, "slow"); slowDone <- c }()
	time.Sleep(200 * time.Millisecond)
	echo(t, dialMiner(t, addr, 3))
	start := time.Now()
	for range 5 {
		code, _ := chat(t, srv, "fast")
		require.Equal(t, 200, code)
	}
	require.Less(t, time.Since(start), 2*time.Second, "fast jobs waited for the slow miner")
	require.Equal(t, 200, <-slowDone)
}

func TestTensorValidate(t *testing.T) {
	require.NoError(t, (&Tensor{DType: zap.DType_float16, Shape: []uint64{2, 3}, Data: make([]byte, 12)}).Validate())
	require.Error(t, (&Tensor{DType: zap.DType_float16, Shape: []uint64{2, 3}, Data: make([]byte, 11)}).Validate())
	require.Error(t, (&Tensor{DType: zap.DType_float32, Shape: []uint64{1 << 40, 1 << 40}}).Validate())
	require.Error(t, (&Tensor{DType: 99}).Validate())
}

func TestBudget(t *testing.T) {
	// 2 × 1e9 parameters × (5 input + 8 output tokens) / 1e9 = 26.
	require.Equal(t, uint64(26), Budget(testModel, 5, 8))
	require.Equal(t, uint64(1), Budget(Model{Parameters: 1}, 1, 1))
	require.Equal(t, ^uint64(0), Budget(Model{Parameters: math.MaxUint64 / 2}, 1<<30, 1<<30))
	// 2 × parameters above 2^64 is exact (it wrapped to a budget of 1):
	// ceil(2 × 2^63 × 2 / 1e9).
	require.Equal(t, uint64(36_893_488_148), Budget(Model{Parameters: 1 << 63, BytesPerToken: 1}, 1, 1))
	// The chain's metric, the one the precompile prices proofs with.
	require.Equal(t, reward.JobComputeUnits(testModel.Parameters, 5, 8), Budget(testModel, 5, 8))
}
