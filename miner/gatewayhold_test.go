package miner_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/stretchr/testify/require"
)

// TestHeldProofsSentOnceGatewayRegistered: while the gateway's key is not
// registered the chain refuses every proof of its tickets with
// UnknownGateway. The miner holds them (one log line for the gateway, none
// per proof) and sends them once governance registers the gateway; all are
// accepted, none is refused or lost.
func TestHeldProofsSentOnceGatewayRegistered(t *testing.T) {
	s := newUnregisteredGatewaySetup(t)
	g, addr := s.startGateway(t, "127.0.0.1:0", 30*time.Second)
	logs := &logRecorder{}
	m := s.runMinerWith(t, addr, miner.Options{Logger: slog.New(logs), GatewayPollInterval: 20 * time.Millisecond})
	waitMiner(t, g, m.MinerID(), 2)

	const jobs = 3
	for i := range jobs {
		_, err := g.Do(t.Context(), gateway.Request{Kind: gateway.LLMInference, Model: builtin.Name, Input: []byte{'q', byte('0' + i)}, MaxTokens: 16})
		require.NoError(t, err, "the client is answered while the proof waits")
	}
	require.Eventually(t, func() bool { return metricValue(t, m.Metrics().ProofsHeld) == jobs }, 15*time.Second, 10*time.Millisecond)
	time.Sleep(100 * time.Millisecond) // a few status reads while held
	require.Equal(t, 1, logs.count("gateway not registered on chain"), "one line for the gateway, not one per proof")
	require.Zero(t, logs.count("proof refused"))
	require.Zero(t, s.node.SentTransactions(), "refused at estimation: nothing sent")

	s.register(t)
	require.Eventually(t, func() bool {
		return metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues(builtin.Name)) == jobs
	}, 15*time.Second, 10*time.Millisecond)
	require.Equal(t, 0.0, metricValue(t, m.Metrics().ProofsHeld))
	require.Equal(t, 1, logs.count("gateway registered on chain: sending its held proofs"))
	require.Zero(t, logs.count("proof refused"))
	require.Equal(t, 2+jobs, s.node.SentTransactions(), "the registration, the budget and each proof once")
}

// TestHeldProofsExpire: held proofs whose time window (here their tickets'
// expiry) closes before the gateway is registered are dropped, logged once
// per status read rather than per proof, and counted.
func TestHeldProofsExpire(t *testing.T) {
	s := newUnregisteredGatewaySetup(t)
	g, addr := s.startGatewayTTL(t, "127.0.0.1:0", 30*time.Second, time.Second)
	logs := &logRecorder{}
	m := s.runMinerWith(t, addr, miner.Options{Logger: slog.New(logs), GatewayPollInterval: 20 * time.Millisecond})
	waitMiner(t, g, m.MinerID(), 2)
	for i := range 2 {
		_, err := g.Do(t.Context(), gateway.Request{Kind: gateway.LLMInference, Model: builtin.Name, Input: []byte{'e', byte('0' + i)}, MaxTokens: 16})
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool { return metricValue(t, m.Metrics().ProofsHeldExpired) == 2 }, 15*time.Second, 10*time.Millisecond)
	require.Equal(t, 0.0, metricValue(t, m.Metrics().ProofsHeld))
	require.Eventually(t, func() bool {
		return metricValue(t, m.Metrics().JobsFailed.WithLabelValues("gateway_unregistered")) == 2
	},
		5*time.Second, 10*time.Millisecond, "each dropped proof ends its job")
	require.Equal(t, 1, logs.count("gateway not registered on chain"))
	dropped := logs.count("dropped held proofs whose time window closed")
	require.True(t, dropped == 1 || dropped == 2, "one line per status read that dropped proofs, got %d", dropped)
	require.Zero(t, logs.count("proof refused"))
	require.Zero(t, logs.count("job failed"))
	require.Zero(t, s.node.SentTransactions())
}

// TestHeldProofsWaitForTheGatewayBudget: governance registers the gateway
// and sets its budget in two transactions. A held proof sent between them
// is refused with GatewayBudgetExhausted; the miner keeps trying within the
// window instead of giving it up, and the proof is accepted once the budget
// is set.
func TestHeldProofsWaitForTheGatewayBudget(t *testing.T) {
	s := newUnregisteredGatewaySetup(t)
	g, addr := s.startGateway(t, "127.0.0.1:0", 30*time.Second)
	logs := &logRecorder{}
	m := s.runMinerWith(t, addr, miner.Options{Logger: slog.New(logs), GatewayPollInterval: 20 * time.Millisecond})
	waitMiner(t, g, m.MinerID(), 2)
	_, err := g.Do(t.Context(), gateway.Request{Kind: gateway.LLMInference, Model: builtin.Name, Input: []byte("budget"), MaxTokens: 16})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return metricValue(t, m.Metrics().ProofsHeld) == 1 }, 15*time.Second, 10*time.Millisecond)

	s.registerKey(t)
	require.Eventually(t, func() bool { return logs.count("gateway registered on chain: sending its held proofs") == 1 }, 15*time.Second, 10*time.Millisecond)
	time.Sleep(200 * time.Millisecond) // tries while the budget is 0
	require.Zero(t, logs.count("proof refused"))
	require.Zero(t, metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues(builtin.Name)))

	s.setBudget(t)
	require.Eventually(t, func() bool {
		return metricValue(t, m.Metrics().ProofsAccepted.WithLabelValues(builtin.Name)) == 1
	}, 15*time.Second, 10*time.Millisecond)
	require.Zero(t, logs.count("proof refused"))
	require.Zero(t, metricValue(t, m.Metrics().ProofsHeldExpired))
}
