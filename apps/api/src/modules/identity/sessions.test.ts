import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, LogoutDocument, MeDocument } from '@throughline/sdk';
import { startTestApp, type TestApp } from '../../../test/support/test-app';

const PASSWORD = 'a-long-test-password';

/** A raw POST, so the test sees headers (Set-Cookie) and can send a Cookie as a browser would. */
async function post(t: TestApp, query: string, headers: Record<string, string> = {}, variables = {}) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    res,
    body: (await res.json()) as {
      data?: Record<string, never>;
      errors?: Array<{ extensions: Record<string, unknown> }>;
    },
  };
}

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }`;

describe('sessions (development cookie)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sets an HttpOnly, SameSite=Lax session cookie that signs the browser in', async () => {
    const u = await t.user();
    const { res, body } = await post(t, LOGIN, {}, { email: u.email, password: PASSWORD });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^throughline_session=[\w-]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toMatch(/Secure|Domain/);
    const token = /^throughline_session=([\w-]+)/.exec(cookie)![1];
    expect(token).toBe(body.data!.login['token']);

    // The cookie alone authenticates (no Authorization header), as the web app does.
    const me = await post(t, '{ me { id } }', { cookie: `other=1; throughline_session=${token}` });
    expect(me.body.data!.me).toEqual({ id: u.id });
    // A cookie under the production name is not read in development, and vice versa.
    const wrong = await post(t, '{ me { id } }', { cookie: `__Host-throughline_session=${token}` });
    expect(wrong.body.data!.me).toBeNull();
  });

  it('stores only a hash of the token, and rotates the session on every sign-in', async () => {
    const u = await t.user();
    const a = await t.ok(LoginDocument, { email: u.email, password: PASSWORD });
    const b = await t.ok(LoginDocument, { email: u.email, password: PASSWORD });
    expect(a.login.token).not.toBe(b.login.token);
    const stored = await t.dataSource.query(`SELECT token_hash FROM session WHERE user_id = $1`, [u.id]);
    for (const row of stored) expect([a.login.token, b.login.token]).not.toContain(row.token_hash);

    // Signing in again from a browser that still holds a session revokes that old session.
    const c = await post(
      t,
      LOGIN,
      { cookie: `throughline_session=${b.login.token}` },
      { email: u.email, password: PASSWORD },
    );
    const newToken = c.body.data!.login['token'];
    expect(newToken).not.toBe(b.login.token);
    expect((await t.ok(MeDocument, {}, { token: b.login.token })).me).toBeNull();
    expect((await t.ok(MeDocument, {}, { token: newToken })).me?.id).toBe(u.id);
    // a's session was not presented, so it is still valid (another device).
    expect((await t.ok(MeDocument, {}, { token: a.login.token })).me?.id).toBe(u.id);
  });

  it('logout revokes the session: the token is refused afterwards and the cookie is cleared', async () => {
    const u = await t.user();
    const { res } = await post(t, 'mutation { logout }', { authorization: `Bearer ${u.token}` });
    expect(res.headers.get('set-cookie')).toMatch(/^throughline_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect((await t.ok(MeDocument, {}, { token: u.token })).me).toBeNull();
    const again = await t.request(LogoutDocument, {}, { token: u.token });
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [row] = await t.dataSource.query(`SELECT revoked_at FROM session WHERE user_id = $1`, [u.id]);
    expect(row.revoked_at).toBeInstanceOf(Date);
  });

  it('refuses a session past its absolute expiry', async () => {
    const u = await t.user();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me?.id).toBe(u.id);
    await t.dataSource.query(
      `UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [u.id],
    );
    await t.settle();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me).toBeNull();
  });

  it('refuses a session idle for more than two hours, and keeps an active one alive', async () => {
    const idle = await t.user();
    await t.dataSource.query(
      `UPDATE session SET last_seen_at = now() - interval '121 minutes' WHERE user_id = $1`,
      [idle.id],
    );
    expect((await t.ok(MeDocument, {}, { token: idle.token })).me).toBeNull();

    const active = await t.user();
    await t.dataSource.query(
      `UPDATE session SET last_seen_at = now() - interval '119 minutes' WHERE user_id = $1`,
      [active.id],
    );
    expect((await t.ok(MeDocument, {}, { token: active.token })).me?.id).toBe(active.id);
    const [row] = await t.dataSource.query(
      `SELECT now() - last_seen_at < interval '1 minute' AS fresh FROM session WHERE user_id = $1`,
      [active.id],
    );
    expect(row.fresh).toBe(true);
  });

  it('refuses a deactivated user at once, whatever sessions they hold', async () => {
    const u = await t.user();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me?.id).toBe(u.id);
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [u.id]);
    await t.settle();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me).toBeNull();
    const login = await t.request(LoginDocument, { email: u.email, password: PASSWORD });
    expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('returns null from me for anonymous callers (how the web app asks whether anyone is signed in)', async () => {
    const res = await t.request(MeDocument);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toBeNull();
  });
});

describe('sessions (production cookie)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ production: true });
  });
  afterAll(() => t.close());

  it('uses a Secure __Host- cookie with no Domain', async () => {
    const u = await t.user();
    const { res } = await post(t, LOGIN, {}, { email: u.email, password: PASSWORD });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^__Host-throughline_session=[\w-]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
    );
    const token = /^__Host-throughline_session=([\w-]+)/.exec(cookie)![1];
    const me = await post(t, '{ me { id } }', { cookie: `__Host-throughline_session=${token}` });
    expect(me.body.data!.me).toEqual({ id: u.id });
    const plain = await post(t, '{ me { id } }', { cookie: `throughline_session=${token}` });
    expect(plain.body.data!.me).toBeNull();
  });
});
