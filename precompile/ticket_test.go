package precompile_test

import (
	"encoding/binary"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// ticketFor signs the ticket of a lease to miner: a job on a proof's model
// and input with budget.
func ticketFor(t testing.TB, gw, miner *proof.PrivateKey, budget, expiry uint64, edit func(tk *proof.JobTicket)) *proof.JobTicket {
	tk := &proof.JobTicket{ChainID: chainPars, JobID: proof.Hash{9}, MinerID: miner.Public().ID(), ModelHash: proof.Hash{2}, InputHash: proof.Hash{3}, Budget: budget, Expiry: expiry}
	if edit != nil {
		edit(tk)
	}
	require.NoError(t, tk.Sign(gw, true))
	return tk
}

// ticketedProof makes a proof bound to tk.
func ticketedProof(t testing.TB, sk *proof.PrivateKey, tk *proof.JobTicket, cu uint64, edit func(p *proof.AIWorkProof)) *proof.AIWorkProof {
	return makeProof(t, sk, chainPars, cu, func(p *proof.AIWorkProof) {
		p.Context.JobID = tk.ID()
		if edit != nil {
			edit(p)
		}
	})
}

func govCall(t testing.TB, c *precompiletest.Chain, name string, args ...any) precompiletest.Result {
	return c.Call(precompiletest.Frame{Caller: gov}, pack(t, name, args...))
}

func submitTicketed(t testing.TB, c *precompiletest.Chain, p *proof.AIWorkProof, tk []byte) precompiletest.Result {
	t.Helper()
	bondID(t, c, p.MinerID())
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitTicketedWork", p.Encode(), []byte{}, tk))
}

func TestTicketedWork(t *testing.T) {
	c := newChain(t)
	gw := key(t, proof.MLDSA65, 7)
	miner := key(t, proof.MLDSA44, 1)
	gwID := gw.Public().ID()

	// Governance only.
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "registerGateway", gw.Public().Bytes())), "NotGovernance")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setTicketsRequired", true)), "NotGovernance")
	requireRevert(t, govCall(t, c, "registerGateway", []byte{1, 2, 3}), "InvalidParameter")

	tk := ticketFor(t, gw, miner, 100, t0+600, nil)
	p := ticketedProof(t, miner, tk, 100, nil)
	// An unregistered gateway's ticket earns nothing.
	requireRevert(t, submitTicketed(t, c, p, tk.Encode()), "UnknownGateway")

	r := govCall(t, c, "registerGateway", gw.Public().Bytes())
	require.NoError(t, r.Err)
	require.Equal(t, [32]byte(gwID), unpack(t, "registerGateway", r.Ret)[0])
	require.Equal(t, precompile.ABI().Events["GatewayRegistered"].ID, r.Logs[0].Topics[0])
	require.NoError(t, govCall(t, c, "setGatewayBudget", [32]byte(gwID), uint64(1000)).Err)
	r = govCall(t, c, "setTicketsRequired", true)
	require.NoError(t, r.Err)
	require.Len(t, r.Logs, 1)

	// With tickets required, plain submissions are refused: a miner cannot
	// mint rewards for a job it invented itself.
	self := makeProof(t, miner, chainPars, 100, nil)
	requireRevert(t, submit(c, t, self, nil), "TicketRequired")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProofs", [][]byte{self.Encode()}, [][]byte{{}})), "TicketRequired")
	require.Zero(t, balanceOf(t, c, payee).Sign())

	// Refusals, each for one reason.
	other := key(t, proof.MLDSA65, 8)
	forged := ticketFor(t, other, miner, 100, t0+600, nil)
	forged.GatewayKey, forged.Signature = tk.GatewayKey, forged.Signature[:len(tk.Signature)]
	intruder := key(t, proof.MLDSA44, 2)
	cases := []struct {
		name string
		p    *proof.AIWorkProof
		tk   []byte
		arg  any // the revert's first argument, when it has one to check
	}{
		{"TicketExpired", ticketedProof(t, miner, ticketFor(t, gw, miner, 100, t0-1, nil), 100, nil), ticketFor(t, gw, miner, 100, t0-1, nil).Encode(), nil},
		{"TicketMismatch", ticketedProof(t, miner, tk, 100, func(p *proof.AIWorkProof) { p.Context.InputHash[0] ^= 1 }), tk.Encode(), "input hash"},
		{"TicketMismatch", ticketedProof(t, miner, tk, 100, func(p *proof.AIWorkProof) { p.Context.ModelHash[0] ^= 1 }), tk.Encode(), "model hash"},
		{"TicketMismatch", makeProof(t, miner, chainPars, 100, nil), tk.Encode(), "job id"},
		// Work signed by a key the ticket does not name, and the same with
		// a forged ticket: the miner is checked before any signature.
		{"TicketMismatch", ticketedProof(t, intruder, tk, 100, nil), tk.Encode(), "miner id"},
		{"TicketMismatch", ticketedProof(t, intruder, forged, 100, nil), forged.Encode(), "miner id"},
		{"TicketBudgetExceeded", ticketedProof(t, miner, tk, 101, nil), tk.Encode(), nil},
		{"BadTicketSignature", ticketedProof(t, miner, forged, 100, nil), forged.Encode(), nil},
		{"UnknownGateway", ticketedProof(t, miner, ticketFor(t, other, miner, 100, t0+600, nil), 100, nil), ticketFor(t, other, miner, 100, t0+600, nil).Encode(), nil},
		{"MalformedInput", p, tk.Encode()[1:], nil},
		// A version-1 ticket (no miner id), validly signed by a registered
		// gateway, is refused for its version with a fixed reason.
		{"MalformedInput", p, ticketV1(t, tk, gw), "proof: malformed JobTicket: version at byte 0: ticket version 1 is no longer accepted (it names no miner); want 2"},
	}
	for i, tc := range cases {
		bondID(t, c, tc.p.MinerID()) // bonding is not part of the refusal
		before := root(c)
		r := submitTicketed(t, c, tc.p, tc.tk)
		requireRevert(t, r, tc.name)
		if tc.arg != nil {
			require.Equal(t, tc.arg, r.Revert.Args[0], "case %d", i)
		}
		require.Equal(t, before, root(c), "case %d: a refusal changes no state", i)
	}
	wrongChain := ticketFor(t, gw, miner, 100, t0+600, func(tk *proof.JobTicket) { tk.ChainID = 96369 })
	requireRevert(t, submitTicketed(t, c, ticketedProof(t, miner, wrongChain, 100, nil), wrongChain.Encode()), "TicketMismatch")

	// The ticketed work earns, with TicketRedeemed beside WorkAccepted.
	r = submitTicketed(t, c, p, tk.Encode())
	require.NoError(t, r.Err, "%v", r.Revert)
	settle(t, c, p)
	require.Positive(t, balanceOf(t, c, payee).Sign())
	require.Len(t, r.Logs, 2)
	require.Equal(t, precompile.ABI().Events["WorkAccepted"].ID, r.Logs[0].Topics[0])
	ev := r.Logs[1]
	require.Equal(t, precompile.ABI().Events["TicketRedeemed"].ID, ev.Topics[0])
	require.Equal(t, common.Hash(tk.ID()), ev.Topics[1])
	require.Equal(t, common.Hash(gwID), ev.Topics[2])
	require.Equal(t, common.Hash(p.WorkID()), ev.Topics[3])

	// Each ticket once, even with fresh work (another nonce) under it.
	again := ticketedProof(t, miner, tk, 100, func(p *proof.AIWorkProof) { p.Context.Nonce[9] = 1 })
	requireRevert(t, submitTicketed(t, c, again, tk.Encode()), "TicketAlreadyRedeemed")
	r = c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "ticketRedeemedAt", [32]byte(tk.ID())))
	require.NoError(t, r.Err)
	require.NotZero(t, unpack(t, "ticketRedeemedAt", r.Ret)[0].(uint64))

	// Revoked gateways' tickets stop earning; views report it.
	require.NoError(t, govCall(t, c, "revokeGateway", [32]byte(gwID)).Err)
	tk2 := ticketFor(t, gw, miner, 100, t0+600, func(tk *proof.JobTicket) { tk.JobID = proof.Hash{10} })
	requireRevert(t, submitTicketed(t, c, ticketedProof(t, miner, tk2, 50, nil), tk2.Encode()), "UnknownGateway")
	requireRevert(t, govCall(t, c, "registerGateway", gw.Public().Bytes()), "InvalidParameter")
	r = c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "gatewayStatus", [32]byte(gwID)))
	require.NoError(t, r.Err)
	out := unpack(t, "gatewayStatus", r.Ret)
	require.Equal(t, true, out[0])
	require.Equal(t, uint8(2), out[1])

	// Turning the requirement off lets plain submissions earn again.
	require.NoError(t, govCall(t, c, "setTicketsRequired", false).Err)
	before := balanceOf(t, c, payee)
	require.NoError(t, submit(c, t, self, nil).Err)
	settle(t, c, self)
	require.Equal(t, 1, balanceOf(t, c, payee).Cmp(before))
	_ = big.NewInt
}

// TestTicketFrontRunRefused: a ticket seen in the mempool or on the gateway
// link cannot be redeemed by anyone but the miner the gateway leased it
// to. The attacker signs its own proof (its own key, a made-up output, the
// full budget, its own beneficiary) under the copied ticket and submits
// first; it is refused without a state change, and the honest miner is
// then paid.
func TestTicketFrontRunRefused(t *testing.T) {
	thief := common.HexToAddress("0x00000000000000000000000000000000000000dd")
	honest := key(t, proof.MLDSA44, 1)
	cases := []struct {
		name     string
		attacker *proof.PrivateKey
	}{
		{"ML-DSA-44 attacker", key(t, proof.MLDSA44, 66)},
		{"ML-DSA-65 attacker", key(t, proof.MLDSA65, 66)},
		{"ML-DSA-87 attacker", key(t, proof.MLDSA87, 66)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			gw := key(t, proof.MLDSA65, 7)
			require.NoError(t, govCall(t, c, "registerGateway", gw.Public().Bytes()).Err)
			require.NoError(t, govCall(t, c, "setGatewayBudget", [32]byte(gw.Public().ID()), uint64(1000)).Err)
			require.NoError(t, govCall(t, c, "setTicketsRequired", true).Err)

			tk := ticketFor(t, gw, honest, 100, t0+600, nil)
			stolen := ticketedProof(t, tc.attacker, tk, tk.Budget, func(p *proof.AIWorkProof) {
				p.Beneficiary = thief
				p.OutputHash = proof.HashOutput([]byte("made up"))
			})
			bondID(t, c, stolen.MinerID()) // the thief is bonded: only the ticket stops it
			before := root(c)
			r := submitTicketed(t, c, stolen, tk.Encode())
			requireRevert(t, r, "TicketMismatch")
			require.Equal(t, []any{"miner id"}, r.Revert.Args)
			require.Equal(t, before, root(c), "a refused front-run changes no state")
			require.Zero(t, balanceOf(t, c, thief).Sign())
			q := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "ticketRedeemedAt", [32]byte(tk.ID())))
			require.NoError(t, q.Err)
			require.Zero(t, unpack(t, "ticketRedeemedAt", q.Ret)[0].(uint64))

			// The miner the ticket names is paid.
			paid := ticketedProof(t, honest, tk, 100, nil)
			r = submitTicketed(t, c, paid, tk.Encode())
			require.NoError(t, r.Err, "%v", r.Revert)
			settle(t, c, paid)
			require.Positive(t, balanceOf(t, c, payee).Sign())
		})
	}
}

// leasedTicket signs a ticket the gateway leases to miner.
func leasedTicket(t testing.TB, gw, miner *proof.PrivateKey, budget, expiry uint64, edit func(tk *proof.JobTicket)) *proof.JobTicket {
	return ticketFor(t, gw, miner, budget, expiry, edit)
}

// ticketV1 encodes tk in the retired version-1 ticket layout (no miner
// id), validly signed by gw: what a gateway of the old format would send.
func ticketV1(t testing.TB, tk *proof.JobTicket, gw *proof.PrivateKey) []byte {
	pub := gw.Public().Bytes()
	b := []byte{1}
	b = binary.BigEndian.AppendUint32(b, tk.ChainID)
	b = append(b, tk.JobID[:]...)
	b = append(b, tk.ModelHash[:]...)
	b = append(b, tk.InputHash[:]...)
	b = binary.BigEndian.AppendUint64(b, tk.Budget)
	b = binary.BigEndian.AppendUint64(b, tk.Expiry)
	b = binary.BigEndian.AppendUint16(b, uint16(len(pub)))
	b = append(b, pub...)
	sig, err := gw.Sign(b, proof.ContextJobTicket, true)
	require.NoError(t, err)
	return append(b, sig...)
}

// TestColludingGatewayBudget: a registered gateway that colludes with a
// miner signs as many tickets as it likes for fabricated work. Its tickets
// spend from the compute-unit budget governance set for it per epoch:
// beyond it they are refused (the work stays unspent), in the next epoch the
// budget is fresh, and without a budget its tickets earn nothing.
func TestColludingGatewayBudget(t *testing.T) {
	c := newChain(t)
	gw := key(t, proof.MLDSA65, 70)
	gwID := [32]byte(gw.Public().ID())
	miner := key(t, proof.MLDSA44, 71)
	require.NoError(t, govCall(t, c, "registerGateway", gw.Public().Bytes()).Err)
	require.NoError(t, govCall(t, c, "setTicketsRequired", true).Err)
	n := byte(0)
	ticketed := func(cu uint64, ts uint64) (*proof.AIWorkProof, []byte) {
		n++
		tk := ticketFor(t, gw, miner, cu, ts+600, func(tk *proof.JobTicket) { tk.JobID = proof.Hash{0x70, n} })
		return ticketedProof(t, miner, tk, cu, func(p *proof.AIWorkProof) { p.Context.Timestamp = ts }), tk.Encode()
	}

	// No budget set: nothing.
	p, tk := ticketed(100, t0)
	r := submitTicketed(t, c, p, tk)
	requireRevert(t, r, "GatewayBudgetExhausted")
	require.Equal(t, []any{gwID, uint64(0), uint64(0), uint64(0)}, r.Revert.Args)

	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setGatewayBudget", gwID, uint64(250))), "NotGovernance")
	r = govCall(t, c, "setGatewayBudget", gwID, uint64(250))
	require.NoError(t, r.Err)
	require.Equal(t, precompile.ABI().Events["GatewayBudgetSet"].ID, r.Logs[0].Topics[0])
	require.NoError(t, submitTicketed(t, c, p, tk).Err)
	p, tk = ticketed(150, t0)
	require.NoError(t, submitTicketed(t, c, p, tk).Err)
	require.Equal(t, []any{uint64(250), uint64(0), uint64(250)}, view(t, c, "gatewayBudget", gwID))
	// The budget is spent: any further ticket of the epoch is refused and
	// changes nothing.
	p, tk = ticketed(1, t0)
	before := root(c)
	r = submitTicketed(t, c, p, tk)
	requireRevert(t, r, "GatewayBudgetExhausted")
	require.Equal(t, []any{gwID, uint64(0), uint64(250), uint64(250)}, r.Revert.Args)
	require.Equal(t, before, root(c))
	require.Equal(t, false, view(t, c, "isSpent", [32]byte(p.WorkID()))[0])

	// The next epoch.
	c.SetBlock(2, t0+3600)
	p, tk = ticketed(250, t0+3600)
	require.NoError(t, submitTicketed(t, c, p, tk).Err)
	require.Equal(t, []any{uint64(250), uint64(1), uint64(250)}, view(t, c, "gatewayBudget", gwID))
}
