// Databases of the benchmark: one template per size (migrated with the API's own migrations, then
// filled by the generator), copied with CREATE DATABASE ... TEMPLATE for each run that writes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { buildDataset, datasetCounts, GENERATOR_VERSION, loadDataset } from './generate.js';

const run = promisify(execFile);
export const REPO = path.resolve(
  import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
  '../..',
);

// Dates as 'YYYY-MM-DD' strings, counts as numbers: the same parsing the API uses.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function withDatabase(url, db) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function adminQuery(adminUrl, sql, params) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

export async function dropDatabase(adminUrl, name) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export async function copyDatabase(adminUrl, template, name) {
  await dropDatabase(adminUrl, name);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return withDatabase(adminUrl, name);
}

/** How many migrations the compiled API carries: part of the template's name, so new ones rebuild it. */
async function migrationCount() {
  const { migrations } = await import(path.join(REPO, 'apps/api/dist/database/migrations/index.js'));
  return migrations.length;
}

export async function migrate(url) {
  const { API_NODE } = await import('./systems.js');
  await run(API_NODE, [path.join(REPO, 'apps/api/dist/database/migrate-cli.js')], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
  });
}

/**
 * The template database for a size: reused when one with the same name (size, seed, date, generator
 * version, migrations) exists, otherwise built: migrate, generate, load, VACUUM ANALYZE.
 */
export async function ensureTemplate(adminUrl, sizeName, size, { seed, today, log }) {
  const name = `tl_bench_tpl_${sizeName.toLowerCase()}_${seed}_${today.replace(/-/g, '')}_g${GENERATOR_VERSION}m${await migrationCount()}`;
  const dataset = buildDataset(size, { seed, today });
  const exists = await adminQuery(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount) {
    log(`template ${name} exists: reused`);
    return { name, meta: dataset.meta, counts: datasetCounts(dataset), built: false };
  }
  // Older templates of this size (other dates) are dropped. Today's with other generator versions or
  // migrations are kept: worktrees benchmarked side by side each use their own, and dropping another's
  // template (WITH FORCE) breaks its run.
  const old = await adminQuery(
    adminUrl,
    'SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname NOT LIKE $2',
    [
      `tl_bench_tpl_${sizeName.toLowerCase()}_%`,
      `tl_bench_tpl_${sizeName.toLowerCase()}_${seed}_${today.replace(/-/g, '')}_%`,
    ],
  );
  for (const row of old.rows) {
    await adminQuery(adminUrl, `ALTER DATABASE "${row.datname}" IS_TEMPLATE false`);
    await dropDatabase(adminUrl, row.datname);
  }
  const building = `${name}_building`;
  await dropDatabase(adminUrl, building);
  await adminQuery(adminUrl, `CREATE DATABASE "${building}"`);
  const url = withDatabase(adminUrl, building);
  const t0 = performance.now();
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await loadDataset(client, dataset);
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
  await adminQuery(adminUrl, `ALTER DATABASE "${building}" RENAME TO "${name}"`);
  await adminQuery(adminUrl, `ALTER DATABASE "${name}" IS_TEMPLATE true`);
  log(`template ${name} built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { name, meta: dataset.meta, counts: datasetCounts(dataset), built: true };
}
