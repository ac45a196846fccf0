// Installs bench/'s own dependencies (PostGraphile, the peer it is measured against) when they are
// missing or older than bench/package-lock.json. The bench is not a root workspace, so that a root
// `npm install` does not bring PostGraphile; `npm run bench` and `npm test` call this first.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const bench = path.join(__dirname, '..', 'bench');
const lock = path.join(bench, 'package-lock.json');
const installed = path.join(bench, 'node_modules', '.package-lock.json');
const current = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
if (current) process.exit(0);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['ci', '--prefix', bench, '--no-audit', '--no-fund'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
