import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { BadInputError, ConflictError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { snapshot, writeAudit } from '../audit/audit.service';
import { MembershipRole } from './membership.entity';
import { PartnershipEntity } from './partnership.entity';
import { SessionEntity } from './session.entity';
import { hashSessionToken, newSessionToken } from './session-token';
import { Role, UserEntity } from './user.entity';

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 12;

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roles: Role[];
}

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes).
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export class IdentityService {
  /** A hash of a random password, verified against for unknown emails so timing does not reveal them. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly db: DataSource) {}

  /** The partnership this installation serves; made on first start. */
  async ensurePartnership(name = 'Throughline partnership'): Promise<PartnershipEntity> {
    const existing = await this.db
      .getRepository(PartnershipEntity)
      .find({ order: { createdAt: 'ASC' }, take: 1 });
    if (existing[0]) return existing[0];
    return this.db.getRepository(PartnershipEntity).save({ name });
  }

  async hashPassword(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  validatePassword(password: string, field = 'password'): void {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new BadInputError(field, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    if (password.length > 200) throw new BadInputError(field, 'Password must be at most 200 characters.');
  }

  async createUser(partnershipId: string, input: NewUser, actorId: string | null, operation = 'createUser') {
    this.validatePassword(input.password);
    const email = input.email.trim();
    const passwordHash = await this.hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const clash = await tx
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('lower(u.email) = lower(:email)', { email })
        .getExists();
      if (clash) throw new ConflictError('A user with this email already exists.', { field: 'email' });
      const user = await tx.getRepository(UserEntity).save({
        partnershipId,
        email,
        name: input.name.trim(),
        passwordHash,
        roles: [...new Set(input.roles)],
      });
      await writeAudit(tx, {
        partnershipId,
        actorId,
        operation,
        entityType: 'User',
        entityId: user.id,
        before: null,
        after: snapshot(user, ['passwordHash']),
      });
      return user;
    });
  }

  async findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
  }

  /**
   * Checks the password and opens a new session. Unknown email and wrong password fail the same way,
   * after the same work, so neither the message nor the timing says which it was.
   */
  async login(
    email: string,
    password: string,
    meta: { ip?: string | null; userAgent?: string | null } = {},
  ): Promise<{ token: string; user: UserEntity; session: SessionEntity }> {
    const user = await this.findUserByEmail(email);
    if (!user || !user.active) {
      this.dummyHash ??= this.hashPassword(newSessionToken());
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      throw new UnauthenticatedError('Email or password is not correct.');
    }
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (!ok) throw new UnauthenticatedError('Email or password is not correct.');
    const token = newSessionToken();
    const now = Date.now();
    const session = await this.db.getRepository(SessionEntity).save({
      userId: user.id,
      tokenHash: hashSessionToken(token),
      expiresAt: new Date(now + SESSION_ABSOLUTE_MS),
      lastSeenAt: new Date(now),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, user, session };
  }

  async logout(token: string): Promise<boolean> {
    const result = await this.db
      .getRepository(SessionEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('token_hash = :h AND revoked_at IS NULL', { h: hashSessionToken(token) })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Resolves a session token to the viewer in one statement (user + memberships), refusing revoked,
   * expired and idle sessions. last_seen_at is bumped at most once a minute to keep reads cheap.
   */
  async authenticate(token: string): Promise<Viewer | null> {
    const rows: Array<{
      session_id: string;
      id: string;
      partnership_id: string;
      email: string;
      name: string;
      roles: Role[];
      memberships: Array<{ group_id: string; role: MembershipRole }> | null;
      bump: boolean;
    }> = await this.db.query(
      `SELECT s.id AS session_id, u.id, u.partnership_id, u.email, u.name, u.roles,
              (now() - s.last_seen_at) > interval '1 minute' AS bump,
              (SELECT json_agg(json_build_object('group_id', m.group_id, 'role', m.role))
                 FROM membership m WHERE m.user_id = u.id) AS memberships
         FROM session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(secs => $2) AND u.active`,
      [hashSessionToken(token), SESSION_IDLE_MS / 1000],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.bump) {
      await this.db.query('UPDATE session SET last_seen_at = now() WHERE id = $1', [row.session_id]);
    }
    return {
      id: row.id,
      partnershipId: row.partnership_id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      memberships: new Map((row.memberships ?? []).map((m) => [m.group_id, m.role])),
      sessionId: row.session_id,
    };
  }
}

/**
 * THROUGHLINE_ADMIN_EMAIL / _PASSWORD: make sure this admin exists. An existing user with the email
 * is left exactly as it is (its password is not reset), as PRODUCT.md says.
 */
export async function ensureAdmin(
  identity: IdentityService,
  partnershipId: string,
  admin: { email: string; password: string },
): Promise<'created' | 'exists'> {
  if (await identity.findUserByEmail(admin.email)) return 'exists';
  try {
    await identity.createUser(
      partnershipId,
      { email: admin.email, name: 'Administrator', password: admin.password, roles: [Role.ADMIN] },
      null,
      'bootstrapAdmin',
    );
    return 'created';
  } catch (e) {
    // Another replica starting at the same moment may have made it first.
    if (e instanceof ConflictError) return 'exists';
    throw e;
  }
}
