/**
 * The plan a reporting round's tests close a round over, built as the admin: a group "Housing", a strategy
 * started 400 days ago with objective O1 "Prevention" and its actions (A1 unless `refs` are given, agreed
 * 300 days ago), optionally an outcome with an indicator; and the round itself, opened and closed through
 * the API.
 */
import type { Viewer } from '../../src/shared/viewer';
import { IndicatorEntity } from '../../src/modules/strategy/indicator.entity';
import { ObjectiveEntity } from '../../src/modules/strategy/objective.entity';
import { OutcomeEntity } from '../../src/modules/strategy/outcome.entity';
import { StrategyEntity } from '../../src/modules/strategy/strategy.entity';
import { daysFromToday } from './dates';
import type { TestApp, TestUser } from './test-app';

export const OPEN_ROUND = `mutation O($input: ReportingRoundInput!) { openReportingRound(input: $input) {
  id returns { id version } } }`;
export const CLOSE_ROUND = `mutation C($id: ID!) { closeReportingRound(id: $id) { id status } }`;

export interface RoundPlan {
  groupId: string;
  strategyId: string;
  objectiveId: string;
  /** The first action's id. */
  actionId: string;
  /** Every action's id by its ref. */
  actionIds: Record<string, string>;
  /** Set when asked for with `indicator: true`. */
  indicatorId?: string;
}

export async function roundPlan(
  t: TestApp,
  admin: Viewer,
  opts: {
    chairId?: string;
    refs?: string[];
    /** The action's title when there is one (default `Action <ref>`). */
    actionTitle?: string;
    tags?: string[];
    indicator?: boolean;
  } = {},
): Promise<RoundPlan> {
  const group = await t.services.operationalGroups.createOperationalGroup(admin, {
    name: 'Housing',
    ...(opts.chairId ? { chairId: opts.chairId } : {}),
  });
  const strategyId = (
    await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'VAWG Strategy', startsOn: daysFromToday(-400) })
  ).id;
  const objective = await t.dataSource
    .getRepository(ObjectiveEntity)
    .save({ strategyId, code: 'O1', title: 'Prevention' });
  let indicatorId: string | undefined;
  if (opts.indicator) {
    const outcome = await t.dataSource
      .getRepository(OutcomeEntity)
      .save({ objectiveId: objective.id, title: 'Fewer repeat victims' });
    indicatorId = (
      await t.dataSource
        .getRepository(IndicatorEntity)
        .save({ outcomeId: outcome.id, name: 'Repeat referrals', unit: '%', baseline: 30, target: 20 })
    ).id;
  }
  const actionIds: Record<string, string> = {};
  for (const ref of opts.refs ?? ['A1']) {
    const action = await t.services.actions.createAction(admin, {
      objectiveId: objective.id,
      groupId: group.id,
      ref,
      title: opts.actionTitle ?? `Action ${ref}`,
      agreedOn: daysFromToday(-300),
      ...(opts.tags ? { tags: opts.tags } : {}),
    });
    actionIds[ref] = action.id;
  }
  const actionId = Object.values(actionIds)[0];
  return { groupId: group.id, strategyId, objectiveId: objective.id, actionId, actionIds, indicatorId };
}

/**
 * A confidential review DHR-1 and an open one SAR-1, each with one recommendation (`<ref>/R1`, made 200
 * days ago), which every closed round of the partnership reaches; the recommendations' ids.
 */
export async function twoRecommendations(
  t: TestApp,
  admin: Viewer,
): Promise<{ confidential: string; open: string }> {
  const ids = { confidential: '', open: '' };
  for (const [ref, confidential] of [
    ['DHR-1', true],
    ['SAR-1', false],
  ] as const) {
    const review = await t.services.reviews.createReview(admin, {
      kind: ref.startsWith('DHR') ? ('DHR' as never) : ('SAR' as never),
      ref,
      title: `Review ${ref}`,
      confidential,
    });
    const rec = await t.services.reviews.addRecommendation(admin, {
      reviewId: review.id,
      ref: `${ref}/R1`,
      text: 'Train staff in routine enquiry',
      madeOn: daysFromToday(-200),
    });
    ids[confidential ? 'confidential' : 'open'] = rec.id;
  }
  return ids;
}

/** Opens a round "Quarter 3" (period ending 30 days ago, returns due 20 days ago unless given) as `admin`. */
export async function openRound(
  t: TestApp,
  admin: TestUser,
  strategyId: string,
  input: { title?: string; periodEnd?: string; returnsDueOn?: string } = {},
): Promise<{ id: string; returns: Array<{ id: string; version: number }> }> {
  const { openReportingRound } = await t.ok<{
    openReportingRound: { id: string; returns: Array<{ id: string; version: number }> };
  }>(
    OPEN_ROUND,
    {
      input: {
        strategyId,
        title: input.title ?? 'Quarter 3',
        periodEnd: input.periodEnd ?? daysFromToday(-30),
        returnsDueOn: input.returnsDueOn ?? daysFromToday(-20),
      },
    },
    { token: admin.token },
  );
  return openReportingRound;
}

export async function closeRound(t: TestApp, admin: TestUser, roundId: string): Promise<void> {
  await t.ok(CLOSE_ROUND, { id: roundId }, { token: admin.token });
}

/** A round opened over the strategy and closed at once (no returns submitted); its id. */
export async function closedRound(t: TestApp, admin: TestUser, strategyId: string): Promise<string> {
  const { id } = await openRound(t, admin, strategyId);
  await closeRound(t, admin, id);
  return id;
}
