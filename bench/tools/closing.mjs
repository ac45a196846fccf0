// Closing a reporting round and reading a closed round's record (src/closing.js) at the sizes given,
// each on a private database built for the run (never the shared templates, which other runs may be
// using) and dropped afterwards. `npm run bench` runs the same measurement on a copy of its template.
// Usage (build the API first: cd apps/api && npx tsc -p tsconfig.build.json):
//   node bench/tools/closing.mjs [S|M|L ...] [--blocks N]
// DATABASE_URL: the server to create the database on (default postgres://postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { benchClosing } from '../src/closing.js';
import { adminQuery, dropDatabase, migrate, REPO, withDatabase } from '../src/db.js';
import { buildDataset, loadDataset } from '../src/generate.js';
import { SIZES } from '../src/sizes.js';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const args = process.argv.slice(2);
const blocks = Number(args[args.indexOf('--blocks') + 1] || 0) || 4;
const sizes = args.filter((a) => SIZES[a]);
const log = (msg) => process.stdout.write(`[closing] ${msg}\n`);
const today = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date());

const results = [];
for (const size of sizes.length ? sizes : ['M']) {
  const name = `tl_bench_closing_${size.toLowerCase()}_${process.pid}`;
  await dropDatabase(adminUrl, name);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  try {
    const t0 = performance.now();
    await migrate(url);
    const dataset = buildDataset(SIZES[size], { seed: 42, today });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await loadDataset(client, dataset);
      await client.query('VACUUM ANALYZE');
    } finally {
      await client.end();
    }
    log(`size ${size}: data loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const r = await benchClosing(url, size, dataset.meta, { today, blocks, log });
    results.push({ size, ...r });
    for (const c of r.checks) log(`${c.ok ? 'ok  ' : 'MISS'} ${size} ${c.name}: ${c.detail}`);
  } finally {
    await dropDatabase(adminUrl, name);
  }
}
const out = path.join(
  REPO,
  'bench/results',
  `closing-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ date: today, blocks, results }, null, 2));
log(`written ${path.relative(REPO, out)}`);
