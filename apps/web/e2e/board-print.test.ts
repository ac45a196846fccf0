import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, type Plan, postUpdate } from './fixtures';
import {
  createUser,
  expectAccessible,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
} from './support';

describe('the board report prints well', () => {
  let browser: Browser;
  let board: TestUser;
  let plan: Plan;

  beforeAll(async () => {
    browser = await launch();
    const chair = await createUser('Priya Chair', []);
    board = await createUser('Bram Board', ['BOARD']);
    plan = await seedPlan(unique('Printed plan'));
    const groupId = await seedGroup(chair.id);
    const action = await seedAction(plan, groupId, 'Train frontline staff to spot coercive control');
    await postUpdate({
      actionId: action.id,
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      reportedOn: '2025-09-30',
      progress: 'Training under way',
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the board report prints: no navigation, whole content, dated heading, RAG in words', async () => {
    const context = await newContext(browser);
    const page = await signIn(context, board);
    await page.goto(`/board?strategy=${plan.strategyId}&asOf=2026-03-31`);
    await waitForApp(page);
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.textContent()).toMatch(/as of 31 March 2026/);
    const printLink = page.getByRole('link', { name: 'Print this report' });
    expect(await printLink.isVisible()).toBe(true);
    await expectAccessible(page);

    await page.emulateMedia({ media: 'print' });
    for (const hidden of [
      page.getByRole('navigation', { name: 'Menu' }),
      page.locator('header'),
      page.locator('footer'),
      page.getByRole('button', { name: 'Sign out' }),
      page.getByRole('button', { name: 'Show' }),
      printLink,
      page.getByRole('link', { name: /Trend over the quarters/ }).first(),
    ]) {
      expect(await hidden.isVisible(), `${hidden} is printed`).toBe(false);
    }
    expect(await heading.isVisible()).toBe(true);
    expect(await heading.textContent()).toMatch(/as of 31 March 2026/);
    const objective = page.getByTestId(`objective-${plan.objectiveCode}`);
    expect(await objective.isVisible()).toBe(true);
    // RAG as a word, not colour alone.
    expect(await objective.textContent()).toMatch(/Overall rating, from its actions' ratings:\s*Amber/);
    expect(await page.getByRole('heading', { name: 'Coverage by ecological level' }).isVisible()).toBe(true);
    // Tables repeat their headings on each sheet and keep rows whole.
    const styles = await page.evaluate(() => ({
      thead: getComputedStyle(document.querySelector('thead')!).display,
      row: getComputedStyle(document.querySelector('tbody tr')!).breakInside,
      heading: getComputedStyle(document.querySelector('main h3')!).breakAfter,
      wrapper: getComputedStyle(document.querySelector('.app-table-wrapper')!).overflowX,
      width: getComputedStyle(document.querySelector('.govuk-width-container')!).maxWidth,
    }));
    expect(styles).toEqual({
      thead: 'table-header-group',
      row: 'avoid',
      heading: 'avoid',
      // On screen wide tables scroll in their box; on paper that would cut columns off.
      wrapper: 'visible',
      width: 'none',
    });
    // And Chromium really prints it.
    const pdf = await page.pdf({ format: 'A4', tagged: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    expect(await printLink.isVisible()).toBe(true);

    // Without JavaScript the link leads to the same report with a note on printing it.
    const noJs = await newContext(browser, { javaScriptEnabled: false });
    const plain = await signIn(noJs, board);
    await plain.goto(`/board?strategy=${plan.strategyId}`);
    await plain.getByRole('link', { name: 'Print this report' }).click();
    await plain.waitForURL(/print=1/);
    expect(await plain.locator('.govuk-inset-text').textContent()).toMatch(
      /use your browser's Print command/,
    );
    await expectAccessible(plain);
    await noJs.close();
    await context.close();
  });
});
