package adapter_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/core/vm/program"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
)

var (
	origin      = common.HexToAddress("0x1000000000000000000000000000000000000001")
	fwdCall     = common.HexToAddress("0x2000000000000000000000000000000000000001")
	fwdStatic   = common.HexToAddress("0x2000000000000000000000000000000000000002")
	fwdDelegate = common.HexToAddress("0x2000000000000000000000000000000000000003")
	fwdCallCode = common.HexToAddress("0x2000000000000000000000000000000000000004")
	outerStatic = common.HexToAddress("0x2000000000000000000000000000000000000005")
)

// forwarder returns code that passes its calldata to target with the given
// call opcode (forwarding CALLVALUE for CALL and CALLCODE) and returns or
// reverts with the callee's return data.
func forwarder(op vm.OpCode, target common.Address) []byte {
	p := program.New().Op(vm.CALLDATASIZE, vm.PUSH0, vm.PUSH0, vm.CALLDATACOPY)
	p.Push0().Push0().Op(vm.CALLDATASIZE).Push0()
	if op == vm.CALL || op == vm.CALLCODE {
		p.Op(vm.CALLVALUE)
	}
	p.Push(target).Op(vm.GAS, op)
	p.Op(vm.RETURNDATASIZE).Push0().Push0().Op(vm.RETURNDATACOPY)
	ok := p.Size() + 6 // after PUSH1 ok, JUMPI, RETURNDATASIZE, PUSH0, REVERT
	p.Push(byte(ok)).Op(vm.JUMPI, vm.RETURNDATASIZE, vm.PUSH0, vm.REVERT)
	p.Op(vm.JUMPDEST, vm.RETURNDATASIZE, vm.PUSH0, vm.RETURN)
	return p.Bytes()
}

func chainConfig(t *testing.T, activation uint64) *params.ChainConfig {
	t.Helper()
	g, err := genesis.New(genesis.Options{ChainID: genesis.ParsChainID, ActivationTime: activation, Governance: origin})
	if err != nil {
		t.Fatal(err)
	}
	return g.Config
}

type harness struct {
	evm   *vm.EVM
	state *state.StateDB
}

func newHarness(t *testing.T, cfg *params.ChainConfig, blockTime uint64, tracer *tracing.Hooks) *harness {
	t.Helper()
	sdb, err := state.New(types.EmptyRootHash, state.NewDatabaseForTesting())
	if err != nil {
		t.Fatal(err)
	}
	sdb.AddBalance(origin, uint256.NewInt(1e18), tracing.BalanceChangeUnspecified)
	for addr, code := range map[common.Address][]byte{
		fwdCall:     forwarder(vm.CALL, probeAddr),
		fwdStatic:   forwarder(vm.STATICCALL, probeAddr),
		fwdDelegate: forwarder(vm.DELEGATECALL, probeAddr),
		fwdCallCode: forwarder(vm.CALLCODE, probeAddr),
		outerStatic: forwarder(vm.STATICCALL, fwdCall),
	} {
		sdb.SetCode(addr, code, tracing.CodeChangeUnspecified)
		sdb.SetNonce(addr, 1, tracing.NonceChangeUnspecified)
	}
	sdb.SetNonce(probeAddr, 1, tracing.NonceChangeUnspecified)
	sdb.SetCode(probeAddr, []byte{0xfe}, tracing.CodeChangeUnspecified)
	sdb.SetTxContext(common.Hash{1}, 0, 1)
	blockCtx := vm.BlockContext{
		CanTransfer: core.CanTransfer,
		Transfer:    core.Transfer,
		GetHash:     func(uint64) common.Hash { return common.Hash{} },
		BlockNumber: big.NewInt(7),
		Time:        blockTime,
		Difficulty:  new(big.Int),
		BaseFee:     big.NewInt(params.InitialBaseFee),
		BlobBaseFee: big.NewInt(1),
		Random:      &common.Hash{},
		GasLimit:    30_000_000,
	}
	var db vm.StateDB = sdb
	if tracer != nil {
		db = state.NewHookedState(sdb, tracer)
	}
	evm := vm.NewEVM(blockCtx, db, cfg, vm.Config{Tracer: tracer})
	evm.SetTxContext(vm.TxContext{Origin: origin, GasPrice: uint256.NewInt(1)})
	return &harness{evm: evm, state: sdb}
}

const callGas = 1_000_000

func (h *harness) call(to common.Address, input []byte, value uint64) ([]byte, uint64, error) {
	ret, left, err := h.evm.Call(origin, to, input, vm.NewGasBudget(callGas, 0), uint256.NewInt(value))
	return ret, callGas - left.ExecutionGas, err
}

func TestCallTypesCallerValueReadOnly(t *testing.T) {
	h := newHarness(t, chainConfig(t, 0), 100, nil)
	for _, tc := range []struct {
		name     string
		to       common.Address
		value    uint64
		callType precompile.CallType
		caller   common.Address
		readOnly bool
	}{
		{"direct", probeAddr, 0, precompile.CallTypeCall, origin, false},
		{"CALL", fwdCall, 5, precompile.CallTypeCall, fwdCall, false},
		{"STATICCALL", fwdStatic, 0, precompile.CallTypeStaticCall, fwdStatic, true},
		// DELEGATECALL keeps the frame's msg.sender (the origin) and value.
		{"DELEGATECALL", fwdDelegate, 3, precompile.CallTypeDelegateCall, origin, false},
		{"CALLCODE", fwdCallCode, 4, precompile.CallTypeCallCode, fwdCallCode, false},
		// A CALL made inside a STATICCALL frame is read-only too.
		{"CALL in STATICCALL frame", outerStatic, 0, precompile.CallTypeCall, fwdCall, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			theProbe.reset()
			ret, _, err := h.call(tc.to, []byte{opRecord}, tc.value)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if len(theProbe.seen) != 1 {
				t.Fatalf("probe ran %d times, want 1", len(theProbe.seen))
			}
			o := theProbe.last()
			if o.callType != tc.callType || o.caller != tc.caller || o.readOnly != tc.readOnly || o.address != probeAddr {
				t.Errorf("got type %v caller %v readOnly %v address %v; want %v %v %v %v",
					o.callType, o.caller, o.readOnly, o.address, tc.callType, tc.caller, tc.readOnly, probeAddr)
			}
			if o.value.Uint64() != tc.value {
				t.Errorf("value %v, want %d", o.value, tc.value)
			}
			if o.chainID != genesis.ParsChainID || o.number != 7 || o.blockTime != 100 {
				t.Errorf("chain %d number %d time %d", o.chainID, o.number, o.blockTime)
			}
			if !bytes.Equal(ret, tc.caller.Bytes()) {
				t.Errorf("return data %x, want %x", ret, tc.caller.Bytes())
			}
		})
	}
}

func TestErrorRevertsStateAndLogs(t *testing.T) {
	h := newHarness(t, chainConfig(t, 0), 100, nil)
	ret, used, err := h.call(probeAddr, []byte{opWriteFail}, 0)
	if !errors.Is(err, vm.ErrExecutionReverted) || string(ret) != "nope" {
		t.Fatalf("got %q, %v; want revert data \"nope\"", ret, err)
	}
	if used != probeGas {
		t.Errorf("revert used %d gas, want the %d charged (the rest is returned)", used, probeGas)
	}
	if v := h.state.GetState(probeAddr, failSlot); v != (common.Hash{}) {
		t.Errorf("write survived the revert: %v", v)
	}
	if logs := h.state.Logs(); len(logs) != 0 {
		t.Errorf("%d logs survived the revert", len(logs))
	}
	// Through a contract: the revert data reaches the caller, which reverts too.
	ret, _, err = h.call(fwdCall, []byte{opWriteFail}, 0)
	if !errors.Is(err, vm.ErrExecutionReverted) || string(ret) != "nope" {
		t.Fatalf("via contract: got %q, %v", ret, err)
	}
	// Out of gas burns everything.
	_, used, err = h.call(probeAddr, []byte{opBurn}, 0)
	if !errors.Is(err, vm.ErrOutOfGas) || used != callGas {
		t.Errorf("out of gas: err %v, used %d; want ErrOutOfGas using all %d", err, used, callGas)
	}
}

func TestStateWritesAndLogs(t *testing.T) {
	h := newHarness(t, chainConfig(t, 0), 100, nil)
	if _, used, err := h.call(probeAddr, []byte{opRecord}, 0); err != nil || used != probeGas {
		t.Fatalf("err %v used %d, want nil and %d", err, used, probeGas)
	}
	if got := h.state.GetState(probeAddr, probeSlot); got != common.BytesToHash(origin.Bytes()) {
		t.Errorf("slot = %v", got)
	}
	logs := h.state.Logs()
	if len(logs) != 1 || logs[0].Address != probeAddr || logs[0].Topics[1] != common.BytesToHash(origin.Bytes()) {
		t.Fatalf("logs = %+v", logs)
	}
	// A STATICCALL frame: the probe (honouring ReadOnly) writes nothing.
	h = newHarness(t, chainConfig(t, 0), 100, nil)
	if _, _, err := h.call(fwdStatic, []byte{opRecord}, 0); err != nil {
		t.Fatal(err)
	}
	if len(h.state.Logs()) != 0 || h.state.GetState(probeAddr, probeSlot) != (common.Hash{}) {
		t.Error("read-only call wrote state")
	}
}

func TestTracerSeesGas(t *testing.T) {
	var (
		charges []uint64
		enters  []byte
		logs    int
	)
	hooks := &tracing.Hooks{
		OnGasChange: func(old, new uint64, reason tracing.GasChangeReason) {
			if reason == tracing.GasChangeCallPrecompiledContract {
				charges = append(charges, old-new)
			}
		},
		OnEnter: func(depth int, typ byte, from, to common.Address, input []byte, gas uint64, value *big.Int) {
			if to == probeAddr {
				enters = append(enters, typ)
			}
		},
		OnLog: func(*types.Log) { logs++ },
	}
	h := newHarness(t, chainConfig(t, 0), 100, hooks)
	if _, _, err := h.call(fwdCall, []byte{opRecord}, 0); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(charges, []uint64{probeGas}) {
		t.Errorf("precompile gas charges seen by the tracer: %v, want [%d]", charges, probeGas)
	}
	if !slices.Equal(enters, []byte{byte(vm.CALL)}) || logs != 1 {
		t.Errorf("enters %v logs %d", enters, logs)
	}
}

func TestNeverCached(t *testing.T) {
	h := newHarness(t, chainConfig(t, 0), 100, nil)
	h.evm.SetPrecompileCache(vm.NewPrecompileCache())
	theProbe.reset()
	for range 3 {
		if _, _, err := h.call(probeAddr, []byte{opRecord}, 0); err != nil {
			t.Fatal(err)
		}
	}
	if len(theProbe.seen) != 3 {
		t.Errorf("probe ran %d times for 3 identical calls", len(theProbe.seen))
	}
	// Stateless precompiles still work next to it.
	sha := common.BytesToAddress([]byte{2})
	ret, _, err := h.call(sha, []byte("abc"), 0)
	if want := sha256.Sum256([]byte("abc")); err != nil || !bytes.Equal(ret, want[:]) {
		t.Errorf("sha256 precompile: %x, %v", ret, err)
	}
}

func TestActivationByTimestamp(t *testing.T) {
	cfg := chainConfig(t, 1000)
	for _, tc := range []struct {
		time   uint64
		active bool
	}{{0, false}, {999, false}, {1000, true}, {5000, true}} {
		rules := cfg.Rules(big.NewInt(1), true, tc.time)
		_, inSet := vm.ActivePrecompiledContracts(rules)[precompile.Address]
		inList := slices.Contains(vm.ActivePrecompiles(rules), precompile.Address)
		_, probeIn := vm.ActivePrecompiledContracts(rules)[probeAddr]
		if rules.IsParsAIMining != tc.active || inSet != tc.active || inList != tc.active || probeIn != tc.active {
			t.Errorf("time %d: rules %v set %v list %v probe %v, want %v", tc.time, rules.IsParsAIMining, inSet, inList, probeIn, tc.active)
		}
		theProbe.reset()
		h := newHarness(t, cfg, tc.time, nil)
		_, _, err := h.call(probeAddr, []byte{opRecord}, 0)
		if ran := len(theProbe.seen) == 1; ran != tc.active {
			t.Errorf("time %d: probe ran %v", tc.time, ran)
		}
		// Before activation the code marker runs: INVALID.
		var invalid *vm.ErrInvalidOpCode
		if !tc.active && !errors.As(err, &invalid) {
			t.Errorf("time %d: inactive call err %v, want invalid opcode", tc.time, err)
		}
	}
	// No fork configured: never active, a chain without parsAIMiningTime is unchanged.
	plain := *cfg
	plain.ParsAIMiningTime = nil
	rules := plain.Rules(big.NewInt(1), true, 1<<40)
	if rules.IsParsAIMining || slices.Contains(vm.ActivePrecompiles(rules), precompile.Address) {
		t.Error("active without parsAIMiningTime")
	}
	// Pre-merge rules (eth_call without a random value) never activate it either.
	if cfg.Rules(big.NewInt(1), false, 5000).IsParsAIMining {
		t.Error("active in pre-merge rules")
	}
}

func TestRegisterRefusesTakenAddress(t *testing.T) {
	for _, addr := range []common.Address{common.BytesToAddress([]byte{1}), common.BytesToAddress([]byte{1, 0}), probeAddr} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("registering at %v did not panic", addr)
				}
			}()
			vm.RegisterStatefulPrecompile(addr, nil)
		}()
	}
}
