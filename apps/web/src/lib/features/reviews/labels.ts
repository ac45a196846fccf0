import type { RecommendationScope, RecommendationStatus, ReviewKind } from '@throughline/sdk';
import { labels } from '$lib/labels';

export const RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = [
  'OPEN',
  'IN_PROGRESS',
  'IMPLEMENTED',
  'ASSURED',
];
export const recommendationStatusLabel: Record<RecommendationStatus, string> = labels.recommendationStatus;
export const recommendationStatusOptions = RECOMMENDATION_STATUSES.map((s) => ({
  value: s,
  text: recommendationStatusLabel[s],
}));

export const REVIEW_KINDS: readonly ReviewKind[] = ['DHR', 'SAR', 'CSPR', 'OTHER'];
export const reviewKindLabel: Record<ReviewKind, string> = {
  DHR: 'Domestic Homicide Review (DHR), now also called a Domestic Abuse Related Death Review (DARDR)',
  SAR: 'Safeguarding Adults Review (SAR)',
  CSPR: 'Child Safeguarding Practice Review (CSPR)',
  OTHER: 'Other review',
};

/** "Information sharing, Risk assessment" -> ["theme:information-sharing", "theme:risk-assessment"]. */
export function themeRefs(text: string, kind = 'theme'): string[] {
  return text
    .split(',')
    .map((t) =>
      t
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .map((slug) => `${kind}:${slug}`);
}

/** What the API says the viewer may do (User.permissions): the rule is the API's, not decided here. */
export function mayManageReviews(
  viewer: { permissions: { manageReviews: boolean } } | null | undefined,
): boolean {
  return !!viewer?.permissions.manageReviews;
}

export const scopeLabel: Record<RecommendationScope, string> = {
  LOCAL: 'Local',
  REGIONAL: 'Regional',
  NATIONAL: 'National',
};
