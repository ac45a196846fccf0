import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallPlan } from '../../../test/support/small-plan';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import { todayIso } from '../../shared/dates';

const CREATE = `mutation C($input: ActionInput!) { createAction(input: $input) { id version dueOn } }`;
const UPDATE = `mutation U($id: ID!, $version: Int!, $input: ActionPatch!) {
  updateAction(id: $id, version: $version, input: $input) { id version dueOn } }`;
const HISTORY = `query H($id: ID!) { action(id: $id) { dueOn overdue
  dueOnHistory { dueOn previousDueOn changedOn reason by { id name } } } }`;
const ROLLUP = `query R($s: ID!, $asOf: Date) { boardRollup(strategyId: $s, asOf: $asOf) {
  totals { total overdue } objectives { actions { overdue } } } }`;

interface Change {
  dueOn: string | null;
  previousDueOn: string | null;
  changedOn: string;
  reason: string | null;
  by: { id: string } | null;
}

describe('due-date history', () => {
  let t: TestApp;
  let admin: TestUser;
  let objective: ObjectiveEntity;
  let groupId: string;
  let seq = 0;

  const create = async (input: Record<string, unknown>) =>
    (
      await t.ok<{ createAction: { id: string; version: number } }>(
        CREATE,
        {
          input: { objectiveId: objective.id, groupId, ref: `D${++seq}`, title: 'Refuge places', ...input },
        },
        { token: admin.token },
      )
    ).createAction;
  const history = async (id: string) =>
    (
      await t.ok<{ action: { dueOn: string | null; overdue: boolean; dueOnHistory: Change[] } }>(
        HISTORY,
        { id },
        { token: admin.token },
      )
    ).action;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    ({ groupId, objective } = await smallPlan(t, admin.token));
  });
  afterAll(() => t.close());

  it('moving the due date of an agreed action needs a reason, and is kept with who and when', async () => {
    const a = await create({ agreedOn: '2025-01-10', dueOn: '2025-08-31' });
    const refused = await t.request(
      UPDATE,
      { id: a.id, version: a.version, input: { dueOn: '2027-06-30' } },
      { token: admin.token },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'dueOnChangeReason',
    });
    expect(refused.errors?.[0]?.message).toMatch(/reason/i);
    expect((await history(a.id)).dueOn).toBe('2025-08-31');

    const reason = 'Refuge provider changed: new contract starts in 2027.';
    await t.ok(
      UPDATE,
      { id: a.id, version: a.version, input: { dueOn: '2027-06-30', dueOnChangeReason: `  ${reason} ` } },
      { token: admin.token },
    );
    // A change to something else needs no reason and adds nothing to the history.
    await t.ok(
      UPDATE,
      { id: a.id, version: a.version + 1, input: { title: 'Refuge beds' } },
      { token: admin.token },
    );
    const h = await history(a.id);
    expect(h.dueOn).toBe('2027-06-30');
    expect(h.overdue).toBe(false);
    expect(h.dueOnHistory).toEqual([
      {
        dueOn: '2025-08-31',
        previousDueOn: null,
        changedOn: '2025-01-10',
        reason: null,
        by: expect.objectContaining({ id: admin.id }),
      },
      {
        dueOn: '2027-06-30',
        previousDueOn: '2025-08-31',
        changedOn: todayIso(),
        reason,
        by: expect.objectContaining({ id: admin.id }),
      },
    ]);
    const [audit] = await t.dataSource.query(
      `SELECT after FROM audit_entry WHERE entity_id = $1 AND operation = 'updateAction' ORDER BY id LIMIT 1`,
      [a.id],
    );
    expect(audit.after).toMatchObject({ dueOn: '2027-06-30', dueOnChangeReason: reason });
  });

  it('an action agreed today may have its date moved without a reason (it is still being drafted)', async () => {
    const a = await create({ dueOn: '2030-01-31' });
    await t.ok(
      UPDATE,
      { id: a.id, version: a.version, input: { dueOn: '2030-03-31' } },
      { token: admin.token },
    );
    expect((await history(a.id)).dueOnHistory.map((c) => [c.previousDueOn, c.dueOn, c.reason])).toEqual([
      [null, '2030-01-31', null],
      ['2030-01-31', '2030-03-31', null],
    ]);
  });

  it('the board as of a past date counts the action overdue by the due date in force then', async () => {
    const s = await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'Second strategy', updateCadenceDays: 90 });
    const o = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: s.id, code: 'P1', title: 'P' });
    const a = await create({ objectiveId: o.id, agreedOn: '2025-01-10', dueOn: '2025-08-31' });
    const asOf = async (date: string | null) =>
      (
        await t.ok<{ boardRollup: { totals: { overdue: number } } }>(
          ROLLUP,
          { s: s.id, asOf: date },
          { token: admin.token },
        )
      ).boardRollup.totals.overdue;
    expect(await asOf('2025-09-30')).toBe(1);
    await t.ok(
      UPDATE,
      { id: a.id, version: a.version, input: { dueOn: '2030-12-31', dueOnChangeReason: 'Funding moved' } },
      { token: admin.token },
    );
    // The past is not rewritten: on 30 September 2025 it was due on 31 August and still open.
    expect(await asOf('2025-09-30')).toBe(1);
    expect(await asOf('2025-08-31')).toBe(0);
    expect(await asOf(null)).toBe(0);
  });
});
