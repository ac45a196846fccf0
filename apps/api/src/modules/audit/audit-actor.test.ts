import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';

const PASSWORD = 'a-long-test-password';

const TRAIL = `query T($id: ID!) {
  a: auditTrail(entityType: "User", entityId: $id) { operation actor { id name email } }
  b: auditTrail(entityType: "User", entityId: $id) { operation actor { id } }
}`;

interface Trail {
  a: Array<{ operation: string; actor: { id: string; name: string; email: string } | null }>;
  b: Array<{ operation: string; actor: { id: string } | null }>;
}

// AuditEntry.actor uses identity's one users-by-id loader (identity.loaders.ts): every actor of a
// request comes from one statement, which reads the public columns only.
describe('audit trail actors', () => {
  let t: TestApp;
  let admin: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    other = await t.user({ roles: [Role.ADMIN] });
  });
  afterAll(() => t.close());

  it('loads every actor of a request in one statement, without the password hash', async () => {
    const created = await t.ok<{ createUser: { id: string } }>(
      `mutation C($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email: 'audited.person@example.org',
          name: 'Audited Person',
          password: PASSWORD,
          roles: [Role.BOARD],
        },
      },
      { token: admin.token },
    );
    const id = created.createUser.id;
    await t.ok(
      `mutation U($id: ID!) { updateUserRoles(id: $id, version: 1, roles: [DHR_PANEL]) { id } }`,
      { id },
      { token: other.token },
    );

    t.statements.reset();
    const trail = await t.ok<Trail>(TRAIL, { id }, { token: admin.token });
    const userReads = t.statements.statements.filter((s) => s.includes('FROM "app_user"'));

    expect(trail.a.map((e) => [e.operation, e.actor?.id])).toEqual([
      ['createUser', admin.id],
      ['updateUserRoles', other.id],
    ]);
    expect(trail.b.map((e) => e.actor?.id)).toEqual([admin.id, other.id]);
    expect(userReads).toHaveLength(1);
    expect(userReads[0]).not.toMatch(/password_hash/);
  });
});
