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
	{"DomainAuditSeed", DomainAuditSeed},
	{"DomainAuditSelection", DomainAuditSelection},
	{"DomainAuditCommittee", DomainAuditCommittee},
	{"DomainAuditBatchItem", DomainAuditBatchItem},
	{"DomainVoteCommitment", DomainVoteCommitment},
	{"DomainWorkDigest", DomainWorkDigest},
	{"DomainBatchLeaf", DomainBatchLeaf},
	{"DomainBatchNode", DomainBatchNode},
	{"DomainBatchID", DomainBatchID},
	{"DomainBatchDigest", DomainBatchDigest},
	{"DomainBatchItem", DomainBatchItem},
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

// TestStorageSlotFraming checks that StorageSlot's preimage encoding is
// injective: inputs that concatenate to the same bytes frame differently,
// and every preimage decodes back to exactly its (tag, parts).
func TestStorageSlotFraming(t *testing.T) {
	cases := []struct {
		tag   string
		parts [][]byte
	}{
		{"teleport/signers", [][]byte{{0x00, 0x03, 0x0e, 0x08}}},
		{"teleport/signer", [][]byte{{0x73, 0x00, 0x03, 0x0e}, {0x08}}},
		{"a", [][]byte{{'b'}}},
		{"ab", nil},
		{"ab", [][]byte{{}}},
		{"ab", [][]byte{{}, {}}},
		{"", [][]byte{[]byte("ab")}},
		{"x", [][]byte{make([]byte, 300)}},
		{"x", [][]byte{make([]byte, 299), {0}}},
	}
	seen := map[Hash]int{}
	for i, c := range cases {
		pre := StorageSlotPreimage(c.tag, c.parts...)
		tag, parts, ok := DecodeStorageSlotPreimage(pre)
		if !ok || tag != c.tag || len(parts) != len(c.parts) {
			t.Fatalf("case %d: decode(%x) = %q %x %v", i, pre, tag, parts, ok)
		}
		for j := range parts {
			if string(parts[j]) != string(c.parts[j]) {
				t.Fatalf("case %d part %d: %x, want %x", i, j, parts[j], c.parts[j])
			}
		}
		h := StorageSlot(c.tag, c.parts...)
		if j, dup := seen[h]; dup {
			t.Fatalf("cases %d and %d derive the same slot", j, i)
		}
		seen[h] = i
		if h != DomainStorage.Sum(pre) {
			t.Fatalf("case %d: StorageSlot is not DomainStorage over the preimage", i)
		}
	}
}

// FuzzStorageSlotPreimage checks that every preimage the decoder accepts
// re-encodes to itself, so no two (tag, parts) lists share one.
func FuzzStorageSlotPreimage(f *testing.F) {
	f.Add(StorageSlotPreimage("balance", make([]byte, 20)))
	f.Add(StorageSlotPreimage("teleport/signer", []byte{1, 2, 3, 4}, []byte{5}))
	f.Add([]byte{0x80, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		tag, parts, ok := DecodeStorageSlotPreimage(b)
		if !ok {
			return
		}
		if re := StorageSlotPreimage(tag, parts...); string(re) != string(b) {
			t.Fatalf("%x decodes and re-encodes as %x", b, re)
		}
	})
}
