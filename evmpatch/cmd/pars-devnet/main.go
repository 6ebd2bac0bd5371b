// Command pars-devnet runs a local Pars devnet with mining, in the
// foreground until interrupted (`make devnet`):
//
//   - a pars-geth node for chain 6133 with the IAIMining precompile active
//     at genesis, JSON-RPC on 127.0.0.1:8545, a block every --period seconds;
//   - prefunded dev accounts (fixed, publicly known keys: never use them on
//     a real network), printed at start;
//   - a pars-gateway serving the OpenAI API on http://127.0.0.1:8651/v1
//     (ZAP for miners on 127.0.0.1:9651), its key registered on chain by
//     governance with a compute-unit budget (`pars-gateway register`), and
//     one client API key written to <dir>/gateway/api_key;
//   - a pars-miner with a fresh ML-DSA wallet, connected to that gateway,
//     answering its jobs with the built-in CPU model and submitting each
//     answer's proof with the gateway's ticket, crediting the first dev
//     account and revealing its audited work (with --no-gateway it makes
//     its own jobs every --job-interval instead);
//   - a pars-verifier watching the chain from the second dev account: it
//     opens the audits of sampled work, settles every audit past its
//     deadline (slashing a miner that did not reveal) and writes its
//     findings to <dir>/verifier/findings.jsonl.
//
// Everything lives under --dir, which is recreated at each start. Ctrl-C
// stops the watcher, the miner and the gateway, then the node, each by its
// own PID.
package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/miner/builtin"
	"github.com/pars-network/aimining/precompile"
)

// devKey returns dev account i's private key: keccak256("pars devnet account i").
func devKey(i int) *ecdsa.PrivateKey {
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("pars devnet account %d", i))))
	if err != nil {
		panic(err) // keccak output is a valid secp256k1 scalar with overwhelming probability; fixed inputs checked by use
	}
	return k
}

func main() {
	var (
		dir      = flag.String("dir", "build/devnet", "devnet folder (recreated at each start)")
		bin      = flag.String("bin", "bin", "folder holding pars-geth, pars-miner and pars-verifier")
		http     = flag.String("http", "127.0.0.1:8545", "JSON-RPC listen address")
		chainID  = flag.Uint64("chain-id", genesis.ParsChainID, "chain id (Pars 6133, Lux 96369, Hanzo 36963, Zoo 200200)")
		period   = flag.Uint64("period", 2, "seconds between blocks")
		accounts = flag.Int("accounts", 5, "prefunded dev accounts")
		interval = flag.Duration("job-interval", 5*time.Second, "how often the miner makes itself a job (with --no-gateway)")
		noMining = flag.Bool("no-mining", false, "run the node only")
		noWatch  = flag.Bool("no-watcher", false, "run no pars-verifier watcher")
		noGW     = flag.Bool("no-gateway", false, "run no pars-gateway: the miner makes its own jobs")
		gwHTTP   = flag.String("gateway-http", "127.0.0.1:8651", "the gateway's OpenAI-compatible HTTP listen address")
		gwZAP    = flag.String("gateway-zap", "127.0.0.1:9651", "the gateway's ZAP listen address (miners)")
	)
	flag.Parse()
	o := options{dir: *dir, bin: *bin, httpAddr: *http, chainID: *chainID, period: *period, accounts: *accounts, interval: *interval,
		mining: !*noMining, watching: !*noWatch, gateway: !*noGW && !*noMining, gatewayHTTP: *gwHTTP, gatewayZAP: *gwZAP}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "pars-devnet:", err)
		os.Exit(1)
	}
}

// options are pars-devnet's flags.
type options struct {
	dir, bin, httpAddr      string
	chainID, period         uint64
	accounts                int
	interval                time.Duration
	mining, watching        bool
	gateway                 bool
	gatewayHTTP, gatewayZAP string
}

func run(o options) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, bin, chainID, period, nAccounts := o.dir, o.bin, o.chainID, o.period, o.accounts
	if nAccounts < 2 || nAccounts > 100 {
		return errors.New("--accounts must be 2..100 (the miner pays from the first, the watcher from the second)")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := checkListenFree("http", o.httpAddr); err != nil {
		return err
	}
	if o.gateway {
		if err := checkListenFree("gateway-http", o.gatewayHTTP); err != nil {
			return err
		}
		if err := checkListenFree("gateway-zap", o.gatewayZAP); err != nil {
			return err
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	keys := make([]*ecdsa.PrivateKey, nAccounts)
	addrs := make([]common.Address, nAccounts)
	for i := range keys {
		keys[i] = devKey(i)
		addrs[i] = crypto.PubkeyToAddress(keys[i].PublicKey)
	}
	g := devnode.DevGenesis(chainID, devnode.Ether(1_000_000), addrs...) // 1e6 ether each
	p := devnetParams()
	g.Params = &p
	node, err := devnode.Start(ctx, devnode.Config{
		Binary:   filepath.Join(bin, "pars-geth"),
		DataDir:  filepath.Join(dir, "node"),
		HTTPAddr: o.httpAddr,
		Period:   period,
		Genesis:  g,
	})
	gethLog := filepath.Join(dir, "node", "geth.log")
	if err != nil {
		return nodeExited(err, gethLog)
	}
	defer node.Stop()

	fmt.Printf("\nPars devnet: chain %d, JSON-RPC %s, a block every %ds, IAIMining at 0x0300 active\n", chainID, node.URL(), period)
	fmt.Printf("node pid %d, log %s\n\n", node.PID(), filepath.Join(dir, "node", "geth.log"))
	fmt.Println("Prefunded dev accounts (1,000,000 ETH each; public keys, devnet only):")
	fmt.Printf("  %s  (geth --dev account, unlocked in the node, precompile governance)\n", genesis.DevAddress.Hex())
	for _, k := range keys {
		fmt.Printf("  %s  private key 0x%x\n", crypto.PubkeyToAddress(k.PublicKey).Hex(), crypto.FromECDSA(k))
	}
	fmt.Println()

	var minerDone, watchDone, gatewayDone <-chan error
	var gw *gatewayRun
	if o.gateway {
		gw, err = startGateway(ctx, dir, bin, node.URL(), chainID, o.gatewayHTTP, o.gatewayZAP)
		if err != nil {
			return err
		}
		gatewayDone = gw.done
		defer stopProcess(gw.cmd, gw.done)
	}
	if o.mining {
		cmd, done, err := startMiner(ctx, dir, bin, node.URL(), chainID, keys[0], o.interval, gw)
		if err != nil {
			return err
		}
		minerDone = done
		defer stopProcess(cmd, done)
	}
	if o.watching {
		cmd, done, err := startWatcher(dir, bin, node.URL(), keys[1])
		if err != nil {
			return err
		}
		watchDone = done
		defer stopProcess(cmd, done)
	}
	if gw != nil {
		fmt.Printf("OpenAI base URL: %s\n", gw.baseURL)
		fmt.Printf("API key file:    %s\n", gw.home.APIKey)
		fmt.Printf("  try: curl %s/chat/completions -H \"Authorization: Bearer $(cat %s)\" -H 'Content-Type: application/json' \\\n", gw.baseURL, gw.home.APIKey)
		fmt.Printf("         -d '{\"model\":\"%s\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'\n", builtin.Name)
		fmt.Println("  every answer's pars.work_id is the work the miner proves on chain (isSpent(work_id) once accepted)")
		fmt.Println()
	}
	fmt.Println("Running; press Ctrl-C to stop.")
	select {
	case <-ctx.Done():
	case <-node.Done():
		return nodeExited(errors.New("pars-geth exited"), gethLog)
	case err := <-minerDone:
		return fmt.Errorf("pars-miner exited: %v (its log is above)", err)
	case err := <-watchDone:
		return fmt.Errorf("pars-verifier exited: %v", err)
	case err := <-gatewayDone:
		return fmt.Errorf("pars-gateway exited: %v (its log is above)", err)
	}
	fmt.Println("\nstopping")
	return nil
}

// gatewayRun is the devnet's running pars-gateway.
type gatewayRun struct {
	cmd     *exec.Cmd
	done    <-chan error
	home    *devnode.Gateway
	baseURL string // the OpenAI base URL, http://HOST:PORT/v1
	zap     string // zap://HOST:PORT for miners
}

// startGateway sets up a pars-gateway home (a key registered on chain by
// governance with a budget, one client API key) and starts the gateway
// with API keys on, checking its registration on the node, and waits
// until its /healthz says it is registered.
func startGateway(ctx context.Context, dir, bin, rpc string, chainID uint64, httpAddr, zapAddr string) (*gatewayRun, error) {
	gateway := filepath.Join(bin, "pars-gateway")
	home, err := devnode.SetUpGateway(ctx, devnode.GatewayHome{
		Dir: filepath.Join(dir, "gateway"), Gateway: gateway, RPC: rpc, ChainID: chainID, GovernanceKey: devnode.DevGovernanceKey(),
	})
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(gateway, "--key", home.Key, "--chain-id", strconv.FormatUint(chainID, 10), "--rpc", rpc,
		"--api-keys", home.APIKeys, "--http-listen", httpAddr, "--zap-listen", zapAddr, "--registration-check", "10s")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start pars-gateway: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	g := &gatewayRun{cmd: cmd, done: done, home: home, baseURL: "http://" + httpAddr + "/v1", zap: "zap://" + zapAddr}
	if err := devnode.WaitGatewayRegistered(ctx, "http://"+httpAddr, done, 30*time.Second); err != nil {
		stopProcess(cmd, done)
		return nil, err
	}
	fmt.Printf("pars-gateway pid %d, gateway id %s registered on chain; home %s\n\n", cmd.Process.Pid, home.GatewayID.Hex(), filepath.Dir(home.Key))
	return g, nil
}

// startMiner writes a miner wallet, gas keystore and config, and starts
// pars-miner crediting (and paying gas from) the dev account key: in
// gateway mode when gw is set, else making its own jobs every interval.
func startMiner(ctx context.Context, dir, bin, rpc string, chainID uint64, key *ecdsa.PrivateKey, interval time.Duration, gw *gatewayRun) (*exec.Cmd, <-chan error, error) {
	miner := filepath.Join(bin, "pars-miner")
	h := devnode.MinerHome{
		Dir: filepath.Join(dir, "miner"), Miner: miner, Passphrase: "devnet", GasKey: key,
		ChainID: chainID, RPC: rpc, JobInterval: interval, Metrics: "127.0.0.1:0",
	}
	if gw != nil {
		h.JobInterval = 0
		h.Sections = fmt.Sprintf("[zap]\ngateway = %q\ngateway_id = %q\n", gw.zap, gw.home.GatewayID.Hex())
	}
	cfgPath, gasAccount, err := devnode.WriteMinerConfig(ctx, h)
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(miner, "--config", cfgPath)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start pars-miner: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	mode := "making its own jobs every " + interval.String()
	if gw != nil {
		mode = "answering the jobs of " + gw.zap
	}
	fmt.Printf("pars-miner pid %d mining for %s, %s; config %s\n", cmd.Process.Pid, gasAccount.Hex(), mode, cfgPath)
	fmt.Printf("  balance: %s status --config %s\n\n", miner, cfgPath)
	return cmd, done, nil
}

// startWatcher writes a pars-verifier home and starts `pars-verifier watch`
// acting from the dev account key.
func startWatcher(dir, bin, rpc string, key *ecdsa.PrivateKey) (*exec.Cmd, <-chan error, error) {
	verifier := filepath.Join(bin, "pars-verifier")
	cfgPath, account, err := devnode.WriteVerifierConfig(devnode.VerifierHome{
		Dir: filepath.Join(dir, "verifier"), Passphrase: "devnet", Key: key, RPC: rpc, PollInterval: 2 * time.Second,
	})
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(verifier, "watch", "--config", cfgPath)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start pars-verifier: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	fmt.Printf("pars-verifier pid %d watching from %s; findings %s\n\n", cmd.Process.Pid, account.Hex(), filepath.Join(dir, "verifier", "findings.jsonl"))
	return cmd, done, nil
}

// stopProcess interrupts a process by its PID and waits (bounded) for it.
func stopProcess(cmd *exec.Cmd, done <-chan error) {
	if cmd.ProcessState != nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// devnetParams are the default parameters (5% of the work sampled for
// audit) with a devnet's short windows: rewards wait 15 blocks (30 s at the
// default period) before the miner credits them, sampled work is revealed
// within 10 blocks of its 2-block seed, committee votes take 5 + 5 blocks,
// and a bond leaves 60 blocks after it is unbonded.
func devnetParams() precompile.Params {
	p := precompile.DefaultParams(genesis.DevAddress)
	p.ChallengeWindow, p.UnbondingDelay = 15, 60
	p.RevealWindow, p.VoteCommitWindow, p.VoteRevealWindow = 10, 5, 5
	return p
}
