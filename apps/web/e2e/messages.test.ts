import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { databaseUrl, sql } from './database';
import { seedGroup } from './fixtures';
import { createUser, expectAccessible, launch, newContext, signIn, waitForApp } from './support';

/** Yesterday in the UK, YYYY-MM-DD: a round due then is overdue today. */
function ukYesterday(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(!databaseUrl)('messages in the web app, without email', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test(
    'the scheduler reminds a chair of an overdue return; the chair reads it under Messages and marks it read, without JavaScript',
    { timeout: 180_000 },
    async () => {
      const chair = await createUser('Mina Chair', []);
      const groupId = await seedGroup(chair.id);
      // An open round whose returns were due yesterday (the rounds pages open these; here SQL does).
      const [{ partnership_id: partnershipId }] = await sql<{ partnership_id: string }>(
        `SELECT partnership_id FROM app_user WHERE id = $1`,
        [chair.id],
      );
      const [strategy] = await sql<{ id: string }>(
        `INSERT INTO strategy (partnership_id, title) VALUES ($1, 'Messages strategy') RETURNING id`,
        [partnershipId],
      );
      const [round] = await sql<{ id: string }>(
        `INSERT INTO reporting_round (partnership_id, strategy_id, title, period_end, returns_due_on, opened_by_id)
       VALUES ($1, $2, 'Autumn return', $3::date - 14, $3, $4) RETURNING id`,
        [partnershipId, strategy.id, ukYesterday(), chair.id],
      );
      await sql(`INSERT INTO group_return (partnership_id, round_id, group_id) VALUES ($1, $2, $3)`, [
        partnershipId,
        round.id,
        groupId,
      ]);
      const [{ name: groupName }] = await sql<{ name: string }>(
        `SELECT name FROM operational_group WHERE id = $1`,
        [groupId],
      );
      // The running app's scheduler (every minute in these tests) records the overdue notice.
      const deadline = Date.now() + 80_000;
      while (Date.now() < deadline) {
        const rows = await sql(`SELECT 1 FROM message WHERE recipient_id = $1`, [chair.id]);
        if (rows.length) break;
        await new Promise((r) => setTimeout(r, 500));
      }

      const context = await newContext(browser, { javaScriptEnabled: false });
      const page = await signIn(context, chair);
      await expect.poll(() => page.locator('#messages-link').innerText()).toBe('Messages (1 unread)');
      await page.locator('#messages-link').click();
      await page.waitForURL(/\/messages$/);
      await expectAccessible(page);
      const main = page.locator('main');
      expect(await main.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
        `${groupName} return is overdue`,
      ]);
      const text = await main.innerText();
      expect(text).toContain(`The ${groupName} return for "Autumn return" was due on`);
      expect(text).toMatch(/Return overdue, \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm)\. Not emailed\./);
      expect(text).toContain('Unread');
      expect(text).not.toMatch(/ROUND_|OVERDUE/);
      expect(
        await main.getByRole('link', { name: `${groupName} return is overdue` }).getAttribute('href'),
      ).toMatch(new RegExp(`^/rounds/${round.id}/returns/`));

      await page.getByRole('button', { name: /Mark as read/ }).click();
      await page.waitForURL(/\/messages$/);
      expect(await page.locator('#messages-link').innerText()).toBe('Messages');
      expect(await main.innerText()).toContain('You have read them all.');
      expect(await main.getByRole('button', { name: /Mark as read/ }).count()).toBe(0);
      await context.close();
    },
  );

  test('the administration page says that email is not configured; an empty Messages page', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, { email: inject('adminEmail'), password: inject('adminPassword') });
    await page.goto('/admin');
    await waitForApp(page);
    await expectAccessible(page);
    const banner = page.getByRole('region', { name: 'Email is not configured' });
    expect(await banner.innerText()).toMatch(/Reminders and decisions are not emailed\. They are kept/);
    await context.close();

    // Someone nothing is addressed to: the shared administrator is a strategic lead of every round the
    // other test files open, and may by now have an escalation of an overdue return.
    const member = await createUser('Nell Member', []);
    const memberContext = await newContext(browser);
    const memberPage = await signIn(memberContext, member);
    await memberPage.locator('#messages-link').click();
    await memberPage.waitForURL(/\/messages$/);
    await expectAccessible(memberPage);
    expect(await memberPage.locator('main').innerText()).toContain('You have no messages.');
    await memberContext.close();
  });
});
