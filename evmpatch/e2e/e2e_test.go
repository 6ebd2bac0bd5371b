package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/holiman/uint256"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/internal/nodeharness"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/precompile/precompiletest"
	"github.com/pars-network/aimining/proof"
	"github.com/pars-network/aimining/reward"
)

// Limits that keep the whole test well under two minutes, and fail it
// cleanly (stopping the node) before `go test`'s own timeout would kill it.
const (
	nodeStartLimit = 60 * time.Second // devnode.Start's own wait
	jsLimit        = 100 * time.Second
)

// configEnv names the environment variable that gives the JavaScript tests
// the path of the JSON file written by this test.
const configEnv = "PARS_E2E_CONFIG"

// Pinned npm packages (e2e/package.json); a stale node_modules fails early.
var npmPins = map[string]string{"solc": "0.8.37", "ethers": "6.17.0"}

// jsConfig is the JSON file read by e2e/test/node.test.mjs.
type jsConfig struct {
	URL        string             `json:"url"`
	ChainID    uint64             `json:"chainId"`
	DevAccount common.Address     `json:"devAccount"`
	Precompile common.Address     `json:"precompile"`
	Params     jsParams           `json:"params"`
	Proofs     map[string]jsProof `json:"proofs"`
	MLDSA      []jsMLDSAVector    `json:"mldsa"`
	// MalformedKey has a length of no ML-DSA parameter set.
	MalformedKey hexutil.Bytes `json:"malformedKey"`
}

type jsParams struct {
	Governance       common.Address `json:"governance"`
	BaseReward       string         `json:"baseReward"`
	TimeWindowPast   uint64         `json:"timeWindowPast"`
	TimeWindowFuture uint64         `json:"timeWindowFuture"`
	TrustSoftwareBps uint16         `json:"trustSoftwareBps"`
	MinBond          string         `json:"minBond"`
	ChallengeWindow  uint64         `json:"challengeWindow"`
	// Bonded (decimal wei) is what the genesis bonded: the native coin
	// 0x0300 holds.
	Bonded string `json:"bonded"`
}

// jsProof is one encoded proof and what the precompile must make of it.
type jsProof struct {
	Hex          hexutil.Bytes  `json:"hex"`
	Scheme       int            `json:"scheme"`
	ChainID      uint32         `json:"chainId"`
	Timestamp    uint64         `json:"timestamp"`
	Beneficiary  common.Address `json:"beneficiary"`
	ComputeUnits uint64         `json:"computeUnits"` // what the chain computes from the signed token counts
	WorkID       common.Hash    `json:"workId"`
	MinerID      common.Hash    `json:"minerId"`
	// ExpectedReward (decimal) is the reward at difficulty adjustment 1.0
	// and software-only trust, which holds during the first epoch.
	ExpectedReward string `json:"expectedReward"`
	// PrecompileGas is the gas the precompile charges for a CALL of
	// submitWorkProof(proof, "") (precompiletest's EVM measures it; it does
	// not depend on state). The tracer's 0x0300 frame must show exactly it.
	PrecompileGas uint64 `json:"precompileGas"`
	// LibraryRevert is the custom error the library returns for that call,
	// "" when it accepts the proof.
	LibraryRevert string `json:"libraryRevert"`
}

// jsMLDSAVector is a verifyMLDSA test vector: an empty FIPS 204 context.
type jsMLDSAVector struct {
	Scheme       int           `json:"scheme"`
	PublicKey    hexutil.Bytes `json:"publicKey"`
	Message      hexutil.Bytes `json:"message"`
	Signature    hexutil.Bytes `json:"signature"`
	BadSignature hexutil.Bytes `json:"badSignature"` // Signature with one byte flipped
}

// TestEndToEnd runs e2e/test/node.test.mjs (solc + ethers) against a real
// pars-geth dev node with IAIMining active at genesis.
func TestEndToEnd(t *testing.T) {
	root := repoRoot(t)
	binary := nodeharness.Binary(t, "pars-geth", "PARS_GETH", "make -C evmpatch pars-geth")
	jsDir := filepath.Join(root, "e2e")
	nodeExe := checkJSToolchain(t, jsDir)

	ctx, cancel := context.WithTimeout(context.Background(), nodeStartLimit+jsLimit+20*time.Second)
	defer cancel()

	// --dev.period 0 seals a block per transaction, at the wall-clock time:
	// the whole run takes seconds instead of one block time per transaction.
	// The genesis is dated now too, so block times start at the wall clock.
	dataDir := filepath.Join(t.TempDir(), "node")
	started := time.Now()
	g := devnode.DevGenesis(genesis.ParsChainID, devnode.Ether(1_000_000_000))
	params, err := e2eParams()
	if err != nil {
		t.Fatal(err)
	}
	g.Params = &params
	node, err := devnode.Start(ctx, devnode.Config{
		Binary:  binary,
		DataDir: dataDir,
		Genesis: g,
		Period:  0,
	})
	if err != nil {
		dumpLog(t, filepath.Join(dataDir, "geth.log"))
		t.Fatalf("start pars-geth: %v", err)
	}
	// Registered after t.TempDir, so it runs before the directory is removed.
	t.Cleanup(func() {
		pid := node.PID()
		node.Stop()
		t.Logf("pars-geth (pid %d) stopped", pid)
		if t.Failed() {
			dumpLog(t, filepath.Join(dataDir, "geth.log"))
		}
	})
	t.Logf("pars-geth (pid %d) serving %s after %v", node.PID(), node.URL(), time.Since(started).Round(time.Millisecond))

	var chainID hexutil.Uint64
	if err := node.Call(ctx, &chainID, "eth_chainId"); err != nil {
		t.Fatal(err)
	}
	if uint64(chainID) != genesis.ParsChainID {
		t.Fatalf("eth_chainId = %d, want %d", chainID, genesis.ParsChainID)
	}
	// Seal block 1 before anything simulates a submission: eth_call and
	// eth_estimateGas run in the context of the head block, and at the
	// genesis (block number 0) the spent set refuses to record work, so
	// submitWorkProof reverts there with MalformedInput.
	sealFirstBlock(t, ctx, node)
	var head struct {
		Number    hexutil.Uint64 `json:"number"`
		Timestamp hexutil.Uint64 `json:"timestamp"`
	}
	if err := node.Call(ctx, &head, "eth_getBlockByNumber", "latest", false); err != nil {
		t.Fatal(err)
	}

	cfg, err := buildConfig(node.URL(), uint64(head.Timestamp))
	if err != nil {
		t.Fatalf("build proofs: %v", err)
	}
	cfgPath := filepath.Join(t.TempDir(), "e2e-config.json")
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("head block %d at %d; %d proofs and %d verifyMLDSA vectors in %s",
		head.Number, head.Timestamp, len(cfg.Proofs), len(cfg.MLDSA), cfgPath)

	runNodeTest(t, ctx, nodeExe, jsDir, cfgPath)
}

// sealFirstBlock sends a plain transfer from the dev account to itself (with
// --dev.period 0 a block is sealed per transaction) and waits until it is
// in a block.
func sealFirstBlock(t *testing.T, ctx context.Context, node *devnode.Node) {
	t.Helper()
	var hash common.Hash
	tx := map[string]any{"from": devnode.DevAccount, "to": devnode.DevAccount, "value": "0x0"}
	if err := node.Call(ctx, &hash, "eth_sendTransaction", tx); err != nil {
		t.Fatalf("seal block 1: %v", err)
	}
	deadline := time.Now().Add(20 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		var rc *struct {
			Status      hexutil.Uint64 `json:"status"`
			BlockNumber hexutil.Uint64 `json:"blockNumber"`
		}
		// Right after start geth answers "transaction indexing is in
		// progress" for a while: retry until the deadline.
		lastErr = node.Call(ctx, &rc, "eth_getTransactionReceipt", hash)
		if lastErr == nil && rc != nil {
			if rc.Status != 1 || rc.BlockNumber == 0 {
				t.Fatalf("seal block 1: transfer %v has status %d in block %d", hash, rc.Status, rc.BlockNumber)
			}
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("seal block 1: transfer %v not in a block after 20 s (last error: %v)", hash, lastErr)
}

// runNodeTest runs `node --test` in dir with the config path in the
// environment, streaming its output into the test log line by line.
func runNodeTest(t *testing.T, ctx context.Context, nodeExe, dir, cfgPath string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, jsLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, nodeExe, "--test", "--test-reporter=spec", filepath.Join("test", "node.test.mjs"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), configEnv+"="+cfgPath, "NO_COLOR=1", "FORCE_COLOR=0")
	killGroupOnCancel(cmd)
	cmd.WaitDelay = 5 * time.Second

	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	lines := make(chan struct{})
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			t.Log("node: " + sc.Text())
		}
		_, _ = io.Copy(io.Discard, pr)
	}()

	started := time.Now()
	err := cmd.Run()
	_ = pw.Close()
	<-lines
	elapsed := time.Since(started).Round(time.Millisecond)
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		t.Fatalf("node --test did not finish within %v (killed)", jsLimit)
	case err != nil:
		t.Fatalf("node --test failed after %v: %v", elapsed, err)
	}
	t.Logf("node --test passed in %v", elapsed)
}

// e2eModelHash is the model of the test's proofs, registered at genesis
// with 5e8 parameters: each output token is worth one compute unit.
var e2eModelHash = proof.HashInput([]byte("pars e2e model"))

// e2eKeys are the miner keys of the test's proofs, one per ML-DSA set.
func e2eKeys() (map[proof.Scheme]*proof.PrivateKey, error) {
	keys := map[proof.Scheme]*proof.PrivateKey{}
	for i, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		var seed [proof.SeedSize]byte
		copy(seed[:], fmt.Sprintf("pars e2e miner key %d", i))
		sk, err := proof.NewKeyFromSeed(s, seed)
		if err != nil {
			return nil, err
		}
		keys[s] = sk
	}
	return keys, nil
}

// e2eParams are the chain's parameters: the defaults, the test model
// registered, the three miner keys bonded at genesis by the dev account,
// and a one-block challenge window so that the JavaScript test can
// finalize what it mined.
func e2eParams() (precompile.Params, error) {
	keys, err := e2eKeys()
	if err != nil {
		return precompile.Params{}, err
	}
	p := precompile.DefaultParams(devnode.DevAccount)
	p.ShortWindows()
	p.AuditProbabilityBps = 0
	p.Models = append(p.Models, precompile.ModelSpec{Hash: e2eModelHash, Parameters: 500_000_000, Tokenizer: precompile.TokenizerBytes,
		BytesPerToken: 4, MaxInputTokens: 1 << 20, MaxOutputTokens: 1 << 24, Verifier: precompile.VerifierCommittee})
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		// 1000 coins: the proofs of one key earn up to 9,000 units × 1e15
		// wei × 0.6 = 5.4 coins, within 4% of the bond per epoch.
		amount := new(uint256.Int).Mul(precompile.DefaultMinBond, uint256.NewInt(10))
		p.Bonds = append(p.Bonds, precompile.GenesisBond{MinerID: keys[s].Public().ID(), Bonder: devnode.DevAccount, Amount: amount})
	}
	return p, nil
}

// buildConfig makes every proof and vector the JavaScript tests use. Valid
// proofs carry the head block's timestamp: the precompile accepts them for
// timeWindowPast (600 s by default) of block time after it, far longer than
// the test runs.
func buildConfig(url string, headTime uint64) (*jsConfig, error) {
	params, err := e2eParams()
	if err != nil {
		return nil, err
	}
	bonded := new(big.Int)
	for _, b := range params.Bonds {
		bonded.Add(bonded, b.Amount.ToBig())
	}
	cfg := &jsConfig{
		URL:        url,
		ChainID:    genesis.ParsChainID,
		DevAccount: devnode.DevAccount,
		Precompile: precompile.Address,
		Params: jsParams{
			Governance:       params.Governance,
			BaseReward:       params.BaseReward.Dec(),
			TimeWindowPast:   params.TimeWindowPast,
			TimeWindowFuture: params.TimeWindowFuture,
			TrustSoftwareBps: params.TrustSoftwareBps,
			MinBond:          params.MinBond.Dec(),
			ChallengeWindow:  params.ChallengeWindow,
			Bonded:           bonded.String(),
		},
		Proofs:       map[string]jsProof{},
		MalformedKey: bytes.Repeat([]byte{0x42}, 100),
	}

	keys, err := e2eKeys()
	if err != nil {
		return nil, err
	}
	for _, s := range []proof.Scheme{proof.MLDSA44, proof.MLDSA65, proof.MLDSA87} {
		sk := keys[s]

		msg := []byte("pars e2e verifyMLDSA message for " + s.String())
		sig, err := sk.Sign(msg, nil, true)
		if err != nil {
			return nil, err
		}
		bad := bytes.Clone(sig)
		bad[len(bad)/2] ^= 0x01
		cfg.MLDSA = append(cfg.MLDSA, jsMLDSAVector{
			Scheme: int(s), PublicKey: sk.Public().Bytes(), Message: msg, Signature: sig, BadSignature: bad,
		})
	}

	direct := common.HexToAddress("0x00000000000000000000000000000000000d1ec7")
	viaClient := common.HexToAddress("0x0000000000000000000000000000000000c11e47")
	type spec struct {
		name        string
		scheme      proof.Scheme
		chainID     uint32
		timestamp   uint64
		beneficiary common.Address
		units       uint64
		tamper      bool // flip a signature byte after signing
	}
	specs := []spec{
		// Submitted straight to 0x0300, one per parameter set; direct65 is
		// then resubmitted (AlreadySpent).
		{"direct44", proof.MLDSA44, genesis.ParsChainID, headTime, direct, 1_000, false},
		{"direct65", proof.MLDSA65, genesis.ParsChainID, headTime, direct, 2_500, false},
		{"direct87", proof.MLDSA87, genesis.ParsChainID, headTime, direct, 4_000, false},
		// eth_call, eth_estimateGas, a transaction with the estimate and
		// debug_traceTransaction, straight to 0x0300 and through the client.
		{"traced", proof.MLDSA65, genesis.ParsChainID, headTime, direct, 7_000, false},
		{"tracedClient", proof.MLDSA44, genesis.ParsChainID, headTime, viaClient, 8_000, false},
		// Submitted through MiningClient.submit and MiningClient.trySubmit.
		{"client", proof.MLDSA87, genesis.ParsChainID, headTime, viaClient, 3_000, false},
		{"tryClient", proof.MLDSA65, genesis.ParsChainID, headTime, viaClient, 5_000, false},
		// Valid but never accepted: every way of calling it is refused
		// (STATICCALL, DELEGATECALL, CALLCODE, value).
		{"probe", proof.MLDSA44, genesis.ParsChainID, headTime, direct, 6_000, false},
		// Refused by the binding and signature checks.
		{"wrongChain", proof.MLDSA65, 1, headTime, direct, 1_000, false},
		{"stale", proof.MLDSA44, genesis.ParsChainID, headTime - 3_600, direct, 1_000, false},
		{"future", proof.MLDSA44, genesis.ParsChainID, headTime + 3_600, direct, 1_000, false},
		{"badSignature", proof.MLDSA87, genesis.ParsChainID, headTime, direct, 1_000, true},
	}
	for i, s := range specs {
		wc := proof.WorkContext{
			ChainID:   s.chainID,
			JobID:     proof.HashInput([]byte("pars e2e job " + s.name)),
			ModelHash: e2eModelHash,
			InputHash: proof.HashInput([]byte("pars e2e input " + strconv.Itoa(i))),
			DeviceID:  proof.HashInput([]byte("pars e2e device")),
			Nonce:     proof.HashInput([]byte("pars e2e nonce " + s.name)),
			Timestamp: s.timestamp,
		}
		p := &proof.AIWorkProof{
			Context:      wc,
			Beneficiary:  s.beneficiary,
			OutputHash:   proof.HashOutput([]byte("pars e2e output " + s.name)),
			OutputTokens: uint32(s.units), // one compute unit per token on the test model
		}
		if err := p.Sign(keys[s.scheme], true); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		if s.tamper {
			p.Signature[len(p.Signature)/3] ^= 0x80
		}
		enc := p.Encode()
		if _, err := proof.DecodeAIWorkProof(enc); err != nil {
			return nil, fmt.Errorf("%s: own encoding does not decode: %w", s.name, err)
		}
		want, err := reward.Reward(params.BaseReward, s.units, reward.One(), params.TrustSoftwareBps)
		if err != nil {
			return nil, fmt.Errorf("%s: reward: %w", s.name, err)
		}
		jp := jsProof{
			Hex: enc, Scheme: int(s.scheme), ChainID: s.chainID, Timestamp: s.timestamp,
			Beneficiary: s.beneficiary, ComputeUnits: s.units,
			WorkID: common.Hash(p.WorkID()), MinerID: common.Hash(p.MinerID()),
			ExpectedReward: want.Dec(),
		}
		// The same call on the library alone, in a fresh state at the head's time.
		input, err := precompile.ABI().Pack("submitWorkProof", enc, []byte{})
		if err != nil {
			return nil, fmt.Errorf("%s: pack: %w", s.name, err)
		}
		chain, err := precompiletest.NewChain(genesis.ParsChainID, params, headTime)
		if err != nil {
			return nil, err
		}
		res := chain.Call(precompiletest.Frame{Caller: devnode.DevAccount}, input)
		jp.PrecompileGas = res.GasUsed
		switch {
		case res.Revert != nil:
			jp.LibraryRevert = res.Revert.Name
		case res.Err != nil:
			return nil, fmt.Errorf("%s: library call: %v", s.name, res.Err)
		default:
			out, err := precompile.ABI().Unpack("submitWorkProof", res.Ret)
			if err != nil {
				return nil, fmt.Errorf("%s: library result: %w", s.name, err)
			}
			if got := out[0].(*big.Int); got.Cmp(want.ToBig()) != 0 {
				return nil, fmt.Errorf("%s: library rewards %v, the reward formula gives %v", s.name, got, want)
			}
		}
		cfg.Proofs[s.name] = jp
	}
	return cfg, nil
}

// repoRoot is the root module's directory (this package is evmpatch/e2e).
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Clean(filepath.Join(wd, "..", ".."))
	if _, err := os.Stat(filepath.Join(root, "contracts", "IAIMining.sol")); err != nil {
		t.Fatalf("repository root not found from %s: %v", wd, err)
	}
	return root
}

// checkJSToolchain fails (never skips) unless node ≥ 20 and npm are on PATH
// and e2e/node_modules holds the pinned solc and ethers. It returns node's path.
func checkJSToolchain(t *testing.T, jsDir string) string {
	t.Helper()
	const fix = "install Node.js 20 or newer with npm, then run `npm ci --prefix e2e` in the repository root"
	nodeExe, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found on PATH: %v\n%s", err, fix)
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Fatalf("npm not found on PATH: %v\n%s", err, fix)
	}
	out, err := exec.Command(nodeExe, "--version").Output()
	if err != nil {
		t.Fatalf("node --version: %v\n%s", err, fix)
	}
	v := strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
	if major, _ := strconv.Atoi(strings.SplitN(v, ".", 2)[0]); major < 20 {
		t.Fatalf("node %s is too old: the tests need Node.js 20 or newer", v)
	}
	for pkg, want := range npmPins {
		b, err := os.ReadFile(filepath.Join(jsDir, "node_modules", pkg, "package.json"))
		if err != nil {
			t.Fatalf("npm package %s is not installed in %s/node_modules: %v\nrun `npm ci --prefix e2e` in the repository root", pkg, jsDir, err)
		}
		var meta struct {
			Version string `json:"version"`
		}
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("%s/node_modules/%s/package.json: %v", jsDir, pkg, err)
		}
		if meta.Version != want {
			t.Fatalf("%s/node_modules has %s %s, package.json pins %s\nrun `npm ci --prefix e2e` in the repository root", jsDir, pkg, meta.Version, want)
		}
	}
	return nodeExe
}

// dumpLog writes the last lines of the node's log into the test log.
func dumpLog(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Logf("no node log at %s: %v", path, err)
		return
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 60 {
		lines = lines[len(lines)-60:]
	}
	t.Logf("last %d lines of %s:\n%s", len(lines), path, strings.Join(lines, "\n"))
}
