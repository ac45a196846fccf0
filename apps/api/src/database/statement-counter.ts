import type { RequestHandler } from 'express';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { requestContext, type RequestStore } from '../logging/request-context';

/**
 * Opt-in (THROUGHLINE_COUNT_SQL=1, off by default): counts the SQL statements each HTTP request sends
 * through TypeORM and reports the count in an `x-sql-statements` response header. The benchmark
 * (bench/) uses it for "statements per request" because pg_stat_statements needs a server restart.
 * Transaction control (START TRANSACTION, COMMIT, ROLLBACK) is not counted.
 */
export function countSqlEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.THROUGHLINE_COUNT_SQL === '1';
}

const counts = new WeakMap<RequestStore, { n: number }>();
const CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)/i;

export class RequestStatementCounter implements TypeOrmLogger {
  logQuery(query: string) {
    if (CONTROL.test(query)) return;
    const store = requestContext.getStore();
    const c = store && counts.get(store);
    if (c) c.n++;
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

/** The TypeORM logger to use: the counter when enabled, otherwise none. */
export function statementCounterLogger(): TypeOrmLogger | undefined {
  return countSqlEnabled() ? new RequestStatementCounter() : undefined;
}

/** Express middleware (mounted inside the request context): sets x-sql-statements as headers go out. */
export const sqlStatementHeader: RequestHandler = (_req, res, next) => {
  const store = requestContext.getStore();
  if (store) {
    const c = { n: 0 };
    counts.set(store, c);
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
      if (!res.headersSent) res.setHeader('x-sql-statements', String(c.n));
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
  }
  next();
};
