// A/B of builds of our API on the roll-up today and addActionUpdate (the bench's floors 1-2 and 6):
// alternating blocks of each build and the floor's SQL, each build on its own database (migrated by
// that build: a copy of a template it made, since builds may carry different migrations) and the
// floor on the same database as the build it follows; per build the API process's CPU time per request
// (utime + stime from /proc) and the statements per request (a second process with the counter on).
// Usage:
//   node bench/tools/ops-ab.mjs [clients] [blocks] \
//     '[{"name":"new","url":"postgres://.../db_a"},{"name":"old","url":"postgres://.../db_b","main":"/wt/old/apps/api/dist/main.js"}]'
// AB_OPS=rollup,addUpdate (default both), AB_BLOCK_MS (default 1000), AB_DAYS_BACK (the roll-up as of that
// many days ago, e.g. 365; default today). Each block runs, for every op,
// every build then its floor, the builds' order turning each block. Both builds must answer the same
// roll-up (checked first, so give each build a fresh copy of the same data; the run stops otherwise).
import pg from 'pg';
import { benchUpdateInput } from '../src/add-update.js';
import { floorAddUpdate, rollupSql } from '../src/floor.js';
import { GraphQLClient } from '../src/http.js';
import { ukToday } from '../src/machine.js';
import { OURS_ADD_UPDATE, OURS_ROLLUP } from '../src/queries.js';
import { processCpuMs } from '../src/stats.js';
import { startOurs } from '../src/systems.js';

const clients = Number(process.argv[2] ?? 1);
const blocks = Number(process.argv[3] ?? 8);
const variants = JSON.parse(process.argv[4] ?? '[]');
if (!variants.length || variants.some((v) => !v.url)) throw new Error('each build needs its own "url"');
const ops = (process.env.AB_OPS ?? 'rollup,addUpdate').split(',');
const blockMs = Number(process.env.AB_BLOCK_MS ?? 1000);
const today = ukToday();
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.max(0, Math.ceil((p / 100) * a.length) - 1)];

const builds = [];
for (const v of variants) {
  const pool = new pg.Pool({ connectionString: v.url, max: 10, options: '-c jit=off' });
  const strategyId = (await pool.query('SELECT id FROM strategy ORDER BY id LIMIT 1')).rows[0].id;
  const actionIds = (await pool.query('SELECT id FROM action ORDER BY id')).rows.map((r) => r.id);
  const opts = { main: v.main, env: v.env ?? {}, ...(v.nodeArgs ? { nodeArgs: v.nodeArgs } : {}) };
  builds.push({ ...v, pool, strategyId, actionIds, opts });
}
const seq = new Map();
const updateInput = (b) => {
  const i = (seq.get(b.name) ?? 0) + 1;
  seq.set(b.name, i);
  return benchUpdateInput(b.actionIds, today, i);
};
const daysBack = Number(process.env.AB_DAYS_BACK ?? 0);
const rollupAsOf = daysBack ? new Date(Date.now() - daysBack * 86_400_000).toISOString().slice(0, 10) : null;
const floorRollup = rollupSql(!daysBack);
const send = {
  rollup: {
    ours: (b, c) => c.request(OURS_ROLLUP, { strategyId: b.strategyId, asOf: rollupAsOf }),
    floor: (b) => b.pool.query(floorRollup, [b.strategyId, rollupAsOf ?? today, 'ecological-level']),
  },
  addUpdate: {
    ours: (b, c) => c.request(OURS_ADD_UPDATE, { input: updateInput(b) }),
    floor: (b) => floorAddUpdate(b.pool, updateInput(b)),
  },
};

// Statements per request, with the counter on (a separate process: the counter is off when timed).
const answers = [];
for (const b of builds) {
  const api = await startOurs(b.url, { ...b.opts, countSql: true });
  const c = new GraphQLClient(api.url, { token: api.token });
  try {
    // Before any write of this run: the builds' databases are alike only until then.
    answers.push(JSON.stringify((await send.rollup.ours(b, c)).data));
    b.statements = {};
    for (const op of ops) {
      const counts = [];
      for (let k = 0; k < 3; k++)
        counts.push(Number((await send[op].ours(b, c)).headers['x-sql-statements']));
      b.statements[op] = counts;
    }
  } finally {
    c.close();
    await api.stop();
  }
}
if (new Set(answers).size > 1) throw new Error('ANSWERS DIFFER: the builds give different roll-ups');

for (const b of builds) {
  b.sys = await startOurs(b.url, b.opts);
  b.clients = Array.from({ length: clients }, () => new GraphQLClient(b.sys.url, { token: b.sys.token }));
  b.ms = Object.fromEntries(ops.map((op) => [op, { ours: [], floor: [] }]));
  b.cpu = Object.fromEntries(ops.map((op) => [op, 0]));
}
try {
  // One discarded block each first: warm-up (JIT compilation, the document cache, pg statements).
  for (let block = -1; block < blocks; block++) {
    const order = builds.map((_, k) => builds[(k + Math.max(block, 0)) % builds.length]);
    for (const op of ops) {
      for (const b of order) {
        for (const who of ['ours', 'floor']) {
          const c0 = processCpuMs(b.sys.child.pid) ?? 0;
          const end = Date.now() + blockMs;
          const out = [];
          await Promise.all(
            b.clients.map(async (c) => {
              while (Date.now() < end) {
                const t0 = process.hrtime.bigint();
                await send[op][who](b, c);
                out.push(Number(process.hrtime.bigint() - t0) / 1e6);
              }
            }),
          );
          if (block < 0) continue;
          b.ms[op][who].push(...out);
          if (who === 'ours') b.cpu[op] += (processCpuMs(b.sys.child.pid) ?? 0) - c0;
        }
      }
    }
  }
  for (const op of ops) {
    for (const b of builds) {
      const { ours, floor } = b.ms[op];
      console.log(
        `${op.padEnd(9)} ${b.name.padEnd(6)} c=${clients}: p50 ${pct(ours, 50).toFixed(2)} p95 ${pct(ours, 95).toFixed(2)} ms ` +
          `(n=${ours.length}); floor p50 ${pct(floor, 50).toFixed(2)} p95 ${pct(floor, 95).toFixed(2)} ms (n=${floor.length}); ` +
          `ours/floor p50 ${(pct(ours, 50) / pct(floor, 50)).toFixed(2)} p95 ${(pct(ours, 95) / pct(floor, 95)).toFixed(2)}; ` +
          `CPU ${(b.cpu[op] / ours.length).toFixed(2)} ms/req; statements ${b.statements[op].join('/')}`,
      );
    }
  }
} finally {
  for (const b of builds) {
    b.clients?.forEach((c) => c.close());
    await b.sys?.stop();
    await b.pool.end();
  }
}
