// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// IAIMiningAuditParameters is an auto generated low-level Go binding around an user-defined struct.
type IAIMiningAuditParameters struct {
	AuditDelay           uint64
	AuditProbabilityBps  uint16
	RevealWindow         uint64
	ChallengeBond        *big.Int
	ChallengerRewardBps  uint16
	CommitteeSize        uint16
	VoteCommitWindow     uint64
	VoteRevealWindow     uint64
	MinVerifierStake     *big.Int
	MissedVotePenaltyBps uint16
}

// IAIMiningEpochState is an auto generated low-level Go binding around an user-defined struct.
type IAIMiningEpochState struct {
	Index        uint64
	Start        uint64
	ComputeUnits *big.Int
	Adjustment   *big.Int
}

// IAIMiningParameters is an auto generated low-level Go binding around an user-defined struct.
type IAIMiningParameters struct {
	Governance              common.Address
	BaseReward              *big.Int
	EpochLength             uint64
	TargetComputePerEpoch   *big.Int
	MaxAdjustmentStepBps    uint16
	MaxComputeUnitsPerProof uint64
	TimeWindowPast          uint64
	TimeWindowFuture        uint64
	TrustAttestedBps        uint16
	TrustSoftwareBps        uint16
	MaxBatchSize            uint32
	MinBond                 *big.Int
	BondRewardCapBps        uint16
	ChallengeWindow         uint64
	UnbondingDelay          uint64
	DeviceEpochCap          uint32
}

// IAIMiningMetaData contains all meta data concerning the IAIMining contract.
var IAIMiningMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"}],\"name\":\"AlreadyRelayed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"AlreadyRevealed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"AlreadySpent\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ArithmeticOverflow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"AttestationInvalid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"signedHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"suppliedHash\",\"type\":\"bytes32\"}],\"name\":\"AttestationMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"expiredAt\",\"type\":\"uint64\"}],\"name\":\"AuditSeedExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"submitBlock\",\"type\":\"uint64\"}],\"name\":\"AuditSeedUnavailable\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"index\",\"type\":\"uint8\"}],\"name\":\"BadTeleportSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadTicketSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"reason\",\"type\":\"bytes\"}],\"name\":\"BatchItemFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"size\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"max\",\"type\":\"uint256\"}],\"name\":\"BatchTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"}],\"name\":\"BondBelowMinimum\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"epochReward\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"cap\",\"type\":\"uint256\"}],\"name\":\"BondTooSmall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"CertificateInvalid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"ChallengeWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"finalizableAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"ChallengeWindowOpen\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"DelegateCallNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"cap\",\"type\":\"uint32\"}],\"name\":\"DeviceEpochCapReached\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"registeredMiner\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"proofMiner\",\"type\":\"bytes32\"}],\"name\":\"DeviceMinerMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"index\",\"type\":\"uint8\"}],\"name\":\"DuplicateTeleportSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"remaining\",\"type\":\"uint256\"}],\"name\":\"EpochBudgetExhausted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"item\",\"type\":\"bytes32\"}],\"name\":\"FirmwareNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"timestamp\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockTime\",\"type\":\"uint64\"}],\"name\":\"FutureTimestamp\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"budget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"name\":\"GatewayBudgetExhausted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"bonded\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"InsufficientBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"InsufficientMiningBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"InvalidParameter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"}],\"name\":\"InvalidRewardProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"seq\",\"type\":\"uint64\"}],\"name\":\"ItemAlreadySpent\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"MalformedInput\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"MinerSlashed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"expected\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"got\",\"type\":\"bytes32\"}],\"name\":\"NonceMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"NotAdmittedVerifier\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotAggregator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"NotBonded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"bonder\",\"type\":\"address\"}],\"name\":\"NotBonder\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotCommitteeMember\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"signatures\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"threshold\",\"type\":\"uint8\"}],\"name\":\"NotEnoughTeleportSigners\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotGovernance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"NotUnderAudit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"NotVerifier\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"NotVoting\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"computeUnits\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"cap\",\"type\":\"uint64\"}],\"name\":\"OverCap\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"max\",\"type\":\"uint256\"}],\"name\":\"PendingTeleportsFull\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReadOnlyCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"RevealMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"from\",\"type\":\"uint64\"}],\"name\":\"RevealTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"RevealWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"RevealWindowOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"RevokedDevice\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"maxLength\",\"type\":\"uint256\"}],\"name\":\"RewardProofTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"}],\"name\":\"RoundAlreadyPublished\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"}],\"name\":\"RoundNotPublished\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"claimed\",\"type\":\"uint256\"}],\"name\":\"RoundOverClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"}],\"name\":\"RoundRewardAlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"}],\"name\":\"RoundTotalOverPool\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"previous\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"seq\",\"type\":\"uint64\"}],\"name\":\"SeqNotIncreasing\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"timestamp\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockTime\",\"type\":\"uint64\"}],\"name\":\"StaleTimestamp\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"}],\"name\":\"TeleportAmountTooSmall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"}],\"name\":\"TeleportNotPending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"chainId\",\"type\":\"uint32\"}],\"name\":\"TeleportToSelf\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"ticketId\",\"type\":\"bytes32\"}],\"name\":\"TicketAlreadyRedeemed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"computeUnits\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"budget\",\"type\":\"uint64\"}],\"name\":\"TicketBudgetExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"expiry\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockTime\",\"type\":\"uint64\"}],\"name\":\"TicketExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"field\",\"type\":\"string\"}],\"name\":\"TicketMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TicketRequired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"inputTokens\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"outputTokens\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"maxInputTokens\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"maxOutputTokens\",\"type\":\"uint32\"}],\"name\":\"TokensOverLimit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"UnbondingNotReady\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"UnknownDevice\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"}],\"name\":\"UnknownGateway\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"}],\"name\":\"UnknownModel\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"selector\",\"type\":\"bytes4\"}],\"name\":\"UnknownSelector\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"index\",\"type\":\"uint8\"}],\"name\":\"UnknownTeleportSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"sourceChain\",\"type\":\"uint32\"}],\"name\":\"UnknownTeleportSource\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"chip\",\"type\":\"string\"}],\"name\":\"UnsupportedDevice\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"ValueNotAccepted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"maxVerifiers\",\"type\":\"uint64\"}],\"name\":\"VerifierSetFull\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"openCommittees\",\"type\":\"uint32\"}],\"name\":\"VerifierStakeLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"VoteAlreadyCommitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"commitDeadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"VoteCommitClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"VoteMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"VoteNotCommitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"opensAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"closesAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"VoteRevealNotOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"voteDeadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"name\":\"VotingOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workContextDevice\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"attestedDevice\",\"type\":\"bytes32\"}],\"name\":\"WorkDeviceMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"WorkNotPending\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"WorkUnderAudit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"called\",\"type\":\"address\"}],\"name\":\"WrongAddress\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"batchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint16\",\"name\":\"audited\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"revealed\",\"type\":\"uint16\"}],\"name\":\"WrongBatchItem\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"WrongChain\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"required\",\"type\":\"uint256\"}],\"name\":\"WrongChallengeBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"thisChain\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"destinationChain\",\"type\":\"uint32\"}],\"name\":\"WrongDestination\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroBeneficiary\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroOutputTokens\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroTeleportRecipient\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"}],\"name\":\"AggregatorRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"}],\"name\":\"AggregatorRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"item\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"AttestationAllowlistChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"outcome\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"AuditDecided\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"challenger\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"anchor\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"revealDeadline\",\"type\":\"uint64\"}],\"name\":\"AuditOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"bonder\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"BondWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"bonder\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"Bonded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"commitDeadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"voteDeadline\",\"type\":\"uint64\"}],\"name\":\"CommitteeDrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"tier\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"generation\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"chip\",\"type\":\"string\"}],\"name\":\"DeviceRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"DeviceRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"computeUnits\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"oldAdjustment\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"newAdjustment\",\"type\":\"uint256\"}],\"name\":\"EpochAdvanced\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"oldBudget\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"newBudget\",\"type\":\"uint64\"}],\"name\":\"GatewayBudgetSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"}],\"name\":\"GatewayRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"}],\"name\":\"GatewayRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousGovernance\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newGovernance\",\"type\":\"address\"}],\"name\":\"GovernanceTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"parameters\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"tokenizer\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"bytesPerToken\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"maxInputTokens\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"maxOutputTokens\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"verifier\",\"type\":\"uint8\"}],\"name\":\"ModelRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"}],\"name\":\"ModelRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"name\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"oldValue\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"newValue\",\"type\":\"uint256\"}],\"name\":\"ParameterChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"oldPool\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"newPool\",\"type\":\"uint256\"}],\"name\":\"RoundPoolSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"rewardsRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"RoundPublished\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"RoundRewardClaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"challenger\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bounty\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"forfeitedReward\",\"type\":\"uint256\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TeleportClaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"oldMinimum\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"newMinimum\",\"type\":\"uint256\"}],\"name\":\"TeleportMinimumSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"sourceChain\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"signers\",\"type\":\"uint8\"}],\"name\":\"TeleportRelayed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"destinationChain\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"sequence\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"message\",\"type\":\"bytes\"}],\"name\":\"TeleportSent\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint32\",\"name\":\"sourceChain\",\"type\":\"uint32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"threshold\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"bytes32[]\",\"name\":\"signerIds\",\"type\":\"bytes32[]\"}],\"name\":\"TeleportSignersSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"ticketId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"computeUnits\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"budget\",\"type\":\"uint64\"}],\"name\":\"TicketRedeemed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"required\",\"type\":\"bool\"}],\"name\":\"TicketsRequiredChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"bonder\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"}],\"name\":\"UnbondRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"admitted\",\"type\":\"bool\"}],\"name\":\"VerifierAdmitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"}],\"name\":\"VerifierExitRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"VerifierPenalized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"active\",\"type\":\"bool\"}],\"name\":\"VerifierStaked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"VerifierWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"VoteCommitted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"verdict\",\"type\":\"uint8\"}],\"name\":\"VoteRevealed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"computeUnits\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"WorkAccepted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"batchId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"firstSeq\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"lastSeq\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"count\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"computeUnits\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"}],\"name\":\"WorkBatchAccepted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"WorkFinalized\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"WorkForfeited\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"item\",\"type\":\"bytes32\"}],\"name\":\"attestationAllowlist\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"},{\"internalType\":\"uint32\",\"name\":\"size\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"auditDraw\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"state\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"auditInfo\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"anchor\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"revealDeadline\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"challenger\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"challengeBond\",\"type\":\"uint256\"},{\"internalType\":\"uint8\",\"name\":\"committeeSize\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"commitDeadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voteDeadline\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"auditParameters\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"auditDelay\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"auditProbabilityBps\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"revealWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"challengeBond\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"challengerRewardBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"committeeSize\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"voteCommitWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voteRevealWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"minVerifierStake\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"missedVotePenaltyBps\",\"type\":\"uint16\"}],\"internalType\":\"structIAIMining.AuditParameters\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"auditTotals\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"burnedCoin\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"forfeitedReward\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"batchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint16\",\"name\":\"count\",\"type\":\"uint16\"}],\"name\":\"auditedBatchItem\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"bond\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"bonded\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"bondInfo\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"bonder\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"bonded\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unbonding\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"unbondReadyAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"epochReward\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"challenge\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"revealDeadline\",\"type\":\"uint64\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claimRoundReward\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"credited\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"}],\"name\":\"claimTeleport\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitment\",\"type\":\"bytes32\"}],\"name\":\"commitVote\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"committeeOf\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"members\",\"type\":\"address[]\"},{\"internalType\":\"uint8[]\",\"name\":\"states\",\"type\":\"uint8[]\"},{\"internalType\":\"uint8[]\",\"name\":\"verdicts\",\"type\":\"uint8[]\"},{\"internalType\":\"uint64\",\"name\":\"commitDeadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voteDeadline\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"deviceInfo\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"tier\",\"type\":\"uint8\"},{\"internalType\":\"bool\",\"name\":\"revoked\",\"type\":\"bool\"},{\"internalType\":\"uint32\",\"name\":\"generation\",\"type\":\"uint32\"},{\"internalType\":\"uint64\",\"name\":\"registeredAt\",\"type\":\"uint64\"},{\"internalType\":\"string\",\"name\":\"chip\",\"type\":\"string\"},{\"internalType\":\"bytes\",\"name\":\"attestationKey\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"epochRewards\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"rewarded\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"epochState\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"index\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"start\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"computeUnits\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"adjustment\",\"type\":\"uint256\"}],\"internalType\":\"structIAIMining.EpochState\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"workIds\",\"type\":\"bytes32[]\"}],\"name\":\"finalizeWork\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"credited\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"}],\"name\":\"gatewayBudget\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"budget\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"epoch\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"spent\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"}],\"name\":\"gatewayStatus\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"ticketsRequired\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"status\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"isAggregator\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"isSpent\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"workIds\",\"type\":\"bytes32[]\"}],\"name\":\"markSelected\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"opened\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"miner\",\"type\":\"address\"}],\"name\":\"miningBalance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"}],\"name\":\"modelInfo\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"registered\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"parameters\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"tokenizer\",\"type\":\"uint8\"},{\"internalType\":\"uint16\",\"name\":\"bytesPerToken\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"maxInputTokens\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"maxOutputTokens\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"verifier\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"parameters\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"governance\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"baseReward\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"epochLength\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"targetComputePerEpoch\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"maxAdjustmentStepBps\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"maxComputeUnitsPerProof\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"timeWindowPast\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"timeWindowFuture\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"trustAttestedBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"trustSoftwareBps\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"maxBatchSize\",\"type\":\"uint32\"},{\"internalType\":\"uint256\",\"name\":\"minBond\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"bondRewardCapBps\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"challengeWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"unbondingDelay\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"deviceEpochCap\",\"type\":\"uint32\"}],\"internalType\":\"structIAIMining.Parameters\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"}],\"name\":\"pendingTeleports\",\"outputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"\",\"type\":\"bytes32[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"pendingWork\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"address\",\"name\":\"beneficiary\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"submittedAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"finalizableAt\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"proofDigest\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"rewardsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"publishRound\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"}],\"name\":\"registerAggregator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"certChain\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"report\",\"type\":\"bytes\"},{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"registerDevice\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"publicKey\",\"type\":\"bytes\"}],\"name\":\"registerGateway\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"parameters\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"tokenizer\",\"type\":\"uint8\"},{\"internalType\":\"uint16\",\"name\":\"bytesPerToken\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"maxInputTokens\",\"type\":\"uint32\"},{\"internalType\":\"uint32\",\"name\":\"maxOutputTokens\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"verifier\",\"type\":\"uint8\"}],\"name\":\"registerModel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registerVerifier\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"registrationNonce\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"message\",\"type\":\"bytes\"},{\"internalType\":\"uint8[]\",\"name\":\"signers\",\"type\":\"uint8[]\"},{\"internalType\":\"bytes[]\",\"name\":\"publicKeys\",\"type\":\"bytes[]\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"relayTeleport\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"}],\"name\":\"removeModel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnbond\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requestVerifierExit\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"input\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"output\",\"type\":\"bytes\"}],\"name\":\"reveal\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"outcome\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"batchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint16\",\"name\":\"count\",\"type\":\"uint16\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint16\",\"name\":\"index\",\"type\":\"uint16\"},{\"internalType\":\"bytes\",\"name\":\"item\",\"type\":\"bytes\"},{\"internalType\":\"bytes32[]\",\"name\":\"path\",\"type\":\"bytes32[]\"},{\"internalType\":\"bytes\",\"name\":\"input\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"output\",\"type\":\"bytes\"}],\"name\":\"revealBatchItem\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"outcome\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"verdict\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"}],\"name\":\"revealVote\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"}],\"name\":\"revokeAggregator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"deviceId\",\"type\":\"bytes32\"}],\"name\":\"revokeDevice\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"}],\"name\":\"revokeGateway\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"rewardLeaf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"}],\"name\":\"roundClaimed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"roundId\",\"type\":\"uint64\"}],\"name\":\"roundInfo\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"aggregator\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"publishedAt\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"modelHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"rewardsRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"claimed\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"roundPool\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"word\",\"type\":\"uint64\"}],\"name\":\"seqWord\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"bits\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"kind\",\"type\":\"uint8\"},{\"internalType\":\"bytes32\",\"name\":\"item\",\"type\":\"bytes32\"},{\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"setAttestationAllowlist\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"auditDelay\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"auditProbabilityBps\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"revealWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"challengeBond\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"challengerRewardBps\",\"type\":\"uint16\"}],\"name\":\"setAuditParameters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"baseReward\",\"type\":\"uint256\"}],\"name\":\"setBaseReward\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"minBond\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"bondRewardCapBps\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"challengeWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"unbondingDelay\",\"type\":\"uint64\"}],\"name\":\"setBondParameters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"maxComputeUnitsPerProof\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"maxBatchSize\",\"type\":\"uint32\"}],\"name\":\"setCaps\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"committeeSize\",\"type\":\"uint16\"},{\"internalType\":\"uint64\",\"name\":\"voteCommitWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voteRevealWindow\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"minVerifierStake\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"missedVotePenaltyBps\",\"type\":\"uint16\"}],\"name\":\"setCommitteeParameters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"cap\",\"type\":\"uint32\"}],\"name\":\"setDeviceEpochCap\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"epochLength\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"targetComputePerEpoch\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"maxAdjustmentStepBps\",\"type\":\"uint16\"}],\"name\":\"setEpochParameters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"gatewayId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"computeUnitsPerEpoch\",\"type\":\"uint64\"}],\"name\":\"setGatewayBudget\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"}],\"name\":\"setRoundPool\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"}],\"name\":\"setTeleportMinimum\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"sourceChain\",\"type\":\"uint32\"},{\"internalType\":\"bytes[]\",\"name\":\"publicKeys\",\"type\":\"bytes[]\"},{\"internalType\":\"uint8\",\"name\":\"threshold\",\"type\":\"uint8\"}],\"name\":\"setTeleportSigners\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bool\",\"name\":\"required\",\"type\":\"bool\"}],\"name\":\"setTicketsRequired\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"timeWindowPast\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"timeWindowFuture\",\"type\":\"uint64\"}],\"name\":\"setTimeWindow\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"trustAttestedBps\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"trustSoftwareBps\",\"type\":\"uint16\"}],\"name\":\"setTrustScores\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"admitted\",\"type\":\"bool\"}],\"name\":\"setVerifierAdmitted\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"workId\",\"type\":\"bytes32\"}],\"name\":\"settleAudit\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"outcome\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"attestation\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"ticket\",\"type\":\"bytes\"}],\"name\":\"submitTicketedWork\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"header\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"items\",\"type\":\"bytes\"}],\"name\":\"submitWorkBatch\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"batchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"totalReward\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"attestation\",\"type\":\"bytes\"}],\"name\":\"submitWorkProof\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes[]\",\"name\":\"proofs\",\"type\":\"bytes[]\"},{\"internalType\":\"bytes[]\",\"name\":\"attestations\",\"type\":\"bytes[]\"}],\"name\":\"submitWorkProofs\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"totalReward\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"destinationChain\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"teleport\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"sourceChain\",\"type\":\"uint32\"}],\"name\":\"teleportSigners\",\"outputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"signerIds\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint8\",\"name\":\"threshold\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"teleportId\",\"type\":\"bytes32\"}],\"name\":\"teleportStatus\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint32\",\"name\":\"sourceChain\",\"type\":\"uint32\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"teleportTotals\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"nextSequence\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"sentOut\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"relayedIn\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"claimedIn\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"ticketId\",\"type\":\"bytes32\"}],\"name\":\"ticketRedeemedAt\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalMinted\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalPending\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newGovernance\",\"type\":\"address\"}],\"name\":\"transferGovernance\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"verifierInfo\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"admitted\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"active\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"activeSince\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"exitReadyAt\",\"type\":\"uint64\"},{\"internalType\":\"uint32\",\"name\":\"openCommittees\",\"type\":\"uint32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"verifierSet\",\"outputs\":[{\"internalType\":\"address[]\",\"name\":\"verifiers\",\"type\":\"address[]\"},{\"internalType\":\"uint64[]\",\"name\":\"activeSince\",\"type\":\"uint64[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"publicKey\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"message\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"verifyMLDSA\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"minerId\",\"type\":\"bytes32\"}],\"name\":\"withdrawBond\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdrawVerifierStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"workIdOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "IAIMining",
}

// IAIMining is an auto generated Go binding around an Ethereum contract.
type IAIMining struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *IAIMining) GetABI() abi.ABI {
	return c.abi
}

// NewIAIMining creates a new instance of IAIMining.
func NewIAIMining() *IAIMining {
	parsed, err := IAIMiningMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &IAIMining{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *IAIMining) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAttestationAllowlist is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7dc3181.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function attestationAllowlist(uint8 kind, bytes32 item) view returns(bool allowed, uint32 size)
func (iAIMining *IAIMining) PackAttestationAllowlist(kind uint8, item [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("attestationAllowlist", kind, item)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAttestationAllowlist is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7dc3181.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function attestationAllowlist(uint8 kind, bytes32 item) view returns(bool allowed, uint32 size)
func (iAIMining *IAIMining) TryPackAttestationAllowlist(kind uint8, item [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("attestationAllowlist", kind, item)
}

// AttestationAllowlistOutput serves as a container for the return parameters of contract
// method AttestationAllowlist.
type AttestationAllowlistOutput struct {
	Allowed bool
	Size    uint32
}

// UnpackAttestationAllowlist is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe7dc3181.
//
// Solidity: function attestationAllowlist(uint8 kind, bytes32 item) view returns(bool allowed, uint32 size)
func (iAIMining *IAIMining) UnpackAttestationAllowlist(data []byte) (AttestationAllowlistOutput, error) {
	out, err := iAIMining.abi.Unpack("attestationAllowlist", data)
	outstruct := new(AttestationAllowlistOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Allowed = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Size = *abi.ConvertType(out[1], new(uint32)).(*uint32)
	return *outstruct, nil
}

// PackAuditDraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5ee5984e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function auditDraw(bytes32 workId) view returns(uint8 state)
func (iAIMining *IAIMining) PackAuditDraw(workId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("auditDraw", workId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuditDraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5ee5984e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function auditDraw(bytes32 workId) view returns(uint8 state)
func (iAIMining *IAIMining) TryPackAuditDraw(workId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("auditDraw", workId)
}

// UnpackAuditDraw is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5ee5984e.
//
// Solidity: function auditDraw(bytes32 workId) view returns(uint8 state)
func (iAIMining *IAIMining) UnpackAuditDraw(data []byte) (uint8, error) {
	out, err := iAIMining.abi.Unpack("auditDraw", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackAuditInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x62fc7184.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function auditInfo(bytes32 workId) view returns(uint8 status, uint8 kind, uint64 anchor, uint64 revealDeadline, address challenger, uint256 challengeBond, uint8 committeeSize, uint64 commitDeadline, uint64 voteDeadline)
func (iAIMining *IAIMining) PackAuditInfo(workId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("auditInfo", workId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuditInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x62fc7184.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function auditInfo(bytes32 workId) view returns(uint8 status, uint8 kind, uint64 anchor, uint64 revealDeadline, address challenger, uint256 challengeBond, uint8 committeeSize, uint64 commitDeadline, uint64 voteDeadline)
func (iAIMining *IAIMining) TryPackAuditInfo(workId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("auditInfo", workId)
}

// AuditInfoOutput serves as a container for the return parameters of contract
// method AuditInfo.
type AuditInfoOutput struct {
	Status         uint8
	Kind           uint8
	Anchor         uint64
	RevealDeadline uint64
	Challenger     common.Address
	ChallengeBond  *big.Int
	CommitteeSize  uint8
	CommitDeadline uint64
	VoteDeadline   uint64
}

// UnpackAuditInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x62fc7184.
//
// Solidity: function auditInfo(bytes32 workId) view returns(uint8 status, uint8 kind, uint64 anchor, uint64 revealDeadline, address challenger, uint256 challengeBond, uint8 committeeSize, uint64 commitDeadline, uint64 voteDeadline)
func (iAIMining *IAIMining) UnpackAuditInfo(data []byte) (AuditInfoOutput, error) {
	out, err := iAIMining.abi.Unpack("auditInfo", data)
	outstruct := new(AuditInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Status = *abi.ConvertType(out[0], new(uint8)).(*uint8)
	outstruct.Kind = *abi.ConvertType(out[1], new(uint8)).(*uint8)
	outstruct.Anchor = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	outstruct.RevealDeadline = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.Challenger = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.ChallengeBond = abi.ConvertType(out[5], new(big.Int)).(*big.Int)
	outstruct.CommitteeSize = *abi.ConvertType(out[6], new(uint8)).(*uint8)
	outstruct.CommitDeadline = *abi.ConvertType(out[7], new(uint64)).(*uint64)
	outstruct.VoteDeadline = *abi.ConvertType(out[8], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackAuditParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc88aabb7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function auditParameters() view returns((uint64,uint16,uint64,uint256,uint16,uint16,uint64,uint64,uint256,uint16))
func (iAIMining *IAIMining) PackAuditParameters() []byte {
	enc, err := iAIMining.abi.Pack("auditParameters")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuditParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc88aabb7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function auditParameters() view returns((uint64,uint16,uint64,uint256,uint16,uint16,uint64,uint64,uint256,uint16))
func (iAIMining *IAIMining) TryPackAuditParameters() ([]byte, error) {
	return iAIMining.abi.Pack("auditParameters")
}

// UnpackAuditParameters is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc88aabb7.
//
// Solidity: function auditParameters() view returns((uint64,uint16,uint64,uint256,uint16,uint16,uint64,uint64,uint256,uint16))
func (iAIMining *IAIMining) UnpackAuditParameters(data []byte) (IAIMiningAuditParameters, error) {
	out, err := iAIMining.abi.Unpack("auditParameters", data)
	if err != nil {
		return *new(IAIMiningAuditParameters), err
	}
	out0 := *abi.ConvertType(out[0], new(IAIMiningAuditParameters)).(*IAIMiningAuditParameters)
	return out0, nil
}

// PackAuditTotals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5ca24e24.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function auditTotals() view returns(uint256 burnedCoin, uint256 forfeitedReward)
func (iAIMining *IAIMining) PackAuditTotals() []byte {
	enc, err := iAIMining.abi.Pack("auditTotals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuditTotals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5ca24e24.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function auditTotals() view returns(uint256 burnedCoin, uint256 forfeitedReward)
func (iAIMining *IAIMining) TryPackAuditTotals() ([]byte, error) {
	return iAIMining.abi.Pack("auditTotals")
}

// AuditTotalsOutput serves as a container for the return parameters of contract
// method AuditTotals.
type AuditTotalsOutput struct {
	BurnedCoin      *big.Int
	ForfeitedReward *big.Int
}

// UnpackAuditTotals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5ca24e24.
//
// Solidity: function auditTotals() view returns(uint256 burnedCoin, uint256 forfeitedReward)
func (iAIMining *IAIMining) UnpackAuditTotals(data []byte) (AuditTotalsOutput, error) {
	out, err := iAIMining.abi.Unpack("auditTotals", data)
	outstruct := new(AuditTotalsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.BurnedCoin = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.ForfeitedReward = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackAuditedBatchItem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb3dd2739.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function auditedBatchItem(bytes32 batchId, uint16 count) view returns(uint16 index)
func (iAIMining *IAIMining) PackAuditedBatchItem(batchId [32]byte, count uint16) []byte {
	enc, err := iAIMining.abi.Pack("auditedBatchItem", batchId, count)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAuditedBatchItem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb3dd2739.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function auditedBatchItem(bytes32 batchId, uint16 count) view returns(uint16 index)
func (iAIMining *IAIMining) TryPackAuditedBatchItem(batchId [32]byte, count uint16) ([]byte, error) {
	return iAIMining.abi.Pack("auditedBatchItem", batchId, count)
}

// UnpackAuditedBatchItem is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb3dd2739.
//
// Solidity: function auditedBatchItem(bytes32 batchId, uint16 count) view returns(uint16 index)
func (iAIMining *IAIMining) UnpackAuditedBatchItem(data []byte) (uint16, error) {
	out, err := iAIMining.abi.Unpack("auditedBatchItem", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b3ee973.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bond(bytes32 minerId) payable returns(uint256 bonded)
func (iAIMining *IAIMining) PackBond(minerId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("bond", minerId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b3ee973.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bond(bytes32 minerId) payable returns(uint256 bonded)
func (iAIMining *IAIMining) TryPackBond(minerId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("bond", minerId)
}

// UnpackBond is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8b3ee973.
//
// Solidity: function bond(bytes32 minerId) payable returns(uint256 bonded)
func (iAIMining *IAIMining) UnpackBond(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("bond", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBondInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4cf70cae.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bondInfo(bytes32 minerId) view returns(address bonder, uint256 bonded, uint256 unbonding, uint64 unbondReadyAt, uint64 epoch, uint256 epochReward)
func (iAIMining *IAIMining) PackBondInfo(minerId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("bondInfo", minerId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBondInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4cf70cae.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bondInfo(bytes32 minerId) view returns(address bonder, uint256 bonded, uint256 unbonding, uint64 unbondReadyAt, uint64 epoch, uint256 epochReward)
func (iAIMining *IAIMining) TryPackBondInfo(minerId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("bondInfo", minerId)
}

// BondInfoOutput serves as a container for the return parameters of contract
// method BondInfo.
type BondInfoOutput struct {
	Bonder        common.Address
	Bonded        *big.Int
	Unbonding     *big.Int
	UnbondReadyAt uint64
	Epoch         uint64
	EpochReward   *big.Int
}

// UnpackBondInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4cf70cae.
//
// Solidity: function bondInfo(bytes32 minerId) view returns(address bonder, uint256 bonded, uint256 unbonding, uint64 unbondReadyAt, uint64 epoch, uint256 epochReward)
func (iAIMining *IAIMining) UnpackBondInfo(data []byte) (BondInfoOutput, error) {
	out, err := iAIMining.abi.Unpack("bondInfo", data)
	outstruct := new(BondInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Bonder = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.Bonded = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Unbonding = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.UnbondReadyAt = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.Epoch = *abi.ConvertType(out[4], new(uint64)).(*uint64)
	outstruct.EpochReward = abi.ConvertType(out[5], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackChallenge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcffd46dc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function challenge(bytes32 workId) payable returns(uint64 revealDeadline)
func (iAIMining *IAIMining) PackChallenge(workId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("challenge", workId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackChallenge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcffd46dc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function challenge(bytes32 workId) payable returns(uint64 revealDeadline)
func (iAIMining *IAIMining) TryPackChallenge(workId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("challenge", workId)
}

// UnpackChallenge is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcffd46dc.
//
// Solidity: function challenge(bytes32 workId) payable returns(uint64 revealDeadline)
func (iAIMining *IAIMining) UnpackChallenge(data []byte) (uint64, error) {
	out, err := iAIMining.abi.Unpack("challenge", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackClaimRoundReward is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5371ed68.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimRoundReward(uint64 roundId, address recipient, uint256 amount, bytes32[] proof) returns(uint256 credited)
func (iAIMining *IAIMining) PackClaimRoundReward(roundId uint64, recipient common.Address, amount *big.Int, proof [][32]byte) []byte {
	enc, err := iAIMining.abi.Pack("claimRoundReward", roundId, recipient, amount, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimRoundReward is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5371ed68.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimRoundReward(uint64 roundId, address recipient, uint256 amount, bytes32[] proof) returns(uint256 credited)
func (iAIMining *IAIMining) TryPackClaimRoundReward(roundId uint64, recipient common.Address, amount *big.Int, proof [][32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("claimRoundReward", roundId, recipient, amount, proof)
}

// UnpackClaimRoundReward is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5371ed68.
//
// Solidity: function claimRoundReward(uint64 roundId, address recipient, uint256 amount, bytes32[] proof) returns(uint256 credited)
func (iAIMining *IAIMining) UnpackClaimRoundReward(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("claimRoundReward", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackClaimTeleport is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66919998.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimTeleport(bytes32 teleportId) returns(uint256 amount)
func (iAIMining *IAIMining) PackClaimTeleport(teleportId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("claimTeleport", teleportId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimTeleport is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66919998.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimTeleport(bytes32 teleportId) returns(uint256 amount)
func (iAIMining *IAIMining) TryPackClaimTeleport(teleportId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("claimTeleport", teleportId)
}

// UnpackClaimTeleport is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x66919998.
//
// Solidity: function claimTeleport(bytes32 teleportId) returns(uint256 amount)
func (iAIMining *IAIMining) UnpackClaimTeleport(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("claimTeleport", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCommitVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3bbd2235.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitVote(bytes32 workId, bytes32 commitment) returns()
func (iAIMining *IAIMining) PackCommitVote(workId [32]byte, commitment [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("commitVote", workId, commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3bbd2235.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitVote(bytes32 workId, bytes32 commitment) returns()
func (iAIMining *IAIMining) TryPackCommitVote(workId [32]byte, commitment [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("commitVote", workId, commitment)
}

// PackCommitteeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7dbffbf1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function committeeOf(bytes32 workId) view returns(address[] members, uint8[] states, uint8[] verdicts, uint64 commitDeadline, uint64 voteDeadline)
func (iAIMining *IAIMining) PackCommitteeOf(workId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("committeeOf", workId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitteeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7dbffbf1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function committeeOf(bytes32 workId) view returns(address[] members, uint8[] states, uint8[] verdicts, uint64 commitDeadline, uint64 voteDeadline)
func (iAIMining *IAIMining) TryPackCommitteeOf(workId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("committeeOf", workId)
}

// CommitteeOfOutput serves as a container for the return parameters of contract
// method CommitteeOf.
type CommitteeOfOutput struct {
	Members        []common.Address
	States         []uint8
	Verdicts       []uint8
	CommitDeadline uint64
	VoteDeadline   uint64
}

// UnpackCommitteeOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7dbffbf1.
//
// Solidity: function committeeOf(bytes32 workId) view returns(address[] members, uint8[] states, uint8[] verdicts, uint64 commitDeadline, uint64 voteDeadline)
func (iAIMining *IAIMining) UnpackCommitteeOf(data []byte) (CommitteeOfOutput, error) {
	out, err := iAIMining.abi.Unpack("committeeOf", data)
	outstruct := new(CommitteeOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Members = *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	outstruct.States = *abi.ConvertType(out[1], new([]uint8)).(*[]uint8)
	outstruct.Verdicts = *abi.ConvertType(out[2], new([]uint8)).(*[]uint8)
	outstruct.CommitDeadline = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.VoteDeadline = *abi.ConvertType(out[4], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackDeviceInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0c19a13c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deviceInfo(bytes32 deviceId) view returns(bytes32 minerId, uint8 tier, bool revoked, uint32 generation, uint64 registeredAt, string chip, bytes attestationKey)
func (iAIMining *IAIMining) PackDeviceInfo(deviceId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("deviceInfo", deviceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeviceInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0c19a13c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deviceInfo(bytes32 deviceId) view returns(bytes32 minerId, uint8 tier, bool revoked, uint32 generation, uint64 registeredAt, string chip, bytes attestationKey)
func (iAIMining *IAIMining) TryPackDeviceInfo(deviceId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("deviceInfo", deviceId)
}

// DeviceInfoOutput serves as a container for the return parameters of contract
// method DeviceInfo.
type DeviceInfoOutput struct {
	MinerId        [32]byte
	Tier           uint8
	Revoked        bool
	Generation     uint32
	RegisteredAt   uint64
	Chip           string
	AttestationKey []byte
}

// UnpackDeviceInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0c19a13c.
//
// Solidity: function deviceInfo(bytes32 deviceId) view returns(bytes32 minerId, uint8 tier, bool revoked, uint32 generation, uint64 registeredAt, string chip, bytes attestationKey)
func (iAIMining *IAIMining) UnpackDeviceInfo(data []byte) (DeviceInfoOutput, error) {
	out, err := iAIMining.abi.Unpack("deviceInfo", data)
	outstruct := new(DeviceInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.MinerId = *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	outstruct.Tier = *abi.ConvertType(out[1], new(uint8)).(*uint8)
	outstruct.Revoked = *abi.ConvertType(out[2], new(bool)).(*bool)
	outstruct.Generation = *abi.ConvertType(out[3], new(uint32)).(*uint32)
	outstruct.RegisteredAt = *abi.ConvertType(out[4], new(uint64)).(*uint64)
	outstruct.Chip = *abi.ConvertType(out[5], new(string)).(*string)
	outstruct.AttestationKey = *abi.ConvertType(out[6], new([]byte)).(*[]byte)
	return *outstruct, nil
}

// PackEpochRewards is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x773f7a3a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epochRewards() view returns(uint64 epoch, uint256 budget, uint256 rewarded)
func (iAIMining *IAIMining) PackEpochRewards() []byte {
	enc, err := iAIMining.abi.Pack("epochRewards")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpochRewards is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x773f7a3a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epochRewards() view returns(uint64 epoch, uint256 budget, uint256 rewarded)
func (iAIMining *IAIMining) TryPackEpochRewards() ([]byte, error) {
	return iAIMining.abi.Pack("epochRewards")
}

// EpochRewardsOutput serves as a container for the return parameters of contract
// method EpochRewards.
type EpochRewardsOutput struct {
	Epoch    uint64
	Budget   *big.Int
	Rewarded *big.Int
}

// UnpackEpochRewards is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x773f7a3a.
//
// Solidity: function epochRewards() view returns(uint64 epoch, uint256 budget, uint256 rewarded)
func (iAIMining *IAIMining) UnpackEpochRewards(data []byte) (EpochRewardsOutput, error) {
	out, err := iAIMining.abi.Unpack("epochRewards", data)
	outstruct := new(EpochRewardsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Epoch = *abi.ConvertType(out[0], new(uint64)).(*uint64)
	outstruct.Budget = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Rewarded = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackEpochState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa8e85ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epochState() view returns((uint64,uint64,uint256,uint256))
func (iAIMining *IAIMining) PackEpochState() []byte {
	enc, err := iAIMining.abi.Pack("epochState")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpochState is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa8e85ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epochState() view returns((uint64,uint64,uint256,uint256))
func (iAIMining *IAIMining) TryPackEpochState() ([]byte, error) {
	return iAIMining.abi.Pack("epochState")
}

// UnpackEpochState is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfa8e85ce.
//
// Solidity: function epochState() view returns((uint64,uint64,uint256,uint256))
func (iAIMining *IAIMining) UnpackEpochState(data []byte) (IAIMiningEpochState, error) {
	out, err := iAIMining.abi.Unpack("epochState", data)
	if err != nil {
		return *new(IAIMiningEpochState), err
	}
	out0 := *abi.ConvertType(out[0], new(IAIMiningEpochState)).(*IAIMiningEpochState)
	return out0, nil
}

// PackFinalizeWork is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6cd09d4f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function finalizeWork(bytes32[] workIds) returns(uint256 credited)
func (iAIMining *IAIMining) PackFinalizeWork(workIds [][32]byte) []byte {
	enc, err := iAIMining.abi.Pack("finalizeWork", workIds)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFinalizeWork is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6cd09d4f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function finalizeWork(bytes32[] workIds) returns(uint256 credited)
func (iAIMining *IAIMining) TryPackFinalizeWork(workIds [][32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("finalizeWork", workIds)
}

// UnpackFinalizeWork is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6cd09d4f.
//
// Solidity: function finalizeWork(bytes32[] workIds) returns(uint256 credited)
func (iAIMining *IAIMining) UnpackFinalizeWork(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("finalizeWork", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGatewayBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x757d5a67.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function gatewayBudget(bytes32 gatewayId) view returns(uint64 budget, uint64 epoch, uint64 spent)
func (iAIMining *IAIMining) PackGatewayBudget(gatewayId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("gatewayBudget", gatewayId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGatewayBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x757d5a67.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function gatewayBudget(bytes32 gatewayId) view returns(uint64 budget, uint64 epoch, uint64 spent)
func (iAIMining *IAIMining) TryPackGatewayBudget(gatewayId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("gatewayBudget", gatewayId)
}

// GatewayBudgetOutput serves as a container for the return parameters of contract
// method GatewayBudget.
type GatewayBudgetOutput struct {
	Budget uint64
	Epoch  uint64
	Spent  uint64
}

// UnpackGatewayBudget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x757d5a67.
//
// Solidity: function gatewayBudget(bytes32 gatewayId) view returns(uint64 budget, uint64 epoch, uint64 spent)
func (iAIMining *IAIMining) UnpackGatewayBudget(data []byte) (GatewayBudgetOutput, error) {
	out, err := iAIMining.abi.Unpack("gatewayBudget", data)
	outstruct := new(GatewayBudgetOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Budget = *abi.ConvertType(out[0], new(uint64)).(*uint64)
	outstruct.Epoch = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.Spent = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackGatewayStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xddfc738f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function gatewayStatus(bytes32 gatewayId) view returns(bool ticketsRequired, uint8 status)
func (iAIMining *IAIMining) PackGatewayStatus(gatewayId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("gatewayStatus", gatewayId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGatewayStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xddfc738f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function gatewayStatus(bytes32 gatewayId) view returns(bool ticketsRequired, uint8 status)
func (iAIMining *IAIMining) TryPackGatewayStatus(gatewayId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("gatewayStatus", gatewayId)
}

// GatewayStatusOutput serves as a container for the return parameters of contract
// method GatewayStatus.
type GatewayStatusOutput struct {
	TicketsRequired bool
	Status          uint8
}

// UnpackGatewayStatus is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xddfc738f.
//
// Solidity: function gatewayStatus(bytes32 gatewayId) view returns(bool ticketsRequired, uint8 status)
func (iAIMining *IAIMining) UnpackGatewayStatus(data []byte) (GatewayStatusOutput, error) {
	out, err := iAIMining.abi.Unpack("gatewayStatus", data)
	outstruct := new(GatewayStatusOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.TicketsRequired = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Status = *abi.ConvertType(out[1], new(uint8)).(*uint8)
	return *outstruct, nil
}

// PackIsAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e8f3c95.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isAggregator(address account) view returns(bool)
func (iAIMining *IAIMining) PackIsAggregator(account common.Address) []byte {
	enc, err := iAIMining.abi.Pack("isAggregator", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e8f3c95.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isAggregator(address account) view returns(bool)
func (iAIMining *IAIMining) TryPackIsAggregator(account common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("isAggregator", account)
}

// UnpackIsAggregator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1e8f3c95.
//
// Solidity: function isAggregator(address account) view returns(bool)
func (iAIMining *IAIMining) UnpackIsAggregator(data []byte) (bool, error) {
	out, err := iAIMining.abi.Unpack("isAggregator", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSpent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe5285dcc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSpent(bytes32 workId) view returns(bool)
func (iAIMining *IAIMining) PackIsSpent(workId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("isSpent", workId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSpent is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe5285dcc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSpent(bytes32 workId) view returns(bool)
func (iAIMining *IAIMining) TryPackIsSpent(workId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("isSpent", workId)
}

// UnpackIsSpent is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe5285dcc.
//
// Solidity: function isSpent(bytes32 workId) view returns(bool)
func (iAIMining *IAIMining) UnpackIsSpent(data []byte) (bool, error) {
	out, err := iAIMining.abi.Unpack("isSpent", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMarkSelected is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xde7ca7d1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function markSelected(bytes32[] workIds) returns(uint256 opened)
func (iAIMining *IAIMining) PackMarkSelected(workIds [][32]byte) []byte {
	enc, err := iAIMining.abi.Pack("markSelected", workIds)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMarkSelected is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xde7ca7d1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function markSelected(bytes32[] workIds) returns(uint256 opened)
func (iAIMining *IAIMining) TryPackMarkSelected(workIds [][32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("markSelected", workIds)
}

// UnpackMarkSelected is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xde7ca7d1.
//
// Solidity: function markSelected(bytes32[] workIds) returns(uint256 opened)
func (iAIMining *IAIMining) UnpackMarkSelected(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("markSelected", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMiningBalance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3d7bc64.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function miningBalance(address miner) view returns(uint256)
func (iAIMining *IAIMining) PackMiningBalance(miner common.Address) []byte {
	enc, err := iAIMining.abi.Pack("miningBalance", miner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMiningBalance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3d7bc64.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function miningBalance(address miner) view returns(uint256)
func (iAIMining *IAIMining) TryPackMiningBalance(miner common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("miningBalance", miner)
}

// UnpackMiningBalance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd3d7bc64.
//
// Solidity: function miningBalance(address miner) view returns(uint256)
func (iAIMining *IAIMining) UnpackMiningBalance(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("miningBalance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackModelInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x427a64f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function modelInfo(bytes32 modelHash) view returns(bool registered, uint64 parameters, uint8 tokenizer, uint16 bytesPerToken, uint32 maxInputTokens, uint32 maxOutputTokens, uint8 verifier)
func (iAIMining *IAIMining) PackModelInfo(modelHash [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("modelInfo", modelHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackModelInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x427a64f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function modelInfo(bytes32 modelHash) view returns(bool registered, uint64 parameters, uint8 tokenizer, uint16 bytesPerToken, uint32 maxInputTokens, uint32 maxOutputTokens, uint8 verifier)
func (iAIMining *IAIMining) TryPackModelInfo(modelHash [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("modelInfo", modelHash)
}

// ModelInfoOutput serves as a container for the return parameters of contract
// method ModelInfo.
type ModelInfoOutput struct {
	Registered      bool
	Parameters      uint64
	Tokenizer       uint8
	BytesPerToken   uint16
	MaxInputTokens  uint32
	MaxOutputTokens uint32
	Verifier        uint8
}

// UnpackModelInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x427a64f9.
//
// Solidity: function modelInfo(bytes32 modelHash) view returns(bool registered, uint64 parameters, uint8 tokenizer, uint16 bytesPerToken, uint32 maxInputTokens, uint32 maxOutputTokens, uint8 verifier)
func (iAIMining *IAIMining) UnpackModelInfo(data []byte) (ModelInfoOutput, error) {
	out, err := iAIMining.abi.Unpack("modelInfo", data)
	outstruct := new(ModelInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Registered = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Parameters = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.Tokenizer = *abi.ConvertType(out[2], new(uint8)).(*uint8)
	outstruct.BytesPerToken = *abi.ConvertType(out[3], new(uint16)).(*uint16)
	outstruct.MaxInputTokens = *abi.ConvertType(out[4], new(uint32)).(*uint32)
	outstruct.MaxOutputTokens = *abi.ConvertType(out[5], new(uint32)).(*uint32)
	outstruct.Verifier = *abi.ConvertType(out[6], new(uint8)).(*uint8)
	return *outstruct, nil
}

// PackParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89035730.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function parameters() view returns((address,uint256,uint64,uint256,uint16,uint64,uint64,uint64,uint16,uint16,uint32,uint256,uint16,uint64,uint64,uint32))
func (iAIMining *IAIMining) PackParameters() []byte {
	enc, err := iAIMining.abi.Pack("parameters")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x89035730.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function parameters() view returns((address,uint256,uint64,uint256,uint16,uint64,uint64,uint64,uint16,uint16,uint32,uint256,uint16,uint64,uint64,uint32))
func (iAIMining *IAIMining) TryPackParameters() ([]byte, error) {
	return iAIMining.abi.Pack("parameters")
}

// UnpackParameters is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x89035730.
//
// Solidity: function parameters() view returns((address,uint256,uint64,uint256,uint16,uint64,uint64,uint64,uint16,uint16,uint32,uint256,uint16,uint64,uint64,uint32))
func (iAIMining *IAIMining) UnpackParameters(data []byte) (IAIMiningParameters, error) {
	out, err := iAIMining.abi.Unpack("parameters", data)
	if err != nil {
		return *new(IAIMiningParameters), err
	}
	out0 := *abi.ConvertType(out[0], new(IAIMiningParameters)).(*IAIMiningParameters)
	return out0, nil
}

// PackPendingTeleports is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x31c86278.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingTeleports(address recipient) view returns(bytes32[])
func (iAIMining *IAIMining) PackPendingTeleports(recipient common.Address) []byte {
	enc, err := iAIMining.abi.Pack("pendingTeleports", recipient)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingTeleports is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x31c86278.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingTeleports(address recipient) view returns(bytes32[])
func (iAIMining *IAIMining) TryPackPendingTeleports(recipient common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("pendingTeleports", recipient)
}

// UnpackPendingTeleports is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x31c86278.
//
// Solidity: function pendingTeleports(address recipient) view returns(bytes32[])
func (iAIMining *IAIMining) UnpackPendingTeleports(data []byte) ([][32]byte, error) {
	out, err := iAIMining.abi.Unpack("pendingTeleports", data)
	if err != nil {
		return *new([][32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([][32]byte)).(*[][32]byte)
	return out0, nil
}

// PackPendingWork is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x88f09e26.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingWork(bytes32 workId) view returns(uint8 status, address beneficiary, bytes32 minerId, uint256 amount, uint64 submittedAt, uint64 finalizableAt, bytes32 proofDigest)
func (iAIMining *IAIMining) PackPendingWork(workId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("pendingWork", workId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingWork is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x88f09e26.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingWork(bytes32 workId) view returns(uint8 status, address beneficiary, bytes32 minerId, uint256 amount, uint64 submittedAt, uint64 finalizableAt, bytes32 proofDigest)
func (iAIMining *IAIMining) TryPackPendingWork(workId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("pendingWork", workId)
}

// PendingWorkOutput serves as a container for the return parameters of contract
// method PendingWork.
type PendingWorkOutput struct {
	Status        uint8
	Beneficiary   common.Address
	MinerId       [32]byte
	Amount        *big.Int
	SubmittedAt   uint64
	FinalizableAt uint64
	ProofDigest   [32]byte
}

// UnpackPendingWork is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x88f09e26.
//
// Solidity: function pendingWork(bytes32 workId) view returns(uint8 status, address beneficiary, bytes32 minerId, uint256 amount, uint64 submittedAt, uint64 finalizableAt, bytes32 proofDigest)
func (iAIMining *IAIMining) UnpackPendingWork(data []byte) (PendingWorkOutput, error) {
	out, err := iAIMining.abi.Unpack("pendingWork", data)
	outstruct := new(PendingWorkOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Status = *abi.ConvertType(out[0], new(uint8)).(*uint8)
	outstruct.Beneficiary = *abi.ConvertType(out[1], new(common.Address)).(*common.Address)
	outstruct.MinerId = *abi.ConvertType(out[2], new([32]byte)).(*[32]byte)
	outstruct.Amount = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.SubmittedAt = *abi.ConvertType(out[4], new(uint64)).(*uint64)
	outstruct.FinalizableAt = *abi.ConvertType(out[5], new(uint64)).(*uint64)
	outstruct.ProofDigest = *abi.ConvertType(out[6], new([32]byte)).(*[32]byte)
	return *outstruct, nil
}

// PackPublishRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf35d3f32.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function publishRound(uint64 roundId, bytes32 modelHash, bytes32 rewardsRoot, uint256 total) returns()
func (iAIMining *IAIMining) PackPublishRound(roundId uint64, modelHash [32]byte, rewardsRoot [32]byte, total *big.Int) []byte {
	enc, err := iAIMining.abi.Pack("publishRound", roundId, modelHash, rewardsRoot, total)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPublishRound is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf35d3f32.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function publishRound(uint64 roundId, bytes32 modelHash, bytes32 rewardsRoot, uint256 total) returns()
func (iAIMining *IAIMining) TryPackPublishRound(roundId uint64, modelHash [32]byte, rewardsRoot [32]byte, total *big.Int) ([]byte, error) {
	return iAIMining.abi.Pack("publishRound", roundId, modelHash, rewardsRoot, total)
}

// PackRegisterAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x86d5ccd0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerAggregator(address aggregator) returns()
func (iAIMining *IAIMining) PackRegisterAggregator(aggregator common.Address) []byte {
	enc, err := iAIMining.abi.Pack("registerAggregator", aggregator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x86d5ccd0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerAggregator(address aggregator) returns()
func (iAIMining *IAIMining) TryPackRegisterAggregator(aggregator common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("registerAggregator", aggregator)
}

// PackRegisterDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9f92fb1c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerDevice(bytes certChain, bytes report, bytes32 minerId) returns(bytes32 deviceId)
func (iAIMining *IAIMining) PackRegisterDevice(certChain []byte, report []byte, minerId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("registerDevice", certChain, report, minerId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9f92fb1c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerDevice(bytes certChain, bytes report, bytes32 minerId) returns(bytes32 deviceId)
func (iAIMining *IAIMining) TryPackRegisterDevice(certChain []byte, report []byte, minerId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("registerDevice", certChain, report, minerId)
}

// UnpackRegisterDevice is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9f92fb1c.
//
// Solidity: function registerDevice(bytes certChain, bytes report, bytes32 minerId) returns(bytes32 deviceId)
func (iAIMining *IAIMining) UnpackRegisterDevice(data []byte) ([32]byte, error) {
	out, err := iAIMining.abi.Unpack("registerDevice", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRegisterGateway is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x694ba767.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerGateway(bytes publicKey) returns(bytes32 gatewayId)
func (iAIMining *IAIMining) PackRegisterGateway(publicKey []byte) []byte {
	enc, err := iAIMining.abi.Pack("registerGateway", publicKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterGateway is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x694ba767.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerGateway(bytes publicKey) returns(bytes32 gatewayId)
func (iAIMining *IAIMining) TryPackRegisterGateway(publicKey []byte) ([]byte, error) {
	return iAIMining.abi.Pack("registerGateway", publicKey)
}

// UnpackRegisterGateway is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x694ba767.
//
// Solidity: function registerGateway(bytes publicKey) returns(bytes32 gatewayId)
func (iAIMining *IAIMining) UnpackRegisterGateway(data []byte) ([32]byte, error) {
	out, err := iAIMining.abi.Unpack("registerGateway", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRegisterModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2dd9a2ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerModel(bytes32 modelHash, uint64 parameters, uint8 tokenizer, uint16 bytesPerToken, uint32 maxInputTokens, uint32 maxOutputTokens, uint8 verifier) returns()
func (iAIMining *IAIMining) PackRegisterModel(modelHash [32]byte, parameters uint64, tokenizer uint8, bytesPerToken uint16, maxInputTokens uint32, maxOutputTokens uint32, verifier uint8) []byte {
	enc, err := iAIMining.abi.Pack("registerModel", modelHash, parameters, tokenizer, bytesPerToken, maxInputTokens, maxOutputTokens, verifier)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2dd9a2ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerModel(bytes32 modelHash, uint64 parameters, uint8 tokenizer, uint16 bytesPerToken, uint32 maxInputTokens, uint32 maxOutputTokens, uint8 verifier) returns()
func (iAIMining *IAIMining) TryPackRegisterModel(modelHash [32]byte, parameters uint64, tokenizer uint8, bytesPerToken uint16, maxInputTokens uint32, maxOutputTokens uint32, verifier uint8) ([]byte, error) {
	return iAIMining.abi.Pack("registerModel", modelHash, parameters, tokenizer, bytesPerToken, maxInputTokens, maxOutputTokens, verifier)
}

// PackRegisterVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xea968a2d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerVerifier() payable returns(uint256 stake)
func (iAIMining *IAIMining) PackRegisterVerifier() []byte {
	enc, err := iAIMining.abi.Pack("registerVerifier")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xea968a2d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerVerifier() payable returns(uint256 stake)
func (iAIMining *IAIMining) TryPackRegisterVerifier() ([]byte, error) {
	return iAIMining.abi.Pack("registerVerifier")
}

// UnpackRegisterVerifier is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xea968a2d.
//
// Solidity: function registerVerifier() payable returns(uint256 stake)
func (iAIMining *IAIMining) UnpackRegisterVerifier(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("registerVerifier", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRegistrationNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x10059967.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registrationNonce(bytes32 deviceId, bytes32 minerId) view returns(bytes32)
func (iAIMining *IAIMining) PackRegistrationNonce(deviceId [32]byte, minerId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("registrationNonce", deviceId, minerId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegistrationNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x10059967.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registrationNonce(bytes32 deviceId, bytes32 minerId) view returns(bytes32)
func (iAIMining *IAIMining) TryPackRegistrationNonce(deviceId [32]byte, minerId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("registrationNonce", deviceId, minerId)
}

// UnpackRegistrationNonce is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x10059967.
//
// Solidity: function registrationNonce(bytes32 deviceId, bytes32 minerId) view returns(bytes32)
func (iAIMining *IAIMining) UnpackRegistrationNonce(data []byte) ([32]byte, error) {
	out, err := iAIMining.abi.Unpack("registrationNonce", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRelayTeleport is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5d70d017.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function relayTeleport(bytes message, uint8[] signers, bytes[] publicKeys, bytes[] signatures) returns(bytes32 teleportId)
func (iAIMining *IAIMining) PackRelayTeleport(message []byte, signers []uint8, publicKeys [][]byte, signatures [][]byte) []byte {
	enc, err := iAIMining.abi.Pack("relayTeleport", message, signers, publicKeys, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRelayTeleport is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5d70d017.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function relayTeleport(bytes message, uint8[] signers, bytes[] publicKeys, bytes[] signatures) returns(bytes32 teleportId)
func (iAIMining *IAIMining) TryPackRelayTeleport(message []byte, signers []uint8, publicKeys [][]byte, signatures [][]byte) ([]byte, error) {
	return iAIMining.abi.Pack("relayTeleport", message, signers, publicKeys, signatures)
}

// UnpackRelayTeleport is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5d70d017.
//
// Solidity: function relayTeleport(bytes message, uint8[] signers, bytes[] publicKeys, bytes[] signatures) returns(bytes32 teleportId)
func (iAIMining *IAIMining) UnpackRelayTeleport(data []byte) ([32]byte, error) {
	out, err := iAIMining.abi.Unpack("relayTeleport", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRemoveModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5153c44c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeModel(bytes32 modelHash) returns()
func (iAIMining *IAIMining) PackRemoveModel(modelHash [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("removeModel", modelHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveModel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5153c44c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeModel(bytes32 modelHash) returns()
func (iAIMining *IAIMining) TryPackRemoveModel(modelHash [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("removeModel", modelHash)
}

// PackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf7317e2e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestUnbond(bytes32 minerId, uint256 amount) returns(uint64 readyAt)
func (iAIMining *IAIMining) PackRequestUnbond(minerId [32]byte, amount *big.Int) []byte {
	enc, err := iAIMining.abi.Pack("requestUnbond", minerId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf7317e2e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestUnbond(bytes32 minerId, uint256 amount) returns(uint64 readyAt)
func (iAIMining *IAIMining) TryPackRequestUnbond(minerId [32]byte, amount *big.Int) ([]byte, error) {
	return iAIMining.abi.Pack("requestUnbond", minerId, amount)
}

// UnpackRequestUnbond is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf7317e2e.
//
// Solidity: function requestUnbond(bytes32 minerId, uint256 amount) returns(uint64 readyAt)
func (iAIMining *IAIMining) UnpackRequestUnbond(data []byte) (uint64, error) {
	out, err := iAIMining.abi.Unpack("requestUnbond", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackRequestVerifierExit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8c6645f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestVerifierExit() returns(uint64 readyAt)
func (iAIMining *IAIMining) PackRequestVerifierExit() []byte {
	enc, err := iAIMining.abi.Pack("requestVerifierExit")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestVerifierExit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8c6645f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestVerifierExit() returns(uint64 readyAt)
func (iAIMining *IAIMining) TryPackRequestVerifierExit() ([]byte, error) {
	return iAIMining.abi.Pack("requestVerifierExit")
}

// UnpackRequestVerifierExit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd8c6645f.
//
// Solidity: function requestVerifierExit() returns(uint64 readyAt)
func (iAIMining *IAIMining) UnpackRequestVerifierExit(data []byte) (uint64, error) {
	out, err := iAIMining.abi.Unpack("requestVerifierExit", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackReveal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a2ec8e0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reveal(bytes32 workId, bytes proof, bytes input, bytes output) returns(uint8 outcome)
func (iAIMining *IAIMining) PackReveal(workId [32]byte, proof []byte, input []byte, output []byte) []byte {
	enc, err := iAIMining.abi.Pack("reveal", workId, proof, input, output)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReveal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a2ec8e0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reveal(bytes32 workId, bytes proof, bytes input, bytes output) returns(uint8 outcome)
func (iAIMining *IAIMining) TryPackReveal(workId [32]byte, proof []byte, input []byte, output []byte) ([]byte, error) {
	return iAIMining.abi.Pack("reveal", workId, proof, input, output)
}

// UnpackReveal is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0a2ec8e0.
//
// Solidity: function reveal(bytes32 workId, bytes proof, bytes input, bytes output) returns(uint8 outcome)
func (iAIMining *IAIMining) UnpackReveal(data []byte) (uint8, error) {
	out, err := iAIMining.abi.Unpack("reveal", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackRevealBatchItem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41b9b11d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revealBatchItem(bytes32 batchId, uint16 count, bytes32 root, uint16 index, bytes item, bytes32[] path, bytes input, bytes output) returns(uint8 outcome)
func (iAIMining *IAIMining) PackRevealBatchItem(batchId [32]byte, count uint16, root [32]byte, index uint16, item []byte, path [][32]byte, input []byte, output []byte) []byte {
	enc, err := iAIMining.abi.Pack("revealBatchItem", batchId, count, root, index, item, path, input, output)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevealBatchItem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41b9b11d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revealBatchItem(bytes32 batchId, uint16 count, bytes32 root, uint16 index, bytes item, bytes32[] path, bytes input, bytes output) returns(uint8 outcome)
func (iAIMining *IAIMining) TryPackRevealBatchItem(batchId [32]byte, count uint16, root [32]byte, index uint16, item []byte, path [][32]byte, input []byte, output []byte) ([]byte, error) {
	return iAIMining.abi.Pack("revealBatchItem", batchId, count, root, index, item, path, input, output)
}

// UnpackRevealBatchItem is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x41b9b11d.
//
// Solidity: function revealBatchItem(bytes32 batchId, uint16 count, bytes32 root, uint16 index, bytes item, bytes32[] path, bytes input, bytes output) returns(uint8 outcome)
func (iAIMining *IAIMining) UnpackRevealBatchItem(data []byte) (uint8, error) {
	out, err := iAIMining.abi.Unpack("revealBatchItem", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackRevealVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6969b83c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revealVote(bytes32 workId, uint8 verdict, bytes32 salt) returns()
func (iAIMining *IAIMining) PackRevealVote(workId [32]byte, verdict uint8, salt [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("revealVote", workId, verdict, salt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevealVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6969b83c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revealVote(bytes32 workId, uint8 verdict, bytes32 salt) returns()
func (iAIMining *IAIMining) TryPackRevealVote(workId [32]byte, verdict uint8, salt [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("revealVote", workId, verdict, salt)
}

// PackRevokeAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd1240fe9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeAggregator(address aggregator) returns()
func (iAIMining *IAIMining) PackRevokeAggregator(aggregator common.Address) []byte {
	enc, err := iAIMining.abi.Pack("revokeAggregator", aggregator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeAggregator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd1240fe9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeAggregator(address aggregator) returns()
func (iAIMining *IAIMining) TryPackRevokeAggregator(aggregator common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("revokeAggregator", aggregator)
}

// PackRevokeDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6df0964.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeDevice(bytes32 deviceId) returns()
func (iAIMining *IAIMining) PackRevokeDevice(deviceId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("revokeDevice", deviceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeDevice is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6df0964.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeDevice(bytes32 deviceId) returns()
func (iAIMining *IAIMining) TryPackRevokeDevice(deviceId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("revokeDevice", deviceId)
}

// PackRevokeGateway is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd026a64b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeGateway(bytes32 gatewayId) returns()
func (iAIMining *IAIMining) PackRevokeGateway(gatewayId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("revokeGateway", gatewayId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeGateway is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd026a64b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeGateway(bytes32 gatewayId) returns()
func (iAIMining *IAIMining) TryPackRevokeGateway(gatewayId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("revokeGateway", gatewayId)
}

// PackRewardLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05fea20b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rewardLeaf(uint64 roundId, address recipient, uint256 amount) view returns(bytes32)
func (iAIMining *IAIMining) PackRewardLeaf(roundId uint64, recipient common.Address, amount *big.Int) []byte {
	enc, err := iAIMining.abi.Pack("rewardLeaf", roundId, recipient, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRewardLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05fea20b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rewardLeaf(uint64 roundId, address recipient, uint256 amount) view returns(bytes32)
func (iAIMining *IAIMining) TryPackRewardLeaf(roundId uint64, recipient common.Address, amount *big.Int) ([]byte, error) {
	return iAIMining.abi.Pack("rewardLeaf", roundId, recipient, amount)
}

// UnpackRewardLeaf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x05fea20b.
//
// Solidity: function rewardLeaf(uint64 roundId, address recipient, uint256 amount) view returns(bytes32)
func (iAIMining *IAIMining) UnpackRewardLeaf(data []byte) ([32]byte, error) {
	out, err := iAIMining.abi.Unpack("rewardLeaf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRoundClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5fc5c03c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function roundClaimed(uint64 roundId, address recipient) view returns(uint256)
func (iAIMining *IAIMining) PackRoundClaimed(roundId uint64, recipient common.Address) []byte {
	enc, err := iAIMining.abi.Pack("roundClaimed", roundId, recipient)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRoundClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5fc5c03c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function roundClaimed(uint64 roundId, address recipient) view returns(uint256)
func (iAIMining *IAIMining) TryPackRoundClaimed(roundId uint64, recipient common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("roundClaimed", roundId, recipient)
}

// UnpackRoundClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5fc5c03c.
//
// Solidity: function roundClaimed(uint64 roundId, address recipient) view returns(uint256)
func (iAIMining *IAIMining) UnpackRoundClaimed(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("roundClaimed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRoundInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2412a261.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function roundInfo(uint64 roundId) view returns(address aggregator, uint64 publishedAt, bytes32 modelHash, bytes32 rewardsRoot, uint256 total, uint256 claimed)
func (iAIMining *IAIMining) PackRoundInfo(roundId uint64) []byte {
	enc, err := iAIMining.abi.Pack("roundInfo", roundId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRoundInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2412a261.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function roundInfo(uint64 roundId) view returns(address aggregator, uint64 publishedAt, bytes32 modelHash, bytes32 rewardsRoot, uint256 total, uint256 claimed)
func (iAIMining *IAIMining) TryPackRoundInfo(roundId uint64) ([]byte, error) {
	return iAIMining.abi.Pack("roundInfo", roundId)
}

// RoundInfoOutput serves as a container for the return parameters of contract
// method RoundInfo.
type RoundInfoOutput struct {
	Aggregator  common.Address
	PublishedAt uint64
	ModelHash   [32]byte
	RewardsRoot [32]byte
	Total       *big.Int
	Claimed     *big.Int
}

// UnpackRoundInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2412a261.
//
// Solidity: function roundInfo(uint64 roundId) view returns(address aggregator, uint64 publishedAt, bytes32 modelHash, bytes32 rewardsRoot, uint256 total, uint256 claimed)
func (iAIMining *IAIMining) UnpackRoundInfo(data []byte) (RoundInfoOutput, error) {
	out, err := iAIMining.abi.Unpack("roundInfo", data)
	outstruct := new(RoundInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Aggregator = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.PublishedAt = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.ModelHash = *abi.ConvertType(out[2], new([32]byte)).(*[32]byte)
	outstruct.RewardsRoot = *abi.ConvertType(out[3], new([32]byte)).(*[32]byte)
	outstruct.Total = abi.ConvertType(out[4], new(big.Int)).(*big.Int)
	outstruct.Claimed = abi.ConvertType(out[5], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackRoundPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd54f9ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function roundPool() view returns(uint256)
func (iAIMining *IAIMining) PackRoundPool() []byte {
	enc, err := iAIMining.abi.Pack("roundPool")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRoundPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd54f9ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function roundPool() view returns(uint256)
func (iAIMining *IAIMining) TryPackRoundPool() ([]byte, error) {
	return iAIMining.abi.Pack("roundPool")
}

// UnpackRoundPool is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfd54f9ce.
//
// Solidity: function roundPool() view returns(uint256)
func (iAIMining *IAIMining) UnpackRoundPool(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("roundPool", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSeqWord is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc4ee09a2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function seqWord(bytes32 minerId, uint64 word) view returns(uint256 bits)
func (iAIMining *IAIMining) PackSeqWord(minerId [32]byte, word uint64) []byte {
	enc, err := iAIMining.abi.Pack("seqWord", minerId, word)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSeqWord is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc4ee09a2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function seqWord(bytes32 minerId, uint64 word) view returns(uint256 bits)
func (iAIMining *IAIMining) TryPackSeqWord(minerId [32]byte, word uint64) ([]byte, error) {
	return iAIMining.abi.Pack("seqWord", minerId, word)
}

// UnpackSeqWord is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc4ee09a2.
//
// Solidity: function seqWord(bytes32 minerId, uint64 word) view returns(uint256 bits)
func (iAIMining *IAIMining) UnpackSeqWord(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("seqWord", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSetAttestationAllowlist is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x006e422a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setAttestationAllowlist(uint8 kind, bytes32 item, bool allowed) returns()
func (iAIMining *IAIMining) PackSetAttestationAllowlist(kind uint8, item [32]byte, allowed bool) []byte {
	enc, err := iAIMining.abi.Pack("setAttestationAllowlist", kind, item, allowed)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetAttestationAllowlist is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x006e422a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setAttestationAllowlist(uint8 kind, bytes32 item, bool allowed) returns()
func (iAIMining *IAIMining) TryPackSetAttestationAllowlist(kind uint8, item [32]byte, allowed bool) ([]byte, error) {
	return iAIMining.abi.Pack("setAttestationAllowlist", kind, item, allowed)
}

// PackSetAuditParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7a00269c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setAuditParameters(uint64 auditDelay, uint16 auditProbabilityBps, uint64 revealWindow, uint256 challengeBond, uint16 challengerRewardBps) returns()
func (iAIMining *IAIMining) PackSetAuditParameters(auditDelay uint64, auditProbabilityBps uint16, revealWindow uint64, challengeBond *big.Int, challengerRewardBps uint16) []byte {
	enc, err := iAIMining.abi.Pack("setAuditParameters", auditDelay, auditProbabilityBps, revealWindow, challengeBond, challengerRewardBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetAuditParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7a00269c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setAuditParameters(uint64 auditDelay, uint16 auditProbabilityBps, uint64 revealWindow, uint256 challengeBond, uint16 challengerRewardBps) returns()
func (iAIMining *IAIMining) TryPackSetAuditParameters(auditDelay uint64, auditProbabilityBps uint16, revealWindow uint64, challengeBond *big.Int, challengerRewardBps uint16) ([]byte, error) {
	return iAIMining.abi.Pack("setAuditParameters", auditDelay, auditProbabilityBps, revealWindow, challengeBond, challengerRewardBps)
}

// PackSetBaseReward is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0373a23a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setBaseReward(uint256 baseReward) returns()
func (iAIMining *IAIMining) PackSetBaseReward(baseReward *big.Int) []byte {
	enc, err := iAIMining.abi.Pack("setBaseReward", baseReward)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetBaseReward is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0373a23a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setBaseReward(uint256 baseReward) returns()
func (iAIMining *IAIMining) TryPackSetBaseReward(baseReward *big.Int) ([]byte, error) {
	return iAIMining.abi.Pack("setBaseReward", baseReward)
}

// PackSetBondParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94c96aeb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setBondParameters(uint256 minBond, uint16 bondRewardCapBps, uint64 challengeWindow, uint64 unbondingDelay) returns()
func (iAIMining *IAIMining) PackSetBondParameters(minBond *big.Int, bondRewardCapBps uint16, challengeWindow uint64, unbondingDelay uint64) []byte {
	enc, err := iAIMining.abi.Pack("setBondParameters", minBond, bondRewardCapBps, challengeWindow, unbondingDelay)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetBondParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94c96aeb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setBondParameters(uint256 minBond, uint16 bondRewardCapBps, uint64 challengeWindow, uint64 unbondingDelay) returns()
func (iAIMining *IAIMining) TryPackSetBondParameters(minBond *big.Int, bondRewardCapBps uint16, challengeWindow uint64, unbondingDelay uint64) ([]byte, error) {
	return iAIMining.abi.Pack("setBondParameters", minBond, bondRewardCapBps, challengeWindow, unbondingDelay)
}

// PackSetCaps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2009839f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setCaps(uint64 maxComputeUnitsPerProof, uint32 maxBatchSize) returns()
func (iAIMining *IAIMining) PackSetCaps(maxComputeUnitsPerProof uint64, maxBatchSize uint32) []byte {
	enc, err := iAIMining.abi.Pack("setCaps", maxComputeUnitsPerProof, maxBatchSize)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetCaps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2009839f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setCaps(uint64 maxComputeUnitsPerProof, uint32 maxBatchSize) returns()
func (iAIMining *IAIMining) TryPackSetCaps(maxComputeUnitsPerProof uint64, maxBatchSize uint32) ([]byte, error) {
	return iAIMining.abi.Pack("setCaps", maxComputeUnitsPerProof, maxBatchSize)
}

// PackSetCommitteeParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8cbd460.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setCommitteeParameters(uint16 committeeSize, uint64 voteCommitWindow, uint64 voteRevealWindow, uint256 minVerifierStake, uint16 missedVotePenaltyBps) returns()
func (iAIMining *IAIMining) PackSetCommitteeParameters(committeeSize uint16, voteCommitWindow uint64, voteRevealWindow uint64, minVerifierStake *big.Int, missedVotePenaltyBps uint16) []byte {
	enc, err := iAIMining.abi.Pack("setCommitteeParameters", committeeSize, voteCommitWindow, voteRevealWindow, minVerifierStake, missedVotePenaltyBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetCommitteeParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd8cbd460.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setCommitteeParameters(uint16 committeeSize, uint64 voteCommitWindow, uint64 voteRevealWindow, uint256 minVerifierStake, uint16 missedVotePenaltyBps) returns()
func (iAIMining *IAIMining) TryPackSetCommitteeParameters(committeeSize uint16, voteCommitWindow uint64, voteRevealWindow uint64, minVerifierStake *big.Int, missedVotePenaltyBps uint16) ([]byte, error) {
	return iAIMining.abi.Pack("setCommitteeParameters", committeeSize, voteCommitWindow, voteRevealWindow, minVerifierStake, missedVotePenaltyBps)
}

// PackSetDeviceEpochCap is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1535effb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setDeviceEpochCap(uint32 cap) returns()
func (iAIMining *IAIMining) PackSetDeviceEpochCap(cap uint32) []byte {
	enc, err := iAIMining.abi.Pack("setDeviceEpochCap", cap)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetDeviceEpochCap is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1535effb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setDeviceEpochCap(uint32 cap) returns()
func (iAIMining *IAIMining) TryPackSetDeviceEpochCap(cap uint32) ([]byte, error) {
	return iAIMining.abi.Pack("setDeviceEpochCap", cap)
}

// PackSetEpochParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe136748a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setEpochParameters(uint64 epochLength, uint256 targetComputePerEpoch, uint16 maxAdjustmentStepBps) returns()
func (iAIMining *IAIMining) PackSetEpochParameters(epochLength uint64, targetComputePerEpoch *big.Int, maxAdjustmentStepBps uint16) []byte {
	enc, err := iAIMining.abi.Pack("setEpochParameters", epochLength, targetComputePerEpoch, maxAdjustmentStepBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetEpochParameters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe136748a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setEpochParameters(uint64 epochLength, uint256 targetComputePerEpoch, uint16 maxAdjustmentStepBps) returns()
func (iAIMining *IAIMining) TryPackSetEpochParameters(epochLength uint64, targetComputePerEpoch *big.Int, maxAdjustmentStepBps uint16) ([]byte, error) {
	return iAIMining.abi.Pack("setEpochParameters", epochLength, targetComputePerEpoch, maxAdjustmentStepBps)
}

// PackSetGatewayBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9eff217.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setGatewayBudget(bytes32 gatewayId, uint64 computeUnitsPerEpoch) returns()
func (iAIMining *IAIMining) PackSetGatewayBudget(gatewayId [32]byte, computeUnitsPerEpoch uint64) []byte {
	enc, err := iAIMining.abi.Pack("setGatewayBudget", gatewayId, computeUnitsPerEpoch)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetGatewayBudget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd9eff217.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setGatewayBudget(bytes32 gatewayId, uint64 computeUnitsPerEpoch) returns()
func (iAIMining *IAIMining) TryPackSetGatewayBudget(gatewayId [32]byte, computeUnitsPerEpoch uint64) ([]byte, error) {
	return iAIMining.abi.Pack("setGatewayBudget", gatewayId, computeUnitsPerEpoch)
}

// PackSetRoundPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78eca325.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setRoundPool(uint256 pool) returns()
func (iAIMining *IAIMining) PackSetRoundPool(pool *big.Int) []byte {
	enc, err := iAIMining.abi.Pack("setRoundPool", pool)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetRoundPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x78eca325.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setRoundPool(uint256 pool) returns()
func (iAIMining *IAIMining) TryPackSetRoundPool(pool *big.Int) ([]byte, error) {
	return iAIMining.abi.Pack("setRoundPool", pool)
}

// PackSetTeleportMinimum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x826cad2d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTeleportMinimum(uint256 minimum) returns()
func (iAIMining *IAIMining) PackSetTeleportMinimum(minimum *big.Int) []byte {
	enc, err := iAIMining.abi.Pack("setTeleportMinimum", minimum)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTeleportMinimum is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x826cad2d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTeleportMinimum(uint256 minimum) returns()
func (iAIMining *IAIMining) TryPackSetTeleportMinimum(minimum *big.Int) ([]byte, error) {
	return iAIMining.abi.Pack("setTeleportMinimum", minimum)
}

// PackSetTeleportSigners is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd015463.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTeleportSigners(uint32 sourceChain, bytes[] publicKeys, uint8 threshold) returns()
func (iAIMining *IAIMining) PackSetTeleportSigners(sourceChain uint32, publicKeys [][]byte, threshold uint8) []byte {
	enc, err := iAIMining.abi.Pack("setTeleportSigners", sourceChain, publicKeys, threshold)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTeleportSigners is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd015463.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTeleportSigners(uint32 sourceChain, bytes[] publicKeys, uint8 threshold) returns()
func (iAIMining *IAIMining) TryPackSetTeleportSigners(sourceChain uint32, publicKeys [][]byte, threshold uint8) ([]byte, error) {
	return iAIMining.abi.Pack("setTeleportSigners", sourceChain, publicKeys, threshold)
}

// PackSetTicketsRequired is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d844687.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTicketsRequired(bool required) returns()
func (iAIMining *IAIMining) PackSetTicketsRequired(required bool) []byte {
	enc, err := iAIMining.abi.Pack("setTicketsRequired", required)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTicketsRequired is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1d844687.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTicketsRequired(bool required) returns()
func (iAIMining *IAIMining) TryPackSetTicketsRequired(required bool) ([]byte, error) {
	return iAIMining.abi.Pack("setTicketsRequired", required)
}

// PackSetTimeWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7281eff.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTimeWindow(uint64 timeWindowPast, uint64 timeWindowFuture) returns()
func (iAIMining *IAIMining) PackSetTimeWindow(timeWindowPast uint64, timeWindowFuture uint64) []byte {
	enc, err := iAIMining.abi.Pack("setTimeWindow", timeWindowPast, timeWindowFuture)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTimeWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7281eff.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTimeWindow(uint64 timeWindowPast, uint64 timeWindowFuture) returns()
func (iAIMining *IAIMining) TryPackSetTimeWindow(timeWindowPast uint64, timeWindowFuture uint64) ([]byte, error) {
	return iAIMining.abi.Pack("setTimeWindow", timeWindowPast, timeWindowFuture)
}

// PackSetTrustScores is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x852bddb9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTrustScores(uint16 trustAttestedBps, uint16 trustSoftwareBps) returns()
func (iAIMining *IAIMining) PackSetTrustScores(trustAttestedBps uint16, trustSoftwareBps uint16) []byte {
	enc, err := iAIMining.abi.Pack("setTrustScores", trustAttestedBps, trustSoftwareBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTrustScores is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x852bddb9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTrustScores(uint16 trustAttestedBps, uint16 trustSoftwareBps) returns()
func (iAIMining *IAIMining) TryPackSetTrustScores(trustAttestedBps uint16, trustSoftwareBps uint16) ([]byte, error) {
	return iAIMining.abi.Pack("setTrustScores", trustAttestedBps, trustSoftwareBps)
}

// PackSetVerifierAdmitted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x10c12c96.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setVerifierAdmitted(address verifier, bool admitted) returns()
func (iAIMining *IAIMining) PackSetVerifierAdmitted(verifier common.Address, admitted bool) []byte {
	enc, err := iAIMining.abi.Pack("setVerifierAdmitted", verifier, admitted)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetVerifierAdmitted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x10c12c96.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setVerifierAdmitted(address verifier, bool admitted) returns()
func (iAIMining *IAIMining) TryPackSetVerifierAdmitted(verifier common.Address, admitted bool) ([]byte, error) {
	return iAIMining.abi.Pack("setVerifierAdmitted", verifier, admitted)
}

// PackSettleAudit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x155b2497.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settleAudit(bytes32 workId) returns(uint8 outcome)
func (iAIMining *IAIMining) PackSettleAudit(workId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("settleAudit", workId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettleAudit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x155b2497.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settleAudit(bytes32 workId) returns(uint8 outcome)
func (iAIMining *IAIMining) TryPackSettleAudit(workId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("settleAudit", workId)
}

// UnpackSettleAudit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x155b2497.
//
// Solidity: function settleAudit(bytes32 workId) returns(uint8 outcome)
func (iAIMining *IAIMining) UnpackSettleAudit(data []byte) (uint8, error) {
	out, err := iAIMining.abi.Unpack("settleAudit", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackSubmitTicketedWork is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1fcfcbf4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function submitTicketedWork(bytes proof, bytes attestation, bytes ticket) returns(uint256 reward)
func (iAIMining *IAIMining) PackSubmitTicketedWork(proof []byte, attestation []byte, ticket []byte) []byte {
	enc, err := iAIMining.abi.Pack("submitTicketedWork", proof, attestation, ticket)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubmitTicketedWork is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1fcfcbf4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function submitTicketedWork(bytes proof, bytes attestation, bytes ticket) returns(uint256 reward)
func (iAIMining *IAIMining) TryPackSubmitTicketedWork(proof []byte, attestation []byte, ticket []byte) ([]byte, error) {
	return iAIMining.abi.Pack("submitTicketedWork", proof, attestation, ticket)
}

// UnpackSubmitTicketedWork is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1fcfcbf4.
//
// Solidity: function submitTicketedWork(bytes proof, bytes attestation, bytes ticket) returns(uint256 reward)
func (iAIMining *IAIMining) UnpackSubmitTicketedWork(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("submitTicketedWork", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSubmitWorkBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05e8b60e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function submitWorkBatch(bytes header, bytes items) returns(bytes32 batchId, uint256 totalReward)
func (iAIMining *IAIMining) PackSubmitWorkBatch(header []byte, items []byte) []byte {
	enc, err := iAIMining.abi.Pack("submitWorkBatch", header, items)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubmitWorkBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05e8b60e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function submitWorkBatch(bytes header, bytes items) returns(bytes32 batchId, uint256 totalReward)
func (iAIMining *IAIMining) TryPackSubmitWorkBatch(header []byte, items []byte) ([]byte, error) {
	return iAIMining.abi.Pack("submitWorkBatch", header, items)
}

// SubmitWorkBatchOutput serves as a container for the return parameters of contract
// method SubmitWorkBatch.
type SubmitWorkBatchOutput struct {
	BatchId     [32]byte
	TotalReward *big.Int
}

// UnpackSubmitWorkBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x05e8b60e.
//
// Solidity: function submitWorkBatch(bytes header, bytes items) returns(bytes32 batchId, uint256 totalReward)
func (iAIMining *IAIMining) UnpackSubmitWorkBatch(data []byte) (SubmitWorkBatchOutput, error) {
	out, err := iAIMining.abi.Unpack("submitWorkBatch", data)
	outstruct := new(SubmitWorkBatchOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.BatchId = *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	outstruct.TotalReward = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackSubmitWorkProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa733975a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function submitWorkProof(bytes proof, bytes attestation) returns(uint256 reward)
func (iAIMining *IAIMining) PackSubmitWorkProof(proof []byte, attestation []byte) []byte {
	enc, err := iAIMining.abi.Pack("submitWorkProof", proof, attestation)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubmitWorkProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa733975a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function submitWorkProof(bytes proof, bytes attestation) returns(uint256 reward)
func (iAIMining *IAIMining) TryPackSubmitWorkProof(proof []byte, attestation []byte) ([]byte, error) {
	return iAIMining.abi.Pack("submitWorkProof", proof, attestation)
}

// UnpackSubmitWorkProof is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa733975a.
//
// Solidity: function submitWorkProof(bytes proof, bytes attestation) returns(uint256 reward)
func (iAIMining *IAIMining) UnpackSubmitWorkProof(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("submitWorkProof", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSubmitWorkProofs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd6928564.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function submitWorkProofs(bytes[] proofs, bytes[] attestations) returns(uint256 totalReward)
func (iAIMining *IAIMining) PackSubmitWorkProofs(proofs [][]byte, attestations [][]byte) []byte {
	enc, err := iAIMining.abi.Pack("submitWorkProofs", proofs, attestations)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSubmitWorkProofs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd6928564.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function submitWorkProofs(bytes[] proofs, bytes[] attestations) returns(uint256 totalReward)
func (iAIMining *IAIMining) TryPackSubmitWorkProofs(proofs [][]byte, attestations [][]byte) ([]byte, error) {
	return iAIMining.abi.Pack("submitWorkProofs", proofs, attestations)
}

// UnpackSubmitWorkProofs is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd6928564.
//
// Solidity: function submitWorkProofs(bytes[] proofs, bytes[] attestations) returns(uint256 totalReward)
func (iAIMining *IAIMining) UnpackSubmitWorkProofs(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("submitWorkProofs", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTeleport is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7e2bdf42.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function teleport(uint32 destinationChain, address recipient, uint256 amount) returns(bytes32 teleportId)
func (iAIMining *IAIMining) PackTeleport(destinationChain uint32, recipient common.Address, amount *big.Int) []byte {
	enc, err := iAIMining.abi.Pack("teleport", destinationChain, recipient, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTeleport is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7e2bdf42.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function teleport(uint32 destinationChain, address recipient, uint256 amount) returns(bytes32 teleportId)
func (iAIMining *IAIMining) TryPackTeleport(destinationChain uint32, recipient common.Address, amount *big.Int) ([]byte, error) {
	return iAIMining.abi.Pack("teleport", destinationChain, recipient, amount)
}

// UnpackTeleport is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7e2bdf42.
//
// Solidity: function teleport(uint32 destinationChain, address recipient, uint256 amount) returns(bytes32 teleportId)
func (iAIMining *IAIMining) UnpackTeleport(data []byte) ([32]byte, error) {
	out, err := iAIMining.abi.Unpack("teleport", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTeleportSigners is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0d71ddb5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function teleportSigners(uint32 sourceChain) view returns(bytes32[] signerIds, uint8 threshold)
func (iAIMining *IAIMining) PackTeleportSigners(sourceChain uint32) []byte {
	enc, err := iAIMining.abi.Pack("teleportSigners", sourceChain)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTeleportSigners is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0d71ddb5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function teleportSigners(uint32 sourceChain) view returns(bytes32[] signerIds, uint8 threshold)
func (iAIMining *IAIMining) TryPackTeleportSigners(sourceChain uint32) ([]byte, error) {
	return iAIMining.abi.Pack("teleportSigners", sourceChain)
}

// TeleportSignersOutput serves as a container for the return parameters of contract
// method TeleportSigners.
type TeleportSignersOutput struct {
	SignerIds [][32]byte
	Threshold uint8
}

// UnpackTeleportSigners is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0d71ddb5.
//
// Solidity: function teleportSigners(uint32 sourceChain) view returns(bytes32[] signerIds, uint8 threshold)
func (iAIMining *IAIMining) UnpackTeleportSigners(data []byte) (TeleportSignersOutput, error) {
	out, err := iAIMining.abi.Unpack("teleportSigners", data)
	outstruct := new(TeleportSignersOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.SignerIds = *abi.ConvertType(out[0], new([][32]byte)).(*[][32]byte)
	outstruct.Threshold = *abi.ConvertType(out[1], new(uint8)).(*uint8)
	return *outstruct, nil
}

// PackTeleportStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3dc5981.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function teleportStatus(bytes32 teleportId) view returns(uint8 status, uint32 sourceChain, address recipient, uint256 amount)
func (iAIMining *IAIMining) PackTeleportStatus(teleportId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("teleportStatus", teleportId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTeleportStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3dc5981.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function teleportStatus(bytes32 teleportId) view returns(uint8 status, uint32 sourceChain, address recipient, uint256 amount)
func (iAIMining *IAIMining) TryPackTeleportStatus(teleportId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("teleportStatus", teleportId)
}

// TeleportStatusOutput serves as a container for the return parameters of contract
// method TeleportStatus.
type TeleportStatusOutput struct {
	Status      uint8
	SourceChain uint32
	Recipient   common.Address
	Amount      *big.Int
}

// UnpackTeleportStatus is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf3dc5981.
//
// Solidity: function teleportStatus(bytes32 teleportId) view returns(uint8 status, uint32 sourceChain, address recipient, uint256 amount)
func (iAIMining *IAIMining) UnpackTeleportStatus(data []byte) (TeleportStatusOutput, error) {
	out, err := iAIMining.abi.Unpack("teleportStatus", data)
	outstruct := new(TeleportStatusOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Status = *abi.ConvertType(out[0], new(uint8)).(*uint8)
	outstruct.SourceChain = *abi.ConvertType(out[1], new(uint32)).(*uint32)
	outstruct.Recipient = *abi.ConvertType(out[2], new(common.Address)).(*common.Address)
	outstruct.Amount = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackTeleportTotals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x35f1de35.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function teleportTotals() view returns(uint64 nextSequence, uint256 sentOut, uint256 relayedIn, uint256 claimedIn)
func (iAIMining *IAIMining) PackTeleportTotals() []byte {
	enc, err := iAIMining.abi.Pack("teleportTotals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTeleportTotals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x35f1de35.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function teleportTotals() view returns(uint64 nextSequence, uint256 sentOut, uint256 relayedIn, uint256 claimedIn)
func (iAIMining *IAIMining) TryPackTeleportTotals() ([]byte, error) {
	return iAIMining.abi.Pack("teleportTotals")
}

// TeleportTotalsOutput serves as a container for the return parameters of contract
// method TeleportTotals.
type TeleportTotalsOutput struct {
	NextSequence uint64
	SentOut      *big.Int
	RelayedIn    *big.Int
	ClaimedIn    *big.Int
}

// UnpackTeleportTotals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x35f1de35.
//
// Solidity: function teleportTotals() view returns(uint64 nextSequence, uint256 sentOut, uint256 relayedIn, uint256 claimedIn)
func (iAIMining *IAIMining) UnpackTeleportTotals(data []byte) (TeleportTotalsOutput, error) {
	out, err := iAIMining.abi.Unpack("teleportTotals", data)
	outstruct := new(TeleportTotalsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.NextSequence = *abi.ConvertType(out[0], new(uint64)).(*uint64)
	outstruct.SentOut = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.RelayedIn = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.ClaimedIn = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackTicketRedeemedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a706a48.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ticketRedeemedAt(bytes32 ticketId) view returns(uint64)
func (iAIMining *IAIMining) PackTicketRedeemedAt(ticketId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("ticketRedeemedAt", ticketId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTicketRedeemedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a706a48.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ticketRedeemedAt(bytes32 ticketId) view returns(uint64)
func (iAIMining *IAIMining) TryPackTicketRedeemedAt(ticketId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("ticketRedeemedAt", ticketId)
}

// UnpackTicketRedeemedAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3a706a48.
//
// Solidity: function ticketRedeemedAt(bytes32 ticketId) view returns(uint64)
func (iAIMining *IAIMining) UnpackTicketRedeemedAt(data []byte) (uint64, error) {
	out, err := iAIMining.abi.Unpack("ticketRedeemedAt", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackTotalMinted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2309ff8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalMinted() view returns(uint256)
func (iAIMining *IAIMining) PackTotalMinted() []byte {
	enc, err := iAIMining.abi.Pack("totalMinted")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalMinted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa2309ff8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalMinted() view returns(uint256)
func (iAIMining *IAIMining) TryPackTotalMinted() ([]byte, error) {
	return iAIMining.abi.Pack("totalMinted")
}

// UnpackTotalMinted is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa2309ff8.
//
// Solidity: function totalMinted() view returns(uint256)
func (iAIMining *IAIMining) UnpackTotalMinted(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("totalMinted", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalPending is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f90916a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalPending() view returns(uint256)
func (iAIMining *IAIMining) PackTotalPending() []byte {
	enc, err := iAIMining.abi.Pack("totalPending")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalPending is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f90916a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalPending() view returns(uint256)
func (iAIMining *IAIMining) TryPackTotalPending() ([]byte, error) {
	return iAIMining.abi.Pack("totalPending")
}

// UnpackTotalPending is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3f90916a.
//
// Solidity: function totalPending() view returns(uint256)
func (iAIMining *IAIMining) UnpackTotalPending(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("totalPending", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransferGovernance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd38bfff4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferGovernance(address newGovernance) returns()
func (iAIMining *IAIMining) PackTransferGovernance(newGovernance common.Address) []byte {
	enc, err := iAIMining.abi.Pack("transferGovernance", newGovernance)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferGovernance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd38bfff4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferGovernance(address newGovernance) returns()
func (iAIMining *IAIMining) TryPackTransferGovernance(newGovernance common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("transferGovernance", newGovernance)
}

// PackVerifierInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x197fbfe4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifierInfo(address verifier) view returns(bool admitted, bool active, uint256 stake, uint64 activeSince, uint64 exitReadyAt, uint32 openCommittees)
func (iAIMining *IAIMining) PackVerifierInfo(verifier common.Address) []byte {
	enc, err := iAIMining.abi.Pack("verifierInfo", verifier)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifierInfo is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x197fbfe4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifierInfo(address verifier) view returns(bool admitted, bool active, uint256 stake, uint64 activeSince, uint64 exitReadyAt, uint32 openCommittees)
func (iAIMining *IAIMining) TryPackVerifierInfo(verifier common.Address) ([]byte, error) {
	return iAIMining.abi.Pack("verifierInfo", verifier)
}

// VerifierInfoOutput serves as a container for the return parameters of contract
// method VerifierInfo.
type VerifierInfoOutput struct {
	Admitted       bool
	Active         bool
	Stake          *big.Int
	ActiveSince    uint64
	ExitReadyAt    uint64
	OpenCommittees uint32
}

// UnpackVerifierInfo is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x197fbfe4.
//
// Solidity: function verifierInfo(address verifier) view returns(bool admitted, bool active, uint256 stake, uint64 activeSince, uint64 exitReadyAt, uint32 openCommittees)
func (iAIMining *IAIMining) UnpackVerifierInfo(data []byte) (VerifierInfoOutput, error) {
	out, err := iAIMining.abi.Unpack("verifierInfo", data)
	outstruct := new(VerifierInfoOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Admitted = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Active = *abi.ConvertType(out[1], new(bool)).(*bool)
	outstruct.Stake = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.ActiveSince = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.ExitReadyAt = *abi.ConvertType(out[4], new(uint64)).(*uint64)
	outstruct.OpenCommittees = *abi.ConvertType(out[5], new(uint32)).(*uint32)
	return *outstruct, nil
}

// PackVerifierSet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x293bb82f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifierSet() view returns(address[] verifiers, uint64[] activeSince)
func (iAIMining *IAIMining) PackVerifierSet() []byte {
	enc, err := iAIMining.abi.Pack("verifierSet")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifierSet is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x293bb82f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifierSet() view returns(address[] verifiers, uint64[] activeSince)
func (iAIMining *IAIMining) TryPackVerifierSet() ([]byte, error) {
	return iAIMining.abi.Pack("verifierSet")
}

// VerifierSetOutput serves as a container for the return parameters of contract
// method VerifierSet.
type VerifierSetOutput struct {
	Verifiers   []common.Address
	ActiveSince []uint64
}

// UnpackVerifierSet is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x293bb82f.
//
// Solidity: function verifierSet() view returns(address[] verifiers, uint64[] activeSince)
func (iAIMining *IAIMining) UnpackVerifierSet(data []byte) (VerifierSetOutput, error) {
	out, err := iAIMining.abi.Unpack("verifierSet", data)
	outstruct := new(VerifierSetOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Verifiers = *abi.ConvertType(out[0], new([]common.Address)).(*[]common.Address)
	outstruct.ActiveSince = *abi.ConvertType(out[1], new([]uint64)).(*[]uint64)
	return *outstruct, nil
}

// PackVerifyMLDSA is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7b7aeeb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyMLDSA(bytes publicKey, bytes message, bytes signature) view returns(bool)
func (iAIMining *IAIMining) PackVerifyMLDSA(publicKey []byte, message []byte, signature []byte) []byte {
	enc, err := iAIMining.abi.Pack("verifyMLDSA", publicKey, message, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyMLDSA is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7b7aeeb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyMLDSA(bytes publicKey, bytes message, bytes signature) view returns(bool)
func (iAIMining *IAIMining) TryPackVerifyMLDSA(publicKey []byte, message []byte, signature []byte) ([]byte, error) {
	return iAIMining.abi.Pack("verifyMLDSA", publicKey, message, signature)
}

// UnpackVerifyMLDSA is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe7b7aeeb.
//
// Solidity: function verifyMLDSA(bytes publicKey, bytes message, bytes signature) view returns(bool)
func (iAIMining *IAIMining) UnpackVerifyMLDSA(data []byte) (bool, error) {
	out, err := iAIMining.abi.Unpack("verifyMLDSA", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackWithdrawBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7285e1ac.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawBond(bytes32 minerId) returns(uint256 amount)
func (iAIMining *IAIMining) PackWithdrawBond(minerId [32]byte) []byte {
	enc, err := iAIMining.abi.Pack("withdrawBond", minerId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7285e1ac.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawBond(bytes32 minerId) returns(uint256 amount)
func (iAIMining *IAIMining) TryPackWithdrawBond(minerId [32]byte) ([]byte, error) {
	return iAIMining.abi.Pack("withdrawBond", minerId)
}

// UnpackWithdrawBond is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7285e1ac.
//
// Solidity: function withdrawBond(bytes32 minerId) returns(uint256 amount)
func (iAIMining *IAIMining) UnpackWithdrawBond(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("withdrawBond", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWithdrawVerifierStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05a0ce60.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawVerifierStake() returns(uint256 amount)
func (iAIMining *IAIMining) PackWithdrawVerifierStake() []byte {
	enc, err := iAIMining.abi.Pack("withdrawVerifierStake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawVerifierStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x05a0ce60.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawVerifierStake() returns(uint256 amount)
func (iAIMining *IAIMining) TryPackWithdrawVerifierStake() ([]byte, error) {
	return iAIMining.abi.Pack("withdrawVerifierStake")
}

// UnpackWithdrawVerifierStake is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x05a0ce60.
//
// Solidity: function withdrawVerifierStake() returns(uint256 amount)
func (iAIMining *IAIMining) UnpackWithdrawVerifierStake(data []byte) (*big.Int, error) {
	out, err := iAIMining.abi.Unpack("withdrawVerifierStake", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWorkIdOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaeffe531.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function workIdOf(bytes proof) view returns(bytes32)
func (iAIMining *IAIMining) PackWorkIdOf(proof []byte) []byte {
	enc, err := iAIMining.abi.Pack("workIdOf", proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWorkIdOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaeffe531.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function workIdOf(bytes proof) view returns(bytes32)
func (iAIMining *IAIMining) TryPackWorkIdOf(proof []byte) ([]byte, error) {
	return iAIMining.abi.Pack("workIdOf", proof)
}

// UnpackWorkIdOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaeffe531.
//
// Solidity: function workIdOf(bytes proof) view returns(bytes32)
func (iAIMining *IAIMining) UnpackWorkIdOf(data []byte) ([32]byte, error) {
	out, err := iAIMining.abi.Unpack("workIdOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// IAIMiningAggregatorRegistered represents a AggregatorRegistered event raised by the IAIMining contract.
type IAIMiningAggregatorRegistered struct {
	Aggregator common.Address
	Raw        *types.Log // Blockchain specific contextual infos
}

const IAIMiningAggregatorRegisteredEventName = "AggregatorRegistered"

// ContractEventName returns the user-defined event name.
func (IAIMiningAggregatorRegistered) ContractEventName() string {
	return IAIMiningAggregatorRegisteredEventName
}

// UnpackAggregatorRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AggregatorRegistered(address indexed aggregator)
func (iAIMining *IAIMining) UnpackAggregatorRegisteredEvent(log *types.Log) (*IAIMiningAggregatorRegistered, error) {
	event := "AggregatorRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningAggregatorRegistered)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningAggregatorRevoked represents a AggregatorRevoked event raised by the IAIMining contract.
type IAIMiningAggregatorRevoked struct {
	Aggregator common.Address
	Raw        *types.Log // Blockchain specific contextual infos
}

const IAIMiningAggregatorRevokedEventName = "AggregatorRevoked"

// ContractEventName returns the user-defined event name.
func (IAIMiningAggregatorRevoked) ContractEventName() string {
	return IAIMiningAggregatorRevokedEventName
}

// UnpackAggregatorRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AggregatorRevoked(address indexed aggregator)
func (iAIMining *IAIMining) UnpackAggregatorRevokedEvent(log *types.Log) (*IAIMiningAggregatorRevoked, error) {
	event := "AggregatorRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningAggregatorRevoked)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningAttestationAllowlistChanged represents a AttestationAllowlistChanged event raised by the IAIMining contract.
type IAIMiningAttestationAllowlistChanged struct {
	Kind    uint8
	Item    [32]byte
	Allowed bool
	Raw     *types.Log // Blockchain specific contextual infos
}

const IAIMiningAttestationAllowlistChangedEventName = "AttestationAllowlistChanged"

// ContractEventName returns the user-defined event name.
func (IAIMiningAttestationAllowlistChanged) ContractEventName() string {
	return IAIMiningAttestationAllowlistChangedEventName
}

// UnpackAttestationAllowlistChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AttestationAllowlistChanged(uint8 indexed kind, bytes32 indexed item, bool allowed)
func (iAIMining *IAIMining) UnpackAttestationAllowlistChangedEvent(log *types.Log) (*IAIMiningAttestationAllowlistChanged, error) {
	event := "AttestationAllowlistChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningAttestationAllowlistChanged)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningAuditDecided represents a AuditDecided event raised by the IAIMining contract.
type IAIMiningAuditDecided struct {
	WorkId  [32]byte
	MinerId [32]byte
	Outcome uint8
	Reason  uint8
	Raw     *types.Log // Blockchain specific contextual infos
}

const IAIMiningAuditDecidedEventName = "AuditDecided"

// ContractEventName returns the user-defined event name.
func (IAIMiningAuditDecided) ContractEventName() string {
	return IAIMiningAuditDecidedEventName
}

// UnpackAuditDecidedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AuditDecided(bytes32 indexed workId, bytes32 indexed minerId, uint8 outcome, uint8 reason)
func (iAIMining *IAIMining) UnpackAuditDecidedEvent(log *types.Log) (*IAIMiningAuditDecided, error) {
	event := "AuditDecided"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningAuditDecided)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningAuditOpened represents a AuditOpened event raised by the IAIMining contract.
type IAIMiningAuditOpened struct {
	WorkId         [32]byte
	MinerId        [32]byte
	Challenger     common.Address
	Kind           uint8
	Anchor         uint64
	RevealDeadline uint64
	Raw            *types.Log // Blockchain specific contextual infos
}

const IAIMiningAuditOpenedEventName = "AuditOpened"

// ContractEventName returns the user-defined event name.
func (IAIMiningAuditOpened) ContractEventName() string {
	return IAIMiningAuditOpenedEventName
}

// UnpackAuditOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event AuditOpened(bytes32 indexed workId, bytes32 indexed minerId, address indexed challenger, uint8 kind, uint64 anchor, uint64 revealDeadline)
func (iAIMining *IAIMining) UnpackAuditOpenedEvent(log *types.Log) (*IAIMiningAuditOpened, error) {
	event := "AuditOpened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningAuditOpened)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningBondWithdrawn represents a BondWithdrawn event raised by the IAIMining contract.
type IAIMiningBondWithdrawn struct {
	MinerId [32]byte
	Bonder  common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const IAIMiningBondWithdrawnEventName = "BondWithdrawn"

// ContractEventName returns the user-defined event name.
func (IAIMiningBondWithdrawn) ContractEventName() string {
	return IAIMiningBondWithdrawnEventName
}

// UnpackBondWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BondWithdrawn(bytes32 indexed minerId, address indexed bonder, uint256 amount)
func (iAIMining *IAIMining) UnpackBondWithdrawnEvent(log *types.Log) (*IAIMiningBondWithdrawn, error) {
	event := "BondWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningBondWithdrawn)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningBonded represents a Bonded event raised by the IAIMining contract.
type IAIMiningBonded struct {
	MinerId [32]byte
	Bonder  common.Address
	Amount  *big.Int
	Total   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const IAIMiningBondedEventName = "Bonded"

// ContractEventName returns the user-defined event name.
func (IAIMiningBonded) ContractEventName() string {
	return IAIMiningBondedEventName
}

// UnpackBondedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Bonded(bytes32 indexed minerId, address indexed bonder, uint256 amount, uint256 total)
func (iAIMining *IAIMining) UnpackBondedEvent(log *types.Log) (*IAIMiningBonded, error) {
	event := "Bonded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningBonded)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningCommitteeDrawn represents a CommitteeDrawn event raised by the IAIMining contract.
type IAIMiningCommitteeDrawn struct {
	WorkId         [32]byte
	Members        []common.Address
	CommitDeadline uint64
	VoteDeadline   uint64
	Raw            *types.Log // Blockchain specific contextual infos
}

const IAIMiningCommitteeDrawnEventName = "CommitteeDrawn"

// ContractEventName returns the user-defined event name.
func (IAIMiningCommitteeDrawn) ContractEventName() string {
	return IAIMiningCommitteeDrawnEventName
}

// UnpackCommitteeDrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CommitteeDrawn(bytes32 indexed workId, address[] members, uint64 commitDeadline, uint64 voteDeadline)
func (iAIMining *IAIMining) UnpackCommitteeDrawnEvent(log *types.Log) (*IAIMiningCommitteeDrawn, error) {
	event := "CommitteeDrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningCommitteeDrawn)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningDeviceRegistered represents a DeviceRegistered event raised by the IAIMining contract.
type IAIMiningDeviceRegistered struct {
	DeviceId   [32]byte
	MinerId    [32]byte
	Tier       uint8
	Generation uint32
	Chip       string
	Raw        *types.Log // Blockchain specific contextual infos
}

const IAIMiningDeviceRegisteredEventName = "DeviceRegistered"

// ContractEventName returns the user-defined event name.
func (IAIMiningDeviceRegistered) ContractEventName() string {
	return IAIMiningDeviceRegisteredEventName
}

// UnpackDeviceRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DeviceRegistered(bytes32 indexed deviceId, bytes32 indexed minerId, uint8 tier, uint32 generation, string chip)
func (iAIMining *IAIMining) UnpackDeviceRegisteredEvent(log *types.Log) (*IAIMiningDeviceRegistered, error) {
	event := "DeviceRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningDeviceRegistered)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningDeviceRevoked represents a DeviceRevoked event raised by the IAIMining contract.
type IAIMiningDeviceRevoked struct {
	DeviceId [32]byte
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningDeviceRevokedEventName = "DeviceRevoked"

// ContractEventName returns the user-defined event name.
func (IAIMiningDeviceRevoked) ContractEventName() string {
	return IAIMiningDeviceRevokedEventName
}

// UnpackDeviceRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DeviceRevoked(bytes32 indexed deviceId)
func (iAIMining *IAIMining) UnpackDeviceRevokedEvent(log *types.Log) (*IAIMiningDeviceRevoked, error) {
	event := "DeviceRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningDeviceRevoked)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningEpochAdvanced represents a EpochAdvanced event raised by the IAIMining contract.
type IAIMiningEpochAdvanced struct {
	Epoch         uint64
	ComputeUnits  *big.Int
	OldAdjustment *big.Int
	NewAdjustment *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const IAIMiningEpochAdvancedEventName = "EpochAdvanced"

// ContractEventName returns the user-defined event name.
func (IAIMiningEpochAdvanced) ContractEventName() string {
	return IAIMiningEpochAdvancedEventName
}

// UnpackEpochAdvancedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EpochAdvanced(uint64 indexed epoch, uint256 computeUnits, uint256 oldAdjustment, uint256 newAdjustment)
func (iAIMining *IAIMining) UnpackEpochAdvancedEvent(log *types.Log) (*IAIMiningEpochAdvanced, error) {
	event := "EpochAdvanced"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningEpochAdvanced)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningGatewayBudgetSet represents a GatewayBudgetSet event raised by the IAIMining contract.
type IAIMiningGatewayBudgetSet struct {
	GatewayId [32]byte
	OldBudget uint64
	NewBudget uint64
	Raw       *types.Log // Blockchain specific contextual infos
}

const IAIMiningGatewayBudgetSetEventName = "GatewayBudgetSet"

// ContractEventName returns the user-defined event name.
func (IAIMiningGatewayBudgetSet) ContractEventName() string {
	return IAIMiningGatewayBudgetSetEventName
}

// UnpackGatewayBudgetSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event GatewayBudgetSet(bytes32 indexed gatewayId, uint64 oldBudget, uint64 newBudget)
func (iAIMining *IAIMining) UnpackGatewayBudgetSetEvent(log *types.Log) (*IAIMiningGatewayBudgetSet, error) {
	event := "GatewayBudgetSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningGatewayBudgetSet)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningGatewayRegistered represents a GatewayRegistered event raised by the IAIMining contract.
type IAIMiningGatewayRegistered struct {
	GatewayId [32]byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const IAIMiningGatewayRegisteredEventName = "GatewayRegistered"

// ContractEventName returns the user-defined event name.
func (IAIMiningGatewayRegistered) ContractEventName() string {
	return IAIMiningGatewayRegisteredEventName
}

// UnpackGatewayRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event GatewayRegistered(bytes32 indexed gatewayId)
func (iAIMining *IAIMining) UnpackGatewayRegisteredEvent(log *types.Log) (*IAIMiningGatewayRegistered, error) {
	event := "GatewayRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningGatewayRegistered)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningGatewayRevoked represents a GatewayRevoked event raised by the IAIMining contract.
type IAIMiningGatewayRevoked struct {
	GatewayId [32]byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const IAIMiningGatewayRevokedEventName = "GatewayRevoked"

// ContractEventName returns the user-defined event name.
func (IAIMiningGatewayRevoked) ContractEventName() string {
	return IAIMiningGatewayRevokedEventName
}

// UnpackGatewayRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event GatewayRevoked(bytes32 indexed gatewayId)
func (iAIMining *IAIMining) UnpackGatewayRevokedEvent(log *types.Log) (*IAIMiningGatewayRevoked, error) {
	event := "GatewayRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningGatewayRevoked)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningGovernanceTransferred represents a GovernanceTransferred event raised by the IAIMining contract.
type IAIMiningGovernanceTransferred struct {
	PreviousGovernance common.Address
	NewGovernance      common.Address
	Raw                *types.Log // Blockchain specific contextual infos
}

const IAIMiningGovernanceTransferredEventName = "GovernanceTransferred"

// ContractEventName returns the user-defined event name.
func (IAIMiningGovernanceTransferred) ContractEventName() string {
	return IAIMiningGovernanceTransferredEventName
}

// UnpackGovernanceTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event GovernanceTransferred(address indexed previousGovernance, address indexed newGovernance)
func (iAIMining *IAIMining) UnpackGovernanceTransferredEvent(log *types.Log) (*IAIMiningGovernanceTransferred, error) {
	event := "GovernanceTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningGovernanceTransferred)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningModelRegistered represents a ModelRegistered event raised by the IAIMining contract.
type IAIMiningModelRegistered struct {
	ModelHash       [32]byte
	Parameters      uint64
	Tokenizer       uint8
	BytesPerToken   uint16
	MaxInputTokens  uint32
	MaxOutputTokens uint32
	Verifier        uint8
	Raw             *types.Log // Blockchain specific contextual infos
}

const IAIMiningModelRegisteredEventName = "ModelRegistered"

// ContractEventName returns the user-defined event name.
func (IAIMiningModelRegistered) ContractEventName() string {
	return IAIMiningModelRegisteredEventName
}

// UnpackModelRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ModelRegistered(bytes32 indexed modelHash, uint64 parameters, uint8 tokenizer, uint16 bytesPerToken, uint32 maxInputTokens, uint32 maxOutputTokens, uint8 verifier)
func (iAIMining *IAIMining) UnpackModelRegisteredEvent(log *types.Log) (*IAIMiningModelRegistered, error) {
	event := "ModelRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningModelRegistered)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningModelRemoved represents a ModelRemoved event raised by the IAIMining contract.
type IAIMiningModelRemoved struct {
	ModelHash [32]byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const IAIMiningModelRemovedEventName = "ModelRemoved"

// ContractEventName returns the user-defined event name.
func (IAIMiningModelRemoved) ContractEventName() string {
	return IAIMiningModelRemovedEventName
}

// UnpackModelRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ModelRemoved(bytes32 indexed modelHash)
func (iAIMining *IAIMining) UnpackModelRemovedEvent(log *types.Log) (*IAIMiningModelRemoved, error) {
	event := "ModelRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningModelRemoved)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningParameterChanged represents a ParameterChanged event raised by the IAIMining contract.
type IAIMiningParameterChanged struct {
	Name     [32]byte
	OldValue *big.Int
	NewValue *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningParameterChangedEventName = "ParameterChanged"

// ContractEventName returns the user-defined event name.
func (IAIMiningParameterChanged) ContractEventName() string {
	return IAIMiningParameterChangedEventName
}

// UnpackParameterChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue)
func (iAIMining *IAIMining) UnpackParameterChangedEvent(log *types.Log) (*IAIMiningParameterChanged, error) {
	event := "ParameterChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningParameterChanged)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningRoundPoolSet represents a RoundPoolSet event raised by the IAIMining contract.
type IAIMiningRoundPoolSet struct {
	OldPool *big.Int
	NewPool *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const IAIMiningRoundPoolSetEventName = "RoundPoolSet"

// ContractEventName returns the user-defined event name.
func (IAIMiningRoundPoolSet) ContractEventName() string {
	return IAIMiningRoundPoolSetEventName
}

// UnpackRoundPoolSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundPoolSet(uint256 oldPool, uint256 newPool)
func (iAIMining *IAIMining) UnpackRoundPoolSetEvent(log *types.Log) (*IAIMiningRoundPoolSet, error) {
	event := "RoundPoolSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningRoundPoolSet)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningRoundPublished represents a RoundPublished event raised by the IAIMining contract.
type IAIMiningRoundPublished struct {
	RoundId     uint64
	Aggregator  common.Address
	ModelHash   [32]byte
	RewardsRoot [32]byte
	Total       *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const IAIMiningRoundPublishedEventName = "RoundPublished"

// ContractEventName returns the user-defined event name.
func (IAIMiningRoundPublished) ContractEventName() string {
	return IAIMiningRoundPublishedEventName
}

// UnpackRoundPublishedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundPublished(uint64 indexed roundId, address indexed aggregator, bytes32 modelHash, bytes32 rewardsRoot, uint256 total)
func (iAIMining *IAIMining) UnpackRoundPublishedEvent(log *types.Log) (*IAIMiningRoundPublished, error) {
	event := "RoundPublished"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningRoundPublished)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningRoundRewardClaimed represents a RoundRewardClaimed event raised by the IAIMining contract.
type IAIMiningRoundRewardClaimed struct {
	RoundId   uint64
	Recipient common.Address
	Amount    *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const IAIMiningRoundRewardClaimedEventName = "RoundRewardClaimed"

// ContractEventName returns the user-defined event name.
func (IAIMiningRoundRewardClaimed) ContractEventName() string {
	return IAIMiningRoundRewardClaimedEventName
}

// UnpackRoundRewardClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoundRewardClaimed(uint64 indexed roundId, address indexed recipient, uint256 amount)
func (iAIMining *IAIMining) UnpackRoundRewardClaimedEvent(log *types.Log) (*IAIMiningRoundRewardClaimed, error) {
	event := "RoundRewardClaimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningRoundRewardClaimed)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningSlashed represents a Slashed event raised by the IAIMining contract.
type IAIMiningSlashed struct {
	MinerId         [32]byte
	WorkId          [32]byte
	Challenger      common.Address
	Reason          uint8
	Bond            *big.Int
	Bounty          *big.Int
	ForfeitedReward *big.Int
	Raw             *types.Log // Blockchain specific contextual infos
}

const IAIMiningSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (IAIMiningSlashed) ContractEventName() string {
	return IAIMiningSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(bytes32 indexed minerId, bytes32 indexed workId, address indexed challenger, uint8 reason, uint256 bond, uint256 bounty, uint256 forfeitedReward)
func (iAIMining *IAIMining) UnpackSlashedEvent(log *types.Log) (*IAIMiningSlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningSlashed)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningTeleportClaimed represents a TeleportClaimed event raised by the IAIMining contract.
type IAIMiningTeleportClaimed struct {
	TeleportId [32]byte
	Recipient  common.Address
	Amount     *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const IAIMiningTeleportClaimedEventName = "TeleportClaimed"

// ContractEventName returns the user-defined event name.
func (IAIMiningTeleportClaimed) ContractEventName() string {
	return IAIMiningTeleportClaimedEventName
}

// UnpackTeleportClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TeleportClaimed(bytes32 indexed teleportId, address indexed recipient, uint256 amount)
func (iAIMining *IAIMining) UnpackTeleportClaimedEvent(log *types.Log) (*IAIMiningTeleportClaimed, error) {
	event := "TeleportClaimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningTeleportClaimed)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningTeleportMinimumSet represents a TeleportMinimumSet event raised by the IAIMining contract.
type IAIMiningTeleportMinimumSet struct {
	OldMinimum *big.Int
	NewMinimum *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const IAIMiningTeleportMinimumSetEventName = "TeleportMinimumSet"

// ContractEventName returns the user-defined event name.
func (IAIMiningTeleportMinimumSet) ContractEventName() string {
	return IAIMiningTeleportMinimumSetEventName
}

// UnpackTeleportMinimumSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TeleportMinimumSet(uint256 oldMinimum, uint256 newMinimum)
func (iAIMining *IAIMining) UnpackTeleportMinimumSetEvent(log *types.Log) (*IAIMiningTeleportMinimumSet, error) {
	event := "TeleportMinimumSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningTeleportMinimumSet)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningTeleportRelayed represents a TeleportRelayed event raised by the IAIMining contract.
type IAIMiningTeleportRelayed struct {
	TeleportId  [32]byte
	Recipient   common.Address
	SourceChain uint32
	Amount      *big.Int
	Signers     uint8
	Raw         *types.Log // Blockchain specific contextual infos
}

const IAIMiningTeleportRelayedEventName = "TeleportRelayed"

// ContractEventName returns the user-defined event name.
func (IAIMiningTeleportRelayed) ContractEventName() string {
	return IAIMiningTeleportRelayedEventName
}

// UnpackTeleportRelayedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TeleportRelayed(bytes32 indexed teleportId, address indexed recipient, uint32 indexed sourceChain, uint256 amount, uint8 signers)
func (iAIMining *IAIMining) UnpackTeleportRelayedEvent(log *types.Log) (*IAIMiningTeleportRelayed, error) {
	event := "TeleportRelayed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningTeleportRelayed)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningTeleportSent represents a TeleportSent event raised by the IAIMining contract.
type IAIMiningTeleportSent struct {
	TeleportId       [32]byte
	Sender           common.Address
	DestinationChain uint32
	Recipient        common.Address
	Amount           *big.Int
	Sequence         uint64
	Message          []byte
	Raw              *types.Log // Blockchain specific contextual infos
}

const IAIMiningTeleportSentEventName = "TeleportSent"

// ContractEventName returns the user-defined event name.
func (IAIMiningTeleportSent) ContractEventName() string {
	return IAIMiningTeleportSentEventName
}

// UnpackTeleportSentEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TeleportSent(bytes32 indexed teleportId, address indexed sender, uint32 indexed destinationChain, address recipient, uint256 amount, uint64 sequence, bytes message)
func (iAIMining *IAIMining) UnpackTeleportSentEvent(log *types.Log) (*IAIMiningTeleportSent, error) {
	event := "TeleportSent"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningTeleportSent)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningTeleportSignersSet represents a TeleportSignersSet event raised by the IAIMining contract.
type IAIMiningTeleportSignersSet struct {
	SourceChain uint32
	Threshold   uint8
	SignerIds   [][32]byte
	Raw         *types.Log // Blockchain specific contextual infos
}

const IAIMiningTeleportSignersSetEventName = "TeleportSignersSet"

// ContractEventName returns the user-defined event name.
func (IAIMiningTeleportSignersSet) ContractEventName() string {
	return IAIMiningTeleportSignersSetEventName
}

// UnpackTeleportSignersSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TeleportSignersSet(uint32 indexed sourceChain, uint8 threshold, bytes32[] signerIds)
func (iAIMining *IAIMining) UnpackTeleportSignersSetEvent(log *types.Log) (*IAIMiningTeleportSignersSet, error) {
	event := "TeleportSignersSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningTeleportSignersSet)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningTicketRedeemed represents a TicketRedeemed event raised by the IAIMining contract.
type IAIMiningTicketRedeemed struct {
	TicketId     [32]byte
	GatewayId    [32]byte
	WorkId       [32]byte
	ComputeUnits uint64
	Budget       uint64
	Raw          *types.Log // Blockchain specific contextual infos
}

const IAIMiningTicketRedeemedEventName = "TicketRedeemed"

// ContractEventName returns the user-defined event name.
func (IAIMiningTicketRedeemed) ContractEventName() string {
	return IAIMiningTicketRedeemedEventName
}

// UnpackTicketRedeemedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TicketRedeemed(bytes32 indexed ticketId, bytes32 indexed gatewayId, bytes32 indexed workId, uint64 computeUnits, uint64 budget)
func (iAIMining *IAIMining) UnpackTicketRedeemedEvent(log *types.Log) (*IAIMiningTicketRedeemed, error) {
	event := "TicketRedeemed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningTicketRedeemed)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningTicketsRequiredChanged represents a TicketsRequiredChanged event raised by the IAIMining contract.
type IAIMiningTicketsRequiredChanged struct {
	Required bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningTicketsRequiredChangedEventName = "TicketsRequiredChanged"

// ContractEventName returns the user-defined event name.
func (IAIMiningTicketsRequiredChanged) ContractEventName() string {
	return IAIMiningTicketsRequiredChangedEventName
}

// UnpackTicketsRequiredChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TicketsRequiredChanged(bool required)
func (iAIMining *IAIMining) UnpackTicketsRequiredChangedEvent(log *types.Log) (*IAIMiningTicketsRequiredChanged, error) {
	event := "TicketsRequiredChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningTicketsRequiredChanged)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningUnbondRequested represents a UnbondRequested event raised by the IAIMining contract.
type IAIMiningUnbondRequested struct {
	MinerId [32]byte
	Bonder  common.Address
	Amount  *big.Int
	ReadyAt uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const IAIMiningUnbondRequestedEventName = "UnbondRequested"

// ContractEventName returns the user-defined event name.
func (IAIMiningUnbondRequested) ContractEventName() string {
	return IAIMiningUnbondRequestedEventName
}

// UnpackUnbondRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnbondRequested(bytes32 indexed minerId, address indexed bonder, uint256 amount, uint64 readyAt)
func (iAIMining *IAIMining) UnpackUnbondRequestedEvent(log *types.Log) (*IAIMiningUnbondRequested, error) {
	event := "UnbondRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningUnbondRequested)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningVerifierAdmitted represents a VerifierAdmitted event raised by the IAIMining contract.
type IAIMiningVerifierAdmitted struct {
	Verifier common.Address
	Admitted bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningVerifierAdmittedEventName = "VerifierAdmitted"

// ContractEventName returns the user-defined event name.
func (IAIMiningVerifierAdmitted) ContractEventName() string {
	return IAIMiningVerifierAdmittedEventName
}

// UnpackVerifierAdmittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VerifierAdmitted(address indexed verifier, bool admitted)
func (iAIMining *IAIMining) UnpackVerifierAdmittedEvent(log *types.Log) (*IAIMiningVerifierAdmitted, error) {
	event := "VerifierAdmitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningVerifierAdmitted)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningVerifierExitRequested represents a VerifierExitRequested event raised by the IAIMining contract.
type IAIMiningVerifierExitRequested struct {
	Verifier common.Address
	ReadyAt  uint64
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningVerifierExitRequestedEventName = "VerifierExitRequested"

// ContractEventName returns the user-defined event name.
func (IAIMiningVerifierExitRequested) ContractEventName() string {
	return IAIMiningVerifierExitRequestedEventName
}

// UnpackVerifierExitRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VerifierExitRequested(address indexed verifier, uint64 readyAt)
func (iAIMining *IAIMining) UnpackVerifierExitRequestedEvent(log *types.Log) (*IAIMiningVerifierExitRequested, error) {
	event := "VerifierExitRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningVerifierExitRequested)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningVerifierPenalized represents a VerifierPenalized event raised by the IAIMining contract.
type IAIMiningVerifierPenalized struct {
	Verifier common.Address
	WorkId   [32]byte
	Amount   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningVerifierPenalizedEventName = "VerifierPenalized"

// ContractEventName returns the user-defined event name.
func (IAIMiningVerifierPenalized) ContractEventName() string {
	return IAIMiningVerifierPenalizedEventName
}

// UnpackVerifierPenalizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VerifierPenalized(address indexed verifier, bytes32 indexed workId, uint256 amount)
func (iAIMining *IAIMining) UnpackVerifierPenalizedEvent(log *types.Log) (*IAIMiningVerifierPenalized, error) {
	event := "VerifierPenalized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningVerifierPenalized)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningVerifierStaked represents a VerifierStaked event raised by the IAIMining contract.
type IAIMiningVerifierStaked struct {
	Verifier common.Address
	Amount   *big.Int
	Stake    *big.Int
	Active   bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningVerifierStakedEventName = "VerifierStaked"

// ContractEventName returns the user-defined event name.
func (IAIMiningVerifierStaked) ContractEventName() string {
	return IAIMiningVerifierStakedEventName
}

// UnpackVerifierStakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VerifierStaked(address indexed verifier, uint256 amount, uint256 stake, bool active)
func (iAIMining *IAIMining) UnpackVerifierStakedEvent(log *types.Log) (*IAIMiningVerifierStaked, error) {
	event := "VerifierStaked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningVerifierStaked)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningVerifierWithdrawn represents a VerifierWithdrawn event raised by the IAIMining contract.
type IAIMiningVerifierWithdrawn struct {
	Verifier common.Address
	Amount   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningVerifierWithdrawnEventName = "VerifierWithdrawn"

// ContractEventName returns the user-defined event name.
func (IAIMiningVerifierWithdrawn) ContractEventName() string {
	return IAIMiningVerifierWithdrawnEventName
}

// UnpackVerifierWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VerifierWithdrawn(address indexed verifier, uint256 amount)
func (iAIMining *IAIMining) UnpackVerifierWithdrawnEvent(log *types.Log) (*IAIMiningVerifierWithdrawn, error) {
	event := "VerifierWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningVerifierWithdrawn)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningVoteCommitted represents a VoteCommitted event raised by the IAIMining contract.
type IAIMiningVoteCommitted struct {
	WorkId   [32]byte
	Verifier common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningVoteCommittedEventName = "VoteCommitted"

// ContractEventName returns the user-defined event name.
func (IAIMiningVoteCommitted) ContractEventName() string {
	return IAIMiningVoteCommittedEventName
}

// UnpackVoteCommittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VoteCommitted(bytes32 indexed workId, address indexed verifier)
func (iAIMining *IAIMining) UnpackVoteCommittedEvent(log *types.Log) (*IAIMiningVoteCommitted, error) {
	event := "VoteCommitted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningVoteCommitted)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningVoteRevealed represents a VoteRevealed event raised by the IAIMining contract.
type IAIMiningVoteRevealed struct {
	WorkId   [32]byte
	Verifier common.Address
	Verdict  uint8
	Raw      *types.Log // Blockchain specific contextual infos
}

const IAIMiningVoteRevealedEventName = "VoteRevealed"

// ContractEventName returns the user-defined event name.
func (IAIMiningVoteRevealed) ContractEventName() string {
	return IAIMiningVoteRevealedEventName
}

// UnpackVoteRevealedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VoteRevealed(bytes32 indexed workId, address indexed verifier, uint8 verdict)
func (iAIMining *IAIMining) UnpackVoteRevealedEvent(log *types.Log) (*IAIMiningVoteRevealed, error) {
	event := "VoteRevealed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningVoteRevealed)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningWorkAccepted represents a WorkAccepted event raised by the IAIMining contract.
type IAIMiningWorkAccepted struct {
	WorkId       [32]byte
	Beneficiary  common.Address
	MinerId      [32]byte
	ComputeUnits uint64
	Reward       *big.Int
	Epoch        uint64
	Raw          *types.Log // Blockchain specific contextual infos
}

const IAIMiningWorkAcceptedEventName = "WorkAccepted"

// ContractEventName returns the user-defined event name.
func (IAIMiningWorkAccepted) ContractEventName() string {
	return IAIMiningWorkAcceptedEventName
}

// UnpackWorkAcceptedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WorkAccepted(bytes32 indexed workId, address indexed beneficiary, bytes32 indexed minerId, uint64 computeUnits, uint256 reward, uint64 epoch)
func (iAIMining *IAIMining) UnpackWorkAcceptedEvent(log *types.Log) (*IAIMiningWorkAccepted, error) {
	event := "WorkAccepted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningWorkAccepted)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningWorkBatchAccepted represents a WorkBatchAccepted event raised by the IAIMining contract.
type IAIMiningWorkBatchAccepted struct {
	BatchId      [32]byte
	Beneficiary  common.Address
	MinerId      [32]byte
	FirstSeq     uint64
	LastSeq      uint64
	Count        uint16
	ComputeUnits uint64
	Reward       *big.Int
	Epoch        uint64
	Raw          *types.Log // Blockchain specific contextual infos
}

const IAIMiningWorkBatchAcceptedEventName = "WorkBatchAccepted"

// ContractEventName returns the user-defined event name.
func (IAIMiningWorkBatchAccepted) ContractEventName() string {
	return IAIMiningWorkBatchAcceptedEventName
}

// UnpackWorkBatchAcceptedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WorkBatchAccepted(bytes32 indexed batchId, address indexed beneficiary, bytes32 indexed minerId, uint64 firstSeq, uint64 lastSeq, uint16 count, uint64 computeUnits, uint256 reward, uint64 epoch)
func (iAIMining *IAIMining) UnpackWorkBatchAcceptedEvent(log *types.Log) (*IAIMiningWorkBatchAccepted, error) {
	event := "WorkBatchAccepted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningWorkBatchAccepted)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningWorkFinalized represents a WorkFinalized event raised by the IAIMining contract.
type IAIMiningWorkFinalized struct {
	WorkId      [32]byte
	Beneficiary common.Address
	Amount      *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const IAIMiningWorkFinalizedEventName = "WorkFinalized"

// ContractEventName returns the user-defined event name.
func (IAIMiningWorkFinalized) ContractEventName() string {
	return IAIMiningWorkFinalizedEventName
}

// UnpackWorkFinalizedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WorkFinalized(bytes32 indexed workId, address indexed beneficiary, uint256 amount)
func (iAIMining *IAIMining) UnpackWorkFinalizedEvent(log *types.Log) (*IAIMiningWorkFinalized, error) {
	event := "WorkFinalized"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningWorkFinalized)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// IAIMiningWorkForfeited represents a WorkForfeited event raised by the IAIMining contract.
type IAIMiningWorkForfeited struct {
	WorkId  [32]byte
	MinerId [32]byte
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const IAIMiningWorkForfeitedEventName = "WorkForfeited"

// ContractEventName returns the user-defined event name.
func (IAIMiningWorkForfeited) ContractEventName() string {
	return IAIMiningWorkForfeitedEventName
}

// UnpackWorkForfeitedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WorkForfeited(bytes32 indexed workId, bytes32 indexed minerId, uint256 amount)
func (iAIMining *IAIMining) UnpackWorkForfeitedEvent(log *types.Log) (*IAIMiningWorkForfeited, error) {
	event := "WorkForfeited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != iAIMining.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(IAIMiningWorkForfeited)
	if len(log.Data) > 0 {
		if err := iAIMining.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range iAIMining.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (iAIMining *IAIMining) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AlreadyClaimed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AlreadyRelayed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAlreadyRelayedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AlreadyRevealed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAlreadyRevealedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AlreadySpent"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAlreadySpentError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ArithmeticOverflow"].ID.Bytes()[:4]) {
		return iAIMining.UnpackArithmeticOverflowError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AttestationInvalid"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAttestationInvalidError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AttestationMismatch"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAttestationMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AuditSeedExpired"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAuditSeedExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["AuditSeedUnavailable"].ID.Bytes()[:4]) {
		return iAIMining.UnpackAuditSeedUnavailableError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["BadSignature"].ID.Bytes()[:4]) {
		return iAIMining.UnpackBadSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["BadTeleportSignature"].ID.Bytes()[:4]) {
		return iAIMining.UnpackBadTeleportSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["BadTicketSignature"].ID.Bytes()[:4]) {
		return iAIMining.UnpackBadTicketSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["BatchItemFailed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackBatchItemFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["BatchTooLarge"].ID.Bytes()[:4]) {
		return iAIMining.UnpackBatchTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["BondBelowMinimum"].ID.Bytes()[:4]) {
		return iAIMining.UnpackBondBelowMinimumError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["BondTooSmall"].ID.Bytes()[:4]) {
		return iAIMining.UnpackBondTooSmallError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["CertificateInvalid"].ID.Bytes()[:4]) {
		return iAIMining.UnpackCertificateInvalidError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ChallengeWindowClosed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackChallengeWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ChallengeWindowOpen"].ID.Bytes()[:4]) {
		return iAIMining.UnpackChallengeWindowOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["DelegateCallNotAllowed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackDelegateCallNotAllowedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["DeviceEpochCapReached"].ID.Bytes()[:4]) {
		return iAIMining.UnpackDeviceEpochCapReachedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["DeviceMinerMismatch"].ID.Bytes()[:4]) {
		return iAIMining.UnpackDeviceMinerMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["DuplicateTeleportSigner"].ID.Bytes()[:4]) {
		return iAIMining.UnpackDuplicateTeleportSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["EpochBudgetExhausted"].ID.Bytes()[:4]) {
		return iAIMining.UnpackEpochBudgetExhaustedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["FirmwareNotAllowed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackFirmwareNotAllowedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["FutureTimestamp"].ID.Bytes()[:4]) {
		return iAIMining.UnpackFutureTimestampError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["GatewayBudgetExhausted"].ID.Bytes()[:4]) {
		return iAIMining.UnpackGatewayBudgetExhaustedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["InsufficientBond"].ID.Bytes()[:4]) {
		return iAIMining.UnpackInsufficientBondError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["InsufficientMiningBalance"].ID.Bytes()[:4]) {
		return iAIMining.UnpackInsufficientMiningBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["InvalidParameter"].ID.Bytes()[:4]) {
		return iAIMining.UnpackInvalidParameterError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["InvalidRewardProof"].ID.Bytes()[:4]) {
		return iAIMining.UnpackInvalidRewardProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ItemAlreadySpent"].ID.Bytes()[:4]) {
		return iAIMining.UnpackItemAlreadySpentError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["MalformedInput"].ID.Bytes()[:4]) {
		return iAIMining.UnpackMalformedInputError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["MinerSlashed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackMinerSlashedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NonceMismatch"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNonceMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotAdmittedVerifier"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotAdmittedVerifierError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotAggregator"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotAggregatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotBonded"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotBondedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotBonder"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotBonderError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotCommitteeMember"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotCommitteeMemberError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotEnoughTeleportSigners"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotEnoughTeleportSignersError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotGovernance"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotGovernanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotUnderAudit"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotUnderAuditError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotVerifier"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotVerifierError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NotVoting"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNotVotingError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["NothingToWithdraw"].ID.Bytes()[:4]) {
		return iAIMining.UnpackNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["OverCap"].ID.Bytes()[:4]) {
		return iAIMining.UnpackOverCapError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["PendingTeleportsFull"].ID.Bytes()[:4]) {
		return iAIMining.UnpackPendingTeleportsFullError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ReadOnlyCall"].ID.Bytes()[:4]) {
		return iAIMining.UnpackReadOnlyCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RevealMismatch"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRevealMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RevealTooEarly"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRevealTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RevealWindowClosed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRevealWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RevealWindowOpen"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRevealWindowOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RevokedDevice"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRevokedDeviceError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RewardProofTooLong"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRewardProofTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RoundAlreadyPublished"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRoundAlreadyPublishedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RoundNotPublished"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRoundNotPublishedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RoundOverClaimed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRoundOverClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RoundRewardAlreadyClaimed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRoundRewardAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["RoundTotalOverPool"].ID.Bytes()[:4]) {
		return iAIMining.UnpackRoundTotalOverPoolError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["SeqNotIncreasing"].ID.Bytes()[:4]) {
		return iAIMining.UnpackSeqNotIncreasingError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["StaleTimestamp"].ID.Bytes()[:4]) {
		return iAIMining.UnpackStaleTimestampError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TeleportAmountTooSmall"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTeleportAmountTooSmallError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TeleportNotPending"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTeleportNotPendingError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TeleportToSelf"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTeleportToSelfError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TicketAlreadyRedeemed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTicketAlreadyRedeemedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TicketBudgetExceeded"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTicketBudgetExceededError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TicketExpired"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTicketExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TicketMismatch"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTicketMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TicketRequired"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTicketRequiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["TokensOverLimit"].ID.Bytes()[:4]) {
		return iAIMining.UnpackTokensOverLimitError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnbondingNotReady"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnbondingNotReadyError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnknownDevice"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnknownDeviceError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnknownGateway"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnknownGatewayError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnknownModel"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnknownModelError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnknownSelector"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnknownSelectorError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnknownTeleportSigner"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnknownTeleportSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnknownTeleportSource"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnknownTeleportSourceError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["UnsupportedDevice"].ID.Bytes()[:4]) {
		return iAIMining.UnpackUnsupportedDeviceError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ValueNotAccepted"].ID.Bytes()[:4]) {
		return iAIMining.UnpackValueNotAcceptedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VerifierSetFull"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVerifierSetFullError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VerifierStakeLocked"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVerifierStakeLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VoteAlreadyCommitted"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVoteAlreadyCommittedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VoteCommitClosed"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVoteCommitClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VoteMismatch"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVoteMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VoteNotCommitted"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVoteNotCommittedError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VoteRevealNotOpen"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVoteRevealNotOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["VotingOpen"].ID.Bytes()[:4]) {
		return iAIMining.UnpackVotingOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WorkDeviceMismatch"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWorkDeviceMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WorkNotPending"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWorkNotPendingError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WorkUnderAudit"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWorkUnderAuditError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WrongAddress"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWrongAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WrongBatchItem"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWrongBatchItemError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WrongChain"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWrongChainError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WrongChallengeBond"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWrongChallengeBondError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["WrongDestination"].ID.Bytes()[:4]) {
		return iAIMining.UnpackWrongDestinationError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ZeroBeneficiary"].ID.Bytes()[:4]) {
		return iAIMining.UnpackZeroBeneficiaryError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ZeroOutputTokens"].ID.Bytes()[:4]) {
		return iAIMining.UnpackZeroOutputTokensError(raw[4:])
	}
	if bytes.Equal(raw[:4], iAIMining.abi.Errors["ZeroTeleportRecipient"].ID.Bytes()[:4]) {
		return iAIMining.UnpackZeroTeleportRecipientError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// IAIMiningAlreadyClaimed represents a AlreadyClaimed error raised by the IAIMining contract.
type IAIMiningAlreadyClaimed struct {
	TeleportId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyClaimed(bytes32 teleportId)
func IAIMiningAlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0xc842648490cc51188535862204e42a629795f8186ccc73d6de558559a23ee12f")
}

// UnpackAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyClaimed(bytes32 teleportId)
func (iAIMining *IAIMining) UnpackAlreadyClaimedError(raw []byte) (*IAIMiningAlreadyClaimed, error) {
	out := new(IAIMiningAlreadyClaimed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningAlreadyRelayed represents a AlreadyRelayed error raised by the IAIMining contract.
type IAIMiningAlreadyRelayed struct {
	TeleportId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRelayed(bytes32 teleportId)
func IAIMiningAlreadyRelayedErrorID() common.Hash {
	return common.HexToHash("0x40f63faac6fbf393a9ff7f8cd1e18fcf2e1c889d1e168877f34405ed99149bf0")
}

// UnpackAlreadyRelayedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRelayed(bytes32 teleportId)
func (iAIMining *IAIMining) UnpackAlreadyRelayedError(raw []byte) (*IAIMiningAlreadyRelayed, error) {
	out := new(IAIMiningAlreadyRelayed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AlreadyRelayed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningAlreadyRevealed represents a AlreadyRevealed error raised by the IAIMining contract.
type IAIMiningAlreadyRevealed struct {
	WorkId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRevealed(bytes32 workId)
func IAIMiningAlreadyRevealedErrorID() common.Hash {
	return common.HexToHash("0x8822d026475c3e37d0e15ce3757fee8a908f1774e4f1e793b3d00b64ad40b264")
}

// UnpackAlreadyRevealedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRevealed(bytes32 workId)
func (iAIMining *IAIMining) UnpackAlreadyRevealedError(raw []byte) (*IAIMiningAlreadyRevealed, error) {
	out := new(IAIMiningAlreadyRevealed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AlreadyRevealed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningAlreadySpent represents a AlreadySpent error raised by the IAIMining contract.
type IAIMiningAlreadySpent struct {
	WorkId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadySpent(bytes32 workId)
func IAIMiningAlreadySpentErrorID() common.Hash {
	return common.HexToHash("0x13b8207ceef3abc849a05e2c655a683e8943fec6598bf26f2a557428463b78df")
}

// UnpackAlreadySpentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadySpent(bytes32 workId)
func (iAIMining *IAIMining) UnpackAlreadySpentError(raw []byte) (*IAIMiningAlreadySpent, error) {
	out := new(IAIMiningAlreadySpent)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AlreadySpent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningArithmeticOverflow represents a ArithmeticOverflow error raised by the IAIMining contract.
type IAIMiningArithmeticOverflow struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ArithmeticOverflow()
func IAIMiningArithmeticOverflowErrorID() common.Hash {
	return common.HexToHash("0xe47ec0744d30965d785f7e5771efd51ca60da9b2f80deac1a7d0bc5eddb0ffab")
}

// UnpackArithmeticOverflowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ArithmeticOverflow()
func (iAIMining *IAIMining) UnpackArithmeticOverflowError(raw []byte) (*IAIMiningArithmeticOverflow, error) {
	out := new(IAIMiningArithmeticOverflow)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ArithmeticOverflow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningAttestationInvalid represents a AttestationInvalid error raised by the IAIMining contract.
type IAIMiningAttestationInvalid struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AttestationInvalid(string reason)
func IAIMiningAttestationInvalidErrorID() common.Hash {
	return common.HexToHash("0x06d1f25a29a05a2c4f9efbd7bc7573d31dbe42ccc73da9c26cb2e05ae22f2e7a")
}

// UnpackAttestationInvalidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AttestationInvalid(string reason)
func (iAIMining *IAIMining) UnpackAttestationInvalidError(raw []byte) (*IAIMiningAttestationInvalid, error) {
	out := new(IAIMiningAttestationInvalid)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AttestationInvalid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningAttestationMismatch represents a AttestationMismatch error raised by the IAIMining contract.
type IAIMiningAttestationMismatch struct {
	SignedHash   [32]byte
	SuppliedHash [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AttestationMismatch(bytes32 signedHash, bytes32 suppliedHash)
func IAIMiningAttestationMismatchErrorID() common.Hash {
	return common.HexToHash("0xea01a45e478a241080462f664c1c32d94b6e6d2f595a0ace43efa99d63b118bd")
}

// UnpackAttestationMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AttestationMismatch(bytes32 signedHash, bytes32 suppliedHash)
func (iAIMining *IAIMining) UnpackAttestationMismatchError(raw []byte) (*IAIMiningAttestationMismatch, error) {
	out := new(IAIMiningAttestationMismatch)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AttestationMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningAuditSeedExpired represents a AuditSeedExpired error raised by the IAIMining contract.
type IAIMiningAuditSeedExpired struct {
	WorkId    [32]byte
	ExpiredAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AuditSeedExpired(bytes32 workId, uint64 expiredAt)
func IAIMiningAuditSeedExpiredErrorID() common.Hash {
	return common.HexToHash("0x4e071cb96c1a7838e87cca4cdbb5395b7c679d88643f323bc55553f6b6109204")
}

// UnpackAuditSeedExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AuditSeedExpired(bytes32 workId, uint64 expiredAt)
func (iAIMining *IAIMining) UnpackAuditSeedExpiredError(raw []byte) (*IAIMiningAuditSeedExpired, error) {
	out := new(IAIMiningAuditSeedExpired)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AuditSeedExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningAuditSeedUnavailable represents a AuditSeedUnavailable error raised by the IAIMining contract.
type IAIMiningAuditSeedUnavailable struct {
	SubmitBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AuditSeedUnavailable(uint64 submitBlock)
func IAIMiningAuditSeedUnavailableErrorID() common.Hash {
	return common.HexToHash("0x450818340c4ed29763484bdc124354629de2278ff2340db4f2a7903915a26632")
}

// UnpackAuditSeedUnavailableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AuditSeedUnavailable(uint64 submitBlock)
func (iAIMining *IAIMining) UnpackAuditSeedUnavailableError(raw []byte) (*IAIMiningAuditSeedUnavailable, error) {
	out := new(IAIMiningAuditSeedUnavailable)
	if err := iAIMining.abi.UnpackIntoInterface(out, "AuditSeedUnavailable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningBadSignature represents a BadSignature error raised by the IAIMining contract.
type IAIMiningBadSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadSignature()
func IAIMiningBadSignatureErrorID() common.Hash {
	return common.HexToHash("0x5cd5d2335541c4f2ed05fbe44f397e8b79f8e2333157122d2dab06e378ef7685")
}

// UnpackBadSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadSignature()
func (iAIMining *IAIMining) UnpackBadSignatureError(raw []byte) (*IAIMiningBadSignature, error) {
	out := new(IAIMiningBadSignature)
	if err := iAIMining.abi.UnpackIntoInterface(out, "BadSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningBadTeleportSignature represents a BadTeleportSignature error raised by the IAIMining contract.
type IAIMiningBadTeleportSignature struct {
	Index uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadTeleportSignature(uint8 index)
func IAIMiningBadTeleportSignatureErrorID() common.Hash {
	return common.HexToHash("0x71334bb6ba1985c7221aaaffbdd3260ee3bfa38ff7f95c69283952d7ea31a00f")
}

// UnpackBadTeleportSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadTeleportSignature(uint8 index)
func (iAIMining *IAIMining) UnpackBadTeleportSignatureError(raw []byte) (*IAIMiningBadTeleportSignature, error) {
	out := new(IAIMiningBadTeleportSignature)
	if err := iAIMining.abi.UnpackIntoInterface(out, "BadTeleportSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningBadTicketSignature represents a BadTicketSignature error raised by the IAIMining contract.
type IAIMiningBadTicketSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadTicketSignature()
func IAIMiningBadTicketSignatureErrorID() common.Hash {
	return common.HexToHash("0xc55b1d060466d4297d28269fa589789358b9822e04ee6cd3238e8531d69dd213")
}

// UnpackBadTicketSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadTicketSignature()
func (iAIMining *IAIMining) UnpackBadTicketSignatureError(raw []byte) (*IAIMiningBadTicketSignature, error) {
	out := new(IAIMiningBadTicketSignature)
	if err := iAIMining.abi.UnpackIntoInterface(out, "BadTicketSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningBatchItemFailed represents a BatchItemFailed error raised by the IAIMining contract.
type IAIMiningBatchItemFailed struct {
	Index  *big.Int
	Reason []byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BatchItemFailed(uint256 index, bytes reason)
func IAIMiningBatchItemFailedErrorID() common.Hash {
	return common.HexToHash("0x6b44570b321021a4f65f9f00127d8aa9b12bca90451751f443387cb9b1de7c9a")
}

// UnpackBatchItemFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BatchItemFailed(uint256 index, bytes reason)
func (iAIMining *IAIMining) UnpackBatchItemFailedError(raw []byte) (*IAIMiningBatchItemFailed, error) {
	out := new(IAIMiningBatchItemFailed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "BatchItemFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningBatchTooLarge represents a BatchTooLarge error raised by the IAIMining contract.
type IAIMiningBatchTooLarge struct {
	Size *big.Int
	Max  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BatchTooLarge(uint256 size, uint256 max)
func IAIMiningBatchTooLargeErrorID() common.Hash {
	return common.HexToHash("0xbb1cb70bcc2ddbaabd8d251943ebb6b48ae10b9f78ce35a6f00b43eac7ae64f1")
}

// UnpackBatchTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BatchTooLarge(uint256 size, uint256 max)
func (iAIMining *IAIMining) UnpackBatchTooLargeError(raw []byte) (*IAIMiningBatchTooLarge, error) {
	out := new(IAIMiningBatchTooLarge)
	if err := iAIMining.abi.UnpackIntoInterface(out, "BatchTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningBondBelowMinimum represents a BondBelowMinimum error raised by the IAIMining contract.
type IAIMiningBondBelowMinimum struct {
	Amount  *big.Int
	Minimum *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BondBelowMinimum(uint256 amount, uint256 minimum)
func IAIMiningBondBelowMinimumErrorID() common.Hash {
	return common.HexToHash("0x3455212ae852a2c6e45fb9d75cc669c78755ce566c392eb0b3c4eaaa95c21b5a")
}

// UnpackBondBelowMinimumError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BondBelowMinimum(uint256 amount, uint256 minimum)
func (iAIMining *IAIMining) UnpackBondBelowMinimumError(raw []byte) (*IAIMiningBondBelowMinimum, error) {
	out := new(IAIMiningBondBelowMinimum)
	if err := iAIMining.abi.UnpackIntoInterface(out, "BondBelowMinimum", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningBondTooSmall represents a BondTooSmall error raised by the IAIMining contract.
type IAIMiningBondTooSmall struct {
	MinerId     [32]byte
	Bond        *big.Int
	EpochReward *big.Int
	Cap         *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BondTooSmall(bytes32 minerId, uint256 bond, uint256 epochReward, uint256 cap)
func IAIMiningBondTooSmallErrorID() common.Hash {
	return common.HexToHash("0xfb2bae1536d1d53246fbbbbf855ebbecd893adfee5d988f10da70ad8147b754b")
}

// UnpackBondTooSmallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BondTooSmall(bytes32 minerId, uint256 bond, uint256 epochReward, uint256 cap)
func (iAIMining *IAIMining) UnpackBondTooSmallError(raw []byte) (*IAIMiningBondTooSmall, error) {
	out := new(IAIMiningBondTooSmall)
	if err := iAIMining.abi.UnpackIntoInterface(out, "BondTooSmall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningCertificateInvalid represents a CertificateInvalid error raised by the IAIMining contract.
type IAIMiningCertificateInvalid struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CertificateInvalid(string reason)
func IAIMiningCertificateInvalidErrorID() common.Hash {
	return common.HexToHash("0x9c263a836c0bdd557d1ae490f464dfff8dfaf2631c8e578bd764658898158b79")
}

// UnpackCertificateInvalidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CertificateInvalid(string reason)
func (iAIMining *IAIMining) UnpackCertificateInvalidError(raw []byte) (*IAIMiningCertificateInvalid, error) {
	out := new(IAIMiningCertificateInvalid)
	if err := iAIMining.abi.UnpackIntoInterface(out, "CertificateInvalid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningChallengeWindowClosed represents a ChallengeWindowClosed error raised by the IAIMining contract.
type IAIMiningChallengeWindowClosed struct {
	WorkId      [32]byte
	ClosedAt    uint64
	BlockNumber uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChallengeWindowClosed(bytes32 workId, uint64 closedAt, uint64 blockNumber)
func IAIMiningChallengeWindowClosedErrorID() common.Hash {
	return common.HexToHash("0x410ec9c9d0d4c961402f197dd479692508a0dcf64070c90cfdac21948b88bf79")
}

// UnpackChallengeWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChallengeWindowClosed(bytes32 workId, uint64 closedAt, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackChallengeWindowClosedError(raw []byte) (*IAIMiningChallengeWindowClosed, error) {
	out := new(IAIMiningChallengeWindowClosed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ChallengeWindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningChallengeWindowOpen represents a ChallengeWindowOpen error raised by the IAIMining contract.
type IAIMiningChallengeWindowOpen struct {
	WorkId        [32]byte
	FinalizableAt uint64
	BlockNumber   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChallengeWindowOpen(bytes32 workId, uint64 finalizableAt, uint64 blockNumber)
func IAIMiningChallengeWindowOpenErrorID() common.Hash {
	return common.HexToHash("0xe4fca276f461a90b200bcec0962b73cf1e2048ab8bfc5087f8f74c705c0e6925")
}

// UnpackChallengeWindowOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChallengeWindowOpen(bytes32 workId, uint64 finalizableAt, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackChallengeWindowOpenError(raw []byte) (*IAIMiningChallengeWindowOpen, error) {
	out := new(IAIMiningChallengeWindowOpen)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ChallengeWindowOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningDelegateCallNotAllowed represents a DelegateCallNotAllowed error raised by the IAIMining contract.
type IAIMiningDelegateCallNotAllowed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DelegateCallNotAllowed()
func IAIMiningDelegateCallNotAllowedErrorID() common.Hash {
	return common.HexToHash("0x0d89438eea00ece3f212dc9098fd3978b02cbea7f5a2fdee08649cff9e74a000")
}

// UnpackDelegateCallNotAllowedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DelegateCallNotAllowed()
func (iAIMining *IAIMining) UnpackDelegateCallNotAllowedError(raw []byte) (*IAIMiningDelegateCallNotAllowed, error) {
	out := new(IAIMiningDelegateCallNotAllowed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "DelegateCallNotAllowed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningDeviceEpochCapReached represents a DeviceEpochCapReached error raised by the IAIMining contract.
type IAIMiningDeviceEpochCapReached struct {
	DeviceId [32]byte
	Epoch    uint64
	Cap      uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeviceEpochCapReached(bytes32 deviceId, uint64 epoch, uint32 cap)
func IAIMiningDeviceEpochCapReachedErrorID() common.Hash {
	return common.HexToHash("0x9c064dd94460fefe2819a821886328047480d64cbb97790290ce4d8892dddcb0")
}

// UnpackDeviceEpochCapReachedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeviceEpochCapReached(bytes32 deviceId, uint64 epoch, uint32 cap)
func (iAIMining *IAIMining) UnpackDeviceEpochCapReachedError(raw []byte) (*IAIMiningDeviceEpochCapReached, error) {
	out := new(IAIMiningDeviceEpochCapReached)
	if err := iAIMining.abi.UnpackIntoInterface(out, "DeviceEpochCapReached", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningDeviceMinerMismatch represents a DeviceMinerMismatch error raised by the IAIMining contract.
type IAIMiningDeviceMinerMismatch struct {
	DeviceId        [32]byte
	RegisteredMiner [32]byte
	ProofMiner      [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeviceMinerMismatch(bytes32 deviceId, bytes32 registeredMiner, bytes32 proofMiner)
func IAIMiningDeviceMinerMismatchErrorID() common.Hash {
	return common.HexToHash("0x7c41226111431ac654a9c8c9474ecabd26aab0cff4bc3a6d52488b4f46df94e8")
}

// UnpackDeviceMinerMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeviceMinerMismatch(bytes32 deviceId, bytes32 registeredMiner, bytes32 proofMiner)
func (iAIMining *IAIMining) UnpackDeviceMinerMismatchError(raw []byte) (*IAIMiningDeviceMinerMismatch, error) {
	out := new(IAIMiningDeviceMinerMismatch)
	if err := iAIMining.abi.UnpackIntoInterface(out, "DeviceMinerMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningDuplicateTeleportSigner represents a DuplicateTeleportSigner error raised by the IAIMining contract.
type IAIMiningDuplicateTeleportSigner struct {
	Index uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DuplicateTeleportSigner(uint8 index)
func IAIMiningDuplicateTeleportSignerErrorID() common.Hash {
	return common.HexToHash("0xffa1142cbc59ff754e53c6a9b5b4c6e79148b5bb2f186c9b608defce03e035e7")
}

// UnpackDuplicateTeleportSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DuplicateTeleportSigner(uint8 index)
func (iAIMining *IAIMining) UnpackDuplicateTeleportSignerError(raw []byte) (*IAIMiningDuplicateTeleportSigner, error) {
	out := new(IAIMiningDuplicateTeleportSigner)
	if err := iAIMining.abi.UnpackIntoInterface(out, "DuplicateTeleportSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningEpochBudgetExhausted represents a EpochBudgetExhausted error raised by the IAIMining contract.
type IAIMiningEpochBudgetExhausted struct {
	Epoch     uint64
	Remaining *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EpochBudgetExhausted(uint64 epoch, uint256 remaining)
func IAIMiningEpochBudgetExhaustedErrorID() common.Hash {
	return common.HexToHash("0x3b59bf6898aa69d21b5e065f817743d1674bbc5740cd4f4c5cdae99a27945e80")
}

// UnpackEpochBudgetExhaustedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EpochBudgetExhausted(uint64 epoch, uint256 remaining)
func (iAIMining *IAIMining) UnpackEpochBudgetExhaustedError(raw []byte) (*IAIMiningEpochBudgetExhausted, error) {
	out := new(IAIMiningEpochBudgetExhausted)
	if err := iAIMining.abi.UnpackIntoInterface(out, "EpochBudgetExhausted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningFirmwareNotAllowed represents a FirmwareNotAllowed error raised by the IAIMining contract.
type IAIMiningFirmwareNotAllowed struct {
	Kind uint8
	Item [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FirmwareNotAllowed(uint8 kind, bytes32 item)
func IAIMiningFirmwareNotAllowedErrorID() common.Hash {
	return common.HexToHash("0x529aa167fc600886a34584a8b49ab4ea43f5f6c2624887c1b1cd852b12890ec1")
}

// UnpackFirmwareNotAllowedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FirmwareNotAllowed(uint8 kind, bytes32 item)
func (iAIMining *IAIMining) UnpackFirmwareNotAllowedError(raw []byte) (*IAIMiningFirmwareNotAllowed, error) {
	out := new(IAIMiningFirmwareNotAllowed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "FirmwareNotAllowed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningFutureTimestamp represents a FutureTimestamp error raised by the IAIMining contract.
type IAIMiningFutureTimestamp struct {
	Timestamp uint64
	BlockTime uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error FutureTimestamp(uint64 timestamp, uint64 blockTime)
func IAIMiningFutureTimestampErrorID() common.Hash {
	return common.HexToHash("0x93d400a2b45c2876082d5845851bb2599587d592dae5c6b58322539013e8f1e3")
}

// UnpackFutureTimestampError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error FutureTimestamp(uint64 timestamp, uint64 blockTime)
func (iAIMining *IAIMining) UnpackFutureTimestampError(raw []byte) (*IAIMiningFutureTimestamp, error) {
	out := new(IAIMiningFutureTimestamp)
	if err := iAIMining.abi.UnpackIntoInterface(out, "FutureTimestamp", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningGatewayBudgetExhausted represents a GatewayBudgetExhausted error raised by the IAIMining contract.
type IAIMiningGatewayBudgetExhausted struct {
	GatewayId [32]byte
	Epoch     uint64
	Budget    uint64
	Spent     uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error GatewayBudgetExhausted(bytes32 gatewayId, uint64 epoch, uint64 budget, uint64 spent)
func IAIMiningGatewayBudgetExhaustedErrorID() common.Hash {
	return common.HexToHash("0xc451b101cb4dab4fbfec524688e6f38bfd18ad026f751bfbb5bed919f0898a43")
}

// UnpackGatewayBudgetExhaustedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error GatewayBudgetExhausted(bytes32 gatewayId, uint64 epoch, uint64 budget, uint64 spent)
func (iAIMining *IAIMining) UnpackGatewayBudgetExhaustedError(raw []byte) (*IAIMiningGatewayBudgetExhausted, error) {
	out := new(IAIMiningGatewayBudgetExhausted)
	if err := iAIMining.abi.UnpackIntoInterface(out, "GatewayBudgetExhausted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningInsufficientBond represents a InsufficientBond error raised by the IAIMining contract.
type IAIMiningInsufficientBond struct {
	MinerId [32]byte
	Bonded  *big.Int
	Amount  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBond(bytes32 minerId, uint256 bonded, uint256 amount)
func IAIMiningInsufficientBondErrorID() common.Hash {
	return common.HexToHash("0xd70e8971ee3bed9a4ce408ed2a32329e9ebc22600f618b8386ddbdba2820ed6b")
}

// UnpackInsufficientBondError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBond(bytes32 minerId, uint256 bonded, uint256 amount)
func (iAIMining *IAIMining) UnpackInsufficientBondError(raw []byte) (*IAIMiningInsufficientBond, error) {
	out := new(IAIMiningInsufficientBond)
	if err := iAIMining.abi.UnpackIntoInterface(out, "InsufficientBond", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningInsufficientMiningBalance represents a InsufficientMiningBalance error raised by the IAIMining contract.
type IAIMiningInsufficientMiningBalance struct {
	Balance *big.Int
	Amount  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientMiningBalance(uint256 balance, uint256 amount)
func IAIMiningInsufficientMiningBalanceErrorID() common.Hash {
	return common.HexToHash("0x8b1fdd5b7f9f26d49822e2c271f7f7b835c2a231a152345ff182a3235bacba7f")
}

// UnpackInsufficientMiningBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientMiningBalance(uint256 balance, uint256 amount)
func (iAIMining *IAIMining) UnpackInsufficientMiningBalanceError(raw []byte) (*IAIMiningInsufficientMiningBalance, error) {
	out := new(IAIMiningInsufficientMiningBalance)
	if err := iAIMining.abi.UnpackIntoInterface(out, "InsufficientMiningBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningInvalidParameter represents a InvalidParameter error raised by the IAIMining contract.
type IAIMiningInvalidParameter struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidParameter(string reason)
func IAIMiningInvalidParameterErrorID() common.Hash {
	return common.HexToHash("0xaa33ade0aeb9f98ab34de64dc8528f518998966a7f9fcee11b746b769d506aa5")
}

// UnpackInvalidParameterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidParameter(string reason)
func (iAIMining *IAIMining) UnpackInvalidParameterError(raw []byte) (*IAIMiningInvalidParameter, error) {
	out := new(IAIMiningInvalidParameter)
	if err := iAIMining.abi.UnpackIntoInterface(out, "InvalidParameter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningInvalidRewardProof represents a InvalidRewardProof error raised by the IAIMining contract.
type IAIMiningInvalidRewardProof struct {
	RoundId   uint64
	Recipient common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidRewardProof(uint64 roundId, address recipient)
func IAIMiningInvalidRewardProofErrorID() common.Hash {
	return common.HexToHash("0x9e959a1cfecd52b0725f096a2b3aec9485fe62d62030c9d6998fe308b7ae2e1e")
}

// UnpackInvalidRewardProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidRewardProof(uint64 roundId, address recipient)
func (iAIMining *IAIMining) UnpackInvalidRewardProofError(raw []byte) (*IAIMiningInvalidRewardProof, error) {
	out := new(IAIMiningInvalidRewardProof)
	if err := iAIMining.abi.UnpackIntoInterface(out, "InvalidRewardProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningItemAlreadySpent represents a ItemAlreadySpent error raised by the IAIMining contract.
type IAIMiningItemAlreadySpent struct {
	MinerId [32]byte
	Seq     uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ItemAlreadySpent(bytes32 minerId, uint64 seq)
func IAIMiningItemAlreadySpentErrorID() common.Hash {
	return common.HexToHash("0xbeef65134749add9c34e6cfe2d976e9f11f8442418752114b963f9fad3f343d3")
}

// UnpackItemAlreadySpentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ItemAlreadySpent(bytes32 minerId, uint64 seq)
func (iAIMining *IAIMining) UnpackItemAlreadySpentError(raw []byte) (*IAIMiningItemAlreadySpent, error) {
	out := new(IAIMiningItemAlreadySpent)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ItemAlreadySpent", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningMalformedInput represents a MalformedInput error raised by the IAIMining contract.
type IAIMiningMalformedInput struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalformedInput(string reason)
func IAIMiningMalformedInputErrorID() common.Hash {
	return common.HexToHash("0x618dc7f1b752b895ebd2072bba57eb04a2ab060a914eff76137fa547b9e93b89")
}

// UnpackMalformedInputError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalformedInput(string reason)
func (iAIMining *IAIMining) UnpackMalformedInputError(raw []byte) (*IAIMiningMalformedInput, error) {
	out := new(IAIMiningMalformedInput)
	if err := iAIMining.abi.UnpackIntoInterface(out, "MalformedInput", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningMinerSlashed represents a MinerSlashed error raised by the IAIMining contract.
type IAIMiningMinerSlashed struct {
	MinerId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MinerSlashed(bytes32 minerId)
func IAIMiningMinerSlashedErrorID() common.Hash {
	return common.HexToHash("0x60af2f9483885860cc3d568c72a3ddf67ce7650f99978d8400cb5cadcaffbed8")
}

// UnpackMinerSlashedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MinerSlashed(bytes32 minerId)
func (iAIMining *IAIMining) UnpackMinerSlashedError(raw []byte) (*IAIMiningMinerSlashed, error) {
	out := new(IAIMiningMinerSlashed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "MinerSlashed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNonceMismatch represents a NonceMismatch error raised by the IAIMining contract.
type IAIMiningNonceMismatch struct {
	Expected [32]byte
	Got      [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NonceMismatch(bytes32 expected, bytes32 got)
func IAIMiningNonceMismatchErrorID() common.Hash {
	return common.HexToHash("0xc256c19a5219783a3c912f009332c1370bc67151767931c93b4c738fec2f88b1")
}

// UnpackNonceMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NonceMismatch(bytes32 expected, bytes32 got)
func (iAIMining *IAIMining) UnpackNonceMismatchError(raw []byte) (*IAIMiningNonceMismatch, error) {
	out := new(IAIMiningNonceMismatch)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NonceMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotAdmittedVerifier represents a NotAdmittedVerifier error raised by the IAIMining contract.
type IAIMiningNotAdmittedVerifier struct {
	Verifier common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAdmittedVerifier(address verifier)
func IAIMiningNotAdmittedVerifierErrorID() common.Hash {
	return common.HexToHash("0x20df61540a91f7d09f28ce32ed340a308ce9d1a4cd1105813c3ed40ce52f9bea")
}

// UnpackNotAdmittedVerifierError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAdmittedVerifier(address verifier)
func (iAIMining *IAIMining) UnpackNotAdmittedVerifierError(raw []byte) (*IAIMiningNotAdmittedVerifier, error) {
	out := new(IAIMiningNotAdmittedVerifier)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotAdmittedVerifier", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotAggregator represents a NotAggregator error raised by the IAIMining contract.
type IAIMiningNotAggregator struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAggregator(address caller)
func IAIMiningNotAggregatorErrorID() common.Hash {
	return common.HexToHash("0x37705b1fb27ba684b41fd001b6a304ab32525cc6f74237375bc587926ab29d6a")
}

// UnpackNotAggregatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAggregator(address caller)
func (iAIMining *IAIMining) UnpackNotAggregatorError(raw []byte) (*IAIMiningNotAggregator, error) {
	out := new(IAIMiningNotAggregator)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotAggregator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotBonded represents a NotBonded error raised by the IAIMining contract.
type IAIMiningNotBonded struct {
	MinerId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotBonded(bytes32 minerId)
func IAIMiningNotBondedErrorID() common.Hash {
	return common.HexToHash("0x38e89232c666717db86a6782d32c8c20aa4a9c5161c244e914774e3c812ee488")
}

// UnpackNotBondedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotBonded(bytes32 minerId)
func (iAIMining *IAIMining) UnpackNotBondedError(raw []byte) (*IAIMiningNotBonded, error) {
	out := new(IAIMiningNotBonded)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotBonded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotBonder represents a NotBonder error raised by the IAIMining contract.
type IAIMiningNotBonder struct {
	MinerId [32]byte
	Bonder  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotBonder(bytes32 minerId, address bonder)
func IAIMiningNotBonderErrorID() common.Hash {
	return common.HexToHash("0x9d6db11c1946f8a9d2d74e74ea9b64e8c55ecaf626513bfb93a77a8cabd2f8b2")
}

// UnpackNotBonderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotBonder(bytes32 minerId, address bonder)
func (iAIMining *IAIMining) UnpackNotBonderError(raw []byte) (*IAIMiningNotBonder, error) {
	out := new(IAIMiningNotBonder)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotBonder", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotCommitteeMember represents a NotCommitteeMember error raised by the IAIMining contract.
type IAIMiningNotCommitteeMember struct {
	WorkId [32]byte
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotCommitteeMember(bytes32 workId, address caller)
func IAIMiningNotCommitteeMemberErrorID() common.Hash {
	return common.HexToHash("0x5ada619c2a348692c00169cf7774e1c0f3b66041d5b2212242250b643f3d6370")
}

// UnpackNotCommitteeMemberError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotCommitteeMember(bytes32 workId, address caller)
func (iAIMining *IAIMining) UnpackNotCommitteeMemberError(raw []byte) (*IAIMiningNotCommitteeMember, error) {
	out := new(IAIMiningNotCommitteeMember)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotCommitteeMember", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotEnoughTeleportSigners represents a NotEnoughTeleportSigners error raised by the IAIMining contract.
type IAIMiningNotEnoughTeleportSigners struct {
	Signatures *big.Int
	Threshold  uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotEnoughTeleportSigners(uint256 signatures, uint8 threshold)
func IAIMiningNotEnoughTeleportSignersErrorID() common.Hash {
	return common.HexToHash("0x9aec88465b2ff11ca055853224c8de737e5585a3bb1391ee6aae98b6c20e9933")
}

// UnpackNotEnoughTeleportSignersError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotEnoughTeleportSigners(uint256 signatures, uint8 threshold)
func (iAIMining *IAIMining) UnpackNotEnoughTeleportSignersError(raw []byte) (*IAIMiningNotEnoughTeleportSigners, error) {
	out := new(IAIMiningNotEnoughTeleportSigners)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotEnoughTeleportSigners", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotGovernance represents a NotGovernance error raised by the IAIMining contract.
type IAIMiningNotGovernance struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotGovernance(address caller)
func IAIMiningNotGovernanceErrorID() common.Hash {
	return common.HexToHash("0x988d1f034409fa6034c96c7a747f1aface3c57af045046793082b71a663c0040")
}

// UnpackNotGovernanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotGovernance(address caller)
func (iAIMining *IAIMining) UnpackNotGovernanceError(raw []byte) (*IAIMiningNotGovernance, error) {
	out := new(IAIMiningNotGovernance)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotGovernance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotUnderAudit represents a NotUnderAudit error raised by the IAIMining contract.
type IAIMiningNotUnderAudit struct {
	WorkId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotUnderAudit(bytes32 workId)
func IAIMiningNotUnderAuditErrorID() common.Hash {
	return common.HexToHash("0xb2d76ce9bc8aa67ae02ad2f960cd9bc14fb11090486ab0aff573417517fd92c9")
}

// UnpackNotUnderAuditError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotUnderAudit(bytes32 workId)
func (iAIMining *IAIMining) UnpackNotUnderAuditError(raw []byte) (*IAIMiningNotUnderAudit, error) {
	out := new(IAIMiningNotUnderAudit)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotUnderAudit", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotVerifier represents a NotVerifier error raised by the IAIMining contract.
type IAIMiningNotVerifier struct {
	Verifier common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotVerifier(address verifier)
func IAIMiningNotVerifierErrorID() common.Hash {
	return common.HexToHash("0xfdad49d4d8abc0def2ccf8ba986dcbd23ea142aa289dd977f311e49829432145")
}

// UnpackNotVerifierError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotVerifier(address verifier)
func (iAIMining *IAIMining) UnpackNotVerifierError(raw []byte) (*IAIMiningNotVerifier, error) {
	out := new(IAIMiningNotVerifier)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotVerifier", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNotVoting represents a NotVoting error raised by the IAIMining contract.
type IAIMiningNotVoting struct {
	WorkId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotVoting(bytes32 workId)
func IAIMiningNotVotingErrorID() common.Hash {
	return common.HexToHash("0x5cc71c562186fa2efbacf7b834d32474dbb78fb0613d7c2dde41a65798386ea2")
}

// UnpackNotVotingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotVoting(bytes32 workId)
func (iAIMining *IAIMining) UnpackNotVotingError(raw []byte) (*IAIMiningNotVoting, error) {
	out := new(IAIMiningNotVoting)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NotVoting", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningNothingToWithdraw represents a NothingToWithdraw error raised by the IAIMining contract.
type IAIMiningNothingToWithdraw struct {
	MinerId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToWithdraw(bytes32 minerId)
func IAIMiningNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0x7eff38ca4350d02e22808120ce04993849037585c25dd755f78b8ba3ed9808a8")
}

// UnpackNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToWithdraw(bytes32 minerId)
func (iAIMining *IAIMining) UnpackNothingToWithdrawError(raw []byte) (*IAIMiningNothingToWithdraw, error) {
	out := new(IAIMiningNothingToWithdraw)
	if err := iAIMining.abi.UnpackIntoInterface(out, "NothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningOverCap represents a OverCap error raised by the IAIMining contract.
type IAIMiningOverCap struct {
	ComputeUnits uint64
	Cap          uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OverCap(uint64 computeUnits, uint64 cap)
func IAIMiningOverCapErrorID() common.Hash {
	return common.HexToHash("0x3d5328f11978cb2c7c9d33fec9a1d286621bc0eeae7dc15c9badc749d272eda6")
}

// UnpackOverCapError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OverCap(uint64 computeUnits, uint64 cap)
func (iAIMining *IAIMining) UnpackOverCapError(raw []byte) (*IAIMiningOverCap, error) {
	out := new(IAIMiningOverCap)
	if err := iAIMining.abi.UnpackIntoInterface(out, "OverCap", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningPendingTeleportsFull represents a PendingTeleportsFull error raised by the IAIMining contract.
type IAIMiningPendingTeleportsFull struct {
	Recipient common.Address
	Max       *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PendingTeleportsFull(address recipient, uint256 max)
func IAIMiningPendingTeleportsFullErrorID() common.Hash {
	return common.HexToHash("0x05f9409c309fd8b70c8fa3d52cfa9b6d149d3f78de0fdfd32cedde3b9ebe0605")
}

// UnpackPendingTeleportsFullError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PendingTeleportsFull(address recipient, uint256 max)
func (iAIMining *IAIMining) UnpackPendingTeleportsFullError(raw []byte) (*IAIMiningPendingTeleportsFull, error) {
	out := new(IAIMiningPendingTeleportsFull)
	if err := iAIMining.abi.UnpackIntoInterface(out, "PendingTeleportsFull", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningReadOnlyCall represents a ReadOnlyCall error raised by the IAIMining contract.
type IAIMiningReadOnlyCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReadOnlyCall()
func IAIMiningReadOnlyCallErrorID() common.Hash {
	return common.HexToHash("0xcf8fd6f1cfee58c22d6f08951eb2d54638bbc91a683a63c36858085206f4cc4e")
}

// UnpackReadOnlyCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReadOnlyCall()
func (iAIMining *IAIMining) UnpackReadOnlyCallError(raw []byte) (*IAIMiningReadOnlyCall, error) {
	out := new(IAIMiningReadOnlyCall)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ReadOnlyCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRevealMismatch represents a RevealMismatch error raised by the IAIMining contract.
type IAIMiningRevealMismatch struct {
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RevealMismatch(string field)
func IAIMiningRevealMismatchErrorID() common.Hash {
	return common.HexToHash("0x08eaf4fdab4f88b882b6bcbb16bb925f057e029d4d3417814b9d3d8d1a5a721e")
}

// UnpackRevealMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RevealMismatch(string field)
func (iAIMining *IAIMining) UnpackRevealMismatchError(raw []byte) (*IAIMiningRevealMismatch, error) {
	out := new(IAIMiningRevealMismatch)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RevealMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRevealTooEarly represents a RevealTooEarly error raised by the IAIMining contract.
type IAIMiningRevealTooEarly struct {
	WorkId [32]byte
	From   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RevealTooEarly(bytes32 workId, uint64 from)
func IAIMiningRevealTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x4137042b9657582dc7059ca665422c90050848bbc371c7891336808f31102eb1")
}

// UnpackRevealTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RevealTooEarly(bytes32 workId, uint64 from)
func (iAIMining *IAIMining) UnpackRevealTooEarlyError(raw []byte) (*IAIMiningRevealTooEarly, error) {
	out := new(IAIMiningRevealTooEarly)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RevealTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRevealWindowClosed represents a RevealWindowClosed error raised by the IAIMining contract.
type IAIMiningRevealWindowClosed struct {
	WorkId      [32]byte
	Deadline    uint64
	BlockNumber uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RevealWindowClosed(bytes32 workId, uint64 deadline, uint64 blockNumber)
func IAIMiningRevealWindowClosedErrorID() common.Hash {
	return common.HexToHash("0xb84b1184027d0f9e53018df6656c4a83c84796dc9d06d176405afcb1923293e7")
}

// UnpackRevealWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RevealWindowClosed(bytes32 workId, uint64 deadline, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackRevealWindowClosedError(raw []byte) (*IAIMiningRevealWindowClosed, error) {
	out := new(IAIMiningRevealWindowClosed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RevealWindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRevealWindowOpen represents a RevealWindowOpen error raised by the IAIMining contract.
type IAIMiningRevealWindowOpen struct {
	WorkId      [32]byte
	Deadline    uint64
	BlockNumber uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RevealWindowOpen(bytes32 workId, uint64 deadline, uint64 blockNumber)
func IAIMiningRevealWindowOpenErrorID() common.Hash {
	return common.HexToHash("0x66912dea9b2cf8c5fe8918161f27a99e6e2f7dc96db1223187bee3f7775a9c20")
}

// UnpackRevealWindowOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RevealWindowOpen(bytes32 workId, uint64 deadline, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackRevealWindowOpenError(raw []byte) (*IAIMiningRevealWindowOpen, error) {
	out := new(IAIMiningRevealWindowOpen)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RevealWindowOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRevokedDevice represents a RevokedDevice error raised by the IAIMining contract.
type IAIMiningRevokedDevice struct {
	DeviceId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RevokedDevice(bytes32 deviceId)
func IAIMiningRevokedDeviceErrorID() common.Hash {
	return common.HexToHash("0x698e74b22e1c8e09b74bdca706faa57ac1bcde5e010986f13e068c37cf8329e0")
}

// UnpackRevokedDeviceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RevokedDevice(bytes32 deviceId)
func (iAIMining *IAIMining) UnpackRevokedDeviceError(raw []byte) (*IAIMiningRevokedDevice, error) {
	out := new(IAIMiningRevokedDevice)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RevokedDevice", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRewardProofTooLong represents a RewardProofTooLong error raised by the IAIMining contract.
type IAIMiningRewardProofTooLong struct {
	Length    *big.Int
	MaxLength *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RewardProofTooLong(uint256 length, uint256 maxLength)
func IAIMiningRewardProofTooLongErrorID() common.Hash {
	return common.HexToHash("0xdeaf615c3786f1bae0e89cb6e1eb1a41fd478a80fe52e5175b08672373f34221")
}

// UnpackRewardProofTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RewardProofTooLong(uint256 length, uint256 maxLength)
func (iAIMining *IAIMining) UnpackRewardProofTooLongError(raw []byte) (*IAIMiningRewardProofTooLong, error) {
	out := new(IAIMiningRewardProofTooLong)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RewardProofTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRoundAlreadyPublished represents a RoundAlreadyPublished error raised by the IAIMining contract.
type IAIMiningRoundAlreadyPublished struct {
	RoundId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundAlreadyPublished(uint64 roundId)
func IAIMiningRoundAlreadyPublishedErrorID() common.Hash {
	return common.HexToHash("0xaffe132db6345e57062f5e67e3c0503ded9f9cc81c72090fcb1a1d97a262f943")
}

// UnpackRoundAlreadyPublishedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundAlreadyPublished(uint64 roundId)
func (iAIMining *IAIMining) UnpackRoundAlreadyPublishedError(raw []byte) (*IAIMiningRoundAlreadyPublished, error) {
	out := new(IAIMiningRoundAlreadyPublished)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RoundAlreadyPublished", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRoundNotPublished represents a RoundNotPublished error raised by the IAIMining contract.
type IAIMiningRoundNotPublished struct {
	RoundId uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundNotPublished(uint64 roundId)
func IAIMiningRoundNotPublishedErrorID() common.Hash {
	return common.HexToHash("0x3cbe3bf6e60968ac3e9682fe2c97b8475187726a1fc2f4aaa7fc201d2d1b9616")
}

// UnpackRoundNotPublishedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundNotPublished(uint64 roundId)
func (iAIMining *IAIMining) UnpackRoundNotPublishedError(raw []byte) (*IAIMiningRoundNotPublished, error) {
	out := new(IAIMiningRoundNotPublished)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RoundNotPublished", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRoundOverClaimed represents a RoundOverClaimed error raised by the IAIMining contract.
type IAIMiningRoundOverClaimed struct {
	RoundId uint64
	Total   *big.Int
	Claimed *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundOverClaimed(uint64 roundId, uint256 total, uint256 claimed)
func IAIMiningRoundOverClaimedErrorID() common.Hash {
	return common.HexToHash("0x1782b78374f8d42180246d97a6f8d74c34e53cca8533f44b527117625c21dc0a")
}

// UnpackRoundOverClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundOverClaimed(uint64 roundId, uint256 total, uint256 claimed)
func (iAIMining *IAIMining) UnpackRoundOverClaimedError(raw []byte) (*IAIMiningRoundOverClaimed, error) {
	out := new(IAIMiningRoundOverClaimed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RoundOverClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRoundRewardAlreadyClaimed represents a RoundRewardAlreadyClaimed error raised by the IAIMining contract.
type IAIMiningRoundRewardAlreadyClaimed struct {
	RoundId   uint64
	Recipient common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundRewardAlreadyClaimed(uint64 roundId, address recipient)
func IAIMiningRoundRewardAlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0xbc643bf1d229055c15becb6e86ba26c24abbf9f5345798e0a7e89f891e621b19")
}

// UnpackRoundRewardAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundRewardAlreadyClaimed(uint64 roundId, address recipient)
func (iAIMining *IAIMining) UnpackRoundRewardAlreadyClaimedError(raw []byte) (*IAIMiningRoundRewardAlreadyClaimed, error) {
	out := new(IAIMiningRoundRewardAlreadyClaimed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RoundRewardAlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningRoundTotalOverPool represents a RoundTotalOverPool error raised by the IAIMining contract.
type IAIMiningRoundTotalOverPool struct {
	Total *big.Int
	Pool  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RoundTotalOverPool(uint256 total, uint256 pool)
func IAIMiningRoundTotalOverPoolErrorID() common.Hash {
	return common.HexToHash("0xdef6a9e7468ce56be5b199403da8583ab9458f4b0a948ae05a4ca3ece3643971")
}

// UnpackRoundTotalOverPoolError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RoundTotalOverPool(uint256 total, uint256 pool)
func (iAIMining *IAIMining) UnpackRoundTotalOverPoolError(raw []byte) (*IAIMiningRoundTotalOverPool, error) {
	out := new(IAIMiningRoundTotalOverPool)
	if err := iAIMining.abi.UnpackIntoInterface(out, "RoundTotalOverPool", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningSeqNotIncreasing represents a SeqNotIncreasing error raised by the IAIMining contract.
type IAIMiningSeqNotIncreasing struct {
	Previous uint64
	Seq      uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SeqNotIncreasing(uint64 previous, uint64 seq)
func IAIMiningSeqNotIncreasingErrorID() common.Hash {
	return common.HexToHash("0xc64d90bed26678d0c6b8a43b24c8ec592bde5d5accaf74625b0c8a18edd6943e")
}

// UnpackSeqNotIncreasingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SeqNotIncreasing(uint64 previous, uint64 seq)
func (iAIMining *IAIMining) UnpackSeqNotIncreasingError(raw []byte) (*IAIMiningSeqNotIncreasing, error) {
	out := new(IAIMiningSeqNotIncreasing)
	if err := iAIMining.abi.UnpackIntoInterface(out, "SeqNotIncreasing", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningStaleTimestamp represents a StaleTimestamp error raised by the IAIMining contract.
type IAIMiningStaleTimestamp struct {
	Timestamp uint64
	BlockTime uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StaleTimestamp(uint64 timestamp, uint64 blockTime)
func IAIMiningStaleTimestampErrorID() common.Hash {
	return common.HexToHash("0x1917ee8a300fee0203300612a3e755ecbfbdbddc475f8579c46bdc356d6ab99f")
}

// UnpackStaleTimestampError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StaleTimestamp(uint64 timestamp, uint64 blockTime)
func (iAIMining *IAIMining) UnpackStaleTimestampError(raw []byte) (*IAIMiningStaleTimestamp, error) {
	out := new(IAIMiningStaleTimestamp)
	if err := iAIMining.abi.UnpackIntoInterface(out, "StaleTimestamp", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTeleportAmountTooSmall represents a TeleportAmountTooSmall error raised by the IAIMining contract.
type IAIMiningTeleportAmountTooSmall struct {
	Amount  *big.Int
	Minimum *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TeleportAmountTooSmall(uint256 amount, uint256 minimum)
func IAIMiningTeleportAmountTooSmallErrorID() common.Hash {
	return common.HexToHash("0xf80aebedf102068f923c332553419d517579a74b89334ad5f1c98a04326e4fee")
}

// UnpackTeleportAmountTooSmallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TeleportAmountTooSmall(uint256 amount, uint256 minimum)
func (iAIMining *IAIMining) UnpackTeleportAmountTooSmallError(raw []byte) (*IAIMiningTeleportAmountTooSmall, error) {
	out := new(IAIMiningTeleportAmountTooSmall)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TeleportAmountTooSmall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTeleportNotPending represents a TeleportNotPending error raised by the IAIMining contract.
type IAIMiningTeleportNotPending struct {
	TeleportId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TeleportNotPending(bytes32 teleportId)
func IAIMiningTeleportNotPendingErrorID() common.Hash {
	return common.HexToHash("0xa374bf8de31ebdc5a1599220e2e84e93888b466f9858c545522e4193384e21ff")
}

// UnpackTeleportNotPendingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TeleportNotPending(bytes32 teleportId)
func (iAIMining *IAIMining) UnpackTeleportNotPendingError(raw []byte) (*IAIMiningTeleportNotPending, error) {
	out := new(IAIMiningTeleportNotPending)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TeleportNotPending", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTeleportToSelf represents a TeleportToSelf error raised by the IAIMining contract.
type IAIMiningTeleportToSelf struct {
	ChainId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TeleportToSelf(uint32 chainId)
func IAIMiningTeleportToSelfErrorID() common.Hash {
	return common.HexToHash("0x3ee32f910cd7d5fb88fd77e7da687e5839531e154c63333f3a797a8c66664010")
}

// UnpackTeleportToSelfError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TeleportToSelf(uint32 chainId)
func (iAIMining *IAIMining) UnpackTeleportToSelfError(raw []byte) (*IAIMiningTeleportToSelf, error) {
	out := new(IAIMiningTeleportToSelf)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TeleportToSelf", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTicketAlreadyRedeemed represents a TicketAlreadyRedeemed error raised by the IAIMining contract.
type IAIMiningTicketAlreadyRedeemed struct {
	TicketId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketAlreadyRedeemed(bytes32 ticketId)
func IAIMiningTicketAlreadyRedeemedErrorID() common.Hash {
	return common.HexToHash("0xeaf6a3187f28f2e20c372db1ebb72873645996151b35d8cee7a292978b5d8f0b")
}

// UnpackTicketAlreadyRedeemedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketAlreadyRedeemed(bytes32 ticketId)
func (iAIMining *IAIMining) UnpackTicketAlreadyRedeemedError(raw []byte) (*IAIMiningTicketAlreadyRedeemed, error) {
	out := new(IAIMiningTicketAlreadyRedeemed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TicketAlreadyRedeemed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTicketBudgetExceeded represents a TicketBudgetExceeded error raised by the IAIMining contract.
type IAIMiningTicketBudgetExceeded struct {
	ComputeUnits uint64
	Budget       uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketBudgetExceeded(uint64 computeUnits, uint64 budget)
func IAIMiningTicketBudgetExceededErrorID() common.Hash {
	return common.HexToHash("0xc7d0dd98d06341c7f1f448f4f1ef20d3a91e3e905a008134741699c1568d98e7")
}

// UnpackTicketBudgetExceededError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketBudgetExceeded(uint64 computeUnits, uint64 budget)
func (iAIMining *IAIMining) UnpackTicketBudgetExceededError(raw []byte) (*IAIMiningTicketBudgetExceeded, error) {
	out := new(IAIMiningTicketBudgetExceeded)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TicketBudgetExceeded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTicketExpired represents a TicketExpired error raised by the IAIMining contract.
type IAIMiningTicketExpired struct {
	Expiry    uint64
	BlockTime uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketExpired(uint64 expiry, uint64 blockTime)
func IAIMiningTicketExpiredErrorID() common.Hash {
	return common.HexToHash("0xc4302c1ca02d30419e9378dbd461979df66737d2a7689040cc08370609f6f230")
}

// UnpackTicketExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketExpired(uint64 expiry, uint64 blockTime)
func (iAIMining *IAIMining) UnpackTicketExpiredError(raw []byte) (*IAIMiningTicketExpired, error) {
	out := new(IAIMiningTicketExpired)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TicketExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTicketMismatch represents a TicketMismatch error raised by the IAIMining contract.
type IAIMiningTicketMismatch struct {
	Field string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketMismatch(string field)
func IAIMiningTicketMismatchErrorID() common.Hash {
	return common.HexToHash("0x5e8b7cf6990006cae23fd89c11b1a69d36e9fc15e1ab75eff6a669abfabd9f67")
}

// UnpackTicketMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketMismatch(string field)
func (iAIMining *IAIMining) UnpackTicketMismatchError(raw []byte) (*IAIMiningTicketMismatch, error) {
	out := new(IAIMiningTicketMismatch)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TicketMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTicketRequired represents a TicketRequired error raised by the IAIMining contract.
type IAIMiningTicketRequired struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketRequired()
func IAIMiningTicketRequiredErrorID() common.Hash {
	return common.HexToHash("0x80323b3a8f591a1afc624a19f01f9e2e747d5ab634baefe93caab9da251923af")
}

// UnpackTicketRequiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketRequired()
func (iAIMining *IAIMining) UnpackTicketRequiredError(raw []byte) (*IAIMiningTicketRequired, error) {
	out := new(IAIMiningTicketRequired)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TicketRequired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningTokensOverLimit represents a TokensOverLimit error raised by the IAIMining contract.
type IAIMiningTokensOverLimit struct {
	InputTokens     uint32
	OutputTokens    uint32
	MaxInputTokens  uint32
	MaxOutputTokens uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokensOverLimit(uint32 inputTokens, uint32 outputTokens, uint32 maxInputTokens, uint32 maxOutputTokens)
func IAIMiningTokensOverLimitErrorID() common.Hash {
	return common.HexToHash("0x8c78f28abc49eff2c87fe2e1924728ba364244c54c549703e07917a039cac412")
}

// UnpackTokensOverLimitError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokensOverLimit(uint32 inputTokens, uint32 outputTokens, uint32 maxInputTokens, uint32 maxOutputTokens)
func (iAIMining *IAIMining) UnpackTokensOverLimitError(raw []byte) (*IAIMiningTokensOverLimit, error) {
	out := new(IAIMiningTokensOverLimit)
	if err := iAIMining.abi.UnpackIntoInterface(out, "TokensOverLimit", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnbondingNotReady represents a UnbondingNotReady error raised by the IAIMining contract.
type IAIMiningUnbondingNotReady struct {
	MinerId     [32]byte
	ReadyAt     uint64
	BlockNumber uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnbondingNotReady(bytes32 minerId, uint64 readyAt, uint64 blockNumber)
func IAIMiningUnbondingNotReadyErrorID() common.Hash {
	return common.HexToHash("0x53b3cacc9c216a393fa68d6ac1a76ce65be7d12163458c8dd44bf1ff22a1fb3c")
}

// UnpackUnbondingNotReadyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnbondingNotReady(bytes32 minerId, uint64 readyAt, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackUnbondingNotReadyError(raw []byte) (*IAIMiningUnbondingNotReady, error) {
	out := new(IAIMiningUnbondingNotReady)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnbondingNotReady", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnknownDevice represents a UnknownDevice error raised by the IAIMining contract.
type IAIMiningUnknownDevice struct {
	DeviceId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownDevice(bytes32 deviceId)
func IAIMiningUnknownDeviceErrorID() common.Hash {
	return common.HexToHash("0xe2f351b2ec1bb723faa4544ed2cbba5fbca7bab4219e8757fa8f679a05e0be7a")
}

// UnpackUnknownDeviceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownDevice(bytes32 deviceId)
func (iAIMining *IAIMining) UnpackUnknownDeviceError(raw []byte) (*IAIMiningUnknownDevice, error) {
	out := new(IAIMiningUnknownDevice)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnknownDevice", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnknownGateway represents a UnknownGateway error raised by the IAIMining contract.
type IAIMiningUnknownGateway struct {
	GatewayId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownGateway(bytes32 gatewayId)
func IAIMiningUnknownGatewayErrorID() common.Hash {
	return common.HexToHash("0x6e506ad0e5275e8fae4280168b35eb6464d208e50737aa29b9703730e0d15f76")
}

// UnpackUnknownGatewayError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownGateway(bytes32 gatewayId)
func (iAIMining *IAIMining) UnpackUnknownGatewayError(raw []byte) (*IAIMiningUnknownGateway, error) {
	out := new(IAIMiningUnknownGateway)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnknownGateway", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnknownModel represents a UnknownModel error raised by the IAIMining contract.
type IAIMiningUnknownModel struct {
	ModelHash [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownModel(bytes32 modelHash)
func IAIMiningUnknownModelErrorID() common.Hash {
	return common.HexToHash("0xa2dc0625b3fe9caa2cc8653c3bb80baa7333672dfd886a80b6343d529b2daa98")
}

// UnpackUnknownModelError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownModel(bytes32 modelHash)
func (iAIMining *IAIMining) UnpackUnknownModelError(raw []byte) (*IAIMiningUnknownModel, error) {
	out := new(IAIMiningUnknownModel)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnknownModel", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnknownSelector represents a UnknownSelector error raised by the IAIMining contract.
type IAIMiningUnknownSelector struct {
	Selector [4]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownSelector(bytes4 selector)
func IAIMiningUnknownSelectorErrorID() common.Hash {
	return common.HexToHash("0xc2a825f5477b7cd1f59fbe07092f42f4387547639d04b691437b9f5d82716d5c")
}

// UnpackUnknownSelectorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownSelector(bytes4 selector)
func (iAIMining *IAIMining) UnpackUnknownSelectorError(raw []byte) (*IAIMiningUnknownSelector, error) {
	out := new(IAIMiningUnknownSelector)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnknownSelector", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnknownTeleportSigner represents a UnknownTeleportSigner error raised by the IAIMining contract.
type IAIMiningUnknownTeleportSigner struct {
	Index uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownTeleportSigner(uint8 index)
func IAIMiningUnknownTeleportSignerErrorID() common.Hash {
	return common.HexToHash("0xee8e7dd5d199df68772c51dadd967fbc1206409097d6eda4585f5a13e1666e3a")
}

// UnpackUnknownTeleportSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownTeleportSigner(uint8 index)
func (iAIMining *IAIMining) UnpackUnknownTeleportSignerError(raw []byte) (*IAIMiningUnknownTeleportSigner, error) {
	out := new(IAIMiningUnknownTeleportSigner)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnknownTeleportSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnknownTeleportSource represents a UnknownTeleportSource error raised by the IAIMining contract.
type IAIMiningUnknownTeleportSource struct {
	SourceChain uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownTeleportSource(uint32 sourceChain)
func IAIMiningUnknownTeleportSourceErrorID() common.Hash {
	return common.HexToHash("0x8e48e772ce122a820a98439ef4c5ec7b24e8a75afc293ac7325cdf21bbd6367f")
}

// UnpackUnknownTeleportSourceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownTeleportSource(uint32 sourceChain)
func (iAIMining *IAIMining) UnpackUnknownTeleportSourceError(raw []byte) (*IAIMiningUnknownTeleportSource, error) {
	out := new(IAIMiningUnknownTeleportSource)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnknownTeleportSource", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningUnsupportedDevice represents a UnsupportedDevice error raised by the IAIMining contract.
type IAIMiningUnsupportedDevice struct {
	Chip string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnsupportedDevice(string chip)
func IAIMiningUnsupportedDeviceErrorID() common.Hash {
	return common.HexToHash("0x5971879ce879680221c571418fff449cf2aefaa74476d93f6db78224cecba4eb")
}

// UnpackUnsupportedDeviceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnsupportedDevice(string chip)
func (iAIMining *IAIMining) UnpackUnsupportedDeviceError(raw []byte) (*IAIMiningUnsupportedDevice, error) {
	out := new(IAIMiningUnsupportedDevice)
	if err := iAIMining.abi.UnpackIntoInterface(out, "UnsupportedDevice", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningValueNotAccepted represents a ValueNotAccepted error raised by the IAIMining contract.
type IAIMiningValueNotAccepted struct {
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ValueNotAccepted(uint256 value)
func IAIMiningValueNotAcceptedErrorID() common.Hash {
	return common.HexToHash("0x583718dd4fcbdad4497b581d46e7e7e0de5ba3eee06510b5bd6ccffbf0b09b15")
}

// UnpackValueNotAcceptedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ValueNotAccepted(uint256 value)
func (iAIMining *IAIMining) UnpackValueNotAcceptedError(raw []byte) (*IAIMiningValueNotAccepted, error) {
	out := new(IAIMiningValueNotAccepted)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ValueNotAccepted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVerifierSetFull represents a VerifierSetFull error raised by the IAIMining contract.
type IAIMiningVerifierSetFull struct {
	MaxVerifiers uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VerifierSetFull(uint64 maxVerifiers)
func IAIMiningVerifierSetFullErrorID() common.Hash {
	return common.HexToHash("0x801c113676f717d484d9bf50da867838b42afc12c3f87827616715caacf6c8ca")
}

// UnpackVerifierSetFullError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VerifierSetFull(uint64 maxVerifiers)
func (iAIMining *IAIMining) UnpackVerifierSetFullError(raw []byte) (*IAIMiningVerifierSetFull, error) {
	out := new(IAIMiningVerifierSetFull)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VerifierSetFull", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVerifierStakeLocked represents a VerifierStakeLocked error raised by the IAIMining contract.
type IAIMiningVerifierStakeLocked struct {
	Verifier       common.Address
	ReadyAt        uint64
	OpenCommittees uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VerifierStakeLocked(address verifier, uint64 readyAt, uint32 openCommittees)
func IAIMiningVerifierStakeLockedErrorID() common.Hash {
	return common.HexToHash("0xbe795118b7636eeef72ccc50c2fb2ead6372cfac2bab4c78cabc0b5a9d12c5fe")
}

// UnpackVerifierStakeLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VerifierStakeLocked(address verifier, uint64 readyAt, uint32 openCommittees)
func (iAIMining *IAIMining) UnpackVerifierStakeLockedError(raw []byte) (*IAIMiningVerifierStakeLocked, error) {
	out := new(IAIMiningVerifierStakeLocked)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VerifierStakeLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVoteAlreadyCommitted represents a VoteAlreadyCommitted error raised by the IAIMining contract.
type IAIMiningVoteAlreadyCommitted struct {
	WorkId   [32]byte
	Verifier common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VoteAlreadyCommitted(bytes32 workId, address verifier)
func IAIMiningVoteAlreadyCommittedErrorID() common.Hash {
	return common.HexToHash("0x03d9593635eae02ffc9af325e502216cc1f24e66d1d2f7e2f72aa438ae30522e")
}

// UnpackVoteAlreadyCommittedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VoteAlreadyCommitted(bytes32 workId, address verifier)
func (iAIMining *IAIMining) UnpackVoteAlreadyCommittedError(raw []byte) (*IAIMiningVoteAlreadyCommitted, error) {
	out := new(IAIMiningVoteAlreadyCommitted)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VoteAlreadyCommitted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVoteCommitClosed represents a VoteCommitClosed error raised by the IAIMining contract.
type IAIMiningVoteCommitClosed struct {
	WorkId         [32]byte
	CommitDeadline uint64
	BlockNumber    uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VoteCommitClosed(bytes32 workId, uint64 commitDeadline, uint64 blockNumber)
func IAIMiningVoteCommitClosedErrorID() common.Hash {
	return common.HexToHash("0x94237edfcda4bb7fd95094f483696711dfe08ae3caf26409abd81b7424c731b8")
}

// UnpackVoteCommitClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VoteCommitClosed(bytes32 workId, uint64 commitDeadline, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackVoteCommitClosedError(raw []byte) (*IAIMiningVoteCommitClosed, error) {
	out := new(IAIMiningVoteCommitClosed)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VoteCommitClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVoteMismatch represents a VoteMismatch error raised by the IAIMining contract.
type IAIMiningVoteMismatch struct {
	WorkId   [32]byte
	Verifier common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VoteMismatch(bytes32 workId, address verifier)
func IAIMiningVoteMismatchErrorID() common.Hash {
	return common.HexToHash("0x109a6281a8de754b5168c9bcf12ea17c7ac50c4665a6650ce388397ab9941635")
}

// UnpackVoteMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VoteMismatch(bytes32 workId, address verifier)
func (iAIMining *IAIMining) UnpackVoteMismatchError(raw []byte) (*IAIMiningVoteMismatch, error) {
	out := new(IAIMiningVoteMismatch)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VoteMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVoteNotCommitted represents a VoteNotCommitted error raised by the IAIMining contract.
type IAIMiningVoteNotCommitted struct {
	WorkId   [32]byte
	Verifier common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VoteNotCommitted(bytes32 workId, address verifier)
func IAIMiningVoteNotCommittedErrorID() common.Hash {
	return common.HexToHash("0xf01044cd91548beead779af847efbd0a0231173ed8e80cb99f54af786617b57a")
}

// UnpackVoteNotCommittedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VoteNotCommitted(bytes32 workId, address verifier)
func (iAIMining *IAIMining) UnpackVoteNotCommittedError(raw []byte) (*IAIMiningVoteNotCommitted, error) {
	out := new(IAIMiningVoteNotCommitted)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VoteNotCommitted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVoteRevealNotOpen represents a VoteRevealNotOpen error raised by the IAIMining contract.
type IAIMiningVoteRevealNotOpen struct {
	WorkId      [32]byte
	OpensAt     uint64
	ClosesAt    uint64
	BlockNumber uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VoteRevealNotOpen(bytes32 workId, uint64 opensAt, uint64 closesAt, uint64 blockNumber)
func IAIMiningVoteRevealNotOpenErrorID() common.Hash {
	return common.HexToHash("0xe65f2052b89f7f58ff757ea23c7d0b2798534e3bd0bf15b018591ef3b84eb60c")
}

// UnpackVoteRevealNotOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VoteRevealNotOpen(bytes32 workId, uint64 opensAt, uint64 closesAt, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackVoteRevealNotOpenError(raw []byte) (*IAIMiningVoteRevealNotOpen, error) {
	out := new(IAIMiningVoteRevealNotOpen)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VoteRevealNotOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningVotingOpen represents a VotingOpen error raised by the IAIMining contract.
type IAIMiningVotingOpen struct {
	WorkId       [32]byte
	VoteDeadline uint64
	BlockNumber  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VotingOpen(bytes32 workId, uint64 voteDeadline, uint64 blockNumber)
func IAIMiningVotingOpenErrorID() common.Hash {
	return common.HexToHash("0xb3f6a37609992c94789e99e098d96b4ed102c666c219da2065ee355869d04f01")
}

// UnpackVotingOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VotingOpen(bytes32 workId, uint64 voteDeadline, uint64 blockNumber)
func (iAIMining *IAIMining) UnpackVotingOpenError(raw []byte) (*IAIMiningVotingOpen, error) {
	out := new(IAIMiningVotingOpen)
	if err := iAIMining.abi.UnpackIntoInterface(out, "VotingOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWorkDeviceMismatch represents a WorkDeviceMismatch error raised by the IAIMining contract.
type IAIMiningWorkDeviceMismatch struct {
	WorkContextDevice [32]byte
	AttestedDevice    [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WorkDeviceMismatch(bytes32 workContextDevice, bytes32 attestedDevice)
func IAIMiningWorkDeviceMismatchErrorID() common.Hash {
	return common.HexToHash("0x2f882d41f4ced872c50595158b219399b322e1df96bdbdd92fa771c07f197467")
}

// UnpackWorkDeviceMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WorkDeviceMismatch(bytes32 workContextDevice, bytes32 attestedDevice)
func (iAIMining *IAIMining) UnpackWorkDeviceMismatchError(raw []byte) (*IAIMiningWorkDeviceMismatch, error) {
	out := new(IAIMiningWorkDeviceMismatch)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WorkDeviceMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWorkNotPending represents a WorkNotPending error raised by the IAIMining contract.
type IAIMiningWorkNotPending struct {
	WorkId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WorkNotPending(bytes32 workId)
func IAIMiningWorkNotPendingErrorID() common.Hash {
	return common.HexToHash("0x6583c9efbe21e3afdabc59685e6d55d7df6e8795a0a8ae41f0334c229da68e38")
}

// UnpackWorkNotPendingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WorkNotPending(bytes32 workId)
func (iAIMining *IAIMining) UnpackWorkNotPendingError(raw []byte) (*IAIMiningWorkNotPending, error) {
	out := new(IAIMiningWorkNotPending)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WorkNotPending", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWorkUnderAudit represents a WorkUnderAudit error raised by the IAIMining contract.
type IAIMiningWorkUnderAudit struct {
	WorkId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WorkUnderAudit(bytes32 workId)
func IAIMiningWorkUnderAuditErrorID() common.Hash {
	return common.HexToHash("0x00c360bb3d52e8935f2e086fcbab7593d62dba591c930adf50bf0875eef28de2")
}

// UnpackWorkUnderAuditError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WorkUnderAudit(bytes32 workId)
func (iAIMining *IAIMining) UnpackWorkUnderAuditError(raw []byte) (*IAIMiningWorkUnderAudit, error) {
	out := new(IAIMiningWorkUnderAudit)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WorkUnderAudit", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWrongAddress represents a WrongAddress error raised by the IAIMining contract.
type IAIMiningWrongAddress struct {
	Called common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongAddress(address called)
func IAIMiningWrongAddressErrorID() common.Hash {
	return common.HexToHash("0xd7cfd41577c7363db64782fe581ca839d855cb80dc7d3fc5ad9cadd78b91b2e5")
}

// UnpackWrongAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongAddress(address called)
func (iAIMining *IAIMining) UnpackWrongAddressError(raw []byte) (*IAIMiningWrongAddress, error) {
	out := new(IAIMiningWrongAddress)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WrongAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWrongBatchItem represents a WrongBatchItem error raised by the IAIMining contract.
type IAIMiningWrongBatchItem struct {
	BatchId  [32]byte
	Audited  uint16
	Revealed uint16
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongBatchItem(bytes32 batchId, uint16 audited, uint16 revealed)
func IAIMiningWrongBatchItemErrorID() common.Hash {
	return common.HexToHash("0x0770caa5a42ae5389c39ffaf0606692f200fb3b120504199c0000ca8991bcc7e")
}

// UnpackWrongBatchItemError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongBatchItem(bytes32 batchId, uint16 audited, uint16 revealed)
func (iAIMining *IAIMining) UnpackWrongBatchItemError(raw []byte) (*IAIMiningWrongBatchItem, error) {
	out := new(IAIMiningWrongBatchItem)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WrongBatchItem", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWrongChain represents a WrongChain error raised by the IAIMining contract.
type IAIMiningWrongChain struct {
	Expected *big.Int
	Got      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongChain(uint256 expected, uint256 got)
func IAIMiningWrongChainErrorID() common.Hash {
	return common.HexToHash("0x24497bc308635bccbc06f4997297d2158da178be2267eeead419bfdb19d42d4b")
}

// UnpackWrongChainError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongChain(uint256 expected, uint256 got)
func (iAIMining *IAIMining) UnpackWrongChainError(raw []byte) (*IAIMiningWrongChain, error) {
	out := new(IAIMiningWrongChain)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WrongChain", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWrongChallengeBond represents a WrongChallengeBond error raised by the IAIMining contract.
type IAIMiningWrongChallengeBond struct {
	Sent     *big.Int
	Required *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongChallengeBond(uint256 sent, uint256 required)
func IAIMiningWrongChallengeBondErrorID() common.Hash {
	return common.HexToHash("0x13d69b79bbe300b76defca38f05de810337a3b04c384660a4a0080f5ab0a873d")
}

// UnpackWrongChallengeBondError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongChallengeBond(uint256 sent, uint256 required)
func (iAIMining *IAIMining) UnpackWrongChallengeBondError(raw []byte) (*IAIMiningWrongChallengeBond, error) {
	out := new(IAIMiningWrongChallengeBond)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WrongChallengeBond", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningWrongDestination represents a WrongDestination error raised by the IAIMining contract.
type IAIMiningWrongDestination struct {
	ThisChain        uint32
	DestinationChain uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongDestination(uint32 thisChain, uint32 destinationChain)
func IAIMiningWrongDestinationErrorID() common.Hash {
	return common.HexToHash("0x42583966cb86decf8b0f83e37579e34a0ea7cdbca67fdcc0f6a166f4b19324ae")
}

// UnpackWrongDestinationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongDestination(uint32 thisChain, uint32 destinationChain)
func (iAIMining *IAIMining) UnpackWrongDestinationError(raw []byte) (*IAIMiningWrongDestination, error) {
	out := new(IAIMiningWrongDestination)
	if err := iAIMining.abi.UnpackIntoInterface(out, "WrongDestination", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningZeroBeneficiary represents a ZeroBeneficiary error raised by the IAIMining contract.
type IAIMiningZeroBeneficiary struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroBeneficiary()
func IAIMiningZeroBeneficiaryErrorID() common.Hash {
	return common.HexToHash("0x776cceebfc1a062e43a3b60b0c113edf5b281e5b89380d91cff5d9ba361bc4b9")
}

// UnpackZeroBeneficiaryError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroBeneficiary()
func (iAIMining *IAIMining) UnpackZeroBeneficiaryError(raw []byte) (*IAIMiningZeroBeneficiary, error) {
	out := new(IAIMiningZeroBeneficiary)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ZeroBeneficiary", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningZeroOutputTokens represents a ZeroOutputTokens error raised by the IAIMining contract.
type IAIMiningZeroOutputTokens struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroOutputTokens()
func IAIMiningZeroOutputTokensErrorID() common.Hash {
	return common.HexToHash("0xf00822b7fbb3716644090d79c7222a1e8df2a5713d72bf2be576d4d77727e8c2")
}

// UnpackZeroOutputTokensError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroOutputTokens()
func (iAIMining *IAIMining) UnpackZeroOutputTokensError(raw []byte) (*IAIMiningZeroOutputTokens, error) {
	out := new(IAIMiningZeroOutputTokens)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ZeroOutputTokens", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IAIMiningZeroTeleportRecipient represents a ZeroTeleportRecipient error raised by the IAIMining contract.
type IAIMiningZeroTeleportRecipient struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroTeleportRecipient()
func IAIMiningZeroTeleportRecipientErrorID() common.Hash {
	return common.HexToHash("0x3c5d7dae56118cd8e41b6ff16fd46ad3df0e23ef82f2ed482eb099b4ad74b6f7")
}

// UnpackZeroTeleportRecipientError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroTeleportRecipient()
func (iAIMining *IAIMining) UnpackZeroTeleportRecipientError(raw []byte) (*IAIMiningZeroTeleportRecipient, error) {
	out := new(IAIMiningZeroTeleportRecipient)
	if err := iAIMining.abi.UnpackIntoInterface(out, "ZeroTeleportRecipient", raw); err != nil {
		return nil, err
	}
	return out, nil
}
