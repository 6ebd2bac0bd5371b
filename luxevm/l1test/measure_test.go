package l1test

import (
	"os"
	"testing"
	"time"

	"github.com/pars-network/aimining/luxevm/l1"
)

// measureEnv names the environment variable that turns on
// TestMeasureAgainstParsGeth and gives its window (a Go duration, e.g. 3m).
const measureEnv = "PARS_L1_MEASURE"

// TestMeasureAgainstParsGeth runs, in the same window on this machine, the
// L1 (three validators, a miner against validator 0) and a pars-geth dev
// node sealing every 2 s as `make devnet` does (a miner against it), and
// logs blocks and accepted proofs per minute on each and the memory of
// every validator. It is a measurement, not a check: it runs only when
// PARS_L1_MEASURE gives the window.
func TestMeasureAgainstParsGeth(t *testing.T) {
	window, err := time.ParseDuration(os.Getenv(measureEnv))
	if err != nil {
		t.Skipf("set %s to a window (e.g. 3m) to measure", measureEnv)
	}
	net := startNetwork(t, 3)
	geth := startGeth(t, l1.ParsChainID+1, 2)
	urls := []string{net.RPCURL(0), geth.url}
	names := []string{"L1 (3 validators)", "pars-geth (--dev.period 2)"}
	startMiner(t, urls[0], l1.ParsChainID, 0)
	startMiner(t, urls[1], l1.ParsChainID+1, 1)
	// Let both miners bond and settle in, then measure.
	time.Sleep(30 * time.Second)
	var from [2]uint64
	var fromProofs [2]int
	for i, u := range urls {
		from[i] = head(t, u)
		fromProofs[i] = accepted(t, u, from[i])
	}
	start := time.Now()
	time.Sleep(window)
	mins := time.Since(start).Minutes()
	for i, u := range urls {
		to := head(t, u)
		proofs := accepted(t, u, to) - fromProofs[i]
		t.Logf("%s: %d blocks, %d accepted proofs in %.2f min: %.1f blocks/min, %.1f proofs/min",
			names[i], to-from[i], proofs, mins, float64(to-from[i])/mins, float64(proofs)/mins)
	}
	for i := range net.Nodes() {
		node, plugin, err := net.RSS(i)
		if err != nil {
			t.Errorf("validator %d memory: %v", i, err)
			continue
		}
		t.Logf("validator %d: avalanchego RSS %d MiB + plugin RSS %d MiB", i, node>>20, plugin>>20)
	}
	if r, err := l1.ProcessRSS(geth.pid); err == nil {
		t.Logf("pars-geth RSS %d MiB", r>>20)
	}
}
