package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
	"github.com/urfave/cli/v2"
)

// The precompile's default time window, the default of `proof verify`.
var defaultWindow = func() proof.TimeWindow {
	p := precompile.DefaultParams(common.Address{})
	return proof.TimeWindow{Past: p.TimeWindowPast, Future: p.TimeWindowFuture}
}()

// proofFileFlag reads a proof from a file instead of the argument.
var proofFileFlag = &cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "read the proof hex from this file (\"-\": standard input) instead of the argument", TakesFile: true}

func proveCommand() *cli.Command {
	return &cli.Command{
		Name:  "prove",
		Usage: "do one job and print its signed proof as hex, without submitting it",
		UsageText: "pars-miner prove --config config.toml (--input TEXT | --input-file F) [--model M] [--job-id 0x…]\n" +
			"pars-miner prove --wallet wallet.json --chain-id N --beneficiary 0x… (--input TEXT | --input-file F)",
		Description: "Fixes a WorkContext (chain id, job id, model hash, input hash, device id, fresh nonce,\n" +
			"timestamp) before any compute, runs the model on the input, and signs the proof with the\n" +
			"wallet's ML-DSA key. The proof goes to standard output as 0x-hex; what went into it goes\n" +
			"to standard error. Nothing is sent to a node.\n\n" +
			"With --config, the wallet, its passphrase, the back-end, the chain id, the beneficiary and\n" +
			"the device come from the configuration (flags override them). Without it the built-in\n" +
			"model runs and --wallet, --chain-id and --beneficiary are required.",
		Flags: []cli.Flag{
			configFlag,
			&cli.StringFlag{Name: "wallet", Usage: "the ML-DSA wallet", DefaultText: "mining.wallet_path of --config", TakesFile: true},
			&cli.StringFlag{Name: "passphrase-file", Usage: "read the wallet passphrase from the first line of this file", TakesFile: true},
			&cli.StringFlag{Name: "passphrase-env", Usage: "read the wallet passphrase from this environment variable"},
			&cli.StringFlag{Name: "model", Usage: "model to run", DefaultText: "the first of mining.models, or " + builtin.Name},
			&cli.StringFlag{Name: "input", Usage: "the inference input text"},
			&cli.StringFlag{Name: "input-file", Usage: "read the inference input from this file", TakesFile: true},
			&cli.StringFlag{Name: "job-id", Usage: "32-byte job id as 0x-hex", DefaultText: "random"},
			&cli.Uint64Flag{Name: "chain-id", Usage: "chain the proof is bound to", DefaultText: "network.chain_id"},
			&cli.StringFlag{Name: "beneficiary", Usage: "address credited with the reward", DefaultText: "mining.beneficiary"},
			&cli.StringFlag{Name: "device", Usage: "device name for the device id", DefaultText: "the first of gpu.device_ids, or cpu"},
			&cli.Uint64Flag{Name: "time", Usage: "WorkContext timestamp, unix seconds", DefaultText: "now"},
			&cli.IntFlag{Name: "max-tokens", Usage: "output tokens of the built-in model", DefaultText: "backend.max_tokens, or 64"},
		},
		Action: proveCmd,
	}
}

func proofCommand() *cli.Command {
	return &cli.Command{
		Name:      "proof",
		Usage:     "inspect an encoded AIWorkProof",
		UsageText: "pars-miner proof decode (HEX | --file F)\npars-miner proof verify --chain-id N [--time UNIX] (HEX | --file F)",
		Subcommands: []*cli.Command{
			{
				Name:      "decode",
				Usage:     "print a proof's fields, scheme, work id and miner id as JSON",
				UsageText: "pars-miner proof decode (HEX | --file F)",
				Description: "Decodes the proof strictly, as the IAIMining precompile does, without checking its\n" +
					"signature. A malformed proof is refused with the field and byte offset at fault.",
				ArgsUsage: "HEX",
				Flags:     []cli.Flag{proofFileFlag},
				Action:    proofDecodeCmd,
			},
			{
				Name:      "verify",
				Usage:     "check a proof's chain binding, timestamp window and ML-DSA signature",
				UsageText: "pars-miner proof verify --chain-id N [--time UNIX] [--window-past S] [--window-future S] (HEX | --file F)",
				Description: "Runs the checks a verifier outside consensus runs: the proof decodes, is bound to\n" +
					"--chain-id, its timestamp lies in [time - window-past, time + window-future], its\n" +
					"beneficiary and compute units are not zero, and its ML-DSA signature verifies. It prints\n" +
					"\"valid\" and exits 0, or \"invalid: REASON\" and exits 1. It does not ask a node whether\n" +
					"the work was already rewarded, nor apply the chain's compute-unit cap.",
				ArgsUsage: "HEX",
				Flags: []cli.Flag{
					proofFileFlag,
					&cli.Uint64Flag{Name: "chain-id", Usage: "the chain that judges the proof (required)", DefaultText: "none", Required: true},
					&cli.Uint64Flag{Name: "time", Usage: "reference time, unix seconds", DefaultText: "now"},
					&cli.Uint64Flag{Name: "window-past", Value: defaultWindow.Past, Usage: "seconds the timestamp may lie before --time"},
					&cli.Uint64Flag{Name: "window-future", Value: defaultWindow.Future, Usage: "seconds the timestamp may lie after --time"},
				},
				Action: proofVerifyCmd,
			},
		},
	}
}

func balanceCommand() *cli.Command {
	return &cli.Command{
		Name:      "balance",
		Usage:     "show an address's mining balance (miningBalance at 0x0300)",
		UsageText: "pars-miner balance --config config.toml [--address 0x…] [--wei]\npars-miner balance --rpc URL --address 0x… [--chain-id N] [--wei]",
		Description: "Reads miningBalance(address) from the IAIMining precompile on the latest block.\n" +
			"With --config the node and the address (mining.beneficiary) come from the configuration.",
		Flags: []cli.Flag{
			configFlag,
			&cli.StringFlag{Name: "rpc", Usage: "the node's JSON-RPC endpoint", DefaultText: "network.rpc_endpoint"},
			&cli.StringFlag{Name: "address", Usage: "the address", DefaultText: "mining.beneficiary"},
			&cli.Uint64Flag{Name: "chain-id", Usage: "refuse a node on another chain", DefaultText: "network.chain_id"},
			weiFlag,
		},
		Action: balanceCmd,
	}
}

// optionalConfig loads --config when given.
func optionalConfig(c *cli.Context) (*miner.Config, error) {
	if c.String(configFlag.Name) == "" {
		return nil, nil
	}
	return loadConfig(c)
}

// noArgs refuses positional arguments.
func noArgs(c *cli.Context) error {
	if c.Args().Present() {
		return fmt.Errorf("unexpected argument %q (see `pars-miner %s --help`)", c.Args().First(), c.Command.Name)
	}
	return nil
}

func proveCmd(c *cli.Context) error {
	if err := noArgs(c); err != nil {
		return err
	}
	cfg, err := optionalConfig(c)
	if err != nil {
		return err
	}

	// What the proof is bound to.
	chainID := c.Uint64("chain-id")
	if chainID == 0 && cfg != nil {
		chainID = cfg.Network.ChainID
	}
	switch {
	case chainID == 0:
		return errors.New("missing --chain-id (or --config)")
	case chainID > math.MaxUint32:
		return fmt.Errorf("--chain-id %d does not fit in 32 bits", chainID)
	}
	var beneficiary common.Address
	switch {
	case c.String("beneficiary") != "":
		if beneficiary, err = miner.ParseAddress(c.String("beneficiary")); err != nil {
			return fmt.Errorf("--beneficiary: %w", err)
		}
	case cfg != nil:
		beneficiary = cfg.BeneficiaryAddress()
	default:
		return errors.New("missing --beneficiary (or --config)")
	}
	if beneficiary == (common.Address{}) {
		return errors.New("--beneficiary is the zero address; the proof would be refused")
	}
	var jobID proof.Hash
	if s := c.String("job-id"); s != "" {
		b, err := hexutil.Decode(s)
		if err != nil || len(b) != len(jobID) {
			return fmt.Errorf("--job-id %q: want 0x and 64 hex digits", s)
		}
		copy(jobID[:], b)
	} else if _, err := rand.Read(jobID[:]); err != nil {
		return err
	}
	ts := c.Uint64("time")
	if ts == 0 {
		ts = uint64(time.Now().Unix())
	}
	input, err := proveInput(c)
	if err != nil {
		return err
	}

	// The back-end, model and device.
	var (
		backend miner.Backend
		kind    = miner.BackendBuiltin
		model   = builtin.Name
		device  = miner.DefaultBuiltinDevice
	)
	maxTokens := miner.DefaultMaxTokens
	if cfg != nil {
		kind, model, device, maxTokens = cfg.Backend.Kind, cfg.Mining.Models[0], cfg.GPU.DeviceIDs[0], cfg.Backend.MaxTokens
	}
	if n := c.Int("max-tokens"); n != 0 {
		if kind != miner.BackendBuiltin {
			return errors.New("--max-tokens is for the built-in model; set backend.max_tokens for an HTTP back-end")
		}
		if n < 1 || n > 8192 {
			return fmt.Errorf("--max-tokens must be 1..8192, not %d", n)
		}
		maxTokens = n
	}
	if kind == miner.BackendBuiltin {
		backend = miner.NewBuiltinBackend(maxTokens)
	} else if backend, err = miner.OpenBackend(c.Context, cfg, nil); err != nil {
		return err
	}
	if m := c.String("model"); m != "" {
		model = m
	}
	if d := c.String("device"); d != "" {
		device = d
	}

	key, err := proveKey(c, cfg)
	if err != nil {
		return err
	}
	work, err := miner.Prove(c.Context, backend, key, miner.Job{ID: jobID, Model: model, Input: input}, miner.ProveParams{
		ChainID:     uint32(chainID),
		Beneficiary: beneficiary,
		Device:      miner.Device{Name: device, ID: miner.DeviceID(kind, device)},
		Timestamp:   ts,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(c.App.Writer, hexutil.Encode(work.Encoded))
	w := c.App.ErrWriter
	fmt.Fprintf(w, "chain id       %d\n", chainID)
	fmt.Fprintf(w, "work id        %s\n", hexutil.Encode(work.WorkID[:]))
	minerID := key.Public().ID()
	fmt.Fprintf(w, "miner id       %s (%s)\n", hexutil.Encode(minerID[:]), key.Scheme())
	fmt.Fprintf(w, "job id         %s\n", hexutil.Encode(jobID[:]))
	fmt.Fprintf(w, "model          %s (%s)\n", model, hexutil.Encode(work.Model.Hash[:]))
	fmt.Fprintf(w, "device         %s\n", device)
	fmt.Fprintf(w, "beneficiary    %s\n", beneficiary.Hex())
	fmt.Fprintf(w, "timestamp      %d\n", ts)
	fmt.Fprintf(w, "tokens         %d in, %d out\n", work.InputTokens, work.OutputTokens)
	fmt.Fprintf(w, "compute units  %d (at %d parameters; the chain computes them from its model registry)\n", work.ComputeUnits, work.Model.Parameters)
	fmt.Fprintf(w, "output         %q\n", work.Output)
	fmt.Fprintf(w, "proof          %d bytes\n", len(work.Encoded))
	return nil
}

// proveInput reads --input or --input-file.
func proveInput(c *cli.Context) ([]byte, error) {
	text, file := c.String("input"), c.String("input-file")
	switch {
	case text != "" && file != "":
		return nil, errors.New("give --input or --input-file, not both")
	case text != "":
		return []byte(text), nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("--input-file: %w", err)
		}
		if len(b) == 0 {
			return nil, fmt.Errorf("--input-file %s is empty", file)
		}
		return b, nil
	}
	return nil, errors.New("missing --input or --input-file")
}

// proveKey unlocks the wallet named by --wallet or the configuration.
func proveKey(c *cli.Context, cfg *miner.Config) (*proof.PrivateKey, error) {
	path := c.String("wallet")
	if path == "" {
		if cfg == nil {
			return nil, errors.New("missing --wallet (or --config)")
		}
		path = cfg.ResolvePath(cfg.Mining.WalletPath)
	}
	src := miner.PassphraseSource{File: c.String("passphrase-file"), Env: c.String("passphrase-env")}
	if src.File != "" && src.Env != "" {
		return nil, errors.New("give --passphrase-file or --passphrase-env, not both")
	}
	if src == (miner.PassphraseSource{}) && cfg != nil {
		src = cfg.WalletPassphraseSource()
	}
	pass, err := miner.ReadPassphrase(src, "Wallet passphrase: ")
	if err != nil {
		return nil, fmt.Errorf("wallet passphrase: %w", err)
	}
	return miner.LoadWallet(path, pass)
}

// readProof reads the proof hex from the argument or --file and decodes it.
func readProof(c *cli.Context) ([]byte, error) {
	var text string
	file := c.String(proofFileFlag.Name)
	switch {
	case c.NArg() > 1:
		return nil, fmt.Errorf("want one proof, got %d arguments", c.NArg())
	case c.NArg() == 1 && file != "":
		return nil, errors.New("give the proof as an argument or with --file, not both")
	case c.NArg() == 1:
		text = c.Args().First()
	case file == "-":
		b, err := io.ReadAll(io.LimitReader(c.App.Reader, 1<<20))
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		text = string(b)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		text = string(b)
	default:
		return nil, fmt.Errorf("missing proof: give it as hex (see `pars-miner proof %s --help`)", c.Command.Name)
	}
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(strings.TrimPrefix(text, "0x"), "0X")
	if text == "" {
		return nil, errors.New("the proof is empty")
	}
	b, err := hex.DecodeString(text)
	if err != nil {
		return nil, fmt.Errorf("the proof is not hex: %w", err)
	}
	return b, nil
}

// decodedProof is the JSON form printed by `proof decode`.
type decodedProof struct {
	Version         uint8          `json:"version"` // the work proof version
	Scheme          string         `json:"scheme"`
	Size            int            `json:"size"`
	WorkID          common.Hash    `json:"workId"`
	MinerID         common.Hash    `json:"minerId"`
	Context         decodedContext `json:"context"`
	Beneficiary     common.Address `json:"beneficiary"`
	OutputHash      common.Hash    `json:"outputHash"`
	InputTokens     uint32         `json:"inputTokens"`
	OutputTokens    uint32         `json:"outputTokens"`
	AttestationHash common.Hash    `json:"attestationHash"`
	Attested        bool           `json:"attested"` // the attestation hash is not that of an empty attestation
	MinerKey        hexutil.Bytes  `json:"minerKey"`
	Signature       hexutil.Bytes  `json:"signature"`
	Digest          common.Hash    `json:"digest"`   // what the chain records of a pending proof
	SpentKey        common.Hash    `json:"spentKey"` // the precompile's storage slot for the work id
	Notes           []string       `json:"notes,omitempty"`
}

type decodedContext struct {
	Version          uint8       `json:"version"` // the WorkContext's own version byte
	ChainID          uint32      `json:"chainId"`
	JobID            common.Hash `json:"jobId"`
	ModelHash        common.Hash `json:"modelHash"`
	InputHash        common.Hash `json:"inputHash"`
	DeviceID         common.Hash `json:"deviceId"`
	Nonce            common.Hash `json:"nonce"`
	Timestamp        uint64      `json:"timestamp"`
	Time             string      `json:"time"` // the timestamp in RFC 3339, UTC
	AttestationNonce common.Hash `json:"attestationNonce"`
}

func decodeProof(b []byte) (*decodedProof, error) {
	p, err := proof.DecodeAIWorkProof(b)
	if err != nil {
		return nil, err
	}
	scheme, err := p.Scheme()
	if err != nil { // DecodeAIWorkProof accepts only valid key sizes
		return nil, err
	}
	wc := p.Context
	d := &decodedProof{
		Version: proof.WorkProofVersion,
		Scheme:  scheme.String(),
		Size:    len(b),
		WorkID:  common.Hash(p.WorkID()),
		MinerID: common.Hash(p.MinerID()),
		Context: decodedContext{
			Version: proof.Version, ChainID: wc.ChainID, JobID: common.Hash(wc.JobID), ModelHash: common.Hash(wc.ModelHash),
			InputHash: common.Hash(wc.InputHash), DeviceID: common.Hash(wc.DeviceID), Nonce: common.Hash(wc.Nonce),
			Timestamp: wc.Timestamp, AttestationNonce: common.Hash(wc.AttestationNonce()),
		},
		Beneficiary:     p.Beneficiary,
		OutputHash:      common.Hash(p.OutputHash),
		InputTokens:     p.InputTokens,
		OutputTokens:    p.OutputTokens,
		AttestationHash: common.Hash(p.AttestationHash),
		Attested:        p.AttestationHash != proof.HashAttestation(nil),
		MinerKey:        p.MinerKey,
		Signature:       p.Signature,
		Digest:          common.Hash(p.Digest()),
		SpentKey:        common.Hash(proof.SpentKey(p.WorkID())),
	}
	if wc.Timestamp <= math.MaxInt64 {
		d.Context.Time = time.Unix(int64(wc.Timestamp), 0).UTC().Format(time.RFC3339)
	}
	if d.Attested {
		d.Notes = append(d.Notes, "the proof commits to attestation evidence: submit it with that evidence")
	}
	if p.Beneficiary == (common.Address{}) {
		d.Notes = append(d.Notes, "the beneficiary is the zero address")
	}
	if p.OutputTokens == 0 {
		d.Notes = append(d.Notes, "the output tokens are zero")
	}
	return d, nil
}

func proofDecodeCmd(c *cli.Context) error {
	b, err := readProof(c)
	if err != nil {
		return err
	}
	d, err := decodeProof(b)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(c.App.Writer)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

func proofVerifyCmd(c *cli.Context) error {
	chainID := c.Uint64("chain-id")
	if chainID == 0 {
		return errors.New("--chain-id must not be zero")
	}
	now := c.Uint64("time")
	if now == 0 {
		now = uint64(time.Now().Unix())
	}
	window := proof.TimeWindow{Past: c.Uint64("window-past"), Future: c.Uint64("window-future")}
	b, err := readProof(c)
	if err != nil {
		return err
	}
	w := c.App.Writer
	p, err := proof.DecodeAIWorkProof(b)
	if err == nil {
		err = p.Verify(chainID, now, window)
	}
	if err != nil {
		fmt.Fprintf(w, "invalid: %v\n", err)
		return &exitError{code: 1}
	}
	scheme, _ := p.Scheme()
	workID, minerID := p.WorkID(), p.MinerID()
	fmt.Fprintln(w, "valid")
	fmt.Fprintf(w, "chain id       %d\n", chainID)
	fmt.Fprintf(w, "work id        %s\n", hexutil.Encode(workID[:]))
	fmt.Fprintf(w, "miner id       %s (%s)\n", hexutil.Encode(minerID[:]), scheme)
	fmt.Fprintf(w, "beneficiary    %s\n", p.Beneficiary.Hex())
	fmt.Fprintf(w, "tokens         %d in, %d out (the chain prices them by its model registry)\n", p.InputTokens, p.OutputTokens)
	fmt.Fprintf(w, "timestamp      %d (%s)\n", p.Context.Timestamp, offset(p.Context.Timestamp, now))
	return nil
}

// offset describes ts relative to now.
func offset(ts, now uint64) string {
	switch {
	case ts == now:
		return "at the reference time"
	case ts < now:
		return fmt.Sprintf("%d s before the reference time", now-ts)
	}
	return fmt.Sprintf("%d s after the reference time", ts-now)
}

func balanceCmd(c *cli.Context) error {
	if err := noArgs(c); err != nil {
		return err
	}
	cfg, err := optionalConfig(c)
	if err != nil {
		return err
	}
	endpoint, want := c.String("rpc"), c.Uint64("chain-id")
	var addr common.Address
	if cfg != nil {
		if endpoint == "" {
			endpoint = cfg.Network.RPCEndpoint
		}
		if want == 0 {
			want = cfg.Network.ChainID
		}
		addr = cfg.BeneficiaryAddress()
	}
	if endpoint == "" {
		return errors.New("missing --rpc (or --config)")
	}
	if s := c.String("address"); s != "" {
		if addr, err = miner.ParseAddress(s); err != nil {
			return fmt.Errorf("--address: %w", err)
		}
	} else if cfg == nil {
		return errors.New("missing --address (or --config)")
	}

	ctx, cancel := context.WithTimeout(c.Context, time.Minute)
	defer cancel()
	node, err := miner.DialNode(ctx, endpoint)
	if err != nil {
		return err
	}
	defer node.Close()
	id, err := node.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("cannot reach the node at %s: %w", endpoint, err)
	}
	if want != 0 && (!id.IsUint64() || id.Uint64() != want) {
		src := "network.chain_id"
		if c.IsSet("chain-id") {
			src = "--chain-id"
		}
		return fmt.Errorf("the node at %s is on chain %s, not chain %d (%s)", endpoint, id, want, src)
	}
	if !id.IsUint64() {
		return fmt.Errorf("the node at %s reports chain id %s", endpoint, id)
	}
	want = id.Uint64()
	if err := miner.CheckChain(ctx, node, endpoint, want); err != nil {
		return err
	}
	head, err := node.BlockNumber(ctx)
	if err != nil {
		return fmt.Errorf("read block number: %w", err)
	}
	bal, err := miner.MiningBalanceAt(ctx, node, addr, new(big.Int).SetUint64(head))
	if err != nil {
		return err
	}
	w := c.App.Writer
	fmt.Fprintf(w, "chain           %d\n", want)
	fmt.Fprintf(w, "block           %d\n", head)
	fmt.Fprintf(w, "address         %s\n", addr.Hex())
	symbol := miner.DefaultTokenSymbol
	if cfg != nil {
		symbol = cfg.Network.TokenSymbol
	}
	fmt.Fprintf(w, "mining balance  %s\n", formatToken(bal, symbol, c.Bool(weiFlag.Name)))
	return nil
}
