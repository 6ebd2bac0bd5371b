package federatedtest

import (
	"context"
	"errors"
	"math/big"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/federated/aggregator"
	"github.com/pars-network/aimining/federated/onchain"
	"github.com/pars-network/aimining/federated/participant"
	"github.com/pars-network/aimining/proof"
)

// devKey is geth's fixed developer key, behind genesis.DevAddress: the
// chain's governance.
var devKey = nodeharness.DevKey()

// aggregatorKey pays for publishRound; claimerKey sends the claims (the
// phones hold no gas: anyone may claim for a recipient).
var (
	aggregatorKey = nodeharness.MustKey("5c8b9227cd5065c7e3f6b73826b8b42e198c4497f6688e3085d5ab3a6d520e74")
	claimerKey    = nodeharness.MustKey("1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809")
)

// refusal returns the name of the precompile's refusal, or fails.
func refusal(t *testing.T, err error) string {
	t.Helper()
	var re *onchain.RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("want an IAIMining refusal, got %v", err)
	}
	return re.Revert.Name
}

// TestFederatedRoundOnDevnet runs a light-mining round against a real
// pars-geth: governance registers the aggregator and sets the pool, twelve
// phones train and submit over HTTP, the aggregator publishes the round's
// root by transaction, and every paid phone's reward is claimed into its
// mining balance. A second claim, a forged proof and a second publication
// are refused.
func TestFederatedRoundOnDevnet(t *testing.T) {
	start := time.Now()
	bin := nodeharness.ParsGeth(t)
	o := devnode.DevGenesis(genesis.ParsChainID, devnode.Ether(1_000_000),
		crypto.PubkeyToAddress(aggregatorKey.PublicKey), crypto.PubkeyToAddress(claimerKey.PublicKey))
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	n := nodeharness.StartDev(t, ctx, "pars", devnode.Config{Binary: bin, DataDir: t.TempDir(), Genesis: o})
	ec := nodeharness.Dial(t, n.URL())
	c := &nodeharness.Client{Name: "pars", EC: ec, ChainID: genesis.ParsChainID, Timeout: 30 * time.Second}
	gov := &onchain.Sender{EC: ec, Key: devKey, ChainID: genesis.ParsChainID}
	aggTx := &onchain.Sender{EC: ec, Key: aggregatorKey, ChainID: genesis.ParsChainID}
	claimer := &onchain.Sender{EC: ec, Key: claimerKey, ChainID: genesis.ParsChainID}

	// Governance: a pool of 1e18 wei per round and one aggregator.
	const pool = 1_000_000_000_000_000_000
	if _, err := gov.Send(ctx, nodeharness.Pack(t, "setRoundPool", big.NewInt(pool))); err != nil {
		t.Fatal(err)
	}
	// Before registration the aggregator is refused.
	dummy := &federated.Result{RoundID: 1, ModelHash: common.Hash{1}, Root: common.Hash{2}, Total: uint256.NewInt(1)}
	if _, err := aggTx.PublishRound(ctx, dummy); refusal(t, err) != "NotAggregator" {
		t.Fatalf("unregistered aggregator: %v", err)
	}
	if _, err := gov.Send(ctx, nodeharness.Pack(t, "registerAggregator", aggTx.Address())); err != nil {
		t.Fatal(err)
	}

	// The aggregate node, on loopback.
	task := federated.NewSynthetic(11, 5, 10, 2, 1)
	validation := task.Balanced(77, 250)
	srv := aggregator.New(aggregator.Config{Model: task.Model(), Validation: validation, Publisher: aggTx})
	go srv.Run(ctx)
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	// The selection seed is the hash of the latest block once enrolment closes.
	base := federated.QuantizeModel(task.Model().Shape(), make([]float64, task.Model().Size()))
	params := federated.Params{
		ChainID: genesis.ParsChainID, RoundID: 1, BaseModel: base, Rule: "trimmed-mean:2000",
		Limits:          federated.Limits{ClipNorm: 2, RejectNorm: 20, FreeRiderNorm: 1e-6, MinAlignment: 0.1},
		MinParticipants: 8, MaxParticipants: 12, Pool: uint256.NewInt(pool), ValidationHash: federated.ValidationHash(validation),
	}
	if err := srv.OpenRound(params, time.Now().Add(time.Minute).Unix()); err != nil {
		t.Fatal(err)
	}
	client := &participant.Client{BaseURL: hs.URL}
	type phone struct {
		key       *proof.PrivateKey
		recipient common.Address
		data      []federated.Example
	}
	var phones []phone
	for i := 0; i < 12; i++ {
		k, err := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{0: 0xf3, 1: byte(i)})
		if err != nil {
			t.Fatal(err)
		}
		recipient := common.BytesToAddress([]byte{0xf0, byte(i + 1)})
		if _, err := client.Enrol(ctx, k, recipient); err != nil {
			t.Fatal(err)
		}
		phones = append(phones, phone{k, recipient, task.NonIID(uint64(i), 200, []int{i % 5, (i + 1) % 5}, 0.8)})
	}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.StartCollecting(proof.Hash(head.Hash())); err != nil {
		t.Fatal(err)
	}
	for _, p := range phones {
		if _, err := client.Participate(ctx, p.key, task.Model(), p.data, federated.TrainConfig{Epochs: 2, LR: 0.1, Seed: 1}, p.recipient); err != nil {
			t.Fatal(err)
		}
	}
	res, _, err := srv.Finish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("round 1: loss %d → %d, %d rewards, total %v, root %x", res.BaseLoss, res.Loss, len(res.Rewards), res.Total, res.Root[:8])
	info := c.View(t, "roundInfo", uint64(1))
	if info[0].(common.Address) != aggTx.Address() || common.Hash(info[3].([32]byte)) != res.Root || info[4].(*big.Int).Cmp(res.Total.ToBig()) != 0 {
		t.Fatalf("roundInfo %v does not match the published result", info)
	}
	if common.Hash(info[2].([32]byte)) != res.ModelHash {
		t.Fatal("model hash not published")
	}
	// Once per round.
	if _, err := aggTx.PublishRound(ctx, res); refusal(t, err) != "RoundAlreadyPublished" {
		t.Fatalf("second publication: %v", err)
	}

	if len(res.Rewards) < 6 {
		t.Fatalf("only %d phones were paid", len(res.Rewards))
	}
	for i, w := range res.Rewards {
		ci, err := client.Claim(ctx, 1, w.Recipient)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			// A forged proof (one sibling changed) and an inflated amount are refused.
			forged := *ci
			forged.Proof = append([]common.Hash(nil), ci.Proof...)
			forged.Proof[0][0] ^= 1
			if _, err := claimer.Claim(ctx, &forged); refusal(t, err) != "InvalidRewardProof" {
				t.Fatalf("forged proof: %v", err)
			}
			more := *ci
			more.Amount = new(uint256.Int).AddUint64(ci.Amount, 1)
			if _, err := claimer.Claim(ctx, &more); refusal(t, err) != "InvalidRewardProof" {
				t.Fatalf("inflated amount: %v", err)
			}
		}
		if _, err := claimer.Claim(ctx, ci); err != nil {
			t.Fatalf("claim %d: %v", i, err)
		}
		bal := c.View(t, "miningBalance", w.Recipient)[0].(*big.Int)
		if bal.Cmp(w.Amount.ToBig()) != 0 {
			t.Fatalf("recipient %v has %v, want %v", w.Recipient, bal, w.Amount)
		}
		if i == 0 {
			if _, err := claimer.Claim(ctx, ci); refusal(t, err) != "RoundRewardAlreadyClaimed" {
				t.Fatalf("second claim: %v", err)
			}
		}
	}
	info = c.View(t, "roundInfo", uint64(1))
	if info[5].(*big.Int).Cmp(res.Total.ToBig()) != 0 {
		t.Fatalf("claimed %v of %v", info[5], res.Total)
	}
	t.Logf("devnet round: %d claims, %v", len(res.Rewards), time.Since(start).Round(time.Millisecond))
}
