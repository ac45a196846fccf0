#!/usr/bin/env node
// `npm run bench [-- --size S|M|L|S,M,L] [--quick] [--seed N] [--no-build] [--only rounds]`
// Builds each size's data once (template database), checks that every system gives the same answers,
// then measures our API, the SQL floor and PostGraphile (the peer) at 1, 2, 4 and 8 clients.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { adminQuery, copyDatabase, dropDatabase, ensureTemplate, REPO, withDatabase } from './db.js';
import { addDays } from './generate.js';
import { measureBoardPack } from './board-pack.js';
import { floorAddUpdate, LIST_SQL, rollupSql } from './floor.js';
import { getJson, GraphQLClient } from './http.js';
import { canonicalJson, firstDifference, normalise } from './normalise.js';
import { peerSetupSql } from './peer/setup.js';
import { benchClosing } from './closing.js';
import { canonical, OURS_ADD_UPDATE, OURS_LIST, OURS_ROLLUP, PEER_LIST, PEER_ROLLUP } from './queries.js';
import { benchRounds, roundChecks } from './rounds.js';
import { SIZES } from './sizes.js';
import { processCpuMs, runInterleaved, runLoad } from './stats.js';
import { API_NODE, PEER_NODE, POOL_SIZE, startOurs, startPeer } from './systems.js';

const execFileP = promisify(execFile);

export function parseArgs(argv) {
  const opts = {
    sizes: ['S', 'M', 'L'],
    quick: false,
    seed: 42,
    build: true,
    levels: [1, 2, 4, 8],
    only: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--size' || a === '--sizes') opts.sizes = value().toUpperCase().split(',');
    else if (a === '--quick') opts.quick = true;
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--no-build') opts.build = false;
    else if (a === '--levels') opts.levels = value().split(',').map(Number);
    else if (a === '--only') opts.only = value();
    else throw new Error(`unknown option ${a}`);
  }
  for (const s of opts.sizes) if (!SIZES[s]) throw new Error(`--size must be S, M or L (got ${s})`);
  if (opts.only !== null && opts.only !== 'rounds') throw new Error(`--only takes rounds (got ${opts.only})`);
  return opts;
}

const log = (msg) => process.stdout.write(`[bench] ${msg}\n`);

/** The partnership's day (UK), as the API counts "today". */
function ukToday() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** A package's installed version: the bench's own install (PostGraphile, pg) first, then the root's. */
function packageVersion(name) {
  for (const modules of ['bench/node_modules', 'node_modules']) {
    try {
      return JSON.parse(fs.readFileSync(path.join(REPO, modules, name, 'package.json'), 'utf8')).version;
    } catch {
      // not installed there
    }
  }
  return null;
}

async function machine(adminUrl) {
  const { rows } = await adminQuery(
    adminUrl,
    "SELECT version() AS v, current_setting('shared_buffers') AS sb",
  );
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    postgres: rows[0].v,
    sharedBuffers: rows[0].sb,
    nodeForBench: process.version,
    nodeForApi: (await execFileP(API_NODE, ['--version'])).stdout.trim(),
    nodeForPeer: (await execFileP(PEER_NODE, ['--version'])).stdout.trim(),
    packages: Object.fromEntries(
      [
        'postgraphile',
        'pg',
        '@apollo/server',
        'type-graphql',
        'typeorm',
        'graphql',
        'express',
        'dataloader',
      ].map((n) => [n, packageVersion(n)]),
    ),
  };
}

function check(label, answers) {
  const [first, ...rest] = Object.entries(answers);
  for (const [name, value] of rest) {
    const a = normalise(first[1]);
    const b = normalise(value);
    if (canonicalJson(a) !== canonicalJson(b)) {
      throw new Error(`ANSWERS DIFFER for ${label}: ${first[0]} vs ${name}: ${firstDifference(a, b)}`);
    }
  }
  log(`same answer from ${Object.keys(answers).join(', ')} for ${label}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchSize(sizeName, ctx) {
  const { adminUrl, opts, today } = ctx;
  const size = SIZES[sizeName];
  const tpl = await ensureTemplate(adminUrl, sizeName, size, { seed: opts.seed, today, log });
  const { strategyId, groupIds, actionIds } = tpl.meta;
  const yearBack = addDays(today, -365);
  const timing = opts.quick
    ? { warmupMs: 300, durationMs: 700, minRequests: 5 }
    : { warmupMs: 1000, durationMs: 3000, minRequests: 20 };
  const result = {
    size: sizeName,
    counts: tpl.counts,
    today,
    yearBack,
    timing,
    statements: {},
    operations: {},
  };
  // Reporting rounds (src/rounds.js): their statements join the others' (the same at every size).
  const rounds = async () => {
    result.rounds = await benchRounds(sizeName, { adminUrl, tpl, today, timing, log });
    for (const [op, s] of Object.entries(result.rounds.statements)) result.statements[op] = s;
  };
  if (opts.only === 'rounds') {
    await rounds();
    return result;
  }

  const readDb = `tl_bench_${sizeName.toLowerCase()}_read`;
  const readUrl = await copyDatabase(adminUrl, tpl.name, readDb);
  await adminQuery(readUrl, peerSetupSql());
  const floorPool = new pg.Pool({ connectionString: readUrl, max: POOL_SIZE });
  // Idle connections are cut when the copy is dropped WITH (FORCE); that is expected, not a failure.
  floorPool.on('error', () => {});
  const floorQuery = async (sql, params) => Object.values((await floorPool.query(sql, params)).rows[0])[0];

  // The operations, per system. `i` varies the group (list page) so no single page is cached hot.
  const rollupVars = (asOf) => ({ strategyId, asOf });
  const ops = {
    rollupToday: {
      floor: () => floorQuery(rollupSql(true), [strategyId, today, 'ecological-level']),
      ours: (c) => c.request(OURS_ROLLUP, rollupVars(today)).then((r) => canonical.oursRollup(r.data)),
      peer: (c) => c.request(PEER_ROLLUP, rollupVars(today)).then((r) => canonical.peerRollup(r.data)),
    },
    rollupYearBack: {
      floor: () => floorQuery(rollupSql(false), [strategyId, yearBack, 'ecological-level']),
      ours: (c) => c.request(OURS_ROLLUP, rollupVars(yearBack)).then((r) => canonical.oursRollup(r.data)),
      peer: (c) => c.request(PEER_ROLLUP, rollupVars(yearBack)).then((r) => canonical.peerRollup(r.data)),
    },
    groupActions: {
      floor: (_c, i = 0) => floorQuery(LIST_SQL, [groupIds[i % groupIds.length]]),
      ours: (c, i = 0) =>
        c
          .request(OURS_LIST, { groupId: groupIds[i % groupIds.length] })
          .then((r) => canonical.oursList(r.data)),
      peer: (c, i = 0) =>
        c
          .request(PEER_LIST, { groupId: groupIds[i % groupIds.length] })
          .then((r) => canonical.peerList(r.data)),
    },
  };

  // 1. Same answers, and statements per request (our API with its opt-in counter on).
  let ours = await startOurs(readUrl, { countSql: true });
  const peer = await startPeer(readUrl);
  const oursClient = new GraphQLClient(ours.url, { token: ours.token });
  const peerClient = new GraphQLClient(peer.url);
  try {
    for (const [op, run] of Object.entries(ops)) {
      const groups = op === 'groupActions' ? [0, 1] : [0];
      for (const g of groups) {
        check(`${op}${op === 'groupActions' ? ` (group ${g + 1})` : ''} at size ${sizeName}`, {
          ours: await run.ours(oursClient, g),
          floor: await run.floor(null, g),
          peer: await run.peer(peerClient, g),
        });
      }
    }
    const OURS_DOC = { rollupToday: OURS_ROLLUP, rollupYearBack: OURS_ROLLUP, groupActions: OURS_LIST };
    const oursVars = {
      rollupToday: rollupVars(today),
      rollupYearBack: rollupVars(yearBack),
      groupActions: { groupId: groupIds[0] },
    };
    for (const op of Object.keys(ops)) {
      const counts = [];
      for (let k = 0; k < 5; k++) {
        const r = await oursClient.request(OURS_DOC[op], oursVars[op]);
        counts.push(Number(r.headers['x-sql-statements']));
      }
      const before = (await getJson(peer.statementsUrl)).statements;
      for (let k = 0; k < 5; k++) await ops[op].peer(peerClient, 0);
      const after = (await getJson(peer.statementsUrl)).statements;
      result.statements[op] = {
        ours: median(counts),
        oursSamples: counts,
        floor: 1,
        peer: (after - before) / 5,
      };
    }
  } finally {
    oursClient.close();
    await ours.stop();
  }

  // 2. Reads, warm, at each concurrency level: floor, ours (counter off), peer, on the same database,
  //    interleaved in slices of the window.
  ours = await startOurs(readUrl);
  const clients = {
    ours: new GraphQLClient(ours.url, { token: ours.token, sockets: 16 }),
    peer: peerClient,
  };
  try {
    for (const op of Object.keys(ops)) {
      const systems = ['floor', 'ours', 'peer'];
      result.operations[op] = Object.fromEntries(systems.map((system) => [system, []]));
      for (const concurrency of opts.levels) {
        // The three systems in alternating slices of the window (stats.js, runInterleaved).
        const senders = Object.fromEntries(
          systems.map((system) => [system, (_w, i) => ops[op][system](clients[system], i)]),
        );
        // The API processes' CPU per request (ours and the peer's), where /proc tells it.
        const cpu = {};
        for (const [system, pid] of [
          ['ours', ours.child.pid],
          ['peer', peer.child.pid],
        ])
          if (processCpuMs(pid) !== undefined) cpu[system] = () => processCpuMs(pid);
        const results = await runInterleaved(senders, { concurrency, ...timing, cpu });
        for (const system of systems) {
          const r = results[system];
          result.operations[op][system].push(r);
          log(
            `${sizeName} ${op} ${system} c=${concurrency}: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ${r.rps} req/s` +
              (r.cpuMsPerRequest !== undefined ? `, API CPU ${r.cpuMsPerRequest} ms/req` : ''),
          );
        }
      }
    }
  } finally {
    clients.ours.close();
    peerClient.close();
    await ours.stop();
    await peer.stop();
    await floorPool.end();
  }

  // 3. addActionUpdate, each system from a fresh copy of the template.
  const updateInput = (i) => ({
    actionId: actionIds[(i * 7919) % actionIds.length],
    status: i % 5 === 0 ? 'COMPLETE' : 'IN_PROGRESS',
    rag: ['GREEN', 'AMBER', 'RED'][i % 3],
    progress: `Bench update ${i}`,
    reportedOn: today,
  });
  result.operations.addActionUpdate = {};
  {
    const url = await copyDatabase(adminUrl, tpl.name, `tl_bench_${sizeName.toLowerCase()}_mut_ours`);
    const api = await startOurs(url, { countSql: true });
    const c = new GraphQLClient(api.url, { token: api.token, sockets: 16 });
    try {
      const counts = [];
      for (let k = 0; k < 5; k++) {
        const r = await c.request(OURS_ADD_UPDATE, { input: updateInput(1_000_000 + k) });
        counts.push(Number(r.headers['x-sql-statements']));
      }
      result.statements.addActionUpdate = { ours: median(counts), oursSamples: counts, floor: 2, peer: null };
    } finally {
      c.close();
      await api.stop();
    }
    // Timing with the counter off, on the same (now 5 updates richer) copy.
    const api2 = await startOurs(url);
    const c2 = new GraphQLClient(api2.url, { token: api2.token, sockets: 16 });
    result.operations.addActionUpdate.ours = [];
    try {
      for (const concurrency of opts.levels) {
        const r = await runLoad((_w, i) => c2.request(OURS_ADD_UPDATE, { input: updateInput(i) }), {
          concurrency,
          ...timing,
        });
        result.operations.addActionUpdate.ours.push(r);
        log(
          `${sizeName} addActionUpdate ours c=${concurrency}: p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.rps} req/s`,
        );
      }
    } finally {
      c2.close();
      await api2.stop();
      await dropDatabase(adminUrl, `tl_bench_${sizeName.toLowerCase()}_mut_ours`);
    }
  }
  {
    const name = `tl_bench_${sizeName.toLowerCase()}_mut_floor`;
    const url = await copyDatabase(adminUrl, tpl.name, name);
    const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
    pool.on('error', () => {});
    result.operations.addActionUpdate.floor = [];
    try {
      for (const concurrency of opts.levels) {
        const r = await runLoad((_w, i) => floorAddUpdate(pool, updateInput(i)), { concurrency, ...timing });
        result.operations.addActionUpdate.floor.push(r);
        log(
          `${sizeName} addActionUpdate floor c=${concurrency}: p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.rps} req/s`,
        );
      }
    } finally {
      await pool.end();
      await dropDatabase(adminUrl, name);
    }
  }
  // 4. Closing a round against the roll-up, and a closed round's record against the list page
  //    (src/closing.js), on a copy of the template.
  {
    const name = `tl_bench_${sizeName.toLowerCase()}_closing`;
    const url = await copyDatabase(adminUrl, tpl.name, name);
    try {
      result.closing = await benchClosing(url, sizeName, tpl.meta, {
        today,
        blocks: opts.quick ? 1 : 4,
        log,
      });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  }
  await dropDatabase(adminUrl, readDb);
  await rounds();

  // 5. The board pack (issue 20): PDF and Word against the roll-up, each format on its own API process.
  {
    const name = `tl_bench_${sizeName.toLowerCase()}_pack`;
    const url = await copyDatabase(adminUrl, tpl.name, name);
    try {
      result.boardPack = await measureBoardPack(url, {
        label: sizeName,
        today,
        blocks: opts.quick ? 1 : 3,
        blockMs: opts.quick ? 500 : 1500,
        log,
      });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  }
  return result;
}

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);

/** Ratios per operation and level: ours/floor and ours/peer for p50, p95 and requests/s. */
export function ratios(result) {
  const rows = [];
  for (const [op, bySystem] of Object.entries(result.operations)) {
    bySystem.ours.forEach((o, k) => {
      const f = bySystem.floor?.[k];
      const p = bySystem.peer?.[k];
      rows.push({
        op,
        clients: o.concurrency,
        oursP50: o.p50,
        oursP95: o.p95,
        oursRps: o.rps,
        floorP50: f?.p50 ?? null,
        floorP95: f?.p95 ?? null,
        peerP50: p?.p50 ?? null,
        peerRps: p?.rps ?? null,
        p50VsFloor: ratio(o.p50, f?.p50),
        p95VsFloor: ratio(o.p95, f?.p95),
        p50VsPeer: ratio(o.p50, p?.p50),
        rpsVsPeer: ratio(o.rps, p?.rps),
      });
    });
  }
  return rows;
}

/** The issue's floors (checked on size L at 1 and 2 clients; reported for every size). */
export function floorChecks(result, allStatements) {
  const checks = [];
  const at = (op, system, c) => result.operations[op]?.[system]?.find((r) => r.concurrency === c);
  for (const c of [1, 2]) {
    const t = (op, sys) => at(op, sys, c);
    const add = (name, ok, detail) => checks.push({ clients: c, name, ok, detail });
    if (t('rollupToday', 'ours')) {
      add(
        'roll-up today p50 <= 1.5x floor',
        t('rollupToday', 'ours').p50 <= 1.5 * t('rollupToday', 'floor').p50,
        `${t('rollupToday', 'ours').p50} vs ${t('rollupToday', 'floor').p50} ms`,
      );
      add(
        'roll-up today p95 <= 2x floor',
        t('rollupToday', 'ours').p95 <= 2 * t('rollupToday', 'floor').p95,
        `${t('rollupToday', 'ours').p95} vs ${t('rollupToday', 'floor').p95} ms`,
      );
      add(
        'roll-up a year back p50 <= 1.5x floor',
        t('rollupYearBack', 'ours').p50 <= 1.5 * t('rollupYearBack', 'floor').p50,
        `${t('rollupYearBack', 'ours').p50} vs ${t('rollupYearBack', 'floor').p50} ms`,
      );
      add(
        'list page p95 <= 2x floor',
        t('groupActions', 'ours').p95 <= 2 * t('groupActions', 'floor').p95,
        `${t('groupActions', 'ours').p95} vs ${t('groupActions', 'floor').p95} ms`,
      );
      add(
        'list page req/s >= PostGraphile',
        t('groupActions', 'ours').rps >= t('groupActions', 'peer').rps,
        `${t('groupActions', 'ours').rps} vs ${t('groupActions', 'peer').rps} req/s`,
      );
      add(
        'addActionUpdate p50 <= 5x floor',
        t('addActionUpdate', 'ours').p50 <= 5 * t('addActionUpdate', 'floor').p50,
        `${t('addActionUpdate', 'ours').p50} vs ${t('addActionUpdate', 'floor').p50} ms`,
      );
    }
  }
  if (allStatements.length > 1) {
    for (const op of Object.keys(allStatements[0].statements)) {
      const seen = allStatements.map((s) => s.statements[op]?.ours);
      checks.push({
        clients: null,
        name: `statements per request the same at every size: ${op}`,
        ok: seen.every((n) => n === seen[0]),
        detail: allStatements.map((s, k) => `${s.size}=${seen[k]}`).join(' '),
      });
    }
  }
  return checks;
}

function printTable(rows) {
  const cols = [
    'op',
    'clients',
    'oursP50',
    'floorP50',
    'p50VsFloor',
    'oursP95',
    'floorP95',
    'p95VsFloor',
    'peerP50',
    'p50VsPeer',
    'oursRps',
    'peerRps',
    'rpsVsPeer',
  ];
  const cell = (v) => (v === null || v === undefined ? '-' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals) => vals.map((v, k) => v.padStart(widths[k])).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const adminUrl = withDatabase(base, 'postgres');
  const today = ukToday();
  if (opts.build) {
    log('building apps/api (tsc)');
    try {
      await execFileP('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: path.join(REPO, 'apps/api') });
    } catch (e) {
      // Emitted JavaScript is still written on type errors; say so and carry on with it.
      log(
        `apps/api build reported errors (continuing with the emitted dist): ${String(e.stdout).slice(0, 400)}`,
      );
    }
  }
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const info = await machine(adminUrl);
  log(
    `machine: ${info.nproc} cores, ${info.memoryGiB} GiB, ${info.postgres.split(' on ')[0]}, API node ${info.nodeForApi}, peer node ${info.nodeForPeer}, bench node ${info.nodeForBench}`,
  );
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const results = [];
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  for (const sizeName of opts.sizes) {
    const t0 = performance.now();
    const r = await benchSize(sizeName, { adminUrl, opts, today });
    r.seconds = Math.round((performance.now() - t0) / 100) / 10;
    r.ratios = ratios(r);
    r.checks = [...floorChecks(r, []), ...roundChecks(r.rounds)];
    results.push(r);
    fs.writeFileSync(
      path.join(REPO, `bench/results/${opts.only ? `${opts.only}-` : ''}${sizeName}-${stamp}.json`),
      JSON.stringify(
        {
          command,
          started: started.toISOString(),
          machine: info,
          poolSize: POOL_SIZE,
          quick: opts.quick,
          ...r,
        },
        null,
        2,
      ),
    );
    console.log(
      `\n== size ${sizeName} (${r.counts.action} actions, ${r.counts.action_update} updates) in ${r.seconds} s; ratios ours/floor and ours/peer`,
    );
    printTable(r.ratios);
    console.log(
      `statements per request: ${JSON.stringify(r.statements, (k, v) => (k === 'oursSamples' ? undefined : v))}`,
    );
  }
  const statementCheck = floorChecks({ operations: {} }, results);
  const summary = {
    command,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    machine: info,
    poolSize: POOL_SIZE,
    quick: opts.quick,
    sizes: results,
    statementCheck,
  };
  // A run of one scenario (--only) leaves the last whole run's summary in place.
  if (!opts.only) {
    fs.writeFileSync(path.join(REPO, 'bench/results/latest.json'), JSON.stringify(summary, null, 2));
  }
  console.log('\n== floors (issue 10: size L at 1 and 2 clients)');
  for (const r of results) {
    for (const c of r.checks)
      console.log(`${c.ok ? 'ok  ' : 'MISS'} ${r.size} c=${c.clients} ${c.name}: ${c.detail}`);
    for (const c of r.closing?.checks ?? [])
      console.log(`${c.ok ? 'ok  ' : 'MISS'} ${r.size} ${c.name}: ${c.detail}`);
  }
  for (const c of statementCheck) console.log(`${c.ok ? 'ok  ' : 'MISS'} ${c.name}: ${c.detail}`);
  console.log('\n== board pack (issue 20: the PDF within 20x the roll-up at size M; memory bounded)');
  for (const r of results) {
    const p = r.boardPack;
    if (!p) continue;
    console.log(
      `${p.pdfWithin20x ? 'ok  ' : 'MISS'} ${r.size} PDF ${p.pdf.p50Ms} ms = ${p.pdf.overRollup}x the roll-up ` +
        `(${p.pdf.rollupP50Ms} ms), peak RSS ${Math.round(p.pdf.memoryMb.peakRssDuring)} MB; Word ${p.docx.p50Ms} ms = ` +
        `${p.docx.overRollup}x, peak RSS ${Math.round(p.docx.memoryMb.peakRssDuring)} MB`,
    );
  }
  log(
    opts.only
      ? `results: bench/results/${opts.only}-<size>-${stamp}.json`
      : `results: bench/results/latest.json and bench/results/<size>-${stamp}.json`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(`[bench] FAILED: ${e.stack ?? e}`);
    process.exit(1);
  });
}
