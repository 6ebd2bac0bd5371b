// Package nodetest holds node-level tests that run the real pars-geth binary
// (../../bin/pars-geth, or $PARS_GETH) on loopback, and an in-process block
// import benchmark.
//
// Tests:
//   - TestFollowOverDevp2p: a second node follows the first over devp2p
//     (admin_addPeer + debug_sync) and reaches the same head, state root and
//     0x0300 storage.
//   - TestExportImport: `pars-geth export` / `pars-geth import` reproduce the
//     chain and 0x0300's storage in a fresh data directory.
//   - TestCrossChainDoubleSpend: a proof bound to 6133 is refused on 200200
//     (WrongChain) and refused a second time on 6133 (AlreadySpent).
//   - TestActivationOnRealNode: 0x0300 is inert before parsAIMiningTime and
//     live after it.
//
// Every node gets its own data directory and ports chosen at run time, and is
// stopped by its own PID when the test ends. The tests are skipped with
// -short or when the binary is missing (`make -C evmpatch pars-geth`).
//
// Benchmark (only with -bench): BenchmarkInsertChain imports blocks full of
// submitWorkProof transactions and blocks full of plain transfers with
// core.BlockChain.InsertChain and reports proofs/s, Mgas/s and their ratio:
//
//	go test ./nodetest -run '^$' -bench InsertChain -benchtime 3x
package nodetest
