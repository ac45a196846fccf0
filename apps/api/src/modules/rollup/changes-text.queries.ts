/**
 * The action lines of "what changed" as the JSON text of the GraphQL answer (changes-answer.ts): the
 * same changed actions as statement 1 (changedActionsCte, which the property test holds to the
 * TypeScript reference), each line written in the shape and order the query selects, so that thousands
 * of lines are never completed and serialised again by GraphQL execution
 * (docs/decisions/0018-what-changed.md, "Answer text").
 *
 * PostgreSQL computes each changed action's state on both dates and sends it as one narrow row of
 * COPY text, in no particular order where refs sort in byte order (database/copy-out.ts). The API
 * writes each row's lines as UTF-8 bytes straight from the row's bytes as they arrive, into one reused
 * buffer, while PostgreSQL computes the next rows; only refs and ids become strings, to sort the rows
 * by ("Lines written as the rows arrive").
 */

import type { DataSource, EntityManager } from 'typeorm';
import type { AnswerLines } from '../../graphql/answer-text';
import { byRef } from '../../database/collation';
import { copyOut } from '../../database/copy-out';
import { isUuid } from '../../database/ids';
import { changedActionsCte } from './changes.queries';

/** The kinds of line that carry an action, as the RollupChanges fields name them. */
export type ActionLineKind =
  'actions' | 'newActions' | 'newlyCompleted' | 'newlyOverdue' | 'dueDateRevisions';

/**
 * The columns of a changed action's row (actionStatesSql), in order; the action's own columns follow
 * (RECORD). Each is NULL where no line reads it.
 */
const FIELD = {
  /** The day it was agreed, for a new action (agreed after "from"); else NULL. */
  newDay: 0,
  /** That day as a number that sorts as the day does (dayNumber). */
  newDayOrder: 1,
  /** Statuses and RAGs as stored: CHECK constraints hold them to the contract's values
   * (1796560000000-status-checks.ts), so they are written as they come. */
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
} as const;
/** Where the action's own columns start: `id` and `ref` first (RECORD_FIRST), then those selected. */
const RECORD = 10;
const RECORD_FIRST = ['id', 'ref'];

/** COMPLETE's bytes, to tell a newly completed action by. */
const COMPLETE = Buffer.from('COMPLETE');
const DIGIT_0 = 0x30;

/** What a line field reads: a column (FIELD), and whether it may be NULL. */
type LineValue = { field: keyof typeof FIELD; nullable: boolean };

/** An ActionChange line (actions and newlyCompleted alike): what its fields read. */
const ACTION_CHANGE = {
  type: 'ActionChange',
  fields: {
    fromRag: { field: 'fromRag', nullable: true },
    toRag: { field: 'toRag', nullable: true },
    fromStatus: { field: 'fromStatus', nullable: false },
    toStatus: { field: 'toStatus', nullable: false },
  },
} satisfies { type: string; fields: Record<string, LineValue> };

/**
 * Each kind's GraphQL type (for __typename) and what its fields read; a date may be NULL where the
 * contract makes it nullable, never where the kind's line needs it (HAS_LINE).
 */
export const ACTION_LINE_FIELDS: Record<ActionLineKind, { type: string; fields: Record<string, LineValue> }> =
  {
    actions: ACTION_CHANGE,
    newActions: {
      type: 'NewAction',
      fields: {
        agreedOn: { field: 'newDay', nullable: false },
        status: { field: 'toStatus', nullable: false },
        rag: { field: 'toRag', nullable: true },
        dueOn: { field: 'toDue', nullable: true },
      },
    },
    newlyCompleted: ACTION_CHANGE,
    newlyOverdue: {
      type: 'OverdueAction',
      fields: { dueOn: { field: 'toDue', nullable: true }, status: { field: 'toStatus', nullable: false } },
    },
    dueDateRevisions: {
      type: 'DueDateRevision',
      fields: {
        fromDueOn: { field: 'fromDue', nullable: true },
        toDueOn: { field: 'toDue', nullable: true },
        revisedOn: { field: 'revisedOn', nullable: false },
      },
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
 * How each action column is written: `string` (escaped as JSON.stringify escapes it), `plain` (between
 * quotes as it comes: uuids, ISO dates), `number`; and whether it may be NULL.
 */
const ACTION_COLUMN_KIND: Record<string, ['string' | 'plain' | 'number', boolean]> = {
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

/**
 * One selected field: its response key and what it reads (a line field, `__typename`, or `action` with
 * the action's selected fields).
 */
export type LineSelection =
  | { key: string; field: '__typename' }
  | { key: string; field: string }
  | { key: string; field: 'action'; action: Array<{ key: string; field: string }> };

/**
 * One step of writing a line: constant bytes; a column's bytes as they are (`raw`: never NULL, and
 * nothing COPY escapes: uuids, dates, numbers); a column between quotes, or null (`quoted`); a text
 * column as a JSON string, or null (`json`).
 */
type Step = {
  kind: StepKind;
  /** The column (raw, quoted, json). */
  at: number;
  /** The constant bytes (bytes; else empty). */
  bytes: Buffer;
};
/** Numbers, and every step of one shape, so that the loop writing lines stays monomorphic. */
const StepKind = { Bytes: 0, Raw: 1, Quoted: 2, Json: 3 } as const;
type StepKind = (typeof StepKind)[keyof typeof StepKind];
const NO_BYTES = Buffer.alloc(0);
const step = (kind: StepKind, at: number, bytes = NO_BYTES): Step => ({ kind, at, bytes });
const constantStep = (text: string) => step(StepKind.Bytes, 0, Buffer.from(text));

/** The steps of `{"k":v,...}` for the selected fields (constant text merged into one step). */
function objectSteps(parts: Array<{ key: string; value: Array<string | Step> }>): Step[] {
  const all: Array<string | Step> = ['{'];
  parts.forEach((p, i) => all.push(`${i ? ',' : ''}${JSON.stringify(p.key)}:`, ...p.value));
  all.push('}');
  const steps: Step[] = [];
  let text = '';
  for (const s of all) {
    if (typeof s === 'string') text += s;
    else {
      if (text) steps.push(constantStep(text));
      text = '';
      steps.push(s);
    }
  }
  if (text) steps.push(constantStep(text));
  return steps;
}

/** A value's steps: quotes around a plain value that is never NULL are constant text. */
function valueSteps(
  at: number,
  kind: 'string' | 'plain' | 'number',
  nullable: boolean,
): Array<string | Step> {
  if (kind === 'string') return [step(StepKind.Json, at)];
  if (nullable) return [step(kind === 'plain' ? StepKind.Quoted : StepKind.Raw, at)];
  return kind === 'plain' ? ['"', step(StepKind.Raw, at), '"'] : [step(StepKind.Raw, at)];
}

/**
 * What the lines of the selected kinds need: the statement (made on first use, per way of sorting
 * refs), the action columns it reads and each kind's line as steps over a row's columns.
 */
export interface ActionLinesPlan {
  /** The action's columns the lines read, after RECORD_FIRST. */
  record: string[];
  lines: Array<{ kind: ActionLineKind; steps: Step[] }>;
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
  const lines = kinds.map(({ kind, selection }) => {
    const spec = ACTION_LINE_FIELDS[kind];
    const constant = (value: string) => [JSON.stringify(value)];
    const steps = objectSteps(
      selection.map((s) => {
        if (s.field === '__typename') return { key: s.key, value: constant(spec.type) };
        if ('action' in s) {
          const action = objectSteps(
            s.action.map((f) => {
              if (f.field === '__typename') return { key: f.key, value: constant('Action') };
              const name = PLAIN_ACTION_COLUMNS[f.field]!;
              const [kind, nullable] = ACTION_COLUMN_KIND[name]!;
              return { key: f.key, value: valueSteps(column(name), kind, nullable) };
            }),
          );
          return { key: s.key, value: action };
        }
        const v = spec.fields[s.field]!;
        // Dates, statuses and RAGs: no escaping.
        return { key: s.key, value: valueSteps(FIELD[v.field], 'plain', v.nullable) };
      }),
    );
    return { kind, steps };
  });
  return { record: record.slice(RECORD_FIRST.length), lines, sql: {} };
}

/** A date as a number that sorts as the date does, infinite dates first or last (date subtraction
 * refuses them). */
const dayNumber = (d: string) =>
  `CASE WHEN isfinite(${d}) THEN ${d} - date '2000-01-01'
    WHEN ${d} < date '2000-01-01' THEN -2147483648 ELSE 2147483647 END`;

/**
 * The statement: one row per changed action (FIELD, then the action's columns `id`, `ref` and those
 * the lines read), $1-$4 the strategy, partnership, "from" and "to". Where refs sort in byte order
 * (`bytewise`) the rows come in no order, as they are computed, and the API sorts them by ref as
 * PostgreSQL would; else PostgreSQL sorts them.
 */
export function actionStatesSql(plan: ActionLinesPlan, bytewise: boolean): string {
  const record = [...RECORD_FIRST, ...plan.record];
  return `
WITH ${changedActionsCte(record.map((c, i) => `a.${c} AS c${i}`).join(', '))}
SELECT CASE WHEN NOT p.existed THEN p.agreed_on END,
  CASE WHEN NOT p.existed THEN ${dayNumber('p.agreed_on')} END,
  p.from_status, p.to_status, p.from_rag, p.to_rag,
  p.to_due,
  CASE WHEN p.newly_overdue THEN ${dayNumber('p.to_due')} END,
  CASE WHEN p.revised_on IS NOT NULL THEN p.from_due END, p.revised_on,
  ${record.map((_, i) => `p.c${i}`).join(', ')}
FROM changed p${bytewise ? '' : `\nORDER BY ${byRef('p', false)}`}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The COPY statement for the window: COPY takes no parameters, so the values are written in, each
 * checked for its form first (uuids, ISO dates: nothing to quote). */
function copySql(
  sql: string,
  args: { strategyId: string; partnershipId: string; from: string; to: string },
): string {
  const values = [args.strategyId, args.partnershipId, args.from, args.to];
  values.forEach((v, i) => {
    if (i < 2 ? !isUuid(v) : !ISO_DATE.test(v)) throw new Error(`not a ${i < 2 ? 'uuid' : 'date'}: ${v}`);
  });
  return `COPY (${sql.replace(/\$([1-4])(?!\d)/g, (_, n: string) => `'${values[Number(n) - 1]}'`)}) TO STDOUT`;
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

const BACKSLASH = 0x5c;
const TAB = 0x09;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
/** COPY's escapes (\b \f \n \r \t \v and \\): the byte each stands for. */
const COPY_ESCAPES: Record<number, number> = { 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11 };
/** JSON.stringify's short escapes of control characters; the others are \u00XX. */
const JSON_SHORT: Record<number, number> = { 8: 0x62, 12: 0x66, 10: 0x6e, 13: 0x72, 9: 0x74 };
const HEX = Buffer.from('0123456789abcdef');
const NULL_TEXT = Buffer.from('null');

/** Whether bytes [s, e) of `b` are COPY's NULL, \N. */
const isNull = (b: Buffer, s: number, e: number) => e - s === 2 && b[s] === BACKSLASH && b[s + 1] === 0x4e;
/** Whether column `c` of the row (`f`: each column's start and end in `b`) is NULL. */
const nullAt = (b: Buffer, f: Int32Array, c: number) => isNull(b, f[2 * c]!, f[2 * c + 1]!);

/** The text of COPY bytes [s, e) of `b` (its escapes undone). */
function copyText(b: Buffer, s: number, e: number): string {
  let i = s;
  while (i < e && b[i] !== BACKSLASH) i++;
  if (i === e) return b.toString('utf8', s, e);
  const out = Buffer.allocUnsafe(e - s);
  let n = 0;
  for (i = s; i < e; i++) {
    let c = b[i]!;
    if (c === BACKSLASH) {
      c = b[++i]!;
      c = COPY_ESCAPES[c] ?? c;
    }
    out[n++] = c;
  }
  return out.toString('utf8', 0, n);
}

/** A whole number from its ASCII digits (and sign) at [s, e) of `b`. */
function integerAt(b: Buffer, s: number, e: number): number {
  let i = s;
  const negative = b[i] === 0x2d;
  if (negative) i++;
  let v = 0;
  for (; i < e; i++) v = v * 10 + b[i]! - DIGIT_0;
  return negative ? -v : v;
}

/** When a row has a line of the kind, by its columns' bytes (`f`: each column's start and end). */
const HAS_LINE: Record<ActionLineKind, (b: Buffer, f: Int32Array) => boolean> = {
  actions: (b, f) =>
    nullAt(b, f, FIELD.newDay) &&
    (!sameBytes(b, f, FIELD.fromStatus, FIELD.toStatus) || !sameBytes(b, f, FIELD.fromRag, FIELD.toRag)),
  newActions: (b, f) => !nullAt(b, f, FIELD.newDay),
  newlyCompleted: (b, f) =>
    isBytes(b, f, FIELD.toStatus, COMPLETE) && !isBytes(b, f, FIELD.fromStatus, COMPLETE),
  newlyOverdue: (b, f) => !nullAt(b, f, FIELD.overdueDayOrder),
  dueDateRevisions: (b, f) => !nullAt(b, f, FIELD.revisedOn),
};

/** Whether columns `x` and `y` of the row hold the same bytes (NULL, \N, is the same as NULL only). */
function sameBytes(b: Buffer, f: Int32Array, x: number, y: number): boolean {
  const xs = f[2 * x]!;
  const ys = f[2 * y]!;
  const n = f[2 * x + 1]! - xs;
  if (f[2 * y + 1]! - ys !== n) return false;
  for (let i = 0; i < n; i++) if (b[xs + i] !== b[ys + i]) return false;
  return true;
}

/** Whether column `x` of the row is `text`. */
function isBytes(b: Buffer, f: Int32Array, x: number, text: Buffer): boolean {
  const xs = f[2 * x]!;
  if (f[2 * x + 1]! - xs !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (b[xs + i] !== text[i]) return false;
  return true;
}

/**
 * The order of each kind's lines (docs/rollup-rules.md, "What changed"): by ref, then id; new actions
 * by the day agreed first, newly overdue ones by the day due first (then by ref, then id).
 */
const DAY_ORDER: Partial<Record<ActionLineKind, 0 | 1>> = { newActions: 0, newlyOverdue: 1 };

/** Rows sorted as they come, in runs of this many. */
const RUN = 1024;

/** Buffers the lines are written into, kept for the next answer once its lines are sent. */
const spareArenas: Buffer[] = [];
const ARENA_STEP = 1 << 20;
const ARENA_KEPT = 64 << 20;

/**
 * The selected kinds' lines of "what changed" in `db` (a DataSource, or a transaction's EntityManager)
 * over the window: per kind, its lines' JSON texts in order joined by commas, as a range of one buffer
 * that the answer copies out (graphql/answer-text.ts). Each line is written once, as its row
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
  const columns = RECORD + RECORD_FIRST.length + plan.record.length;
  let constants = 0;
  for (const line of plan.lines) {
    for (const s of line.steps) constants += s.bytes.length;
  }
  let arena = spareArenas.pop() ?? Buffer.allocUnsafeSlow(ARENA_STEP);
  let at = 0;
  // Per row: its ref and id (to sort by), its day orders, and per kind its line's range in the arena.
  const refs: string[] = [];
  const ids: string[] = [];
  let days = new Int32Array(2 * 1024);
  let ranges = new Uint32Array(2 * kinds * 1024);
  let rows = 0;
  // The rows by ref, then id. JavaScript's own comparison orders refs as code points do while none has
  // a unit from U+D800 up.
  const order: number[] = [];
  let plain = true;
  const byUnits = (x: number, y: number) =>
    compareUnits(refs[x]!, refs[y]!) || compareUnits(ids[x]!, ids[y]!);
  const byCodePoints = (x: number, y: number) =>
    compareCodePoints(refs[x]!, refs[y]!) || compareCodePoints(ids[x]!, ids[y]!);
  // Each column's start and end in the current row's bytes.
  const f = new Int32Array(2 * columns);

  /** Writes bytes [s, e) of `b` as a JSON string (COPY's escapes undone, JSON's made). */
  const writeJson = (b: Buffer, s: number, e: number) => {
    const a = arena;
    a[at++] = QUOTE;
    for (let i = s; i < e; i++) {
      let c = b[i]!;
      if (c === BACKSLASH) {
        c = b[++i]!;
        c = COPY_ESCAPES[c] ?? c;
      }
      if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) a[at++] = c;
      else if (c === QUOTE || c === BACKSLASH) {
        a[at++] = BACKSLASH;
        a[at++] = c;
      } else {
        a[at++] = BACKSLASH;
        const short = JSON_SHORT[c];
        if (short !== undefined) a[at++] = short;
        else {
          a[at++] = 0x75; // u00XX
          a[at++] = DIGIT_0;
          a[at++] = DIGIT_0;
          a[at++] = HEX[c >> 4]!;
          a[at++] = HEX[c & 15]!;
        }
      }
    }
    a[at++] = QUOTE;
  };
  // Short constants byte by byte: cheaper than a call into native code for each.
  const put = (text: Buffer) => {
    const a = arena;
    const n = text.length;
    if (n > 32) a.set(text, at);
    else for (let i = 0; i < n; i++) a[at + i] = text[i]!;
    at += n;
  };
  const copy = (b: Buffer, s: number, e: number) => {
    const a = arena;
    for (let i = s; i < e; i++) a[at++] = b[i]!;
  };

  /** Room for `room` more bytes after `at`. */
  const grow = (room: number) => {
    if (at + room <= arena.length) return;
    const next = Buffer.allocUnsafeSlow(Math.ceil((2 * arena.length + room) / ARENA_STEP) * ARENA_STEP);
    arena.copy(next, 0, 0, at);
    arena = next;
  };
  /** Day number column `c` of the row (0 when NULL). */
  const dayAt = (b: Buffer, c: number) => (nullAt(b, f, c) ? 0 : integerAt(b, f[2 * c]!, f[2 * c + 1]!));

  /** The row in bytes [s, e) of `b` (without its newline): its lines written, its keys kept. */
  const row = (b: Buffer, s: number, e: number) => {
    let n = 0;
    f[0] = s;
    for (let i = s; i < e; i++) {
      if (b[i] === TAB) {
        f[2 * n + 1] = i;
        n++;
        f[2 * n] = i + 1;
      }
    }
    f[2 * n + 1] = e;
    if (n + 1 !== columns) throw new Error(`a changed action's row has ${n + 1} columns, not ${columns}`);
    if (2 * kinds * (rows + 1) > ranges.length) {
      const more = new Uint32Array(2 * ranges.length);
      more.set(ranges);
      ranges = more;
      const moreDays = new Int32Array(2 * days.length);
      moreDays.set(days);
      days = moreDays;
    }
    // Room for every line: its constants, and each column's bytes at most six times over (\u00XX).
    grow(constants + kinds * 6 * (e - s + 4 * columns));
    if (bytewise) {
      const ref = copyText(b, f[2 * (RECORD + 1)]!, f[2 * (RECORD + 1) + 1]!);
      refs.push(ref);
      ids.push(b.toString('latin1', f[2 * RECORD]!, f[2 * RECORD + 1]!));
      if (plain && HIGH_UNITS.test(ref)) plain = false;
    }
    days[2 * rows] = dayAt(b, FIELD.newDayOrder);
    days[2 * rows + 1] = dayAt(b, FIELD.overdueDayOrder);
    for (let k = 0; k < kinds; k++) {
      const line = plan.lines[k]!;
      const slot = 2 * (kinds * rows + k);
      if (!HAS_LINE[line.kind](b, f)) {
        ranges[slot] = ranges[slot + 1] = 0;
        continue;
      }
      ranges[slot] = at;
      const steps = line.steps;
      for (let j = 0; j < steps.length; j++) {
        const st = steps[j]!;
        switch (st.kind) {
          case StepKind.Bytes:
            put(st.bytes);
            break;
          case StepKind.Raw:
            copy(b, f[2 * st.at]!, f[2 * st.at + 1]!);
            break;
          default: {
            const cs = f[2 * st.at]!;
            const ce = f[2 * st.at + 1]!;
            if (isNull(b, cs, ce)) put(NULL_TEXT);
            else if (st.kind === StepKind.Json) writeJson(b, cs, ce);
            else {
              arena[at++] = QUOTE;
              copy(b, cs, ce);
              arena[at++] = QUOTE;
            }
          }
        }
      }
      ranges[slot + 1] = at;
    }
    order.push(rows);
    rows++;
    // Each RUN rows sorted as they come, while PostgreSQL computes the next (the API has time then), so
    // that the sort once the last row is in merges runs (V8's TimSort finds them).
    if (bytewise && plain && rows % RUN === 0) {
      const run = order.slice(rows - RUN).sort(byUnits);
      for (let j = 0; j < RUN; j++) order[rows - RUN + j] = run[j]!;
    }
  };

  // A row may begin in one chunk and end in the next: its first part waits in `carry`.
  let carry: Buffer | null = null;
  await copyOut(db, copySql(sql, args), (chunk) => {
    const b: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    let start = 0;
    for (let end = b.indexOf(NEWLINE, start); end >= 0; end = b.indexOf(NEWLINE, start)) {
      row(b, start, end);
      start = end + 1;
    }
    if (start < b.length) carry = Buffer.from(b.subarray(start));
  });
  if (carry) throw new Error('the changed actions ended inside a row');

  // The rows by ref, then id (as they came where PostgreSQL sorted them): the runs merged.
  if (bytewise) order.sort(plain ? byUnits : byCodePoints);
  // Each kind's lines in order, joined by commas, copied after the lines as written: one range per
  // kind for the answer to copy out (copyWithin moves within the buffer: no view made per line, as
  // Buffer.copy makes).
  grow(at + kinds);
  const used = arena;
  let end = at;
  const joined = plan.lines.map((line, k) => {
    const has = (i: number) => ranges[2 * (kinds * i + k) + 1] !== 0;
    let rowsInOrder: ArrayLike<number> = order;
    const d = DAY_ORDER[line.kind];
    if (d !== undefined) {
      // By day, and by ref within a day: the rows in ref order put in a list per day.
      const byDay = new Map<number, number[]>();
      for (const i of order) {
        if (!has(i)) continue;
        const list = byDay.get(days[2 * i + d]!);
        if (list) list.push(i);
        else byDay.set(days[2 * i + d]!, [i]);
      }
      rowsInOrder = [...byDay.keys()].sort((x, y) => x - y).flatMap((key) => byDay.get(key)!);
    }
    const start = end;
    for (let j = 0; j < rowsInOrder.length; j++) {
      const i = rowsInOrder[j]!;
      if (!has(i)) continue;
      if (end > start) used[end++] = 0x2c; // ','
      const s = ranges[2 * (kinds * i + k)]!;
      const e = ranges[2 * (kinds * i + k) + 1]!;
      used.copyWithin(end, s, e);
      end += e - s;
    }
    return { start, end };
  });
  let pending = kinds;
  const written = () => {
    if (--pending === 0 && used.length <= ARENA_KEPT && spareArenas.length < 2) spareArenas.push(used);
  };
  return joined.map(({ start, end }) => ({ bytes: used, start, end, written }));
}
