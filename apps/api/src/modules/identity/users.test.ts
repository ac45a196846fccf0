import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger';
import { bootstrap } from '../../bootstrap';
import type { Config } from '../../config/config';
import { MembershipRole, Role, startTestApp, type TestApp } from '../../../test/support/test-app';

const USERS = `{ users { id email name roles active version memberships { groupId groupName role } } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email roles version } }`;
const UPDATE_ROLES = `mutation($id: ID!, $version: Int!, $roles: [Role!]!) {
  updateUserRoles(id: $id, version: $version, roles: $roles) { id roles version } }`;

describe('user management', () => {
  let t: TestApp;
  let admin: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN], name: 'Aa Admin' });
  });
  afterAll(() => t.close());

  async function group(name: string): Promise<string> {
    const [g] = await t.dataSource.query(
      `INSERT INTO operational_group (partnership_id, name) VALUES ($1, $2) RETURNING id`,
      [t.partnershipId, name],
    );
    return g.id;
  }

  it('creates users (ADMIN) and refuses passwords under 12 characters, naming the field', async () => {
    const input = {
      email: 'new.person@example.org',
      name: 'New Person',
      password: 'elevenchars',
      roles: ['BOARD'],
    };
    const short = await t.request(CREATE, { input }, { token: admin.token });
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(await t.dataSource.query(`SELECT 1 FROM app_user WHERE email = $1`, [input.email])).toHaveLength(
      0,
    );

    const ok = await t.ok<{ createUser: { id: string; roles: string[]; version: number } }>(
      CREATE,
      { input: { ...input, password: 'twelve-chars' } },
      { token: admin.token },
    );
    expect(ok.createUser).toMatchObject({ roles: ['BOARD'], version: 1 });
    const [row] = await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [
      ok.createUser.id,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('gives a user created without roles none (the default of the input), not an error', async () => {
    // graphql-jit ignored the default of a non-null input field; found by test/fuzz.test.ts.
    const res = await t.request(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id roles } }`,
      { input: { email: 'no-roles@example.org', name: 'No Roles', password: 'a-long-password-2' } },
      { token: admin.token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ createUser: { roles: [] } });
  });

  it('refuses a name with control characters, naming the field (a NUL was a database error)', async () => {
    const res = await t.request(
      CREATE,
      {
        input: { email: 'nul@example.org', name: 'Nul\u0000Name', password: 'a-long-password-3', roles: [] },
      },
      { token: admin.token },
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('keeps emails unique whatever their case', async () => {
    await t.user({ email: 'Unique.Person@Example.org' });
    const clash = await t.request(
      CREATE,
      {
        input: {
          email: 'unique.person@EXAMPLE.ORG',
          name: 'Clash',
          password: 'a-long-password-1',
          roles: [],
        },
      },
      { token: admin.token },
    );
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it('names the field of a malformed email', async () => {
    const bad = await t.request(
      CREATE,
      { input: { email: 'not-an-email', name: 'X', password: 'a-long-password-1', roles: [] } },
      { token: admin.token },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('names the field of an empty or overlong name and of a role given twice, and creates nothing', async () => {
    const input = { email: 'twice@example.org', name: 'Twice', password: 'a-long-password-1', roles: [] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ email: `${'a'.repeat(250)}@example.org` }, 'email'],
      [{ roles: ['BOARD', 'BOARD'] }, 'roles'],
    ];
    for (const [change, field] of cases) {
      const res = await t.request(CREATE, { input: { ...input, ...change } }, { token: admin.token });
      expect(res.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [
      input.email,
    ]);
    expect(n).toBe(0);
  });

  it('lists the partnership users with roles and group memberships (ADMIN only)', async () => {
    const housing = await group('Housing');
    const justice = await group('Criminal Justice');
    const chair = await t.user({
      name: 'Bb Chair',
      roles: [Role.BOARD],
      memberships: [
        { groupId: housing, role: MembershipRole.CHAIR },
        { groupId: justice, role: MembershipRole.MEMBER },
      ],
    });
    // A user of another partnership is never listed.
    const [other] = await t.dataSource.query(
      `INSERT INTO partnership (name) VALUES ('Elsewhere') RETURNING id`,
    );
    await t.services.identity.createUser(
      other.id,
      { email: 'elsewhere@example.org', name: 'Elsewhere', password: 'a-long-password-1', roles: [] },
      null,
    );

    const res = await t.ok<{ users: Array<Record<string, unknown>> }>(USERS, {}, { token: admin.token });
    const emails = res.users.map((u) => u['email']);
    expect(emails).not.toContain('elsewhere@example.org');
    const listed = res.users.find((u) => u['id'] === chair.id);
    expect(listed).toMatchObject({
      name: 'Bb Chair',
      roles: ['BOARD'],
      active: true,
      version: 1,
      memberships: [
        { groupId: justice, groupName: 'Criminal Justice', role: 'MEMBER' },
        { groupId: housing, groupName: 'Housing', role: 'CHAIR' },
      ],
    });
    // One statement for all memberships, not one per user.
    t.statements.reset();
    await t.ok(USERS, {}, { token: admin.token });
    expect(
      t.statements.statements.filter((s) => /FROM membership m JOIN operational_group/.test(s)),
    ).toHaveLength(1);

    const refused = await t.request(USERS, {}, { token: chair.token });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();

    // The signed-in user sees their own memberships through me.
    const me = await t.ok<{ me: { memberships: unknown[] } }>(
      '{ me { memberships { groupName role } } }',
      {},
      { token: chair.token },
    );
    expect(me.me.memberships).toEqual([
      { groupName: 'Criminal Justice', role: 'MEMBER' },
      { groupName: 'Housing', role: 'CHAIR' },
    ]);
  });

  it('updates roles with optimistic concurrency, takes effect at once, and is audited', async () => {
    const u = await t.user({ roles: [Role.BOARD] });
    expect((await t.request(USERS, {}, { token: u.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const done = await t.ok<{ updateUserRoles: { roles: string[]; version: number } }>(
      UPDATE_ROLES,
      { id: u.id, version: 1, roles: ['ADMIN', 'DHR_PANEL', 'ADMIN'] },
      { token: admin.token },
    );
    expect(done.updateUserRoles).toMatchObject({ roles: ['ADMIN', 'DHR_PANEL'], version: 2 });
    // The same session now has the new rights: roles are read on every request.
    expect((await t.request(USERS, {}, { token: u.token })).errors).toBeUndefined();

    const stale = await t.request(UPDATE_ROLES, { id: u.id, version: 1, roles: [] }, { token: admin.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const [row] = await t.dataSource.query(`SELECT roles, version FROM app_user WHERE id = $1`, [u.id]);
    expect(row).toEqual({ roles: ['ADMIN', 'DHR_PANEL'], version: 2 });

    const trail = await t.ok<{ auditTrail: Array<Record<string, never>> }>(
      `query($id: ID!) { auditTrail(entityType: "User", entityId: $id) { operation actor { id } before after } }`,
      { id: u.id },
      { token: admin.token },
    );
    expect(trail.auditTrail.map((e) => e['operation'])).toEqual(['createUser', 'updateUserRoles']);
    const change = trail.auditTrail[1];
    expect(change['actor']).toEqual({ id: admin.id });
    expect(change['before']).toMatchObject({ roles: ['BOARD'], version: 1 });
    expect(change['after']).toMatchObject({ roles: ['ADMIN', 'DHR_PANEL'], version: 2 });
    expect(JSON.stringify(trail)).not.toMatch(/passwordHash|argon2/);
  });

  it('deactivates a leaver (sessions end at once) and reactivates them, ADMIN only, audited', async () => {
    const SET_ACTIVE = `mutation($id: ID!, $v: Int!, $active: Boolean!) {
      setUserActive(id: $id, version: $v, active: $active) { id active version } }`;
    const leaver = await t.user({ roles: [Role.BOARD] });
    const board = await t.user({ roles: [Role.BOARD] });
    const refused = await t.request(
      SET_ACTIVE,
      { id: leaver.id, v: 1, active: false },
      { token: board.token },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const off = await t.ok<{ setUserActive: { active: boolean; version: number } }>(
      SET_ACTIVE,
      { id: leaver.id, v: 1, active: false },
      { token: admin.token },
    );
    expect(off.setUserActive).toMatchObject({ active: false, version: 2 });
    expect((await t.ok<{ me: unknown }>('{ me { id } }', {}, { token: leaver.token })).me).toBeNull();
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM session WHERE user_id = $1 AND revoked_at IS NULL`,
      [leaver.id],
    );
    expect(n).toBe(0);
    const signIn = `mutation($e: String!) { login(email: $e, password: "a-long-test-password") { token } }`;
    expect((await t.request(signIn, { e: leaver.email })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const stale = await t.request(SET_ACTIVE, { id: leaver.id, v: 1, active: true }, { token: admin.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    await t.ok(SET_ACTIVE, { id: leaver.id, v: 2, active: true }, { token: admin.token });
    expect((await t.request(signIn, { e: leaver.email })).errors).toBeUndefined();

    const self = await t.request(SET_ACTIVE, { id: admin.id, v: 1, active: false }, { token: admin.token });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'active' });

    const [{ ops }] = await t.dataSource.query(
      `SELECT array_agg(operation ORDER BY id) AS ops FROM audit_entry WHERE entity_id = $1`,
      [leaver.id],
    );
    expect(ops).toEqual(['createUser', 'setUserActive', 'setUserActive']);
  });

  it('lets only one of two concurrent role changes from the same version through', async () => {
    const u = await t.user({ roles: [] });
    const results = await Promise.all(
      [['BOARD'], ['DHR_PANEL']].map((roles) =>
        t.request(UPDATE_ROLES, { id: u.id, version: 1, roles }, { token: admin.token }),
      ),
    );
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'ok').sort();
    expect(codes).toEqual(['CONFLICT', 'ok']);
    const [row] = await t.dataSource.query(`SELECT roles, version FROM app_user WHERE id = $1`, [u.id]);
    expect(row.version).toBe(2);
  });

  it('creates only one of two concurrent users with the same email', async () => {
    const input = (name: string) => ({
      input: { email: 'Twice@Example.org', name, password: 'a-long-password-1', roles: [] },
    });
    const results = await Promise.all(
      [input('One'), input('Two')].map((v) => t.request(CREATE, v, { token: admin.token })),
    );
    expect(results.map((r) => r.errors?.[0].extensions?.code ?? 'ok').sort()).toEqual(['CONFLICT', 'ok']);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM app_user WHERE lower(email) = 'twice@example.org'`,
    );
    expect(n).toBe(1);
  });

  it('refuses bad role changes: unknown user, another partnership, own ADMIN role, non-admins', async () => {
    const missing = await t.request(
      UPDATE_ROLES,
      { id: '00000000-0000-4000-8000-000000000000', version: 1, roles: [] },
      { token: admin.token },
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Malformed ids name nobody: NOT_FOUND, not a database error (found by test/fuzz.test.ts).
    for (const id of ['', '1', 'x'.repeat(300)]) {
      const roles = await t.request(UPDATE_ROLES, { id, version: 1, roles: [] }, { token: admin.token });
      expect(roles.errors?.[0].extensions?.code, id).toBe('NOT_FOUND');
      const active = await t.request(
        `mutation($id: ID!) { setUserActive(id: $id, version: 1, active: true) { id } }`,
        { id },
        { token: admin.token },
      );
      expect(active.errors?.[0].extensions?.code, id).toBe('NOT_FOUND');
    }

    const [other] = await t.dataSource.query(`INSERT INTO partnership (name) VALUES ('Other') RETURNING id`);
    const foreign = await t.services.identity.createUser(
      other.id,
      { email: 'foreign@example.org', name: 'Foreign', password: 'a-long-password-1', roles: [] },
      null,
    );
    const cross = await t.request(
      UPDATE_ROLES,
      { id: foreign.id, version: 1, roles: ['ADMIN'] },
      { token: admin.token },
    );
    expect(cross.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const [me] = await t.dataSource.query(`SELECT version FROM app_user WHERE id = $1`, [admin.id]);
    const self = await t.request(
      UPDATE_ROLES,
      { id: admin.id, version: me.version, roles: ['BOARD'] },
      { token: admin.token },
    );
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });

    const board = await t.user({ roles: [Role.BOARD] });
    const forbidden = await t.request(
      UPDATE_ROLES,
      { id: board.id, version: 1, roles: ['ADMIN'] },
      { token: board.token },
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [row] = await t.dataSource.query(`SELECT roles FROM app_user WHERE id = $1`, [board.id]);
    expect(row.roles).toEqual(['BOARD']);
  });
});

describe('administrator bootstrap (THROUGHLINE_ADMIN_EMAIL / _PASSWORD)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const config = (email: string, password: string) => ({ admin: { email, password } }) as Config;
  const logger = createLogger('silent');
  const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { roles } } }`;

  it('creates the admin when no user has the email, and leaves an existing one exactly as it is', async () => {
    await bootstrap(config('Boot.Admin@example.org', 'first-chosen-passphrase'), t.services, logger);
    const first = await t.ok<{ login: { user: { roles: string[] } } }>(LOGIN, {
      e: 'boot.admin@example.org',
      p: 'first-chosen-passphrase',
    });
    expect(first.login.user.roles).toEqual(['ADMIN']);
    const [created] = await t.dataSource.query(
      `SELECT operation, actor_id FROM audit_entry WHERE entity_type = 'User' AND operation = 'bootstrapAdmin'`,
    );
    expect(created).toEqual({ operation: 'bootstrapAdmin', actor_id: null });

    // A restart with another password (and another case) must not reset the password or add a user.
    await bootstrap(config('BOOT.ADMIN@EXAMPLE.ORG', 'second-chosen-passphrase'), t.services, logger);
    expect(
      (await t.request(LOGIN, { e: 'boot.admin@example.org', p: 'second-chosen-passphrase' })).errors?.[0]
        .extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await t.request(LOGIN, { e: 'boot.admin@example.org', p: 'first-chosen-passphrase' })).errors,
    ).toBeUndefined();
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM app_user WHERE lower(email) = 'boot.admin@example.org'`,
    );
    expect(n).toBe(1);
  });

  it('leaves an existing non-admin user with that email alone (no silent promotion)', async () => {
    const u = await t.user({ email: 'already.here@example.org', roles: [Role.BOARD] });
    await bootstrap(config('already.here@example.org', 'some-chosen-passphrase'), t.services, logger);
    const [row] = await t.dataSource.query(`SELECT roles, version FROM app_user WHERE id = $1`, [u.id]);
    expect(row).toEqual({ roles: ['BOARD'], version: 1 });
  });
});
