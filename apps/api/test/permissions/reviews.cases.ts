/** The permission matrix's reviews mutations (run by test/permissions.test.ts). */
import { type Matrix, type MutationCase, REVIEW_EDITORS } from '../support/permission-matrix';

export function reviewsMutations(matrix: Matrix): MutationCase[] {
  const { f, version, nextStatus } = matrix;
  return [
    // reviews (public and confidential)
    {
      field: 'createReview',
      doc: `mutation($input: ReviewInput!) { createReview(input: $input) { id } }`,
      vars: (p) => ({ input: { kind: 'SAR', ref: `SAR-${p}`, title: `Review by ${p}`, confidential: true } }),
      expect: REVIEW_EDITORS('ok'),
    },
    {
      field: 'updateReview',
      label: 'a published review',
      doc: `mutation($id: ID!, $v: Int!, $input: ReviewPatch!) { updateReview(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({
        id: f.reviewPublic,
        v: await version('review', f.reviewPublic),
        input: { area: p },
      }),
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'updateReview',
      label: 'a confidential review',
      doc: `mutation($id: ID!, $v: Int!, $input: ReviewPatch!) { updateReview(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({
        id: f.reviewConfidential,
        v: await version('review', f.reviewConfidential),
        input: { area: p },
      }),
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'updateRecommendationPlan',
      label: 'of a confidential review',
      doc: `mutation($input: RecommendationPlanInput!) { updateRecommendationPlan(input: $input) { id } }`,
      vars: async (p) => ({
        input: {
          id: f.recConfidential,
          version: await version('recommendation', f.recConfidential),
          planAction: `By ${p}`,
        },
      }),
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'updateRecommendationRouting',
      label: 'of a confidential national recommendation',
      doc: `mutation($input: RecommendationRoutingInput!) { updateRecommendationRouting(input: $input) { id } }`,
      vars: async (p) => ({
        input: {
          id: f.recNational,
          version: await version('recommendation', f.recNational),
          addressedTo: `Body ${p}`,
        },
      }),
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'addMilestone',
      label: 'of a confidential recommendation',
      doc: `mutation($input: MilestoneInput!) { addMilestone(input: $input) { id } }`,
      vars: (p) => ({
        input: { recommendationId: f.recConfidential, title: `Milestone ${p}`, targetOn: '2026-01-31' },
      }),
      expect: REVIEW_EDITORS('BAD_USER_INPUT:recommendationId'),
    },
    {
      field: 'completeMilestone',
      label: 'of a confidential recommendation',
      doc: `mutation($input: CompleteMilestoneInput!) { completeMilestone(input: $input) { id } }`,
      // A milestone of its own for each persona: a completed one cannot be completed again.
      vars: async (p) => {
        const [m] = await matrix.t.dataSource.query(
          `INSERT INTO recommendation_milestone (recommendation_id, title, target_on) VALUES ($1, $2, '2026-01-31') RETURNING id`,
          [f.recConfidential, `To complete ${p}`],
        );
        return { input: { id: m.id, version: 1 } };
      },
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'recordAgencyResponse',
      label: 'to a confidential recommendation',
      doc: `mutation($input: AgencyResponseInput!) { recordAgencyResponse(input: $input) { id } }`,
      vars: (p) => ({
        input: {
          recommendationId: f.recConfidential,
          agency: 'Police',
          respondedOn: '2025-05-01',
          text: `By ${p}`,
        },
      }),
      expect: REVIEW_EDITORS('BAD_USER_INPUT:recommendationId'),
    },
    {
      field: 'addRecommendation',
      label: 'to a confidential review',
      doc: `mutation($input: RecommendationInput!) { addRecommendation(input: $input) { id } }`,
      vars: (p) => ({ input: { reviewId: f.reviewConfidential, ref: `R-${p}`, text: `By ${p}` } }),
      expect: REVIEW_EDITORS('BAD_USER_INPUT:reviewId'),
    },
    {
      field: 'setRecommendationStatus',
      label: 'of a published review',
      doc: `mutation($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) { id } }`,
      vars: async () => ({
        input: { id: f.recPublic, status: await nextStatus(f.recPublic), evidence: 'Audit of case files' },
      }),
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'setRecommendationStatus',
      label: 'of a confidential review',
      doc: `mutation($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) { id } }`,
      vars: async () => ({
        input: { id: f.recConfidential, status: await nextStatus(f.recConfidential), evidence: 'Minutes' },
      }),
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'linkRecommendationToAction',
      doc: `mutation($r: ID!, $a: ID!) { linkRecommendationToAction(recommendationId: $r, actionId: $a) { id } }`,
      vars: async () => {
        await matrix.t.dataSource.query(`DELETE FROM recommendation_action WHERE recommendation_id = $1`, [
          f.recPublic,
        ]);
        return { r: f.recPublic, a: f.actionOther };
      },
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
    {
      field: 'unlinkRecommendationFromAction',
      doc: `mutation($r: ID!, $a: ID!) { unlinkRecommendationFromAction(recommendationId: $r, actionId: $a) { id } }`,
      vars: async () => {
        await matrix.t.dataSource.query(
          `INSERT INTO recommendation_action (recommendation_id, action_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [f.recPublic, f.actionOther],
        );
        return { r: f.recPublic, a: f.actionOther };
      },
      expect: REVIEW_EDITORS('NOT_FOUND'),
    },
  ];
}
