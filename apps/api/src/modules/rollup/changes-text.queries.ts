/**
 * The action lines of "what changed" as the JSON text of the GraphQL answer (changes-answer.ts): the
 * same changed actions as statement 1 (changedActionsCte, which the property test holds to the
 * TypeScript reference), each line written by PostgreSQL in the shape and order the query selects, so
 * that thousands of lines are never parsed, completed and serialised again in Node
 * (docs/decisions/0018-what-changed.md, "Answer text").
 */

import { changedActionsCte } from './changes.queries';
import type { Queryable } from './queries';

/** The kinds of line that carry an action, as the RollupChanges fields name them. */
export type ActionLineKind = 'actions' | 'newActions' | 'newlyCompleted' | 'newlyOverdue' | 'dueDateRevisions';

/** Each kind's GraphQL type (for __typename) and the columns of `changed` its fields read. */
export const ACTION_LINE_FIELDS: Record<ActionLineKind, { type: string; fields: Record<string, string> }> = {
  actions: {
    type: 'ActionChange',
    fields: { fromRag: 'p.from_rag', toRag: 'p.to_rag', fromStatus: 'p.from_status', toStatus: 'p.to_status' },
  },
  newActions: {
    type: 'NewAction',
    fields: { agreedOn: 'p.agreed_on', status: 'p.to_status', rag: 'p.to_rag', dueOn: 'p.to_due' },
  },
  newlyCompleted: {
    type: 'ActionChange',
    fields: { fromRag: 'p.from_rag', toRag: 'p.to_rag', fromStatus: 'p.from_status', toStatus: 'p.to_status' },
  },
  newlyOverdue: { type: 'OverdueAction', fields: { dueOn: 'p.to_due', status: 'p.to_status' } },
  dueDateRevisions: {
    type: 'DueDateRevision',
    fields: { fromDueOn: 'p.from_due', toDueOn: 'p.to_due', revisedOn: 'p.revised_on' },
  },
};

/**
 * Action fields that are each one column of the action row, NOT NULL where the contract says so, and
 * have no field resolver (action.type.ts; action.resolver.ts resolves the others): these, and only these,
 * are written here.
 */
export const PLAIN_ACTION_COLUMNS: Record<string, string> = {
  id: 'id',
  strategyId: 'strategy_id',
  ref: 'ref',
  title: 'title',
  description: 'description',
  successMeasure: 'success_measure',
  lead: 'lead',
  agreedOn: 'agreed_on',
  startsOn: 'starts_on',
  dueOn: 'due_on',
  version: 'version',
};

/**
 * One selected field: its response key and what it reads (a line field, `__typename`, or `action` with
 * the action's selected fields).
 */
export type LineSelection =
  | { key: string; field: '__typename' }
  | { key: string; field: string }
  | { key: string; field: 'action'; action: Array<{ key: string; field: string }> };

/** Where each kind's lines are, and their order (docs/rollup-rules.md, "What changed"). */
const WHERE_ORDER: Record<ActionLineKind, [string, string]> = {
  actions: ['p.existed AND (p.from_status <> p.to_status OR p.from_rag IS DISTINCT FROM p.to_rag)', 'p.ref, p.id'],
  // Oldest first, then by ref: the service's stable sort by day of lines that came by ref, then id.
  newActions: ['NOT p.existed', 'p.agreed_on, p.ref, p.id'],
  newlyCompleted: ["p.to_status = 'COMPLETE' AND p.from_status <> 'COMPLETE'", 'p.ref, p.id'],
  newlyOverdue: ['p.newly_overdue', 'p.to_due, p.ref, p.id'],
  dueDateRevisions: ['p.revised_on IS NOT NULL', 'p.ref, p.id'],
};

/** How a value is written: `string` (escaped: to_json), `plain` (text needing no escape: enums
 * checked by `valid`, uuids, ISO dates), `number`. */
type Kind = 'string' | 'plain' | 'number';

/** Action columns' kinds (PLAIN_ACTION_COLUMNS). */
const ACTION_COLUMN_KIND: Record<string, Kind> = {
  id: 'plain',
  strategy_id: 'plain',
  ref: 'string',
  title: 'string',
  description: 'string',
  success_measure: 'string',
  lead: 'string',
  agreed_on: 'plain',
  starts_on: 'plain',
  due_on: 'plain',
  version: 'number',
};

/** A value's JSON text (NULL: null). Dates are written as the session's DateStyle ISO gives them,
 * YYYY-MM-DD, as the API reads every date column (src/database). */
function valueText(sql: string, kind: Kind): string {
  if (kind === 'string') return `coalesce(to_json(${sql})::text, 'null')`;
  if (kind === 'number') return `coalesce(${sql}::text, 'null')`;
  return `coalesce('"' || ${sql}::text || '"', 'null')`;
}

/** A constant piece of JSON text as an SQL literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `{"k":v,...}` for the selected fields, as one concat() of constant and value pieces. */
function objectText(parts: Array<{ key: string; sql: string | null; constant?: string }>): string {
  const pieces: string[] = [];
  let pending = '{';
  parts.forEach((p, i) => {
    pending += `${i ? ',' : ''}${JSON.stringify(p.key)}:`;
    if (p.constant !== undefined) pending += p.constant;
    else {
      pieces.push(literal(pending), p.sql!);
      pending = '';
    }
  });
  pieces.push(literal(`${pending}}`));
  return `concat(${pieces.join(', ')})`;
}

/** The line fields' kinds: statuses and RAGs (checked by `valid`) and dates. */
const LINE_VALUE_KIND: Kind = 'plain';

/**
 * A kind's line text (columns of `changed p`). The selected action columns travel as columns c1, c2, ...
 * of `changed` (`columns` lists them).
 */
function lineText(kind: ActionLineKind, selection: LineSelection[], columns: string[]): string {
  const spec = ACTION_LINE_FIELDS[kind];
  const column = (name: string) => {
    let n = columns.indexOf(name);
    if (n < 0) n = columns.push(name) - 1;
    return `p.c${n + 1}`;
  };
  return objectText(
    selection.map((s) => {
      if (s.field === '__typename') return { key: s.key, sql: null, constant: JSON.stringify(spec.type) };
      if ('action' in s) {
        const action = objectText(
          s.action.map((f) => {
            if (f.field === '__typename') return { key: f.key, sql: null, constant: JSON.stringify('Action') };
            const name = PLAIN_ACTION_COLUMNS[f.field]!;
            return { key: f.key, sql: valueText(column(name), ACTION_COLUMN_KIND[name]!) };
          }),
        );
        return { key: s.key, sql: action };
      }
      return { key: s.key, sql: valueText(spec.fields[s.field]!, LINE_VALUE_KIND) };
    }),
  );
}

/**
 * The statement for the selected kinds (in `kinds` order): one column per kind, its lines' JSON text
 * joined by commas ('' when none), and `valid`: whether every status and RAG is one the contract's
 * enums name (else the caller executes the query as usual, which reports the bad value).
 */
export function actionLinesTextSql(kinds: Array<{ kind: ActionLineKind; selection: LineSelection[] }>): string {
  const record: string[] = [];
  const columns = kinds.map(({ kind, selection }, i) => {
    const [where, order] = WHERE_ORDER[kind];
    return `(SELECT coalesce(string_agg(${lineText(kind, selection, record)}, ',' ORDER BY ${order}), '')
      FROM changed p WHERE ${where}) AS k${i}`;
  });
  const statuses = `('NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED')`;
  const rags = `('RED', 'AMBER', 'GREEN')`;
  return `
WITH ${changedActionsCte(record.map((c, i) => `a.${c} AS c${i + 1}`).join(', '))}
SELECT ${columns.join(',\n  ')},
  (SELECT coalesce(bool_and(p.from_status IN ${statuses} AND p.to_status IN ${statuses}
    AND (p.from_rag IS NULL OR p.from_rag IN ${rags}) AND (p.to_rag IS NULL OR p.to_rag IN ${rags})), true)
    FROM changed p) AS valid`;
}

/**
 * The lines' JSON text per selected kind (without the brackets), from the statement actionLinesTextSql
 * gave; null when a status or RAG is not one of the contract's.
 */
export async function queryActionLinesText(
  db: Queryable,
  sql: string,
  args: { strategyId: string; partnershipId: string; from: string; to: string },
  count: number,
): Promise<string[] | null> {
  const rows = (await db.query(sql, [args.strategyId, args.partnershipId, args.from, args.to])) as Array<
    Record<string, unknown>
  >;
  const row = rows[0]!;
  if (row.valid !== true) return null;
  return Array.from({ length: count }, (_, i) => row[`k${i}`] as string);
}
