package l1test

import (
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/crypto"
	"github.com/pars-network/aimining/luxevm/l1"
	"github.com/pars-network/aimining/precompile"
	"github.com/pars-network/aimining/proof"
)

// zooChainID is the destination of the teleport: a pars-geth devnet with
// another chain id than the L1's.
const zooChainID = 200200

// daemon starts bin/name with args, its log in dir, stopped by its PID
// when the test ends.
func daemon(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	runLogged(t, dir, name, exec.Command(filepath.Join(bin, name), args...))
}

// keygen makes a pars-miner wallet in dir and returns its public key.
func keygen(t *testing.T, dir, pass string) []byte {
	t.Helper()
	w := filepath.Join(dir, "wallet.json")
	if out, err := exec.Command(filepath.Join(bin, "pars-miner"), "keygen", "--out", w, "--passphrase-file", pass, "--light-kdf").CombinedOutput(); err != nil {
		t.Fatalf("keygen: %v\n%s", err, out)
	}
	b, err := os.ReadFile(w)
	if err != nil {
		t.Fatal(err)
	}
	var wallet struct {
		PublicKey string `json:"public_key"`
	}
	if err := json.Unmarshal(b, &wallet); err != nil {
		t.Fatal(err)
	}
	return common.FromHex(wallet.PublicKey)
}

// TestTeleportFromL1ToParsGeth moves mined coins from the L1 (6133) to a
// pars-geth devnet (200200) through the real daemons: two of three
// pars-teleport-signer processes watch the L1, a pars-teleport-relayer
// submits the signed message to pars-geth, and the recipient claims it.
func TestTeleportFromL1ToParsGeth(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three avalanchego validators, pars-geth and the teleport daemons")
	}
	for _, b := range []string{"pars-teleport-signer", "pars-teleport-relayer"} {
		if _, err := os.Stat(filepath.Join(bin, b)); err != nil {
			t.Fatalf("%s: %v (make %s at the root)", b, err, b)
		}
	}
	net := startNetwork(t, 3)
	geth := startGeth(t, zooChainID, 1)
	src := &engine{name: "L1", url: net.RPCURL(0), chainID: l1.ParsChainID}
	dst := &engine{name: "pars-geth", url: geth.url, chainID: zooChainID}
	user, gov := l1.DevKey(2), l1.DevGovernanceKey()
	userAddr := crypto.PubkeyToAddress(user.PublicKey)
	recipient := common.HexToAddress("0x00000000000000000000000000000000000000d2")
	dir := t.TempDir()
	pass := filepath.Join(dir, "passphrase.txt")
	if err := os.WriteFile(pass, []byte("teleport\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// Signers: three keys, 2 of 3 accepted by the destination for 6133.
	var keys [][]byte
	for i := range 3 {
		d := filepath.Join(dir, "signer"+strconv.Itoa(i))
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, keygen(t, d, pass))
	}
	to := precompile.Address
	if r := dst.send(t, gov, &to, nil, packed(t, "setTeleportSigners", uint32(l1.ParsChainID), keys, uint8(2))); r.Status != 1 {
		t.Fatalf("setTeleportSigners on pars-geth failed")
	}
	var signerURLs []string
	for i := range 2 {
		d := filepath.Join(dir, "signer"+strconv.Itoa(i))
		listen := "127.0.0.1:" + strconv.Itoa(freePort(t))
		daemon(t, d, "pars-teleport-signer", "--rpc", src.url, "--wallet", filepath.Join(d, "wallet.json"),
			"--passphrase-file", pass, "--listen", listen, "--state-dir", filepath.Join(d, "state"),
			"--confirmations", "1", "--poll", "500ms")
		signerURLs = append(signerURLs, "http://"+listen)
	}
	relayerDir := filepath.Join(dir, "relayer")
	keyFile := filepath.Join(dir, "relayer.key")
	if err := os.WriteFile(keyFile, []byte(common.Bytes2Hex(crypto.FromECDSA(l1.DevKey(1)))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(filepath.Join(bin, "pars-miner"), "gas-account", "import", "--key-file", keyFile,
		"--keystore", filepath.Join(relayerDir, "keystore"), "--passphrase-file", pass, "--light-kdf").CombinedOutput(); err != nil {
		t.Fatalf("import the relayer key: %v\n%s", err, out)
	}
	args := []string{"--source-rpc", src.url, "--dest-rpc", dst.url, "--keystore", filepath.Join(relayerDir, "keystore"),
		"--account", crypto.PubkeyToAddress(l1.DevKey(1).PublicKey).Hex(), "--passphrase-file", pass,
		"--state-dir", filepath.Join(relayerDir, "state"), "--confirmations", "1", "--poll", "500ms"}
	for _, u := range signerURLs {
		args = append(args, "--signer", u)
	}
	daemon(t, relayerDir, "pars-teleport-relayer", args...)

	// Mine on the L1: a bonded proof credits the user once its challenge
	// window has passed.
	sk, err := proof.NewKeyFromSeed(proof.MLDSA65, [32]byte{9})
	if err != nil {
		t.Fatal(err)
	}
	if r := src.send(t, user, &to, l1.Ether(1000), packed(t, "bond", [32]byte(sk.Public().ID()))); r.Status != 1 {
		t.Fatal("bond failed")
	}
	p := &proof.AIWorkProof{
		Context: proof.WorkContext{
			ChainID: l1.ParsChainID, JobID: proof.Hash{1}, ModelHash: precompile.DefaultParams(l1.DevAddress).Models[0].Hash,
			InputHash: proof.Hash{3}, DeviceID: proof.Hash{4}, Nonce: proof.Hash{6}, Timestamp: src.headTime(t),
		},
		Beneficiary: userAddr, OutputHash: proof.HashOutput([]byte("output")), InputTokens: 4, OutputTokens: 8,
	}
	if err := p.Sign(sk, true); err != nil {
		t.Fatal(err)
	}
	if r := src.send(t, user, &to, nil, packed(t, "submitWorkProof", p.Encode(), []byte{})); r.Status != 1 {
		t.Fatal("submitWorkProof failed")
	}
	finalize := packed(t, "finalizeWork", [][32]byte{p.WorkID()})
	deadline := time.Now().Add(2 * time.Minute)
	for {
		// Blocks come with transactions: each try adds one.
		if _, errName := src.call(t, userAddr, to, nil, finalize); errName == "-" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the proof's challenge window did not pass in 2 minutes")
		}
		src.send(t, user, &userAddr, nil, nil)
	}
	if r := src.send(t, user, &to, nil, finalize); r.Status != 1 {
		t.Fatal("finalizeWork failed")
	}
	out, _ := src.call(t, userAddr, to, nil, packed(t, "miningBalance", userAddr))
	amount := new(big.Int).SetBytes(out)
	if amount.Sign() == 0 {
		t.Fatal("no mining balance after finalizeWork")
	}

	// Teleport it to pars-geth.
	r := src.send(t, user, &to, nil, packed(t, "teleport", uint32(zooChainID), recipient, amount))
	sent := precompile.ABI().Events["TeleportSent"].ID
	var id common.Hash
	for _, l := range r.Logs {
		if l.Address == to && len(l.Topics) > 1 && l.Topics[0] == sent {
			id = l.Topics[1]
		}
	}
	if r.Status != 1 || id == (common.Hash{}) {
		t.Fatalf("teleport: status %d, logs %+v", r.Status, r.Logs)
	}
	t.Logf("teleport %v of %v wei sent on the L1", id, amount)
	// One block on top of it for the daemons' confirmation.
	src.send(t, user, &userAddr, nil, nil)
	claim := packed(t, "claimTeleport", [32]byte(id))
	deadline = time.Now().Add(2 * time.Minute)
	for {
		if _, errName := dst.call(t, userAddr, to, nil, claim); errName == "-" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the teleport was not relayed to pars-geth in 2 minutes")
		}
		time.Sleep(500 * time.Millisecond)
	}
	if r := dst.send(t, l1.DevKey(0), &to, nil, claim); r.Status != 1 {
		t.Fatal("claimTeleport failed")
	}
	out, _ = dst.call(t, userAddr, to, nil, packed(t, "miningBalance", recipient))
	if got := new(big.Int).SetBytes(out); got.Cmp(amount) != 0 {
		t.Fatalf("recipient's balance on pars-geth %v, want %v", got, amount)
	}
	t.Logf("claimed on pars-geth (%d): %v wei", zooChainID, amount)
}
