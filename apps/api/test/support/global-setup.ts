import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { createDataSource } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL to the server's maintenance database, for CREATE/DROP DATABASE. */
    pgAdminUrl: string;
    /** A database with every migration applied, copied for each test file. */
    templateDatabase: string;
  }
}

let embedded: EmbeddedDatabase | null = null;
let tmpDir: string | null = null;

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * Tests run against real PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when set, otherwise an
 * embedded server in a temporary folder. Migrations are applied once, to a template database;
 * each test file then gets its own copy (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  let base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!base) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-test-pg-'));
    // When we are root the server runs as a dedicated user, which must be able to enter the folder.
    fs.chmodSync(tmpDir, 0o755);
    embedded = await startEmbeddedPostgres(tmpDir, { port: 0 });
    base = embedded.url;
  }
  const adminUrl = withDatabase(base, 'postgres');
  const template = `tl_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const ds = createDataSource({ url: withDatabase(base, template), poolSize: 1 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    // Databases a crashed file left behind.
    const leftovers = await c.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tl_t_${process.pid}_%'`,
    );
    for (const r of leftovers.rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await c.end();
    if (embedded) await embedded.stop();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
}
