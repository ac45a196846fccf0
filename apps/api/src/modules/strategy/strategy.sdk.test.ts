import {
  CreateIndicatorDocument,
  CreateObjectiveDocument,
  CreateOutcomeDocument,
  CreateOutputDocument,
  CreateStrategyDocument,
  IndicatorMeasurementsDocument,
  RecordMeasurementDocument,
  StrategiesDocument,
  StrategyTreeDocument,
  TagsDocument,
  UpdateIndicatorDocument,
  UpdateObjectiveDocument,
  UpdateOutcomeDocument,
  UpdateOutputDocument,
  UpdateStrategyDocument,
} from '@throughline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';

// The SDK operations the web app's admin pages and the demo loader use, sent as they are.
describe('strategy SDK operations', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await t.user({ roles: [Role.ADMIN] })).token;
  });
  afterAll(() => t.close());

  it('build, edit and read a strategy tree', async () => {
    const o = { token };
    const { createStrategy: s } = await t.ok(
      CreateStrategyDocument,
      { input: { title: 'Ending VAWG', startsOn: '2025-04-01', endsOn: '2029-03-31' } },
      o,
    );
    const { updateStrategy } = await t.ok(
      UpdateStrategyDocument,
      { id: s.id, version: s.version, input: { vision: 'Safe everywhere', updateCadenceDays: 60 } },
      o,
    );
    expect(updateStrategy).toMatchObject({ version: 2, vision: 'Safe everywhere', updateCadenceDays: 60 });
    const { createObjective: obj } = await t.ok(
      CreateObjectiveDocument,
      { input: { strategyId: s.id, code: 'P1', title: 'Prevention' } },
      o,
    );
    await t.ok(
      UpdateObjectiveDocument,
      { id: obj.id, version: 1, input: { description: 'Stop it first' } },
      o,
    );
    const { createOutcome: oc } = await t.ok(
      CreateOutcomeDocument,
      { input: { objectiveId: obj.id, title: 'Young people know healthy relationships' } },
      o,
    );
    await t.ok(
      UpdateOutcomeDocument,
      { id: oc.id, version: 1, input: { description: 'Measured in schools' } },
      o,
    );
    const { createOutput: op } = await t.ok(
      CreateOutputDocument,
      { input: { objectiveId: obj.id, title: 'RSE in every school', outcomeIds: [oc.id] } },
      o,
    );
    expect(op.outcomes).toEqual([{ id: oc.id, title: oc.title }]);
    await t.ok(UpdateOutputDocument, { id: op.id, version: 1, input: { title: 'RSE in all schools' } }, o);
    const { createIndicator: ind } = await t.ok(
      CreateIndicatorDocument,
      { input: { outcomeId: oc.id, name: 'Schools delivering RSE', unit: '%', baseline: 40, target: 90 } },
      o,
    );
    const { updateIndicator } = await t.ok(
      UpdateIndicatorDocument,
      { id: ind.id, version: 1, input: { target: 95 } },
      o,
    );
    expect(updateIndicator).toMatchObject({ target: 95, lowerIsBetter: false, version: 2 });
    await t.ok(
      RecordMeasurementDocument,
      { input: { indicatorId: ind.id, period: '2025-06-30', value: 55 } },
      o,
    );
    await t.ok(
      RecordMeasurementDocument,
      { input: { indicatorId: ind.id, period: '2025-06-30', value: 60, area: 'Camden' } },
      o,
    );

    const { strategies } = await t.ok(StrategiesDocument, {}, o);
    expect(strategies.map((x) => x.id)).toEqual([s.id]);
    const { strategy } = await t.ok(StrategyTreeDocument, { id: s.id }, o);
    const objective = strategy!.objectives[0];
    expect(objective).toMatchObject({ code: 'P1', description: 'Stop it first' });
    expect(objective.outputs[0]).toMatchObject({ title: 'RSE in all schools', version: 2 });
    expect(objective.outcomes[0].indicators[0].measurements.map((m) => [m.value, m.area])).toEqual([
      [55, null],
      [60, 'Camden'],
    ]);
    const camden = await t.ok(IndicatorMeasurementsDocument, { strategyId: s.id, area: 'Camden' }, o);
    expect(camden.strategy!.objectives[0].outcomes[0].indicators[0].measurements.map((m) => m.value)).toEqual(
      [60],
    );

    const { tags } = await t.ok(TagsDocument, { kind: 'ecological-level' }, o);
    expect(tags.map((x) => x.ref)).toHaveLength(4);
  });
});
