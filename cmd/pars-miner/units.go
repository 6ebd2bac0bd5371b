package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"strings"
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

// runningMinerMetrics reads the metrics page of a miner running with this
// configuration (metrics.listen). It returns the page and its URL, or, when
// the miner cannot be asked, a sentence saying why ("unknown: …").
func runningMinerMetrics(ctx context.Context, listen string) (body, url, unknown string) {
	host, port, err := net.SplitHostPort(listen)
	switch {
	case listen == "":
		return "", "", "unknown: metrics.listen is off, so the running miner cannot be asked"
	case err != nil || port == "0":
		return "", "", "unknown: metrics.listen " + listen + " names no fixed port to ask the running miner on"
	case host == "" || host == "0.0.0.0" || host == "::":
		host = "127.0.0.1"
	}
	url = "http://" + net.JoinHostPort(host, port) + "/metrics"
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", url, "unknown: " + err.Error()
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", url, "unknown: no miner answers at " + url
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		return "", url, fmt.Sprintf("unknown: %s answered %s", url, resp.Status)
	}
	return string(b), url, ""
}

// runningMinerQueue asks the metrics endpoint of a miner running with this
// configuration (metrics.listen) how many finished proofs wait for the
// node, and whether it reaches the node. The answer is a sentence for
// `status`.
func runningMinerQueue(ctx context.Context, listen string) string {
	body, url, unknown := runningMinerMetrics(ctx, listen)
	if unknown != "" {
		return unknown
	}
	queued, okQ := metricLine(body, "pars_miner_proofs_queued")
	reachable, okR := metricLine(body, "pars_miner_node_reachable")
	if !okQ || !okR {
		return "unknown: the miner at " + url + " does not report its queue (an older pars-miner?)"
	}
	node := "reaches the node"
	if reachable == "0" {
		node = "the node is unreachable"
	}
	return fmt.Sprintf("%s waiting for the node (the running miner, %s; %s)", queued, node, url)
}

// runningMinerValues asks the running miner (as runningMinerQueue) for
// the unlabelled metrics names, and renders them with format; what says
// what is asked, for an older miner that lacks them.
func runningMinerValues(ctx context.Context, listen, what string, names []string, format func(v []string, url string) string) string {
	body, url, unknown := runningMinerMetrics(ctx, listen)
	if unknown != "" {
		return unknown
	}
	v := make([]string, len(names))
	for i, name := range names {
		var ok bool
		if v[i], ok = metricLine(body, name); !ok {
			return "unknown: the miner at " + url + " does not report " + what + " (an older pars-miner?)"
		}
	}
	return format(v, url)
}

// runningMinerFinality asks the running miner how many of its accepted
// proofs are not final yet, final, sent again after a reorganisation, and
// lost to one. conf is mining.confirmations.
func runningMinerFinality(ctx context.Context, listen string, conf miner.Confirmations) string {
	return runningMinerValues(ctx, listen, "finality", []string{"pars_miner_proofs_unconfirmed", "pars_miner_proofs_confirmed_total",
		"pars_miner_proofs_resubmitted_total", "pars_miner_proofs_lost_total"}, func(v []string, url string) string {
		return fmt.Sprintf("%s not final, %s final, %s resubmitted, %s lost (the running miner, confirmations = %s; %s)",
			v[0], v[1], v[2], v[3], conf, url)
	})
}

// runningMinerHeld asks the running miner how many ticketed proofs it
// holds for a gateway that is not registered, and how many it dropped.
func runningMinerHeld(ctx context.Context, listen string) string {
	return runningMinerValues(ctx, listen, "held proofs", []string{"pars_miner_proofs_held", "pars_miner_proofs_held_expired_total"},
		func(v []string, url string) string {
			return fmt.Sprintf("%s waiting for their gateway's registration, %s dropped (the running miner; %s)", v[0], v[1], url)
		})
}

// metricLine returns the value of an unlabelled metric in the Prometheus
// text exposition format.
func metricLine(text, name string) (string, bool) {
	for _, l := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}
