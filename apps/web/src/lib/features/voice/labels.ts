import type { FeedbackDecision } from '@throughline/sdk';
import type { TagColour } from '$lib/ui/Tag.svelte';

/** The decisions on feedback, in words (the API's FeedbackDecision). */
export const DECISIONS: Array<{ value: FeedbackDecision; text: string; colour: TagColour }> = [
  { value: 'TAKEN_UP', text: 'Taken up', colour: 'green' },
  { value: 'PARTLY_TAKEN_UP', text: 'Partly taken up', colour: 'turquoise' },
  { value: 'NOT_TAKEN_UP', text: 'Not taken up', colour: 'orange' },
  { value: 'NOTED', text: 'Noted', colour: 'grey' },
];

export const decisionText = (d: string | null | undefined) =>
  DECISIONS.find((x) => x.value === d)?.text ?? 'Not decided yet';

export const decisionColour = (d: string | null | undefined): TagColour =>
  DECISIONS.find((x) => x.value === d)?.colour ?? 'yellow';
