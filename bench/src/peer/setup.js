// What a PostGraphile user would add to the database to serve the same two screens (created in the
// benchmark's databases only):
// - bench_rollup(strategy_id, as_of, kind): the board roll-up as one json value, a custom query
//   function (the idiomatic way to expose an aggregate in PostGraphile); its body is the floor's SQL;
// - a smart tag making action.latest_update_id a relation (the column has no foreign key);
// - action_tag_list(action): a computed column giving an action's tags in (kind, slug) order.
import { rollupSql } from '../floor.js';

export function peerSetupSql() {
  return `
CREATE OR REPLACE FUNCTION bench_rollup(strategy_id uuid, as_of date, kind text) RETURNS json
LANGUAGE plpgsql STABLE AS $fn$
#variable_conflict use_column
BEGIN
  IF as_of >= (now() AT TIME ZONE 'Europe/London')::date THEN
    RETURN (${rollupSql(true)});
  END IF;
  RETURN (${rollupSql(false)});
END
$fn$;
COMMENT ON TABLE action IS E'@foreignKey (latest_update_id) references action_update (id)|@fieldName latestUpdate|@foreignFieldName actionsWithLatest';
CREATE OR REPLACE FUNCTION action_tag_list(a action) RETURNS SETOF tag LANGUAGE sql STABLE AS $fn$
  SELECT t.* FROM action_tag at JOIN tag t ON t.id = at.tag_id WHERE at.action_id = a.id ORDER BY t.kind, t.slug
$fn$;
COMMENT ON FUNCTION action_tag_list(action) IS E'@behavior -connection +list';
`;
}
