// Compiles contracts/IAIMining.sol with the pinned solc and writes its ABI to
// contracts/IAIMining.abi.json and precompile/iaimining.abi.json (the copy
// the precompile embeds). Run with `make abi` after changing the interface.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = fs.readFileSync(path.join(root, 'contracts', 'IAIMining.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'IAIMining.sol': { content: src } },
  settings: { outputSelection: { '*': { '*': ['abi'] } } },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
for (const e of out.errors ?? []) console.error(e.formattedMessage);
if ((out.errors ?? []).some((e) => e.severity === 'error')) process.exit(1);
const abi = JSON.stringify(out.contracts['IAIMining.sol'].IAIMining.abi, null, 1) + '\n';
for (const f of ['contracts/IAIMining.abi.json', 'precompile/iaimining.abi.json']) {
  fs.writeFileSync(path.join(root, f), abi);
  console.log('wrote', f);
}
