import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import type { Viewer } from '../../shared/viewer';
import { MembershipRole } from '../identity/membership.entity';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { OutputEntity } from '../strategy/output.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import { PartnershipEntity } from '../identity/partnership.entity';
import { todayIso } from '../../shared/dates';
import { ActionEntity } from './action.entity';
import { OperationalGroupEntity } from './operational-group.entity';

const ACTION_FIELDS = `id ref title description successMeasure lead agreedOn startsOn dueOn version status rag
  overdue stale lastReportedOn group { id name } objective { id code } output { id title } tags { kind slug }
  latestUpdate { id status rag reportedOn progress }`;
const CREATE = `mutation C($input: ActionInput!) { createAction(input: $input) { ${ACTION_FIELDS} } }`;
const UPDATE = `mutation U($id: ID!, $version: Int!, $input: ActionPatch!) {
  updateAction(id: $id, version: $version, input: $input) { ${ACTION_FIELDS} } }`;
const ADD_UPDATE = `mutation A($input: ActionUpdateInput!) {
  addActionUpdate(input: $input) { id status rag reportedOn progress impact author { id } action { id status rag version } } }`;
const ONE = `query One($id: ID!) { action(id: $id) { ${ACTION_FIELDS} updates { id reportedOn status rag progress } } }`;

interface ActionOut {
  id: string;
  ref: string;
  version: number;
  status: string;
  rag: string | null;
  agreedOn: string;
  overdue: boolean;
  stale: boolean;
  lastReportedOn: string | null;
  group: { id: string };
  output: { id: string } | null;
  tags: Array<{ kind: string; slug: string }>;
  latestUpdate: { id: string; status: string; rag: string | null; reportedOn: string } | null;
  updates?: Array<{ id: string; reportedOn: string; status: string; rag: string | null; progress: string }>;
}

function daysAgo(n: number): string {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

describe('actions', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminViewer: Viewer;
  let chair: TestUser;
  let coordinator: TestUser;
  let member: TestUser;
  let otherChair: TestUser;
  let board: TestUser;
  let groupA: string;
  let groupB: string;
  let strategy: StrategyEntity;
  let o1: ObjectiveEntity;
  let o2: ObjectiveEntity;
  let p1: OutputEntity;
  let p2: OutputEntity;
  let seq = 0;

  const base = () => ({
    objectiveId: o1.id,
    groupId: groupA,
    ref: `T${++seq}`,
    title: 'Train housing officers in recognising coercive control',
  });
  const create = async (input: Record<string, unknown>, token = admin.token) =>
    (await t.ok<{ createAction: ActionOut }>(CREATE, { input: { ...base(), ...input } }, { token }))
      .createAction;
  const errorOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    res.errors?.[0]?.extensions;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    adminViewer = {
      id: admin.id,
      partnershipId: t.partnershipId,
      email: admin.email,
      name: 'Admin',
      roles: [Role.ADMIN],
      memberships: new Map(),
      sessionId: '',
    };
    chair = await t.user();
    coordinator = await t.user();
    member = await t.user();
    otherChair = await t.user();
    board = await t.user({ roles: [Role.BOARD] });
    const groups = t.services.operationalGroups;
    groupA = (
      await groups.createOperationalGroup(adminViewer, {
        name: 'Housing',
        chairId: chair.id,
        coordinatorId: coordinator.id,
        memberIds: [member.id],
      })
    ).id;
    groupB = (await groups.createOperationalGroup(adminViewer, { name: 'Health', chairId: otherChair.id }))
      .id;
    strategy = await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'VAWG Strategy 2025-2029', updateCadenceDays: 90 });
    o1 = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: strategy.id, code: 'O1', title: 'Prevention' });
    o2 = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: strategy.id, code: 'O2', title: 'Support' });
    p1 = await t.dataSource
      .getRepository(OutputEntity)
      .save({ objectiveId: o1.id, title: 'Training delivered' });
    p2 = await t.dataSource.getRepository(OutputEntity).save({ objectiveId: o2.id, title: 'Refuge places' });
  });
  afterAll(() => t.close());

  describe('createAction', () => {
    it('creates an action with defaults (agreedOn today, NOT_STARTED, unrated), tags and an audit entry', async () => {
      const a = await create(
        {
          ref: ' HP1 ',
          outputId: p1.id,
          description: 'Half-day course',
          successMeasure: '90% of officers trained',
          lead: 'Housing Options Manager',
          startsOn: '2025-04-01',
          dueOn: '2026-03-31',
          tags: ['ecological-level:institutional', 'theme:training', 'theme:training'],
        },
        chair.token,
      );
      expect(a).toMatchObject({
        ref: 'HP1',
        version: 1,
        status: 'NOT_STARTED',
        rag: null,
        agreedOn: todayIso(),
        group: { id: groupA },
        output: { id: p1.id },
        latestUpdate: null,
      });
      expect(a.tags).toEqual([
        { kind: 'ecological-level', slug: 'institutional' },
        { kind: 'theme', slug: 'training' },
      ]);
      const audit = await t.dataSource.query(`SELECT actor_id, after FROM audit_entry WHERE entity_id = $1`, [
        a.id,
      ]);
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_id).toBe(chair.id);
      expect(audit[0].after.tags).toEqual(['ecological-level:institutional', 'theme:training']);
    });

    it('lets the coordinator create for their group, and refuses members, other chairs, board and anonymous', async () => {
      await create({}, coordinator.token);
      for (const who of [member, otherChair, board]) {
        const res = await t.request(CREATE, { input: base() }, { token: who.token });
        expect(errorOf(res)?.code).toBe('FORBIDDEN');
      }
      expect(errorOf(await t.request(CREATE, { input: base() }))?.code).toBe('UNAUTHENTICATED');
    });

    it('names the field for every bad input, and writes nothing', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM action');
      const cases: Array<[string, Record<string, unknown>]> = [
        ['title', { title: '   ' }],
        ['title', { title: 'x'.repeat(301) }],
        ['ref', { ref: '' }],
        ['ref', { ref: 'R'.repeat(41) }],
        ['description', { description: 'x'.repeat(5001) }],
        ['dueOn', { startsOn: '2025-05-01', dueOn: '2025-04-30' }],
        ['agreedOn', { agreedOn: '2999-01-01' }],
        ['outputId', { outputId: p2.id }],
        ['outputId', { outputId: '00000000-0000-4000-8000-000000000000' }],
        ['objectiveId', { objectiveId: '00000000-0000-4000-8000-000000000000' }],
        ['objectiveId', { objectiveId: 'nope' }],
        ['groupId', { groupId: '00000000-0000-4000-8000-000000000000' }],
        ['tags', { tags: ['no-colon'] }],
        ['tags', { tags: ['ecological-level:global'] }],
        ['ref', { ref: 'HP1' }],
      ];
      for (const [field, input] of cases) {
        const res = await t.request(CREATE, { input: { ...base(), ...input } }, { token: admin.token });
        expect({ field, ext: errorOf(res) }).toMatchObject({ field, ext: { code: 'BAD_USER_INPUT', field } });
      }
      // Dates GraphQL's Date scalar refuses are BAD_USER_INPUT naming the field too.
      for (const [field, value] of [
        ['dueOn', '2025-02-30'],
        ['startsOn', 'tomorrow'],
        ['agreedOn', '2025-1-1'],
      ]) {
        const res = await t.request(CREATE, { input: { ...base(), [field]: value } }, { token: admin.token });
        expect({ field, ext: errorOf(res) }).toMatchObject({ field, ext: { code: 'BAD_USER_INPUT', field } });
      }
      // The same rule when the service is called directly (the demo loader, imports).
      await expect(
        t.services.actions.createAction(adminViewer, { ...base(), dueOn: '2025-02-30' }),
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'dueOn' } });
      const after = await t.dataSource.query('SELECT count(*)::int AS n FROM action');
      expect(after).toEqual(before);
    });

    it('two concurrent creates with one ref: one succeeds, the other is told the ref is taken', async () => {
      const results = await Promise.all(
        [1, 2].map(() => t.request(CREATE, { input: { ...base(), ref: 'RACE-1' } }, { token: admin.token })),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(errorOf(results.find((r) => r.errors)!)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ref' });
    });

    it("cannot reach another partnership's groups, objectives or actions", async () => {
      const other = await t.dataSource.getRepository(PartnershipEntity).save({ name: 'Elsewhere' });
      const g = await t.dataSource
        .getRepository(OperationalGroupEntity)
        .save({ partnershipId: other.id, name: 'Theirs' });
      const s = await t.dataSource
        .getRepository(StrategyEntity)
        .save({ partnershipId: other.id, title: 'Theirs' });
      const o = await t.dataSource
        .getRepository(ObjectiveEntity)
        .save({ strategyId: s.id, code: 'X', title: 'Theirs' });
      const theirs = await t.dataSource.getRepository(ActionEntity).save({
        strategyId: s.id,
        objectiveId: o.id,
        groupId: g.id,
        ref: 'X1',
        title: 'Theirs',
        agreedOn: '2024-01-01',
      });
      const viaGroup = await t.request(
        CREATE,
        { input: { ...base(), groupId: g.id } },
        { token: admin.token },
      );
      expect(errorOf(viaGroup)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupId' });
      const viaObjective = await t.request(
        CREATE,
        { input: { ...base(), objectiveId: o.id } },
        { token: admin.token },
      );
      expect(errorOf(viaObjective)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'objectiveId' });
      expect(
        (await t.ok<{ action: unknown }>(ONE, { id: theirs.id }, { token: admin.token })).action,
      ).toBeNull();
      const upd = await t.request(
        UPDATE,
        { id: theirs.id, version: 1, input: { title: 'Mine now' } },
        { token: admin.token },
      );
      expect(errorOf(upd)?.code).toBe('NOT_FOUND');
      const post = await t.request(
        ADD_UPDATE,
        { input: { actionId: theirs.id, status: 'COMPLETE' } },
        { token: admin.token },
      );
      expect(errorOf(post)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actionId' });
      const groups = await t.ok<{ operationalGroups: Array<{ id: string }> }>(
        '{ operationalGroups { id } }',
        {},
        { token: admin.token },
      );
      expect(groups.operationalGroups.map((x) => x.id)).not.toContain(g.id);
    });

    it('allows the same ref in another strategy, and agreedOn in the past to load history', async () => {
      const s2 = await t.dataSource
        .getRepository(StrategyEntity)
        .save({ partnershipId: t.partnershipId, title: 'Old' });
      const o = await t.dataSource
        .getRepository(ObjectiveEntity)
        .save({ strategyId: s2.id, code: 'O1', title: 'Old' });
      const a = await create({ objectiveId: o.id, ref: 'HP1', agreedOn: '2021-06-01' });
      expect(a.agreedOn).toBe('2021-06-01');
    });
  });

  describe('updateAction', () => {
    it('applies a patch at the current version and bumps it; a stale version is CONFLICT with currentVersion', async () => {
      const a = await create({ startsOn: '2025-01-01' }, chair.token);
      const { updateAction: u } = await t.ok<{ updateAction: ActionOut & { title: string; dueOn: string } }>(
        UPDATE,
        {
          id: a.id,
          version: 1,
          input: { title: 'New title', dueOn: '2025-12-31', tags: ['strand:housing'] },
        },
        { token: coordinator.token },
      );
      expect(u).toMatchObject({ title: 'New title', dueOn: '2025-12-31', version: 2 });
      expect(u.tags).toEqual([{ kind: 'strand', slug: 'housing' }]);
      const stale = await t.request(
        UPDATE,
        { id: a.id, version: 1, input: { title: 'Lost' } },
        { token: admin.token },
      );
      expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      const bad = await t.request(
        UPDATE,
        { id: a.id, version: 2, input: { dueOn: '2024-12-31' } },
        { token: admin.token },
      );
      expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueOn' });
      const badStart = await t.request(
        UPDATE,
        { id: a.id, version: 2, input: { startsOn: '2026-01-01' } },
        { token: admin.token },
      );
      expect(errorOf(badStart)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn' });
      const clearTitle = await t.request(
        UPDATE,
        { id: a.id, version: 2, input: { title: null } },
        { token: admin.token },
      );
      expect(errorOf(clearTitle)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
      for (const field of ['groupId', 'objectiveId', 'agreedOn', 'ref']) {
        const cleared = await t.request(
          UPDATE,
          { id: a.id, version: 2, input: { [field]: null } },
          { token: admin.token },
        );
        expect({ field, ext: errorOf(cleared) }).toMatchObject({
          field,
          ext: { code: 'BAD_USER_INPUT', field },
        });
      }
      const { action } = await t.ok<{ action: ActionOut & { title: string } }>(
        ONE,
        { id: a.id },
        { token: board.token },
      );
      expect(action).toMatchObject({ title: 'New title', version: 2 });
    });

    it('two concurrent edits at the same version: exactly one wins, the other gets CONFLICT', async () => {
      const a = await create({});
      const results = await Promise.all(
        ['First', 'Second'].map((title) =>
          t.request<{ updateAction: { title: string } }>(
            UPDATE,
            { id: a.id, version: 1, input: { title } },
            { token: admin.token },
          ),
        ),
      );
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(errorOf(losers[0])).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      const { action } = await t.ok<{ action: { title: string; version: number } }>(
        ONE,
        { id: a.id },
        { token: admin.token },
      );
      expect(action).toMatchObject({ title: winners[0].data!.updateAction.title, version: 2 });
      // Only the winner is in the audit trail, with the title before and after.
      const audit = await t.dataSource.query(
        `SELECT before->>'title' AS before, after->>'title' AS after FROM audit_entry
          WHERE entity_id = $1 AND operation = 'updateAction'`,
        [a.id],
      );
      expect(audit).toEqual([
        { before: 'Train housing officers in recognising coercive control', after: action.title },
      ]);
    });

    it('changing the objective re-checks the output; moving groups needs rights on both', async () => {
      const a = await create({ outputId: p1.id });
      const mismatch = await t.request(
        UPDATE,
        { id: a.id, version: 1, input: { objectiveId: o2.id } },
        { token: admin.token },
      );
      expect(errorOf(mismatch)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outputId' });
      const moved = await t.ok<{ updateAction: ActionOut & { objective: { id: string } } }>(
        UPDATE,
        { id: a.id, version: 1, input: { objectiveId: o2.id, outputId: p2.id } },
        { token: admin.token },
      );
      expect(moved.updateAction).toMatchObject({
        objective: { id: o2.id },
        output: { id: p2.id },
        version: 2,
      });

      const toB = await t.request(
        UPDATE,
        { id: a.id, version: 2, input: { groupId: groupB } },
        { token: chair.token },
      );
      expect(errorOf(toB)?.code).toBe('FORBIDDEN');
      const byOther = await t.request(
        UPDATE,
        { id: a.id, version: 2, input: { title: 'x' } },
        { token: otherChair.token },
      );
      expect(errorOf(byOther)?.code).toBe('FORBIDDEN');
      const byMember = await t.request(
        UPDATE,
        { id: a.id, version: 2, input: { title: 'x' } },
        { token: member.token },
      );
      expect(errorOf(byMember)?.code).toBe('FORBIDDEN');
      const unknownGroup = await t.request(
        UPDATE,
        { id: a.id, version: 2, input: { groupId: '00000000-0000-4000-8000-000000000000' } },
        { token: admin.token },
      );
      expect(errorOf(unknownGroup)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupId' });
      // Someone who chairs both groups may move it.
      await t.addMembership(chair.id, groupB, MembershipRole.CHAIR);
      const ok = await t.ok<{ updateAction: ActionOut }>(
        UPDATE,
        { id: a.id, version: 2, input: { groupId: groupB } },
        { token: chair.token },
      );
      expect(ok.updateAction.group.id).toBe(groupB);
      const missing = await t.request(
        UPDATE,
        { id: '00000000-0000-4000-8000-000000000000', version: 1, input: {} },
        { token: admin.token },
      );
      expect(errorOf(missing)?.code).toBe('NOT_FOUND');
    });

    it('refuses a ref already used in the strategy', async () => {
      const a = await create({ ref: 'DUP-1' });
      const b = await create({ ref: 'DUP-2' });
      const res = await t.request(
        UPDATE,
        { id: b.id, version: 1, input: { ref: 'DUP-1' } },
        { token: admin.token },
      );
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ref' });
      expect(a.ref).toBe('DUP-1');
    });
  });

  describe('addActionUpdate', () => {
    it('a member posts an update: history grows and the action takes its status and RAG, in one transaction', async () => {
      const a = await create({});
      await t.ok('{ me { id } }', {}, { token: member.token }); // the session is now held in memory
      t.statements.reset();
      const { addActionUpdate: u } = await t.ok<{
        addActionUpdate: {
          id: string;
          author: { id: string };
          action: { status: string; rag: string; version: number };
        };
      }>(
        ADD_UPDATE,
        {
          input: {
            actionId: a.id,
            status: 'IN_PROGRESS',
            rag: 'AMBER',
            progress: 'Two sessions held',
            impact: 'Referrals up',
          },
        },
        { token: member.token },
      );
      // lock of the action, the closed-period check (rounds/closed-periods.service.ts), the update with
      // the action's new state, audit (+ author and action)
      expect(t.statements.count).toBe(6);
      expect(u.author.id).toBe(member.id);
      expect(u.action).toEqual({ id: a.id, status: 'IN_PROGRESS', rag: 'AMBER', version: 2 });
      const { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: board.token });
      expect(action).toMatchObject({
        status: 'IN_PROGRESS',
        rag: 'AMBER',
        lastReportedOn: todayIso(),
        latestUpdate: { id: u.id },
      });
      expect(action.updates).toHaveLength(1);
      const audit = await t.dataSource.query(`SELECT operation FROM audit_entry WHERE entity_id = $1`, [
        u.id,
      ]);
      expect(audit).toEqual([{ operation: 'addActionUpdate' }]);
    });

    it('refuses outsiders, future dates and bad references, naming the field', async () => {
      const a = await create({});
      for (const who of [otherChair, board]) {
        const res = await t.request(
          ADD_UPDATE,
          { input: { actionId: a.id, status: 'IN_PROGRESS' } },
          { token: who.token },
        );
        expect(errorOf(res)?.code).toBe('FORBIDDEN');
      }
      const future = await t.request(
        ADD_UPDATE,
        { input: { actionId: a.id, status: 'IN_PROGRESS', reportedOn: '2999-01-01', progress: 'Soon' } },
        { token: admin.token },
      );
      expect(errorOf(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reportedOn' });
      // The message names the field in words, not by its API name.
      expect(future.errors?.[0]?.message).toBe('Reported on cannot be in the future.');
      // An update must say what happened: no text, or only spaces, is refused (and changes nothing).
      for (const progress of [undefined, '   ']) {
        const empty = await t.request(
          ADD_UPDATE,
          { input: { actionId: a.id, status: 'COMPLETE', rag: 'GREEN', progress } },
          { token: member.token },
        );
        expect(errorOf(empty)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'progress' });
        expect(empty.errors?.[0]?.message).toBe('Enter what progress has been made.');
      }
      // Year 0000 passes the Date scalar and JavaScript's Date, but not PostgreSQL (found by fuzzing).
      const yearZero = await t.request(
        ADD_UPDATE,
        { input: { actionId: a.id, status: 'IN_PROGRESS', reportedOn: '0000-01-01', progress: 'Long ago' } },
        { token: admin.token },
      );
      expect(errorOf(yearZero)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reportedOn' });
      const tooLong = await t.request(
        ADD_UPDATE,
        { input: { actionId: a.id, status: 'IN_PROGRESS', progress: 'x'.repeat(5001) } },
        { token: admin.token },
      );
      expect(errorOf(tooLong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'progress' });
      const unknown = await t.request(
        ADD_UPDATE,
        { input: { actionId: '00000000-0000-4000-8000-000000000000', status: 'IN_PROGRESS' } },
        { token: admin.token },
      );
      expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actionId' });
      const { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token });
      expect(action.updates).toEqual([]);
    });

    it('history loaded out of order: the current state is the latest by (reportedOn, recorded last)', async () => {
      const a = await create({ agreedOn: '2024-01-01' });
      const post = (reportedOn: string, status: string, rag: string | null, progress: string) =>
        t.services.actions.addActionUpdate(adminViewer, {
          actionId: a.id,
          reportedOn,
          status,
          rag,
          progress,
        } as never);
      await post('2024-06-30', 'IN_PROGRESS', 'GREEN', 'June');
      await post('2024-03-31', 'IN_PROGRESS', 'RED', 'March (loaded late)');
      let { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token });
      expect(action).toMatchObject({
        status: 'IN_PROGRESS',
        rag: 'GREEN',
        lastReportedOn: '2024-06-30',
        version: 3,
      });
      await post('2024-06-30', 'COMPLETE', null, 'June, second entry');
      ({ action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token }));
      expect(action).toMatchObject({ status: 'COMPLETE', rag: null, lastReportedOn: '2024-06-30' });
      expect(action.updates!.map((u) => u.progress)).toEqual([
        'June, second entry',
        'June',
        'March (loaded late)',
      ]);
      const audit: Array<{ progress: string; became: boolean }> = await t.dataSource.query(
        `SELECT e.after->>'progress' AS progress, (e.after->>'becameLatest')::boolean AS became
           FROM audit_entry e JOIN action_update u ON u.id::text = e.entity_id
          WHERE e.operation = 'addActionUpdate' AND u.action_id = $1 ORDER BY u.seq`,
        [a.id],
      );
      expect(audit).toEqual([
        { progress: 'June', became: true },
        { progress: 'March (loaded late)', became: false },
        { progress: 'June, second entry', became: true },
      ]);
    });

    it('concurrent updates to one action are all kept and the current state is the latest', async () => {
      const a = await create({ agreedOn: '2024-01-01' });
      const dates = ['2024-02-01', '2024-09-01', '2024-05-01', '2024-07-01', '2024-03-01', '2024-08-01'];
      const results = await Promise.all(
        dates.map((reportedOn, i) =>
          t.request(
            ADD_UPDATE,
            {
              input: {
                actionId: a.id,
                reportedOn,
                status: 'IN_PROGRESS',
                rag: i === 1 ? 'GREEN' : 'RED',
                progress: reportedOn,
              },
            },
            { token: member.token },
          ),
        ),
      );
      expect(results.filter((r) => r.errors)).toEqual([]);
      const { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token });
      expect(action.updates).toHaveLength(dates.length);
      expect(action).toMatchObject({ rag: 'GREEN', lastReportedOn: '2024-09-01', version: 1 + dates.length });
      expect(action.latestUpdate?.reportedOn).toBe('2024-09-01');
    });
  });

  describe('overdue and stale', () => {
    it('overdue: past dueOn while NOT_STARTED or IN_PROGRESS; stale: no update within the cadence', async () => {
      const late = await create({ agreedOn: daysAgo(200), startsOn: daysAgo(200), dueOn: daysAgo(1) });
      expect(late).toMatchObject({ overdue: true, stale: true });
      const fresh = await create({ agreedOn: daysAgo(10), dueOn: daysAgo(-30) });
      expect(fresh).toMatchObject({ overdue: false, stale: false });
      await t.services.actions.addActionUpdate(adminViewer, {
        actionId: late.id,
        status: 'IN_PROGRESS' as never,
        rag: 'RED' as never,
        progress: 'Started',
      });
      let { action } = await t.ok<{ action: ActionOut }>(ONE, { id: late.id }, { token: admin.token });
      expect(action).toMatchObject({ overdue: true, stale: false });
      await t.services.actions.addActionUpdate(adminViewer, {
        actionId: late.id,
        status: 'COMPLETE' as never,
        progress: 'Finished',
      });
      ({ action } = await t.ok<{ action: ActionOut }>(ONE, { id: late.id }, { token: admin.token }));
      expect(action).toMatchObject({ overdue: false, stale: false });
      // The cadence is the strategy's.
      const old = await create({ agreedOn: daysAgo(40) });
      expect(old.stale).toBe(false);
      await t.dataSource.query('UPDATE strategy SET update_cadence_days = 30 WHERE id = $1', [strategy.id]);
      ({ action } = await t.ok<{ action: ActionOut }>(ONE, { id: old.id }, { token: admin.token }));
      expect(action.stale).toBe(true);
      await t.dataSource.query('UPDATE strategy SET update_cadence_days = 90 WHERE id = $1', [strategy.id]);
    });
  });
});
