package main

import (
	"context"
	"log/slog"
	"math/big"
	"time"

	"github.com/pars-network/aimining/miner"
	"github.com/urfave/cli/v2"
)

// weiFlag shows amounts of the AI token in wei instead of whole tokens.
var weiFlag = &cli.BoolFlag{Name: "wei", Usage: "show amounts in wei instead of the AI token (18 decimals)"}

// formatToken renders an amount of the AI token given in wei: in tokens
// with the symbol ("0.0006 AI"), or in wei ("600000000000000 wei").
func formatToken(v *big.Int, symbol string, wei bool) string {
	if wei {
		return v.String() + " wei"
	}
	return formatUnits(v, 18) + " " + symbol
}

// logStarted logs where the running miner's pieces are and how to follow
// it, and warns when its gas account holds no native coin to pay for
// submissions.
func logStarted(ctx context.Context, log *slog.Logger, cfg *miner.Config, metricsURL string) {
	attrs := []any{
		"config", cfg.Path,
		"wallet", cfg.ResolvePath(cfg.Mining.WalletPath),
		"gas_keystore", cfg.ResolvePath(cfg.Mining.GasKeystore),
		"logs", "standard error",
	}
	if metricsURL != "" {
		attrs = append(attrs, "metrics", metricsURL)
	}
	attrs = append(attrs, "next", "pars-miner status --config "+cfg.Path)
	log.Info("miner started", attrs...)

	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	node, err := miner.DialNode(ctx, cfg.Network.RPCEndpoint)
	if err != nil {
		return // Open reached the node; Run reports trouble on its own
	}
	defer node.Close()
	gas := cfg.GasAccountAddress()
	if bal, err := node.BalanceAt(ctx, gas, nil); err == nil && bal.Sign() == 0 {
		log.Warn("the gas account holds no native coin: every submission will fail until it is funded",
			"gas_account", gas.Hex(), "check", "pars-miner gas-account show --config "+cfg.Path)
	}
}
