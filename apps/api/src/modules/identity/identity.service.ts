import argon2 from 'argon2';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { currentRequestId } from '../../logging/request-context';
import { BadInputError, ConflictError, NotFoundError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isUniqueViolation } from '../../shared/unique-violation';
import { snapshot, writeAudit } from '../audit/audit.service';
import { LoginThrottle, type ThrottleLimits } from './login-throttle';
import { SignInHistory, type SignInAlert } from './sign-in-history.queries';
import {
  revokeOtherSessions,
  revokeSessionByTokenHash,
  sessionViewer,
  touchSession,
} from './session.queries';
import {
  emailInUse,
  partnershipOfUser,
  passwordHashOf,
  replacePasswordHash,
  userByEmail,
} from './user.queries';
import { checkNewPassword, MAX_PASSWORD_LENGTH } from './password-policy';
import { MembershipRole } from './membership.entity';
import { PartnershipEntity } from './partnership.entity';
import { SessionEntity } from './session.entity';
import { hashSessionToken, newSessionToken } from './session-token';
import { Role, UserEntity } from './user.entity';
import { ViewerCache } from './viewer-cache';
import { partnershipUser, setUserActive, updateUserRoles } from './user-admin';
import { checkNewUser } from './new-user.rules';
import { requireAccess, requireViewer } from '../../access';

export { ensureAdmin } from './ensure-admin';

/**
 * createUser's refusal of an address already used for an account, in this partnership or another
 * (an email is one account across the installation, as sign-in takes the email alone).
 */
const EMAIL_TAKEN =
  'This email address cannot be used for a new account. If the person already has an account here, find them in the list of users.';

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roles: Role[];
}

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes).
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface UserMembershipRow {
  userId: string;
  groupId: string;
  groupName: string;
  role: MembershipRole;
}

export interface LoginMeta {
  ip?: string | null;
  userAgent?: string | null;
  /** The session token the request already carried: it is revoked, so each sign-in rotates the session. */
  previousToken?: string | null;
}

export class IdentityService {
  /** A hash of a random password, verified against for unknown emails so timing does not reveal them. */
  private dummyHash: Promise<string> | null = null;
  throttle: LoginThrottle;

  private readonly logger: Pick<Logger, 'info' | 'warn'> | null;
  /** Signed-in viewers by token hash (viewer-cache.ts); every change below that alters one forgets it. */
  readonly viewers: ViewerCache;

  constructor(
    private readonly db: DataSource,
    opts: { throttle?: ThrottleLimits; logger?: Logger; viewers?: ViewerCache } = {},
  ) {
    this.throttle = new LoginThrottle(db, opts.throttle);
    this.logger = opts.logger ?? null;
    this.viewers = opts.viewers ?? new ViewerCache();
  }

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

  // The same words whichever partnership holds the address, and without saying it "exists" anywhere.
  async createUser(partnershipId: string, input: NewUser, actorId: string | null, operation = 'createUser') {
    checkNewUser(input);
    checkNewPassword(input.password, { field: 'password', owner: input });
    const email = input.email.trim();
    const passwordHash = await this.hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const clash = await emailInUse(tx, email);
      if (clash) throw new ConflictError(EMAIL_TAKEN, { field: 'email' });
      const user = await tx
        .getRepository(UserEntity)
        .save({
          partnershipId,
          email,
          name: input.name.trim(),
          passwordHash,
          roles: [...new Set(input.roles)],
        })
        .catch((e: unknown) => {
          // Two requests for the same email at once: the unique index on lower(email) decides.
          if (isUniqueViolation(e)) {
            throw new ConflictError(EMAIL_TAKEN, { field: 'email' });
          }
          throw e;
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
    return userByEmail(this.db, email);
  }

  /** createUser for the API: ADMIN only, in the admin's own partnership. */
  async registerUser(viewer: Viewer | null, input: NewUser): Promise<UserEntity> {
    const admin = requireAccess(viewer, 'administer');
    return this.createUser(admin.partnershipId, input, admin.id);
  }

  /**
   * Checks the password and opens a new session. Unknown email and wrong password fail the same way,
   * after the same work, so neither the message nor the timing says which it was. Each attempt is
   * counted by the throttle first; a refused attempt does no password work at all.
   */
  async login(
    email: string,
    password: string,
    meta: LoginMeta = {},
  ): Promise<{ token: string; user: UserEntity; session: SessionEntity }> {
    // Security events carry the address and the user id when known, never the email or password.
    const requestId = currentRequestId();
    const knownAddress = (ip: string) => SignInHistory.addressKnownFor(this.db, email, ip);
    await this.throttle.attempt(email, meta.ip, knownAddress).catch((e) => {
      this.logger?.warn({ event: 'login.throttled', ip: meta.ip, requestId }, 'sign-in refused: throttled');
      throw e;
    });
    // Nobody's email or password is this long, and no email holds a NUL (PostgreSQL text cannot):
    // refuse without a lookup or any hashing work.
    if (email.length > 254 || password.length > 200 || email.includes('\u0000')) {
      this.logger?.warn({ event: 'login.failed', ip: meta.ip, userId: null, requestId }, 'sign-in failed');
      throw new UnauthenticatedError('Email or password is not correct.');
    }
    const user = await this.findUserByEmail(email);
    if (!user || !user.active) {
      this.dummyHash ??= this.hashPassword(newSessionToken());
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      this.logger?.warn(
        { event: 'login.failed', ip: meta.ip, userId: user?.id ?? null, requestId },
        'sign-in failed',
      );
      throw new UnauthenticatedError('Email or password is not correct.');
    }
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (!ok) {
      await SignInHistory.recordFailure(this.db, user.id);
      this.logger?.warn({ event: 'login.failed', ip: meta.ip, userId: user.id, requestId }, 'sign-in failed');
      throw new UnauthenticatedError('Email or password is not correct.');
    }
    await this.throttle.succeeded(email, meta.ip);
    const token = newSessionToken();
    const now = Date.now();
    let rotated: string | null = null;
    const session = await this.db.transaction(async (tx) => {
      if (meta.previousToken) rotated = (await this.revoke(tx, meta.previousToken))?.user_id ?? null;
      const failures = await SignInHistory.takeFailures(tx, user.id);
      const saved = await tx.getRepository(SessionEntity).save({
        failedSignInsBefore: failures.count,
        lastFailedSignInBefore: failures.lastAt,
        userId: user.id,
        tokenHash: hashSessionToken(token),
        expiresAt: new Date(now + SESSION_ABSOLUTE_MS),
        lastSeenAt: new Date(now),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      await writeAudit(tx, {
        partnershipId: user.partnershipId,
        actorId: user.id,
        operation: 'login',
        entityType: 'Session',
        entityId: saved.id,
        before: null,
        after: { userId: user.id, expiresAt: saved.expiresAt.toISOString() },
      });
      return saved;
    });
    if (rotated) this.viewers.userChanged(rotated);
    this.logger?.info(
      { event: 'login', userId: user.id, sessionId: session.id, ip: meta.ip, requestId },
      'signed in',
    );
    return { token, user, session };
  }

  /**
   * The signed-in person replaces their own password. The new one must pass the password policy; the
   * current one is checked under the login throttle (same per-account and per-address budgets), so a
   * session left open cannot be used to guess it faster than the sign-in page allows. The new hash and
   * the revocation of every OTHER session of the user commit together with the audit entry; the session
   * making the change stays signed in.
   */
  async changePassword(
    viewer: Viewer | null,
    currentPassword: string,
    newPassword: string,
    meta: Pick<LoginMeta, 'ip'> = {},
  ): Promise<void> {
    const v = requireViewer(viewer);
    const requestId = currentRequestId();
    // Rules that need no secret come first: a typo in the new password costs no throttle point.
    checkNewPassword(newPassword, { field: 'newPassword', owner: v, ownPassword: true });
    if (newPassword === currentPassword) {
      throw new BadInputError('newPassword', 'Your new password must be different from your current one.');
    }
    await this.throttle.attempt(v.email, meta.ip).catch((e) => {
      this.logger?.warn(
        { event: 'password.throttled', userId: v.id, ip: meta.ip, requestId },
        'password change refused: throttled',
      );
      throw e;
    });
    const currentHash = await passwordHashOf(this.db, v.id);
    const ok =
      currentHash !== undefined &&
      currentPassword.length <= MAX_PASSWORD_LENGTH &&
      (await argon2.verify(currentHash, currentPassword).catch(() => false));
    if (!ok) {
      this.logger?.warn(
        { event: 'password.change.failed', userId: v.id, ip: meta.ip, requestId },
        'password change failed: current password not correct',
      );
      throw new BadInputError('currentPassword', 'Your current password is not correct.');
    }
    await this.throttle.succeeded(v.email, meta.ip);
    const passwordHash = await this.hashPassword(newPassword);
    const revoked = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(UserEntity);
      const before = (await repo.findOneBy({ id: v.id }))!;
      // Only the hash that was just verified is replaced: of two changes at once, one wins cleanly.
      if (!(await replacePasswordHash(tx, v.id, currentHash!, passwordHash))) {
        throw new ConflictError('Your password was changed elsewhere at the same time. Sign in again.');
      }
      const sessions = await revokeOtherSessions(tx, v.id, v.sessionId);
      const after = (await repo.findOneBy({ id: v.id }))!;
      await writeAudit(tx, {
        partnershipId: v.partnershipId,
        actorId: v.id,
        operation: 'changePassword',
        entityType: 'User',
        entityId: v.id,
        before: snapshot(before, ['passwordHash']),
        after: { ...(snapshot(after, ['passwordHash']) as object), otherSessionsRevoked: sessions.length },
      });
      return sessions.length;
    });
    // This process forgets the user's cached sessions before answering; other replicas on NOTIFY.
    this.viewers.userChanged(v.id);
    this.logger?.info(
      { event: 'password.changed', userId: v.id, otherSessionsRevoked: revoked, ip: meta.ip, requestId },
      'password changed',
    );
  }

  /** Revokes the session the token names; the token is refused from then on. */
  async logout(token: string): Promise<boolean> {
    const revoked = await this.db.transaction(async (tx) => {
      const session = await this.revoke(tx, token);
      if (!session) return null;
      await writeAudit(tx, {
        partnershipId: await partnershipOfUser(tx, session.user_id),
        actorId: session.user_id,
        operation: 'logout',
        entityType: 'Session',
        entityId: session.id,
        before: { revokedAt: null },
        after: { revokedAt: session.revoked_at },
      });
      return session.user_id;
    });
    if (revoked) this.viewers.userChanged(revoked);
    return revoked !== null;
  }

  private async revoke(
    tx: EntityManager,
    token: string,
  ): Promise<{ id: string; user_id: string; revoked_at: string } | null> {
    return revokeSessionByTokenHash(tx, hashSessionToken(token));
  }

  /**
   * Wrong passwords given for the viewer's own account before they signed in this time (ASVS 2.2.3:
   * tell the account holder). Nobody sees another person's: null for anyone else.
   */
  async signInAlert(viewer: Viewer, userId: string): Promise<SignInAlert | null> {
    if (viewer.id !== userId || !viewer.sessionId) return null;
    return SignInHistory.alertForSession(this.db, viewer.sessionId);
  }

  async getUser(viewer: Viewer | null, id: string): Promise<UserEntity> {
    const v = requireViewer(viewer);
    const user = await partnershipUser(this.db.manager, id, v.partnershipId);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /** Everyone in the viewer's partnership, for the admin pages (ADMIN only). */
  async listUsers(viewer: Viewer | null): Promise<UserEntity[]> {
    const admin = requireAccess(viewer, 'administer');
    return this.db
      .getRepository(UserEntity)
      .find({ where: { partnershipId: admin.partnershipId }, order: { name: 'ASC', email: 'ASC' } });
  }

  /** Replaces a user's roles (ADMIN only): see user-admin.ts. */
  updateUserRoles(viewer: Viewer | null, id: string, version: number, roles: Role[]): Promise<UserEntity> {
    return updateUserRoles(this.db, this.viewers, viewer, id, version, roles);
  }

  /** Lets a user sign in again, or stops them (ADMIN only): see user-admin.ts. */
  setUserActive(viewer: Viewer | null, id: string, version: number, active: boolean): Promise<UserEntity> {
    return setUserActive(this.db, this.viewers, viewer, id, version, active);
  }

  /**
   * Resolves a session token to the viewer, refusing revoked, expired and idle sessions: from the viewer
   * cache when it holds the token (viewer-cache.ts says why that is safe), otherwise in one statement
   * (user + memberships), which also bumps last_seen_at when it is over a minute old (cache entries live
   * a minute at most, so the idle clock keeps moving for a session in use).
   */
  async authenticate(token: string): Promise<Viewer | null> {
    const tokenHash = hashSessionToken(token);
    const cached = this.viewers.lookup(tokenHash);
    if (cached) return cached;
    const mark = this.viewers.mark();
    const row = await sessionViewer(this.db, tokenHash, SESSION_IDLE_MS / 1000);
    if (!row) return null;
    if (row.bump) await touchSession(this.db, row.session_id);
    const viewer: Viewer = {
      id: row.id,
      partnershipId: row.partnership_id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      memberships: new Map((row.memberships ?? []).map((m) => [m.group_id, m.role])),
      sessionId: row.session_id,
    };
    this.viewers.store(mark, tokenHash, viewer, Number(row.valid_ms));
    return viewer;
  }
}
