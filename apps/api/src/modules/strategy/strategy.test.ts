import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as bed from './test-support/strategy-testbed';

describe('strategy: building the theory of change through the API', () => {
  beforeAll(bed.setUp);
  afterAll(bed.tearDown);

  it('builds a strategy tree and reads it back, with defaults, order and relations', async () => {
    const s = await bed.strategy({ vision: 'Everyone is safe' });
    expect(s).toMatchObject({ version: 1, greenThreshold: 0.8, amberThreshold: 0.5, updateCadenceDays: 90 });
    const o2 = await bed.objective(s.id, 'O2');
    const o1 = await bed.objective(s.id, 'O1', { position: 0 });
    expect(o2.position).toBe(0);
    const o3 = await bed.objective(s.id, 'O3');
    expect(o3.position).toBe(1);
    const oc = await bed.outcome(o1.id);
    const oc2 = await bed.outcome(o1.id, 'Professionals respond well');
    const op = await bed.as<{ createOutput: { id: string; outcomes: Array<{ id: string }> } }>(
      bed.CREATE_OUTPUT,
      {
        input: { objectiveId: o1.id, title: 'Train 500 professionals', outcomeIds: [oc.id, oc2.id, oc.id] },
      },
    );
    expect(op.createOutput.outcomes.map((x) => x.id).sort()).toEqual([oc.id, oc2.id].sort());
    const ind = await bed.indicator(oc.id);
    expect(ind.lowerIsBetter).toBe(true);
    const up = await bed.indicator(oc.id, { name: 'Reports to police', baseline: 100, target: 150 });
    expect(up.lowerIsBetter).toBe(false);
    await bed.as(bed.RECORD, { input: { indicatorId: ind.id, period: '2024-06-30', value: 28 } });
    await bed.as(bed.RECORD, { input: { indicatorId: ind.id, period: '2024-03-31', value: 30, area: null } });
    await bed.as(bed.RECORD, {
      input: { indicatorId: ind.id, period: '2024-06-30', value: 25, area: ' Westminster ' },
    });

    // Every signed-in user reads the strategy.
    const tree = await bed.as<{ strategy: { objectives: bed.TreeObjective[] } }>(
      bed.TREE,
      { id: s.id },
      bed.board,
    );
    // Order: position, then code (O1 and O2 both at position 0).
    expect(tree.strategy.objectives.map((o) => o.code)).toEqual(['O1', 'O2', 'O3']);
    const t1 = tree.strategy.objectives[0];
    expect(t1.strategy.id).toBe(s.id);
    expect(t1.outcomes.map((x) => x.id)).toEqual([oc.id, oc2.id]);
    expect(t1.outcomes[0].objective.id).toBe(o1.id);
    expect(t1.outcomes[0].outputs.map((x) => x.id)).toEqual([op.createOutput.id]);
    expect(t1.outputs[0]).toMatchObject({ id: op.createOutput.id, objective: { id: o1.id } });
    const ti = t1.outcomes[0].indicators.find((x) => x.id === ind.id)!;
    expect(ti.outcome.id).toBe(oc.id);
    expect(ti.measurements).toEqual([
      { period: '2024-03-31', value: 30, area: null },
      { period: '2024-06-30', value: 28, area: null },
      { period: '2024-06-30', value: 25, area: 'Westminster' },
    ]);
    expect(ti.wide).toEqual([{ value: 30 }, { value: 28 }]);
    expect(ti.westminster).toEqual([{ value: 25 }]);

    const list = await bed.as<{ strategies: Array<{ id: string }> }>(`{ strategies { id } }`, {}, bed.board);
    expect(list.strategies.map((x) => x.id)).toContain(s.id);
    // Each write left one audit entry in its transaction.
    expect((await bed.auditOf(s.id)).map((a) => a.operation)).toEqual(['createStrategy']);
    const outAudit = await bed.auditOf(op.createOutput.id);
    expect((outAudit[0].after.outcomeIds as string[]).sort()).toEqual([oc.id, oc2.id].sort());
  });

  it('batches relation fields: the statement count does not grow with the tree', async () => {
    async function buildTree(objectives: number) {
      const s = await bed.strategy({ title: `Tree ${objectives}` });
      for (let i = 0; i < objectives; i++) {
        const o = await bed.objective(s.id, `T${i}`);
        const oc = await bed.outcome(o.id);
        await bed.as(bed.CREATE_OUTPUT, {
          input: { objectiveId: o.id, title: 'Output', outcomeIds: [oc.id] },
        });
        const ind = await bed.indicator(oc.id);
        await bed.as(bed.RECORD, { input: { indicatorId: ind.id, period: '2025-01-31', value: i } });
      }
      return s.id;
    }
    const small = await buildTree(2);
    const big = await buildTree(8);
    bed.t.statements.reset();
    await bed.as(bed.TREE, { id: small }, bed.board);
    const smallCount = bed.t.statements.count;
    bed.t.statements.reset();
    await bed.as(bed.TREE, { id: big }, bed.board);
    expect(bed.t.statements.count).toBe(smallCount);
  });

  describe('validation names the field', () => {
    let sid: string;
    let oid: string;
    let ocid: string;
    let iid: string;
    beforeAll(async () => {
      sid = (await bed.strategy({ title: 'Validation' })).id;
      oid = (await bed.objective(sid, 'V1')).id;
      ocid = (await bed.outcome(oid)).id;
      iid = (await bed.indicator(ocid)).id;
    });

    it.each([
      ['empty title', { title: '' }, 'title'],
      ['blank title', { title: '   ' }, 'title'],
      ['title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
      ['vision of 5001 characters', { title: 'ok', vision: 'x'.repeat(5001) }, 'vision'],
      ['endsOn before startsOn', { title: 'ok', startsOn: '2025-01-01', endsOn: '2024-12-31' }, 'endsOn'],
      ['green above 1', { title: 'ok', greenThreshold: 1.2 }, 'greenThreshold'],
      ['amber below 0', { title: 'ok', amberThreshold: -0.1 }, 'amberThreshold'],
      ['amber above green', { title: 'ok', greenThreshold: 0.4, amberThreshold: 0.6 }, 'amberThreshold'],
      ['cadence of 0 days', { title: 'ok', updateCadenceDays: 0 }, 'updateCadenceDays'],
    ])('createStrategy refuses %s, naming the field', async (_label, input, field) => {
      await bed.badInput(bed.CREATE_STRATEGY, { input }, field);
    });

    it('refuses an impossible date (the Date scalar)', async () => {
      const e = await bed.fails(bed.CREATE_STRATEGY, { input: { title: 'ok', startsOn: '2025-02-30' } });
      expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('the service itself refuses bad dates for direct callers', async () => {
      const err = await bed.rejection(
        bed.t.services.strategy.createStrategy(bed.adminViewer, { title: 'ok', startsOn: '2025-02-30' }),
      );
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn' });
    });

    it('objective: code, title, description, position, strategyId, duplicate code', async () => {
      for (const [input, field] of [
        [{ strategyId: sid, code: '', title: 'x' }, 'code'],
        [{ strategyId: sid, code: 'x'.repeat(21), title: 'x' }, 'code'],
        [{ strategyId: sid, code: 'V2', title: ' ' }, 'title'],
        [{ strategyId: sid, code: 'V2', title: 'x', description: 'x'.repeat(5001) }, 'description'],
        [{ strategyId: sid, code: 'V2', title: 'x', position: -1 }, 'position'],
        [{ strategyId: sid, code: 'V1', title: 'dup' }, 'code'],
        [{ strategyId: '00000000-0000-4000-8000-000000000000', code: 'V2', title: 'x' }, 'strategyId'],
        [{ strategyId: 'not-a-uuid', code: 'V2', title: 'x' }, 'strategyId'],
      ] as const)
        await bed.badInput(bed.CREATE_OBJECTIVE, { input }, field);
    });

    it('outcome, output, indicator and measurement rules', async () => {
      await bed.badInput(bed.CREATE_OUTCOME, { input: { objectiveId: oid, title: '' } }, 'title');
      await bed.badInput(bed.CREATE_OUTCOME, { input: { objectiveId: sid, title: 'x' } }, 'objectiveId');
      await bed.badInput(bed.CREATE_OUTPUT, { input: { objectiveId: oid, title: 'x'.repeat(201) } }, 'title');
      await bed.badInput(
        bed.CREATE_OUTPUT,
        { input: { objectiveId: oid, title: 'x', outcomeIds: ['nope'] } },
        'outcomeIds',
      );
      await bed.badInput(bed.CREATE_INDICATOR, { input: { outcomeId: ocid, name: '' } }, 'name');
      await bed.badInput(
        bed.CREATE_INDICATOR,
        { input: { outcomeId: ocid, name: 'x', unit: 'u'.repeat(51) } },
        'unit',
      );
      await bed.badInput(bed.CREATE_INDICATOR, { input: { outcomeId: oid, name: 'x' } }, 'outcomeId');
      await bed.badInput(
        bed.RECORD,
        { input: { indicatorId: ocid, period: '2025-01-31', value: 1 } },
        'indicatorId',
      );
      await bed.badInput(
        bed.RECORD,
        { input: { indicatorId: iid, period: '2025-01-31', value: 1, area: 'x'.repeat(101) } },
        'area',
      );
      // A value for a period that has not happened yet is refused, in words.
      const future = await bed.badInput(
        bed.RECORD,
        { input: { indicatorId: iid, period: `${new Date().getUTCFullYear() + 1}-03-31`, value: 1 } },
        'period',
      );
      expect(future.message).toBe('The period must not be in the future.');
    });

    it('update patches: title cannot be blanked or removed; thresholds checked against stored values', async () => {
      const s = await bed.strategy({ title: 'Patchable', greenThreshold: 0.9, amberThreshold: 0.6 });
      await bed.badInput(bed.UPDATE_STRATEGY, { id: s.id, version: 1, input: { title: '' } }, 'title');
      await bed.badInput(bed.UPDATE_STRATEGY, { id: s.id, version: 1, input: { title: null } }, 'title');
      await bed.badInput(
        bed.UPDATE_STRATEGY,
        { id: s.id, version: 1, input: { greenThreshold: 0.5 } },
        'amberThreshold',
      );
      await bed.badInput(
        bed.UPDATE_STRATEGY,
        { id: s.id, version: 1, input: { startsOn: '2029-01-01' } },
        'endsOn',
      );
      await bed.badInput(bed.UPDATE_OBJECTIVE, { id: oid, version: 1, input: { title: ' ' } }, 'title');
      // Nothing changed: the version is still 1.
      const ok = await bed.as<{ updateStrategy: { version: number; title: string } }>(bed.UPDATE_STRATEGY, {
        id: s.id,
        version: 1,
        input: { title: 'Patched', greenThreshold: 0.7 },
      });
      expect(ok.updateStrategy).toMatchObject({ version: 2, title: 'Patched' });
    });
  });

  it('an output contributes only to outcomes of its own objective', async () => {
    const s = await bed.strategy({ title: 'Cross' });
    const a = await bed.objective(s.id, 'A');
    const b = await bed.objective(s.id, 'B');
    const ocA = await bed.outcome(a.id);
    const ocB = await bed.outcome(b.id);
    const e = await bed.badInput(
      bed.CREATE_OUTPUT,
      { input: { objectiveId: a.id, title: 'Mixed', outcomeIds: [ocA.id, ocB.id] } },
      'outcomeIds',
    );
    expect(e.message).toMatch(/own objective/);
    const count = await bed.t.dataSource.query(`SELECT count(*)::int AS n FROM output WHERE title = 'Mixed'`);
    expect(count[0].n).toBe(0);
    const out = await bed.as<{ createOutput: { id: string; version: number } }>(bed.CREATE_OUTPUT, {
      input: { objectiveId: a.id, title: 'Good', outcomeIds: [ocA.id] },
    });
    await bed.badInput(
      bed.UPDATE_OUTPUT,
      { id: out.createOutput.id, version: 1, input: { outcomeIds: [ocB.id] } },
      'outcomeIds',
    );
    const upd = await bed.as<{ updateOutput: { version: number; outcomes: Array<{ id: string }> } }>(
      bed.UPDATE_OUTPUT,
      {
        id: out.createOutput.id,
        version: 1,
        input: { outcomeIds: [] },
      },
    );
    expect(upd.updateOutput).toMatchObject({ version: 2, outcomes: [] });
    const audit = await bed.auditOf(out.createOutput.id);
    expect(audit.map((x) => x.operation)).toEqual(['createOutput', 'updateOutput']);
    expect(audit[1].before!.outcomeIds).toEqual([ocA.id]);
    expect(audit[1].after.outcomeIds).toEqual([]);
  });

  it('recording a measurement again replaces it; the audit trail keeps the old value', async () => {
    const s = await bed.strategy({ title: 'Measures' });
    const o = await bed.objective(s.id, 'M');
    const ind = await bed.indicator((await bed.outcome(o.id)).id);
    const first = await bed.as<{ recordMeasurement: { id: string } }>(bed.RECORD, {
      input: { indicatorId: ind.id, period: '2025-03-31', value: 27 },
    });
    const again = await bed.as<{ recordMeasurement: { id: string; value: number; area: string | null } }>(
      bed.RECORD,
      {
        input: { indicatorId: ind.id, period: '2025-03-31', value: 24.5, area: '' },
      },
    );
    expect(again.recordMeasurement).toMatchObject({
      id: first.recordMeasurement.id,
      value: 24.5,
      area: null,
    });
    // A different area is a different measurement.
    const area = await bed.as<{ recordMeasurement: { id: string } }>(bed.RECORD, {
      input: { indicatorId: ind.id, period: '2025-03-31', value: 40, area: 'Camden' },
    });
    expect(area.recordMeasurement.id).not.toBe(first.recordMeasurement.id);
    const rows = await bed.t.dataSource.query(
      `SELECT value, area FROM measurement WHERE indicator_id = $1 ORDER BY area`,
      [ind.id],
    );
    expect(rows).toEqual([
      { value: 24.5, area: '' },
      { value: 40, area: 'Camden' },
    ]);
    const audit = await bed.auditOf(first.recordMeasurement.id);
    expect(audit.map((a) => a.operation)).toEqual(['recordMeasurement', 'recordMeasurement']);
    expect(audit[0].before).toBeNull();
    expect(audit[0].after.value).toBe(27);
    expect(audit[1].before!.value).toBe(27);
    expect(audit[1].after.value).toBe(24.5);
  });
});
