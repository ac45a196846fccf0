import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestApp } from '../../test/support/test-app';

const LIMIT = 3;
const CREATE = `mutation($t: String!) { createStrategy(input: { title: $t }) { id } }`;

/** A raw POST, so the test sees the HTTP status and the Retry-After header. */
async function post(
  t: TestApp,
  query: string,
  variables: object,
  opts: { token?: string; ip?: string } = {},
) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
  };
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    code: (body.errors?.[0]?.extensions.code as string | undefined) ?? 'OK',
    body,
  };
}

const strategies = async (t: TestApp, title: string): Promise<number> =>
  (await t.dataSource.query(`SELECT count(*)::int AS n FROM strategy WHERE title LIKE $1`, [`${title}%`]))[0]
    .n;

describe(`mutation rate limit (${LIMIT} a minute in this test)`, () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ mutationsPerMinute: LIMIT, logger: pino({ level: 'warn' }, sink) });
  });
  afterAll(() => t.close());

  it('refuses a signed-in user past the limit with 429, TOO_MANY_REQUESTS and Retry-After; nothing runs', async () => {
    const admin = await t.user({ roles: [Role.ADMIN] });
    for (let i = 0; i < LIMIT; i++) {
      expect((await post(t, CREATE, { t: `Burst ${i}` }, { token: admin.token })).code).toBe('OK');
    }
    const [{ n: audits }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
    const refused = await post(t, CREATE, { t: 'Burst over' }, { token: admin.token });
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.body.data ?? null).toBeNull();
    const error = refused.body.errors![0];
    const wait = error.extensions.retryAfterSeconds as number;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.retryAfter).toBe(String(wait));
    expect(error.message).toMatch(/^Too many changes in a short time\. Try again in \d+ seconds?\.$/);
    expect(error.extensions).not.toHaveProperty('http');
    expect(await strategies(t, 'Burst over')).toBe(0);
    const [{ n: auditsAfter }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
    expect(auditsAfter).toBe(audits);
    expect(logLines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ event: 'mutation.throttled', userId: admin.id }),
    );

    // Reading is not limited, and another user has their own budget.
    expect((await post(t, '{ me { id } }', {}, { token: admin.token })).body.data).toEqual({
      me: { id: admin.id },
    });
    const other = await t.user({ roles: [Role.ADMIN] });
    expect((await post(t, CREATE, { t: 'Other user' }, { token: other.token })).code).toBe('OK');
  });

  it('counts each mutation of an operation: aliases cannot batch past the limit', async () => {
    const admin = await t.user({ roles: [Role.ADMIN] });
    const many = `mutation { ${Array.from(
      { length: LIMIT + 1 },
      (_, i) => `s${i}: createStrategy(input: { title: "Aliased ${i}" }) { id }`,
    ).join(' ')} }`;
    const refused = await post(t, many, {}, { token: admin.token });
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(await strategies(t, 'Aliased')).toBe(0);
  });

  it('limits anonymous callers by address', async () => {
    const login = `mutation($e: String!) { login(email: $e, password: "not-a-real-password") { token } }`;
    for (let i = 0; i < LIMIT; i++) {
      expect((await post(t, login, { e: `nobody-${i}@example.org` }, { ip: '10.40.0.1' })).code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const refused = await post(t, login, { e: 'nobody@example.org' }, { ip: '10.40.0.1' });
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.retryAfter).toBe(String(refused.body.errors![0].extensions.retryAfterSeconds));
    // Another address is not affected.
    expect((await post(t, login, { e: 'nobody@example.org' }, { ip: '10.40.0.2' })).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('adds no SQL statement: a refused mutation costs at most the session lookup', async () => {
    const admin = await t.user({ roles: [Role.ADMIN] });
    for (let i = 0; i < LIMIT; i++) await post(t, CREATE, { t: `Counted ${i}` }, { token: admin.token });
    await post(t, '{ me { id } }', {}, { token: admin.token }); // the session is now held in memory
    t.statements.reset();
    expect((await post(t, CREATE, { t: 'Counted over' }, { token: admin.token })).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    // Nothing but, were the session cache off, the session lookup itself.
    expect(t.statements.statements.filter((s) => !/FROM session s JOIN app_user u/.test(s))).toEqual([]);
  });
});
