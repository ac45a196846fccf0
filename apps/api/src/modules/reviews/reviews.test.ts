import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddRecommendationDocument,
  CreateReviewDocument,
  RecommendationThemesDocument,
  RecommendationsDocument,
  ReviewDocument,
  ReviewsDocument,
  SetRecommendationStatusDocument,
} from '@throughline/sdk';
import type { Viewer } from '../../shared/viewer';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { todayIso } from '../../shared/dates';
import { addMonths, reviewTimeliness } from './review.rules';

const REVIEW_FIELDS = `id kind ref area title pseudonym commissionedOn notifiedOn decidedOn panelStartedOn submittedOn
  qaOutcome qaOn publishedOn confidential version decisionLate reportLate`;

const CREATE_REVIEW = `mutation($input: ReviewInput!) { createReview(input: $input) { ${REVIEW_FIELDS} } }`;
const UPDATE_REVIEW = `mutation($id: ID!, $version: Int!, $input: ReviewPatch!) {
  updateReview(id: $id, version: $version, input: $input) { ${REVIEW_FIELDS} } }`;
const ADD_REC = `mutation($input: RecommendationInput!) { addRecommendation(input: $input) {
  id ref text agency scope dueOn status evidence version overdue tags { kind slug } review { id ref } } }`;
const SET_STATUS = `mutation($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) {
  id status evidence version history { fromStatus toStatus evidence changedBy { id } changedAt } } }`;
const RECS = `query($filter: RecommendationFilter, $first: Int, $after: String) {
  recommendations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id ref overdue review { ref } } } } }`;
const THEMES = `{ recommendationThemes { tag { kind slug label } total open } }`;

function daysAgo(n: number): string {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

describe('reviews and recommendations through the API', () => {
  let t: TestApp;
  let admin: TestUser;
  let panel: TestUser;
  let board: TestUser;
  let facilitator: TestUser;
  let adminViewer: Viewer;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    panel = await t.user({ roles: [Role.DHR_PANEL] });
    board = await t.user({ roles: [Role.BOARD] });
    facilitator = await t.user({ roles: [Role.FACILITATOR] });
    adminViewer = (await t.services.identity.authenticate(admin.token))!;
  });
  afterAll(() => t.close());

  async function createReview(input: Record<string, unknown> = {}, token = panel.token) {
    seq++;
    const res = await t.ok<{ createReview: Record<string, unknown> & { id: string; version: number } }>(
      CREATE_REVIEW,
      { input: { kind: 'DHR', ref: `DHR-T-${seq}`, title: `Review ${seq}`, area: 'Westminster', ...input } },
      { token },
    );
    return res.createReview;
  }

  async function addRec(reviewId: string, input: Record<string, unknown> = {}, token = panel.token) {
    seq++;
    const res = await t.ok<{ addRecommendation: Record<string, unknown> & { id: string; version: number } }>(
      ADD_REC,
      {
        input: {
          reviewId,
          ref: `R${seq}`,
          text: 'Share risk information at MARAC',
          agency: 'Police',
          ...input,
        },
      },
      { token },
    );
    return res.addRecommendation;
  }

  async function makeAction(): Promise<string> {
    seq++;
    const strategy = await t.services.strategy.createStrategy(adminViewer, { title: `Strategy ${seq}` });
    const objective = await t.services.strategy.createObjective(adminViewer, {
      strategyId: strategy.id,
      code: 'O1',
      title: 'Prevention',
    });
    const group = await t.services.operationalGroups.createOperationalGroup(adminViewer, {
      name: `Group ${seq}`,
    });
    const action = await t.services.actions.createAction(adminViewer, {
      objectiveId: objective.id,
      groupId: group.id,
      ref: `A${seq}`,
      title: 'Train staff in information sharing',
    });
    return action.id;
  }

  describe('reviews', () => {
    it('creates a review, confidential by default, for DHR_PANEL and ADMIN only', async () => {
      const r = await createReview({ pseudonym: 'Adult A', notifiedOn: daysAgo(10) });
      expect(r).toMatchObject({ kind: 'DHR', confidential: true, pseudonym: 'Adult A', version: 1 });
      const byAdmin = await createReview({ kind: 'SAR' }, admin.token);
      expect(byAdmin.kind).toBe('SAR');
      for (const u of [board, facilitator]) {
        const res = await t.request(
          CREATE_REVIEW,
          { input: { kind: 'DHR', ref: 'X-1', title: 'x' } },
          { token: u.token },
        );
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      const anon = await t.request(CREATE_REVIEW, { input: { kind: 'DHR', ref: 'X-2', title: 'x' } });
      expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('is not confidential once published unless told otherwise', async () => {
      const published = await createReview({
        notifiedOn: '2023-01-05',
        decidedOn: '2023-01-20',
        publishedOn: '2024-02-01',
      });
      expect(published.confidential).toBe(false);
      const kept = await createReview({ publishedOn: '2024-02-01', confidential: true });
      expect(kept.confidential).toBe(true);
      const r = await createReview({ notifiedOn: '2023-01-05' });
      const upd = await t.ok<{
        updateReview: { confidential: boolean; publishedOn: string; version: number };
      }>(
        UPDATE_REVIEW,
        { id: r.id, version: r.version, input: { publishedOn: '2024-03-01' } },
        { token: panel.token },
      );
      expect(upd.updateReview).toMatchObject({ confidential: false, publishedOn: '2024-03-01', version: 2 });
    });

    it('refuses a duplicate ref in the partnership naming the ref field', async () => {
      await createReview({ ref: 'DHR-DUP-1' });
      const res = await t.request(
        CREATE_REVIEW,
        { input: { kind: 'SAR', ref: 'DHR-DUP-1', title: 'Again' } },
        { token: panel.token },
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ref' });
    });

    it('refuses control characters in text, naming the field (a NUL was a database error)', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ title: 'Review\u0000' }, 'title'],
        [{ pseudonym: 'Ann\u001B' }, 'pseudonym'],
      ];
      for (const [input, field] of cases) {
        const res = await t.request(
          CREATE_REVIEW,
          { input: { kind: 'DHR', ref: 'DHR-CTRL', title: 'Review', ...input } },
          { token: panel.token },
        );
        expect(res.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });

    it('refuses stages out of order, naming the later field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ notifiedOn: '2024-02-01', decidedOn: '2024-01-15' }, 'decidedOn'],
        [{ decidedOn: '2024-02-01', panelStartedOn: '2024-01-31' }, 'panelStartedOn'],
        [{ notifiedOn: '2024-02-01', submittedOn: '2024-01-01' }, 'submittedOn'],
        [{ submittedOn: '2024-05-01', qaOutcome: 'APPROVED', qaOn: '2024-04-01' }, 'qaOn'],
        [{ qaOutcome: 'APPROVED', qaOn: '2024-06-01', publishedOn: '2024-05-01' }, 'publishedOn'],
        [{ notifiedOn: '2024-02-01', commissionedOn: '2024-01-01' }, 'commissionedOn'],
        [{ notifiedOn: '2999-01-01' }, 'notifiedOn'],
        [{ qaOutcome: 'RESUBMIT' }, 'qaOn'],
      ];
      for (const [dates, field] of cases) {
        const res = await t.request(
          CREATE_REVIEW,
          { input: { kind: 'DHR', ref: `BAD-${field}-${seq++}`, title: 'x', ...dates } },
          { token: panel.token },
        );
        expect(res.errors?.[0].extensions, JSON.stringify(dates)).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
        });
      }
      // An update is checked against the stored dates too.
      const r = await createReview({ notifiedOn: '2024-01-10', decidedOn: '2024-01-20' });
      const res = await t.request(
        UPDATE_REVIEW,
        { id: r.id, version: r.version, input: { notifiedOn: '2024-01-25' } },
        { token: panel.token },
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decidedOn' });
    });

    it('derives decisionLate and reportLate from the statutory timescales, while the stage is outstanding', async () => {
      const onTime = await createReview({
        notifiedOn: '2024-01-31',
        decidedOn: '2024-02-29',
        submittedOn: '2024-08-29',
      });
      expect(onTime).toMatchObject({ decisionLate: false, reportLate: false });
      const late = await createReview({
        notifiedOn: '2024-01-10',
        decidedOn: '2024-02-11',
        submittedOn: '2024-08-12',
      });
      // Done late, but done: the flags clear once the stage is done (issue 16).
      expect(late).toMatchObject({ decisionLate: false, reportLate: false });
      const waiting = await createReview({ notifiedOn: daysAgo(40) });
      expect(waiting).toMatchObject({ decisionLate: true, reportLate: false });
      const fresh = await createReview({ notifiedOn: daysAgo(5) });
      expect(fresh).toMatchObject({ decisionLate: false, reportLate: false });
      const unsubmitted = await createReview({ notifiedOn: daysAgo(400), decidedOn: daysAgo(390) });
      expect(unsubmitted).toMatchObject({ decisionLate: false, reportLate: true });
      // The arithmetic, pinned without the API: calendar months, clamped to the month's end.
      expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
      expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
      expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
      expect(
        reviewTimeliness({ notifiedOn: '2024-03-01', decidedOn: null, submittedOn: null }, '2024-04-01'),
      ).toEqual({
        decisionLate: false,
        reportLate: false,
      });
      expect(
        reviewTimeliness({ notifiedOn: '2024-03-01', decidedOn: null, submittedOn: null }, '2024-04-02'),
      ).toEqual({
        decisionLate: true,
        reportLate: false,
      });
    });

    it('refuses a stale version with CONFLICT and the current version', async () => {
      const r = await createReview();
      await t.ok(
        UPDATE_REVIEW,
        { id: r.id, version: 1, input: { title: 'First edit' } },
        { token: panel.token },
      );
      const res = await t.request(
        UPDATE_REVIEW,
        { id: r.id, version: 1, input: { title: 'Lost edit' } },
        { token: admin.token },
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      const now = await t.ok<{ review: { title: string } }>(
        `query($id: ID!) { review(id: $id) { title } }`,
        { id: r.id },
        {
          token: panel.token,
        },
      );
      expect(now.review.title).toBe('First edit');
    });

    it('writes an audit entry in the same transaction as each change', async () => {
      const r = await createReview();
      await t.ok(UPDATE_REVIEW, { id: r.id, version: 1, input: { area: 'Camden' } }, { token: panel.token });
      const rows: Array<{ operation: string; actor_id: string }> = await t.dataSource.query(
        `SELECT operation, actor_id FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
        [r.id],
      );
      expect(rows.map((x) => x.operation)).toEqual(['createReview', 'updateReview']);
      expect(rows[0].actor_id).toBe(panel.id);
    });
  });

  describe('confidentiality', () => {
    it('hides confidential reviews and their recommendations from everyone but ADMIN and DHR_PANEL', async () => {
      const secret = await createReview({ kind: 'CSPR', ref: 'CSPR-SECRET' });
      const open = await createReview({ kind: 'CSPR', ref: 'CSPR-OPEN', publishedOn: '2024-01-10' });
      const secretRec = await addRec(secret.id, { tags: ['theme:secret-theme'], dueOn: '2020-01-01' });
      const openRec = await addRec(open.id, { tags: ['theme:public-theme'] });
      const actionId = await makeAction();
      await t.ok(
        `mutation($r: ID!, $a: ID!) { linkRecommendationToAction(recommendationId: $r, actionId: $a) { id } }`,
        { r: secretRec.id, a: actionId },
        { token: panel.token },
      );
      await t.ok(
        `mutation($r: ID!, $a: ID!) { linkRecommendationToAction(recommendationId: $r, actionId: $a) { id } }`,
        { r: openRec.id, a: actionId },
        { token: panel.token },
      );

      for (const u of [admin, panel]) {
        const list = await t.ok<{ reviews: Array<{ ref: string }> }>(
          `{ reviews(kind: CSPR) { ref } }`,
          {},
          { token: u.token },
        );
        expect(list.reviews.map((r) => r.ref)).toEqual(['CSPR-OPEN', 'CSPR-SECRET']);
      }
      for (const u of [board, facilitator]) {
        const opts = { token: u.token };
        const list = await t.ok<{ reviews: Array<{ ref: string }> }>(
          `{ reviews(kind: CSPR) { ref } }`,
          {},
          opts,
        );
        expect(list.reviews.map((r) => r.ref)).toEqual(['CSPR-OPEN']);
        const one = await t.ok<{ review: unknown }>(
          `query($id: ID!) { review(id: $id) { id } }`,
          { id: secret.id },
          opts,
        );
        expect(one.review).toBeNull();
        const rec = await t.ok<{ recommendation: unknown }>(
          `query($id: ID!) { recommendation(id: $id) { id } }`,
          { id: secretRec.id },
          opts,
        );
        expect(rec.recommendation).toBeNull();
        const conn = await t.ok<{
          recommendations: { totalCount: number; edges: Array<{ node: { id: string } }> };
        }>(RECS, { filter: { kind: 'CSPR' } }, opts);
        expect(conn.recommendations.totalCount).toBe(1);
        expect(conn.recommendations.edges.map((e) => e.node.id)).toEqual([openRec.id]);
        const byReview = await t.ok<{ recommendations: { totalCount: number } }>(
          RECS,
          { filter: { reviewId: secret.id } },
          opts,
        );
        expect(byReview.recommendations.totalCount).toBe(0);
        const themes = await t.ok<{ recommendationThemes: Array<{ tag: { slug: string } }> }>(
          THEMES,
          {},
          opts,
        );
        expect(themes.recommendationThemes.map((x) => x.tag.slug)).not.toContain('secret-theme');
        expect(themes.recommendationThemes.map((x) => x.tag.slug)).toContain('public-theme');
        const act = await t.ok<{ action: { recommendations: Array<{ id: string }> } }>(
          `query($id: ID!) { action(id: $id) { recommendations { id } } }`,
          { id: actionId },
          opts,
        );
        expect(act.action.recommendations.map((r) => r.id)).toEqual([openRec.id]);
        // Nor can it be reached by a write: it does not exist for them.
        const status = await t.request(
          SET_STATUS,
          { input: { id: secretRec.id, status: 'IN_PROGRESS' } },
          opts,
        );
        expect(status.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      const act = await t.ok<{ action: { recommendations: Array<{ id: string }> } }>(
        `query($id: ID!) { action(id: $id) { recommendations { id } } }`,
        { id: actionId },
        { token: panel.token },
      );
      expect(act.action.recommendations.map((r) => r.id).sort()).toEqual([openRec.id, secretRec.id].sort());
    });
  });

  describe('recommendations', () => {
    it('adds a recommendation (LOCAL by default) with theme tags and starts its history', async () => {
      const r = await createReview();
      const rec = await addRec(r.id, {
        tags: ['theme:information-sharing', 'theme:risk-assessment'],
        dueOn: '2030-01-01',
      });
      expect(rec).toMatchObject({ scope: 'LOCAL', status: 'OPEN', overdue: false, review: { id: r.id } });
      expect((rec.tags as Array<{ slug: string }>).map((x) => x.slug)).toEqual([
        'information-sharing',
        'risk-assessment',
      ]);
      const nat = await addRec(r.id, { scope: 'NATIONAL' });
      expect(nat.scope).toBe('NATIONAL');
      const dup = await t.request(
        ADD_REC,
        { input: { reviewId: r.id, ref: rec.ref, text: 'x' } },
        { token: panel.token },
      );
      expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ref' });
      // The same ref in another review is fine.
      const other = await createReview();
      await addRec(other.id, { ref: rec.ref });
      const badTag = await t.request(
        ADD_REC,
        { input: { reviewId: r.id, ref: 'RX', text: 'x', tags: ['nocolon'] } },
        {
          token: panel.token,
        },
      );
      expect(badTag.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tags' });
      // Year 0000 passes the Date scalar but not PostgreSQL: it was a database error (found by fuzzing).
      const yearZero = await t.request(
        ADD_REC,
        { input: { reviewId: r.id, ref: 'RZ', text: 'x', dueOn: '0000-01-01' } },
        { token: panel.token },
      );
      expect(yearZero.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueOn' });
      const noReview = await t.request(
        ADD_REC,
        { input: { reviewId: '00000000-0000-4000-8000-000000000000', ref: 'RX', text: 'x' } },
        { token: panel.token },
      );
      expect(noReview.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reviewId' });
      const forbidden = await t.request(
        ADD_REC,
        { input: { reviewId: r.id, ref: 'RY', text: 'x' } },
        { token: board.token },
      );
      expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('moves status forward, needs evidence for ASSURED and for re-opening, and keeps the history', async () => {
      const r = await createReview();
      const rec = await addRec(r.id);
      const step = (input: Record<string, unknown>) =>
        t.request(SET_STATUS, { input: { id: rec.id, ...input } }, { token: panel.token });

      const same = await step({ status: 'OPEN' });
      expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
      expect((await step({ status: 'IN_PROGRESS' })).errors).toBeUndefined();
      const noEvidence = await step({ status: 'ASSURED', evidence: '   ' });
      expect(noEvidence.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
      expect((await step({ status: 'IMPLEMENTED' })).errors).toBeUndefined();
      const assured = await step({ status: 'ASSURED', evidence: 'Audit of 20 MARAC referrals, March 2025' });
      expect(assured.errors).toBeUndefined();
      const back = await step({ status: 'IN_PROGRESS' });
      expect(back.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
      const stale = await step({ status: 'IN_PROGRESS', evidence: 'Re-audit failed', version: 1 });
      expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 4 });
      const reopened = await step({ status: 'IN_PROGRESS', evidence: 'Re-audit found gaps', version: 4 });
      const final = (
        reopened.data as { setRecommendationStatus: { status: string; version: number; history: unknown[] } }
      ).setRecommendationStatus;
      expect(final.status).toBe('IN_PROGRESS');
      expect(final.version).toBe(5);
      expect(final.history).toMatchObject([
        { fromStatus: null, toStatus: 'OPEN', changedBy: { id: panel.id } },
        { fromStatus: 'OPEN', toStatus: 'IN_PROGRESS', evidence: null },
        { fromStatus: 'IN_PROGRESS', toStatus: 'IMPLEMENTED' },
        {
          fromStatus: 'IMPLEMENTED',
          toStatus: 'ASSURED',
          evidence: 'Audit of 20 MARAC referrals, March 2025',
        },
        { fromStatus: 'ASSURED', toStatus: 'IN_PROGRESS', evidence: 'Re-audit found gaps' },
      ]);
      const forbidden = await t.request(
        SET_STATUS,
        { input: { id: rec.id, status: 'IMPLEMENTED' } },
        { token: board.token },
      );
      expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const missing = await t.request(
        SET_STATUS,
        { input: { id: '00000000-0000-4000-8000-000000000000', status: 'IMPLEMENTED' } },
        { token: panel.token },
      );
      expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('links to actions idempotently, unlinks, and lists both ways', async () => {
      const r = await createReview({ publishedOn: '2024-01-01' });
      const rec = await addRec(r.id);
      const actionId = await makeAction();
      const link = `mutation($r: ID!, $a: ID!) { linkRecommendationToAction(recommendationId: $r, actionId: $a) { id actions { id } } }`;
      const first = await t.ok<{ linkRecommendationToAction: { actions: Array<{ id: string }> } }>(
        link,
        { r: rec.id, a: actionId },
        { token: panel.token },
      );
      expect(first.linkRecommendationToAction.actions.map((a) => a.id)).toEqual([actionId]);
      const again = await t.ok<{ linkRecommendationToAction: { actions: Array<{ id: string }> } }>(
        link,
        { r: rec.id, a: actionId },
        { token: panel.token },
      );
      expect(again.linkRecommendationToAction.actions).toHaveLength(1);
      const audits = await t.dataSource.query(
        `SELECT 1 FROM audit_entry WHERE entity_id = $1 AND operation = 'linkRecommendationToAction'`,
        [rec.id],
      );
      expect(audits).toHaveLength(1);
      const viaAction = await t.ok<{
        action: { recommendations: Array<{ id: string; review: { id: string } }> };
      }>(
        `query($id: ID!) { action(id: $id) { recommendations { id review { id } } } }`,
        { id: actionId },
        { token: board.token },
      );
      expect(viaAction.action.recommendations).toEqual([{ id: rec.id, review: { id: r.id } }]);
      const badAction = await t.request(
        link,
        { r: rec.id, a: '00000000-0000-4000-8000-000000000000' },
        { token: panel.token },
      );
      expect(badAction.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const unlink = await t.ok<{ unlinkRecommendationFromAction: { actions: unknown[] } }>(
        `mutation($r: ID!, $a: ID!) { unlinkRecommendationFromAction(recommendationId: $r, actionId: $a) { actions { id } } }`,
        { r: rec.id, a: actionId },
        { token: admin.token },
      );
      expect(unlink.unlinkRecommendationFromAction.actions).toEqual([]);
    });

    it('filters the tracker by review, kind, agency, scope, status, theme and overdue, and pages with cursors', async () => {
      const sar = await createReview({ kind: 'SAR', ref: 'ZZ-SAR-1' });
      const dhr = await createReview({ kind: 'DHR', ref: 'ZZ-DHR-1' });
      const a = await addRec(sar.id, {
        ref: 'R1',
        agency: 'Health',
        scope: 'REGIONAL',
        dueOn: daysAgo(3),
        tags: ['theme:housing'],
      });
      const b = await addRec(sar.id, { ref: 'R2', agency: 'Police', dueOn: daysAgo(3) });
      const c = await addRec(dhr.id, {
        ref: 'R1',
        agency: 'health',
        tags: ['theme:housing'],
        dueOn: '2099-01-01',
      });
      await t.ok(SET_STATUS, { input: { id: b.id, status: 'IMPLEMENTED' } }, { token: panel.token });
      const ids = async (filter: Record<string, unknown>) =>
        (
          await t.ok<{ recommendations: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
            RECS,
            { filter },
            { token: admin.token },
          )
        ).recommendations.edges.map((e) => e.node.id);
      expect(await ids({ reviewId: sar.id })).toEqual([a.id, b.id]);
      expect(await ids({ kind: 'SAR' })).toEqual([a.id, b.id]);
      expect(await ids({ agency: 'HEALTH', reviewId: sar.id })).toEqual([a.id]);
      expect((await ids({ agency: 'Health' })).sort()).toEqual([a.id, c.id].sort());
      expect(await ids({ scope: 'REGIONAL' })).toEqual([a.id]);
      expect(await ids({ status: ['IMPLEMENTED'], kind: 'SAR' })).toEqual([b.id]);
      expect(await ids({ theme: 'theme:housing' })).toEqual([c.id, a.id]);
      expect(await ids({ theme: 'housing' })).toEqual([c.id, a.id]);
      expect(await ids({ overdue: true, reviewId: sar.id })).toEqual([a.id]);
      expect(await ids({ overdue: false, reviewId: sar.id })).toEqual([b.id]);

      const all = await t.ok<{ recommendations: { totalCount: number } }>(RECS, {}, { token: admin.token });
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          recommendations: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: Array<{ node: { id: string } }>;
          };
        } = await t.ok(RECS, { first: 2, after }, { token: admin.token });
        expect(page.recommendations.totalCount).toBe(all.recommendations.totalCount);
        seen.push(...page.recommendations.edges.map((e) => e.node.id));
        if (!page.recommendations.pageInfo.hasNextPage) break;
        after = page.recommendations.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(all.recommendations.totalCount);
      expect(new Set(seen).size).toBe(seen.length);
      const bad = await t.request(RECS, { after: 'not-a-cursor!' }, { token: admin.token });
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('counts themes across visible reviews, with how many are still open', async () => {
      const r1 = await createReview({ publishedOn: '2024-01-01' });
      const r2 = await createReview({ publishedOn: '2024-01-01' });
      const x = await addRec(r1.id, { tags: ['theme:coercive-control'] });
      await addRec(r2.id, { tags: ['theme:coercive-control', 'theme:training'] });
      await addRec(r2.id, { tags: ['theme:coercive-control'] });
      await t.ok(SET_STATUS, { input: { id: x.id, status: 'IMPLEMENTED' } }, { token: panel.token });
      const res = await t.ok<{
        recommendationThemes: Array<{ tag: { slug: string }; total: number; open: number }>;
      }>(THEMES, {}, { token: board.token });
      const cc = res.recommendationThemes.find((x) => x.tag.slug === 'coercive-control');
      expect(cc).toMatchObject({ total: 3, open: 2 });
      expect(res.recommendationThemes.find((x) => x.tag.slug === 'training')).toMatchObject({
        total: 1,
        open: 1,
      });
    });

    it('batches relation fields: a review page costs a fixed number of statements', async () => {
      const r = await createReview({ ref: 'BATCH-1' });
      for (let i = 0; i < 6; i++) await addRec(r.id, { tags: ['theme:batching'] });
      const q = `query($id: ID!) { recommendations(filter: { reviewId: $id }) { edges { node {
        id overdue tags { slug } actions { id } history { toStatus changedBy { name } } review { ref decisionLate } } } } }`;
      t.statements.reset();
      await t.ok(q, { id: r.id }, { token: panel.token });
      const small = t.statements.count;
      for (let i = 0; i < 6; i++) await addRec(r.id, { tags: ['theme:batching'] });
      t.statements.reset();
      await t.ok(q, { id: r.id }, { token: panel.token });
      expect(t.statements.count).toBe(small);
      expect(small).toBeLessThanOrEqual(8);
    });
  });

  it('serves the web app through the SDK operations', async () => {
    const opts = { token: panel.token };
    const created = await t.ok(
      CreateReviewDocument,
      {
        input: {
          kind: 'SAR',
          ref: 'SDK-SAR-1',
          title: 'Safeguarding Adults Review: Mr S',
          notifiedOn: '2024-01-02',
        },
      },
      opts,
    );
    const review = created.createReview;
    const added = await t.ok(
      AddRecommendationDocument,
      {
        input: {
          reviewId: review.id,
          ref: 'R1',
          text: 'Adult social care to audit self-neglect cases',
          tags: ['theme:self-neglect'],
        },
      },
      opts,
    );
    await t.ok(
      SetRecommendationStatusDocument,
      { input: { id: added.addRecommendation.id, status: 'IMPLEMENTED', evidence: 'Audit done' } },
      opts,
    );
    const one = await t.ok(ReviewDocument, { id: review.id }, opts);
    expect(one.review?.recommendations[0].history.map((h) => h.toStatus)).toEqual(['OPEN', 'IMPLEMENTED']);
    const list = await t.ok(ReviewsDocument, { kind: 'SAR' }, opts);
    expect(list.reviews.map((r) => r.ref)).toContain('SDK-SAR-1');
    const tracker = await t.ok(RecommendationsDocument, { filter: { reviewId: review.id } }, opts);
    expect(tracker.recommendations.edges[0].node.review.ref).toBe('SDK-SAR-1');
    const themes = await t.ok(RecommendationThemesDocument, {}, opts);
    expect(themes.recommendationThemes.find((x) => x.tag.slug === 'self-neglect')).toMatchObject({
      total: 1,
      open: 0,
    });
  });
});
