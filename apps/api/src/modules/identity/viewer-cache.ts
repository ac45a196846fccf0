import type { Viewer } from '../../shared/viewer';

/**
 * Signed-in viewers by session-token hash, so that a request does not wait for a session statement
 * before its own (docs/performance.md: the list page's one floor that needed it). Trust rests on three
 * things, all tested (viewer-cache.test.ts):
 * - it answers only while changes can reach it: `listening` is true only while the LISTEN connection
 *   (viewer-change-listener.ts) is up; database triggers NOTIFY every change to a session's validity,
 *   a user or a membership, whoever makes it, and this process also forgets a user the moment its own
 *   services commit such a change (so its next request never sees the old roles);
 * - an entry lives at most `ttlMs` (a minute: the session's idle clock is bumped on the refresh) and
 *   never past the session's absolute expiry, measured on the database's clock;
 * - a read that started before a change cannot store what it read (the generation check), so a
 *   revoked session cannot be put back by a request that was already in flight.
 */
export interface ViewerCacheOptions {
  /** The longest an entry is trusted without asking the database again. */
  ttlMs: number;
  /** Entries kept; the oldest go first. */
  maxEntries: number;
}

interface Entry {
  viewer: Viewer;
  /** Date.now() after which the entry is not used. */
  until: number;
}

export class ViewerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly tokensByUser = new Map<string, Set<string>>();
  private generation = 0;
  private listening = false;
  private readonly opts: ViewerCacheOptions;

  constructor(opts: Partial<ViewerCacheOptions> = {}) {
    this.opts = { ttlMs: 60_000, maxEntries: 10_000, ...opts };
  }

  /** Whether entries may be served: only while database changes can reach this process. */
  get enabled(): boolean {
    return this.listening;
  }

  /** Called by the listener: on when LISTEN is in place, off (and emptied) when the connection drops. */
  setListening(on: boolean): void {
    this.listening = on;
    this.clear();
  }

  lookup(tokenHash: string, now = Date.now()): Viewer | null {
    if (!this.listening) return null;
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (now >= entry.until) {
      this.remove(tokenHash, entry.viewer.id);
      return null;
    }
    return entry.viewer;
  }

  /** Taken before reading a session from the database; `store` refuses if anything changed since. */
  mark(): number {
    return this.generation;
  }

  /**
   * Keeps a viewer read from the database at generation `mark`, for at most the TTL and at most
   * `validMs` (the session's remaining absolute lifetime, computed by the database).
   */
  store(mark: number, tokenHash: string, viewer: Viewer, validMs: number, now = Date.now()): void {
    if (!this.listening || mark !== this.generation) return;
    this.remove(tokenHash, viewer.id);
    if (this.entries.size >= this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest, this.entries.get(oldest)!.viewer.id);
    }
    this.entries.set(tokenHash, { viewer, until: now + Math.min(this.opts.ttlMs, validMs) });
    let tokens = this.tokensByUser.get(viewer.id);
    if (!tokens) this.tokensByUser.set(viewer.id, (tokens = new Set()));
    tokens.add(tokenHash);
  }

  /** A user, their roles, memberships or sessions changed: forget every session of theirs. */
  userChanged(userId: string): void {
    this.generation++;
    for (const tokenHash of this.tokensByUser.get(userId) ?? []) this.entries.delete(tokenHash);
    this.tokensByUser.delete(userId);
  }

  /** Forget everything (a change whose users are not known one by one). */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.tokensByUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(tokenHash: string, userId: string): void {
    this.entries.delete(tokenHash);
    const tokens = this.tokensByUser.get(userId);
    tokens?.delete(tokenHash);
    if (tokens && tokens.size === 0) this.tokensByUser.delete(userId);
  }
}
