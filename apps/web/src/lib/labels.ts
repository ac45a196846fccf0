import type {
  ActionStatus,
  MembershipRole,
  QaOutcome,
  Rag,
  RecommendationScope,
  RecommendationStatus,
  ReviewKind,
  Role,
} from '@throughline/sdk';

/**
 * Every value of the API's enums in the words people read. Pages never show an enum name
 * (APPROVED, LOCAL, DHR_PANEL): they show these. One place, so that a word is the same everywhere.
 */
export const labels = {
  actionStatus: {
    NOT_STARTED: 'Not started',
    IN_PROGRESS: 'In progress',
    COMPLETE: 'Complete',
    CANCELLED: 'Cancelled',
  } satisfies Record<ActionStatus, string>,
  rag: { RED: 'Red', AMBER: 'Amber', GREEN: 'Green' } satisfies Record<Rag, string>,
  recommendationStatus: {
    OPEN: 'Open',
    IN_PROGRESS: 'In progress',
    IMPLEMENTED: 'Implemented',
    ASSURED: 'Assured',
  } satisfies Record<RecommendationStatus, string>,
  recommendationScope: {
    LOCAL: 'Local',
    REGIONAL: 'Regional',
    NATIONAL: 'National',
  } satisfies Record<RecommendationScope, string>,
  qaOutcome: {
    APPROVED: 'Approved',
    RESUBMIT: 'Asked to resubmit',
  } satisfies Record<QaOutcome, string>,
  /** Short names, for captions and tables (the acronyms are the names partnerships use). */
  reviewKindShort: { DHR: 'DHR', SAR: 'SAR', CSPR: 'CSPR', OTHER: 'Other review' } satisfies Record<
    ReviewKind,
    string
  >,
  reviewKind: {
    DHR: 'Domestic Homicide Review (DHR)',
    SAR: 'Safeguarding Adults Review (SAR)',
    CSPR: 'Child Safeguarding Practice Review (CSPR)',
    OTHER: 'Other review',
  } satisfies Record<ReviewKind, string>,
  membershipRole: {
    CHAIR: 'Chair',
    COORDINATOR: 'Coordinator',
    MEMBER: 'Member',
  } satisfies Record<MembershipRole, string>,
  role: {
    ADMIN: 'Administrator',
    BOARD: 'Board member',
    DHR_PANEL: 'DHR panel member',
    FACILITATOR: 'Facilitator',
  } satisfies Record<Role, string>,
};

/** The words for `value` of `kind`; an unknown value (a newer API) in lower case rather than shouted. */
export function labelOf<K extends keyof typeof labels>(kind: K, value: string | null | undefined): string {
  if (value == null) return 'Not set';
  const map = labels[kind] as Record<string, string>;
  return map[value] ?? value.toLowerCase().replace(/_/g, ' ');
}
