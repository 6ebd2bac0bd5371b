package aimining_test

import (
	"bytes"
	"errors"
	"math/big"
	"sync"
	"testing"

	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/contract"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/modules"
	"github.com/ava-labs/avalanchego/graft/subnet-evm/precompile/precompileconfig"
	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/core/types"
	"github.com/ava-labs/libevm/core/vm"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/luxevm/adapter"
	"github.com/pars-network/aimining/precompile"
)

// probeAddr holds a test-only module that records what the adapter hands a
// precompile, so the tests check the mapping of subnet-evm's call frame to
// precompile.Env on the real EVM. It lies in the range the registerer
// patch opens.
var probeAddr = common.HexToAddress("0x00000000000000000000000000000000000003ff")

const (
	probeKey = "parsProbeConfig"
	probeGas = 7_000
)

// Probe operations, selected by the first input byte.
const (
	opRecord    = 0 // charge probeGas, store the caller, log, return the caller
	opWriteFail = 1 // charge probeGas, store and log, then revert with "nope"
	opBurn      = 2 // charge probeGas, then ask for more gas than exists
)

var (
	probeTopic = common.HexToHash("0x70726f6265")
	probeSlot  = common.Hash{31: 1}
	theProbe   = &probe{}
)

type observation struct {
	callType                   precompile.CallType
	caller, address            common.Address
	value                      *uint256.Int
	readOnly                   bool
	chainID, number, blockTime uint64
	parentHash, ownHash        common.Hash
}

type probe struct {
	mu   sync.Mutex
	seen []observation
}

func (p *probe) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.seen)
}

func (p *probe) last() observation {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.seen) == 0 {
		return observation{}
	}
	return p.seen[len(p.seen)-1]
}

func (*probe) Name() string { return "PROBE" }

func (p *probe) Run(env precompile.Env, input []byte) ([]byte, error) {
	o := observation{
		callType: env.CallType(), caller: env.Caller(), address: env.Address(), value: env.Value(),
		readOnly: env.ReadOnly(), chainID: env.ChainID(), number: env.BlockNumber(), blockTime: env.BlockTime(),
		ownHash: env.BlockHash(env.BlockNumber()),
	}
	if o.number > 0 {
		o.parentHash = env.BlockHash(o.number - 1)
	}
	p.mu.Lock()
	p.seen = append(p.seen, o)
	p.mu.Unlock()
	if !env.UseGas(probeGas) {
		return nil, vm.ErrOutOfGas
	}
	op := byte(opRecord)
	if len(input) > 0 {
		op = input[0]
	}
	switch op {
	case opWriteFail:
		env.State().SetState(env.Address(), probeSlot, common.Hash{31: 0xee})
		env.AddLog([]common.Hash{probeTopic}, nil)
		return []byte("nope"), vm.ErrExecutionReverted
	case opBurn:
		if !env.UseGas(1 << 62) {
			return nil, vm.ErrOutOfGas
		}
		return nil, errors.New("unreachable")
	}
	if !env.ReadOnly() {
		prev := env.State().SetState(env.Address(), probeSlot, common.BytesToHash(env.Caller().Bytes()))
		env.AddLog([]common.Hash{probeTopic, common.BytesToHash(env.Caller().Bytes())}, prev[:])
	}
	return common.LeftPadBytes(env.Caller().Bytes(), 32), nil
}

type probeConfig struct {
	precompileconfig.Upgrade
}

func (*probeConfig) Key() string                               { return probeKey }
func (*probeConfig) Verify(precompileconfig.ChainConfig) error { return nil }
func (c *probeConfig) Equal(o precompileconfig.Config) bool {
	p, ok := o.(*probeConfig)
	return ok && c.Upgrade.Equal(&p.Upgrade)
}
func (probeConfigurator) MakeConfig() precompileconfig.Config { return new(probeConfig) }
func (probeConfigurator) Configure(precompileconfig.ChainConfig, precompileconfig.Config, contract.StateDB, contract.ConfigurationBlockContext) error {
	return nil
}

type probeConfigurator struct{}

func init() {
	if err := modules.RegisterModule(modules.Module{
		ConfigKey: probeKey, Address: probeAddr, Contract: adapter.New(theProbe), Configurator: probeConfigurator{},
	}); err != nil {
		panic(err)
	}
}

// forwarder is the code of a contract that forwards its calldata and value
// to target with op (CALL, CALLCODE, DELEGATECALL or STATICCALL) and
// returns or reverts with what came back.
func forwarder(op vm.OpCode, target common.Address) []byte {
	p := []byte{byte(vm.CALLDATASIZE), byte(vm.PUSH0), byte(vm.PUSH0), byte(vm.CALLDATACOPY),
		byte(vm.PUSH0), byte(vm.PUSH0), byte(vm.CALLDATASIZE), byte(vm.PUSH0)}
	if op == vm.CALL || op == vm.CALLCODE {
		p = append(p, byte(vm.CALLVALUE))
	}
	p = append(p, byte(vm.PUSH20))
	p = append(p, target.Bytes()...)
	p = append(p, byte(vm.GAS), byte(op),
		byte(vm.RETURNDATASIZE), byte(vm.PUSH0), byte(vm.PUSH0), byte(vm.RETURNDATACOPY))
	ok := len(p) + 6 // after PUSH1 ok, JUMPI, RETURNDATASIZE, PUSH0, REVERT
	p = append(p, byte(vm.PUSH1), byte(ok), byte(vm.JUMPI), byte(vm.RETURNDATASIZE), byte(vm.PUSH0), byte(vm.REVERT),
		byte(vm.JUMPDEST), byte(vm.RETURNDATASIZE), byte(vm.PUSH0), byte(vm.RETURN))
	return p
}

var (
	fwdCall     = common.HexToAddress("0x00000000000000000000000000000000000f0001")
	fwdStatic   = common.HexToAddress("0x00000000000000000000000000000000000f0002")
	fwdDelegate = common.HexToAddress("0x00000000000000000000000000000000000f0003")
	fwdCallCode = common.HexToAddress("0x00000000000000000000000000000000000f0004")
)

func newProbeChain(t *testing.T) *chain {
	zero := uint64(0)
	return newChain(t, map[common.Address][]byte{
		fwdCall:     forwarder(vm.CALL, probeAddr),
		fwdStatic:   forwarder(vm.STATICCALL, probeAddr),
		fwdDelegate: forwarder(vm.DELEGATECALL, probeAddr),
		fwdCallCode: forwarder(vm.CALLCODE, probeAddr),
	}, &probeConfig{Upgrade: precompileconfig.Upgrade{BlockTimestamp: &zero}})
}

func TestProbeSeesTheCallFrame(t *testing.T) {
	c := newProbeChain(t)
	c.backend.Commit(true) // a block 1, so that the probe's block has a parent
	value := big.NewInt(12345)
	for _, tc := range []struct {
		name     string
		to       common.Address
		value    *big.Int
		callType precompile.CallType
		caller   common.Address
		readOnly bool
		prev     common.Address // the slot's value before the call, logged by the probe
	}{
		{"direct CALL with value", probeAddr, value, precompile.CallTypeCall, sender, false, common.Address{}},
		{"CALL from a contract", fwdCall, value, precompile.CallTypeCall, fwdCall, false, sender},
		{"STATICCALL from a contract", fwdStatic, nil, precompile.CallTypeStaticCall, fwdStatic, true, common.Address{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.send(senderKey, tc.to, tc.value, 200_000, []byte{opRecord})
			if r.Status != types.ReceiptStatusSuccessful {
				t.Fatalf("status %d", r.Status)
			}
			o := c.last(t, r)
			wantValue := new(uint256.Int)
			if tc.value != nil {
				wantValue.SetFromBig(tc.value)
			}
			if o.callType != tc.callType || o.caller != tc.caller || o.address != probeAddr || o.readOnly != tc.readOnly || !o.value.Eq(wantValue) {
				t.Errorf("probe saw %+v", o)
			}
			if o.chainID != parsChainID {
				t.Errorf("chain id %d, want %d", o.chainID, parsChainID)
			}
			block, err := c.client.HeaderByNumber(c.ctx(), r.BlockNumber)
			if err != nil {
				t.Fatal(err)
			}
			if o.number != block.Number.Uint64() || o.blockTime != block.Time {
				t.Errorf("block %d at %d, probe saw %d at %d", block.Number, block.Time, o.number, o.blockTime)
			}
			// BLOCKHASH through the patched libevm: the parent's hash, and
			// zero for the executing block.
			if o.parentHash != block.ParentHash || o.ownHash != (common.Hash{}) {
				t.Errorf("BlockHash(parent) = %v, want %v; BlockHash(own) = %v, want zero", o.parentHash, block.ParentHash, o.ownHash)
			}
			wantLogs := 1
			if tc.readOnly {
				wantLogs = 0
			}
			if len(r.Logs) != wantLogs {
				t.Fatalf("%d logs, want %d", len(r.Logs), wantLogs)
			}
			// SetState returned the slot's previous value (the adapter
			// reads it first: libevm's SetState returns nothing).
			if wantLogs == 1 && (r.Logs[0].Address != probeAddr || r.Logs[0].Topics[1] != common.BytesToHash(tc.caller.Bytes()) ||
				common.BytesToHash(r.Logs[0].Data) != common.BytesToHash(tc.prev.Bytes())) {
				t.Errorf("log %+v, want previous value %v", r.Logs[0], tc.prev)
			}
		})
	}
	// The probe's gas is part of the receipt's.
	r := c.send(senderKey, probeAddr, nil, 200_000, []byte{opRecord})
	if r.GasUsed < 21_000+probeGas {
		t.Errorf("gas used %d does not include the probe's %d", r.GasUsed, probeGas)
	}
}

// last returns the probe's last observation, made while r's block was
// built.
func (c *chain) last(t *testing.T, r *types.Receipt) observation {
	t.Helper()
	o := theProbe.last()
	if o.number != r.BlockNumber.Uint64() {
		t.Fatalf("the probe last ran in block %d, the receipt is from block %v", o.number, r.BlockNumber)
	}
	return o
}

// Under subnet-evm's Granite rules a stateful precompile is never entered
// by DELEGATECALL or CALLCODE: the call reverts before our code runs (on
// pars-geth the precompile itself refuses them, with DelegateCallNotAllowed).
func TestGraniteRefusesDelegateCallBeforeThePrecompile(t *testing.T) {
	c := newProbeChain(t)
	for _, fwd := range []common.Address{fwdDelegate, fwdCallCode} {
		before := theProbe.count()
		r := c.send(senderKey, fwd, nil, 200_000, []byte{opRecord})
		if r.Status != types.ReceiptStatusFailed {
			t.Fatalf("forwarder %v: status %d, want failure", fwd, r.Status)
		}
		if n := theProbe.count(); n != before {
			t.Fatalf("forwarder %v: the probe ran (%d → %d runs)", fwd, before, n)
		}
		if r.GasUsed >= 200_000 {
			t.Errorf("forwarder %v: gas used %d: the refusal is a revert, not a failure that burns gas", fwd, r.GasUsed)
		}
		if _, data, err := c.call(fwd, []byte{opRecord}); err == nil || len(data) != 0 {
			t.Errorf("forwarder %v: eth_call = %v with data %x, want a revert with no data", fwd, err, data)
		}
	}
}

func TestRevertAndOutOfGasKeepNoState(t *testing.T) {
	c := newProbeChain(t)
	r := c.send(senderKey, probeAddr, nil, 200_000, []byte{opWriteFail})
	if r.Status != types.ReceiptStatusFailed || len(r.Logs) != 0 || r.GasUsed >= 200_000 {
		t.Fatalf("revert: status %d, %d logs, gas %d", r.Status, len(r.Logs), r.GasUsed)
	}
	got, err := c.client.StorageAt(c.ctx(), probeAddr, probeSlot, nil)
	if err != nil || !bytes.Equal(got, make([]byte, 32)) {
		t.Fatalf("slot after revert = %x (%v), want zero", got, err)
	}
	_, data, err := c.call(probeAddr, []byte{opWriteFail})
	if err == nil || string(data) != "nope" {
		t.Fatalf("eth_call revert data %q (%v), want \"nope\"", data, err)
	}
	r = c.send(senderKey, probeAddr, nil, 200_000, []byte{opBurn})
	if r.Status != types.ReceiptStatusFailed || r.GasUsed != 200_000 {
		t.Fatalf("out of gas: status %d gas %d, want failure with all gas used", r.Status, r.GasUsed)
	}
	// Too little gas for the probe's first charge.
	r = c.send(senderKey, probeAddr, nil, 21_000+probeGas/2, []byte{opRecord})
	if r.Status != types.ReceiptStatusFailed || r.GasUsed != 21_000+probeGas/2 {
		t.Fatalf("starved: status %d gas %d", r.Status, r.GasUsed)
	}
}
