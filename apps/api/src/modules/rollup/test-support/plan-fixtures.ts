/**
 * Test-only: builds plans and their histories in memory (as reference.ts's RefPlan) and writes them
 * straight into the tables with a fixed handful of set-based SQL statements, so that the property test
 * can load hundreds of random plans in seconds. The action's current_* columns are then refreshed from
 * the history exactly as the actions module maintains them (latest update by reportedOn, then seq).
 */
import { randomUUID } from 'node:crypto';
import type { RefPlan, RefRag, RefRecommendationStatus, RefStatus } from '../reference';
import type { Queryable } from '../queries';

export class PlanBuilder {
  readonly plan: RefPlan;
  private changeCounter = 0;

  constructor(strategy: Partial<Omit<RefPlan['strategy'], 'id'>> = {}) {
    this.plan = {
      strategy: {
        id: randomUUID(),
        greenThreshold: strategy.greenThreshold ?? 0.8,
        amberThreshold: strategy.amberThreshold ?? 0.5,
        updateCadenceDays: strategy.updateCadenceDays ?? 90,
      },
      objectives: [],
      outputs: [],
      outcomes: [],
      indicators: [],
      measurements: [],
      actions: [],
      dueDateChanges: [],
      updates: [],
      tags: [],
      reviews: [],
      recommendations: [],
      statusChanges: [],
      feedback: [],
    };
  }

  objective(): string {
    const id = randomUUID();
    this.plan.objectives.push({ id });
    return id;
  }

  output(objectiveId: string): string {
    const id = randomUUID();
    this.plan.outputs.push({ id, objectiveId });
    return id;
  }

  outcome(objectiveId: string): string {
    const id = randomUUID();
    this.plan.outcomes.push({ id, objectiveId });
    return id;
  }

  indicator(outcomeId: string, baseline: number | null, target: number | null): string {
    const id = randomUUID();
    this.plan.indicators.push({ id, outcomeId, baseline, target });
    return id;
  }

  measurement(indicatorId: string, period: string, value: number, area = ''): void {
    this.plan.measurements.push({ indicatorId, period, value, area });
  }

  tag(kind: string): string {
    const id = randomUUID();
    this.plan.tags.push({ id, kind });
    return id;
  }

  action(
    objectiveId: string,
    opts: { outputId?: string | null; agreedOn: string; dueOn?: string | null; tagIds?: string[] },
  ): string {
    const id = randomUUID();
    this.plan.actions.push({
      id,
      objectiveId,
      outputId: opts.outputId ?? null,
      agreedOn: opts.agreedOn,
      dueOn: opts.dueOn ?? null,
      tagIds: opts.tagIds ?? [],
    });
    return id;
  }

  /**
   * Moves an action's due date on `changedOn` (as updateAction does: never before the action was
   * agreed, so an earlier day is taken as agreedOn). Recorded in the order of these calls.
   */
  dueDateChange(actionId: string, changedOn: string, dueOn: string | null): void {
    const action = this.plan.actions.find((a) => a.id === actionId)!;
    const on = changedOn < action.agreedOn ? action.agreedOn : changedOn;
    this.plan.dueDateChanges.push({ actionId, changedOn: on, dueOn });
  }

  /**
   * Updates are recorded in the order of these calls (seq is assigned by the database on insert). One
   * added after insertPlan (a write the test then makes through the API) comes after every stored one:
   * insertPlan replaced their seqs with the database's, which are larger than a count of updates.
   */
  update(actionId: string, reportedOn: string, status: RefStatus, rag: RefRag | null): void {
    const seq = this.plan.updates.reduce((max, u) => Math.max(max, u.seq), 0) + 1;
    this.plan.updates.push({ actionId, reportedOn, seq, status, rag });
  }

  review(confidential: boolean): string {
    const id = randomUUID();
    this.plan.reviews.push({ id, confidential });
    return id;
  }

  recommendation(
    reviewId: string,
    opts: { createdOn: string; dueOn?: string | null; status?: RefRecommendationStatus },
  ): string {
    const id = randomUUID();
    this.plan.recommendations.push({
      id,
      reviewId,
      createdOn: opts.createdOn,
      dueOn: opts.dueOn ?? null,
      status: opts.status ?? 'OPEN',
    });
    return id;
  }

  /** A status change on a UK calendar day; changes are ordered by the order of these calls. */
  statusChange(
    recommendationId: string,
    changedOn: string,
    fromStatus: RefRecommendationStatus | null,
    toStatus: RefRecommendationStatus,
    effectiveOn?: string,
  ): void {
    const n = this.changeCounter++;
    const at = `${changedOn} 12:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
    this.plan.statusChanges.push({ recommendationId, changedOn, at, fromStatus, toStatus, effectiveOn });
    const rec = this.plan.recommendations.find((r) => r.id === recommendationId);
    if (rec) rec.status = toStatus;
  }

  feedback(receivedOn: string, respondedOn: string[] = []): string {
    const id = randomUUID();
    this.plan.feedback.push({ id, receivedOn, respondedOn });
    return id;
  }
}

const json = (v: unknown) => JSON.stringify(v);

/**
 * Writes the plan into a NEW partnership (so tags, reviews and feedback of other plans never leak
 * in) and returns its id. Updates get their seq from the database in array order; the plan's seq
 * values are rewritten to the stored ones.
 */
export async function insertPlan(db: Queryable, plan: RefPlan): Promise<{ partnershipId: string }> {
  const partnershipId = randomUUID();
  const groupId = randomUUID();
  const s = plan.strategy;
  await db.query(
    `WITH p AS (INSERT INTO partnership (id, name) VALUES ($1::uuid, 'Roll-up test ' || $1::text) RETURNING id),
       g AS (INSERT INTO operational_group (id, partnership_id, name) SELECT $2, id, 'Group' FROM p RETURNING id)
     INSERT INTO strategy (id, partnership_id, title, green_threshold, amber_threshold, update_cadence_days)
     SELECT $3, p.id, 'Strategy', $4, $5, $6 FROM p, g`,
    [partnershipId, groupId, s.id, s.greenThreshold, s.amberThreshold, s.updateCadenceDays],
  );
  await db.query(
    `WITH o AS (
       INSERT INTO objective (id, strategy_id, code, title, position)
       SELECT x.id, $2, 'O' || x.ord, 'Objective ' || x.ord, x.ord
       FROM json_to_recordset($1::json) AS x(id uuid, ord int) RETURNING id
     ), op AS (
       INSERT INTO output (id, objective_id, title, position)
       SELECT x.id, x."objectiveId", 'Output ' || x.ord, x.ord
       FROM json_to_recordset($3::json) AS x(id uuid, "objectiveId" uuid, ord int)
       WHERE (SELECT count(*) FROM o) >= 0 RETURNING id
     ), oc AS (
       INSERT INTO outcome (id, objective_id, title, position)
       SELECT x.id, x."objectiveId", 'Outcome ' || x.ord, x.ord
       FROM json_to_recordset($4::json) AS x(id uuid, "objectiveId" uuid, ord int)
       WHERE (SELECT count(*) FROM o) >= 0 RETURNING id
     ), t AS (
       INSERT INTO tag (id, partnership_id, kind, slug, label)
       SELECT x.id, $5, x.kind, 'tag-' || x.ord, 'Tag ' || lpad(x.ord::text, 4, '0')
       FROM json_to_recordset($6::json) AS x(id uuid, kind text, ord int) RETURNING id
     )
     SELECT (SELECT count(*) FROM o) + (SELECT count(*) FROM op) + (SELECT count(*) FROM oc)
       + (SELECT count(*) FROM t) AS n`,
    [
      json(plan.objectives.map((o, ord) => ({ id: o.id, ord }))),
      s.id,
      json(plan.outputs.map((o, ord) => ({ ...o, ord }))),
      json(plan.outcomes.map((o, ord) => ({ ...o, ord }))),
      partnershipId,
      json(plan.tags.map((t, ord) => ({ ...t, ord }))),
    ],
  );
  // Foreign keys are checked per statement, so children go in separate statements from parents.
  if (plan.indicators.length) {
    await db.query(
      `INSERT INTO indicator (id, outcome_id, name, baseline, target)
       SELECT x.id, x."outcomeId", 'Indicator ' || lpad(x.ord::text, 4, '0'), x.baseline, x.target
       FROM json_to_recordset($1::json) AS x(id uuid, "outcomeId" uuid, ord int, baseline float8, target float8)`,
      [json(plan.indicators.map((i, ord) => ({ ...i, ord })))],
    );
  }
  if (plan.measurements.length) {
    await db.query(
      `INSERT INTO measurement (indicator_id, period, value, area)
       SELECT x."indicatorId", x.period, x.value, x.area
       FROM json_to_recordset($1::json) AS x("indicatorId" uuid, period date, value float8, area text)`,
      [json(plan.measurements)],
    );
  }
  if (plan.actions.length) {
    await db.query(
      `INSERT INTO action (id, strategy_id, objective_id, output_id, group_id, ref, title, agreed_on, due_on)
       SELECT x.id, $2, x."objectiveId", x."outputId", $3, 'A' || x.ord, 'Action ' || x.ord, x."agreedOn", x."dueOn"
       FROM json_to_recordset($1::json) AS x(id uuid, "objectiveId" uuid, "outputId" uuid, ord int,
         "agreedOn" date, "dueOn" date)`,
      [json(plan.actions.map((a, ord) => ({ ...a, ord }))), s.id, groupId],
    );
    await insertDueDateHistory(db, plan);
    const tags = plan.actions.flatMap((a) => a.tagIds.map((tagId) => ({ actionId: a.id, tagId })));
    if (tags.length) {
      await db.query(
        `INSERT INTO action_tag (action_id, tag_id)
         SELECT x."actionId", x."tagId" FROM json_to_recordset($1::json) AS x("actionId" uuid, "tagId" uuid)`,
        [json(tags)],
      );
    }
  }
  if (plan.updates.length) {
    // One row at a time in array order inside a single statement: a data-modifying CTE per row would
    // not guarantee order, so rows are numbered and inserted ordered; seq is read back by id.
    const withIds = plan.updates.map((u, ord) => ({ ...u, id: randomUUID(), ord }));
    const stored = (await db.query(
      `INSERT INTO action_update (id, action_id, reported_on, status, rag)
       SELECT x.id, x."actionId", x."reportedOn", x.status, x.rag
       FROM json_to_recordset($1::json) AS x(id uuid, "actionId" uuid, "reportedOn" date, status text, rag text, ord int)
       ORDER BY x.ord
       RETURNING id, seq`,
      [json(withIds)],
    )) as Array<{ id: string; seq: number }>;
    const seqById = new Map(stored.map((r) => [r.id, Number(r.seq)]));
    withIds.forEach((u, i) => {
      plan.updates[i].seq = seqById.get(u.id)!;
    });
    await refreshCurrentState(db, s.id);
  }
  if (plan.reviews.length) {
    await db.query(
      `INSERT INTO review (id, partnership_id, kind, ref, title, confidential)
       SELECT x.id, $2, 'DHR', 'R' || x.ord, 'Review ' || x.ord, x.confidential
       FROM json_to_recordset($1::json) AS x(id uuid, confidential boolean, ord int)`,
      [json(plan.reviews.map((r, ord) => ({ ...r, ord }))), partnershipId],
    );
  }
  if (plan.recommendations.length) {
    await db.query(
      `INSERT INTO recommendation (id, review_id, ref, text, due_on, status, created_at)
       SELECT x.id, x."reviewId", 'REC' || x.ord, 'Recommendation', x."dueOn", x.status,
         (x."createdOn" || ' 09:00')::timestamp AT TIME ZONE 'Europe/London'
       FROM json_to_recordset($1::json) AS x(id uuid, "reviewId" uuid, "createdOn" text, "dueOn" date,
         status text, ord int)`,
      [json(plan.recommendations.map((r, ord) => ({ ...r, ord })))],
    );
  }
  if (plan.statusChanges.length) {
    await db.query(
      `INSERT INTO recommendation_status_change (recommendation_id, from_status, to_status, changed_at, effective_on)
       SELECT x."recommendationId", x."fromStatus", x."toStatus", x.at::timestamp AT TIME ZONE 'Europe/London',
         x."effectiveOn"
       FROM json_to_recordset($1::json) AS x("recommendationId" uuid, "fromStatus" text, "toStatus" text, at text,
         "effectiveOn" date)`,
      [json(plan.statusChanges)],
    );
  }
  if (plan.feedback.length) {
    await db.query(
      `INSERT INTO feedback (id, partnership_id, forum, received_on, summary)
       SELECT x.id, $2, 'Forum', x."receivedOn", 'Feedback'
       FROM json_to_recordset($1::json) AS x(id uuid, "receivedOn" date)`,
      [json(plan.feedback), partnershipId],
    );
    const responses = plan.feedback.flatMap((f) => f.respondedOn.map((d) => ({ feedbackId: f.id, d })));
    if (responses.length) {
      await db.query(
        `INSERT INTO feedback_response (feedback_id, text, responded_on)
         SELECT x."feedbackId", 'We did', x.d FROM json_to_recordset($1::json) AS x("feedbackId" uuid, d date)`,
        [json(responses)],
      );
    }
  }
  return { partnershipId };
}

/**
 * Each action's due-date history as the actions module keeps it: the first due date in force from
 * agreedOn, then the revisions in order; the action's due_on and due_on_since are then those of its
 * latest entry (by changedOn, then seq).
 */
async function insertDueDateHistory(db: Queryable, plan: RefPlan): Promise<void> {
  const rows = [
    ...plan.actions
      .filter((a) => a.dueOn !== null)
      .map((a) => ({ actionId: a.id, changedOn: a.agreedOn, dueOn: a.dueOn })),
    ...plan.dueDateChanges,
  ].map((r, ord) => ({ ...r, ord }));
  if (!rows.length) return;
  await db.query(
    `INSERT INTO action_due_date (action_id, changed_on, due_on)
     SELECT x."actionId", x."changedOn", x."dueOn"
     FROM json_to_recordset($1::json) AS x("actionId" uuid, "changedOn" date, "dueOn" date, ord int)
     ORDER BY x.ord`,
    [json(rows)],
  );
  await db.query(
    `UPDATE action a SET due_on = h.due_on, due_on_since = h.changed_on
     FROM (
       SELECT DISTINCT ON (action_id) action_id, due_on, changed_on FROM action_due_date
       WHERE action_id = ANY($1::uuid[])
       ORDER BY action_id, changed_on DESC, seq DESC
     ) h
     WHERE a.id = h.action_id`,
    [plan.actions.map((a) => a.id)],
  );
}

/** Sets each action's current_* columns from its latest update (by reportedOn, then seq). */
export async function refreshCurrentState(db: Queryable, strategyId: string): Promise<void> {
  await db.query(
    `UPDATE action a
     SET current_status = coalesce(l.status, 'NOT_STARTED'), current_rag = l.rag,
         last_reported_on = l.reported_on, latest_update_id = l.id
     FROM action a2
     LEFT JOIN LATERAL (
       SELECT u.id, u.status, u.rag, u.reported_on FROM action_update u
       WHERE u.action_id = a2.id ORDER BY u.reported_on DESC, u.seq DESC LIMIT 1
     ) l ON true
     WHERE a2.id = a.id AND a.strategy_id = $1`,
    [strategyId],
  );
}
