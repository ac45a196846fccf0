// The board pack PDF renderer of two builds in one process, pack by pack in turn (A B B A ...), for a
// same-run comparison of their CPU on a shared machine: the pack is gathered and its blocks built once
// (with build A), then each build's writePackPdf (fast paths on) renders it into a counting stream.
// Usage (build both first: cd apps/api && npx tsc -p tsconfig.build.json, e.g. main in a second worktree):
//   DIST_A=<old>/apps/api/dist DIST_B=<new>/apps/api/dist \
//     node --no-allocation-site-pretenuring bench/tools/board-pack-ab.mjs <database> [packs per build]
// With --expose-gc, a full collection before each pack (not counted), so that one build's garbage is not
// collected in the other's time.
// Prints each pack's renderer CPU (process.cpuUsage), then each build's median and mean after the first
// two packs of each (warm-up), and the load average.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import { REPO } from '../src/db.js';

const [database, packs = '8'] = process.argv.slice(2);
const dists = { A: process.env.DIST_A, B: process.env.DIST_B };
if (!database || !dists.A || !dists.B)
  throw new Error('usage: DIST_A=... DIST_B=... board-pack-ab.mjs <database> [packs]');
const require = createRequire(path.join(REPO, 'apps/api/package.json'));
require('reflect-metadata');
const load = (dist, m) => require(path.join(dist, m));
const { loadConfig } = load(dists.A, 'config/config');
const { connectDatabase } = load(dists.A, 'database/connect');
const { createServices } = load(dists.A, 'graphql/services');
const { createLogger } = load(dists.A, 'logging/logger');
const { buildPackDocument } = load(dists.A, 'modules/board-pack/board-pack.content');
const render = {
  A: load(dists.A, 'modules/board-pack/board-pack.pdf').writePackPdf,
  B: load(dists.B, 'modules/board-pack/board-pack.pdf').writePackPdf,
};

const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const config = loadConfig({
  ...process.env,
  DATABASE_URL: admin.replace(/\/[^/]*$/, `/${database}`),
  NODE_ENV: 'production',
  THROUGHLINE_DEMO: '0',
  THROUGHLINE_ADMIN_EMAIL: 'bench-admin@example.org',
  THROUGHLINE_ADMIN_PASSWORD: 'quiet-harbour-lantern-7',
});
const { dataSource } = await connectDatabase(config, createLogger('warn'));
const services = createServices(dataSource, createLogger('warn'), {
  email: { configured: false, from: null },
});
const [{ id: strategyId, partnership_id: partnershipId }] = await dataSource.query(
  `SELECT s.id, s.partnership_id FROM strategy s JOIN action a ON a.strategy_id = s.id
    GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
);
const [user] = await dataSource.query(`SELECT id FROM app_user LIMIT 1`);
const viewer = {
  id: user.id,
  partnershipId,
  email: '',
  name: '',
  roles: ['ADMIN'],
  memberships: new Map(),
  sessionId: '',
};
const asOf = new Date().toISOString().slice(0, 10);
const pack = await services.boardPack.forStrategy(viewer, { strategyId, asOf, format: 'pdf' });
await dataSource.destroy();
const document = buildPackDocument(pack);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const times = { A: [], B: [] };
const order = ['A', 'B', 'B', 'A'];
for (let i = 0; i < 2 * Number(packs); i++) {
  const build = order[i % 4];
  let bytes = 0;
  const out = new Writable({
    write(chunk, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  globalThis.gc?.();
  const c0 = cpu();
  await render[build](document, out, { fastPaths: true });
  const ms = cpu() - c0;
  times[build].push(ms);
  const load1 = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  process.stdout.write(`${build} ${ms.toFixed(0)} CPU ms; ${bytes} bytes; load ${load1}\n`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const build of ['A', 'B']) {
  const warm = times[build].slice(2);
  process.stdout.write(
    `${build}: median ${median(warm).toFixed(0)} ms, mean ${mean(warm).toFixed(0)} ms over ${warm.length} packs (${dists[build]})\n`,
  );
}
process.stdout.write(`B/A median ${(median(times.B.slice(2)) / median(times.A.slice(2))).toFixed(3)}\n`);
