import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../bootstrap';
import { ConfigError, type Config } from '../../config/config';
import { createLogger } from '../../logging/logger';
import { Role, startTestApp, type TestApp } from '../../../test/support/test-app';
import { DEFAULT_THROTTLE } from './login-throttle';

const PASSWORD = 'a-long-test-password';
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const CHANGE = `mutation($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) }`;
const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;

interface Reply {
  code: string;
  field?: unknown;
  message?: string;
  extensions: Record<string, unknown>;
  data: Record<string, unknown> | null | undefined;
  retryAfter: string | null;
}

/** A raw POST, so the test sees the Retry-After header; from `ip` (the server trusts its loopback proxy). */
async function post(t: TestApp, query: string, variables: object, token?: string, ip = '10.9.0.1') {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': ip,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
  };
  const error = body.errors?.[0];
  return {
    code: (error?.extensions.code as string) ?? 'OK',
    field: error?.extensions.field,
    message: error?.message,
    extensions: error?.extensions ?? {},
    data: body.data,
    retryAfter: res.headers.get('retry-after'),
  } satisfies Reply;
}

const auditCount = async (t: TestApp, operation: string): Promise<number> =>
  (
    await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE operation = $1`, [operation])
  )[0].n;

describe('password policy and password change', () => {
  let t: TestApp;
  let admin: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN], name: 'Policy Admin' });
  });
  afterAll(() => t.close());

  describe('createUser', () => {
    const create = (password: string, who = { email: 'priya.shah@example.org', name: 'Priya Shah' }) =>
      post(t, CREATE, { input: { ...who, password, roles: [] } }, admin.token);

    it.each([
      'Password123456', // the list's "password123" plus a digit
      'qwertyuiop123', // a keyboard row
      'iloveyou1234',
      'P@ssw0rd2024!', // l33t and a year do not hide it
      'passwordpassword', // repeated
      'trustno1trustno1',
    ])('refuses the common password %j, naming the field, creating nothing', async (password) => {
      const audits = await auditCount(t, 'createUser');
      const r = await create(password);
      expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect(r.message).toMatch(/too easy to guess/);
      expect(
        await t.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'priya.shah@example.org'`),
      ).toEqual([]);
      expect(await auditCount(t, 'createUser')).toBe(audits);
    });

    it.each([
      ['Priya-rocks-the-house', 'the first name'],
      ['my garden of shah roses', 'the surname, in lower case'],
      ['correct-PRIYASHAH-battery', 'the whole name, run together'],
      ['the kowalczyk family tree', "the email's local part, which is not the name"],
      ['Mx.Kowalczyk!garden', "the email's local part, with its dot"],
    ])('refuses %j, which holds %s', async (password) => {
      const r = await create(password, { email: 'mx.kowalczyk@example.org', name: 'Priya Shah' });
      expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect(r.message).toMatch(/must not contain the person's name or the first part of their email/);
    });

    it('looks only for name parts of four letters or more, and accepts a strong password', async () => {
      // "Al" appears in "always"; a two-letter name must not refuse half of all passwords.
      const r = await create('always-orange-tugboat-lantern', { email: 'al.ng@example.org', name: 'Al Ng' });
      expect(r.code).toBe('OK');
      const ok = await create('plum tractor beneath quiet harbour');
      expect(ok.code).toBe('OK');
    });
  });

  describe('changePassword', () => {
    it('replaces the hash, ends the other sessions only, and audits without the hash', async () => {
      const u = await t.user({ name: 'Morgan Ellis' });
      // A second session, as from another browser.
      const other = (await t.services.identity.login(u.email, PASSWORD)).token;
      const next = 'violet kettle under the stairs';

      const r = await post(t, CHANGE, { current: PASSWORD, next }, u.token);
      expect(r).toMatchObject({ code: 'OK', data: { changePassword: true } });

      // The session that made the change carries on; the other one has ended.
      expect((await post(t, '{ me { id } }', {}, u.token)).data).toEqual({ me: { id: u.id } });
      expect((await post(t, '{ me { id } }', {}, other)).data).toEqual({ me: null });
      const [row] = await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [u.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(await argon2.verify(row.password_hash, next)).toBe(true);
      // Only the new password signs in.
      expect((await post(t, LOGIN, { email: u.email, password: PASSWORD }, undefined, '10.9.1.1')).code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await post(t, LOGIN, { email: u.email, password: next }, undefined, '10.9.1.1')).code).toBe(
        'OK',
      );

      const entries = await t.dataSource.query(
        `SELECT actor_id, entity_type, entity_id, before, after FROM audit_entry
          WHERE operation = 'changePassword' AND entity_id = $1`,
        [u.id],
      );
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor_id: u.id,
        entity_type: 'User',
        after: { otherSessionsRevoked: 1 },
      });
      expect(JSON.stringify(entries)).not.toMatch(/passwordHash|password_hash|\$argon2/);
    });

    it('refuses a wrong current password, naming currentPassword, and changes nothing', async () => {
      const u = await t.user();
      const audits = await auditCount(t, 'changePassword');
      const r = await post(
        t,
        CHANGE,
        { current: 'not-my-password-at-all', next: 'violet kettle under the stairs' },
        u.token,
        '10.9.2.1',
      );
      expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      expect(r.message).toBe('Your current password is not correct.');
      expect((await post(t, LOGIN, { email: u.email, password: PASSWORD }, undefined, '10.9.2.1')).code).toBe(
        'OK',
      );
      expect(await auditCount(t, 'changePassword')).toBe(audits);
    });

    it.each([
      ['too short', 'short-pass', /at least 12 characters/],
      ['common', 'Password123456', /too easy to guess/],
      ['built on the name', 'quentin-was-here-2026', /must not contain your name/],
      ['the current one again', PASSWORD, /different from your current/],
    ])('refuses a new password that is %s, naming newPassword', async (_what, next, message) => {
      const u = await t.user({ name: 'Quentin Blake' });
      const r = await post(t, CHANGE, { current: PASSWORD, next }, u.token, '10.9.3.1');
      expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      expect(r.message).toMatch(message);
    });

    it('counts wrong current passwords against the sign-in throttle, so it cannot be used to guess', async () => {
      const u = await t.user();
      const next = 'violet kettle under the stairs';
      for (let i = 1; i <= DEFAULT_THROTTLE.accountFailures; i++) {
        const r = await post(t, CHANGE, { current: `wrong-guess-number-${i}`, next }, u.token, `10.9.4.${i}`);
        expect(r.code).toBe('BAD_USER_INPUT');
      }
      // The right password is refused now too, with the wait in the body and the header...
      const refused = await post(t, CHANGE, { current: PASSWORD, next }, u.token, '10.9.4.99');
      expect(refused.code).toBe('TOO_MANY_REQUESTS');
      const wait = refused.extensions.retryAfterSeconds as number;
      expect(wait).toBeGreaterThan(0);
      expect(refused.retryAfter).toBe(String(wait));
      // ...and the same budget guards the sign-in page.
      expect(
        (await post(t, LOGIN, { email: u.email, password: PASSWORD }, undefined, '10.9.4.99')).code,
      ).toBe('TOO_MANY_REQUESTS');
      const [row] = await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [u.id]);
      expect(await argon2.verify(row.password_hash, PASSWORD)).toBe(true);
    });

    it('is refused to anonymous callers', async () => {
      const r = await post(t, CHANGE, { current: PASSWORD, next: 'violet kettle under the stairs' });
      expect(r.code).toBe('UNAUTHENTICATED');
    });
  });

  it('stops start-up, naming THROUGHLINE_ADMIN_PASSWORD, when the administrator to create has a weak one', async () => {
    const config = { admin: { email: 'boss@example.org', password: 'Password123456' } } as Config;
    const logger = createLogger('silent');
    const error = await bootstrap(config, t.services, logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('THROUGHLINE_ADMIN_PASSWORD');
    expect((error as ConfigError).message).not.toContain('Password123456');
    expect(await t.services.identity.findUserByEmail('boss@example.org')).toBeNull();
  });
});
