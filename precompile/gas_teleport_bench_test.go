package precompile_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/teleport"
)

// BenchmarkGasTeleport measures the Teleport functions in their worst cases
// against ecrecover in the same run (see BenchmarkGasSchedule):
//
//	go test ./precompile -run '^$' -bench GasTeleport -benchtime 100x
//
// relayTeleport's worst case is a full set of MaxSigners signatures, each
// verified from bytes (key decoding included), every storage slot fresh.
func BenchmarkGasTeleport(b *testing.B) {
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		for _, n := range []int{1, teleport.MaxSigners} {
			b.Run(fmt.Sprintf("relayTeleport/%v/%d-signatures", s, n), func(b *testing.B) {
				measured(b, func(count int) func(int) precompiletest.Result {
					zoo := chainWith(b, chainZoo)
					keys := signerKeys(b, s, 1, n)
					setSigners(b, zoo, chainPars, keys, uint8(n))
					idx := make([]uint8, n)
					for i := range idx {
						idx[i] = uint8(i)
					}
					inputs := make([][]byte, count)
					for i := range inputs {
						// A fresh recipient per call: its pending list, record
						// and amount slots are all created.
						h := proof.DomainOutput.Sum([]byte(fmt.Sprint("relay", i)))
						m := proof.TeleportMessage{SourceChain: chainPars, DestinationChain: chainZoo, Sequence: uint64(i), Sender: holder, Recipient: common.BytesToAddress(h[:20])}
						m.Amount.SetUint64(1000)
						inputs[i] = pack(b, "relayTeleport", relayArgs(b, m.Encode(), keys, idx...)...)
					}
					return func(i int) precompiletest.Result { return zoo.Call(precompiletest.Frame{Caller: stranger}, inputs[i]) }
				})
			})
		}
	}

	b.Run("teleport", func(b *testing.B) {
		measured(b, func(count int) func(int) precompiletest.Result {
			c := chainWith(b, chainPars)
			mine(b, c, chainPars, holder, 1)
			in := pack(b, "teleport", uint32(chainZoo), recipient, big.NewInt(1))
			return func(int) precompiletest.Result { return c.Call(precompiletest.Frame{Caller: holder}, in) }
		})
	})

	b.Run("claimTeleport", func(b *testing.B) {
		measured(b, func(count int) func(int) precompiletest.Result {
			zoo := chainWith(b, chainZoo)
			keys := signerKeys(b, proof.MLDSA44, 1, 1)
			setSigners(b, zoo, chainPars, keys, 1)
			ids := make([]proof.Hash, count)
			for i := range ids {
				// Two pending per fresh recipient; claiming the first moves the
				// second (the longest path).
				h := proof.DomainOutput.Sum([]byte(fmt.Sprint("claim", i)))
				to := common.BytesToAddress(h[:20])
				for j := 0; j < 2; j++ {
					m := proof.TeleportMessage{SourceChain: chainPars, DestinationChain: chainZoo, Sequence: uint64(2*i + j), Sender: holder, Recipient: to}
					m.Amount.SetUint64(1000)
					if r := relay(b, zoo, relayArgs(b, m.Encode(), keys, 0)); r.Err != nil {
						b.Fatal(r.Revert)
					}
					if j == 0 {
						ids[i] = m.ID()
					}
				}
			}
			return func(i int) precompiletest.Result { return claim(b, zoo, ids[i]) }
		})
	})

	b.Run("pendingTeleports/full", func(b *testing.B) {
		measured(b, func(int) func(int) precompiletest.Result {
			zoo := chainWith(b, chainZoo)
			keys := signerKeys(b, proof.MLDSA44, 1, 1)
			setSigners(b, zoo, chainPars, keys, 1)
			for i := 0; i < teleport.MaxPending; i++ {
				m := proof.TeleportMessage{SourceChain: chainPars, DestinationChain: chainZoo, Sequence: uint64(i), Sender: holder, Recipient: recipient}
				m.Amount.SetUint64(1000)
				if r := relay(b, zoo, relayArgs(b, m.Encode(), keys, 0)); r.Err != nil {
					b.Fatal(r.Revert)
				}
			}
			in := pack(b, "pendingTeleports", recipient)
			return func(int) precompiletest.Result { return zoo.Call(precompiletest.Frame{}, in) }
		})
	})

	b.Run(fmt.Sprintf("setTeleportSigners/%d-MLDSA87", teleport.MaxSigners), func(b *testing.B) {
		measured(b, func(int) func(int) precompiletest.Result {
			zoo := chainWith(b, chainZoo)
			in := pack(b, "setTeleportSigners", uint32(chainPars), publicKeys(signerKeys(b, proof.MLDSA87, 1, teleport.MaxSigners)), uint8(teleport.MaxSigners))
			return func(int) precompiletest.Result { return zoo.Call(precompiletest.Frame{Caller: gov}, in) }
		})
	})
}
