package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
)

const chainID = 6133

// system is a gateway with a real in-process pars-miner (gateway mode,
// builtin back-end) on a minertest chain, the gateway registered on chain.
type system struct {
	g    *gateway.Gateway
	srv  *httptest.Server
	m    *miner.Miner
	node *minertest.Node
	b    *builtin.Model
	// transact sends a governance call to 0x0300 and waits for it.
	transact func(method string, args ...any)
	// gatewayKey is the gateway's public key.
	gatewayKey []byte
}

// sysOpts shape a system.
type sysOpts struct {
	modelMax  uint32 // the gateway's max tokens of the builtin model (default 16)
	workers   int    // the miner's mining.concurrency (default 1)
	wrap      func(http.Handler) http.Handler
	configure func(*gateway.Config)
	// backend is the miner's [backend] section and models its
	// mining.models (default: the builtin back-end and model).
	backend string
	models  []string
	// chain, when set, runs governance transactions (sent from the
	// miner's gas account, the chain's governance) before the miner starts.
	chain func(transact func(method string, args ...any))
	// unregistered leaves the gateway unregistered on chain (no budget).
	unregistered bool
}

// newSystem starts a system; everything stops when the test ends.
func newSystem(t testing.TB, o sysOpts) *system {
	if o.modelMax == 0 {
		o.modelMax = 16
	}
	if o.workers == 0 {
		o.workers = 1
	}
	if o.backend == "" {
		o.backend = "kind = \"builtin\"\nmax_tokens = 16\n"
	}
	if o.models == nil {
		o.models = []string{builtin.Name}
	}
	models, _ := json.Marshal(o.models)

	gasKey, err := crypto.ToECDSA(bytes.Repeat([]byte{0x42}, 32))
	require.NoError(t, err)
	gasAddr := crypto.PubkeyToAddress(gasKey.PublicKey)
	node, err := minertest.New(chainID, precompile.DefaultParams(gasAddr), uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stopNode := node.StartHTTP()
	t.Cleanup(stopNode)

	// The miner's home: wallet, gas keystore (also governance), passphrases.
	dir := t.TempDir()
	var seed [proof.SeedSize]byte
	copy(seed[:], "gateway test miner")
	mk, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	require.NoError(t, err)
	require.NoError(t, node.Bond([32]byte(mk.Public().ID()), precompile.DefaultMinBond.ToBig())) // work earns only bonded
	w, err := miner.EncryptWallet(mk, "pw", miner.LightScryptN, miner.LightScryptP)
	require.NoError(t, err)
	require.NoError(t, miner.WriteWallet(filepath.Join(dir, "wallet.json"), w))
	ks := keystore.NewKeyStore(filepath.Join(dir, "keystore"), keystore.LightScryptN, keystore.LightScryptP)
	_, err = ks.ImportECDSA(gasKey, "pw")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pass.txt"), []byte("pw\n"), 0o600))

	// The gateway, registered on chain by governance.
	copy(seed[:], "gateway test gateway")
	gk, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	require.NoError(t, err)
	b := builtin.Default()
	cfg := gateway.Config{ChainID: chainID, Key: gk, RequestTimeout: 30 * time.Second,
		Models: []gateway.Model{{Name: builtin.Name, Hash: b.Hash(), Parameters: b.Parameters(), BytesPerToken: 1, MaxTokens: o.modelMax}}}
	if o.configure != nil {
		o.configure(&cfg)
	}
	g, err := gateway.New(cfg)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go g.Serve(ln)
	var h http.Handler = g.Handler()
	if o.wrap != nil {
		h = o.wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); g.Close() })

	id := g.ID()
	cfgPath := filepath.Join(dir, "config.toml")
	require.NoError(t, os.WriteFile(cfgPath, []byte(fmt.Sprintf(`
[network]
chain_id = %d
rpc_endpoint = %q

[mining]
wallet_path = "wallet.json"
models = %s
beneficiary = "0x8ba1f109551bD432803012645Ac136ddd64DBA72"
gas_keystore = "keystore"
gas_account = %q
passphrase_file = "pass.txt"
gas_passphrase_file = "pass.txt"

concurrency = %d

[backend]
%s
[zap]
gateway = "zap://%s"
gateway_id = %q

[metrics]
listen = ""
`, chainID, url, models, gasAddr.Hex(), o.workers, o.backend, ln.Addr(), hexutil.Encode(id[:]))), 0o600))
	rc := node.Client()
	t.Cleanup(rc.Close)
	sub, err := miner.NewSubmitter(miner.NewNodeClient(rc), gasKey, miner.SubmitterConfig{ChainID: big.NewInt(chainID), PollInterval: time.Millisecond})
	require.NoError(t, err)
	transact := func(method string, args ...any) {
		data, err := precompile.ABI().Pack(method, args...)
		require.NoError(t, err)
		_, err = sub.Transact(t.Context(), data, method)
		require.NoError(t, err, method)
	}
	if !o.unregistered {
		transact("registerGateway", gk.Public().Bytes())
		transact("setGatewayBudget", [32]byte(gk.Public().ID()), uint64(1_000_000))
	}
	if o.chain != nil {
		o.chain(transact)
	}
	mcfg, err := miner.LoadConfig(cfgPath)
	require.NoError(t, err)
	m, err := miner.Open(t.Context(), mcfg, miner.Options{PollInterval: 2 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(m.Close)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() { cancel(); require.NoError(t, <-done) })
	require.Eventually(t, func() bool { return len(g.Miners()) == 1 }, 15*time.Second, 10*time.Millisecond)
	require.Equal(t, m.MinerID(), g.Miners()[0].ID)

	return &system{g: g, srv: srv, m: m, node: node, b: b, transact: transact, gatewayKey: gk.Public().Bytes()}
}

// TestRealMinerChatAndEmbeddings: an OpenAI chat completion and an
// embeddings request come back with the builtin model's output, and the
// miner's proofs are accepted on chain with the gateway's tickets.
func TestRealMinerChatAndEmbeddings(t *testing.T) {
	sys := newSystem(t, sysOpts{})
	srv, m, node, b, ctx := sys.srv, sys.m, sys.node, sys.b, t.Context()
	post := func(path string, body any) map[string]any {
		raw, _ := json.Marshal(body)
		resp, err := http.Post(srv.URL+path, "application/json", bytes.NewReader(raw))
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		require.Equal(t, 200, resp.StatusCode, "%v", out)
		return out
	}

	out := post("/v1/chat/completions", map[string]any{"model": builtin.Name, "max_tokens": 16,
		"messages": []map[string]string{{"role": "user", "content": "Why is the sky blue?"}}})
	want, err := b.Generate(ctx, []byte("Why is the sky blue?"), 16)
	require.NoError(t, err)
	require.Equal(t, string(want), out["choices"].([]any)[0].(map[string]any)["message"].(map[string]any)["content"])

	out = post("/v1/embeddings", map[string]any{"model": builtin.Name, "input": []string{"Hello, world", "a"}})
	require.Equal(t, "list", out["object"])
	items := out["data"].([]any)
	require.Len(t, items, 2)
	for i, in := range []string{"Hello, world", "a"} {
		item := items[i].(map[string]any)
		require.Equal(t, "embedding", item["object"])
		require.Equal(t, float64(i), item["index"])
		vec, err := b.Embed(ctx, []byte(in))
		require.NoError(t, err)
		got := item["embedding"].([]any)
		require.Len(t, got, builtin.EmbeddingDim)
		for k, f := range vec {
			// JSON carries float32 values exactly (shortest round-trip).
			require.Equal(t, f, float32(got[k].(float64)), "input %q element %d", in, k)
		}
	}
	usage := out["usage"].(map[string]any)
	require.Equal(t, float64(len("Hello, world")+len("a")), usage["prompt_tokens"])
	require.Equal(t, usage["prompt_tokens"], usage["total_tokens"])
	require.Len(t, out["pars"].([]any), 2)

	// Three ticketed proofs (one chat, two embeddings) are accepted.
	require.Eventually(t, func() bool {
		var v dto.Metric
		var c prometheus.Metric = m.Metrics().ProofsAccepted.WithLabelValues(builtin.Name)
		return c.Write(&v) == nil && v.GetCounter().GetValue() == 3
	}, 15*time.Second, 10*time.Millisecond)
	require.Equal(t, 5, node.SentTransactions(), "gateway registration, its budget and three ticketed proofs")
}

// TestProofHeldUntilGatewayRegistered: a miner whose ticketed proof is
// refused because the gateway is not registered yet (UnknownGateway) holds
// it, and submits it again once governance registers the gateway: the
// answer the client got becomes accepted work.
func TestProofHeldUntilGatewayRegistered(t *testing.T) {
	sys := newSystem(t, sysOpts{unregistered: true})
	estimates := sys.node.Calls("eth_estimateGas")
	status, _, out := do(t, "POST", sys.srv.URL+"/v1/chat/completions", "", chatBody("Why is the sky blue?", map[string]any{"max_tokens": 8}))
	require.Equal(t, 200, status, "%v", out)
	workID := out["pars"].(map[string]any)["work_id"].(string)
	// The miner tried, and the chain refused: the gateway is unknown.
	require.Eventually(t, func() bool { return sys.node.Calls("eth_estimateGas") > estimates }, 10*time.Second, 10*time.Millisecond)
	time.Sleep(300 * time.Millisecond)
	require.False(t, isSpentOn(t, sys, workID))

	gk, err := proof.ParsePublicKey(sys.gatewayKey)
	require.NoError(t, err)
	sys.transact("registerGateway", sys.gatewayKey)
	sys.transact("setGatewayBudget", [32]byte(gk.ID()), uint64(1_000_000))
	require.Eventually(t, func() bool { return isSpentOn(t, sys, workID) }, 20*time.Second, 50*time.Millisecond,
		"the held proof was not submitted again after the gateway's registration")
	var v dto.Metric
	var c prometheus.Metric = sys.m.Metrics().ProofsRefused.WithLabelValues("UnknownGateway")
	require.NoError(t, c.Write(&v))
	require.Zero(t, v.GetCounter().GetValue(), "a held proof counted as refused")
}
