// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IAIMining: the Pars Proof-of-AI mining precompile at 0x0300.
/// @notice Miners submit ML-DSA-signed proofs of AI work; the precompile
/// verifies them, marks each work id spent and credits the signed
/// beneficiary's mining balance. Only CALL and STATICCALL are accepted and no
/// call may carry value. Every refusal reverts with one of the custom errors
/// below, so callers can decode exactly what was wrong.
interface IAIMining {
    /// @notice Governance-set parameters, as stored in the precompile.
    struct Parameters {
        address governance;             // the only address allowed to change parameters
        uint256 baseReward;             // wei per compute unit at adjustment 1.0 and trust 1.0
        uint64 epochLength;             // seconds of block time per epoch
        uint256 targetComputePerEpoch;  // compute units per epoch the difficulty steers toward
        uint16 maxAdjustmentStepBps;    // largest relative change of the adjustment per epoch
        uint64 maxComputeUnitsPerProof; // cap on one proof's compute units
        uint64 timeWindowPast;          // how old (seconds before block time) a proof may be
        uint64 timeWindowFuture;        // how far ahead of block time a proof may be
        uint16 trustAttestedBps;        // trust multiplier for attested GPUs, basis points
        uint16 trustSoftwareBps;        // trust multiplier for software-only proofs, basis points
        uint32 maxBatchSize;            // most proofs in one submitWorkProofs call
    }

    /// @notice The current epoch and its difficulty adjustment.
    struct EpochState {
        uint64 index;          // epoch number since mining started
        uint64 start;          // block timestamp at which the epoch began (0: not started)
        uint256 computeUnits;  // compute units accepted so far in this epoch
        uint256 adjustment;    // difficulty adjustment, 18-decimal fixed point (1e18 = 1.0)
    }

    /// @notice A proof was accepted and its reward credited.
    event WorkAccepted(
        bytes32 indexed workId,
        address indexed beneficiary,
        bytes32 indexed minerId,
        uint64 computeUnits,
        uint256 reward,
        uint64 epoch
    );
    /// @notice An epoch closed and the difficulty adjustment moved.
    event EpochAdvanced(uint64 indexed epoch, uint256 computeUnits, uint256 oldAdjustment, uint256 newAdjustment);
    /// @notice Governance changed a parameter (name is the Parameters field name).
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
    /// @notice Governance moved to a new address.
    event GovernanceTransferred(address indexed previousGovernance, address indexed newGovernance);

    error WrongChain(uint256 expected, uint256 got);
    error AlreadySpent(bytes32 workId);
    error StaleTimestamp(uint64 timestamp, uint64 blockTime);
    error FutureTimestamp(uint64 timestamp, uint64 blockTime);
    error BadSignature();
    error OverCap(uint64 computeUnits, uint64 cap);
    error ZeroComputeUnits();
    error ZeroBeneficiary();
    error NotGovernance(address caller);
    error ReadOnlyCall();
    error DelegateCallNotAllowed();
    error WrongAddress(address called);
    error ValueNotAccepted(uint256 value);
    error MalformedInput(string reason);
    error UnknownSelector(bytes4 selector);
    error AttestationNotSupported();
    error AttestationMismatch(bytes32 signedHash, bytes32 suppliedHash);
    error InvalidParameter(string reason);
    error BatchTooLarge(uint256 size, uint256 max);
    error BatchItemFailed(uint256 index, bytes reason);
    error ArithmeticOverflow();

    /// @notice Mining balance (wei of the AI token) credited to an address.
    function miningBalance(address miner) external view returns (uint256);

    /// @notice Verify an ML-DSA-44/65/87 signature (empty FIPS 204 context,
    /// as EIP-8355). The parameter set follows from the public-key length;
    /// a key of any other length reverts with MalformedInput.
    function verifyMLDSA(bytes calldata publicKey, bytes calldata message, bytes calldata signature)
        external
        view
        returns (bool);

    /// @notice Verify one work proof, mark it spent and credit its reward.
    /// @param proof the canonical AIWorkProof encoding
    /// @param attestation GPU attestation evidence, or empty for software-only work
    function submitWorkProof(bytes calldata proof, bytes calldata attestation) external returns (uint256 reward);

    /// @notice Submit several proofs atomically: all are credited or none is
    /// (a failing item reverts with BatchItemFailed(index, innerError)).
    function submitWorkProofs(bytes[] calldata proofs, bytes[] calldata attestations)
        external
        returns (uint256 totalReward);

    /// @notice Whether a work id has been rewarded on this chain.
    function isSpent(bytes32 workId) external view returns (bool);

    /// @notice The work id of an encoded proof (decodes it, does not verify it).
    function workIdOf(bytes calldata proof) external view returns (bytes32);

    /// @notice The current parameters.
    function parameters() external view returns (Parameters memory);

    /// @notice The current epoch state.
    function epochState() external view returns (EpochState memory);

    /// @notice Total reward credited since activation.
    function totalMinted() external view returns (uint256);

    function setBaseReward(uint256 baseReward) external;
    function setEpochParameters(uint64 epochLength, uint256 targetComputePerEpoch, uint16 maxAdjustmentStepBps)
        external;
    function setCaps(uint64 maxComputeUnitsPerProof, uint32 maxBatchSize) external;
    function setTimeWindow(uint64 timeWindowPast, uint64 timeWindowFuture) external;
    function setTrustScores(uint16 trustAttestedBps, uint16 trustSoftwareBps) external;
    function transferGovernance(address newGovernance) external;
}
