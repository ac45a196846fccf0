// addActionUpdate as the bench times it (src/add-update.js): per round and build, a fresh copy of the
// template, a freshly started API, 1 s warm-up and 3 s timed at 1 client, then the floor on the same
// database; the builds' order turns each round. Prints each round's p50s and the medians.
// Usage: TPL=<template database> node bench/tools/add-update-fresh.mjs [rounds] \
//   '[{"name":"new"},{"name":"old","main":"/wt/old/apps/api/dist/main.js","nodeArgs":["--flag"]}]'
import pg from 'pg';
import { benchUpdateInput } from '../src/add-update.js';
import { copyDatabase, dropDatabase } from '../src/db.js';
import { floorAddUpdate } from '../src/floor.js';
import { GraphQLClient } from '../src/http.js';
import { ukToday } from '../src/machine.js';
import { OURS_ADD_UPDATE } from '../src/queries.js';
import { runLoad } from '../src/stats.js';
import { startOurs } from '../src/systems.js';
const admin = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const tpl = process.env.TPL;
const rounds = Number(process.argv[2] ?? 3);
const builds = JSON.parse(process.argv[3]);
const today = ukToday();
const timing = { warmupMs: 1000, durationMs: 3000, minRequests: 20 };
const out = Object.fromEntries(builds.map((b) => [b.name, { ours: [], floor: [] }]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...builds].reverse() : builds;
  for (const b of order) {
    const name = `tl_upd_fresh_${b.name}`;
    const url = await copyDatabase(admin, tpl, name);
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const actionIds = (await pool.query('SELECT id FROM action ORDER BY id')).rows.map((x) => x.id);
    const input = (i) => benchUpdateInput(actionIds, today, i);
    const api = await startOurs(url, {
      ...(b.main ? { main: b.main } : {}),
      ...(b.nodeArgs ? { nodeArgs: b.nodeArgs } : {}),
    });
    const c = new GraphQLClient(api.url, { token: api.token, sockets: 16 });
    try {
      const o = await runLoad((_w, i) => c.request(OURS_ADD_UPDATE, { input: input(i) }), {
        concurrency: 1,
        ...timing,
      });
      const f = await runLoad((_w, i) => floorAddUpdate(pool, input(i)), { concurrency: 1, ...timing });
      out[b.name].ours.push(o.p50);
      out[b.name].floor.push(f.p50);
      console.log(
        `round ${r} ${b.name}: ours p50 ${o.p50} floor p50 ${f.p50} ratio ${(o.p50 / f.p50).toFixed(2)}`,
      );
    } finally {
      c.close();
      await api.stop();
      await pool.end();
      await dropDatabase(admin, name);
    }
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const b of builds) {
  const { ours, floor } = out[b.name];
  console.log(
    `${b.name}: ours p50 median ${med(ours)} (${ours.join(' ')}); floor ${med(floor)}; ratio of medians ${(med(ours) / med(floor)).toFixed(2)}`,
  );
}
