package miner

import (
	"context"
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/precompile"
)

// MiningBalance returns the reward credited to addr, read with eth_call of
// miningBalance(address) on the latest block.
func MiningBalance(ctx context.Context, chain Chain, addr common.Address) (*big.Int, error) {
	return MiningBalanceAt(ctx, chain, addr, nil)
}

// MiningBalanceAt returns the reward credited to addr in the state after
// block number (the latest block when nil).
func MiningBalanceAt(ctx context.Context, chain Chain, addr common.Address, number *big.Int) (*big.Int, error) {
	return viewAt(ctx, chain, "miningBalance", iaimining.PackMiningBalance(addr), number, iaimining.UnpackMiningBalance)
}

// LogWindow is the number of blocks asked for in one eth_getLogs call by
// RecentAccepted (nodes limit the range of one query).
const LogWindow = 5000

// RecentAccepted returns the last n WorkAccepted events crediting
// beneficiary, newest first, looking back at most lookback blocks from the
// latest one. It filters on the indexed beneficiary topic. Accepted
// batches (WorkBatchAccepted) are listed among them, one entry per batch:
// WorkID is the batch id, Items its number of items, ComputeUnits and
// Reward its totals.
func RecentAccepted(ctx context.Context, chain Chain, beneficiary common.Address, n int, lookback uint64) ([]WorkAccepted, error) {
	if n <= 0 {
		return nil, nil
	}
	head, err := chain.BlockNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("read block number: %w", err)
	}
	oldest := uint64(0)
	if head > lookback {
		oldest = head - lookback
	}
	topics := [][]common.Hash{{workAcceptedEvent.ID, workBatchAcceptedEvent.ID}, nil, {common.BytesToHash(beneficiary[:])}}
	var out []WorkAccepted
	for to := head; ; {
		from := oldest
		if to-oldest >= LogWindow {
			from = to - LogWindow + 1
		}
		logs, err := chain.FilterLogs(ctx, ethereum.FilterQuery{
			FromBlock: new(big.Int).SetUint64(from),
			ToBlock:   new(big.Int).SetUint64(to),
			Addresses: []common.Address{precompile.Address},
			Topics:    topics,
		})
		if err != nil {
			return nil, fmt.Errorf("eth_getLogs %d..%d: %w", from, to, err)
		}
		var batch []WorkAccepted
		for i := range logs {
			if logs[i].Removed {
				continue
			}
			ev, err := ParseWorkAccepted(&logs[i])
			if b, berr := ParseWorkBatchAccepted(&logs[i]); berr == nil {
				ev, err = b.AsWorkAccepted(), nil
			}
			if err != nil {
				continue
			}
			if ev.Beneficiary != beneficiary {
				continue
			}
			batch = append(batch, *ev)
		}
		slices.Reverse(batch) // logs come oldest first
		out = append(out, batch...)
		if len(out) >= n || from == oldest {
			break
		}
		to = from - 1
	}
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}
