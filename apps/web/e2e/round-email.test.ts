/**
 * One whole reporting round in the browser, with email (issue 18): an app of its own with SMTP_URL set
 * to a real SMTP server in this test process, and its pg-boss scheduler running the reminder pass as
 * in production (every THROUGHLINE_SCHEDULE_SECONDS, here the shortest, 60). The lead sets a strategy's
 * reminder and escalation days and opens rounds; the reminders, overdue notice and escalation arrive
 * by email and their links open the return; the chair updates the return (its progress shows), submits;
 * the lead sends it back with a comment, the chair resubmits, the lead approves; the chair is emailed
 * each decision. No email carries the updates' text, the comment or survivor feedback.
 */
import { randomBytes } from 'node:crypto';
import { WebCreateGroupDocument, WebGroupReturnDocument } from '@throughline/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminQuery, freePort, startApp, type AppProcess } from './app-process';
import { databaseUrl } from './database';
import { seedAction, seedPlan } from './fixtures';
import { startSmtpInbox, type ReceivedMail } from './smtp-inbox';
import {
  admin,
  baseURL,
  createUser,
  expectAccessible,
  expectErrorSummary,
  fillDateGroup,
  gql,
  launch,
  newContext,
  signIn,
  useApp,
  waitForApp,
} from './support';

/** A day from today in the UK (the app's calendar), YYYY-MM-DD. */
function ukDay(offset: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

const CONFIDENTIAL = {
  progress: 'Mrs K moved to the refuge on Tuesday',
  comment: 'Remove the name of the survivor from A1',
};

type Inbox = Awaited<ReturnType<typeof startSmtpInbox>>;

/** Waits (up to `seconds`) for a mail to `to` whose subject matches; the scheduler passes once a minute. */
async function mailTo(inbox: Inbox, to: string, subject: RegExp, seconds = 150): Promise<ReceivedMail> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const mail = inbox.mails.find((m) => m.to.includes(to) && subject.test(m.subject));
    if (mail) return mail;
    if (Date.now() > deadline) {
      const got = inbox.mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n');
      throw new Error(`no mail to ${to} matching ${subject} in ${seconds} s; received:\n${got}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The link to the record in an email (the line "Open it in Throughline: <url>"). */
function linkIn(mail: ReceivedMail): string {
  const m = /Open it in Throughline: (\S+)/.exec(mail.text);
  if (!m) throw new Error(`no link in:\n${mail.text}`);
  return m[1];
}

async function openRound(page: Page, strategyTitle: string, title: string, periodEnd: string, due: string) {
  await page.goto('/rounds/new');
  await waitForApp(page);
  await page.getByLabel('Strategy').selectOption({ label: strategyTitle });
  await page.getByLabel('Title').fill(title);
  await fillDateGroup(page, 'Last day of the period', periodEnd);
  await fillDateGroup(page, 'Returns due', due);
  await page.getByRole('button', { name: 'Open round' }).click();
  await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

const statusOf = async (page: Page) => (await page.getByTestId('return-status').textContent())?.trim();

describe.skipIf(!databaseUrl)('a whole round with reminders and decisions by email', () => {
  let inbox: Inbox;
  let app: AppProcess;
  let browser: Browser;
  let dropDatabase: () => Promise<void>;
  const adminLogin = {
    email: 'round-mail-admin@example.org',
    password: `e2e-${randomBytes(12).toString('hex')}`,
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    // Its own database on the same server, so that no other test's messages are sent from here.
    const server = new URL(databaseUrl);
    const name = `tl_e2e_mail_${randomBytes(4).toString('hex')}`;
    server.pathname = '/postgres';
    await adminQuery(server.toString(), `CREATE DATABASE ${name}`);
    dropDatabase = () => adminQuery(server.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const own = new URL(databaseUrl);
    own.pathname = `/${name}`;
    const port = await freePort();
    app = await startApp(
      {
        ...process.env,
        DATABASE_URL: own.toString(),
        THROUGHLINE_ADMIN_EMAIL: adminLogin.email,
        THROUGHLINE_ADMIN_PASSWORD: adminLogin.password,
        THROUGHLINE_SCHEDULE_SECONDS: '60',
        SMTP_URL: inbox.url,
        MAIL_FROM: 'Throughline <rounds@example.org>',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      port,
    );
    useApp({ baseURL: app.baseURL, adminEmail: adminLogin.email, adminPassword: adminLogin.password });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await inbox?.close();
    await dropDatabase?.();
  });

  test(
    'open, remind, escalate, update, submit, send back, resubmit, approve: every email once, its link to the return',
    { timeout: 600_000 },
    async () => {
      expect(baseURL).toBe(app.baseURL);
      const token = await admin();
      const lead = await createUser('Lena Lead', ['ADMIN']);
      const chair = await createUser('Chidi Chair', []);
      const coordinator = await createUser('Cora Coordinator', []);
      const lateChair = await createUser('Lateef Chair', []);
      const group = async (name: string, chairId: string, coordinatorId?: string) =>
        (await gql(WebCreateGroupDocument, { input: { name, chairId, coordinatorId } }, token))
          .createOperationalGroup.id;
      const housing = await group('Housing group', chair.id, coordinator.id);
      const justice = await group('Justice group', lateChair.id);
      const onTime = await seedPlan('Strategy on time');
      const late = await seedPlan('Strategy running late');
      const a1 = await seedAction(onTime, housing, 'Train housing officers');
      const a2 = await seedAction(onTime, housing, 'Fund a refuge worker');
      await seedAction(late, justice, 'Open a specialist court');

      // The lead: email is configured (no warning), and the late strategy escalates after 1 day.
      const leadContext: BrowserContext = await newContext(browser);
      const leadPage = await signIn(leadContext, lead);
      await leadPage.goto('/admin');
      await waitForApp(leadPage);
      expect(await leadPage.getByRole('region', { name: 'Email is not configured' }).count()).toBe(0);
      await leadPage.goto(`/admin/strategies/${late.strategyId}`);
      await waitForApp(leadPage);
      await leadPage.getByText("Change the strategy's settings").click();
      const escalate = leadPage.getByLabel('Days after a return is overdue to tell the strategic leads');
      expect(await escalate.inputValue()).toBe('7');
      expect(await leadPage.getByLabel('Days before a return is due to remind the group').inputValue()).toBe(
        '7',
      );
      await escalate.fill('none');
      await leadPage.getByRole('button', { name: 'Save settings' }).click();
      await expectErrorSummary(leadPage, /tell the strategic leads/);
      await leadPage.getByLabel('Days after a return is overdue to tell the strategic leads').fill('1');
      await leadPage.getByLabel('Days before a return is due to remind the group').fill('3');
      await leadPage.getByRole('button', { name: 'Save settings' }).click();
      await leadPage.getByText('The strategy has been saved.').waitFor();
      expect(await leadPage.locator('main').innerText()).toContain(
        'groups are reminded 3 days before their return is due, and the strategic leads are told 1 day after a return is overdue',
      );
      await expectAccessible(leadPage);

      // Two rounds: one due in 3 days (a reminder is due), one due 3 days ago (overdue, escalated).
      const roundId = await openRound(leadPage, 'Strategy on time', 'Quarter 3', ukDay(-1), ukDay(3));
      const lateRoundId = await openRound(
        leadPage,
        'Strategy running late',
        'Quarter 2',
        ukDay(-20),
        ukDay(-3),
      );
      await expectAccessible(leadPage);

      // The scheduler's pass emails them: the reminder to the chair and the coordinator...
      const reminder = await mailTo(inbox, chair.email, /^Housing group return due on /);
      await mailTo(inbox, coordinator.email, /^Housing group return due on /, 5);
      expect(reminder.from).toBe('rounds@example.org');
      expect(reminder.text).toContain(`The Housing group return for "Quarter 3" is due on`);
      // ...the overdue notice to the late group's chair, and the escalation to every strategic lead.
      const overdue = await mailTo(inbox, lateChair.email, /^Justice group return is overdue$/, 5);
      const escalation = await mailTo(inbox, lead.email, /^Justice group return is still outstanding$/, 5);
      await mailTo(inbox, adminLogin.email, /^Justice group return is still outstanding$/, 5);
      expect(escalation.text).toContain('You are receiving this as a strategic lead.');
      // Their links lead to the return pages.
      expect(linkIn(overdue)).toBe(linkIn(escalation));
      expect(linkIn(overdue)).toMatch(
        new RegExp(`^${app.baseURL}/rounds/${lateRoundId}/returns/[0-9a-f-]{36}$`),
      );
      await leadPage.goto(linkIn(escalation));
      expect(await leadPage.getByRole('heading', { level: 1 }).textContent()).toBe('Justice group return');

      // The chair follows the reminder's link (signing in first), and updates A1: the progress shows.
      const chairContext = await newContext(browser);
      const chairPage = await signIn(chairContext, chair);
      const returnLink = linkIn(reminder);
      expect(returnLink).toMatch(new RegExp(`^${app.baseURL}/rounds/${roundId}/returns/[0-9a-f-]{36}$`));
      const returnPath = new URL(returnLink).pathname;
      await chairPage.goto(returnLink);
      await waitForApp(chairPage);
      expect(await chairPage.getByRole('heading', { level: 1 }).textContent()).toBe('Housing group return');
      const stillToUpdate = () =>
        chairPage.locator('.govuk-summary-list__row', { hasText: 'Actions still to update' });
      expect(await stillToUpdate().innerText()).toMatch(/2 of 2/);
      await expectAccessible(chairPage);
      await chairPage.locator(`#status-${a1.id}-2`).check();
      await chairPage.getByLabel(`Progress on ${a1.ref}`).fill(CONFIDENTIAL.progress);
      await chairPage.getByRole('button', { name: 'Save and come back later' }).click();
      await chairPage.getByText('Your updates have been saved.').waitFor();
      expect(await stillToUpdate().innerText()).toMatch(/1 of 2/);
      expect(await statusOf(chairPage)).toMatch(/In progress/);
      await chairPage.getByLabel(`No change since the last return for ${a2.ref}`).check();
      await chairPage.getByRole('button', { name: 'Save and submit return' }).click();
      await chairPage.getByText('The return has been submitted for sign-off.').waitFor();
      expect(await stillToUpdate().innerText()).toMatch(/0 of 2/);

      // The lead sends it back with a comment; the chair resubmits; the lead approves.
      await leadPage.goto(returnPath);
      await waitForApp(leadPage);
      await leadPage.getByLabel(/Comment/).fill(CONFIDENTIAL.comment);
      await leadPage.getByRole('button', { name: 'Send back to the group' }).click();
      await leadPage.getByText('The return has been sent back to the group.').waitFor();
      await expectAccessible(leadPage);

      const sentBack = await mailTo(inbox, chair.email, /has been sent back$/);
      expect(sentBack.subject).toBe("Housing group's return for Quarter 3 has been sent back");
      await chairPage.goto(linkIn(sentBack));
      await waitForApp(chairPage);
      expect(await statusOf(chairPage)).toMatch(/Sent back/);
      expect(await chairPage.locator('main').innerText()).toContain(CONFIDENTIAL.comment);
      await chairPage.getByLabel(`Progress on ${a1.ref}`).fill('A family moved to the refuge this week.');
      await chairPage.getByRole('button', { name: 'Save and submit return' }).click();
      await chairPage.getByText('The return has been submitted for sign-off.').waitFor();

      await leadPage.goto(returnPath);
      await waitForApp(leadPage);
      await leadPage.getByRole('button', { name: 'Approve return' }).click();
      await leadPage.getByText('The return has been approved.').waitFor();

      const approved = await mailTo(inbox, chair.email, /has been approved$/);
      await chairPage.goto(linkIn(approved));
      await waitForApp(chairPage);
      expect(new URL(chairPage.url()).pathname).toBe(returnPath);
      expect(await statusOf(chairPage)).toMatch(/Approved/);
      await expectAccessible(chairPage);
      const { groupReturn } = await gql(WebGroupReturnDocument, { id: returnPath.split('/').pop()! }, token);
      expect(groupReturn).toMatchObject({ status: 'APPROVED', decidedBy: { id: lead.id } });

      // Once each: one more scheduled pass sends nothing again; no email carries the return's text.
      await new Promise((r) => setTimeout(r, 65_000));
      const seen = inbox.mails.map((m) => `${m.to.join(',')} ${m.subject}`);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((s) => s.startsWith(chair.email)).length).toBe(3); // reminder, sent back, approved
      for (const mail of inbox.mails) {
        expect(mail.raw).not.toContain(CONFIDENTIAL.progress);
        expect(mail.raw).not.toContain(CONFIDENTIAL.comment);
        expect(mail.raw).not.toContain('refuge');
      }
      await leadContext.close();
      await chairContext.close();
    },
  );
});
