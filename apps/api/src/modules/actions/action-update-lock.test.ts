import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { openRound, roundPlan } from '../../../test/support/closed-round';
import { daysFromToday } from '../../../test/support/dates';
import { viewerOf } from '../../../test/support/viewer';
import { todayIso } from '../../shared/dates';
import { Role } from '../identity/user.entity';
import { fastPathsOn } from '../../fast-paths';
import { lockPartnershipAction } from './action-update.queries';

/**
 * addActionUpdate's first statement (action-update.queries.ts) locks the action FOR UPDATE and reads,
 * locked FOR SHARE, the reporting rounds that an update of that date reaches (for ClosedPeriods.check,
 * which used to read them in a statement of its own): the rounds it returns and the locks it holds.
 */

describe("addActionUpdate's lock statement", () => {
  let t: TestApp;
  let actionId: string;
  let early: string;
  let late: string;

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    const admin = await t.user({ roles: [Role.ADMIN], name: 'Lena Lead' });
    const chair = await t.user({ name: 'Cara Chair' });
    const v = viewerOf(t, admin, 'Lena Lead');
    const plan = await roundPlan(t, v, { chairId: chair.id });
    actionId = plan.actionId;
    const open = async (title: string, periodEnd: string, returnsDueOn: string) =>
      (await openRound(t, admin, plan.strategyId, { title, periodEnd, returnsDueOn })).id;
    early = await open('Quarter 2', daysFromToday(-30), daysFromToday(-20));
    late = await open('Quarter 3', daysFromToday(-5), daysFromToday(10));
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** Whether another connection can take `lock` on the row at once (NOWAIT: 55P03 when it cannot). */
  const free = (table: string, id: string, lock: 'FOR UPDATE' | 'FOR SHARE') =>
    t.dataSource.query(`SELECT id FROM ${table} WHERE id = $1 ${lock} NOWAIT`, [id]).then(
      () => true,
      (e: { code?: string }) => {
        if (e.code === '55P03') return false;
        throw e;
      },
    );

  it('returns the rounds an update of that date reaches, soonest due first, locked FOR SHARE with the action', async () => {
    await t.dataSource.transaction(async (tx) => {
      const today = await lockPartnershipAction(tx, actionId, t.partnershipId, todayIso());
      // With the action's state (the latest update's; none yet) for the linked-action notices.
      expect(today).toMatchObject({
        id: actionId,
        last_reported_on: null,
        current_status: 'NOT_STARTED',
        current_rag: null,
      });
      // A named prepared statement of the transaction's connection (database/prepared.ts), with the fast
      // paths on (THROUGHLINE_FAST_PATHS=0 runs it unnamed).
      const prepared: Array<{ n: number }> = await tx.query(
        `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'WITH locked AS MATERIALIZED%'`,
      );
      expect(prepared).toEqual([{ n: fastPathsOn(t.dataSource) ? 1 : 0 }]);
      expect(today!.rounds).toEqual([
        {
          id: late,
          partnership_id: t.partnershipId,
          title: 'Quarter 3',
          period_end: daysFromToday(-5),
          returns_due_on: daysFromToday(10),
          status: 'OPEN',
        },
      ]);
      expect(await free('action', actionId, 'FOR SHARE')).toBe(false);
      // The reached round is held FOR SHARE: a close (FOR UPDATE) waits, another write (FOR SHARE) does not.
      expect(await free('reporting_round', late, 'FOR UPDATE')).toBe(false);
      expect(await free('reporting_round', late, 'FOR SHARE')).toBe(true);
      // A round whose returns were due before the update's date is neither read nor locked.
      expect(await free('reporting_round', early, 'FOR UPDATE')).toBe(true);

      const backDated = await lockPartnershipAction(tx, actionId, t.partnershipId, daysFromToday(-25));
      expect(backDated!.rounds.map((r) => r.id)).toEqual([early, late]);
      expect(await free('reporting_round', early, 'FOR UPDATE')).toBe(false);
    });
    // Committed: every lock is gone.
    expect(await free('reporting_round', late, 'FOR UPDATE')).toBe(true);
    expect(await free('action', actionId, 'FOR UPDATE')).toBe(true);
  });

  it('finds no action of another partnership, and then locks nothing', async () => {
    const other = '00000000-0000-4000-8000-000000000000';
    await t.dataSource.transaction(async (tx) => {
      expect(await lockPartnershipAction(tx, actionId, other, daysFromToday(-25))).toBeUndefined();
      expect(await free('action', actionId, 'FOR UPDATE')).toBe(true);
      expect(await free('reporting_round', early, 'FOR UPDATE')).toBe(true);
    });
  });
});
