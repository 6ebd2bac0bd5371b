package miner_test

import (
	"bytes"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// auditParams are the default parameters with short audit windows (seed 1
// block, reveal 3, challenge window 6) and sampling pBps.
func auditParams(pBps uint16) precompile.Params {
	p := precompile.DefaultParams(testGovernance)
	p.AuditProbabilityBps = pBps
	p.AuditDelay, p.RevealWindow, p.ChallengeWindow, p.VoteCommitWindow, p.VoteRevealWindow = 1, 3, 6, 1, 1
	p.UnbondingDelay = p.LongestAudit() + 1
	return p
}

func workStatus(t *testing.T, s *setup, id proof.Hash) uint8 {
	t.Helper()
	client := s.node.Client()
	defer client.Close()
	r, err := miner.ReadPendingWork(t.Context(), miner.NewNodeClient(client), id)
	require.NoError(t, err)
	return r.Status
}

// TestMinerRevealsSelectedWork: every proof is sampled; the miner reveals
// each once its seed is known (the chain re-executes it and clears it),
// keeps what it needs on disk beside its wallet, and is paid after the
// window. A miner restarted before the reveal reveals from the kept files.
func TestMinerRevealsSelectedWork(t *testing.T) {
	s := newSetupWith(t, auditParams(proof.BasisPoints), 0, "")
	m := s.open(t, miner.Options{})
	first, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	kept, err := os.ReadDir(filepath.Join(s.dir, "reveals"))
	require.NoError(t, err)
	require.Len(t, kept, 1, "the job is kept beside the wallet")

	// Restarted before the seed is known: the new miner reveals it.
	m.Close()
	m2 := s.open(t, miner.Options{})
	second, err := m2.MineOnce(t.Context())
	require.NoError(t, err)
	// A block at a time, as its polls see them.
	for range 3 {
		s.node.MineEmpty()
		_, err := m2.RevealDue(t.Context(), s.node.Head().Number.Uint64())
		require.NoError(t, err)
	}
	for _, r := range []*miner.Result{first, second} {
		require.Equal(t, uint8(6), workStatus(t, s, r.Work.WorkID), "cleared by re-execution")
	}
	for range 6 {
		s.node.MineEmpty()
	}
	_, err = m2.RecoverPending(t.Context(), 1000) // the first miner's work too
	require.NoError(t, err)
	credited, err := m2.FinalizeAll(t.Context())
	require.NoError(t, err)
	require.Equal(t, new(big.Int).Add(first.Reward, second.Reward), credited)
	kept, err = os.ReadDir(filepath.Join(s.dir, "reveals"))
	require.NoError(t, err)
	require.Empty(t, kept, "finalized work is no longer kept")
}

// TestMinerRevealsChallengedWork: unsampled work challenged by a watcher is
// revealed as soon as the miner sees the AuditOpened log, and paid; the
// watcher's bond goes to the beneficiary.
func TestMinerRevealsChallengedWork(t *testing.T) {
	s := newSetupWith(t, auditParams(0), 0, "")
	m := s.open(t, miner.Options{})
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	client := s.node.Client()
	defer client.Close()
	nc := miner.NewNodeClient(client)
	wk, err := crypto.ToECDSA(bytes.Repeat([]byte{0x55}, 32))
	require.NoError(t, err)
	watcher, err := miner.NewSubmitter(nc, wk, miner.SubmitterConfig{ChainID: big.NewInt(testChainID), PollInterval: time.Millisecond})
	require.NoError(t, err)
	data, err := precompile.ABI().Pack("challenge", [32]byte(res.Work.WorkID))
	require.NoError(t, err)
	_, err = watcher.TransactValue(t.Context(), data, precompile.DefaultChallengeBond.ToBig(), "challenge")
	require.NoError(t, err)
	require.Equal(t, uint8(4), workStatus(t, s, res.Work.WorkID))

	sent, err := m.RevealDue(t.Context(), s.node.Head().Number.Uint64())
	require.NoError(t, err)
	require.Equal(t, 1, sent)
	sent, err = m.RevealDue(t.Context(), s.node.Head().Number.Uint64()-1) // a poll that sees no new block
	require.NoError(t, err)
	require.Zero(t, sent)
	require.Equal(t, uint8(6), workStatus(t, s, res.Work.WorkID))
	coin, err := nc.BalanceAt(t.Context(), testBeneficiary, nil)
	require.NoError(t, err)
	require.Equal(t, precompile.DefaultChallengeBond.ToBig(), coin, "the challenge bond")
	for range 6 {
		s.node.MineEmpty()
	}
	credited, err := m.FinalizeAll(t.Context())
	require.NoError(t, err)
	require.Equal(t, res.Reward, credited)
}

// TestMinerRevealsChallengedBatch: on a chain that samples nothing, a
// watcher challenges the miner's batch. The item to reveal is picked by
// the seed of blocks after the challenge, so the miner's first look (at
// the AuditOpened log) is too early; it asks again at each poll and
// reveals the picked item once the seed is known: the batch is cleared
// and the watcher's bond goes to the beneficiary.
func TestMinerRevealsChallengedBatch(t *testing.T) {
	s := newSetupWith(t, auditParams(0), 0, "batch_max_items = 3\nbatch_max_age = \"1m\"\nfinalize = false")
	m, logs, err := runLogged(t, s, miner.Options{MaxJobs: 3})
	require.NoError(t, err, logs)
	batches := logLines(t, logs, "batch accepted")
	require.Len(t, batches, 1, logs)
	id := proof.Hash(hexBytes(t, batches[0]["batch_id"].(string)))
	client := s.node.Client()
	defer client.Close()
	nc := miner.NewNodeClient(client)
	wk, err := crypto.ToECDSA(bytes.Repeat([]byte{0x56}, 32))
	require.NoError(t, err)
	watcher, err := miner.NewSubmitter(nc, wk, miner.SubmitterConfig{ChainID: big.NewInt(testChainID), PollInterval: time.Millisecond})
	require.NoError(t, err)
	data, err := precompile.ABI().Pack("challenge", [32]byte(id))
	require.NoError(t, err)
	_, err = watcher.TransactValue(t.Context(), data, precompile.DefaultChallengeBond.ToBig(), "challenge")
	require.NoError(t, err)
	require.Equal(t, uint8(4), workStatus(t, s, id))

	sent, err := m.RevealDue(t.Context(), s.node.Head().Number.Uint64())
	require.NoError(t, err)
	require.Zero(t, sent, "the item is not picked before the challenge's seed exists")
	for range 2 {
		s.node.MineEmpty()
		_, err = m.RevealDue(t.Context(), s.node.Head().Number.Uint64())
		require.NoError(t, err)
	}
	require.Equal(t, uint8(6), workStatus(t, s, id), "revealed and cleared")
	coin, err := nc.BalanceAt(t.Context(), testBeneficiary, nil)
	require.NoError(t, err)
	require.Equal(t, precompile.DefaultChallengeBond.ToBig(), coin, "the challenge bond")
}
