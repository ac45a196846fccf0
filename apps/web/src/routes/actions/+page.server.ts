import {
  WebActionListDocument,
  WebStrategiesDocument,
  actionPlanExportPath,
  type ActionFilter,
  type ActionStatus,
  type Rag,
} from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import { readDate } from '$lib/dates';
import { RAGS, STATUSES } from '$lib/features/actions/labels';
import { strategyOptionText } from '$lib/features/strategy/current';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
  const p = url.searchParams;
  const hasGroups = (locals.viewer?.memberships.length ?? 0) > 0;
  // Chairs, coordinators and members start at their own groups' actions; others see the whole plan.
  const scope =
    p.get('scope') === 'all' || p.get('scope') === 'mine' ? p.get('scope')! : hasGroups ? 'mine' : 'all';
  // Several statuses may be asked for (the board's links: "open" is not started or in progress).
  const statuses = p.getAll('status').filter((v) => (STATUSES as readonly string[]).includes(v));
  const status = statuses.length === 1 ? statuses[0] : '';
  const rag = p.get('rag') ?? '';
  const overdue = p.get('overdue') === 'yes';
  const stale = p.get('stale') === 'yes';
  const groupId = p.get('group') ?? '';
  const strategyId = p.get('strategy') ?? '';
  // From the board's counts: the actions of one objective or output.
  const objectiveId = p.get('objective') ?? '';
  const outputId = p.get('output') ?? '';
  // From a past board's counts: status, rating, overdue and "update due" as they stood that day.
  const asOf = readDate((k) => p.get(k), 'asOf', 'the "as of" date').value;

  const filter: ActionFilter = {};
  if (scope === 'mine') filter.mine = true;
  if (statuses.length) filter.status = statuses as ActionStatus[];
  if ((RAGS as readonly string[]).includes(rag)) filter.rag = [rag as Rag];
  if (overdue) filter.overdue = true;
  if (stale) filter.stale = true;
  if (groupId) filter.groupId = groupId;
  if (strategyId) filter.strategyId = strategyId;
  if (objectiveId) filter.objectiveId = objectiveId;
  if (outputId) filter.outputId = outputId;
  if (asOf) filter.asOf = asOf;

  const [data, { strategies }] = await Promise.all([
    query(locals.api, WebActionListDocument, { filter, first: PAGE_SIZE, after: p.get('after') || null }),
    query(locals.api, WebStrategiesDocument, {}),
  ]);
  // The whole plan of each strategy as a spreadsheet, narrowed to the group filtered on, if any.
  const group = data.operationalGroups.find((g) => g.id === groupId);
  const downloads = strategies.map((s) => ({
    href: actionPlanExportPath(s.id, group?.id),
    text: `${s.title} action plan${group ? ` for ${group.name}` : ''}`,
  }));
  return {
    filters: {
      scope,
      status,
      statuses,
      rag,
      overdue,
      stale,
      group: groupId,
      strategy: strategyId,
      objective: objectiveId,
      output: outputId,
      asOf,
    },
    strategies: strategies.map((s) => ({ id: s.id, title: s.title, text: strategyOptionText(s) })),
    hasGroups,
    // Any filter beyond "whose actions": an empty list then says to change the filters.
    filtered: Object.keys(filter).some((k) => k !== 'mine'),
    isAdmin: !!locals.viewer?.permissions.administer,
    canAdd: !!locals.viewer?.permissions.createActions,
    actions: data.actions,
    groups: data.operationalGroups,
    downloads,
  };
};
