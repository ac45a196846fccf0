import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { todayIso } from '../../shared/dates';
import { Role } from '../identity/user.entity';
import { changesHistory } from './test-support/changes-history';

/**
 * "What changed" through the public GraphQL API (docs/rollup-rules.md, "What changed"): a scripted
 * history of updates, due-date revisions, measurements, recommendation status changes (one back-dated),
 * feedback responses and new actions, then exactly the changes of two windows, for two kinds of viewer.
 */

const CHANGES = `query C($s: ID!, $from: Date!, $to: Date) { rollupChanges(strategyId: $s, from: $from, to: $to) {
  from to
  actions { action { ref } fromStatus toStatus fromRag toRag }
  newActions { action { ref } agreedOn status rag dueOn }
  newlyCompleted { action { ref } fromStatus toStatus }
  newlyOverdue { action { ref status group { name } } dueOn status }
  dueDateRevisions { action { ref } fromDueOn toDueOn revisedOn }
  indicators { indicator { name } newValues fromValue fromPeriod toValue toPeriod }
  recommendations { recommendation { ref } fromStatus toStatus }
  feedbackAnswered { feedback { forum } receivedOn respondedOn }
} }`;
const SINCE = `query S($s: ID!) { strategy(id: $s) { changesSince lastClosedRound { id returnsDueOn status } } }`;

type Errs = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe('what changed', () => {
  let t: TestApp;
  let admin: TestUser;
  let board: TestUser;
  let strategy: { id: string };
  let objective: { id: string };
  const ids: Record<string, string> = {};

  const gql = <T>(q: string, variables: Record<string, unknown>, user = admin) =>
    t.ok<T>(q, variables, { token: user.token });
  const changes = async (from: string, to: string | null, user = admin) =>
    (await gql<{ rollupChanges: Record<string, unknown> }>(CHANGES, { s: strategy.id, from, to }, user))
      .rollupChanges;

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN] });
    board = await t.user({ roles: [Role.BOARD] });
    const h = await changesHistory(t, admin, daysFromToday(-400));
    strategy = { id: h.strategyId };
    objective = { id: h.objectiveId };
    await h.createAction('A1', daysFromToday(-200));
    await h.createAction('A2', daysFromToday(-200));
    await h.createAction('A3', daysFromToday(-200), { dueOn: daysFromToday(-40) });
    await h.createAction('A4', daysFromToday(-200));
    await h.createAction('A5', daysFromToday(-30), { dueOn: daysFromToday(100) });
    await h.createAction('A6', daysFromToday(-200), { dueOn: daysFromToday(30) });
    await h.createAction('A7', daysFromToday(-200));
    await h.update('A1', daysFromToday(-100), 'IN_PROGRESS', 'AMBER');
    await h.update('A1', daysFromToday(-30), 'IN_PROGRESS', 'RED');
    await h.update('A2', daysFromToday(-100), 'IN_PROGRESS', 'GREEN');
    await h.update('A2', daysFromToday(-20), 'COMPLETE', 'GREEN');
    await h.update('A3', daysFromToday(-100), 'IN_PROGRESS', 'GREEN');
    await h.update('A4', daysFromToday(-5), 'IN_PROGRESS', 'AMBER');
    await h.update('A7', daysFromToday(-70), 'IN_PROGRESS', 'RED');
    // A6's due date moved today (the history dates a revision the day it is made).
    await h.reviseDueOn('A6', daysFromToday(60), 'Funding delayed');
    Object.assign(ids, h.ids);

    const outcome = await gql<{ createOutcome: { id: string } }>(
      `mutation O($input: OutcomeInput!) { createOutcome(input: $input) { id } }`,
      { input: { objectiveId: objective.id, title: 'Safer homes' } },
    );
    const indicator = async (name: string, values: Array<[string, number, string?]>) => {
      const r = await gql<{ createIndicator: { id: string } }>(
        `mutation I($input: IndicatorInput!) { createIndicator(input: $input) { id } }`,
        { input: { outcomeId: outcome.createOutcome.id, name, baseline: 0, target: 20 } },
      );
      for (const [period, value, area] of values) {
        await gql(`mutation M($input: MeasurementInput!) { recordMeasurement(input: $input) { id } }`, {
          input: { indicatorId: r.createIndicator.id, period, value, area },
        });
      }
    };
    await indicator('Refuge places', [
      [daysFromToday(-90), 10],
      [daysFromToday(-30), 14],
      [daysFromToday(-15), 15],
      [daysFromToday(-15), 3, 'Camden'],
    ]);
    await indicator('Referrals', [[daysFromToday(-5), 40]]);
    await indicator('Camden only', [[daysFromToday(-30), 7, 'Camden']]);

    const review = async (ref: string, confidential: boolean) =>
      (
        await gql<{ createReview: { id: string } }>(
          `mutation R($input: ReviewInput!) { createReview(input: $input) { id } }`,
          { input: { kind: 'DHR', ref, title: `Review ${ref}`, confidential } },
        )
      ).createReview.id;
    const recommend = async (reviewId: string, ref: string, effectiveOn: string) => {
      const r = await gql<{ addRecommendation: { id: string } }>(
        `mutation A($input: RecommendationInput!) { addRecommendation(input: $input) { id } }`,
        { input: { reviewId, ref, text: 'Train staff', madeOn: daysFromToday(-200) } },
      );
      await gql(
        `mutation S($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) { id } }`,
        {
          input: { id: r.addRecommendation.id, status: 'IN_PROGRESS', effectiveOn, evidence: 'Begun' },
        },
      );
    };
    const open = await review('DHR-1', false);
    await recommend(open, 'REC1', daysFromToday(-25));
    // Recorded today, back-dated to before the first window: the past already had it.
    await recommend(open, 'REC2', daysFromToday(-80));
    await recommend(await review('DHR-2', true), 'REC3', daysFromToday(-20));

    const feedback = async (forum: string, receivedOn: string, responses: string[]) => {
      const r = await gql<{ recordFeedback: { id: string } }>(
        `mutation F($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`,
        { input: { forum, receivedOn, summary: 'Survivors asked for more refuge places' } },
      );
      for (const respondedOn of responses) {
        await gql(`mutation R($input: FeedbackResponseInput!) { respondToFeedback(input: $input) { id } }`, {
          input: { feedbackId: r.recordFeedback.id, response: 'We funded two more', respondedOn },
        });
      }
    };
    await feedback('Forum one', daysFromToday(-100), [daysFromToday(-20)]);
    await feedback('Forum two', daysFromToday(-50), [daysFromToday(-5)]);
    await feedback('Forum three', daysFromToday(-100), [daysFromToday(-70), daysFromToday(-20)]);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists exactly the changes after "from" up to "to", and nothing outside them', async () => {
    expect(await changes(daysFromToday(-60), daysFromToday(-10))).toEqual({
      from: daysFromToday(-60),
      to: daysFromToday(-10),
      actions: [
        {
          action: { ref: 'A1' },
          fromStatus: 'IN_PROGRESS',
          toStatus: 'IN_PROGRESS',
          fromRag: 'AMBER',
          toRag: 'RED',
        },
        {
          action: { ref: 'A2' },
          fromStatus: 'IN_PROGRESS',
          toStatus: 'COMPLETE',
          fromRag: 'GREEN',
          toRag: 'GREEN',
        },
      ],
      newActions: [
        {
          action: { ref: 'A5' },
          agreedOn: daysFromToday(-30),
          status: 'NOT_STARTED',
          rag: null,
          dueOn: daysFromToday(100),
        },
      ],
      newlyCompleted: [{ action: { ref: 'A2' }, fromStatus: 'IN_PROGRESS', toStatus: 'COMPLETE' }],
      newlyOverdue: [
        {
          action: { ref: 'A3', status: 'IN_PROGRESS', group: { name: 'Housing' } },
          dueOn: daysFromToday(-40),
          status: 'IN_PROGRESS',
        },
      ],
      dueDateRevisions: [],
      indicators: [
        {
          indicator: { name: 'Refuge places' },
          newValues: 2,
          fromValue: 10,
          fromPeriod: daysFromToday(-90),
          toValue: 15,
          toPeriod: daysFromToday(-15),
        },
      ],
      // REC3 is a confidential review's: the admin sees it. REC2's change took effect before "from".
      recommendations: [
        { recommendation: { ref: 'REC1' }, fromStatus: 'OPEN', toStatus: 'IN_PROGRESS' },
        { recommendation: { ref: 'REC3' }, fromStatus: 'OPEN', toStatus: 'IN_PROGRESS' },
      ],
      feedbackAnswered: [
        {
          feedback: { forum: 'Forum one' },
          receivedOn: daysFromToday(-100),
          respondedOn: daysFromToday(-20),
        },
      ],
    });

    // The next window, to today (the default "to"): today's due-date revision, the later update,
    // value and response, and nothing of the first window.
    const next = await changes(daysFromToday(-10), null);
    expect(next).toEqual({
      from: daysFromToday(-10),
      to: todayIso(),
      actions: [
        {
          action: { ref: 'A4' },
          fromStatus: 'NOT_STARTED',
          toStatus: 'IN_PROGRESS',
          fromRag: null,
          toRag: 'AMBER',
        },
      ],
      newActions: [],
      newlyCompleted: [],
      newlyOverdue: [],
      dueDateRevisions: [
        {
          action: { ref: 'A6' },
          fromDueOn: daysFromToday(30),
          toDueOn: daysFromToday(60),
          revisedOn: todayIso(),
        },
      ],
      indicators: [
        {
          indicator: { name: 'Referrals' },
          newValues: 1,
          fromValue: null,
          fromPeriod: null,
          toValue: 40,
          toPeriod: daysFromToday(-5),
        },
      ],
      recommendations: [],
      feedbackAnswered: [
        { feedback: { forum: 'Forum two' }, receivedOn: daysFromToday(-50), respondedOn: daysFromToday(-5) },
      ],
    });

    // A window with nothing in it.
    const quiet = await changes(daysFromToday(-300), daysFromToday(-250));
    for (const k of Object.keys(quiet).filter((k) => k !== 'from' && k !== 'to'))
      expect(quiet[k]).toEqual([]);
  });

  it("shows a board member no confidential review's recommendation", async () => {
    const c = await changes(daysFromToday(-60), daysFromToday(-10), board);
    expect(c.recommendations).toEqual([
      { recommendation: { ref: 'REC1' }, fromStatus: 'OPEN', toStatus: 'IN_PROGRESS' },
    ]);
    expect((c.actions as unknown[]).length).toBe(2);
  });

  it('refuses "from" after "to", and an unknown strategy', async () => {
    const res = (await t.request(
      CHANGES,
      { s: strategy.id, from: daysFromToday(-1), to: daysFromToday(-2) },
      { token: board.token },
    )) as Errs;
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const future = (await t.request(
      CHANGES,
      { s: strategy.id, from: daysFromToday(1) },
      { token: board.token },
    )) as Errs;
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const malformed = (await t.request(
      CHANGES,
      { s: strategy.id, from: '2026-02-31' },
      { token: board.token },
    )) as Errs;
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0]?.message).toMatch(/\$from/);
    const missing = (await t.request(
      CHANGES,
      { s: '00000000-0000-4000-8000-000000000000', from: daysFromToday(-10) },
      { token: board.token },
    )) as Errs;
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = (await t.request(CHANGES, { s: strategy.id, from: daysFromToday(-10) })) as Errs;
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('starts "what changed" from the last closed round, else the strategy start', async () => {
    const before = await gql<{ strategy: { changesSince: string; lastClosedRound: unknown } }>(
      SINCE,
      { s: strategy.id },
      board,
    );
    expect(before.strategy).toEqual({ changesSince: daysFromToday(-400), lastClosedRound: null });
    // Rounds: an older closed one, the latest closed one and an open one (closing is not this test's).
    const round = async (periodEnd: string, returnsDueOn: string, status: string) => {
      const [r] = await t.dataSource.query(
        `INSERT INTO reporting_round (partnership_id, strategy_id, title, period_end, returns_due_on, status, opened_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [t.partnershipId, strategy.id, `Round to ${periodEnd}`, periodEnd, returnsDueOn, status, admin.id],
      );
      return r.id as string;
    };
    await round(daysFromToday(-120), daysFromToday(-100), 'CLOSED');
    const last = await round(daysFromToday(-30), daysFromToday(-10), 'CLOSED');
    await round(daysFromToday(-1), daysFromToday(10), 'OPEN');
    const after = await gql<{ strategy: unknown }>(SINCE, { s: strategy.id }, board);
    expect(after.strategy).toEqual({
      changesSince: daysFromToday(-10),
      lastClosedRound: { id: last, returnsDueOn: daysFromToday(-10), status: 'CLOSED' },
    });
  });
});
