// Deterministic synthetic data: a partnership with one strategy, in the proportions of sizes.js.
// buildDataset() is pure (seed + today -> column arrays, the tables of tables.js); loadDataset() (load.js)
// sends each table to PostgreSQL in bulk.
import { addDays, daysBetween } from './dates.js';
import { Random } from './prng.js';
import { proportions } from './sizes.js';
import { benchTables } from './tables.js';

export { addDays, daysBetween } from './dates.js';
export { datasetCounts, loadDataset } from './load.js';

/** Bump when the generated data changes, so cached template databases are rebuilt. */
export const GENERATOR_VERSION = 2;

const ECOLOGICAL = ['individual', 'community', 'institutional', 'societal'];
const STRANDS = [
  'domestic-abuse',
  'sexual-violence',
  'stalking',
  'harmful-practices',
  'exploitation',
  'online',
];
const THEMES = [
  'information-sharing',
  'training',
  'housing',
  'health',
  'education',
  'criminal-justice',
  'children',
  'perpetrators',
  'communications',
  'commissioning',
  'data',
  'workforce',
];
const AREAS = ['westminster', 'camden', 'islington', 'hackney', 'lambeth', 'southwark', 'brent', 'ealing'];
const AGENCIES = ['Police', 'Health', 'Housing', 'Children’s Services', 'Adult Social Care', 'Probation'];
const STATUS_WEIGHTS = { NOT_STARTED: 10, IN_PROGRESS: 60, COMPLETE: 20, CANCELLED: 10 };
const RAG_WEIGHTS = { RED: 20, AMBER: 35, GREEN: 45 };
const REC_STATUS_WEIGHTS = { OPEN: 30, IN_PROGRESS: 35, IMPLEMENTED: 25, ASSURED: 10 };

/**
 * @param {{objectives:number, actions:number, updates:number}} size
 * @param {{seed:number, today:string}} opts today: 'YYYY-MM-DD'; all dates are relative to it
 */
export function buildDataset(size, { seed, today }) {
  const p = proportions(size);
  const r = new Random(seed);
  const t = benchTables();

  const partnershipId = r.uuid();
  // Created well before "now" so the API's bootstrap (oldest partnership first) adopts it.
  t.partnership.add({ id: partnershipId, name: 'Bench partnership', created_at: '2020-01-01T00:00:00Z' });

  const tagsByKind = {};
  const addTags = (kind, slugs) => {
    tagsByKind[kind] = slugs.map((slug) => {
      const id = r.uuid();
      t.tag.add({ id, partnership_id: partnershipId, kind, slug, label: slug.replace(/-/g, ' ') });
      return id;
    });
  };
  addTags('ecological-level', ECOLOGICAL);
  addTags('strand', STRANDS);
  addTags('theme', THEMES);
  addTags('area', AREAS);

  const groupIds = [];
  const userIds = [];
  for (let g = 0; g < p.groups; g++) {
    const id = r.uuid();
    groupIds.push(id);
    t.operational_group.add({
      id,
      partnership_id: partnershipId,
      name: `Group ${String(g + 1).padStart(2, '0')}`,
      description: '',
    });
    for (const role of ['CHAIR', 'MEMBER']) {
      const userId = r.uuid();
      userIds.push(userId);
      // Not a valid argon2 hash: these users exist for proportion only and cannot sign in.
      t.app_user.add({
        id: userId,
        partnership_id: partnershipId,
        email: `bench-${role.toLowerCase()}-${g + 1}@example.org`,
        name: `Bench ${role.toLowerCase()} ${g + 1}`,
        password_hash: 'x',
      });
      t.membership.add({ group_id: id, user_id: userId, role });
    }
  }

  const strategyId = r.uuid();
  t.strategy.add({
    id: strategyId,
    partnership_id: partnershipId,
    title: 'Bench VAWG strategy',
    vision: 'Everyone is safe.',
    starts_on: addDays(today, -3 * 365),
    ends_on: addDays(today, 2 * 365),
  });

  const objectives = [];
  const indicatorIds = [];
  for (let o = 0; o < p.objectives; o++) {
    const id = r.uuid();
    const code = `O${String(o + 1).padStart(2, '0')}`;
    t.objective.add({
      id,
      strategy_id: strategyId,
      code,
      title: `Objective ${o + 1}`,
      description: '',
      position: o,
    });
    const outcomeIds = [];
    for (let i = 0; i < p.outcomesPerObjective; i++) {
      const outcomeId = r.uuid();
      outcomeIds.push(outcomeId);
      t.outcome.add({ id: outcomeId, objective_id: id, title: `Outcome ${code}.${i + 1}`, position: i });
      for (let k = 0; k < p.indicatorsPerOutcome; k++) {
        const indicatorId = r.uuid();
        indicatorIds.push(indicatorId);
        const lowerIsBetter = r.chance(0.3);
        const baseline = r.int(20, 80);
        const target = lowerIsBetter ? baseline - r.int(5, 15) : baseline + r.int(5, 30);
        // A few indicators have no target yet: their progress is null.
        t.indicator.add({
          id: indicatorId,
          outcome_id: outcomeId,
          name: `Indicator ${code}.${i + 1}.${k + 1}`,
          unit: '%',
          baseline,
          target: r.chance(0.1) ? null : target,
        });
        for (let q = 0; q < p.measurementPeriods; q++) {
          const period = addDays(today, -(p.measurementPeriods - q) * 91);
          const value = baseline + (target - baseline) * (q / p.measurementPeriods) + r.int(-3, 3);
          t.measurement.add({ id: r.uuid(), indicator_id: indicatorId, period, value, area: '' });
          if (q % 3 === 0) {
            t.measurement.add({
              id: r.uuid(),
              indicator_id: indicatorId,
              period,
              value: value + r.int(-5, 5),
              area: r.pick(AREAS),
            });
          }
        }
      }
    }
    const outputIds = [];
    for (let i = 0; i < p.outputsPerObjective; i++) {
      const outputId = r.uuid();
      outputIds.push(outputId);
      t.output.add({ id: outputId, objective_id: id, title: `Output ${code}.${i + 1}`, position: i });
      const first = i % outcomeIds.length;
      t.output_outcome.add({ output_id: outputId, outcome_id: outcomeIds[first] });
      if (r.chance(0.5)) {
        t.output_outcome.add({
          output_id: outputId,
          outcome_id: outcomeIds[(first + 1) % outcomeIds.length],
        });
      }
    }
    objectives.push({ id, outputIds });
  }

  // Actions: agreed over the last three years; a tenth never get an update (NOT_STARTED, unrated).
  const actions = [];
  for (let a = 0; a < p.actions; a++) {
    const id = r.uuid();
    const objective = r.pick(objectives);
    const agreedOn = addDays(today, -r.int(0, 3 * 365));
    const startsOn = addDays(agreedOn, r.int(0, 60));
    t.action.add({
      id,
      strategy_id: strategyId,
      objective_id: objective.id,
      output_id: r.chance(0.8) ? r.pick(objective.outputIds) : null,
      group_id: groupIds[a % groupIds.length],
      ref: `A${String(a + 1).padStart(6, '0')}`,
      title: `Action ${a + 1}: improve the response`,
      description: 'Synthetic action for the benchmark.',
      success_measure: 'Measured by the benchmark.',
      lead: r.pick(AGENCIES),
      agreed_on: agreedOn,
      starts_on: startsOn,
      due_on: r.chance(0.05) ? null : addDays(agreedOn, r.int(90, 900)),
    });
    const tagIds = new Set([r.pick(tagsByKind['ecological-level']), r.pick(tagsByKind.strand)]);
    for (let k = r.int(0, 2); k > 0; k--) tagIds.add(r.pick(tagsByKind.theme));
    for (const tagId of tagIds) t.action_tag.add({ action_id: id, tag_id: tagId });
    actions.push({ id, agreedOn, updated: !r.chance(0.1) });
  }

  const updatable = actions.filter((a) => a.updated);
  for (let u = 0; u < p.updates; u++) {
    const action = r.pick(updatable);
    const span = Math.max(0, daysBetween(action.agreedOn, today));
    const status = r.weighted(STATUS_WEIGHTS);
    t.action_update.add({
      id: r.uuid(),
      action_id: action.id,
      reported_on: addDays(action.agreedOn, r.int(0, span)),
      rag: r.chance(0.05) ? null : r.weighted(RAG_WEIGHTS),
      status,
      progress: `Progress note ${u + 1}: partners met and agreed the next steps.`,
      impact: status === 'COMPLETE' ? 'Delivered as planned.' : '',
      author_id: r.pick(userIds),
    });
  }

  for (let v = 0; v < p.reviews; v++) {
    const id = r.uuid();
    const notifiedOn = addDays(today, -r.int(200, 1400));
    const published = r.chance(0.6);
    const decidedOn = addDays(notifiedOn, r.int(10, 45));
    // Midday UTC is the same calendar day in the UK, where the API places "as of" dates.
    const createdOn = addDays(decidedOn, 30);
    t.review.add({
      id,
      partnership_id: partnershipId,
      kind: r.pick(['DHR', 'DHR', 'SAR', 'CSPR']),
      ref: `R${String(v + 1).padStart(3, '0')}`,
      area: r.pick(AREAS),
      title: `Review ${v + 1}`,
      pseudonym: `Person ${v + 1}`,
      commissioned_on: addDays(notifiedOn, 20),
      notified_on: notifiedOn,
      decided_on: decidedOn,
      published_on: published ? addDays(notifiedOn, 400) : null,
      confidential: !published,
    });
    for (let k = 0; k < p.recommendationsPerReview; k++) {
      const recId = r.uuid();
      const status = r.weighted(REC_STATUS_WEIGHTS);
      const evidence =
        status === 'ASSURED' || status === 'IMPLEMENTED' ? 'Evidence seen by the panel.' : null;
      t.recommendation.add({
        id: recId,
        review_id: id,
        ref: `${k + 1}`,
        text: `Recommendation ${k + 1} of review ${v + 1}.`,
        agency: r.pick(AGENCIES),
        due_on: r.chance(0.1) ? null : addDays(today, r.int(-500, 400)),
        status,
        evidence,
        created_at: `${createdOn}T12:00:00Z`,
      });
      t.recommendation_tag.add({ recommendation_id: recId, tag_id: r.pick(tagsByKind.theme) });
      const linked = new Set([r.pick(actions).id, r.pick(actions).id]);
      for (const actionId of linked)
        t.recommendation_action.add({ recommendation_id: recId, action_id: actionId });
      if (status !== 'OPEN') {
        t.recommendation_status_change.add({
          id: r.uuid(),
          recommendation_id: recId,
          from_status: 'OPEN',
          to_status: status,
          evidence,
          changed_at: `${addDays(createdOn, Math.min(r.int(30, 400), daysBetween(createdOn, today) - 1))}T12:00:00Z`,
        });
      }
    }
  }

  for (let f = 0; f < p.feedback; f++) {
    const id = r.uuid();
    const receivedOn = addDays(today, -r.int(0, 900));
    t.feedback.add({
      id,
      partnership_id: partnershipId,
      forum: r.pick(['Survivor forum North', 'Survivor forum South']),
      received_on: receivedOn,
      summary: `Feedback ${f + 1}: services should listen earlier.`,
    });
    const objectiveIds = new Set([r.pick(objectives).id, r.pick(objectives).id]);
    for (const objectiveId of objectiveIds)
      t.feedback_objective.add({ feedback_id: id, objective_id: objectiveId });
    t.feedback_tag.add({ feedback_id: id, tag_id: r.pick(tagsByKind.theme) });
    if (r.chance(0.6)) {
      const responseId = r.uuid();
      t.feedback_response.add({
        id: responseId,
        feedback_id: id,
        text: 'We changed the referral form.',
        responded_on: addDays(receivedOn, Math.min(r.int(10, 60), daysBetween(receivedOn, today))),
      });
      t.feedback_response_action.add({ response_id: responseId, action_id: r.pick(actions).id });
    }
  }

  return {
    tables: Object.values(t),
    meta: { partnershipId, strategyId, groupIds, actionIds: actions.map((a) => a.id), today },
  };
}
