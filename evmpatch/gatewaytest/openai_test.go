package gatewaytest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
)

// developerKey is go-ethereum's --dev account key (cmd/utils.DeveloperKey),
// public and the precompile's governance on a dev node.
const developerKey = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"

// openaiPin is the pinned version of the official SDK (e2e/package.json).
const openaiPin = "6.30.1"

// healthState reads the registration state from /healthz.
func healthState(base string) string {
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var h struct {
		Registration struct {
			State string `json:"state"`
		} `json:"registration"`
	}
	if json.NewDecoder(resp.Body).Decode(&h) != nil {
		return ""
	}
	return h.Registration.State
}

// TestOpenAISDK runs e2e/test/openai.test.mjs, the official openai npm SDK
// with its defaults, against real pars-geth, pars-gateway (API keys on,
// registered on chain with `pars-gateway register`) and pars-miner
// binaries, then checks that every answer's work id was accepted on chain.
func TestOpenAISDK(t *testing.T) {
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth, pars-gateway, pars-miner and node")
	}
	geth := nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make pars-geth")
	gatewayBin := nodeharness.Binary(t, "pars-gateway", "PARS_GATEWAY", "make pars-gateway")
	minerBin := nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")
	jsDir, nodeExe := jsToolchain(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*testLimit)
	defer cancel()

	gasKey, _ := crypto.ToECDSA(crypto.Keccak256([]byte("pars openai sdk test gas account")))
	gasAddr := crypto.PubkeyToAddress(gasKey.PublicKey)
	node, err := devnode.Start(ctx, devnode.Config{
		Binary: geth, DataDir: filepath.Join(t.TempDir(), "node"), Period: 0,
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

	home := t.TempDir()
	gatewayKey := filepath.Join(home, "gateway.key")
	run := func(args ...string) string {
		t.Helper()
		out, err := exec.CommandContext(ctx, gatewayBin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("pars-gateway %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("keygen", "--out", gatewayKey, "--scheme", "44")
	keys, apiKeyFile := filepath.Join(home, "api-keys.json"), filepath.Join(home, "api_key")
	run("apikey", "add", "--keys", keys, "--name", "sdk test", "--out", apiKeyFile)
	apiKey, err := os.ReadFile(apiKeyFile)
	if err != nil {
		t.Fatal(err)
	}

	// The gateway starts unregistered and says so.
	zapPort, _ := devnode.FreePort()
	httpPort, _ := devnode.FreePort()
	gw := startProcess(t, "pars-gateway", gatewayBin, "--key", gatewayKey, "--chain-id", fmt.Sprint(chainID),
		"--zap-listen", fmt.Sprintf("127.0.0.1:%d", zapPort), "--http-listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--rpc", node.URL(), "--registration-check", "300ms", "--api-keys", keys, "--request-timeout", "30s")
	base := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	waitFor(t, "gateway /healthz says not_registered", stepLimit, func() bool { return healthState(base) == "not_registered" })
	if !strings.Contains(gw.output(), "is not registered on chain") {
		t.Fatalf("no registration warning in the gateway's log:\n%s", gw.output())
	}

	// Governance registers it with `pars-gateway register`.
	ks := keystore.NewKeyStore(filepath.Join(home, "governance"), keystore.LightScryptN, keystore.LightScryptP)
	dk, _ := crypto.HexToECDSA(developerKey)
	if _, err := ks.ImportECDSA(dk, passphrase); err != nil {
		t.Fatal(err)
	}
	passFile := filepath.Join(home, "governance.pass")
	if err := os.WriteFile(passFile, []byte(passphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := run("register", "--key", gatewayKey, "--rpc", node.URL(), "--chain-id", fmt.Sprint(chainID),
		"--governance-keystore", filepath.Join(home, "governance"), "--passphrase-file", passFile)
	t.Logf("register: %s", strings.TrimSpace(out))
	waitFor(t, "gateway /healthz says registered", stepLimit, func() bool { return healthState(base) == "registered" })
	govTx(t, ctx, node, "setTicketsRequired", true)

	var gk struct {
		GatewayID common.Hash `json:"gateway_id"`
	}
	kb, _ := os.ReadFile(gatewayKey)
	if err := json.Unmarshal(kb, &gk); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := devnode.WriteMinerConfig(ctx, devnode.MinerHome{
		Dir: filepath.Join(home, "miner"), Miner: minerBin, Scheme: "44", Passphrase: passphrase, GasKey: gasKey,
		ChainID: chainID, RPC: node.URL(), Beneficiary: common.HexToAddress("0x00000000000000000000000000000000000B0B03"), MaxTokens: 16,
		Sections: fmt.Sprintf("[zap]\ngateway = \"zap://127.0.0.1:%d\"\ngateway_id = %q\n", zapPort, gk.GatewayID.Hex()),
	})
	if err != nil {
		t.Fatal(err)
	}
	mn := startProcess(t, "pars-miner", minerBin, "--config", cfg, "--log-format", "json")
	waitFor(t, "miner registered", stepLimit, func() bool { return strings.Contains(mn.output(), "registered with the gateway") })

	// The SDK's tests.
	outPath := filepath.Join(home, "sdk-out.json")
	cfgPath := filepath.Join(home, "sdk-config.json")
	b, _ := json.Marshal(map[string]string{"baseURL": base + "/v1", "apiKey": strings.TrimSpace(string(apiKey)),
		"model": "pars-tiny-rnn-v1", "out": outPath})
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	runJS(t, ctx, nodeExe, jsDir, "openai.test.mjs", "PARS_OPENAI_CONFIG="+cfgPath)

	// Every answer's work is accepted on chain.
	var res struct {
		WorkIDs []common.Hash `json:"workIds"`
	}
	rb, err := os.ReadFile(outPath)
	if err != nil || json.Unmarshal(rb, &res) != nil || len(res.WorkIDs) != 7 {
		t.Fatalf("work ids from the SDK test: %s (%v), want 7", rb, err)
	}
	// Every answer's work is accepted on chain. (A proof used to be refused
	// now and then with InvalidParameter: the miner estimated on "latest"
	// with a block time read from an older head; see
	// miner.TestEstimateRunsOnTheHeadItReadTheTimeFrom.)
	for _, id := range res.WorkIDs {
		data, _ := precompile.ABI().Pack("isSpent", [32]byte(id))
		deadline := time.Now().Add(stepLimit)
		for {
			var ret hexutil.Bytes
			err := node.Call(ctx, &ret, "eth_call", map[string]any{"to": precompile.Address, "input": hexutil.Bytes(data)}, "latest")
			if err == nil && len(ret) == 32 && ret[31] == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("work %s of the SDK test not accepted on chain within %v\n%s", id.Hex(), stepLimit, mn.output())
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	if strings.Contains(mn.output(), "proof refused") {
		t.Fatalf("the miner had proofs refused:\n%s", mn.output())
	}
}

// jsToolchain returns e2e's folder and node's path; it fails (never skips)
// without node 20+ or the pinned openai package in e2e/node_modules.
func jsToolchain(t *testing.T) (string, string) {
	t.Helper()
	wd, _ := os.Getwd()
	dir := filepath.Clean(filepath.Join(wd, "..", "..", "e2e"))
	nodeExe, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found on PATH: %v (install Node.js 20+, then `npm ci --prefix e2e`)", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "openai", "package.json"))
	if err != nil {
		t.Fatalf("the openai SDK is not installed in %s/node_modules: run `npm ci --prefix e2e` (%v)", dir, err)
	}
	var meta struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(b, &meta) != nil || meta.Version != openaiPin {
		t.Fatalf("%s/node_modules has openai %q, package.json pins %s: run `npm ci --prefix e2e`", dir, meta.Version, openaiPin)
	}
	return dir, nodeExe
}

// runJS runs `node --test test/FILE` in dir with env added, in its own
// process group (killed by its leader's PID when ctx ends), logging its
// output line by line.
func runJS(t *testing.T, ctx context.Context, nodeExe, dir, file string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, testLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, nodeExe, "--test", "--test-reporter=spec", filepath.Join("test", file))
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), env...), "NO_COLOR=1", "FORCE_COLOR=0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	lines := make(chan struct{})
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			t.Log("node: " + sc.Text())
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	err := cmd.Run()
	_ = pw.Close()
	<-lines
	if ctx.Err() != nil {
		t.Fatalf("node --test %s did not finish within %v (killed)", file, testLimit)
	}
	if err != nil {
		t.Fatalf("node --test %s failed: %v", file, err)
	}
}
