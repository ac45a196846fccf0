import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { StatementCounter } from '../../test/support/test-app';
import { createDataSource } from './data-source';
import { queryPrepared } from './prepared';

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
});
