package proof

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
)

func TestWorkContextSize(t *testing.T) {
	require.Equal(t, 173, WorkContextSize)
	wc := sampleContext()
	require.Len(t, wc.Encode(), WorkContextSize)
}

func TestWorkContextEncodeLayout(t *testing.T) {
	wc := sampleContext()
	wc.ChainID = 0x01020304
	wc.Timestamp = 0x05060708090a0b0c
	b := wc.Encode()

	require.Equal(t, Version, b[0])
	require.Equal(t, []byte{1, 2, 3, 4}, b[1:5], "chain id is big-endian")
	require.Equal(t, wc.JobID[:], b[5:37])
	require.Equal(t, wc.ModelHash[:], b[37:69])
	require.Equal(t, wc.InputHash[:], b[69:101])
	require.Equal(t, wc.DeviceID[:], b[101:133])
	require.Equal(t, wc.Nonce[:], b[133:165])
	require.Equal(t, []byte{5, 6, 7, 8, 9, 10, 11, 12}, b[165:173], "timestamp is big-endian")
}

func TestWorkContextRoundTrip(t *testing.T) {
	r := newRand(1)
	for range 200 {
		wc := randContext(r)
		got, err := DecodeWorkContext(wc.Encode())
		require.NoError(t, err)
		require.Equal(t, wc, got)
	}
	for _, wc := range []WorkContext{{}, {ChainID: math.MaxUint32, Timestamp: math.MaxUint64}} {
		got, err := DecodeWorkContext(wc.Encode())
		require.NoError(t, err)
		require.Equal(t, wc, got)
	}
}

// requireDecodeError checks that err is a *DecodeError with the given
// fields.
func requireDecodeError(t *testing.T, err error, what, field string, offset int) {
	t.Helper()
	var de *DecodeError
	require.Error(t, err)
	require.True(t, errors.As(err, &de), "want *DecodeError, got %T: %v", err, err)
	require.Equal(t, what, de.What, "What (%v)", err)
	require.Equal(t, field, de.Field, "Field (%v)", err)
	require.Equal(t, offset, de.Offset, "Offset (%v)", err)
	require.NotEmpty(t, de.Reason)
	require.Contains(t, de.Error(), field)
	require.Contains(t, de.Error(), what)
}

func TestDecodeWorkContextErrors(t *testing.T) {
	wc := sampleContext()
	valid := wc.Encode()
	with := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(valid)) }

	tests := []struct {
		name   string
		in     []byte
		field  string
		offset int
	}{
		{"nil", nil, "length", 0},
		{"empty", []byte{}, "length", 0},
		{"version only", valid[:1], "length", 0},
		{"truncated in chain id", valid[:3], "length", 0},
		{"truncated before job id", valid[:5], "length", 0},
		{"truncated in job id", valid[:20], "length", 0},
		{"truncated before model hash", valid[:37], "length", 0},
		{"truncated before input hash", valid[:69], "length", 0},
		{"truncated before device id", valid[:101], "length", 0},
		{"truncated before nonce", valid[:133], "length", 0},
		{"truncated before timestamp", valid[:165], "length", 0},
		{"truncated in timestamp", valid[:WorkContextSize-1], "length", 0},
		{"one trailing byte", append(bytes.Clone(valid), 0), "length", 0},
		{"many trailing bytes", append(bytes.Clone(valid), make([]byte, 100)...), "length", 0},
		{"version 0", with(func(b []byte) []byte { b[0] = 0; return b }), "version", 0},
		{"version 2", with(func(b []byte) []byte { b[0] = 2; return b }), "version", 0},
		{"version 255", with(func(b []byte) []byte { b[0] = 0xff; return b }), "version", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeWorkContext(tc.in)
			requireDecodeError(t, err, "WorkContext", tc.field, tc.offset)
		})
	}

	// Every length other than WorkContextSize is refused.
	for n := 0; n <= 2*WorkContextSize; n++ {
		if n == WorkContextSize {
			continue
		}
		in := make([]byte, n)
		copy(in, valid)
		_, err := DecodeWorkContext(in)
		requireDecodeError(t, err, "WorkContext", "length", 0)
	}
}

func TestNewWorkContext(t *testing.T) {
	nonce := fillHash(0x42)
	wc, err := NewWorkContext(96369, fillHash(1), fillHash(2), fillHash(3), fillHash(4), 77, bytes.NewReader(nonce[:]))
	require.NoError(t, err)
	require.Equal(t, WorkContext{ChainID: 96369, JobID: fillHash(1), ModelHash: fillHash(2), InputHash: fillHash(3),
		DeviceID: fillHash(4), Nonce: nonce, Timestamp: 77}, wc)

	// A nil reader uses the system's randomness: two contexts differ.
	a, err := NewWorkContext(1, Hash{}, Hash{}, Hash{}, Hash{}, 0, nil)
	require.NoError(t, err)
	b, err := NewWorkContext(1, Hash{}, Hash{}, Hash{}, Hash{}, 0, nil)
	require.NoError(t, err)
	require.NotEqual(t, a.Nonce, b.Nonce)
	require.NotEqual(t, Hash{}, a.Nonce)

	// A reader that runs dry is an error, not a weak nonce.
	_, err = NewWorkContext(1, Hash{}, Hash{}, Hash{}, Hash{}, 0, bytes.NewReader(make([]byte, 31)))
	require.Error(t, err)
	_, err = NewWorkContext(1, Hash{}, Hash{}, Hash{}, Hash{}, 0, iotest.ErrReader(errors.New("no entropy")))
	require.ErrorContains(t, err, "no entropy")
}

// contextMutations changes one WorkContext field each.
var contextMutations = []struct {
	name   string
	mutate func(*WorkContext)
}{
	{"chain id", func(wc *WorkContext) { wc.ChainID++ }},
	{"job id", func(wc *WorkContext) { wc.JobID[0] ^= 1 }},
	{"model hash", func(wc *WorkContext) { wc.ModelHash[31] ^= 0x80 }},
	{"input hash", func(wc *WorkContext) { wc.InputHash[7] ^= 4 }},
	{"device id", func(wc *WorkContext) { wc.DeviceID[15] ^= 2 }},
	{"nonce", func(wc *WorkContext) { wc.Nonce[31] ^= 1 }},
	{"timestamp", func(wc *WorkContext) { wc.Timestamp++ }},
}

func TestAttestationNonce(t *testing.T) {
	wc := sampleContext()
	base := wc.AttestationNonce()
	require.Equal(t, DomainAttestationNonce.Sum(wc.Encode()), base)
	require.NotEqual(t, Hash{}, base)
	require.NotEqual(t, DomainWorkID.Sum(wc.Encode()), base, "nonce and work id use different domains")

	for _, m := range contextMutations {
		t.Run(m.name, func(t *testing.T) {
			c := sampleContext()
			m.mutate(&c)
			require.NotEqual(t, base, c.AttestationNonce())
		})
	}
}

func TestTimeWindowCheck(t *testing.T) {
	const max = math.MaxUint64
	tests := []struct {
		name    string
		w       TimeWindow
		ts, now uint64
		err     bool
		future  bool
	}{
		{"equal", TimeWindow{10, 5}, 1000, 1000, false, false},
		{"oldest allowed", TimeWindow{10, 5}, 990, 1000, false, false},
		{"one second too old", TimeWindow{10, 5}, 989, 1000, true, false},
		{"newest allowed", TimeWindow{10, 5}, 1005, 1000, false, false},
		{"one second too new", TimeWindow{10, 5}, 1006, 1000, true, true},
		{"zero window equal", TimeWindow{}, 1000, 1000, false, false},
		{"zero window minus one", TimeWindow{}, 999, 1000, true, false},
		{"zero window plus one", TimeWindow{}, 1001, 1000, true, true},

		{"zero time zero ts", TimeWindow{}, 0, 0, false, false},
		{"past window larger than now", TimeWindow{Past: 10}, 0, 5, false, false},
		{"past window exactly now", TimeWindow{Past: 5}, 0, 5, false, false},
		{"past window below now", TimeWindow{Past: 4}, 0, 5, true, false},
		{"ts 0 at max time, full past", TimeWindow{Past: max}, 0, max, false, false},
		{"ts 0 at max time, past max-1", TimeWindow{Past: max - 1}, 0, max, true, false},
		{"ts max at time 0, full future", TimeWindow{Future: max}, max, 0, false, false},
		{"ts max at time 0, future max-1", TimeWindow{Future: max - 1}, max, 0, true, true},
		{"ts max at time 0, zero window", TimeWindow{}, max, 0, true, true},
		{"ts 0 at max time, zero window", TimeWindow{}, 0, max, true, false},
		{"both max", TimeWindow{}, max, max, false, false},
		{"future window past max", TimeWindow{Future: 10}, max, max - 3, false, false},
		{"future window exactly max", TimeWindow{Future: 3}, max, max - 3, false, false},
		{"future window below max", TimeWindow{Future: 2}, max, max - 3, true, true},
		{"full window", allTimes, 0, max, false, false},
		{"full window reversed", allTimes, max, 0, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.w.Check(tc.ts, tc.now)
			if !tc.err {
				require.NoError(t, err)
				return
			}
			var te *TimestampError
			require.True(t, errors.As(err, &te), "want *TimestampError, got %v", err)
			require.Equal(t, TimestampError{Timestamp: tc.ts, Now: tc.now, Future: tc.future}, *te)
			require.NotEmpty(t, te.Error())
		})
	}
}

func TestDecoderPrimitives(t *testing.T) {
	// The decoder is shared by both codecs; check its helpers directly,
	// including paths the strict length checks make unreachable from the
	// public decoders.
	d := decoder{what: "x", b: []byte{0, 1, 0, 0, 0, 2}}
	require.Equal(t, uint16(1), d.u16("a"))
	require.Equal(t, uint32(2), d.u32("b"))
	require.NoError(t, d.err)
	require.Equal(t, uint64(0), d.u64("c"))
	requireDecodeError(t, d.err, "x", "c", 6)
	// The first error sticks.
	require.Nil(t, d.take("d", 0))
	require.Equal(t, uint16(0), d.u16("d"))
	requireDecodeError(t, d.err, "x", "c", 6)

	d = decoder{what: "x", b: make([]byte, 10)}
	require.Nil(t, d.take("neg", -1))
	requireDecodeError(t, d.err, "x", "neg", 0)

	d = decoder{what: "x", b: binary.BigEndian.AppendUint64(nil, 7)}
	require.Equal(t, uint64(7), d.u64("v"))
	d.end()
	require.NoError(t, d.err)
	d = decoder{what: "x", b: []byte{1, 2}}
	d.take("a", 1)
	d.end()
	requireDecodeError(t, d.err, "x", "end", 1)
}
