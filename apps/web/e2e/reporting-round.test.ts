import { WebGroupReturnDocument } from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, type Plan } from './fixtures';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  fillDateGroup,
  gql,
  isoDay,
  launch,
  newContext,
  signIn,
  waitForApp,
  type TestUser,
} from './support';

/** The lead opens a round from the form; returns the round's overview page address. */
async function openRound(page: Page, plan: Plan, strategyTitle: string, title: string): Promise<string> {
  await page.goto('/rounds/new');
  await waitForApp(page);
  await expectAccessible(page);
  await page.getByLabel('Strategy').selectOption({ label: strategyTitle });
  await page.getByLabel('Title').fill(title);
  await fillDateGroup(page, 'Last day of the period', isoDay(-1));
  await fillDateGroup(page, 'Returns due', isoDay(14));
  await page.getByRole('button', { name: 'Open round' }).click();
  await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
  void plan;
  return new URL(page.url()).pathname;
}

const statusOf = async (page: Page) => (await page.getByTestId('return-status').textContent())?.trim();

describe('a reporting round in the browser', () => {
  let browser: Browser;
  let lead: TestUser;
  let chair: TestUser;

  beforeAll(async () => {
    browser = await launch();
    lead = await createUser('Lena Lead', ['ADMIN']);
    chair = await createUser('Chidi Chair', []);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`open, update on one page, submit, send back, resubmit, approve (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const strategyTitle = `Round strategy ${javaScriptEnabled ? 'on' : 'off'} ${Math.random().toString(36).slice(2, 6)}`;
      const plan = await seedPlan(strategyTitle);
      const groupId = await seedGroup(chair.id);
      const a1 = await seedAction(plan, groupId, 'Train housing officers');
      const a2 = await seedAction(plan, groupId, 'Fund a refuge worker');

      const leadPage = await signIn(await newContext(browser, { javaScriptEnabled }), lead);
      const overview = await openRound(leadPage, plan, strategyTitle, 'Quarter 2');
      // The lead's overview: every group's return at a glance.
      const row = leadPage.locator('tr', { hasText: /Early help group/ });
      expect(await row.textContent()).toMatch(/Not started\s*2 of 2\s*Not yet/);
      await expectAccessible(leadPage);

      // The chair finds the return on the home page.
      const chairPage = await signIn(await newContext(browser, { javaScriptEnabled }), chair);
      await chairPage.goto('/');
      await waitForApp(chairPage);
      expect(await chairPage.locator('main').textContent()).toMatch(/What is due from me/);
      const link = chairPage.locator(`a[href^="${overview}/returns/"]`);
      expect(await link.locator('xpath=ancestor::tr').textContent()).toMatch(/Not started\s*2 of 2/);
      await link.click();
      await chairPage.waitForURL(/\/returns\//);
      await waitForApp(chairPage);
      await expectAccessible(chairPage);

      // Submitting with A2 not updated: refused, naming it.
      await chairPage.locator(`#status-${a1.id}-2`).check();
      await chairPage.locator(`#rag-${a1.id}-3`).check();
      await chairPage.getByLabel(`Progress on ${a1.ref}`).fill('Two sessions held; 40 officers trained.');
      await chairPage.getByRole('button', { name: 'Save and submit return' }).click();
      await expectErrorSummary(chairPage, new RegExp(a2.ref));
      await expectAccessible(chairPage);

      // A1 was saved by that attempt: save and come back later leaves the return in progress.
      await chairPage.goto(new URL(chairPage.url()).pathname);
      await waitForApp(chairPage);
      expect(await statusOf(chairPage)).toMatch(/In progress/);
      const a1Section = chairPage.locator('section', { hasText: `${a1.ref}:` });
      expect(await a1Section.textContent()).toMatch(/Updated for this round/);
      expect(await a1Section.textContent()).toMatch(/40 officers trained/);

      // "No change" for A2 in one tick, then submit.
      await chairPage.getByLabel(`No change since the last return for ${a2.ref}`).check();
      await chairPage.getByRole('button', { name: 'Save and submit return' }).click();
      await chairPage.getByText('The return has been submitted for sign-off.').waitFor();
      expect(await statusOf(chairPage)).toMatch(/Waiting for sign-off/);
      // The chair submitted it, so the chair is not offered the sign-off.
      expect(await chairPage.getByRole('button', { name: 'Approve return' }).count()).toBe(0);
      const returnPath = new URL(chairPage.url()).pathname;

      // The lead sends it back with a comment (a blank comment is refused first).
      await leadPage.goto(overview);
      expect(await leadPage.locator('tr', { hasText: /Early help group/ }).textContent()).toMatch(
        /Waiting for sign-off\s*0 of 2/,
      );
      await leadPage.goto(returnPath);
      await waitForApp(leadPage);
      await expectAccessible(leadPage);
      await leadPage.getByRole('button', { name: 'Send back to the group' }).click();
      await expectErrorSummary(leadPage, /why it is sent back/i);
      await leadPage.getByLabel(/Comment/).fill('Say how many officers are still to be trained.');
      await leadPage.getByRole('button', { name: 'Send back to the group' }).click();
      await leadPage.getByText('The return has been sent back to the group.').waitFor();

      // The chair sees why, adds to A1 and resubmits.
      await chairPage.goto(returnPath);
      await waitForApp(chairPage);
      expect(await statusOf(chairPage)).toMatch(/Sent back/);
      expect(await chairPage.locator('main').textContent()).toMatch(/still to be trained/);
      await chairPage.getByLabel(`Progress on ${a1.ref}`).fill('40 trained, 60 still to be trained.');
      await chairPage.getByRole('button', { name: 'Save and submit return' }).click();
      await chairPage.getByText('The return has been submitted for sign-off.').waitFor();

      await leadPage.goto(returnPath);
      await waitForApp(leadPage);
      await leadPage.getByRole('button', { name: 'Approve return' }).click();
      await leadPage.getByText('The return has been approved.').waitFor();
      expect(await statusOf(leadPage)).toMatch(/Approved/);
      await leadPage.goto(overview);
      expect(await leadPage.locator('tr', { hasText: /Early help group/ }).textContent()).toMatch(/Approved/);

      // What the pages did reached the API: two updates on A1 in the window, one no-change on A2.
      const returnId = returnPath.split('/').pop()!;
      const { groupReturn } = await gql(WebGroupReturnDocument, { id: returnId }, lead.token);
      expect(groupReturn?.status).toBe('APPROVED');
      const byId = new Map(groupReturn!.actions.map((a) => [a.id, a]));
      expect(byId.get(a1.id)).toMatchObject({ status: 'IN_PROGRESS', rag: 'GREEN' });
      expect(byId.get(a2.id)?.latestUpdate?.progress).toBe('No change since the last return.');
    });
  }
});
