package precompile_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// honestJob runs the built-in model on input for n tokens and returns the
// claim an honest miner signs with its output.
func honestJob(t testing.TB, input []byte, n int) (precompile.ReexecClaim, []byte) {
	t.Helper()
	m := builtin.Default()
	out, err := m.Generate(context.Background(), input, n)
	require.NoError(t, err)
	return precompile.ReexecClaim{
		ModelHash:    m.Hash(),
		InputHash:    proof.HashInput(input),
		OutputHash:   proof.HashOutput(out),
		InputTokens:  uint64(len(input)),
		OutputTokens: uint64(len(out)),
	}, out
}

// reexecInFrame charges ReexecGas and runs ReexecBuiltin in a call frame,
// as the precompile's reveal will.
func reexecInFrame(t testing.TB, c *precompiletest.Chain, gas uint64, claim precompile.ReexecClaim, input, output []byte) (precompile.ReexecVerdict, precompiletest.Result, error) {
	var (
		v   precompile.ReexecVerdict
		err error
	)
	r := c.Run(precompiletest.Frame{Gas: gas}, func(env precompile.Env) ([]byte, error) {
		g, gerr := precompile.ReexecGas(len(input), len(output))
		if gerr != nil {
			err = gerr
			return nil, nil
		}
		if !env.UseGas(g) {
			return nil, errFrameOutOfGas
		}
		v, err = precompile.ReexecBuiltin(claim, input, output)
		return []byte{byte(v)}, nil
	})
	return v, r, err
}

func TestReexecBuiltin(t *testing.T) {
	input := []byte("What is the capital of France?")
	claim, out := honestJob(t, input, 24)

	fabricated := bytes.Repeat([]byte("x"), len(out))
	lying := claim
	lying.OutputHash = proof.HashOutput(fabricated)

	flipped := bytes.Clone(out)
	flipped[5] ^= 1

	otherInput := bytes.Clone(input)
	otherInput[0] = 'w'

	longerInput := claim
	longerInput.InputTokens++
	longerOutput := claim
	longerOutput.OutputTokens++

	emptyClaim, emptyOut := honestJob(t, nil, 0)
	noOutputClaim, noOutput := honestJob(t, input, 0)
	maxClaim, maxOut := honestJob(t, bytes.Repeat([]byte("ab"), precompile.MaxReexecInput/2), precompile.MaxReexecOutput)

	otherModel := claim
	otherModel.ModelHash = proof.Hash{1}

	for _, tc := range []struct {
		name          string
		claim         precompile.ReexecClaim
		input, output []byte
		want          precompile.ReexecVerdict
		err           error
	}{
		{"honest", claim, input, out, precompile.ReexecMatch, nil},
		{"honest, empty input and output", emptyClaim, nil, emptyOut, precompile.ReexecMatch, nil},
		{"honest, no output", noOutputClaim, input, noOutput, precompile.ReexecMatch, nil},
		{"honest, at the caps", maxClaim, bytes.Repeat([]byte("ab"), precompile.MaxReexecInput/2), maxOut, precompile.ReexecMatch, nil},
		{"fabricated output, consistent claim", lying, input, fabricated, precompile.ReexecOutputDiffers, nil},
		{"revealed output is not the signed one", claim, input, flipped, precompile.ReexecOutputHashMismatch, nil},
		{"revealed input is not the signed one", claim, otherInput, out, precompile.ReexecInputHashMismatch, nil},
		{"input shorter than signed", longerInput, input, out, precompile.ReexecInputLengthMismatch, nil},
		{"input longer than signed", claim, append(bytes.Clone(input), '!'), out, precompile.ReexecInputLengthMismatch, nil},
		{"output shorter than signed", longerOutput, input, out, precompile.ReexecOutputLengthMismatch, nil},
		{"output truncated", claim, input, out[:len(out)-1], precompile.ReexecOutputLengthMismatch, nil},
		{"another model", otherModel, input, out, 0, precompile.ErrNotBuiltinModel},
		{"input over the cap", claim, make([]byte, precompile.MaxReexecInput+1), out, 0, precompile.ErrReexecTooLarge},
		{"output over the cap", claim, input, make([]byte, precompile.MaxReexecOutput+1), 0, precompile.ErrReexecTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := precompile.ReexecBuiltin(tc.claim, tc.input, tc.output)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got, "got %v, want %v", got, tc.want)
		})
	}
}

// TestReexecEmbedding: a built-in embedding (the only built-in output of
// ReexecEmbeddingBytes bytes) is re-executed with Embed; a made-up vector
// of the same length differs.
func TestReexecEmbedding(t *testing.T) {
	input := []byte("embed me")
	v, err := builtin.Default().Embed(context.Background(), input)
	require.NoError(t, err)
	out := builtin.EncodeEmbedding(v)
	require.Len(t, out, precompile.ReexecEmbeddingBytes)
	claim := precompile.ReexecClaim{ModelHash: builtin.Default().Hash(), InputHash: proof.HashInput(input),
		OutputHash: proof.HashOutput(out), InputTokens: uint64(len(input)), OutputTokens: uint64(len(out))}
	got, err := precompile.ReexecBuiltin(claim, input, out)
	require.NoError(t, err)
	require.Equal(t, precompile.ReexecMatch, got)
	fake := bytes.Repeat([]byte{0x3f}, len(out))
	claim.OutputHash = proof.HashOutput(fake)
	got, err = precompile.ReexecBuiltin(claim, input, fake)
	require.NoError(t, err)
	require.Equal(t, precompile.ReexecOutputDiffers, got)
}

func TestReexecGas(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in, out int
		want    uint64
	}{
		// 4000 + 6 × words + ceil(MACs / 8).
		{"empty", 0, 0, 4000},
		{"one input byte", 1, 0, 4000 + 6 + 81920/8},
		{"one output token", 0, 1, 4000 + 6 + 24320/8},
		{"default job 64/64", 64, 64, 1_499_064},
		{"caps 512/256", precompile.MaxReexecInput, precompile.MaxReexecOutput, 8_636_464},
		// An embedding steps over the input only: 4000 + 6 × (16 + 32) + 512 × 81920 / 8.
		{"embedding of 512", precompile.MaxReexecInput, precompile.ReexecEmbeddingBytes, 4000 + 6*48 + 5_242_880},
	} {
		got, err := precompile.ReexecGas(tc.in, tc.out)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.want, got, tc.name)
		predicted := uint64(tc.out)
		if tc.out == precompile.ReexecEmbeddingBytes {
			predicted = 0
		}
		macs, ok := builtin.GenerateMACs(uint64(tc.in), predicted)
		require.True(t, ok)
		require.GreaterOrEqual(t, got, macs/precompile.ReexecMACsPerGas, tc.name)
	}
	for _, tc := range []struct{ in, out int }{
		{precompile.MaxReexecInput + 1, 0}, {0, precompile.MaxReexecOutput + 1}, {-1, 0}, {0, -1},
		{0, precompile.ReexecEmbeddingBytes - 1}, {0, precompile.ReexecEmbeddingBytes + 1},
	} {
		_, err := precompile.ReexecGas(tc.in, tc.out)
		require.ErrorIs(t, err, precompile.ErrReexecTooLarge, "%d/%d", tc.in, tc.out)
	}
	// One reveal at the caps fits a 30 M gas block with room to spare.
	worst, err := precompile.ReexecGas(precompile.MaxReexecInput, precompile.MaxReexecOutput)
	require.NoError(t, err)
	require.Less(t, worst, uint64(30_000_000)/3)
}

func TestReexecInFrameChargesFirst(t *testing.T) {
	input := []byte("Hello, world")
	claim, out := honestJob(t, input, 16)
	want, err := precompile.ReexecGas(len(input), len(out))
	require.NoError(t, err)

	c := newChain(t)
	v, r, err := reexecInFrame(t, c, want, claim, input, out)
	require.NoError(t, r.Err)
	require.NoError(t, err)
	require.Equal(t, precompile.ReexecMatch, v)
	require.Equal(t, want, r.GasUsed)

	// One unit short: nothing runs.
	v, r, err = reexecInFrame(t, c, want-1, claim, input, out)
	require.Error(t, r.Err)
	require.NoError(t, err)
	require.Equal(t, precompile.ReexecVerdict(0), v)
	require.Zero(t, r.GasUsed)
}

func TestReexecVerdictNames(t *testing.T) {
	seen := map[string]bool{}
	for v := precompile.ReexecMatch; v <= precompile.ReexecOutputDiffers; v++ {
		s := v.String()
		require.NotContains(t, s, "verdict(", "verdict %d has no name", v)
		require.False(t, seen[s], "two verdicts named %q", s)
		seen[s] = true
	}
	require.Equal(t, "verdict(200)", precompile.ReexecVerdict(200).String())

	for v := precompile.ReexecMatch; v <= precompile.ReexecOutputDiffers; v++ {
		text, err := v.MarshalText()
		require.NoError(t, err)
		var back precompile.ReexecVerdict
		require.NoError(t, back.UnmarshalText(text))
		require.Equal(t, v, back)
	}
	var v precompile.ReexecVerdict
	require.Error(t, v.UnmarshalText([]byte("verdict(200)")))
}
