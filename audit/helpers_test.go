package audit_test

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/minertest"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

const testChainID = 6133

var testBeneficiary = common.HexToAddress("0x8ba1f109551bD432803012645Ac136ddd64DBA72")

// chain is a minertest node (the real precompile behind go-ethereum's RPC
// server, in process) with a miner that proves built-in work and submits it.
type chain struct {
	node    *minertest.Node
	client  *miner.NodeClient
	sub     *miner.Submitter
	key     *proof.PrivateKey
	backend miner.Backend
	jobs    int
}

// cheater claims to run the built-in model and returns made-up text.
type cheater struct{ *miner.BuiltinBackend }

func (cheater) Infer(context.Context, string, []byte) ([]byte, error) {
	return []byte("The answer is 42, trust me."), nil
}

func newChain(t *testing.T) *chain {
	t.Helper()
	var seed [proof.SeedSize]byte
	copy(seed[:], "audit test key")
	key, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	require.NoError(t, err)
	params := precompile.DefaultParams(common.Address{0xaa})
	// The test miner is bonded from genesis: unbonded work earns nothing.
	params.Bonds = []precompile.GenesisBond{{MinerID: key.Public().ID(), Bonder: common.Address{0xbb}, Amount: precompile.DefaultMinBond.Clone()}}
	node, err := minertest.New(testChainID, params, uint64(time.Now().Unix()))
	require.NoError(t, err)
	client := miner.NewNodeClient(node.Client())
	t.Cleanup(client.Close)
	gasKey, err := crypto.ToECDSA(bytes.Repeat([]byte{0x42}, 32))
	require.NoError(t, err)
	sub, err := miner.NewSubmitter(client, gasKey, miner.SubmitterConfig{ChainID: big.NewInt(testChainID), PollInterval: time.Millisecond})
	require.NoError(t, err)
	return &chain{node: node, client: client, sub: sub, key: key, backend: miner.NewBuiltinBackend(16)}
}

// mine proves a built-in job on input and submits it; it returns the work
// and the block that accepted it.
func (c *chain) mine(t *testing.T, input string) (*miner.Work, uint64) {
	t.Helper()
	return c.mineWith(t, c.backend, input)
}

// mineWith is mine with another back-end.
func (c *chain) mineWith(t *testing.T, backend miner.Backend, input string) (*miner.Work, uint64) {
	t.Helper()
	ctx := context.Background()
	c.jobs++
	head := c.node.Head()
	work, err := miner.Prove(ctx, backend, c.key, miner.Job{
		ID: proof.DomainInput.Sum([]byte(fmt.Sprint("audit job ", c.jobs))), Model: builtin.Name, Input: []byte(input),
	}, miner.ProveParams{
		ChainID: testChainID, Beneficiary: testBeneficiary,
		Device:    miner.Device{Name: "cpu", ID: miner.DeviceID("builtin", "cpu")},
		Timestamp: miner.WorkTimestamp(head.Time, time.Now()),
	})
	require.NoError(t, err)
	acc, err := c.sub.Submit(ctx, work.Encoded, nil, work.WorkID, work.Proof.Context.Timestamp)
	require.NoError(t, err)
	return work, acc.BlockNumber
}

// mineEmpty adds n empty blocks.
func (c *chain) mineEmpty(n int) {
	for range n {
		c.node.MineEmpty()
	}
}

// head is the number of the latest block.
func (c *chain) head() uint64 { return c.node.Head().Number.Uint64() }

// seedOf computes the audit seed of block b by hand from the node's
// headers of blocks b+1 .. b+delay.
func (c *chain) seedOf(t *testing.T, b, delay uint64) proof.Hash {
	t.Helper()
	var hashes []proof.Hash
	for n := b + 1; n <= b+delay; n++ {
		h, err := c.client.HeaderByNumber(context.Background(), new(big.Int).SetUint64(n))
		require.NoError(t, err)
		hashes = append(hashes, proof.Hash(h.Hash()))
	}
	seed, err := proof.AuditSeed(testChainID, b, hashes)
	require.NoError(t, err)
	return seed
}

// revealOf is the reveal of a piece of mined work, as its miner would make
// it: the signed hashes and the job's real input and output.
func revealOf(w *miner.Work) *audit.Reveal {
	return &audit.Reveal{
		WorkID: w.WorkID,
		Claim: precompile.ReexecClaim{
			ModelHash: w.Proof.Context.ModelHash, InputHash: w.Proof.Context.InputHash, OutputHash: w.Proof.OutputHash,
			InputTokens: uint64(len(w.Job.Input)), OutputTokens: uint64(len(w.Output)),
		},
		Input: w.Job.Input, Output: w.Output,
	}
}
