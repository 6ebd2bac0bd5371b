package gateway

import (
	"errors"
	"fmt"

	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/reward"
)

// Token limits. The chain refuses a proof whose signed token counts exceed
// its model's registry entry (maxInputTokens, maxOutputTokens:
// TokensOverLimit), and a built-in (re-executed) generation beyond the
// re-execution caps (precompile.MaxReexecInput bytes in,
// precompile.MaxReexecOutput tokens out). An answer whose proof the chain
// refuses is work nobody is paid for, so the gateway holds every job to
// those limits before it queues it:
//
//   - output: a request's max_tokens / max_completion_tokens above the
//     model's MaxTokens is clamped to it (never refused); the answer then
//     says finish_reason "length" when the cap cut it. MaxTokens never
//     exceeds the chain's maxOutputTokens, nor MaxReexecOutput for a
//     re-executed model (ApplyChainLimits).
//   - input: a prompt of more tokens than the model's MaxInputTokens (by
//     the chain's rule, ceil(bytes / bytes_per_token)) is refused with 400
//     code "context_length_exceeded", param "messages", "prompt" or "input".

// ErrInputTooLong: the input has more tokens than the model accepts.
var ErrInputTooLong = errors.New("gateway: the input is longer than the model accepts")

// inputTooLong is ErrInputTooLong with its numbers; param names the
// request field (set by the HTTP handler).
type inputTooLong struct {
	param         string
	model         string
	tokens, limit uint64
	bytesPerToken uint64
	inputBytes    int
}

func (e *inputTooLong) Error() string {
	return fmt.Sprintf("the input of model %s is %d tokens (%d bytes at %d bytes a token); the model accepts at most %d input tokens per job",
		e.model, e.tokens, e.inputBytes, e.bytesPerToken, e.limit)
}

// Unwrap makes errors.Is(err, ErrInputTooLong) hold.
func (e *inputTooLong) Unwrap() error { return ErrInputTooLong }

// withInputParam names the request field of an input that is too long.
func withInputParam(err error, param string) error {
	var e *inputTooLong
	if errors.As(err, &e) {
		c := *e
		c.param = param
		return &c
	}
	return err
}

// checkInput refuses an input of more tokens than m accepts.
func checkInput(m Model, n int) error {
	if m.MaxInputTokens == 0 {
		return nil
	}
	bpt := m.BytesPerToken
	if bpt == 0 {
		bpt = 4
	}
	if t := reward.Tokens(n, bpt); t > uint64(m.MaxInputTokens) {
		return &inputTooLong{param: "input", model: m.Name, tokens: t, limit: uint64(m.MaxInputTokens), bytesPerToken: bpt, inputBytes: n}
	}
	return nil
}

// ApplyChainLimits returns m with the chain's registry entry for its hash
// applied: the chain's parameter count and bytes per token (which price
// the proof, so the ticket's budget must use them), MaxTokens lowered to
// the entry's maxOutputTokens and MaxInputTokens set to its
// maxInputTokens, both further held to the re-execution caps for a model
// audited by re-execution (the built-in model). A model the chain has not
// registered is an error: every proof of it would be refused.
func ApplyChainLimits(m Model, spec precompile.ModelSpec, registered bool) (Model, error) {
	if !registered {
		return m, fmt.Errorf("model %s (hash 0x%x) is not registered on chain: every proof of its jobs would be refused (UnknownModel)", m.Name, m.Hash[:])
	}
	m.Parameters, m.BytesPerToken = spec.Parameters, uint64(spec.BytesPerToken)
	out, in := spec.MaxOutputTokens, spec.MaxInputTokens
	if spec.Verifier == precompile.VerifierReexec {
		out, in = min(out, precompile.MaxReexecOutput), min(in, precompile.MaxReexecInput)
	}
	if m.MaxTokens == 0 || m.MaxTokens > out {
		m.MaxTokens = out
	}
	if m.MaxInputTokens == 0 || m.MaxInputTokens > in {
		m.MaxInputTokens = in
	}
	return m, nil
}
