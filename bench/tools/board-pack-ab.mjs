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
import { Writable } from 'node:stream';
import { loadFrom, packSetup } from './pack-setup.mjs';

const [database, packs = '8'] = process.argv.slice(2);
const dists = { A: process.env.DIST_A, B: process.env.DIST_B };
if (!database || !dists.A || !dists.B)
  throw new Error('usage: DIST_A=... DIST_B=... board-pack-ab.mjs <database> [packs]');
const { buildPackDocument } = loadFrom(dists.A, 'modules/board-pack/board-pack.content');
const render = {
  A: loadFrom(dists.A, 'modules/board-pack/board-pack.pdf').writePackPdf,
  B: loadFrom(dists.B, 'modules/board-pack/board-pack.pdf').writePackPdf,
};
const { dataSource, services, strategyId, viewer, asOf } = await packSetup(dists.A, database);
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
