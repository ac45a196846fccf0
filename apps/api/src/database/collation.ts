import type { DataSource } from 'typeorm';

/*
 * Sorting by an action's ref in the database's own collation, cheaply where that is byte order.
 *
 * PostgreSQL on glibc compares text with strcoll for every collation but C and POSIX, even C.UTF-8
 * (whose order is the code points', which UTF-8's bytes keep). At size L, sorting the 18,100 changed
 * actions of a year by ref took about 20 ms of "what changed" in strcoll (docs/performance.md,
 * "What changed, session 9"). Where the database's collation is byte order, `ref COLLATE "C"` sorts
 * in exactly the same order with memcmp; elsewhere the ref is sorted as it always was.
 */

const known = new WeakMap<DataSource, Promise<boolean>>();

/**
 * Whether action.ref sorts in byte order in this database: its default collation is C, POSIX or
 * C.UTF-8 (libc, or PostgreSQL 17's builtin provider) and the column has no collation of its own.
 * Read once per data source.
 */
export function refSortsBytewise(db: DataSource): Promise<boolean> {
  let answer = known.get(db);
  if (!answer) {
    answer = db
      .query(
        // to_jsonb: datlocprovider (15+) and datlocale (17+) are absent on older servers.
        `SELECT to_jsonb(d) ->> 'datlocprovider' AS provider, d.datcollate AS collate,
                to_jsonb(d) ->> 'datlocale' AS locale,
                (SELECT a.attcollation = 100 FROM pg_attribute a
                  WHERE a.attrelid = 'action'::regclass AND a.attname = 'ref') AS default_collation
           FROM pg_database d WHERE d.datname = current_database()`,
      )
      .then(
        (
          rows: Array<{
            provider: string | null;
            collate: string;
            locale: string | null;
            default_collation: boolean;
          }>,
        ) => {
          const [row] = rows;
          if (!row?.default_collation) return false;
          const bytewise = (name: string | null) => !!name && /^(c|posix|c\.utf-?8)$/i.test(name);
          if (row.provider === 'b') return bytewise(row.locale);
          return (row.provider === null || row.provider === 'c') && bytewise(row.collate);
        },
      );
    // A failed read is not kept: the next request asks again.
    answer.catch(() => known.delete(db));
    known.set(db, answer);
  }
  return answer;
}

/** ORDER BY items for `alias`'s ref then id, as refSortsBytewise found the database. */
export const byRef = (alias: string, bytewise: boolean) =>
  bytewise ? `${alias}.ref COLLATE "C", ${alias}.id` : `${alias}.ref, ${alias}.id`;
