package miner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the miner's Prometheus metrics, on a registry of their own.
type Metrics struct {
	Registry *prometheus.Registry

	ProofsSubmitted  *prometheus.CounterVec   // by model
	ProofsAccepted   *prometheus.CounterVec   // by model
	ProofsRefused    *prometheus.CounterVec   // by reason (the custom error's name)
	JobsFailed       *prometheus.CounterVec   // by stage, for errors that are not refusals
	RewardWei        prometheus.Counter       // total reward credited, wei
	ComputeUnits     prometheus.Counter       // compute units of accepted proofs
	InferenceSeconds *prometheus.HistogramVec // by model
	SubmitSeconds    prometheus.Histogram     // send to acceptance
	Resubmits        prometheus.Counter
	Reorgs           prometheus.Counter
	TransportRetries prometheus.Counter
	NodeReachable    prometheus.Gauge   // 1 while the node answers, 0 during an outage
	NodeOutages      prometheus.Counter // times the node became unreachable
	ProofsQueued     prometheus.Gauge   // finished proofs waiting for the node
	ProofsExpired    prometheus.Counter // queued proofs whose time window closed first
	// Finality (finality.go), in proofs.
	ProofsUnconfirmed prometheus.Gauge   // accepted, not final yet
	ProofsConfirmed   prometheus.Counter // final
	ProofsResubmitted prometheus.Counter // sent again after a reorganisation took them out
	ProofsLost        prometheus.Counter // taken out after their time window closed
	// Proofs of unregistered gateways (gatewayhold.go).
	ProofsHeld        prometheus.Gauge   // held until their gateway is registered
	ProofsHeldExpired prometheus.Counter // dropped: window closed, or gateway revoked
}

// NewMetrics creates the metrics and registers them together with the Go
// runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		ProofsSubmitted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pars_miner_proofs_submitted_total", Help: "Work proofs sent to the IAIMining precompile.",
		}, []string{"model"}),
		ProofsAccepted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pars_miner_proofs_accepted_total", Help: "Work proofs accepted and rewarded on chain.",
		}, []string{"model"}),
		ProofsRefused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pars_miner_proofs_refused_total", Help: "Work proofs the precompile refused, by custom error.",
		}, []string{"reason"}),
		JobsFailed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pars_miner_jobs_failed_total", Help: "Jobs that failed for reasons other than a refusal, by stage.",
		}, []string{"stage"}),
		RewardWei: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_reward_wei_total", Help: "Reward credited to the beneficiary by accepted proofs, in wei.",
		}),
		ComputeUnits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_compute_units_total", Help: "Compute units (1e9 FLOPs) of accepted proofs.",
		}),
		InferenceSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "pars_miner_inference_seconds", Help: "Inference latency per job.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 10),
		}, []string{"model"}),
		SubmitSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "pars_miner_submit_seconds", Help: "Time from sending a proof to its acceptance.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 12),
		}),
		Resubmits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_resubmits_total", Help: "Proof transactions built again (reorg, dropped, out of gas).",
		}),
		Reorgs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_receipt_reorgs_total", Help: "Receipts that disappeared after being seen.",
		}),
		TransportRetries: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_rpc_retries_total", Help: "JSON-RPC calls retried after a transport error.",
		}),
		NodeReachable: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pars_miner_node_reachable", Help: "1 while the node answers JSON-RPC, 0 while it is unreachable.",
		}),
		NodeOutages: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_node_outages_total", Help: "Times the node became unreachable.",
		}),
		ProofsQueued: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pars_miner_proofs_queued", Help: "Finished proofs waiting for an unreachable node.",
		}),
		ProofsExpired: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_proofs_expired_total", Help: "Queued proofs whose time window closed before the node answered.",
		}),
		ProofsUnconfirmed: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pars_miner_proofs_unconfirmed", Help: "Accepted proofs whose block is not final yet (mining.confirmations).",
		}),
		ProofsConfirmed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_proofs_confirmed_total", Help: "Accepted proofs whose block became final.",
		}),
		ProofsResubmitted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_proofs_resubmitted_total", Help: "Accepted proofs sent again after a reorganisation took their transaction out of the chain.",
		}),
		ProofsLost: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_proofs_lost_total", Help: "Accepted proofs a reorganisation took out after their time window closed.",
		}),
		ProofsHeld: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pars_miner_proofs_held", Help: "Ticketed proofs refused with UnknownGateway, held until their gateway is registered.",
		}),
		ProofsHeldExpired: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pars_miner_proofs_held_expired_total", Help: "Held proofs dropped because their time window closed (or their gateway was revoked) first.",
		}),
	}
	m.Registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.ProofsSubmitted, m.ProofsAccepted, m.ProofsRefused, m.JobsFailed, m.RewardWei, m.ComputeUnits,
		m.InferenceSeconds, m.SubmitSeconds, m.Resubmits, m.Reorgs, m.TransportRetries,
		m.NodeReachable, m.NodeOutages, m.ProofsQueued, m.ProofsExpired,
		m.ProofsUnconfirmed, m.ProofsConfirmed, m.ProofsResubmitted, m.ProofsLost,
		m.ProofsHeld, m.ProofsHeldExpired,
	)
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// addReward adds wei to the reward counter.
func (m *Metrics) addReward(wei *big.Int) {
	if wei == nil || wei.Sign() <= 0 {
		return
	}
	f, _ := new(big.Float).SetInt(wei).Float64()
	m.RewardWei.Add(f)
}

// ServeMetrics serves /metrics on listen until ctx ends. It returns the
// bound address (useful with port 0).
func ServeMetrics(ctx context.Context, listen string, m *Metrics, log *slog.Logger) (net.Addr, error) {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Errorf("metrics.listen %s: %w", listen, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) && log != nil {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	return ln.Addr(), nil
}
