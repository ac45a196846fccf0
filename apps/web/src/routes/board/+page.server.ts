import { error } from '@sveltejs/kit';
import {
  WebActionExceptionsDocument,
  WebRoundRecordDocument,
  WebStrategyRoundsDocument,
  WebBoardRollupDocument,
  WebStrategiesDocument,
  type ActionFilter,
} from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import type { FormError } from '$lib/forms';
import { readDate } from '$lib/dates';
import { currentStrategy } from '$lib/features/strategy/current';
import type { PageServerLoad } from './$types';

/** The most exceptions of each kind listed; the count links to all of them. */
const EXCEPTIONS = 25;

export const load: PageServerLoad = async ({ locals, url }) => {
  const { strategies } = await query(locals.api, WebStrategiesDocument, {});
  // ?round=<id>: a closed round's record, frozen when it closed (never recomputed), with the
  // restatements recorded since beside it.
  const roundId = url.searchParams.get('round');
  if (roundId) {
    const { reportingRound: round } = await query(locals.api, WebRoundRecordDocument, {
      id: roundId,
      coverageKind: 'ecological-level',
    });
    if (!round || round.status !== 'CLOSED') {
      error(404, { message: 'There is no such closed reporting round.' });
    }
    const { reportingRounds } = await query(locals.api, WebStrategyRoundsDocument, {
      strategyId: round.strategy.id,
    });
    const closedRounds = reportingRounds.filter((r) => r.status === 'CLOSED');
    const { rollup, ...record } = round;
    const print = url.searchParams.get('print') === '1';
    return {
      strategies,
      rollup,
      asOfRaw: '',
      errors: [],
      print,
      exceptions: null,
      round: record,
      closedRounds,
    };
  }
  // The board reports on the strategy in force today, not the newest (which may be a draft).
  const strategyId = url.searchParams.get('strategy') || currentStrategy(strategies)?.id;
  // The "as of" date input's day, month and year, or ?asOf=YYYY-MM-DD from a link.
  const read = readDate((k) => url.searchParams.get(k), 'asOf', 'the "as of" date');
  const asOf = read.value;
  const asOfRaw = read.typed;
  const errors: FormError[] = read.error ? [{ field: 'asOf', message: read.error }] : [];
  // ?print=1: where "Print this report" leads without JavaScript (with it, the browser's print opens).
  const print = url.searchParams.get('print') === '1';
  if (!strategyId)
    return {
      strategies,
      rollup: null,
      asOf,
      asOfRaw,
      errors,
      print,
      exceptions: null,
      round: null,
      closedRounds: [],
    };
  const open = ['NOT_STARTED', 'IN_PROGRESS'] as const;
  const kinds: Array<{ key: 'red' | 'overdue' | 'stale'; filter: ActionFilter }> = [
    { key: 'red', filter: { strategyId, rag: ['RED'], status: [...open] } },
    { key: 'overdue', filter: { strategyId, overdue: true } },
    { key: 'stale', filter: { strategyId, stale: true } },
  ];
  const [{ boardRollup }, { reportingRounds }, ...lists] = await Promise.all([
    query(locals.api, WebBoardRollupDocument, { strategyId, asOf, coverageKind: 'ecological-level' }),
    query(locals.api, WebStrategyRoundsDocument, { strategyId }),
    ...kinds.map((k) =>
      query(locals.api, WebActionExceptionsDocument, { filter: k.filter, first: EXCEPTIONS }),
    ),
  ]);
  const exceptions = Object.fromEntries(
    kinds.map((k, i) => [
      k.key,
      { totalCount: lists[i].actions.totalCount, actions: lists[i].actions.edges.map((e) => e.node) },
    ]),
  ) as Record<
    'red' | 'overdue' | 'stale',
    { totalCount: number; actions: (typeof lists)[number]['actions']['edges'][number]['node'][] }
  >;
  const closedRounds = reportingRounds.filter((r) => r.status === 'CLOSED');
  return {
    strategies,
    rollup: boardRollup,
    asOf,
    asOfRaw,
    errors,
    print,
    exceptions,
    round: null,
    closedRounds,
  };
};
