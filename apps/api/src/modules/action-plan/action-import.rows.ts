import type { OperationalGroupEntity } from '../actions/operational-group.entity';
import { ACTION_TEXT_LIMITS } from '../actions/action.service';
import { ActionStatus, type Rag } from '../actions/action.enums';
import type { ObjectiveEntity } from '../strategy/objective.entity';
import type { OutputEntity } from '../strategy/output.entity';
import { parseTagRefs, tagRef } from '../tags/tag.service';
import {
  PLAN_COLUMNS,
  columnOf,
  fieldForHeading,
  parseRag,
  parseStatus,
  type PlanField,
} from './action-plan.columns';
import type { ImportColumn, ImportNote, ImportRow } from './action-import.entity';
import { IMPORT_LIMITS, type ImportProblem } from './action-import.service';
import { FileRefusedError } from './file-refused';
import { unescapeFormula } from './formula-escape';
import { parsePlanDate } from './plan-dates';
import type { SheetCell, SheetRow } from './sheet-reader';

// The checks behind ActionImportService.preview (action-import.service.ts): each row of a sheet against
// the strategy's objectives, outputs and groups.

const FIELD_LABEL: Record<PlanField, string> = {
  ref: 'ref',
  title: 'title',
  description: 'description',
  successMeasure: 'success measure',
  lead: 'lead',
  objective: 'objective',
  output: 'output',
  group: 'group',
  agreedOn: 'date agreed',
  startsOn: 'start date',
  dueOn: 'due date',
  status: 'status',
  rag: 'RAG',
  reportedOn: 'date reported',
  progress: 'progress',
  impact: 'impact',
  tags: 'tags',
};

const TEXT_LIMIT: Partial<Record<PlanField, number>> = {
  ref: ACTION_TEXT_LIMITS.ref,
  title: ACTION_TEXT_LIMITS.title,
  description: ACTION_TEXT_LIMITS.description,
  successMeasure: ACTION_TEXT_LIMITS.successMeasure,
  lead: ACTION_TEXT_LIMITS.lead,
  progress: ACTION_TEXT_LIMITS.progress,
  impact: ACTION_TEXT_LIMITS.impact,
};

export interface CheckContext {
  strategyTitle: string;
  objectives: ObjectiveEntity[];
  outputs: OutputEntity[];
  groups: OperationalGroupEntity[];
  defaultGroup: OperationalGroupEntity | null;
  existingRefs: Set<string>;
  today: string;
}

/** How many rows from the top may sit above the headings (a title, a date line). */
const HEADING_SEARCH_ROWS = 20;

/** Checks a sheet's rows against the strategy: every problem found, not just the first. */
export class RowChecker {
  private readonly problems: ImportProblem[] = [];
  private readonly notes = new Map<string, number[]>();
  private columns: ImportColumn[] = [];
  private index = new Map<PlanField, number>();

  constructor(private readonly ctx: CheckContext) {}

  check(rows: SheetRow[]): {
    headingRow: number | null;
    columns: ImportColumn[];
    ignoredHeadings: string[];
    rows: ImportRow[];
    problems: ImportProblem[];
    notes: ImportNote[];
  } {
    const headingAt = rows
      .slice(0, HEADING_SEARCH_ROWS)
      .findIndex((r) => new Set(r.cells.map((c) => fieldForHeading(c.text)).filter(Boolean)).size >= 2);
    if (headingAt < 0) {
      this.problem(
        null,
        null,
        null,
        `No row of headings was found in the first ${HEADING_SEARCH_ROWS} rows. Head the columns, for example: ${PLAN_COLUMNS.slice(
          0,
          6,
        )
          .map((c) => `"${c.heading}"`)
          .join(', ')}.`,
      );
      return this.result(null, [], []);
    }
    const heading = rows[headingAt];
    const ignored = this.mapColumns(heading);
    const body = rows.slice(headingAt + 1);
    if (body.length > IMPORT_LIMITS.maxRows) {
      throw new FileRefusedError(
        'too-many-rows',
        `The file has ${body.length.toLocaleString('en-GB')} actions; import at most ${IMPORT_LIMITS.maxRows.toLocaleString('en-GB')} at a time.`,
      );
    }
    if (body.length === 0) this.problem(null, null, null, 'The file has no actions below its headings.');
    const out: ImportRow[] = [];
    const refRows = new Map<string, number>();
    for (const r of body) {
      const row = this.checkRow(r, refRows);
      if (row) out.push(row);
    }
    return this.result(heading.number, ignored, out);
  }

  private result(headingRow: number | null, ignored: string[], rows: ImportRow[]) {
    return {
      headingRow,
      columns: this.columns,
      ignoredHeadings: ignored,
      rows,
      problems: this.problems,
      notes: [...this.notes].map(([message, rowNumbers]) => ({ message, rows: rowNumbers })),
    };
  }

  /** Maps each heading to its field (the first column wins); returns the headings not used. */
  private mapColumns(heading: SheetRow): string[] {
    const ignored: string[] = [];
    heading.cells.forEach((cell, i) => {
      const text = cell.text.trim();
      if (!text) return;
      const field = fieldForHeading(text);
      if (!field || this.index.has(field)) {
        ignored.push(text);
        return;
      }
      this.index.set(field, i);
      this.columns.push({ field, heading: text });
    });
    const required: PlanField[] = ['ref', 'title', 'objective'];
    if (!this.ctx.defaultGroup) required.push('group');
    for (const field of required) {
      if (!this.index.has(field)) {
        const c = columnOf(field);
        this.problem(
          heading.number,
          c.heading,
          field,
          field === 'group'
            ? `There is no "${c.heading}" column. Add one naming each action's operational group, or choose a group for the whole file.`
            : `There is no "${c.heading}" column${c.alsoKnownAs.length ? ` (or "${c.alsoKnownAs[0]}")` : ''}. Add one: every action needs its ${FIELD_LABEL[field]}.`,
        );
      }
    }
    return ignored;
  }

  private checkRow(r: SheetRow, refRows: Map<string, number>): ImportRow | null {
    const before = this.problems.length;
    const cell = (f: PlanField): SheetCell => {
      const i = this.index.get(f);
      const c = i === undefined ? undefined : r.cells[i];
      if (c?.problem) {
        this.problem(r.number, this.headingOf(f), f, `${capitalise(c.problem)}.`);
        return { text: '' };
      }
      if (c?.fromFormula) this.note('Formulas were not run: the values saved with them were used.', r.number);
      return c ?? { text: '' };
    };
    const text = (f: PlanField, required = false): string => {
      const raw = cell(f).text;
      const { text: t, unescaped } = unescapeFormula(raw.trim());
      if (unescaped) {
        this.note(
          'An apostrophe before a leading =, +, -, @ (added on export so spreadsheets show text, not a formula) was removed.',
          r.number,
        );
      }
      // A missing column is reported once, for the file, not on every row.
      if (required && !t && this.index.has(f)) {
        this.problem(r.number, this.headingOf(f), f, `Enter the ${FIELD_LABEL[f]}.`);
      }
      const max = TEXT_LIMIT[f];
      if (max && t.length > max) {
        this.problem(
          r.number,
          this.headingOf(f),
          f,
          `The ${FIELD_LABEL[f]} must be ${max} characters or fewer (it has ${t.length}).`,
        );
      }
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(t)) {
        this.problem(r.number, this.headingOf(f), f, `The ${FIELD_LABEL[f]} contains control characters.`);
      }
      return t;
    };
    const date = (f: PlanField): string | null => {
      const c = cell(f);
      if (c.date) return c.date;
      if (!c.text.trim()) return null;
      const d = parsePlanDate(c.text);
      if (!d) {
        this.problem(
          r.number,
          this.headingOf(f),
          f,
          `"${clip(c.text)}" is not a date. Enter a date like 2025-03-31, 31/03/2025 or 31 March 2025, or leave it blank.`,
        );
      }
      return d;
    };

    const ref = text('ref', true);
    const title = text('title', true);
    const description = text('description');
    const successMeasure = text('successMeasure');
    const lead = text('lead');
    if (ref) {
      const earlier = refRows.get(ref);
      if (earlier !== undefined) {
        this.problem(r.number, this.headingOf('ref'), 'ref', `Ref "${ref}" is also used on row ${earlier}.`);
      } else {
        refRows.set(ref, r.number);
        if (this.ctx.existingRefs.has(ref)) {
          this.problem(
            r.number,
            this.headingOf('ref'),
            'ref',
            `An action of "${this.ctx.strategyTitle}" already has ref "${ref}".`,
          );
        }
      }
    }

    const objectiveText = text('objective', true);
    const objective = objectiveText ? this.findObjective(objectiveText) : undefined;
    if (objectiveText && !objective) {
      this.problem(
        r.number,
        this.headingOf('objective'),
        'objective',
        `No objective of "${this.ctx.strategyTitle}" has the code or title "${clip(objectiveText)}". Its codes are ${this.ctx.objectives.map((o) => o.code).join(', ') || 'none yet'}.`,
      );
    }
    const outputText = text('output');
    let output: OutputEntity | undefined;
    if (outputText && objective) {
      output = this.ctx.outputs.find((o) => o.objectiveId === objective.id && same(o.title, outputText));
      if (!output) {
        this.problem(
          r.number,
          this.headingOf('output'),
          'output',
          `Objective ${objective.code} has no output called "${clip(outputText)}".`,
        );
      }
    }
    const groupText = text('group');
    let group: OperationalGroupEntity | undefined | null;
    if (groupText) {
      group = this.ctx.groups.find((g) => same(g.name, groupText));
      if (!group) {
        this.problem(
          r.number,
          this.headingOf('group'),
          'group',
          `There is no operational group called "${clip(groupText)}".`,
        );
      }
    } else if (this.ctx.defaultGroup) {
      group = this.ctx.defaultGroup;
      this.note(`Rows that name no group go to ${group.name}, the group chosen for the file.`, r.number);
    } else if (this.index.has('group')) {
      this.problem(r.number, this.headingOf('group'), 'group', 'Enter the operational group.');
    }

    const agreedOn = date('agreedOn');
    const startsOn = date('startsOn');
    const dueOn = date('dueOn');
    const reportedOn = date('reportedOn');
    if (agreedOn && agreedOn > this.ctx.today) {
      this.problem(
        r.number,
        this.headingOf('agreedOn'),
        'agreedOn',
        'The date agreed cannot be in the future.',
      );
    }
    if (startsOn && dueOn && dueOn < startsOn) {
      this.problem(
        r.number,
        this.headingOf('dueOn'),
        'dueOn',
        'The due date cannot be before the start date.',
      );
    }
    if (reportedOn && reportedOn > this.ctx.today) {
      this.problem(
        r.number,
        this.headingOf('reportedOn'),
        'reportedOn',
        'The date reported cannot be in the future.',
      );
    }

    const statusText = text('status');
    let status = statusText ? parseStatus(statusText) : undefined;
    if (statusText && !status) {
      this.problem(
        r.number,
        this.headingOf('status'),
        'status',
        `"${clip(statusText)}" is not a status. Use Not started, In progress, Complete or Cancelled.`,
      );
    }
    const ragText = text('rag');
    const rag: Rag | null = ragText ? (parseRag(ragText) ?? null) : null;
    if (ragText && !rag) {
      this.problem(
        r.number,
        this.headingOf('rag'),
        'rag',
        `"${clip(ragText)}" is not a RAG. Use Red, Amber or Green, or leave it blank.`,
      );
    }
    const progress = text('progress');
    const impact = text('impact');
    const tagsText = text('tags');
    let tags: string[] = [];
    if (tagsText) {
      try {
        tags = parseTagRefs(
          tagsText
            .split(/[;,\n]/)
            .map((t) => t.trim())
            .filter(Boolean),
        ).map(tagRef);
      } catch (e) {
        this.problem(r.number, this.headingOf('tags'), 'tags', (e as Error).message);
      }
    }

    // "Not started" and nothing else is what an action with no update already is: no update is made,
    // so the action is not counted as freshly updated (and an exported plan imports unchanged).
    const onlyNotStarted =
      status === ActionStatus.NOT_STARTED && !ragText && !progress && !impact && !reportedOn;
    if (onlyNotStarted) {
      this.note('Rows that are Not started with no RAG, progress or date reported get no update.', r.number);
    }
    const hasUpdate = !onlyNotStarted && !!(statusText || ragText || progress || impact);
    if (hasUpdate && !statusText) {
      status = ActionStatus.IN_PROGRESS;
      this.note('Rows with a RAG or progress but no status are imported as In progress.', r.number);
    }
    if (hasUpdate && !reportedOn) {
      this.note(
        `Progress with no date reported is recorded as reported today (${this.ctx.today}).`,
        r.number,
      );
    }
    if (!hasUpdate && reportedOn) {
      this.note('A date reported with no status, RAG or progress is not used.', r.number);
    }
    if (!agreedOn)
      this.note(`Rows with no date agreed are recorded as agreed today (${this.ctx.today}).`, r.number);

    if (this.problems.length > before || !objective || !group || (hasUpdate && !status)) return null;
    return {
      row: r.number,
      ref,
      title,
      description,
      successMeasure,
      lead,
      objectiveId: objective.id,
      objectiveCode: objective.code,
      outputId: output?.id ?? null,
      outputTitle: output?.title ?? null,
      groupId: group.id,
      groupName: group.name,
      agreedOn,
      startsOn,
      dueOn,
      tags,
      update: hasUpdate
        ? { status: status!, rag, progress, impact, reportedOn: reportedOn ?? this.ctx.today }
        : null,
    };
  }

  private findObjective(text: string): ObjectiveEntity | undefined {
    return (
      this.ctx.objectives.find((o) => same(o.code, text)) ??
      this.ctx.objectives.find((o) => same(o.title, text))
    );
  }

  private headingOf(field: PlanField): string {
    return this.columns.find((c) => c.field === field)?.heading ?? columnOf(field).heading;
  }

  private problem(row: number | null, column: string | null, field: PlanField | null, message: string) {
    this.problems.push({ row, column, field, message });
  }

  /** Notes are gathered by message, with the rows each concerns. */
  private note(message: string, row: number | null) {
    const rows = this.notes.get(message) ?? [];
    if (row !== null) rows.push(row);
    this.notes.set(message, rows);
  }
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function clip(s: string): string {
  const t = s.trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
