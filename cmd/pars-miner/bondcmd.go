package main

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/pars-network/aimining/miner"
	"github.com/urfave/cli/v2"
)

// bondCommand is `pars-miner bond`: the gas account bonds the miner id.
func bondCommand() *cli.Command {
	return &cli.Command{
		Name:  "bond",
		Usage: "bond the miner id (native coin from the gas account); work earns only while bonded",
		UsageText: "pars-miner bond --config config.toml [--amount WEI]\n\n" +
			"Without --amount it bonds what the bond lacks to reach the chain's minimum.",
		Flags: []cli.Flag{
			configFlag, logLevel, logFormat,
			&cli.StringFlag{Name: "amount", Usage: "wei to add to the bond (decimal)"},
		},
		Action: bondCmd,
	}
}

func bondCmd(c *cli.Context) error {
	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	log, err := newLogger(c)
	if err != nil {
		return err
	}
	m, err := miner.Open(c.Context, cfg, attestOptions(miner.Options{Logger: log, SkipAttestation: true}))
	if err != nil {
		return err
	}
	defer m.Close()
	sent := new(big.Int)
	if s := c.String("amount"); s != "" {
		v, ok := new(big.Int).SetString(s, 10)
		if !ok || v.Sign() <= 0 {
			return fmt.Errorf("--amount %q is not a positive decimal number of wei", s)
		}
		if err := m.Bond(c.Context, v); err != nil {
			return err
		}
		sent = v
	} else if sent, err = m.EnsureBond(c.Context); err != nil {
		return err
	}
	b, err := miner.ReadBond(c.Context, m.Chain(), m.MinerID())
	if err != nil {
		return err
	}
	id := m.MinerID()
	w := c.App.Writer
	fmt.Fprintf(w, "miner id   %s\n", hexutil.Encode(id[:]))
	fmt.Fprintf(w, "bonder     %s\n", b.Bonder.Hex())
	fmt.Fprintf(w, "sent       %s wei\n", sent)
	fmt.Fprintf(w, "bonded     %s wei (%s)\n", b.Bonded, formatUnits(b.Bonded, 18))
	if b.Unbonding.Sign() > 0 {
		fmt.Fprintf(w, "unbonding  %s wei, from block %d\n", b.Unbonding, b.ReadyAt)
	}
	return nil
}

// finalizeCommand is `pars-miner finalize`: credit the miner id's pending
// rewards whose challenge window has passed.
func finalizeCommand() *cli.Command {
	return &cli.Command{
		Name:      "finalize",
		Usage:     "credit the miner id's pending rewards whose challenge window has passed",
		UsageText: "pars-miner finalize --config config.toml [--lookback BLOCKS] [--wei]",
		Flags: []cli.Flag{
			configFlag, logLevel, logFormat, weiFlag,
			&cli.Uint64Flag{Name: "lookback", Value: miner.RecoverLookback, Usage: "how many blocks back to look for pending work"},
		},
		Action: finalizeCmd,
	}
}

func finalizeCmd(c *cli.Context) error {
	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	log, err := newLogger(c)
	if err != nil {
		return err
	}
	m, err := miner.Open(c.Context, cfg, attestOptions(miner.Options{Logger: log, SkipAttestation: true}))
	if err != nil {
		return err
	}
	defer m.Close()
	found, err := m.RecoverPending(c.Context, c.Uint64("lookback"))
	if err != nil {
		return err
	}
	credited, err := m.FinalizeAll(c.Context)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "pending    %d proofs found\ncredited   %s\nwaiting    %d proofs (challenge window open)\n",
		found, formatToken(credited, cfg.Network.TokenSymbol, c.Bool(weiFlag.Name)), m.Pending())
	return nil
}
