package gateway

import (
	"bytes"
	"net"
	"testing"

	"github.com/stretchr/testify/require"
)

// roundTrip encodes a frame into stream bytes and decodes it again.
func roundTrip(t *testing.T, send func(c *conn) error) *frame {
	t.Helper()
	var buf bytes.Buffer
	c := newConn(&buf)
	require.NoError(t, send(c))
	f, err := c.recv()
	require.NoError(t, err)
	return f
}

// TestJobGenerationFieldsRoundTrip: stop sequences, sampling (each field
// present or absent) and the stream flag survive the wire; absent
// sampling stays nil.
func TestJobGenerationFieldsRoundTrip(t *testing.T) {
	temp, topP, seed := float32(0.7), float32(0.9), int64(-42)
	for _, tc := range []struct {
		name string
		job  Job
	}{
		{"plain", Job{LeaseID: 1, Model: "m", Input: []byte("x"), MaxTokens: 4}},
		{"stop and stream", Job{LeaseID: 2, Model: "m", Input: []byte("x"), MaxTokens: 4, Stop: []string{"\n", "END"}, Stream: true}},
		{"all sampling", Job{LeaseID: 3, Model: "m", Input: []byte("x"), Sampling: &Sampling{Temperature: &temp, TopP: &topP, Seed: &seed}}},
		{"seed only", Job{LeaseID: 4, Model: "m", Input: []byte("x"), Sampling: &Sampling{Seed: &seed}}},
		{"zero temperature", Job{LeaseID: 5, Model: "m", Input: []byte("x"), Sampling: &Sampling{Temperature: new(float32)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := roundTrip(t, func(c *conn) error { return c.send(encodeJob(&tc.job)) })
			got := f.job
			require.Equal(t, tc.job.LeaseID, got.LeaseID)
			require.Equal(t, tc.job.MaxTokens, got.MaxTokens)
			require.Equal(t, tc.job.Stop, got.Stop)
			require.Equal(t, tc.job.Stream, got.Stream)
			require.Equal(t, tc.job.Sampling, got.Sampling)
		})
	}
}

// TestChunkAndFinishReasonRoundTrip: a chunk frame and a result's finish
// reason survive the wire.
func TestChunkAndFinishReasonRoundTrip(t *testing.T) {
	f := roundTrip(t, func(c *conn) error {
		return c.send(encodeResult(&Result{LeaseID: 9, OK: true, Output: []byte("abc"), FinishReason: FinishLength}))
	})
	require.Equal(t, FinishLength, f.result.FinishReason)
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	cl := &Client{c: a, zc: newConn(a)}
	got := make(chan *frame, 1)
	go func() {
		f, _ := newConn(b).recv()
		got <- f
	}()
	require.NoError(t, cl.SendChunk(t.Context(), 7, []byte("partial")))
	f = <-got
	require.NotNil(t, f)
	require.Equal(t, uint64(7), f.chunk.leaseID)
	require.Equal(t, []byte("partial"), f.chunk.data)
}

// TestStopLimitsOnTheWire: a job with too many or oversized stop
// sequences does not decode.
func TestStopLimitsOnTheWire(t *testing.T) {
	long := string(bytes.Repeat([]byte("x"), MaxStopBytes+1))
	for _, stop := range [][]string{{"a", "b", "c", "d", "e"}, {long}, {""}} {
		var buf bytes.Buffer
		c := newConn(&buf)
		require.NoError(t, c.send(encodeJob(&Job{Model: "m", Input: []byte("x"), Stop: stop})))
		_, err := c.recv()
		require.Error(t, err, "stop %q", stop)
	}
}

// TestCompleteUTF8: a delta never ends inside a UTF-8 sequence.
func TestCompleteUTF8(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"abc", "abc"},
		{"ab\xc3", "ab"},
		{"ab\xc3\xa9", "abé"},
		{"\xe2\x82", ""},
		{"x\xe2\x82\xac", "x€"},
		{"x\xf0\x9f\x98", "x"},
	} {
		require.Equal(t, tc.want, string(completeUTF8([]byte(tc.in))), "%q", tc.in)
	}
}
