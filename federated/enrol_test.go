package federated_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/federated/participant"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func enrolRound(t *testing.T, s *sim, roundID uint64) (*federated.Round, federated.Params) {
	p := federated.Params{
		ChainID: simChain, RoundID: roundID, BaseModel: federated.QuantizeModel(s.model.Shape(), make([]float64, s.model.Size())),
		Rule: "median", Limits: simLimits, MinParticipants: 3, MaxParticipants: 64, Pool: uint256.NewInt(1_000_000),
		ValidationHash: federated.ValidationHash(s.validation),
	}
	r, err := federated.NewRound(p)
	require.NoError(t, err)
	return r, p
}

func signedEnrolment(t *testing.T, key *proof.PrivateKey, chain uint32, round uint64, recipient common.Address) *proof.FederatedEnrolment {
	e, err := participant.SignEnrolment(key, chain, round, recipient)
	require.NoError(t, err)
	return e
}

// TestEnrolmentRefusals: an enrolment must be a well-formed, signed
// proof.FederatedEnrolment of the key it enrols, for this chain and round,
// naming a non-zero recipient; each other kind is refused with its code.
func TestEnrolmentRefusals(t *testing.T) {
	s := newSim(t, 3, nil)
	victim, other := s.phones[0], s.phones[1]
	r, _ := enrolRound(t, s, 2)

	// The aggregator holding only the victim's public key cannot enrol
	// it: the old bare-key request is malformed, and an enrolment of the
	// victim's key signed by another key fails the signature check.
	forged := &proof.FederatedEnrolment{ChainID: simChain, RoundID: 2, Recipient: common.Address{0xaa}}
	require.NoError(t, forged.Sign(other.key, false))
	forged.ParticipantKey = victim.key.Public().Bytes()
	cases := map[string]struct {
		enc  []byte
		code string
	}{
		"bare public key": {victim.key.Public().Bytes(), federated.RefuseMalformed},
		"empty":           {nil, federated.RefuseMalformed},
		"too large":       {make([]byte, proof.MaxFederatedEnrolmentSize+1), federated.RefuseTooLarge},
		"other signer":    {forged.Encode(), federated.RefuseBadSignature},
		"replayed round":  {signedEnrolment(t, victim.key, simChain, 1, victim.recipient).Encode(), federated.RefuseWrongRound},
		"other chain":     {signedEnrolment(t, victim.key, simChain+1, 2, victim.recipient).Encode(), federated.RefuseWrongChain},
		"zero recipient":  {signedEnrolment(t, victim.key, simChain, 2, common.Address{}).Encode(), federated.RefuseZeroRecipient},
	}
	for name, c := range cases {
		_, ref := r.Enrol(c.enc)
		require.NotNil(t, ref, name)
		require.Equal(t, c.code, ref.Code, "%s: %v", name, ref)
	}
	// A bit flipped in the signature.
	e := signedEnrolment(t, victim.key, simChain, 2, victim.recipient)
	e.Signature[10] ^= 1
	_, ref := r.Enrol(e.Encode())
	require.Equal(t, federated.RefuseBadSignature, ref.Code)

	// The real enrolment is taken; sending it again is harmless; enrolling
	// the same key paying someone else is refused.
	good := signedEnrolment(t, victim.key, simChain, 2, victim.recipient).Encode()
	id, ref := r.Enrol(good)
	require.Nil(t, ref)
	require.Equal(t, victim.key.Public().ID(), id)
	_, ref = r.Enrol(good)
	require.Nil(t, ref)
	_, ref = r.Enrol(signedEnrolment(t, victim.key, simChain, 2, other.recipient).Encode())
	require.Equal(t, federated.RefuseAlreadyEnrolled, ref.Code)

	// Once enrolment is closed nothing is enrolled.
	for _, ph := range s.phones[1:] {
		s.enrol(t, r, ph, 2)
	}
	_, err := r.StartCollecting(proof.Hash{7})
	require.NoError(t, err)
	late, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{0x77})
	require.NoError(t, err)
	_, ref = r.Enrol(signedEnrolment(t, late, simChain, 2, common.Address{0x77}).Encode())
	require.Equal(t, federated.RefuseRoundClosed, ref.Code)
}

// TestUpdateMustPayEnrolledRecipient: an update paying another address
// than its participant enrolled with is refused, live and on replay of a
// transcript; a transcript whose enrolments do not check is refused.
func TestUpdateMustPayEnrolledRecipient(t *testing.T) {
	s := newSim(t, 4, nil)
	r, p := enrolRound(t, s, 1)
	for _, ph := range s.phones {
		s.enrol(t, r, ph, 1)
	}
	_, err := r.StartCollecting(proof.Hash{3})
	require.NoError(t, err)
	// Phone 0 signs an update paying phone 1's recipient.
	ph := s.phones[0]
	cfg := simTrain
	cfg.Seed = 1
	u, err := participant.MakeUpdate(ph.key, simChain, 1, p.BaseModel, s.model, ph.data, cfg, s.phones[1].recipient)
	require.NoError(t, err)
	_, _, ref := r.Submit(u.Encode())
	require.NotNil(t, ref)
	require.Equal(t, federated.RefuseRecipientMismatch, ref.Code)
	for _, ph := range s.phones {
		_, _, ref := r.Submit(s.update(t, ph, 1, p.BaseModel))
		require.Nil(t, ref)
	}
	tr, err := r.Close()
	require.NoError(t, err)
	require.Len(t, tr.Enrolments, len(s.phones))
	require.Len(t, tr.Enrolled, len(s.phones))
	want, err := federated.Recompute(tr, s.model, s.validation)
	require.NoError(t, err)

	// Enrolments out of step with the enrolled list, missing, or from
	// another round are caught.
	tamper := func(f func(tr *federated.Transcript)) error {
		c := *tr
		c.Enrolled = append([]proof.Hash(nil), tr.Enrolled...)
		c.Enrolments = append([][]byte(nil), tr.Enrolments...)
		c.Updates = append([][]byte(nil), tr.Updates...)
		f(&c)
		_, err := federated.Recompute(&c, s.model, s.validation)
		return err
	}
	require.Error(t, tamper(func(c *federated.Transcript) { c.Enrolments[0], c.Enrolments[1] = c.Enrolments[1], c.Enrolments[0] }))
	require.Error(t, tamper(func(c *federated.Transcript) { c.Enrolments = c.Enrolments[1:] }))
	require.Error(t, tamper(func(c *federated.Transcript) {
		c.Enrolments[0] = signedEnrolment(t, s.phones[0].key, simChain, 9, s.phones[0].recipient).Encode()
	}))
	// Enrolments re-signed with every phone paying its neighbour's address
	// verify, but no update pays what its enrolment names.
	err = tamper(func(c *federated.Transcript) {
		for j, ph := range s.phones {
			c.Enrolments[j] = signedEnrolment(t, ph.key, simChain, 1, s.phones[(j+1)%len(s.phones)].recipient).Encode()
		}
	})
	require.ErrorContains(t, err, federated.RefuseRecipientMismatch)
	// Untampered, the transcript recomputes to the same result.
	again, err := federated.Recompute(tr, s.model, s.validation)
	require.NoError(t, err)
	require.Equal(t, want, again)
}
