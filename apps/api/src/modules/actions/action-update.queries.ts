import type { DataSource, EntityManager } from 'typeorm';
import { hydrate, selectList } from '../../database/hydrate';
import { roundsReachedByActionColumn, startReturnsCte, type ClosedRound } from '../rounds';
import { ActionUpdateEntity } from './action-update.entity';

/*
 * The action updates' SQL: adding one (action-update.write.ts) and redacting one
 * (action-update-redaction.service.ts). Each function takes the caller's transaction's manager.
 */

/**
 * The partnership's action (a valid uuid), locked FOR UPDATE, with the reporting rounds of its strategy
 * that an update dated `reportedOn` reaches (`rounds`: read and locked FOR SHARE after the action, for
 * ClosedPeriods.check, docs/rollup-rules.md "Closed periods and restatements"); undefined when there
 * is no such action. One statement: the rounds were a second one, after the lock (docs/performance.md,
 * issue 17). Read committed, a round changed while the statement waited for the action's lock is read
 * as committed (locked rows are), so one closed meanwhile is found CLOSED, as before; one opened
 * meanwhile is not seen (before, one opened after the check was not either).
 */
export async function lockPartnershipAction(
  tx: EntityManager,
  actionId: string,
  partnershipId: string,
  reportedOn: string,
): Promise<LockedAction | undefined> {
  const [action]: LockedAction[] = await tx.query(
    `WITH locked AS MATERIALIZED (
       SELECT a.id, a.group_id, a.last_reported_on, a.strategy_id
         FROM action a JOIN strategy s ON s.id = a.strategy_id
        WHERE a.id = $1 AND s.partnership_id = $2 FOR UPDATE OF a
     )
     SELECT id, group_id, last_reported_on, ${roundsReachedByActionColumn('locked.strategy_id', '$2', '$3')} AS rounds
       FROM locked`,
    [actionId, partnershipId, reportedOn],
  );
  return action;
}

export interface LockedAction {
  id: string;
  group_id: string;
  last_reported_on: string | null;
  rounds: ClosedRound[];
}

/**
 * addActionUpdate's write in one statement: the new update and the action's state. The version moves
 * with every new update (an edit made against the old state is refused); the current status, RAG,
 * reportedOn and latest update move only when the new update is the latest.
 *
 * With a client key ($8) the INSERT yields to an update already made with that key for the action
 * (ON CONFLICT DO NOTHING: then `u` is empty, so the action is left alone too) and the statement
 * returns that first update instead, flagged `replayed`. Both branches read one snapshot, taken before
 * the INSERT, so the second branch can only find a row that existed before: the two never both return.
 * Without a key the statement is the plain INSERT, as cheap as before keys existed. The last CTE turns
 * the group's reporting-round return from NOT_STARTED to DRAFT when the update falls in its window.
 */
const addUpdateSql = (ds: DataSource, latest: boolean, keyed: boolean) => `
  WITH u AS (
    INSERT INTO action_update (action_id, reported_on, rag, status, progress, impact, author_id${
      keyed ? ', client_key' : ''
    })
    VALUES ($1, $2, $3, $4, $5, $6, $7${keyed ? ', $8' : ''})${
      keyed ? ' ON CONFLICT (action_id, client_key) DO NOTHING' : ''
    } RETURNING *
  ), a AS (
    UPDATE action SET version = version + 1, updated_at = now()${
      latest
        ? ', current_status = u.status, current_rag = u.rag, last_reported_on = u.reported_on, latest_update_id = u.id'
        : ''
    }
      FROM u WHERE action.id = u.action_id
  ), ${startReturnsCte('u')}
  SELECT ${selectList(ds, ActionUpdateEntity, 'u')}${keyed ? ', false AS replayed' : ''} FROM u${
    keyed
      ? `
  UNION ALL
  SELECT ${selectList(ds, ActionUpdateEntity, 'f', 'u')}, true AS replayed
    FROM action_update f WHERE f.action_id = $1 AND f.client_key = $8`
      : ''
  }`;

/**
 * Runs addUpdateSql with `params` ($1-$7: action id, reportedOn, rag, status, progress, impact, author
 * id; $8 the client key when `keyed`). Returns the update (`replayed` when it is the first one made
 * with that key), or null when neither branch returned a row.
 */
export async function insertActionUpdate(
  tx: EntityManager,
  ds: DataSource,
  latest: boolean,
  keyed: boolean,
  params: unknown[],
): Promise<{ update: ActionUpdateEntity; replayed: boolean } | null> {
  const [row]: Array<Record<string, unknown> & { replayed?: boolean }> = await tx.query(
    addUpdateSql(ds, latest, keyed),
    params,
  );
  if (!row) return null;
  return { update: hydrate(ds, ActionUpdateEntity, row, 'u'), replayed: !!row.replayed };
}
