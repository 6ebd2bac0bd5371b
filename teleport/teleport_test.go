package teleport

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func keys(t *testing.T, n int, set byte) ([]*proof.PrivateKey, Set) {
	ks := make([]*proof.PrivateKey, n)
	s := Set{Threshold: 2, IDs: make([]proof.Hash, n)}
	for i := range ks {
		k, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{0: set, 1: byte(i)})
		require.NoError(t, err)
		ks[i], s.IDs[i] = k, SignerID(k.Public().Bytes())
	}
	return ks, s
}

func message() *proof.TeleportMessage {
	m := &proof.TeleportMessage{SourceChain: 6133, DestinationChain: 200200, Sequence: 1, Recipient: common.Address{1}}
	m.Amount.SetUint64(5)
	return m
}

func sigs(t *testing.T, m *proof.TeleportMessage, ks []*proof.PrivateKey, idx ...uint8) []Signature {
	out := make([]Signature, len(idx))
	for i, j := range idx {
		sig, err := proof.SignTeleport(m, ks[j], true)
		require.NoError(t, err)
		out[i] = Signature{Index: j, PublicKey: ks[j].Public().Bytes(), Signature: sig}
	}
	return out
}

func TestCheckQuorum(t *testing.T) {
	ks, set := keys(t, 3, 1)
	others, _ := keys(t, 3, 2)
	m := message()
	enc := m.Encode()
	require.NoError(t, set.Check(enc, sigs(t, m, ks, 0, 2)))
	require.NoError(t, set.Check(enc, sigs(t, m, ks, 2, 1, 0)))

	fail := func(want Failure, s []Signature) {
		t.Helper()
		var qe *QuorumError
		require.True(t, errors.As(set.Check(enc, s), &qe))
		require.Equal(t, want, qe.Failure, qe.Error())
	}
	fail(NotEnoughSigners, sigs(t, m, ks, 1))
	fail(NotEnoughSigners, nil)
	fail(DuplicateSigner, sigs(t, m, ks, 1, 1))
	fail(UnknownSigner, sigs(t, m, others, 0, 1))
	bad := sigs(t, m, ks, 0, 1)
	bad[1].Index = 7
	fail(UnknownSigner, bad)
	bad = sigs(t, m, ks, 0, 1)
	bad[0].Signature[3] ^= 1
	fail(BadSignature, bad)
	tampered := *m
	tampered.Amount.SetUint64(6)
	var qe *QuorumError
	require.True(t, errors.As(set.Check(tampered.Encode(), sigs(t, m, ks, 0, 1)), &qe))
	require.Equal(t, BadSignature, qe.Failure)
}

func TestSetValidate(t *testing.T) {
	_, set := keys(t, 3, 1)
	require.NoError(t, set.Validate())
	for name, s := range map[string]Set{
		"empty":          {Threshold: 1},
		"threshold zero": {Threshold: 0, IDs: set.IDs},
		"threshold high": {Threshold: 4, IDs: set.IDs},
		"duplicate":      {Threshold: 1, IDs: []proof.Hash{set.IDs[0], set.IDs[0]}},
		"too many":       {Threshold: 1, IDs: make([]proof.Hash, MaxSigners+1)},
	} {
		require.ErrorIs(t, s.Validate(), ErrInvalidSet, name)
	}
	i, ok := set.Index(nil)
	require.False(t, ok)
	require.Zero(t, i)
}

func TestSignedMessageVerify(t *testing.T) {
	ks, _ := keys(t, 1, 1)
	m := message()
	sig, err := proof.SignTeleport(m, ks[0], false)
	require.NoError(t, err)
	sm := SignedMessage{ID: common.Hash(m.ID()), Message: m.Encode(), PublicKey: ks[0].Public().Bytes(), Signature: sig}
	got, err := sm.Verify()
	require.NoError(t, err)
	require.Equal(t, m, got)
	sm.ID[0] ^= 1
	_, err = sm.Verify()
	require.Error(t, err)
}
