import { CloseReportingRoundDocument, WebOpenReportingRoundDocument } from '@throughline/sdk';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { seedAction, seedGroup, seedPlan, postUpdate } from './fixtures';
import { gql, isoDay, unique, waitForApp, type TestUser } from './support';

/**
 * A reporting round over an action that was amber when returns were due (in progress, "Sessions booked",
 * 40 days ago), opened by the lead: period ending 30 days ago, returns due 20 days ago. `closed`: closed
 * through the API too (the board's record is frozen).
 */
export async function roundOverAmberAction(
  lead: TestUser,
  chairId: string,
  strategyTitle: string,
  opts: { closed?: boolean } = {},
) {
  const plan = await seedPlan(unique(strategyTitle));
  const groupId = await seedGroup(chairId);
  const action = await seedAction(plan, groupId, 'Train housing officers');
  await postUpdate(
    {
      actionId: action.id,
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      progress: 'Sessions booked',
      reportedOn: isoDay(-40),
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
  if (opts.closed) await gql(CloseReportingRoundDocument, { id: openReportingRound.id }, lead.token);
  return { plan, action, title, returnsDueOn, roundId: openReportingRound.id };
}

/**
 * The board's record of the round `title`, just navigated to in `page`: checks its heading and gives
 * the text of its totals and its restatements table.
 */
export async function boardRecord(page: Page, title: string) {
  await waitForApp(page);
  expect(await page.getByTestId('report-heading').textContent()).toContain(`The board's record of ${title}`);
  return {
    totals: (await page.getByTestId('totals').textContent()) ?? '',
    restatements: page.getByTestId('restatements'),
  };
}
