package miner_test

import (
	"bytes"
	"context"
	"log/slog"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// runLogged runs a miner with a JSON log and returns the log.
func runLogged(t *testing.T, s *setup, opts miner.Options) (*miner.Miner, string, error) {
	t.Helper()
	var buf bytes.Buffer
	opts.Logger = slog.New(slog.NewJSONHandler(&buf, nil))
	m := s.open(t, opts)
	err := m.Run(t.Context())
	return m, buf.String(), err
}

// TestRunBatches: Run sends its work in batches by count and by age, and
// the last one when it stops; every item is accepted once and paid as a
// single proof would be, the batches are finalized by batch id, and the
// totals add up on chain.
func TestRunBatches(t *testing.T) {
	cases := []struct {
		name                 string
		mining               string
		jobs                 int
		minBatches, maxBatch int // transactions sent: at least, at most
		wantItemsPerBatch    int // 0: any
	}{
		{"by count", "batch_max_items = 4\nbatch_max_age = \"1m\"\nconcurrency = 2", 8, 2, 2, 4},
		{"by age", "batch_max_items = 64\nbatch_max_age = \"60ms\"", 8, 2, 7, 0},
		{"the rest when stopping", "batch_max_items = 64\nbatch_max_age = \"1m\"", 3, 1, 1, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSetupWith(t, shortWindow(), 0, tc.mining)
			start := time.Now()
			m, logs, err := runLogged(t, s, miner.Options{MaxJobs: tc.jobs})
			require.NoError(t, err, logs)
			require.Less(t, time.Since(start), 30*time.Second, "Run does not wait for batch_max_age when it stops")

			batches := logLines(t, logs, "batch accepted")
			singles := logLines(t, logs, "proof accepted") // a batch of one goes alone
			require.GreaterOrEqual(t, len(batches)+len(singles), tc.minBatches, logs)
			require.LessOrEqual(t, len(batches)+len(singles), tc.maxBatch, logs)
			require.Equal(t, len(batches)+len(singles), s.node.SentTransactions()-finalizations(t, logs), "one transaction per batch")
			items, reward := len(singles), new(big.Int)
			seen := map[string]bool{}
			for _, p := range singles {
				r, ok := new(big.Int).SetString(p["reward_wei"].(string), 10)
				require.True(t, ok)
				reward.Add(reward, r)
				seen[p["work_id"].(string)] = true
			}
			for _, b := range batches {
				n := int(b["items"].(float64))
				if tc.wantItemsPerBatch != 0 {
					require.Equal(t, tc.wantItemsPerBatch, n)
				}
				items += n
				r, ok := new(big.Int).SetString(b["reward_wei"].(string), 10)
				require.True(t, ok)
				require.Zero(t, expectedReward(t, uint64(b["compute_units"].(float64))).Cmp(r), "reward of %v", b)
				reward.Add(reward, r)
				id := b["batch_id"].(string)
				require.False(t, seen[id], "batch %s accepted twice", id)
				seen[id] = true
				require.Less(t, b["gas_per_item"].(float64), 400_000.0)
			}
			require.Equal(t, tc.jobs, items)
			if tc.wantItemsPerBatch != 0 {
				require.Empty(t, singles, "nothing went alone")
			}
			recent, err := miner.RecentAccepted(t.Context(), s.chain(t), testBeneficiary, 100, 1000)
			require.NoError(t, err)
			require.Len(t, recent, len(batches)+len(singles), "status lists batches and single proofs")
			listed := 0
			for _, a := range recent {
				listed += max(int(a.Items), 1)
			}
			require.Equal(t, tc.jobs, listed)
			st := m.Stats()
			require.Equal(t, uint64(tc.jobs), st.Accepted)
			require.Zero(t, st.Refused+st.Failed)
			require.Zero(t, reward.Cmp(st.Reward), "%s != %s", reward, st.Reward)
			require.Equal(t, float64(tc.jobs), metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues("pars-tiny-rnn-v1")))

			// Everything accepted is either finalized (credited) or pending
			// on chain, by batch id.
			client := s.node.Client()
			defer client.Close()
			chain := miner.NewNodeClient(client)
			bal, err := miner.MiningBalance(t.Context(), chain, testBeneficiary)
			require.NoError(t, err)
			require.Zero(t, st.Finalized.Cmp(bal), "%s != %s", st.Finalized, bal)
			pendingSum := new(big.Int)
			for id := range seen {
				rec, err := miner.ReadPendingWork(t.Context(), chain, proof.Hash(hexBytes(t, id)))
				require.NoError(t, err)
				require.Contains(t, []uint8{1, 2}, rec.Status)
				require.Equal(t, s.key.Public().ID(), rec.MinerID)
				if rec.Status == 1 {
					pendingSum.Add(pendingSum, rec.Amount)
				}
			}
			require.Zero(t, reward.Cmp(new(big.Int).Add(bal, pendingSum)), "accepted %s, credited %s, pending %s", reward, bal, pendingSum)
		})
	}
}

// finalizations counts the miner's finalizeWork transactions in its log.
func finalizations(t *testing.T, logs string) int {
	return len(logLines(t, logs, "rewards finalized"))
}

func hexBytes(t *testing.T, s string) []byte {
	t.Helper()
	b, ok := new(big.Int).SetString(strings.TrimPrefix(s, "0x"), 16)
	require.True(t, ok, s)
	return b.FillBytes(make([]byte, 32))
}

// TestBatchSequenceCollision: a second process mining with the same key
// and the same clock numbers its first batch like the first process did;
// the chain refuses it (ItemAlreadySpent), the miner numbers it again and
// it is accepted. No item is paid twice and none is lost.
func TestBatchSequenceCollision(t *testing.T) {
	s := newSetupWith(t, noAudits(), 0, "batch_max_items = 2\nbatch_max_age = \"1m\"")
	now := time.Now()
	clock := func() time.Time { return now }
	_, logs1, err := runLogged(t, s, miner.Options{MaxJobs: 2, Clock: clock})
	require.NoError(t, err, logs1)
	m2, logs2, err := runLogged(t, s, miner.Options{MaxJobs: 2, Clock: clock})
	require.NoError(t, err, logs2)
	require.Len(t, logLines(t, logs2, "a sequence number of the batch was spent already; numbering the batch again"), 1, logs2)
	b1, b2 := logLines(t, logs1, "batch accepted"), logLines(t, logs2, "batch accepted")
	require.Len(t, b1, 1)
	require.Len(t, b2, 1)
	require.Greater(t, b2[0]["first_seq"].(float64), b1[0]["first_seq"].(float64))
	require.Equal(t, uint64(2), m2.Stats().Accepted)
	require.Equal(t, 2, s.node.SentTransactions(), "the refused numbering was never sent")
}

// TestSubmitBatchSentTwice: a batch submitted again after it was accepted
// returns the first acceptance instead of a refusal.
func TestSubmitBatchSentTwice(t *testing.T) {
	s := newSetup(t, 0, "")
	sub := newSubmitter(t, s)
	head := s.node.Head()
	key := testKey(t, proof.MLDSA65)
	var items []proof.BatchItem
	for i := range 3 {
		w := proveAt(t, key, testChainID, head.Time)
		items = append(items, proof.NewBatchItem(uint64(100+i), &w.Proof.Context, w.Proof.OutputHash, w.InputTokens, w.OutputTokens))
	}
	h, err := proof.SignBatch(key, testChainID, testBeneficiary, items, false)
	require.NoError(t, err)
	first, err := sub.SubmitBatch(t.Context(), h, items)
	require.NoError(t, err)
	require.Equal(t, h.ID(), first.BatchID)
	require.Equal(t, uint16(3), first.Count)
	require.Equal(t, uint64(100), first.FirstSeq)
	again, err := sub.SubmitBatch(t.Context(), h, items)
	require.NoError(t, err)
	require.Equal(t, first.BatchAccepted, again.BatchAccepted)
	require.Equal(t, 1, s.node.SentTransactions())

	// Other items under a spent sequence number are refused.
	items[0].OutputTokens++
	h2, err := proof.SignBatch(key, testChainID, testBeneficiary, items, false)
	require.NoError(t, err)
	_, err = sub.SubmitBatch(t.Context(), h2, items)
	ref, ok := miner.IsRefusal(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, "BatchItemFailed", ref.Reason)
}

func TestSeqSource(t *testing.T) {
	now := time.UnixMilli(1_800_000_000_123)
	src := miner.NewSeqSource(func() time.Time { return now })
	base := uint64(now.UnixMilli()) << 12
	require.Equal(t, base, src.Next(3))
	require.Equal(t, base+3, src.Next(2), "same millisecond: continues above")
	now = now.Add(time.Millisecond)
	require.Equal(t, base+4096, src.Next(1))
	// A restart a second later starts above everything sent before.
	later := miner.NewSeqSource(func() time.Time { return now.Add(time.Second) })
	require.Greater(t, later.Next(1), base+4096)
	// The clock going back does not make numbers fall.
	now = now.Add(-time.Hour)
	require.Equal(t, base+4097, src.Next(1))
}

func TestBatchConfigValidation(t *testing.T) {
	s := newSetup(t, 0, "")
	cases := []struct {
		mining  string
		items   int
		age     time.Duration
		wantErr string
	}{
		{"", miner.DefaultBatchMaxItems, miner.DefaultBatchMaxAge, ""},
		{"batch_max_items = 1", 1, miner.DefaultBatchMaxAge, ""},
		{"batch_max_items = 512\nbatch_max_age = \"2m\"", 512, 2 * time.Minute, ""},
		{"batch_max_items = 513", 0, 0, "mining.batch_max_items must be 1..512"},
		{"batch_max_items = -1", 0, 0, "mining.batch_max_items must be 1..512"},
		{"batch_max_age = \"3m\"", 0, 0, "mining.batch_max_age must be 10ms..2m0s"},
		{"batch_max_age = \"1ms\"", 0, 0, "mining.batch_max_age must be 10ms..2m0s"},
	}
	for _, tc := range cases {
		t.Run(tc.mining, func(t *testing.T) {
			cfg, err := miner.ParseConfig([]byte(s.config(tc.mining)), s.cfgPath)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.items, cfg.Mining.BatchMaxItems)
			require.Equal(t, tc.age, cfg.Mining.BatchMaxAge)
			require.Equal(t, tc.items > 1, cfg.Mining.Batching())
		})
	}
}

// TestMineOnceIsNotBatched: outside Run (and for attested work) a proof
// goes alone, as before.
func TestMineOnceIsNotBatched(t *testing.T) {
	s := newSetup(t, 0, "batch_max_items = 64")
	m := s.open(t, miner.Options{})
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.NotNil(t, res.Accepted)
	require.Equal(t, expectedReward(t, res.Work.ComputeUnits), res.Reward)
	_ = precompile.Address
}

// TestBatchWaitsThroughOutage: a full batch whose submission meets a node
// outage waits (queued) and the same signed batch is accepted when the
// node answers again; nothing fails and nothing is paid twice.
func TestBatchWaitsThroughOutage(t *testing.T) {
	s := newSetupWith(t, noAudits(), 0, "")
	var proxy outageProxy
	proxy.start(t, s)
	require.NoError(t, os.WriteFile(s.cfgPath, []byte(s.config("batch_max_items = 4\nbatch_max_age = \"1m\"")), 0o600))
	var logs syncBuffer
	m := s.open(t, miner.Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), MaxJobs: 4})
	proxy.armed.Store(true) // the batch's gas estimate takes the node down
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	waitFor(t, 10*time.Second, "a queued batch", func() bool { return metricValue(t, m.Metrics().ProofsQueued) == 1 })
	time.Sleep(1500 * time.Millisecond)
	proxy.down.Store(false)
	require.NoError(t, <-done, logs.String())
	out := logs.String()
	batches := logLines(t, out, "batch accepted")
	require.Len(t, batches, 1, out)
	require.Equal(t, 4.0, batches[0]["items"])
	require.Equal(t, uint64(4), m.Stats().Accepted)
	require.Zero(t, m.Stats().Failed)
	require.Equal(t, 0.0, metricValue(t, m.Metrics().ProofsQueued))
	require.Equal(t, 1.0, metricValue(t, m.Metrics().NodeOutages))
	require.Equal(t, 1, s.node.SentTransactions(), "one batch transaction")
}

// chain returns a client of the setup's node, closed with the test.
func (s *setup) chain(t *testing.T) miner.Chain {
	t.Helper()
	client := s.node.Client()
	t.Cleanup(client.Close)
	return miner.NewNodeClient(client)
}

// TestBatchOfOneGoesAlone: when only one proof is waiting at batch_max_age
// it is sent with submitWorkProof and logged as a single proof.
func TestBatchOfOneGoesAlone(t *testing.T) {
	s := newSetup(t, 0, "batch_max_items = 64\nbatch_max_age = \"1m\"")
	_, logs, err := runLogged(t, s, miner.Options{MaxJobs: 1})
	require.NoError(t, err, logs)
	require.Len(t, logLines(t, logs, "proof accepted"), 1, logs)
	require.Empty(t, logLines(t, logs, "batch accepted"), logs)
	recent, err := miner.RecentAccepted(t.Context(), s.chain(t), testBeneficiary, 5, 1000)
	require.NoError(t, err)
	require.Len(t, recent, 1)
	require.Zero(t, recent[0].Items)
}

// noAudits are the default parameters on a chain that samples no work
// for audit, where the miner batches.
func noAudits() precompile.Params {
	p := precompile.DefaultParams(testGovernance)
	p.AuditProbabilityBps = 0
	return p
}

// TestBatchesWhereWorkIsAudited: on a chain that samples every piece of
// work, the miner still batches; its batch is drawn for audit, and it
// reveals the one item the audit seed picks (revealBatchItem), which the
// chain re-executes and clears, and the batch is then paid in full. (A
// batch used to have no reveal: the miner did not batch on audited chains,
// and a challenged batch was slashed.)
func TestBatchesWhereWorkIsAudited(t *testing.T) {
	s := newSetupWith(t, auditParams(proof.BasisPoints), 0, "batch_max_items = 4\nbatch_max_age = \"1m\"\nfinalize = false")
	m, logs, err := runLogged(t, s, miner.Options{MaxJobs: 4})
	require.NoError(t, err, logs)
	batches := logLines(t, logs, "batch accepted")
	require.Len(t, batches, 1, logs)
	require.Empty(t, logLines(t, logs, "proof accepted"), logs)
	id := proof.Hash(hexBytes(t, batches[0]["batch_id"].(string)))
	reward, ok := new(big.Int).SetString(batches[0]["reward_wei"].(string), 10)
	require.True(t, ok)

	// A block at a time, as its polls see them: the seed becomes known,
	// the miner reveals the picked item, the chain clears the batch.
	for range 3 {
		s.node.MineEmpty()
		_, err := m.RevealDue(t.Context(), s.node.Head().Number.Uint64())
		require.NoError(t, err)
	}
	require.Equal(t, uint8(6), workStatus(t, s, id), "cleared by re-executing the picked item\n%s", logs)
	for range 6 {
		s.node.MineEmpty()
	}
	_, err = m.RecoverPendingBatches(t.Context(), 1000)
	require.NoError(t, err)
	credited, err := m.FinalizeAll(t.Context())
	require.NoError(t, err)
	require.Zero(t, reward.Cmp(credited), "the whole batch is paid: %s != %s", reward, credited)
}

// TestExpiredBatchOpenedByItsMiner: a batch whose seed window (256 blocks)
// closed before anyone drew it is audited from the block that opens its
// audit, and its item can be picked only once that block's seed is known.
// No watcher runs here: the miner opens the audit itself (markSelected),
// then reveals the picked item, and the batch is cleared instead of
// waiting unpaid for someone else to open it.
func TestExpiredBatchOpenedByItsMiner(t *testing.T) {
	s := newSetupWith(t, auditParams(proof.BasisPoints), 0, "batch_max_items = 4\nbatch_max_age = \"1m\"\nfinalize = false")
	m, logs, err := runLogged(t, s, miner.Options{MaxJobs: 4})
	require.NoError(t, err, logs)
	batches := logLines(t, logs, "batch accepted")
	require.Len(t, batches, 1, logs)
	id := proof.Hash(hexBytes(t, batches[0]["batch_id"].(string)))
	s.node.MineEmptyBlocks(260) // past the seed window, nobody drew it
	for range 4 {
		_, err := m.RevealDue(t.Context(), s.node.Head().Number.Uint64())
		require.NoError(t, err)
		s.node.MineEmpty()
	}
	require.Equal(t, uint8(6), workStatus(t, s, id), "opened by its miner, revealed and cleared")
}
