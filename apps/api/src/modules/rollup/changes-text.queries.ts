/**
 * The action lines of "what changed" as the JSON text of the GraphQL answer (changes-answer.ts): the
 * same changed actions as statement 1 (changedActionsCte, which the property test holds to the
 * TypeScript reference), each line written by PostgreSQL in the shape and order the query selects, so
 * that thousands of lines are never parsed, completed and serialised again in Node
 * (docs/decisions/0018-what-changed.md, "Answer text").
 */

import { byRef } from '../../database/collation';
import { changedActionsCte } from './changes.queries';
import type { Queryable } from './queries';

/** The kinds of line that carry an action, as the RollupChanges fields name them. */
export type ActionLineKind =
  'actions' | 'newActions' | 'newlyCompleted' | 'newlyOverdue' | 'dueDateRevisions';

/** An ActionChange line (actions and newlyCompleted alike): the columns of `changed` its fields read. */
const ACTION_CHANGE = {
  type: 'ActionChange',
  fields: { fromRag: 'p.from_rag', toRag: 'p.to_rag', fromStatus: 'p.from_status', toStatus: 'p.to_status' },
};

/** Each kind's GraphQL type (for __typename) and the columns of `changed` its fields read. */
export const ACTION_LINE_FIELDS: Record<ActionLineKind, { type: string; fields: Record<string, string> }> = {
  actions: ACTION_CHANGE,
  newActions: {
    type: 'NewAction',
    fields: { agreedOn: 'p.agreed_on', status: 'p.to_status', rag: 'p.to_rag', dueOn: 'p.to_due' },
  },
  newlyCompleted: ACTION_CHANGE,
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

/**
 * How the lines are cut into chunks: `places` consecutive places by ref for the kinds in ref order, the
 * lines of `days` days for new and newly overdue actions (few enough rows, small enough values).
 */
export const CHUNKS = { places: 256, days: 7 };

/**
 * Where each kind's lines are, and their order (docs/rollup-rules.md, "What changed"; `rk`: the action's
 * place by ref, then id), and its chunks (`chunk` never decreases along `order`): by places or by days.
 */
const LINES: Record<ActionLineKind, { where: string; order: string; chunk: 'places' | string }> = {
  actions: {
    where: 'p.existed AND (p.from_status <> p.to_status OR p.from_rag IS DISTINCT FROM p.to_rag)',
    order: 'p.rk',
    chunk: 'places',
  },
  // Oldest first, then by ref: the service's stable sort by day of lines that came by ref, then id.
  newActions: { where: 'NOT p.existed', order: 'p.agreed_on, p.rk', chunk: 'p.agreed_on' },
  newlyCompleted: {
    where: "p.to_status = 'COMPLETE' AND p.from_status <> 'COMPLETE'",
    order: 'p.rk',
    chunk: 'places',
  },
  newlyOverdue: { where: 'p.newly_overdue', order: 'p.to_due, p.rk', chunk: 'p.to_due' },
  dueDateRevisions: { where: 'p.revised_on IS NOT NULL', order: 'p.rk', chunk: 'places' },
};

/** How a value is written: `string` (escaped: to_json), `plain` (text needing no escape: enums
 * the database holds to the contract's values, uuids, ISO dates), `number`. */
type Kind = 'string' | 'plain' | 'number';

/** Action columns' kinds (PLAIN_ACTION_COLUMNS), and whether the column may be NULL. */
const ACTION_COLUMN_KIND: Record<string, [Kind, boolean]> = {
  id: ['plain', false],
  strategy_id: ['plain', false],
  ref: ['string', false],
  title: ['string', false],
  description: ['string', false],
  success_measure: ['string', false],
  lead: ['string', false],
  agreed_on: ['plain', false],
  starts_on: ['plain', true],
  due_on: ['plain', true],
  version: ['number', false],
};

/** Line fields that may be NULL (nullable in the contract); the others never are (changed's filters). */
const NULLABLE_LINE_FIELDS = new Set(['fromRag', 'toRag', 'rag', 'dueOn', 'fromDueOn', 'toDueOn']);

/** One piece of a line's text: constant JSON text, or a value. */
type Piece = { text: string } | { sql: string; kind: Kind; nullable: boolean };

/** `{"k":v,...}` for the selected fields, as pieces (an object value's pieces spliced in). */
function objectPieces(parts: Array<{ key: string; value: Piece[] }>): Piece[] {
  const out: Piece[] = [{ text: '{' }];
  parts.forEach((p, i) => out.push({ text: `${i ? ',' : ''}${JSON.stringify(p.key)}:` }, ...p.value));
  out.push({ text: '}' });
  return out;
}

/** A constant piece of JSON text as an SQL literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The pieces as one concat(): constant text merged, a value that is never NULL and needs no escaping
 * written between quotes of the constant text (concat writes each through its type's output function:
 * dates as the session's DateStyle ISO gives them, YYYY-MM-DD, as the API reads every date column),
 * strings escaped by to_json (as JSON.stringify escapes them), NULL as null.
 */
function concatText(pieces: Piece[]): string {
  const args: string[] = [];
  let pending = '';
  const flush = () => {
    if (pending) args.push(literal(pending));
    pending = '';
  };
  for (const p of pieces) {
    if ('text' in p) pending += p.text;
    else if (p.kind === 'string') {
      flush();
      args.push(p.nullable ? `coalesce(to_json(${p.sql})::text, 'null')` : `to_json(${p.sql})::text`);
    } else if (!p.nullable) {
      pending += p.kind === 'plain' ? '"' : '';
      flush();
      args.push(p.sql);
      pending = p.kind === 'plain' ? '"' : '';
    } else {
      flush();
      args.push(
        p.kind === 'plain'
          ? `coalesce('"' || ${p.sql}::text || '"', 'null')`
          : `coalesce(${p.sql}::text, 'null')`,
      );
    }
  }
  flush();
  return `concat(${args.join(', ')})`;
}

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
  const constant = (value: string): Piece[] => [{ text: JSON.stringify(value) }];
  return concatText(
    objectPieces(
      selection.map((s) => {
        if (s.field === '__typename') return { key: s.key, value: constant(spec.type) };
        if ('action' in s) {
          const action = objectPieces(
            s.action.map((f) => {
              if (f.field === '__typename') return { key: f.key, value: constant('Action') };
              const name = PLAIN_ACTION_COLUMNS[f.field]!;
              const [kind, nullable] = ACTION_COLUMN_KIND[name]!;
              return { key: f.key, value: [{ sql: column(name), kind, nullable }] };
            }),
          );
          return { key: s.key, value: action };
        }
        // Statuses and RAGs (held to the contract's values by CHECK constraints) and dates: no escaping.
        const nullable = NULLABLE_LINE_FIELDS.has(s.field);
        return { key: s.key, value: [{ sql: spec.fields[s.field]!, kind: 'plain' as const, nullable }] };
      }),
    ),
  );
}

/**
 * The statement for the selected kinds (their index in `kinds` is `k`): the lines' JSON texts in
 * chunks, one row per chunk: `t` its lines' texts in their order joined by commas, `c` its place in its
 * kind (LINES, `chunks`: kinds in ref order, the lines of so many consecutive places by ref, then id;
 * new actions, of so many days agreed; newly overdue ones, of so many days due). A few
 * hundred rows of a few kB to tens of kB rather than one row per line: Node parses and keeps a few
 * hundred strings rather than tens of thousands (at L over a year: 40% less API CPU per request;
 * docs/performance.md). Each kind is grouped on its own, with the text written by the aggregate from
 * the action's columns, so that PostgreSQL sorts only one kind's rows at a time and not their texts
 * (all kinds' texts through one GROUP BY spilled a 5 MB sort to disk). Statuses and RAGs are written as
 * stored: the database holds them to the contract's values (CHECK constraints,
 * 1796560000000-status-checks.ts). A week's new actions are one value however many they are (at L
 * over a year, the largest chunk is 34 kB). `bytewise`: the database sorts refs in byte order
 * (database/collation.ts), so they are sorted as "C", in the same order.
 */
export function actionLinesTextSql(
  kinds: Array<{ kind: ActionLineKind; selection: LineSelection[] }>,
  bytewise: boolean,
  chunks: { places: number; days: number } = CHUNKS,
): string {
  const record: string[] = [];
  const lines = kinds.map(({ kind, selection }, i) => {
    const { where, order, chunk } = LINES[kind];
    const c =
      chunk === 'places'
        ? `p.rk / ${Math.trunc(chunks.places)}`
        : // Infinite dates (which date subtraction refuses) first or last, as they sort.
          `CASE WHEN isfinite(${chunk}) THEN (${chunk} - date '2000-01-01') / ${Math.trunc(chunks.days)}
            WHEN ${chunk} < date '2000-01-01' THEN -2147483648 ELSE 2147483647 END`;
    return `SELECT ${i} AS k, ${c} AS c,
      string_agg(${lineText(kind, selection, record)}, ',' ORDER BY ${order}) AS t
    FROM ranked p WHERE ${where} GROUP BY 2`;
  });
  return `
WITH ${changedActionsCte(record.map((c, i) => `a.${c} AS c${i + 1}`).join(', '))},
ranked AS (
  SELECT p.*, (row_number() OVER (ORDER BY ${byRef('p', bytewise)}))::int AS rk FROM changed p
)
${lines.join('\nUNION ALL\n')}`;
}

/**
 * The lines' JSON texts per selected kind, each kind as its chunks' texts (lines joined by commas) in
 * its order (LINES: by ref, then id; new and newly overdue actions by day first), from the
 * statement actionLinesTextSql gave.
 */
export async function queryActionLinesText(
  db: Queryable,
  sql: string,
  args: { strategyId: string; partnershipId: string; from: string; to: string },
  count: number,
): Promise<string[][]> {
  const rows = (await db.query(sql, [args.strategyId, args.partnershipId, args.from, args.to])) as Array<{
    k: number;
    c: number;
    t: string;
  }>;
  const kinds: Array<typeof rows> = Array.from({ length: count }, () => []);
  for (const row of rows) kinds[row.k]!.push(row);
  return kinds.map((chunks) => chunks.sort((x, y) => x.c - y.c).map((l) => l.t));
}
