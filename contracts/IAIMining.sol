// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IAIMining: the Pars Proof-of-AI mining precompile at 0x0300.
/// @notice Miners submit ML-DSA-signed proofs of AI work; the precompile
/// verifies them, marks each work id spent and holds the signed
/// beneficiary's reward pending until finalizeWork credits it. Only CALL and
/// STATICCALL are accepted and no call but bond, challenge and
/// registerVerifier (by CALL) may carry value.
/// Every refusal reverts with one of the custom errors below, so callers can
/// decode exactly what was wrong.
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
        uint32 maxBatchSize;            // most proofs in one submitWorkProofs (and work ids in one finalizeWork) call
        uint256 minBond;                // smallest active bond (wei of the native coin) a miner id needs to earn
        uint16 bondRewardCapBps;        // most a miner id earns per epoch, as basis points of its active bond
        uint64 challengeWindow;         // blocks accepted work stays pending before finalizeWork credits it
        uint64 unbondingDelay;          // blocks between requestUnbond and withdrawBond; > challengeWindow
        uint32 deviceEpochCap;          // most attested proofs one device may have accepted per epoch
    }

    /// @notice The current epoch and its difficulty adjustment.
    struct EpochState {
        uint64 index;          // epoch number since mining started
        uint64 start;          // block timestamp at which the epoch began (0: not started)
        uint256 computeUnits;  // compute units accepted so far in this epoch
        uint256 adjustment;    // difficulty adjustment, 18-decimal fixed point (1e18 = 1.0)
    }

    /// @notice A proof was accepted; its reward (computed from the chain's
    /// model registry) is pending until finalizeWork credits it.
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
    error ZeroBeneficiary();
    error NotGovernance(address caller);
    error ReadOnlyCall();
    error DelegateCallNotAllowed();
    error WrongAddress(address called);
    error ValueNotAccepted(uint256 value);
    error MalformedInput(string reason);
    error UnknownSelector(bytes4 selector);
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

    /// @notice Verify one work proof, mark it spent and hold its reward
    /// pending (see "Verified work" below).
    /// @param proof the canonical AIWorkProof encoding, version 2
    /// @param attestation GPU attestation evidence, or empty for software-only work
    /// @return reward the pending reward
    function submitWorkProof(bytes calldata proof, bytes calldata attestation) external returns (uint256 reward);

    /// @notice Submit several proofs atomically: all are accepted or none is
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

    /// @notice Total reward credited to mining balances since activation
    /// (finalized work and federated rounds; pending work is in totalPending).
    function totalMinted() external view returns (uint256);

    function setBaseReward(uint256 baseReward) external;
    function setEpochParameters(uint64 epochLength, uint256 targetComputePerEpoch, uint16 maxAdjustmentStepBps)
        external;
    function setCaps(uint64 maxComputeUnitsPerProof, uint32 maxBatchSize) external;
    function setTimeWindow(uint64 timeWindowPast, uint64 timeWindowFuture) external;
    function setTrustScores(uint16 trustAttestedBps, uint16 trustSoftwareBps) external;
    function transferGovernance(address newGovernance) external;

    // ---------------------------------------------------------------------
    // Teleport: moving mined AI tokens between chains (Pars 6133, Lux 96369,
    // Hanzo 36963, Zoo 200200). The source chain burns, its teleport signers
    // (ML-DSA, M of N) sign the canonical message, a relayer submits it to
    // the destination chain, and the recipient's amount waits there until
    // claimTeleport credits it. Message encoding: proof.TeleportMessage.
    // ---------------------------------------------------------------------

    /// @notice Mining balance was burned for a teleport; message is the
    /// canonical teleport message the signers sign, teleportId its id.
    event TeleportSent(
        bytes32 indexed teleportId,
        address indexed sender,
        uint32 indexed destinationChain,
        address recipient,
        uint256 amount,
        uint64 sequence,
        bytes message
    );
    /// @notice A signed message from another chain was accepted and is pending.
    event TeleportRelayed(
        bytes32 indexed teleportId, address indexed recipient, uint32 indexed sourceChain, uint256 amount, uint8 signers
    );
    /// @notice A pending teleport was credited to its recipient's mining balance.
    event TeleportClaimed(bytes32 indexed teleportId, address indexed recipient, uint256 amount);
    /// @notice Governance set the signer set of a source chain.
    event TeleportSignersSet(uint32 indexed sourceChain, uint8 threshold, bytes32[] signerIds);
    /// @notice Governance set the smallest amount that may be teleported out.
    event TeleportMinimumSet(uint256 oldMinimum, uint256 newMinimum);

    error TeleportAmountTooSmall(uint256 amount, uint256 minimum);
    error InsufficientMiningBalance(uint256 balance, uint256 amount);
    error TeleportToSelf(uint32 chainId);
    error ZeroTeleportRecipient();
    error WrongDestination(uint32 thisChain, uint32 destinationChain);
    error UnknownTeleportSource(uint32 sourceChain);
    error NotEnoughTeleportSigners(uint256 signatures, uint8 threshold);
    error DuplicateTeleportSigner(uint8 index);
    error UnknownTeleportSigner(uint8 index);
    error BadTeleportSignature(uint8 index);
    error AlreadyRelayed(bytes32 teleportId);
    error PendingTeleportsFull(address recipient, uint256 max);
    error TeleportNotPending(bytes32 teleportId);
    error AlreadyClaimed(bytes32 teleportId);

    /// @notice Burn amount of the caller's mining balance and send it to
    /// recipient on destinationChain.
    function teleport(uint32 destinationChain, address recipient, uint256 amount)
        external
        returns (bytes32 teleportId);

    /// @notice Accept a teleport message signed by at least the threshold of
    /// distinct signers of its source chain. signers[i] is the position of
    /// publicKeys[i] in that chain's signer set; signatures[i] is its
    /// ML-DSA signature (FIPS 204 context "pars-aimining/v1/teleport") of
    /// message. Anyone may relay.
    function relayTeleport(
        bytes calldata message,
        uint8[] calldata signers,
        bytes[] calldata publicKeys,
        bytes[] calldata signatures
    ) external returns (bytes32 teleportId);

    /// @notice Credit a pending teleport to its recipient's mining balance
    /// (once; anyone may call, the recipient is paid).
    function claimTeleport(bytes32 teleportId) external returns (uint256 amount);

    /// @notice Ids waiting for claimTeleport for recipient (at most 16).
    function pendingTeleports(address recipient) external view returns (bytes32[] memory);

    /// @notice What this chain knows of a teleport id: status 0 unknown,
    /// 1 pending, 2 claimed.
    function teleportStatus(bytes32 teleportId)
        external
        view
        returns (uint8 status, uint32 sourceChain, address recipient, uint256 amount);

    /// @notice The signer set accepted for messages from sourceChain.
    function teleportSigners(uint32 sourceChain) external view returns (bytes32[] memory signerIds, uint8 threshold);

    /// @notice Teleport counters: next outgoing sequence number, total burned
    /// out, total relayed in, total claimed.
    function teleportTotals()
        external
        view
        returns (uint64 nextSequence, uint256 sentOut, uint256 relayedIn, uint256 claimedIn);

    /// @notice Governance: the signer set for messages from sourceChain
    /// (1 to 16 ML-DSA public keys, 1 <= threshold <= keys).
    function setTeleportSigners(uint32 sourceChain, bytes[] calldata publicKeys, uint8 threshold) external;

    /// @notice Governance: the smallest amount teleport accepts.
    function setTeleportMinimum(uint256 minimum) external;

    // ---------------------------------------------------------------------
    // Device attestation (NVIDIA NVTrust)
    //
    // A GPU is registered once: its certificate chain is verified against
    // the NVIDIA Device Identity root pinned in the precompile, at block
    // time, and a report signed by its attestation key must answer
    // registrationNonce(deviceId, minerId): only whoever controls the GPU
    // can bind it to a miner. A proof's attestation is then
    //   0x01 ‖ deviceId(32) ‖ SPDM GET_MEASUREMENTS request ‖ response
    // signed by the registered key, answering the nonce derived from the
    // proof's WorkContext, from the device the WorkContext names, for the
    // miner it is bound to. The reward uses the device tier's trust score.
    // ---------------------------------------------------------------------

    /// @notice A device was registered (or re-registered after a firmware
    /// update or a change of miner); generation counts its registrations.
    event DeviceRegistered(bytes32 indexed deviceId, bytes32 indexed minerId, uint8 tier, uint32 generation, string chip);
    /// @notice Governance revoked a device; it can never be registered again.
    event DeviceRevoked(bytes32 indexed deviceId);
    /// @notice Governance changed an attestation allowlist (kind 0 driver
    /// version, 1 VBIOS version, 2 measurement-set digest).
    event AttestationAllowlistChanged(uint8 indexed kind, bytes32 indexed item, bool allowed);

    error UnknownDevice(bytes32 deviceId);
    error RevokedDevice(bytes32 deviceId);
    error DeviceMinerMismatch(bytes32 deviceId, bytes32 registeredMiner, bytes32 proofMiner);
    error WorkDeviceMismatch(bytes32 workContextDevice, bytes32 attestedDevice);
    error NonceMismatch(bytes32 expected, bytes32 got);
    error AttestationInvalid(string reason);
    error CertificateInvalid(string reason);
    error UnsupportedDevice(string chip);
    error FirmwareNotAllowed(uint8 kind, bytes32 item);

    /// @notice Register a GPU for a miner.
    /// @param certChain DER certificates concatenated, leaf (attestation key)
    /// first, then its issuers, WITHOUT the root: 2 to 5 certificates
    /// @param report an SPDM report signed by the leaf key whose request
    /// nonce is registrationNonce(deviceId, minerId)
    /// @param minerId the miner id (BLAKE3 of the ML-DSA public key) the GPU serves
    function registerDevice(bytes calldata certChain, bytes calldata report, bytes32 minerId)
        external
        returns (bytes32 deviceId);

    /// @notice The nonce the next registration of deviceId for minerId must answer.
    function registrationNonce(bytes32 deviceId, bytes32 minerId) external view returns (bytes32);

    /// @notice A registered (or revoked) device.
    /// @return minerId the miner it serves
    /// @return tier 0 none, 1 software-only, 2 attested
    /// @return revoked whether governance revoked it
    /// @return generation how many times it was registered
    /// @return registeredAt block time of the last registration
    /// @return chip the GPU die, e.g. "GH100"
    /// @return attestationKey the P-384 key, X ‖ Y (96 bytes)
    function deviceInfo(bytes32 deviceId)
        external
        view
        returns (
            bytes32 minerId,
            uint8 tier,
            bool revoked,
            uint32 generation,
            uint64 registeredAt,
            string memory chip,
            bytes memory attestationKey
        );

    /// @notice Governance: revoke a device (registered or not) for good.
    function revokeDevice(bytes32 deviceId) external;

    /// @notice Governance: allow or disallow a driver version (kind 0) or
    /// VBIOS version (kind 1), given as its ASCII text left-aligned in 32
    /// bytes, or a measurement set (kind 2, SHA-256 of the 64 measurement
    /// values). An empty allowlist allows everything of its kind.
    function setAttestationAllowlist(uint8 kind, bytes32 item, bool allowed) external;

    /// @notice Whether an item is on an allowlist, and how many items the list holds.
    function attestationAllowlist(uint8 kind, bytes32 item) external view returns (bool allowed, uint32 size);

    // ------------------------------------------------------------------
    // Gateway tickets
    //
    // A ZAP gateway signs a job ticket (proof.JobTicket, version 2: chain
    // id, job id, the miner id it is leased to, model hash, input hash,
    // compute-unit budget, expiry, the gateway's ML-DSA key and signature,
    // under the FIPS 204 context "pars-aimining/v1/job-ticket") for every
    // lease of a job to a miner. The miner binds it into its WorkContext
    // (jobId = ticketId) and signs the proof with the key the ticket names;
    // a proof signed by any other key reverts TicketMismatch("miner id"),
    // so a ticket copied from the mempool cannot be front-run. A version-1
    // ticket (no miner id) reverts MalformedInput. When governance requires
    // tickets, only ticketed work of a registered gateway earns rewards,
    // each ticket once, compute units capped by its budget; submitWorkProof
    // and submitWorkProofs revert TicketRequired. A gateway's tickets spend
    // from the compute-unit budget per epoch governance sets for it
    // (setGatewayBudget; none until set): beyond it, GatewayBudgetExhausted,
    // so a colluding gateway makes at most its budget of work valid per epoch.
    // ------------------------------------------------------------------

    /// @notice Governance registered a gateway key.
    event GatewayRegistered(bytes32 indexed gatewayId);
    /// @notice Governance revoked a gateway key, for good.
    event GatewayRevoked(bytes32 indexed gatewayId);
    /// @notice Governance turned the ticket requirement on or off.
    event TicketsRequiredChanged(bool required);
    /// @notice Ticketed work was rewarded (emitted beside WorkAccepted).
    event TicketRedeemed(
        bytes32 indexed ticketId, bytes32 indexed gatewayId, bytes32 indexed workId, uint64 computeUnits, uint64 budget
    );

    error TicketRequired();
    error UnknownGateway(bytes32 gatewayId);
    error TicketExpired(uint64 expiry, uint64 blockTime);
    error TicketMismatch(string field);
    error TicketBudgetExceeded(uint64 computeUnits, uint64 budget);
    error BadTicketSignature();
    error TicketAlreadyRedeemed(bytes32 ticketId);
    error GatewayBudgetExhausted(bytes32 gatewayId, uint64 epoch, uint64 budget, uint64 spent);

    /// @notice Governance set a gateway's compute-unit budget per epoch.
    event GatewayBudgetSet(bytes32 indexed gatewayId, uint64 oldBudget, uint64 newBudget);

    /// @notice Governance: the compute units a gateway's tickets may make
    /// valid per epoch (0: none).
    function setGatewayBudget(bytes32 gatewayId, uint64 computeUnitsPerEpoch) external;

    /// @notice A gateway's budget per epoch and what its tickets spent in
    /// epoch (the epoch of its latest redeemed ticket).
    function gatewayBudget(bytes32 gatewayId) external view returns (uint64 budget, uint64 epoch, uint64 spent);

    /// @notice Submit work done for a gateway's job, with its ticket.
    /// @param ticket the encoded proof.JobTicket
    /// @return reward credited to the proof's beneficiary
    function submitTicketedWork(bytes calldata proof, bytes calldata attestation, bytes calldata ticket)
        external
        returns (uint256 reward);

    /// @notice Governance: register a gateway's ML-DSA public key.
    /// @return gatewayId BLAKE3 key id of the key (as for miner ids)
    function registerGateway(bytes calldata publicKey) external returns (bytes32 gatewayId);

    /// @notice Governance: revoke a gateway for good; its tickets stop earning.
    function revokeGateway(bytes32 gatewayId) external;

    /// @notice Governance: require (or stop requiring) tickets for rewards.
    function setTicketsRequired(bool required) external;

    /// @notice Whether rewards need tickets, and a gateway's status
    /// (0 unknown, 1 registered, 2 revoked).
    function gatewayStatus(bytes32 gatewayId) external view returns (bool ticketsRequired, uint8 status);

    /// @notice The block number (plus one) that redeemed a ticket id, 0 if none.
    function ticketRedeemedAt(bytes32 ticketId) external view returns (uint64);

    // ---------------------------------------------------------------------
    // Federated rounds (light mining)
    //
    // Phones train a model on their own data and send signed updates to an
    // aggregate node. A governance-registered aggregator publishes each
    // round once: the aggregate model hash and the root of a Merkle tree of
    // (recipient, amount) rewards, whose total is at most the round pool.
    // Each recipient's leaf is claimed once into its mining balance; anyone
    // may send the claim, the reward always goes to the leaf's recipient.
    //
    //   leaf = BLAKE3-keyed(reward-leaf key, 0x01 ‖ chainId(4) ‖ roundId(8) ‖
    //          recipient(20) ‖ amount(32))
    //   node = BLAKE3-keyed(reward-node key, min(a, b) ‖ max(a, b))
    //
    // (keys: proof.DomainFederatedRewardLeaf / ...RewardNode; see
    // rewardLeaf for the leaf). A proof lists siblings from the leaf up, at
    // most 20 of them.
    // ---------------------------------------------------------------------

    /// @notice Governance registered an aggregator.
    event AggregatorRegistered(address indexed aggregator);
    /// @notice Governance revoked an aggregator.
    event AggregatorRevoked(address indexed aggregator);
    /// @notice Governance changed the largest total one round may pay.
    event RoundPoolSet(uint256 oldPool, uint256 newPool);
    /// @notice An aggregator published a round.
    event RoundPublished(
        uint64 indexed roundId, address indexed aggregator, bytes32 modelHash, bytes32 rewardsRoot, uint256 total
    );
    /// @notice A round reward was credited to recipient's mining balance.
    event RoundRewardClaimed(uint64 indexed roundId, address indexed recipient, uint256 amount);

    error NotAggregator(address caller);
    error RoundAlreadyPublished(uint64 roundId);
    error RoundNotPublished(uint64 roundId);
    error RoundTotalOverPool(uint256 total, uint256 pool);
    error RoundRewardAlreadyClaimed(uint64 roundId, address recipient);
    error InvalidRewardProof(uint64 roundId, address recipient);
    error RewardProofTooLong(uint256 length, uint256 maxLength);
    error RoundOverClaimed(uint64 roundId, uint256 total, uint256 claimed);

    /// @notice Governance: let an address publish rounds.
    function registerAggregator(address aggregator) external;

    /// @notice Governance: stop an address from publishing rounds.
    function revokeAggregator(address aggregator) external;

    /// @notice Governance: the largest total one round may pay (0 stops
    /// every round that pays anything).
    function setRoundPool(uint256 pool) external;

    /// @notice Aggregator: publish a round's aggregate model and reward
    /// root, once per round id; total must not exceed the round pool.
    function publishRound(uint64 roundId, bytes32 modelHash, bytes32 rewardsRoot, uint256 total) external;

    /// @notice Credit recipient's leaf of a published round, once.
    /// @param proof sibling hashes from the leaf up (at most 20)
    function claimRoundReward(uint64 roundId, address recipient, uint256 amount, bytes32[] calldata proof)
        external
        returns (uint256 credited);

    /// @notice Whether an address may publish rounds.
    function isAggregator(address account) external view returns (bool);

    /// @notice The largest total one round may pay.
    function roundPool() external view returns (uint256);

    /// @notice A round as published (aggregator zero: not published).
    function roundInfo(uint64 roundId)
        external
        view
        returns (
            address aggregator,
            uint64 publishedAt,
            bytes32 modelHash,
            bytes32 rewardsRoot,
            uint256 total,
            uint256 claimed
        );

    /// @notice What recipient claimed in a round (0: nothing yet).
    function roundClaimed(uint64 roundId, address recipient) external view returns (uint256);

    /// @notice The reward leaf of (roundId, recipient, amount) on this chain.
    function rewardLeaf(uint64 roundId, address recipient, uint256 amount) external view returns (bytes32);

    // ---------------------------------------------------------------------
    // Verified work: model registry, bonds, pending rewards, emission cap
    //
    // Compute units are computed on chain from the proof's signed token
    // counts and the parameter count governance registered for its model:
    //   computeUnits = max(1, ceil(2 × parameters × (inputTokens + outputTokens) / 1e9))
    // A miner id earns only while its active bond (native coin held by
    // 0x0300) is at least minBond, and at most bondRewardCapBps of that bond
    // per epoch. All accepted work of an epoch earns at most the epoch
    // budget, targetComputePerEpoch × baseReward; a proof beyond it is
    // refused (EpochBudgetExhausted) and stays unspent, to be resubmitted
    // in the next epoch. Accepted work is pending for challengeWindow
    // blocks; finalizeWork (anyone may call) then credits it unless an audit
    // holds it (see "Audits"). An attested device has at most deviceEpochCap
    // proofs accepted per epoch.
    // ---------------------------------------------------------------------

    /// @notice Governance registered (or replaced) a model.
    event ModelRegistered(
        bytes32 indexed modelHash,
        uint64 parameters,
        uint8 tokenizer,
        uint16 bytesPerToken,
        uint32 maxInputTokens,
        uint32 maxOutputTokens,
        uint8 verifier
    );
    /// @notice Governance removed a model; pending work on it keeps its reward.
    event ModelRemoved(bytes32 indexed modelHash);
    /// @notice amount was added to minerId's active bond, now total.
    event Bonded(bytes32 indexed minerId, address indexed bonder, uint256 amount, uint256 total);
    /// @notice The bonder moved amount to unbonding, withdrawable from block readyAt.
    event UnbondRequested(bytes32 indexed minerId, address indexed bonder, uint256 amount, uint64 readyAt);
    /// @notice The unbonding amount was paid to the bonder.
    event BondWithdrawn(bytes32 indexed minerId, address indexed bonder, uint256 amount);
    /// @notice Pending work was credited to its beneficiary's mining balance.
    event WorkFinalized(bytes32 indexed workId, address indexed beneficiary, uint256 amount);

    error UnknownModel(bytes32 modelHash);
    error ZeroOutputTokens();
    error TokensOverLimit(uint32 inputTokens, uint32 outputTokens, uint32 maxInputTokens, uint32 maxOutputTokens);
    error EpochBudgetExhausted(uint64 epoch, uint256 remaining);
    error NotBonded(bytes32 minerId);
    error BondTooSmall(bytes32 minerId, uint256 bond, uint256 epochReward, uint256 cap);
    error BondBelowMinimum(uint256 amount, uint256 minimum);
    error NotBonder(bytes32 minerId, address bonder);
    error InsufficientBond(bytes32 minerId, uint256 bonded, uint256 amount);
    error NothingToWithdraw(bytes32 minerId);
    error UnbondingNotReady(bytes32 minerId, uint64 readyAt, uint64 blockNumber);
    error WorkNotPending(bytes32 workId);
    error ChallengeWindowOpen(bytes32 workId, uint64 finalizableAt, uint64 blockNumber);
    error DeviceEpochCapReached(bytes32 deviceId, uint64 epoch, uint32 cap);

    /// @notice Governance: register (or replace) a model.
    /// @param tokenizer 1: the built-in model's rule (a byte is a token,
    /// bytesPerToken 1); 2: ceil(bytes / bytesPerToken), bytesPerToken 1..64
    /// @param verifier 1: re-execution (built-in tokenizer only); 2: verifier committee
    function registerModel(
        bytes32 modelHash,
        uint64 parameters,
        uint8 tokenizer,
        uint16 bytesPerToken,
        uint32 maxInputTokens,
        uint32 maxOutputTokens,
        uint8 verifier
    ) external;

    /// @notice Governance: remove a model; new proofs for it revert UnknownModel.
    function removeModel(bytes32 modelHash) external;

    /// @notice A model's registry entry (registered false: none).
    function modelInfo(bytes32 modelHash)
        external
        view
        returns (
            bool registered,
            uint64 parameters,
            uint8 tokenizer,
            uint16 bytesPerToken,
            uint32 maxInputTokens,
            uint32 maxOutputTokens,
            uint8 verifier
        );

    /// @notice Add the call's value to minerId's active bond (by CALL
    /// only). The first bond of an empty record must be at least minBond
    /// and makes the caller the bonder; afterwards only the bonder adds. A
    /// slash (see "Audits") takes the whole bond, active and unbonding.
    function bond(bytes32 minerId) external payable returns (uint256 bonded);

    /// @notice Bonder: move amount of the active bond to unbonding,
    /// withdrawable unbondingDelay blocks from now (a new request adds to
    /// the amount and restarts the delay).
    function requestUnbond(bytes32 minerId, uint256 amount) external returns (uint64 readyAt);

    /// @notice Bonder: receive the unbonding amount once its delay has passed.
    function withdrawBond(bytes32 minerId) external returns (uint256 amount);

    /// @notice A miner id's bond and what it earned in its latest epoch.
    function bondInfo(bytes32 minerId)
        external
        view
        returns (
            address bonder,
            uint256 bonded,
            uint256 unbonding,
            uint64 unbondReadyAt,
            uint64 epoch,
            uint256 epochReward
        );

    /// @notice Credit pending work whose challenge window has passed to
    /// its beneficiaries (anyone may call; atomic; at most maxBatchSize ids).
    /// Work not drawn yet is drawn: selected work reverts WorkUnderAudit until
    /// its audit clears it, work whose seed window closed undrawn reverts
    /// AuditSeedExpired; pending work of a slashed miner id is forfeited.
    function finalizeWork(bytes32[] calldata workIds) external returns (uint256 credited);

    /// @notice Accepted work: status 0 unknown, 1 pending (not yet drawn for
    /// audit), 2 finalized, 3..7 audit states (see "Audits"); proofDigest
    /// commits to every signed field of the proof.
    function pendingWork(bytes32 workId)
        external
        view
        returns (
            uint8 status,
            address beneficiary,
            bytes32 minerId,
            uint256 amount,
            uint64 submittedAt,
            uint64 finalizableAt,
            bytes32 proofDigest
        );

    /// @notice Reward accepted but not yet finalized.
    function totalPending() external view returns (uint256);

    /// @notice The epoch budget, and what accepted work earned in epoch
    /// (the epoch of the latest accepted proof).
    function epochRewards() external view returns (uint64 epoch, uint256 budget, uint256 rewarded);

    /// @notice Governance: bond parameters; challengeWindow at most 224 and at
    /// least auditDelay + revealWindow; unbondingDelay must exceed the longest
    /// audit, challengeWindow + auditDelay + revealWindow + voteCommitWindow +
    /// voteRevealWindow.
    function setBondParameters(uint256 minBond, uint16 bondRewardCapBps, uint64 challengeWindow, uint64 unbondingDelay)
        external;

    /// @notice Governance: the most attested proofs per device and epoch.
    function setDeviceEpochCap(uint32 cap) external;

    // ---------------------------------------------------------------------
    // Batched work
    //
    // A miner signs one header (proof.BatchHeader, version 1: chainId(4) ‖
    // beneficiary(20) ‖ count(2) ‖ root(32) ‖ its ML-DSA public key, signed
    // under the FIPS 204 context "pars-aimining/v1/work-batch") over up to
    // 512 items of 216 bytes each, packed back to back into one bytes:
    //
    //   seq(8) ‖ jobId ‖ modelHash ‖ inputHash ‖ deviceId ‖ nonce (32 each) ‖
    //   timestamp(8) ‖ outputHash(32) ‖ inputTokens(4) ‖ outputTokens(4)
    //
    // root is the Merkle root of BLAKE3-keyed leaves of the items (see
    // testdata/proof/README.md). Every item is checked, priced and capped as
    // a single software-only proof would be (time window, model registry,
    // token limits, bond, per-miner cap, epoch budget); its sequence number
    // is spent once per miner id and chain (a bitmap, 256 per slot), and
    // sequence numbers strictly increase within a batch. A batch is
    // accepted whole or refused whole: a bad item reverts
    // BatchItemFailed(index, innerError). The reward is held pending under
    // the batch id, which finalizeWork takes like a work id. Batches carry no
    // attestation and no ticket (TicketRequired when tickets are required).
    // ---------------------------------------------------------------------

    /// @notice A batch was accepted; its items' rewards are pending under batchId.
    event WorkBatchAccepted(
        bytes32 indexed batchId,
        address indexed beneficiary,
        bytes32 indexed minerId,
        uint64 firstSeq,
        uint64 lastSeq,
        uint16 count,
        uint64 computeUnits,
        uint256 reward,
        uint64 epoch
    );

    /// @notice This sequence number of this miner id was already paid on this chain.
    error ItemAlreadySpent(bytes32 minerId, uint64 seq);
    /// @notice Sequence numbers must strictly increase within a batch.
    error SeqNotIncreasing(uint64 previous, uint64 seq);

    /// @notice Verify a batch of work items under one signature, spend each
    /// item's sequence number and hold their rewards pending.
    /// @param header the canonical BatchHeader encoding
    /// @param items count × 216 bytes: the items, in sequence order
    /// @return batchId the key of the pending record (for finalizeWork and pendingWork)
    /// @return totalReward the pending reward of all items
    function submitWorkBatch(bytes calldata header, bytes calldata items)
        external
        returns (bytes32 batchId, uint256 totalReward);

    /// @notice The spent bitmap of miner id's sequence numbers 256·word … 256·word+255
    /// (bit i, counted from the least significant, is sequence number 256·word+i).
    function seqWord(bytes32 minerId, uint64 word) external view returns (uint256 bits);

    // Audits: sampling, challenges, reveals, re-execution, committees,
    // slashing
    //
    // Work accepted in block B is selected for audit with probability
    // auditProbabilityBps / 10000 by a seed made of the hashes of blocks
    // B+1 .. B+auditDelay (proof.AuditSeed, proof.AuditSelected), unknown
    // when the proof was sent. Selected work must be revealed by block
    // B + auditDelay + revealWindow. The chain evaluates the draw while the
    // seed's blocks are within BLOCKHASH reach (the seed window, until block
    // B + 257): finalizeWork refuses selected work (WorkUnderAudit), and
    // markSelected (anyone) records draws. Work whose seed window closed
    // with its draw never recorded is audited as if selected: finalizeWork
    // refuses it (AuditSeedExpired) and markSelected opens its audit with a
    // fresh reveal window. Governance keeps auditDelay + revealWindow <=
    // challengeWindow <= 224, so honest work is finalized with at least
    // 32 blocks of the seed window to spare.
    //
    // Any watcher may challenge pending work inside its challenge window
    // (challenge, with exactly challengeBond). Audited work is revealed
    // (reveal: the proof, input and output, checked against what the miner
    // signed); the built-in model is re-executed, a committee model's work
    // judged by a committee of staked verifiers drawn by the audit's seed
    // (commit-then-reveal votes, majority decides). No reveal by the
    // deadline, a token count that is not the model's count, a different
    // re-executed output or a fraud majority slashes the miner id: its whole
    // bond (a challenger receives its challenge bond back and
    // challengerRewardBps of the bond, the rest is burned) and every pending
    // reward it has (forfeited, never minted). A challenge of work that is
    // cleared pays the challenge bond to the work's beneficiary.
    //
    // Work status (pendingWork, auditInfo): 0 unknown, 1 pending (not yet
    // drawn), 2 finalized, 3 not selected, 4 audited, awaiting the reveal,
    // 5 revealed, committee voting, 6 cleared by its audit, 7 forfeited.
    // Audit kind: 1 sampled, 2 challenged, 3 seed window closed undrawn.
    // ---------------------------------------------------------------------

    /// @notice Audit and committee parameters, as stored in the precompile.
    struct AuditParameters {
        uint64 auditDelay;            // blocks after the submission block whose hashes make the seed (1..64)
        uint16 auditProbabilityBps;   // probability that the seed selects a piece of work, basis points
        uint64 revealWindow;          // blocks to reveal after the seed is known
        uint256 challengeBond;        // wei of the native coin a challenge must carry
        uint16 challengerRewardBps;   // a successful challenger's share of the slashed bond (at most 5000)
        uint16 committeeSize;         // verifiers drawn per committee vote (1..15)
        uint64 voteCommitWindow;      // blocks to commit votes after a committee reveal
        uint64 voteRevealWindow;      // blocks to reveal votes after the commit window
        uint256 minVerifierStake;     // smallest stake of an active verifier (wei of the native coin)
        uint16 missedVotePenaltyBps;  // share of its stake a drawn verifier loses per vote it does not reveal
    }

    /// @notice An audit of pending work opened; the miner must reveal by revealDeadline.
    event AuditOpened(
        bytes32 indexed workId, bytes32 indexed minerId, address indexed challenger, uint8 kind, uint64 anchor, uint64 revealDeadline
    );
    /// @notice Pending work of a slashed miner id was forfeited: its reward is never credited.
    event WorkForfeited(bytes32 indexed workId, bytes32 indexed minerId, uint256 amount);

    /// @notice An audit ended: outcome 2 cleared, 3 slashed, 5 inconclusive
    /// (cleared, challenge bond returned); reason as in Slashed (0 if none).
    event AuditDecided(bytes32 indexed workId, bytes32 indexed minerId, uint8 outcome, uint8 reason);
    /// @notice A miner id lost its whole bond: reason 1 no reveal, 2 token
    /// count mismatch, 3 re-execution mismatch, 4 committee verdict. The
    /// challenger (zero if none) received bounty besides its challenge bond;
    /// the rest of bond was burned; the audited work's reward was forfeited,
    /// and the miner id's other pending work is forfeited when next touched.
    event Slashed(
        bytes32 indexed minerId,
        bytes32 indexed workId,
        address indexed challenger,
        uint8 reason,
        uint256 bond,
        uint256 bounty,
        uint256 forfeitedReward
    );
    /// @notice A committee was drawn for revealed work.
    event CommitteeDrawn(bytes32 indexed workId, address[] members, uint64 commitDeadline, uint64 voteDeadline);
    /// @notice A committee member committed its vote.
    event VoteCommitted(bytes32 indexed workId, address indexed verifier);
    /// @notice A committee member revealed its vote (1 valid, 2 fraud).
    event VoteRevealed(bytes32 indexed workId, address indexed verifier, uint8 verdict);
    /// @notice A drawn member that did not reveal a vote lost amount of its stake (burned).
    event VerifierPenalized(address indexed verifier, bytes32 indexed workId, uint256 amount);
    /// @notice Governance admitted a verifier, or withdrew its admission.
    event VerifierAdmitted(address indexed verifier, bool admitted);
    /// @notice A verifier added amount to its stake (active: in the set).
    event VerifierStaked(address indexed verifier, uint256 amount, uint256 stake, bool active);
    /// @notice A verifier left the set; its stake may leave from block readyAt.
    event VerifierExitRequested(address indexed verifier, uint64 readyAt);
    /// @notice A verifier's stake was paid back.
    event VerifierWithdrawn(address indexed verifier, uint256 amount);

    error WorkUnderAudit(bytes32 workId);
    error AuditSeedExpired(bytes32 workId, uint64 expiredAt);
    error AuditSeedUnavailable(uint64 submitBlock);
    error WrongChallengeBond(uint256 sent, uint256 required);
    error MinerSlashed(bytes32 minerId);
    error ChallengeWindowClosed(bytes32 workId, uint64 closedAt, uint64 blockNumber);
    error NotUnderAudit(bytes32 workId);
    error AlreadyRevealed(bytes32 workId);
    error RevealWindowClosed(bytes32 workId, uint64 deadline, uint64 blockNumber);
    error RevealWindowOpen(bytes32 workId, uint64 deadline, uint64 blockNumber);
    error RevealMismatch(string field);
    error RevealTooEarly(bytes32 workId, uint64 from);
    error NotVoting(bytes32 workId);
    error VoteCommitClosed(bytes32 workId, uint64 commitDeadline, uint64 blockNumber);
    error VoteRevealNotOpen(bytes32 workId, uint64 opensAt, uint64 closesAt, uint64 blockNumber);
    error NotCommitteeMember(bytes32 workId, address caller);
    error VoteAlreadyCommitted(bytes32 workId, address verifier);
    error VoteNotCommitted(bytes32 workId, address verifier);
    error VoteMismatch(bytes32 workId, address verifier);
    error VotingOpen(bytes32 workId, uint64 voteDeadline, uint64 blockNumber);
    error NotAdmittedVerifier(address verifier);
    error NotVerifier(address verifier);
    error VerifierSetFull(uint64 maxVerifiers);
    error VerifierStakeLocked(address verifier, uint64 readyAt, uint32 openCommittees);

    /// @notice Record the audit draw of pending work not drawn yet: selected
    /// work (and work whose seed window closed) has its audit opened, the
    /// rest is marked not selected. Anyone may call; skips what it cannot
    /// or need not draw.
    /// @return opened how many audits were opened
    function markSelected(bytes32[] calldata workIds) external returns (uint256 opened);

    /// @notice What the seed says of pending work now: 0 not ready, 1 not
    /// selected, 2 selected, 3 seed window closed, 4 not pending or drawn already.
    function auditDraw(bytes32 workId) external view returns (uint8 state);

    /// @notice A piece of work's status and audit (kind 0: none).
    function auditInfo(bytes32 workId)
        external
        view
        returns (
            uint8 status,
            uint8 kind,
            uint64 anchor,
            uint64 revealDeadline,
            address challenger,
            uint256 challengeBond,
            uint8 committeeSize,
            uint64 commitDeadline,
            uint64 voteDeadline
        );

    /// @notice The audit and committee parameters.
    function auditParameters() external view returns (AuditParameters memory);

    /// @notice Native coin burned by slashing (bonds and verifier stakes)
    /// and pending reward forfeited by slashing (never credited).
    function auditTotals() external view returns (uint256 burnedCoin, uint256 forfeitedReward);

    /// @notice Open the audit of pending work inside its challenge window,
    /// carrying exactly challengeBond (by CALL). Refused for work the seed
    /// selected already (it is audited anyway) and work under audit.
    /// @return revealDeadline the last block in which the miner may reveal
    function challenge(bytes32 workId) external payable returns (uint64 revealDeadline);

    /// @notice Reveal audited work (anyone may send it): the proof the work
    /// was accepted with, and the input and output, which must hash to what
    /// it signed (else RevealMismatch and nothing changes). Token counts that
    /// are not the model's count of them slash; a re-execution model is run
    /// again (a different output slashes, the same clears); a committee
    /// model's reveal draws a committee (after block anchor + auditDelay).
    /// @return outcome 2 cleared, 3 slashed, 5 inconclusive, 6 committee voting
    function reveal(bytes32 workId, bytes calldata proof, bytes calldata input, bytes calldata output)
        external
        returns (uint8 outcome);

    /// @notice Which item of an audited batch its miner must reveal:
    /// Sum_DomainAuditBatchItem(seed ‖ batchId) mod count, under the audit
    /// seed of the audit's anchor block (proof.AuditedBatchItem). Refused
    /// (RevealTooEarly) until that seed's last block is mined.
    /// @param count the batch's item count (checked by revealBatchItem)
    function auditedBatchItem(bytes32 batchId, uint16 count) external view returns (uint16 index);

    /// @notice Reveal one item of an audited batch (anyone may send it): the
    /// batch's count and root, the item at index auditedBatchItem(batchId,
    /// count) with its Merkle path (proof.BatchPath), and the item's input
    /// and output. The item is judged as reveal judges a proof: hashes that
    /// do not match refuse the reveal and change nothing, token counts that
    /// are not the model's slash, re-execution decides at once, a committee
    /// is drawn for other models. The batch's whole pending reward, and the
    /// miner id's bond, stand behind the one item.
    /// @return outcome 2 cleared, 3 slashed, 5 inconclusive, 6 committee voting
    function revealBatchItem(
        bytes32 batchId,
        uint16 count,
        bytes32 root,
        uint16 index,
        bytes calldata item,
        bytes32[] calldata path,
        bytes calldata input,
        bytes calldata output
    ) external returns (uint8 outcome);

    /// @notice The revealed item is not the one the audit seed picked.
    error WrongBatchItem(bytes32 batchId, uint16 audited, uint16 revealed);

    /// @notice Settle audited work after its deadline (anyone): no reveal by
    /// the reveal deadline slashes; a committee vote is counted after the
    /// vote deadline. Undrawn work is drawn first.
    /// @return outcome 1 audit opened, 2 cleared, 3 slashed, 4 forfeited, 5 inconclusive
    function settleAudit(bytes32 workId) external returns (uint8 outcome);

    /// @notice Governance: admit a verifier to stake, or withdraw its admission.
    function setVerifierAdmitted(address verifier, bool admitted) external;

    /// @notice Admitted verifier: add the call's value (by CALL) to its stake;
    /// it joins the set (at most 64) once the stake reaches minVerifierStake.
    function registerVerifier() external payable returns (uint256 stake);

    /// @notice Verifier: leave the set; the stake may leave unbondingDelay blocks later.
    function requestVerifierExit() external returns (uint64 readyAt);

    /// @notice Verifier: receive the stake after the exit delay, once every
    /// committee it sits on has been settled.
    function withdrawVerifierStake() external returns (uint256 amount);

    /// @notice A verifier's record.
    function verifierInfo(address verifier)
        external
        view
        returns (bool admitted, bool active, uint256 stake, uint64 activeSince, uint64 exitReadyAt, uint32 openCommittees);

    /// @notice The verifier set committees are drawn from.
    function verifierSet() external view returns (address[] memory verifiers, uint64[] memory activeSince);

    /// @notice The committee of revealed work: vote states 0 drawn, 1 committed, 2 revealed; verdicts 1 valid, 2 fraud.
    function committeeOf(bytes32 workId)
        external
        view
        returns (
            address[] memory members,
            uint8[] memory states,
            uint8[] memory verdicts,
            uint64 commitDeadline,
            uint64 voteDeadline
        );

    /// @notice Committee member: commit to a verdict within the commit window:
    /// commitment = BLAKE3-keyed(vote-commitment key, workId ‖ verifier(20) ‖ verdict(1) ‖ salt(32))
    /// (proof.VoteCommitment).
    function commitVote(bytes32 workId, bytes32 commitment) external;

    /// @notice Committee member: reveal the committed verdict (1 valid, 2 fraud)
    /// after the commit window, within the reveal window.
    function revealVote(bytes32 workId, uint8 verdict, bytes32 salt) external;

    /// @notice Governance: sampling, reveal window and challenges.
    function setAuditParameters(
        uint64 auditDelay,
        uint16 auditProbabilityBps,
        uint64 revealWindow,
        uint256 challengeBond,
        uint16 challengerRewardBps
    ) external;

    /// @notice Governance: verifier committees.
    function setCommitteeParameters(
        uint16 committeeSize,
        uint64 voteCommitWindow,
        uint64 voteRevealWindow,
        uint256 minVerifierStake,
        uint16 missedVotePenaltyBps
    ) external;
}
