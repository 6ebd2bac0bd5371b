package l1test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ava-labs/libevm/crypto"
	"github.com/pars-network/aimining/luxevm/l1"
)

// gethNode is a pars-geth dev node (../bin/pars-geth) on loopback with the
// same chain as the L1: the genesis of ../bin/pars-genesis for chainID,
// l1.DevParams, the governance and dev accounts of l1.DevGenesis.
type gethNode struct {
	url string
	pid int
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startGeth starts pars-geth sealing a block every period seconds (0: one
// per transaction) and stops it by its PID when the test ends.
func startGeth(t *testing.T, chainID uint64, period int) *gethNode {
	t.Helper()
	dir := t.TempDir()
	params, err := json.Marshal(l1.DevParams())
	if err != nil {
		t.Fatal(err)
	}
	paramsPath := filepath.Join(dir, "params.json")
	if err := os.WriteFile(paramsPath, params, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--chain-id", strconv.FormatUint(chainID, 10), "--prefund-dev", "--params", paramsPath,
		"--timestamp", strconv.FormatInt(time.Now().Unix(), 10)}
	for i := range 3 {
		args = append(args, "--alloc", fmt.Sprintf("%s=%s", crypto.PubkeyToAddress(l1.DevKey(i).PublicKey).Hex(), l1.Ether(1_000_000)))
	}
	out, err := exec.Command(filepath.Join(bin, "pars-genesis"), args...).Output()
	if err != nil {
		t.Fatalf("pars-genesis: %v", err)
	}
	genesisPath := filepath.Join(dir, "genesis.json")
	if err := os.WriteFile(genesisPath, out, 0o644); err != nil {
		t.Fatal(err)
	}
	geth := filepath.Join(bin, "pars-geth")
	data := filepath.Join(dir, "data")
	if out, err := exec.Command(geth, "--datadir", data, "init", genesisPath).CombinedOutput(); err != nil {
		t.Fatalf("pars-geth init: %v\n%s", err, out)
	}
	port := freePort(t)
	cmd := exec.Command(geth, "--datadir", data, "--dev", "--dev.period", strconv.Itoa(period),
		"--networkid", strconv.FormatUint(chainID, 10),
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port), "--http.api", "eth,net,web3",
		"--port", strconv.Itoa(freePort(t)), "--nodiscover", "--maxpeers", "0",
		"--authrpc.port", "0", "--ipcdisable", "--verbosity", "3")
	proc := runLogged(t, dir, "pars-geth", cmd)
	n := &gethNode{url: fmt.Sprintf("http://127.0.0.1:%d", port), pid: proc.PID()}
	deadline := time.Now().Add(time.Minute)
	for {
		var id string
		if err := l1.Call(context.Background(), n.url, &id, "eth_chainId"); err == nil {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatal("pars-geth serves no JSON-RPC after a minute")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
