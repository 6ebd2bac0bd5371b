package precompiletest_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
)

const t0 = 1_700_000_000

func newChain(t *testing.T) *precompiletest.Chain {
	t.Helper()
	c, err := precompiletest.NewChain(6133, precompile.DefaultParams(common.Address{1}), t0)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// blockHash reads Env.BlockHash(n) inside a call frame.
func blockHash(t *testing.T, c *precompiletest.Chain, n uint64) common.Hash {
	t.Helper()
	r := c.Run(precompiletest.Frame{}, func(env precompile.Env) ([]byte, error) {
		h := env.BlockHash(n)
		return h[:], nil
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return common.BytesToHash(r.Ret)
}

func TestBlockHashWindow(t *testing.T) {
	for _, tc := range []struct {
		name    string
		current uint64
		n       uint64
		known   bool
	}{
		{"parent", 300, 299, true},
		{"oldest in window", 300, 300 - precompile.BlockHashWindow, true},
		{"just out of window", 300, 300 - precompile.BlockHashWindow - 1, false},
		{"current block", 300, 300, false},
		{"future block", 300, 301, false},
		{"max uint64", 300, ^uint64(0), false},
		{"genesis from block 5", 5, 0, true},
		{"genesis from block 256", 256, 0, true},
		{"genesis from block 257", 257, 0, false},
		{"block 1 from block 257", 257, 1, true},
		{"genesis at genesis", 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			c.SetBlock(tc.current, t0+tc.current)
			got := blockHash(t, c, tc.n)
			if !tc.known {
				if got != (common.Hash{}) {
					t.Fatalf("BlockHash(%d) at %d = %x, want zero", tc.n, tc.current, got)
				}
				return
			}
			h := c.Header(tc.n)
			if h == nil {
				t.Fatalf("no header %d", tc.n)
			}
			if got != h.Hash() || got == (common.Hash{}) {
				t.Fatalf("BlockHash(%d) at %d = %x, want header hash %x", tc.n, tc.current, got, h.Hash())
			}
		})
	}
}

func TestHeadersLinkAndReorganise(t *testing.T) {
	c := newChain(t)
	for n := uint64(2); n <= 20; n++ {
		c.SetBlock(n, t0+10*n)
	}
	seen := map[common.Hash]uint64{}
	for n := uint64(1); n <= 20; n++ {
		h, p := c.Header(n), c.Header(n-1)
		if h.ParentHash != p.Hash() {
			t.Fatalf("header %d does not link to header %d", n, n-1)
		}
		if prev, dup := seen[h.Hash()]; dup {
			t.Fatalf("headers %d and %d share a hash", n, prev)
		}
		seen[h.Hash()] = n
	}
	before := blockHash(t, c, 15)

	// Going back to the same block and time keeps the chain.
	c.SetBlock(15, t0+150)
	c.SetBlock(20, t0+200)
	if got := blockHash(t, c, 15); got != before {
		t.Fatalf("same header changed the hash of block 15: %x != %x", got, before)
	}
	// Another time at block 15 is another block: it and its descendants change.
	c.SetBlock(15, t0+151)
	c.SetBlock(20, t0+200)
	if got := blockHash(t, c, 15); got == before || got != c.Header(15).Hash() {
		t.Fatalf("reorganised block 15 hash %x (before %x, header %x)", got, before, c.Header(15).Hash())
	}
	if c.Header(16).ParentHash != c.Header(15).Hash() {
		t.Fatal("block 16 does not link to the new block 15")
	}
	if got := blockHash(t, c, 14); got != c.Header(14).Hash() || got == (common.Hash{}) {
		t.Fatal("block 14 lost its hash")
	}
}

func TestLongJumpKeepsWindow(t *testing.T) {
	c := newChain(t)
	const far = 1 << 40
	c.SetBlock(far, t0+far)
	for _, n := range []uint64{far - 1, far - 100, far - precompile.BlockHashWindow} {
		if got := blockHash(t, c, n); got == (common.Hash{}) || got != c.Header(n).Hash() {
			t.Fatalf("BlockHash(%d) = %x", n, got)
		}
	}
	if got := blockHash(t, c, far-precompile.BlockHashWindow-1); got != (common.Hash{}) {
		t.Fatalf("block below the window has hash %x", got)
	}
}
