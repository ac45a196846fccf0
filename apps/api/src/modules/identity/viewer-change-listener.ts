import type { Client, Notification } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ViewerCache } from './viewer-cache';

import { listenForViewerChanges, notifyViewerChannel } from './viewer-change.queries';

export { VIEWER_CHANNEL } from './viewer-change.queries';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * Keeps one connection LISTENing for viewer changes and applies them to the cache: a user id (that
 * user's sessions, roles or memberships changed), '*' (everything may have), or a `sync:` marker of
 * our own. The cache serves entries only while this connection is up: when it drops, the cache is
 * emptied and switched off until LISTEN is back (changes made meanwhile were never heard).
 * It needs a session-mode connection (LISTEN does not work through a transaction-mode pooler); without
 * one the cache simply stays off and every request reads its session from the database.
 */
export class ViewerChangeListener {
  private client: Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_MIN_MS;
  private syncSeq = 0;
  private readonly syncs = new Map<string, () => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: ViewerCache,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
  ) {}

  /** Connects and listens; on failure the cache stays off and connecting is retried in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.cache.setListening(false);
    const client = this.client;
    this.client = null;
    this.releaseSyncs();
    if (client) await client.end().catch(() => undefined);
  }

  /**
   * Resolves once every change committed before the call has reached the cache: a marker sent on the
   * same channel arrives after them (PostgreSQL delivers notifications in commit order). For writes made
   * behind the API's back (SQL in tests, an operator's fix) that must be seen by the very next request.
   */
  async sync(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const marker = `sync:${process.pid}:${++this.syncSeq}`;
    const arrived = new Promise<void>((resolve) => this.syncs.set(marker, resolve));
    await notifyViewerChannel(client, marker);
    await arrived;
  }

  get listening(): boolean {
    return this.client !== null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const driver = this.dataSource.driver as PostgresDriver;
    const client: Client = new driver.postgres.Client({
      ...driver.master.options,
      application_name: 'throughline-viewer-changes',
    });
    let lost = false;
    const onLost = (err: unknown) => {
      if (lost) return;
      lost = true;
      this.lost(client, err);
    };
    client.on('notification', (n: Notification) => this.onNotification(n.payload ?? ''));
    client.on('error', onLost);
    client.on('end', () => onLost(null));
    try {
      await client.connect();
      await listenForViewerChanges(client);
    } catch (err) {
      onLost(err);
      client.end().catch(() => undefined);
      return;
    }
    if (this.stopped || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    this.cache.setListening(true);
  }

  private lost(client: Client, err: unknown): void {
    if (this.client === client) this.client = null;
    this.cache.setListening(false);
    this.releaseSyncs();
    if (this.stopped || this.retryTimer) return;
    this.logger.warn(
      { err: err instanceof Error ? err.message : undefined, retryMs: this.retryMs },
      'viewer-change listener disconnected: sessions are read from the database until it reconnects',
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  /** Lets every sync() waiting on a connection that is gone return (the cache is off meanwhile). */
  private releaseSyncs(): void {
    for (const done of this.syncs.values()) done();
    this.syncs.clear();
  }

  private onNotification(payload: string): void {
    if (payload.startsWith('sync:')) {
      this.syncs.get(payload)?.();
      this.syncs.delete(payload);
    } else if (payload === '*') {
      this.cache.clear();
    } else {
      this.cache.userChanged(payload);
    }
  }
}
