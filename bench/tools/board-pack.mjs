// The board pack (GET /reports/board-pack) against the roll-up request of the same strategy, for the demo
// partnership and for bench sizes (the measuring is bench/src/board-pack.js, which `npm run bench` runs
// too): time per pack (PDF and Word) in alternating blocks with the roll-up, and each format's API
// process's peak memory. The floor for the PDF: within 20x the roll-up request.
// Usage (build the API first: cd apps/api && npx tsc -p tsconfig.build.json):
//   node bench/tools/board-pack.mjs [M|S|L ...] [--demo] [--blocks N] [--pdf]
// DATABASE_URL: the server to create the databases on (default postgres://postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import path from 'node:path';
import { measureBoardPack } from '../src/board-pack.js';
import { adminQuery, copyDatabase, dropDatabase, ensureTemplate, REPO, withDatabase } from '../src/db.js';
import { SIZES } from '../src/sizes.js';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const args = process.argv.slice(2);
const blocks = Number(args[args.indexOf('--blocks') + 1] || 0) || 3;
const sizes = args.filter((a) => SIZES[a]);
// --pdf: the PDF only (size L's Word file takes minutes and is not what the memory floor is about).
const formats = args.includes('--pdf') ? ['pdf'] : ['pdf', 'docx'];
const withDemo = args.includes('--demo') || sizes.length === 0;
const log = (msg) => process.stdout.write(`[board-pack] ${msg}\n`);
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());

const results = [];
if (withDemo) {
  const name = `tl_bench_pack_demo_${process.pid}`;
  await dropDatabase(adminUrl, name);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  try {
    results.push(
      await measureBoardPack(withDatabase(adminUrl, name), {
        label: 'demo',
        today,
        blocks,
        env: { THROUGHLINE_DEMO: '1' },
        log,
      }),
    );
  } finally {
    await dropDatabase(adminUrl, name);
  }
}
for (const size of sizes) {
  const tpl = await ensureTemplate(adminUrl, size, SIZES[size], { seed: 42, today, log });
  const name = `tl_bench_pack_${size.toLowerCase()}_${process.pid}`;
  const url = await copyDatabase(adminUrl, tpl.name, name);
  try {
    results.push(await measureBoardPack(url, { label: `size ${size}`, today, blocks, formats, log }));
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
