package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// A committee drawn for a batch item reads the item's claim from the
// revealBatchItem calldata, as it reads a proof's from reveal's; other
// calls and truncated calldata are refused, never half-read.
func TestDecodeRevealItemCall(t *testing.T) {
	it := proof.BatchItem{
		Seq: 7, JobID: proof.Hash{1}, ModelHash: proof.Hash{2}, InputHash: proof.HashInput([]byte("in")), DeviceID: proof.Hash{4},
		Nonce: proof.Hash{5}, Timestamp: 1_800_000_000, OutputHash: proof.HashOutput([]byte("out")), InputTokens: 3, OutputTokens: 9,
	}
	id := [32]byte{0xba}
	data, err := precompile.ABI().Pack("revealBatchItem", id, uint16(3), [32]byte{0x77}, uint16(2), it.Encode(),
		[][32]byte{{1}, {2}}, []byte("in"), []byte("out"))
	require.NoError(t, err)
	rv, err := audit.DecodeRevealCall(data)
	require.NoError(t, err)
	require.Equal(t, proof.Hash(id), rv.WorkID)
	require.Equal(t, precompile.ReexecClaim{ModelHash: it.ModelHash, InputHash: it.InputHash, OutputHash: it.OutputHash,
		InputTokens: 3, OutputTokens: 9}, rv.Claim)
	require.Equal(t, []byte("in"), rv.Input)
	require.Equal(t, []byte("out"), rv.Output)

	for name, bad := range map[string][]byte{
		"truncated":      data[:len(data)-40],
		"another call":   append(precompile.ABI().Methods["settleAudit"].ID, id[:]...),
		"no selector":    data[:3],
		"item too short": mustPack(t, "revealBatchItem", id, uint16(3), [32]byte{}, uint16(0), it.Encode()[:10], [][32]byte{}, []byte{}, []byte{}),
	} {
		_, err := audit.DecodeRevealCall(bad)
		require.Error(t, err, name)
	}
}

func mustPack(t *testing.T, name string, args ...any) []byte {
	t.Helper()
	b, err := precompile.ABI().Pack(name, args...)
	require.NoError(t, err)
	return b
}
