import type { DataSource, EntityManager } from 'typeorm';
import type { MessageDraft } from '../notifications';
import { ROUTED_SCOPES } from './national-routing.service';
import { dueChase } from './review-plan.rules';
import { activePanel, sentUnanswered } from './recommendation.queries';

/** What the chase pass needs of the notification service: notify, once per partnership and dedupe key. */
export interface ChaseNotifier {
  notify(manager: EntityManager, message: MessageDraft): Promise<boolean>;
}

export interface DueChase {
  partnershipId: string;
  recommendationId: string;
  reviewId: string;
  label: string;
  dedupeKey: string;
  text: string;
}

/** Routed recommendations of every partnership whose acknowledgement or answer is overdue today. */
export async function chasesDue(manager: EntityManager, today: string): Promise<DueChase[]> {
  const rows = await sentUnanswered(manager, ROUTED_SCOPES);
  const out: DueChase[] = [];
  for (const r of rows) {
    const chase = dueChase(r, today);
    if (chase) {
      out.push({
        partnershipId: r.partnershipId,
        recommendationId: r.id,
        reviewId: r.reviewId,
        label: `${r.reviewRef} ${r.ref}`,
        ...chase,
      });
    }
  }
  return out;
}

/**
 * The chase pass, run by the notification scheduler with its reminder pass: for each national or
 * regional recommendation whose acknowledgement (28 days) or answer (90 days) is overdue, a message to
 * every active DHR panel member of the partnership. Each is recorded once (the dedupe key names the
 * recommendation, what is awaited, the send date and the recipient), so a daily pass chases once.
 * Confidential reviews are fine here: only the panel is told. Returns how many were recorded.
 */
export async function runRecommendationChase(
  db: DataSource,
  notifier: ChaseNotifier,
  today: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    let recorded = 0;
    for (const c of await chasesDue(tx, today)) {
      const panel = await activePanel(tx, c.partnershipId);
      for (const u of panel) {
        const sent = await notifier.notify(tx, {
          partnershipId: c.partnershipId,
          recipientId: u.id,
          kind: 'RECOMMENDATION_CHASE',
          dedupeKey: `${c.dedupeKey}:${u.id}`,
          subject: `Chase recommendation ${c.label}`,
          body: `${c.text}. Chase the reply, then record it on the recommendation.`,
          link: `/reviews/${c.reviewId}/plan`,
        });
        if (sent) recorded++;
      }
    }
    return recorded;
  });
}
