import type { DataSource, EntityManager } from 'typeorm';

/** How long a successful sign-in from an address vouches for that address (for that account). */
export const TRUSTED_ADDRESS_DAYS = 90;

/**
 * The identity module's SQL about past sign-ins: whether an address has a good history with an
 * account (it signed in from there), and the tally of wrong passwords the account holder is shown.
 */
export const SignInHistory = {
  /** True when `email`'s account has signed in from `ip` within TRUSTED_ADDRESS_DAYS. */
  async addressKnownFor(db: DataSource, email: string, ip: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE lower(u.email) = lower($1) AND u.active AND s.ip = $2
          AND s.created_at > now() - make_interval(days => $3)
        LIMIT 1`,
      [email.trim(), ip, TRUSTED_ADDRESS_DAYS],
    );
    return rows.length > 0;
  },

  /** One more wrong password for the user. */
  async recordFailure(db: DataSource, userId: string): Promise<void> {
    await db.query(
      `INSERT INTO sign_in_failure (user_id, failed_attempts, last_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (user_id) DO UPDATE
         SET failed_attempts = sign_in_failure.failed_attempts + 1, last_failed_at = now()`,
      [userId],
    );
  },

  /** At a successful sign-in: the tally so far, cleared (it moves onto the new session). */
  async takeFailures(tx: EntityManager, userId: string): Promise<{ count: number; lastAt: Date | null }> {
    const rows: Array<{ failed_attempts: number; last_failed_at: Date }> = await tx.query(
      // Through a CTE: TypeORM answers a bare DELETE ... RETURNING as [rows, count], a SELECT as rows.
      `WITH gone AS (DELETE FROM sign_in_failure WHERE user_id = $1 RETURNING failed_attempts, last_failed_at)
       SELECT failed_attempts, last_failed_at FROM gone`,
      [userId],
    );
    return { count: rows[0]?.failed_attempts ?? 0, lastAt: rows[0]?.last_failed_at ?? null };
  },

  /** What the session's sign-in found: the wrong passwords given before it, or null when none. */
  async alertForSession(db: DataSource, sessionId: string): Promise<SignInAlert | null> {
    const rows: Array<{ n: number; at: Date | null }> = await db.query(
      `SELECT failed_sign_ins_before AS n, last_failed_sign_in_before AS at FROM session WHERE id = $1`,
      [sessionId],
    );
    const row = rows[0];
    return row && row.n > 0 && row.at ? { failedAttempts: row.n, lastFailedAt: row.at } : null;
  },
};

export interface SignInAlert {
  failedAttempts: number;
  lastFailedAt: Date;
}
