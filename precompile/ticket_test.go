package precompile_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// ticketFor signs a ticket for a proof's model and input with budget.
func ticketFor(t testing.TB, gw *proof.PrivateKey, budget, expiry uint64, edit func(tk *proof.JobTicket)) *proof.JobTicket {
	tk := &proof.JobTicket{ChainID: chainPars, JobID: proof.Hash{9}, ModelHash: proof.Hash{2}, InputHash: proof.Hash{3}, Budget: budget, Expiry: expiry}
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

	tk := ticketFor(t, gw, 100, t0+600, nil)
	p := ticketedProof(t, miner, tk, 100, nil)
	// An unregistered gateway's ticket earns nothing.
	requireRevert(t, submitTicketed(t, c, p, tk.Encode()), "UnknownGateway")

	r := govCall(t, c, "registerGateway", gw.Public().Bytes())
	require.NoError(t, r.Err)
	require.Equal(t, [32]byte(gwID), unpack(t, "registerGateway", r.Ret)[0])
	require.Equal(t, precompile.ABI().Events["GatewayRegistered"].ID, r.Logs[0].Topics[0])
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
	forged := ticketFor(t, other, 100, t0+600, nil)
	forged.GatewayKey, forged.Signature = tk.GatewayKey, forged.Signature[:len(tk.Signature)]
	cases := []struct {
		name string
		p    *proof.AIWorkProof
		tk   []byte
	}{
		{"TicketExpired", ticketedProof(t, miner, ticketFor(t, gw, 100, t0-1, nil), 100, nil), ticketFor(t, gw, 100, t0-1, nil).Encode()},
		{"TicketMismatch", ticketedProof(t, miner, tk, 100, func(p *proof.AIWorkProof) { p.Context.InputHash[0] ^= 1 }), tk.Encode()},
		{"TicketMismatch", ticketedProof(t, miner, tk, 100, func(p *proof.AIWorkProof) { p.Context.ModelHash[0] ^= 1 }), tk.Encode()},
		{"TicketMismatch", makeProof(t, miner, chainPars, 100, nil), tk.Encode()},
		{"TicketBudgetExceeded", ticketedProof(t, miner, tk, 101, nil), tk.Encode()},
		{"BadTicketSignature", ticketedProof(t, miner, forged, 100, nil), forged.Encode()},
		{"UnknownGateway", ticketedProof(t, miner, ticketFor(t, other, 100, t0+600, nil), 100, nil), ticketFor(t, other, 100, t0+600, nil).Encode()},
		{"MalformedInput", p, tk.Encode()[1:]},
	}
	for _, tc := range cases {
		requireRevert(t, submitTicketed(t, c, tc.p, tc.tk), tc.name)
	}
	wrongChain := ticketFor(t, gw, 100, t0+600, func(tk *proof.JobTicket) { tk.ChainID = 96369 })
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
	tk2 := ticketFor(t, gw, 100, t0+600, func(tk *proof.JobTicket) { tk.JobID = proof.Hash{10} })
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
