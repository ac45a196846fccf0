import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryFailedError, type DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { StatementCounter } from '../../test/support/test-app';
import { createDataSource } from './data-source';
import { queryPrepared, queryPreparedIn } from './prepared';

describe('queryPrepared', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const counter = new StatementCounter();
  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection, so that the session that prepared the statement is the one asked about it.
    ds = createDataSource({ url: db.url, poolSize: 1, logger: counter });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('prepares each statement once per connection, under a name derived from its text', async () => {
    const text = 'SELECT $1::int + $2::int AS sum';
    expect(await queryPrepared(ds, text, [1, 2])).toEqual([{ sum: 3 }]);
    expect(await queryPrepared(ds, text, [40, 2])).toEqual([{ sum: 42 }]);
    const prepared: Array<{ name: string; statement: string }> = await ds.query(
      'SELECT name, statement FROM pg_prepared_statements',
    );
    expect(prepared).toEqual([{ name: expect.stringMatching(/^tl_[0-9a-f]{40}$/), statement: text }]);
    const other = 'SELECT $1::int * 2 AS twice';
    expect(await queryPrepared(ds, other, [21])).toEqual([{ twice: 42 }]);
    expect((await ds.query('SELECT count(*)::int AS n FROM pg_prepared_statements'))[0].n).toBe(2);
  });

  it('goes to the statement logger like any other statement', async () => {
    counter.reset();
    await queryPrepared(ds, 'SELECT 1 AS one', []);
    expect(counter.statements).toEqual(['SELECT 1 AS one']);
  });

  it("in a transaction: named on the transaction's own connection, logged, failures as TypeORM's", async () => {
    const text = 'SELECT $1::int - 1 AS less, txid_current_if_assigned() IS NOT NULL AS writing';
    const seen = await ds.transaction(async (tx) => {
      await tx.query('CREATE TEMP TABLE prepared_probe (n int) ON COMMIT DROP');
      await tx.query('INSERT INTO prepared_probe VALUES (1)');
      counter.reset();
      const [row] = await queryPreparedIn(tx, text, [43]);
      const [probe] = await queryPreparedIn(tx, 'SELECT count(*)::int AS n FROM prepared_probe', []);
      const names: Array<{ statement: string }> = await tx.query(
        'SELECT statement FROM pg_prepared_statements WHERE statement = $1',
        [text],
      );
      const failure = await queryPreparedIn(tx, 'SELECT 1 / $1::int AS x', [0]).catch((e: unknown) => e);
      return { row, probe, names, failure };
    });
    // The temporary table and the transaction's write are seen: the transaction's connection.
    expect(seen.row).toEqual({ less: 42, writing: true });
    expect(seen.probe).toEqual({ n: 1 });
    expect(seen.names).toHaveLength(1);
    expect(seen.failure).toBeInstanceOf(QueryFailedError);
    expect((seen.failure as QueryFailedError).driverError).toMatchObject({ code: '22012' });
    expect(counter.statements.slice(0, 2)).toEqual([text, 'SELECT count(*)::int AS n FROM prepared_probe']);
  });
});
