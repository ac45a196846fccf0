import type { ActionStatus, Rag } from '@throughline/sdk';
import { labels } from '$lib/labels';

export const STATUSES: readonly ActionStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'];
export const RAGS: readonly Rag[] = ['RED', 'AMBER', 'GREEN'];

export const statusLabel: Record<ActionStatus, string> = labels.actionStatus;

export const ragLabel: Record<Rag, string> = labels.rag;

export const statusOptions = STATUSES.map((s) => ({ value: s, text: statusLabel[s] }));
export const ragOptions = RAGS.map((r) => ({ value: r, text: ragLabel[r] }));

/** "2026-03-31" as "31 March 2026", the GOV.UK date style. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'Not set';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today in YYYY-MM-DD (UTC), the default for "reported on". */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
