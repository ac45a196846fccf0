import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { fastPathsOn } from '../fast-paths';

const MAX_NAMES = 256;
const names = new Map<string, string>();

/**
 * Runs one of the statements every list page sends as a named prepared statement, so PostgreSQL parses
 * and plans it once per connection instead of on every request (the list page's statement: planning
 * was about a tenth of its time; docs/performance.md). The name is a hash of the text, so each shape of
 * the statement (one per selection) gets its own; past MAX_NAMES shapes, statements run unnamed so
 * that no connection accumulates plans without bound. The statement goes to TypeORM's logger like any
 * other (the statement counters of the tests and of the bench see it). A fast path (src/fast-paths.ts):
 * it uses TypeORM's private pg pool.
 */
export async function queryPrepared<T = Record<string, unknown>>(
  ds: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  // Fast paths off (src/fast-paths.ts): TypeORM's public query, parsed and planned every time.
  if (!fastPathsOn(ds)) return ds.query<T[]>(text, values);
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    name = `tl_${createHash('sha1').update(text).digest('hex')}`;
    names.set(text, name);
  }
  ds.logger.logQuery(text, values);
  const pool = (ds.driver as PostgresDriver).master as Pool;
  const result = await pool.query<T & Record<string, unknown>>(
    name ? { name, text, values } : { text, values },
  );
  return result.rows;
}
