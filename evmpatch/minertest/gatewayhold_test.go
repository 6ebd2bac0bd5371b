package minertest

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
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
)

// TestMinerHoldsProofsUntilGatewayRegistered runs pars-geth, pars-gateway
// (its key not registered on chain) and pars-miner in gateway mode. Two
// client requests are answered, and their proofs are refused with
// UnknownGateway: the miner logs one line for the gateway and holds them.
// Governance then runs `pars-gateway register`, and the held proofs are
// accepted, each exactly once.
func TestMinerHoldsProofsUntilGatewayRegistered(t *testing.T) {
	geth := nodeharness.ParsGeth(t)
	gatewayBin := nodeharness.Binary(t, "pars-gateway", "PARS_GATEWAY", "make pars-gateway")
	minerBin := nodeharness.Binary(t, "pars-miner", "PARS_MINER", "make pars-miner")
	started := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()

	gasKey, err := crypto.ToECDSA(crypto.Keccak256([]byte("pars minertest gateway hold gas account")))
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	keyPath := filepath.Join(home, "gateway.key")
	out, err := exec.CommandContext(ctx, gatewayBin, "keygen", "--out", keyPath, "--scheme", "44").Output()
	if err != nil {
		t.Fatalf("pars-gateway keygen: %v", err)
	}
	var gk struct {
		GatewayID common.Hash `json:"gateway_id"`
	}
	if err := json.Unmarshal(out, &gk); err != nil {
		t.Fatalf("keygen printed %q: %v", out, err)
	}
	zapPort, _ := devnode.FreePort()
	httpPort, _ := devnode.FreePort()
	metricsPort, _ := devnode.FreePort()
	metricsURL := fmt.Sprintf("http://127.0.0.1:%d/metrics", metricsPort)
	cfg, gasAddr, err := devnode.WriteMinerConfig(ctx, devnode.MinerHome{
		Dir: filepath.Join(home, "miner"), Miner: minerBin, Scheme: "44", Passphrase: passphrase, GasKey: gasKey,
		ChainID: chainID, RPC: "http://127.0.0.1:1", MaxTokens: 16, Metrics: fmt.Sprintf("127.0.0.1:%d", metricsPort),
		Sections: fmt.Sprintf("[zap]\ngateway = \"zap://127.0.0.1:%d\"\ngateway_id = %q\n", zapPort, gk.GatewayID.Hex()),
	})
	if err != nil {
		t.Fatal(err)
	}
	minerID, err := devnode.MinerID(filepath.Join(home, "miner"))
	if err != nil {
		t.Fatal(err)
	}
	g := devnode.DevGenesis(chainID, devnode.Ether(1_000_000), gasAddr)
	params := precompile.DefaultParams(genesis.DevAddress)
	params.AuditProbabilityBps = 0
	params.Bonds = []precompile.GenesisBond{{MinerID: minerID, Bonder: gasAddr, Amount: precompile.DefaultMinBond.Clone()}}
	g.Params = &params
	node := nodeharness.StartDev(t, ctx, "pars-geth", devnode.Config{Binary: geth, DataDir: filepath.Join(t.TempDir(), "node"), Period: 0, Genesis: g})
	if err := devnode.SetMinerRPC(cfg, node.URL()); err != nil {
		t.Fatal(err)
	}

	gwLog, _ := startLogged(t, "pars-gateway", gatewayBin, "--key", keyPath, "--chain-id", fmt.Sprint(chainID),
		"--zap-listen", fmt.Sprintf("127.0.0.1:%d", zapPort), "--http-listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--rpc", node.URL(), "--log-json")
	base := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	deadline := time.Now().Add(commandLimit)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the gateway's /healthz does not answer 200; its log:\n%s", gwLog)
		}
		time.Sleep(100 * time.Millisecond)
	}
	logs, _ := startLogged(t, "pars-miner", minerBin, "--config", cfg, "--log-format", "json")
	logs.wait(t, ctx, "registered with the gateway", nil, commandLimit)

	// Two requests, answered while their proofs are refused.
	var workIDs []common.Hash
	for _, q := range []string{"Why is the sky blue?", "What is a proof of work?"} {
		body, _ := json.Marshal(map[string]any{"model": "pars-tiny-rnn-v1", "max_tokens": 16,
			"messages": []map[string]string{{"role": "user", "content": q}}})
		resp, err := http.Post(base+"/v1/chat/completions", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var answer struct {
			Pars struct {
				WorkID common.Hash `json:"work_id"`
			} `json:"pars"`
		}
		if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &answer) != nil || answer.Pars.WorkID == (common.Hash{}) {
			t.Fatalf("chat completion: %d %s", resp.StatusCode, raw)
		}
		workIDs = append(workIDs, answer.Pars.WorkID)
	}
	heldDeadline := time.Now().Add(commandLimit)
	for !strings.Contains(scrape(t, ctx, metricsURL), "pars_miner_proofs_held 2\n") {
		if time.Now().After(heldDeadline) {
			t.Fatalf("the miner does not hold 2 proofs; its log:\n%s", logs)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := logs.count("gateway not registered on chain: holding the proofs of its tickets, to send them once governance registers it"); n != 1 {
		t.Fatalf("%d lines about the unregistered gateway, want 1:\n%s", n, logs)
	}
	if n := logs.count("proof refused") + logs.count("job failed"); n != 0 {
		t.Fatalf("%d proofs refused or failed while the gateway was unregistered:\n%s", n, logs)
	}
	t.Logf("2 answers, their proofs held (%v after start)", time.Since(started).Round(time.Millisecond))

	// Governance registers the gateway.
	ksDir := filepath.Join(home, "governance")
	ks := keystore.NewKeyStore(ksDir, keystore.LightScryptN, keystore.LightScryptP)
	if _, err := ks.ImportECDSA(nodeharness.DevKey(), passphrase); err != nil {
		t.Fatal(err)
	}
	passFile := filepath.Join(home, "governance.pass")
	if err := os.WriteFile(passFile, []byte(passphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rctx, rcancel := context.WithTimeout(ctx, commandLimit)
	reg, err := exec.CommandContext(rctx, gatewayBin, "register", "--key", keyPath, "--rpc", node.URL(),
		"--chain-id", fmt.Sprint(chainID), "--governance-keystore", ksDir, "--passphrase-file", passFile).CombinedOutput()
	rcancel()
	if err != nil {
		t.Fatalf("pars-gateway register: %v\n%s", err, reg)
	}
	logs.wait(t, ctx, "gateway registered on chain: sending its held proofs", nil, commandLimit)
	for _, id := range workIDs {
		logs.wait(t, ctx, "proof accepted", func(rec map[string]any) bool { return rec["work_id"] == id.Hex() }, commandLimit)
		var found []types.Log
		if err := node.Call(ctx, &found, "eth_getLogs", map[string]any{
			"fromBlock": "0x0", "toBlock": "latest", "address": precompile.Address,
			"topics": []any{precompile.ABI().Events["WorkAccepted"].ID, id},
		}); err != nil {
			t.Fatal(err)
		}
		if len(found) != 1 {
			t.Fatalf("%d WorkAccepted events for work %s, want 1", len(found), id.Hex())
		}
	}
	if body := scrape(t, ctx, metricsURL); !strings.Contains(body, "pars_miner_proofs_held 0\n") || !strings.Contains(body, "pars_miner_proofs_held_expired_total 0\n") {
		t.Fatalf("metrics after the registration:\n%s", body)
	}
	t.Logf("held proofs accepted after `pars-gateway register`; done in %v", time.Since(started).Round(time.Millisecond))
}
