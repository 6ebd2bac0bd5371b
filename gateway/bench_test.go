package gateway

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"sync"
	"testing"
	"time"

	capnp "capnproto.org/go/capnp/v3"
	"github.com/pars-network/aimining/gateway/zap"
	"github.com/pars-network/aimining/proof"
)

// jsonJob is the same job as JSON would carry it: bytes as base64 and the
// tensor as a list of numbers.
type jsonJob struct {
	LeaseID   uint64 `json:"lease_id"`
	LeaseMs   uint32 `json:"lease_ms"`
	Kind      string `json:"kind"`
	Model     string `json:"model"`
	Input     []byte `json:"input"`
	MaxTokens uint32 `json:"max_tokens"`
	Ticket    []byte `json:"ticket"`
	Tensors   []struct {
		DType string    `json:"dtype"`
		Shape []uint64  `json:"shape"`
		Data  []float32 `json:"data"`
	} `json:"tensors"`
}

// benchJob is a job with a 1 KiB prompt, an ML-DSA-44 ticket and, with
// elems > 0, a float32 tensor of elems elements (an image patch or
// embedding input).
func benchJob(b *testing.B, elems int) (*Job, []float32) {
	sk, _ := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{1})
	tk := &proof.JobTicket{ChainID: 6133, MinerID: proof.Hash{2}, Budget: 100, Expiry: 1 << 40}
	if err := tk.Sign(sk, true); err != nil {
		b.Fatal(err)
	}
	j := &Job{LeaseID: 7, LeaseMs: 30000, Kind: LLMInference, Model: "pars-tiny-rnn-v1",
		Input: make([]byte, 1024), MaxTokens: 64, Ticket: tk.Encode()}
	for i := range j.Input {
		j.Input[i] = 'a' + byte(i%26)
	}
	var vals []float32
	if elems > 0 {
		vals = make([]float32, elems)
		data := make([]byte, 4*elems)
		for i := range vals {
			vals[i] = float32(i) / 7
			u := math.Float32bits(vals[i])
			data[4*i], data[4*i+1], data[4*i+2], data[4*i+3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
		}
		j.Tensors = []Tensor{{DType: zap.DType_float32, Shape: []uint64{uint64(elems)}, Data: data}}
		j.Kind = Vision
	}
	return j, vals
}

// BenchmarkJobDecode decodes the same job from its ZAP (Cap'n Proto) frame
// and from JSON, reading every field, and reports json/zap:
//
//	go test ./gateway -run '^$' -bench JobDecode
func BenchmarkJobDecode(b *testing.B) {
	for _, elems := range []int{0, 4096} {
		j, vals := benchJob(b, elems)
		msg, err := encodeJob(j)
		if err != nil {
			b.Fatal(err)
		}
		zapBytes, err := msg.Marshal()
		if err != nil {
			b.Fatal(err)
		}
		jj := jsonJob{LeaseID: j.LeaseID, LeaseMs: j.LeaseMs, Kind: "llm-inference", Model: j.Model, Input: j.Input, MaxTokens: j.MaxTokens, Ticket: j.Ticket}
		if elems > 0 {
			jj.Tensors = append(jj.Tensors, struct {
				DType string    `json:"dtype"`
				Shape []uint64  `json:"shape"`
				Data  []float32 `json:"data"`
			}{"float32", []uint64{uint64(elems)}, vals})
		}
		jsonBytes, _ := json.Marshal(jj)
		var zapNs, jsonNs float64
		name := fmt.Sprintf("tensor%d", elems)
		b.Run(name+"/zap", func(b *testing.B) {
			b.SetBytes(int64(len(zapBytes)))
			b.ReportAllocs()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				m, err := capnp.Unmarshal(zapBytes)
				if err != nil {
					b.Fatal(err)
				}
				f, err := zap.ReadRootFrame(m)
				if err != nil {
					b.Fatal(err)
				}
				z, err := f.Job()
				if err != nil {
					b.Fatal(err)
				}
				if _, err := decodeJob(z); err != nil {
					b.Fatal(err)
				}
			}
			zapNs = float64(time.Since(start).Nanoseconds()) / float64(b.N)
			b.ReportMetric(float64(len(zapBytes)), "wire-bytes")
		})
		b.Run(name+"/json", func(b *testing.B) {
			b.SetBytes(int64(len(jsonBytes)))
			b.ReportAllocs()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				var out jsonJob
				if err := json.Unmarshal(jsonBytes, &out); err != nil {
					b.Fatal(err)
				}
			}
			jsonNs = float64(time.Since(start).Nanoseconds()) / float64(b.N)
			b.ReportMetric(float64(len(jsonBytes)), "wire-bytes")
			if zapNs > 0 {
				b.ReportMetric(jsonNs/zapNs, "x-zap")
			}
		})
	}
}

// BenchmarkDispatch measures a job's round trip through the gateway (sign
// a ticket, queue, lease over ZAP to one of four loopback miners that
// answer at once, result back) at rising numbers of concurrent clients,
// next to the raw loopback round trip of the same ZAP frames with no
// gateway logic, and reports the ratio (x-raw):
//
//	go test ./gateway -run '^$' -bench Dispatch -benchtime 2000x
func BenchmarkDispatch(b *testing.B) {
	j, _ := benchJob(b, 0)
	raw := rawRoundTrip(b, j)
	sign := ticketSignMicros(b)
	for _, clients := range []int{1, 4, 16, 64} {
		b.Run(fmt.Sprintf("clients%d", clients), func(b *testing.B) {
			g, addr, _ := start(b, Config{QueueSize: 4096, Models: []Model{{Name: testModel.Name, Hash: testModel.Hash, Parameters: 1000, MaxTokens: 64}}})
			for n := byte(2); n < 6; n++ {
				echo(b, dialMiner(b, addr, n))
			}
			time.Sleep(50 * time.Millisecond)
			jobs := make(chan struct{}, b.N)
			for i := 0; i < b.N; i++ {
				jobs <- struct{}{}
			}
			close(jobs)
			var wg sync.WaitGroup
			var mu sync.Mutex
			var total time.Duration
			b.ResetTimer()
			began := time.Now()
			for c := 0; c < clients; c++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range jobs {
						t0 := time.Now()
						if _, err := g.Do(context.Background(), Request{Kind: LLMInference, Model: testModel.Name, Input: j.Input, MaxTokens: 64}); err != nil {
							b.Error(err)
							return
						}
						mu.Lock()
						total += time.Since(t0)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(began)
			b.StopTimer()
			lat := float64(total.Microseconds()) / float64(b.N)
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "jobs/s")
			b.ReportMetric(lat, "µs-latency")
			b.ReportMetric(lat/raw, "x-raw")
			b.ReportMetric(lat/sign, "x-ticket-sign")
		})
	}
}

// rawRoundTrip returns the mean µs of sending the job frame over loopback
// TCP and reading a result frame back, with no gateway in between.
func rawRoundTrip(b *testing.B, j *Job) float64 {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		zc := newConn(c)
		for {
			f, err := zc.recv()
			if err != nil {
				return
			}
			if zc.send(encodeResult(&Result{LeaseID: f.job.LeaseID, OK: true, Output: []byte("answer")})) != nil {
				return
			}
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	zc := newConn(c)
	const n = 2000
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := zc.send(encodeJob(j)); err != nil {
			b.Fatal(err)
		}
		if _, err := zc.recv(); err != nil {
			b.Fatal(err)
		}
	}
	return float64(time.Since(start).Microseconds()) / n
}

// ticketSignMicros returns the mean µs of signing one ticket (ML-DSA-44,
// hedged), the gateway's main cost per job.
func ticketSignMicros(b *testing.B) float64 {
	sk, _ := proof.NewKeyFromSeed(proof.MLDSA44, [32]byte{1})
	const n = 200
	start := time.Now()
	for i := 0; i < n; i++ {
		tk := &proof.JobTicket{ChainID: 6133, MinerID: proof.Hash{2}, Budget: 100, Expiry: 1 << 40, JobID: proof.Hash{byte(i)}}
		if err := tk.Sign(sk, false); err != nil {
			b.Fatal(err)
		}
	}
	return float64(time.Since(start).Microseconds()) / n
}
