package precompile

import (
	"context"
	"errors"
	"fmt"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/proof"
)

// Re-execution of the built-in model. The built-in model (miner/builtin)
// is pure integer arithmetic, so a revealed job can be run again inside
// the precompile and its output compared bit for bit with what the miner
// signed. A job is one byte per input token and one byte per output token.
// It is a generation (Generate) of at most MaxReexecOutput tokens, or an
// embedding (Embed, encoded by builtin.EncodeEmbedding), whose output is
// exactly ReexecEmbeddingBytes bytes: the two never share an output length.
// Built-in proofs of any other output length cannot be re-executed and are
// refused at submission (ReexecFits).
//
// Gas: GasReexec + GasPerInputWord-style hashing of the revealed bytes +
// ceil(MACs / ReexecMACsPerGas), with MACs = builtin.GenerateMACs(input,
// output tokens). ReexecGas computes it from the revealed lengths before
// any work; the caps keep the worst case at
//
//	MACs = (512 + 255) × 81920 + 256 × 24320 = 69,058,560
//	gas  = 8,632,320 + 4,000 + 6 × (16 + 8) = 8,636,464
//
// about 29% of a 30 M gas block and 14% of a 60 M one, and about 41 ms of
// one core at 0.6 ns per MAC. The miner's default job (64 bytes in, 64
// tokens out, 11,960,320 MACs) costs 1,499,064 gas. BenchmarkGasReexec
// (gas_reexec_bench_test.go) measures both next to ecrecover: 0.61 to
// 3.4 ns per MAC on a loaded 2-core machine, never below 1.5 times
// ecrecover's gas per microsecond in the same run (2 at 0.6 ns per MAC
// against ecrecover at 30 µs), since one gas buys 8 MACs, about 5 ns.
const (
	// MaxReexecInput is the longest input, in bytes (= tokens), that can be
	// re-executed on chain.
	MaxReexecInput = 512
	// MaxReexecOutput is the longest output, in tokens (= bytes), that can
	// be re-executed on chain.
	MaxReexecOutput = 256
	// GasReexec is the fixed cost of a re-execution: the model's scratch
	// state and the output hash comparisons.
	GasReexec uint64 = 4000
	// GasReexecPerWord is the cost per 32-byte word of hashing the revealed
	// input and output.
	GasReexecPerWord uint64 = 6
	// ReexecMACsPerGas is how many multiply-accumulates one unit of gas
	// buys.
	ReexecMACsPerGas = 8
	// ReexecEmbeddingBytes is the output length of a built-in embedding:
	// builtin.EmbeddingDim float32 values.
	ReexecEmbeddingBytes = 4 * builtin.EmbeddingDim
)

// ReexecFits reports whether a built-in job of these token counts can be
// re-executed: at most MaxReexecInput input tokens, and an output of at
// most MaxReexecOutput tokens (a generation) or of exactly
// ReexecEmbeddingBytes (an embedding).
func ReexecFits(inputTokens, outputTokens uint64) bool {
	return inputTokens <= MaxReexecInput && (outputTokens <= MaxReexecOutput || outputTokens == ReexecEmbeddingBytes)
}

// ReexecClaim is what a miner signed about a built-in job: the model, the
// hashes of input and output, and their token counts.
type ReexecClaim struct {
	ModelHash    proof.Hash
	InputHash    proof.Hash
	OutputHash   proof.Hash
	InputTokens  uint64
	OutputTokens uint64
}

// ReexecVerdict is the outcome of re-executing a revealed job. Everything
// but ReexecMatch is the miner's fault: what it revealed does not match
// what it signed, or the model does not produce what it claimed.
type ReexecVerdict uint8

// The verdicts, in the order the checks run.
const (
	// ReexecMatch: the reveal matches the claim and the model reproduces
	// the output exactly.
	ReexecMatch ReexecVerdict = iota
	// ReexecInputLengthMismatch: the revealed input's length is not the
	// signed input token count.
	ReexecInputLengthMismatch
	// ReexecInputHashMismatch: the revealed input does not hash to the
	// signed input hash.
	ReexecInputHashMismatch
	// ReexecOutputLengthMismatch: the revealed output's length is not the
	// signed output token count.
	ReexecOutputLengthMismatch
	// ReexecOutputHashMismatch: the revealed output does not hash to the
	// signed output hash.
	ReexecOutputHashMismatch
	// ReexecOutputDiffers: the model, run on the revealed input, does not
	// produce the signed output.
	ReexecOutputDiffers
)

// String names the verdict.
func (v ReexecVerdict) String() string {
	switch v {
	case ReexecMatch:
		return "match"
	case ReexecInputLengthMismatch:
		return "input length mismatch"
	case ReexecInputHashMismatch:
		return "input hash mismatch"
	case ReexecOutputLengthMismatch:
		return "output length mismatch"
	case ReexecOutputHashMismatch:
		return "output hash mismatch"
	case ReexecOutputDiffers:
		return "output differs from re-execution"
	default:
		return fmt.Sprintf("verdict(%d)", uint8(v))
	}
}

// MarshalText writes the verdict's name.
func (v ReexecVerdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a verdict's name.
func (v *ReexecVerdict) UnmarshalText(b []byte) error {
	for c := ReexecMatch; c <= ReexecOutputDiffers; c++ {
		if c.String() == string(b) {
			*v = c
			return nil
		}
	}
	return fmt.Errorf("unknown re-execution verdict %q", b)
}

// Errors of re-execution: the job cannot be judged on chain at all. They
// are not verdicts against the miner.
var (
	// ErrNotBuiltinModel: the claim is for another model.
	ErrNotBuiltinModel = errors.New("not the built-in model")
	// ErrReexecTooLarge: the reveal is longer than the caps.
	ErrReexecTooLarge = errors.New("reveal longer than the re-execution caps")
)

// ReexecGas is the gas of re-executing a reveal of inputLen and outputLen
// bytes, to be charged before ReexecBuiltin. It refuses lengths over the
// caps (which also keeps every product below overflow).
func ReexecGas(inputLen, outputLen int) (uint64, error) {
	if inputLen < 0 || outputLen < 0 || !ReexecFits(uint64(inputLen), uint64(outputLen)) {
		return 0, fmt.Errorf("%w: %d input bytes (max %d), %d output bytes (max %d, or %d for an embedding)",
			ErrReexecTooLarge, inputLen, MaxReexecInput, outputLen, MaxReexecOutput, ReexecEmbeddingBytes)
	}
	predicted := uint64(outputLen)
	if outputLen == ReexecEmbeddingBytes {
		predicted = 0 // an embedding steps over the input only
	}
	macs, _ := builtin.GenerateMACs(uint64(inputLen), predicted) // < 2^27 under the caps
	return GasReexec + GasReexecPerWord*(words(inputLen)+words(outputLen)) +
		(macs+ReexecMACsPerGas-1)/ReexecMACsPerGas, nil
}

// ReexecBuiltin judges a revealed built-in job against its claim. It
// checks, in order and stopping at the first failure, the input's length
// and hash, the output's length and hash, and then runs the built-in model
// on the input for the claimed number of output tokens and compares the
// hash of what it produces with the signed output hash. It charges no gas:
// the caller charges ReexecGas(len(input), len(output)) first. The result
// depends only on its arguments.
func ReexecBuiltin(claim ReexecClaim, input, output []byte) (ReexecVerdict, error) {
	m := builtin.Default()
	if claim.ModelHash != m.Hash() {
		return 0, ErrNotBuiltinModel
	}
	if _, err := ReexecGas(len(input), len(output)); err != nil {
		return 0, err
	}
	switch {
	case uint64(len(input)) != claim.InputTokens:
		return ReexecInputLengthMismatch, nil
	case proof.HashInput(input) != claim.InputHash:
		return ReexecInputHashMismatch, nil
	case uint64(len(output)) != claim.OutputTokens:
		return ReexecOutputLengthMismatch, nil
	case proof.HashOutput(output) != claim.OutputHash:
		return ReexecOutputHashMismatch, nil
	}
	// context.Background is never cancelled: the model runs to the end.
	var again []byte
	if len(output) == ReexecEmbeddingBytes {
		v, err := m.Embed(context.Background(), input)
		if err != nil {
			return 0, fmt.Errorf("re-execute: %w", err)
		}
		again = builtin.EncodeEmbedding(v)
	} else {
		var err error
		if again, err = m.Generate(context.Background(), input, len(output)); err != nil {
			return 0, fmt.Errorf("re-execute: %w", err)
		}
	}
	if proof.HashOutput(again) != claim.OutputHash {
		return ReexecOutputDiffers, nil
	}
	return ReexecMatch, nil
}
