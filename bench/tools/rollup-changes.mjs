// "What changed" over a year (rollupChanges, from a year ago to today) against the roll-up request of
// the same strategy (boardRollup as of today), in the same run and in alternating 1.5 s blocks (so that
// a shared machine's load falls on both alike). Target (issue 19): within 2x the roll-up at size L.
// The roll-up as of a year ago is measured too, for scale: "what changed" derives the state on both dates.
// Usage (build the API first: cd apps/api && npx tsc -p tsconfig.build.json):
//   node bench/tools/rollup-changes.mjs [S|M|L ...] [--blocks N] [--base path/to/other/apps/api/dist/main.js]
// --base: a second API build (e.g. a worktree of main) measured in the same run, each build on its own
// copy of the database, the two builds' blocks alternating (A/B on a shared machine); ratios new/base.
// DATABASE_URL: the server to create the databases on (default postgres://postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery, copyDatabase, dropDatabase, ensureTemplate, REPO } from '../src/db.js';
import { GraphQLClient } from '../src/http.js';
import { OURS_ROLLUP } from '../src/queries.js';
import { SIZES } from '../src/sizes.js';
import { processCpuMs } from '../src/stats.js';
import { startOurs } from '../src/systems.js';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const args = process.argv.slice(2);
const blocks = Number(args[args.indexOf('--blocks') + 1] || 0) || 4;
const baseMain = args.includes('--base') ? path.resolve(args[args.indexOf('--base') + 1]) : null;
const sizes = args.filter((a) => SIZES[a]);
if (sizes.length === 0) sizes.push('M');
const log = (msg) => process.stdout.write(`[rollup-changes] ${msg}\n`);
const ukDay = (d) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
const today = ukDay(new Date());
const yearAgo = (() => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
})();

/** Every kind of change with what the board page shows of each line (records included). */
const CHANGES = `query BenchRollupChanges($strategyId: ID!, $from: Date!, $to: Date) {
  rollupChanges(strategyId: $strategyId, from: $from, to: $to) {
    from to
    actions { action { id ref title } fromRag toRag fromStatus toStatus }
    newActions { action { id ref title } agreedOn status rag dueOn }
    newlyCompleted { action { id ref title } fromStatus }
    newlyOverdue { action { id ref title } dueOn status }
    dueDateRevisions { action { id ref title } fromDueOn toDueOn revisedOn }
    indicators { indicator { id name unit } newValues fromValue fromPeriod toValue toPeriod }
    recommendations { recommendation { id ref } fromStatus toStatus }
    feedbackAnswered { feedback { id forum } receivedOn respondedOn }
  }
}`;

const CHANGES_BARE = `query BenchRollupChangesBare($strategyId: ID!, $from: Date!, $to: Date) {
  rollupChanges(strategyId: $strategyId, from: $from, to: $to) { from to }
}`;

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** The PostgreSQL backends serving database `name` (the API's pool): their pids. */
async function backendPids(name) {
  const r = await adminQuery(adminUrl, 'SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
  return r.rows.map((row) => row.pid);
}

/** CPU ms used so far by the API process and by the database's backends (from /proc; Linux only). */
async function cpuNow(apiPid, dbName) {
  let db = 0;
  for (const pid of await backendPids(dbName)) db += processCpuMs(pid) ?? 0;
  return { api: processCpuMs(apiPid) ?? NaN, db };
}

/** One API build on its own copy of the database: its requests, ready to be measured. */
async function startBuild(label, main, databaseUrl, dbName) {
  const ours = await startOurs(databaseUrl, main ? { main } : {});
  const gql = new GraphQLClient(ours.url, { token: ours.token });
  const { data } = await gql.request('query { strategies { id } }', {});
  const strategyId = data.strategies[0].id;
  const call = (query, variables, pick) => async () => {
    const r = await gql.request(query, variables);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return pick(r.data);
  };
  const run = {
    rollup: call(OURS_ROLLUP, { strategyId, asOf: today }, (d) => d.boardRollup.totals.total),
    rollupYearAgo: call(OURS_ROLLUP, { strategyId, asOf: yearAgo }, (d) => d.boardRollup.totals.total),
    changes: call(CHANGES, { strategyId, from: yearAgo, to: today }, (d) => d.rollupChanges),
    // The same work on the server with nothing of the lines sent: the cost of the response itself.
    changesBare: call(CHANGES_BARE, { strategyId, from: yearAgo, to: today }, (d) => d.rollupChanges),
  };
  const stop = async () => {
    gql.close();
    await ours.stop();
  };
  return { label, ours, dbName, run, stop, gql };
}

/** Every build's requests in alternating 1.5 s blocks; a result per build. */
async function measure(size, builds) {
  const state = [];
  for (const b of builds) {
    // Warm-up, and what the year's changes hold.
    const total = await b.run.rollup();
    await b.run.rollupYearAgo();
    const c = await b.run.changes();
    const lines = Object.fromEntries(
      Object.entries(c)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => [k, v.length]),
    );
    const ms = Object.fromEntries(Object.keys(b.run).map((k) => [k, []]));
    // Each request's time less this client's decoding of the answer (4.7 MB at L: 20-40 ms of its own).
    const served = Object.fromEntries(Object.keys(b.run).map((k) => [k, []]));
    // CPU time per request of the API process and of the PostgreSQL backends, summed over the blocks:
    // a figure the machine's load inflates much less than wall-clock time.
    const cpu = Object.fromEntries(Object.keys(b.run).map((k) => [k, { api: 0, db: 0 }]));
    state.push({ b, total, lines, text: JSON.stringify(c), ms, served, cpu });
  }
  if (state.length > 1 && state.some((x) => x.text !== state[0].text)) {
    throw new Error('the builds answer "what changed" differently');
  }
  for (let block = 0; block < blocks; block++) {
    for (const { b, ms, served, cpu } of block % 2 ? [...state].reverse() : state) {
      for (const who of Object.keys(b.run)) {
        const end = Date.now() + 1500;
        const c0 = await cpuNow(b.ours.child.pid, b.dbName);
        do {
          const t0 = process.hrtime.bigint();
          await b.run[who]();
          const took = Number(process.hrtime.bigint() - t0) / 1e6;
          ms[who].push(took);
          served[who].push(took - b.gql.lastDecodeMs);
        } while (Date.now() < end);
        const c1 = await cpuNow(b.ours.child.pid, b.dbName);
        cpu[who].api += c1.api - c0.api;
        cpu[who].db += c1.db - c0.db;
      }
    }
  }
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  return state.map(({ b, total, lines, ms, served, cpu }) => {
    const p50 = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)]));
    const servedP50 = Object.fromEntries(Object.entries(served).map(([k, v]) => [k, median(v)]));
    const result = {
      label: `size ${size}, ${b.label}`,
      actions: total,
      window: { from: yearAgo, to: today },
      lines,
      n: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, v.length])),
      p50Ms: p50,
      // Without the client's decoding: the server's answer, to its last byte received.
      servedP50Ms: servedP50,
      cpuMsPerRequest: Object.fromEntries(
        Object.entries(cpu).map(([k, v]) => [k, { api: v.api / ms[k].length, db: v.db / ms[k].length }]),
      ),
      changesOverRollup: p50.changes / p50.rollup,
      servedChangesOverRollup: servedP50.changes / servedP50.rollup,
      changesOverRollupYearAgo: p50.changes / p50.rollupYearAgo,
      load,
    };
    log(
      `${result.label}: ${total} actions, ${Object.values(lines).reduce((a, b) => a + b, 0)} lines ` +
        `(${Object.entries(lines)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}); p50 roll-up ${p50.rollup.toFixed(1)} ms, ` +
        `roll-up a year ago ${p50.rollupYearAgo.toFixed(1)} ms, what changed over the year ${p50.changes.toFixed(1)} ms (with no line sent ` +
        `${p50.changesBare.toFixed(1)} ms) = ` +
        `${result.changesOverRollup.toFixed(2)}x the roll-up${result.changesOverRollup <= 2 ? '' : ': OVER 2x'} ` +
        `(to the last byte, without this client's decoding: ${servedP50.changes.toFixed(1)} vs ` +
        `${servedP50.rollup.toFixed(1)} ms = ${result.servedChangesOverRollup.toFixed(2)}x); ` +
        `CPU per request (API + PostgreSQL) ${Object.entries(result.cpuMsPerRequest)
          .map(([k, v]) => `${k} ${v.api.toFixed(1)} + ${v.db.toFixed(1)} ms`)
          .join(', ')}; load ${load}`,
    );
    return result;
  });
}

const results = [];
for (const size of sizes) {
  const tpl = await ensureTemplate(adminUrl, size, SIZES[size], { seed: 42, today, log });
  const wanted = [['this build', null], ...(baseMain ? [['base', baseMain]] : [])];
  const builds = [];
  try {
    for (const [label, main] of wanted) {
      const name = `tl_bench_changes_${size.toLowerCase()}_${process.pid}_${builds.length}`;
      const url = await copyDatabase(adminUrl, tpl.name, name);
      builds.push({ name });
      builds[builds.length - 1] = { name, ...(await startBuild(label, main, url, name)) };
    }
    const measured = await measure(size, builds);
    results.push(...measured);
    if (measured.length > 1) {
      const [mine, base] = measured;
      const ratio = (k) => (mine.p50Ms[k] / base.p50Ms[k]).toFixed(2);
      log(
        `size ${size}: this build / base, p50: what changed ${ratio('changes')}, roll-up ${ratio('rollup')}; ` +
          `what changed over the roll-up ${mine.changesOverRollup.toFixed(2)}x vs ${base.changesOverRollup.toFixed(2)}x`,
      );
    }
  } finally {
    for (const b of builds) {
      await b.stop?.();
      await dropDatabase(adminUrl, b.name);
    }
  }
}
const out = path.join(
  REPO,
  'bench/results',
  `rollup-changes-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
fs.writeFileSync(out, JSON.stringify({ date: today, blocks, results }, null, 2));
log(`written ${path.relative(REPO, out)}`);
