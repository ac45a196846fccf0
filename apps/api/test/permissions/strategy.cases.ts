/** The permission matrix's strategy mutations (run by test/permissions.test.ts). */
import { ADMIN_ONLY, type Matrix, type MutationCase } from '../support/permission-matrix';

export function strategyMutations(matrix: Matrix): MutationCase[] {
  const { f, version } = matrix;
  return [
    // strategy
    {
      field: 'createStrategy',
      doc: `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
      vars: (p) => ({ input: { title: `Strategy by ${p}` } }),
      expect: ADMIN_ONLY('ok'),
    },
    {
      field: 'updateStrategy',
      doc: `mutation($id: ID!, $v: Int!, $input: StrategyPatch!) { updateStrategy(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({
        id: f.strategy,
        v: await version('strategy', f.strategy),
        input: { vision: `by ${p}` },
      }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'createObjective',
      doc: `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id } }`,
      vars: (p) => ({ input: { strategyId: f.strategy, code: `O-${p}`, title: `Objective by ${p}` } }),
      expect: ADMIN_ONLY('BAD_USER_INPUT:strategyId'),
    },
    {
      field: 'updateObjective',
      doc: `mutation($id: ID!, $v: Int!, $input: ObjectivePatch!) { updateObjective(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({
        id: f.objective,
        v: await version('objective', f.objective),
        input: { description: `by ${p}` },
      }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'createOutcome',
      doc: `mutation($input: OutcomeInput!) { createOutcome(input: $input) { id } }`,
      vars: (p) => ({ input: { objectiveId: f.objective, title: `Outcome by ${p}` } }),
      expect: ADMIN_ONLY('BAD_USER_INPUT:objectiveId'),
    },
    {
      field: 'updateOutcome',
      doc: `mutation($id: ID!, $v: Int!, $input: OutcomePatch!) { updateOutcome(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({
        id: f.outcome,
        v: await version('outcome', f.outcome),
        input: { description: p },
      }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'createOutput',
      doc: `mutation($input: OutputInput!) { createOutput(input: $input) { id } }`,
      vars: (p) => ({
        input: { objectiveId: f.objective, title: `Output by ${p}`, outcomeIds: [f.outcome] },
      }),
      expect: ADMIN_ONLY('BAD_USER_INPUT:objectiveId'),
    },
    {
      field: 'updateOutput',
      doc: `mutation($id: ID!, $v: Int!, $input: OutputPatch!) { updateOutput(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({ id: f.output, v: await version('output', f.output), input: { description: p } }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'createIndicator',
      doc: `mutation($input: IndicatorInput!) { createIndicator(input: $input) { id } }`,
      vars: (p) => ({ input: { outcomeId: f.outcome, name: `Indicator by ${p}` } }),
      expect: ADMIN_ONLY('BAD_USER_INPUT:outcomeId'),
    },
    {
      field: 'updateIndicator',
      doc: `mutation($id: ID!, $v: Int!, $input: IndicatorPatch!) { updateIndicator(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({
        id: f.indicator,
        v: await version('indicator', f.indicator),
        input: { unit: p },
      }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'recordMeasurement',
      doc: `mutation($input: MeasurementInput!) { recordMeasurement(input: $input) { id } }`,
      vars: () => ({ input: { indicatorId: f.indicator, period: '2025-06-30', value: 25 } }),
      expect: ADMIN_ONLY('BAD_USER_INPUT:indicatorId'),
    },
    {
      field: 'setIndicatorTarget',
      doc: `mutation($input: IndicatorTargetInput!) { setIndicatorTarget(input: $input) { id } }`,
      vars: () => ({ input: { indicatorId: f.indicator, period: '2027-03-31', value: 22 } }),
      expect: ADMIN_ONLY('BAD_USER_INPUT:indicatorId'),
    },
    {
      field: 'removeIndicatorTarget',
      doc: `mutation($id: ID!) { removeIndicatorTarget(id: $id) }`,
      vars: async () => {
        const [row] = await matrix.t.dataSource.query(
          `INSERT INTO indicator_target (indicator_id, period, value) VALUES ($1, '2026-03-31', 25)
         ON CONFLICT ON CONSTRAINT uq_indicator_target_period_area DO UPDATE SET value = 25 RETURNING id`,
          [f.indicator],
        );
        return { id: row.id };
      },
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
  ];
}
