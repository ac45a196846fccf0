// Our roll-up over HTTP against the floor's SQL, in alternating 1 s blocks (12 of each), so that the
// load of a shared machine falls on both alike; `npm run bench` measures the systems one after the other.
// Usage: DATABASE_URL=postgres://.../<copy of a bench template> node bench/tools/rollup-interleaved.mjs [clients]
// (build the API first: cd apps/api && npx tsc -p tsconfig.build.json).
import pg from 'pg';
import { rollupSql } from '../src/floor.js';
import { GraphQLClient } from '../src/http.js';
import { OURS_ROLLUP } from '../src/queries.js';
import { startOurs } from '../src/systems.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: a copy of a bench template database');
const clients = Number(process.argv[2] ?? 1);
const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
const { rows } = await pool.query('SELECT id FROM strategy ORDER BY id LIMIT 1');
const strategyId = rows[0].id;
const ours = await startOurs(
  url,
  process.env.NODE_ARGS ? { nodeArgs: JSON.parse(process.env.NODE_ARGS) } : {},
);
const gql = Array.from({ length: clients }, () => new GraphQLClient(ours.url, { token: ours.token }));
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

try {
  for (const [name, asOf, today] of [
    ['today', day(0), true],
    ['a year back', day(-365), false],
  ]) {
    const sql = rollupSql(today);
    const run = {
      ours: (i) => gql[i].request(OURS_ROLLUP, { strategyId, asOf }),
      floor: () => pool.query(sql, [strategyId, asOf, 'ecological-level']),
    };
    const ms = { ours: [], floor: [] };
    for (const who of ['ours', 'floor']) await Promise.all(gql.map((_, i) => run[who](i)));
    for (let block = 0; block < 12; block++) {
      for (const who of ['ours', 'floor']) {
        const end = Date.now() + 1000;
        await Promise.all(
          gql.map(async (_, i) => {
            while (Date.now() < end) {
              const t0 = process.hrtime.bigint();
              await run[who](i);
              ms[who].push(Number(process.hrtime.bigint() - t0) / 1e6);
            }
          }),
        );
      }
    }
    const [o, f] = [median(ms.ours), median(ms.floor)];
    console.log(
      `roll-up ${name}, ${clients} client(s): ours p50 ${o.toFixed(1)} ms (n=${ms.ours.length}), ` +
        `floor p50 ${f.toFixed(1)} ms (n=${ms.floor.length}), ours/floor ${(o / f).toFixed(2)}`,
    );
  }
} finally {
  gql.forEach((c) => c.close());
  await pool.end();
  await ours.stop();
}
