import { expect } from 'vitest';
import { PlanBuilder, insertPlan } from './plan-fixtures';
import { openRollupTestDb, type RollupTestDb } from './test-db';
import { queryBoardRollup, type ActionTallyRow, type BoardRollupRow } from '../queries';
import { type RefPlan } from '../reference';

export const zero: ActionTallyRow = {
  total: 0,
  red: 0,
  amber: 0,
  green: 0,
  unrated: 0,
  notStarted: 0,
  inProgress: 0,
  complete: 0,
  cancelled: 0,
  overdue: 0,
  staleUpdates: 0,
};
export const tally = (t: Partial<ActionTallyRow>): ActionTallyRow => ({ ...zero, ...t });

export let t: RollupTestDb;
export let plan: RefPlan;
export let partnershipId: string;
export const ids: Record<string, string> = {};

export async function setUp(): Promise<void> {
  t = await openRollupTestDb();
  const b = new PlanBuilder({ greenThreshold: 0.8, amberThreshold: 0.5, updateCadenceDays: 90 });
  const O1 = (ids.O1 = b.objective());
  const O2 = (ids.O2 = b.objective());
  const O3 = (ids.O3 = b.objective()); // no actions at all
  const P1 = (ids.P1 = b.output(O1));
  const P2 = (ids.P2 = b.output(O1));
  ids.P3 = b.output(O3);
  const eco1 = (ids.eco1 = b.tag('ecological-level'));
  const eco2 = (ids.eco2 = b.tag('ecological-level'));
  const theme = (ids.theme = b.tag('theme'));

  // A1: same-day updates, the one recorded last wins (RED); an update after asOf is ignored.
  const A1 = b.action(O1, { outputId: P1, agreedOn: '2025-01-10', dueOn: '2025-12-31', tagIds: [eco1] });
  b.update(A1, '2025-02-01', 'IN_PROGRESS', 'GREEN');
  b.update(A1, '2025-05-01', 'IN_PROGRESS', 'AMBER');
  b.update(A1, '2025-05-01', 'IN_PROGRESS', 'RED');
  b.update(A1, '2025-07-15', 'COMPLETE', 'GREEN');
  // A2: overdue (due 31 Mar) and stale (last report 135 days before asOf).
  const A2 = b.action(O1, {
    outputId: P1,
    agreedOn: '2025-01-10',
    dueOn: '2025-03-31',
    tagIds: [eco1, eco2],
  });
  b.update(A2, '2025-02-15', 'IN_PROGRESS', 'AMBER');
  // A3: complete (not overdue although past its due date).
  const A3 = b.action(O1, { outputId: P2, agreedOn: '2025-01-10', dueOn: '2025-03-01', tagIds: [theme] });
  b.update(A3, '2025-04-01', 'COMPLETE', 'GREEN');
  // A4: cancelled on 1 March: counted in total and cancelled only; agreed 1 Feb.
  const A4 = b.action(O1, { outputId: P2, agreedOn: '2025-02-01', tagIds: [eco2] });
  b.update(A4, '2025-03-01', 'CANCELLED', 'RED');
  // A5: no update: NOT_STARTED and unrated; stale from agreedOn (121 days).
  b.action(O1, { agreedOn: '2025-03-01' });
  // A6: agreed after asOf: not counted anywhere.
  const A6 = b.action(O1, { outputId: P1, agreedOn: '2025-07-01', tagIds: [eco1] });
  b.update(A6, '2025-07-02', 'IN_PROGRESS', 'RED');
  // A7: NOT_STARTED but rated GREEN (scores 1); due the day before asOf (overdue); 89 days: not stale.
  const A7 = b.action(O1, { outputId: P2, agreedOn: '2025-04-01', dueOn: '2025-06-29' });
  b.update(A7, '2025-04-02', 'NOT_STARTED', 'GREEN');
  // Boundaries in O2: agreed exactly 90 days before asOf (not stale), due on asOf (not overdue) ...
  b.action(O2, { agreedOn: '2025-04-01', dueOn: '2025-06-30' });
  // ... 91 days (stale), due the day before (overdue).
  b.action(O2, { agreedOn: '2025-03-31', dueOn: '2025-06-29' });
  // A10: its only update is after asOf: NOT_STARTED and unrated as of asOf, stale from agreedOn.
  const A10 = b.action(O2, { agreedOn: '2025-01-01', tagIds: [eco1] });
  b.update(A10, '2025-08-01', 'COMPLETE', 'GREEN');
  // A11: COMPLETE without a RAG: unrated in the tally, but scores 1.
  const A11 = b.action(O2, { agreedOn: '2025-01-01' });
  b.update(A11, '2025-06-01', 'COMPLETE', null);

  const OC1 = (ids.OC1 = b.outcome(O1));
  ids.I1 = b.indicator(OC1, 10, 20);
  b.measurement(ids.I1, '2025-01-01', 12);
  b.measurement(ids.I1, '2025-04-01', 15);
  b.measurement(ids.I1, '2025-04-01', 19, 'westminster'); // an area's value, not the partnership's
  b.measurement(ids.I1, '2025-07-01', 25); // after asOf
  ids.I2 = b.indicator(OC1, 100, 60); // lower is better
  b.measurement(ids.I2, '2025-03-01', 70);
  b.measurement(ids.I2, '2025-05-01', 50, 'camden');
  ids.I3 = b.indicator(OC1, 5, 5); // target = baseline
  b.measurement(ids.I3, '2025-03-01', 6);
  ids.I4 = b.indicator(OC1, null, 10); // no baseline
  b.measurement(ids.I4, '2025-03-01', 3);
  ids.I5 = b.indicator(OC1, 0, 10); // beyond target: clamped to 1
  b.measurement(ids.I5, '2025-03-01', 15);
  ids.I6 = b.indicator(OC1, 0, 10); // worse than baseline: clamped to 0
  b.measurement(ids.I6, '2025-03-01', -5);
  ids.I7 = b.indicator(OC1, 0, 10); // measured only after asOf
  b.measurement(ids.I7, '2025-09-01', 5);
  ids.I8 = b.indicator(OC1, 0, 10); // measured only for an area
  b.measurement(ids.I8, '2025-03-01', 5, 'camden');

  const R1 = b.review(false);
  const R2 = b.review(true); // confidential
  b.recommendation(R1, { createdOn: '2025-01-05', dueOn: '2025-05-31' }); // OPEN, overdue
  const REC2 = b.recommendation(R1, { createdOn: '2025-01-05', dueOn: '2025-05-31' });
  b.statusChange(REC2, '2025-02-01', 'OPEN', 'IN_PROGRESS');
  b.statusChange(REC2, '2025-06-01', 'IN_PROGRESS', 'IMPLEMENTED');
  const REC3 = b.recommendation(R1, { createdOn: '2025-01-05' });
  b.statusChange(REC3, '2025-03-01', 'OPEN', 'IMPLEMENTED');
  b.statusChange(REC3, '2025-03-01', 'IMPLEMENTED', 'ASSURED'); // same day, later: wins
  b.recommendation(R1, { createdOn: '2025-07-10', dueOn: '2025-01-01' }); // created after asOf
  b.recommendation(R2, { createdOn: '2025-01-05', dueOn: '2025-02-01' }); // confidential, OPEN, overdue
  const REC6 = b.recommendation(R1, { createdOn: '2025-01-05', dueOn: '2025-06-30' }); // due on asOf
  b.statusChange(REC6, '2025-03-01', 'OPEN', 'IN_PROGRESS');

  b.feedback('2025-02-01', ['2025-03-01']);
  b.feedback('2025-05-01', ['2025-07-05']); // responded after asOf
  b.feedback('2025-07-01'); // received after asOf

  plan = b.plan;
  ({ partnershipId } = await insertPlan(t.dataSource, plan));
}

export const tearDown = () => t?.close();

export async function rollup(asOf: string, seeConfidential = false): Promise<BoardRollupRow> {
  const r = await queryBoardRollup(t.dataSource, {
    strategyId: plan.strategy.id,
    partnershipId,
    asOf,
    seeConfidential,
  });
  expect(r).not.toBeNull();
  return r!;
}
