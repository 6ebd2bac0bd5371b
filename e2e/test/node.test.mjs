// End-to-end test of the IAIMining precompile on a real pars-geth node:
// contracts/examples/MiningClient.sol is compiled by solc and deployed with
// ethers, and both it and 0x0300 itself are driven over JSON-RPC.
//
// The node and the signed work proofs come from the Go driver
// (evmpatch/e2e): it writes a JSON file and passes its path in
// PARS_E2E_CONFIG. Run everything with
//
//   cd evmpatch && go test ./e2e/ -run TestEndToEnd -v

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ethers } from 'ethers';
import { CONTRACTS_DIR, compile, expectRevert, same } from './solidity.mjs';

const CONFIG_ENV = 'PARS_E2E_CONFIG';
const TEST_TIMEOUT = 30_000;
const FAILING_TX_GAS = 3_000_000n; // explicit gas for transactions meant to fail (skips estimation)

function loadConfig() {
  const file = process.env[CONFIG_ENV];
  if (!file) {
    throw new Error(`${CONFIG_ENV} is not set: run these tests through the Go driver ` +
      '(cd evmpatch && go test ./e2e/ -run TestEndToEnd -v)');
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}


describe('IAIMining on pars-geth through solc and ethers', () => {
  const cfg = loadConfig();
  const PRECOMPILE = ethers.getAddress(cfg.precompile);
  const proofs = cfg.proofs;
  const P = (name) => {
    assert.ok(proofs[name], `proof ${name} missing from ${process.env[CONFIG_ENV]}`);
    return proofs[name];
  };
  const expected = (name) => BigInt(P(name).expectedReward);

  let provider, signer, from, compiled, iaiAbi, iface, mining;
  let client, clientIface;
  // Accepted rewards are pending until finalizeWork credits them (the
  // chain's challenge window is one block here).
  const credited = new Map(); // beneficiary → reward accepted in this test
  const acceptedIds = []; // work ids accepted, to finalize
  let minted = 0n;
  let units = 0n;
  const credit = (beneficiary, reward, computeUnits, workId) => {
    const k = ethers.getAddress(beneficiary);
    credited.set(k, (credited.get(k) ?? 0n) + reward);
    minted += reward;
    units += BigInt(computeUnits);
    acceptedIds.push(workId);
  };

  // trace runs debug_traceTransaction with the call tracer and its logs.
  const trace = (hash) => provider.send('debug_traceTransaction', [hash, { tracer: 'callTracer', tracerConfig: { withLog: true } }]);

  // mineFailing sends a transaction with fixed gas (no estimation), checks it
  // was mined and failed, and returns its callTracer trace.
  async function mineFailing(sendPromise) {
    const tx = await sendPromise;
    let err;
    try {
      await tx.wait();
    } catch (e) {
      err = e;
    }
    assert.ok(err, `transaction ${tx.hash} was expected to fail`);
    assert.equal(err.code, 'CALL_EXCEPTION');
    assert.equal(err.receipt?.status, 0);
    return { tx, receipt: err.receipt, trace: await trace(tx.hash) };
  }

  // callsTo returns every frame of a callTracer trace that enters `to`.
  function callsTo(frame, to, out = []) {
    if (frame.to && same(frame.to, to)) out.push(frame);
    for (const c of frame.calls ?? []) callsTo(c, to, out);
    return out;
  }

  before(async () => {
    // cacheTimeout -1: ethers otherwise answers an identical request made
    // within 250 ms from its cache, e.g. the eth_estimateGas of a resubmitted
    // proof with the estimate of its first, successful, submission.
    provider = new ethers.JsonRpcProvider(cfg.url, cfg.chainId,
      { staticNetwork: true, pollingInterval: 100, cacheTimeout: -1 });
    signer = await provider.getSigner(cfg.devAccount);
    from = await signer.getAddress();
    compiled = compile();
    iaiAbi = compiled.iaimining.abi;
    iface = new ethers.Interface(iaiAbi);
    mining = new ethers.Contract(PRECOMPILE, iaiAbi, signer);
  });

  after(() => provider?.destroy());

  it('solc emits exactly the committed IAIMining ABI', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(CONTRACTS_DIR, 'IAIMining.abi.json'), 'utf8'));
    assert.match(compiled.version, /^0\.8\.37\+/);
    assert.deepEqual(iaiAbi, committed);
  });

  it('the node is chain 6133 with IAIMining live at 0x0300', { timeout: TEST_TIMEOUT }, async () => {
    assert.equal((await provider.getNetwork()).chainId, BigInt(cfg.chainId));
    assert.equal(BigInt(await provider.send('eth_chainId', [])), BigInt(cfg.chainId));
    assert.equal(await provider.getCode(PRECOMPILE), '0xfe');
    const config = await provider.send('eth_config', []);
    const precompiles = config.current?.precompiles ?? {};
    assert.ok(same(precompiles.IAIMINING, PRECOMPILE), `eth_config precompiles: ${JSON.stringify(precompiles)}`);
    assert.ok((await provider.getBalance(from)) > ethers.parseEther('1000'));
  });

  it('views: parameters, epochState, totalMinted, miningBalance', { timeout: TEST_TIMEOUT }, async () => {
    const p = await mining.parameters();
    assert.ok(same(p.governance, cfg.params.governance));
    assert.equal(p.baseReward, BigInt(cfg.params.baseReward));
    assert.equal(p.timeWindowPast, BigInt(cfg.params.timeWindowPast));
    assert.equal(p.timeWindowFuture, BigInt(cfg.params.timeWindowFuture));
    assert.equal(p.trustSoftwareBps, BigInt(cfg.params.trustSoftwareBps));
    const e = await mining.epochState();
    assert.equal(e.index, 0n);
    assert.equal(e.start, 0n);
    assert.equal(e.adjustment, 10n ** 18n);
    assert.equal(await mining.totalMinted(), 0n);
    assert.equal(await mining.totalPending(), 0n);
    assert.equal(p.minBond, BigInt(cfg.params.minBond));
    assert.equal(p.challengeWindow, BigInt(cfg.params.challengeWindow));
    // The genesis bonded the test's miner keys: 0x0300 holds their coin.
    assert.equal(await provider.getBalance(PRECOMPILE), BigInt(cfg.params.bonded));
    const bond = await mining.bondInfo(P('direct44').minerId);
    assert.ok(same(bond.bonder, cfg.devAccount));
    assert.ok(bond.bonded >= BigInt(cfg.params.minBond));
    for (const name of ['direct44', 'client']) {
      assert.equal(await mining.miningBalance(P(name).beneficiary), 0n);
    }
  });

  it('verifyMLDSA: true and false for ML-DSA-44, -65 and -87', { timeout: TEST_TIMEOUT }, async () => {
    assert.deepEqual(cfg.mldsa.map((v) => v.scheme), [44, 65, 87]);
    for (const v of cfg.mldsa) {
      const label = `ML-DSA-${v.scheme}`;
      assert.equal(await mining.verifyMLDSA(v.publicKey, v.message, v.signature), true, `${label} valid`);
      assert.equal(await mining.verifyMLDSA(v.publicKey, v.message, v.badSignature), false, `${label} flipped signature`);
      assert.equal(await mining.verifyMLDSA(v.publicKey, ethers.concat([v.message, '0x00']), v.signature), false,
        `${label} other message`);
      assert.equal(await mining.verifyMLDSA(v.publicKey, v.message, '0x'), false, `${label} empty signature`);
    }
    // A signature checked under another parameter set's key is invalid, not an error.
    assert.equal(await mining.verifyMLDSA(cfg.mldsa[0].publicKey, cfg.mldsa[0].message, cfg.mldsa[1].signature), false);
    // A key of no parameter set's length is malformed input.
    const { parsed } = await expectRevert(
      mining.verifyMLDSA(cfg.malformedKey, cfg.mldsa[0].message, cfg.mldsa[0].signature), iface, 'MalformedInput');
    assert.match(parsed.args[0], /verifyMLDSA/);
  });

  it('submitWorkProof straight to 0x0300 for each parameter set, with WorkAccepted', { timeout: TEST_TIMEOUT }, async () => {
    for (const name of ['direct44', 'direct65', 'direct87']) {
      const p = P(name);
      assert.equal(p.libraryRevert, '');
      assert.equal(await mining.workIdOf(p.hex), p.workId);
      assert.equal(await mining.isSpent(p.workId), false);
      const before = await mining.miningBalance(p.beneficiary);
      const predicted = await mining.submitWorkProof.staticCall(p.hex, '0x');
      assert.equal(predicted, expected(name), `${name}: eth_call reward`);

      const tx = await mining.submitWorkProof(p.hex, '0x');
      const rc = await tx.wait();
      assert.equal(rc.status, 1);
      const events = rc.logs.filter((l) => same(l.address, PRECOMPILE)).map((l) => iface.parseLog(l));
      const accepted = events.filter((e) => e?.name === 'WorkAccepted');
      assert.equal(accepted.length, 1, `${name}: one WorkAccepted in ${JSON.stringify(rc.logs)}`);
      const ev = accepted[0].args;
      assert.equal(ev.workId, p.workId);
      assert.ok(same(ev.beneficiary, p.beneficiary));
      assert.equal(ev.minerId, p.minerId);
      assert.equal(ev.computeUnits, BigInt(p.computeUnits));
      assert.equal(ev.reward, expected(name));
      assert.equal(ev.epoch, 0n);

      // Pending, not credited yet.
      assert.equal(await mining.miningBalance(p.beneficiary), before);
      const pw = await mining.pendingWork(p.workId);
      assert.equal(pw.status, 1n);
      assert.ok(same(pw.beneficiary, p.beneficiary));
      assert.equal(pw.minerId, p.minerId);
      assert.equal(pw.amount, expected(name));
      assert.equal(pw.finalizableAt, BigInt(rc.blockNumber) + BigInt(cfg.params.challengeWindow));
      assert.equal(await mining.isSpent(p.workId), true);
      credit(p.beneficiary, expected(name), p.computeUnits, p.workId);
    }
    assert.equal(await mining.totalPending(), minted);
    assert.equal(await mining.totalMinted(), 0n);
  });

  it('resubmitting a proof reverts with AlreadySpent(workId)', { timeout: TEST_TIMEOUT }, async () => {
    const p = P('direct65');
    const balance = await mining.miningBalance(p.beneficiary);
    // eth_call through the Contract: ethers decodes the custom error itself.
    const { err } = await expectRevert(mining.submitWorkProof.staticCall(p.hex, '0x'), iface, 'AlreadySpent', [p.workId]);
    assert.equal(err.revert?.name, 'AlreadySpent');
    assert.equal(err.revert.args.workId, p.workId);
    // A transaction: eth_estimateGas refuses it; parseError decodes the data.
    await expectRevert(mining.submitWorkProof(p.hex, '0x'), iface, 'AlreadySpent', [p.workId]);
    // Mined anyway with fixed gas: status 0, the revert data in the trace.
    const failed = await mineFailing(mining.submitWorkProof(p.hex, '0x', { gasLimit: FAILING_TX_GAS }));
    assert.equal(failed.trace.error, 'execution reverted');
    assert.ok(same(failed.trace.to, PRECOMPILE));
    const parsed = iface.parseError(failed.trace.output);
    assert.equal(parsed?.name, 'AlreadySpent');
    assert.equal(parsed.args[0], p.workId);
    assert.equal((failed.trace.logs ?? []).length, 0);
    assert.equal(await mining.miningBalance(p.beneficiary), balance);
  });

  it('refusals: WrongChain, StaleTimestamp, FutureTimestamp, BadSignature', { timeout: TEST_TIMEOUT }, async () => {
    const wrong = P('wrongChain');
    assert.equal(wrong.libraryRevert, 'WrongChain');
    await expectRevert(mining.submitWorkProof.staticCall(wrong.hex, '0x'), iface, 'WrongChain',
      [BigInt(cfg.chainId), BigInt(wrong.chainId)]);
    await expectRevert(mining.submitWorkProof(wrong.hex, '0x'), iface, 'WrongChain',
      [BigInt(cfg.chainId), BigInt(wrong.chainId)]);

    const stale = P('stale');
    const { parsed: s } = await expectRevert(mining.submitWorkProof.staticCall(stale.hex, '0x'), iface, 'StaleTimestamp');
    assert.equal(s.args.timestamp, BigInt(stale.timestamp));
    assert.ok(s.args.blockTime - s.args.timestamp > BigInt(cfg.params.timeWindowPast));

    const future = P('future');
    const { parsed: f } = await expectRevert(mining.submitWorkProof.staticCall(future.hex, '0x'), iface, 'FutureTimestamp');
    assert.equal(f.args.timestamp, BigInt(future.timestamp));

    await expectRevert(mining.submitWorkProof.staticCall(P('badSignature').hex, '0x'), iface, 'BadSignature', []);
    await expectRevert(mining.submitWorkProof.staticCall('0x1234', '0x'), iface, 'MalformedInput');
    // The proof signed no attestation hash, so attached evidence does not match it.
    await expectRevert(mining.submitWorkProof.staticCall(P('probe').hex, '0x01'), iface, 'AttestationMismatch');
    for (const name of ['wrongChain', 'stale', 'future', 'badSignature']) {
      assert.equal(await mining.isSpent(P(name).workId), false, name);
    }
  });

  it('eth_call, eth_estimateGas and debug_traceTransaction on a submitWorkProof transaction', { timeout: TEST_TIMEOUT }, async () => {
    const p = P('traced');
    const data = iface.encodeFunctionData('submitWorkProof', [p.hex, '0x']);
    const call = { from, to: PRECOMPILE, data };

    const output = await provider.send('eth_call', [call, 'latest']);
    const [predicted] = iface.decodeFunctionResult('submitWorkProof', output);
    assert.equal(predicted, expected('traced'));
    assert.equal(await mining.isSpent(p.workId), false, 'eth_call must not spend the proof');

    const estimate = BigInt(await provider.send('eth_estimateGas', [call]));
    assert.ok(estimate > 21_000n + BigInt(p.precompileGas), `estimate ${estimate}`);
    const hash = await provider.send('eth_sendTransaction', [{ ...call, gas: ethers.toQuantity(estimate) }]);
    const rc = await provider.waitForTransaction(hash, 1, TEST_TIMEOUT);
    assert.equal(rc.status, 1, 'the transaction succeeds with the estimate');
    assert.ok(rc.gasUsed <= estimate, `gasUsed ${rc.gasUsed} > estimate ${estimate}`);
    assert.ok(rc.gasUsed >= 21_000n + BigInt(p.precompileGas));
    credit(p.beneficiary, expected('traced'), p.computeUnits, p.workId);

    const t = await trace(hash);
    assert.equal(t.type, 'CALL');
    assert.ok(same(t.from, from));
    assert.ok(same(t.to, PRECOMPILE));
    assert.equal(t.input, data);
    assert.equal(BigInt(t.gas), estimate);
    assert.equal(BigInt(t.gasUsed), rc.gasUsed);
    assert.equal(t.output, output);
    assert.equal(t.error, undefined);
    const logs = t.logs ?? [];
    assert.equal(logs.length, 1);
    assert.ok(same(logs[0].address, PRECOMPILE));
    assert.equal(logs[0].topics[0], iface.getEvent('WorkAccepted').topicHash);
    assert.equal(logs[0].topics[1], p.workId);
  });

  it('MiningClient deploys and reads miningBalance through the interface', { timeout: TEST_TIMEOUT }, async () => {
    // The shipped ABI (`make abi`): MiningClient's own entries and every
    // IAIMining error, which MiningClient re-raises unchanged.
    const clientAbi = JSON.parse(fs.readFileSync(path.join(CONTRACTS_DIR, 'examples', 'MiningClient.abi.json'), 'utf8'));
    const errors = iaiAbi.filter((f) => f.type === 'error');
    assert.deepEqual(clientAbi, [...compiled.client.abi, ...errors]);
    clientIface = new ethers.Interface(clientAbi);
    const factory = new ethers.ContractFactory(clientAbi, compiled.client.evm.bytecode.object, signer);
    client = await factory.deploy();
    await client.waitForDeployment();
    const addr = await client.getAddress();
    assert.notEqual(await provider.getCode(addr), '0x');
    assert.ok(same(await client.MINING(), PRECOMPILE));
    for (const name of ['direct44', 'client']) {
      const who = P(name).beneficiary;
      assert.equal(await client.balanceOf(who), await mining.miningBalance(who));
    }
    // Accepted but pending: nothing credited before finalizeWork.
    assert.equal(await client.balanceOf(P('direct44').beneficiary), 0n);
  });

  it('MiningClient.submit forwards a proof and returns its reward', { timeout: TEST_TIMEOUT }, async () => {
    const p = P('client');
    const before = await client.balanceOf(p.beneficiary);
    assert.equal(await client.submit.staticCall(p.hex), expected('client'));
    const rc = await (await client.submit(p.hex)).wait();
    assert.equal(rc.status, 1);
    credit(p.beneficiary, expected('client'), p.computeUnits, p.workId);

    const fromPrecompile = rc.logs.filter((l) => same(l.address, PRECOMPILE)).map((l) => iface.parseLog(l));
    assert.deepEqual(fromPrecompile.map((e) => e.name), ['WorkAccepted']);
    assert.equal(fromPrecompile[0].args.workId, p.workId);
    assert.equal(fromPrecompile[0].args.reward, expected('client'));
    const fromClient = rc.logs.filter((l) => same(l.address, client.target)).map((l) => clientIface.parseLog(l));
    assert.deepEqual(fromClient.map((e) => e.name), ['Forwarded']);
    assert.ok(same(fromClient[0].args.sender, from));
    assert.equal(fromClient[0].args.workId, p.workId);
    assert.equal(fromClient[0].args.reward, expected('client'));

    assert.equal(await client.balanceOf(p.beneficiary), before, 'pending until finalizeWork');
    assert.equal(await client.totalRewarded(), expected('client'));
    assert.equal(await client.submissions(), 1n);

    // A refusal of the precompile reaches the client through the contract.
    await expectRevert(client.submit.staticCall(p.hex), clientIface, 'AlreadySpent', [p.workId]);
    await expectRevert(client.submit(p.hex), clientIface, 'AlreadySpent', [p.workId]);
    await expectRevert(client.submit.staticCall(P('wrongChain').hex), clientIface, 'WrongChain',
      [BigInt(cfg.chainId), BigInt(P('wrongChain').chainId)]);
  });

  it('MiningClient.trySubmit catches and decodes a refusal on chain', { timeout: TEST_TIMEOUT }, async () => {
    const spent = P('client');
    const [ok, reward, reason] = await client.trySubmit.staticCall(spent.hex);
    assert.equal(ok, false);
    assert.equal(reward, 0n);
    const parsed = iface.parseError(reason);
    assert.equal(parsed?.name, 'AlreadySpent');
    assert.equal(parsed.args.workId, spent.workId);
    assert.equal(await client.isAlreadySpent(reason), true);

    const p = P('tryClient');
    const [ok2, reward2, reason2] = await client.trySubmit.staticCall(p.hex);
    assert.deepEqual([ok2, reward2, reason2], [true, expected('tryClient'), '0x']);
    assert.equal(await client.isAlreadySpent(reason2), false);
    const rc = await (await client.trySubmit(p.hex)).wait();
    assert.equal(rc.status, 1);
    credit(p.beneficiary, expected('tryClient'), p.computeUnits, p.workId);
    assert.equal(await client.submissions(), 2n);
    assert.equal(await client.totalRewarded(), expected('client') + expected('tryClient'));
    assert.equal(await mining.isSpent(p.workId), true);
  });

  it('through MiningClient: estimateGas and callTracer show the nested call to 0x0300', { timeout: TEST_TIMEOUT }, async () => {
    const p = P('tracedClient');
    const estimate = await client.submit.estimateGas(p.hex);
    const rc = await (await client.submit(p.hex, { gasLimit: estimate })).wait();
    assert.equal(rc.status, 1, 'the transaction succeeds with the estimate');
    assert.ok(rc.gasUsed <= estimate, `gasUsed ${rc.gasUsed} > estimate ${estimate}`);
    credit(p.beneficiary, expected('tracedClient'), p.computeUnits, p.workId);

    const t = await trace(rc.hash);
    assert.ok(same(t.to, client.target));
    assert.equal(BigInt(t.gas), estimate);
    assert.equal(BigInt(t.gasUsed), rc.gasUsed);
    const inner = callsTo(t, PRECOMPILE);
    assert.deepEqual(inner.map((c) => c.type), ['STATICCALL', 'CALL'], JSON.stringify(inner));
    const [workIdCall, submitCall] = inner;
    assert.equal(workIdCall.output, p.workId);
    assert.equal(submitCall.input, iface.encodeFunctionData('submitWorkProof', [p.hex, '0x']));
    assert.equal(submitCall.error, undefined);
    assert.equal(submitCall.output, ethers.AbiCoder.defaultAbiCoder().encode(['uint256'], [expected('tracedClient')]));
    assert.equal(BigInt(submitCall.gasUsed), BigInt(p.precompileGas), 'precompile gas in the tracer');
    assert.ok(BigInt(submitCall.gas) > BigInt(submitCall.gasUsed));
    const logs = submitCall.logs ?? [];
    assert.equal(logs.length, 1);
    assert.equal(logs[0].topics[0], iface.getEvent('WorkAccepted').topicHash);
  });

  it('a STATICCALL of submitWorkProof reverts with ReadOnlyCall', { timeout: TEST_TIMEOUT }, async () => {
    const p = P('probe');
    assert.equal(p.libraryRevert, '', 'the probe proof is valid');
    // Sanity: the same proof would be accepted by a CALL.
    assert.equal(await mining.submitWorkProof.staticCall(p.hex, '0x'), expected('probe'));

    await expectRevert(client.submitStatic.staticCall(p.hex), clientIface, 'ReadOnlyCall', []);
    // A CALL made from inside a STATICCALL frame is read-only as well.
    await expectRevert(client.submitInStaticFrame.staticCall(p.hex), clientIface, 'ReadOnlyCall', []);
    // Unless the proof is malformed: submit's first call, the view workIdOf,
    // refuses it before submitWorkProof is reached.
    await expectRevert(client.submitInStaticFrame.staticCall('0x00'), clientIface, 'MalformedInput');

    const failed = await mineFailing(client.submitStatic.send(p.hex, { gasLimit: FAILING_TX_GAS }));
    const [inner] = callsTo(failed.trace, PRECOMPILE);
    assert.equal(inner.type, 'STATICCALL');
    assert.equal(inner.error, 'execution reverted');
    assert.equal(iface.parseError(inner.output)?.name, 'ReadOnlyCall');
    assert.equal(failed.trace.output, inner.output, 'the client bubbles the revert data unchanged');
    assert.equal(await mining.isSpent(p.workId), false);
  });

  it('DELEGATECALL and CALLCODE to 0x0300 revert with DelegateCallNotAllowed', { timeout: TEST_TIMEOUT }, async () => {
    const p = P('probe');
    const who = P('direct44').beneficiary;
    await expectRevert(client.delegateBalanceOf.staticCall(who), clientIface, 'DelegateCallNotAllowed', []);
    await expectRevert(client.delegateSubmit.staticCall(p.hex), clientIface, 'DelegateCallNotAllowed', []);
    await expectRevert(client.callcodeBalanceOf.staticCall(who), clientIface, 'DelegateCallNotAllowed', []);
    await expectRevert(client.delegateSubmit(p.hex), clientIface, 'DelegateCallNotAllowed', []);

    const failed = await mineFailing(client.delegateSubmit(p.hex, { gasLimit: FAILING_TX_GAS }));
    const [inner] = callsTo(failed.trace, PRECOMPILE);
    assert.equal(inner.type, 'DELEGATECALL');
    assert.equal(inner.error, 'execution reverted');
    assert.equal(iface.parseError(inner.output)?.name, 'DelegateCallNotAllowed');
    assert.equal(await mining.isSpent(p.workId), false);
  });

  it('value sent to 0x0300 reverts with ValueNotAccepted', { timeout: TEST_TIMEOUT }, async () => {
    const p = P('probe');
    await expectRevert(client.submitWithValue.staticCall(p.hex, { value: 1n }), clientIface, 'ValueNotAccepted', [1n]);
    const data = iface.encodeFunctionData('submitWorkProof', [p.hex, '0x']);
    await expectRevert(provider.call({ from, to: PRECOMPILE, data, value: 7n }), iface, 'ValueNotAccepted', [7n]);
    assert.equal(await mining.isSpent(p.workId), false);
    assert.equal(await provider.getBalance(PRECOMPILE), BigInt(cfg.params.bonded), 'only the bonds');
  });

  it('bond is the one payable function: the coin moves to 0x0300 and is recorded', { timeout: TEST_TIMEOUT }, async () => {
    const id = ethers.id('pars e2e fresh miner id');
    const minBond = BigInt(cfg.params.minBond);
    await expectRevert(mining.bond.staticCall(id, { value: minBond - 1n }), iface, 'BondBelowMinimum', [minBond - 1n, minBond]);
    const held = await provider.getBalance(PRECOMPILE);
    const rc = await (await mining.bond(id, { value: minBond })).wait();
    assert.equal(rc.status, 1);
    const ev = rc.logs.map((l) => iface.parseLog(l)).find((e) => e?.name === 'Bonded');
    assert.equal(ev.args.minerId, id);
    assert.equal(ev.args.total, minBond);
    assert.equal(await provider.getBalance(PRECOMPILE), held + minBond);
    const info = await mining.bondInfo(id);
    assert.ok(same(info.bonder, from));
    assert.equal(info.bonded, minBond);
    // Value on any other function is refused.
    const data = iface.encodeFunctionData('finalizeWork', [[id]]);
    await expectRevert(provider.call({ from, to: PRECOMPILE, data, value: 1n }), iface, 'ValueNotAccepted', [1n]);
  });

  it('finalizeWork credits the pending rewards once the challenge window has passed', { timeout: TEST_TIMEOUT }, async () => {
    assert.equal(acceptedIds.length, 7);
    // eth_call runs in the latest block: the last proof's window is open there.
    const last = await mining.pendingWork(acceptedIds[acceptedIds.length - 1]);
    const head = BigInt(await provider.getBlockNumber());
    if (last.finalizableAt > head) {
      await expectRevert(mining.finalizeWork.staticCall(acceptedIds), iface, 'ChallengeWindowOpen');
    }
    // Mined in the next block, after every window.
    const rc = await (await mining.finalizeWork(acceptedIds, { gasLimit: FAILING_TX_GAS })).wait();
    assert.equal(rc.status, 1);
    const finalized = rc.logs.map((l) => iface.parseLog(l)).filter((e) => e?.name === 'WorkFinalized');
    assert.deepEqual(finalized.map((e) => e.args.workId), acceptedIds);
    assert.equal(finalized.reduce((a, e) => a + e.args.amount, 0n), minted);
    assert.equal(await mining.totalPending(), 0n);
    await expectRevert(mining.finalizeWork.staticCall([acceptedIds[0]]), iface, 'WorkNotPending', [acceptedIds[0]]);
  });

  it('balances, totalMinted and the epoch add up', { timeout: TEST_TIMEOUT }, async () => {
    for (const [who, amount] of credited) {
      assert.equal(await mining.miningBalance(who), amount, who);
      assert.equal(await client.balanceOf(who), amount, who);
    }
    assert.equal(await mining.totalMinted(), minted);
    const e = await mining.epochState();
    assert.equal(e.index, 0n);
    assert.ok(e.start > 0n);
    assert.equal(e.computeUnits, units);
    assert.equal(e.adjustment, 10n ** 18n);
  });
});
