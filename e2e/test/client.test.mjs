// MiningClient.sol (compiled by solc, deployed and driven with ethers)
// against any engine that runs IAIMining at 0x0300: pars-geth or the
// subnet-evm L1 (luxevm). The Go conformance test
// (luxevm/l1test/TestConformance) bonds the miner, signs the proofs and
// passes them, with the node's URL and a funded key, in the JSON file named
// by PARS_CLIENT_CONFIG:
//
//   { "engine", "url", "chainId", "privateKey", "evmVersion",
//     "proof": {"hex", "workId"}, "wrongChain": {"hex", "chainId"} }
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ethers } from 'ethers';
import { CONTRACTS_DIR, compile, expectRevert, same } from './solidity.mjs';

const CONFIG_ENV = 'PARS_CLIENT_CONFIG';
const TEST_TIMEOUT = 60_000;
const PRECOMPILE = '0x0000000000000000000000000000000000000300';

const file = process.env[CONFIG_ENV];
if (!file) throw new Error(`${CONFIG_ENV} is not set: run through luxevm/l1test (TestConformance)`);
const cfg = JSON.parse(fs.readFileSync(file, 'utf8'));

describe(`MiningClient on ${cfg.engine} through solc and ethers`, () => {
  let provider, wallet, compiled, iface, clientIface, client;

  before(() => {
    provider = new ethers.JsonRpcProvider(cfg.url, cfg.chainId,
      { staticNetwork: true, pollingInterval: 200, cacheTimeout: -1 });
    wallet = new ethers.Wallet(cfg.privateKey, provider);
    compiled = compile(cfg.evmVersion);
    iface = new ethers.Interface(compiled.iaimining.abi);
  });

  after(() => provider?.destroy());

  it('MiningClient deploys and points at 0x0300', { timeout: TEST_TIMEOUT }, async () => {
    const clientAbi = JSON.parse(fs.readFileSync(path.join(CONTRACTS_DIR, 'examples', 'MiningClient.abi.json'), 'utf8'));
    clientIface = new ethers.Interface(clientAbi);
    const factory = new ethers.ContractFactory(clientAbi, compiled.client.evm.bytecode.object, wallet);
    client = await factory.deploy();
    await client.waitForDeployment();
    assert.notEqual(await provider.getCode(await client.getAddress()), '0x');
    assert.ok(same(await client.MINING(), PRECOMPILE));
  });

  it('MiningClient.submit forwards a proof: WorkAccepted from 0x0300, Forwarded from the client', { timeout: TEST_TIMEOUT }, async () => {
    const p = cfg.proof;
    const reward = await client.submit.staticCall(p.hex);
    assert.ok(reward > 0n, `reward ${reward}`);
    const rc = await (await client.submit(p.hex)).wait();
    assert.equal(rc.status, 1);
    const fromPrecompile = rc.logs.filter((l) => same(l.address, PRECOMPILE)).map((l) => iface.parseLog(l));
    assert.deepEqual(fromPrecompile.map((e) => e.name), ['WorkAccepted']);
    assert.equal(fromPrecompile[0].args.workId, p.workId);
    assert.equal(fromPrecompile[0].args.reward, reward);
    const fromClient = rc.logs.filter((l) => same(l.address, client.target)).map((l) => clientIface.parseLog(l));
    assert.deepEqual(fromClient.map((e) => e.name), ['Forwarded']);
    assert.equal(await client.submissions(), 1n);
  });

  it('refusals reach ethers through the client with the same custom errors', { timeout: TEST_TIMEOUT }, async () => {
    const p = cfg.proof;
    await expectRevert(client.submit.staticCall(p.hex), clientIface, 'AlreadySpent', [p.workId]);
    await expectRevert(client.submit(p.hex), clientIface, 'AlreadySpent', [p.workId]);
    await expectRevert(client.submit.staticCall(cfg.wrongChain.hex), clientIface, 'WrongChain',
      [BigInt(cfg.chainId), BigInt(cfg.wrongChain.chainId)]);
    const [ok, reward, reason] = await client.trySubmit.staticCall(p.hex);
    assert.deepEqual([ok, reward], [false, 0n]);
    assert.equal(iface.parseError(reason)?.name, 'AlreadySpent');
    assert.equal(await client.isAlreadySpent(reason), true);
  });
});
