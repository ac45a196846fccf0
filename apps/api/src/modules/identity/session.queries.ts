import type { DataSource, EntityManager } from 'typeorm';
import { MembershipRole } from './membership.entity';
import { Role } from './user.entity';

/*
 * The identity module's SQL about sessions. A function that takes an EntityManager runs in the
 * caller's transaction.
 */

/** Revokes every other live session of the user; returns the ids revoked. */
export async function revokeOtherSessions(
  tx: EntityManager,
  userId: string,
  keepSessionId: string,
): Promise<Array<{ id: string }>> {
  const [sessions]: [Array<{ id: string }>, number] = await tx.query(
    `UPDATE session SET revoked_at = now()
      WHERE user_id = $1 AND revoked_at IS NULL AND id <> $2 RETURNING id`,
    [userId, keepSessionId],
  );
  return sessions;
}

/** Revokes the live session with this token hash; returns it, or null when there was none. */
export async function revokeSessionByTokenHash(
  tx: EntityManager,
  tokenHash: string,
): Promise<{ id: string; user_id: string; revoked_at: string } | null> {
  const [rows] = await tx.query(
    `UPDATE session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING id, user_id, revoked_at`,
    [tokenHash],
  );
  return rows?.[0] ?? null;
}

/** Revokes every live session the user holds. */
export async function revokeUserSessions(tx: EntityManager, userId: string): Promise<void> {
  await tx.query('UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

export interface SessionViewerRow {
  session_id: string;
  id: string;
  partnership_id: string;
  email: string;
  name: string;
  roles: Role[];
  memberships: Array<{ group_id: string; role: MembershipRole }> | null;
  bump: boolean;
  valid_ms: number;
}

/**
 * The live session with this token hash and its active user with their memberships, in one statement;
 * `bump` says last_seen_at is over a minute old. Undefined when the session is revoked, expired, idle
 * for `idleSeconds`, or its user inactive.
 */
export async function sessionViewer(
  db: DataSource,
  tokenHash: string,
  idleSeconds: number,
): Promise<SessionViewerRow | undefined> {
  const rows: SessionViewerRow[] = await db.query(
    `SELECT s.id AS session_id, u.id, u.partnership_id, u.email, u.name, u.roles,
              (now() - s.last_seen_at) > interval '1 minute' AS bump,
              extract(epoch FROM s.expires_at - now()) * 1000 AS valid_ms,
              (SELECT json_agg(json_build_object('group_id', m.group_id, 'role', m.role))
                 FROM membership m WHERE m.user_id = u.id) AS memberships
         FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => $2) AND u.active`,
    [tokenHash, idleSeconds],
  );
  return rows[0];
}

/** Marks the session seen now (the idle clock restarts). */
export async function touchSession(db: DataSource, sessionId: string): Promise<void> {
  await db.query('UPDATE session SET last_seen_at = now() WHERE id = $1', [sessionId]);
}
