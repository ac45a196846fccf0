import type { DataSource, EntityManager } from 'typeorm';
import { hydrate, selectList } from '../../database/hydrate';
import { ActionEntity } from '../actions/action.entity';
import { GroupReturnEntity, ReturnStatus } from './group-return.entity';
import { RoundStatus } from './reporting-round.entity';

type Db = DataSource | EntityManager;

/**
 * The first day of a round's window (docs/graphql-contract.md, "Reporting rounds"): the day after the previous
 * round's returnsDueOn (previous by periodEnd), else the strategy's start, else no lower bound.
 * `r` is the reporting_round row, `s` its strategy.
 */
export const WINDOW_START_SQL = `COALESCE(
  (SELECT p.returns_due_on + 1 FROM reporting_round p
    WHERE p.strategy_id = r.strategy_id AND p.period_end < r.period_end
    ORDER BY p.period_end DESC LIMIT 1),
  s.starts_on, '-infinity'::date)`;

/** The statuses in which an action is still open (action.enums OPEN_STATUSES), as SQL. */
const OPEN_SQL = `a.current_status IN ('NOT_STARTED', 'IN_PROGRESS')`;

/** The window start of one round (null: none). */
export async function windowStartOf(db: Db, roundId: string): Promise<string | null> {
  const [row]: Array<{ start: string }> = await db.query(
    `SELECT ${WINDOW_START_SQL}::text AS start FROM reporting_round r JOIN strategy s ON s.id = r.strategy_id
      WHERE r.id = $1`,
    [roundId],
  );
  return !row || row.start === '-infinity' ? null : row.start;
}

/** The groups owning at least one open action of the strategy: each gets a return. */
export async function groupsWithOpenActions(db: Db, strategyId: string): Promise<string[]> {
  const rows: Array<{ group_id: string }> = await db.query(
    `SELECT DISTINCT a.group_id FROM action a WHERE a.strategy_id = $1 AND ${OPEN_SQL}`,
    [strategyId],
  );
  return rows.map((r) => r.group_id);
}

/** Creates the round's returns, NOT_STARTED, in one statement. */
export async function insertReturns(
  db: Db,
  partnershipId: string,
  roundId: string,
  groupIds: string[],
): Promise<void> {
  if (groupIds.length === 0) return;
  await db.query(
    `INSERT INTO group_return (partnership_id, round_id, group_id, status)
     SELECT $1, $2, g, $4 FROM unnest($3::uuid[]) AS g`,
    [partnershipId, roundId, groupIds, ReturnStatus.NOT_STARTED],
  );
}

/**
 * For each return: the group's open actions of the round's strategy, ordered by ref, with `due` true
 * when the action has no update dated in the round's window. One statement for any number of returns.
 */
export async function actionsOfReturns(
  ds: DataSource,
  db: Db,
  returnIds: readonly string[],
): Promise<Map<string, Array<{ action: ActionEntity; due: boolean }>>> {
  const rows: Array<Record<string, unknown> & { return_id: string; due: boolean }> = await db.query(
    `WITH w AS (
       SELECT gr.id AS return_id, gr.group_id, r.strategy_id, r.returns_due_on AS win_end,
              ${WINDOW_START_SQL} AS win_start
         FROM group_return gr JOIN reporting_round r ON r.id = gr.round_id
         JOIN strategy s ON s.id = r.strategy_id
        WHERE gr.id = ANY($1::uuid[])
     )
     SELECT w.return_id, ${selectList(ds, ActionEntity, 'a')},
            NOT EXISTS (SELECT 1 FROM action_update u WHERE u.action_id = a.id
                          AND u.reported_on BETWEEN w.win_start AND w.win_end) AS due
       FROM w JOIN action a ON a.group_id = w.group_id AND a.strategy_id = w.strategy_id
      WHERE ${OPEN_SQL}
      ORDER BY a.ref, a.id`,
    [returnIds],
  );
  const out = new Map<string, Array<{ action: ActionEntity; due: boolean }>>();
  for (const id of returnIds) out.set(id, []);
  for (const row of rows) {
    out.get(row.return_id)!.push({ action: hydrate(ds, ActionEntity, row, 'a'), due: row.due });
  }
  return out;
}

/**
 * The first update in a round's window starts the group's return: NOT_STARTED becomes DRAFT for every
 * OPEN round of the action's strategy whose window holds the update's reportedOn. A data-modifying CTE
 * (`u` is the CTE holding the inserted action_update row), so addActionUpdate's one statement does it.
 * The version is left alone: starting is not an edit that a decision could conflict with.
 */
export const startReturnsCte = (u: string) => `started_returns AS (
    UPDATE group_return gr SET status = '${ReturnStatus.DRAFT}'
      FROM ${u}, action a, reporting_round r, strategy s
     WHERE a.id = ${u}.action_id AND gr.round_id = r.id AND s.id = r.strategy_id
       AND r.strategy_id = a.strategy_id AND gr.group_id = a.group_id
       AND r.status = '${RoundStatus.OPEN}' AND gr.status = '${ReturnStatus.NOT_STARTED}'
       AND ${u}.reported_on <= r.returns_due_on AND ${u}.reported_on >= ${WINDOW_START_SQL}
  )`;

/** The viewer's returns in OPEN rounds (any membership role), soonest due first, then by group name. */
export async function openReturnsOfGroups(
  ds: DataSource,
  partnershipId: string,
  groupIds: string[],
): Promise<GroupReturnEntity[]> {
  if (groupIds.length === 0) return [];
  const rows: Array<Record<string, unknown>> = await ds.query(
    `SELECT ${selectList(ds, GroupReturnEntity, 'gr')}
       FROM group_return gr JOIN reporting_round r ON r.id = gr.round_id
       JOIN operational_group g ON g.id = gr.group_id
      WHERE gr.partnership_id = $1 AND gr.group_id = ANY($2::uuid[]) AND r.status = $3
      ORDER BY r.returns_due_on, g.name, gr.id`,
    [partnershipId, groupIds, RoundStatus.OPEN],
  );
  return rows.map((row) => hydrate(ds, GroupReturnEntity, row, 'gr'));
}

/** The returns of rounds, as group_return rows aliased `gr` (hydrate them), by group name. */
export function returnRowsOfRounds(
  db: DataSource,
  roundIds: readonly string[],
): Promise<Array<Record<string, unknown>>> {
  return db.query(
    `SELECT ${selectList(db, GroupReturnEntity, 'gr')} FROM group_return gr
       JOIN operational_group g ON g.id = gr.group_id
      WHERE gr.round_id = ANY($1::uuid[]) ORDER BY g.name, gr.id`,
    [roundIds],
  );
}

/** Locks the partnership's strategy (opening rounds of it one at a time); none: not the partnership's. */
export function lockStrategy(
  tx: Db,
  strategyId: string,
  partnershipId: string,
): Promise<Array<{ id: string }>> {
  return tx.query(`SELECT id FROM strategy WHERE id = $1 AND partnership_id = $2 FOR UPDATE`, [
    strategyId,
    partnershipId,
  ]);
}

/** The strategy's latest round by period end (none: no round yet). */
export function latestRoundOf(
  tx: Db,
  strategyId: string,
): Promise<Array<{ period_end: string; returns_due_on: string }>> {
  return tx.query(
    `SELECT period_end, returns_due_on FROM reporting_round WHERE strategy_id = $1
      ORDER BY period_end DESC LIMIT 1`,
    [strategyId],
  );
}

/** Locks the partnership's action and gives its current status and RAG (none: not the partnership's). */
export function lockActionState(
  tx: Db,
  actionId: string,
  partnershipId: string,
): Promise<Array<Pick<ActionEntity, 'currentStatus' | 'currentRag'>>> {
  return tx.query(
    `SELECT a.current_status AS "currentStatus", a.current_rag AS "currentRag"
       FROM action a JOIN strategy s ON s.id = a.strategy_id
      WHERE a.id = $1 AND s.partnership_id = $2 FOR UPDATE OF a`,
    [actionId, partnershipId],
  );
}

/** A group's name. */
export function groupNameOf(tx: Db, groupId: string): Promise<Array<{ name: string }>> {
  return tx.query(`SELECT name FROM operational_group WHERE id = $1`, [groupId]);
}

/** Locks an action and gives its version (the return sheet's conflict check). */
export function lockActionVersion(tx: Db, actionId: string): Promise<Array<{ version: number }>> {
  return tx.query(`SELECT version FROM action WHERE id = $1 FOR UPDATE`, [actionId]);
}
