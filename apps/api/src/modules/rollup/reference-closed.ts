/**
 * Closed periods and restatements (docs/rollup-rules.md, "Closed periods and restatements") in plain
 * TypeScript over in-memory data: the oracle the property test holds rounds/closed-periods.service.ts
 * and rollup/frozen-rollup.service.ts to. Used only by tests.
 */
import { referenceRollup, type RefPlan, type RefRollup } from './reference';

export interface RefRound {
  id: string;
  periodEnd: string;
  returnsDueOn: string;
  closed: boolean;
}

/** A dated write: its kind says which of the round's dates bounds its closed period. */
export interface RefDatedWrite {
  kind: 'actionUpdate' | 'recommendationStatus' | 'measurement';
  date: string;
}

export type RefWriteOutcome = 'written' | 'refused' | 'forbidden' | 'restated';

/**
 * The closed rounds a write reaches: a progress update or recommendation status change dated on or
 * before the round's returnsDueOn, a measurement for a period on or before its periodEnd. Oldest
 * first (the first is the closed period the refusal names).
 */
export function closedRoundsReached(rounds: RefRound[], write: RefDatedWrite): RefRound[] {
  const bound = (r: RefRound) => (write.kind === 'measurement' ? r.periodEnd : r.returnsDueOn);
  return rounds
    .filter((r) => r.closed && write.date <= bound(r))
    .sort((a, b) => (bound(a) < bound(b) ? -1 : bound(a) > bound(b) ? 1 : 0));
}

/**
 * What happens to a write: reaching no closed round, it is written as before; reaching one, it is
 * refused without a reason, forbidden with a reason from anyone but an ADMIN, and written and
 * recorded as a restatement of every closed round it reaches with an ADMIN's reason.
 */
export function referenceWriteOutcome(
  rounds: RefRound[],
  write: RefDatedWrite,
  by: { admin: boolean; reason: string | null },
): RefWriteOutcome {
  if (closedRoundsReached(rounds, write).length === 0) return 'written';
  if (!by.reason?.trim()) return 'refused';
  return by.admin ? 'restated' : 'forbidden';
}

/**
 * A round's record: the roll-up of the plan as it stood when the round closed, as of its
 * returnsDueOn. Writes accepted later (restatements included) change the live roll-up of the same
 * date, never the record.
 */
export function referenceRecord(
  planAtClosing: RefPlan,
  round: RefRound,
  opts: { seeConfidential: boolean },
): RefRollup {
  return referenceRollup(planAtClosing, round.returnsDueOn, opts);
}
