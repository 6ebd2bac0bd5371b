package posnet

import (
	"fmt"
	"strings"
)

// DepositContract is the deposit contract address in the beacon config.
// The network's validators are in the genesis state, so nothing is ever
// deposited there; Prysm only needs an address.
const DepositContract = "0x4242424242424242424242424242424242424242"

// farFuture is a fork epoch that never comes.
const farFuture = uint64(1<<64 - 1)

// BeaconConfig is the beacon chain config of a network: mainnet presets
// with every fork through Electra at epoch 0 (merged from genesis, with
// Prague on the execution side), Fulu never, and short slots and epochs.
type BeaconConfig struct {
	ChainID       uint64 // execution chain id (DEPOSIT_CHAIN_ID); its low 24 bits tag the fork versions
	Validators    int    // MIN_GENESIS_ACTIVE_VALIDATOR_COUNT
	SlotSeconds   uint64 // SECONDS_PER_SLOT
	SlotsPerEpoch uint64 // SLOTS_PER_EPOCH
}

// forkVersion returns the 4-byte fork version of fork number i (0 =
// genesis): the fork number, then the chain id's low 24 bits, so that no
// two chains made here, and none of Prysm's known networks, share one.
func (c BeaconConfig) forkVersion(i int) string {
	return fmt.Sprintf("0x%02x%06x", i, c.ChainID&0xffffff)
}

// YAML returns the config file Prysm reads with --chain-config-file.
func (c BeaconConfig) YAML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "CONFIG_NAME: pars-%d\nPRESET_BASE: mainnet\n", c.ChainID)
	fmt.Fprintf(&b, "MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: %d\nMIN_GENESIS_TIME: 0\nGENESIS_DELAY: 0\n", c.Validators)
	fmt.Fprintf(&b, "SECONDS_PER_SLOT: %d\nSLOTS_PER_EPOCH: %d\n", c.SlotSeconds, c.SlotsPerEpoch)
	fmt.Fprintf(&b, "TERMINAL_TOTAL_DIFFICULTY: 0\n")
	fmt.Fprintf(&b, "DEPOSIT_CHAIN_ID: %d\nDEPOSIT_NETWORK_ID: %d\nDEPOSIT_CONTRACT_ADDRESS: %s\n", c.ChainID, c.ChainID, DepositContract)
	fmt.Fprintf(&b, "GENESIS_FORK_VERSION: %s\n", c.forkVersion(0))
	for i, fork := range []string{"ALTAIR", "BELLATRIX", "CAPELLA", "DENEB", "ELECTRA"} {
		fmt.Fprintf(&b, "%s_FORK_VERSION: %s\n%s_FORK_EPOCH: 0\n", fork, c.forkVersion(i+1), fork)
	}
	fmt.Fprintf(&b, "FULU_FORK_VERSION: %s\nFULU_FORK_EPOCH: %d\n", c.forkVersion(6), farFuture)
	return b.String()
}
