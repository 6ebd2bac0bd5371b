// Package operatortest tests what a chain operator types: the real
// bin/pars-genesis and bin/pars-devnet ($PARS_GENESIS, $PARS_DEVNET), and
// the commands and parameter table of the README's section "Enabling
// 0x0300 on another chain", so that the documentation cannot drift from
// what the binaries do.
//
// Build the binaries first with `make build` in the repository root; the
// tests fail (and say so) when they are missing. The pars-devnet test that
// runs a node also needs bin/pars-geth and is skipped with -short.
// Processes listen on 127.0.0.1 ports chosen at run time and are stopped by
// their own PID.
package operatortest
