package proof

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// Regenerate the golden vectors with
//
//	go test ./proof -run TestGoldenVectors -update
//
// and review the diff: every changed byte is a change of the wire format.
var update = flag.Bool("update", false, "rewrite testdata/proof/vectors.json")

const vectorsPath = "../testdata/proof/vectors.json"

// The JSON layout of testdata/proof/vectors.json; testdata/proof/README.md
// documents it. Byte strings are lowercase hex without 0x; 64-bit integers
// are decimal strings (JSON numbers lose precision above 2^53).
type vectorFile struct {
	Comment          []string        `json:"comment"`
	Version          int             `json:"version"`
	WorkProofVersion int             `json:"work_proof_version"`
	HashDomains      hashDomainsVec  `json:"hash_domains"`
	SigningContexts  []signingCtxVec `json:"signing_contexts"`
	Proofs           []proofVec      `json:"proofs"`
}

type hashDomainsVec struct {
	Sample  string      `json:"sample"`
	Domains []domainVec `json:"domains"`
}

type domainVec struct {
	Name       string `json:"name"`
	Context    string `json:"context"`
	Key        string `json:"key"`
	SampleHash string `json:"sample_hash"`
}

type signingCtxVec struct {
	Name    string `json:"name"`
	Context string `json:"context"`
}

type proofVec struct {
	Scheme           string         `json:"scheme"`
	KeySeed          string         `json:"key_seed"`
	PublicKey        string         `json:"public_key"`
	MinerID          string         `json:"miner_id"`
	Data             dataVec        `json:"data"`
	WorkContext      workContextVec `json:"work_context"`
	AttestationNonce string         `json:"attestation_nonce"`
	Beneficiary      string         `json:"beneficiary"`
	OutputHash       string         `json:"output_hash"`
	InputTokens      uint32         `json:"input_tokens"`
	OutputTokens     uint32         `json:"output_tokens"`
	AttestationHash  string         `json:"attestation_hash"`
	SigningMessage   string         `json:"signing_message"`
	Signature        string         `json:"signature"`
	Encoding         string         `json:"encoding"`
	Digest           string         `json:"digest"`
	WorkID           string         `json:"work_id"`
	SpentKey         string         `json:"spent_key"`
}

// dataVec holds the raw data whose hashes enter the proof.
type dataVec struct {
	Model               string `json:"model"`
	Input               string `json:"input"`
	Output              string `json:"output"`
	AttestationEvidence string `json:"attestation_evidence"`
}

type workContextVec struct {
	ChainID   uint32 `json:"chain_id"`
	JobID     string `json:"job_id"`
	ModelHash string `json:"model_hash"`
	InputHash string `json:"input_hash"`
	DeviceID  string `json:"device_id"`
	Nonce     string `json:"nonce"`
	Timestamp string `json:"timestamp"`
	Encoding  string `json:"encoding"`
}

// vectorSample is hashed under every domain.
var vectorSample = []byte("Pars AI mining domain sample")

// vectorInput is everything a proof vector is built from.
type vectorInput struct {
	scheme       Scheme
	chainID      uint32
	model        []byte
	input        []byte
	output       []byte
	evidence     []byte
	beneficiary  common.Address
	inputTokens  uint32
	outputTokens uint32
	timestamp    uint64
	fill         byte // first byte of the job id; device id and nonce follow
}

var vectorInputs = []vectorInput{
	{
		scheme: MLDSA44, chainID: 6133,
		model: []byte("model weights v1"), input: []byte("What is 6 times 7?"), output: []byte("42"),
		evidence:    nil, // no attestation: zero attestation hash
		beneficiary: common.HexToAddress("0x1111111111111111111111111111111111111111"),
		inputTokens: 18, outputTokens: 2, timestamp: 1_767_225_600, fill: 0x00,
	},
	{
		scheme: MLDSA65, chainID: 96369,
		model: []byte("model weights v2"), input: []byte("Translate 'proof' to Turkish."), output: []byte("kanit"),
		evidence:    []byte("example SPDM measurement report"),
		beneficiary: common.HexToAddress("0x00000000000000000000000000000000deadbeef"),
		inputTokens: 1<<20 + 5, outputTokens: 1 << 31, timestamp: 1_767_225_601, fill: 0x40,
	},
	{
		scheme: MLDSA87, chainID: 200200,
		model: []byte{}, input: []byte{0}, output: bytes.Repeat([]byte{0xff}, 100),
		evidence:    []byte{0x01},
		beneficiary: common.HexToAddress("0xfedcba9876543210fedcba9876543210fedcba98"),
		inputTokens: 0xffffffff, outputTokens: 0x01020304, timestamp: 0xfffffffffffffff0, fill: 0x80,
	},
}

// buildVector derives every value of one proof vector.
func buildVector(t *testing.T, in vectorInput) (proofVec, *AIWorkProof) {
	t.Helper()
	sk := testKey(t, in.scheme)
	modelHash, err := HashModel(bytes.NewReader(in.model))
	require.NoError(t, err)
	wc := WorkContext{
		ChainID:   in.chainID,
		JobID:     fillHash(in.fill),
		ModelHash: modelHash,
		InputHash: HashInput(in.input),
		DeviceID:  fillHash(in.fill + 0x20),
		Nonce:     fillHash(in.fill + 0x40),
		Timestamp: in.timestamp,
	}
	p := &AIWorkProof{
		Context:         wc,
		Beneficiary:     in.beneficiary,
		OutputHash:      HashOutput(in.output),
		InputTokens:     in.inputTokens,
		OutputTokens:    in.outputTokens,
		AttestationHash: HashAttestation(in.evidence),
	}
	require.NoError(t, p.Sign(sk, true))
	seed := sk.Seed()
	workID := p.WorkID()
	spent := SpentKey(workID)
	minerID := p.MinerID()
	nonce := wc.AttestationNonce()
	h := func(x Hash) string { return hex.EncodeToString(x[:]) }
	return proofVec{
		Scheme:    in.scheme.String(),
		KeySeed:   hex.EncodeToString(seed[:]),
		PublicKey: hex.EncodeToString(p.MinerKey),
		MinerID:   h(minerID),
		Data: dataVec{
			Model:               hex.EncodeToString(in.model),
			Input:               hex.EncodeToString(in.input),
			Output:              hex.EncodeToString(in.output),
			AttestationEvidence: hex.EncodeToString(in.evidence),
		},
		WorkContext: workContextVec{
			ChainID:   wc.ChainID,
			JobID:     h(wc.JobID),
			ModelHash: h(wc.ModelHash),
			InputHash: h(wc.InputHash),
			DeviceID:  h(wc.DeviceID),
			Nonce:     h(wc.Nonce),
			Timestamp: strconv.FormatUint(wc.Timestamp, 10),
			Encoding:  hex.EncodeToString(wc.Encode()),
		},
		AttestationNonce: h(nonce),
		Beneficiary:      hex.EncodeToString(p.Beneficiary[:]),
		OutputHash:       h(p.OutputHash),
		InputTokens:      p.InputTokens,
		OutputTokens:     p.OutputTokens,
		AttestationHash:  h(p.AttestationHash),
		SigningMessage:   hex.EncodeToString(p.SigningMessage()),
		Signature:        hex.EncodeToString(p.Signature),
		Encoding:         hex.EncodeToString(p.Encode()),
		Digest:           h(p.Digest()),
		WorkID:           h(workID),
		SpentKey:         h(spent),
	}, p
}

// buildVectors derives the whole vector file.
func buildVectors(t *testing.T) vectorFile {
	t.Helper()
	f := vectorFile{
		Comment: []string{
			"Golden vectors of the Pars AI mining wire format (Go package proof).",
			"Format: testdata/proof/README.md. Byte strings are lowercase hex; 64-bit integers are decimal strings.",
			"Regenerate: go test ./proof -run TestGoldenVectors -update",
		},
		Version:          int(Version),
		WorkProofVersion: int(WorkProofVersion),
		HashDomains:      hashDomainsVec{Sample: hex.EncodeToString(vectorSample)},
	}
	for _, d := range hashDomains {
		key := d.d.Key()
		sum := d.d.Sum(vectorSample)
		f.HashDomains.Domains = append(f.HashDomains.Domains, domainVec{
			Name:       d.name,
			Context:    d.d.Context(),
			Key:        hex.EncodeToString(key[:]),
			SampleHash: hex.EncodeToString(sum[:]),
		})
	}
	for _, c := range signingContexts {
		f.SigningContexts = append(f.SigningContexts, signingCtxVec{Name: c.name, Context: string(c.ctx)})
	}
	for _, in := range vectorInputs {
		v, _ := buildVector(t, in)
		f.Proofs = append(f.Proofs, v)
	}
	return f
}

func marshalVectors(t *testing.T, f vectorFile) []byte {
	t.Helper()
	b, err := json.MarshalIndent(f, "", "  ")
	require.NoError(t, err)
	return append(b, '\n')
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err, "hex %q", s)
	require.Equal(t, strings.ToLower(s), s, "hex is lowercase")
	return b
}

func unhex32(t *testing.T, s string) Hash {
	t.Helper()
	b := unhex(t, s)
	require.Len(t, b, 32)
	return Hash(b)
}

func TestGoldenVectors(t *testing.T) {
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(vectorsPath), 0o755))
		require.NoError(t, os.WriteFile(vectorsPath, marshalVectors(t, buildVectors(t)), 0o644))
		t.Logf("wrote %s", vectorsPath)
	}

	raw, err := os.ReadFile(vectorsPath)
	require.NoError(t, err, "run: go test ./proof -run TestGoldenVectors -update")
	var f vectorFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&f))
	require.Equal(t, int(Version), f.Version)
	require.Equal(t, int(WorkProofVersion), f.WorkProofVersion)

	t.Run("hash domains", func(t *testing.T) {
		sample := unhex(t, f.HashDomains.Sample)
		require.Len(t, f.HashDomains.Domains, len(hashDomains))
		for i, d := range hashDomains {
			v := f.HashDomains.Domains[i]
			require.Equal(t, d.name, v.Name)
			require.Equal(t, d.d.Context(), v.Context, v.Name)
			require.Equal(t, d.d.Key(), [32]byte(unhex32(t, v.Key)), v.Name)
			require.Equal(t, d.d.Sum(sample), unhex32(t, v.SampleHash), v.Name)
		}
	})

	t.Run("signing contexts", func(t *testing.T) {
		require.Len(t, f.SigningContexts, len(signingContexts))
		for i, c := range signingContexts {
			require.Equal(t, c.name, f.SigningContexts[i].Name)
			require.Equal(t, string(c.ctx), f.SigningContexts[i].Context, c.name)
		}
	})

	require.Len(t, f.Proofs, len(vectorInputs))
	for i, v := range f.Proofs {
		t.Run(v.Scheme, func(t *testing.T) { checkProofVector(t, v, vectorInputs[i]) })
	}

	t.Run("file is exactly what the generator writes", func(t *testing.T) {
		require.Equal(t, string(marshalVectors(t, buildVectors(t))), string(raw),
			"vectors.json is stale or edited by hand; regenerate with -update and review the diff")
	})
}

// checkProofVector checks every value of one proof vector against this
// package, starting from the values in the file.
func checkProofVector(t *testing.T, v proofVec, in vectorInput) {
	var scheme Scheme
	for _, s := range allSchemes {
		if s.String() == v.Scheme {
			scheme = s
		}
	}
	require.True(t, scheme.Valid(), "scheme %q", v.Scheme)
	require.Equal(t, in.scheme, scheme)

	// Key from seed.
	seed := unhex(t, v.KeySeed)
	require.Len(t, seed, SeedSize)
	sk, err := NewKeyFromSeed(scheme, [SeedSize]byte(seed))
	require.NoError(t, err)
	pub := unhex(t, v.PublicKey)
	require.Equal(t, pub, sk.Public().Bytes(), "public key from seed")
	require.Equal(t, MinerID(pub), unhex32(t, v.MinerID))

	// Hashed data.
	model, input := unhex(t, v.Data.Model), unhex(t, v.Data.Input)
	output, evidence := unhex(t, v.Data.Output), unhex(t, v.Data.AttestationEvidence)
	modelHash, err := HashModel(bytes.NewReader(model))
	require.NoError(t, err)

	// WorkContext.
	ts, err := strconv.ParseUint(v.WorkContext.Timestamp, 10, 64)
	require.NoError(t, err)
	wc := WorkContext{
		ChainID:   v.WorkContext.ChainID,
		JobID:     unhex32(t, v.WorkContext.JobID),
		ModelHash: unhex32(t, v.WorkContext.ModelHash),
		InputHash: unhex32(t, v.WorkContext.InputHash),
		DeviceID:  unhex32(t, v.WorkContext.DeviceID),
		Nonce:     unhex32(t, v.WorkContext.Nonce),
		Timestamp: ts,
	}
	require.Equal(t, modelHash, wc.ModelHash, "model_hash = HashModel(data.model)")
	require.Equal(t, HashInput(input), wc.InputHash, "input_hash = HashInput(data.input)")
	wcEnc := unhex(t, v.WorkContext.Encoding)
	require.Equal(t, wcEnc, wc.Encode())
	gotWC, err := DecodeWorkContext(wcEnc)
	require.NoError(t, err)
	require.Equal(t, wc, gotWC)
	require.Equal(t, wc.AttestationNonce(), unhex32(t, v.AttestationNonce))

	// Proof fields.
	ben := unhex(t, v.Beneficiary)
	require.Len(t, ben, common.AddressLength)
	p := &AIWorkProof{
		Context:         wc,
		Beneficiary:     common.Address(ben),
		OutputHash:      unhex32(t, v.OutputHash),
		InputTokens:     v.InputTokens,
		OutputTokens:    v.OutputTokens,
		AttestationHash: unhex32(t, v.AttestationHash),
		MinerKey:        pub,
		Signature:       unhex(t, v.Signature),
	}
	require.Equal(t, HashOutput(output), p.OutputHash, "output_hash = HashOutput(data.output)")
	require.Equal(t, HashAttestation(evidence), p.AttestationHash, "attestation_hash = HashAttestation(data.attestation_evidence)")
	require.Len(t, p.Signature, scheme.SignatureSize())

	msg := unhex(t, v.SigningMessage)
	require.Equal(t, msg, p.SigningMessage())
	enc := unhex(t, v.Encoding)
	require.Equal(t, enc, p.Encode())
	require.Equal(t, append(bytes.Clone(msg), p.Signature...), enc)

	// The stored signature verifies under the stored key, and deterministic
	// signing reproduces it byte for byte.
	pk, err := ParsePublicKey(pub)
	require.NoError(t, err)
	require.True(t, pk.Verify(msg, ContextWorkProof, p.Signature))
	sig, err := sk.Sign(msg, ContextWorkProof, true)
	require.NoError(t, err)
	require.Equal(t, p.Signature, sig, "deterministic signature")

	// Decoding the encoding yields the fields, and the proof verifies on
	// its chain at its own timestamp.
	dec, err := DecodeAIWorkProof(enc)
	require.NoError(t, err)
	require.Equal(t, p, dec)
	require.NoError(t, dec.Verify(uint64(wc.ChainID), ts, TimeWindow{}))

	require.Equal(t, DomainWorkDigest.Sum(msg), unhex32(t, v.Digest))
	require.Equal(t, dec.Digest(), unhex32(t, v.Digest))
	require.Equal(t, dec.WorkID(), unhex32(t, v.WorkID))
	require.Equal(t, SpentKey(dec.WorkID()), unhex32(t, v.SpentKey))
}

// packageVars returns the names of the package-level variables in the
// package's non-test files whose initial value satisfies match.
func packageVars(t *testing.T, match func(ast.Expr) bool) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var names []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) && match(vs.Values[i]) {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	slices.Sort(names)
	return names
}

// TestDomainsListed keeps hashDomains (and so the golden vectors) in step
// with the domains the package declares.
func TestDomainsListed(t *testing.T) {
	declared := packageVars(t, func(e ast.Expr) bool {
		c, ok := e.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := c.Fun.(*ast.Ident)
		return ok && id.Name == "newDomain"
	})
	var listed []string
	for _, d := range hashDomains {
		listed = append(listed, d.name)
	}
	slices.Sort(listed)
	require.Equal(t, declared, listed)
}

// TestSigningContextsListed keeps signingContexts (and so the golden
// vectors) in step with the FIPS 204 contexts the package declares.
func TestSigningContextsListed(t *testing.T) {
	declared := packageVars(t, func(e ast.Expr) bool {
		c, ok := e.(*ast.CallExpr)
		if !ok || len(c.Args) != 1 {
			return false
		}
		at, ok := c.Fun.(*ast.ArrayType)
		if !ok || at.Len != nil {
			return false
		}
		elt, ok := at.Elt.(*ast.Ident)
		_, isLit := c.Args[0].(*ast.BasicLit)
		return ok && elt.Name == "byte" && isLit
	})
	var listed []string
	for _, c := range signingContexts {
		listed = append(listed, c.name)
	}
	slices.Sort(listed)
	require.Equal(t, declared, listed)
}
