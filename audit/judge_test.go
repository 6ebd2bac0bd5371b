package audit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/audit/logprob"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// builtinReveal is the reveal of an honest built-in job, with modelHash
// as the signed model (the built-in one when zero).
func builtinReveal(t *testing.T, input string, n int, modelHash proof.Hash) *audit.Reveal {
	t.Helper()
	out, err := builtin.Default().Generate(context.Background(), []byte(input), n)
	require.NoError(t, err)
	if modelHash == (proof.Hash{}) {
		modelHash = builtin.Default().Hash()
	}
	return &audit.Reveal{
		WorkID: proof.DomainWorkID.Sum([]byte(input)),
		Claim: precompile.ReexecClaim{
			ModelHash: modelHash, InputHash: proof.HashInput([]byte(input)), OutputHash: proof.HashOutput(out),
			InputTokens: uint64(len(input)), OutputTokens: uint64(len(out)),
		},
		Input: []byte(input), Output: out,
	}
}

// lie replaces r's output with fabricated and re-signs the output hash
// consistently, as a miner that never ran the model would.
func lie(r *audit.Reveal, fabricated string) *audit.Reveal {
	l := *r
	l.Output = []byte(fabricated)
	l.Claim.OutputHash = proof.HashOutput(l.Output)
	l.Claim.OutputTokens = uint64(len(fabricated))
	return &l
}

func TestRevealFileRoundTrip(t *testing.T) {
	for _, r := range []*audit.Reveal{
		builtinReveal(t, "Hello, world", 8, proof.Hash{}),
		{Claim: precompile.ReexecClaim{ModelHash: proof.Hash{1}}, Input: []byte{0xff, 0, 1}, Output: []byte("ok")},
	} {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		got, err := audit.ReadReveal(bytes.NewReader(b))
		require.NoError(t, err, "%s", b)
		require.Equal(t, r, got)
	}
}

func TestReadRevealRejects(t *testing.T) {
	h := "0x" + strings.Repeat("ab", 32)
	base := `"model_hash":"` + h + `","input_hash":"` + h + `","output_hash":"` + h + `","input_tokens":1,"output_tokens":1`
	for _, tc := range []struct {
		name, body string
		ok         bool
	}{
		{"text forms", `{` + base + `,"input":"a","output":"b"}`, true},
		{"hex forms", `{` + base + `,"input_hex":"0x61","output_hex":"0x62"}`, true},
		{"with work id", `{"work_id":"` + h + `",` + base + `,"input":"a","output":"b"}`, true},
		{"both input forms", `{` + base + `,"input":"a","input_hex":"0x61","output":"b"}`, false},
		{"no output", `{` + base + `,"input":"a"}`, false},
		{"short hash", `{"model_hash":"0xab","input_hash":"` + h + `","output_hash":"` + h + `","input":"a","output":"b"}`, false},
		{"hash without 0x", `{"model_hash":"` + strings.Repeat("ab", 32) + `","input_hash":"` + h + `","output_hash":"` + h + `","input":"a","output":"b"}`, false},
		{"missing hash", `{"input_hash":"` + h + `","output_hash":"` + h + `","input":"a","output":"b"}`, false},
		{"bad hex input", `{` + base + `,"input_hex":"0xzz","output":"b"}`, false},
		{"unknown field", `{` + base + `,"input":"a","output":"b","extra":1}`, false},
		{"trailing data", `{` + base + `,"input":"a","output":"b"} {}`, false},
		{"not JSON", `reveal`, false},
	} {
		_, err := audit.ReadReveal(strings.NewReader(tc.body))
		require.Equal(t, tc.ok, err == nil, "%s: %v", tc.name, err)
	}
}

func TestJudge(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(openaiserver.New(nil))
	t.Cleanup(srv.Close)
	client, err := openai.NewClient(srv.URL, openai.Options{})
	require.NoError(t, err)
	checker, err := logprob.NewChecker(client, builtin.Name, logprob.DefaultThresholds)
	require.NoError(t, err)

	honest := builtinReveal(t, "What is the capital of France?", 32, proof.Hash{})
	fabricated := lie(honest, strings.Repeat("Paris", 6)+"!!")
	wrongInput := *honest
	wrongInput.Input = []byte("What is the capital of Spain?!")

	// A model other than the built-in one: here the built-in model served
	// over HTTP stands in for a large model the committee judges.
	large := proof.Hash{0x1a}
	committeeHonest := builtinReveal(t, "Why is the sky blue?", 32, large)
	committeeFabricated := lie(committeeHonest, "Because of Rayleigh scattering.!")
	committeeWrongOutput := *committeeHonest
	committeeWrongOutput.Output = []byte("something else")
	committeeWrongInput := *committeeHonest
	committeeWrongInput.Input = []byte("other")

	tooLong := builtinReveal(t, strings.Repeat("x", precompile.MaxReexecInput+1), 1, proof.Hash{})

	for _, tc := range []struct {
		name    string
		r       *audit.Reveal
		checker *logprob.Checker
		fault   bool
		method  string
		err     error
	}{
		{"built-in honest", honest, nil, false, audit.MethodReexec, nil},
		{"built-in fabricated", fabricated, nil, true, audit.MethodReexec, nil},
		{"built-in, revealed input not the signed one", &wrongInput, nil, true, audit.MethodReexec, nil},
		{"built-in over the caps", tooLong, nil, false, "", precompile.ErrReexecTooLarge},
		{"committee honest", committeeHonest, checker, false, string(logprob.MethodLogprobs), nil},
		{"committee fabricated", committeeFabricated, checker, true, string(logprob.MethodLogprobs), nil},
		{"committee, output not the signed one", &committeeWrongOutput, checker, true, audit.MethodClaim, nil},
		{"committee, input not the signed one", &committeeWrongInput, nil, true, audit.MethodClaim, nil},
		{"committee without a checker", committeeHonest, nil, false, "", audit.ErrNoChecker},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j, err := audit.Judge(ctx, tc.r, tc.checker)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.fault, j.Fault, "%+v", j)
			require.Equal(t, tc.method, j.Method)
			require.Equal(t, tc.fault, j.Reason != "")
			if tc.method == audit.MethodReexec {
				require.NotNil(t, j.Reexec)
				require.Equal(t, tc.fault, *j.Reexec != precompile.ReexecMatch)
			}
		})
	}
}
