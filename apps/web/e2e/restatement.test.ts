import { WebAddRecommendationDocument, WebCreateReviewDocument, WebReviewDocument } from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { boardRecord, roundOverAmberAction } from './rounds';
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
  unique,
  waitForApp,
  type TestUser,
} from './support';

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
  let panel: TestUser;

  beforeAll(async () => {
    browser = await launch();
    lead = await createUser('Lena Lead', ['ADMIN']);
    chair = await createUser('Chidi Chair', []);
    panel = await createUser('Pat Panel', ['DHR_PANEL']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** An action amber when returns were due, and its round closed: the board's record is frozen. */
  const closedRound = () => roundOverAmberAction(lead, chair.id, 'Restated strategy', { closed: true });

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
      const { totals, restatements } = await boardRecord(page, title);
      expect(totals).toMatch(/1 amber/);
      expect(totals).toMatch(/0 green/);
      const rows = restatements.locator('tbody tr');
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
    }, 180_000);
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

  test("a recommendation's back-dated status change: the panel is refused; the lead restates it", async () => {
    const { roundId } = await closedRound();
    const ref = unique('SAR');
    const { createReview } = await gql(
      WebCreateReviewDocument,
      { input: { kind: 'SAR', ref, title: 'Review "Adult M"', confidential: false } },
      panel.token,
    );
    await gql(
      WebAddRecommendationDocument,
      { input: { reviewId: createReview.id, ref: 'R1', text: 'Share risk plans', madeOn: isoDay(-200) } },
      panel.token,
    );
    const { review } = await gql(WebReviewDocument, { id: createReview.id }, panel.token);
    const recommendationId = review!.recommendations[0].id;
    // Recommendations reach every closed round of the partnership: the refusal names the earliest.
    const changeStatus = async (page: Page) => {
      await page.goto(`/reviews/recommendations/${recommendationId}`);
      await waitForApp(page);
      await page.getByLabel('In progress').check();
      await fillDateGroup(page, 'Date it took effect (optional)', isoDay(-25));
      await page.getByRole('button', { name: 'Save status' }).click();
      await expectErrorSummary(page, /The date the status took effect falls in a closed period/);
      expect(await page.locator('.govuk-error-summary a[href="#effectiveOn"]').count()).toBe(1);
      return (await page.locator('#effectiveOn-error').textContent()) ?? '';
    };

    const panelPage = await signIn(await newContext(browser), panel);
    expect(await changeStatus(panelPage)).toMatch(/ask the strategic lead to record the correction/);
    expect(await reasonField(panelPage).count()).toBe(0);
    await expectAccessible(panelPage);

    const page = await signIn(await newContext(browser), lead);
    expect(await changeStatus(page)).toMatch(/give your reason for restating this closed period/);
    await reasonField(page).fill('The panel agreed the plan in time; the change was entered late');
    await page.getByRole('button', { name: 'Save status' }).click();
    await page.getByText('The status has been changed.').waitFor();
    await expectAccessible(page);
    await page.goto(`/board?round=${roundId}`);
    const row = page.getByTestId('restatements').locator('tbody tr', { hasText: `Recommendation R1` });
    expect(await row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toMatch(/open/i);
    expect(text).toMatch(/in progress/);
    expect(text).toContain('Lena Lead');
    expect(text).toContain('The panel agreed the plan in time; the change was entered late');
  });

  test('a measurement for a closed period: the lead restates it from the strategy page', async () => {
    const { plan, title, roundId } = await closedRound();
    const page = await signIn(await newContext(browser), lead);
    await page.goto(`/admin/strategies/${plan.strategyId}`);
    await waitForApp(page);
    await page.getByText('Record a measurement of Referrals to IDVA').click();
    const form = page.locator('form[action="?/measurement"]');
    await fillDateGroup(form, 'Period ending', isoDay(-35));
    await form.getByLabel('Value').fill('19');
    await form.getByRole('button', { name: 'Record measurement' }).click();
    await expectErrorSummary(page, new RegExp(`The period ending date falls in a closed period: “${title}”`));
    const id = `measurement-${plan.indicatorId}`;
    expect(await page.locator(`.govuk-error-summary a[href="#${id}-period"]`).count()).toBe(1);
    expect(await page.locator(`#${id}-period-error`).textContent()).toContain(
      `measurements for periods ending on or before ${longDate(isoDay(-30))}`,
    );
    // The form stays open with what was typed, and the reason field.
    expect(await form.getByLabel('Value').inputValue()).toBe('19');
    await expectAccessible(page);
    await form
      .getByLabel('Reason for restating this closed period')
      .fill('The IDVA service resent its figures');
    await form.getByRole('button', { name: 'Record measurement' }).click();
    await page.waitForURL(/saved=measurement/);
    await page.getByRole('link', { name: "Read the board's record of the closed round" }).click();
    await page.waitForURL(new RegExp(`/board\\?round=${roundId}`));
    const row = page.getByTestId('restatements').locator('tbody tr');
    expect(await row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Indicator "Referrals to IDVA"');
    expect(text).toContain('19');
    expect(text).toContain('The IDVA service resent its figures');
    await expectAccessible(page);
  });
});
