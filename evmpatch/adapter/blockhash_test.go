package adapter_test

import (
	"encoding/binary"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/core/vm/program"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/adapter"
	"github.com/pars-network/aimining/precompile"
)

// hashProbeAddr holds a stateful precompile that returns Env.BlockHash of
// the big-endian uint64 in its input.
var hashProbeAddr = common.HexToAddress("0x00000000000000000000000000000000000003fe")

// opcodeReader returns BLOCKHASH(calldata word 0).
var opcodeReader = common.HexToAddress("0x2000000000000000000000000000000000000010")

type hashProbe struct{}

func (hashProbe) Name() string { return "HASHPROBE" }

func (hashProbe) Run(env precompile.Env, input []byte) ([]byte, error) {
	if len(input) != 8 {
		return nil, vm.ErrExecutionReverted
	}
	h := env.BlockHash(binary.BigEndian.Uint64(input))
	return h[:], nil
}

func init() { vm.RegisterStatefulPrecompile(hashProbeAddr, adapter.New(hashProbe{})) }

// fakeHash is the hash GetHash gives block n in these tests.
func fakeHash(n uint64) common.Hash {
	return crypto.Keccak256Hash([]byte("block"), new(big.Int).SetUint64(n).Bytes())
}

func TestBlockHashMatchesOpcode(t *testing.T) {
	const current = 300
	var reads []uint64
	hooks := &tracing.Hooks{OnBlockHashRead: func(n uint64, h common.Hash) {
		if h != fakeHash(n) {
			t.Errorf("tracer saw hash %x for block %d", h, n)
		}
		reads = append(reads, n)
	}}
	sdb, err := state.New(types.EmptyRootHash, state.NewDatabaseForTesting())
	if err != nil {
		t.Fatal(err)
	}
	sdb.SetCode(opcodeReader, program.New().Push0().Op(vm.CALLDATALOAD, vm.BLOCKHASH).Push0().Op(vm.MSTORE).Push(32).Push0().Op(vm.RETURN).Bytes(), tracing.CodeChangeUnspecified)
	sdb.SetNonce(opcodeReader, 1, tracing.NonceChangeUnspecified)
	sdb.SetNonce(hashProbeAddr, 1, tracing.NonceChangeUnspecified)
	sdb.SetCode(hashProbeAddr, []byte{0xfe}, tracing.CodeChangeUnspecified)
	blockCtx := vm.BlockContext{
		CanTransfer: core.CanTransfer,
		Transfer:    core.Transfer,
		GetHash:     fakeHash,
		BlockNumber: big.NewInt(current),
		Time:        100,
		Difficulty:  new(big.Int),
		BaseFee:     big.NewInt(params.InitialBaseFee),
		BlobBaseFee: big.NewInt(1),
		Random:      &common.Hash{},
		GasLimit:    30_000_000,
	}
	evm := vm.NewEVM(blockCtx, state.NewHookedState(sdb, hooks), chainConfig(t, 0), vm.Config{Tracer: hooks})
	evm.SetTxContext(vm.TxContext{Origin: origin, GasPrice: uint256.NewInt(1)})

	for _, tc := range []struct {
		n     uint64
		known bool
	}{
		{current - 1, true},
		{current - 256, true},
		{current - 257, false},
		{0, false},
		{current, false},
		{current + 1, false},
		{^uint64(0), false},
	} {
		reads = nil
		var in [8]byte
		binary.BigEndian.PutUint64(in[:], tc.n)
		viaPrecompile, _, err := evm.Call(origin, hashProbeAddr, in[:], vm.NewGasBudget(callGas, 0), new(uint256.Int))
		if err != nil {
			t.Fatalf("precompile, block %d: %v", tc.n, err)
		}
		want := common.Hash{}
		if tc.known {
			want = fakeHash(tc.n)
		}
		if common.BytesToHash(viaPrecompile) != want {
			t.Errorf("Env.BlockHash(%d) at %d = %x, want %x", tc.n, current, viaPrecompile, want)
		}
		if tc.known != (len(reads) == 1) {
			t.Errorf("block %d: tracer saw reads %v", tc.n, reads)
		}
		viaOpcode, _, err := evm.Call(origin, opcodeReader, common.BigToHash(new(big.Int).SetUint64(tc.n)).Bytes(), vm.NewGasBudget(callGas, 0), new(uint256.Int))
		if err != nil {
			t.Fatalf("opcode, block %d: %v", tc.n, err)
		}
		if common.BytesToHash(viaOpcode) != common.BytesToHash(viaPrecompile) {
			t.Errorf("block %d: BLOCKHASH %x, Env.BlockHash %x", tc.n, viaOpcode, viaPrecompile)
		}
	}
}
