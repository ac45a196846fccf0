import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { claimDueMessages, markFailed, markSent, type ClaimedMessage } from './message.queries';

/** Messages claimed per batch: bounded so one run never holds thousands of rows. */
const BATCH = 50;

/**
 * The email: short and plain, a greeting, the message and the absolute link to the record. The
 * body is written by Throughline itself (never free text from a review or a survivor's feedback).
 */
export function composeEmail(m: Pick<ClaimedMessage, 'name' | 'body' | 'link'>, publicUrl: string): string {
  return [
    `Hello ${m.name},`,
    '',
    m.body,
    '',
    `Open it in Throughline: ${publicUrl}${m.link}`,
    '',
    'This is an automatic message from Throughline. You can also read it under Messages when you sign in.',
  ].join('\n');
}

/** Sends unsent messages over SMTP (nodemailer), marking each sent when the server accepts it. */
export class MessageDelivery {
  private readonly transport: Transporter;

  constructor(
    private readonly db: DataSource,
    private readonly settings: { smtpUrl: string; from: string; publicUrl: string },
    private readonly logger: Logger,
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl);
  }

  /**
   * Sends every message due for an attempt, batch by batch. A failure is recorded on the message
   * (last_error) and retried by a later run after its backoff; a crash mid-send leaves the claim to
   * expire the same way. So no message is lost; in the rare crash between the server accepting a
   * mail and sent_at being written, that one mail may be sent twice.
   */
  async deliverDue(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const batch = await claimDueMessages(this.db.manager, BATCH);
      for (const m of batch) {
        try {
          await this.transport.sendMail({
            from: this.settings.from,
            to: { name: m.name, address: m.email },
            subject: m.subject,
            text: composeEmail(m, this.settings.publicUrl),
          });
          await markSent(this.db.manager, m.id);
          sent++;
        } catch (e) {
          failed++;
          const error = e instanceof Error ? e.message : String(e);
          this.logger.warn({ messageId: m.id, attempts: m.attempts, error }, 'message not delivered');
          await markFailed(this.db.manager, m.id, error);
        }
      }
      if (batch.length < BATCH) break;
    }
    if (sent || failed) this.logger.info({ sent, failed }, 'messages delivered');
    return { sent, failed };
  }

  close(): void {
    this.transport.close();
  }
}
