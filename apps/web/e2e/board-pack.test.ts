import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { WebAddRecommendationDocument, WebCreateReviewDocument } from '@throughline/sdk';
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
  waitForApp,
  type TestUser,
} from './support';

/** The board pack downloaded from the board page, as a strategic lead and as a board member would. */
describe('the board pack downloads from the board page', () => {
  let browser: Browser;
  let lead: TestUser;
  let board: TestUser;
  let plan: Plan;
  let confidentialRef: string;
  const actionTitle = 'Commission a refuge for women with complex needs';
  const progress = 'The tender failed: no provider bid within the budget';
  const dir = mkdtempSync(join(tmpdir(), 'board-pack-e2e-'));

  beforeAll(async () => {
    browser = await launch();
    // The strategic lead runs the partnership's plan: an administrator, who may see confidential reviews.
    lead = await createUser('Sam Strategic Lead', ['ADMIN']);
    board = await createUser('Bea Board', ['BOARD']);
    const chair = await createUser('Chris Chair', []);
    plan = await seedPlan(unique('Pack plan'));
    const action = await seedAction(plan, await seedGroup(chair.id), actionTitle);
    const token = await admin();
    await postUpdate(
      { actionId: action.id, status: 'IN_PROGRESS', rag: 'RED', reportedOn: '2025-09-30', progress },
      token,
    );
    confidentialRef = unique('DHR');
    const { createReview } = await gql(
      WebCreateReviewDocument,
      { input: { kind: 'DHR', ref: confidentialRef, title: 'Review "Adult P"', confidential: true } },
      token,
    );
    await gql(
      WebAddRecommendationDocument,
      {
        input: {
          reviewId: createReview.id,
          ref: 'R1',
          text: 'Share risk information with housing',
          agency: 'Police',
        },
      },
      token,
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function download(
    page: Page,
    name: RegExp,
    file: string,
  ): Promise<{ path: string; suggested: string }> {
    const [event] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name }).click(),
    ]);
    const path = join(dir, file);
    await event.saveAs(path);
    return { path, suggested: event.suggestedFilename() };
  }

  async function docxText(path: string): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:tblHeader/>');
    return xml.replace(/<[^>]+>/g, ' ');
  }

  for (const who of ['lead', 'board'] as const) {
    test(`${who === 'lead' ? 'a strategic lead' : 'a board member'} downloads the PDF and the Word pack`, async () => {
      const user = who === 'lead' ? lead : board;
      const context = await newContext(browser);
      const page = await signIn(context, user);
      // As of today: the review was recorded today, and a pack as of an earlier date rightly leaves it out.
      await page.goto(`/board?strategy=${plan.strategyId}`);
      await waitForApp(page);
      await expectAccessible(page);

      const pdf = await download(page, /board pack \(PDF\)/, `${who}.pdf`);
      expect(pdf.suggested).toMatch(/^board-pack-pack-plan-[a-z0-9-]+-\d{4}-\d\d-\d\d\.pdf$/);
      expect(execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
      // Table cells wrap: compare with the line breaks as spaces.
      const text = execFileSync('pdftotext', [pdf.path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Exceptions');
      expect(text).toContain(progress);
      expect(text.includes(confidentialRef)).toBe(who === 'lead');
      expect(text.includes('OFFICIAL-SENSITIVE')).toBe(who === 'lead');

      const word = await download(page, /board pack \(Word document\)/, `${who}.docx`);
      expect(word.suggested).toMatch(/\.docx$/);
      const words = await docxText(word.path);
      expect(words).toContain(actionTitle);
      expect(words.includes(confidentialRef)).toBe(who === 'lead');
      await context.close();
    });
  }
});
