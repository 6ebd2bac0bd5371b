// Package e2e holds the end-to-end test of the IAIMining precompile: the
// real pars-geth binary runs as a dev node, Solidity compiled by solc
// (npm package `solc`) calls 0x0300, and an ethers client (npm package
// `ethers`) drives it over JSON-RPC.
//
// The Go test builds the work proofs with package proof, starts the node
// with package devnode, writes the node URL and the proofs to a JSON file,
// and runs the JavaScript tests in ../../e2e with `node --test`.
//
// Run it from evmpatch/ after `make pars-geth` and `npm ci --prefix e2e`
// (in the repository root):
//
//	go test ./e2e/ -run TestEndToEnd -v
//
// PARS_GETH overrides the node binary (default: ../bin/pars-geth).
package e2e
