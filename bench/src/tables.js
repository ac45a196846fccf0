// The tables the generator fills (generate.js) and the loader sends (load.js): per table, its column
// names with their PostgreSQL types, in insertion order (parents first).

/** A table being built: column names, PostgreSQL array types and one JS array per column. */
export class Table {
  constructor(name, columns) {
    this.name = name;
    this.columns = Object.keys(columns);
    this.types = Object.values(columns);
    this.data = this.columns.map(() => []);
  }
  add(row) {
    for (let i = 0; i < this.columns.length; i++) {
      const v = row[this.columns[i]];
      this.data[i].push(v === undefined ? null : v);
    }
  }
  get length() {
    return this.data[0].length;
  }
}

/** Every table of the data set, empty, keyed by name; the key order is the load order. */
export function benchTables() {
  return {
    partnership: new Table('partnership', { id: 'uuid', name: 'text', created_at: 'timestamptz' }),
    app_user: new Table('app_user', {
      id: 'uuid',
      partnership_id: 'uuid',
      email: 'text',
      name: 'text',
      password_hash: 'text',
    }),
    tag: new Table('tag', { id: 'uuid', partnership_id: 'uuid', kind: 'text', slug: 'text', label: 'text' }),
    operational_group: new Table('operational_group', {
      id: 'uuid',
      partnership_id: 'uuid',
      name: 'text',
      description: 'text',
    }),
    membership: new Table('membership', { group_id: 'uuid', user_id: 'uuid', role: 'text' }),
    strategy: new Table('strategy', {
      id: 'uuid',
      partnership_id: 'uuid',
      title: 'text',
      vision: 'text',
      starts_on: 'date',
      ends_on: 'date',
    }),
    objective: new Table('objective', {
      id: 'uuid',
      strategy_id: 'uuid',
      code: 'text',
      title: 'text',
      description: 'text',
      position: 'int4',
    }),
    outcome: new Table('outcome', { id: 'uuid', objective_id: 'uuid', title: 'text', position: 'int4' }),
    output: new Table('output', { id: 'uuid', objective_id: 'uuid', title: 'text', position: 'int4' }),
    output_outcome: new Table('output_outcome', { output_id: 'uuid', outcome_id: 'uuid' }),
    indicator: new Table('indicator', {
      id: 'uuid',
      outcome_id: 'uuid',
      name: 'text',
      unit: 'text',
      baseline: 'float8',
      target: 'float8',
    }),
    measurement: new Table('measurement', {
      id: 'uuid',
      indicator_id: 'uuid',
      period: 'date',
      value: 'float8',
      area: 'text',
    }),
    action: new Table('action', {
      id: 'uuid',
      strategy_id: 'uuid',
      objective_id: 'uuid',
      output_id: 'uuid',
      group_id: 'uuid',
      ref: 'text',
      title: 'text',
      description: 'text',
      success_measure: 'text',
      lead: 'text',
      agreed_on: 'date',
      starts_on: 'date',
      due_on: 'date',
    }),
    action_tag: new Table('action_tag', { action_id: 'uuid', tag_id: 'uuid' }),
    action_update: new Table('action_update', {
      id: 'uuid',
      action_id: 'uuid',
      reported_on: 'date',
      rag: 'text',
      status: 'text',
      progress: 'text',
      impact: 'text',
      author_id: 'uuid',
    }),
    review: new Table('review', {
      id: 'uuid',
      partnership_id: 'uuid',
      kind: 'text',
      ref: 'text',
      area: 'text',
      title: 'text',
      pseudonym: 'text',
      commissioned_on: 'date',
      notified_on: 'date',
      decided_on: 'date',
      published_on: 'date',
      confidential: 'bool',
    }),
    recommendation: new Table('recommendation', {
      id: 'uuid',
      review_id: 'uuid',
      ref: 'text',
      text: 'text',
      agency: 'text',
      due_on: 'date',
      status: 'text',
      evidence: 'text',
      created_at: 'timestamptz',
    }),
    recommendation_tag: new Table('recommendation_tag', { recommendation_id: 'uuid', tag_id: 'uuid' }),
    recommendation_action: new Table('recommendation_action', {
      recommendation_id: 'uuid',
      action_id: 'uuid',
    }),
    recommendation_status_change: new Table('recommendation_status_change', {
      id: 'uuid',
      recommendation_id: 'uuid',
      from_status: 'text',
      to_status: 'text',
      evidence: 'text',
      changed_at: 'timestamptz',
    }),
    feedback: new Table('feedback', {
      id: 'uuid',
      partnership_id: 'uuid',
      forum: 'text',
      received_on: 'date',
      summary: 'text',
    }),
    feedback_objective: new Table('feedback_objective', { feedback_id: 'uuid', objective_id: 'uuid' }),
    feedback_tag: new Table('feedback_tag', { feedback_id: 'uuid', tag_id: 'uuid' }),
    feedback_response: new Table('feedback_response', {
      id: 'uuid',
      feedback_id: 'uuid',
      text: 'text',
      responded_on: 'date',
    }),
    feedback_response_action: new Table('feedback_response_action', {
      response_id: 'uuid',
      action_id: 'uuid',
    }),
  };
}
