import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedAction, seedGroup, seedPlan, type Plan } from './fixtures';
import {
  createUser,
  expectAccessible,
  expectErrorSummary,
  fillDate,
  launch,
  newContext,
  signIn,
  unique,
  type TestUser,
} from './support';

/**
 * The facilitator's journey of issue 23, with JavaScript turned OFF (the voice pages are server-rendered
 * forms): record a forum's session as a meeting and feedback from it, decide, respond with two actions,
 * release the "you said, we did" digest and download it as PDF and Word. A board member cannot see the
 * digest until it is released.
 */
describe("a facilitator closes the loop on a forum's feedback, without JavaScript", () => {
  let browser: Browser;
  let facilitator: TestUser;
  let board: TestUser;
  let plan: Plan;
  let actions: Array<{ id: string; ref: string; title: string }>;
  const dir = mkdtempSync(join(tmpdir(), 'voice-loop-e2e-'));
  const forum = unique('Evening forum');
  const said = 'The court waiting area put us in the same corridor as the people we were afraid of.';
  const did = 'The court now opens a separate waiting room for anyone who asks, from the first hearing.';

  beforeAll(async () => {
    browser = await launch();
    facilitator = await createUser('Fola Facilitator', ['FACILITATOR']);
    board = await createUser('Bea Board', ['BOARD']);
    const chair = await createUser('Chris Chair', []);
    plan = await seedPlan(unique('Voice plan'));
    const group = await seedGroup(chair.id);
    actions = [];
    for (const title of ['Separate court waiting rooms', 'Court staff training on special measures']) {
      const a = await seedAction(plan, group, title);
      actions.push({ ...a, title });
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function download(page: Page, name: RegExp, file: string): Promise<string> {
    const [event] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name }).click(),
    ]);
    const path = join(dir, file);
    await event.saveAs(path);
    return path;
  }

  test('meeting, feedback, decision, a response with two actions, the digest released and downloaded', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, facilitator);
    const today = new Date().toISOString().slice(0, 10);

    // The forum's session, as a meeting with its date; feedback from it comes with its forum and date.
    await page.goto('/voice/meetings');
    await expectAccessible(page);
    await page.getByLabel('Forum', { exact: true }).fill(forum);
    await fillDate(page, 'heldOn', today);
    await page.getByRole('button', { name: 'Record meeting' }).click();
    await page.waitForURL(/\/voice\/new\?meeting=/);
    expect(await page.getByLabel('Forum', { exact: true }).inputValue()).toBe(forum);
    expect(await page.locator('#meetingId option:checked').textContent()).toContain(forum);
    await expectAccessible(page);
    await page.getByLabel('What survivors said').fill(said);
    await page.getByRole('button', { name: 'Record feedback' }).click();
    await page.waitForURL(/\/voice\?saved=feedback/);

    await page.goto(`/voice?forum=${encodeURIComponent(forum)}`);
    const item = page.locator('section', { hasText: said });
    expect(await item.textContent()).toMatch(/Said at the forum's meeting of/);
    expect(await item.textContent()).toMatch(/Not decided yet/);
    await expectAccessible(page);

    // Decide: "not taken up" needs the reason, in words the forum can hear.
    await item.locator('summary', { hasText: 'Record a decision' }).click();
    await item.getByLabel('Not taken up', { exact: true }).check();
    await item.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForLoadState();
    await expectErrorSummary(page, /Say why it was not taken up/);
    await expectAccessible(page);
    const again = page.locator('section', { hasText: said });
    await again.getByLabel('Taken up', { exact: true }).check();
    await again.getByLabel(/Why/).fill('The court agreed straight away.');
    await again.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForURL(/saved=decision/);
    expect(new URL(page.url()).searchParams.get('forum')).toBe(forum);
    const decided = page.locator('section', { hasText: said });
    expect(await decided.textContent()).toMatch(/Taken up on .* by Fola Facilitator/);

    // Respond with two actions.
    await decided.locator('summary', { hasText: 'Record a response' }).click();
    await decided.getByLabel('What we did').fill(did);
    for (const a of actions) await decided.getByLabel(`${a.ref}: ${a.title}`).check();
    await decided.getByRole('button', { name: 'Record response' }).click();
    await page.waitForURL(/saved=response/);
    const answered = page.locator('section', { hasText: said });
    for (const a of actions) expect(await answered.getByRole('link', { name: a.ref }).count()).toBe(1);
    await expectAccessible(page);

    // The digest: prepared as a draft, previewed, invisible to the board until released.
    await page.goto('/voice/digests');
    await expectAccessible(page);
    await page.getByLabel('Forum', { exact: true }).fill(forum);
    await fillDate(page, 'periodFrom', today.slice(0, 8) + '01');
    await fillDate(page, 'periodTo', today);
    await page.getByRole('button', { name: 'Prepare digest' }).click();
    await page.waitForURL(/\/voice\/digests\/[0-9a-f-]{36}$/);
    const digestUrl = new URL(page.url()).pathname;
    expect(await page.locator('main').textContent()).toContain(said);
    expect(await page.locator('main').textContent()).toMatch(/Draft: only facilitators can see it/);
    expect(await page.getByRole('link', { name: /Download the digest/ }).count()).toBe(0);
    await expectAccessible(page);

    const boardContext = await newContext(browser, { javaScriptEnabled: false });
    const boardPage = await signIn(boardContext, board);
    const hidden = await boardPage.goto(digestUrl);
    expect(hidden?.status()).toBe(404);
    await boardPage.goto('/voice/digests');
    expect(await boardPage.locator('main').textContent()).not.toContain(forum);

    await page.getByRole('button', { name: 'Release digest' }).click();
    await page.waitForURL(/released=1/);
    await expectAccessible(page);

    const pdf = await download(page, /Download the digest \(PDF\)/, 'digest.pdf');
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(said);
    expect(text).toContain(did);
    expect(text).toContain('Taken up');
    for (const a of actions) expect(text).toContain(a.ref);

    const word = await download(page, /Download the digest \(Word document\)/, 'digest.docx');
    const zip = await JSZip.loadAsync(readFileSync(word));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:tblHeader/>');
    const words = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain(said);
    expect(words).toContain(did);

    // Released: the board member sees it listed and can read it, but not take survivors' words away.
    await boardPage.goto('/voice/digests');
    expect(await boardPage.locator('main').textContent()).toContain(forum);
    await boardPage.goto(digestUrl);
    expect(await boardPage.locator('main').textContent()).toContain(said);
    expect(await boardPage.getByRole('link', { name: /Download the digest/ }).count()).toBe(0);
    await expectAccessible(boardPage);
    // The board page counts feedback by the decision in force on its date.
    await boardPage.goto('/board');
    expect(await boardPage.getByTestId('feedback-decisions').textContent()).toMatch(
      /Decisions on survivor feedback: [1-9]\d* taken up/,
    );
    await boardContext.close();
    await context.close();
  });
});
