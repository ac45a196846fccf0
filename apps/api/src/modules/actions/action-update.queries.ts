import type { DataSource, EntityManager } from 'typeorm';
import { hydrate, jsonbSnapshot, selectList } from '../../database/hydrate';
import { queryPreparedIn } from '../../database/prepared';
import { auditEntryCte } from '../audit/audit.service';
import { roundsReachedByActionColumn, startReturnsCte, type ClosedRound } from '../rounds';
import { ActionUpdateEntity } from './action-update.entity';
import type { ActionStatus, Rag } from './action.enums';

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
  // A named prepared statement (database/prepared.ts), as is the write below.
  const [action] = await queryPreparedIn<LockedAction>(tx, LOCK_SQL, [actionId, partnershipId, reportedOn]);
  return action;
}

const LOCK_SQL = `WITH locked AS MATERIALIZED (
       SELECT a.id, a.group_id, a.last_reported_on, a.current_status, a.current_rag, a.strategy_id
         FROM action a JOIN strategy s ON s.id = a.strategy_id
        WHERE a.id = $1 AND s.partnership_id = $2 FOR UPDATE OF a
     )
     SELECT id, group_id, last_reported_on, current_status, current_rag, ${roundsReachedByActionColumn('locked.strategy_id', '$2', '$3')} AS rounds
       FROM locked`;

export interface LockedAction {
  id: string;
  group_id: string;
  last_reported_on: string | null;
  /** The status and RAG of the action's latest update (when last_reported_on is not null), as locked. */
  current_status: ActionStatus;
  current_rag: Rag | null;
  rounds: ClosedRound[];
}

/**
 * addActionUpdate's write in one statement: the new update, the action's state and the audit entry.
 * The version moves with every new update (an edit made against the old state is refused); the current
 * status, RAG, reportedOn and latest update move only when the new update is the latest. The audit
 * entry (audit.service.ts's auditEntryCte; $8-$12 its values) holds the new row as snapshot() writes it
 * and whether it `becameLatest`; it used to be a statement of its own (docs/performance.md, session 8).
 *
 * With a client key ($13) the INSERT yields to an update already made with that key for the action
 * (ON CONFLICT DO NOTHING: then `u` is empty, so the action and the audit trail are left alone too) and
 * the statement returns that first update instead, flagged `replayed`. Both branches read one snapshot,
 * taken before the INSERT, so the second branch can only find a row that existed before: the two never
 * both return. Without a key the statement is the plain INSERT, as cheap as before keys existed. The
 * `started_returns` CTE turns the group's reporting-round return from NOT_STARTED to DRAFT when the
 * update falls in its window. `conditions` (the update listeners' conditions, action-update.write.ts:
 * boolean expressions of the action's id, $1) are read after the action's lock was granted, as columns
 * c0, c1, ... (false for a replay, which tells no listener).
 */
const addUpdateSql = (ds: DataSource, latest: boolean, keyed: boolean, conditions: readonly string[]) => `
  WITH u AS (
    INSERT INTO action_update (action_id, reported_on, rag, status, progress, impact, author_id${
      keyed ? ', client_key' : ''
    })
    VALUES ($1, $2, $3, $4, $5, $6, $7${keyed ? ', $13' : ''})${
      keyed ? ' ON CONFLICT (action_id, client_key) DO NOTHING' : ''
    } RETURNING *
  ), a AS (
    UPDATE action SET version = version + 1, updated_at = now()${
      latest
        ? ', current_status = u.status, current_rag = u.rag, last_reported_on = u.reported_on, latest_update_id = u.id'
        : ''
    }
      FROM u WHERE action.id = u.action_id
  ), ${startReturnsCte('u')}, ${auditEntryCte(
    'audited',
    'u',
    'u.id',
    `${jsonbSnapshot(ds, ActionUpdateEntity, 'u')} || jsonb_build_object('becameLatest', ${latest})`,
    8,
  )}
  SELECT ${selectList(ds, ActionUpdateEntity, 'u')}${conditions.map((c, i) => `, (${c}) AS c${i}`).join('')}${
    keyed ? ', false AS replayed' : ''
  } FROM u${
    keyed
      ? `
  UNION ALL
  SELECT ${selectList(ds, ActionUpdateEntity, 'f', 'u')}${conditions.map((_, i) => `, false AS c${i}`).join('')}, true AS replayed
    FROM action_update f WHERE f.action_id = $1 AND f.client_key = $13`
      : ''
  }`;

// The forms of the statement, made once per data source and listeners' conditions (the text was built
// on every request).
const addUpdateSqls = new WeakMap<DataSource, Map<string, string>>();
function addUpdateSqlOf(
  ds: DataSource,
  latest: boolean,
  keyed: boolean,
  conditions: readonly string[],
): string {
  let forms = addUpdateSqls.get(ds);
  if (!forms) addUpdateSqls.set(ds, (forms = new Map()));
  const form = conditions.length ? `${latest}:${keyed}:${conditions.join('\n')}` : `${latest}:${keyed}`;
  let sql = forms.get(form);
  if (sql === undefined) forms.set(form, (sql = addUpdateSql(ds, latest, keyed, conditions)));
  return sql;
}

/**
 * Runs addUpdateSql with `values` ($1-$7: action id, reportedOn, rag, status, progress, impact, author
 * id), `audit` ($8-$12: audit.service.ts's auditValues) and, when given, the client key ($13). Returns
 * the update (`replayed` when it is the first one made with that key) with the value of each listener's
 * condition (`conditions`, in the listeners' order; a listener without one: true), or null when neither
 * branch returned a row.
 */
export async function insertActionUpdate(
  tx: EntityManager,
  ds: DataSource,
  latest: boolean,
  values: unknown[],
  audit: unknown[],
  key: string | null,
  listeners: ReadonlyArray<{ condition?: string }>,
): Promise<{ update: ActionUpdateEntity; replayed: boolean; conditions: boolean[] } | null> {
  const params = key ? [...values, ...audit, key] : [...values, ...audit];
  const asked = listeners.flatMap((l) => (l.condition ? [l.condition] : []));
  const [row] = await queryPreparedIn<Record<string, unknown> & { replayed?: boolean }>(
    tx,
    addUpdateSqlOf(ds, latest, !!key, asked),
    params,
  );
  if (!row) return null;
  let n = 0;
  const conditions = listeners.map((l) => (l.condition ? row[`c${n++}`] === true : true));
  return { update: hydrate(ds, ActionUpdateEntity, row, 'u'), replayed: !!row.replayed, conditions };
}
