// Compiles contracts/IAIMining.sol and contracts/examples/MiningClient.sol
// with the pinned solc and writes their ABIs (run with `make abi` after
// changing either):
//
//   contracts/IAIMining.abi.json and precompile/iaimining.abi.json (the copy
//   the precompile embeds): IAIMining's ABI as solc emits it;
//   contracts/examples/MiningClient.abi.json: MiningClient's own ABI followed
//   by every error of IAIMining. MiningClient re-raises the precompile's
//   revert data in assembly, so solc's ABI for it has no errors, and a client
//   decoding a MiningClient revert with it alone finds no error name.
//
// With --check it writes nothing and exits 1 when a committed file differs
// from what it would write.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const contracts = path.join(root, 'contracts');
const check = process.argv.includes('--check');

const read = (unit) => fs.readFileSync(path.join(contracts, unit), 'utf8');
const input = {
  language: 'Solidity',
  sources: {
    'IAIMining.sol': { content: read('IAIMining.sol') },
    'examples/MiningClient.sol': { content: read('examples/MiningClient.sol') },
  },
  settings: { outputSelection: { '*': { '*': ['abi'] } } },
};
const findImports = (unit) => {
  const file = path.resolve(contracts, unit);
  if (!file.startsWith(contracts + path.sep)) return { error: `import ${unit} leaves contracts/` };
  try {
    return { contents: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: String(e.message ?? e) };
  }
};
const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
for (const e of out.errors ?? []) console.error(e.formattedMessage);
if ((out.errors ?? []).some((e) => e.severity === 'error')) process.exit(1);

const iaimining = out.contracts['IAIMining.sol'].IAIMining.abi;
const client = out.contracts['examples/MiningClient.sol'].MiningClient.abi;
const own = new Set(client.filter((f) => f.type === 'error').map((f) => f.name));
const clientWithErrors = [...client, ...iaimining.filter((f) => f.type === 'error' && !own.has(f.name))];

const json = (abi) => JSON.stringify(abi, null, 1) + '\n';
const files = {
  'contracts/IAIMining.abi.json': json(iaimining),
  'precompile/iaimining.abi.json': json(iaimining),
  'contracts/examples/MiningClient.abi.json': json(clientWithErrors),
};
let stale = 0;
for (const [f, content] of Object.entries(files)) {
  const target = path.join(root, f);
  if (check) {
    const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (committed !== content) {
      console.error(`${f} is not what \`make abi\` writes: run \`make abi\` and commit the result`);
      stale++;
    }
    continue;
  }
  fs.writeFileSync(target, content);
  console.log('wrote', f);
}
if (check) {
  if (stale > 0) process.exit(1);
  console.log(`${Object.keys(files).length} ABI files are up to date (solc ${solc.version()})`);
}
