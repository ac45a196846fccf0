// The board pack (GET /reports/board-pack) against the roll-up request of the same strategy, in the same
// run and in alternating blocks (so that a shared machine's load falls on both alike): time per pack
// (PDF and Word), and the API process's peak memory while it makes packs, for the demo partnership
// and for a bench size. The floor for the PDF: within 20x the roll-up request.
// Usage (build the API first: cd apps/api && npx tsc -p tsconfig.build.json):
//   node bench/tools/board-pack.mjs [M|S|L ...] [--demo] [--blocks N]
// DATABASE_URL: the server to create the databases on (default postgres://postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery, copyDatabase, dropDatabase, ensureTemplate, REPO, withDatabase } from '../src/db.js';
import { GraphQLClient } from '../src/http.js';
import { OURS_ROLLUP } from '../src/queries.js';
import { SIZES } from '../src/sizes.js';
import { startOurs } from '../src/systems.js';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const args = process.argv.slice(2);
const blocks = Number(args[args.indexOf('--blocks') + 1] || 0) || 4;
const sizes = args.filter((a) => SIZES[a]);
const withDemo = args.includes('--demo') || sizes.length === 0;
const log = (msg) => process.stdout.write(`[board-pack] ${msg}\n`);
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const max = (a) => Math.max(...a);

/** Resident and peak resident memory of a process, in MB, from /proc. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function measure(label, databaseUrl, env = {}) {
  const ours = await startOurs(databaseUrl, { env });
  try {
    const base = ours.url.replace(/\/graphql$/, '');
    const gql = new GraphQLClient(ours.url, { token: ours.token });
    const { data } = await gql.request('query { strategies { id title } }', {});
    // The strategy with the most actions (the demo has two).
    let strategyId = data.strategies[0].id;
    let mostActions = -1;
    for (const s of data.strategies) {
      const r = await gql.request(OURS_ROLLUP, { strategyId: s.id, asOf: today });
      if (r.data.boardRollup.totals.total > mostActions) {
        mostActions = r.data.boardRollup.totals.total;
        strategyId = s.id;
      }
    }
    const pack = async (format) => {
      const res = await fetch(
        `${base}/reports/board-pack?strategy=${strategyId}&asOf=${today}&format=${format}`,
        {
          headers: { authorization: `Bearer ${ours.token}` },
        },
      );
      if (res.status !== 200) throw new Error(`pack ${format}: HTTP ${res.status} ${await res.text()}`);
      return (await res.arrayBuffer()).byteLength;
    };
    const run = {
      rollup: async () => {
        const r = await gql.request(OURS_ROLLUP, { strategyId, asOf: today });
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return 0;
      },
      pdf: () => pack('pdf'),
      docx: () => pack('docx'),
    };
    // Warm-up: each once, so that fonts, prepared statements and the JIT are in place.
    const bytes = {};
    for (const who of Object.keys(run)) bytes[who] = await run[who]();
    const before = memoryOf(ours.child.pid);
    const ms = { rollup: [], pdf: [], docx: [] };
    const rssDuring = { pdf: [], docx: [] };
    for (let b = 0; b < blocks; b++) {
      for (const who of Object.keys(run)) {
        const end = Date.now() + 1500;
        let sampler = null;
        if (who !== 'rollup') {
          sampler = setInterval(() => rssDuring[who].push(memoryOf(ours.child.pid).rss), 10);
        }
        do {
          const t0 = process.hrtime.bigint();
          await run[who]();
          ms[who].push(Number(process.hrtime.bigint() - t0) / 1e6);
        } while (Date.now() < end);
        if (sampler) clearInterval(sampler);
      }
    }
    const after = memoryOf(ours.child.pid);
    gql.close();
    const result = {
      label,
      strategyActions: mostActions,
      n: { rollup: ms.rollup.length, pdf: ms.pdf.length, docx: ms.docx.length },
      p50Ms: { rollup: median(ms.rollup), pdf: median(ms.pdf), docx: median(ms.docx) },
      pdfOverRollup: median(ms.pdf) / median(ms.rollup),
      docxOverRollup: median(ms.docx) / median(ms.rollup),
      bytes: { pdf: bytes.pdf, docx: bytes.docx },
      memoryMb: {
        rssBeforePacks: before.rss,
        peakRssDuringPdf: max(rssDuring.pdf),
        peakRssDuringDocx: max(rssDuring.docx),
        processPeakRss: after.hwm,
      },
    };
    log(
      `${label}: ${mostActions} actions; roll-up p50 ${result.p50Ms.rollup.toFixed(1)} ms, ` +
        `PDF p50 ${result.p50Ms.pdf.toFixed(0)} ms (${(bytes.pdf / 1024).toFixed(0)} KiB, ` +
        `${result.pdfOverRollup.toFixed(1)}x the roll-up${result.pdfOverRollup <= 20 ? '' : ': OVER 20x'}), ` +
        `Word p50 ${result.p50Ms.docx.toFixed(0)} ms (${(bytes.docx / 1024).toFixed(0)} KiB, ` +
        `${result.docxOverRollup.toFixed(1)}x); RSS ${before.rss.toFixed(0)} MB before, peak ` +
        `${result.memoryMb.peakRssDuringPdf.toFixed(0)} MB making PDFs, ${result.memoryMb.peakRssDuringDocx.toFixed(0)} MB making Word files`,
    );
    return result;
  } finally {
    await ours.stop();
  }
}

const results = [];
if (withDemo) {
  const name = `tl_bench_pack_demo_${process.pid}`;
  await dropDatabase(adminUrl, name);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  try {
    results.push(await measure('demo', withDatabase(adminUrl, name), { THROUGHLINE_DEMO: '1' }));
  } finally {
    await dropDatabase(adminUrl, name);
  }
}
for (const size of sizes) {
  const tpl = await ensureTemplate(adminUrl, size, SIZES[size], { seed: 42, today, log });
  const name = `tl_bench_pack_${size.toLowerCase()}_${process.pid}`;
  const url = await copyDatabase(adminUrl, tpl.name, name);
  try {
    results.push(await measure(`size ${size}`, url));
  } finally {
    await dropDatabase(adminUrl, name);
  }
}
const out = path.join(
  REPO,
  'bench/results',
  `board-pack-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
fs.writeFileSync(out, JSON.stringify({ date: today, blocks, results }, null, 2));
log(`written ${path.relative(REPO, out)}`);
