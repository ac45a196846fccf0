// A/B of our API on the list page ("my group's actions"): alternating 1 s blocks of each variant of our
// API, the peer and the floor's SQL, so that the load of a shared machine falls on all alike; also the
// API process's CPU (utime + stime from /proc) per request.
// Usage: DATABASE_URL=postgres://.../<bench database with the peer's SQL> \
//   node bench/tools/list-ab.mjs [clients] [blocks] '[{"name":"a"},{"name":"b","nodeArgs":["--max-semi-space-size=32"],"main":"/path/dist/main.js","env":{}}]'
import pg from 'pg';
import { LIST_SQL } from '../src/floor.js';
import { GraphQLClient } from '../src/http.js';
import { OURS_LIST, OURS_ROLLUP, PEER_LIST } from '../src/queries.js';
import { processCpuMs } from '../src/stats.js';

const YEAR_BACK = new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10);
import { startOurs, startPeer } from '../src/systems.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: a bench database (template copy with the peer SQL)');
const clients = Number(process.argv[2] ?? 1);
const blocks = Number(process.argv[3] ?? 8);
const variants = JSON.parse(process.argv[4] ?? '[{"name":"ours"}]');
const withPeer = process.env.AB_PEER !== '0';
const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
const { rows } = await pool.query('SELECT id FROM operational_group ORDER BY id');
const groupIds = rows.map((r) => r.id);

const cpuMs = (pid) => processCpuMs(pid) ?? 0;

const systems = {};
for (const v of variants) {
  const sys = await startOurs(url, v);
  systems[v.name] = { sys, pid: sys.child.pid, query: OURS_LIST };
}
if (withPeer) {
  const peer = await startPeer(url);
  systems.peer = { sys: peer, pid: peer.child.pid, query: PEER_LIST };
}
for (const s of Object.values(systems))
  s.clients = Array.from({ length: clients }, () => new GraphQLClient(s.sys.url, { token: s.sys.token }));
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.max(0, Math.ceil((p / 100) * a.length) - 1)];

try {
  // AB_PRE_ROLLUP=<seconds>: each of our variants first serves roll-ups, as in `npm run bench`, where the
  // list page is measured after the roll-ups.
  if (process.env.AB_PRE_ROLLUP) {
    const {
      rows: [strategy],
    } = await pool.query('SELECT id FROM strategy ORDER BY id LIMIT 1');
    for (const v of variants) {
      const until = Date.now() + Number(process.env.AB_PRE_ROLLUP) * 1000;
      for (let n = 0; Date.now() < until; n++)
        await systems[v.name].clients[0].request(OURS_ROLLUP, {
          strategyId: strategy.id,
          asOf: n % 2 ? YEAR_BACK : null,
        });
    }
  }
  const seq = Array(clients).fill(0);
  const group = (i) => groupIds[seq[i]++ % groupIds.length];
  const run = { floor: (i) => pool.query(LIST_SQL, [group(i)]) };
  for (const [name, s] of Object.entries(systems))
    run[name] = (i) => s.clients[i].request(s.query, { groupId: group(i) });
  const ms = Object.fromEntries(Object.keys(run).map((k) => [k, []]));
  const time = Object.fromEntries(Object.keys(run).map((k) => [k, 0]));
  const cpu = Object.fromEntries(Object.keys(run).map((k) => [k, 0]));
  // One discarded block each: warm-up (JIT compilation, the document cache, pg statements).
  for (let block = -1; block < blocks; block++) {
    for (const who of Object.keys(run)) {
      const pid = systems[who]?.pid;
      const c0 = pid ? cpuMs(pid) : 0;
      const t0 = Date.now();
      const end = t0 + Number(process.env.AB_BLOCK_MS ?? 1000);
      const out = [];
      await Promise.all(
        Array.from({ length: clients }, async (_, i) => {
          while (Date.now() < end) {
            const s = process.hrtime.bigint();
            await run[who](i);
            out.push(Number(process.hrtime.bigint() - s) / 1e6);
          }
        }),
      );
      if (block >= 0) {
        ms[who].push(...out);
        time[who] += Date.now() - t0;
        if (pid) cpu[who] += cpuMs(pid) - c0;
      }
    }
  }
  const f95 = pct(ms.floor, 95);
  const rps = (who) => (ms[who].length / time[who]) * 1000;
  for (const who of Object.keys(run)) {
    const a = ms[who];
    const extra =
      who === 'floor'
        ? ''
        : ` | p95/floor ${(pct(a, 95) / f95).toFixed(2)}` +
          (withPeer && who !== 'peer' ? `, req/s / peer ${(rps(who) / rps('peer')).toFixed(2)}` : '') +
          `, CPU ${(cpu[who] / a.length).toFixed(2)} ms/req`;
    console.log(
      `${who.padEnd(8)} c=${clients}: p50 ${pct(a, 50).toFixed(2)} p95 ${pct(a, 95).toFixed(2)} p99 ${pct(a, 99).toFixed(2)} ms, ` +
        `${rps(who).toFixed(0)} req/s (n=${a.length})${extra}`,
    );
  }
} finally {
  for (const s of Object.values(systems)) {
    s.clients.forEach((c) => c.close());
    await s.sys.stop();
  }
  await pool.end();
}
