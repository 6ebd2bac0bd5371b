package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func TestHelp(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"pars-miner keygen", "pars-miner prove", "pars-miner proof verify", "pars-miner balance", "pars-miner status"}},
		{[]string{"keygen"}, []string{"pars-miner keygen --out wallet.json", "--scheme", "--light-kdf"}},
		{[]string{"run"}, []string{"pars-miner run --config", "--max-jobs", "--log-format"}},
		{[]string{"prove"}, []string{"pars-miner prove --wallet wallet.json --chain-id N --beneficiary", "--input-file", "--job-id", "--time", "Nothing is sent to a node"}},
		{[]string{"proof"}, []string{"decode", "verify"}},
		{[]string{"proof", "decode"}, []string{"pars-miner proof decode (HEX | --file F)", "--file"}},
		{[]string{"proof", "verify"}, []string{"--chain-id", "--window-past", "(default: 600)", "--window-future", "(default: 120)", "exits 1"}},
		{[]string{"balance"}, []string{"pars-miner balance --rpc URL --address", "--config", "--chain-id"}},
		{[]string{"status"}, []string{"pars-miner status --config", "--last", "--lookback"}},
		{[]string{"serve-builtin"}, []string{"--listen"}},
	} {
		t.Run(strings.Join(append([]string{"pars-miner"}, tt.args...), " "), func(t *testing.T) {
			code, out, stderr := runCLI(t, append(tt.args, "--help")...)
			require.Equal(t, 0, code, stderr)
			for _, w := range tt.want {
				require.Contains(t, out, w)
			}
		})
	}
}

// proverHome is a folder with a wallet, its passphrase and a configuration
// (the example's, with relative paths into the folder).
type proverHome struct {
	dir, wallet, pass, cfg string
}

func newProverHome(t *testing.T) *proverHome {
	t.Helper()
	h := &proverHome{dir: t.TempDir()}
	h.wallet = filepath.Join(h.dir, "wallet.json")
	h.pass = filepath.Join(h.dir, "passphrase.txt")
	h.cfg = filepath.Join(h.dir, "config.toml")
	require.NoError(t, os.WriteFile(h.pass, []byte("prover-pass\n"), 0o600))
	code, _, stderr := runCLI(t, "keygen", "--out", h.wallet, "--scheme", "44", "--passphrase-file", h.pass, "--light-kdf")
	require.Equal(t, 0, code, stderr)
	require.NoError(t, os.WriteFile(h.cfg, []byte(exampleConfig(t)), 0o600))
	return h
}

// prove runs `pars-miner prove` and returns the proof hex.
func (h *proverHome) prove(t *testing.T, args ...string) (string, string) {
	t.Helper()
	code, out, stderr := runCLI(t, append([]string{"prove"}, args...)...)
	require.Equal(t, 0, code, stderr)
	hexProof := strings.TrimSpace(out)
	require.True(t, strings.HasPrefix(hexProof, "0x"), out)
	require.NotContains(t, hexProof, "\n", "stdout holds the proof only")
	return hexProof, stderr
}

func TestProveDecodeVerify(t *testing.T) {
	h := newProverHome(t)
	const ts = 1_800_000_000
	jobID := "0x" + strings.Repeat("ab", 32)
	ben := common.HexToAddress("0x00000000000000000000000000000000000000b1")
	hexProof, summary := h.prove(t, "--wallet", h.wallet, "--passphrase-file", h.pass, "--chain-id", "6133",
		"--beneficiary", ben.Hex(), "--input", "What is the capital of France?", "--job-id", jobID, "--time", strconv.Itoa(ts))
	require.Contains(t, summary, "compute units  1 (at 122975 parameters")
	require.Contains(t, summary, "ML-DSA-44")

	// decode shows what went in.
	code, out, stderr := runCLI(t, "proof", "decode", hexProof)
	require.Equal(t, 0, code, stderr)
	var d decodedProof
	require.NoError(t, json.Unmarshal([]byte(out), &d), out)
	raw, err := hexutil.Decode(hexProof)
	require.NoError(t, err)
	p, err := proof.DecodeAIWorkProof(raw)
	require.NoError(t, err)
	w, err := miner.ReadWallet(h.wallet)
	require.NoError(t, err)
	require.Equal(t, "ML-DSA-44", d.Scheme)
	require.Equal(t, len(raw), d.Size)
	require.Equal(t, uint32(6133), d.Context.ChainID)
	require.Equal(t, jobID, d.Context.JobID.Hex())
	require.Equal(t, common.Hash(builtin.Default().Hash()), d.Context.ModelHash)
	require.Equal(t, common.Hash(proof.HashInput([]byte("What is the capital of France?"))), d.Context.InputHash)
	require.Equal(t, common.Hash(miner.DeviceID("builtin", "cpu")), d.Context.DeviceID)
	require.Equal(t, uint64(ts), d.Context.Timestamp)
	require.Equal(t, "2027-01-15T08:00:00Z", d.Context.Time)
	require.Equal(t, ben, d.Beneficiary)
	require.Equal(t, uint8(2), d.Version)
	require.Equal(t, uint32(len("What is the capital of France?")), d.InputTokens)
	require.Equal(t, uint32(64), d.OutputTokens)
	require.Equal(t, common.Hash(p.Digest()), d.Digest)
	require.Equal(t, common.Hash(p.WorkID()), d.WorkID)
	require.Equal(t, w.MinerID, d.MinerID.Hex())
	require.Equal(t, common.Hash(proof.HashAttestation(nil)), d.AttestationHash)
	require.False(t, d.Attested)
	require.Empty(t, d.Notes)
	require.Contains(t, summary, "work id        "+d.WorkID.Hex())

	// The same from a file and from standard input.
	file := filepath.Join(h.dir, "proof.hex")
	require.NoError(t, os.WriteFile(file, []byte(hexProof+"\n"), 0o600))
	code, out2, stderr := runCLI(t, "proof", "decode", "--file", file)
	require.Equal(t, 0, code, stderr)
	require.Equal(t, out, out2)
	code, out2, stderr = runCLIWithInput(t, hexProof[2:]+"\n", "proof", "decode", "--file", "-")
	require.Equal(t, 0, code, stderr)
	require.Equal(t, out, out2)

	tampered := append([]byte(nil), raw...)
	tampered[len(tampered)-1] ^= 1
	badKeyLen := append([]byte(nil), raw...)
	badKeyLen[1+proof.WorkContextSize+20+32+4+4+32+1] ^= 1 // public key length
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"valid", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts), hexProof}, 0, "valid\nchain id       6133\nwork id        " + d.WorkID.Hex()},
		{"valid, oldest", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts + 600), hexProof}, 0, "600 s before the reference time"},
		{"valid, newest", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts - 120), hexProof}, 0, "120 s after the reference time"},
		{"valid, wider window", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts + 1000), "--window-past", "1000", hexProof}, 0, "valid"},
		{"valid, from file", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts), "--file", file}, 0, "valid"},
		{"other chain", []string{"--chain-id", "96369", "--time", strconv.Itoa(ts), hexProof}, 1, "invalid: proof: bound to chain 6133, not chain 96369\n"},
		{"too old", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts + 601), hexProof}, 1, "invalid: proof: timestamp 1800000000 is too old at time 1800000601\n"},
		{"too new", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts - 121), hexProof}, 1, "invalid: proof: timestamp 1800000000 is too far ahead of time 1799999879\n"},
		{"narrow future window", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts - 1), "--window-future", "0", hexProof}, 1, "too far ahead"},
		{"bad signature", []string{"--chain-id", "6133", "--time", strconv.Itoa(ts), hexutil.Encode(tampered)}, 1, "invalid: proof: invalid ML-DSA signature\n"},
		{"malformed", []string{"--chain-id", "6133", hexutil.Encode(badKeyLen)}, 1, "invalid: proof: malformed AIWorkProof: public key length at byte 266: proof: unknown ML-DSA parameter set"},
		{"truncated", []string{"--chain-id", "6133", hexProof[:len(hexProof)-2]}, 1, "invalid: proof: malformed AIWorkProof: length at byte 0"},
	} {
		t.Run("verify "+tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, append([]string{"proof", "verify"}, tt.args...)...)
			require.Equal(t, tt.code, code, stderr)
			require.Contains(t, out, tt.want)
			require.Empty(t, stderr)
		})
	}

	for _, tt := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"verify without chain", []string{"verify", hexProof}, `"chain-id" not set`},
		{"verify without proof", []string{"verify", "--chain-id", "6133"}, "missing proof: give it as hex"},
		{"decode without proof", []string{"decode"}, "missing proof: give it as hex"},
		{"not hex", []string{"decode", "0xzz"}, "the proof is not hex"},
		{"empty", []string{"decode", "0x"}, "the proof is empty"},
		{"two proofs", []string{"decode", hexProof, hexProof}, "want one proof, got 2 arguments"},
		{"argument and file", []string{"decode", "--file", file, hexProof}, "not both"},
		{"missing file", []string{"decode", "--file", filepath.Join(h.dir, "none")}, "no such file"},
		{"truncated", []string{"decode", hexProof[:len(hexProof)-2]}, fmt.Sprintf("proof: malformed AIWorkProof: length at byte 0: %d bytes, a proof has %d to %d", len(raw)-1, proof.MinProofSize, proof.MaxProofSize)},
		{"bad key length", []string{"decode", hexutil.Encode(badKeyLen)}, "proof: malformed AIWorkProof: public key length at byte 266: proof: unknown ML-DSA parameter set: no parameter set has 1313-byte public keys (want 1312, 1952 or 2592)"},
		{"trailing byte", []string{"decode", hexProof + "00"}, "proof: malformed AIWorkProof"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, append([]string{"proof"}, tt.args...)...)
			require.Equal(t, 1, code, out)
			require.Contains(t, stderr, tt.want)
		})
	}
}

// TestProveWithConfig takes wallet, passphrase, chain, beneficiary and
// device from the configuration.
func TestProveWithConfig(t *testing.T) {
	h := newProverHome(t)
	input := filepath.Join(h.dir, "input.txt")
	require.NoError(t, os.WriteFile(input, []byte("Why is the sky blue?"), 0o600))
	hexProof, summary := h.prove(t, "--config", h.cfg, "--input-file", input, "--max-tokens", "8")
	require.Contains(t, summary, "beneficiary    0x8ba1f109551bD432803012645Ac136ddd64DBA72")
	raw, err := hexutil.Decode(hexProof)
	require.NoError(t, err)
	p, err := proof.DecodeAIWorkProof(raw)
	require.NoError(t, err)
	require.Equal(t, uint32(6133), p.Context.ChainID)
	require.Equal(t, common.HexToAddress("0x8ba1f109551bD432803012645Ac136ddd64DBA72"), p.Beneficiary)
	require.Equal(t, miner.DeviceID("builtin", "cpu"), p.Context.DeviceID)
	require.Equal(t, proof.HashInput([]byte("Why is the sky blue?")), p.Context.InputHash)
	require.NoError(t, p.Verify(6133, p.Context.Timestamp, proof.TimeWindow{}))

	// Flags override the configuration; two proofs never share a job id
	// or nonce.
	other, _ := h.prove(t, "--config", h.cfg, "--input", "x", "--chain-id", "96369", "--beneficiary", "0x00000000000000000000000000000000000000b2", "--device", "gpu-7")
	raw, err = hexutil.Decode(other)
	require.NoError(t, err)
	q, err := proof.DecodeAIWorkProof(raw)
	require.NoError(t, err)
	require.Equal(t, uint32(96369), q.Context.ChainID)
	require.Equal(t, common.HexToAddress("0xb2"), q.Beneficiary)
	require.Equal(t, miner.DeviceID("builtin", "gpu-7"), q.Context.DeviceID)
	require.NotEqual(t, p.Context.JobID, q.Context.JobID)
	require.NotEqual(t, p.Context.Nonce, q.Context.Nonce)
}

func TestProveErrors(t *testing.T) {
	h := newProverHome(t)
	wrongPass := filepath.Join(h.dir, "wrong.txt")
	require.NoError(t, os.WriteFile(wrongPass, []byte("nope\n"), 0o600))
	emptyInput := filepath.Join(h.dir, "empty.txt")
	require.NoError(t, os.WriteFile(emptyInput, nil, 0o600))
	base := []string{"--wallet", h.wallet, "--passphrase-file", h.pass, "--chain-id", "6133", "--beneficiary", "0x00000000000000000000000000000000000000b1"}
	with := func(extra ...string) []string { return append(append([]string(nil), base...), extra...) }
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no input", with(), "missing --input or --input-file"},
		{"two inputs", with("--input", "a", "--input-file", emptyInput), "not both"},
		{"empty input file", with("--input-file", emptyInput), "is empty"},
		{"missing input file", with("--input-file", filepath.Join(h.dir, "none")), "no such file"},
		{"unknown model", with("--input", "a", "--model", "gpt-9"), `the back-end does not offer model "gpt-9"`},
		{"bad job id", with("--input", "a", "--job-id", "0x1234"), "--job-id \"0x1234\": want 0x and 64 hex digits"},
		{"wide chain id", with("--input", "a", "--chain-id", "4294967296"), "does not fit in 32 bits"},
		{"zero beneficiary", with("--input", "a", "--beneficiary", "0x0000000000000000000000000000000000000000"), "zero address"},
		{"bad beneficiary", with("--input", "a", "--beneficiary", "8ba1f109551bD432803012645Ac136ddd64DBA72"), "must start with 0x"},
		{"max tokens", with("--input", "a", "--max-tokens", "9000"), "--max-tokens must be 1..8192"},
		{"wrong passphrase", []string{"--wallet", h.wallet, "--passphrase-file", wrongPass, "--chain-id", "6133", "--beneficiary", "0x00000000000000000000000000000000000000b1", "--input", "a"}, "passphrase"},
		{"no wallet", []string{"--chain-id", "6133", "--beneficiary", "0x00000000000000000000000000000000000000b1", "--input", "a"}, "missing --wallet (or --config)"},
		{"no chain", []string{"--wallet", h.wallet, "--beneficiary", "0x00000000000000000000000000000000000000b1", "--input", "a"}, "missing --chain-id (or --config)"},
		{"no beneficiary", []string{"--wallet", h.wallet, "--chain-id", "6133", "--input", "a"}, "missing --beneficiary (or --config)"},
		{"missing config", []string{"--config", filepath.Join(h.dir, "none.toml"), "--input", "a"}, "does not exist"},
		{"argument", with("--input", "a", "extra"), `unexpected argument "extra"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runCLI(t, append([]string{"prove"}, tt.args...)...)
			require.Equal(t, 1, code, out)
			require.Empty(t, out)
			require.Contains(t, stderr, tt.want)
		})
	}
}
