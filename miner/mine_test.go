package miner_test

import (
	"context"
	"io"
	"math/big"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
)

// expectedReward is the reward of a software-only proof in the first epoch
// under the default parameters.
func expectedReward(t *testing.T, cu uint64) *big.Int {
	t.Helper()
	p := precompile.DefaultParams(testGovernance)
	r, err := reward.Reward(p.BaseReward, cu, reward.One(), p.TrustSoftwareBps)
	require.NoError(t, err)
	return r.ToBig()
}

func TestMineOnceAccepted(t *testing.T) {
	for _, tt := range []struct {
		name       string
		genesisAge time.Duration
	}{
		{"active chain", 0},
		{"idle chain (old head, estimate at the work time)", 2 * time.Hour},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newSetup(t, tt.genesisAge, "")
			m := s.open(t, miner.Options{})
			require.Equal(t, s.gasAddr, m.GasAccount())
			require.Equal(t, testBeneficiary, m.Beneficiary())
			require.Equal(t, s.key.Public().ID(), m.MinerID())

			res, err := m.MineOnce(t.Context())
			require.NoError(t, err)

			// The event matches the proof.
			require.Equal(t, res.Work.WorkID, res.Accepted.WorkID)
			require.Equal(t, testBeneficiary, res.Accepted.Beneficiary)
			require.Equal(t, s.key.Public().ID(), res.Accepted.MinerID)
			require.Equal(t, res.Work.ComputeUnits, res.Accepted.ComputeUnits)
			require.Equal(t, expectedReward(t, res.Work.ComputeUnits), res.Reward)
			require.Equal(t, uint64(0), res.Epoch)
			require.Equal(t, uint64(1), res.Receipt.Status)
			require.Equal(t, s.node.Head().Number.Uint64(), res.BlockNumber)
			require.Zero(t, res.Resubmits)
			require.Equal(t, 1, s.node.SentTransactions())

			// The proof was bound to the chain and fixed before compute.
			require.NoError(t, res.Proof.Verify(testChainID, s.node.Head().Time, proof.TimeWindow{Past: 600, Future: 120}))

			// Metrics count it.
			mt := m.Metrics()
			require.Equal(t, 1.0, metricValue(t, mt.ProofsSubmitted.WithLabelValues("pars-tiny-rnn-v1")))
			require.Equal(t, 1.0, metricValue(t, mt.ProofsAccepted.WithLabelValues("pars-tiny-rnn-v1")))
			f, _ := new(big.Float).SetInt(res.Reward).Float64()
			require.Equal(t, f, metricValue(t, mt.RewardWei))
			require.Equal(t, uint64(1), histogramCount(t, mt.InferenceSeconds.WithLabelValues("pars-tiny-rnn-v1").(prometheus.Metric)))

			// The chain holds the reward pending for the beneficiary, and
			// status finds the proof.
			client := s.node.Client()
			defer client.Close()
			chain := miner.NewNodeClient(client)
			bal, err := miner.MiningBalance(t.Context(), chain, testBeneficiary)
			require.NoError(t, err)
			require.Zero(t, bal.Sign(), "pending, not credited yet")
			rec, err := miner.ReadPendingWork(t.Context(), chain, res.WorkID)
			require.NoError(t, err)
			require.Equal(t, miner.PendingRecord{Status: 1, Beneficiary: testBeneficiary, MinerID: s.key.Public().ID(), Amount: res.Reward,
				SubmittedAt: res.BlockNumber, FinalizableAt: res.BlockNumber + precompile.DefaultChallengeWindow}, rec)
			require.Equal(t, 1, m.Pending())
			last, err := miner.RecentAccepted(t.Context(), chain, testBeneficiary, 5, 1000)
			require.NoError(t, err)
			require.Len(t, last, 1)
			require.Equal(t, res.Accepted.WorkAccepted, last[0])
			none, err := miner.RecentAccepted(t.Context(), chain, common.HexToAddress("0x01"), 5, 1000)
			require.NoError(t, err)
			require.Empty(t, none)
		})
	}
}

func TestSubmitRefusalsAreNotRetried(t *testing.T) {
	s := newSetup(t, 0, "")
	m := s.open(t, miner.Options{})
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)

	sub := newSubmitter(t, s)
	head := s.node.Head()
	key := testKey(t, proof.MLDSA65)
	wrongChain := proveAt(t, key, 1, head.Time)
	stale := proveAt(t, key, testChainID, head.Time-3600)
	future := proveAt(t, key, testChainID, head.Time+3600)

	tests := []struct {
		name    string
		encoded []byte
		workID  proof.Hash
		ts      uint64
		want    string
	}{
		{"AlreadySpent", res.Encoded, res.Work.WorkID, res.Proof.Context.Timestamp, "AlreadySpent"},
		{"WrongChain", wrongChain.Encoded, wrongChain.WorkID, head.Time, "WrongChain"},
		{"StaleTimestamp", stale.Encoded, stale.WorkID, head.Time, "StaleTimestamp"},
		{"FutureTimestamp", future.Encoded, future.WorkID, head.Time, "FutureTimestamp"},
		{"MalformedInput", []byte("not a proof"), proof.Hash{}, head.Time, "MalformedInput"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent, estimates := s.node.SentTransactions(), s.node.Calls("eth_estimateGas")
			_, err := sub.Submit(t.Context(), tt.encoded, nil, tt.workID, tt.ts)
			ref, ok := miner.IsRefusal(err)
			require.True(t, ok, "want a refusal, got %v", err)
			require.Equal(t, tt.want, ref.Reason)
			require.Equal(t, "estimate", ref.Stage)
			require.NotNil(t, ref.Revert)
			require.Equal(t, sent, s.node.SentTransactions(), "nothing is sent")
			require.Equal(t, estimates+1, s.node.Calls("eth_estimateGas"), "a refusal is asked once")
		})
	}

	// The same job mined again is new work (a fresh nonce) and is accepted.
	_, err = m.Mine(t.Context(), res.Job, 0)
	require.NoError(t, err)
}

func TestSubmitLostAnswerIsNotSentTwice(t *testing.T) {
	s := newSetup(t, 0, "")
	m := s.open(t, miner.Options{})
	s.node.LoseAnswers("eth_sendRawTransaction", 1)
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, s.node.SentTransactions(), "the retry found the first try mined")
	require.Equal(t, expectedReward(t, res.Work.ComputeUnits), res.Reward)
	// The next proof uses the next nonce.
	_, err = m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, 2, s.node.SentTransactions())
}

// newSubmitter returns a Submitter on the setup's node.
func newSubmitter(t *testing.T, s *setup) *miner.Submitter {
	t.Helper()
	client := s.node.Client()
	t.Cleanup(client.Close)
	sub, err := miner.NewSubmitter(miner.NewNodeClient(client), s.gasKey, miner.SubmitterConfig{
		ChainID: big.NewInt(testChainID), PollInterval: time.Millisecond, Backoff: *fastBackoff(), MaxResubmits: 2,
	})
	require.NoError(t, err)
	return sub
}

// proveAt signs builtin work for chainID at timestamp ts.
func proveAt(t *testing.T, key *proof.PrivateKey, chainID uint32, ts uint64) *miner.Work {
	t.Helper()
	w, err := miner.Prove(context.Background(), miner.NewBuiltinBackend(4), key, miner.Job{Model: "pars-tiny-rnn-v1", Input: []byte("x")},
		miner.ProveParams{ChainID: chainID, Beneficiary: testBeneficiary, Timestamp: ts})
	require.NoError(t, err)
	return w
}

// TestMineRefusedInBlock: on an idle chain (head three hours old) a local
// clock running almost three hours late stamps the work with a time the
// estimate (next block at that time) accepts but the block that includes
// it (at the real time) does not. The miner sees the reverted receipt,
// replays the call in that block to learn why, and counts the refusal.
func TestMineRefusedInBlock(t *testing.T) {
	s := newSetup(t, 3*time.Hour, "")
	m := s.open(t, miner.Options{Clock: func() time.Time { return time.Now().Add(-2*time.Hour - 40*time.Minute) }})
	_, err := m.MineOnce(t.Context())
	ref, ok := miner.IsRefusal(err)
	require.True(t, ok, "got %v", err)
	require.Equal(t, "StaleTimestamp", ref.Reason)
	require.Equal(t, "receipt", ref.Stage)
	require.NotEqual(t, common.Hash{}, ref.TxHash)
	require.ErrorContains(t, err, "proof refused in transaction "+ref.TxHash.Hex()+": IAIMining.StaleTimestamp(")
	require.Equal(t, 1, s.node.SentTransactions(), "a refusal is not sent again")
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsRefused.WithLabelValues("StaleTimestamp")))
	require.Equal(t, 0.0, metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues("pars-tiny-rnn-v1")))
}

func TestSubmitRetriesTransportErrors(t *testing.T) {
	s := newSetup(t, 0, "")
	m := s.open(t, miner.Options{})
	s.node.FailHTTP(3)
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.NotNil(t, res.Reward)
	require.Equal(t, 3.0, metricValue(t, m.Metrics().TransportRetries))

	// More failures than tries: the job fails, unrefused.
	s.node.FailHTTP(100)
	_, err = m.MineOnce(t.Context())
	require.Error(t, err)
	_, refused := miner.IsRefusal(err)
	require.False(t, refused)
	require.Equal(t, 1.0, metricValue(t, m.Metrics().JobsFailed.WithLabelValues("chain")))
}

func TestSubmitResendsAfterReorg(t *testing.T) {
	s := newSetup(t, 0, "confirmations = 2")
	m := s.open(t, miner.Options{})
	s.node.AutoMine = true
	s.node.ReorgAfterNextReceipt()
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, m.Finality().Unconfirmed, "accepted, not final")
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	require.NoError(t, m.AwaitFinal(ctx))
	require.Equal(t, 2, s.node.SentTransactions(), "the vanished transaction was broadcast again")
	require.Equal(t, 1.0, metricValue(t, m.Metrics().Reorgs))
	require.Equal(t, miner.FinalityStats{Confirmed: 1, Resubmitted: 1}, m.Finality())
	require.Equal(t, expectedReward(t, res.Work.ComputeUnits), res.Reward)

	client := s.node.Client()
	defer client.Close()
	vals, err := miner.NewNodeClient(client).CallContract(t.Context(), callMsg(t, "totalPending"), nil)
	require.NoError(t, err)
	require.Equal(t, res.Reward, new(big.Int).SetBytes(vals), "held pending exactly once")
}

func TestSubmitResendsDroppedTransaction(t *testing.T) {
	s := newSetup(t, 0, `receipt_timeout = "30ms"`)
	m := s.open(t, miner.Options{})
	s.node.DropTx(1)
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, 2, s.node.SentTransactions())
	require.Zero(t, res.Resubmits, "the same signed transaction was broadcast again")
}

func TestRunMaxJobs(t *testing.T) {
	s := newSetup(t, 0, "concurrency = 2\nbatch_max_items = 1") // one proof per transaction
	m := s.open(t, miner.Options{MaxJobs: 3})
	require.NoError(t, m.Run(t.Context()))
	require.Equal(t, 3.0, metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues("pars-tiny-rnn-v1")))
	require.Equal(t, 3, s.node.SentTransactions())

	// Cancelling stops a run without an error.
	m2 := s.open(t, miner.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	require.NoError(t, m2.Run(ctx))
}

func TestOpenErrors(t *testing.T) {
	s := newSetup(t, 0, "")
	load := func(edit func(string) string) *miner.Config {
		text := edit(s.config(""))
		cfg, err := miner.ParseConfig([]byte(text), s.cfgPath)
		require.NoError(t, err)
		return cfg
	}
	tests := []struct {
		name    string
		edit    func(string) string
		opts    miner.Options
		wantErr string
		wantIs  error
	}{
		{"unreachable node", func(c string) string { return strings.Replace(c, s.url, "http://127.0.0.1:1", 1) }, miner.Options{}, "cannot reach the node at http://127.0.0.1:1", nil},
		{"other chain", func(c string) string { return strings.Replace(c, "chain_id = 6133", "chain_id = 96369", 1) }, miner.Options{}, "is on chain 6133, but network.chain_id is 96369", nil},
		{"wrong wallet passphrase", func(c string) string { return c }, miner.Options{WalletPassphrase: "nope"}, "wallet.json: wrong passphrase", miner.ErrWrongPassphrase},
		{"wrong gas passphrase", func(c string) string { return c }, miner.Options{GasPassphrase: "nope"}, "gas account " + s.gasAddr.Hex() + ": wrong passphrase", miner.ErrWrongPassphrase},
		{"missing wallet", func(c string) string { return strings.Replace(c, `"wallet.json"`, `"other.json"`, 1) }, miner.Options{}, "other.json does not exist", nil},
		{"missing passphrase file", func(c string) string { return strings.Replace(c, `"pass.txt"`, `"nope.txt"`, 1) }, miner.Options{}, "passphrase file", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := miner.Open(t.Context(), load(tt.edit), tt.opts)
			require.ErrorContains(t, err, tt.wantErr)
			if tt.wantIs != nil {
				require.ErrorIs(t, err, tt.wantIs)
			}
		})
	}
}

func TestServeMetrics(t *testing.T) {
	m := miner.NewMetrics()
	m.ProofsRefused.WithLabelValues("AlreadySpent").Inc()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	addr, err := miner.ServeMetrics(ctx, "127.0.0.1:0", m, nil)
	require.NoError(t, err)
	resp, err := http.Get("http://" + addr.String() + "/metrics")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	for _, name := range []string{
		`pars_miner_proofs_refused_total{reason="AlreadySpent"} 1`,
		"pars_miner_reward_wei_total 0",
		"pars_miner_rpc_retries_total",
		"go_goroutines",
	} {
		require.Contains(t, string(body), name)
	}
	_, err = miner.ServeMetrics(ctx, addr.String(), m, nil)
	require.ErrorContains(t, err, "metrics.listen")
}

// metricValue reads a counter or gauge.
func metricValue(t *testing.T, m prometheus.Metric) float64 {
	t.Helper()
	var out dto.Metric
	require.NoError(t, m.Write(&out))
	if c := out.GetCounter(); c != nil {
		return c.GetValue()
	}
	return out.GetGauge().GetValue()
}

// histogramCount reads a histogram's sample count.
func histogramCount(t *testing.T, m prometheus.Metric) uint64 {
	t.Helper()
	var out dto.Metric
	require.NoError(t, m.Write(&out))
	return out.GetHistogram().GetSampleCount()
}

func TestSubmitResendsAfterOutOfGas(t *testing.T) {
	s := newSetup(t, 0, "")
	m := s.open(t, miner.Options{})
	s.node.EstimatePercent = 50 // a gas limit of 62.5% of what is needed
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, res.Resubmits)
	require.Equal(t, 2, s.node.SentTransactions())
	require.Equal(t, 1.0, metricValue(t, m.Metrics().Resubmits))
	require.Equal(t, expectedReward(t, res.Work.ComputeUnits), res.Reward)
}

// chainStub answers ChainID and CodeAt; every other method panics.
type chainStub struct {
	miner.Chain
	id   int64
	code []byte
}

func (c chainStub) ChainID(context.Context) (*big.Int, error) { return big.NewInt(c.id), nil }
func (c chainStub) CodeAt(context.Context, common.Address, *big.Int) ([]byte, error) {
	return c.code, nil
}

func TestCheckChain(t *testing.T) {
	require.NoError(t, miner.CheckChain(t.Context(), chainStub{id: 6133, code: []byte{0xfe}}, "node", 6133))
	require.ErrorContains(t, miner.CheckChain(t.Context(), chainStub{id: 1, code: []byte{0xfe}}, "node", 6133), "the node at node is on chain 1, but network.chain_id is 6133")
	require.ErrorContains(t, miner.CheckChain(t.Context(), chainStub{id: 6133}, "node", 6133), "the IAIMining precompile is not active on chain 6133")
}

// TestSubmitFindsEarlierAcceptance: the node lags and shows no receipt, the
// rebroadcast finds the nonce used, the proof is built again and refused
// as AlreadySpent: the miner then finds the earlier acceptance.
func TestSubmitFindsEarlierAcceptance(t *testing.T) {
	s := newSetup(t, 0, `receipt_timeout = "20ms"`)
	m := s.open(t, miner.Options{})
	s.node.HideReceiptsAfterNextSend()
	before := s.node.Calls("eth_estimateGas")
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, res.Resubmits)
	require.Equal(t, before+2, s.node.Calls("eth_estimateGas"))
	require.Equal(t, 1, s.node.SentTransactions(), "the second build was refused before sending")
	require.Equal(t, expectedReward(t, res.Work.ComputeUnits), res.Reward)
	require.Equal(t, res.Work.WorkID, res.Accepted.WorkID)
}

// callMsg is an eth_call of a view of the precompile.
func callMsg(t *testing.T, method string, args ...any) ethereum.CallMsg {
	data, err := precompile.ABI().Pack(method, args...)
	require.NoError(t, err)
	to := precompile.Address
	return ethereum.CallMsg{To: &to, Data: data}
}

// TestMinerFinalizesAfterWindow: the miner queues each accepted proof and
// credits it with finalizeWork once the challenge window has passed; a
// restarted miner finds its pending work on chain.
func TestMinerFinalizesAfterWindow(t *testing.T) {
	s := newSetupWith(t, shortWindow(), 0, "finalize = false")
	m := s.open(t, miner.Options{})
	first, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	second, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	require.Zero(t, m.Pending(), "finalize = false queues nothing")

	// A miner that finalizes finds both on chain and credits them.
	cfg, err := miner.LoadConfig(s.cfgPath)
	require.NoError(t, err)
	on := true
	cfg.Mining.Finalize = &on
	m2, err := miner.Open(t.Context(), cfg, miner.Options{PollInterval: 2 * time.Millisecond, Backoff: fastBackoff()})
	require.NoError(t, err)
	t.Cleanup(m2.Close)
	n, err := m2.RecoverPending(t.Context(), 1000)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	s.node.MineEmpty() // the second one's window passes too
	credited, err := m2.FinalizeAll(t.Context())
	require.NoError(t, err)
	total := new(big.Int).Add(first.Reward, second.Reward)
	require.Equal(t, total, credited)
	require.Zero(t, m2.Pending())
	client := s.node.Client()
	defer client.Close()
	bal, err := miner.MiningBalance(t.Context(), miner.NewNodeClient(client), testBeneficiary)
	require.NoError(t, err)
	require.Equal(t, total, bal)

	// Mining on, it finalizes its own work after the window.
	third, err := m2.MineOnce(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, m2.Pending())
	s.node.MineEmpty()
	_, err = m2.MineOnce(t.Context()) // finalizes the third after its acceptance
	require.NoError(t, err)
	bal, err = miner.MiningBalance(t.Context(), miner.NewNodeClient(client), testBeneficiary)
	require.NoError(t, err)
	require.Equal(t, new(big.Int).Add(total, third.Reward), bal)
	require.Equal(t, new(big.Int).Add(total, third.Reward), m2.Stats().Finalized)
}

// TestAutoBond: an unbonded miner id with mining.auto_bond bonds the
// chain's minimum from the gas account when it starts mining; without it
// the miner warns and its proofs are refused NotBonded.
func TestAutoBond(t *testing.T) {
	s := newUnbondedSetup(t, "")
	m := s.open(t, miner.Options{MaxJobs: 1})
	require.Error(t, m.Run(t.Context()), "the proof is refused")
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsRefused.WithLabelValues("NotBonded")))

	s = newUnbondedSetup(t, "auto_bond = true")
	m = s.open(t, miner.Options{MaxJobs: 1})
	require.NoError(t, m.Run(t.Context()))
	require.Equal(t, 2, s.node.SentTransactions(), "the bond and the proof")
	client := s.node.Client()
	defer client.Close()
	b, err := miner.ReadBond(t.Context(), miner.NewNodeClient(client), s.key.Public().ID())
	require.NoError(t, err)
	require.Equal(t, s.gasAddr, b.Bonder)
	require.Equal(t, precompile.DefaultMinBond.ToBig(), b.Bonded)
	sent, err := m.EnsureBond(t.Context())
	require.NoError(t, err)
	require.Zero(t, sent.Sign(), "bonded enough already")
}

// newUnbondedSetup is newSetup on a chain where the miner id has no bond.
func newUnbondedSetup(t *testing.T, extraMining string) *setup {
	s := newSetup(t, 0, extraMining)
	node, err := minertest.New(testChainID, precompile.DefaultParams(testGovernance), uint64(time.Now().Unix()))
	require.NoError(t, err)
	url, stop := node.StartHTTP()
	t.Cleanup(stop)
	s.node, s.url = node, url
	require.NoError(t, os.WriteFile(s.cfgPath, []byte(s.config(extraMining)), 0o600))
	return s
}
