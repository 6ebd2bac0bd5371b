package proof

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// Fuzz targets for every decoder of the package. Each checks that decoding
// never panics and that every accepted input is the one encoding of its
// value: re-encoding gives back exactly the input.
//
//	go test ./proof -run '^$' -fuzz FuzzDecodeAIWorkProof -fuzztime 30s -fuzzminimizetime 1s
//
// Keep -fuzzminimizetime short: inputs are kilobytes long and only a few
// lengths are valid, so minimizing a new input with the default budget
// stalls the fuzzer for a minute at a time.

func FuzzDecodeAIWorkProof(f *testing.F) {
	for _, s := range allSchemes {
		enc := sampleProof(f, s).Encode()
		f.Add(enc)
		f.Add(enc[:len(enc)-1])
		f.Add(append(bytes.Clone(enc), 0))
	}
	f.Add(randUnsignedProof(newRand(1), MLDSA65).Encode())
	f.Add([]byte{})
	f.Add(make([]byte, MinProofSize))
	f.Add(append([]byte{WorkProofVersion}, make([]byte, MinProofSize-1)...))

	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodeAIWorkProof(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error is %T, not *DecodeError: %v", err, err)
			}
			if p != nil {
				t.Fatal("proof returned with an error")
			}
			if de.Offset < 0 || de.Offset > len(b) {
				t.Fatalf("offset %d outside the %d-byte input", de.Offset, len(b))
			}
			return
		}
		if !bytes.Equal(p.Encode(), b) {
			t.Fatal("decoded proof re-encodes to other bytes")
		}
		msg := p.SigningMessage()
		if !bytes.Equal(msg, b[:len(msg)]) || !bytes.Equal(p.Signature, b[len(msg):]) {
			t.Fatal("signing message and signature do not split the encoding")
		}
		s, err := p.Scheme()
		if err != nil || len(p.Signature) != s.SignatureSize() {
			t.Fatalf("accepted a %d-byte key with a %d-byte signature", len(p.MinerKey), len(p.Signature))
		}
		wc, err := DecodeWorkContext(b[1 : 1+WorkContextSize])
		if err != nil || wc != p.Context {
			t.Fatalf("the embedded WorkContext does not decode alone: %v", err)
		}
	})
}

// FuzzVerifySignature feeds arbitrary signatures to the ML-DSA signature
// decoder (z, hint and challenge unpacking) under fixed keys: no panic, and
// nothing but the one known signature verifies.
func FuzzVerifySignature(f *testing.F) {
	keys := make([]*PublicKey, len(allSchemes))
	valid := make([][]byte, len(allSchemes))
	msg := sampleProof(f, MLDSA44).SigningMessage()
	for i, s := range allSchemes {
		keys[i] = testKey(f, s).Public()
		sig, err := testKey(f, s).Sign(msg, ContextWorkProof, true)
		if err != nil {
			f.Fatal(err)
		}
		valid[i] = sig
		f.Add(uint8(i), sig)
		bad := bytes.Clone(sig)
		bad[len(bad)-1] ^= 1 // the last hint count
		f.Add(uint8(i), bad)
		f.Add(uint8(i), make([]byte, s.SignatureSize()))
		f.Add(uint8(i), bytes.Repeat([]byte{0xff}, s.SignatureSize()))
	}

	f.Fuzz(func(t *testing.T, which uint8, sig []byte) {
		i := int(which) % len(keys)
		if keys[i].Verify(msg, ContextWorkProof, sig) && !bytes.Equal(sig, valid[i]) {
			t.Fatalf("%v: a signature other than the deterministic one verifies", keys[i].Scheme())
		}
	})
}

func FuzzDecodeWorkContext(f *testing.F) {
	wc := sampleContext()
	f.Add(wc.Encode())
	f.Add((&WorkContext{}).Encode())
	rc := randContext(newRand(2))
	f.Add(rc.Encode())
	f.Add(wc.Encode()[:WorkContextSize-1])
	f.Add(append(wc.Encode(), 0))
	f.Add([]byte{})

	f.Fuzz(func(t *testing.T, b []byte) {
		wc, err := DecodeWorkContext(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error is %T, not *DecodeError: %v", err, err)
			}
			return
		}
		if !bytes.Equal(wc.Encode(), b) {
			t.Fatal("decoded WorkContext re-encodes to other bytes")
		}
		_ = wc.AttestationNonce()
	})
}

func FuzzParsePublicKey(f *testing.F) {
	for _, s := range allSchemes {
		raw := testKey(f, s).Public().Bytes()
		f.Add(raw)
		f.Add(raw[:len(raw)-1])
		f.Add(bytes.Repeat([]byte{0xff}, s.PublicKeySize()))
	}
	f.Add([]byte{})

	f.Fuzz(func(t *testing.T, b []byte) {
		pk, err := ParsePublicKey(b)
		if err != nil {
			if !errors.Is(err, ErrUnknownScheme) {
				t.Fatalf("error for a %d-byte key: %v", len(b), err)
			}
			if _, serr := SchemeForPublicKeySize(len(b)); serr == nil {
				t.Fatalf("a %d-byte key of a known size failed to parse: %v", len(b), err)
			}
			return
		}
		if pk.Scheme().PublicKeySize() != len(b) {
			t.Fatalf("%d-byte key parsed as %v", len(b), pk.Scheme())
		}
		if !bytes.Equal(pk.Bytes(), b) {
			t.Fatal("key bytes differ from the input")
		}
		// The expanded key packs back to the input: one encoding per key.
		var packed []byte
		switch pk.Scheme() {
		case MLDSA44:
			packed = pk.k44.Bytes()
		case MLDSA65:
			packed = pk.k65.Bytes()
		case MLDSA87:
			packed = pk.k87.Bytes()
		}
		if !bytes.Equal(packed, b) {
			t.Fatal("decoded key re-encodes to other bytes")
		}
		// Verifying an arbitrary signature must not panic.
		sig := make([]byte, pk.Scheme().SignatureSize())
		copy(sig, b)
		binary.BigEndian.PutUint32(sig[len(sig)-4:], uint32(len(b)))
		if pk.Verify(b, ContextWorkProof, sig) {
			t.Fatal("a made-up signature verifies")
		}
	})
}
