import { daysFromToday } from '../../../test/support/dates';
/**
 * Messages through the public surface (issue 18): recorded once by NotificationService.notify,
 * listed to their recipient over GraphQL when email is not configured, emailed over a real SMTP
 * server (in this process) when it is, and the pg-boss scheduler of two processes sending each
 * reminder exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../database/data-source';
import { createLogger } from '../../logging/logger';
import { EmailSettingsDocument, MarkMessageReadDocument, MyMessagesDocument } from '@throughline/sdk';
import { MembershipRole, Role, startTestApp, type TestApp } from '../../../test/support/test-app';
import { MessageDelivery, composeEmail } from './message-delivery';
import { NotificationScheduler } from './scheduler';
import { openRoundFixture, staffGroups } from './test-support/round-fixture';
import { startSmtpInbox } from './test-support/smtp-inbox';

const logger = createLogger('silent');
const PUBLIC_URL = 'https://throughline.example.org';
const SURVIVOR_TEXT = 'I was told nobody could help me until the third call';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

function notify(recipientId: string, dedupeKey: string, subject = 'Your return was sent back') {
  return t.dataSource.transaction((manager) =>
    t.services.notifications.notify(manager, {
      partnershipId: t.partnershipId,
      recipientId,
      kind: 'RETURN_SENT_BACK',
      dedupeKey,
      subject,
      body: 'The Housing return was sent back with a comment.',
      link: '/rounds/r1/returns/g1',
    }),
  );
}

describe('messages without SMTP', () => {
  it('notify records a message once per dedupe key, with an audit entry, and shows it to its recipient only', async () => {
    const chair = await t.user();
    const someoneElse = await t.user();
    expect(await notify(chair.id, 'return:g1:sent-back:1')).toBe(true);
    expect(await notify(chair.id, 'return:g1:sent-back:1')).toBe(false);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry a JOIN message m ON a.entity_id = m.id::text
        WHERE a.operation = 'notify' AND m.dedupe_key = 'return:g1:sent-back:1'`,
    );
    expect(n).toBe(1);

    const mine = await t.ok(MyMessagesDocument, {}, { token: chair.token });
    expect(mine.unreadMessageCount).toBe(1);
    expect(mine.myMessages).toHaveLength(1);
    expect(mine.myMessages[0]).toMatchObject({
      kind: 'RETURN_SENT_BACK',
      subject: 'Your return was sent back',
      link: '/rounds/r1/returns/g1',
      sentAt: null,
      readAt: null,
    });
    const theirs = await t.ok(MyMessagesDocument, {}, { token: someoneElse.token });
    expect(theirs.myMessages).toEqual([]);
    expect(theirs.unreadMessageCount).toBe(0);

    // Someone else cannot mark it read; its recipient can, once, audited.
    const id = mine.myMessages[0].id;
    const refused = await t.request(MarkMessageReadDocument, { id }, { token: someoneElse.token });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const read = await t.ok(MarkMessageReadDocument, { id }, { token: chair.token });
    expect(read.markMessageRead.readAt).toBeTruthy();
    await t.ok(MarkMessageReadDocument, { id }, { token: chair.token });
    const after = await t.ok(MyMessagesDocument, { unreadOnly: true }, { token: chair.token });
    expect(after.unreadMessageCount).toBe(0);
    expect(after.myMessages).toEqual([]);
    const audits = await t.dataSource.query(
      `SELECT actor_id FROM audit_entry WHERE operation = 'markMessageRead' AND entity_id = $1`,
      [id],
    );
    expect(audits).toEqual([{ actor_id: chair.id }]);
  });

  it('tells an ADMIN that email is not configured; others may not ask', async () => {
    const admin = await t.user({ roles: [Role.ADMIN] });
    const board = await t.user({ roles: [Role.BOARD] });
    expect((await t.ok(EmailSettingsDocument, {}, { token: admin.token })).emailSettings).toEqual({
      configured: false,
      from: null,
    });
    const refused = await t.request(EmailSettingsDocument, {}, { token: board.token });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('messages over SMTP', () => {
  it('emails each unsent message once, to its recipient, with the absolute link and nothing else; retries after a failure', async () => {
    const inbox = await startSmtpInbox();
    const delivery = new MessageDelivery(
      t.dataSource,
      { smtpUrl: inbox.url, from: 'Throughline <tl@example.org>', publicUrl: PUBLIC_URL },
      logger,
    );
    try {
      const admin = await t.user({ roles: [Role.ADMIN] });
      // Survivor feedback in the same partnership: nothing of it may reach an email.
      await t.dataSource.query(
        `INSERT INTO feedback (partnership_id, forum, received_on, summary) VALUES ($1, 'Survivor forum', '2027-01-01', $2)`,
        [t.partnershipId, SURVIVOR_TEXT],
      );
      const round = await openRoundFixture(t.dataSource, {
        partnershipId: t.partnershipId,
        openedById: admin.id,
        groups: 1,
        returnsDueOn: daysFromToday(3),
        title: 'Winter return',
        groupNamePrefix: 'Harmful Practices',
      });
      const staff = (await staffGroups(t.dataSource, t.partnershipId, [round.groups[0].id])).get(
        round.groups[0].id,
      )!;
      const scheduler = new NotificationScheduler({
        databaseUrl: t.db.url,
        dataSource: t.dataSource,
        intervalSeconds: 300,
        delivery,
        logger,
      });
      // The mail server is down: nothing sent, the messages kept with the error, tried again later.
      // (The message kept by the first test, while email was not configured, goes out too.)
      inbox.refuse = true;
      expect(await scheduler.runPass()).toMatchObject({ recorded: 2, sent: 0, failed: 3 });
      const failed = await t.dataSource.query(
        `SELECT attempts, last_error, sent_at FROM message WHERE dedupe_key LIKE $1`,
        [`round:${round.roundId}:%`],
      );
      expect(failed).toHaveLength(2);
      for (const m of failed) {
        expect(m).toMatchObject({ attempts: 1, sent_at: null });
        expect(m.last_error).toMatch(/Mailbox unavailable/);
      }
      // Not before the backoff has passed...
      inbox.refuse = false;
      expect(await scheduler.runPass()).toMatchObject({ recorded: 0, sent: 0 });
      // ...then delivered (the backoff is moved into the past as time would move it).
      await t.dataSource.query(
        `UPDATE message SET next_attempt_at = now() - interval '1 second' WHERE sent_at IS NULL`,
      );
      expect(await scheduler.runPass()).toMatchObject({ recorded: 0, sent: 3, failed: 0 });
      expect(await scheduler.runPass()).toMatchObject({ recorded: 0, sent: 0, failed: 0 });

      expect(inbox.mails).toHaveLength(3);
      expect(inbox.mails.filter((m) => m.subject === 'Your return was sent back')).toHaveLength(1);
      const reminders = inbox.mails.filter((m) => m.subject !== 'Your return was sent back');
      const emails = await t.dataSource.query(
        `SELECT id, email, name FROM app_user WHERE id = ANY($1::uuid[]) ORDER BY email`,
        [[staff.chairId, staff.coordinatorId]],
      );
      expect(reminders.map((m) => m.to[0]).sort()).toEqual(
        emails.map((u: { email: string }) => u.email).sort(),
      );
      const link = `${PUBLIC_URL}/rounds/${round.roundId}/returns/${round.groups[0].returnId}`;
      for (const mail of reminders) {
        const person = emails.find((u: { email: string }) => u.email === mail.to[0]);
        expect(mail.from).toBe('tl@example.org');
        expect(mail.subject).toMatch(/^Harmful Practices 1 return due on \d{1,2} \w+ \d{4}$/);
        expect(mail.text).toBe(
          composeEmail(
            {
              name: person.name,
              body: mail.text.split('\n')[2],
              link: `/rounds/${round.roundId}/returns/${round.groups[0].returnId}`,
            },
            PUBLIC_URL,
          ),
        );
        expect(mail.text).toContain(`Open it in Throughline: ${link}`);
        expect(mail.text.split('\n')[2]).toMatch(
          /^The Harmful Practices 1 return for "Winter return" is due on /,
        );
        expect(mail.raw).not.toContain(SURVIVOR_TEXT);
      }
      const sent = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM message WHERE dedupe_key LIKE $1 AND sent_at IS NOT NULL`,
        [`round:${round.roundId}:%`],
      );
      expect(sent[0].n).toBe(2);
    } finally {
      delivery.close();
      await inbox.close();
    }
  });

  it('two API processes, each with its pg-boss scheduler and its own pool, send each reminder exactly once; a restart sends nothing again', async () => {
    const inbox = await startSmtpInbox();
    const admin = await t.user({ roles: [Role.ADMIN] });
    // Only this test's round is due.
    await t.dataSource.query(`UPDATE reporting_round SET status = 'CLOSED', closed_at = now()`);
    const round = await openRoundFixture(t.dataSource, {
      partnershipId: t.partnershipId,
      openedById: admin.id,
      groups: 5,
      returnsDueOn: daysFromToday(-1), // overdue today
    });
    await staffGroups(
      t.dataSource,
      t.partnershipId,
      round.groups.map((g) => g.id),
    );
    const member = await t.user({
      memberships: [{ groupId: round.groups[0].id, role: MembershipRole.MEMBER }],
    });

    const startProcess = async () => {
      const dataSource: DataSource = createDataSource({ url: t.db.url, poolSize: 3 });
      await dataSource.initialize();
      const delivery = new MessageDelivery(
        dataSource,
        { smtpUrl: inbox.url, from: 'tl@example.org', publicUrl: PUBLIC_URL },
        logger,
      );
      const scheduler = new NotificationScheduler({
        databaseUrl: t.db.url,
        dataSource,
        intervalSeconds: 1,
        delivery,
        logger,
      });
      await scheduler.start();
      return {
        scheduler,
        async stop() {
          await scheduler.stop();
          await dataSource.destroy();
        },
      };
    };
    try {
      const [a, b] = await Promise.all([startProcess(), startProcess()]);
      // The scheduled passes (pg-boss, every second) record and send the reminders...
      const deadline = Date.now() + 20_000;
      while (inbox.mails.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      // Let the scheduled passes run a few more times: still nothing more.
      await new Promise((r) => setTimeout(r, 2500));
      // ...and passes run by both at the same moment, as overlapping jobs would, add nothing.
      const again = await Promise.all([a.scheduler.runPass(), b.scheduler.runPass(), a.scheduler.runPass()]);
      expect(again.map((p) => p.recorded + p.sent)).toEqual([0, 0, 0]);
      await Promise.all([a.stop(), b.stop()]);
      expect(inbox.mails).toHaveLength(10); // 5 groups x (chair + coordinator), overdue
      expect(new Set(inbox.mails.map((m) => m.to[0])).size).toBe(10);
      expect(inbox.mails.every((m) => /return is overdue$/.test(m.subject))).toBe(true);
      const [{ email: memberEmail }] = await t.dataSource.query(`SELECT email FROM app_user WHERE id = $1`, [
        member.id,
      ]);
      expect(inbox.mails.some((m) => m.to.includes(memberEmail))).toBe(false);

      // A restart: a new process on the same database sends nothing again.
      const c = await startProcess();
      expect(await c.scheduler.runPass()).toMatchObject({ recorded: 0, sent: 0 });
      await c.stop();
      expect(inbox.mails).toHaveLength(10);
    } finally {
      await inbox.close();
    }
  });
});
