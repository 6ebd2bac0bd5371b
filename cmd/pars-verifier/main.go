// Command pars-verifier is the off-chain half of sampled audits.
//
//	pars-verifier watch [--config verifier.toml] [--rpc URL] [--reveal-dir D] [--findings F] [--polls N]
//	pars-verifier judge --reveal F [--config verifier.toml] [--endpoint URL --model NAME]
//	pars-verifier committee check --endpoint URL --model NAME --prompt-file F --output-file F --output-tokens N
//
// watch follows a chain's WorkAccepted events, computes each piece of
// work's audit draw from the hashes of the blocks after it (the same draw
// the precompile makes, with the chain's audit parameters), and judges the
// reveals of selected work that it finds in a reveal directory or, without
// one, on chain: built-in work is re-executed exactly as the precompile
// re-executes it, other models are checked by their log-probabilities on
// the verifier's own OpenAI-compatible back-end. It writes one finding per
// selected piece of work (JSON lines) and logs faults. With an account
// ([account] keystore) it acts: it opens the audits of selected work
// (markSelected), challenges work whose reveal does not stand (with the
// chain's challenge bond), settles every audit past its deadline
// (settleAudit: a miner that did not reveal is slashed) and, with
// account.vote, votes in the committees its account is drawn into. judge
// and committee check judge one reveal, or one prompt and claimed output,
// from files.
//
// Exit status: 0 when nothing is at fault (judge) or the output is
// accepted (committee check), 3 when a fault is found or the output is
// rejected, 1 on any error. Every command describes itself with --help.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pars-network/aimining/audit"
	"github.com/pars-network/aimining/audit/logprob"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/openai"
	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitError = 1
	exitFault = 3
)

// exitCode ends the program with code after the command has printed its
// result.
type exitCode struct{ code int }

func (e *exitCode) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	if err := app.RunContext(ctx, args); err != nil {
		var ec *exitCode
		if errors.As(err, &ec) {
			return ec.code
		}
		fmt.Fprintln(stderr, "pars-verifier:", err)
		return exitError
	}
	return 0
}

var (
	configFlag   = &cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "configuration file (TOML)", TakesFile: true}
	endpointFlag = &cli.StringFlag{Name: "endpoint", Usage: "OpenAI-compatible server of the committee model (overrides committee.endpoint)"}
	modelFlag    = &cli.StringFlag{Name: "model", Usage: "model name on that server (overrides committee.model)"}
)

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "pars-verifier",
		Usage: "sampled audits of Proof-of-AI work: watcher and committee verifier",
		UsageText: "pars-verifier watch [--config verifier.toml] [--rpc URL] [--reveal-dir D] [--findings F] [--polls N]\n" +
			"pars-verifier judge --reveal F [--config verifier.toml] [--endpoint URL --model NAME]\n" +
			"pars-verifier committee check --endpoint URL --model NAME --prompt-file F --output-file F --output-tokens N",
		Writer:         stdout,
		ErrWriter:      stderr,
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			{
				Name:  "watch",
				Usage: "follow the chain, draw accepted work for audit, judge the reveals of selected work and, with an account, open, challenge and settle audits and vote",
				Flags: []cli.Flag{
					configFlag,
					&cli.StringFlag{Name: "rpc", Usage: "node JSON-RPC endpoint (overrides chain.rpc)"},
					&cli.Uint64Flag{Name: "from-block", Usage: "first block to scan (overrides audit.from_block; 0: the latest block)"},
					&cli.StringFlag{Name: "reveal-dir", Usage: "folder of reveal files <work id hex>.json (overrides watch.reveal_dir)", TakesFile: true},
					&cli.StringFlag{Name: "findings", Usage: "append findings as JSON lines to this file, - for standard output (overrides watch.findings)", TakesFile: true},
					&cli.IntFlag{Name: "polls", Usage: "stop after this many polls (0: run until interrupted)"},
					endpointFlag, modelFlag,
					&cli.StringFlag{Name: "log-level", Value: "info", Usage: "debug, info, warn or error"},
					&cli.StringFlag{Name: "log-format", Value: "text", Usage: "text or json"},
				},
				Action: watchCmd,
			},
			{
				Name:      "judge",
				Usage:     "judge one reveal file: re-execute built-in work, or check another model's output on the committee back-end",
				UsageText: "pars-verifier judge --reveal F [--config verifier.toml] [--endpoint URL --model NAME]",
				Flags: []cli.Flag{
					configFlag,
					&cli.StringFlag{Name: "reveal", Usage: "reveal file (JSON)", Required: true, TakesFile: true},
					endpointFlag, modelFlag,
				},
				Action: judgeCmd,
			},
			{
				Name:  "committee",
				Usage: "committee verifier tools",
				Subcommands: []*cli.Command{{
					Name:      "check",
					Usage:     "check a claimed output against the model by its log-probabilities",
					UsageText: "pars-verifier committee check [--config verifier.toml] --endpoint URL --model NAME --prompt-file F --output-file F --output-tokens N",
					Flags: []cli.Flag{
						configFlag, endpointFlag, modelFlag,
						&cli.StringFlag{Name: "prompt-file", Usage: "the exact text the model saw before the output", Required: true, TakesFile: true},
						&cli.StringFlag{Name: "output-file", Usage: "the claimed output", Required: true, TakesFile: true},
						&cli.IntFlag{Name: "output-tokens", Usage: "the claimed output's token count (used by the greedy fallback)", Required: true},
					},
					Action: committeeCheckCmd,
				}},
			},
		},
	}
}

// config loads the configuration and applies the flags shared by commands.
func config(c *cli.Context) (Config, error) {
	cfg, err := loadConfig(c.String("config"))
	if err != nil {
		return cfg, err
	}
	if c.IsSet("endpoint") {
		cfg.Committee.Endpoint = c.String("endpoint")
	}
	if c.IsSet("model") {
		cfg.Committee.Model = c.String("model")
	}
	return cfg, cfg.validate()
}

// checker returns the committee checker, or nil when no endpoint is set.
func checker(cfg Config) (*logprob.Checker, error) {
	if cfg.Committee.Endpoint == "" {
		return nil, nil
	}
	if cfg.Committee.Model == "" {
		return nil, errors.New("committee.endpoint is set but committee.model is not")
	}
	var key string
	if cfg.Committee.APIKeyEnv != "" {
		key = os.Getenv(cfg.Committee.APIKeyEnv)
	}
	client, err := openai.NewClient(cfg.Committee.Endpoint, openai.Options{APIKey: key})
	if err != nil {
		return nil, err
	}
	return logprob.NewChecker(client, cfg.Committee.Model, cfg.Committee.Thresholds())
}

func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: %w", level, err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want text or json", format)
}

func watchCmd(c *cli.Context) error {
	cfg, err := config(c)
	if err != nil {
		return err
	}
	if c.IsSet("rpc") {
		cfg.Chain.RPC = c.String("rpc")
	}
	if c.IsSet("from-block") {
		cfg.Audit.FromBlock = c.Uint64("from-block")
	}
	if c.IsSet("reveal-dir") {
		cfg.Watch.RevealDir = c.String("reveal-dir")
	}
	if c.IsSet("findings") {
		cfg.Watch.Findings = c.String("findings")
	}
	if cfg.Chain.RPC == "" {
		return errors.New("no chain: set chain.rpc or --rpc")
	}
	log, err := newLogger(c.App.ErrWriter, c.String("log-level"), c.String("log-format"))
	if err != nil {
		return err
	}
	chk, err := checker(cfg)
	if err != nil {
		return err
	}
	ctx := c.Context
	client, err := miner.DialNode(ctx, cfg.Chain.RPC)
	if err != nil {
		return err
	}
	defer client.Close()
	from := cfg.Audit.FromBlock
	if from == 0 {
		if from, err = client.BlockNumber(ctx); err != nil {
			return fmt.Errorf("latest block: %w", err)
		}
	}
	params := audit.Params{Delay: cfg.Audit.Delay, ProbabilityBps: cfg.Audit.ProbabilityBps, Confirmations: cfg.Audit.Confirmations}
	if params.Delay == 0 {
		cp, err := audit.ReadChainParams(ctx, client)
		if err != nil {
			return fmt.Errorf("the chain's audit parameters (set audit.delay to use your own): %w", err)
		}
		params.Delay, params.ProbabilityBps = cp.Delay, cp.ProbabilityBps
	}
	w, err := audit.NewWatcher(ctx, client, params, from)
	if err != nil {
		return err
	}
	d := &audit.Daemon{Watcher: w, Checker: chk, RevealWindow: cfg.Audit.RevealWindow, Interval: cfg.Audit.PollInterval, Log: log}
	if cfg.Watch.RevealDir != "" {
		d.Reveals = audit.RevealDir(cfg.Watch.RevealDir)
	} else {
		d.Reveals = audit.ChainReveals{Chain: client, Txs: client, From: from}
	}
	if cfg.Account.Keystore != "" {
		sub, account, err := sender(cfg.Account, client, w.ChainID())
		if err != nil {
			return err
		}
		d.Sender = sub
		if cfg.Account.Vote {
			if chk == nil {
				return errors.New("account.vote needs committee.endpoint and committee.model")
			}
			d.Verifier = account
		}
		log.Info("acting on chain", "account", account.Hex(), "votes", cfg.Account.Vote)
	}
	switch cfg.Watch.Findings {
	case "":
	case "-":
		d.Findings = c.App.Writer
	default:
		f, err := os.OpenFile(cfg.Watch.Findings, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("findings file: %w", err)
		}
		defer f.Close()
		d.Findings = f
	}
	log.Info("watching", "rpc", cfg.Chain.RPC, "chain_id", w.ChainID(), "from_block", from,
		"delay", params.Delay, "probability_bps", params.ProbabilityBps, "confirmations", params.Confirmations,
		"reveal_dir", cfg.Watch.RevealDir, "committee", cfg.Committee.Endpoint != "", "acting", d.Sender != nil)
	if n := c.Int("polls"); n > 0 {
		for i := 0; i < n && ctx.Err() == nil; i++ {
			if _, err := d.Step(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	return d.Run(ctx)
}

// sender loads the account's key and returns the transaction sender the
// daemon acts with (the miner's Submitter) and its address.
func sender(a AccountConfig, client *miner.NodeClient, chainID uint64) (*miner.Submitter, common.Address, error) {
	var account common.Address
	if a.Address != "" {
		if !common.IsHexAddress(a.Address) {
			return nil, account, fmt.Errorf("account.address %q is not an address", a.Address)
		}
		account = common.HexToAddress(a.Address)
	} else {
		entries, err := os.ReadDir(a.Keystore)
		if err != nil {
			return nil, account, fmt.Errorf("account.keystore: %w", err)
		}
		var found []common.Address
		for _, e := range entries {
			if addr, ok := keystoreAddress(e.Name()); ok {
				found = append(found, addr)
			}
		}
		if len(found) != 1 {
			return nil, account, fmt.Errorf("account.keystore %s holds %d accounts; set account.address", a.Keystore, len(found))
		}
		account = found[0]
	}
	src := miner.PassphraseSource{File: a.PassphraseFile}
	if src.File == "" && a.PassphraseEnv != "" && os.Getenv(a.PassphraseEnv) != "" {
		src.Env = a.PassphraseEnv
	}
	pass, err := miner.ReadPassphrase(src, "verifier keystore passphrase: ")
	if err != nil {
		return nil, account, err
	}
	key, err := miner.LoadGasKey(a.Keystore, account, pass)
	if err != nil {
		return nil, account, err
	}
	sub, err := miner.NewSubmitter(client, key, miner.SubmitterConfig{ChainID: new(big.Int).SetUint64(chainID)})
	if err != nil {
		return nil, account, err
	}
	return sub, account, nil
}

// keystoreAddress reads the address out of a go-ethereum keystore file
// name (UTC--<time>--<address hex>).
func keystoreAddress(name string) (common.Address, bool) {
	i := strings.LastIndex(name, "--")
	if !strings.HasPrefix(name, "UTC--") || i < 0 || !common.IsHexAddress(name[i+2:]) {
		return common.Address{}, false
	}
	return common.HexToAddress(name[i+2:]), true
}

func judgeCmd(c *cli.Context) error {
	cfg, err := config(c)
	if err != nil {
		return err
	}
	chk, err := checker(cfg)
	if err != nil {
		return err
	}
	f, err := os.Open(c.String("reveal"))
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := audit.ReadReveal(f)
	if err != nil {
		return err
	}
	j, err := audit.Judge(c.Context, r, chk)
	if err != nil {
		return err
	}
	if err := printJSON(c.App.Writer, j); err != nil {
		return err
	}
	if j.Fault {
		return &exitCode{exitFault}
	}
	return nil
}

func committeeCheckCmd(c *cli.Context) error {
	cfg, err := config(c)
	if err != nil {
		return err
	}
	if cfg.Committee.Endpoint == "" {
		return errors.New("no committee back-end: set committee.endpoint or --endpoint")
	}
	chk, err := checker(cfg)
	if err != nil {
		return err
	}
	prompt, err := os.ReadFile(c.String("prompt-file"))
	if err != nil {
		return err
	}
	output, err := os.ReadFile(c.String("output-file"))
	if err != nil {
		return err
	}
	v, err := chk.Check(c.Context, string(prompt), string(output), c.Int("output-tokens"))
	if err != nil {
		return err
	}
	if err := printJSON(c.App.Writer, v); err != nil {
		return err
	}
	if !v.Accept {
		return &exitCode{exitFault}
	}
	return nil
}

func printJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, strings.TrimSpace(string(b)))
	return err
}
