// Shared by the end-to-end tests: solc compilation of MiningClient.sol and
// the decoding of IAIMining's custom errors from ethers failures.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { ethers } from 'ethers';

export const CONTRACTS_DIR = fileURLToPath(new URL('../../contracts/', import.meta.url));

// compile compiles MiningClient.sol (and through its import IAIMining.sol)
// with solc's standard JSON interface, optimizer on. Any error or warning
// fails the test.
export function compile(evmVersion = 'prague') {
  const readSource = (unit) => {
    const file = path.resolve(CONTRACTS_DIR, unit);
    if (!file.startsWith(CONTRACTS_DIR)) throw new Error(`import ${unit} leaves contracts/`);
    return fs.readFileSync(file, 'utf8');
  };
  const input = {
    language: 'Solidity',
    sources: { 'examples/MiningClient.sol': { content: readSource('examples/MiningClient.sol') } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      // Pinned so the bytecode does not change with solc's default:
      // pars-geth runs Osaka, which executes Prague code; subnet-evm
      // (libevm) runs Cancun.
      evmVersion,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const findImports = (unit) => {
    try {
      return { contents: readSource(unit) };
    } catch (e) {
      return { error: String(e.message ?? e) };
    }
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const problems = (out.errors ?? []).map((e) => e.formattedMessage);
  assert.deepEqual(problems, [], `solc ${solc.version()} reported:\n${problems.join('\n')}`);
  return {
    version: solc.version(),
    iaimining: out.contracts['IAIMining.sol'].IAIMining,
    client: out.contracts['examples/MiningClient.sol'].MiningClient,
  };
}

// decodeFailure returns the custom error a failed ethers call carries:
// ethers' own decoding (err.revert, set for calls through a Contract) and
// iface.parseError of the raw revert data must agree.
export function decodeFailure(err, iface) {
  assert.equal(err?.code, 'CALL_EXCEPTION', `expected a CALL_EXCEPTION, got ${err?.code}: ${err?.message}`);
  assert.ok(typeof err.data === 'string' && err.data.length >= 10, `no revert data in: ${err.message}`);
  const parsed = iface.parseError(err.data);
  assert.ok(parsed, `revert data ${err.data} is not an IAIMining error`);
  if (err.revert) {
    assert.equal(err.revert.name, parsed.name);
    assert.deepEqual([...err.revert.args], [...parsed.args]);
  }
  return parsed;
}

export async function expectRevert(promise, iface, name, args) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected ${name}, but the call succeeded`);
  const parsed = decodeFailure(err, iface);
  assert.equal(parsed.name, name, `expected ${name}, got ${parsed.signature} ${parsed.args}`);
  if (args) assert.deepEqual([...parsed.args], args);
  return { err, parsed };
}

export const same = (a, b) => ethers.getAddress(a) === ethers.getAddress(b);
