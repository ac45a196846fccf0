import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postUpdate } from './fixtures';
import { boardRecord, roundOverAmberAction } from './rounds';
import {
  createUser,
  expectAccessible,
  isoDay,
  launch,
  newContext,
  signIn,
  waitForApp,
  type TestUser,
} from './support';

/**
 * Closing a round and the board's record of it (docs/rollup-rules.md, "Closed periods and
 * restatements"): the strategic lead closes the round after a confirmation; a correction is restated
 * later; a board member opens the last round's record and finds the restatement beside it.
 */
describe("a closed round's record in the browser", () => {
  let browser: Browser;
  let lead: TestUser;
  let boardMember: TestUser;

  beforeAll(async () => {
    browser = await launch();
    lead = await createUser('Lena Lead', ['ADMIN']);
    boardMember = await createUser('Bola Board', ['BOARD']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`the lead closes a round; the board reads its record and a restatement (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const chair = await createUser('Chidi Chair', []);
      const { plan, action, title, roundId } = await roundOverAmberAction(lead, chair.id, 'Record strategy');

      // A board member is offered no closing (the round's viewerCan.close is false for them), and the
      // close page says who may close it, with no form.
      const boardPage = await signIn(await newContext(browser, { javaScriptEnabled }), boardMember);
      await boardPage.goto(`/rounds/${roundId}`);
      await waitForApp(boardPage);
      expect(await boardPage.locator('h1').textContent()).toContain(title);
      expect(await boardPage.getByRole('button', { name: 'Close this round' }).count()).toBe(0);
      await boardPage.goto(`/rounds/${roundId}/close`);
      await waitForApp(boardPage);
      await boardPage.getByText('Only an admin can close a round').waitFor();
      expect(await boardPage.getByRole('button', { name: `Yes, close ${title}` }).count()).toBe(0);

      // The lead closes the round from its page, after a confirmation.
      const leadPage = await signIn(await newContext(browser, { javaScriptEnabled }), lead);
      await leadPage.goto(`/rounds/${roundId}`);
      await waitForApp(leadPage);
      await leadPage.getByRole('button', { name: 'Close this round' }).click();
      await leadPage.waitForURL(/\/close$/);
      await waitForApp(leadPage);
      expect(await leadPage.locator('h1').textContent()).toContain(`Close ${title}?`);
      await expectAccessible(leadPage);
      await leadPage.getByRole('button', { name: `Yes, close ${title}` }).click();
      await leadPage.waitForURL(/closed=1/);
      await leadPage.getByText(`${title} is closed. Its record is frozen.`).waitFor();
      expect(await leadPage.locator('main').textContent()).toMatch(/Read the board's record/);
      await expectAccessible(leadPage);

      // A back-dated correction, restated by the lead with a reason.
      await postUpdate(
        {
          actionId: action.id,
          status: 'COMPLETE',
          progress: 'All officers trained before the deadline',
          reportedOn: isoDay(-25),
          restatementReason: 'The group reported completion late',
        },
        lead.token,
      );

      // The board member opens the last round's record from the board page.
      await boardPage.goto(`/board?strategy=${plan.strategyId}`);
      await waitForApp(boardPage);
      const views = boardPage.getByTestId('board-views');
      expect(await views.getByRole('link', { name: 'What changed since' }).getAttribute('href')).toBe(
        `/board/changes?strategy=${plan.strategyId}`,
      );
      await views.getByRole('link', { name: `The board's record of ${title}` }).click();
      await boardPage.waitForURL(new RegExp(`round=${roundId}`));
      const { totals, restatements: restated } = await boardRecord(boardPage, title);
      // The frozen figure: the action was in progress when returns were due.
      expect(totals).toMatch(/1 amber/);
      expect(totals).toMatch(/0 complete/);
      expect(await restated.locator('h2').textContent()).toBe('Restated since the board saw it');
      const row = restated.locator('tbody tr');
      expect(await row.count()).toBe(1);
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(action.ref);
      expect(text).toMatch(/in progress, amber/);
      expect(text).toMatch(/complete/);
      expect(text).toContain('Lena Lead');
      expect(text).toContain('The group reported completion late');
      expect(
        await boardPage.getByRole('link', { name: /Download the board pack \(PDF\)/ }).getAttribute('href'),
      ).toBe(`/reports/board-pack?round=${roundId}&format=pdf`);
      await expectAccessible(boardPage);
    });
  }
});
