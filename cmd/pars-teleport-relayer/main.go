// Command pars-teleport-relayer relays teleports from a source chain to a
// destination chain: it collects the source chain's signer signatures for
// each final TeleportSent event and submits relayTeleport on the
// destination. Running several relayers, or restarting one, is safe: a
// message relayed twice is refused on chain as AlreadyRelayed, which the
// relayer counts as done.
//
//	pars-teleport-relayer --source-rpc http://127.0.0.1:8545 --dest-rpc http://127.0.0.1:9545 \
//	    --signer http://127.0.0.1:7450 --signer http://127.0.0.1:7451 \
//	    --keystore ./keystore --account 0x… --passphrase-file pass.txt
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/teleport/relayer"
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
		Name:      "pars-teleport-relayer",
		Usage:     "relay signed teleport messages from a source chain to a destination chain",
		Writer:    stderr,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "source-rpc", Required: true, Usage: "JSON-RPC of the source chain"},
			&cli.StringFlag{Name: "dest-rpc", Required: true, Usage: "JSON-RPC of the destination chain"},
			&cli.StringSliceFlag{Name: "signer", Required: true, Usage: "base URL of a source-chain signer (repeat)"},
			&cli.StringFlag{Name: "keystore", Required: true, Usage: "go-ethereum keystore folder of the paying account", TakesFile: true},
			&cli.StringFlag{Name: "account", Required: true, Usage: "address of the paying account on the destination"},
			&cli.StringFlag{Name: "passphrase-file", Usage: "file whose first line is the keystore passphrase", TakesFile: true},
			&cli.StringFlag{Name: "passphrase-env", Value: "PARS_RELAYER_PASSPHRASE", Usage: "environment variable holding the passphrase"},
			&cli.StringFlag{Name: "state-dir", Value: "teleport-relayer", Usage: "where the scan cursor is kept"},
			&cli.Uint64Flag{Name: "confirmations", Value: 12, Usage: "source blocks on top of an event before relaying it"},
			&cli.Uint64Flag{Name: "from-block", Usage: "first source block to scan on a fresh state directory"},
			&cli.DurationFlag{Name: "poll", Value: 3 * time.Second, Usage: "how often to look for work"},
		},
		Action: relay,
	}
	if err := app.RunContext(ctx, args); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "pars-teleport-relayer:", err)
		return 1
	}
	return 0
}

func relay(c *cli.Context) error {
	ctx := c.Context
	log := slog.New(slog.NewTextHandler(c.App.ErrWriter, nil))
	if !common.IsHexAddress(c.String("account")) {
		return fmt.Errorf("--account %q is not an address", c.String("account"))
	}
	src := miner.PassphraseSource{File: c.String("passphrase-file")}
	if src.File == "" && os.Getenv(c.String("passphrase-env")) != "" {
		src.Env = c.String("passphrase-env")
	}
	pass, err := miner.ReadPassphrase(src, "keystore passphrase: ")
	if err != nil {
		return err
	}
	key, err := miner.LoadGasKey(c.String("keystore"), common.HexToAddress(c.String("account")), pass)
	if err != nil {
		return err
	}
	source, err := ethclient.DialContext(ctx, c.String("source-rpc"))
	if err != nil {
		return fmt.Errorf("dial source: %w", err)
	}
	defer source.Close()
	dest, err := ethclient.DialContext(ctx, c.String("dest-rpc"))
	if err != nil {
		return fmt.Errorf("dial destination: %w", err)
	}
	defer dest.Close()
	r, err := relayer.New(ctx, relayer.Config{
		Source: source, Dest: dest, Signers: c.StringSlice("signer"), Key: key,
		Confirmations: c.Uint64("confirmations"), FromBlock: c.Uint64("from-block"),
		StateDir: c.String("state-dir"), Logger: log,
	})
	if err != nil {
		return err
	}
	log.Info("teleport relayer running", "account", r.Address())
	return r.Run(ctx, c.Duration("poll"))
}
