package precompile_test

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// BenchmarkGasTickets measures the gateway-ticket functions in their worst
// case against ecrecover in the same run (x-ecrecover ≥ 1.2 is the target):
//
//	go test ./precompile -run '^$' -bench GasTickets -benchtime 200x
func BenchmarkGasTickets(b *testing.B) {
	// submitTicketedWork: an ML-DSA-87 proof and an ML-DSA-87 ticket (the
	// costliest of each), the longest epoch rollover, a fresh beneficiary,
	// tickets required.
	b.Run(fmt.Sprintf("submitTicketedWork/%v", proof.MLDSA87), func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			gw := key(b, proof.MLDSA87, 7)
			if r := govCall(b, c, "registerGateway", gw.Public().Bytes()); r.Err != nil {
				b.Fatal(r.Err, r.Revert)
			}
			if r := govCall(b, c, "setTicketsRequired", true); r.Err != nil {
				b.Fatal(r.Err, r.Revert)
			}
			if r := govCall(b, c, "setGatewayBudget", [32]byte(gw.Public().ID()), uint64(1)<<62); r.Err != nil {
				b.Fatal(r.Err, r.Revert)
			}
			sk := key(b, proof.MLDSA87, 1)
			bondKey(b, c, sk)
			at := func(i int) uint64 { return uint64(t0) + uint64(i)*3600*(reward.MaxSkippedEpochSteps+2) }
			inputs := make([][]byte, n)
			for i := range inputs {
				tk := ticketFor(b, gw, sk, 1000, at(i)+600, func(tk *proof.JobTicket) { tk.JobID = proof.DomainInput.Sum([]byte(fmt.Sprint(i))) })
				p := ticketedProof(b, sk, tk, 1000, func(p *proof.AIWorkProof) {
					p.Context.Timestamp = at(i)
					h := proof.DomainOutput.Sum([]byte(fmt.Sprint(i)))
					p.Beneficiary = common.BytesToAddress(h[:20])
				})
				inputs[i] = pack(b, "submitTicketedWork", p.Encode(), []byte{}, tk.Encode())
			}
			return func(i int) precompiletest.Result {
				c.SetBlock(uint64(i+1), at(i))
				return c.Call(precompiletest.Frame{}, inputs[i])
			}
		})
	})

	// registerGateway: a fresh ML-DSA-87 key each time.
	b.Run(fmt.Sprintf("registerGateway/%v", proof.MLDSA87), func(b *testing.B) {
		measured(b, func(n int) func(int) precompiletest.Result {
			c := newChain(b)
			inputs := make([][]byte, n)
			for i := range inputs {
				sk, err := proof.NewKeyFromSeed(proof.MLDSA87, [32]byte(proof.DomainInput.Sum([]byte(fmt.Sprint("gw", i)))))
				if err != nil {
					b.Fatal(err)
				}
				inputs[i] = pack(b, "registerGateway", sk.Public().Bytes())
			}
			return func(i int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, inputs[i]) }
		})
	})

	views := []struct {
		name string
		in   func(b *testing.B) []byte
	}{
		{"gatewayStatus", func(b *testing.B) []byte { return pack(b, "gatewayStatus", [32]byte{1}) }},
		{"ticketRedeemedAt", func(b *testing.B) []byte { return pack(b, "ticketRedeemedAt", [32]byte{1}) }},
		{"setTicketsRequired", func(b *testing.B) []byte { return pack(b, "setTicketsRequired", false) }},
		{"revokeGateway", func(b *testing.B) []byte { return pack(b, "revokeGateway", [32]byte{1}) }},
	}
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			measured(b, func(int) func(int) precompiletest.Result {
				c := newChain(b)
				in := v.in(b)
				return func(int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: gov}, in) }
			})
		})
	}
}
