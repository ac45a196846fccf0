import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api');

/**
 * SQL on the app's database, for seeding what no API of this branch creates yet (a reporting round).
 * pg is the API's dependency; borrowed from there as global-setup does. Empty when the app runs on
 * the embedded server (no TEST_DATABASE_URL).
 */
export const databaseUrl = inject('databaseUrl');

export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const require = createRequire(path.join(apiDir, 'package.json'));
  const pg = require('pg') as typeof import('pg');
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}
