package builtin

import (
	"context"
)

// Decoder produces the greedy continuation of an input one token at a
// time, for callers that stream the output or stop early (a stop
// sequence). The first n tokens it produces are exactly
// Generate(ctx, input, n): greedy decoding makes every shorter output a
// prefix of a longer one, so an output cut at a stop sequence is
// reproduced by Generate with its own length.
type Decoder struct {
	m       *Model
	h, next []int32
	pending bool // the last token is not yet fed back
	last    byte
}

// NewDecoder runs the network over input and returns a decoder for its
// continuation. It checks ctx between input tokens.
func (m *Model) NewDecoder(ctx context.Context, input []byte) (*Decoder, error) {
	d := &Decoder{m: m, h: make([]int32, HiddenDim), next: make([]int32, HiddenDim)}
	for _, x := range input {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.step(d.h, d.next, x)
	}
	return d, nil
}

// Next returns the next output token (a printable ASCII byte).
func (d *Decoder) Next() byte {
	if d.pending {
		d.m.step(d.h, d.next, d.last)
	}
	d.last, d.pending = d.m.predict(d.h), true
	return d.last
}
