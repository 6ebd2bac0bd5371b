// Command pars-gateway is the ZAP gateway: it takes AI jobs from clients
// on an OpenAI-compatible HTTP endpoint, signs a job ticket for each, and
// routes it over ZAP (Cap'n Proto over TCP) to a registered miner.
//
//	pars-gateway keygen --out gateway.key [--scheme 65]
//	pars-gateway --key gateway.key --chain-id 6133 \
//	    [--zap-listen 127.0.0.1:9651] [--http-listen 127.0.0.1:8651] \
//	    [--model NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]]]... \
//	    [--rpc http://127.0.0.1:8545]
//
// With --rpc, a miner that names an attested GPU when it registers ranks
// first if the chain's device registry has that GPU active, at the
// attested tier and bound to the miner's id (gateway.ChainAttestation);
// without it every miner ranks as software-only.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/proof"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pars-gateway:", err)
		os.Exit(1)
	}
}

type modelFlags []gateway.Model

func (m *modelFlags) String() string { return fmt.Sprint(len(*m), " models") }

// Set parses NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]].
func (m *modelFlags) Set(s string) error {
	name, rest, ok := strings.Cut(s, "=")
	parts := strings.Split(rest, ":")
	if !ok || name == "" || len(parts) < 2 || len(parts) > 4 {
		return errors.New("want NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]]")
	}
	h, err := hex.DecodeString(strings.TrimPrefix(parts[0], "0x"))
	if err != nil || len(h) != 32 {
		return fmt.Errorf("model hash %q is not 32 bytes of hex", parts[0])
	}
	nums := make([]uint64, 3)
	for i, p := range parts[1:] {
		if nums[i], err = strconv.ParseUint(p, 10, 64); err != nil {
			return fmt.Errorf("model %s: %q is not a number", name, p)
		}
	}
	if nums[2] > 1<<20 {
		return fmt.Errorf("model %s: max tokens %d is too large", name, nums[2])
	}
	*m = append(*m, gateway.Model{Name: name, Hash: proof.Hash(h), Parameters: nums[0], BytesPerToken: nums[1], MaxTokens: uint32(nums[2])})
	return nil
}

func run(args []string) error {
	if len(args) > 0 && args[0] == "keygen" {
		return keygen(args[1:])
	}
	fs := flag.NewFlagSet("pars-gateway", flag.ContinueOnError)
	keyFile := fs.String("key", "", "file holding the gateway's key: scheme and 32-byte seed (from `pars-gateway keygen`)")
	chainID := fs.Uint("chain-id", 6133, "the chain the tickets are for")
	zapListen := fs.String("zap-listen", "127.0.0.1:9651", "host:port of the ZAP listener (miners)")
	httpListen := fs.String("http-listen", "127.0.0.1:8651", "host:port of the OpenAI-compatible HTTP endpoint (clients)")
	queue := fs.Int("queue-size", 256, "jobs waiting for a miner at most; more are answered 429")
	lease := fs.Duration("lease-timeout", 30*time.Second, "time a miner has to answer a job before it is reassigned")
	attempts := fs.Int("max-attempts", 3, "leases a job gets before it fails")
	reqTimeout := fs.Duration("request-timeout", 2*time.Minute, "time a client waits for an answer at most")
	ttl := fs.Duration("ticket-ttl", 10*time.Minute, "time a ticket stays redeemable on chain")
	noBuiltin := fs.Bool("no-builtin-model", false, "do not serve the built-in model "+builtin.Name)
	logJSON := fs.Bool("log-json", false, "log JSON lines")
	rpcURL := fs.String("rpc", "", "node JSON-RPC URL; when set, miners whose GPU the chain's device registry attests rank first")
	rpcTimeout := fs.Duration("rpc-timeout", 5*time.Second, "time a device registry read at miner registration may take")
	var models modelFlags
	fs.Var(&models, "model", "a model to serve: NAME=0xHASH:PARAMETERS[:BYTES_PER_TOKEN[:MAX_TOKENS]] (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *keyFile == "" {
		return errors.New("--key is required (make one with `pars-gateway keygen --out FILE`)")
	}
	if *chainID == 0 || *chainID > 1<<32-1 {
		return fmt.Errorf("--chain-id %d is out of range", *chainID)
	}
	key, err := loadKey(*keyFile)
	if err != nil {
		return err
	}
	if !*noBuiltin {
		b := builtin.Default()
		models = append(models, gateway.Model{Name: builtin.Name, Hash: b.Hash(), Parameters: b.Parameters(), BytesPerToken: 1, MaxTokens: 64})
	}
	var h slog.Handler = slog.NewTextHandler(os.Stderr, nil)
	if *logJSON {
		h = slog.NewJSONHandler(os.Stderr, nil)
	}
	log := slog.New(h)
	cfg := gateway.Config{
		ChainID: uint32(*chainID), Key: key, Models: models, QueueSize: *queue, LeaseTimeout: *lease,
		MaxAttempts: *attempts, RequestTimeout: *reqTimeout, TicketTTL: *ttl, Logger: log,
	}
	if *rpcURL != "" {
		dctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		reg, err := gateway.DialRegistry(dctx, *rpcURL, uint32(*chainID))
		cancel()
		if err != nil {
			return err
		}
		defer reg.Close()
		cfg.Attested = gateway.ChainAttestation(reg, *rpcTimeout, log)
		log.Info("attested miners rank first: device registry read from the chain", "rpc", *rpcURL)
	}
	g, err := gateway.New(cfg)
	if err != nil {
		return err
	}
	zln, err := net.Listen("tcp", *zapListen)
	if err != nil {
		return err
	}
	hln, err := net.Listen("tcp", *httpListen)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: g.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errs := make(chan error, 2)
	go func() { errs <- g.Serve(zln) }()
	go func() { errs <- srv.Serve(hln) }()
	id := g.ID()
	log.Info("gateway started", "gateway_id", "0x"+hex.EncodeToString(id[:]), "chain_id", *chainID,
		"zap", "zap://"+zln.Addr().String(), "http", "http://"+hln.Addr().String(), "models", len(models))
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

func keygen(args []string) error {
	fs := flag.NewFlagSet("pars-gateway keygen", flag.ContinueOnError)
	out := fs.String("out", "", "file to write the key to (refused if it exists)")
	scheme := fs.Int("scheme", 65, "ML-DSA parameter set: 44, 65 or 87")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("keygen: --out is required")
	}
	sk, err := proof.GenerateKey(proof.Scheme(*scheme), rand.Reader)
	if err != nil {
		return err
	}
	seed := sk.Seed()
	id := sk.Public().ID()
	kf := keyFile{Scheme: *scheme, Seed: hex.EncodeToString(seed[:]), GatewayID: "0x" + hex.EncodeToString(id[:]),
		PublicKey: "0x" + hex.EncodeToString(sk.Public().Bytes())}
	b, _ := json.MarshalIndent(kf, "", "  ")
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
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
	fmt.Printf("{\"gateway_id\":%q,\"public_key\":%q}\n", kf.GatewayID, kf.PublicKey)
	return nil
}
