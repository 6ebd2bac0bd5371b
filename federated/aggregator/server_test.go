package aggregator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/federated/aggregator"
	"github.com/pars-network/aimining/federated/participant"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

func setup(t *testing.T, cfg aggregator.Config) (*aggregator.Server, *httptest.Server, *federated.Synthetic, federated.Params) {
	task := federated.NewSynthetic(3, 4, 6, 2, 1)
	cfg.Model, cfg.Validation = task.Model(), task.Balanced(9, 200)
	s, err := aggregator.Open(cfg)
	require.NoError(t, err)
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	p := federated.Params{
		ChainID: 6133, RoundID: 1, BaseModel: federated.QuantizeModel(task.Model().Shape(), make([]float64, task.Model().Size())),
		Rule: "median", Limits: federated.Limits{ClipNorm: 2, RejectNorm: 20, FreeRiderNorm: 1e-6, MinAlignment: 0.1},
		MinParticipants: 3, MaxParticipants: 8, Pool: uint256.NewInt(1e6), ValidationHash: federated.ValidationHash(cfg.Validation),
	}
	require.NoError(t, s.OpenRound(p, 0))
	return s, hs, task, p
}

func key(t *testing.T, i int) *proof.PrivateKey {
	k, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{0: 0x33, 1: byte(i)})
	require.NoError(t, err)
	return k
}

func recipientOf(i int) common.Address { return common.BytesToAddress([]byte{0xee, byte(i + 1)}) }

// TestRoundOverHTTP: ten phones enrol, eight are selected by the seed, the
// selected ones train and submit over HTTP, the round closes on full and
// every paid phone's claim proves into the published root.
func TestRoundOverHTTP(t *testing.T) {
	s, hs, task, p := setup(t, aggregator.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	go s.Run(ctx)
	c := &participant.Client{BaseURL: hs.URL}
	keys := map[common.Hash]*proof.PrivateKey{}
	recipients := map[common.Hash]common.Address{}
	for i := 0; i < 10; i++ {
		id, err := c.Enrol(ctx, key(t, i), recipientOf(i))
		require.NoError(t, err)
		keys[id], recipients[id] = key(t, i), recipientOf(i)
	}
	sel, err := s.StartCollecting(proof.Hash{0xb1})
	require.NoError(t, err)
	require.Len(t, sel, 8)
	ri, err := c.Round(ctx)
	require.NoError(t, err)
	require.Equal(t, federated.StateCollecting, ri.State)
	require.Len(t, ri.Selected, 8)

	chosen := map[common.Hash]bool{}
	for _, id := range sel {
		chosen[common.Hash(id)] = true
	}
	i := 0
	for id, k := range keys {
		i++
		recipient := recipients[id]
		data := task.NonIID(uint64(i), 100, []int{i % 4}, 0.8)
		rep, err := c.Participate(ctx, k, task.Model(), data, federated.TrainConfig{Epochs: 2, LR: 0.1, Seed: 1}, recipient)
		if !chosen[id] {
			var re *participant.RefusedError
			require.True(t, errors.As(err, &re), "%v", err)
			require.Equal(t, federated.RefuseNotSelected, re.Code)
			require.Equal(t, http.StatusForbidden, re.Status)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, id, rep.Participant)
		// A second update from the same phone is refused.
		_, err = c.Participate(ctx, k, task.Model(), data, federated.TrainConfig{Epochs: 1, LR: 0.1, Seed: 2}, recipient)
		var re *participant.RefusedError
		if err != nil && errors.As(err, &re) && re.Code != federated.RefuseRoundClosed {
			require.Equal(t, federated.RefuseDuplicateParticipant, re.Code)
		}
	}
	select {
	case <-s.Full():
	case <-ctx.Done():
		t.Fatal("round never filled")
	}
	res, tr, err := s.Finish(ctx)
	require.NoError(t, err)
	require.Len(t, tr.Updates, 8)
	require.Less(t, res.Loss, res.BaseLoss)
	for _, w := range res.Rewards {
		ci, err := c.Claim(ctx, p.RoundID, w.Recipient)
		require.NoError(t, err)
		require.NoError(t, ci.Verify(res.Root))
		require.Equal(t, w.Amount, ci.Amount)
	}
	// Refusals carry a code and a reason.
	resp, err := http.Post(hs.URL+"/v1/update", "application/octet-stream", bytes.NewReader([]byte{1, 2, 3}))
	require.NoError(t, err)
	var er federated.ErrorReply
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&er))
	resp.Body.Close()
	require.Equal(t, http.StatusConflict, resp.StatusCode) // the round is published, no longer collecting
	require.Equal(t, federated.RefuseRoundClosed, er.Code)
}

// TestQueueFullAnswers503: with no worker draining it, the one-slot queue
// fills and the next update is answered 503 with a JSON error.
func TestQueueFullAnswers503(t *testing.T) {
	s, hs, _, p := setup(t, aggregator.Config{QueueSize: 1})
	_, err := s.StartCollecting(proof.Hash{1})
	require.Error(t, err) // nobody enrolled
	_ = p
	body := bytes.Repeat([]byte{0}, 64)
	deadline := time.Now().Add(5 * time.Second)
	for {
		// The first update takes the queue's one slot and waits (no worker
		// drains it) until its request gives up; the next finds it full.
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, hs.URL+"/v1/update", bytes.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if errors.Is(err, context.DeadlineExceeded) {
			cancel()
			continue
		}
		require.NoError(t, err)
		if resp.StatusCode == http.StatusServiceUnavailable {
			var er federated.ErrorReply
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&er))
			resp.Body.Close()
			require.Equal(t, "queue-full", er.Code)
			require.Equal(t, "1", resp.Header.Get("Retry-After"))
			cancel()
			return
		}
		resp.Body.Close()
		cancel()
		require.True(t, time.Now().Before(deadline), "queue never filled (status %d)", resp.StatusCode)
		time.Sleep(10 * time.Millisecond)
	}
}
