import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipRole } from '../identity/membership.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import { PartnershipEntity } from '../identity/partnership.entity';
import { todayIso } from '../../shared/dates';
import { ActionEntity } from './action.entity';
import { OperationalGroupEntity } from './operational-group.entity';
import {
  type ActionOut,
  ADD_UPDATE,
  admin,
  adminViewer,
  base,
  board,
  chair,
  coordinator,
  create,
  CREATE,
  errorOf,
  groupA,
  groupB,
  member,
  o2,
  ONE,
  otherChair,
  p1,
  p2,
  setUp,
  t,
  tearDown,
  UPDATE,
} from './test-support/action-testbed';

describe('actions', () => {
  beforeAll(setUp);
  afterAll(tearDown);

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
});
