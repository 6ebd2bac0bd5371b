// Package minertest runs the real pars-miner binary against the real
// pars-geth binary on loopback.
//
// TestMinerOnRealNode starts a fresh dev chain (6133, IAIMining active at
// genesis, the dev account prefunded as governance, a second account
// funded for gas), and then:
//   - `pars-miner prove` signs a proof while the head is still the genesis
//     block; `proof decode` and `proof verify` read it back, and a plain
//     eth_estimateGas / eth_call of submitWorkProof on the genesis block
//     accepts it;
//   - `pars-miner --max-jobs 2` mines two proofs, the first estimated on
//     the genesis block, and logs each acceptance with the beneficiary's
//     balance;
//   - `pars-miner status` and `pars-miner balance` show 2 × the reward.
//
// TestREADMEStartMining runs the command lines of miner/README.md's "Start
// mining" as written (keygen, gas-account new, init, gas-account show, bond,
// run, status) on a fresh dev chain, so the README cannot drift from what
// the binary does.
//
// TestMinerResubmitsAfterReorg mines one proof with the default finality
// (the finalized block) on a dev chain with a block a second, then pauses
// the miner, rewinds the chain below the proof's block (debug_setHead) and
// takes the proof's nonce with another transaction, so the proof's
// transaction can never come back. Resumed, the miner must send the work
// in a new transaction and count it final only in a finalized block; the
// chain must hold it accepted exactly once (about 35 s).
//
// The binaries are ../../bin/pars-geth and ../../bin/pars-miner (or
// $PARS_GETH and $PARS_MINER); `make test-node` in the repository root
// builds both first. Every process is stopped by its own PID when the test
// ends. The test is skipped with -short.
package minertest
