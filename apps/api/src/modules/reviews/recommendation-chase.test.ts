/**
 * The national routing chase (issue 22): the panel is reminded once when a national recommendation's
 * acknowledgement (28 days) or answer (90 days) is overdue, by the notification scheduler's pass.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { NotificationScheduler } from '../notifications';

let t: TestApp;
let panel: TestUser;
let panel2: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  panel = await t.user({ roles: [Role.DHR_PANEL] });
  panel2 = await t.user({ roles: [Role.DHR_PANEL] });
  await t.user({ roles: [Role.BOARD] });
});
afterAll(() => t?.close());

describe('chasing national recommendations', () => {
  it('reminds every panel member once after the set days without acknowledgement, then without answer', async () => {
    const ok = <T>(doc: string, input: Record<string, unknown>) =>
      t.ok<T>(doc, { input }, { token: panel.token });
    const review = (
      await ok<{ createReview: { id: string } }>(
        `mutation($input: ReviewInput!) { createReview(input: $input) { id } }`,
        {
          kind: 'DHR',
          ref: 'DHR-NAT-1',
          title: 'Review with a national recommendation',
        },
      )
    ).createReview.id;
    const rec = (
      await ok<{ addRecommendation: { id: string; version: number } }>(
        `mutation($input: RecommendationInput!) { addRecommendation(input: $input) { id version } }`,
        {
          reviewId: review,
          ref: 'N1',
          text: 'Statutory guidance to cover economic abuse',
          scope: 'NATIONAL',
          madeOn: '2024-12-01',
        },
      )
    ).addRecommendation;
    const ROUTE = `mutation($input: RecommendationRoutingInput!) { updateRecommendationRouting(input: $input) { version } }`;
    const v1 = (
      await ok<{ updateRecommendationRouting: { version: number } }>(ROUTE, {
        id: rec.id,
        version: rec.version,
        addressedTo: 'Home Office',
        sentOn: '2025-01-01',
      })
    ).updateRecommendationRouting.version;

    const scheduler = new NotificationScheduler({
      databaseUrl: '',
      dataSource: t.dataSource,
      intervalSeconds: 60,
      delivery: null,
      logger: pino({ level: 'silent' }),
    });
    const pass = async (day: string) => (await scheduler.runPass(new Date(`${day}T12:00:00Z`))).recorded;
    const chases = () =>
      t.dataSource.query(
        `SELECT recipient_id AS "recipientId", subject, body, link FROM message
         WHERE kind = 'RECOMMENDATION_CHASE' ORDER BY created_at, recipient_id`,
      ) as Promise<Array<{ recipientId: string; subject: string; body: string; link: string }>>;

    expect(await pass('2025-01-29')).toBe(0); // 28 days: within the set days
    expect(await pass('2025-01-30')).toBe(2); // 29 days: both panel members, nobody else
    expect(await pass('2025-01-31')).toBe(0); // chased once, not daily
    expect(await pass('2025-02-20')).toBe(0);
    const first = await chases();
    expect(first.map((m) => m.recipientId).sort()).toEqual([panel.id, panel2.id].sort());
    expect(first[0]).toMatchObject({
      subject: 'Chase recommendation DHR-NAT-1 N1',
      link: `/reviews/${review}/plan`,
    });
    expect(first[0].body).toMatch(
      /^Waiting 29 days for Home Office's acknowledgement \(sent 1 January 2025\)/,
    );

    // Acknowledged: now the answer is awaited, up to 90 days from sending.
    await ok(ROUTE, { id: rec.id, version: v1, acknowledgedOn: '2025-02-21' });
    expect(await pass('2025-04-01')).toBe(0); // 90 days
    expect(await pass('2025-04-02')).toBe(2); // 91 days: the answer chase, once
    expect(await pass('2025-04-03')).toBe(0);
    expect((await chases()).slice(2)[0].body).toMatch(/^Waiting 91 days for Home Office's answer/);
  });
});
