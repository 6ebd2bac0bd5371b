package precompile_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/stretchr/testify/require"
)

// TestKeyCacheSameResultAndGas runs every call path that decodes an ML-DSA
// key three times from the same state: with no cache, with a cold cache
// and with a cache that holds the key. Return data, error, gas, logs and
// the state root are identical in all three; only the cache's counters
// show the difference.
func TestKeyCacheSameResultAndGas(t *testing.T) {
	sk := key(t, proof.MLDSA65, 40)
	gw := key(t, proof.MLDSA87, 41)
	items := batchItems(3, "cache", 1, 2, 3)
	batch := signBatch(t, sk, chainPars, items)
	msg := []byte("a message")
	sig, err := sk.Sign(msg, nil, true)
	require.NoError(t, err)
	badProof := makeProof(t, sk, chainPars, 3, nil)
	badProof.Signature[0] ^= 1
	badBatch := *batch
	badBatch.Signature = bytes.Clone(batch.Signature)
	badBatch.Signature[0] ^= 1

	cases := []struct {
		name   string
		caller common.Address
		input  []byte
	}{
		{"submitWorkProof", stranger, pack(t, "submitWorkProof", makeProof(t, sk, chainPars, 3, nil).Encode(), []byte{})},
		{"submitWorkProof, bad signature", stranger, pack(t, "submitWorkProof", badProof.Encode(), []byte{})},
		{"submitWorkBatch", stranger, pack(t, "submitWorkBatch", batch.Encode(), proof.EncodeBatchItems(items))},
		{"submitWorkBatch, bad signature", stranger, pack(t, "submitWorkBatch", badBatch.Encode(), proof.EncodeBatchItems(items))},
		{"verifyMLDSA", stranger, pack(t, "verifyMLDSA", sk.Public().Bytes(), msg, sig)},
		{"verifyMLDSA, wrong message", stranger, pack(t, "verifyMLDSA", sk.Public().Bytes(), []byte("another"), sig)},
		{"verifyMLDSA, key of no scheme", stranger, pack(t, "verifyMLDSA", sk.Public().Bytes()[:100], msg, sig)},
		{"registerGateway", gov, pack(t, "registerGateway", gw.Public().Bytes())},
		{"setTeleportSigners", gov, pack(t, "setTeleportSigners", uint32(chainZoo), [][]byte{gw.Public().Bytes(), sk.Public().Bytes()}, uint8(2))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			run := func(kc *precompile.KeyCache) (precompiletest.Result, common.Hash) {
				c := newChain(t)
				bondKey(t, c, sk)
				if kc != nil {
					c.Contract = precompile.New(precompile.WithKeyCache(kc))
				}
				r := c.Call(precompiletest.Frame{Caller: tc.caller}, tc.input)
				return r, root(c)
			}
			plain, plainRoot := run(nil)
			warm := precompile.NewKeyCache(8)
			for _, k := range [][]byte{sk.Public().Bytes(), gw.Public().Bytes()} {
				_, err := warm.Parse(k)
				require.NoError(t, err)
			}
			for _, kc := range []*precompile.KeyCache{precompile.NewKeyCache(8), warm} {
				hits0, _ := kc.Stats()
				r, rt := run(kc)
				require.Equal(t, plain.Ret, r.Ret)
				require.Equal(t, plain.Err, r.Err)
				require.Equal(t, plain.GasUsed, r.GasUsed, "gas is the same on hit and miss")
				require.Equal(t, len(plain.Logs), len(r.Logs))
				require.Equal(t, plainRoot, rt)
				if kc == warm && tc.name != "verifyMLDSA, key of no scheme" {
					hits, _ := kc.Stats()
					require.Greater(t, hits, hits0, "the warm cache was used")
				}
			}
		})
	}
}

// TestKeyCacheLRU: the cache holds at most its size, evicts the least
// recently used key, returns exactly what proof.ParsePublicKey returns and
// caches no failure.
func TestKeyCacheLRU(t *testing.T) {
	keys := make([][]byte, 4)
	for i := range keys {
		keys[i] = key(t, proof.MLDSA44, byte(50+i)).Public().Bytes()
	}
	kc := precompile.NewKeyCache(2)
	parse := func(i int) {
		t.Helper()
		pk, err := kc.Parse(keys[i])
		require.NoError(t, err)
		require.Equal(t, keys[i], pk.Bytes())
		want, err := proof.ParsePublicKey(keys[i])
		require.NoError(t, err)
		require.Equal(t, want, pk)
	}
	steps := []struct {
		parse        int
		hits, misses uint64
	}{
		{0, 0, 1}, {1, 0, 2}, {0, 1, 2}, // 0 is now the most recent
		{2, 1, 3},            // evicts 1
		{0, 2, 3}, {1, 2, 4}, // 1 was evicted; evicts 2
		{2, 2, 5},
	}
	for i, s := range steps {
		parse(s.parse)
		h, m := kc.Stats()
		require.Equal(t, [2]uint64{s.hits, s.misses}, [2]uint64{h, m}, "step %d", i)
		require.LessOrEqual(t, kc.Len(), 2)
	}
	for _, bad := range [][]byte{nil, keys[0][:100], append(bytes.Clone(keys[0]), 0)} {
		_, want := proof.ParsePublicKey(bad)
		pk, err := kc.Parse(bad)
		require.Nil(t, pk)
		require.Equal(t, want.Error(), err.Error())
	}
	require.Equal(t, 2, kc.Len())
	var none *precompile.KeyCache
	pk, err := none.Parse(keys[3])
	require.NoError(t, err)
	require.Equal(t, keys[3], pk.Bytes())
	require.Zero(t, none.Len())
}

// TestKeyCacheConcurrent shares one small cache between goroutines that
// decode and verify with overlapping keys (run with -race to check the
// locking): every answer is right and the bound holds.
func TestKeyCacheConcurrent(t *testing.T) {
	const n = 6
	type signed struct{ pub, sig []byte }
	msg := []byte("shared")
	sigs := make([]signed, n)
	for i := range sigs {
		sk := key(t, proof.MLDSA44, byte(60+i))
		s, err := sk.Sign(msg, nil, true)
		require.NoError(t, err)
		sigs[i] = signed{sk.Public().Bytes(), s}
	}
	kc := precompile.NewKeyCache(3)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				s := sigs[(g+i)%n]
				pk, err := kc.Parse(s.pub)
				if err != nil || !pk.Verify(msg, nil, s.sig) || pk.Verify([]byte("other"), nil, s.sig) {
					errs <- fmt.Errorf("goroutine %d, round %d: wrong answer (%v)", g, i, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	require.LessOrEqual(t, kc.Len(), 3)
}

// BenchmarkRepeatMinerVerify compares verifying a batch header's signature
// cold (the key decoded from its bytes) with verifying it for a miner whose
// key the node's cache holds, in the same run and next to ecrecover:
//
//	go test ./precompile -run '^$' -bench RepeatMinerVerify -benchtime 2000x
//
// Both sides compute the miner id (the precompile needs it anyway for the
// bond and the spent bitmap) outside the timed verification. x-cold is how
// many times faster the repeat miner is verified; x-ecrecover is the
// verification's time in ecrecovers.
func BenchmarkRepeatMinerVerify(b *testing.B) {
	ec := vm.PrecompiledContractsCancun[common.BytesToAddress([]byte{1})]
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		b.Run(s.String(), func(b *testing.B) {
			sk := key(b, s, 42)
			h := signBatch(b, sk, chainPars, batchItems(1, "bench", 1, 2, 3))
			kc := precompile.NewKeyCache(4)
			if _, err := kc.Parse(h.MinerKey); err != nil {
				b.Fatal(err)
			}
			id := h.MinerID()
			var cold, warm, ecr time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				pk, err := proof.ParsePublicKey(h.MinerKey)
				if err != nil || h.VerifySignature(pk) != nil {
					b.Fatal("cold verification failed")
				}
				t1 := time.Now()
				pk, err = precompile.ParseKeyWithID(kc, id, h.MinerKey)
				if err != nil || h.VerifySignature(pk) != nil {
					b.Fatal("cached verification failed")
				}
				t2 := time.Now()
				if _, err := ec.Run(ecrecoverInput); err != nil {
					b.Fatal(err)
				}
				t3 := time.Now()
				cold += t1.Sub(t0)
				warm += t2.Sub(t1)
				ecr += t3.Sub(t2)
			}
			b.StopTimer()
			b.ReportMetric(float64(cold)/float64(warm), "x-cold")
			b.ReportMetric(float64(cold)/float64(ecr), "cold-ecrecovers")
			b.ReportMetric(float64(warm)/float64(ecr), "cached-ecrecovers")
		})
	}
}
