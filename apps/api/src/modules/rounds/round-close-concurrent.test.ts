import { daysFromToday } from '../../../test/support/dates';
import type { DataSource } from 'typeorm';
import { viewerOf } from '../../../test/support/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRound, roundPlan } from '../../../test/support/closed-round';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { createDataSource } from '../../database/data-source';
import type { Viewer } from '../../shared/viewer';
import { Role } from '../identity/user.entity';
import { RoundRecordService } from './round-record.service';

/**
 * Closing holds a transaction (the round locked) while it computes the record, partly on other
 * connections of the pool: more closes at once than the pool has connections must still all finish
 * (database/lanes.ts), each with its record.
 */

const RECORD = `query R($id: ID!) { reportingRound(id: $id) { status rollup { asOf totals { total } } } }`;

describe('closing more rounds at once than the pool has connections', () => {
  let t: TestApp;
  let admin: TestUser;
  let viewer: Viewer;
  let small: DataSource;
  const roundIds: string[] = [];
  const POOL = 2;
  const ROUNDS = 5;

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN], name: 'Lena Lead' });
    viewer = viewerOf(t, admin, 'Lena Lead');
    const { strategyId } = await roundPlan(t, viewer, {
      tags: ['ecological-level:community'],
      indicator: true,
    });
    for (let i = 0; i < ROUNDS; i++) {
      const due = daysFromToday(-200 + i * 10);
      const opened = await openRound(t, admin, strategyId, {
        title: `Round ${i + 1}`,
        periodEnd: due,
        returnsDueOn: due,
      });
      roundIds.push(opened.id);
    }
    small = createDataSource({ url: t.db.url, poolSize: POOL });
    await small.initialize();
  }, 120_000);

  afterAll(async () => {
    await small?.destroy();
    await t?.close();
  });

  it('finishes every close, each with its record', async () => {
    const closes = new RoundRecordService(small);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the closes did not finish: the pool is exhausted')), 30_000),
    );
    const closed = await Promise.race([Promise.all(roundIds.map((id) => closes.close(viewer, id))), timeout]);
    expect(closed.map((r) => r.status)).toEqual(roundIds.map(() => 'CLOSED'));
    for (const [i, id] of roundIds.entries()) {
      const rec = await t.ok<{
        reportingRound: { status: string; rollup: { asOf: string; totals: { total: number } } };
      }>(RECORD, { id }, { token: admin.token });
      expect(rec.reportingRound.status).toBe('CLOSED');
      expect(rec.reportingRound.rollup).toEqual({ asOf: daysFromToday(-200 + i * 10), totals: { total: 1 } });
    }
  }, 60_000);
});
