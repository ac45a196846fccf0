import type { PgBoss } from 'pg-boss' with { 'resolution-mode': 'import' };
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { MessageDelivery } from './message-delivery';
import { runReminderPass } from './reminder-pass';
import { NotificationService } from './notification.service';
import { todayIso } from '../../shared/dates';
import { runRecommendationChase } from '../reviews';

/** pg-boss keeps its tables in this schema of the application's database. */
export const SCHEDULER_SCHEMA = 'pgboss';
const PASS_QUEUE = 'throughline-reminder-pass';

export interface SchedulerOptions {
  /** The application's database (pg-boss opens its own small pool on it). */
  databaseUrl: string;
  dataSource: DataSource;
  intervalSeconds: number;
  /** Null without SMTP_URL: messages are then only kept for the web app. */
  delivery: MessageDelivery | null;
  logger: Logger;
}

/**
 * The reminder pass and email delivery, run by pg-boss every THROUGHLINE_SCHEDULE_SECONDS. Every API
 * process starts one; pg-boss creates one job per interval for all of them (its schedule lives in the
 * database), and the pass itself is idempotent (message dedupe keys), so overlapping or repeated
 * runs record nothing twice.
 */
/** pg-boss's settings for this application's database. */
async function createBoss(databaseUrl: string, intervalSeconds: number): Promise<PgBoss> {
  // pg-boss is an ES module; this package is CommonJS.
  const { PgBoss } = await import('pg-boss');
  return new PgBoss({
    connectionString: databaseUrl,
    schema: SCHEDULER_SCHEMA,
    max: 2,
    application_name: 'throughline-scheduler',
    // Schedules shorter than pg-boss's default 30 s check would otherwise be late.
    cronMonitorIntervalSeconds: Math.min(30, Math.max(1, intervalSeconds)),
    cronWorkerIntervalSeconds: Math.min(5, Math.max(1, intervalSeconds)),
  });
}

/**
 * Creates (or upgrades) pg-boss's schema and the pass's queue, then stops: `npm run migrate` does
 * this as the owner, so that an app role that may not create tables finds them there
 * (infra/postgres/app-role.sql grants it their use).
 */
export async function installSchedulerSchema(databaseUrl: string): Promise<void> {
  const boss = await createBoss(databaseUrl, 300);
  await boss.start();
  try {
    await boss.createQueue(PASS_QUEUE);
  } finally {
    await boss.stop({ graceful: false });
  }
}

export class NotificationScheduler {
  private boss: PgBoss | null = null;

  constructor(private readonly opts: SchedulerOptions) {}

  /** One pass now: due reminders recorded, then unsent messages emailed (when SMTP is configured). */
  async runPass(now: Date = new Date()): Promise<{ recorded: number; sent: number; failed: number }> {
    const db = this.opts.dataSource;
    const recorded =
      (await runReminderPass(db, now)).length +
      // Review recommendations routed to national bodies: a chase once a reply is overdue.
      (await runRecommendationChase(db, new NotificationService(db), todayIso(now)));
    const delivered = this.opts.delivery ? await this.opts.delivery.deliverDue() : { sent: 0, failed: 0 };
    if (recorded) this.opts.logger.info({ recorded }, 'reminders recorded');
    return { recorded, ...delivered };
  }

  async start(): Promise<void> {
    const { logger, intervalSeconds } = this.opts;
    const boss = await createBoss(this.opts.databaseUrl, intervalSeconds);
    boss.on('error', (err) => logger.error({ err }, 'scheduler error'));
    await boss.start();
    this.boss = boss;
    await boss.createQueue(PASS_QUEUE);
    // Every process upserts the same schedule (by queue name): one job per interval for all.
    await boss.schedule(PASS_QUEUE, `FREQ=SECONDLY;INTERVAL=${intervalSeconds}`);
    await boss.work(PASS_QUEUE, { pollingIntervalSeconds: Math.min(2, intervalSeconds) }, async () => {
      await this.runPass();
    });
    logger.info({ intervalSeconds }, 'scheduler started');
  }

  /** Waits for a running pass to finish, then closes pg-boss's pool. */
  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, timeout: 20_000 });
    this.opts.delivery?.close();
  }
}
