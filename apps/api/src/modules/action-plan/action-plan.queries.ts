import type { DataSource } from 'typeorm';
import type { ActionStatus, Rag } from '../actions/action.enums';

/* The action-plan export's SQL. */

/** One exported row: the action, its objective, group and latest update, as plain values. */
export interface PlanRow {
  ref: string;
  title: string;
  description: string;
  successMeasure: string;
  lead: string;
  objective: string;
  output: string | null;
  group: string;
  agreedOn: string;
  startsOn: string | null;
  dueOn: string | null;
  status: ActionStatus;
  rag: Rag | null;
  reportedOn: string | null;
  progress: string | null;
  impact: string | null;
  tags: string | null;
}

/** A strategy's action plan (one group's, with `groupId`), in plan order: objectives as the strategy lists them, then refs. */
export function planRows(db: DataSource, strategyId: string, groupId: string | null): Promise<PlanRow[]> {
  const params: unknown[] = [strategyId];
  if (groupId) params.push(groupId);
  return db.query(
    `SELECT a.ref, a.title, a.description, a.success_measure AS "successMeasure", a.lead,
            o.code AS objective, op.title AS output, g.name AS "group",
            a.agreed_on AS "agreedOn", a.starts_on AS "startsOn", a.due_on AS "dueOn",
            a.current_status AS status, a.current_rag AS rag, a.last_reported_on AS "reportedOn",
            u.progress, u.impact,
            (SELECT string_agg(t.kind || ':' || t.slug, '; ' ORDER BY t.kind, t.slug)
               FROM action_tag at JOIN tag t ON t.id = at.tag_id WHERE at.action_id = a.id) AS tags
       FROM action a
       JOIN objective o ON o.id = a.objective_id
       JOIN operational_group g ON g.id = a.group_id
       LEFT JOIN output op ON op.id = a.output_id
       LEFT JOIN action_update u ON u.id = a.latest_update_id
      WHERE a.strategy_id = $1 ${groupId ? 'AND a.group_id = $2' : ''}
      ORDER BY o.position, o.code, a.ref, a.id`,
    params,
  );
}
