import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../shared/dates';
import { snapshot } from '../audit/audit.service';
import { ActionUpdateEntity } from './action-update.entity';
import {
  type ActionOut,
  ADD_UPDATE,
  admin,
  adminViewer,
  board,
  create,
  errorOf,
  member,
  ONE,
  otherChair,
  setUp,
  strategy,
  t,
  tearDown,
} from './test-support/action-testbed';

describe('actions', () => {
  beforeAll(setUp);
  afterAll(tearDown);

  describe('addActionUpdate', () => {
    it('a member posts an update: history grows and the action takes its status and RAG, in one transaction', async () => {
      const a = await create({});
      await t.ok('{ me { id } }', {}, { token: member.token }); // the session is now held in memory
      t.statements.reset();
      const { addActionUpdate: u } = await t.ok<{
        addActionUpdate: {
          id: string;
          author: { id: string };
          action: { status: string; rag: string; version: number };
        };
      }>(
        ADD_UPDATE,
        {
          input: {
            actionId: a.id,
            status: 'IN_PROGRESS',
            rag: 'AMBER',
            progress: 'Two sessions held',
            impact: 'Referrals up',
          },
        },
        { token: member.token },
      );
      // lock of the action with the closed-period check's rounds (rounds/closed-periods.service.ts), the
      // update with the action's new state and its audit entry (+ author and action)
      expect(t.statements.count).toBe(4);
      expect(u.author.id).toBe(member.id);
      expect(u.action).toEqual({ id: a.id, status: 'IN_PROGRESS', rag: 'AMBER', version: 2 });
      const { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: board.token });
      expect(action).toMatchObject({
        status: 'IN_PROGRESS',
        rag: 'AMBER',
        lastReportedOn: todayIso(),
        latestUpdate: { id: u.id },
      });
      expect(action.updates).toHaveLength(1);
      const audit = await t.dataSource.query(`SELECT operation FROM audit_entry WHERE entity_id = $1`, [
        u.id,
      ]);
      expect(audit).toEqual([{ operation: 'addActionUpdate' }]);
    });

    it("the audit entry, written by the update's statement, holds the update as snapshot() writes it", async () => {
      const a = await create({ agreedOn: '2024-01-01' });
      const post = (reportedOn: string, progress: string) =>
        t.services.actions.addActionUpdate(adminViewer, {
          actionId: a.id,
          reportedOn,
          status: 'IN_PROGRESS',
          rag: 'AMBER',
          progress,
          impact: 'Referrals "up"',
        } as never);
      const latest = await post('2024-06-30', 'June');
      const late = await post('2024-03-31', 'March, loaded late');
      for (const [u, becameLatest] of [
        [latest, true],
        [late, false],
      ] as const) {
        const stored = await t.dataSource.getRepository(ActionUpdateEntity).findOneByOrFail({ id: u.id });
        const [entry]: Array<Record<string, unknown>> = await t.dataSource.query(
          `SELECT partnership_id, actor_id, entity_type, before, after FROM audit_entry
            WHERE operation = 'addActionUpdate' AND entity_id = $1`,
          [u.id],
        );
        expect(entry).toEqual({
          partnership_id: adminViewer.partnershipId,
          actor_id: adminViewer.id,
          entity_type: 'ActionUpdate',
          before: null,
          after: { ...(snapshot(stored) as object), becameLatest },
        });
        expect(snapshot(u)).toEqual(snapshot(stored));
      }
    });

    it('an update that turns the action red reads the previous state with the lock: no statement of its own', async () => {
      const a = await create({});
      await t.ok('{ me { id } }', {}, { token: member.token }); // the session is now held in memory
      const post = (rag: string) =>
        t.ok(
          ADD_UPDATE,
          { input: { actionId: a.id, status: 'IN_PROGRESS', rag, progress: rag } },
          {
            token: member.token,
          },
        );
      await post('AMBER');
      t.statements.reset();
      await post('RED');
      // lock (with the previous status and RAG), the update with its audit entry (which also tells
      // whether any forum feedback was answered with the action: none, so the linked-action notices,
      // voice/linked-action-notices.service.ts, read no forums for this change to red), + author and action
      expect(t.statements.count).toBe(4);
    });

    it('refuses outsiders, future dates and bad references, naming the field', async () => {
      const a = await create({});
      for (const who of [otherChair, board]) {
        const res = await t.request(
          ADD_UPDATE,
          { input: { actionId: a.id, status: 'IN_PROGRESS' } },
          { token: who.token },
        );
        expect(errorOf(res)?.code).toBe('FORBIDDEN');
      }
      const future = await t.request(
        ADD_UPDATE,
        { input: { actionId: a.id, status: 'IN_PROGRESS', reportedOn: '2999-01-01', progress: 'Soon' } },
        { token: admin.token },
      );
      expect(errorOf(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reportedOn' });
      // The message names the field in words, not by its API name.
      expect(future.errors?.[0]?.message).toBe('Reported on cannot be in the future.');
      // An update must say what happened: no text, or only spaces, is refused (and changes nothing).
      for (const progress of [undefined, '   ']) {
        const empty = await t.request(
          ADD_UPDATE,
          { input: { actionId: a.id, status: 'COMPLETE', rag: 'GREEN', progress } },
          { token: member.token },
        );
        expect(errorOf(empty)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'progress' });
        expect(empty.errors?.[0]?.message).toBe('Enter what progress has been made.');
      }
      // Year 0000 passes the Date scalar and JavaScript's Date, but not PostgreSQL (found by fuzzing).
      const yearZero = await t.request(
        ADD_UPDATE,
        { input: { actionId: a.id, status: 'IN_PROGRESS', reportedOn: '0000-01-01', progress: 'Long ago' } },
        { token: admin.token },
      );
      expect(errorOf(yearZero)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reportedOn' });
      const tooLong = await t.request(
        ADD_UPDATE,
        { input: { actionId: a.id, status: 'IN_PROGRESS', progress: 'x'.repeat(5001) } },
        { token: admin.token },
      );
      expect(errorOf(tooLong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'progress' });
      const unknown = await t.request(
        ADD_UPDATE,
        { input: { actionId: '00000000-0000-4000-8000-000000000000', status: 'IN_PROGRESS' } },
        { token: admin.token },
      );
      expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actionId' });
      const { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token });
      expect(action.updates).toEqual([]);
    });

    it('history loaded out of order: the current state is the latest by (reportedOn, recorded last)', async () => {
      const a = await create({ agreedOn: '2024-01-01' });
      const post = (reportedOn: string, status: string, rag: string | null, progress: string) =>
        t.services.actions.addActionUpdate(adminViewer, {
          actionId: a.id,
          reportedOn,
          status,
          rag,
          progress,
        } as never);
      await post('2024-06-30', 'IN_PROGRESS', 'GREEN', 'June');
      await post('2024-03-31', 'IN_PROGRESS', 'RED', 'March (loaded late)');
      let { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token });
      expect(action).toMatchObject({
        status: 'IN_PROGRESS',
        rag: 'GREEN',
        lastReportedOn: '2024-06-30',
        version: 3,
      });
      await post('2024-06-30', 'COMPLETE', null, 'June, second entry');
      ({ action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token }));
      expect(action).toMatchObject({ status: 'COMPLETE', rag: null, lastReportedOn: '2024-06-30' });
      expect(action.updates!.map((u) => u.progress)).toEqual([
        'June, second entry',
        'June',
        'March (loaded late)',
      ]);
      const audit: Array<{ progress: string; became: boolean }> = await t.dataSource.query(
        `SELECT e.after->>'progress' AS progress, (e.after->>'becameLatest')::boolean AS became
           FROM audit_entry e JOIN action_update u ON u.id::text = e.entity_id
          WHERE e.operation = 'addActionUpdate' AND u.action_id = $1 ORDER BY u.seq`,
        [a.id],
      );
      expect(audit).toEqual([
        { progress: 'June', became: true },
        { progress: 'March (loaded late)', became: false },
        { progress: 'June, second entry', became: true },
      ]);
    });

    it('concurrent updates to one action are all kept and the current state is the latest', async () => {
      const a = await create({ agreedOn: '2024-01-01' });
      const dates = ['2024-02-01', '2024-09-01', '2024-05-01', '2024-07-01', '2024-03-01', '2024-08-01'];
      const results = await Promise.all(
        dates.map((reportedOn, i) =>
          t.request(
            ADD_UPDATE,
            {
              input: {
                actionId: a.id,
                reportedOn,
                status: 'IN_PROGRESS',
                rag: i === 1 ? 'GREEN' : 'RED',
                progress: reportedOn,
              },
            },
            { token: member.token },
          ),
        ),
      );
      expect(results.filter((r) => r.errors)).toEqual([]);
      const { action } = await t.ok<{ action: ActionOut }>(ONE, { id: a.id }, { token: admin.token });
      expect(action.updates).toHaveLength(dates.length);
      expect(action).toMatchObject({ rag: 'GREEN', lastReportedOn: '2024-09-01', version: 1 + dates.length });
      expect(action.latestUpdate?.reportedOn).toBe('2024-09-01');
    });
  });

  describe('overdue and stale', () => {
    it('overdue: past dueOn while NOT_STARTED or IN_PROGRESS; stale: no update within the cadence', async () => {
      const late = await create({
        agreedOn: daysFromToday(-200),
        startsOn: daysFromToday(-200),
        dueOn: daysFromToday(-1),
      });
      expect(late).toMatchObject({ overdue: true, stale: true });
      const fresh = await create({ agreedOn: daysFromToday(-10), dueOn: daysFromToday(30) });
      expect(fresh).toMatchObject({ overdue: false, stale: false });
      await t.services.actions.addActionUpdate(adminViewer, {
        actionId: late.id,
        status: 'IN_PROGRESS' as never,
        rag: 'RED' as never,
        progress: 'Started',
      });
      let { action } = await t.ok<{ action: ActionOut }>(ONE, { id: late.id }, { token: admin.token });
      expect(action).toMatchObject({ overdue: true, stale: false });
      await t.services.actions.addActionUpdate(adminViewer, {
        actionId: late.id,
        status: 'COMPLETE' as never,
        progress: 'Finished',
      });
      ({ action } = await t.ok<{ action: ActionOut }>(ONE, { id: late.id }, { token: admin.token }));
      expect(action).toMatchObject({ overdue: false, stale: false });
      // The cadence is the strategy's.
      const old = await create({ agreedOn: daysFromToday(-40) });
      expect(old.stale).toBe(false);
      await t.dataSource.query('UPDATE strategy SET update_cadence_days = 30 WHERE id = $1', [strategy.id]);
      ({ action } = await t.ok<{ action: ActionOut }>(ONE, { id: old.id }, { token: admin.token }));
      expect(action.stale).toBe(true);
      await t.dataSource.query('UPDATE strategy SET update_cadence_days = 90 WHERE id = $1', [strategy.id]);
    });
  });
});
