import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

describe('login and me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs in with a case-insensitive email and answers me with the bearer token', async () => {
    const u = await t.user({ email: 'Chair@Example.org' });
    const res = await t.ok<{ login: { token: string; user: { email: string } } }>(
      `mutation { login(email: "chair@example.ORG", password: "a-long-test-password") { token user { email } } }`,
    );
    expect(res.login.user.email).toBe('Chair@Example.org');
    const me = await t.ok<{ me: { id: string } }>('{ me { id } }', {}, { token: res.login.token });
    expect(me.me.id).toBe(u.id);
  });

  it('gives the same error for an unknown email and a wrong password', async () => {
    await t.user({ email: 'known@example.org' });
    const a = await t.request(
      `mutation { login(email: "known@example.org", password: "wrong-password-123") { token } }`,
    );
    const b = await t.request(
      `mutation { login(email: "nobody@example.org", password: "wrong-password-123") { token } }`,
    );
    expect(a.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(b.errors?.[0]).toEqual(a.errors?.[0]);
  });

  it('refuses an email holding a NUL like any wrong sign-in, not with a database error', async () => {
    // PostgreSQL text cannot hold U+0000 (found by test/fuzz.test.ts). Over HTTP the NUL guard refuses
    // it first (hardening.test.ts); the service, which has other callers, fails it as a wrong sign-in.
    await expect(
      t.services.identity.login('known\u0000@example.org', 'whatever-it-is'),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
