import type { EntityManager } from 'typeorm';

/** The kinds of message the reminder pass records. */
export const REMINDER_KINDS = {
  /** Before the due date (strategy.reminder_days_before days ahead, up to the due date itself). */
  reminder: 'ROUND_REMINDER',
  /** From the day after the due date, to the same people. */
  overdue: 'ROUND_OVERDUE',
  /** strategy.escalate_after_days after that, to the strategic leads (the partnership's ADMINs). */
  escalation: 'ROUND_ESCALATION',
} as const;

/**
 * The whole reminder pass in ONE statement, whatever the number of partnerships, rounds, groups and
 * people: which (round, group, kind) are due today, who receives each, the messages inserted with
 * ON CONFLICT DO NOTHING on the partnership's dedupe key (so a reminder recorded by another process,
 * or before a restart, is not recorded again), and an audit entry for each message actually inserted.
 * Returns the ids of the new messages.
 *
 * Kinds are not exclusive: a pass that first runs late (the server was down) still records the
 * overdue notice along with the escalation, and never a "due soon" reminder after the due date.
 * Only returns not yet submitted or approved are chased (NOT_STARTED, DRAFT, RETURNED), in OPEN rounds.
 */
const REMINDER_PASS_SQL = `
WITH due AS (
  SELECT r.id AS round_id, r.partnership_id, r.title, r.returns_due_on, gr.id AS return_id,
         gr.group_id, g.name AS group_name, k.kind, k.to_leads
    FROM reporting_round r
    JOIN strategy s ON s.id = r.strategy_id
    JOIN group_return gr ON gr.round_id = r.id AND gr.status NOT IN ('SUBMITTED', 'APPROVED')
    JOIN operational_group g ON g.id = gr.group_id
    CROSS JOIN LATERAL (VALUES
      ('${REMINDER_KINDS.reminder}', false,
         $1::date BETWEEN r.returns_due_on - s.reminder_days_before AND r.returns_due_on),
      ('${REMINDER_KINDS.overdue}', false, $1::date > r.returns_due_on),
      ('${REMINDER_KINDS.escalation}', true, $1::date > r.returns_due_on + s.escalate_after_days)
    ) AS k(kind, to_leads, is_due)
   WHERE r.status = 'OPEN' AND k.is_due
),
recipients AS (
  SELECT d.*, m.user_id AS recipient_id
    FROM due d
    JOIN membership m ON m.group_id = d.group_id AND m.role IN ('CHAIR', 'COORDINATOR')
    JOIN app_user u ON u.id = m.user_id AND u.active
   WHERE NOT d.to_leads
  UNION ALL
  SELECT d.*, u.id
    FROM due d
    JOIN app_user u ON u.partnership_id = d.partnership_id AND 'ADMIN' = ANY (u.roles) AND u.active
   WHERE d.to_leads
),
drafts AS (
  SELECT partnership_id, recipient_id, kind,
         format('round:%s:group:%s:%s:%s', round_id, group_id, kind, recipient_id) AS dedupe_key,
         CASE kind
           WHEN '${REMINDER_KINDS.reminder}' THEN format('%s return due on %s', group_name, due_text)
           WHEN '${REMINDER_KINDS.overdue}' THEN format('%s return is overdue', group_name)
           ELSE format('%s return is still outstanding', group_name)
         END AS subject,
         CASE kind
           WHEN '${REMINDER_KINDS.reminder}' THEN format(
             'The %s return for "%s" is due on %s. Please update the group''s actions and submit the return.',
             group_name, title, due_text)
           WHEN '${REMINDER_KINDS.overdue}' THEN format(
             'The %s return for "%s" was due on %s and has not been submitted yet.',
             group_name, title, due_text)
           ELSE format(
             'The %s return for "%s" was due on %s and is still not submitted. You are receiving this as a strategic lead.',
             group_name, title, due_text)
         END AS body,
         format('/rounds/%s/returns/%s', round_id, return_id) AS link
    FROM (SELECT *, to_char(returns_due_on, 'FMDD FMMonth YYYY') AS due_text FROM recipients) x
),
inserted AS (
  INSERT INTO message (partnership_id, recipient_id, kind, dedupe_key, subject, body, link)
  SELECT partnership_id, recipient_id, kind, dedupe_key, subject, body, link FROM drafts d
   -- Already recorded (the usual case after the first pass): skipped before the insert is tried;
   -- ON CONFLICT still settles a race with another process.
   WHERE NOT EXISTS (SELECT 1 FROM message m
                      WHERE m.partnership_id = d.partnership_id AND m.dedupe_key = d.dedupe_key)
  ON CONFLICT (partnership_id, dedupe_key) DO NOTHING
  RETURNING id, partnership_id, recipient_id, kind, dedupe_key, subject, link
)
INSERT INTO audit_entry (partnership_id, actor_id, operation, entity_type, entity_id, before, after)
SELECT partnership_id, NULL, 'reminderPass', 'Message', id::text, NULL,
       jsonb_build_object('recipientId', recipient_id, 'kind', kind, 'dedupeKey', dedupe_key,
                          'subject', subject, 'link', link)
  FROM inserted
RETURNING entity_id`;

/** Runs the pass for `today` (a UK calendar date, YYYY-MM-DD); the ids of the messages recorded. */
export async function recordDueReminders(manager: EntityManager, today: string): Promise<string[]> {
  const rows: Array<{ entity_id: string }> = await manager.query(REMINDER_PASS_SQL, [today]);
  return rows.map((r) => r.entity_id);
}
