// Package proof is the single source of truth for the bytes of Pars AI
// mining: the WorkContext a miner fixes before it computes, the AIWorkProof
// it signs afterwards, their canonical binary encodings, the BLAKE3 hashes
// (one derive-key context per purpose) and the ML-DSA keys that sign them.
//
// The miner, the IAIMining precompile, the attestation verifier and the
// gateway all import this package; none of them encodes these values on its
// own.
//
// # Encoding rules
//
// Every encoding starts with a version byte, has a fixed field order, uses
// big-endian integers and fixed-length fields (the one variable field, the
// ML-DSA public key, has a length prefix whose only valid values are the
// three FIPS 204 key sizes; the signature length then follows from the
// parameter set). Decoding is strict: wrong version, wrong lengths and
// trailing bytes are refused with a *DecodeError naming the field. Every
// value therefore has exactly one encoding, so the hash of a proof is well
// defined. Decoders never panic.
//
// # What a signature covers
//
// The ML-DSA signature (FIPS 204 context ContextWorkProof) covers the whole
// encoded proof except the signature itself: the WorkContext including the
// chain id, the beneficiary address that is credited with the reward, the
// output hash, the compute units, the hash of the attestation evidence that
// travels beside the proof (zero when there is none), and the miner's public
// key. Copying a proof out of the mempool therefore cannot redirect its
// reward, strip its attestation, or replay it on another chain.
package proof
