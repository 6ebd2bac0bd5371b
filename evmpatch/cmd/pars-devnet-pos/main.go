// Command pars-devnet-pos runs a local proof-of-stake Pars devnet with
// mining, in the foreground until interrupted (`make devnet-pos`):
//
//   - three pairs (--pairs) of a pars-geth execution node and a Prysm
//     beacon node driving it through the JWT-authenticated Engine API, with
//     the 64 interop validators (--validators) split across one validator
//     client per pair, so that no single process is the chain;
//   - chain 6133 with the IAIMining precompile active at genesis and the
//     forks through Prague (the consensus side runs Electra);
//   - prefunded dev accounts (the same fixed, publicly known keys as
//     `make devnet`: never use them on a real network), printed at start;
//   - a pars-miner with a fresh ML-DSA wallet, mining with the built-in CPU
//     model against the first pair and crediting the first dev account.
//
// Everything is on 127.0.0.1 with ports chosen free at start, and lives
// under --dir, which is recreated at each start. It prints each node's
// JSON-RPC URL, then a line whenever the finalised block advances: its
// number, the head, and the proofs accepted in finalised blocks. Ctrl-C
// (or --duration) stops the miner, then every validator client, beacon node
// and pars-geth, each by its own PID; with --duration it prints a summary
// (blocks per minute, time to first finality, proofs per minute, memory per
// process) before it stops.
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
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/pars-network/aimining/evmpatch/devnode"
	"github.com/pars-network/aimining/evmpatch/genesis"
	"github.com/pars-network/aimining/evmpatch/posnet"
	"github.com/pars-network/aimining/precompile"
)

// devKey returns dev account i's private key: keccak256("pars devnet
// account i"), the accounts of `make devnet`.
func devKey(i int) (*ecdsa.PrivateKey, error) {
	return crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("pars devnet account %d", i))))
}

type options struct {
	dir, bin    string
	pairs       int
	validators  int
	slot        uint64
	epoch       uint64
	accounts    int
	interval    time.Duration
	mining      bool
	duration    time.Duration
	genesisWait time.Duration
}

func main() {
	var o options
	var noMining bool
	flag.StringVar(&o.dir, "dir", "build/devnet-pos", "devnet folder (recreated at each start)")
	flag.StringVar(&o.bin, "bin", "bin", "folder holding pars-geth, pars-miner, beacon-chain, validator and prysmctl")
	flag.IntVar(&o.pairs, "pairs", posnet.DefaultPairs, "execution + consensus pairs, one validator client each")
	flag.IntVar(&o.validators, "validators", posnet.DefaultValidators, "interop validators, split across the pairs")
	flag.Uint64Var(&o.slot, "slot", posnet.DefaultSlotSeconds, "seconds per slot")
	flag.Uint64Var(&o.epoch, "slots-per-epoch", posnet.DefaultSlotsPerEpoch, "slots per epoch")
	flag.IntVar(&o.accounts, "accounts", 5, "prefunded dev accounts")
	flag.DurationVar(&o.interval, "job-interval", 5*time.Second, "how often the miner makes itself a job")
	flag.BoolVar(&noMining, "no-mining", false, "run the network only")
	flag.DurationVar(&o.duration, "duration", 0, "stop after this long and print a summary (0: run until Ctrl-C)")
	flag.DurationVar(&o.genesisWait, "genesis-delay", posnet.DefaultGenesisDelay, "time from start to the beacon genesis")
	flag.Parse()
	o.mining = !noMining
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "pars-devnet-pos:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if o.accounts < 1 || o.accounts > 100 {
		return errors.New("--accounts must be 1..100")
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	keys := make([]*ecdsa.PrivateKey, o.accounts)
	addrs := make([]common.Address, o.accounts)
	for i := range keys {
		if keys[i], err = devKey(i); err != nil {
			return err
		}
		addrs[i] = crypto.PubkeyToAddress(keys[i].PublicKey)
	}
	g := devnode.DevGenesis(genesis.ParsChainID, devnode.Ether(1_000_000), addrs...)
	fmt.Printf("Starting a proof-of-stake Pars devnet in %s (logs there)\n", dir)
	start := time.Now()
	nw, err := posnet.Start(ctx, posnet.Config{
		Bin: o.bin, Dir: dir, Pairs: o.pairs, Validators: o.validators,
		SlotSeconds: o.slot, SlotsPerEpoch: o.epoch, GenesisDelay: o.genesisWait,
		Genesis: g, Log: os.Stdout,
	})
	if err != nil {
		return err
	}
	defer func() {
		fmt.Println("stopping every validator client, beacon node and pars-geth by PID")
		nw.Close()
	}()
	fmt.Printf("\nPars proof-of-stake devnet: chain %d, %d pairs, IAIMining at 0x0300 active, started in %v\n",
		nw.ChainID(), len(nw.Pairs()), time.Since(start).Round(time.Millisecond))
	for _, p := range nw.Pairs() {
		fmt.Printf("  node %d JSON-RPC %s   beacon API %s   validators %d..%d\n", p.Index, p.RPC(), p.BeaconAPI(), p.FirstKey, p.FirstKey+p.Keys-1)
	}
	fmt.Println("\nPrefunded dev accounts (1,000,000 ETH each; public keys, devnet only):")
	fmt.Printf("  %s  (precompile governance; geth's fixed developer key)\n", genesis.DevAddress.Hex())
	for _, k := range keys {
		fmt.Printf("  %s  private key 0x%x\n", crypto.PubkeyToAddress(k.PublicKey).Hex(), crypto.FromECDSA(k))
	}
	fmt.Println()

	var minerDone <-chan error
	var minerStart time.Time
	minerPID := 0
	if o.mining {
		cmd, done, err := startMiner(ctx, dir, o.bin, nw.Pairs()[0].RPC(), nw.ChainID(), keys[0], o.interval)
		if err != nil {
			return err
		}
		minerStart = time.Now()
		minerDone = done
		minerPID = cmd.Process.Pid
		defer stopProcess(cmd, done)
	}
	if o.duration > 0 {
		fmt.Printf("Running for %v.\n", o.duration)
	} else {
		fmt.Println("Running; press Ctrl-C to stop.")
	}
	return watch(ctx, nw, o, minerDone, minerStart, minerPID)
}

// watch prints the finalised block whenever it advances, until ctx ends,
// --duration passes or a process exits.
func watch(ctx context.Context, nw *posnet.Network, o options, minerDone <-chan error, minerStart time.Time, minerPID int) error {
	var end <-chan time.Time
	if o.duration > 0 {
		end = time.After(o.duration)
	}
	p0 := nw.Pairs()[0]
	var last uint64
	var firstFinality time.Duration
	var proofs int
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			fmt.Println()
			return nil
		case <-end:
			summary(ctx, nw, firstFinality, proofs, minerStart, minerPID)
			return nil
		case err := <-minerDone:
			return fmt.Errorf("pars-miner exited: %v (see %s)", err, filepath.Join(nw.Dir(), "miner", "miner.log"))
		case <-tick.C:
		}
		for _, p := range nw.Pairs() {
			for _, pr := range p.Processes() {
				if pr.Exited() {
					return fmt.Errorf("%s exited (see %s)", pr.Name(), nw.Dir())
				}
			}
		}
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		fin, err := p0.Block(cctx, "finalized")
		head, herr := p0.Block(cctx, "latest")
		cancel()
		if err != nil || herr != nil || fin.Number == last {
			continue
		}
		if firstFinality == 0 {
			firstFinality = time.Since(nw.GenesisTime())
		}
		last = fin.Number
		if o.mining {
			cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			n, err := acceptedUpTo(cctx, p0, fin.Number)
			cancel()
			if err == nil {
				proofs = n
			}
		}
		fmt.Printf("%s finalised #%d %s (head #%d, %v after genesis); proofs accepted in finalised blocks: %d\n",
			time.Now().Format(time.TimeOnly), fin.Number, fin.Hash.TerminalString(), head.Number,
			time.Since(nw.GenesisTime()).Round(time.Second), proofs)
	}
}

// workAccepted is the topic of IAIMining's WorkAccepted event.
var workAccepted = precompile.ABI().Events["WorkAccepted"].ID

// acceptedUpTo counts WorkAccepted events of 0x0300 in blocks 0..number.
func acceptedUpTo(ctx context.Context, p *posnet.Pair, number uint64) (int, error) {
	var logs []types.Log
	err := p.Call(ctx, &logs, "eth_getLogs", map[string]any{
		"fromBlock": "0x0", "toBlock": hexutil.EncodeUint64(number),
		"address": precompile.Address, "topics": []any{workAccepted},
	})
	return len(logs), err
}

// summary prints what `make devnet-pos` is measured by.
func summary(ctx context.Context, nw *posnet.Network, firstFinality time.Duration, proofs int, minerStart time.Time, minerPID int) {
	p0 := nw.Pairs()[0]
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	head, err := p0.Block(cctx, "latest")
	if err != nil {
		fmt.Println("summary:", err)
		return
	}
	since := time.Since(nw.GenesisTime())
	fmt.Printf("\nsummary after %v from genesis:\n", since.Round(time.Second))
	fmt.Printf("  blocks: %d, %.1f per minute (one slot is %v: %.1f per minute at most)\n",
		head.Number, float64(head.Number)/since.Minutes(), nw.SlotDuration(), time.Minute.Seconds()/nw.SlotDuration().Seconds())
	if firstFinality > 0 {
		fmt.Printf("  first finalised block seen %v after genesis\n", firstFinality.Round(time.Second))
	}
	if !minerStart.IsZero() {
		all, err := acceptedUpTo(cctx, p0, head.Number)
		if err == nil {
			m := time.Since(minerStart).Minutes()
			fmt.Printf("  proofs accepted: %d (%.1f per minute of mining), %d of them in finalised blocks\n", all, float64(all)/m, proofs)
		}
	}
	fmt.Println("  memory (resident set):")
	var rows []string
	for _, p := range nw.Pairs() {
		for _, pr := range p.Processes() {
			rows = append(rows, fmt.Sprintf("    %-24s pid %-7d %s", pr.Name(), pr.PID(), rss(pr.PID())))
		}
	}
	sort.Strings(rows)
	if minerPID != 0 {
		rows = append(rows, fmt.Sprintf("    %-24s pid %-7d %s", "pars-miner", minerPID, rss(minerPID)))
	}
	fmt.Println(strings.Join(rows, "\n"))
}

// rss reads a process's resident set size from /proc (Linux).
func rss(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err == nil {
				return fmt.Sprintf("%d MB", kb/1024)
			}
		}
	}
	return "?"
}

// startMiner writes a miner wallet, gas keystore and config, and starts
// pars-miner against rpc, crediting (and paying gas from) key's account.
// Its output goes to dir/miner/miner.log.
func startMiner(ctx context.Context, dir, bin, rpc string, chainID uint64, key *ecdsa.PrivateKey, interval time.Duration) (*exec.Cmd, <-chan error, error) {
	miner, err := filepath.Abs(filepath.Join(bin, "pars-miner"))
	if err != nil {
		return nil, nil, err
	}
	home := filepath.Join(dir, "miner")
	cfgPath, gasAccount, err := devnode.WriteMinerConfig(ctx, devnode.MinerHome{
		Dir: home, Miner: miner, Passphrase: "devnet", GasKey: key,
		ChainID: chainID, RPC: rpc, JobInterval: interval, Metrics: "127.0.0.1:0",
	})
	if err != nil {
		return nil, nil, err
	}
	// On proof of stake the miner counts work as done in a finalised block
	// (its default), not at the dev chain's depth of 1.
	if err := setConfirmations(cfgPath, `"finalized"`); err != nil {
		return nil, nil, err
	}
	logf, err := os.Create(filepath.Join(home, "miner.log"))
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(miner, "--config", cfgPath)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, nil, fmt.Errorf("start pars-miner: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait(); logf.Close() }()
	fmt.Printf("pars-miner pid %d mining against node 0 for %s; log %s\n", cmd.Process.Pid, gasAccount.Hex(), filepath.Join(home, "miner.log"))
	fmt.Printf("  balance: %s status --config %s\n\n", miner, cfgPath)
	return cmd, done, nil
}

// setConfirmations sets mining.confirmations in the miner configuration
// at path to value (a TOML value).
func setConfirmations(path, value string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "confirmations = ") {
			lines[i] = "confirmations = " + value
			return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600)
		}
	}
	return fmt.Errorf("%s has no confirmations line", path)
}

// stopProcess interrupts a process by its PID and waits (bounded) for it.
func stopProcess(cmd *exec.Cmd, done <-chan error) {
	select {
	case <-done:
		return
	default:
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}
