// Package miner is the GPU owner's side of Pars Proof-of-AI mining: it
// takes jobs, runs inference, binds the work to one chain before computing,
// signs an ML-DSA work proof with the proof package and submits it to the
// IAIMining precompile at 0x0300.
//
// # One job
//
//  1. Fix the WorkContext before any compute: chain id, job id, model hash
//     (proof.HashModel of the weights), input hash, device id, a fresh
//     nonce, and a timestamp from the latest block header (the local clock
//     only when the chain is idle; see WorkTimestamp).
//  2. Run inference on the back-end (BuiltinBackend on the CPU, or
//     OpenAIBackend for vLLM, llama.cpp or Ollama).
//  3. Hash the output, compute the compute units (ComputeUnits) and sign
//     with proof.SignWork; the beneficiary is signed in.
//  4. Submit with submitWorkProof(bytes proof, bytes attestation) in an
//     EIP-1559 transaction paid by a go-ethereum keystore account
//     (Submitter): gas from eth_estimateGas run as the next block, nonces
//     kept locally, transport errors retried with exponential backoff
//     (Backoff), refusals decoded with precompile.DecodeRevert and never
//     retried (RefusedError), the receipt awaited, a vanished transaction
//     broadcast again, and the reward read from the WorkAccepted event.
//     The accepted transaction is then followed until its block is final
//     (mining.confirmations: a depth, or the finalized block), and its
//     work sent again if a reorganisation drops it (finality.go).
//  5. Log the acceptance with the beneficiary's balance after its block
//     (MiningBalanceAt); a summary line follows every
//     Options.SummaryEvery acceptances (Stats).
//
// # Compute units
//
// compute_units is the standardized work metric signed into every proof.
// The miner computes it from the model and the work done, never from what a
// back-end reports:
//
//	FLOPs         = 2 × parameters × tokens
//	compute_units = max(1, ceil(FLOPs / 10^9))
//
// where parameters is the model's parameter count (the built-in model
// counts its weights; an HTTP back-end's model is configured) and tokens
// are input plus output tokens: bytes for the built-in byte-level model,
// ceil(bytes / bytes_per_token) for an HTTP back-end (default 4 bytes per
// token), since the miner does not run that model's tokenizer.
//
// # Modes
//
// Without a gateway (devnet mode) the miner makes its own jobs from
// DevnetPrompts every mining.job_interval. Gateway mode (zap.gateway) is
// not available yet: Open refuses to start with ErrGatewayUnavailable.
//
// Entry points: LoadConfig, Open, (*Miner).MineOnce, (*Miner).Run; for
// tests and tools, New with explicit Deps, OpenBackend, Prove and
// Submitter.
package miner
