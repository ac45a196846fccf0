/**
 * `viewerCan { ... }` (src/access/viewer-can.graphql.ts) answers, for each record, what the viewer may
 * do with it by the same rules the services enforce (src/access/policy.ts): the web app asks it instead
 * of deciding the chair/coordinator rule again. One table, one row per kind of person; then each answer
 * is held against what the API really does when that person tries the write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipRole, Role, startTestApp, type TestApp } from './support/test-app';

const PERSONAS = ['ADMIN', 'BOARD', 'CHAIR', 'COORDINATOR', 'MEMBER', 'CHAIR_OTHER', 'DHR_PANEL'] as const;
type Persona = (typeof PERSONAS)[number];

interface Answers {
  action: { update: boolean; addUpdate: boolean };
  group: { manage: boolean; editActions: boolean; addUpdates: boolean };
  objective: boolean;
  review: boolean;
  round: { update: boolean; close: boolean };
}

// prettier-ignore
const EXPECTED: Record<Persona, Answers> = {
  ADMIN:       { action: { update: true,  addUpdate: true  }, group: { manage: true,  editActions: true,  addUpdates: true  }, objective: true,  review: true,  round: { update: true,  close: true  } },
  BOARD:       { action: { update: false, addUpdate: false }, group: { manage: false, editActions: false, addUpdates: false }, objective: false, review: false, round: { update: false, close: false } },
  CHAIR:       { action: { update: true,  addUpdate: true  }, group: { manage: false, editActions: true,  addUpdates: true  }, objective: false, review: false, round: { update: false, close: false } },
  COORDINATOR: { action: { update: true,  addUpdate: true  }, group: { manage: false, editActions: true,  addUpdates: true  }, objective: false, review: false, round: { update: false, close: false } },
  MEMBER:      { action: { update: false, addUpdate: true  }, group: { manage: false, editActions: false, addUpdates: true  }, objective: false, review: false, round: { update: false, close: false } },
  CHAIR_OTHER: { action: { update: false, addUpdate: false }, group: { manage: false, editActions: false, addUpdates: false }, objective: false, review: false, round: { update: false, close: false } },
  DHR_PANEL:   { action: { update: false, addUpdate: false }, group: { manage: false, editActions: false, addUpdates: false }, objective: false, review: true,  round: { update: false, close: false } },
};

const ASK = `query($action: ID!, $strategy: ID!, $review: ID!, $round: ID!) {
  action(id: $action) { version viewerCanEdit viewerCanPostUpdate viewerCan { update addUpdate } group { id } }
  operationalGroups { id viewerCan { manage editActions addUpdates } }
  strategy(id: $strategy) { viewerCan { update } objectives { version viewerCan { update } } }
  review(id: $review) { version viewerCan { update } }
  reportingRound(id: $round) { status viewerCan { update close } }
}`;

interface Asked {
  action: {
    version: number;
    viewerCanEdit: boolean;
    viewerCanPostUpdate: boolean;
    viewerCan: Answers['action'];
    group: { id: string };
  };
  operationalGroups: Array<{ id: string; viewerCan: Answers['group'] }>;
  strategy: {
    viewerCan: { update: boolean };
    objectives: Array<{ version: number; viewerCan: { update: boolean } }>;
  };
  review: { version: number; viewerCan: { update: boolean } };
  reportingRound: { status: string; viewerCan: Answers['round'] };
}

describe('viewerCan', () => {
  let t: TestApp;
  const tokens = {} as Record<Persona, string>;
  const f = { action: '', strategy: '', review: '', group: '', objective: '' };
  /** An open round per persona (each in a strategy of its own), for the close it is then let do or not. */
  const rounds = {} as Record<Persona, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.user({ roles: [Role.ADMIN] });
    tokens.ADMIN = admin.token;
    const ok = <T>(doc: string, vars: Record<string, unknown>) => t.ok<T>(doc, vars, { token: admin.token });
    const people = {} as Record<Persona, { id: string; token: string }>;
    for (const p of PERSONAS.filter((p) => p !== 'ADMIN')) {
      const roles = p === 'BOARD' ? [Role.BOARD] : p === 'DHR_PANEL' ? [Role.DHR_PANEL] : [];
      people[p] = await t.user({ roles });
      tokens[p] = people[p].token;
    }
    const group = `mutation($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`;
    f.group = (
      await ok<{ createOperationalGroup: { id: string } }>(group, {
        input: {
          name: 'Own group',
          chairId: people.CHAIR.id,
          coordinatorId: people.COORDINATOR.id,
          memberIds: [people.MEMBER.id],
        },
      })
    ).createOperationalGroup.id;
    await t.addMembership(
      people.CHAIR_OTHER.id,
      (await ok<{ createOperationalGroup: { id: string } }>(group, { input: { name: 'Other group' } }))
        .createOperationalGroup.id,
      MembershipRole.CHAIR,
    );
    f.strategy = (
      await ok<{ createStrategy: { id: string } }>(
        `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
        { input: { title: 'Strategy', startsOn: '2025-04-01', endsOn: '2028-03-31' } },
      )
    ).createStrategy.id;
    f.objective = (
      await ok<{ createObjective: { id: string } }>(
        `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id } }`,
        { input: { strategyId: f.strategy, code: 'O1', title: 'Prevention' } },
      )
    ).createObjective.id;
    f.action = (
      await ok<{ createAction: { id: string } }>(
        `mutation($input: ActionInput!) { createAction(input: $input) { id } }`,
        { input: { objectiveId: f.objective, groupId: f.group, ref: 'A1', title: 'An action' } },
      )
    ).createAction.id;
    f.review = (
      await ok<{ createReview: { id: string } }>(
        `mutation($input: ReviewInput!) { createReview(input: $input) { id } }`,
        { input: { kind: 'DHR', ref: 'DHR-1', title: 'A review', confidential: false } },
      )
    ).createReview.id;
    for (const p of PERSONAS) {
      const { createStrategy } = await ok<{ createStrategy: { id: string } }>(
        `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
        { input: { title: `Rounds of ${p}`, startsOn: '2000-04-01', endsOn: '2003-03-31' } },
      );
      // Long past: the closed period refuses nothing the other writes here date today.
      const { openReportingRound } = await ok<{ openReportingRound: { id: string } }>(
        `mutation($input: ReportingRoundInput!) { openReportingRound(input: $input) { id } }`,
        {
          input: {
            strategyId: createStrategy.id,
            title: `Round of ${p}`,
            periodEnd: '2001-01-15',
            returnsDueOn: '2001-02-15',
          },
        },
      );
      rounds[p] = openReportingRound.id;
    }
    await t.settle();
  }, 120_000);

  afterAll(() => t?.close());

  const ask = (p: Persona) =>
    t.ok<Asked>(
      ASK,
      { action: f.action, strategy: f.strategy, review: f.review, round: rounds[p] },
      { token: tokens[p] },
    );

  it.each(PERSONAS)('%s is told what the rules allow', async (p) => {
    const data = await ask(p);
    const want = EXPECTED[p];
    expect(data.action.viewerCan).toEqual(want.action);
    // The contract's fixed names answer the same.
    expect(data.action.viewerCanEdit).toBe(want.action.update);
    expect(data.action.viewerCanPostUpdate).toBe(want.action.addUpdate);
    expect(data.operationalGroups.find((g) => g.id === f.group)!.viewerCan).toEqual(want.group);
    expect(data.strategy.viewerCan.update).toBe(want.objective);
    expect(data.strategy.objectives[0].viewerCan.update).toBe(want.objective);
    expect(data.review.viewerCan.update).toBe(want.review);
    expect(data.reportingRound.viewerCan).toEqual(want.round);
  });

  it.each(PERSONAS)("%s's answers are what the API then does", async (p) => {
    const data = await ask(p);
    const as = { token: tokens[p] };
    const outcome = async (doc: string, vars: Record<string, unknown>) => {
      const res = await t.request(doc, vars, as);
      return res.errors?.length ? res.errors[0].extensions?.code : 'ok';
    };
    const allowed = (yes: boolean) => (yes ? 'ok' : 'FORBIDDEN');
    expect(
      await outcome(
        `mutation($id: ID!, $version: Int!) { updateAction(id: $id, version: $version, input: { lead: "${p}" }) { id } }`,
        { id: f.action, version: data.action.version },
      ),
    ).toBe(allowed(data.action.viewerCan.update));
    expect(
      await outcome(`mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`, {
        input: { actionId: f.action, status: 'IN_PROGRESS', progress: `Progress by ${p}` },
      }),
    ).toBe(allowed(data.action.viewerCan.addUpdate));
    expect(
      await outcome(
        `mutation($id: ID!, $version: Int!) { updateObjective(id: $id, version: $version, input: { title: "Prevention ${p}" }) { id } }`,
        { id: f.objective, version: data.strategy.objectives[0].version },
      ),
    ).toBe(allowed(data.strategy.objectives[0].viewerCan.update));
    expect(
      await outcome(
        `mutation($id: ID!, $version: Int!) { updateReview(id: $id, version: $version, input: { area: "${p}" }) { id } }`,
        { id: f.review, version: data.review.version },
      ),
    ).toBe(allowed(data.review.viewerCan.update));
    expect(data.reportingRound.status).toBe('OPEN');
    expect(
      await outcome(`mutation($id: ID!) { closeReportingRound(id: $id) { id } }`, { id: rounds[p] }),
    ).toBe(allowed(data.reportingRound.viewerCan.close));
  });
});
