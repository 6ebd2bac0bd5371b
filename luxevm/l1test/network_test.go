package l1test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ava-labs/libevm/common"
	"github.com/ava-labs/libevm/common/hexutil"
	"github.com/pars-network/aimining/luxevm/l1"
	"github.com/pars-network/aimining/precompile"
)

// bin is the repository's bin folder.
const bin = "../../bin"

// workAccepted is topic 0 of IAIMining's WorkAccepted event.
var workAccepted = precompile.ABI().Events["WorkAccepted"].ID

// startNetwork starts n validators with the dev genesis and stops them when
// the test ends.
func startNetwork(t *testing.T, n int) *l1.Network {
	t.Helper()
	for _, b := range []string{"avalanchego", "pars-subnet-evm", "pars-miner"} {
		if _, err := os.Stat(filepath.Join(bin, b)); err != nil {
			t.Fatalf("%s: %v (run `make -C luxevm test` or `make test` at the root, which build it)", b, err)
		}
	}
	genesis, err := l1.Genesis(l1.DevGenesis(l1.ParsChainID, uint64(time.Now().Unix()), 3))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	logFile, err := os.Create(filepath.Join(dir, "tmpnet.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = logFile.Close() })
	start := time.Now()
	net, err := l1.Start(ctx, l1.Options{
		Dir: dir, AvalancheGo: filepath.Join(bin, "avalanchego"), Plugin: filepath.Join(bin, "pars-subnet-evm"),
		Nodes: n, Genesis: genesis, Log: logFile,
	})
	if err != nil {
		b, _ := os.ReadFile(filepath.Join(dir, "tmpnet.log"))
		t.Fatalf("start: %v\n%s", err, tail(b, 4000))
	}
	t.Cleanup(func() { net.Stop(context.Background()) })
	t.Logf("%d validators and the chain up in %s", n, time.Since(start).Round(time.Second))
	return net
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// startMiner starts pars-miner against url on chainID, paying from dev
// account key, and stops it (by PID) when the test ends.
func startMiner(t *testing.T, url string, chainID uint64, key int) {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	miner, err := filepath.Abs(filepath.Join(bin, "pars-miner"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := l1.WriteMinerConfig(ctx, l1.MinerHome{
		Dir: dir, Miner: miner, Passphrase: "l1test", GasKey: l1.DevKey(key),
		ChainID: chainID, RPC: url, JobInterval: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	runLogged(t, dir, "pars-miner", exec.Command(miner, "--config", cfg))
}

// runLogged starts cmd with its output in dir/name.log and stops it by its
// PID when the test ends, showing the log's tail if the test failed.
func runLogged(t *testing.T, dir, name string, cmd *exec.Cmd) *l1.Process {
	t.Helper()
	logPath := filepath.Join(dir, name+".log")
	f, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	p, err := l1.StartProcess(cmd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.Stop()
		_ = f.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("%s log (tail):\n%s", name, tail(b, 3000))
		}
	})
	return p
}

func call(t *testing.T, url string, out any, method string, params ...any) {
	t.Helper()
	if err := l1.Call(context.Background(), url, out, method, params...); err != nil {
		t.Fatalf("%s on %s: %v", method, url, err)
	}
}

// head returns the number of url's latest block: on the L1 the last
// accepted (finalised) one, which every JSON-RPC query may name (a block
// still in consensus is "unfinalized data" to subnet-evm).
func head(t *testing.T, url string) uint64 {
	t.Helper()
	var b block
	call(t, url, &b, "eth_getBlockByNumber", "latest", false)
	return uint64(b.Number)
}

// waitAll waits until every validator in urls has accepted block n.
func waitAll(t *testing.T, urls []string, n uint64) {
	t.Helper()
	waitFor(t, 3*time.Minute, fmt.Sprintf("every validator to accept block %d", n), func() bool {
		for _, u := range urls {
			if head(t, u) < n {
				return false
			}
		}
		return true
	})
}

type block struct {
	Hash      common.Hash    `json:"hash"`
	StateRoot common.Hash    `json:"stateRoot"`
	Number    hexutil.Uint64 `json:"number"`
}

func blockAt(t *testing.T, url string, n uint64) block {
	t.Helper()
	var b block
	call(t, url, &b, "eth_getBlockByNumber", hexutil.EncodeUint64(n), false)
	return b
}

// accepted counts WorkAccepted logs of 0x0300 up to block n on url.
func accepted(t *testing.T, url string, n uint64) int {
	t.Helper()
	var logs []struct {
		TxHash common.Hash `json:"transactionHash"`
	}
	call(t, url, &logs, "eth_getLogs", map[string]any{
		"fromBlock": "0x0", "toBlock": hexutil.EncodeUint64(n),
		"address": precompile.Address, "topics": []any{workAccepted},
	})
	return len(logs)
}

// waitFor polls cond every half second for up to limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// sameState checks that every validator in urls has the same block at
// height n (so the same state root), the same 0x0300 balance and the same
// storage in the given slots.
func sameState(t *testing.T, urls []string, n uint64, slots []common.Hash) {
	t.Helper()
	ref := blockAt(t, urls[0], n)
	var refBal hexutil.Big
	call(t, urls[0], &refBal, "eth_getBalance", precompile.Address, hexutil.EncodeUint64(n))
	for _, u := range urls[1:] {
		b := blockAt(t, u, n)
		if b.Hash != ref.Hash || b.StateRoot != ref.StateRoot {
			t.Fatalf("block %d: %v root %v on %s, %v root %v on %s", n, b.Hash, b.StateRoot, u, ref.Hash, ref.StateRoot, urls[0])
		}
		var bal hexutil.Big
		call(t, u, &bal, "eth_getBalance", precompile.Address, hexutil.EncodeUint64(n))
		if bal.ToInt().Cmp(refBal.ToInt()) != 0 {
			t.Fatalf("0x0300 balance at %d: %v on %s, %v on %s", n, bal.ToInt(), u, refBal.ToInt(), urls[0])
		}
		for _, s := range slots {
			var a, b common.Hash
			call(t, urls[0], &a, "eth_getStorageAt", precompile.Address, s, hexutil.EncodeUint64(n))
			call(t, u, &b, "eth_getStorageAt", precompile.Address, s, hexutil.EncodeUint64(n))
			if a != b {
				t.Fatalf("0x0300 slot %v at %d: %v on %s, %v on %s", s, n, b, u, a, urls[0])
			}
		}
	}
}

// genesisSlots are the storage slots of 0x0300's genesis account.
func genesisSlots(t *testing.T) []common.Hash {
	t.Helper()
	acc, err := precompile.GenesisAccount(l1.DevParams())
	if err != nil {
		t.Fatal(err)
	}
	slots := make([]common.Hash, 0, len(acc.Storage))
	for s := range acc.Storage {
		slots = append(slots, s)
	}
	return slots
}

func TestThreeValidatorsMineStopAndCatchUp(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three avalanchego validators")
	}
	net := startNetwork(t, 3)
	urls := make([]string, net.Nodes())
	for i := range urls {
		urls[i] = net.RPCURL(i)
		var code hexutil.Bytes
		call(t, urls[i], &code, "eth_getCode", precompile.Address, "latest")
		if string(code) != string(precompile.CodeMarker) {
			t.Fatalf("validator %d: code at 0x0300 = %x, want the marker", i, code)
		}
		var id hexutil.Uint64
		call(t, urls[i], &id, "eth_chainId")
		if id != l1.ParsChainID {
			t.Fatalf("validator %d: chain id %d", i, id)
		}
	}
	sameState(t, urls, 0, genesisSlots(t))
	for i := range urls {
		node, plugins, err := net.RSS(i)
		if err == nil {
			t.Logf("validator %d: avalanchego RSS %d MiB, plugin RSS %d MiB", i, node>>20, plugins>>20)
		}
	}

	// Proofs submitted to validator 0 are accepted, and every validator
	// holds the same state.
	startMiner(t, urls[0], l1.ParsChainID, 0)
	t0, h0 := time.Now(), head(t, urls[0])
	waitFor(t, 4*time.Minute, "3 accepted proofs", func() bool { return accepted(t, urls[1], head(t, urls[1])) >= 3 })
	n := head(t, urls[2])
	waitAll(t, urls, n)
	sameState(t, urls, n, genesisSlots(t))
	proofs := accepted(t, urls[0], n)
	mins := time.Since(t0).Minutes()
	t.Logf("3 validators: %d blocks and %d accepted proofs in %.1f min (%.1f blocks/min, %.1f proofs/min)",
		n-h0, proofs, mins, float64(n-h0)/mins, float64(proofs)/mins)

	// Stop validator 2 while the miner keeps submitting to validator 0:
	// the other two keep finalising blocks and accepting proofs.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := net.StopNode(ctx, 2); err != nil {
		t.Fatalf("stop validator 2: %v", err)
	}
	stoppedAt, proofsAt := head(t, urls[0]), accepted(t, urls[0], head(t, urls[0]))
	waitFor(t, 4*time.Minute, "blocks and proofs with validator 2 stopped", func() bool {
		h := head(t, urls[1])
		return h >= stoppedAt+5 && accepted(t, urls[1], h) >= proofsAt+3
	})
	t.Logf("validator 2 stopped at block %d; validators 0 and 1 reached block %d", stoppedAt, head(t, urls[1]))

	// Restart it: it catches up to the same state root.
	if err := net.RestartNode(ctx, 2); err != nil {
		t.Fatalf("restart validator 2: %v", err)
	}
	// tmpnet may give the restarted node another HTTP port.
	urls[2] = net.RPCURL(2)
	target := head(t, urls[0])
	waitAll(t, urls, target)
	sameState(t, urls, target, genesisSlots(t))
	t.Logf("validator 2 caught up to block %d with the same state root", target)
	for i := range urls {
		node, plugins, err := net.RSS(i)
		if err == nil {
			t.Logf("validator %d after mining: avalanchego RSS %d MiB, plugin RSS %d MiB", i, node>>20, plugins>>20)
		}
	}
}
