package miner_test

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
	"github.com/stretchr/testify/require"
)

func TestProveBuildsVerifiableProof(t *testing.T) {
	backend := miner.NewBuiltinBackend(24)
	dev := miner.Device{Name: "cpu", ID: miner.DeviceID(miner.BackendBuiltin, "cpu")}
	const ts = 1_800_000_000
	window := proof.TimeWindow{Past: 600, Future: 120}
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		t.Run(s.String(), func(t *testing.T) {
			key := testKey(t, s)
			job := miner.Job{ID: proof.Hash{1, 2, 3}, Model: builtin.Name, Input: []byte("Why is the sky blue?")}
			w, err := miner.Prove(context.Background(), backend, key, job, miner.ProveParams{
				ChainID: testChainID, Beneficiary: testBeneficiary, Device: dev, Timestamp: ts,
			})
			require.NoError(t, err)

			p, err := proof.DecodeAIWorkProof(w.Encoded)
			require.NoError(t, err)
			require.NoError(t, p.Verify(testChainID, ts, window), "verifies for the configured chain")
			var wrong *proof.WrongChainError
			require.ErrorAs(t, p.Verify(96369, ts, window), &wrong, "and for no other chain")

			// The WorkContext binds chain, job, model, input and device.
			wc := p.Context
			require.Equal(t, uint32(testChainID), wc.ChainID)
			require.Equal(t, job.ID, wc.JobID)
			require.Equal(t, builtin.Default().Hash(), wc.ModelHash)
			require.Equal(t, proof.HashInput(job.Input), wc.InputHash)
			require.Equal(t, dev.ID, wc.DeviceID)
			require.Equal(t, uint64(ts), wc.Timestamp)
			require.NotEqual(t, proof.Hash{}, wc.Nonce)

			want, err := builtin.Default().Generate(context.Background(), job.Input, 24)
			require.NoError(t, err)
			require.Equal(t, want, w.Output)
			require.Equal(t, proof.HashOutput(want), p.OutputHash)
			require.Equal(t, testBeneficiary, p.Beneficiary)
			// Tokens are bytes for the built-in model; the chain computes
			// compute units from them and its registered parameter count.
			require.Equal(t, uint32(len(job.Input)), p.InputTokens)
			require.Equal(t, uint32(24), p.OutputTokens)
			require.Equal(t, reward.JobComputeUnits(builtin.Default().Parameters(), p.InputTokens, p.OutputTokens), w.ComputeUnits)
			require.Equal(t, uint64(1), w.ComputeUnits)
			require.Equal(t, proof.Hash{}, p.AttestationHash)
			require.Equal(t, key.Public().Bytes(), p.MinerKey)
			require.Equal(t, p.WorkID(), w.WorkID)
		})
	}
}

func TestProveFreshNonce(t *testing.T) {
	backend := miner.NewBuiltinBackend(4)
	key := testKey(t, proof.MLDSA44)
	job := miner.Job{Model: builtin.Name, Input: []byte("same job")}
	a, err := miner.Prove(context.Background(), backend, key, job, miner.ProveParams{ChainID: 1, Beneficiary: testBeneficiary, Timestamp: 1})
	require.NoError(t, err)
	b, err := miner.Prove(context.Background(), backend, key, job, miner.ProveParams{ChainID: 1, Beneficiary: testBeneficiary, Timestamp: 1})
	require.NoError(t, err)
	require.Equal(t, a.Output, b.Output)
	require.NotEqual(t, a.WorkID, b.WorkID, "the same job twice is two pieces of work")
}

func TestProveErrors(t *testing.T) {
	backend := miner.NewBuiltinBackend(4)
	key := testKey(t, proof.MLDSA44)
	p := miner.ProveParams{ChainID: 1, Beneficiary: testBeneficiary, Timestamp: 1}
	_, err := miner.Prove(context.Background(), backend, key, miner.Job{Model: "llama", Input: []byte("x")}, p)
	require.ErrorContains(t, err, `does not offer model "llama"`)
	_, err = miner.Prove(context.Background(), backend, key, miner.Job{Model: builtin.Name}, p)
	require.ErrorContains(t, err, "input is empty")
	p.Rand = bytes.NewReader(nil)
	_, err = miner.Prove(context.Background(), backend, key, miner.Job{Model: builtin.Name, Input: []byte("x")}, p)
	require.Error(t, err, "no randomness for the nonce")
}

func TestWorkTimestamp(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tests := []struct {
		name   string
		header uint64
		want   uint64
	}{
		{"fresh block: chain time", 1_800_000_000 - 5, 1_800_000_000 - 5},
		{"at the lag limit: chain time", 1_800_000_000 - 30, 1_800_000_000 - 30},
		{"idle chain: local time", 1_800_000_000 - 31, 1_800_000_000},
		{"genesis long ago: local time", 0, 1_800_000_000},
		{"block ahead of the local clock: chain time", 1_800_000_100, 1_800_000_100},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, miner.WorkTimestamp(tt.header, now), tt.name)
	}
}

func TestDeviceID(t *testing.T) {
	a := miner.DeviceID(miner.BackendBuiltin, "cpu")
	require.Equal(t, a, miner.DeviceID(miner.BackendBuiltin, "cpu"))
	require.NotEqual(t, a, miner.DeviceID(miner.BackendOpenAI, "cpu"))
	require.NotEqual(t, a, miner.DeviceID(miner.BackendBuiltin, "cpu0"))
}

func TestDevnetJobs(t *testing.T) {
	jobs := miner.NewDevnetJobs([]string{"a", "b"}, []string{"p1", "p2", "p3"}, nil)
	var got []string
	ids := map[proof.Hash]bool{}
	for i := 0; i < 4; i++ {
		j, err := jobs.Next()
		require.NoError(t, err)
		got = append(got, j.Model+":"+string(j.Input))
		ids[j.ID] = true
	}
	require.Equal(t, []string{"a:p1", "b:p2", "a:p3", "b:p1"}, got)
	require.Len(t, ids, 4)
	_, err := miner.NewDevnetJobs(nil, nil, nil).Next()
	require.Error(t, err)
}

// TestOpenAIBackend runs the HTTP back-end against the in-repo server: with
// the built-in weights as its weights file it has the built-in model's hash
// and produces the same output, hence the same proof fields.
func TestOpenAIBackend(t *testing.T) {
	srv := httptest.NewServer(openaiserver.New(nil))
	defer srv.Close()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "weights.bin"), builtin.Default().Weights(), 0o600))
	cfg, err := miner.ParseConfig([]byte(`
[network]
chain_id = 6133
rpc_endpoint = "http://127.0.0.1:8545"
[mining]
wallet_path = "w.json"
models = ["tiny"]
beneficiary = "0x8ba1f109551bD432803012645Ac136ddd64DBA72"
gas_keystore = "ks"
gas_account = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"
[backend]
kind = "openai"
url = "`+srv.URL+`"
max_tokens = 20
[[backend.models]]
name = "tiny"
served_name = "pars-tiny-rnn-v1"
weights = "weights.bin"
parameters = 122975
bytes_per_token = 1
[[backend.models]]
name = "absent"
hash = "0x2222222222222222222222222222222222222222222222222222222222222222"
parameters = 8000000000
`), filepath.Join(dir, "config.toml"))
	require.NoError(t, err)
	b, err := miner.NewOpenAIBackend(cfg)
	require.NoError(t, err)

	missing, err := b.Check(context.Background())
	require.NoError(t, err)
	require.Equal(t, []string{`absent (served as "absent")`}, missing)

	info, ok := b.Model("tiny")
	require.True(t, ok)
	require.Equal(t, builtin.Default().Hash(), info.Hash)
	require.Equal(t, uint64(1), info.BytesPerToken)

	key := testKey(t, proof.MLDSA44)
	job := miner.Job{Model: "tiny", Input: []byte("Write a haiku about graphics cards.")}
	w, err := miner.Prove(context.Background(), b, key, job, miner.ProveParams{ChainID: testChainID, Beneficiary: testBeneficiary, Timestamp: 5})
	require.NoError(t, err)
	want, err := builtin.Default().Generate(context.Background(), job.Input, 20)
	require.NoError(t, err)
	require.Equal(t, want, w.Output)
	require.Equal(t, proof.HashOutput(want), w.Proof.OutputHash)
	require.Equal(t, uint32(len(job.Input)), w.Proof.InputTokens)
	require.Equal(t, uint32(20), w.Proof.OutputTokens)
	require.Equal(t, reward.JobComputeUnits(122975, w.InputTokens, w.OutputTokens), w.ComputeUnits)

	// A server that refuses is an inference error.
	_, err = b.Infer(context.Background(), "absent", []byte("x"))
	require.ErrorContains(t, err, "404")
	_, err = b.Infer(context.Background(), "unconfigured", []byte("x"))
	require.Error(t, err)

	// A missing weights file and an unreachable server are reported.
	cfg.Backend.Models[0].Weights = "none.bin"
	_, err = miner.NewOpenAIBackend(cfg)
	require.ErrorContains(t, err, "does not exist")
	cfg.Backend.Models[0].Weights = "weights.bin"
	srv.Close()
	b, err = miner.NewOpenAIBackend(cfg)
	require.NoError(t, err)
	_, err = b.Check(context.Background())
	require.ErrorContains(t, err, "inference back-end at "+srv.URL+"/v1/models")
	require.False(t, errors.Is(err, context.Canceled))
}
