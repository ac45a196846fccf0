import type { ReturnStatus, RoundStatus } from '@throughline/sdk';
import type { TagColour } from '$lib/ui/Tag.svelte';

/** Plain English for a return's status (never the enum's name on screen). */
export const returnStatusLabel: Record<ReturnStatus, string> = {
  NOT_STARTED: 'Not started',
  DRAFT: 'In progress',
  SUBMITTED: 'Waiting for sign-off',
  RETURNED: 'Sent back',
  APPROVED: 'Approved',
};

export const returnStatusColour: Record<ReturnStatus, TagColour> = {
  NOT_STARTED: 'grey',
  DRAFT: 'blue',
  SUBMITTED: 'yellow',
  RETURNED: 'red',
  APPROVED: 'green',
};

export const roundStatusLabel: Record<RoundStatus, string> = { OPEN: 'Open', CLOSED: 'Closed' };
