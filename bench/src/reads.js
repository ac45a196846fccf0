// Reads (steps 1 and 2 of a size): the roll-up today, a year back and the list page, on a copy of the
// template. First the same answers from every system and statements per request, then each system's
// latency and throughput at each concurrency level, interleaved.
import pg from 'pg';
import { adminQuery, copyDatabase } from './db.js';
import { LIST_SQL, rollupSql } from './floor.js';
import { getJson, GraphQLClient } from './http.js';
import { log } from './log.js';
import { canonicalJson, firstDifference, normalise } from './normalise.js';
import { peerSetupSql } from './peer/setup.js';
import { canonical, OURS_LIST, OURS_ROLLUP, PEER_LIST, PEER_ROLLUP } from './queries.js';
import { median, processCpuMs, runInterleaved } from './stats.js';
import { POOL_SIZE, startOurs, startPeer } from './systems.js';

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

/**
 * Fills result.statements and result.operations for the three reads. Returns the read copy's name: the
 * caller drops it once the later steps are done.
 */
export async function benchReads(sizeName, { adminUrl, tpl, today, yearBack, opts, timing, result }) {
  const { strategyId, groupIds } = tpl.meta;
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
  return readDb;
}
