import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { baseURL, createUser } from './support';

// Plain HTTP against the running app, as a browser without JavaScript (or an attacker) sends it.

/** Posts the sign-in form as if through a reverse proxy on this host that saw `clientAddress`. */
function signIn(email: string, password: string, opts: { clientAddress?: string; returnTo?: string } = {}) {
  const body = new URLSearchParams({
    email,
    password,
    ...(opts.returnTo ? { returnTo: opts.returnTo } : {}),
  });
  return fetch(`${baseURL}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      // As a browser's form post (with */* SvelteKit would answer as to its own enhanced forms).
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      origin: baseURL,
      ...(opts.clientAddress ? { 'x-forwarded-for': opts.clientAddress } : {}),
    },
    body,
  });
}

const sessionCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => /session=./.test(c));

describe('the web app behind a reverse proxy', () => {
  test("one address's failed sign-ins throttle that address, not everyone behind the proxy", async () => {
    const user = await createUser('Proxy Person', ['BOARD']);
    const attacker = `198.51.100.${1 + (randomBytes(1)[0] % 200)}`;
    let last = 0;
    // 30 failures an hour per address: the 31st is refused before any password is checked.
    for (let i = 0; i < 31; i++) {
      const res = await signIn(
        `nobody-${i}-${randomBytes(3).toString('hex')}@example.org`,
        'wrong-password',
        {
          clientAddress: attacker,
        },
      );
      last = res.status;
    }
    expect(last).toBe(429);

    const someoneElse = await signIn(user.email, user.password, { clientAddress: '203.0.113.9' });
    expect(someoneElse.status).toBe(303);
    expect(sessionCookie(someoneElse)).toBeTruthy();
  });
});

describe('where sign-in sends you', () => {
  test.each([
    ['/\t/evil.example/', '/'],
    ['/\n/evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['//evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/\n', '/'],
    ['/actions?status=late#top', '/actions?status=late#top'],
  ])('returnTo %j goes to %s', async (returnTo, expected) => {
    const user = await createUser('Return Person', ['BOARD']);
    const res = await signIn(user.email, user.password, { returnTo });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!, baseURL);
    expect(location.origin).toBe(baseURL);
    expect(location.pathname + location.search + location.hash).toBe(expected);
  });

  test('a signed-in visitor with a hostile returnTo in the address gets a page on this site, not a 500', async () => {
    const user = await createUser('Return Person', ['BOARD']);
    const cookie = sessionCookie(await signIn(user.email, user.password))!;
    for (const q of ['%2F%09%2Fevil.example%2F', '%2F%0A', '%0A']) {
      const res = await fetch(`${baseURL}/sign-in?returnTo=${q}`, {
        redirect: 'manual',
        headers: { cookie },
      });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location')!, baseURL).origin).toBe(baseURL);
    }
  });
});

describe('signing out', () => {
  test('a POST without a content type or our origin does not sign anyone out', async () => {
    const user = await createUser('Sign Out Person', ['BOARD']);
    const cookie = sessionCookie(await signIn(user.email, user.password))!;
    const home = () =>
      fetch(`${baseURL}/`, { redirect: 'manual', headers: { cookie } }).then((r) => r.status);

    const hostile: Array<Record<string, string>> = [
      {},
      { origin: 'https://evil.example' },
      { 'content-type': 'text/plain' },
    ];
    for (const headers of hostile) {
      const res = await fetch(`${baseURL}/sign-out`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, ...headers },
      });
      expect(res.status).toBe(403);
      expect(await home()).toBe(200);
    }

    const own = await fetch(`${baseURL}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: baseURL, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(own.status).toBe(303);
    expect(await home()).toBe(303); // the session is over: sent to sign in
  });
});

describe('failed sign-ins', () => {
  test('the account holder is told on the first page after signing in, once', async () => {
    const user = await createUser('Alert Person', ['BOARD']);
    expect((await signIn(user.email, 'not-the-password', { clientAddress: '198.51.100.250' })).status).toBe(
      400,
    );
    const cookie = sessionCookie(await signIn(user.email, user.password))!;
    const home = await fetch(`${baseURL}/`, { headers: { cookie } }).then((r) => r.text());
    expect(home).toContain('Someone gave a wrong password for your account');
    expect(home).toContain('href="/account/password"');

    const next = sessionCookie(await signIn(user.email, user.password))!;
    const later = await fetch(`${baseURL}/`, { headers: { cookie: next } }).then((r) => r.text());
    expect(later).not.toContain('Someone gave a wrong password');
  });
});
