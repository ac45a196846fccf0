import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { DEFAULT_THROTTLE } from './login-throttle';
import { Role } from './user.entity';

// An attacker who knows an email must not be able to keep its owner out (five wrong passwords from
// five addresses every fifteen minutes), and the owner is told what happened.

const PASSWORD = 'a-long-test-password';
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = `{ me { id signInAlert { failedAttempts lastFailedAt } } }`;

async function login(t: TestApp, email: string, password: string, ip: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  const body = (await res.json()) as {
    data?: { login: { token: string } } | null;
    errors?: Array<{ extensions: { code: string } }>;
  };
  return { code: body.errors?.[0]?.extensions.code ?? 'OK', token: body.data?.login.token };
}

describe('account lock-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('still lets the owner in from an address they signed in from before, and tells them', async () => {
    const u = await t.user({ email: 'owner@example.org' });
    const home = '192.0.2.10';
    expect((await login(t, u.email, PASSWORD, home)).code).toBe('OK');

    for (let i = 1; i <= DEFAULT_THROTTLE.accountFailures; i++) {
      expect((await login(t, u.email, 'wrong-password-xx', `203.0.113.${i}`)).code).toBe('UNAUTHENTICATED');
    }
    // Locked for guessers: the right password from a new address is refused, so brute force stays out.
    expect((await login(t, u.email, PASSWORD, '203.0.113.77')).code).toBe('TOO_MANY_REQUESTS');
    // A guess from the owner's own address is still just a wrong password, not a way in.
    expect((await login(t, u.email, 'another-wrong-one', home)).code).toBe('UNAUTHENTICATED');

    const owner = await login(t, u.email, PASSWORD, home);
    expect(owner.code).toBe('OK');
    const me = await t.ok<{ me: { signInAlert: { failedAttempts: number; lastFailedAt: string } | null } }>(
      ME,
      {},
      { token: owner.token },
    );
    expect(me.me.signInAlert?.failedAttempts).toBe(DEFAULT_THROTTLE.accountFailures + 1);
    expect(Date.parse(me.me.signInAlert!.lastFailedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Told once: the next sign-in starts with a clean slate.
    const again = await login(t, u.email, PASSWORD, home);
    const later = await t.ok<{ me: { signInAlert: unknown } }>(ME, {}, { token: again.token });
    expect(later.me.signInAlert).toBeNull();
  });

  it("shows nobody else's alert", async () => {
    const victim = await t.user({ email: 'victim@example.org' });
    const admin = await t.user({ roles: [Role.ADMIN] });
    await login(t, victim.email, 'wrong-password-xx', '203.0.113.200');
    const seen = await t.ok<{ users: Array<{ id: string; signInAlert: unknown }> }>(
      `{ users { id signInAlert { failedAttempts } } }`,
      {},
      { token: admin.token },
    );
    expect(seen.users.find((x) => x.id === victim.id)?.signInAlert).toBeNull();
  });
});
