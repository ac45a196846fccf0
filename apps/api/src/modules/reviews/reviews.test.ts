import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, reviewTimeliness } from './review.rules';
import {
  addRec,
  admin,
  board,
  CREATE_REVIEW,
  createReview,
  facilitator,
  makeAction,
  nextSeq,
  panel,
  RECS,
  SET_STATUS,
  setUp,
  t,
  tearDown,
  THEMES,
  UPDATE_REVIEW,
} from './test-support/review-testbed';

describe('reviews and recommendations through the API', () => {
  beforeAll(setUp);
  afterAll(tearDown);

  describe('reviews', () => {
    it('creates a review, confidential by default, for DHR_PANEL and ADMIN only', async () => {
      const r = await createReview({ pseudonym: 'Adult A', notifiedOn: daysFromToday(-10) });
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
          { input: { kind: 'DHR', ref: `BAD-${field}-${nextSeq()}`, title: 'x', ...dates } },
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
      const waiting = await createReview({ notifiedOn: daysFromToday(-40) });
      expect(waiting).toMatchObject({ decisionLate: true, reportLate: false });
      const fresh = await createReview({ notifiedOn: daysFromToday(-5) });
      expect(fresh).toMatchObject({ decisionLate: false, reportLate: false });
      const unsubmitted = await createReview({
        notifiedOn: daysFromToday(-400),
        decidedOn: daysFromToday(-390),
      });
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
});
