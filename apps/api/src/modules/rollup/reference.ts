/**
 * A plain TypeScript statement of the roll-up rules (docs/rollup-rules.md) over in-memory
 * data. Used only by tests, as the oracle the SQL in queries.ts must agree with: it is written for
 * clarity, not speed, and loops freely.
 */

export type RefStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED';
export type RefRag = 'RED' | 'AMBER' | 'GREEN';
export type RefRecommendationStatus = 'OPEN' | 'IN_PROGRESS' | 'IMPLEMENTED' | 'ASSURED';

export interface RefPlan {
  strategy: { id: string; greenThreshold: number; amberThreshold: number; updateCadenceDays: number };
  /** In display order. */
  objectives: Array<{ id: string }>;
  /** In display order within each objective. */
  outputs: Array<{ id: string; objectiveId: string }>;
  outcomes: Array<{ id: string; objectiveId: string }>;
  indicators: Array<{ id: string; outcomeId: string; baseline: number | null; target: number | null }>;
  /** area '' = partnership-wide. */
  measurements: Array<{ indicatorId: string; period: string; value: number; area: string }>;
  actions: Array<{
    id: string;
    objectiveId: string;
    outputId: string | null;
    agreedOn: string;
    dueOn: string | null;
    tagIds: string[];
  }>;
  /**
   * Revisions of due dates (action.dueOn is the first due date, in force from agreedOn); each is in
   * force from changedOn (never before agreedOn). Same day: the later in this array wins.
   */
  dueDateChanges: Array<{ actionId: string; changedOn: string; dueOn: string | null }>;
  /** seq = insertion order (greatest seq = recorded last). */
  updates: Array<{
    actionId: string;
    reportedOn: string;
    seq: number;
    status: RefStatus;
    rag: RefRag | null;
  }>;
  /** In display order. */
  tags: Array<{ id: string; kind: string }>;
  reviews: Array<{ id: string; confidential: boolean }>;
  recommendations: Array<{
    id: string;
    reviewId: string;
    /** The UK calendar day it was created. */
    createdOn: string;
    dueOn: string | null;
    /** The status column now. */
    status: RefRecommendationStatus;
  }>;
  /** `at` orders changes (ISO timestamp); changedOn is its UK calendar day. */
  statusChanges: Array<{
    recommendationId: string;
    changedOn: string;
    /** The day it took effect when back-dated (else changedOn). */
    effectiveOn?: string;
    at: string;
    fromStatus: RefRecommendationStatus | null;
    toStatus: RefRecommendationStatus;
  }>;
  feedback: Array<{ id: string; receivedOn: string; respondedOn: string[] }>;
}

export interface RefTally {
  total: number;
  red: number;
  amber: number;
  green: number;
  unrated: number;
  notStarted: number;
  inProgress: number;
  complete: number;
  cancelled: number;
  overdue: number;
  staleUpdates: number;
}

export interface RefScored {
  score: number | null;
  derivedRag: RefRag | null;
  actions: RefTally;
}

export interface RefRollup {
  asOf: string;
  totals: RefTally;
  objectives: Array<
    RefScored & {
      id: string;
      outputs: Array<RefScored & { id: string }>;
      outcomes: Array<{
        id: string;
        indicators: Array<{
          id: string;
          baseline: number | null;
          target: number | null;
          latest: number | null;
          latestPeriod: string | null;
          progress: number | null;
        }>;
      }>;
    }
  >;
  recommendations: {
    total: number;
    open: number;
    inProgress: number;
    implemented: number;
    assured: number;
    overdue: number;
  };
  feedback: { total: number; responded: number };
}

interface ActionState {
  action: RefPlan['actions'][number];
  status: RefStatus;
  rag: RefRag | null;
  /** reportedOn of the latest update on or before asOf, or null when there is none. */
  lastReportedOn: string | null;
  /** The due date in force on asOf. */
  dueOn: string | null;
}

/** The action's due date in force on asOf: its latest revision made on or before asOf, else its first. */
function dueOnAsOf(plan: RefPlan, action: RefPlan['actions'][number], asOf: string): string | null {
  let due = action.dueOn;
  let since = action.agreedOn;
  for (const c of plan.dueDateChanges) {
    // Later in the array = recorded later: wins on the same day.
    if (c.actionId === action.id && c.changedOn <= asOf && c.changedOn >= since) {
      due = c.dueOn;
      since = c.changedOn;
    }
  }
  return due;
}

/** Whole days from `from` to `to` (ISO dates). */
function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The counted actions (agreed on or before asOf) with their status and RAG as of that date. */
export function actionStates(plan: RefPlan, asOf: string): ActionState[] {
  return plan.actions
    .filter((a) => a.agreedOn <= asOf)
    .map((action) => {
      let latest: RefPlan['updates'][number] | null = null;
      for (const u of plan.updates) {
        if (u.actionId !== action.id || u.reportedOn > asOf) continue;
        if (
          !latest ||
          u.reportedOn > latest.reportedOn ||
          (u.reportedOn === latest.reportedOn && u.seq > latest.seq)
        ) {
          latest = u;
        }
      }
      const dueOn = dueOnAsOf(plan, action, asOf);
      return latest
        ? { action, status: latest.status, rag: latest.rag, lastReportedOn: latest.reportedOn, dueOn }
        : { action, status: 'NOT_STARTED' as const, rag: null, lastReportedOn: null, dueOn };
    });
}

const isOpen = (s: RefStatus) => s === 'NOT_STARTED' || s === 'IN_PROGRESS';

export function tally(states: ActionState[], asOf: string, cadenceDays: number): RefTally {
  const t: RefTally = {
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
  for (const s of states) {
    t.total++;
    if (s.status !== 'CANCELLED') {
      if (s.rag === 'RED') t.red++;
      else if (s.rag === 'AMBER') t.amber++;
      else if (s.rag === 'GREEN') t.green++;
      else t.unrated++;
    }
    if (s.status === 'NOT_STARTED') t.notStarted++;
    if (s.status === 'IN_PROGRESS') t.inProgress++;
    if (s.status === 'COMPLETE') t.complete++;
    if (s.status === 'CANCELLED') t.cancelled++;
    if (isOpen(s.status) && s.dueOn !== null && s.dueOn < asOf) t.overdue++;
    if (isOpen(s.status) && days(s.lastReportedOn ?? s.action.agreedOn, asOf) > cadenceDays) t.staleUpdates++;
  }
  return t;
}

export function score(states: ActionState[]): number | null {
  let points = 0;
  let counted = 0;
  for (const s of states) {
    if (s.status === 'COMPLETE') {
      points += 1;
      counted++;
    } else if (isOpen(s.status) && s.rag) {
      points += s.rag === 'GREEN' ? 1 : s.rag === 'AMBER' ? 0.5 : 0;
      counted++;
    }
  }
  return counted === 0 ? null : points / counted;
}

export function derivedRag(
  value: number | null,
  strategy: { greenThreshold: number; amberThreshold: number },
): RefRag | null {
  if (value === null) return null;
  if (value >= strategy.greenThreshold) return 'GREEN';
  if (value >= strategy.amberThreshold) return 'AMBER';
  return 'RED';
}

function scored(plan: RefPlan, states: ActionState[], asOf: string): RefScored {
  const value = score(states);
  return {
    score: value,
    derivedRag: derivedRag(value, plan.strategy),
    actions: tally(states, asOf, plan.strategy.updateCadenceDays),
  };
}

/**
 * The status of a recommendation as of a date: that of its latest status change in effect on or
 * before that day (the day it took effect, or else the day it was recorded); before its first change, the status that change started from; with no history at all, its
 * status column (recommendations start OPEN, so this is OPEN unless data was loaded without history).
 */
export function recommendationStatusAsOf(
  plan: RefPlan,
  rec: RefPlan['recommendations'][number],
  asOf: string,
): RefRecommendationStatus {
  const day = (c: RefPlan['statusChanges'][number]) => c.effectiveOn ?? c.changedOn;
  const changes = plan.statusChanges
    .filter((c) => c.recommendationId === rec.id)
    .sort((a, b) => day(a).localeCompare(day(b)) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (changes.length === 0) return rec.status;
  const upTo = changes.filter((c) => day(c) <= asOf);
  if (upTo.length) return upTo[upTo.length - 1].toStatus;
  return changes[0].fromStatus ?? 'OPEN';
}

export function referenceRollup(plan: RefPlan, asOf: string, opts: { seeConfidential: boolean }): RefRollup {
  const states = actionStates(plan, asOf);
  const objectives = plan.objectives.map((o) => {
    const mine = states.filter((s) => s.action.objectiveId === o.id);
    return {
      id: o.id,
      ...scored(plan, mine, asOf),
      outputs: plan.outputs
        .filter((op) => op.objectiveId === o.id)
        .map((op) => ({
          id: op.id,
          ...scored(
            plan,
            states.filter((s) => s.action.outputId === op.id),
            asOf,
          ),
        })),
      outcomes: plan.outcomes
        .filter((oc) => oc.objectiveId === o.id)
        .map((oc) => ({
          id: oc.id,
          indicators: plan.indicators
            .filter((i) => i.outcomeId === oc.id)
            .map((i) => {
              let latest: RefPlan['measurements'][number] | null = null;
              for (const m of plan.measurements) {
                if (m.indicatorId !== i.id || m.area !== '' || m.period > asOf) continue;
                if (!latest || m.period > latest.period) latest = m;
              }
              let progress: number | null = null;
              if (latest && i.baseline !== null && i.target !== null && i.target !== i.baseline) {
                progress = Math.min(1, Math.max(0, (latest.value - i.baseline) / (i.target - i.baseline)));
              }
              return {
                id: i.id,
                baseline: i.baseline,
                target: i.target,
                latest: latest?.value ?? null,
                latestPeriod: latest?.period ?? null,
                progress,
              };
            }),
        })),
    };
  });

  const visibleReviews = new Set(
    plan.reviews.filter((r) => opts.seeConfidential || !r.confidential).map((r) => r.id),
  );
  const recommendations = { total: 0, open: 0, inProgress: 0, implemented: 0, assured: 0, overdue: 0 };
  for (const rec of plan.recommendations) {
    if (!visibleReviews.has(rec.reviewId) || rec.createdOn > asOf) continue;
    const status = recommendationStatusAsOf(plan, rec, asOf);
    recommendations.total++;
    if (status === 'OPEN') recommendations.open++;
    if (status === 'IN_PROGRESS') recommendations.inProgress++;
    if (status === 'IMPLEMENTED') recommendations.implemented++;
    if (status === 'ASSURED') recommendations.assured++;
    if ((status === 'OPEN' || status === 'IN_PROGRESS') && rec.dueOn !== null && rec.dueOn < asOf) {
      recommendations.overdue++;
    }
  }

  const received = plan.feedback.filter((f) => f.receivedOn <= asOf);
  return {
    asOf,
    totals: tally(states, asOf, plan.strategy.updateCadenceDays),
    objectives,
    recommendations,
    feedback: {
      total: received.length,
      responded: received.filter((f) => f.respondedOn.some((d) => d <= asOf)).length,
    },
  };
}

/** Tag coverage: objective x tag of the kind, counting the objective's counted, non-cancelled actions. */
export function referenceTagCoverage(
  plan: RefPlan,
  asOf: string,
  kind: string,
): Array<{ objectiveId: string; tagId: string; actionCount: number }> {
  const live = actionStates(plan, asOf).filter((s) => s.status !== 'CANCELLED');
  const cells: Array<{ objectiveId: string; tagId: string; actionCount: number }> = [];
  for (const o of plan.objectives) {
    for (const t of plan.tags.filter((tg) => tg.kind === kind)) {
      cells.push({
        objectiveId: o.id,
        tagId: t.id,
        actionCount: live.filter((s) => s.action.objectiveId === o.id && s.action.tagIds.includes(t.id))
          .length,
      });
    }
  }
  return cells;
}

/** Adds months as PostgreSQL's date + interval does: the day is clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The dates of a trend: from, from + step, from + 2 steps, ... while on or before `to`. */
export function trendDates(from: string, to: string, stepMonths: number): string[] {
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const d = addMonths(from, i * stepMonths);
    if (d > to) break;
    out.push(d);
  }
  return out;
}

export function referenceTrend(
  plan: RefPlan,
  objectiveId: string,
  from: string,
  to: string,
  stepMonths: number,
): Array<RefScored & { asOf: string }> {
  return trendDates(from, to, stepMonths).map((asOf) => ({
    asOf,
    ...scored(
      plan,
      actionStates(plan, asOf).filter((s) => s.action.objectiveId === objectiveId),
      asOf,
    ),
  }));
}
