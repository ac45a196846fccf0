import type { Pool, PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { setFastPaths } from '../fast-paths';
import { createDataSource } from './data-source';
import { transactionBegunLate } from './late-begin';
import { queryPreparedIn } from './prepared';

describe('transactionBegunLate', () => {
  let db: TestDatabase;
  let ds: DataSource;
  // Round trips: each batch of messages PostgreSQL answers ends with one ReadyForQuery.
  let roundTrips = 0;
  const counted = new WeakSet<PoolClient>();
  const rows = async () =>
    (await ds.query('SELECT n FROM late_probe ORDER BY n')).map((r: { n: number }) => r.n);
  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection: a transaction left open or aborted would show in the next test's statements.
    ds = createDataSource({ url: db.url, poolSize: 1 });
    await ds.initialize();
    ((ds.driver as PostgresDriver).master as Pool).on('acquire', (client) => {
      if (counted.has(client)) return;
      counted.add(client);
      (client as PoolClient & { connection: NodeJS.EventEmitter }).connection.on('readyForQuery', () => {
        roundTrips++;
      });
    });
    await ds.query('CREATE TABLE late_probe (n int PRIMARY KEY)');
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const insert = 'INSERT INTO late_probe VALUES ($1) RETURNING n, txid_current() AS xid';
  const xid = 'SELECT txid_current_if_assigned() AS xid';

  it('sends BEGIN with the first prepared statement: the statements after it are in the same transaction', async () => {
    await ds.query('TRUNCATE late_probe');
    roundTrips = 0;
    await transactionBegunLate(ds, (tx) => queryPreparedIn(tx, insert, [0]));
    // BEGIN with the INSERT, then COMMIT (DataSource.transaction: BEGIN, INSERT, COMMIT).
    expect(roundTrips).toBe(2);
    await ds.query('DELETE FROM late_probe');
    const seen = await transactionBegunLate(ds, async (tx) => {
      const [first] = await queryPreparedIn<{ n: number; xid: string }>(tx, insert, [1]);
      const [second] = await queryPreparedIn<{ n: number; xid: string }>(tx, insert, [2]);
      const [status]: Array<{ xid: string }> = await tx.query(xid);
      return { first, second, status };
    });
    expect(seen.first).toEqual({ n: 1, xid: seen.second.xid });
    expect(seen.status.xid).toBe(seen.first.xid);
    expect(await rows()).toEqual([1, 2]);
  });

  it('rolls back a failure after the first statement, and one in the first statement itself', async () => {
    await ds.query('TRUNCATE late_probe');
    const late = await transactionBegunLate(ds, async (tx) => {
      await queryPreparedIn(tx, insert, [1]);
      throw new Error('refused');
    }).catch((e: Error) => e.message);
    expect(late).toBe('refused');
    const first = await transactionBegunLate(ds, async (tx) => {
      await queryPreparedIn(tx, 'SELECT 1 / $1::int AS x', [0]);
    }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(QueryFailedError);
    expect((first as QueryFailedError).driverError).toMatchObject({ code: '22012' });
    expect(await rows()).toEqual([]);
    // The connection is back outside any transaction.
    expect(await ds.query(xid)).toEqual([{ xid: null }]);
    await ds.query('INSERT INTO late_probe VALUES (3)');
    expect(await rows()).toEqual([3]);
  });

  it('a first statement of another kind is preceded by BEGIN; a transaction without statements sends none', async () => {
    await ds.query('TRUNCATE late_probe');
    const seen = await transactionBegunLate(ds, async (tx) => {
      await tx.query('INSERT INTO late_probe VALUES (1)');
      const [row] = await queryPreparedIn<{ xid: string }>(tx, insert, [2]);
      const [status]: Array<{ xid: string }> = await tx.query(xid);
      return row.xid === status.xid;
    });
    expect(seen).toBe(true);
    const rolledBack = await transactionBegunLate(ds, async (tx) => {
      await tx.query('INSERT INTO late_probe VALUES (3)');
      throw new Error('refused');
    }).catch((e: Error) => e.message);
    expect(rolledBack).toBe('refused');
    roundTrips = 0;
    expect(await transactionBegunLate(ds, async () => 'nothing sent')).toBe('nothing sent');
    expect(roundTrips).toBe(0);
    const empty = await transactionBegunLate(ds, async () => {
      throw new Error('before any statement');
    }).catch((e: Error) => e.message);
    expect(empty).toBe('before any statement');
    expect(await rows()).toEqual([1, 2]);
    expect(await ds.query(xid)).toEqual([{ xid: null }]);
  });

  it('fast paths off: DataSource.transaction, same outcome', async () => {
    await ds.query('TRUNCATE late_probe');
    setFastPaths(ds, false);
    try {
      const failed = await transactionBegunLate(ds, async (tx) => {
        await queryPreparedIn(tx, insert, [1]);
        throw new Error('refused');
      }).catch((e: Error) => e.message);
      expect(failed).toBe('refused');
      await transactionBegunLate(ds, (tx) => queryPreparedIn(tx, insert, [2]));
    } finally {
      setFastPaths(ds, true);
    }
    expect(await rows()).toEqual([2]);
  });
});
