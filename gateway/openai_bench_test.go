package gateway_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pars-network/aimining/miner"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
)

// benchTokens is the answer length of the streaming benchmarks: the
// longest built-in generation the chain accepts (the re-execution cap).
const benchTokens = precompile.MaxReexecOutput

// BenchmarkStreamTTFT measures time to first token and tokens per second
// of the built-in model streamed through gateway + miner (HTTP, ZAP, the
// real in-process miner with its proofs on a minertest chain), against
// the miner's back-end called directly, in the same run.
//
//	go test ./gateway -run '^$' -bench StreamTTFT -benchtime 20x
func BenchmarkStreamTTFT(b *testing.B) {
	const prompt = "Why is the sky blue?"
	b.Run("direct", func(b *testing.B) {
		be := miner.NewBuiltinBackend(benchTokens)
		var ttft, total time.Duration
		for i := 0; i < b.N; i++ {
			start := time.Now()
			var first time.Duration
			gen, err := be.Generate(context.Background(), builtin.Name, []byte(prompt), miner.GenerateOptions{MaxTokens: benchTokens,
				Emit: func(p []byte) error {
					if first == 0 {
						first = time.Since(start)
					}
					return nil
				}})
			if err != nil || len(gen.Output) != benchTokens {
				b.Fatalf("%d tokens, %v", len(gen.Output), err)
			}
			ttft += first
			total += time.Since(start)
		}
		report(b, ttft, total)
	})
	b.Run("gateway+miner", func(b *testing.B) {
		sys := newSystem(b, sysOpts{modelMax: benchTokens})
		body, _ := json.Marshal(map[string]any{"model": builtin.Name, "max_tokens": benchTokens, "stream": true,
			"messages": []map[string]string{{"role": "user", "content": prompt}}})
		var ttft, total time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			start := time.Now()
			resp, err := http.Post(sys.srv.URL+"/v1/chat/completions", "application/json", bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			var first time.Duration
			n := 0
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				data, ok := strings.CutPrefix(sc.Text(), "data: ")
				if !ok || data == "[DONE]" {
					continue
				}
				var ev struct {
					Choices []struct {
						Delta struct {
							Content string `json:"content"`
						} `json:"delta"`
					} `json:"choices"`
				}
				if err := json.Unmarshal([]byte(data), &ev); err != nil {
					b.Fatal(err)
				}
				if len(ev.Choices) > 0 && ev.Choices[0].Delta.Content != "" {
					if first == 0 {
						first = time.Since(start)
					}
					n += len(ev.Choices[0].Delta.Content)
				}
			}
			resp.Body.Close()
			if n != benchTokens {
				b.Fatalf("%d tokens streamed, want %d", n, benchTokens)
			}
			ttft += first
			total += time.Since(start)
		}
		b.StopTimer()
		report(b, ttft, total)
	})
}

func report(b *testing.B, ttft, total time.Duration) {
	b.ReportMetric(float64(ttft.Microseconds())/1e3/float64(b.N), "ms-ttft")
	b.ReportMetric(float64(benchTokens*b.N)/total.Seconds(), "tok/s")
}

// BenchmarkGatewayClients measures the gateway's throughput with 1, 16 and
// 64 concurrent HTTP clients on loopback, each asking non-streamed chat
// completions of 16 tokens from a real in-process miner with 4 workers
// (each answer's proof is signed and sent to the minertest chain as well).
// b.N requests are shared by the clients.
//
//	go test ./gateway -run '^$' -bench GatewayClients -benchtime 256x
func BenchmarkGatewayClients(b *testing.B) {
	for _, clients := range []int{1, 16, 64} {
		b.Run("clients="+strconv.Itoa(clients), func(b *testing.B) {
			sys := newSystem(b, sysOpts{modelMax: 16, workers: 4})
			body, _ := json.Marshal(map[string]any{"model": builtin.Name, "max_tokens": 16,
				"messages": []map[string]string{{"role": "user", "content": "Why is the sky blue?"}}})
			tr := &http.Transport{MaxIdleConnsPerHost: clients}
			defer tr.CloseIdleConnections()
			hc := &http.Client{Transport: tr, Timeout: time.Minute}
			var next atomic.Int64
			var latency atomic.Int64
			var failed atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for c := 0; c < clients; c++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for next.Add(1) <= int64(b.N) {
						t0 := time.Now()
						resp, err := hc.Post(sys.srv.URL+"/v1/chat/completions", "application/json", bytes.NewReader(body))
						if err != nil {
							failed.Add(1)
							continue
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 {
							failed.Add(1)
						}
						latency.Add(int64(time.Since(t0)))
					}
				}()
			}
			wg.Wait()
			el := time.Since(start)
			b.StopTimer()
			if n := failed.Load(); n > 0 {
				b.Fatalf("%d of %d requests failed", n, b.N)
			}
			b.ReportMetric(float64(b.N)/el.Seconds(), "req/s")
			b.ReportMetric(float64(latency.Load())/1e6/float64(b.N), "ms-latency")
		})
	}
}
