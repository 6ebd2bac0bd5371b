package proof

import (
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
)

// TeleportMessageSize is the size of an encoded TeleportMessage.
const TeleportMessageSize = 1 + 4 + 4 + 8 + common.AddressLength + common.AddressLength + 32

// TeleportMessage moves AI tokens from one chain to another: the source
// chain burned Amount from Sender's mining balance and the destination chain
// credits it to Recipient once the source chain's teleport signers have
// signed the message. (SourceChain, Sequence) is unique: the source chain
// numbers its outgoing messages.
type TeleportMessage struct {
	SourceChain      uint32         // the chain that burned the amount
	DestinationChain uint32         // the only chain that may credit it
	Sequence         uint64         // the source chain's outgoing message number
	Sender           common.Address // whose mining balance was burned
	Recipient        common.Address // whose mining balance is credited
	Amount           uint256.Int    // wei of the AI token
}

// Encode returns the canonical encoding, which is also what the teleport
// signers sign (under ContextTeleport):
//
//	version(1) source_chain(4) destination_chain(4) sequence(8)
//	sender(20) recipient(20) amount(32)
//
// Integers are big-endian. It does not check the message; Validate does.
func (m *TeleportMessage) Encode() []byte {
	b := make([]byte, 0, TeleportMessageSize)
	b = append(b, Version)
	b = binary.BigEndian.AppendUint32(b, m.SourceChain)
	b = binary.BigEndian.AppendUint32(b, m.DestinationChain)
	b = binary.BigEndian.AppendUint64(b, m.Sequence)
	b = append(b, m.Sender[:]...)
	b = append(b, m.Recipient[:]...)
	amount := m.Amount.Bytes32()
	return append(b, amount[:]...)
}

// ID returns the teleport id: the BLAKE3 hash of the canonical encoding
// under DomainTeleport. Each chain remembers the ids it has credited.
func (m *TeleportMessage) ID() Hash { return DomainTeleport.Sum(m.Encode()) }

// Validate checks what every valid message satisfies: different source and
// destination chains, no zero chain id, a non-zero recipient and a non-zero
// amount.
func (m *TeleportMessage) Validate() error {
	switch {
	case m.SourceChain == 0 || m.DestinationChain == 0:
		return &DecodeError{What: "TeleportMessage", Field: "chain id", Reason: "chain id is zero"}
	case m.SourceChain == m.DestinationChain:
		return &DecodeError{What: "TeleportMessage", Field: "destination chain", Offset: 5,
			Reason: fmt.Sprintf("source and destination are both chain %d", m.SourceChain)}
	case m.Recipient == (common.Address{}):
		return &DecodeError{What: "TeleportMessage", Field: "recipient", Offset: 37, Reason: "zero address"}
	case m.Amount.IsZero():
		return &DecodeError{What: "TeleportMessage", Field: "amount", Offset: 57, Reason: "zero amount"}
	}
	return nil
}

// DecodeTeleportMessage decodes a canonical TeleportMessage strictly: exact
// length, version 1, and a message that passes Validate.
func DecodeTeleportMessage(b []byte) (*TeleportMessage, error) {
	if len(b) != TeleportMessageSize {
		return nil, &DecodeError{What: "TeleportMessage", Field: "length", Offset: 0,
			Reason: fmt.Sprintf("%d bytes, want exactly %d", len(b), TeleportMessageSize)}
	}
	d := decoder{what: "TeleportMessage", b: b}
	m := new(TeleportMessage)
	d.version()
	m.SourceChain = d.u32("source chain")
	m.DestinationChain = d.u32("destination chain")
	m.Sequence = d.u64("sequence")
	if v := d.take("sender", common.AddressLength); v != nil {
		copy(m.Sender[:], v)
	}
	if v := d.take("recipient", common.AddressLength); v != nil {
		copy(m.Recipient[:], v)
	}
	if v := d.take("amount", 32); v != nil {
		m.Amount.SetBytes32(v)
	}
	d.end()
	if d.err != nil {
		return nil, d.err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// SignTeleport signs the message's canonical encoding with a teleport
// signer's key under ContextTeleport. Signers sign hedged; deterministic
// signing is for golden vectors and tests.
func SignTeleport(m *TeleportMessage, sk *PrivateKey, deterministic bool) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return sk.Sign(m.Encode(), ContextTeleport, deterministic)
}

// VerifyTeleport reports whether sig is pk's signature of the encoded
// message under ContextTeleport.
func VerifyTeleport(pk *PublicKey, encoded, sig []byte) bool {
	return pk.Verify(encoded, ContextTeleport, sig)
}
