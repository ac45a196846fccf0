import type { Viewer } from '../../../shared/viewer';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../../test/support/test-app';

export const REVIEW_FIELDS = `id kind ref area title pseudonym commissionedOn notifiedOn decidedOn panelStartedOn submittedOn
  qaOutcome qaOn publishedOn confidential version decisionLate reportLate`;

export const CREATE_REVIEW = `mutation($input: ReviewInput!) { createReview(input: $input) { ${REVIEW_FIELDS} } }`;
export const UPDATE_REVIEW = `mutation($id: ID!, $version: Int!, $input: ReviewPatch!) {
  updateReview(id: $id, version: $version, input: $input) { ${REVIEW_FIELDS} } }`;
export const ADD_REC = `mutation($input: RecommendationInput!) { addRecommendation(input: $input) {
  id ref text agency scope dueOn status evidence version overdue tags { kind slug } review { id ref } } }`;
export const SET_STATUS = `mutation($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) {
  id status evidence version history { fromStatus toStatus evidence changedBy { id } changedAt } } }`;
export const RECS = `query($filter: RecommendationFilter, $first: Int, $after: String) {
  recommendations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id ref overdue review { ref } } } } }`;
export const THEMES = `{ recommendationThemes { tag { kind slug label } total open } }`;

export let t: TestApp;
export let admin: TestUser;
export let panel: TestUser;
export let board: TestUser;
export let facilitator: TestUser;
export let adminViewer: Viewer;
export let seq = 0;

export async function setUp(): Promise<void> {
  t = await startTestApp();
  admin = await t.user({ roles: [Role.ADMIN] });
  panel = await t.user({ roles: [Role.DHR_PANEL] });
  board = await t.user({ roles: [Role.BOARD] });
  facilitator = await t.user({ roles: [Role.FACILITATOR] });
  adminViewer = (await t.services.identity.authenticate(admin.token))!;
}
export const tearDown = () => t.close();

export async function createReview(input: Record<string, unknown> = {}, token = panel.token) {
  seq++;
  const res = await t.ok<{ createReview: Record<string, unknown> & { id: string; version: number } }>(
    CREATE_REVIEW,
    { input: { kind: 'DHR', ref: `DHR-T-${seq}`, title: `Review ${seq}`, area: 'Westminster', ...input } },
    { token },
  );
  return res.createReview;
}

export async function addRec(reviewId: string, input: Record<string, unknown> = {}, token = panel.token) {
  seq++;
  const res = await t.ok<{ addRecommendation: Record<string, unknown> & { id: string; version: number } }>(
    ADD_REC,
    {
      input: {
        reviewId,
        ref: `R${seq}`,
        text: 'Share risk information at MARAC',
        agency: 'Police',
        ...input,
      },
    },
    { token },
  );
  return res.addRecommendation;
}

export async function makeAction(): Promise<string> {
  seq++;
  const strategy = await t.services.strategy.createStrategy(adminViewer, { title: `Strategy ${seq}` });
  const objective = await t.services.strategy.createObjective(adminViewer, {
    strategyId: strategy.id,
    code: 'O1',
    title: 'Prevention',
  });
  const group = await t.services.operationalGroups.createOperationalGroup(adminViewer, {
    name: `Group ${seq}`,
  });
  const action = await t.services.actions.createAction(adminViewer, {
    objectiveId: objective.id,
    groupId: group.id,
    ref: `A${seq}`,
    title: 'Train staff in information sharing',
  });
  return action.id;
}
/** The next number for a unique ref (as the helpers above use). */
export const nextSeq = () => seq++;
