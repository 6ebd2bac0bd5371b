// Package l1test runs the Pars chain on three local avalanchego validators
// (../bin/avalanchego with ../bin/pars-subnet-evm) with a real pars-miner
// (../bin/pars-miner) against one of them: proofs are accepted, every
// validator holds the same 0x0300 state, the chain keeps finalising with
// one validator stopped, and the stopped one catches up when restarted.
package l1test
