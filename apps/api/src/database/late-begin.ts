import pg, { type Connection, type QueryConfig, type QueryResult } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { fastPathsOn } from '../fast-paths';

/*
 * A transaction whose BEGIN travels with its first statement (fast path 4, src/fast-paths.ts): one
 * write to the socket and one round trip fewer for a short write whose first statement is a named
 * prepared one (addActionUpdate: BEGIN, lock, write, COMMIT were four round trips; docs/performance.md,
 * session 9). PostgreSQL runs the messages of one Sync in order: the BEGIN's Parse/Bind/Execute first,
 * then the statement's, so the statement runs in the transaction exactly as if BEGIN had been sent
 * alone before it (an error in the statement leaves the transaction aborted, rolled back as ever).
 */

/** Transactions started by transactionBegunLate whose BEGIN has not been sent yet. */
const unsent = new WeakSet<QueryRunner>();

/**
 * `work` in a transaction, as DataSource.transaction runs it (TypeORM's own start, commit, rollback,
 * events), except that TypeORM's START TRANSACTION is held back: the transaction's first statement sent
 * by queryPreparedIn (database/prepared.ts) carries it; any other first statement is preceded by it as
 * usual. A transaction that ends before any statement sends neither BEGIN nor its COMMIT/ROLLBACK.
 * Fast paths off: DataSource.transaction.
 */
export async function transactionBegunLate<T>(
  ds: DataSource,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  if (!fastPathsOn(ds)) return ds.transaction(work);
  const runner = ds.createQueryRunner();
  const query = runner.query.bind(runner) as (text: string, ...rest: unknown[]) => Promise<unknown>;
  let started = false;
  runner.query = (async (text: string, ...rest: unknown[]) => {
    if (!started && text === 'START TRANSACTION') {
      started = true;
      unsent.add(runner);
      return undefined; // startTransaction ignores the result
    }
    if (unsent.delete(runner)) {
      // Nothing was sent: there is nothing to end.
      if (text === 'COMMIT' || text === 'ROLLBACK') return undefined;
      await query('START TRANSACTION');
    }
    return query(text, ...rest);
  }) as QueryRunner['query'];
  try {
    return await runner.manager.transaction(work);
  } finally {
    await runner.release();
  }
}

/** Whether the transaction's BEGIN is still to be sent; if so it is now the caller's to send. */
export function takeUnsentBegin(runner: QueryRunner): boolean {
  return unsent.delete(runner);
}

/** pg's Query with the two of its internals that a query preceded by BEGIN overrides. */
interface QueryInternals {
  prepare(connection: Connection): void;
  handleCommandComplete(msg: { command?: string }, connection: Connection): void;
}
const PgQuery = pg.Query as unknown as new (
  config: QueryConfig,
  values: undefined,
  callback: (err: Error | undefined, result: QueryResult) => void,
) => pg.Query & QueryInternals;

/**
 * A named (or parameterised) query sent after BEGIN in the same batch: BEGIN's Parse, Bind and Execute
 * written ahead of the query's own messages, in the cork pg's Query.submit puts around them, before the
 * one Sync. BEGIN's CommandComplete is not the query's: it is skipped, so the query's result is as usual.
 */
class QueryAfterBegin extends PgQuery {
  private begun = false;

  override prepare(connection: Connection): void {
    const c = connection as Connection & {
      parse(q: { text: string; name?: string }): void;
      bind(config: { portal?: string; statement?: string; values?: unknown[] }): void;
      execute(config: { portal?: string; rows?: number }): void;
    };
    c.parse({ text: 'BEGIN', name: '' });
    c.bind({ portal: '', statement: '', values: [] });
    c.execute({ portal: '', rows: 0 });
    super.prepare(connection);
  }

  override handleCommandComplete(msg: { command?: string }, connection: Connection): void {
    if (!this.begun) {
      this.begun = true;
      return;
    }
    super.handleCommandComplete(msg, connection);
  }
}

/** Sends BEGIN and the query as one batch (the extended protocol, which the query then always takes). */
export function queryAfterBegin(client: pg.PoolClient, config: QueryConfig): Promise<QueryResult> {
  return new Promise((resolve, reject) => {
    const extended = { ...config, queryMode: 'extended' } as QueryConfig;
    const query = new QueryAfterBegin(extended, undefined, (err, result) =>
      err ? reject(err) : resolve(result),
    );
    client.query(query);
  });
}
