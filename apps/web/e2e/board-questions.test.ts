import {
  WebAddRecommendationDocument,
  WebCreateReviewDocument,
  WebCreateStrategyDocument,
  WebReviewDocument,
  WebUpdateReviewDocument,
} from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, type Plan, postUpdate } from './fixtures';
import {
  admin,
  createUser,
  expectAccessible,
  gql,
  launch,
  newContext,
  signIn,
  unique,
  type TestUser,
} from './support';

// The board asks "why is this red?": every count opens the actions behind it, exceptions carry what the
// groups last said, the rating says how it is worked out. With JavaScript on and off.
describe('the board reads the roll-up and follows its numbers to the actions', () => {
  let browser: Browser;
  let board: TestUser;
  let member: TestUser;
  let plan: Plan;
  let red: { id: string; ref: string };
  let draftTitle: string;

  beforeAll(async () => {
    browser = await launch();
    board = await createUser('Bea Board', ['BOARD']);
    member = await createUser('Mo Member', []);
    const chair = await createUser('Chi Chair', []);
    plan = await seedPlan();
    const groupId = await seedGroup(chair.id, [member.id]);
    red = await seedAction(plan, groupId, 'Open a refuge for older women');
    const green = await seedAction(plan, groupId, 'Train housing officers');
    const token = await admin();
    const post = (actionId: string, rag: 'RED' | 'GREEN', progress: string, impact: string) =>
      postUpdate({ actionId, status: 'IN_PROGRESS', rag, progress, impact, reportedOn: '2025-10-01' }, token);
    await post(red.id, 'RED', 'The site fell through; looking for another.', 'None yet.');
    await post(green.id, 'GREEN', 'Forty officers trained.', 'More referrals from housing.');
    // A newer strategy that has not started: the board must not open it by default, and says it is a draft.
    draftTitle = unique('Draft strategy');
    await gql(WebCreateStrategyDocument, { input: { title: draftTitle, startsOn: '2099-04-01' } }, token);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openBoard(page: Page) {
    await page.goto(`/board?strategy=${plan.strategyId}`);
    return page.getByTestId(`objective-${plan.objectiveCode}`);
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`counts link to their actions; exceptions, chart and rule are shown (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await signIn(context, board);

      // /board opens a strategy in force, never the draft; the picker labels the draft.
      await page.goto('/board');
      expect(await page.getByTestId('report-heading').textContent()).not.toContain(draftTitle);
      expect(await page.locator('#strategy option', { hasText: draftTitle }).textContent()).toMatch(
        /\(draft: starts 1 April 2099\)/,
      );

      const line = await openBoard(page);
      // One red and one green: Amber, and the page says how, with the red counted in it.
      expect(await line.textContent()).toMatch(/Overall rating, from its actions' ratings:\s*Amber/);
      expect(await page.getByTestId(`rule-${plan.objectiveCode}`).textContent()).toMatch(
        /The average is 50%, with 1 red action counted in it: Green at \d+% or more, Amber at \d+% or more/,
      );
      expect(await page.locator('main').textContent()).not.toMatch(/Derived RAG|Score:/);

      // The chart has a text alternative and the same numbers in a table.
      expect(await page.locator('svg[role="img"] title', { hasText: 'Actions by RAG rating' }).count()).toBe(
        1,
      );
      const chartRow = page.getByTestId('rag-chart-table').locator('tr', { hasText: plan.objectiveCode });
      expect((await chartRow.locator('td').allTextContents()).map((t) => t.trim())).toEqual([
        '1',
        '0',
        '1',
        '0',
      ]);

      // Exceptions: the red action with what it last said.
      const reds = page.getByTestId('exception-list-red');
      expect(await reds.textContent()).toMatch(new RegExp(`${red.ref}: Open a refuge for older women`));
      expect(await reds.textContent()).toMatch(
        /The site fell through; looking for another\..*Impact: None yet\./s,
      );
      await expectAccessible(page);

      // Every count opens the actions behind it, and the list agrees with the count.
      await line.getByRole('link', { name: '1 red' }).click();
      await page.waitForURL(/\/actions\?/);
      expect(await page.getByRole('status').textContent()).toMatch(/^\s*1\s+action found/);
      expect(await page.locator('main table').textContent()).toContain(red.ref);
      await expectAccessible(page);
      await openBoard(page);
      await line.getByRole('link', { name: '2 actions' }).click();
      await page.waitForURL(/\/actions\?/);
      expect(await page.getByRole('status').textContent()).toMatch(/^\s*2\s+actions found/);
      await context.close();
    });
  }

  test('forms say who may use them before anyone types', async () => {
    const boardContext = await newContext(browser, { javaScriptEnabled: false });
    const boardPage = await signIn(boardContext, board);
    for (const [path, title] of [
      ['/reviews/new', 'You cannot add a review'],
      ['/voice/new', 'You cannot record feedback'],
    ]) {
      await boardPage.goto(path);
      expect(await boardPage.getByTestId('not-allowed').textContent()).toContain(title);
      expect(await boardPage.locator('main form[method="POST"]').count()).toBe(0);
      await expectAccessible(boardPage);
    }
    await boardContext.close();

    const context = await newContext(browser);
    const page = await signIn(context, member);
    await page.goto(`/actions/${red.id}/edit`);
    const notice = page.getByTestId('not-allowed');
    expect(await notice.textContent()).toMatch(/You cannot edit this action.*chair or coordinator/s);
    expect(await notice.getByRole('link', { name: 'add a progress update' }).count()).toBe(1);
    expect(await page.locator('main form[method="POST"]').count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });

  test('values are shown in words, never as codes', async () => {
    const panel = await createUser('Pat Panel', ['DHR_PANEL']);
    const { createReview } = await gql(
      WebCreateReviewDocument,
      { input: { kind: 'OTHER', ref: unique('R'), title: 'Learning review', confidential: false } },
      panel.token,
    );
    const { review } = await gql(WebReviewDocument, { id: createReview.id }, panel.token);
    await gql(
      WebUpdateReviewDocument,
      { id: createReview.id, version: review!.version, input: { qaOutcome: 'APPROVED', qaOn: '2025-09-01' } },
      panel.token,
    );
    const { addRecommendation } = await gql(
      WebAddRecommendationDocument,
      { input: { reviewId: createReview.id, ref: 'R1', text: 'Share risk information', scope: 'LOCAL' } },
      panel.token,
    );
    const context = await newContext(browser);
    const page = await signIn(context, panel);
    for (const path of [
      `/reviews/${createReview.id}`,
      `/reviews/recommendations/${addRecommendation.id}`,
      '/reviews',
    ]) {
      await page.goto(path);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text, path).not.toMatch(
        /\b(APPROVED|RESUBMIT|LOCAL|REGIONAL|NATIONAL|ASSURED|OTHER|IN_PROGRESS|NOT_STARTED)\b/,
      );
    }
    await page.goto(`/reviews/${createReview.id}`);
    expect(await page.locator('main').textContent()).toMatch(/Approved on 1 September 2025/);
    await page.goto(`/reviews/recommendations/${addRecommendation.id}`);
    expect(await page.locator('main').textContent()).toMatch(/Scope\s*Local/);
    await context.close();
  });
});
