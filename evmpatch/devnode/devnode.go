// Package devnode runs the real pars-geth binary as a local single-node
// chain on loopback: it writes a genesis with 0x0300 active, initialises a
// data directory, starts geth in --dev mode on free ports chosen at run
// time, waits until JSON-RPC answers, and stops the process by its own PID.
// `make devnet` and the node tests use it.
package devnode

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/core"
	"github.com/pars-network/aimining/evmpatch/genesis"
)

// Config says how to run a node.
type Config struct {
	Binary    string          // path to pars-geth
	DataDir   string          // data directory (created and initialised if empty)
	Genesis   genesis.Options // genesis to initialise a new data directory with
	HTTPAddr  string          // host:port for JSON-RPC; "" picks 127.0.0.1 and a free port
	Period    uint64          // --dev.period in seconds (0: a block per transaction)
	ExtraArgs []string        // more geth flags
	Log       io.Writer       // where geth's output goes (nil: DataDir/geth.log)
}

// Node is a running pars-geth process.
type Node struct {
	cmd     *exec.Cmd
	url     string
	dataDir string
	done    chan struct{}
	logFile *os.File
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// WriteGenesis writes the genesis for o to path.
func WriteGenesis(o genesis.Options, path string) (*core.Genesis, error) {
	g, err := genesis.New(o)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return nil, err
	}
	return g, os.WriteFile(path, b, 0o644)
}

// Init writes the genesis into dataDir/genesis.json and runs `geth init`.
func Init(binary, dataDir string, o genesis.Options) error {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	gpath := filepath.Join(dataDir, "genesis.json")
	if _, err := WriteGenesis(o, gpath); err != nil {
		return fmt.Errorf("write genesis: %w", err)
	}
	out, err := exec.Command(binary, "--datadir", dataDir, "init", gpath).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s init: %v\n%s", binary, err, out)
	}
	return nil
}

// Start initialises cfg.DataDir if it holds no chain yet and starts the node.
// It returns once JSON-RPC answers eth_chainId, or an error (the process is
// then stopped) after 60 seconds.
func Start(ctx context.Context, cfg Config) (*Node, error) {
	if cfg.Binary == "" {
		return nil, errors.New("devnode: no pars-geth binary given")
	}
	if _, err := os.Stat(cfg.Binary); err != nil {
		return nil, fmt.Errorf("devnode: pars-geth binary: %w (build it with `make pars-geth`)", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, "geth", "chaindata")); err != nil {
		if err := Init(cfg.Binary, cfg.DataDir, cfg.Genesis); err != nil {
			return nil, err
		}
	}
	addr := cfg.HTTPAddr
	if addr == "" {
		p, err := FreePort()
		if err != nil {
			return nil, err
		}
		addr = "127.0.0.1:" + strconv.Itoa(p)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("devnode: http address %q: %w", addr, err)
	}
	p2p, err := FreePort()
	if err != nil {
		return nil, err
	}
	chainID := cfg.Genesis.ChainID
	if chainID == 0 {
		chainID = genesis.ParsChainID
	}
	args := []string{
		"--datadir", cfg.DataDir, "--dev", "--dev.period", strconv.FormatUint(cfg.Period, 10),
		"--networkid", strconv.FormatUint(chainID, 10),
		"--http", "--http.addr", host, "--http.port", port,
		"--http.api", "eth,net,web3,debug,txpool,testing",
		"--port", strconv.Itoa(p2p), "--nodiscover", "--maxpeers", "0",
		"--authrpc.port", "0", "--ipcdisable", "--verbosity", "3",
	}
	args = append(args, cfg.ExtraArgs...)
	cmd := exec.Command(cfg.Binary, args...)
	n := &Node{cmd: cmd, url: "http://" + addr, dataDir: cfg.DataDir, done: make(chan struct{})}
	if cfg.Log != nil {
		cmd.Stdout, cmd.Stderr = cfg.Log, cfg.Log
	} else {
		f, err := os.Create(filepath.Join(cfg.DataDir, "geth.log"))
		if err != nil {
			return nil, err
		}
		n.logFile = f
		cmd.Stdout, cmd.Stderr = f, f
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("devnode: start %s: %w", cfg.Binary, err)
	}
	go func() { _ = cmd.Wait(); close(n.done) }()
	if err := n.waitReady(ctx, 60*time.Second); err != nil {
		n.Stop()
		return nil, err
	}
	return n, nil
}

// URL returns the node's JSON-RPC endpoint.
func (n *Node) URL() string { return n.url }

// PID returns the node's process id.
func (n *Node) PID() int { return n.cmd.Process.Pid }

// DataDir returns the node's data directory.
func (n *Node) DataDir() string { return n.dataDir }

// Done is closed when the process has exited.
func (n *Node) Done() <-chan struct{} { return n.done }

// Stop interrupts the node by its PID, waits up to 20 seconds for a clean
// shutdown, then kills it.
func (n *Node) Stop() {
	if n.cmd.Process == nil {
		return
	}
	select {
	case <-n.done:
	default:
		_ = n.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-n.done:
		case <-time.After(20 * time.Second):
			_ = n.cmd.Process.Kill()
			<-n.done
		}
	}
	if n.logFile != nil {
		_ = n.logFile.Close()
	}
}

func (n *Node) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-n.done:
			return fmt.Errorf("devnode: pars-geth exited before serving JSON-RPC (see %s/geth.log)", n.dataDir)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		var id string
		if err := n.Call(ctx, &id, "eth_chainId"); err == nil {
			return nil
		}
	}
	return fmt.Errorf("devnode: no JSON-RPC answer on %s within %v", n.url, limit)
}

// Call makes one JSON-RPC call and decodes its result into out.
func (n *Node) Call(ctx context.Context, out any, method string, params ...any) error {
	if params == nil {
		params = []any{}
	}
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
			Data    any    `json:"data"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return fmt.Errorf("%s: decode response: %w", method, err)
	}
	if r.Error != nil {
		return fmt.Errorf("%s: %s (code %d, data %v)", method, r.Error.Message, r.Error.Code, r.Error.Data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(r.Result, out)
}

// DevAccount is the developer account geth --dev unlocks and funds; it is the
// governance address of the devnet genesis.
var DevAccount = genesis.DevAddress
