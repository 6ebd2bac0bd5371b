package nodetest

import (
	"crypto/ecdsa"
	"encoding/binary"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rlp"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"

	// 0x0300, as in pars-geth.
	_ "github.com/pars-network/aimining/evmpatch/register"
)

// Shape of the benchmark chains: benchBlocks blocks of benchGasLimit gas,
// filled with submitWorkProof transactions (one ML-DSA-65 proof each, every
// work id distinct), with submitWorkBatch transactions (benchBatchItems
// items under one ML-DSA-65 signature each, consecutive sequence numbers)
// or with plain ETH transfers to fresh accounts.
const (
	benchBlocks     = 4
	benchGasLimit   = 30_000_000
	benchProofGas   = 500_000 // gas limit of one submitWorkProof transaction
	benchBatchItems = 64
	benchBatchGas   = 1_200_000 // gas limit of one submitWorkBatch transaction
	benchGenesisAt  = 1_800_000_000
)

// benchChain is a generated chain, kept as RLP so that every import starts
// from freshly decoded blocks (no sender or hash caches carried over).
type benchChain struct {
	gspec *core.Genesis
	rlp   [][]byte
	txs   int
	gas   uint64
	items int // work items accepted (proofs, or batch items)
}

func (c *benchChain) blocks(b *testing.B) types.Blocks {
	out := make(types.Blocks, len(c.rlp))
	for i, enc := range c.rlp {
		out[i] = new(types.Block)
		if err := rlp.DecodeBytes(enc, out[i]); err != nil {
			b.Fatal(err)
		}
	}
	return out
}

var (
	benchOnce                           sync.Once
	benchProofs, benchBatches, benchETH *benchChain
	benchErr                            error
)

// benchGenesis is Pars with 0x0300 live at genesis and sender funded.
func benchGenesis(sender common.Address) (*core.Genesis, error) {
	p := precompile.DefaultParams(sender)
	// A thousand times the minimum bond: its 4% per epoch covers every
	// item of the batch blocks (6e14 wei each).
	bond := new(uint256.Int).Mul(precompile.DefaultMinBond, uint256.NewInt(1000))
	p.Bonds = []precompile.GenesisBond{{MinerID: benchKeyOrPanic().Public().ID(), Bonder: sender, Amount: bond}}
	return genesis.New(genesis.Options{
		ChainID: genesis.ParsChainID, Governance: sender, GasLimit: benchGasLimit, Timestamp: benchGenesisAt,
		Alloc:  types.GenesisAlloc{sender: {Balance: new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)}},
		Params: &p,
	})
}

// benchKeyOrPanic is the benchmark's ML-DSA-65 miner key, bonded at genesis.
func benchKeyOrPanic() *proof.PrivateKey {
	sk, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{0: 0xbe})
	if err != nil {
		panic(err)
	}
	return sk
}

// makeBenchChain generates benchBlocks full blocks, fill adding one
// transaction at a time while at least room gas is left in the block. Each
// transaction carries itemsPerTx work items.
func makeBenchChain(b *testing.B, room uint64, itemsPerTx int, fill func(key *ecdsa.PrivateKey, g *core.BlockGen, n int) *types.Transaction) *benchChain {
	key, _ := crypto.GenerateKey()
	gspec, err := benchGenesis(crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		b.Fatal(err)
	}
	var n int
	_, blocks, receipts := core.GenerateChainWithGenesis(gspec, beacon.New(ethash.NewFaker()), benchBlocks, func(i int, g *core.BlockGen) {
		for g.Gas() >= room {
			g.AddTx(fill(key, g, n))
			n++
		}
	})
	c := &benchChain{gspec: gspec, items: itemsPerTx * n}
	for i, blk := range blocks {
		for _, r := range receipts[i] {
			if r.Status != types.ReceiptStatusSuccessful {
				b.Fatalf("block %d: transaction %v failed", blk.NumberU64(), r.TxHash)
			}
		}
		enc, err := rlp.EncodeToBytes(blk)
		if err != nil {
			b.Fatal(err)
		}
		c.rlp = append(c.rlp, enc)
		c.txs += len(blk.Transactions())
		c.gas += blk.GasUsed()
	}
	return c
}

func setupBench(b *testing.B) {
	benchOnce.Do(func() {
		start := time.Now()
		sk := benchKeyOrPanic()
		chainID := big.NewInt(genesis.ParsChainID)
		tip, feeCap := big.NewInt(1), big.NewInt(1e11)
		benchProofs = makeBenchChain(b, benchProofGas, 1, func(key *ecdsa.PrivateKey, g *core.BlockGen, n int) *types.Transaction {
			p := &proof.AIWorkProof{
				Context: proof.WorkContext{
					ChainID: genesis.ParsChainID, JobID: proof.Hash{1}, ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.Hash{3},
					DeviceID: proof.Hash{4}, Timestamp: g.Timestamp() - 5,
				},
				Beneficiary:  payee,
				OutputHash:   proof.HashOutput([]byte("output")),
				InputTokens:  60,
				OutputTokens: 24,
			}
			binary.BigEndian.PutUint64(p.Context.Nonce[:], uint64(n)) // a distinct work id per proof
			if err := p.Sign(sk, true); err != nil {
				b.Fatal(err)
			}
			in, err := precompile.ABI().Pack("submitWorkProof", p.Encode(), []byte{})
			if err != nil {
				b.Fatal(err)
			}
			to := precompile.Address
			return types.MustSignNewTx(key, g.Signer(), &types.DynamicFeeTx{
				ChainID: chainID, Nonce: g.TxNonce(crypto.PubkeyToAddress(key.PublicKey)), To: &to,
				Gas: benchProofGas, GasTipCap: tip, GasFeeCap: feeCap, Data: in,
			})
		})
		benchBatches = makeBenchChain(b, benchBatchGas, benchBatchItems, func(key *ecdsa.PrivateKey, g *core.BlockGen, n int) *types.Transaction {
			items := make([]proof.BatchItem, benchBatchItems)
			for i := range items {
				seq := uint64(n*benchBatchItems + i)
				items[i] = proof.BatchItem{
					Seq: seq, JobID: proof.Hash{1}, ModelHash: precompile.BuiltinModel().Hash, InputHash: proof.Hash{3},
					DeviceID: proof.Hash{4}, Timestamp: g.Timestamp() - 5, OutputHash: proof.HashOutput([]byte("output")),
					InputTokens: 60, OutputTokens: 24,
				}
				binary.BigEndian.PutUint64(items[i].Nonce[:], seq)
			}
			h, err := proof.SignBatch(sk, genesis.ParsChainID, payee, items, true)
			if err != nil {
				b.Fatal(err)
			}
			in, err := precompile.ABI().Pack("submitWorkBatch", h.Encode(), proof.EncodeBatchItems(items))
			if err != nil {
				b.Fatal(err)
			}
			to := precompile.Address
			return types.MustSignNewTx(key, g.Signer(), &types.DynamicFeeTx{
				ChainID: chainID, Nonce: g.TxNonce(crypto.PubkeyToAddress(key.PublicKey)), To: &to,
				Gas: benchBatchGas, GasTipCap: tip, GasFeeCap: feeCap, Data: in,
			})
		})
		benchETH = makeBenchChain(b, params.TxGas, 0, func(key *ecdsa.PrivateKey, g *core.BlockGen, n int) *types.Transaction {
			to := common.BigToAddress(big.NewInt(int64(1_000_000 + n))) // a fresh account per transfer
			return types.MustSignNewTx(key, g.Signer(), &types.DynamicFeeTx{
				ChainID: chainID, Nonce: g.TxNonce(crypto.PubkeyToAddress(key.PublicKey)), To: &to,
				Gas: params.TxGas, GasTipCap: tip, GasFeeCap: feeCap, Value: big.NewInt(1),
			})
		})
		b.Logf("generated %d blocks of %d proofs, %d blocks of %d batches (%d items) and %d blocks of %d transfers in %v",
			benchBlocks, benchProofs.txs, benchBlocks, benchBatches.txs, benchBatches.items, benchBlocks, benchETH.txs,
			time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
}

// importOnce inserts c into a fresh in-memory chain and returns the time
// InsertChain took.
func importOnce(b *testing.B, c *benchChain) time.Duration {
	b.StopTimer()
	defer b.StartTimer()
	blocks := c.blocks(b)
	chain, err := core.NewBlockChain(rawdb.NewMemoryDatabase(), c.gspec, beacon.New(ethash.NewFaker()), core.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	defer chain.Stop()
	b.StartTimer()
	start := time.Now()
	n, err := chain.InsertChain(blocks)
	elapsed := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatalf("insert block %d: %v", blocks[n].NumberU64(), err)
	}
	return elapsed
}

// BenchmarkInsertChain imports, with the block processor (InsertChain,
// sender recovery, execution, state root, commit), benchBlocks full blocks
// of submitWorkProof transactions, benchBlocks full blocks of
// submitWorkBatch transactions and benchBlocks full blocks of plain
// transfers, in a rotating order in each iteration, and reports:
//
//	proofs/s            submitWorkProof transactions imported per second
//	proof-Mgas/s        gas of the proof blocks per second
//	items/s             batch items imported per second
//	batch-Mgas/s        gas of the batch blocks per second
//	transfer-Mgas/s     gas of the transfer blocks per second
//	transfers/s         transfers imported per second
//	Mgas/s-ratio        proof-Mgas/s ÷ transfer-Mgas/s (1 = proofs are priced
//	                    like transfers per unit of import time)
//	batch-Mgas/s-ratio  batch-Mgas/s ÷ transfer-Mgas/s
//	gas/proof-tx        gas of one submitWorkProof transaction (receipts)
//	gas/item            gas of one batch item: a batch transaction's gas
//	                    (receipts: base cost, calldata under the chain's
//	                    rules, execution) ÷ its items
//	items/block         batch items in a full block
//
// ns/op is the InsertChain time of one iteration (all three imports). The
// node's decoded-key cache is shared by every import, as in pars-geth: the
// bench miner is a repeat miner.
func BenchmarkInsertChain(b *testing.B) {
	setupBench(b)
	chains := []*benchChain{benchProofs, benchBatches, benchETH}
	times := make([]time.Duration, len(chains))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range chains {
			j := (i + k) % len(chains)
			times[j] += importOnce(b, chains[j])
		}
	}
	b.StopTimer()
	n := float64(b.N)
	mgas := func(k int) float64 { return float64(chains[k].gas) * n / times[k].Seconds() / 1e6 }
	b.ReportMetric(float64(benchProofs.txs)*n/times[0].Seconds(), "proofs/s")
	b.ReportMetric(mgas(0), "proof-Mgas/s")
	b.ReportMetric(float64(benchBatches.items)*n/times[1].Seconds(), "items/s")
	b.ReportMetric(mgas(1), "batch-Mgas/s")
	b.ReportMetric(float64(benchETH.txs)*n/times[2].Seconds(), "transfers/s")
	b.ReportMetric(mgas(2), "transfer-Mgas/s")
	b.ReportMetric(mgas(0)/mgas(2), "Mgas/s-ratio")
	b.ReportMetric(mgas(1)/mgas(2), "batch-Mgas/s-ratio")
	b.ReportMetric(float64(benchProofs.gas)/float64(benchProofs.txs), "gas/proof-tx")
	b.ReportMetric(float64(benchBatches.gas)/float64(benchBatches.items), "gas/item")
	b.ReportMetric(float64(benchBatches.items)/benchBlocks, "items/block")
}
