/** What each kind of message is, in words (never the internal kind). */
export const messageKindLabel: Record<string, string> = {
  ROUND_REMINDER: 'Return due soon',
  ROUND_OVERDUE: 'Return overdue',
  ROUND_ESCALATION: 'Return still outstanding',
  RETURN_SENT_BACK: 'Return sent back',
  RETURN_APPROVED: 'Return approved',
};

export function kindLabel(kind: string): string {
  return messageKindLabel[kind] ?? 'Message';
}

/** "2026-12-05T23:50:00Z" as "5 December 2026 at 11:50pm", UK time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
  const time = d
    .toLocaleTimeString('en-GB', {
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
      timeZone: 'Europe/London',
    })
    .replace(/\s/g, '')
    .toLowerCase();
  return `${date} at ${time}`;
}
