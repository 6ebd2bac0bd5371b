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
// balance after its block, a summary line follows every SummaryEvery
// acceptances, and Run logs a last one when it stops.
func TestAcceptedBalanceAndSummary(t *testing.T) {
	s := newSetup(t, 0, "")
	var buf bytes.Buffer
	m := s.open(t, miner.Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil)), MaxJobs: 4, SummaryEvery: 2})
	require.NoError(t, m.Run(t.Context()))
	logs := buf.String()

	accepted := logLines(t, logs, "proof accepted")
	require.Len(t, accepted, 4, logs)
	total := new(big.Int)
	for i, rec := range accepted {
		cu := uint64(rec["compute_units"].(float64))
		r := expectedReward(t, cu)
		require.Equal(t, r.String(), rec["reward_wei"])
		total.Add(total, r)
		require.Equal(t, total.String(), rec["balance_wei"], "acceptance %d", i)
	}
	summaries := logLines(t, logs, "mining summary")
	require.Len(t, summaries, 2, logs)
	require.Equal(t, 2.0, summaries[0]["accepted"])
	require.Equal(t, 4.0, summaries[1]["accepted"])
	require.Equal(t, total.String(), summaries[1]["balance_wei"])
	stopped := logLines(t, logs, "mining stopped")
	require.Len(t, stopped, 1, logs)
	require.Equal(t, 4.0, stopped[0]["accepted"])
	require.Equal(t, 0.0, stopped[0]["refused"])
	require.Equal(t, 0.0, stopped[0]["failed"])
	require.Equal(t, total.String(), stopped[0]["reward_wei"])
	require.Equal(t, total.String(), stopped[0]["balance_wei"])
	require.Equal(t, testBeneficiary.Hex(), stopped[0]["beneficiary"])

	st := m.Stats()
	require.Equal(t, uint64(4), st.Accepted)
	require.Equal(t, total, st.Reward)
	require.Equal(t, total, st.Balance)
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

	// The next acceptance reads it again.
	s.node.LoseAnswers("eth_call", 0)
	res, err = m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, new(big.Int).Add(expectedReward(t, 1), expectedReward(t, 1)), res.Balance)
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
