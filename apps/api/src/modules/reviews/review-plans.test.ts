import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { todayIso } from '../../shared/dates';
import { dateInWords } from '../../shared/dates';
import { addMonths } from './review.rules';

const CREATE_REVIEW = `mutation($input: ReviewInput!) { createReview(input: $input) {
  id stage nextDeadline { what dueOn daysLate text } flags { text daysLate } } }`;
const ADD_REC = `mutation($input: RecommendationInput!) { addRecommendation(input: $input) { id version madeOn } }`;
const PLAN = `mutation($input: RecommendationPlanInput!) { updateRecommendationPlan(input: $input) {
  id version planAction progressRating completedOn outcome } }`;
const ADD_MILESTONE = `mutation($input: MilestoneInput!) { addMilestone(input: $input) { id version overdue targetOn } }`;
const COMPLETE = `mutation($input: CompleteMilestoneInput!) { completeMilestone(input: $input) {
  id version overdue completedOn } }`;
const RESPOND = `mutation($input: AgencyResponseInput!) { recordAgencyResponse(input: $input) {
  id agency respondedOn text recordedBy { name } } }`;
const SET_STATUS = `mutation($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) {
  id status history { toStatus effectiveOn } } }`;
const REC = `query($id: ID!) { recommendation(id: $id) { id milestones { title overdue completedOn }
  responses { agency respondedOn text recordedBy { name } } } }`;

describe('review action plans through the API', () => {
  let t: TestApp;
  let panel: TestUser;
  let board: TestUser;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    panel = await t.user({ roles: [Role.DHR_PANEL], name: 'Pat Panel' });
    board = await t.user({ roles: [Role.BOARD] });
  });
  afterAll(() => t.close());

  const ok = <T>(doc: string, input: Record<string, unknown>, token = panel.token) =>
    t.ok<T>(doc, { input }, { token });
  const fails = async (doc: string, input: Record<string, unknown>) => {
    const res = await t.request(doc, { input }, { token: panel.token });
    return res.errors?.[0].extensions as Record<string, unknown>;
  };

  async function review(input: Record<string, unknown> = {}) {
    seq++;
    return (
      await ok<{ createReview: { id: string } & Record<string, unknown> }>(CREATE_REVIEW, {
        kind: 'DHR',
        ref: `DHR-P-${seq}`,
        title: `Review ${seq}`,
        ...input,
      })
    ).createReview;
  }
  async function rec(reviewId: string, input: Record<string, unknown> = {}) {
    seq++;
    return (
      await ok<{ addRecommendation: { id: string; version: number; madeOn: string } }>(ADD_REC, {
        reviewId,
        ref: `R${seq}`,
        text: 'Share risk information at MARAC',
        agency: 'Police',
        ...input,
      })
    ).addRecommendation;
  }

  it('records the plan row with optimistic concurrency', async () => {
    const r = await rec((await review()).id);
    const saved = (
      await ok<{ updateRecommendationPlan: Record<string, unknown> & { version: number } }>(PLAN, {
        id: r.id,
        version: r.version,
        planAction: 'Agree a MARAC referral pathway',
        progressRating: 'AMBER',
        completedOn: todayIso(),
        outcome: 'Referrals from GPs doubled',
      })
    ).updateRecommendationPlan;
    expect(saved).toMatchObject({ planAction: 'Agree a MARAC referral pathway', progressRating: 'AMBER' });
    expect(await fails(PLAN, { id: r.id, version: r.version, planAction: 'Stale' })).toMatchObject({
      code: 'CONFLICT',
      currentVersion: saved.version,
    });
  });

  it('makes a milestone past its target date and not completed overdue, until it is completed', async () => {
    const r = await rec((await review()).id);
    const late = (
      await ok<{ addMilestone: { id: string; version: number; overdue: boolean } }>(ADD_MILESTONE, {
        recommendationId: r.id,
        title: 'Pathway agreed by all agencies',
        targetOn: daysFromToday(-3),
      })
    ).addMilestone;
    expect(late.overdue).toBe(true);
    const due = (
      await ok<{ addMilestone: { overdue: boolean } }>(ADD_MILESTONE, {
        recommendationId: r.id,
        title: 'Staff briefed',
        targetOn: todayIso(),
      })
    ).addMilestone;
    expect(due.overdue).toBe(false);
    const done = (
      await ok<{ completeMilestone: { overdue: boolean; completedOn: string; version: number } }>(COMPLETE, {
        id: late.id,
        version: late.version,
        completedOn: daysFromToday(-1),
      })
    ).completeMilestone;
    expect(done).toMatchObject({ overdue: false, completedOn: daysFromToday(-1), version: late.version + 1 });
    expect(await fails(COMPLETE, { id: late.id, version: late.version })).toMatchObject({ code: 'CONFLICT' });
    expect(
      await fails(ADD_MILESTONE, {
        recommendationId: r.id,
        title: 'Call 07700 900123',
        targetOn: todayIso(),
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title', identifier: 'PHONE' });
  });

  it('records agency responses dated and attributed; refuses future dates and personal identifiers', async () => {
    const r = await rec((await review()).id);
    const saved = (
      await ok<{ recordAgencyResponse: Record<string, unknown> }>(RESPOND, {
        recommendationId: r.id,
        agency: 'NHS Trust',
        respondedOn: daysFromToday(-10),
        text: 'Accepted; training starts in spring.',
      })
    ).recordAgencyResponse;
    expect(saved).toMatchObject({
      agency: 'NHS Trust',
      respondedOn: daysFromToday(-10),
      recordedBy: { name: 'Pat Panel' },
    });
    const read = await t.ok<{ recommendation: { responses: unknown[] } }>(
      REC,
      { id: r.id },
      { token: panel.token },
    );
    expect(read.recommendation.responses).toEqual([
      {
        agency: 'NHS Trust',
        respondedOn: daysFromToday(-10),
        text: 'Accepted; training starts in spring.',
        recordedBy: { name: 'Pat Panel' },
      },
    ]);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await fails(RESPOND, { recommendationId: r.id, agency: 'Police', respondedOn: future, text: 'Later' }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'respondedOn' });
    expect(
      await fails(RESPOND, {
        recommendationId: r.id,
        agency: 'Police',
        respondedOn: todayIso(),
        text: 'Contact the victim at jo@example.org',
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text', identifier: 'EMAIL' });
    // A board member may not record one.
    const res = await t.request(
      RESPOND,
      { input: { recommendationId: r.id, agency: 'Police', respondedOn: todayIso(), text: 'x' } },
      { token: board.token },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('back-dates a status change to when it took effect, never future, never before the recommendation', async () => {
    const r = await rec((await review()).id, { madeOn: '2024-01-10' });
    expect(r.madeOn).toBe('2024-01-10');
    expect(
      await fails(SET_STATUS, { id: r.id, status: 'IN_PROGRESS', effectiveOn: '2024-01-09' }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveOn' });
    const tomorrow = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    expect(await fails(SET_STATUS, { id: r.id, status: 'IN_PROGRESS', effectiveOn: tomorrow })).toMatchObject(
      {
        code: 'BAD_USER_INPUT',
        field: 'effectiveOn',
      },
    );
    const moved = await ok<{ setRecommendationStatus: { history: unknown[] } }>(SET_STATUS, {
      id: r.id,
      status: 'IN_PROGRESS',
      effectiveOn: '2024-03-01',
    });
    expect(moved.setRecommendationStatus.history).toEqual([
      { toStatus: 'OPEN', effectiveOn: '2024-01-10' },
      { toStatus: 'IN_PROGRESS', effectiveOn: '2024-03-01' },
    ]);
    // Not before the change it follows: the history reads in order.
    expect(
      await fails(SET_STATUS, { id: r.id, status: 'IMPLEMENTED', effectiveOn: '2024-02-01' }),
    ).toMatchObject({ field: 'effectiveOn' });
  });

  it('counts recommendations in the board roll-up as of a date by when they were made and changes took effect', async () => {
    const strategy = (
      await t.ok<{ createStrategy: { id: string } }>(
        `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
        { input: { title: 'Roll-up strategy' } },
        { token: (await t.user({ roles: [Role.ADMIN] })).token },
      )
    ).createStrategy.id;
    const rv = await review({ confidential: false });
    const r = await rec(rv.id, { madeOn: '2023-05-01' });
    await ok(SET_STATUS, { id: r.id, status: 'IN_PROGRESS', effectiveOn: '2023-07-01' });
    await ok(SET_STATUS, { id: r.id, status: 'IMPLEMENTED', effectiveOn: '2023-09-01' });
    const at = async (asOf: string) =>
      (
        await t.ok<{ boardRollup: { recommendations: Record<string, number> } }>(
          `query($id: ID!, $asOf: Date) { boardRollup(strategyId: $id, asOf: $asOf) {
            recommendations { total open inProgress implemented } } }`,
          { id: strategy, asOf },
          { token: panel.token },
        )
      ).boardRollup.recommendations;
    const before = await at('2023-04-30');
    const made = await at('2023-06-01');
    const moving = await at('2023-08-01');
    const done = await at('2023-10-01');
    expect(made.total - before.total).toBe(1);
    expect(made.open - before.open).toBe(1);
    expect(moving.inProgress - before.inProgress).toBe(1);
    expect(done.implemented - before.implemented).toBe(1);
  });

  it('shows the stage and the next statutory deadline in words; a published review has no flags', async () => {
    const notifiedOn = daysFromToday(-45);
    const due = addMonths(notifiedOn, 1);
    const late = Math.round((Date.parse(todayIso()) - Date.parse(due)) / 86_400_000);
    const waiting = await review({ notifiedOn });
    expect(waiting.stage).toBe('Notified: deciding whether to hold a review');
    expect(waiting.flags).toEqual([
      { text: `Decision to review due ${dateInWords(due)}, ${late} days late`, daysLate: late },
    ]);
    const published = await review({
      notifiedOn: '2020-01-01',
      decidedOn: '2020-03-01',
      submittedOn: '2021-06-01',
      qaOutcome: 'APPROVED',
      qaOn: '2021-09-01',
      publishedOn: '2021-10-01',
    });
    expect(published).toMatchObject({ stage: 'Published', nextDeadline: null, flags: [] });
    const fresh = await review({ notifiedOn: todayIso() });
    expect(fresh.flags).toEqual([]);
    expect((fresh.nextDeadline as { text: string }).text).toMatch(/^Decision to review due .*, in \d+ days$/);
  });
});
