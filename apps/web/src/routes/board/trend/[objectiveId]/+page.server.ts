import { error } from '@sveltejs/kit';
import { WebObjectiveTrendDocument, WebStrategiesDocument, WebStrategyTreeDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The last day of the month `months` after the month of `iso` (negative: before). */
function monthEnd(iso: string, months = 0): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 0)).toISOString().slice(0, 10);
}

/** The latest calendar quarter end (31 March, 30 June, 30 September, 31 December) on or before `iso`. */
function lastQuarterEnd(iso: string): string {
  const month = Number(iso.slice(5, 7)); // 1..12
  const back = month % 3; // months since the quarter's last month
  const end = monthEnd(iso, -back);
  return end <= iso ? end : monthEnd(iso, -back - 3);
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
  // Eight finished calendar quarters, then (unless `to` is itself a quarter end) the quarter so far.
  const end = lastQuarterEnd(to);
  const [{ objectiveTrend }, partial] = await Promise.all([
    query(locals.api, WebObjectiveTrendDocument, {
      objectiveId: params.objectiveId,
      from: monthEnd(end, -21),
      to: end,
    }),
    end < to
      ? query(locals.api, WebObjectiveTrendDocument, { objectiveId: params.objectiveId, from: to, to })
      : null,
  ]);
  const points = [
    ...objectiveTrend.map((p) => ({ ...p, unfinished: false, quarterEnd: p.asOf })),
    ...(partial?.objectiveTrend ?? []).map((p) => ({ ...p, unfinished: true, quarterEnd: monthEnd(end, 3) })),
  ];
  return { objective, points, to };
};
