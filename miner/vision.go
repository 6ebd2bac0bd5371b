package miner

import (
	"context"
	"fmt"

	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner/openai"
)

// Vision jobs. A gateway job of capability vision carries the canonical
// vision input (gateway.EncodeVisionInput): the conversation with its
// images, whose hash is the ticket's and the proof's input hash. The miner
// decodes it and hands the messages to a back-end that sees images; the
// proof's output is the answer's text, as for any generation. Only a
// back-end that implements VisionGenerator for a model is offered to the
// gateway with the vision capability (an openai back-end model with
// vision = true).

// VisionGenerator is a back-end that answers conversations with images.
type VisionGenerator interface {
	// Sees reports whether GenerateVision serves model.
	Sees(model string) bool
	// GenerateVision answers the conversation with the job's limits.
	GenerateVision(ctx context.Context, model string, msgs []gateway.VisionMessage, o GenerateOptions) (Generation, error)
}

// Sees implements VisionGenerator: the models configured with vision = true.
func (b *OpenAIBackend) Sees(model string) bool { return b.vision[model] }

// GenerateVision implements VisionGenerator: one chat completion whose
// messages carry OpenAI content parts, each image as a base64 data URL of
// the exact bytes the client sent.
func (b *OpenAIBackend) GenerateVision(ctx context.Context, model string, msgs []gateway.VisionMessage, o GenerateOptions) (Generation, error) {
	served, ok := b.served[model]
	if !ok || !b.vision[model] {
		return Generation{}, fmt.Errorf("openai back-end has no vision model %q configured", model)
	}
	out, finish, err := b.client.GenerateParts(ctx, served, PartsMessages(msgs), b.params(o))
	if err != nil {
		return Generation{}, err
	}
	return emitWhole(out, finish, o)
}

// PartsMessages converts a vision conversation into OpenAI content parts.
func PartsMessages(msgs []gateway.VisionMessage) []openai.PartsMessage {
	out := make([]openai.PartsMessage, len(msgs))
	for i, m := range msgs {
		pm := openai.PartsMessage{Role: m.Role, Content: make([]openai.ContentPart, len(m.Parts))}
		for k, p := range m.Parts {
			if p.IsImage() {
				pm.Content[k] = openai.ContentPart{Type: "image_url", ImageURL: &openai.ImageURL{URL: p.DataURL()}}
			} else {
				pm.Content[k] = openai.ContentPart{Type: "text", Text: p.Text}
			}
		}
		out[i] = pm
	}
	return out
}

// visionOf returns the VisionGenerator under b that sees model: b itself,
// or a back-end a wrapper hands on by Unwrap.
func visionOf(b Backend, model string) (VisionGenerator, bool) {
	for b != nil {
		if v, ok := b.(VisionGenerator); ok && v.Sees(model) {
			return v, true
		}
		w, ok := b.(interface{ Unwrap() Backend })
		if !ok {
			return nil, false
		}
		b = w.Unwrap()
	}
	return nil, false
}

// visionBackend runs a vision job through Prove: Infer decodes the
// canonical input and answers it; it records why the output ended.
type visionBackend struct {
	Backend
	v      VisionGenerator
	opts   GenerateOptions
	finish string
}

// Infer implements Backend for a canonical vision input.
func (b *visionBackend) Infer(ctx context.Context, model string, input []byte) ([]byte, error) {
	msgs, err := gateway.DecodeVisionInput(input)
	if err != nil {
		return nil, err
	}
	gen, err := b.v.GenerateVision(ctx, model, msgs, b.opts)
	if err != nil {
		return nil, err
	}
	b.finish = gen.FinishReason
	return gen.Output, nil
}
