import type { DataSource } from 'typeorm';
import { BadInputError, ForbiddenError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { isUuid } from '../../database/ids';
import { snapshot, writeAudit } from '../audit/audit.service';
import { ReviewPolicy } from '../reviews/review.policy';
import { freezeRollup, rollupFromRecord, type FrozenRollup } from '../rollup/frozen-rollup.service';
import type { BoardRollup } from '../rollup/rollup.type';
import { ReportingRoundEntity, RoundStatus } from './reporting-round.entity';
import { RoundPolicy } from './round.policy';

/** A group's return as it stood when the round closed. */
export interface RecordedReturn {
  groupId: string;
  groupName: string;
  status: string;
  approved: boolean;
  decidedAt: string | null;
}

/** What round_record.record holds: written once when the round closes, never updated. */
export interface RoundRecord {
  closedAt: string;
  asOf: string;
  frozen: FrozenRollup;
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
    if (!RoundPolicy.isAdmin(viewer)) {
      throw new ForbiddenError('Only an admin (the strategic lead) may close a reporting round.');
    }
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
      const frozen = await freezeRollup(tx, {
        strategyId: round.strategyId,
        partnershipId: round.partnershipId,
        asOf: round.returnsDueOn,
      });
      if (!frozen) throw new NotFoundError('Strategy', round.strategyId);
      const returns: RecordedReturn[] = await tx.query(
        `SELECT gr.group_id AS "groupId", g.name AS "groupName", gr.status,
                gr.status = 'APPROVED' AS approved, gr.decided_at AS "decidedAt"
           FROM group_return gr JOIN operational_group g ON g.id = gr.group_id
          WHERE gr.round_id = $1 ORDER BY g.name, gr.group_id`,
        [round.id],
      );
      const closedAt = new Date();
      const record: RoundRecord = {
        closedAt: closedAt.toISOString(),
        asOf: round.returnsDueOn,
        frozen,
        returns: returns.map((r) => ({
          ...r,
          decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
        })),
      };
      await tx.query(
        `INSERT INTO round_record (round_id, partnership_id, as_of, record, closed_by_id)
         VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [round.id, round.partnershipId, round.returnsDueOn, JSON.stringify(record), viewer.id],
      );
      const closed = repo.merge(repo.create({ ...round }), {
        status: RoundStatus.CLOSED,
        closedAt,
        version: round.version + 1,
      });
      await repo.save(closed);
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
          approvedGroups: record.returns.filter((r) => r.approved).map((r) => r.groupId),
        },
      });
      return closed;
    });
  }

  /** The stored records of rounds, by round id (null: not closed). */
  async records(roundIds: readonly string[]): Promise<Array<RoundRecord | null>> {
    const rows: Array<{ round_id: string; record: RoundRecord }> = await this.db.query(
      `SELECT round_id, record FROM round_record WHERE round_id = ANY($1::uuid[])`,
      [roundIds],
    );
    const map = new Map(rows.map((r) => [r.round_id, r.record]));
    return roundIds.map((id) => map.get(id) ?? null);
  }

  /** The frozen roll-up of a record as `viewer` may see it. */
  rollupOf(viewer: Viewer, record: RoundRecord): BoardRollup {
    return rollupFromRecord(record.frozen, ReviewPolicy.canReadConfidential(viewer));
  }

  /**
   * The restatements of rounds, by round id, oldest first; a restatement of a confidential review's
   * recommendation only for readers who may see confidential reviews.
   */
  async restatements(viewer: Viewer, roundIds: readonly string[]): Promise<RestatementRow[][]> {
    const rows: RestatementRow[] = await this.db.query(
      `SELECT id, round_id AS "roundId", entity_type AS "entityType", entity_id AS "entityId", field,
              effective_on::text AS "effectiveOn", what, from_value AS "fromValue", to_value AS "toValue",
              confidential, reason, by_id AS "byId", at
         FROM restatement
        WHERE round_id = ANY($1::uuid[]) AND partnership_id = $2 AND (NOT confidential OR $3::boolean)
        ORDER BY at, id`,
      [roundIds, viewer.partnershipId, ReviewPolicy.canReadConfidential(viewer)],
    );
    const byRound = new Map<string, RestatementRow[]>(roundIds.map((id) => [id, []]));
    for (const r of rows) byRound.get(r.roundId)!.push(r);
    return roundIds.map((id) => byRound.get(id)!);
  }
}
