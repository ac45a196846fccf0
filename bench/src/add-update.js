// addActionUpdate (step 3 of a size): our API and the SQL floor, each on a fresh copy of the template;
// statements per request with our API's counter on, then timing at each concurrency level.
import pg from 'pg';
import { copyDatabase, dropDatabase } from './db.js';
import { floorAddUpdate } from './floor.js';
import { GraphQLClient } from './http.js';
import { log } from './log.js';
import { OURS_ADD_UPDATE } from './queries.js';
import { median, runLoad } from './stats.js';
import { POOL_SIZE, startOurs } from './systems.js';

/**
 * The bench's i-th update: an action spread over the plan, one in five COMPLETE, RAGs in turn, today.
 * @param {string[]} actionIds @param {string} today @param {number} i
 */
export const benchUpdateInput = (actionIds, today, i) => ({
  actionId: actionIds[(i * 7919) % actionIds.length],
  status: i % 5 === 0 ? 'COMPLETE' : 'IN_PROGRESS',
  rag: ['GREEN', 'AMBER', 'RED'][i % 3],
  progress: `Bench update ${i}`,
  reportedOn: today,
});

/** Fills result.statements.addActionUpdate and result.operations.addActionUpdate. */
export async function benchAddUpdate(sizeName, { adminUrl, tpl, today, opts, timing, result }) {
  const { actionIds } = tpl.meta;
  const updateInput = (i) => benchUpdateInput(actionIds, today, i);
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
}
