package precompile_test

import (
	"bytes"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
	"github.com/stretchr/testify/require"
)

const chainLux = 96369

var (
	holder    = common.HexToAddress("0x00000000000000000000000000000000000000d1")
	recipient = common.HexToAddress("0x00000000000000000000000000000000000000d2")
)

// signerKeys returns n deterministic teleport signer keys of scheme s; set
// tells different signer sets apart.
func signerKeys(t testing.TB, s proof.Scheme, set byte, n int) []*proof.PrivateKey {
	keys := make([]*proof.PrivateKey, n)
	for i := range keys {
		k, err := proof.NewKeyFromSeed(s, [32]byte{0: 0x7e, 1: set, 2: byte(i), 3: byte(s)})
		require.NoError(t, err)
		keys[i] = k
	}
	return keys
}

func publicKeys(keys []*proof.PrivateKey) [][]byte {
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i] = k.Public().Bytes()
	}
	return out
}

// chainWith returns a test chain with id chainID.
func chainWith(t testing.TB, chainID uint64) *precompiletest.Chain {
	c, err := precompiletest.NewChain(chainID, testParams(), t0)
	require.NoError(t, err)
	return c
}

// setSigners configures keys (threshold m) as source's signer set on c.
func setSigners(t testing.TB, c *precompiletest.Chain, source uint32, keys []*proof.PrivateKey, m uint8) {
	r := c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setTeleportSigners", source, publicKeys(keys), m))
	require.NoError(t, r.Err, "%v", r.Revert)
}

// mine credits a 1000-unit reward (6e17 wei) on c to beneficiary: it
// submits the proof and finalizes it after the challenge window.
func mine(t testing.TB, c *precompiletest.Chain, chain uint32, beneficiary common.Address, nonce uint64) *big.Int {
	p := makeProof(t, key(t, proof.MLDSA44, 1), chain, 1000, func(p *proof.AIWorkProof) {
		p.Beneficiary = beneficiary
		p.Context.Nonce = proof.DomainInput.Sum([]byte(fmt.Sprint("mine", nonce)))
	})
	r := submit(c, t, p, nil)
	require.NoError(t, r.Err, "%v", r.Revert)
	settle(t, c, p)
	return unpack(t, "submitWorkProof", r.Ret)[0].(*big.Int)
}

// send teleports amount from `from` on c and returns the message from the
// TeleportSent event.
func send(t testing.TB, c *precompiletest.Chain, from common.Address, dest uint32, to common.Address, amount *big.Int) (*proof.TeleportMessage, []byte) {
	r := c.Call(precompiletest.Frame{Caller: from}, pack(t, "teleport", dest, to, amount))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Len(t, r.Logs, 1)
	ev := iaimining.Events["TeleportSent"]
	l := r.Logs[0]
	require.Equal(t, ev.ID, l.Topics[0])
	vals, err := ev.Inputs.NonIndexed().Unpack(l.Data)
	require.NoError(t, err)
	enc := vals[3].([]byte)
	m, err := proof.DecodeTeleportMessage(enc)
	require.NoError(t, err)
	require.Equal(t, common.Hash(m.ID()), l.Topics[1])
	require.Equal(t, [32]byte(m.ID()), unpack(t, "teleport", r.Ret)[0])
	require.Equal(t, common.BytesToHash(from[:]), l.Topics[2])
	require.Equal(t, uint64(dest), l.Topics[3].Big().Uint64())
	require.Equal(t, to, vals[0])
	require.Equal(t, amount, vals[1])
	require.Equal(t, m.Sequence, vals[2])
	return m, enc
}

// relayArgs signs enc with the signers at positions idx of keys.
func relayArgs(t testing.TB, enc []byte, keys []*proof.PrivateKey, idx ...uint8) []any {
	pks, sigs := make([][]byte, len(idx)), make([][]byte, len(idx))
	for i, j := range idx {
		pks[i] = keys[j].Public().Bytes()
		sig, err := keys[j].Sign(enc, proof.ContextTeleport, true)
		require.NoError(t, err)
		sigs[i] = sig
	}
	return []any{enc, idx, pks, sigs}
}

func relay(t testing.TB, c *precompiletest.Chain, args []any) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "relayTeleport", args...))
}

func claim(t testing.TB, c *precompiletest.Chain, id proof.Hash) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "claimTeleport", [32]byte(id)))
}

func pending(t testing.TB, c *precompiletest.Chain, a common.Address) [][32]byte {
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "pendingTeleports", a))
	require.NoError(t, r.Err)
	return unpack(t, "pendingTeleports", r.Ret)[0].([][32]byte)
}

func totals(t testing.TB, c *precompiletest.Chain) (seq uint64, sent, relayed, claimed *big.Int) {
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "teleportTotals"))
	require.NoError(t, r.Err)
	v := unpack(t, "teleportTotals", r.Ret)
	return v[0].(uint64), v[1].(*big.Int), v[2].(*big.Int), v[3].(*big.Int)
}

func TestTeleportParsToZoo(t *testing.T) {
	pars, zoo := chainWith(t, chainPars), chainWith(t, chainZoo)
	keys := signerKeys(t, proof.MLDSA65, 1, 3)
	setSigners(t, zoo, chainPars, keys, 2)

	mined := mine(t, pars, chainPars, holder, 1)
	amount := new(big.Int).Div(mined, big.NewInt(3))
	m, enc := send(t, pars, holder, chainZoo, recipient, amount)
	require.Equal(t, uint32(chainPars), m.SourceChain)
	require.Equal(t, uint64(0), m.Sequence)
	require.Equal(t, new(big.Int).Sub(mined, amount), balanceOf(t, pars, holder), "burned on the source")
	seq, sent, _, _ := totals(t, pars)
	require.Equal(t, uint64(1), seq)
	require.Equal(t, amount, sent)
	id := m.ID()

	r := relay(t, zoo, relayArgs(t, enc, keys, 2, 0))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, [32]byte(id), unpack(t, "relayTeleport", r.Ret)[0])
	require.Len(t, r.Logs, 1)
	require.Equal(t, iaimining.Events["TeleportRelayed"].ID, r.Logs[0].Topics[0])
	require.Equal(t, [][32]byte{id}, pending(t, zoo, recipient))
	require.Equal(t, 0, balanceOf(t, zoo, recipient).Sign(), "nothing credited before the claim")
	st := zoo.Call(precompiletest.Frame{}, pack(t, "teleportStatus", [32]byte(id)))
	require.NoError(t, st.Err)
	require.Equal(t, []any{teleport.StatusPending, uint32(chainPars), recipient, amount}, unpack(t, "teleportStatus", st.Ret))

	// A second relay of the same message, even with other signers, is refused.
	requireRevert(t, relay(t, zoo, relayArgs(t, enc, keys, 0, 1)), "AlreadyRelayed")

	r = claim(t, zoo, id)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, amount, unpack(t, "claimTeleport", r.Ret)[0])
	require.Equal(t, amount, balanceOf(t, zoo, recipient))
	require.Empty(t, pending(t, zoo, recipient))
	require.Equal(t, iaimining.Events["TeleportClaimed"].ID, r.Logs[0].Topics[0])
	_, _, relayed, claimed := totals(t, zoo)
	require.Equal(t, amount, relayed)
	require.Equal(t, amount, claimed)

	before := root(zoo)
	requireRevert(t, claim(t, zoo, id), "AlreadyClaimed")
	requireRevert(t, relay(t, zoo, relayArgs(t, enc, keys, 0, 1)), "AlreadyRelayed")
	requireRevert(t, claim(t, zoo, proof.Hash{9}), "TeleportNotPending")
	require.Equal(t, before, root(zoo))
	require.Equal(t, amount, balanceOf(t, zoo, recipient), "credited exactly once")

	// The recipient's credit is an ordinary mining balance: it can go on.
	_, _ = send(t, zoo, recipient, chainPars, holder, amount)
	require.Equal(t, 0, balanceOf(t, zoo, recipient).Sign())
}

// TestRelayRefusals: each tampered relay is refused with its own error and
// leaves state as it was.
func TestRelayRefusals(t *testing.T) {
	pars := chainWith(t, chainPars)
	keys := signerKeys(t, proof.MLDSA44, 1, 3)
	luxKeys := signerKeys(t, proof.MLDSA44, 2, 3)
	mine(t, pars, chainPars, holder, 1)
	_, enc := send(t, pars, holder, chainZoo, recipient, big.NewInt(1000))
	_, encLux := send(t, pars, holder, chainLux, recipient, big.NewInt(1000))

	retamper := func(edit func(m *proof.TeleportMessage)) []byte {
		m, err := proof.DecodeTeleportMessage(enc)
		require.NoError(t, err)
		edit(m)
		return m.Encode()
	}
	withMessage := func(args []any, msg []byte) []any { args[0] = msg; return args }

	cases := []struct {
		name  string
		chain uint64
		args  func() []any
		want  string
	}{
		{"replayed to its own source chain", chainPars, func() []any { return relayArgs(t, enc, keys, 0, 1) }, "WrongDestination"},
		{"message for Zoo relayed to Lux", chainLux, func() []any { return relayArgs(t, enc, keys, 0, 1) }, "WrongDestination"},
		{"message for Lux relayed to Zoo", chainZoo, func() []any { return relayArgs(t, encLux, keys, 0, 1) }, "WrongDestination"},
		{"source without signer set", chainZoo, func() []any {
			return relayArgs(t, retamper(func(m *proof.TeleportMessage) { m.SourceChain = 36963 }), keys, 0, 1)
		}, "UnknownTeleportSource"},
		{"fewer than the threshold", chainZoo, func() []any { return relayArgs(t, enc, keys, 1) }, "NotEnoughTeleportSigners"},
		{"no signatures", chainZoo, func() []any { return relayArgs(t, enc, keys) }, "NotEnoughTeleportSigners"},
		{"duplicated signer", chainZoo, func() []any { return relayArgs(t, enc, keys, 1, 1) }, "DuplicateTeleportSigner"},
		{"signers of another source chain", chainZoo, func() []any { return relayArgs(t, enc, luxKeys, 0, 1) }, "UnknownTeleportSigner"},
		{"position beyond the set", chainZoo, func() []any {
			args := relayArgs(t, enc, keys, 0, 1)
			args[1] = []uint8{0, 3}
			return args
		}, "UnknownTeleportSigner"},
		{"key at the wrong position", chainZoo, func() []any {
			args := relayArgs(t, enc, keys, 0, 1)
			args[1] = []uint8{1, 0}
			return args
		}, "UnknownTeleportSigner"},
		{"tampered amount", chainZoo, func() []any {
			return withMessage(relayArgs(t, enc, keys, 0, 1), retamper(func(m *proof.TeleportMessage) { m.Amount.SetUint64(10_000) }))
		}, "BadTeleportSignature"},
		{"tampered recipient", chainZoo, func() []any {
			return withMessage(relayArgs(t, enc, keys, 0, 1), retamper(func(m *proof.TeleportMessage) { m.Recipient = stranger }))
		}, "BadTeleportSignature"},
		{"tampered sequence", chainZoo, func() []any {
			return withMessage(relayArgs(t, enc, keys, 0, 1), retamper(func(m *proof.TeleportMessage) { m.Sequence = 99 }))
		}, "BadTeleportSignature"},
		{"corrupted signature", chainZoo, func() []any {
			args := relayArgs(t, enc, keys, 0, 1)
			args[3].([][]byte)[1][7] ^= 1
			return args
		}, "BadTeleportSignature"},
		{"signature for another purpose", chainZoo, func() []any {
			args := relayArgs(t, enc, keys, 0, 1)
			sig, err := keys[1].Sign(enc, proof.ContextWorkProof, true)
			require.NoError(t, err)
			args[3].([][]byte)[1] = sig
			return args
		}, "BadTeleportSignature"},
		{"lengths differ", chainZoo, func() []any {
			args := relayArgs(t, enc, keys, 0, 1)
			args[2] = args[2].([][]byte)[:1]
			return args
		}, "MalformedInput"},
		{"malformed message", chainZoo, func() []any { return withMessage(relayArgs(t, enc, keys, 0, 1), append(bytes.Clone(enc), 0)) }, "MalformedInput"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := chainWith(t, tc.chain)
			if tc.chain != chainPars {
				setSigners(t, c, chainPars, keys, 2)
			}
			if tc.chain != chainLux {
				setSigners(t, c, chainLux, luxKeys, 2)
			}
			before := root(c)
			requireRevert(t, relay(t, c, tc.args()), tc.want)
			require.Equal(t, before, root(c), "state changed by a refused relay")
			require.Empty(t, pending(t, c, recipient))
		})
	}

	// All three signers (more than the threshold) are accepted too.
	zoo := chainWith(t, chainZoo)
	setSigners(t, zoo, chainPars, keys, 2)
	r := relay(t, zoo, relayArgs(t, enc, keys, 2, 1, 0))
	require.NoError(t, r.Err, "%v", r.Revert)
}

func TestTeleportSendRefusals(t *testing.T) {
	c := chainWith(t, chainPars)
	mined := mine(t, c, chainPars, holder, 1)
	over := new(big.Int).Add(mined, big.NewInt(1))
	cases := []struct {
		name  string
		frame precompiletest.Frame
		args  []any
		want  string
	}{
		{"to its own chain", precompiletest.Frame{Caller: holder}, []any{uint32(chainPars), recipient, big.NewInt(1)}, "TeleportToSelf"},
		{"to chain zero", precompiletest.Frame{Caller: holder}, []any{uint32(0), recipient, big.NewInt(1)}, "InvalidParameter"},
		{"zero recipient", precompiletest.Frame{Caller: holder}, []any{uint32(chainZoo), common.Address{}, big.NewInt(1)}, "ZeroTeleportRecipient"},
		{"zero amount", precompiletest.Frame{Caller: holder}, []any{uint32(chainZoo), recipient, big.NewInt(0)}, "TeleportAmountTooSmall"},
		{"more than the balance", precompiletest.Frame{Caller: holder}, []any{uint32(chainZoo), recipient, over}, "InsufficientMiningBalance"},
		{"someone else's balance", precompiletest.Frame{Caller: stranger}, []any{uint32(chainZoo), recipient, big.NewInt(1)}, "InsufficientMiningBalance"},
		{"static call", precompiletest.Frame{Caller: holder, CallType: precompile.CallTypeStaticCall}, []any{uint32(chainZoo), recipient, big.NewInt(1)}, "ReadOnlyCall"},
		{"delegate call", precompiletest.Frame{Caller: holder, CallType: precompile.CallTypeDelegateCall}, []any{uint32(chainZoo), recipient, big.NewInt(1)}, "DelegateCallNotAllowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := root(c)
			requireRevert(t, c.Call(tc.frame, pack(t, "teleport", tc.args...)), tc.want)
			require.Equal(t, before, root(c))
		})
	}

	// A governance minimum refuses smaller amounts.
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setTeleportMinimum", big.NewInt(500))), "NotGovernance")
	r := c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setTeleportMinimum", big.NewInt(500)))
	require.NoError(t, r.Err, "%v", r.Revert)
	requireRevert(t, c.Call(precompiletest.Frame{Caller: holder}, pack(t, "teleport", uint32(chainZoo), recipient, big.NewInt(499))), "TeleportAmountTooSmall")
	send(t, c, holder, chainZoo, recipient, big.NewInt(500))
	// The whole balance can leave.
	send(t, c, holder, chainZoo, recipient, new(big.Int).Sub(mined, big.NewInt(500)))
	require.Equal(t, 0, balanceOf(t, c, holder).Sign())
}

// TestPendingListIsBounded: a sender can fill a recipient's pending list,
// but never beyond teleport.MaxPending; further relays are refused until the
// recipient claims, claims are by id in any order, and refused messages
// relay fine later.
func TestPendingListIsBounded(t *testing.T) {
	pars, zoo := chainWith(t, chainPars), chainWith(t, chainZoo)
	keys := signerKeys(t, proof.MLDSA44, 1, 1)
	setSigners(t, zoo, chainPars, keys, 1)
	mine(t, pars, chainPars, holder, 1)

	var encs [][]byte
	var ids []proof.Hash
	for i := 0; i < teleport.MaxPending+2; i++ {
		m, enc := send(t, pars, holder, chainZoo, recipient, big.NewInt(int64(1000+i)))
		encs, ids = append(encs, enc), append(ids, m.ID())
	}
	for i := 0; i < teleport.MaxPending; i++ {
		r := relay(t, zoo, relayArgs(t, encs[i], keys, 0))
		require.NoError(t, r.Err, "%d: %v", i, r.Revert)
	}
	before := root(zoo)
	requireRevert(t, relay(t, zoo, relayArgs(t, encs[teleport.MaxPending], keys, 0)), "PendingTeleportsFull")
	require.Equal(t, before, root(zoo))
	require.Len(t, pending(t, zoo, recipient), teleport.MaxPending)
	// Other recipients are unaffected.
	_, other := send(t, pars, holder, chainZoo, stranger, big.NewInt(7))
	require.NoError(t, relay(t, zoo, relayArgs(t, other, keys, 0)).Err)

	// Claim from the middle, the end and the start: the list stays exact.
	want := map[[32]byte]bool{}
	for _, id := range ids[:teleport.MaxPending] {
		want[id] = true
	}
	for _, k := range []int{5, teleport.MaxPending - 1, 0} {
		require.NoError(t, claim(t, zoo, ids[k]).Err)
		delete(want, ids[k])
		got := pending(t, zoo, recipient)
		require.Len(t, got, len(want))
		for _, id := range got {
			require.True(t, want[id], "unexpected pending id %x", id)
		}
	}
	// Now the two refused messages go through.
	for _, enc := range encs[teleport.MaxPending:] {
		require.NoError(t, relay(t, zoo, relayArgs(t, enc, keys, 0)).Err)
	}
	for _, id := range pending(t, zoo, recipient) {
		require.NoError(t, claim(t, zoo, proof.Hash(id)).Err)
	}
	require.Empty(t, pending(t, zoo, recipient))
	var total int64
	for i := range encs {
		total += int64(1000 + i)
	}
	require.Equal(t, big.NewInt(total), balanceOf(t, zoo, recipient))
}

func TestSetTeleportSigners(t *testing.T) {
	c := chainWith(t, chainZoo)
	keys := signerKeys(t, proof.MLDSA44, 1, 4)
	pks := publicKeys(keys)
	bad := []struct {
		name      string
		caller    common.Address
		source    uint32
		pks       [][]byte
		threshold uint8
		want      string
	}{
		{"not governance", stranger, chainPars, pks, 2, "NotGovernance"},
		{"own chain", gov, chainZoo, pks, 2, "InvalidParameter"},
		{"chain zero", gov, 0, pks, 2, "InvalidParameter"},
		{"threshold zero", gov, chainPars, pks, 0, "InvalidParameter"},
		{"threshold above size", gov, chainPars, pks, 5, "InvalidParameter"},
		{"no keys", gov, chainPars, nil, 1, "InvalidParameter"},
		{"same key twice", gov, chainPars, [][]byte{pks[0], pks[1], pks[0]}, 2, "InvalidParameter"},
		{"malformed key", gov, chainPars, [][]byte{pks[0], pks[1][:100]}, 1, "InvalidParameter"},
		{"too many keys", gov, chainPars, publicKeys(signerKeys(t, proof.MLDSA44, 3, teleport.MaxSigners+1)), 2, "InvalidParameter"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			requireRevert(t, c.Call(precompiletest.Frame{Caller: tc.caller}, pack(t, "setTeleportSigners", tc.source, tc.pks, tc.threshold)), tc.want)
		})
	}
	view := func() ([][32]byte, uint8) {
		r := c.Call(precompiletest.Frame{}, pack(t, "teleportSigners", uint32(chainPars)))
		require.NoError(t, r.Err)
		v := unpack(t, "teleportSigners", r.Ret)
		return v[0].([][32]byte), v[1].(uint8)
	}
	ids, th := view()
	require.Empty(t, ids)
	require.Zero(t, th)

	r := c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setTeleportSigners", uint32(chainPars), pks, uint8(3)))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, iaimining.Events["TeleportSignersSet"].ID, r.Logs[0].Topics[0])
	ids, th = view()
	require.Len(t, ids, 4)
	require.Equal(t, uint8(3), th)
	for i, k := range keys {
		require.Equal(t, [32]byte(teleport.SignerID(k.Public().Bytes())), ids[i])
	}
	// Shrinking the set clears the dropped positions: a dropped signer no
	// longer counts.
	setSigners(t, c, chainPars, keys[1:3], 2)
	ids, th = view()
	require.Len(t, ids, 2)
	require.Equal(t, uint8(2), th)
	require.Equal(t, common.Hash{}, c.State.GetState(precompile.Address, precompile.TeleportSignerSlot(chainPars, 3)))
	pars := chainWith(t, chainPars)
	mine(t, pars, chainPars, holder, 1)
	_, enc := send(t, pars, holder, chainZoo, recipient, big.NewInt(1))
	requireRevert(t, relay(t, c, relayArgs(t, enc, keys, 0, 1)), "UnknownTeleportSigner")
	r = relay(t, c, []any{enc, []uint8{0, 1}, [][]byte{pks[1], pks[2]}, relayArgs(t, enc, keys, 1, 2)[3]})
	require.NoError(t, r.Err, "%v", r.Revert)
}

// TestTeleportConservation is a property test: over random sequences of
// mining, teleports both ways, relays (duplicates and wrong chains
// included) and claims, what was burned on each chain equals what its
// destination relayed plus what is still in flight; relayed equals claimed
// plus pending; and the total of every balance, in-flight and pending amount
// equals what was mined.
func TestTeleportConservation(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			ids := map[uint64]uint32{chainPars: chainPars, chainZoo: chainZoo}
			chains := map[uint64]*precompiletest.Chain{chainPars: chainWith(t, chainPars), chainZoo: chainWith(t, chainZoo)}
			keys := map[uint64][]*proof.PrivateKey{chainPars: signerKeys(t, proof.MLDSA44, 1, 3), chainZoo: signerKeys(t, proof.MLDSA44, 2, 3)}
			other := func(c uint64) uint64 {
				if c == chainPars {
					return chainZoo
				}
				return chainPars
			}
			for c := range chains {
				setSigners(t, chains[other(c)], ids[c], keys[c], 2)
			}
			people := []common.Address{holder, recipient, stranger, payee}
			type flight struct {
				from uint64
				enc  []byte
				id   proof.Hash
			}
			var inFlight []flight  // sent, not yet relayed
			var relayed []flight   // relayed at least once (for duplicate attempts)
			var claimable []flight // relayed, not claimed
			mined := new(big.Int)
			for step := 0; step < 120; step++ {
				c := []uint64{chainPars, chainZoo}[rng.IntN(2)]
				switch op := rng.IntN(10); {
				case op < 2:
					mined.Add(mined, mine(t, chains[c], ids[c], people[rng.IntN(len(people))], uint64(step)))
				case op < 5:
					from := people[rng.IntN(len(people))]
					bal := balanceOf(t, chains[c], from)
					if bal.Sign() == 0 {
						continue
					}
					amount := new(big.Int).SetUint64(1 + rng.Uint64N(bal.Uint64()))
					m, enc := send(t, chains[c], from, ids[other(c)], people[rng.IntN(len(people))], amount)
					inFlight = append(inFlight, flight{c, enc, m.ID()})
				case op < 7 && len(inFlight) > 0:
					k := rng.IntN(len(inFlight))
					f := inFlight[k]
					a := rng.IntN(3)
					r := relay(t, chains[other(f.from)], relayArgs(t, f.enc, keys[f.from], uint8(a), uint8((a+1+rng.IntN(2))%3)))
					if r.Err != nil {
						// Only a full pending list may refuse a valid message; it stays in flight.
						require.Equal(t, "PendingTeleportsFull", r.Revert.Name)
						continue
					}
					inFlight = append(inFlight[:k], inFlight[k+1:]...)
					relayed, claimable = append(relayed, f), append(claimable, f)
				case op < 8 && len(relayed) > 0:
					// Duplicates and replays to the source are refused.
					f := relayed[rng.IntN(len(relayed))]
					requireRevert(t, relay(t, chains[other(f.from)], relayArgs(t, f.enc, keys[f.from], 0, 1)), "AlreadyRelayed")
					requireRevert(t, relay(t, chains[f.from], relayArgs(t, f.enc, keys[f.from], 0, 1)), "WrongDestination")
				case len(claimable) > 0:
					k := rng.IntN(len(claimable))
					f := claimable[k]
					require.NoError(t, claim(t, chains[other(f.from)], f.id).Err)
					requireRevert(t, claim(t, chains[other(f.from)], f.id), "AlreadyClaimed")
					claimable = append(claimable[:k], claimable[k+1:]...)
				}
			}
			sumFlights := func(fs []flight, from uint64) *big.Int {
				s := new(big.Int)
				for _, f := range fs {
					if from == 0 || f.from == from {
						m, err := proof.DecodeTeleportMessage(f.enc)
						require.NoError(t, err)
						s.Add(s, m.Amount.ToBig())
					}
				}
				return s
			}
			total := new(big.Int)
			for c, ch := range chains {
				_, sent, _, _ := totals(t, ch)
				_, _, relayedIn, claimedIn := totals(t, chains[other(c)])
				// burned on c = relayed on the other chain + still in flight from c
				require.Equal(t, sent, new(big.Int).Add(relayedIn, sumFlights(inFlight, c)), "chain %d", c)
				// relayed = claimed + pending
				pend := sumFlights(claimable, c)
				require.Equal(t, relayedIn, new(big.Int).Add(claimedIn, pend))
				for _, p := range people {
					total.Add(total, balanceOf(t, ch, p))
				}
			}
			total.Add(total, sumFlights(inFlight, 0))
			total.Add(total, sumFlights(claimable, 0))
			require.Equal(t, mined, total, "nothing created or lost")
		})
	}
}
