package precompile_test

import (
	"bytes"
	"math"
	"math/big"
	"os"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

const (
	chainPars = 6133
	chainZoo  = 200200
	t0        = 1_800_000_000 // block time of the test chain
)

var (
	gov       = common.HexToAddress("0x00000000000000000000000000000000000000aa")
	stranger  = common.HexToAddress("0x00000000000000000000000000000000000000bb")
	payee     = common.HexToAddress("0x00000000000000000000000000000000000000cc")
	iaimining = precompile.ABI()
)

// key returns a deterministic test key of scheme s.
func key(t testing.TB, s proof.Scheme, n byte) *proof.PrivateKey {
	sk, err := proof.NewKeyFromSeed(s, [32]byte{0: byte(s), 1: n})
	require.NoError(t, err)
	return sk
}

// testModelHash names the model of test proofs: registered in test chains
// with 5e8 parameters, so that each token is worth exactly one compute
// unit (2 × 5e8 FLOPs).
var testModelHash = proof.Hash{2}

// testModel is the registry entry of testModelHash.
func testModel() precompile.ModelSpec {
	return precompile.ModelSpec{
		Hash: testModelHash, Parameters: 500_000_000, Tokenizer: precompile.TokenizerBytes, BytesPerToken: 4,
		MaxInputTokens: 1 << 20, MaxOutputTokens: math.MaxUint32, Verifier: precompile.VerifierCommittee,
	}
}

// testParams are the default parameters with the test model registered
// beside the built-in one, and audit sampling off: tests of other features
// are not drawn for audit (the audit tests turn it on).
func testParams() precompile.Params {
	p := precompile.DefaultParams(gov)
	p.Models = append(p.Models, testModel())
	p.AuditProbabilityBps = 0
	return p
}

// newChain returns a Pars test chain with testParams.
func newChain(t testing.TB) *precompiletest.Chain {
	c, err := precompiletest.NewChain(chainPars, testParams(), t0)
	require.NoError(t, err)
	return c
}

// bigBond is what bondMiner bonds: 1e9 coins, so that its 4% cap per epoch
// (4e25 wei) lies above the epoch budget and never binds in tests that are
// not about it.
var bigBond = new(uint256.Int).Mul(uint256.NewInt(1_000_000_000), uint256.NewInt(1_000_000_000_000_000_000))

// bonder pays the bonds of test miners.
var bonder = common.HexToAddress("0x00000000000000000000000000000000000000bd")

// bondMiner funds bonder and bonds amount for miner id m.
func bondMiner(t testing.TB, c *precompiletest.Chain, m proof.Hash, amount *uint256.Int) {
	t.Helper()
	c.Fund(bonder, amount)
	r := c.Call(precompiletest.Frame{Caller: bonder, Value: amount}, pack(t, "bond", [32]byte(m)))
	require.NoError(t, r.Err, "bond: %v", r.Revert)
}

// bondKey bonds bigBond for sk's miner id unless it is bonded already.
func bondKey(t testing.TB, c *precompiletest.Chain, sk *proof.PrivateKey) {
	t.Helper()
	bondID(t, c, sk.Public().ID())
}

func bondID(t testing.TB, c *precompiletest.Chain, id proof.Hash) {
	t.Helper()
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "bondInfo", [32]byte(id)))
	require.NoError(t, r.Err)
	if unpack(t, "bondInfo", r.Ret)[1].(*big.Int).Sign() == 0 {
		bondMiner(t, c, id, bigBond)
	}
}

// settle moves the chain to the first block at which every given proof's
// challenge window has passed (same block time; it stays put when that
// block is behind it) and finalizes their pending rewards.
func settle(t testing.TB, c *precompiletest.Chain, ps ...*proof.AIWorkProof) {
	t.Helper()
	ids := make([][32]byte, len(ps))
	n := c.EVM.Context.BlockNumber.Uint64()
	ready := n
	for i, p := range ps {
		ids[i] = p.WorkID()
		r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "pendingWork", ids[i]))
		require.NoError(t, r.Err)
		ready = max(ready, unpack(t, "pendingWork", r.Ret)[5].(uint64))
	}
	if ready > n {
		c.SetBlock(ready, c.EVM.Context.Time)
	}
	r := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", ids))
	require.NoError(t, r.Err, "finalizeWork: %v", r.Revert)
}

// makeProof signs a proof for chain on the test model worth cu compute
// units (cu output tokens), after edit adjusts it (before signing).
func makeProof(t testing.TB, sk *proof.PrivateKey, chain uint32, cu uint64, edit func(p *proof.AIWorkProof)) *proof.AIWorkProof {
	p := &proof.AIWorkProof{
		Context: proof.WorkContext{
			ChainID: chain, JobID: proof.Hash{1}, ModelHash: testModelHash, InputHash: proof.Hash{3},
			DeviceID: proof.Hash{4}, Nonce: proof.Hash{5, byte(cu), byte(cu >> 8)}, Timestamp: t0 - 10,
		},
		Beneficiary:  payee,
		OutputHash:   proof.HashOutput([]byte("output")),
		OutputTokens: uint32(cu),
	}
	if edit != nil {
		edit(p)
	}
	require.NoError(t, p.Sign(sk, true))
	return p
}

func pack(t testing.TB, name string, args ...any) []byte {
	in, err := iaimining.Pack(name, args...)
	require.NoError(t, err)
	return in
}

func unpack(t testing.TB, name string, out []byte) []any {
	vals, err := iaimining.Unpack(name, out)
	require.NoError(t, err)
	return vals
}

// submit bonds the proof's miner id (bondID) and submits the proof.
func submit(c *precompiletest.Chain, t testing.TB, p *proof.AIWorkProof, att []byte) precompiletest.Result {
	t.Helper()
	bondID(t, c, p.MinerID())
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", p.Encode(), att))
}

func balanceOf(t testing.TB, c *precompiletest.Chain, a common.Address) *big.Int {
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "miningBalance", a))
	require.NoError(t, r.Err)
	return unpack(t, "miningBalance", r.Ret)[0].(*big.Int)
}

// root returns the state root, which changes with any state change.
func root(c *precompiletest.Chain) common.Hash {
	return c.State.IntermediateRoot(params.Rules{IsEIP158: true})
}

func requireRevert(t *testing.T, r precompiletest.Result, name string) {
	t.Helper()
	require.ErrorIs(t, r.Err, vm.ErrExecutionReverted)
	require.NotNil(t, r.Revert, "revert data %x does not decode", r.Ret)
	require.Equal(t, name, r.Revert.Name, "got %v", r.Revert)
}

func TestABIMatchesContractsFolder(t *testing.T) {
	onDisk, err := os.ReadFile("../contracts/IAIMining.abi.json")
	require.NoError(t, err)
	require.Equal(t, string(onDisk), string(precompile.ABIJSON()), "precompile/iaimining.abi.json and contracts/IAIMining.abi.json differ")
}

func TestSubmitWorkProofCreditsBeneficiary(t *testing.T) {
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		t.Run(s.String(), func(t *testing.T) {
			c := newChain(t)
			p := makeProof(t, key(t, s, 1), chainPars, 1000, nil)
			r := submit(c, t, p, nil)
			require.NoError(t, r.Err, "%v", r.Revert)
			// 1e15 wei/unit × 1000 units × adjustment 1.0 × software trust 0.6
			want := big.NewInt(600_000_000_000_000_000)
			require.Equal(t, want, unpack(t, "submitWorkProof", r.Ret)[0])
			require.Equal(t, 0, balanceOf(t, c, payee).Sign(), "pending until finalized")
			settle(t, c, p)
			require.Equal(t, want, balanceOf(t, c, payee))
			require.Equal(t, 0, balanceOf(t, c, stranger).Sign(), "the relayer is not paid")

			// isSpent and workIdOf agree with the proof package.
			wid := p.WorkID()
			r = c.Call(precompiletest.Frame{}, pack(t, "workIdOf", p.Encode()))
			require.NoError(t, r.Err)
			require.Equal(t, [32]byte(wid), unpack(t, "workIdOf", r.Ret)[0])
			r = c.Call(precompiletest.Frame{}, pack(t, "isSpent", [32]byte(wid)))
			require.NoError(t, r.Err)
			require.Equal(t, true, unpack(t, "isSpent", r.Ret)[0])

			// The WorkAccepted event.
			r = submit(c, t, makeProof(t, key(t, s, 1), chainPars, 7, nil), nil)
			require.NoError(t, r.Err)
			require.Len(t, r.Logs, 1)
			l := r.Logs[0]
			ev := iaimining.Events["WorkAccepted"]
			require.Equal(t, ev.ID, l.Topics[0])
			require.Equal(t, common.BytesToHash(payee[:]), l.Topics[2])
			require.Equal(t, common.Hash(p.MinerID()), l.Topics[3])
			vals, err := ev.Inputs.NonIndexed().Unpack(l.Data)
			require.NoError(t, err)
			require.Equal(t, uint64(7), vals[0])
			require.Equal(t, big.NewInt(4_200_000_000_000_000), vals[1])
			require.Equal(t, uint64(0), vals[2])
		})
	}
}

// TestEveryCheckIsLoadBearing tampers with one property of an otherwise
// valid submission per case; each must be refused with its own error and
// leave state exactly as it was.
func TestEveryCheckIsLoadBearing(t *testing.T) {
	sk := key(t, proof.MLDSA65, 1)
	resign := func(edit func(p *proof.AIWorkProof)) func(*testing.T, *precompiletest.Chain) ([]byte, []byte) {
		return func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			return makeProof(t, sk, chainPars, 1000, edit).Encode(), nil
		}
	}
	cases := []struct {
		name  string
		input func(*testing.T, *precompiletest.Chain) (proofBytes, attestation []byte)
		want  string
	}{
		{"chain id", resign(func(p *proof.AIWorkProof) { p.Context.ChainID = chainZoo }), "WrongChain"},
		{"stale timestamp", resign(func(p *proof.AIWorkProof) { p.Context.Timestamp = t0 - 601 }), "StaleTimestamp"},
		{"future timestamp", resign(func(p *proof.AIWorkProof) { p.Context.Timestamp = t0 + 121 }), "FutureTimestamp"},
		{"compute cap", resign(func(p *proof.AIWorkProof) { p.OutputTokens = 1_000_000_001 }), "OverCap"},
		{"compute cap with input", resign(func(p *proof.AIWorkProof) { p.InputTokens, p.OutputTokens = 1<<20, 1_000_000_000 }), "OverCap"},
		{"zero output", resign(func(p *proof.AIWorkProof) { p.InputTokens, p.OutputTokens = 10, 0 }), "ZeroOutputTokens"},
		{"unknown model", resign(func(p *proof.AIWorkProof) { p.Context.ModelHash = proof.Hash{0xee} }), "UnknownModel"},
		{"input over the model's limit", resign(func(p *proof.AIWorkProof) { p.InputTokens = 1<<20 + 1 }), "TokensOverLimit"},
		{"builtin output over its limit", resign(func(p *proof.AIWorkProof) {
			p.Context.ModelHash = precompile.BuiltinModel().Hash
			p.OutputTokens = precompile.BuiltinMaxOutputTokens + 1
		}), "TokensOverLimit"},
		{"not bonded", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			return makeProof(t, key(t, proof.MLDSA65, 77), chainPars, 1000, nil).Encode(), nil
		}, "NotBonded"},
		{"version 1", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			b := makeProof(t, sk, chainPars, 1000, nil).Encode()
			return append([]byte(nil), b[1:]...), nil // the WorkContext first, as in version 1
		}, "MalformedInput"},
		{"zero beneficiary", resign(func(p *proof.AIWorkProof) { p.Beneficiary = common.Address{} }), "ZeroBeneficiary"},
		{"attestation stripped", resign(func(p *proof.AIWorkProof) { p.AttestationHash = proof.HashAttestation([]byte("gpu report")) }), "AttestationMismatch"},
		{"attestation malformed", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			return makeProof(t, sk, chainPars, 1000, func(p *proof.AIWorkProof) {
				p.AttestationHash = proof.HashAttestation([]byte("gpu report"))
			}).Encode(), []byte("gpu report")
		}, "AttestationInvalid"},
		{"signature", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			b := makeProof(t, sk, chainPars, 1000, nil).Encode()
			b[len(b)-100] ^= 1
			return b, nil
		}, "BadSignature"},
		{"beneficiary binding", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			p := makeProof(t, sk, chainPars, 1000, nil)
			p.Beneficiary = stranger // a front-runner redirects the reward
			return p.Encode(), nil
		}, "BadSignature"},
		{"token count binding", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			p := makeProof(t, sk, chainPars, 1000, nil)
			p.OutputTokens = 2000
			return p.Encode(), nil
		}, "BadSignature"},
		{"model binding", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			p := makeProof(t, sk, chainPars, 1, nil)
			p.Context.ModelHash = precompile.BuiltinModel().Hash // a cheaper proof relabelled
			return p.Encode(), nil
		}, "BadSignature"},
		{"key substitution", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			p := makeProof(t, sk, chainPars, 1000, nil)
			p.MinerKey = key(t, proof.MLDSA65, 2).Public().Bytes()
			return p.Encode(), nil
		}, "BadSignature"},
		{"spent set", func(t *testing.T, c *precompiletest.Chain) ([]byte, []byte) {
			p := makeProof(t, sk, chainPars, 1000, nil)
			require.NoError(t, submit(c, t, p, nil).Err)
			return p.Encode(), nil
		}, "AlreadySpent"},
		{"malformed proof", func(t *testing.T, _ *precompiletest.Chain) ([]byte, []byte) {
			b := makeProof(t, sk, chainPars, 1000, nil).Encode()
			return append(b, 0), nil
		}, "MalformedInput"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			bondKey(t, c, sk)
			pb, att := tc.input(t, c)
			before := root(c)
			r := c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkProof", pb, att))
			requireRevert(t, r, tc.want)
			require.Equal(t, before, root(c), "a refused proof changed state")
			require.Empty(t, r.Logs)
			if tc.name == "version 1" {
				require.Equal(t, []any{"work proof version 1 is no longer accepted: compute units are computed on chain; want version 2"}, r.Revert.Args)
			}
		})
	}
}

func TestTimeWindowEdgesAccepted(t *testing.T) {
	sk := key(t, proof.MLDSA44, 1)
	for _, ts := range []uint64{t0 - 600, t0, t0 + 120} {
		c := newChain(t)
		r := submit(c, t, makeProof(t, sk, chainPars, 5, func(p *proof.AIWorkProof) { p.Context.Timestamp = ts }), nil)
		require.NoError(t, r.Err, "timestamp %d: %v", ts, r.Revert)
	}
}

func TestSameProofOnTwoChains(t *testing.T) {
	p := makeProof(t, key(t, proof.MLDSA65, 1), chainPars, 10, nil)
	pars := newChain(t)
	zoo, err := precompiletest.NewChain(chainZoo, testParams(), t0)
	require.NoError(t, err)
	require.NoError(t, submit(pars, t, p, nil).Err)
	r := submit(zoo, t, p, nil)
	requireRevert(t, r, "WrongChain")
	require.Equal(t, big.NewInt(chainZoo), r.Revert.Args[0])
	require.Equal(t, big.NewInt(chainPars), r.Revert.Args[1])
	requireRevert(t, submit(pars, t, p, nil), "AlreadySpent")
}

func TestCallFrameRules(t *testing.T) {
	p := makeProof(t, key(t, proof.MLDSA44, 1), chainPars, 10, nil)
	submitIn := pack(t, "submitWorkProof", p.Encode(), []byte{})
	viewIn := pack(t, "miningBalance", payee)
	cases := []struct {
		name  string
		frame precompiletest.Frame
		input []byte
		want  string // "" = success
	}{
		{"delegatecall view", precompiletest.Frame{CallType: precompile.CallTypeDelegateCall}, viewIn, "DelegateCallNotAllowed"},
		{"delegatecall write", precompiletest.Frame{CallType: precompile.CallTypeDelegateCall}, submitIn, "DelegateCallNotAllowed"},
		{"callcode", precompiletest.Frame{CallType: precompile.CallTypeCallCode}, submitIn, "DelegateCallNotAllowed"},
		{"staticcall write", precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, submitIn, "ReadOnlyCall"},
		{"read-only frame write", precompiletest.Frame{ReadOnly: true}, submitIn, "ReadOnlyCall"},
		{"staticcall view", precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, viewIn, ""},
		{"other address", precompiletest.Frame{Address: common.HexToAddress("0x0301")}, viewIn, "WrongAddress"},
		{"value", precompiletest.Frame{Value: uint256.NewInt(1)}, viewIn, "ValueNotAccepted"},
		{"value to a write", precompiletest.Frame{Value: uint256.NewInt(1)}, submitIn, "ValueNotAccepted"},
		{"value to an unknown selector", precompiletest.Frame{Value: uint256.NewInt(1)}, []byte{1, 2, 3, 4}, "ValueNotAccepted"},
		{"value without a selector", precompiletest.Frame{Value: uint256.NewInt(1)}, nil, "ValueNotAccepted"},
		{"bond by delegatecall", precompiletest.Frame{CallType: precompile.CallTypeDelegateCall, Value: uint256.NewInt(1)},
			pack(t, "bond", [32]byte{1}), "DelegateCallNotAllowed"},
		{"bond by callcode", precompiletest.Frame{CallType: precompile.CallTypeCallCode, Value: uint256.NewInt(1)},
			pack(t, "bond", [32]byte{1}), "DelegateCallNotAllowed"},
		{"bond by staticcall", precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "bond", [32]byte{1}), "ReadOnlyCall"},
		{"unknown selector", precompiletest.Frame{}, []byte{1, 2, 3, 4}, "UnknownSelector"},
		{"short calldata", precompiletest.Frame{}, []byte{1, 2}, "MalformedInput"},
		{"trailing calldata", precompiletest.Frame{}, append(bytes.Clone(viewIn), 0), "MalformedInput"},
		{"dirty address padding", precompiletest.Frame{}, func() []byte { b := bytes.Clone(viewIn); b[4] = 1; return b }(), "MalformedInput"},
		{"truncated args", precompiletest.Frame{}, viewIn[:20], "MalformedInput"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			c.Fund(tc.frame.Caller, uint256.NewInt(1))
			before := root(c)
			r := c.Call(tc.frame, tc.input)
			if tc.want == "" {
				require.NoError(t, r.Err)
				return
			}
			requireRevert(t, r, tc.want)
			require.Equal(t, before, root(c))
		})
	}
}

func TestOutOfGasLeavesStateUntouched(t *testing.T) {
	sk := key(t, proof.MLDSA65, 1)
	p := makeProof(t, sk, chainPars, 10, nil)
	in := pack(t, "submitWorkProof", p.Encode(), []byte{})
	c := newChain(t)
	bondKey(t, c, sk)
	full := c.Call(precompiletest.Frame{}, in)
	require.NoError(t, full.Err)

	for _, gas := range []uint64{1, full.GasUsed / 2, full.GasUsed - 1} {
		c := newChain(t)
		bondKey(t, c, sk)
		before := root(c)
		r := c.Call(precompiletest.Frame{Gas: gas}, in)
		require.ErrorIs(t, r.Err, vm.ErrOutOfGas, "gas %d", gas)
		require.Equal(t, before, root(c))
	}
	// Exactly enough gas succeeds, and gas is deterministic.
	c2 := newChain(t)
	bondKey(t, c2, sk)
	r := c2.Call(precompiletest.Frame{Gas: full.GasUsed}, in)
	require.NoError(t, r.Err)
	require.Equal(t, full.GasUsed, r.GasUsed)
}

func TestStoragePersistsAcrossTransactions(t *testing.T) {
	c := newChain(t)
	p := makeProof(t, key(t, proof.MLDSA44, 1), chainPars, 10, nil)
	require.NoError(t, submit(c, t, p, nil).Err)
	// End of transaction with EIP-158 empty-account clearing.
	c.State.Finalise(params.Rules{IsEIP158: true})
	require.True(t, c.State.Exist(precompile.Address))
	require.Equal(t, uint64(1), c.State.GetNonce(precompile.Address))
	require.Equal(t, precompile.CodeMarker, c.State.GetCode(precompile.Address))
	settle(t, c, p)
	c.State.Finalise(params.Rules{IsEIP158: true})
	require.Equal(t, big.NewInt(6_000_000_000_000_000), balanceOf(t, c, payee))
}

func TestVerifyMLDSA(t *testing.T) {
	c := newChain(t)
	msg := []byte("a message")
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		sk := key(t, s, 9)
		sig, err := sk.Sign(msg, nil, true)
		require.NoError(t, err)
		pk := sk.Public().Bytes()
		for _, tc := range []struct {
			msg  []byte
			sig  []byte
			want bool
		}{
			{msg, sig, true},
			{[]byte("another message"), sig, false},
			{msg, sig[:len(sig)-1], false},
		} {
			r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "verifyMLDSA", pk, tc.msg, tc.sig))
			require.NoError(t, r.Err)
			require.Equal(t, tc.want, unpack(t, "verifyMLDSA", r.Ret)[0], "%v", s)
		}
		// A signature under a context string is not a plain signature.
		ctxSig, err := sk.Sign(msg, proof.ContextWorkProof, true)
		require.NoError(t, err)
		r := c.Call(precompiletest.Frame{}, pack(t, "verifyMLDSA", pk, msg, ctxSig))
		require.NoError(t, r.Err)
		require.Equal(t, false, unpack(t, "verifyMLDSA", r.Ret)[0])
	}
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "verifyMLDSA", []byte{1, 2, 3}, msg, []byte{})), "MalformedInput")
}

// structFields returns the field values of a decoded ABI tuple.
func structFields(v any) []any {
	rv := reflect.ValueOf(v)
	out := make([]any, rv.NumField())
	for i := range out {
		out[i] = rv.Field(i).Interface()
	}
	return out
}
