import { daysFromToday } from '../../../test/support/dates';
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
import {
  ADD_REC,
  addRec,
  admin,
  board,
  createReview,
  makeAction,
  panel,
  RECS,
  SET_STATUS,
  setUp,
  t,
  tearDown,
  THEMES,
} from './test-support/review-testbed';

describe('reviews and recommendations through the API', () => {
  beforeAll(setUp);
  afterAll(tearDown);

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
        dueOn: daysFromToday(-3),
        tags: ['theme:housing'],
      });
      const b = await addRec(sar.id, { ref: 'R2', agency: 'Police', dueOn: daysFromToday(-3) });
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
