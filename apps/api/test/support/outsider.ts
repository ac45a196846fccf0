import { Role, type TestApp } from './test-app';

/**
 * An ADMIN of another partnership ('Elsewhere'), signed in: every record of the test's partnership
 * must be NOT_FOUND or absent for them (IDOR across tenants).
 */
export async function outsiderAdmin(t: TestApp, email: string): Promise<{ id: string; token: string }> {
  const [other] = await t.dataSource.query(
    `INSERT INTO partnership (name) VALUES ('Elsewhere') RETURNING id`,
  );
  const outsider = await t.services.identity.createUser(
    other.id,
    { email, name: 'Outsider', password: 'a-long-test-password', roles: [Role.ADMIN] },
    null,
  );
  return { id: outsider.id, token: (await t.services.identity.login(email, 'a-long-test-password')).token };
}
