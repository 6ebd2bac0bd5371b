package gateway

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// fakeRegistry is a device registry in memory that counts its reads.
type fakeRegistry struct {
	mu      sync.Mutex
	devices map[proof.Hash]DeviceRecord
	err     error
	reads   int
}

func (f *fakeRegistry) DeviceInfo(_ context.Context, id proof.Hash) (DeviceRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	if f.err != nil {
		return DeviceRecord{}, f.err
	}
	return f.devices[id], nil
}

func (f *fakeRegistry) readCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads
}

func TestChainAttestationDecision(t *testing.T) {
	key := testKey(t, 2).Public().Bytes()
	miner := proof.MinerID(key)
	other := proof.MinerID(testKey(t, 3).Public().Bytes())
	good := DeviceRecord{Known: true, MinerID: miner, Tier: nvtrust.TierAttested}
	dev := proof.Hash{0xd1}
	tests := []struct {
		name     string
		rec      DeviceRecord
		evidence []byte
		err      error
		want     bool
	}{
		{"attested device bound to the miner", good, DeviceClaim(dev), nil, true},
		{"a report after the device id is ignored", good, append(DeviceClaim(dev), 1, 2, 3), nil, true},
		{"no claim", good, nil, nil, false},
		{"malformed claim", good, DeviceClaim(dev)[:20], nil, false},
		{"wrong claim version", good, append([]byte{2}, dev[:]...), nil, false},
		{"unknown device", DeviceRecord{}, DeviceClaim(dev), nil, false},
		{"revoked", DeviceRecord{Known: true, MinerID: miner, Tier: nvtrust.TierAttested, Revoked: true}, DeviceClaim(dev), nil, false},
		{"software tier", DeviceRecord{Known: true, MinerID: miner, Tier: nvtrust.TierSoftware}, DeviceClaim(dev), nil, false},
		{"bound to another miner", DeviceRecord{Known: true, MinerID: other, Tier: nvtrust.TierAttested}, DeviceClaim(dev), nil, false},
		{"registry unreachable", good, DeviceClaim(dev), errors.New("connection refused"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := &fakeRegistry{devices: map[proof.Hash]DeviceRecord{dev: tt.rec}, err: tt.err}
			require.Equal(t, tt.want, ChainAttestation(reg, time.Second, nil)(key, proof.Hash{}, tt.evidence))
		})
	}
}

// TestAttestedFirstFromRegistry: a miner whose claimed device the registry
// attests ranks as attested and gets a job before a software-only miner;
// a miner claiming someone else's device does not; the registry is read
// once per registration, not per job.
func TestAttestedFirstFromRegistry(t *testing.T) {
	devA := proof.Hash{0xa1}
	idA := proof.MinerID(testKey(t, 2).Public().Bytes())
	reg := &fakeRegistry{devices: map[proof.Hash]DeviceRecord{devA: {Known: true, MinerID: idA, Tier: nvtrust.TierAttested}}}
	g, addr, _ := start(t, Config{Attested: ChainAttestation(reg, time.Second, nil)})
	dial := func(n byte, claim []byte) *Client {
		cl, err := Dial(context.Background(), addr, ClientOptions{ChainID: 6133, Key: testKey(t, n),
			Models:      []ModelOffer{{Name: testModel.Name, Hash: testModel.Hash, Capabilities: []Capability{LLMInference}}},
			Attestation: func(proof.Hash) []byte { return claim }})
		require.NoError(t, err)
		t.Cleanup(func() { cl.Close() })
		return cl
	}
	soft := dial(3, nil)
	thief := dial(4, DeviceClaim(devA)) // devA is bound to miner 2
	attested := dial(2, DeviceClaim(devA))
	require.False(t, soft.Attested())
	require.False(t, thief.Attested())
	require.True(t, attested.Attested())
	require.Equal(t, 2, reg.readCount(), "claims are read at registration; no claim, no read")

	for i := 0; i < 3; i++ {
		got := make(chan *Client, 3)
		for _, cl := range []*Client{soft, thief, attested} {
			go func(cl *Client) {
				j, err := cl.NextJob(context.Background(), 700*time.Millisecond)
				if err == nil && j != nil {
					cl.SendResult(context.Background(), &Result{LeaseID: j.LeaseID, OK: true, Output: []byte("ok")})
					got <- cl
				} else {
					got <- nil
				}
			}(cl)
		}
		require.Eventually(t, func() bool { g.mu.Lock(); defer g.mu.Unlock(); return len(g.waiting) == 3 }, 5*time.Second, time.Millisecond)
		a, err := g.Do(context.Background(), Request{Kind: LLMInference, Model: testModel.Name, Input: []byte("x")})
		require.NoError(t, err)
		require.Equal(t, idA, a.MinerID, "the attested miner is served first")
		var winners int
		for range 3 {
			if cl := <-got; cl != nil {
				require.Same(t, attested, cl)
				winners++
			}
		}
		require.Equal(t, 1, winners)
	}
	require.Equal(t, 2, reg.readCount(), "jobs do not read the registry")
	for _, m := range g.Miners() {
		require.Equal(t, m.ID == idA, m.Attested)
	}
}

// TestRPCRegistry reads deviceInfo from a node over JSON-RPC: an unknown
// device is not an error, and a node of another chain is refused.
func TestRPCRegistry(t *testing.T) {
	node, err := minertest.New(6133, precompile.DefaultParams([20]byte{0xaa}), uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	t.Cleanup(stop)
	_, err = DialRegistry(t.Context(), url, 7)
	require.ErrorContains(t, err, "serves chain 6133")
	reg, err := DialRegistry(t.Context(), url, 6133)
	require.NoError(t, err)
	defer reg.Close()
	rec, err := reg.DeviceInfo(t.Context(), proof.Hash{0x77})
	require.NoError(t, err)
	require.False(t, rec.Known)

	// A registered device's record decodes from deviceInfo's ABI output.
	miner := [32]byte{0x5e}
	out, err := precompile.ABI().Methods["deviceInfo"].Outputs.Pack(miner, uint8(nvtrust.TierAttested), true, uint32(3), uint64(99), "GH100", []byte{1, 2})
	require.NoError(t, err)
	rec, err = decodeDeviceInfo(out)
	require.NoError(t, err)
	require.Equal(t, DeviceRecord{Known: true, MinerID: proof.Hash(miner), Tier: nvtrust.TierAttested, Revoked: true}, rec)
}
