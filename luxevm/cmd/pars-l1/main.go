// Command pars-l1 runs the Pars chain on a local network of avalanchego
// validators, in the foreground until interrupted (`make devnet-l1`):
//
//   - --nodes avalanchego validators (3 by default) on 127.0.0.1, ports
//     chosen at run time, with the pars-subnet-evm plugin;
//   - a subnet validated by all of them and the Pars chain on it: chain id
//     6133, IAIMining active at 0x0300 from genesis with `make devnet`'s
//     parameters and governance, prefunded dev accounts (fixed, publicly
//     known keys: never use them on a real network), printed at start;
//   - a pars-miner with a fresh ML-DSA wallet against the first validator,
//     mining with the built-in CPU model and paying gas from the first dev
//     account.
//
// Everything lives under --dir, which is recreated at each start. Ctrl-C
// stops the miner, then every validator, each by its own PID.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ava-labs/libevm/crypto"
	"github.com/pars-network/aimining/luxevm/l1"
)

func main() {
	var (
		dir      = flag.String("dir", "build/devnet-l1", "network folder (recreated at each start)")
		bin      = flag.String("bin", "bin", "folder holding avalanchego, pars-subnet-evm and pars-miner")
		nodes    = flag.Int("nodes", 3, "validators")
		chainID  = flag.Uint64("chain-id", l1.ParsChainID, "EIP-155 chain id")
		accounts = flag.Int("accounts", 5, "prefunded dev accounts")
		interval = flag.Duration("job-interval", 5*time.Second, "how often the miner makes itself a job")
		noMining = flag.Bool("no-mining", false, "run the validators only")
	)
	flag.Parse()
	if err := run(*dir, *bin, *nodes, *chainID, *accounts, *interval, !*noMining); err != nil {
		fmt.Fprintln(os.Stderr, "pars-l1:", err)
		os.Exit(1)
	}
}

func run(dir, bin string, nodes int, chainID uint64, accounts int, interval time.Duration, mining bool) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if accounts < 1 || accounts > 100 {
		return errors.New("--accounts must be 1..100 (the miner pays from the first)")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	genesis, err := l1.Genesis(l1.DevGenesis(chainID, uint64(time.Now().Unix()), accounts))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "genesis.json"), genesis, 0o644); err != nil {
		return err
	}
	logPath := filepath.Join(dir, "tmpnet.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	fmt.Printf("starting %d validators (progress in %s) ...\n", nodes, logPath)
	start := time.Now()
	net, err := l1.Start(ctx, l1.Options{
		Dir: dir, AvalancheGo: filepath.Join(bin, "avalanchego"), Plugin: filepath.Join(bin, "pars-subnet-evm"),
		Nodes: nodes, Genesis: genesis, Log: logFile,
	})
	if err != nil {
		return err
	}
	defer func() {
		fmt.Println("stopping the validators")
		net.Stop(context.Background())
	}()

	fmt.Printf("\nPars L1: chain %d (blockchain %s) on %d validators, IAIMining at 0x0300 active; up in %s\n",
		chainID, net.BlockchainID(), net.Nodes(), time.Since(start).Round(time.Second))
	fmt.Printf("network folder %s\n\n", net.Dir())
	for i := range net.Nodes() {
		pid, _, _ := net.PIDs(i)
		fmt.Printf("  validator %d  %s  pid %d\n    JSON-RPC %s\n", i, net.NodeID(i), pid, net.RPCURL(i))
	}
	fmt.Println("\nPrefunded dev accounts (1,000,000 coins each; public keys, devnet only):")
	fmt.Printf("  %s  private key 0x%s  (precompile governance)\n", l1.DevAddress.Hex(), l1.DevKeyHex)
	for i := range accounts {
		k := l1.DevKey(i)
		fmt.Printf("  %s  private key 0x%x\n", crypto.PubkeyToAddress(k.PublicKey).Hex(), crypto.FromECDSA(k))
	}
	fmt.Println()

	var (
		minerDone <-chan struct{}
		minerProc *l1.Process
	)
	if mining {
		miner := filepath.Join(bin, "pars-miner")
		cfgPath, acct, err := l1.WriteMinerConfig(ctx, l1.MinerHome{
			Dir: filepath.Join(dir, "miner"), Miner: miner, Passphrase: "devnet", GasKey: l1.DevKey(0),
			ChainID: chainID, RPC: net.RPCURL(0), JobInterval: interval,
		})
		if err != nil {
			return err
		}
		cmd := exec.Command(miner, "--config", cfgPath)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		proc, err := l1.StartProcess(cmd)
		if err != nil {
			return err
		}
		minerDone = proc.Done()
		minerProc = proc
		defer proc.Stop()
		fmt.Printf("pars-miner pid %d mining for %s against validator 0; config %s\n\n", proc.PID(), acct.Hex(), cfgPath)
	}
	fmt.Println("Running; press Ctrl-C to stop.")
	select {
	case <-ctx.Done():
	case <-minerDone:
		return fmt.Errorf("pars-miner exited: %v (its log is above)", minerProc.Err())
	}
	fmt.Println("\nstopping")
	return nil
}
