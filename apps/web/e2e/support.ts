import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { TypedDocumentNode } from '@urql/core';
import { AdminCreateUserDocument, LoginDocument, type Role } from '@throughline/sdk';
import { print } from 'graphql';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/** The app under test: the one global-setup.ts started, unless a test file uses its own (useApp). */
export let baseURL = inject('baseURL');
let adminLogin = { email: inject('adminEmail'), password: inject('adminPassword') };

/**
 * Points gql, admin(), createUser and newContext at another running app (a test file that starts its
 * own, e.g. with email configured), with that app's administrator.
 */
export function useApp(app: { baseURL: string; adminEmail: string; adminPassword: string }): void {
  baseURL = app.baseURL;
  adminLogin = { email: app.adminEmail, password: app.adminPassword };
  adminToken = undefined;
}

// ---------- the API, for seeding what each test needs (typed SDK documents only) ----------

export async function gql<D, V>(doc: TypedDocumentNode<D, V>, variables: V, token?: string): Promise<D> {
  const res = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(doc), variables }),
  });
  const body = (await res.json()) as { data?: D; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data!;
}

let adminToken: Promise<string> | undefined;
export function admin(): Promise<string> {
  adminToken ??= gql(LoginDocument, adminLogin).then((d) => d.login.token);
  return adminToken;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  token: string;
}

/** The UTC day `offset` days from today (before it when negative), as YYYY-MM-DD. */
export function isoDay(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function createUser(name: string, roles: Role[]): Promise<TestUser> {
  const email = `${unique(name.toLowerCase().replace(/\W+/g, '-'))}@example.org`;
  const password = `pw-${randomBytes(10).toString('hex')}`;
  const { createUser: user } = await gql(
    AdminCreateUserDocument,
    { input: { email, name, password, roles } },
    await admin(),
  );
  const { login } = await gql(LoginDocument, { email, password });
  return { id: user.id, email, password, name, token: login.token };
}

// ---------- the browser ----------

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser, opts: { javaScriptEnabled?: boolean } = {}) {
  return browser.newContext({
    baseURL,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: 1024, height: 768 },
  });
}

/**
 * Waits until the page's JavaScript has taken over (when JavaScript is on), so a test does not type
 * into or open a widget that hydration then resets.
 */
export async function waitForApp(page: Page): Promise<void> {
  const scripted = await page.evaluate(() => document.body.classList.contains('js-enabled'));
  if (scripted) await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(
  context: BrowserContext,
  user: { email: string; password: string },
): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await waitForApp(page);
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .waitForURL((u) => !u.pathname.startsWith('/sign-in'))
    .catch(async (e) => {
      const summary = await page
        .locator('.govuk-error-summary')
        .textContent()
        .catch(() => null);
      throw new Error(`signing in as ${user.email} failed at ${page.url()}: ${summary ?? e}`);
    });
  return page;
}

// ---------- accessibility checks, run on every page a test visits ----------

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** No WCAG 2.2 A/AA violation found by axe, and no horizontal scroll at 320 px (WCAG 1.4.10). */
export async function expectAccessible(page: Page): Promise<void> {
  // A focused GOV.UK link swaps its underline for a focus style, which axe misreads as colour-only.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // axe runs as page script, which a JavaScript-disabled page never executes: analyse a copy of the
  // very same markup (scripts removed) served at the same address in a JavaScript-enabled page.
  const scripted = await page.evaluate(() => document.body.classList.contains('js-enabled'));
  const results = scripted ? await analyze(page) : await analyzeCopy(page);
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);

  const original = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal scroll at 320 px on ${page.url()}`).toBeLessThanOrEqual(0);
  if (original) await page.setViewportSize(original);
}

function analyze(page: Page) {
  return new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
}

async function analyzeCopy(page: Page) {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const url = page.url().split('#')[0];
  const browser = page.context().browser()!;
  const copyContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  try {
    const copy = await copyContext.newPage();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await copy.goto(url);
    return await analyze(copy);
  } finally {
    await copyContext.close();
  }
}

/** Keyboard alone: the first Tab reaches the skip link, and following it puts focus into the main content. */
export async function expectKeyboardReachable(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('#main-content'));
  expect(inMain, `Tab after the skip link lands in the main content on ${page.url()}`).toBe(true);
}

/** The GOV.UK error summary lists `message` and has focus. */
export async function expectErrorSummary(page: Page, message: RegExp | string): Promise<void> {
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(message);
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          document.activeElement?.closest('.govuk-error-summary')
            ? 'summary'
            : document.activeElement?.outerHTML.slice(0, 120),
        ),
      { timeout: 2000 },
    )
    .toBe('summary');
}

/**
 * Fills the GOV.UK date input `id` (DateInput.svelte: the day box has the id, then `id-month` and
 * `id-year`) with an ISO date as a person would: 31, 3, 2026. Not ISO (a test of a bad date): the
 * parts split on "-" as year, month, day.
 */
export async function fillDate(scope: Page | Locator, id: string, iso: string): Promise<void> {
  const [y = '', m = '', d = ''] = iso.split('-');
  const trim = (s: string) => (/^0\d$/.test(s) ? s.slice(1) : s);
  await scope.locator(`#${id}`).fill(trim(d));
  await scope.locator(`#${id}-month`).fill(trim(m));
  await scope.locator(`#${id}-year`).fill(y);
}

/** What the date input `id` shows, as year-month-day with the boxes' text (e.g. 2025-6-1). */
export async function dateValue(scope: Page | Locator, id: string): Promise<string> {
  const part = (suffix: string) => scope.locator(`#${id}${suffix}`).inputValue();
  return `${await part('-year')}-${await part('-month')}-${await part('')}`;
}

/** Fills the date input whose legend is `legend` (its day, month and year boxes) with an ISO date. */
export async function fillDateGroup(scope: Page | Locator, legend: string, iso: string): Promise<void> {
  const group = scope.getByRole('group', { name: legend });
  const [y = '', m = '', d = ''] = iso.split('-');
  const trim = (s: string) => (/^0\d$/.test(s) ? s.slice(1) : s);
  await group.getByLabel('Day').fill(trim(d));
  await group.getByLabel('Month').fill(trim(m));
  await group.getByLabel('Year').fill(y);
}

/**
 * Selects the option of `select` whose text starts with `prefix` (objective pickers add the strategy's
 * name after "O1: Title" where several strategies exist); returns the option's whole text.
 */
export async function selectStarting(select: Locator, prefix: string): Promise<string> {
  const texts = await select.locator('option').allTextContents();
  const text = texts.find((t) => t.trim().startsWith(prefix));
  if (!text) throw new Error(`No option starts with "${prefix}": ${texts.join(' | ')}`);
  await select.selectOption({ label: text.trim() });
  return text.trim();
}
