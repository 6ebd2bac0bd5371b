package gatewaytest

import (
	"context"
	"encoding/json"
	"fmt"
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
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
)

// devnetStopLimit bounds pars-devnet's orderly stop (it stops the watcher,
// the miner and the gateway, then the node, each within 15-20 s).
const devnetStopLimit = 60 * time.Second

// devnet is a running pars-devnet, in its own process group so that a
// devnet that does not stop in time is killed with its children.
type devnet struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
}

func (d *devnet) output() string {
	b, _ := os.ReadFile(d.log)
	return string(b)
}

// stop interrupts pars-devnet by its PID and waits for its orderly stop;
// past devnetStopLimit it kills its process group (led by that PID).
func (d *devnet) stop(t *testing.T) {
	select {
	case <-d.done:
		return
	default:
	}
	pid := d.cmd.Process.Pid
	_ = syscall.Kill(pid, syscall.SIGINT)
	select {
	case <-d.done:
		t.Logf("pars-devnet (pid %d) stopped", pid)
	case <-time.After(devnetStopLimit):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-d.done
		t.Errorf("pars-devnet (pid %d) did not stop within %v; killed its process group", pid, devnetStopLimit)
	}
}

// startDevnet runs bin/pars-devnet as `make devnet` does, with free
// loopback ports and a block a second.
func startDevnet(t *testing.T, dir string, rpcPort, httpPort, zapPort int) *devnet {
	t.Helper()
	bin := nodeharness.Binary(t, "pars-devnet", "PARS_DEVNET", "make pars-devnet")
	logPath := filepath.Join(t.TempDir(), "pars-devnet.log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--dir", dir, "--bin", filepath.Dir(bin), "--period", "1",
		"--http", fmt.Sprintf("127.0.0.1:%d", rpcPort),
		"--gateway-http", fmt.Sprintf("127.0.0.1:%d", httpPort), "--gateway-zap", fmt.Sprintf("127.0.0.1:%d", zapPort))
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &devnet{cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); f.Close(); close(d.done) }()
	t.Cleanup(func() {
		d.stop(t)
		if t.Failed() {
			t.Logf("---- pars-devnet output ----\n%s", d.output())
		}
	})
	t.Logf("pars-devnet started (pid %d)", cmd.Process.Pid)
	return d
}

// gatewayMiners reads the count of registered miners from /healthz.
func gatewayMiners(base string) int {
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	var h struct {
		Miners int `json:"miners"`
	}
	if json.NewDecoder(resp.Body).Decode(&h) != nil {
		return 0
	}
	return h.Miners
}

var (
	baseURLLine = regexp.MustCompile(`(?m)^OpenAI base URL: (\S+)$`)
	keyFileLine = regexp.MustCompile(`(?m)^API key file: +(\S+)$`)
)

// TestDevnetOpenAISDK runs the real pars-devnet (what `make devnet` runs:
// node, gateway registered on chain by governance, a miner connected to
// it, the audit watcher), reads the base URL and the API key file it
// prints, runs the official openai SDK's tests (e2e/test/openai.test.mjs)
// against that URL with that key, and checks that the work of every
// answer is accepted on chain.
func TestDevnetOpenAISDK(t *testing.T) {
	if testing.Short() {
		t.Skip("node test: runs the real pars-devnet with pars-geth, pars-gateway, pars-miner, pars-verifier and node")
	}
	nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make pars-geth")
	nodeharness.Binary(t, "pars-gateway", "PARS_GATEWAY", "make pars-gateway")
	nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")
	nodeharness.Binary(t, "pars-verifier", "PARS_VERIFIER", "make pars-verifier")
	jsDir, nodeExe := jsToolchain(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*testLimit)
	defer cancel()

	ports := make([]int, 3)
	for i := range ports {
		p, err := devnode.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = p
	}
	dir := filepath.Join(t.TempDir(), "devnet")
	dn := startDevnet(t, dir, ports[0], ports[1], ports[2])

	// The banner names the base URL and the key file once the gateway is
	// registered on chain.
	var baseURL, keyFile string
	waitFor(t, "pars-devnet prints the OpenAI base URL and the API key file", 2*stepLimit, func() bool {
		select {
		case <-dn.done:
			t.Fatalf("pars-devnet exited early:\n%s", dn.output())
		default:
		}
		out := dn.output()
		u, k := baseURLLine.FindStringSubmatch(out), keyFileLine.FindStringSubmatch(out)
		if u == nil || k == nil {
			return false
		}
		baseURL, keyFile = u[1], k[1]
		return true
	})
	if want := fmt.Sprintf("http://127.0.0.1:%d/v1", ports[1]); baseURL != want {
		t.Fatalf("base URL %q, want %q", baseURL, want)
	}
	if want := filepath.Join(dir, "gateway", "api_key"); keyFile != want {
		t.Fatalf("key file %q, want %q", keyFile, want)
	}
	apiKey, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	root := strings.TrimSuffix(baseURL, "/v1")
	waitFor(t, "the devnet's miner registered with its gateway", stepLimit, func() bool { return gatewayMiners(root) >= 1 })

	outPath := filepath.Join(t.TempDir(), "sdk-out.json")
	cfgPath := filepath.Join(t.TempDir(), "sdk-config.json")
	b, _ := json.Marshal(map[string]string{"baseURL": baseURL, "apiKey": strings.TrimSpace(string(apiKey)), "model": "pars-tiny-rnn-v1", "out": outPath})
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	runJS(t, ctx, nodeExe, jsDir, "openai.test.mjs", "PARS_OPENAI_CONFIG="+cfgPath)

	var res struct {
		WorkIDs []common.Hash `json:"workIds"`
	}
	rb, err := os.ReadFile(outPath)
	if err != nil || json.Unmarshal(rb, &res) != nil || len(res.WorkIDs) != 7 {
		t.Fatalf("work ids from the SDK test: %s (%v), want 7", rb, err)
	}
	rpc := fmt.Sprintf("http://127.0.0.1:%d", ports[0])
	for _, id := range res.WorkIDs {
		waitFor(t, "work "+id.Hex()+" accepted on chain", stepLimit, func() bool { return isSpent(ctx, rpc, id) })
	}
	t.Logf("all %d answers of the SDK test accepted on the devnet's chain", len(res.WorkIDs))
	if out := dn.output(); strings.Contains(out, "proof refused") {
		t.Fatalf("the devnet's miner had proofs refused:\n%s", out)
	}
}

// isSpent reads isSpent(id) from 0x0300 at the latest block of the node at rpc.
func isSpent(ctx context.Context, rpc string, id common.Hash) bool {
	data, _ := precompile.ABI().Pack("isSpent", [32]byte(id))
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "eth_call",
		"params": []any{map[string]any{"to": precompile.Address, "input": hexutil.Bytes(data)}, "latest"}})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, rpc, strings.NewReader(string(body)))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var r struct {
		Result hexutil.Bytes `json:"result"`
	}
	return json.NewDecoder(resp.Body).Decode(&r) == nil && len(r.Result) == 32 && r.Result[31] == 1
}
