import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `COPY (query) TO STDOUT` and hands the rows' text (COPY's text format: tab between columns,
 * newline after each row, NULL as \N, backslash escapes) to `onData` in chunks as they arrive, before
 * the statement has finished: the caller's work on them runs while PostgreSQL is still computing the
 * next rows, on the machine's other core, and no value becomes a JavaScript string unless the caller
 * makes it one (docs/decisions/0018-what-changed.md, "Lines written as the rows arrive"). A chunk may
 * end inside a row. COPY takes no parameters: `text` carries its values as literals.
 *
 * On `db`'s own connection when it is an EntityManager in a transaction (the rows it sees), else on a
 * connection of the DataSource's pool, through TypeORM's public QueryRunner and pg-copy-streams. The
 * statement goes to TypeORM's logger like any other (the statement counters see it). An error thrown by
 * `onData` does not stop the copy mid-protocol: the rest is read, and the promise rejects with the
 * first such error once the copy has ended.
 */
export async function copyOut(
  db: DataSource | EntityManager,
  text: string,
  onData: (chunk: Buffer) => void,
): Promise<void> {
  const manager = 'manager' in db ? db.manager : db;
  const own = manager.queryRunner && !manager.queryRunner.isReleased ? manager.queryRunner : null;
  const runner = own ?? manager.connection.createQueryRunner();
  manager.connection.logger.logQuery(text, [], runner);
  try {
    const client = (await runner.connect()) as pg.ClientBase;
    let failed: unknown = null;
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyTo(text));
      stream.on('data', (chunk: Buffer) => {
        if (failed !== null) return;
        try {
          onData(chunk);
        } catch (e) {
          failed = e;
        }
      });
      stream.on('error', reject);
      stream.on('end', () => (failed !== null ? reject(failed) : resolve()));
    });
  } finally {
    if (!own) await runner.release();
  }
}
