import { error } from '@sveltejs/kit';
import { WebObjectiveTrendDocument, WebStrategiesDocument, WebStrategyTreeDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Eight quarters ending at `to`: two years of board meetings. */
function quartersBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 21);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const raw = url.searchParams.get('asOf') ?? '';
  const to =
    ISO_DATE.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : new Date().toISOString().slice(0, 10);
  const { strategies } = await query(locals.api, WebStrategiesDocument, {});
  // The objective's name comes from its strategy's tree (the trend points carry numbers only).
  let objective: { id: string; code: string; title: string } | undefined;
  for (const s of strategies) {
    const { strategy } = await query(locals.api, WebStrategyTreeDocument, { id: s.id });
    objective = strategy?.objectives.find((o) => o.id === params.objectiveId);
    if (objective) break;
  }
  if (!objective) error(404, { message: 'There is no such objective.' });
  const { objectiveTrend } = await query(locals.api, WebObjectiveTrendDocument, {
    objectiveId: params.objectiveId,
    from: quartersBefore(to),
    to,
  });
  return { objective, points: objectiveTrend, to };
};
