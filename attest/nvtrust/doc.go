// Package nvtrust verifies NVIDIA GPU attestation evidence (NVTrust): an
// SPDM 1.1 GET_MEASUREMENTS request and response signed by the GPU, and the
// GPU's certificate chain up to the NVIDIA Device Identity root.
//
// Everything here is deterministic: parsing is strict (exact lengths, no
// trailing bytes, no duplicate opaque fields), certificates are read by the
// package's own DER parser of NVIDIA's profile (cert.go, on the pinned
// golang.org/x/crypto/cryptobyte, never crypto/x509, whose answers change
// with the Go version and GODEBUG), refusals carry fixed reasons, the
// chain is checked against a PINNED root at an explicit
// time (the root the GPU supplies is never trusted), and the trust tier is
// derived from fields the GPU signed, never from what a miner claims. The
// same checks run inside consensus in the IAIMining precompile, with the
// block time as the clock; OCSP, RIM downloads and NVIDIA's remote service
// are left to off-chain tooling.
//
// Evidence layout (SPDM 1.1, DSP0274, as NVIDIA GPUs emit it):
//
//	request (37 bytes)
//	  0x11 0xE0 0x01 0xFF  version, GET_MEASUREMENTS, signature requested, all blocks
//	  nonce(32)            the verifier's freshness nonce
//	  slot(1)              0
//	response
//	  0x11 0x60 0x00 0x00  version, MEASUREMENTS, param1, slot 0
//	  blocks(1)=64 recordLength(3, LE)=64*55
//	  64 × { index(1) spec(1)=1 size(2,LE)=51 type(1)=1 valueSize(2,LE)=48 value(48) }
//	  responderNonce(32)   the GPU's own nonce (not the freshness nonce)
//	  opaqueLength(2, LE) opaque TLVs { type(2,LE) length(2,LE) value }
//	  signature(96)        raw r‖s, ECDSA P-384 over SHA-384(request ‖ response without signature)
package nvtrust
