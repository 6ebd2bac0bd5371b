// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAIMining} from "../IAIMining.sol";

/// @title MiningClient: an example contract that uses the IAIMining precompile.
/// @notice Shows the supported ways to reach 0x0300 from Solidity (a view call
/// and a state-changing call through the interface, a try/catch that decodes
/// refusals on chain) and the ways the precompile refuses: a write inside a
/// STATICCALL, DELEGATECALL and CALLCODE, and ether sent along.
/// @dev Every failed call re-raises the precompile's revert data unchanged, so
/// clients decode the IAIMining custom error (AlreadySpent, ReadOnlyCall, ...)
/// against the IAIMining ABI. solc's ABI for this contract lists no errors
/// (the re-raise is assembly): MiningClient.abi.json beside this file, written
/// by `make abi`, adds every IAIMining error to it.
contract MiningClient {
    /// @notice The precompile.
    IAIMining public constant MINING = IAIMining(address(0x0300));

    /// @notice Total reward credited through this contract.
    uint256 public totalRewarded;
    /// @notice Proofs accepted through this contract.
    uint256 public submissions;

    /// @notice A proof forwarded by this contract was accepted.
    event Forwarded(address indexed sender, bytes32 indexed workId, uint256 reward);

    /// @notice Mining balance of `miner`, read through the interface (a STATICCALL).
    function balanceOf(address miner) external view returns (uint256) {
        return MINING.miningBalance(miner);
    }

    /// @notice Forward a software-only proof to the precompile (a CALL).
    /// A refusal reverts this call with the precompile's custom error.
    function submit(bytes calldata proof) external returns (uint256 reward) {
        bytes32 workId = MINING.workIdOf(proof);
        reward = MINING.submitWorkProof(proof, "");
        totalRewarded += reward;
        submissions += 1;
        emit Forwarded(msg.sender, workId, reward);
    }

    /// @notice Like submit, but catches a refusal and returns its revert data
    /// instead of reverting, and keeps a refused work id out of the counters.
    function trySubmit(bytes calldata proof) external returns (bool ok, uint256 reward, bytes memory reason) {
        try MINING.submitWorkProof(proof, "") returns (uint256 r) {
            totalRewarded += r;
            submissions += 1;
            return (true, r, "");
        } catch (bytes memory data) {
            return (false, 0, data);
        }
    }

    /// @notice Whether `data` is the IAIMining error AlreadySpent (decoded on chain).
    function isAlreadySpent(bytes memory data) external pure returns (bool) {
        return data.length == 36 && bytes4(data) == IAIMining.AlreadySpent.selector;
    }

    /// @notice Submit through a STATICCALL straight to the precompile. A write
    /// in a read-only call is refused: this always reverts with ReadOnlyCall.
    function submitStatic(bytes calldata proof) external view returns (uint256) {
        (bool ok, bytes memory ret) =
            address(MINING).staticcall(abi.encodeCall(IAIMining.submitWorkProof, (proof, "")));
        if (!ok) bubble(ret);
        return abi.decode(ret, (uint256));
    }

    /// @notice Call this contract's own submit inside a STATICCALL frame: the
    /// precompile sees submit's CALL of submitWorkProof made from a read-only
    /// frame and refuses it with ReadOnlyCall, before it decodes the proof.
    /// submit first calls the view workIdOf, which runs in a read-only frame
    /// and decodes the proof: a malformed proof is refused there, with
    /// MalformedInput, before submitWorkProof is reached.
    function submitInStaticFrame(bytes calldata proof) external view returns (uint256) {
        (bool ok, bytes memory ret) = address(this).staticcall(abi.encodeCall(this.submit, (proof)));
        if (!ok) bubble(ret);
        return abi.decode(ret, (uint256));
    }

    /// @notice DELEGATECALL the precompile. It allows only CALL and
    /// STATICCALL: this always reverts with DelegateCallNotAllowed.
    function delegateBalanceOf(address miner) external returns (uint256) {
        (bool ok, bytes memory ret) =
            address(MINING).delegatecall(abi.encodeCall(IAIMining.miningBalance, (miner)));
        if (!ok) bubble(ret);
        return abi.decode(ret, (uint256));
    }

    /// @notice DELEGATECALL submitWorkProof: refused the same way, before the
    /// proof is even looked at.
    function delegateSubmit(bytes calldata proof) external returns (uint256) {
        (bool ok, bytes memory ret) =
            address(MINING).delegatecall(abi.encodeCall(IAIMining.submitWorkProof, (proof, "")));
        if (!ok) bubble(ret);
        return abi.decode(ret, (uint256));
    }

    /// @notice CALLCODE the precompile (only reachable from assembly). Refused
    /// like DELEGATECALL: this always reverts with DelegateCallNotAllowed.
    function callcodeBalanceOf(address miner) external returns (uint256) {
        bytes memory data = abi.encodeCall(IAIMining.miningBalance, (miner));
        bool ok;
        uint256 size;
        assembly ("memory-safe") {
            ok := callcode(gas(), 0x0300, 0, add(data, 0x20), mload(data), 0, 0)
            size := returndatasize()
        }
        bytes memory ret = new bytes(size);
        assembly ("memory-safe") {
            returndatacopy(add(ret, 0x20), 0, size)
        }
        if (!ok) bubble(ret);
        return abi.decode(ret, (uint256));
    }

    /// @notice Forward ether with a submission (a low-level CALL: the
    /// interface's functions are not payable). The precompile accepts no
    /// value: this always reverts with ValueNotAccepted(msg.value).
    function submitWithValue(bytes calldata proof) external payable returns (uint256) {
        (bool ok, bytes memory ret) =
            address(MINING).call{value: msg.value}(abi.encodeCall(IAIMining.submitWorkProof, (proof, "")));
        if (!ok) bubble(ret);
        return abi.decode(ret, (uint256));
    }

    /// @dev Re-raise revert data unchanged.
    function bubble(bytes memory ret) private pure {
        assembly ("memory-safe") {
            revert(add(ret, 0x20), mload(ret))
        }
    }
}
