package proof

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
	"lukechampine.com/blake3"
)

// hashDomains lists every hashing domain of the package by name.
// TestDomainsListed keeps it complete.
var hashDomains = []struct {
	name string
	d    Domain
}{
	{"DomainModel", DomainModel},
	{"DomainInput", DomainInput},
	{"DomainOutput", DomainOutput},
	{"DomainAttestation", DomainAttestation},
	{"DomainWorkID", DomainWorkID},
	{"DomainSpentKey", DomainSpentKey},
	{"DomainAttestationNonce", DomainAttestationNonce},
	{"DomainMinerKey", DomainMinerKey},
	{"DomainTeleport", DomainTeleport},
	{"DomainStorage", DomainStorage},
	{"DomainJobTicket", DomainJobTicket},
	{"DomainFederatedUpdate", DomainFederatedUpdate},
	{"DomainFederatedSelection", DomainFederatedSelection},
	{"DomainFederatedRewardLeaf", DomainFederatedRewardLeaf},
	{"DomainFederatedRewardNode", DomainFederatedRewardNode},
	{"DomainDeviceID", DomainDeviceID},
	{"DomainSoftwareDevice", DomainSoftwareDevice},
	{"DomainDeviceRegistration", DomainDeviceRegistration},
}

func TestDomainsDistinct(t *testing.T) {
	keys := map[[32]byte]string{}
	contexts := map[string]string{}
	for _, h := range hashDomains {
		require.NotEmpty(t, h.d.Context(), h.name)
		require.NotEqual(t, [32]byte{}, h.d.Key(), h.name)
		prev, dup := keys[h.d.Key()]
		require.False(t, dup, "%s has the key of %s", h.name, prev)
		keys[h.d.Key()] = h.name
		prev, dup = contexts[h.d.Context()]
		require.False(t, dup, "%s has the context of %s", h.name, prev)
		contexts[h.d.Context()] = h.name

		// key = BLAKE3 derive_key(context, empty key material).
		var want [32]byte
		blake3.DeriveKey(want[:], h.d.Context(), nil)
		require.Equal(t, want, h.d.Key(), h.name)
	}
}

func TestDomainSeparation(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("x"), bytes.Repeat([]byte{0xab}, 5000)} {
		sums := map[Hash]string{}
		plain := blake3.Sum256(data)
		sums[plain] = "unkeyed BLAKE3"
		for _, h := range hashDomains {
			s := h.d.Sum(data)
			prev, dup := sums[s]
			require.False(t, dup, "%d bytes hash the same under %s and %s", len(data), h.name, prev)
			sums[s] = h.name
		}
	}
}

func TestDomainSum(t *testing.T) {
	d := DomainOutput
	// Sum is the keyed BLAKE3 of the concatenation of its parts.
	h := blake3.New(32, func() []byte { k := d.Key(); return k[:] }())
	h.Write([]byte("abc"))
	require.Equal(t, Hash(h.Sum(nil)), d.Sum([]byte("abc")))
	require.Equal(t, d.Sum([]byte("abc")), d.Sum([]byte("a"), []byte("bc")))
	require.Equal(t, d.Sum([]byte("abc")), d.Sum([]byte("ab"), nil, []byte("c")))
	require.Equal(t, d.Sum(), d.Sum(nil))
	require.Equal(t, d.Sum(), d.Sum([]byte{}))
	require.NotEqual(t, d.Sum(), d.Sum([]byte{0}))

	hs := d.NewHasher()
	hs.Write([]byte("ab"))
	hs.Write([]byte("c"))
	require.Equal(t, d.Sum([]byte("abc")), Hash(hs.Sum(nil)))
}

func TestSumReaderMatchesSum(t *testing.T) {
	data := make([]byte, 3<<20)
	r := newRand(7)
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	readers := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"reader", func(r io.Reader) io.Reader { return r }},
		{"no WriterTo", func(r io.Reader) io.Reader { return struct{ io.Reader }{r} }},
		{"half reads", iotest.HalfReader},
		{"data with EOF", iotest.DataErrReader},
	}
	for _, n := range []int{0, 1, 1023, 1024, 1025, 3 << 20} {
		want := DomainModel.Sum(data[:n])
		for _, rd := range readers {
			got, read, err := DomainModel.SumReader(rd.wrap(bytes.NewReader(data[:n])))
			require.NoError(t, err, "%d bytes, %s", n, rd.name)
			require.Equal(t, int64(n), read, "%d bytes, %s", n, rd.name)
			require.Equal(t, want, got, "%d bytes, %s", n, rd.name)
		}
		if n <= 1025 {
			got, _, err := DomainModel.SumReader(iotest.OneByteReader(bytes.NewReader(data[:n])))
			require.NoError(t, err)
			require.Equal(t, want, got, "%d bytes, one byte at a time", n)
		}
		hm, err := HashModel(bytes.NewReader(data[:n]))
		require.NoError(t, err)
		require.Equal(t, want, hm)
	}
}

func TestSumReaderError(t *testing.T) {
	boom := errors.New("disk gone")
	r := io.MultiReader(bytes.NewReader(make([]byte, 5000)), iotest.ErrReader(boom))
	h, n, err := DomainModel.SumReader(r)
	require.ErrorIs(t, err, boom)
	require.Equal(t, Hash{}, h, "no digest of partial data")
	require.Equal(t, int64(5000), n)
	_, err = HashModel(iotest.ErrReader(boom))
	require.ErrorIs(t, err, boom)
}

func TestPurposeHashes(t *testing.T) {
	b := []byte("some bytes")
	require.Equal(t, DomainInput.Sum(b), HashInput(b))
	require.Equal(t, DomainOutput.Sum(b), HashOutput(b))
	require.NotEqual(t, HashInput(b), HashOutput(b))
	require.Equal(t, DomainMinerKey.Sum(b), MinerID(b))
	var id Hash
	copy(id[:], "work id")
	require.Equal(t, DomainSpentKey.Sum(id[:]), SpentKey(id))
}

func TestHashAttestation(t *testing.T) {
	require.Equal(t, Hash{}, HashAttestation(nil))
	require.Equal(t, Hash{}, HashAttestation([]byte{}))
	for _, ev := range [][]byte{{0}, []byte("report"), make([]byte, 4096)} {
		h := HashAttestation(ev)
		require.NotEqual(t, Hash{}, h)
		require.Equal(t, DomainAttestation.Sum(ev), h)
	}
	require.NotEqual(t, HashAttestation([]byte{0}), HashAttestation([]byte{0, 0}))
}
