// Package posnet runs a local proof-of-stake network of pars-geth nodes
// driven by the Prysm consensus client, on loopback with ports chosen free
// at run time.
//
// Start writes the execution genesis (package genesis, forks through
// Prague, 0x0300 active from genesis, stamped with the beacon genesis
// time), the beacon chain config and its genesis state (prysmctl, interop
// validators), then starts N pairs: pars-geth with its JWT-authenticated
// Engine API, a Prysm beacon node driving it, and a validator client
// holding its share of the interop keys. The execution nodes peer over
// devp2p (admin_addPeer), the beacon nodes over libp2p (--peer with peer
// ids fixed in advance). Every process is stopped by its own PID.
//
// `make devnet-pos` (cmd/pars-devnet-pos) and the proof-of-stake node
// tests use it.
package posnet

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/genesis"
)

// Binaries of the network, looked up in Config.Bin.
const (
	GethBinary      = "pars-geth"
	BeaconBinary    = "beacon-chain"
	ValidatorBinary = "validator"
	PrysmctlBinary  = "prysmctl"
)

// Defaults of Config. Slots of 4 s are what two CPU cores keep up with for
// three pairs (2 s slots missed blocks); 6 slots per epoch (as Prysm's own
// end-to-end tests use) gives finality within about a minute and a half.
const (
	DefaultPairs         = 3
	DefaultValidators    = 64
	DefaultSlotSeconds   = 4
	DefaultSlotsPerEpoch = 6
	DefaultGenesisDelay  = 20 * time.Second
)

// Bounds on waits.
const (
	readyLimit = 90 * time.Second // one process serving its API
	callLimit  = 10 * time.Second // one JSON-RPC or REST call
	toolLimit  = 2 * time.Minute  // prysmctl, pars-geth init
)

// Config says what network to run.
type Config struct {
	Bin        string // folder holding pars-geth, beacon-chain, validator and prysmctl
	Dir        string // network folder: created; must not hold a network already
	Pairs      int    // execution + consensus pairs, each with a validator client (0: DefaultPairs)
	Validators int    // interop validators, split across the pairs (0: DefaultValidators)
	// Split, when set, gives the number of validators of each pair (one
	// entry per pair, each at least 1, summing to Validators); else they
	// are split as evenly as possible, the first pairs taking one more.
	Split         []int
	SlotSeconds   uint64          // 0: DefaultSlotSeconds
	SlotsPerEpoch uint64          // 0: DefaultSlotsPerEpoch
	GenesisDelay  time.Duration   // from Start to the beacon genesis time (0: DefaultGenesisDelay)
	Genesis       genesis.Options // governance, alloc, parameters, chain id (0: 6133); Start sets Timestamp and LastFork
	FeeRecipient  common.Address  // block fee recipient of every validator (zero: genesis.DevAddress)
	Log           io.Writer       // progress lines (nil: none)
}

// Network is a running proof-of-stake network.
type Network struct {
	cfg         Config
	chainID     uint64
	genesisTime time.Time
	execGenesis string // genesis.json
	beaconCfg   string // config.yml
	genesisSSZ  string // genesis.ssz
	pairs       []*Pair
}

// Pair is one execution node, its beacon node and its validator client.
type Pair struct {
	Index      int    // 0-based
	Dir        string // pairN/ under the network folder
	FirstKey   int    // first interop validator index held by its validator client
	Keys       int    // number of interop validators it holds
	PeerID     string // the beacon node's libp2p peer id
	HTTPPort   int    // pars-geth JSON-RPC
	AuthPort   int    // pars-geth Engine API
	GethP2P    int    // pars-geth devp2p
	BeaconP2P  int    // beacon node libp2p
	BeaconRPC  int    // beacon node gRPC (validator client)
	BeaconHTTP int    // beacon node REST API

	net       *Network
	mu        sync.Mutex
	geth      *Process
	beacon    *Process
	validator *Process
	started   bool // started at least once (restarts keep the data)
}

// Start creates and starts the network described by cfg. On error
// everything already started is stopped. ctx bounds the start only.
func Start(ctx context.Context, cfg Config) (*Network, error) {
	if cfg.Pairs == 0 {
		cfg.Pairs = DefaultPairs
	}
	if cfg.Validators == 0 {
		cfg.Validators = DefaultValidators
	}
	if cfg.SlotSeconds == 0 {
		cfg.SlotSeconds = DefaultSlotSeconds
	}
	if cfg.SlotsPerEpoch == 0 {
		cfg.SlotsPerEpoch = DefaultSlotsPerEpoch
	}
	if cfg.GenesisDelay == 0 {
		cfg.GenesisDelay = DefaultGenesisDelay
	}
	if cfg.FeeRecipient == (common.Address{}) {
		cfg.FeeRecipient = genesis.DevAddress
	}
	if cfg.Genesis.ChainID == 0 {
		cfg.Genesis.ChainID = genesis.ParsChainID
	}
	if cfg.Pairs < 1 || cfg.Validators < cfg.Pairs {
		return nil, fmt.Errorf("posnet: %d pairs and %d validators: want at least one validator per pair", cfg.Pairs, cfg.Validators)
	}
	if err := checkSplit(cfg.Split, cfg.Pairs, cfg.Validators); err != nil {
		return nil, err
	}
	for _, b := range []string{GethBinary, BeaconBinary, ValidatorBinary, PrysmctlBinary} {
		if _, err := os.Stat(filepath.Join(cfg.Bin, b)); err != nil {
			return nil, fmt.Errorf("posnet: %w (build pars-geth with `make pars-geth` and Prysm with `make prysm`)", err)
		}
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	cfg.Dir = dir
	if cfg.Bin, err = filepath.Abs(cfg.Bin); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "genesis.ssz")); err == nil {
		return nil, fmt.Errorf("posnet: %s already holds a network", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	n := &Network{
		cfg: cfg, chainID: cfg.Genesis.ChainID,
		execGenesis: filepath.Join(dir, "genesis.json"),
		beaconCfg:   filepath.Join(dir, "config.yml"),
		genesisSSZ:  filepath.Join(dir, "genesis.ssz"),
	}
	if err := n.layout(); err != nil {
		return nil, err
	}
	if err := n.writeGenesis(ctx); err != nil {
		return nil, err
	}
	if err := n.startAll(ctx); err != nil {
		n.Close()
		return nil, err
	}
	return n, nil
}

// layout assigns ports, interop keys and beacon network keys to the pairs
// and writes each pair's JWT secret and network key.
func (n *Network) layout() error {
	ports, err := freePorts(6 * n.cfg.Pairs)
	if err != nil {
		return err
	}
	per, extra := n.cfg.Validators/n.cfg.Pairs, n.cfg.Validators%n.cfg.Pairs
	first := 0
	for i := range n.cfg.Pairs {
		p := &Pair{Index: i, Dir: filepath.Join(n.cfg.Dir, fmt.Sprintf("pair%d", i)), net: n, FirstKey: first, Keys: per}
		switch {
		case n.cfg.Split != nil:
			p.Keys = n.cfg.Split[i]
		case i < extra:
			p.Keys++
		}
		first += p.Keys
		pp := ports[6*i:]
		p.HTTPPort, p.AuthPort, p.GethP2P, p.BeaconP2P, p.BeaconRPC, p.BeaconHTTP = pp[0], pp[1], pp[2], pp[3], pp[4], pp[5]
		if err := os.MkdirAll(p.Dir, 0o755); err != nil {
			return err
		}
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return err
		}
		if err := os.WriteFile(p.jwt(), []byte("0x"+hex.EncodeToString(secret)), 0o600); err != nil {
			return fmt.Errorf("posnet: write JWT secret: %w", err)
		}
		key, err := crypto.GenerateKey()
		if err != nil {
			return err
		}
		if err := WriteBeaconKey(p.p2pKey(), key); err != nil {
			return err
		}
		p.PeerID = PeerID(&key.PublicKey)
		n.pairs = append(n.pairs, p)
	}
	return nil
}

// checkSplit checks Config.Split against the pairs and validators.
func checkSplit(split []int, pairs, validators int) error {
	if split == nil {
		return nil
	}
	if len(split) != pairs {
		return fmt.Errorf("posnet: split %v has %d entries for %d pairs", split, len(split), pairs)
	}
	sum := 0
	for _, k := range split {
		if k < 1 {
			return fmt.Errorf("posnet: split %v: every pair needs a validator", split)
		}
		sum += k
	}
	if sum != validators {
		return fmt.Errorf("posnet: split %v sums to %d, not the %d validators", split, sum, validators)
	}
	return nil
}

// writeGenesis writes the beacon config, the execution genesis stamped
// with the beacon genesis time, and the beacon genesis state.
func (n *Network) writeGenesis(ctx context.Context) error {
	n.genesisTime = time.Now().Add(n.cfg.GenesisDelay).Truncate(time.Second)
	bc := BeaconConfig{ChainID: n.chainID, Validators: n.cfg.Validators, SlotSeconds: n.cfg.SlotSeconds, SlotsPerEpoch: n.cfg.SlotsPerEpoch}
	if err := os.WriteFile(n.beaconCfg, []byte(bc.YAML()), 0o644); err != nil {
		return fmt.Errorf("posnet: write beacon config: %w", err)
	}
	ts := uint64(n.genesisTime.Unix())
	g, err := ExecutionGenesis(n.cfg.Genesis, ts)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(n.execGenesis, b, 0o644); err != nil {
		return fmt.Errorf("posnet: write execution genesis: %w", err)
	}
	args := GenesisArgs(GenesisFlags{
		ChainConfig: n.beaconCfg, Validators: n.cfg.Validators, GenesisTime: ts,
		ExecutionGenesis: n.execGenesis, Out: n.genesisSSZ,
	})
	if err := n.runTool(ctx, filepath.Join(n.cfg.Dir, "prysmctl.log"), PrysmctlBinary, args...); err != nil {
		return err
	}
	for _, p := range n.pairs {
		if err := n.runTool(ctx, filepath.Join(p.Dir, "geth.log"), GethBinary, InitArgs(p.gethDir(), n.execGenesis)...); err != nil {
			return err
		}
	}
	n.logf("genesis: chain %d, %d validators, beacon genesis %s (in %v), slots of %ds, %d per epoch",
		n.chainID, n.cfg.Validators, n.genesisTime.Format(time.TimeOnly), time.Until(n.genesisTime).Round(time.Second), n.cfg.SlotSeconds, n.cfg.SlotsPerEpoch)
	return nil
}

// runTool runs one of the binaries to completion, appending its output to
// logPath.
func (n *Network) runTool(ctx context.Context, logPath, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, toolLimit)
	defer cancel()
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	cmd := exec.CommandContext(ctx, filepath.Join(n.cfg.Bin, name), args...)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("posnet: %s %s: %w (see %s)", name, strings.Join(args, " "), err, logPath)
	}
	return nil
}

// startAll starts every execution node and peers them, then every beacon
// node, then every validator client.
func (n *Network) startAll(ctx context.Context) error {
	if err := eachPair(n.pairs, func(p *Pair) error { return p.startGeth(ctx) }); err != nil {
		return err
	}
	if err := n.peerGeths(ctx); err != nil {
		return err
	}
	if err := eachPair(n.pairs, func(p *Pair) error { return p.startBeacon(ctx) }); err != nil {
		return err
	}
	for _, p := range n.pairs {
		if err := p.startValidator(); err != nil {
			return err
		}
		p.mu.Lock()
		p.started = true
		p.mu.Unlock()
	}
	for _, p := range n.pairs {
		n.logf("pair %d: JSON-RPC %s, beacon API %s, validators %d..%d, pids geth %d beacon %d validator %d",
			p.Index, p.RPC(), p.BeaconAPI(), p.FirstKey, p.FirstKey+p.Keys-1, p.geth.PID(), p.beacon.PID(), p.validator.PID())
	}
	return nil
}

// eachPair runs f for every pair at once and joins the errors.
func eachPair(pairs []*Pair, f func(*Pair) error) error {
	errs := make([]error, len(pairs))
	var wg sync.WaitGroup
	for i, p := range pairs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(p)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// peerGeths connects every running execution node to every other one with
// admin_addPeer (static peers: geth redials them after a restart).
func (n *Network) peerGeths(ctx context.Context) error {
	enodes := map[int]string{}
	for _, p := range n.running() {
		var info struct {
			Enode string `json:"enode"`
		}
		if err := p.Call(ctx, &info, "admin_nodeInfo"); err != nil {
			return err
		}
		enodes[p.Index] = info.Enode
	}
	for _, p := range n.running() {
		for i, e := range enodes {
			if i == p.Index {
				continue
			}
			var ok bool
			if err := p.Call(ctx, &ok, "admin_addPeer", e); err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("posnet: pair %d: admin_addPeer %s refused", p.Index, e)
			}
		}
	}
	return nil
}

// running returns the pairs whose pars-geth is running.
func (n *Network) running() []*Pair {
	var out []*Pair
	for _, p := range n.pairs {
		p.mu.Lock()
		if p.geth != nil && !p.geth.Exited() {
			out = append(out, p)
		}
		p.mu.Unlock()
	}
	return out
}

// Pairs returns the network's pairs.
func (n *Network) Pairs() []*Pair { return n.pairs }

// ChainID returns the execution chain id.
func (n *Network) ChainID() uint64 { return n.chainID }

// GenesisTime returns the beacon genesis time (= the execution genesis
// timestamp).
func (n *Network) GenesisTime() time.Time { return n.genesisTime }

// SlotDuration returns the slot length.
func (n *Network) SlotDuration() time.Duration {
	return time.Duration(n.cfg.SlotSeconds) * time.Second
}

// SlotsPerEpoch returns the slots of one epoch.
func (n *Network) SlotsPerEpoch() uint64 { return n.cfg.SlotsPerEpoch }

// EpochDuration returns the epoch length.
func (n *Network) EpochDuration() time.Duration {
	return n.SlotDuration() * time.Duration(n.cfg.SlotsPerEpoch)
}

// EpochAt returns the beacon epoch at wall-clock time t (0 before genesis).
func (n *Network) EpochAt(t time.Time) uint64 {
	if t.Before(n.genesisTime) {
		return 0
	}
	return uint64(t.Sub(n.genesisTime) / n.EpochDuration())
}

// Dir returns the network folder.
func (n *Network) Dir() string { return n.cfg.Dir }

// Close stops every process of every pair by its PID: validator clients,
// then beacon nodes, then execution nodes.
func (n *Network) Close() {
	_ = eachPair(n.pairs, func(p *Pair) error { p.stopProc(&p.validator, false); return nil })
	_ = eachPair(n.pairs, func(p *Pair) error { p.stopProc(&p.beacon, false); return nil })
	_ = eachPair(n.pairs, func(p *Pair) error { p.stopProc(&p.geth, false); return nil })
}

func (n *Network) logf(format string, args ...any) {
	if n.cfg.Log != nil {
		fmt.Fprintf(n.cfg.Log, format+"\n", args...)
	}
}

// RPC returns the pair's pars-geth JSON-RPC URL.
func (p *Pair) RPC() string { return fmt.Sprintf("http://127.0.0.1:%d", p.HTTPPort) }

// BeaconAPI returns the pair's beacon node REST API URL.
func (p *Pair) BeaconAPI() string { return fmt.Sprintf("http://127.0.0.1:%d", p.BeaconHTTP) }

// LogPath returns the log file of one of the pair's programs: GethBinary,
// BeaconBinary or ValidatorBinary.
func (p *Pair) LogPath(program string) string {
	switch program {
	case BeaconBinary:
		return filepath.Join(p.Dir, "beacon.log")
	case ValidatorBinary:
		return filepath.Join(p.Dir, "validator.log")
	default:
		return filepath.Join(p.Dir, "geth.log")
	}
}

// Processes returns the pair's running processes (pars-geth, beacon node,
// validator client, those that run).
func (p *Pair) Processes() []*Process {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []*Process
	for _, pr := range []*Process{p.geth, p.beacon, p.validator} {
		if pr != nil && !pr.Exited() {
			out = append(out, pr)
		}
	}
	return out
}

func (p *Pair) jwt() string       { return filepath.Join(p.Dir, "jwt.hex") }
func (p *Pair) p2pKey() string    { return filepath.Join(p.Dir, "beacon-p2p.key") }
func (p *Pair) gethDir() string   { return filepath.Join(p.Dir, "geth") }
func (p *Pair) beaconDir() string { return filepath.Join(p.Dir, "beacon") }
func (p *Pair) valDir() string    { return filepath.Join(p.Dir, "validator") }

// GethArgs returns the pair's pars-geth arguments.
func (p *Pair) GethArgs() []string {
	return GethArgs(GethFlags{DataDir: p.gethDir(), NetworkID: p.net.chainID, HTTPPort: p.HTTPPort, AuthPort: p.AuthPort, JWT: p.jwt(), P2PPort: p.GethP2P})
}

// BeaconArgs returns the pair's beacon-chain arguments.
func (p *Pair) BeaconArgs() []string {
	var peers []string
	for _, o := range p.net.pairs {
		if o != p {
			peers = append(peers, PeerAddr(o.BeaconP2P, o.PeerID))
		}
	}
	return BeaconArgs(BeaconFlags{
		DataDir: p.beaconDir(), ChainConfig: p.net.beaconCfg, GenesisState: p.net.genesisSSZ,
		AuthPort: p.AuthPort, JWT: p.jwt(), P2PKey: p.p2pKey(), P2PPort: p.BeaconP2P,
		RPCPort: p.BeaconRPC, HTTPPort: p.BeaconHTTP, Peers: peers, FeeRecipient: p.net.cfg.FeeRecipient,
	})
}

// ValidatorArgs returns the pair's validator client arguments.
func (p *Pair) ValidatorArgs() []string {
	return ValidatorArgs(ValidatorFlags{
		DataDir: p.valDir(), ChainConfig: p.net.beaconCfg, BeaconRPCPort: p.BeaconRPC,
		FirstIndex: p.FirstKey, Count: p.Keys, FeeRecipient: p.net.cfg.FeeRecipient,
	})
}

func (p *Pair) startGeth(ctx context.Context) error {
	pr, err := startProcess(fmt.Sprintf("pair%d/%s", p.Index, GethBinary), filepath.Join(p.net.cfg.Bin, GethBinary), p.GethArgs(), p.LogPath(GethBinary))
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.geth = pr
	p.mu.Unlock()
	return waitUntil(ctx, pr, readyLimit, func(ctx context.Context) error {
		var id string
		return p.Call(ctx, &id, "eth_chainId")
	})
}

func (p *Pair) startBeacon(ctx context.Context) error {
	pr, err := startProcess(fmt.Sprintf("pair%d/%s", p.Index, BeaconBinary), filepath.Join(p.net.cfg.Bin, BeaconBinary), p.BeaconArgs(), p.LogPath(BeaconBinary))
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.beacon = pr
	p.mu.Unlock()
	return waitUntil(ctx, pr, readyLimit, func(ctx context.Context) error {
		var v struct {
			Data struct {
				Version string `json:"version"`
			} `json:"data"`
		}
		return p.BeaconGet(ctx, "/eth/v1/node/version", &v)
	})
}

func (p *Pair) startValidator() error {
	pr, err := startProcess(fmt.Sprintf("pair%d/%s", p.Index, ValidatorBinary), filepath.Join(p.net.cfg.Bin, ValidatorBinary), p.ValidatorArgs(), p.LogPath(ValidatorBinary))
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.validator = pr
	p.mu.Unlock()
	return nil
}

// stopProc stops (or kills) *slot and clears it.
func (p *Pair) stopProc(slot **Process, kill bool) {
	p.mu.Lock()
	pr := *slot
	*slot = nil
	p.mu.Unlock()
	if pr == nil {
		return
	}
	if kill {
		pr.Kill()
	} else {
		pr.Stop()
	}
}

// KillValidator kills the pair's validator client with SIGKILL, as a crash.
func (p *Pair) KillValidator() { p.stopProc(&p.validator, true) }

// Stop stops the pair by PID: its validator client, its beacon node, then
// its pars-geth, each with SIGINT (SIGKILL after a grace period). Their
// data stay for Restart.
func (p *Pair) Stop() {
	p.stopProc(&p.validator, false)
	p.stopProc(&p.beacon, false)
	p.stopProc(&p.geth, false)
}

// Restart starts the stopped pair again on its data and ports: pars-geth,
// peered again with the running execution nodes, then the beacon node, then
// the validator client.
func (p *Pair) Restart(ctx context.Context) error {
	p.mu.Lock()
	started, running := p.started, p.geth != nil || p.beacon != nil || p.validator != nil
	p.mu.Unlock()
	if !started || running {
		return fmt.Errorf("posnet: pair %d is not stopped", p.Index)
	}
	if err := p.startGeth(ctx); err != nil {
		return err
	}
	if err := p.net.peerGeths(ctx); err != nil {
		return err
	}
	if err := p.startBeacon(ctx); err != nil {
		return err
	}
	return p.startValidator()
}

// waitUntil polls ready every 250 ms until it succeeds, the process exits,
// ctx ends or limit passes.
func waitUntil(ctx context.Context, pr *Process, limit time.Duration, ready func(context.Context) error) error {
	deadline := time.Now().Add(limit)
	var last error
	for {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		last = ready(cctx)
		cancel()
		if last == nil {
			return nil
		}
		select {
		case <-pr.Done():
			return fmt.Errorf("posnet: %s exited at start (see its log)", pr.Name())
		case <-ctx.Done():
			return fmt.Errorf("posnet: %s: %w", pr.Name(), ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("posnet: %s not ready within %v: %w", pr.Name(), limit, last)
		}
	}
}

// freePorts returns count distinct TCP ports on 127.0.0.1 that were free a
// moment ago (all listeners are held until every port is picked).
func freePorts(count int) ([]int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	ports := make([]int, 0, count)
	for range count {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("posnet: free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// httpClient bounds every call.
var httpClient = &http.Client{Timeout: callLimit}
