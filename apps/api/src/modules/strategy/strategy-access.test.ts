import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartnershipEntity } from '../identity/partnership.entity';
import { Role } from '../identity/user.entity';
import type { Viewer } from '../../shared/viewer';
import * as bed from './test-support/strategy-testbed';

describe('strategy: building the theory of change through the API', () => {
  beforeAll(bed.setUp);
  afterAll(bed.tearDown);

  describe('optimistic concurrency', () => {
    it.each([
      ['Strategy', bed.UPDATE_STRATEGY, 'updateStrategy', { title: 'Changed' }],
      ['Objective', bed.UPDATE_OBJECTIVE, 'updateObjective', { title: 'Changed' }],
      ['Outcome', bed.UPDATE_OUTCOME, 'updateOutcome', { title: 'Changed' }],
      ['Output', bed.UPDATE_OUTPUT, 'updateOutput', { title: 'Changed' }],
      ['Indicator', bed.UPDATE_INDICATOR, 'updateIndicator', { name: 'Changed' }],
    ])(
      '%s: a stale version is refused with CONFLICT and the current version',
      async (kind, doc, field, patch) => {
        const s = await bed.strategy({ title: `Conc ${kind}` });
        const o = await bed.objective(s.id, 'C');
        const oc = await bed.outcome(o.id);
        const ids: Record<string, string> = {
          Strategy: s.id,
          Objective: o.id,
          Outcome: oc.id,
          Output: (
            await bed.as<{ createOutput: { id: string } }>(bed.CREATE_OUTPUT, {
              input: { objectiveId: o.id, title: 'x' },
            })
          ).createOutput.id,
          Indicator: (await bed.indicator(oc.id)).id,
        };
        const id = ids[kind];
        const ok = await bed.as<Record<string, { version: number }>>(doc, { id, version: 1, input: patch });
        expect(ok[field].version).toBe(2);
        const e = await bed.fails(doc, { id, version: 1, input: patch });
        expect(e.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
        const audit = await bed.auditOf(id);
        expect(audit.filter((a) => a.operation === field)).toHaveLength(1);
      },
    );

    it('two concurrent updates from the same version: exactly one wins', async () => {
      const s = await bed.strategy({ title: 'Race' });
      const o = await bed.objective(s.id, 'R');
      const results = await Promise.all(
        ['First', 'Second', 'Third'].map((title) =>
          bed.t.request(
            bed.UPDATE_OBJECTIVE,
            { id: o.id, version: 1, input: { title } },
            { token: bed.admin },
          ),
        ),
      );
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(2);
      for (const l of losers)
        expect(l.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      const [row] = await bed.t.dataSource.query(`SELECT title, version FROM objective WHERE id = $1`, [
        o.id,
      ]);
      expect(row).toEqual({
        title: (winners[0].data as { updateObjective: { title: string } }).updateObjective.title,
        version: 2,
      });
      expect((await bed.auditOf(o.id)).filter((a) => a.operation === 'updateObjective')).toHaveLength(1);
    });

    it('two concurrent objectives with the same code: one is created, the other names code', async () => {
      const s = await bed.strategy({ title: 'Code race' });
      const results = await Promise.all(
        [1, 2, 3].map((n) =>
          bed.t.request(
            bed.CREATE_OBJECTIVE,
            { input: { strategyId: s.id, code: 'DUP', title: `Try ${n}` } },
            { token: bed.admin },
          ),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of results.filter((x) => x.errors)) {
        expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      }
      const [row] = await bed.t.dataSource.query(
        `SELECT count(*)::int AS n FROM objective WHERE strategy_id = $1`,
        [s.id],
      );
      expect(row.n).toBe(1);
    });

    it('the indicator update recomputes lowerIsBetter', async () => {
      const s = await bed.strategy({ title: 'Lower' });
      const ind = await bed.indicator((await bed.outcome((await bed.objective(s.id, 'L')).id)).id);
      const r = await bed.as<{ updateIndicator: { lowerIsBetter: boolean; target: number } }>(
        bed.UPDATE_INDICATOR,
        {
          id: ind.id,
          version: 1,
          input: { target: 45 },
        },
      );
      expect(r.updateIndicator).toMatchObject({ target: 45, lowerIsBetter: false });
    });
  });

  describe('who may', () => {
    it('non-admins are FORBIDDEN to write and change nothing', async () => {
      const s = await bed.strategy({ title: 'Guarded' });
      const e = await bed.fails(bed.CREATE_STRATEGY, { input: { title: 'Board strategy' } }, bed.board);
      expect(e.extensions?.code).toBe('FORBIDDEN');
      const e2 = await bed.fails(
        bed.UPDATE_STRATEGY,
        { id: s.id, version: 1, input: { title: 'No' } },
        bed.board,
      );
      expect(e2.extensions?.code).toBe('FORBIDDEN');
      const e3 = await bed.fails(
        bed.CREATE_OBJECTIVE,
        { input: { strategyId: s.id, code: 'X', title: 'x' } },
        bed.board,
      );
      expect(e3.extensions?.code).toBe('FORBIDDEN');
      const chair = (await bed.t.user({ roles: [] })).token;
      const e4 = await bed.fails(
        bed.RECORD,
        { input: { indicatorId: s.id, period: '2025-01-01', value: 1 } },
        chair,
      );
      expect(e4.extensions?.code).toBe('FORBIDDEN');
      // ...and the service refuses direct callers without ADMIN too.
      const err = await bed.rejection(
        bed.t.services.strategy.createStrategy({ ...bed.adminViewer, roles: [Role.BOARD] }, { title: 'x' }),
      );
      expect(err.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const [row] = await bed.t.dataSource.query(`SELECT title, version FROM strategy WHERE id = $1`, [s.id]);
      expect(row).toEqual({ title: 'Guarded', version: 1 });
    });

    it('anonymous callers are UNAUTHENTICATED', async () => {
      expect((await bed.fails(`{ strategies { id } }`, {}, null)).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await bed.fails(bed.CREATE_STRATEGY, { input: { title: 'x' } }, null)).extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('another partnership', () => {
    let otherStrategy: string;
    let otherObjective: string;
    let otherOutcome: string;
    let otherIndicator: string;
    beforeAll(async () => {
      const other = await bed.t.dataSource.getRepository(PartnershipEntity).save({ name: 'Elsewhere' });
      const otherAdmin: Viewer = { ...bed.adminViewer, partnershipId: other.id };
      const svc = bed.t.services.strategy;
      otherStrategy = (await svc.createStrategy(otherAdmin, { title: 'Their strategy' })).id;
      otherObjective = (
        await svc.createObjective(otherAdmin, { strategyId: otherStrategy, code: 'Z', title: 'z' })
      ).id;
      otherOutcome = (await svc.createOutcome(otherAdmin, { objectiveId: otherObjective, title: 'z' })).id;
      otherIndicator = (await svc.createIndicator(otherAdmin, { outcomeId: otherOutcome, name: 'z' })).id;
    });

    it('is invisible to reads', async () => {
      const r = await bed.as<{ strategy: unknown; strategies: Array<{ id: string }> }>(
        `query($id: ID!) { strategy(id: $id) { id } strategies { id } }`,
        { id: otherStrategy },
        bed.board,
      );
      expect(r.strategy).toBeNull();
      expect(r.strategies.map((x) => x.id)).not.toContain(otherStrategy);
    });

    it('updates of its records are NOT_FOUND', async () => {
      for (const [doc, id] of [
        [bed.UPDATE_STRATEGY, otherStrategy],
        [bed.UPDATE_OBJECTIVE, otherObjective],
        [bed.UPDATE_OUTCOME, otherOutcome],
        [bed.UPDATE_INDICATOR, otherIndicator],
        [bed.UPDATE_OUTPUT, otherObjective],
      ]) {
        const e = await bed.fails(doc, { id, version: 1, input: {} });
        expect(e.extensions?.code, doc).toBe('NOT_FOUND');
      }
      const [row] = await bed.t.dataSource.query(`SELECT version FROM strategy WHERE id = $1`, [
        otherStrategy,
      ]);
      expect(row.version).toBe(1);
    });

    it('its records cannot be referenced from our inputs', async () => {
      for (const [doc, input, field] of [
        [bed.CREATE_OBJECTIVE, { strategyId: otherStrategy, code: 'Q', title: 'q' }, 'strategyId'],
        [bed.CREATE_OUTCOME, { objectiveId: otherObjective, title: 'q' }, 'objectiveId'],
        [bed.CREATE_INDICATOR, { outcomeId: otherOutcome, name: 'q' }, 'outcomeId'],
        [bed.RECORD, { indicatorId: otherIndicator, period: '2025-01-01', value: 1 }, 'indicatorId'],
      ] as const)
        await bed.badInput(doc, { input }, field);
    });
  });
});
