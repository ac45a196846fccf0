import { error } from '@sveltejs/kit';
import { WebChangesSinceDocument, WebRollupChangesDocument, WebStrategiesDocument } from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import type { FormError } from '$lib/forms';
import { readDate } from '$lib/dates';
import { currentStrategy } from '$lib/features/strategy/current';
import type { PageServerLoad } from './$types';

/**
 * What changed between two dates (GET form: works without JavaScript). "From" defaults to the last
 * closed round's returns due date (Strategy.changesSince), "to" to today (the API's default).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { strategies } = await query(locals.api, WebStrategiesDocument, {});
  const strategyId = url.searchParams.get('strategy') || currentStrategy(strategies)?.id;
  // Each date input's day, month and year, or ?from=YYYY-MM-DD / ?to=... from a link.
  const fromRead = readDate((k) => url.searchParams.get(k), 'from', 'the "changes after" date');
  const toRead = readDate((k) => url.searchParams.get(k), 'to', 'the "up to" date');
  const fromRaw = fromRead.typed;
  const toRaw = toRead.typed;
  const base = { strategies, fromRaw, toRaw, errors: [] as FormError[], changes: null, since: null };
  if (!strategyId) return base;
  const { strategy: since } = await query(locals.api, WebChangesSinceDocument, { strategyId });
  if (!since) return base;
  const errors: FormError[] = [];
  if (fromRead.error) errors.push({ field: 'from', message: fromRead.error });
  if (toRead.error) errors.push({ field: 'to', message: toRead.error });
  const from = fromRead.value ?? since.changesSince;
  const to = toRead.value;
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
