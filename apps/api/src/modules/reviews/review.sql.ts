import { BadInputError } from '../../errors/errors';
import type { Role } from '../identity/user.entity';
import type { RecommendationEntity, RecommendationStatus } from './recommendation.entity';

/**
 * What the reviews module's services share: column lists for raw SQL, row shapes, and small guards.
 */

/** A review's columns under their entity property names, for raw SQL over alias `rv`. */
export const REVIEW_COLUMNS = `rv.id, rv.partnership_id AS "partnershipId", rv.kind, rv.ref, rv.area, rv.title, rv.pseudonym,
  rv.commissioned_on AS "commissionedOn", rv.notified_on AS "notifiedOn", rv.decided_on AS "decidedOn",
  rv.panel_started_on AS "panelStartedOn", rv.submitted_on AS "submittedOn", rv.qa_outcome AS "qaOutcome",
  rv.qa_on AS "qaOn", rv.published_on AS "publishedOn", rv.confidential, rv.version,
  rv.created_at AS "createdAt", rv.updated_at AS "updatedAt"`;

/** A recommendation's columns under their entity property names, for raw SQL over alias `r`. */
export const RECOMMENDATION_COLUMNS = `r.id, r.review_id AS "reviewId", r.ref, r.text, r.agency, r.scope,
  r.due_on AS "dueOn", r.status, r.evidence, r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  r.made_on AS "madeOn", r.plan_action AS "planAction", r.progress_rating AS "progressRating",
  r.completed_on AS "completedOn", r.outcome, r.addressed_to AS "addressedTo", r.sent_on AS "sentOn",
  r.acknowledged_on AS "acknowledgedOn", r.answered_on AS "answeredOn", r.answer`;

export interface TagRow {
  id: string;
  kind: string;
  slug: string;
  label: string;
}

export interface StatusChangeRow {
  id: string;
  recommendationId: string;
  fromStatus: RecommendationStatus | null;
  toStatus: RecommendationStatus;
  evidence: string | null;
  changedAt: Date;
  effectiveOn: string;
  changedBy: { id: string; email: string; name: string; roles: Role[] } | null;
}

export interface RecommendationPage {
  edges: Array<{ cursor: string; node: RecommendationEntity }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface ThemeCount {
  tag: TagRow;
  total: number;
  open: number;
}

export function checkEnum<T extends string>(field: string, value: unknown, values: Record<string, T>): T {
  if (!Object.values(values).includes(value as T)) throw new BadInputError(field, `Unknown ${field}.`);
  return value as T;
}

/** Runs a write, turning a unique violation into BAD_USER_INPUT on `field` (src/shared/unique-violation.ts). */
export { saveUnique } from '../../shared/unique-violation';
