package gatewaytest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Limits that keep the test under a minute and stop it before `go test`'s
// own timeout.
const (
	testLimit  = 90 * time.Second
	stepLimit  = 30 * time.Second
	stopLimit  = 10 * time.Second
	chainID    = genesis.ParsChainID
	passphrase = "gatewaytest"
)

// process is a background binary, stopped by PID.
type process struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

func startProcess(t *testing.T, name, bin string, args ...string) *process {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { cmd.Wait(); f.Close(); close(p.done) }()
	t.Cleanup(func() {
		p.stop(t)
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("---- %s log ----\n%s", name, b)
		}
	})
	t.Logf("%s started (pid %d)", name, cmd.Process.Pid)
	return p
}

// stop sends SIGINT to the process by its PID, then SIGKILL after stopLimit.
func (p *process) stop(t *testing.T) {
	select {
	case <-p.done:
		return
	default:
	}
	pid := p.cmd.Process.Pid
	syscall.Kill(pid, syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(stopLimit):
		syscall.Kill(pid, syscall.SIGKILL)
		<-p.done
	}
	t.Logf("%s (pid %d) stopped", p.name, pid)
}

func (p *process) output() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// waitFor polls cond every 100 ms until it holds or limit passes.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: not within %v", what, limit)
}

// govTx sends a governance call from the dev account and waits for it.
func govTx(t *testing.T, ctx context.Context, node *devnode.Node, name string, args ...any) {
	t.Helper()
	data, err := precompile.ABI().Pack(name, args...)
	if err != nil {
		t.Fatal(err)
	}
	var hash common.Hash
	tx := map[string]any{"from": devnode.DevAccount, "to": precompile.Address, "input": hexutil.Bytes(data), "gas": hexutil.Uint64(500_000)}
	if err := node.Call(ctx, &hash, "eth_sendTransaction", tx); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	waitFor(t, name+" mined", stepLimit, func() bool {
		var rc *struct {
			Status hexutil.Uint64 `json:"status"`
		}
		if err := node.Call(ctx, &rc, "eth_getTransactionReceipt", hash); err != nil || rc == nil {
			return false
		}
		if rc.Status != 1 {
			t.Fatalf("%s reverted", name)
		}
		return true
	})
}

var revertData = regexp.MustCompile(`data (0x[0-9a-fA-F]+)`)

// callRevert makes eth_call of data at 0x0300 and returns its revert.
func callRevert(t *testing.T, ctx context.Context, node *devnode.Node, from common.Address, data []byte) *precompile.Revert {
	t.Helper()
	var out hexutil.Bytes
	err := node.Call(ctx, &out, "eth_call", map[string]any{"from": from, "to": precompile.Address, "input": hexutil.Bytes(data)}, "latest")
	if err == nil {
		t.Fatalf("eth_call succeeded (%x), want a revert", out)
	}
	m := revertData.FindStringSubmatch(err.Error())
	if m == nil {
		t.Fatalf("eth_call: %v (no revert data)", err)
	}
	r, derr := precompile.DecodeRevert(hexutil.MustDecode(m[1]))
	if derr != nil {
		t.Fatalf("decode revert of %v: %v", err, derr)
	}
	return r
}

func TestGatewayEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth, pars-gateway and pars-miner")
	}
	started := time.Now()
	geth := nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make pars-geth")
	gatewayBin := nodeharness.Binary(t, "pars-gateway", "PARS_GATEWAY", "make pars-gateway")
	minerBin := nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()

	gasKey, _ := crypto.ToECDSA(crypto.Keccak256([]byte("pars gatewaytest gas account")))
	gasAddr := crypto.PubkeyToAddress(gasKey.PublicKey)
	beneficiary := common.HexToAddress("0x00000000000000000000000000000000000B0B02")
	dataDir := filepath.Join(t.TempDir(), "node")
	node, err := devnode.Start(ctx, devnode.Config{
		Binary: geth, DataDir: dataDir, Period: 0,
		Genesis: devnode.DevGenesis(chainID, devnode.Ether(1_000_000), gasAddr),
	})
	if err != nil {
		t.Fatalf("start pars-geth: %v", err)
	}
	t.Cleanup(func() {
		pid := node.PID()
		node.Stop()
		t.Logf("pars-geth (pid %d) stopped", pid)
	})

	// The gateway's key, registered by governance with a budget, and tickets required.
	home := t.TempDir()
	keyPath := filepath.Join(home, "gateway.key")
	out, err := exec.CommandContext(ctx, gatewayBin, "keygen", "--out", keyPath, "--scheme", "44").Output()
	if err != nil {
		t.Fatalf("pars-gateway keygen: %v", err)
	}
	var gk struct {
		GatewayID common.Hash   `json:"gateway_id"`
		PublicKey hexutil.Bytes `json:"public_key"`
	}
	if err := json.Unmarshal(out, &gk); err != nil {
		t.Fatalf("keygen printed %q: %v", out, err)
	}
	govTx(t, ctx, node, "registerGateway", []byte(gk.PublicKey))
	govTx(t, ctx, node, "setGatewayBudget", [32]byte(gk.GatewayID), uint64(1_000_000))
	govTx(t, ctx, node, "setTicketsRequired", true)

	zapPort, _ := devnode.FreePort()
	httpPort, _ := devnode.FreePort()
	gw := startProcess(t, "pars-gateway", gatewayBin, "--key", keyPath, "--chain-id", fmt.Sprint(chainID),
		"--zap-listen", fmt.Sprintf("127.0.0.1:%d", zapPort), "--http-listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--lease-timeout", "20s", "--request-timeout", "30s", "--rpc", node.URL())
	base := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	waitFor(t, "gateway /healthz", stepLimit, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == 200
	})

	// The miner, in gateway mode.
	cfg, _, err := devnode.WriteMinerConfig(ctx, devnode.MinerHome{
		Dir: home, Miner: minerBin, Scheme: "44", Passphrase: passphrase, GasKey: gasKey,
		ChainID: chainID, RPC: node.URL(), Beneficiary: beneficiary, MaxTokens: 16,
		Sections: fmt.Sprintf("[zap]\ngateway = \"zap://127.0.0.1:%d\"\ngateway_id = %q\n", zapPort, gk.GatewayID.Hex()),
	})
	if err != nil {
		t.Fatal(err)
	}
	mn := startProcess(t, "pars-miner", minerBin, "--config", cfg, "--log-format", "json")
	waitFor(t, "miner registered", stepLimit, func() bool { return strings.Contains(mn.output(), "registered with the gateway") })

	// An OpenAI-style request through the gateway to the miner and back.
	reqStart := time.Now()
	body, _ := json.Marshal(map[string]any{"model": "pars-tiny-rnn-v1", "max_tokens": 16,
		"messages": []map[string]string{{"role": "user", "content": "Why is the sky blue?"}}})
	resp, err := http.Post(base+"/v1/chat/completions", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("chat completion: %d %s", resp.StatusCode, raw)
	}
	var answer struct {
		Object  string `json:"object"`
		Choices []struct {
			Message struct{ Role, Content string } `json:"message"`
		} `json:"choices"`
		Pars struct {
			TicketID     common.Hash `json:"ticket_id"`
			WorkID       common.Hash `json:"work_id"`
			ComputeUnits uint64      `json:"compute_units"`
		} `json:"pars"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil || answer.Object != "chat.completion" || len(answer.Choices) != 1 || answer.Choices[0].Message.Content == "" {
		t.Fatalf("chat completion answer %s (%v)", raw, err)
	}
	t.Logf("answer %q in %v (ticket %s)", answer.Choices[0].Message.Content, time.Since(reqStart).Round(time.Millisecond), answer.Pars.TicketID.Hex())

	// An embeddings request: the miner's builtin model embeds the input
	// (its pooled hidden state) and proves the embedding's bytes.
	embStart := time.Now()
	body, _ = json.Marshal(map[string]any{"model": "pars-tiny-rnn-v1", "input": "Why is the sky blue?"})
	resp, err = http.Post(base+"/v1/embeddings", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("embeddings: %d %s", resp.StatusCode, raw)
	}
	var emb struct {
		Object string `json:"object"`
		Data   []struct {
			Object    string    `json:"object"`
			Embedding []float32 `json:"embedding"`
		} `json:"data"`
		Usage struct {
			PromptTokens int `json:"prompt_tokens"`
		} `json:"usage"`
		Pars []struct {
			TicketID common.Hash `json:"ticket_id"`
			WorkID   common.Hash `json:"work_id"`
		} `json:"pars"`
	}
	if err := json.Unmarshal(raw, &emb); err != nil || emb.Object != "list" || len(emb.Data) != 1 || len(emb.Data[0].Embedding) != 256 ||
		emb.Usage.PromptTokens != len("Why is the sky blue?") || len(emb.Pars) != 1 {
		t.Fatalf("embeddings answer %s (%v)", raw, err)
	}
	var norm float64
	for _, f := range emb.Data[0].Embedding {
		norm += float64(f) * float64(f)
	}
	if norm < 0.999 || norm > 1.001 {
		t.Fatalf("embedding has squared norm %v, want 1", norm)
	}
	t.Logf("embedding of %d floats in %v (ticket %s)", len(emb.Data[0].Embedding), time.Since(embStart).Round(time.Millisecond), emb.Pars[0].TicketID.Hex())

	// Both proofs land on chain with their tickets: WorkAccepted and
	// TicketRedeemed, each pair in one transaction.
	accepted, redeemed := precompile.ABI().Events["WorkAccepted"].ID, precompile.ABI().Events["TicketRedeemed"].ID
	var logs []types.Log
	waitFor(t, "ticketed proofs accepted on chain", stepLimit, func() bool {
		err := node.Call(ctx, &logs, "eth_getLogs", map[string]any{"fromBlock": "0x0", "toBlock": "latest",
			"address": precompile.Address, "topics": []any{[]common.Hash{accepted, redeemed}}})
		return err == nil && len(logs) >= 4
	})
	for _, job := range []struct {
		what             string
		ticketID, workID common.Hash
	}{{"chat", answer.Pars.TicketID, answer.Pars.WorkID}, {"embedding", emb.Pars[0].TicketID, emb.Pars[0].WorkID}} {
		var sawAccepted, sawRedeemed bool
		for _, l := range logs {
			switch l.Topics[0] {
			case accepted:
				sawAccepted = sawAccepted || l.Topics[1] == job.workID
			case redeemed:
				sawRedeemed = sawRedeemed || (l.Topics[1] == job.ticketID && l.Topics[2] == gk.GatewayID && l.Topics[3] == job.workID)
			}
		}
		if !sawAccepted || !sawRedeemed {
			t.Fatalf("logs %+v: want WorkAccepted of %s work %s and TicketRedeemed of ticket %s", logs, job.what, job.workID.Hex(), job.ticketID.Hex())
		}
	}
	t.Logf("WorkAccepted and TicketRedeemed of both jobs on chain %v after the first request", time.Since(reqStart).Round(time.Millisecond))

	// A job the miner invents itself earns nothing: tickets are required.
	proofHex, err := exec.CommandContext(ctx, minerBin, "prove", "--config", cfg, "--input", "a job nobody asked for").Output()
	if err != nil {
		t.Fatalf("pars-miner prove: %v", err)
	}
	selfProof := hexutil.MustDecode(strings.TrimSpace(string(proofHex)))
	if _, err := proof.DecodeAIWorkProof(selfProof); err != nil {
		t.Fatal(err)
	}
	data, _ := precompile.ABI().Pack("submitWorkProof", selfProof, []byte{})
	if r := callRevert(t, ctx, node, gasAddr, data); r.Name != "TicketRequired" {
		t.Fatalf("self-invented job: %v, want TicketRequired", r)
	}
	t.Logf("self-invented job refused with TicketRequired; total %v", time.Since(started).Round(time.Millisecond))
	mn.stop(t)
	gw.stop(t)
	if !strings.Contains(gw.output(), "completed=2") {
		t.Fatalf("gateway log has no completed=2 stop line:\n%s", gw.output())
	}
	// With --rpc the gateway reads the device registry; this miner names
	// no attested GPU, so it ranks as software-only. (Registering a GPU
	// needs device evidence; the decision is covered by gateway's tests.)
	if !strings.Contains(gw.output(), "device registry read from the chain") || !strings.Contains(gw.output(), "attested=false") {
		t.Fatalf("gateway log does not show the device registry in use:\n%s", gw.output())
	}
}
