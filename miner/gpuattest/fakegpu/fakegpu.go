// Package fakegpu is a software GPU for tests of the attested mining path:
// an gpuattest.EvidenceSource backed by an nvtrusttest device, which signs
// SPDM reports for any nonce with a key under a test root.
package fakegpu

import (
	"context"
	"sync"

	"github.com/pars-network/aimining/attest/nvtrust/nvtrusttest"
)

// GPU is a fake attesting GPU.
type GPU struct {
	Device *nvtrusttest.Device

	mu     sync.Mutex
	err    error
	nonces [][32]byte
}

// New returns a fake GPU for d (nvtrusttest.NewDevice).
func New(d *nvtrusttest.Device) *GPU { return &GPU{Device: d} }

// Fail makes every later Evidence call fail with err (nil: succeed again).
func (g *GPU) Fail(err error) { g.mu.Lock(); g.err = err; g.mu.Unlock() }

// Nonces returns the nonces the GPU was asked to answer, in order.
func (g *GPU) Nonces() [][32]byte {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([][32]byte(nil), g.nonces...)
}

// Evidence implements gpuattest.EvidenceSource.
func (g *GPU) Evidence(ctx context.Context, nonce [32]byte) ([]byte, []byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.err != nil {
		return nil, nil, g.err
	}
	g.nonces = append(g.nonces, nonce)
	return g.Device.Report(nonce), g.Device.ChainDER(), nil
}

// Describe implements gpuattest.EvidenceSource.
func (g *GPU) Describe() string { return "software test GPU (" + g.Device.Chip + ")" }
