// postinstall: make sure argon2's native addon actually loads on this machine.
// Its prebuilt linux-x64 binary crashes (SIGSEGV on load) on some hosts, and node-gyp-build's install
// test does not notice, so `npm start` would die at the first import. When loading it in a child
// process fails, rebuild it from source (needs python3, make and a C++ compiler, as node-gyp does).
'use strict';
const { spawnSync } = require('node:child_process');

const fs = require('node:fs');
const path = require('node:path');

const probe = "require('argon2').hash('probe').then(() => process.exit(0), () => process.exit(1))";
// npm may run this with a Node other than the first one on PATH (e.g. one a CI script fetched); the
// Node that `npm start` will find first on PATH must load the addon as well.
const nodes = [process.execPath];
for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
  const candidate = path.join(dir, 'node');
  if (dir && !dir.includes('node_modules') && fs.existsSync(candidate)) {
    nodes.push(candidate);
    break;
  }
}
const loads = () =>
  nodes.every((node) => spawnSync(node, ['-e', probe], { stdio: 'ignore', cwd: process.cwd() }).status === 0);

try {
  require.resolve('argon2');
} catch {
  process.exit(0); // not installed (e.g. a partial install): nothing to check
}
if (loads()) process.exit(0);
console.warn('[postinstall] the argon2 prebuilt binary does not load here; building it from source');
// Build argon2's addon with node-gyp itself, in the package's folder. npm gives lifecycle scripts the
// path of its bundled node-gyp (npm_config_node_gyp); `npm rebuild --build-from-source` did the same
// but npm 11 warns that the flag is not its own and will stop passing it on.
const argonDir = path.dirname(require.resolve('argon2/package.json'));
const gyp = process.env.npm_config_node_gyp;
const rebuild = gyp
  ? spawnSync(process.execPath, [gyp, 'rebuild'], { stdio: 'inherit', cwd: argonDir })
  : spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', 'node-gyp', 'rebuild'], {
      stdio: 'inherit',
      cwd: argonDir,
    });
if (rebuild.status !== 0 || !loads()) {
  console.error(
    '[postinstall] argon2 could not be built from source: install python3, make and g++ and run ' +
      '`npx node-gyp rebuild` in node_modules/argon2',
  );
  process.exit(1);
}
