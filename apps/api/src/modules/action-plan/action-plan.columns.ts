import { ActionStatus, Rag } from '../actions/action.enums';

/**
 * The action plan as a spreadsheet: one row per action, these columns. The export writes exactly
 * these headings, and the import recognises them (and the other names partnerships' plans use, e.g.
 * "Agreed Action", "Action Update", "Timescale"), so an exported plan imports again unchanged.
 */
export type PlanField =
  | 'ref'
  | 'title'
  | 'description'
  | 'successMeasure'
  | 'lead'
  | 'objective'
  | 'output'
  | 'group'
  | 'agreedOn'
  | 'startsOn'
  | 'dueOn'
  | 'status'
  | 'rag'
  | 'reportedOn'
  | 'progress'
  | 'impact'
  | 'tags';

export interface PlanColumn {
  field: PlanField;
  /** The heading the export writes. */
  heading: string;
  /** Other headings that mean the same (compared without case, spaces or punctuation). */
  alsoKnownAs: string[];
  /** Calendar dates: the export writes date cells, the import reads date cells or date text. */
  date?: boolean;
}

export const PLAN_COLUMNS: readonly PlanColumn[] = [
  {
    field: 'ref',
    heading: 'Ref',
    alsoKnownAs: ['Reference', 'Action ref', 'Action reference', 'No', 'Number'],
  },
  {
    field: 'title',
    heading: 'Title',
    alsoKnownAs: ['Action', 'Agreed action', 'Action title', 'SMART action'],
  },
  { field: 'description', heading: 'Description', alsoKnownAs: ['Details', 'Action description'] },
  {
    field: 'successMeasure',
    heading: 'Success measure',
    alsoKnownAs: ['Measure of success', 'Success measures'],
  },
  {
    field: 'lead',
    heading: 'Lead',
    alsoKnownAs: ['Lead officer', 'Lead agency', 'Lead officer or agency', 'Owner', 'Responsible'],
  },
  {
    field: 'objective',
    heading: 'Objective code',
    alsoKnownAs: ['Objective', 'Priority', 'Strategic priority', 'Strategic objective'],
  },
  { field: 'output', heading: 'Output', alsoKnownAs: [] },
  { field: 'group', heading: 'Group', alsoKnownAs: ['Operational group', 'Owning group'] },
  { field: 'agreedOn', heading: 'Agreed on', alsoKnownAs: ['Date agreed', 'Agreed'], date: true },
  { field: 'startsOn', heading: 'Starts on', alsoKnownAs: ['Start date', 'Start'], date: true },
  {
    field: 'dueOn',
    heading: 'Due on',
    alsoKnownAs: ['Due', 'Due date', 'Deadline', 'Timescale', 'Target date', 'By when'],
    date: true,
  },
  { field: 'status', heading: 'Status', alsoKnownAs: ['Action status'] },
  { field: 'rag', heading: 'RAG', alsoKnownAs: ['RAG status', 'RAG rating'] },
  {
    field: 'reportedOn',
    heading: 'Reported on',
    alsoKnownAs: ['Last updated', 'Update date', 'Date of update'],
    date: true,
  },
  {
    field: 'progress',
    heading: 'Latest progress',
    alsoKnownAs: ['Progress', 'Action update', 'Update', 'Progress update'],
  },
  { field: 'impact', heading: 'Latest impact', alsoKnownAs: ['Impact', 'Action impact'] },
  { field: 'tags', heading: 'Tags', alsoKnownAs: [] },
];

/** "Agreed Action" -> "agreedaction": headings are matched without case, spaces or punctuation. */
export function headingKey(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_HEADING = new Map<string, PlanField>();
for (const c of PLAN_COLUMNS) {
  for (const h of [c.heading, ...c.alsoKnownAs]) FIELD_BY_HEADING.set(headingKey(h), c.field);
}

/** The field a heading names, if any. */
export function fieldForHeading(heading: string): PlanField | undefined {
  return FIELD_BY_HEADING.get(headingKey(heading));
}

export function columnOf(field: PlanField): PlanColumn {
  return PLAN_COLUMNS.find((c) => c.field === field)!;
}

/** How status and RAG are written in the sheet: the words people use, not the enum names. */
export const STATUS_WORDS: Record<ActionStatus, string> = {
  [ActionStatus.NOT_STARTED]: 'Not started',
  [ActionStatus.IN_PROGRESS]: 'In progress',
  [ActionStatus.COMPLETE]: 'Complete',
  [ActionStatus.CANCELLED]: 'Cancelled',
};
export const RAG_WORDS: Record<Rag, string> = {
  [Rag.RED]: 'Red',
  [Rag.AMBER]: 'Amber',
  [Rag.GREEN]: 'Green',
};

const STATUS_BY_WORD = new Map<string, ActionStatus>([
  ['notstarted', ActionStatus.NOT_STARTED],
  ['inprogress', ActionStatus.IN_PROGRESS],
  ['ongoing', ActionStatus.IN_PROGRESS],
  ['underway', ActionStatus.IN_PROGRESS],
  ['complete', ActionStatus.COMPLETE],
  ['completed', ActionStatus.COMPLETE],
  ['done', ActionStatus.COMPLETE],
  ['cancelled', ActionStatus.CANCELLED],
  ['canceled', ActionStatus.CANCELLED],
]);
const RAG_BY_WORD = new Map<string, Rag>([
  ['red', Rag.RED],
  ['r', Rag.RED],
  ['amber', Rag.AMBER],
  ['a', Rag.AMBER],
  ['green', Rag.GREEN],
  ['g', Rag.GREEN],
]);

export function parseStatus(text: string): ActionStatus | undefined {
  return STATUS_BY_WORD.get(headingKey(text));
}

export function parseRag(text: string): Rag | undefined {
  return RAG_BY_WORD.get(headingKey(text));
}
