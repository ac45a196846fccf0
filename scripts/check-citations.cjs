// Lint: nothing in the repository may cite a file outside it. The product's design was first written
// in documents beside the repository, which a fresh clone does not have; what they promise now lives in
// docs/ (domain.md, rollup-rules.md, graphql-contract.md, review-practice.md, security.md,
// architecture.md). Fails, naming file and line, on a mention of the old documents' file names or of
// the folder that held them. Run by `npm run lint`.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
// This file names what it looks for, so it does not scan itself.
const names = ['PRODUCT', 'SECURITY', 'STACK', 'DHR', 'ARCHITECTURE'].map((n) => `${n}\\.md`);
// The folder beside the repository: its subfolders by name, or `../shared` on its own (a source
// path such as '../../shared/dates' is the API's own src/shared and is fine).
const folders = ['\\bshared/(?:design|seeds)\\b', '/work/shared\\b', '(?<!\\.\\./)\\.\\./shared(?![/\\w-])'];
const pattern = new RegExp(`\\b(?:${names.join('|')})\\b|${folders.join('|')}`);

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
  .split('\0')
  .filter(
    (f) =>
      f &&
      f !== 'scripts/check-citations.cjs' &&
      !/(^|\/)package-lock\.json$/.test(f) &&
      !f.startsWith('bench/results/'),
  );

const found = [];
for (const file of files) {
  const full = path.join(root, file);
  let text;
  try {
    if (!fs.statSync(full).isFile()) continue;
    text = fs.readFileSync(full, 'utf8');
  } catch {
    continue; // deleted in the working tree
  }
  if (text.includes('\0')) continue; // binary
  text.split('\n').forEach((line, i) => {
    if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
  });
}
if (found.length) {
  console.error('Cites a document outside the repository (cite docs/ instead, or say it in your own words):');
  for (const f of found) console.error(`  ${f}`);
  process.exit(1);
}
