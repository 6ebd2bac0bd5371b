package proof

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// hashN returns a distinct test hash for i under tag.
func hashN(tag string, i int) Hash { return DomainInput.Sum([]byte(fmt.Sprint(tag, i))) }

func hashes(tag string, n int) []Hash {
	out := make([]Hash, n)
	for i := range out {
		out[i] = hashN(tag, i)
	}
	return out
}

func TestAuditSeed(t *testing.T) {
	bh := hashes("block", 8)
	base, err := AuditSeed(6133, 100, bh)
	require.NoError(t, err)

	// The layout is chain_id ‖ submit_block ‖ count ‖ hashes, big-endian.
	pre := binary.BigEndian.AppendUint64(nil, 6133)
	pre = binary.BigEndian.AppendUint64(pre, 100)
	pre = binary.BigEndian.AppendUint64(pre, 8)
	for _, h := range bh {
		pre = append(pre, h[:]...)
	}
	require.Equal(t, DomainAuditSeed.Sum(pre), base)

	swapped := slices.Clone(bh)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	changedLast := slices.Clone(bh)
	changedLast[7][31] ^= 1
	for _, tc := range []struct {
		name    string
		chainID uint64
		block   uint64
		hashes  []Hash
	}{
		{"other chain", 6134, 100, bh},
		{"other block", 6133, 101, bh},
		{"fewer hashes", 6133, 100, bh[:7]},
		{"order of hashes", 6133, 100, swapped},
		{"last hash", 6133, 100, changedLast},
	} {
		got, err := AuditSeed(tc.chainID, tc.block, tc.hashes)
		require.NoError(t, err, tc.name)
		require.NotEqual(t, base, got, tc.name)
	}

	zero := slices.Clone(bh)
	zero[3] = Hash{}
	for _, tc := range []struct {
		name   string
		hashes []Hash
		want   error
	}{
		{"none", nil, ErrAuditSeedNoHashes},
		{"zero hash", zero, ErrAuditSeedZeroHash},
		{"too many", hashes("block", maxAuditSeedHashes+1), ErrAuditSeedTooManyHashes},
	} {
		_, err := AuditSeed(6133, 100, tc.hashes)
		require.ErrorIs(t, err, tc.want, tc.name)
	}
	_, err = AuditSeed(6133, 100, hashes("block", maxAuditSeedHashes))
	require.NoError(t, err, "the full window")
}

func TestMod256(t *testing.T) {
	r := newRand(13)
	mods := []uint64{1, 2, 3, 7, BasisPoints, 1<<16 + 1, 1<<32 - 1}
	vals := []Hash{{}, {31: 1}, func() (h Hash) {
		for i := range h {
			h[i] = 0xff
		}
		return h
	}()}
	for range 200 {
		vals = append(vals, Hash(randBytes(r, 32)))
	}
	for _, m := range mods {
		for _, v := range vals {
			want := new(big.Int).Mod(new(big.Int).SetBytes(v[:]), new(big.Int).SetUint64(m)).Uint64()
			require.Equal(t, want, mod256(v, m), "%x mod %d", v, m)
		}
	}
}

func TestAuditSelected(t *testing.T) {
	seed := hashN("seed", 0)
	for i := range 50 {
		w := hashN("work", i)
		d := AuditDraw(seed, w)
		require.Less(t, d, uint16(BasisPoints))
		for _, tc := range []struct {
			p    uint16
			want bool
		}{
			{0, false},
			{d, false},
			{d + 1, true},
			{BasisPoints, true},
			{math.MaxUint16, true},
		} {
			require.Equal(t, tc.want, AuditSelected(seed, w, tc.p), "draw %d, p %d", d, tc.p)
		}
	}
	// The draw depends on both the seed and the work id.
	w := hashN("work", 0)
	var seeds, works int
	for i := 1; i <= 20; i++ {
		if AuditDraw(hashN("seed", i), w) != AuditDraw(seed, w) {
			seeds++
		}
		if AuditDraw(seed, hashN("work", i)) != AuditDraw(seed, w) {
			works++
		}
	}
	require.GreaterOrEqual(t, seeds, 19)
	require.GreaterOrEqual(t, works, 19)
}

// TestAuditSelectionFrequency checks that selection happens with the
// governed probability. The inputs are fixed, so the test is deterministic;
// the bounds are five standard deviations of the binomial count, which a
// correct draw leaves with probability below 10⁻⁶.
func TestAuditSelectionFrequency(t *testing.T) {
	const n = 20_000
	for _, p := range []uint16{500, 100, 2500} {
		for s := range 3 {
			seed := hashN("frequency seed", s)
			selected := 0
			for i := range n {
				if AuditSelected(seed, hashN("frequency work", i), p) {
					selected++
				}
			}
			q := float64(p) / BasisPoints
			mean, sd := n*q, math.Sqrt(n*q*(1-q))
			t.Logf("p = %d bps, seed %d: %d of %d selected (expected %.0f ± %.1f)", p, s, selected, n, mean, sd)
			require.InDelta(t, mean, float64(selected), 5*sd, "p = %d bps, seed %d", p, s)
		}
	}
	// The draw itself is uniform over 0..9999: ten buckets of 1000.
	seed := hashN("frequency seed", 0)
	var buckets [10]int
	for i := range n {
		buckets[AuditDraw(seed, hashN("frequency work", i))/1000]++
	}
	chi2 := 0.0
	for _, c := range buckets {
		d := float64(c) - n/10
		chi2 += d * d / (n / 10)
	}
	// 9 degrees of freedom: P(χ² > 33.7) < 10⁻⁴.
	require.Less(t, chi2, 33.7, "buckets %v", buckets)
}

func TestDrawCommittee(t *testing.T) {
	seed, work := hashN("seed", 1), hashN("work", 1)
	ids := hashes("verifier", 12)

	full, err := DrawCommittee(seed, work, ids, len(ids))
	require.NoError(t, err)
	require.ElementsMatch(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, full, "k = n draws everyone once")
	for i := 1; i < len(full); i++ {
		a, b := CommitteeRank(seed, work, ids[full[i-1]]), CommitteeRank(seed, work, ids[full[i]])
		require.Negative(t, bytes.Compare(a[:], b[:]), "ranks ascend")
	}

	for k := 1; k <= len(ids); k++ {
		got, err := DrawCommittee(seed, work, ids, k)
		require.NoError(t, err)
		require.Equal(t, full[:k], got, "k = %d is the first k of the full order", k)
	}

	// Order of the verifier list does not matter.
	perm := newRand(5).Perm(len(ids))
	shuffled := make([]Hash, len(ids))
	for i, j := range perm {
		shuffled[i] = ids[j]
	}
	got, err := DrawCommittee(seed, work, shuffled, 4)
	require.NoError(t, err)
	for i := range got {
		require.Equal(t, ids[full[i]], shuffled[got[i]], "member %d", i)
	}

	// A verifier joining outside the committee does not change it.
	committee, err := DrawCommittee(seed, work, ids, 4)
	require.NoError(t, err)
	for j := range 40 {
		joined := append(slices.Clone(ids), hashN("newcomer", j))
		got, err := DrawCommittee(seed, work, joined, 4)
		require.NoError(t, err)
		if !slices.Contains(got, len(ids)) {
			require.Equal(t, committee, got, "newcomer %d", j)
		}
	}

	// Another seed or work id gives another committee.
	other, err := DrawCommittee(hashN("seed", 2), work, ids, 4)
	require.NoError(t, err)
	require.NotEqual(t, committee, other)
	other, err = DrawCommittee(seed, hashN("work", 2), ids, 4)
	require.NoError(t, err)
	require.NotEqual(t, committee, other)

	dup := slices.Clone(ids)
	dup[9] = dup[2]
	for _, tc := range []struct {
		name string
		ids  []Hash
		k    int
		want error
	}{
		{"k zero", ids, 0, ErrCommitteeSize},
		{"k negative", ids, -1, ErrCommitteeSize},
		{"k above n", ids, len(ids) + 1, ErrCommitteeSize},
		{"empty set", nil, 1, ErrCommitteeSize},
		{"duplicate", dup, 3, ErrDuplicateVerifier},
		{"too many", hashes("verifier", MaxCommitteeVerifiers+1), 3, ErrTooManyVerifiers},
	} {
		_, err := DrawCommittee(seed, work, tc.ids, tc.k)
		require.ErrorIs(t, err, tc.want, tc.name)
	}
	_, err = DrawCommittee(seed, work, hashes("verifier", MaxCommitteeVerifiers), 7)
	require.NoError(t, err, "the largest set")
}

// TestDrawCommitteeFrequency checks that every verifier sits on a committee
// of k out of n with probability k/n (five standard deviations).
func TestDrawCommitteeFrequency(t *testing.T) {
	const n, k, draws = 10, 3, 30_000
	ids := hashes("verifier", n)
	seed := hashN("seed", 9)
	var counts [n]int
	for i := range draws {
		got, err := DrawCommittee(seed, hashN("work", i), ids, k)
		require.NoError(t, err)
		for _, j := range got {
			counts[j]++
		}
	}
	q := float64(k) / n
	mean, sd := draws*q, math.Sqrt(draws*q*(1-q))
	for j, c := range counts {
		require.InDelta(t, mean, float64(c), 5*sd, "verifier %d: %v", j, counts)
	}
	t.Logf("seats per verifier over %d committees of %d of %d: %v (expected %.0f ± %.0f)", draws, k, n, counts, mean, sd)
}

// Audit vectors: testdata/proof/audit.json pins AuditSeed, AuditDraw and
// DrawCommittee for another implementation (a watcher or verifier in
// another language) to reproduce. Regenerate with
//
//	go test ./proof -run TestAuditVectors -update
const auditVectorsPath = "../testdata/proof/audit.json"

type auditVectors struct {
	Comment []string         `json:"comment"`
	Seeds   []auditSeedVec   `json:"seeds"`
	Draws   []auditDrawVec   `json:"draws"`
	Commits []auditCommittee `json:"committees"`
	Items   []auditBatchItem `json:"batch_items"`
}

type auditBatchItem struct {
	Seed    string `json:"seed"`
	BatchID string `json:"batch_id"`
	Count   uint16 `json:"count"`
	Index   uint16 `json:"index"`
}

type auditSeedVec struct {
	ChainID     string   `json:"chain_id"`
	SubmitBlock string   `json:"submit_block"`
	BlockHashes []string `json:"block_hashes"`
	Seed        string   `json:"seed"`
}

type auditDrawVec struct {
	Seed     string `json:"seed"`
	WorkID   string `json:"work_id"`
	Draw     uint16 `json:"draw"`
	Selected bool   `json:"selected_at_500_bps"`
}

type auditCommittee struct {
	Seed      string   `json:"seed"`
	WorkID    string   `json:"work_id"`
	Verifiers []string `json:"verifier_ids"`
	K         int      `json:"k"`
	Indices   []int    `json:"indices"`
}

func buildAuditVectors(t *testing.T) auditVectors {
	v := auditVectors{Comment: []string{
		"Sampled-audit draws of package proof (proof/audit.go); see testdata/proof/README.md.",
		"seed = Sum_DomainAuditSeed(chain_id(8) || submit_block(8) || count(8) || block_hash_1 .. block_hash_count)",
		"draw = Sum_DomainAuditSelection(seed || work_id) as a 256-bit big-endian integer mod 10000; selected iff draw < p_bps",
		"committee: rank_i = Sum_DomainAuditCommittee(seed || work_id || verifier_id_i); the k lowest ranks (32-byte big-endian), lowest first",
		"batch item: index = Sum_DomainAuditBatchItem(seed || batch_id) as a 256-bit big-endian integer mod count",
		"Regenerate: go test ./proof -run TestAuditVectors -update",
	}}
	for i, tc := range []struct {
		chainID, block uint64
		n              int
	}{{6133, 1, 1}, {6133, 1_000_000, 8}, {96369, math.MaxUint64 - 9, 3}} {
		bh := hashes(fmt.Sprint("vector block ", i), tc.n)
		seed, err := AuditSeed(tc.chainID, tc.block, bh)
		require.NoError(t, err)
		sv := auditSeedVec{ChainID: strconv.FormatUint(tc.chainID, 10), SubmitBlock: strconv.FormatUint(tc.block, 10), Seed: hex.EncodeToString(seed[:])}
		for _, h := range bh {
			sv.BlockHashes = append(sv.BlockHashes, hex.EncodeToString(h[:]))
		}
		v.Seeds = append(v.Seeds, sv)
	}
	seed := unhex32(t, v.Seeds[1].Seed)
	for i := range 6 {
		w := hashN("vector work", i)
		v.Draws = append(v.Draws, auditDrawVec{Seed: hex.EncodeToString(seed[:]), WorkID: hex.EncodeToString(w[:]), Draw: AuditDraw(seed, w), Selected: AuditSelected(seed, w, 500)})
	}
	ids := hashes("vector verifier", 7)
	for _, k := range []int{1, 3, 7} {
		w := hashN("vector work", k)
		got, err := DrawCommittee(seed, w, ids, k)
		require.NoError(t, err)
		c := auditCommittee{Seed: hex.EncodeToString(seed[:]), WorkID: hex.EncodeToString(w[:]), K: k, Indices: got}
		for _, id := range ids {
			c.Verifiers = append(c.Verifiers, hex.EncodeToString(id[:]))
		}
		v.Commits = append(v.Commits, c)
	}
	for i, count := range []uint16{1, 2, 7, 256, math.MaxUint16} {
		b := hashN("vector batch", i)
		v.Items = append(v.Items, auditBatchItem{Seed: hex.EncodeToString(seed[:]), BatchID: hex.EncodeToString(b[:]), Count: count, Index: AuditedBatchItem(seed, b, count)})
	}
	return v
}

func TestAuditVectors(t *testing.T) {
	if *update {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		require.NoError(t, enc.Encode(buildAuditVectors(t)))
		require.NoError(t, os.WriteFile(auditVectorsPath, b.Bytes(), 0o644))
	}
	raw, err := os.ReadFile(auditVectorsPath)
	require.NoError(t, err, "run: go test ./proof -run TestAuditVectors -update")
	var f auditVectors
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&f))
	require.NotEmpty(t, f.Seeds)
	require.NotEmpty(t, f.Draws)
	require.NotEmpty(t, f.Commits)
	require.NotEmpty(t, f.Items)
	for _, s := range f.Seeds {
		chainID, err := strconv.ParseUint(s.ChainID, 10, 64)
		require.NoError(t, err)
		block, err := strconv.ParseUint(s.SubmitBlock, 10, 64)
		require.NoError(t, err)
		var bh []Hash
		for _, h := range s.BlockHashes {
			bh = append(bh, unhex32(t, h))
		}
		got, err := AuditSeed(chainID, block, bh)
		require.NoError(t, err)
		require.Equal(t, unhex32(t, s.Seed), got)
	}
	for _, d := range f.Draws {
		seed, w := unhex32(t, d.Seed), unhex32(t, d.WorkID)
		require.Equal(t, d.Draw, AuditDraw(seed, w))
		require.Equal(t, d.Selected, AuditSelected(seed, w, 500))
	}
	for _, c := range f.Commits {
		var ids []Hash
		for _, id := range c.Verifiers {
			ids = append(ids, unhex32(t, id))
		}
		got, err := DrawCommittee(unhex32(t, c.Seed), unhex32(t, c.WorkID), ids, c.K)
		require.NoError(t, err)
		require.Equal(t, c.Indices, got)
	}
	for _, it := range f.Items {
		got := AuditedBatchItem(unhex32(t, it.Seed), unhex32(t, it.BatchID), it.Count)
		require.Equal(t, it.Index, got)
		require.Less(t, got, it.Count)
	}
}

// TestVoteCommitment pins the commitment of a committee vote and checks
// that every input changes it: the work, the verifier (so one member
// cannot copy another's commitment), the verdict and the salt.
func TestVoteCommitment(t *testing.T) {
	v := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	base := VoteCommitment(Hash{1}, v, VerdictFraud, Hash{2})
	require.Equal(t, unhex32(t, "fc9e7545e3c71079fb0a6482a85c1d08b19eea68208dd03a5ba6b94fa6687b29"), base)
	for name, other := range map[string]Hash{
		"work":     VoteCommitment(Hash{9}, v, VerdictFraud, Hash{2}),
		"verifier": VoteCommitment(Hash{1}, common.HexToAddress("0xab"), VerdictFraud, Hash{2}),
		"verdict":  VoteCommitment(Hash{1}, v, VerdictValid, Hash{2}),
		"salt":     VoteCommitment(Hash{1}, v, VerdictFraud, Hash{3}),
	} {
		require.NotEqual(t, base, other, name)
	}
	require.Equal(t, Hash(common.BytesToHash(v[:])), VerifierID(v))
}
