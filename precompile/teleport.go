package precompile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
)

// teleportMethods are the Teleport functions: sending, relaying and
// claiming, their views and their governance setters.
func teleportMethods() map[string]*method {
	return map[string]*method{
		"teleport":           {writes: true, gas: fixedGas(GasTeleportMessage + gasTeleportSendStorage), run: (*call).teleport},
		"relayTeleport":      {writes: true, gas: relayTeleportGas, run: (*call).relayTeleport},
		"claimTeleport":      {writes: true, gas: fixedGas(gasTeleportClaimStorage), run: (*call).claimTeleport},
		"pendingTeleports":   {gas: fixedGas((1 + teleport.MaxPending) * GasColdSload), run: (*call).pendingTeleports},
		"teleportStatus":     {gas: fixedGas(2 * GasColdSload), run: (*call).teleportStatus},
		"teleportSigners":    {gas: fixedGas((1 + teleport.MaxSigners) * GasColdSload), run: (*call).teleportSigners},
		"teleportTotals":     {gas: fixedGas(4 * GasColdSload), run: (*call).teleportTotals},
		"setTeleportSigners": {writes: true, gas: setTeleportSignersGas, run: (*call).setTeleportSigners},
		"setTeleportMinimum": {writes: true, gas: fixedGas(gasViewParams + GasColdSload + GasSstoreSet + logGas(1, 64)), run: (*call).setTeleportMinimum},
	}
}

// Storage and log costs of the Teleport functions, worst case.
var (
	// gasTeleportSendStorage: four cold reads (minimum, balance, sequence,
	// total sent), a balance rewrite, the sequence and total set from zero,
	// and TeleportSent (4 topics; recipient, amount, sequence and the
	// 89-byte message: 8 words).
	gasTeleportSendStorage = 4*GasColdSload + GasSstoreReset + 2*GasSstoreSet + logGas(4, 256)
	// gasTeleportRelayStorage: four cold reads (set header, record, pending
	// count, total relayed), five slots set from zero (record, amount,
	// pending entry, pending count, total relayed) and TeleportRelayed
	// (4 topics, 2 words). Signer-id reads are charged per signature.
	gasTeleportRelayStorage = 4*GasColdSload + 5*GasSstoreSet + logGas(4, 64)
	// gasTeleportClaimStorage: seven cold reads (record, amount, balance,
	// total claimed, pending count, last pending entry, its record), two
	// slots set from zero (balance, total claimed), five rewrites (moved
	// entry, its record, cleared last entry, pending count, record) and
	// TeleportClaimed (3 topics, 1 word).
	gasTeleportClaimStorage = 7*GasColdSload + 2*GasSstoreSet + 5*GasSstoreReset + logGas(3, 32)
	// gasTeleportSignersStorage: the set header and every signer slot
	// accessed cold and set from zero, and TeleportSignersSet (2 topics,
	// threshold and MaxSigners ids).
	gasTeleportSignersStorage = (1+teleport.MaxSigners)*(GasColdSload+GasSstoreSet) + logGas(2, 96+32*teleport.MaxSigners)
)

// relayTeleportGas prices relayTeleport(message, signers, publicKeys,
// signatures): the message checks, the storage of a relay, and per supplied
// signature the key-id read and hash and one verification under the scheme
// its key length implies (ML-DSA-87 for a length that fits none).
func relayTeleportGas(args []any) uint64 {
	g := GasTeleportMessage + gasTeleportRelayStorage
	for _, pk := range args[2].([][]byte) {
		s := keyScheme(len(pk))
		g += GasColdSload + GasTeleportKeyIDPerWord*words(len(pk)) + verifyGas(s, proof.TeleportMessageSize)
	}
	return g
}

// setTeleportSignersGas prices setTeleportSigners: governance read, one key
// decoding per key (charged as a verification, its upper bound), and the
// worst case of the set's storage.
func setTeleportSignersGas(args []any) uint64 {
	g := gasViewParams + gasTeleportSignersStorage
	for _, pk := range args[1].([][]byte) {
		s := keyScheme(len(pk))
		g += GasTeleportKeyIDPerWord*words(len(pk)) + verifyGas(s, 0)
	}
	return g
}

// thisChain returns the executing chain's id as the uint32 messages carry.
func (c *call) thisChain() (uint32, error) {
	id := c.env.ChainID()
	if id == 0 || id > math.MaxUint32 {
		return 0, revert("InvalidParameter", fmt.Sprintf("chain id %d does not fit a teleport message", id))
	}
	return uint32(id), nil
}

// teleport(uint32 destinationChain, address recipient, uint256 amount) returns (bytes32 teleportId)
func (c *call) teleport(args []any) ([]any, error) {
	dest, recipient := args[0].(uint32), args[1].(common.Address)
	amount, _ := uint256.FromBig(args[2].(*big.Int)) // an ABI uint256 always fits
	this, err := c.thisChain()
	if err != nil {
		return nil, err
	}
	switch {
	case dest == this:
		return nil, revert("TeleportToSelf", dest)
	case dest == 0:
		return nil, revert("InvalidParameter", "destinationChain is zero")
	case recipient == (common.Address{}):
		return nil, revert("ZeroTeleportRecipient")
	}
	if min := c.st.teleportMinimum(); amount.Lt(min) {
		return nil, revert("TeleportAmountTooSmall", amount.ToBig(), min.ToBig())
	}
	sender := c.env.Caller()
	balance := c.st.balance(sender)
	if balance.Lt(amount) {
		return nil, revert("InsufficientMiningBalance", balance.ToBig(), amount.ToBig())
	}
	seq := c.st.teleportSequence()
	if seq == math.MaxUint64 {
		return nil, revert("ArithmeticOverflow")
	}
	m := proof.TeleportMessage{
		SourceChain: this, DestinationChain: dest, Sequence: seq,
		Sender: sender, Recipient: recipient, Amount: *amount,
	}
	if err := c.st.addTo(slotTeleportSent, amount); err != nil {
		return nil, err
	}
	c.st.setBalance(sender, balance.Sub(balance, amount))
	var next common.Hash
	binary.BigEndian.PutUint64(next[24:], seq+1)
	c.st.set(numSlot(slotTeleportSequence), next)
	id := m.ID()
	c.env.AddLog(
		[]common.Hash{eventTopic("TeleportSent"), common.Hash(id), common.BytesToHash(sender[:]), common.BigToHash(bigOf(uint64(dest)))},
		packEventData("TeleportSent", recipient, amount.ToBig(), seq, m.Encode()),
	)
	return []any{[32]byte(id)}, nil
}

// relayTeleport(bytes message, uint8[] signers, bytes[] publicKeys, bytes[] signatures) returns (bytes32 teleportId)
func (c *call) relayTeleport(args []any) ([]any, error) {
	encoded, idx := args[0].([]byte), args[1].([]uint8)
	pks, sigs := args[2].([][]byte), args[3].([][]byte)
	if len(idx) != len(pks) || len(idx) != len(sigs) {
		return nil, revert("MalformedInput", fmt.Sprintf("relayTeleport: %d signers, %d public keys, %d signatures", len(idx), len(pks), len(sigs)))
	}
	m, err := proof.DecodeTeleportMessage(encoded)
	if err != nil {
		return nil, revert("MalformedInput", decodeReason(err, "teleport message does not decode"))
	}
	this, err := c.thisChain()
	if err != nil {
		return nil, err
	}
	if m.DestinationChain != this {
		return nil, revert("WrongDestination", this, m.DestinationChain)
	}
	threshold, size := c.st.signerSetHeader(m.SourceChain)
	if size == 0 {
		return nil, revert("UnknownTeleportSource", m.SourceChain)
	}
	id := m.ID()
	rec := c.st.record(id)
	if rec.status != teleport.StatusUnknown {
		return nil, revert("AlreadyRelayed", [32]byte(id))
	}
	supplied := make([]teleport.Signature, len(idx))
	for i := range idx {
		supplied[i] = teleport.Signature{Index: idx[i], PublicKey: pks[i], Signature: sigs[i]}
	}
	signerID := func(i int) proof.Hash { return proof.Hash(c.st.get(TeleportSignerSlot(m.SourceChain, uint8(i)))) }
	if err := teleport.CheckQuorumWith(c.keys.Parse, threshold, int(size), signerID, encoded, supplied); err != nil {
		var qe *teleport.QuorumError
		if !errors.As(err, &qe) {
			return nil, revert("MalformedInput", "relayTeleport: signatures refused")
		}
		switch qe.Failure {
		case teleport.NotEnoughSigners:
			return nil, revert("NotEnoughTeleportSigners", bigOf(uint64(qe.Count)), qe.Threshold)
		case teleport.DuplicateSigner:
			return nil, revert("DuplicateTeleportSigner", qe.Index)
		case teleport.UnknownSigner:
			return nil, revert("UnknownTeleportSigner", qe.Index)
		default:
			return nil, revert("BadTeleportSignature", qe.Index)
		}
	}
	n := c.st.pendingCount(m.Recipient)
	if n >= teleport.MaxPending {
		return nil, revert("PendingTeleportsFull", m.Recipient, bigOf(teleport.MaxPending))
	}
	if err := c.st.addTo(slotTeleportRelayed, &m.Amount); err != nil {
		return nil, err
	}
	c.st.setRecord(id, teleportRecord{status: teleport.StatusPending, index: n, source: m.SourceChain, recipient: m.Recipient})
	c.st.setInt(TeleportAmountSlot(id), &m.Amount)
	c.st.set(PendingSlot(m.Recipient, n), common.Hash(id))
	c.st.setPendingCount(m.Recipient, n+1)
	c.env.AddLog(
		[]common.Hash{eventTopic("TeleportRelayed"), common.Hash(id), common.BytesToHash(m.Recipient[:]), common.BigToHash(bigOf(uint64(m.SourceChain)))},
		packEventData("TeleportRelayed", m.Amount.ToBig(), uint8(len(supplied))),
	)
	return []any{[32]byte(id)}, nil
}

// claimTeleport(bytes32 teleportId) returns (uint256 amount)
func (c *call) claimTeleport(args []any) ([]any, error) {
	id := proof.Hash(args[0].([32]byte))
	rec := c.st.record(id)
	switch rec.status {
	case teleport.StatusPending:
	case teleport.StatusClaimed:
		return nil, revert("AlreadyClaimed", [32]byte(id))
	default:
		return nil, revert("TeleportNotPending", [32]byte(id))
	}
	amount := c.st.getInt(TeleportAmountSlot(id))
	balance := c.st.balance(rec.recipient)
	if _, overflow := balance.AddOverflow(balance, amount); overflow {
		return nil, revert("ArithmeticOverflow")
	}
	if err := c.st.addTo(slotTeleportClaimed, amount); err != nil {
		return nil, err
	}
	// Remove id from the recipient's pending list: the last id moves into
	// its position.
	n := c.st.pendingCount(rec.recipient)
	if n == 0 || rec.index >= n {
		return nil, revert("InvalidParameter", "teleport pending list is inconsistent")
	}
	last := n - 1
	if rec.index != last {
		moved := proof.Hash(c.st.get(PendingSlot(rec.recipient, last)))
		c.st.set(PendingSlot(rec.recipient, rec.index), common.Hash(moved))
		mr := c.st.record(moved)
		mr.index = rec.index
		c.st.setRecord(moved, mr)
	}
	c.st.set(PendingSlot(rec.recipient, last), common.Hash{})
	c.st.setPendingCount(rec.recipient, last)
	rec.status, rec.index = teleport.StatusClaimed, 0
	c.st.setRecord(id, rec)
	c.st.setBalance(rec.recipient, balance)
	c.env.AddLog(
		[]common.Hash{eventTopic("TeleportClaimed"), common.Hash(id), common.BytesToHash(rec.recipient[:])},
		packEventData("TeleportClaimed", amount.ToBig()),
	)
	return []any{amount.ToBig()}, nil
}

// pendingTeleports(address recipient) view returns (bytes32[])
func (c *call) pendingTeleports(args []any) ([]any, error) {
	a := args[0].(common.Address)
	n := c.st.pendingCount(a)
	ids := make([][32]byte, 0, n)
	for k := uint8(0); k < n && k < teleport.MaxPending; k++ {
		ids = append(ids, [32]byte(c.st.get(PendingSlot(a, k))))
	}
	return []any{ids}, nil
}

// teleportStatus(bytes32) view returns (uint8 status, uint32 sourceChain, address recipient, uint256 amount)
func (c *call) teleportStatus(args []any) ([]any, error) {
	id := proof.Hash(args[0].([32]byte))
	rec := c.st.record(id)
	return []any{rec.status, rec.source, rec.recipient, c.st.getInt(TeleportAmountSlot(id)).ToBig()}, nil
}

// teleportSigners(uint32) view returns (bytes32[] signerIds, uint8 threshold)
func (c *call) teleportSigners(args []any) ([]any, error) {
	set := c.st.signerSet(args[0].(uint32))
	ids := make([][32]byte, len(set.IDs))
	for i, id := range set.IDs {
		ids[i] = [32]byte(id)
	}
	return []any{ids, set.Threshold}, nil
}

// teleportTotals() view returns (uint64 nextSequence, uint256 sentOut, uint256 relayedIn, uint256 claimedIn)
func (c *call) teleportTotals([]any) ([]any, error) {
	return []any{
		c.st.teleportSequence(),
		c.st.getInt(numSlot(slotTeleportSent)).ToBig(),
		c.st.getInt(numSlot(slotTeleportRelayed)).ToBig(),
		c.st.getInt(numSlot(slotTeleportClaimed)).ToBig(),
	}, nil
}

// setTeleportSigners(uint32 sourceChain, bytes[] publicKeys, uint8 threshold)
func (c *call) setTeleportSigners(args []any) ([]any, error) {
	chain, pks, threshold := args[0].(uint32), args[1].([][]byte), args[2].(uint8)
	if caller := c.env.Caller(); caller != c.st.params().Governance {
		return nil, revert("NotGovernance", caller)
	}
	this, err := c.thisChain()
	if err != nil {
		return nil, err
	}
	if chain == 0 || chain == this {
		return nil, revert("InvalidParameter", fmt.Sprintf("sourceChain %d: a signer set is for another chain", chain))
	}
	set := teleport.Set{Threshold: threshold, IDs: make([]proof.Hash, len(pks))}
	for i, pk := range pks {
		if _, err := c.keys.Parse(pk); err != nil {
			return nil, revert("InvalidParameter", fmt.Sprintf("publicKeys[%d]: %s", i, keyReason(err)))
		}
		set.IDs[i] = teleport.SignerID(pk)
	}
	if err := set.Validate(); err != nil {
		return nil, revert("InvalidParameter", fmt.Sprintf("signer set: want 1 to %d distinct keys and a threshold of 1 to their number", teleport.MaxSigners))
	}
	_, oldSize := c.st.signerSetHeader(chain)
	ids := make([][32]byte, len(set.IDs))
	for i, id := range set.IDs {
		c.st.set(TeleportSignerSlot(chain, uint8(i)), common.Hash(id))
		ids[i] = [32]byte(id)
	}
	for i := len(set.IDs); i < int(oldSize); i++ {
		c.st.set(TeleportSignerSlot(chain, uint8(i)), common.Hash{})
	}
	c.st.set(TeleportSignerSetSlot(chain), common.Hash{30: threshold, 31: uint8(len(set.IDs))})
	c.env.AddLog(
		[]common.Hash{eventTopic("TeleportSignersSet"), common.BigToHash(bigOf(uint64(chain)))},
		packEventData("TeleportSignersSet", threshold, ids),
	)
	return nil, nil
}

// setTeleportMinimum(uint256 minimum)
func (c *call) setTeleportMinimum(args []any) ([]any, error) {
	if caller := c.env.Caller(); caller != c.st.params().Governance {
		return nil, revert("NotGovernance", caller)
	}
	next, _ := uint256.FromBig(args[0].(*big.Int))
	old := c.st.getInt(numSlot(slotTeleportMinimum))
	c.st.setInt(numSlot(slotTeleportMinimum), next)
	c.env.AddLog([]common.Hash{eventTopic("TeleportMinimumSet")}, packEventData("TeleportMinimumSet", old.ToBig(), next.ToBig()))
	return nil, nil
}
