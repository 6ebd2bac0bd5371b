package miner_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/stretchr/testify/require"
)

// takeNonce makes the node drop the head block (the reorganisation that
// ReorgAfterNextReceipt scheduled) and fills the gas account's freed nonce
// with another transaction, so that the miner's dropped transaction can
// never be included again.
func takeNonce(t *testing.T, s *setup) {
	t.Helper()
	client := s.node.Client()
	defer client.Close()
	nc := miner.NewNodeClient(client)
	_, err := nc.BlockNumber(t.Context()) // the scheduled reorganisation happens here
	require.NoError(t, err)
	nonce, err := nc.PendingNonceAt(t.Context(), s.gasAddr)
	require.NoError(t, err)
	data, err := precompile.ABI().Pack("miningBalance", testBeneficiary)
	require.NoError(t, err)
	to := precompile.Address
	tx, err := types.SignNewTx(s.gasKey, types.LatestSignerForChainID(big.NewInt(testChainID)), &types.DynamicFeeTx{
		ChainID: big.NewInt(testChainID), Nonce: nonce, GasTipCap: minertest.TipCap,
		GasFeeCap: new(big.Int).Mul(minertest.BaseFee, big.NewInt(3)), Gas: 100_000, To: &to, Data: data,
	})
	require.NoError(t, err)
	require.NoError(t, nc.SendTransaction(t.Context(), tx))
}

func totalPending(t *testing.T, s *setup) *big.Int {
	t.Helper()
	client := s.node.Client()
	defer client.Close()
	out, err := miner.NewNodeClient(client).CallContract(t.Context(), callMsg(t, "totalPending"), nil)
	require.NoError(t, err)
	return new(big.Int).SetBytes(out)
}

// TestReorgedProofGoesInANewTransaction: a reorganisation drops the block
// holding an accepted proof and another transaction takes its nonce. The
// miner finds the proof out of the chain, sends the work in a new
// transaction, and the chain holds it pending exactly once.
func TestReorgedProofGoesInANewTransaction(t *testing.T) {
	s := newSetup(t, 0, "")
	m := s.open(t, miner.Options{})
	s.node.ReorgAfterNextReceipt()
	res, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	takeNonce(t, s)

	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	require.NoError(t, m.AwaitFinal(ctx))
	require.Equal(t, miner.FinalityStats{Confirmed: 1, Resubmitted: 1}, m.Finality())
	require.Equal(t, 3, s.node.SentTransactions(), "the proof, the transaction that took its nonce, the proof again")
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsResubmitted))
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsConfirmed))
	require.Equal(t, 0.0, metricValue(t, m.Metrics().ProofsUnconfirmed))
	require.Equal(t, res.Reward, totalPending(t, s), "held pending exactly once")
}

// TestReorgedProofPastItsWindowIsLost: when the reorganisation is noticed
// only after the proof's time window closed, the chain would refuse it: the
// miner drops it, counted as lost, and sends nothing.
func TestReorgedProofPastItsWindowIsLost(t *testing.T) {
	s := newSetup(t, 0, "")
	m := s.open(t, miner.Options{})
	s.node.ReorgAfterNextReceipt()
	_, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	takeNonce(t, s)
	late := time.Now().Add(time.Duration(precompile.DefaultParams(testGovernance).TimeWindowPast+60) * time.Second)
	s.node.Clock = func() time.Time { return late }
	s.node.MineEmpty()

	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	require.NoError(t, m.AwaitFinal(ctx))
	require.Equal(t, miner.FinalityStats{Lost: 1}, m.Finality())
	require.Equal(t, 2, s.node.SentTransactions(), "nothing sent after the window closed")
	require.Equal(t, 1.0, metricValue(t, m.Metrics().ProofsLost))
	require.Zero(t, totalPending(t, s).Sign())
}

// TestProofFinalAtDepth: with confirmations = 3 a proof is final once two
// more blocks follow its block, not before; while no block comes, a check
// costs one header.
func TestProofFinalAtDepth(t *testing.T) {
	s := newSetup(t, 0, "confirmations = 3")
	m := s.open(t, miner.Options{})
	_, err := m.MineOnce(t.Context())
	require.NoError(t, err)
	n, err := m.CheckFinality(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	// No new block: a pass asks for no receipt and no block but the head
	// and the final one.
	receipts, blocks := s.node.Calls("eth_getTransactionReceipt"), s.node.Calls("eth_getBlockByNumber")
	n, err = m.CheckFinality(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.Equal(t, receipts, s.node.Calls("eth_getTransactionReceipt"))
	require.Equal(t, blocks+1, s.node.Calls("eth_getBlockByNumber"))
	s.node.MineEmpty()
	n, err = m.CheckFinality(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, n, "two blocks deep")
	s.node.MineEmpty()
	n, err = m.CheckFinality(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "three blocks deep")
	require.Equal(t, miner.FinalityStats{Confirmed: 1}, m.Finality())
}
