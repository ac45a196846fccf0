import { Role, startTestApp, type TestApp, type TestUser } from './test-app';

export let t: TestApp;
export let admin: TestUser;
export let board: TestUser;
export let panel: TestUser;
export let groupId: string;
export const ids: Record<string, string> = {};
export let actionSeq = 0;

export async function createAction(opts: {
  outputId?: string;
  agreedOn: string;
  dueOn?: string;
  tags?: string[];
}) {
  const data = await t.ok<{ createAction: { id: string } }>(
    `mutation($input: ActionInput!) { createAction(input: $input) { id } }`,
    {
      input: {
        objectiveId: ids.O1,
        groupId,
        ref: `R${++actionSeq}`,
        title: `Action ${actionSeq}`,
        outputId: opts.outputId,
        agreedOn: opts.agreedOn,
        dueOn: opts.dueOn,
        tags: opts.tags,
      },
    },
    { token: admin.token },
  );
  return data.createAction.id;
}

export async function update(actionId: string, reportedOn: string, status: string, rag: string | null) {
  await t.ok(
    `mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`,
    { input: { actionId, reportedOn, status, rag, progress: `Reported ${reportedOn}` } },
    { token: admin.token },
  );
}

export async function setUp(): Promise<void> {
  t = await startTestApp();
  admin = await t.user({ roles: [Role.ADMIN] });
  board = await t.user({ roles: [Role.BOARD] });
  panel = await t.user({ roles: [Role.DHR_PANEL] });
  const as = { token: admin.token };
  ids.S = (
    await t.ok<{ createStrategy: { id: string } }>(
      `mutation { createStrategy(input: { title: "VAWG Strategy 2025-28", updateCadenceDays: 90 }) { id } }`,
      {},
      as,
    )
  ).createStrategy.id;
  ids.O1 = (
    await t.ok<{ createObjective: { id: string } }>(
      `mutation($s: ID!) { createObjective(input: { strategyId: $s, code: "O1", title: "Prevention" }) { id } }`,
      { s: ids.S },
      as,
    )
  ).createObjective.id;
  ids.OC1 = (
    await t.ok<{ createOutcome: { id: string } }>(
      `mutation($o: ID!) { createOutcome(input: { objectiveId: $o, title: "Fewer repeat victims" }) { id } }`,
      { o: ids.O1 },
      as,
    )
  ).createOutcome.id;
  ids.P1 = (
    await t.ok<{ createOutput: { id: string } }>(
      `mutation($o: ID!, $oc: ID!) { createOutput(input: { objectiveId: $o, title: "Training", outcomeIds: [$oc] }) { id } }`,
      { o: ids.O1, oc: ids.OC1 },
      as,
    )
  ).createOutput.id;
  ids.I1 = (
    await t.ok<{ createIndicator: { id: string } }>(
      `mutation($oc: ID!) { createIndicator(input: { outcomeId: $oc, name: "Repeat referrals", unit: "%", baseline: 100, target: 60 }) { id } }`,
      { oc: ids.OC1 },
      as,
    )
  ).createIndicator.id;
  for (const m of [
    { period: '2025-03-01', value: 70 },
    { period: '2025-05-01', value: 50, area: 'camden' },
  ]) {
    await t.ok(
      `mutation($input: MeasurementInput!) { recordMeasurement(input: $input) { id } }`,
      { input: { indicatorId: ids.I1, ...m } },
      as,
    );
  }
  groupId = (
    await t.ok<{ createOperationalGroup: { id: string } }>(
      `mutation { createOperationalGroup(input: { name: "Prevention group" }) { id } }`,
      {},
      as,
    )
  ).createOperationalGroup.id;

  const community = ['ecological-level:community'];
  // A1: two updates on 1 May, the one recorded last (RED) wins.
  const a1 = await createAction({
    outputId: ids.P1,
    agreedOn: '2025-01-10',
    dueOn: '2025-12-31',
    tags: community,
  });
  await update(a1, '2025-05-01', 'IN_PROGRESS', 'AMBER');
  await update(a1, '2025-05-01', 'IN_PROGRESS', 'RED');
  // A2: overdue and stale on 30 June.
  const a2 = await createAction({
    outputId: ids.P1,
    agreedOn: '2025-01-10',
    dueOn: '2025-03-31',
    tags: community,
  });
  await update(a2, '2025-02-15', 'IN_PROGRESS', 'AMBER');
  // A3: complete.
  const a3 = await createAction({ agreedOn: '2025-01-10', dueOn: '2025-03-01' });
  await update(a3, '2025-04-01', 'COMPLETE', 'GREEN');
  // A4: cancelled (its tag is not counted).
  const a4 = await createAction({ agreedOn: '2025-02-01', tags: community });
  await update(a4, '2025-03-01', 'CANCELLED', 'RED');
  // A5: never updated: NOT_STARTED, unrated, stale.
  await createAction({ agreedOn: '2025-03-01' });
  // A6: agreed after 30 June.
  await createAction({ outputId: ids.P1, agreedOn: '2025-07-01', tags: community });

  const publicReview = (
    await t.ok<{ createReview: { id: string } }>(
      `mutation { createReview(input: { kind: DHR, ref: "DHR-1", title: "Published review", confidential: false }) { id } }`,
      {},
      as,
    )
  ).createReview.id;
  const secretReview = (
    await t.ok<{ createReview: { id: string } }>(
      `mutation { createReview(input: { kind: DHR, ref: "DHR-2", title: "Review in progress", confidential: true }) { id } }`,
      {},
      as,
    )
  ).createReview.id;
  const addRec = async (reviewId: string, ref: string, dueOn: string) =>
    (
      await t.ok<{ addRecommendation: { id: string; version: number } }>(
        `mutation($input: RecommendationInput!) { addRecommendation(input: $input) { id version } }`,
        {
          input: { reviewId, ref, text: 'Agencies should share risk information.', agency: 'Police', dueOn },
        },
        as,
      )
    ).addRecommendation;
  await addRec(publicReview, '1', '2025-01-31'); // OPEN, overdue
  const moving = await addRec(publicReview, '2', '2099-01-01');
  await t.ok(
    `mutation($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) { id } }`,
    { input: { id: moving.id, status: 'IN_PROGRESS', version: moving.version } },
    as,
  );
  await addRec(secretReview, '1', '2025-01-31'); // confidential, OPEN, overdue

  const fb = (
    await t.ok<{ recordFeedback: { id: string } }>(
      `mutation($o: ID!) { recordFeedback(input: { forum: "Survivor forum", receivedOn: "2025-02-01", summary: "Waiting times at the one-stop shop are too long.", objectiveIds: [$o] }) { id } }`,
      { o: ids.O1 },
      as,
    )
  ).recordFeedback.id;
  await t.ok(
    `mutation($f: ID!) { respondToFeedback(input: { feedbackId: $f, response: "We opened a second session each week.", respondedOn: "2025-03-01" }) { id } }`,
    { f: fb },
    as,
  );
  await t.ok(
    `mutation { recordFeedback(input: { forum: "Survivor forum", receivedOn: "2025-05-01", summary: "More evening support, please." }) { id } }`,
    {},
    as,
  );
}

export const tearDown = () => t?.close();
