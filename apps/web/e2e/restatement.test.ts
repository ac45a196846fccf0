import {
  CloseReportingRoundDocument,
  WebAddActionUpdateDocument,
  WebOpenReportingRoundDocument,
} from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan } from './fixtures';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  fillDateGroup,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
} from './support';

function isoDay(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/**
 * A progress update dated in a closed round's period (docs/rollup-rules.md, "What a closed period
 * refuses"), made in the browser: refused at the date, naming the round; the strategic lead gives a
 * reason and the correction is recorded, listed in the round's record beside the frozen figure; a group
 * chair is told what to do instead and is offered no reason field.
 */
describe('restating a closed period in the browser', () => {
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

  /** An action amber when returns were due, and its round closed: the board's record is frozen. */
  async function closedRound() {
    const plan = await seedPlan(unique('Restated strategy'));
    const groupId = await seedGroup(chair.id);
    const action = await seedAction(plan, groupId, 'Train housing officers');
    await gql(
      WebAddActionUpdateDocument,
      {
        input: {
          actionId: action.id,
          status: 'IN_PROGRESS',
          rag: 'AMBER',
          progress: 'Sessions booked',
          reportedOn: isoDay(-40),
        },
      },
      lead.token,
    );
    const title = unique('Quarter');
    const returnsDueOn = isoDay(-20);
    const { openReportingRound } = await gql(
      WebOpenReportingRoundDocument,
      { input: { strategyId: plan.strategyId, title, periodEnd: isoDay(-30), returnsDueOn } },
      lead.token,
    );
    await gql(CloseReportingRoundDocument, { id: openReportingRound.id }, lead.token);
    return { action, title, returnsDueOn, roundId: openReportingRound.id };
  }

  /** Fills the update form with a green update dated in the closed period, and sends it. */
  async function backDatedUpdate(page: Page, progress: string) {
    await page.getByLabel('In progress').check();
    await page.getByLabel('Green', { exact: true }).check();
    await page.getByLabel('Progress', { exact: true }).fill(progress);
    await fillDateGroup(page, 'Date of this update', isoDay(-25));
    await page.getByRole('button', { name: 'Add update' }).click();
  }

  const reasonField = (page: Page) => page.getByLabel('Reason for restating this closed period');

  for (const javaScriptEnabled of [true, false]) {
    test(`the strategic lead is refused, gives a reason, and the record lists the restatement (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { action, title, returnsDueOn, roundId } = await closedRound();
      const page = await signIn(await newContext(browser, { javaScriptEnabled }), lead);
      await page.goto(`/actions/${action.id}`);
      await waitForApp(page);
      expect(await reasonField(page).count()).toBe(0);

      await backDatedUpdate(page, 'All officers trained before the deadline');
      await expectErrorSummary(page, new RegExp(`falls in a closed period: “${title}” has been closed`));
      // The refusal is at the date field, and says up to when the period is closed and what to do.
      expect(await page.locator('.govuk-error-summary a[href="#reportedOn"]').count()).toBe(1);
      const atDate = (await page.locator('#reportedOn-error').textContent()) ?? '';
      expect(atDate).toContain(`“${title}”`);
      expect(atDate).toContain(`on or before ${longDate(returnsDueOn)}`);
      expect(atDate).toMatch(/give your reason for restating this closed period/);
      // The reason field is offered; what was typed is kept.
      await reasonField(page).waitFor();
      expect(await page.getByLabel('Progress', { exact: true }).inputValue()).toBe(
        'All officers trained before the deadline',
      );
      expect(await page.locator('.app-update-history').count()).toBe(1);
      await expectAccessible(page);

      // The reason is required: sent blank, the correction is still refused, and the field says so.
      await waitForApp(page);
      await page.getByRole('button', { name: 'Add update' }).click();
      await page
        .locator('.govuk-error-summary', { hasText: 'Enter your reason for restating this closed period' })
        .waitFor();
      expect(await page.locator('.govuk-error-summary a[href="#restatementReason"]').count()).toBe(1);
      expect(await page.locator('#restatementReason-error').textContent()).toMatch(
        /Enter your reason for restating this closed period/,
      );
      expect(await page.locator('.app-update-history').count()).toBe(1);
      await expectAccessible(page);

      await reasonField(page).fill('The group finished the training in time but reported it late');
      await page.getByRole('button', { name: 'Add update' }).click();
      await page.locator('.govuk-notification-banner--success').waitFor();
      expect(await page.locator('.app-update-history').count()).toBe(2);
      expect(await page.locator('.app-update-history').first().textContent()).toMatch(
        /All officers trained before the deadline/,
      );
      await expectAccessible(page);

      // The round's record: the frozen figure, and the restatement beside it (what, who, when, why).
      await page.getByRole('link', { name: "Read the board's record of the closed round" }).click();
      await page.waitForURL(new RegExp(`/board\\?round=${roundId}`));
      await waitForApp(page);
      expect(await page.getByTestId('report-heading').textContent()).toContain(`The board's record of ${title}`);
      const totals = (await page.getByTestId('totals').textContent()) ?? '';
      expect(totals).toMatch(/1 amber/);
      expect(totals).toMatch(/0 green/);
      const rows = page.getByTestId('restatements').locator('tbody tr');
      expect(await rows.count()).toBe(1);
      const row = (await rows.textContent()) ?? '';
      expect(row).toContain(action.ref);
      expect(row).toContain(`progress update dated ${isoDay(-25)}`);
      expect(row).toMatch(/in progress, amber/);
      expect(row).toMatch(/in progress, green/);
      expect(row).toContain('Lena Lead');
      expect(row).toContain(longDate(isoDay(0)));
      expect(row).toContain('The group finished the training in time but reported it late');
      await expectAccessible(page);
    });
  }

  test('a group chair is refused with what to do, and no reason field', async () => {
    const { action, title, returnsDueOn, roundId } = await closedRound();
    const page = await signIn(await newContext(browser), chair);
    await page.goto(`/actions/${action.id}`);
    await waitForApp(page);

    await backDatedUpdate(page, 'Trained everyone last month');
    await expectErrorSummary(page, new RegExp(`falls in a closed period: “${title}” has been closed`));
    const atDate = (await page.locator('#reportedOn-error').textContent()) ?? '';
    expect(atDate).toContain(`Choose a date after ${longDate(returnsDueOn)}`);
    expect(atDate).toMatch(/ask the strategic lead to record the correction/);
    expect(atDate).not.toMatch(/reason/);
    expect(await reasonField(page).count()).toBe(0);
    expect(await page.locator('textarea[name="restatementReason"]').count()).toBe(0);
    expect(await page.locator('.app-update-history').count()).toBe(1);
    await expectAccessible(page);

    // Dated after the closed period, the same update is accepted, and nothing is restated.
    await fillDateGroup(page, 'Date of this update', isoDay(0));
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    expect(await page.locator('.app-update-history').count()).toBe(2);
    await page.goto(`/board?round=${roundId}`);
    await waitForApp(page);
    expect(await page.getByTestId('restatements').textContent()).toMatch(
      /Nothing has been restated since the board saw this record/,
    );
    await expectAccessible(page);
  });
});
