/** The permission matrix's read cases: who sees what through the queries (run by test/permissions.test.ts). */
import {
  ADMIN_SEES,
  CONFIDENTIAL,
  EVERYONE,
  type Matrix,
  MESSAGE_TO_ADMIN,
  type ReadCase,
  seen,
} from '../support/permission-matrix';

type Conn = { edges: Array<{ node: { id: string } }> };

export function readCases(matrix: Matrix): ReadCase[] {
  const { users, f } = matrix;
  const reads: ReadCase[] = [
    {
      field: 'users',
      label: 'the user list',
      doc: `{ users { id } }`,
      shows: (d: { users: Array<{ id: string }> }) => d.users.some((u) => u.id === users.CHAIR_OWN.id),
      expect: ADMIN_SEES,
    },
    {
      field: 'auditTrail',
      label: "an action's audit trail",
      doc: `query($id: ID!) { auditTrail(entityType: "Action", entityId: $id) { id } }`,
      vars: {},
      shows: (d: { auditTrail: unknown[] }) => d.auditTrail.length > 0,
      expect: ADMIN_SEES,
    },
    {
      field: 'review',
      label: 'a confidential review by id',
      doc: `query($id: ID!) { review(id: $id) { id } }`,
      shows: (d: { review: { id: string } | null }) => d.review !== null,
      expect: CONFIDENTIAL,
    },
    {
      field: 'review',
      label: 'a published review by id',
      doc: `query($id: ID!) { review(id: $id) { id recommendations { id } } }`,
      shows: (d: { review: { id: string } | null }) => d.review !== null,
      expect: EVERYONE,
    },
    {
      field: 'reviews',
      label: 'a confidential review in the list',
      doc: `{ reviews { id } }`,
      shows: (d: { reviews: Array<{ id: string }> }) => d.reviews.some((r) => r.id === f.reviewConfidential),
      expect: CONFIDENTIAL,
    },
    {
      field: 'reviews',
      label: 'a published review in the list',
      doc: `{ reviews { id } }`,
      shows: (d: { reviews: Array<{ id: string }> }) => d.reviews.some((r) => r.id === f.reviewPublic),
      expect: EVERYONE,
    },
    {
      field: 'recommendation',
      label: 'a confidential recommendation by id',
      doc: `query($id: ID!) { recommendation(id: $id) { id } }`,
      shows: (d: { recommendation: unknown }) => d.recommendation !== null,
      expect: CONFIDENTIAL,
    },
    {
      field: 'recommendations',
      label: 'a confidential recommendation in the tracker',
      doc: `{ recommendations(first: 100) { totalCount edges { node { id } } } }`,
      shows: (d: { recommendations: Conn }) =>
        d.recommendations.edges.some((e) => e.node.id === f.recConfidential),
      expect: CONFIDENTIAL,
    },
    {
      field: 'recommendations',
      label: 'a published recommendation in the tracker',
      doc: `{ recommendations(first: 100) { edges { node { id } } } }`,
      shows: (d: { recommendations: Conn }) => d.recommendations.edges.some((e) => e.node.id === f.recPublic),
      expect: EVERYONE,
    },
    {
      field: 'nationalRecommendations',
      label: 'a confidential national recommendation',
      doc: `{ nationalRecommendations { id waiting { text } } }`,
      shows: (d: { nationalRecommendations: Array<{ id: string }> }) =>
        d.nationalRecommendations.some((r) => r.id === f.recNational),
      expect: CONFIDENTIAL,
    },
    {
      field: 'learningThemes',
      label: "a confidential recommendation's theme",
      doc: `{ learningThemes { tag { slug } recommendationCount } }`,
      shows: (d: { learningThemes: Array<{ tag: { slug: string } }> }) =>
        d.learningThemes.some((c) => c.tag.slug === 'secret-theme'),
      expect: CONFIDENTIAL,
    },
    {
      field: 'recommendationThemes',
      label: "a confidential recommendation's theme counts",
      doc: `{ recommendationThemes { total tag { slug } } }`,
      shows: (d: { recommendationThemes: Array<{ total: number; tag: { slug: string } }> }) =>
        d.recommendationThemes.some((c) => c.tag.slug === 'secret-theme' && c.total > 0),
      expect: CONFIDENTIAL,
    },
    {
      field: 'action',
      label: "a confidential recommendation among an action's recommendations",
      doc: `query($id: ID!) { action(id: $id) { id recommendations { id } } }`,
      shows: (d: { action: { recommendations: Array<{ id: string }> } | null }) =>
        !!d.action?.recommendations.some((r) => r.id === f.recConfidential),
      expect: CONFIDENTIAL,
    },
    {
      field: 'action',
      label: 'an action by id',
      doc: `query($id: ID!) { action(id: $id) { id } }`,
      shows: (d: { action: unknown }) => d.action !== null,
      expect: EVERYONE,
    },
    {
      field: 'actions',
      label: "another group's action in the list",
      doc: `{ actions(first: 100) { edges { node { id } } } }`,
      shows: (d: { actions: Conn }) => d.actions.edges.some((e) => e.node.id === f.actionOther),
      expect: EVERYONE,
    },
    {
      field: 'strategy',
      label: 'the strategy by id',
      doc: `query($id: ID!) { strategy(id: $id) { id objectives { id } } }`,
      shows: (d: { strategy: unknown }) => d.strategy !== null,
      expect: EVERYONE,
    },
    {
      field: 'strategies',
      label: 'the strategy in the list',
      doc: `{ strategies { id } }`,
      shows: (d: { strategies: Array<{ id: string }> }) => d.strategies.some((s) => s.id === f.strategy),
      expect: EVERYONE,
    },
    {
      field: 'operationalGroups',
      label: 'the groups',
      doc: `{ operationalGroups { id } }`,
      shows: (d: { operationalGroups: Array<{ id: string }> }) =>
        d.operationalGroups.some((g) => g.id === f.groupOwn),
      expect: EVERYONE,
    },
    {
      field: 'tags',
      label: 'the theme of a published recommendation',
      doc: `{ tags(kind: "theme") { slug } }`,
      shows: (d: { tags: Array<{ slug: string }> }) => d.tags.some((x) => x.slug === 'public-theme'),
      expect: EVERYONE,
    },
    {
      field: 'boardRollup',
      label: 'the roll-up of the strategy',
      doc: `query($id: ID!) { boardRollup(strategyId: $id) { totals { total } } }`,
      shows: (d: { boardRollup: { totals: { total: number } } | null }) =>
        (d.boardRollup?.totals.total ?? 0) > 0,
      expect: EVERYONE,
    },
    {
      field: 'boardRollup',
      label: "confidential recommendations in the roll-up's tally",
      doc: `query($id: ID!) { boardRollup(strategyId: $id) { recommendations { total } } }`,
      shows: async (d: { boardRollup: { recommendations: { total: number } } | null }) => {
        const [{ n }] = await matrix.t.dataSource.query(
          `SELECT count(*)::int AS n FROM recommendation r JOIN review v ON v.id = r.review_id WHERE NOT v.confidential`,
        );
        return (d.boardRollup?.recommendations.total ?? 0) > n;
      },
      expect: CONFIDENTIAL,
    },
    {
      field: 'objectiveTrend',
      label: "an objective's trend",
      doc: `query($id: ID!) { objectiveTrend(objectiveId: $id, from: "2025-01-01", to: "2025-12-31", every: QUARTER) { asOf } }`,
      shows: (d: { objectiveTrend: unknown[] }) => d.objectiveTrend.length > 0,
      expect: EVERYONE,
    },
    {
      field: 'actionImport',
      label: 'a checked upload of an action plan',
      doc: `query($id: ID!) { actionImport(id: $id) { id rows { ref } } }`,
      shows: (d: { actionImport: unknown }) => d.actionImport !== null,
      expect: ADMIN_SEES,
    },
    {
      field: 'reportingRounds',
      label: "a strategy's rounds",
      doc: `query($s: ID!) { reportingRounds(strategyId: $s) { id } }`,
      shows: (d: { reportingRounds: Array<{ id: string }> }) =>
        d.reportingRounds.some((r) => r.id === f.round),
      expect: EVERYONE,
    },
    {
      field: 'rollupChanges',
      label: 'what changed in the strategy',
      doc: `query($id: ID!) { rollupChanges(strategyId: $id, from: "2000-01-01") { from actions { fromStatus } } }`,
      shows: (d: { rollupChanges: { from: string } | null }) => d.rollupChanges?.from === '2000-01-01',
      expect: EVERYONE,
    },
    {
      field: 'reportingRound',
      label: 'a round with its returns',
      doc: `query($r: ID!) { reportingRound(id: $r) { id returns { id status } } }`,
      shows: (d: { reportingRound: unknown }) => d.reportingRound !== null,
      expect: EVERYONE,
    },
    {
      field: 'groupReturn',
      label: "a group's return",
      doc: `query($g: ID!) { groupReturn(id: $g) { id actionsDue { id } } }`,
      shows: (d: { groupReturn: unknown }) => d.groupReturn !== null,
      expect: EVERYONE,
    },
    {
      field: 'myReturns',
      label: "the viewer's groups' open returns",
      doc: `{ myReturns { id } }`,
      shows: (d: { myReturns: Array<{ id: string }> }) => d.myReturns.some((r) => r.id === f.returnOwn),
      expect: seen(['CHAIR_OWN', 'COORDINATOR_OWN', 'MEMBER']),
    },
    {
      field: 'feedback',
      label: 'survivor feedback',
      doc: `{ feedback(first: 50) { edges { node { id } } } }`,
      shows: (d: { feedback: Conn }) => d.feedback.edges.some((e) => e.node.id === f.feedback),
      expect: EVERYONE,
    },
    {
      field: 'forumMeetings',
      label: "a forum's meeting",
      doc: `{ forumMeetings { id } }`,
      shows: (d: { forumMeetings: Array<{ id: string }> }) => d.forumMeetings.some((m) => m.id === f.meeting),
      expect: EVERYONE,
    },
    {
      field: 'feedbackDecisionTally',
      label: "the partnership's feedback counted by decision",
      doc: `{ feedbackDecisionTally { total } }`,
      shows: (d: { feedbackDecisionTally: { total: number } }) => d.feedbackDecisionTally.total > 0,
      expect: EVERYONE,
    },
    {
      field: 'feedbackDigests',
      label: 'a digest not yet released, in the released list',
      doc: `{ feedbackDigests { id } }`,
      shows: (d: { feedbackDigests: Array<{ id: string }> }) =>
        d.feedbackDigests.some((x) => x.id === f.digestDraft),
      expect: seen([]),
    },
    {
      field: 'feedbackDigestDrafts',
      label: 'a digest not yet released, for its preview',
      doc: `{ feedbackDigestDrafts { id } }`,
      shows: (d: { feedbackDigestDrafts: Array<{ id: string }> }) =>
        d.feedbackDigestDrafts.some((x) => x.id === f.digestDraft),
      expect: seen(['ADMIN', 'FACILITATOR']),
    },
    {
      field: 'feedbackDigest',
      label: 'a digest not yet released, by its id',
      doc: `query($id: ID!) { feedbackDigest(id: $id) { id } }`,
      shows: (d: { feedbackDigest: { id: string } | null }) => d.feedbackDigest?.id === f.digestDraft,
      expect: seen(['ADMIN', 'FACILITATOR']),
    },
    {
      field: 'myMessages',
      label: "a message to the ADMIN, in each person's own list",
      doc: `{ myMessages { id } }`,
      shows: (d: { myMessages: Array<{ id: string }> }) => d.myMessages.some((m) => m.id === f.message),
      expect: MESSAGE_TO_ADMIN,
    },
    {
      field: 'unreadMessageCount',
      label: "the ADMIN's unread message, in each person's count",
      doc: `{ unreadMessageCount }`,
      shows: (d: { unreadMessageCount: number }) => d.unreadMessageCount > 0,
      expect: MESSAGE_TO_ADMIN,
    },
    {
      field: 'emailSettings',
      label: 'whether email is configured',
      doc: `{ emailSettings { configured } }`,
      shows: () => true,
      // A setting of the whole installation, not of a partnership: every partnership's ADMIN sees it.
      expect: { ...ADMIN_SEES, OUTSIDER: 'visible' },
    },
  ];

  reads.push({
    field: 'redactableText',
    label: 'feedback to redact (who may redact it)',
    doc: `query($id: ID!) { redactableText(kind: FEEDBACK, id: $id) { id } }`,
    shows: (d: { redactableText: { id: string } }) => d.redactableText.id === f.feedback,
    expect: (() => {
      const row = { ...ADMIN_SEES };
      row.FACILITATOR = 'visible';
      return row;
    })(),
  });
  return reads;
}
