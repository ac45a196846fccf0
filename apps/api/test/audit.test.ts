import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrailDocument, CreateUserDocument, UpdateUserRolesDocument } from '@throughline/sdk';
import { getSchema } from '../src/graphql/schema';
import { Role, startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'a-long-test-password';

describe('audit trail', () => {
  let t: TestApp;
  let admin: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
  });
  afterAll(() => t.close());

  it('records who did what to which record, with before and after, readable by ADMIN only', async () => {
    const created = await t.ok(
      CreateUserDocument,
      { input: { email: 'audited@example.org', name: 'Audited', password: PASSWORD, roles: [Role.BOARD] } },
      { token: admin.token },
    );
    const id = created.createUser.id;
    await t.ok(UpdateUserRolesDocument, { id, version: 1, roles: [Role.DHR_PANEL] }, { token: admin.token });

    const { auditTrail } = await t.ok(
      AuditTrailDocument,
      { entityType: 'User', entityId: id },
      { token: admin.token },
    );
    expect(auditTrail.map((e) => e.operation)).toEqual(['createUser', 'updateUserRoles']);
    const [create, update] = auditTrail;
    expect(create).toMatchObject({ entityType: 'User', entityId: id, before: null, actor: { id: admin.id } });
    expect(create.after).toMatchObject({ email: 'audited@example.org', roles: ['BOARD'] });
    expect(update.before).toMatchObject({ roles: ['BOARD'] });
    expect(update.after).toMatchObject({ roles: ['DHR_PANEL'] });
    expect(Date.parse(create.at)).toBeLessThanOrEqual(Date.parse(update.at));
    expect(JSON.stringify(auditTrail)).not.toMatch(/passwordHash|\$argon2/);

    for (const roles of [[Role.BOARD], [Role.DHR_PANEL], [Role.FACILITATOR], []]) {
      const u = await t.user({ roles });
      const r = await t.request(AuditTrailDocument, { entityType: 'User', entityId: id }, { token: u.token });
      expect(r.errors?.[0].extensions?.code, roles.join()).toBe('FORBIDDEN');
    }
  });

  it('records sign-in and sign-out against the session, and never another partnership', async () => {
    const u = await t.user();
    const login = await t.ok<{ login: { token: string } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      { e: u.email, p: PASSWORD },
    );
    await t.ok('mutation { logout }', {}, { token: login.login.token });
    const [session] = await t.dataSource.query(
      `SELECT id FROM session WHERE user_id = $1 AND revoked_at IS NOT NULL`,
      [u.id],
    );
    const { auditTrail } = await t.ok(
      AuditTrailDocument,
      { entityType: 'Session', entityId: session.id },
      { token: admin.token },
    );
    expect(auditTrail.map((e) => [e.operation, e.actor?.id])).toEqual([
      ['login', u.id],
      ['logout', u.id],
    ]);

    // An entry about the same id in another partnership is not shown.
    const [other] = await t.dataSource.query(`INSERT INTO partnership (name) VALUES ('Other') RETURNING id`);
    await t.dataSource.query(
      `INSERT INTO audit_entry (partnership_id, operation, entity_type, entity_id) VALUES ($1, 'x', 'Session', $2)`,
      [other.id, session.id],
    );
    const again = await t.ok(
      AuditTrailDocument,
      { entityType: 'Session', entityId: session.id },
      { token: admin.token },
    );
    expect(again.auditTrail).toHaveLength(2);
  });

  it('writes the entry in the same transaction as the change: no entry, no change', async () => {
    const u = await t.user({ roles: [Role.BOARD] });
    // Make every audit insert fail, as a full disk or a bug would.
    await t.dataSource.query(`
      CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION refuse_audit();`);
    try {
      const create = await t.request(
        CreateUserDocument,
        { input: { email: 'never@example.org', name: 'Never', password: PASSWORD, roles: [] } },
        { token: admin.token },
      );
      expect(create.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(
        await t.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'never@example.org'`),
      ).toHaveLength(0);

      const update = await t.request(
        UpdateUserRolesDocument,
        { id: u.id, version: 1, roles: [Role.ADMIN] },
        { token: admin.token },
      );
      expect(update.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const [row] = await t.dataSource.query(`SELECT roles, version FROM app_user WHERE id = $1`, [u.id]);
      expect(row).toEqual({ roles: ['BOARD'], version: 1 });

      const login = await t.request(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
        {
          e: u.email,
          p: PASSWORD,
        },
      );
      expect(login.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM session WHERE user_id = $1`, [
        u.id,
      ]);
      expect(n).toBe(1); // only the one t.user() opened

      const logout = await t.request('mutation { logout }', {}, { token: u.token });
      expect(logout.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect((await t.ok<{ me: { id: string } }>('{ me { id } }', {}, { token: u.token })).me.id).toBe(u.id);
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_audit ON audit_entry; DROP FUNCTION refuse_audit();`);
    }
  });

  it('offers no way to change or delete an entry through the API', async () => {
    const schema = await getSchema();
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.filter((m) => /audit/i.test(m.name))).toEqual([]);
    // No mutation returns an AuditEntry or takes one as input.
    for (const m of mutations) {
      expect(String(m.type), m.name).not.toMatch(/AuditEntry/);
      for (const a of m.args) expect(String(a.type), `${m.name}.${a.name}`).not.toMatch(/Audit/);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the table itself', async () => {
    const before = await t.dataSource.query(`SELECT id, operation FROM audit_entry ORDER BY id`);
    expect(before.length).toBeGreaterThan(0);
    await expect(t.dataSource.query(`UPDATE audit_entry SET operation = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
    expect(await t.dataSource.query(`SELECT id, operation FROM audit_entry ORDER BY id`)).toEqual(before);
  });
});
