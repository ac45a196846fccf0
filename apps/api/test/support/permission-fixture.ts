/** The permission matrix's personas and records, built through the API as the admin (see test/permissions.test.ts). */
import { getSchema } from '../../src/graphql/schema';
import { outsiderAdmin } from './outsider';
import type { Matrix } from './permission-matrix';
import { Role, startTestApp } from './test-app';

export async function setUpMatrix(m: Matrix): Promise<void> {
  const { users, f, adminOk, exists, stageImport, messageTo } = m;
  const t = (m.t = await startTestApp());
  m.schema = await getSchema();
  const admin = await t.user({ roles: [Role.ADMIN], name: 'Matrix Admin' });
  users.ADMIN = admin;
  users.BOARD = await t.user({ roles: [Role.BOARD] });
  users.CHAIR_OWN = await t.user({});
  users.COORDINATOR_OWN = await t.user({});
  users.CHAIR_OTHER = await t.user({});
  users.MEMBER = await t.user({});
  users.DHR_PANEL = await t.user({ roles: [Role.DHR_PANEL] });
  users.FACILITATOR = await t.user({ roles: [Role.FACILITATOR] });
  users.ANON = { id: null, token: null };
  const bystander = await t.user({});
  f.bystander = bystander.id;

  // The outsider: an ADMIN of another partnership.
  users.OUTSIDER = await outsiderAdmin(t, 'outsider@elsewhere.example.org');

  // The partnership's records, built through the API as the admin.
  const g = `mutation($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`;
  f.groupOwn = (
    await adminOk<{ createOperationalGroup: { id: string } }>(g, {
      input: {
        name: 'Own group',
        chairId: users.CHAIR_OWN.id,
        coordinatorId: users.COORDINATOR_OWN.id,
        memberIds: [users.MEMBER.id],
      },
    })
  ).createOperationalGroup.id;
  f.groupOther = (
    await adminOk<{ createOperationalGroup: { id: string } }>(g, {
      input: { name: 'Other group', chairId: users.CHAIR_OTHER.id },
    })
  ).createOperationalGroup.id;
  f.strategy = (
    await adminOk<{ createStrategy: { id: string } }>(
      `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
      { input: { title: 'Matrix strategy', startsOn: '2025-04-01', endsOn: '2028-03-31' } },
    )
  ).createStrategy.id;
  f.objective = (
    await adminOk<{ createObjective: { id: string } }>(
      `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id } }`,
      { input: { strategyId: f.strategy, code: 'O1', title: 'Prevention' } },
    )
  ).createObjective.id;
  f.outcome = (
    await adminOk<{ createOutcome: { id: string } }>(
      `mutation($input: OutcomeInput!) { createOutcome(input: $input) { id } }`,
      { input: { objectiveId: f.objective, title: 'Fewer repeat victims' } },
    )
  ).createOutcome.id;
  f.output = (
    await adminOk<{ createOutput: { id: string } }>(
      `mutation($input: OutputInput!) { createOutput(input: $input) { id } }`,
      { input: { objectiveId: f.objective, title: 'Training', outcomeIds: [f.outcome] } },
    )
  ).createOutput.id;
  f.indicator = (
    await adminOk<{ createIndicator: { id: string } }>(
      `mutation($input: IndicatorInput!) { createIndicator(input: $input) { id } }`,
      { input: { outcomeId: f.outcome, name: 'Repeat referrals', unit: '%', baseline: 30, target: 20 } },
    )
  ).createIndicator.id;
  const action = `mutation($input: ActionInput!) { createAction(input: $input) { id } }`;
  f.actionOwn = (
    await adminOk<{ createAction: { id: string } }>(action, {
      input: { objectiveId: f.objective, groupId: f.groupOwn, ref: 'OWN-1', title: 'Own action' },
    })
  ).createAction.id;
  f.actionOther = (
    await adminOk<{ createAction: { id: string } }>(action, {
      input: { objectiveId: f.objective, groupId: f.groupOther, ref: 'OTHER-1', title: 'Other action' },
    })
  ).createAction.id;
  const review = `mutation($input: ReviewInput!) { createReview(input: $input) { id } }`;
  f.reviewPublic = (
    await adminOk<{ createReview: { id: string } }>(review, {
      input: { kind: 'DHR', ref: 'DHR-PUB', title: 'Published review', confidential: false },
    })
  ).createReview.id;
  f.reviewConfidential = (
    await adminOk<{ createReview: { id: string } }>(review, {
      input: { kind: 'DHR', ref: 'DHR-CONF', title: 'Confidential review', confidential: true },
    })
  ).createReview.id;
  const rec = `mutation($input: RecommendationInput!) { addRecommendation(input: $input) { id } }`;
  f.recPublic = (
    await adminOk<{ addRecommendation: { id: string } }>(rec, {
      input: {
        reviewId: f.reviewPublic,
        ref: 'P1',
        text: 'Share information',
        tags: ['theme:public-theme'],
      },
    })
  ).addRecommendation.id;
  f.recConfidential = (
    await adminOk<{ addRecommendation: { id: string } }>(rec, {
      input: { reviewId: f.reviewConfidential, ref: 'C1', text: 'Train GPs', tags: ['theme:secret-theme'] },
    })
  ).addRecommendation.id;
  f.recNational = (
    await adminOk<{ addRecommendation: { id: string } }>(rec, {
      input: { reviewId: f.reviewConfidential, ref: 'N1', text: 'Fund IDVAs', scope: 'NATIONAL' },
    })
  ).addRecommendation.id;
  // The confidential recommendation is delivered by the own group's action (Action.recommendations).
  await adminOk(
    `mutation($r: ID!, $a: ID!) { linkRecommendationToAction(recommendationId: $r, actionId: $a) { id } }`,
    { r: f.recConfidential, a: f.actionOwn },
  );
  if (exists('mutation', 'recordFeedback')) {
    f.feedback = (
      await adminOk<{ recordFeedback: { id: string } }>(
        `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`,
        {
          input: {
            forum: 'Survivor forum',
            receivedOn: '2025-04-10',
            summary: 'Nobody explained what would happen next',
            objectiveIds: [f.objective],
          },
        },
      )
    ).recordFeedback.id;
  }
  if (exists('mutation', 'recordForumMeeting')) {
    f.meeting = (
      await adminOk<{ recordForumMeeting: { id: string } }>(
        `mutation($input: ForumMeetingInput!) { recordForumMeeting(input: $input) { id } }`,
        { input: { forum: 'Survivor forum', heldOn: '2025-04-10' } },
      )
    ).recordForumMeeting.id;
  }
  if (exists('mutation', 'prepareFeedbackDigest')) {
    f.digestDraft = (
      await adminOk<{ prepareFeedbackDigest: { id: string } }>(
        `mutation($input: FeedbackDigestInput!) { prepareFeedbackDigest(input: $input) { id } }`,
        { input: { forum: 'Survivor forum', periodFrom: '2025-04-01', periodTo: '2025-04-30' } },
      )
    ).prepareFeedbackDigest.id;
  }
  f.actionImport = await stageImport('STAGED-1');

  // A reporting round on a strategy of its own (so that the actions other cases create do not fall
  // due in it), whose only return, the own group's, has nothing due: it can be submitted.
  f.roundStrategy = (
    await adminOk<{ createStrategy: { id: string } }>(
      `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
      { input: { title: 'Rounds strategy', startsOn: '2025-04-01' } },
    )
  ).createStrategy.id;
  const roundObjective = (
    await adminOk<{ createObjective: { id: string } }>(
      `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id } }`,
      { input: { strategyId: f.roundStrategy, code: 'R1', title: 'Rounds' } },
    )
  ).createObjective.id;
  const roundAction = (
    await adminOk<{ createAction: { id: string } }>(action, {
      input: { objectiveId: roundObjective, groupId: f.groupOwn, ref: 'ROUND-1', title: 'Reported action' },
    })
  ).createAction.id;
  await adminOk(`mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`, {
    input: { actionId: roundAction, status: 'IN_PROGRESS', rag: 'GREEN', progress: 'On track' },
  });
  const round = await adminOk<{ openReportingRound: { id: string; returns: Array<{ id: string }> } }>(
    `mutation($input: ReportingRoundInput!) { openReportingRound(input: $input) { id returns { id } } }`,
    {
      input: {
        strategyId: f.roundStrategy,
        title: 'Round',
        periodEnd: '2025-06-30',
        returnsDueOn: '2099-01-01',
      },
    },
  );
  f.round = round.openReportingRound.id;
  f.returnOwn = round.openReportingRound.returns[0].id;
  f.message = await messageTo(users.ADMIN.id!, 'fixture');
}
