package adapter_test

import (
	"math"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/adapter"
	"github.com/pars-network/aimining/precompile"

	_ "github.com/pars-network/aimining/evmpatch/register" // 0x0300
)

// probeAddr holds a test-only stateful precompile that records what the
// patched EVM tells it, so the tests can check the patch's semantics while
// the real precompile evolves on its own.
var probeAddr = common.HexToAddress("0x00000000000000000000000000000000000003ff")

const probeGas = 7_000

var (
	probeTopic = common.HexToHash("0x70726f6265")
	probeSlot  = common.Hash{31: 1}
	failSlot   = common.Hash{31: 2}
	theProbe   = &probe{}
)

// The probe keeps nonce 1 and a 0xfe marker at its address, installed at
// activation on chains whose genesis lacks them.
func init() {
	vm.RegisterStatefulPrecompile(probeAddr, adapter.New(theProbe).WithAccount(func(*params.ChainConfig) types.Account {
		return types.Account{Nonce: 1, Code: []byte{0xfe}}
	}))
}

// Probe operations, selected by the first input byte.
const (
	opRecord    = 0 // charge probeGas, store the caller, log, return the caller
	opWriteFail = 1 // charge probeGas, store and log, then revert with "nope"
	opBurn      = 2 // charge probeGas, then ask for more gas than exists
)

type observation struct {
	callType                   precompile.CallType
	caller, address            common.Address
	value                      *uint256.Int
	readOnly                   bool
	chainID, number, blockTime uint64
}

type probe struct{ seen []observation }

func (p *probe) reset() { p.seen = nil }

func (p *probe) last() observation {
	if len(p.seen) == 0 {
		return observation{}
	}
	return p.seen[len(p.seen)-1]
}

func (p *probe) Name() string { return "PROBE" }

func (p *probe) Run(env precompile.Env, input []byte) ([]byte, error) {
	p.seen = append(p.seen, observation{
		callType: env.CallType(), caller: env.Caller(), address: env.Address(), value: env.Value(),
		readOnly: env.ReadOnly(), chainID: env.ChainID(), number: env.BlockNumber(), blockTime: env.BlockTime(),
	})
	if !env.UseGas(probeGas) {
		return nil, vm.ErrOutOfGas
	}
	op := byte(opRecord)
	if len(input) > 0 {
		op = input[0]
	}
	switch op {
	case opWriteFail:
		env.State().SetState(env.Address(), failSlot, common.Hash{31: 1})
		env.AddLog([]common.Hash{probeTopic}, []byte("failed"))
		return []byte("nope"), vm.ErrExecutionReverted
	case opBurn:
		if !env.UseGas(math.MaxUint64) {
			return nil, vm.ErrOutOfGas
		}
		return nil, nil
	}
	if !env.ReadOnly() {
		env.State().SetState(env.Address(), probeSlot, common.BytesToHash(env.Caller().Bytes()))
		env.AddLog([]common.Hash{probeTopic, common.BytesToHash(env.Caller().Bytes())}, []byte{byte(env.CallType())})
	}
	return env.Caller().Bytes(), nil
}
