import { WebRecordFeedbackDocument, WebRespondToFeedbackDocument } from '@throughline/sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, postUpdate } from './fixtures';
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
} from './support';

const today = () => new Date().toISOString().slice(0, 10);

// Redaction (docs/security.md, "Redaction"): choose the words, give the reason, confirm.
describe('redacting identifying words after the fact', () => {
  let browser: Browser;
  let facilitator: TestUser;
  let chair: TestUser;
  let forum: string;
  let actionId: string;

  beforeAll(async () => {
    browser = await launch();
    facilitator = await createUser('Fran Facilitator', ['FACILITATOR']);
    chair = await createUser('Cai Chair', []);
    const plan = await seedPlan();
    forum = unique('Survivors forum');
    const { recordFeedback } = await gql(
      WebRecordFeedbackDocument,
      {
        input: {
          forum,
          receivedOn: today(),
          summary: 'Ottoline Brambury said the refuge waiting list is too long.',
          objectiveIds: [plan.objectiveId],
        },
      },
      facilitator.token,
    );
    await gql(
      WebRespondToFeedbackDocument,
      {
        input: {
          feedbackId: recordFeedback.id,
          response: 'Ottoline Brambury now gets a letter every fortnight.',
        },
      },
      facilitator.token,
    );
    const groupId = await seedGroup(chair.id);
    actionId = (await seedAction(plan, groupId, 'Refuge outreach')).id;
    await postUpdate(
      {
        actionId,
        status: 'IN_PROGRESS',
        rag: 'GREEN',
        progress: 'Met Peregrine Waddell at the drop-in.',
        impact: 'Peregrine Waddell has a safety plan.',
      },
      chair.token,
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a facilitator redacts a name from feedback and its response, without JavaScript', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, facilitator);
    await page.goto('/voice');
    const item = page.locator('section', { hasText: forum });
    await item
      .getByRole('link', { name: new RegExp(`Redact words from the feedback from ${forum}`) })
      .click();
    await page.waitForURL('**/redact/feedback/**');
    expect(await page.locator('h1').textContent()).toBe('Redact words');
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Ottoline Brambury said/);
    await expectAccessible(page);

    // No reason: the API's refusal, linked to the field.
    await page.getByLabel('Words or phrases to redact').fill('Ottoline Brambury');
    await page.getByLabel('I understand that the words will be removed for good').check();
    await page.getByRole('button', { name: 'Redact words' }).click();
    await page.waitForLoadState();
    await expectErrorSummary(page, /reason/i);
    expect(await page.locator('.govuk-error-summary a[href="#reason"]').count()).toBe(1);
    await expectAccessible(page);

    // A word that is not in the text, and no confirmation.
    await page.getByLabel('Words or phrases to redact').fill('Ottoline Brambury\nNowhere Street');
    await page.getByLabel('Why are you redacting them?').fill('Names a survivor');
    await page.getByRole('button', { name: 'Redact words' }).click();
    await page.waitForLoadState();
    await expectErrorSummary(page, /confirm/i);
    await page.getByLabel('I understand that the words will be removed for good').check();
    await page.getByRole('button', { name: 'Redact words' }).click();
    await page.waitForLoadState();
    await expectErrorSummary(page, /Word 2 does not occur in the text/);
    expect(await page.locator('.govuk-error-summary a[href="#words"]').count()).toBe(1);
    await expectAccessible(page);

    await page.getByLabel('Words or phrases to redact').fill('Ottoline Brambury');
    await page.getByLabel('I understand that the words will be removed for good').check();
    await page.getByRole('button', { name: 'Redact words' }).click();
    await page.waitForURL(/\/voice\?saved=redacted/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toMatch(
      /words have been redacted/,
    );
    const redacted = (await page.locator('section', { hasText: forum }).textContent()) ?? '';
    expect(redacted).toMatch(/\[redacted\] said the refuge waiting list is too long/);
    expect(redacted).toMatch(/\[redacted\] now gets a letter every fortnight/);
    expect(redacted).not.toMatch(/Ottoline|Brambury/);
    await expectAccessible(page);

    // A response on its own.
    await page
      .locator('section', { hasText: forum })
      .getByRole('link', { name: /Redact words from the response of/ })
      .click();
    await page.waitForURL('**/redact/response/**');
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(
      /now gets a letter every fortnight/,
    );
    await page.getByLabel('Words or phrases to redact').fill('every fortnight');
    await page.getByLabel('Why are you redacting them?').fill('The schedule could identify her');
    await page.getByLabel('I understand that the words will be removed for good').check();
    await page.getByRole('button', { name: 'Redact words' }).click();
    await page.waitForURL(/\/voice\?saved=redacted/);
    expect(await page.locator('section', { hasText: forum }).textContent()).toMatch(
      /\[redacted\] now gets a letter \[redacted\]/,
    );
    await context.close();
  });

  test("the action group's chair redacts an update; a facilitator may not", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, chair);
    await page.goto(`/actions/${actionId}`);
    await page.getByRole('link', { name: /Redact words from the update of/ }).click();
    await page.waitForURL('**/redact/update/**');
    await expectAccessible(page);
    await page.getByLabel('Words or phrases to redact').fill('peregrine waddell');
    await page.getByLabel('Why are you redacting them?').fill('Names a victim');
    await page.getByLabel('I understand that the words will be removed for good').check();
    await page.getByRole('button', { name: 'Redact words' }).click();
    await page.waitForURL(/\/actions\/.*\?redacted=1/);
    const history = (await page.locator('.app-update-history').textContent()) ?? '';
    expect(history).toMatch(/Met \[redacted\] at the drop-in/);
    expect(history).toMatch(/\[redacted\] has a safety plan/);
    expect(history).not.toMatch(/Peregrine|Waddell/);
    await expectAccessible(page);
    const redactUrl = await page
      .getByRole('link', { name: /Redact words from the update of/ })
      .getAttribute('href');
    await context.close();

    const other = await newContext(browser);
    const facPage = await signIn(other, facilitator);
    await facPage.goto(redactUrl!);
    expect(await facPage.getByTestId('not-allowed').textContent()).toMatch(/You cannot redact this text/);
    expect(await facPage.getByLabel('Words or phrases to redact').count()).toBe(0);
    await expectAccessible(facPage);
    await other.close();
  });
});
