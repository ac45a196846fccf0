import { BadInputError } from '../../errors/errors';
import { actionsAsOf } from '../rollup';
import { todayIso } from '../../shared/dates';
import { ActionStatus, OPEN_STATUSES, Rag } from './action.enums';

/** The filter fields read "as they stood" on a past day (ActionFilter.asOf). */
export interface ActionStateFilter {
  asOf?: string | null;
  status?: ActionStatus[] | null;
  rag?: Rag[] | null;
  overdue?: boolean | null;
  stale?: boolean | null;
}

/**
 * The one WHERE condition on `action a` (joined to its strategy `s`) that an action list filtered
 * "as of" a day needs: the actions agreed by then whose status, RAG, due date and last report as of
 * that day (the board roll-up's own SQL, rollup/as-of.ts actionsAsOf, so that a drill-down lists exactly
 * the actions a count of the board as of that day counted) match the filter. Overdue and stale are
 * counted as the roll-up counts them (rollup/queries.ts tallyAggregates). `p` adds a parameter.
 */
export function actionStateAsOf(
  f: ActionStateFilter,
  p: (v: unknown) => string,
  partnership: string,
): string {
  const asOf = f.asOf!;
  if (asOf > todayIso()) throw new BadInputError('asOf', 'The date to look back to cannot be in the future.');
  if (f.status?.some((s) => !Object.values(ActionStatus).includes(s)))
    throw new BadInputError('status', 'Unknown status.');
  if (f.rag?.some((r) => !Object.values(Rag).includes(r))) throw new BadInputError('rag', 'Unknown RAG.');
  const day = `${p(asOf)}::date`;
  // Every parameter added is used: the statement must take exactly as many as it is given.
  const open = f.overdue != null || f.stale != null ? `a.st_status = ANY(${p(OPEN_STATUSES)}::text[])` : '';
  const cadence = `(SELECT st.update_cadence_days FROM objective o JOIN strategy st ON st.id = o.strategy_id
    WHERE o.id = a.objective_id)`;
  const conditions = ['true'];
  if (f.status?.length) conditions.push(`a.st_status = ANY(${p(f.status)}::text[])`);
  if (f.rag?.length) conditions.push(`a.st_rag = ANY(${p(f.rag)}::text[])`);
  if (f.overdue != null) {
    const overdue = `${open} AND a.due_on < ${day}`;
    conditions.push(f.overdue ? overdue : `NOT (${overdue} AND a.due_on IS NOT NULL)`);
  }
  if (f.stale != null) {
    const stale = `${open} AND coalesce(a.st_reported_on, a.agreed_on) < ${day} - ${cadence}`;
    conditions.push(f.stale ? stale : `NOT (${stale})`);
  }
  // Not correlated (inside, `a` is the state as of the day): PostgreSQL reads it once, as a hashed set.
  const inPartnership = `a.strategy_id IN (SELECT id FROM strategy WHERE partnership_id = ${partnership})`;
  return `a.id IN (SELECT a.id FROM ${actionsAsOf(day, inPartnership)} WHERE ${conditions.join(' AND ')})`;
}
