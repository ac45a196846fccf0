import type { DataSource } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isIsoDate, todayIso } from '../../shared/dates';
import { writeAudit } from '../audit/audit.service';
import type { RollupService } from '../rollup/rollup.service';
import type { RollupChangesService } from '../rollup/changes.service';
import { gatherPackChanges, type PackChanges } from './board-pack.changes';
import type { BoardRollup } from '../rollup/rollup.type';
import { ReportingRoundEntity } from '../rounds/reporting-round.entity';
import type { RestatementRow, RoundRecordService } from '../rounds/round-record.service';
import { isUuid } from '../../database/ids';
import {
  queryAreaValues,
  queryPackActions,
  queryPackFeedback,
  queryPackRecommendations,
  queryPartnershipName,
  queryRecordedPackActions,
  type AreaValueRow,
  type PackActionRow,
  type PackFeedbackRow,
  type PackRecommendationRow,
} from './board-pack.queries';
import { can } from '../../access';

export type PackFormat = 'pdf' | 'docx';
export const PACK_FORMATS: readonly PackFormat[] = ['pdf', 'docx'];

/** Everything a pack shows, already cut down to what its reader may see. */
export interface BoardPack {
  partnership: string;
  rollup: BoardRollup;
  /** The date the figures are as of (a round's closing date, or the date asked for). */
  asOf: string;
  producedOn: string;
  /** The closed round the pack records, when it is one ("Quarter 2 2026"); null for a date. */
  roundName: string | null;
  /** True when the pack holds confidential reviews' recommendations: the cover is marked for it. */
  sensitive: boolean;
  actions: PackActionRow[];
  /** indicator id -> its latest value in each area where it is measured. */
  areaValues: Map<string, AreaValueRow[]>;
  recommendations: PackRecommendationRow[];
  feedback: PackFeedbackRow[];
  /** What changed since the last closed round up to asOf (board-pack.changes.ts); absent: not gathered. */
  changes?: PackChanges | null;
  /** Survivors' words left out: only facilitators and strategic leads take feedback away. */
  feedbackWithheld: boolean;
  /**
   * A closed round's pack: the corrections recorded since it closed (those the reader may see), shown
   * beside the record's frozen figures; null for a strategy as of a date.
   */
  restatements?: RestatementRow[] | null;
}

/** The closed round a pack records: its rows are as recorded by its closing. */
interface RecordedRound {
  id: string;
  title: string;
  closedAt: Date;
}

/** The request as the route reads it: a strategy as of a date, or a closed round's record. */
export interface PackRequest {
  strategyId: string;
  asOf: string | null;
  format: PackFormat;
  /** ?round=<id>: the closed round whose stored record the pack shows (strategyId and asOf unused). */
  roundId?: string;
}

/**
 * The board pack (docs/decisions/0011-board-pack.md): the roll-up through RollupService (the same numbers the board
 * page shows) and the rows behind it, for any signed-in member of the partnership; confidential
 * reviews' recommendations only for those the access policy lets read them (review.readConfidential). Producing a pack is audited.
 */
export class BoardPackService {
  constructor(
    private readonly db: DataSource,
    private readonly rollups: RollupService,
    private readonly roundRecords: RoundRecordService,
    private readonly changes?: RollupChangesService,
  ) {}

  /** Checks the query string's values, naming the first bad one. */
  static parseRequest(query: Record<string, unknown>): PackRequest {
    const one = (name: string): string | null => {
      const v = query[name];
      if (v === undefined) return null;
      if (typeof v !== 'string') throw new BadInputError(name, `Give "${name}" once.`);
      return v;
    };
    const format = one('format') ?? 'pdf';
    if (!PACK_FORMATS.includes(format as PackFormat)) {
      throw new BadInputError('format', '"format" must be "pdf" or "docx".');
    }
    // A closed round's record: its own strategy and date.
    const roundId = one('round');
    if (roundId !== null) {
      if (query.strategy !== undefined || query.asOf !== undefined) {
        throw new BadInputError('round', 'Give either round, or strategy and asOf, not both.');
      }
      return { strategyId: '', asOf: null, format: format as PackFormat, roundId };
    }
    const strategyId = one('strategy');
    if (!strategyId) throw new BadInputError('strategy', 'Give the strategy: ?strategy=<id>.');
    const asOf = one('asOf');
    if (asOf !== null && !isIsoDate(asOf)) {
      throw new BadInputError('asOf', '"asOf" must be a real date written YYYY-MM-DD.');
    }
    return { strategyId, asOf, format: format as PackFormat };
  }

  /** The pack of a strategy as of a date (today when none), audited as produced by `viewer`. */
  async forStrategy(viewer: Viewer, request: PackRequest): Promise<BoardPack> {
    if (request.roundId !== undefined) return this.forRound(viewer, request.roundId, request.format);
    const rollup = await this.rollups.boardRollup(viewer, request.strategyId, request.asOf);
    return this.fromRollup(viewer, rollup, null, request.format);
  }

  /**
   * A closed round's pack: the roll-up from the record stored at closing (as the reader may see it),
   * the cover naming the round. NOT_FOUND for a round of another partnership; an open round has no
   * record yet (400 naming round).
   */
  async forRound(viewer: Viewer, roundId: string, format: PackFormat): Promise<BoardPack> {
    const round = isUuid(roundId)
      ? await this.db.getRepository(ReportingRoundEntity).findOneBy({
          id: roundId,
          partnershipId: viewer.partnershipId,
        })
      : null;
    if (!round) throw new NotFoundError('ReportingRound', roundId);
    const [record] = await this.roundRecords.records([round.id]);
    if (!record) {
      throw new BadInputError('round', `The round "${round.title}" is not closed yet: it has no record.`);
    }
    const closedAt = round.closedAt ?? new Date();
    return this.fromRollup(
      viewer,
      this.roundRecords.rollupOf(viewer, record),
      { id: round.id, title: round.title, closedAt },
      format,
    );
  }

  /**
   * The pack around a roll-up already made: a strategy's as of a date, or a closed round's stored
   * record (its roll-up and closing date), so that a round's pack shows the numbers it closed with: the
   * record's frozen roll-up and per-area figures, the rows as recorded by its closing, and the
   * restatements made since beside them (never a live recomputation as of the date).
   */
  async fromRollup(
    viewer: Viewer,
    rollup: BoardRollup,
    round: RecordedRound | null,
    format: PackFormat,
  ): Promise<BoardPack> {
    const asOf = rollup.asOf;
    const strategyId = rollup.strategy.id;
    const roundName = round?.title ?? null;
    const [partnership, actions, areaRows, recommendations, feedback, changes, restatements] =
      await Promise.all([
        queryPartnershipName(this.db, viewer.partnershipId),
        round
          ? queryRecordedPackActions(this.db, strategyId, asOf, round.closedAt)
          : queryPackActions(this.db, strategyId, asOf),
        round ? this.recordedAreaValues(round.id) : queryAreaValues(this.db, strategyId, asOf),
        queryPackRecommendations(this.db, viewer, asOf, round?.closedAt ?? null),
        queryPackFeedback(this.db, viewer.partnershipId, asOf),
        this.changes ? gatherPackChanges(this.changes, viewer, strategyId, asOf) : null,
        round ? this.roundRecords.restatements(viewer, [round.id]).then(([rows]) => rows) : null,
      ]);
    if (!partnership) throw new NotFoundError('Strategy', strategyId);
    const areaValues = new Map<string, AreaValueRow[]>();
    for (const row of areaRows) {
      const list = areaValues.get(row.indicatorId) ?? [];
      list.push(row);
      areaValues.set(row.indicatorId, list);
    }
    // Belt and braces: the query already holds back what the reader may not see.
    const visible = can(viewer, 'review.readConfidential')
      ? recommendations
      : recommendations.filter((r) => !r.confidential);
    const sensitive = visible.some((r) => r.confidential);
    // An export of survivor feedback is for facilitators and strategic leads (docs/security.md).
    const feedbackWithheld = !can(viewer, 'feedback.record');
    await writeAudit(this.db.manager, {
      partnershipId: viewer.partnershipId,
      actorId: viewer.id,
      operation: 'produceBoardPack',
      entityType: 'Strategy',
      entityId: strategyId,
      before: null,
      after: { asOf, format, round: roundName, sensitive },
    });
    return {
      partnership,
      rollup,
      asOf,
      producedOn: todayIso(),
      roundName,
      sensitive,
      actions,
      areaValues,
      recommendations: visible,
      changes,
      feedback: feedbackWithheld ? [] : feedback,
      feedbackWithheld,
      restatements,
    };
  }

  /** The per-area figures stored with a round's record (suppressed counts left out). */
  private async recordedAreaValues(roundId: string): Promise<AreaValueRow[]> {
    const [figures] = await this.roundRecords.figures([roundId]);
    return Object.values(figures).flatMap((f) =>
      f.areas
        .filter((a) => a.area && a.value != null)
        .map((a) => ({ indicatorId: f.indicatorId, area: a.area!, value: a.value!, period: a.period })),
    );
  }
}

/** For file names: "VAWG Strategy 2025" -> "vawg-strategy-2025". */
export function packFileName(pack: BoardPack, format: PackFormat): string {
  const slug =
    pack.rollup.strategy.title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'strategy';
  return `board-pack-${slug}-${pack.asOf}.${format}`;
}
