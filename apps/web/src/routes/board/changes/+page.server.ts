import { error } from '@sveltejs/kit';
import { WebChangesSinceDocument, WebRollupChangesDocument, WebStrategiesDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import type { FormError } from '$lib/forms';
import { currentStrategy } from '$lib/features/strategy/current';
import type { PageServerLoad } from './$types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real YYYY-MM-DD date, or null. */
function isoDate(raw: string): string | null {
  const d = new Date(`${raw}T00:00:00Z`);
  return ISO_DATE.test(raw) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(raw) ? raw : null;
}

/**
 * What changed between two dates (GET form: works without JavaScript). "From" defaults to the last
 * closed round's returns due date (Strategy.changesSince), "to" to today (the API's default).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { strategies } = await query(locals.api, WebStrategiesDocument, {});
  const strategyId = url.searchParams.get('strategy') || currentStrategy(strategies)?.id;
  const fromRaw = (url.searchParams.get('from') ?? '').trim();
  const toRaw = (url.searchParams.get('to') ?? '').trim();
  const base = { strategies, fromRaw, toRaw, errors: [] as FormError[], changes: null, since: null };
  if (!strategyId) return base;
  const { strategy: since } = await query(locals.api, WebChangesSinceDocument, { strategyId });
  if (!since) return base;
  const errors: FormError[] = [];
  const from = fromRaw ? isoDate(fromRaw) : since.changesSince;
  const to = toRaw ? isoDate(toRaw) : null;
  if (!from) errors.push({ field: 'from', message: 'The "from" date must be a real date, like 2026-03-31' });
  if (toRaw && !to)
    errors.push({ field: 'to', message: 'The "to" date must be a real date, like 2026-06-30' });
  if (errors.length) return { ...base, since, errors };
  const result = await locals.api
    .query(WebRollupChangesDocument, { strategyId, from: from!, to })
    .toPromise();
  const apiErrs = apiErrors(result);
  if (apiErrs.length) {
    // Bad dates come back naming the field (e.g. "from" after "to"); anything else is the error page's.
    if (apiErrs.every((e) => e.code === 'BAD_USER_INPUT')) {
      return { ...base, since, errors: apiErrs.map((e) => ({ field: e.field, message: e.message })) };
    }
    error(apiErrs[0].code === 'NOT_FOUND' ? 404 : 502, {
      message:
        apiErrs[0].code === 'NOT_FOUND' ? apiErrs[0].message : 'Sorry, there is a problem with the service.',
    });
  }
  return { ...base, since, changes: result.data!.rollupChanges };
};
