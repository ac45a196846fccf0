import type { DataSource, EntityManager } from 'typeorm';
import type { IndicatorFiguresRow, TagCoverageRow } from '../rollup/frozen-rollup.service';
import type { RecordedReturn, RestatementRow, RoundRecord } from './round-record.service';

type Db = DataSource | EntityManager;

/** Closing and reading rounds' records (round-record.service.ts): the statements. */

/** The groups' returns of a round as they stand, by group name. */
export function returnsAtClosing(tx: Db, roundId: string): Promise<RecordedReturn[]> {
  return tx.query(
    `SELECT gr.group_id AS "groupId", g.name AS "groupName", gr.status,
            gr.status = 'APPROVED' AS approved, gr.decided_at AS "decidedAt"
       FROM group_return gr JOIN operational_group g ON g.id = gr.group_id
      WHERE gr.round_id = $1 ORDER BY g.name, gr.group_id`,
    [roundId],
  );
}

/** Writes a round's record (the JSON parts already serialized). */
export async function insertRoundRecord(
  tx: Db,
  r: {
    roundId: string;
    partnershipId: string;
    asOf: string;
    closedAt: Date;
    rollup: string;
    restricted: string;
    figures: string;
    coverage: string;
    returns: string;
    closedById: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO round_record (round_id, partnership_id, as_of, closed_at, rollup, restricted, figures,
       coverage, returns, closed_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.roundId,
      r.partnershipId,
      r.asOf,
      r.closedAt,
      r.rollup,
      r.restricted,
      r.figures,
      r.coverage,
      r.returns,
      r.closedById,
    ],
  );
}

/** Marks a round closed. */
export async function markRoundClosed(
  tx: Db,
  r: { id: string; status: string; closedAt: Date; version: number },
): Promise<void> {
  await tx.query(`UPDATE reporting_round SET status = $2, closed_at = $3, version = $4 WHERE id = $1`, [
    r.id,
    r.status,
    r.closedAt,
    r.version,
  ]);
}

/** Stored records (without figures and coverage) of rounds. */
export function recordRows(db: Db, roundIds: readonly string[]): Promise<RoundRecord[]> {
  return db.query(
    `SELECT round_id AS "roundId", as_of::text AS "asOf", rollup, restricted, returns
       FROM round_record WHERE round_id = ANY($1::uuid[])`,
    [roundIds],
  );
}

/** The indicators' figures stored with records. */
export function figureRows(
  db: Db,
  roundIds: readonly string[],
): Promise<Array<{ round_id: string; figures: Record<string, IndicatorFiguresRow> }>> {
  return db.query(`SELECT round_id, figures FROM round_record WHERE round_id = ANY($1::uuid[])`, [roundIds]);
}

/** The tag coverage stored with records, by (round, kind), with each key's 1-based position. */
export function coverageRows(
  db: Db,
  keys: ReadonlyArray<{ roundId: string; kind: string }>,
): Promise<Array<{ i: number; cells: TagCoverageRow[] | null }>> {
  return db.query(
    `SELECT k.i::int AS i, r.coverage -> k.kind AS cells
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS k(round_id, kind, i)
       JOIN round_record r ON r.round_id = k.round_id`,
    [keys.map((k) => k.roundId), keys.map((k) => k.kind)],
  );
}

/** Restatements of rounds of a partnership, oldest first; confidential ones only when `confidential`. */
export function restatementRows(
  db: Db,
  roundIds: readonly string[],
  partnershipId: string,
  confidential: boolean,
): Promise<RestatementRow[]> {
  return db.query(
    `SELECT id, round_id AS "roundId", entity_type AS "entityType", entity_id AS "entityId", field,
            effective_on::text AS "effectiveOn", what, from_value AS "fromValue", to_value AS "toValue",
            confidential, reason, by_id AS "byId", at
       FROM restatement
      WHERE round_id = ANY($1::uuid[]) AND partnership_id = $2 AND (NOT confidential OR $3::boolean)
      ORDER BY at, id`,
    [roundIds, partnershipId, confidential],
  );
}

/** Whether the round is the partnership's, CLOSED, with its record stored. */
export async function isStoredRecord(db: Db, roundId: string, partnershipId: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM reporting_round r JOIN round_record rr ON rr.round_id = r.id
      WHERE r.id = $1 AND r.partnership_id = $2 AND r.status = 'CLOSED'`,
    [roundId, partnershipId],
  );
  return rows.length > 0;
}
