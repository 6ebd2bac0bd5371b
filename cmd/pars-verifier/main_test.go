package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), append([]string{"pars-verifier"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

func TestExampleConfig(t *testing.T) {
	cfg, err := loadConfig("config.example.toml")
	require.NoError(t, err)
	require.NoError(t, cfg.validate())
	require.Equal(t, "http://127.0.0.1:8545", cfg.Chain.RPC)
	require.Equal(t, uint16(500), cfg.Audit.ProbabilityBps)
	require.Equal(t, 4*time.Second, cfg.Audit.PollInterval)
	require.Equal(t, filepath.Join(".", "reveals"), cfg.Watch.RevealDir)
	require.Equal(t, -3.5, cfg.Committee.Floor)
}

func TestConfigRejects(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, body, want string }{
		{"unknown key", "[audit]\nsampling = 3\n", "unknown keys audit.sampling"},
		{"delay", "[audit]\ndelay = 65\n", "delay 65"},
		{"probability", "[audit]\ndelay = 2\nprobability_bps = 10001\n", "probability 10001"},
		{"vote without an account", "[account]\nvote = true\n", "account.vote needs account.keystore"},
		{"threshold", "[committee]\nfloor = 1.0\n", "floor 1"},
		{"syntax", "[audit\n", "config"},
	} {
		p := writeFile(t, dir, tc.name+".toml", tc.body)
		code, _, stderr := runCLI(t, "judge", "--config", p, "--reveal", p)
		require.Equal(t, exitError, code, tc.name)
		require.Contains(t, stderr, tc.want, tc.name)
	}
}

// honestReveal is the reveal of an honest built-in job.
func honestReveal(t *testing.T, input string) *audit.Reveal {
	t.Helper()
	m := builtin.Default()
	out, err := m.Generate(context.Background(), []byte(input), 24)
	require.NoError(t, err)
	return &audit.Reveal{
		Claim: precompile.ReexecClaim{
			ModelHash: m.Hash(), InputHash: proof.HashInput([]byte(input)), OutputHash: proof.HashOutput(out),
			InputTokens: uint64(len(input)), OutputTokens: uint64(len(out)),
		},
		Input: []byte(input), Output: out,
	}
}

func revealFile(t *testing.T, dir, name string, r *audit.Reveal) string {
	t.Helper()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	return writeFile(t, dir, name, string(b))
}

func TestJudgeCommand(t *testing.T) {
	dir := t.TempDir()
	honest := honestReveal(t, "What is the capital of France?")
	lying := *honest
	lying.Output = []byte(strings.Repeat("Paris ", 4))
	lying.Claim.OutputHash = proof.HashOutput(lying.Output)

	code, stdout, stderr := runCLI(t, "judge", "--reveal", revealFile(t, dir, "honest.json", honest))
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, `"fault": false`)
	require.Contains(t, stdout, `"reexec": "match"`)

	code, stdout, stderr = runCLI(t, "judge", "--reveal", revealFile(t, dir, "lying.json", &lying))
	require.Equal(t, exitFault, code, stderr)
	require.Contains(t, stdout, `"fault": true`)
	require.Contains(t, stdout, "output differs from re-execution")

	code, _, stderr = runCLI(t, "judge", "--reveal", writeFile(t, dir, "bad.json", "{}"))
	require.Equal(t, exitError, code)
	require.Contains(t, stderr, "reveal")
}

func TestCommitteeCheckCommand(t *testing.T) {
	srv := httptest.NewServer(openaiserver.New(nil))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	prompt := "Why is the sky blue?"
	out, err := builtin.Default().Generate(context.Background(), []byte(prompt), 32)
	require.NoError(t, err)
	promptFile := writeFile(t, dir, "prompt.txt", prompt)
	args := func(output string) []string {
		return []string{"committee", "check", "--endpoint", srv.URL, "--model", builtin.Name,
			"--prompt-file", promptFile, "--output-file", writeFile(t, dir, "out.txt", output), "--output-tokens", "32"}
	}
	code, stdout, stderr := runCLI(t, args(string(out))...)
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, `"accept": true`)

	code, stdout, stderr = runCLI(t, args("Because of Rayleigh scattering.")...)
	require.Equal(t, exitFault, code, stderr)
	require.Contains(t, stdout, `"accept": false`)

	code, _, stderr = runCLI(t, "committee", "check", "--prompt-file", promptFile, "--output-file", promptFile, "--output-tokens", "1")
	require.Equal(t, exitError, code)
	require.Contains(t, stderr, "no committee back-end")
}

func TestWatchCommand(t *testing.T) {
	ctx := context.Background()
	var seed [proof.SeedSize]byte
	copy(seed[:], "verifier test key")
	key, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	require.NoError(t, err)
	params := precompile.DefaultParams(common.Address{0xaa})
	// The test miner is bonded from genesis: unbonded work earns nothing.
	params.Bonds = []precompile.GenesisBond{{MinerID: key.Public().ID(), Bonder: common.Address{0xbb}, Amount: precompile.DefaultMinBond.Clone()}}
	node, err := minertest.New(6133, params, uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	t.Cleanup(stop)
	client := miner.NewNodeClient(node.Client())
	t.Cleanup(client.Close)
	gasKey, err := crypto.ToECDSA(bytes.Repeat([]byte{0x42}, 32))
	require.NoError(t, err)
	sub, err := miner.NewSubmitter(client, gasKey, miner.SubmitterConfig{ChainID: big.NewInt(6133), PollInterval: time.Millisecond})
	require.NoError(t, err)

	dir := t.TempDir()
	revealDir := filepath.Join(dir, "reveals")
	require.NoError(t, os.Mkdir(revealDir, 0o700))
	var ids []string
	for i, input := range []string{"What is the capital of France?", "Why is the sky blue?"} {
		work, err := miner.Prove(ctx, miner.NewBuiltinBackend(16), key,
			miner.Job{ID: proof.Hash{byte(i + 1)}, Model: builtin.Name, Input: []byte(input)},
			miner.ProveParams{ChainID: 6133, Beneficiary: common.Address{0xbe}, Device: miner.Device{Name: "cpu", ID: miner.DeviceID("builtin", "cpu")},
				Timestamp: miner.WorkTimestamp(node.Head().Time, time.Now())})
		require.NoError(t, err)
		_, err = sub.Submit(ctx, work.Encoded, nil, work.WorkID, work.Proof.Context.Timestamp)
		require.NoError(t, err)
		id := hex.EncodeToString(work.WorkID[:])
		ids = append(ids, id)
		if i == 0 {
			revealFile(t, revealDir, id+".json", &audit.Reveal{
				WorkID: work.WorkID,
				Claim: precompile.ReexecClaim{
					ModelHash: work.Proof.Context.ModelHash, InputHash: work.Proof.Context.InputHash, OutputHash: work.Proof.OutputHash,
					InputTokens: uint64(len(input)), OutputTokens: uint64(len(work.Output)),
				},
				Input: []byte(input), Output: work.Output,
			})
		}
	}
	for range 4 {
		node.MineEmpty()
	}
	cfg := writeFile(t, dir, "verifier.toml", fmt.Sprintf(`
[chain]
rpc = %q
[audit]
delay = 1
probability_bps = 10000
confirmations = 0
reveal_window = 0
poll_interval = "10ms"
[watch]
reveal_dir = "reveals"
findings = "findings.jsonl"
`, url))
	code, _, stderr := runCLI(t, "watch", "--config", cfg, "--from-block", "1", "--polls", "2")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "work selected for audit")

	data, err := os.ReadFile(filepath.Join(dir, "findings.jsonl"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.Len(t, lines, 2, string(data))
	var first, second audit.Finding
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	require.Equal(t, ids[0], first.WorkID)
	require.Equal(t, "judged", first.Status)
	require.False(t, first.Judgement.Fault)
	require.Equal(t, ids[1], second.WorkID)
	require.Equal(t, "no-reveal", second.Status)

	code, _, stderr = runCLI(t, "watch")
	require.Equal(t, exitError, code)
	require.Contains(t, stderr, "no chain")
}

// TestWatchCommandActs: with an account, watch opens the audit of selected
// work, and settles it once its miner let the reveal deadline pass: the
// miner is slashed and the finding says so.
func TestWatchCommandActs(t *testing.T) {
	ctx := context.Background()
	p := precompile.DefaultParams(common.Address{0xaa})
	p.ShortWindows()
	p.AuditProbabilityBps = proof.BasisPoints
	node, err := minertest.New(6133, p, uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	t.Cleanup(stop)
	client := miner.NewNodeClient(node.Client())
	t.Cleanup(client.Close)
	gasKey, err := crypto.ToECDSA(bytes.Repeat([]byte{0x42}, 32))
	require.NoError(t, err)
	sub, err := miner.NewSubmitter(client, gasKey, miner.SubmitterConfig{ChainID: big.NewInt(6133), PollInterval: time.Millisecond})
	require.NoError(t, err)
	var seed [proof.SeedSize]byte
	copy(seed[:], "verifier acting key")
	key, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	require.NoError(t, err)
	require.NoError(t, node.Bond([32]byte(key.Public().ID()), precompile.DefaultMinBond.ToBig()))
	work, err := miner.Prove(ctx, miner.NewBuiltinBackend(16), key,
		miner.Job{ID: proof.Hash{7}, Model: builtin.Name, Input: []byte("never revealed")},
		miner.ProveParams{ChainID: 6133, Beneficiary: common.Address{0xbe}, Device: miner.Device{Name: "cpu", ID: miner.DeviceID("builtin", "cpu")},
			Timestamp: miner.WorkTimestamp(node.Head().Time, time.Now())})
	require.NoError(t, err)
	acc, err := sub.Submit(ctx, work.Encoded, nil, work.WorkID, work.Proof.Context.Timestamp)
	require.NoError(t, err)
	for range 3 {
		node.MineEmpty()
	}

	dir := t.TempDir()
	watchKey, err := crypto.ToECDSA(bytes.Repeat([]byte{0x77}, 32))
	require.NoError(t, err)
	ks := keystore.NewKeyStore(filepath.Join(dir, "keystore"), keystore.LightScryptN, keystore.LightScryptP)
	_, err = ks.ImportECDSA(watchKey, "watch-pass")
	require.NoError(t, err)
	writeFile(t, dir, "pass.txt", "watch-pass\n")
	cfg := writeFile(t, dir, "verifier.toml", fmt.Sprintf(`
[chain]
rpc = %q
[audit]
confirmations = 0
poll_interval = "10ms"
[watch]
findings = "findings.jsonl"
[account]
keystore = "keystore"
passphrase_file = "pass.txt"
`, url))
	code, _, stderr := runCLI(t, "watch", "--config", cfg, "--from-block", fmt.Sprint(acc.BlockNumber), "--polls", "1")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "acting on chain")
	require.Contains(t, stderr, "audit settled: miner slashed")
	b, err := miner.ReadBond(ctx, client, key.Public().ID())
	require.NoError(t, err)
	require.Zero(t, b.Bonded.Sign())
	data, err := os.ReadFile(filepath.Join(dir, "findings.jsonl"))
	require.NoError(t, err)
	require.Contains(t, string(data), `"status":"slashed"`)
	require.Contains(t, string(data), hex.EncodeToString(work.WorkID[:]))
}
