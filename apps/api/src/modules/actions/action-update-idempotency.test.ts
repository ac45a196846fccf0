import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import type { Viewer } from '../../shared/viewer';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';

/** docs/security.md, checklist R3: replaying addActionUpdate with the same client key makes one update. */

const ADD_UPDATE = `mutation A($input: ActionUpdateInput!) {
  addActionUpdate(input: $input) { id status progress reportedOn action { id version status } } }`;

interface UpdateOut {
  id: string;
  status: string;
  progress: string;
  reportedOn: string;
  action: { id: string; version: number; status: string };
}

describe('addActionUpdate with a client key (idempotent)', () => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  let other: TestUser;
  let viewer: Viewer;
  let groupId: string;
  let objectiveId: string;
  let seq = 0;

  const newAction = async () =>
    (
      await t.services.actions.createAction(viewer, {
        objectiveId,
        groupId,
        ref: `IK${++seq}`,
        title: 'Publish the refuge referral pathway',
      })
    ).id;
  // Progress text is required: every update here says something unless a test gives its own.
  const post = (input: Record<string, unknown>, token = member.token) =>
    t.request<{ addActionUpdate: UpdateOut }>(
      ADD_UPDATE,
      { input: { progress: 'Work continues', ...input } },
      { token },
    );
  const rowsOf = async (actionId: string) =>
    (await t.dataSource.query(`SELECT id, client_key FROM action_update WHERE action_id = $1`, [
      actionId,
    ])) as Array<{ id: string; client_key: string | null }>;
  const auditOf = async (actionId: string) =>
    (await t.dataSource.query(
      `SELECT e.entity_id FROM audit_entry e JOIN action_update u ON u.id::text = e.entity_id
        WHERE e.operation = 'addActionUpdate' AND u.action_id = $1`,
      [actionId],
    )) as Array<{ entity_id: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    member = await t.user();
    other = await t.user();
    viewer = {
      id: admin.id,
      partnershipId: t.partnershipId,
      email: admin.email,
      name: 'Admin',
      roles: [Role.ADMIN],
      memberships: new Map(),
      sessionId: '',
    };
    groupId = (
      await t.services.operationalGroups.createOperationalGroup(viewer, {
        name: 'Refuges',
        memberIds: [member.id, other.id],
      })
    ).id;
    const strategy = await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'VAWG Strategy', updateCadenceDays: 90 });
    objectiveId = (
      await t.dataSource
        .getRepository(ObjectiveEntity)
        .save({ strategyId: strategy.id, code: 'O1', title: 'Safe accommodation' })
    ).id;
  });
  afterAll(() => t.close());

  it('a replay returns the original update: no second row, no second audit entry, no version bump', async () => {
    const actionId = await newAction();
    const clientKey = randomUUID();
    const input = { actionId, clientKey, status: 'IN_PROGRESS', rag: 'AMBER', progress: ' Drafted ' };
    await t.ok('{ me { id } }', {}, { token: member.token }); // the session's last-seen bump, if due

    t.statements.reset();
    const first = await post(input);
    expect(first.errors).toBeUndefined();
    // The key costs no statement: lock (with the closed-period check's rounds), the update with the
    // action's state and its audit entry (+ the action field), as without a key (action-update.test.ts).
    expect(t.statements.count).toBe(3);

    t.statements.reset();
    const again = await post(input);
    expect(again.errors).toBeUndefined();
    // lock (with the closed-period check's rounds), the statement that finds the first update; no
    // audit (+ the action field)
    expect(t.statements.count).toBe(3);

    expect(again.data!.addActionUpdate).toEqual(first.data!.addActionUpdate);
    expect(first.data!.addActionUpdate).toMatchObject({ progress: 'Drafted', action: { version: 2 } });
    expect(await rowsOf(actionId)).toEqual([{ id: first.data!.addActionUpdate.id, client_key: clientKey }]);
    expect(await auditOf(actionId)).toEqual([{ entity_id: first.data!.addActionUpdate.id }]);
  });

  it('a replay on a later day without reportedOn is the same update (the date was "today" when sent)', async () => {
    const actionId = await newAction();
    const clientKey = randomUUID();
    const first = await post({ actionId, clientKey, status: 'NOT_STARTED' });
    // As if the first was recorded yesterday and the client retries today.
    await t.dataSource.query(`UPDATE action_update SET reported_on = reported_on - 1 WHERE id = $1`, [
      first.data!.addActionUpdate.id,
    ]);
    const again = await post({ actionId, clientKey, status: 'NOT_STARTED' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.addActionUpdate.id).toBe(first.data!.addActionUpdate.id);
    expect(await rowsOf(actionId)).toHaveLength(1);
  });

  it('the same key with different content, or from someone else, is BAD_USER_INPUT naming clientKey', async () => {
    const actionId = await newAction();
    const clientKey = randomUUID();
    const input = { actionId, clientKey, status: 'IN_PROGRESS', rag: 'GREEN', reportedOn: '2025-01-31' };
    const first = await post(input);
    expect(first.errors).toBeUndefined();
    for (const [changed, token] of [
      [{ status: 'COMPLETE' }, member.token],
      [{ rag: null }, member.token],
      [{ progress: 'Something else' }, member.token],
      [{ impact: 'Something else' }, member.token],
      [{ reportedOn: '2025-01-30' }, member.token],
      [{}, other.token],
    ] as const) {
      const res = await post({ ...input, ...changed }, token);
      expect(res.errors?.[0]?.extensions, JSON.stringify(changed)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'clientKey',
      });
    }
    expect(await rowsOf(actionId)).toHaveLength(1);
    expect(await auditOf(actionId)).toHaveLength(1);
  });

  it('keys belong to one action, and updates without a key are never merged', async () => {
    const a = await newAction();
    const b = await newAction();
    const clientKey = randomUUID();
    const onA = await post({ actionId: a, clientKey, status: 'IN_PROGRESS' });
    const onB = await post({ actionId: b, clientKey, status: 'IN_PROGRESS' });
    expect(onB.data!.addActionUpdate.id).not.toBe(onA.data!.addActionUpdate.id);
    await post({ actionId: a, status: 'IN_PROGRESS' });
    await post({ actionId: a, status: 'IN_PROGRESS', clientKey: null });
    expect(await rowsOf(a)).toHaveLength(3);
    expect(await rowsOf(b)).toHaveLength(1);
  });

  it('refuses a malformed key, naming clientKey', async () => {
    const actionId = await newAction();
    for (const clientKey of ['', 'short', 'has spaces in it', 'x'.repeat(101), 'ünïcødé-key-1234']) {
      const res = await post({ actionId, clientKey, status: 'IN_PROGRESS' });
      expect(res.errors?.[0]?.extensions, clientKey).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'clientKey',
      });
    }
    expect(await rowsOf(actionId)).toEqual([]);
  });

  it('simultaneous requests with the same key make exactly one update, and all of them return it', async () => {
    const actionId = await newAction();
    const clientKey = randomUUID();
    const input = { actionId, clientKey, status: 'IN_PROGRESS', rag: 'RED', progress: 'Double click' };
    const results = await Promise.all(Array.from({ length: 6 }, () => post(input)));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const ids = new Set(results.map((r) => r.data!.addActionUpdate.id));
    expect(ids.size).toBe(1);
    expect(await rowsOf(actionId)).toHaveLength(1);
    expect(await auditOf(actionId)).toHaveLength(1);
    const [{ version }] = await t.dataSource.query(`SELECT version FROM action WHERE id = $1`, [actionId]);
    expect(version).toBe(2);
    // And the database itself holds the line, whatever path a row takes.
    await expect(
      t.dataSource.query(
        `INSERT INTO action_update (action_id, reported_on, status, client_key)
         VALUES ($1, '2025-01-01', 'IN_PROGRESS', $2)`,
        [actionId, clientKey],
      ),
    ).rejects.toThrow(/uq_action_update_client_key/);
  });
});
