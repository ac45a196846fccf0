import type { DataSource } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isUuid } from '../../database/ids';
import { snapshot, writeAudit } from '../audit/audit.service';
import { can, requireAccess } from '../../access';
import { feedbackDecisionTally } from '../voice/voice-loop.service';
import { freezeRollup, rollupFromRecord, type FrozenRollup } from '../rollup/frozen-rollup.service';
import type { IndicatorFiguresRow, TagCoverageRow } from '../rollup/frozen-rollup.service';
import type { BoardRollup } from '../rollup/rollup.type';
import { ReportingRoundEntity, RoundStatus } from './reporting-round.entity';
import {
  coverageRows,
  figureRows,
  insertRoundRecord,
  markRoundClosed,
  recordRows,
  restatementRows,
  returnsAtClosing,
} from './round-record.queries';

/** A group's return as it stood when the round closed. */
export interface RecordedReturn {
  groupId: string;
  groupName: string;
  status: string;
  approved: boolean;
  decidedAt: string | null;
}

/** A round_record row without the indicators' figures (read apart, when asked for): written once. */
export interface RoundRecord {
  roundId: string;
  asOf: string;
  rollup: FrozenRollup['rollup'];
  restricted: FrozenRollup['restricted'];
  returns: RecordedReturn[];
}

export interface RestatementRow {
  id: string;
  roundId: string;
  entityType: string;
  entityId: string;
  field: string;
  effectiveOn: string;
  what: string;
  fromValue: string | null;
  toValue: string | null;
  confidential: boolean;
  reason: string;
  byId: string;
  at: Date;
}

/**
 * Closing a reporting round and reading its record (docs/rollup-rules.md, "Closed periods and
 * restatements"). Closing freezes the roll-up as of returnsDueOn, with which returns were approved, in
 * the same transaction as the round's status: the record is read back as stored, never recomputed.
 */
export class RoundRecordService {
  constructor(private readonly db: DataSource) {}

  /** ADMIN (the strategic lead): closes an OPEN round and stores its record; audited. */
  async close(viewer: Viewer, id: string): Promise<ReportingRoundEntity> {
    requireAccess(viewer, 'round.close');
    return this.db.transaction(async (tx) => {
      // Read committed, the round locked first: a dated write in flight holds the round FOR SHARE
      // (ClosedPeriods.check), so it is committed before the record is computed, and any later one
      // waits for this transaction and then finds the round closed.
      const repo = tx.getRepository(ReportingRoundEntity);
      const round = isUuid(id)
        ? await repo.findOne({
            where: { id, partnershipId: viewer.partnershipId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!round) throw new NotFoundError('ReportingRound', id);
      if (round.status === RoundStatus.CLOSED) {
        throw new BadInputError('id', `The round "${round.title}" is already closed.`);
      }
      // The record's statements on this transaction's connection and side by side on whichever of
      // the pool's are free, never waiting for one (database/lanes.ts): closes holding every
      // connection still finish. The lock above keeps every write of the period out until this
      // transaction ends.
      const frozen = await freezeRollup(
        tx,
        { strategyId: round.strategyId, partnershipId: round.partnershipId, asOf: round.returnsDueOn },
        this.db,
      );
      if (!frozen) throw new NotFoundError('Strategy', round.strategyId);
      // The decisions on survivors' feedback in force then: frozen with the rest of what the board read.
      Object.assign(frozen.rollup, {
        feedbackDecisions: await feedbackDecisionTally(tx, round.partnershipId, round.returnsDueOn),
      });
      const returns = await returnsAtClosing(tx, round.id);
      const closedAt = new Date();
      const recorded = returns.map((r) => ({
        ...r,
        decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
      }));
      await insertRoundRecord(tx, {
        roundId: round.id,
        partnershipId: round.partnershipId,
        asOf: round.returnsDueOn,
        closedAt,
        rollup: JSON.stringify(frozen.rollup),
        restricted: JSON.stringify(frozen.restricted),
        figures: JSON.stringify(frozen.indicatorFigures),
        coverage: JSON.stringify(frozen.coverage),
        returns: JSON.stringify(recorded),
        closedById: viewer.id,
      });
      const closed = repo.merge(repo.create({ ...round }), {
        status: RoundStatus.CLOSED,
        closedAt,
        version: round.version + 1,
      });
      await markRoundClosed(tx, { id: round.id, status: closed.status, closedAt, version: closed.version });
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'closeReportingRound',
        entityType: 'ReportingRound',
        entityId: round.id,
        before: snapshot(round),
        after: {
          ...(snapshot(closed) as object),
          asOf: round.returnsDueOn,
          approvedGroups: recorded.filter((r) => r.approved).map((r) => r.groupId),
        },
      });
      return closed;
    });
  }

  /** The stored records of rounds, by round id (null: not closed). */
  async records(roundIds: readonly string[]): Promise<Array<RoundRecord | null>> {
    const rows = await recordRows(this.db, roundIds);
    const map = new Map(rows.map((r) => [r.roundId, r]));
    return roundIds.map((id) => map.get(id) ?? null);
  }

  /** The indicators' figures stored with records, by round id (read only when a query asks). */
  async figures(roundIds: readonly string[]): Promise<Array<Record<string, IndicatorFiguresRow>>> {
    const rows = await figureRows(this.db, roundIds);
    const map = new Map(rows.map((r) => [r.round_id, r.figures]));
    return roundIds.map((id) => map.get(id) ?? {});
  }

  /** The tag coverage stored with records, by round id and kind (none: a kind no tag had then). */
  async coverage(keys: ReadonlyArray<{ roundId: string; kind: string }>): Promise<TagCoverageRow[][]> {
    const rows = await coverageRows(this.db, keys);
    const byIndex = new Map(rows.map((r) => [r.i - 1, r.cells ?? []]));
    return keys.map((_k, i) => byIndex.get(i) ?? []);
  }

  /**
   * The frozen roll-up of a record as `viewer` may see it; `parts` give the record's indicator figures
   * and tag coverage when a query asks for them (e.g. loaders over figures() and coverage()).
   */
  rollupOf(
    viewer: Viewer,
    record: RoundRecord,
    parts: {
      figures: () => Promise<Record<string, IndicatorFiguresRow>>;
      coverage: (kind: string) => Promise<TagCoverageRow[]>;
    } = {
      figures: async () => (await this.figures([record.roundId]))[0],
      coverage: async (kind) => (await this.coverage([{ roundId: record.roundId, kind }]))[0],
    },
  ): BoardRollup {
    return rollupFromRecord(record, can(viewer, 'review.readConfidential'), parts);
  }

  /**
   * The restatements of rounds, by round id, oldest first; a restatement of a confidential review's
   * recommendation only for readers who may see confidential reviews.
   */
  async restatements(viewer: Viewer, roundIds: readonly string[]): Promise<RestatementRow[][]> {
    const rows = await restatementRows(
      this.db,
      roundIds,
      viewer.partnershipId,
      can(viewer, 'review.readConfidential'),
    );
    const byRound = new Map<string, RestatementRow[]>(roundIds.map((id) => [id, []]));
    for (const r of rows) byRound.get(r.roundId)!.push(r);
    return roundIds.map((id) => byRound.get(id)!);
  }
}
