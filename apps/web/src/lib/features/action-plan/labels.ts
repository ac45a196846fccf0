import type { ActionPlanField } from '@throughline/sdk';

/** The fields an action plan spreadsheet can fill, as the import pages name them. */
export const fieldLabel: Record<ActionPlanField, string> = {
  ref: 'Ref',
  title: 'Title',
  description: 'Description',
  successMeasure: 'Success measure',
  lead: 'Lead',
  objective: 'Objective',
  output: 'Output',
  group: 'Group',
  agreedOn: 'Date agreed',
  startsOn: 'Start date',
  dueOn: 'Due date',
  status: 'Status',
  rag: 'RAG',
  reportedOn: 'Date reported',
  progress: 'Latest progress',
  impact: 'Latest impact',
  tags: 'Tags',
};

/** [3, 4, 5, 9, 10] as "3 to 5, 9, 10": rows named compactly, however many there are. */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    if (sorted[i] === start) parts.push(String(start));
    else if (sorted[i] === start + 1) parts.push(String(start), String(sorted[i]));
    else parts.push(`${start} to ${sorted[i]}`);
  }
  return parts.join(', ');
}
