// Command pars-subnet-evm is the subnet-evm VM plugin with IAIMining at
// 0x0000000000000000000000000000000000000300, for avalanchego's plugin
// directory. It serves the VM over rpcchainvm as subnet-evm's own plugin
// does, but leaves the open-file limit to avalanchego (whose fd-limit
// setting applies to its plugins too) instead of raising it to 32768,
// which fails, and exits, under a lower hard limit.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/ava-labs/avalanchego/graft/subnet-evm/plugin/evm"
	"github.com/ava-labs/avalanchego/version"
	"github.com/ava-labs/avalanchego/vms/rpcchainvm"

	// Registers the IAIMining module (config key parsAIMiningConfig).
	_ "github.com/pars-network/aimining/luxevm/aimining"
)

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Printf("Pars-Subnet-EVM/%s [rpcchainvm=%d]\n", version.Current.SemanticWithCommit(version.GitCommit), version.RPCChainVMProtocol)
		return
	}
	evm.RegisterAllLibEVMExtras()
	if err := rpcchainvm.Serve(context.Background(), &evm.VM{}); err != nil {
		fmt.Fprintf(os.Stderr, "serve VM: %v\n", err)
		os.Exit(1)
	}
}
