import ExcelJS from 'exceljs';
import {
  WebAddMilestoneDocument,
  WebAddRecommendationDocument,
  WebCreateReviewDocument,
} from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  type TestUser,
  fillDateGroup,
} from './support';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe("the DHR panel works a review's action plan to completion", () => {
  let browser: Browser;
  let panel: TestUser;
  let board: TestUser;

  beforeAll(async () => {
    browser = await launch();
    panel = await createUser('Priya Panel', ['DHR_PANEL']);
    board = await createUser('Ben Board', ['BOARD']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function seed() {
    const ref = unique('DARDR');
    const { createReview } = await gql(
      WebCreateReviewDocument,
      { input: { kind: 'DHR', ref, title: 'Review into the death of "Adult B"', confidential: true } },
      panel.token,
    );
    const { addRecommendation } = await gql(
      WebAddRecommendationDocument,
      {
        input: {
          reviewId: createReview.id,
          ref: 'R1',
          text: 'Train call handlers on risk',
          agency: 'Police',
          madeOn: daysAgo(30),
        },
      },
      panel.token,
    );
    await gql(
      WebAddMilestoneDocument,
      {
        input: {
          recommendationId: addRecommendation.id,
          title: 'Training pack agreed',
          targetOn: daysAgo(5),
        },
      },
      panel.token,
    );
    return { id: createReview.id, ref };
  }

  for (const javaScriptEnabled of [false, true]) {
    test(`records a response, completes a milestone, marks implemented and exports the plan (JavaScript ${
      javaScriptEnabled ? 'on' : 'off'
    })`, async () => {
      const review = await seed();
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await signIn(context, panel);
      await page.goto(`/reviews/${review.id}`);
      await page.getByRole('link', { name: /Action plan: milestones, agency responses/ }).click();
      await page.waitForURL(`**/reviews/${review.id}/plan`);
      expect(await page.locator('main').textContent()).toMatch(/Training pack agreed, by .*Overdue/);
      await expectAccessible(page);

      // A response with no text is refused, saying what to do.
      await page.getByText('Record an agency response').click();
      await fillDateGroup(page, 'Date of the response', daysAgo(2));
      await page.locator('form[action="?/respond"] button').click();
      await expectErrorSummary(page, /Enter what the agency said/);
      await expectAccessible(page);

      await page
        .getByLabel('What the agency said')
        .fill('Accepted; training for all call handlers by spring.');
      await page.locator('form[action="?/respond"] button').click();
      await page.getByText('The agency response has been recorded.').waitFor();
      expect(await page.locator('main').textContent()).toMatch(
        /Police, .*: Accepted; training for all call handlers by spring\.\s*\(recorded by Priya Panel\)/,
      );

      await page.getByRole('button', { name: /Mark as completed.*Training pack agreed/ }).click();
      await page.getByText('The milestone has been marked as completed.').waitFor();
      expect(await page.locator('main').textContent()).toMatch(/Training pack agreed, by .*Completed/);

      await page.getByText('Mark as implemented').first().click();
      await page
        .getByLabel('Evidence that it has been implemented')
        .fill('Training records: 48 of 50 trained.');
      // Back-dated to when it took effect (issue 16): the recommendation's history says so.
      await fillDateGroup(page, 'Date it was implemented (optional)', daysAgo(1));
      await page.locator('form[action="?/implemented"] button').click();
      await page.getByText('The recommendation has been marked as implemented.').waitFor();
      expect(await page.locator('main').textContent()).toMatch(/Training records: 48 of 50 trained\./);
      await expectAccessible(page);
      const recId = (await page.locator('section[id^="rec-"]').first().getAttribute('id'))!.slice(4);
      const recPage = await context.newPage();
      await recPage.goto(`/reviews/recommendations/${recId}`);
      const took = new Date(Date.now() - 86_400_000).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      expect(await recPage.locator('main').textContent()).toContain(`Took effect ${took}`);
      await recPage.close();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download the action plan as a spreadsheet (XLSX)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^action-plan-${review.ref}-.*\\.xlsx$`));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      const row = (wb.worksheets[0].getRow(2).values as unknown[]).slice(1).map(String);
      expect(row[0]).toBe('R1: Train call handlers on risk');
      expect(row[4]).toMatch(/^Training pack agreed \(by .*; done /);
      expect(row[7]).toBe('Implemented');
      expect(row[8]).toMatch(/Police: Accepted; training for all call handlers/);
      await context.close();
    });
  }

  test('a confidential plan is not there for the board', async () => {
    const review = await seed();
    const context = await newContext(browser);
    const page = await signIn(context, board);
    const res = await page.goto(`/reviews/${review.id}/plan`);
    expect(res?.status()).toBe(404);
    const file = await page.request.get(`/api/reviews/${review.id}/action-plan.docx`);
    expect(file.status()).toBe(404);
    await context.close();
  });
});
