package audit_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"fmt"
	"math/big"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/audit/logprob"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// actors are the accounts of an acting-daemon test: governance, the
// watcher (which sends the daemon's transactions) and the miner's gas
// account.
type actors struct {
	c       *chain
	gov     *miner.Submitter
	watcher *miner.Submitter
	waddr   common.Address
}

func ecKey(t *testing.T, b byte) *ecdsa.PrivateKey {
	k, err := crypto.ToECDSA(bytes.Repeat([]byte{b}, 32))
	require.NoError(t, err)
	return k
}

// newActChain is newChain with parameters p (governance: a key of the
// test's) and submitters for governance and the watcher.
func newActChain(t *testing.T, edit func(p *precompile.Params)) *actors {
	t.Helper()
	govKey, watchKey := ecKey(t, 0x61), ecKey(t, 0x62)
	p := precompile.DefaultParams(crypto.PubkeyToAddress(govKey.PublicKey))
	p.AuditDelay, p.RevealWindow, p.ChallengeWindow, p.VoteCommitWindow, p.VoteRevealWindow = 1, 3, 10, 2, 2
	p.UnbondingDelay = p.LongestAudit() + 1
	edit(&p)
	node, err := minertest.New(testChainID, p, uint64(time.Now().Unix()))
	require.NoError(t, err)
	client := miner.NewNodeClient(node.Client())
	t.Cleanup(client.Close)
	sub := func(k *ecdsa.PrivateKey) *miner.Submitter {
		s, err := miner.NewSubmitter(client, k, miner.SubmitterConfig{ChainID: big.NewInt(testChainID), PollInterval: time.Millisecond})
		require.NoError(t, err)
		return s
	}
	var seed [proof.SeedSize]byte
	copy(seed[:], "audit act test key")
	key, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	require.NoError(t, err)
	require.NoError(t, node.Bond([32]byte(key.Public().ID()), precompile.DefaultMinBond.ToBig()))
	c := &chain{node: node, client: client, sub: sub(ecKey(t, 0x42)), key: key, backend: miner.NewBuiltinBackend(16)}
	return &actors{c: c, gov: sub(govKey), watcher: sub(watchKey), waddr: crypto.PubkeyToAddress(watchKey.PublicKey)}
}

func (a *actors) daemon(t *testing.T, p audit.Params, reveals audit.RevealSource, checker *logprob.Checker) (*audit.Daemon, *bytes.Buffer) {
	w, err := audit.NewWatcher(context.Background(), a.c.client, p, 1)
	require.NoError(t, err)
	var findings bytes.Buffer
	return &audit.Daemon{Watcher: w, Reveals: reveals, Checker: checker, RevealWindow: 64, Findings: &findings, Sender: a.watcher}, &findings
}

func tx(t *testing.T, s *miner.Submitter, value *big.Int, method string, args ...any) {
	t.Helper()
	data, err := precompile.ABI().Pack(method, args...)
	require.NoError(t, err)
	_, err = s.TransactValue(context.Background(), data, value, method)
	require.NoError(t, err)
}

// runUntil steps the daemon, one new block a step, until done holds.
func runUntil(t *testing.T, a *actors, d *audit.Daemon, steps int, done func() bool) {
	t.Helper()
	for range steps {
		_, err := d.Step(context.Background())
		require.NoError(t, err)
		if done() {
			return
		}
		a.c.mineEmpty(1)
	}
	t.Fatal("the daemon did not get there")
}

func bondOf(t *testing.T, c *chain, id proof.Hash) *big.Int {
	b, err := miner.ReadBond(context.Background(), c.client, id)
	require.NoError(t, err)
	return new(big.Int).Add(b.Bonded, b.Unbonding)
}

// TestDaemonSettlesUnrevealedWork: the daemon opens the audit of selected
// work (markSelected) and, when its miner lets the reveal deadline pass,
// settles it: the miner is slashed.
func TestDaemonSettlesUnrevealedWork(t *testing.T) {
	a := newActChain(t, func(p *precompile.Params) { p.AuditProbabilityBps = proof.BasisPoints })
	d, findings := a.daemon(t, audit.Params{Delay: 1, ProbabilityBps: proof.BasisPoints}, nil, nil)
	work, _ := a.c.mineWith(t, cheater{miner.NewBuiltinBackend(16)}, "Why is the sky blue?")
	runUntil(t, a, d, 20, func() bool { return bondOf(t, a.c, a.c.key.Public().ID()).Sign() == 0 })
	st, err := audit.ReadAuditState(context.Background(), a.c.client, work.WorkID)
	require.NoError(t, err)
	require.Equal(t, audit.StatusSlashed, st.Status)
	require.Contains(t, findings.String(), `"status":"slashed"`)
	require.Contains(t, findings.String(), hex.EncodeToString(work.WorkID[:]))
}

// TestDaemonSettlesUnrevealedBatch: a batch is drawn as one piece of work
// under its batch id (WorkBatchAccepted); the daemon follows batches as it
// follows single proofs, opens the audit of a selected batch and, when its
// miner never reveals the picked item, settles it: the miner is slashed.
// (A watcher that followed only WorkAccepted left such a batch unsettled,
// and its miner could unbond.)
func TestDaemonSettlesUnrevealedBatch(t *testing.T) {
	a := newActChain(t, func(p *precompile.Params) { p.AuditProbabilityBps = proof.BasisPoints })
	d, findings := a.daemon(t, audit.Params{Delay: 1, ProbabilityBps: proof.BasisPoints}, nil, nil)
	ctx := context.Background()
	head := a.c.node.Head()
	var items []proof.BatchItem
	for i := range 3 {
		work, err := miner.Prove(ctx, cheater{miner.NewBuiltinBackend(16)}, a.c.key, miner.Job{
			ID: proof.DomainInput.Sum([]byte(fmt.Sprint("batch job ", i))), Model: builtin.Name, Input: []byte(fmt.Sprint("made up ", i)),
		}, miner.ProveParams{
			ChainID: testChainID, Beneficiary: testBeneficiary,
			Device:    miner.Device{Name: "cpu", ID: miner.DeviceID("builtin", "cpu")},
			Timestamp: miner.WorkTimestamp(head.Time, time.Now()),
		})
		require.NoError(t, err)
		p := work.Proof
		items = append(items, proof.NewBatchItem(uint64(i+1), &p.Context, p.OutputHash, p.InputTokens, p.OutputTokens))
	}
	h, err := proof.SignBatch(a.c.key, testChainID, testBeneficiary, items, false)
	require.NoError(t, err)
	acc, err := a.c.sub.SubmitBatch(ctx, h, items)
	require.NoError(t, err)
	runUntil(t, a, d, 20, func() bool { return bondOf(t, a.c, a.c.key.Public().ID()).Sign() == 0 })
	st, err := audit.ReadAuditState(ctx, a.c.client, acc.BatchID)
	require.NoError(t, err)
	require.Equal(t, audit.StatusSlashed, st.Status)
	require.Contains(t, findings.String(), hex.EncodeToString(acc.BatchID[:]))
}

// TestDaemonChallengesFabricatedWork: work the seed did not select, whose
// reveal (here from a reveal directory, as a gateway would keep it) does
// not survive re-execution, is challenged; its miner cannot reveal
// anything that matches, is slashed, and the watcher earns its bond back
// and the bounty.
func TestDaemonChallengesFabricatedWork(t *testing.T) {
	a := newActChain(t, func(p *precompile.Params) { p.AuditProbabilityBps = 0 })
	dir := t.TempDir()
	d, _ := a.daemon(t, audit.Params{Delay: 1, ProbabilityBps: 0}, audit.RevealDir(dir), nil)
	honest, _ := a.c.mine(t, "What is the capital of France?")
	cheat, _ := a.c.mineWith(t, cheater{miner.NewBuiltinBackend(16)}, "Why is the sky blue?")
	writeReveal(t, dir, honest.WorkID, revealOf(honest))
	writeReveal(t, dir, cheat.WorkID, revealOf(cheat))
	ctx := context.Background()
	before, err := a.c.client.BalanceAt(ctx, a.waddr, nil)
	require.NoError(t, err)
	runUntil(t, a, d, 20, func() bool { return bondOf(t, a.c, a.c.key.Public().ID()).Sign() == 0 })
	st, err := audit.ReadAuditState(ctx, a.c.client, cheat.WorkID)
	require.NoError(t, err)
	require.Equal(t, audit.StatusSlashed, st.Status)
	require.Equal(t, a.waddr, st.Challenger)
	hs, err := audit.ReadAuditState(ctx, a.c.client, honest.WorkID)
	require.NoError(t, err)
	require.NotEqual(t, uint8(2), hs.Kind, "honest work is not challenged")
	after, err := a.c.client.BalanceAt(ctx, a.waddr, nil)
	require.NoError(t, err)
	bounty := new(big.Int).Div(new(big.Int).Mul(precompile.DefaultMinBond.ToBig(), big.NewInt(precompile.DefaultChallengerRewardBps)), big.NewInt(10000))
	// minertest funds the value a transaction sends (and charges no gas), so
	// the watcher ends up with the bounty and the bond it got back.
	require.Equal(t, new(big.Int).Add(bounty, precompile.DefaultChallengeBond.ToBig()), new(big.Int).Sub(after, before))
}

// TestDaemonVotesInCommittee: the daemon's account is a staked verifier;
// drawn into the committee of revealed committee-model work, it judges the
// revealed output on its own back-end (here the built-in model served over
// HTTP stands in for a large model), commits its verdict, reveals it, and
// settles: honest work is cleared, a made-up output slashed.
func TestDaemonVotesInCommittee(t *testing.T) {
	srv := httptest.NewServer(openaiserver.New(nil))
	t.Cleanup(srv.Close)
	client, err := openai.NewClient(srv.URL, openai.Options{})
	require.NoError(t, err)
	checker, err := logprob.NewChecker(client, builtin.Name, logprob.DefaultThresholds)
	require.NoError(t, err)
	large := proof.Hash{0x1a, 0x2e}
	for _, tc := range []struct {
		name   string
		fake   bool
		status uint8
	}{{"honest", false, audit.StatusCleared}, {"made up", true, audit.StatusSlashed}} {
		t.Run(tc.name, func(t *testing.T) {
			a := newActChain(t, func(p *precompile.Params) {
				p.AuditProbabilityBps, p.CommitteeSize = proof.BasisPoints, 1
				p.Models = append(p.Models, precompile.ModelSpec{Hash: large, Parameters: 1_000_000_000, Tokenizer: precompile.TokenizerBytes,
					BytesPerToken: 1, MaxInputTokens: 4096, MaxOutputTokens: 4096, Verifier: precompile.VerifierCommittee})
			})
			ctx := context.Background()
			tx(t, a.gov, nil, "setVerifierAdmitted", a.waddr, true)
			tx(t, a.watcher, precompile.DefaultMinVerifierStake.ToBig(), "registerVerifier")
			d, _ := a.daemon(t, audit.Params{Delay: 1, ProbabilityBps: proof.BasisPoints}, nil, checker)
			d.Verifier = a.waddr

			r := builtinReveal(t, "Why is the sky blue?", 32, large)
			if tc.fake {
				r = lie(r, "Because of Rayleigh scattering.!")
			}
			head := a.c.node.Head()
			wp := &proof.AIWorkProof{
				Context: proof.WorkContext{ChainID: testChainID, JobID: proof.Hash{0x10}, ModelHash: large, InputHash: r.Claim.InputHash,
					DeviceID: proof.Hash{1}, Nonce: proof.Hash{2}, Timestamp: head.Time},
				Beneficiary: testBeneficiary, OutputHash: r.Claim.OutputHash,
				InputTokens: uint32(len(r.Input)), OutputTokens: uint32(len(r.Output)),
			}
			require.NoError(t, wp.Sign(a.c.key, false))
			_, err := a.c.sub.Submit(ctx, wp.Encode(), nil, wp.WorkID(), wp.Context.Timestamp)
			require.NoError(t, err)
			a.c.mineEmpty(2)
			tx(t, a.c.sub, nil, "reveal", [32]byte(wp.WorkID()), wp.Encode(), r.Input, r.Output)

			runUntil(t, a, d, 30, func() bool {
				st, err := audit.ReadAuditState(ctx, a.c.client, wp.WorkID())
				require.NoError(t, err)
				return st.Status != audit.StatusVoting && st.Status != audit.StatusAudited
			})
			st, err := audit.ReadAuditState(ctx, a.c.client, wp.WorkID())
			require.NoError(t, err)
			require.Equal(t, tc.status, st.Status)
			v, err := precompileView(ctx, a.c.client, "committeeOf", [32]byte(wp.WorkID()))
			require.NoError(t, err)
			require.Equal(t, []common.Address{a.waddr}, v[0])
			require.Equal(t, []uint8{2}, v[1], "the daemon committed and revealed its vote")
		})
	}
}

func precompileView(ctx context.Context, c *miner.NodeClient, method string, args ...any) ([]any, error) {
	data, err := precompile.ABI().Pack(method, args...)
	if err != nil {
		return nil, err
	}
	to := precompile.Address
	out, err := c.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		return nil, err
	}
	return precompile.ABI().Unpack(method, out)
}
