package federatedtest

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/federated/aggregator"
	"github.com/pars-network/aimining/federated/onchain"
	"github.com/pars-network/aimining/federated/participant"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// devKey is geth's fixed developer key, behind genesis.DevAddress: the
// chain's governance.
var devKey = mustKey("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291")

// aggregatorKey pays for publishRound; claimerKey sends the claims (the
// phones hold no gas: anyone may claim for a recipient).
var (
	aggregatorKey = mustKey("5c8b9227cd5065c7e3f6b73826b8b42e198c4497f6688e3085d5ab3a6d520e74")
	claimerKey    = mustKey("1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809")
)

func mustKey(h string) *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(h)
	if err != nil {
		panic(err)
	}
	return k
}

func parsGeth(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("node test: runs the real pars-geth")
	}
	bin := os.Getenv("PARS_GETH")
	if bin == "" {
		bin = filepath.Join("..", "..", "bin", "pars-geth")
	}
	abs, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Skipf("pars-geth not built (%v): run `make -C evmpatch pars-geth`", err)
	}
	return abs
}

func view(t *testing.T, ec *ethclient.Client, name string, args ...any) []any {
	t.Helper()
	data, err := precompile.ABI().Pack(name, args...)
	if err != nil {
		t.Fatal(err)
	}
	to := precompile.Address
	out, err := ec.CallContract(context.Background(), ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	v, err := precompile.ABI().Unpack(name, out)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func pack(t *testing.T, name string, args ...any) []byte {
	t.Helper()
	b, err := precompile.ABI().Pack(name, args...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

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
	bin := parsGeth(t)
	fund := new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)
	alloc := types.GenesisAlloc{genesis.DevAddress: {Balance: fund}}
	for _, k := range []*ecdsa.PrivateKey{aggregatorKey, claimerKey} {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: fund}
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	n, err := devnode.Start(ctx, devnode.Config{Binary: bin, DataDir: dir, Genesis: genesis.Options{
		ChainID: genesis.ParsChainID, Governance: genesis.DevAddress, Timestamp: uint64(time.Now().Unix()), Alloc: alloc,
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		n.Stop()
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(dir, "geth.log")); err == nil {
				if len(b) > 4000 {
					b = b[len(b)-4000:]
				}
				t.Logf("---- geth log tail ----\n%s", b)
			}
		}
	})
	ec, err := ethclient.Dial(n.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ec.Close)
	gov := &onchain.Sender{EC: ec, Key: devKey, ChainID: genesis.ParsChainID}
	aggTx := &onchain.Sender{EC: ec, Key: aggregatorKey, ChainID: genesis.ParsChainID}
	claimer := &onchain.Sender{EC: ec, Key: claimerKey, ChainID: genesis.ParsChainID}

	// Governance: a pool of 1e18 wei per round and one aggregator.
	const pool = 1_000_000_000_000_000_000
	if _, err := gov.Send(ctx, pack(t, "setRoundPool", big.NewInt(pool))); err != nil {
		t.Fatal(err)
	}
	// Before registration the aggregator is refused.
	dummy := &federated.Result{RoundID: 1, ModelHash: common.Hash{1}, Root: common.Hash{2}, Total: uint256.NewInt(1)}
	if _, err := aggTx.PublishRound(ctx, dummy); refusal(t, err) != "NotAggregator" {
		t.Fatalf("unregistered aggregator: %v", err)
	}
	if _, err := gov.Send(ctx, pack(t, "registerAggregator", aggTx.Address())); err != nil {
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
		if _, err := client.Enrol(ctx, k); err != nil {
			t.Fatal(err)
		}
		phones = append(phones, phone{k, common.BytesToAddress([]byte{0xf0, byte(i + 1)}),
			task.NonIID(uint64(i), 200, []int{i % 5, (i + 1) % 5}, 0.8)})
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
	info := view(t, ec, "roundInfo", uint64(1))
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
		bal := view(t, ec, "miningBalance", w.Recipient)[0].(*big.Int)
		if bal.Cmp(w.Amount.ToBig()) != 0 {
			t.Fatalf("recipient %v has %v, want %v", w.Recipient, bal, w.Amount)
		}
		if i == 0 {
			if _, err := claimer.Claim(ctx, ci); refusal(t, err) != "RoundRewardAlreadyClaimed" {
				t.Fatalf("second claim: %v", err)
			}
		}
	}
	info = view(t, ec, "roundInfo", uint64(1))
	if info[5].(*big.Int).Cmp(res.Total.ToBig()) != 0 {
		t.Fatalf("claimed %v of %v", info[5], res.Total)
	}
	t.Logf("devnet round: %d claims, %v", len(res.Rewards), time.Since(start).Round(time.Millisecond))
}
