package precompile

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// The model registry: governance records, per model hash, what the chain
// needs to price and to audit work on that model. Compute units are
// computed on chain from the registered parameter count and the token
// counts a proof signs (reward.JobComputeUnits); a proof for a model that
// is not registered earns nothing (UnknownModel).
//
//	model m  at  DomainStorage("model" ‖ m), left-aligned:
//	  registered(1) = 1 ‖ verifier(1) ‖ tokenizer(1) ‖ bytesPerToken(2) ‖
//	  maxInputTokens(4) ‖ maxOutputTokens(4) ‖ parameters(8)

// Tokenizer is a registered model's token-counting rule: how the miner
// counts the tokens it signs, and how an audit recounts them from the
// revealed input and output.
type Tokenizer uint8

// Tokenizer rules.
const (
	// TokenizerBuiltin is the built-in model's rule (miner/builtin): every
	// input byte is a token and every output token is one printable byte,
	// so tokens are bytes on both sides. BytesPerToken must be 1.
	TokenizerBuiltin Tokenizer = 1
	// TokenizerBytes counts ceil(bytes / BytesPerToken) on each side, for
	// models whose real tokenizer the chain cannot run.
	TokenizerBytes Tokenizer = 2
)

// Verifier is how sampled work on a model is audited.
type Verifier uint8

// Verifier kinds.
const (
	// VerifierReexec: the model is deterministic and small enough to be
	// re-executed by the chain (the built-in model only).
	VerifierReexec Verifier = 1
	// VerifierCommittee: a staked verifier committee judges the output on
	// its own back-ends.
	VerifierCommittee Verifier = 2
)

// MaxBytesPerToken bounds a TokenizerBytes model's bytes per token.
const MaxBytesPerToken = 64

// ModelSpec is one registry entry.
type ModelSpec struct {
	// Hash is proof.HashModel of the model's weights, as a WorkContext
	// names it.
	Hash proof.Hash `json:"hash"`
	// Parameters is the model's parameter count; compute units are
	// 2 × Parameters × tokens / 1e9, rounded up.
	Parameters uint64 `json:"parameters"`
	// Tokenizer is the token-counting rule and BytesPerToken its ratio
	// (1 for TokenizerBuiltin).
	Tokenizer     Tokenizer `json:"tokenizer"`
	BytesPerToken uint16    `json:"bytesPerToken"`
	// MaxInputTokens and MaxOutputTokens bound one job; a proof beyond
	// either is refused (TokensOverLimit).
	MaxInputTokens  uint32 `json:"maxInputTokens"`
	MaxOutputTokens uint32 `json:"maxOutputTokens"`
	// Verifier is how sampled work on the model is audited.
	Verifier Verifier `json:"verifier"`
}

// Limits of the built-in model's registry entry.
const (
	// BuiltinMaxInputTokens bounds a built-in job's input (bytes): the
	// re-execution cap, so that every built-in proof can be audited by
	// re-execution in one reveal.
	BuiltinMaxInputTokens = MaxReexecInput
	// BuiltinMaxOutputTokens bounds a built-in job's output (bytes): an
	// embedding's length; a generation is further held to MaxReexecOutput
	// (ReexecFits).
	BuiltinMaxOutputTokens = ReexecEmbeddingBytes
)

// BuiltinModel returns the registry entry of the miner's built-in model
// (miner/builtin): its weights' hash and parameter count, byte tokens, at
// most BuiltinMaxInputTokens in and BuiltinMaxOutputTokens out, audited by
// re-execution. A built-in job is worth 1 compute unit.
func BuiltinModel() ModelSpec {
	m := builtin.Default()
	return ModelSpec{
		Hash:            m.Hash(),
		Parameters:      m.Parameters(),
		Tokenizer:       TokenizerBuiltin,
		BytesPerToken:   1,
		MaxInputTokens:  BuiltinMaxInputTokens,
		MaxOutputTokens: BuiltinMaxOutputTokens,
		Verifier:        VerifierReexec,
	}
}

// ErrInvalidModel reports a registry entry that may not be stored.
var ErrInvalidModel = errors.New("invalid model")

// Validate checks a registry entry. The reasons are fixed strings of this
// package; governance sees them in InvalidParameter.
func (m *ModelSpec) Validate() error {
	bad := func(reason string) error { return fmt.Errorf("%w: %s", ErrInvalidModel, reason) }
	switch {
	case m.Hash == (proof.Hash{}):
		return bad("model hash is zero")
	case m.Parameters == 0:
		return bad("parameters must be positive")
	case m.MaxOutputTokens == 0:
		return bad("maxOutputTokens must be positive")
	}
	switch m.Tokenizer {
	case TokenizerBuiltin:
		if m.BytesPerToken != 1 {
			return bad("the builtin tokenizer counts one byte per token")
		}
	case TokenizerBytes:
		if m.BytesPerToken == 0 || m.BytesPerToken > MaxBytesPerToken {
			return bad(fmt.Sprintf("bytesPerToken must be 1..%d", MaxBytesPerToken))
		}
	default:
		return bad("tokenizer must be 1 (builtin) or 2 (bytes per token)")
	}
	switch m.Verifier {
	case VerifierReexec:
		// Proofs a reveal could not re-execute within the caps are refused
		// at submission (TokensOverLimit), never routed elsewhere.
		switch {
		case m.Tokenizer != TokenizerBuiltin || m.Hash != builtin.Default().Hash():
			return bad("only the builtin model is audited by re-execution")
		case m.MaxInputTokens > MaxReexecInput || m.MaxOutputTokens > ReexecEmbeddingBytes:
			return bad(fmt.Sprintf("a re-execution model's limits must be within the re-execution caps (%d input, %d output tokens)", MaxReexecInput, ReexecEmbeddingBytes))
		}
	case VerifierCommittee:
	default:
		return bad("verifier must be 1 (re-execution) or 2 (committee)")
	}
	return nil
}

// Tokens returns the tokens of n bytes under the entry's rule.
func (m *ModelSpec) Tokens(n int) uint64 { return reward.Tokens(n, uint64(m.BytesPerToken)) }

// ComputeUnits returns the compute units of a job of the given token
// counts on this model: reward.JobComputeUnits of its parameter count.
func (m *ModelSpec) ComputeUnits(inputTokens, outputTokens uint32) uint64 {
	return reward.JobComputeUnits(m.Parameters, inputTokens, outputTokens)
}

// ModelSlot returns the storage slot of a model's registry entry.
func ModelSlot(hash [32]byte) common.Hash {
	return derivedSlot("model", hash[:])
}

// modelSlotValue encodes a registry entry.
func modelSlotValue(m *ModelSpec) common.Hash {
	var v common.Hash
	v[0] = 1
	v[1] = byte(m.Verifier)
	v[2] = byte(m.Tokenizer)
	binary.BigEndian.PutUint16(v[3:5], m.BytesPerToken)
	binary.BigEndian.PutUint32(v[5:9], m.MaxInputTokens)
	binary.BigEndian.PutUint32(v[9:13], m.MaxOutputTokens)
	binary.BigEndian.PutUint64(v[13:21], m.Parameters)
	return v
}

// model reads a registry entry; ok is false when none is registered.
func (s store) model(hash [32]byte) (m ModelSpec, ok bool) {
	v := s.get(ModelSlot(hash))
	if v[0] != 1 {
		return ModelSpec{}, false
	}
	return ModelSpec{
		Hash:            hash,
		Verifier:        Verifier(v[1]),
		Tokenizer:       Tokenizer(v[2]),
		BytesPerToken:   binary.BigEndian.Uint16(v[3:5]),
		MaxInputTokens:  binary.BigEndian.Uint32(v[5:9]),
		MaxOutputTokens: binary.BigEndian.Uint32(v[9:13]),
		Parameters:      binary.BigEndian.Uint64(v[13:21]),
	}, true
}

// modelMethods are the registry functions.
func modelMethods() map[string]*method {
	return map[string]*method{
		"registerModel": {writes: true, gas: fixedGas(gasViewParams + GasColdSload + GasSstoreSet + logGas(2, 6*32)), run: (*call).registerModel},
		"removeModel":   {writes: true, gas: fixedGas(gasViewParams + GasColdSload + GasSstoreReset + logGas(2, 0)), run: (*call).removeModel},
		"modelInfo":     {gas: fixedGas(GasColdSload), run: (*call).modelInfo},
	}
}

// jobComputeUnits checks a proof against its model's registry entry and
// returns its compute units: the model must be registered, the output
// non-empty, both token counts within the model's limits and the compute
// units within the per-proof cap.
func (c *call) jobComputeUnits(p *Params, wp *proof.AIWorkProof) (uint64, error) {
	m, ok := c.st.model(wp.Context.ModelHash)
	return modelComputeUnits(p, wp.Context.ModelHash, m, ok, wp.InputTokens, wp.OutputTokens)
}

// modelComputeUnits is jobComputeUnits on a registry entry already read (m,
// ok as store.model returned them for modelHash) and signed token counts.
func modelComputeUnits(p *Params, modelHash proof.Hash, m ModelSpec, ok bool, in, out uint32) (uint64, error) {
	if !ok {
		return 0, revert("UnknownModel", [32]byte(modelHash))
	}
	if out == 0 {
		return 0, revert("ZeroOutputTokens")
	}
	if in > m.MaxInputTokens || out > m.MaxOutputTokens {
		return 0, revert("TokensOverLimit", in, out, m.MaxInputTokens, m.MaxOutputTokens)
	}
	// Every proof of a re-execution model must be re-executable in one
	// reveal: longer ones are refused here, never routed elsewhere.
	if m.Verifier == VerifierReexec && !ReexecFits(uint64(in), uint64(out)) {
		return 0, revert("TokensOverLimit", in, out, uint32(MaxReexecInput), uint32(MaxReexecOutput))
	}
	cu := m.ComputeUnits(in, out)
	if cu > p.MaxComputeUnitsPerProof {
		return 0, revert("OverCap", cu, p.MaxComputeUnitsPerProof)
	}
	return cu, nil
}

// registerModel(bytes32 modelHash, uint64 parameters, uint8 tokenizer,
// uint16 bytesPerToken, uint32 maxInputTokens, uint32 maxOutputTokens,
// uint8 verifier): governance only; replaces an existing entry.
func (c *call) registerModel(args []any) ([]any, error) {
	if err := c.onlyGovernance(); err != nil {
		return nil, err
	}
	m := ModelSpec{
		Hash:            proof.Hash(args[0].([32]byte)),
		Parameters:      args[1].(uint64),
		Tokenizer:       Tokenizer(args[2].(uint8)),
		BytesPerToken:   args[3].(uint16),
		MaxInputTokens:  args[4].(uint32),
		MaxOutputTokens: args[5].(uint32),
		Verifier:        Verifier(args[6].(uint8)),
	}
	if err := m.Validate(); err != nil {
		return nil, revert("InvalidParameter", err.Error()) // fixed text of ModelSpec.Validate
	}
	c.st.set(ModelSlot(m.Hash), modelSlotValue(&m))
	c.env.AddLog([]common.Hash{eventTopic("ModelRegistered"), common.Hash(m.Hash)},
		packEventData("ModelRegistered", m.Parameters, uint8(m.Tokenizer), m.BytesPerToken, m.MaxInputTokens, m.MaxOutputTokens, uint8(m.Verifier)))
	return nil, nil
}

// removeModel(bytes32 modelHash): governance only. Work already pending on
// the model keeps its reward; new proofs for it are refused.
func (c *call) removeModel(args []any) ([]any, error) {
	if err := c.onlyGovernance(); err != nil {
		return nil, err
	}
	h := args[0].([32]byte)
	if _, ok := c.st.model(h); !ok {
		return nil, revert("UnknownModel", h)
	}
	c.st.set(ModelSlot(h), common.Hash{})
	c.env.AddLog([]common.Hash{eventTopic("ModelRemoved"), h}, nil)
	return nil, nil
}

// modelInfo(bytes32) view returns (bool registered, uint64 parameters,
// uint8 tokenizer, uint16 bytesPerToken, uint32 maxInputTokens,
// uint32 maxOutputTokens, uint8 verifier)
func (c *call) modelInfo(args []any) ([]any, error) {
	m, ok := c.st.model(args[0].([32]byte))
	return []any{ok, m.Parameters, uint8(m.Tokenizer), m.BytesPerToken, m.MaxInputTokens, m.MaxOutputTokens, uint8(m.Verifier)}, nil
}

// modelSpecJSON is ModelSpec's JSON form: the hash as 0x-hex.
type modelSpecJSON struct {
	Hash            common.Hash `json:"hash"`
	Parameters      uint64      `json:"parameters"`
	Tokenizer       Tokenizer   `json:"tokenizer"`
	BytesPerToken   uint16      `json:"bytesPerToken"`
	MaxInputTokens  uint32      `json:"maxInputTokens"`
	MaxOutputTokens uint32      `json:"maxOutputTokens"`
	Verifier        Verifier    `json:"verifier"`
}

// MarshalJSON writes the hash as 0x-hex.
func (m ModelSpec) MarshalJSON() ([]byte, error) {
	return json.Marshal(modelSpecJSON{common.Hash(m.Hash), m.Parameters, m.Tokenizer, m.BytesPerToken, m.MaxInputTokens, m.MaxOutputTokens, m.Verifier})
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (m *ModelSpec) UnmarshalJSON(b []byte) error {
	var v modelSpecJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*m = ModelSpec{proof.Hash(v.Hash), v.Parameters, v.Tokenizer, v.BytesPerToken, v.MaxInputTokens, v.MaxOutputTokens, v.Verifier}
	return nil
}
