package precompile_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
)

// FuzzRun feeds arbitrary calldata to the precompile, as the governance
// address and as a stranger, in CALL and STATICCALL frames. It must never
// panic, must return only success, a decodable revert or out-of-gas, and a
// failed call must leave state exactly as it was.
//
//	go test ./precompile -run '^$' -fuzz FuzzRun -fuzztime 30s
func FuzzRun(f *testing.F) {
	sk, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{1})
	if err != nil {
		f.Fatal(err)
	}
	p := makeProof(f, sk, chainPars, 10, nil)
	sig, _ := sk.Sign([]byte("m"), nil, true)
	items := batchItems(2, "fuzz", 1, 2)
	batch := signBatch(f, sk, chainPars, items)
	for _, in := range [][]byte{
		pack(f, "submitWorkBatch", batch.Encode(), proof.EncodeBatchItems(items)),
		pack(f, "seqWord", [32]byte(sk.Public().ID()), uint64(0)),
		pack(f, "submitWorkProof", p.Encode(), []byte{}),
		pack(f, "submitWorkProofs", [][]byte{p.Encode()}, [][]byte{{}}),
		pack(f, "verifyMLDSA", sk.Public().Bytes(), []byte("m"), sig),
		pack(f, "miningBalance", payee),
		pack(f, "isSpent", [32]byte{1}),
		pack(f, "workIdOf", p.Encode()),
		pack(f, "parameters"),
		pack(f, "epochState"),
		pack(f, "totalMinted"),
		pack(f, "setBaseReward", big.NewInt(5)),
		pack(f, "setEpochParameters", uint64(60), big.NewInt(100), uint16(100)),
		pack(f, "setCaps", uint64(5), uint32(2)),
		pack(f, "setTimeWindow", uint64(5), uint64(5)),
		pack(f, "setTrustScores", uint16(9000), uint16(100)),
		pack(f, "transferGovernance", stranger),
		{}, {0xde, 0xad, 0xbe, 0xef},
	} {
		f.Add(in, false, false)
	}
	f.Fuzz(func(t *testing.T, input []byte, asGov, static bool) {
		c := newChain(t)
		frame := precompiletest.Frame{Caller: stranger, Gas: 2_000_000}
		if asGov {
			frame.Caller = gov
		}
		if static {
			frame.CallType = precompile.CallTypeStaticCall
		}
		before := root(c)
		r := c.Call(frame, input)
		if r.GasUsed > frame.Gas {
			t.Fatalf("charged %d gas of %d", r.GasUsed, frame.Gas)
		}
		switch {
		case r.Err == nil:
			if static && root(c) != before {
				t.Fatal("a STATICCALL changed state")
			}
		case errors.Is(r.Err, vm.ErrExecutionReverted):
			if r.Revert == nil {
				t.Fatalf("revert data %x is not an IAIMining error", r.Ret)
			}
			fallthrough
		case errors.Is(r.Err, vm.ErrOutOfGas):
			if root(c) != before {
				t.Fatalf("failed call (%v) changed state", r.Err)
			}
		default:
			t.Fatalf("unexpected error %v", r.Err)
		}
	})
}
