import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Anything statements can be sent to: a DataSource, an EntityManager, a pg client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** How many more connections the pool would hand out now without anyone waiting. */
function freeConnections(pool: Pool): number {
  const max = pool.options.max ?? 10;
  return Math.max(0, pool.idleCount + (max - pool.totalCount) - pool.waitingCount);
}

/**
 * Runs independent statements side by side without ever waiting for the pool while holding `own`
 * (a transaction's connection): `own` takes the tasks one after another, and each connection of
 * `spare`'s pool that is free right now takes tasks too, from the same queue, until none are left. A
 * connection that arrives late finds the queue empty and goes straight back. So a caller holding a
 * connection (closeReportingRound, after the round's lock) always finishes, however many others do the
 * same with every connection of the pool held: they then simply run alone on their own.
 * Results are in the order of `tasks`.
 */
export async function inLanes<T extends unknown[]>(
  own: Queryable,
  spare: DataSource | null,
  tasks: { [K in keyof T]: (db: Queryable) => Promise<T[K]> },
): Promise<T> {
  const results = new Array(tasks.length) as T;
  let next = 0;
  const drain = async (db: Queryable) => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i](db);
    }
  };
  const lanes: Array<Promise<void>> = [drain(own)];
  const pool = spare ? ((spare.driver as PostgresDriver).master as Pool | undefined) : undefined;
  const extra = pool ? Math.min(tasks.length - 1, freeConnections(pool)) : 0;
  for (let n = 0; n < extra; n++) {
    lanes.push(
      pool!.connect().then(
        async (client: PoolClient) => {
          try {
            await drain({
              query: async (sql, params) => {
                spare!.logger.logQuery(sql, params);
                return (await client.query(sql, params)).rows;
              },
            });
          } finally {
            client.release();
          }
        },
        // No spare connection after all: `own` does the work.
        () => undefined,
      ),
    );
  }
  await Promise.all(lanes);
  return results;
}
