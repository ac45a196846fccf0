import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateOperationalGroupDocument,
  MeDocument,
  SetGroupMembershipDocument,
  UpdateUserRolesDocument,
  UsersDocument,
} from '@throughline/sdk';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import type { Viewer } from '../../shared/viewer';
import { Role } from './user.entity';
import { ViewerCache } from './viewer-cache';

const viewer = (id: string): Viewer => ({
  id,
  partnershipId: 'p',
  email: `${id}@example.org`,
  name: id,
  roles: [],
  memberships: new Map(),
  sessionId: `s-${id}`,
});

describe('ViewerCache', () => {
  const listening = () => {
    const c = new ViewerCache({ ttlMs: 1000, maxEntries: 3 });
    c.setListening(true);
    return c;
  };

  it('serves nothing while it cannot hear changes, and forgets everything when it stops hearing them', () => {
    const c = new ViewerCache();
    c.store(c.mark(), 'h1', viewer('u1'), 60_000);
    expect(c.lookup('h1')).toBeNull();
    c.setListening(true);
    c.store(c.mark(), 'h1', viewer('u1'), 60_000);
    expect(c.lookup('h1')?.id).toBe('u1');
    c.setListening(false);
    expect(c.lookup('h1')).toBeNull();
    c.setListening(true);
    expect(c.lookup('h1')).toBeNull();
  });

  it('keeps an entry no longer than the TTL nor past the session expiry', () => {
    const c = listening();
    c.store(c.mark(), 'long', viewer('u1'), 60_000, 0);
    c.store(c.mark(), 'short', viewer('u2'), 200, 0);
    expect(c.lookup('long', 999)?.id).toBe('u1');
    expect(c.lookup('long', 1000)).toBeNull();
    expect(c.lookup('short', 199)?.id).toBe('u2');
    expect(c.lookup('short', 200)).toBeNull();
  });

  it('does not store what a read saw before a change (a revocation racing a request in flight)', () => {
    const c = listening();
    const mark = c.mark();
    c.userChanged('someone-else');
    c.store(mark, 'h1', viewer('u1'), 60_000);
    expect(c.lookup('h1')).toBeNull();
    c.store(c.mark(), 'h1', viewer('u1'), 60_000);
    expect(c.lookup('h1')?.id).toBe('u1');
  });

  it('forgets every session of a changed user and only theirs; drops the oldest when full', () => {
    const c = listening();
    c.store(c.mark(), 'a1', viewer('a'), 60_000);
    c.store(c.mark(), 'a2', viewer('a'), 60_000);
    c.store(c.mark(), 'b1', viewer('b'), 60_000);
    c.userChanged('a');
    expect([c.lookup('a1'), c.lookup('a2'), c.lookup('b1')?.id]).toEqual([null, null, 'b']);
    c.store(c.mark(), 'c1', viewer('c'), 60_000);
    c.store(c.mark(), 'd1', viewer('d'), 60_000);
    c.store(c.mark(), 'e1', viewer('e'), 60_000);
    expect(c.size).toBe(3);
    expect(c.lookup('b1')).toBeNull();
    expect(c.lookup('e1')?.id).toBe('e');
  });
});

describe('signed-in viewers kept in memory, over HTTP', () => {
  let t: TestApp;
  let other: pg.Client; // another replica, or an operator's psql: changes the API did not make
  beforeAll(async () => {
    t = await startTestApp();
    other = new pg.Client({ connectionString: t.db.url });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  const sessionStatements = () =>
    t.statements.statements.filter((s) => /FROM session s JOIN app_user u/.test(s)).length;

  it('checks a session in the database once, then answers from memory', async () => {
    const u = await t.user();
    t.statements.reset();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me?.id).toBe(u.id);
    expect(sessionStatements()).toBe(1);
    t.statements.reset();
    for (let i = 0; i < 3; i++) expect((await t.ok(MeDocument, {}, { token: u.token })).me?.id).toBe(u.id);
    expect(sessionStatements()).toBe(0);
  });

  it('refuses a session revoked by another connection once its notification arrives', async () => {
    const u = await t.user();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me?.id).toBe(u.id);
    await other.query('UPDATE session SET revoked_at = now() WHERE user_id = $1', [u.id]);
    await t.settle();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me).toBeNull();
  });

  it('applies role changes made through the API to the very next request', async () => {
    const admin = await t.user({ roles: [Role.ADMIN] });
    const u = await t.user({ roles: [Role.ADMIN] });
    expect((await t.request(UsersDocument, {}, { token: u.token })).errors).toBeUndefined();
    const { users } = await t.ok(UsersDocument, {}, { token: admin.token });
    const version = users.find((x) => x.id === u.id)!.version;
    await t.ok(UpdateUserRolesDocument, { id: u.id, version, roles: [Role.BOARD] }, { token: admin.token });
    const after = await t.request(UsersDocument, {}, { token: u.token });
    expect(after.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('applies membership changes made through the API to the very next request', async () => {
    const admin = await t.user({ roles: [Role.ADMIN] });
    const chair = await t.user();
    const { createOperationalGroup: group } = await t.ok(
      CreateOperationalGroupDocument,
      { input: { name: `Group ${Date.now()}` } },
      { token: admin.token },
    );
    const groupsOf = async () =>
      (await t.ok(UsersDocument, {}, { token: admin.token })).users.find((x) => x.id === chair.id)!
        .memberships;
    // The chair's viewer is cached without the membership...
    expect((await t.ok(MeDocument, {}, { token: chair.token })).me?.id).toBe(chair.id);
    await t.ok(
      SetGroupMembershipDocument,
      { groupId: group.id, userId: chair.id, role: 'CHAIR' },
      { token: admin.token },
    );
    expect(await groupsOf()).toHaveLength(1);
    // ...and the next request sees it: the chair may now edit the group's actions.
    const viewerNow = await t.services.identity.authenticate(chair.token);
    expect(viewerNow?.memberships.get(group.id)).toBe('CHAIR');
  });

  it('reads every session from the database while the notification connection is down', async () => {
    const u = await t.user();
    const v = await t.user();
    expect((await t.ok(MeDocument, {}, { token: u.token })).me?.id).toBe(u.id);
    await other.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'throughline-viewer-changes' AND datname = current_database()`,
    );
    await until(() => !t.app.viewerChanges.listening);
    // A change made while nobody listens is never notified to us, and must still be honoured.
    await other.query('UPDATE session SET revoked_at = now() WHERE user_id = $1', [u.id]);
    expect((await t.ok(MeDocument, {}, { token: u.token })).me).toBeNull();
    t.statements.reset();
    await t.ok(MeDocument, {}, { token: v.token });
    await t.ok(MeDocument, {}, { token: v.token });
    expect(sessionStatements()).toBe(2);
    // It reconnects by itself, and memory serves again.
    await until(() => t.app.viewerChanges.listening, 10_000);
    await t.ok(MeDocument, {}, { token: v.token });
    t.statements.reset();
    await t.ok(MeDocument, {}, { token: v.token });
    expect(sessionStatements()).toBe(0);
  });
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}
