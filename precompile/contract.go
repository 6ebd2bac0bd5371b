package precompile

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/pars-network/aimining/attest/nvtrust"
	"github.com/pars-network/aimining/proof"
)

// Contract is the IAIMining precompile. It holds no mutable state of its
// own: everything lives in the StateDB under Address, and its configuration
// (the pinned device root) is fixed at construction. It is safe to share
// between EVMs and goroutines.
type Contract struct {
	deviceRoot *nvtrust.Certificate // root of GPU certificate chains (attest.go)
	keys       *KeyCache            // decoded ML-DSA keys (keycache.go); nil: none
}

// New returns the IAIMining precompile, with NVIDIA's Device Identity root
// pinned unless an option says otherwise.
func New(opts ...Option) *Contract {
	c := &Contract{deviceRoot: nvidiaDeviceRoot}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Name is the precompile's name as shown by tracers and eth_config.
func (c *Contract) Name() string { return "IAIMINING" }

// errOutOfGas is returned internally when env.UseGas refuses a charge.
var errOutOfGas = errors.New("out of gas")

// method is one IAIMining function.
type method struct {
	abi      abi.Method
	writes   bool                                     // refused in read-only frames
	payable  bool                                     // accepts value (bond, challenge, registerVerifier; by CALL only)
	gas      func(args []any) uint64                  // cost beyond dispatch and input words, known before work
	run      func(c *call, args []any) ([]any, error) // the function itself; results are ABI-packed
	packFlat bool                                     // pack a single static tuple result as its fields
}

// call is one execution of the precompile.
type call struct {
	env        Env
	st         store
	deviceRoot *nvtrust.Certificate
	keys       *KeyCache
	seeds      map[uint64]proof.Hash // audit seeds computed in this call, by submission block (audit.go)
}

// methods maps 4-byte selectors to functions. It is filled once at package
// initialisation and only read afterwards.
var methods = buildMethods()

// Run executes one call. It charges gas through env.UseGas before doing any
// work. A refusal returns vm.ErrExecutionReverted with ABI-encoded Solidity
// custom-error data as ret (the gas charged so far stays spent); running
// out of gas returns vm.ErrOutOfGas. The host must revert state changes
// whenever err != nil, exactly as for any other call frame.
func (c *Contract) Run(env Env, input []byte) (ret []byte, err error) {
	out, err := c.run(env, input)
	switch {
	case err == nil:
		return out, nil
	case errors.Is(err, errOutOfGas):
		return nil, vm.ErrOutOfGas
	}
	// Revert data comes from this package's own refusals only: an error
	// of any other kind (none is known) is reported by a fixed reason,
	// never by its text.
	var r *Revert
	if !errors.As(err, &r) {
		r = revert("MalformedInput", "refused without a reason code")
	}
	return r.Data, vm.ErrExecutionReverted
}

// Call is Run with the refusal kept as a *Revert, for tests and tools.
func (c *Contract) Call(env Env, input []byte) ([]byte, error) { return c.run(env, input) }

func (c *Contract) run(env Env, input []byte) ([]byte, error) {
	if !env.UseGas(GasDispatch + GasPerInputWord*words(len(input))) {
		return nil, errOutOfGas
	}
	// The frame checks come first: they protect every function.
	switch env.CallType() {
	case CallTypeCall, CallTypeStaticCall:
	case CallTypeDelegateCall, CallTypeCallCode:
		return nil, revert("DelegateCallNotAllowed")
	default:
		return nil, revert("MalformedInput", fmt.Sprintf("unknown call type %d", env.CallType()))
	}
	if env.Address() != Address {
		return nil, revert("WrongAddress", env.Address())
	}
	// Value is accepted by a payable function (bond, challenge,
	// registerVerifier) entered by CALL only;
	// the frame checks above already refused DELEGATECALL and CALLCODE.
	value := env.Value()
	hasValue := value != nil && !value.IsZero()
	var m *method
	if len(input) >= 4 {
		m = methods[[4]byte(input[:4])]
	}
	if hasValue && (m == nil || !m.payable || env.CallType() != CallTypeCall) {
		return nil, revert("ValueNotAccepted", value.ToBig())
	}
	if len(input) < 4 {
		return nil, revert("MalformedInput", fmt.Sprintf("calldata is %d bytes, shorter than a selector", len(input)))
	}
	if m == nil {
		return nil, revert("UnknownSelector", [4]byte(input[:4]))
	}
	if m.writes && (env.ReadOnly() || env.CallType() == CallTypeStaticCall) {
		return nil, revert("ReadOnlyCall")
	}
	// One encoding per call, checked before anything is materialised:
	// decodeArguments refuses anything a standard ABI encoder would not
	// produce (aliased, overlapping or backward offsets, dirty padding,
	// values out of range, trailing bytes) in time and memory linear in
	// the calldata. Its reasons are fixed strings of abilayout.go.
	args, err := decodeArguments(m.abi.Inputs, input[4:])
	if err != nil {
		return nil, revert("MalformedInput", m.abi.Name+": "+err.Error())
	}
	if !env.UseGas(m.gas(args)) {
		return nil, errOutOfGas
	}
	results, err := m.run(&call{env: env, st: store{db: env.State()}, deviceRoot: c.deviceRoot, keys: c.keys}, args)
	if err != nil {
		return nil, err
	}
	outputs := m.abi.Outputs
	if m.packFlat {
		outputs = flatten(outputs[0].Type)
	}
	packed, err := outputs.Pack(results...)
	if err != nil {
		return nil, revert("MalformedInput", m.abi.Name+": result does not encode")
	}
	return packed, nil
}

// flatten returns the fields of a static tuple type as arguments; a static
// tuple encodes exactly as its fields in sequence.
func flatten(t abi.Type) abi.Arguments {
	args := make(abi.Arguments, len(t.TupleElems))
	for i, e := range t.TupleElems {
		args[i] = abi.Argument{Name: t.TupleRawNames[i], Type: *e}
	}
	return args
}

// methodSets lists the groups of IAIMining functions; each feature keeps its
// functions in its own file and adds one entry here.
var methodSets = []func() map[string]*method{
	coreMethods,
	teleportMethods,
	attestMethods,
	ticketMethods,
	federatedMethods,
	modelMethods,
	verifiedMethods,
	batchMethods,
	auditMethods,
	revealMethods,
	committeeMethods,
}

// coreMethods are the mining, view and governance functions.
func coreMethods() map[string]*method {
	return map[string]*method{
		"miningBalance":      {gas: fixedGas(GasColdSload), run: (*call).miningBalance},
		"verifyMLDSA":        {gas: verifyMLDSAGas, run: (*call).verifyMLDSA},
		"isSpent":            {gas: fixedGas(GasColdSload + GasProofChecks), run: (*call).isSpent},
		"workIdOf":           {gas: fixedGas(GasProofChecks), run: (*call).workIdOf},
		"parameters":         {gas: fixedGas(gasViewParams), run: (*call).parameters, packFlat: true},
		"epochState":         {gas: fixedGas(gasViewEpoch), run: (*call).epochState, packFlat: true},
		"totalMinted":        {gas: fixedGas(GasColdSload), run: (*call).totalMinted},
		"submitWorkProof":    {writes: true, gas: submitGas, run: (*call).submitWorkProof},
		"submitWorkProofs":   {writes: true, gas: submitBatchGas, run: (*call).submitWorkProofs},
		"setBaseReward":      {writes: true, gas: fixedGas(gasSetterStorage), run: (*call).setBaseReward},
		"setEpochParameters": {writes: true, gas: fixedGas(gasSetterStorage + 2*logGas(2, 64)), run: (*call).setEpochParameters},
		"setCaps":            {writes: true, gas: fixedGas(gasSetterStorage + logGas(2, 64)), run: (*call).setCaps},
		"setTimeWindow":      {writes: true, gas: fixedGas(gasSetterStorage + logGas(2, 64)), run: (*call).setTimeWindow},
		"setTrustScores":     {writes: true, gas: fixedGas(gasSetterStorage + logGas(2, 64)), run: (*call).setTrustScores},
		"transferGovernance": {writes: true, gas: fixedGas(gasSetterStorage), run: (*call).transferGovernance},
	}
}

// buildMethods binds every ABI method to its implementation. A method
// without an implementation, or an implementation without an ABI entry, is
// a build defect that every test catches at package initialisation.
func buildMethods() map[[4]byte]*method {
	out := make(map[[4]byte]*method, len(parsedABI.Methods))
	for _, set := range methodSets {
		for name, m := range set() {
			am, ok := parsedABI.Methods[name]
			if !ok {
				panic("precompile: ABI lacks method " + name)
			}
			m.abi = am
			out[[4]byte(am.ID)] = m
		}
	}
	if len(out) != len(parsedABI.Methods) {
		panic("precompile: ABI has methods without an implementation")
	}
	return out
}

func fixedGas(g uint64) func([]any) uint64 { return func([]any) uint64 { return g } }
