import { daysFromToday } from '../../../test/support/dates';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { REVIEW_PLAN_COLUMNS } from './review-export';

const CREATE_REVIEW = `mutation($input: ReviewInput!) { createReview(input: $input) { id } }`;
const ADD_REC = `mutation($input: RecommendationInput!) { addRecommendation(input: $input) { id version } }`;

async function readSheet(body: ArrayBuffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const sheet = wb.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

async function docxText(body: ArrayBuffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
}

describe('review exports, the national tracker and learning across reviews', () => {
  let t: TestApp;
  let admin: TestUser;
  let panel: TestUser;
  let board: TestUser;
  let published: string;
  let secret: string;
  let national: string;

  const get = (path: string, token?: string) =>
    fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const ok = <T>(doc: string, input: Record<string, unknown>) =>
    t.ok<T>(doc, { input }, { token: panel.token });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    panel = await t.user({ roles: [Role.DHR_PANEL] });
    board = await t.user({ roles: [Role.BOARD] });
    published = (
      await ok<{ createReview: { id: string } }>(CREATE_REVIEW, {
        kind: 'DHR',
        ref: 'DHR-PUB-1',
        title: 'Domestic Abuse Related Death Review: Adult P',
        notifiedOn: '2021-01-04',
        decidedOn: '2021-02-01',
        submittedOn: '2021-07-30',
        qaOutcome: 'APPROVED',
        qaOn: '2021-10-01',
        publishedOn: '2021-11-01',
      })
    ).createReview.id;
    secret = (
      await ok<{ createReview: { id: string } }>(CREATE_REVIEW, {
        kind: 'DHR',
        ref: 'DHR-SECRET-1',
        title: 'Confidential review: Adult S',
        notifiedOn: '2025-01-06',
      })
    ).createReview.id;
    const pub = (
      await ok<{ addRecommendation: { id: string; version: number } }>(ADD_REC, {
        reviewId: published,
        ref: 'P1',
        text: '=GPs to ask routinely about domestic abuse',
        agency: 'Integrated Care Board',
        dueOn: '2022-06-30',
        madeOn: '2021-11-01',
        tags: ['theme:health'],
      })
    ).addRecommendation;
    await ok(
      `mutation($input: RecommendationPlanInput!) { updateRecommendationPlan(input: $input) { id } }`,
      {
        id: pub.id,
        version: pub.version,
        planAction: 'Train every practice',
        completedOn: '2022-05-01',
        outcome: 'Referrals from GPs doubled',
      },
    );
    await ok(`mutation($input: MilestoneInput!) { addMilestone(input: $input) { id } }`, {
      recommendationId: pub.id,
      title: 'Half the practices trained',
      targetOn: '2022-01-31',
    });
    await ok(`mutation($input: AgencyResponseInput!) { recordAgencyResponse(input: $input) { id } }`, {
      recommendationId: pub.id,
      agency: 'Integrated Care Board',
      respondedOn: '2021-12-01',
      text: 'Accepted in full',
    });
    await ok(ADD_REC, {
      reviewId: secret,
      ref: 'S1',
      text: 'Unpublished words about the housing officer',
      agency: '@Housing',
      tags: ['theme:housing'],
    });
    national = (
      await ok<{ addRecommendation: { id: string; version: number } }>(ADD_REC, {
        reviewId: secret,
        ref: 'S2',
        text: 'Secret national recommendation text',
        scope: 'NATIONAL',
      })
    ).addRecommendation.id;
  });
  afterAll(() => t.close());

  it("exports a review's action plan as XLSX in the published shape, escaping formulas, audited", async () => {
    const res = await get(`/api/reviews/${published}/action-plan.xlsx`, board.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/action-plan-DHR-PUB-1-.*\.xlsx/);
    const rows = await readSheet(await res.arrayBuffer());
    expect(rows[0]).toEqual([...REVIEW_PLAN_COLUMNS]);
    expect(rows[0].slice(0, 7)).toEqual([
      'Recommendation',
      'Scope',
      'Action',
      'Lead agency',
      'Key milestones',
      'Target date',
      'Completion date and outcome',
    ]);
    expect(rows).toHaveLength(2);
    const [rec, scope, action, lead, milestones, target, completion, progress, responses] = rows[1];
    expect(rec).toBe('P1: =GPs to ask routinely about domestic abuse');
    expect([scope, action, lead]).toEqual(['Local', 'Train every practice', 'Integrated Care Board']);
    expect(milestones).toBe('Half the practices trained (by 31 January 2022)');
    expect(target).toBe('30 June 2022');
    expect(completion).toBe('Completed 1 May 2022: Referrals from GPs doubled');
    expect(progress).toBe('Not started');
    expect(responses).toBe('1 December 2021, Integrated Care Board: Accepted in full');
    const audit = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE operation = 'exportReviewPlanXlsx' AND entity_id = $1`,
      [published],
    );
    expect(audit[0].n).toBe(1);
  });

  it('escapes text that would start a formula', async () => {
    const res = await get(`/api/reviews/action-plans.xlsx`, panel.token);
    const rows = await readSheet(await res.arrayBuffer());
    expect(rows[0][0]).toBe('Review');
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    const s1 = rows.find((r) => r[1].startsWith('S1:'))!;
    expect(s1[4]).toBe("'@Housing");
  });

  it("exports a confidential review's plan only to the panel and admins (others 404, strangers 401)", async () => {
    for (const who of [panel, admin]) {
      const res = await get(`/api/reviews/${secret}/action-plan.docx`, who.token);
      expect(res.status).toBe(200);
      expect(await docxText(await res.arrayBuffer())).toContain(
        'Unpublished words about the housing officer',
      );
    }
    expect((await get(`/api/reviews/${secret}/action-plan.docx`, board.token)).status).toBe(404);
    expect((await get(`/api/reviews/${secret}/action-plan.xlsx`, board.token)).status).toBe(404);
    expect((await get(`/api/reviews/${secret}/action-plan.xlsx`)).status).toBe(401);
    // The whole tracker leaves it out for the board, keeps it for the panel.
    const boardAll = await docxText(
      await (await get('/api/reviews/action-plans.docx', board.token)).arrayBuffer(),
    );
    expect(boardAll).toContain('GPs to ask routinely');
    expect(boardAll).not.toContain('Unpublished words');
    const panelAll = await readSheet(
      await (await get('/api/reviews/action-plans.xlsx', panel.token)).arrayBuffer(),
    );
    expect(panelAll.flat().join(' ')).toContain('Unpublished words');
  });

  it('exports the plan as Word in the same shape', async () => {
    const res = await get(`/api/reviews/${published}/action-plan.docx`, board.token);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const text = await docxText(await res.arrayBuffer());
    for (const h of REVIEW_PLAN_COLUMNS) expect(text).toContain(h);
    expect(text).toContain('Domestic Homicide Review (Domestic Abuse Related Death Review)');
    expect(text).toContain('Referrals from GPs doubled');
  });

  it('gives the oversight summary as CSV and JSON with counts and no unpublished text', async () => {
    expect((await get('/api/reviews/oversight.json', board.token)).status).toBe(403);
    const json = await (await get('/api/reviews/oversight.json', panel.token)).text();
    const csv = await (await get('/api/reviews/oversight.csv', admin.token)).text();
    for (const body of [json, csv]) {
      expect(body).not.toContain('Unpublished words');
      expect(body).not.toContain('Secret national recommendation');
      expect(body).not.toContain('DHR-SECRET-1');
      expect(body).not.toContain('Adult S');
    }
    const summary = JSON.parse(json);
    expect(summary.totals.total).toBe(3);
    expect(summary.published).toEqual([
      expect.objectContaining({
        review: 'DHR-PUB-1',
        ref: 'P1',
        text: '=GPs to ask routinely about domestic abuse',
      }),
    ]);
    expect(summary.groups).toContainEqual(
      expect.objectContaining({
        dimension: 'scope',
        group: 'National',
        counts: expect.objectContaining({ total: 1 }),
      }),
    );
    expect(summary.groups).toContainEqual(
      expect.objectContaining({
        dimension: 'theme',
        group: 'Housing',
        counts: expect.objectContaining({ total: 1 }),
      }),
    );
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Dimension,Group,Not started,In progress,Implemented,Implemented and assured,Total',
    );
    expect(lines).toContain('All,All recommendations,3,0,0,0,3');
  });

  it('routes a national recommendation and shows whom it waits on and for how long', async () => {
    const v = (await t.dataSource.query(`SELECT version FROM recommendation WHERE id = $1`, [national]))[0]
      .version;
    const ROUTE = `mutation($input: RecommendationRoutingInput!) { updateRecommendationRouting(input: $input) {
      id addressedTo sentOn waiting { waitingFor days daysOverdue text } } }`;
    const routed = (
      await ok<{ updateRecommendationRouting: { waiting: Record<string, unknown> } }>(ROUTE, {
        id: national,
        version: v,
        addressedTo: 'Home Office',
        sentOn: daysFromToday(-40),
      })
    ).updateRecommendationRouting;
    expect(routed.waiting).toMatchObject({ waitingFor: 'ACKNOWLEDGEMENT', days: 40, daysOverdue: 12 });
    expect(routed.waiting.text).toMatch(/^Waiting 40 days for Home Office's acknowledgement/);
    const bad = await t.request(
      ROUTE,
      { input: { id: national, version: v + 1, acknowledgedOn: daysFromToday(-50) } },
      { token: panel.token },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'acknowledgedOn' });
    const list = `{ nationalRecommendations { id ref waiting { waitingFor days } } }`;
    const seen = await t.ok<{ nationalRecommendations: Array<{ id: string }> }>(
      list,
      {},
      { token: panel.token },
    );
    expect(seen.nationalRecommendations.map((r) => r.id)).toEqual([national]);
    const hidden = await t.ok<{ nationalRecommendations: unknown[] }>(list, {}, { token: board.token });
    expect(hidden.nationalRecommendations).toEqual([]);
  });

  it('lists themes across reviews with the actions addressing each, and the themes none addresses', async () => {
    const themes = await t.ok<{
      learningThemes: Array<{ tag: { slug: string }; reviewCount: number; actions: unknown[] }>;
    }>(
      `{ learningThemes { tag { slug } reviewCount recommendationCount actions { ref } } }`,
      {},
      { token: panel.token },
    );
    expect(themes.learningThemes.map((x) => [x.tag.slug, x.reviewCount, x.actions.length])).toEqual([
      ['health', 1, 0],
      ['housing', 1, 0],
    ]);
  });
});
