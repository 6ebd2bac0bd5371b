package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/federated/participant"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// recordRound plays one round of the default task (as serve runs it) and
// writes its record into dir.
func recordRound(t *testing.T, dir string) (string, *federated.Result) {
	tk := federated.NewSynthetic(1, 5, 10, 2, 1)
	validation := validationSet(tk, 1)
	p := federated.Params{
		ChainID: 6133, RoundID: 4, BaseModel: federated.QuantizeModel(tk.Model().Shape(), make([]float64, tk.Model().Size())),
		Rule: "trimmed-mean:2000", Limits: federated.Limits{ClipNorm: 2, RejectNorm: 20, FreeRiderNorm: 1e-6, MinAlignment: 0.1},
		MinParticipants: 3, MaxParticipants: 8, Pool: uint256.NewInt(1e9), ValidationHash: federated.ValidationHash(validation),
	}
	r, err := federated.NewRound(p)
	require.NoError(t, err)
	var keys []*proof.PrivateKey
	for i := 0; i < 6; i++ {
		k, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{0x5a, byte(i)})
		require.NoError(t, err)
		keys = append(keys, k)
		e, err := participant.SignEnrolment(k, p.ChainID, p.RoundID, common.Address{0xde, byte(i + 1)})
		require.NoError(t, err)
		_, ref := r.Enrol(e.Encode())
		require.Nil(t, ref)
	}
	_, err = r.StartCollecting(proof.Hash{4})
	require.NoError(t, err)
	for i, k := range keys {
		data := tk.NonIID(uint64(i), 150, []int{i % 5, (i + 1) % 5}, 0.8)
		u, err := participant.MakeUpdate(k, p.ChainID, p.RoundID, p.BaseModel, tk.Model(), data, federated.TrainConfig{Epochs: 2, LR: 0.1, Seed: 1}, common.Address{0xde, byte(i + 1)})
		require.NoError(t, err)
		_, _, ref := r.Submit(u.Encode())
		require.Nil(t, ref)
	}
	tr, err := r.Close()
	require.NoError(t, err)
	res, err := federated.Recompute(tr, tk.Model(), validation)
	require.NoError(t, err)
	path := filepath.Join(dir, federated.RecordFileName(p.RoundID))
	require.NoError(t, federated.WriteRecord(path, &federated.Record{Transcript: tr, Result: res,
		Published: &federated.PublishedRef{ModelHash: res.ModelHash, RewardsRoot: res.Root, Total: res.Total}}))
	return path, res
}

// TestVerifyCommand: verify recomputes a recorded round, prints its
// aggregate model hash and reward root and exits 0; a record whose result
// or transcript was altered, or a different task, exits 1.
func TestVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	path, res := recordRound(t, dir)
	verifyArgs := func(extra ...string) (int, string) {
		var out bytes.Buffer
		code := run(context.Background(), append([]string{"pars-aggregator", "verify"}, extra...), &out)
		return code, out.String()
	}
	code, out := verifyArgs("--transcript", path)
	require.Equal(t, 0, code, out)
	require.Contains(t, out, "aggregate model hash "+res.ModelHash.Hex())
	require.Contains(t, out, "rewards root "+res.Root.Hex())

	// An altered recorded root: the recomputed one is printed, exit 1.
	rec, err := federated.ReadRecord(path)
	require.NoError(t, err)
	rec.Result.Root[31] ^= 1
	bad := filepath.Join(dir, "bad-root.json")
	require.NoError(t, federated.WriteRecord(bad, rec))
	code, out = verifyArgs("--transcript", bad)
	require.Equal(t, 1, code, out)
	require.Contains(t, out, "rewards root "+res.Root.Hex())
	require.Contains(t, out, "reward root")

	// An altered update envelope no longer verifies.
	rec, err = federated.ReadRecord(path)
	require.NoError(t, err)
	rec.Transcript.Updates[0][len(rec.Transcript.Updates[0])-1] ^= 1
	bad = filepath.Join(dir, "bad-update.json")
	require.NoError(t, federated.WriteRecord(bad, rec))
	code, out = verifyArgs("--transcript", bad)
	require.Equal(t, 1, code, out)
	require.True(t, strings.Contains(out, federated.RefuseBadSignature), out)

	// Another task's validation set is not the round's.
	code, out = verifyArgs("--transcript", path, "--task-seed", "2")
	require.Equal(t, 1, code, out)
	require.Contains(t, out, "validation set")

	// A missing file.
	code, _ = verifyArgs("--transcript", filepath.Join(dir, "none.json"))
	require.Equal(t, 1, code)
	_, err = os.Stat(path)
	require.NoError(t, err)
}
