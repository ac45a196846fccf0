/**
 * The audit trail under a database role that does not own the tables (docs/security.md): the app runs
 * normally with the grants of infra/postgres/app-role.sql, and that role cannot change or empty
 * audit_entry even if the append-only trigger were gone. Also the migration that takes UPDATE,
 * DELETE and TRUNCATE on audit_entry away from PUBLIC.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDataSource } from '../src/database/data-source';
import { AuditEntryRevokeFromPublic1795700000000 } from '../src/database/migrations/1795700000000-audit-entry-revoke-public';
import { createTestDatabase, type TestDatabase } from './support/database';
import { Role, startTestApp, type TestApp } from './support/test-app';

const GRANTS = path.resolve(__dirname, '../../../infra/postgres/app-role.sql');

async function run(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

/** A login role of its own (roles are server-wide, so the name is unique to this run). */
async function createRole(): Promise<{ name: string; password: string; drop(): Promise<void> }> {
  const name = `tl_app_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await run(inject('pgAdminUrl'), `CREATE ROLE ${name} LOGIN PASSWORD '${password}'`);
  return {
    name,
    password,
    drop: () => run(inject('pgAdminUrl'), `DROP ROLE IF EXISTS ${name}`).then(() => {}),
  };
}

function as(url: string, role: { name: string; password: string }): string {
  const u = new URL(url);
  u.username = role.name;
  u.password = role.password;
  return u.toString();
}

describe('running as a role that does not own the tables', () => {
  let t: TestApp;
  let role: Awaited<ReturnType<typeof createRole>>;
  let db: TestDatabase;
  beforeAll(async () => {
    role = await createRole();
    t = await startTestApp({
      connectAs: async (created) => {
        db = created;
        // What psql does with -v app_role=...: the variable becomes a quoted identifier.
        const grants = fs.readFileSync(GRANTS, 'utf8').replaceAll(':"app_role"', `"${role.name}"`);
        await run(created.url, grants);
        return as(created.url, role);
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await role?.drop();
  });

  it('starts as start-up does (no migration pending), and signs in, changes and audits as usual', async () => {
    expect(await t.dataSource.query(`SELECT current_user AS who`)).toEqual([{ who: role.name }]);
    expect(await t.dataSource.runMigrations({ transaction: 'each' })).toEqual([]);

    const admin = await t.user({ roles: [Role.ADMIN] });
    const { createStrategy } = await t.ok<{ createStrategy: { id: string } }>(
      `mutation { createStrategy(input: { title: "Run as the app role" }) { id } }`,
      {},
      { token: admin.token },
    );
    await t.ok(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      { c: 'a-long-test-password', n: 'granite-swallow-orchard-9' },
      { token: admin.token },
    );
    const { auditTrail } = await t.ok<{ auditTrail: Array<{ operation: string }> }>(
      `query($id: ID!) { auditTrail(entityType: "Strategy", entityId: $id) { operation } }`,
      { id: createStrategy.id },
      { token: admin.token },
    );
    expect(auditTrail.map((e) => e.operation)).toEqual(['createStrategy']);
  });

  it('cannot update, delete or truncate the audit trail, nor disable its trigger, nor rewrite the migrations', async () => {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
    expect(n).toBeGreaterThan(0);
    // Refused for want of the privilege, before the trigger would even run.
    for (const sql of [
      `UPDATE audit_entry SET operation = 'forged'`,
      `DELETE FROM audit_entry`,
      `TRUNCATE audit_entry`,
      `DELETE FROM typeorm_migrations`,
    ]) {
      await expect(t.dataSource.query(sql), sql).rejects.toThrow(/permission denied for table/);
    }
    await expect(t.dataSource.query(`ALTER TABLE audit_entry DISABLE TRIGGER USER`)).rejects.toThrow(
      /must be owner of table audit_entry/,
    );
    // Even with the trigger gone (the owner drops it), the app role still cannot touch an entry.
    await run(db.url, `ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only`);
    await expect(t.dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(
      /permission denied for table audit_entry/,
    );
    await run(db.url, `ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only`);
    const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
    expect(after).toBe(n);
  });

  it('redacts feedback through the one audited path (docs/security.md, "Redaction"), and no other way', async () => {
    const facilitator = await t.user({ roles: [Role.FACILITATOR] });
    const admin = await t.user({ roles: [Role.ADMIN] });
    const { recordFeedback } = await t.ok<{ recordFeedback: { id: string } }>(
      `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`,
      {
        input: {
          forum: 'Survivors’ forum',
          receivedOn: '2024-06-15',
          summary: 'Marigold Quenby spoke first.',
        },
      },
      { token: facilitator.token },
    );
    const { redactFeedback } = await t.ok<{ redactFeedback: { summary: string; version: number } }>(
      `mutation($id: ID!, $words: [String!]!) {
         redactFeedback(id: $id, version: 1, words: $words, reason: "Names a survivor") { summary version } }`,
      { id: recordFeedback.id, words: ['Marigold Quenby'] },
      { token: facilitator.token },
    );
    expect(redactFeedback).toEqual({ summary: '[redacted] spoke first.', version: 2 });
    const { auditTrail } = await t.ok<{ auditTrail: Array<{ operation: string; after: unknown }> }>(
      `query($id: ID!) { auditTrail(entityType: "Feedback", entityId: $id) { operation after } }`,
      { id: recordFeedback.id },
      { token: admin.token },
    );
    expect(auditTrail.map((e) => e.operation)).toEqual(['recordFeedback', 'redactFeedback']);
    expect(JSON.stringify(auditTrail)).not.toMatch(/Marigold|Quenby/);
    expect(auditTrail[1].after).toMatchObject({ redaction: { reason: 'Names a survivor' } });
    // The app role holds EXECUTE on the path, not UPDATE: the trigger's marker opens nothing for it.
    await expect(
      t.dataSource.transaction(async (tx) => {
        await tx.query(`SELECT set_config('throughline.redacting', $1, true)`, [
          `${t.partnershipId}/Feedback/${recordFeedback.id}`,
        ]);
        await tx.query(`UPDATE audit_entry SET after = NULL WHERE entity_id = $1`, [recordFeedback.id]);
      }),
    ).rejects.toThrow(/permission denied for table audit_entry/);
  });
});

describe('migration AuditEntryRevokeFromPublic', () => {
  let db: TestDatabase;
  let role: Awaited<ReturnType<typeof createRole>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    role = await createRole();
  });
  afterAll(async () => {
    await db?.drop();
    await role?.drop();
  });

  it('takes UPDATE, DELETE and TRUNCATE on audit_entry back from PUBLIC, even after a careless grant', async () => {
    // A role with no grants of its own holds only what PUBLIC holds.
    await run(db.url, `GRANT USAGE ON SCHEMA public TO PUBLIC; GRANT ALL ON audit_entry TO PUBLIC`);
    const owner = createDataSource({ url: db.url, poolSize: 1 });
    await owner.initialize();
    try {
      const runner = owner.createQueryRunner();
      await new AuditEntryRevokeFromPublic1795700000000().up(runner);
      await runner.release();
    } finally {
      await owner.destroy();
    }
    const roleUrl = as(db.url, role);
    for (const sql of [
      `UPDATE audit_entry SET operation = 'x'`,
      `DELETE FROM audit_entry`,
      `TRUNCATE audit_entry`,
    ]) {
      await expect(run(roleUrl, sql), sql).rejects.toThrow(/permission denied for table audit_entry/);
    }
    // What the careless grant gave beyond that is left alone (the migration revokes only these three).
    expect((await run(roleUrl, `SELECT count(*)::int AS n FROM audit_entry`)).rows).toHaveLength(1);
  });
});
