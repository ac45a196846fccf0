// The board pack's CPU in one process, by stage (gather, blocks, renderer), without HTTP: for comparing two
// builds of the renderers in the same minutes on a shared machine. Runs apps/api/dist (or DIST) against a
// database made from a bench template (e.g. `CREATE DATABASE x TEMPLATE tl_bench_tpl_m_...`).
// Usage (build the API first: cd apps/api && npx tsc -p tsconfig.build.json):
//   node --no-allocation-site-pretenuring bench/tools/board-pack-cpu.mjs <database> [pdf|docx] [packs] [off]
// PROFILE=<file.cpuprofile>: a CPU profile (the inspector's) of the renderer alone, packs 3 onwards.
// Prints, per pack: CPU ms of each stage (process.cpuUsage), wall ms, bytes, RSS and peak RSS, load average.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { REPO } from '../src/db.js';
import { loadFrom, packSetup } from './pack-setup.mjs';

const [database, format = 'pdf', packs = '5', mode] = process.argv.slice(2);
if (!database) throw new Error('usage: board-pack-cpu.mjs <database> [pdf|docx] [packs] [off]');
const dist = process.env.DIST ?? path.join(REPO, 'apps/api/dist');
const { buildPackDocument } = loadFrom(dist, 'modules/board-pack/board-pack.content');
const { writePackPdf } = loadFrom(dist, 'modules/board-pack/board-pack.pdf');
const { writePackDocx } = loadFrom(dist, 'modules/board-pack/board-pack.docx');
const { dataSource, services, strategyId, viewer, asOf } = await packSetup(dist, database);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const profile = process.env.PROFILE;
const session = profile ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
}
for (let i = 0; i < Number(packs); i++) {
  const t0 = performance.now();
  const c0 = cpu();
  const pack = await services.boardPack.forStrategy(viewer, { strategyId, asOf, format });
  const c1 = cpu();
  const document = buildPackDocument(pack);
  const c2 = cpu();
  let bytes = 0;
  const out = new Writable({
    write(chunk, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  const profiling = session && i >= 2;
  if (profiling) await session.post('Profiler.start');
  if (format === 'pdf') await writePackPdf(document, out, { fastPaths: mode !== 'off' });
  else await writePackDocx(document, out);
  const c3 = cpu();
  if (profiling) {
    const { profile: taken } = await session.post('Profiler.stop');
    fs.writeFileSync(profile.replace(/(\.cpuprofile)?$/, `-${i}.cpuprofile`), JSON.stringify(taken));
  }
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
  const f = (n) => n.toFixed(0);
  process.stdout.write(
    `${i} gather ${f(c1 - c0)} blocks ${f(c2 - c1)} render ${f(c3 - c2)} CPU ms; wall ${f(performance.now() - t0)} ms; ` +
      `${bytes} bytes; RSS ${f(process.memoryUsage().rss / 1e6)} MB, peak ${f(hwm)} MB; ` +
      `load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}\n`,
  );
}
await dataSource.destroy();
