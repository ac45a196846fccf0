import { WebBoardRollupDocument, WebStrategiesDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { FormError } from '$lib/forms';
import type { PageServerLoad } from './$types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageServerLoad = async ({ locals, url }) => {
  const { strategies } = await query(locals.api, WebStrategiesDocument, {});
  const strategyId = url.searchParams.get('strategy') || strategies[0]?.id;
  const asOfRaw = (url.searchParams.get('asOf') ?? '').trim();
  const errors: FormError[] = [];
  let asOf: string | null = null;
  if (asOfRaw) {
    const d = new Date(`${asOfRaw}T00:00:00Z`);
    if (ISO_DATE.test(asOfRaw) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(asOfRaw))
      asOf = asOfRaw;
    else errors.push({ field: 'asOf', message: 'The "as of" date must be a real date, like 2026-03-31' });
  }
  // ?print=1: where "Print this report" leads without JavaScript (with it, the browser's print opens).
  const print = url.searchParams.get('print') === '1';
  if (!strategyId) return { strategies, rollup: null, asOfRaw, errors, print };
  const { boardRollup } = await query(locals.api, WebBoardRollupDocument, {
    strategyId,
    asOf,
    coverageKind: 'ecological-level',
  });
  return { strategies, rollup: boardRollup, asOfRaw, errors, print };
};
