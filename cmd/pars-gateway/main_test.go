package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// cmd runs pars-gateway with args and returns its exit code and output.
func cmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(t.Context(), append([]string{"pars-gateway"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestHelpAndUsageErrors: --help of every command exits 0; misuse exits 1
// with a reason.
func TestHelpAndUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--help"}, 0, "apikey"},
		{[]string{"-h"}, 0, "register"},
		{[]string{"help"}, 0, "keygen"},
		{[]string{"run", "--help"}, 0, "--api-keys"},
		{[]string{"register", "--help"}, 0, "--governance-keystore"},
		{[]string{"apikey", "add", "--help"}, 0, "--rate-per-minute"},
		{[]string{"keygen", "--help"}, 0, "--scheme"},
		{nil, 1, "--key is required"},
		{[]string{"--key"}, 1, "flag needs an argument"},
		{[]string{"--nope"}, 1, "flag provided but not defined"},
		{[]string{"keygen"}, 1, "out"},
		{[]string{"apikey", "revoke", "--keys", filepath.Join(t.TempDir(), "k.json")}, 1, "give one key id"},
		{[]string{"--key", "x", "--model", "bad"}, 1, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := cmd(t, tc.args...)
			require.Equal(t, tc.code, code, "stdout %s\nstderr %s", out, errOut)
			require.Contains(t, out+errOut, tc.want)
		})
	}
}

// TestAPIKeyCommands: add (printed and to a file), list with usage,
// revoke; the file holds no secret.
func TestAPIKeyCommands(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys.json")
	code, out, errOut := cmd(t, "apikey", "add", "--keys", keys, "--name", "alice", "--rate-per-minute", "30")
	require.Equal(t, 0, code, errOut)
	secret := strings.TrimSpace(out)
	require.True(t, strings.HasPrefix(secret, "sk-pars-"), out)
	code, out, errOut = cmd(t, "apikey", "add", "--keys", keys, "--name", "bob", "--out", filepath.Join(dir, "bob.key"))
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "secret written to")
	bob, err := os.ReadFile(filepath.Join(dir, "bob.key"))
	require.NoError(t, err)
	file, err := os.ReadFile(keys)
	require.NoError(t, err)
	require.NotContains(t, string(file), secret, "the key file holds a secret")
	require.NotContains(t, string(file), strings.TrimSpace(string(bob)), "the key file holds a secret")
	st, err := os.Stat(keys)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	var parsed struct {
		Keys []struct{ ID, Name string } `json:"keys"`
	}
	require.NoError(t, json.Unmarshal(file, &parsed))
	require.Len(t, parsed.Keys, 2)
	aliceID := parsed.Keys[0].ID
	require.NoError(t, os.WriteFile(keys+".usage.jsonl", []byte(
		`{"time":"2026-01-02T03:04:05Z","key_id":"`+aliceID+`","endpoint":"/v1/chat/completions","model":"m","prompt_tokens":5,"completion_tokens":7,"jobs":1}`+"\n"), 0o600))

	code, out, _ = cmd(t, "apikey", "list", "--keys", keys)
	require.Equal(t, 0, code)
	require.Regexp(t, aliceID+`\s+alice\s+\S+\s+\S+\s+30\s+live\s+1\s+5\s+7\s+2026-01-02T03:04:05Z`, out)
	require.Regexp(t, `bob\s+\S+\s+\S+\s+600\s+live\s+0\s+0\s+0\s+-`, out)

	code, out, _ = cmd(t, "apikey", "revoke", "--keys", keys, aliceID)
	require.Equal(t, 0, code)
	require.Contains(t, out, "revoked "+aliceID)
	code, _, errOut = cmd(t, "apikey", "revoke", "--keys", keys, aliceID)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "already revoked")
	code, out, _ = cmd(t, "apikey", "list", "--keys", keys)
	require.Equal(t, 0, code)
	require.Regexp(t, aliceID+`.*revoked`, out)
}

// chain is a minertest node whose governance key is in a keystore.
type chain struct {
	url      string
	node     *minertest.Node
	keystore string
	pass     string
}

func newChain(t *testing.T) *chain {
	gov, err := crypto.ToECDSA(bytes.Repeat([]byte{0x51}, 32))
	require.NoError(t, err)
	addr := crypto.PubkeyToAddress(gov.PublicKey)
	node, err := minertest.New(6133, precompile.DefaultParams(addr), uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	t.Cleanup(stop)
	dir := t.TempDir()
	ks := keystore.NewKeyStore(filepath.Join(dir, "keystore"), keystore.LightScryptN, keystore.LightScryptP)
	_, err = ks.ImportECDSA(gov, "gov-pass")
	require.NoError(t, err)
	pass := filepath.Join(dir, "pass.txt")
	require.NoError(t, os.WriteFile(pass, []byte("gov-pass\n"), 0o600))
	return &chain{url: url, node: node, keystore: filepath.Join(dir, "keystore"), pass: pass}
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

// health reads /healthz.
func health(t *testing.T, base string) map[string]any {
	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	var h map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&h))
	return h
}

// TestRegisterAndStartupCheck: a gateway started before its registration
// logs one warning and reports "not_registered" on /healthz; `register`
// sends registerGateway from the governance keystore; the gateway's next
// check sees it registered; registering again changes nothing.
func TestRegisterAndStartupCheck(t *testing.T) {
	ch := newChain(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "gateway.key")
	code, out, errOut := cmd(t, "keygen", "--out", key, "--scheme", "44")
	require.Equal(t, 0, code, errOut)
	var kg struct {
		GatewayID string `json:"gateway_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &kg))

	httpAddr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"pars-gateway", "--key", key, "--rpc", ch.url, "--http-listen", httpAddr,
			"--zap-listen", freeAddr(t), "--registration-check", "200ms", "--log-json"}, io.Discard, &logs)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the gateway did not stop")
		}
	})
	base := "http://" + httpAddr
	require.Eventually(t, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}, 15*time.Second, 20*time.Millisecond)
	// The first chain check runs right after the HTTP server is up: wait
	// for its answer rather than reading "unchecked".
	var h map[string]any
	require.Eventually(t, func() bool {
		h = health(t, base)
		reg, ok := h["registration"].(map[string]any)
		return ok && reg["state"] != "unchecked"
	}, 15*time.Second, 20*time.Millisecond)
	require.Equal(t, kg.GatewayID, h["gateway_id"])
	reg := h["registration"].(map[string]any)
	require.Equal(t, "not_registered", reg["state"])
	require.Contains(t, h["warnings"].([]any)[0], "UnknownGateway")
	time.Sleep(600 * time.Millisecond) // several periodic checks
	require.Equal(t, 1, strings.Count(logs.String(), "is not registered on chain"), "one warning, not one per check:\n%s", logs.String())

	code, out, errOut = cmd(t, "register", "--key", key, "--rpc", ch.url, "--governance-keystore", ch.keystore, "--passphrase-file", ch.pass)
	require.Equal(t, 0, code, "stdout %s\nstderr %s", out, errOut)
	var res struct {
		GatewayID string `json:"gateway_id"`
		State     string `json:"state"`
		Tx        string `json:"tx"`
		Block     uint64 `json:"block"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Equal(t, kg.GatewayID, res.GatewayID)
	require.Equal(t, "registered", res.State)
	require.NotEmpty(t, res.Tx)
	require.Equal(t, 2, ch.node.SentTransactions(), "registerGateway and setGatewayBudget")

	require.Eventually(t, func() bool {
		return health(t, base)["registration"].(map[string]any)["state"] == "registered"
	}, 10*time.Second, 50*time.Millisecond)
	require.NotContains(t, health(t, base), "warnings")
	require.Contains(t, logs.String(), "gateway registered on chain")

	code, out, errOut = cmd(t, "register", "--key", key, "--rpc", ch.url, "--governance-keystore", ch.keystore, "--passphrase-file", ch.pass)
	require.Equal(t, 0, code, errOut)
	require.Contains(t, errOut, "already registered")
	require.Equal(t, 2, ch.node.SentTransactions(), "a second registration sent a transaction")

	// Wrong passphrase and a non-governance account are refused.
	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("nope\n"), 0o600))
	key2 := filepath.Join(dir, "gateway2.key")
	code, _, _ = cmd(t, "keygen", "--out", key2, "--scheme", "44")
	require.Equal(t, 0, code)
	code, _, errOut = cmd(t, "register", "--key", key2, "--rpc", ch.url, "--governance-keystore", ch.keystore, "--passphrase-file", bad)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "passphrase")
}
