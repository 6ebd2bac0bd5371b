package proof

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// allSchemes lists the three parameter sets in a fixed order.
var allSchemes = []Scheme{MLDSA44, MLDSA65, MLDSA87}

// seqSeed returns the seed first, first+1, ..., first+31.
func seqSeed(first byte) [SeedSize]byte {
	var s [SeedSize]byte
	for i := range s {
		s[i] = first + byte(i)
	}
	return s
}

// fixedKeySeed is the seed of the fixed test key of a scheme; the golden
// vectors use the same seeds.
func fixedKeySeed(s Scheme) [SeedSize]byte {
	switch s {
	case MLDSA44:
		return seqSeed(0x00)
	case MLDSA65:
		return seqSeed(0x20)
	case MLDSA87:
		return seqSeed(0x40)
	}
	panic("invalid scheme")
}

var (
	fixedKeysOnce sync.Once
	fixedKeys     map[Scheme]*PrivateKey
	otherKeys     map[Scheme]*PrivateKey
)

func loadFixedKeys() {
	fixedKeys = make(map[Scheme]*PrivateKey)
	otherKeys = make(map[Scheme]*PrivateKey)
	for _, s := range allSchemes {
		k, err := NewKeyFromSeed(s, fixedKeySeed(s))
		if err != nil {
			panic(err)
		}
		fixedKeys[s] = k
		o, err := NewKeyFromSeed(s, seqSeed(0x80+byte(s)))
		if err != nil {
			panic(err)
		}
		otherKeys[s] = o
	}
}

// testKey returns the fixed test key of scheme s.
func testKey(t testing.TB, s Scheme) *PrivateKey {
	t.Helper()
	fixedKeysOnce.Do(loadFixedKeys)
	return fixedKeys[s]
}

// otherTestKey returns a second fixed key of scheme s, different from
// testKey(s).
func otherTestKey(t testing.TB, s Scheme) *PrivateKey {
	t.Helper()
	fixedKeysOnce.Do(loadFixedKeys)
	return otherKeys[s]
}

// fillHash returns the hash first, first+1, ..., first+31.
func fillHash(first byte) Hash { return Hash(seqSeed(first)) }

// sampleContext is a fixed, fully populated WorkContext.
func sampleContext() WorkContext {
	return WorkContext{
		ChainID:   6133,
		JobID:     fillHash(0x10),
		ModelHash: fillHash(0x30),
		InputHash: fillHash(0x50),
		DeviceID:  fillHash(0x70),
		Nonce:     fillHash(0x90),
		Timestamp: 1_767_225_600,
	}
}

// sampleProof returns a fixed proof signed deterministically with the fixed
// key of scheme s.
func sampleProof(t testing.TB, s Scheme) *AIWorkProof {
	t.Helper()
	p := &AIWorkProof{
		Context:         sampleContext(),
		Beneficiary:     common.HexToAddress("0x00112233445566778899aabbccddeeff00112233"),
		OutputHash:      fillHash(0xb0),
		InputTokens:     1_000,
		OutputTokens:    250,
		AttestationHash: fillHash(0xd0),
	}
	require.NoError(t, p.Sign(testKey(t, s), true))
	return p
}

// newRand returns a generator with a fixed seed, so every run tests the
// same values.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)) }

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func randHash(r *rand.Rand) Hash { return Hash(randBytes(r, 32)) }

func randContext(r *rand.Rand) WorkContext {
	return WorkContext{
		ChainID:   r.Uint32(),
		JobID:     randHash(r),
		ModelHash: randHash(r),
		InputHash: randHash(r),
		DeviceID:  randHash(r),
		Nonce:     randHash(r),
		Timestamp: r.Uint64(),
	}
}

// randUnsignedProof returns a proof with random fields, a random (but
// well-formed) key of scheme s and a random signature of the right size.
func randUnsignedProof(r *rand.Rand, s Scheme) *AIWorkProof {
	return &AIWorkProof{
		Context:         randContext(r),
		Beneficiary:     common.Address(randBytes(r, common.AddressLength)),
		OutputHash:      randHash(r),
		InputTokens:     r.Uint32(),
		OutputTokens:    r.Uint32() | 1,
		AttestationHash: randHash(r),
		MinerKey:        randBytes(r, s.PublicKeySize()),
		Signature:       randBytes(r, s.SignatureSize()),
	}
}

// allTimes is a window that accepts every timestamp.
var allTimes = TimeWindow{Past: ^uint64(0), Future: ^uint64(0)}
