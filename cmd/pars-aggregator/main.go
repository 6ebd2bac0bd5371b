// Command pars-aggregator runs light mining: the aggregate node that
// collects signed model updates from phones, aggregates and scores them and
// publishes each round's reward root to IAIMining, and the reference
// participant that trains a small model on local data and takes part.
//
//	pars-aggregator serve --rpc http://127.0.0.1:8545 --key-file agg.hex --rounds 5 --data-dir rounds
//	pars-aggregator participant --aggregator http://127.0.0.1:7460 --key-seed-file phone.seed \
//	    --recipient 0x… --data local.csv
//	pars-aggregator verify --transcript rounds/round-00000000000000000001.json
package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/federated"
	"github.com/pars-network/aimining/federated/aggregator"
	"github.com/pars-network/aimining/federated/onchain"
	"github.com/pars-network/aimining/federated/participant"
	"github.com/pars-network/aimining/proof"
	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stderr)
	stop()
	os.Exit(code)
}

// Task flags shared by both sides: the demo task is a synthetic Gaussian
// mixture; real deployments replace the validation set and local data.
var taskFlags = []cli.Flag{
	&cli.Uint64Flag{Name: "task-seed", Value: 1, Usage: "seed of the synthetic task (class means)"},
	&cli.IntFlag{Name: "classes", Value: 5, Usage: "number of classes"},
	&cli.IntFlag{Name: "features", Value: 10, Usage: "number of input features"},
}

func task(c *cli.Context) *federated.Synthetic {
	return federated.NewSynthetic(c.Uint64("task-seed"), c.Int("classes"), c.Int("features"), 2, 1)
}

// validationSet is the aggregate node's held-out set for the task.
func validationSet(tk *federated.Synthetic, taskSeed uint64) []federated.Example {
	return tk.Balanced(taskSeed+1, 500)
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	app := &cli.App{
		Name:      "pars-aggregator",
		Usage:     "federated-learning light mining: aggregate node and reference participant",
		Writer:    stderr,
		ErrWriter: stderr,
		Commands: []*cli.Command{
			{
				Name:  "serve",
				Usage: "run the aggregate node and publish each round to IAIMining",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "listen", Value: "127.0.0.1:7460", Usage: "HTTP address (loopback)"},
					&cli.StringFlag{Name: "rpc", Usage: "JSON-RPC of the chain (empty: results are not published)"},
					&cli.StringFlag{Name: "key-file", Usage: "file holding the aggregator account's hex private key", TakesFile: true},
					&cli.Uint64Flag{Name: "first-round", Value: 1, Usage: "id of the first round"},
					&cli.IntFlag{Name: "rounds", Value: 1, Usage: "rounds to run before serving claims only"},
					&cli.StringFlag{Name: "rule", Value: "trimmed-mean:2000", Usage: "fedavg, median, trimmed-mean:BPS or multi-krum:BPS"},
					&cli.IntFlag{Name: "min", Value: 3, Usage: "fewest updates a round needs"},
					&cli.IntFlag{Name: "max", Value: 32, Usage: "most participants a round selects"},
					&cli.StringFlag{Name: "pool", Value: "1000000000000000000", Usage: "wei split per round (≤ the chain's roundPool)"},
					&cli.Float64Flag{Name: "clip-norm", Value: 2, Usage: "L2 norm updates are clipped to"},
					&cli.Float64Flag{Name: "reject-norm", Value: 20, Usage: "L2 norm above which updates are refused"},
					&cli.DurationFlag{Name: "enrol", Value: 30 * time.Second, Usage: "how long enrolment stays open"},
					&cli.DurationFlag{Name: "collect", Value: 2 * time.Minute, Usage: "deadline for updates"},
					&cli.IntFlag{Name: "queue", Value: 64, Usage: "pending updates before answering 503"},
					&cli.StringFlag{Name: "data-dir", Usage: "directory keeping each published round's transcript and result, reloaded on restart (empty: memory only)", TakesFile: true},
				}, taskFlags...),
				Action: serve,
			},
			{
				Name:  "verify",
				Usage: "recompute a round from its recorded transcript and compare with the recorded result",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "transcript", Required: true, Usage: "round record file written by serve --data-dir", TakesFile: true},
				}, taskFlags...),
				Action: verify,
			},
			{
				Name:  "participant",
				Usage: "enrol, train on local data, submit, and fetch (or send) the reward claim",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "aggregator", Value: "http://127.0.0.1:7460", Usage: "aggregate node URL"},
					&cli.StringFlag{Name: "key-seed-file", Required: true, Usage: "file holding the 32-byte ML-DSA seed in hex (created if missing)", TakesFile: true},
					&cli.StringFlag{Name: "recipient", Required: true, Usage: "EVM address credited with the reward"},
					&cli.StringFlag{Name: "data", Usage: "CSV of label,feature,… rows (empty: synthetic non-IID data)", TakesFile: true},
					&cli.Uint64Flag{Name: "data-seed", Value: 1, Usage: "seed of the synthetic local data"},
					&cli.IntFlag{Name: "epochs", Value: 2, Usage: "local epochs"},
					&cli.Float64Flag{Name: "lr", Value: 0.1, Usage: "learning rate"},
					&cli.StringFlag{Name: "rpc", Usage: "JSON-RPC to send the claim to (empty: print it)"},
					&cli.StringFlag{Name: "key-file", Usage: "file with the hex private key paying for the claim", TakesFile: true},
					&cli.DurationFlag{Name: "wait", Value: 10 * time.Minute, Usage: "how long to wait for the round"},
				}, taskFlags...),
				Action: participate,
			},
		},
	}
	if err := app.RunContext(ctx, args); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "pars-aggregator:", err)
		return 1
	}
	return 0
}

func sender(ctx context.Context, rpcURL, keyFile string) (*onchain.Sender, error) {
	if rpcURL == "" {
		return nil, nil
	}
	b, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	key, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(string(b)), "0x"))
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	ec, err := ethclient.DialContext(ctx, rpcURL)
	if err != nil {
		return nil, err
	}
	id, err := ec.ChainID(ctx)
	if err != nil {
		return nil, err
	}
	return &onchain.Sender{EC: ec, Key: key, ChainID: id.Uint64()}, nil
}

func serve(c *cli.Context) error {
	ctx := c.Context
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	host, _, err := net.SplitHostPort(c.String("listen"))
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--listen %s: the aggregate node listens on loopback; put a proxy in front", c.String("listen"))
	}
	tx, err := sender(ctx, c.String("rpc"), c.String("key-file"))
	if err != nil {
		return err
	}
	tk := task(c)
	validation := validationSet(tk, c.Uint64("task-seed"))
	cfg := aggregator.Config{Model: tk.Model(), Validation: validation, QueueSize: c.Int("queue"), Log: log}
	chainID := uint32(6133)
	if tx != nil {
		cfg.Publisher, chainID = tx, uint32(tx.ChainID)
	}
	pool, err := uint256.FromDecimal(c.String("pool"))
	if err != nil {
		return fmt.Errorf("--pool: %w", err)
	}
	cfg.DataDir = c.String("data-dir")
	srv, err := aggregator.Open(cfg)
	if err != nil {
		return err
	}
	go srv.Run(ctx)
	hs := &http.Server{Addr: c.String("listen"), Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = hs.Close() }()
	go func() {
		if err := hs.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http", "err", err)
		}
	}()
	log.Info("aggregate node listening", "addr", c.String("listen"), "chain", chainID)

	base := federated.QuantizeModel(tk.Model().Shape(), make([]float64, tk.Model().Size()))
	first := c.Uint64("first-round")
	if last, res, ok := srv.LastPublished(); ok && last >= first {
		// Restarted on a data directory: go on from the last recorded round.
		log.Info("resuming after the last recorded round", "round", last, "model", res.ModelHash)
		first, base = last+1, res.Model
	}
	for k := 0; k < c.Int("rounds"); k++ {
		id := first + uint64(k)
		p := federated.Params{
			ChainID: chainID, RoundID: id, BaseModel: base, Rule: c.String("rule"),
			Limits:          federated.Limits{ClipNorm: c.Float64("clip-norm"), RejectNorm: c.Float64("reject-norm"), FreeRiderNorm: 1e-6, MinAlignment: 0.1},
			MinParticipants: c.Int("min"), MaxParticipants: c.Int("max"), Pool: pool, ValidationHash: federated.ValidationHash(validation),
		}
		deadline := time.Now().Add(c.Duration("enrol") + c.Duration("collect"))
		if err := srv.OpenRound(p, deadline.Unix()); err != nil {
			return err
		}
		log.Info("round open for enrolment", "round", id, "model", common.Hash(base.Hash()))
		if err := sleep(ctx, c.Duration("enrol")); err != nil {
			return err
		}
		var seed proof.Hash
		if tx != nil {
			head, err := tx.EC.HeaderByNumber(ctx, nil)
			if err != nil {
				return err
			}
			seed = proof.Hash(head.Hash())
		} else {
			seed = proof.HashInput([]byte(time.Now().String()))
		}
		sel, err := srv.StartCollecting(seed)
		if err != nil {
			log.Warn("round not started", "round", id, "err", err)
			continue
		}
		log.Info("collecting", "round", id, "selected", len(sel), "seed", common.Hash(seed))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-srv.Full():
		case <-time.After(time.Until(deadline)):
		}
		res, _, err := srv.Finish(ctx)
		if err != nil {
			log.Warn("round failed", "round", id, "err", err)
			continue
		}
		acc := tk.Model().Accuracy(federated.Floats(res.Model), validation)
		log.Info("round done", "round", id, "loss", res.Loss, "base_loss", res.BaseLoss, "validation_accuracy", acc, "rewards", len(res.Rewards))
		base = res.Model
	}
	log.Info("rounds done; serving results and claims until interrupted")
	<-ctx.Done()
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// loadSeed reads a hex seed, creating a random one if the file is missing.
func loadSeed(path string) ([proof.SeedSize]byte, error) {
	var seed [proof.SeedSize]byte
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		k, err := proof.GenerateKey(proof.MLDSA44, nil)
		if err != nil {
			return seed, err
		}
		seed = k.Seed()
		return seed, os.WriteFile(path, []byte(hex.EncodeToString(seed[:])+"\n"), 0o600)
	}
	if err != nil {
		return seed, err
	}
	raw, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(raw) != proof.SeedSize {
		return seed, fmt.Errorf("%s: want %d hex bytes", path, proof.SeedSize)
	}
	copy(seed[:], raw)
	return seed, nil
}

// readCSV reads label,feature,… rows.
func readCSV(path string, features int) ([]federated.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []federated.Example
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		cols := strings.Split(strings.TrimSpace(sc.Text()), ",")
		if len(cols) == 1 && cols[0] == "" {
			continue
		}
		if len(cols) != features+1 {
			return nil, fmt.Errorf("%s:%d: %d columns, want label and %d features", path, line, len(cols), features)
		}
		label, err := strconv.Atoi(cols[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: label: %w", path, line, err)
		}
		e := federated.Example{Label: label, X: make([]float64, features)}
		for j := range e.X {
			if e.X[j], err = strconv.ParseFloat(cols[j+1], 64); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

func participate(c *cli.Context) error {
	ctx, cancel := context.WithTimeout(c.Context, c.Duration("wait"))
	defer cancel()
	seed, err := loadSeed(c.String("key-seed-file"))
	if err != nil {
		return err
	}
	key, err := proof.NewKeyFromSeed(proof.MLDSA44, seed)
	if err != nil {
		return err
	}
	if !common.IsHexAddress(c.String("recipient")) {
		return errors.New("--recipient is not an address")
	}
	recipient := common.HexToAddress(c.String("recipient"))
	tk := task(c)
	var data []federated.Example
	if c.String("data") != "" {
		if data, err = readCSV(c.String("data"), c.Int("features")); err != nil {
			return err
		}
	} else {
		s := c.Uint64("data-seed")
		data = tk.NonIID(s, 200, []int{int(s) % tk.Classes, int(s+1) % tk.Classes}, 0.8)
	}
	cl := &participant.Client{BaseURL: c.String("aggregator")}
	id, err := cl.Enrol(ctx, key, recipient)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "enrolled as %v\n", id)
	var ri *federated.RoundInfo
	for {
		if ri, err = cl.Round(ctx); err != nil {
			return err
		}
		if ri.State != federated.StateOpen {
			break
		}
		if err := sleep(ctx, time.Second); err != nil {
			return err
		}
	}
	rep, err := cl.Participate(ctx, key, tk.Model(), data, federated.TrainConfig{Epochs: c.Int("epochs"), LR: c.Float64("lr"), Seed: 1}, recipient)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "round %d: update %v accepted (norm %.4f, clipped %v)\n", rep.RoundID, rep.UpdateHash, rep.Norm, rep.Clipped)
	var ci *federated.ClaimInfo
	for {
		if ci, err = cl.Claim(ctx, rep.RoundID, recipient); err == nil {
			break
		}
		var re *participant.RefusedError
		if errors.As(err, &re) && re.Code == "no-reward" {
			fmt.Fprintf(c.App.Writer, "round %d published: no reward for %v\n", rep.RoundID, recipient)
			return nil
		}
		if err := sleep(ctx, 2*time.Second); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.App.Writer, "round %d reward %v wei, proof of %d hashes\n", ci.RoundID, ci.Amount, len(ci.Proof))
	tx, err := sender(ctx, c.String("rpc"), c.String("key-file"))
	if err != nil || tx == nil {
		data, _ := onchain.ClaimData(ci)
		fmt.Fprintf(c.App.Writer, "claimRoundReward calldata for 0x0300: 0x%x\n", data)
		return err
	}
	r, err := tx.Claim(ctx, ci)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "claimed in transaction %v\n", r.TxHash)
	return nil
}

// verify recomputes a recorded round and prints its aggregate model hash
// and reward root; it fails when they, or anything else recorded, differ.
func verify(c *cli.Context) error {
	rec, err := federated.ReadRecord(c.String("transcript"))
	if err != nil {
		return err
	}
	tk := task(c)
	validation := validationSet(tk, c.Uint64("task-seed"))
	res, err := rec.Check(tk.Model(), validation)
	if res == nil {
		// Recompute failed; still say what the record claims.
		fmt.Fprintf(c.App.Writer, "round %d recorded: model %v rewards root %v\n", rec.Result.RoundID, rec.Result.ModelHash, rec.Result.Root)
		return err
	}
	fmt.Fprintf(c.App.Writer, "round %d chain %d: %d updates, %d rewards, total %v\n", res.RoundID, res.ChainID, len(rec.Transcript.Updates), len(res.Rewards), res.Total)
	fmt.Fprintf(c.App.Writer, "aggregate model hash %v\nrewards root %v\n", res.ModelHash, res.Root)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.App.Writer, "OK: the recomputed result matches the recorded one")
	return nil
}
