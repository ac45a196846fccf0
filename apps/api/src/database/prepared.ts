import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
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
  const name = nameOf(text);
  ds.logger.logQuery(text, values);
  const pool = (ds.driver as PostgresDriver).master as Pool;
  const result = await pool.query<T & Record<string, unknown>>(
    name ? { name, text, values } : { text, values },
  );
  return result.rows;
}

/** The statement's name (a hash of its text), or undefined past MAX_NAMES shapes. */
function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    name = `tl_${createHash('sha1').update(text).digest('hex')}`;
    names.set(text, name);
  }
  return name;
}

/**
 * queryPrepared inside a transaction: the statement as a named prepared statement on the transaction's
 * own connection (TypeORM's private pg client of the query runner), for a write every request of a
 * kind sends (addActionUpdate's lock and write: parsing and planning were about half of their
 * PostgreSQL time; docs/performance.md, session 8). As TypeORM's own `query` does, the statement goes
 * to the logger and a failure is thrown as its QueryFailedError (the driver's error as `driverError`).
 * Fast paths off (src/fast-paths.ts), or a manager outside a transaction: the manager's `query`.
 */
export async function queryPreparedIn<T = Record<string, unknown>>(
  tx: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = tx.queryRunner as PostgresQueryRunner | undefined;
  if (!runner?.isTransactionActive || !fastPathsOn(tx.connection)) return tx.query(text, values);
  const client = (await runner.connect()) as PoolClient;
  const name = nameOf(text);
  const logger = tx.connection.logger;
  logger.logQuery(text, values, runner);
  try {
    const result = await client.query<T & Record<string, unknown>>(
      name ? { name, text, values } : { text, values },
    );
    return result.rows;
  } catch (err) {
    logger.logQueryError(err as Error, text, values, runner);
    throw new QueryFailedError(text, values, err as Error);
  }
}
