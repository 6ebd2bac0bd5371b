package miner_test

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/proof"
)

// headMovesChain answers the head as block 41 and records the state block
// that the gas estimate asks for; by then the chain's latest block is 42.
type headMovesChain struct {
	miner.Chain // methods the test does not reach panic on the nil interface
	stateBlock  uint64
	number      uint64
	time        uint64
}

var errStop = errors.New("stop after the estimate")

func (c *headMovesChain) HeaderByNumber(context.Context, *big.Int) (*types.Header, error) {
	return &types.Header{Number: big.NewInt(41), Time: 1_000, BaseFee: big.NewInt(1)}, nil
}

func (c *headMovesChain) EstimateGasInBlock(_ context.Context, _ ethereum.CallMsg, stateBlock, number, time uint64) (uint64, error) {
	c.stateBlock, c.number, c.time = stateBlock, number, time
	return 0, errStop
}

// The estimate of a proof's transaction runs on the state of the header
// its block override was computed from. On "latest", a block landing in
// between could hold an epoch that starts after the override's time, and
// the precompile refuses that call ("block time is before the current
// epoch's start"): the miner took such a refusal as final and lost the work.
func TestEstimateRunsOnTheHeadItReadTheTimeFrom(t *testing.T) {
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	chain := &headMovesChain{}
	s, err := miner.NewSubmitter(chain, key, miner.SubmitterConfig{ChainID: big.NewInt(6133)})
	require.NoError(t, err)
	_, err = s.Submit(context.Background(), []byte{1}, nil, proof.Hash{1}, 900)
	require.ErrorIs(t, err, errStop)
	require.Equal(t, uint64(41), chain.stateBlock, "state block of the estimate")
	require.Equal(t, uint64(42), chain.number, "block number override")
	require.Equal(t, uint64(1_001), chain.time, "block time override")
}
