import type { DataSource } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { todayIso } from '../../shared/dates';
import { escapeFormula } from '../action-plan';
import { writeAudit } from '../audit/audit.service';
import { RecommendationStatus } from './recommendation.entity';
import { RECOMMENDATION_STATUS_WORDS, SCOPE_WORDS } from './review-export';
import { oversightRows } from './review-reports.queries';
import { partnershipName } from './review.queries';
import { assertViewer, requireAccess } from '../../access';

type Counts = Record<RecommendationStatus, number> & { total: number };

export interface OversightGroup {
  dimension: 'scope' | 'theme' | 'status' | 'age';
  group: string;
  counts: Counts;
}

export interface OversightSummary {
  partnership: string;
  generatedOn: string;
  totals: Counts;
  groups: OversightGroup[];
  /** Recommendations of published, non-confidential reviews only: their text is already public. */
  published: Array<{
    review: string;
    publishedOn: string;
    ref: string;
    text: string;
    scope: string;
    status: string;
  }>;
}

const STATUSES = Object.values(RecommendationStatus);
const AGE_BANDS = ['Under 6 months', '6 to 12 months', '1 to 2 years', 'Over 2 years'] as const;

function ageBand(madeOn: string, today: string): string {
  const months =
    (Number(today.slice(0, 4)) - Number(madeOn.slice(0, 4))) * 12 +
    (Number(today.slice(5, 7)) - Number(madeOn.slice(5, 7))) -
    (today.slice(8) < madeOn.slice(8) ? 1 : 0);
  return months < 6 ? AGE_BANDS[0] : months < 12 ? AGE_BANDS[1] : months < 24 ? AGE_BANDS[2] : AGE_BANDS[3];
}

const zero = (): Counts => ({ OPEN: 0, IN_PROGRESS: 0, IMPLEMENTED: 0, ASSURED: 0, total: 0 });

/**
 * The oversight summary (docs/reviews.md): anonymised progress of the partnership's recommendations,
 * counted by scope, theme, status and age, in the form a national oversight body could collect from
 * every partnership. Counts cover every recommendation; text appears only from published,
 * non-confidential reviews. ADMIN and DHR_PANEL only (the route checks), audited.
 */
export class OversightExportService {
  constructor(private readonly db: DataSource) {}

  async summary(viewer: Viewer, today: string = todayIso()): Promise<OversightSummary> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const rows = await oversightRows(this.db, viewer.partnershipId);
    const partnership = await partnershipName(this.db, viewer.partnershipId);
    const totals = zero();
    const groups = new Map<string, OversightGroup>();
    const add = (dimension: OversightGroup['dimension'], group: string, status: RecommendationStatus) => {
      const key = `${dimension}\u0000${group}`;
      if (!groups.has(key)) groups.set(key, { dimension, group, counts: zero() });
      const c = groups.get(key)!.counts;
      c[status]++;
      c.total++;
    };
    for (const s of STATUSES)
      groups.set(`status\u0000${RECOMMENDATION_STATUS_WORDS[s]}`, {
        dimension: 'status',
        group: RECOMMENDATION_STATUS_WORDS[s],
        counts: zero(),
      });
    for (const r of rows) {
      totals[r.status]++;
      totals.total++;
      add('scope', SCOPE_WORDS[r.scope] ?? r.scope, r.status);
      add('status', RECOMMENDATION_STATUS_WORDS[r.status], r.status);
      add('age', ageBand(r.madeOn, today), r.status);
      for (const t of r.themes.length ? r.themes : ['No theme recorded']) add('theme', t, r.status);
    }
    const order = { scope: 0, theme: 1, status: 2, age: 3 };
    const summary: OversightSummary = {
      partnership,
      generatedOn: today,
      totals,
      groups: [...groups.values()].sort(
        (a, b) => order[a.dimension] - order[b.dimension] || a.group.localeCompare(b.group),
      ),
      published: rows
        .filter((r) => r.published)
        .map((r) => ({
          review: r.reviewRef,
          publishedOn: r.publishedOn!,
          ref: r.ref,
          text: r.text,
          scope: SCOPE_WORDS[r.scope],
          status: RECOMMENDATION_STATUS_WORDS[r.status],
        })),
    };
    await writeAudit(this.db.manager, {
      partnershipId: viewer.partnershipId,
      actorId: viewer.id,
      operation: 'exportOversightSummary',
      entityType: 'Review',
      entityId: 'all',
      before: null,
      after: { recommendations: totals.total, published: summary.published.length },
    });
    return summary;
  }

  /** The counts as CSV: one line per dimension and group, a column per status. */
  toCsv(s: OversightSummary): string {
    const q = (v: string | number) => {
      const t = escapeFormula(String(v));
      return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    const head = ['Dimension', 'Group', ...STATUSES.map((x) => RECOMMENDATION_STATUS_WORDS[x]), 'Total'];
    const line = (dim: string, group: string, c: Counts) =>
      [dim, group, ...STATUSES.map((x) => c[x]), c.total].map(q).join(',');
    return (
      [
        head.map(q).join(','),
        line('All', 'All recommendations', s.totals),
        ...s.groups.map((g) => line(g.dimension[0].toUpperCase() + g.dimension.slice(1), g.group, g.counts)),
      ].join('\r\n') + '\r\n'
    );
  }
}
