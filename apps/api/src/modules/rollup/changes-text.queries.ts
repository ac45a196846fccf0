/**
 * The action lines of "what changed" as the JSON text of the GraphQL answer (changes-answer.ts): the
 * same changed actions as statement 1 (changedActionsCte, which the property test holds to the
 * TypeScript reference), each line written in the shape and order the query selects, so that thousands
 * of lines are never completed and serialised again by GraphQL execution
 * (docs/decisions/0018-what-changed.md, "Answer text").
 *
 * PostgreSQL computes each changed action's state on both dates and sends it as one narrow row, in no
 * particular order where refs sort in byte order; the API writes the lines' JSON from each row as it
 * arrives (database/row-stream.ts), into one reused buffer, while PostgreSQL computes the next rows,
 * then puts them in order ("Lines written as the rows arrive").
 */

import type { DataSource, EntityManager } from 'typeorm';
import type { AnswerLines } from '../../graphql/answer-text';
import { byRef } from '../../database/collation';
import { forEachRow } from '../../database/row-stream';
import { changedActionsCte, type ChangeStatus } from './changes.queries';
import type { RollupRag } from './queries';

/** The kinds of line that carry an action, as the RollupChanges fields name them. */
export type ActionLineKind =
  'actions' | 'newActions' | 'newlyCompleted' | 'newlyOverdue' | 'dueDateRevisions';

/**
 * A changed action's values, as the lines read them (decoded from its row: decodeRow); the action's
 * own columns follow (RECORD). Each is NULL where no line reads it.
 */
const COLUMN = {
  /** The day it was agreed, for a new action (agreed after "from"); else NULL. */
  newDay: 0,
  /** That day as a number that sorts as the day does (dayNumber). */
  newDayOrder: 1,
  fromStatus: 2,
  toStatus: 3,
  fromRag: 4,
  toRag: 5,
  toDue: 6,
  /** The due date as a number that sorts as it does (dayNumber), for a newly overdue action. */
  overdueDayOrder: 7,
  /** The due date on "from", for an action whose due date was revised in the window. */
  fromDue: 8,
  /** The day of the last revision in the window. */
  revisedOn: 9,
  /** The four digits of the statuses and RAGs on both dates (ROW's `state`). */
  state: 10,
} as const;
type Column = keyof typeof COLUMN;
/** Where the action's own columns start: `id` and `ref` first (RECORD_FIRST), then those selected. */
const RECORD = 11;
const RECORD_FIRST = ['id', 'ref'];

/**
 * Statuses and RAGs travel as digits, their place in these lists (the values CHECK constraints hold the
 * columns to, 1796560000000-status-checks.ts; 0 for no RAG): four digits in one column rather than four
 * strings in four, which the API would otherwise make 72,000 of at size L over a year.
 */
const STATUSES: readonly ChangeStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];
const RAGS: readonly RollupRag[] = ['RED', 'AMBER', 'GREEN'];
const sqlList = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
const statusDigit = (c: string) => `array_position(${sqlList(STATUSES)}, ${c})`;
const ragDigit = (c: string) => `coalesce(array_position(${sqlList(RAGS)}, ${c}), 0)`;
/** Their JSON texts, by digit: made once, not per line. */
const STATUS_JSON = STATUSES.map((v) => JSON.stringify(v));
const RAG_JSON = ['null', ...RAGS.map((v) => JSON.stringify(v))];
/** The digit of COMPLETE. */
const COMPLETE = 49 + STATUSES.indexOf('COMPLETE');

/** The row's columns (actionStatesSql) in order: their values go to COLUMN's places, the rest to RECORD's. */
const ROW = { newDay: 0, newDayOrder: 1, state: 2, toDue: 3, overdueDayOrder: 4, fromDue: 5, revisedOn: 6 };
const ROW_RECORD = 7;

/** A changed action's values (COLUMN) from its row, into `v`. */
function decodeRow(r: unknown[], v: unknown[]): void {
  const state = r[ROW.state] as string;
  // Four digits: a status or RAG outside the lists gives no digit (array_position: NULL).
  if (state.length !== 4) throw new Error(`unknown status or RAG in a changed action's state: ${state}`);
  v[COLUMN.newDay] = r[ROW.newDay];
  v[COLUMN.newDayOrder] = r[ROW.newDayOrder];
  v[COLUMN.state] = state;
  v[COLUMN.fromStatus] = STATUS_JSON[state.charCodeAt(0) - 49];
  v[COLUMN.toStatus] = STATUS_JSON[state.charCodeAt(1) - 49];
  v[COLUMN.fromRag] = RAG_JSON[state.charCodeAt(2) - 48];
  v[COLUMN.toRag] = RAG_JSON[state.charCodeAt(3) - 48];
  v[COLUMN.toDue] = r[ROW.toDue];
  v[COLUMN.overdueDayOrder] = r[ROW.overdueDayOrder];
  v[COLUMN.fromDue] = r[ROW.fromDue];
  v[COLUMN.revisedOn] = r[ROW.revisedOn];
  for (let i = ROW_RECORD; i < r.length; i++) v[RECORD - ROW_RECORD + i] = r[i];
}

/** An ActionChange line (actions and newlyCompleted alike): the columns its fields read. */
const ACTION_CHANGE = {
  type: 'ActionChange',
  fields: { fromRag: 'fromRag', toRag: 'toRag', fromStatus: 'fromStatus', toStatus: 'toStatus' },
} satisfies { type: string; fields: Record<string, Column> };

/** Each kind's GraphQL type (for __typename) and the columns its fields read. */
export const ACTION_LINE_FIELDS: Record<ActionLineKind, { type: string; fields: Record<string, Column> }> = {
  actions: ACTION_CHANGE,
  newActions: {
    type: 'NewAction',
    fields: { agreedOn: 'newDay', status: 'toStatus', rag: 'toRag', dueOn: 'toDue' },
  },
  newlyCompleted: ACTION_CHANGE,
  newlyOverdue: { type: 'OverdueAction', fields: { dueOn: 'toDue', status: 'toStatus' } },
  dueDateRevisions: {
    type: 'DueDateRevision',
    fields: { fromDueOn: 'fromDue', toDueOn: 'toDue', revisedOn: 'revisedOn' },
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
 * How a value is written: `string` (JSON.stringify), `plain` (between quotes as it comes: uuids, ISO
 * dates), `number`, `json` (already its JSON text: statuses and RAGs, decodeRow). NULL is always null.
 * A `plain` value that is never NULL has its quotes in the constant text around it (objectPieces).
 */
type Kind = 'string' | 'plain' | 'number' | 'json';

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

/** Line fields' kinds (statuses and RAGs are `json`, dates `plain`), and whether they may be NULL
 * (nullable in the contract; the others never are, by HAS_LINE). */
const LINE_FIELD_KIND: Record<Column, [Kind, boolean]> = {
  newDay: ['plain', false],
  fromStatus: ['json', false],
  toStatus: ['json', false],
  fromRag: ['json', true],
  toRag: ['json', true],
  toDue: ['plain', true],
  fromDue: ['plain', true],
  revisedOn: ['plain', false],
  newDayOrder: ['number', false],
  overdueDayOrder: ['number', false],
  state: ['plain', false],
};

/** A row as pg gives it: dates as 'YYYY-MM-DD' (database/data-source.ts), numbers, strings, NULL. */
type Row = unknown[];

/** A value's JSON text. */
function valueText(v: unknown, kind: Kind): string {
  if (v === null || v === undefined) return 'null';
  if (kind === 'string') return JSON.stringify(v);
  if (kind === 'json') return v as string;
  return kind === 'plain' ? `"${v as string}"` : String(v);
}

/** A value that is never NULL and is written as it comes (its quotes, if any, in the constants). */
type Bare = { at: number; bare: true };

/**
 * One piece of a line's text: constant JSON text, the column `at` of the row written as `kind`, or the
 * text of the action object `object` (ActionLinesPlan's `objects`: written once per row however many
 * kinds select it alike).
 */
type Piece = string | { at: number; kind: Kind } | Bare | { object: number };

/** The pieces of a value in column `at`. */
function valuePieces(at: number, [kind, nullable]: [Kind, boolean]): Piece[] {
  if (nullable || kind === 'string') return [{ at, kind }];
  const bare: Bare = { at, bare: true };
  return kind === 'plain' ? ['"', bare, '"'] : [bare];
}

/** `{"k":v,...}` for the selected fields, as pieces (an object value's pieces spliced in). */
function objectPieces(parts: Array<{ key: string; value: Piece[] }>): Piece[] {
  const out: Piece[] = ['{'];
  parts.forEach((p, i) => out.push(`${i ? ',' : ''}${JSON.stringify(p.key)}:`, ...p.value));
  out.push('}');
  // Constant text merged.
  const merged: Piece[] = [];
  for (const p of out) {
    const last = merged.length - 1;
    if (typeof p === 'string' && typeof merged[last] === 'string') merged[last] += p;
    else merged.push(p);
  }
  return merged;
}

/** When a row has a line of the kind, by the row's columns. */
const HAS_LINE: Record<ActionLineKind, (r: Row) => boolean> = {
  actions: (r) => {
    const s = r[COLUMN.state] as string;
    return (
      r[COLUMN.newDay] === null &&
      (s.charCodeAt(0) !== s.charCodeAt(1) || s.charCodeAt(2) !== s.charCodeAt(3))
    );
  },
  newActions: (r) => r[COLUMN.newDay] !== null,
  newlyCompleted: (r) => {
    const s = r[COLUMN.state] as string;
    return s.charCodeAt(1) === COMPLETE && s.charCodeAt(0) !== COMPLETE;
  },
  newlyOverdue: (r) => r[COLUMN.overdueDayOrder] !== null,
  dueDateRevisions: (r) => r[COLUMN.revisedOn] !== null,
};

/**
 * The order of each kind's lines (docs/rollup-rules.md, "What changed"): by ref, then id; new actions
 * by the day agreed first, newly overdue ones by the day due first (then by ref, then id).
 */
const DAY_ORDER: Partial<Record<ActionLineKind, number>> = {
  newActions: COLUMN.newDayOrder,
  newlyOverdue: COLUMN.overdueDayOrder,
};

/**
 * What the lines of the selected kinds need: the statement (made on first use, per way of sorting
 * refs) and each kind's line as pieces over a row's columns.
 */
export interface ActionLinesPlan {
  kinds: Array<{ kind: ActionLineKind; selection: LineSelection[] }>;
  /** The action's columns the lines read, after RECORD_FIRST. */
  record: string[];
  lines: Array<{ kind: ActionLineKind; pieces: Piece[] }>;
  /** The distinct action objects the lines select, as pieces. */
  objects: Piece[][];
  sql: { byCollation?: string; bytewise?: string };
}

/** The plan for the selected kinds' lines. */
export function planActionLines(
  kinds: Array<{ kind: ActionLineKind; selection: LineSelection[] }>,
): ActionLinesPlan {
  const record = [...RECORD_FIRST];
  const column = (name: string) => {
    let n = record.indexOf(name);
    if (n < 0) n = record.push(name) - 1;
    return RECORD + n;
  };
  const objects: Piece[][] = [];
  const objectKeys: string[] = [];
  const object = (pieces: Piece[]): Piece[] => {
    const key = JSON.stringify(pieces);
    let n = objectKeys.indexOf(key);
    if (n < 0) {
      n = objects.length;
      objects.push(pieces);
      objectKeys.push(key);
    }
    return [{ object: n }];
  };
  const lines = kinds.map(({ kind, selection }) => {
    const spec = ACTION_LINE_FIELDS[kind];
    const constant = (value: string): Piece[] => [JSON.stringify(value)];
    const pieces = objectPieces(
      selection.map((s) => {
        if (s.field === '__typename') return { key: s.key, value: constant(spec.type) };
        if ('action' in s) {
          const action = objectPieces(
            s.action.map((f) => {
              if (f.field === '__typename') return { key: f.key, value: constant('Action') };
              const name = PLAIN_ACTION_COLUMNS[f.field]!;
              return { key: f.key, value: valuePieces(column(name), ACTION_COLUMN_KIND[name]!) };
            }),
          );
          return { key: s.key, value: object(action) };
        }
        // Statuses and RAGs (held to the contract's values by CHECK constraints) and dates: no escaping.
        const field = spec.fields[s.field]!;
        return { key: s.key, value: valuePieces(COLUMN[field], LINE_FIELD_KIND[field]) };
      }),
    );
    return { kind, pieces };
  });
  return { kinds, record: record.slice(RECORD_FIRST.length), lines, objects, sql: {} };
}

/** A date as a number that sorts as the date does, infinite dates first or last (date subtraction
 * refuses them). */
const dayNumber = (d: string) =>
  `CASE WHEN isfinite(${d}) THEN ${d} - date '2000-01-01'
    WHEN ${d} < date '2000-01-01' THEN -2147483648 ELSE 2147483647 END`;

/**
 * The statement: one row per changed action (ROW, then the action's columns `id`, `ref` and those
 * the lines read). Where refs sort in byte order (`bytewise`) the rows come in no order, as they are
 * computed, and the API sorts them by ref as PostgreSQL would; else PostgreSQL sorts them.
 */
export function actionStatesSql(plan: ActionLinesPlan, bytewise: boolean): string {
  const record = [...RECORD_FIRST, ...plan.record];
  return `
WITH ${changedActionsCte(record.map((c, i) => `a.${c} AS c${i}`).join(', '))}
SELECT CASE WHEN NOT p.existed THEN p.agreed_on END,
  CASE WHEN NOT p.existed THEN ${dayNumber('p.agreed_on')} END,
  concat(${statusDigit('p.from_status')}, ${statusDigit('p.to_status')}, ${ragDigit('p.from_rag')},
    ${ragDigit('p.to_rag')}),
  p.to_due,
  CASE WHEN p.newly_overdue THEN ${dayNumber('p.to_due')} END,
  CASE WHEN p.revised_on IS NOT NULL THEN p.from_due END, p.revised_on,
  ${record.map((_, i) => `p.c${i}`).join(', ')}
FROM changed p${bytewise ? '' : `\nORDER BY ${byRef('p', false)}`}`;
}

/** Code point order (PostgreSQL's byte order of UTF-8), which JavaScript's `<` on UTF-16 is not
 * beyond U+FFFF: a surrogate sorts after U+E000-U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x += x < 0xe000 ? 0x2000 : -0x800;
        y += y < 0xe000 ? 0x2000 : -0x800;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** A UTF-16 unit from U+D800 up: surrogates, and the units code point order puts before them. */
const HIGH_UNITS = /[\uD800-\uFFFF]/;

const compareUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The text of `pieces` (constants and values only) for row `r`. */
function piecesText(pieces: Piece[], r: Row): string {
  let text = '';
  for (const p of pieces) {
    if (typeof p === 'string') text += p;
    else if ('bare' in p) text += r[p.at] as string | number;
    else if ('at' in p) text += valueText(r[p.at], p.kind);
  }
  return text;
}

/** Buffers the lines are written into, kept for the next answer once its lines are sent. */
const spareArenas: Buffer[] = [];
const ARENA_STEP = 1 << 20;
const ARENA_KEPT = 64 << 20;

/**
 * The selected kinds' lines of "what changed" in `db` (a DataSource, or a transaction's EntityManager)
 * over the window: per kind, its lines' JSON texts in order, as byte ranges of one buffer that the
 * answer sends joined by commas (graphql/answer-text.ts). Each line is written once, as its row
 * arrives.
 */
export async function queryActionLines(
  db: DataSource | EntityManager,
  plan: ActionLinesPlan,
  args: { strategyId: string; partnershipId: string; from: string; to: string },
  bytewise: boolean,
): Promise<AnswerLines[]> {
  const sql = bytewise
    ? (plan.sql.bytewise ??= actionStatesSql(plan, true))
    : (plan.sql.byCollation ??= actionStatesSql(plan, false));
  const kinds = plan.lines.length;
  let arena = spareArenas.pop() ?? Buffer.allocUnsafeSlow(ARENA_STEP);
  let at = 0;
  // Per row: its ref and id (to sort by), its day orders, and per kind the line's range in the arena.
  const refs: string[] = [];
  const ids: string[] = [];
  // The rows by ref, then id, once all are in. JavaScript's own comparison orders them as code points
  // do as long as no ref has a unit from U+D800 up (HIGH_UNITS).
  const order: number[] = [];
  let plain = true;
  const byUnits = (x: number, y: number) =>
    compareUnits(refs[x]!, refs[y]!) || compareUnits(ids[x]!, ids[y]!);
  const byCodePoints = (x: number, y: number) =>
    compareCodePoints(refs[x]!, refs[y]!) || compareCodePoints(ids[x]!, ids[y]!);
  let days = new Int32Array(2 * 1024);
  let ranges = new Uint32Array(2 * kinds * 1024);
  let rows = 0;
  const objectTexts: Array<string | null> = plan.objects.map(() => null);
  const write = (text: string) => {
    // Room for the text at 3 bytes per UTF-16 unit, at most.
    if (at + 3 * text.length > arena.length) {
      const next = Buffer.allocUnsafeSlow(
        Math.ceil((2 * arena.length + 3 * text.length) / ARENA_STEP) * ARENA_STEP,
      );
      arena.copy(next, 0, 0, at);
      arena = next;
    }
    at += arena.write(text, at);
  };
  const r: unknown[] = [];
  await forEachRow(db, sql, [args.strategyId, args.partnershipId, args.from, args.to], (row) => {
    decodeRow(row, r);
    if (2 * kinds * (rows + 1) > ranges.length) {
      const more = new Uint32Array(2 * ranges.length);
      more.set(ranges);
      ranges = more;
      const moreDays = new Int32Array(2 * days.length);
      moreDays.set(days);
      days = moreDays;
    }
    order.push(rows);
    if (bytewise) {
      const ref = r[RECORD + 1] as string;
      refs.push(ref);
      ids.push(r[RECORD] as string);
      if (plain && HIGH_UNITS.test(ref)) plain = false;
    }
    days[2 * rows] = (r[COLUMN.newDayOrder] as number | null) ?? 0;
    days[2 * rows + 1] = (r[COLUMN.overdueDayOrder] as number | null) ?? 0;
    objectTexts.fill(null);
    for (let k = 0; k < kinds; k++) {
      const line = plan.lines[k]!;
      const slot = 2 * (kinds * rows + k);
      if (!HAS_LINE[line.kind](r)) {
        ranges[slot] = ranges[slot + 1] = 0;
        continue;
      }
      let text = '';
      for (const p of line.pieces) {
        if (typeof p === 'string') text += p;
        else if ('bare' in p) text += r[p.at] as string | number;
        else if ('at' in p) text += valueText(r[p.at], p.kind);
        else text += objectTexts[p.object] ??= piecesText(plan.objects[p.object]!, r);
      }
      ranges[slot] = at;
      write(text);
      ranges[slot + 1] = at;
    }
    rows++;
  });
  // As they came where PostgreSQL sorted them.
  if (bytewise) order.sort(plain ? byUnits : byCodePoints);
  let pending = kinds;
  const used = arena;
  const written = () => {
    if (--pending === 0 && used.length <= ARENA_KEPT && spareArenas.length < 2) spareArenas.push(used);
  };
  return plan.lines.map((line, k) => {
    const has = (i: number) => ranges[2 * (kinds * i + k) + 1] !== 0;
    let rowsInOrder: ArrayLike<number> = order;
    const day = DAY_ORDER[line.kind];
    if (day !== undefined) {
      // By day, and by ref within a day: the rows in ref order put in a list per day.
      const d = day === COLUMN.newDayOrder ? 0 : 1;
      const byDay = new Map<number, number[]>();
      for (const i of order) {
        if (!has(i)) continue;
        const list = byDay.get(days[2 * i + d]!);
        if (list) list.push(i);
        else byDay.set(days[2 * i + d]!, [i]);
      }
      rowsInOrder = [...byDay.keys()].sort((x, y) => x - y).flatMap((key) => byDay.get(key)!);
    }
    const out = new Uint32Array(2 * rowsInOrder.length);
    let n = 0;
    for (let j = 0; j < rowsInOrder.length; j++) {
      const i = rowsInOrder[j]!;
      if (!has(i)) continue;
      out[n++] = ranges[2 * (kinds * i + k)]!;
      out[n++] = ranges[2 * (kinds * i + k) + 1]!;
    }
    return { bytes: used, ranges: out.subarray(0, n), written };
  });
}
