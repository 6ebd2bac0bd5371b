package bindings_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/contracts/bindings"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/stretchr/testify/require"
)

// TestBindingsAreGenerated regenerates the bindings from the committed ABI
// the way `make abi` does (abigen --v2 --pkg bindings --type IAIMining) and
// compares them with the committed file, so they cannot drift from the
// interface.
func TestBindingsAreGenerated(t *testing.T) {
	abiJSON, err := os.ReadFile(filepath.Join("..", "IAIMining.abi.json"))
	require.NoError(t, err)
	want, err := abigen.BindV2([]string{"IAIMining"}, []string{string(abiJSON)}, []string{""}, "bindings", map[string]string{}, map[string]string{})
	require.NoError(t, err)
	got, err := os.ReadFile("iaimining.go")
	require.NoError(t, err)
	require.True(t, string(got) == want, "contracts/bindings/iaimining.go is not what abigen makes of contracts/IAIMining.abi.json: run `make abi`")
}

// TestBindingsAgainstThePrecompile packs calls with the bindings, runs them
// in the real precompile, and unpacks the answers and refusals.
func TestBindingsAgainstThePrecompile(t *testing.T) {
	gov := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	params := precompile.DefaultParams(gov)
	chain, err := precompiletest.NewChain(6133, params, 1_700_000_000)
	require.NoError(t, err)
	mining := bindings.NewIAIMining()
	who := common.HexToAddress("0x00000000000000000000000000000000000000b0")
	chain.State.AddBalance(who, uint256.NewInt(1_000), tracing.BalanceChangeUnspecified) // to send value

	// The same calldata as the precompile's own ABI packs.
	ref, err := precompile.ABI().Pack("miningBalance", who)
	require.NoError(t, err)
	require.Equal(t, ref, mining.PackMiningBalance(who))

	for _, tt := range []struct {
		name  string
		frame precompiletest.Frame
		input []byte
		check func(t *testing.T, r precompiletest.Result)
	}{
		{"a view", precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, mining.PackMiningBalance(who), func(t *testing.T, r precompiletest.Result) {
			require.NoError(t, r.Err)
			bal, err := mining.UnpackMiningBalance(r.Ret)
			require.NoError(t, err)
			require.Zero(t, bal.Sign())
		}},
		{"parameters", precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, mining.PackParameters(), func(t *testing.T, r precompiletest.Result) {
			require.NoError(t, r.Err)
			p, err := mining.UnpackParameters(r.Ret)
			require.NoError(t, err)
			require.Equal(t, gov, p.Governance)
			require.Equal(t, params.BaseReward.ToBig(), p.BaseReward)
			require.Equal(t, params.MaxBatchSize, p.MaxBatchSize)
		}},
		{"a malformed proof", precompiletest.Frame{}, mining.PackSubmitWorkProof([]byte{1, 2, 3}, nil), func(t *testing.T, r precompiletest.Result) {
			e, err := mining.UnpackError(r.Ret)
			require.NoError(t, err)
			mi, ok := e.(*bindings.IAIMiningMalformedInput)
			require.True(t, ok, "%T", e)
			require.NotEmpty(t, mi.Reason)
		}},
		{"a write in a static call", precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, mining.PackSubmitWorkProof([]byte{1}, nil), func(t *testing.T, r precompiletest.Result) {
			e, err := mining.UnpackError(r.Ret)
			require.NoError(t, err)
			require.IsType(t, &bindings.IAIMiningReadOnlyCall{}, e)
		}},
		{"not governance", precompiletest.Frame{Caller: who}, mining.PackSetBaseReward(uint256.NewInt(5).ToBig()), func(t *testing.T, r precompiletest.Result) {
			e, err := mining.UnpackError(r.Ret)
			require.NoError(t, err)
			ng, ok := e.(*bindings.IAIMiningNotGovernance)
			require.True(t, ok, "%T", e)
			require.Equal(t, who, ng.Caller)
		}},
		{"value", precompiletest.Frame{Caller: who, Value: uint256.NewInt(7)}, mining.PackTotalMinted(), func(t *testing.T, r precompiletest.Result) {
			e, err := mining.UnpackError(r.Ret)
			require.NoError(t, err)
			v, ok := e.(*bindings.IAIMiningValueNotAccepted)
			require.True(t, ok, "%T", e)
			require.Equal(t, int64(7), v.Value.Int64())
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := chain.Call(tt.frame, tt.input)
			if r.Err != nil {
				// A refusal: revert data of at least a selector, which the
				// generated UnpackError needs.
				require.Equal(t, vm.ErrExecutionReverted, r.Err)
				require.GreaterOrEqual(t, len(r.Ret), 4)
			}
			tt.check(t, r)
		})
	}
}
