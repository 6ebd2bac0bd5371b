// Command pars-gateway is the ZAP gateway: it takes AI jobs from clients
// on an OpenAI-compatible HTTP endpoint, signs a job ticket for each, and
// routes it over ZAP (Cap'n Proto over TCP) to a registered miner.
//
//	pars-gateway keygen --out gateway.key [--scheme 65]
//	pars-gateway register --key gateway.key --rpc URL --governance-keystore DIR [--governance-account 0x…]
//	pars-gateway apikey add --keys api-keys.json --name NAME [--rate-per-minute N] [--out FILE]
//	pars-gateway apikey list --keys api-keys.json
//	pars-gateway apikey revoke --keys api-keys.json KEY_ID
//	pars-gateway [run] --key gateway.key --chain-id 6133 \
//	    [--zap-listen 127.0.0.1:9651] [--http-listen 127.0.0.1:8651] \
//	    [--model NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]]]... \
//	    [--api-keys api-keys.json] [--rpc http://127.0.0.1:8545]
//
// With --rpc the gateway checks on chain that its key is registered (and
// warns, on the log and /healthz, while it is not), and a miner that names
// an attested GPU when it registers ranks first if the chain's device
// registry has that GPU active, at the attested tier and bound to the
// miner's id (gateway.ChainAttestation); without it every miner ranks as
// software-only. Every command describes itself with --help.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
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

	"github.com/pars-network/aimining/gateway"
	"github.com/pars-network/aimining/gateway/apikey"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if err := newApp(stdout, stderr).RunContext(ctx, args); err != nil {
		fmt.Fprintln(stderr, "pars-gateway:", err)
		return 1
	}
	return 0
}

// builtinMaxTokens is the most output tokens a job of the built-in model
// may ask for.
const builtinMaxTokens = 64

var runFlags = []cli.Flag{
	&cli.StringFlag{Name: "key", Usage: "file holding the gateway's key: scheme and 32-byte seed (from `pars-gateway keygen`)", TakesFile: true},
	&cli.UintFlag{Name: "chain-id", Value: 6133, Usage: "the chain the tickets are for"},
	&cli.StringFlag{Name: "zap-listen", Value: "127.0.0.1:9651", Usage: "host:port of the ZAP listener (miners)"},
	&cli.StringFlag{Name: "http-listen", Value: "127.0.0.1:8651", Usage: "host:port of the OpenAI-compatible HTTP endpoint (clients)"},
	&cli.IntFlag{Name: "queue-size", Value: 256, Usage: "jobs waiting for a miner at most; more are answered 429"},
	&cli.DurationFlag{Name: "lease-timeout", Value: 30 * time.Second, Usage: "time a miner has to answer a job before it is reassigned"},
	&cli.IntFlag{Name: "max-attempts", Value: 3, Usage: "leases a job gets before it fails"},
	&cli.DurationFlag{Name: "request-timeout", Value: 2 * time.Minute, Usage: "time a client waits for an answer at most"},
	&cli.DurationFlag{Name: "ticket-ttl", Value: 10 * time.Minute, Usage: "time a ticket stays redeemable on chain"},
	&cli.BoolFlag{Name: "no-builtin-model", Usage: "do not serve the built-in model " + builtin.Name},
	&cli.BoolFlag{Name: "log-json", Usage: "log JSON lines"},
	&cli.StringFlag{Name: "rpc", Usage: "node JSON-RPC URL: check the gateway's registration on chain, and rank miners whose GPU the device registry attests first"},
	&cli.DurationFlag{Name: "rpc-timeout", Value: 5 * time.Second, Usage: "time one chain read may take"},
	&cli.DurationFlag{Name: "registration-check", Value: time.Minute, Usage: "how often to read the gateway's registration from the chain (with --rpc)"},
	&cli.StringFlag{Name: "api-keys", Usage: "client API key file (`pars-gateway apikey add`); without it every client is admitted", TakesFile: true},
	&cli.StringFlag{Name: "api-usage", Usage: "per-key usage record, one JSON line per answered request (default: the key file + .usage.jsonl)", TakesFile: true},
	&cli.StringSliceFlag{Name: "model", Usage: "a model to serve: NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]] (repeatable)"},
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "pars-gateway",
		Usage: "route OpenAI-style AI jobs to Pars miners over ZAP, with signed job tickets",
		UsageText: "pars-gateway [run] --key gateway.key [--chain-id 6133] [--api-keys FILE] [--rpc URL] [--model SPEC]...\n" +
			"pars-gateway keygen --out gateway.key [--scheme 44|65|87]\n" +
			"pars-gateway register --key gateway.key --rpc URL --governance-keystore DIR [--governance-account 0x…]\n" +
			"pars-gateway apikey (add --keys FILE --name NAME | list --keys FILE | revoke --keys FILE KEY_ID)",
		Writer:         stdout,
		ErrWriter:      stderr,
		ExitErrHandler: func(*cli.Context, error) {}, // run prints errors and exits
		Flags:          runFlags,
		Action:         serve,
		Commands: []*cli.Command{
			{
				Name:      "run",
				Usage:     "serve (the same as giving --key without a command)",
				UsageText: "pars-gateway run --key gateway.key [flags]",
				Flags:     runFlags,
				Action:    serve,
			},
			{
				Name:      "keygen",
				Usage:     "create the gateway's ML-DSA key; prints its gateway id and public key",
				UsageText: "pars-gateway keygen --out gateway.key [--scheme 44|65|87]",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "out", Required: true, Usage: "file to write the key to (refused if it exists)", TakesFile: true},
					&cli.IntFlag{Name: "scheme", Value: 65, Usage: "ML-DSA parameter set: 44, 65 or 87"},
				},
				Action: keygen,
			},
			registerCommand(),
			apikeyCommand(),
		},
	}
}

// parseModel parses NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]].
func parseModel(s string) (gateway.Model, error) {
	name, rest, ok := strings.Cut(s, "=")
	parts := strings.Split(rest, ":")
	if !ok || name == "" || len(parts) < 2 || len(parts) > 4 {
		return gateway.Model{}, fmt.Errorf("--model %q: want NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]]", s)
	}
	h, err := hex.DecodeString(strings.TrimPrefix(parts[0], "0x"))
	if err != nil || len(h) != 32 {
		return gateway.Model{}, fmt.Errorf("--model %s: hash %q is not 32 bytes of hex", name, parts[0])
	}
	nums := make([]uint64, 3)
	for i, p := range parts[1:] {
		if nums[i], err = strconv.ParseUint(p, 10, 64); err != nil {
			return gateway.Model{}, fmt.Errorf("--model %s: %q is not a number", name, p)
		}
	}
	if nums[2] > 1<<20 {
		return gateway.Model{}, fmt.Errorf("--model %s: max tokens %d is too large", name, nums[2])
	}
	return gateway.Model{Name: name, Hash: proof.Hash(h), Parameters: nums[0], BytesPerToken: nums[1], MaxTokens: uint32(nums[2])}, nil
}

func serve(c *cli.Context) error {
	if c.Args().Present() {
		return fmt.Errorf("unknown command %q (see `pars-gateway --help`)", c.Args().First())
	}
	if c.String("key") == "" {
		return errors.New("--key is required (make one with `pars-gateway keygen --out FILE`; see `pars-gateway --help`)")
	}
	chainID := c.Uint("chain-id")
	if chainID == 0 || uint64(chainID) > 1<<32-1 {
		return fmt.Errorf("--chain-id %d is out of range", chainID)
	}
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	var models []gateway.Model
	for _, s := range c.StringSlice("model") {
		m, err := parseModel(s)
		if err != nil {
			return err
		}
		models = append(models, m)
	}
	var h slog.Handler = slog.NewTextHandler(c.App.ErrWriter, nil)
	if c.Bool("log-json") {
		h = slog.NewJSONHandler(c.App.ErrWriter, nil)
	}
	log := slog.New(h)
	if !c.Bool("no-builtin-model") {
		// The built-in model's registry entry as genesis writes it, held
		// to the re-execution caps; with --rpc the chain's entry replaces it.
		b := builtin.Default()
		m, err := gateway.ApplyChainLimits(gateway.Model{Name: builtin.Name, Hash: b.Hash(), Parameters: b.Parameters(), BytesPerToken: 1, MaxTokens: builtinMaxTokens},
			precompile.BuiltinModel(), true)
		if err != nil {
			return err
		}
		models = append(models, m)
	}
	cfg := gateway.Config{
		ChainID: uint32(chainID), Key: key, Models: models, QueueSize: c.Int("queue-size"), LeaseTimeout: c.Duration("lease-timeout"),
		MaxAttempts: c.Int("max-attempts"), RequestTimeout: c.Duration("request-timeout"), TicketTTL: c.Duration("ticket-ttl"), Logger: log,
	}
	var guard *apikey.Guard
	if path := c.String("api-keys"); path != "" {
		if guard, err = apikey.NewGuard(path, log, nil); err != nil {
			return err
		}
		usagePath := c.String("api-usage")
		if usagePath == "" {
			usagePath = path + ".usage.jsonl"
		}
		ul, err := apikey.OpenUsageLog(usagePath, nil)
		if err != nil {
			return err
		}
		defer ul.Close()
		cfg.OnUsage = func(r *http.Request, u gateway.Usage) {
			if err := ul.Record(r, u); err != nil {
				log.Error("usage not recorded", "err", err)
			}
		}
		log.Info("clients need an API key", "keys", path, "live_keys", guard.Live(), "usage", usagePath)
	} else {
		log.Warn("no --api-keys: the HTTP endpoint admits every client without a key")
	}
	ctx := c.Context
	var reg *gateway.RPCRegistry
	if rpcURL := c.String("rpc"); rpcURL != "" {
		dctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		reg, err = gateway.DialRegistry(dctx, rpcURL, uint32(chainID))
		cancel()
		if err != nil {
			return err
		}
		defer reg.Close()
		cfg.Attested = gateway.ChainAttestation(reg, c.Duration("rpc-timeout"), log)
		log.Info("attested miners rank first: device registry read from the chain", "rpc", rpcURL)
		chainLimits(ctx, rpcURL, c.Duration("rpc-timeout"), cfg.Models, log)
	}
	for _, m := range cfg.Models {
		log.Info("serving model", "model", m.Name, "max_tokens", m.MaxTokens, "max_input_tokens", m.MaxInputTokens,
			"parameters", m.Parameters, "bytes_per_token", m.BytesPerToken)
	}
	g, err := gateway.New(cfg)
	if err != nil {
		return err
	}
	zln, err := net.Listen("tcp", c.String("zap-listen"))
	if err != nil {
		return err
	}
	hln, err := net.Listen("tcp", c.String("http-listen"))
	if err != nil {
		return err
	}
	var handler http.Handler = g.Handler()
	if guard != nil {
		handler = guard.Wrap(handler)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	errs := make(chan error, 2)
	go func() { errs <- g.Serve(zln) }()
	go func() { errs <- srv.Serve(hln) }()
	id := g.ID()
	log.Info("gateway started", "gateway_id", "0x"+hex.EncodeToString(id[:]), "chain_id", chainID,
		"zap", "zap://"+zln.Addr().String(), "openai_base_url", "http://"+hln.Addr().String()+"/v1", "models", len(models))
	if reg != nil {
		// The first read happens before any job can be answered.
		rctx, cancel := context.WithTimeout(ctx, c.Duration("rpc-timeout"))
		g.CheckRegistration(rctx, reg)
		cancel()
		wctx, stopWatch := context.WithCancel(ctx)
		defer stopWatch()
		go func() {
			select {
			case <-wctx.Done():
				return
			case <-time.After(c.Duration("registration-check")):
			}
			g.WatchRegistration(wctx, reg, c.Duration("registration-check"), c.Duration("rpc-timeout"))
		}()
	} else {
		log.Warn("no --rpc: the gateway cannot check that its key is registered on chain; proofs of an unregistered gateway's tickets are refused with UnknownGateway")
	}
	select {
	case <-ctx.Done():
	case err = <-errs:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	g.Close()
	st := g.Stats()
	log.Info("gateway stopped", "accepted", st.Accepted, "completed", st.Completed, "failed", st.Failed,
		"timed_out", st.TimedOut, "busy", st.Busy, "reassigned", st.Reassigned)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// keyFile is the gateway key file: the ML-DSA parameter set and the seed.
// Keep it secret; it signs every ticket.
type keyFile struct {
	Scheme    int    `json:"scheme"`
	Seed      string `json:"seed"`
	GatewayID string `json:"gateway_id"`
	PublicKey string `json:"public_key"`
}

func loadKey(path string) (*proof.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var kf keyFile
	if err := json.Unmarshal(b, &kf); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	seed, err := hex.DecodeString(strings.TrimPrefix(kf.Seed, "0x"))
	if err != nil || len(seed) != proof.SeedSize {
		return nil, fmt.Errorf("%s: seed is not %d bytes of hex", path, proof.SeedSize)
	}
	return proof.NewKeyFromSeed(proof.Scheme(kf.Scheme), [proof.SeedSize]byte(seed))
}

func keygen(c *cli.Context) error {
	scheme := c.Int("scheme")
	sk, err := proof.GenerateKey(proof.Scheme(scheme), rand.Reader)
	if err != nil {
		return err
	}
	seed := sk.Seed()
	id := sk.Public().ID()
	kf := keyFile{Scheme: scheme, Seed: hex.EncodeToString(seed[:]), GatewayID: "0x" + hex.EncodeToString(id[:]),
		PublicKey: "0x" + hex.EncodeToString(sk.Public().Bytes())}
	b, _ := json.MarshalIndent(kf, "", "  ")
	f, err := os.OpenFile(c.String("out"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "{\"gateway_id\":%q,\"public_key\":%q}\n", kf.GatewayID, kf.PublicKey)
	return nil
}

// chainLimits replaces each model's pricing and token limits with the
// chain's model registry entry (gateway.ApplyChainLimits), in place. A
// model the chain does not have, or a read that fails, keeps its
// configured values, with a warning: the chain refuses every proof of an
// unregistered model.
func chainLimits(ctx context.Context, rpcURL string, timeout time.Duration, models []gateway.Model, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(ctx, timeout+10*time.Second)
	defer cancel()
	node, err := miner.DialNode(ctx, rpcURL)
	if err != nil {
		log.Warn("cannot read the model registry; serving the configured token limits", "err", err)
		return
	}
	defer node.Close()
	for i, m := range models {
		rctx, cancel := context.WithTimeout(ctx, timeout)
		cm, err := miner.ReadChainModel(rctx, node, m.Hash)
		cancel()
		if err != nil {
			log.Warn("cannot read the model's registry entry; serving its configured token limits", "model", m.Name, "err", err)
			continue
		}
		spec := precompile.ModelSpec{Hash: m.Hash, Parameters: cm.Parameters, Tokenizer: cm.Tokenizer, BytesPerToken: cm.BytesPerToken,
			MaxInputTokens: cm.MaxInputTokens, MaxOutputTokens: cm.MaxOutputTokens, Verifier: cm.Verifier}
		capped, err := gateway.ApplyChainLimits(m, spec, cm.Registered)
		if err != nil {
			log.Warn(err.Error(), "model", m.Name)
			continue
		}
		models[i] = capped
	}
}
