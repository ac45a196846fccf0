import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createEmptyDatabase, type TestDatabase } from '../../test/support/database';
import { createDataSource } from './data-source';
import { migrations } from './migrations';

describe('migrations on real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createEmptyDatabase();
    ds = createDataSource({ url: db.url, poolSize: 2 });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('apply to an empty database, leave no drift from the entities, and revert the latest one', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));

    // What TypeORM would generate now: nothing, or the entities and migrations have drifted apart.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    await ds.query(`INSERT INTO partnership (name) VALUES ('Kept across revert')`);
    await ds.undoLastMigration({ transaction: 'each' });
    const after = await ds.query(`SELECT name FROM typeorm_migrations ORDER BY id`);
    expect(after.map((r: { name: string }) => r.name)).toEqual(migrations.slice(0, -1).map((m) => m.name));

    const again = await ds.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(1);
    const kept = await ds.query(`SELECT name FROM partnership`);
    expect(kept).toEqual([{ name: 'Kept across revert' }]);
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    const [p] = await ds.query(`SELECT id FROM partnership LIMIT 1`);
    await ds.query(
      `INSERT INTO audit_entry (partnership_id, operation, entity_type, entity_id) VALUES ($1, 'test', 'X', '1')`,
      [p.id],
    );
    await expect(ds.query(`UPDATE audit_entry SET operation = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
  });

  it("keeps actions' and updates' statuses and RAGs to the contract's values", async () => {
    // Answers written as text copy them unchecked (modules/rollup/changes-text.queries.ts).
    const [p] = await ds.query(`SELECT id FROM partnership LIMIT 1`);
    const [s] = await ds.query(`INSERT INTO strategy (partnership_id, title) VALUES ($1, 'S') RETURNING id`, [
      p.id,
    ]);
    const [o] = await ds.query(
      `INSERT INTO objective (strategy_id, code, title) VALUES ($1, 'O1', 'O') RETURNING id`,
      [s.id],
    );
    const [g] = await ds.query(
      `INSERT INTO operational_group (partnership_id, name) VALUES ($1, 'G') RETURNING id`,
      [p.id],
    );
    const action = (status: string, rag: string | null) =>
      ds.query(
        `INSERT INTO action (strategy_id, objective_id, group_id, ref, title, agreed_on, current_status, current_rag)
         VALUES ($1, $2, $3, $4, 'A', current_date, $5, $6) RETURNING id`,
        [s.id, o.id, g.id, `A${status}${rag}`, status, rag],
      );
    const [a] = await action('IN_PROGRESS', null);
    await expect(action('DONE', 'GREEN')).rejects.toThrow(/chk_action_current_status/);
    await expect(action('COMPLETE', 'BLUE')).rejects.toThrow(/chk_action_current_rag/);
    const update = (status: string, rag: string | null) =>
      ds.query(
        `INSERT INTO action_update (action_id, reported_on, status, rag, progress, impact)
         VALUES ($1, current_date, $2, $3, '', '')`,
        [a.id, status, rag],
      );
    await update('COMPLETE', 'GREEN');
    await expect(update('complete', 'GREEN')).rejects.toThrow(/chk_action_update_status/);
    await expect(update('COMPLETE', 'green')).rejects.toThrow(/chk_action_update_rag/);
  });
});
