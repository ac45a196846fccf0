// The scheduler's reminder pass over 300 partnerships with open rounds (issue 18): how many SQL
// statements it sends (constant whatever the number of groups and people) and how long it takes,
// for a first pass that records every due message and a second that finds them all recorded.
// Usage: node bench/tools/reminder-pass.mjs [partnerships=300] [groups per partnership: 4,16]
// (build the API first: cd apps/api && npx tsc -p tsconfig.build.json). DATABASE_URL: the server on
// which it creates and drops its own database (default postgres://postgres@127.0.0.1:5432/postgres).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../src/db.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const apiDist = path.resolve(here, '../../apps/api/dist');
const require = createRequire(path.join(apiDist, 'main.js'));
require('reflect-metadata');
const { createDataSource } = require(path.join(apiDist, 'database/data-source.js'));
const { runReminderPass } = require(path.join(apiDist, 'modules/notifications/reminder-pass.js'));

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const partnerships = Number(process.argv[2] ?? 300);
const groupCounts = (process.argv[3] ?? '4,16').split(',').map(Number);

/** Counts what TypeORM sends (transaction control aside), as the API's tests do. */
class Counter {
  count = 0;
  logQuery(q) {
    if (!/^\s*(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(q)) this.count++;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/**
 * `partnerships` partnerships, each with two strategic leads, one strategy and one OPEN round whose
 * returns were due 10 days ago (reminder windows and escalation of 7 days: every kind is due), and
 * `groups` groups with a chair, a coordinator and a member and a NOT_STARTED return each.
 */
async function seed(client, groups) {
  await client.query(`
    CREATE TEMP TABLE p AS SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${partnerships}) n;
    INSERT INTO partnership (id, name) SELECT id, 'Partnership ' || n FROM p;
    INSERT INTO app_user (partnership_id, email, name, password_hash, roles)
      SELECT p.id, 'lead' || k || '-' || p.n || '@bench.example', 'Lead ' || k, 'x', '{ADMIN}'
        FROM p CROSS JOIN generate_series(1, 2) k;
    CREATE TEMP TABLE s AS SELECT gen_random_uuid() AS id, p.id AS partnership_id FROM p;
    INSERT INTO strategy (id, partnership_id, title) SELECT id, partnership_id, 'Strategy' FROM s;
    CREATE TEMP TABLE r AS
      SELECT gen_random_uuid() AS id, s.partnership_id, s.id AS strategy_id,
             (SELECT id FROM app_user u WHERE u.partnership_id = s.partnership_id LIMIT 1) AS opened_by
        FROM s;
    INSERT INTO reporting_round (id, partnership_id, strategy_id, title, period_end, returns_due_on, opened_by_id)
      SELECT id, partnership_id, strategy_id, 'Quarter', current_date - 30, current_date - 10, opened_by FROM r;
    CREATE TEMP TABLE g AS
      SELECT gen_random_uuid() AS id, r.partnership_id, r.id AS round_id, k
        FROM r CROSS JOIN generate_series(1, ${groups}) k;
    INSERT INTO operational_group (id, partnership_id, name) SELECT id, partnership_id, 'Group ' || k FROM g;
    INSERT INTO group_return (partnership_id, round_id, group_id) SELECT partnership_id, round_id, id FROM g;
    CREATE TEMP TABLE m AS
      SELECT gen_random_uuid() AS user_id, g.id AS group_id, g.partnership_id, role
        FROM g CROSS JOIN (VALUES ('CHAIR'), ('COORDINATOR'), ('MEMBER')) x(role);
    INSERT INTO app_user (id, partnership_id, email, name, password_hash)
      SELECT user_id, partnership_id, user_id || '@bench.example', 'Person', 'x' FROM m;
    INSERT INTO membership (group_id, user_id, role) SELECT group_id, user_id, role FROM m;
    ANALYZE;
  `);
}

const results = [];
for (const groups of groupCounts) {
  const name = `tl_bench_reminders_${process.pid}_${groups}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    await migrate(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await seed(client, groups);
    await client.end();
    const counter = new Counter();
    const ds = createDataSource({ url, poolSize: 2, logger: counter });
    await ds.initialize();
    try {
      const pass = async () => {
        counter.count = 0;
        const t0 = process.hrtime.bigint();
        const recorded = (await runReminderPass(ds)).length;
        return { recorded, statements: counter.count, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
      };
      const first = await pass();
      const second = await pass();
      const row = { partnerships, groupsPerPartnership: groups, first, second };
      results.push(row);
      console.log(
        `${partnerships} partnerships x ${groups} groups: first pass ${first.recorded} messages, ` +
          `${first.statements} statement(s), ${first.ms.toFixed(0)} ms; second pass ${second.recorded} messages, ` +
          `${second.statements} statement(s), ${second.ms.toFixed(0)} ms`,
      );
    } finally {
      await ds.destroy();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
const constant = new Set(results.flatMap((r) => [r.first.statements, r.second.statements])).size === 1;
console.log(constant ? 'statement count: constant' : 'statement count: NOT constant');
const out = path.resolve(
  here,
  `../results/reminder-pass-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), results, constant }, null, 2));
console.log(`written ${path.relative(process.cwd(), out)}`);
if (!constant) process.exit(1);
