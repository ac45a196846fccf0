// The list page ("my group's actions") over HTTP in alternating 1 s blocks of: our API with graphql-jit,
// our API with its fast paths off (graphql-js; THROUGHLINE_FAST_PATHS=0), PostGraphile (the peer) and the
// floor's SQL, so that the load of a shared machine falls on all alike.
// Usage: DATABASE_URL=postgres://.../<bench database with the peer's SQL> node bench/tools/list-interleaved.mjs [clients] [blocks]
// (build the API first: cd apps/api && npx tsc -p tsconfig.build.json).
import pg from 'pg';
import { LIST_SQL } from '../src/floor.js';
import { GraphQLClient } from '../src/http.js';
import { OURS_LIST, PEER_LIST } from '../src/queries.js';
import { startOurs, startPeer } from '../src/systems.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: a bench database (template copy with the peer SQL)');
const clients = Number(process.argv[2] ?? 1);
const blocks = Number(process.argv[3] ?? 8);
const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
const { rows } = await pool.query('SELECT id FROM operational_group ORDER BY id');
const groupIds = rows.map((r) => r.id);

// graphql-js: every fast path off (THROUGHLINE_FAST_PATHS=0, apps/api/src/fast-paths.ts), jit: all on.
const start = async (executor) =>
  startOurs(url, { env: { THROUGHLINE_FAST_PATHS: executor === 'jit' ? '1' : '0' } });
const jit = await start('jit');
const js = await start('graphql-js');
const peer = await startPeer(url);
const clientsFor = (sys, token) =>
  Array.from({ length: clients }, () => new GraphQLClient(sys.url, { token }));
const gql = { jit: clientsFor(jit, jit.token), js: clientsFor(js, js.token), peer: clientsFor(peer) };
const pct = (a, p) => [...a].sort((x, y) => x - y)[Math.max(0, Math.ceil((p / 100) * a.length) - 1)];

try {
  const seq = Array(clients).fill(0);
  const group = (i) => groupIds[seq[i]++ % groupIds.length];
  const run = {
    jit: (i) => gql.jit[i].request(OURS_LIST, { groupId: group(i) }),
    js: (i) => gql.js[i].request(OURS_LIST, { groupId: group(i) }),
    peer: (i) => gql.peer[i].request(PEER_LIST, { groupId: group(i) }),
    floor: (i) => pool.query(LIST_SQL, [group(i)]),
  };
  const ms = { jit: [], js: [], peer: [], floor: [] };
  const time = { jit: 0, js: 0, peer: 0, floor: 0 };
  // One discarded block each: warm-up (JIT compilation, the document cache, pg statements).
  for (let block = -1; block < blocks; block++) {
    for (const who of Object.keys(run)) {
      const t0 = Date.now();
      const end = t0 + 1000;
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
      }
    }
  }
  for (const who of Object.keys(run)) {
    const a = ms[who];
    console.log(
      `${who.padEnd(5)} ${clients} client(s): p50 ${pct(a, 50).toFixed(2)} p95 ${pct(a, 95).toFixed(2)} ms, ` +
        `${((a.length / time[who]) * 1000).toFixed(0)} req/s (n=${a.length})`,
    );
  }
  const f95 = pct(ms.floor, 95);
  const rps = (who) => ms[who].length / time[who];
  for (const who of ['jit', 'js'])
    console.log(
      `${who}: p95/floor p95 ${(pct(ms[who], 95) / f95).toFixed(2)}, req/s / peer ${(rps(who) / rps('peer')).toFixed(2)}`,
    );
} finally {
  Object.values(gql)
    .flat()
    .forEach((c) => c.close());
  await pool.end();
  await Promise.all([jit.stop(), js.stop(), peer.stop()]);
}
