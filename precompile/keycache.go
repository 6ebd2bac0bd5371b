package precompile

import (
	"bytes"
	"container/list"
	"sync"
	"sync/atomic"

	"github.com/pars-network/aimining/proof"
)

// Decoded-key cache. Decoding an ML-DSA public key (expanding its matrix
// from the seed) is about two thirds of a verification from bytes; a miner
// that submits again, a gateway whose tickets arrive all day and a teleport
// signer set are the same few keys over and over. A KeyCache keeps the
// decoded keys of the most recently used ones.
//
// Consensus never depends on it. A decoded key is a pure function of its
// bytes: a hit returns a key decoded from exactly the same bytes (compared
// in full, not only by hash), a miss decodes them, a failure to decode is
// never cached and is returned the same way both times. Gas is charged
// before any key is decoded, for the miss, so hit and miss cost the same
// gas and give the same result; only the time differs.

// DefaultKeyCacheSize is how many decoded keys a node keeps: about 70 MB
// at ML-DSA-87 (about 68 KB per decoded key), 40 MB at ML-DSA-65.
const DefaultKeyCacheSize = 1024

// KeyCache is a bounded least-recently-used cache of decoded ML-DSA public
// keys keyed by the BLAKE3 hash of their encoding (proof.MinerID). It is
// safe for concurrent use; the keys it returns are only read (circl's
// Verify does not write to a key), so one may be used by several
// goroutines at once. A nil *KeyCache decodes every time.
type KeyCache struct {
	mu      sync.Mutex
	size    int
	order   *list.List // front: most recently used; values *keyEntry
	entries map[proof.Hash]*list.Element

	hits, misses atomic.Uint64
}

// keyEntry is one cached key with the bytes it was decoded from.
type keyEntry struct {
	id  proof.Hash
	raw []byte
	key *proof.PublicKey
}

// NewKeyCache returns a cache holding at most size decoded keys (size < 1
// means DefaultKeyCacheSize).
func NewKeyCache(size int) *KeyCache {
	if size < 1 {
		size = DefaultKeyCacheSize
	}
	return &KeyCache{size: size, order: list.New(), entries: make(map[proof.Hash]*list.Element, size)}
}

// WithKeyCache makes the precompile decode ML-DSA public keys through kc,
// on every call path that decodes one (work proofs and batches, tickets,
// gateway registration, teleport signers, verifyMLDSA). A node gives all
// its EVMs one precompile instance, and so one cache (evmpatch/register).
func WithKeyCache(kc *KeyCache) Option {
	return func(c *Contract) { c.keys = kc }
}

// Parse returns the decoded public key of raw, from the cache when raw was
// decoded before, else decoded now and remembered. Its result is exactly
// proof.ParsePublicKey(raw)'s.
func (kc *KeyCache) Parse(raw []byte) (*proof.PublicKey, error) {
	if kc == nil {
		return proof.ParsePublicKey(raw)
	}
	if _, err := proof.SchemeForPublicKeySize(len(raw)); err != nil {
		kc.misses.Add(1)
		return nil, err // nothing to hash or cache
	}
	return kc.parseID(proof.MinerID(raw), raw)
}

// parseID is Parse for a caller that has hashed raw already: id should be
// proof.MinerID(raw). It is only where the key is filed: a hit still
// requires the same bytes, so a wrong id costs a decode, never a wrong key.
func (kc *KeyCache) parseID(id proof.Hash, raw []byte) (*proof.PublicKey, error) {
	if kc == nil {
		return proof.ParsePublicKey(raw)
	}
	kc.mu.Lock()
	if el, ok := kc.entries[id]; ok {
		e := el.Value.(*keyEntry)
		if bytes.Equal(e.raw, raw) {
			kc.order.MoveToFront(el)
			kc.mu.Unlock()
			kc.hits.Add(1)
			return e.key, nil
		}
	}
	kc.mu.Unlock()
	kc.misses.Add(1)

	// Decode outside the lock: concurrent misses of one key both decode and
	// store equal keys, which is harmless.
	pk, err := proof.ParsePublicKey(raw)
	if err != nil {
		return nil, err
	}
	kc.mu.Lock()
	defer kc.mu.Unlock()
	if el, ok := kc.entries[id]; ok {
		el.Value = &keyEntry{id: id, raw: bytes.Clone(raw), key: pk}
		kc.order.MoveToFront(el)
		return pk, nil
	}
	kc.entries[id] = kc.order.PushFront(&keyEntry{id: id, raw: bytes.Clone(raw), key: pk})
	for kc.order.Len() > kc.size {
		old := kc.order.Back()
		kc.order.Remove(old)
		delete(kc.entries, old.Value.(*keyEntry).id)
	}
	return pk, nil
}

// Len returns the number of keys held.
func (kc *KeyCache) Len() int {
	if kc == nil {
		return 0
	}
	kc.mu.Lock()
	defer kc.mu.Unlock()
	return kc.order.Len()
}

// Stats returns how many lookups found their key and how many decoded it.
func (kc *KeyCache) Stats() (hits, misses uint64) {
	if kc == nil {
		return 0, 0
	}
	return kc.hits.Load(), kc.misses.Load()
}
