import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { TooManyRequestsError } from '../../errors/errors';

export interface ThrottleLimits {
  /** Failed sign-ins allowed for one email address within accountWindowSeconds... */
  accountFailures: number;
  accountWindowSeconds: number;
  /** ...after which that account refuses every attempt (even a right password) for this long. */
  accountBlockSeconds: number;
  /** The same for one client address, across all accounts (password spraying). */
  ipFailures: number;
  ipWindowSeconds: number;
  ipBlockSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  accountFailures: 5,
  accountWindowSeconds: 15 * 60,
  accountBlockSeconds: 15 * 60,
  ipFailures: 30,
  ipWindowSeconds: 60 * 60,
  ipBlockSeconds: 60 * 60,
};

/** The table made by the LoginThrottle migration. */
const TABLE = 'login_throttle';

/**
 * Login throttling with rate-limiter-flexible over PostgreSQL, keyed by the lower-cased email and by
 * the client address. A point is taken BEFORE the password is checked (one atomic upsert), so
 * parallel guesses cannot slip past the count; a successful sign-in gives the account's points back
 * and refunds the address's point, so only failures add up.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(
    db: DataSource,
    readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {
    const common = { storeClient: db, storeType: 'typeorm', tableName: TABLE, tableCreated: true };
    this.byAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'acct',
      points: limits.accountFailures,
      duration: limits.accountWindowSeconds,
      blockDuration: limits.accountBlockSeconds,
    });
    this.byIp = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'ip',
      points: limits.ipFailures,
      duration: limits.ipWindowSeconds,
      blockDuration: limits.ipBlockSeconds,
    });
  }

  /**
   * The lower-cased email; absurdly long input, or input with a NUL (which PostgreSQL text cannot
   * hold), is hashed so it always fits the store's key column.
   */
  static accountKey(email: string): string {
    const key = email.trim().toLowerCase();
    return key.length <= 254 && !key.includes('\u0000')
      ? key
      : `sha256:${createHash('sha256').update(key).digest('hex')}`;
  }

  /**
   * Takes one attempt from each budget; throws TooManyRequestsError when either is spent. An account
   * whose budget is spent still lets an attempt through from an address `trusted` vouches for (one it
   * has signed in from before): otherwise anyone who knows an email could keep its owner out for ever
   * with five wrong passwords every fifteen minutes. The address's own budget still applies.
   */
  async attempt(
    email: string,
    ip: string | null | undefined,
    trusted?: (ip: string) => Promise<boolean>,
  ): Promise<void> {
    const results = await Promise.allSettled([
      this.byAccount.consume(LoginThrottle.accountKey(email)),
      ip ? this.byIp.consume(ip.slice(0, 64)) : Promise.resolve(null),
    ]);
    if (ip && trusted && results[0].status === 'rejected' && results[1].status === 'fulfilled') {
      if (results[0].reason instanceof RateLimiterRes && (await trusted(ip))) return;
    }
    let waitMs = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      // A RateLimiterRes rejection means "spent"; anything else is a store failure: let it surface.
      if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
      waitMs = Math.max(waitMs, r.reason.msBeforeNext);
    }
    if (waitMs > 0 || results.some((r) => r.status === 'rejected')) {
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new TooManyRequestsError(
        `Too many failed sign-in attempts. Try again in ${describeWait(retryAfterSeconds)}.`,
        retryAfterSeconds,
      );
    }
  }

  /** After a successful sign-in: the account starts afresh; the address gets its point back. */
  async succeeded(email: string, ip: string | null | undefined): Promise<void> {
    await Promise.all([
      this.byAccount.delete(LoginThrottle.accountKey(email)),
      ip ? this.byIp.reward(ip.slice(0, 64), 1) : Promise.resolve(),
    ]);
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
