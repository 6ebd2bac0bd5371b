package audit

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pars-network/aimining/audit/logprob"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// Reveal is a revealed job: what the miner signed about it and the input
// and output it revealed.
type Reveal struct {
	WorkID proof.Hash
	Claim  precompile.ReexecClaim
	Input  []byte
	Output []byte
}

// revealJSON is the file format of a Reveal. Hashes are 0x-prefixed hex;
// input and output are given as text ("input") or as 0x-prefixed hex
// ("input_hex"), exactly one of the two.
type revealJSON struct {
	WorkID       string  `json:"work_id,omitempty"`
	ModelHash    string  `json:"model_hash"`
	InputHash    string  `json:"input_hash"`
	OutputHash   string  `json:"output_hash"`
	InputTokens  uint64  `json:"input_tokens"`
	OutputTokens uint64  `json:"output_tokens"`
	Input        *string `json:"input,omitempty"`
	InputHex     string  `json:"input_hex,omitempty"`
	Output       *string `json:"output,omitempty"`
	OutputHex    string  `json:"output_hex,omitempty"`
}

// maxRevealBytes bounds a reveal file.
const maxRevealBytes = 8 << 20

// ReadReveal decodes a reveal file strictly (no unknown fields, every hash
// 32 bytes, exactly one form of input and of output).
func ReadReveal(r io.Reader) (*Reveal, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxRevealBytes+1))
	if err != nil {
		return nil, fmt.Errorf("audit: read reveal: %w", err)
	}
	if len(data) > maxRevealBytes {
		return nil, fmt.Errorf("audit: reveal larger than %d bytes", maxRevealBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var j revealJSON
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("audit: decode reveal: %w", err)
	}
	if dec.More() {
		return nil, errors.New("audit: trailing data after the reveal")
	}
	rv := &Reveal{Claim: precompile.ReexecClaim{InputTokens: j.InputTokens, OutputTokens: j.OutputTokens}}
	for _, f := range []struct {
		name string
		s    string
		dst  *proof.Hash
		opt  bool
	}{
		{"work_id", j.WorkID, &rv.WorkID, true},
		{"model_hash", j.ModelHash, &rv.Claim.ModelHash, false},
		{"input_hash", j.InputHash, &rv.Claim.InputHash, false},
		{"output_hash", j.OutputHash, &rv.Claim.OutputHash, false},
	} {
		if f.s == "" && f.opt {
			continue
		}
		b, err := decodeHex(f.s)
		if err != nil || len(b) != 32 {
			return nil, fmt.Errorf("audit: reveal %s must be 32 bytes of 0x-hex", f.name)
		}
		*f.dst = proof.Hash(b)
	}
	if rv.Input, err = oneForm("input", j.Input, j.InputHex); err != nil {
		return nil, err
	}
	if rv.Output, err = oneForm("output", j.Output, j.OutputHex); err != nil {
		return nil, err
	}
	return rv, nil
}

func oneForm(name string, text *string, hexForm string) ([]byte, error) {
	switch {
	case text != nil && hexForm != "":
		return nil, fmt.Errorf("audit: reveal has both %s and %s_hex", name, name)
	case text != nil:
		return []byte(*text), nil
	case hexForm != "":
		b, err := decodeHex(hexForm)
		if err != nil {
			return nil, fmt.Errorf("audit: reveal %s_hex: %w", name, err)
		}
		return b, nil
	}
	return nil, fmt.Errorf("audit: reveal has neither %s nor %s_hex", name, name)
}

func decodeHex(s string) ([]byte, error) {
	if !strings.HasPrefix(s, "0x") {
		return nil, errors.New("missing 0x prefix")
	}
	return hex.DecodeString(s[2:])
}

// MarshalJSON writes the reveal in the file format ReadReveal reads: input
// and output as text when they are valid UTF-8, else as hex.
func (r *Reveal) MarshalJSON() ([]byte, error) {
	h := func(x proof.Hash) string { return "0x" + hex.EncodeToString(x[:]) }
	j := revealJSON{
		ModelHash: h(r.Claim.ModelHash), InputHash: h(r.Claim.InputHash), OutputHash: h(r.Claim.OutputHash),
		InputTokens: r.Claim.InputTokens, OutputTokens: r.Claim.OutputTokens,
	}
	if r.WorkID != (proof.Hash{}) {
		j.WorkID = h(r.WorkID)
	}
	if s := string(r.Input); utf8.ValidString(s) {
		j.Input = &s
	} else {
		j.InputHex = "0x" + hex.EncodeToString(r.Input)
	}
	if s := string(r.Output); utf8.ValidString(s) {
		j.Output = &s
	} else {
		j.OutputHex = "0x" + hex.EncodeToString(r.Output)
	}
	return json.Marshal(j)
}

// Judgement methods.
const (
	MethodReexec = "reexec" // the built-in model, re-executed
	MethodClaim  = "claim"  // the reveal contradicts the signed hashes
)

// Judgement is the outcome of judging one reveal.
type Judgement struct {
	// Method is MethodReexec, MethodClaim, or the logprob method used.
	Method string `json:"method"`
	// Fault is true when the reveal does not stand: the miner is at fault
	// and, once the chain can be told, to be challenged.
	Fault bool `json:"fault"`
	// Reexec is the re-execution verdict (MethodReexec).
	Reexec *precompile.ReexecVerdict `json:"reexec,omitempty"`
	// Logprob is the committee check's verdict (logprob methods).
	Logprob *logprob.Verdict `json:"logprob,omitempty"`
	// Reason says what is wrong when Fault is set.
	Reason string `json:"reason,omitempty"`
}

// ErrNoChecker: the reveal is of a model other than the built-in one and
// no committee checker was given.
var ErrNoChecker = errors.New("audit: no checker for a model other than the built-in one")

// Judge decides a reveal. Built-in work is re-executed with
// precompile.ReexecBuiltin, the code the chain runs, so a fault found here
// is a fault the chain finds. Work of any other model is first held to
// its signed input and output hashes and then checked by its
// log-probabilities with checker; the input is the prompt, and the signed
// output token count feeds the greedy fallback. An error means no
// judgement (too large for the chain, no checker, the server failed).
func Judge(ctx context.Context, r *Reveal, checker *logprob.Checker) (Judgement, error) {
	if r.Claim.ModelHash == builtin.Default().Hash() {
		v, err := precompile.ReexecBuiltin(r.Claim, r.Input, r.Output)
		if err != nil {
			return Judgement{}, fmt.Errorf("audit: re-execute: %w", err)
		}
		j := Judgement{Method: MethodReexec, Reexec: &v, Fault: v != precompile.ReexecMatch}
		if j.Fault {
			j.Reason = v.String()
		}
		return j, nil
	}
	switch {
	case proof.HashInput(r.Input) != r.Claim.InputHash:
		return Judgement{Method: MethodClaim, Fault: true, Reason: "input hash mismatch"}, nil
	case proof.HashOutput(r.Output) != r.Claim.OutputHash:
		return Judgement{Method: MethodClaim, Fault: true, Reason: "output hash mismatch"}, nil
	case checker == nil:
		return Judgement{}, ErrNoChecker
	case !utf8.Valid(r.Input) || !utf8.Valid(r.Output):
		return Judgement{}, errors.New("audit: a committee model's input and output must be UTF-8 text")
	case r.Claim.OutputTokens > 1<<31:
		return Judgement{}, fmt.Errorf("audit: output token count %d out of range", r.Claim.OutputTokens)
	}
	v, err := checker.Check(ctx, string(r.Input), string(r.Output), int(r.Claim.OutputTokens))
	if err != nil {
		return Judgement{}, err
	}
	return Judgement{Method: string(v.Method), Fault: !v.Accept, Logprob: &v, Reason: v.Reason}, nil
}
