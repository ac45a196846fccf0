/** The permission matrix's voice mutations (run by test/permissions.test.ts). */
import {
  FEEDBACK_RECORDERS,
  GROUP_EDITORS,
  type Matrix,
  type MutationCase,
  type Outcome,
  type Persona,
  PERSONAS,
} from '../support/permission-matrix';

export function voiceMutations(matrix: Matrix): MutationCase[] {
  const { users, f, version, adminOk, redactable, messageTo } = matrix;
  return [
    // survivor voice
    {
      field: 'recordFeedback',
      doc: `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`,
      vars: (p) => ({
        input: {
          forum: 'Survivor forum',
          receivedOn: '2025-05-01',
          summary: `Waiting times for refuge were too long (${p})`,
          objectiveIds: [f.objective],
        },
      }),
      expect: FEEDBACK_RECORDERS('BAD_USER_INPUT:objectiveIds'),
    },
    {
      field: 'respondToFeedback',
      doc: `mutation($input: FeedbackResponseInput!) { respondToFeedback(input: $input) { id } }`,
      vars: (p) => ({
        input: {
          feedbackId: f.feedback,
          response: `We now explain next steps (${p})`,
          actionIds: [f.actionOwn],
        },
      }),
      expect: FEEDBACK_RECORDERS('NOT_FOUND'),
    },
    // redaction (docs/security.md, "Redaction"): each persona redacts a word of its own from fresh text
    ...(['redactFeedback', 'redactFeedbackResponse', 'redactActionUpdate'] as const).map(
      (field): MutationCase => ({
        field,
        doc: `mutation($id: ID!, $words: [String!]!) {
        ${field}(id: $id, version: 1, words: $words, reason: "Names someone") { id } }`,
        vars: async (p) => {
          const word = `Quillon${p.replace(/_/g, '')}`;
          const made = await redactable(word);
          const id =
            field === 'redactFeedback'
              ? made.feedback
              : field === 'redactFeedbackResponse'
                ? made.response
                : made.update;
          return { id, words: [word] };
        },
        expect: field === 'redactActionUpdate' ? GROUP_EDITORS('NOT_FOUND') : FEEDBACK_RECORDERS('NOT_FOUND'),
      }),
    ),
    {
      field: 'recordForumMeeting',
      doc: `mutation($input: ForumMeetingInput!) { recordForumMeeting(input: $input) { id } }`,
      vars: (p) => ({ input: { forum: `Forum of ${p}`, heldOn: '2025-05-01' } }),
      expect: FEEDBACK_RECORDERS('ok'),
    },
    {
      field: 'decideFeedback',
      doc: `mutation($input: FeedbackDecisionInput!) { decideFeedback(input: $input) { id } }`,
      vars: async () => ({
        input: {
          feedbackId: f.feedback,
          version: await version('feedback', f.feedback),
          decision: 'NOTED',
        },
      }),
      expect: FEEDBACK_RECORDERS('NOT_FOUND'),
    },
    {
      field: 'prepareFeedbackDigest',
      doc: `mutation($input: FeedbackDigestInput!) { prepareFeedbackDigest(input: $input) { id } }`,
      vars: (p) => ({
        input: { forum: `Digest forum of ${p}`, periodFrom: '2025-04-01', periodTo: '2025-06-30' },
      }),
      expect: FEEDBACK_RECORDERS('ok'),
    },
    {
      field: 'releaseFeedbackDigest',
      doc: `mutation($id: ID!, $v: Int!) { releaseFeedbackDigest(id: $id, version: $v) { id } }`,
      vars: async (p) => ({
        id: (
          await adminOk<{ prepareFeedbackDigest: { id: string } }>(
            `mutation($input: FeedbackDigestInput!) { prepareFeedbackDigest(input: $input) { id } }`,
            { input: { forum: `Released forum of ${p}`, periodFrom: '2025-04-01', periodTo: '2025-06-30' } },
          )
        ).prepareFeedbackDigest.id,
        v: 1,
      }),
      expect: FEEDBACK_RECORDERS('NOT_FOUND'),
    },
    // messages: only their recipient (here the ADMIN) may mark one read; to everyone else it does not exist
    {
      field: 'markMessageRead',
      doc: `mutation($id: ID!) { markMessageRead(id: $id) { id readAt } }`,
      vars: async (p) => ({ id: await messageTo(users.ADMIN.id!, `read-${p}-${Math.random()}`) }),
      expect: (() => {
        const row = {} as Record<Persona, Outcome>;
        for (const p of PERSONAS) row[p] = p === 'ADMIN' ? 'ok' : 'NOT_FOUND';
        row.ANON = 'UNAUTHENTICATED';
        return row;
      })(),
    },
  ];
}
