package miner_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"math/big"
	"strings"
	"testing"

	"github.com/pars-network/aimining/miner"
	"github.com/stretchr/testify/require"
)

// logLines decodes JSON log lines with message msg.
func logLines(t *testing.T, logs, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

// TestAcceptedBalanceAndSummary: every acceptance logs the beneficiary's
// balance after its block (what finalizeWork credited so far), a summary
// line follows every SummaryEvery acceptances, and Run logs a last one when
// it stops. With a one-block challenge window the miner finalizes each
// proof after the next acceptance.
func TestAcceptedBalanceAndSummary(t *testing.T) {
	s := newSetupWith(t, shortWindow(), 0, "batch_max_items = 1") // one proof per transaction
	var buf bytes.Buffer
	m := s.open(t, miner.Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil)), MaxJobs: 4, SummaryEvery: 2})
	require.NoError(t, m.Run(t.Context()))
	logs := buf.String()

	accepted := logLines(t, logs, "proof accepted")
	require.Len(t, accepted, 4, logs)
	total := new(big.Int)
	prev := new(big.Int)
	var r *big.Int
	for i, rec := range accepted {
		cu := uint64(rec["compute_units"].(float64))
		r = expectedReward(t, cu)
		require.Equal(t, r.String(), rec["reward_wei"])
		total.Add(total, r)
		bal, ok := new(big.Int).SetString(rec["balance_wei"].(string), 10)
		require.True(t, ok)
		require.GreaterOrEqual(t, bal.Cmp(prev), 0, "acceptance %d: the balance never falls", i)
		require.Less(t, bal.Cmp(total), 0, "acceptance %d: its own reward is pending", i)
		prev = bal
	}
	finalized := logLines(t, logs, "rewards finalized")
	require.NotEmpty(t, finalized, logs)
	summaries := logLines(t, logs, "mining summary")
	require.Len(t, summaries, 2, logs)
	require.Equal(t, 2.0, summaries[0]["accepted"])
	require.Equal(t, 4.0, summaries[1]["accepted"])
	stopped := logLines(t, logs, "mining stopped")
	require.Len(t, stopped, 1, logs)
	require.Equal(t, 4.0, stopped[0]["accepted"])
	require.Equal(t, 0.0, stopped[0]["refused"])
	require.Equal(t, 0.0, stopped[0]["failed"])
	require.Equal(t, total.String(), stopped[0]["reward_wei"])
	require.Equal(t, testBeneficiary.Hex(), stopped[0]["beneficiary"])

	st := m.Stats()
	require.Equal(t, uint64(4), st.Accepted)
	require.Equal(t, total, st.Reward)
	// Every proof but those still in the window was finalized.
	require.Equal(t, new(big.Int).Mul(r, big.NewInt(int64(4-st.Pending))), st.Finalized)
	require.Equal(t, st.Finalized.String(), stopped[0]["finalized_wei"])
	client := s.node.Client()
	defer client.Close()
	bal, err := miner.MiningBalance(t.Context(), miner.NewNodeClient(client), testBeneficiary)
	require.NoError(t, err)
	require.Equal(t, st.Finalized, bal)
}

// TestBalanceReadFailureDoesNotFailMining: the balance is only for the log
// line; when it cannot be read the proof still counts as accepted.
func TestBalanceReadFailureDoesNotFailMining(t *testing.T) {
	s := newSetup(t, 0, "")
	var buf bytes.Buffer
	m := s.open(t, miner.Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil)), SummaryEvery: -1})
	s.node.LoseAnswers("eth_call", 100)
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Nil(t, res.Balance)
	require.Equal(t, expectedReward(t, res.Work.ComputeUnits), res.Reward)
	logs := buf.String()
	require.Len(t, logLines(t, logs, "cannot read the mining balance"), 1, logs)
	acc := logLines(t, logs, "proof accepted")
	require.Len(t, acc, 1, logs)
	require.NotContains(t, acc[0], "balance_wei")
	st := m.Stats()
	require.Equal(t, uint64(1), st.Accepted)
	require.Nil(t, st.Balance)

	// The next acceptance reads it again (nothing finalized yet: zero).
	s.node.LoseAnswers("eth_call", 0)
	res, err = m.MineOnce(t.Context())
	require.NoError(t, err)
	require.NotNil(t, res.Balance)
	require.Zero(t, res.Balance.Sign())
	require.Empty(t, logLines(t, buf.String(), "mining summary"))
}

// TestReceiptWhileIndexing: a node that is still indexing transactions
// answers receipt queries with an error for a while; the miner keeps
// polling.
func TestReceiptWhileIndexing(t *testing.T) {
	s := newSetup(t, 0, "")
	m := s.open(t, miner.Options{})
	s.node.IndexReceipts(3)
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.Receipt.Status)
	require.Equal(t, 1, s.node.SentTransactions())
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues("pars-tiny-rnn-v1")))
}
