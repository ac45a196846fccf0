import type { DataSource } from 'typeorm';
import { WINDOW_START_SQL } from './round.queries';

/**
 * How many open actions each return covers and how many are still due, counted in SQL: the round
 * overview and "what is due from me" show "2 of 5" for every group, and loading every action of every
 * return to count them cost more than three roll-ups at size M (docs/performance.md, "Reporting
 * rounds"). One statement for all the returns of a request; the same rules as actionsOfReturns in
 * round.queries.ts (open actions of the group in the round's strategy; due: no update in the window).
 */
export async function actionCountsOfReturns(
  db: DataSource,
  returnIds: readonly string[],
): Promise<Map<string, { total: number; due: number }>> {
  const rows: Array<{ return_id: string; total: number; due: number }> = await db.query(
    `WITH w AS (
       SELECT gr.id AS return_id, gr.group_id, r.strategy_id, r.returns_due_on AS win_end,
              ${WINDOW_START_SQL} AS win_start
         FROM group_return gr JOIN reporting_round r ON r.id = gr.round_id
         JOIN strategy s ON s.id = r.strategy_id
        WHERE gr.id = ANY($1::uuid[])
     )
     SELECT w.return_id, count(*)::int AS total,
            count(*) FILTER (WHERE NOT EXISTS (
              SELECT 1 FROM action_update u WHERE u.action_id = a.id
                 AND u.reported_on BETWEEN w.win_start AND w.win_end))::int AS due
       FROM w JOIN action a ON a.group_id = w.group_id AND a.strategy_id = w.strategy_id
      WHERE a.current_status IN ('NOT_STARTED', 'IN_PROGRESS')
      GROUP BY w.return_id`,
    [returnIds],
  );
  return new Map(rows.map((r) => [r.return_id, { total: r.total, due: r.due }]));
}
