// Package gatewaytest runs the ZAP gateway end to end on a devnet: the real
// pars-geth node, the pars-gateway binary (reading the device registry
// with --rpc) and a pars-miner binary in gateway mode. An OpenAI-style
// chat completion and an embeddings request go through the gateway to the
// miner and back, and the miner's proofs are accepted on chain with the
// gateway's tickets while governance requires tickets; a job the miner
// invented itself earns nothing. Build the binaries first:
//
//	make pars-geth pars-miner && go build -o bin/pars-gateway ./cmd/pars-gateway
package gatewaytest
