// Sends a built data set (generate.js) to PostgreSQL as a few `INSERT ... SELECT FROM unnest($1::type[], ...)`
// statements per table (bulk, no per-row round trips).

const BATCH = 50_000;

/**
 * Inserts every table (parents first) with bulk unnest inserts, then derives each action's current_*
 * columns from its latest update exactly as the API maintains them (greatest reportedOn, then seq).
 * @param {import('pg').ClientBase} client
 */
export async function loadDataset(client, dataset) {
  await client.query('BEGIN');
  for (const table of dataset.tables) {
    const cols = table.columns.map((c) => `"${c}"`).join(', ');
    const params = table.types.map((ty, i) => `$${i + 1}::${ty}[]`).join(', ');
    for (let start = 0; start < table.length; start += BATCH) {
      const values = table.data.map((col) => col.slice(start, start + BATCH));
      await client.query(`INSERT INTO "${table.name}" (${cols}) SELECT * FROM unnest(${params})`, values);
    }
  }
  await client.query(`
    UPDATE action a
       SET current_status = l.status, current_rag = l.rag, last_reported_on = l.reported_on,
           latest_update_id = l.id
      FROM (SELECT DISTINCT ON (action_id) action_id, id, status, rag, reported_on
              FROM action_update ORDER BY action_id, reported_on DESC, seq DESC) l
     WHERE l.action_id = a.id`);
  await client.query('COMMIT');
}

/** Row counts per table, for the report. */
export function datasetCounts(dataset) {
  return Object.fromEntries(dataset.tables.map((t) => [t.name, t.length]));
}
