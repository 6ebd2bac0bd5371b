package precompile_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func paramValues(t *testing.T, c *precompiletest.Chain) []any {
	r := c.Call(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, pack(t, "parameters"))
	require.NoError(t, r.Err)
	// parameters() returns one static tuple; decode it as its fields.
	vals, err := iaimining.Methods["parameters"].Outputs.UnpackValues(r.Ret)
	require.NoError(t, err)
	require.Len(t, vals, 1)
	return structFields(vals[0])
}

func TestGovernanceSetters(t *testing.T) {
	cases := []struct {
		name   string
		input  []any
		field  int // index in Parameters
		want   any
		events []string // ParameterChanged names, in order
	}{
		{"setBaseReward", []any{big.NewInt(7)}, 1, big.NewInt(7), []string{"baseReward"}},
		{"setEpochParameters", []any{uint64(60), big.NewInt(5000), uint16(500)}, 2, uint64(60), []string{"epochLength", "targetComputePerEpoch", "maxAdjustmentStepBps"}},
		{"setCaps", []any{uint64(99), uint32(4)}, 5, uint64(99), []string{"maxComputeUnitsPerProof", "maxBatchSize"}},
		{"setTimeWindow", []any{uint64(30), uint64(10)}, 6, uint64(30), []string{"timeWindowPast", "timeWindowFuture"}},
		{"setTrustScores", []any{uint16(9000), uint16(3000)}, 9, uint16(3000), []string{"trustAttestedBps", "trustSoftwareBps"}},
		{"setBondParameters", []any{big.NewInt(5), uint16(100), uint64(100), uint64(231)}, 13, uint64(100),
			[]string{"minBond", "bondRewardCapBps", "challengeWindow", "unbondingDelay"}},
		{"setDeviceEpochCap", []any{uint32(7)}, 15, uint32(7), []string{"deviceEpochCap"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			in := pack(t, tc.name, tc.input...)
			before := root(c)
			r := c.Call(precompiletest.Frame{Caller: stranger}, in)
			requireRevert(t, r, "NotGovernance")
			require.Equal(t, stranger, r.Revert.Args[0])
			require.Equal(t, before, root(c))

			r = c.Call(precompiletest.Frame{Caller: gov}, in)
			require.NoError(t, r.Err, "%v", r.Revert)
			require.Equal(t, tc.want, paramValues(t, c)[tc.field])
			require.Len(t, r.Logs, len(tc.events))
			for i, l := range r.Logs {
				require.Equal(t, iaimining.Events["ParameterChanged"].ID, l.Topics[0])
				var name common.Hash
				copy(name[:], tc.events[i])
				require.Equal(t, name, l.Topics[1], "event %d", i)
			}
			// Setting the same values again changes nothing and logs nothing.
			r = c.Call(precompiletest.Frame{Caller: gov}, in)
			require.NoError(t, r.Err)
			require.Empty(t, r.Logs)
		})
	}
}

func TestGovernanceRefusesInvalidParameters(t *testing.T) {
	huge, _ := new(big.Int).SetString("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16)
	cases := []struct {
		name  string
		input []any
	}{
		{"setEpochParameters", []any{uint64(0), big.NewInt(1), uint16(100)}},      // zero length
		{"setEpochParameters", []any{uint64(60), big.NewInt(0), uint16(100)}},     // zero target
		{"setEpochParameters", []any{uint64(60), big.NewInt(1), uint16(5001)}},    // step too large
		{"setCaps", []any{uint64(0), uint32(4)}},                                  // zero cap
		{"setCaps", []any{uint64(1), uint32(precompile.MaxBatchSizeLimit + 1)}},   // batch too large
		{"setTimeWindow", []any{uint64(precompile.MaxTimeWindow + 1), uint64(0)}}, // window too wide
		{"setTrustScores", []any{uint16(10001), uint16(0)}},                       // over 1.0
		{"setTrustScores", []any{uint16(5000), uint16(6000)}},                     // software above attested
		{"setBaseReward", []any{huge}},                                            // reward could overflow
		// The epoch budget, targetComputePerEpoch × baseReward, must stay below 2^192.
		{"setEpochParameters", []any{uint64(60), new(big.Int).Lsh(big.NewInt(1), 160), uint16(100)}},
		{"setBondParameters", []any{big.NewInt(0), uint16(400), uint64(100), uint64(231)}},   // zero minimum bond
		{"setBondParameters", []any{big.NewInt(1), uint16(0), uint64(100), uint64(231)}},     // zero cap
		{"setBondParameters", []any{big.NewInt(1), uint16(10001), uint64(100), uint64(231)}}, // cap above the bond
		{"setBondParameters", []any{big.NewInt(1), uint16(400), uint64(0), uint64(231)}},     // no challenge window
		{"setBondParameters", []any{big.NewInt(1), uint16(400), uint64(65), uint64(231)}},    // window shorter than the seed and reveal
		{"setBondParameters", []any{big.NewInt(1), uint16(400), uint64(100), uint64(230)}},   // unbonding not after the longest audit
		{"setBondParameters", []any{big.NewInt(1), uint16(400), uint64(100), uint64(99)}},    // unbonding before the window
		{"setBondParameters", []any{big.NewInt(1), uint16(400), uint64(precompile.MaxChallengeWindow + 1), uint64(precompile.MaxUnbondingDelay)}},
		{"setBondParameters", []any{big.NewInt(1), uint16(400), uint64(100), uint64(precompile.MaxUnbondingDelay + 1)}},
		{"setDeviceEpochCap", []any{uint32(0)}},
		{"setAuditParameters", []any{uint64(0), uint16(500), uint64(64), big.NewInt(1), uint16(1000)}},                            // no seed blocks
		{"setAuditParameters", []any{uint64(precompile.MaxAuditDelay + 1), uint16(500), uint64(64), big.NewInt(1), uint16(1000)}}, // seed too long
		{"setAuditParameters", []any{uint64(2), uint16(10001), uint64(64), big.NewInt(1), uint16(1000)}},                          // p above 1
		{"setAuditParameters", []any{uint64(2), uint16(500), uint64(0), big.NewInt(1), uint16(1000)}},                             // no reveal window
		{"setAuditParameters", []any{uint64(2), uint16(500), uint64(149), big.NewInt(1), uint16(1000)}},                           // reveal past the challenge window
		{"setAuditParameters", []any{uint64(2), uint16(500), uint64(64), big.NewInt(0), uint16(1000)}},                            // free challenges
		{"setAuditParameters", []any{uint64(2), uint16(500), uint64(64), new(big.Int).Lsh(big.NewInt(1), 96), uint16(1000)}},      // bond over 2^96
		{"setAuditParameters", []any{uint64(2), uint16(500), uint64(64), big.NewInt(1), uint16(5001)}},                            // bounty over half the bond
		{"setCommitteeParameters", []any{uint16(0), uint64(32), uint64(32), big.NewInt(1), uint16(1000)}},                         // no committee
		{"setCommitteeParameters", []any{uint16(precompile.MaxCommitteeSize + 1), uint64(32), uint64(32), big.NewInt(1), uint16(1000)}},
		{"setCommitteeParameters", []any{uint16(5), uint64(0), uint64(32), big.NewInt(1), uint16(1000)}}, // no commit window
		{"setCommitteeParameters", []any{uint16(5), uint64(32), uint64(precompile.MaxVoteWindow + 1), big.NewInt(1), uint16(1000)}},
		{"setCommitteeParameters", []any{uint16(5), uint64(32), uint64(32), big.NewInt(0), uint16(1000)}},         // no stake
		{"setCommitteeParameters", []any{uint16(5), uint64(32), uint64(32), big.NewInt(1), uint16(10001)}},        // penalty above the stake
		{"setCommitteeParameters", []any{uint16(5), uint64(30_000), uint64(30_000), big.NewInt(1), uint16(1000)}}, // votes outlast the unbonding delay
	}
	for _, tc := range cases {
		c := newChain(t)
		before := root(c)
		r := c.Call(precompiletest.Frame{Caller: gov}, pack(t, tc.name, tc.input...))
		requireRevert(t, r, "InvalidParameter")
		require.Equal(t, before, root(c), "%s %v", tc.name, tc.input)
	}
}

func TestTransferGovernance(t *testing.T) {
	c := newChain(t)
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "transferGovernance", stranger)), "NotGovernance")
	requireRevert(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "transferGovernance", common.Address{})), "InvalidParameter")
	r := c.Call(precompiletest.Frame{Caller: gov}, pack(t, "transferGovernance", stranger))
	require.NoError(t, r.Err)
	require.Len(t, r.Logs, 1)
	require.Equal(t, iaimining.Events["GovernanceTransferred"].ID, r.Logs[0].Topics[0])
	require.Equal(t, stranger, paramValues(t, c)[0])
	// The old governance lost its power, the new one has it.
	requireRevert(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setBaseReward", big.NewInt(1))), "NotGovernance")
	require.NoError(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "setBaseReward", big.NewInt(1))).Err)
}

func TestBatchSubmission(t *testing.T) {
	sk := key(t, proof.MLDSA44, 1)
	a := makeProof(t, sk, chainPars, 100, nil).Encode()
	b := makeProof(t, sk, chainPars, 200, nil).Encode()
	bad := makeProof(t, sk, chainZoo, 300, nil).Encode()

	c := newChain(t)
	bondKey(t, c, sk)
	before := root(c)
	r := c.Call(precompiletest.Frame{}, pack(t, "submitWorkProofs", [][]byte{a, bad, b}, [][]byte{{}, {}, {}}))
	requireRevert(t, r, "BatchItemFailed")
	require.Equal(t, big.NewInt(1), r.Revert.Args[0])
	inner, err := precompile.DecodeRevert(r.Revert.Args[1].([]byte))
	require.NoError(t, err)
	require.Equal(t, "WrongChain", inner.Name)
	require.Equal(t, before, root(c), "a failed batch must credit nothing")

	r = c.Call(precompiletest.Frame{}, pack(t, "submitWorkProofs", [][]byte{a, b}, [][]byte{{}, {}}))
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Equal(t, big.NewInt(300*600_000_000_000_000), unpack(t, "submitWorkProofs", r.Ret)[0])
	require.Len(t, r.Logs, 2)
	require.Zero(t, balanceOf(t, c, payee).Sign(), "pending")
	pa, _ := proof.DecodeAIWorkProof(a)
	pb, _ := proof.DecodeAIWorkProof(b)
	settle(t, c, pa, pb)
	require.Equal(t, big.NewInt(300*600_000_000_000_000), balanceOf(t, c, payee))

	// Duplicates inside one batch are caught by the spent set.
	c = newChain(t)
	bondKey(t, c, sk)
	r = c.Call(precompiletest.Frame{}, pack(t, "submitWorkProofs", [][]byte{a, a}, [][]byte{{}, {}}))
	requireRevert(t, r, "BatchItemFailed")

	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "submitWorkProofs", [][]byte{a}, [][]byte{})), "MalformedInput")
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "submitWorkProofs", [][]byte{}, [][]byte{})), "MalformedInput")
	require.NoError(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setCaps", uint64(1_000_000_000), uint32(1))).Err)
	requireRevert(t, c.Call(precompiletest.Frame{}, pack(t, "submitWorkProofs", [][]byte{a, b}, [][]byte{{}, {}})), "BatchTooLarge")
}

func epoch(t *testing.T, c *precompiletest.Chain) []any {
	r := c.Call(precompiletest.Frame{}, pack(t, "epochState"))
	require.NoError(t, r.Err)
	vals, err := iaimining.Methods["epochState"].Outputs.UnpackValues(r.Ret)
	require.NoError(t, err)
	return structFields(vals[0])
}

// TestDifficultyFollowsWork: an epoch with more work than the target lowers
// the adjustment (so the next proof earns less per unit), an empty stretch
// raises it, each by at most the governed step.
func TestDifficultyFollowsWork(t *testing.T) {
	sk := key(t, proof.MLDSA44, 1)
	c := newChain(t)
	// Epochs of 100 s, target 1000 units, step 10%.
	require.NoError(t, c.Call(precompiletest.Frame{Caller: gov}, pack(t, "setEpochParameters", uint64(100), big.NewInt(1000), uint16(1000))).Err)
	at := func(ts uint64, cu uint64) precompiletest.Result {
		c.SetBlock(ts-t0+2, ts)
		return submit(c, t, makeProof(t, sk, chainPars, cu, func(p *proof.AIWorkProof) { p.Context.Timestamp = ts }), nil)
	}
	// epoch 0 starts at t0 with 1.5x the target (as much as its budget,
	// 1000 × baseReward, pays at trust 0.6)
	require.NoError(t, at(t0, 1500).Err)
	e := epoch(t, c)
	require.Equal(t, uint64(0), e[0])
	require.Equal(t, uint64(t0), e[1])
	require.Equal(t, big.NewInt(1500), e[2])
	one := big.NewInt(1e18)
	require.Equal(t, one, e[3])

	r := at(t0+150, 10) // epoch 1: the adjustment falls by the 10% step
	require.NoError(t, r.Err)
	require.Len(t, r.Logs, 2)
	require.Equal(t, iaimining.Events["EpochAdvanced"].ID, r.Logs[0].Topics[0])
	e = epoch(t, c)
	require.Equal(t, uint64(1), e[0])
	require.Equal(t, big.NewInt(9e17), e[3])
	// Reward per unit fell with it: 1e15 × 10 × 0.9 × 0.6.
	require.Equal(t, big.NewInt(5_400_000_000_000_000), unpack(t, "submitWorkProof", r.Ret)[0])

	// Three quiet epochs later: observed 10 in epoch 1 (far under target,
	// +10%), then two empty epochs (+10% each).
	require.NoError(t, at(t0+450, 1).Err)
	e = epoch(t, c)
	require.Equal(t, uint64(4), e[0])
	want := new(big.Int).Div(new(big.Int).Mul(big.NewInt(9e17), big.NewInt(1331)), big.NewInt(1000))
	require.Equal(t, want, e[3])
}
