import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { viewerOf } from '../../../test/support/viewer';
import { todayIso } from '../../shared/dates';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';

/** A whole reporting round through the public GraphQL API (docs/graphql-contract.md, "Reporting rounds"). */

const OPEN = `mutation O($input: ReportingRoundInput!) { openReportingRound(input: $input) {
  id title periodEnd returnsDueOn boardMeetingOn status windowStartsOn
  returns { id status version group { name } } } }`;
const RETURN_FIELDS = `id status version comment submittedAt decidedAt submittedBy { id } decidedBy { id }
  viewerCanSubmit viewerCanDecide actionsDue { ref } actions { ref status rag } round { id title }`;
const ONE = `query R($id: ID!) { groupReturn(id: $id) { ${RETURN_FIELDS} } }`;
const SUBMIT = `mutation S($id: ID!, $version: Int!) { submitGroupReturn(id: $id, version: $version) { ${RETURN_FIELDS} } }`;
const SEND_BACK = `mutation B($id: ID!, $version: Int!, $comment: String!) {
  returnGroupReturn(id: $id, version: $version, comment: $comment) { ${RETURN_FIELDS} } }`;
const APPROVE = `mutation A($id: ID!, $version: Int!) { approveGroupReturn(id: $id, version: $version) { ${RETURN_FIELDS} } }`;
const UPDATE = `mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;
const NO_CHANGE = `mutation N($actionId: ID!) { reportNoChange(actionId: $actionId) { status rag progress reportedOn } }`;

interface Ret {
  id: string;
  status: string;
  version: number;
  comment: string | null;
  submittedBy: { id: string } | null;
  decidedBy: { id: string } | null;
  viewerCanSubmit: boolean;
  viewerCanDecide: boolean;
  actionsDue: Array<{ ref: string }>;
  actions: Array<{ ref: string; status: string; rag: string | null }>;
}
type Errs = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const codeOf = (res: Errs) => res.errors?.[0]?.extensions?.code;

describe('reporting rounds', () => {
  let t: TestApp;
  let admin: TestUser;
  let admin2: TestUser;
  let chair: TestUser;
  let coordinator: TestUser;
  let member: TestUser;
  let healthChair: TestUser;
  let board: TestUser;
  let strategy: StrategyEntity;
  let housing: string;
  let health: string;
  const refs: Record<string, string> = {};

  const update = (actionId: string, token: string, reportedOn = todayIso(), status = 'IN_PROGRESS') =>
    t.ok(
      UPDATE,
      { input: { actionId, status, rag: 'AMBER', progress: 'Training booked', reportedOn } },
      { token },
    );

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN], name: 'Lead One' });
    admin2 = await t.user({ roles: [Role.ADMIN], name: 'Lead Two' });
    chair = await t.user({ name: 'Cara Chair' });
    coordinator = await t.user({ name: 'Colin Coordinator' });
    member = await t.user({ name: 'Mina Member' });
    healthChair = await t.user({ name: 'Hana Health' });
    board = await t.user({ roles: [Role.BOARD] });
    const adminViewer = viewerOf(t, admin, 'Lead One');
    const groups = t.services.operationalGroups;
    housing = (
      await groups.createOperationalGroup(adminViewer, {
        name: 'Housing',
        chairId: chair.id,
        coordinatorId: coordinator.id,
        memberIds: [member.id],
      })
    ).id;
    health = (await groups.createOperationalGroup(adminViewer, { name: 'Health', chairId: healthChair.id }))
      .id;
    await groups.createOperationalGroup(adminViewer, { name: 'Empty' });
    strategy = await t.dataSource.getRepository(StrategyEntity).save({
      partnershipId: t.partnershipId,
      title: 'VAWG Strategy',
      startsOn: daysFromToday(-400),
    });
    const o1 = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: strategy.id, code: 'O1', title: 'Prevention' });
    for (const [ref, groupId] of [
      ['H1', housing],
      ['H2', housing],
      ['H3', housing],
      ['X1', health],
    ] as const) {
      const a = await t.services.actions.createAction(adminViewer, {
        objectiveId: o1.id,
        groupId,
        ref,
        title: `Action ${ref}`,
        agreedOn: daysFromToday(-300),
      });
      refs[ref] = a.id;
    }
    // H1 was reported in the previous round's window only; H3 is complete, so owes nothing.
    await update(refs.H1, admin.token, daysFromToday(-95));
    await update(refs.H3, admin.token, daysFromToday(-200), 'COMPLETE');
    await t.settle();
  });
  afterAll(() => t.close());

  let round: {
    id: string;
    windowStartsOn: string;
    returns: Array<{ id: string; status: string; group: { name: string } }>;
  };
  let housingReturn: string;
  let healthReturn: string;

  it('an admin opens rounds; only groups with open actions owe a return; others may not open one', async () => {
    const first = await t.ok<{ openReportingRound: { id: string; windowStartsOn: string } }>(
      OPEN,
      {
        input: {
          strategyId: strategy.id,
          title: 'Quarter 1',
          periodEnd: daysFromToday(-100),
          returnsDueOn: daysFromToday(-90),
        },
      },
      { token: admin.token },
    );
    expect(first.openReportingRound.windowStartsOn).toBe(daysFromToday(-400));

    const refused = await t.request(
      OPEN,
      {
        input: {
          strategyId: strategy.id,
          title: 'Q2',
          periodEnd: daysFromToday(-1),
          returnsDueOn: daysFromToday(14),
        },
      },
      { token: chair.token },
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const backwards = await t.request(
      OPEN,
      {
        input: {
          strategyId: strategy.id,
          title: 'Q0',
          periodEnd: daysFromToday(-150),
          returnsDueOn: daysFromToday(14),
        },
      },
      { token: admin.token },
    );
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodEnd' });

    const res = await t.ok<{ openReportingRound: typeof round }>(
      OPEN,
      {
        input: {
          strategyId: strategy.id,
          title: 'Quarter 2',
          periodEnd: daysFromToday(-1),
          returnsDueOn: daysFromToday(14),
          boardMeetingOn: daysFromToday(30),
        },
      },
      { token: admin.token },
    );
    round = res.openReportingRound;
    // The window starts the day after the previous round's due date.
    expect(round.windowStartsOn).toBe(daysFromToday(-89));
    expect(round.returns.map((r) => [r.group.name, r.status])).toEqual([
      ['Health', 'NOT_STARTED'],
      ['Housing', 'NOT_STARTED'],
    ]);
    healthReturn = round.returns[0].id;
    housingReturn = round.returns[1].id;

    const list = await t.ok<{ reportingRounds: Array<{ title: string }> }>(
      `query L($s: ID!) { reportingRounds(strategyId: $s) { title } }`,
      { s: strategy.id },
      { token: board.token },
    );
    expect(list.reportingRounds.map((r) => r.title)).toEqual(['Quarter 2', 'Quarter 1']);
  });

  it('a return cannot be submitted while actions are due; updating them makes it a draft', async () => {
    const before = await t.ok<{ groupReturn: Ret }>(ONE, { id: housingReturn }, { token: chair.token });
    expect(before.groupReturn.actions.map((a) => a.ref)).toEqual(['H1', 'H2']);
    expect(before.groupReturn.actionsDue.map((a) => a.ref)).toEqual(['H1', 'H2']);

    const refused = await t.request(SUBMIT, { id: housingReturn, version: 1 }, { token: chair.token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      actions: ['H1', 'H2'],
    });
    expect(refused.errors?.[0]?.message).toMatch(/H1, H2/);

    await update(refs.H1, member.token);
    const draft = await t.ok<{ groupReturn: Ret }>(ONE, { id: housingReturn }, { token: chair.token });
    expect(draft.groupReturn.status).toBe('DRAFT');
    expect(draft.groupReturn.actionsDue.map((a) => a.ref)).toEqual(['H2']);

    // "No change since the last return": one click keeps the status and RAG.
    await update(refs.H2, admin.token, daysFromToday(-120), 'IN_PROGRESS');
    const same = await t.ok<{
      reportNoChange: { status: string; rag: string; progress: string; reportedOn: string };
    }>(NO_CHANGE, { actionId: refs.H2 }, { token: member.token });
    expect(same.reportNoChange).toEqual({
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      progress: 'No change since the last return.',
      reportedOn: todayIso(),
    });
    const ready = await t.ok<{ groupReturn: Ret }>(ONE, { id: housingReturn }, { token: chair.token });
    expect(ready.groupReturn.actionsDue).toEqual([]);
    // A board member may not post updates, so not "no change" either.
    expect(codeOf(await t.request(NO_CHANGE, { actionId: refs.H2 }, { token: board.token }))).toBe(
      'FORBIDDEN',
    );
  });

  it('submit, send back, resubmit, approve; the submitter never decides; members cannot submit', async () => {
    expect(codeOf(await t.request(SUBMIT, { id: housingReturn, version: 1 }, { token: member.token }))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(await t.request(SUBMIT, { id: housingReturn, version: 1 }, { token: healthChair.token })),
    ).toBe('FORBIDDEN');
    const submitted = (
      await t.ok<{ submitGroupReturn: Ret }>(
        SUBMIT,
        { id: housingReturn, version: 1 },
        { token: chair.token },
      )
    ).submitGroupReturn;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 2, submittedBy: { id: chair.id } });
    expect(submitted.viewerCanDecide).toBe(false);

    // The chair submitted it, so the chair may not approve it; a coordinator never may.
    const own = await t.request(APPROVE, { id: housingReturn, version: 2 }, { token: chair.token });
    expect(codeOf(own)).toBe('FORBIDDEN');
    expect(
      codeOf(await t.request(APPROVE, { id: housingReturn, version: 2 }, { token: coordinator.token })),
    ).toBe('FORBIDDEN');
    // A stale version is a conflict.
    expect(codeOf(await t.request(APPROVE, { id: housingReturn, version: 1 }, { token: admin.token }))).toBe(
      'CONFLICT',
    );
    const blank = await t.request(
      SEND_BACK,
      { id: housingReturn, version: 2, comment: '  ' },
      { token: admin.token },
    );
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });

    const back = (
      await t.ok<{ returnGroupReturn: Ret }>(
        SEND_BACK,
        { id: housingReturn, version: 2, comment: 'H2 needs more than "no change".' },
        { token: admin.token },
      )
    ).returnGroupReturn;
    expect(back).toMatchObject({ status: 'RETURNED', version: 3, decidedBy: { id: admin.id } });
    expect(back.comment).toBe('H2 needs more than "no change".');

    const again = (
      await t.ok<{ submitGroupReturn: Ret }>(
        SUBMIT,
        { id: housingReturn, version: 3 },
        { token: coordinator.token },
      )
    ).submitGroupReturn;
    expect(again).toMatchObject({
      status: 'SUBMITTED',
      submittedBy: { id: coordinator.id },
      decidedBy: null,
    });

    // Now the chair did not submit it, so the chair may approve.
    const approved = (
      await t.ok<{ approveGroupReturn: Ret }>(
        APPROVE,
        { id: housingReturn, version: 4 },
        { token: chair.token },
      )
    ).approveGroupReturn;
    expect(approved).toMatchObject({ status: 'APPROVED', version: 5, decidedBy: { id: chair.id } });
    const twice = await t.request(APPROVE, { id: housingReturn, version: 5 }, { token: admin.token });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    // Each decision told the person who submitted the return: a short message linking to it.
    const messagesOf = async (token: string) =>
      (
        await t.ok<{ myMessages: Array<{ kind: string; subject: string; body: string; link: string }> }>(
          `query { myMessages { kind subject body link } }`,
          {},
          { token },
        )
      ).myMessages;
    const link = `/rounds/${round.id}/returns/${housingReturn}`;
    expect(await messagesOf(chair.token)).toEqual([
      {
        kind: 'RETURN_SENT_BACK',
        subject: "Housing's return for Quarter 2 has been sent back",
        body: expect.not.stringContaining('no change'),
        link,
      },
    ]);
    expect((await messagesOf(coordinator.token)).map((m) => [m.kind, m.link])).toEqual([
      ['RETURN_APPROVED', link],
    ]);

    const trail = await t.ok<{ auditTrail: Array<{ operation: string; actor: { id: string } }> }>(
      `query T($id: ID!) { auditTrail(entityType: "GroupReturn", entityId: $id) { operation actor { id } } }`,
      { id: housingReturn },
      { token: admin.token },
    );
    expect(trail.auditTrail.map((e) => [e.operation, e.actor.id])).toEqual([
      ['submitGroupReturn', chair.id],
      ['returnGroupReturn', admin.id],
      ['submitGroupReturn', coordinator.id],
      ['approveGroupReturn', chair.id],
    ]);
  });

  it('two simultaneous decisions on one return: exactly one wins, the other is a CONFLICT', async () => {
    await update(refs.X1, healthChair.token);
    const s = (
      await t.ok<{ submitGroupReturn: Ret }>(SUBMIT, { id: healthReturn, version: 1 }, { token: admin.token })
    ).submitGroupReturn;
    const results = await Promise.all([
      t.request(APPROVE, { id: healthReturn, version: s.version }, { token: healthChair.token }),
      t.request(
        SEND_BACK,
        { id: healthReturn, version: s.version, comment: 'Please add the impact.' },
        { token: admin2.token },
      ),
      t.request(APPROVE, { id: healthReturn, version: s.version }, { token: admin2.token }),
    ]);
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(2);
    const decisions = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND operation <> 'submitGroupReturn'`,
      [healthReturn],
    );
    expect(decisions[0].n).toBe(1);
  });

  it("myReturns lists the viewer's groups' returns in open rounds; the round's roll-up is as of its due date", async () => {
    const mine = await t.ok<{ myReturns: Array<{ id: string; round: { title: string } }> }>(
      `query { myReturns { id round { title } } }`,
      {},
      { token: member.token },
    );
    // Both rounds are open (closing is not built yet): Quarter 2's return is due last.
    expect(mine.myReturns.map((r) => r.round.title)).toEqual(['Quarter 1', 'Quarter 2']);
    expect(mine.myReturns[1].id).toBe(housingReturn);
    const none = await t.ok<{ myReturns: unknown[] }>(
      `query { myReturns { id } }`,
      {},
      { token: board.token },
    );
    expect(none.myReturns).toEqual([]);

    const r = await t.ok<{
      reportingRound: { rollup: { asOf: string; totals: { total: number; complete: number } } };
    }>(
      `query R($id: ID!) { reportingRound(id: $id) { rollup { asOf totals { total complete } } } }`,
      { id: round.id },
      { token: board.token },
    );
    expect(r.reportingRound.rollup).toEqual({ asOf: daysFromToday(14), totals: { total: 4, complete: 1 } });
  });
  it("the overview's counts (actionCount, actionsDueCount) agree with the lists for every return", async () => {
    const OVERVIEW = `query O($strategyId: ID!) { reportingRounds(strategyId: $strategyId) { title
      returns { id actionCount actionsDueCount actions { id } actionsDue { id } } } }`;
    type Overview = {
      reportingRounds: Array<{
        title: string;
        returns: Array<{
          id: string;
          actionCount: number;
          actionsDueCount: number;
          actions: unknown[];
          actionsDue: unknown[];
        }>;
      }>;
    };
    const check = async () => {
      const o = await t.ok<Overview>(OVERVIEW, { strategyId: strategy.id }, { token: admin.token });
      const all = o.reportingRounds.flatMap((r) => r.returns);
      expect(all.length).toBeGreaterThan(2);
      for (const r of all) {
        expect([r.actionCount, r.actionsDueCount]).toEqual([r.actions.length, r.actionsDue.length]);
      }
      return new Map(all.map((r) => [r.id, r]));
    };
    const before = (await check()).get(housingReturn)!;
    expect(before.actionCount).toBeGreaterThan(0);
    const h2Due = (before.actionsDue as Array<{ id: string }>).some((a) => a.id === refs.H2);
    // An update today counts for the latest round: one fewer due there, the lists and counts alike.
    await update(refs.H2, chair.token);
    const after = (await check()).get(housingReturn)!;
    expect(after.actionsDueCount).toBe(before.actionsDueCount - (h2Due ? 1 : 0));
    const mine = await t.ok<{
      myReturns: Array<{ id: string; actionCount: number; actionsDueCount: number }>;
    }>(`query { myReturns { id actionCount actionsDueCount } }`, {}, { token: chair.token });
    expect(mine.myReturns.find((r) => r.id === housingReturn)).toMatchObject({
      actionCount: after.actionCount,
      actionsDueCount: after.actionsDueCount,
    });
  });
});
