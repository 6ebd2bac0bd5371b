package miner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// ModelInfo identifies a model and carries what the compute-unit metric
// needs. The back-end fills it from the model or the configuration; the
// miner replaces Parameters, BytesPerToken and the token limits with the
// chain's model registry entry when it starts (LoadChainRules), so what it
// signs and estimates is what the chain computes.
type ModelInfo struct {
	Name          string     // the model's name in the configuration
	Hash          proof.Hash // proof.HashModel of its weights
	Parameters    uint64     // parameter count
	BytesPerToken uint64     // bytes per token (1 for the builtin model)
	// MaxInputTokens and MaxOutputTokens are the chain's limits of one job
	// (0: not known yet).
	MaxInputTokens, MaxOutputTokens uint32
}

// Backend runs inference.
type Backend interface {
	// Model describes a model the back-end offers.
	Model(name string) (ModelInfo, bool)
	// Infer runs model on input and returns the output bytes.
	Infer(ctx context.Context, model string, input []byte) ([]byte, error)
}

// Embedder is a back-end that also computes embeddings (the gateway's
// embedding capability). The canonical output of an embedding job, the
// bytes its proof hashes, is builtin.EncodeEmbedding of the vector.
type Embedder interface {
	// Embeds reports whether Embed serves model.
	Embeds(model string) bool
	// Embed returns the embedding of input under model.
	Embed(ctx context.Context, model string, input []byte) ([]float32, error)
}

// BuiltinBackend runs the built-in CPU model in-process.
type BuiltinBackend struct {
	model     *builtin.Model
	maxTokens int
}

// NewBuiltinBackend returns the built-in back-end generating maxTokens
// output tokens per job.
func NewBuiltinBackend(maxTokens int) *BuiltinBackend {
	return &BuiltinBackend{model: builtin.Default(), maxTokens: maxTokens}
}

// Model implements Backend.
func (b *BuiltinBackend) Model(name string) (ModelInfo, bool) {
	if name != builtin.Name {
		return ModelInfo{}, false
	}
	return ModelInfo{Name: builtin.Name, Hash: b.model.Hash(), Parameters: b.model.Parameters(), BytesPerToken: 1,
		MaxInputTokens: precompile.BuiltinMaxInputTokens, MaxOutputTokens: precompile.BuiltinMaxOutputTokens}, true
}

// Infer implements Backend.
func (b *BuiltinBackend) Infer(ctx context.Context, model string, input []byte) ([]byte, error) {
	if model != builtin.Name {
		return nil, fmt.Errorf("builtin back-end has no model %q", model)
	}
	return b.model.Generate(ctx, input, b.maxTokens)
}

// Embeds implements Embedder.
func (b *BuiltinBackend) Embeds(model string) bool { return model == builtin.Name }

// Embed implements Embedder: the built-in model's pooled hidden state.
func (b *BuiltinBackend) Embed(ctx context.Context, model string, input []byte) ([]float32, error) {
	if model != builtin.Name {
		return nil, fmt.Errorf("builtin back-end has no model %q", model)
	}
	return b.model.Embed(ctx, input)
}

// OpenAIBackend runs inference on an OpenAI-compatible server.
type OpenAIBackend struct {
	client    *openai.Client
	models    map[string]ModelInfo
	served    map[string]string
	vision    map[string]bool
	maxTokens int
}

// NewOpenAIBackend builds the HTTP back-end described by cfg: it hashes
// each model's weights file (streaming) or takes its configured hash.
func NewOpenAIBackend(cfg *Config) (*OpenAIBackend, error) {
	return newOpenAIBackend(cfg, nil)
}

// newOpenAIBackend is NewOpenAIBackend showing the hashing of large
// weights files on standard error when it is a terminal, else on log.
func newOpenAIBackend(cfg *Config, log *slog.Logger) (*OpenAIBackend, error) {
	bc := cfg.Backend
	apiKey := ""
	if bc.APIKeyEnv != "" {
		v, ok := os.LookupEnv(bc.APIKeyEnv)
		if !ok {
			return nil, fmt.Errorf("backend.api_key_env: environment variable %s is not set", bc.APIKeyEnv)
		}
		apiKey = v
	}
	client, err := openai.NewClient(bc.URL, openai.Options{APIKey: apiKey, Timeout: bc.Timeout})
	if err != nil {
		return nil, err
	}
	b := &OpenAIBackend{client: client, models: map[string]ModelInfo{}, served: map[string]string{}, vision: map[string]bool{}, maxTokens: bc.MaxTokens}
	for _, mc := range bc.Models {
		info := ModelInfo{Name: mc.Name, Parameters: mc.Parameters, BytesPerToken: mc.BytesPerToken}
		if mc.Hash != "" {
			if info.Hash, err = parseHash(mc.Hash); err != nil {
				return nil, fmt.Errorf("backend model %s: %w", mc.Name, err)
			}
		} else if info.Hash, err = hashWeightsFile(cfg.ResolvePath(mc.Weights), log); err != nil {
			return nil, fmt.Errorf("backend model %s: %w", mc.Name, err)
		}
		b.models[mc.Name] = info
		b.served[mc.Name] = mc.ServedName
		b.vision[mc.Name] = mc.Vision
	}
	return b, nil
}

// progressMinBytes is the smallest weights file whose hashing shows its
// progress.
const progressMinBytes = 64 << 20

// hashWeightsFile hashes a (possibly multi-gigabyte) weights file,
// streaming; a large one shows its progress (NewProgress).
func hashWeightsFile(path string, log *slog.Logger) (proof.Hash, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return proof.Hash{}, fmt.Errorf("weights file %s does not exist", path)
		}
		return proof.Hash{}, fmt.Errorf("open weights: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if st, err := f.Stat(); err == nil && st.Size() >= progressMinBytes {
		pr := NewProgress(os.Stderr, log, "hashing weights "+filepath.Base(path), st.Size())
		defer pr.Finish()
		r = io.TeeReader(f, pr)
	}
	h, err := proof.HashModel(r)
	if err != nil {
		return proof.Hash{}, fmt.Errorf("hash weights %s: %w", path, err)
	}
	return h, nil
}

// Model implements Backend.
func (b *OpenAIBackend) Model(name string) (ModelInfo, bool) {
	info, ok := b.models[name]
	return info, ok
}

// Infer implements Backend. The input is sent as one user message; the
// output is the first choice's content.
func (b *OpenAIBackend) Infer(ctx context.Context, model string, input []byte) ([]byte, error) {
	served, ok := b.served[model]
	if !ok {
		return nil, fmt.Errorf("openai back-end has no model %q configured", model)
	}
	out, err := b.client.Complete(ctx, served, string(input), b.maxTokens)
	if err != nil {
		return nil, err
	}
	return []byte(out), nil
}

// Check asks the server for its models. It fails when the server cannot be
// reached and returns the configured served names the server does not list
// (some servers list models under other names, so that is not an error).
func (b *OpenAIBackend) Check(ctx context.Context) (missing []string, err error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	ids, err := b.client.Models(ctx)
	if err != nil {
		return nil, fmt.Errorf("inference back-end at %s: %w", b.client.Endpoint("models"), err)
	}
	for name, served := range b.served {
		if !slices.Contains(ids, served) {
			missing = append(missing, fmt.Sprintf("%s (served as %q)", name, served))
		}
	}
	slices.Sort(missing)
	return missing, nil
}

// DeviceID returns the 32-byte device id placed in WorkContexts computed by
// the device named name on a back-end of kind backendKind, when the device
// does not attest: proof.SoftwareDeviceID(backendKind, name). An attested
// GPU uses its registered device id instead.
func DeviceID(backendKind, name string) proof.Hash {
	return proof.SoftwareDeviceID(backendKind, name)
}
