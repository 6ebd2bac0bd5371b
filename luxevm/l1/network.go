package l1

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ava-labs/avalanchego/config"
	"github.com/ava-labs/avalanchego/ids"
	"github.com/ava-labs/avalanchego/tests/fixture/tmpnet"
	"github.com/ava-labs/avalanchego/utils/logging"
)

// VMID is the VM ID the Pars chain runs under: "parsevm", left-aligned in
// 32 bytes, as avalanchego names VMs. avalanchego looks the plugin up
// under this ID's string in its plugin directory.
var VMID = ids.ID{'p', 'a', 'r', 's', 'e', 'v', 'm'}

// FDLimit is the open-file limit avalanchego asks for (its fd-limit
// setting): within a hard limit of 20000, below its default of 32768.
const FDLimit = 16384

// SnowParameters are the Snowman consensus parameters of the small
// network, for the Pars subnet and the primary network alike. Each poll
// samples K = 20 units of validator weight (the three validators weigh the
// same, so a sample is in effect 20 draws of a validator); a block needs
// AlphaConfidence = 11 votes, a majority of K (safety needs more than K/2),
// in Beta = 4 polls in a row. With one validator of three stopped, a poll
// reaches 11 of 20 with probability about 0.91 (binomial, p = 2/3), so
// blocks keep being finalised; avalanchego's defaults (15 of 20, 20 polls
// in a row) would stall: 15 of 20 comes with probability about 0.3.
func SnowParameters() map[string]any {
	return map[string]any{
		"k":                     20,
		"alphaPreference":       11,
		"alphaConfidence":       11,
		"beta":                  4,
		"concurrentRepolls":     4,
		"optimalProcessing":     10,
		"maxOutstandingItems":   256,
		"maxItemProcessingTime": int64(30 * time.Second),
	}
}

// Options say how to run the network.
type Options struct {
	// Dir holds the network (tmpnet makes a time-named folder in it).
	Dir string
	// AvalancheGo and Plugin are the avalanchego binary and the
	// pars-subnet-evm plugin.
	AvalancheGo, Plugin string
	// Nodes is the number of validators (at least 1; 3 or more for a
	// network that survives one stopped validator).
	Nodes int
	// Genesis is the chain's subnet-evm genesis (see Genesis).
	Genesis []byte
	// Log receives tmpnet's progress (nil: discarded).
	Log io.Writer
}

// Network is a running local network with the Pars chain.
type Network struct {
	net     *tmpnet.Network
	chainID ids.ID
	log     logging.Logger
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// Start creates the network, bootstraps it, creates the subnet validated
// by every node and the Pars chain on it, and waits until every node
// serves the chain's JSON-RPC. On error, whatever started is stopped.
func Start(ctx context.Context, o Options) (*Network, error) {
	if o.Nodes < 1 {
		return nil, errors.New("l1: at least one node is needed")
	}
	for _, p := range []string{o.AvalancheGo, o.Plugin} {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("l1: %w (build it with `make devnet-l1` or `make -C luxevm all`)", err)
		}
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	pluginDir := filepath.Join(dir, "plugins")
	if err := os.MkdirAll(pluginDir, 0o755); err != nil {
		return nil, err
	}
	plugin, err := filepath.Abs(o.Plugin)
	if err != nil {
		return nil, err
	}
	link := filepath.Join(pluginDir, VMID.String())
	_ = os.Remove(link)
	if err := os.Symlink(plugin, link); err != nil {
		return nil, fmt.Errorf("l1: plugin link: %w", err)
	}
	avago, err := filepath.Abs(o.AvalancheGo)
	if err != nil {
		return nil, err
	}
	w := o.Log
	if w == nil {
		w = io.Discard
	}
	log := logging.NewLogger("", logging.NewWrappedCore(logging.Info, nopCloser{w}, logging.Plain.ConsoleEncoder()))

	nodes := tmpnet.NewNodesOrPanic(o.Nodes)
	validators := make([]ids.NodeID, len(nodes))
	for i, n := range nodes {
		validators[i] = n.NodeID
	}
	// The chain's subnet-evm config: archive state (pruning off), so any
	// accepted height can be compared across validators.
	chainConfig, err := json.Marshal(map[string]any{
		"log-level":         "info",
		"local-txs-enabled": true,
		"pruning-enabled":   false,
	})
	if err != nil {
		return nil, err
	}
	network := &tmpnet.Network{
		Owner:               "pars-l1",
		PrimarySubnetConfig: tmpnet.ConfigMap{"snowParameters": SnowParameters()},
		DefaultFlags: tmpnet.FlagsMap{
			config.FdLimitKey:                    strconv.Itoa(FDLimit),
			config.LogLevelKey:                   logging.Info.String(),
			config.ProposerVMUseCurrentHeightKey: "true",
		},
		DefaultRuntimeConfig: tmpnet.NodeRuntimeConfig{Process: &tmpnet.ProcessRuntimeConfig{
			AvalancheGoPath: avago, PluginDir: pluginDir, ReuseDynamicPorts: true,
		}},
		Nodes: nodes,
		Subnets: []*tmpnet.Subnet{{
			Name:   "pars",
			Config: tmpnet.ConfigMap{"snowParameters": SnowParameters()},
			Chains: []*tmpnet.Chain{{
				// No VersionArgs: tmpnet's rpcchainvm check wants JSON,
				// and the plugin's --version prints a line.
				VMID: VMID, Genesis: o.Genesis, Config: string(chainConfig),
			}},
			ValidatorIDs: validators,
		}},
	}
	n := &Network{net: network, log: log}
	if err := tmpnet.BootstrapNewNetwork(ctx, log, network, dir); err != nil {
		if network.Dir != "" {
			n.Stop(context.Background())
		}
		return nil, fmt.Errorf("l1: bootstrap: %w", err)
	}
	n.chainID = network.Subnets[0].Chains[0].ChainID
	for i := range network.Nodes {
		if err := n.WaitRPC(ctx, i, 2*time.Minute); err != nil {
			n.Stop(context.Background())
			return nil, err
		}
	}
	return n, nil
}

// Dir is the network's folder.
func (n *Network) Dir() string { return n.net.Dir }

// BlockchainID is the chain's avalanchego blockchain id.
func (n *Network) BlockchainID() ids.ID { return n.chainID }

// Nodes is the number of validators.
func (n *Network) Nodes() int { return len(n.net.Nodes) }

// NodeID returns validator i's node id.
func (n *Network) NodeID(i int) ids.NodeID { return n.net.Nodes[i].NodeID }

// URI returns validator i's API base (http://127.0.0.1:port).
func (n *Network) URI(i int) string { return n.net.Nodes[i].URI }

// RPCURL returns the chain's JSON-RPC endpoint on validator i.
func (n *Network) RPCURL(i int) string {
	return n.URI(i) + "/ext/bc/" + n.chainID.String() + "/rpc"
}

// PIDs returns validator i's avalanchego process id and those of its
// plugin processes (its children), read from /proc.
func (n *Network) PIDs(i int) (int, []int, error) {
	b, err := os.ReadFile(filepath.Join(n.net.Nodes[i].DataDir, config.DefaultProcessContextFilename))
	if err != nil {
		return 0, nil, err
	}
	var pc struct {
		PID int `json:"pid"`
	}
	if err := json.Unmarshal(b, &pc); err != nil {
		return 0, nil, err
	}
	return pc.PID, children(pc.PID), nil
}

// children lists the processes whose parent is pid (from /proc).
func children(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var kids []int
	for _, e := range entries {
		k, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so read after
		// its closing parenthesis.
		i := strings.LastIndexByte(string(b), ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) >= 2 && f[1] == strconv.Itoa(pid) {
			kids = append(kids, k)
		}
	}
	return kids
}

// RSS returns the resident memory of validator i's avalanchego process
// and of its plugin processes, in bytes (from /proc; Linux only).
func (n *Network) RSS(i int) (node, plugins uint64, err error) {
	pid, kids, err := n.PIDs(i)
	if err != nil {
		return 0, 0, err
	}
	if node, err = rss(pid); err != nil {
		return 0, 0, err
	}
	for _, k := range kids {
		r, err := rss(k)
		if err == nil {
			plugins += r
		}
	}
	return node, plugins, nil
}

// ProcessRSS returns the resident memory of process pid, in bytes (from
// /proc; Linux only).
func ProcessRSS(pid int) (uint64, error) { return rss(pid) }

func rss(pid int) (uint64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, err := strconv.ParseUint(f[1], 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// StopNode stops validator i (SIGTERM to its process, by PID) and waits
// until it has exited.
func (n *Network) StopNode(ctx context.Context, i int) error {
	return n.net.Nodes[i].Stop(ctx)
}

// RestartNode starts validator i again, on the same ports and data, and
// waits until it reports healthy and serves the chain.
func (n *Network) RestartNode(ctx context.Context, i int) error {
	node := n.net.Nodes[i]
	if err := n.net.StartNode(ctx, node); err != nil {
		return err
	}
	if err := node.WaitForHealthy(ctx); err != nil {
		return err
	}
	return n.WaitRPC(ctx, i, 2*time.Minute)
}

// WaitRPC waits up to limit until validator i answers eth_chainId on the
// chain's JSON-RPC.
func (n *Network) WaitRPC(ctx context.Context, i int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	var last error
	for time.Now().Before(deadline) {
		var id string
		if last = Call(ctx, n.RPCURL(i), &id, "eth_chainId"); last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
	return fmt.Errorf("l1: validator %d serves no chain JSON-RPC after %v: %v", i, limit, last)
}

// Stop stops every validator by its PID (tmpnet's network stop) and waits
// for them to exit.
func (n *Network) Stop(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := n.net.Stop(ctx); err != nil {
		n.log.Warn("stopping the network: " + err.Error())
	}
}
