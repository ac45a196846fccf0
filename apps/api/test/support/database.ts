import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh database with every migration applied (a copy of the template made in global setup). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tl_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  return {
    name,
    url: withDatabase(inject('pgAdminUrl'), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * An empty database (no migrations), for migration tests; `options` are CREATE DATABASE's (a template,
 * a collation).
 */
export async function createEmptyDatabase(options = ''): Promise<TestDatabase> {
  const name = `tl_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} ${options}`);
  return {
    name,
    url: withDatabase(inject('pgAdminUrl'), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
