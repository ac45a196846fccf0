import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../bootstrap';
import { ConfigError, type Config } from '../../config/config';
import { createLogger } from '../../logging/logger';
import { Role, startTestApp, type TestApp } from '../../../test/support/test-app';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

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
