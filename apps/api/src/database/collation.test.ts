import { afterAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../../test/support/database';
import { createDataSource } from './data-source';
import { refSortsBytewise } from './collation';

// Refs whose order differs between byte order and most natural-language collations.
const REFS = ['b2', 'A 2', 'a-1', 'B10', 'Z9', 'É1', 'e1', 'ä', '_x', '10'];

describe('refSortsBytewise', () => {
  const dropped: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropped) await drop();
  });

  /** A database made with `options`, holding a table `action` whose ref column is `column`. */
  async function databaseWith(options: string, column = 'ref text'): Promise<DataSource> {
    return withAction(await createEmptyDatabase(`TEMPLATE template0 ${options}`), column);
  }

  async function withAction(db: TestDatabase, column: string | null): Promise<DataSource> {
    const ds = createDataSource({ url: db.url, poolSize: 1 });
    await ds.initialize();
    dropped.push(async () => {
      await ds.destroy();
      await db.drop();
    });
    if (column) await ds.query(`CREATE TABLE action (${column})`);
    return ds;
  }

  it('is true for a C database and false when the ref column has a collation of its own', async () => {
    expect(await refSortsBytewise(await databaseWith(`LC_COLLATE 'C' LC_CTYPE 'C'`))).toBe(true);
    expect(
      await refSortsBytewise(
        await databaseWith(`LC_COLLATE 'C' LC_CTYPE 'C'`, 'ref text COLLATE "ucs_basic"'),
      ),
    ).toBe(false);
  });

  it('is false for an ICU database, whatever its libc collation says', async () => {
    const [{ icu }] = await (
      await databaseWith('')
    ).query(`SELECT exists (SELECT 1 FROM pg_collation WHERE collprovider = 'i') AS icu`);
    if (!icu) return; // A server built without ICU cannot make one.
    const ds = await databaseWith(`LOCALE_PROVIDER icu ICU_LOCALE 'en-GB' LOCALE 'C.UTF-8'`);
    expect(await refSortsBytewise(ds)).toBe(false);
  });

  it('when true, the database sorts refs exactly as "C" does (the migrated test database)', async () => {
    const ds = await withAction(await createTestDatabase(), null);
    const [{ collate }] = await ds.query(
      `SELECT datcollate AS collate FROM pg_database WHERE datname = current_database()`,
    );
    const bytewise = await refSortsBytewise(ds);
    expect(bytewise).toBe(/^(c|posix|c\.utf-?8)$/i.test(collate));
    const order = async (clause: string): Promise<string[]> =>
      (await ds.query(`SELECT r FROM unnest($1::text[]) r ORDER BY ${clause}`, [REFS])).map(
        (row: { r: string }) => row.r,
      );
    if (bytewise) expect(await order('r')).toEqual(await order('r COLLATE "C"'));
  });
});
