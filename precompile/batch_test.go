package precompile_test

import (
	"bytes"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
	"github.com/stretchr/testify/require"
)

// batchItem is an item on the test model worth cu compute units (cu output
// tokens), with a nonce of its own.
func batchItem(seq, cu uint64, tag string) proof.BatchItem {
	return proof.BatchItem{
		Seq: seq, JobID: proof.Hash{1}, ModelHash: testModelHash, InputHash: proof.Hash{3}, DeviceID: proof.Hash{4},
		Nonce: proof.DomainInput.Sum([]byte(fmt.Sprint(tag, seq))), Timestamp: t0 - 10,
		OutputHash: proof.HashOutput([]byte(fmt.Sprint("output", seq))), OutputTokens: uint32(cu),
	}
}

// batchItems returns one item of cu compute units per sequence number.
func batchItems(cu uint64, tag string, seqs ...uint64) []proof.BatchItem {
	items := make([]proof.BatchItem, len(seqs))
	for i, s := range seqs {
		items[i] = batchItem(s, cu, tag)
	}
	return items
}

// seqRange returns n, n+1, …, n+k-1.
func seqRange(n, k uint64) []uint64 {
	out := make([]uint64, k)
	for i := range out {
		out[i] = n + uint64(i)
	}
	return out
}

// signBatch signs items for chain and payee with sk, deterministically.
func signBatch(t testing.TB, sk *proof.PrivateKey, chain uint32, items []proof.BatchItem) *proof.BatchHeader {
	t.Helper()
	h, err := proof.SignBatch(sk, chain, payee, items, true)
	require.NoError(t, err)
	return h
}

// submitBatchRaw sends submitWorkBatch(header, items) as is.
func submitBatchRaw(c *precompiletest.Chain, t testing.TB, header, items []byte) precompiletest.Result {
	t.Helper()
	return c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "submitWorkBatch", header, items))
}

// submitBatch bonds sk's miner id and submits items signed by it.
func submitBatch(c *precompiletest.Chain, t testing.TB, sk *proof.PrivateKey, items []proof.BatchItem) precompiletest.Result {
	t.Helper()
	bondKey(t, c, sk)
	h := signBatch(t, sk, uint32(c.Config.ChainID.Uint64()), items)
	return submitBatchRaw(c, t, h.Encode(), proof.EncodeBatchItems(items))
}

// requireItemRefused checks a BatchItemFailed(index, inner) revert.
func requireItemRefused(t *testing.T, r precompiletest.Result, index uint64, inner string) *precompile.Revert {
	t.Helper()
	requireRevert(t, r, "BatchItemFailed")
	require.Equal(t, index, r.Revert.Args[0].(*big.Int).Uint64(), "failing item")
	in, err := precompile.DecodeRevert(r.Revert.Args[1].([]byte))
	require.NoError(t, err)
	require.Equal(t, inner, in.Name, "inner error %v", in)
	return in
}

// seqSpent reads bit seq of miner's bitmap through the seqWord view.
func seqSpent(t testing.TB, c *precompiletest.Chain, miner proof.Hash, seq uint64) bool {
	t.Helper()
	bits := view(t, c, "seqWord", [32]byte(miner), seq>>8)[0].(*big.Int)
	return bits.Bit(int(seq&0xff)) == 1
}

func totalPending(t testing.TB, c *precompiletest.Chain) *big.Int {
	return view(t, c, "totalPending")[0].(*big.Int)
}

// softwareReward is what one item of cu units earns at difficulty 1.0.
func softwareReward(cu uint64) *big.Int {
	r, _ := reward.Reward(precompile.DefaultBaseReward, cu, reward.One(), reward.TrustSoftwareBps)
	return r.ToBig()
}

// TestBatchDoublePay is the attack on the batch spent set: the same item
// paid twice, by the same batch sent again, by the item inside another
// batch, by its sequence number under other content, by one sequence
// number twice in a batch, on another chain and after a reorganisation.
// Each time the refusal leaves the state exactly as it was, and every
// sequence number is paid once.
func TestBatchDoublePay(t *testing.T) {
	sk := key(t, proof.MLDSA44, 30)
	miner := sk.Public().ID()
	first := batchItems(5, "a", seqRange(0, 4)...) // seqs 0..3, 5 units each

	cases := []struct {
		name    string
		items   func() []proof.BatchItem
		raw     func(h *proof.BatchHeader, items []proof.BatchItem) ([]byte, []byte) // calldata override
		index   uint64
		inner   string // inner error of BatchItemFailed, or
		outer   string // the outer error when not an item's
		paidSeq []uint64
	}{
		{name: "the same batch again", items: func() []proof.BatchItem { return first }, index: 0, inner: "ItemAlreadySpent"},
		{name: "an item of the first batch in a new batch", items: func() []proof.BatchItem {
			return []proof.BatchItem{batchItem(10, 5, "b"), first[2], batchItem(11, 5, "b")}
		}, index: 1, inner: "SeqNotIncreasing"},
		{name: "an item of the first batch, in order, in a new batch", items: func() []proof.BatchItem {
			return append([]proof.BatchItem{first[2]}, batchItems(5, "c", 10, 11)...)
		}, index: 0, inner: "ItemAlreadySpent"},
		{name: "a spent sequence number under new content", items: func() []proof.BatchItem {
			return append(batchItems(5, "d", 8, 9), batchItem(3, 7, "fresh content"))
		}, index: 2, inner: "SeqNotIncreasing"},
		{name: "a spent sequence number under new content, in order", items: func() []proof.BatchItem {
			return append(batchItems(5, "d", 3), batchItems(7, "e", 8, 9)...)
		}, index: 0, inner: "ItemAlreadySpent"},
		{name: "one sequence number twice in a batch", items: func() []proof.BatchItem {
			return []proof.BatchItem{batchItem(20, 5, "f"), batchItem(21, 5, "f"), batchItem(21, 6, "g")}
		}, index: 2, inner: "SeqNotIncreasing"},
		{name: "the same item twice in a batch", items: func() []proof.BatchItem {
			it := batchItem(30, 5, "h")
			return []proof.BatchItem{it, it}
		}, index: 1, inner: "SeqNotIncreasing"},
		{name: "first batch's items reordered in calldata", items: func() []proof.BatchItem { return first },
			raw: func(h *proof.BatchHeader, items []proof.BatchItem) ([]byte, []byte) {
				swapped := []proof.BatchItem{items[1], items[0], items[2], items[3]}
				return h.Encode(), proof.EncodeBatchItems(swapped)
			}, inner: "", outer: "SeqNotIncreasing"},
		{name: "an unspent item swapped into a signed batch", items: func() []proof.BatchItem { return batchItems(5, "i", 40, 41) },
			raw: func(h *proof.BatchHeader, items []proof.BatchItem) ([]byte, []byte) {
				return h.Encode(), proof.EncodeBatchItems([]proof.BatchItem{items[0], batchItem(42, 500, "i")})
			}, outer: "BadSignature"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			r := submitBatch(c, t, sk, first)
			require.NoError(t, r.Err, "%v", r.Revert)
			paid := totalPending(t, c)
			require.Equal(t, new(big.Int).Mul(big.NewInt(4), softwareReward(5)), paid)

			items := tc.items()
			h := signBatch(t, sk, chainPars, items)
			hdr, packed := h.Encode(), proof.EncodeBatchItems(items)
			if tc.raw != nil {
				hdr, packed = tc.raw(h, items)
			}
			before := root(c)
			r = submitBatchRaw(c, t, hdr, packed)
			switch {
			case tc.outer == "SeqNotIncreasing":
				requireItemRefused(t, r, 1, "SeqNotIncreasing")
			case tc.outer != "":
				requireRevert(t, r, tc.outer)
			default:
				requireItemRefused(t, r, tc.index, tc.inner)
			}
			require.Equal(t, before, root(c), "a refused batch changes nothing")
			require.Equal(t, paid, totalPending(t, c), "nothing paid twice")
			for _, it := range items {
				if it.Seq >= 4 {
					require.False(t, seqSpent(t, c, miner, it.Seq), "seq %d of a refused batch stays unspent", it.Seq)
				}
			}
		})
	}

	t.Run("another chain", func(t *testing.T) {
		pars := newChain(t)
		zoo, err := precompiletest.NewChain(chainZoo, testParams(), t0)
		require.NoError(t, err)
		require.NoError(t, submitBatch(pars, t, sk, first).Err)
		h := signBatch(t, sk, chainPars, first)
		// The Pars batch is refused on Zoo: the chain id is signed.
		bondKey(t, zoo, sk)
		requireRevert(t, submitBatchRaw(zoo, t, h.Encode(), proof.EncodeBatchItems(first)), "WrongChain")
		// Relabelled for Zoo, the signature breaks.
		h.ChainID = chainZoo
		requireRevert(t, submitBatchRaw(zoo, t, h.Encode(), proof.EncodeBatchItems(first)), "BadSignature")
		// Signed for Zoo by the miner, it is Zoo's work, spent on Zoo alone,
		// in a slot of its own.
		r := submitBatch(zoo, t, sk, first)
		require.NoError(t, r.Err, "%v", r.Revert)
		requireItemRefused(t, submitBatch(zoo, t, sk, first), 0, "ItemAlreadySpent")
		require.NotEqual(t, precompile.SeqSlot(chainPars, miner, 0), precompile.SeqSlot(chainZoo, miner, 0))
	})

	t.Run("reorganisation", func(t *testing.T) {
		c := newChain(t)
		bondKey(t, c, sk)
		h := signBatch(t, sk, chainPars, first)
		in := pack(t, "submitWorkBatch", h.Encode(), proof.EncodeBatchItems(first))
		fork := c.State.Snapshot()
		c.SetBlock(2, t0)
		require.NoError(t, c.Call(precompiletest.Frame{}, in).Err)
		require.True(t, seqSpent(t, c, miner, 3))
		// The block is rolled back: bits and payment go together.
		c.State.RevertToSnapshot(fork)
		c.SetBlock(2, t0+1)
		require.False(t, seqSpent(t, c, miner, 0))
		require.Zero(t, totalPending(t, c).Sign())
		// The new branch includes the batch once.
		require.NoError(t, c.Call(precompiletest.Frame{}, in).Err)
		requireItemRefused(t, c.Call(precompiletest.Frame{}, in), 0, "ItemAlreadySpent")
		require.Equal(t, new(big.Int).Mul(big.NewInt(4), softwareReward(5)), totalPending(t, c))
	})
}

// TestBatchOneBadItemRefusedWhole: a batch with one bad item is refused
// whole, with the index and the reason of the first bad item, and changes
// nothing; the same batch re-signed without the bad item is accepted, and
// the bad item's sequence number stays unspent.
func TestBatchOneBadItemRefusedWhole(t *testing.T) {
	sk := key(t, proof.MLDSA65, 31)
	miner := sk.Public().ID()
	const bad = 2
	cases := []struct {
		name   string
		setup  func(t *testing.T, c *precompiletest.Chain)
		others uint32 // compute units of the good items (default 5)
		edit   func(it *proof.BatchItem)
		inner  string
	}{
		{name: "stale timestamp", edit: func(it *proof.BatchItem) { it.Timestamp = t0 - testParams().TimeWindowPast - 1 }, inner: "StaleTimestamp"},
		{name: "future timestamp", edit: func(it *proof.BatchItem) { it.Timestamp = t0 + testParams().TimeWindowFuture + 1 }, inner: "FutureTimestamp"},
		{name: "unknown model", edit: func(it *proof.BatchItem) { it.ModelHash = proof.Hash{0xee} }, inner: "UnknownModel"},
		{name: "no output", edit: func(it *proof.BatchItem) { it.OutputTokens = 0 }, inner: "ZeroOutputTokens"},
		{name: "tokens over the model's limit", edit: func(it *proof.BatchItem) {
			it.ModelHash = precompile.BuiltinModel().Hash
			it.OutputTokens = precompile.BuiltinMaxOutputTokens + 1
		}, inner: "TokensOverLimit"},
		{name: "over the per-proof cap", setup: func(t *testing.T, c *precompiletest.Chain) {
			require.NoError(t, govCall(t, c, "setCaps", uint64(100), uint32(32)).Err)
		}, edit: func(it *proof.BatchItem) { it.OutputTokens = 101 }, inner: "OverCap"},
		{name: "sequence number already spent", setup: func(t *testing.T, c *precompiletest.Chain) {
			// Sequence number 62, the bad item's, paid earlier for other work.
			r := submitBatch(c, t, sk, batchItems(5, "earlier", 62))
			require.NoError(t, r.Err, "%v", r.Revert)
		}, edit: func(it *proof.BatchItem) {}, inner: "ItemAlreadySpent"},
		{name: "epoch budget exhausted at this item", setup: func(t *testing.T, c *precompiletest.Chain) {
			// Budget 1e18 wei: two items of 500 units pay 6e17, one of
			// 1000 units 6e17 more.
			require.NoError(t, govCall(t, c, "setEpochParameters", uint64(3600), big.NewInt(1000), uint16(1250)).Err)
		}, others: 500, edit: func(it *proof.BatchItem) { it.OutputTokens = 1000 }, inner: "EpochBudgetExhausted"},
		{name: "bond cap reached at this item", setup: func(t *testing.T, c *precompiletest.Chain) {
			bondMiner(t, c, miner, precompile.DefaultMinBond) // 4 coins per epoch: 6,666 units
		}, others: 1, edit: func(it *proof.BatchItem) { it.OutputTokens = 7000 }, inner: "BondTooSmall"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			if tc.setup != nil {
				tc.setup(t, c)
			}
			bondKey(t, c, sk)
			others := uint64(5)
			if tc.others != 0 {
				others = uint64(tc.others)
			}
			items := batchItems(others, tc.name, 60, 61, 62, 63, 64)
			tc.edit(&items[bad])
			pendingBefore := totalPending(t, c)
			before := root(c)
			r := submitBatch(c, t, sk, items)
			requireItemRefused(t, r, bad, tc.inner)
			require.Equal(t, before, root(c), "refused whole: nothing changed")
			for _, it := range items {
				if tc.inner != "ItemAlreadySpent" || it.Seq != items[bad].Seq {
					require.False(t, seqSpent(t, c, miner, it.Seq), "seq %d", it.Seq)
				}
			}

			// Without the bad item the miner re-signs and is paid for the rest.
			good := append(append([]proof.BatchItem(nil), items[:bad]...), items[bad+1:]...)
			if tc.inner == "EpochBudgetExhausted" || tc.inner == "BondTooSmall" {
				good = items[:bad] // the later items would hit the same cap
			}
			r = submitBatch(c, t, sk, good)
			require.NoError(t, r.Err, "%v", r.Revert)
			want := new(big.Int)
			for _, it := range good {
				want.Add(want, softwareReward(uint64(it.OutputTokens)))
			}
			require.Equal(t, want, unpack(t, "submitWorkBatch", r.Ret)[1])
			require.Equal(t, new(big.Int).Add(pendingBefore, want), totalPending(t, c))
			if tc.inner != "ItemAlreadySpent" {
				require.False(t, seqSpent(t, c, miner, items[bad].Seq), "the bad item stays unspent")
			}
			for _, it := range good {
				require.True(t, seqSpent(t, c, miner, it.Seq), "seq %d", it.Seq)
			}
		})
	}
}

// TestBatchMatchesSingleProofs: the same work as a batch and as single
// proofs earns the same rewards and moves every counter the same way (the
// caps, the budget, total pending, the epoch's compute units), across an
// epoch boundary and with a cap that binds.
func TestBatchMatchesSingleProofs(t *testing.T) {
	sk := key(t, proof.MLDSA44, 32)
	counters := func(c *precompiletest.Chain) []any {
		return []any{
			view(t, c, "totalPending"), view(t, c, "epochRewards"), view(t, c, "epochState"),
			view(t, c, "bondInfo", [32]byte(sk.Public().ID())),
		}
	}
	units := []uint64{3, 1, 6000, 1, 5, 900, 2, 6} // 900 is over the cap in the first epoch
	batched, single := newChain(t), newChain(t)
	for _, c := range []*precompiletest.Chain{batched, single} {
		bondMiner(t, c, sk.Public().ID(), precompile.DefaultMinBond) // the cap binds: 4 coins an epoch
	}
	for round, at := range []uint64{t0, t0 + 3600, t0 + 3*3600} {
		items := make([]proof.BatchItem, len(units))
		for i, cu := range units {
			items[i] = batchItem(uint64(round*100+i), cu, "same")
			items[i].Timestamp = at - 5
		}
		for _, c := range []*precompiletest.Chain{batched, single} {
			c.SetBlock(uint64(round+2), at)
		}
		// As single proofs: each is accepted while the cap allows.
		var acceptedSingle, refusedSingle []proof.BatchItem
		for _, it := range items {
			wc := it.Context(chainPars)
			p := &proof.AIWorkProof{Context: wc, Beneficiary: payee, OutputHash: it.OutputHash, InputTokens: it.InputTokens, OutputTokens: it.OutputTokens}
			require.NoError(t, p.Sign(sk, true))
			if r := submit(single, t, p, nil); r.Err == nil {
				acceptedSingle = append(acceptedSingle, it)
			} else {
				requireRevert(t, r, "BondTooSmall")
				refusedSingle = append(refusedSingle, it)
			}
		}
		if round == 0 {
			require.Len(t, refusedSingle, 1, "the cap binds in the first epoch")
		}
		// The batch of exactly those is accepted; each refused one is
		// refused in a batch too, for the same reason.
		require.NoError(t, submitBatch(batched, t, sk, acceptedSingle).Err)
		for _, it := range refusedSingle {
			requireItemRefused(t, submitBatch(batched, t, sk, []proof.BatchItem{it}), 0, "BondTooSmall")
		}
		require.Equal(t, counters(single), counters(batched), "round %d", round)
	}
}

// TestBatchFinalizeAndAuditRecord: the batch's reward is one pending record
// under its batch id, finalized once by finalizeWork; its digest lets an
// audit prove any item with a Merkle path.
func TestBatchFinalizeAndAuditRecord(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA87, 33)
	items := batchItems(7, "fin", 255, 256, 300, 1<<40, 1<<40+1) // four bitmap words
	r := submitBatch(c, t, sk, items)
	require.NoError(t, r.Err, "%v", r.Revert)
	h := signBatch(t, sk, chainPars, items)
	out := unpack(t, "submitWorkBatch", r.Ret)
	require.Equal(t, [32]byte(h.ID()), out[0])
	total := new(big.Int).Mul(big.NewInt(5), softwareReward(7))
	require.Equal(t, total, out[1])

	// The event.
	require.Len(t, r.Logs, 1)
	ev := r.Logs[0]
	require.Equal(t, iaimining.Events["WorkBatchAccepted"].ID, ev.Topics[0])
	require.Equal(t, common.Hash(h.ID()), ev.Topics[1])
	require.Equal(t, common.BytesToHash(payee[:]), ev.Topics[2])
	require.Equal(t, common.Hash(h.MinerID()), ev.Topics[3])
	vals, err := iaimining.Events["WorkBatchAccepted"].Inputs.NonIndexed().Unpack(ev.Data)
	require.NoError(t, err)
	require.Equal(t, []any{uint64(255), uint64(1<<40 + 1), uint16(5), uint64(35), total, uint64(0)}, vals)

	// The record: what an audit checks a revealed (count, root) against.
	pw := view(t, c, "pendingWork", [32]byte(h.ID()))
	require.Equal(t, uint8(1), pw[0])
	require.Equal(t, payee, pw[1])
	require.Equal(t, [32]byte(h.MinerID()), pw[2])
	require.Equal(t, total, pw[3])
	digest := proof.BatchDigest(chainPars, pw[1].(common.Address), uint16(len(items)), h.Root, proof.Hash(pw[2].([32]byte)))
	require.Equal(t, [32]byte(digest), pw[6])
	leaves := make([]proof.Hash, len(items))
	for i := range items {
		leaves[i] = items[i].Leaf()
	}
	for i := range items {
		path, err := proof.BatchPath(leaves, i)
		require.NoError(t, err)
		require.True(t, proof.VerifyBatchPath(h.Root, len(items), i, leaves[i], path))
	}
	for _, it := range items {
		require.True(t, seqSpent(t, c, h.MinerID(), it.Seq))
	}
	require.False(t, seqSpent(t, c, h.MinerID(), 257))

	// Finalized once, after the window.
	ids := [][32]byte{[32]byte(h.ID())}
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", ids)), "ChallengeWindowOpen")
	c.SetBlock(1+precompile.DefaultChallengeWindow, t0)
	require.NoError(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", ids)).Err)
	require.Equal(t, total, balanceOf(t, c, payee))
	require.Zero(t, totalPending(t, c).Sign())
	requireRevert(t, c.Call(precompiletest.Frame{Caller: stranger}, pack(t, "finalizeWork", ids)), "WorkNotPending")
}

// TestBatchRefusals: the checks on the batch as a whole.
func TestBatchRefusals(t *testing.T) {
	sk := key(t, proof.MLDSA44, 34)
	items := batchItems(3, "ref", 1, 2, 3)
	good := signBatch(t, sk, chainPars, items)
	packed := proof.EncodeBatchItems(items)
	cases := []struct {
		name   string
		setup  func(t *testing.T, c *precompiletest.Chain)
		header func() []byte
		items  []byte
		frame  precompiletest.Frame
		want   string
	}{
		{name: "accepted", header: good.Encode, items: packed},
		{name: "not bonded", setup: func(t *testing.T, c *precompiletest.Chain) {}, header: good.Encode, items: packed, want: "BatchItemFailed"},
		{name: "wrong chain", header: func() []byte { return signBatch(t, sk, chainZoo, items).Encode() }, items: packed, want: "WrongChain"},
		{name: "zero beneficiary", header: func() []byte {
			h, err := proof.SignBatch(sk, chainPars, common.Address{}, items, true)
			require.NoError(t, err)
			return h.Encode()
		}, items: packed, want: "ZeroBeneficiary"},
		{name: "an item missing", header: good.Encode, items: packed[:2*proof.BatchItemSize], want: "MalformedInput"},
		{name: "an item too many", header: good.Encode, items: append(bytes.Clone(packed), proof.EncodeBatchItems(batchItems(3, "ref", 4))...), want: "MalformedInput"},
		{name: "a byte short", header: good.Encode, items: packed[:len(packed)-1], want: "MalformedInput"},
		{name: "no items", header: good.Encode, items: []byte{}, want: "MalformedInput"},
		{name: "header not decodable", header: func() []byte { return good.Encode()[:100] }, items: packed, want: "MalformedInput"},
		{name: "a work proof as header", header: func() []byte { return makeProof(t, sk, chainPars, 1, nil).Encode() }, items: packed, want: "MalformedInput"},
		{name: "signature changed", header: func() []byte {
			b := good.Encode()
			b[len(b)-7] ^= 1
			return b
		}, items: packed, want: "BadSignature"},
		{name: "signed by another key", header: func() []byte {
			h := *good
			h.MinerKey = key(t, proof.MLDSA44, 35).Public().Bytes()
			return h.Encode()
		}, items: packed, want: "BadSignature"},
		{name: "tickets required", setup: func(t *testing.T, c *precompiletest.Chain) {
			bondKey(t, c, sk)
			require.NoError(t, govCall(t, c, "setTicketsRequired", true).Err)
		}, header: good.Encode, items: packed, want: "TicketRequired"},
		{name: "static call", header: good.Encode, items: packed, frame: precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, want: "ReadOnlyCall"},
		{name: "delegate call", header: good.Encode, items: packed, frame: precompiletest.Frame{CallType: precompile.CallTypeDelegateCall}, want: "DelegateCallNotAllowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newChain(t)
			if tc.setup != nil {
				tc.setup(t, c)
			} else {
				bondKey(t, c, sk)
			}
			before := root(c)
			r := c.Call(tc.frame, pack(t, "submitWorkBatch", tc.header(), tc.items))
			if tc.want == "" {
				require.NoError(t, r.Err, "%v", r.Revert)
				return
			}
			requireRevert(t, r, tc.want)
			require.Equal(t, before, root(c))
			if tc.want == "BatchItemFailed" {
				requireItemRefused(t, r, 0, "NotBonded")
			}
		})
	}
}

// TestBatchGasIsChargedFirst: one gas short of the price runs out of gas
// and changes nothing; the price is the same whatever the outcome.
func TestBatchGasIsChargedFirst(t *testing.T) {
	sk := key(t, proof.MLDSA65, 36)
	items := batchItems(2, "gas", seqRange(0, 64)...)
	h := signBatch(t, sk, chainPars, items)
	in := pack(t, "submitWorkBatch", h.Encode(), proof.EncodeBatchItems(items))
	c := newChain(t)
	bondKey(t, c, sk)
	ok := c.Call(precompiletest.Frame{}, in)
	require.NoError(t, ok.Err, "%v", ok.Revert)
	refused := c.Call(precompiletest.Frame{}, in) // every item spent now
	requireItemRefused(t, refused, 0, "ItemAlreadySpent")
	require.Equal(t, ok.GasUsed, refused.GasUsed, "refusal burns the same gas")

	c2 := newChain(t)
	bondKey(t, c2, sk)
	before := root(c2)
	r := c2.Call(precompiletest.Frame{Gas: ok.GasUsed - 1}, in)
	require.ErrorIs(t, r.Err, vm.ErrOutOfGas)
	require.Equal(t, before, root(c2))
	require.NoError(t, c2.Call(precompiletest.Frame{Gas: ok.GasUsed}, in).Err)
}

// TestBatchGasCountsRuns: the price follows the registry reads and bitmap
// slots a batch touches: one per run of one model or one word.
func TestBatchGasCountsRuns(t *testing.T) {
	sk := key(t, proof.MLDSA44, 37)
	gasOf := func(items []proof.BatchItem) uint64 {
		c := newChain(t)
		r := submitBatch(c, t, sk, items)
		require.NoError(t, r.Err, "%v", r.Revert)
		return r.GasUsed
	}
	dense := gasOf(batchItems(1, "runs", seqRange(0, 8)...))
	spread := gasOf(batchItems(1, "runs", 0, 256, 512, 768, 1024, 1280, 1536, 1792))
	require.Equal(t, uint64(7)*(precompile.GasDerivedSlot+precompile.GasColdSload+precompile.GasSstoreSet), spread-dense)
	mixed := batchItems(1, "runs", seqRange(0, 8)...)
	for i := range mixed {
		if i%2 == 1 {
			mixed[i].ModelHash = precompile.BuiltinModel().Hash
		}
	}
	require.Equal(t, uint64(7)*(precompile.GasDerivedSlot+precompile.GasColdSload), gasOf(mixed)-dense)
}

// TestBatchLargest: a batch of MaxBatchItems items of ML-DSA-87 fits the
// transaction size limit and the block, and is accepted.
func TestBatchLargest(t *testing.T) {
	if testing.Short() {
		t.Skip("signs and submits 512 items")
	}
	sk := key(t, proof.MLDSA87, 38)
	items := batchItems(1, "max", seqRange(1000, proof.MaxBatchItems)...)
	h := signBatch(t, sk, chainPars, items)
	in := pack(t, "submitWorkBatch", h.Encode(), proof.EncodeBatchItems(items))
	require.Less(t, len(in), 128*1024)
	c := newChain(t)
	bondKey(t, c, sk)
	r := c.Call(precompiletest.Frame{}, in)
	require.NoError(t, r.Err, "%v", r.Revert)
	require.Less(t, r.GasUsed, uint64(30_000_000))
	over := batchItems(1, "max", seqRange(0, proof.MaxBatchItems+1)...)
	h.Count = proof.MaxBatchItems + 1
	requireRevert(t, submitBatchRaw(c, t, h.Encode(), proof.EncodeBatchItems(over)), "MalformedInput")
}

// TestSeqWordView reads the bitmap bit by bit.
func TestSeqWordView(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA44, 39)
	require.NoError(t, submitBatch(c, t, sk, batchItems(1, "view", 0, 7, 255, 256)).Err)
	m := [32]byte(sk.Public().ID())
	w0 := view(t, c, "seqWord", m, uint64(0))[0].(*big.Int)
	want := new(big.Int).SetBit(new(big.Int).SetBit(new(big.Int).SetBit(new(big.Int), 0, 1), 7, 1), 255, 1)
	require.Equal(t, want, w0)
	require.Equal(t, big.NewInt(1), view(t, c, "seqWord", m, uint64(1))[0])
	require.Zero(t, view(t, c, "seqWord", m, uint64(2))[0].(*big.Int).Sign())
	require.Equal(t, common.BytesToHash(want.Bytes()), c.State.GetState(precompile.Address, precompile.SeqSlot(chainPars, m, 0)))
}

// TestBatchItemUnder: the audit building block proves an item of an
// accepted batch with the revealed count, root and Merkle path, and
// refuses every other combination.
func TestBatchItemUnder(t *testing.T) {
	c := newChain(t)
	sk := key(t, proof.MLDSA44, 43)
	items := batchItems(2, "audit", 10, 11, 12, 13, 14)
	require.NoError(t, submitBatch(c, t, sk, items).Err)
	h := signBatch(t, sk, chainPars, items)
	leaves := make([]proof.Hash, len(items))
	for i := range items {
		leaves[i] = items[i].Leaf()
	}
	pathOf := func(i int) []proof.Hash {
		p, err := proof.BatchPath(leaves, i)
		require.NoError(t, err)
		return p
	}
	run := func(id proof.Hash, count uint16, root proof.Hash, index int, item []byte, path []proof.Hash) (proof.BatchItem, precompiletest.Result) {
		var got proof.BatchItem
		r := c.Run(precompiletest.Frame{CallType: precompile.CallTypeStaticCall}, func(env precompile.Env) ([]byte, error) {
			it, err := precompile.BatchItemUnder(env, id, count, root, index, item, path)
			got = it
			if err != nil {
				var rv *precompile.Revert
				require.ErrorAs(t, err, &rv)
				return rv.Data, vm.ErrExecutionReverted
			}
			return nil, nil
		})
		return got, r
	}
	for i := range items {
		got, r := run(h.ID(), h.Count, h.Root, i, items[i].Encode(), pathOf(i))
		require.NoError(t, r.Err, "item %d: %v", i, r.Revert)
		require.Equal(t, items[i], got)
	}
	other := batchItem(12, 9, "not in the batch")
	cases := []struct {
		name  string
		id    proof.Hash
		count uint16
		root  proof.Hash
		index int
		item  []byte
		path  []proof.Hash
		want  string
	}{
		{"unknown batch", proof.Hash{1}, h.Count, h.Root, 0, items[0].Encode(), pathOf(0), "WorkNotPending"},
		{"wrong count", h.ID(), h.Count + 1, h.Root, 0, items[0].Encode(), pathOf(0), "MalformedInput"},
		{"wrong root", h.ID(), h.Count, proof.Hash{2}, 0, items[0].Encode(), pathOf(0), "MalformedInput"},
		{"item at another index", h.ID(), h.Count, h.Root, 1, items[0].Encode(), pathOf(0), "MalformedInput"},
		{"an item never signed", h.ID(), h.Count, h.Root, 2, other.Encode(), pathOf(2), "MalformedInput"},
		{"short item", h.ID(), h.Count, h.Root, 0, items[0].Encode()[:100], pathOf(0), "MalformedInput"},
		{"path of another item", h.ID(), h.Count, h.Root, 0, items[0].Encode(), pathOf(1), "MalformedInput"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, r := run(tc.id, tc.count, tc.root, tc.index, tc.item, tc.path)
			requireRevert(t, r, tc.want)
		})
	}
}
