import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { todayIso } from '../../shared/dates';
import { RAG_WORDS } from '../action-plan';
import { XLSX_CONTENT_TYPE, type PlanFile } from '../action-plan';
import { escapeFormula } from '../action-plan';
import { writeAudit } from '../audit/audit.service';
import { RecommendationScope, RecommendationStatus } from './recommendation.entity';
import type { ReviewActionPlanService } from './review-action-plan.service';
import { dateInWords } from '../../shared/dates';
import type { ReviewService } from './review.service';
import { planSources } from './review-reports.queries';
import { ReviewKind } from './review.entity';
import { assertViewer } from '../../access';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The published action plan's columns, in its order (docs/reviews.md), then what the panel adds. */
export const REVIEW_PLAN_COLUMNS = [
  'Recommendation',
  'Scope',
  'Action',
  'Lead agency',
  'Key milestones',
  'Target date',
  'Completion date and outcome',
  'Progress',
  'Agency responses',
] as const;

export const SCOPE_WORDS: Record<RecommendationScope, string> = {
  [RecommendationScope.LOCAL]: 'Local',
  [RecommendationScope.REGIONAL]: 'Regional',
  [RecommendationScope.NATIONAL]: 'National',
};

export const RECOMMENDATION_STATUS_WORDS: Record<RecommendationStatus, string> = {
  [RecommendationStatus.OPEN]: 'Not started',
  [RecommendationStatus.IN_PROGRESS]: 'In progress',
  [RecommendationStatus.IMPLEMENTED]: 'Implemented',
  [RecommendationStatus.ASSURED]: 'Implemented and assured',
};

/** What a review is called: DHRs are now also Domestic Abuse Related Death Reviews (DARDR). */
export const REVIEW_KIND_WORDS: Record<ReviewKind, string> = {
  [ReviewKind.DHR]: 'Domestic Homicide Review (Domestic Abuse Related Death Review)',
  [ReviewKind.SAR]: 'Safeguarding Adults Review',
  [ReviewKind.CSPR]: 'Child Safeguarding Practice Review',
  [ReviewKind.OTHER]: 'Review',
};

/** One row of a plan: every cell as plain text, in REVIEW_PLAN_COLUMNS order. */
export type PlanLine = { reviewRef: string; reviewTitle: string; cells: string[] };

const d = (iso: string | null) => (iso ? dateInWords(iso) : '');

/**
 * A review's action plan, and the whole tracker's, as XLSX and Word in the published plans' shape.
 * Only what the viewer may see goes in (the access folder's review predicate; a review the viewer may not see is
 * NOT_FOUND, as everywhere else), every export is audited, and spreadsheet text never starts a formula.
 */
export class ReviewExportService {
  constructor(
    private readonly db: DataSource,
    private readonly reviews: ReviewService,
    private readonly plans: ReviewActionPlanService,
  ) {}

  /** The plan lines of one visible review (reviewId) or of every visible review (null). */
  async planLines(viewer: Viewer, reviewId: string | null): Promise<PlanLine[]> {
    assertViewer(viewer);
    if (reviewId != null) await this.reviews.getReview(viewer, reviewId);
    const rows = await planSources(this.db, viewer, reviewId);
    const ids = rows.map((r) => r.id);
    const [milestones, responses] = await Promise.all([
      this.plans.milestonesByRecommendation(ids),
      this.plans.responsesByRecommendation(ids),
    ]);
    return rows.map((r, i) => {
      const ms = milestones[i];
      const action = [r.planAction, r.actions ? `Partnership actions: ${r.actions}` : null].filter(Boolean);
      const completion = r.completedOn
        ? [`Completed ${d(r.completedOn)}`, r.outcome].filter(Boolean).join(': ')
        : '';
      const targets = [r.dueOn, ...ms.map((m) => m.targetOn)].filter((x): x is string => !!x).sort();
      return {
        reviewRef: r.reviewRef,
        reviewTitle: r.reviewTitle,
        cells: [
          `${r.ref}: ${r.text}`,
          SCOPE_WORDS[r.scope] ?? r.scope,
          action.join('\n'),
          r.agency,
          ms
            .map(
              (m) => `${m.title} (by ${d(m.targetOn)}${m.completedOn ? `; done ${d(m.completedOn)}` : ''})`,
            )
            .join('\n'),
          d(r.dueOn ?? targets[targets.length - 1] ?? null),
          completion,
          [RECOMMENDATION_STATUS_WORDS[r.status], r.progressRating ? RAG_WORDS[r.progressRating] : null]
            .filter(Boolean)
            .join(', '),
          responses[i].map((x) => `${d(x.respondedOn)}, ${x.agency}: ${x.text}`).join('\n'),
        ],
      };
    });
  }

  async exportPlan(viewer: Viewer, reviewId: string | null, format: 'xlsx' | 'docx'): Promise<PlanFile> {
    const lines = await this.planLines(viewer, reviewId);
    const review = reviewId ? await this.reviews.getReview(viewer, reviewId) : null;
    const title = review
      ? `Action plan: ${review.title} (${review.ref})`
      : 'Review recommendations: action plans of every review';
    const whole = review == null;
    const body =
      format === 'xlsx' ? await this.xlsx(title, lines, whole) : await this.docx(title, review, lines, whole);
    await writeAudit(this.db.manager, {
      partnershipId: viewer.partnershipId,
      actorId: viewer.id,
      operation: format === 'xlsx' ? 'exportReviewPlanXlsx' : 'exportReviewPlanDocx',
      entityType: 'Review',
      entityId: review?.id ?? 'all',
      before: null,
      after: { recommendations: lines.length },
    });
    const name = review ? `action-plan-${review.ref.replace(/[^A-Za-z0-9-]+/g, '-')}` : 'review-action-plans';
    return {
      fileName: `${name}-${todayIso()}.${format}`,
      contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : DOCX_CONTENT_TYPE,
      body,
      rowCount: lines.length,
    };
  }

  private async xlsx(title: string, lines: PlanLine[], whole: boolean): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Throughline';
    wb.title = title;
    const sheet = wb.addWorksheet('Action plan', { views: [{ state: 'frozen', ySplit: 1 }] });
    const headings = [...(whole ? ['Review'] : []), ...REVIEW_PLAN_COLUMNS];
    sheet.columns = headings.map((h) => ({
      header: h,
      width: h === 'Scope' || h === 'Target date' || h === 'Review' ? 14 : 40,
      style: { alignment: { wrapText: true, vertical: 'top' } },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const l of lines) {
      sheet.addRow([...(whole ? [`${l.reviewRef} ${l.reviewTitle}`] : []), ...l.cells].map(escapeFormula));
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  private async docx(
    title: string,
    review: { kind: ReviewKind; ref: string } | null,
    lines: PlanLine[],
    whole: boolean,
  ): Promise<Buffer> {
    const headings = [...(whole ? ['Review'] : []), ...REVIEW_PLAN_COLUMNS];
    const cell = (text: string, bold = false) =>
      new TableCell({
        children: (text || ' ')
          .split('\n')
          .map((t) => new Paragraph({ children: [new TextRun({ text: t, bold, size: 16 })] })),
      });
    const table = new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: headings.map((h) => cell(h, true)) }),
        ...lines.map(
          (l) =>
            new TableRow({
              children: [...(whole ? [`${l.reviewRef} ${l.reviewTitle}`] : []), ...l.cells].map((t) =>
                cell(t),
              ),
            }),
        ),
      ],
    });
    const doc = new Document({
      creator: 'Throughline',
      title,
      sections: [
        {
          properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
            new Paragraph({
              alignment: AlignmentType.LEFT,
              children: [
                new TextRun(
                  `${review ? REVIEW_KIND_WORDS[review.kind] : 'All reviews'}. Exported ${dateInWords(todayIso())}.`,
                ),
              ],
            }),
            lines.length ? table : new Paragraph('No recommendations recorded yet.'),
          ],
        },
      ],
    });
    return Packer.toBuffer(doc);
  }
}
