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
 * update falls in its window. `linked`: LINKED_COLUMN (false for a replay, which tells no listener).
 */
/**
 * Whether a response to forum feedback names the action (feedback_response_action), read by the write
 * for the linked-action notices (voice/linked-action-notices.service.ts): their read of the forums, a
 * statement of its own, is needed only then. Read after the action's lock was granted, it is what that
 * read would have found: linking an action takes a KEY SHARE lock on its row (the foreign key), which
 * waits for our FOR UPDATE, so no link appears before the commit.
 */
const LINKED_COLUMN = `EXISTS (SELECT 1 FROM feedback_response_action l WHERE l.action_id = $1) AS linked`;

const addUpdateSql = (ds: DataSource, latest: boolean, keyed: boolean) => `
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
  SELECT ${selectList(ds, ActionUpdateEntity, 'u')}, ${LINKED_COLUMN}${keyed ? ', false AS replayed' : ''} FROM u${
    keyed
      ? `
  UNION ALL
  SELECT ${selectList(ds, ActionUpdateEntity, 'f', 'u')}, false AS linked, true AS replayed
    FROM action_update f WHERE f.action_id = $1 AND f.client_key = $13`
      : ''
  }`;

// The four forms of the statement, made once per data source (the text was built on every request).
const addUpdateSqls = new WeakMap<DataSource, Map<string, string>>();
function addUpdateSqlOf(ds: DataSource, latest: boolean, keyed: boolean): string {
  let forms = addUpdateSqls.get(ds);
  if (!forms) addUpdateSqls.set(ds, (forms = new Map()));
  const form = `${latest}:${keyed}`;
  let sql = forms.get(form);
  if (sql === undefined) forms.set(form, (sql = addUpdateSql(ds, latest, keyed)));
  return sql;
}

/**
 * Runs addUpdateSql with `values` ($1-$7: action id, reportedOn, rag, status, progress, impact, author
 * id), `audit` ($8-$12: audit.service.ts's auditValues) and, when given, the client key ($13). Returns
 * the update (`replayed` when it is the first one made with that key; `linked`: LINKED_COLUMN), or null
 * when neither branch returned a row.
 */
export async function insertActionUpdate(
  tx: EntityManager,
  ds: DataSource,
  latest: boolean,
  values: unknown[],
  audit: unknown[],
  key: string | null,
): Promise<{ update: ActionUpdateEntity; replayed: boolean; linked: boolean } | null> {
  const params = key ? [...values, ...audit, key] : [...values, ...audit];
  const [row] = await queryPreparedIn<Record<string, unknown> & { replayed?: boolean; linked: boolean }>(
    tx,
    addUpdateSqlOf(ds, latest, !!key),
    params,
  );
  if (!row) return null;
  return { update: hydrate(ds, ActionUpdateEntity, row, 'u'), replayed: !!row.replayed, linked: row.linked };
}
