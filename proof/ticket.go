package proof

import (
	"encoding/binary"
	"fmt"
)

// TicketVersion is the version byte of an encoded JobTicket. Version 1
// tickets named no miner, so anyone who saw one could redeem it with their
// own key; version 2 binds the ticket to the miner it was leased to.
// DecodeJobTicket refuses every other version.
const TicketVersion byte = 2

// Sizes of encoded job tickets and miner registrations.
const (
	// ticketFixedSize is everything before the gateway's public key: the
	// ticketed fields and the public-key length.
	ticketFixedSize = 1 + 4 + 32 + 32 + 32 + 32 + 8 + 8 + 2
	// MinTicketSize is the size of the smallest valid ticket (ML-DSA-44).
	MinTicketSize = ticketFixedSize + PublicKeySize44 + SignatureSize44
	// MaxTicketSize is the size of the largest valid ticket (ML-DSA-87).
	MaxTicketSize = ticketFixedSize + PublicKeySize87 + SignatureSize87
	// MinerRegistrationSize is the size of an encoded MinerRegistration.
	MinerRegistrationSize = 1 + 4 + 32 + 32 + 32
)

// JobTicket is what a gateway signs for each lease of a job to a miner:
// the job, the miner it is leased to, the model and input the miner must
// compute, how many compute units the work may claim, until when it may be
// redeemed and on which chain. A miner binds the ticket into its
// WorkContext (JobID = the ticket's ID, model and input hashes equal) and
// signs the proof with the key the ticket names; the precompile, when
// governance asks it to, rewards only work that carries a ticket of a
// registered gateway, signed by the miner the ticket names.
type JobTicket struct {
	ChainID    uint32 // the only chain the work may be rewarded on
	JobID      Hash   // the gateway's own id of the job
	MinerID    Hash   // MinerID of the key of the only miner that may redeem it
	ModelHash  Hash   // HashModel of the model the job asks for
	InputHash  Hash   // HashInput of the job's input
	Budget     uint64 // most compute units the work may claim
	Expiry     uint64 // unix seconds; redeemable while block time <= Expiry
	GatewayKey []byte // the gateway's encoded ML-DSA public key
	Signature  []byte // the gateway's ML-DSA signature under ContextJobTicket
}

// SigningMessage returns the bytes the gateway signs: the canonical
// encoding without the signature.
//
//	version(1)=2 chain_id(4) job_id(32) miner_id(32) model_hash(32)
//	input_hash(32) budget(8) expiry(8) public_key_length(2) public_key
func (t *JobTicket) SigningMessage() []byte {
	return t.appendSigned(make([]byte, 0, ticketFixedSize+len(t.GatewayKey)))
}

func (t *JobTicket) appendSigned(b []byte) []byte {
	b = append(b, TicketVersion)
	b = binary.BigEndian.AppendUint32(b, t.ChainID)
	b = append(b, t.JobID[:]...)
	b = append(b, t.MinerID[:]...)
	b = append(b, t.ModelHash[:]...)
	b = append(b, t.InputHash[:]...)
	b = binary.BigEndian.AppendUint64(b, t.Budget)
	b = binary.BigEndian.AppendUint64(b, t.Expiry)
	b = binary.BigEndian.AppendUint16(b, uint16(len(t.GatewayKey)))
	return append(b, t.GatewayKey...)
}

// Encode returns the canonical encoding: SigningMessage followed by the
// signature. It does not check the ticket; DecodeJobTicket does.
func (t *JobTicket) Encode() []byte {
	b := make([]byte, 0, ticketFixedSize+len(t.GatewayKey)+len(t.Signature))
	return append(t.appendSigned(b), t.Signature...)
}

// ID returns the ticket id: BLAKE3 of the signing message under
// DomainJobTicket. It covers every signed field and the gateway's key, but
// not the signature (hedged ML-DSA signatures of the same message differ).
// A miner puts it in WorkContext.JobID; the precompile redeems each id once.
func (t *JobTicket) ID() Hash { return DomainJobTicket.Sum(t.SigningMessage()) }

// GatewayID returns the id of the gateway's key (MinerID of the key: the
// same key-id derivation every ML-DSA key of the protocol uses).
func (t *JobTicket) GatewayID() Hash { return MinerID(t.GatewayKey) }

// DecodeJobTicket decodes a canonical JobTicket strictly: version
// TicketVersion (checked first, so an old ticket is refused for its
// version, not its length), a non-zero chain id, miner id and budget, a
// public-key length of one ML-DSA parameter set, a signature of exactly
// that set's size and no trailing bytes. It does not verify the signature.
func DecodeJobTicket(b []byte) (*JobTicket, error) {
	if len(b) > 0 && b[0] != TicketVersion {
		reason := fmt.Sprintf("ticket version %d, want %d", b[0], TicketVersion)
		if b[0] < TicketVersion {
			reason = fmt.Sprintf("ticket version %d is no longer accepted (it names no miner); want %d", b[0], TicketVersion)
		}
		return nil, &DecodeError{What: "JobTicket", Field: "version", Offset: 0, Reason: reason}
	}
	if len(b) < MinTicketSize || len(b) > MaxTicketSize {
		return nil, &DecodeError{What: "JobTicket", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, a ticket has %d to %d", len(b), MinTicketSize, MaxTicketSize)}
	}
	d := decoder{what: "JobTicket", b: b, off: 1}
	t := new(JobTicket)
	t.ChainID = d.u32("chain id")
	if d.err == nil && t.ChainID == 0 {
		d.off -= 4
		d.fail("chain id", "chain id is zero")
	}
	d.hash("job id", &t.JobID)
	d.hash("miner id", &t.MinerID)
	if d.err == nil && t.MinerID == (Hash{}) {
		d.off -= 32
		d.fail("miner id", "miner id is zero")
	}
	d.hash("model hash", &t.ModelHash)
	d.hash("input hash", &t.InputHash)
	t.Budget = d.u64("budget")
	if d.err == nil && t.Budget == 0 {
		d.off -= 8
		d.fail("budget", "budget is zero")
	}
	t.Expiry = d.u64("expiry")
	var scheme Scheme
	t.GatewayKey, scheme = d.publicKey()
	if d.err != nil {
		return nil, d.err
	}
	t.Signature = append([]byte(nil), d.take("signature", scheme.SignatureSize())...)
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	return t, nil
}

// Sign fills in GatewayKey from sk and signs the ticket under
// ContextJobTicket. Gateways sign hedged; deterministic signing is for
// golden vectors and tests. A ticket without a chain id, miner id or
// budget is not signed: DecodeJobTicket would refuse it.
func (t *JobTicket) Sign(sk *PrivateKey, deterministic bool) error {
	switch {
	case t.ChainID == 0:
		return &DecodeError{What: "JobTicket", Field: "chain id", Reason: "chain id is zero"}
	case t.MinerID == (Hash{}):
		return &DecodeError{What: "JobTicket", Field: "miner id", Reason: "miner id is zero: a ticket names the miner it is leased to"}
	case t.Budget == 0:
		return &DecodeError{What: "JobTicket", Field: "budget", Reason: "budget is zero"}
	}
	t.GatewayKey = sk.Public().Bytes()
	sig, err := sk.Sign(t.SigningMessage(), ContextJobTicket, deterministic)
	if err != nil {
		return err
	}
	t.Signature = sig
	return nil
}

// VerifySignature checks the gateway's signature with an already decoded
// public key, which must be the ticket's GatewayKey.
func (t *JobTicket) VerifySignature(pk *PublicKey) error {
	return verifyWith(pk, t.GatewayKey, t.SigningMessage(), ContextJobTicket, t.Signature, "the ticket's gateway key")
}

// TicketMismatchError: a proof is not bound to the ticket it carries.
type TicketMismatchError struct {
	Field string // "chain id", "job id", "model hash", "input hash" or "miner id"
}

// Error implements error.
func (e *TicketMismatchError) Error() string {
	if e.Field == "miner id" {
		return "proof: the proof is signed by another miner than the job ticket names"
	}
	return fmt.Sprintf("proof: the work context's %s differs from the job ticket's", e.Field)
}

// CheckWork reports whether wc is bound to the ticket: same chain, JobID =
// the ticket's ID, same model and input hashes. It returns a
// *TicketMismatchError naming the first field that differs.
func (t *JobTicket) CheckWork(wc *WorkContext) error {
	switch {
	case wc.ChainID != t.ChainID:
		return &TicketMismatchError{Field: "chain id"}
	case wc.JobID != t.ID():
		return &TicketMismatchError{Field: "job id"}
	case wc.ModelHash != t.ModelHash:
		return &TicketMismatchError{Field: "model hash"}
	case wc.InputHash != t.InputHash:
		return &TicketMismatchError{Field: "input hash"}
	}
	return nil
}

// CheckMiner reports whether minerKey, the encoded public key that signs
// the work, is the key of the miner the ticket names. It returns a
// *TicketMismatchError for field "miner id" if not. Without this check a
// ticket copied from the mempool or the gateway link could be redeemed by
// whoever submits first.
func (t *JobTicket) CheckMiner(minerKey []byte) error {
	if MinerID(minerKey) != t.MinerID {
		return &TicketMismatchError{Field: "miner id"}
	}
	return nil
}

// CheckProof reports whether p is bound to the ticket: CheckWork of its
// WorkContext, then CheckMiner of its key.
func (t *JobTicket) CheckProof(p *AIWorkProof) error {
	if err := t.CheckWork(&p.Context); err != nil {
		return err
	}
	return t.CheckMiner(p.MinerKey)
}

// MinerRegistration is what a miner signs, under ContextMinerRegistration,
// to prove to a gateway that it holds the ML-DSA key it registers with:
// the gateway's fresh challenge, bound to the chain and the gateway.
//
//	version(1) chain_id(4) gateway_id(32) challenge(32) miner_id(32)
type MinerRegistration struct {
	ChainID   uint32 // the chain the miner mines for
	GatewayID Hash   // the gateway's key id (GatewayID of its tickets)
	Challenge Hash   // fresh randomness chosen by the gateway
	MinerID   Hash   // MinerID of the key being registered
}

// Encode returns the canonical encoding, which is what the miner signs.
func (r *MinerRegistration) Encode() []byte {
	b := make([]byte, 0, MinerRegistrationSize)
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, r.ChainID)
	b = append(b, r.GatewayID[:]...)
	b = append(b, r.Challenge[:]...)
	return append(b, r.MinerID[:]...)
}

// DecodeMinerRegistration decodes a canonical MinerRegistration strictly.
func DecodeMinerRegistration(b []byte) (*MinerRegistration, error) {
	if len(b) != MinerRegistrationSize {
		return nil, &DecodeError{What: "MinerRegistration", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, want exactly %d", len(b), MinerRegistrationSize)}
	}
	d := decoder{what: "MinerRegistration", b: b}
	r := new(MinerRegistration)
	d.version()
	r.ChainID = d.u32("chain id")
	d.hash("gateway id", &r.GatewayID)
	d.hash("challenge", &r.Challenge)
	d.hash("miner id", &r.MinerID)
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	return r, nil
}

// SignMinerRegistration signs r with the miner's key (hedged). r.MinerID
// is set from the key.
func SignMinerRegistration(r *MinerRegistration, sk *PrivateKey) ([]byte, error) {
	r.MinerID = sk.Public().ID()
	return sk.Sign(r.Encode(), ContextMinerRegistration, false)
}

// VerifyMinerRegistration checks that sig is the signature of r by the key
// minerKey, and that r names that key.
func VerifyMinerRegistration(r *MinerRegistration, minerKey, sig []byte) error {
	if MinerID(minerKey) != r.MinerID {
		return fmt.Errorf("%w: registration names another miner key", ErrBadSignature)
	}
	ok, err := Verify(minerKey, r.Encode(), ContextMinerRegistration, sig)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if !ok {
		return ErrBadSignature
	}
	return nil
}
