// The board pack (GET /reports/board-pack) against the roll-up request of the same strategy, in the same
// run and in alternating blocks (so that a shared machine's load falls on both alike). Each format gets an
// API process of its own, so that the process's peak resident memory (VmHWM) is that format's: the PDF
// must stay within 20x the roll-up at size M and its memory must not grow with the page count (issue 20).
import fs from 'node:fs';
import { GraphQLClient } from './http.js';
import { OURS_ROLLUP } from './queries.js';
import { startOurs } from './systems.js';

/**
 * Runs `send`, and once more when a kept-alive socket was reset: the server closes a socket idle past
 * its keep-alive timeout, and a block of long packs leaves the other request's socket idle that long.
 */
async function again(send) {
  try {
    return await send();
  } catch (e) {
    if ((e.cause?.code ?? e.code) !== 'ECONNRESET') throw e;
    return send();
  }
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Resident and peak resident memory of a process, in MB, from /proc. */
export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used, in ms, from /proc. */
function cpuMsOf(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/** One format against the roll-up on a fresh API process: p50s, ratio, bytes, memory. */
async function measureFormat(databaseUrl, format, { blocks, blockMs, today, env }) {
  const ours = await startOurs(databaseUrl, { env });
  try {
    const base = ours.url.replace(/\/graphql$/, '');
    const gql = new GraphQLClient(ours.url, { token: ours.token });
    const { data } = await gql.request('query { strategies { id } }', {});
    // The strategy with the most actions (the demo has two).
    let strategyId = data.strategies[0].id;
    let actions = -1;
    for (const s of data.strategies) {
      const r = await gql.request(OURS_ROLLUP, { strategyId: s.id, asOf: today });
      if (r.data.boardRollup.totals.total > actions) {
        actions = r.data.boardRollup.totals.total;
        strategyId = s.id;
      }
    }
    const run = {
      rollup: async () => {
        const r = await again(() => gql.request(OURS_ROLLUP, { strategyId, asOf: today }));
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return 0;
      },
      pack: async () => {
        const url = `${base}/reports/board-pack?strategy=${strategyId}&asOf=${today}&format=${format}`;
        const get = () => fetch(url, { headers: { authorization: `Bearer ${ours.token}` } });
        const res = await again(get);
        if (res.status !== 200) throw new Error(`pack ${format}: HTTP ${res.status} ${await res.text()}`);
        return (await res.arrayBuffer()).byteLength;
      },
    };
    // Warm-up: each once (fonts, prepared statements, the JIT).
    await run.rollup();
    const bytes = await run.pack();
    const before = memoryOf(ours.child.pid);
    const ms = { rollup: [], pack: [] };
    const cpu = { rollup: 0, pack: 0 };
    let peakRss = before.rss;
    for (let b = 0; b < blocks; b++) {
      for (const who of ['rollup', 'pack']) {
        const end = Date.now() + blockMs;
        const sampler =
          who === 'pack'
            ? setInterval(() => (peakRss = Math.max(peakRss, memoryOf(ours.child.pid).rss)), 10)
            : null;
        do {
          const t0 = process.hrtime.bigint();
          const c0 = cpuMsOf(ours.child.pid);
          await run[who]();
          ms[who].push(Number(process.hrtime.bigint() - t0) / 1e6);
          cpu[who] += cpuMsOf(ours.child.pid) - c0;
        } while (Date.now() < end);
        if (sampler) clearInterval(sampler);
      }
    }
    const after = memoryOf(ours.child.pid);
    gql.close();
    const r2 = (v) => Math.round(v * 10) / 10;
    return {
      actions,
      n: { rollup: ms.rollup.length, pack: ms.pack.length },
      rollupP50Ms: r2(median(ms.rollup)),
      p50Ms: r2(median(ms.pack)),
      overRollup: r2(median(ms.pack) / median(ms.rollup)),
      // The API process's CPU time per request (the roll-up's work is mostly PostgreSQL's).
      apiCpuMsPerRequest: { rollup: r2(cpu.rollup / ms.rollup.length), pack: r2(cpu.pack / ms.pack.length) },
      bytes,
      memoryMb: { rssBefore: r2(before.rss), peakRssDuring: r2(peakRss), processPeakRss: r2(after.hwm) },
    };
  } finally {
    await ours.stop();
  }
}

/**
 * The pack in both formats on the database at `databaseUrl` (label: "size M", "demo"); `log` gets one
 * line per format. PDF within 20x the roll-up is the issue's floor.
 */
export async function measureBoardPack(
  databaseUrl,
  { label, today, blocks = 3, blockMs = 1500, env = {}, formats = ['pdf', 'docx'], log },
) {
  const result = { label };
  for (const format of formats) {
    const r = await measureFormat(databaseUrl, format, { blocks, blockMs, today, env });
    result[format] = r;
    log(
      `${label} board pack ${format}: ${r.actions} actions; roll-up p50 ${r.rollupP50Ms} ms, ${format} p50 ` +
        `${r.p50Ms} ms (${Math.round(r.bytes / 1024)} KiB), ${r.overRollup}x the roll-up` +
        `${format === 'pdf' && r.overRollup > 20 ? ': OVER 20x' : ''}, API CPU ${r.apiCpuMsPerRequest.pack} ms a pack; RSS ${Math.round(r.memoryMb.rssBefore)} MB ` +
        `after the warm-up, peak ${Math.round(r.memoryMb.peakRssDuring)} MB while making packs`,
    );
  }
  result.pdfWithin20x = result.pdf.overRollup <= 20;
  return result;
}
