/**
 * A plain TypeScript statement of "what changed" between two dates (docs/rollup-rules.md, "What
 * changed") over the in-memory plans of reference.ts. Used only by tests, as the oracle the SQL in
 * changes.queries.ts must agree with: every kind of change is the difference between the reference
 * roll-up's state on `from` and on `to`, or an event dated after `from` up to and including `to`.
 */

import type { RollupChangesRow } from './changes.queries';
import { actionStates, recommendationStatusAsOf, type RefPlan, type RefStatus } from './reference';

const isOpen = (s: RefStatus) => s === 'NOT_STARTED' || s === 'IN_PROGRESS';

/**
 * What changed after `from` up to and including `to`. Lines are in the reference's plan order; the
 * caller compares them with the SQL's as sets (sorted by id).
 */
export function referenceChanges(
  plan: RefPlan,
  from: string,
  to: string,
  opts: { seeConfidential: boolean },
): RollupChangesRow {
  const before = new Map(actionStates(plan, from).map((s) => [s.action.id, s]));
  const out: RollupChangesRow = {
    from,
    to,
    actions: [],
    newActions: [],
    newlyCompleted: [],
    newlyOverdue: [],
    dueDateRevisions: [],
    indicators: [],
    recommendations: [],
    feedbackAnswered: [],
  };

  for (const now of actionStates(plan, to)) {
    const id = now.action.id;
    const was = before.get(id);
    const change = {
      actionId: id,
      fromStatus: was?.status ?? 'NOT_STARTED',
      toStatus: now.status,
      fromRag: was?.rag ?? null,
      toRag: now.rag,
    };
    if (!was) {
      out.newActions.push({
        actionId: id,
        agreedOn: now.action.agreedOn,
        status: now.status,
        rag: now.rag,
        dueOn: now.dueOn,
      });
    } else if (was.status !== now.status || was.rag !== now.rag) {
      out.actions.push(change);
    }
    if (now.status === 'COMPLETE' && change.fromStatus !== 'COMPLETE') out.newlyCompleted.push(change);
    const overdueNow = isOpen(now.status) && now.dueOn !== null && now.dueOn < to;
    const overdueBefore = !!was && isOpen(was.status) && was.dueOn !== null && was.dueOn < from;
    if (overdueNow && !overdueBefore)
      out.newlyOverdue.push({ actionId: id, dueOn: now.dueOn!, status: now.status });
    if (was && was.dueOn !== now.dueOn) {
      const inWindow = plan.dueDateChanges
        .filter((c) => c.actionId === id && c.changedOn > from && c.changedOn <= to)
        .map((c) => c.changedOn)
        .sort();
      out.dueDateRevisions.push({
        actionId: id,
        fromDueOn: was.dueOn,
        toDueOn: now.dueOn,
        revisedOn: inWindow[inWindow.length - 1],
      });
    }
  }

  for (const i of plan.indicators) {
    const values = plan.measurements.filter((m) => m.indicatorId === i.id && m.area === '');
    const fresh = values.filter((m) => m.period > from && m.period <= to);
    if (!fresh.length) continue;
    const latest = (ms: typeof values) =>
      ms.reduce<(typeof values)[number] | null>((l, m) => (!l || m.period > l.period ? m : l), null);
    const last = latest(fresh)!;
    const prev = latest(values.filter((m) => m.period <= from));
    out.indicators.push({
      indicatorId: i.id,
      newValues: fresh.length,
      fromValue: prev?.value ?? null,
      fromPeriod: prev?.period ?? null,
      toValue: last.value,
      toPeriod: last.period,
    });
  }

  const visible = new Set(
    plan.reviews.filter((r) => opts.seeConfidential || !r.confidential).map((r) => r.id),
  );
  for (const rec of plan.recommendations) {
    if (!visible.has(rec.reviewId) || rec.createdOn > to) continue;
    const fromStatus = recommendationStatusAsOf(plan, rec, from);
    const toStatus = recommendationStatusAsOf(plan, rec, to);
    if (fromStatus !== toStatus) out.recommendations.push({ recommendationId: rec.id, fromStatus, toStatus });
  }

  for (const f of plan.feedback) {
    if (f.receivedOn > to) continue;
    const first = [...f.respondedOn].sort()[0];
    if (first !== undefined && first > from && first <= to) {
      out.feedbackAnswered.push({ feedbackId: f.id, receivedOn: f.receivedOn, respondedOn: first });
    }
  }
  return out;
}
