package aggregator_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/federated/aggregator"
	"github.com/pars-network/aimining/federated/participant"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// TestEnrolOverHTTP: refused enrolments answer with their code and status.
func TestEnrolOverHTTP(t *testing.T) {
	_, hs, _, p := setup(t, aggregator.Config{})
	ctx := context.Background()
	c := &participant.Client{BaseURL: hs.URL}
	refused := func(e *proof.FederatedEnrolment) *participant.RefusedError {
		_, err := c.SendEnrolment(ctx, e)
		var re *participant.RefusedError
		require.True(t, errors.As(err, &re), "%v", err)
		return re
	}
	k := key(t, 1)
	replay, err := participant.SignEnrolment(k, p.ChainID, p.RoundID+1, recipientOf(1))
	require.NoError(t, err)
	re := refused(replay)
	require.Equal(t, federated.RefuseWrongRound, re.Code)
	require.Equal(t, http.StatusConflict, re.Status)

	other, err := participant.SignEnrolment(k, p.ChainID+1, p.RoundID, recipientOf(1))
	require.NoError(t, err)
	require.Equal(t, federated.RefuseWrongChain, refused(other).Code)

	forged, err := participant.SignEnrolment(key(t, 2), p.ChainID, p.RoundID, recipientOf(1))
	require.NoError(t, err)
	forged.ParticipantKey = k.Public().Bytes()
	re = refused(forged)
	require.Equal(t, federated.RefuseBadSignature, re.Code)
	require.Equal(t, http.StatusForbidden, re.Status)

	id, err := c.Enrol(ctx, k, recipientOf(1))
	require.NoError(t, err)
	require.Equal(t, common.Hash(k.Public().ID()), id)
}

// playRound enrols ten phones, collects the selected ones' updates and
// finishes the round.
func playRound(t *testing.T, s *aggregator.Server, c *participant.Client, task *federated.Synthetic, seed byte) *federated.Result {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ri, err := c.Round(ctx)
	require.NoError(t, err)
	for i := 0; i < 10; i++ {
		_, err := c.Enrol(ctx, key(t, i), recipientOf(i))
		require.NoError(t, err)
	}
	sel, err := s.StartCollecting(proof.Hash{seed})
	require.NoError(t, err)
	chosen := map[common.Hash]bool{}
	for _, id := range sel {
		chosen[common.Hash(id)] = true
	}
	for i := 0; i < 10; i++ {
		if !chosen[common.Hash(key(t, i).Public().ID())] {
			continue
		}
		data := task.NonIID(uint64(i)+ri.RoundID, 100, []int{i % 4}, 0.8)
		_, err := c.Participate(ctx, key(t, i), task.Model(), data, federated.TrainConfig{Epochs: 2, LR: 0.1, Seed: 1}, recipientOf(i))
		require.NoError(t, err)
	}
	res, _, err := s.Finish(ctx)
	require.NoError(t, err)
	return res
}

// TestRoundsSurviveRestart: with a data directory each published round is
// written (atomically: no temporary file is left), a node opened again on
// the directory reloads it and answers results and claims as before, the
// record recomputes to the published result, a published round cannot be
// opened again, and a tampered record is refused.
func TestRoundsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, hs, task, p := setup(t, aggregator.Config{DataDir: dir})
	go s.Run(ctx)
	c := &participant.Client{BaseURL: hs.URL}
	res1 := playRound(t, s, c, task, 0xb1)
	p2 := p
	p2.RoundID, p2.BaseModel = 2, res1.Model
	require.NoError(t, s.OpenRound(p2, 0))
	res2 := playRound(t, s, c, task, 0xb2)

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	require.Equal(t, []string{federated.RecordFileName(1), federated.RecordFileName(2)}, names)

	// Anyone holding the file and the validation set recomputes the result.
	validation := task.Balanced(9, 200)
	for _, want := range []*federated.Result{res1, res2} {
		rec, err := federated.ReadRecord(filepath.Join(dir, federated.RecordFileName(want.RoundID)))
		require.NoError(t, err)
		got, err := rec.Check(task.Model(), validation)
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Equal(t, want.Model.Encode(), got.Model.Encode())
		require.Len(t, rec.Transcript.Enrolments, 10)
	}

	// Restart: a fresh node on the same directory, no round open.
	cancel()
	hs.Close()
	s2, err := aggregator.Open(aggregator.Config{Model: task.Model(), Validation: validation, DataDir: dir})
	require.NoError(t, err)
	last, lastRes, ok := s2.LastPublished()
	require.True(t, ok)
	require.Equal(t, uint64(2), last)
	require.Equal(t, res2, lastRes)
	hs2 := newHTTP(t, s2)
	c2 := &participant.Client{BaseURL: hs2}
	for _, want := range []*federated.Result{res1, res2} {
		require.Equal(t, want, s2.Published(want.RoundID))
		resp, err := http.Get(hs2 + "/v1/rounds/" + jsonNum(want.RoundID) + "/result")
		require.NoError(t, err)
		var got federated.Result
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
		resp.Body.Close()
		require.Equal(t, want.Root, got.Root)
		require.Equal(t, want.ModelHash, got.ModelHash)
		require.NotEmpty(t, want.Rewards)
		for _, w := range want.Rewards {
			ci, err := c2.Claim(context.Background(), want.RoundID, w.Recipient)
			require.NoError(t, err)
			require.NoError(t, ci.Verify(want.Root))
			require.Equal(t, w.Amount, ci.Amount)
		}
	}
	require.ErrorContains(t, s2.OpenRound(p2, 0), "already published")

	// A record whose result was altered is refused on reload.
	path := filepath.Join(dir, federated.RecordFileName(1))
	rec, err := federated.ReadRecord(path)
	require.NoError(t, err)
	rec.Result.Root[0] ^= 1
	require.NoError(t, federated.WriteRecord(path, rec))
	_, err = aggregator.Open(aggregator.Config{Model: task.Model(), Validation: validation, DataDir: dir})
	require.ErrorContains(t, err, "reward root")
}

func newHTTP(t *testing.T, s *aggregator.Server) string {
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return hs.URL
}

func jsonNum(n uint64) string { return strconv.FormatUint(n, 10) }
