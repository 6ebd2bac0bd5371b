package proof

import (
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// WorkProofVersion is the first byte of an encoded AIWorkProof. It is the
// work proof's own version, separate from Version (the version byte of the
// WorkContext inside it and of the other encodings of this package).
//
// Version 2 carries the signed input and output token counts; the chain
// computes compute units from them and its model registry. Version 1
// carried miner-chosen compute units and is refused: its first byte was the
// WorkContext's version, 1.
const WorkProofVersion byte = 2

// Sizes of the fixed part of an encoded AIWorkProof.
const (
	// proofFixedSize is everything before the public key: the version, the
	// WorkContext, beneficiary, output hash, input and output token counts,
	// attestation hash and the public-key length.
	proofFixedSize = 1 + WorkContextSize + common.AddressLength + 32 + 4 + 4 + 32 + 2
	// MinProofSize is the size of the smallest valid proof (ML-DSA-44).
	MinProofSize = proofFixedSize + PublicKeySize44 + SignatureSize44
	// MaxProofSize is the size of the largest valid proof (ML-DSA-87).
	MaxProofSize = proofFixedSize + PublicKeySize87 + SignatureSize87
)

// AIWorkProof is what a miner submits after compute: the WorkContext it
// fixed beforehand, what it computed, who is paid, and its ML-DSA signature
// over all of it.
type AIWorkProof struct {
	Context         WorkContext    // fixed before compute
	Beneficiary     common.Address // the EVM address credited with the reward
	OutputHash      Hash           // HashOutput of the inference output
	InputTokens     uint32         // tokens of the input, counted by the model's registered tokenizer rule
	OutputTokens    uint32         // tokens of the output, counted the same way
	AttestationHash Hash           // HashAttestation of the evidence sent beside the proof; zero if none
	MinerKey        []byte         // encoded ML-DSA public key; its length selects the parameter set
	Signature       []byte         // ML-DSA signature under ContextWorkProof
}

// SigningMessage returns the bytes the signature covers: the canonical
// encoding without the signature.
//
//	version(1)=2 WorkContext(173) beneficiary(20) output_hash(32)
//	input_tokens(4) output_tokens(4) attestation_hash(32)
//	public_key_length(2) public_key
func (p *AIWorkProof) SigningMessage() []byte {
	return p.appendSigned(make([]byte, 0, proofFixedSize+len(p.MinerKey)))
}

func (p *AIWorkProof) appendSigned(b []byte) []byte {
	b = append(b, WorkProofVersion)
	b = p.Context.appendFields(b)
	b = append(b, p.Beneficiary[:]...)
	b = append(b, p.OutputHash[:]...)
	b = binary.BigEndian.AppendUint32(b, p.InputTokens)
	b = binary.BigEndian.AppendUint32(b, p.OutputTokens)
	b = append(b, p.AttestationHash[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(p.MinerKey)))
	return append(b, p.MinerKey...)
}

// Encode returns the canonical encoding: SigningMessage followed by the
// signature. It does not check the proof; Decode does.
func (p *AIWorkProof) Encode() []byte {
	b := make([]byte, 0, proofFixedSize+len(p.MinerKey)+len(p.Signature))
	return append(p.appendSigned(b), p.Signature...)
}

// DecodeAIWorkProof decodes a canonical AIWorkProof strictly: version, field
// lengths, a public-key length of one ML-DSA parameter set, a signature of
// exactly that set's size and no trailing bytes. It does not verify the
// signature. A version 1 proof is refused with an error that wraps
// ErrWorkProofVersion1.
func DecodeAIWorkProof(b []byte) (*AIWorkProof, error) {
	if len(b) > 0 && b[0] != WorkProofVersion {
		if b[0] == 1 {
			return nil, &DecodeError{What: "AIWorkProof", Field: "version", Offset: 0,
				Reason: ErrWorkProofVersion1.Error(), Err: ErrWorkProofVersion1}
		}
		return nil, &DecodeError{What: "AIWorkProof", Field: "version", Offset: 0,
			Reason: fmt.Sprintf("version %d, want %d", b[0], WorkProofVersion)}
	}
	if len(b) < MinProofSize || len(b) > MaxProofSize {
		return nil, &DecodeError{What: "AIWorkProof", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, a proof has %d to %d", len(b), MinProofSize, MaxProofSize)}
	}
	d := decoder{what: "AIWorkProof", b: b}
	p := new(AIWorkProof)
	d.take("work proof version", 1) // checked above
	d.readWorkContext(&p.Context)
	if v := d.take("beneficiary", common.AddressLength); v != nil {
		copy(p.Beneficiary[:], v)
	}
	d.hash("output hash", &p.OutputHash)
	p.InputTokens = d.u32("input tokens")
	p.OutputTokens = d.u32("output tokens")
	d.hash("attestation hash", &p.AttestationHash)
	var scheme Scheme
	p.MinerKey, scheme = d.publicKey()
	if d.err != nil {
		return nil, d.err
	}
	p.Signature = append([]byte(nil), d.take("signature", scheme.SignatureSize())...)
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	return p, nil
}

// DomainWorkDigest hashes the signing message of a work proof into its
// digest (Digest), the commitment the chain keeps of a pending proof.
var DomainWorkDigest = newDomain("Pars AI mining v2 work digest")

// Digest returns the digest of every signed field of the proof: the
// WorkContext (model and input hashes included), beneficiary, output hash,
// token counts, attestation hash and miner key. The chain stores it with a
// pending reward, so an audit can check a revealed proof against it.
func (p *AIWorkProof) Digest() Hash { return DomainWorkDigest.Sum(p.SigningMessage()) }

// Scheme returns the parameter set selected by the miner key's length.
func (p *AIWorkProof) Scheme() (Scheme, error) { return SchemeForPublicKeySize(len(p.MinerKey)) }

// MinerID returns the id of the miner's public key.
func (p *AIWorkProof) MinerID() Hash { return MinerID(p.MinerKey) }

// WorkID returns the proof's work id, the key of the spent set. It is
// derived only from signed fields: the WorkContext (chain id included) and
// the miner's public key. The same context can be rewarded once per key, and
// a copy of someone else's context under another key is different work
// that does not block the original.
func (p *AIWorkProof) WorkID() Hash {
	return WorkID(&p.Context, p.MinerKey)
}

// WorkID derives a work id from a WorkContext and a miner public key.
func WorkID(wc *WorkContext, minerKey []byte) Hash {
	mid := MinerID(minerKey)
	return DomainWorkID.Sum(wc.Encode(), mid[:])
}

// Sign fills in MinerKey from sk and signs the proof. Deterministic signing
// is for golden vectors and tests; miners sign hedged.
func (p *AIWorkProof) Sign(sk *PrivateKey, deterministic bool) error {
	p.MinerKey = sk.Public().Bytes()
	sig, err := sk.Sign(p.SigningMessage(), ContextWorkProof, deterministic)
	if err != nil {
		return err
	}
	p.Signature = sig
	return nil
}

// VerifySignature checks the ML-DSA signature with an already decoded
// public key (for callers that cache decoded keys). The key must be the
// proof's MinerKey.
func (p *AIWorkProof) VerifySignature(pk *PublicKey) error {
	return verifyWith(pk, p.MinerKey, p.SigningMessage(), ContextWorkProof, p.Signature, "the proof's miner key")
}

// TimeWindow bounds how far a WorkContext timestamp may lie behind (Past)
// or ahead of (Future) the reference time, in seconds.
type TimeWindow struct {
	Past   uint64
	Future uint64
}

// Check reports whether ts lies in [now-Past, now+Future], with no
// overflow at either end.
func (w TimeWindow) Check(ts, now uint64) error {
	if ts < now && now-ts > w.Past {
		return &TimestampError{Timestamp: ts, Now: now}
	}
	if ts > now && ts-now > w.Future {
		return &TimestampError{Timestamp: ts, Now: now, Future: true}
	}
	return nil
}

// CheckBinding checks everything about a proof except its signature and
// what only the chain knows (its model registry): the chain it is bound to,
// its timestamp against now, a non-zero beneficiary and a non-empty output.
// These checks are cheap; run them before the signature.
func (p *AIWorkProof) CheckBinding(chainID uint64, now uint64, window TimeWindow) error {
	if uint64(p.Context.ChainID) != chainID {
		return &WrongChainError{Want: chainID, Got: p.Context.ChainID}
	}
	if err := window.Check(p.Context.Timestamp, now); err != nil {
		return err
	}
	if p.Beneficiary == (common.Address{}) {
		return ErrZeroBeneficiary
	}
	if p.OutputTokens == 0 {
		return ErrZeroOutputTokens
	}
	return nil
}

// Verify is the full check a verifier outside consensus runs: binding to
// chainID, the timestamp window around now, and the signature.
func (p *AIWorkProof) Verify(chainID uint64, now uint64, window TimeWindow) error {
	if err := p.CheckBinding(chainID, now, window); err != nil {
		return err
	}
	pk, err := ParsePublicKey(p.MinerKey)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return p.VerifySignature(pk)
}

// Work is what a miner knows after compute; SignWork turns it into a proof.
type Work struct {
	Context      WorkContext
	Beneficiary  common.Address
	Output       []byte // the inference output; hashed with HashOutput
	InputTokens  uint32 // the input's tokens under the model's registered rule
	OutputTokens uint32 // the output's tokens under the same rule
	Attestation  []byte // evidence sent beside the proof, or nil
}

// SignWork builds and signs the proof of w with sk (hedged signing).
func SignWork(w Work, sk *PrivateKey) (*AIWorkProof, error) {
	p := &AIWorkProof{
		Context:         w.Context,
		Beneficiary:     w.Beneficiary,
		OutputHash:      HashOutput(w.Output),
		InputTokens:     w.InputTokens,
		OutputTokens:    w.OutputTokens,
		AttestationHash: HashAttestation(w.Attestation),
	}
	if err := p.Sign(sk, false); err != nil {
		return nil, err
	}
	return p, nil
}

// ProofSize returns the encoded size of a proof signed with scheme s (0 if
// s is invalid).
func ProofSize(s Scheme) int {
	if !s.Valid() {
		return 0
	}
	return proofFixedSize + s.PublicKeySize() + s.SignatureSize()
}
