package proof

import (
	"bytes"
	"errors"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
)

func TestSchemeProperties(t *testing.T) {
	tests := []struct {
		s       Scheme
		name    string
		valid   bool
		pk, sig int
	}{
		{MLDSA44, "ML-DSA-44", true, 1312, 2420},
		{MLDSA65, "ML-DSA-65", true, 1952, 3309},
		{MLDSA87, "ML-DSA-87", true, 2592, 4627},
		{0, "ML-DSA-invalid(0)", false, 0, 0},
		{1, "ML-DSA-invalid(1)", false, 0, 0},
		{43, "ML-DSA-invalid(43)", false, 0, 0},
		{255, "ML-DSA-invalid(255)", false, 0, 0},
	}
	for _, tc := range tests {
		require.Equal(t, tc.name, tc.s.String())
		require.Equal(t, tc.valid, tc.s.Valid(), tc.name)
		require.Equal(t, tc.pk, tc.s.PublicKeySize(), tc.name)
		require.Equal(t, tc.sig, tc.s.SignatureSize(), tc.name)
	}
}

func TestSchemeForPublicKeySizeAndParsePublicKey(t *testing.T) {
	want := map[int]Scheme{PublicKeySize44: MLDSA44, PublicKeySize65: MLDSA65, PublicKeySize87: MLDSA87}
	lengths := []int{-1, 1 << 16, 1<<16 + PublicKeySize44, 1 << 30}
	for n := 0; n <= PublicKeySize87+64; n++ {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		s, err := SchemeForPublicKeySize(n)
		if ws, ok := want[n]; ok {
			require.NoError(t, err)
			require.Equal(t, ws, s)
		} else {
			require.ErrorIs(t, err, ErrUnknownScheme, "length %d", n)
			require.Zero(t, s)
		}
		if n < 0 || n > PublicKeySize87+64 {
			continue
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i * 7)
		}
		pk, err := ParsePublicKey(b)
		if ws, ok := want[n]; ok {
			require.NoError(t, err, "length %d", n)
			require.Equal(t, ws, pk.Scheme())
			require.Equal(t, b, pk.Bytes())
		} else {
			require.ErrorIs(t, err, ErrUnknownScheme, "length %d", n)
			require.Nil(t, pk)
		}
	}
}

func TestParsePublicKeyCopies(t *testing.T) {
	raw := testKey(t, MLDSA44).Public().Bytes()
	pk, err := ParsePublicKey(raw)
	require.NoError(t, err)
	orig := bytes.Clone(raw)
	raw[0] ^= 0xff
	require.Equal(t, orig, pk.Bytes(), "the key does not alias its input")
	out := pk.Bytes()
	out[1] ^= 0xff
	require.Equal(t, orig, pk.Bytes(), "Bytes returns a copy")
	require.Equal(t, MinerID(orig), pk.ID())
}

func TestSignVerify(t *testing.T) {
	msg := []byte("work proof message")
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			sk := testKey(t, s)
			pk := sk.Public()
			require.Equal(t, s, sk.Scheme())
			require.Equal(t, s, pk.Scheme())
			require.Equal(t, fixedKeySeed(s), sk.Seed())
			require.Len(t, pk.Bytes(), s.PublicKeySize())

			sig, err := sk.Sign(msg, ContextWorkProof, true)
			require.NoError(t, err)
			require.Len(t, sig, s.SignatureSize())
			require.True(t, pk.Verify(msg, ContextWorkProof, sig))
			ok, err := Verify(pk.Bytes(), msg, ContextWorkProof, sig)
			require.NoError(t, err)
			require.True(t, ok)

			// Altered message, signature, context or key.
			require.False(t, pk.Verify([]byte("work proof messagE"), ContextWorkProof, sig))
			require.False(t, pk.Verify(append(bytes.Clone(msg), 0), ContextWorkProof, sig))
			bad := bytes.Clone(sig)
			bad[len(bad)/2] ^= 1
			require.False(t, pk.Verify(msg, ContextWorkProof, bad))
			require.False(t, otherTestKey(t, s).Public().Verify(msg, ContextWorkProof, sig))
			require.False(t, pk.Verify(msg, nil, sig))

			// Signatures of the wrong length are invalid, never a panic.
			for _, n := range []int{0, 1, s.SignatureSize() - 1, s.SignatureSize() + 1, SignatureSize87 + 1} {
				b := make([]byte, n)
				copy(b, sig)
				require.False(t, pk.Verify(msg, ContextWorkProof, b), "length %d", n)
			}

			// Verify from bytes refuses a malformed key with an error.
			ok, err = Verify(pk.Bytes()[1:], msg, ContextWorkProof, sig)
			require.ErrorIs(t, err, ErrUnknownScheme)
			require.False(t, ok)
		})
	}
}

func TestSignContextLimits(t *testing.T) {
	msg := []byte("m")
	for _, s := range allSchemes {
		sk := testKey(t, s)
		longest := bytes.Repeat([]byte{'c'}, MaxContextSize)
		sig, err := sk.Sign(msg, longest, true)
		require.NoError(t, err)
		require.True(t, sk.Public().Verify(msg, longest, sig))
		require.False(t, sk.Public().Verify(msg, longest[1:], sig))

		tooLong := append(bytes.Clone(longest), 'c')
		_, err = sk.Sign(msg, tooLong, true)
		require.Error(t, err)
		require.False(t, sk.Public().Verify(msg, tooLong, sig))

		// An empty and a nil context are the same FIPS 204 context.
		sig, err = sk.Sign(msg, nil, true)
		require.NoError(t, err)
		require.True(t, sk.Public().Verify(msg, []byte{}, sig))
	}
}

func TestDeterministicSigning(t *testing.T) {
	msg := []byte("deterministic")
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			sk := testKey(t, s)
			a, err := sk.Sign(msg, ContextWorkProof, true)
			require.NoError(t, err)
			b, err := sk.Sign(msg, ContextWorkProof, true)
			require.NoError(t, err)
			require.Equal(t, a, b)

			// A key re-derived from the same seed signs identically.
			again, err := NewKeyFromSeed(s, sk.Seed())
			require.NoError(t, err)
			require.Equal(t, sk.Public().Bytes(), again.Public().Bytes())
			c, err := again.Sign(msg, ContextWorkProof, true)
			require.NoError(t, err)
			require.Equal(t, a, c)

			// Deterministic signatures still depend on the message and the
			// context.
			d, err := sk.Sign([]byte("deterministiC"), ContextWorkProof, true)
			require.NoError(t, err)
			require.NotEqual(t, a, d)
			e, err := sk.Sign(msg, ContextJobTicket, true)
			require.NoError(t, err)
			require.NotEqual(t, a, e)
		})
	}
}

func TestHedgedSigning(t *testing.T) {
	msg := []byte("hedged")
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			sk := testKey(t, s)
			det, err := sk.Sign(msg, ContextWorkProof, true)
			require.NoError(t, err)
			a, err := sk.Sign(msg, ContextWorkProof, false)
			require.NoError(t, err)
			b, err := sk.Sign(msg, ContextWorkProof, false)
			require.NoError(t, err)
			require.NotEqual(t, a, b)
			require.NotEqual(t, det, a)
			require.True(t, sk.Public().Verify(msg, ContextWorkProof, a))
			require.True(t, sk.Public().Verify(msg, ContextWorkProof, b))
		})
	}
}

func TestKeyGeneration(t *testing.T) {
	for _, s := range allSchemes {
		seed := seqSeed(0xe0)
		a, err := GenerateKey(s, bytes.NewReader(seed[:]))
		require.NoError(t, err)
		b, err := NewKeyFromSeed(s, seed)
		require.NoError(t, err)
		require.Equal(t, a.Public().Bytes(), b.Public().Bytes(), "GenerateKey reads the seed from its reader")
		require.Equal(t, seed, a.Seed())

		r1, err := GenerateKey(s, nil)
		require.NoError(t, err)
		r2, err := GenerateKey(s, nil)
		require.NoError(t, err)
		require.NotEqual(t, r1.Public().Bytes(), r2.Public().Bytes())

		_, err = GenerateKey(s, bytes.NewReader(seed[:31]))
		require.Error(t, err)
		_, err = GenerateKey(s, iotest.ErrReader(errors.New("dry")))
		require.ErrorContains(t, err, "dry")
	}
	// Keys of different parameter sets from one seed are unrelated.
	require.NotEqual(t, testKey(t, MLDSA44).Public().ID(), testKey(t, MLDSA65).Public().ID())

	for _, s := range []Scheme{0, 1, 64, 255} {
		_, err := NewKeyFromSeed(s, seqSeed(0))
		require.ErrorIs(t, err, ErrUnknownScheme)
		_, err = GenerateKey(s, bytes.NewReader(make([]byte, 32)))
		require.ErrorIs(t, err, ErrUnknownScheme)
	}
}

func TestZeroKeysDoNotPanic(t *testing.T) {
	var pk PublicKey
	require.False(t, pk.Verify(nil, nil, nil))
	require.False(t, pk.Verify([]byte("m"), ContextWorkProof, make([]byte, SignatureSize44)))
	var sk PrivateKey
	_, err := sk.Sign([]byte("m"), nil, true)
	require.ErrorIs(t, err, ErrUnknownScheme)
}

// signingContexts lists every FIPS 204 context string of the package by
// name. TestSigningContextsListed keeps it complete.
var signingContexts = []struct {
	name string
	ctx  []byte
}{
	{"ContextWorkProof", ContextWorkProof},
	{"ContextJobTicket", ContextJobTicket},
	{"ContextTeleport", ContextTeleport},
	{"ContextMinerRegistration", ContextMinerRegistration},
	{"ContextDeviceRegistration", ContextDeviceRegistration},
	{"ContextFederatedUpdate", ContextFederatedUpdate},
	{"ContextFederatedEnrolment", ContextFederatedEnrolment},
	{"ContextWorkBatch", ContextWorkBatch},
}

func TestSigningContextsDistinct(t *testing.T) {
	seen := map[string]string{"": "the empty context"}
	for _, c := range signingContexts {
		require.NotEmpty(t, c.ctx)
		require.LessOrEqual(t, len(c.ctx), MaxContextSize)
		prev, dup := seen[string(c.ctx)]
		require.False(t, dup, "%s repeats %s", c.name, prev)
		seen[string(c.ctx)] = c.name
	}
}

func TestSignatureDomainSeparation(t *testing.T) {
	p := sampleProof(t, MLDSA44)
	msg := p.SigningMessage()
	for _, s := range allSchemes {
		t.Run(s.String(), func(t *testing.T) {
			sk := testKey(t, s)
			pk := sk.Public()
			for _, signed := range signingContexts {
				sig, err := sk.Sign(msg, signed.ctx, true)
				require.NoError(t, err)
				require.True(t, pk.Verify(msg, signed.ctx, sig))
				require.False(t, pk.Verify(msg, nil, sig), "%s signature verifies without a context", signed.name)
				require.False(t, pk.Verify(msg, []byte{}, sig))
				for _, other := range signingContexts {
					if other.name != signed.name {
						require.False(t, pk.Verify(msg, other.ctx, sig), "%s signature verifies as %s", signed.name, other.name)
					}
				}
			}
			// And a signature without context is none of them.
			sig, err := sk.Sign(msg, nil, true)
			require.NoError(t, err)
			for _, c := range signingContexts {
				require.False(t, pk.Verify(msg, c.ctx, sig), c.name)
			}
		})
	}
}
