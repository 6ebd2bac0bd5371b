package precompile

import "github.com/pars-network/aimining/proof"

// Gas schedule. Compute costs come from BenchmarkGasSchedule (gas_bench_test.go),
// which measures each operation's worst case on the reference machine next to
// ecrecover in the same run and prints gas per microsecond; every compute
// cost below is set so that the operation earns at least ecrecover's gas per
// microsecond (3000 gas per ecrecover). Storage and log costs mirror the
// EVM's own (EIP-2929 cold access, EIP-2200 SSTORE, LOG costs), charged for
// the worst case of each function.
const (
	// GasDispatch covers the call checks and selector dispatch.
	GasDispatch uint64 = 200
	// GasPerInputWord covers the strict ABI decoding of the input
	// (abilayout.go: one pass, linear in the calldata), per 32-byte word.
	GasPerInputWord uint64 = 12

	// GasColdSload mirrors a cold SLOAD (EIP-2929).
	GasColdSload uint64 = 2100
	// GasSstoreSet mirrors SSTORE of a zero slot to non-zero (EIP-2200),
	// cold access charged separately through GasColdSload.
	GasSstoreSet uint64 = 20000
	// GasSstoreReset mirrors SSTORE of a non-zero slot to another value.
	GasSstoreReset uint64 = 2900

	// GasLog, GasLogTopic and GasLogByte mirror LOGn.
	GasLog      uint64 = 375
	GasLogTopic uint64 = 375
	GasLogByte  uint64 = 8

	// GasVerifyMLDSA44 is one ML-DSA-44 verification from bytes (public-key
	// decoding included) of a short message.
	GasVerifyMLDSA44 uint64 = 6500
	// GasVerifyMLDSA65 is the same for ML-DSA-65.
	GasVerifyMLDSA65 uint64 = 10500
	// GasVerifyMLDSA87 is the same for ML-DSA-87.
	GasVerifyMLDSA87 uint64 = 17000
	// GasVerifyPerWord is the per-32-byte-word cost of hashing the message
	// into the signature check.
	GasVerifyPerWord uint64 = 6

	// GasProofChecks covers decoding a proof and deriving its work id,
	// spent key, miner id and attestation hash.
	GasProofChecks uint64 = 3000
	// GasTeleportMessage covers encoding or decoding a teleport message
	// and deriving its id.
	GasTeleportMessage uint64 = 1000
	// GasTeleportKeyIDPerWord is the per-32-byte-word cost of hashing a
	// teleport signer's public key into its key id.
	GasTeleportKeyIDPerWord uint64 = 6

	// GasP384Verify is one ECDSA P-384 / SHA-384 signature check (a GPU
	// report or a certificate), digest excluded. The attestation constants
	// below are justified by BenchmarkGasAttestation
	// (gas_attest_bench_test.go): registerDevice with a five-certificate
	// chain and an attested ML-DSA-87 submitWorkProof, both at or above
	// 1.2 × ecrecover's gas per microsecond.
	GasP384Verify uint64 = 75000
	// GasCertificate covers parsing one P-384 certificate and checking its
	// names, validity, constraints and extensions (nvtrust's strict parser:
	// mostly the on-curve check of the key, whatever the size).
	GasCertificate uint64 = 5000
	// GasCertChainPerWord is the per-word cost of splitting and hashing a
	// certificate chain. The parser's bounds (nvtrust.MaxChainDERSize,
	// MaxCertificateSize, MaxExtensions), checked from the DER headers
	// before anything is parsed, cap the bytes any chain makes it read;
	// BenchmarkGasAttestation's registerDevice/filled runs that worst case
	// (five certificates of 2048 bytes and 12 extensions each) at 2.2-2.8 ×
	// ecrecover, indistinguishable from five 500-byte certificates.
	GasCertChainPerWord uint64 = 6
	// GasAttestationReport covers parsing an SPDM report strictly and
	// decoding its attestation key and fields.
	GasAttestationReport uint64 = 2000
	// GasAttestationPerWord is the per-word cost of hashing a report
	// (SHA-384 for the signature, SHA-256 for the measurement digest).
	GasAttestationPerWord uint64 = 6

	// GasTicketChecks covers decoding a gateway job ticket, deriving its
	// id and gateway id and checking it against the proof's WorkContext
	// (BenchmarkGasTickets, gas_ticket_bench_test.go).
	GasTicketChecks uint64 = 2500

	// GasFederatedSlot is one derivation of a federated storage slot (a
	// BLAKE3 hash of at most 60 bytes) and GasRewardHash one reward-tree
	// hash (a leaf of 65 bytes or a node of 64), justified by
	// BenchmarkGasFederated (gas_federated_bench_test.go).
	GasFederatedSlot uint64 = 60
	GasRewardHash    uint64 = 60
	// GasRewardLeafView covers the rewardLeaf view: converting its
	// arguments and hashing one leaf.
	GasRewardLeafView uint64 = 1000

	// GasColdAccount mirrors a cold account access (EIP-2929), GasCallValue
	// a CALL's value transfer and GasNewAccount a transfer that creates an
	// account: what a bond withdrawal pays the bonder with.
	GasColdAccount uint64 = 2600
	GasCallValue   uint64 = 9000
	GasNewAccount  uint64 = 25000

	// GasDerivedSlot is one derivation of a storage slot of verified work
	// (a BLAKE3 hash of a framed tag and a 32-byte key), GasBondSlots the
	// four of a bond record and GasWorkSlots the four of a pending work
	// record; GasModelCheck covers reading a proof's model entry and
	// computing its compute units. BenchmarkGasVerified
	// (gas_verified_bench_test.go) justifies them.
	GasDerivedSlot uint64 = 60
	GasBondSlots          = 4 * GasDerivedSlot
	GasWorkSlots          = 4 * GasDerivedSlot
	GasModelCheck  uint64 = 200

	// GasEpochAdvance is the worst case of rolling the epoch forward
	// (reward.MaxSkippedEpochSteps adjustment steps) plus the reward math.
	GasEpochAdvance uint64 = 2000
)

// verifyGas is the compute cost of one ML-DSA verification of a message of
// msgLen bytes under scheme s.
func verifyGas(s proof.Scheme, msgLen int) uint64 {
	var base uint64
	switch s {
	case proof.MLDSA44:
		base = GasVerifyMLDSA44
	case proof.MLDSA65:
		base = GasVerifyMLDSA65
	default:
		base = GasVerifyMLDSA87
	}
	return base + GasVerifyPerWord*words(msgLen)
}

// keyScheme is the parameter set a public key of n bytes implies, and
// ML-DSA-87, the worst case, for a length that fits none. Gas functions run
// once per key before any gas is charged for them, so it allocates nothing
// (proof.SchemeForPublicKeySize builds an error for every unknown length).
func keyScheme(n int) proof.Scheme {
	switch n {
	case proof.PublicKeySize44:
		return proof.MLDSA44
	case proof.PublicKeySize65:
		return proof.MLDSA65
	}
	return proof.MLDSA87
}

// words is the number of 32-byte words n bytes occupy.
func words(n int) uint64 { return (uint64(n) + 31) / 32 }

// logGas is the cost of a log with the given topics and data bytes.
func logGas(topics, dataBytes int) uint64 {
	return GasLog + GasLogTopic*uint64(topics) + GasLogByte*uint64(dataBytes)
}

// Storage and log costs of the state-changing functions, worst case.
var (
	// gasSubmitStorage: nineteen cold reads (six parameter slots, three
	// epoch slots, spent, the model entry, the epoch reward, total
	// pending, the bond's amount and its epoch reward, the four slots of
	// the pending record), nine writes that may create a slot (spent,
	// epoch work, epoch reward, total pending, the bond's epoch reward,
	// the four record slots), two resets (epoch index/start, adjustment),
	// the slot derivations (model, bond, record), the model check, the
	// WorkAccepted log (4 topics, 3 words) and an EpochAdvanced log
	// (2 topics, 3 words).
	gasSubmitStorage = 19*GasColdSload + 9*GasSstoreSet + 2*GasSstoreReset +
		GasDerivedSlot + GasBondSlots + GasWorkSlots + GasModelCheck +
		logGas(4, 96) + logGas(2, 96)
	// gasSetterStorage: one cold read of each of the ten parameter slots
	// (the base six and the four audit slots, validated as a whole), one
	// rewrite of two of them, and one log with two topics and two words.
	gasSetterStorage = 10*GasColdSload + 2*GasSstoreReset + logGas(2, 64)
	// gasViewParams: six cold parameter reads.
	gasViewParams = 6 * GasColdSload
	// gasViewEpoch: three cold epoch reads.
	gasViewEpoch = 3 * GasColdSload
)
