import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { DEFAULT_THROTTLE } from './login-throttle';

const PASSWORD = 'a-long-test-password';
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

/** Signs in over HTTP from `ip` (the server trusts X-Forwarded-For from its loopback proxy). */
async function login(t: TestApp, email: string, password: string, ip: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  const body = (await res.json()) as {
    data?: { login: { token: string } } | null;
    errors?: Array<{ message: string; extensions: { code: string; retryAfterSeconds?: number } }>;
  };
  return {
    code: body.errors?.[0]?.extensions.code ?? 'OK',
    body,
    retryAfter: res.headers.get('retry-after'),
  };
}

describe('login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses an account after five failures, whatever the address and the email case, right password included', async () => {
    const u = await t.user({ email: 'Throttled@Example.org' });
    for (let i = 1; i <= DEFAULT_THROTTLE.accountFailures; i++) {
      expect((await login(t, 'throttled@example.org', 'wrong-password-xx', `10.1.0.${i}`)).code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const refused = await login(t, 'THROTTLED@example.ORG ', PASSWORD, '10.1.0.99');
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    const wait = refused.body.errors![0].extensions.retryAfterSeconds!;
    expect(wait).toBeGreaterThan(DEFAULT_THROTTLE.accountBlockSeconds - 60);
    expect(wait).toBeLessThanOrEqual(DEFAULT_THROTTLE.accountBlockSeconds);
    expect(refused.retryAfter).toBe(String(wait));
    expect(refused.body.errors![0].message).toMatch(/Try again in 15 minutes/);

    // Other accounts from the same address are unaffected.
    const other = await t.user();
    expect((await login(t, other.email, PASSWORD, '10.1.0.99')).code).toBe('OK');

    // Once the block has run out the account signs in again (the stored expiry is moved into the past).
    await t.dataSource.query(`UPDATE login_throttle SET expire = 1 WHERE key = 'acct:throttled@example.org'`);
    const back = await login(t, u.email, PASSWORD, '10.1.0.99');
    expect(back.code).toBe('OK');
  });

  it('resets the account count on a successful sign-in', async () => {
    const u = await t.user();
    const almost = DEFAULT_THROTTLE.accountFailures - 1;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < almost; i++) {
        expect((await login(t, u.email, 'wrong-password-xx', '10.2.0.1')).code).toBe('UNAUTHENTICATED');
      }
      // Without the reset the second round would run past the limit here.
      expect((await login(t, u.email, PASSWORD, '10.2.0.1')).code).toBe('OK');
    }
  });

  it('refuses an address after many failures across accounts (password spraying)', async () => {
    const u = await t.user();
    const ip = '10.3.0.1';
    for (let i = 0; i < DEFAULT_THROTTLE.ipFailures; i++) {
      const r = await login(t, `sprayed-${i}@example.org`, 'wrong-password-xx', ip);
      expect(r.code).toBe('UNAUTHENTICATED');
    }
    const refused = await login(t, u.email, PASSWORD, ip);
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.body.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(
      DEFAULT_THROTTLE.ipBlockSeconds - 60,
    );
    // The same account from elsewhere is fine: the address was throttled, not the account.
    expect((await login(t, u.email, PASSWORD, '10.3.0.2')).code).toBe('OK');
    const stored = await t.dataSource.query(`SELECT key FROM login_throttle WHERE key = $1`, [`ip:${ip}`]);
    expect(stored).toHaveLength(1);
  });

  it('refuses absurdly long credentials as a plain failed sign-in, still counted', async () => {
    const long = await login(t, `${'x'.repeat(5000)}@example.org`, 'y'.repeat(5000), '10.5.0.1');
    expect(long.code).toBe('UNAUTHENTICATED');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM login_throttle WHERE key LIKE 'acct:sha256:%'`,
    );
    expect(n).toBe(1);
  });

  it('lets no parallel guesses slip past the account limit', async () => {
    const u = await t.user();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(t, u.email, `wrong-password-${i}`, `10.6.0.${i}`)),
    );
    const codes = results.map((r) => r.code).sort();
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(DEFAULT_THROTTLE.accountFailures);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(
      12 - DEFAULT_THROTTLE.accountFailures,
    );
  });

  it('counts only failures against an address: successful sign-ins give their point back', async () => {
    const u = await t.user();
    for (let i = 0; i < DEFAULT_THROTTLE.ipFailures + 5; i++) {
      expect((await login(t, u.email, PASSWORD, '10.4.0.1')).code).toBe('OK');
    }
  });
});
