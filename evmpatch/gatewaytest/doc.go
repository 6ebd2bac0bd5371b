// Package gatewaytest runs the ZAP gateway end to end on a devnet: the real
// pars-geth node, the pars-gateway binary (reading the device registry
// with --rpc) and a pars-miner binary in gateway mode. An OpenAI-style
// chat completion and an embeddings request go through the gateway to the
// miner and back, and the miner's proofs are accepted on chain with the
// gateway's tickets while governance requires tickets; a job the miner
// invented itself earns nothing. TestOpenAISDK and TestDevnetOpenAISDK run
// the official openai npm SDK (e2e/test/openai.test.mjs) against such a
// system and against the real pars-devnet. Build the binaries first:
//
//	make pars-geth pars-miner pars-gateway pars-verifier pars-devnet && npm ci --prefix e2e
package gatewaytest
