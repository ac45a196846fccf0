import {
  type ActionStatus,
  type Rag,
  WebRecordFeedbackDocument,
  WebRecordMeasurementDocument,
  WebRespondToFeedbackDocument,
} from '@throughline/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from './database';
import { seedAction, seedGroup, seedPlan, type Plan, postUpdate } from './fixtures';
import {
  admin,
  createUser,
  expectAccessible,
  expectErrorSummary,
  fillDate,
  gql,
  isoDay,
  launch,
  newContext,
  signIn,
  unique,
  waitForApp,
  type TestUser,
} from './support';

// A board member opens the board, follows "What changed since the last closed round", reads the lines
// of what changed after that round's returns were due, and follows one to its record; with
// JavaScript on and off. Dates they type are checked, with the error summary naming the field.

describe('what changed since the last closed round', () => {
  let browser: Browser;
  let board: TestUser;
  let plan: Plan;
  let worsened: { id: string; ref: string };
  let done: { id: string; ref: string };
  let quiet: { id: string; ref: string };
  const forum = unique('Survivor forum');

  beforeAll(async () => {
    browser = await launch();
    board = await createUser('Bo Board', ['BOARD']);
    const chair = await createUser('Cy Chair', []);
    plan = await seedPlan(unique('Changes plan'));
    const groupId = await seedGroup(chair.id);
    worsened = await seedAction(plan, groupId, 'Train housing officers');
    done = await seedAction(plan, groupId, 'Fund a refuge worker');
    quiet = await seedAction(plan, groupId, 'Map local services');
    const token = await admin();
    const update = (actionId: string, reportedOn: string, status: ActionStatus, rag: Rag) =>
      postUpdate({ actionId, reportedOn, status, rag, progress: 'Progress noted' }, token);
    // Before the round: both in progress. After it: one worse, one complete; the third unchanged.
    await update(worsened.id, isoDay(-60), 'IN_PROGRESS', 'GREEN');
    await update(done.id, isoDay(-60), 'IN_PROGRESS', 'AMBER');
    await update(quiet.id, isoDay(-60), 'IN_PROGRESS', 'GREEN');
    await update(worsened.id, isoDay(-10), 'IN_PROGRESS', 'RED');
    await update(done.id, isoDay(-5), 'COMPLETE', 'GREEN');
    await gql(
      WebRecordMeasurementDocument,
      { input: { indicatorId: plan.indicatorId, period: isoDay(-20), value: 18 } },
      token,
    );
    const { recordFeedback } = await gql(
      WebRecordFeedbackDocument,
      { input: { forum, receivedOn: isoDay(-45), summary: 'We want quicker help' } } as never,
      token,
    );
    await gql(
      WebRespondToFeedbackDocument,
      {
        input: {
          feedbackId: recordFeedback.id,
          response: 'A duty worker now answers',
          respondedOn: isoDay(-3),
        },
      },
      token,
    );
    // The last closed round (closing rounds is not this page's business): its returns were due 30 days ago.
    const [s] = await sql<{ partnership_id: string }>('SELECT partnership_id FROM strategy WHERE id = $1', [
      plan.strategyId,
    ]);
    const lead = await createUser('Lu Lead', ['ADMIN']);
    await sql(
      `INSERT INTO reporting_round (partnership_id, strategy_id, title, period_end, returns_due_on, status, closed_at, opened_by_id)
       VALUES ($1, $2, 'Spring round', $3, $4, 'CLOSED', now(), $5)`,
      [s.partnership_id, plan.strategyId, isoDay(-40), isoDay(-30), lead.id],
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function journey(page: Page) {
    await page.goto(`/board?strategy=${plan.strategyId}`);
    await waitForApp(page);
    await page.getByRole('link', { name: 'What changed since the last closed round' }).click();
    await page.waitForURL(/\/board\/changes\?/);
    await waitForApp(page);
    const heading = await page.getByTestId('changes-heading').textContent();
    expect(heading).toMatch(/What changed after/);
    expect(await page.locator('body').textContent()).toMatch(/the last closed round,\s+Spring round/);

    const section = (name: RegExp) => page.getByRole('region', { name });
    const ratings = section(/^Ratings and statuses changed \(2 actions\)/);
    expect(await ratings.textContent()).toMatch(
      new RegExp(`${worsened.ref}: Train housing officers:.*Green.*to.*Red`, 's'),
    );
    expect(await ratings.textContent()).toMatch(
      new RegExp(`${done.ref}: Fund a refuge worker:.*In progress.*to.*Complete`, 's'),
    );
    expect(await ratings.textContent()).not.toMatch(new RegExp(quiet.ref));
    expect(await section(/^Newly completed \(1 action\)/).textContent()).toMatch(new RegExp(done.ref));
    expect(await section(/^New actions \(0 actions\)/).textContent()).toMatch(/No action was agreed\./);
    expect(await section(/^Due dates revised \(0 actions\)/).textContent()).toMatch(
      /No due date was revised\./,
    );
    expect(await section(/^Indicators with new values \(1 indicator\)/).textContent()).toMatch(
      /Referrals to IDVA:\s+18 for .*, was 15 for 30 June 2025/,
    );
    expect(await section(/^Survivor feedback answered/).textContent()).toMatch(
      new RegExp(`Feedback from ${forum}`),
    );
    await expectAccessible(page);

    // Each line leads to its record.
    await ratings.getByRole('link', { name: `${worsened.ref}: Train housing officers` }).click();
    await page.waitForURL(new RegExp(`/actions/${worsened.id}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Train housing officers/);
  }

  test('a board member follows "what changed since" to an action (JavaScript on)', async () => {
    const context = await newContext(browser);
    await journey(await signIn(context, board));
    await context.close();
  });

  test('and with JavaScript off', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    await journey(await signIn(context, board));
    await context.close();
  });

  test('other dates from the form; a "from" after "to" is named in the error summary', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, board);
    await page.goto(`/board/changes?strategy=${plan.strategyId}`);
    // Only the last week: the completion and the answer, not the worsening ten days ago.
    await fillDate(page, 'from', isoDay(-7));
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.waitForURL(/from-day=/);
    const ratings = page.getByRole('region', { name: /^Ratings and statuses changed \(1 action\)/ });
    expect(await ratings.textContent()).toMatch(new RegExp(done.ref));
    expect(await ratings.textContent()).not.toMatch(new RegExp(worsened.ref));
    expect(
      await page.getByRole('region', { name: /^Indicators with new values \(0 indicators\)/ }).textContent(),
    ).toMatch(/No indicator has a new value\./);
    await expectAccessible(page);

    await fillDate(page, 'from', isoDay(-1));
    await fillDate(page, 'to', isoDay(-2));
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.waitForURL(/to-day=/);
    await expectErrorSummary(page, /"from" \(.*\) must be on or before "to"/);
    await page.locator('.govuk-error-summary a[href="#from"]').waitFor();
    await expectAccessible(page);

    await page.goto(`/board/changes?strategy=${plan.strategyId}&from=2026-02-31`);
    await expectErrorSummary(page, /The "changes after" date must be a real date/);
    await context.close();
  });
});
