// Package gatewaytest runs the ZAP gateway end to end on a devnet: the real
// pars-geth node, the pars-gateway binary and a pars-miner binary in
// gateway mode. An OpenAI-style HTTP request goes through the gateway to
// the miner and back, and the miner's proof is accepted on chain with the
// gateway's ticket while governance requires tickets; a job the miner
// invented itself earns nothing. Build the binaries first:
//
//	make pars-geth pars-miner && go build -o bin/pars-gateway ./cmd/pars-gateway
package gatewaytest
