package posnet

import (
	"fmt"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/pars-network/aimining/evmpatch/genesis"
)

// The command lines of the network, one builder per program. The README's
// validator guide shows the same commands; TestGuideCommands keeps the two
// in step.

// ConsensusFork is the beacon chain fork the network runs from genesis
// (prysmctl --fork): Electra, whose execution side is Prague.
const ConsensusFork = "electra"

// ExecutionLastFork is the last upstream execution fork of the network's
// genesis, the execution side of ConsensusFork.
const ExecutionLastFork = genesis.ForkPrague

// GethHTTPAPI lists the JSON-RPC namespaces each pars-geth serves on
// loopback. admin is there for admin_addPeer between the devnet's nodes.
const GethHTTPAPI = "eth,net,web3,debug,txpool,admin"

// GenesisFlags are the values of the prysmctl command that writes the
// beacon chain's genesis state.
type GenesisFlags struct {
	ChainConfig      string // beacon chain config (YAML)
	Validators       int    // interop validators in the genesis state
	GenesisTime      uint64 // beacon genesis time, = the execution genesis timestamp
	ExecutionGenesis string // the execution genesis (pars-genesis output)
	Out              string // the genesis state (SSZ)
}

// GenesisArgs returns prysmctl's arguments: a genesis state at
// ConsensusFork with f.Validators interop validators, whose execution
// payload header is the genesis block of f.ExecutionGenesis (prysmctl
// stamps that genesis with f.GenesisTime before hashing it, so it must
// already carry that timestamp).
func GenesisArgs(f GenesisFlags) []string {
	return []string{
		"testnet", "generate-genesis",
		"--fork", ConsensusFork,
		"--num-validators", strconv.Itoa(f.Validators),
		"--genesis-time", strconv.FormatUint(f.GenesisTime, 10),
		"--chain-config-file", f.ChainConfig,
		"--geth-genesis-json-in", f.ExecutionGenesis,
		"--output-ssz", f.Out,
	}
}

// InitArgs returns the arguments of `pars-geth init`: a new data directory
// holding the chain of the execution genesis at genesisPath.
func InitArgs(dataDir, genesisPath string) []string {
	return []string{"--datadir", dataDir, "init", genesisPath}
}

// ExecutionGenesis returns the execution genesis of a network whose
// beacon genesis time is genesisTime: o with that timestamp and the forks
// through ExecutionLastFork, what `pars-genesis --last-fork prague
// --timestamp T` writes for the same options.
func ExecutionGenesis(o genesis.Options, genesisTime uint64) (*core.Genesis, error) {
	o.Timestamp = genesisTime
	o.LastFork = ExecutionLastFork
	g, err := genesis.New(o)
	if err != nil {
		return nil, fmt.Errorf("posnet: %w", err)
	}
	return g, nil
}

// GethFlags are the values of one pars-geth command line.
type GethFlags struct {
	DataDir   string // initialised with `pars-geth --datadir DIR init genesis.json`
	NetworkID uint64 // = the chain id
	HTTPPort  int    // JSON-RPC on 127.0.0.1
	AuthPort  int    // Engine API on 127.0.0.1, for the beacon node only
	JWT       string // hex secret shared with the beacon node
	P2PPort   int    // devp2p (TCP) between execution nodes
}

// GethArgs returns pars-geth's arguments: full sync, JSON-RPC and the
// JWT-authenticated Engine API on loopback, devp2p without discovery
// (peers come from admin_addPeer).
func GethArgs(f GethFlags) []string {
	return []string{
		"--datadir", f.DataDir,
		"--networkid", strconv.FormatUint(f.NetworkID, 10),
		"--syncmode", "full",
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(f.HTTPPort),
		"--http.api", GethHTTPAPI,
		"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(f.AuthPort),
		"--authrpc.jwtsecret", f.JWT,
		"--port", strconv.Itoa(f.P2PPort), "--nat", "none", "--nodiscover",
		"--ipcdisable",
	}
}

// BeaconFlags are the values of one beacon-chain command line.
type BeaconFlags struct {
	DataDir      string
	ChainConfig  string // beacon chain config (YAML)
	GenesisState string // genesis state (SSZ)
	AuthPort     int    // the paired pars-geth's Engine API port
	JWT          string // the secret of the paired pars-geth
	P2PKey       string // network key (hex), fixing the node's peer id
	P2PPort      int    // libp2p (TCP)
	RPCPort      int    // gRPC for the validator client
	HTTPPort     int    // beacon REST API
	Peers        []string
	FeeRecipient common.Address
}

// BeaconArgs returns beacon-chain's arguments: the Engine API of its
// pars-geth with the JWT, the network's config and genesis state, libp2p on
// loopback with the other beacon nodes as trusted peers and no discovery,
// every attestation subnet, and no sync-peer minimum (a small network).
func BeaconArgs(f BeaconFlags) []string {
	p2p := strconv.Itoa(f.P2PPort)
	args := []string{
		"--datadir", f.DataDir,
		"--accept-terms-of-use",
		"--chain-config-file", f.ChainConfig,
		"--genesis-state", f.GenesisState,
		"--execution-endpoint", "http://127.0.0.1:" + strconv.Itoa(f.AuthPort),
		"--jwt-secret", f.JWT,
		"--suggested-fee-recipient", f.FeeRecipient.Hex(),
		"--contract-deployment-block", "0",
		"--interop-eth1data-votes",
		"--p2p-local-ip", "127.0.0.1", "--p2p-host-ip", "127.0.0.1",
		"--p2p-tcp-port", p2p, "--p2p-udp-port", p2p, "--p2p-quic-port", p2p, "--disable-quic",
		"--p2p-priv-key", f.P2PKey,
		"--no-discovery",
		"--min-sync-peers", "0", "--minimum-peers-per-subnet", "0",
		"--subscribe-all-subnets",
		"--rpc-host", "127.0.0.1", "--rpc-port", strconv.Itoa(f.RPCPort),
		"--http-host", "127.0.0.1", "--http-port", strconv.Itoa(f.HTTPPort),
		"--disable-monitoring",
	}
	for _, p := range f.Peers {
		args = append(args, "--peer", p)
	}
	return args
}

// ValidatorFlags are the values of one validator client command line.
type ValidatorFlags struct {
	DataDir       string
	ChainConfig   string
	BeaconRPCPort int // the beacon node's gRPC port
	FirstIndex    int // first interop key
	Count         int // number of interop keys
	FeeRecipient  common.Address
}

// ValidatorArgs returns validator's arguments: interop keys
// [FirstIndex, FirstIndex+Count) against its beacon node's gRPC.
func ValidatorArgs(f ValidatorFlags) []string {
	return []string{
		"--datadir", f.DataDir,
		"--accept-terms-of-use",
		"--chain-config-file", f.ChainConfig,
		"--beacon-rpc-provider", "127.0.0.1:" + strconv.Itoa(f.BeaconRPCPort),
		"--interop-start-index", strconv.Itoa(f.FirstIndex),
		"--interop-num-validators", strconv.Itoa(f.Count),
		"--suggested-fee-recipient", f.FeeRecipient.Hex(),
		"--disable-monitoring",
	}
}

// PeerAddr returns the multiaddr of a beacon node on loopback for --peer.
func PeerAddr(port int, peerID string) string {
	return fmt.Sprintf("/ip4/127.0.0.1/tcp/%d/p2p/%s", port, peerID)
}
