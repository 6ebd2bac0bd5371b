// Command pars-miner is the Pars Proof-of-AI miner for GPU owners: it runs
// AI inference, binds each piece of work to one chain before computing,
// signs an ML-DSA work proof and submits it to the IAIMining precompile at
// 0x0300.
//
//	pars-miner keygen --out wallet.json [--scheme 44|65|87]
//	pars-miner gas-account new | import --key-file F | show [--keystore keystore]
//	pars-miner init --rpc URL [--out config.toml] [--gas-account 0x…] [--beneficiary 0x…]
//	pars-miner [run] --config config.toml [--max-jobs N]
//	pars-miner prove (--config config.toml | --wallet wallet.json --chain-id N --beneficiary 0x…) --input TEXT
//	pars-miner proof decode HEX
//	pars-miner proof verify --chain-id N [--time UNIX] HEX
//	pars-miner balance (--config config.toml | --rpc URL --address 0x…)
//	pars-miner status --config config.toml [--last N]
//	pars-miner attest status | register --config config.toml | verify --report F --certs F
//	pars-miner serve-builtin [--listen 127.0.0.1:8080]
//
// Every command describes itself with --help.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/miner/openaiserver"
	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	if err := app.RunContext(ctx, args); err != nil {
		var ex *exitError
		if errors.As(err, &ex) {
			return ex.code
		}
		fmt.Fprintln(stderr, "pars-miner:", err)
		return 1
	}
	return 0
}

// exitError ends the program with code after the command has already said
// why (as `proof verify` does for an invalid proof).
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

var (
	configFlag = &cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "configuration file (TOML)", TakesFile: true}
	logLevel   = &cli.StringFlag{Name: "log-level", Value: "info", Usage: "debug, info, warn or error"}
	logFormat  = &cli.StringFlag{Name: "log-format", Value: "text", Usage: "text or json"}
	maxJobs    = &cli.IntFlag{Name: "max-jobs", Usage: "stop after this many jobs (0: run until interrupted)"}
)

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "pars-miner",
		Usage: "Pars Proof-of-AI miner",
		UsageText: "pars-miner keygen --out wallet.json [--scheme 44|65|87]\n" +
			"pars-miner gas-account (new | import --key-file F | show) [--keystore keystore]\n" +
			"pars-miner init --rpc URL [--out config.toml] [--gas-account 0x…] [--beneficiary 0x…]\n" +
			"pars-miner [run] --config config.toml [--max-jobs N]\n" +
			"pars-miner prove (--config config.toml | --wallet wallet.json --chain-id N --beneficiary 0x…) (--input TEXT | --input-file F)\n" +
			"pars-miner proof decode (HEX | --file F)\n" +
			"pars-miner proof verify --chain-id N [--time UNIX] (HEX | --file F)\n" +
			"pars-miner balance (--config config.toml | --rpc URL --address 0x…)\n" +
			"pars-miner status --config config.toml [--last N]\n" +
			"pars-miner bond --config config.toml [--amount WEI]\n" +
			"pars-miner finalize --config config.toml\n" +
			"pars-miner attest (status | register --config config.toml | verify --report F --certs F)\n" +
			"pars-miner serve-builtin [--listen 127.0.0.1:8080]",
		Reader:         stdin,
		Writer:         stdout,
		ErrWriter:      stderr,
		ExitErrHandler: func(*cli.Context, error) {}, // run prints errors and exits
		Flags:          []cli.Flag{configFlag, maxJobs, logLevel, logFormat},
		Action:         mineCmd,
		Commands: []*cli.Command{
			{
				Name:      "keygen",
				Usage:     "create an encrypted ML-DSA mining wallet",
				UsageText: "pars-miner keygen --out wallet.json [--scheme 44|65|87] [--passphrase-file F | --passphrase-env VAR]",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "out", Usage: "wallet file to create (never overwritten)", Required: true, TakesFile: true},
					&cli.StringFlag{Name: "scheme", Value: "65", Usage: "ML-DSA parameter set: 44, 65 or 87"},
					&cli.StringFlag{Name: "passphrase-file", Usage: "read the passphrase from the first line of this file", TakesFile: true},
					&cli.StringFlag{Name: "passphrase-env", Usage: "read the passphrase from this environment variable"},
					&cli.BoolFlag{Name: "light-kdf", Usage: "weaker, faster scrypt (2^12 instead of 2^18): for tests only"},
				},
				Action: keygenCmd,
			},
			gasAccountCommand(),
			initCommand(),
			{
				Name:      "run",
				Usage:     "mine (the same as giving --config without a command)",
				UsageText: "pars-miner run --config config.toml [--max-jobs N] [--log-format text|json] [--log-level debug|info|warn|error]",
				Flags:     []cli.Flag{configFlag, maxJobs, logLevel, logFormat},
				Action:    mineCmd,
			},
			proveCommand(),
			proofCommand(),
			balanceCommand(),
			bondCommand(),
			finalizeCommand(),
			attestCommand(),
			{
				Name:      "status",
				Usage:     "show the beneficiary's mining balance and its last accepted proofs",
				UsageText: "pars-miner status --config config.toml [--last N] [--lookback BLOCKS] [--wei]",
				Flags: []cli.Flag{
					configFlag, weiFlag,
					&cli.IntFlag{Name: "last", Value: 10, Usage: "how many accepted proofs to list"},
					&cli.Uint64Flag{Name: "lookback", Value: 100_000, Usage: "how many blocks back to search for accepted proofs"},
				},
				Action: statusCmd,
			},
			{
				Name:      "serve-builtin",
				Usage:     "serve the built-in model over an OpenAI-compatible HTTP API",
				UsageText: "pars-miner serve-builtin [--listen 127.0.0.1:8080]",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "listen", Value: "127.0.0.1:8080", Usage: "host:port to listen on"},
				},
				Action: serveBuiltinCmd,
			},
		},
	}
}

// newLogger builds the slog logger from the flags.
func newLogger(c *cli.Context) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.String(logLevel.Name))); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", c.String(logLevel.Name))
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.String(logFormat.Name) {
	case "text":
		return slog.New(slog.NewTextHandler(c.App.ErrWriter, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(c.App.ErrWriter, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", c.String(logFormat.Name))
}

func loadConfig(c *cli.Context) (*miner.Config, error) {
	path := c.String(configFlag.Name)
	if path == "" {
		return nil, errors.New("missing --config FILE: write one with `pars-miner init --rpc http://127.0.0.1:8545` (it reads the chain id from the node; see `pars-miner init --help`)")
	}
	return miner.LoadConfig(path)
}

func mineCmd(c *cli.Context) error {
	if c.Args().Present() {
		return fmt.Errorf("unknown command %q (see `pars-miner --help`)", c.Args().First())
	}
	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	log, err := newLogger(c)
	if err != nil {
		return err
	}
	metrics := miner.NewMetrics()
	metricsURL := ""
	m, err := miner.Open(c.Context, cfg, attestOptions(miner.Options{Logger: log, Metrics: metrics, MaxJobs: c.Int(maxJobs.Name)}))
	if err != nil {
		return err
	}
	defer m.Close()
	if listen := cfg.Metrics.Listen; listen != "" {
		addr, err := miner.ServeMetrics(c.Context, listen, metrics, log)
		if err != nil {
			return err
		}
		log.Info("serving metrics", "url", "http://"+addr.String()+"/metrics")
		metricsURL = "http://" + addr.String() + "/metrics"
		if host, _, _ := net.SplitHostPort(listen); !isLoopback(host) {
			log.Warn("metrics are reachable from other machines", "listen", listen)
		}
	}
	logStarted(c.Context, log, cfg, metricsURL)
	return m.Run(c.Context)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func keygenCmd(c *cli.Context) error {
	scheme, err := miner.ParseScheme(c.String("scheme"))
	if err != nil {
		return fmt.Errorf("--scheme: %w", err)
	}
	out := c.String("out")
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("wallet %s already exists; refusing to overwrite it", out)
	}
	var pass string
	if c.String("passphrase-file") != "" || c.String("passphrase-env") != "" {
		pass, err = miner.ReadPassphrase(miner.PassphraseSource{File: c.String("passphrase-file"), Env: c.String("passphrase-env")}, "")
	} else {
		pass, err = miner.PromptNewPassphrase()
	}
	if err != nil {
		return err
	}
	n, p := miner.StandardScryptN, miner.StandardScryptP
	if c.Bool("light-kdf") {
		n, p = miner.LightScryptN, miner.LightScryptP
	}
	w, _, err := miner.NewWallet(scheme, pass, n, p, nil)
	if err != nil {
		return err
	}
	if err := miner.WriteWallet(out, w); err != nil {
		return err
	}
	pub, _ := hexutil.Decode(w.PublicKey)
	fmt.Fprintf(c.App.Writer, "wallet     %s\nscheme     %s\nminer id   %s\npublic key %d bytes\n", out, w.Scheme, w.MinerID, len(pub))
	fmt.Fprintln(c.App.Writer, "Keep the passphrase: without it the key cannot be recovered.")
	fmt.Fprintf(c.App.Writer, "\nwrote %s (the ML-DSA mining key, encrypted)\nnext: pars-miner gas-account new --keystore %s   # the account that pays gas\n",
		out, filepath.Join(filepath.Dir(out), "keystore"))
	return nil
}

func statusCmd(c *cli.Context) error {
	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Context, 2*time.Minute)
	defer cancel()
	node, err := miner.DialNode(ctx, cfg.Network.RPCEndpoint)
	if err != nil {
		return err
	}
	defer node.Close()
	if err := miner.CheckChain(ctx, node, cfg.Network.RPCEndpoint, cfg.Network.ChainID); err != nil {
		return err
	}
	ben := cfg.BeneficiaryAddress()
	bal, err := miner.MiningBalance(ctx, node, ben)
	if err != nil {
		return err
	}
	last, err := miner.RecentAccepted(ctx, node, ben, c.Int("last"), c.Uint64("lookback"))
	if err != nil {
		return err
	}
	w := c.App.Writer
	fmt.Fprintf(w, "chain           %d\n", cfg.Network.ChainID)
	fmt.Fprintf(w, "beneficiary     %s\n", ben.Hex())
	fmt.Fprintf(w, "mining balance  %s\n", formatToken(bal, cfg.Network.TokenSymbol, c.Bool(weiFlag.Name)))
	fmt.Fprintf(w, "queued proofs   %s\n", runningMinerQueue(ctx, cfg.Metrics.Listen))
	fmt.Fprintf(w, "finality        %s\n", runningMinerFinality(ctx, cfg.Metrics.Listen, cfg.Mining.Confirmations))
	if cfg.Zap.Gateway != "" {
		fmt.Fprintf(w, "held proofs     %s\n", runningMinerHeld(ctx, cfg.Metrics.Listen))
	}
	if len(last) == 0 {
		fmt.Fprintf(w, "no accepted proofs in the last %d blocks\n", c.Uint64("lookback"))
		return nil
	}
	fmt.Fprintf(w, "last %d accepted proofs (newest first):\n", len(last))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	unit := cfg.Network.TokenSymbol
	if c.Bool(weiFlag.Name) {
		unit = "wei"
	}
	fmt.Fprintf(tw, "BLOCK\tWORK ID\tMINER ID\tCOMPUTE UNITS\tREWARD (%s)\tEPOCH\tTX\n", unit)
	for _, a := range last {
		reward := formatUnits(a.Reward, 18)
		if c.Bool(weiFlag.Name) {
			reward = a.Reward.String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%d\t%s\n", a.BlockNumber, short(a.WorkID[:]), short(a.MinerID[:]), a.ComputeUnits, reward, a.Epoch, a.TxHash.Hex())
	}
	return tw.Flush()
}

// short abbreviates a 32-byte id for tables.
func short(b []byte) string {
	s := hexutil.Encode(b)
	return s[:10] + "…" + s[len(s)-6:]
}

// formatUnits renders v / 10^decimals with all significant decimals.
func formatUnits(v *big.Int, decimals int) string {
	q, r := new(big.Int).QuoRem(v, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil), new(big.Int))
	frac := strings.TrimRight(fmt.Sprintf("%0*s", decimals, r.String()), "0")
	if frac == "" {
		return q.String()
	}
	return q.String() + "." + frac
}

func serveBuiltinCmd(c *cli.Context) error {
	ln, err := net.Listen("tcp", c.String("listen"))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: openaiserver.New(nil), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(c.App.Writer, "serving %s (model hash %x) at http://%s/v1\n", builtin.Name, builtin.Default().Hash(), ln.Addr())
	go func() {
		<-c.Context.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
