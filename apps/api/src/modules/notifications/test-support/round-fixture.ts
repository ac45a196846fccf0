import type { DataSource } from 'typeorm';

export interface RoundFixture {
  strategyId: string;
  roundId: string;
  groups: Array<{ id: string; name: string; returnId: string }>;
}

/**
 * An OPEN round on a new strategy with `groups` operational groups, each with a NOT_STARTED return,
 * written with SQL (the rounds module opens rounds through its own API; the reminder pass only reads
 * these tables).
 */
export async function openRoundFixture(
  db: DataSource,
  opts: {
    partnershipId: string;
    openedById: string;
    groups: number;
    returnsDueOn: string;
    title?: string;
    reminderDaysBefore?: number;
    escalateAfterDays?: number;
    groupNamePrefix?: string;
  },
): Promise<RoundFixture> {
  const [strategy] = await db.query(
    `INSERT INTO strategy (partnership_id, title, reminder_days_before, escalate_after_days)
     VALUES ($1, 'VAWG strategy', $2, $3) RETURNING id`,
    [opts.partnershipId, opts.reminderDaysBefore ?? 7, opts.escalateAfterDays ?? 7],
  );
  const [round] = await db.query(
    `INSERT INTO reporting_round (partnership_id, strategy_id, title, period_end, returns_due_on, opened_by_id)
     VALUES ($1, $2, $3, $4::date - 14, $4, $5) RETURNING id`,
    [opts.partnershipId, strategy.id, opts.title ?? 'Quarter 1 return', opts.returnsDueOn, opts.openedById],
  );
  const groups: RoundFixture['groups'] = await db.query(
    `WITH g AS (
       INSERT INTO operational_group (partnership_id, name)
       SELECT $1, $2 || ' ' || n FROM generate_series(1, $3) n RETURNING id, name
     ), r AS (
       INSERT INTO group_return (partnership_id, round_id, group_id)
       SELECT $1, $4, id FROM g RETURNING id, group_id
     )
     SELECT g.id, g.name, r.id AS "returnId" FROM g JOIN r ON r.group_id = g.id ORDER BY g.name`,
    [opts.partnershipId, opts.groupNamePrefix ?? `Group ${strategy.id.slice(0, 4)}`, opts.groups, round.id],
  );
  return { strategyId: strategy.id, roundId: round.id, groups };
}

/** Gives each group a chair and a coordinator (new users of the partnership); their ids per group. */
export async function staffGroups(
  db: DataSource,
  partnershipId: string,
  groupIds: string[],
): Promise<Map<string, { chairId: string; coordinatorId: string }>> {
  const rows: Array<{ group_id: string; role: string; user_id: string }> = await db.query(
    `WITH people AS (
       SELECT g AS group_id, role, gen_random_uuid() AS user_id
         FROM unnest($2::uuid[]) g CROSS JOIN (VALUES ('CHAIR'), ('COORDINATOR')) r(role)
     ), u AS (
       INSERT INTO app_user (id, partnership_id, email, name, password_hash)
       SELECT user_id, $1, lower(role) || '-' || user_id || '@example.org', initcap(role) || ' ' || left(user_id::text, 4), 'x'
         FROM people RETURNING id
     ), m AS (
       INSERT INTO membership (group_id, user_id, role) SELECT group_id, user_id, role FROM people RETURNING 1
     )
     SELECT group_id, role, user_id FROM people WHERE (SELECT count(*) FROM u) >= 0 AND (SELECT count(*) FROM m) >= 0`,
    [partnershipId, groupIds],
  );
  const out = new Map<string, { chairId: string; coordinatorId: string }>();
  for (const r of rows) {
    const e = out.get(r.group_id) ?? { chairId: '', coordinatorId: '' };
    if (r.role === 'CHAIR') e.chairId = r.user_id;
    else e.coordinatorId = r.user_id;
    out.set(r.group_id, e);
  }
  return out;
}

/** Noon UK time on a YYYY-MM-DD day, as the `now` a pass runs at. */
export function noonOn(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}
