import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { loadDemo } from '../../demo/load-demo';
import { createLogger } from '../../logging/logger';
import { todayIso } from '../../shared/dates';
import { Role } from '../identity/user.entity';
import {
  docxText,
  docxXml,
  pdfFonts,
  pdfInfo,
  pdfStructure,
  pdfText,
  renderPages,
  savePdf,
} from './test-support/read-back';

/** The board pack read back from the files themselves (docs/decisions/0011-board-pack.md). */

const STRATEGIES = `query { strategies { id title objectives { code title } } }`;
const EXCEPTIONS = `query($id: ID!) { actions(filter: { strategyId: $id, rag: [RED] }, first: 100) { edges { node { ref } } } }`;

/** The sections every pack has, besides one per objective. */
const SECTION_TITLES = [
  'Summary',
  'Exceptions',
  'Review recommendations',
  'Survivor voice: you said, we did',
];

/** A4 in points (pdfinfo prints the page size in points). */
const A4_POINTS = /^595\.2\d* x 841\.8\d* pts \(A4\)/;

describe('board pack (GET /reports/board-pack)', () => {
  let t: TestApp;
  let admin: TestUser;
  let board: TestUser;
  let strategyId: string;
  let objectives: Array<{ code: string; title: string }>;
  let confidentialReviews: string[];
  let publicReviews: string[];
  const asOf = todayIso();

  const get = async (query: string, token?: string | null): Promise<Response> => {
    const send = () =>
      fetch(`${t.url}/reports/board-pack?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    try {
      return await send();
    } catch (e) {
      // After a test spends longer than the server's keep-alive timeout reading a file back, fetch may
      // reuse the socket just as the server closes it (ECONNRESET before any byte): ask again once.
      if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
      return send();
    }
  };
  const pack = async (token: string, format: 'pdf' | 'docx') => {
    const res = await get(`strategy=${strategyId}&asOf=${asOf}&format=${format}`, token);
    expect(res.status).toBe(200);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const errorOf = async (res: Response) =>
    ((await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0].extensions;

  beforeAll(async () => {
    t = await startTestApp();
    await loadDemo(t.services, t.dataSource, t.partnershipId, createLogger('silent'), { withLogins: false });
    admin = await t.user({ roles: [Role.ADMIN] });
    board = await t.user({ roles: [Role.BOARD] });
    const { strategies } = await t.ok<{
      strategies: Array<{ id: string; title: string; objectives: Array<{ code: string; title: string }> }>;
    }>(STRATEGIES, {}, { token: admin.token });
    // The demo strategy with the most actions: the annual report's own plan.
    const [{ id }] = (await t.dataSource.query(
      `SELECT strategy_id AS id FROM action GROUP BY strategy_id ORDER BY count(*) DESC LIMIT 1`,
    )) as Array<{ id: string }>;
    const strategy = strategies.find((s) => s.id === id)!;
    strategyId = strategy.id;
    objectives = strategy.objectives;
    const reviews = (await t.dataSource.query(
      `SELECT DISTINCT rv.ref, rv.confidential FROM review rv JOIN recommendation r ON r.review_id = rv.id`,
    )) as Array<{ ref: string; confidential: boolean }>;
    confidentialReviews = reviews.filter((r) => r.confidential).map((r) => r.ref);
    publicReviews = reviews.filter((r) => !r.confidential).map((r) => r.ref);
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses strangers, names the bad parameter, and hides strategies of other partnerships', async () => {
    expect((await get(`strategy=${strategyId}&format=pdf`)).status).toBe(401);
    let res = await get(`strategy=${strategyId}&asOf=2026-02-30&format=pdf`, board.token);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    res = await get(`strategy=${strategyId}&format=odt`, board.token);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ field: 'format' });
    res = await get(`format=pdf`, board.token);
    expect(await errorOf(res)).toMatchObject({ field: 'strategy' });
    res = await get(`round=00000000-0000-4000-8000-000000000000&format=pdf`, board.token);
    expect(res.status).toBe(404);
    res = await get(`round=00000000-0000-4000-8000-000000000000&strategy=${strategyId}`, board.token);
    expect(await errorOf(res)).toMatchObject({ field: 'round' });
    res = await get(`strategy=${strategyId}&strategy=${strategyId}`, board.token);
    expect(await errorOf(res)).toMatchObject({ field: 'strategy' });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      res = await get(`strategy=${id}&format=pdf`, board.token);
      expect(res.status).toBe(404);
    }
  });

  it("an admin's PDF: tagged, titled, A4, fonts embedded, every section and every exception, marked official-sensitive", async () => {
    const { res, bytes } = await pack(admin.token, 'pdf');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="board-pack-[a-z0-9-]+-${asOf}\\.pdf"$`),
    );
    const file = savePdf(bytes);
    const info = pdfInfo(file);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toMatch(/board pack/);
    expect(info['Page size']).toMatch(A4_POINTS);
    expect(Number(info.Pages)).toBeGreaterThan(objectives.length + 4);

    const structure = pdfStructure(file);
    for (const tag of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'Figure']) {
      expect(structure).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    }

    const text = pdfText(file);
    for (const heading of SECTION_TITLES) expect(text).toContain(heading);
    for (const o of objectives) expect(text).toContain(`${o.code}:`);
    for (const h of ['Priority', 'Agreed action', 'Action update', 'Action impact', 'RAG'])
      expect(text).toContain(h);
    const { actions } = await t.ok<{ actions: { edges: Array<{ node: { ref: string } }> } }>(
      EXCEPTIONS,
      { id: strategyId },
      { token: admin.token },
    );
    expect(actions.edges.length).toBeGreaterThan(0);
    const start = text.indexOf('Exceptions');
    const exceptionsPage = text.slice(start, text.indexOf('Outputs and their actions', start));
    for (const { node } of actions.edges) expect(exceptionsPage).toContain(node.ref);
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(confidentialReviews.length).toBeGreaterThan(0);
    for (const ref of confidentialReviews) expect(text).toContain(ref);
    expect(text).toContain('(confidential)');

    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);

    // Audited: who produced which pack.
    const audit = (await t.dataSource.query(
      `SELECT actor_id, entity_id, after FROM audit_entry WHERE operation = 'produceBoardPack' AND actor_id = $1`,
      [admin.id],
    )) as Array<{ entity_id: string; after: Record<string, unknown> }>;
    expect(audit).toContainEqual(
      expect.objectContaining({
        entity_id: strategyId,
        after: expect.objectContaining({ format: 'pdf', sensitive: true }),
      }),
    );
  });

  it('every page keeps its ink inside the page margins (no table wider than the page)', async () => {
    const { bytes } = await pack(admin.token, 'pdf');
    const file = savePdf(bytes);
    const keep = process.env.BOARD_PACK_PAGES;
    // BOARD_PACK_PAGES=<dir>: keep the file and its pages to look at.
    if (keep) {
      mkdirSync(keep, { recursive: true });
      writeFileSync(join(keep, 'board-pack.pdf'), bytes);
    }
    const dpi = 36;
    const pages = renderPages(file, dpi, keep);
    expect(pages.length).toBe(Number(pdfInfo(file).Pages));
    // 10 mm from each edge: what a printer may not print.
    const edge = Math.floor((10 / 25.4) * dpi);
    // The text block's own margins (56 pt each side): tables and charts stay within them.
    const side = Math.floor((54 / 72) * dpi);
    for (const p of pages) {
      expect(p.ink, `page ${p.page} is blank`).not.toBeNull();
      const [left, top, right, bottom] = p.ink!;
      expect(left, `page ${p.page} left`).toBeGreaterThanOrEqual(side);
      expect(p.width - 1 - right, `page ${p.page} right`).toBeGreaterThanOrEqual(side);
      expect(top, `page ${p.page} top`).toBeGreaterThanOrEqual(edge);
      expect(p.height - 1 - bottom, `page ${p.page} bottom`).toBeGreaterThanOrEqual(edge);
    }
  }, 120_000);

  it("a board member's PDF never holds confidential reviews' recommendations, nor the sensitive marking", async () => {
    const { bytes } = await pack(board.token, 'pdf');
    const text = pdfText(savePdf(bytes));
    expect(text).toContain('Review recommendations');
    for (const ref of publicReviews) expect(text).toContain(ref);
    for (const ref of confidentialReviews) expect(text).not.toContain(ref);
    expect(text).not.toContain('OFFICIAL-SENSITIVE');
    expect(text).not.toContain('(confidential)');
    expect(text).toContain('OFFICIAL');
  });

  it('the Word version: heading styles, header rows, the same sections and rows; confidential only for the admin', async () => {
    const { res, bytes } = await pack(admin.token, 'docx');
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /filename="board-pack-[a-z0-9-]+-\d{4}-\d\d-\d\d\.docx"/,
    );
    const xml = await docxXml(bytes);
    for (const style of ['Heading1', 'Heading2', 'Heading3'])
      expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    const headerRows = xml.match(/<w:tblHeader\/>/g) ?? [];
    expect(headerRows.length).toBeGreaterThan(objectives.length);
    const [{ n }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM action WHERE strategy_id = $1 AND agreed_on <= $2::date`,
      [strategyId, asOf],
    )) as Array<{ n: number }>;
    // At least one row per action (the annual report's tables), plus headers and the other tables.
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBeGreaterThan(n);
    const text = docxText(xml);
    for (const heading of SECTION_TITLES) expect(text).toContain(heading);
    for (const ref of confidentialReviews) expect(text).toContain(ref);
    expect(text).toContain('Official-sensitive');

    const boardXml = await docxXml((await pack(board.token, 'docx')).bytes);
    const boardText = docxText(boardXml);
    for (const ref of confidentialReviews) expect(boardText).not.toContain(ref);
    expect(boardText).not.toContain('Official-sensitive');
    expect(boardText).toContain('Review recommendations');
  });
});
