import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs one statement and hands each row to `onRow` as it arrives (an array of the columns' values, as
 * pg's type parsers give them), before the statement has finished: the caller's work on the rows runs
 * while PostgreSQL is still computing the next ones, on the machine's other core, rather than after
 * (docs/decisions/0018-what-changed.md, "Lines written as the rows arrive"). No row is kept here.
 *
 * On `db`'s own connection when it is an EntityManager in a transaction (the rows it sees), else on a
 * connection of the DataSource's pool, through TypeORM's public QueryRunner and pg's public Query
 * events. The statement goes to TypeORM's logger like any other (the statement counters see it).
 * An error thrown by `onRow` stops nothing mid-protocol: the rows still drain, and the promise rejects
 * with the first such error once the statement has ended.
 */
export async function forEachRow(
  db: DataSource | EntityManager,
  text: string,
  values: unknown[],
  onRow: (row: unknown[]) => void,
): Promise<void> {
  const manager = 'manager' in db ? db.manager : db;
  const own = manager.queryRunner && !manager.queryRunner.isReleased ? manager.queryRunner : null;
  const runner = own ?? manager.connection.createQueryRunner();
  manager.connection.logger.logQuery(text, values, runner);
  try {
    const client = (await runner.connect()) as pg.ClientBase;
    let failed: unknown = null;
    await new Promise<void>((resolve, reject) => {
      const config: pg.QueryArrayConfig = { text, values, rowMode: 'array' };
      const query = new pg.Query(config as pg.QueryConfig);
      query.on('row', (row: unknown[]) => {
        if (failed !== null) return;
        try {
          onRow(row);
        } catch (e) {
          failed = e;
        }
      });
      query.on('error', reject);
      query.on('end', () => (failed !== null ? reject(failed) : resolve()));
      void client.query(query);
    });
  } finally {
    if (!own) await runner.release();
  }
}
