// Command pars-teleport-signer is a teleport signer for one source chain:
// it follows the chain's TeleportSent events, signs each message with its
// ML-DSA key once the event is final, and serves the signatures over HTTP
// (by default on 127.0.0.1) for relayers.
//
//	pars-teleport-signer --rpc http://127.0.0.1:8545 --wallet signer.json \
//	    --passphrase-file pass.txt --state-dir ./signer-state --confirmations 12
//
// The key is an ML-DSA wallet as written by `pars-miner keygen`. Its public
// key must be in the destination chains' signer sets for this source chain
// (setTeleportSigners); GET /v1/info shows it.
//
// Each signature is stored under --state-dir before it is served, so a
// restarted signer serves the same signatures and signs nothing twice. If
// the chain ever shows a second message for a sequence already signed (a
// reorganisation deeper than --confirmations, or a broken node), the
// signer refuses it and exits with status 1.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/teleport/signer"
	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	app := &cli.App{
		Name:      "pars-teleport-signer",
		Usage:     "sign a source chain's final teleport messages and serve the signatures",
		Writer:    stderr,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "rpc", Value: "http://127.0.0.1:8545", Usage: "JSON-RPC of the source chain"},
			&cli.StringFlag{Name: "wallet", Required: true, Usage: "ML-DSA wallet file (pars-miner keygen)", TakesFile: true},
			&cli.StringFlag{Name: "passphrase-file", Usage: "file whose first line is the wallet passphrase", TakesFile: true},
			&cli.StringFlag{Name: "passphrase-env", Value: "PARS_TELEPORT_PASSPHRASE", Usage: "environment variable holding the passphrase"},
			&cli.StringFlag{Name: "listen", Value: "127.0.0.1:7450", Usage: "HTTP address for the signatures"},
			&cli.StringFlag{Name: "state-dir", Value: "teleport-signer", Usage: "where signatures and the scan cursor are kept"},
			&cli.Uint64Flag{Name: "confirmations", Value: 12, Usage: "blocks on top of an event before it is signed"},
			&cli.Uint64Flag{Name: "from-block", Usage: "first block to scan on a fresh state directory"},
			&cli.DurationFlag{Name: "poll", Value: 3 * time.Second, Usage: "how often to look for new blocks"},
		},
		Action: func(c *cli.Context) error { return serve(c.Context, c, stderr) },
	}
	if err := app.RunContext(ctx, args); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "pars-teleport-signer:", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, c *cli.Context, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	src := miner.PassphraseSource{File: c.String("passphrase-file")}
	if src.File == "" && os.Getenv(c.String("passphrase-env")) != "" {
		src.Env = c.String("passphrase-env")
	}
	pass, err := miner.ReadPassphrase(src, "wallet passphrase: ")
	if err != nil {
		return err
	}
	key, err := miner.LoadWallet(c.String("wallet"), pass)
	if err != nil {
		return err
	}
	client, err := ethclient.DialContext(ctx, c.String("rpc"))
	if err != nil {
		return fmt.Errorf("dial %s: %w", c.String("rpc"), err)
	}
	defer client.Close()
	s, err := signer.New(ctx, signer.Config{
		Source: client, Key: key, Confirmations: c.Uint64("confirmations"),
		FromBlock: c.Uint64("from-block"), StateDir: c.String("state-dir"), Logger: log,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.String("listen"))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	log.Info("teleport signer running", "chain", s.ChainID(), "http", ln.Addr().String(), "key", key.Scheme().String())
	return s.Run(ctx, c.Duration("poll"))
}
