package proof

import (
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// Benchmarks of the operations the precompile prices, beside the anchor
// they are priced against: ecrecover (3000 gas), measured in the same run.
// Compare ratios, never absolute times:
//
//	go test ./proof -run '^$' -bench . -benchtime 2s

func BenchmarkEncode(b *testing.B) {
	p := sampleProof(b, MLDSA65)
	b.SetBytes(int64(len(p.Encode())))
	for b.Loop() {
		_ = p.Encode()
	}
}

func BenchmarkDecode(b *testing.B) {
	enc := sampleProof(b, MLDSA65).Encode()
	b.SetBytes(int64(len(enc)))
	for b.Loop() {
		if _, err := DecodeAIWorkProof(enc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify is the full check from bytes, as the precompile runs it:
// decode, bind, decode the public key, check the signature.
func BenchmarkVerify(b *testing.B) {
	for _, s := range allSchemes {
		b.Run(s.String()[len("ML-DSA-"):], func(b *testing.B) {
			p := sampleProof(b, s)
			enc := p.Encode()
			chain, now := uint64(p.Context.ChainID), p.Context.Timestamp
			for b.Loop() {
				q, err := DecodeAIWorkProof(enc)
				if err != nil {
					b.Fatal(err)
				}
				if err := q.Verify(chain, now, TimeWindow{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyPreparsedKey checks the signature of a decoded proof with
// a public key decoded beforehand (a cached miner key).
func BenchmarkVerifyPreparsedKey(b *testing.B) {
	for _, s := range allSchemes {
		b.Run(s.String()[len("ML-DSA-"):], func(b *testing.B) {
			p := sampleProof(b, s)
			pk, err := ParsePublicKey(p.MinerKey)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := p.VerifySignature(pk); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParsePublicKey is the public-key decoding (matrix expansion)
// that BenchmarkVerify pays and BenchmarkVerifyPreparsedKey does not.
func BenchmarkParsePublicKey(b *testing.B) {
	for _, s := range allSchemes {
		b.Run(s.String()[len("ML-DSA-"):], func(b *testing.B) {
			raw := testKey(b, s).Public().Bytes()
			for b.Loop() {
				if _, err := ParsePublicKey(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEcrecover is the work of go-ethereum's ecrecover precompile
// (0x01): recover the public key, then hash it into an address.
func BenchmarkEcrecover(b *testing.B) {
	seed := seqSeed(1)
	key, err := crypto.ToECDSA(seed[:])
	if err != nil {
		b.Fatal(err)
	}
	hash := crypto.Keccak256([]byte("ecrecover anchor"))
	sig, err := crypto.Sign(hash, key)
	if err != nil {
		b.Fatal(err)
	}
	want := crypto.PubkeyToAddress(key.PublicKey)
	for b.Loop() {
		pub, err := crypto.Ecrecover(hash, sig)
		if err != nil {
			b.Fatal(err)
		}
		if addr := crypto.Keccak256(pub[1:])[12:]; string(addr) != string(want[:]) {
			b.Fatal("wrong address")
		}
	}
}
